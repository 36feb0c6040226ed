"""Actors: who appears in an article.

Two sources, one result type (ActorMention):
  * the taxonomy (taxonomy/actors.yml): full names and aliases anywhere; the
    surname alone once the person is fully named, or after a title ("President Trump");
  * discovery: people the taxonomy does not list, found only on evidence that a name
    is a person's: a role phrase beside it ("Derek Chollet, a former senior Pentagon
    official"; "Russia's deputy foreign minister, Alexander Grushko"), a title, a speech
    verb it is the subject of, or a known first name inside a sentence (the gender-guesser
    package's dictionary); see `Discovery`. The surname alone is then the same person.
    Names in photo credits and bylines never count.

Names in other scripts and spellings are the taxonomy's aliases ("Сергей Шойгу", "Siergiej
Szojgu"); in an inflected language (name endings in taxonomy/speech.yml: ru, uk, pl) their
case forms are read back as the name ("Лаврова", "Szojgę"), and outside English a surname
alone is its one actor. A person discovered in another script is named in Latin letters
(anyascii), the spelling of the text kept as an alias.

`ActorScanner.scan` also returns every mention's position, which the quote
extractor uses to resolve "he said" to the last person named.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import unicodedata

import babel
from anyascii import anyascii

from generator import article_block

from generator.model import ActorMention
from generator.patterns import Bounded, by_first_letter, first_matches
from generator.slugs import RESERVED, name_slug
from generator.taxonomy import ActorEntry, LanguageSpeech, Roles, Speech, Taxonomy

_SEP = r"[\s\-‐‑]+"  # names are written with odd spaces and hyphens
_INITIAL = r"(?:[A-Z]\.\s+)?"
_UPPER = "A-ZÀ-ÖØ-ÞĀ-žА-ЯЁЄІЇҐ"  # Latin Extended-A mixes cases: _person_like tests the first letters
_LOWER = "a-zß-öø-ÿĀ-žа-яёєіїґ"
# Ann, O’Neil, McDonald, Ocasio-Cortez, Hau-yip, Jelić
_NAME_TOKEN = (rf"(?!(?:Jr|Sr)\.)(?:(?:Mc|Mac|De|La|[OD])['’]?)?[{_UPPER}][{_LOWER}]+"
               rf"(?:-[{_UPPER}{_LOWER}][{_LOWER}]+)?")
_INITIALS = r"[A-Z]\.(?:\s?[A-Z]\.){1,2}"  # "P.J. Fleck"; bounded, or a run of "A. A. A." is read again from each start
_PARTICLES = r"(?:(?:van|von|der|den|de|da|del|della|di|du|dos|das|bin|ibn|al|el|ben|le|la)\s+){1,2}"
_SUFFIX = r"(?:,?\s+(?:Jr|Sr)\.|\s+(?:II|III|IV)(?![\w'’-]))?"  # "Lloyd Roe III", "Queen Ann II"
_REGNAL = ("II", "III", "IV")
_NAME_SUFFIX = re.compile(r"\b(?:Jr\.|Sr\.|II|III|IV)(?!\w)")
_MIDDLE = r"(?:[A-Z]\.(?:[A-Z]\.)?\s+)?"  # "Jim N. Roe", "George R.R. Roe"
_NAME = (rf"(?P<name>(?:{_NAME_TOKEN}|{_INITIALS})\s+{_MIDDLE}(?:{_NAME_TOKEN}\s+{_MIDDLE}){{0,2}}"
         rf"(?:{_PARTICLES}(?:{_NAME_TOKEN}\s+){{0,2}})?{_NAME_TOKEN}{_SUFFIX})")  # "Ali bin Abi Roe"


# A link's text glued to the next one in a copy ("Jane RoeJane Roe Senate passes ..."): a
# capital right after lower-case letters ends the name.
_GLUED = rf"(?<=[{_LOWER}])(?=[{_UPPER}][{_LOWER}])"
# Every start of a capitalised word may begin a name, so candidates overlap
# ("Foreign Minister Heiko Maas" -> ..., "Heiko Maas"). A name may be possessive ("Nadal’s", "James'").
_CANDIDATE = Bounded(rf"{_NAME}(?=['’]s\b|['’]\s|[^\w'’-]|$|{_GLUED})", r"\w'’-", overlapping=True)
# Words that make a run of capitalised words an organisation, a place or an event, not a person.
ORGANISATION_WORDS = frozenset(
    "Department Ministry Committee Council Pentagon Nato House Agency Service News Times Post Union Alliance "
    "Forces Army Navy Force Staff Office Group Institute Center Centre University Party Government State States "
    "Federation Republic Kingdom Administration Commission Organization Organisation Security Defense Defence "
    "Affairs Street Square Sea Ocean Airport Headquarters Summit Coalition Fleet Command Guard Press Today "
    "Beach Falls River Lake Mountain Mountains Island Islands Bay Valley County City Park Bridge Memorial Day "
    "Hall Stadium Arena Hospital College School Church Road Avenue Boulevard Station Port Museum Library Gallery "
    "Theatre Theater Democrats Republicans Cup Award Awards Prize Festival Foundation Company Inc Corp Ltd Club "
    "Team Network Media Bank Fund Capital Partners Holdings Airlines Airways Motors Technologies Systems "
    "Solutions Labs Studios Records Radio Television Magazine Journal Review Tribune Herald Gazette Daily Weekly "
    "Act Treaty Agreement Accord Program Programme Project Initiative Report Index Games League Championship "
    "Tournament Series Open Olympics World Global International National Federal Royal Saint San Santa Fort "
    "Mount New North South East West Central Northern Southern Eastern Western Upper Lower Great Greater "
    "Corporation Corp Productions Books Music Films Pictures Entertainment Sports Energy Health Care Services "
    "Industries Enterprises Associates Consulting Management Research Securities Equities Investments Trust "
    "Exchange Market Markets Council Congress Parliament Assembly Senate Court Police Prison Mission "
    "Directorate Authority Board Bureau Society Association Institution Academy Clinic Infirmary Shelter Design "
    "Agence Presse".split()
)
# Places and bodies a name may qualify in lower case too: "the Forest Hill police", "the Hoa Lo prison".
_HEAD_NOUNS = frozenset(
    "Police Prison Hospital School College University Airport Station Stadium Museum Church Court Council "
    "Party Company Group Bank Agency Ministry Department Army Club Team".split()
)
# Days and months follow names ("Jane Roe Monday said"): they end the name, not the person.
_DATE_WORDS = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


_GERUND = re.compile(r"\w{3,}ing")  # "Introducing", "Featuring": a verb before a name, unless a first name ("Irving")
_NO_IDS: frozenset[str] = frozenset()
ENGLISH_OR_UNKNOWN = (None, "en", "und")  # a surname only the taxonomy or only this article knows


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
        self.speech = taxonomy.speech
        self._inflected: dict[str, _Inflected | None] = {}
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
        self.names = [(actor.id, name) for actor in taxonomy.actors for name in (actor.name, *actor.aliases)]
        self.title_before = re.compile(r"(?:" + "|".join(re.escape(t) for t in titles) + r")\s+$") if titles else None
        self.discovery = Discovery(self.roles, self, taxonomy.speech)

    def scan(self, blocks: list[str], credits: list[str], year: int | None = None,
             language: str | None = None) -> ScanResult:
        """Find actors in text blocks (title, summary, paragraphs, captions), in reading order;
        in an inflected `language` (one with name endings in speech.yml) names in their case forms."""
        by_block: list[list[Mention]] = [[] for _ in blocks]
        fully_named: set[str] = set()
        inflected = self.inflected(language)
        full_re, full_names = (inflected.full_re, inflected.full_id) if inflected else (self.full_re, self._full_id)
        for b, text in enumerate(blocks):
            for match in full_re.finditer(text) if full_re else ():
                actor_id = full_names(match[0])
                if actor_id:
                    by_block[b].append(Mention(actor_id, b, match.start(), match.end()))
                    fully_named.add(actor_id)
        discovered = self.discovery.find(blocks, " ".join(credits).casefold(), language)
        # Their surnames join the taxonomy's for this article only, in a small pattern of their
        # own: compiling the taxonomy's surnames again would cost 20 ms with 2,000 of them.
        discovered_ids: dict[str, set[str]] = {}
        for person in discovered.values():
            for written in (person.name, *person.aliases):
                discovered_ids.setdefault(_surname(written), set()).add(person.id)
            fully_named.add(person.id)
        own_surnames = inflected.surname_re if inflected else self.surname_re
        surname_res = [p for p in (own_surnames, _alternation(discovered_ids)) if p]
        discovered_res = [(p.id, re.compile("|".join(_variant_pattern(w) for w in (p.name, *p.aliases))))
                          for p in discovered.values()]
        for b, text in enumerate(blocks):
            found = by_block[b]
            for person_id, pattern in discovered_res:
                found += [Mention(person_id, b, m.start(), m.end()) for m in pattern.finditer(text)]
            taken = _Spans((m.start, m.end) for m in found)  # full names: their surnames are not counted again
            for match in first_matches(surname_res, text) if surname_res else ():
                if match.start() in taken:
                    continue
                surname = inflected.base(match[0]) if inflected else match[0]
                ids = self.surnames.get(surname, _NO_IDS) | discovered_ids.get(match[0], _NO_IDS)
                actor_id = self._surname_owner(ids, fully_named, text[: match.start()], language)
                if actor_id:
                    found.append(Mention(actor_id, b, match.start(), match.end()))
                    fully_named.add(actor_id)  # after "President Trump", "Trump" alone is him too
        mentions = sorted((m for found in by_block for m in found), key=lambda m: (m.block, m.start))
        return ScanResult(self._summarise(mentions, discovered, year), mentions)

    def _full_id(self, written: str) -> str | None:
        return self.full_names.get(_key(written))

    def inflected(self, language: str | None) -> _Inflected | None:
        """The actors' names in their case forms, for a language with name endings (built once)."""
        if language not in self._inflected:
            endings = self.speech.for_language(language).name_endings
            self._inflected[language] = _Inflected(self, endings) if endings else None
        return self._inflected[language]

    def _surname_owner(self, ids: set[str] | frozenset[str], fully_named: set[str], before: str,
                       language: str | None) -> str | None:
        named = ids & fully_named
        if len(named) == 1:
            return next(iter(named))
        if len(ids) == 1 and self.title_before and self.title_before.search(before[-40:]):
            return next(iter(ids))  # "President Trump" without a full name
        if len(ids) == 1 and language not in ENGLISH_OR_UNKNOWN and next(iter(ids)) in self.entries:
            return next(iter(ids))  # "Шойгу заявил": the English titles that would tell are not written
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
                result.append(ActorMention(person.id, person.name, count, auto=True, role=person.role,
                                           aliases=person.aliases))
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


_STEM_END = "аяоеёуюыиіїєйьaeiouyąęó"  # a final vowel or soft sign a case ending replaces


class _Inflected:
    """Names of the taxonomy in the case forms of an inflected language: each word of a name
    is the word itself, or its stem (without a final vowel or soft sign) or the word, with one
    of the language's endings ("Лавров" -> "Лаврова", "Сергей" -> "Сергея", "Szojgu" -> "Szojgę",
    "Szojgua"). A form found is read back as the word of the name it was made from."""

    def __init__(self, scanner: ActorScanner, endings: tuple[str, ...]):
        self.scanner = scanner
        self.words: dict[str, str] = {}  # form -> the name's word
        ending = "(?:" + "|".join(map(re.escape, sorted(endings, key=len, reverse=True))) + ")"
        variants: set[str] = set()
        for _, name in scanner.names:
            tokens = re.split(_SEP, name.strip())
            for token in tokens:
                for form in _forms(token, endings):
                    self.words.setdefault(form, token)
            variants.add(_SEP.join(_word_pattern(t, ending) for t in tokens))
        for surname in scanner.surnames:
            for form in _forms(surname, endings):
                self.words.setdefault(form, surname)
        self.full_re = _names(sorted(variants, key=len, reverse=True))
        self.surname_re = _names([_word_pattern(s, ending) for s in sorted(scanner.surnames, key=len, reverse=True)])

    def base(self, word: str) -> str:
        return self.words.get(word, word)

    def full_id(self, written: str) -> str | None:
        return self.scanner.full_names.get(_key(" ".join(self.base(t) for t in re.split(_SEP, written.strip()))))


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1].lower() in _STEM_END else word


def _forms(word: str, endings: tuple[str, ...]) -> set[str]:
    return {word} | {base + e for base in {word, _stem(word)} for e in endings}


def _word_pattern(word: str, ending: str) -> str:
    if len(word) < 3 or word.endswith("."):  # an initial or a title: as written
        return re.escape(word)
    return f"(?:{re.escape(word)}|{re.escape(_stem(word))}){ending}?"


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




@dataclass(frozen=True)
class _Speaks:
    """Speech verbs (taxonomy/speech.yml) whose subject is a person when it is a name: "Aliyev
    told", "said Ilham Aliyev", "заявила Анна Кузнецова", "erklärte die Abgeordnete Katrin Vogel"."""
    after: re.Pattern[str]
    before: re.Pattern[str]
    words: frozenset[str]  # the verbs' words, lower case: a cheap test before `before` is searched

    @classmethod
    def of(cls, speech: LanguageSpeech) -> _Speaks:
        verbs = "|".join(r"\s+".join(map(re.escape, v.split())) for v in sorted(speech.verbs, key=len, reverse=True))
        ahead = "|".join(r"\s+".join(map(re.escape, p.split())) for p in speech.before_speaker)
        speech_verb = rf"(?:{verbs or '(?!)'})"
        return cls(re.compile(rf",?\s+(?:[{_LOWER}]+ly\s+)?{speech_verb}(?!\w)"),
                   # between the verb and the name: up to three words of a role ("the analyst")
                   re.compile(rf"(?<!\w)(?i:{speech_verb}|{ahead or '(?!)'})\s+(?P<between>(?:[\w'’-]+\s+){{0,3}})$"),
                   frozenset(w.lower() for v in (*speech.verbs, *speech.before_speaker) for w in v.split()))

    def spoken_before(self, before: str) -> re.Match[str] | None:
        """A speech verb up to three words before a name ("said", "said the analyst")."""
        if not any(word.lower() in self.words for word in before.split()[-4:]):
            return None
        return self.before.search(before)


_SIGNED_POST = re.compile(r"\s*\S{0,12}\s*\(@\w+\)")  # an embedded post signed "— Name (@handle)"
_POSSESSIVE_BEFORE = re.compile(r"\w['’]s\s+$|\ws['’]\s+$")  # "Spain’s Rafael Nadal", "the Heights' Ann Roe"
# Words before a capitalised run that make it a thing rather than a speaker: "of Ceres Robotics, said".
_THING_LEAD = frozenset("the of at for from in on with by to into".split())
_INVERTED = re.compile(r"\s+(?!that\b)[^\W\d_]")  # ", said the minister": the verb's subject follows it
_LAST_WORD = re.compile(r"([\w'’.]+)\s*$")
_NEXT_WORD = re.compile(r"\s+([\w'’]+)")
_SENTENCE_END = tuple(".!?:;\"“”‘’'•|—–-")
_ROLE_COMMA_BEFORE = 90  # how far back a role phrase ending in a comma is looked for
_LOOK_BACK = 60  # the words before a name that tell what it is (never the whole text: that would be quadratic)
TITLE_CASE_SHARE = 0.6  # a block with more capitalised words than this is a headline: its words prove no names


COMMON_NAME = 8  # gender-guesser's frequency scale (1-13): John 10, Robert 9, Tom 8; Take 2, Will 4
RAREST_NAME = 1  # the bottom of that scale: Red, Forest, Night are names somewhere, words mostly


@functools.lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(_first_names())


def is_given_name(word: str) -> bool:
    """A first name of the dictionary, as written or in Latin letters ("Анна" is "Anna")."""
    return word in _given_names() or (not word.isascii() and anyascii(word) in _given_names())


def _first_word(name: str) -> str:
    return name.split()[0].split("-")[0]  # "Pierre-Hugues": Pierre


def _rarest_name(word: str) -> bool:
    """A first name at the bottom of the dictionary's scale, as written or in Latin letters."""
    frequency = _first_names().get(word) or _first_names().get(anyascii(word), 0)
    return frequency <= RAREST_NAME


@functools.lru_cache(maxsize=1)
def _common_given_names() -> frozenset[str]:
    """First names frequent enough to be names even where they are common words too ("John")."""
    return frozenset(name for name, frequency in _first_names().items() if frequency >= COMMON_NAME)


@functools.lru_cache(maxsize=1)
def _name_dictionary() -> dict[str, dict[str, str]]:
    """The gender-guesser package's dictionary: first name -> {gender: per country one
    hexadecimal digit of how common it is, blank if unknown}."""
    from gender_guesser.detector import Detector  # 0.2 s to read: only when a name needs it
    return Detector().names


@functools.lru_cache(maxsize=1)
def _first_names() -> dict[str, int]:
    """First names of many countries and how common each is at most in one country."""
    return {name: max((int(c, 16) for counts in genders.values() for c in counts if c.strip()), default=0)
            for name, genders in _name_dictionary().items() if name.isalpha()}


_GENDERS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


GENDER_SHARE = 0.8  # of the name's frequency, over all countries, that one gender must hold


def first_name_gender(name: str) -> str | None:
    """"m" or "f" for a first name the dictionary gives mostly one gender (Mike, Valerie), else None."""
    weight = Counter[str]()
    for gender, counts in _name_dictionary().get(name, {}).items():
        frequency = sum(int(c, 16) for c in counts if c.strip())
        share = 0.5 if gender.startswith("mostly_") else 1.0  # "mostly" counts half: Taylor is no one's
        weight[_GENDERS.get(gender, "")] += share * frequency
        weight[""] += (1 - share) * frequency
    top = max(("m", "f"), key=weight.__getitem__)
    return top if weight.total() and weight[top] >= GENDER_SHARE * weight.total() else None


@functools.lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Georgia, Jordan, Israel: first names that are countries first (CLDR's names, from Babel)."""
    return frozenset(babel.Locale("en").territories.values())


@functools.lru_cache(maxsize=1)
def _all_stop_words() -> frozenset[str]:
    """Every language's function words, for a text too short to tell its language."""
    return frozenset().union(*article_block.stop_lists().values())


def _surname(name: str) -> str:
    words = name.replace(",", "").removesuffix(" Jr.").removesuffix(" Sr.").split()
    return words[-2] if words[-1] in _REGNAL else words[-1]


def _title_cased(text: str) -> bool:
    words = text.split()
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= 4 and capitalised > TITLE_CASE_SHARE * len(words)


# A capitalised run after a preposition of place is a place: people are not "in" or "near" anyone
# (a possessive is: "in Jane Roe's view").
_PLACE = re.compile(rf"\b(?:in|near|across|outside|inside|around|towards|toward|via)\s+"
                    rf"((?:[{_UPPER}][{_LOWER}]+\s){{1,3}}[{_UPPER}][{_LOWER}]+)\b(?!['’])")
# A dateline glued to the paragraph it opens names a place: "Port Roe (Example News)The council
# met". (The cleaner lifts one with a dash, "Port Roe (AP) —"; "Ann Roe (D-Maine) said" is a person.)
_DATELINE = re.compile(rf"((?:[{_UPPER}][{_LOWER}]+\s){{1,3}}?[{_UPPER}][{_LOWER}]+)(?:,\s+[{_UPPER}][\w.]+)?"
                       rf"\s*\([^()]{{2,40}}\)[{_UPPER}]")


@dataclass
class _Page:
    """What the whole article says about words: which occur in lower case (common words, not
    names) and how often each capitalised word occurs (a surname seen again alone)."""
    stops: frozenset[str]  # the function words of the text's language, if it can be told
    opening_words: frozenset[str]  # words that open a sentence, not a name: those, or every language's
    lower_words: set[str]
    capitalised: Counter[str]
    places: frozenset[str]  # names the text writes as a place somewhere ("in Hong Kong")

    @classmethod
    def read(cls, blocks: list[str]) -> _Page:
        text = " ".join(blocks)
        words = re.findall(r"[^\W\d_][\w'’-]*", text)
        stops = article_block.stop_words(blocks)
        runs = [*_PLACE.findall(text), *(m[1] for b in blocks if (m := _DATELINE.match(b)))]
        places = frozenset(" ".join(run.split()[:n]) for run in runs for n in range(2, len(run.split()) + 1))
        return cls(stops, stops or _all_stop_words(), {w for w in words if w.islower()},
                   Counter(w for w in words if w[0].isupper()), places)


class Discovery:
    """People the taxonomy does not list, found by what the text says of them.

    Every run of two to four capitalised words (with initials, particles such as "von", a
    "Jr.") is a candidate name; it becomes a person on evidence:
      * a role phrase right after it ("Derek Chollet, a former senior Pentagon official,",
        "Alexander Grushko, Russia's deputy foreign minister") or right before it ("national
        security adviser Michael Flynn", "Russia's deputy foreign minister, Alexander Grushko");
      * a title before it ("Gen.", "Dr.", "Senator"), a speech verb it is the subject of
        ("said Ilham Aliyev", "Jane Roe told", "according to Jane Roe"), a post it signs;
      * a known first name, inside a sentence of prose; at a sentence start (where any word is
        capitalised), or with a first name the dictionary holds rarest ("Night Mode"), only
        once its surname recurs alone, or after a possessive ("Spain's").
    Never a name in a headline-cased block without other evidence, one a credit or byline
    gives, or one with a word of an organisation, place or date. Checking the context of each
    candidate (anchored matches) keeps this linear.
    """

    def __init__(self, roles: Roles, scanner: ActorScanner, speech: Speech):
        self.roles = roles
        self.scanner = scanner
        self.speech = speech
        self._speaks: dict[str | None, _Speaks] = {}
        self.title_words = {w.rstrip(".") for t in roles.titles for w in t.split()}
        nouns = "|".join([*sorted((re.escape(n) for n in roles.role_nouns), key=len, reverse=True),
                          rf"[a-z]+(?:{'|'.join(_AGENT_ENDINGS)})"])
        titles = "|".join(sorted((re.escape(t) for t in roles.titles), key=len, reverse=True)) or "(?!)"
        possessive = r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?['’]s\s+)?"  # "Russia's", "the White House's"
        self.after = (
            re.compile(r",\s+(?:a|an|the)\s+(?P<role>[^,.;]{3,90}?)(?=[,.;]|\s+who\b)"),
            # "Steve Roe, Senior Vice President of Sales,", "Peng Roe — project manager for ..."
            re.compile(rf"(?:,|\s+[—–])\s+(?P<role>{possessive}(?:[A-Z][\w.&-]*\s+){{0,4}}[A-Za-z][^,.;—–]{{3,90}}?)"
                       r"(?=[,.;—–]|\s+who\b|$)"),
        )
        # Each pattern ends the window, so the window must end with one of its words: a cheap
        # test that spares most searches (a search tries every start in the window).
        title_words = tuple(t.strip() for t in roles.titles)
        self.noun_words = noun_words = (*(n.strip() for n in roles.role_nouns), *_AGENT_ENDINGS)
        # The third names a role in lower-case words, which may run on from a longer phrase
        # ("a company owned by talent manager"): its role starts after the last linking word.
        self.before = (
            (title_words, re.compile(rf"(?P<role>[A-Z][\w ]{{3,60}}),\s+(?:{titles})\s+$"), False),
            (title_words, re.compile(rf"(?P<role>(?:[A-Z][\w.]*\s+){{0,3}}\b(?:{titles}))\s+$"), False),
            (noun_words, re.compile(rf"(?P<role>\b(?:[a-z][\w-]*\s+){{0,4}}(?:{nouns}))\s+$"), True),
        )
        self.before_comma = re.compile(rf"(?P<role>{possessive}(?:[a-z][\w-]*\s+){{0,4}}(?:{nouns})),\s+$")
        markers = "|".join(sorted((re.escape(m) for m in roles.credit_markers), key=len, reverse=True)) or "(?!)"
        # A credit marker opens its line or follows punctuation ("Photo by X", "(Photo: X"): "a
        # survey by Jane Roe" is prose.
        self.credit_before = re.compile(rf"(?:^|[^\w\s])\s*(?:{markers})\s*$")
        self.stop = re.compile(rf"\s*(?:[,.;:)(]|['’]s\b|$)|\s+[{_LOWER}]")  # the name ends: "manager Ann Roe earlier"

    def find(self, blocks: list[str], credited: str, language: str | None = None) -> dict[str, ActorMention]:
        """People named in `blocks`; names in `credited` (photo credits, bylines; case-folded,
        as a byline may be in capitals) never count.
        The speech verbs of English and of the article's `language` are evidence."""
        if language not in self._speaks:
            self._speaks[language] = _Speaks.of(self.speech.for_language(language))
        self.speaks = self._speaks[language]
        page = _Page.read(blocks)
        found: dict[str, ActorMention] = {}
        at_sentence_start: dict[str, str] = {}  # first-name candidates waiting for their surname alone
        named = Counter[str]()
        for text in blocks:
            headline = _title_cased(text)
            taken_until = -1
            for match in _CANDIDATE.finditer(text):
                start = match.start(1)
                name = self._trimmed(match[1], page)
                if start < taken_until or not name:
                    continue
                end, before = start + len(name), text[max(0, start - _LOOK_BACK):start]
                if self._excluded(name, text, start, end, credited):
                    continue
                named[name] += 1
                role = next((r for r in self._roles(text, start, end) if self._plausible(r)), None)
                if name in page.places and not role:  # "in Hong Kong": a place, unless a role says otherwise
                    continue
                if role or self._evidence(text, start, end) or (not headline and self._first_named(name, before, page)):
                    taken_until = end
                    self._add(found, name, role)
                elif not headline and self._known_first_name(name, page) \
                        and (_at_sentence_start(before) or _rarest_name(_first_word(name))):
                    at_sentence_start.setdefault(name, name)
        for name in at_sentence_start:
            if page.capitalised[_surname(name)] > named[name]:  # "Tom Brown ... Brown said"
                self._add(found, name, None)
        return _one_per_person(_without_tails(found))

    def _add(self, found: dict[str, ActorMention], name: str, role: str | None) -> None:
        """A person found; one written in another script is named in Latin letters (anyascii),
        the spelling of the text kept as an alias."""
        aliases = (name,) if _transliterated(name) else ()
        shown = anyascii(name) if aliases else name
        person_id = self.scanner.new_id(shown)
        if person_id not in found or (role and not found[person_id].role):
            found[person_id] = ActorMention(person_id, shown, 0, auto=True, role=role, aliases=aliases)

    def _roles(self, text: str, start: int, end: int) -> Iterator[str]:
        """Role phrases around a candidate name, after it first."""
        for pattern in self.after:
            if match := pattern.match(text, end):
                yield match["role"].strip()
        window = text[max(0, start - _ROLE_COMMA_BEFORE):start]
        if window.endswith(", ") and window[:-2].endswith(self.noun_words) and (match := self.before_comma.search(window)):
            yield match["role"].strip()
        if self.stop.match(text, end):
            ending = window.rstrip()
            for last_words, pattern, runs_on in self.before:
                if ending.endswith(last_words) and (match := pattern.search(window)):
                    yield _role_before(match["role"], runs_on)

    def _evidence(self, text: str, start: int, end: int) -> bool:
        """A title before the name, a speech verb it is the subject of, a post it signs."""
        before = text[max(0, start - 40):start]
        title = self.scanner.title_before
        speaks_before = self.speaks.spoken_before(before)
        between = speaks_before["between"].split() if speaks_before else ()
        given = is_given_name(text[start:end].split()[0])
        # "The label, Acme Records, says": a name between commas before the verb is an apposition
        speaks_after = self.speaks.after.match(text, end)
        if speaks_after and speaks_after[0].startswith(",") and _INVERTED.match(text, speaks_after.end()):
            speaks_after = None  # "dubbed the Black Death, say officials": the officials speak
        return bool((speaks_after and _last_word(before).casefold() not in _THING_LEAD
                     and (given or not speaks_after[0].startswith(",") or not before.rstrip().endswith(",")))
                    or (speaks_before and (all(w.islower() for w in between) or given))
                    or (given and _SIGNED_POST.match(text, end))  # a brand signs posts too
                    or (title and title.search(before)))

    def _first_named(self, name: str, before: str, page: _Page) -> bool:
        """A known first name inside a sentence, or after a possessive ("Spain's Rafael Nadal");
        not right after "the" or another capitalised word ("the Hazel Hen computer", "San Jose
        Mercury"), where it is part of a longer proper name."""
        if not self._known_first_name(name, page) or _rarest_name(_first_word(name)):
            return False  # the rarest first names are words first ("Night Mode"): they wait for their surname
        if before.rfind("(") > before.rfind(")"):
            return False  # "(illustrated by Jane Roe)", "(Acme Band, Jane Roe)": an aside names in passing
        before = before[-40:]
        if _POSSESSIVE_BEFORE.search(before):
            return True
        last = _last_word(before)
        if _at_sentence_start(before) or last.casefold() == "the":
            return False
        return not last[:1].isupper() or last.isupper() or last.rstrip(".") in self.title_words  # "NFL", "Gen."

    def _known_first_name(self, name: str, page: _Page) -> bool:
        first = _first_word(name)
        return (is_given_name(first) and first not in _country_names()
                and (first.casefold() not in page.stops or first in _common_given_names())
                and not any(t[0].isupper() and t.casefold() in page.lower_words for t in name.split()))

    def _trimmed(self, name: str, page: _Page) -> str | None:
        """The name without trailing words no name has ("Jane Roe Monday" -> "Jane Roe");
        None if it opens with such a word or a function word ("But Jane Roe")."""
        tokens = name.split()
        first = tokens[0].casefold()
        # jusText's lists hold frequent first names too ("john"): one opens a name unless the
        # text also writes it in lower case ("The Hill": "the").
        if first in page.opening_words and (first in page.lower_words or not is_given_name(tokens[0])) \
                or first in self.roles.role_nouns or _GERUND.fullmatch(first) and not is_given_name(tokens[0]):
            return None  # "But Jane Roe", "Introducing Jane Roe" (a run starting later is a candidate too)
        while tokens and tokens[-1] in _DATE_WORDS:
            tokens.pop()
        if len(tokens) < 2 or self._starts_later(tokens) or not self._person_like(tokens):
            return None
        return " ".join(tokens)

    @staticmethod
    def _starts_later(tokens: list[str]) -> bool:
        """"Karma Automotive Andreas Thurner": the name is the run that opens with a first name
        further on (a run starting there is a candidate too). "Carrie Ann Inaba" is one name."""
        given = _given_names()
        first_is_given = tokens[0] in given
        return any(tokens[i] in given and (i >= 2 or not first_is_given) for i in range(1, len(tokens) - 1))

    def _person_like(self, tokens: list[str]) -> bool:
        return tokens[0][0].isupper() and not any(
            t.rstrip(".,") in ORGANISATION_WORDS or t.rstrip(".") in self.title_words
            or (t.isalpha() and t.isupper() and len(t) > 1 and t not in _REGNAL)
            for t in tokens)

    def _excluded(self, name: str, text: str, start: int, end: int, credited: str) -> bool:
        """Known to the taxonomy, credited, or the start of an organisation's name ("Hong Kong
        Polytechnic University": the word after it)."""
        if self.scanner.is_known(name) or name.casefold() in credited:
            return True
        following = _NEXT_WORD.match(text, end)
        if following and (following[1] in ORGANISATION_WORDS or following[1].capitalize() in _HEAD_NOUNS):
            return True
        return bool(self.credit_before.search(text[max(0, start - 30):start].lower()))

    def _plausible(self, role: str) -> bool:
        if self.speaks.after.match(" " + role):
            return False  # ", say officials": the speaker of an inverted verb, not a role of the name
        head = _head_word(role)
        return head in self.roles.role_nouns or head.endswith(_AGENT_ENDINGS) or _has_title(role, self.roles)


def _transliterated(name: str) -> bool:
    """A name in a script other than Latin ("Анна Кузнецова"), not one with accents ("Lucía")."""
    return any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def _last_word(text: str) -> str:
    return match[1] if (match := _LAST_WORD.search(text[-40:])) else ""


def _without_tails(found: dict[str, ActorMention]) -> dict[str, ActorMention]:
    """"Van Der Beek" alone is "James Van Der Beek", named in full elsewhere."""
    tails = {" ".join(tokens[i:]) for tokens in (p.name.casefold().split() for p in found.values())
             for i in range(1, len(tokens))}
    return {person_id: person for person_id, person in found.items() if person.name.casefold() not in tails}


def _one_per_person(found: dict[str, ActorMention]) -> dict[str, ActorMention]:
    """"Patrick Roe Jr.", "Patrick W. Roe" and "Pat Roe" in one text are one person: the same
    surname and first name (or its short form), no two different middle initials. The fullest
    spelling (most letters: "John Milo Roe", not "John M. Roe") names them, the others its aliases."""
    kept: dict[str, list[ActorMention]] = {}  # surname -> people kept
    result: dict[str, ActorMention] = {}
    for person_id, person in found.items():
        same = kept.setdefault(_surname(person.name).casefold(), [])
        twin = next((k for k in same if _same_person(k.name, person.name)), None)
        if twin is None:
            same.append(person)
            result[person_id] = person
        else:
            full, other = (person, twin) if _letters(person.name) > _letters(twin.name) else (twin, person)
            merged = replace(full, aliases=(*full.aliases, other.name, *other.aliases), role=full.role or other.role)
            del result[twin.id]
            same[same.index(twin)] = result[merged.id] = merged
    return result


def _letters(name: str) -> int:
    return sum(ch.isalpha() for ch in name)


def _same_person(one: str, other: str) -> bool:
    """Two spellings with one surname (checked before) name one person unless their first names,
    middle initials or suffixes differ: "Ann Roe Sr." is not "Ann Roe Jr.", "Chris" is not "Christine"."""
    first, second = one.split()[0], other.split()[0]
    short, long = sorted((first.casefold(), second.casefold()), key=len)
    if short != long and (len(short) < 3 or not long.startswith(short)
                          or len({first_name_gender(first), first_name_gender(second)} - {None}) > 1):
        return False
    return all(len(parts) == 1 or frozenset() in parts
               for parts in ({frozenset(re.findall(r"\b[A-Z]\.", name)) for name in (one, other)},
                             {frozenset(_NAME_SUFFIX.findall(name)) for name in (one, other)}))


def _at_sentence_start(before: str) -> bool:
    before = before.rstrip()
    return not before or before.endswith(_SENTENCE_END) or "\n" in before[-2:]


# Endings of nouns that name what a person does: "immunologist", "technician", "photographer".
_AGENT_ENDINGS = ("ologist", "ician", "ographer")
# Words that end the head of a role phrase: "official during the ...", "consultancy founded by ...".
_ROLE_PHRASE_END = frozenset("of at for with during in on by from to who that which whose founded based and under "
                             "against as like than after before about over into through between among".split())


def _head_word(role: str) -> str:
    """The noun a role phrase is about: 'former senior Pentagon official during X' -> 'official'.
    'a consultancy founded by a former ambassador' -> 'consultancy' (not a person)."""
    head = []
    for word in role.lower().split():
        if word in _ROLE_PHRASE_END:
            break
        head.append(word.strip(".,;:"))
    return head[-1] if head else ""


# Words that open a phrase before its role ("the immunologist", "When Afghan President").
_OPENING_WORDS = frozenset("a an the his her their its our my your this that these those what when while".split())


def _role_before(phrase: str, runs_on: bool) -> str:
    """A role phrase right before a name without the function words opening it ("When Afghan
    President" -> "Afghan President"); one that `runs_on` from a longer phrase from its last
    linking word on ("a company owned by talent manager" -> "talent manager")."""
    words = phrase.split()
    links = [i for i, word in enumerate(words) if word.lower() in _ROLE_PHRASE_END] if runs_on else []
    if links and links[-1] < len(words) - 1:
        words = words[links[-1] + 1:]
    while len(words) > 1 and words[0].casefold() in _OPENING_WORDS:
        words.pop(0)
    return " ".join(words)


def _has_title(role: str, roles: Roles) -> bool:
    """"deputy Director", or a post opening the phrase: "President Example North America"."""
    return any(role == t or role.endswith(" " + t) or (role.startswith(t + " ") and not t.endswith("."))
               for t in roles.titles)
