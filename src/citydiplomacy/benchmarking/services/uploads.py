"""Uploaded statistics files kept between the dry-run preview and the confirmation, under
``MEDIA_ROOT/benchmarking/uploads/``. A file is named by a random token, never by the user's
file name, and files left unconfirmed are removed after a day."""

import re
import time
import uuid
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 3600
TOKEN = re.compile(r"[0-9a-f]{32}")


def folder() -> Path:
    path = Path(settings.MEDIA_ROOT) / "benchmarking" / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save(upload) -> str:
    """Store an uploaded file; returns its token."""
    remove_stale()
    token = uuid.uuid4().hex
    with (folder() / token).open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return token


def read(token: str) -> bytes | None:
    """The file's bytes, or None for an unknown (or malformed) token."""
    if not TOKEN.fullmatch(token or ""):
        return None
    path = folder() / token
    return path.read_bytes() if path.is_file() else None


def discard(token: str) -> None:
    if TOKEN.fullmatch(token or ""):
        (folder() / token).unlink(missing_ok=True)


def remove_stale(now: float | None = None) -> None:
    limit = (now or time.time()) - MAX_AGE_SECONDS
    for path in folder().iterdir():
        if TOKEN.fullmatch(path.name) and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
