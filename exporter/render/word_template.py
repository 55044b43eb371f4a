"""The fixed parts of the briefing's package, as python-docx 1.2.0's default template had them.

The briefing used to be assembled by python-docx from that template; the
parts below are what it saved, kept byte for byte so that dropping
python-docx from the render path changed no output (and so that Word,
WPS and LibreOffice meet exactly the package they met before: compatibility
mode 14, the Office theme, the latent style list).  Importing python-docx and
parsing its 430 KB template cost ~0.1 s a briefing; these strings cost
nothing.

Two settings are already applied here, as the renderer used to set them:
``w:evenAndOddHeaders`` (odd/even page-number footers) and
``w:themeFontLang w:eastAsia="zh-CN"``.  The line-breaking sets (kinsoku)
are inserted between ``SETTINGS_HEAD`` and ``SETTINGS_TAIL`` by
:mod:`exporter.render.word`, from :mod:`exporter.text`.

Constants named ``*_OPEN`` are a root element's start tag with its namespace
declarations; the XML declaration (``XML_DECLARATION``) is prepended by the
package writer.  The rest are whole parts.  Pure data: no imports.
"""

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"

DOCUMENT_OPEN = (
    '<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"'
    ' xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"'
    ' xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:w10="urn:schemas-microsoft-com:office:word"'
    ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    ' xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"'
    ' xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk"'
    ' xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' mc:Ignorable="w14 wp14">'
)


STYLES_OPEN = (
    '<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">'
)


LATENT_STYLES = (
    '<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="1"'
    ' w:defUnhideWhenUsed="1" w:defQFormat="0" w:count="276">'
    '<w:lsdException w:name="Normal" w:semiHidden="0" w:uiPriority="0" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/>'
    '<w:lsdException w:name="heading 1" w:semiHidden="0" w:uiPriority="9" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/><w:lsdException w:name="heading 2" w:uiPriority="9" w:qFormat="1"/>'
    '<w:lsdException w:name="heading 3" w:uiPriority="9" w:qFormat="1"/>'
    '<w:lsdException w:name="heading 4" w:uiPriority="9" w:qFormat="1"/>'
    '<w:lsdException w:name="heading 5" w:uiPriority="9" w:qFormat="1"/>'
    '<w:lsdException w:name="heading 6" w:uiPriority="9" w:qFormat="1"/>'
    '<w:lsdException w:name="heading 7" w:uiPriority="9" w:qFormat="1"/>'
    '<w:lsdException w:name="heading 8" w:uiPriority="9" w:qFormat="1"/>'
    '<w:lsdException w:name="heading 9" w:uiPriority="9" w:qFormat="1"/>'
    '<w:lsdException w:name="toc 1" w:uiPriority="39"/>'
    '<w:lsdException w:name="toc 2" w:uiPriority="39"/>'
    '<w:lsdException w:name="toc 3" w:uiPriority="39"/>'
    '<w:lsdException w:name="toc 4" w:uiPriority="39"/>'
    '<w:lsdException w:name="toc 5" w:uiPriority="39"/>'
    '<w:lsdException w:name="toc 6" w:uiPriority="39"/>'
    '<w:lsdException w:name="toc 7" w:uiPriority="39"/>'
    '<w:lsdException w:name="toc 8" w:uiPriority="39"/>'
    '<w:lsdException w:name="toc 9" w:uiPriority="39"/>'
    '<w:lsdException w:name="caption" w:uiPriority="35" w:qFormat="1"/>'
    '<w:lsdException w:name="Title" w:semiHidden="0" w:uiPriority="10" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/><w:lsdException w:name="Default Paragraph Font" w:uiPriority="1"/>'
    '<w:lsdException w:name="Subtitle" w:semiHidden="0" w:uiPriority="11" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/>'
    '<w:lsdException w:name="Strong" w:semiHidden="0" w:uiPriority="22" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/>'
    '<w:lsdException w:name="Emphasis" w:semiHidden="0" w:uiPriority="20" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/>'
    '<w:lsdException w:name="Table Grid" w:semiHidden="0" w:uiPriority="59" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Placeholder Text" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="No Spacing" w:semiHidden="0" w:uiPriority="1" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/>'
    '<w:lsdException w:name="Light Shading" w:semiHidden="0" w:uiPriority="60" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light List" w:semiHidden="0" w:uiPriority="61" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Grid" w:semiHidden="0" w:uiPriority="62" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 1" w:semiHidden="0" w:uiPriority="63"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 2" w:semiHidden="0" w:uiPriority="64"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 1" w:semiHidden="0" w:uiPriority="65" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 2" w:semiHidden="0" w:uiPriority="66" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 1" w:semiHidden="0" w:uiPriority="67" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 2" w:semiHidden="0" w:uiPriority="68" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 3" w:semiHidden="0" w:uiPriority="69" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Dark List" w:semiHidden="0" w:uiPriority="70" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Shading" w:semiHidden="0" w:uiPriority="71"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful List" w:semiHidden="0" w:uiPriority="72" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Grid" w:semiHidden="0" w:uiPriority="73" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Shading Accent 1" w:semiHidden="0" w:uiPriority="60"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light List Accent 1" w:semiHidden="0" w:uiPriority="61"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Grid Accent 1" w:semiHidden="0" w:uiPriority="62"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 1 Accent 1" w:semiHidden="0" w:uiPriority="63"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 2 Accent 1" w:semiHidden="0" w:uiPriority="64"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 1 Accent 1" w:semiHidden="0" w:uiPriority="65"'
    ' w:unhideWhenUsed="0"/><w:lsdException w:name="Revision" w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="List Paragraph" w:semiHidden="0" w:uiPriority="34" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/>'
    '<w:lsdException w:name="Quote" w:semiHidden="0" w:uiPriority="29" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/>'
    '<w:lsdException w:name="Intense Quote" w:semiHidden="0" w:uiPriority="30" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/>'
    '<w:lsdException w:name="Medium List 2 Accent 1" w:semiHidden="0" w:uiPriority="66"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 1 Accent 1" w:semiHidden="0" w:uiPriority="67"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 2 Accent 1" w:semiHidden="0" w:uiPriority="68"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 3 Accent 1" w:semiHidden="0" w:uiPriority="69"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Dark List Accent 1" w:semiHidden="0" w:uiPriority="70"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Shading Accent 1" w:semiHidden="0" w:uiPriority="71"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful List Accent 1" w:semiHidden="0" w:uiPriority="72"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Grid Accent 1" w:semiHidden="0" w:uiPriority="73"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Shading Accent 2" w:semiHidden="0" w:uiPriority="60"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light List Accent 2" w:semiHidden="0" w:uiPriority="61"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Grid Accent 2" w:semiHidden="0" w:uiPriority="62"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 1 Accent 2" w:semiHidden="0" w:uiPriority="63"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 2 Accent 2" w:semiHidden="0" w:uiPriority="64"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 1 Accent 2" w:semiHidden="0" w:uiPriority="65"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 2 Accent 2" w:semiHidden="0" w:uiPriority="66"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 1 Accent 2" w:semiHidden="0" w:uiPriority="67"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 2 Accent 2" w:semiHidden="0" w:uiPriority="68"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 3 Accent 2" w:semiHidden="0" w:uiPriority="69"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Dark List Accent 2" w:semiHidden="0" w:uiPriority="70"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Shading Accent 2" w:semiHidden="0" w:uiPriority="71"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful List Accent 2" w:semiHidden="0" w:uiPriority="72"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Grid Accent 2" w:semiHidden="0" w:uiPriority="73"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Shading Accent 3" w:semiHidden="0" w:uiPriority="60"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light List Accent 3" w:semiHidden="0" w:uiPriority="61"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Grid Accent 3" w:semiHidden="0" w:uiPriority="62"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 1 Accent 3" w:semiHidden="0" w:uiPriority="63"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 2 Accent 3" w:semiHidden="0" w:uiPriority="64"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 1 Accent 3" w:semiHidden="0" w:uiPriority="65"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 2 Accent 3" w:semiHidden="0" w:uiPriority="66"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 1 Accent 3" w:semiHidden="0" w:uiPriority="67"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 2 Accent 3" w:semiHidden="0" w:uiPriority="68"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 3 Accent 3" w:semiHidden="0" w:uiPriority="69"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Dark List Accent 3" w:semiHidden="0" w:uiPriority="70"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Shading Accent 3" w:semiHidden="0" w:uiPriority="71"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful List Accent 3" w:semiHidden="0" w:uiPriority="72"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Grid Accent 3" w:semiHidden="0" w:uiPriority="73"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Shading Accent 4" w:semiHidden="0" w:uiPriority="60"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light List Accent 4" w:semiHidden="0" w:uiPriority="61"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Grid Accent 4" w:semiHidden="0" w:uiPriority="62"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 1 Accent 4" w:semiHidden="0" w:uiPriority="63"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 2 Accent 4" w:semiHidden="0" w:uiPriority="64"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 1 Accent 4" w:semiHidden="0" w:uiPriority="65"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 2 Accent 4" w:semiHidden="0" w:uiPriority="66"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 1 Accent 4" w:semiHidden="0" w:uiPriority="67"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 2 Accent 4" w:semiHidden="0" w:uiPriority="68"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 3 Accent 4" w:semiHidden="0" w:uiPriority="69"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Dark List Accent 4" w:semiHidden="0" w:uiPriority="70"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Shading Accent 4" w:semiHidden="0" w:uiPriority="71"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful List Accent 4" w:semiHidden="0" w:uiPriority="72"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Grid Accent 4" w:semiHidden="0" w:uiPriority="73"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Shading Accent 5" w:semiHidden="0" w:uiPriority="60"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light List Accent 5" w:semiHidden="0" w:uiPriority="61"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Grid Accent 5" w:semiHidden="0" w:uiPriority="62"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 1 Accent 5" w:semiHidden="0" w:uiPriority="63"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 2 Accent 5" w:semiHidden="0" w:uiPriority="64"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 1 Accent 5" w:semiHidden="0" w:uiPriority="65"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 2 Accent 5" w:semiHidden="0" w:uiPriority="66"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 1 Accent 5" w:semiHidden="0" w:uiPriority="67"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 2 Accent 5" w:semiHidden="0" w:uiPriority="68"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 3 Accent 5" w:semiHidden="0" w:uiPriority="69"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Dark List Accent 5" w:semiHidden="0" w:uiPriority="70"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Shading Accent 5" w:semiHidden="0" w:uiPriority="71"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful List Accent 5" w:semiHidden="0" w:uiPriority="72"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Grid Accent 5" w:semiHidden="0" w:uiPriority="73"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Shading Accent 6" w:semiHidden="0" w:uiPriority="60"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light List Accent 6" w:semiHidden="0" w:uiPriority="61"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Light Grid Accent 6" w:semiHidden="0" w:uiPriority="62"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 1 Accent 6" w:semiHidden="0" w:uiPriority="63"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Shading 2 Accent 6" w:semiHidden="0" w:uiPriority="64"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 1 Accent 6" w:semiHidden="0" w:uiPriority="65"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium List 2 Accent 6" w:semiHidden="0" w:uiPriority="66"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 1 Accent 6" w:semiHidden="0" w:uiPriority="67"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 2 Accent 6" w:semiHidden="0" w:uiPriority="68"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Medium Grid 3 Accent 6" w:semiHidden="0" w:uiPriority="69"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Dark List Accent 6" w:semiHidden="0" w:uiPriority="70"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Shading Accent 6" w:semiHidden="0" w:uiPriority="71"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful List Accent 6" w:semiHidden="0" w:uiPriority="72"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Colorful Grid Accent 6" w:semiHidden="0" w:uiPriority="73"'
    ' w:unhideWhenUsed="0"/>'
    '<w:lsdException w:name="Subtle Emphasis" w:semiHidden="0" w:uiPriority="19"'
    ' w:unhideWhenUsed="0" w:qFormat="1"/>'
    '<w:lsdException w:name="Intense Emphasis" w:semiHidden="0" w:uiPriority="21"'
    ' w:unhideWhenUsed="0" w:qFormat="1"/>'
    '<w:lsdException w:name="Subtle Reference" w:semiHidden="0" w:uiPriority="31"'
    ' w:unhideWhenUsed="0" w:qFormat="1"/>'
    '<w:lsdException w:name="Intense Reference" w:semiHidden="0" w:uiPriority="32"'
    ' w:unhideWhenUsed="0" w:qFormat="1"/>'
    '<w:lsdException w:name="Book Title" w:semiHidden="0" w:uiPriority="33" w:unhideWhenUsed="0"'
    ' w:qFormat="1"/><w:lsdException w:name="Bibliography" w:uiPriority="37"/>'
    '<w:lsdException w:name="TOC Heading" w:uiPriority="39" w:qFormat="1"/></w:latentStyles>'
)


FOOTER_OPEN = (
    '<w:ftr xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main"'
    ' xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word"'
    ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"'
    ' xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"'
    ' xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"'
    ' xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' mc:Ignorable="w14 wp14">'
)


SETTINGS_HEAD = (
    '<w:settings xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    ' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word"'
    ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    ' xmlns:sl="http://schemas.openxmlformats.org/schemaLibrary/2006/main" mc:Ignorable="w14">'
    '<w:zoom w:val="bestFit"/><w:proofState w:spelling="clean" w:grammar="clean"/>'
    '<w:defaultTabStop w:val="720"/><w:evenAndOddHeaders/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
)


SETTINGS_TAIL = (
    '<w:savePreviewPicture/><w:compat><w:useFELayout/>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
    ' w:val="14"/><w:compatSetting w:name="overrideTableStyleFontSizeAndJustification"'
    ' w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="enableOpenTypeFeatures"'
    ' w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="doNotFlipMirrorIndents"'
    ' w:uri="http://schemas.microsoft.com/office/word" w:val="1"/></w:compat><w:rsids>'
    '<w:rsidRoot w:val="00B47730"/><w:rsid w:val="00034616"/><w:rsid w:val="0006063C"/>'
    '<w:rsid w:val="0015074B"/><w:rsid w:val="0029639D"/><w:rsid w:val="00326F90"/>'
    '<w:rsid w:val="00AA1D8D"/><w:rsid w:val="00B47730"/><w:rsid w:val="00CB0664"/>'
    '<w:rsid w:val="00FC693F"/></w:rsids><m:mathPr><m:mathFont m:val="Cambria Math"/>'
    '<m:brkBin m:val="before"/><m:brkBinSub m:val="--"/><m:smallFrac m:val="0"/><m:dispDef/>'
    '<m:lMargin m:val="0"/><m:rMargin m:val="0"/><m:defJc m:val="centerGroup"/>'
    '<m:wrapIndent m:val="1440"/><m:intLim m:val="subSup"/><m:naryLim m:val="undOvr"/></m:mathPr>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1"'
    ' w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5"'
    ' w:accent6="accent6" w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/>'
    '<w:doNotAutoCompressPictures/><w:shapeDefaults><o:shapedefaults v:ext="edit" spidmax="1027"/>'
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout></w:shapeDefaults>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/><w14:docId w14:val="24062061"/>'
    '<w14:defaultImageDpi w14:val="300"/></w:settings>'
)


NUMBERING = (
    '<w:numbering xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"'
    ' xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"'
    ' xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:w10="urn:schemas-microsoft-com:office:word"'
    ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    ' xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"'
    ' xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk"'
    ' xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' mc:Ignorable="w14 wp14"><w:abstractNum w:abstractNumId="0"><w:nsid w:val="FFFFFF7C"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="C310EC42"/><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:tabs><w:tab w:val="num" w:pos="1800"/></w:tabs><w:ind w:left="1800" w:hanging="360"/>'
    '</w:pPr></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:nsid w:val="FFFFFF7D"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="E4089024"/><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:tabs><w:tab w:val="num" w:pos="1440"/></w:tabs><w:ind w:left="1440" w:hanging="360"/>'
    '</w:pPr></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="2"><w:nsid w:val="FFFFFF7E"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="FB12693A"/><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="ListNumber3"/>'
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="1080"/>'
    '</w:tabs><w:ind w:left="1080" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="3"><w:nsid w:val="FFFFFF7F"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="38441652"/><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="ListNumber2"/>'
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/>'
    '</w:tabs><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="4"><w:nsid w:val="FFFFFF81"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="171AC3A4"/><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:tabs><w:tab w:val="num" w:pos="1440"/></w:tabs><w:ind w:left="1440" w:hanging="360"/>'
    '</w:pPr><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>'
    '</w:abstractNum><w:abstractNum w:abstractNumId="5"><w:nsid w:val="FFFFFF82"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="F3EAFDEC"/><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet3"/>'
    '<w:lvlText w:val="\uf0b7"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="1080"/>'
    '</w:tabs><w:ind w:left="1080" w:hanging="360"/></w:pPr><w:rPr>'
    '<w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="6"><w:nsid w:val="FFFFFF83"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="3D1EFFD4"/><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet2"/>'
    '<w:lvlText w:val="\uf0b7"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/>'
    '</w:tabs><w:ind w:left="720" w:hanging="360"/></w:pPr><w:rPr>'
    '<w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="7"><w:nsid w:val="FFFFFF88"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="D0A62B40"/><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="ListNumber"/>'
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="360"/>'
    '</w:tabs><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="8"><w:nsid w:val="FFFFFF89"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="29761A62"/><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet"/>'
    '<w:lvlText w:val="\uf0b7"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="360"/>'
    '</w:tabs><w:ind w:left="360" w:hanging="360"/></w:pPr><w:rPr>'
    '<w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="8"/></w:num><w:num w:numId="2">'
    '<w:abstractNumId w:val="6"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="4"/></w:num><w:num w:numId="5">'
    '<w:abstractNumId w:val="7"/></w:num><w:num w:numId="6"><w:abstractNumId w:val="3"/></w:num>'
    '<w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num><w:num w:numId="8">'
    '<w:abstractNumId w:val="1"/></w:num><w:num w:numId="9"><w:abstractNumId w:val="0"/></w:num>'
    '</w:numbering>'
)


CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels"'
    ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/customXml/itemProps1.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>'
    '<Override PartName="/docProps/app.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '<Override PartName="/docProps/core.xml"'
    ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/word/document.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/fontTable.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/numbering.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/settings.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/styles.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/theme/theme1.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    '<Override PartName="/word/webSettings.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml"/>'
    '</Types>'
)


PACKAGE_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId3"'
    ' Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"'
    ' Target="docProps/core.xml"/><Relationship Id="rId4"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"'
    ' Target="docProps/app.xml"/><Relationship Id="rId1"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)


DOCUMENT_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId3"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
    ' Target="styles.xml"/><Relationship Id="rId5"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"'
    ' Target="settings.xml"/><Relationship Id="rId6"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/webSettings"'
    ' Target="webSettings.xml"/><Relationship Id="rId7"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"'
    ' Target="fontTable.xml"/><Relationship Id="rId8"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"'
    ' Target="theme/theme1.xml"/><Relationship Id="rId1"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"'
    ' Target="../customXml/item1.xml"/><Relationship Id="rId2"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"'
    ' Target="numbering.xml"/><Relationship Id="rId4"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"'
    ' Target="footer1.xml"/><Relationship Id="rId9"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"'
    ' Target="footer2.xml"/></Relationships>'
)


CUSTOM_XML_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"'
    ' Target="itemProps1.xml"/></Relationships>'
)


WEB_SETTINGS = '''\
<?xml version='1.0' encoding='UTF-8' standalone='yes'?>
<w:webSettings xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">
  <w:allowPNG/>
  <w:doNotSaveAsSingleFile/>
</w:webSettings>
'''


CUSTOM_XML_ITEM = '''\
<?xml version='1.0' encoding='UTF-8' standalone='yes'?>
<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" xmlns="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="/APA.XSL" StyleName="APA"/>
'''


CUSTOM_XML_PROPS = '''\
<?xml version='1.0' encoding='UTF-8' standalone='yes'?>
<ds:datastoreItem xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml" ds:itemID="{EF278816-EC6F-A645-907D-7F25AECB1D4A}">
  <ds:schemaRefs>
    <ds:schemaRef ds:uri="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>
  </ds:schemaRefs>
</ds:datastoreItem>
'''


THEME = '''\
<?xml version='1.0' encoding='UTF-8' standalone='yes'?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">
  <a:themeElements>
    <a:clrScheme name="Office">
      <a:dk1>
        <a:sysClr val="windowText" lastClr="000000"/>
      </a:dk1>
      <a:lt1>
        <a:sysClr val="window" lastClr="FFFFFF"/>
      </a:lt1>
      <a:dk2>
        <a:srgbClr val="1F497D"/>
      </a:dk2>
      <a:lt2>
        <a:srgbClr val="EEECE1"/>
      </a:lt2>
      <a:accent1>
        <a:srgbClr val="4F81BD"/>
      </a:accent1>
      <a:accent2>
        <a:srgbClr val="C0504D"/>
      </a:accent2>
      <a:accent3>
        <a:srgbClr val="9BBB59"/>
      </a:accent3>
      <a:accent4>
        <a:srgbClr val="8064A2"/>
      </a:accent4>
      <a:accent5>
        <a:srgbClr val="4BACC6"/>
      </a:accent5>
      <a:accent6>
        <a:srgbClr val="F79646"/>
      </a:accent6>
      <a:hlink>
        <a:srgbClr val="0000FF"/>
      </a:hlink>
      <a:folHlink>
        <a:srgbClr val="800080"/>
      </a:folHlink>
    </a:clrScheme>
    <a:fontScheme name="Office">
      <a:majorFont>
        <a:latin typeface="Calibri"/>
        <a:ea typeface=""/>
        <a:cs typeface=""/>
        <a:font script="Jpan" typeface="ＭＳ ゴシック"/>
        <a:font script="Hang" typeface="맑은 고딕"/>
        <a:font script="Hans" typeface="宋体"/>
        <a:font script="Hant" typeface="新細明體"/>
        <a:font script="Arab" typeface="Times New Roman"/>
        <a:font script="Hebr" typeface="Times New Roman"/>
        <a:font script="Thai" typeface="Angsana New"/>
        <a:font script="Ethi" typeface="Nyala"/>
        <a:font script="Beng" typeface="Vrinda"/>
        <a:font script="Gujr" typeface="Shruti"/>
        <a:font script="Khmr" typeface="MoolBoran"/>
        <a:font script="Knda" typeface="Tunga"/>
        <a:font script="Guru" typeface="Raavi"/>
        <a:font script="Cans" typeface="Euphemia"/>
        <a:font script="Cher" typeface="Plantagenet Cherokee"/>
        <a:font script="Yiii" typeface="Microsoft Yi Baiti"/>
        <a:font script="Tibt" typeface="Microsoft Himalaya"/>
        <a:font script="Thaa" typeface="MV Boli"/>
        <a:font script="Deva" typeface="Mangal"/>
        <a:font script="Telu" typeface="Gautami"/>
        <a:font script="Taml" typeface="Latha"/>
        <a:font script="Syrc" typeface="Estrangelo Edessa"/>
        <a:font script="Orya" typeface="Kalinga"/>
        <a:font script="Mlym" typeface="Kartika"/>
        <a:font script="Laoo" typeface="DokChampa"/>
        <a:font script="Sinh" typeface="Iskoola Pota"/>
        <a:font script="Mong" typeface="Mongolian Baiti"/>
        <a:font script="Viet" typeface="Times New Roman"/>
        <a:font script="Uigh" typeface="Microsoft Uighur"/>
        <a:font script="Geor" typeface="Sylfaen"/>
      </a:majorFont>
      <a:minorFont>
        <a:latin typeface="Cambria"/>
        <a:ea typeface=""/>
        <a:cs typeface=""/>
        <a:font script="Jpan" typeface="ＭＳ 明朝"/>
        <a:font script="Hang" typeface="맑은 고딕"/>
        <a:font script="Hans" typeface="宋体"/>
        <a:font script="Hant" typeface="新細明體"/>
        <a:font script="Arab" typeface="Arial"/>
        <a:font script="Hebr" typeface="Arial"/>
        <a:font script="Thai" typeface="Cordia New"/>
        <a:font script="Ethi" typeface="Nyala"/>
        <a:font script="Beng" typeface="Vrinda"/>
        <a:font script="Gujr" typeface="Shruti"/>
        <a:font script="Khmr" typeface="DaunPenh"/>
        <a:font script="Knda" typeface="Tunga"/>
        <a:font script="Guru" typeface="Raavi"/>
        <a:font script="Cans" typeface="Euphemia"/>
        <a:font script="Cher" typeface="Plantagenet Cherokee"/>
        <a:font script="Yiii" typeface="Microsoft Yi Baiti"/>
        <a:font script="Tibt" typeface="Microsoft Himalaya"/>
        <a:font script="Thaa" typeface="MV Boli"/>
        <a:font script="Deva" typeface="Mangal"/>
        <a:font script="Telu" typeface="Gautami"/>
        <a:font script="Taml" typeface="Latha"/>
        <a:font script="Syrc" typeface="Estrangelo Edessa"/>
        <a:font script="Orya" typeface="Kalinga"/>
        <a:font script="Mlym" typeface="Kartika"/>
        <a:font script="Laoo" typeface="DokChampa"/>
        <a:font script="Sinh" typeface="Iskoola Pota"/>
        <a:font script="Mong" typeface="Mongolian Baiti"/>
        <a:font script="Viet" typeface="Arial"/>
        <a:font script="Uigh" typeface="Microsoft Uighur"/>
        <a:font script="Geor" typeface="Sylfaen"/>
      </a:minorFont>
    </a:fontScheme>
    <a:fmtScheme name="Office">
      <a:fillStyleLst>
        <a:solidFill>
          <a:schemeClr val="phClr"/>
        </a:solidFill>
        <a:gradFill rotWithShape="1">
          <a:gsLst>
            <a:gs pos="0">
              <a:schemeClr val="phClr">
                <a:tint val="50000"/>
                <a:satMod val="300000"/>
              </a:schemeClr>
            </a:gs>
            <a:gs pos="35000">
              <a:schemeClr val="phClr">
                <a:tint val="37000"/>
                <a:satMod val="300000"/>
              </a:schemeClr>
            </a:gs>
            <a:gs pos="100000">
              <a:schemeClr val="phClr">
                <a:tint val="15000"/>
                <a:satMod val="350000"/>
              </a:schemeClr>
            </a:gs>
          </a:gsLst>
          <a:lin ang="16200000" scaled="1"/>
        </a:gradFill>
        <a:gradFill rotWithShape="1">
          <a:gsLst>
            <a:gs pos="0">
              <a:schemeClr val="phClr">
                <a:tint val="100000"/>
                <a:shade val="100000"/>
                <a:satMod val="130000"/>
              </a:schemeClr>
            </a:gs>
            <a:gs pos="100000">
              <a:schemeClr val="phClr">
                <a:tint val="50000"/>
                <a:shade val="100000"/>
                <a:satMod val="350000"/>
              </a:schemeClr>
            </a:gs>
          </a:gsLst>
          <a:lin ang="16200000" scaled="0"/>
        </a:gradFill>
      </a:fillStyleLst>
      <a:lnStyleLst>
        <a:ln w="9525" cap="flat" cmpd="sng" algn="ctr">
          <a:solidFill>
            <a:schemeClr val="phClr">
              <a:shade val="95000"/>
              <a:satMod val="105000"/>
            </a:schemeClr>
          </a:solidFill>
          <a:prstDash val="solid"/>
        </a:ln>
        <a:ln w="25400" cap="flat" cmpd="sng" algn="ctr">
          <a:solidFill>
            <a:schemeClr val="phClr"/>
          </a:solidFill>
          <a:prstDash val="solid"/>
        </a:ln>
        <a:ln w="38100" cap="flat" cmpd="sng" algn="ctr">
          <a:solidFill>
            <a:schemeClr val="phClr"/>
          </a:solidFill>
          <a:prstDash val="solid"/>
        </a:ln>
      </a:lnStyleLst>
      <a:effectStyleLst>
        <a:effectStyle>
          <a:effectLst>
            <a:outerShdw blurRad="40000" dist="20000" dir="5400000" rotWithShape="0">
              <a:srgbClr val="000000">
                <a:alpha val="38000"/>
              </a:srgbClr>
            </a:outerShdw>
          </a:effectLst>
        </a:effectStyle>
        <a:effectStyle>
          <a:effectLst>
            <a:outerShdw blurRad="40000" dist="23000" dir="5400000" rotWithShape="0">
              <a:srgbClr val="000000">
                <a:alpha val="35000"/>
              </a:srgbClr>
            </a:outerShdw>
          </a:effectLst>
        </a:effectStyle>
        <a:effectStyle>
          <a:effectLst>
            <a:outerShdw blurRad="40000" dist="23000" dir="5400000" rotWithShape="0">
              <a:srgbClr val="000000">
                <a:alpha val="35000"/>
              </a:srgbClr>
            </a:outerShdw>
          </a:effectLst>
          <a:scene3d>
            <a:camera prst="orthographicFront">
              <a:rot lat="0" lon="0" rev="0"/>
            </a:camera>
            <a:lightRig rig="threePt" dir="t">
              <a:rot lat="0" lon="0" rev="1200000"/>
            </a:lightRig>
          </a:scene3d>
          <a:sp3d>
            <a:bevelT w="63500" h="25400"/>
          </a:sp3d>
        </a:effectStyle>
      </a:effectStyleLst>
      <a:bgFillStyleLst>
        <a:solidFill>
          <a:schemeClr val="phClr"/>
        </a:solidFill>
        <a:gradFill rotWithShape="1">
          <a:gsLst>
            <a:gs pos="0">
              <a:schemeClr val="phClr">
                <a:tint val="40000"/>
                <a:satMod val="350000"/>
              </a:schemeClr>
            </a:gs>
            <a:gs pos="40000">
              <a:schemeClr val="phClr">
                <a:tint val="45000"/>
                <a:shade val="99000"/>
                <a:satMod val="350000"/>
              </a:schemeClr>
            </a:gs>
            <a:gs pos="100000">
              <a:schemeClr val="phClr">
                <a:shade val="20000"/>
                <a:satMod val="255000"/>
              </a:schemeClr>
            </a:gs>
          </a:gsLst>
          <a:path path="circle">
            <a:fillToRect l="50000" t="-80000" r="50000" b="180000"/>
          </a:path>
        </a:gradFill>
        <a:gradFill rotWithShape="1">
          <a:gsLst>
            <a:gs pos="0">
              <a:schemeClr val="phClr">
                <a:tint val="80000"/>
                <a:satMod val="300000"/>
              </a:schemeClr>
            </a:gs>
            <a:gs pos="100000">
              <a:schemeClr val="phClr">
                <a:shade val="30000"/>
                <a:satMod val="200000"/>
              </a:schemeClr>
            </a:gs>
          </a:gsLst>
          <a:path path="circle">
            <a:fillToRect l="50000" t="50000" r="50000" b="50000"/>
          </a:path>
        </a:gradFill>
      </a:bgFillStyleLst>
    </a:fmtScheme>
  </a:themeElements>
  <a:objectDefaults>
    <a:spDef>
      <a:spPr/>
      <a:bodyPr/>
      <a:lstStyle/>
      <a:style>
        <a:lnRef idx="1">
          <a:schemeClr val="accent1"/>
        </a:lnRef>
        <a:fillRef idx="3">
          <a:schemeClr val="accent1"/>
        </a:fillRef>
        <a:effectRef idx="2">
          <a:schemeClr val="accent1"/>
        </a:effectRef>
        <a:fontRef idx="minor">
          <a:schemeClr val="lt1"/>
        </a:fontRef>
      </a:style>
    </a:spDef>
    <a:lnDef>
      <a:spPr/>
      <a:bodyPr/>
      <a:lstStyle/>
      <a:style>
        <a:lnRef idx="2">
          <a:schemeClr val="accent1"/>
        </a:lnRef>
        <a:fillRef idx="0">
          <a:schemeClr val="accent1"/>
        </a:fillRef>
        <a:effectRef idx="1">
          <a:schemeClr val="accent1"/>
        </a:effectRef>
        <a:fontRef idx="minor">
          <a:schemeClr val="tx1"/>
        </a:fontRef>
      </a:style>
    </a:lnDef>
  </a:objectDefaults>
  <a:extraClrSchemeLst/>
</a:theme>
'''
