"""Model → the requested documents on disk, atomically, with a manifest.

A build renders every requested document into a temporary file beside its
final name, and renames them into place only when all of them rendered; the
manifest is written last.  A reader therefore sees either the previous set or
the new one, and an interrupted run leaves the previous outputs intact.

The manifest records the tool version, the hashes of every input and font
file, and the hashes of the outputs: that is how a later run (the cron job)
knows whether anything changed.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import __version__
from .errors import OutputError, UsageError, describe_os_error
from .forked import Child, Standby, parallel_available
from .standby import hand_over, pdf_standby, worth_handing
from .store import (
    MANIFEST,
    commit,
    manifest_bytes,
    meeting_folder,
    read_manifest,
    remove_stale_parts,
    safe_name,
    sha256_file,
    staged_file,
    sync_folder,
    write_atomic,
)

if TYPE_CHECKING:
    from .load import Loaded


@dataclass(frozen=True)
class Format:
    """One output format: where its renderer lives and how its file is named."""

    key: str
    module: str
    suffix: str
    label: str          # appended to the short title in the Chinese file name
    ascii_name: str

    def filename(self, short_title: str, ascii_names: bool) -> str:
        if ascii_names:
            return self.ascii_name
        return f"{safe_name(short_title)}{self.label}{self.suffix}"


FORMATS: dict[str, Format] = {
    "docx": Format("docx", "exporter.render.word", ".docx", "简报", "briefing.docx"),
    "pdf": Format("pdf", "exporter.render.pdf", ".pdf", "摘要", "summary.pdf"),
    "xlsx": Format("xlsx", "exporter.render.excel", ".xlsx", "表彰名单和目标责任", "workbook.xlsx"),
}


def parse_formats(text: str | None) -> list[str]:
    """``docx,pdf`` → ["docx", "pdf"], in the canonical order; a typo is a usage error."""
    if not text:
        return list(FORMATS)
    wanted = [t.strip().lower().lstrip(".") for t in text.split(",") if t.strip()]
    aliases = {"word": "docx", "excel": "xlsx", "xls": "xlsx", "doc": "docx"}
    wanted = [aliases.get(w, w) for w in wanted]
    unknown = [w for w in wanted if w not in FORMATS]
    if unknown:
        raise UsageError(f"不认识的格式：{'、'.join(unknown)}（可用：docx、pdf、xlsx）")
    return [k for k in FORMATS if k in wanted]


def is_available(fmt: Format) -> bool:
    """Whether the format's renderer is installed, without importing it.

    Importing the renderers (ReportLab above all) costs ~0.2 s; a cron run
    whose outputs are current must not pay it just to find nothing to do.
    (``exporter build`` does pay it, on the second core and off its own
    time, in the standby it forks before it knows: :mod:`exporter.standby`.)
    """
    return importlib.util.find_spec(fmt.module) is not None


def renderer(fmt: Format) -> Callable:
    """The renderer's ``render`` function (imported only now: see :func:`is_available`)."""
    return importlib.import_module(fmt.module).render


@dataclass
class BuildResult:
    """What one meeting's build did."""

    source: Path
    folder: Path
    meeting: object = None
    outputs: dict[str, Path] = field(default_factory=dict)
    rebuilt: bool = False
    unavailable: list[str] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)


def input_hashes(loaded: Loaded) -> dict[str, str]:
    """Hashes of the meeting file and every list it read, keyed by path relative to the meeting."""
    base = loaded.source.resolve().parent
    hashes = {}
    for p in loaded.inputs:
        rp = p.resolve()
        try:
            key = rp.relative_to(base).as_posix()
        except ValueError:
            key = rp.as_posix()
        hashes[key] = sha256_file(rp)
    return hashes


def expected_manifest(loaded: Loaded, fonts, formats: list[str]) -> dict:
    """Everything an output depends on; equal to the stored one → the outputs are current."""
    return {
        "tool": "exporter",
        "version": __version__,
        "format": "meeting/1",
        "inputs": input_hashes(loaded),
        "fonts": fonts.fingerprint() if fonts is not None else {},
        "documents": sorted(formats),
    }


def _dependencies(manifest: dict | None) -> dict | None:
    if not manifest:
        return None
    return {k: manifest.get(k) for k in ("tool", "version", "format", "inputs", "fonts", "documents")}


def is_current(folder: Path, wanted: dict) -> bool:
    """The stored manifest matches and every output is there with the recorded hash."""
    stored = read_manifest(folder)
    if _dependencies(stored) != _dependencies(wanted):
        return False
    for name, info in (stored.get("outputs") or {}).items():
        path = folder / name
        if not path.is_file() or sha256_file(path) != info.get("sha256"):
            return False
    return True


def build(meeting_path: Path, *, formats: list[str], out_root: Path, ascii_names: bool = False,
          force: bool = False, fonts=None, progress: Callable[[str], None] | None = None,
          standby: bool = True) -> BuildResult:
    """Validate one meeting and write its documents; skip the work when nothing changed.

    *standby*: ready the PDF renderer in a child while the meeting loads
    (:mod:`exporter.standby`); faster, but a meeting whose documents turn
    out to be current has cost the second core ~0.15 s for nothing.
    """
    if fonts is None:
        from .fonts import resolve_fonts

        fonts = resolve_fonts()
    with pdf_standby(formats, wanted=standby) as ready:
        from .load import load   # after the fork: the standby has no use for the loader (~30 ms)

        loaded = load(meeting_path, fonts=fonts)
        return build_loaded(loaded, formats=formats, out_root=out_root, ascii_names=ascii_names,
                            force=force, fonts=fonts, progress=progress, standby=ready)


def build_loaded(loaded: Loaded, *, formats: list[str], out_root: Path, ascii_names: bool = False,
                 force: bool = False, fonts=None, progress: Callable[[str], None] | None = None,
                 standby: Standby | None = None) -> BuildResult:
    """Write the documents of an already loaded meeting (*standby*: :mod:`exporter.standby`)."""
    meeting = loaded.meeting
    folder = meeting_folder(out_root, meeting.meeting.date, meeting.meeting.title, meeting.short_title,
                            ascii_names)
    result = BuildResult(loaded.source, folder, meeting)
    available = []
    for key in formats:
        if not is_available(FORMATS[key]):
            result.unavailable.append(key)
        else:
            available.append(key)
    wanted = expected_manifest(loaded, fonts, available)
    names = {k: FORMATS[k].filename(meeting.short_title, ascii_names) for k in available}
    result.outputs = {k: folder / n for k, n in names.items()}
    if not force and is_current(folder, wanted):
        result.manifest = read_manifest(folder) or {}
        return result
    _check_folder_is_ours(folder, force)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(folder)
        staged = _render_all(meeting, fonts, available, names, folder, progress, standby)
        for key, tmp in staged.items():
            commit(tmp, folder / names[key])
        outputs = {names[k]: {"sha256": sha256_file(folder / names[k]),
                              "bytes": (folder / names[k]).stat().st_size} for k in available}
        manifest = dict(wanted, outputs=outputs)
        write_atomic(folder / MANIFEST, manifest_bytes(manifest))
        sync_folder(folder)
    except OSError as exc:
        raise OutputError(f"无法写入输出文件夹“{folder}”：{describe_os_error(exc)}。原有文件未改动。") from exc
    result.rebuilt = True
    result.manifest = manifest
    return result


def _check_folder_is_ours(folder: Path, force: bool) -> None:
    """Never overwrite documents that an earlier exporter run did not write."""
    if force or not folder.is_dir() or (folder / MANIFEST).exists():
        return
    if any(p.suffix in (".docx", ".pdf", ".xlsx") for p in folder.iterdir()):
        raise UsageError(f"输出文件夹“{folder}”里已有不是本工具生成的文档；"
                          "请换一个 --out 文件夹，或加 --force 覆盖")


def _render_all(meeting, fonts, formats: list[str], names: dict[str, str], folder: Path,
                progress: Callable[[str], None] | None, standby: Standby | None = None) -> dict[str, Path]:
    """Render every document to a staged temp file; on any failure remove them all.

    With two or more documents and a second core, the PDF (or the last
    format) is rendered in a forked child while this process renders the
    others (:mod:`exporter.forked`); the files are the same bytes either way.
    A waiting *standby* renders the PDF if the meeting is small enough to
    hand over, else it is dismissed.
    """
    staged: dict[str, Path] = {}
    child = None
    try:
        forked = _forked_format(formats)
        if standby is not None:
            if forked == "pdf" and worth_handing(meeting):
                child = _hand_render(standby, meeting, fonts, folder / names[forked], staged)
            if child is None:
                standby.stop()
        if child is None and len(formats) > 1 and parallel_available():
            child = _fork_render(forked, meeting, fonts, folder / names[forked], staged)
        if child is not None:
            if progress:
                progress(names[forked])
            formats = [k for k in formats if k != forked]
        for key in formats:
            if progress:
                progress(names[key])
            with staged_file(folder / names[key]) as (tmp, fh):
                staged[key] = tmp
                render_one(key, meeting, fonts, fh)
        if child is not None:
            child.join()          # an interrupt here still stops and reaps the child (below)
            child = None
    except BaseException:
        if child is not None:
            child.stop()
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    return staged


def _forked_format(formats: list[str]) -> str | None:
    """The format a second process renders: the PDF, the slowest and the only one importing ReportLab."""
    return "pdf" if "pdf" in formats else (formats[-1] if formats else None)


def _hand_render(standby: Standby, meeting, fonts, target: Path, staged: dict[str, Path]) -> Standby | None:
    """Give the standby child the meeting and a staged file for the PDF (:mod:`exporter.standby`).

    None if it cannot be handed over: the standby died getting ready (the
    OOM killer, a signal, its import failed) before this moment.  The PDF
    is then rendered as if there had been no standby, and a real error
    shows up there again.  A standby that dies after this moment is an
    error at :meth:`~exporter.forked.Child.join`, as a forked child's is.
    """
    try:
        with staged_file(target) as (tmp, fh):
            staged["pdf"] = tmp
            hand_over(standby, meeting, fonts, fh.fileno())
    except Exception:  # noqa: BLE001 - rendered the other way, where a real error is raised again
        staged.pop("pdf", None)
        return None
    return standby


def _fork_render(key: str, meeting, fonts, target: Path, staged: dict[str, Path]) -> Child | None:
    """Start rendering *key* in a forked child; None when the system cannot fork (render it here then).

    A fork fails for want of memory or process slots, on exactly the small
    machines where one process at a time is the right answer anyway.
    """
    with staged_file(target) as (tmp, fh):
        try:
            child = Child(lambda: render_one(key, meeting, fonts, fh, sync=True), keep_fds=[fh.fileno()])
        except OSError:
            tmp.unlink(missing_ok=True)
            return None
        staged[key] = tmp
    return child


def render_one(key: str, meeting, fonts, fh, sync: bool = False) -> None:
    """One renderer into one staged file (*sync*: the forked child, whose file the parent has closed)."""
    renderer(FORMATS[key])(meeting, fonts, fh)
    fh.flush()
    if sync:
        os.fsync(fh.fileno())
