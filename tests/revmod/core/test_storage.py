"""A disk with no room for an upload: nothing half-written is left, and the page says so."""

from __future__ import annotations

import errno
import json
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import filesystem
from django.test import RequestFactory
from django.utils import translation

from revmod.core.storage import MediaStorage, StorageFull
from revmod.core.views import server_error


def failing_writes(monkeypatch, code: int, after: int = 10) -> None:
    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, handle):
            self.handle = handle

        def write(self, chunk):
            self.handle.write(chunk[:after])
            self.handle.flush()
            raise OSError(code, os.strerror(code))

        def close(self):
            self.handle.close()

    monkeypatch.setattr(filesystem.os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode)))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_a_full_disk_or_quota_leaves_no_part_of_the_file(tmp_path, monkeypatch, code):
    storage = MediaStorage(location=tmp_path)
    failing_writes(monkeypatch, code)

    with pytest.raises(StorageFull):
        storage.save("evidence/law.pdf", ContentFile(b"%PDF-1.4 " * 100))

    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_another_write_error_also_leaves_nothing_but_is_not_called_full(tmp_path, monkeypatch):
    storage = MediaStorage(location=tmp_path)
    failing_writes(monkeypatch, errno.EIO)

    with pytest.raises(OSError, match="Input/output error") as raised:
        storage.save("law.pdf", ContentFile(b"x" * 100))

    assert not isinstance(raised.value, StorageFull)
    assert not (tmp_path / "law.pdf").exists()


def test_a_file_already_there_under_the_name_is_never_removed(tmp_path, monkeypatch):
    storage = MediaStorage(location=tmp_path)
    storage.save("law.pdf", ContentFile(b"the first"))
    failing_writes(monkeypatch, errno.ENOSPC)

    with pytest.raises(StorageFull):
        storage.save("law.pdf", ContentFile(b"the second"))  # stored under another name, which failed

    assert (tmp_path / "law.pdf").read_bytes() == b"the first"
    assert [path.name for path in tmp_path.iterdir()] == ["law.pdf"]


@pytest.mark.parametrize(
    ("language", "title", "direction"),
    [
        ("en", "The file could not be stored", "ltr"),
        ("fr", "Le fichier n’a pas pu être enregistré", "ltr"),  # noqa: RUF001 - French
        ("ar", "تعذّر حفظ الملف", "rtl"),
    ],
)
def test_an_upload_that_found_the_disk_full_answers_507_in_the_readers_language(language, title, direction):
    request = RequestFactory().post(f"/{language}/meetings/1/files/")
    with translation.override(language):
        try:
            raise StorageFull(errno.ENOSPC, "no room left to store the file", "meetings/a.pdf")
        except StorageFull:
            response = server_error(request)

    body = response.content.decode()
    assert response.status_code == 507
    assert f"<h1>{title}</h1>" in body
    assert f'dir="{direction}"' in body
    assert response["Cache-Control"] == "no-store"


def test_the_api_gets_the_same_refusal_as_json():
    request = RequestFactory().post("/api/v1/evidence/")
    try:
        raise StorageFull(errno.ENOSPC, "no room left to store the file", "a.pdf")
    except StorageFull:
        response = server_error(request)

    assert response.status_code == 507
    assert json.loads(response.content) == {
        "detail": "The server has no room left to store files. The file was not stored; tell the secretariat."
    }
