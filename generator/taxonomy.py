"""User-editable data files: actors, topics, outlets, roles and page furniture.

Loaded once per build into typed, pre-compiled form. A broken file is reported
with its name and the cause (TaxonomyError), never silently ignored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from generator.patterns import UserPattern, compile_pattern
from generator.yamldata import load_data

FILES = ("actors", "topics", "outlets", "roles", "furniture")


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


@dataclass(frozen=True)
class OutletEntry:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    wire: bool = False  # a news agency whose copy other outlets print (`kind: wire`)


@dataclass(frozen=True)
class FurnitureRule:
    name: str
    pattern: regex.Pattern[str] | None  # the rule's patterns as one alternation


@dataclass(frozen=True)
class Furniture:
    """Page-furniture rules (furniture.yml) in file order. A line is dropped by the first
    rule that lists it or has a pattern matching all of it."""

    rules: tuple[FurnitureRule, ...]
    listed: dict[str, int]  # line key -> index of the first rule that lists it
    # Every rule's patterns in one alternation: most lines match none, and are tested once.
    any_pattern: regex.Pattern[str] | None

    def rule_for(self, line: str) -> str | None:
        first = self.listed.get(_line_key(line), len(self.rules))
        stripped = line.strip(" •·|")
        if first and self.any_pattern and self.any_pattern.fullmatch(stripped):
            first = next((i for i, rule in enumerate(self.rules[:first])
                          if rule.pattern and rule.pattern.fullmatch(stripped)), first)
        return self.rules[first].name if first < len(self.rules) else None


@dataclass(frozen=True)
class Roles:
    titles: tuple[str, ...]
    role_nouns: frozenset[str]
    credit_markers: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    actors: tuple[ActorEntry, ...]
    topics: tuple[TopicEntry, ...]
    outlets: tuple[OutletEntry, ...]
    roles: Roles
    furniture: Furniture
    digests: dict[str, str] = field(default_factory=dict)  # file stem -> sha256, for the cache


def _line_key(line: str) -> str:
    return line.strip(" \t•·|:-–—.!").casefold()


def load_taxonomy(directory: Path) -> Taxonomy:
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
            raise TaxonomyError(f"{path}: invalid YAML: {err}") from None
        digests[stem] = hashlib.sha256(data).hexdigest()
    try:
        return Taxonomy(
            actors=tuple(_actor(a) for a in raw["actors"] or []),
            topics=tuple(_topic(t) for t in raw["topics"] or []),
            outlets=tuple(_outlet(o) for o in raw["outlets"] or []),
            roles=_roles(raw["roles"] or {}),
            furniture=_furniture(raw["furniture"] or {}),
            digests=digests,
        )
    except (KeyError, TypeError, AttributeError, regex.error) as err:
        raise TaxonomyError(f"{directory}: malformed taxonomy entry: {err!r}") from None


def _actor(entry: dict[str, Any]) -> ActorEntry:
    return ActorEntry(
        id=str(entry["id"]),
        name=str(entry["name"]),
        aliases=tuple(entry.get("aliases") or ()),
        surnames=tuple(entry.get("surnames") or ()),
        roles=tuple(entry.get("roles") or ()),
        affiliation=entry.get("affiliation"),
        country=entry.get("country"),
    )


def _topic(entry: dict[str, Any]) -> TopicEntry:
    return TopicEntry(
        id=str(entry["id"]),
        name=str(entry["name"]),
        definition=str(entry.get("definition", "")).strip(),
        requires=tuple(UserPattern(p) for p in entry.get("requires") or ()),
        patterns=tuple(TopicPattern(UserPattern(p["pattern"]), float(p.get("weight", 1))) for p in entry["patterns"]),
        primary=float(entry.get("primary", 6)),
        primary_sentences=int(entry.get("primary_sentences", 2)),
        mentioned=float(entry.get("mentioned", 2)),
    )


def _outlet(entry: dict[str, Any]) -> OutletEntry:
    return OutletEntry(
        name=str(entry["name"]),
        aliases=tuple(entry.get("aliases") or ()),
        domains=tuple(d.lower() for d in entry.get("domains") or ()),
        wire=entry.get("kind") == "wire",
    )


def _roles(entry: dict[str, Any]) -> Roles:
    return Roles(
        titles=tuple(entry.get("titles") or ()),
        role_nouns=frozenset(n.lower() for n in entry.get("role_nouns") or ()),
        credit_markers=tuple(m.lower() for m in entry.get("credit_markers") or ()),
    )


def _furniture(rules: dict[str, Any]) -> Furniture:
    listed: dict[str, int] = {}
    for index, spec in enumerate(rules.values()):
        for line in spec.get("lines") or ():
            listed.setdefault(_line_key(line), index)
    patterns = {str(name): spec.get("patterns") or [] for name, spec in rules.items()}
    every = [p for rule_patterns in patterns.values() for p in rule_patterns]
    for pattern in every:  # each must stand alone: "a)|(b" would join its neighbours
        compile_pattern(pattern)
    return Furniture(
        rules=tuple(FurnitureRule(name, _alternatives(ps) if ps else None) for name, ps in patterns.items()),
        listed=listed,
        any_pattern=_alternatives(every) if every else None,
    )


def _alternatives(patterns: list[str]) -> regex.Pattern[str]:
    """Any of the patterns. In a branch reset (?|...) each pattern numbers its groups from 1,
    so its \\1 means its own."""
    return compile_pattern("(?|" + "|".join(f"(?:{p})" for p in patterns) + ")")
