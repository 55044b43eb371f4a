"""Long lists: rows are validated one at a time and kept as compact tuples.

A provincial office's list has 100,000 rows; held as pydantic objects next to
the raw dicts they came from it took ~300 MB.  These tests pin what a user
of a big list notices: memory per row, and that a bad row among thousands is
still found at its own row without confusing the counts.
"""

from __future__ import annotations

import csv
import sys
import tracemalloc
from pathlib import Path

import pytest

from exporter.errors import InputError
from exporter.fonts import resolve_fonts
from exporter.load import load
from exporter.model import AwardeeRow, TargetRow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from synth import AWARDS_FILE, write_meeting  # noqa: E402

ROWS = 20_000


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    write_meeting(folder, ROWS, 500)
    return folder


def test_rows_are_tuples_sharing_their_repeated_texts(big):
    meeting = load(big / "meeting.yaml").meeting
    rows = meeting.awards.rows
    assert len(rows) == ROWS and all(type(r) is AwardeeRow for r in rows[:100])
    assert type(meeting.targets.rows[0]) is TargetRow
    same_category = [r for r in rows[:200] if r.category == rows[0].category]
    assert all(r.category is rows[0].category for r in same_category)
    assert [r.no for r in rows[:3]] == [1, 2, 3]


def test_memory_per_row_stays_small(big):
    fonts = resolve_fonts()
    load(big / "meeting.yaml", fonts=fonts)          # imports and caches outside the measurement
    tracemalloc.start()
    try:
        meeting = load(big / "meeting.yaml", fonts=fonts).meeting
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    per_row = peak / (len(meeting.awards.rows) + len(meeting.targets.rows))
    # pydantic objects beside the raw dicts: 2,360 bytes per row at the peak;
    # tuples: ~820, of which ~300 is the transient check of the file's encoding
    assert per_row < 1200, f"{per_row:.0f} bytes per row"


def _rewrite_row(folder: Path, index: int, column: str, value: str) -> int:
    """Change one cell of the synthetic list; return the CSV row number it is on."""
    path = folder / AWARDS_FILE
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[index][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return index + 1


def test_a_bad_row_deep_in_the_list_is_found_and_still_counted(tmp_path):
    write_meeting(tmp_path, 5_000, 100)
    path = tmp_path / AWARDS_FILE
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    code_column = rows[0].index("统一社会信用代码")
    index = max(i for i in range(1, len(rows)) if rows[i][code_column])
    code = rows[index][code_column]
    line = _rewrite_row(tmp_path, index, "统一社会信用代码", code[:-1] + ("0" if code[-1] != "0" else "1"))
    with pytest.raises(InputError) as caught:
        load(tmp_path / "meeting.yaml")
    problems = caught.value.problems
    assert [p.location.row for p in problems] == [line]          # not also a count mismatch
    assert "校验位不对" in problems[0].message
