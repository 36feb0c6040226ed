"""Actors: who appears in an article.

Two sources, one result type (ActorMention):
  * the taxonomy (taxonomy/actors.yml): full names and aliases anywhere; the
    surname alone once the person is fully named, or after a title ("President Trump");
  * discovery: people the taxonomy does not list, found only where the text
    introduces them as a person, with the role it gives ("Derek Chollet, a former
    senior Pentagon official"). Names in photo credits and bylines never count.

`ActorScanner.scan` also returns every mention's position, which the quote
extractor uses to resolve "he said" to the last person named.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.model import ActorMention
from generator.patterns import Bounded, by_first_letter, first_matches
from generator.slugs import RESERVED, name_slug
from generator.taxonomy import ActorEntry, Roles, Taxonomy

_SEP = r"[\s\-‐‑]+"  # names are written with odd spaces and hyphens
_INITIAL = r"(?:[A-Z]\.\s+)?"
_NAME_TOKEN = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
_NAME = rf"(?P<name>{_NAME_TOKEN}\s+{_INITIAL}{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?)"


# Every start of a capitalised word may begin a name, so candidates overlap
# ("Foreign Minister Heiko Maas" -> ..., "Heiko Maas").
_CANDIDATE = Bounded(rf"{_NAME}(?![\w'’-])", r"\w'’-", overlapping=True)
# Words that make a capitalised pair an organisation or a place, not a person.
_NOT_PERSON_WORDS = frozenset(
    "Department Ministry Committee Council Pentagon Nato House Agency Service News Times Post Union Alliance "
    "Forces Army Navy Force Staff Office Group Institute Center Centre University Party Government State States "
    "Federation Republic Kingdom Administration Commission Organization Organisation Security Defense Defence "
    "Affairs Street Square Sea Ocean Airport Headquarters Summit Coalition Fleet Command Guard Press Today "
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


_NO_IDS: frozenset[str] = frozenset()  # a surname only the taxonomy or only this article knows


def _key(name: str) -> str:
    """Comparable form of a name: case-folded, single spaces, no middle initials."""
    name = re.sub(r"\b[A-Z]\.\s+", "", name.replace("’", "'")).replace(".", "")
    return " ".join(re.split(_SEP, name)).casefold()


def _variant_pattern(name: str) -> str:
    tokens = re.split(_SEP, name.strip())
    parts = [re.escape(t) for t in tokens]
    if len(parts) >= 2:  # "Jim Mattis" also matches "Jim N. Mattis"
        return parts[0] + _SEP + _INITIAL + _SEP.join(parts[1:])
    return parts[0]


@dataclass
class Mention:
    actor_id: str
    block: int  # index of the text block
    start: int
    end: int


@dataclass
class ScanResult:
    actors: list[ActorMention]
    mentions: list[Mention]


class ActorScanner:
    """Built once per taxonomy; scans many articles."""

    def __init__(self, taxonomy: Taxonomy):
        self.roles = taxonomy.roles
        self.entries = {a.id: a for a in taxonomy.actors}
        self.taken = RESERVED | self.entries.keys()  # page ids a person the taxonomy does not list cannot have
        self.full_names: dict[str, str] = {}
        variants: set[str] = set()
        self.surnames: dict[str, set[str]] = {}
        for actor in taxonomy.actors:
            for name in (actor.name, *actor.aliases):
                self.full_names[_key(name)] = actor.id
                variants.add(_variant_pattern(name))
                self.surnames.setdefault(re.split(_SEP, name.strip())[-1].rstrip("."), set()).add(actor.id)
            for surname in actor.surnames:
                self.surnames.setdefault(surname, set()).add(actor.id)
        self.surnames = {s: ids for s, ids in self.surnames.items() if s not in ("Jr", "Sr")}
        ordered = sorted(variants, key=len, reverse=True)
        self.full_re = _names(ordered)
        self.surname_re = _alternation(self.surnames)
        titles = sorted(self.roles.titles, key=len, reverse=True)
        self.title_before = re.compile(r"(?:" + "|".join(re.escape(t) for t in titles) + r")\s+$") if titles else None
        self.discovery = Discovery(self.roles, self)

    def scan(self, blocks: list[str], credits: list[str], year: int | None = None) -> ScanResult:
        """Find actors in text blocks (title, summary, paragraphs, captions), in reading order."""
        by_block: list[list[Mention]] = [[] for _ in blocks]
        fully_named: set[str] = set()
        for b, text in enumerate(blocks):
            for match in self.full_re.finditer(text) if self.full_re else ():
                actor_id = self.full_names.get(_key(match[0]))
                if actor_id:
                    by_block[b].append(Mention(actor_id, b, match.start(), match.end()))
                    fully_named.add(actor_id)
        discovered = self.discovery.find(blocks, " ".join(credits))
        # Their surnames join the taxonomy's for this article only, in a small pattern of their
        # own: compiling the taxonomy's surnames again would cost 20 ms with 2,000 of them.
        discovered_ids: dict[str, set[str]] = {}
        for person in discovered.values():
            discovered_ids.setdefault(person.name.split()[-1], set()).add(person.id)
            fully_named.add(person.id)
        surname_res = [p for p in (self.surname_re, _alternation(discovered_ids)) if p]
        discovered_res = [(p.id, re.compile(_variant_pattern(p.name))) for p in discovered.values()]
        for b, text in enumerate(blocks):
            found = by_block[b]
            for person_id, pattern in discovered_res:
                found += [Mention(person_id, b, m.start(), m.end()) for m in pattern.finditer(text)]
            taken = _Spans((m.start, m.end) for m in found)  # full names: their surnames are not counted again
            for match in first_matches(surname_res, text) if surname_res else ():
                if match.start() in taken:
                    continue
                ids = self.surnames.get(match[0], _NO_IDS) | discovered_ids.get(match[0], _NO_IDS)
                actor_id = self._surname_owner(ids, fully_named, text[: match.start()])
                if actor_id:
                    found.append(Mention(actor_id, b, match.start(), match.end()))
                    fully_named.add(actor_id)  # after "President Trump", "Trump" alone is him too
        mentions = sorted((m for found in by_block for m in found), key=lambda m: (m.block, m.start))
        return ScanResult(self._summarise(mentions, discovered, year), mentions)

    def _surname_owner(self, ids: set[str] | frozenset[str], fully_named: set[str], before: str) -> str | None:
        named = ids & fully_named
        if len(named) == 1:
            return next(iter(named))
        if len(ids) == 1 and self.title_before and self.title_before.search(before[-40:]):
            return next(iter(ids))  # "President Trump" without a full name
        return None

    def _summarise(self, mentions: list[Mention], discovered: dict[str, ActorMention],
                   year: int | None) -> list[ActorMention]:
        counts: dict[str, int] = {}
        for m in mentions:
            counts[m.actor_id] = counts.get(m.actor_id, 0) + 1
        result = []
        for actor_id, count in counts.items():
            if actor_id in discovered:
                person = discovered[actor_id]
                result.append(ActorMention(person.id, person.name, count, auto=True, role=person.role))
            else:
                entry: ActorEntry = self.entries[actor_id]
                result.append(ActorMention(entry.id, entry.name, count, auto=False, role=entry.role_in(year)))
        return sorted(result, key=lambda a: (-a.mentions, a.name))

    def entry_for(self, name: str) -> ActorEntry | None:
        actor_id = self.full_names.get(_key(name))
        return self.entries[actor_id] if actor_id else None

    def new_id(self, name: str) -> str:
        """The page id of a person the taxonomy does not list."""
        return name_slug(name, self.taken)

    def is_known(self, name: str) -> bool:
        return _key(name) in self.full_names or name.split()[-1] in self.surnames


class _Spans:
    """Spans of text, asked whether a position falls inside one: merged and bisected, so a
    text naming thousands of people costs no more than reading it."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def __contains__(self, position: int) -> bool:
        i = bisect_right(self.starts, position) - 1
        return i >= 0 and position < self.ends[i]


def _alternation(words: dict[str, set[str]]) -> Bounded | None:
    return _names([re.escape(w) for w in sorted(words, key=len, reverse=True)])


def _names(alternatives: list[str]) -> Bounded | None:
    """Any of the name patterns, as a whole word (hyphens join words in names)."""
    return Bounded("(?:" + by_first_letter(alternatives) + r")(?![\w-])", r"\w-") if alternatives else None


class Discovery:
    """People introduced with a role, who are not in the taxonomy.

    Every run of two or three capitalised words is a candidate name; it becomes an
    actor only when a role phrase stands right after it ("Derek Chollet, a former
    senior Pentagon official,") or right before it ("national security adviser
    Michael Flynn", "Chairman of the Military Committee, Gen. Petr Pavel").
    Checking the context of each candidate (anchored matches) keeps this linear.
    """

    def __init__(self, roles: Roles, scanner: ActorScanner):
        self.roles = roles
        self.scanner = scanner
        self.title_words = {w.rstrip(".") for t in roles.titles for w in t.split()}
        nouns = "|".join(sorted((re.escape(n) for n in roles.role_nouns), key=len, reverse=True)) or "(?!)"
        titles = "|".join(sorted((re.escape(t) for t in roles.titles), key=len, reverse=True)) or "(?!)"
        self.after = (
            re.compile(r",\s+(?:a|an|the)\s+(?P<role>[^,.;]{3,90}?)(?=[,.;]|\s+who\b)"),
            re.compile(r",\s+(?P<role>(?:[A-Z][\w.]*\s+)?[a-z][^,.;]{3,70}?)(?=,)"),
        )
        # Each pattern ends the window, so the window must end with one of its words: a cheap
        # test that spares most searches (a search tries every start in the window).
        title_words = tuple(t.strip() for t in roles.titles)
        self.before = (
            (title_words, re.compile(rf"(?P<role>[A-Z][\w ]{{3,60}}),\s+(?:{titles})\s+$")),
            (title_words, re.compile(rf"(?P<role>(?:[A-Z][\w.]*\s+){{0,3}}\b(?:{titles}))\s+$")),
            (tuple(n.strip() for n in roles.role_nouns), re.compile(rf"(?P<role>\b(?:[a-z][\w-]*\s+){{0,4}}(?:{nouns}))\s+$")),
        )
        self.stop = re.compile(r"\s*(?:[,.;:)]|(?:who|said|says|told|and|is|was|has|had|added)\b|$)")

    def find(self, blocks: list[str], credited: str) -> dict[str, ActorMention]:
        """People introduced with a role in `blocks`; names in `credited` (photo credits) never count."""
        found: dict[str, ActorMention] = {}
        for text in blocks:
            taken_until = -1
            for match in _CANDIDATE.finditer(text):
                name, start, end = match[1], match.start(1), match.end(1)
                if start < taken_until or not self._person_like(name):
                    continue
                role = next((r for r in self._roles(text, start, end)
                             if self._plausible(name, r, text[:start], credited)), None)
                if role:
                    taken_until = end
                    person_id = self.scanner.new_id(name)
                    found.setdefault(person_id, ActorMention(person_id, name, 0, auto=True, role=role))
        return found

    def _roles(self, text: str, start: int, end: int) -> Iterator[str]:
        """Role phrases around a candidate name, after it first."""
        for pattern in self.after:
            if match := pattern.match(text, end):
                yield match["role"].strip()
        if self.stop.match(text, end):
            window = text[max(0, start - 90):start]
            ending = window.rstrip()
            for last_words, pattern in self.before:
                if ending.endswith(last_words) and (match := pattern.search(window)):
                    yield match["role"].strip().removeprefix("The ").strip()

    def _person_like(self, name: str) -> bool:
        tokens = name.replace(".", "").split()
        return not any(t in _NOT_PERSON_WORDS or t in self.title_words or t.upper() == t for t in tokens)

    def _plausible(self, name: str, role: str, before: str, credited: str) -> bool:
        if self.scanner.is_known(name) or name in credited:
            return False
        if _head_word(role) not in self.roles.role_nouns and not _has_title(role, self.roles):
            return False
        lead = before[-30:].lower().rstrip()
        return not any(lead.endswith(marker) for marker in self.roles.credit_markers)


# Words that end the head of a role phrase: "official during the ...", "consultancy founded by ...".
_ROLE_PHRASE_END = frozenset("of at for with during in on by from to who that which whose founded based and under".split())


def _head_word(role: str) -> str:
    """The noun a role phrase is about: 'former senior Pentagon official during X' -> 'official'.
    'a consultancy founded by a former ambassador' -> 'consultancy' (not a person)."""
    head = []
    for word in role.lower().split():
        if word in _ROLE_PHRASE_END:
            break
        head.append(word.strip(".,;:"))
    return head[-1] if head else ""


def _has_title(role: str, roles: Roles) -> bool:
    return any(role == t or role.endswith(" " + t) for t in roles.titles)
