"""One renderer per format, each the only importer of its library.

Each module has one entry point ``render(meeting, fonts, out)``: a validated
:class:`~exporter.model.Meeting` in, the document written to the binary
stream ``out``.  Renderers never read files of their own accord.
"""
