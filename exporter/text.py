"""Chinese text rules shared by the loader and every renderer.

One place decides how a date, a count or a punctuation mark looks, so the
briefing, the summary and the workbook always agree (outputs.md: "a name, a
count or a date is the same in every output").
"""

from __future__ import annotations

import re
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


def is_control(ch: str) -> bool:
    """Control characters other than newline and tab: never valid in the data."""
    cp = ord(ch)
    return (cp < 0x20 and ch not in "\n\t") or 0x7F <= cp <= 0x9F


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
