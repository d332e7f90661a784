"""The one reading of a text's language: single messages, mixed scripts, and a whole conversation."""

from __future__ import annotations

import pytest

from salesbot.extract.language import clear_language, conversation_language, detect_language, guess_language, nearest


@pytest.mark.parametrize("text,expected", [
    ("menya zovut Kostya, hochu kvartiru", "ru"),
    ("zdravstvuyte, skolko stoit dostavka?", "ru"),
    ("Hi, I'm looking for a flat", "en"),
    ("Привет, пишите на anna@example.com", "ru"),
    ("Ich möchte eine Wohnung und nicht ein Haus", "de"),
])
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["anna@example.com", "Tinkoff Black", "iPhone 15", "+7 912 345-67-89", "OK", "😀"])
def test_contacts_brands_and_names_show_no_language(text):
    assert clear_language(text) is None


def test_guess_language_needs_letters_outside_contacts():
    assert guess_language("anna@example.com 8 912 345 67 89") is None
    assert guess_language("Tinkoff Black") == "en"


@pytest.mark.parametrize("newest_first,expected", [
    (["anna.petrova@yandex.ru", "Хочу двушку в Казани"], "ru"),
    (["menya zovut Kostya", "Здравствуйте, нужен ремонт"], "ru"),
    (["ЖК Sky Garden, Lake View tower", "Ищу квартиру"], "ru"),
    (["Sorry, can we switch to English please?", "Здравствуйте"], "en"),
    (["Здравствуйте, ищу студию", "Hello"], "ru"),
    ([], None),
])
def test_a_conversation_keeps_its_language_until_the_customer_really_switches(newest_first, expected):
    assert conversation_language(newest_first) == expected


def test_nearest_language_we_answer_in():
    assert nearest("uk", ("ru", "en")) == "ru"
    assert nearest("de", ("ru", "en")) == "en"
    assert nearest("en", ("ru", "en")) == "en"
