"""A disk cache of what the PDF renderer derives from a font file.

ReportLab reads every glyph's metrics in Python when a face is registered:
for the five bundled CJK faces (10,000–30,000 glyphs each) that is about
0.9 s of every cold ``exporter build``, the largest single cost of building
the example (and reading the 样例 watermark's outlines with fontTools
another 0.6 s).  Both depend only on the file and the ReportLab version,
so it is stored once per user (``$EXPORTER_CACHE_DIR``, else
``$XDG_CACHE_HOME/exporter``, else ``~/.cache/exporter``) and read back in a
few milliseconds.  The cached object carries no font bytes (the file is read
again, as ReportLab does) and nothing about a document, so output bytes are
the same with or without the cache.  Any problem with the cache (unwritable
home, a damaged or foreign entry) falls back to parsing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

import reportlab
from reportlab.pdfbase.ttfonts import TTFontFace

CACHE_FORMAT = 1
T = TypeVar("T")


def _identity(x):
    return x


class _Scale:
    """``_pdfScale`` of a face whose em is not 1000 units (a picklable stand-in for ReportLab's lambda)."""

    def __init__(self, units_per_em: int):
        self.factor = 1000 / units_per_em

    def __call__(self, x):
        return x * self.factor


class StoredFace(TTFontFace):
    """A TTFontFace that pickles without its 10 MB of font bytes and its lambda."""

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_ttf_data", None)
        state.pop("_pdfScale", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        with open(self.filename, "rb") as fh:
            self._ttf_data = fh.read()
        self._pdfScale = _identity if self.unitsPerEm == 1000 else _Scale(self.unitsPerEm)


def cache_dir() -> Path:
    explicit = os.environ.get("EXPORTER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "exporter"


def _entry(path: Path, label: str) -> Path:
    """The cache file for *label* of one font file: keyed by the file's identity and ReportLab's version."""
    st = path.stat()
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{label}|{reportlab.Version}|{CACHE_FORMAT}"
    return cache_dir() / "faces" / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.pickle"


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
    return value


def load_face(path: Path, subfont_index: int = 0) -> TTFontFace:
    """ReportLab's parse of the face, from the cache when it is there."""
    return cached(path, f"face:{subfont_index}",
                  lambda: StoredFace(str(path), validate=0, subfontIndex=subfont_index), StoredFace)


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
