"""Sources in other languages (issue 19): synthetic sentences, one per language and shape."""

from __future__ import annotations

import time

import pytest

from conftest import write_article
from generator import dates
from generator.clean import clean
from generator.metadata import detect_language
from generator.read import read_article

# One news-like sentence per language; Portuguese, Dutch and Catalan look like Spanish to a
# function-word count, Polish and Ukrainian matched none of its lists.
SENTENCES = {
    "en": "The minister said on Thursday that the talks in Brussels would resume after the summer break.",
    "ru": "Министр заявил в четверг, что переговоры в Брюсселе возобновятся после летнего перерыва.",
    "uk": "Міністр заявив у четвер, що переговори в Брюсселі відновляться після літньої перерви.",
    "de": "Der Minister sagte am Donnerstag, dass die Gespräche in Brüssel nach der Sommerpause weitergehen.",
    "fr": "Le ministre a déclaré jeudi que les discussions à Bruxelles reprendraient après la pause estivale.",
    "pl": "Minister powiedział w czwartek, że rozmowy w Brukseli zostaną wznowione po przerwie wakacyjnej.",
    "es": "El ministro dijo el jueves que las conversaciones en Bruselas se reanudarán tras la pausa estival.",
    "it": "Il ministro ha detto giovedì che i colloqui a Bruxelles riprenderanno dopo la pausa estiva.",
    "pt": "O ministro disse na quinta-feira que as conversações em Bruxelas serão retomadas depois das férias.",
    "nl": "De minister zei donderdag dat de gesprekken in Brussel na het zomerreces worden hervat.",
    "ca": "El ministre va dir dijous que les converses a Brussel·les es reprendran després de les vacances.",
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_language_of_one_sentence(language):
    assert detect_language(SENTENCES[language]) == language


def test_too_little_text_names_no_language():
    assert detect_language("OK 12") == "und"


def test_detection_is_cheap_per_article():
    detect_language(SENTENCES["en"])  # the model loads once
    article = " ".join(SENTENCES.values()) * 10
    started = time.perf_counter()
    for _ in range(20):
        detect_language(article)
    assert (time.perf_counter() - started) / 20 < 0.02


def test_short_russian_article_under_english_menus_keeps_its_body(tmp_path, taxonomy):
    """The page's furniture is English and outweighs the short article; the article's own
    language is Russian, so its lines are not stray lines in another script."""
    menus = [f"Home News World Politics Business Sport Culture Opinion Video Podcasts Newsletters {i}"
             for i in range(8)]
    title = "Министр обороны посетил учения"
    body = [SENTENCES["ru"], "Учения продлятся до конца недели и завершатся смотром техники на полигоне."]
    text = "\n\n".join([*menus, title, *body]) + "\n"
    article = clean(read_article(write_article(tmp_path, "ru.txt", text)), taxonomy)
    assert article.title == title
    assert [b.text for b in article.blocks] == body


@pytest.mark.parametrize("text", ["16 февраля 2017", "16. Februar 2017", "16 lutego 2017", "le 16 février 2017",
                                  "16 de febrero de 2017", "16 febbraio 2017", "16 лютого 2017"])
def test_dates_with_genitive_month_names(text):
    assert dates.month_day(text) == (2017, 2, 16)


@pytest.mark.parametrize("text", ["в четверг", "am Donnerstag", "w czwartek", "у четвер", "jeudi", "giovedì"])
def test_weekday_names_per_language(text):
    assert dates.weekday_named(f"Министр {text} 2017") == 3


def test_among_is_no_wednesday():
    assert dates.weekday_named("среди них был министр") is None
