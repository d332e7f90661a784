"""Each parser of the offline engine on the forms customers really write, and on what must not match."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesbot.extract import (
    detect_language,
    extract_lead,
    find_area_m2,
    find_emails,
    find_location,
    find_name,
    find_need,
    find_phones,
    find_timeline,
    parse_budget,
)
from salesbot.extract.country import countries_by_adjective
from salesbot.extract.phones import TRUNK_EIGHT
from salesbot.models import BotSettings, Offering

FLATS = [Offering(name="Студия", synonyms=["студия", "студию"]),
         Offering(name="Two-bedroom flat", synonyms=["2-bed", "two-bedroom"]),
         Offering(name="One-bedroom flat", synonyms=["1-bed", "one-bedroom"])]


@pytest.mark.parametrize("text,region,expected", [
    ("+7 (912) 345-67-89", "RU", ["+79123456789"]),
    ("звоните 8 912 345 67 89 после обеда", "RU", ["+79123456789"]),
    ("89123456789", "RU", ["+79123456789"]),
    ("тел: 8-912-345-67-89, или 8(495)123-45-67", "RU", ["+79123456789", "+74951234567"]),
    ("+44 20 7946 0958", "RU", ["+442079460958"]),
    ("call +1-415-555-2671 today", "US", ["+14155552671"]),
    ("07911 123456", "GB", ["+447911123456"]),
    ("(415) 555-0132", "US", ["+14155550132"]),
    ("Handy 0176/123 456 78", "DE", ["+4917612345678"]),  # the area code's slash, as Germans write it
    ("Tel.: 0 30 / 12 34 56", "DE", ["+4930123456"]),
    ("+49 (0)151 2345 6789", "DE", ["+4915123456789"]),
    ("38 067 915 30 49", "UA", ["+380679153049"]),  # the country's code without its "+", as Ukrainians write it
    ("380679153049", "UA", ["+380679153049"]),
    # Grouped in threes as money is, but after the trunk prefix's nought, as no amount begins.
    ("021 345 678", "NZ", ["+6421345678"]),
    ("call me on 021 345 678, budget 1 200 000", "NZ", ["+6421345678"]),
])
def test_phones_in_many_formats_become_e164(text, region, expected):
    assert [phone for phone, _ in find_phones(text, region)] == expected


@pytest.mark.parametrize("text", [
    "+7 000 000 00 00", "123456", "+7 999 999 99 99", "1234567890", "цена 1 500 000 ₽", "заказ №4155552671",
    "order #9123456789", "в 2024 году", "квартира 60 м2 за 9 млн", "",
])
def test_what_is_not_a_phone_is_not_taken_for_one(text):
    assert find_phones(text, "RU") == []


@pytest.mark.parametrize("text,region", [
    ("IBAN DE89 3704 0044 0532 0130 00", "DE"),  # an account's groups, none of them a phone
    ("Semester 2024-2025, Kurs 2024/2025", "DE"),  # a German number is written with its "0"
    ("Steuernummer 143/123/45678", "DE"),
    ("invoice 12/03/2027", "GB"),
    ("Kundennummer 0301234567, Rechnungsnr. 01761234567", "DE"),
    ("4930123456", "DE"),  # ten digits that begin as the country's code does, no code written as one
    ("Vorgangsnummer 0301234567, Aktenzeichen 0176 123 4567", "DE"),
])
def test_what_is_no_phone_in_a_country_that_writes_its_trunk_zero(text, region):
    assert find_phones(text, region) == []


@pytest.mark.parametrize("text,region", [
    ("claim number 5035550142", "US"), ("ticket 5035550142", "US"), ("case 5035550142 from the insurance", "US"),
    ("invoice INV-5035550142", "US"), ("номер заявки 89162345678", "RU"), ("полис 8916234567", "RU"),
    # Named with "is", "ref." or a hyphen, or a parcel's, a licence's, a vehicle's or a land plot's number.
    ("my order number is 5035550142", "US"), ("my policy is 503-555-0142", "US"), ("ref. 5035550142", "US"),
    ("parcel number 503-555-0142", "US"), ("shipment 5035550142", "US"), ("license 5035550142", "US"),
    ("PO 5035550142", "US"), ("VIN 9161234567", "RU"), ("трек-номер 89162345678", "RU"), ("кадастровый 9162345678", "RU"),
])
def test_a_reference_number_is_no_phone(text, region):
    assert find_phones(text, region) == []
    assert find_phones("just in case: 07911 123456", "GB") == [("+447911123456", (14, 26))]
    assert find_phones("zvonite po 89162345678", "RU") == [("+79162345678", (11, 22))]  # "po": "по" in Latin letters
    assert find_phones("my cell is 5035550142", "US") == [("+15035550142", (11, 21))]


@pytest.mark.parametrize("text,region,expected", [
    ("phone no. 07911 123456", "GB", ["+447911123456"]), ("contact no: 07911123456", "GB", ["+447911123456"]),
    ("cell # (312) 555-0199", "US", ["+13125550199"]), ("ph#312-555-0199", "US", ["+13125550199"]),
    ("тел. № 8 916 123 45 67", "RU", ["+79161234567"]),
    # The same marks after a code's own word still name the code.
    ("order no. 5035550142", "US", []), ("my order # is 5035550142", "US", []), ("заказ № 89162345678", "RU", []),
])
def test_a_phones_own_word_before_no_or_hash_makes_it_a_phone(text: str, region: str, expected: list[str]) -> None:
    assert [phone for phone, _ in find_phones(text, region)] == expected


@pytest.mark.parametrize("text,region,expected", [
    ("8 916 123 45 67/8 903 111 22 33", "RU", ["+79161234567", "+79031112233"]),
    ("0176/12345678 / 030/1234567", "DE", ["+4917612345678", "+49301234567"]),  # the area codes' slashes kept
])
def test_two_numbers_a_slash_apart_are_both_read(text: str, region: str, expected: list[str]) -> None:
    assert [phone for phone, _ in find_phones(text, region)] == expected


def test_the_countries_that_write_the_trunk_eight_are_libphonenumbers() -> None:
    import phonenumbers

    eights = {region for region in phonenumbers.SUPPORTED_REGIONS
              if phonenumbers.PhoneMetadata.metadata_for_region(region).national_prefix == "8"}
    assert eights == set(TRUNK_EIGHT)


@pytest.mark.parametrize("text,region,phone", [
    ("8 916 402 18 55, номер российский", "BY", "+79164021855"),  # valid in no region the conversation names
    ("пишите: 8 029 655 31 08", "RU", "+375296553108"),
    ("8 747 604 77 15", "RU", "+77476047715"),
    ("8 029 655 31 08", "KZ", "+375296553108"),
    ("8 (495) 765-43-21", "BY", "+74957654321"),
])
def test_a_number_of_a_country_that_writes_the_same_trunk(text: str, region: str, phone: str) -> None:
    assert extract_lead(text, settings=BotSettings(phone_region=region), asked="phone").phone == phone


@pytest.mark.parametrize("text,codes", [
    ("номер грузинский", ["GE"]), ("my Canadian cell", ["CA"]), ("на израильский", ["IL"]), ("Latvian", ["LV"]),
    ("the Turkish one", ["TR"]),  # Türkiye, not the Turks and Caicos Islands
    ("Indian mobile", ["IN"]),  # India, not the British Indian Ocean Territory
    ("мобильный городской домашний сотовый рабочий", []), ("московский", []), ("Korean", []),  # which Korea?
])
def test_a_countrys_adjective(text: str, codes: list[str]) -> None:
    assert countries_by_adjective(text) == codes


@pytest.mark.parametrize("text,region,phone", [
    ("мой польский номер 512 647 238", "RU", "+48512647238"),  # 3-3-3 as the Poles group it, given as a phone
    ("номер литовский 8 612 34 785", "RU", "+37061234785"),
    ("my Canadian cell 604 555 0143", "GB", "+16045550143"),
    ("I'm on my German mobile 0151 23456789", "GB", "+4915123456789"),
])
def test_a_number_of_the_country_named_beside_it(text: str, region: str, phone: str) -> None:
    assert extract_lead(text, settings=BotSettings(phone_region=region), asked="phone").phone == phone


@pytest.mark.parametrize("text,phone", [
    ("nomer rossijskij 8 916 234 56 78", "+79162345678"),  # the country's adjective, written in Latin letters
    ("ya seichas v Novosibirske, zvonite 8 913 018 77 40", "+79130187740"),  # where the writer is, as the place parser reads it
])
def test_russian_written_in_latin_letters_tells_the_numbers_country(text: str, phone: str) -> None:
    earlier = ["Здравствуйте, нужно вывезти мусор с участка"]
    assert extract_lead(text, settings=BotSettings(phone_region="UZ"), asked="phone", earlier=earlier).phone == phone


@pytest.mark.parametrize("text,expected", [
    ("пишите на Ivan.K@Mail.RU.", ["ivan.k@mail.ru"]),
    ("boris@protonmail dot com", ["boris@protonmail.com"]), ("lena-v(a)inbox.ru", ["lena-v@inbox.ru"]),
    ("пишите oleg эт yandex точка ru", ["oleg@yandex.ru"]),
    ("maria t at outlook dot com", []),  # "maria.t", "mariat" or "maria_t": not ours to guess, and never "t@outlook.com"
    ("jane doe at gmail dot com", []), ("send it to john smith @ gmail.com", []),  # nor "doe@", "smith@"
    ("my email is jane at gmail dot com", ["jane@gmail.com"]),
    # A name signed before the address is no part of it.
    ("Siobhan Kelly siobhan.k at gmail dot com", ["siobhan.k@gmail.com"]), ("Aoife aoife at eircom dot net", ["aoife@eircom.net"]),
    ("Gareth Price gareth @ price.co.uk", ["gareth@price.co.uk"]), ("John Smith at gmail dot com", []),
    # Read on when what was read first began too early ("me" at "nkechi.obi").
    ("contact me at nkechi dot obi at gmail dot com thanks", ["nkechi.obi@gmail.com"]),
    ("a+b@x-y.co.uk, c_d@ex.io", ["a+b@x-y.co.uk", "c_d@ex.io"]),
    # Gmail written without its ".com": it has no other domain for new mailboxes. Not a word that says an address follows.
    ("ivan.petrov at gmail", ["ivan.petrov@gmail.com"]), ("sarah.lee88@gmail, thanks", ["sarah.lee88@gmail.com"]),
    ("anna.k собака гмейл", ["anna.k@gmail.com"]), ("email me at gmail", []), ("jane doe at gmail", []),
    ("bob@@example..com or bob@example", []),
    ("john..doe@example.com", []),
    # Homoglyphs: a Cyrillic "а" opening the local part does not leave "dmin@" behind, and a domain's label
    # is of one script (as registries require), so "exаmple.com" with a Cyrillic "а" is nobody's address.
    ("my email is \u0430dmin@example.com", []), ("пишите на admin@ex\u0430mple.com", []),
    ("почта:anna@почта.рф", ["anna@почта.рф"]), ("почта anna@müller.de", ["anna@müller.de"]),
])
def test_emails(text, expected):
    assert [email for email, _ in find_emails(text)] == expected


@pytest.mark.parametrize("text,field,value", [
    ("Меня зовут Ив\u0061н", "name", "Иван"), ("My name is J\u043ehn", "name", "John"),  # a Latin "a", a Cyrillic "о"
    ("живу в Москв\u0065", "location", "Москва"), ("my email is \u0430dmin@ex\u0430mple.com", "email", "admin@example.com"),
    ("мой iPhone сломался, пишите anna@mail.ru", "email", "anna@mail.ru"),
])
def test_a_word_of_latin_and_cyrillic_lookalikes_is_read_in_one_script(text, field, value):
    assert getattr(extract_lead(text, settings=BotSettings()), field) == value


@pytest.mark.parametrize("text,expected", [
    ("до 9 млн", (Decimal(9_000_000), "RUB")),
    ("1 500 000 ₽", (Decimal(1_500_000), "RUB")),
    ("тысяч 300", (Decimal(300_000), "RUB")),
    ("$450k", (Decimal(450_000), "USD")),
    ("80k EUR", (Decimal(80_000), "EUR")),
    ("£25,000", (Decimal(25_000), "GBP")),
    ("бюджет 2,5 млн рублей", (Decimal(2_500_000), "RUB")),
    ("около 300 тыс. руб", (Decimal(300_000), "RUB")),
    ("150 000 - 200 000 долларов", (Decimal(200_000), "USD")),
    ("от 5 до 7 млн", (Decimal(7_000_000), "RUB")),
    ("5 million dollars", (Decimal(5_000_000), "USD")),
    ("€1.2m", (Decimal(1_200_000), "EUR")),
    ("up to 5000", (Decimal(5000), "RUB")),
])
def test_budgets(text, expected):
    assert parse_budget(text, default_currency="RUB") == expected


@pytest.mark.parametrize("text", [
    "2 комнаты", "квартира 60 м2", "в 2025 году", "номер 123456", "5 этаж", "3 bedrooms", "2-к квартира", "за 3 месяца",
])
def test_numbers_that_are_not_budgets(text):
    assert parse_budget(text, default_currency="RUB") is None


def test_a_bare_number_is_a_budget_only_when_the_budget_was_asked():
    assert parse_budget("300000", default_currency="RUB") is None
    assert parse_budget("300000", default_currency="RUB", asked=True) == (Decimal(300_000), "RUB")


@pytest.mark.parametrize("text,asked,expected", [
    ("Меня зовут Анна", False, "Анна"),
    ("меня зовут анна", False, "Анна"),
    ("Меня Дмитрий зовут", False, "Дмитрий"),
    ("Я Ольга, ищу студию", False, "Ольга"),
    ("My name is John Smith", False, "John Smith"),
    ("Hi, I'm Kate", False, "Kate"),
    ("Chris here, chris@x.io", False, "Chris"),
    ("Виктор, тел. 8 921 555 44 33", False, "Виктор"),
    ("Татьяна Викторовна, +7 (495) 765-43-21", False, "Татьяна Викторовна"),
    ("sophie.m@hotmail.co.uk - Sophie", False, "Sophie"),
    ("С уважением, Пётр Иванов", False, "Пётр Иванов"),
    ("анна", True, "Анна"),
    ("I'm looking for a flat", False, None),
    ("Я хочу студию", False, None),
    ("call me at 555", False, None),
    ("Казань", False, None),
    ("Hello! What do you offer?", False, None),
])
def test_names(text, asked, expected):
    assert find_name(text, asked=asked) == expected


@pytest.mark.parametrize("text,asked,expected", [
    ("ищу квартиру в Казани", False, "Казань"),
    ("живём в Москве, район Хамовники", False, "Москва, Хамовники"),
    ("looking for a flat in London", False, "London"),
    ("Санкт-Петербург", False, "Санкт-Петербург"),
    ("Тула", True, "Тула"),
    ("пишите в Telegram", False, None),
    ("in August", False, None),
])
def test_locations(text, asked, expected):
    assert find_location(text, asked=asked) == expected


@pytest.mark.parametrize("text,expected", [
    ("хотим переехать до конца лета", "до конца лета"), ("нужно срочно!", "срочно"),
    ("в течение 3 месяцев", "в течение 3 месяцев"), ("к осени", "к осени"), ("в сентябре", "в сентябре"),
    ("within 2 weeks", "within 2 weeks"), ("next month", "next month"), ("ASAP please", "asap"),
    ("by the end of the year", "by the end of the year"), ("за годовой абонемент", None), ("hello", None),
])
def test_timelines(text, expected):
    assert find_timeline(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("60 м2", 60.0), ("65 кв.м", 65.0), ("150 квадратов", 150.0), ("1000 sq ft", 92.9), ("2 комнаты", None),
])
def test_area(text, expected):
    assert find_area_m2(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("хочу студию", "Студия"), ("a 2-bed flat", "Two-bedroom flat"), ("one-bedroom please", "One-bedroom flat"),
    ("Нужен ремонт ванной", "ремонт ванной"), ("I need a new roof, budget 5k", "new roof"), ("Привет", None),
])
def test_needs(text, expected):
    assert find_need(text, BotSettings(offerings=FLATS)) == expected


@pytest.mark.parametrize("text,expected", [
    ("Здравствуйте", "ru"), ("Hello there", "en"), ("Привіт, як справи? Їжак", "uk"), ("Ich möchte eine Wohnung", "de"),
    ("👍 123", "en"),
])
def test_language(text, expected):
    assert detect_language(text) == expected


def test_contacts_are_never_read_as_money_or_area():
    lead = extract_lead("звоните 8 912 345 67 89", settings=BotSettings(), asked="budget")
    assert lead.phone == "+79123456789" and lead.budget_amount is None and lead.details == {}


def test_a_question_back_is_not_a_bare_answer():
    assert extract_lead("где ваш офис?", settings=BotSettings(), asked="need").need is None
    assert extract_lead("а вы где?", settings=BotSettings(), asked="location").location is None
