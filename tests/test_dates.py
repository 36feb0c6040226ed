"""Dates: the forms a page prints, the year a dateline leaves out, and which clue wins.

The pure functions in generator.dates are tested directly; the priority between
clues (date line, URL, dateline, caption, front matter) is tested end to end on
small synthetic articles through the Extractor.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import write_article
from generator import dates

D = dt.date


# --- parse_date_line -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("July 18, 2018", D(2018, 7, 18)),
        ("Jul. 18 2018", D(2018, 7, 18)),
        ("June 07, 2018", D(2018, 6, 7)),  # zero-padded day
        ("Sept. 3, 2019", D(2019, 9, 3)),
        ("18 July 2018", D(2018, 7, 18)),
        ("18th July 2018", D(2018, 7, 18)),
        ("2018-07-18", D(2018, 7, 18)),
        ("Published: 2019-03-04 10:15", D(2019, 3, 4)),
        ("Posted on Feb. 16, 2017", D(2017, 2, 16)),
        ("Updated: Thursday, March 4, 2021 10:15 a.m. EST", D(2021, 3, 4)),
        ("Mon, 5 April 2021", D(2021, 4, 5)),
        ("Sept 3, 2019 | 14:05", D(2019, 9, 3)),
        ("Thu., Feb. 16, 2017 at 9:30 pm", D(2017, 2, 16)),
        ("Feb 29, 2020", D(2020, 2, 29)),  # leap day in a leap year
    ],
)
def test_parse_date_line_accepts_printed_forms(line, expected):
    assert dates.parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "July 18",  # no year: a date line must be complete
        "The ferry sailed on July 18, 2018.",  # a sentence that contains a date is not a date line
        "Feb. 30, 2017",  # impossible day
        "Feb 29, 2021",  # no leap day in 2021
        "2018-13-01",  # month 13
        "Marching 5, 2021",  # not a month name, though it starts like one
    ],
)
def test_parse_date_line_rejects_non_dates(line):
    assert dates.parse_date_line(line) is None


# --- url_date --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/2018/06/07/harbour-story-a1", D(2018, 6, 7)),
        ("https://example.com/news/2018-06-07-harbour-story", D(2018, 6, 7)),
        ("https://example.com/2018/6/7/harbour-story", D(2018, 6, 7)),
        ("https://example.com/2018/06/harbour-story", None),  # year and month only: no day
        ("https://example.com/2018/02/30/harbour-story", None),  # impossible day
        ("https://example.com/harbour-story", None),
    ],
)
def test_url_date(url, expected):
    assert dates.url_date(url) == expected


# --- infer_year ------------------------------------------------------------------------------

def test_infer_year_takes_first_year_matching_weekday_from_latest_mentioned_year():
    text = "The ministers met on Thursday. Relations have been strained since 2014."
    # Feb. 16 falls on a Thursday in 2017 (2014: Sunday, 2015: Monday, 2016: Tuesday).
    assert dates.infer_year(2, 16, text) == 2017


def test_infer_year_never_goes_before_the_latest_mentioned_year():
    text = "On Thursday the council recalled the floods of 2012 and the new budget for 2018."
    # Feb. 16, 2017 was a Thursday, but the text mentions 2018, so the answer is later.
    assert dates.infer_year(2, 16, text) == 2023


def test_infer_year_uses_the_weekday_named_most_often():
    text = "The vote was on Thursday, after talks on Wednesday. Thursday's vote ended a feud from 2014."
    assert dates.weekday_named(text) == 3  # Thursday
    assert dates.infer_year(2, 16, text) == 2017


def test_weekday_names_in_any_case_count_but_words_containing_them_do_not():
    assert dates.weekday_named("SUNDAY talks; Sunday again; a Sundays-only market on monday") == 6
    assert dates.weekday_named("Daysunday and Mondayish are not weekdays") is None


def test_infer_year_without_weekday_is_none():
    assert dates.infer_year(2, 16, "The ministers met again. Relations have been strained since 2014.") is None


def test_infer_year_without_any_year_is_none():
    assert dates.infer_year(2, 16, "The ministers met on Thursday.") is None


def test_infer_year_feb_29_skips_non_leap_years():
    # Feb. 29, 2016 was a Monday; 2015 has no Feb. 29 at all.
    assert dates.infer_year(2, 29, "On Monday the board looked back at 2015.") == 2016


def test_infer_year_feb_29_without_match_in_horizon_is_none():
    # Leap days from 2017 on: 2020 Saturday, 2024 Thursday, 2028 Tuesday. No Monday within 12 years.
    assert dates.infer_year(2, 29, "On Monday the board looked back at 2017.") is None


# --- decide_date priority, end to end --------------------------------------------------------

TITLE = "Harbour authority approves new ferry terminal"
LEAD = "The harbour authority on Thursday approved plans for a new ferry terminal on the eastern quay."
MORE = "Construction is expected to begin next spring and will take about eighteen months to finish."
CAPTION = "Harbour master Ann Smith, left, cuts a ribbon on the eastern quay, Feb. 16, 2017."


def extract(extractor, tmp_path, text):
    return extractor.process(write_article(tmp_path, "article.txt", text))


def test_date_line_beats_caption_date(extractor, tmp_path):
    article = extract(extractor, tmp_path, f"{TITLE}\n\n{CAPTION}\nMarch 3, 2017\n\n{LEAD}\n\n{MORE}\n")
    assert article.date == "2017-03-03"
    assert article.date_source == "date line"


def test_caption_date_used_when_weekday_agrees(extractor, tmp_path):
    # Feb. 16, 2017 was a Thursday, the day the text names.
    article = extract(extractor, tmp_path, f"{TITLE}\n\n{CAPTION}\n\n{LEAD}\n\n{MORE}\n")
    assert article.date == "2017-02-16"
    assert article.date_source == "caption"


def test_caption_date_ignored_when_weekday_disagrees(extractor, tmp_path):
    lead = LEAD.replace("Thursday", "Monday")
    article = extract(extractor, tmp_path, f"{TITLE}\n\n{CAPTION}\n\n{lead}\n\n{MORE}\n")
    assert article.date is None


def test_file_photo_caption_date_ignored(extractor, tmp_path):
    caption = "In this file photo, the old ferry leaves the eastern quay, Feb. 16, 2017."
    article = extract(extractor, tmp_path, f"{TITLE}\n\n{caption}\n\n{LEAD}\n\n{MORE}\n")
    assert article.date is None
    assert article.date_source is None


def test_no_date_is_none_with_undated_notice(extractor, tmp_path):
    article = extract(extractor, tmp_path, f"{TITLE}\n\n{LEAD}\n\n{MORE}\n")
    assert article.date is None
    assert article.date_source is None
    assert any("undated" in notice for notice in article.notices)


def test_front_matter_date_overrides_text(extractor, tmp_path):
    text = f"---\ndate: 2020-01-02\n---\n{TITLE}\n\nMarch 3, 2017\n\n{LEAD}\n\n{MORE}\n"
    article = extract(extractor, tmp_path, text)
    assert article.date == "2020-01-02"
    assert article.date_source == "front matter"
    assert not any("undated" in notice for notice in article.notices)


def test_url_path_date_when_no_date_line(extractor, tmp_path):
    text = f"{TITLE}\n\n{LEAD}\n\n{MORE}\n\nOriginal url:\n\n<https://news.example.org/2019/05/21/ferry-terminal>\n"
    article = extract(extractor, tmp_path, text)
    assert article.url == "https://news.example.org/2019/05/21/ferry-terminal"
    assert article.date == "2019-05-21"
    assert article.date_source == "url"


def test_date_line_beats_url_path_with_warning(extractor, tmp_path):
    text = (f"{TITLE}\n\nMarch 3, 2017\n\n{LEAD}\n\n{MORE}\n\n"
            "Original url:\n\n<https://news.example.org/2019/05/21/ferry-terminal>\n")
    article = extract(extractor, tmp_path, text)
    assert article.date == "2017-03-03"
    assert article.date_source == "date line"
    assert any("2019-05-21" in w and "2017-03-03" in w for w in article.warnings)


def test_dateline_year_inferred_from_weekday(extractor, tmp_path):
    lead = "Feb. 16 (Coastal Wire) -- " + LEAD + " The quay was first proposed in 2014."
    article = extract(extractor, tmp_path, f"{TITLE}\n\n{lead}\n\n{MORE}\n")
    assert article.date == "2017-02-16"
    assert article.date_source == "dateline + weekday"


def test_dateline_without_year_or_weekday_warns(extractor, tmp_path):
    lead = "Feb. 16 (Coastal Wire) -- " + LEAD.replace(" on Thursday", "")
    article = extract(extractor, tmp_path, f"{TITLE}\n\n{lead}\n\n{MORE}\n")
    assert article.date is None
    assert any("Feb. 16" in w for w in article.warnings)
