"""Article metadata with provenance: date, outlet, author, URL, language, length.

Each decision returns the value and where it came from, so the reader (and
`briefing explain`) can judge it. Front-matter overrides always win.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from generator import bylines, dates
from generator.model import CleanArticle
from generator.taxonomy import OutletEntry

WORDS_PER_MINUTE = 230
KNOWN_DOMAIN = "URL domain"  # the outlet's source when outlets.yml lists the URL's domain

# Where a site names itself, best evidence first ("byline": "Ann Roe | Example News"). A contributor
# line ("Reuters contributed reporting") names another outlet and is deliberately absent.
# "self-reference" is the page's name for itself in its furniture ("Contact Example Post"), known or not:
# it beats the byline's credit, which on a portal or an outlet's edition names the story's source.
_OUTLET_EVIDENCE = ("signature", "self-description", "self-reference", "byline", "date-line", "promo")
# A known name merely mentioned above the headline, in menus or in the footer may be another site's
# link: weaker than the address and the page's copyright line.
_OUTLET_MENTIONS = ("before-title", "navigation", "caption", "photo-credit", "after-article")


# Where the article's own header sits, relative to where its text starts: a byline or date line is
# at most this many lines above the first paragraph, or a few lines into it (a byline under the lead).
HEADER_BEFORE = 25
HEADER_AFTER = 4
MASTHEAD_REACH = 5  # the page's first lines, where its masthead sits
FOOTER_REACH = 2  # lines under the text's last paragraph where its signature sits
_PROSE_WORDS = 12
_SENTENCE_END = tuple('.!?"”’)')
_KIND_RANK = {"published": 0, "": 1, "updated": 2}  # a publication date beats an update date


def article_start(article: CleanArticle) -> int:
    """Index in `article.trace` where the article's text starts: its first paragraph under the
    headline the cleaner found; without one, the first of two prose lines close together (one
    prose line alone is a notice or a teaser), else the first paragraph."""
    title = _title_index(article)
    if title is not None:
        first = next((i for i, entry in enumerate(article.trace) if i > title and entry.verdict.startswith("kept: paragraph")), None)
        if first is not None:
            return first
    prose = [i for i, entry in enumerate(article.trace)
             if entry.verdict not in ("dropped: caption", "dropped: duplicate") and _prose(entry.line)]
    for first, second in zip(prose, prose[1:]):
        if second - first <= 3:
            return first
    kept = (i for i, entry in enumerate(article.trace) if entry.verdict == "kept: paragraph")
    return prose[0] if prose else next(kept, 0)


def _title_index(article: CleanArticle) -> int | None:
    """Where the headline the cleaner found sits in `article.trace`."""
    return next((i for i, entry in enumerate(article.trace) if entry.verdict.startswith("kept: title")), None)


def _prose(text: str) -> bool:
    return text.endswith(_SENTENCE_END) and len(text.split()) >= _PROSE_WORDS


def header_lines(article: CleanArticle, verdicts: tuple[str, ...]) -> list[tuple[int, str]]:
    """(distance from the article's start, line) for lines with these verdicts in its header, nearest
    first. A line below the start counts three times as far: headers sit above the text."""
    start = article_start(article)
    # the header reaches up to the headline, however long the share bar under it
    title = _title_index(article)
    top = min(start - HEADER_BEFORE, start if title is None else title)
    found = []
    for i, entry in enumerate(article.trace):
        if entry.verdict in verdicts and top <= i <= start + HEADER_AFTER:
            found.append((start - i if i <= start else 3 * (i - start), entry.line))
    if not found:  # a signature under the text ("Written by Ann Roe on May 2, 2019"): after any header line
        last = max((i for i, e in enumerate(article.trace) if e.verdict.startswith("kept: paragraph")), default=len(article.trace))
        found = [(len(article.trace) + i, e.line) for i, e in enumerate(article.trace[last + 1:last + 1 + FOOTER_REACH])
                 if e.verdict in verdicts]
    return sorted(found, key=lambda pair: pair[0])


def url_parts(url: str) -> SplitResult | None:
    """The URL's parts, or None for a malformed one ('http://[oops': urlsplit raises ValueError)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def decide_url(curated: str | None, found: list[str]) -> tuple[str | None, list[str]]:
    """(URL, warnings): front matter's, else the first the text gives. A malformed URL is not
    used (for the outlet, the date or a link); one from front matter is reported."""
    warnings = []
    if curated and url_parts(curated) is None:
        warnings.append(f"front matter url {curated!r} is not a well-formed URL; ignored")
        curated = None
    return curated or next((u for u in found if url_parts(u)), None), warnings


def decide_date(article: CleanArticle, url: str | None, full_text: str) -> tuple[str | None, str | None, list[str]]:
    """(ISO date, source, warnings). Never invents a date: None when the text does not fix one."""
    warnings: list[str] = []
    line_date = _header_date(article)
    path_date = dates.url_date(url) if url else None
    if line_date and path_date and line_date.date != path_date:
        warnings.append(f"date line says {line_date.date}, URL path says {path_date}; the date line was used")
    if line_date:
        return line_date.date.isoformat(), "date line" + (" (updated)" if line_date.kind == "updated" else ""), warnings
    if path_date:
        return path_date.isoformat(), "url", warnings
    for dateline in article.datelines:
        parts = dates.month_day(dateline)
        if not parts:
            continue
        year, month, day = parts
        if year:
            return dt.date(year, month, day).isoformat(), "dateline", warnings
        year = dates.infer_year(month, day, full_text)
        if year:
            return dt.date(year, month, day).isoformat(), "dateline + weekday", warnings
        warnings.append(f"dateline '{dateline}' has no year and the text gives no weekday and year to infer one")
    caption = _caption_date(article.captions, full_text)
    if caption:
        return caption.isoformat(), "caption", warnings
    return None, None, warnings


def _header_date(article: CleanArticle) -> dates.Stated | None:
    """The date the article's header states: a publication date before a plain one before an
    update; between equals, the one nearest the article's start. Dates far from it (archive
    lists, related links, comments) are not the article's."""
    candidates = [(_KIND_RANK[stated.kind], distance, stated)
                  for distance, line in header_lines(article, ("dropped: date-line", "dropped: byline"))
                  for stated in dates.stated_dates(line)]
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def _caption_date(captions: list[str], full_text: str) -> dt.date | None:
    """A caption date is the day of the pictured event: trusted only for a fresh photo
    (not a file photo), and only if its weekday agrees with the day the text names, if it names one."""
    weekday = dates.weekday_named(full_text)
    for caption in captions:
        if re.search(r"\bfile (photo|image|picture)\b", caption, re.I):
            continue
        for found in dates.full_dates(caption):
            if weekday is None or found.weekday() == weekday:
                return found
    return None


# "© 2024 Example Media, LLC", "Copyright © 2019-2024 Example News. All rights reserved.": the holder is the
# run of capitalised words after the sign and the years.
_COPYRIGHT = re.compile(
    r"(?i:©|\(c\)|copyright)(?:\s*(?i:©|copyright))?\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*[,.]?\s*)?"
    r"(?:(?i:all rights reserved)\.?\s*)?(?!All\b)(?P<holder>[^\W\d_][\w&'’-]*(?:\.[a-z]{2,})?(?:\s+(?!All\b)(?:[A-Z&][\w&'’-]*(?:\.[a-z]{2,})?|of|and|de|the))*)"
)
# A short notice holds nothing but the holder ("© 2014-2019 Example Press и партнёры."): all of it is the name.
_SHORT_NOTICE = re.compile(r"(?i:©|\(c\)|copyright)(?:\s*(?i:©|copyright))?\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*[,.]?\s*)?"
                           r"(?!All\b)(?P<holder>[^\W\d_][^.,|©]{0,40}?)[.\s]*")
# A footer's notice without the sign: the site's name, a middle dot or bar, its years ("Example Blog · 2013–2019").
_NAME_AND_YEARS = re.compile(r"(?P<holder>[^\W\d_][^·|©\d]{0,40}?)\s+[·|]\s+(?:19|20)\d{2}(?:\s*[-–]?\s*(?:19|20)\d{2})?\b")
_OPENS_WITH_NOTICE = re.compile(r"\s*(?:©|\(c\)|copyright\b)", re.I)  # "© 2019 Example, LLC. ...terms of use..."
# A short notice closing a long footer line: "... fees by linking to shops. ©Example Blog 2011-2019".
_CLOSING_NOTICE = re.compile(r"[.!?]\s+((?:©|\(c\)|copyright\b)[^.!?]{1,80})$", re.I)
# A notice's reproduction clause names the site it protects, a domain or a name:
# "Reproduction ... without express written permission of example.com is prohibited."
_PERMISSION = re.compile(r"(?i:permission)\s+(?i:of|from)\s+(?:the\s+)?(?P<holder>(?i:(?:[a-z0-9-]+\.)+[a-z]{2,})\b"
                         r"|[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})")
# A domain name written out: "example.com", "www.example.co.uk" (not an e-mail address's).
_DOMAIN = re.compile(r"(?<![@\w.-])(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|info|news|co\.uk|com\.au|[a-z]{2})(?![\w.-]*\w)", re.I)
_COMPANY_SUFFIX = re.compile(r",?\s+(?:inc|llc|ltd|plc|gmbh|corp|co|s\.a)\.?$", re.I)
# A site naming itself in its own furniture: "Contact Example Post", "Support Example Post",
# "Example Post is a registered trademark of ...", "Example Post is published by ...". The name
# opens with a capital or holds a digit ("my6sense"); "Contact Us" names no one.
_SITE_NAME = r"((?:The\s+)?(?:[A-Z][\w.&'’-]*|\w*\d\w*)(?:\s+(?:[A-Z0-9][\w.&'’-]*|of|and|de))*?)"
_SELF_REFERENCE = re.compile(
    r"(?i:contact|about|support|advertise (?:with|in|on)|work for|working at|subscribe to|sign up (?:to|for)|follow|"
    r"welcome to|keep up to date with|make|talk to|more from|send)\s+" + _SITE_NAME
    + r"(?:['’]s?\b.*|\s+(?i:my homepage|feedback|on [A-Z]\w+(?: for \w.*)?))?"
    r"|[\"“]?" + _SITE_NAME + r"[\"”]?\s+(?i:is a registered trademark|is published by)\b.*"
    r"|(?i:get) " + _SITE_NAME + r" (?i:delivered to your inbox)\b.*"
    # a staff writer's note below the text: "Ann Roe covers science for Example Post and hosts ..."
    r"|[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2} (?i:covers|writes about|reports on) [^.]{1,40}? for " + _SITE_NAME + r"(?: and .*|\.)?"
)
# A company's word after a brand ("Example Media Group", "Example News Network"): the holder of a
# copyright, not an edition of the outlet. A holder the page names again is the site's own company,
# and the publishing trades' words go: "Example Media" runs "Example" ("Example Network" is often the site).
_PARENT_WORDS = frozenset("media group network publishing communications newspapers holdings".split())
_PARENT_SUFFIX = re.compile(r"(?<=\w)\s+(?:Media|Publishing|Communications|Newspapers)(?:\s+Group)?$")
_ABOUT_HEADING = re.compile(r"(?i:about)\s+" + _SITE_NAME)  # a release's boilerplate: "About Example"
_RELEASE_TAIL = 4  # paragraphs at the text's end where a release's boilerplate sits
_INITIALS_LINE = 40  # a line that shortens the site's name to its initials is furniture: "ESD Live", "ESD Most Read"
_COMPANY_WORDS = 4  # a company's name is short: "Example Media Group", not a sentence ending in "Co."
_NOT_NAMES = frozenset({"us", "me", "our", "we", "you", "the", "this", "it", "them", "more", "all", "home", "help"})
_YEARS = re.compile(r"\s+(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?$")  # "Example Media 2003 - 2019"
_RIGHTS = re.compile(r"copyright|rights reserved", re.I)
_RIGHTS_OR_YEAR = re.compile(r"rights reserved|\b(?:19|20)\d{2}\b", re.I)
_NOT_SIGNALS = ("dropped: caption", "dropped: photo-credit")


@dataclass(frozen=True)
class Signers:
    """Who signs an article: the author (persons only), the wire agency, and a publisher the byline names."""

    author: str | None
    wire: str | None
    wire_source: str | None
    publisher: str | None


class OutletFinder:
    def __init__(self, outlets: tuple[OutletEntry, ...]):
        self.by_domain = {d: o.name for o in outlets for d in o.domains}
        names = {n: o.name for o in outlets for n in (o.name, *o.aliases)}
        self.by_name = {n.casefold(): canonical for n, canonical in names.items()}
        self.wires = frozenset(o.name for o in outlets if o.wire)
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)"
        self.pattern = re.compile(rf"(?<![\w-])({alternation})(?![\w-])", re.I)

    def signers(self, article: CleanArticle, url: str | None) -> Signers:
        """Author, wire and byline publisher from the bylines in the article's header and its datelines."""
        parsed = [(line, b) for _, line in header_lines(article, ("dropped: byline",))
                  if (b := bylines.parse(line, bare=True))]
        persons = next((b.persons for _, b in parsed if b.persons and not self._is_site(b.persons, url, article)), ())
        wire, wire_source = next(((w, "dateline") for d in article.datelines if (w := self._wire_in(d))), (None, None))
        if wire is None:
            wire = next((w for line, _ in parsed if (w := self._wire_in(line))), None)
            wire_source = "byline" if wire else None
        publisher = next((p for _, b in parsed if (p := self._publisher_in(b))), None)
        return Signers(bylines.joined(persons) if persons else None, wire, wire_source, publisher)

    def decide(self, article: CleanArticle, url: str | None, signers: Signers) -> tuple[str | None, str | None]:
        """The publisher: the URL's domain, else the page's own signals, else the bare domain, else
        its copyright holder, else a known outlet its menus mention, else the wire (only when no
        publisher is known)."""
        host = (_host(url) or "").lower()
        if name := self._known_domain(host):
            return name, KNOWN_DOMAIN
        for dateline in article.datelines:
            if found := self._names_in(dateline, publishers_only=True):
                return found.most_common(1)[0][0], "dateline"
        by_rule: dict[str, Counter[str]] = {}
        listed = _listed_above_title(article)
        for dropped in article.dropped:
            rule = "before-title" if dropped.rule == "signature" and dropped.line in listed else dropped.rule
            if rule in _OUTLET_EVIDENCE + _OUTLET_MENTIONS and rule != "byline":  # a byline's is in `signers`
                by_rule.setdefault(rule, Counter()).update(self._names_in(dropped.line, publishers_only=True))
        if signers.publisher:
            by_rule["byline"] = Counter([signers.publisher])
        if name := self._self_named(article):
            by_rule["self-reference"] = Counter([name])
        for rule in _OUTLET_EVIDENCE:
            if by_rule.get(rule):
                return self._edition(by_rule[rule].most_common(1)[0][0], article), rule
        if host:  # the address names the site better than the company that holds its copyright
            return host, "URL domain (not in outlets.yml)"
        holder = self._copyright_holder(article)
        if holder and _named_again(holder, article):  # the site's own company: "Example Media" runs "Example"
            return _PARENT_SUFFIX.sub("", holder), "copyright line"
        if masthead := _masthead_of_printed_domain(article) or _masthead_of_initials(article):  # beats a parent named once
            return self._known_name(masthead), "masthead"
        for rule in _OUTLET_MENTIONS:  # a holder named only in its copyright line is often the site's owner
            if by_rule.get(rule):
                return by_rule[rule].most_common(1)[0][0], rule
        if holder:
            return holder, "copyright line"
        if company := _footer_company(article):
            return company, "footer address"
        if printed := _printed_domain(article):  # the page's own address, as its furniture prints it
            return self._known_domain(printed) or printed, "domain printed in the page"
        if issuer := _release_issuer(article):
            return self._known_name(issuer), "press-release boilerplate"
        if signers.wire:
            return signers.wire, "wire (no publisher found)"
        for dateline in article.datelines:  # "(HPN)": an agency we do not know yet
            if agency := re.search(r"\(([^()]+)\)", dateline):
                return agency[1].strip(), "dateline (not in outlets.yml)"
        return None, None

    def _known_domain(self, host: str) -> str | None:
        """The outlet outlets.yml lists for this domain or one above it (news.example.com)."""
        return next((name for domain, name in self.by_domain.items()
                     if host and (host == domain or host.endswith("." + domain))), None)

    def _names_in(self, text: str, publishers_only: bool = False) -> Counter[str]:
        found = (self.by_name[m.casefold()] for m in self.pattern.findall(text))
        return Counter(n for n in found if not (publishers_only and n in self.wires))

    def _wire_in(self, text: str) -> str | None:
        return next((n for n in self._names_in(text) if n in self.wires), None)

    def _publisher_in(self, byline: bylines.Byline) -> str | None:
        """The outlet a byline names beside its author ("Ann Roe | Example News", "Ann Roe, example.com")
        or signs as a desk ("Example Post Staff"); a wire is no publisher."""
        label = byline.affiliation or ""
        if byline.organisation:
            *name, last = byline.organisation.split()
            label = " ".join(name) if last.casefold() in bylines.STAFF_WORDS else ""
        label = re.split(r"\bfor\s+", label)[-1]  # "Example Media for example.com"
        words = [w for w in label.split() if w.casefold() not in bylines.STAFF_WORDS]
        if not words or "," in label or len(words) > 4 or not all(w[0].isupper() or "." in w for w in words):
            return None
        known = self._names_in(label)
        if known:
            name = known.most_common(1)[0][0]
            return None if name in self.wires else name
        if len(words) == 1 and words[0].istitle() and "." not in words[0]:
            return None  # "Business Columnist": a desk's subject, not a publisher (that would be "EXAMPLE", "Example.com")
        return " ".join(words)

    def _is_site(self, persons: tuple[str, ...], url: str | None, article: CleanArticle) -> bool:
        """A one-word "author" that is the site's own name ("By: Example" on example.com, or
        under "© 2019 Example, LLC") is no person."""
        if len(persons) != 1 or " " in persons[0]:
            return False
        word = persons[0].casefold()
        holder = (self._copyright_holder(article) or "").casefold()
        labels = re.split(r"[.-]", (urlsplit(url).hostname or "").lower()) if url else []
        return word in self.by_name or word == holder or word in labels  # "example" is not examplegames.org

    def _self_named(self, article: CleanArticle) -> str | None:
        """The name the page's furniture gives itself: named in two kinds of self-reference
        ("Contact X", "Follow X", "X is a registered trademark"), or in one and as a line of
        its own (a masthead) or opening its copyright holder's name. A byline's person is no site."""
        lines = {e.line.casefold() for e in article.trace}
        persons = {p.casefold() for p in article.bylines}
        shapes: dict[str, set[str]] = {}
        spelling: dict[str, str] = {}
        for entry in article.trace:
            if not entry.verdict.startswith("dropped") or len(entry.line) > 120:
                continue
            if (match := _SELF_REFERENCE.fullmatch(entry.line)) is None:
                continue
            name = _COMPANY_SUFFIX.sub("", next(g for g in match.groups() if g)).strip(" ,.-")
            key = name.casefold()
            if key not in _NOT_NAMES and key not in persons:
                shapes.setdefault(key, set()).add(entry.line.casefold().replace(key, "", 1).strip()[:12])
                spelling.setdefault(key, name)
        for key, kinds in shapes.items():  # "About Example" speaks of "Example Magazine" too: its short name
            kinds.update(*(shapes[short] for short in shapes if key.startswith(short + " ")))
        holder = (self._copyright_holder(article) or "").casefold()
        scores = {key: len(kinds) + (key in lines) + holder.removeprefix("the ").startswith(key.removeprefix("the ")) for key, kinds in shapes.items()}
        best = max(scores, key=scores.__getitem__, default=None)
        if best is None or scores[best] < 2:
            return None
        known = self._names_in(spelling[best])
        return known.most_common(1)[0][0] if known else spelling[best]

    def _known_name(self, name: str) -> str:
        """outlets.yml's name for a name the page prints, else the page's spelling."""
        known = self._names_in(name)
        return known.most_common(1)[0][0] if known else name

    def _edition(self, name: str, article: CleanArticle) -> str:
        """The page's edition of the outlet found: its copyright holder when that extends the name by
        a word or two ("Example News Deutschland" where the byline credits "Example News")."""
        holder = self._holder_spelling(article) or ""
        extension = holder.split()[len(name.split()):] if holder.casefold().startswith(name.casefold() + " ") else []
        edition = 1 <= len(extension) <= 2 and all(w[0].isupper() and w.isalpha() and w.casefold() not in _PARENT_WORDS
                                                  for w in extension)
        return holder if edition else name

    def _copyright_holder(self, article: CleanArticle) -> str | None:
        """outlets.yml's name for the page's copyright holder, else the page's spelling."""
        spelling = self._holder_spelling(article)
        return self._known_name(spelling) if spelling else None

    def _holder_spelling(self, article: CleanArticle) -> str | None:
        """Of the holders the page's copyright lines name (not a wire), the one the page names
        most often (the site, not its parent company); between equals, the last. A "©" credit
        beside a photo is no copyright line; one below the article's text is (the page's footer)."""
        text_end = max((i for i, e in enumerate(article.trace) if e.verdict.startswith("kept: paragraph")), default=-1)
        holders = []
        for i, entry in enumerate(article.trace):
            line = entry.line
            if entry.verdict == "dropped: copyright" and not ("©" in line or "opyright" in line):
                line = "© " + line  # "2019 Example, Inc. All Rights Reserved": the sign was an image
            if i > text_end and entry.verdict.startswith("dropped") and (notice := _NAME_AND_YEARS.match(line)):
                holders.append(notice["holder"].strip())  # "Example Blog · 2013–2019": a theme's footer notice
                continue
            if not ("©" in line or "opyright" in line):
                continue
            if len(line) > 200 and not _OPENS_WITH_NOTICE.match(line):  # a paragraph, not a notice,
                if (closing := _CLOSING_NOTICE.search(line)) is None:  # unless one closes it
                    continue
                line = closing[1]
            if entry.verdict in _NOT_SIGNALS and not _RIGHTS.search(line) and i < text_end:  # "(Image: © Ann Roe)"
                continue
            if not ("©" in line or _RIGHTS_OR_YEAR.search(line)):  # "Copyright Policy" is a link
                continue
            match = _SHORT_NOTICE.fullmatch(line) or _COPYRIGHT.search(line)
            if match and not self._wire_in(match["holder"]) and match["holder"].casefold() != "copyright":
                holders.append(_YEARS.sub("", _COMPANY_SUFFIX.sub("", match["holder"])).strip(" ,.-"))
            if permission := _PERMISSION.search(line):  # "... without written permission of example.com"
                holders.append(permission["holder"])
        if not holders:
            return None
        return max(reversed(holders), key=lambda h: _page_text(article).count(h.casefold()))


_JOB_WORD = re.compile(r"(?i:writer|reporter|correspondent|editor|contributor|columnist|producer|journalist)s?")


def _listed_above_title(article: CleanArticle) -> set[str]:
    """Outlet names on lines of their own between the masthead and the headline: a menu of sister
    sites, not the page's masthead (its first lines) nor the article's signature (under its text)."""
    title = _title_index(article) or 0
    return {e.line for e in article.trace[MASTHEAD_REACH:title] if e.verdict == "dropped: signature"}


def _page_text(article: CleanArticle) -> str:
    return "\n".join(entry.line for entry in article.trace).casefold()


def _named_again(name: str, article: CleanArticle) -> bool:
    """The page names it on another line than its copyright line."""
    return _page_text(article).count(name.casefold()) >= 2


def _masthead_of_printed_domain(article: CleanArticle) -> str | None:
    """The page's masthead: one of its first lines, dropped, that spells the domain the page prints
    ("Example Bikes" or "ExampleBikes" where "examplebikes.co.uk" appears). Two positions agree."""
    printed = {found[0].lower().removeprefix("www.").split(".")[0] for e in article.trace
               if (found := _DOMAIN.search(e.line))}
    return next((e.line for e in article.trace[:MASTHEAD_REACH]
                 if e.verdict.startswith("dropped") and _compact(e.line) in printed), None)


def _release_issuer(article: CleanArticle) -> str | None:
    """The company a press release's closing boilerplate presents, on its own site: a heading
    "About Example" over a paragraph that opens with the name ("Example offers ..."), among the
    text's last paragraphs. A release presenting two companies names neither."""
    paragraphs = [i for i, e in enumerate(article.trace) if e.verdict.startswith("kept: paragraph")]
    issuers = set()
    for i in paragraphs[-_RELEASE_TAIL:]:
        if i == 0:
            continue
        heading, paragraph = article.trace[i - 1], article.trace[i].line
        match = _ABOUT_HEADING.fullmatch(heading.line)
        if heading.verdict.startswith("kept: subheading") and match and paragraph.casefold().startswith(match[1].casefold()):
            issuers.add(match[1])
    return issuers.pop() if len(issuers) == 1 else None


def _masthead_of_initials(article: CleanArticle) -> str | None:
    """A name in the page's masthead that its furniture shortens to its initials ("ExampleSportsDaily"
    or "Example Sports Daily" where "ESD" and "ESD Live" stand on short lines): two positions agree.
    Three initials at least: two ("US", "TV") are common words of their own."""
    for entry in article.trace[:MASTHEAD_REACH]:
        if not entry.verdict.startswith("dropped"):
            continue
        for name in _initialled_names(entry.line):
            initials = re.compile(rf"\b{''.join(re.findall('[A-Z]', name))}\b")
            if sum(1 for e in article.trace if e is not entry and e.verdict.startswith("dropped")
                   and len(e.line) <= _INITIALS_LINE and initials.search(e.line)) >= 2:
                return name
    return None


def _initialled_names(line: str) -> list[str]:
    """The names in a line that three initials or more could shorten: a word of three capitalised
    parts ("ExampleSportsDaily") or three to four capitalised words ("Example Sports Daily")."""
    camel = [w for w in line.split() if re.fullmatch(r"(?:[A-Z][a-z]+){3,}", w)]
    return camel + [m[0] for m in re.finditer(r"(?<!\S)[A-Z][a-z]+(?: [A-Z][a-z]+){2,3}(?!\S)", line)]


def _compact(name: str) -> str:
    return re.sub(r"[\W_]", "", name.casefold())


def _footer_company(article: CleanArticle) -> str | None:
    """The company whose name heads the footer's address blocks ("Example GmbH" above each
    office's street): a line of its own, a company suffix, printed at least twice below the text."""
    text_end = max((i for i, e in enumerate(article.trace) if e.verdict.startswith("kept: paragraph")), default=-1)
    names = Counter(_COMPANY_SUFFIX.sub("", e.line).strip() for e in article.trace[text_end + 1:]
                    if _COMPANY_SUFFIX.search(e.line) and len(e.line.split()) <= _COMPANY_WORDS + 1)
    name, count = max(names.items(), key=lambda pair: pair[1], default=(None, 0))
    return name if count >= 2 else None


def _printed_domain(article: CleanArticle) -> str | None:
    """The site's address as its copyright line prints it ("Copyright © 2019 ... example.com").
    Not from a line of its own (a list of platform links) nor from the article's text (it cites
    other sites)."""
    for entry in article.trace:
        if entry.verdict.startswith("dropped") and len(entry.line) <= 200 and ("©" in entry.line or _RIGHTS.search(entry.line)):
            if found := _DOMAIN.search(entry.line):
                return found[0].lower().removeprefix("www.")
    return None


def _host(url: str | None) -> str | None:
    parts = url_parts(url) if url else None
    return parts.hostname.removeprefix("www.") if parts and parts.hostname else None


# The languages a corpus on NATO and Russia is written in. The detector chooses among these only:
# unrestricted, it takes Portuguese for Galician and Ukrainian for Belarusian on short texts.
LANGUAGES = ("en", "ru", "uk", "de", "fr", "pl", "es", "it", "pt", "nl", "ca")
LANGUAGE_SAMPLE = 5000  # characters: a few paragraphs name the language; the rest only costs time
_MIN_LETTERS = 20  # fewer letters than a short sentence name no language
_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _identifier() -> LanguageIdentifier:
    """py3langid's bundled model, loaded once (about half a second) and restricted to LANGUAGES."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text (one of LANGUAGES); 'und' when it holds too few letters to tell."""
    sample = text[:LANGUAGE_SAMPLE]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return "und"
    return _identifier().classify(sample)[0]


def word_count(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))
