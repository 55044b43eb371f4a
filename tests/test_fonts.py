"""The bundled fonts and the font layer (exporter/fonts.py), on the real files."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from exporter import fonts as F
from exporter.layout import BUNDLED_FILES, FALLBACK_ROLE, OFFICIAL_FACES, FontRole
from exporter.store import sha256_file

REPO = Path(__file__).resolve().parent.parent
FONTS = REPO / "fonts"
README = FONTS / "README.md"
RARE = "喆堃玥䶮𬌗𬭚𫓧"          # names of people and companies (fonts.md)
PUA = "\ue000"                     # Private Use Area: no face maps it
UNASSIGNED = "\u0378"              # unassigned in Unicode


def _readme_checksums() -> dict[str, str]:
    """The ``sha256  file`` lines of fonts/README.md."""
    text = README.read_text(encoding="utf-8")
    return dict((name, digest) for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+\.ttf)$", text, re.M))


@pytest.fixture(scope="module")
def fontset() -> F.FontSet:
    return F.resolve_fonts(environ={})


# --- the bundled files ----------------------------------------------------------

def test_bundled_dir_is_the_repo_fonts_folder_in_a_checkout():
    assert F.bundled_fonts_dir() in (FONTS, REPO / "exporter" / "_bundled" / "fonts")
    assert F.bundled_fonts_dir().is_dir()


@pytest.mark.parametrize("role", list(FontRole), ids=lambda r: r.value)
def test_bundled_file_exists_is_truetype_and_matches_readme(role):
    from fontTools.ttLib import TTFont

    name = BUNDLED_FILES[role]
    path = FONTS / name
    assert path.is_file(), f"{name} missing from fonts/"
    with TTFont(str(path), lazy=True) as font:
        assert "glyf" in font and "CFF " not in font, f"{name} must have TrueType outlines"
        assert font.sfntVersion == "\x00\x01\x00\x00"
    sums = _readme_checksums()
    assert name in sums, f"fonts/README.md lists no sha256 for {name}"
    assert sha256_file(path) == sums[name]


def test_every_bundled_face_has_its_license_text():
    expected = {
        "LICENSE-OFL-NotoSerifSC.txt": "SIL OPEN FONT LICENSE",
        "LICENSE-OFL-NotoSansSC.txt": "SIL OPEN FONT LICENSE",
        "LICENSE-OFL-LXGWWenKai.txt": "Reserved Font Names",
        "LICENSE-GPL-FandolFang.txt": "As a special exception, if you create a document which uses this font",
    }
    for name, needle in expected.items():
        text = (FONTS / name).read_text(encoding="utf-8")
        assert needle in text, name
    assert "GNU GENERAL PUBLIC LICENSE" in (FONTS / "LICENSE-GPL-FandolFang.txt").read_text(encoding="utf-8")


def test_resolve_defaults_to_bundled_files(fontset):
    for role in FontRole:
        face = fontset.face(role)
        assert face.bundled and face.origin == "bundled"
        assert face.path.name == BUNDLED_FILES[role]
        assert face.subfont_index == 0
    assert fontset.face("body") is fontset.face(FontRole.BODY)
    assert [p.name for p in fontset.files_used()] == [BUNDLED_FILES[r] for r in FontRole]


def test_family_names(fontset):
    families = {r: fontset.face(r).family for r in FontRole}
    assert families == {
        FontRole.TITLE: "Noto Serif SC",
        FontRole.BODY: "FandolFang",
        FontRole.HEADING: "Noto Sans SC",
        FontRole.LEAD: "LXGW WenKai",
        FontRole.SONG: "Noto Serif SC",
    }
    assert fontset.face(FontRole.TITLE).legacy_family == "Noto Serif SC ExtraBold"
    assert fontset.face(FontRole.BODY).postscript_name == "FandolFang-Regular"


def test_fingerprint_names_file_andsha256_file(fontset):
    sums = _readme_checksums()
    fp = fontset.fingerprint()
    assert set(fp) == {r.value for r in FontRole}
    for role in FontRole:
        assert fp[role.value] == f"{BUNDLED_FILES[role]} {sums[BUNDLED_FILES[role]]}"


def test_reportlab_names_are_stable():
    assert F.reportlab_font_name(FontRole.BODY) == "ExporterBody"
    assert F.reportlab_font_name("title") == "ExporterTitle"
    assert len({F.reportlab_font_name(r) for r in FontRole}) == len(FontRole)


# --- coverage -------------------------------------------------------------------

@pytest.mark.parametrize("role", list(FontRole), ids=lambda r: r.value)
def test_cmap_reader_agrees_with_fonttools(fontset, role):
    from fontTools.ttLib import TTFont

    face = fontset.face(role)
    with TTFont(str(face.path), lazy=True) as font:
        expected = {cp for cp, glyph in font.getBestCmap().items() if glyph != ".notdef"}
    assert face.codepoints() == expected


def test_fandol_lacks_rare_chars_the_fallback_has(fontset):
    lacking = [c for c in RARE if not fontset.covers(FontRole.BODY, c)]
    assert lacking, "FandolFang was expected to lack some of " + RARE
    for c in RARE:
        assert fontset.covers(FALLBACK_ROLE, c), f"fallback lacks {c} U+{ord(c):04X}"
    assert fontset.covers(FontRole.BODY, "仿")
    assert fontset.missing(RARE) == set()


def test_segments_route_missing_chars_to_the_fallback(fontset):
    rare = next(c for c in RARE if not fontset.covers(FontRole.BODY, c))
    text = f"会议由张{rare}主持，王{rare}{rare}发言。"
    runs = fontset.segments(FontRole.BODY, text)
    assert "".join(t for _, t in runs) == text
    assert runs == [
        (FontRole.BODY, "会议由张"),
        (FALLBACK_ROLE, rare),
        (FontRole.BODY, "主持，王"),
        (FALLBACK_ROLE, rare * 2),
        (FontRole.BODY, "发言。"),
    ]
    # A face that has everything gives one run.
    assert fontset.segments(FontRole.SONG, text) == [(FontRole.SONG, text)]
    # Every run's face really has its characters.
    for role, chunk in fontset.segments("body", "第一次会议 𬌗𬭚 " + RARE + " 通知"):
        assert all(fontset.covers(role, c) for c in chunk if not c.isspace()), (role, chunk)


def test_segments_keep_spaces_in_the_current_run(fontset):
    rare = next(c for c in RARE if not fontset.covers(FontRole.BODY, c))
    runs = fontset.segments(FontRole.BODY, f"{rare} {rare}\n")
    assert runs == [(FALLBACK_ROLE, f"{rare} {rare}\n")]
    assert fontset.segments(FontRole.BODY, "") == []


def test_missing_reports_chars_no_face_has(fontset):
    text = f"正文 {PUA} 与 {UNASSIGNED}\n\t　结束"
    assert fontset.missing(text) == {PUA, UNASSIGNED}
    assert fontset.missing(" \n\t\r　") == set()
    # No face has it: the run stays with the role (the caller reports missing()).
    assert fontset.segments(FontRole.BODY, f"甲{PUA}乙") == [(FontRole.BODY, f"甲{PUA}乙")]


def test_describe_reports_files_and_coverage(fontset):
    rare = next(c for c in RARE if not fontset.covers(FontRole.BODY, c))
    rows = F.describe(fontset, f"通知{rare}{PUA} ")
    assert [r["role"] for r in rows] == [r.value for r in FontRole]
    body = rows[[r.value for r in FontRole].index("body")]
    assert body["file"].endswith("FandolFang-Regular.ttf")
    assert body["bundled"] is True and body["family"] == "FandolFang"
    assert body["official"] == OFFICIAL_FACES[FontRole.BODY].name
    assert body["distinct"] == body["total"] == 4 and body["covered"] == 2
    assert body["path"] == body["file"]
    assert set(body["lacks"]) == {rare, PUA} and body["fallback"] == rare
    assert all(r["missing"] == PUA for r in rows)
    assert "distinct" not in F.describe(fontset)[0]


def test_missing_over_a_long_text_is_fast(fontset):
    import time

    text = ("关于召开全市安全生产工作会议的通知，各区县、开发区：" * 400)[:10000] + RARE
    start = time.perf_counter()
    F.resolve_fonts(environ={}).missing(text)
    fontset.segments(FontRole.BODY, text)
    assert time.perf_counter() - start < 2.0


def test_import_is_cheap():
    code = (
        "import sys, exporter.fonts; "
        "print(','.join(m for m in ('fontTools', 'reportlab', 'docx', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert out.stdout.strip() == ""


# --- configured faces -------------------------------------------------------------

def _tiny_font(path: Path, family: str, *, cff: bool = False, chars: str = "A") -> Path:
    """A real, minimal font file with one glyph per character of *chars*."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"g{ord(c):04X}" for c in chars]
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"g{ord(c):04X}" for c in chars})

    def square(pen):
        pen.moveTo((100, 0))
        pen.lineTo((100, 700))
        pen.lineTo((600, 700))
        pen.lineTo((600, 0))
        pen.closePath()

    if cff:
        glyphs = {}
        for n in names:
            pen = T2CharStringPen(1000, None)
            square(pen)
            glyphs[n] = pen.getCharString()
        fb.setupCFF(family.replace(" ", ""), {"FullName": family}, glyphs, {})
    else:
        glyphs = {}
        for n in names:
            pen = TTGlyphPen(None)
            square(pen)
            glyphs[n] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular",
                       "psName": family.replace(" ", "") + "-Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))
    return path


def test_override_with_a_missing_file_raises(tmp_path):
    with pytest.raises(F.FontConfigError, match="不存在"):
        F.resolve_fonts({"body": str(tmp_path / "simfang.ttf")}, environ={})
    with pytest.raises(F.FontConfigError):
        F.resolve_fonts(environ={"EXPORTER_FONT_HEADING": str(tmp_path / "nope.ttf")})
    with pytest.raises(F.FontConfigError):
        F.resolve_fonts({"bold": str(FONTS / BUNDLED_FILES[FontRole.BODY])}, environ={})


def test_font_config_error_is_a_usage_error():
    from exporter.errors import ExitCode, ExporterError

    assert issubclass(F.FontConfigError, ExporterError)
    assert F.FontConfigError.exit_code == ExitCode.USAGE


def test_override_with_cff_or_non_font_raises(tmp_path):
    otf = _tiny_font(tmp_path / "Cff.otf", "Tiny Cff", cff=True)
    with pytest.raises(F.FontConfigError, match="CFF"):
        F.resolve_fonts({"body": str(otf)}, environ={})
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all")
    with pytest.raises(F.FontConfigError):
        F.resolve_fonts({"body": str(junk)}, environ={})


def test_override_explicit_beats_environment_beats_bundled(tmp_path):
    env_font = _tiny_font(tmp_path / "EnvFace.ttf", "Env Face", chars="AB")
    cfg_font = _tiny_font(tmp_path / "CfgFace.ttf", "Cfg Face", chars="A")
    env = {"EXPORTER_FONT_BODY": str(env_font), "EXPORTER_FONT_LEAD": str(env_font)}
    fs = F.resolve_fonts({"body": str(cfg_font), "title": ""}, environ=env)
    assert fs.face("body").path == cfg_font.resolve() and fs.face("body").origin == "config"
    assert not fs.face("body").bundled
    assert fs.face("lead").path == env_font.resolve() and fs.face("lead").origin == "EXPORTER_FONT_LEAD"
    assert fs.face("title").bundled                       # empty value: not configured
    assert fs.face("body").family == "Cfg Face"
    # The tiny body face lacks B and every hanzi: the fallback draws them.
    assert fs.segments("body", "AB仿") == [(FontRole.BODY, "A"), (FALLBACK_ROLE, "B仿")]
    assert fs.fingerprint()["body"] == f"CfgFace.ttf {sha256_file(cfg_font)}"


def test_override_from_the_real_environment(tmp_path, monkeypatch):
    font = _tiny_font(tmp_path / "Env.ttf", "Env Real")
    monkeypatch.setenv("EXPORTER_FONT_SONG", str(font))
    fs = F.resolve_fonts()
    assert fs.face(FontRole.SONG).path == font.resolve()
    assert fs.face(FontRole.SONG).origin == "EXPORTER_FONT_SONG"


def test_ttc_needs_an_index_or_postscript_name(tmp_path):
    from fontTools.ttLib import TTCollection, TTFont

    a = _tiny_font(tmp_path / "a.ttf", "Face A", chars="A")
    b = _tiny_font(tmp_path / "b.ttf", "Face B", chars="B")
    coll = TTCollection()
    coll.fonts = [TTFont(str(a)), TTFont(str(b))]
    ttc = tmp_path / "pair.ttc"
    coll.save(str(ttc))
    with pytest.raises(F.FontConfigError, match="TTC"):
        F.resolve_fonts({"heading": str(ttc)}, environ={})
    with pytest.raises(F.FontConfigError):
        F.resolve_fonts({"heading": f"{ttc}#5"}, environ={})
    fs = F.resolve_fonts({"heading": f"{ttc}#1"}, environ={})
    face = fs.face("heading")
    assert face.subfont_index == 1 and face.family == "Face B"
    assert fs.covers("heading", "B") and not fs.covers("heading", "A")
    fs = F.resolve_fonts({"heading": f"{ttc}#FaceA-Regular"}, environ={})
    assert fs.face("heading").subfont_index == 0 and fs.covers("heading", "A")
    assert fs.fingerprint()["heading"].startswith("pair.ttc ")


# --- ReportLab ----------------------------------------------------------------------

def test_every_face_registers_and_embeds_in_reportlab(fontset):
    from pypdf import PdfReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    for role in FontRole:
        face = fontset.face(role)
        pdfmetrics.registerFont(TTFont(F.reportlab_font_name(role), str(face.path), subfontIndex=face.subfont_index))
    c = canvas.Canvas(buf, initialFontName=F.reportlab_font_name(FontRole.BODY))
    y = 780
    for role in FontRole:
        c.setFont(F.reportlab_font_name(role), 16)
        c.drawString(72, y, f"{role.value} 关于召开全市安全生产工作会议的通知")
        y -= 30
    c.save()
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    embedded = {}
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        desc = font["/FontDescriptor"].get_object()
        embedded[str(font["/BaseFont"]).split("+", 1)[-1]] = "/FontFile2" in desc
    ps_names = {fontset.face(r).postscript_name for r in FontRole}
    assert set(embedded) == ps_names
    assert all(embedded.values()), embedded
    assert "Helvetica" not in buf.getvalue().decode("latin-1")


# --- fontconfig (LibreOffice renders the docx with the bundled faces) ---------------

def test_fontconfig_alias_document(fontset):
    xml = F.fontconfig_alias_xml(fontset)
    root = ET.fromstring(xml.split("\n", 2)[2])           # skip the XML declaration and DOCTYPE
    assert root.tag == "fontconfig"
    assert [d.text for d in root.findall("dir")] == [str(FONTS.resolve())]
    include = root.find("include")
    assert include is not None and include.text == "/etc/fonts/fonts.conf"
    assert include.get("ignore_missing") == "yes"
    mapped = {}
    for match in root.findall("match"):
        name = match.find("test/string").text
        edit = match.find("edit")
        assert edit.get("binding") == "same"
        mapped[name] = edit.find("string").text
    for role in FontRole:
        assert mapped[OFFICIAL_FACES[role].name] == fontset.face(role).legacy_family
    assert mapped["FangSong"] == "FandolFang R"
    assert mapped["SimHei"] == "Noto Sans SC Medium"
    assert mapped["KaiTi"] == "LXGW WenKai"
    assert mapped["SimSun"] == "Noto Serif SC"                # 宋体's altName, not the title's


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fc-match (fontconfig) is not installed")
def test_fc_match_answers_the_bundled_faces(fontset, tmp_path):
    conf = F.write_fontconfig(fontset, tmp_path)
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    expected = {
        "仿宋_GB2312": ("FandolFang", BUNDLED_FILES[FontRole.BODY]),
        "FangSong": ("FandolFang", BUNDLED_FILES[FontRole.BODY]),
        "黑体": ("Noto Sans SC", BUNDLED_FILES[FontRole.HEADING]),
        "SimHei": ("Noto Sans SC", BUNDLED_FILES[FontRole.HEADING]),
        "楷体_GB2312": ("LXGW WenKai", BUNDLED_FILES[FontRole.LEAD]),
        "方正小标宋简体": ("Noto Serif SC", BUNDLED_FILES[FontRole.TITLE]),
        "宋体": ("Noto Serif SC", BUNDLED_FILES[FontRole.SONG]),
    }
    for name, (family, filename) in expected.items():
        out = subprocess.run(["fc-match", "-f", "%{family[0]}|%{file}", name], env=env,
                             capture_output=True, text=True, timeout=60, check=True).stdout
        got_family, got_file = out.split("|", 1)
        assert got_family == family, (name, out)
        assert Path(got_file).name == filename, (name, out)
    # The plain default answer still shows the family fonts.md names.
    out = subprocess.run(["fc-match", "仿宋_GB2312"], env=env, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert "FandolFang" in out


# --- the FandolFang conversion ----------------------------------------------------------

FANDOL_DEB = "texlive-lang-chinese=2022.20230122-1"
FANDOL_OTF_SHA256 = "d838ad32ce2244d8144f408c37fe71065aba6fbbc80759a4d2aa2033948d5bc9"
FANDOL_OTF_PATH = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf"
FONTTOOLS_USED = "4.68.0"          # what made the committed file (fonts/README.md)


def _fandol_otf(cache_dir: Path) -> Path | None:
    """The source OTF: $EXPORTER_FANDOL_OTF, an installed TeX Live, a cached or fresh Debian download."""
    candidates = [os.environ.get("EXPORTER_FANDOL_OTF"), "/" + FANDOL_OTF_PATH, str(cache_dir / FANDOL_OTF_PATH)]
    for c in candidates:
        if c and Path(c).is_file() and sha256_file(Path(c)) == FANDOL_OTF_SHA256:
            return Path(c)
    if not (shutil.which("apt-get") and shutil.which("dpkg-deb") and shutil.which("tar")):
        return None
    try:
        subprocess.run(["apt-get", "download", FANDOL_DEB], cwd=cache_dir, capture_output=True, timeout=600)
        debs = sorted(cache_dir.glob("texlive-lang-chinese_*.deb"))
        if not debs:
            return None
        deb = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(debs[0])], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(cache_dir), "--wildcards", "*/FandolFang-Regular.otf"],
                       stdin=deb.stdout, capture_output=True, timeout=600)
        deb.wait(timeout=600)
        for d in debs:
            d.unlink()
    except (OSError, subprocess.SubprocessError):
        return None
    target = cache_dir / FANDOL_OTF_PATH
    if target.is_file() and sha256_file(target) == FANDOL_OTF_SHA256:
        return target
    return None


@pytest.mark.slow
def test_convert_fandol_is_deterministic_and_gives_the_committed_file(tmp_path, request):
    import fontTools

    cache = getattr(request.config, "cache", None)        # absent under -p no:cacheprovider
    folder = cache.mkdir("fandol-otf") if cache is not None else tmp_path / "otf"
    folder.mkdir(parents=True, exist_ok=True)
    otf = _fandol_otf(folder)
    if otf is None:
        pytest.skip("FandolFang-Regular.otf not available (set EXPORTER_FANDOL_OTF, or apt-get update)")
    script = REPO / "tools" / "convert_fandol.py"
    committed = _readme_checksums()["FandolFang-Regular.ttf"]
    first = tmp_path / "first.ttf"
    subprocess.run([sys.executable, str(script), str(otf), "-o", str(first)], check=True,
                   capture_output=True, timeout=600)
    if sha256_file(first) == committed:
        # Made at another time by another run: the bytes do not depend on the run.
        assert first.read_bytes() == (FONTS / "FandolFang-Regular.ttf").read_bytes()
        return
    second = tmp_path / "second.ttf"
    subprocess.run([sys.executable, str(script), str(otf), "-o", str(second)], check=True,
                   capture_output=True, timeout=600)
    assert sha256_file(first) == sha256_file(second), "convert_fandol.py is not deterministic"
    if fontTools.version != FONTTOOLS_USED:
        pytest.skip(f"deterministic, but fontTools {fontTools.version} differs from {FONTTOOLS_USED}, "
                    "which made the committed file")
    pytest.fail("convert_fandol.py no longer reproduces fonts/FandolFang-Regular.ttf")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_official_names_with_the_bundled_faces(fontset, tmp_path):
    """The whole point of the alias: a docx naming 仿宋_GB2312 & co. renders with our files."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    for role in FontRole:
        run = document.add_paragraph().add_run(f"{role.value} 关于召开全市安全生产工作会议的通知")
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), OFFICIAL_FACES[role].name)
    source = tmp_path / "faces.docx"
    document.save(str(source))
    conf = F.write_fontconfig(fontset, tmp_path / "fontconfig")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp_path / "home")}
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   env=env, capture_output=True, timeout=300, check=True)
    from pypdf import PdfReader

    used = set()
    for page in PdfReader(str(tmp_path / "faces.pdf")).pages:
        for font in page["/Resources"]["/Font"].values():
            used.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert {fontset.face(r).postscript_name for r in FontRole} <= used, used
