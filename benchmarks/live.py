"""Benchmark: live preview under a real `mkdocs serve` on a synthetic corpus of N articles.

    python -m benchmarks.live --articles 2000
    python -m benchmarks.live --articles 2000 10000 --clean   # also serve --clean's full rebuilds

For each N it starts `mkdocs serve` on a free port, waits for the first build, then
changes the corpus the way a user does and measures, for each change, the time from the
file being written to the browser's reload (the livereload request the served pages make
returns: watcher delay, generator and MkDocs' rebuild together), MkDocs' own figure for
the rebuild, the pages rendered, and the rebuilds the change caused:

  * drop: a new article (newer than the corpus, naming a taxonomy actor);
  * edit: an existing article's wording changed ("said" becomes "stated");
  * delete: that new article removed again.

Each change is made three times (the median is reported; this machine's speed varies).
Numbers are printed, never asserted: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from benchmarks.run import TODAY, machine, project

REPEATS = 3
FIRST_BUILD_SECONDS = 1800  # a 10,000-article site builds in MkDocs' one process first
_EPOCH = re.compile(r"livereload\((\d+),")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 10) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


class Served:
    """A running `mkdocs serve` and its log."""

    def __init__(self, root: Path, clean: bool):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log_path = root / "serve.log"
        self._log = open(self.log_path, "w+", encoding="utf-8")
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}",
                   "-f", str(root / "mkdocs.yml")] + (["--clean"] if clean else [])
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "1"}
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + FIRST_BUILD_SECONDS
        while "Serving on" not in self.log():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(self.log()[-3000:])
            time.sleep(0.5)

    def log(self) -> str:
        return self.log_path.read_text("utf-8")

    def epoch(self) -> int:
        return int(_EPOCH.search(get(self.base))[1])

    def wait_for_reload(self, epoch: int) -> None:
        """Returns when the server tells a page shown at `epoch` to reload, as the page's script asks
        (the server answers after a minute without a rebuild; then it asks again)."""
        while int(get(f"{self.base}livereload/{epoch}/1", timeout=120)) <= epoch:
            pass

    def measure(self, change) -> dict[str, float]:
        """Seconds from `change()` to the browser's reload, and what the log says of the rebuild."""
        epoch, before = self.epoch(), len(self.log())
        reloaded: list[float] = []
        waiting = threading.Thread(target=lambda: (self.wait_for_reload(epoch), reloaded.append(time.perf_counter())))
        waiting.start()
        time.sleep(0.2)  # the request is waiting in the server
        started = time.perf_counter()
        change()
        waiting.join()
        time.sleep(2.0)  # a second rebuild, if one came, has started by now
        deadline = time.monotonic() + 600
        while "Reloading browsers" not in self.log()[before:].rsplit("Building documentation", 1)[-1]:
            if time.monotonic() > deadline:
                raise RuntimeError(self.log()[before:][-3000:])
            time.sleep(0.2)
        tail = self.log()[before:]
        built = [float(s) for s in re.findall(r"Documentation built in ([\d.]+) seconds", tail)]
        rendered = re.findall(r"(\d+) of \d+ pages rendered", tail)
        return {"reload_s": reloaded[0] - started, "build_s": built[0] if built else float("nan"),
                "rebuilds": tail.count("Building documentation"),
                "rendered": int(rendered[0]) if rendered else float("nan")}

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


def changes(root: Path, round_: int):
    """(name, change) for one round: drop an article, edit one, delete the dropped one."""
    articles = root / "articles"
    dropped = articles / f"zz-live-{round_}.txt"
    edited = articles / f"{round_:05d}.txt"
    return [
        ("drop", lambda: dropped.write_text(TODAY.format(day=round_ + 1), "utf-8")),
        ("edit", lambda: edited.write_text(edited.read_text("utf-8").replace(" said ", " stated "), "utf-8")),
        ("delete", lambda: dropped.unlink()),
    ]


def measure(count: int, work: Path, clean: bool) -> dict[str, dict[str, float]]:
    root = project(work / f"n{count}{'-clean' if clean else ''}", count)
    started = time.perf_counter()
    served = Served(root, clean)
    first = time.perf_counter() - started
    results: dict[str, list[dict[str, float]]] = {}
    try:
        for round_ in range(REPEATS):
            for name, change in changes(root, round_):
                results.setdefault(name, []).append(served.measure(change))
    finally:
        served.stop()
    medians = {name: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for name, runs in results.items()}
    medians["first build"] = {"reload_s": first}
    return medians


def table(count: int, clean: bool, results: dict[str, dict[str, float]]) -> str:
    mode = "serve --clean (full rebuilds)" if clean else "serve (live preview)"
    lines = [f"N = {count:,}, {mode}; first build and start-up {results.pop('first build')['reload_s']:.1f} s",
             "", "| Change | Write to reload (s) | MkDocs rebuild (s) | Pages rendered | Rebuilds |", "|---|---:|---:|---:|---:|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['reload_s']:.2f} | {r['build_s']:.2f} | {r['rendered']:,.0f} | {r['rebuilds']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[2000])
    parser.add_argument("--clean", action="store_true", help="also measure `mkdocs serve --clean` (full rebuilds)")
    parser.add_argument("--keep", type=Path, help="build the projects in this folder and keep them (and serve's log)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-live-") as tmp:
        work = args.keep or Path(tmp)
        for count in args.articles:
            for clean in ([False, True] if args.clean else [False]):
                print(table(count, clean, measure(count, work, clean)), "\n", flush=True)
    print(f"Command: `python -m benchmarks.live {' '.join(sys.argv[1:])}`  \nMachine: {machine()}")


if __name__ == "__main__":
    main()
