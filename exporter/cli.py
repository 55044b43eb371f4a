"""The ``exporter`` command: parse options, call one library function, map errors to exit codes.

The CLI never renders and never validates by itself; it is a thin shell over
:mod:`exporter.build`, :mod:`exporter.load` and :mod:`exporter.deliver`.
The renderers and ReportLab are imported inside the commands that use
them, so ``exporter --help`` and ``exporter validate`` start fast.  Exit
codes (README): 0 done, 1 invalid input, 2 usage, 3 output not written,
4 delivery failed, 75 another run holds the lock.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path
from typing import List, Optional

import typer

from .errors import ExitCode, ExporterError, InputError, Location, Problem, UsageError, describe_os_error

app = typer.Typer(
    name="exporter",
    help="把会议记录（meeting/1）生成 Word 简报、PDF 摘要和 Excel 名单工作簿。",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class _State:
    debug = False
    quiet = False


state = _State()


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"exporter {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的 Python 调用栈。"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只输出错误（cron 中推荐）。"),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本。"),
) -> None:
    state.debug = debug
    state.quiet = quiet


def _interactive() -> bool:
    """Progress and summaries only for a person at a terminal; cron mails whatever we print."""
    return not state.quiet and sys.stderr.isatty()


def _say(text: str) -> None:
    if not state.quiet and sys.stdout.isatty():
        typer.echo(text)


def _progress(label: str) -> None:
    if _interactive():
        typer.echo(f"  正在生成 {label} …", err=True)


# --- build ------------------------------------------------------------------------

@app.command()
def build(
    meetings: Optional[List[Path]] = typer.Argument(None, help="会议文件（.yaml/.json）；不写则生成内置示例。"),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="要生成的格式，逗号分隔：docx,pdf,xlsx（默认全部）。"),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="输出根文件夹。"),
    ascii_names: bool = typer.Option(False, "--ascii-names", help="文件名只用 ASCII（briefing.docx 等）。"),
    force: bool = typer.Option(False, "--force", help="即使输入未变也重新生成；允许覆盖非本工具生成的文件。"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只输出错误。"),
) -> None:
    """校验会议文件，然后生成文档（原子写入，附 manifest.json）。"""
    from .build import build as build_one
    from .build import parse_formats
    from .fonts import resolve_fonts
    from .resources import example_meeting

    state.quiet = state.quiet or quiet
    formats = parse_formats(format)
    paths = list(meetings or [example_meeting()])
    fonts = resolve_fonts()

    def build_and_say(path: Path) -> None:
        _summarise(build_one(path, formats=formats, out_root=out, ascii_names=ascii_names,
                             force=force, fonts=fonts, progress=_progress))

    _for_each_meeting(paths, build_and_say)


def _for_each_meeting(paths: list[Path], action) -> None:
    """Run *action* per meeting; with several, one failing does not stop the others.

    A single meeting's error propagates (its own exit code); with several,
    each failure is reported and the command exits with the worst code.
    """
    failures: list[ExporterError] = []
    for path in paths:
        try:
            action(path)
        except ExporterError as exc:
            if len(paths) == 1:
                raise
            _report(exc)
            failures.append(exc)
    if failures:
        raise typer.Exit(max(int(f.exit_code) for f in failures))


def _summarise(result) -> None:
    state_text = "已生成" if result.rebuilt else "输入未变，沿用已有文件"
    _say(f"{result.source} → {result.folder}（{state_text}）")
    for path in result.outputs.values():
        _say(f"  {path.name}")
    if result.unavailable:
        typer.echo(f"提示：{'、'.join(result.unavailable)} 格式尚未实现，本次未生成。", err=True)


# --- validate ---------------------------------------------------------------------

@app.command()
def validate(
    meetings: List[Path] = typer.Argument(..., help="会议文件（.yaml/.json）。"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出全部问题（供程序读取）。"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只输出问题。"),
) -> None:
    """一次列出会议文件及其名单中的全部问题（文件:行:列，或工作表/行/列）。"""
    from .fonts import resolve_fonts
    from .load import validate_paths

    state.quiet = state.quiet or quiet
    problems = validate_paths(list(meetings), fonts=resolve_fonts())
    if as_json:
        typer.echo(json.dumps({"valid": not problems, "problems": [p.as_dict() for p in problems]},
                              ensure_ascii=False, indent=2))
    else:
        for p in problems:
            typer.echo(str(p))
        if problems:
            typer.echo(f"共{len(problems)}处问题。")
        elif not state.quiet:
            typer.echo(f"检查通过：{'、'.join(str(m) for m in meetings)}")
    if problems:
        raise typer.Exit(ExitCode.INVALID_INPUT)


# --- schema / init / fonts ----------------------------------------------------------

@app.command()
def schema() -> None:
    """输出会议文件格式的 JSON Schema（供编辑器补全和校验 meeting.yaml）。"""
    from .schema import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@app.command()
def init(
    folder: Path = typer.Argument(Path("."), help="要写入模板的文件夹。"),
    force: bool = typer.Option(False, "--force", help="覆盖已有的同名文件。"),
) -> None:
    """写出带注释的 meeting.yaml，以及名单模板（CSV 和带下拉选项的 XLSX）。"""
    from .templates import AWARDS_FILE, TARGETS_FILE, write_list_templates, write_meeting_template

    names = ["meeting.yaml"] + [f"{s}.{e}" for s in (AWARDS_FILE, TARGETS_FILE) for e in ("csv", "xlsx")]
    existing = [n for n in names if (folder / n).exists()]
    if existing and not force:
        raise UsageError(f"“{folder}”中已有 {'、'.join(existing)}；加 --force 覆盖")
    written = [write_meeting_template(folder)] + write_list_templates(folder)
    for p in written:
        _say(f"已写出 {p}")


@app.command()
def fonts(
    meeting: Optional[Path] = typer.Argument(None, help="会议文件：同时检查其中（含名单）每个字符能否显示。"),
) -> None:
    """显示各字体角色使用的字体文件，以及会议中缺字、由备用字体补字或无法显示的字符。"""
    from .fonts import describe, resolve_fonts

    fontset = resolve_fonts()
    text = _meeting_text(meeting) if meeting is not None else None
    for row in describe(fontset, text):
        typer.echo(_font_line(row))


def _meeting_text(path: Path) -> str:
    """All text of a meeting and its lists; the raw file's text when it does not validate."""
    from .errors import Problems
    from .load import _walk_text, load, read_document
    from .model import to_data

    try:
        data = to_data(load(path).meeting, for_json=True)
    except InputError:
        problems = Problems()
        parsed = read_document(path, problems)
        problems.raise_if_any()
        data = parsed[0]
    return "".join(t for _, t in _walk_text(data))


def _font_line(row: dict) -> str:
    origin = "内置" if row["bundled"] else row["origin"]
    line = f"{row['role']:<8}{row['official']:<10}{row['family']}（{origin}）{row['file']}"
    if row.get("total") is not None:
        line += f"\n          覆盖 {row['covered']}/{row['total']} 个字符"
        if row.get("fallback"):
            line += f"；由备用字体补：{row['fallback']}"
        if row.get("missing"):
            line += f"；无法显示：{row['missing']}"
    return line


# --- ingest -------------------------------------------------------------------------

@app.command()
def ingest(
    article: str = typer.Argument(..., help="新闻稿文件（.txt 或保存的 .html）；- 表示标准输入。"),
    output: Path = typer.Option(Path("meeting.yaml"), "--output", "-o", help="草稿会议文件。"),
    year: Optional[int] = typer.Option(None, "--year", help="文章未写年份时使用的年份。"),
    force: bool = typer.Option(False, "--force", help="覆盖已有的会议文件（名单文件从不覆盖）。"),
) -> None:
    """从新闻稿起草会议文件；不确定之处标注“# 待核实”。"""
    from .ingest import draft_from_article, read_article, write_draft

    if output.exists() and not force:
        raise UsageError(f"“{output}”已存在，可能已经改过；加 --force 覆盖，或用 -o 另选文件名")
    try:
        text = read_article(article)
    except FileNotFoundError:
        raise InputError([Problem(Location(article), "新闻稿文件不存在", "请检查路径和文件名", "file_missing")])
    except OSError as exc:
        raise InputError([Problem(Location(article), f"无法读取新闻稿：{describe_os_error(exc)}", None,
                                  "file_unreadable")])
    draft = draft_from_article(text, year=year)
    written = write_draft(draft, output)
    for p in written:
        _say(f"已写出 {p}")
    notes = draft.review          # every damaged place is a review note too, with its field
    if notes and not state.quiet:
        typer.echo(f"需要核实 {len(notes)} 处：", err=True)
        for note in notes:
            typer.echo(f"  {note}", err=True)


# --- delivery ---------------------------------------------------------------------
# `mail` and `run` (exporter.deliver) are defined here, each a thin call into the library.

def _debug_sink():
    """With --debug, the SMTP transcript (login data hidden) goes to stderr."""
    return (lambda line: typer.echo(line, err=True)) if state.debug else None


@app.command()
def mail(
    meetings: List[Path] = typer.Argument(..., help="会议文件（.yaml/.json）：每个会议发一封邮件。"),
    to: Optional[List[str]] = typer.Option(None, "--to", help="收件人，可重复或用逗号分隔；覆盖配置文件的 to。"),
    cc: Optional[List[str]] = typer.Option(None, "--cc", help="抄送。"),
    bcc: Optional[List[str]] = typer.Option(None, "--bcc", help="密送（不出现在邮件头中）。"),
    sender: Optional[str] = typer.Option(None, "--from", help="发件人，如 \"简报室 <briefing@example.cn>\"。"),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="含 [smtp] 和 [mail] 的 TOML 文件（jobs.toml 也可）。"),
    eml: Optional[Path] = typer.Option(None, "--eml", help="不发送，把邮件原样写入此文件（多个会议时为文件夹）。"),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="输出根文件夹（与 build 相同）。"),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="附加的格式：docx,pdf,xlsx（默认全部）。"),
    ascii_names: bool = typer.Option(False, "--ascii-names", help="文件名只用 ASCII。"),
    host: Optional[str] = typer.Option(None, "--smtp-host", help="邮件服务器。"),
    port: Optional[int] = typer.Option(None, "--smtp-port", help="端口（默认 tls 465、starttls 587、plain 25）。"),
    security: Optional[str] = typer.Option(None, "--security", help="tls、starttls 或 plain（仅限本机）。"),
    username: Optional[str] = typer.Option(None, "--username", help="登录名；密码只从 --password-env 或 --password-file 读取。"),
    password_env: Optional[str] = typer.Option(None, "--password-env", help="存放密码的环境变量名，如 EXPORTER_SMTP_PASSWORD。"),
    password_file: Optional[Path] = typer.Option(None, "--password-file", help="存放密码的文件。"),
    ca_file: Optional[Path] = typer.Option(None, "--ca-file", help="信任的 CA 证书（PEM），用于单位内部 CA。"),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="网络超时（秒）。"),
    allow_plain: bool = typer.Option(False, "--allow-plain", help="允许不加密连接非本机服务器。"),
    max_size_mb: Optional[float] = typer.Option(None, "--max-size-mb", help="邮件大小上限（MB，默认 20）。"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只输出错误。"),
) -> None:
    """生成（或沿用未变的）文档，每个会议一封邮件发出；或用 --eml 写成邮件文件。"""
    from .build import parse_formats
    from .deliver.config import mail_settings
    from .deliver.job import build_meeting, mail_built
    from .deliver.mail import check_ready
    from .fonts import resolve_fonts

    state.quiet = state.quiet or quiet
    settings = mail_settings(config, to=to or (), cc=cc or (), bcc=bcc or (), sender=sender,
                             max_size_mb=max_size_mb, host=host, port=port, security=security,
                             username=username, password_env=password_env, password_file=password_file,
                             ca_file=ca_file, timeout=timeout, allow_plain=allow_plain)
    if eml is None:
        check_ready(settings)
    formats = parse_formats(format)
    fonts = resolve_fonts()

    def build_and_mail(path: Path) -> None:
        built = build_meeting(path, out_root=out, formats=formats, ascii_names=ascii_names,
                              fonts=fonts, progress=_progress)
        target = eml / f"{built.result.folder.name}.eml" if eml and len(meetings) > 1 else eml
        done = mail_built(built, settings, eml=target, debug=_debug_sink())
        _say(f"{path}：已写出 {target}" if done == "saved" else f"{path}：已发送（{built.result.folder}）")

    _for_each_meeting(list(meetings), build_and_mail)


@app.command()
def run(
    jobs: Path = typer.Argument(..., help="任务文件 jobs.toml：会议、输出文件夹、收件人、SMTP、日志和锁文件。"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只输出错误（cron 中推荐）。"),
) -> None:
    """定时任务：只重新生成有变化的会议，只发送尚未发出的文档，每个会议记一行日志。"""
    from .deliver.job import run_job

    state.quiet = state.quiet or quiet
    report = run_job(jobs, progress=_progress if _interactive() else None, debug=_debug_sink())
    for item in report.items:
        if item.exit_code:
            typer.echo(f"错误：{item.meeting}：{item.error}", err=True)
        else:
            _say(item.summary())
    if report.log_error:
        typer.echo(f"错误：{report.log_error}", err=True)
    raise typer.Exit(report.exit_code)

# --- entry point ----------------------------------------------------------------------

def _report(exc: BaseException) -> None:
    typer.echo(f"错误：{exc}" if not isinstance(exc, InputError) else str(exc), err=True)


def main(argv: list[str] | None = None) -> None:
    """Run the app; every failure becomes a message and an exit code, never a traceback."""
    code = _run(argv)
    sys.exit(code)


def _run(argv: list[str] | None) -> int:
    try:
        app(args=argv, prog_name="exporter")   # standalone: usage errors exit 2 by themselves
        return ExitCode.OK
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else ExitCode.USAGE)
    except ExporterError as exc:
        if state.debug:
            traceback.print_exc()
        _report(exc)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("已中断，原有输出未改动。", err=True)
        return 130
    except Exception as exc:  # a bug: say so plainly, keep the trace for --debug
        if state.debug:
            traceback.print_exc()
        else:
            typer.echo(f"内部错误：{type(exc).__name__}: {exc}\n加 --debug 查看详细信息，并请报告此问题。原有输出未改动。",
                       err=True)
        return ExitCode.OUTPUT
