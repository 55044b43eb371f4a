"""Facts of the meeting → the Chinese sentences a staff writer would write.

The briefing (render/word) and the summary (render/pdf) tell the same story,
so the wording lives here once: pure functions over the model, no I/O, no
document library, deterministic.  Each function returns finished text with
full-width punctuation; an absent optional fact leaves its sentence out
rather than producing an empty one ("由主持。").

Conventions followed (GB/T 15834, GB/T 15835, newsroom practice):

- a person is introduced by position then name (山西省政府副秘书长……范兆森);
  consecutive people of the same organisation share it once
  (督导一组组长翟振新、副组长郭海斌);
- people or groups in a series are separated by 、, but by ， where an
  element itself contains 、 (清徐县委常委、副县长董笑龙，阳曲县副县长申彩萍);
- counts are Arabic numerals (69家企业), sequence numbers of headings are
  Chinese (一、 （一）);
- quotations inside quotation marks switch to single marks (“坚定……‘归心’……”).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from exporter.model import Awards, Guest, Item, Meeting, Person, Section, Speech, Targets
from exporter.text import (  # noqa: F401  (balanced_lines, text_em: re-exported)
    balanced_lines,
    classifier_for,
    count_phrase,
    format_date,
    join_names,
    text_em,
)

# --- numbering ---------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (heading numbers)."""
    if n <= 0:
        raise ValueError(f"heading numbers start at 1, got {n}")
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if not rest:
            return _DIGITS[hundreds] + "百"
        middle = "零" if rest < 10 else ""
        tail = chinese_numeral(rest) if rest >= 20 or rest < 10 else "一" + chinese_numeral(rest)
        return _DIGITS[hundreds] + "百" + middle + tail
    return str(n)


def section_number(n: int) -> str:
    """First-level heading number: 一、"""
    return f"{chinese_numeral(n)}、"


def item_number(n: int) -> str:
    """Second-level heading number: （一）, followed by no punctuation."""
    return f"（{chinese_numeral(n)}）"


# --- small joins --------------------------------------------------------------

_TRAILING = "。；;，,、 "


def _clause(text: str) -> str:
    """A list entry used inside a sentence: without its own closing punctuation."""
    return text.strip().rstrip(_TRAILING)


def quoted(text: str) -> str:
    """“text”, with quotation marks inside it turned into single marks."""
    inner = text.replace("“", "‘").replace("”", "’")
    return f"“{inner}”"


def join_and(items: Sequence[str]) -> str:
    """A和B; A、B和C: a short series of nouns in a sentence."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return join_names(list(items[:-1])) + "和" + items[-1]


def join_series(entries: Sequence[str]) -> str:
    """Entries of a series: 、 between them, or ， between all of them when any has its own 、.

    One level of a series takes one mark: 甲，清徐县委常委、副县长乙，丙，丁
    — not 甲，…乙，丙、丁, which reads as if 丙 and 丁 were one entry.
    """
    mark = "，" if any("、" in entry for entry in entries) else "、"
    return mark.join(entries)


# --- people -------------------------------------------------------------------

# A shared organisation is left out only up to one of these characters, so
# that 县委书记 / 县长 never becomes 县委书记甲、长乙.
_ORGANISATION_ENDS = set("组部委局厅办府会院区市省县处室司队站所团社")


def _shared_organisation(first: str, second: str) -> str:
    """The organisation both posts start with (督导一组), or ''."""
    n = 0
    while n < min(len(first), len(second)) and first[n] == second[n]:
        n += 1
    while n > 0 and first[n - 1] not in _ORGANISATION_ENDS:
        n -= 1
    if n < 2 or len(first) - n < 2 or len(second) - n < 2:
        return ""
    return first[:n]


def person_phrase(person: Person, previous: Person | None = None) -> str:
    """Position then name; the organisation shared with *previous* said once."""
    position = person.position or ""
    if previous is not None and previous.position and position \
            and "、" not in previous.position and "、" not in position:
        shared = _shared_organisation(previous.position, position)
        position = position[len(shared):]
    return f"{position}{person.name}"


def people_phrase(people: Sequence[Person]) -> str:
    """Several people in protocol order, each with position, as one phrase."""
    phrases = [person_phrase(p, people[i - 1] if i else None) for i, p in enumerate(people)]
    return join_series(phrases)


# --- the lead paragraph ----------------------------------------------------------

def _daypart(time: str | None) -> str:
    """上午 / 下午 / 晚上 from "09:00"; '' when no time is given."""
    if not time:
        return ""
    hour = int(time.split(":")[0])
    if hour < 12:
        return "上午"
    if hour < 18:
        return "下午"
    return "晚上"


def when_where_sentence(meeting: Meeting) -> str:
    """2024年3月11日，……大会在潇河国际会议中心召开。"""
    info = meeting.meeting
    return f"{format_date(info.date)}{_daypart(info.time)}，{info.title}在{info.venue}召开。"


def speakers(meeting: Meeting) -> list[Person]:
    """Who spoke, in order, each once."""
    seen: dict[str, Person] = {}
    for speech in meeting.meeting.speeches:
        seen.setdefault(speech.speaker.name, speech.speaker)
    return list(seen.values())


SPEECH = "讲话"

# An agenda item that only says someone spoke: [position]name[同志][作(了)|发表(了)|出席并][…讲话|…报告]
_SPEECH_ITEM = re.compile(r"^(?:同志)?(?:(?P<made>作了?|发表了?)|出席并)?(?P<noun>[^，；。、“”《》]{0,6}?(?:讲话|报告))$")


def _restated_speech(item: str, people: Sequence[Person]) -> tuple[str, str] | None:
    """(speaker's name, what they gave) when *item* only says that one of *people* spoke.

    范兆森讲话 → (范兆森, 讲话); 王立新作工作报告 → (王立新, 工作报告).  The lead
    paragraph reports these speeches already, so the agenda need not.
    """
    for person in people:
        for intro in (person.name, person_phrase(person)):
            if item.startswith(intro):
                match = _SPEECH_ITEM.match(item[len(intro):])
                if match:
                    noun = match["noun"] if match["made"] else SPEECH
                    return person.name, noun
    return None


def speech_nouns(meeting: Meeting) -> dict[str, str]:
    """What each speaker gave, as the agenda names it (工作报告, 总结讲话); 讲话 by default."""
    nouns = {p.name: SPEECH for p in speakers(meeting)}
    for item in meeting.meeting.agenda:
        found = _restated_speech(_clause(item), speakers(meeting))
        if found:
            nouns[found[0]] = found[1]
    return nouns


def speakers_sentence(meeting: Meeting) -> str:
    """范兆森作了题为“……”的讲话。 / 甲、乙先后讲话。 / '' when nobody spoke.

    A speech the agenda calls something else is called that here
    (王立新作工作报告。), so the agenda sentence can leave it out.
    """
    speeches = meeting.meeting.speeches
    people = speakers(meeting)
    if not people:
        return ""
    nouns = speech_nouns(meeting)
    if len(people) == 1:
        themes = [s.theme for s in speeches if s.theme]
        who, noun = person_phrase(people[0]), nouns[people[0].name]
        if len(themes) == 1:
            return f"{who}作了题为{quoted(themes[0])}的{noun}。"
        return f"{who}{_gave(noun)}。"
    if all(noun == SPEECH for noun in nouns.values()):
        return f"{people_phrase(people)}先后讲话。"
    phrases = [person_phrase(p, people[i - 1] if i else None) for i, p in enumerate(people)]
    return "，".join(f"{who}{_gave(nouns[p.name])}" for who, p in zip(phrases, people)) + "。"


def _gave(noun: str) -> str:
    """讲话 → 讲话; 工作报告 → 作工作报告."""
    return noun if noun == SPEECH else f"作{noun}"


def _guest_verb(role: str | None) -> str:
    if not role or role == "出席":
        return "出席会议"
    return role


def guests_sentences(meeting: Meeting) -> str:
    """省委……组长翟振新、副组长郭海斌到会指导。 One sentence per role, in order."""
    groups: dict[str, list[Guest]] = {}
    for guest in meeting.meeting.guests:
        groups.setdefault(_guest_verb(guest.role), []).append(guest)
    return "".join(f"{people_phrase(people)}{verb}。" for verb, people in groups.items())


def host_sentence(meeting: Meeting) -> str:
    host = meeting.meeting.host
    return f"{person_phrase(host)}主持会议。" if host else ""


def lead_paragraph(meeting: Meeting) -> str:
    """Date, meeting and venue; who spoke; who attended to give guidance; who chaired."""
    return (when_where_sentence(meeting) + speakers_sentence(meeting)
            + guests_sentences(meeting) + host_sentence(meeting))


# --- agenda, attachments, attendees --------------------------------------------

# 会上 / 会议 as the subject of an item (会议宣读…, 会上，…) — not 会议室, 会议精神 …
_MEETING_SUBJECT = re.compile(r"^(?:会上[，,]?|会议(?![室厅中纪议精]))")


def _reported_speakers(meeting: Meeting) -> list[Person]:
    """People whose speech the lead paragraph reports: the speakers, and guests who 出席并讲话."""
    guests = [g for g in meeting.meeting.guests if g.role and SPEECH in g.role]
    return [*speakers(meeting), *guests]


def _introduced(meeting: Meeting) -> set[str]:
    """Names the lead paragraph gives with their position."""
    info = meeting.meeting
    return {p.name for p in [*speakers(meeting), *info.guests, *([info.host] if info.host else [])]}


def agenda_items(meeting: Meeting) -> list[str]:
    """The items of business as the agenda sentence says them.

    Left out: items that only say someone spoke whose speech the lead has
    reported (范兆森讲话).  A person first named here (陈曦宣读…) gets their
    position, once, as newsroom practice introduces people.
    """
    reported = _reported_speakers(meeting)
    introduced = _introduced(meeting)
    people = [p for p in ([meeting.awards.announced_by] if meeting.awards else []) if p and p.position]
    items = []
    for raw in meeting.meeting.agenda:
        item = _clause(raw)
        if not item or _restated_speech(item, reported):
            continue
        for person in people:
            if person.name not in introduced and item.startswith(person.name):
                item = person_phrase(person) + item[len(person.name):]
                introduced.add(person.name)
        items.append(item)
    return items


def agenda_sentence(meeting: Meeting) -> str:
    """会上，甲；乙；丙。 The items of business as running text, or ''.

    An item whose subject is the meeting itself (会议宣读…) opens the sentence
    without 会上 ("会议宣读……；与会领导……"); elsewhere its 会议/会上 is dropped,
    so that the sentence never says 会上，会议….
    """
    items = agenda_items(meeting)
    if not items:
        return ""
    opener = "会上，"
    if items[0].startswith("会议") and _MEETING_SUBJECT.match(items[0]):
        opener, items[0] = "会议", items[0][2:]
    items = [_MEETING_SUBJECT.sub("", item, count=1) or item for item in items]
    return opener + "；".join(items) + "。"


def awardee_counts_phrase(awards: Awards) -> str:
    """69家企业和23个单位: listed awardees per category."""
    counts = awards.counts()
    return join_and([count_phrase(counts[c], classifier_for(c), c)
                     for c in awards.categories() if counts[c]])


def unit_counts_phrase(targets: Targets) -> str:
    """6个园区和5个招商中心: responsible units per unit type."""
    counts = targets.unit_counts()
    return join_and([count_phrase(counts[t], classifier_for(t), t)
                     for t in targets.unit_types() if counts[t]])


def _decision_subject(decision: str) -> str:
    """关于2023年度高质量发展表彰决定 → 2023年度高质量发展; '' if it does not read that way."""
    core = decision.strip("《》 ")
    if core.startswith("关于"):
        core = core[2:]
    for suffix in ("的决定", "决定"):
        if core.endswith(suffix):
            core = core[: -len(suffix)]
            break
    if not core.endswith("表彰"):
        return ""
    core = core[:-2]
    return core[:-1] if core.endswith("的") else core


def _decision_honours(decision: str) -> str:
    """关于表彰2024年度安全生产先进集体和先进个人的决定 → 2024年度安全生产先进集体和先进个人; else ''."""
    core = decision.strip("《》 ")
    if core.startswith("关于"):
        core = core[2:]
    if not core.startswith("表彰"):
        return ""
    for suffix in ("的决定", "决定"):
        if core.endswith(suffix):
            return core[2:-len(suffix)]
    return ""


def awards_attachment_title(awards: Awards) -> str:
    """2023年度高质量发展受表彰企业和单位名单; 2024年度安全生产先进集体和先进个人名单.

    A decision that names whom it honours (关于表彰……的决定) gives the title
    in its own words rather than 受表彰 + the categories.
    """
    honours = _decision_honours(awards.decision)
    if honours:
        return f"{honours}名单"
    return f"{_decision_subject(awards.decision)}受表彰{join_and(awards.categories())}名单"


def targets_attachment_title(targets: Targets) -> str:
    """2024年目标任务责任书指标一览表."""
    return f"{targets.display_title}指标一览表"


def attachment_titles(meeting: Meeting) -> list[tuple[str, str]]:
    """[(附件1, title), (附件2, title)] for the lists the meeting has, in order."""
    titles = []
    if meeting.awards and meeting.awards.rows:
        titles.append(awards_attachment_title(meeting.awards))
    if meeting.targets and meeting.targets.rows:
        titles.append(targets_attachment_title(meeting.targets))
    return [(f"附件{i}", t) for i, t in enumerate(titles, 1)]


def attachments_sentence(meeting: Meeting) -> str:
    """受表彰名单见附件1，……见附件2。 ('' without attachments)."""
    refs = []
    for label, title in attachment_titles(meeting):
        refs.append(f"{title}见{label}")
    return "，".join(refs) + "。" if refs else ""


def agenda_paragraph(meeting: Meeting) -> str:
    """The items of business, then where the lists are; '' when neither exists."""
    return agenda_sentence(meeting) + attachments_sentence(meeting)


def attendees_paragraph(meeting: Meeting) -> str:
    """委领导……，小店区副区长郭国权，……受表彰的企业负责人参加会议。"""
    entries = [_clause(a) for a in meeting.meeting.attendees]
    entries = [e for e in entries if e]
    if not entries:
        return ""
    return join_series(entries) + "参加会议。"


def source_note(meeting: Meeting) -> str:
    """（据世界晋商网报道整理） — the 附注 line, '' without a source."""
    source = meeting.meeting.source
    return f"（据{source}报道整理）" if source else ""


# --- the speeches --------------------------------------------------------------

def speech_intro(speech: Speech, noun: str = SPEECH) -> str:
    """The sentence before a speech's sections: whose words follow (现将范兆森讲话要点摘编如下。)."""
    return f"现将{speech.speaker.name}{noun}要点摘编如下。"


def section_heading(n: int, section: Section) -> str:
    """一、2023年工作回顾 (a heading line carries no closing punctuation)."""
    return section_number(n) + _clause(section.heading)


def item_parts(n: int, item: Item) -> tuple[str, str]:
    """(lead, text) of an item: （一）不折不扣完成主要经济指标任务。 and its text.

    The lead is set in the lead face (楷体), the text in the body face; a lead
    run into its text ends with 。 as GB/T 9704 practice writes it.
    """
    lead = item_number(n)
    if item.heading:
        heading = item.heading.strip()
        lead += heading if heading[-1:] in "。！？" else _clause(heading) + "。"
    return lead, item.text.strip()


# --- the article as blocks ----------------------------------------------------------

BlockKind = Literal["body", "section", "item", "note"]


@dataclass(frozen=True)
class Block:
    """One paragraph of the article: what it is, and its text.

    ``item`` blocks carry the lead (lead face) in ``lead`` and the rest in
    ``text``; every other kind has only ``text``.
    """

    kind: BlockKind
    text: str
    lead: str = ""


def speech_blocks(speech: Speech, noun: str = SPEECH) -> list[Block]:
    if not speech.sections:
        return []
    blocks = [Block("body", speech_intro(speech, noun))]
    for n, section in enumerate(speech.sections, 1):
        blocks.append(Block("section", section_heading(n, section)))
        blocks.extend(Block("body", p.strip()) for p in section.paragraphs if p.strip())
        for m, item in enumerate(section.items, 1):
            lead, text = item_parts(m, item)
            blocks.append(Block("item", text, lead))
    return blocks


def article(meeting: Meeting) -> list[Block]:
    """The briefing's article in reading order: lead, agenda, speeches, attendees, source."""
    blocks = [Block("body", lead_paragraph(meeting))]
    agenda = agenda_paragraph(meeting)
    if agenda:
        blocks.append(Block("body", agenda))
    nouns = speech_nouns(meeting)
    for speech in meeting.meeting.speeches:
        blocks.extend(speech_blocks(speech, nouns[speech.speaker.name]))
    attendees = attendees_paragraph(meeting)
    if attendees:
        blocks.append(Block("body", attendees))
    note = source_note(meeting)
    if note:
        blocks.append(Block("note", note))
    return blocks


# --- masthead and end block ----------------------------------------------------------

def issue_line(meeting: Meeting) -> str:
    """第1期."""
    return f"第{meeting.briefing.issue}期"


def distribution_lines(meeting: Meeting) -> list[tuple[str, str]]:
    """[("报：", "省委、省政府有关领导。"), …]: the 报尾 lines that have recipients.

    Recipients are separated by ， and the list ends with 。 (GB/T 9704 §7.4.2).
    """
    dist = meeting.briefing.distribution
    if dist is None:
        return []
    lines = []
    for label, names in (("报", dist.报), ("送", dist.送), ("发", dist.发)):
        names = [_clause(n) for n in names if _clause(n)]
        if names:
            lines.append((f"{label}：", "，".join(names) + "。"))
    return lines


def copies_line(meeting: Meeting) -> str:
    """（共印60份）, or '' when the count is not given."""
    copies = meeting.briefing.copies
    return f"（共印{copies}份）" if copies else ""


# --- headline shape ----------------------------------------------------------------
# ``balanced_lines`` and ``text_em`` are text rules shared with the workbook's
# title: they live in exporter.text and are imported above, so the briefing
# and the summary keep reaching them as ``prose.balanced_lines``.
