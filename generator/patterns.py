"""Patterns from the taxonomy, matched fast but exactly: the matches are the engine's own.

Topic patterns (topics.yml). A case-insensitive alternation such as
`\\b(meet(ing|s)?|met|summit)\\b` costs the regex engine a try at every position of the
text, about 20 ns a character, however rarely it matches; a topic taxonomy multiplies that by
its number of patterns. But every match of that pattern begins with "meet", "met" or "summit".
`literal_starts` reads such opening words off the pattern's syntax tree; `Openings` finds the
words of every pattern in the case-folded text in one pass, and `UserPattern` runs the pattern
only where one of its words occurs; the engine still decides each match, in the same order. A
pattern whose match may begin anywhere (`\\d+%`), or with a single letter, is run over the
whole text.

Time (`Budget`). A user's pattern may backtrack catastrophically: `(a|aa)+b` on a run of "a"
takes longer than the universe has. Every user pattern runs with the `regex` module's timeout
(CPU time) under a budget per article; one that runs out is reported once, as a problem of
that article, and matches nothing in it for the rest of the article, which still builds.

Name lists (actors.yml). `Bounded` tests a name's leading lookbehind in Python, so `re` jumps
to the names' first letters; `by_first_letter` groups a long alternation so a position costs a
try per letter, not per name; `first_matches` searches an article's few extra names beside a
large compiled list as if they were one alternation.
"""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar
# The re module's own parser (sre_parse before Python 3.11): private, but a syntax tree is what
# this needs. Anything it cannot read, or reads in a shape not handled here, gets no opening
# words, so the pattern is run over the whole text: slower, never different.
from re import _constants as sre
from re import _parser

import ahocorasick
import regex

MAX_STARTS = 64  # more alternatives than this: the pattern is simply run over the text

# The `regex` module reads `{e<=1}` as fuzzy matching, `re` as literal text: a brace that is
# not a counted repeat means the two parsers may disagree, so no opening words are read.
_NOT_A_REPEAT_BRACE = re.compile(r"\{(?!\d*,?\d*\})")
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)

Starts = list[tuple[str, bool]]  # (opening text, whether what follows may extend it)


def fold(text: str) -> str | None:
    """The case-folded text, position for position; None when folding changes its length
    (ß -> ss), since positions in it would no longer be positions in the text. The dotless ı
    folds to i because the regex engine lets a pattern's I match it."""
    folded = _casefold(text)
    return folded if len(folded) == len(text) else None


def _casefold(text: str) -> str:
    return text.casefold().replace("ı", "i")


def literal_starts(source: str) -> tuple[str, ...] | None:
    """Case-folded strings one of which opens every match of `source`; None if a match may
    open with something else (a class such as \\d, an optional first word) or the pattern
    uses syntax only the `regex` module knows."""
    if _NOT_A_REPEAT_BRACE.search(source):
        return None
    try:
        with warnings.catch_warnings():
            # `re` warns of "[[" or "--" in a set, where the regex module sees a POSIX class
            # ([[:alpha:]]) or a set operation: again the two may disagree.
            warnings.simplefilter("error", FutureWarning)
            starts = _sequence(_parser.parse(source, re.IGNORECASE))
    except (re.error, FutureWarning, RecursionError, OverflowError, TypeError, ValueError):
        return None
    if not starts or any(not text for text, _ in starts):
        return None
    if any(len(_casefold(text)) != len(text) for text, _ in starts):
        return None  # İ folds to two characters, yet the engine matches it to a single i
    shortest_first = sorted({_casefold(text) for text, _ in starts}, key=len)
    if any(len(text) == 1 and text.isalpha() for text in shortest_first):
        return None  # a letter occurs every few characters: the engine's own scan is faster
    kept: list[str] = []  # "burden" already finds every "burden sharing"
    for text in shortest_first:
        if not any(text.startswith(shorter) for shorter in kept):
            kept.append(text)
    return tuple(kept)


def _sequence(items) -> Starts | None:
    state: Starts = [("", True)]
    for op, av in items:
        if not any(open_ for _, open_ in state):
            break
        options = _element(op, av)
        if options is None:
            return None
        extended: Starts = []
        for text, open_ in state:
            extended += [(text + more, still_open) for more, still_open in options] if open_ else [(text, False)]
        state = extended
        if len(state) > MAX_STARTS:
            return None
    return state


def _element(op, av) -> Starts | None:
    if op is sre.LITERAL:
        return [(chr(av), True)]
    if op in _ZERO_WIDTH:  # \b, ^, lookarounds: consume nothing; skipping them only widens the search
        return [("", True)]
    if op is sre.IN and all(member_op is sre.LITERAL for member_op, _ in av):  # [cs], or (a|b) made a set
        return [(chr(code), True) for _, code in av]
    if op is sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:
        branches = [_sequence(branch) for branch in av[1]]
        return None if any(b is None for b in branches) else [s for b in branches for s in b]
    if op in _REPEATS:
        low, _, body = av
        inner = _sequence(body)
        if inner is None:
            return None
        repeated = [(text, False) for text, _ in inner]  # how many times is unknown: stop here
        return [("", True), *repeated] if low == 0 else repeated
    return [("", False)]  # a class, any character, a back-reference...: the opening ends here


def compile_pattern(source: str) -> regex.Pattern[str]:
    """User-written patterns (topics, furniture), case-insensitive. Compiled with the `regex`
    module: same syntax as `re` for these, and twice as fast on case-insensitive word patterns."""
    return regex.compile(source, regex.IGNORECASE)


class UserPattern:
    """A pattern from topics.yml: the compiled regex and the words every match opens with."""

    def __init__(self, source: str):
        self.regex = compile_pattern(source)
        self.starts = literal_starts(source)

    def finditer(self, found: Found, timeout: float | None = None) -> Iterator[regex.Match[str]]:
        """Exactly regex.finditer(found.text); TimeoutError after `timeout` seconds."""
        positions = found.positions(self)
        if positions is None:
            yield from self.regex.finditer(found.text, timeout=timeout)
            return
        deadline = None if timeout is None else time.perf_counter() + timeout
        end = 0
        for position in positions:
            left = None if deadline is None else deadline - time.perf_counter()
            if left is not None and left <= 0:
                raise TimeoutError("regex timed out")
            if position >= end and (match := self.regex.match(found.text, position, timeout=left)):
                yield match
                end = match.end()  # never empty: it opens with one of the words

    def search(self, found: Found, timeout: float | None = None) -> regex.Match[str] | None:
        return next(self.finditer(found, timeout), None)


BUDGET_SECONDS = 0.2  # per user pattern and article, and as much again per MB of its text
T = TypeVar("T")


class Budget:
    """The time each user pattern may spend on one article, in total over all its calls."""

    def __init__(self, characters: int):
        self.seconds = BUDGET_SECONDS * (1 + characters / 1_000_000)
        self.spent: dict[str, float] = {}
        self.problems: list[str] = []  # one line per pattern that ran out, naming file and pattern

    def run(self, label: str, call: Callable[[float], T], nothing: T, report: bool = True) -> T:
        """call(seconds left) for the pattern `label` ("topics.yml: pattern '...'"); `nothing`
        if the pattern's time has run out, now or earlier in this article (a problem line
        unless the caller finds the slow pattern itself)."""
        spent = self.spent.get(label, 0.0)
        if spent < self.seconds:
            start = time.perf_counter()
            try:
                return call(self.seconds - spent)
            except TimeoutError:
                spent = self.seconds
            finally:
                self.spent[label] = max(spent, self.spent.get(label, 0.0) + time.perf_counter() - start)
        if report:
            self._stop(label)
        return nothing

    def _stop(self, label: str) -> None:
        line = (f"{label} took more than {self.seconds:.1f} s on this article's text and was stopped; "
                "it matches nothing in this article (simplify the pattern)")
        if line not in self.problems:
            self.problems.append(line)


class Openings:
    """The opening words of many patterns, found in a text in one pass for all of them (an
    Aho-Corasick automaton) instead of one substring search per word: the cost of a text no
    longer grows with the number of patterns in the taxonomy, only with what occurs in it."""

    def __init__(self, patterns: Iterable[UserPattern]):
        by_word: dict[str, list[UserPattern]] = {}
        self.patterns = [pattern for pattern in patterns if pattern.starts is not None]
        for pattern in self.patterns:
            for word in pattern.starts:
                by_word.setdefault(word, []).append(pattern)
        self.automaton: ahocorasick.Automaton | None = None
        if by_word:
            self.automaton = ahocorasick.Automaton()
            for word, having in by_word.items():
                self.automaton.add_word(word, (len(word) - 1, tuple(having)))  # the automaton reports where words end
            self.automaton.make_automaton()

    def find(self, text: str) -> Found:
        folded = fold(text)
        # No opening words to find, or folding changed the text's length (positions would be wrong).
        if folded is None or self.automaton is None:
            return Found(text, {})
        at: dict[UserPattern, set[int]] = {pattern: set() for pattern in self.patterns}
        for end, (back, having) in self.automaton.iter(folded):  # every occurrence, overlapping ones too
            for pattern in having:
                at[pattern].add(end - back)
        return Found(text, {pattern: sorted(positions) for pattern, positions in at.items()})


class Found:
    """A text and where the opening words of an Openings' patterns occur in it."""

    def __init__(self, text: str, at: dict[UserPattern, list[int]]):
        self.text = text
        self._at = at

    def positions(self, pattern: UserPattern) -> list[int] | None:
        """Where a match of `pattern` may start, in order; None: anywhere (a pattern without
        opening words, or one this search did not look for: search the whole text)."""
        return self._at.get(pattern)


class Bounded:
    """A pattern that must not start right after a character of `not_after` (a word, say):
    `(?<![...])body`, with the lookbehind tested here instead. `re` tries a pattern that opens
    with a lookbehind at every position of the text, but jumps straight to the possible first
    letters of one that opens with letters: names are found 2-3 times faster.
    `overlapping` also finds matches that start inside an earlier one."""

    def __init__(self, body: str, not_after: str, overlapping: bool = False):
        self.body = re.compile(body)
        self.not_after = re.compile(f"[{not_after}]")
        self.overlapping = overlapping

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        while match := self.body.search(text, pos):
            start = match.start()
            if not (start and self.not_after.match(text, start - 1)):
                return match
            pos = start + 1
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        while match := self.search(text, pos):
            yield match
            pos = match.start() + 1 if self.overlapping else match.end()


def first_matches(patterns: list[Bounded], text: str) -> Iterator[re.Match[str]]:
    """What one alternation of the patterns' words (longest first) would find: the leftmost
    match of any, the longer where two start together. Lets an article add a few words to a
    large compiled list without compiling the list again."""
    if len(patterns) == 1:
        yield from patterns[0].finditer(text)
        return
    pos = 0
    ahead = [pattern.search(text) for pattern in patterns]
    while True:
        ahead = [match if match is None or match.start() >= pos else pattern.search(text, pos)
                 for pattern, match in zip(patterns, ahead)]
        found = [match for match in ahead if match]
        if not found:
            return
        match = min(found, key=lambda m: (m.start(), -m.end()))
        yield match
        pos = match.end()


def by_first_letter(alternatives: list[str]) -> str:
    """The alternation with its branches grouped by first letter ("Jim|Joe|Sam" ->
    "J(?:im|oe)|S(?:am)"). `re` tries branches one by one: at every capital letter of the text
    a flat list of 2,000 names costs 2,000 tries, grouped about 26 (35 times faster). Branches
    of different groups cannot match at the same place and a group keeps its order, so the
    match is the same. A branch that opens with an escape or a class is left as it is."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        letter = alternative[0] if alternative[0].isalnum() else ""
        groups.setdefault(letter, []).append(alternative[1:] if letter else alternative)
    return "|".join(f"{letter}(?:{'|'.join(rests)})" if letter else "|".join(rests) for letter, rests in groups.items())
