"""Quotation shapes of real copies, on made-up articles (people invented, not in actors.yml):
where the attribution stands, quotations that go on, surnames completed, organisations,
pronouns and gender, and quotations whose speaker is unclear (kept, with no name)."""

from __future__ import annotations

import pytest

from generator.model import Article

TITLE = "Coastal states agree on winter patrols"
OPENING = "Regional commanders met on Tuesday to review winter exercises in the far north."
SMITH = "Ann Smith, the commander of the northern fleet, inspected the harbour on Monday."


@pytest.fixture
def extract(extract_text):
    return lambda *paragraphs: extract_text(TITLE, OPENING, *paragraphs)


def quotes(article: Article) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in article.quotes]


@pytest.mark.parametrize(("sentence", "speaker", "text"), [
    ("“The patrols will start before the ice closes the straits,” Tom Brown said.",
     "Tom Brown", "The patrols will start before the ice closes the straits"),
    ("“The patrols will start before the ice closes the straits,” said Tom Brown, who runs the port.",
     "Tom Brown", "The patrols will start before the ice closes the straits"),
    ("“The patrols will start before the ice closes the straits,” the veteran Brown said.",
     "Brown", "The patrols will start before the ice closes the straits"),
    ("Tom Brown, the harbour master of the eastern port, said: “The patrols will start soon.”",
     "Tom Brown", "The patrols will start soon"),
    ("According to his deputy, Tom Brown, “the patrols will start before the ice closes the straits.”",
     "Tom Brown", "the patrols will start before the ice closes the straits"),
    ("Harbour master Tom Brown has warned: “The patrols will start before the ice closes.”",
     "Tom Brown", "The patrols will start before the ice closes"),
    ("“The patrols will start before the ice closes the straits,\" Tom Brown said.",
     "Tom Brown", "The patrols will start before the ice closes the straits"),
], ids=["quote-X-said", "said-X-apposition", "the-adjective-X-said", "X-apposition-said-colon",
        "according-to", "title-and-auxiliary", "mixed-curly-and-straight"])
def test_attribution_around_the_quotation(extract, sentence, speaker, text):
    assert quotes(extract(sentence)) == [(speaker, text)]


def test_a_surname_alone_is_the_person_named_in_full(extract):
    article = extract("Ann Smith inspected the harbour on Monday with her crew.", "“Every ship will carry a second crew this winter,” Smith said.")
    assert quotes(article) == [("Ann Smith", "Every ship will carry a second crew this winter")]


def test_a_name_is_cut_from_the_title_and_role_words_before_it(extract):
    article = extract("“Every ship will carry a second crew this winter,” said Team Leader Ann Smith.")
    assert quotes(article) == [("Ann Smith", "Every ship will carry a second crew this winter")]


def test_attribution_inside_applies_to_both_halves(extract):
    article = extract(SMITH, "“Every ship will carry a second crew,” she recalled, “and every crew will train twice.”")
    assert quotes(article) == [("Ann Smith", "Every ship will carry a second crew"),
                               ("Ann Smith", "and every crew will train twice")]


def test_a_second_quotation_goes_on_with_the_same_speaker(extract):
    article = extract(SMITH, "“Every ship will carry a second crew,” Smith said. “Nobody sails alone this winter.”")
    assert quotes(article) == [("Ann Smith", "Every ship will carry a second crew"),
                               ("Ann Smith", "Nobody sails alone this winter")]


def test_a_quotation_spans_paragraphs(extract):
    article = extract(SMITH, "Smith said: “Every ship will carry a second crew this winter.",
                      "“Nobody sails alone, and nobody sails without a radio check.”")
    assert quotes(article) == [("Ann Smith", "Every ship will carry a second crew this winter"),
                               ("Ann Smith", "Nobody sails alone, and nobody sails without a radio check")]


def test_a_quoted_paragraph_continues_the_reported_speaker(extract):
    article = extract(SMITH, "Smith said the plan had been agreed in the spring.",
                      "“Every ship will carry a second crew this winter.”")
    assert quotes(article) == [("Ann Smith", "Every ship will carry a second crew this winter")]


def test_a_fragment_inside_a_reported_sentence(extract):
    article = extract(SMITH, "Smith said the plan would “bring the two navies closer than at any time since the war”.")
    assert quotes(article) == [("Ann Smith", "bring the two navies closer than at any time since the war")]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("“The patrols are a threat to regional stability,” said a statement from the Coastal Policy Institute.",
     "Coastal Policy Institute"),
    ("NATO said in a statement: “The patrols are a threat to regional stability.”", "NATO"),
])
def test_organisations_speak_for_themselves(extract, sentence, speaker):
    (quote,) = extract(sentence).quotes
    assert (quote.speaker, quote.speaker_id) == (speaker, None)


def test_a_pronoun_never_crosses_a_speaker_of_the_other_gender(extract):
    article = extract("Mr. Tom Brown arrived first. Ann Smith said that she was pleased with the talks.",
                      "“The patrols will start before the ice closes the straits,” he said.")
    assert quotes(article) == [(None, "The patrols will start before the ice closes the straits")]


def test_a_pronoun_goes_to_the_nearest_compatible_speaker(extract):
    article = extract("Ann Smith said that she had met Mr. Sergei Shoigu on Monday.",
                      "“The patrols will start before the ice closes the straits,” she said.")
    assert quotes(article) == [("Ann Smith", "The patrols will start before the ice closes the straits")]


def test_an_unclear_speaker_is_kept_as_none(extract):
    article = extract("“The patrols will start before the ice closes the straits,” officials said.")
    assert quotes(article) == [(None, "The patrols will start before the ice closes the straits")]


def test_scare_quotes_and_possessives_are_not_speakers(extract):
    article = extract(SMITH, "Smith called the plan “purely defensive” on Monday.",
                      "“Every ship will carry a second crew,” Smith’s deputy said.")
    assert quotes(article) == [(None, "Every ship will carry a second crew")]
