"""One test per cleaning rule, on small synthetic pages.

Every test checks both sides of the rule: the furniture line is dropped under the
right rule name, and the article text around it is kept intact. The pages are
made up for these tests (a lighthouse keeper retires; a harbour gets a ferry
terminal); none of their sentences come from the sample articles.
"""

from __future__ import annotations

import pytest

from conftest import write_article
from generator.clean import clean
from generator.model import CleanArticle
from generator.read import read_article

TITLE = "Lighthouse keeper retires after forty years"
P1 = "The last resident keeper of the northern lighthouse retired on Friday after forty years on the rock."
P2 = "Her replacement will be an automated lamp and a monthly maintenance visit from the mainland crew."
P3 = "The board said the old keeper's cottage would become a small museum for visitors next summer."


def page(*lines: str) -> str:
    """A page with one blank line between the given lines."""
    return "\n\n".join(lines) + "\n"


@pytest.fixture
def cleaned(tmp_path, taxonomy):
    def run(text: str, name: str = "page.txt") -> CleanArticle:
        return clean(read_article(write_article(tmp_path, name, text)), taxonomy)
    return run


def rule_for(article: CleanArticle, line: str) -> str | None:
    """The rule that dropped exactly this line (None if it was not dropped)."""
    return next((d.rule for d in article.dropped if d.line == line), None)


def texts(article: CleanArticle) -> list[str]:
    return [block.text for block in article.blocks]


def headings(article: CleanArticle) -> list[str]:
    return [block.text for block in article.blocks if block.kind == "heading"]


def assert_plain_article(article: CleanArticle, *paragraphs: str) -> None:
    """The title survived and the body is exactly these paragraphs."""
    assert article.title == TITLE
    assert article.paragraphs == list(paragraphs)
    assert headings(article) == []


# --- furniture phrases -----------------------------------------------------------------------

def test_navigation_lines_before_the_title(cleaned):
    article = cleaned(page("Skip to main content", "Main menu", TITLE, P1, P2))
    assert rule_for(article, "Skip to main content") == "navigation"
    assert rule_for(article, "Main menu") == "navigation"
    assert_plain_article(article, P1, P2)


def test_unknown_line_before_the_title_becomes_the_title(cleaned):
    """Position alone cannot tell: the first surviving line is the headline."""
    article = cleaned(page("Skip to main content", TITLE, P1))
    assert article.title == TITLE
    assert [d.rule for d in article.dropped] == ["navigation"]


def test_advertisement_mid_text(cleaned):
    article = cleaned(page(TITLE, P1, "Advertisement", P2, "Story continues below advertisement", P3))
    assert rule_for(article, "Advertisement") == "advertisement"
    assert rule_for(article, "Story continues below advertisement") == "advertisement"
    assert_plain_article(article, P1, P2, P3)


def test_promo_newsletter_line(cleaned):
    promo = "Subscribe to our weekly coastal newsletter for more stories like this."
    article = cleaned(page(TITLE, P1, promo, P2))
    assert rule_for(article, promo) == "promo"
    assert_plain_article(article, P1, P2)


def test_promo_does_not_swallow_a_sentence_about_subscribing(cleaned):
    """A body sentence that mentions a newsletter is not furniture: the pattern must match the whole line."""
    sentence = "Visitors can subscribe to the museum's newsletter, the board said, and tours begin in May."
    article = cleaned(page(TITLE, P1, sentence))
    assert_plain_article(article, P1, sentence)


def test_player_residue(cleaned):
    residue = ["WATCH: Keeper lights the lamp one last time", "please wait", "0:00 0:01:12 0:00", "Loading video"]
    article = cleaned(page(TITLE, P1, "\n".join(residue), P2))
    for line in residue:
        assert rule_for(article, line) == "player", line
    assert_plain_article(article, P1, P2)


def test_comment_prompts(cleaned):
    prompts = ["Leave a comment", "To participate in the discussion", "log in or register"]
    article = cleaned(page(TITLE, P1, P2, "\n".join(prompts)))
    for line in prompts:
        assert rule_for(article, line) == "comment-prompt", line
    assert_plain_article(article, P1, P2)


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Island choir wins national award",
        "Related stories: Storm warnings issued along the coast",
        "See also - Ferry timetable changes for winter",
    ],
)
def test_related_article_prefix_lines(cleaned, line):
    article = cleaned(page(TITLE, P1, line, P2))
    assert rule_for(article, line) == "related"
    assert_plain_article(article, P1, P2)


def test_link_residue_keeps_link_text(cleaned):
    """'[told](#)' from a copied link becomes 'told'; the sentence stays."""
    article = cleaned(page(TITLE, "The keeper [told](#) reporters that she would miss the harbour view most of all."))
    assert article.paragraphs == ["The keeper told reporters that she would miss the harbour view most of all."]


# --- headline-like lines: subheading or teaser -----------------------------------------------

SUBHEADING = "Automated lamps and maintenance"
INTRODUCED = "The automated lamps need a maintenance visit every month, the lighthouse board said."


def test_subheading_kept_when_it_introduces_the_next_paragraph(cleaned):
    article = cleaned(page(TITLE, P1, SUBHEADING, INTRODUCED))
    assert article.blocks[1].kind == "heading"
    assert article.blocks[1].text == SUBHEADING
    assert article.paragraphs == [P1, INTRODUCED]
    assert rule_for(article, SUBHEADING) is None


def test_headline_line_that_does_not_introduce_the_next_paragraph_is_a_teaser(cleaned):
    teaser = "Island Choir Wins National Award"
    article = cleaned(page(TITLE, P1, SUBHEADING, INTRODUCED, teaser, P3))
    assert rule_for(article, teaser) == "related"
    assert headings(article) == [SUBHEADING]  # the real subheading is unaffected
    assert article.paragraphs == [P1, INTRODUCED, P3]


def test_teaser_headline_beside_a_caption(cleaned):
    """Shares words with the next paragraph, but sits right under a photo caption: a teaser."""
    caption = "A keeper trims the wick of the great lamp (Jane Doe/Coastal Images)"
    article = cleaned(page(TITLE, P1, f"{caption}\n{SUBHEADING}", INTRODUCED))
    assert rule_for(article, caption) == "caption"
    assert rule_for(article, SUBHEADING) == "related"
    assert article.paragraphs == [P1, INTRODUCED]
    assert headings(article) == []


def test_run_of_two_headline_lines_are_teasers(cleaned):
    """Two headline-like lines in a row are a list of links, even if they share words with the text."""
    second = "Lighthouse board plans automated lamps"
    article = cleaned(page(TITLE, P1, f"{SUBHEADING}\n{second}", INTRODUCED))
    assert rule_for(article, SUBHEADING) == "related"
    assert rule_for(article, second) == "related"
    assert article.paragraphs == [P1, INTRODUCED]
    assert headings(article) == []


# --- captions and credits --------------------------------------------------------------------

def test_caption_with_trailing_name_agency_credit(cleaned):
    caption = "A keeper trims the wick of the great lamp (Jane Doe/Coastal Images)"
    article = cleaned(page(TITLE, caption, P1, P2))
    assert rule_for(article, caption) == "caption"
    assert article.captions == ["A keeper trims the wick of the great lamp"]
    assert "Jane Doe/Coastal Images" in article.credits
    assert article.title == TITLE  # the caption is not mistaken for the headline or a standfirst
    assert article.summary is None
    assert article.paragraphs == [P1, P2]


def test_caption_with_photo_by_credit(cleaned):
    caption = "A keeper trims the wick of the great lamp. Photo by Jane Doe"
    article = cleaned(page(TITLE, P1, caption, P2))
    assert rule_for(article, caption) == "caption"
    assert article.captions == ["A keeper trims the wick of the great lamp."]
    assert "Photo by Jane Doe" in article.credits
    assert article.paragraphs == [P1, P2]


@pytest.mark.parametrize("credit", ["Photo by Jane Doe/Coastal Images", "Photo: Jane Doe", "Image credit: Coastal Images"])
def test_standalone_photo_credit_line(cleaned, credit):
    article = cleaned(page(TITLE, P1, credit, P2))
    assert rule_for(article, credit) == "photo-credit"
    assert credit in article.credits
    assert article.paragraphs == [P1, P2]


def test_copyright_credit_line(cleaned):
    credit = "© Coastal Images / Jane Doe"
    article = cleaned(page(TITLE, credit, P1, P2))
    assert rule_for(article, credit) == "photo-credit"
    assert credit in article.credits
    assert article.title == TITLE
    assert article.paragraphs == [P1, P2]


def test_caption_with_trailing_copyright_credit(cleaned):
    caption = "The keeper climbs the tower stairs at dusk. © Jane Doe"
    following = "The keeper climbed the tower stairs every evening to light the lamp, she said."
    article = cleaned(page(TITLE, P1, caption, following))
    assert rule_for(article, caption) in ("caption", "photo-credit")
    assert article.paragraphs == [P1, following]
    assert not any("Jane Doe" in text for text in texts(article))


@pytest.mark.parametrize(
    "caption",
    [
        "Keeper Ann Smith, left, shows her deputy the lamp room on the top floor.",
        "Keeper Ann Smith, second from right, shows visitors the lamp room.",
        "Keeper Ann Smith (L) shows her deputy the lamp room on the top floor.",
    ],
)
def test_caption_with_position_cue(cleaned, caption):
    article = cleaned(page(TITLE, P1, caption, P2))
    assert rule_for(article, caption) == "caption"
    assert caption in article.captions
    assert article.paragraphs == [P1, P2]


def test_position_words_without_commas_are_not_a_cue(cleaned):
    sentence = "The keeper left the island on Friday and turned right at the harbour for the last time."
    article = cleaned(page(TITLE, P1, sentence))
    assert article.paragraphs == [P1, sentence]


def test_duplicated_caption_line(cleaned):
    caption = "Keeper Ann Smith, left, shows her deputy the lamp room on the top floor."
    article = cleaned(page(TITLE, P1, f"{caption}\n{caption}", P2))
    assert [d.rule for d in article.dropped if d.line == caption] == ["caption", "duplicate"]
    assert article.paragraphs == [P1, P2]


# --- the end of the page ---------------------------------------------------------------------

def test_outlet_self_description_at_the_end(cleaned):
    blurb = "Stars and Stripes is an independent news source that serves the military community worldwide."
    article = cleaned(page(TITLE, P1, P2, blurb))
    assert rule_for(article, blurb) == "self-description"
    assert_plain_article(article, P1, P2)


def test_outlet_named_mid_article_is_not_self_description(cleaned):
    sentence = "Stars and Stripes is an outlet the keeper read every week, she said, along with the local paper."
    article = cleaned(page(TITLE, P1, sentence, P2, P3))
    assert rule_for(article, sentence) is None
    assert article.paragraphs == [P1, sentence, P2, P3]


def test_signature_line(cleaned):
    article = cleaned(page(TITLE, P1, P2, "Reuters"))
    assert rule_for(article, "Reuters") == "signature"
    assert_plain_article(article, P1, P2)


@pytest.mark.parametrize(
    "line",
    ["The Associated Press contributed reporting to this story.", "Additional reporting by Tom Brown"],
)
def test_contributor_line(cleaned, line):
    article = cleaned(page(TITLE, P1, P2, line))
    assert rule_for(article, line) == "contributor"
    assert_plain_article(article, P1, P2)


def test_original_url_block_extracts_the_url(cleaned):
    url = "https://news.example.org/2021/03/05/lighthouse-keeper-retires"
    article = cleaned(page(TITLE, P1, P2, "Original url:", f"<{url}>"))
    assert rule_for(article, "Original url:") == "url-block"
    assert rule_for(article, f"<{url}>") == "url-block"
    assert article.urls == [url]
    assert_plain_article(article, P1, P2)


def test_url_label_on_one_line(cleaned):
    url = "https://news.example.org/2021/03/05/lighthouse-keeper-retires"
    article = cleaned(page(TITLE, P1, f"Source: {url}"))
    assert rule_for(article, f"Source: {url}") == "url-block"
    assert article.urls == [url]
    assert article.paragraphs == [P1]


# --- scripts, spaces, wrapping, quotes -------------------------------------------------------

def test_foreign_script_line_dropped_in_english_article(cleaned):
    widget = "Заголовок виджета соседнего сайта"
    article = cleaned(page(TITLE, P1, P2, widget))
    assert rule_for(article, widget) == "foreign-script"
    assert_plain_article(article, P1, P2)


def test_cyrillic_kept_in_russian_article(cleaned):
    title = "Смотритель маяка уходит на пенсию"
    first = "Последний смотритель северного маяка вышел на пенсию в пятницу после сорока лет службы."
    second = "Её заменит автоматическая лампа и ежемесячный визит ремонтной бригады с материка."
    article = cleaned(page(title, first, second, "Read the English version"))
    assert article.title == title
    assert article.paragraphs == [first, second]
    assert rule_for(article, "Read the English version") == "foreign-script"


def test_non_breaking_and_thin_spaces_fold_to_plain_spaces(cleaned):
    article = cleaned(page("Lighthouse\u00a0keeper retires after forty\u2009years",
                           "The last\u00a0resident keeper\u00a0\u00a0of the northern lighthouse retired on Friday."))
    assert article.title == TITLE
    assert article.paragraphs == ["The last resident keeper of the northern lighthouse retired on Friday."]


def test_invisible_characters_removed(cleaned):
    article = cleaned(page(TITLE, "The last resident\u200b keeper re\u00adtired on Friday after forty years."))
    assert article.paragraphs == ["The last resident keeper retired on Friday after forty years."]


def test_hard_wrapped_lines_are_rejoined(cleaned):
    wrapped = ("The last resident keeper of the northern lighthouse retired on Friday after\n"
               "forty years on the rock, the lighthouse board said in a statement issued on the\n"
               "mainland.")
    article = cleaned(page(TITLE, wrapped, P2))
    assert article.paragraphs == [
        "The last resident keeper of the northern lighthouse retired on Friday after forty years on the rock, "
        "the lighthouse board said in a statement issued on the mainland.",
        P2,
    ]


def test_short_line_is_not_joined_to_the_next(cleaned):
    """Only long unfinished lines are wrapped ones; a short line then a lower-case line stay apart."""
    article = cleaned(page(TITLE, P1, "WATCH: The last night\nplease wait", P2))
    assert rule_for(article, "please wait") == "player"
    assert article.paragraphs == [P1, P2]


def test_curly_quotes_preserved(cleaned):
    quoted = "“I will miss the view of the harbour most of all,” she told the ‘Coastal Gazette’ on Friday."
    title = "Keeper’s last night: “I will miss the view”"
    article = cleaned(page(title, P1, quoted))
    assert article.title == title
    assert article.paragraphs == [P1, quoted]


# --- header: standfirst, byline, date line; dateline prefixes ---------------------------------

STANDFIRST = "The northern rock's last resident keeper hands over to an automated lamp"


def test_standfirst_becomes_summary(cleaned):
    article = cleaned(page(TITLE, STANDFIRST, "By Maria Jones", "March 5, 2021", P1, P2))
    assert article.summary == STANDFIRST
    assert article.paragraphs == [P1, P2]
    assert STANDFIRST not in texts(article)
    assert ("kept: summary (standfirst)") in [t.verdict for t in article.trace if t.line == STANDFIRST]
    assert rule_for(article, "March 5, 2021") == "date-line"
    assert article.date_lines == ["March 5, 2021"]


def test_no_standfirst_without_header_furniture(cleaned):
    """Without a byline or date line under the headline, the first paragraph is body, not a standfirst."""
    article = cleaned(page(TITLE, P1, P2))
    assert article.summary is None
    assert article.paragraphs == [P1, P2]


def test_byline_is_dropped_and_recorded(cleaned):
    article = cleaned(page(TITLE, "By Maria Jones", P1, P2))
    assert rule_for(article, "By Maria Jones") == "byline"
    assert article.bylines == ["Maria Jones"]
    assert "Maria Jones" in article.credits  # a byline name is never an actor
    assert article.summary is None
    assert article.paragraphs == [P1, P2]


def test_byline_becomes_author(extractor, tmp_path):
    article = extractor.process(write_article(tmp_path, "a.txt", page(TITLE, "By Maria Jones | Coastal Wire", P1, P2)))
    assert article.author == "Maria Jones"
    assert "Maria Jones" not in {a.name for a in article.actors}
    assert [b.text for b in article.blocks] == [P1, P2]


@pytest.mark.parametrize("byline", ["By Maria Jones, Staff Writer", "By Maria Jones, staff writer",
                                    "By Maria Jones, Coastal Gazette"])
def test_byline_job_title_is_not_part_of_the_author(extractor, tmp_path, byline):
    article = extractor.process(write_article(tmp_path, "a.txt", page(TITLE, byline, P1, P2)))
    assert article.author == "Maria Jones"


@pytest.mark.parametrize(
    ("prefix", "kept"),
    [
        ("Mar. 5 (Coastal Wire) -- ", "Mar. 5 (Coastal Wire) --"),
        ("HARBOURTON (Coastal Wire) — ", "HARBOURTON (Coastal Wire) —"),
        ("HARBOURTON, Maine -- ", "HARBOURTON, Maine --"),
        ("PARIS, March 5 (Reuters) - ", "PARIS, March 5 (Reuters) -"),
    ],
)
def test_dateline_prefix_stripped(cleaned, prefix, kept):
    article = cleaned(page(TITLE, prefix + P1, P2))
    assert article.paragraphs == [P1, P2]
    assert article.datelines == [kept]
    assert rule_for(article, kept) == "dateline"


def test_dateline_with_city_region_and_agency_stripped(cleaned):
    article = cleaned(page(TITLE, "HARBOURTON, Maine (Coastal Wire) — " + P1, P2))
    assert article.paragraphs == [P1, P2]
    assert article.datelines == ["HARBOURTON, Maine (Coastal Wire) —"]


def test_dateline_only_lifted_from_the_opening_paragraphs(cleaned):
    late = "LONDON — " + P3
    article = cleaned(page(TITLE, P1, P2, "The keeper has two grandchildren who live in a city far from the sea.", late))
    assert article.paragraphs[-1] == late
    assert article.datelines == []


def test_every_dropped_line_has_a_rule(cleaned):
    article = cleaned(page("Skip to main content", TITLE, "By Maria Jones", P1, "Advertisement", P2, "Reuters"))
    assert article.dropped and all(d.rule for d in article.dropped)
    assert {t.line for t in article.trace} >= {TITLE, "By Maria Jones", P1, P2}
