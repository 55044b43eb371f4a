"""The Word briefing (简报): masthead, article, attachments and end block in a .docx.

Staff print it for the leadership and edit it in Word or WPS before it goes
out, so it is built like the briefings their office already issues: the
GB/T 9704 page and 22 × 28 grid, named styles for every kind of paragraph,
the official face names, page numbers on the outer side of odd and even
pages, and an end block sitting on the bottom of the type area.

This module is the only importer of python-docx.  python-docx supplies the
package (parts, relationships, core properties, footers); the styles and
font table come as WordprocessingML text from ``word_styles``, and the body
from ``word_body`` is spliced into the saved document part as text, which
keeps 10,000-row lists linear and fast (about half a second).

Same input, same bytes: the document dates come from ``meeting.issue_date``,
the zip entries get a fixed time, and nothing depends on the clock.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import BinaryIO

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips

from exporter import layout
from exporter.fonts import FontSet
from exporter.model import Meeting
from exporter.render import word_body
from exporter.render import word_styles as st

__all__ = ["render"]

_W = f'xmlns:w="{st.W_NS}"'
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def render(meeting: Meeting, fonts: FontSet, out: BinaryIO) -> None:
    """Write the briefing of *meeting* to *out* as .docx.

    *fonts* is part of the renderer contract; the briefing names the official
    faces (仿宋_GB2312 …) rather than embedding files, so it does not use them.
    """
    document = Document()
    _install_placeholder(document)
    _strip_template(document)
    _install_styles(document)
    _install_font_table(document)
    _install_settings(document)
    _set_up_page(document)
    _set_properties(document, meeting)
    buffer = io.BytesIO()
    document.save(buffer)
    body = "".join(word_body.body_parts(meeting)).encode("utf-8")
    out.write(_package(buffer.getvalue(), body, meeting))


# --- package ------------------------------------------------------------------------------

def _strip_template(document) -> None:
    """Drop what python-docx's template carries that would mislead: a thumbnail of
    another document and a second, theme-font style sheet (stylesWithEffects)."""
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rid)
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            document.part.rels.pop(rid)


def _part(document, reltype: str):
    for rel in document.part.rels.values():
        if rel.reltype == reltype:
            return rel.target_part
    raise LookupError(reltype)


def _install_styles(document) -> None:
    """Replace the template's style sheet with the briefing's (no theme fonts anywhere)."""
    styles = document.styles.element
    latent = styles.find(qn("w:latentStyles"))
    for child in list(styles):
        styles.remove(child)
    styles.append(parse_xml(st.doc_defaults_xml()))
    if latent is not None:
        styles.append(latent)
    for style in parse_xml(st.styles_xml()):
        styles.append(style)


def _install_font_table(document) -> None:
    part = _part(document, RT.FONT_TABLE)
    part._blob = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + st.font_table_xml()).encode()


def _install_settings(document) -> None:
    """Odd/even footers, Chinese line-breaking sets, zh-CN as the East Asian language."""
    settings = document.settings
    settings.odd_and_even_pages_header_footer = True
    element = settings.element
    successor = next((element.find(qn(f"w:{tag}")) for tag in st.SETTINGS_AFTER_KINSOKU
                      if element.find(qn(f"w:{tag}")) is not None), None)
    for xml in st.kinsoku_xml():
        node = parse_xml(xml)
        if successor is not None:
            successor.addprevious(node)
        else:
            element.append(node)
    lang = element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


# --- page ------------------------------------------------------------------------------------

def _footer_distance() -> int:
    """Footer bottom above the page edge so that the number's line starts 7 mm below the area."""
    bottom = layout.DOCX_PAGE_TWIPS["bottom"]
    return bottom - layout.mm_to_twips(layout.PAGE.footer_gap) - st.PAGE_NUMBER_LINE


def _set_up_page(document) -> None:
    """A4, the 9704 margins, the 22 × 28 grid, page numbers on odd and even footers."""
    section = document.sections[0]
    t = layout.DOCX_PAGE_TWIPS
    section.page_width, section.page_height = Twips(t["w"]), Twips(t["h"])
    section.top_margin, section.bottom_margin = Twips(t["top"]), Twips(t["bottom"])
    section.left_margin, section.right_margin = Twips(t["left"]), Twips(t["right"])
    section.header_distance = Twips(layout.mm_to_twips(layout.PAGE.top) // 2)
    section.footer_distance = Twips(_footer_distance())
    section.gutter = Twips(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(layout.DOCX_LINE_PITCH))
    grid.set(qn("w:charSpace"), str(layout.DOCX_CHAR_SPACE))
    for footer, style in ((section.footer, st.PAGE_NUMBER_ODD), (section.even_page_footer, st.PAGE_NUMBER_EVEN)):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(f"<w:wrap {_W}>{word_body.page_number_xml(style)}</w:wrap>")[0])


# --- body ---------------------------------------------------------------------------------------

_BODY_MARK = "exporter:body"
_PLACEHOLDER = f"<w:p><w:r><w:t>{_BODY_MARK}</w:t></w:r></w:p>"


def _install_placeholder(document) -> None:
    """An empty body but for one marker paragraph, which :func:`_package` replaces with the text.

    The body is never parsed into python-docx's tree: a 10,000-row list is
    ~10 MB of XML that lxml would take a second to parse and serialize again,
    for nothing, since python-docx has no more work to do on it.  The tests
    read every document back with python-docx, so a malformed body fails them.
    """
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.find(qn("w:sectPr")).addprevious(parse_xml(f"<w:p {_W}><w:r><w:t>{_BODY_MARK}</w:t></w:r></w:p>"))


def _set_properties(document, meeting: Meeting) -> None:
    """Title, author = issuer, dates = the briefing's date; no generator noise."""
    props = document.core_properties
    when = datetime(meeting.issue_date.year, meeting.issue_date.month, meeting.issue_date.day)
    props.title = meeting.headline
    props.subject = meeting.meeting.title
    props.author = meeting.issuer.name
    props.last_modified_by = meeting.issuer.name
    props.created = props.modified = when
    props.revision = 1
    props.keywords = "简报，样例" if meeting.sample else "简报"
    props.category = meeting.briefing.name
    props.comments = ""
    props.language = "zh-CN"
    app = next(rel.target_part for rel in document.part.package.rels.values()
               if rel.reltype == RT.EXTENDED_PROPERTIES)
    app._blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Template>Normal.dotm</Template><Application>exporter</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _package(data: bytes, body: bytes, meeting: Meeting) -> bytes:
    """The saved package with the body text in place and every entry dated the briefing's date.

    Fixed dates (and python-docx's fixed part order) make reruns byte-identical.
    """
    stamp = (max(meeting.issue_date.year, 1980), meeting.issue_date.month, meeting.issue_date.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "word/document.xml":
                marker = _PLACEHOLDER.encode()
                if content.count(marker) != 1:
                    raise RuntimeError("body placeholder not found once in word/document.xml")
                content = content.replace(marker, body)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, content)
    return out.getvalue()
