"""Topics: what an article is about, with the sentences that show it.

Every sentence is scored against each topic's weighted patterns
(taxonomy/topics.yml). A topic is primary when enough sentences carry it,
mentioned when one background sentence does. Headline sentences count double.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

import regex

from generator.model import TopicHit
from generator.patterns import Budget, Found, Openings, UserPattern
from generator.taxonomy import TopicEntry

# The end mark opens the pattern (not a lookbehind): the engine then jumps from mark to mark
# instead of trying every position. The mark stays with its sentence; the gap after it goes.
# The next sentence opens with a capital of any script ("Министр", "Żołnierze", "État"),
# perhaps after an opening quotation mark of its language (« „).
_SENTENCE_END = regex.compile(r"[.!?…](?P<gap>[\"”’»)]?\s+)(?=[\"“‘„«(]?[\p{Lu}\d])")
# A full stop after these is not the end of a sentence: "U.S. officials", "С. Шойгу", "Gen. Dunford", "Feb. 16".
_ABBREVIATION = regex.compile(
    r"(?:\b(?:\p{Lu}\.){1,3}|\b(?:Gen|Lt|Col|Maj|Capt|Sgt|Adm|Cmdr|Sen|Rep|Gov|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|No"
    r"|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)$"
)
# The longest abbreviation ("A.B.C.") is 6 characters; with the character before it (for the
# word boundary) the last 8 characters decide. `$` alone would still try every start position.
_ABBREVIATION_TAIL = 8
EVIDENCE_SENTENCES = 3


def sentences(text: str) -> list[str]:
    merged: list[str] = []
    for piece in _split_at_ends(text):
        piece = piece.strip()
        if not piece:
            continue
        if merged and _ABBREVIATION.search(merged[-1][-_ABBREVIATION_TAIL:]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _split_at_ends(text: str) -> Iterator[str]:
    start = 0
    for end in _SENTENCE_END.finditer(text):
        yield text[start:end.start("gap")]
        start = end.end()
    yield text[start:]


class Classifier:
    """Built once per taxonomy: every topic pattern's opening words in one search (patterns.Openings)."""

    def __init__(self, topics: tuple[TopicEntry, ...]):
        self.topics = topics
        self.openings = Openings(p for t in topics for p in (*t.requires, *(tp.pattern for tp in t.patterns)))

    def classify(self, title: str, paragraphs: list[str], budget: Budget | None = None) -> dict[str, list[TopicHit]]:
        """Topics of the text; `budget` limits the time of each topic pattern on it."""
        spans = [(s, 2.0) for s in sentences(title)] + [(s, 1.0) for p in paragraphs for s in sentences(p)]
        # Patterns run once over the whole text; each match is credited to its sentence.
        full_text, starts, offset = [], [], 0
        for sentence, _ in spans:
            starts.append(offset)
            full_text.append(sentence)
            offset += len(sentence) + 1
        found = self.openings.find("\n".join(full_text))
        budget = budget or Budget(len(found.text))
        result: dict[str, list[TopicHit]] = {"primary": [], "mentioned": []}
        for topic in self.topics:
            if topic.requires and not any(_occurs(r, found, budget) for r in topic.requires):
                continue
            scores: dict[int, float] = {}  # sentence -> score; most sentences of most topics have none
            for pattern in topic.patterns:
                hit_sentences = {bisect_right(starts, m.start()) - 1 for m in _matches(pattern.pattern, found, budget)}
                for i in hit_sentences:
                    scores[i] = scores.get(i, 0.0) + pattern.weight * spans[i][1]
            scored = [(i, score) for i, score in sorted(scores.items()) if score > 0]  # in reading order
            total = sum(score for _, score in scored)
            strongest = max((score for _, score in scored), default=0.0)
            # Evidence comes from the text: the headline would only repeat the article's title.
            in_body = [(spans[i][0], score) for i, score in scored if spans[i][1] == 1.0]
            evidence = [s for s, _ in sorted(in_body, key=lambda item: -item[1])[:EVIDENCE_SENTENCES]]
            hit = TopicHit(topic.id, round(total, 2), evidence)
            if total >= topic.primary and len(scored) >= topic.primary_sentences:
                result["primary"].append(hit)
            elif strongest >= topic.mentioned:
                result["mentioned"].append(hit)
        for hits in result.values():
            hits.sort(key=lambda h: -h.score)
        return result


def _matches(pattern: UserPattern, found: Found, budget: Budget) -> list:
    """Every match of a topic pattern; none if it runs out of time on this text."""
    return budget.run(_label(pattern), lambda seconds: list(pattern.finditer(found, seconds)), [])


def _occurs(pattern: UserPattern, found: Found, budget: Budget) -> bool:
    return budget.run(_label(pattern), lambda seconds: pattern.search(found, seconds) is not None, False)


def _label(pattern: UserPattern) -> str:
    return f"topics.yml: pattern {pattern.regex.pattern!r}"
