"""Property-based tests: whatever the input, the readers, cleaner and extractors return a
record or a clear InputError; nothing else escapes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract import Extractor
from generator.model import InputError, RawArticle
from generator.read import decode, split_front_matter
from generator.safety import md_text
from generator.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[1]
EXTRACTOR = Extractor(load_taxonomy(REPO / "taxonomy"))
SAMPLES = [p.read_text("utf-8") for p in sorted((REPO / "articles").glob("*.txt"))]
FURNITURE = ["Advertisement", "Navigation", "WATCH: Something", "please wait", "0:00 0:01", "  •  ", "© Agency / Name",
             "Related article: Other Story", "By Someone Else", "June 07, 2018", "Original url:", "<https://x.test/a>",
             "Feb. 30 (UPI) -- text", "Заголовок", "VOA News", "\u00a0", '"', "“", "---", "# hash", "{{ x }}"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(raw_text: str) -> None:
    try:
        _, body, _ = split_front_matter(raw_text)
    except InputError:
        return
    article = EXTRACTOR.extract(RawArticle(source=Path("fuzz.txt"), text=body, format="text"))
    assert isinstance(article.title, str) and article.title
    assert article.date is None or dt.date.fromisoformat(article.date)
    assert all(d.rule for d in article.dropped)
    assert all(q.text and (q.speaker is None or q.speaker) for q in article.quotes)  # null: speaker unclear


@SETTINGS
@given(st.text(max_size=3000))
def test_random_unicode(text):
    check(text)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(FURNITURE), st.text(max_size=120)), max_size=40))
def test_furniture_interleaved_with_noise(lines):
    check("\n".join(lines))


@SETTINGS
@given(st.sampled_from(SAMPLES), st.sampled_from(SAMPLES), st.integers(0, 6000), st.integers(0, 6000))
def test_truncated_and_concatenated_samples(first, second, cut_first, cut_second):
    check(first[:cut_first] + second[cut_second:])


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_clearly(data):
    try:
        text, _, encoding = decode(data)
    except InputError as err:
        assert str(err)
        return
    assert isinstance(text, str) and encoding
    check(text)


@SETTINGS
@given(st.text(max_size=300))
def test_escaped_text_never_becomes_markup(text):
    html = markdown.markdown(md_text(text), extensions=["toc", "tables", "attr_list", "md_in_html", "admonition"])
    inner = re.sub(r"^<p>|</p>$", "", html)
    assert not re.search(r"<[A-Za-z/!?]", inner), html
