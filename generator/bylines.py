"""Bylines: who wrote an article, read off the line that says so.

A byline names persons ("By Ann Roe and Bo Li", "BY ANN ROE", "Ann Roe, Staff Writer",
"Ann Roe | Example Wire", "Ann Roe @annroe", "Ann Roe - Nov 19, 2019") or an
organisation or desk ("Associated Press", "Staff Reports", "Example Post Staff",
"admin"), which is not a person. `parse` splits a line into the persons, the
organisation and the affiliation printed beside the names; deciding which outlet or
wire an organisation is belongs to generator.metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from generator import dates

# "By", "written by", and the same word in a few languages; "BY:" too.
_PREFIX = regex.compile(r"(?:^|(?<=[\s/|•·]))(?:written\s+by|posted\s+by|by|von|por|par|door|di)\s*:?\s+",
                        regex.IGNORECASE)
_UPPER_WORD = r"\p{Lu}[\p{Ll}'’]+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}?\p{Ll}+)?"  # Ann, O'Neil, McDonald, Bautista-Agut
_CAPS_WORD = r"\p{Lu}{2,}(?:[-'’]\p{Lu}+)*"  # ANN, O'NEIL
_INITIAL = r"\p{Lu}\."
_PARTICLE = r"(?:van|von|de|da|del|der|den|di|du|la|le|bin|al|ibn|dos|das)"
_SUFFIX = r"(?:Jr\.?|Sr\.?|II|III|IV)"


def _name_pattern(word: str) -> regex.Pattern[str]:
    token = rf"(?:{word}|{_INITIAL})"
    return regex.compile(rf"{token}(?:\s+(?:{_PARTICLE}\s+)?{token}){{0,4}}(?:,?\s+{_SUFFIX})?", regex.V1)


_NAME = _name_pattern(_UPPER_WORD)
_CAPS_NAME = _name_pattern(_CAPS_WORD)
_AND = regex.compile(r"\s*(?:,\s*)?\s(?:and|&|und|y|e|et)\s+|\s*&\s*", regex.IGNORECASE)
_AFFILIATION_SPLIT = regex.compile(r"\s*(?:\||\s[-–—]\s|/|•|·)\s*")
_GLUED = regex.compile(r"(?<=\p{Ll})(?=\p{Lu}{2,})")  # "Jon GarberEXAMPLENews": a name glued to a label
_JOB_WORDS = r"(?:writer|reporter|correspondent|editor|contributor|columnist|producer|journalist|staff|author|analyst|critic|chief)s?"
# "Ann RoeBusiness Columnist": a job label glued to the name (a page's two elements copied as one line).
_GLUED_JOB = regex.compile(rf"(?<=\p{{Ll}}{{2}})(?=(?:\p{{Lu}}\p{{Ll}}+\s+){{0,2}}(?i:{_JOB_WORDS})\b)(?=\p{{Lu}})")
_HANDLE = regex.compile(r"\s*@\w+.*$")
_ON_DAY = regex.compile(r"\s+on(?:\s+\p{L}+)?[\s,]*$", regex.IGNORECASE)
_TIME = regex.compile(r"\b\d{1,2}:\d{2}\b")
# Words that make a byline an organisation or a desk, not a person. General words only; an outlet
# or agency is recognised by name in generator.metadata (taxonomy/outlets.yml).
DESK_WORDS = frozenset(
    "staff reports report press news agency agencies wire wires services service desk team editors editorial "
    "bureau board media network online newsroom admin administrator contributors correspondents writers "
    "magazine group international inc llc ltd".split())
# Words that sign for a desk rather than name a publisher: "Example Post Staff" is the Example Post.
STAFF_WORDS = frozenset("staff desk team editors newsroom reports report contributor contributors writer writers "
                        "reporter reporters correspondent correspondents columnist columnists".split())
# Job titles written after a name: "Ann Roe, Staff Writer", "Ann Roe, Example Wire Auto Writer".
_JOB = regex.compile(rf"\b{_JOB_WORDS}\b", regex.IGNORECASE)


JOB_LINE_WORDS = 10  # "Ann Roe, Example Wire National Security Writer"
# Capitalised words that open headlines and sentences but never a person's name ("By Any Means Necessary").
_FUNCTION_WORDS = frozenset("the a an any all no my our your his her their its this that these those every some "
                            "what how why when where who not me us them it you we in on at of for to from with "
                            "image images photo photos picture video copyright enlarge share close menu".split())


@dataclass(frozen=True)
class Byline:
    persons: tuple[str, ...]  # the people named, as printed
    organisation: str | None  # "Associated Press", "Staff Reports": the desk that signs instead
    affiliation: str | None  # what follows the names: "Staff Writer", "Example Wire", "example.com"


def parse(line: str, bare: bool = False) -> Byline | None:
    """The byline a line states, or None. Without "By" a line must show its byline shape
    (a job title, an @handle, a date after the names) unless `bare` (the caller knows it
    sits where a byline sits)."""
    text = _GLUED_JOB.sub(", ", _GLUED.sub(" | ", line.strip()))
    prefix = _PREFIX.search(text)
    if prefix and (prefix.start() == 0 or dates.DATE_RE.search(text, 0, prefix.start())):
        return _names_and_rest(text[prefix.end():], single_word=True)
    date = dates.DATE_RE.search(text)
    if date and date.start() > 0:  # "Ann Roe - Nov 19, 2019": the names before the date
        return _names_and_rest(text[:date.start()], single_word=False)
    if _HANDLE.search(text) and not text.startswith("@"):
        return _names_and_rest(_HANDLE.sub("", text), single_word=False)
    found = _names_and_rest(text, single_word=False)
    job = found is not None and found.affiliation and len(text.split()) <= JOB_LINE_WORDS and _JOB.search(found.affiliation)
    if found and (bare or job):
        return found
    return None


def opens_with_by(line: str) -> bool:
    return bool(_PREFIX.match(line))


def bare_prefix(line: str) -> bool:
    """"By" alone on its line: the page printed the name as a link of its own, on the next line."""
    return len(line) <= 12 and bool(_PREFIX.fullmatch(line + " "))


def _names_and_rest(text: str, single_word: bool) -> Byline | None:
    text = _TIME.split(_HANDLE.sub("", text))[0]
    if date := dates.DATE_RE.search(text):
        text = _ON_DAY.sub("", text[:date.start()])  # "Ann Roe on Monday, May 2": the names end at "on"
    if single_word and not _AFFILIATION_SPLIT.search(text) and (lead := _NAME.match(text)) \
            and not all(_is_name(n, True) for n in _AND.split(text.split(",")[0].strip()) if n):
        text = f"{lead.group()} | {text[lead.end():]}"  # "Von Ann Roe publiziert am ...": the name, then words
    head, *rest = _AFFILIATION_SPLIT.split(text.strip(" ,|-–—:"), maxsplit=1)
    parts = [p.strip() for p in head.split(",") if p.strip()]
    if not parts:
        return None
    names = [n for n in _AND.split(parts[0]) if n]
    more = parts[1:]
    # "A, B, C" lists three authors; in "A, Staff Writer" or "A, MS, RDN" what follows is no name.
    # " , " between names: each was its own link, copied side by side ("Ann Roe , Bo Li"); "A, B and C".
    listed = len(more) >= 2 or " , " in head or (len(more) == 1 and len([n for n in _AND.split(more[0]) if n]) >= 2)
    if listed and more and all(_is_name(n, False) for p in more for n in _AND.split(p) if n):
        names += [n for p in more for n in _AND.split(p) if n]
        more = []
    affiliation = ", ".join(more + rest).strip(" ,|") or None
    if any(_is_desk(n) for n in names):
        return Byline((), " ".join(names), affiliation)
    if names and all(_is_name(n, single_word) for n in names):
        return Byline(tuple(names), None, affiliation)
    return None


def _is_name(text: str, single_word: bool) -> bool:
    pattern = _CAPS_NAME if text.isupper() else _NAME
    words = text.split()
    return (bool(pattern.fullmatch(text)) and (single_word or len(words) >= 2)
            and not any(w.casefold() in _FUNCTION_WORDS for w in words)
            and not _is_desk(text) and not dates.KIND_RE.search(text)
            and not _JOB.search(text))  # "Contributing Writer" alone names no one


def _is_desk(text: str) -> bool:
    words = [w.casefold() for w in regex.findall(r"\w+", text)]
    return any(w in DESK_WORDS or w.endswith("admin") for w in words)


def joined(persons: tuple[str, ...]) -> str:
    """Two names as "A and B", more as "A, B, C"."""
    return " and ".join(persons) if len(persons) == 2 else ", ".join(persons)
