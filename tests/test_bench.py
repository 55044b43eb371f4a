"""The benchmark still runs: every case and every target comes out, in the table and the JSON.

Times are never asserted (CI machines differ and neighbours are noisy); what
would rot is the harness itself — a renamed option, a case that silently
stops producing output, an alternative whose library changed its API.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402  (bench/synth.py)

from exporter.load import load_meeting  # noqa: E402

QUICK_SIZE = 200
EXPECTED_CASES = [
    "cli/help", "cli/validate", "example/all", "example/unchanged", "example/pdf", "example/pdf:libreoffice",
    f"{QUICK_SIZE}/xlsx", f"{QUICK_SIZE}/xlsx:xlsxwriter",
    f"{QUICK_SIZE}/docx", f"{QUICK_SIZE}/docx:docxtpl",
    f"{QUICK_SIZE}/pdf", f"{QUICK_SIZE}/pdf:typst", f"{QUICK_SIZE}/pdf:libreoffice",
    f"{QUICK_SIZE}/all",
]
EXPECTED_TARGETS = [
    "example, all three documents, cold", "exporter --help", "exporter validate, the example",
    "workbook vs XlsxWriter constant_memory", "workbook: peak memory", "briefing vs docxtpl tables",
    "PDF vs Typst tables", "PDF summary vs LibreOffice converting the .docx", "linear",
]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    """One `bench/run.py --quick` for the module: about half a minute on two cores."""
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick",
         "--json", str(out / "results.json"), "--markdown", str(out / "RESULTS.md")],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return done, json.loads((out / "results.json").read_text(encoding="utf-8")), out


@pytest.mark.slow
def test_quick_run_measures_every_case(quick_run):
    _, results, _ = quick_run
    cases = {c["name"]: c for c in results["cases"]}
    assert list(cases) == EXPECTED_CASES
    for name, case in cases.items():
        # A case may wait for a renderer that is not written yet; it may never fail or vanish.
        assert case["status"] in ("ok", "not available"), (name, case["runs"], case["unavailable"])
        if case["status"] == "ok":
            assert case["median_s"] > 0 and case["min_s"] <= case["median_s"] <= case["max_s"], name
            assert case["peak_mb"] > 1, name
            assert len(case["runs"]) == 1            # --quick: one run each
    # The example and the CLI need no renderer: they are always measured.
    assert cases["cli/help"]["status"] == "ok" and cases["cli/validate"]["status"] == "ok"
    assert results["meta"]["machine"]["nproc"] >= 1 and results["meta"]["sizes"] == [QUICK_SIZE]


@pytest.mark.slow
def test_quick_run_prints_the_table_and_every_target(quick_run):
    done, results, out = quick_run
    table = done.stdout
    for name in EXPECTED_CASES:
        assert f"| {name} |" in table, name
    targets = results["targets"]
    for title in EXPECTED_TARGETS:
        matching = [t for t in targets if title in t["name"]]
        assert matching, title
        for t in matching:
            assert t["verdict"] in ("met", "not met", "not measured")
            assert f"| {t['name']} |" in table
    # The Markdown section written for the README is the same report.
    assert (out / "RESULTS.md").read_text(encoding="utf-8").strip() == table.strip()


@pytest.mark.slow
def test_a_saved_run_reports_again_as_it_was_printed(quick_run, tmp_path):
    """`--report` re-evaluates saved runs (a new target check needs no new hour of measuring)."""
    done, _, out = quick_run
    again = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--report", str(out / "results.json"),
                            "--markdown", str(tmp_path / "again.md")], capture_output=True, text=True, check=True)
    assert again.stdout.strip() == done.stdout.strip()
    assert (tmp_path / "again.md").read_text(encoding="utf-8").strip() == done.stdout.strip()


def test_synthetic_meeting_is_valid_deterministic_and_uses_rare_characters(tmp_path):
    first = synth.write_meeting(tmp_path / "a", 400, 60)
    again = synth.write_meeting(tmp_path / "b", 400, 60)
    for name in ("meeting.yaml", synth.AWARDS_FILE, synth.TARGETS_FILE):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    meeting = load_meeting(first.meeting)            # every credit code checks, counts match
    assert len(meeting.awards.rows) == 400 and len(meeting.targets.rows) == 60
    assert meeting.awards.expected == {"企业": first.enterprises, "单位": first.units}
    names = "".join(a.name for a in meeting.awards.rows)
    for rare in ("喆", "堃", "玥", "𬭚"):
        assert rare in names, rare
    assert len({a.name for a in meeting.awards.rows}) == 400
    assert sum(1 for a in meeting.awards.rows if a.credit_code) == first.enterprises
    assert again.awardees == 400


def test_short_cases_get_more_runs_and_long_ones_fewer(tmp_path, monkeypatch):
    """Noise matters most where a run is short: those cases get --short-repeat runs, alternating."""
    import run as bench_run  # bench/run.py

    monkeypatch.setattr(bench_run, "SHORT_RUN", 0.5)
    quick = bench_run.Case("quick", "a process that exits at once", argv=[sys.executable, "-c", "pass"])
    slow = bench_run.Case("slow", "a process over SHORT_RUN", ours="quick",
                          argv=[sys.executable, "-c", f"import time; time.sleep({bench_run.SHORT_RUN + 0.2})"])
    order = []
    bench_run.run_group([quick, slow], repeat=2, short_repeat=4, warm=False, timeout=30, max_rss_mb=500,
                        work=tmp_path, log=lambda line: order.append(line.split()[0]))
    assert [len(quick.runs), len(slow.runs)] == [4, 2]
    # the extra runs are spread over the rounds, so both cases' runs come from the same minutes
    assert order == ["quick", "slow", "quick", "quick", "slow", "quick"]


def test_the_linearity_interval_is_narrow_for_steady_runs_and_wide_for_noisy_ones():
    import run as bench_run  # bench/run.py

    sizes = (1000, 10000, 100000)
    steady = bench_run.ratio_interval([1.0] * 5, [2.0] * 5, [11.0] * 5, sizes)
    assert steady == "; 90% interval 0.90–0.90 ×"          # 1 s per 9,000 rows, then 9 s per 90,000
    noisy = bench_run.ratio_interval([0.8, 1.2, 1.0, 0.7, 1.3], [2.2, 1.8, 2.0, 2.4, 1.6], [11.0] * 5, sizes)
    low, high = (float(x) for x in noisy.split("interval ")[1].rstrip(" ×").split("–"))
    assert low < 0.9 < high and high - low > 0.3
    assert noisy == bench_run.ratio_interval([0.8, 1.2, 1.0, 0.7, 1.3], [2.2, 1.8, 2.0, 2.4, 1.6], [11.0] * 5,
                                             sizes)      # seeded: the same runs, the same interval


def test_the_interval_has_no_upper_bound_when_the_smaller_sizes_may_not_differ():
    """Resamples where 10,000 rows took no longer than 1,000 have no ratio at all: not a finite bound."""
    import run as bench_run  # bench/run.py

    shown = bench_run.ratio_interval([0.65, 0.94, 0.91, 0.7, 0.8], [1.02, 1.13, 1.19, 0.85, 0.81],
                                     [5.67, 4.87, 5.52, 4.0, 4.89], (1000, 10000, 100000))
    assert shown.startswith("; 90% interval from ") and shown.endswith("unbounded")


def test_the_sizes_of_one_format_share_a_group(tmp_path):
    """Linearity compares sizes: they must take turns in one group, each beside its alternatives."""
    import run as bench_run  # bench/run.py

    plan = bench_run.Plan(tmp_path, [50, 80], 10, {f: None for f in bench_run.FORMATS})
    groups = [[c.name for c in g] for g in plan.build(None)]
    assert ["50/xlsx", "50/xlsx:xlsxwriter", "80/xlsx", "80/xlsx:xlsxwriter"] in groups
    assert ["50/docx", "50/docx:docxtpl", "80/docx", "80/docx:docxtpl"] in groups
    assert ["50/pdf", "50/pdf:typst", "50/pdf:libreoffice", "80/pdf", "80/pdf:typst", "80/pdf:libreoffice"] in groups
    assert ["50/all", "80/all"] in groups


def test_an_alternative_stopped_before_it_finished_bounds_the_ratio():
    """Typst stopped at 6 GB after 152 s would have taken longer: 16 s ÷ 152 s is the most the ratio can be."""
    import run as bench_run  # bench/run.py

    typst = bench_run.Case("100000/pdf:typst", "Typst", ours="100000/pdf",
                           runs=[bench_run.Run(151.7, 6007, "memory", "stopped: over 6000 MB")])
    cases = {"100000/pdf": bench_run.Case("100000/pdf", "ours", runs=[bench_run.Run(16.4, 300, "ok")] * 5),
             "100000/pdf:typst": typst}
    [target] = [t for t in bench_run.evaluate(cases, [100000]) if t.name == "100,000 awardees, PDF vs Typst tables"]
    assert (target.met, target.value.split(" (")[0]) == (True, "≤ 0.11 ×")
    assert "more than 152 s" in target.value and "did not finish" in target.value
    # a bound above the limit says nothing: still not measured
    assert bench_run.stopped_bound(typst, 100.0, 0.6) is None
    # an alternative that finished at least once is measured, not bounded
    typst.runs.append(bench_run.Run(170.0, 5900, "ok"))
    assert bench_run.stopped_bound(typst, 16.4, 0.6) is None
