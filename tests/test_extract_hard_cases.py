"""Harder forms for each parser: what a real customer writes beyond the textbook cases, and what must not match."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesbot.extract import (
    extract_lead,
    find_area_m2,
    find_emails,
    find_location,
    find_name,
    find_phones,
    find_timeline,
    parse_budget,
)
from salesbot.extract.location import PLACE_WORDS
from salesbot.models import BotSettings, LeadData

REALTY = BotSettings.model_validate(
    {"offerings": [{"name": "Студия", "synonyms": ["студия"], "price": {"kind": "exact", "amount": 4_500_000, "currency": "RUB"}}]})


@pytest.mark.parametrize("text,region,expected", [
    ("8 912 345 67 89 8 903 111 22 33", "RU", ["+79123456789", "+79031112233"]),
    ("89123456789 89031112233", "RU", ["+79123456789", "+79031112233"]),
    ("моб.: 8 (912) 3456789, раб. 8 (495) 987-65-43", "RU", ["+79123456789", "+74959876543"]),
    ("т. 8912-345-6789", "RU", ["+79123456789"]),
    ("+44 (0)20 7946 0123", "GB", ["+442079460123"]),
    ("415 555 2671 ext 23", "US", ["+14155552671"]),
    ("+380 67 123 4567", "RU", ["+380671234567"]),
    ("+7 701 234 5678", "KZ", ["+77012345678"]),
    ("номер ８９１２３４５６７８９", "RU", ["+79123456789"]),
])
def test_more_phone_formats(text, region, expected):
    assert [phone for phone, _ in find_phones(text, region)] == expected


@pytest.mark.parametrize("text", [
    "стоимость 89123456789 рублей", "89 123 456 789", "договор 79123456789 от 12.03.2024", "ИНН 7707083893",
    "дата 12.03.2024 14:30", "my number is 555-1234", "07700 900123", "1,234,567,890",
])
def test_more_numbers_that_are_not_phones(text):
    assert find_phones(text, "GB" if text.startswith("07") else "RU") == []


@pytest.mark.parametrize("text,expected", [
    ("a@b.com@c.com", []), ("<mailto:A@B.com>", ["a@b.com"]), ("x@y.c0m", []), (".a@b.co", ["a@b.co"]),
    ("Почта: Kirill.Sm@Yandex.RU...", ["kirill.sm@yandex.ru"]),
])
def test_more_emails(text, expected):
    assert [email for email, _ in find_emails(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("полтора миллиона", (Decimal(1_500_000), "RUB")),
    ("пол миллиона рублей", (Decimal(500_000), "RUB")),
    ("миллион рублей", (Decimal(1_000_000), "RUB")),
    ("бюджет 300-400 тыс", (Decimal(400_000), "RUB")),
    ("где-то тысяч 300", (Decimal(300_000), "RUB")),
    ("between $300k and $400k", (Decimal(400_000), "USD")),
    ("around 2-3k", (Decimal(3000), "RUB")),
    ("$1,500/month", (Decimal(1500), "USD")),
    ("half a million dollars", (Decimal(500_000), "USD")),
    ("цена 5 млн за квартиру 45 м2, а у меня 4 млн", (Decimal(4_000_000), "RUB")),
    ("бюджет 1,2 млн тенге", (Decimal(1_200_000), "KZT")),
    ("50 тыс грн", (Decimal(50_000), "UAH")),
    ("7 человек, 3 ночи, до 200к", (Decimal(200_000), "RUB")),
])
def test_more_budgets(text, expected):
    assert parse_budget(text, "RUB") == expected


@pytest.mark.parametrize("text", [
    "2к квартира", "3k apartment", "встреча в 18:00", "12.03.2024", "номер 123456", "5m", "с 2010 года", "на 3 дня",
])
def test_more_numbers_that_are_not_budgets(text):
    assert parse_budget(text, "RUB") is None


@pytest.mark.parametrize("text,asked,expected", [
    ("300", "budget", None),  # 300 what? thousands, millions: not for us to guess
    ("5 000 000", "budget", Decimal(5_000_000)),
    ("пока не знаю", "budget", None),
])
def test_a_bare_budget_is_judged_against_the_price_scale(text, asked, expected):
    assert extract_lead(text, settings=REALTY, asked=asked).budget_amount == expected


@pytest.mark.parametrize("text,asked,expected", [
    ("меня зовут иван петрович сидоров", False, "Иван Петрович Сидоров"),
    ("my name is john smith and I need a flat", False, "John Smith"),
    ("Hi, this is Dr. Ahmed Khan from Acme", False, "Dr. Ahmed Khan"),
    ("Best, Michael", False, "Michael"),
    ("Bob here", False, "Bob"),
    ("Имя: Светлана", False, "Светлана"),
    ("Добрый день! Алексей, 89031234567", False, "Алексей"),
    ("Здравствуйте, Ирина. Хочу ремонт", False, None),
    ("Спасибо, Ольга!", False, None),
    ("оформить на имя компании", False, None),
    ("call me after 6", False, None),
    ("I'm Russian", False, None),
    ("Я из Москвы", False, None),
    ("Снежана", True, "Снежана"),
    ("Sure, it's Mike", True, "Mike"),
    ("Владимир", True, "Владимир"),
    ("не скажу", True, None),
    ("Ок", True, None),
    ("Nope", True, None),
    ("Москва", True, None),
    ("хочу студию", True, None),
])
def test_more_names(text, asked, expected):
    assert find_name(text, asked=asked, known_places=PLACE_WORDS) == expected


@pytest.mark.parametrize("text,asked,expected", [
    ("в Нижнем Новгороде", False, "Нижний Новгород"),
    ("в Ростове-на-Дону", False, "Ростов-на-Дону"),
    ("в Набережных Челнах", False, "Набережные Челны"),
    ("во Владимире", False, "Владимир"),
    ("я Владимир, ищу квартиру", False, None),
    ("в Московской области", False, "Московская область"),
    ("дом в Краснодарском крае", False, "Краснодарский край"),
    ("в спб", False, "Санкт-Петербург"),
    ("I live in Austin, TX", False, "Austin, TX"),
    ("based in NYC", False, "New York"),
    ("interested in Python", False, None),
    ("Не важно", True, None),
    ("пока не знаю", True, None),
    ("Лобня", True, "Лобня"),
])
def test_more_locations(text, asked, expected):
    assert find_location(text, asked=asked) == expected


@pytest.mark.parametrize("text,asked,expected", [
    ("в течение двух недель", False, "в течение двух недель"), ("не горит", False, None),
    ("после нового года", False, "после нового года"), ("к 1 сентября", False, "к 1 сентября"),
    ("в начале следующего года", False, "в начале следующего года"), ("By March", False, "by March"),
    ("in the next couple of months", False, "in the next couple of months"), ("by end of Q2", False, "by end of Q2"),
    ("через пару месяцев", True, "через пару месяцев"), ("не знаю", True, None), ("ну как получится", True, None),
    ("майонез", False, None),
])
def test_more_timelines(text, asked, expected):
    assert find_timeline(text, asked=asked) == expected


@pytest.mark.parametrize("text,expected", [
    # A day with its date and hour is kept whole: the customer will be held to all of it.
    ("Thursday the 9th, 6pm works for us", "Thursday the 9th, 6pm"), ("можно в субботу 14-го к 10 утра?", "в субботу 14-го к 10 утра"),
    ("свадьба 14 декабря в 18:00", "14 декабря в 18:00"), ("this Friday evening", "this Friday evening"),
    ("завтра с утра", "завтра с утра"), ("Sat 14th, from 2pm", "Sat 14th, from 2pm"),
    # A day of the month alone, but not a floor or a school year said with the same ordinal.
    ("переезд 28-го", "28-го"), ("не позже 20-го", "не позже 20-го"), ("we're moving on the 15th", "on the 15th"),
    ("с 5-го этажа на 2-й", None), ("ребёнок 2-го класса", None), ("we're on the 3rd floor", None),
    ("first thing Monday", "first thing Monday"), ("на этих выходных", "на этих выходных"),
    ("before the end of the school year", "before the end of the school year"),
    # An event's date gives way to the customer's own.
    ("экзамен в июне, заниматься хотим с октября", "с октября"),
    ("the interview is on the 12th, need the translation by Friday", "by Friday"), ("the exam is in May", "in May"),
])
def test_days_hours_and_events(text, expected):
    assert find_timeline(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("80 квадратных метров", 80.0), ("45 кв. метров", 45.0), ("2000 square feet", 185.8), ("150 sqm", 150.0),
    ("дом 2 кв", None), ("участок 6 соток", None),
    # said in words, as voice typing writes it
    ("дача в два этажа триста двадцать квадратов", 320.0), ("офис сорок пять кв м", 45.0),
    ("roughly eighty square metres", 80.0), ("fifteen hundred square feet", 139.4), ("a square deal", None),
])
def test_more_areas(text, expected):
    assert find_area_m2(text) == expected


def test_a_contact_in_the_middle_of_a_long_message_brings_the_name_beside_it():
    text = "спам " * 700 + "Меня зовут Игорь, телефон 8 (916) 555-12-34. " + "бла " * 700
    lead = extract_lead(text, settings=REALTY)
    assert (lead.name, lead.phone) == ("Игорь", "+79165551234")


@pytest.mark.parametrize("text,expected", [
    ("Jake Miller, call me anytime tomorrow", None),  # when to call the customer back is no timeline
    ("0117 496 0123, best after 5pm today", None),
    ("Sorry I'm only free to talk tomorrow morning", None), ("I'm free after 5pm today", None),
    ("8 916 555 44 33, перезвоните завтра", None),
    ("перезвоните завтра, а сделать нужно к пятнице", "к пятнице"),
    ("Need someone to call round tomorrow to look at the roof", "tomorrow"),  # a visit, not a call back
    ("we want a boat for Boxing Day, 10 people", "for Boxing Day"), ("на Пасху хотим", "на Пасху"),
    ("looking for a fixed desk from January", "from January"), ("a hot desk from Monday", "from Monday"),
    ("место в коворкинге с 1 числа", "с 1 числа"), ("нужно к среде", "к среде"),
])
def test_a_call_back_time_is_no_timeline_and_more_days(text, expected):
    assert find_timeline(text) == expected


def test_an_events_date_does_not_replace_the_customers_own_timeline():
    settings = BotSettings(phone_region="RU")
    known = LeadData(timeline="с октября")
    assert extract_lead("Марина. Экзамен у неё в мае", settings=settings, known=known).timeline is None
    assert extract_lead("Экзамен у неё в мае", settings=settings).timeline == "в мае"


@pytest.mark.parametrize("text,expected", [
    ("недели через две", "недели через две"), ("месяца через 2", "месяца через 2"), ("через недельку", "через недельку"),
    ("не позже среды", "не позже среды"), ("к 20-му числу", "к 20-му числу"), ("на 15-е", "на 15-е"),
    ("in 2 wks", "in 2 wks"), ("by the weekend", "by the weekend"), ("in a couple weeks", "in a couple weeks"),
    ("in two or three weeks", "in two or three weeks"), ("the 12th or 13th", "the 12th"), ("12 June", "12 June"),
    ("on 12/06 at 10am", "on 12/06 at 10am"),
    ("на 2-е место", None), ("до 2.5 млн", None), ("the 3rd floor", None),  # a place, money and a floor said alike
])
def test_timelines_said_in_a_hurry(text, expected):
    assert find_timeline(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("на весь июль, с 1 по 31", "на весь июль"), ("начать хотим после новогодних праздников", "после новогодних праздников"),
    ("мы там будем в майские", "в майские"), ("не вторые, а третьи выходные сентября", "третьи выходные сентября"),
    ("ключи получаем в феврале, хотелось бы проект к марту", "к марту"),  # the keys' date is an event's
    ("желательно на этой неделе, до субботы", "на этой неделе, до субботы"),  # a time refined by the next
    ("sometime in january, no rush", "in january"),  # a mood refines nothing
    ("I'll call you on 416-555-0166 tomorrow, easier", None),
    ("by the end of the financial year at the latest", "by the end of the financial year"),
    ("could meet you there Sunday arvo?", "Sunday arvo"),
])
def test_timelines_as_the_independent_development_set_writes_them(text, expected):
    assert find_timeline(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("a safari for two in Tanzania, probably next February", "next February"), ("this coming June", "this coming June"),
    ("this may take a while", None),
])
def test_next_and_a_month(text, expected):
    assert find_timeline(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("давайте не в субботу, а в воскресенье", "в воскресенье"), ("не к марту, а к апрелю получается", "к апрелю"),
    ("ой, не 15-го, а 16-го", "16-го"), ("Не спешим, к лету", "к лету"),
])
def test_the_time_said_instead_of_another(text, expected):
    assert find_timeline(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("We're driving up on Saturday, could meet you there Sunday arvo?", "Sunday arvo"),  # the service's day, not the drive's
    ("мы приедем в субботу, баня нужна на воскресенье", "на воскресенье"), ("flying in next week", "next week"),
])
def test_the_day_of_the_service_over_the_day_of_the_journey(text, expected):
    assert find_timeline(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("дача, квадратов 80 где-то", 80.0), ("под теплицу кв.м 24", 24.0),
    ("квадратов 3 на 4", None),  # a size, not multiplied
    ("забор метров 40", None),  # a length
])
def test_an_area_with_its_unit_first(text, expected):
    assert find_area_m2(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("300 метров до остановки", None), ("живём в 200 метрах от реки", None), ("до леса 400 метров", None),  # distances
    ("сетка на забор 35 метров", None), ("провод 25 метров", None), ("нужно 15 метров тюля", None),  # lengths
    ("is there an office in the area 24/7?", None), ("цена за кв.м 95 000", None),  # no area named
    ("хотим однушку 38 метров", 38.0), ("кровля 160 метров", 160.0), ("ну 45 метров где-то", 45.0),  # an area all the same
])
def test_metres_that_are_a_distance_or_a_length(text, expected):
    assert find_area_m2(text) == expected
