"""A disk cache of what the PDF renderer derives slowly from a font file.

Reading the 样例 watermark's outlines with fontTools costs ~0.6 s on a
large CJK face.  They depend only on the file, so they are stored once per
user (``$EXPORTER_CACHE_DIR``, else ``$XDG_CACHE_HOME/exporter``, else
``~/.cache/exporter``) and read back in a few milliseconds.  The cached value
carries nothing about a document, so output bytes are the same with or
without the cache.  Any problem with the cache (unwritable home, a damaged
or foreign entry) falls back to computing.

ReportLab's parse of each face used to be cached here too; unpickling it
took ~0.06 s per face, more than :mod:`.pdf_face` now takes to make it, so
faces are no longer stored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

import reportlab

from exporter.usercache import cache_dir

CACHE_FORMAT = 1
T = TypeVar("T")
ENTRIES = "outlines"
LEGACY = "faces"
"""Earlier versions pickled whole faces here (~47 MB for the five bundled ones); removed on the next store."""


def _entry(path: Path, label: str) -> Path:
    """The cache file for *label* of one font file: keyed by the file's identity and ReportLab's version."""
    st = path.stat()
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{label}|{reportlab.Version}|{CACHE_FORMAT}"
    return cache_dir() / ENTRIES / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.pickle"


def cached(path: Path, label: str, compute: Callable[[], T], kind: type) -> T:
    """What *compute* derives from the font file at *path*: from the cache, else computed and stored."""
    try:
        with open(_entry(path, label), "rb") as fh:
            value = pickle.load(fh)
        if isinstance(value, kind):
            return value
    except Exception:  # no entry, or an unreadable one: compute instead
        pass
    value = compute()
    _store(value, _entry(path, label))
    shutil.rmtree(cache_dir() / LEGACY, ignore_errors=True)
    return value


def _store(value, entry: Path) -> None:
    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except Exception:  # a read-only home or a full disk only costs speed
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
