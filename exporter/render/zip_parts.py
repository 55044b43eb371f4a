"""Zip entries of the two OOXML packages (briefing and workbook): a fixed date, streamed content.

Each package keeps the entry attributes it has always had (the caller
passes them), so its bytes do not change.  Deflate's output does not depend
on how its input is cut into writes, so a part streamed in pieces is the
same bytes as the part written whole; the pieces are joined into writes of
about :data:`FLUSH_BYTES` (fewer, larger compressor calls).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from typing import BinaryIO, Optional, Union

Content = Union[bytes, str, Iterable[Union[str, bytes]]]
"""A part: bytes, a str, or an iterable of pieces (str or UTF-8 bytes) encoded as they come."""

FLUSH_BYTES = 1 << 18


def zip_entry(name: str, stamp: tuple[int, ...], mode: int, create_system: Optional[int] = None) -> zipfile.ZipInfo:
    """A deflated entry dated ``stamp`` with file mode ``mode`` (and ``create_system`` if given)."""
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    if create_system is not None:
        entry.create_system = create_system
    entry.external_attr = mode << 16
    return entry


def write_content(dst: BinaryIO, content: Content) -> None:
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
