"""Input that used to go wrong quietly (issue 16, items 4, 5, 6 and 16): broken front matter,
malformed URLs, block syntax in article text, huge titles, stray bytes, `topics:`.
Each case builds the article and reports one problem line; none costs another article."""

from __future__ import annotations

import html
import re
import time
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from conftest import write_article
from generator.build import Project, build
from generator.extract import TITLE_CHARS
from generator.read import read_article
from generator.safety import md_text
from sitebuild import REPO, make_project, mkdocs_build

HEADLINE = "Ministers Agree on a Calendar of Military Contacts"
BODY = (f"{HEADLINE}\n\nMarch 5, 2019\n\n"
        "Defense ministers agreed on Tuesday to hold regular military contacts, officials said.\n\n"
        "Jim Mattis said the calendar would reduce the risk of accidents.\n")


def corpus(tmp_path: Path, files: dict[str, str | bytes]) -> Project:
    data = {name: text.encode() if isinstance(text, str) else text for name, text in files.items()}
    return Project.at(make_project(tmp_path / "project", {"good.txt": BODY.encode(), **data}, with_samples=False))


def problems_of(report, name: str) -> list[str]:
    return [p for p in report.problems if p.startswith(name + ":")]


# --- item 4: front matter never becomes article text ----------------------------------------

@pytest.mark.parametrize("field, line", [
    ("date: 2017-02-30", 3),  # no 30 February: PyYAML's timestamp constructor raises ValueError
    ("date: 2017-13-01", 3),
    ("date: 0000-00-00", 3),
    ("author: !!int xyz", 3),  # a tagged value that cannot be built
])
def test_a_value_yaml_cannot_build_is_one_problem_and_the_other_fields_apply(tmp_path, extractor, field, line):
    text = f"---\ntitle: Keeper retires\n{field}\nsummary: A keeper retires.\n---\n{BODY}"
    article = extractor.process(write_article(tmp_path, "a.txt", text))
    assert article.title == "Keeper retires"  # the front matter's, never "date: 2017-02-30"
    assert article.summary == "A keeper retires."
    assert article.date == "2019-03-05"  # from the text: the impossible date was not used
    assert not any(field in b.text or "title:" in b.text for b in article.blocks)
    malformed = [w for w in article.warnings if w.startswith(f"malformed front matter at line {line}:")]
    assert len(malformed) == 1 and field.split(":")[0] in malformed[0], article.warnings


def test_an_impossible_date_in_a_build_is_one_problem_line(tmp_path):
    project = corpus(tmp_path, {"curated.md": f"---\ndate: 2017-02-30\nauthor: Maria Jones\n---\n# {HEADLINE}?\n\nText of the note.\n"})
    report = build(project)
    assert [p.split(":", 1)[1] for p in problems_of(report, "curated.md")] == [
        " malformed front matter at line 2: field 'date': day is out of range for month; the field was ignored"]
    by_source = {a.source: a for a in report.articles}
    assert by_source["curated.md"].title == f"{HEADLINE}?" and by_source["curated.md"].author == "Maria Jones"
    assert by_source["good.txt"].title == HEADLINE


@pytest.mark.parametrize("separator", ["\n", ""])  # the block ends at a blank line, or at the first line that is not a field
def test_front_matter_without_its_closing_dashes_is_reported_and_never_the_title(tmp_path, extractor, separator):
    text = f"---\ntitle: Keeper retires\ndate: 2017-02-30\nactors:\n  - Jane Roe\n{separator}{BODY}"
    raw = read_article(write_article(tmp_path, "a.txt", text))
    assert raw.problems == ("malformed front matter at line 1: the opening '---' has no closing '---' line, "
                            "so lines 2-5 were ignored",)
    article = extractor.extract(raw)
    assert article.title == HEADLINE
    assert article.date == "2019-03-05"
    assert not any("title:" in b.text or "Jane Roe" in b.text for b in article.blocks)


@pytest.mark.parametrize("text", [
    "---\nLighthouse keeper retires\n\nThe keeper retired on Friday after forty years.\n",  # a rule, no closing
    "---\n- 2017-02-30\n---\nLighthouse keeper retires\n\nThe keeper retired on Friday.\n",  # closed, not a mapping
    "---\nBreaking: a keeper retires\n\nThe keeper retired on Friday.\n",  # a headline with a colon is no field
])
def test_a_leading_dashed_block_that_is_no_front_matter_stays_page_text(tmp_path, text):
    raw = read_article(write_article(tmp_path, "a.txt", text))
    assert (raw.overrides, raw.problems, raw.text) == ({}, (), text)


def test_python_frontmatter_is_no_longer_a_dependency():
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert not any(d.startswith("python-frontmatter") for d in project["dependencies"])
    assert "import frontmatter" not in (REPO / "generator" / "read.py").read_text("utf-8")


# --- item 5: a malformed URL never refuses the article --------------------------------------

def test_a_malformed_front_matter_url_is_a_problem_and_not_used(tmp_path, extractor):
    article = extractor.process(write_article(tmp_path, "a.txt", f"---\nurl: 'http://[oops'\n---\n{BODY}"))
    assert article.url is None and article.outlet_source != "URL domain (not in outlets.yml)"
    assert article.title == HEADLINE
    assert [w for w in article.warnings if "url" in w] == ["front matter url 'http://[oops' is not a well-formed URL; ignored"]


def test_a_malformed_url_line_in_the_text_is_not_used_for_the_date_or_outlet(tmp_path, extractor):
    text = BODY.replace("March 5, 2019\n\n", "") + "\nhttps://[2001:db8::1/2018/07/18/report\n"
    article = extractor.process(write_article(tmp_path, "a.txt", text))
    assert article.title == HEADLINE
    assert article.url is None and article.date is None and article.outlet is None


def test_malformed_urls_build_and_are_never_linked(tmp_path):
    project = corpus(tmp_path, {
        "fm.txt": f"---\nurl: 'http://[oops'\n---\n{BODY.replace('Ministers', 'Envoys')}",
        "line.txt": BODY.replace("Ministers", "Generals") + "\nhttps://[2001:db8::1/2018/07/18/report\n",
    })
    report = build(project)
    assert len(report.articles) == 3
    assert not [p for p in report.problems if "could not be processed" in p]
    for article in report.articles:
        assert "http://[oops" not in (project.content / article.page_path).read_text("utf-8").replace("'http://[oops'", "")


# --- item 6: block syntax in a value renders as text -----------------------------------------

BLOCK_MARKERS = [
    '!!! md-dialog md-dialog--active "Your session expired. Sign in again at …"',  # admonition
    '!!! note', '!!!note "x"', '??? note "Collapsed"', '???+ warning "Open"',  # pymdownx.details, if ever enabled
    "~~~", "~~~ python", "```", "# heading", "###### heading", "> quote", "- item", "+ item", "* item",
    "1. item", "1) item", "===", "=== setext", "---", "--- rule", "***", "___", "[TOC]", "[ref]: http://example.test/",
    "{: .class }", "| a | b |", "<div markdown>x</div>", "    indented code", "\t\ttabbed code", ": definition",
]
# The site's extensions (mkdocs.yml), MkDocs' built-in fenced_code, and details, which adds ??? blocks.
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "pymdownx.details"]
INERT_TAGS = {"p", "blockquote", "br"}


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def rendered(markdown_text: str) -> tuple[set[str], str]:
    """(element names, visible text with whitespace collapsed) of the HTML the site would make."""
    parser = _Elements()
    parser.feed(markdown.markdown(markdown_text, extensions=EXTENSIONS))
    return set(parser.tags), " ".join("".join(parser.text).split())


@pytest.mark.parametrize("marker", BLOCK_MARKERS)
@pytest.mark.parametrize("rest", ["", " and the rest"])  # alone, a marker may open a block that text after it would not
@pytest.mark.parametrize("layout", [
    "{v}",  # a paragraph of its own
    "A line before\n{v}",  # a line inside a paragraph (a setext rule there would make a heading)
    "{v}\n\nbetween\n\n{v}",  # two values (two fences would enclose what lies between)
    "> {v}",  # a template's blockquote
])
def test_every_block_marker_in_a_value_renders_as_its_text(marker, rest, layout):
    value = marker + rest
    tags, text = rendered(layout.format(v=md_text(value)))
    assert tags <= INERT_TAGS, (value, tags)
    shown = " ".join(value.split())
    expected = " ".join(layout.replace("> ", "").format(v=shown).split())
    assert text == expected


@pytest.fixture(scope="module")
def dialog_site(tmp_path_factory) -> Path:
    dialog = '!!! md-dialog md-dialog--active "Your session expired. Sign in again at …"'
    article = f"---\nsummary: '{dialog}'\n---\n{HEADLINE}\n\nMarch 5, 2019\n\n{dialog}\n\n" \
              "Defense ministers agreed on Tuesday to hold regular military contacts, officials said.\n"
    root = make_project(tmp_path_factory.mktemp("dialog"), {"dialog.txt": article.encode()}, with_samples=False)
    result = mkdocs_build(root, strict=False)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize("page", ["articles/2019/03/ministers-agree-on-a-calendar-of-military-contacts/index.html",
                                  "index.html"])
def test_admonition_syntax_in_an_article_is_text_on_the_built_site(dialog_site, page):
    built = (dialog_site / page).read_text("utf-8")
    assert not re.search(r'class="[^"]*(admonition|md-dialog--active)', built)
    assert "md-dialog md-dialog--active" in html.unescape(built)
    assert "Your session expired. Sign in again at …" in html.unescape(re.sub(r"<[^>]+>", "", built))


# --- item 16: titles, stray bytes, topics ----------------------------------------------------

def test_a_five_megabyte_one_line_file_gets_a_short_title_with_a_notice(tmp_path, extractor):
    line = "NATO and Russia held talks in Brussels on Thursday, officials said. " * 77_000  # just under 5 MiB
    path = write_article(tmp_path, "a.txt", line + "\n")
    assert path.stat().st_size > 4.9 * 2**20
    started = time.perf_counter()
    article = extractor.process(path)
    assert time.perf_counter() - started < 10
    assert len(article.title) <= TITLE_CHARS + 1 and article.title.endswith("…")
    assert line.startswith(article.title.removesuffix("…")) and line[len(article.title) - 1] == " "  # a whole word
    assert any("title is" in n and "cut" in n for n in article.notices)


def test_a_long_front_matter_title_is_cut_too(tmp_path, extractor):
    long_title = "Keeper " * 100
    article = extractor.process(write_article(tmp_path, "a.txt", f"---\ntitle: {long_title}\n---\n{BODY}"))
    assert article.title == ("Keeper " * 28).strip() + "…"
    assert any("699 characters" in n for n in article.notices)


def test_stray_bytes_in_a_utf8_file_are_replaced_and_reported(tmp_path):
    text = ("Ministers’ talks — “a calendar” agreed\n\nMarch 5, 2019\n\n"
            "Defense ministers agreed in Genève on Tuesday to hold regular contacts, officials said. ")
    data = text.encode() + b"The minister\x92s aide spoke. Caf\xe9 talks followed.\n"  # two cp1252 bytes
    raw = read_article(write_article(tmp_path, "a.txt", data))
    assert raw.encoding == "utf-8"
    assert raw.text.startswith("Ministers’ talks — “a calendar” agreed")
    assert "minister\ufffds aide" in raw.text and "Caf\ufffd talks" in raw.text
    assert raw.problems == ("2 bytes that are not UTF-8 replaced by U+FFFD (the first at line 5, column 101)",)


@pytest.mark.parametrize("text, codec", [
    ("Министры обороны договорились о новых контактах\n\nСтороны обсудили меры по снижению рисков.\n", "cp1251"),
    ("Les ministres relancent le dialogue stratégique à Genève; les délégations décidèrent.\n", "latin-1"),
])
def test_legacy_files_with_no_utf8_still_decode_in_their_encoding(tmp_path, text, codec):
    raw = read_article(write_article(tmp_path, "a.txt", text.encode(codec)))
    assert raw.text == text and raw.problems == ()


def test_front_matter_topics_become_primary_and_an_unknown_id_is_a_problem(tmp_path, extractor):
    text = f"---\ntopics: [crimea, dialogue, space-race]\n---\n{BODY}"
    article = extractor.process(write_article(tmp_path, "a.txt", text))
    primary = [(hit.id, hit.evidence) for hit in article.topics["primary"]]
    assert primary[:2] == [("crimea", ["front matter"]), ("dialogue", ["front matter"])]
    assert not {"crimea", "dialogue"} & {hit.id for hit in article.topics["mentioned"]}
    unknown = [w for w in article.warnings if "space-race" in w]
    assert len(unknown) == 1 and "not in topics.yml" in unknown[0]


def test_front_matter_topics_reach_the_topic_page(tmp_path):
    project = corpus(tmp_path, {"curated.txt": f"---\ntopics: [crimea]\n---\n{BODY.replace('Ministers', 'Envoys')}"})
    report = build(project)
    assert not problems_of(report, "curated.txt")
    page = (project.content / "topics" / "crimea.md").read_text("utf-8")
    assert "Envoys Agree" in page and "Ministers Agree" not in page
