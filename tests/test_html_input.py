"""Saved web pages (.html, .htm, .html.gz) as input: the article and the page's own metadata,
corrections in a sidecar file, the same safety as text, bounded work on hostile pages, and a
raw copy that is never the page's HTML. Every page here is synthetic, written by the test."""

from __future__ import annotations

import gzip
import time

import markdown
import pytest

from conftest import write_article
from generator.model import InputError
from generator.read import MAX_BYTES, read_article
from generator.read_html import MAX_ELEMENTS, page_text
from generator.render import body_markdown
from sitebuild import make_project, mkdocs_build

PARAGRAPHS = [
    "Defense ministers from both alliances met in Helsinki on Tuesday to discuss how military "
    "incidents over the Baltic Sea could be avoided, officials said after the closed session.",
    "The talks lasted four hours and covered aircraft transponders, the distance warships keep from "
    "one another and a telephone line between the two staffs that would be staffed day and night.",
    "Jens Stoltenberg said the meeting had been useful. \"We will keep talking to reduce the risks "
    "of misunderstanding and accidents in the air and at sea,\" he told reporters outside.",
    "A second round is planned for the spring, when experts are to present a draft agreement on "
    "notifications before large exercises near the borders of member states.",
]


def page(body_extra: str = "", head_extra: str = "", paragraphs: list[str] = PARAGRAPHS, title: str = "Baltic incident talks resume in Helsinki") -> bytes:
    """A news page as a browser saves it: metadata in the head, menus and teasers around the article."""
    text = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{title} | Northern Herald</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Northern Herald">
<meta name="author" content="Anna Virtanen">
<meta property="article:published_time" content="2019-03-05T08:30:00+02:00">
<link rel="canonical" href="https://northern-herald.example/world/baltic-talks">
{head_extra}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>{title}</h1>
<p class="byline">By Anna Virtanen</p>
{text[:len(text) // 2]}
<h2>Hotline between the staffs</h2>
{text[len(text) // 2:]}
{body_extra}
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Storm closes ferry routes</a></li><li><a href="/b">Election date set</a></li></ul></aside>
<footer><p>© 2019 Northern Herald. All rights reserved.</p></footer>
</body></html>""".encode()


def test_article_and_metadata_come_from_the_page(tmp_path, extractor):
    article = extractor.process(write_article(tmp_path, "talks.html", page()))
    assert (article.title, article.title_source) == ("Baltic incident talks resume in Helsinki", "html metadata")
    assert (article.date, article.date_source) == ("2019-03-05", "html metadata")
    assert (article.outlet, article.outlet_source) == ("Northern Herald", "site name")
    assert article.author == "Anna Virtanen"
    assert article.url == "https://northern-herald.example/world/baltic-talks"
    assert article.language == "en-GB"
    assert [b.kind for b in article.blocks].count("heading") == 1
    body = body_markdown(article.blocks)
    assert all(p.split(",")[0] in body for p in PARAGRAPHS)
    assert "## Hotline between the staffs" in body
    for furniture in ("Most read", "Storm closes", "All rights reserved", "Sport"):
        assert furniture not in body
    # the same extraction as for text: actors and quotes
    assert "Jens Stoltenberg" in {a.name for a in article.actors}
    assert any(q.text.startswith("We will keep talking") for q in article.quotes)


def test_htm_and_gzipped_pages_are_read_alike(tmp_path, extractor):
    plain = extractor.process(write_article(tmp_path, "a.htm", page()))
    packed = extractor.process(write_article(tmp_path, "b.html.gz", gzip.compress(page())))
    assert plain.blocks == packed.blocks and plain.title == packed.title


def test_lists_and_block_quotes_become_paragraphs(tmp_path, extractor):
    extra = ("<ul><li>Transponders switched on over international waters at all times.</li>"
             "<li>Warships to keep at least two nautical miles apart in the Baltic.</li></ul>"
             "<blockquote><p>Both sides agreed that the hotline would be tested every month.</p></blockquote>")
    article = extractor.process(write_article(tmp_path, "a.html", page(extra)))
    texts = [b.text for b in article.blocks if b.kind == "paragraph"]
    assert "Transponders switched on over international waters at all times." in texts
    assert "Warships to keep at least two nautical miles apart in the Baltic." in texts
    assert "Both sides agreed that the hotline would be tested every month." in texts


def test_furniture_rules_apply_to_the_extracted_lines(tmp_path, extractor):
    """A caption with its credit, inside the article, is what our rules know and trafilatura keeps."""
    caption = "Ministers arrive at the venue in Helsinki (Jane Doe/Example Photo Agency)"
    article = extractor.process(write_article(tmp_path, "a.html", page(f"<p>{caption}</p>")))
    assert caption not in body_markdown(article.blocks)
    assert any(d.rule == "caption" for d in article.dropped)


HOSTILE = (
    "<script>window.__pwned=1</script>"
    "<p>The ministers <img src=x onerror=\"window.__pwned=1\"> will meet again <a href=\"javascript:window.__pwned=1\">"
    "in the spring</a> &lt;script&gt;alert(1)&lt;/script&gt; to sign the notification agreement they drafted.</p>"
    "<iframe src=\"javascript:window.parent.__pwned=1\"></iframe>"
    "<p onclick=\"window.__pwned=1\">Officials said [a link](javascript:alert(1)) would follow, and {{ config.site_name }} too.</p>"
)


def test_the_pages_markup_never_reaches_a_reader(tmp_path, extractor):
    article = extractor.process(write_article(tmp_path, "a.html", page(HOSTILE)))
    body = body_markdown(article.blocks)
    assert "will meet again in the spring" in body
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html"])
    for markup in ("<script", "<img", "<iframe", "onerror", "onclick", "href=\"javascript", "<a "):
        assert markup not in html, markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # text about markup stays visible text


def test_no_article_text_is_one_problem(tmp_path):
    empty = b"<html><head><title>Gallery</title></head><body><nav><a href='/'>Home</a></nav><img src=a.jpg></body></html>"
    with pytest.raises(InputError, match="^no article text found in the page$"):
        read_article(write_article(tmp_path, "gallery.html", empty))
    with pytest.raises(InputError, match="not a readable gzip file"):
        read_article(write_article(tmp_path, "broken.html.gz", b"not gzip at all"))


def test_a_gzip_bomb_is_refused_at_the_size_cap(tmp_path):
    bomb = gzip.compress(b"<html><body>" + b" " * (MAX_BYTES + 10) + b"</body></html>")
    with pytest.raises(InputError, match="unpacks to over 5 MB"):
        read_article(write_article(tmp_path, "bomb.html.gz", bomb))


def test_hostile_page_shapes_finish_in_bounded_time(tmp_path):
    nested = b"<html><body>" + b"<div>" * 400_000 + b"deep text" + b"</div>" * 400_000 + b"</body></html>"
    nested = nested[:MAX_BYTES]  # a 5 MB page of nested divs, cut where the size cap is
    crowded = b"<html><body>" + b"<p>word word word.</p>" * (MAX_ELEMENTS + 1) + b"</body></html>"
    for name, data in (("nested.html", nested), ("crowded.html", crowded)):
        start = time.perf_counter()
        with pytest.raises(InputError):
            read_article(write_article(tmp_path, name, data))
        assert time.perf_counter() - start < 10, name
    with pytest.raises(InputError, match=f"pages over {MAX_ELEMENTS:,} are refused"):
        read_article(tmp_path / "crowded.html")


def test_sidecar_corrects_a_page(tmp_path, extractor):
    path = write_article(tmp_path, "talks.html", page())
    (tmp_path / "talks.html.yml").write_text("title: Talks on Baltic incidents\ndate: 2019-03-04\n"
                                             "outlet: Herald\nactors: [Petr Pavel]\nmood: calm\n")
    article = extractor.process(path)
    assert (article.title, article.title_source) == ("Talks on Baltic incidents", "front matter")
    assert (article.date, article.date_source) == ("2019-03-04", "front matter")
    assert (article.outlet, article.outlet_source) == ("Herald", "front matter")
    assert "Petr Pavel" in {a.name for a in article.actors}
    assert article.warnings == ["talks.html.yml field 'mood' is not known and was ignored"]
    unchanged = read_article(path).digest
    (tmp_path / "talks.html.yml").write_text("title: Another title\n")
    assert read_article(path).digest != unchanged  # the cache sees a changed sidecar


@pytest.mark.parametrize("sidecar, problem", [
    ("title: [unclosed\n", "talks.html.yml is malformed at line 2"),
    ("- a list\n", "talks.html.yml must be a mapping of field: value"),
    ("date: yesterday\n", "talks.html.yml date 'yesterday' is not a date"),
])
def test_a_bad_sidecar_is_one_problem_and_the_page_still_builds(tmp_path, extractor, sidecar, problem):
    path = write_article(tmp_path, "talks.html", page())
    (tmp_path / "talks.html.yml").write_text(sidecar)
    article = extractor.process(path)
    assert article.title == "Baltic incident talks resume in Helsinki"
    assert len(article.warnings) == 1 and article.warnings[0].startswith(problem)


def test_raw_copy_is_the_pages_text_never_its_markup():
    text = page_text(page(HOSTILE))
    assert "Baltic incident talks resume in Helsinki" in text.splitlines()
    assert "Most read" in text  # the whole page as a reader saw it, furniture included
    assert "<script>alert(1)</script>" in text  # the page's visible text, literally
    for markup in ("window.__pwned", "onerror", "<iframe", "<img", "<p", "charset"):
        assert markup not in text


def test_mixed_corpus_builds_strict_with_a_safe_raw_copy(tmp_path):
    root = make_project(tmp_path / "project", {"saved/talks.html": page(HOSTILE), "empty.html": b"<html><body></body></html>"},
                        with_samples=True)
    (root / "articles" / "curated.md").write_text("# Curated note\n\nA short curated note on the Baltic talks.\n")
    result = mkdocs_build(root)
    assert result.returncode == 1 and "empty.html: no article text found in the page" in result.stderr
    (root / "articles" / "empty.html").unlink()
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    raws = list((root / "site" / "raw").rglob("*.txt"))
    assert len(raws) == 7  # five samples, the curated note, the saved page
    raw = next(p for p in raws if "baltic" in p.name)
    text = raw.read_text()
    assert "will meet again in the spring" in text and "window.__pwned" not in text
    assert not list((root / "site").rglob("*.html.gz")) and not list((root / "site" / "raw").rglob("*.html"))
    page_html = next((root / "site" / "articles").rglob("baltic*/index.html")).read_text()
    assert "will meet again in the spring" in page_html and "window.__pwned" not in page_html
