"""The Word briefing (简报): masthead, article, attachments and end block in a .docx.

Staff print it for the leadership and edit it in Word or WPS before it goes
out, so it is built like the briefings their office already issues: the
GB/T 9704 page and 22 × 28 grid, named styles for every kind of paragraph,
the official face names, page numbers on the outer side of odd and even
pages, and an end block sitting on the bottom of the type area.

The package is written as text, part by part, with no document library:
the fixed parts come from ``word_template`` (what python-docx's template
gave, byte for byte), the styles, font table and settings from
``word_styles``, and the body from ``word_body``, streamed into the zip
(``word_package``).  python-docx cost ~0.1 s to import and parse its template
on every briefing; a 100,000-row list held as one string cost ~1 GB.

Same input, same bytes: the document dates come from ``meeting.issue_date``,
the zip entries get a fixed time, and nothing depends on the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from exporter import layout
from exporter.fonts import FontSet
from exporter.model import Meeting
from exporter.render import word_body
from exporter.render import word_styles as st
from exporter.render import word_template as tpl
from exporter.render.word_package import write_package
from exporter.render.zip_parts import Content

__all__ = ["render"]

PLAIN_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
"""The declaration of the parts exporter wrote itself (font table, app properties)."""

CORE_TEXT_LIMIT = 255       # characters of a core property, as python-docx enforced


def render(meeting: Meeting, fonts: FontSet, out: BinaryIO) -> None:
    """Write the briefing of *meeting* to *out* as .docx.

    *fonts* is part of the renderer contract; the briefing names the official
    faces (仿宋_GB2312 …) rather than embedding files, so it does not use them.
    """
    write_package(out, _parts(meeting), meeting.issue_date)


def _parts(meeting: Meeting) -> list[tuple[str, Content]]:
    """Every part, in the order python-docx wrote them (the order is part of the bytes)."""
    return [
        ("[Content_Types].xml", _declared(tpl.CONTENT_TYPES)),
        ("_rels/.rels", _declared(tpl.PACKAGE_RELS)),
        ("docProps/core.xml", _core_properties(meeting)),
        ("docProps/app.xml", _app_properties()),
        ("word/document.xml", _document(meeting)),
        ("word/_rels/document.xml.rels", _declared(tpl.DOCUMENT_RELS)),
        ("word/styles.xml", _styles()),
        ("word/settings.xml", _settings()),
        ("word/webSettings.xml", tpl.WEB_SETTINGS),
        ("word/fontTable.xml", PLAIN_DECLARATION + st.font_table_xml()),
        ("word/theme/theme1.xml", tpl.THEME),
        ("customXml/item1.xml", tpl.CUSTOM_XML_ITEM),
        ("customXml/_rels/item1.xml.rels", _declared(tpl.CUSTOM_XML_RELS)),
        ("customXml/itemProps1.xml", tpl.CUSTOM_XML_PROPS),
        ("word/numbering.xml", _declared(tpl.NUMBERING)),
        ("word/footer1.xml", _footer(st.PAGE_NUMBER_ODD)),     # default footer: odd pages
        ("word/footer2.xml", _footer(st.PAGE_NUMBER_EVEN)),
    ]


def _declared(xml: str) -> str:
    return tpl.XML_DECLARATION + xml


# --- document -------------------------------------------------------------------------------

def _document(meeting: Meeting) -> Iterator[str | bytes]:
    """The document part as pieces: the body is generated while the zip is written."""
    yield tpl.XML_DECLARATION + tpl.DOCUMENT_OPEN + "<w:body>"
    yield from word_body.body_chunks(meeting)
    yield _section_properties() + "</w:body></w:document>"


def _footer_distance() -> int:
    """Footer bottom above the page edge so that the number's line starts 7 mm below the area."""
    bottom = layout.DOCX_PAGE_TWIPS["bottom"]
    return bottom - layout.mm_to_twips(layout.PAGE.footer_gap) - st.PAGE_NUMBER_LINE


def _section_properties() -> str:
    """A4, the 9704 margins, the 22 × 28 grid, odd (rId4) and even (rId9) footers.

    The rsid attributes and ``w:cols`` are the template's; the footer ids are
    those of ``word_template.DOCUMENT_RELS``.
    """
    t = layout.DOCX_PAGE_TWIPS
    header = layout.mm_to_twips(layout.PAGE.top) // 2
    return ('<w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616">'
            '<w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId9"/>'
            f'<w:pgSz w:w="{t["w"]}" w:h="{t["h"]}"/>'
            f'<w:pgMar w:top="{t["top"]}" w:right="{t["right"]}" w:bottom="{t["bottom"]}" w:left="{t["left"]}" '
            f'w:header="{header}" w:footer="{_footer_distance()}" w:gutter="0"/><w:cols w:space="720"/>'
            f'<w:docGrid w:linePitch="{layout.DOCX_LINE_PITCH}" w:type="linesAndChars" '
            f'w:charSpace="{layout.DOCX_CHAR_SPACE}"/></w:sectPr>')


def _footer(style: str) -> str:
    """A footer holding only the page number, — N —, in *style*."""
    return tpl.XML_DECLARATION + tpl.FOOTER_OPEN + word_body.page_number_xml(style) + "</w:ftr>"


# --- styles and settings ------------------------------------------------------------------------

def _styles() -> str:
    """The briefing's style sheet after the template's latent styles (no theme fonts anywhere)."""
    return (tpl.XML_DECLARATION + tpl.STYLES_OPEN + st.doc_defaults_xml() + tpl.LATENT_STYLES
            + st.styles_xml() + "</w:styles>")


def _settings() -> str:
    """Odd/even footers, zh-CN as the East Asian language (both in the template text), and the
    Chinese line-breaking sets in their place in the schema order."""
    return tpl.XML_DECLARATION + tpl.SETTINGS_HEAD + st.kinsoku_xml() + tpl.SETTINGS_TAIL


# --- properties ---------------------------------------------------------------------------------

_CORE_OPEN = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
              'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/'
              'dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">')


def _core_properties(meeting: Meeting) -> str:
    """Title, author = issuer, dates = the briefing's date; no generator noise."""
    issued = meeting.issue_date
    when = datetime(issued.year, issued.month, issued.day).strftime("%Y-%m-%dT%H:%M:%SZ")
    dated = f' xsi:type="dcterms:W3CDTF">{when}'
    texts = [
        ("dc:title", meeting.headline),
        ("dc:subject", meeting.meeting.title),
        ("dc:creator", meeting.issuer.name),
        ("cp:keywords", "简报，样例" if meeting.sample else "简报"),
        ("dc:description", ""),
        ("cp:lastModifiedBy", meeting.issuer.name),
    ]
    tail = [("cp:category", meeting.briefing.name), ("dc:language", "zh-CN")]
    return (tpl.XML_DECLARATION + _CORE_OPEN + "".join(_core_text(tag, value) for tag, value in texts)
            + "<cp:revision>1</cp:revision>"
            + f"<dcterms:created{dated}</dcterms:created><dcterms:modified{dated}</dcterms:modified>"
            + "".join(_core_text(tag, value) for tag, value in tail) + "</cp:coreProperties>")


def _core_text(tag: str, value: str) -> str:
    """One text property; longer than 255 characters is refused, as Word's limit (and python-docx) had it."""
    if len(value) > CORE_TEXT_LIMIT:
        raise ValueError(f"exceeded {CORE_TEXT_LIMIT} char limit for property, got:\n\n'{value}'")
    return f"<{tag}>{st.xml_text(value).replace(chr(13), '&#13;')}</{tag}>"


def _app_properties() -> str:
    return (PLAIN_DECLARATION
            + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Template>Normal.dotm</Template><Application>exporter</Application><DocSecurity>0</DocSecurity>"
            "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged></Properties>")
