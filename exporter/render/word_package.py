"""Writing the briefing's parts into a .docx (a zip), streaming, with fixed entry dates.

A part is bytes, a str, or an iterable of pieces (str or UTF-8 bytes); the
last is encoded and compressed as it comes, so the document part of a 100,000-row list (about
90 MB of XML) never exists whole in memory.  Deflate's output does not
depend on how its input is cut into writes, so streaming gives the same
bytes as writing each part in one piece.

Same input, same bytes: every entry is dated the briefing's date at
midnight, with fixed attributes, in the order the caller gives.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from typing import BinaryIO, Union

Content = Union[bytes, str, Iterable[Union[str, bytes]]]

ZIP_EPOCH_YEAR = 1980           # the earliest year a zip entry can carry
FLUSH_BYTES = 1 << 18           # compress the streamed pieces in batches of about this size


def write_package(out: BinaryIO, parts: Sequence[tuple[str, Content]], day: date) -> None:
    """Write ``parts`` (name, content) to ``out`` as a zip, every entry dated ``day``.

    A zip written to a stream that cannot seek gets data descriptors after
    each entry instead of sizes in its header, so its bytes differ; such a
    stream gets the (compressed, small) package through a buffer instead.
    """
    if not _seekable(out):
        buffer = io.BytesIO()
        write_package(buffer, parts, day)
        out.write(buffer.getvalue())
        return
    stamp = (max(day.year, ZIP_EPOCH_YEAR), day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts:
            with package.open(_entry(name, stamp), "w") as dst:
                _write_content(dst, content)


def _seekable(out: BinaryIO) -> bool:
    try:
        return out.seekable()
    except (AttributeError, ValueError):
        return False


def _entry(name: str, stamp: tuple[int, ...]) -> zipfile.ZipInfo:
    """A zip entry with the fixed date and attributes the briefing has always had."""
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 0
    entry.external_attr = 0o600 << 16
    return entry


def _write_content(dst: BinaryIO, content: Content) -> None:
    """bytes and str in one write; an iterable of pieces in batches of about FLUSH_BYTES."""
    if isinstance(content, bytes):
        dst.write(content)
        return
    if isinstance(content, str):
        dst.write(content.encode("utf-8"))
        return
    batch: list[bytes] = []
    size = 0
    for piece in content:
        if isinstance(piece, str):
            piece = piece.encode("utf-8")
        batch.append(piece)
        size += len(piece)
        if size >= FLUSH_BYTES:
            dst.write(b"".join(batch))
            batch.clear()
            size = 0
    if batch:
        dst.write(b"".join(batch))
