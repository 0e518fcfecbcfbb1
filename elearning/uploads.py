"""Checks on the files trainers attach to lessons: size, and a type read from the content itself."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    extensions: tuple[str, ...]
    content_type: str


PDF = FileType((".pdf",), "application/pdf")
PNG = FileType((".png",), "image/png")
JPEG = FileType((".jpg", ".jpeg"), "image/jpeg")
DOCX = FileType((".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileType((".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileType((".pptx",), "application/vnd.openxmlformats-officedocument.presentationml.presentation")
OFFICE_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
ALLOWED_EXTENSIONS = sorted(ext for kind in (PDF, PNG, JPEG, DOCX, XLSX, PPTX) for ext in kind.extensions)


def _sniff(upload: UploadedFile) -> FileType | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for prefix, kind in OFFICE_PARTS.items():
                if any(name.startswith(prefix) for name in names):
                    return kind
    return None


def validate_lesson_file(upload: UploadedFile) -> FileType:
    """Return the file's type, or refuse a file that is too large or is not what its name says."""
    size = upload.size or 0  # None only for a file built by hand; Django's uploads know their size
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    kind = _sniff(upload)
    extension = PurePath(upload.name or "").suffix.lower()
    if kind is None or extension not in kind.extensions:
        raise ValidationError(
            _("Accepted: PDF, Word, Excel, PowerPoint, PNG or JPEG files whose content matches their name."),
            code="bad_type",
        )
    return kind
