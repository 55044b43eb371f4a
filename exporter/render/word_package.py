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
from collections.abc import Sequence
from datetime import date
from typing import BinaryIO

from .zip_parts import Content, write_content, zip_entry

ZIP_EPOCH_YEAR = 1980           # the earliest year a zip entry can carry
ENTRY_MODE = 0o600              # the attributes the briefing's entries have always had (made on "DOS")


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
            with package.open(zip_entry(name, stamp, ENTRY_MODE, create_system=0), "w") as dst:
                write_content(dst, content)


def _seekable(out: BinaryIO) -> bool:
    try:
        return out.seekable()
    except (AttributeError, ValueError):
        return False
