#!/usr/bin/env python3
"""Convert FandolFang-Regular.otf (CFF outlines) to TrueType outlines.

ReportLab embeds only TrueType-outline (``glyf``) fonts, and FandolFang is
the only free 仿宋 we can ship, so ``fonts/FandolFang-Regular.ttf`` is made
from the OTF by this script (see ``fonts/README.md`` for the source package
and the sha256 of both files).  What it does:

* every CFF charstring is drawn through ``Cu2QuPen`` (cubic -> quadratic,
  max error 1 font unit at 1000 units per em, contours reversed to the
  TrueType clockwise direction) into a ``glyf`` table;
* ``hmtx`` left side bearings are recomputed from the new ``glyf`` bounding
  boxes: the OTF's own lsb values disagree with its outlines for ~420
  glyphs, and a TrueType rasteriser would shift those glyphs sideways;
* ``vmtx`` top side bearings are recomputed as VORG vertical origin minus
  the new yMax (VORG is CFF-only and is dropped);
* ``maxp`` becomes version 1.0, ``post`` stays format 3 (the CID glyph
  names carry no information), a ``gasp`` table asks for smoothing at all
  sizes (the outlines are unhinted);
* the names are kept; name ID 5 (version string) records that this is a
  modified version, as GPL-3.0 section 5a asks;
* ``head.created`` is kept from the OTF and ``head.modified`` is fixed, so
  the output is byte-for-byte reproducible: run it twice and compare sha256.

Usage::

    python tools/convert_fandol.py SRC/FandolFang-Regular.otf [-o fonts/FandolFang-Regular.ttf]

Needs only fontTools.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERR_EM = 1.0 / 1000.0          # max approximation error, as a fraction of the em
# 2026-11-27 00:00:00 UTC, as seconds since 1904-01-01 (the OpenType epoch).
MODIFIED_TIMESTAMP = 3878582400
MODIFIED_DATE = "2026-11-27"
VERSION_NOTE = (
    f"; modified {MODIFIED_DATE}: TrueType outlines converted from the CFF "
    "original with fontTools cu2qu (max error 1/1000 em), side bearings "
    "recomputed"
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "fonts" / "FandolFang-Regular.ttf"


def _quadratic_glyphs(font: TTFont, max_err: float) -> dict:
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()
    return glyphs


def convert(src: Path, dst: Path) -> str:
    """Convert *src* (CFF OpenType) to *dst* (TrueType); return dst's sha256."""
    font = TTFont(str(src), recalcBBoxes=True, recalcTimestamp=False)
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise SystemExit(f"{src}: not a CFF-flavoured OpenType font")

    upem = font["head"].unitsPerEm
    glyph_order = font.getGlyphOrder()

    # Vertical origins must be read before the CFF and VORG tables go.
    vorg = font["VORG"] if "VORG" in font else None
    vert_origin = {}
    if vorg is not None:
        records = vorg.VOriginRecords
        vert_origin = {g: records.get(g, vorg.defaultVertOriginY) for g in glyph_order}

    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = _quadratic_glyphs(font, MAX_ERR_EM * upem)
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if vorg is not None:
        del font["VORG"]

    # Bounding boxes of the new outlines.
    for name in glyph_order:
        glyf[name].recalcBounds(glyf)

    hmtx = font["hmtx"]
    for name in glyph_order:
        g = glyf[name]
        advance = hmtx[name][0]
        lsb = g.xMin if g.numberOfContours != 0 else 0
        hmtx[name] = (advance, lsb)

    if "vmtx" in font:
        vmtx = font["vmtx"]
        for name in glyph_order:
            g = glyf[name]
            advance, tsb = vmtx[name]
            if g.numberOfContours != 0 and vorg is not None:
                tsb = vert_origin[name] - g.yMax
            vmtx[name] = (advance, tsb)

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyph_order)
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0
    # maxPoints, maxContours, ... are recalculated from glyf on compile.
    maxp.maxPoints = maxp.maxContours = 0
    maxp.maxCompositePoints = maxp.maxCompositeContours = 0
    font["maxp"] = maxp

    post = font["post"]
    post.formatType = 3.0

    gasp = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000F}   # grid-fit + grayscale + symmetric, all sizes
    font["gasp"] = gasp

    for record in font["name"].names:
        if record.nameID == 5:
            text = record.toUnicode()
            if VERSION_NOTE not in text:
                record.string = text + VERSION_NOTE

    head = font["head"]
    head.modified = MODIFIED_TIMESTAMP
    head.glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"

    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".tmp")
    font.save(str(tmp), reorderTables=True)
    tmp.replace(dst)
    return hashlib.sha256(dst.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path, help="FandolFang-Regular.otf (CFF)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"TrueType output (default: {DEFAULT_OUTPUT.relative_to(REPO_ROOT)})")
    args = parser.parse_args(argv)
    digest = convert(args.src, args.output)
    print(f"{digest}  {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
