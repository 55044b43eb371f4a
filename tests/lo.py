"""LibreOffice headless conversion for tests: ``convert(path, fmt, outdir, fonts=None)``.

Tests render the documents with a real office suite to see what a reader
sees (pages, positions, fonts).  One LibreOffice profile per test session
(a fresh profile costs a few seconds; a shared one would collide with a
desktop LibreOffice or another run), removed when the session ends.  With
*fonts*, ``FONTCONFIG_FILE`` points at a file from
``exporter.fonts.fontconfig_alias_xml`` so that the official face names in
a .docx (仿宋_GB2312 …) are drawn with the bundled faces, as the PDF is.

If ``soffice`` is not installed the calling test is skipped with a message
saying what to install; CI installs it, so there it always runs.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from exporter.fonts import FontSet, fontconfig_alias_xml

TIMEOUT_S = 240
_session_dir: Path | None = None


def soffice() -> str:
    """The LibreOffice binary, or skip the test saying how to get it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer libreoffice-calc); "
                    "this test renders documents with it")
    return found


def _session() -> Path:
    """A private folder for this test session: LibreOffice profile and fontconfig files."""
    global _session_dir
    if _session_dir is None:
        _session_dir = Path(tempfile.mkdtemp(prefix="lo-test-"))
        atexit.register(shutil.rmtree, _session_dir, ignore_errors=True)
    return _session_dir


def _fontconfig(fonts: FontSet) -> Path:
    """The alias file for *fonts*, written once per distinct font set."""
    xml = fontconfig_alias_xml(fonts)
    target = _session() / f"fonts-{hashlib.sha256(xml.encode()).hexdigest()[:12]}.conf"
    if not target.exists():
        target.write_text(xml, encoding="utf-8")
    return target


def convert(path: Path | str, fmt: str, outdir: Path | str, fonts: FontSet | None = None) -> Path:
    """Convert *path* to *fmt* (``pdf``, ``png``, ``pdf:calc_pdf_Export`` …) into *outdir*; return the file.

    Raises AssertionError with LibreOffice's output when no file appears.
    """
    binary = soffice()
    path, outdir = Path(path).resolve(), Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = _session() / "profile"
    env = dict(os.environ)
    if fonts is not None:
        env["FONTCONFIG_FILE"] = str(_fontconfig(fonts))
    target = outdir / f"{path.stem}.{fmt.split(':')[0]}"
    if target.exists():
        target.unlink()
    cmd = [binary, "--headless", "--norestore", "--nolockcheck", "--nodefault",
           f"-env:UserInstallation={profile.as_uri()}",
           "--convert-to", fmt, "--outdir", str(outdir), str(path)]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S,
                            stdin=subprocess.DEVNULL)
    if not target.exists():
        raise AssertionError(f"LibreOffice made no {target.name} (exit {result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return target
