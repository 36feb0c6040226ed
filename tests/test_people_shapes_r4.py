"""Capitalised runs that look like people but are not (issue 17, item 6, round 4).

Invented ferry-line articles: each shape that must not make a person beside one that must.
"""

from __future__ import annotations

import pytest

TITLE = "Ferry line reviews its winter timetable"
OPENING = "The harbour board met on Tuesday to review the winter timetable of the northern ferry line."


@pytest.fixture
def extract(extract_text):
    return lambda *paragraphs: {a.name for a in extract_text(TITLE, OPENING, *paragraphs).actors}


@pytest.mark.parametrize("sentence", [
    "The timetable was drawn up by Oskar Lindqvist Design for the harbour board.",
    "The stray dogs at the pier were taken in by Lena Holm Shelter last week.",
])
def test_a_word_of_an_organisation_ends_no_person(extract, sentence):
    assert not {"Oskar Lindqvist Design", "Oskar Lindqvist", "Lena Holm Shelter", "Lena Holm"} & extract(sentence)


def test_a_name_in_a_parenthesis_is_named_in_passing(extract):
    found = extract("The new posters (drawn by Oskar Lindqvist) hang at the pier, and Hana Novak waited there.")
    assert "Oskar Lindqvist" not in found
    assert "Hana Novak" in found


def test_a_name_qualifying_a_lower_case_body_is_a_place(extract):
    found = extract("Officers from Greta Holmvik police met the ferry, and Hana Novak waited at the pier.")
    assert "Greta Holmvik" not in found
    assert "Hana Novak" in found
