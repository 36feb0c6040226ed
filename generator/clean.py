"""Clean stage: RawArticle -> CleanArticle.

A copied web page is a list of lines. Each line is either article text or page
furniture; every dropped line is recorded with the rule that dropped it, so
`briefing explain` can show why. Rules are general (shape and position of a
line); the words that vary by site live in taxonomy/furniture.yml.

Order matters and reads top to bottom in `clean`:
  1. normalise Unicode and rebuild paragraphs;
  2. classify each line on its own (furniture phrases, captions, credits, bylines,
     date lines, URLs...), then bare names where bylines sit (above an @handle, below a date);
  3. find the article in the page (generator.article_block): the densest run of
     prose is its text, the headline is the title-shaped line closest above it;
     a standfirst sits between the headline and its byline or date (which of
     several bylines and dates is the article's own is decided in
     generator.metadata, by distance from its text). Lines above the headline
     and below the article text are furniture (menus, related links, comments,
     footers); each says so in the trace. A page with no prose at all keeps the
     old reading: the first surviving line is the headline;
  4. by context: short headline-like lines in the body are subheadings only
     if they introduce the paragraph below them; otherwise they are teasers
     for other articles;
  5. datelines ("Feb. 16 (UPI) --") are lifted off the first paragraphs.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass

import regex

from generator import article_block, bylines, dates, quotes
from generator.model import Block, CleanArticle, Dropped, LineVerdict, RawArticle
from generator.patterns import Budget
from generator.taxonomy import OutletEntry, Taxonomy

# Spaces that are not U+0020 (NBSP, thin, figure, ideographic...) fold to a plain space;
# zero-width characters and controls other than newline and tab disappear.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f]")
_MULTI_SPACE = re.compile(r" {2,}")
# "[told](#)" -> "told". Every "[" before the same "]" fails for the same reason, and every
# "[" before the same end of a "(...": (*SKIP) resumes the search past the failure, not one
# character later (which costs quadratic time on a run of "[").
_LINK_RESIDUE = regex.compile(r"!?\[([^\]\n]*+)(*SKIP)\]\([^)\n]*+(*SKIP)\)")
_URL = re.compile(r"<?(https?://[^\s<>]+)>?")
_URL_LABEL = re.compile(r"(original url|source url|source|url|link|read the original)\s*:?\s*(<?https?://\S+>?)?", re.I)
# A credit in closing parentheses names someone (a capital letter) and then a source ("/").
_CREDIT_SHAPE = re.compile(r"[^A-Z]*+[A-Z].*/")
_NAME_WORD = r"[A-Z][\w.'’-]+"
_BYLINE_START = re.compile(rf"by\s+{_NAME_WORD}\s+{_NAME_WORD}")  # "by Jane Roe ..." opens a line of its own
_PHOTO_BY = re.compile(
    r"(?P<text>.*?)\s*(?P<credit>(?:file\s+)?(?:photo|image|picture)s?\s+(?:by|courtesy of)\s+.{2,80}"
    r"|\|\s*license photo|©\s*[^.]{2,60}|(?:photo|image|picture)s?\s*:\s*[^.]{2,60}"
    r"|(?-i:Credit):\s*[^.!?:]{2,60}"  # "... at the harbour.Credit: Jane Roe/Agency"
    r"|(?<=[.!?])\s*(?-i:[A-Z][\w.'’ -]{1,40}/[A-Z][\w.'’ -]{1,40}))\s*",
    re.I,
)
# Caption cues, matched on the lowercased line: an opening phrase, or a position in the picture.
# (Two case-sensitive patterns: one case-insensitive alternation is tried at every position.)
_CAPTION_OPENING = re.compile(r"(in this (file )?(photo|image|picture)|file photo|pictured|this (photo|image))\b")
_CAPTION_POSITION = re.compile(
    r",\s*(center|centre|left|right|second (from )?(left|right)|foreground|background)\s*,"
    r"|\((l|r|c|left|right|center|centre)\)"
)
# Place names in any script ("Kraków", "МОСКВА"); the agency in parentheses and a dash ("(EFE).-"),
# or between slashes and a dash or full stop ("МОСКВА, 16 февраля. /ТАСС/.").
_LETTER = r"[^\W\d_]"
_DATELINE = re.compile(
    rf"(?P<prefix>(?:{_LETTER}(?:{_LETTER}|[.'’\- ]){{1,40}}?(?:,\s*{_LETTER}(?:{_LETTER}|\.)+)?,?\s+)?(?:"
    + dates.DATE_RE.pattern + r")?\s*"
    rf"(?:\({_LETTER}[\w .&/-]{{0,30}}\)\.?\s*(?:--|—|–|-)|/{_LETTER}[\w .&-]{{0,30}}/\.?\s*(?:--|—|–|-)?)\s*"
    rf"|{_LETTER}(?:{_LETTER}|[.'\-]){{2,}}(?: (?:{_LETTER}|[.'\-])+)*(?:,\s*{_LETTER}(?:{_LETTER}|\.)+)?\s*(?:--|—|–)\s*)",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"[-+]?[$€£]?\d[\d.,]*%?")  # a whole word: "225.86", "-5.44%", "$40"
TABLE_ROW_NUMBERS = 3
# a word of an alphabet (a Russian subheading shares stems with its paragraph); CJK text has no words to cut
_LONG_WORD = re.compile(f"[^\\W\\d_{article_block.WIDE_CHARS}]{{4,}}")
_NUMBERED = re.compile(r"\d{1,2}[.)] ")
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_SELF_DESCRIPTION_VERB = re.compile(
    r"\b(provides|is an?|is the|was founded|publishes|delivers|reaches|broadcasts|offers|byline)\b", re.I
)
_STOPWORDS = frozenset("with that this from have been were their they them what when where which about into over "
                       "after before more most also than then there these those would could should will".split())

WRAP_WIDTH = 50  # shorter lines are never joined: "please wait" under a video title is not a wrapped line
BYLINE_CHARS, BYLINE_WORDS = 160, 20  # a byline with its date and affiliation is short; paragraphs are not tested
HEADER_ZONE = 8  # lines under the headline where bylines, dates and a standfirst sit
BIO_TAIL = 3  # the author's bio is one of the text's last paragraphs...
BIO_OPENING = 120  # ...naming the author in its first words ("Ann Roe covers ...", "As its editor, Ann Roe ...")
BIO_HEADING_WORDS = 5  # "About Ann Roe", "Über Ann Roe"
# Furniture that sits next to teasers for other articles: a headline-like line
# beside one of these is a related-article link, not a subheading.
_TEASER_NEIGHBOURS = frozenset({"caption", "photo-credit", "player", "related", "image-placeholder", "duplicate"})


# Rules that judge a line by the copied page around it (a repeated teaser, a widget in another
# script): in a saved page trafilatura has judged those lines already, and repeated table rows
# and a Japanese article's lines are text (measured on saved pages).
_COPIED_PAGE_RULES = frozenset({"duplicate", "foreign-script"})

# Lines dropped for where they sit, not for what they say: `explain` adds their shape.
_POSITION_RULES = {"before-title": "above the headline", "after-article": "below the article text"}


@dataclass
class _Line:
    text: str
    rule: str | None = None

    @property
    def kept(self) -> bool:
        return self.rule is None


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    lines = text.split("\n")
    return "\n".join((_MULTI_SPACE.sub(" ", line) if "  " in line else line).strip() for line in lines)


def rebuild_lines(text: str) -> list[str]:
    """Non-empty lines; a hard-wrapped paragraph (next line starts in lower case) is joined, and
    a lone "By" to the name below it."""
    out: list[str] = []
    previous_blank = True
    for line in text.split("\n"):
        if not line:
            previous_blank = True
            continue
        if "](" in line:  # a pattern search on every line costs more than this test
            line = _LINK_RESIDUE.sub(r"\1", line)
        if out and (bylines.bare_prefix(out[-1]) or not previous_blank and _wrapped(out[-1], line)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        previous_blank = False
    return out


def _wrapped(previous: str, line: str) -> bool:
    """A hard-wrapped line: the one before is long and unfinished, this one goes on in lower case."""
    return len(previous) >= WRAP_WIDTH and line[0].islower() and previous[-1] not in ".!?:;\"”’)" \
        and not _BYLINE_START.match(line)  # "by Jane Roe — May 5" under a long headline is a line of its own


def clean(raw: RawArticle, taxonomy: Taxonomy, budget: Budget | None = None) -> CleanArticle:
    """`budget` limits the time of each furniture pattern on the article."""
    text = normalise(raw.text)
    if raw.format == "markdown":
        return _clean_markdown(raw, text)
    if raw.format == "html":
        return _clean_page(raw, text, taxonomy, budget or Budget(len(text)))
    return _Cleaner(raw, taxonomy, budget or Budget(len(text))).run(rebuild_lines(text))


@functools.lru_cache(maxsize=4)  # once per taxonomy, not once per article
def _outlet_names(outlets: tuple[OutletEntry, ...]) -> tuple[frozenset[str], re.Pattern[str]]:
    """Outlet names and aliases: as case-folded keys, and as a pattern for a line that opens with one."""
    names = sorted({n for o in outlets for n in (o.name, *o.aliases)}, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names) or "(?!)"
    return frozenset(n.casefold() for n in names), re.compile(rf"^(the\s+)?({alternation})\b", re.I)


class _Cleaner:
    def __init__(self, raw: RawArticle, taxonomy: Taxonomy, budget: Budget):
        self.raw = raw
        self.taxonomy = taxonomy
        self.budget = budget
        self.outlet_keys, self.self_description = _outlet_names(taxonomy.outlets)
        self.out = CleanArticle(source=raw.source, title=None, summary=None, blocks=[], dropped=[])
        self.title_line: str | None = None  # the headline as printed (the title may leave its rubric out)

    def run(self, texts: list[str]) -> CleanArticle:
        lines = [_Line(t) for t in texts]
        script = _dominant_script(texts)
        seen: set[str] = set()
        for line in lines:
            line.rule = self._classify(line.text, script, seen)
            seen.add(line.text)
        self._bylines_by_place(lines)
        block = self._article_block(lines)
        title_at = self._title(lines, block)
        if title_at is None:
            return self._finish(lines, [], block)
        for line in lines[:title_at]:
            line.rule = line.rule or "before-title"
        body_from = self._header(lines, title_at, len(lines) if block is None else max(block.start, title_at + 1))
        if block is not None:
            for line in lines[max(block.end, body_from):]:
                line.rule = line.rule or "after-article"
        self._quotes_in_other_scripts(lines[body_from:])
        self._teasers(lines, body_from)
        self._author_bio(lines[max(0, title_at - article_block.HEADER_GAP):body_from], lines[body_from:])
        self._tail(lines)
        return self._finish(lines, lines[body_from:], block)

    def _article_block(self, lines: list[_Line]) -> article_block.ArticleBlock | None:
        texts = [line.text for line in lines]
        anchors = {i for i, line in enumerate(lines) if line.rule in ("date-line", "byline")}
        return article_block.find(texts, [line.rule for line in lines], anchors, article_block.stop_words(texts))

    def _title(self, lines: list[_Line], block: article_block.ArticleBlock | None) -> int | None:
        """The headline above the article text; without one, the first surviving line."""
        if block is not None and block.headline is not None:
            lines[block.headline].rule = None  # the page's title repeated as its headline
            self.out.title_source = "headline above article" if block.confident else "best guess above article"
            self.out.title_reason = block.headline_reason
            title_at = block.headline
        else:
            title_at = next((i for i, line in enumerate(lines) if line.kept), None)
            self.out.title_source = "first line" if title_at is not None else None
        if title_at is not None:
            self.title_line = lines[title_at].text
            self.out.title = self._without_kicker(self.title_line)
        return title_at

    def _without_kicker(self, title: str) -> str:
        """"Analysis: Ferry terminal approved" -> "Ferry terminal approved": the rubric is no part
        of the headline (kicker words: taxonomy/furniture.yml)."""
        kicker, colon, rest = title.partition(": ")
        if colon and len(rest.split()) >= 3 and self.taxonomy.furniture.rule_for(kicker, self.budget) == "kicker":
            self.out.title_reason = f"{self.out.title_reason or self.out.title_source}; rubric '{kicker}' left out"
            return rest
        return title

    def _classify(self, text: str, script: str, seen: set[str]) -> str | None:
        if not any(ch.isalnum() for ch in text):
            return "separator"
        if _URL_LABEL.fullmatch(text) or _URL.fullmatch(text):
            self.out.urls.extend(_URL.findall(text))
            return "url-block"
        rule = self.taxonomy.furniture.rule_for(text, self.budget)
        if rule:
            if rule == "photo-credit":
                self.out.credits.append(_credit_part(text))
            return rule
        if text.casefold().strip(" .") in self.outlet_keys:
            return "signature"
        if text in seen:
            return "duplicate"
        if bylines.opens_with_by(text) and (rule := self._byline_rule(text)):  # "By A | Example Wire" is no caption
            return rule
        if self._caption(text):
            return "caption"
        if _foreign(text, script):
            return "foreign-script"
        if rule := self._byline_rule(text):  # before dates: "By A - May 2, 2019" is both
            return rule
        if quotes.signs_post(text):  # the post's author speaks in the article: kept with the post
            return None
        if dates.is_date_line(text):
            self.out.date_lines.append(text)
            return "date-line"
        return None

    def _byline_rule(self, text: str) -> str | None:
        if len(text) <= BYLINE_CHARS and len(text.split()) <= BYLINE_WORDS and (byline := bylines.parse(text)):
            self._byline(byline)
            return "byline"
        return None

    def _byline(self, byline: bylines.Byline) -> None:
        self.out.bylines.extend(byline.persons)
        self.out.credits.extend(byline.persons)

    def _bylines_by_place(self, lines: list[_Line]) -> None:
        """A bare name is a byline where bylines sit: above an @handle, below a date or byline,
        or with an affiliation ("Ann Roe, Example News") above a date line."""
        for i, line in enumerate(lines):
            if not line.kept or len(line.text.split()) > 6:
                continue
            before = lines[i - 1] if i else None
            after = lines[i + 1] if i + 1 < len(lines) else None
            byline = bylines.parse(line.text, bare=True)
            if byline is None or any(len(person.split()) > 3 for person in byline.persons):
                continue
            if (after is not None and after.text.startswith("@")) \
                    or (before is not None and before.rule in ("byline", "date-line")) \
                    or (byline.affiliation and after is not None and after.rule == "date-line"):
                line.rule = "byline"
                self._byline(byline)

    def _caption(self, text: str) -> bool:
        """Photo captions: a trailing credit, a position cue, or the site's name as suffix."""
        lowered = text.lower()
        split = _paren_credit(text)
        if not _credit_like(split):
            split = _photo_by(text, lowered)
        if _credit_like(split):
            caption, credit = split
            self.out.credits.append(credit)
            self.out.captions.append(caption)
            return True
        head, separator, suffix = text.rpartition(" - ") if " - " in text else text.rpartition(" | ")
        if separator and suffix.strip().casefold() in self.outlet_keys:
            self.out.captions.append(head)
            return True
        if _CAPTION_OPENING.match(lowered) or _CAPTION_POSITION.search(lowered):
            self.out.captions.append(text)
            return True
        return False

    def _header(self, lines: list[_Line], title_at: int, text_from: int) -> int:
        """A standfirst between the headline and its bylines or date, above the article text (a
        teaser's byline below a short article is not this one's). Returns where the body starts."""
        zone = range(title_at + 1, min(text_from, title_at + 1 + HEADER_ZONE))
        self._bylines_in_header(lines, zone)
        header_end = max((i for i in zone if lines[i].rule in ("byline", "date-line")), default=title_at)
        standfirst = [lines[i] for i in range(title_at + 1, header_end) if lines[i].kept]
        if standfirst:
            self.out.summary = " ".join(line.text for line in standfirst)
            for line in standfirst:
                line.rule = "standfirst"
        return header_end + 1

    def _bylines_in_header(self, lines: list[_Line], zone: range) -> None:
        """A bare name under the headline, right above a date or a time ("Ann Roe" / "May 2, 2019" or
        "Tuesday 4:15PM"), is its byline: the page printed name and date as two links."""
        for i in zone:
            line, after = lines[i], lines[i + 1] if i + 1 < len(lines) else None
            if not line.kept or after is None or len(line.text.split()) > 3:
                continue
            if not (after.rule in ("byline", "date-line") or article_block.stamped(after.text)):
                continue
            byline = bylines.parse(line.text, bare=True)
            if byline is not None and byline.persons and all(len(p.split()) >= 2 for p in byline.persons):
                line.rule = "byline"
                self._byline(byline)

    def _quotes_in_other_scripts(self, body: list[_Line]) -> None:
        """A sentence in another script between the article's paragraphs is a quotation (a verse, a
        statement in its own language), not a stray widget: those are a few words."""
        kept = [i for i, line in enumerate(body) if line.kept]
        for line in body[kept[0]:kept[-1]] if kept else []:
            if line.rule == "foreign-script" and article_block.words_in(line.text) >= article_block.SENTENCE_WORDS:
                line.rule = None

    def _teasers(self, lines: list[_Line], body_from: int) -> None:
        """Headline-like lines in the body: subheading, or teaser for another article."""
        # The next kept line that is not headline-like, for every line: found in one pass from
        # the end (a search from each line costs quadratic time on a page of short lines).
        following_at: list[_Line | None] = [None] * (len(lines) + 1)
        for i in range(len(lines) - 1, body_from - 1, -1):
            line = lines[i]
            following_at[i] = line if line.kept and not _headline_like(line.text) else following_at[i + 1]
        for i in range(body_from, len(lines)):
            line = lines[i]
            if not (line.kept and _headline_like(line.text)):
                continue
            before = lines[i - 1] if i > body_from else None
            after = lines[i + 1] if i + 1 < len(lines) else None
            beside_furniture = any(n is not None and n.rule in _TEASER_NEIGHBOURS for n in (before, after))
            in_a_run = any(n is not None and n.kept and _headline_like(n.text) for n in (before, after))
            following = following_at[i + 1]
            # a numbered heading ("3. Plan the meals") is a step of a listicle, whatever its words; a
            # heading above a schedule's first line ("June 9 – Example Arena") is the schedule's
            introduces = following is not None and (_NUMBERED.match(line.text) or article_block.dated_item(following.text)
                                                    or _stems(line.text) & _stems(following.text))
            if beside_furniture or in_a_run or not introduces:
                line.rule = "related"

    def _author_bio(self, header: list[_Line], body: list[_Line]) -> None:
        """The author's bio under the text ("Ann Roe covers the courts for ...", under "About Ann
        Roe"): one of the text's last paragraphs naming the header's byline author in its first
        words, and the short line above it that names the author too."""
        authors = {person.casefold() for line in header if line.rule == "byline"
                   and (byline := bylines.parse(line.text, bare=True)) for person in byline.persons}
        if not authors:
            return
        kept = [line for line in body if line.kept]
        tail, paragraphs = len(kept), 0  # where the text's last BIO_TAIL paragraphs begin
        while tail and paragraphs < BIO_TAIL:
            tail -= 1
            paragraphs += not _headline_like(kept[tail].text)
        for at in range(tail, len(kept)):
            line = kept[at]
            if not _names_any(line.text[:BIO_OPENING], authors):
                continue
            line.rule = "author-bio"
            heading = kept[at - 1] if at else None
            if heading is not None and len(heading.text.split()) <= BIO_HEADING_WORDS and _names_any(heading.text, authors):
                heading.rule = "author-bio"

    def _tail(self, lines: list[_Line]) -> None:
        """The outlet describing itself under the article ("The Voice of America provides...")."""
        kept = [line for line in lines if line.kept]
        for line in kept[-2:]:
            if self.self_description.search(line.text) and _SELF_DESCRIPTION_VERB.search(line.text):
                line.rule = "self-description"

    def _finish(self, lines: list[_Line], body: list[_Line], block: article_block.ArticleBlock | None) -> CleanArticle:
        out = self.out
        paragraphs_seen = 0
        verdicts: dict[int, str] = {}
        for line in body:
            if not line.kept:
                continue
            text = line.text
            if _headline_like(text):
                out.blocks.append(Block("heading", text))
                verdicts[id(line)] = "kept: subheading"
                continue
            verdicts[id(line)] = "kept: paragraph"
            if paragraphs_seen < 3 and _may_open_with_dateline(text) and (match := _DATELINE.match(text)) \
                    and len(text) > len(match[0]) + 20:
                out.datelines.append(match["prefix"].strip())
                out.dropped.append(Dropped(match["prefix"].strip(), "dateline"))
                verdicts[id(line)] = f"kept: paragraph, dateline '{match['prefix'].strip()}' lifted off"
                text = text[match.end():]
            paragraphs_seen += 1
            out.blocks.append(Block("paragraph", text))
        out.dropped[:0] = [Dropped(line.text, line.rule) for line in lines if line.rule and line.rule != "standfirst"]
        for i, line in enumerate(lines):
            if line.text == self.title_line and line.kept:
                verdict = f"kept: title ({self._title_evidence(block)})"
            elif line.rule == "standfirst":
                verdict = "kept: summary (standfirst)"
            else:
                verdict = verdicts.get(id(line)) or f"dropped: {line.rule}"
                if block is not None and (line.kept or line.rule in _POSITION_RULES):
                    verdict += f" ({_POSITION_RULES.get(line.rule, 'in the article')}; {block.shapes[i].describe()})"
            out.trace.append(LineVerdict(line.text, verdict))
        return out

    def _title_evidence(self, block: article_block.ArticleBlock | None) -> str:
        if block is None or self.out.title_reason is None:
            return f"{self.out.title_source}: the page has no run of prose to place it by"
        return f"{self.out.title_source}: {self.out.title_reason}; {block.describe()}"


def _names_any(text: str, names: set[str]) -> bool:
    folded = text.casefold()
    return any(name in folded for name in names)


def _paren_credit(text: str) -> tuple[str, str] | None:
    """(caption, credit) of "Caption text (Name/Agency)": the credit is in the line's last
    parentheses, which close it. String code, not a pattern: a lazy caption before a
    parenthesis costs cubic time on a run of "A/" that the parenthesis never closes."""
    if not text.endswith(")"):  # cheap test first: this runs on every line
        return None
    caption, opening, credit = text[:-1].rpartition("(")
    if not opening or ")" in credit or not _CREDIT_SHAPE.match(credit):
        return None
    return caption.rstrip(), credit


# A credit closing a caption line: "Ann Roe at the pier (Credit: Example Images)", "Ann Roe
# Submitted photo". The name before it is who is pictured, not who took the picture.
_TRAILING_CREDIT = re.compile(r"\((?:photo |image )?credits?\s*:[^()]*\)$"
                              r"|\b(?:submitted|courtesy|file|staff) (?:photo|image|picture)$", re.I)


def _credit_part(line: str) -> str:
    """The credit of a photo-credit line: the whole line, or the credit its caption ends with."""
    match = _TRAILING_CREDIT.search(line)
    return match[0] if match else line


def _credit_like(split: tuple[str, str] | None) -> bool:
    return split is not None and len(split[1].split()) <= 14


def _photo_by(text: str, lowered: str) -> tuple[str, str] | None:
    """(caption, credit) of "Caption text. Photo by Name" and the like."""
    if not ("photo" in lowered or "image" in lowered or "picture" in lowered or "©" in text or "/" in text
            or "Credit:" in text):
        return None
    match = _PHOTO_BY.fullmatch(text)
    return (match["text"], match["credit"]) if match else None


def _may_open_with_dateline(text: str) -> bool:
    """What every _DATELINE match contains, "(AGENCY) -", "/AGENCY/" or a dash after a place: a cheap test first."""
    return "(" in text or "/" in text or "--" in text or "—" in text or "–" in text


def _clean_markdown(raw: RawArticle, text: str) -> CleanArticle:
    """A curated .md article: trust its structure, only rebuild paragraphs and headings."""
    out = CleanArticle(source=raw.source, title=None, summary=None, blocks=[], dropped=[])
    for chunk in re.split(r"\n\s*\n", text):
        chunk = " ".join(chunk.split("\n")).strip()
        heading = _HEADING.match(chunk)
        if not chunk:
            continue
        # Closing hashes are stripped in code: a pattern for them ("\s*#*$" after a lazy
        # text) costs quadratic time on a long run of "#".
        heading_text = heading[2].rstrip("#").rstrip() if heading else ""
        if heading and heading[1] == "#" and out.title is None:
            out.title, out.title_source = heading_text, "heading"
        elif heading:
            out.blocks.append(Block("heading", heading_text))
        else:
            out.blocks.append(Block("paragraph", _LINK_RESIDUE.sub(r"\1", chunk)))
    return out


def _clean_page(raw: RawArticle, text: str, taxonomy: Taxonomy, budget: Budget) -> CleanArticle:
    """A saved page's article blocks (generator.read_html): trafilatura has found the article in
    the page, so only the rules about single lines apply (furniture phrases, captions, credits,
    bylines, date lines), not those about where lines sit. Measured on saved pages, the rules of
    place cut more article than furniture. The headline is the page's title (extract decides);
    the page's headline repeated in the body is dropped."""
    cleaner = _Cleaner(raw, taxonomy, budget)
    out = cleaner.out
    chunks = [chunk for chunk in text.split("\n\n") if chunk]
    texts = [chunk.removeprefix("## ") for chunk in chunks]
    script, seen = _dominant_script(texts), set()
    title = (raw.page.title or "").casefold() if raw.page else ""
    for chunk, line in zip(chunks, texts):
        rule = "title" if line.casefold() == title else cleaner._classify(line, script, seen)
        if rule in _COPIED_PAGE_RULES:
            rule = None
        if rule is None:
            heading = chunk.startswith("## ")
            out.blocks.append(Block("heading" if heading else "paragraph", line))
        else:
            out.dropped.append(Dropped(line, rule))
        verdict = f"dropped: {rule}" if rule else "kept: subheading" if heading else "kept: paragraph"
        out.trace.append(LineVerdict(line, verdict))
    return out


def _headline_like(text: str) -> bool:
    return (
        text[-1] not in ".,;:!?…\"”’'。！？、"  # cheap tests first: this runs on every body line
        and (text[0].isupper() or text[0].isdigit())
        and 1 <= len(text.split()) <= 16
        and not article_block.interview_turn(text)  # "A: Two novels" answers the question above
        and not article_block.dated_item(text)  # a schedule's line ("June 9 – Example Arena")
        and not _table_row(text)
    )


def _table_row(text: str) -> bool:
    """A row of figures ("Example Co 225.86 -12.99 -5.44%", "Eastport 14 11 6 15 — 46"); clock times
    ("9:41") are no figures, so a date stamp is no row."""
    return sum(bool(_FIGURE.fullmatch(word.strip(",;"))) for word in text.split()) >= TABLE_ROW_NUMBERS


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _LONG_WORD.findall(text.lower()) if w not in _STOPWORDS}


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SENTENCE_END = tuple(".!?»”\"。！？")
_SENTENCE_WORDS = 8
_ASCII_LETTERS = string.ascii_letters.encode()


# Scripts one language writes together: Japanese mixes kana and kanji in every sentence, Korean
# may mix Hangul and Hanja; none of them is a foreign widget in the others' text.
_SCRIPT_FAMILY = dict.fromkeys(("HIRAGANA", "KATAKANA", "CJK", "HANGUL", "HALFWIDTH", "IDEOGRAPHIC"), "CJK")


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    script = name.split(" ", 1)[0] if name else "OTHER"
    return _SCRIPT_FAMILY.get(script, script)


def _scripts(text: str) -> Counter[str]:
    """Letters per script. ASCII is counted in bulk: most text is Latin, and this runs on every line."""
    counts = Counter(_script(ch) for ch in _NON_ASCII.findall(text) if ch.isalpha())
    ascii_bytes = text.encode("ascii", "ignore")  # bytes.translate is a table lookup; str.translate is not
    counts["LATIN"] += len(ascii_bytes) - len(ascii_bytes.translate(None, _ASCII_LETTERS))
    if "CJK" in counts:  # a kanji weighs as much as a few letters: "Kindle" is not most of "Kindleの設定"
        counts["CJK"] *= article_block.WIDE_CHAR_LETTERS
    return counts


def _dominant_script(texts: list[str]) -> str:
    """The script of the article's own language: that of its sentences, not of the page around
    them (English menus outweigh a short Russian article); of all lines when none is a sentence."""
    sentences = [t for t in texts if t.endswith(_SENTENCE_END) and article_block.words_in(t) >= _SENTENCE_WORDS]
    counts = _scripts("\n".join(sentences or texts))
    return counts.most_common(1)[0][0] if counts else "LATIN"


def _foreign(text: str, script: str) -> bool:
    """A line mostly in another script than the article (a stray Russian widget title)."""
    if script == "LATIN" and text.isascii():
        return False
    counts = _scripts(text)
    total = sum(counts.values())
    return total > 0 and total - counts[script] > total / 2
