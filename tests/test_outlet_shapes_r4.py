"""The outlet a whole copied page names for itself (issue 17, item 4), round 4.

Synthetic pages with invented outlets: the article, then the footer furniture that names the site
without a known domain: a subscribe line with a platform and a purpose, a newsletter box, a staff
writer's note, and a blog theme's notice without the copyright sign.
"""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, write_article
from generator.extract import Extractor
from generator.taxonomy import load_taxonomy
from test_header_shapes import BODY, TITLE  # the same invented article, in other furniture

HEADER = ["By Maria Jones", "Nov 19, 2019"]
EXTRACTOR = Extractor(load_taxonomy(REPO / "taxonomy"))


def extract(tmp_path: Path, tail: list[str]):
    text = "\n".join([TITLE, *HEADER, *BODY, "More stories", *tail]) + "\n"
    return EXTRACTOR.process(write_article(tmp_path, "page.txt", text))


def test_subscribe_on_a_platform_and_staff_note_name_the_site(tmp_path):
    tail = ["Subscribe to 4x4Gear on YouTube for more trail news:",
            "Nora covers off-road news for 4x4Gear and hosts the weekly 4x4Gear Garage podcast."]
    article = extract(tmp_path, tail)
    assert (article.outlet, article.outlet_source) == ("4x4Gear", "self-reference")


def test_newsletter_box_and_follow_line_name_the_site(tmp_path):
    tail = ["Get Lantern Quarterly delivered to your inbox", "Follow Lantern Quarterly"]
    assert extract(tmp_path, tail).outlet == "Lantern Quarterly"


def test_one_self_reference_alone_names_no_site(tmp_path):
    article = extract(tmp_path, ["Subscribe to 4x4Gear on YouTube for more trail news:"])
    assert article.outlet is None


def test_staff_note_about_a_person_sentence_is_no_self_reference(tmp_path):
    tail = ["Nora covers off-road news for Example readers everywhere who love long drives in the hills.",
            "Follow Example"]
    assert extract(tmp_path, tail).outlet is None


def test_theme_footer_notice_without_the_sign_names_the_holder(tmp_path):
    tail = ["O Blog Cozinha de Vila reúne receitas simples.", "Cozinha de Vila · 2013–2019 Feito com carinho"]
    article = extract(tmp_path, tail)
    assert (article.outlet, article.outlet_source) == ("Cozinha de Vila", "copyright line")


def test_name_and_years_inside_the_article_text_is_no_notice(tmp_path):
    text = "\n".join([TITLE, *HEADER, "Cozinha de Vila · 2013–2019", *BODY]) + "\n"
    article = EXTRACTOR.process(write_article(tmp_path, "page.txt", text))
    assert article.outlet is None
