"""Quotations and actors in other languages, on invented articles: each language's quotation
marks and attribution verbs (taxonomy/speech.yml), the taxonomy's actors under their spellings
in other scripts and languages and in the case forms of inflected languages, and a person the
taxonomy does not list, written in Cyrillic, under a transliterated name."""

from __future__ import annotations

import shutil

import pytest

from generator.extract import Extractor
from generator.model import Article
from generator.taxonomy import TaxonomyError, load_taxonomy
from conftest import REPO, write_article

# Invented news prose, one article per language: a speaker the taxonomy knows (Lavrov,
# Shoigu) and one it does not (invented people).
ARTICLES = {
    "ru": ("Москва обсуждает новые учения у границы",
           "Министр иностранных дел России Сергей Лавров в четверг провёл переговоры с коллегами в Москве. "
           "Встреча продолжалась несколько часов и завершилась совместным заявлением.",
           "«Мы готовы к диалогу, но не позволим диктовать нам условия», — заявил Лавров журналистам после встречи.",
           "По словам Лаврова, «переговоры продолжатся в следующем месяце в Женеве».",
           "Представитель ведомства Анна Кузнецова сказала: «Подробности мы сообщим позже на брифинге»."),
    "uk": ("Київ готується до нового раунду переговорів",
           "Міністр оборони Росії Сергій Шойгу у середу провів нараду з командувачами військових округів. "
           "Експерти вважають, що нарада стосувалася весняних навчань.",
           "«Ми не бачимо підстав для нових поступок з нашого боку», — заявив аналітик Олександр Коваленко.",
           "«Навчання будуть масштабними і триватимуть два тижні», — сказав Шойгу на нараді."),
    "de": ("Berlin fordert mehr Gespräche mit Moskau",
           "Der russische Verteidigungsminister Sergej Schoigu hat am Donnerstag neue Manöver an der "
           "Westgrenze angekündigt. In Berlin stieß die Ankündigung auf deutliche Kritik.",
           "„Wir beobachten die Lage sehr genau und bleiben gesprächsbereit“, sagte Schoigu vor Journalisten.",
           "„Die Manöver sind eine unnötige Provokation für die Nachbarn“, erklärte die Abgeordnete Katrin Vogel."),
    "fr": ("Paris appelle à la désescalade en mer Noire",
           "Le ministre russe des Affaires étrangères Sergueï Lavrov a rencontré jeudi son homologue à Genève. "
           "Les discussions ont porté sur la sécurité en Europe et sur le contrôle des armements.",
           "« Nous ne voulons pas d'une nouvelle course aux armements en Europe », a déclaré Lavrov à la presse.",
           "« La porte du dialogue reste ouverte pour les deux parties », a affirmé la diplomate Claire Dubois."),
    "pl": ("Warszawa obserwuje manewry przy granicy",
           "Rosyjski minister obrony Siergiej Szojgu zapowiedział w czwartek nowe manewry w obwodzie "
           "kaliningradzkim. Zdaniem ekspertów ćwiczenia potrwają kilka tygodni.",
           "„Nasze wojska są gotowe do działania na każdym kierunku” – powiedział Szojgu podczas narady.",
           "Słowa Szojgu skomentował analityk Tomasz Nowak. „To przede wszystkim sygnał dla sojuszników” – "
           "stwierdził Nowak w rozmowie z dziennikarzami."),
    "es": ("Moscú y Washington retoman el diálogo sobre armas",
           "El ministro de Exteriores ruso, Serguéi Lavrov, se reunió el jueves con su homólogo en Ginebra. "
           "La reunión duró más de tres horas y terminó sin acuerdo.",
           "\"Estamos dispuestos a seguir hablando, pero no aceptaremos ultimátums\", dijo Lavrov a los periodistas.",
           "\"El diálogo es la única salida razonable para ambas partes\", afirmó la analista Lucía Romero."),
    "it": ("Mosca annuncia nuove esercitazioni al confine",
           "Il ministro degli Esteri russo Sergei Lavrov ha incontrato giovedì il suo omologo a Ginevra. "
           "L'incontro è durato diverse ore e si è concluso senza un accordo.",
           "\"Siamo pronti a continuare il dialogo con tutti i partner europei\", ha detto Lavrov ai giornalisti.",
           "\"Le esercitazioni preoccupano molto i paesi vicini\", ha dichiarato l'analista Marco Bellini."),
    "pt": ("Moscou anuncia novos exercícios na fronteira",
           "O ministro das Relações Exteriores da Rússia, Serguei Lavrov, reuniu-se na quinta-feira com o seu "
           "homólogo em Genebra. O encontro durou várias horas e terminou sem acordo.",
           "\"Estamos prontos para continuar o diálogo com todos os parceiros\", disse Lavrov aos jornalistas.",
           "\"Os exercícios preocupam muito os países vizinhos da região\", afirmou a analista Ana Ribeiro."),
}
# Who speaks in each article: the taxonomy's actor, then the person it does not list.
SPEAKERS = {
    "ru": [("Sergei Lavrov", "Мы готовы к диалогу"), ("Sergei Lavrov", "переговоры продолжатся"),
           ("Anna Kuznetsova", "Подробности мы сообщим")],
    "uk": [("Oleksandr Kovalenko", "Ми не бачимо"), ("Sergei Shoigu", "Навчання будуть")],
    "de": [("Sergei Shoigu", "Wir beobachten die Lage"), ("Katrin Vogel", "Die Manöver sind")],
    "fr": [("Sergei Lavrov", "Nous ne voulons pas"), ("Claire Dubois", "La porte du dialogue")],
    "pl": [("Sergei Shoigu", "Nasze wojska są gotowe"), ("Tomasz Nowak", "To przede wszystkim")],
    "es": [("Sergei Lavrov", "Estamos dispuestos"), ("Lucía Romero", "El diálogo es")],
    "it": [("Sergei Lavrov", "Siamo pronti"), ("Marco Bellini", "Le esercitazioni")],
    "pt": [("Sergei Lavrov", "Estamos prontos"), ("Ana Ribeiro", "Os exercícios")],
}


def article_in(extract_text, language: str) -> Article:
    title, *paragraphs = ARTICLES[language]
    return extract_text(f"---\nlanguage: {language}\n---\n{title}", *paragraphs)


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_quotes_in_each_language(extract_text, language):
    article = article_in(extract_text, language)
    found = [(q.speaker, q.text) for q in article.quotes]
    assert len(found) == len(SPEAKERS[language]), found
    for (speaker, text), (want_speaker, opening) in zip(found, SPEAKERS[language]):
        assert text.startswith(opening) and speaker == want_speaker, found


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_actors_canonical_in_each_language(extract_text, language):
    article = article_in(extract_text, language)
    known = {a.name for a in article.actors if not a.auto}
    assert known == {SPEAKERS[language][-1 if language == "uk" else 0][0]}, article.actors
    # the known actor's quotation carries its id, so it is listed on the actor's page
    assert any(q.speaker_id in {"sergei-lavrov", "sergei-shoigu"} for q in article.quotes)


@pytest.mark.parametrize(("language", "text", "actor"), [
    ("ru", "Встреча Шойгу и Лаврова длилась час. Позже Лаврову задали вопрос о Шойгу.", {"Sergei Shoigu": 2, "Sergei Lavrov": 2}),
    ("ru", "Журналисты обсуждали интервью с Сергеем Лавровым и заявление Марии Захаровой.", {"Sergei Lavrov": 1, "Maria Zakharova": 1}),
    ("pl", "Rozmowa z Szojgą nie przyniosła efektu. Ministrowie Szojgu i Ławrow spotkali się w Moskwie, "
           "a potem Szojgua zabrakło. Ławrowa zapytano o Szojgę.", {"Sergei Shoigu": 4, "Sergei Lavrov": 2}),
    ("uk", "Заяву Путіна прокоментував Пєсков. Путіну поставили питання.", {"Vladimir Putin": 2, "Dmitry Peskov": 1}),
], ids=["ru-surnames-in-cases", "ru-full-names-in-cases", "pl-cases", "uk-cases"])
def test_case_forms_are_the_canonical_actor(extract_text, language, text, actor):
    article = extract_text(f"---\nlanguage: {language}\n---\nЗаголовок статьи о переговорах", text)
    assert {a.name: a.mentions for a in article.actors if not a.auto} == actor
    # English has no name endings: "Lavrova" there is not Sergei Lavrov
    english = extract_text("Skaters compete in the winter final",
                           "The skater Yelena Lavrova won the final on Sunday, ahead of two rivals from Canada.")
    assert "Sergei Lavrov" not in {a.name for a in english.actors}


def test_cyrillic_person_gets_a_transliterated_page_name(extract_text):
    article = article_in(extract_text, "ru")
    person = next(a for a in article.actors if a.auto)
    assert (person.id, person.name, person.aliases) == ("anna-kuznetsova", "Anna Kuznetsova", ("Анна Кузнецова",))


def test_speech_file_is_extendable(tmp_path):
    """A language added to speech.yml by a user: its verbs attribute quotations."""
    shutil.copytree(REPO / "taxonomy", tmp_path / "taxonomy")
    speech = tmp_path / "taxonomy" / "speech.yml"
    speech.write_text(speech.read_text(encoding="utf-8") + "  nl:\n    verbs: [zei, verklaarde]\n", encoding="utf-8")
    extractor = Extractor(load_taxonomy(tmp_path / "taxonomy"))
    path = write_article(tmp_path, "nl.txt", "---\nlanguage: nl\n---\nDen Haag wil meer overleg\n\n"
                         "\"We blijven in gesprek met alle partners in de regio\", zei minister Pieter de Vries.\n")
    assert [(q.speaker, q.text[:9]) for q in extractor.process(path).quotes] == [("Pieter de Vries", "We blijve")]


@pytest.mark.parametrize(("text", "problem"), [
    ("quote_marks: {'<<': '>>'}\n", "quote_marks.<<"),
    ("languages:\n  ru:\n    verbs: [заявил, 3]\n", "languages.ru.verbs[1]"),
    ("languages:\n  Russian:\n    verbs: [заявил]\n", "languages.Russian"),
    ("languages:\n  ru:\n    verbz: [заявил]\n", "languages.ru.verbz"),
], ids=["two-character-mark", "verb-not-a-string", "code-not-iso", "unknown-field"])
def test_speech_file_problems_are_one_line_each(tmp_path, text, problem):
    shutil.copytree(REPO / "taxonomy", tmp_path / "taxonomy")
    (tmp_path / "taxonomy" / "speech.yml").write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as raised:
        load_taxonomy(tmp_path / "taxonomy")
    lines = str(raised.value).splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{tmp_path / 'taxonomy' / 'speech.yml'}: {problem}"), lines
