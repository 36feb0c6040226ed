"""Adversarial text cannot make extraction slow: regex work on article text is linear.

Each slow shape runs in a subprocess with a time limit, so a regression fails in seconds
instead of hanging the suite. Times are CPU seconds of the extraction alone (no imports).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model import RawArticle
from generator.patterns import Budget, Openings, UserPattern

REPO = Path(__file__).resolve().parents[1]
SIZE = 64 * 1024
PARAGRAPH = "The ministers met in Brussels on Thursday to discuss the alliance and its budget."

# Reads [[name, text, format, overrides], ...] on stdin, prints {name: [CPU seconds, warnings]}.
_EXTRACT_ALL = """
import json, sys, time
from pathlib import Path
from generator.extract import Extractor
from generator.model import RawArticle
from generator.patterns import Budget, Openings, UserPattern
from generator.taxonomy import load_taxonomy
extractor = Extractor(load_taxonomy(Path(sys.argv[1])))
results = {}
for name, text, fmt, overrides in json.load(sys.stdin):
    start = time.process_time()
    article = extractor.extract(RawArticle(Path(name), text, fmt, overrides))
    results[name] = [time.process_time() - start, article.warnings]
print(json.dumps(results))
"""


def extract_in_subprocess(articles: list[tuple[str, str, str, dict]], limit: float,
                          taxonomy: Path = REPO / "taxonomy") -> dict[str, tuple[float, list[str]]]:
    """Extract the articles in a fresh process: {name: (CPU seconds, warnings)}. Fails if
    that takes longer than `limit`."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        done = subprocess.run([sys.executable, "-c", _EXTRACT_ALL, str(taxonomy)], input=json.dumps(articles),
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"extraction did not finish in {limit} s")
    assert done.returncode == 0, done.stderr
    return {name: (seconds, warnings) for name, (seconds, warnings) in json.loads(done.stdout).items()}


def cpu_seconds(articles: list[tuple[str, str, str, dict]], limit: float) -> dict[str, float]:
    return {name: seconds for name, (seconds, _) in extract_in_subprocess(articles, limit).items()}


def body(line: str) -> str:
    """An article with `line` as a paragraph of its body."""
    return f"Title of the story\n\n{PARAGRAPH}\n\n{line}\n\n{PARAGRAPH}\n"


def repeated(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# The shapes issue 16 found: cubic or quadratic before, each 8 s to hours at these sizes.
REPORTED = {
    "caption credit never closed": (("x " * 6500) + "\n\nCaption (" + "A/" * 5000 + "()", "text"),
    "link residue": (body("[" * SIZE + "]("), "text"),
    "player time codes": (body("0:00 " * (SIZE // 5) + "x"), "text"),
    "quote speaker": (body('He said "' + "A" * 100_000 + "."), "text"),
    "markdown closing hashes": ("# Title\n\n# " + "#" * SIZE + "\nx\n", "markdown"),
}


@pytest.mark.parametrize("case", REPORTED)
def test_reported_shapes_extract_quickly(case):
    text, fmt = REPORTED[case]
    seconds = cpu_seconds([(f"{case}.{'md' if fmt == 'markdown' else 'txt'}", text, fmt, {})], limit=10)
    assert seconds[f"{case}.{'md' if fmt == 'markdown' else 'txt'}"] < 2


def test_the_rewritten_rules_still_read_normal_text(extractor):
    """The linear rewrites find what the patterns found (the samples and the rule tests cover more)."""
    text = ("Talks in Brussels\n\nMinisters [met](https://example.org) on Thursday.\n\n"
            "Troops at the base (Jane Roe/Reuters)\n\n"
            '"We will keep talking to Moscow," Jens Stoltenberg said. He added that the alliance stays open.\n')
    article = extractor.extract(RawArticle(Path("normal.txt"), text, "text"))
    assert article.blocks[0].text == "Ministers met on Thursday."
    assert any(d.line == "Troops at the base (Jane Roe/Reuters)" and d.rule == "caption" for d in article.dropped)
    assert [(q.speaker, q.text) for q in article.quotes] == [("Jens Stoltenberg", "We will keep talking to Moscow")]
    heading = extractor.extract(RawArticle(Path("h.md"), "# Title ##\n\n## Part two #\n\nText.\n", "markdown"))
    assert (heading.title, heading.blocks[0].text) == ("Title", "Part two")


# Runs of what the patterns of clean.py, quotes.py, actors.py, topics.py, dates.py and
# furniture.yml repeat; unclosed brackets and quotes; long words; many capitalised words.
UNITS = [
    "[", "](", "![", "[a](", "(", ")", "A/", "(A/", "http://", "<https://x", "By ", "By Aa ", "Aa and ", "photo by ",
    "© ", "photo: ", "A/B ", ", left,", "(l)", "in this photo ", "(UPI) -- ", "A. ", "AA ", "Aa, Aa, ", "-- ", "#", "# ",
    "\u2028", "\x85 ", "  ", ". ", "U.S. ", "Gen. ", "a", "A", "Aa ", "A-", "A'", "He said ", '"', '"Aa bb cc dd ',
    '"Aaaa bbbb cccc dddd," he said. ', "“", "said, ", "Mattis said, ", "quickly ", "0:00 ", "0:", "12 ", "Jan ",
    "January ", "Monday ", "2018-07-18 ", "/2018/07/", "Minister Aa Bb ", "national security adviser ",
    "Aa Bb, a former official, ", "Aa Bb, ", "Jim Mattis ", "President Aa ", "talks ", "2 percent ", "watch: ",
    "related: ", " contributed ", "reporting by ", "join ", "Aa / Bb ", "Aa Bb Cc Dd Ee said ", "!", "…", "Aa-Bb ",
    "Updated: ", "original url: ", "| ", "Aa - ",
]


def adversarial_corpus(size: int) -> list[tuple[str, str, str, dict]]:
    """Every unit repeated to `size` characters, as a body paragraph and as the front-matter
    title (which reaches the actor and topic patterns without cleaning), and as Markdown."""
    articles = []
    for i, unit in enumerate(UNITS):
        line = repeated(unit, size) + "x).'"[i % 4]
        articles.append((f"{i}.txt", body(line), "text", {"title": line}))
        articles.append((f"{i}.md", f"# Title\n\n{line}\n\n{PARAGRAPH}\n", "markdown", {}))
    return articles


def test_an_adversarial_corpus_extracts_in_seconds_and_linearly():
    """Each 64 KB article in well under a few seconds (a quadratic shape takes minutes at this
    size, so the bound holds on a slow machine too); and four times the text costs about four
    times the time (sixteen if anything were quadratic). The corpus's total time depends on the
    machine, so it is not asserted; benchmarks report speed."""
    quarter = [(f"quarter-{name}", *rest) for name, *rest in adversarial_corpus(SIZE // 4)]
    seconds = cpu_seconds(quarter + adversarial_corpus(SIZE), limit=120)
    small = sum(s for name, s in seconds.items() if name.startswith("quarter-"))
    large = sum(s for name, s in seconds.items() if not name.startswith("quarter-"))
    slowest = sorted(seconds.items(), key=lambda item: -item[1])[:3]
    assert slowest[0][1] < 5, slowest
    assert large < 8 * small, (small, large, slowest)


CATASTROPHIC = "(a|aa)+b"  # exponential time on a run of "a" without a "b"


def taxonomy_with(tmp_path: Path, file: str, addition: str) -> Path:
    directory = tmp_path / "taxonomy"
    shutil.copytree(REPO / "taxonomy", directory)
    with open(directory / file, "a", encoding="utf-8") as out:
        out.write(addition)
    return directory


@pytest.mark.parametrize("file, addition", [
    ("topics.yml", f"\n- id: slow\n  name: Slow\n  patterns:\n    - {{pattern: '{CATASTROPHIC}', weight: 1}}\n"),
    ("furniture.yml", f"\nslow:\n  patterns: ['{CATASTROPHIC}']\n"),
])
def test_a_catastrophic_user_pattern_is_stopped_and_named(tmp_path, file, addition):
    taxonomy = taxonomy_with(tmp_path, file, addition)
    prose = "Talks on the budget went on for a second day, and the ministers said that they would meet again."
    text = body(f"{prose} {'a' * 60}.") + "\n" + "a" * 60 + "\n\nMinisters kept talking about dialogue.\n"
    results = extract_in_subprocess([("slow.txt", text, "text", {}), ("fine.txt", body("Talks on dialogue."), "text", {})],
                                    limit=15, taxonomy=taxonomy)
    seconds, warnings = results["slow.txt"]
    assert seconds < 2
    assert [w for w in warnings if CATASTROPHIC in w] == [
        f"{file}: pattern '{CATASTROPHIC}' took more than 0.2 s on this article's text and was stopped; "
        "it matches nothing in this article (simplify the pattern)"]
    assert results["fine.txt"][1] == []


def test_a_pattern_that_runs_out_of_time_matches_nothing_but_others_still_do():
    slow, fast = UserPattern(CATASTROPHIC), UserPattern(r"\btalks\b")
    found = Openings([slow, fast]).find("talks " + "a" * 60)
    budget = Budget(len(found.text))
    run = [budget.run(label, lambda seconds, p=pattern: [m.group() for m in p.finditer(found, seconds)], [])
           for label, pattern in (("slow", slow), ("fast", fast), ("slow", slow))]
    assert run == [[], ["talks"], []]
    assert len(budget.problems) == 1 and budget.problems[0].startswith("slow took more than")
