"""People the taxonomy does not list, found by what the text says of them (issue 17, item 6).

Every article is made up (a ferry line, a harbour board, winter trials); so are the people.
Each shape that makes a person is checked beside a shape that must not: organisations,
places, headline words, sentence starts, credits and bylines are never people.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import write_article
from generator.actors import ActorScanner
from generator.model import Article
from generator.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parent.parent
TITLE = "Ferry line reviews its winter timetable"
OPENING = "The harbour board met on Tuesday to review the winter timetable of the northern ferry line."


@pytest.fixture
def extract(extract_text):
    return lambda *paragraphs, title=TITLE: extract_text(title, OPENING, *paragraphs)


def names(article: Article) -> set[str]:
    return {a.name for a in article.actors}


# --- evidence that makes a person --------------------------------------------------------------

@pytest.mark.parametrize("sentence, person", [
    ("“We will keep the winter crossings,” said Oskar Lindqvist on Tuesday.", "Oskar Lindqvist"),
    ("Oskar Lindqvist told reporters the crossings would stay.", "Oskar Lindqvist"),
    ("The crossings will stay, Oskar Lindqvist said on Tuesday.", "Oskar Lindqvist"),
    ("The crossings will stay, according to Oskar Lindqvist.", "Oskar Lindqvist"),
    ("Dr. Hana Novak examined the crew before the crossing.", "Hana Novak"),
    ("Prof. Hana Novak examined the crew before the crossing.", "Hana Novak"),
    ("Senator Hana Novak examined the timetable before the vote.", "Hana Novak"),
    ("The plan was welcomed by Hana Novak, who sailed on the first crossing.", "Hana Novak"),
    ("The last crossing of the year was cancelled, and Sophie Marchetti waited at the pier.", "Sophie Marchetti"),
    ("Norway’s Sophie Marchetti waited at the pier.", "Sophie Marchetti"),
    ("The line drew on a survey by Sophie Marchetti of the maritime school.", "Sophie Marchetti"),
    ("The vote was backed by a letter signed “— Oskar Lindqvist (@lindqvist)”.", "Oskar Lindqvist"),
])
def test_a_person_is_found_by_what_the_text_says_of_them(extract, sentence, person):
    found = {a.name: a for a in extract(sentence).actors}
    assert person in found
    assert found[person].auto is True


def test_apposition_after_the_name_gives_the_role(extract):
    article = extract("Oskar Lindqvist, Norway’s deputy transport minister, said the crossings would stay.")
    assert {a.name: a.role for a in article.actors} == {"Oskar Lindqvist": "Norway’s deputy transport minister"}


def test_apposition_before_the_name_gives_the_role(extract):
    article = extract("Norway’s deputy transport minister, Oskar Lindqvist, said the crossings would stay.")
    assert {a.name: a.role for a in article.actors} == {"Oskar Lindqvist": "Norway’s deputy transport minister"}


@pytest.mark.parametrize("sentence, role", [
    ("The ships are old, says Oskar Lindqvist — project manager for the ferry line — in a letter.",
     "project manager for the ferry line"),
    ("Oskar Lindqvist, Senior Vice President of Operations, said the ships were old.",
     "Senior Vice President of Operations"),
])
def test_apposition_after_a_dash_or_in_title_case(extract, sentence, role):
    assert {a.name: a.role for a in extract(sentence).actors} == {"Oskar Lindqvist": role}


def test_a_name_opens_with_its_first_name_not_with_the_company_before_it(extract):
    article = extract("The award went to Karma Marine Andreas Holm on Tuesday, and the line cheered.")
    assert names(article) == {"Andreas Holm"}


def test_a_first_name_that_is_a_common_word_needs_other_evidence(extract):
    article = extract("Tickets were sold by Take Ferries and by Sophie Marchetti at the pier, as they were in "
                      "the summer when the line had more ships and the crossings were full on most of the days.")
    assert names(article) == {"Sophie Marchetti"}  # "take" is a common English word, and a rare first name


def test_the_surname_alone_after_a_full_name_is_the_same_person(extract):
    article = extract("“We will keep the crossings,” said Oskar Lindqvist.",
                      "Lindqvist added that the ships were old. Lindqvist then left.")
    assert [(a.name, a.mentions) for a in article.actors] == [("Oskar Lindqvist", 3)]
    assert [q.speaker for q in article.quotes] == ["Oskar Lindqvist"]


def test_a_known_first_name_at_a_sentence_start_needs_its_surname_again(extract):
    alone = extract("Sophie Marchetti waited at the pier for the last crossing.")
    assert names(alone) == set()  # any word is capitalised at a sentence start
    again = extract("Sophie Marchetti waited at the pier for the last crossing.",
                    "The ferry was late, so Marchetti went home.")
    assert names(again) == {"Sophie Marchetti"}


def test_a_name_written_again_by_its_tail_is_one_person(extract):
    article = extract("The skipper Jan van der Berg said the ships were old.",
                      "The harbour board thanked Van der Berg for the report.",
                      "Van der Berg said the crews were tired.")
    assert names(article) == {"Jan van der Berg"}


@pytest.mark.parametrize("sentence, person", [
    ("Coach P.J. Fenwick said the crews were tired.", "P.J. Fenwick"),
    ("Officers later questioned Elizabeth A. Marlow, 32, of Harbour Street.", "Elizabeth A. Marlow"),
    ("Harbour master James Corrigan Jr. said the ships were old.", "James Corrigan Jr."),
    ("The skipper, Fritz Eckart von Halden, said the ships were old.", "Fritz Eckart von Halden"),
    ("The band played with Michael McAllister on the upper deck.", "Michael McAllister"),
    ("The crossing was led by Ivana Petrović, who sailed it twice.", "Ivana Petrović"),
    ("The crew praised Mason Rudd’s work on the engines.", "Mason Rudd"),
    ("The board read Margaret Haynes' letter on Tuesday.", "Margaret Haynes"),
    ("“The ships are old,” said Sean O’Malley on Tuesday.", "Sean O’Malley"),
    ("The captain, Anna Ocasio-Ruiz, said the ships were old.", "Anna Ocasio-Ruiz"),
])
def test_names_in_their_written_shapes(extract, sentence, person):
    assert names(extract(sentence)) == {person}


# --- never people ------------------------------------------------------------------------------

def test_organisations_are_never_people(extract):
    article = extract("Tom Baker, chief executive of Lumen Works, said the ships were old.",
                      "The Anna Lindqvist Foundation said it would pay for the new ferry.",
                      "Passengers waited at Victoria Station for the Hazel Hen ferry.")
    assert names(article) == {"Tom Baker"}  # the executive, not his company, the foundation or the station


def test_a_first_name_inside_a_longer_proper_name_is_no_person(extract):
    article = extract("The board met at the Hazel Norton terminal, while Sophie Marchetti waited.",
                      "Passengers crossed to San Rafael Lorca on Tuesday.")
    assert names(article) == {"Sophie Marchetti"}


def test_headline_words_and_sentence_starts_are_never_people(extract):
    article = extract("But Oskar Lindqvist said the ships were old.",
                      title="Ferry Timetable Changes As Martin Harbour Opens New Pier")
    assert names(article) == {"Oskar Lindqvist"}  # not "But Oskar Lindqvist", not "Martin Harbour"


def test_days_and_months_end_a_name(extract):
    assert names(extract("The crossings will stay, Oskar Lindqvist Monday said.")) == {"Oskar Lindqvist"}
    assert names(extract("The crossings will stay, Monday Tuesday said.")) == set()  # nothing is left of a name


def test_credits_and_bylines_are_never_actors(extractor, tmp_path):
    body = f"{OPENING}\n\n“The ships are old,” said Maria Jones.\n\nAt the pier, Sophie Marchetti waited, and so did Paul Lens.\n"
    control = extractor.process(write_article(tmp_path, "control.txt", f"{TITLE}\n\n{body}"))
    assert {"Maria Jones", "Paul Lens", "Sophie Marchetti"} <= names(control)
    credited = extractor.process(write_article(
        tmp_path, "credited.txt", f"{TITLE}\n\nBy Maria Jones\n\n{body}\nPhoto by Paul Lens\n"))
    assert credited.author == "Maria Jones"
    assert names(credited) == {"Sophie Marchetti"}


# --- cost --------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", ["A. ", "U.S. ", "P.J. ", "Sophie Marchetti, ", "said Aa Bb "])
def test_discovery_stays_linear_on_runs_of_name_pieces(unit):
    scanner = ActorScanner(load_taxonomy(REPO / "taxonomy"))
    scanner.scan(["Warm up: Sophie Marchetti said."], [])
    text = unit * (64_000 // len(unit))
    start = time.process_time()
    scanner.scan([text], [])
    assert time.process_time() - start < 3
