"""Sources in other languages, round 3 (issue 19 items 1, 2, 5 and its "done when"):
one invented article per language read for its title, date and topics; topic and furniture
patterns per language; agency datelines in other scripts; the language shown to readers.
The mixed-language site build is in tests/test_browser_languages.py."""

from __future__ import annotations

import pytest

from conftest import REPO
from fixtures_lang import FIXTURES
from generator import dates
from generator.render import language_name
from generator.topics import Classifier, sentences
from test_languages import SENTENCES

TITLES = {f.language: f.title for f in FIXTURES}


# --- the articles, one per language -------------------------------------------------------

@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.language)
def test_article_in_its_language_reads_as_written(extractor, tmp_path, fixture):
    path = tmp_path / fixture.name
    path.write_text(fixture.text, encoding="utf-8")
    article = extractor.process(path)
    body = [b.text for b in article.blocks]
    assert article.language == fixture.language
    assert article.title == fixture.title
    assert (article.date, article.date_source) == (fixture.date, fixture.date_source), article.warnings
    assert [h.id for h in article.topics["primary"]] == list(fixture.topics)
    assert not [line for line in fixture.furniture if any(line in text for text in body)], body
    last = fixture.text.rstrip().rsplit("\n\n", 1)[1]
    assert body[-1] == last, "the article lost its end"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.language)
def test_people_and_quotes_in_each_language_have_their_english_names(extractor, tmp_path, fixture):
    """Actors in any script or case form are the taxonomy's canonical English names, and
    each quotation goes to its speaker under that name."""
    path = tmp_path / fixture.name
    path.write_text(fixture.text, encoding="utf-8")
    article = extractor.process(path)
    listed = {a.name for a in article.actors if not a.auto}
    assert set(fixture.actors) <= listed, listed
    found = {(q.text, q.speaker) for q in article.quotes}
    for words, speaker in fixture.quotes:
        assert any(words in text and said == speaker for text, said in found), found


# --- topics: each topic in each language, inflected forms by their stems ----------------

TOPIC_SENTENCES = {
    "ru": {
        "dialogue": ("Россия и США договорились возобновить диалог по стратегической стабильности.",
                     "Переговоры и встреча министров обороны пройдут в Женеве."),
        "nato-spending": ("Страны НАТО должны тратить на оборону два процента ВВП.",
                          "Оборонный бюджет Германии в этом году вырастет."),
        "crimea": ("Россия аннексировала Крым в 2014 году.", "Санкции за аннексию Крыма продлены."),
    },
    "uk": {
        "dialogue": ("Україна закликала Росію до діалогу в нормандському форматі.",
                     "Переговори та зустріч міністрів відбудуться в Мінську."),
        "nato-spending": ("Союзники по НАТО мають виділяти на оборону два відсотки ВВП.",
                          "Оборонний бюджет Литви зросте вдвічі."),
        "crimea": ("Росія окупувала Крим у 2014 році.", "Анексія Криму не буде визнана."),
    },
    "de": {
        "dialogue": ("Die Nato bietet Russland einen neuen Dialog an.",
                     "Die Gespräche sollen beim nächsten Treffen in Brüssel beginnen."),
        "nato-spending": ("Die Nato-Staaten sollen zwei Prozent des BIP für Verteidigung ausgeben.",
                          "Die Verteidigungsausgaben Deutschlands steigen in diesem Jahr."),
        "crimea": ("Russland hat die Krim 2014 besetzt.", "Die Annexion der Krim verstößt gegen das Völkerrecht."),
    },
    "fr": {
        "dialogue": ("L'Otan propose à la Russie de reprendre le dialogue.",
                     "Les négociations et une rencontre des ministres sont prévues à Bruxelles."),
        "nato-spending": ("Les alliés de l'Otan doivent consacrer 2 % du PIB à leur défense.",
                          "Les dépenses militaires de la France augmentent."),
        "crimea": ("La Russie a annexé la Crimée en 2014.", "L'annexion de la Crimée reste illégale."),
    },
    "pl": {
        "dialogue": ("NATO chce wznowić dialog z Rosją.", "Rozmowy i spotkanie ministrów odbędą się w Brukseli."),
        "nato-spending": ("Polska przeznacza na armię 2 proc. PKB, zgodnie z zobowiązaniami wobec NATO.",
                          "Wydatki na obronność wzrosną w przyszłym roku."),
        "crimea": ("Rosja zajęła Krym w 2014 roku.", "Aneksja Krymu nie zostanie uznana."),
    },
    "es": {
        "dialogue": ("La OTAN ofrece a Rusia reanudar el diálogo.",
                     "Las negociaciones y una reunión de ministros se celebrarán en Bruselas."),
        "nato-spending": ("Los aliados de la OTAN deben gastar el dos por ciento del PIB en defensa.",
                          "El gasto en defensa de España sigue por debajo del objetivo."),
        "crimea": ("Rusia se anexionó Crimea en 2014.", "La anexión de Crimea sigue sin ser reconocida."),
    },
    "it": {
        "dialogue": ("La Nato offre alla Russia un nuovo dialogo.",
                     "I colloqui e un incontro tra i ministri si terranno a Bruxelles."),
        "nato-spending": ("Gli alleati della Nato devono spendere il due per cento del PIL.",
                          "La spesa militare italiana resta sotto l'obiettivo."),
        "crimea": ("La Russia ha annesso la Crimea nel 2014.", "L'annessione della Crimea non è riconosciuta."),
    },
    "pt": {
        "dialogue": ("A NATO propõe à Rússia retomar o diálogo.",
                     "As negociações e uma reunião dos ministros vão decorrer em Bruxelas."),
        "nato-spending": ("Os aliados da NATO devem gastar dois por cento do PIB em defesa.",
                          "Os gastos com defesa de Portugal vão aumentar."),
        "crimea": ("A Rússia anexou a Crimeia em 2014.", "A anexação da Crimeia não é reconhecida."),
    },
}
TOPIC_CASES = [(lang, topic) for lang, topics in TOPIC_SENTENCES.items() for topic in topics]


@pytest.fixture(scope="module")
def classifier(taxonomy):
    return Classifier(taxonomy.topics)


@pytest.mark.parametrize(("language", "topic"), TOPIC_CASES, ids=[f"{lang}-{t}" for lang, t in TOPIC_CASES])
def test_topic_patterns_in_each_language(classifier, language, topic):
    result = classifier.classify("", list(TOPIC_SENTENCES[language][topic]))
    assert [h.id for h in result["primary"]] == [topic], result


@pytest.mark.parametrize("word", ["Крым", "Крыма", "Крыму", "крымский", "Крим", "Криму", "Krym", "Krymu", "Krymie",
                                  "Krim", "Krim-Annexion", "Krimkrise", "Crimée", "Crimeia"])
def test_crimea_in_its_inflected_forms(classifier, word):
    result = classifier.classify("", [f"{word} {word}.", f"{word}."])
    assert [h.id for h in result["primary"]] == ["crimea"]


@pytest.mark.parametrize("word", ["Kriminalität", "Krimi", "kryminalny", "кримінал"])
def test_crime_is_not_crimea(classifier, word):
    result = classifier.classify("", [f"{word} {word}.", f"{word}."])
    assert not result["primary"] and not result["mentioned"]


# --- furniture phrases per language ------------------------------------------------------

@pytest.mark.parametrize(("line", "rule"), [
    ("Читайте также: Лавров провёл переговоры", "related"),
    ("Читайте також", "related"),
    ("Lesen Sie auch: Was die Bundeswehr braucht", "related"),
    ("Lire aussi : Le sommet de Varsovie", "related"),
    ("Czytaj też: Żołnierze w Żaganiu", "related"),
    ("Lea también: Nuevas maniobras", "related"),
    ("Leggi anche: Le sanzioni", "related"),
    ("Leia também: Militares partem", "related"),
    ("Подписывайтесь на наш канал в Telegram", "promo"),
    ("Підписуйтесь на наші сторінки у соцмережах", "promo"),
    ("Newsletter abonnieren", "promo"),
    ("Inscrivez-vous à notre newsletter", "promo"),
    ("Zapisz się do newslettera", "promo"),
    ("Suscríbete a nuestro boletín", "promo"),
    ("Iscriviti alla newsletter", "promo"),
    ("Receba as notícias no seu e-mail", "promo"),
    ("Мы используем файлы cookie, чтобы сайт работал лучше.", "cookie-prompt"),
    ("Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.", "cookie-prompt"),
    ("Używamy plików cookies, aby ułatwić korzystanie z serwisu.", "cookie-prompt"),
    ("Utilizamos cookies propias y de terceros para mejorar nuestros servicios.", "cookie-prompt"),
    ("Реклама", "advertisement"),
    ("Anzeige", "advertisement"),
    ("Publicité", "advertisement"),
    ("Pubblicità", "advertisement"),
    ("Комментарии (12)", "comment-prompt"),
    ("Komentarze (3)", "comment-prompt"),
    ("Comentários", "comment-prompt"),
    ("Поделиться", "navigation"),
    ("Udostępnij", "navigation"),
    ("Partager sur Facebook", "navigation"),
    ("Strona główna", "navigation"),
    ("Все права защищены", "copyright"),
    ("Wszelkie prawa zastrzeżone.", "copyright"),
])
def test_furniture_phrases_per_language(taxonomy, line, rule):
    assert taxonomy.furniture.rule_for(line) == rule


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_a_sentence_is_not_furniture_in_any_language(taxonomy, language):
    assert taxonomy.furniture.rule_for(SENTENCES[language]) is None


# --- agency datelines in other scripts and languages ---------------------------------------

@pytest.mark.parametrize(("language", "dateline", "text"), [
    ("it", "Mosca, 16 feb. (askanews) -", "Il ministro ha detto giovedì che i colloqui del 2014 riprenderanno."),
    ("ru", "МОСКВА, 16 февраля. /ТАСС/.", "Министр заявил в четверг, что контакты, прерванные в 2014 году, возобновятся."),
    ("pl", "Warszawa, 16 lutego 2017 (PAP) -", "Minister powiedział, że rozmowy zostaną wznowione po przerwie."),
    ("pl", "Kraków, 16 lut. (PAP) -", "Minister powiedział w czwartek, że rozmowy przerwane w 2014 roku zostaną wznowione."),
    ("fr", "PARIS, 16 février (AFP) -", "Le ministre a déclaré jeudi que les discussions suspendues en 2014 reprendraient."),
    ("fr", "Genève, 16 févr. (AFP) -", "Le ministre a déclaré jeudi que les discussions suspendues en 2014 reprendraient."),
    ("es", "MADRID, 16 feb. (EFE).-", "El ministro dijo el jueves que las conversaciones suspendidas en 2014 se reanudarán."),
    ("uk", "Київ, 16 лютого (Укрінформ) –", "Міністр заявив у четвер, що переговори, перервані у 2014 році, відновляться."),
    ("de", "MÜNCHEN, 16. Feb. (Reuters) -", "Der Minister sagte am Donnerstag, die 2014 ausgesetzten Gespräche gingen weiter."),
])
def test_agency_dateline_is_lifted_and_dates_the_article(extract_text, language, dateline, text):
    article = extract_text(TITLES[language], f"{dateline} {text}", SENTENCES[language])
    assert [b.text for b in article.blocks] == [text, SENTENCES[language]]
    assert article.date == "2017-02-16", article.warnings


def test_dateline_without_a_date_is_lifted(extract_text):
    text = "Der Minister sagte am Donnerstag, dass die Gespräche in Brüssel nach der Sommerpause weitergehen."
    article = extract_text(TITLES["de"], f"Brüssel (dpa) - {text}", SENTENCES["de"])
    assert article.blocks[0].text == text
    assert article.wire == "Deutsche Presse-Agentur"


@pytest.mark.parametrize(("text", "parts"), [
    ("16 фев. 2017", (2017, 2, 16)), ("16 сен. 2017", (2017, 9, 16)), ("16 ноя. 2017", (2017, 11, 16)),
    ("16 fév. 2017", (2017, 2, 16)), ("16. Febr. 2017", (2017, 2, 16)), ("16 list. 2017", (2017, 11, 16)),
])
def test_month_names_clipped_before_a_full_stop(text, parts):
    assert dates.month_day(text) == parts


@pytest.mark.parametrize("text", ["16 list 2017", "On the list. 16 of them were ready"])
def test_a_clipped_name_needs_its_day_and_full_stop(text):
    assert dates.month_day(text) is None


# --- a line in another script, and the language shown ------------------------------------

def test_sample_keeps_its_russian_footer_line_out_of_its_english_body(extractor):
    article = extractor.process(REPO / "articles" / "004_e69ffbc6a32a1f47.txt")
    russian = "Заголовок открываемого материала"
    assert article.language == "en"
    assert not [b for b in article.blocks if russian in b.text]
    assert [d.rule for d in article.dropped if d.line == russian] == ["foreign-script"]


@pytest.mark.parametrize(("code", "name"), [("ru", "Russian"), ("uk", "Ukrainian"), ("pt-BR", "Portuguese (Brazil)"),
                                            ("ca", "Catalan"), ("und", None), ("xx", "xx")])
def test_language_names_for_readers(code, name):
    assert language_name(code) == name


def test_sentences_in_other_scripts_are_told_apart(classifier):
    """A Russian paragraph is several sentences (a capital in Cyrillic opens the next), so a
    one-paragraph article can be primarily about a topic; an initial does not end one."""
    text = "Министр С. Шойгу заявил, что Россия готова к диалогу. «Переговоры и встреча министров пройдут в Женеве»."
    assert sentences(text) == ["Министр С. Шойгу заявил, что Россия готова к диалогу.",
                               "«Переговоры и встреча министров пройдут в Женеве»."]
    assert [h.id for h in classifier.classify("", [text])["primary"]] == ["dialogue"]
