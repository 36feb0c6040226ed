"""The outlet a whole copied page names for itself (issue 17, item 4), round 3.

Synthetic pages with invented outlets: a masthead, menus with sister sites, the article, then a
footer with the parent company's copyright line, the way "select all, copy" gives a news page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, write_article
from generator.extract import Extractor
from generator.taxonomy import load_taxonomy
from test_header_shapes import BODY, TITLE  # the same invented article, in other furniture

# Invented outlets added to the shipped list, so the sister-site menu names known outlets.
EXTRA_OUTLETS = """
- name: Harbour Post
  domains: [harbourpost.example]
- name: Valley Courier
  domains: [valleycourier.example]
"""
HEADER = ["By Maria Jones", "Nov 19, 2019"]
NAV = ["Home", "World", "Business", "Sport", "Weather", "Sign in"]


@pytest.fixture(scope="module")
def extractor(tmp_path_factory) -> Extractor:
    directory = tmp_path_factory.mktemp("taxonomy")
    shutil.copytree(REPO / "taxonomy", directory, dirs_exist_ok=True)
    with (directory / "outlets.yml").open("a", encoding="utf-8") as outlets:
        outlets.write(EXTRA_OUTLETS)
    return Extractor(load_taxonomy(directory))


def extract(extractor: Extractor, tmp_path: Path, top: list[str], tail: list[str]):
    text = "\n".join([*top, TITLE, *HEADER, *BODY, "More stories", *tail]) + "\n"
    return extractor.process(write_article(tmp_path, "page.txt", text))


def test_sister_site_in_a_menu_above_the_headline_is_no_signature(extractor, tmp_path):
    top = ["The Lantern, a Example Group company", *NAV, "Our sites", "Valley Courier", "Example Radio",
           "Example Games", "Follow The Lantern", "Travel"]
    article = extract(extractor, tmp_path, top, ["Sign up to The Lantern", "© Example Group Limited"])
    assert article.outlet == "The Lantern"


def test_known_masthead_on_the_first_line_is_the_outlet(extractor, tmp_path):
    article = extract(extractor, tmp_path, ["Harbour Post", *NAV], ["© Example Group Limited"])
    assert article.outlet == "Harbour Post"


def test_notice_whose_sign_was_an_image_names_the_holder(extractor, tmp_path):
    tail = ["Events", "Harbour Gazette", "2019 Harbour Gazette, Inc. All Rights Reserved", "About", "Advertise"]
    article = extract(extractor, tmp_path, NAV, tail)
    assert (article.outlet, article.outlet_source) == ("Harbour Gazette", "copyright line")


def test_company_heading_the_footer_addresses_is_the_outlet(extractor, tmp_path):
    tail = ["Offices", "harbourlabs GmbH", "Quaistrasse 4", "8000 Zürich", "harbourlabs GmbH", "Hafenweg 9",
            "20457 Hamburg", "Impressum"]
    article = extract(extractor, tmp_path, NAV, tail)
    assert (article.outlet, article.outlet_source) == ("harbourlabs", "footer address")


def test_company_named_once_in_the_footer_is_not_enough(extractor, tmp_path):
    article = extract(extractor, tmp_path, NAV, ["Offices", "harbourlabs GmbH", "Quaistrasse 4", "Impressum"])
    assert article.outlet is None


def test_masthead_spelling_the_printed_domain_beats_a_parent_named_once(extractor, tmp_path):
    tail = ["harbourbikes.co.uk brings the latest bike reviews and news",
            "Copyright © Example Media Group Ltd, Media Centre, Example Way"]
    article = extract(extractor, tmp_path, ["Skip to content", "HarbourBikes", *NAV], tail)
    assert (article.outlet, article.outlet_source) == ("HarbourBikes", "masthead")


def test_first_line_not_spelling_the_domain_leaves_the_copyright_holder(extractor, tmp_path):
    tail = ["harbourbikes.co.uk brings the latest bike reviews and news",
            "Copyright © Example Media Group Ltd, Media Centre, Example Way"]
    article = extract(extractor, tmp_path, ["Skip to content", "Bike Reviews", *NAV], tail)
    assert (article.outlet, article.outlet_source) == ("Example Media Group", "copyright line")
