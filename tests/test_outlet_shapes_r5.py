"""The outlet a whole copied page names for itself (issue 17, item 4), round 5.

Synthetic pages with invented outlets: the article under a header, then the footer furniture.
The page's own name beats a byline's credit (a portal showing a partner's story, an edition of
a bigger outlet), and a copyright holder's trade word ("Media") is the company's, not the site's.
"""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, write_article
from generator.extract import Extractor
from generator.taxonomy import load_taxonomy
from test_header_shapes import BODY, TITLE  # the same invented article, in other furniture

EXTRACTOR = Extractor(load_taxonomy(REPO / "taxonomy"))


def extract(tmp_path: Path, tail: list[str], byline: str = "By Maria Jones"):
    text = "\n".join([TITLE, byline, "Nov 19, 2019", *BODY, "More stories", *tail]) + "\n"
    return EXTRACTOR.process(write_article(tmp_path, "page.txt", text))


# A portal's page: the story credits its partner, the furniture names the portal twice.
PORTAL = ["Send Zephyro Feedback", "Make Zephyro my homepage", "Zephyro Worldwide"]


def test_a_portal_naming_itself_beats_the_partner_its_byline_credits(tmp_path):
    article = extract(tmp_path, PORTAL, byline="Maria Jones, Harbor Ledger")
    assert (article.outlet, article.outlet_source) == ("Zephyro", "self-reference")


def test_the_byline_credit_stands_where_the_page_names_itself_once(tmp_path):
    article = extract(tmp_path, PORTAL[:1], byline="Maria Jones, Harbor Ledger")
    assert (article.outlet, article.outlet_source) == ("Harbor Ledger", "byline")


def test_a_self_reference_ending_in_a_label_keeps_the_name_short(tmp_path):
    # "Send X Feedback": the name is X, so the homepage line counts as its second self-reference
    assert extract(tmp_path, PORTAL[:2]).outlet == "Zephyro"


def test_the_copyright_holder_names_the_edition_of_the_credited_outlet(tmp_path):
    tail = ["Impressum", "Copyright © 2019 Harbor Ledger Norge / Fjordhus AS. Alle rettigheter reservert."]
    article = extract(tmp_path, tail, byline="Maria Jones, Harbor Ledger")
    assert (article.outlet, article.outlet_source) == ("Harbor Ledger Norge", "byline")


def test_a_holder_extending_the_name_by_a_trade_word_is_the_company(tmp_path):
    tail = ["© 2019 Harbor Ledger Media Group. All rights reserved."]
    assert extract(tmp_path, tail, byline="Maria Jones, Harbor Ledger").outlet == "Harbor Ledger"


def test_a_holder_named_again_loses_its_trade_word(tmp_path):
    tail = ["© 2005 - 2019 Quillby Media. All rights reserved. Quillby Media does not give legal advice."]
    article = extract(tmp_path, tail)
    assert (article.outlet, article.outlet_source) == ("Quillby", "copyright line")


def test_a_trade_word_that_is_part_of_the_name_elsewhere_stays(tmp_path):
    tail = ["Quillby Media Weekly", "© 2019 Quillby Media Weekly. All rights reserved. Quillby Media Weekly is independent."]
    assert extract(tmp_path, tail).outlet == "Quillby Media Weekly"


def test_the_reproduction_clause_names_the_site_beside_its_parent(tmp_path):
    tail = ["Disclaimer: the views of experts on Quillbymarkets.com are their own. Quillbymarkets.com advises caution.",
            "Copyright © Norvex Holdings Ltd. All rights reserved. Reproduction of news articles in whole or in part "
            "without express written permission of quillbymarkets.com is prohibited."]
    article = extract(tmp_path, tail)
    assert (article.outlet.casefold(), article.outlet_source) == ("quillbymarkets.com", "copyright line")


def test_a_notice_closing_a_long_footer_line_names_the_blog(tmp_path):
    tail = ["We take part in an affiliate programme designed to provide a means for us to earn fees by linking to "
            "partner shops and affiliated sites, at no extra cost to our readers, who can always buy elsewhere. "
            "©The Pepper Mill Diaries 2011-2019"]
    article = extract(tmp_path, tail)
    assert (article.outlet, article.outlet_source) == ("The Pepper Mill Diaries", "copyright line")


def test_a_sign_inside_a_long_paragraph_is_no_notice(tmp_path):
    tail = ["We take part in an affiliate programme designed to provide a means for us to earn fees by linking to "
            "partner shops. Photos © Ann Roe appear with her permission and may not be copied by anyone, "
            "at any time, for any purpose whatsoever."]
    assert extract(tmp_path, tail).outlet is None


def test_a_short_name_lends_its_self_reference_to_the_full_name(tmp_path):
    tail = ["Get Lantern Quarterly delivered to your inbox", "About Lantern", "Contact Us"]
    article = extract(tmp_path, tail)
    assert (article.outlet, article.outlet_source) == ("Lantern Quarterly", "self-reference")


RELEASE = ["About Brightwave", "Brightwave offers a white-label analytics platform for regional publishers "
           "and has offices in three countries, serving more than two hundred customers."]


def release(tmp_path: Path, boilerplate: list[str]):
    text = "\n".join([TITLE, "Nov 19, 2019", *BODY, *boilerplate, "Share on email", "Privacy Policy"]) + "\n"
    return EXTRACTOR.process(write_article(tmp_path, "page.txt", text))


def test_a_press_release_boilerplate_names_its_issuer(tmp_path):
    article = release(tmp_path, RELEASE)
    assert (article.outlet, article.outlet_source) == ("Brightwave", "press-release boilerplate")


def test_an_about_heading_over_other_text_is_no_boilerplate(tmp_path):
    about = [RELEASE[0], "The company offers a white-label analytics platform for regional publishers "
             "and has offices in three countries, serving more than two hundred customers."]
    assert release(tmp_path, about).outlet is None


def test_a_release_presenting_two_companies_names_neither(tmp_path):
    other = ["About Corvane", "Corvane builds payment terminals for small shops and employs about four hundred "
             "people in its two factories near the coast."]
    assert release(tmp_path, RELEASE + other).outlet is None


def masthead_page(tmp_path: Path, masthead: str, menu: list[str], footer: list[str]):
    text = "\n".join([masthead, *menu, TITLE, "By Maria Jones", "Nov 19, 2019", *BODY, "More stories", *footer]) + "\n"
    return EXTRACTOR.process(write_article(tmp_path, "page.txt", text))


def test_a_masthead_name_its_furniture_shortens_to_initials_beats_the_parent(tmp_path):
    article = masthead_page(tmp_path, "Corvane Sports GridironTalkDaily GTD Live with Ann Roe",
                            ["GTD", "Teams", "GTD Most Read"], ["©2019 Corvane Holdings"])
    assert (article.outlet, article.outlet_source) == ("GridironTalkDaily", "masthead")


def test_initials_on_one_line_only_name_no_site(tmp_path):
    article = masthead_page(tmp_path, "Corvane Sports GridironTalkDaily GTD Live with Ann Roe",
                            ["Teams", "Scores"], ["©2019 Corvane Holdings"])
    assert article.outlet == "Corvane Holdings"


def test_a_masthead_of_capitalised_words_shortened_to_initials(tmp_path):
    article = masthead_page(tmp_path, "Harbor Gazette Weekly", ["HGW Live", "Teams", "HGW Podcasts"],
                            ["©2019 Corvane Holdings"])
    assert (article.outlet, article.outlet_source) == ("Harbor Gazette Weekly", "masthead")


def test_two_initials_are_a_word_not_a_site(tmp_path):
    article = masthead_page(tmp_path, "Upper Saxony", ["US Politics", "Teams", "US"], ["©2019 Corvane Holdings"])
    assert article.outlet == "Corvane Holdings"
