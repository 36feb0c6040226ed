"""Header shapes of whole copied pages (issue 17, items 2, 4, 5): the site naming itself in its
furniture, copyright lines of every shape, breadcrumbs glued to a headline, bylines with a job
label glued to the name. Every page is synthetic."""

from __future__ import annotations

from conftest import write_article

NAV = ["Home", "World", "Business", "Sign in"]
TITLE = "Harbour authority approves new ferry terminal"
BODY = [
    "The harbour authority on Thursday approved plans for a new ferry terminal on the eastern quay, "
    "ending a dispute that had lasted for almost four years.",
    "Construction is expected to begin next spring and will take about eighteen months to finish, "
    "the authority said in a statement after the vote.",
    "Ferry operators welcomed the decision, saying the old terminal could no longer cope with the traffic.",
]


def page(*, top: tuple[str, ...] = (), header: tuple[str, ...] = ("Nov 19, 2019",), title: str = TITLE,
         footer: tuple[str, ...] = ()) -> str:
    return "\n".join([*NAV, *top, title, *header, *BODY, *footer]) + "\n"


def extract(extractor, tmp_path, text):
    return extractor.process(write_article(tmp_path, "page.txt", text))


# --- outlet: the page's own name -------------------------------------------------------------

def test_site_named_in_its_furniture_beats_its_owner_in_the_copyright_line(extractor, tmp_path):
    text = page(top=("Contact Harbour Courier", "About Harbour Courier"),
                footer=("Advertise with Harbour Courier", "© 2019 Seaboard Holdings Inc. All rights reserved."))
    article = extract(extractor, tmp_path, text)
    assert (article.outlet, article.outlet_source) == ("Harbour Courier", "self-reference")


def test_one_self_reference_and_a_masthead_line_name_the_site(extractor, tmp_path):
    text = page(top=("Harbour Courier",), footer=("More from Harbour Courier", "© 2019 Seaboard Holdings"))
    assert extract(extractor, tmp_path, text).outlet == "Harbour Courier"


def test_contact_us_and_a_single_mention_name_no_site(extractor, tmp_path):
    text = page(top=("Contact Us", "About Us", "Follow Ann Roe"), header=("By Ann Roe", "Nov 19, 2019"))
    article = extract(extractor, tmp_path, text)
    assert article.outlet is None
    assert article.author == "Ann Roe"


def test_trademark_line_is_a_self_reference(extractor, tmp_path):
    text = page(top=("Harbour Courier Home",),
                footer=('"Harbour Courier" is a registered trademark of Seaboard Holdings.',
                        "Subscribe to Harbour Courier", "© 2019 Seaboard Holdings"))
    assert extract(extractor, tmp_path, text).outlet == "Harbour Courier"


# --- outlet: copyright lines ------------------------------------------------------------------

def test_footer_copyright_without_rights_reserved_names_the_holder(extractor, tmp_path):
    article = extract(extractor, tmp_path, page(footer=("Privacy", "© 2019 Harbour Courier")))
    assert (article.outlet, article.outlet_source) == ("Harbour Courier", "copyright line")


def test_holder_after_all_rights_reserved_and_years_after_the_name(extractor, tmp_path):
    text = page(footer=("©All Rights Reserved Harbour Institute 2019, a nonprofit organization",))
    assert extract(extractor, tmp_path, text).outlet == "Harbour Institute"
    text = page(footer=("© Harbour-News.example 2003 - 2019 powered by Example Network",))
    assert extract(extractor, tmp_path, text).outlet == "Harbour-News.example"


def test_copyright_holder_in_another_script(extractor, tmp_path):
    assert extract(extractor, tmp_path, page(footer=("© 2014-2019 Морской вестник и новости",))).outlet \
        == "Морской вестник и новости"


def test_copyright_link_and_bare_rights_line_name_no_holder(extractor, tmp_path):
    article = extract(extractor, tmp_path, page(footer=("Copyright Policy", "© 2019 All rights reserved.")))
    assert article.outlet is None


def test_of_two_copyright_holders_the_one_the_page_names(extractor, tmp_path):
    text = page(top=("Harbour Courier",), footer=("© Copyright 2018 Harbour Courier, LLC, a subsidiary of Seaboard.",
                                                  "Harbour Courier", "© 2019 Seaboard Holdings Corporation. All rights reserved."))
    assert extract(extractor, tmp_path, text).outlet == "Harbour Courier"


def test_known_outlet_in_a_menu_link_is_weaker_than_the_address(extractor, tmp_path):
    text = "---\nurl: https://www.harbourcourier.example/news/ferry\n---\n" + page(top=("Partner sites: Politico",))
    article = extract(extractor, tmp_path, text)
    assert (article.outlet, article.outlet_source) == ("harbourcourier.example", "URL domain (not in outlets.yml)")


# --- title: a breadcrumb trail glued to the headline ----------------------------------------

def test_breadcrumb_trail_glued_to_the_headline_is_not_the_title(extractor, tmp_path):
    text = page(top=(f"Home News Harbours {TITLE}",))
    article = extract(extractor, tmp_path, text)
    assert article.title == TITLE


def test_glued_trail_without_separator_is_not_the_title(extractor, tmp_path):
    text = page(top=(f"HomeCITY NEWS{TITLE}",))
    assert extract(extractor, tmp_path, text).title == TITLE


# --- author: a job label glued to the name -----------------------------------------------------

def test_job_label_glued_to_the_name_is_not_part_of_it(extractor, tmp_path):
    article = extract(extractor, tmp_path, page(header=("By Ann RoeBusiness Columnist", "Nov 19, 2019")))
    assert article.author == "Ann Roe"


def test_inner_capital_of_a_surname_stays(extractor, tmp_path):
    article = extract(extractor, tmp_path, page(header=("By Ann McDonald", "Nov 19, 2019")))
    assert article.author == "Ann McDonald"


def test_job_label_names_no_publisher_but_a_desk_sign_does(extractor, tmp_path):
    article = extract(extractor, tmp_path, page(header=("By Ann RoeBusiness Columnist", "Nov 19, 2019")))
    assert article.outlet is None
    article = extract(extractor, tmp_path, page(header=("By Ann Roe, HPC Staff", "Nov 19, 2019")))
    assert (article.author, article.outlet) == ("Ann Roe", "HPC")
