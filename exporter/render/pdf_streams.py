"""Binary (Flate only) streams for ReportLab's pages, forms and images.

Part of the PDF renderer (imports ReportLab).  By default ReportLab writes
its page, form and image streams through ASCII85 after compressing them
(``rl_config.useA85``), a 7-bit armour from the days of mail gateways that
strip the eighth bit.  It makes each of those streams a quarter larger (the
embedded font subsets never had it): the 10,000-row summary is 1.35 MB with
it and 1.18 MB without.  Without ReportLab's optional C accelerator it also
costs a Python loop per 4 bytes.  The summary travels as a
MIME attachment, which is base64 anyway, and the file already starts with
ReportLab's binary comment line, so nothing needs the armour.

:func:`binary_streams` switches it off while one document is written and
puts the setting back afterwards, so nothing else in the process sees a
change.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab import rl_config

__all__ = ["binary_streams"]


@contextmanager
def binary_streams() -> Iterator[None]:
    """Streams made inside the block are Flate-compressed binary, without the ASCII85 layer."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before
