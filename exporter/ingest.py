"""News article → draft meeting file (`exporter ingest`, issue #7).

Staff often have nothing but the press office's news article about a meeting.
This module turns that article into a draft ``meeting/1`` file that is right
where the article is clear and says ``# 待核实`` (with the reason) where it is
not.  Nothing here is invented silently: every inference, guess or repaired
character is also returned as a :class:`ReviewNote` so the CLI can list them.

Scraped copies arrive damaged in recognisable ways, so cleaning comes first:

* pinyin annotations after converted characters (``網(wǎng)``) are removed;
* traditional characters are converted with OpenCC ``t2s`` — phrase-aware,
  unlike a character table, and already a dependency;
* half-width ``, : ; ( ) ? !`` next to Chinese become full-width, as the
  documents print them;
* places corrupted in transit (``推?dòng)``) are found, the surviving pinyin kept
  as a hint, and a reading proposed from the article's own vocabulary, a
  pinyin table of the 3755 common characters, and GBK byte re-alignment.

The module is pure: no CLI code, and file access only in :func:`read_article`
and :func:`write_draft`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Sequence

import opencc
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .store import write_atomic
from .templates import AWARDS_FILE, TARGETS_FILE, write_list_templates
from .text import fullwidth_punctuation, is_cjk

# --- public constants --------------------------------------------------------

REVIEW = "待核实"
AWARDS_LIST = f"{AWARDS_FILE}.csv"      # the names `exporter init` uses, so both agree
TARGETS_LIST = f"{TARGETS_FILE}.csv"
PLACEHOLDER = "□"   # the typesetter's mark for a character that could not be read

# --- results -----------------------------------------------------------------


@dataclass(frozen=True)
class Corruption:
    """One place damaged in transit, and what we propose it said.

    ``fragment`` is the raw text including the intact character before the
    damage (``推?dòng)``); ``reading`` replaces the damaged part in the cleaned
    text (``动``), ``phrase`` is that character plus the reading (``推动``).
    ``reading`` is ``None`` when nothing is likely: the cleaned text then holds
    :data:`PLACEHOLDER` characters.  ``offset``/``line``/``length`` locate what
    stands in :attr:`Cleaned.text` instead (0-based offset, 1-based line).
    """

    fragment: str
    hints: tuple[str, ...]
    reading: str | None
    phrase: str
    alternatives: tuple[str, ...]
    method: str
    offset: int
    line: int
    length: int = 1

    def describe(self) -> str:
        """One line for a review note or a YAML comment."""
        hint = "、".join(self.hints) if self.hints else "无"
        if self.reading is None:
            return f"原文“{self.fragment}”传输中损坏（残存拼音：{hint}），无法推断，已用{PLACEHOLDER}占位"
        shown = self.phrase or "（删去）"
        alts = f"；其他可能：{'、'.join(self.alternatives)}" if self.alternatives else ""
        return f"原文“{self.fragment}”传输中损坏（残存拼音：{hint}），拟读作“{shown}”{alts}"

    def __str__(self) -> str:
        return f"第{self.line}行：{self.describe()}"


@dataclass(frozen=True)
class Cleaned:
    """The article as simplified, normalised text, and the places repaired in it."""

    text: str
    corruptions: list[Corruption]


@dataclass(frozen=True)
class ReviewNote:
    """Something in the draft a person must check: where, why, and our proposal."""

    path: str
    what: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.path or "（文章）"
        return f"{where}: {self.what}" + (f"（{self.hint}）" if self.hint else "")


@dataclass
class Draft:
    """A draft meeting file: its YAML text, the same data as a mapping, and what to review."""

    yaml: str
    data: dict
    review: list[ReviewNote] = field(default_factory=list)
    corrections: list[Corruption] = field(default_factory=list)


# --- reading files -----------------------------------------------------------


def read_article(source: str | os.PathLike) -> str:
    """Read an article file (``-`` for stdin) as text, tags stripped if it is HTML.

    Press offices and browsers save pages as UTF-8 or GB18030/GBK; the user
    should not have to know which, so the encoding is detected.
    """
    if str(source) == "-":
        data = sys.stdin.buffer.read()
        name = ""
    else:
        data = Path(source).read_bytes()
        name = str(source)
    text = decode_bytes(data)
    if name.lower().endswith((".html", ".htm", ".shtml", ".xhtml")) or looks_like_html(text):
        text = html_to_text(text)
    return text


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else GB18030, the superset of GBK.

    UTF-8 is tried first because a GB18030 decode never fails and would turn
    valid UTF-8 into mojibake.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|br|span|article)\b", re.I)


def looks_like_html(text: str) -> bool:
    """True for a saved web page; a plain article never contains these tags."""
    return bool(_HTML_HINT.search(text[:5000]))


_BLOCK_BREAK = "\x1e"   # never in page text; source newlines are not paragraph breaks


class _TextOfPage(HTMLParser):
    """Collects the visible text of a page, one line per block element.

    Scripts, styles and page furniture (navigation, header, footer, forms) are
    skipped: they are never part of the article and would pollute extraction.
    """

    SKIP = {"script", "style", "noscript", "template", "head", "nav", "header", "footer",
            "aside", "form", "button", "select", "svg", "iframe", "object"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article",
             "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "hr", "main"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping.append(tag)
        elif tag in self.BLOCK:
            self.parts.append(_BLOCK_BREAK)

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append(_BLOCK_BREAK)

    def handle_endtag(self, tag):
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in self.BLOCK and not self.skipping:
            self.parts.append(_BLOCK_BREAK)

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """The article paragraphs of a saved HTML page, entities decoded.

    Source line breaks inside a paragraph are layout, not text, so they vanish
    between Chinese characters; lines without sentence punctuation are page
    furniture (menus, dates, copyright) and are dropped, except a 来源 line.
    """
    parser = _TextOfPage()
    parser.feed(page)
    parser.close()
    lines = []
    for block in "".join(parser.parts).split(_BLOCK_BREAK):
        line = _join_html_whitespace(block.replace("\xa0", " ")).strip(" \t\u3000\u2002\u2003")
        if line and (re.search(r"[。；！？;!?]|来源[：:]", line) or _han_count(line) >= 30):
            lines.append(line)
    return "\n".join(lines)


def _join_html_whitespace(block: str) -> str:
    """Collapse HTML whitespace: nothing between two Chinese characters, else one space."""
    def repl(m: re.Match) -> str:
        before = block[m.start() - 1] if m.start() else ""
        after = block[m.end()] if m.end() < len(block) else ""
        return "" if (before and after and is_cjk(before) and is_cjk(after) and "\n" in m.group()) else " "
    return re.sub(r"[ \t\r\n\f]+", repl, block)


# --- characters --------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")


def _is_han(ch: str) -> bool:
    return bool(ch) and bool(_HAN_RE.fullmatch(ch))


def _han_count(text: str) -> int:
    return len(_HAN_RE.findall(text))


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC's phrase tables (乾隆 stays, 乾淨 → 干净)."""
    return _converter("t2s").convert(text)


@lru_cache(maxsize=None)
def _simplified_char(ch: str) -> str:
    return to_simplified(ch)


@lru_cache(maxsize=None)
def _traditional_char(ch: str) -> str:
    return _converter("s2t").convert(ch)


# First character of each syllable in GB2312 level 1 (16–55区), which is
# ordered by pinyin: enough to index all 3755 common characters by sound.
_GB2312_SYLLABLES = (
    "a啊 ai埃 an鞍 ang肮 ao凹 ba芭 bai白 ban斑 bang邦 bao苞 bei杯 ben奔 beng崩 bi逼 "
    "bian鞭 biao标 bie鳖 bin彬 bing兵 bo玻 bu捕 ca擦 cai猜 can餐 cang苍 cao操 ce厕 ceng层 "
    "cha插 chai拆 chan搀 chang昌 chao超 che车 chen郴 cheng撑 chi吃 chong充 chou抽 chu初 chuai揣 chuan川 "
    "chuang疮 chui吹 chun春 chuo戳 ci疵 cong聪 cou凑 cu粗 cuan蹿 cui摧 cun村 cuo磋 da搭 dai呆 "
    "dan耽 dang当 dao刀 de德 deng蹬 di堤 dian颠 diao碉 die跌 ding丁 diu丢 dong东 dou兜 du督 "
    "duan端 dui堆 dun墩 duo掇 e蛾 en恩 er而 fa发 fan藩 fang坊 fei菲 fen芬 feng丰 fo佛 "
    "fou否 fu夫 ga噶 gai该 gan干 gang冈 gao篙 ge哥 gei给 gen根 geng耕 gong工 gou钩 gu辜 "
    "gua刮 guai乖 guan棺 guang光 gui瑰 gun辊 guo锅 ha哈 hai骸 han酣 hang夯 hao壕 he呵 hei嘿 "
    "hen痕 heng哼 hong轰 hou喉 hu呼 hua花 huai槐 huan欢 huang荒 hui灰 hun荤 huo豁 ji击 jia嘉 "
    "jian歼 jiang僵 jiao蕉 jie揭 jin巾 jing荆 jiong炯 jiu揪 ju鞠 juan捐 jue撅 jun均 ka喀 kai开 "
    "kan刊 kang康 kao考 ke坷 ken肯 keng坑 kong空 kou抠 ku枯 kua夸 kuai块 kuan宽 kuang匡 kui亏 "
    "kun坤 kuo括 la垃 lai莱 lan蓝 lang琅 lao捞 le勒 lei雷 leng棱 li厘 lia俩 lian联 liang粮 "
    "liao撩 lie列 lin琳 ling玲 liu溜 long龙 lou楼 lu芦 lv驴 luan峦 lve掠 lun抡 luo萝 ma妈 "
    "mai埋 man瞒 mang芒 mao猫 me么 mei玫 men门 meng萌 mi眯 mian棉 miao苗 mie蔑 min民 ming明 "
    "miu谬 mo摸 mou谋 mu拇 na拿 nai氖 nan南 nang囊 nao挠 ne呢 nei馁 nen嫩 neng能 ni妮 "
    "nian蔫 niang娘 niao鸟 nie捏 nin您 ning柠 niu牛 nong脓 nu奴 nv女 nuan暖 nve虐 nuo挪 o哦 "
    "ou欧 pa啪 pai拍 pan攀 pang乓 pao抛 pei呸 pen喷 peng砰 pi坯 pian篇 piao飘 pie撇 pin拼 "
    "ping乒 po坡 pu扑 qi期 qia掐 qian牵 qiang枪 qiao橇 qie切 qin钦 qing青 qiong琼 qiu秋 qu趋 "
    "quan圈 que缺 qun裙 ran然 rang瓤 rao饶 re惹 ren壬 reng扔 ri日 rong戎 rou揉 ru茹 ruan软 "
    "rui蕊 run闰 ruo若 sa撒 sai腮 san三 sang桑 sao搔 se瑟 sen森 seng僧 sha莎 shai筛 shan珊 "
    "shang墒 shao梢 she奢 shen砷 sheng声 shi师 shou收 shu蔬 shua刷 shuai摔 shuan栓 shuang霜 shui谁 shun吮 "
    "shuo说 si斯 song松 sou搜 su苏 suan酸 sui虽 sun孙 suo蓑 ta塌 tai胎 tan坍 tang汤 tao掏 "
    "te特 teng藤 ti梯 tian天 tiao挑 tie贴 ting厅 tong通 tou偷 tu凸 tuan湍 tui推 tun吞 tuo拖 "
    "wa挖 wai歪 wan豌 wang汪 wei威 wen瘟 weng嗡 wo挝 wu巫 xi昔 xia瞎 xian掀 xiang相 xiao萧 "
    "xie楔 xin薪 xing星 xiong兄 xiu休 xu墟 xuan轩 xue靴 xun勋 ya压 yan焉 yang殃 yao邀 ye椰 "
    "yi一 yin茵 ying英 yo哟 yong拥 you幽 yu迂 yuan鸳 yue曰 yun耘 za匝 zai栽 zan咱 zang赃 "
    "zao遭 ze责 zei贼 zen怎 zeng增 zha扎 zhai摘 zhan瞻 zhang樟 zhao招 zhe遮 zhen珍 zheng蒸 zhi芝 "
    "zhong中 zhou舟 zhu珠 zhua抓 zhuai拽 zhuan专 zhuang桩 zhui椎 zhun谆 zhuo捉 zi兹 zong鬃 zou邹 zu租 "
    "zuan钻 zui嘴 zun尊 zuo昨 "
)


@lru_cache(maxsize=1)
def _common_chars() -> dict[str, str]:
    """The 3755 common (GB2312 level 1) characters, each with its toneless syllable.

    Polyphones carry the reading GB2312 files them under (重 → zhong); the
    article's own annotations add the readings that matter for that article.
    """
    starts = {entry[-1]: entry[:-1] for entry in _GB2312_SYLLABLES.split()}
    table: dict[str, str] = {}
    syllable = "a"
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF if hi < 0xD7 else 0xFA):
            ch = bytes((hi, lo)).decode("gb2312")
            syllable = starts.get(ch, syllable)
            table[ch] = syllable
    return table


@lru_cache(maxsize=1)
def _chars_by_syllable() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for ch, syllable in _common_chars().items():
        index.setdefault(syllable, []).append(ch)
    return {syllable: tuple(chars) for syllable, chars in index.items()}


_UMLAUT = str.maketrans({"ü": "v", "ǖ": "v", "ǘ": "v", "ǚ": "v", "ǜ": "v", "ê": "e"})
_PY = r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê\u0300-\u036f]{1,8}"


def _toneless(pinyin: str) -> str:
    """``lǜ`` → ``lv``: tones are dropped because scraped tones are unreliable and tables have none."""
    text = unicodedata.normalize("NFC", pinyin.lower()).translate(_UMLAUT)
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _is_pinyin(word: str) -> bool:
    """A real syllable, so that ``(AI)`` or ``(to)`` are not taken for annotations."""
    return _toneless(word) in _chars_by_syllable() or _toneless(word) in {"m", "n", "ng", "hm", "ei"}


@lru_cache(maxsize=None)
def _gbk(ch: str) -> tuple[int, int] | None:
    """The two GBK bytes of a character, or None (ASCII, or not in GBK)."""
    try:
        data = ch.encode("gbk")
    except UnicodeEncodeError:
        return None
    return (data[0], data[1]) if len(data) == 2 else None


@lru_cache(maxsize=None)
def _gbk_chars(hi: int | None, lo: int | None) -> tuple[str, ...]:
    """Every GBK character whose lead byte is ``hi`` and/or trail byte is ``lo``."""
    his = [hi] if hi is not None else range(0x81, 0xFF)
    los = [lo] if lo is not None else [b for b in range(0x40, 0xFF) if b != 0x7F]
    chars = []
    for h in his:
        for l in los:
            try:
                ch = bytes((h, l)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and ch != "\ufffd":
                chars.append(ch)
    return tuple(chars)


# A small lexicon of words common in government news.  The article's own
# repeated words count too (see _Vocabulary), which matters more: the same word
# usually appears elsewhere in the article intact.
_LEXICON = frozenset("""
发展 改革 创新 推动 推进 建设 招商 引资 项目 产业 企业 经济 工作 会议 大会 表彰 落实 部署
要求 强调 指出 全面 深化 加快 持续 坚持 坚定 聚焦 提升 优化 营商 环境 服务 管理 治理 体系
能力 质量 转型 开放 合作 共享 协调 绿色 安全 稳定 增长 指标 任务 目标 责任 担当 负担 使命
干部 队伍 作风 效率 效能 基础 力量 园区 开发区 示范区 高新区 政府 管委会 党工委 书记 主任
主席 区长 县长 市长 组长 代表 单位 集体 个人 先进 突出 贡献 奖励 荣誉 考核 绩效 机制 制度
政策 措施 举措 资金 投资 固定 资产 收入 税收 财政 金融 科技 人才 教育 民生 生态 保护 乡村
振兴 城市 规划 土地 资源 要素 配套 供给 需求 市场 主体 龙头 链条 产业链 供应链 创新链 集群
集聚 数字 智能 制造 能源 材料 装备 物流 贸易 外资 外贸 国有 民营 上市 公司 融资 平台 载体
研发 成果 转化 应用 示范 引领 带动 支撑 保障 高效 群众 人民 生活 文化 精神 思想 学习 贯彻
宣传 动员 凝聚 奋进 奋斗 实干 作为 扎实 务实 求真 狠抓 抓好 确保 实现 完成 突破 跨越 攻坚
风险 防范 化解 隐患 排查 整改 应急 生产 事故 监管 执法 检查 督导 指导 调研 交流 审议 决定
通知 方案 计划 报告 总结 回顾 形势 机遇 挑战 困难 问题 优势 特色 品牌 形象 速度 效益 活力
动力 动能 现代化 一流 全国 全省 全市 全区 率先 争先 领先 重大 重点 关键 核心 主要 全力 大力
积极 主动 努力 不断 切实 着力 坚决 签约 落地 开工 投产 竣工 入驻 运营 运行 推广 开展 加强
改善 提高 增强 扩大 培育 壮大 引进 招引 服务 信息 网络 交通 港口 口岸 物流 会展 中心 科技
""".split())


class _Vocabulary:
    """Which character strings count as words when scoring a proposed reading."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.counts: Counter[str] = Counter()
        self.chars: Counter[str] = Counter()
        for text in texts:
            for run in re.findall(f"[{_HAN}]+", text):
                self.chars.update(run)
                for n in (2, 3, 4, 5):
                    self.counts.update(run[i:i + n] for i in range(len(run) - n + 1))
        self.partial = self._partial_words()

    def _partial_words(self) -> set[str]:
        """N-grams that only ever occur inside one longer n-gram (责人 only in 负责人).

        Such a string is a piece of a word, not a word: counting it would let
        责人 compete with 责任 as a reading.
        """
        partial = set()
        for gram, seen in self.counts.items():
            if len(gram) >= 3 and seen >= 2:
                for piece in (gram[:-1], gram[1:]):
                    if self.counts[piece] == seen:
                        partial.add(piece)
        return partial

    def weight(self, word: str) -> int:
        """Repeated in the article as a word of its own (the strongest evidence), or in the lexicon."""
        seen = self.counts.get(word, 0)
        own = min(seen, 6) if seen >= 2 and word not in self.partial else 0
        return own + (2 if word in _LEXICON else 0)


class _Reader:
    """What the article itself tells us about characters: its words and its annotations."""

    def __init__(self, vocabulary: _Vocabulary, heard: dict[str, set[str]]) -> None:
        self.vocab = vocabulary
        self.heard = heard          # toneless syllable → characters annotated with it

    def simplified_candidates(self, pinyin: str) -> list[str]:
        """Characters with this sound, the article's own first."""
        syllable = _toneless(pinyin)
        own = sorted({_simplified_char(c) for c in self.heard.get(syllable, ())})
        return own + [c for c in _chars_by_syllable().get(syllable, ()) if c not in own]

    def byte_candidates(self, pinyin: str) -> set[str]:
        """Characters with this sound as they may have stood in the damaged (perhaps traditional) bytes."""
        simple = self.simplified_candidates(pinyin)
        return set(self.heard.get(_toneless(pinyin), ())) | set(simple) | {_traditional_char(c) for c in simple}

    def known(self, ch: str) -> bool:
        """Common enough to be a plausible reading (rare characters are what mojibake looks like)."""
        return _simplified_char(ch) in _common_chars() or ch in self.vocab.chars

    def syllables_of(self, ch: str) -> set[str]:
        found = {syllable for syllable, chars in self.heard.items() if ch in chars}
        common = _common_chars().get(_simplified_char(ch))
        return found | ({common} if common else set())


# --- cleaning ----------------------------------------------------------------


def _tidy(raw: str) -> str:
    """Plain lines: no BOM, tags, non-breaking or indenting spaces, or blank lines."""
    text = raw.lstrip("\ufeff")
    if looks_like_html(text):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = (line.strip(" \t\u3000\u2002\u2003") for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class _Mark:
    """Damage found in the text: ``lost`` (a character gone, its pinyin left) or ``stray`` (a lone ? or �)."""

    kind: str
    pinyin: str
    raw: str


_MARK_RE = re.compile(
    rf"\((?P<apy>{_PY})\)"                       # 網(wǎng): an annotation
    rf"|[?\ufffd]\(?(?P<lpy>{_PY})\)"            # ?dòng): the character and "(" lost
    rf"|\ufffd|\?(?=[,，、;；:：.。)）?\ufffd])"   # ?, : a byte pair that did not decode
)


def _tokenize(text: str) -> tuple[list[str | _Mark], dict[str, set[str]]]:
    """Split text into clean runs and damage marks, dropping annotations but remembering them.

    An annotation counts only after a Chinese character and when it is a real
    syllable, so ``(2024)`` or ``(AI)`` survive.  The annotations are the
    article's own pinyin dictionary, used later to read the damaged places.
    """
    pieces: list[str | _Mark] = []
    heard: dict[str, set[str]] = {}
    run: list[str] = []
    pos = 0
    for m in _MARK_RE.finditer(text):
        run.append(text[pos:m.start()])
        pos = m.end()
        last = next((s[-1] for s in reversed(run) if s), "")
        if m.group("apy") is not None:
            if _is_han(last) and _is_pinyin(m.group("apy")):
                heard.setdefault(_toneless(m.group("apy")), set()).add(last)
            else:
                run.append(m.group())
            continue
        if m.group("lpy") is not None and not _is_pinyin(m.group("lpy")):
            run.append(m.group())
            continue
        pieces.append("".join(run))
        run = []
        kind = "lost" if m.group("lpy") else "stray"
        pieces.append(_Mark(kind, m.group("lpy") or "", m.group()))
    run.append(text[pos:])
    pieces.append("".join(run))
    return [p for p in pieces if p != ""], heard


@dataclass
class _Cluster:
    """One damaged place: its units (``lost`` pinyin, ``vis`` character, ``stray``) and raw text."""

    tokens: list[tuple[str, str]]
    raw: str


def _group(pieces: list[str | _Mark]) -> list[str | _Cluster]:
    """Merge marks separated by at most three Chinese characters into one damaged place.

    Transit damage hits a run of bytes, not one character: ``?zhǔn)秸猩?`` is
    one event, and the characters between its marks are part of the damage.
    """
    out: list[str | _Cluster] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        i += 1
        if isinstance(piece, str):
            out.append(piece)
            continue
        cluster = _Cluster([(piece.kind, piece.pinyin)], piece.raw)
        while i < len(pieces):
            nxt = pieces[i]
            if isinstance(nxt, _Mark):
                cluster.tokens.append((nxt.kind, nxt.pinyin))
                cluster.raw += nxt.raw
            elif (i + 1 < len(pieces) and isinstance(pieces[i + 1], _Mark)
                  and len(nxt) <= 3 and all(_is_han(c) for c in nxt)):
                cluster.tokens += [("vis", c) for c in nxt]
                cluster.raw += nxt
            else:
                break
            i += 1
        out.append(cluster)
    return out


def _fit(reading: str, left: str, right: str, vocab: _Vocabulary) -> tuple[bool, int, int]:
    """How well a reading sits in its context: (every new character inside a known word,
    number of sides joined to their neighbour by a word, total word weight).

    Damage falls inside words, so a good reading re-forms words with the
    intact characters around it.
    """
    left, right = left[-3:], right[:3]
    text = left + reading + right
    a, b = len(left), len(left) + len(reading)
    covered = [False] * len(reading)
    joined_left = joined_right = False
    hits = 0
    for n in (2, 3, 4):
        for i in range(len(text) - n + 1):
            j = i + n
            if not ((i < b and j > a) if reading else (i < a < j)):
                continue
            weight = vocab.weight(text[i:j])
            if not weight:
                continue
            hits += weight
            for k in range(max(i, a), min(j, b)):
                covered[k - a] = True
            joined_left |= i < a
            joined_right |= j > b
    joins = int(joined_left or not _is_han(left[-1:])) + int(joined_right or not _is_han(right[:1]))
    return all(covered), joins, hits


def _score(reading: str, left: str, right: str, reader: _Reader) -> tuple[bool, int, int, int]:
    """:func:`_fit`, then how many of the characters the article uses elsewhere (a tie-break
    that prefers 担, which the article writes in 担当, over its sound-alike 掸)."""
    return (*_fit(reading, left, right, reader.vocab), sum(c in reader.vocab.chars for c in reading))


def _best_strings(options: Sequence[Sequence[str]], left: str, right: str,
                  reader: _Reader, beam: int = 60) -> list[str]:
    """Strings made of one option per slot, best first (a beam search keeps this cheap)."""
    partial = [""]
    for choices in options:
        grown = list(dict.fromkeys(p + c for p in partial for c in choices))
        grown.sort(key=lambda s: _score(s, left, "", reader), reverse=True)
        partial = grown[:beam]
    return sorted(partial, key=lambda s: _score(s, left, right, reader), reverse=True)


def _unit_options(token: tuple[str, str], reader: _Reader) -> list[tuple[int | None, int | None, str | None]]:
    """Possible (lead byte, trail byte, pinyin of the previous character) of one damaged unit.

    A lost unit with pinyin either was a character with that sound (a mojibake
    character the annotator then annotated: 準 in ``?zhǔn)``) or was an
    undecodable pair after which the previous character's annotation survived
    (``?dān)``).
    """
    kind, value = token
    if kind == "vis":
        pair = _gbk(value)
        return [(pair[0], pair[1], None)] if pair else []
    if kind == "stray":
        return [(None, None, None)]
    pairs = {pair for c in reader.byte_candidates(value) if (pair := _gbk(c))}
    return [(hi, lo, None) for hi, lo in sorted(pairs)] + [(None, None, value)]


def _pair_candidates(hi: int | None, lo: int | None, hint: str | None, reader: _Reader) -> tuple[str, ...]:
    """Plausible characters (simplified) for a byte pair of which some bytes are known."""
    if hi is None and lo is None:
        return tuple(reader.simplified_candidates(hint)) if hint else ()
    found = [_simplified_char(ch) for ch in _gbk_chars(hi, lo)
             if reader.known(ch) and (not hint or _toneless(hint) in reader.syllables_of(ch))]
    return tuple(dict.fromkeys(found))


def _shift_sets(tokens: list[tuple[str, str]], anchor_trail: int, reader: _Reader) -> list[list[tuple[str, ...]]]:
    """Ways the damaged units can be a one-byte-shifted view of intact characters.

    Read one byte out of step, a GBK stream shows each unit as the trail byte
    of one character plus the lead byte of the next (鏈式 → 準).  The first
    unit must begin with the intact anchor's trail byte: that coincidence is
    what makes a match evidence rather than luck.  Returns, per consistent
    choice of units, the candidate characters for each hidden character.
    """
    options = [_unit_options(t, reader) for t in tokens]
    results: list[list[tuple[str, ...]]] = []

    def walk(j: int, prev_trail: int | None, sets: list[tuple[str, ...]]) -> None:
        if len(results) >= 20:
            return
        if j == len(tokens):
            results.append(sets)
            return
        for lead, trail, hint in options[j]:
            if j == 0:
                if lead == anchor_trail and hint is None:
                    walk(1, trail, sets)
                continue
            candidates = _pair_candidates(prev_trail, lead, hint, reader)
            if candidates:
                walk(j + 1, trail, sets + [candidates])

    walk(0, None, [])
    return results


def _shift_readings(tokens: list[tuple[str, str]], anchor: str, left: str, right: str,
                    reader: _Reader) -> list[str]:
    """Readings under the byte-shift explanation, best first; empty when it does not fit."""
    pair = _gbk(anchor) if _is_han(anchor) else None
    if len(tokens) < 2 or not pair:
        return []
    ranked: list[str] = []
    for sets in _shift_sets(tokens, pair[1], reader):
        ranked += _best_strings(sets, left, right, reader)[:5]
    ranked = list(dict.fromkeys(ranked))
    return sorted(ranked, key=lambda s: _score(s, left, right, reader), reverse=True)


def _direct_readings(tokens: list[tuple[str, str]], left: str, right: str, reader: _Reader) -> list[str]:
    """Readings where each lost unit was one character with its pinyin (or residue), best first."""
    options = []
    for kind, value in tokens:
        if kind == "vis":
            options.append([_simplified_char(value)])
        elif kind == "stray":
            options.append([""])
        else:
            options.append(reader.simplified_candidates(value) + [""])
    fixed = sum(kind == "vis" for kind, _ in tokens)
    lost = sum(kind == "lost" for kind, _ in tokens)
    readings = [s for s in _best_strings(options, left, right, reader, beam=80)
                if not lost or len(s) > fixed]

    def key(s: str) -> tuple:
        covered, joins, hits, familiar = _score(s, left, right, reader)
        return covered, joins, len(s), hits, familiar
    return sorted(readings, key=key, reverse=True)


@dataclass(frozen=True)
class _Proposal:
    reading: str | None
    alternatives: tuple[str, ...]
    method: str
    absorbed: int = 0     # intact-looking characters before the place that turned out to be damage


def _propose(cluster: _Cluster, before_raw: str, before: str, after: str, reader: _Reader) -> _Proposal:
    """What a damaged place most likely said, or no reading when nothing is likely.

    The byte-shift explanation is tried first because when it fits it is
    evidence; otherwise each lost character is read from its pinyin and the
    words around it.
    """
    shifted = _shift_readings(cluster.tokens, before_raw[-1:], before, after, reader)
    if shifted:
        return _Proposal(shifted[0], tuple(shifted[1:4]), "GBK字节错位还原")
    if cluster.tokens[0][0] == "stray":
        for k in (3, 2, 1):
            lead_in = before_raw[-k - 1:]
            if len(lead_in) == k + 1 and all(_is_han(c) for c in lead_in[1:]):
                tokens = [("vis", c) for c in lead_in[1:]] + cluster.tokens
                shifted = _shift_readings(tokens, lead_in[0], before[:-k], after, reader)
                if shifted:
                    return _Proposal(shifted[0], tuple(shifted[1:4]), "GBK字节错位还原", k)
    direct = _direct_readings(cluster.tokens, before, after, reader)
    if not direct:
        return _Proposal(None, (), "无")
    covered, joins, hits = _fit(direct[0], before, after, reader.vocab)
    only_noise = all(kind == "stray" for kind, _ in cluster.tokens)
    if only_noise or (covered and hits and direct[0]):
        return _Proposal(direct[0], tuple(direct[1:4]), "拼音与上下文")
    return _Proposal(None, tuple(direct[:4]), "无")


def clean_article(raw: str) -> Cleaned:
    """Scraped article → simplified, normalised text, with every damaged place reported.

    Damaged places get the proposed reading in the text (or □ when none is
    likely) so that extraction sees words; the returned corruptions say where,
    so that the draft can mark each one for review.
    """
    pieces, heard = _tokenize(_tidy(raw))
    parts = _group(pieces)
    simple = [to_simplified(p) if isinstance(p, str) else "" for p in parts]
    reader = _Reader(_Vocabulary(p for p in simple if p), heard)
    texts = [""]                      # the intact text between damaged places
    repairs: list[dict] = []
    for i, part in enumerate(parts):
        if isinstance(part, str):
            texts[-1] += simple[i]
            continue
        before_raw = parts[i - 1] if i and isinstance(parts[i - 1], str) else ""
        proposal = _propose(part, before_raw, texts[-1], simple[i + 1] if i + 1 < len(parts) else "", reader)
        if proposal.absorbed:
            texts[-1] = texts[-1][:-proposal.absorbed]
        damaged = before_raw[len(before_raw) - proposal.absorbed:] + part.raw
        anchor_raw = before_raw[-1 - proposal.absorbed:][:1]
        anchor = texts[-1][-1:] if _is_han(anchor_raw) else ""
        lost = sum(kind == "lost" for kind, _ in part.tokens)
        repairs.append({
            "fragment": (anchor_raw if anchor else "") + damaged,
            "hints": tuple(value for kind, value in part.tokens if kind == "lost"),
            "reading": proposal.reading,
            "phrase": anchor + (proposal.reading or ""),
            "alternatives": tuple(anchor + a for a in proposal.alternatives),
            "method": proposal.method,
            "shown": proposal.reading if proposal.reading is not None else PLACEHOLDER * max(1, lost),
        })
        texts.append("")
    return _assemble(texts, repairs)


_GAP = "〓"   # stands for a damaged place while punctuation is normalised: CJK, and never changed


def _assemble(texts: list[str], repairs: list[dict]) -> Cleaned:
    """Join the intact text and the readings, punctuation normalised, offsets exact.

    Punctuation is normalised with the damaged places held by :data:`_GAP`, so
    that marks next to them see Chinese context and the readings' offsets
    can be taken from the final text.
    """
    segments = fullwidth_punctuation(_GAP.join(texts)).split(_GAP)
    out = ""
    found: list[Corruption] = []
    for k, text in enumerate(texts):
        n = text.count(_GAP) + 1       # a 〓 already in the article stays where it was
        out += _GAP.join(segments[:n])
        segments = segments[n:]
        if k < len(repairs):
            repair = dict(repairs[k])
            shown = repair.pop("shown")
            found.append(Corruption(**repair, offset=len(out), line=out.count("\n") + 1, length=len(shown)))
            out += shown
    return Cleaned(out, found)


# --- extraction helpers ------------------------------------------------------

_NUM = r"(?:\d+|[零〇一二两三四五六七八九十百]+)"
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(text: str) -> int:
    """``69`` or ``六十九`` → 69; also ``二〇二五`` → 2025 (years are read digit by digit)."""
    if text.isdigit():
        return int(text)
    if all(c in _CN_DIGITS for c in text) and len(text) > 1:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, digit = 0, 0
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in "十百":
            total += (digit or 1) * (10 if c == "十" else 100)
            digit = 0
    return total + digit


def _sentences(text: str) -> list[str]:
    """Sentences, each keeping its 。！？ (quotations are rare enough in news to ignore)."""
    return [s.strip() for line in text.split("\n") for s in re.split(r"(?<=[。！？])", line) if s.strip()]


def _clauses(sentence: str) -> list[str]:
    """Clauses split at ，；。 but never inside 《》 (titles may contain commas)."""
    return [c for c in re.findall(r"(?:《[^》]*》|“[^”]*”|[^，；。！？])+", sentence) if c.strip()]


_TITLE_WORDS = (
    "总工程师|总会计师|总经济师|秘书长|董事长|理事长|总经理|检察长|负责人|巡视员|调研员|"
    "书记|主任|主席|委员|常委|组长|区长|县长|市长|省长|镇长|乡长|局长|处长|科长|部长|厅长|队长|"
    "所长|院长|校长|行长|社长|站长|馆长|会长|署长|司长|庭长|经理|总裁|总监|专员|主管|代表|成员|干事"
)
_TITLE_RE = re.compile(rf"(?:常务)?副?(?:{_TITLE_WORDS})")


@dataclass(frozen=True)
class _Person:
    name: str
    position: str
    text: str          # as written, position and name together

    def as_data(self) -> dict:
        return {"name": self.name, "position": self.position} if self.position else {"name": self.name}


_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛"
    "曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
    "卫米柏宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥班"
    "储栗燕楚鄢劳谌奚皮粟冼蔺楼闻厉伊仝郜阚花权帅屠豆朴盖练廉禹井祖漆巴丰卿狄计索宣晋芮扈晁阙浦戈伏鹿薄邸雍辜"
    "羊裘亓邰赫杭况逯隆茹诸慕危玉银亢嵇湛宾戎勾茅於呼揭尉冶斯束檀昝智幸奉植衡富尧闭"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "端木")


def _looks_like_name(text: str) -> bool:
    """Two to four characters starting with a surname: rules out 会议, 与会人员 and the like."""
    return (bool(re.fullmatch(f"[{_HAN}]{{2,4}}", text)) and not _TITLE_RE.fullmatch(text)
            and (text[0] in _SURNAMES or text.startswith(_COMPOUND_SURNAMES)))


def _split_person(text: str) -> _Person | None:
    """``管委会副主任陈曦`` → 陈曦 with that position.

    Chinese news writes position then name with nothing between; the name is
    what follows the last title word that leaves a plausible name.
    """
    text = text.strip()
    if _looks_like_name(text) and not _TITLE_RE.search(text):
        return _Person(text, "", text)
    for m in reversed(list(_TITLE_RE.finditer(text))):
        if _looks_like_name(text[m.end():]):
            return _Person(text[m.end():], text[:m.end()], text)
    return None


def _split_people(text: str) -> list[_Person]:
    """Several people joined by 、, where positions themselves contain 、.

    A bare title after a person (``组长翟振新、副组长郭海斌``) shares that
    person's organisation, as the reader understands it.
    """
    people: list[_Person] = []
    pending: list[str] = []
    for piece in text.split("、"):
        person = _split_person(piece)
        if person is None:
            pending.append(piece)
            continue
        position = "、".join(pending + [person.position]) if person.position else "、".join(pending)
        if people and not pending and _TITLE_RE.fullmatch(position or "-") and people[-1].position:
            last = list(_TITLE_RE.finditer(people[-1].position))[-1]
            position = people[-1].position[:last.start()] + position
        people.append(_Person(person.name, position, "、".join(pending + [piece])))
        pending = []
    return people


@dataclass
class _Notes:
    """Review notes and plain comments collected while building the draft, keyed by path."""

    review: list[ReviewNote] = field(default_factory=list)
    comments: dict[tuple, list[str]] = field(default_factory=dict)

    def check(self, path: tuple, what: str, hint: str = "") -> None:
        self.review.append(ReviewNote(_path_text(path), what, hint))
        self.comments.setdefault(path, []).append(f"{REVIEW}：{what}" + (f"（{hint}）" if hint else ""))

    def say(self, path: tuple, text: str) -> None:
        self.comments.setdefault(path, []).append(text)


def _path_text(path: tuple) -> str:
    """("meeting", "guests", 1, "position") → ``meeting.guests[1].position``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- extraction: when, what, where -------------------------------------------

_DATE_RE = re.compile(
    r"(?:(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年)?"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})日"
    r"(?:(?P<ap>上午|下午|晚上|晚间|早上)?(?P<h>\d{1,2})(?:时|点|:|：)(?:(?P<mi>\d{1,2})分?|(?P<half>半))?)?"
)
_HELD_RE = re.compile(r"召开|举行|举办|开幕")
_MEETING_WORD = r"(?:会议|大会|论坛|仪式|座谈会|推进会|部署会|动员会|报告会|表彰会|会)"


def _meeting_sentence(sentences: list[str]) -> str:
    """The sentence that says a meeting was held: it carries date, name and venue."""
    for s in sentences:
        if _HELD_RE.search(s) and (_DATE_RE.search(s) or "在" in s):
            return s
    return ""


def _find_source(text: str) -> str | None:
    """The outlet that first reported it (``世界晋商网获悉，`` / ``来源：…``)."""
    for pattern in (r"^(?P<s>[^，。：:\s]{2,20}?)(?:获悉|讯|消息)[，：:]",
                    r"来源[：:]\s*(?P<s>[^\s）)，。]{2,20})",
                    r"^据(?P<s>[^，。]{2,20}?)(?:报道|消息)"):
        m = re.search(pattern, text, re.M)
        if m and m.group("s") not in {"本报", "本网", "本台", "记者"}:
            return m.group("s")
    return None


@dataclass(frozen=True)
class _When:
    month: int
    day: int
    year: int | None
    time: str | None


def _find_when(sentence: str, text: str) -> _When | None:
    """Month, day, the year only if written, and a clock time if one is given."""
    m = _DATE_RE.search(sentence) or _DATE_RE.search(text)
    if not m:
        return None
    time = None
    if m.group("h"):
        hour = int(m.group("h")) + (12 if m.group("ap") in ("下午", "晚上", "晚间") and int(m.group("h")) < 12 else 0)
        minute = 30 if m.group("half") else int(m.group("mi") or 0)
        time = f"{hour:02d}:{minute:02d}"
    year = _number(m.group("y")) if m.group("y") else None
    return _When(_number(m.group("m")), _number(m.group("d")), year, time)


def _find_title_venue(sentence: str, source: str | None) -> tuple[str | None, str | None, bool]:
    """Meeting name and venue from ``…，TITLE在VENUE召开`` or ``ORG在VENUE召开TITLE``.

    Returns (title, venue, composed): composed is True when the name had to be
    put together from the organiser and the meeting word, which is a guess.
    """
    s = sentence
    if source:
        s = re.sub(rf"^{re.escape(source)}(?:获悉|讯|消息)[，：:]?", "", s)
    s = _DATE_RE.sub("", s, count=1)
    s = re.sub(r"于(?=在|，)", "", s)
    s = re.sub(r"^[，、\s]*(?:上午|下午|晚上|近日|日前|昨天|今天)?[，、\s]*", "", s)
    held = r"(?:隆重|盛大|顺利)?(?:召开|举行|举办|开幕)"
    m = re.search(rf"(?P<title>[^，。]+?{_MEETING_WORD})在(?P<venue>[^，。]+?){held}", s)
    if m:
        return _strip_title(m.group("title")), m.group("venue"), False
    m = re.search(rf"(?P<org>[^，。]+?)在(?P<venue>[^，。]+?){held}了?(?P<title>[^，。]*?{_MEETING_WORD})", s)
    if m:
        org, title = m.group("org"), _strip_title(m.group("title"))
        composed = not title.startswith(org)
        return (org + title if composed else title), m.group("venue"), composed
    m = re.search(rf"在(?P<venue>[^，。]+?){held}", s)
    return None, (m.group("venue") if m else None), False


def _strip_title(title: str) -> str:
    return title.strip("“”\"《》 ")


def _title_year(title: str | None) -> int | None:
    """The year in a meeting name like ``2024年工作会议`` (not ``2023年度``, which names the year reviewed)."""
    m = re.search(r"(\d{4})年(?!度)", title or "")
    return int(m.group(1)) if m else None


# --- extraction: people ------------------------------------------------------

_SPEECH_RE = re.compile(r"(?:出席(?:会议|大会)?并)?(?:作|发表)?(?:重要)?(?:讲话|工作报告|报告)(?=[，。；]|$|并)")


def _find_speaker(sentences: list[str], text: str) -> tuple[_Person | None, str]:
    """The main speaker (``…主任范兆森讲话``) and the sentence saying so.

    When several people speak, the main one is whose words the article goes
    on to report (``范兆森指出，…``); a guest's brief remarks are not the speech.
    """
    found: list[tuple[_Person, str]] = []
    for s in sentences:
        for clause in _clauses(s):
            m = _SPEECH_RE.search(clause)
            if m and m.end() == len(clause) and (person := _split_person(clause[:m.start()])):
                found.append((person, s))
    if not found:
        return None, ""

    def reported(entry: tuple[_Person, str]) -> int:
        return len(re.findall(rf"{re.escape(entry[0].name)}(?:同志)?(?:{_LEAD_VERBS})", text))
    return max(found, key=reported)


def _speaker_by_speech(text: str) -> str | None:
    """Fallback: the name most often followed by 指出/强调, when no sentence says who spoke."""
    names = Counter(re.findall(rf"(?:^|[。\n])([{_HAN}]{{2,3}})(?:指出|强调|要求)[，：]", text))
    return names.most_common(1)[0][0] if names else None


def _find_host(sentences: list[str]) -> _Person | None:
    """Who chaired: ``…副主任张效生主持`` or ``会议由…主持``."""
    for s in sentences:
        for clause in _clauses(s):
            m = re.fullmatch(r"(?:会议|大会)?(?:由)?(?P<who>.+?)主持(?:会议|大会)?", clause)
            if m:
                person = _split_person(m.group("who"))
                if person:
                    return person
    return None


_GUEST_ROLES = r"到会指导|莅临指导|出席会议并讲话|出席并讲话|出席会议并致辞|出席并致辞|出席会议|出席"
_GROUP_WORDS = re.compile(r"全体|干部|负责人|成员|代表|人员|同志|机关|单位")


def _find_guests(sentences: list[str], speaker: _Person | None) -> list[tuple[_Person, str]]:
    """Guests with their role (到会指导, 出席 …): people named before such a phrase."""
    guests = []
    for s in sentences:
        for clause in _clauses(s):
            m = re.fullmatch(rf"(?P<who>.+?)(?P<role>{_GUEST_ROLES})", clause)
            if not m or _GROUP_WORDS.search(m.group("who")):
                continue
            role = m.group("role").replace("会议", "")
            for person in _split_people(m.group("who")):
                if not speaker or person.name != speaker.name:
                    guests.append((person, role))
    return guests


def _find_attendees(paragraphs: list[str]) -> tuple[list[str], int | None]:
    """Who attended, in protocol order (``…参加会议。``), and the paragraph saying it.

    Each comma-separated part is one entry: a group of names or a group of people.
    """
    for index, para in enumerate(paragraphs):
        for s in _sentences(para):
            m = re.fullmatch(r"(?P<who>.+?)(?:等)?(?:参加|列席|出席)(?:了)?(?:会议|大会)?。?", s)
            if m and ("，" in m.group("who") or _GROUP_WORDS.search(m.group("who"))):
                who = re.sub(r"等?(?:\d+|[一二三四五六七八九十百千]+)余?(?:人|名)$", "", m.group("who"))
                return [p for p in who.split("，") if p], index
    return [], None


# --- extraction: commendation and targets ------------------------------------

_COUNT_RE = re.compile(
    rf"(?P<n>{_NUM})(?:家|个|名|位|所|支|户|项)(?P<cat>[{_HAN}]{{1,10}}?)"
    r"(?=和|与|及|以及|、|，|；|。|进行|予以|给予|颁发|签订|签署|授予|下达|递交|代表|作|$)"
)


def _counts(clause: str) -> dict[str, int]:
    """``69家企业和23个单位`` → {企业: 69, 单位: 23}; numbers inside 《》 do not count."""
    counts: dict[str, int] = {}
    for m in _COUNT_RE.finditer(re.sub(r"《[^》]*》", "", clause)):
        counts.setdefault(m.group("cat"), _number(m.group("n")))
    return counts


@dataclass
class _Business:
    """What the narrative says was done: commendation, statements, target letters."""

    decision: str | None = None
    announcer: _Person | None = None
    award_counts: dict[str, int] = field(default_factory=dict)
    statements: int | None = None
    target_title: str | None = None
    target_counts: dict[str, int] = field(default_factory=dict)
    targets_mentioned: bool = False


def _find_business(sentences: list[str]) -> _Business:
    """Read the commendation decision, counts, statements and target letters from the narrative."""
    found = _Business()
    for s in sentences:
        m = re.search(r"(?P<who>[^，。；：]+?)宣读(?:了)?《(?P<doc>[^》]+)》", s)
        if m and re.search("表彰|奖励|表扬|命名|授予", m.group("doc")) and not found.decision:
            found.decision, found.announcer = m.group("doc"), _split_person(m.group("who"))
        for clause in re.split(r"[；。]", s):
            if re.search("责任书|责任状", clause):
                found.targets_mentioned = True
                found.target_counts = found.target_counts or _counts(clause)
                t = re.search(r"(?:\d{4}年度?)?[^，。；、《》了向]{0,12}?(?:责任书|责任状)", clause)
                found.target_title = found.target_title or (t.group().strip() if t else None)
            elif re.search(r"代表.{0,6}发言", clause):
                n = re.search(rf"(?P<n>{_NUM})(?:家|名|位|个)[^，。；]{{0,12}}?代表", clause)
                if n and found.statements is None:
                    found.statements = _number(n.group("n"))
            elif re.search("表彰|表扬|奖励|授予", clause):
                found.award_counts = found.award_counts or _counts(clause)
    if not found.decision:
        m = re.search(r"《(?P<doc>[^》]*表彰[^》]*)》", "".join(sentences))
        found.decision = m.group("doc") if m else None
    return found


# --- extraction: the speech --------------------------------------------------

_LEAD_VERBS = "指出|强调|要求|表示|说|提出|认为|希望|号召"
_ENUM_RE = re.compile(
    r"^(?:要(?!求)|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，、：是]"
    r"|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.、．])"
)
_FIRST_CLAUSE = re.compile(r"^((?:“[^”]*”|《[^》]*》|[^，“《；。])+)，(.+)$")


def _item(text: str) -> dict:
    """One enumerated task: its first clause is the lead (heading), the rest the text.

    The marker (要, 一是, （一）…) is dropped because the documents number items themselves.
    """
    body = _ENUM_RE.sub("", text, count=1).rstrip("；;。 ")
    m = _FIRST_CLAUSE.match(body)
    if m and 2 <= len(m.group(1)) <= 30:
        return {"heading": m.group(1), "text": m.group(2) + "。"}
    return {"text": body + "。"}


def _inline_items(body: str) -> tuple[str, list[dict]]:
    """Split ``要……；要……；要……。`` or ``一是……；二是……`` inside one paragraph into items.

    Three or more parts all opening with a marker count as an enumeration;
    whatever precedes the first marker stays as the section's paragraph.
    """
    parts = [p for p in re.split(r"(?<=；)", body) if p.strip()]
    first = re.search(r"(?:^|(?<=[。：:，]))(?:要(?!求)|[一1]是|第一[，、：是]|（一）|1[.、．])", parts[0]) if parts else None
    if len(parts) < 3 or not first:
        return body, []
    intro, parts[0] = parts[0][:first.start()], parts[0][first.start():]
    if not all(_ENUM_RE.match(p) for p in parts):
        return body, []
    if intro and not intro.endswith(("。", "：")):
        intro = intro.rstrip("，:") + "："
    return intro, [_item(p) for p in parts]


def _speech_sections(paragraphs: list[str], name: str) -> tuple[list[dict], set[int]]:
    """The speaker's words as sections: each ``NAME指出/强调/要求，…`` paragraph opens one,
    and enumerated paragraphs right after it (the six ``要……；``) become its items.

    Returns the sections and the indexes of the paragraphs they used.
    """
    lead = re.compile(rf"^{re.escape(name)}(?:同志)?(?:在讲话中)?(?:{_LEAD_VERBS})[，：:]?")
    sections: list[dict] = []
    used: set[int] = set()
    current: dict | None = None
    for index, para in enumerate(paragraphs):
        m = lead.match(para)
        if m:
            intro, items = _inline_items(para[m.end():])
            current = {"paragraphs": [intro] if intro else [], "items": items}
            sections.append(current)
        elif current is not None and _ENUM_RE.match(para):
            current["items"].append(_item(para))
        else:
            current = None
            continue
        used.add(index)
    return sections, used


def _heading(section: dict, year: int | None) -> str:
    """A short heading for a section; news articles have none, so this is always a proposal."""
    intro = "".join(section["paragraphs"])
    body = intro + "".join(i.get("heading", "") + i["text"] for i in section["items"])
    if section["items"] and re.search(r"重点任务|个方面|项任务", intro):
        return f"{year}年重点任务" if year else "重点任务"
    if re.search("过去一年|一年来|回顾", body) or (year and f"{year - 1}年是" in body):
        return f"{year - 1}年工作回顾" if year else "工作回顾"
    if re.search("形势|总体要求|工作主题|工作基调|工作目标", body):
        return "形势与总体要求"
    if section["items"] and re.search("抓落实|作风|能力|担当|纪律", body):
        return "工作要求"
    first = re.split(r"[，。；]", intro or body)[0]
    return first[:16]


def _announced_count(section: dict) -> int | None:
    """``要抓住六个方面的重点任务`` → 6: the speaker's own count of the items that follow."""
    m = re.search(rf"(?P<n>{_NUM})(?:个方面|项(?:重点)?任务|点要求|方面)", "".join(section["paragraphs"]))
    return _number(m.group("n")) if m else None


def _theme(sentence: str, speaker: _Person) -> str | None:
    """The last of the clauses that describe the speech (``…讲话，动员…，坚定不移走好“归心、赶考”之路``)."""
    start = sentence.find(speaker.text)
    m = _SPEECH_RE.match(sentence, start + len(speaker.text)) if start >= 0 else None
    if not m or not sentence.startswith("，", m.end()):
        return None
    clauses = _clauses(re.split(r"[；。]", sentence[m.end() + 1:])[0])
    last = clauses[-1].strip() if len(clauses) >= 2 else ""
    return last if 4 <= len(last) <= 30 else None


# --- extraction: agenda and issuer -------------------------------------------

_AGENDA_VERBS = re.compile(r"观看|宣读|发言|颁发|签订|签署|通报|传达|审议|听取|授牌|颁奖|致辞|作工作报告|作报告")


def _find_agenda(sentences: list[str], speaker: _Person | None, people: list[_Person]) -> list[str]:
    """Items of business in the order reported, positions shortened to names.

    Speeches go last, the main one first among them: the lead paragraph
    mentions the speech first, but leaders' speeches conventionally close the meeting.
    """
    items: list[str] = []
    speeches: list[str] = []
    for sentence in sentences:
        for clause in _clauses(sentence):
            clause = _shorten_people(clause.strip(), people)
            m = _SPEECH_RE.search(clause)
            if m and m.end() == len(clause) and _split_person(clause[:m.start()]):
                speech = re.sub(r"出席(?:会议|大会)?并", "", clause)
                speeches.insert(0, speech) if speaker and clause.startswith(speaker.name) else speeches.append(speech)
            elif _AGENDA_VERBS.search(clause) and not re.search(_GUEST_ROLES, clause):
                items.append(re.sub(r"(观看|宣读|颁发|签订|签署|通报|传达|审议|听取|作)了", r"\1", clause))
    return items + speeches


def _shorten_people(clause: str, people: list[_Person]) -> str:
    """``管委会副主任陈曦宣读…`` → ``陈曦宣读…``: an agenda names people, their posts are elsewhere."""
    for person in people:
        clause = clause.replace(person.text, person.name)
    m = re.match(rf"(?P<who>.+?)(?={_AGENDA_VERBS.pattern}|{_SPEECH_RE.pattern})", clause)
    person = _split_person(m.group("who")) if m else None
    return person.name + clause[m.end():] if person else clause


_ZONE_END = r"(?:示范区|开发区|高新区|经开区|新区|园区|自贸区|试验区|保税区|合作区)"
_ORGAN_END = rf"(?:{_ZONE_END}|管委会|管理委员会|委员会|人民政府|政府|集团|公司|局|厅|县|市|区|省|镇|乡|街道)"


def _issuer(title: str | None, text: str, notes: _Notes) -> dict:
    """The issuing organ, from the organiser named at the start of the meeting title.

    Articles use short names; the full name (发文机关全称) is only guessed,
    e.g. a zone with a 管委会 → ``…管理委员会``, and always marked for review.
    """
    m = re.match(rf"^(?P<org>.+?{_ORGAN_END})(?=\d{{4}}年|[〇零一二三四五六七八九]{{4}}年)", title or "") \
        or re.match(rf"^(?P<org>.+?{_ORGAN_END})", title or "")
    if not m:
        notes.check(("issuer",), "新闻稿没有写出发文机关", "请填写 name（发文机关全称）")
        return {}
    org = m.group("org")
    if org.endswith("管委会"):
        name = org[:-3] + "管理委员会"
    elif re.search(f"{_ZONE_END}$", org) and re.search("管委会|管理委员会", text):
        name = org + "管理委员会"
    else:
        name = org
    if name in text and re.search("委员会$|人民政府$", name):
        return {"name": name}
    notes.check(("issuer", "name"), f"由会议名称中的“{org}”推断，新闻稿未写全称",
                "简称中的缩略语可能要写全")
    return {"name": name, "short_name": org} if name != org else {"name": name}


# --- the draft ---------------------------------------------------------------


def draft_from_article(text: str, *, year: int | None = None) -> Draft:
    """A draft ``meeting/1`` file from a news article (plain text or HTML).

    ``year`` is used when the article's date has none (press releases often
    write only 3月11日).  Every inference the article does not state plainly
    becomes a review note and a ``# 待核实`` comment on the field.
    """
    cleaned = clean_article(text)
    notes = _Notes()
    data = _extract(cleaned.text, year, notes)
    _mark_corruptions(data, cleaned, notes)
    return Draft(_render_yaml(data, notes), data, notes.review, cleaned.corruptions)


def _extract(text: str, year: int | None, notes: _Notes) -> dict:
    """All facts the article states, as the meeting/1 mapping (keys in the spec's order)."""
    paragraphs = text.split("\n")
    sentences = _sentences(text)
    source = _find_source(text)
    held = _meeting_sentence(sentences)
    title, venue, composed = _find_title_venue(held, source)
    when = _find_when(held, text)
    date = _resolve_date(when, title, year, notes)
    meeting_year = date.year if isinstance(date, dt.date) else year or _title_year(title)

    meeting: dict = {}
    _put(meeting, "title", title, notes, ("meeting", "title"), "新闻稿中找不到会议名称")
    if composed:
        notes.check(("meeting", "title"), "会议名称由主办单位与会议名拼合而成")
    _put(meeting, "date", date, notes, ("meeting", "date"), "新闻稿中没有会议日期")
    if when and when.time:
        meeting["time"] = when.time
    _put(meeting, "venue", venue, notes, ("meeting", "venue"), "新闻稿中找不到会场")
    if source:
        meeting["source"] = source

    speaker, speech_sentence = _find_speaker(sentences, text)
    if speaker is None and (name := _speaker_by_speech(text)):
        speaker = _Person(name, "", name)
        notes.check(("meeting", "speeches", 0, "speaker"), "新闻稿未写讲话人的职务")
    host = _find_host(sentences)
    guests = _find_guests(sentences, speaker)
    business = _find_business(sentences)
    attendees, attendee_para = _find_attendees(paragraphs)
    sections, used = _speech_sections(paragraphs, speaker.name) if speaker else ([], set())

    if host:
        meeting["host"] = host.as_data()
    if guests:
        meeting["guests"] = [{**p.as_data(), "role": role} for p, role in guests]
    narrative = [s for i, p in enumerate(paragraphs) if i not in used and i != attendee_para
                 for s in _sentences(p)]
    people = [p for p in [speaker, host, business.announcer, *(g for g, _ in guests)] if p]
    agenda = _find_agenda(narrative, speaker, people)
    if agenda:
        meeting["agenda"] = agenda
        notes.check(("meeting", "agenda"), "议程由新闻稿推断，顺序和措辞请核对")
    if speaker and sections:
        meeting["speeches"] = [_speech(speaker, speech_sentence, sections, meeting_year, notes)]
    if attendees:
        meeting["attendees"] = attendees

    data: dict = {"format": "meeting/1", "issuer": _issuer(title, text, notes), "meeting": meeting}
    if business.decision or business.award_counts:
        data["awards"] = _awards(business, notes)
    if business.targets_mentioned:
        data["targets"] = _targets(business, meeting_year, notes)
    return data


def _put(mapping: dict, key: str, value, notes: _Notes, path: tuple, missing: str) -> None:
    """Set a required field, or leave it out with a review note saying it is missing."""
    if value is None:
        notes.check(path, missing, "必填，请补上")
    else:
        mapping[key] = value


def _resolve_date(when: _When | None, title: str | None, year: int | None, notes: _Notes):
    """The meeting date: a ``date`` when the year is known, else the article's 3月11日 marked for review.

    The year comes from the date itself, else the ``year`` option, else the
    meeting title (``2024年工作会议``); never from today's date.
    """
    path = ("meeting", "date")
    if when is None:
        return None
    title_year = _title_year(title)
    chosen = when.year or year or title_year
    if when.year and year and year != when.year:
        notes.check(path, f"文中写明{when.year}年，与指定的年份{year}不一致")
    elif not when.year and year:
        notes.say(path, f"年份按指定的 {year}")
        if title_year and title_year != year:
            notes.check(path, f"指定的年份{year}与会议名称中的{title_year}年不一致")
    elif not when.year and title_year:
        notes.say(path, "年份取自会议名称")
    if not chosen:
        notes.check(path, "新闻稿未写年份", f"请改为 YYYY-{when.month:02d}-{when.day:02d}，或用 --year 指定")
        return f"{when.month}月{when.day}日"
    try:
        return dt.date(chosen, when.month, when.day)
    except ValueError:
        notes.check(path, "日期不存在", "请核对原文")
        return f"{chosen}年{when.month}月{when.day}日"


def _speech(speaker: _Person, sentence: str, sections: list[dict], year: int | None, notes: _Notes) -> dict:
    """One speech: speaker, a proposed theme, and sections with proposed headings."""
    speech: dict = {"speaker": speaker.as_data()}
    theme = _theme(sentence, speaker) if sentence else None
    if theme:
        speech["theme"] = theme
        notes.check(("meeting", "speeches", 0, "theme"), "主题取自导语中对讲话的概括")
    speech["sections"] = []
    for n, section in enumerate(sections):
        path = ("meeting", "speeches", 0, "sections", n)
        out: dict = {"heading": _heading(section, year)}
        notes.check(path + ("heading",), "小标题为程序拟定，新闻稿原文没有小标题")
        if section["paragraphs"]:
            out["paragraphs"] = section["paragraphs"]
        if section["items"]:
            out["items"] = section["items"]
            announced = _announced_count(section)
            if announced is not None and announced != len(section["items"]):
                notes.check(path + ("items",), f"讲话说有{announced}项，新闻稿列出{len(section['items'])}项")
        speech["sections"].append(out)
    return speech


def _awards(found: _Business, notes: _Notes) -> dict:
    """The commendation: decision, who read it, announced counts; the list is a template to fill."""
    awards: dict = {}
    _put(awards, "decision", found.decision, notes, ("awards", "decision"), "新闻稿未写表彰决定的标题")
    if found.announcer:
        awards["announced_by"] = found.announcer.as_data()
    if found.award_counts:
        awards["expected"] = dict(found.award_counts)
    if found.statements is not None:
        awards["statements"] = found.statements
    awards["list"] = AWARDS_LIST
    notes.say(("awards", "list"), "请按模板表头逐行填写，删去示例行" + _rows_hint(found.award_counts))
    return awards


def _targets(found: _Business, year: int | None, notes: _Notes) -> dict:
    """The target-responsibility letters; the year comes from their title when it has one."""
    targets: dict = {}
    title_year = _title_year(found.target_title)
    target_year = title_year or year
    if target_year is None:
        notes.check(("targets", "year"), "新闻稿未写责任书年度", "必填，请补上")
    else:
        targets["year"] = target_year
        if not title_year:
            notes.check(("targets", "year"), "责任书年度按会议年份推断")
    if found.target_title:
        targets["title"] = found.target_title
    if found.target_counts:
        targets["expected"] = dict(found.target_counts)
    targets["list"] = TARGETS_LIST
    notes.say(("targets", "list"), "每个单位每个指标一行，删去示例行" + _rows_hint(found.target_counts, unit="个单位"))
    return targets


def _rows_hint(counts: dict[str, int], unit: str = "行") -> str:
    return "，应有" + "、".join(f"{k}{v}{unit}" for k, v in counts.items()) if counts else ""


def _leaves(value, path: tuple = ()) -> Iterable[tuple[tuple, str]]:
    """Every string in the data with its path."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _leaves(child, path + (index,))
    elif isinstance(value, str):
        yield path, value


def _mark_corruptions(data: dict, cleaned: Cleaned, notes: _Notes) -> None:
    """Put a review note on the field that contains each repaired place (or on the article)."""
    leaves = list(_leaves(data))
    for c in cleaned.corruptions:
        start = c.offset - (len(c.phrase) - len(c.reading or ""))
        end = c.offset + c.length
        line_start = cleaned.text.rfind("\n", 0, start) + 1
        line_end = cleaned.text.find("\n", end)
        line_end = len(cleaned.text) if line_end < 0 else line_end
        needles = [cleaned.text[max(line_start, start - a):min(line_end, end + b)]
                   for a, b in ((4, 4), (0, 4), (4, 0), (0, 0))]
        path = next((p for needle in needles if needle for p, leaf in leaves if needle in leaf), ())
        notes.check(path, c.describe())


# --- YAML --------------------------------------------------------------------

_FLOW_KEYS = {"host", "speaker", "announced_by", "expected"}
_HEADER = """会议数据草稿（meeting/1），由 exporter ingest 从新闻稿生成。
标有“待核实”的内容是推断、拟定或原文存疑之处：请对照原文核对，改好后删去该注释。
名单请填写同目录下的 CSV 模板（表头勿改）。"""


def _node(value, key=None):
    """Plain data → ruamel nodes; small person/count mappings print on one line."""
    if isinstance(value, dict):
        node = CommentedMap((k, _node(v, k)) for k, v in value.items())
        if key in _FLOW_KEYS or key == "guest":
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        return CommentedSeq(_node(v, "guest" if key == "guests" else None) for v in value)
    if key == "time":
        return DoubleQuotedScalarString(value)    # 9:30 would be a number to YAML 1.1 readers
    return value


def _attach(root: CommentedMap, path: tuple, texts: list[str]) -> None:
    """Put comments on the line of ``path``: at its end, or above it when the value is long.

    Flow mappings cannot carry comments inside, so a note on ``host.position``
    goes on the ``host:`` line; a note on a list item that is a mapping goes
    on its first key.  A note behind a 300-character paragraph would go unseen,
    so those go on the line above.
    """
    container, key, node = None, None, root
    column = here = 0          # column of the current block's keys (or dashes)
    for part in path:
        if not isinstance(node, (CommentedMap, CommentedSeq)) or node.fa.flow_style():
            break
        if isinstance(node, CommentedSeq) and not (isinstance(part, int) and part < len(node)):
            break
        if isinstance(node, CommentedMap) and part not in node:
            break
        container, key, column, node = node, part, here, node[part]
        here = column + 2
    while isinstance(container, CommentedSeq) and isinstance(node, CommentedMap) and node and not node.fa.flow_style():
        container, key, column = node, next(iter(node)), column + 2
        node = node[key]
    if container is None:
        root.yaml_set_start_comment("\n".join([_HEADER, *texts]))
    elif isinstance(node, str) and len(node) > 40:
        container.yaml_set_comment_before_after_key(key, before="\n".join(texts), indent=column)
    else:
        container.yaml_add_eol_comment("；".join(texts), key)


def _render_yaml(data: dict, notes: _Notes) -> str:
    """The draft as commented YAML: header, ``format`` first, keys in the spec's order."""
    root = _node(data)
    root.yaml_set_start_comment(_HEADER)
    for path, texts in notes.comments.items():
        # "# 待核实" first on the line, so that searching for it finds every note
        _attach(root, path, sorted(dict.fromkeys(texts), key=lambda t: not t.startswith(REVIEW)))
    yaml = YAML()
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda *args: True
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


# --- files -------------------------------------------------------------------


def write_draft(draft: Draft, out_path: Path) -> list[Path]:
    """Write the draft YAML and, beside it, the list templates it refers to.

    The YAML is replaced atomically.  The CSV templates are the ones
    ``exporter init`` writes (same headers as the loader reads), written only
    when the draft names a list and none of the list files exist yet: staff
    may already have filled them.  Returns the paths written.
    """
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out_path, draft.yaml.encode("utf-8"))
    folder = out_path.parent
    if not _lists(draft.data) or any((folder / name).exists() for name in (AWARDS_LIST, TARGETS_LIST)):
        return [out_path]
    return [out_path] + write_list_templates(folder, xlsx=False)


def _lists(data: dict) -> list[str]:
    """The list files a draft refers to."""
    return [block["list"] for block in (data.get("awards"), data.get("targets"))
            if isinstance(block, dict) and isinstance(block.get("list"), str)]
