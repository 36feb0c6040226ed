"""Article metadata with provenance: date, outlet, author, URL, language, length.

Each decision returns the value and where it came from, so the reader (and
`briefing explain`) can judge it. Front-matter overrides always win.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from urllib.parse import SplitResult, urlsplit

from generator import dates
from generator.model import CleanArticle
from generator.taxonomy import OutletEntry

WORDS_PER_MINUTE = 230

# Where a site names itself, best evidence first. A contributor line ("Reuters
# contributed reporting") names another outlet and is deliberately absent.
_OUTLET_EVIDENCE = ("signature", "self-description", "promo", "before-title", "navigation", "caption", "photo-credit")


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
    line_date = next((d for d in map(dates.parse_date_line, article.date_lines) if d), None)
    path_date = dates.url_date(url) if url else None
    if line_date and path_date and line_date != path_date:
        warnings.append(f"date line says {line_date}, URL path says {path_date}; the date line was used")
    if line_date:
        return line_date.isoformat(), "date line", warnings
    if path_date:
        return path_date.isoformat(), "URL path", warnings
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


class OutletFinder:
    def __init__(self, outlets: tuple[OutletEntry, ...]):
        self.by_domain = {d: o.name for o in outlets for d in o.domains}
        names = {n: o.name for o in outlets for n in (o.name, *o.aliases)}
        self.by_name = {n.casefold(): canonical for n, canonical in names.items()}
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)"
        self.pattern = re.compile(rf"(?<![\w-])({alternation})(?![\w-])", re.I)

    def decide(self, article: CleanArticle, url: str | None) -> tuple[str | None, str | None]:
        host = _host(url)
        if host:
            for domain, name in self.by_domain.items():
                if host == domain or host.endswith("." + domain):
                    return name, "URL domain"
        for dateline in article.datelines:
            if found := self._names_in(dateline):
                return found.most_common(1)[0][0], "dateline"
        by_rule: dict[str, Counter[str]] = {}
        for dropped in article.dropped:
            if dropped.rule in _OUTLET_EVIDENCE:
                by_rule.setdefault(dropped.rule, Counter()).update(self._names_in(dropped.line))
        for rule in _OUTLET_EVIDENCE:
            if by_rule.get(rule):
                return by_rule[rule].most_common(1)[0][0], rule
        if host:
            return host, "URL domain (not in outlets.yml)"
        for dateline in article.datelines:  # "(HPN)": an agency we do not know yet
            if agency := re.search(r"\(([^()]+)\)", dateline):
                return agency[1].strip(), "dateline (not in outlets.yml)"
        return None, None

    def _names_in(self, text: str) -> Counter[str]:
        return Counter(self.by_name[m.casefold()] for m in self.pattern.findall(text))


def _host(url: str | None) -> str | None:
    parts = url_parts(url) if url else None
    return parts.hostname.removeprefix("www.") if parts and parts.hostname else None


_STOPWORDS = {
    "en": "the and of to in that is was for on with said as by it from at",
    "fr": "le la les et des du un une que est dans pour qui sur avec au",
    "de": "der die das und den nicht ist mit von zu auf für sich dem ein",
    "es": "el la los las y de que en un una por con para del se es",
    "it": "il la di che e un una per con non del della sono nel si",
    "ru": "и в не на что с по как это он из к от за но для",
}
_LANGUAGE_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}


LANGUAGE_SAMPLE = 5000  # characters: a few paragraphs hold dozens of function words


def detect_language(text: str) -> str:
    """ISO 639-1 code by counting function words; 'und' when nothing matches."""
    counts = Counter(re.findall(r"\w+", text[:LANGUAGE_SAMPLE].lower()))
    scores = {lang: sum(counts[w] for w in vocab) for lang, vocab in _LANGUAGE_WORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 3 else "und"


def word_count(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))
