"""Benchmark: machine instructions per article, counted by valgrind: a figure that does not drift.

    python -m benchmarks.instructions            # needs valgrind (apt install valgrind); about a minute

Wall and CPU times on a shared 2-core machine drift by a third from one minute to the next, so
a change that saves 3 % cannot be seen in them. Valgrind's callgrind counts the instructions a
program executes, the same on every run (to about 0.2 %). This runs the per-article work of a
cold build (read, clean, extract, render the page, slim the record: what each worker process
does) over a few and over many synthetic articles, each under callgrind, and prints the
difference per article, which leaves out Python's start-up and the imports. Compare the figure
before and after a change; it says nothing about the disk or about the second core.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.run import project

FEW, MANY = 40, 240


def work(root: Path, count: int) -> None:
    """What is measured: one worker's job for the first `count` articles of the project."""
    from generator.build import ArticleWorker, Project, find_sources
    from generator.taxonomy import load_taxonomy

    target = Project.at(root)
    worker = ArticleWorker(target, load_taxonomy(target.taxonomy))
    sources, _ = find_sources(target.articles)
    for _, source in sources[:count]:
        worker(source)


def instructions(root: Path, count: int, out: Path) -> int:
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
               sys.executable, "-m", "benchmarks.instructions", "--work", str(root), str(count)]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", finished.stderr)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", nargs=2, metavar=("ROOT", "COUNT"), help=argparse.SUPPRESS)  # the measured run
    args = parser.parse_args()
    if args.work:
        work(Path(args.work[0]), int(args.work[1]))
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (Debian: apt install valgrind)")
    with tempfile.TemporaryDirectory(prefix="briefing-instructions-") as tmp:
        root = project(Path(tmp) / "project", MANY)
        few, many = (instructions(root, count, Path(tmp) / f"callgrind.{count}") for count in (FEW, MANY))
    print(f"{(many - few) / (MANY - FEW) / 1e6:.2f} million instructions per article "
          f"(read, clean, extract, render; {MANY} vs {FEW} synthetic articles under valgrind)")


if __name__ == "__main__":
    main()
