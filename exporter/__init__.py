"""exporter: meeting record (meeting/1) → Word briefing, PDF summary, Excel workbook.

The package reads like the pipeline: ``model`` (the data) ← ``load`` (files and
every input error) → ``render`` (one module per format) → ``build`` (files on
disk, atomically, with a manifest) → ``deliver`` (mail, the scheduled job) →
``cli`` (a thin shell that maps errors to exit codes).
"""

__version__ = "0.1.0"
