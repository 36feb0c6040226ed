"""User-editable data files: actors, topics, outlets, roles, speech and page furniture.

Loaded once per build into typed, pre-compiled form. Each file is checked against a
schema (pydantic models of the YAML as written) before any record is built: a broken
file is reported (TaxonomyError) with one line per problem, `file: entry: field: problem`,
never silently ignored.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import regex
import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, RootModel, \
    ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from generator.patterns import Budget, UserPattern, compile_pattern
from generator.slugs import RESERVED, is_slug, slugify
from generator.yamldata import load_data, where

FILES = ("actors", "topics", "outlets", "roles", "furniture", "speech")


class TaxonomyError(Exception):
    pass


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    aliases: tuple[str, ...]
    surnames: tuple[str, ...]
    roles: tuple[dict[str, Any], ...]
    affiliation: str | None
    country: str | None

    @property
    def role(self) -> str | None:
        """The most recent role, for display."""
        return self.roles[-1].get("title") if self.roles else None

    def role_in(self, year: int | None) -> str | None:
        """The role held in that year (an article from 2017 calls Pompeo CIA director);
        the most recent role when the year is unknown or no role covers it."""
        for role in reversed(self.roles):
            if year and role.get("from", 0) <= year <= role.get("to", 9999):
                return role.get("title")
        return self.role


@dataclass(frozen=True)
class TopicPattern:
    pattern: UserPattern
    weight: float


@dataclass(frozen=True)
class TopicEntry:
    id: str
    name: str
    definition: str
    requires: tuple[UserPattern, ...]
    patterns: tuple[TopicPattern, ...]
    primary: float
    primary_sentences: int
    mentioned: float


# What an outlet is, in a reader's words (`kind` in outlets.yml); "publisher" says nothing more.
OUTLET_KINDS = {"publisher": None, "wire": "News agency", "newspaper": "Newspaper", "magazine": "Magazine",
                "broadcaster": "Broadcaster", "online": "Online news site"}
OUTLET_OWNERS = {"state": "State media", "public": "Public"}  # who owns or funds it (`owner`)


@dataclass(frozen=True)
class OutletEntry:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    wire: bool = False  # a news agency whose copy other outlets print (`kind: wire`)
    kind: str = "publisher"
    owner: str | None = None  # "state" or "public"
    country: str | None = None

    @property
    def profile(self) -> str | None:
        """What the outlet is, for readers: "State media · News agency · Russia",
        "Public broadcaster · United Kingdom"; None when outlets.yml says nothing."""
        kind = OUTLET_KINDS[self.kind]
        if self.owner == "public":  # "Public broadcaster", "Public newspaper"
            parts = [f"Public {(kind or 'media').lower()}"]
        else:
            parts = [OUTLET_OWNERS.get(self.owner or ""), kind]
        return " · ".join(p for p in (*parts, self.country) if p) or None


@dataclass(frozen=True)
class FurnitureRule:
    name: str
    patterns: tuple[regex.Pattern[str], ...]


@dataclass(frozen=True)
class Furniture:
    """Page-furniture rules (furniture.yml) in file order. A line is dropped by the first
    rule that lists it or has a pattern matching all of it."""

    rules: tuple[FurnitureRule, ...]
    listed: dict[str, int]  # line key -> index of the first rule that lists it
    # Every rule's patterns in one alternation: most lines match none, and are tested once.
    any_pattern: regex.Pattern[str] | None

    def rule_for(self, line: str, budget: Budget | None = None) -> str | None:
        """`budget` limits the time of each pattern on the article the line is from."""
        budget = budget or Budget(len(line))
        first = self.listed.get(_line_key(line), len(self.rules))
        stripped = line.strip(" •·|")
        # When the alternation runs out of time, each pattern is tried alone: the slow one is named.
        if first and self.any_pattern and budget.run("furniture.yml: all patterns", lambda seconds: self._any(stripped, seconds),
                                                     True, report=False):
            first = next((i for i, rule in enumerate(self.rules[:first])
                          if any(_fullmatches(p, stripped, budget) for p in rule.patterns)), first)
        return self.rules[first].name if first < len(self.rules) else None

    def _any(self, line: str, seconds: float) -> bool:
        return self.any_pattern is not None and self.any_pattern.fullmatch(line, timeout=seconds) is not None


def _fullmatches(pattern: regex.Pattern[str], line: str, budget: Budget) -> bool:
    return budget.run(f"furniture.yml: pattern {pattern.pattern!r}",
                      lambda seconds: pattern.fullmatch(line, timeout=seconds) is not None, False)


@dataclass(frozen=True)
class Roles:
    titles: tuple[str, ...]
    role_nouns: frozenset[str]
    credit_markers: tuple[str, ...]


@dataclass(frozen=True)
class LanguageSpeech:
    """How one language (or several, merged) attributes speech; see taxonomy/speech.yml."""
    verbs: tuple[str, ...] = ()
    before_speaker: tuple[str, ...] = ()
    pronouns: tuple[tuple[str, str], ...] = ()  # (pronoun, "m" / "f" / "organisation")
    name_endings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Speech:
    quote_marks: tuple[tuple[str, str], ...]  # (opening mark, the marks that close it)
    languages: tuple[tuple[str, LanguageSpeech], ...]

    def for_language(self, language: str | None) -> LanguageSpeech:
        """English's words and the article's language's, merged; the endings are the language's own."""
        by_code = dict(self.languages)
        english, own = by_code.get("en", LanguageSpeech()), by_code.get(language or "", LanguageSpeech())
        if own is english:
            return english
        return LanguageSpeech(english.verbs + own.verbs, english.before_speaker + own.before_speaker,
                              english.pronouns + own.pronouns, own.name_endings)


@dataclass(frozen=True)
class Taxonomy:
    actors: tuple[ActorEntry, ...]
    topics: tuple[TopicEntry, ...]
    outlets: tuple[OutletEntry, ...]
    roles: Roles
    furniture: Furniture
    speech: Speech
    digests: dict[str, str] = field(default_factory=dict)  # file stem -> sha256, for the cache


def _line_key(line: str) -> str:
    return line.strip(" \t•·|:-–—.!").casefold()


def load_taxonomy(directory: Path) -> Taxonomy:
    """Every data file, validated (one problem line per bad field, all files at once) and compiled."""
    raw: dict[str, Any] = {}
    digests: dict[str, str] = {}
    for stem in FILES:
        path = directory / f"{stem}.yml"
        try:
            data = path.read_bytes()
            raw[stem] = load_data(data)
        except FileNotFoundError:
            raise TaxonomyError(f"{path}: taxonomy file is missing") from None
        except yaml.YAMLError as err:
            raise TaxonomyError(f"{path}: invalid YAML{where(err)}") from None
        digests[stem] = hashlib.sha256(data).hexdigest()
    specs: dict[str, Any] = {}
    problems: list[str] = []
    for stem, (kind, schema) in SCHEMAS.items():
        found, file_problems = _validate(schema, raw[stem], kind)
        specs[stem] = found
        problems += [f"{directory / f'{stem}.yml'}: {problem}" for problem in file_problems]
    if problems:
        raise TaxonomyError("\n".join(problems))
    return Taxonomy(
        actors=tuple(_actor(a) for a in specs["actors"].root),
        topics=tuple(_topic(t) for t in specs["topics"].root),
        outlets=tuple(_outlet(o) for o in specs["outlets"].root),
        roles=_roles(specs["roles"]),
        furniture=_furniture(specs["furniture"].root),
        speech=_speech(specs["speech"]),
        digests=digests,
    )


# The schema of each file. The models check the YAML as written (types, required fields,
# slugs, patterns that compile); the frozen records above are built from them.

def _none_as_empty(value: Any) -> Any:
    return () if value is None else value


def _many(item: Any) -> Any:
    """A list in the YAML, or nothing (`aliases:` with no value), held as a tuple."""
    return Annotated[tuple[item, ...], BeforeValidator(_none_as_empty)]


def _slug(value: str) -> str:
    if not is_slug(value):
        raise PydanticCustomError("slug", "{value} is not a slug (lower-case letters, digits and hyphens); "
                                  "{suggestion} would be", {"value": repr(value), "suggestion": repr(slugify(value))})
    if value in RESERVED:
        raise PydanticCustomError("reserved", "{value} is the name of the overview page", {"value": repr(value)})
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    return value


def _regex(value: Any) -> regex.Pattern[str]:
    try:
        return compile_pattern(_string(value))
    except regex.error as err:
        raise PydanticCustomError("regex", "not a valid regular expression: {error}", {"error": str(err)}) from None


def _user_pattern(value: Any) -> UserPattern:
    _regex(value)
    return UserPattern(value)


Strings = _many(str)
Id = Annotated[str, AfterValidator(_slug)]
Regex = Annotated[str, PlainValidator(lambda value: _regex(value).pattern)]  # checked here, compiled with its rule
TopicRegex = Annotated[UserPattern, PlainValidator(_user_pattern)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, allow_inf_nan=False)


class RoleSpec(_Spec):
    title: str
    from_: int | None = Field(None, alias="from")
    to: int | None = None


class ActorSpec(_Spec):
    id: Id
    name: str
    aliases: Strings = ()
    surnames: Strings = ()
    roles: _many(RoleSpec) = ()
    affiliation: str | None = None
    country: str | None = None


class PatternSpec(_Spec):
    pattern: TopicRegex
    weight: float = 1


class TopicSpec(_Spec):
    id: Id
    name: str
    definition: str | None = ""
    requires: _many(TopicRegex) = ()
    patterns: tuple[PatternSpec, ...]
    primary: float = 6
    primary_sentences: int = 2
    mentioned: float = 2


class OutletSpec(_Spec):
    name: str
    aliases: Strings = ()
    domains: Strings = ()
    kind: Literal[tuple(OUTLET_KINDS)] = "publisher"  # a wire agency is never the outlet when a publisher is known
    owner: Literal[tuple(OUTLET_OWNERS)] | None = None
    country: str | None = None


class RolesSpec(_Spec):
    titles: Strings = ()
    role_nouns: Strings = ()
    credit_markers: Strings = ()


class RuleSpec(_Spec):
    lines: Strings = ()
    patterns: _many(Regex) = ()


class ActorsFile(RootModel[list[ActorSpec]]):
    pass


class TopicsFile(RootModel[list[TopicSpec]]):
    pass


class OutletsFile(RootModel[list[OutletSpec]]):
    pass


class FurnitureFile(RootModel[dict[Annotated[str, BeforeValidator(str)], RuleSpec]]):
    pass


# speech.yml: quotation marks and attribution words per language (compiled by generator.quotes).

def _one_character(value: Any) -> str:
    if len(_string(value)) != 1:
        raise PydanticCustomError("mark", "{value} is not one character", {"value": repr(value)})
    return value


Mark = Annotated[str, PlainValidator(_one_character)]
Word = Annotated[str, BeforeValidator(_string), Field(min_length=1)]
Words = _many(Word)


class PronounsSpec(_Spec):
    m: Words = ()
    f: Words = ()
    organisation: Words = ()


class LanguageSpeechSpec(_Spec):
    verbs: Words = ()
    before_speaker: Words = ()
    pronouns: PronounsSpec = PronounsSpec()
    name_endings: Words = ()


class SpeechSpec(_Spec):
    quote_marks: dict[Mark, Word] = {}
    languages: dict[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")], LanguageSpeechSpec] = {}


SCHEMAS: dict[str, tuple[str, type[BaseModel]]] = {  # file stem -> (what one entry is called, schema)
    "actors": ("actor", ActorsFile), "topics": ("topic", TopicsFile), "outlets": ("outlet", OutletsFile),
    "roles": ("", RolesSpec), "furniture": ("rule", FurnitureFile), "speech": ("", SpeechSpec),
}


def _validate(schema: type[BaseModel], data: Any, kind: str) -> tuple[Any, list[str]]:
    """(the validated file, []) or (None, one `entry: field: problem` line per problem)."""
    if data is None:  # an empty file
        data = {} if schema in (RolesSpec, FurnitureFile, SpeechSpec) else []
    try:
        found = schema.model_validate(data)
    except ValidationError as err:
        return None, [_problem(error, data, kind) for error in err.errors()]
    return found, _duplicate_ids(found.root, kind) if schema in (ActorsFile, TopicsFile) else []


def _duplicate_ids(entries: list[ActorSpec] | list[TopicSpec], kind: str) -> list[str]:
    """Two entries with one id would share a page."""
    counts = Counter(entry.id for entry in entries)
    return [f"{kind} {name!r}: id: used by {n} {kind}s" for name, n in counts.items() if n > 1]


def _problem(error: ErrorDetails, data: Any, kind: str) -> str:
    """One `entry: field: problem` line. Entries are named by id, name or position."""
    location = list(error["loc"])
    if location[:1] == ["root"]:
        location.pop(0)
    parts = []
    if kind and location:
        key = location.pop(0)
        parts.append(f"{kind} {_entry_label(data, key)}")
    if location:
        parts.append("".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in location).lstrip("."))
    return ": ".join([*parts, error["msg"]])


def _entry_label(data: Any, key: int | str) -> str:
    if isinstance(key, str):  # a named rule
        return repr(key)
    entry = data[key]
    for field_name in ("id", "name"):
        if isinstance(entry, dict) and isinstance(entry.get(field_name), str):
            return repr(entry[field_name])
    return f"#{key + 1}"


def _actor(spec: ActorSpec) -> ActorEntry:
    return ActorEntry(
        id=spec.id,
        name=spec.name,
        aliases=spec.aliases,
        surnames=spec.surnames,
        roles=tuple(role.model_dump(by_alias=True, exclude_none=True) for role in spec.roles),
        affiliation=spec.affiliation,
        country=spec.country,
    )


def _topic(spec: TopicSpec) -> TopicEntry:
    return TopicEntry(
        id=spec.id,
        name=spec.name,
        definition=(spec.definition or "").strip(),
        requires=spec.requires,
        patterns=tuple(TopicPattern(p.pattern, p.weight) for p in spec.patterns),
        primary=spec.primary,
        primary_sentences=spec.primary_sentences,
        mentioned=spec.mentioned,
    )


def _outlet(spec: OutletSpec) -> OutletEntry:
    return OutletEntry(name=spec.name, aliases=spec.aliases, domains=tuple(d.lower() for d in spec.domains),
                       wire=spec.kind == "wire", kind=spec.kind, owner=spec.owner, country=spec.country)


def _roles(spec: RolesSpec) -> Roles:
    return Roles(
        titles=spec.titles,
        role_nouns=frozenset(n.lower() for n in spec.role_nouns),
        credit_markers=tuple(m.lower() for m in spec.credit_markers),
    )


def _speech(spec: SpeechSpec) -> Speech:
    return Speech(
        quote_marks=tuple(spec.quote_marks.items()),
        languages=tuple((code, LanguageSpeech(
            verbs=language.verbs, before_speaker=language.before_speaker,
            pronouns=tuple((p, gender) for gender in ("m", "f", "organisation") for p in getattr(language.pronouns, gender)),
            name_endings=language.name_endings)) for code, language in spec.languages.items()),
    )


def _furniture(rules: dict[str, RuleSpec]) -> Furniture:
    listed: dict[str, int] = {}
    for index, spec in enumerate(rules.values()):
        for line in spec.lines:
            listed.setdefault(_line_key(line), index)
    every = [p for spec in rules.values() for p in spec.patterns]
    return Furniture(
        rules=tuple(FurnitureRule(name, tuple(map(compile_pattern, spec.patterns))) for name, spec in rules.items()),
        listed=listed,
        any_pattern=_alternatives(every) if every else None,
    )


def _alternatives(patterns: list[str]) -> regex.Pattern[str]:
    """Any of the patterns. In a branch reset (?|...) each pattern numbers its groups from 1,
    so its \\1 means its own."""
    return compile_pattern("(?|" + "|".join(f"(?:{p})" for p in patterns) + ")")
