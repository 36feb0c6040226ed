"""Topics: what an article is about, with the sentences that show it.

Every sentence is scored against each topic's weighted patterns
(taxonomy/topics.yml). A topic is primary when enough sentences carry it,
mentioned when one background sentence does. Headline sentences count double.
"""

from __future__ import annotations

import re

from generator.model import TopicHit
from generator.taxonomy import TopicEntry

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
EVIDENCE_SENTENCES = 3


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def classify(title: str, paragraphs: list[str], topics: tuple[TopicEntry, ...]) -> dict[str, list[TopicHit]]:
    weighted = [(s, 2.0) for s in sentences(title)] + [(s, 1.0) for p in paragraphs for s in sentences(p)]
    full_text = "\n".join([title, *paragraphs])
    result: dict[str, list[TopicHit]] = {"primary": [], "mentioned": []}
    for topic in topics:
        if topic.requires and not any(r.search(full_text) for r in topic.requires):
            continue
        scored = [(s, factor * _score(s, topic)) for s, factor in weighted]
        scored = [(s, score) for s, score in scored if score > 0]
        total = sum(score for _, score in scored)
        strongest = max((score for _, score in scored), default=0.0)
        evidence = [s for s, _ in sorted(scored, key=lambda item: -item[1])[:EVIDENCE_SENTENCES]]
        hit = TopicHit(topic.id, round(total, 2), evidence)
        if total >= topic.primary and len(scored) >= topic.primary_sentences:
            result["primary"].append(hit)
        elif strongest >= topic.mentioned:
            result["mentioned"].append(hit)
    for hits in result.values():
        hits.sort(key=lambda h: -h.score)
    return result


def _score(sentence: str, topic: TopicEntry) -> float:
    return sum(p.weight for p in topic.patterns if p.regex.search(sentence))
