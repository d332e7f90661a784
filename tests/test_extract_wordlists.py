"""The word lists the parsers load: what the build makes from the pinned packages is what ships,
and they know what they are there for."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from salesbot.extract import build_wordlists, wordlists


@pytest.mark.parametrize("path,build", [
    (wordlists.PLACES_FILE, build_wordlists.build_places), (wordlists.ENGLISH_WORDS_FILE, build_wordlists.build_english_words),
    (wordlists.LATIN_NAMES_FILE, build_wordlists.build_latin_names),
    (wordlists.PROPER_NOUNS_FILE, build_wordlists.build_proper_nouns),
    (wordlists.CURRENCIES_FILE, build_wordlists.build_currencies), (wordlists.COUNTRIES_FILE, build_wordlists.build_countries),
])
def test_the_shipped_file_is_what_the_build_makes(path: Path, build: Callable[[], bytes]):
    assert gzip.decompress(path.read_bytes()) == build()


@pytest.mark.parametrize("name,known", [
    ("Chorlton", True), ("round rock", True), ("Zürich", True), ("zurich", True), ("Кубинка", True), ("Королёв", True),
    ("Анталья", True),  # the world's towns by their Cyrillic names too
    ("Chorltonbury", False), ("Кубинкаград", False), ("", False),
])
def test_small_places_in_either_script(name, known):
    assert wordlists.is_place(name) is known


@pytest.mark.parametrize("name,country", [
    ("Auckland", "NZ"), ("Freilassing", "DE"), ("Ohio", "US"), ("Orange County", "US"), ("Кызылорда", "KZ"),
    ("Birmingham", "GB"),  # Britain's is five times Alabama's
    ("Richmond", None), ("Victoria", None),  # several countries' and none much the largest
    ("Брест", "BY"), ("Париж", "FR"),  # in Russian letters, a place where Russian is written counts five times as large
    ("Chorltonbury", None),
])
def test_a_place_knows_the_country_its_name_points_to(name, country):
    assert wordlists.place_country(name) == country


@pytest.mark.parametrize("word,known", [
    ("Urgent", True), ("kitchen", True), ("Sales", True), ("aardvark", True), ("zymurgy", True),  # first and last records too
    ("Chidi", False), ("Siobhan", False), ("", False), ("Кухня", False), ("a" * 40, False),
])
def test_ordinary_english_words_without_names(word, known):
    assert wordlists.is_english_word(word) is known


@pytest.mark.parametrize("word,known", [
    ("American", True), ("texan", True), ("LONDONER", True), ("Filipino", True), ("Methodist", True),  # in any case
    # First names are the names file's; words that name people somewhere are names too: a surname may open a signature.
    ("John", False), ("Shane", False), ("Nguyen", False), ("Cohen", False), ("Tama", False), ("Irish", False),
    ("urgent", False), ("Chidi", False), ("", False), ("a" * 40, False),
])
def test_proper_nouns_that_are_no_names(word, known):
    assert wordlists.is_proper_noun(word) is known


@pytest.mark.parametrize("name,known", [
    ("Siobhan", (True, "femn")), ("hamza", (True, "masc")), ("PRIYANKA", (True, "femn")),  # in any case
    ("Jo", (True, None)),  # a name of either gender is a name all the same
    ("Jean-Pierre", (True, "masc")), ("aad", (True, "masc")),  # the first record
    # Names gender-guesser lacks, from nomquamgender's counts: of one gender, or of either when counted often enough.
    ("Kwame", (True, "masc")), ("Aroha", (True, "femn")), ("Eun-ji", (True, "femn")), ("Chidi", (True, None)),
    # Not the words, proper nouns, towns and makes its sources took for names now and then.
    ("Hello", (False, None)), ("Irish", (False, None)), ("Ngozi", (False, None)), ("Tesla", (False, None)),
    ("Okafor", (False, None)),  # a surname, counted as a first name too seldom
    ("Partick", (False, None)),  # Patrick misspelt, and a district of Glasgow
    ("Chorltonbury", (False, None)), ("", (False, None)), ("a" * 40, (False, None)),
])
def test_first_names_in_latin_letters_with_their_gender(name, known):
    assert wordlists.latin_name_gender(name) == known


@pytest.mark.parametrize("name,currency", [
    ("форинтов", "HUF"), ("южноафриканских рэндов", "ZAR"), ("Swiss francs", "CHF"), ("злотых", "PLN"), ("Kazakhstani tenge", "KZT"),
    ("крон", None), ("dollars", None),  # several currencies' names: the country must be said
    ("так", None), ("real", None), ("gold", None),  # a currency's noun that is another word too
])
def test_currencies_by_their_names_in_either_language(name, currency):
    assert wordlists.currency_named(name) == currency


def test_a_sign_in_letters_names_the_local_currency_only():
    assert wordlists.is_local_sign("R", "ZAR") and wordlists.is_local_sign("Ksh", "KES")
    assert not wordlists.is_local_sign("R", "RUB") and not wordlists.is_local_sign("R", "USD")


@pytest.mark.parametrize("kind,name,codes", [
    ("country", "Вьетнам", ("VN",)), ("country", "kenya", ("KE",)), ("country", "Соединённое Королевство", ("GB",)),
    ("region", "East Lothian", ("GB",)), ("region", "TEXAS", ("US",)),  # in any case
    ("region", "Central", ("BW", "FJ", "GH", "PG", "PY", "SB", "UG", "ZM")),  # a name several countries give a region
    ("language", "French", ()), ("language", "Greek", ()),  # "Modern Greek (1453-)" by its last word too
    ("country", "Kent", None), ("region", "Вьетнам", None), ("language", "Leeds", None),  # each kind apart
    ("country", "", None),
])
def test_countries_regions_and_languages_by_their_iso_names(kind, name, codes):
    assert wordlists.iso_codes(kind, name) == codes


def test_every_country_is_listed_once_by_each_of_its_names():
    names = wordlists.country_names()
    assert names["вьетнам"] == "VN" and names["viet nam"] == "VN" and len(set(names.values())) == 249
