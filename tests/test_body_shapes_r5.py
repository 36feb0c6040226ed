"""Issue 17, round 5: the article body in a copied page, items 1 and 8 (the article, furniture).

Every page is invented here (a riverside town and its footbridge); the shapes are those copied
pages have (a Japanese article with brand names in Latin letters, teasers with their own
bylines and ledes under a text, rapid-fire interview turns, newsletter prompts after a lead-in,
a schedule under the text), not text taken from any site.
"""

from __future__ import annotations

import pytest

from generator import article_block
from test_article_block import BODY, HEADLINE, MENU  # the same invented article

FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use"]


def verdict(article, line: str) -> str:
    return [t.verdict for t in article.trace if t.line == line][-1]


# A Japanese article: kana and kanji are one script, and a short sentence is a sentence

JA_MENU = ["ホーム", "ニュース", "地域", "スポーツ", "天気"]
JA_HEADLINE = "川沿いの町に新しい歩道橋\u3000市場と駅を結ぶ"  # headlines set their parts apart with a wide space
JA_BODY = [
    "土曜日の朝、川に架かる新しい歩道橋が開通し、多くの住民が渡り初めを楽しみました。",
    "市役所によると、この橋は二十年以上前から計画されていましたが、予算が確保されたのは昨年のことです。",
    "Riverline Works社の設計チームは、夜でも安全に渡れるように照明を工夫したと話しています。",
    "駅から市場までの道のりは、これまでの半分ほどになりました。",
    "市場の店主たちは、観光客が増えることを期待しています。",
    "照明工事は夏まで続き、その間は夜間の通行が制限されます。",
    "詳しい工事の日程は、市のFacebookページで確認できます。",
]
JA_RELATED = ["関連記事", "港の新しい灯台が完成", "商店街に新しいパン屋が開店", "市の予算案が承認される"]
JA_FOOTER = ["プライバシーポリシー", "お問い合わせ", "サイトマップ"]


def test_a_japanese_article_keeps_its_lines_with_latin_brand_names(cleaned):
    article = cleaned(JA_MENU, JA_HEADLINE, "2021-03-05", JA_BODY, JA_RELATED, JA_FOOTER)
    assert article.title == JA_HEADLINE.replace("\u3000", " ")
    assert article.paragraphs == JA_BODY
    # "Riverline Works社の…" opens with capitals and has few words between spaces: still no teaser
    assert verdict(article, JA_BODY[2]).startswith("kept: paragraph")
    for line in JA_MENU + JA_FOOTER:
        assert verdict(article, line).startswith("dropped")


JA_LONG_TEASERS = [  # long titles of other posts, with no final stop
    "川沿いの町の新しい歩道橋を朝早く歩いてみたら思っていたよりもずっと静かで気持ちのよい散歩道になっていたという週末の小さな話",
    "駅前の古い商店街に新しくできたパン屋さんの行列に朝から並んでみたので買ったパンを全部まとめて写真つきで紹介しますので見てください",
    "港の灯台が百年ぶりに新しくなったので完成したばかりの灯台まで自転車で行ってきた日のことを写真とともにゆっくり書いてみました",
]


def test_long_cjk_titles_without_a_stop_are_no_text(cleaned):
    article = cleaned(JA_MENU, JA_HEADLINE, "2021-03-05", JA_BODY, JA_RELATED[0], JA_LONG_TEASERS, JA_FOOTER)
    assert article.paragraphs == JA_BODY


def test_a_kanji_counts_as_several_letters():
    sentence = JA_BODY[3]  # 29 characters: a whole sentence, not a label
    assert len(sentence) < article_block.PROSE_CHARS
    assert article_block.shape(sentence, frozenset()).kind == "prose"
    assert article_block.shape("天気", frozenset()).kind == "short"


# Teasers with their own headline, byline and lede under the text

TEASERS_WITH_LEDES = [
    "TRANSPORT", "Ferry returns to the old harbour after a winter away", "By Tomas Lindqvist",
    "The ferry that stopped running last spring will cross the river again from May, the operator "
    "said on Monday, with a new timetable and two more boats on the busiest days of the week.",
    "WEATHER", "Storm warning for the coast as the wind picks up overnight", "By Nora Albescu",
    "Forecasters expect gusts of up to eighty kilometres an hour along the coast tonight, and the "
    "harbour master has asked owners of small boats to check their moorings before dark.",
    "SCHOOLS", "Choir from the hill school wins the regional contest again", "By Ines Okafor",
    "For the third year in a row the choir of the hill school has won the regional singing contest, "
    "and its teacher said the children had practised every lunch break since the autumn half term.",
]


def test_the_text_ends_above_a_teaser_with_its_own_byline_and_lede(cleaned):
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", "March 5, 2021", BODY, "More stories",
                      TEASERS_WITH_LEDES, FOOTER)
    assert article.title == HEADLINE
    assert article.paragraphs == BODY
    assert verdict(article, TEASERS_WITH_LEDES[3]).startswith("dropped: after-article")
    assert "ends above another article's headline and byline" in verdict(article, HEADLINE)  # explain says why


def test_a_byline_without_a_headline_above_it_does_not_end_the_text(cleaned):
    """A signature inside the text ("By the river, ...") or a line opening with "By" is no next header."""
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", "March 5, 2021", BODY[:2],
                      "By Saturday noon, the first cyclists had crossed the river twice.", BODY[2:], FOOTER)
    assert article.paragraphs[-2:] == BODY[2:]


# Interview turns

LONG_TURNS = [
    "Q: You designed the footbridge over the river. What did the town ask of you at the very start?",
    "A: They wanted a crossing that people would use every day, not a monument. We spent the first "
    "year walking the banks with residents and asking them where they would like to cross.",
    "Q: What surprised you the most while the bridge was being built in the middle of the town?",
    "A: How many people came to watch. Every morning there was a small crowd at the fence, and some "
    "of them brought us coffee and cake on the coldest days of the winter.",
]
QUICK_TURNS = ["Q: Favourite bridge?", "A: The old stone one upstream", "Q: Favourite book?",
               "A: Two novels about rivers", "Q: Morning or evening?", "A: Early mornings by the water",
               "Q: What do you do on weekends?", "A: Long walks with my family along the coast path"]


def test_quick_interview_turns_go_on_the_text(cleaned):
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", "March 5, 2021", BODY[:2], LONG_TURNS, QUICK_TURNS,
                      "Share", "Facebook", "Twitter", FOOTER)
    assert article.paragraphs == BODY[:2] + LONG_TURNS + QUICK_TURNS
    assert "interview turn" in verdict(article, "A: The old stone one upstream")  # not a teaser


# Newsletter and forum prompts after a lead-in sentence

@pytest.mark.parametrize("prompt", [
    "Stay in the loop with Riverside. Subscribe to our newsletter.",
    "Want more walks? Join our riverside forums for weekend routes and more!",
    "Need more bridges? Subscribe to our sister title Bridges Monthly magazine for the latest news.",
])
def test_a_prompt_after_a_lead_in_sentence_is_a_promo(cleaned, prompt):
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", BODY, prompt, FOOTER)
    assert verdict(article, prompt) == "dropped: promo"
    assert article.paragraphs == BODY


def test_a_sentence_that_mentions_a_newsletter_is_text(cleaned):
    sentence = ("The walkers' club said its members had grown quickly. Residents who join the club get "
                "its newsletter and a map of the new routes across the river.")
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", BODY, sentence, FOOTER)
    assert article.paragraphs == BODY + [sentence]


# A schedule under the text

SCHEDULE = ["June 9 – Old Market Square, Riverside", "June 12 – Station Gardens, Riverside",
            "June 16 – Harbour Steps, Eastport", "July 2 – Mill Lane Park, Northbridge",
            "July 9 – Town Hall Lawn, Riverside"]


def test_a_schedule_under_the_text_goes_on_the_article(cleaned):
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", "March 5, 2021", BODY, "Bridge walk dates:", SCHEDULE,
                      "Share", "Facebook", "Twitter", FOOTER)
    assert article.paragraphs == BODY + ["Bridge walk dates:"] + SCHEDULE
    assert all(verdict(article, line).startswith("kept: paragraph") for line in SCHEDULE)
    assert "with the schedule under it" in verdict(article, HEADLINE)
    assert verdict(article, "Privacy policy").startswith("dropped")


def test_a_schedule_under_a_heading_of_its_own(cleaned):
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", "March 5, 2021", BODY, "Summer Walks Programme", SCHEDULE,
                      "Share", "Facebook", "Twitter", FOOTER)
    assert article.paragraphs == BODY + SCHEDULE
    assert [block.text for block in article.blocks if block.kind == "heading"] == ["Summer Walks Programme"]


def test_a_few_dated_links_under_the_text_stay_out(cleaned):
    dated_links = SCHEDULE[:3]  # fewer than a schedule: links to other stories with their dates
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", "March 5, 2021", BODY, dated_links, FOOTER)
    assert article.paragraphs == BODY


def test_a_dated_list_under_a_furniture_label_stays_out(cleaned):
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", "March 5, 2021", BODY, "Latest News", SCHEDULE, FOOTER)
    assert article.paragraphs == BODY


def test_dated_items():
    assert article_block.dated_item("Aug. 2 @ Example Hall, Springfield")
    assert article_block.dated_item("June 9 -- Coral Point Arena, Eastport")
    assert not article_block.dated_item("June 9 was the day the bridge opened")
    assert not article_block.dated_item("Junebug – a new cafe on the square")


# Numbered steps of a listicle

STEPS = [
    "1. Walk before breakfast",
    "The riverside path is quietest in the early morning, when only the rowers and the herons are out.",
    "2. Take the long way round",
    "Crossing at the old stone bridge and coming back over the new one makes a loop of about five kilometres.",
    "3. Stop at the market",
    "Stalls open at eight on Saturdays, and the bakery at the corner sells out of rolls well before ten.",
]


def test_numbered_headings_between_paragraphs_are_subheadings(cleaned):
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", "March 5, 2021", BODY[:2], STEPS, BODY[2:], FOOTER)
    assert [block.text for block in article.blocks if block.kind == "heading"] == STEPS[::2]
    assert article.paragraphs == BODY[:2] + STEPS[1::2] + BODY[2:]


def test_a_numbered_list_of_links_is_still_related(cleaned):
    numbered_links = [f"{n}. {teaser}" for n, teaser in enumerate(
        ["Harbour master warns of winter storms", "School choir wins the regional contest",
         "New bakery opens on the high street"], start=1)]
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", BODY[:2], numbered_links, BODY[2:], FOOTER)
    assert all(verdict(article, line) == "dropped: related" for line in numbered_links)


# The author's bio under the text

BIO_HEADING = "About Alma Reyes"
BIO = ("Alma Reyes covers transport and the town council for the Riverside Gazette. She has walked "
       "every bridge on the river and some of them twice.")


def test_the_authors_bio_under_the_text_is_furniture(cleaned):
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", "March 5, 2021", BODY, BIO_HEADING, BIO, FOOTER)
    assert article.paragraphs == BODY
    assert verdict(article, BIO) == "dropped: author-bio"
    assert verdict(article, BIO_HEADING) == "dropped: author-bio"


def test_a_bio_names_a_byline_printed_in_capitals(cleaned):
    article = cleaned(MENU, HEADLINE, "BY ALMA REYES", BODY, BIO, FOOTER)
    assert article.paragraphs == BODY


def test_a_person_named_early_in_the_text_is_no_bio(cleaned):
    """Only the last paragraphs hold a bio; and a name that is not the byline's is the story's."""
    named = "Alma Reyes, who chairs the bridge committee, said the opening had been worth the wait."
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", named, BODY, FOOTER)
    assert article.paragraphs == [named] + BODY
    other = "Tomas Lindqvist, who chairs the bridge committee, said the opening had been worth the wait."
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", BODY, other, FOOTER)
    assert article.paragraphs == BODY + [other]


# A table of figures inside the text

TABLE = ["Team Won Lost Points", "Eastport Rovers 14 3 45", "Riverside United 12 5 41", "Northbridge Town 9 8 35"]


def test_rows_of_figures_in_the_text_are_a_table_not_teasers(cleaned):
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", BODY[:2], TABLE, BODY[2:], FOOTER)
    for row in TABLE[1:]:
        assert verdict(article, row).startswith("kept: paragraph"), row
    assert article.paragraphs[-2:] == BODY[2:]


def test_glued_date_stamps_are_no_table_row(cleaned):
    stamp = "Updated Mar 6, 9:41 AM;Posted Mar 5, 8:19 PM"  # two stamps glued: no date line
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", BODY[:2], "Bridge Walks", stamp, BODY[2:], FOOTER)
    assert stamp not in article.paragraphs


# A caption with its credit glued on

def test_a_caption_ending_with_its_credit_is_furniture(cleaned):
    captions = ["Walkers cross the new footbridge on its first morning.Credit: Jane Roe/Riverside Gazette",
                "The old ferry at its moorings in the spring Credit: Example Images"]
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", BODY[:2], captions, BODY[2:], FOOTER)
    assert article.paragraphs == BODY
    assert all(verdict(article, caption) == "dropped: caption" for caption in captions)


def test_credit_in_a_sentence_is_text(cleaned):
    sentence = ("On the day itself the mayor, the council and the whole town gave the engineers full credit: "
                "they finished early")  # no final stop, as a copied line may end
    article = cleaned(MENU, HEADLINE, "By Alma Reyes", BODY[:2], sentence, BODY[2:], FOOTER)
    assert sentence in article.paragraphs


def test_a_sentence_ending_with_an_emoji_is_finished():
    stops = article_block.stop_lists()["English"]
    assert article_block.shape("We hope to see all of you on the new bridge soon! 🙂", stops).kind == "sentence"
    assert article_block.shape("Try something new on the bridge this weekend 😉", stops).kind == "short"


# A quotation in another script inside the text

RU_HEADLINE = "В прибрежном городе открыли новый пешеходный мост"
RU_BODY = [
    "Новый пешеходный мост через реку открыли в субботу утром, и сотни жителей прошли по нему ещё до того, как мэр перерезал ленточку.",
    "Инженер проекта, приехавшая из Эстпорта, написала в своём блоге по-английски:",
    "Её коллеги говорят, что работы по освещению продлятся до лета, а ночью мост будут закрывать на несколько недель.",
]
EN_QUOTE = "We built this bridge for the people who will cross it every single day."


def test_a_sentence_in_another_script_between_paragraphs_is_a_quotation(cleaned):
    article = cleaned(["Главная", "Новости", "Спорт"], RU_HEADLINE, RU_BODY[:2], EN_QUOTE, RU_BODY[2:],
                      ["О нас", "Контакты"])
    assert article.paragraphs == RU_BODY[:2] + [EN_QUOTE] + RU_BODY[2:]


def test_a_short_line_in_another_script_between_paragraphs_is_still_a_widget(cleaned):
    article = cleaned(["Главная", "Новости", "Спорт"], RU_HEADLINE, RU_BODY[:2], "Read the English version",
                      RU_BODY[2:], ["О нас", "Контакты"])
    assert verdict(article, "Read the English version") == "dropped: foreign-script"


def test_a_subheading_in_cyrillic_introduces_its_paragraph(cleaned):
    subheading = "Освещение моста закончат летом"
    paragraph = "Освещение на мосту монтируют уже третью неделю, и подрядчик обещает закончить работы к началу лета."
    article = cleaned(["Главная", "Новости", "Спорт"], RU_HEADLINE, RU_BODY[0], RU_BODY[2], subheading, paragraph,
                      ["О нас", "Контакты"])
    assert [block.text for block in article.blocks if block.kind == "heading"] == [subheading]
