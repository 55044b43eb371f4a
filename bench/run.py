"""Start-up time and scaling of ``exporter``, against what a user would otherwise pick.

    python bench/run.py [--sizes 1000,10000,100000] [--repeat N] [--short-repeat N] [--quick] [--json OUT]
                        [--targets 2000] [--only REGEX] [--timeout S] [--max-rss MB] [--markdown OUT]
    python bench/run.py --report RESULTS.json [--markdown OUT]     # a saved run, evaluated again

Every case is a whole process, as a cron job or a person at a prompt meets
it: ``python -m exporter build … --out TMP --force --quiet``, and each
alternative is its own process too (``bench/alternatives.py``, or
``soffice``).  Cases that are compared run in turn (ours, alt, ours, alt …)
so that a busy neighbour slows both alike; the sizes of one format take
turns too (1,000 and its alternatives, 10,000, 100,000, then again), because
the linearity check compares sizes and this machine's speed drifts by a
third over minutes.  Wall time is measured around
fork → exit; peak memory is the child's own ``ru_maxrss`` from
``os.wait4`` (with its waited-for descendants), never RUSAGE_CHILDREN, whose
maximum only ever grows across runs.  A child's ru_maxrss also counts the
parent's pages it was forked with, so this script imports nothing but the
standard library (about 10 MB): generating meetings, asking which renderers
exist and writing the fontconfig file happen in helper processes.

A format whose renderer is not in ``exporter/render/`` yet is reported as
"not available", as is every case that needs it.  The table goes to stdout,
all numbers to JSON (default ``bench/results/latest.json``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
EXAMPLE = ROOT / "data" / "example" / "meeting.yaml"
FONTS = ROOT / "fonts"
RESULTS = BENCH / "results"
FORMATS = ("docx", "pdf", "xlsx")
SUFFIX = {"docx": ".docx", "pdf": ".pdf", "xlsx": ".xlsx"}
SHORT_RUN = 3.0          # a case whose first run is shorter gets --short-repeat runs (default 3 × --repeat)
LONG_RUN = 30.0          # a case whose first run takes longer is repeated at most 3 times
VERY_LONG_RUN = 120.0    # … and one taking longer than this is run once
MB = 1_000_000


# --- one measured process ----------------------------------------------------------

@dataclass
class Run:
    seconds: float
    peak_mb: float
    status: str                      # "ok", "failed", "timeout", "memory"
    detail: str = ""
    cpu_s: float = 0.0               # user + system time of the child: less swayed by a busy machine
    tree_mb: float = 0.0             # peak summed PSS of the process and its children (sampled every 50 ms)


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _session_pss_bytes(sid: int) -> int:
    """Proportional set size of every process in session *sid*: the memory a process tree really uses.

    ``ru_maxrss`` is per process; ``exporter build`` renders the PDF in a
    forked child beside its parent, so the tree's sum is what a small machine
    has to hold.  PSS splits pages the two share (copy-on-write) between them.
    """
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            if os.getsid(int(entry.name)) != sid:
                continue
            with open(f"/proc/{entry.name}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError):
            continue
    return total


def measure(argv: list[str], *, cwd: Path, env: dict | None, timeout: float, max_rss_mb: float) -> Run:
    """Run *argv* once: wall time fork → reaped, and the child's own peak RSS."""
    killed: list[str] = []
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        done = threading.Event()

        def kill(reason: str) -> None:
            killed.append(reason)
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        tree_peak = [0]

        def watch() -> None:     # the deadline, a memory ceiling, and the tree's summed PSS every 50 ms
            deadline = t0 + timeout
            while not done.wait(0.05):
                if time.perf_counter() > deadline:
                    return kill("timeout")
                if _rss_bytes(proc.pid) > max_rss_mb * MB:
                    return kill("memory")
                tree_peak[0] = max(tree_peak[0], _session_pss_bytes(proc.pid))

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    peak = usage.ru_maxrss * 1024 / MB            # Linux: KiB
    cpu = usage.ru_utime + usage.ru_stime
    if killed:
        what = {"timeout": f"over {timeout:.0f} s", "memory": f"over {max_rss_mb:.0f} MB"}[killed[0]]
        return Run(seconds, peak, killed[0], f"stopped: {what}", cpu, tree_peak[0] / MB)
    if proc.returncode != 0:
        return Run(seconds, peak, "failed", f"exit {proc.returncode}: {stderr.strip()[-600:]}", cpu,
                   tree_peak[0] / MB)
    return Run(seconds, peak, "ok", stderr.strip()[-300:], cpu, tree_peak[0] / MB)


# --- what is measured ----------------------------------------------------------------

@dataclass
class Case:
    name: str                                   # "10000/xlsx", "10000/xlsx:xlsxwriter"
    what: str                                   # one line for the table
    argv: list[str] = field(default_factory=list)
    ours: str | None = None                     # for an alternative: the case it is compared with
    size: int | None = None
    fmt: str | None = None
    env: dict | None = None
    unavailable: str | None = None              # why it cannot run
    prepare: Callable[[], str | None] | None = field(default=None, repr=False)
    produces: Callable[[], bool] | None = field(default=None, repr=False)
    runs: list[Run] = field(default_factory=list)
    limit: int = 0

    def ok_runs(self) -> list[Run]:
        return [r for r in self.runs if r.status == "ok"]

    def status(self) -> str:
        if self.unavailable:
            return "not available"
        if not self.runs:
            return "not run"
        bad = [r for r in self.runs if r.status != "ok"]
        if bad and not self.ok_runs():
            return bad[0].status
        return "ok"

    def median(self) -> float | None:
        ok = self.ok_runs()
        return statistics.median(r.seconds for r in ok) if ok else None

    def summary(self) -> dict:
        ok = self.ok_runs()
        return {
            "name": self.name, "what": self.what, "ours": self.ours, "size": self.size, "format": self.fmt,
            "command": self.argv, "status": self.status(),
            "unavailable": self.unavailable,
            "median_s": self.median(),
            "median_cpu_s": statistics.median(r.cpu_s for r in ok) if ok else None,
            "min_s": min((r.seconds for r in ok), default=None),
            "max_s": max((r.seconds for r in ok), default=None),
            "peak_mb": max((r.peak_mb for r in ok), default=None),
            "tree_mb": max((r.tree_mb for r in ok), default=None),
            "runs": [asdict(r) for r in self.runs],
        }


def helper(code: str, *args: str) -> object:
    """Run *code* in a fresh interpreter (prints JSON): keeps exporter out of this process."""
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-2000:])
    return json.loads(done.stdout)


RENDERER_STATUS = """
import json
from exporter.build import FORMATS, renderer
out = {}
for key in ("docx", "pdf", "xlsx"):
    try:
        out[key] = None if renderer(FORMATS[key]) else f"{FORMATS[key].module} not written yet"
    except Exception as exc:        # a renderer mid-edit: report it, do not stop the benchmark
        out[key] = f"{FORMATS[key].module} does not import: {type(exc).__name__}: {exc}"
print(json.dumps(out))
"""

WRITE_MEETING = """
import json, sys
sys.path.insert(0, "bench")
from pathlib import Path
from synth import write_meeting
made = write_meeting(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
print(json.dumps({"meeting": str(made.meeting), "enterprises": made.enterprises, "units": made.units}))
"""

WRITE_FONTCONFIG = """
import json, sys
from exporter.fonts import resolve_fonts, write_fontconfig
print(json.dumps(str(write_fontconfig(resolve_fonts(), sys.argv[1]))))
"""


def renderer_status() -> dict[str, str | None]:
    """Per format: None when its renderer imports and has ``render``, else why not."""
    return helper(RENDERER_STATUS)  # type: ignore[return-value]


class Plan:
    """The cases of one benchmark run, in groups whose members alternate."""

    def __init__(self, work: Path, sizes: list[int], targets: int, renderers: dict[str, str | None],
                 timeout: float = 600):
        self.work = work
        self.timeout = timeout
        self.sizes = sizes
        self.targets = targets
        self.renderers = renderers
        self.available = [f for f in FORMATS if renderers[f] is None]
        self.py = sys.executable
        self.groups: list[list[Case]] = []
        self._lo_env: dict | None = None

    # ours ------------------------------------------------------------------------
    def ours(self, name: str, what: str, meeting: Path, fmts: list[str], size: int | None) -> Case:
        out = self.work / "out" / name.replace("/", "-")
        missing = [f for f in fmts if f not in self.available]
        fmt = "all" if len(fmts) == len(FORMATS) else fmts[0]
        case = Case(name, what, size=size, fmt=fmt)
        if fmt != "all" and missing:
            case.unavailable = self.renderers[fmts[0]]
            return case
        fmts = [f for f in fmts if f in self.available]
        if not fmts:
            case.unavailable = "no renderer written yet"
            return case
        if missing:
            case.what += f" — only {','.join(fmts)}: {','.join(missing)} not available"
        case.argv = [self.py, "-m", "exporter", "build", str(meeting), "--format", ",".join(fmts),
                     "--out", str(out), "--force", "--quiet", "--ascii-names"]
        case.produces = lambda: all(any(out.rglob(f"*{SUFFIX[f]}")) for f in fmts)
        return case

    def unchanged(self) -> Case:
        """The cron job's usual run: inputs, fonts and version unchanged, so nothing is rewritten."""
        case = self.ours("example/unchanged", "the example, already built and unchanged (cron's usual run)",
                         EXAMPLE, list(FORMATS), None)
        if case.unavailable:
            return case
        forced = list(case.argv)
        case.argv = [a for a in case.argv if a != "--force"]

        def prepare() -> str | None:
            done = subprocess.run(forced, cwd=self.work, capture_output=True, text=True, timeout=self.timeout)
            return None if done.returncode == 0 else f"the first build failed: {done.stderr.strip()[-300:]}"

        case.prepare = prepare
        return case

    def command(self, name: str, what: str, args: list[str]) -> Case:
        return Case(name, what, argv=[self.py, "-m", "exporter", *args])

    # alternatives -------------------------------------------------------------------
    def alternative(self, kind: str, ours: Case, folder: Path, size: int | None) -> Case:
        out = self.work / "alt" / f"{ours.name.replace('/', '-')}-{kind}"
        out.mkdir(parents=True, exist_ok=True)
        script = str(BENCH / "alternatives.py")
        target = out / {"xlsxwriter": "workbook.xlsx", "docxtpl": "tables.docx", "typst": "tables.pdf"}[kind]
        extra = {"xlsxwriter": [], "docxtpl": [str(self.template())], "typst": [str(FONTS)]}[kind]
        what = {"xlsxwriter": "XlsxWriter constant_memory: the same sheets, rows and formats",
                "docxtpl": "docxtpl: the two attachment tables from a python-docx template",
                "typst": "Typst: the two tables, same faces (typst.compile)"}[kind]
        case = Case(f"{ours.name}:{kind}", what, ours=ours.name, size=size, fmt=ours.fmt,
                    argv=[self.py, script, kind, str(folder), str(target), *extra])
        case.produces = lambda: target.is_file() and target.stat().st_size > 0
        return case

    def template(self) -> Path:
        path = self.work / "docxtpl-template.docx"
        if not path.exists():
            subprocess.run([self.py, str(BENCH / "alternatives.py"), "template", str(path)], check=True)
        return path

    def libreoffice(self, ours: Case, meeting: Path, size: int | None) -> Case:
        """soffice converting exporter's own .docx of the same meeting: the route users take today."""
        case = Case(f"{ours.name}:libreoffice", "LibreOffice headless: exporter's .docx → PDF",
                    ours=ours.name, size=size, fmt="pdf")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            case.unavailable = "soffice not installed"
            return case
        if "docx" not in self.available:
            case.unavailable = "needs exporter's .docx: " + (self.renderers["docx"] or "")
            return case
        src_dir = self.work / "lo-input" / ours.name.replace("/", "-")
        out_dir = self.work / "alt" / f"{ours.name.replace('/', '-')}-libreoffice"
        profile = self.work / "lo-profile"
        case.argv = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                     "--convert-to", "pdf", "--outdir", str(out_dir), str(src_dir / "briefing.docx")]
        case.env = self.lo_env()

        def prepare() -> str | None:
            if (src_dir / "briefing.docx").exists():
                return None
            try:
                run = subprocess.run([self.py, "-m", "exporter", "build", str(meeting), "--format", "docx",
                                      "--out", str(self.work / "lo-build"), "--force", "--quiet", "--ascii-names"],
                                     capture_output=True, text=True, timeout=self.timeout)
            except subprocess.TimeoutExpired:
                return f"building the .docx to convert took over {self.timeout:.0f} s"
            made = sorted((self.work / "lo-build").rglob("briefing.docx"), key=lambda p: p.stat().st_mtime)
            if run.returncode != 0 or not made:
                return f"could not build the .docx to convert: {run.stderr.strip()[-300:]}"
            src_dir.mkdir(parents=True, exist_ok=True)
            shutil.move(str(made[-1]), src_dir / "briefing.docx")
            return None

        case.prepare = prepare
        case.produces = lambda: (out_dir / "briefing.pdf").is_file()
        return case

    def lo_env(self) -> dict:
        """FONTCONFIG_FILE naming the bundled faces under the official names, as the tests use."""
        if self._lo_env is None:
            conf = helper(WRITE_FONTCONFIG, str(self.work / "fontconfig"))
            self._lo_env = dict(os.environ, FONTCONFIG_FILE=str(conf))
        return self._lo_env

    # the whole plan ---------------------------------------------------------------
    def build(self, include: re.Pattern | None) -> list[list[Case]]:
        groups: list[list[Case]] = [
            [self.command("cli/help", "exporter --help", ["--help"])],
            [self.command("cli/validate", "exporter validate (the example)", ["validate", str(EXAMPLE)])],
            [self.ours("example/all", "the example meeting, all three documents", EXAMPLE, list(FORMATS), None)],
        ]
        groups.append([self.unchanged()])
        ex_pdf = self.ours("example/pdf", "the example meeting, PDF summary", EXAMPLE, ["pdf"], None)
        groups.append([ex_pdf, self.libreoffice(ex_pdf, EXAMPLE, None)])
        # One group per format holding every size: the sizes interleave (1,000, its alternative,
        # 10,000, …, then again), so a machine that slows for a few minutes slows all sizes alike
        # and the linearity check compares runs from the same minutes.
        by_format: dict[str, list[Case]] = {"xlsx": [], "docx": [], "pdf": [], "all": []}
        for n in self.sizes:
            folder = self.work / "meetings" / str(n)
            meeting = folder / "meeting.yaml"
            if not meeting.exists():
                helper(WRITE_MEETING, str(folder), str(n), str(self.targets))
            label = f"{n:,} awardees + {self.targets:,} targets"
            xlsx = self.ours(f"{n}/xlsx", f"{label}, workbook", meeting, ["xlsx"], n)
            docx = self.ours(f"{n}/docx", f"{label}, briefing", meeting, ["docx"], n)
            pdf = self.ours(f"{n}/pdf", f"{label}, PDF summary", meeting, ["pdf"], n)
            by_format["xlsx"] += [xlsx, self.alternative("xlsxwriter", xlsx, folder, n)]
            by_format["docx"] += [docx, self.alternative("docxtpl", docx, folder, n)]
            by_format["pdf"] += [pdf, self.alternative("typst", pdf, folder, n), self.libreoffice(pdf, meeting, n)]
            by_format["all"] += [self.ours(f"{n}/all", f"{label}, all three", meeting, list(FORMATS), n)]
        groups += [cases for cases in by_format.values() if cases]
        if include is not None:
            groups = [[c for c in g if include.search(c.name)] for g in groups]
            groups = [g for g in groups if g]
        self.groups = groups
        return groups


# --- running --------------------------------------------------------------------------

def run_group(group: list[Case], *, repeat: int, warm: bool, timeout: float, max_rss_mb: float,
              work: Path, log: Callable[[str], None], short_repeat: int | None = None,
              warm_sizes: tuple = (None,)) -> None:
    """Alternate the cases of *group*: ours, alt, ours, alt …; stop a case that overran.

    *warm*: one untimed run first of each case whose size is in *warm_sizes*
    (the example and the smallest meeting: what fills the font cache and the
    page cache as any earlier build would; a big case warms itself).

    A case under :data:`SHORT_RUN` gets *short_repeat* runs: on a shared
    machine one run of a 0.7 s case swings by 0.1–0.2 s, which is the whole
    margin of a start-up target and the whole 1,000→10,000-row difference
    the linearity check divides by.  Long cases are steadier and dear.
    """
    live = []
    for case in group:
        if case.unavailable:
            log(f"  {case.name}: not available ({case.unavailable})")
            continue
        if case.prepare is not None:
            reason = case.prepare()
            if reason:
                case.unavailable = reason
                log(f"  {case.name}: not available ({reason})")
                continue
        case.limit = repeat
        live.append(case)
    if warm:
        for case in (c for c in live if c.size in warm_sizes):
            measure(case.argv, cwd=work, env=case.env, timeout=timeout, max_rss_mb=max_rss_mb)
    short_repeat = max(short_repeat or repeat, repeat)
    for round_ in range(repeat):
        # a case's share by the end of this round: its extra runs spread over the rounds, so the
        # short cases' runs come from the same minutes as the long ones they are compared with
        def due(case: Case) -> int:
            return min(case.limit, -(-case.limit * (round_ + 1) // repeat))

        while any(len(case.runs) < due(case) for case in live):
            for case in live:
                if len(case.runs) < due(case):
                    _run_once(case, repeat, short_repeat, timeout, max_rss_mb, work, log)


def _run_once(case: Case, repeat: int, short_repeat: int, timeout: float, max_rss_mb: float, work: Path,
              log: Callable[[str], None]) -> None:
    """One timed run; the first one decides how many the case gets."""
    run = measure(case.argv, cwd=work, env=case.env, timeout=timeout, max_rss_mb=max_rss_mb)
    if run.status == "ok" and case.produces is not None and not case.produces():
        run.status, run.detail = "failed", "exited 0 but wrote no output file"
    case.runs.append(run)
    log(f"  {case.name} run {len(case.runs)}: {run.seconds:.2f} s ({run.cpu_s:.2f} s CPU), {run.peak_mb:.0f} MB"
        + ("" if run.status == "ok" else f" — {run.status}: {run.detail[:300]}"))
    if run.status != "ok":
        case.limit = len(case.runs)          # a failure or an overrun is not repeated
    elif len(case.runs) == 1 and run.seconds > VERY_LONG_RUN:
        case.limit = 1
    elif len(case.runs) == 1 and run.seconds > LONG_RUN:
        case.limit = min(repeat, 3)
    elif len(case.runs) == 1 and run.seconds < SHORT_RUN:
        case.limit = short_repeat


# --- targets ----------------------------------------------------------------------------

@dataclass
class Target:
    name: str
    limit: str
    value: str
    met: bool | None                 # None: not measured

    @property
    def verdict(self) -> str:
        return {True: "met", False: "not met", None: "not measured"}[self.met]


def evaluate(cases: dict[str, Case], sizes: list[int]) -> list[Target]:
    """The issue's targets, each with the measured value and met / not met."""
    out: list[Target] = []

    def med(name: str) -> float | None:
        c = cases.get(name)
        return c.median() if c else None

    def peak(name: str) -> float | None:
        """The larger of the biggest process's max RSS and the whole tree's summed PSS."""
        c = cases.get(name)
        if not c or c.summary()["peak_mb"] is None:
            return None
        return max(c.summary()["peak_mb"], c.summary()["tree_mb"] or 0)

    def absolute(title: str, name: str, limit: float, unit: str = "s", getter=med) -> None:
        v = getter(name)
        shown = "—" if v is None else (f"{v:.2f} s" if unit == "s" else f"{v:.0f} MB")
        out.append(Target(title, f"≤ {limit:g} {unit}", shown + _why_missing(cases, name, v),
                          None if v is None else v <= limit))

    def ratio(title: str, ours: str, alt: str, limit: float) -> None:
        a, b = med(ours), med(alt)
        if a is not None and b is None and (bound := stopped_bound(cases.get(alt), a, limit)):
            out.append(Target(title, f"≤ {limit:g} ×", bound, True))
            return
        if a is None or b is None:
            missing = ours if a is None else alt
            out.append(Target(title, f"≤ {limit:g} ×", "—" + _why_missing(cases, missing, None), None))
            return
        out.append(Target(title, f"≤ {limit:g} ×", f"{a / b:.2f} × ({a:.2f} s / {b:.2f} s)", a / b <= limit))

    absolute("example, all three documents, cold", "example/all", 1.0)
    absolute("exporter --help", "cli/help", 0.2)
    absolute("exporter validate, the example", "cli/validate", 0.4)
    if 10000 in sizes:
        absolute("10,000 awardees + targets, all three: time", "10000/all", 6.0)
        absolute("10,000 awardees + targets, all three: peak memory", "10000/all", 300, "MB", peak)
    big = max(sizes) if sizes else None
    if big is not None:
        ratio(f"{big:,} awardees, workbook vs XlsxWriter constant_memory", f"{big}/xlsx", f"{big}/xlsx:xlsxwriter", 1.3)
        absolute(f"{big:,} awardees, workbook: peak memory", f"{big}/xlsx", 100, "MB", peak)
    for n in sizes:
        ratio(f"{n:,} awardees, briefing vs docxtpl tables", f"{n}/docx", f"{n}/docx:docxtpl", 0.6)
    for n in sizes:
        ratio(f"{n:,} awardees, PDF vs Typst tables", f"{n}/pdf", f"{n}/pdf:typst", 0.6)
    ratio("example, PDF summary vs LibreOffice converting the .docx", "example/pdf", "example/pdf:libreoffice", 0.3)
    for n in sizes:
        ratio(f"{n:,} awardees, PDF summary vs LibreOffice converting the .docx", f"{n}/pdf",
              f"{n}/pdf:libreoffice", 0.3)
    out += linearity(cases, sizes)
    return out


def linearity(cases: dict[str, Case], sizes: list[int]) -> list[Target]:
    """Time per added row between the two largest sizes ≤ 1.2 × that between the two before.

    Per row means marginal: (t(n₂) − t(n₁)) / (n₂ − n₁).  Start-up and the
    2,000 target rows are the same at every size and cancel out; a plain
    t(n)/n would hide a superlinear renderer behind its fixed cost.
    """
    out = []
    s = sorted(sizes)
    if len(s) < 3:
        return [Target("linear: time per row", "≤ 1.2 ×", "needs three sizes", None)]
    a, b, c = s[-3:]
    for fmt in FORMATS + ("all",):
        t = [cases.get(f"{n}/{fmt}") for n in (a, b, c)]
        meds = [x.median() if x else None for x in t]
        title = f"linear, {fmt}: per row {b:,}→{c:,} vs {a:,}→{b:,}"
        if None in meds:
            missing = next(x for x, m in zip(t, meds) if m is None)
            out.append(Target(title, "≤ 1.2 ×", "—" + _why_missing(cases, missing.name if missing else "", None), None))
            continue
        low = (meds[1] - meds[0]) / (b - a)
        high = (meds[2] - meds[1]) / (c - b)
        ok = low > 0 and high <= 1.2 * low
        spread = ratio_interval(*[[r.seconds for r in x.ok_runs()] for x in t], (a, b, c))
        out.append(Target(title, "≤ 1.2 ×",
                          f"{high / low:.2f} × ({high * 1e6:.0f} µs vs {low * 1e6:.0f} µs per row{spread})"
                          if low > 0 else f"{high * 1e6:.0f} µs vs {low * 1e6:.0f} µs per row", ok))
    return out


def ratio_interval(small: list[float], middle: list[float], large: list[float], sizes: tuple[int, int, int],
                   draws: int = 2000) -> str:
    """The 5th–95th percentile of the linearity ratio when the runs are resampled (bootstrap).

    The ratio divides by the difference between two short cases, so a few
    noisy runs move it a lot; the interval says how much.  Seeded: the same
    runs give the same interval.
    """
    if min(len(small), len(middle), len(large)) < 3:
        return ""
    rng = random.Random(8)
    a, b, c = sizes
    ratios = []
    for _ in range(draws):
        m = [statistics.median(rng.choices(runs, k=len(runs))) for runs in (small, middle, large)]
        low = (m[1] - m[0]) / (b - a)
        # no time added from the small size to the middle one: the ratio has no bound
        ratios.append((m[2] - m[1]) / (c - b) / low if low > 0 else math.inf)
    ratios.sort()
    lo, hi = ratios[int(0.05 * draws)], ratios[int(0.95 * draws) - 1]
    return f"; 90% interval {lo:.2f}–{hi:.2f} ×" if hi < math.inf else f"; 90% interval from {lo:.2f} ×, unbounded"


def stopped_bound(alt: Case | None, ours: float, limit: float) -> str | None:
    """The ratio's upper bound when the alternative was stopped (time or memory) before it finished.

    A run stopped after s seconds would have taken at least s, so ours ÷ alt
    is at most ours ÷ s.  If even that bound is within the limit, the target
    is met whatever the alternative's real time; otherwise nothing is known
    (None) and the target stays "not measured".
    """
    stopped = [r for r in (alt.runs if alt else []) if r.status in ("timeout", "memory")]
    if not stopped or alt.ok_runs():
        return None
    at_least = max(r.seconds for r in stopped)
    if ours / at_least > limit:
        return None
    why = next(r.detail for r in stopped if r.seconds == at_least)
    return (f"≤ {ours / at_least:.2f} × ({ours:.2f} s / more than {at_least:.0f} s: {alt.name} {why}; "
            f"a bound, the alternative did not finish)")


def _why_missing(cases: dict[str, Case], name: str, value) -> str:
    if value is not None:
        return ""
    c = cases.get(name)
    if c is None:
        return " (not run)"
    st = c.status()
    if st == "not available":
        return f" ({name} not available)"
    bad = next((r for r in c.runs if r.status != "ok"), None)
    return f" ({name}: {st}{', ' + bad.detail[:80] if bad else ''})"


# --- reporting ----------------------------------------------------------------------------

def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "memory_gb": _mem_gb()}


def _self_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB


def _mem_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "exporter"],
                               capture_output=True, text=True).stdout.strip()
        return head + ("+uncommitted" if dirty else "")
    except OSError:
        return "unknown"


def table(groups: list[list[Case]]) -> str:
    """A Markdown table: one row per case, ratios in the row of each alternative."""
    rows = ["| case | what | runs | median s | min–max s | CPU s | peak MB | tree MB | ours ÷ alt |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    by_name = {c.name: c for g in groups for c in g}
    for group in groups:
        for c in group:
            s = c.summary()
            ratio = ""
            if c.ours and by_name.get(c.ours) and by_name[c.ours].median() and c.median():
                ratio = f"{by_name[c.ours].median() / c.median():.2f} ×"
            if s["status"] != "ok":
                note = c.unavailable or next((r.detail for r in c.runs if r.status != "ok"), "")
                rows.append(f"| {c.name} | {c.what} | {len(c.runs)} | {s['status']} | | | | | {_cell(note)[:90]} |")
                continue
            rows.append(f"| {c.name} | {c.what} | {len(c.ok_runs())} | {s['median_s']:.2f} | "
                        f"{s['min_s']:.2f}–{s['max_s']:.2f} | {s['median_cpu_s']:.2f} | {s['peak_mb']:.0f} | "
                        f"{s['tree_mb']:.0f} | {ratio} |")
    return "\n".join(rows)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "/")


def targets_table(targets: list[Target]) -> str:
    rows = ["| target | limit | measured | |", "|---|---|---|---|"]
    rows += [f"| {t.name} | {t.limit} | {_cell(t.value)} | **{t.verdict}** |" for t in targets]
    return "\n".join(rows)


def markdown(meta: dict, groups: list[list[Case]], targets: list[Target]) -> str:
    m = meta["machine"]
    return "\n".join([
        "## Benchmarks",
        "",
        f"Measured {meta['date']} with `python bench/run.py {' '.join(meta['argv'])}` "
        f"(exporter {meta['commit']}; formats available: {', '.join(meta['available']) or 'none'}).",
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['memory_gb']} GB, Python {m['python']}, "
        f"load average {meta['load_before'][0]:.2f} before / {meta['load_after'][0]:.2f} after; "
        "exporter's bytecode compiled first, as an installed copy has it.",
        f"Wall time of the whole process, median of {meta['repeat']} alternating runs "
        f"(cases under {SHORT_RUN:g} s: {meta.get('short_repeat', meta['repeat'])}, "
        f"over {LONG_RUN:.0f} s: at most 3, over {VERY_LONG_RUN:.0f} s: 1); peak memory = the child's own max RSS (os.wait4; "
        f"floor {meta.get('harness_rss_mb', 0):.0f} MB, the harness it is forked from); tree MB = the peak of the "
        "summed PSS of the process and its children, sampled every 50 ms (exporter renders the PDF in a forked "
        "child beside the other documents); memory targets use the larger of the two. "
        "CPU s: median user+system time of the child (with its waited-for children), a check on a busy machine. "
        "ours ÷ alt: exporter's median over the alternative's, in the alternative's row.",
        "",
        table(groups),
        "",
        "### Targets",
        "",
        targets_table(targets),
        "",
    ])


# --- main ---------------------------------------------------------------------------------

def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default=None, help="awardee counts, comma-separated (default 1000,10000,100000)")
    p.add_argument("--targets", type=int, default=None, help="target rows per synthetic meeting (default 2000)")
    p.add_argument("--repeat", type=int, default=None, help="timed runs per case (default 5)")
    p.add_argument("--short-repeat", type=int, default=None,
                   help=f"timed runs of a case under {SHORT_RUN:g} s (default 3 × --repeat; --quick: 1)")
    p.add_argument("--quick", action="store_true",
                   help="CI smoke run: 200 awardees, 100 targets, 1 run, no warm-up")
    p.add_argument("--json", type=Path, default=None, help="write the results here (default bench/results/latest.json)")
    p.add_argument("--markdown", type=Path, default=None, help="also write the Markdown section (bench/RESULTS.md)")
    p.add_argument("--only", default=None, help="regular expression: run only the cases whose name matches")
    p.add_argument("--timeout", type=float, default=600, help="seconds before one run is stopped (default 600)")
    p.add_argument("--max-rss", type=float, default=6000, help="MB of RSS before one run is stopped (default 6000)")
    p.add_argument("--keep", action="store_true", help="keep the work folder (meetings, outputs)")
    p.add_argument("--report", type=Path, default=None, metavar="JSON",
                   help="measure nothing: print the table and targets of a saved results file again")
    a = p.parse_args(argv)
    a.sizes = [int(s.replace("_", "").replace(",", "")) for s in (a.sizes or ("200" if a.quick else "1000,10000,100000")).split(",") if s.strip()]
    a.targets = a.targets if a.targets is not None else (100 if a.quick else 2000)
    a.repeat = a.repeat if a.repeat is not None else (1 if a.quick else 5)
    a.short_repeat = a.short_repeat if a.short_repeat is not None else (a.repeat if a.quick else 3 * a.repeat)
    return a


def compile_bytecode() -> None:
    """Compile exporter's modules once, as ``pip install`` does for an installed package.

    With ``PYTHONDONTWRITEBYTECODE`` set (as on this machine) or a read-only
    checkout, every run would otherwise compile ~14,000 lines from source
    (~0.1 s), a cost no installed copy pays.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "exporter")], check=False,
                   stdout=subprocess.DEVNULL)


def cases_from_json(saved: dict) -> list[Case]:
    """The cases of a saved results file, runs and all, as :func:`evaluate` and :func:`table` take them."""
    return [Case(c["name"], c["what"], argv=c["command"], ours=c["ours"], size=c["size"], fmt=c["format"],
                 unavailable=c["unavailable"], runs=[Run(**r) for r in c["runs"]]) for c in saved["cases"]]


def report_again(path: Path, markdown_out: Path | None) -> int:
    """Re-print a saved run with this version's evaluation (a new target check, a new interval)."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    cases = cases_from_json(saved)
    report = markdown(saved["meta"], [cases], evaluate({c.name: c for c in cases}, saved["meta"]["sizes"]))
    print(report)
    if markdown_out:
        markdown_out.write_text(report, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.report:
        return report_again(args.report, args.markdown)
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    work = Path(tempfile.mkdtemp(prefix="exporter-bench-"))
    renderers = renderer_status()
    meta = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "argv": argv,
            "machine": machine(), "commit": _commit(), "sizes": args.sizes, "targets": args.targets,
            "repeat": args.repeat, "short_repeat": args.short_repeat, "quick": args.quick, "renderers": renderers,
            "available": [f for f in FORMATS if renderers[f] is None], "load_before": list(os.getloadavg())}
    for fmt, why in renderers.items():
        if why:
            log(f"{fmt}: not available ({why})")
    compile_bytecode()
    try:
        plan = Plan(work, args.sizes, args.targets, renderers, args.timeout)
        groups = plan.build(re.compile(args.only) if args.only else None)
        smallest = min(args.sizes) if args.sizes else None
        # The floor under every peak: a forked child starts with this process's pages.
        meta["harness_rss_mb"] = round(_self_rss_mb(), 1)
        for group in groups:
            log(f"{' / '.join(c.name for c in group)}")
            run_group(group, repeat=args.repeat, short_repeat=args.short_repeat, warm=not args.quick,
                      warm_sizes=(None, smallest), timeout=args.timeout, max_rss_mb=args.max_rss,
                      work=work, log=log)
        meta["load_after"] = list(os.getloadavg())
        cases = {c.name: c for g in groups for c in g}
        targets = evaluate(cases, args.sizes)
        report = markdown(meta, groups, targets)
        print(report)
        out = args.json or RESULTS / "latest.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"meta": meta, "cases": [c.summary() for g in groups for c in g],
                                   "targets": [asdict(t) | {"verdict": t.verdict} for t in targets]},
                                  ensure_ascii=False, indent=2), encoding="utf-8")
        log(f"results: {out}")
        if args.markdown:
            args.markdown.write_text(report, encoding="utf-8")
            log(f"markdown: {args.markdown}")
    finally:
        if args.keep:
            log(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
