"""Benchmark: what the pictures, feeds and data files (issue 21) add to the cold pipeline.

    python -m benchmarks.extras --size 10000      # the issue's target: at most 10 % more
    python -m benchmarks.extras --size 2000 --rounds 2

On one synthetic corpus (benchmarks/synthetic.py) it runs `mkdocs build --strict` cold, in a
fresh copy of the project each time, alternately
  * with everything (the pictures and the feed and data writing timed as they run), and
  * without the extras: every picture drawn as nothing and no feed or data file written,
and reports the best of each over the rounds. Two figures, both printed:
  * measured inside the full build: seconds spent drawing pictures (generator/charts.py)
    and writing feeds and data files (the plugin's own timer), against the rest of it;
  * the difference between the two builds, which also counts what the pictures cost MkDocs
    (Markdown, search index, writing) but carries this machine's noise.
Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.run import machine, project, run
from sitebuild import make_project

# Runs mkdocs in this process with the extras either timed ("with") or switched off ("without").
_MKDOCS = r"""
import atexit, json, sys, time
from markupsafe import Markup
from generator import charts, mkdocs_plugin
spent = {"pictures": 0.0, "feeds_data": 0.0}

def timed(key, function):
    def call(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - started
    return call

mode, report = sys.argv.pop(1), sys.argv.pop(1)
if mode == "without":
    charts.PICTURES.update({name: (lambda data, links: Markup("")) for name in charts.PICTURES})
    mkdocs_plugin.BriefingPlugin._write_feeds_and_data = lambda self, config, indexes: set()
else:
    charts.PICTURES.update({name: timed("pictures", draw) for name, draw in charts.PICTURES.items()})
    plugin = mkdocs_plugin.BriefingPlugin
    plugin._write_feeds_and_data = timed("feeds_data", plugin._write_feeds_and_data)
atexit.register(lambda: open(report, "w").write(json.dumps(spent)))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", *sys.argv[1:]]
cli()
"""


def cold_build(root: Path, work: Path, name: str, mode: str) -> tuple[float, dict[str, float]]:
    """Wall seconds of a cold `mkdocs build --strict` of root's corpus in a fresh copy, and the
    extras' own seconds (zero without them)."""
    clone = make_project(work / name, with_samples=False)
    shutil.copytree(root / "articles", clone / "articles", dirs_exist_ok=True)
    report = work / f"{name}.json"
    seconds, _ = run([sys.executable, "-c", _MKDOCS, mode, str(report), "build", "--strict", "-q",
                      "-f", str(clone / "mkdocs.yml")], clone)
    spent = json.loads(report.read_text())
    shutil.rmtree(clone)
    return seconds, spent


def measure(count: int, rounds: int, work: Path) -> str:
    root = project(work / f"n{count}", count)
    full, bare, parts = [], [], []
    for n in range(rounds):  # alternating, so a slow minute on the machine hits both
        seconds, spent = cold_build(root, work, f"with-{n}", "with")
        full.append(seconds)
        parts.append(spent)
        bare.append(cold_build(root, work, f"without-{n}", "without")[0])
    best = min(range(rounds), key=full.__getitem__)
    pictures, feeds_data = parts[best]["pictures"], parts[best]["feeds_data"]
    rest = full[best] - pictures - feeds_data
    return "\n".join([
        f"N = {count:,} articles, cold `mkdocs build --strict`, best of {rounds} rounds",
        f"  full build: {full[best]:.1f} s; without pictures, feeds and data: {min(bare):.1f} s "
        f"(difference {100 * (full[best] - min(bare)) / min(bare):+.1f} %)",
        f"  measured inside the full build: pictures {pictures:.2f} s + feeds and data {feeds_data:.2f} s "
        f"= {100 * (pictures + feeds_data) / rest:.1f} % of the rest ({rest:.1f} s)",
        f"  all rounds: full {', '.join(f'{s:.1f}' for s in full)} s; without {', '.join(f'{s:.1f}' for s in bare)} s",
        f"Machine: {machine()}",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-extras-") as tmp:
        print(measure(args.size, args.rounds, Path(tmp)))


if __name__ == "__main__":
    main()
