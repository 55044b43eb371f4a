"""List rows built in code, validated as the loader validates them (for tests that vary a list).

The plain model's rows are tuples that trust their values; these go through
the schema's checks first, so a test's row is one a file could have given.
"""

from __future__ import annotations

from typing import Any

from exporter import schema
from exporter.model import AwardeeRow, TargetRow


def awardee(**fields: Any) -> AwardeeRow:
    """One awardee from keyword fields, checked, as a row."""
    return schema.compact_awardee(schema.Awardee(**fields))


def target(**fields: Any) -> TargetRow:
    """One target from keyword fields, checked, as a row."""
    return schema.compact_target(schema.Target(**fields))
