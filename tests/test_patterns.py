"""Patterns made faster must find exactly what the plain patterns find, whatever the text:
topic patterns run only where their opening words occur, and actor names are found by
patterns that test their lookbehind in Python."""

from __future__ import annotations

import re

import pytest
import regex
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REPO
from generator.actors import _NAME, _alternation
from generator.patterns import Bounded, Openings, UserPattern, first_matches, fold, literal_starts

TOPIC_PATTERNS = [source for topic in yaml.safe_load((REPO / "taxonomy" / "topics.yml").read_text("utf-8"))
                  for source in [*topic.get("requires", []), *(p["pattern"] for p in topic["patterns"])]]
TRICKY_PATTERNS = [
    r"a?bc", r"(ab)+c", r"(?:a|b)(c|d)e", r"x{2,3}y", r"(?=ab)a\w", r"(?<=x)ab", r"(?-i:Ab)c", r"(\w)b\1",
    r"ſt", r"İi", r"ß", r"ab|", r"(talks){e<=1}", r"\btalks\b|met", r"\d+ (per ?cent|%)", r"a*?b+", r"[[:alpha:]]b",
]
WORDS = ["talks", "Talks", "TALKS", "met", "meeting", "summit", "negotiations", "ab", "aB", "abc", "xab", "bc", "xxy",
         "Ab", "bb", "2", "two", "percent", "per cent", "%", "GDP", "burden", "sharing", "crimean", "Kerch", "ſt",
         "ı", "İ", "ß", "SS", "Kelvin K", "dialogue", "-", "\n", " ", ".", "’", "é", "ﬁ"]


@pytest.mark.parametrize(("source", "starts"), [
    (r"\b(talks|negotiat\w+)\b", ("talks", "negotiat")),
    (r"\bburden[- ]?sharing\b|\b(financial )?burden\b", ("burden", "financial ")),
    (r"\bdefen[cs]e (budgets?|spending)\b", ("defence budget", "defense budget", "defence spending", "defense spending")),
    (r"\bGDP\b", ("gdp",)),
    (r"\d+ percent", None),          # opens with any digit
    (r"(ab)?cd", ("ab", "cd")),
    (r"\b(a|an|the)\b", None),       # "a" occurs every few characters: scanning is faster
    (r"\b(2|two) percent", ("2 percent", "two percent")),
    (r"(talks){e<=1}", None),        # fuzzy matching in the regex module: a match need not open with "talks"
    (r"[[:alpha:]]x", None),         # a POSIX class in the regex module, a set of ":ahlp[" in re
])
def test_opening_words(source, starts):
    found = literal_starts(source)
    assert (sorted(found) if found else found) == (sorted(starts) if starts else starts)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TOPIC_PATTERNS + TRICKY_PATTERNS),
       st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40))
def test_matches_are_the_engines_own(source, pieces):
    text = "".join(pieces)
    pattern = UserPattern(source)
    expected = [(m.span(), m.groups()) for m in regex.finditer(source, text, regex.IGNORECASE)]
    assert [(m.span(), m.groups()) for m in pattern.finditer(Openings([pattern]).find(text))] == expected


SHARED = [UserPattern(source) for source in TOPIC_PATTERNS + TRICKY_PATTERNS]
SHARED_OPENINGS = Openings(SHARED)  # words shared by several patterns, and words inside others ("talk", "talks")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40))
@example(pieces=["i", "I"])  # the pattern İi: İ folds to two characters, the engine matches it to i
def test_one_search_for_every_pattern_finds_each_patterns_own_matches(pieces):
    text = "".join(pieces)
    found = SHARED_OPENINGS.find(text)
    for pattern in SHARED:
        expected = [(m.span(), m.groups()) for m in pattern.regex.finditer(text)]
        assert [(m.span(), m.groups()) for m in pattern.finditer(found)] == expected, pattern.regex.pattern


def test_folding_keeps_every_case_insensitive_match():
    """Every character the engine lets a pattern character match case-insensitively folds to
    the same text, so a search in the folded text misses no match (checked for all of Unicode)."""
    cased = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000
                    and len({chr(c), chr(c).lower(), chr(c).upper(), chr(c).casefold()}) > 1)
    for char in cased:
        for twin in regex.findall(regex.escape(char), cased, regex.IGNORECASE):
            if fold(twin) is not None:  # texts whose length folding changes are searched in full
                assert fold(twin) == fold(char) or fold(char) is None, (char, twin)


def test_text_that_folds_longer_is_searched_in_full():
    text = "Die Straße: talks"
    assert fold(text) is None
    pattern = UserPattern(r"\btalks\b")
    assert [m.group() for m in pattern.finditer(Openings([pattern]).find(text))] == ["talks"]


def test_a_pattern_the_search_did_not_look_for_is_searched_in_full():
    looked_for, other = UserPattern(r"\bsummit\b"), UserPattern(r"\btalks\b")
    found = Openings([looked_for]).find("summit talks")
    assert [m.group() for m in other.finditer(found)] == ["talks"]


NAME_PIECES = ["Jim", "Mattis", "Heiko", "Maas", "Foreign", "Minister", "N.", "O’Brien", "Jean-Yves", "x", "-", "’",
               " ", "  ", "\n", ",", "_", "é", "Ab", "Cd", "Foreign Minister Heiko Maas", "Defense Secretary Jim N. Mattis"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=30))
def test_bounded_names_are_the_lookbehind_patterns_matches(pieces):
    text = "".join(pieces)
    names = r"(?:Jim Mattis|Mattis|Heiko Maas|Maas|Jean-Yves)(?![\w-])"
    plain = [m.span() for m in re.finditer(r"(?<![\w-])" + names, text)]
    assert [m.span() for m in Bounded(names, r"\w-").finditer(text)] == plain
    overlapping = [m.span(1) for m in re.finditer(rf"(?<![\w'’-])(?=({_NAME}(?![\w'’-])))", text)]
    assert [m.span(1) for m in Bounded(rf"{_NAME}(?![\w'’-])", r"\w'’-", overlapping=True).finditer(text)] == overlapping


# Short names over a small alphabet share prefixes, escapes and hyphens often.
name_lists = st.lists(st.text(alphabet="AaBb.-’", min_size=1, max_size=4), min_size=1, max_size=8, unique=True)


@settings(max_examples=500, deadline=None)
@given(name_lists, name_lists, st.data())
def test_names_grouped_and_split_find_what_one_flat_alternation_finds(taxonomy_names, article_names, data):
    """Names are grouped by first letter, and an article's discovered names are searched beside
    the taxonomy's instead of in a new alternation of both: neither may change a match."""
    both = sorted({*taxonomy_names, *article_names}, key=len, reverse=True)
    text = "".join(data.draw(st.lists(st.sampled_from([*both, " ", "x", "-", "."]), max_size=12)))
    flat = r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in both) + r")(?![\w-])"
    expected = [m.span() for m in re.finditer(flat, text)]
    patterns = [_alternation(dict.fromkeys(taxonomy_names)), _alternation(dict.fromkeys(article_names))]
    assert [m.span() for m in first_matches(patterns, text)] == expected
    assert [m.span() for m in _alternation(dict.fromkeys(both)).finditer(text)] == expected
