"""Recognising dates in the forms news pages print them, and inferring a missing year.

Pure functions on strings; the extract stage decides which candidate wins.
Month names come from the CLDR data (Babel) for the languages in LANGUAGES, so
"16 February 2017", "Feb. 16, 2017", "25. September 2018", "22 de outubro de 2010"
and "Maret 30, 2015" are all read the same way; numeric forms are ISO
("2017-02-16", "2019-11-19T12:48:14Z"), dotted day-first ("16.02.2017") and slashed
("11/19/2019", "27/09/2018") when the order is unambiguous.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import NamedTuple

import regex
from babel.dates import get_day_names, get_month_names

LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "id", "ru", "uk", "pl")
# Languages whose weekday names decline ("в пятницу", "w środę").
_INFLECTED = frozenset({"ru", "uk", "pl"})
# Languages whose weekday names are also common words (Indonesian "minggu" is also "week").
_NO_WEEKDAYS = frozenset({"id"})
# CLDR's forms: "format" is the month in a date (genitive: "16 февраля", "16 lutego"),
# "stand-alone" the bare name ("февраль", "luty").
_CONTEXTS = ("format", "stand-alone")
_WIDTHS = ("wide", "abbreviated")


def _month_names() -> dict[str, int]:
    names = {"sept": 9}
    for lang in LANGUAGES:
        for context in _CONTEXTS:
            for width in _WIDTHS:
                for number, name in get_month_names(width, context, locale=lang).items():
                    names.setdefault(name.casefold().rstrip("."), number)
    return names


def _weekday_names() -> dict[str, int]:
    """Weekday name -> index, Monday = 0. In inflected languages the form after "on" (accusative:
    "в пятницу", "w środę"): the nominative of some is also a common word (Russian "среда")."""
    names: dict[str, int] = {}
    for lang in (lang for lang in LANGUAGES if lang not in _NO_WEEKDAYS):
        for index, name in get_day_names("wide", "format", locale=lang).items():
            name = name.casefold()
            if lang in _INFLECTED:
                name = _accusative(name, lang)
            for spelling in {name, name.replace("ʼ", "’"), name.replace("ʼ", "'")}:  # Ukrainian "пʼятниця"
                names.setdefault(spelling, index)
    return names


def _accusative(name: str, lang: str) -> str:
    """The feminine weekdays change: "среда" -> "среду", "пʼятниця" -> "пʼятницю", "sobota" -> "sobotę"."""
    if name.endswith(("а", "я", "a")):
        ending = "ę" if lang == "pl" else "у" if name.endswith("а") else "ю"
        return name[:-1] + ending
    return name


def _clipped_month_names(full: dict[str, int]) -> dict[str, int]:
    """Month names cut short before a full stop, as agencies print them and CLDR does not
    ("фев.", "сен.", "fév.", "Febr.", "lut."): every cut of three letters or more of a wide name
    that names one month only, whatever the language."""
    months: dict[str, set[int]] = {}
    for lang in LANGUAGES:
        for context in _CONTEXTS:
            for number, name in get_month_names("wide", context, locale=lang).items():
                name = name.casefold()
                for end in range(3, len(name)):
                    months.setdefault(name[:end], set()).add(number)
    return {cut: numbers.pop() for cut, numbers in months.items() if len(numbers) == 1 and cut not in full}


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


MONTHS = _month_names()
_CLIPPED_MONTHS = _clipped_month_names(MONTHS)
_MONTH_NUMBERS = MONTHS | _CLIPPED_MONTHS
WEEKDAYS = _weekday_names()
_WEEKDAY_ALTERNATION = _alternation(WEEKDAYS)

# A year may be glued to the time that follows it ("NOV 20 20194:29 AM"): a printing slip, still a year.
_YEAR = r"(?P<{}>(?:19|20)\d{{2}})(?:(?=\d{{1,2}}:\d\d)|(?!\d))"
_MONTH = r"(?P<{}>(?:" + _alternation(MONTHS) + r"))(?![^\W\d_])\.?"
# After a day, a clipped name too, but only before its full stop: "16 list." is November in
# Polish, "16 list" is not (and "the list. 16 people" holds no date).
_MONTH_AFTER_DAY = (r"(?P<{}>(?:" + _alternation(MONTHS) + r")(?![^\W\d_])|(?:"
                    + _alternation(_CLIPPED_MONTHS) + r")(?=\.))\.?")
# "July 18, 2018" / "Jul. 18 2018" / "18 July 2018" / "25. September 2018" / "22 de outubro de 2010".
_MDY = _MONTH.format("month") + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+" + _YEAR.format("year") + ")?"
_DMY = (r"(?P<day2>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?" + _MONTH_AFTER_DAY.format("month2")
        + r"(?:,?\s+(?:de\s+)?" + _YEAR.format("year2") + ")?")
_ISO = r"(?P<iy>(?:19|20)\d{2})-(?P<im>\d{2})-(?P<id>\d{2})(?=T\d|\b)"
_NUMERIC = r"(?P<n1>\d{1,2})(?P<sep>[./])(?P<n2>\d{1,2})(?P=sep)(?P<ny>(?:19|20)\d{2}|\d{2})(?![\d/.]\d)"
# Not inside a longer number ("1.2.2019", "v2/12"); after a letter's dot it may be: "Nov.November 18, 2019"
# (a page's short and long month copied together).
DATE_RE = re.compile(rf"(?<![\w/-])(?<!\d\.)(?:{_MDY}|{_DMY}|{_ISO}|{_NUMERIC})", re.IGNORECASE)

# The word before a date that says what the date is. Several languages; the nearest one wins.
_PUBLISHED = r"published|posted|first published|publicado|publié|veröffentlicht|publiziert|pubblicato|gepubliceerd|diterbitkan"
_UPDATED = r"updated|last updated|modified|last modified|aktualisiert|actualizado|atualizado|mis à jour|aggiornato|bijgewerkt"
KIND_RE = re.compile(rf"\b(?:(?P<published>{_PUBLISHED})|(?P<updated>{_UPDATED}))\b", re.IGNORECASE)
DATE_LINE_WORDS = 18  # a header line with a date is short; a sentence that mentions one is not a date line
_URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})(?:[/-](?P<d>\d{1,2}))?(?:/|-|$)"
    r"|[-_/](?P<cy>(?:19|20)\d{2})(?P<cm>[01]\d)(?P<cd>[0-3]\d)(?:[-_./]|$)"  # "-20191115", "/20191115/"
)
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d{2})\b")
# By the `regex` module, which scans this case-insensitive alternation ten times faster than `re`.
_WEEKDAY_RE = regex.compile(rf"(?<![\w'’ʼ])({_WEEKDAY_ALTERNATION})(?![\w'’ʼ])", regex.IGNORECASE)


class Stated(NamedTuple):
    """A date a line states, and what the line calls it: 'published', 'updated' or ''."""

    date: dt.date
    kind: str


def _parts(match: re.Match[str]) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from a DATE_RE match, or None if impossible or ambiguous."""
    g = match.groupdict()
    if g.get("iy"):
        year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
    elif g.get("n1"):
        parts = _numeric(int(g["n1"]), int(g["n2"]), g["sep"])
        if parts is None:
            return None
        year = int(g["ny"]) + (2000 if len(g["ny"]) == 2 else 0)
        day, month = parts
    else:
        month = _MONTH_NUMBERS[(g.get("month") or g.get("month2")).casefold()]
        day = int(g.get("day") or g.get("day2"))
        year_text = g.get("year") or g.get("year2")
        year = int(year_text) if year_text else None
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: accepts Feb 29 without a year
    except ValueError:
        return None
    return year, month, day


def _numeric(first: int, second: int, separator: str) -> tuple[int, int] | None:
    """(day, month) of "16.02.2017" (dots: day first) or "11/19/2019" (slashes: whichever order
    the numbers allow). A slashed date both orders allow ("05/06/2018") is refused, not guessed."""
    if separator == "." or second <= 12 < first:
        return first, second
    if first <= 12 < second or first == second:
        return second, first
    return None

# Lower-case words a date line may hold beside the date: "posted on ... at ... by", "2 min read".
_HEADER_WORDS = frozenset("on at by de am pm a.m. p.m. of in às le el um e y et und am um min read date "
                          "comments comment views".split())
_WORD_RE = re.compile(r"[^\W\d_][\w.'’-]*")


def stated_dates(line: str) -> list[Stated]:
    """Every complete date a short header line states, each with what the line calls it."""
    found = []
    for match in DATE_RE.finditer(line):
        parts = _parts(match)
        if parts and parts[0] is not None:
            kinds = list(KIND_RE.finditer(line, 0, match.start()))
            kind = ("published" if kinds[-1]["published"] else "updated") if kinds else ""
            found.append(Stated(dt.date(*parts), kind))  # type: ignore[arg-type]
    return found


def is_date_line(line: str) -> bool:
    """A short line that states a full date and is not a sentence: 'Posted Sep 18, 2015 11:32 AM CDT',
    'By Ann Roe | Nov. 19, 2019', 'Xinhua, December 16, 2016', 'date 2017-02-17'."""
    words = line.split()
    if len(words) > DATE_LINE_WORDS or not any(ch.isdigit() for ch in line) or not stated_dates(line):
        return False
    prose = [w for w in _WORD_RE.findall(line) if w.islower() and w not in _HEADER_WORDS
             and w.rstrip(".") not in MONTHS and not KIND_RE.fullmatch(w)]
    sentence = line.rstrip()[-1:] in ".!?"
    return len(prose) < (2 if sentence else 3)


def parse_date_line(line: str) -> dt.date | None:
    """The date a date line states (its publication date if it names several), else None."""
    if not is_date_line(line):
        return None
    stated = stated_dates(line)
    return next((s.date for s in stated if s.kind == "published"), stated[0].date)


def full_dates(text: str) -> list[dt.date]:
    """Every complete date (with a year) written in the text, in order."""
    found = []
    for match in DATE_RE.finditer(text):
        parts = _parts(match)
        if parts and parts[0] is not None:
            found.append(dt.date(*parts))  # type: ignore[arg-type]
    return found


def month_day(text: str) -> tuple[int | None, int, int] | None:
    """The first (year?, month, day) in a short text such as a dateline 'Feb. 16 (UPI)'."""
    for match in DATE_RE.finditer(text):
        parts = _parts(match)
        if parts:
            return parts
    return None


def url_date(url: str) -> dt.date | None:
    """The day an address's path states: '/2018/07/12/', '/2016-12/16/', '-20191115'."""
    match = _URL_DATE_RE.search(url)
    if not match:
        return None
    year, month, day = match["y"] or match["cy"], match["m"] or match["cm"], match["d"] or match["cd"]
    if not day:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def infer_year(month: int, day: int, text: str, horizon: int = 12) -> int | None:
    """Year for a month/day printed without one, from what the text itself says.

    The weekday the text names most often ("on Thursday") must fall on that date, and
    the article cannot predate the latest year it mentions. The first such year wins.
    Without a weekday or a year to anchor it there is no inference: None.
    """
    weekday = weekday_named(text)
    years = [int(y) for y in _YEAR_RE.findall(text)]
    if weekday is None or not years:
        return None
    for year in range(max(years), max(years) + horizon):
        try:
            if dt.date(year, month, day).weekday() == weekday:
                return year
        except ValueError:  # Feb 29 in a non-leap year
            continue
    return None


def weekday_named(text: str) -> int | None:
    """Index (Monday=0) of the weekday the text names most often, if any."""
    weekdays = Counter(WEEKDAYS[name.casefold()] for name in _WEEKDAY_RE.findall(text))
    return weekdays.most_common(1)[0][0] if weekdays else None
