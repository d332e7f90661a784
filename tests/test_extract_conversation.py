"""A message read in its conversation: phones split over two messages, dictated or in the
customer's country's format, the company's own number quoted back, obfuscated emails, budget
ranges, bounds, periods, corrections and currencies named apart from the figure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesbot.extract import extract_lead, find_emails, find_money, find_phones, find_unverified_phones
from salesbot.lead import PHONE_UNVERIFIED, stated_contacts_only
from salesbot.models import BotSettings, Contacts, LeadData

RU = BotSettings.model_validate(
    {"offerings": [{"name": "Студия", "synonyms": ["студия"], "price": {"kind": "exact", "amount": 4_500_000, "currency": "RUB"}}]})


def lead(text: str, *, earlier=(), known=None, asked=None, settings=RU) -> LeadData:
    learned = extract_lead(text, settings=settings, asked=asked, earlier=list(earlier), known=known)
    return stated_contacts_only(learned, [*list(earlier)[-1:], text])


def test_a_phone_split_over_two_messages_is_one_number():
    assert lead("11 22", earlier=["мой номер 8 916 000"]).phone == "+79160001122"
    assert lead("11 22").phone is None
    assert lead("22", earlier=["8 916 000 11"]).phone == "+79160001122"
    assert lead("-67-05, и звать Марину к телефону", earlier=["звоните 8 (903) 221"]).phone == "+79032216705"
    dictated = lead("ноль ноль ноль одиннадцать двадцать два", earlier=["восемь девятьсот шестнадцать"])
    assert dictated.phone == "+79160001122"


def test_an_unlisted_number_split_over_two_messages_is_kept_flagged() -> None:
    gb = BotSettings(phone_region="GB")
    given = lead("123", earlier=["my number is 07700 900"], settings=gb)
    assert (given.phone, given.details.get(PHONE_UNVERIFIED)) == ("+447700900123", True)
    assert lead("123", earlier=["07700 900"], settings=gb, asked="phone").phone == "+447700900123"
    assert lead("123", earlier=["07700 900"], settings=gb).phone is None  # not given as a phone


@pytest.mark.parametrize("earlier,text,settings,phone", [
    # A whole number earlier in the first message (the company's, someone's) leaves its end still to be finished.
    ("ваш 8 495 988-12-40 не отвечает, мой 8 926 405", "71 19", RU, "+79264057119"),
    ("called 512-555-0100, no answer. mine is 512 555", "0133", BotSettings(phone_region="US"), "+15125550133"),
    # An ellipsis on either side of the break.
    ("мой номер 8 926 405...", "71 19", RU, "+79264057119"),
    ("мой номер 8 926 405", "…71 19", RU, "+79264057119"),
    # ...but a number the first message finished is not run on into the next one's figures.
    ("мой номер 8 926 405 71 19", "12 34", RU, "+79264057119"),
])
def test_a_split_phone_beside_another_number_or_an_ellipsis(earlier: str, text: str, settings: BotSettings,
                                                            phone: str | None) -> None:
    known = lead(earlier, settings=settings)
    assert (lead(text, earlier=[earlier], settings=settings, known=known).phone or known.phone) == phone


@pytest.mark.parametrize("text,expected", [
    ("восемь девятьсот шестнадцать ноль ноль ноль одиннадцать двадцать два", "+79160001122"),
    ("плюс семь девять один шесть пять пять пять один два три четыре", "+79165551234"),
    ("my cell is eight nine one six, double five five, one two three four", "+79165551234"),
    ("8 девятьсот шестнадцать 555 12 34", "+79165551234"),  # digits and words mixed, as voice typing leaves them
])
def test_a_phone_dictated_in_words(text, expected):
    assert lead(text).phone == expected


@pytest.mark.parametrize("text,region,expected", [
    ("my cell is six one seven, nine hundred, four four two one", "US", "+16179004421"),
    ("it's eight nine hundred and sixteen, five five five, one two three four", "RU", "+79165551234"),
    ("oh seven eight two three, four one five, nine hundred", "GB", "+447823415900"),
    ("восемь девятьсот, сто двадцать три, сорок пять, шестьдесят семь", "RU", "+79001234567"),
    ("восемь девятьсот шестнадцать, сто двадцать три, сорок пять, шестьдесят семь", "RU", "+79161234567"),
])
def test_a_phone_dictated_with_hundreds(text, region, expected):
    assert [phone for phone, _ in find_phones(text, region)] == [expected]


def test_the_00_international_prefix():
    assert [phone for phone, _ in find_phones("0044 20 7946 0958", "RU")] == ["+442079460958"]


@pytest.mark.parametrize("text,region,expected", [
    ("+8 916 234 56 92", "RU", "+79162345692"),  # the trunk "8" with a "+" before it, as some Russians write it
    ("+8 (701) 555-44-13", "KZ", "+77015554413"),
    ("+84 912 345 678", "RU", "+84912345678"),  # a Vietnamese number, valid as written
])
def test_a_national_number_written_with_a_plus_before_its_trunk_eight(text, region, expected):
    assert lead(text, settings=RU.model_copy(update={"phone_region": region})).phone == expected


@pytest.mark.parametrize("earlier,text,expected", [
    (["Hi, looking for a condo in Manhattan, budget $900k"], "call me at (212) 555-0147", "+12125550147"),
    (["Мы из Алматы"], "8 701 234 56 78", "+77012345678"),
    (["Живу в Киеве, бюджет в гривнах"], "067 123 45 67", "+380671234567"),
    (["Я из Минска"], "029 123 45 67", "+375291234567"),
    (["Мы в Ташкенте"], "90 318 45 27", "+998903184527"),
    ([], "my US cell is (312) 555-0188", "+13125550188"),  # the country named as people name it, even to a Russian company
    ([], "I'm over from the States, cell 312.555.0188", "+13125550188"),
    ([], "my german mobile is 0176 12345678", "+4917612345678"),
    (["Hi, I live in Cologne and need an English tutor online"], "030 1234567", "+49301234567"),  # not a UK one flagged
    (["we're on holiday with us"], "312 555 0188", None),  # "us" is no country
    # The country named in the message with the number outranks the conversation's: a flat in Hamburg
    # (a valid German number too), a British mobile.
    (["We own a flat in Ottensen, Hamburg, budget 9,000 euros", "Hamburg prices are mad"],
     "I'm still on my UK mobile, 07823 415692", "+447823415692"),
])
def test_a_national_number_in_the_format_of_the_customers_country(earlier, text, expected):
    assert lead(text, earlier=earlier).phone == expected


@pytest.mark.parametrize("region,earlier,text,expected", [
    # A town, a region or a country the gazetteer knows says where the customer is, whichever their company's.
    ("GB", ["Hi, I'm from Freiburg, need a bike fixed"], "my number is 0421 3365421", "+494213365421"),
    ("IE", ["hi, I live in Belfast"], "my mobile is 0780 012 3456", "+447800123456"),
    ("GB", ["We live in Auckland and like your kitchens"], "021 384 5716", "+64213845716"),
    ("GB", ["I live in New Zealand"], "my mobile is 021 384 5716", "+64213845716"),
    ("RU", ["Живём в Новой Зеландии, хотим дом в Сочи"], "021 384 5716", "+64213845716"),
    ("GB", ["I'm in Dublin this month"], "087 384 5716", "+353873845716"),
    ("GB", ["I'm British but live in Dublin now"], "+353 87 384 5716", "+353873845716"),
    ("RU", ["Мы живём в Намангане"], "93 384 57 16", "+998933845716"),
    ("RU", ["Живу в Бобруйске"], "029 384 57 16", "+375293845716"),
    ("UZ", ["Я из Темиртау, дача под Ташкентом"], "8 701 384 57 16", "+77013845716"),
    # A national currency's ISO code beside an amount is its country's.
    ("GB", ["budget about 4 000 NZD"], "021 384 5716", "+64213845716"),
    ("RU", ["бюджет до 3000 CHF"], "079 384 57 16", "+41793845716"),
    # Valid only in the company's country: the company's, whatever town the customer names.
    ("GB", ["We're in Auckland"], "07823 415692", "+447823415692"),
    # Valid in two countries the chat names: the one the customer says they live in ("09 ..." is a landline
    # in Auckland and in Fujairah alike), else the one it is a mobile's in ("0160 ..." a German mobile, in
    # Austria a Viennese landline with a long extension).
    ("GB", ["Looking for a holiday let in Dubai", "I live in Auckland"], "09 384 5716", "+6493845716"),
    ("DE", ["Нужен шатёр на свадьбу в Австрии, под Зальцбургом"], "0160 384 5716", "+491603845716"),
])
def test_a_national_number_is_read_in_the_country_the_customer_names(region, earlier, text, expected):
    assert lead(text, earlier=earlier, settings=RU.model_copy(update={"phone_region": region})).phone == expected


@pytest.mark.parametrize("region,text,expected", [
    ("RU", "я сейчас у сына в Гомеле, номер белорусский: 029 384 57 16", "+375293845716"),
    ("GB", "I'm staying at my son's in Leeds, number is 07823 415692", "+447823415692"),
])
def test_staying_at_a_relatives_the_number_is_the_writers_and_the_town_only_where_they_are(region, text, expected):
    known = LeadData(location="Савватьево")
    learned = lead(text, known=known, asked="phone", settings=RU.model_copy(update={"phone_region": region}))
    assert (learned.phone, learned.location) == (expected, None)


def test_a_number_unknown_to_libphonenumber_is_kept_flagged():
    learned = lead("мой номер +999 41 872 3306")
    assert (learned.phone, learned.details.get("phone_unverified")) == ("+999418723306", True)
    assert find_unverified_phones("+7 912 345 67 89") == []
    assert find_unverified_phones("заказ +999 41 872 3306") == []


@pytest.mark.parametrize("region, earlier, text, asked, expected", [
    ("RU", ["We're in London"], "call me on 07700 900123", None, "+447700900123"),  # Ofcom's range for drama
    ("RU", ["I'm in London"], "07700 900982", "phone", "+447700900982"),  # the answer to the bot's question
    ("GB", [], "ring me on 01632 960123 after six", None, "+441632960123"),  # the company's own country
    ("RU", ["I'm in London"], "07700 900982", None, None),  # neither said to be a phone nor asked for
    ("RU", ["I'm in London"], "order number 01632 960123", None, None),
    ("RU", [], "мой телефон 8 912 345 67 8", "phone", None),  # a Russian number a digit short: asked again
    ("RU", [], "call 312 555 0188", "phone", None),  # no trunk prefix: it may be American, not Russian
    ("GB", [], "+44 (0)7700 900561", None, "+447700900561"),  # the trunk "0" some write after the code is dropped
    # A Bremen number of a writer who does not say where they are: no British number begins "04", so it is
    # another country's, and which one the chat does not say.
    ("GB", ["Hi, need a bike fixed"], "my number is 0421 3365421", "phone", None),
    ("IE", ["hi, I live in Cork"], "my mobile is 0780 012 3456", "phone", None),
    ("RU", [], "+8 890 234 56 92", "phone", None),  # no Russian number, and a "+" before its "8" makes no foreign one
])
def test_a_number_libphonenumber_calls_possible_but_not_valid_is_kept_flagged_when_given_as_a_phone(
        region, earlier, text, asked, expected):
    learned = lead(text, earlier=earlier, asked=asked, settings=RU.model_copy(update={"phone_region": region}))
    assert (learned.phone, learned.details.get("phone_unverified")) == (expected, True if expected else None)


def test_the_companys_own_phone_quoted_back_is_not_the_customers():
    settings = RU.model_copy(update={"contacts": Contacts(phone="+78005553535", whatsapp="+74959876543")})
    assert lead("звонил на 8 (800) 555-35-35, никто не ответил", settings=settings).phone is None
    assert lead("ваш 84959876543 занят, мой 8 912 345 67 89", settings=settings).phone == "+79123456789"


@pytest.mark.parametrize("text,expected", [
    ("anna at yandex dot ru", "anna@yandex.ru"), ("anna(собака)mail.ru", "anna@mail.ru"),
    ("pishite: ivan [at] gmail [dot] com", "ivan@gmail.com"), ("anna @ mail.ru", "anna@mail.ru"),
    ("olga dot petrova at gmail dot com", "olga.petrova@gmail.com"), ("ivan @ mail . ru", "ivan@mail.ru"),
    ("jess dot miller at hotmail dot co dot uk, thanks", "jess.miller@hotmail.co.uk"),
    ("anna @ mail.ru. Thanks", "anna@mail.ru"), ("meet me at home", None), ("I'm at work dot", None),
    ("mike underscore t at gmail dot com", "mike_t@gmail.com"),  # never the tail "t@gmail.com"
    ("почта: dasha.rudnik точка design собака gmail.com", "dasha.rudnik.design@gmail.com"),  # "dasha" holds no "dash"
    ("anna dash lee at mail dot ru", "anna-lee@mail.ru"),
    ("почта ivan_petrov собака яндекс ру", "ivan_petrov@yandex.ru"),  # as Russian voice typing writes it
    ("ivan_petrov собака яндекс точка ру", "ivan_petrov@yandex.ru"),
    ("почта vasya_pupkin@mail,ru", "vasya_pupkin@mail.ru"), ("ivan@gmail. com", "ivan@gmail.com"),
    ("ivan@mail.ru, ru", "ivan@mail.ru"), ("a dot b dot c dot d dot e at gmail dot com", None),
    ("olga(at)gmail(.)com", "olga@gmail.com"), ("olga@gmail(dot)com", "olga@gmail.com"),
    ("olga at gmail period com", "olga@gmail.com"), ("olga.k@gmail . com", "olga.k@gmail.com"),
    ("email olga dot k at outlook dot com dot au", "olga.k@outlook.com.au"), ("o l g a @ gmail.com", None),
])
def test_emails_written_to_dodge_bots(text, expected):
    assert lead(text).email == expected
    assert [email for email, _ in find_emails(text)] == ([expected] if expected else [])


@pytest.mark.parametrize("text,amount,low,high,currency,period", [
    ("бюджет тыщ 300-400", 400_000, 300_000, 400_000, "RUB", None),
    ("от 5 до 7 млн", 7_000_000, 5_000_000, 7_000_000, "RUB", None),
    ("до 9 млн", 9_000_000, None, 9_000_000, "RUB", None),
    ("from $300k", 300_000, 300_000, None, "USD", None),
    ("30k, in euros", 30_000, None, None, "EUR", None),
    ("бюджет 20 млн, считаем в тенге", 20_000_000, None, None, "KZT", None),
    ("50 тыс в месяц на рекламу", 50_000, None, None, "RUB", "month"),
    ("$2k/mo", 2000, None, None, "USD", "month"),
    ("всего 3 млн", 3_000_000, None, None, "RUB", "total"),
    ("бюджет полтора-два миллиона", 2_000_000, 1_500_000, 2_000_000, "RUB", None),
    ("миллион двести", 1_200_000, None, None, "RUB", None),
    ("до ляма", 1_000_000, None, 1_000_000, "RUB", None),
    ("пол миллиона рублей", 500_000, None, None, "RUB", None),
    ("budget's about twelve hundred pounds a month", 1200, None, None, "GBP", "month"),
    ("somewhere between 1400 and 1700 a month", 1700, 1400, 1700, "RUB", "month"),  # the upper bound of a range is money too
    ("рублей 300 белорусских", 300, None, None, "BYN", None),
    ("долларов 500 максимум", 500, None, 500, "USD", None),
    ("we can do around 2100 a month", 2100, None, None, "RUB", "month"),  # no year before "a month"
    ("Рассматриваю авто с пробегом до 1 200 000 руб.", 1_200_000, None, 1_200_000, "RUB", None),  # roubles are no mileage
    ("первый взнос 300 тыс, квартира до 6 млн", 6_000_000, None, 6_000_000, "RUB", None),  # a down payment is no budget
])
def test_budget_ranges_bounds_currencies_and_periods(text, amount, low, high, currency, period):
    got = lead(text)
    assert (got.budget_amount, got.budget_min, got.budget_max, got.budget_currency, got.budget_period) == (
        Decimal(amount), None if low is None else Decimal(low), None if high is None else Decimal(high), currency, period)


def test_a_correction_relative_to_the_known_budget_keeps_its_scale():
    known = LeadData(budget_amount=Decimal(40_000), budget_currency="RUB")
    assert lead("ну до 70", known=known).budget_amount == Decimal(70_000)
    assert lead("ну до 70", known=LeadData()).budget_amount is None


@pytest.mark.parametrize("text", [
    "ИНН 7707083893, КПП 770701001", "ОГРН 1027700132195", "договор 4512 от марта", "заказ 77812",
    "пробег 90 тыс км", "машина 2015 года", "размер 44", "рост 180 см",
])
def test_numbers_that_are_not_budgets(text):
    assert [money for money in find_money(text) if money.explicit or money.cue > 0] == []
    assert lead(text).budget_amount is None


@pytest.mark.parametrize("text,asked,expected", [
    ("8 916 000 11 22 Марина, звоните после обеда", None, "Марина"),
    ("Контакт: Глеб, gleb@example.ru", None, "Глеб"),
    ("ask for Tom", None, "Tom"),
    ("can I ask for details", None, None),
    ("Спасибо. Анна Петровна", None, "Анна Петровна"),
    ("It's Dr. Patel", None, "Dr. Patel"),
    ("menya zovut Kostya", None, "Kostya"),
    ("Name's Oliver Grant", "name", "Oliver Grant"),
    ("Меня зовут Oliver", None, "Oliver"),
    ("My name is Дмитрий", None, "Дмитрий"),
    ("anna@mail.ru Анна", None, "Анна"),
    ("Вот мой номер: 8 912 345 67 89. Спасибо!", None, None),
])
def test_names_beside_contacts_in_signatures_and_across_scripts(text, asked, expected):
    assert lead(text, asked=asked).name == expected


@pytest.mark.parametrize("text,asked,expected", [
    ("Живём в Зарайске Московской области", None, "Зарайск"),
    ("Ступино, Московская область", None, "Ступино"),
    ("ищу дом в Наро-Фоминске", None, "Наро-Фоминск"),
    ("квартира в Хамовниках", None, "Хамовники"),
    ("Истра", "location", "Истра"),
    ("Королёв", "location", "Королёв"),
    ("в Зарайске", "location", "Зарайск"),
    ("чтобы рядом школа, парк и метро", "location", None),
    ("я в Телеграме", None, None),
    ("в Марине", None, None),
])
def test_places_small_towns_districts_bare_answers_and_wishes(text, asked, expected):
    assert lead(text, asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("не спешим, но хотелось бы к марту", "к марту"), ("месяц-два", "месяц-два"),
    ("через 2-3 месяца", "через 2-3 месяца"), ("soon, ideally by March", "by March"),
])
def test_timelines_prefer_a_date_to_a_mood(text, expected):
    assert lead(text).timeline == expected


def test_a_currency_named_apart_from_the_figure():
    assert lead("около 3000", asked="budget", earlier=["считаем в долларах"]).budget_currency == "USD"
    known = LeadData(budget_amount=Decimal(30_000), budget_currency="RUB", budget_max=Decimal(30_000))
    later = lead("ой, это в долларах", known=known)
    assert (later.budget_amount, later.budget_max, later.budget_currency) == (Decimal(30_000), Decimal(30_000), "USD")
    assert lead("сколько в долларах?", known=known).budget_currency is None


def test_a_down_payment_alone_is_no_budget():
    assert lead("тыщ 300-400 на первый взнос, остальное ипотека").budget_amount is None
