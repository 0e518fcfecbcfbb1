"""The kinds of file an answer's evidence may be, told from their bytes (magic numbers, zip members).

Never from a file's name or from the type a browser sends: the services check that the name
agrees with what the bytes say.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FileKind:
    key: str
    label: object  # a lazy translation
    content_type: str
    extensions: tuple[str, ...]  # the first is the one the file is stored under

    @property
    def extension(self) -> str:
        return self.extensions[0]


FILE_KINDS = {
    kind.key: kind
    for kind in (
        FileKind("pdf", gettext_lazy("PDF document"), "application/pdf", (".pdf",)),
        FileKind(
            "docx",
            gettext_lazy("Word document"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        FileKind("odt", gettext_lazy("OpenDocument text"), "application/vnd.oasis.opendocument.text", (".odt",)),
        FileKind("doc", gettext_lazy("Word 97-2003 document"), "application/msword", (".doc",)),
        FileKind(
            "xlsx",
            gettext_lazy("Excel workbook"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
        ),
        FileKind(
            "ods",
            gettext_lazy("OpenDocument spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet",
            (".ods",),
        ),
        FileKind("xls", gettext_lazy("Excel 97-2003 workbook"), "application/vnd.ms-excel", (".xls",)),
        FileKind("png", gettext_lazy("PNG image"), "image/png", (".png",)),
        FileKind("jpeg", gettext_lazy("JPEG image"), "image/jpeg", (".jpg", ".jpeg")),
        FileKind("txt", gettext_lazy("Plain text"), "text/plain; charset=utf-8", (".txt",)),
    )
}
KIND_BY_CONTENT_TYPE = {kind.content_type: kind for kind in FILE_KINDS.values()}

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Only the few small members that name a zip's type are read, and only this much of each.
ZIP_MEMBER_LIMIT = 64 * 1024


def allowed_kinds() -> list[FileKind]:
    return [FILE_KINDS[key] for key in settings.EVIDENCE_ALLOWED_TYPES if key in FILE_KINDS]


def accept_attribute() -> str:
    """For the file input: the extensions and types the server will take."""
    kinds = allowed_kinds()
    types = (kind.content_type.split(";")[0] for kind in kinds)
    return ",".join([*(ext for kind in kinds for ext in kind.extensions), *types])


def kind_of(content_type: str) -> FileKind | None:
    return KIND_BY_CONTENT_TYPE.get(content_type)


def detect_kind(upload: File) -> FileKind | None:
    """The kind of file the bytes say it is, or None when it is none we know."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return FILE_KINDS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FILE_KINDS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return FILE_KINDS["jpeg"]
    if head.startswith(OLE_SIGNATURE):
        return _ole_kind(upload)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    return _text_kind(upload)


class UploadRefused(Exception):
    """Why an upload cannot be kept: ``reason`` is "empty", "too_large", "kind" or "name".

    Each app words the refusal its own way; ``values`` hold what the words need: ``limit``
    (the size, formatted by the caller), ``kinds`` (the allowed kinds), and for a wrong name
    ``extension``, ``kind`` and ``expected``.
    """

    def __init__(self, reason: str, **values) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


def checked_kind(upload: File, *, max_bytes: int) -> FileKind:
    """The kind of an upload, read from its bytes; UploadRefused when it is empty, too large, of a
    kind not allowed, or named as another kind."""
    size = upload.size or 0
    if not size:
        raise UploadRefused("empty")
    if size > max_bytes:
        raise UploadRefused("too_large", limit=max_bytes)
    kind = detect_kind(upload)
    allowed = allowed_kinds()
    if kind is None or kind not in allowed:
        raise UploadRefused("kind", kinds=", ".join(str(allowed_kind.label) for allowed_kind in allowed))
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in kind.extensions:
        raise UploadRefused("name", extension=extension or "…", kind=kind.label, expected=kind.extension)
    return kind


def sha256_of(upload: File) -> str:
    """The hex SHA-256 of an upload's bytes, read in chunks; the file is left at its start."""
    upload.seek(0)
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def _ole_kind(upload: File) -> FileKind | None:
    """A legacy Office file: its directory names the main stream in UTF-16."""
    content = upload.read()
    upload.seek(0)
    if "WordDocument".encode("utf-16-le") in content:
        return FILE_KINDS["doc"]
    if "Workbook".encode("utf-16-le") in content or "Book".encode("utf-16-le") in content:
        return FILE_KINDS["xls"]
    return None


def _zip_kind(upload: File) -> FileKind | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(ZIP_MEMBER_LIMIT).decode("ascii", "replace").strip()
                return {
                    "application/vnd.oasis.opendocument.text": FILE_KINDS["odt"],
                    "application/vnd.oasis.opendocument.spreadsheet": FILE_KINDS["ods"],
                }.get(mimetype)
            if "[Content_Types].xml" in names:
                with archive.open("[Content_Types].xml") as member:
                    types = member.read(ZIP_MEMBER_LIMIT).decode("utf-8", "replace")
                if "wordprocessingml.document.main+xml" in types:
                    return FILE_KINDS["docx"]
                if "spreadsheetml.sheet.main+xml" in types:
                    return FILE_KINDS["xlsx"]
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def _text_kind(upload: File) -> FileKind | None:
    content = upload.read()
    upload.seek(0)
    if b"\x00" in content:
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return FILE_KINDS["txt"]
