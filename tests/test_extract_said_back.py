"""Figures, times and contacts that belong to something other than the customer's own lead: a car's
mileage under a bound, a year before the model it dates, an id's digits, millimetres, the company's
price list or ad said back, how long the company says its delivery takes, a size's second figure, when
something was done, whether the company is open, the number of someone named with a title, a number
in a forwarded text or a web address, an address the customer wrote to, a contact the customer asks
the company about. Each class beside what must still be read as the customer's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesbot.extract import extract_lead, find_timeline
from salesbot.models import BotSettings

CARS = BotSettings.model_validate({"phone_region": "RU", "offerings": [
    {"name": "Подбор автомобиля", "synonyms": ["подбор"], "price": {"kind": "exact", "amount": 15_000, "currency": "RUB"}}]})
DEALER = BotSettings.model_validate({"phone_region": "US", "offerings": [
    {"name": "Used car", "synonyms": ["car", "suv"], "price": {"kind": "exact", "amount": 20_000, "currency": "USD"}}]})
SOFAS = BotSettings.model_validate({"phone_region": "RU", "offerings": [
    {"name": "Диван", "synonyms": ["диван"], "price": {"kind": "exact", "amount": 45_000, "currency": "RUB"}}]})
DENTIST = BotSettings.model_validate({"phone_region": "US", "offerings": [
    {"name": "Whitening", "synonyms": ["whitening"], "price": {"kind": "exact", "amount": 350, "currency": "USD"}}]})
REPAIRS = BotSettings(phone_region="RU")


@pytest.mark.parametrize("text,settings,asked", [
    # Mileage, with a bound between the word and the figure, or the unit after it.
    ("нужен кроссовер 2019 г.в., пробег не больше 80 000", CARS, None),
    ("пробег меньше 120 000 желательно", CARS, "budget"),
    ("looking for an SUV, 2018 or newer, under 60,000 miles", DEALER, None),
    ("less than 45,000 mi on it ideally", DEALER, "budget"),
    # A year before the make or model it dates, even in reply to "budget?".
    ("depends, I have a 2015 Accord to trade in", DEALER, "budget"),
    ("у меня 2012 Лада, сдам в зачёт", CARS, "budget"),
    ("not sure, my 2017 toyota needs replacing", DEALER, "budget"),
    # The company's own price list or ad, said back.
    ("ну как у вас в прайсе 45 000, нормально", SOFAS, "budget"),
    ("по прайсу 45 тысяч, это с доставкой?", SOFAS, None),
    ("the ad said $22,900 for the Tacoma, what's out the door?", DEALER, None),
    ("your listing says 18,500 for the Civic, still available?", DEALER, None),
    # Someone's age, and a price seen in a shop named by its name.
    ("haven't thought, she is 14 and in year 9", DEALER, "budget"),
    ("не знаю, ему уже 16", SOFAS, "budget"),
    ("в Леруа такой же 38 990", SOFAS, "budget"),
    ("at Wickes the same one is 900", DEALER, "budget"),
    # An id's digits, all significant, and millimetres.
    ("лот 71834452 на аукционе, можете проверить?", CARS, "budget"),
    ("458812", SOFAS, "budget"),
    ("the worktop run is 4200mm", DEALER, "budget"),
])
def test_mileage_a_models_year_and_the_companys_own_price_are_no_budget(text, settings, asked):
    assert extract_lead(text, settings=settings, asked=asked).budget_amount is None


@pytest.mark.parametrize("text,settings,asked,amount,most", [
    ("до 2 млн, пробег не больше 100 тыс км", CARS, "budget", 2_000_000, 2_000_000),
    ("under 20k, less than 60,000 miles", DEALER, "budget", 20_000, 20_000),
    ("max 18,500", DEALER, "budget", 18_500, 18_500),
    ("no more than 70 a month", DENTIST, "budget", 70, 70),  # "no" is no "No." of an order here
    ("around 2000 Dollars", DEALER, "budget", 2000, None),
    ("2000000", CARS, "budget", 2_000_000, None),  # round: a sum, however long
    ("1 499 990", CARS, "budget", 1_499_990, None),  # grouped: a sum
    ("$5mm max", DEALER, None, 5_000_000, 5_000_000),
    ("в Икее такой диван 70 тыс, у нас до 50", SOFAS, "budget", 50_000, 50_000),
    ("ей 14 лет, бюджет 40 тысяч", SOFAS, None, 40_000, None),
    ("в прайсе 45 000, но мы рассчитываем тысяч на 40", SOFAS, "budget", 40_000, None),
    ("the ad said $22,900 but we budgeted 20k", DEALER, None, 20_000, None),
])
def test_the_customers_budget_beside_those_numbers_is_still_read(text, settings, asked, amount, most):
    lead = extract_lead(text, settings=settings, asked=asked)
    assert (lead.budget_amount, lead.budget_max) == (Decimal(amount), None if most is None else Decimal(most))


@pytest.mark.parametrize("text", [
    "вы сказали доставка 3-5 дней, ок",
    "как вы писали, изготовление в течение месяца",
    "у вас доставка в течение недели?",
    "на сайте у вас срок изготовления 2-3 недели",
    "you said fitting within 2 weeks, fine",
    "new kitchen please, the room is 4.2 by 3.1",
    "the window is 2 by 3, standard",
])
def test_the_companys_own_times_and_a_sizes_figures_are_no_timeline(text):
    assert find_timeline(text) is None


@pytest.mark.parametrize("text", [
    "сегодня увидел ваше объявление, интересует диван",
    "на выходных были у вас в салоне",
    "в этом году уже покупали у вас шкаф",
    "права получил в этом месяце, ищу первую машину",
    "I saw your ad today, interested in the Civic",
    "we moved here this year, need a second car",
    "saw your van in March and kept the number",
    "а в субботу магазин открыт?",
    "are you open this weekend?",
])
def test_a_time_something_was_done_or_the_company_is_open_is_no_timeline(text):
    assert find_timeline(text) is None


@pytest.mark.parametrize("text,expected", [
    ("переехали в марте, ремонт нужен к маю", "к маю"),
    ("хотели бы к маю", "к маю"),
    ("сделали бы к 1 сентября", "к 1 сентября"),
    ("свадьбу перенесли на 4 июня", "4 июня"),
    ("we were hoping for next week", "next week"),
    ("interested in a viewing this weekend", "this weekend"),
    ("fitted by Christmas please", "by Christmas"),
    ("looking to get the panels installed before summer", "before summer"),
    ("we're closed the week of the 21st, ideal for the work", "the week of the 21st"),
])
def test_a_wish_said_in_the_past_tense_or_beside_an_adjective_is_still_the_timeline(text, expected):
    assert find_timeline(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("вы сказали доставка 3 дня, нам нужно к пятнице", "к пятнице"),
    ("you said 2 weeks for fitting, we need it by the 20th", "by the 20th"),
    ("доставка нужна к 15 декабря", "к 15 декабря"),
    ("нужен в течение недели", "в течение недели"),
    ("can you finish by 3?", "by 3"),
    ("need it fitted by March", "by March"),
])
def test_the_customers_own_time_beside_the_companys_is_read(text, expected):
    assert find_timeline(text) == expected


@pytest.mark.parametrize("text,settings,asked,phone", [
    # A person named with a title is someone else's number all the same: the title's point ends no clause.
    ("my dentist Dr. Lee, 212-555-0188, referred me", DENTIST, None, None),
    ("наш мастер Иван Петрович, тел. 8 916 555 44 33, делал у вас", REPAIRS, None, None),
    # A forwarded ad's number, and one the customer asks is the company's.
    ("по объявлению: Диван, 45000, тел. 8 912 345 67 89, это вы?", SOFAS, None, None),
    ("8 912 345 67 89 это ваш номер?", SOFAS, None, None),
    ("is 212-555-0177 your number?", DENTIST, None, None),
    # The writer's own, with a title or "тел." before it, or a question after it that is not about the number.
    ("Dr. Lee here, my cell 212-555-0147", DENTIST, "phone", "+12125550147"),
    ("Mr. Smith, 212-555-0147", DENTIST, None, "+12125550147"),
    ("тел. 8 903 123 45 67", REPAIRS, "phone", "+79031234567"),
    ("моб. 8 903 123 45 67, Анна", REPAIRS, "phone", "+79031234567"),
    ("8 903 123 45 67, это мой", REPAIRS, "phone", "+79031234567"),
    ("мой номер 8 903 123 45 67, это ваш менеджер мне звонил?", REPAIRS, None, "+79031234567"),
])
def test_a_number_of_someone_titled_or_asked_about_is_not_the_customers(text, settings, asked, phone):
    assert extract_lead(text, settings=settings, asked=asked).phone == phone


@pytest.mark.parametrize("text,settings,phone", [
    ("пересылаю: «Сантехник Вася, 8 926 111 22 33, недорого»", REPAIRS, None),
    ("Forwarded: 'Call Dave's Kitchens on 212-555-0122'", DENTIST, None),
    ('he wrote "ring me on 212-555-0133 after 6", is that the clinic?', DENTIST, None),
    ("мой номер «8 916 123 45 67»", REPAIRS, "+79161234567"),  # a contact in quotes for itself
    ("Anna O'Neil, 212-555-0144, it's my cell", DENTIST, "+12125550144"),  # an apostrophe opens no quotation
])
def test_a_number_inside_a_quoted_or_forwarded_text_is_not_the_customers(text, settings, phone):
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,settings,phone", [
    ("сайт www.remont-89161234567.ru, посмотрите работы", REPAIRS, None),
    ("see 2125550147.com/gallery", DENTIST, None),
    ("my patient id is 212-555-0147", DENTIST, None),
    ("мой номер 89161234567. Иван", REPAIRS, "+79161234567"),
    ("звоните 8 916 123 45 67.", REPAIRS, "+79161234567"),
])
def test_digits_of_a_web_address_or_an_id_are_no_phone(text, settings, phone):
    assert extract_lead(text, settings=settings, asked="phone").phone == phone


@pytest.mark.parametrize("text,email", [
    ("I emailed sales@primemotors.com already, no answer", None),
    ("писала на info@mebel.ru, не ответили", None),
    ("I emailed you from anna@mail.ru", "anna@mail.ru"),
    ("please email me at anna@mail.ru", "anna@mail.ru"),
    ('пишите на "anna@mail.ru"', "anna@mail.ru"),
])
def test_an_address_the_customer_wrote_to_is_not_theirs(text, email):
    assert extract_lead(text, settings=REPAIRS).email == email


@pytest.mark.parametrize("text,email", [
    ("пишите на info@dom-service.ru? это ваша почта?", None),
    ("sales@brightdental.com is that your email?", None),
    ("anna@gmail.com - is that ok?", "anna@gmail.com"),
    ("is this right? anna@gmail.com", "anna@gmail.com"),
])
def test_an_address_asked_about_as_the_companys_is_not_the_customers(text, email):
    assert extract_lead(text, settings=DENTIST, asked="email").email == email
