"""The parts of an official document (公文) around the plan's body.

A plan issued as an official document carries, before its body, a letterhead
(``通化市安全生产委员会文件``), a document number (``通安委〔2022〕10号``),
often a covering letter (印发通知, 征求意见函) with its own title, recipients
(``各县（市、区）安委会，…：``), text, contact lines, attachment list and
signature (issuer and date), then the plan's own title and preamble; after
the body come a closing signature, the 抄送 line and the 印发 line.  GB/T
9704 fixes what these look like, not where a region puts them, so they are
recognised here by their notation, line by line, for every layout.

:func:`split_document` finds where the body begins and ends;
:func:`read_front_matter` and :func:`read_back_matter` read the metadata and
return every line they used as a :class:`~safetyplan.model.Note` of the right
kind, so nothing around the body is lost.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Sequence

import attrs

from ..document import Document, Paragraph
from ..model import Note, Span
from .cleaning import Line, clean_lines, ends_sentence, join_wrapped, merge, squeeze
from .lazyre import LazyPattern
from .numbering import chinese_to_int, has_label
from .units import split_top

# ------------------------------------------------------------------ notation

_YEAR_CN = "[〇零○O一二三四五六七八九]{4}"
_NUM_CN = "[〇零一二三四五六七八九十]{1,3}"
_YEAR_AR = "(?:19|20|１９|２０)[0-9０-９]{2}"
"""A year in Arabic digits, half- or full-width (``２０２２``): Python's
``int`` reads both."""
DATE = re.compile(
    rf"({_YEAR_AR}|{_YEAR_CN})\s{{0,2}}年\s{{0,2}}(\d{{1,2}}|{_NUM_CN})\s{{0,2}}月"
    rf"\s{{0,2}}(?:(\d{{1,2}}|{_NUM_CN})\s{{0,2}})?日"
)
"""A calendar date as documents sign them: ``2022年5月30日``,
``二〇二二年五月三十日``; the day may be left blank (``2022年6月 日``)."""
_TITLE_YEAR = LazyPattern(rf"({_YEAR_AR})\s{{0,2}}(?:年|(?=(?:年\s{{0,2}})?[—–－~～至到-]\s{{0,2}}{_YEAR_AR}\s{{0,2}}年))")
_TITLE_YEAR_CN = LazyPattern(r"([〇零○一二][〇零○一二三四五六七八九]{3})\s{0,2}年")
"""The year a title names, in Arabic or Chinese numerals (``二〇二四年``);
of a range of years (``（2024—2026年）``) the first, in which the plan starts
and its deadlines that name no year fall."""

DOC_NUMBER = re.compile(
    rf"(?:[A-Za-zＸｘ]{{1,4}})?[\u4e00-\u9fff]{{1,12}}\s{{0,2}}[〔［\[【(（]\s{{0,2}}{_YEAR_AR}\s{{0,2}}[〕］\]】)）]\s{{0,2}}\d{{1,4}}\s{{0,2}}号"
)
"""A 发文字号: issuer's abbreviation (which a published copy may open with a
redacted place, ``xx安委〔2025〕3号``), year in brackets, serial number."""

ORG_SUFFIX = re.compile(
    r"(?:委员会|办公室|办公厅|管委会|人民政府|政府|党委|党工委|工委|委办|"
    r"[委办局厅部处科院所站队社会司]|中心|公司|集团|支队|大队)$"
)
"""The endings of an organisation's name (发文机关)."""

_LETTERHEAD = re.compile(r"^(?P<org>.{2,40}?)\s{0,4}文\s{0,2}件$")
_CC = re.compile(r"^(?:抄\s{0,3}送|抄\s{0,3}报|主\s{0,3}送)\s{0,2}[：:]")
_PRINTED = re.compile(r"印\s{0,2}发\s{0,2}$")
_CONTACT = LazyPattern(
    r"^[（(]?\s{0,2}(?:联\s{0,2}系\s{0,2}人|联系电话|联系方式|电\s{0,2}话|传\s{0,2}真|手\s{0,2}机|"
    r"邮\s{0,2}箱|电子邮箱|电子信箱|E-?mail|地\s{0,2}址|邮\s{0,2}编)[^：:，。]{0,6}[：:]",
    re.IGNORECASE,
)
_ATTACHMENT_LIST = re.compile(r"^附\s{0,2}件\s{0,2}(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s{0,2}[：:]")
_ATTACHMENT_HEAD = re.compile(r"^附\s{0,2}件\s{0,2}(\d{1,2}|[一二三四五六七八九十]{1,3})?\s{0,2}$")
_DRAFTS = "征求意见稿|送审稿|讨论稿|草案|草稿|代拟稿|初稿"
"""The states a draft names in brackets (``（征求意见稿）``)."""
_MARKER = re.compile(
    rf"^[（(]\s{{0,2}}(?:{_DRAFTS}|"
    r"此件[^（()）]{0,10}|不予公开|主动公开|依申请公开)\s{0,2}[）)]$"
)
_DRAFT_AFTER_TITLE = LazyPattern(rf"[（(](?:{_DRAFTS})[）)]$")
"""A draft marker closing a title line (not ``（试行）``, which is part of the title)."""
LIST_ENTRY = re.compile(r"(\d{1,2})\s{0,2}[．.、]")
"""The number opening an entry of an attachment list (``附件：1．…``, and a
further entry on a line of its own: ``2．…``)."""
_LETTER_TITLE = re.compile(r"关于.{0,120}(?:通知|通报|意见函|函|批复|请示)$")
_LETTER_VERB = re.compile(r"印发|转发|下发|征求|发布|报送")
_ORG_PUNCTUATION = re.compile("[，,。；;：:、！？“”《》]")
"""Punctuation no organisation's name holds (brackets it may)."""
_SENTENCE_PUNCTUATION = re.compile("[。；;！？：:]")
"""Punctuation that ends or divides a sentence, which no title holds."""


class Kind(enum.Enum):
    """What one line of the matter around a body is."""

    LETTERHEAD = "letterhead"
    DOC_NUMBER = "doc_number"
    ORG = "org"
    DATE = "date"
    PRINTED = "printed"
    CC = "cc"
    CONTACT = "contact"
    ATTACHMENT_LIST = "attachment_list"
    ATTACHMENT_HEAD = "attachment_head"
    MARKER = "marker"
    RECIPIENTS = "recipients"
    TITLE = "title"
    PROSE = "prose"


def parse_date(text: str) -> dt.date | None:
    """The first complete date in ``text`` (``2022年5月30日`` or written
    in Chinese numerals), or None where there is none or it is invalid."""
    m = DATE.search(text)
    if not m or not m.group(3):
        return None
    try:
        year = _year(m.group(1))
        return dt.date(year, chinese_to_int(m.group(2)), chinese_to_int(m.group(3)))
    except ValueError:
        return None


def _signed_year(lines: Sequence[Line]) -> int | None:
    """The year of the first date in a signature's lines, day or no day."""
    for line in lines:
        m = DATE.search(line.text)
        if m:
            return _year(m.group(1))
    return None


def _year(text: str) -> int:
    if text.isdigit():
        return int(text)
    digits = {"〇": "0", "零": "0", "○": "0", "O": "0"}
    for i, ch in enumerate("一二三四五六七八九", start=1):
        digits[ch] = str(i)
    return int("".join(digits[ch] for ch in text))


def is_org(text: str) -> bool:
    """A line that is only an organisation's name: short, no punctuation
    but brackets, ending like one (``…管委会``, ``…党政办公室``).  No name
    holds 关于: ``…办公室关于开展…场所`` is a title's first line that happens
    to end like a name (所)."""
    t = squeeze(text)
    if not 3 <= len(t) <= 40 or has_label(t) or "关于" in t:
        return False
    if _ORG_PUNCTUATION.search(t):
        return False
    return bool(ORG_SUFFIX.search(t))


def is_date_line(text: str) -> bool:
    """A line holding only a date (a signature's date)."""
    t = squeeze(text)
    return t.endswith("日") and DATE.fullmatch(t) is not None


def split_org_date(text: str) -> tuple[str, dt.date | None] | None:
    """``重庆市双桥经开区管委会 2022年3月9日`` → the organisation and the
    date, where a line is exactly that."""
    t = squeeze(text)
    if not t.endswith("日"):  # every date does, so most lines need no search
        return None
    m = DATE.search(t)
    if not m or m.end() != len(t) or m.start() == 0:
        return None
    org = t[: m.start()]
    return (org, parse_date(t)) if is_org(org) else None


def classify(text: str) -> Kind:
    """What a line around the body is, by its notation alone."""
    t = squeeze(text)
    # The cheap tests come first: a search for a document number anywhere
    # in a long paragraph costs more than all the rest together.
    if len(t) <= 44 and t.endswith("件") and not any(ch in t for ch in "，。；："):
        m = _LETTERHEAD.match(t)
        if m and ORG_SUFFIX.search(m.group("org")):  # an issuer's name, not ``政策文件``
            return Kind.LETTERHEAD
    if DOC_NUMBER.fullmatch(t) or (len(t) <= 40 and "签发" in t and DOC_NUMBER.search(t)):
        return Kind.DOC_NUMBER
    if _CC.match(t):
        return Kind.CC
    if _PRINTED.search(t) and DATE.search(t) and len(t) <= 60:
        return Kind.PRINTED
    if is_date_line(t) or split_org_date(t):
        return Kind.DATE
    if _MARKER.match(t):
        return Kind.MARKER
    if _ATTACHMENT_HEAD.match(t):
        return Kind.ATTACHMENT_HEAD
    if _ATTACHMENT_LIST.match(t):
        return Kind.ATTACHMENT_LIST
    if _CONTACT.compiled.match(t):
        return Kind.CONTACT
    if is_org(t):
        return Kind.ORG
    if t.endswith(("：", ":")) and "。" not in t and not has_label(t):
        return Kind.RECIPIENTS
    if is_title_text(t):
        return Kind.TITLE
    return Kind.PROSE


_OWN_LINE = frozenset(
    {
        Kind.LETTERHEAD,
        Kind.DOC_NUMBER,
        Kind.DATE,
        Kind.PRINTED,
        Kind.CC,
        Kind.CONTACT,
        Kind.ATTACHMENT_LIST,
        Kind.ATTACHMENT_HEAD,
        Kind.MARKER,
    }
)


def starts_own_line(text: str) -> bool:
    """A line that starts something of its own and never continues the
    line above: a numbered item, a date, a 抄送 line, an attachment
    heading, a contact line…"""
    return has_label(text) or classify(text) in _OWN_LINE


def document_lines(document: Document) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """``(lines, furniture)``: the document's paragraphs cleaned, with a
    hard-wrapped extraction's lines rejoined (a line that
    :func:`starts_own_line` is never joined to the one above), and the page
    numbers set aside.  Detection reads these lines and so does the parser
    that detection chose: they are read once per document."""
    return document.measure(_read_lines)


def _read_lines(document: Document) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    lines, furniture = clean_lines(b for b in document.blocks if isinstance(b, Paragraph))
    return tuple(join_wrapped(lines, starts=starts_own_line)), tuple(furniture)


def is_title_text(text: str) -> bool:
    """A line that can be (part of) a title: not numbered, no sentence
    punctuation, not too long."""
    t = squeeze(text)
    if not t or len(t) > 80 or has_label(t):
        return False
    return not _SENTENCE_PUNCTUATION.search(t)


def split_names(text: str) -> tuple[str, ...]:
    """``各乡镇、开发区（园区、管理处），区安委会各成员单位：`` → the names,
    split on ``，`` ``、`` ``;`` outside brackets, end punctuation removed."""
    names = split_top(squeeze(text).rstrip("：:。.;；"), "，,、；;")
    return tuple(n for n in names if n)


def _note(line: Line, kind: str) -> Note:
    return Note(line.text, kind, Span(line.start, line.end))


def _joined_note(lines: Sequence[Line], kind: str) -> Note:
    """One note for lines that are one item (a signature's organisation line
    and date line), their texts joined by a space."""
    return Note(" ".join(ln.text for ln in lines), kind, Span(lines[0].start, lines[-1].end))


# ---------------------------------------------------------------- splitting


def _is_end_matter(kind: Kind) -> bool:
    return kind in (
        Kind.ATTACHMENT_LIST,
        Kind.ATTACHMENT_HEAD,
        Kind.CONTACT,
        Kind.CC,
        Kind.PRINTED,
        Kind.DATE,
        Kind.LETTERHEAD,
    )


@attrs.frozen
class Bounds:
    """Where the parts of a document's lines begin: ``lines[:title]`` is the
    covering matter (letterhead, covering letter), ``lines[title:body]`` the
    plan's title block, ``lines[body:end]`` its body (preamble included) and
    ``lines[end:]`` what follows it (signature, 抄送, attachments)."""

    title: int
    body: int
    end: int


def locate(lines: Sequence[Line]) -> Bounds:
    """Find the title block, the body and the end matter.

    The body's first numbered line is found first; the paragraphs of prose
    just before it are the preamble, and the title-like lines before those
    (skipping a recipients line and draft markers) are the plan's title.
    The body ends at the first attachment list, attachment heading, contact
    line, signature, 抄送 or 印发 line after its first numbered line.  Where
    the document numbers nothing, everything is front matter."""
    first = next((i for i, ln in enumerate(lines) if _opens_body(ln)), len(lines))
    i = first - 1
    # Preamble: prose paragraphs (a hard-broken one spans several lines).
    while i >= 0 and classify(lines[i].text) is Kind.PROSE:
        i -= 1
    start = i + 1
    # A preamble's first line reads like a title line where it holds no
    # sentence mark: it is prose where the next line continues it, and, where
    # prose lines follow, where it breaks off inside a clause (a hard wrap in
    # ``为加强…，切实保障`` / ``人民群众…。``), which no title line does.
    if (
        0 <= i < first - 1
        and classify(lines[i].text) is Kind.TITLE
        and not ends_sentence(lines[i].text)
        and _continued_by(lines[i], lines[i + 1])
        and (start == first or "，" in lines[i].text)
    ):
        start = i
        i -= 1
    while i >= 0 and classify(lines[i].text) in (Kind.RECIPIENTS, Kind.MARKER):
        i -= 1
    end_title = i
    while i >= 0 and (
        classify(lines[i].text) in (Kind.TITLE, Kind.MARKER)
        or (classify(lines[i].text) is Kind.ORG and i < end_title and squeeze(lines[i + 1].text).startswith("关于"))
    ):
        i -= 1
    return Bounds(i + 1, start, body_end(lines, first))


def _continued_by(line: Line, nxt: Line) -> bool:
    return classify(nxt.text) is Kind.PROSE and len(squeeze(line.text)) >= 20


def _opens_body(line: Line) -> bool:
    """A numbered line (that is not a date)."""
    return has_label(line.text) and classify(line.text) is not Kind.DATE


def body_end(lines: Sequence[Line], first: int) -> int:
    """Index of the first line after the body: the first attachment list,
    attachment heading, contact line, signature, 抄送 or 印发 line at or
    after the body's first numbered line ``first``."""
    for i in range(first, len(lines)):
        text = lines[i].text
        if has_label(text):
            continue
        kind = classify(text)
        if _is_end_matter(kind):
            return i
        if kind is Kind.ORG and i + 1 < len(lines) and classify(lines[i + 1].text) in (Kind.DATE, Kind.PRINTED):
            return i
    return len(lines)


# ---------------------------------------------------------------- reading


@attrs.frozen
class Matter:
    """Metadata read from the lines around a body, and the notes that keep
    those lines."""

    title: str | None = None
    issuer: str | None = None
    letterhead: str | None = None
    signer: str | None = None
    doc_number: str | None = None
    issue_date: dt.date | None = None
    signed_year: int | None = None
    """The year of the signature's date, also where its day is left blank
    (``2024年6月  日``) and so ``issue_date`` is None."""
    recipients: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    printed_by: str | None = None
    printed_date: dt.date | None = None
    letter: bool = False
    letter_texts: tuple[str, ...] = ()
    attachment_lines: tuple[Line, ...] = ()
    notes: tuple[Note, ...] = ()


def _group_contacts(lines: Sequence[Line]) -> list[Line]:
    """Join a contact block broken inside its brackets
    (``（联系人：…，电话：…`` / ``电子邮箱：…）``) and pieces of one
    paragraph split by a markdown hard break."""
    out: list[Line] = []
    for line in lines:
        if out:
            prev = out[-1]
            t = squeeze(prev.text)
            opened = t.count("（") + t.count("(") > t.count("）") + t.count(")")
            if opened and classify(prev.text) in (Kind.CONTACT, Kind.ATTACHMENT_LIST):
                out[-1] = merge([prev, line])
                continue
            if classify(prev.text) is Kind.ATTACHMENT_LIST and classify(line.text) is Kind.TITLE:
                # ``附件：新建区关于…坚决`` / ``防范遏制…（征求意见`` / ``稿）``
                out[-1] = merge([prev, line])
                continue
        out.append(line)
    return out


def read_front_matter(covering_lines: Sequence[Line], title_lines: Sequence[Line]) -> Matter:
    """Read the covering matter (``lines[:bounds.title]``) and the plan's
    title block (``lines[bounds.title:bounds.body]``)."""
    covering = _group_contacts(covering_lines)
    notes: list[Note] = []
    issuer = letterhead = signer = doc_number = None
    issue_date: dt.date | None = None
    signed_year: int | None = None
    recipients: tuple[str, ...] = ()
    letter_title: list[Line] = []
    letter_texts: list[str] = []
    letter = False
    i = 0
    own_title = squeeze("".join(ln.text for ln in title_lines if classify(ln.text) is Kind.TITLE))
    while i < len(covering) and len(heading := squeeze(covering[i].text)) >= 6 and own_title.startswith(heading):
        # A web page heads the article with the plan's title (its ``<h1>``)
        # before the letterhead: the page's, not a letter's title.
        notes.append(_note(covering[i], "furniture"))
        i += 1
    while i < len(covering):
        line = covering[i]
        kind = classify(line.text)
        t = squeeze(line.text)
        if kind is Kind.LETTERHEAD:
            m = _LETTERHEAD.match(t)
            letterhead = letterhead or (m.group("org") if m else t)
            notes.append(_note(line, "furniture"))
        elif kind is Kind.DOC_NUMBER:
            found = DOC_NUMBER.search(t)
            doc_number = doc_number or (found.group(0) if found else t)
            if found and found.group(0) != t:
                notes.append(_note(line, "furniture"))
        elif kind is Kind.ORG and not letter_title and not letter_texts and not recipients and issuer is None:
            issuer = t
            if i + 1 < len(covering) and squeeze(covering[i + 1].text).startswith("关于"):
                letter_title.append(line)
            else:
                notes.append(_note(line, "furniture"))
        elif kind in (Kind.ORG, Kind.DATE):
            pair = _signature(covering, i)
            if pair is not None:
                org, date, used = pair
                signer = signer or org
                issue_date = date or issue_date
                signed_year = signed_year or _signed_year(used)
                notes.append(_joined_note(used, "signature"))
                i += len(used)
                letter = True
                continue
            notes.append(_note(line, "letter"))
        elif kind is Kind.RECIPIENTS and not recipients:
            recipients = split_names(line.text)
            notes.append(_note(line, "letter"))
        elif kind is Kind.CONTACT:
            notes.append(_note(line, "contact"))
        elif kind is Kind.MARKER:
            notes.append(_note(line, "furniture"))
        elif kind is Kind.TITLE and not recipients and not letter_texts:
            letter_title.append(line)
        else:
            if kind is Kind.PROSE:
                letter_texts.append(line.text)
            notes.append(_note(line, "letter"))
        i += 1
    if letter_title:
        joined = merge(letter_title)
        notes.insert(0, _note(joined, "letter"))
        if _LETTER_TITLE.search(squeeze(joined.text)) and _LETTER_VERB.search(joined.text):
            letter = True
    # Title block: title lines joined; draft markers and a recipients line
    # kept as notes.
    title_parts: list[Line] = []
    for line in title_lines:
        kind = classify(line.text)
        if kind is Kind.MARKER:
            notes.append(_note(line, "furniture"))
        elif kind is Kind.RECIPIENTS and not recipients:
            # The plan's own 主送 line: wholly held by ``recipients``.
            recipients = split_names(line.text)
        elif kind is Kind.RECIPIENTS:
            notes.append(_note(line, "letter"))
        else:
            title_parts.append(line)
    title = squeeze("".join(ln.text for ln in title_parts)) or None
    draft = _DRAFT_AFTER_TITLE.compiled.search(title) if title else None
    if title and draft and draft.start() > 0:
        # ``…实施方案（征求意见稿）`` on one line: the draft marker is the
        # document's state, as on a line of its own, not the plan's title.
        notes.append(Note(draft.group(0), "furniture", Span(title_parts[-1].start, title_parts[-1].end)))
        title = title[: draft.start()]
    if title is None and letter_title and not letter:
        title = squeeze(merge(letter_title).text)
        notes = [n for n in notes if not (n.kind == "letter" and squeeze(n.text) == title)]
    return Matter(
        title=title,
        issuer=letterhead or issuer or signer,
        letterhead=letterhead,
        signer=signer,
        doc_number=doc_number,
        issue_date=issue_date,
        signed_year=signed_year,
        recipients=recipients,
        letter=letter,
        letter_texts=tuple(letter_texts),
        notes=tuple(notes),
    )


def _signature(lines: Sequence[Line], i: int) -> tuple[str | None, dt.date | None, list[Line]] | None:
    """A signature at ``lines[i]``: an organisation line followed by a date
    line, the two on one line, or a date line alone."""
    line = lines[i]
    pair = split_org_date(line.text)
    if pair is not None:
        return pair[0], pair[1], [line]
    if is_date_line(line.text):
        return None, parse_date(line.text), [line]
    if is_org(line.text) and i + 1 < len(lines):
        nxt = lines[i + 1]
        if is_date_line(nxt.text):
            return squeeze(line.text), parse_date(nxt.text), [line, nxt]
    return None


def read_back_matter(lines: Sequence[Line]) -> Matter:
    """Read the lines after the body up to the first attachment: attachment
    list, contact lines, signature, 抄送 and 印发 lines.  Lines it cannot
    place are notes of kind ``unplaced``."""
    notes: list[Note] = []
    signer = printed_by = None
    issue_date = printed_date = None
    signed_year: int | None = None
    cc: tuple[str, ...] = ()
    attachment_lines: list[Line] = []
    grouped = _group_contacts(lines)
    i = 0
    while i < len(grouped):
        line = grouped[i]
        kind = classify(line.text)
        t = squeeze(line.text)
        if kind is Kind.ATTACHMENT_LIST:
            attachment_lines.append(line)
        elif attachment_lines and attachment_lines[-1] is grouped[i - 1] and LIST_ENTRY.match(t):
            attachment_lines.append(line)  # ``附件：1．…`` / ``2．…``: the list goes on
        elif kind is Kind.CONTACT:
            notes.append(_note(line, "contact"))
        elif kind is Kind.CC:
            cc = split_names(re.sub(r"^.{1,6}?[：:]", "", t))
            notes.append(_note(line, "furniture"))
        elif kind is Kind.PRINTED:
            printed_by, printed_date = _printed(t) or (printed_by, printed_date)
            notes.append(_note(line, "furniture"))
        elif kind is Kind.ORG and i + 1 < len(grouped) and classify(grouped[i + 1].text) is Kind.PRINTED:
            nxt = grouped[i + 1]
            printed_by = t
            printed_date = parse_date(nxt.text)
            notes.append(_joined_note([line, nxt], "furniture"))
            i += 2
            continue
        elif kind in (Kind.ORG, Kind.DATE) and (pair := _signature(grouped, i)) is not None:
            org, date, used = pair
            signer = signer or org
            issue_date = issue_date or date
            signed_year = signed_year or _signed_year(used)
            notes.append(_joined_note(used, "signature"))
            i += len(used)
            continue
        elif kind is Kind.MARKER or kind is Kind.LETTERHEAD:
            notes.append(_note(line, "furniture"))
        else:
            notes.append(_note(line, "unplaced"))
        i += 1
    return Matter(
        signer=signer,
        issue_date=issue_date,
        signed_year=signed_year,
        cc=cc,
        printed_by=printed_by,
        printed_date=printed_date,
        attachment_lines=tuple(attachment_lines),
        notes=tuple(notes),
    )


def _printed(text: str) -> tuple[str | None, dt.date | None] | None:
    """``重庆市双桥经开区管委会办公室2022年3月9日印发`` → office and date."""
    m = DATE.search(text)
    if not m:
        return None
    org = text[: m.start()].strip() or None
    return org, parse_date(text)


def title_year(title: str) -> int | None:
    """The year a title names (``2024年工作要点`` → 2024, ``二〇二四年`` →
    2024; a year in Arabic numerals first), else None."""
    m = _TITLE_YEAR.compiled.search(title) or _TITLE_YEAR_CN.compiled.search(title)
    return _year(m.group(1)) if m else None


def year_of(title: str | None, *dates: dt.date | None) -> int | None:
    """The year a plan is about: the year its title names, else the year of
    the first date given."""
    year = title_year(title) if title else None
    if year is not None:
        return year
    for date in dates:
        if date is not None:
            return date.year
    return None


__all__ = [
    "DATE",
    "DOC_NUMBER",
    "LIST_ENTRY",
    "ORG_SUFFIX",
    "Bounds",
    "Kind",
    "Matter",
    "body_end",
    "classify",
    "document_lines",
    "is_date_line",
    "is_org",
    "is_title_text",
    "locate",
    "parse_date",
    "read_back_matter",
    "read_front_matter",
    "split_names",
    "split_org_date",
    "starts_own_line",
    "title_year",
    "year_of",
]
