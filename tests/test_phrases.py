"""What the offline engine says: every text renders in every voice, and the voice is honoured."""

from __future__ import annotations

import re

import pytest

from salesbot.brain.phrases import QUESTIONS, TEXTS, Voice, ask, contact_names, render, wordings

VOICES = [Voice(gender=gender, formal=formal) for gender in ("male", "female", "neutral") for formal in (True, False)]
_MARKERS = re.compile(r"[<>\[\]|]")


@pytest.mark.parametrize("voice", VOICES, ids=lambda voice: f"{voice.gender}-{'formal' if voice.formal else 'informal'}")
def test_every_text_renders_without_markers_in_every_voice(voice):
    values = dict.fromkeys(("company", "name", "items", "new", "old", "summary", "question", "text", "phone", "item",
                            "company_of", "offerings", "price", "amount", "area", "contact", "contacts", "messenger", "day", "start",
                            "end"),
                           "x")
    for key in TEXTS:
        for language in ("ru", "en"):
            for text in wordings(key, language, voice=voice, **values):
                assert not _MARKERS.search(text.replace("[a", "")), (key, text)
    for field, questions in QUESTIONS.items():
        for wording in questions:
            for language in ("ru", "en"):
                assert not _MARKERS.search(ask(field, language, wording, voice=voice)), (field, wording)


def test_russian_verbs_follow_the_personas_gender():
    assert render("<Записал|Записала|Записали>", Voice(gender="female")) == "Записала"
    assert render("<Записал|Записала|Записали>", Voice(gender="male")) == "Записал"
    assert wordings("noted", "ru", voice=Voice(gender="female"), items="эмаль")[0] == "Записала: эмаль."


def test_the_address_follows_the_personas_formality():
    formal, informal = Voice(formal=True), Voice(formal=False)
    assert ask("need", "ru", voice=formal) == "Подскажите, что именно Вас интересует?"
    assert ask("need", "ru", voice=informal) == "Подскажите, что именно тебя интересует?"
    assert wordings("greeting_anonymous", "en", voice=informal) == ["Hi!"]


def test_a_request_for_a_contact_names_exactly_the_kinds_the_company_accepts_in_the_personas_voice():
    messengers = ("whatsapp", "telegram")
    assert ask("contact", "ru", voice=Voice(formal=True), contacts=messengers).startswith(
        "Оставьте, пожалуйста, номер WhatsApp или Telegram: менеджер свяжется")
    assert ask("contact", "ru", voice=Voice(formal=False), contacts=messengers).startswith(
        "Оставь, пожалуйста, номер WhatsApp или Telegram:")
    assert ask("contact", "ru", contacts=("phone", "telegram")).startswith("Оставьте, пожалуйста, телефон или ник в Telegram:")
    assert ask("contact", "en", contacts=("phone", "email", "telegram")).startswith(
        "Could you leave a phone number, email or a Telegram username?")
    assert ask("contact", "ru", "again").startswith("Если удобно, оставьте телефон или email,")  # the default kinds
    assert contact_names(("email",), "ru") == "email"


def test_no_wording_of_a_text_repeats_another():
    for key, languages in TEXTS.items():
        for language, texts in languages.items():
            assert len(texts) == len(set(texts)), (key, language)
