"""People in their written shapes, and words that only look like names (issue 17, item 6, round 5).

Invented ferry-line articles: each shape that must make a person beside one that must not.
"""

from __future__ import annotations

import pytest

TITLE = "Ferry line reviews its winter timetable"
OPENING = "The harbour board met on Tuesday to review the winter timetable of the northern ferry line."
BODY = ("The members agreed that the two oldest ferries would be kept in service for one more season, "
        "while the crews are trained on the new boats that arrive from the yard in the spring.")


@pytest.fixture
def article(extract_text):
    return lambda *paragraphs: extract_text(TITLE, OPENING, *paragraphs)


@pytest.fixture
def extract(article):
    return lambda *paragraphs: {a.name for a in article(*paragraphs).actors}


# --- credits: the pictured person is no photographer -------------------------------------------

@pytest.mark.parametrize("caption", [
    "Harbour master Tomasz Wendeler at the pier (Credit: Example Images)",
    "Tomasz Wendeler Submitted photo",
])
def test_a_caption_before_its_credit_credits_no_one_it_names(extract, caption):
    found = extract(caption, BODY, "The board heard from Tomasz Wendeler, who said the ferries were old.")
    assert "Tomasz Wendeler" in found


def test_the_credit_of_a_caption_line_still_counts(article):
    result = article("Tomasz Wendeler at the pier (Credit: Rosalind Vantongeren)", BODY,
                     "The board heard from Tomasz Wendeler and from Rosalind Vantongeren.")
    assert "Rosalind Vantongeren" not in {a.name for a in result.actors}


# --- the rarest first names are words first ------------------------------------------------

def test_a_rarest_first_name_alone_is_a_word_not_a_person(extract):
    # "Night" is a first name somewhere, a word mostly: "Night Ferrywise" is the service
    assert "Night Ferrywise" not in extract("The board praised the new Night Ferrywise for late travellers.")


def test_a_hyphenated_first_name_is_as_common_as_its_first_part(extract):
    # "Jean-Luc" is not in the dictionary, "Jean" is: the name does not wait for its surname
    assert "Jean-Luc Vantongeren" in extract("The board heard from Jean-Luc Vantongeren about the timetable.")


def test_a_rarest_first_name_is_a_person_once_the_surname_recurs(extract):
    found = extract("The board heard from Forest Tamberlane about the timetable.",
                    "Tamberlane asked for two more winter crossings.")
    assert "Forest Tamberlane" in found


# --- written shapes of a full name -----------------------------------------------------------

def test_double_middle_initials_belong_to_the_name(extract):
    found = extract("The route was first sailed by the novelist Walter J.J. Brannigan in 1961.")
    assert "Walter J.J. Brannigan" in found
    assert "J.J. Brannigan" not in found


def test_a_regnal_number_ends_the_name(extract):
    found = extract("The pier was paid for by Henrik Oster III, who sailed the first crossing.")
    assert "Henrik Oster III" in found
    assert "Henrik Oster" not in found


# --- an inverted speech verb names its speaker after it --------------------------------------

def test_a_name_before_an_inverted_verb_is_not_its_speaker(extract):
    found = extract("Crews caught the fever dubbed the Pallid Fevermark, say officials, in the spring.",
                    "The illness, dubbed the Pallid Fevermark, said Hana Novak, kept two crews ashore.")
    assert "Pallid Fevermark" not in found
    assert "Hana Novak" in found


# --- one person, several spellings -----------------------------------------------------------

def test_spellings_of_one_person_are_one_actor_named_in_full(article):
    actors = article("Bartholomew Quennell Jr., 61, was fined for the late crossings on Monday.",
                     "The court heard that Bartholomew K. Quennell had been warned twice.",
                     "“Bart Quennell regrets it,” his lawyer, Ines Morrow, said.").actors
    quennells = [a for a in actors if a.name.endswith(("Quennell", "Quennell Jr."))]
    assert [a.name for a in quennells] == ["Bartholomew Quennell Jr."]
    assert set(quennells[0].aliases) == {"Bartholomew K. Quennell", "Bart Quennell"}


@pytest.mark.parametrize(("first", "second"), [
    ("Bartholomew Quennell Sr.", "Bartholomew Quennell Jr."),  # father and son
    ("Daniel Quennell", "Daniela Quennell"),  # a first name's start, of the other gender
])
def test_spellings_that_differ_name_different_people(extract, first, second):
    found = extract(f"The line was founded by {first}, who sailed it first.",
                    f"The first boat was later bought by {second}, who still sails it.")
    assert {first, second} <= found


def test_different_middle_initials_are_different_people(extract):
    found = extract("The first ferry was named for Walter H.B. Brannigan, the line's founder.",
                    "His son, Walter W. Brannigan, sailed it for thirty years.")
    assert {"Walter H.B. Brannigan", "Walter W. Brannigan"} <= found


# --- embedded posts ---------------------------------------------------------------------------

def test_the_author_of_an_embedded_post_takes_part(extract):
    found = extract("Passengers answered the board online within the hour.",
                    "The new timetable leaves the island without an evening boat. Not good enough.",
                    "— Maren Ostberg (@marenostberg) November 18, 2019",
                    "— Harbour Watchers (@harbourwatch) November 18, 2019", BODY)
    assert "Maren Ostberg" in found
    assert "Harbour Watchers" not in found


# --- names with particles inside, and possessives before them ---------------------------------

def test_a_particle_may_stand_inside_a_name(extract):
    found = extract("The pier was named for Tarek bin Abi Qasimi, who paid for the first boat.")
    assert "Tarek bin Abi Qasimi" in found
    assert "Tarek bin Abi" not in found


def test_a_plural_possessive_before_a_first_name(extract):
    found = extract("The race went to the Harbour Rowers' Rosalind Brackwater by two lengths.")
    assert "Rosalind Brackwater" in found


# --- a role right before a name ------------------------------------------------------------------

def test_a_role_before_a_name_starts_after_its_last_linking_word(article):
    actors = article("The yard was bought by a company owned by talent manager Zephyrin Quillon earlier this year.").actors
    assert [(a.name, a.role) for a in actors] == [("Zephyrin Quillon", "talent manager")]


@pytest.mark.parametrize(("sentence", "role"), [
    ("The crossing was praised by her brother Zephyrin Quillon on Tuesday.", "brother"),
    ("The pier was named Quiet Steps, after the novelist Zephyrin Quillon described it so.", "novelist"),
    ("The race went to the island diver Zephyrin Quillon (junior), who swam it in an hour.", "island diver"),
    ("When Harbour Director Zephyrin Quillon took office, the boats were old.", "Harbour Director"),
])
def test_a_role_before_a_name_leaves_out_the_words_opening_it(article, sentence, role):
    assert [(a.name, a.role) for a in article(sentence).actors] == [("Zephyrin Quillon", role)]


@pytest.mark.parametrize("role", ["immunologist", "technician", "photographer"])
def test_a_noun_with_an_agent_ending_is_a_role(extract, role):
    assert "Zephyrin Quillon" in extract(f"When the {role} Zephyrin Quillon at the yard looked at the hulls, they were rotten.")


@pytest.mark.parametrize("sentence", [
    "The ferry operator’s envoy to the islands Zephyrin Quillon has said the boats will run.",
    "Zephyrin Quillon had said the boats would run all winter.",
])
def test_has_said_is_a_speech_verb(extract, sentence):
    assert "Zephyrin Quillon" in extract(sentence)


def test_a_post_opening_an_apposition_is_a_role(article):
    actors = article("Zephyrin Quillon, President Example Ferries North, says: “The boats will run.”").actors
    assert [(a.name, a.role) for a in actors] == [("Zephyrin Quillon", "President Example Ferries North")]


# --- teasers of other articles -----------------------------------------------------------------

@pytest.mark.parametrize("teaser", [
    "Harbour master Rosalind Brackwater told the council that the southern pier is no longer safe for ... Read More",
    "Harbour master Rosalind Brackwater told the council that the southern pier is no longer …Read more",
])
def test_a_teaser_cut_short_before_read_more_is_another_article(article, teaser):
    result = article(BODY, teaser, BODY.replace("two oldest", "three newest"))
    assert "Rosalind Brackwater" not in {a.name for a in result.actors}
    assert teaser not in [b.text for b in result.blocks]


# --- datelines ------------------------------------------------------------------------------------

def test_a_dateline_glued_to_its_paragraph_is_a_place(extract):
    found = extract("Rosalind Tarnby (Example News)The ferry left on time, and Rosalind Tarnby was calm.")
    assert "Rosalind Tarnby" not in found


def test_a_name_with_its_party_in_parentheses_is_no_dateline(extract):
    found = extract("Rosalind Brackwater (D-Maine) said the ferry must run all winter.", "Brackwater voted for it.", BODY)
    assert "Rosalind Brackwater" in found
