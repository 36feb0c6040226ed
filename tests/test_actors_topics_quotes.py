"""Actors, topics and quotes on small synthetic articles, end to end through the Extractor.

The articles are made up (winter naval exercises, a ferry timetable); the
people either come from taxonomy/actors.yml or are invented (Jane Roe, Ann Smith...).
"""

from __future__ import annotations

import pytest

from conftest import write_article
from generator.model import Article

TITLE = "Defence chiefs discuss winter exercises"
OPENING = "Regional commanders met on Tuesday to review winter exercises in the far north."
ROE = "Jane Roe, a senior analyst at the Coastal Policy Institute, said the timing was unusual."


@pytest.fixture
def extract(extract_text):
    return lambda *paragraphs, title=TITLE: extract_text(title, *paragraphs)


def actors(article: Article) -> dict[str, object]:
    """Canonical name -> ActorMention."""
    return {a.name: a for a in article.actors}


def quotes(article: Article) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in article.quotes]


# --- actors from the taxonomy ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Sergey Shoygu", "Sergei Shoigu"),
        ("Sergey Shoigu", "Sergei Shoigu"),
        ("Sergei Kuzhugetovich Shoigu", "Sergei Shoigu"),
        ("Valeriy Gerasimov", "Valery Gerasimov"),
        ("Jim N. Mattis", "Jim Mattis"),
        ("James Mattis", "Jim Mattis"),
        ("Joseph F. Dunford Jr.", "Joseph Dunford"),
        ("Dmitri Peskov", "Dmitry Peskov"),
    ],
)
def test_aliases_and_transliterations_map_to_canonical_name(extract, written, canonical):
    article = extract(f"{written} reviewed the winter exercises in the far north on Tuesday.")
    found = actors(article)
    assert list(found) == [canonical]
    assert found[canonical].auto is False
    assert found[canonical].mentions == 1


def test_surname_alone_counts_after_full_mention(extract):
    article = extract(
        "Russian Defence Minister Sergey Shoygu reviewed the winter exercises on Tuesday.",
        "Shoygu said the ships would sail north. Later Shoigu inspected the crews.",
    )
    assert actors(article)["Sergei Shoigu"].mentions == 3


def test_surname_alone_without_full_mention_or_title_is_not_an_actor(extract):
    article = extract(OPENING, "Lavrov was not at the meeting, and nobody explained why.")
    assert "Sergei Lavrov" not in actors(article)


def test_title_before_surname_identifies_the_actor(extract):
    article = extract(OPENING, "President Trump was briefed on the exercises by his staff.")
    trump = actors(article)["Donald Trump"]
    assert trump.auto is False
    assert trump.role == "President of the United States"


@pytest.mark.parametrize("sentence", [
    "Jim Mattis’s deputy watched the exercises from a destroyer.",
    "Jim Mattis's deputy watched the exercises from a destroyer.",
])
def test_possessive_full_name(extract, sentence):
    assert actors(extract(sentence))["Jim Mattis"].mentions == 1


def test_possessive_surname_after_full_mention(extract):
    article = extract(
        "Jim Mattis was briefed on the exercises on Tuesday.",
        "Mattis’ staff and Mattis's deputy asked for a second briefing.",
    )
    assert actors(article)["Jim Mattis"].mentions == 3


def test_role_follows_the_article_year(extract):
    """An article from 2017 calls Pompeo CIA director, not Secretary of State."""
    article = extract("July 3, 2017", "CIA chief Mike Pompeo was briefed on the exercises on Tuesday.")
    assert article.date == "2017-07-03"
    assert actors(article)["Mike Pompeo"].role == "Director of the CIA"


# --- discovery of people the taxonomy does not list ------------------------------------------

def test_unknown_person_with_role_after_name_is_discovered(extract):
    article = extract(OPENING, ROE, "Roe said the ships had left port earlier than planned.")
    roe = actors(article)["Jane Roe"]
    assert roe.auto is True
    assert roe.id == "jane-roe"
    assert roe.role == "senior analyst at the Coastal Policy Institute"
    assert roe.mentions == 2  # the surname alone counts once she is introduced


def test_unknown_person_with_role_before_name_is_discovered(extract):
    article = extract(OPENING, "Port security adviser Tom Brown said the ships were old.")
    brown = actors(article)["Tom Brown"]
    assert brown.auto is True
    assert brown.role == "security adviser"


def test_capitalised_pair_without_role_is_not_discovered(extract):
    article = extract(OPENING, "Tom Brown watched the ships leave from the pier on Tuesday.")
    assert article.actors == []


def test_photographer_in_caption_credit_is_never_an_actor(extract):
    caption = "Coast Guard Commander Ann Smith, left, greets sailors at the northern base. (Army Sgt. Peter Lens/Coastal Images)"
    article = extract(caption, OPENING)
    found = actors(article)
    assert "Peter Lens" not in found
    assert found["Ann Smith"].auto is True  # the person pictured does count
    assert found["Ann Smith"].role == "Coast Guard Commander"


def test_photographer_in_credit_line_is_never_an_actor(extract):
    sentence = "Capt. Peter Lens said the crews were tired after a week at sea."
    assert actors(extract(OPENING, sentence))["Peter Lens"].auto is True  # control: a captain who speaks
    article = extract("Photo by Capt. Peter Lens", OPENING, sentence)
    assert "Peter Lens" not in actors(article)  # the same name in a photo credit: never an actor


def test_byline_author_is_never_an_actor(extractor, tmp_path):
    body = (f"{OPENING}\n\n"
            "Maria Jones, a senior fellow at the Coastal Policy Institute, has followed the exercises for a decade.\n")
    with_byline = extractor.process(write_article(tmp_path, "a.txt", f"{TITLE}\n\nBy Maria Jones\n\n{body}"))
    assert with_byline.author == "Maria Jones"
    assert "Maria Jones" not in actors(with_byline)
    # Control: without the byline, the same sentence introduces an analyst who is an actor.
    without = extractor.process(write_article(tmp_path, "b.txt", f"{TITLE}\n\n{body}"))
    assert actors(without)["Maria Jones"].auto is True


@pytest.mark.parametrize(
    "sentence",
    [
        "The Coastal Policy Institute, a research group led by former officials, called the exercises routine.",
        "The Harbour Security Council, an advisory body of senior officials, agreed with that view.",
        "Northern Fleet Command, the naval headquarters, said twelve ships took part.",
        "The Defence Ministry, the chief organiser of the drills, published no figures.",
    ],
)
def test_organisations_are_not_people(extract, sentence):
    assert extract(OPENING, sentence).actors == []


def test_organisation_described_by_its_founder_is_not_a_person(extract):
    article = extract(OPENING, "Blue Harbour, a consultancy founded by a former ambassador, called the drills routine.")
    assert "Blue Harbour" not in actors(article)


# --- topics ----------------------------------------------------------------------------------

def topic_ids(article: Article) -> tuple[set[str], set[str]]:
    return {h.id for h in article.topics["primary"]}, {h.id for h in article.topics["mentioned"]}


def test_topic_primary_and_background_mention(extract):
    article = extract(
        "Negotiators from Moscow and the alliance resumed talks on Tuesday about shipping in the strait.",
        "Both sides said the dialogue would continue next month, and a hotline for naval commanders was proposed.",
        "The last round of negotiations collapsed after the annexation of Crimea.",
        "The ferry company said passenger numbers were steady this season.",
        title="Harbour talks resume between Moscow and the alliance",
    )
    primary, mentioned = topic_ids(article)
    assert primary == {"dialogue"}
    assert mentioned == {"crimea"}
    crimea = article.topics["mentioned"][0]
    assert crimea.evidence == ["The last round of negotiations collapsed after the annexation of Crimea."]


def test_one_strong_sentence_is_only_a_mention(extract):
    """Primary needs several sentences: one sentence about the 2% target is background."""
    article = extract(
        "The ferry operators added four sailings a week to the winter timetable on Tuesday.",
        "Allies in the alliance agreed to spend 2 percent of GDP on defence budgets, the minister recalled.",
        "The new timetable starts in December.",
        title="Ferry operators expand winter timetable",
    )
    assert topic_ids(article) == (set(), {"nato-spending"})


def test_topic_requires_its_anchor_words(extract):
    """Talks and dialogue without Russia, Moscow or the Kremlin are not the dialogue topic."""
    article = extract(
        "The ferry operators added four sailings a week on Tuesday after talks and a long dialogue with the port.",
        "The negotiations went on for weeks, and a hotline for captains was set up to ease cooperation.",
        title="Ferry operators expand winter timetable",
    )
    assert topic_ids(article) == (set(), set())


def test_evidence_never_quotes_the_headline(extract):
    article = extract(
        "Negotiators resumed talks on Tuesday.",
        "Both sides said the dialogue would continue next month.",
        title="Moscow and the alliance agree to more talks",
    )
    hit = next(h for h in article.topics["primary"] if h.id == "dialogue")
    assert "Moscow and the alliance agree to more talks" not in hit.evidence
    assert hit.evidence


# --- quotes ----------------------------------------------------------------------------------

SHOIGU = "Russian Defence Minister Sergei Shoigu reviewed the winter exercises on Tuesday."


@pytest.mark.parametrize(("context", "sentence", "speaker", "text"), [
    (SHOIGU, "“The exercises will take place in the far north this year,” Shoigu said.",
     "Sergei Shoigu", "The exercises will take place in the far north this year"),
    (ROE, "“The ships left port two days earlier than planned,” said Roe.",
     "Jane Roe", "The ships left port two days earlier than planned"),
    (ROE, "Roe said, “Nobody expected exercises of this size so early in the winter.”",
     "Jane Roe", "Nobody expected exercises of this size so early in the winter"),
    (SHOIGU, '"The exercises will take place in the far north this year," Shoigu said.',
     "Sergei Shoigu", "The exercises will take place in the far north this year"),
], ids=["quote-then-X-said", "quote-then-said-X", "X-said-then-quote", "straight-quotes"])
def test_quote_shapes(extract, context, sentence, speaker, text):
    assert quotes(extract(context, sentence)) == [(speaker, text)]


def test_he_added_resolves_to_last_person_named(extract):
    article = extract(
        SHOIGU,
        ROE,
        "She added: “It is a message to the neighbours, and they will read it that way.”",
    )
    assert quotes(article) == [("Jane Roe", "It is a message to the neighbours, and they will read it that way")]


def test_pronoun_skips_names_inside_the_quotation(extract):
    article = extract(ROE, "“Sergei Shoigu wants the neighbours to notice these ships,” she said.")
    assert "Sergei Shoigu" in actors(article)  # named, but only inside the quote
    assert quotes(article) == [("Jane Roe", "Sergei Shoigu wants the neighbours to notice these ships")]


def test_pronoun_with_nobody_named_is_not_attributed(extract):
    article = extract(OPENING, "“The ships left port two days earlier than planned,” he said.")
    assert quotes(article) == [(None, "The ships left port two days earlier than planned")]


def test_scare_quotes_are_not_quotes(extract):
    article = extract(
        SHOIGU,
        "Shoigu called the criticism “hysterical and baseless” and said the drills were “purely defensive.”",
    )
    assert article.quotes == []
    assert "Sergei Shoigu" in actors(article)


def test_short_or_lower_case_fragments_are_not_quotes(extract):
    article = extract(
        SHOIGU,
        "“Not now,” Shoigu said.",
        "“a routine check of the northern fleet and nothing more,” said Shoigu.",
    )
    assert article.quotes == []


def test_quote_keeps_its_paragraph_and_speaker_id(extract):
    paragraph = "“The exercises will take place in the far north this year,” Shoigu said."
    (quote,) = extract(SHOIGU, paragraph).quotes
    assert quote.speaker_id == "sergei-shoigu"
    assert quote.paragraph == paragraph
