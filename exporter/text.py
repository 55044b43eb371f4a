"""Chinese text rules shared by the loader and every renderer.

One place decides how a date, a count or a punctuation mark looks, so the
briefing, the summary and the workbook always agree (outputs.md: "a name, a
count or a date is the same in every output").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

# --- character classes -------------------------------------------------------

_CJK_RANGES = (
    (0x3000, 0x303F),    # CJK symbols and punctuation
    (0x3400, 0x4DBF),    # Extension A
    (0x4E00, 0x9FFF),    # URO
    (0xF900, 0xFAFF),    # compatibility ideographs
    (0xFF00, 0xFFEF),    # full-width forms
    (0x20000, 0x3FFFF),  # Extensions B–H (outside the BMP)
    (0x2018, 0x201D),    # ‘ ’ “ ” as used in Chinese text
    (0x2026, 0x2026),    # …
    (0x2014, 0x2014),    # —
)


def is_cjk(ch: str) -> bool:
    """True for hanzi and CJK punctuation: the context that makes ASCII marks wrong."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def find_control(text: str) -> re.Match | None:
    """The first control character other than newline and tab, or a lone surrogate: never valid in the data.

    A surrogate comes only from a broken escape (``"\\ud800"`` in YAML or
    JSON); no document can be written with it.

    One regex rather than a test per character: a list of 100,000 rows has
    ~500,000 strings to check.
    """
    return _CONTROL.search(text)


# --- punctuation normalisation (GB/T 15834) ----------------------------------

_FULLWIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_HALF_MARKS = re.compile(r"[,:;()?!]")


def _neighbour_is_cjk(text: str, index: int, step: int) -> bool:
    """Whether the nearest non-space character in one direction is CJK."""
    i = index + step
    while 0 <= i < len(text) and text[i] == " ":
        i += step
    return 0 <= i < len(text) and is_cjk(text[i])


def fullwidth_punctuation(text: str) -> str:
    """Half-width , : ; ( ) ? ! next to Chinese become their full-width forms.

    A mark is converted when the nearest character on either side is CJK
    (``范兆森,动员``, ``16.3%,高新``, ``(一)``); a closing bracket also when it
    closes a full-width opening one.
    Marks between Latin letters or digits (``09:00``, ``2+1``, ``f(x)``) stay
    as they are.  Spaces around a converted mark are dropped, as full-width
    marks carry their own space.
    """
    if not _HALF_MARKS.search(text):
        return text
    out: list[str] = []
    open_fullwidth = 0      # （ opened in this string and not yet closed
    for i, ch in enumerate(text):
        if ch in _FULLWIDTH:
            before = _neighbour_is_cjk(text, i, -1)
            after = _neighbour_is_cjk(text, i, +1)
            if ch == "(":
                convert = before or after
            elif ch == ")":
                convert = before or open_fullwidth > 0
            else:
                convert = before or after
            if convert:
                while out and out[-1] == " ":
                    out.pop()
                mark = _FULLWIDTH[ch]
                open_fullwidth += (mark == "（") - (mark == "）" and open_fullwidth > 0)
                out.append(mark)
                continue
        elif ch == "（":
            open_fullwidth += 1
        elif ch == "）" and open_fullwidth:
            open_fullwidth -= 1
        if ch == " " and out and out[-1] in _FULLWIDTH.values():
            continue
        out.append(ch)
    return "".join(out)


# --- dates and numbers (GB/T 15835) ------------------------------------------

_CN_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")


def parse_date(value: object) -> date:
    """Accept ISO ``2024-03-11`` (also 2024/3/11) and ``2024年3月11日``.

    Raises ValueError with a Chinese message naming both accepted forms.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = _CN_DATE.match(value) or _ISO_DATE.match(value)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d)
            except ValueError:
                raise ValueError(f"“{value.strip()}”不是存在的日期") from None
    raise ValueError(f"“{value}”不是可识别的日期，请写成 2024-03-11 或 2024年3月11日")


def format_date(d: date) -> str:
    """2024年3月11日: Arabic numerals, full year, no zero padding (§7.3.5.4)."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_number(value: Decimal | int | float) -> str:
    """A target value as printed: no exponent, no trailing zeros, no separators."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
    else:
        text = format(Decimal(str(value)).normalize(), "f")
    return text


def count_phrase(n: int, classifier: str, noun: str) -> str:
    """``69家企业``: counts are Arabic numerals (GB/T 15835 §4.1.1)."""
    return f"{n}{classifier}{noun}"


_CLASSIFIERS = {"企业": "家", "公司": "家", "单位": "个", "园区": "个", "招商中心": "个", "集体": "个", "个人": "名"}


def classifier_for(noun: str) -> str:
    """The measure word for a category: 家 for firms, 名 for people, 个 otherwise."""
    for suffix, cls in _CLASSIFIERS.items():
        if noun.endswith(suffix):
            return cls
    return "个"


def join_names(names: list[str]) -> str:
    """Names in a series are separated by 、 (GB/T 15834 §4.5)."""
    return "、".join(names)


# --- line breaking (GB/T 15834 §5.1; ECMA-376 kinsoku for zh-CN) -------------

NO_LINE_START = (
    "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠"
    "—～·"
)
NO_LINE_END = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥"
NO_SPLIT = ("——", "……")


def display_width(text: str) -> int:
    """Width in Latin columns: a CJK or full-width character counts as two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# --- balanced title lines (GB/T 9704 §7.3.1: keep words whole, an even shape) ---

# East Asian "ambiguous" characters that a Chinese face sets a full em wide:
# quotation marks, dashes, ellipsis, × (as in ××开发区).
_FULL_EM_SYMBOLS = "×÷§°±※№"


def text_em(text: str) -> float:
    """Width in ems in a Chinese face: a hanzi or full-width mark is 1, a Latin letter or digit ½.

    Quotation marks, dashes, … and × count 1: Chinese faces (and Word, for
    zh-CN text) set them a full em, and a title measured narrower than it
    prints would overflow its line.
    """
    import unicodedata

    em = 0.0
    for ch in text:
        kind = unicodedata.east_asian_width(ch)
        if kind in "WF" or (kind == "A" and (0x2010 <= ord(ch) <= 0x2BFF or ch in _FULL_EM_SYMBOLS)):
            em += 1.0
        else:
            em += 0.5
    return em


# Words a title line may not be broken inside.  The nouns that end a meeting's
# or an organisation's name (会议, 推进会, 开发区 …) are *heads*: the words
# before them modify them, so a break just before one splits a phrase too.
_TITLE_HEADS = (
    "会议", "大会", "推进会", "座谈会", "分析会", "现场会", "动员会", "部署会",
    "调度会", "观摩会", "交流会", "研讨会", "培训会", "总结会", "务虚会", "联席会", "例会", "年会",
    "发布会", "论坛", "峰会", "仪式", "培训班",
    "开发区", "高新区", "示范区", "综改区", "试验区", "自贸区", "新区", "园区", "产业园", "管委会",
    "委员会", "党工委", "人民政府", "办公室", "中心",
    "省委", "市委", "县委", "区委", "党委", "省政府", "市政府", "县政府", "区政府", "政府",
)
_TITLE_PLACE_ENDS = "省市县区镇乡村"
_TITLE_WORDS = _TITLE_HEADS + (
    "工作会议", "表彰大会", "年度", "季度", "上半年", "下半年", "全年", "安全生产", "营商环境", "优化营商环境", "高质量发展",
    "高质量", "项目建设", "招商引资", "经济技术", "高新技术", "安全形势", "目标责任", "责任书",
    "工作", "发展", "表彰", "建设", "改革", "环境", "项目", "企业", "经济", "技术", "科技", "创新",
    "管理", "服务", "安全", "生产", "党建", "意见", "活动", "任务", "目标", "责任", "机关", "干部",
    "优化", "推进", "形势", "分析", "先进", "集体", "个人", "招商", "转型", "综合", "全面", "深化",
    "扎实", "开展", "召开", "举行", "部署", "动员", "总结", "质量", "产业", "数字", "考核", "营商",
    "高新", "综改", "示范", "开放", "合作", "签约", "重点", "专题", "全体", "扩大",
    "先进集体", "先进个人", "目标任务", "名单", "决定", "通知", "指标", "一览表",
)
_TITLE_TOKENS = re.compile(
    r"\d+(?:[.．]\d+)?(?:年度|年|月|日|季度|届|次|期|批|周年|%|％)?"
    r"|第[一二三四五六七八九十百零〇\d]+(?:季度|届|次|期|批)"
    r"|[一二三四五六七八九十]+(?:季度|届)"
    r"|×+"
)
_TITLE_PHRASE_STARTS = ("暨", "关于")
_TITLE_JOINERS = ("和", "与", "及", "在", "召开", "举行")
_TITLE_PERIOD_ENDS = ("年度", "季度", "年")
_DIGIT_UNITS = "年月日号期届次%％个家项万亿元名人位"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass(frozen=True)
class _TitleWords:
    """Where the known words of a title start and end, and which gaps fall inside one."""

    inside: frozenset[int]       # gaps (break before index i) inside a word or a number
    starts: dict[int, str]       # index → longest known word starting there
    ends: dict[int, str]         # index → longest known word ending there

    @classmethod
    def of(cls, text: str) -> "_TitleWords":
        inside: set[int] = set()
        starts: dict[int, str] = {}
        ends: dict[int, str] = {}
        spans = [(m.start(), m.end()) for m in _TITLE_TOKENS.finditer(text)]
        for word in _TITLE_WORDS:
            at = text.find(word)
            while at >= 0:
                spans.append((at, at + len(word)))
                if len(word) > len(starts.get(at, "")):
                    starts[at] = word
                end = at + len(word)
                if len(word) > len(ends.get(end, "")):
                    ends[end] = word
                at = text.find(word, at + 1)
        for a, b in spans:
            inside.update(range(a + 1, b))
        return cls(frozenset(inside), starts, ends)


_SPLIT_WORD = 30.0      # a word broken in two: only when nothing else fits
_PHRASE_START = -20.0   # before 暨: worth lines up to about 5 ems longer or shorter than even


def _title_break_cost(text: str, i: int, words: _TitleWords, strict: bool) -> float | None:
    """Cost of breaking *text* before index *i*; None where it is not allowed.

    Preferred: before 暨/关于.  Free: after a closing mark.  Cheap: after a period
    (2024年, 年度, 第一季度) or the name of a place or body (…开发区, …市),
    before a joiner (和, 召开), between two known words.  Dear: before a head
    noun (工作|推进会), before 的, inside a book title, between unknown
    characters.  Inside a known word or a number: not at all (*strict*), or
    at a price no other break pays.
    """
    before, after = text[i - 1], text[i]
    if after in NO_LINE_START or before in NO_LINE_END:
        return None
    if text[i - 1:i + 1] in NO_SPLIT or (before == after and before in "—…"):
        return None
    if (_is_latin(before) and _is_latin(after)) or (before.isdigit() and after in _DIGIT_UNITS):
        return None
    if i in words.inside:
        return None if strict else _SPLIT_WORD
    if text.rfind("《", 0, i) > text.rfind("》", 0, i):
        return 10.0
    starting, ending = words.starts.get(i, ""), words.ends.get(i, "")
    if any(text.startswith(w, i) for w in _TITLE_PHRASE_STARTS):
        return _PHRASE_START       # 工作会议|暨表彰大会: two names, one per line
    if before in "》）”":
        return 0.0
    if starting in _TITLE_HEADS or after in "的之":
        return 12.0
    if ending.endswith(_TITLE_PERIOD_ENDS) or (before in "年度" and text[i - 2:i - 1].isdigit()):
        return 0.3
    if ending in _TITLE_HEADS:
        return 0.5
    if before in _TITLE_PLACE_ENDS:
        return 1.0
    if any(text.startswith(w, i) for w in _TITLE_JOINERS):
        return 1.0
    if starting and ending:
        return 1.5
    if ending:
        return 2.0
    if _is_latin(before) != _is_latin(after):
        return 3.0
    return 8.0


def balanced_lines(text: str, max_em: float, min_last_em: float = 3.0) -> list[str]:
    """*text* broken into the fewest lines of at most *max_em*, balanced, at word boundaries.

    A multi-line title (GB/T 9704 §7.3.1) keeps words whole and has an even
    shape; no line is shorter than *min_last_em* (no line of one or two
    stray characters).  Explicit line breaks in *text* are kept as given.
    Chooses, among break positions, the set with the fewest lines, then the
    least sum of squared deviations of the line widths from their mean plus
    the cost of each break.  Known words and numbers are never broken unless
    no other set of breaks fits.
    """
    if "\n" in text:
        return [line.strip() for line in text.split("\n") if line.strip()]
    total = text_em(text)
    if total <= max_em:
        return [text]
    prefix = [0.0]
    for ch in text:
        prefix.append(prefix[-1] + text_em(ch))
    words = _TitleWords.of(text)
    lines_needed = int(-(-total // max_em))
    for strict in (True, False):
        costs = {i: _title_break_cost(text, i, words, strict) for i in range(1, len(text))}
        for lines in range(lines_needed, lines_needed + 3):
            best = _best_breaks(prefix, costs, lines, max_em, min_last_em)
            if best is not None:
                bounds = [0, *best, len(text)]
                return [text[a:b] for a, b in zip(bounds, bounds[1:])]
    return [text]


def _best_breaks(prefix: list[float], costs: dict[int, float | None], lines: int,
                 max_em: float, min_em: float) -> list[int] | None:
    """Dynamic programme over the allowed break positions for exactly *lines* lines."""
    n = len(prefix) - 1
    mean = prefix[n] / lines
    ends = [i for i, c in costs.items() if c is not None] + [n]
    # layer[i] = (cost, breaks) of the best k lines covering text[:i]
    layer: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for k in range(1, lines + 1):
        last = k == lines
        nxt: dict[int, tuple[float, list[int]]] = {}
        for i in ([n] if last else ends[:-1]):
            for j, (cost, breaks) in layer.items():
                width = prefix[i] - prefix[j]
                if j >= i or width > max_em or width < min_em:
                    continue
                here = cost + (width - mean) ** 2 + 3 * (costs[i] if i < n else 0.0)
                if i not in nxt or here < nxt[i][0]:
                    nxt[i] = (here, breaks + ([i] if i < n else []))
        layer = nxt
    found = layer.get(n)
    return found[1] if found else None
