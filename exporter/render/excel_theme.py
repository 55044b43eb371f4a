"""The workbook's theme part: the Office theme, as openpyxl 3.1 wrote it (kept byte for byte).

The workbook used to be written by openpyxl; its theme is the part it wrote
verbatim, so it is kept here, unchanged, and the package is the same as
before.  No cell uses a theme colour or font: the sheets name 宋体 and 黑体.
Pure data, read from ``parts/excel-theme.xml``.
"""

from pathlib import Path

THEME = (Path(__file__).parent / "parts" / "excel-theme.xml").read_text(encoding="utf-8")
