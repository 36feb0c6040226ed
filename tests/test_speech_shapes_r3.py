"""Quotation and people shapes of round 3, on invented articles (people and organisations made
up): role words before a speaker, doubled apostrophes, interview transcripts, quotations signed
on the next line, organisations behind "they", pronouns and first-name genders, surnames
completed, link texts glued to the next word, appositions that are organisations."""

from __future__ import annotations

import pytest

from generator.model import Article
from generator.quotes import find_quotes

TITLE = "Harbour authority reviews the winter schedule"
OPENING = "The port's managers met on Tuesday to review the ferry timetable for the coming months."


@pytest.fixture
def extract(extract_text):
    return lambda *paragraphs: extract_text(TITLE, OPENING, *paragraphs)


def quotes(article: Article) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text[:24]) for q in article.quotes]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("“Our results reflect steady growth across the whole business,” chairman, CEO and president Walter Brennick "
     "said in the release.", "Walter Brennick"),
    ("“Our results reflect steady growth across the whole business,” study lead author Walter Brennick, a chemist at "
     "the Institute of Tides in Portmore, Westshire, and Hale University in Lakeside, Northshire, said.", "Walter Brennick"),
    ("“Our results reflect steady growth across the whole business,” Harbour spokesman Walter Brennick said.",
     "Walter Brennick"),
    ("“Our results reflect steady growth across the whole business,” wrote 52-year-old Walter Brennick of Portmore.",
     "Walter Brennick"),
    ("“Our results reflect steady growth across the whole business,’’ Walter Brennick told the council.",
     "Walter Brennick"),
    ("The port “reported steady growth across the whole business this year,” writes the Portmore Gazette. "
     "Others disagreed.", "Portmore Gazette"),
], ids=["roles-before-name", "long-apposition", "capitalised-role", "age-before-name", "doubled-apostrophes",
        "verb-the-organisation-sentence-ends"])
def test_attribution_shapes(extract, sentence, speaker):
    assert [q.speaker for q in extract(sentence).quotes] == [speaker]


def test_qa_interview_answers_are_the_interviewee(extract):
    article = extract(
        "The company named Corin Talbeck, a veteran engineer, as its new chief executive. Talbeck joined in 2012.",
        "Q: What did you feel on your first morning in charge of the company?",
        "A: Proud and a little nervous. There is a lot of work ahead for all of us.",
        "Q: What will change first?",
        "A: We will rebuild the booking system before the summer season starts.")
    assert quotes(article) == [("Corin Talbeck", "Proud and a little nervou"[:24]),
                               ("Corin Talbeck", "We will rebuild the book")]


def test_transcript_turns_are_their_speakers(extract):
    article = extract(
        "Host Marta Quell sat down with the sculptor Ivo Brandt in his studio.",
        "Marta: Tell us about the piece you are finishing this winter.",
        "Ivo: It is a large bronze for the harbour wall, the biggest I have made.",
        "Marta: How long has it taken you so far?",
        "Ivo: Almost two years, with a long pause while the foundry was closed.",
        "Update: the ferry to the studio leaves at nine o'clock tomorrow morning.",
        "Update: the second ferry leaves at noon from the east pier.")
    # labels that name no one in full ("Update") make no transcript
    assert [q.speaker for q in article.quotes] == ["Marta Quell", "Ivo Brandt", "Marta Quell", "Ivo Brandt"]


def signed(taxonomy, *paragraphs: str) -> list[tuple[str | None, str]]:
    """The quotations of paragraphs as the body gives them (a cleaner may keep a signature line,
    or drop it as furniture: then the quotation has no speaker, as before)."""
    found = find_quotes(list(paragraphs), 0, [], {}, taxonomy.speech, "en")
    return [(q.speaker, q.text[:24]) for q in found]


def test_quotation_signed_on_the_next_line(taxonomy):
    assert signed(taxonomy, "“Had the harbour been dredged in time, the ferries would never have stopped running.”",
                  "— Osric Lindqvist") == [("Osric Lindqvist", "Had the harbour been dre")]


def test_embedded_post_is_its_signer_quoting(taxonomy):
    assert signed(taxonomy, "Yes the ferry really is painted pink and yes it cost the town a fortune https://t.co/abc",
                  "— Osric Lindqvist (@osricl) March 3, 2021") == [("Osric Lindqvist", "Yes the ferry really is ")]


def test_a_dash_line_that_names_nobody_signs_nothing(taxonomy):
    assert signed(taxonomy, "“Had the harbour been dredged in time, the ferries would never have stopped running.”",
                  "— The Editors") == [(None, "Had the harbour been dre")]


def test_they_said_is_the_organisation_subject(extract):
    article = extract(
        "The booking firm that runs the ferries, Quayline Services, denies that the timetable was cut.",
        "\"No sailing has been cancelled this winter and none will be,\" they said in a statement.",
        "Two deckhands on the night ferry described the crossing.",
        "\"The waves were higher than anything we had seen before,\" they said.")
    # people ("two deckhands") are no organisation: their words keep no speaker
    assert quotes(article) == [("Quayline Services", "No sailing has been canc"), (None, "The waves were higher th")]


def test_pronoun_skips_a_man_by_first_name(extract):
    article = extract(
        "Inspectors reached Valerie Ostrand by phone. Ostrand still found it hard to talk about Mike Harrow’s "
        "report and what followed it.",
        "“When I started, I really felt this was the work I was meant to do,” she said.")
    assert quotes(article) == [("Valerie Ostrand", "When I started, I really")]


def test_pronoun_looks_back_only_to_a_match(extract):
    article = extract("The harbour master, Jane Corvell, asked for more patrol boats.",
                      "She said the budget would not cover them.",
                      "The council has not answered yet.",
                      "“We cannot keep the channel open with two boats,” she said.")
    assert quotes(article) == [("Jane Corvell", "We cannot keep the chann")]


def test_surname_completes_to_the_shorter_of_agreeing_names(extract):
    article = extract("Mayor Kestrel AnnKestrel Dane Ann spoke first. Kestrel Ann opened the session.",
                      "“We will keep every ferry running this winter,” Ann said.")
    assert quotes(article) == [("Kestrel Ann", "We will keep every ferry")]


def test_glued_link_text_ends_a_name(extract):
    """Copies glue a link's text to the next words: "Osric LindqvistOsric Lindqvist Harbour news"."""
    article = extract("The complaint came from Rep. Osric LindqvistOsric LindqvistHarbour news | Ferries, in a letter.",
                      "“The crossing is not safe in a storm,” Lindqvist wrote.")
    assert quotes(article) == [("Osric Lindqvist", "The crossing is not safe")]
    assert "Osric Lindqvist" in {a.name for a in article.actors}


def test_organisation_in_apposition_is_no_person(extract):
    article = extract("The label that owns the recordings, Brightwater Sound, says the songs may be played.")
    assert "Brightwater Sound" not in {a.name for a in article.actors}


def test_gerund_opens_no_name(extract_text):
    """A role phrase may end its block; a verb ending in -ing before the name is no first name."""
    article = extract_text("Introducing Corin Talbeck, New CEO at Quayline",
                           "Quayline is pleased with the choice its board has made for the company.")
    assert {a.name for a in article.actors} == {"Corin Talbeck"}


def test_place_after_a_preposition_is_no_person(extract):
    article = extract("Officials in Hazel Grove said the ferries would run. Hazel Grove told the council nothing new.",
                      "Dara Quint, a senior official at the port, inspected the pier in Hazel Grove on Friday.")
    assert {a.name for a in article.actors} == {"Dara Quint"}


def test_the_byline_is_no_actor(extract_text):
    article = extract_text("Ferries return to the north coast", "By ODILE MARCHBANK",
                           "The ferries returned on Monday after a month of storms along the north coast.",
                           "The crossing was rough, Odile Marchbank said, but the crews were calm.")
    assert (article.author or "").casefold() == "odile marchbank"
    assert "Odile Marchbank" not in {a.name for a in article.actors}
