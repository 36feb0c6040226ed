"""The `briefing` command.

    briefing build            generate content/ and build the site (same as `mkdocs build`)
    briefing serve            live preview (same as `mkdocs serve`)
    briefing generate         generate content/ only
    briefing check            validate the corpus; exit 1 if anything needs fixing
    briefing extract FILE...  show what the generator reads off articles (--json for machines)
    briefing explain FILE     the raw text line by line: kept, or dropped and by which rule
    briefing add URL...       fetch web pages into articles/ (--file urls.txt, --dry-run)
    briefing export           the data files the site publishes under data/ (--format json|csv, --out DIR)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from generator.build import Project, build, collect, unrenderable
from generator.clean import clean
from generator.display import FATAL, error_lines, shown
from generator.export import FORMATS, export_files
from generator.extract import Extractor
from generator.fetch import Fetcher, add, read_address_file
from generator.index import assign_paths, build_indexes
from generator.model import InputError
from generator.read import read_article
from generator.render import body_markdown
from generator.stories import detect_stories
from generator.taxonomy import load_taxonomy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefing", description="Static briefing-site generator.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: current)")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate content/ and build the site with MkDocs")
    b.add_argument("--strict", action="store_true", help="fail on any warning")
    sub.add_parser("serve", help="live preview with mkdocs serve")
    sub.add_parser("generate", help="generate content/ only")
    sub.add_parser("check", help="validate the corpus; exit 1 on problems")
    e = sub.add_parser("extract", help="print what is extracted from article files")
    e.add_argument("files", nargs="+", type=Path)
    e.add_argument("--json", action="store_true", help="a JSON array, one object per article")
    x = sub.add_parser("explain", help="show each raw line and why it was kept or dropped")
    x.add_argument("file", type=Path)
    a = sub.add_parser("add", help="fetch web pages and save them under articles/")
    a.add_argument("urls", nargs="*", metavar="URL")
    a.add_argument("--file", type=Path, help="a file of addresses, one a line (# starts a comment)")
    a.add_argument("--dry-run", action="store_true", help="say what would be fetched and saved; fetch nothing")
    a.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (default 1)")
    a.add_argument("--timeout", type=float, default=30.0, help="seconds allowed for each page (default 30)")
    o = sub.add_parser("export", help="write the site's data files (docs/data.md) into a folder")
    o.add_argument("--format", choices=sorted(FORMATS), required=True)
    o.add_argument("--out", type=Path, default=Path("data"), help="folder to write into (default: data)")
    args = parser.parse_args(argv)
    if args.command == "add" and not (args.urls or args.file):
        a.error("give at least one URL or --file")
    try:
        return COMMANDS[args.command](args)
    except FATAL as err:  # a broken taxonomy, an unwritable folder, a full disk: one line, no traceback
        for line in error_lines(err):
            print(f"error: {line}", file=sys.stderr)
        return 2


def _mkdocs(args: argparse.Namespace, command: str, *extra: str) -> int:
    config = args.root / "mkdocs.yml"
    return subprocess.call([sys.executable, "-m", "mkdocs", command, "-f", str(config), *extra])


def cmd_build(args: argparse.Namespace) -> int:
    return _mkdocs(args, "build", *(["--strict"] if args.strict else []))


def cmd_serve(args: argparse.Namespace) -> int:
    return _mkdocs(args, "serve")


def cmd_generate(args: argparse.Namespace) -> int:
    report = build(Project.at(args.root))
    _print_report(report.problems, report.notices)
    written = report.written
    print(f"{len(report.articles)} articles; {len(written.written)} files written, "
          f"{written.unchanged} unchanged, {len(written.removed)} removed in {report.seconds:.2f}s")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate without writing anything: every file is read, cleaned and extracted."""
    project = Project.at(args.root)
    report, taxonomy, cache = collect(project)
    report.problems += unrenderable(project, taxonomy, report, cache)
    _print_report(sorted(report.problems), sorted(report.notices))
    print(f"{len(report.articles)} articles: {len(report.problems)} problems, {len(report.notices)} notices")
    return 1 if report.problems else 0


def _print_report(problems: list[str], notices: list[str]) -> None:
    for line in problems:
        print(f"problem: {shown(line)}", file=sys.stderr)
    for line in notices:
        print(f"notice: {shown(line)}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    extractor = Extractor(load_taxonomy(args.root / "taxonomy"))
    articles, failed = [], 0
    for path in args.files:
        try:
            article = extractor.process(path)
        except InputError as err:
            print(f"error: {shown(path)}: {shown(err)}", file=sys.stderr)
            failed += 1
            continue
        except OSError as err:
            print(f"error: {error_lines(err)[0]}", file=sys.stderr)
            failed += 1
            continue
        articles.append(article)
    detect_stories(articles)  # a story among the files given
    records = [article_json(article) for article in articles]
    if args.json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for r in records:  # every value through `shown`: a title or name may hold a terminal escape
            lines = [r["source"], r["title"],
                     f"{r['date'] or 'undated'} ({r['date_source']}) · {r['outlet']} · {r['author'] or 'no byline'}",
                     f"actors: {', '.join(a['name'] for a in r['actors'])}",
                     f"topics: {', '.join(t['id'] for t in r['topics']['primary'])}",
                     f"story: {r['story'] or 'alone'}"]
            print("\n  ".join(shown(line) for line in lines))
    return 1 if failed else 0


def article_json(article) -> dict:
    """The public JSON shape of an article (`briefing extract --json`)."""
    data = article.to_dict()
    data["body"] = body_markdown(article.blocks)
    data["actors"] = [{k: a[k] for k in ("name", "id", "auto", "role", "mentions")} for a in data["actors"]]
    data["quotes"] = [{k: q[k] for k in ("speaker", "speaker_id", "text", "paragraph")} for q in data["quotes"]]
    for internal in ("blocks", "digest", "slug", "page_path", "notices", "quote_runs", "story_pin"):
        data.pop(internal)
    data["warnings"] = article.warnings + article.notices
    return data


def cmd_explain(args: argparse.Namespace) -> int:
    """Each line of the article (after paragraphs are rebuilt) beside what became of it."""
    taxonomy = load_taxonomy(args.root / "taxonomy")
    try:
        raw = read_article(args.file)
    except InputError as err:
        print(f"error: {shown(args.file)}: {shown(err)}", file=sys.stderr)
        return 1
    from rich.console import Console  # loaded only here: the other commands start faster without it
    from rich.table import Table
    from rich.text import Text

    # Text objects, not strings: rich would read "[caption id=1]" or "[link=...]" in article text as markup.
    table = Table(title=Text(shown(args.file)), expand=True)
    table.add_column("line", ratio=3, overflow="fold")
    table.add_column("verdict (rule)", ratio=1)
    for entry in clean(raw, taxonomy).trace:
        table.add_row(Text(shown(entry.line)), Text(entry.verdict),
                      style="dim" if entry.verdict.startswith("dropped") else None)
    Console().print(table)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """Fetch each address into articles/; exit 1 if any could not be saved."""
    addresses = [*args.urls, *(read_address_file(args.file) if args.file else [])]
    articles = Project.at(args.root).articles
    fetcher = Fetcher(delay=args.delay, timeout=args.timeout)
    counts = dict.fromkeys(("saved", "would save", "skipped", "failed"), 0)
    for outcome in add(addresses, articles, fetcher, dry_run=args.dry_run):
        counts[outcome.action] += 1
        address = shown(outcome.address)
        if outcome.action == "failed":
            print(f"error: {address}: {shown(outcome.detail)}", file=sys.stderr)
        elif outcome.action == "skipped":
            print(f"skipped {address}: already in the corpus as {shown(articles / outcome.detail)}")
        else:
            print(f"{outcome.action} {address} -> {shown(articles / outcome.detail)}")
    print(", ".join(f"{n} {action}" for action, n in counts.items() if n) or "nothing to do")
    return 1 if counts["failed"] else 0


def cmd_export(args: argparse.Namespace) -> int:
    """The data files of the site, from the corpus as a build reads it (nothing else is written)."""
    project = Project.at(args.root)
    report, taxonomy, _ = collect(project)
    assign_paths(report.articles)
    _print_report(sorted(report.problems), sorted(report.notices))
    files = export_files(build_indexes(report.articles, taxonomy), project.directory_urls, (args.format,))
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    print(f"{len(report.articles)} articles exported to {args.out}: {', '.join(files)}")
    return 0


COMMANDS = {
    "build": cmd_build, "serve": cmd_serve, "generate": cmd_generate, "check": cmd_check,
    "extract": cmd_extract, "explain": cmd_explain, "add": cmd_add, "export": cmd_export,
}

if __name__ == "__main__":
    sys.exit(main())
