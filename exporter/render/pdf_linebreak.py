"""Chinese line breaking (GB/T 15834 §5.1, layout.md §4) for the PDF renderer.

ReportLab's ``wordWrap='CJK'`` consults a Japanese cannot-start list (no
"，" "；" "》" "”"), has no cannot-end list and splits "——".  This module
breaks lines itself, from the rule sets in :mod:`exporter.text`:

* text is cut into *clusters* that never split: "——", "……" and the
  placeholder "××" (any run of them), a Latin word or a number with its
  decimal point, and a number with the measure word or unit after it
  (``16.3%``, ``69家``, ``2024年``);
* a break is allowed between two clusters unless the next one starts with a
  mark of ``NO_LINE_START`` (。，、；：？！ closing brackets and quotes …) or
  the previous one ends with a mark of ``NO_LINE_END`` (opening brackets and
  quotes …): chains such as "。”" or "（《" are covered by the same rule;
* lines are filled greedily; a cluster that does not fit goes to the next
  line together with whatever it may not be separated from, so punctuation
  never hangs outside the type area and the line is justified instead.

Pure Python and no ReportLab: the caller supplies character widths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from exporter.text import NO_LINE_END, NO_LINE_START

__all__ = ["Line", "allowed_breaks", "break_lines", "clusters"]

_NO_START = frozenset(NO_LINE_START)
_NO_END = frozenset(NO_LINE_END)

# A Latin word or a number (with inner . , : / - and friends), then optionally one
# unit that belongs to it.  Runs of ——/…… are one cluster each, and so is ××,
# the placeholder of a name (××开发区): half of it at a line end reads as a typo.
_CLUSTER = re.compile(
    r"[A-Za-z0-9]+(?:[.,:/_&+\-'’][A-Za-z0-9]+)*(?:[%‰℃°]|(?<=[0-9])[年月日时分秒家个名项亿万元])?"
    r"|—{2,}|…{2,}|×{2,}|\s|."
    , re.DOTALL)

_EPS = 0.01   # pt: widths are sums of floats


@dataclass(frozen=True)
class Line:
    """Characters ``text[start:end]`` (trailing spaces dropped) and their natural width.

    The width may exceed the line's measure by what :func:`break_lines` allowed
    to be taken out of the gaps between clusters; the renderer justifies
    every line but the last to the exact measure either way.
    """

    start: int
    end: int
    width: float
    last: bool              # ends a paragraph or a forced break: not justified


def clusters(text: str) -> list[int]:
    """Boundaries ``[0, b1, …, len(text)]`` between unbreakable clusters."""
    bounds = [0]
    for m in _CLUSTER.finditer(text):
        bounds.append(m.end())
    return bounds


def allowed_breaks(text: str, bounds: Sequence[int]) -> list[bool]:
    """For each inner boundary ``bounds[i]`` (0 < i < len-1): may a line end there?"""
    ok = [False] * len(bounds)
    for i in range(1, len(bounds) - 1):
        b = bounds[i]
        after, before = text[b], text[b - 1]
        if after == "\n" or before == "\n":
            ok[i] = True
        elif before.isspace():
            ok[i] = True          # after a space (the space is dropped at the line end)
        elif after.isspace():
            ok[i] = False         # break after the space instead
        else:
            ok[i] = after not in _NO_START and before not in _NO_END
    return ok


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return start, end


class _Measure:
    """Widths of character spans in O(1), from prefix sums."""

    def __init__(self, widths: Sequence[float], tracking: float):
        self.tracking = tracking
        self.prefix = [0.0]
        for w in widths:
            self.prefix.append(self.prefix[-1] + w)

    def __call__(self, start: int, end: int) -> float:
        n = end - start
        return self.prefix[end] - self.prefix[start] + self.tracking * (n - 1) if n > 0 else 0.0


def break_lines(text: str, widths: Sequence[float], max_widths: Sequence[float],
                tracking: float = 0.0, shrink: float = 0.0, loose: float = float("inf")) -> list[Line]:
    """Lines for *text* whose characters are *widths* wide, each at most its max width.

    ``max_widths[i]`` is the width of line *i* (the last value repeats): a
    first-line indent is a narrower first line.  *tracking* is added between
    characters (negative to fit 28 characters per line on the 9704 grid).
    A cluster wider than a whole line is cut between characters.

    A line that would be left more than *loose* short (and so be spread
    visibly: "决" at the end and "定》，" sent down) takes the clusters up to
    the next allowed break instead when they overflow by no more than
    *shrink* per gap between clusters: the line is set a little tighter
    rather than much looser.  Glyphs then overlap by at most *shrink*, so
    text extraction still reads the line as one run of text.
    """
    bounds = clusters(text)
    ok = allowed_breaks(text, bounds)
    measure = _Measure(widths, tracking)
    narrow = min(max_widths) if max_widths else float("inf")
    if any(measure(a, b) > narrow + _EPS for a, b in zip(bounds, bounds[1:])):
        bounds, ok = _open_wide_clusters(bounds, ok, measure, narrow, len(text))
    return _Breaker(text, measure, max_widths, bounds, ok, shrink, loose).run()


def _open_wide_clusters(bounds, ok, measure, narrow, length):
    """A cluster wider than the narrowest line (a long URL or number) may break anywhere inside."""
    new_bounds, new_ok = [0], [False]
    for i, (a, b) in enumerate(zip(bounds, bounds[1:])):
        if i:
            new_bounds.append(a)
            new_ok.append(ok[i])
        if measure(a, b) > narrow + _EPS:
            for inner in range(a + 1, b):
                new_bounds.append(inner)
                new_ok.append(True)
    new_bounds.append(length)
    new_ok.append(False)
    return new_bounds, new_ok


class _Breaker:
    """Greedy filling over clusters, with the shrink rescue for loose lines."""

    def __init__(self, text, measure, max_widths, bounds, ok, shrink, loose):
        self.text, self.measure, self.max_widths = text, measure, max_widths
        self.bounds, self.ok, self.shrink, self.loose = bounds, ok, shrink, loose

    def limit(self, line_no: int) -> float:
        mw = self.max_widths
        return mw[min(line_no, len(mw) - 1)] if mw else float("inf")

    def run(self) -> list[Line]:
        text, bounds = self.text, self.bounds
        lines: list[Line] = []
        n = len(bounds) - 1
        first = 0
        while first < n:
            while first < n and text[bounds[first]] in " \t":     # no spaces at a line start
                first += 1
            if first >= n:
                break
            limit = self.limit(len(lines))
            end, forced = self.fill(first, limit)
            if forced:
                lines.append(self.line(first, end, last=True))
                first = end + 1
                continue
            line = self.line(first, end, last=end >= n)
            if not line.last and limit - line.width > self.loose:
                line, end = self.rescue(first, end, limit, line)
            lines.append(line)
            first = end
        return lines

    def fill(self, first: int, limit: float) -> tuple[int, bool]:
        """The cluster index to end the line at, and whether a newline forces it."""
        text, bounds, ok, n = self.text, self.bounds, self.ok, len(self.bounds) - 1
        k = first
        last_ok = None
        while k < n:
            if text[bounds[k]] == "\n":
                return k, True
            # trailing spaces do not count against the width
            if self.measure(bounds[first], bounds[k + 1]) > limit + _EPS and k > first \
                    and not text[bounds[k]].isspace():
                break
            k += 1
            if k < n and ok[k]:
                last_ok = k
        if k >= n or ok[k]:
            return k, False
        if last_ok is not None and last_ok > first:
            return last_ok, False
        return k, False          # nothing allowed on this line: break anyway, never loop

    def line(self, first: int, end: int, last: bool) -> Line:
        s, e = _trim(self.text, self.bounds[first], self.bounds[end])
        return Line(s, e, self.measure(s, e), last)

    def rescue(self, first: int, end: int, limit: float, line: Line) -> tuple[Line, int]:
        """The line up to the next allowed break, if a little shrinking makes it fit."""
        if self.shrink <= 0:
            return line, end
        n = len(self.bounds) - 1
        nxt = end + 1
        while nxt < n and not self.ok[nxt]:
            nxt += 1
        if nxt >= n or "\n" in self.text[self.bounds[end]:self.bounds[nxt]]:
            return line, end      # the paragraph's last line is never justified: keep it loose
        candidate = self.line(first, nxt, last=False)
        gaps = sum(1 for b in self.bounds[first + 1:nxt] if candidate.start < b < candidate.end)
        if candidate.width - limit <= gaps * self.shrink:
            return candidate, nxt
        return line, end
