"""Uploaded files on the local disk, with nothing half-written left when the disk is full."""

from __future__ import annotations

import contextlib
import errno
import os

from django.core.files.storage import FileSystemStorage

FULL = (errno.ENOSPC, errno.EDQUOT)


class StorageFull(OSError):
    """The disk (or the quota) of MEDIA_ROOT has no room for the file: nothing of it was kept."""


class MediaStorage(FileSystemStorage):
    """FileSystemStorage that removes the part of a file it could not finish writing.

    Django leaves the bytes written before a failed write (a full disk, a quota reached) under
    the new name; an upload that failed must leave nothing behind. A full disk is raised as
    ``StorageFull`` so that the page can say so.
    """

    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError as error:
            if not existed:  # the name was free: what is there now is this write's remains
                with contextlib.suppress(FileNotFoundError):
                    os.remove(path)
            if error.errno in FULL:
                raise StorageFull(error.errno, "no room left to store the file", name) from error
            raise
