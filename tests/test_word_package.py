"""The briefing's package writer: no document library, a streamed body, flat memory.

tests/test_word.py reads the briefing back as staff and printers would;
these check what made it fast and small: the renderer writes the package as
text (python-docx cost ~0.1 s to import and parse its template on every
briefing), the attachment tables are generated into the zip in chunks (a
100,000-row list no longer held ~1 GB as one string), and a stream that
cannot seek gets the same bytes as a file.
"""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest

from exporter.load import load_meeting
from exporter.model import Meeting
from exporter.render import word, word_body
from streams import Pipe, libraries_imported_by

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example" / "meeting.yaml"


@pytest.fixture(scope="module")
def example() -> Meeting:
    return load_meeting(EXAMPLE)


def many_awardees(m: Meeting, n: int) -> Meeting:
    base = m.awards.rows
    rows = [base[i % len(base)]._replace(name=f"{base[i % len(base)].name}{i}", no=i + 1) for i in range(n)]
    return m.replace(awards=m.awards.replace(rows=rows, expected=None))


def test_rendering_a_briefing_imports_no_document_library():
    assert libraries_imported_by("exporter.render.word", EXAMPLE, ("docx", "lxml")) == []


def test_a_stream_that_cannot_seek_gets_the_same_bytes(example):
    pipe = Pipe()
    word.render(example, None, pipe)
    file_like = io.BytesIO()
    word.render(example, None, file_like)
    assert bytes(pipe.data) == file_like.getvalue()


def test_the_streamed_table_is_the_table(example):
    """The renderer streams the table in chunks; joined, they are the table the tests read."""
    awards = many_awardees(example, 700).awards
    chunks = list(word_body.awards_table_chunks(awards))
    assert len(chunks) > 3 and all(isinstance(c, bytes) for c in chunks)
    assert b"".join(chunks).decode() == word_body.awards_table(awards)


def _peak_bytes(meeting: Meeting) -> int:
    tracemalloc.start()
    try:
        word.render(meeting, None, io.BytesIO())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_stays_flat_as_the_list_grows(example):
    """The body is streamed: ten times the awardees must not take ten times the memory.

    Measured into a BytesIO, so the compressed output (about 16 bytes an
    awardee) is counted; the XML (about 900 bytes an awardee) must not be.
    """
    word.render(example, None, io.BytesIO())          # imports and caches out of the way
    small = _peak_bytes(many_awardees(example, 2_000))
    large = _peak_bytes(many_awardees(example, 20_000))
    assert large < 2 * small, (small, large)
