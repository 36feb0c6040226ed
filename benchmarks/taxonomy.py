"""Benchmark: extraction cost as the taxonomy grows, not the corpus.

    python -m benchmarks.taxonomy

A team following a subject for years lists hundreds of people in actors.yml and adds topics.
This extracts the same synthetic articles with the repository's taxonomy plus synthetic
people (up to 2,000) and synthetic topics (up to 100, five patterns each), and prints the
CPU time per article of the whole extraction, of the actor scan and of topic classification
(minimum of three runs). Numbers are printed, never asserted.
"""

from __future__ import annotations

import dataclasses
import random
import time
from pathlib import Path

from benchmarks.synthetic import article
from generator import topics
from generator.actors import ActorScanner
from generator.extract import Extractor
from generator.model import RawArticle
from generator.patterns import UserPattern
from generator.taxonomy import ActorEntry, Taxonomy, TopicEntry, TopicPattern, load_taxonomy

REPO = Path(__file__).resolve().parents[1]
ARTICLES = 300
FIRST_NAMES = "Anna Boris Carl Dmitri Elena Frank Greta Hans Ivan Julia Karl Lena Mikhail Nina Oleg Paul".split()


def invented_word(rnd: random.Random, syllables: int) -> str:
    return "".join(rnd.choice("bcdfghklmnprstvz") + rnd.choice("aeiou") for _ in range(syllables))


def with_extra(taxonomy: Taxonomy, people: int, topic_count: int) -> Taxonomy:
    rnd = random.Random(people * 1000 + topic_count)
    actors = tuple(ActorEntry(id=f"person-{i}", name=f"{rnd.choice(FIRST_NAMES)} {invented_word(rnd, 3).capitalize()}",
                              aliases=(), surnames=(), roles=(), affiliation=None, country=None)
                   for i in range(people))
    extra_topics = tuple(
        TopicEntry(id=f"topic-{i}", name=f"Topic {i}", definition="", requires=(),
                   patterns=tuple(TopicPattern(UserPattern(rf"\b({invented_word(rnd, 2)}|{invented_word(rnd, 3)})\w*\b"), 1.0)
                                  for _ in range(5)),
                   primary=6, primary_sentences=2, mentioned=2)
        for i in range(topic_count - len(taxonomy.topics)))
    return dataclasses.replace(taxonomy, actors=taxonomy.actors + actors, topics=taxonomy.topics + extra_topics)


def cpu_per_article(work, items) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for item in items:
            work(item)
        best = min(best, time.process_time() - started)
    return best / len(items) * 1e6


def main() -> None:
    rnd = random.Random(0)
    raws = [RawArticle(source=Path(f"{i}.txt"), text=article(i, rnd), format="text") for i in range(ARTICLES)]
    base = load_taxonomy(REPO / "taxonomy")
    print("| Actors | Topics | Extraction (µs/article) | Actor scan | Topics |")
    print("|---:|---:|---:|---:|---:|")
    for people, topic_count in ((0, 3), (500, 3), (2000, 3), (0, 30), (0, 100), (2000, 100)):
        taxonomy = with_extra(base, people, topic_count)
        extractor = Extractor(taxonomy)
        articles = [extractor.extract(raw) for raw in raws]
        scanner = ActorScanner(taxonomy)
        classifier = topics.Classifier(taxonomy.topics)
        blocks = [[a.title, a.summary or "", *(b.text for b in a.blocks if b.kind == "paragraph")] for a in articles]
        texts = [(a.title, [b.text for b in a.blocks if b.kind == "paragraph"]) for a in articles]
        print(f"| {len(taxonomy.actors):,} | {len(taxonomy.topics)} "
              f"| {cpu_per_article(extractor.extract, raws):,.0f} "
              f"| {cpu_per_article(lambda b: scanner.scan(b, []), blocks):,.0f} "
              f"| {cpu_per_article(lambda t: classifier.classify(*t), texts):,.0f} |")


if __name__ == "__main__":
    main()
