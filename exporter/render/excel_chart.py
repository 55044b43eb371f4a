"""The workbook's chart: one column chart of a range of the 按单位汇总 sheet, and its drawing.

Written as the DrawingML text openpyxl 3.1 produced for the same chart
(clustered columns, value labels, no legend, both axes shown, a fixed size
anchored at one cell), so the package is unchanged.  Part of
:mod:`exporter.render.excel`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .excel_xml import text

EMU_PER_CM = 360000
_A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


@dataclass
class BarChart:
    """Columns of ``values`` over ``categories`` (sheet ranges such as ``'按单位汇总'!$I$5:$I$15``)."""

    title: str
    axis_title: str
    series_name: str
    categories: str
    values: str
    anchor_row: int             # 1-based row of the top-left corner (column A)
    width_cm: float
    height_cm: float
    style: int = 10
    number: int = 0             # its place among the workbook's charts, set when the package is written

    def xml(self) -> str:
        """xl/charts/chartN.xml."""
        return (f'<chartSpace xmlns="http://schemas.openxmlformats.org/drawingml/2006/chart"><style val="{self.style}"/>'
                f"<chart>{_title(self.title)}<plotArea><barChart><barDir val=\"col\"/><grouping val=\"clustered\"/>"
                f'<ser><idx val="0"/><order val="0"/><tx><v>{text(self.series_name)}</v></tx>'
                f'<spPr><a:ln {_A}><a:prstDash val="solid"/></a:ln></spPr>'
                f"<cat><numRef><f>{text(self.categories)}</f></numRef></cat>"
                f"<val><numRef><f>{text(self.values)}</f></numRef></val></ser>"
                '<dLbls><showLegendKey val="0"/><showVal val="1"/><showCatName val="0"/><showSerName val="0"/>'
                '<showPercent val="0"/></dLbls><gapWidth val="150"/><axId val="10"/><axId val="100"/></barChart>'
                '<catAx><axId val="10"/><scaling><orientation val="minMax"/></scaling><delete val="0"/>'
                '<axPos val="l"/><majorTickMark val="none"/><minorTickMark val="none"/><crossAx val="100"/>'
                '<lblOffset val="100"/></catAx><valAx><axId val="100"/><scaling><orientation val="minMax"/>'
                f'</scaling><delete val="0"/><axPos val="l"/><majorGridlines/>{_title(self.axis_title)}'
                '<majorTickMark val="none"/><minorTickMark val="none"/><crossAx val="10"/></valAx></plotArea>'
                '<plotVisOnly val="1"/><dispBlanksAs val="gap"/></chart></chartSpace>')

    def drawing_xml(self) -> str:
        """xl/drawings/drawingN.xml: the chart's frame, anchored at column A of ``anchor_row``."""
        cx, cy = int(self.width_cm * EMU_PER_CM), int(self.height_cm * EMU_PER_CM)
        return ('<wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><oneCellAnchor>'
                f"<from><col>0</col><colOff>0</colOff><row>{self.anchor_row - 1}</row><rowOff>0</rowOff></from>"
                f'<ext cx="{cx}" cy="{cy}"/><graphicFrame><nvGraphicFramePr><cNvPr id="1" name="Chart 1"/>'
                f"<cNvGraphicFramePr/></nvGraphicFramePr><xfrm/><a:graphic {_A}>"
                '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
                '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>'
                "</a:graphicData></a:graphic></graphicFrame><clientData/></oneCellAnchor></wsDr>")


def _title(value: str) -> str:
    return (f"<title><tx><rich><a:bodyPr {_A}/><a:p {_A}><a:pPr><a:defRPr/></a:pPr>"
            f"<a:r><a:t>{text(value)}</a:t></a:r></a:p></rich></tx></title>")
