"""Benchmark: the generator and the MkDocs build on synthetic corpora of N articles.

    python -m benchmarks.run                 # N = 1,000 and 10,000 (several minutes)
    python -m benchmarks.run --sizes 500     # a quick look
    python -m benchmarks.run --write docs/benchmarks.md

For each N it reports, measured in the same run:
  * generator, cold: `briefing generate` on an empty cache (wall time, articles/s, peak memory);
  * pipeline, cold: `mkdocs build --strict` in a fresh copy of the project, as a clone has it
    (the plugin runs the generator inside);
  * pipeline, warm: the same command again with the generator's cache and pages kept (a
    rebuild, or a Pages deployment that restores them), the site folder removed;
  * baseline: `mkdocs build` of the same article pages alone: bare Material, articles not in
    nav, no plugin, no index pages. The pipeline's cost is reported as a ratio to it;
  * incremental: one article added, `briefing generate` again, on three days in a row (the
    median day): the generator's own time (what `mkdocs serve` waits for), the whole
    command's wall time, and the files written;
  * site size, search index size, largest page.
Numbers are printed, never asserted: this is a measurement, not a test. What the pictures,
feeds and data files add to the pipeline is measured by `python -m benchmarks.extras`.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import generate_corpus

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from sitebuild import make_project  # noqa: E402  (one way to lay out a project, shared with the tests)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "1"}  # CI=1: no progress bar in timings

DAILY_ADDITIONS = 3  # days in a row; the median day is reported (one run is at the mercy of the disk)
TODAY = """Allies and Moscow Agree to Resume Military Talks, Day {day}

January {day}, 2020

Defense Secretary Jim Mattis said talks with Russian Defense Minister Sergei Shoigu would resume in Vienna.

"Dialogue is how we avoid accidents," Mattis said after the meeting.
"""

BASELINE_CONFIG = """site_name: Baseline
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
not_in_nav: |
  /articles/
"""


# Runs a command and prints the largest resident memory of it and its worker processes.
_PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (MB, largest single process) of a command."""
    os.sync()  # the previous step's writes are flushed first, not during this measurement
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _PEAK, *command], cwd=cwd, env=ENV, check=True,
                         capture_output=True, text=True).stdout
    return time.perf_counter() - started, int(out.split()[-1]) // 1024


def project(root: Path, count: int) -> Path:
    """The repo's configuration and taxonomy (as the tests copy it) with a synthetic corpus."""
    make_project(root, with_samples=False)
    generate_corpus(root / "articles", count, seed=count)
    return root


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def add_todays_article(root: Path, briefing: list[str], day: int) -> tuple[float, float, int]:
    """Whole command's wall seconds, the generator's own seconds (what mkdocs serve waits
    for) and the files written, for one article added to the corpus."""
    (root / "articles" / f"zz-added-day-{day}.txt").write_text(TODAY.format(day=day), "utf-8")
    os.sync()
    started = time.perf_counter()
    out = subprocess.run(briefing, cwd=root, env=ENV, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - started
    written = int(out.split("articles; ")[1].split(" files written")[0])
    return wall, float(out.rsplit(" in ", 1)[1].split("s")[0]), written


def measure(count: int, work: Path) -> dict[str, float]:
    root = project(work / f"n{count}", count)
    briefing = [sys.executable, "-m", "generator.cli", "--root", str(root), "generate"]
    generate_s, generate_mb = run(briefing, root)
    # The cold pipeline: the command users run on a fresh clone of the same corpus. A fresh copy
    # rather than the generated files deleted: on this machine's disk, creating files just
    # after deleting thousands costs several times more, which no clone pays.
    clone = make_project(work / f"n{count}-clone", with_samples=False)
    shutil.copytree(root / "articles", clone / "articles", dirs_exist_ok=True)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(clone / "mkdocs.yml")]
    pipeline_s, pipeline_mb = run(mkdocs, clone)
    shutil.rmtree(clone / "site")  # the baseline, too, builds into an empty folder
    warm_s, _ = run(mkdocs, clone)

    baseline = work / f"baseline{count}"
    (baseline / "content").mkdir(parents=True)
    (baseline / "mkdocs.yml").write_text(BASELINE_CONFIG)
    shutil.copytree(clone / "content/articles", baseline / "content/articles")
    (baseline / "content/index.md").write_text("# Baseline\n")
    baseline_s, _ = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(baseline / "mkdocs.yml")], baseline)

    # Today's article: newer than the whole synthetic corpus (2015-2019), as a daily addition is.
    days = [add_todays_article(root, briefing, day) for day in range(1, DAILY_ADDITIONS + 1)]
    incremental_s, generator_only, written = sorted(days)[len(days) // 2]

    site = clone / "site"
    pages = [p.stat().st_size for p in site.rglob("*.html")]
    return {
        "articles": count,
        "generator_s": generate_s,
        "articles_per_s": count / generate_s,
        "generator_peak_mb": generate_mb,
        "pipeline_s": pipeline_s,
        "pipeline_peak_mb": pipeline_mb,
        "baseline_s": baseline_s,
        "ratio": pipeline_s / baseline_s,
        "warm_s": warm_s,
        "warm_ratio": warm_s / baseline_s,
        "incremental_s": incremental_s,
        "incremental_generator_s": generator_only,
        "incremental_files": written,
        "site_mb": folder_size(site) / 1e6,
        "search_index_mb": (site / "search/search_index.json").stat().st_size / 1e6,
        "largest_page_kb": max(pages) / 1e3,
        "pages": len(pages),
    }


ROWS = [
    ("articles", "Articles", "{:,.0f}"),
    ("generator_s", "Generator, cold (s)", "{:.1f}"),
    ("articles_per_s", "Generator articles/s", "{:,.0f}"),
    ("generator_peak_mb", "Generator peak memory (MB)", "{:,.0f}"),
    ("pipeline_s", "Pipeline, cold: mkdocs build --strict (s)", "{:.1f}"),
    ("pipeline_peak_mb", "Pipeline peak memory (MB)", "{:,.0f}"),
    ("baseline_s", "Baseline: bare Material, same article pages (s)", "{:.1f}"),
    ("ratio", "Pipeline cold / baseline", "{:.2f}"),
    ("warm_s", "Pipeline, warm cache: mkdocs build --strict again (s)", "{:.1f}"),
    ("warm_ratio", "Pipeline warm / baseline", "{:.2f}"),
    ("incremental_generator_s", "Add one article: generator (s)", "{:.2f}"),
    ("incremental_s", "Add one article: whole `briefing generate` command, with Python start-up (s)", "{:.2f}"),
    ("incremental_files", "Add one article: files written", "{:,.0f}"),
    ("pages", "HTML pages", "{:,.0f}"),
    ("site_mb", "Site size (MB)", "{:.1f}"),
    ("search_index_mb", "Search index (MB)", "{:.1f}"),
    ("largest_page_kb", "Largest page (KB)", "{:.0f}"),
]


def table(results: list[dict[str, float]]) -> str:
    header = "| Measure | " + " | ".join(f"N = {r['articles']:,}" for r in results) + " |"
    lines = [header, "|---|" + "---:|" * len(results)]
    for key, label, fmt in ROWS[1:]:
        lines.append(f"| {label} | " + " | ".join(fmt.format(r[key]) for r in results) + " |")
    if len(results) >= 2:
        small, large = results[0], results[-1]
        growth = (large["pipeline_s"] / small["pipeline_s"]) / (large["articles"] / small["articles"])
        lines.append(f"\nPipeline time growth per article, N = {large['articles']:,} vs {small['articles']:,}: "
                     f"{growth:.2f} (1.00 is linear).")
    return "\n".join(lines)


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--write", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        results = [measure(n, Path(tmp)) for n in args.sizes]
    command = "python -m benchmarks.run " + " ".join(sys.argv[1:])
    report = f"{table(results)}\n\nCommand: `{command.strip()}`  \nMachine: {machine()}\n"
    print(report)
    if args.write:
        args.write.write_text(f"# Benchmarks\n\n{report}", "utf-8")


if __name__ == "__main__":
    main()
