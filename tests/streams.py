"""What the .docx and .xlsx writer tests share: a stream like a pipe, and the libraries a render imports."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path


class Pipe(io.RawIOBase):
    """A write-only stream that cannot seek, as a pipe to another process is; keeps what it was given."""

    def __init__(self):
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.data += b
        return len(b)


def libraries_imported_by(render_module: str, meeting: Path, roots: tuple[str, ...]) -> list[str]:
    """The modules under *roots* that rendering *meeting* with *render_module* imports, in a fresh process."""
    code = (f"import io, sys; from exporter.load import load_meeting; from {render_module} import render;"
            "render(load_meeting(sys.argv[1]), None, io.BytesIO());"
            f"print('\\n'.join(sorted(m for m in sys.modules if m.split('.')[0] in {roots!r})))")
    done = subprocess.run([sys.executable, "-c", code, str(meeting)], capture_output=True, text=True, check=True)
    return done.stdout.split()
