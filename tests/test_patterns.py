"""Topic patterns run only where their opening words occur: the matches must be exactly the
regex engine's own, whatever the text and whatever the pattern."""

from __future__ import annotations

import regex
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from generator.patterns import UserPattern, fold, literal_starts

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
    (r"(ab)?c", ("ab", "c")),
    (r"x*y", ("x", "y")),
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
    assert [(m.span(), m.groups()) for m in pattern.finditer(text, fold(text))] == expected


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
    assert [m.group() for m in UserPattern(r"\btalks\b").finditer(text, fold(text))] == ["talks"]
