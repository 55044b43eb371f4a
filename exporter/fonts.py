"""Font roles → font files, coverage, fallback runs: the layer every renderer shares.

A role (:class:`~exporter.layout.FontRole`) says what a piece of text is; this
module says which TrueType file draws it.  Resolution, per role: a path the
configuration names (explicit mapping, else ``EXPORTER_FONT_<ROLE>``) → the
bundled free face in ``fonts/`` (``layout.BUNDLED_FILES``; ``fonts/README.md``
says where each came from).

ReportLab draws a character its face lacks as that face's empty glyph, with no
warning, so the PDF renderer asks :meth:`FontSet.segments` for runs: each run
is drawn by the role's face, or by the fallback face (``layout.FALLBACK_ROLE``)
where the role's face lacks a character.  :meth:`FontSet.missing` lists the
characters no face can draw (an input error for the caller to report).

Cheap to import: nothing but the standard library and ``exporter.layout`` /
``exporter.errors`` at module level.  cmap tables are read with a small
``struct`` parser (format 4/12/13 subtables, no glyph names), cached per file
for the life of the process; fontTools is imported only to read name tables
(family names, TTC PostScript names).
"""

from __future__ import annotations

import os
import struct
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from exporter.errors import UsageError
from exporter.layout import BUNDLED_FILES, FALLBACK_ROLE, OFFICIAL_FACES, FontRole

__all__ = [
    "ENV_PREFIX",
    "EXTRA_ALIASES",
    "FaceFile",
    "FontConfigError",
    "FontSet",
    "bundled_fonts_dir",
    "describe",
    "fontconfig_alias_xml",
    "reportlab_font_name",
    "resolve_fonts",
    "role_env_var",
    "write_fontconfig",
]

ENV_PREFIX = "EXPORTER_FONT_"

# Other names under which documents ask for the same faces (older templates,
# WPS, macOS).  The fontconfig alias maps them too; the docx never writes them.
EXTRA_ALIASES: dict[FontRole, tuple[str, ...]] = {
    FontRole.TITLE: ("方正小标宋_GBK", "方正小标宋", "FZXiaoBiaoSong-B05S"),
    FontRole.BODY: ("仿宋", "FangSong_GB2312", "华文仿宋", "STFangsong"),
    FontRole.HEADING: ("华文黑体", "STHeiti"),
    FontRole.LEAD: ("楷体", "KaiTi_GB2312", "华文楷体", "STKaiti"),
    FontRole.SONG: ("新宋体", "NSimSun", "华文宋体", "STSong"),
}

_ROLE_ORDER: tuple[FontRole, ...] = tuple(FontRole)

# Whitespace that is never drawn (tabs, line and paragraph breaks): it never splits a run.
_LINE_CONTROLS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")


class FontConfigError(UsageError):
    """A configured font is unusable: missing, not TrueType (glyf), TTC without index.

    Also raised when a bundled file is missing (a broken installation).
    """


# --- where the files are ----------------------------------------------------

def bundled_fonts_dir() -> Path:
    """The folder holding the bundled faces.

    A wheel carries them in ``exporter/_bundled/fonts`` (pyproject's
    force-include); a checkout or editable install has them at the repository
    root.  Returns the repository path when neither exists (resolution then
    raises :class:`FontConfigError` naming the missing file).
    """
    package = Path(__file__).resolve().parent
    installed = package / "_bundled" / "fonts"
    if installed.is_dir():
        return installed
    return package.parent / "fonts"


def role_env_var(role: FontRole | str) -> str:
    """``EXPORTER_FONT_BODY`` and so on."""
    return ENV_PREFIX + _role(role).name


def reportlab_font_name(role: FontRole | str) -> str:
    """The name under which render/pdf registers the face of *role*: ``ExporterBody``…"""
    return "Exporter" + _role(role).value.capitalize()


def _role(role: FontRole | str) -> FontRole:
    if isinstance(role, FontRole):
        return role
    try:
        return FontRole(str(role).strip().lower())
    except ValueError:
        names = ", ".join(r.value for r in FontRole)
        raise FontConfigError(f"未知的字体角色“{role}”（unknown font role; expected one of {names}）") from None


# --- sfnt headers and cmap, without fontTools -------------------------------

class _SfntInfo:
    __slots__ = ("tables", "num_fonts")

    def __init__(self, tables: dict[bytes, tuple[int, int]], num_fonts: int):
        self.tables = tables          # tag -> (offset, length), offsets absolute in the file
        self.num_fonts = num_fonts    # 0 for a plain sfnt, N for a TTC


def _read_sfnt(path: Path, index: int | None) -> _SfntInfo:
    """The table directory of *path* (subfont *index* of a TTC); raises FontConfigError."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            num_fonts = 0
            offset = 0
            if head[:4] == b"ttcf":
                num_fonts = struct.unpack(">I", head[8:12])[0]
                if index is None:
                    raise FontConfigError(
                        f"{path}：TrueType 字体集（TTC，{num_fonts} 个字体）需指定子字体，"
                        f"写作“{path}#序号”或“{path}#PostScript名”"
                        f"（a TTC needs a subfont: path#index or path#PostScriptName）"
                    )
                if not 0 <= index < num_fonts:
                    raise FontConfigError(f"{path}：子字体序号 {index} 超出范围 0–{num_fonts - 1}（subfont index out of range）")
                fh.seek(12 + 4 * index)
                offset = struct.unpack(">I", fh.read(4))[0]
                fh.seek(offset)
                head = fh.read(12)
            elif index not in (None, 0):
                raise FontConfigError(f"{path}：不是字体集（TTC），不能指定子字体 {index}（not a TTC）")
            if len(head) < 12:
                raise FontConfigError(f"{path}：不是字体文件（not a font file）")
            version, num_tables = struct.unpack(">4sH", head[:6])
            if version == b"OTTO":
                raise FontConfigError(
                    f"{path}：PostScript（CFF）轮廓的 OpenType 字体，PDF 无法嵌入，请用 TrueType 轮廓（glyf）的字体"
                    "（CFF outlines: ReportLab embeds only TrueType/glyf fonts）"
                )
            if version not in (b"\x00\x01\x00\x00", b"true"):
                raise FontConfigError(f"{path}：不是 TrueType 字体（not a TrueType font）")
            directory = fh.read(16 * num_tables)
    except OSError as exc:
        raise FontConfigError(f"{path}：无法读取字体文件（{exc.strerror or exc}）") from None
    if len(directory) < 16 * num_tables:
        raise FontConfigError(f"{path}：字体文件不完整（truncated font file）")
    tables = {}
    for tag, _checksum, toff, tlen in struct.iter_unpack(">4sIII", directory):
        tables[tag] = (toff, tlen)
    if b"glyf" not in tables:
        raise FontConfigError(f"{path}：没有 TrueType 轮廓（glyf 表），PDF 无法嵌入（no glyf table）")
    if b"cmap" not in tables:
        raise FontConfigError(f"{path}：没有字符映射表（no cmap table）")
    return _SfntInfo(tables, num_fonts)


def _cmap_subtable_offset(data: bytes) -> tuple[int, int] | None:
    """(offset, format) of the best Unicode subtable in a cmap table."""
    _version, count = struct.unpack_from(">HH", data, 0)
    found: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(count):
        plat, enc, off = struct.unpack_from(">HHI", data, 4 + 8 * i)
        if off + 2 > len(data):
            continue
        fmt = struct.unpack_from(">H", data, off)[0]
        found.setdefault((plat, enc), (off, fmt))
    # Full repertoire first (format 12/13), then BMP (format 4).
    for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0), (3, 0)):
        if key in found and found[key][1] in (4, 12, 13):
            return found[key]
    return None


def _cmap_codepoints(data: bytes) -> frozenset[int]:
    """The code points a cmap table maps to a glyph other than .notdef."""
    best = _cmap_subtable_offset(data)
    if best is None:
        return frozenset()
    off, fmt = best
    cps: set[int] = set()
    if fmt in (12, 13):
        n_groups = struct.unpack_from(">I", data, off + 12)[0]
        groups = struct.iter_unpack(">III", data[off + 16: off + 16 + 12 * n_groups])
        for start, end, glyph in groups:
            if end < start:
                continue
            if fmt == 13:
                if glyph:
                    cps.update(range(start, end + 1))
            else:
                cps.update(range(start + (1 if glyph == 0 else 0), end + 1))
        return frozenset(cps)
    # format 4
    seg_x2 = struct.unpack_from(">H", data, off + 6)[0]
    n = seg_x2 // 2
    base = off + 14
    ends = struct.unpack_from(f">{n}H", data, base)
    starts = struct.unpack_from(f">{n}H", data, base + seg_x2 + 2)
    deltas = struct.unpack_from(f">{n}h", data, base + 2 * seg_x2 + 2)
    ro_base = base + 3 * seg_x2 + 2
    range_offsets = struct.unpack_from(f">{n}H", data, ro_base)
    for i in range(n):
        start, end, delta, ro = starts[i], ends[i], deltas[i], range_offsets[i]
        if start > end:
            continue
        if ro == 0:
            for c in range(start, end + 1):
                if (c + delta) & 0xFFFF:
                    cps.add(c)
        else:
            addr = ro_base + 2 * i + ro
            for c in range(start, end + 1):
                pos = addr + 2 * (c - start)
                if pos + 2 > len(data):
                    break
                g = struct.unpack_from(">H", data, pos)[0]
                if g and (g + delta) & 0xFFFF:
                    cps.add(c)
    cps.discard(0xFFFF)
    return frozenset(cps)


_CMAP_CACHE: dict[tuple, frozenset[int]] = {}
_SHA_CACHE: dict[tuple, str] = {}
_NAME_CACHE: dict[tuple, dict[str, object]] = {}


def _file_key(path: Path, index: int) -> tuple:
    st = path.stat()
    return (str(path), index, st.st_size, st.st_mtime_ns)


def _codepoints(face: FaceFile) -> frozenset[int]:
    """The code points the face maps (from the per-user cache when the file is unchanged)."""
    key = _file_key(face.path, face.subfont_index)
    cps = _CMAP_CACHE.get(key)
    if cps is None:
        from exporter.usercache import file_fact

        packed = file_fact(face.path, f"cmap:{face.subfont_index}", lambda: _pack(_read_codepoints(face)))
        cps = _CMAP_CACHE[key] = frozenset(array("I", packed))
    return cps


def _pack(codepoints: frozenset[int]) -> bytes:
    return array("I", sorted(codepoints)).tobytes()


def _read_codepoints(face: FaceFile) -> frozenset[int]:
    info = _read_sfnt(face.path, face.subfont_index if face.subfont_index or _is_ttc(face.path) else None)
    off, length = info.tables[b"cmap"]
    with open(face.path, "rb") as fh:
        fh.seek(off)
        data = fh.read(length)
    try:
        return _cmap_codepoints(data)
    except struct.error:
        raise FontConfigError(f"{face.path}：字符映射表损坏（corrupt cmap table）") from None


def _is_ttc(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(4) == b"ttcf"


def _sha256(path: Path) -> str:
    """The file's SHA-256 (for the manifest), from the per-user cache when the file is unchanged."""
    key = _file_key(path, 0)
    digest = _SHA_CACHE.get(key)
    if digest is None:
        from exporter.store import sha256_file
        from exporter.usercache import file_fact

        digest = _SHA_CACHE[key] = file_fact(path, "sha256", lambda: sha256_file(path))
    return digest


def _names(face: FaceFile) -> dict[str, object]:
    """family (typographic), legacy family (ID 1), full name, PostScript name, all families."""
    key = _file_key(face.path, face.subfont_index)
    names = _NAME_CACHE.get(key)
    if names is None:
        from fontTools.ttLib import TTFont

        with TTFont(str(face.path), lazy=True, fontNumber=face.subfont_index) as font:
            names = _NAME_CACHE[key] = _name_info(font["name"])
    return names


def _name_info(table) -> dict[str, object]:
    def best(name_id: int) -> str | None:
        # Windows English, then any Windows, then Mac Roman English, then anything.
        ranked = []
        for rec in table.names:
            if rec.nameID != name_id:
                continue
            if rec.platformID == 3 and rec.langID == 0x409:
                rank = 0
            elif rec.platformID == 3:
                rank = 1
            elif rec.platformID == 1 and rec.langID == 0:
                rank = 2
            else:
                rank = 3
            try:
                text = rec.toUnicode()
            except UnicodeDecodeError:
                continue
            if text:
                ranked.append((rank, text))
        return min(ranked)[1] if ranked else None

    legacy = best(1) or ""
    typographic = best(16) or legacy
    families = []
    for name in (typographic, legacy):
        if name and name not in families:
            families.append(name)
    return {
        "family": typographic,
        "legacy_family": legacy,
        "full_name": best(4) or legacy,
        "postscript_name": best(6) or "",
        "version": best(5) or "",
        "families": families,
    }


def _ttc_index_for_psname(path: Path, psname: str) -> int:
    from fontTools.ttLib import TTCollection

    with TTCollection(str(path), lazy=True) as coll:
        found = []
        for i, font in enumerate(coll.fonts):
            name = _name_info(font["name"])["postscript_name"]
            found.append(f"{i}: {name}")
            if name == psname:
                return i
    raise FontConfigError(f"{path}：没有 PostScript 名为“{psname}”的子字体（subfonts: {'; '.join(found)}）")


# --- faces and the set --------------------------------------------------------

@dataclass(frozen=True)
class FaceFile:
    """One role's face: the file, the subfont of a TTC, and where the choice came from."""

    role: FontRole
    path: Path
    subfont_index: int = 0
    bundled: bool = False
    origin: str = field(default="", compare=False)   # "bundled", "EXPORTER_FONT_BODY", "config"

    @property
    def family(self) -> str:
        """The (typographic) family name from the name table, e.g. ``FandolFang``."""
        return str(_names(self)["family"])

    @property
    def legacy_family(self) -> str:
        """Name ID 1, unique per weight (``Noto Serif SC ExtraBold``); what the fontconfig alias names."""
        return str(_names(self)["legacy_family"])

    @property
    def postscript_name(self) -> str:
        return str(_names(self)["postscript_name"])

    def codepoints(self) -> frozenset[int]:
        """Every code point the face's cmap maps to a real glyph (cached per file)."""
        return _codepoints(self)

    def sha256(self) -> str:
        return _sha256(self.path)

    def spec(self) -> str:
        """``path`` or ``path#index``: the form a configuration uses."""
        return f"{self.path}#{self.subfont_index}" if self.subfont_index or _is_ttc(self.path) else str(self.path)


def _parse_spec(role: FontRole, spec: str, origin: str) -> FaceFile:
    raw = os.path.expanduser(spec.strip())
    path = Path(raw)
    selector: str | None = None
    if not path.is_file() and "#" in raw:
        head, _, tail = raw.rpartition("#")
        if tail and Path(head).is_file():
            path, selector = Path(head), tail.strip()
    where = f"（{origin}）"
    if not path.exists():
        raise FontConfigError(f"{role.value} 字体文件不存在：{path}{where}（font file not found）")
    if not path.is_file():
        raise FontConfigError(f"{role.value} 字体路径不是文件：{path}{where}（not a file）")
    path = path.resolve()
    index: int | None
    if selector is None:
        index = None
    elif selector.isdigit():
        index = int(selector)
    else:
        if not _is_ttc(path):
            raise FontConfigError(f"{path}：不是字体集（TTC），不能指定子字体“{selector}”（not a TTC）{where}")
        index = _ttc_index_for_psname(path, selector)
    try:
        _read_sfnt(path, index)
    except FontConfigError as exc:
        raise FontConfigError(f"{exc}{where}") from None
    return FaceFile(role, path, index or 0, bundled=False, origin=origin)


def resolve_fonts(overrides: Mapping[str, str] | None = None, *, environ: Mapping[str, str] | None = None) -> FontSet:
    """The face of every role: *overrides* → ``EXPORTER_FONT_<ROLE>`` → bundled.

    *overrides* maps a role value (``"body"``…) or :class:`FontRole` to a path,
    ``path#index`` or ``path#PostScriptName`` for a TTC.  Empty values count as
    unset.  Raises :class:`FontConfigError` for an unknown role, a missing or
    unusable file.
    """
    env = os.environ if environ is None else environ
    explicit: dict[FontRole, str] = {}
    for key, value in (overrides or {}).items():
        if value is not None and str(value).strip():
            explicit[_role(key)] = str(value)
    folder = bundled_fonts_dir()
    faces: dict[FontRole, FaceFile] = {}
    for role in _ROLE_ORDER:
        var = role_env_var(role)
        if role in explicit:
            faces[role] = _parse_spec(role, explicit[role], "config")
        elif env.get(var, "").strip():
            faces[role] = _parse_spec(role, env[var], var)
        else:
            path = folder / BUNDLED_FILES[role]
            if not path.is_file():
                raise FontConfigError(
                    f"缺少内置字体 {path}（bundled font missing: reinstall exporter, or set {var}）"
                )
            faces[role] = FaceFile(role, path, 0, bundled=True, origin="bundled")
    return FontSet(faces)


class FontSet:
    """The resolved face of every role, with coverage checks and fallback runs."""

    def __init__(self, faces: Mapping[FontRole, FaceFile]):
        missing = [r.value for r in _ROLE_ORDER if r not in faces]
        if missing:
            raise FontConfigError(f"font set lacks roles: {', '.join(missing)}")
        self._faces = {r: faces[r] for r in _ROLE_ORDER}
        self._route: dict[tuple[FontRole, str], FontRole | None] = {}
        self._cps: dict[FontRole, frozenset[int]] = {}

    def _codepoints(self, role: FontRole) -> frozenset[int]:
        cps = self._cps.get(role)
        if cps is None:
            cps = self._cps[role] = self._faces[role].codepoints()
        return cps

    def read_coverage(self) -> None:
        """Read every face's code points now rather than at the first character asked about.

        For a process that has time now and will be in a hurry later: the
        standby child that readies the PDF renderer (:mod:`exporter.standby`).
        """
        for role in self._search_order(FALLBACK_ROLE):
            self._codepoints(role)

    def __repr__(self) -> str:
        inner = ", ".join(f"{r.value}={f.path.name}" for r, f in self._faces.items())
        return f"FontSet({inner})"

    def face(self, role: FontRole | str) -> FaceFile:
        return self._faces[_role(role)]

    @property
    def faces(self) -> Mapping[FontRole, FaceFile]:
        return dict(self._faces)

    def covers(self, role: FontRole | str, ch: str) -> bool:
        """Whether the face of *role* has a glyph for every code point of *ch*."""
        cps = self._codepoints(_role(role))
        return all(ord(c) in cps for c in ch)

    def missing(self, text: str) -> set[str]:
        """Characters of *text* that no face can draw (whitespace ignored)."""
        remaining = {c for c in set(text) if not c.isspace()}
        # Fallback first: it covers nearly everything, so the other cmaps are
        # usually never read.
        for role in self._search_order(FALLBACK_ROLE):
            if not remaining:
                break
            cps = self._codepoints(role)
            remaining = {c for c in remaining if ord(c) not in cps}
        return remaining

    def _search_order(self, role: FontRole) -> list[FontRole]:
        order = [role]
        if FALLBACK_ROLE not in order:
            order.append(FALLBACK_ROLE)
        order.extend(r for r in _ROLE_ORDER if r not in order)
        # Several roles may share one file: read it once.
        seen: set[tuple[Path, int]] = set()
        unique = []
        for r in order:
            key = (self._faces[r].path, self._faces[r].subfont_index)
            if key not in seen:
                seen.add(key)
                unique.append(r)
        return unique

    def route(self, role: FontRole | str, ch: str) -> FontRole | None:
        """Which role's face draws *ch* for text of *role*: the role, the fallback, any other, or None."""
        role = _role(role)
        key = (role, ch)
        try:
            return self._route[key]
        except KeyError:
            pass
        found = None
        for r in self._search_order(role):
            if self.covers(r, ch):
                found = r
                break
        self._route[key] = found
        return found

    def segments(self, role: FontRole | str, text: str) -> list[tuple[FontRole, str]]:
        """*text* as runs of (role whose face draws it, text), in order.

        Each character goes to the role's face if it has it, else the fallback
        face, else the first other face that has it, else stays with the role
        (:meth:`missing` reports it).  Whitespace joins the current run when
        that run's face has it, when no face has it, and always for tabs and
        line breaks, so runs are not split at spaces.
        """
        role = _role(role)
        runs: list[tuple[FontRole, str]] = []
        cur_role: FontRole | None = None
        buf: list[str] = []
        for ch in text:
            target = self.route(role, ch)
            if ch.isspace() and cur_role is not None and (
                target is None or ch in _LINE_CONTROLS or self.covers(cur_role, ch)
            ):
                target = cur_role
            elif target is None:
                target = role
            if target is not cur_role:
                if buf:
                    runs.append((cur_role, "".join(buf)))  # type: ignore[arg-type]
                buf = []
                cur_role = target
            buf.append(ch)
        if buf:
            runs.append((cur_role, "".join(buf)))  # type: ignore[arg-type]
        return runs

    def fingerprint(self) -> dict[str, str]:
        """role value → ``"filename sha256"``, for the manifest."""
        out = {}
        for role, face in self._faces.items():
            name = face.path.name if not face.subfont_index else f"{face.path.name}#{face.subfont_index}"
            out[role.value] = f"{name} {face.sha256()}"
        return out

    def files_used(self) -> list[Path]:
        """The distinct font files, in role order."""
        seen: list[Path] = []
        for face in self._faces.values():
            if face.path not in seen:
                seen.append(face.path)
        return seen


# --- fontconfig ---------------------------------------------------------------

def _xml_escape(text: str) -> str:
    """XML text escape (xml.sax.saxutils would pull in urllib.request at import)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def _alias_names(role: FontRole) -> list[str]:
    """Official name, its altName (when this role owns it) and the extra aliases of *role*."""
    names = [OFFICIAL_FACES[role].name]
    alt = OFFICIAL_FACES[role].alt_name
    claimants = [r for r in _ROLE_ORDER if OFFICIAL_FACES[r].alt_name == alt]
    owner = FALLBACK_ROLE if FALLBACK_ROLE in claimants else claimants[0]
    if owner is role:
        names.append(alt)
    names.extend(EXTRA_ALIASES.get(role, ()))
    return names


def fontconfig_alias_xml(fontset: FontSet, *, system_config: bool = True) -> str:
    """A fontconfig document: the font folders, and each official name → the set's face.

    Use it as ``FONTCONFIG_FILE`` when LibreOffice renders a docx, so that
    ``仿宋_GB2312`` is drawn with the body face (``fc-match 仿宋_GB2312`` →
    FandolFang).  The rules come before the system configuration so that no
    distribution alias for SimSun & co. gets in first.
    """
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<!-- Generated by exporter.fonts: official Chinese face names -> the faces exporter embeds. -->",
        "<fontconfig>",
    ]
    dirs: list[Path] = []
    for path in fontset.files_used():
        if path.parent not in dirs:
            dirs.append(path.parent)
    for d in dirs:
        lines.append(f"  <dir>{_xml_escape(str(d))}</dir>")
    for role in _ROLE_ORDER:
        face = fontset.face(role)
        family = face.legacy_family or face.family
        for name in _alias_names(role):
            lines += [
                f"  <!-- {role.value}: {_xml_escape(name)} -> {_xml_escape(face.path.name)} -->",
                '  <match target="pattern">',
                f'    <test qual="any" name="family" compare="eq"><string>{_xml_escape(name)}</string></test>',
                f'    <edit name="family" mode="assign" binding="same"><string>{_xml_escape(family)}</string></edit>',
                "  </match>",
            ]
    if system_config:
        lines.append('  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>')
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


def write_fontconfig(fontset: FontSet, folder: Path | str) -> Path:
    """Write ``fonts.conf`` (see :func:`fontconfig_alias_xml`) into *folder*; return its path.

    Set ``FONTCONFIG_FILE`` to the returned path in the environment of
    LibreOffice / fc-match.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "fonts.conf"
    target.write_text(fontconfig_alias_xml(fontset), encoding="utf-8")
    return target


# --- the `exporter fonts` report ----------------------------------------------

def describe(fontset: FontSet, text: str | None = None) -> list[dict]:
    """Per role: file, origin, family, glyph count, and coverage of *text*.

    Keys: ``role``, ``official`` (the docx name), ``file`` (also ``path``),
    ``subfont_index``, ``bundled``, ``origin``, ``family``, ``reportlab_name``,
    ``cmap_size`` (code points the face maps); with *text*: ``distinct``
    (also ``total``: distinct non-space characters), ``covered`` (how many of
    them the face draws), ``lacks`` (those it does not, sorted), ``fallback``
    (of those, the ones the fallback face draws) and ``missing`` (characters
    no face draws, the same in every row).  Character lists are strings.
    """
    chars: list[str] = []
    missing: list[str] = []
    if text is not None:
        chars = sorted({c for c in text if not c.isspace()})
        missing = sorted(fontset.missing(text))
    rows = []
    for role in _ROLE_ORDER:
        face = fontset.face(role)
        cps = face.codepoints()
        row: dict = {
            "role": role.value,
            "official": OFFICIAL_FACES[role].name,
            "file": str(face.path),
            "path": str(face.path),                      # alias of "file"
            "subfont_index": face.subfont_index,
            "bundled": face.bundled,
            "origin": face.origin or ("bundled" if face.bundled else "config"),
            "family": face.family,
            "reportlab_name": reportlab_font_name(role),
            "cmap_size": len(cps),
        }
        if text is not None:
            lacks = [c for c in chars if ord(c) not in cps]
            fb = fontset.face(FALLBACK_ROLE).codepoints()
            row.update(
                distinct=len(chars),
                total=len(chars),                        # alias of "distinct"
                covered=len(chars) - len(lacks),
                lacks="".join(lacks),
                fallback="".join(c for c in lacks if ord(c) in fb),
                missing="".join(missing),
            )
        rows.append(row)
    return rows
