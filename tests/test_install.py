"""`pip install .` gives a working exporter from any folder: example and fonts are bundled.

The wheel is built and installed into a fresh virtual environment (its
dependencies are borrowed from the test environment through a .pth file, to
keep the test offline and quick), then `exporter build` runs from an empty
folder, far from the checkout.
"""

from __future__ import annotations

import json
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_installed_wheel_builds_the_example_from_any_folder(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    target = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            check=True, capture_output=True, text=True).stdout.strip()
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    Path(target, "borrowed-deps.pth").write_text("\n".join(deps) + "\n")
    wheel = next(wheels.glob("exporter-*.whl"))
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
                   check=True, capture_output=True, timeout=600)
    work = tmp_path / "elsewhere"
    work.mkdir()
    proc = subprocess.run([str(venv / "bin" / "exporter"), "build", "--quiet"],
                          cwd=work, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    folder = next((work / "out").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["outputs"]) == sorted(["2024年工作会议暨高质量发展表彰大会摘要.pdf",
                                                  "2024年工作会议暨高质量发展表彰大会简报.docx",
                                                  "2024年工作会议暨高质量发展表彰大会表彰名单和目标责任.xlsx"])
    located = subprocess.run([str(py), "-c", "import exporter.fonts as f, exporter.resources as r;"
                              "print(f.bundled_fonts_dir()); print(r.example_meeting())"],
                             cwd=work, capture_output=True, text=True, check=True).stdout.split("\n")
    assert all("_bundled" in line and str(ROOT) not in line for line in located[:2])
