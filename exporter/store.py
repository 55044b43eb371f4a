"""The output folder: names, atomic writes, and the manifest.

A reader of the output folder (a mailer, a sync job, a person) must never see
half a file, and an interrupted run must leave the previous outputs as they
were.  So every file is written to a temporary name in the same folder and
renamed into place; a build stages all its documents first and renames them
only when all of them rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import BinaryIO, Iterator

MANIFEST = "manifest.json"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def safe_name(text: str, limit: int = 60) -> str:
    """A file-name part that every file system and mail client accepts."""
    cleaned = _UNSAFE.sub("", text).strip(". ")
    return cleaned[:limit] or "meeting"


def meeting_folder(out_root: Path, meeting_date: date, title: str, short_title: str, ascii_names: bool) -> Path:
    """``out/2024-03-11-2024年工作会议暨高质量发展表彰大会/``.

    With ASCII names the title cannot be spelled, so a short hash of it keeps two
    meetings of the same day apart: ``out/2024-03-11-meeting-5f2a9c1e/``.
    """
    if ascii_names:
        label = "meeting-" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:8]
    else:
        label = safe_name(short_title)
    return out_root / f"{meeting_date.isoformat()}-{label}"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def staged_file(target: Path) -> Iterator[tuple[Path, BinaryIO]]:
    """A temporary file beside ``target``; removed on error, left for :func:`commit` otherwise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp_path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield tmp_path, fh
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def commit(staged: Path, target: Path) -> None:
    """Rename a staged file into place: atomic on POSIX within one folder."""
    os.chmod(staged, 0o644)
    os.replace(staged, target)


def write_atomic(target: Path, data: bytes) -> None:
    """Write a whole file so that readers see the old or the new version only."""
    with staged_file(target) as (tmp, fh):
        fh.write(data)
    commit(tmp, target)


def sync_folder(folder: Path) -> None:
    """Make the renames durable (a power cut after a build keeps the new files)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_parts(folder: Path) -> None:
    """Temporary files left by a killed run are never documents: clear them."""
    if folder.is_dir():
        for part in folder.glob(".*.part"):
            part.unlink(missing_ok=True)


def read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def manifest_bytes(manifest: dict) -> bytes:
    """Stable JSON: sorted keys, so the same build gives the same manifest."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
