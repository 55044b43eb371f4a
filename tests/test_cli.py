"""The command line: exit codes, output folder, manifest, schema, init."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.cli import _run

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "broken"


def test_build_without_argument_builds_the_bundled_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _run(["build", "--quiet"]) == 0
    folder = tmp_path / "out" / "2024-03-11-2024年工作会议暨高质量发展表彰大会"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"] == "exporter" and manifest["format"] == "meeting/1"
    assert set(manifest["inputs"]) == {"meeting.yaml", "表彰名单.csv", "目标责任.xlsx"}
    assert set(manifest["fonts"]) == {"title", "body", "heading", "lead", "song"}
    for name, info in manifest["outputs"].items():
        assert (folder / name).stat().st_size == info["bytes"]


def test_manifest_is_deterministic_and_an_unchanged_build_is_skipped(tmp_path):
    out = tmp_path / "out"
    assert _run(["build", "--out", str(out), "--quiet"]) == 0
    folder = next(out.iterdir())
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    mtimes = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert _run(["build", "--out", str(out), "--quiet"]) == 0
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == mtimes   # nothing rewritten
    assert _run(["build", "--out", str(out), "--quiet", "--force"]) == 0
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first          # same bytes again


def test_ascii_names_give_plain_names_and_keep_meetings_of_one_day_apart(tmp_path):
    out = tmp_path / "out"
    assert _run(["build", "--out", str(out), "--ascii-names", "--quiet", "--format", "xlsx"]) == 0
    other = tmp_path / "other.yaml"
    other.write_text((ROOT / "data/example/meeting.yaml").read_text(encoding="utf-8")
                     .replace("title: 山西转型综改示范区2024年工作会议暨高质量发展表彰大会",
                              "title: 山西转型综改示范区2024年安全生产工作会议")
                     .replace("list: 表彰名单.csv", f"list: {ROOT / 'data/example/表彰名单.csv'}")
                     .replace("list: 目标责任.xlsx", f"list: {ROOT / 'data/example/目标责任.xlsx'}"),
                     encoding="utf-8")
    assert _run(["build", str(other), "--out", str(out), "--ascii-names", "--quiet", "--format", "xlsx"]) == 0
    folders = sorted(p.name for p in out.iterdir())
    assert len(folders) == 2 and all(f.startswith("2024-03-11-meeting-") for f in folders)
    for folder in out.iterdir():
        assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "workbook.xlsx"]


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    assert _run(["build", "--format", "docx,odt", "--out", str(tmp_path / "o")]) == 2
    assert "不认识的格式：odt" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_a_folder_with_foreign_documents_is_not_overwritten(tmp_path, capsys):
    out = tmp_path / "out"
    folder = out / "2024-03-11-2024年工作会议暨高质量发展表彰大会"
    folder.mkdir(parents=True)
    (folder / "手写的简报.docx").write_bytes(b"not ours")
    assert _run(["build", "--out", str(out)]) == 2
    assert "不是本工具生成的文档" in capsys.readouterr().err
    assert (folder / "手写的简报.docx").read_bytes() == b"not ours"


def test_validate_reports_success_and_exit_zero(capsys):
    assert _run(["validate", str(ROOT / "data/example/meeting.yaml")]) == 0
    assert "检查通过" in capsys.readouterr().out


def test_schema_is_a_json_schema_that_accepts_the_example_and_rejects_typos(capsys):
    jsonschema = pytest.importorskip("jsonschema")
    from ruamel.yaml import YAML

    assert _run(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    text = json.dumps(schema, ensure_ascii=False)
    assert "`" not in text and "Base of every part" not in text      # no developer docstrings on hover
    assert schema["$defs"]["Awardee"]["properties"]["name"]["title"] == "名称"
    data = YAML(typ="safe").load((ROOT / "data/example/meeting.yaml").read_text(encoding="utf-8"))
    data["meeting"]["date"] = str(data["meeting"]["date"])
    jsonschema.validate(data, schema)
    data["meeting"]["venu"] = "x"
    with pytest.raises(jsonschema.ValidationError, match="venu"):
        jsonschema.validate(data, schema)


def test_init_writes_templates_that_validate(tmp_path, capsys):
    assert _run(["init", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["meeting.yaml", "表彰名单.csv", "表彰名单.xlsx", "目标责任.csv", "目标责任.xlsx"])
    assert _run(["validate", str(tmp_path / "meeting.yaml")]) == 0
    assert _run(["init", str(tmp_path)]) == 2          # never overwrite without --force
    assert "--force" in capsys.readouterr().err


def test_process_exit_codes_and_no_traceback():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "exporter", "validate", str(BROKEN / "unknown_key.yaml")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1
    assert "未知的键“venu”" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr
    proc = subprocess.run([sys.executable, "-m", "exporter", "build", "--no-such-option"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2


def test_quiet_build_prints_nothing_when_not_a_terminal(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "exporter", "build", "--out", str(tmp_path / "o"),
                           "--format", "xlsx"], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""


def test_fonts_shows_each_role_and_the_characters_the_fallback_draws(capsys):
    assert _run(["fonts", str(ROOT / "data/example/meeting.yaml")]) == 0
    out = capsys.readouterr().out
    body = out[out.index("body"):out.index("heading")]
    assert "仿宋_GB2312" in body and "FandolFang" in body
    assert "由备用字体补" in body and "喆" in body and "𬭚" in body   # from the CSV list, not only the YAML
    assert "无法显示" not in out


def test_ingest_never_overwrites_an_edited_meeting_file(tmp_path, capsys):
    article = ROOT / "tests/articles/000_dcd9a2058c9a491a.txt"
    out = tmp_path / "meeting.yaml"
    assert _run(["--quiet", "ingest", str(article), "-o", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "# 已核对\n", encoding="utf-8")
    assert _run(["ingest", str(article), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8").endswith("# 已核对\n")
    assert _run(["--quiet", "ingest", str(article), "-o", str(out), "--force"]) == 0
    assert not out.read_text(encoding="utf-8").endswith("# 已核对\n")


def test_ingest_of_a_missing_article_is_an_input_error(tmp_path, capsys):
    assert _run(["ingest", str(tmp_path / "无此文件.txt"), "-o", str(tmp_path / "m.yaml")]) == 1
    err = capsys.readouterr().err
    assert "新闻稿文件不存在" in err and "内部错误" not in err


def test_one_broken_meeting_does_not_stop_the_others(tmp_path, capsys):
    out = tmp_path / "out"
    code = _run(["build", str(BROKEN / "unknown_key.yaml"), str(BROKEN / "extra_columns.yaml"),
                 "--out", str(out), "--format", "xlsx", "--quiet"])
    assert code == 1                                   # the worst of the two
    assert "未知的键“venu”" in capsys.readouterr().err
    built = [p.name for p in out.iterdir()]
    assert built == ["2024-03-11-示例开发区2024年工作会议"]   # the valid meeting was still built


def test_an_unchanged_build_does_not_import_the_renderers(tmp_path):
    """cron's usual run finds nothing to do: it must not pay for importing the renderers and ReportLab."""
    script = ("import sys; from exporter.cli import _run;"
              "code = _run(['build', '--out', sys.argv[1], '--quiet']);"
              "print(code, sorted(m for m in ('docx', 'reportlab', 'openpyxl', 'exporter.render.word',"
              "'exporter.render.pdf', 'exporter.render.excel') if m in sys.modules))")
    env = dict(os.environ, PYTHONPATH=str(ROOT), EXPORTER_JOBS="1")     # serial: every renderer in this process
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / "out")], capture_output=True,
                           text=True, env=env, timeout=300).stdout.strip() for _ in range(2)]
    assert runs[0] == "0 ['exporter.render.excel', 'exporter.render.pdf', 'exporter.render.word', 'reportlab']"
    assert runs[1] == "0 []"
