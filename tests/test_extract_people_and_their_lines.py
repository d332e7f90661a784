"""Whose a name, a phone or an e-mail is, in the shapes dev15 showed the engine missing: assistants and other posts
beside a number, possessive pronouns after it, compound posts, the full name beside a nickname, initials signed
under a closing, Russian titles in every case, and which of two numbers of the writer's own to call."""

from __future__ import annotations

import pytest

from salesbot.extract import extract_lead
from salesbot.extract.names import find_name
from salesbot.extract.others import is_post, is_someone_else
from salesbot.models import BotSettings, LeadData

RU = BotSettings(phone_region="RU")
GB = BotSettings(phone_region="GB")
US = BotSettings(phone_region="US")
NZ = BotSettings(phone_region="NZ")


@pytest.mark.parametrize("text,settings,phone", [
    # The number of someone the writer names after it: an assistant, by their short post or whose they are.
    ("You can book through 07911 204558 (my PA)", GB, None),
    ("07911 204558 - that's my PA, Sue", GB, None),
    ("07911 204558, that's my EA", GB, None),
    ("8 916 204 37 81 — это моя помощница", RU, None),
    ("07911 204558 is his, mine is 07723 418554", GB, "+447723418554"),
    ("8 916 204 37 81 — это её, мой 8 903 555 31 07", RU, "+79035553107"),
    ("Direct line 03 555 0126 is hers", NZ, None),
    # ...not the writer's own, nor a state's code that reads like a post.
    ("07911 204558 - that's my mobile", GB, "+447911204558"),
    ("I'm in Erie, PA 814-555-0100", US, "+18145550100"),
    ("412-555-0100 (Pittsburgh, PA)", US, "+14125550100"),
    ("8 916 204 37 81 — это мой, звоните вечером", RU, "+79162043781"),
])
def test_whose_the_number_is_said_right_after_it(text: str, settings: BotSettings, phone: str | None) -> None:
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("word,someone_else,post", [
    ("ивент-менеджер", True, True),
    ("офис-менеджеру", True, True),
    ("office-manager", True, True),
    ("ex-wife", True, False),
    ("mother-in-law", True, False),
    ("Beaumont-Price", False, False),  # a surname of two parts
    ("e-mail", False, False),
])
def test_a_compound_word_names_whom_its_last_part_does(word: str, someone_else: bool, post: bool) -> None:
    assert is_someone_else(word) is someone_else
    assert is_post(word) is post


@pytest.mark.parametrize("text,settings,phone", [
    ("по организации наш ивент-менеджер Стас, +7 999 812 40 05", RU, None),
    ("our office-manager Linda, 07911 204558", GB, None),
    ("наш ивент-менеджер Стас, +7 999 812 40 05. Я Жанна, мой номер 8 903 555 31 07", RU, "+79035553107"),
])
def test_a_person_named_by_a_compound_post_is_someone_else(text: str, settings: BotSettings, phone: str | None) -> None:
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,settings,email", [
    ("Please email our bursar, bursar@school.example.org, she pays the invoices", GB, None),
    ("ответ пришлите маркетологу нашему: pr@firm.example.ru, она в курсе", RU, None),
    ("send the proposal to procurement@firm.example.com and cc me: k.obi@firm.example.com", US, "k.obi@firm.example.com"),
    ("смету отправьте на zakupki@firm.example.ru, копию мне: oleg@firm.example.ru", RU, "oleg@firm.example.ru"),
    # The writer's own work address, with no other beside it, stays theirs.
    ("my email is procurement@firm.example.com", US, "procurement@firm.example.com"),
])
def test_an_address_the_writer_sends_to_is_not_theirs(text: str, settings: BotSettings, email: str | None) -> None:
    assert extract_lead(text, settings=settings).email == email


@pytest.mark.parametrize("text,settings,known,phone", [
    # Whom to ask for is often the writer: their number, unless they give a phone of their own.
    ("ask for Gareth at reception, 0161 496 0815, or my email is g.h@firm.example.co.uk", GB, None, "+441614960815"),
    ("ask for Olga, 0161 496 0815", GB, LeadData(phone="+447723418554"), None),
    ("мой 8 916 204 37 81, на ресепшене спросите Ольгу, 8 495 123 45 67", RU, None, "+79162043781"),
    # Whom to call by name is someone else beside any contact of the writer's own.
    ("call Dave on 0161 496 0815, my email is g.h@firm.example.co.uk", GB, None, None),
])
def test_whom_to_ask_for_gives_way_only_to_a_phone_of_the_writers_own(text: str, settings: BotSettings,
                                                                        known: LeadData | None, phone: str | None) -> None:
    assert extract_lead(text, settings=settings, known=known).phone == phone


@pytest.mark.parametrize("text,settings,phone", [
    ("desk is 020 7946 0582 but I'm never at it, ring my mobile 07911 204558", GB, "+447911204558"),
    ("office is 020 7946 0582 but best to ring my mobile 07911 204558", GB, "+447911204558"),
    ("рабочий 8 495 123 45 67, но я там редко бываю, звоните на 8 916 204 37 81", RU, "+79162043781"),
    # Two numbers with nothing said between them: the first stays the one to call.
    ("07911 204558 or 020 7946 0582", GB, "+447911204558"),
])
def test_of_two_numbers_a_line_the_writer_is_hardly_at_gives_way(text: str, settings: BotSettings, phone: str) -> None:
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,asked,name", [
    # The full name beside the short one people use, in brackets or quotes, or restated after a full stop.
    ("Beverley (Bev) Ashworth, 07911 204558", False, "Beverley Ashworth"),
    ("My name is Margaret (Peggy) Olsen", False, "Margaret Olsen"),
    ('This is Robert "Bob" Kane', False, "Robert Kane"),
    ("Меня зовут Александра (Саша) Петрова", False, "Александра Петрова"),
    ("Sam. well, Samantha Reid on paper", True, "Samantha Reid"),
    ("Тёма. Точнее, Артём Савельев", True, "Артём Савельев"),
    # ...not a word in brackets that is no short form of it, nor a new sentence about someone else.
    ("I'm Sarah (London) Office", False, "Sarah"),
    ("I'm Sarah (Tom's wife)", False, "Sarah"),
])
def test_the_fuller_name_beside_a_short_one(text: str, asked: bool, name: str) -> None:
    assert find_name(text, asked=asked) == name


@pytest.mark.parametrize("text,name", [
    ("Regards, D. Whitcombe, Partner", "D. Whitcombe"),
    ("Many thanks,\nJ. R. Baker", "J. R. Baker"),
    ("С уважением, И. Петров", "И. Петров"),
    ("Best,\nJ. Alvarez\nOffice Manager, Alvarez & Co", "J. Alvarez"),
    # Short sign-offs of chats: "thx", "xo", "спс".
    ("Need plants for the office.\nxo Kayla", "Kayla"),
    ("Need plants for the office, thx, Mike", "Mike"),
    ("Нужны растения в офис, спс, Оля", "Оля"),
    # An initial alone, or initials with no sign-off before them, sign nothing; nor do they join a first name.
    ("We need plants, we moved from the U.S. Anna here", "Anna"),
    ("Regards, D.", None),
    ("I. Need a quote for Friday", None),
])
def test_an_initial_and_a_surname_signed_under_a_closing(text: str, name: str | None) -> None:
    assert find_name(text) == name


@pytest.mark.parametrize("text,name", [
    ("пишите на имя г-жи Ковальчук, это я", "г-жа Ковальчук"),
    ("С уважением, г-жа Ладыгина", "г-жа Ладыгина"),
    ("Спросите г-на Петрова, это я", "г-н Петров"),
    ("Это господин Орлов", "господин Орлов"),
    # A title before someone else's name keeps it theirs.
    ("Нужно для г-жи Смирновой, моей мамы", None),
])
def test_a_russian_title_stays_in_the_nominative(text: str, name: str | None) -> None:
    assert find_name(text) == name


@pytest.mark.parametrize("text,settings,name", [
    # "пишет вам" introduces the writer as "пишет" does.
    ("Пишет вам Дима, муж Оли", RU, "Дима"),
    ("Это вам Дима передал", RU, None),
    # "меня" with "зовут" left out, ending its clause.
    ("Меня Ирина Викторовна, 8 017 245 66 31", RU, "Ирина Викторовна"),
    ("Меня Олег, звоните после обеда", RU, "Олег"),
    ("У меня Ирина дома будет", RU, None),
    ("меня Ирина попросила узнать цену", RU, None),
    # Introduced by writing: "Lena writing".
    ("Lena & Marco — Lena writing, 07911 204558", GB, "Lena"),
    ("I need help with creative writing", GB, None),
    # A first name that a town has too, then a surname, then a firm.
    ("Rupert Hale, Hale Brook Cider", GB, "Rupert Hale"),
    # A nationality after "I'm" is what the writer is, though a name may be spelt so; in Russian it is the name.
    ("I'm German, my mobile is 0151 23456789", GB, None),
    ("я Герман, 8 916 204 37 81", RU, "Герман"),
    # A colleague named in apposition with "our" and their post.
    ("Linda Carr, our office manager, will ring you to book", GB, None),
    ("Ольга, наш главный бухгалтер, свяжется с вами", RU, None),
    ("Hi, Anna here, our manager asked me to get a quote", GB, "Anna"),
])
def test_the_writers_name_in_forms_dev15_showed(text: str, settings: BotSettings, name: str | None) -> None:
    assert extract_lead(text, settings=settings).name == name


@pytest.mark.parametrize("text,settings", [
    ("Контакт: Ольга (дочь), 8 921 774 05 16", RU),
    ("Contact: Jane (my sister) 07911 204558", GB),
])
def test_a_contact_labelled_with_who_they_are_is_whom_to_reach_not_the_writer(text: str, settings: BotSettings) -> None:
    lead = extract_lead(text, settings=settings)
    assert (lead.name, lead.phone) == (None, None)


@pytest.mark.parametrize("text,name", [
    # Asked where, a name with a post after it is a person though its first word is a town.
    ("Charlotte Beaumont-Price, office manager", "Charlotte Beaumont-Price"),
    ("Florence Hale - practice manager", "Florence Hale"),
    # ...and a town with its state is still no one.
    ("Florence, Alabama", None),
    ("Charlotte, NC", None),
])
def test_a_name_with_a_post_after_it_answers_where_as_a_person(text: str, name: str | None) -> None:
    lead = extract_lead(text, settings=US, asked="location")
    assert lead.name == name
    assert (lead.location is None) is (name is not None)


@pytest.mark.parametrize("text,name", [
    # Whom to write to is the writer when they say so, in the dative like whom to call.
    ("пишите Людмиле в вотсап, это я", "Людмила"),
    ("напишите Ивану Сергеевичу", "Иван Сергеевич"),
    # ...not when what follows says whose relative they are, in any case of "my".
    ("Звоните Свете, моей жене", None),
    ("Звоните Свете (жене)", None),
    ("ask for Tom, my husband", None),
    ("ask for Gemma, my husband knows nothing about it", "Gemma"),  # the husband is the next clause's subject
    # A post in brackets or after a comma is the named person's own.
    ("Gareth Pugh (secretary)", "Gareth Pugh"),
    ("Gareth Pugh (my secretary)", None),
    ("ask for Tom, the foreman", "Tom"),
])
def test_whom_to_write_to_and_their_post_in_brackets(text: str, name: str | None) -> None:
    assert find_name(text, asked=True) == name


def test_the_writers_post_before_their_address_leaves_it_theirs() -> None:
    lead = extract_lead("Кристина, помощник руководителя ООО «Север», почта k.zh@sever.example.ru", settings=RU)
    assert (lead.name, lead.email) == ("Кристина", "k.zh@sever.example.ru")
    assert extract_lead("Наш помощник Олег, почта oleg@sever.example.ru", settings=RU).email is None


@pytest.mark.parametrize("text,settings,name", [
    # The name opening a sentence, then "my PA" or "моя мама" and a number: that person's name and number.
    ("Jenny, my PA, 07911 204558", GB, None),
    ("Jenny (my PA) 07911 204558", GB, None),
    ("Анна, моя мама, 8 916 204 37 81", RU, None),
    ("Tom Hale here. Jenny, my PA, 07911 204558", GB, "Tom Hale"),
    # ...not the writer introduced, nor one whose relative has a name of their own or whose line it is.
    ("Меня зовут Анна, моя мама 8 916 204 37 81", RU, "Анна"),
    ("Анна, мой муж Игорь, 8 916 204 37 81", RU, "Анна"),
    ("Anna, my husband's number is 07911 204558", GB, "Anna"),
    # The name with a surname, a post of two words, and what the person will do before the number.
    ("Linda Carr, our office manager, will coordinate: 07911 204558", GB, None),
    ("Ольга Петрова, наш главный бухгалтер, будет на связи: 8 916 204 37 81", RU, None),
    ("Tom Hale here. Linda Carr, our office manager, will coordinate: 07911 204558", GB, "Tom Hale"),
])
def test_a_name_in_apposition_to_someones_post_before_their_number_is_theirs(text: str, settings: BotSettings,
                                                                             name: str | None) -> None:
    lead = extract_lead(text, settings=settings)
    assert (lead.name, lead.phone) == (name, None)

