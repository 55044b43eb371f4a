"""A per-user disk cache of facts derived from one file (a font), keyed by its identity.

Every cold ``exporter build`` used to hash the five bundled faces (~60 MB,
0.07 s) for the manifest and parse their cmap tables (0.05 s) for the glyph
check, although those files never change between runs.  A fact stored here
is keyed by the file's resolved path, size, modification time (ns) and inode,
the same identity ``make`` and ``rsync`` trust, plus a label and a format
version, so a replaced or edited font is read again.

Location: ``$EXPORTER_CACHE_DIR``, else ``$XDG_CACHE_HOME/exporter``, else
``~/.cache/exporter``.  Values are :mod:`marshal` data (ints, strings,
tuples, bytes): no code runs on load, and reading 30,000 code points takes a
millisecond.  Any problem (read-only home, full disk, a damaged or foreign
entry) only costs speed: the caller computes the fact again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

FORMAT = 1


def cache_dir() -> Path:
    """Where this user's cache lives (created only when something is stored)."""
    explicit = os.environ.get("EXPORTER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "exporter"


def _entry(path: Path, label: str) -> Path:
    st = path.stat()
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}|{label}|{FORMAT}"
    return cache_dir() / "facts" / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.marshal"


def file_fact(path: Path, label: str, compute: Callable[[], Any]) -> Any:
    """*compute()* for the file at *path*, read from the cache when the file is unchanged.

    The value must be marshal-able; a stored value that cannot be read back
    is computed again and overwritten.
    """
    try:
        entry = _entry(path, label)
    except OSError:
        return compute()
    try:
        with open(entry, "rb") as fh:
            stored = marshal.load(fh)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == label:
            return stored[1]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = compute()
    _store(entry, (label, value))
    return value


def _store(entry: Path, value: Any) -> None:
    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(value, fh)
        os.replace(tmp, entry)
        tmp = None
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
