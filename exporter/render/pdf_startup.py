"""Skip the import-time work ReportLab does for features the summary never uses.

Importing ``reportlab.platypus`` compiles, among others, a case-insensitive
URL pattern (``paragraph.uri_pat``, for splitting long links in a Paragraph)
and a CJK splitting pattern (``textsplit``).  The URL pattern's character
ranges run to U+FFFF, and compiling it costs ~55 ms on this machine: about a
tenth of the start-up of every PDF build.  The summary draws its own text
(:mod:`~exporter.render.pdf_textout`) and never reaches either pattern.

:func:`defer_unused_patterns` puts a :class:`DeferredPattern` in the ``re``
module's cache under each pattern's exact source, so ReportLab's
``re.compile`` gets the stand-in, which compiles the real pattern the first
time anything uses it.  Behaviour is unchanged either way: if ReportLab
changes a pattern's text, or a Python release keys its cache differently,
the stand-in is simply not found and the pattern is compiled as before.
Import this module before anything imports ``reportlab.platypus``, and call
:func:`release` after.
"""

from __future__ import annotations

import re
import sys
import threading
from typing import Any

# The sources exactly as ReportLab 4.x/5.x passes them to re.compile, with their flags.
REPORTLAB_URI_PATTERN = (
    '(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)'
    '(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|'
    '([a-z\xa1-\uffff0-9](?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?'
    '(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})'
    '(?<!-)\\.?|localhost))(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z'
)
REPORTLAB_CJK_PATTERN = "([\u2e80-\uffff])"
UNUSED_PATTERNS = ((REPORTLAB_URI_PATTERN, re.IGNORECASE), (REPORTLAB_CJK_PATTERN, re.UNICODE))
REPORTLAB_MODULES = ("reportlab.platypus.paragraph", "reportlab.lib.textsplit")
_LOCK = threading.Lock()


class DeferredPattern:
    """A compiled pattern in waiting: the first attribute asked for compiles it."""

    def __init__(self, pattern: str, flags: int):
        self._source = pattern
        self._flags = flags
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        with _LOCK:
            if self._compiled is None:
                self._compiled = _compile_uncached(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):          # copy/pickle probe an uninitialised instance: no recursion
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self):
        return re.compile, (self._source, self._flags)

    def __copy__(self) -> re.Pattern:
        return self.compiled()

    def __deepcopy__(self, memo) -> re.Pattern:
        return self.compiled()


def _cache_key(pattern: str, flags: int) -> tuple:
    return (type(pattern), pattern, int(flags))


def _caches() -> list[dict]:
    """The ``re`` module's pattern caches (one dict in 3.11, two from 3.12 on)."""
    return [c for c in (getattr(re, "_cache", None), getattr(re, "_cache2", None)) if isinstance(c, dict)]


def _compile_uncached(pattern: str, flags: int) -> re.Pattern:
    _drop(_cache_key(pattern, flags))
    return re.compile(pattern, flags)


def _drop(key: tuple) -> None:
    for cache in _caches():
        if isinstance(cache.get(key), DeferredPattern):
            cache.pop(key, None)


def defer_unused_patterns() -> None:
    """Seed the cache with stand-ins, unless ReportLab already compiled its patterns."""
    if any(name in sys.modules for name in REPORTLAB_MODULES):
        return
    for pattern, flags in UNUSED_PATTERNS:
        for cache in _caches():
            cache.setdefault(_cache_key(pattern, flags), DeferredPattern(pattern, flags))


def release() -> None:
    """Take the stand-ins out of the cache once ReportLab holds them.

    Only ReportLab should get them: anyone else compiling the same source
    from now on gets a real pattern.
    """
    for pattern, flags in UNUSED_PATTERNS:
        _drop(_cache_key(pattern, flags))


defer_unused_patterns()
