"""Read stage: bytes on disk -> RawArticle, or an InputError that names the cause."""

from __future__ import annotations

import hashlib

import pytest

from conftest import write_article
from generator.model import InputError
from generator.read import MAX_BYTES, read_article

RUSSIAN = (
    "Смотритель маяка уходит на пенсию\n"
    "\n"
    "Последний смотритель северного маяка вышел на пенсию в пятницу после сорока лет службы на острове. "
    "Её заменит автоматическая лампа, а раз в месяц с материка будет приезжать ремонтная бригада.\n"
    "\n"
    "«Мне будет не хватать вида на гавань», — сказала она журналистам в свой последний день.\n"
)
FRENCH = (
    "Le gardien du phare prend sa retraite\n"
    "\n"
    "Le dernier gardien du phare du nord a pris sa retraite vendredi après quarante années passées sur le "
    "rocher. « Ce qui me manquera le plus, c'est la vue sur le port », a-t-elle déclaré à la presse, émue. "
    "Une lampe automatique le remplacera, et une équipe d'entretien viendra du continent chaque mois. Les "
    "élèves de l'école voisine ont préparé une fête : gâteaux, chansons et drapeaux.\n"
)
ENGLISH = "Lighthouse keeper retires\n\nThe last resident keeper of the northern lighthouse retired on Friday.\n"


# --- decoding --------------------------------------------------------------------------------

def test_plain_utf8(tmp_path):
    raw = read_article(write_article(tmp_path, "a.txt", "Café keeper retires\n\nThe keeper’s last day.\n"))
    assert raw.text == "Café keeper retires\n\nThe keeper’s last day.\n"
    assert raw.encoding == "utf-8"
    assert raw.format == "text"


def test_utf8_bom_is_removed(tmp_path):
    raw = read_article(write_article(tmp_path, "a.txt", b"\xef\xbb\xbf" + ENGLISH.encode("utf-8")))
    assert raw.text == ENGLISH
    assert not raw.text.startswith("\ufeff")
    assert raw.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    data = ENGLISH.encode(codec)
    if codec != "utf-16":  # the plain codec writes its own BOM; add one for the explicit byte orders
        data = "\ufeff".encode(codec) + data
    raw = read_article(write_article(tmp_path, "a.txt", data))
    assert raw.text == ENGLISH
    assert raw.encoding == "utf-16"


def test_utf16_without_bom_is_refused_as_binary(tmp_path):
    with pytest.raises(InputError, match="binary"):
        read_article(write_article(tmp_path, "a.txt", ENGLISH.encode("utf-16-le")))


def test_windows_line_endings_normalised(tmp_path):
    raw = read_article(write_article(tmp_path, "a.txt", ENGLISH.replace("\n", "\r\n").encode("utf-8")))
    assert raw.text == ENGLISH


def test_cp1251_russian_decoded(tmp_path):
    raw = read_article(write_article(tmp_path, "ru.txt", RUSSIAN.encode("cp1251")))
    assert raw.text == RUSSIAN
    assert raw.encoding.replace("-", "").replace("_", "").lower() in ("cp1251", "windows1251")


def test_cp1251_russian_article_extracts(tmp_path, extractor):
    article = extractor.process(write_article(tmp_path, "ru.txt", RUSSIAN.encode("cp1251")))
    assert article.title == "Смотритель маяка уходит на пенсию"
    assert article.language == "ru"
    assert article.blocks[-1].text == "«Мне будет не хватать вида на гавань», — сказала она журналистам в свой последний день."


def test_latin1_french_decoded(tmp_path):
    raw = read_article(write_article(tmp_path, "fr.txt", FRENCH.encode("latin-1")))
    assert raw.text == FRENCH  # every accent, and the « » guillemets, come back as written
    assert raw.encoding != "utf-8"


def test_digest_is_of_the_source_bytes(tmp_path):
    data = RUSSIAN.encode("cp1251")
    raw = read_article(write_article(tmp_path, "ru.txt", data))
    assert raw.digest == hashlib.sha256(data).hexdigest()


# --- unusable files --------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf"], ids=["zero-bytes", "blank", "bom-only"])
def test_empty_file_refused(tmp_path, data):
    with pytest.raises(InputError, match="empty"):
        read_article(write_article(tmp_path, "a.txt", data))


def test_binary_file_refused(tmp_path):
    with pytest.raises(InputError, match="binary"):
        read_article(write_article(tmp_path, "a.txt", b"Lighthouse\x00\x01\x02keeper\x00\xff"))


@pytest.mark.parametrize("name", ["a.pdf", "a.docx", "a.html.zip", "article"])
def test_unsupported_suffix_refused(tmp_path, name):
    with pytest.raises(InputError, match="unsupported file type"):
        read_article(write_article(tmp_path, name, ENGLISH))


@pytest.mark.parametrize(("name", "fmt"), [("a.txt", "text"), ("a.TXT", "text"), ("a.md", "markdown"), ("a.markdown", "markdown")])
def test_supported_suffixes(tmp_path, name, fmt):
    assert read_article(write_article(tmp_path, name, ENGLISH)).format == fmt


def test_oversized_file_refused(tmp_path):
    path = write_article(tmp_path, "big.txt", b"x" * (MAX_BYTES + 1))
    with pytest.raises(InputError, match="MB"):
        read_article(path)


# --- front matter ----------------------------------------------------------------------------

def test_front_matter_overrides(tmp_path):
    text = ("---\ntitle: Keeper retires\ndate: 2021-03-05\nauthor: Maria Jones\n"
            "actors: [Jane Roe]\n---\n" + ENGLISH)
    raw = read_article(write_article(tmp_path, "a.txt", text))
    assert raw.overrides == {"title": "Keeper retires", "date": "2021-03-05", "author": "Maria Jones",
                             "actors": ["Jane Roe"]}
    assert raw.problems == ()
    assert "Lighthouse keeper retires" in raw.text
    assert "author:" not in raw.text


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("title: Keeper retires\ndate: [2021-03-05\n", 4),  # unclosed flow sequence: YAML notices at the closing ---
        ("title: Keeper retires\nauthor: Maria Jones\n  role: editor\n", 4),  # bad indentation on line 4
    ],
)
def test_malformed_front_matter_names_the_line(tmp_path, front, line):
    with pytest.raises(InputError, match=rf"malformed front matter at line {line}\b"):
        read_article(write_article(tmp_path, "a.md", f"---\n{front}---\n{ENGLISH}"))


def test_front_matter_that_is_not_a_mapping_refused(tmp_path):
    with pytest.raises(InputError, match="mapping"):
        read_article(write_article(tmp_path, "a.md", f"---\n- one\n- two\n---\n{ENGLISH}"))


def test_date_yesterday_is_a_problem_not_an_error(tmp_path):
    raw = read_article(write_article(tmp_path, "a.txt", f"---\ndate: yesterday\n---\n{ENGLISH}"))
    assert "date" not in raw.overrides
    assert any("yesterday" in p and "YYYY-MM-DD" in p for p in raw.problems)
    assert "Lighthouse keeper retires" in raw.text


def test_date_yesterday_article_still_builds_with_a_warning(tmp_path, extractor):
    article = extractor.process(write_article(tmp_path, "a.txt", f"---\ndate: yesterday\n---\n{ENGLISH}"))
    assert article.title == "Lighthouse keeper retires"
    assert article.date is None
    assert any("yesterday" in w for w in article.warnings)


def test_unknown_field_and_wrong_type_are_problems(tmp_path):
    raw = read_article(write_article(tmp_path, "a.txt", f"---\ncolour: blue\nauthor: 42\ntitle: Fine\n---\n{ENGLISH}"))
    assert raw.overrides == {"title": "Fine"}
    assert any("'colour' is not known" in p for p in raw.problems)
    assert any("'author' has the wrong type" in p for p in raw.problems)


def test_empty_field_is_ignored_silently(tmp_path):
    raw = read_article(write_article(tmp_path, "a.txt", f"---\nauthor:\n---\n{ENGLISH}"))
    assert raw.overrides == {}
    assert raw.problems == ()


def test_opening_dashes_without_closing_are_text(tmp_path):
    text = "---\nLighthouse keeper retires\n\nThe keeper retired on Friday after forty years.\n"
    raw = read_article(write_article(tmp_path, "a.txt", text))
    assert raw.overrides == {}
    assert raw.text == text


def test_front_matter_without_text_refused(tmp_path):
    with pytest.raises(InputError, match="no article text"):
        read_article(write_article(tmp_path, "a.txt", "---\nauthor: Maria Jones\n---\n\n"))


def test_front_matter_title_without_text_is_accepted(tmp_path):
    raw = read_article(write_article(tmp_path, "a.txt", "---\ntitle: Keeper retires\n---\n"))
    assert raw.overrides == {"title": "Keeper retires"}


def test_front_matter_after_utf8_bom(tmp_path):
    data = b"\xef\xbb\xbf" + f"---\ndate: 2021-03-05\n---\n{ENGLISH}".encode("utf-8")
    assert read_article(write_article(tmp_path, "a.txt", data)).overrides == {"date": "2021-03-05"}


def test_scraped_page_opening_with_dashed_rules_is_text(tmp_path):
    text = "----------\nSkip to content\n----------\n\nLighthouse keeper retires\n\nThe keeper retired on Friday.\n"
    raw = read_article(write_article(tmp_path, "a.txt", text))
    assert "Lighthouse keeper retires" in raw.text
