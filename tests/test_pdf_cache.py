"""The per-user font cache of the PDF renderer (the watermark's outlines): faster, never a different document."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RENDER = (
    "import io, sys, time; from exporter.fonts import resolve_fonts; from exporter.load import load;"
    "from exporter.render import pdf; f = resolve_fonts(); m = load(sys.argv[1], fonts=f).meeting;"
    "t = time.perf_counter(); b = io.BytesIO(); pdf.render(m, f, b);"
    "sys.stdout.buffer.write(b.getvalue()); sys.stderr.write(str(time.perf_counter() - t))"
)


def _render(cache: Path) -> tuple[str, float]:
    env = dict(os.environ, EXPORTER_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", RENDER, str(ROOT / "data/example/meeting.yaml")],
                          capture_output=True, env=env, timeout=300, check=True)
    return hashlib.sha256(proc.stdout).hexdigest(), float(proc.stderr.decode().strip().splitlines()[-1])


def test_cold_warm_and_damaged_cache_give_the_same_pdf(tmp_path):
    cache = tmp_path / "cache"
    legacy = cache / "faces"                  # whole faces pickled by an earlier version: 47 MB nobody reads
    legacy.mkdir(parents=True)
    (legacy / "0123.pickle").write_bytes(b"x" * 1000)
    cold, _ = _render(cache)
    assert not legacy.exists()
    entries = sorted((cache / "outlines").glob("*.pickle"))
    assert len(entries) == 1            # the watermark's outlines (faces are parsed fast, not stored)
    warm, _ = _render(cache)
    assert warm == cold
    for entry in entries:
        entry.write_bytes(b"not a pickle")
    damaged, _ = _render(cache)
    assert damaged == cold


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    assert _render(blocker / "cache")[0] == _render(tmp_path / "ok")[0]
