"""Benchmark: story detection (generator/stories.py) on synthetic corpora of N articles.

    python -m benchmarks.stories                  # N = 2,000 and 10,000 (extraction takes minutes)
    python -m benchmarks.stories --sizes 500      # a quick look

Each corpus (benchmarks/synthetic.py) is extracted once, as a cold build does it; then story
detection alone and the whole index stage that runs it are timed, best of three. Numbers
are printed, never asserted: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.run import project
from generator.build import Project, collect
from generator.index import assign_paths, build_indexes
from generator.stories import detect_stories


def best_of(runs: int, work) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def measure(count: int, work: Path) -> str:
    root = project(work / f"n{count}", count)
    report, taxonomy, _ = collect(Project.at(root), progress=False)
    assign_paths(report.articles)
    stories = detect_stories(report.articles)
    grouped = sum(len(s.articles) for s in stories)
    detect = best_of(3, lambda: detect_stories(report.articles))
    index = best_of(3, lambda: build_indexes(report.articles, taxonomy))
    return (f"| {count:,} | {len(stories):,} | {grouped:,} | {detect:.2f} s | {index:.2f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    args = parser.parse_args()
    print("| Articles | Stories | Articles in stories | Story detection | Index stage (with it) |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for count in args.sizes:
            print(measure(count, Path(work)), flush=True)


if __name__ == "__main__":
    main()
