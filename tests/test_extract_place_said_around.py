"""The place of the need among the places said around it (issue 15): a village named with the town it lies under or
beyond, villages of two words, towns typed in lower case; and the places that are someone else's or the customer's past
(a relative's town said only to say who sent them, the company's premises, where a thing was bought or seen, where they lived or went before, a café
named after a city), which never become or replace it."""

from __future__ import annotations

import pytest

from salesbot.extract import extract_lead
from salesbot.extract.location import find_location, find_place
from salesbot.extract.morphology import guessed_phrase
from salesbot.models import BotSettings, LeadData

RU = BotSettings(phone_region="RU")
GB = BotSettings(phone_region="GB")


@pytest.mark.parametrize("text,expected", [
    ("в Каракамыше, это под Бишкеком", "Каракамыш"),  # a village no list holds, then the city it is under
    ("в Новоалексеевке, это сразу за Екатеринбургом", "Новоалексеевка"),
    ("Shipley, just beyond Bradford", "Shipley"),
    ("Ashby, right past Leicester", "Ashby"),
    ("в Туле, это рядом с Москвой", "Тула"),  # a known town stays itself
    ("за Екатеринбургом, в сторону Тюмени", "Екатеринбург"),  # no smaller place before "за": the larger one stands
])
def test_a_village_named_with_the_town_it_lies_under_or_beyond(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("дом в Малом Ключе, нужна крыша", "Малый Ключ"),
    ("живём в Красной Горке", "Красная Горка"),
    ("участок в Сосновом Бору", "Сосновый Бор"),  # "в Бору": the second locative agrees as the first
    ("нужна уборка в Верхних Полях", "Верхние Поля"),  # in its own number
])
def test_a_village_of_an_adjective_and_a_noun_of_the_land(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("adjective,noun", [
    ("Детском", "Мире"),  # a shop
    ("Высшей", "Школе"),  # a school
    ("Большом", "Театре"),
    ("новом", "доме"),  # not capitalised: no name at all
])
def test_a_shop_a_school_or_a_theatre_is_no_village(adjective, noun):
    assert guessed_phrase(adjective, noun) is None


@pytest.mark.parametrize("text,expected", [
    ("my parents live in Derby, we need the boiler done at ours in Belper", "Belper"),
    ("my brother in Hull recommended you", None),  # said only to say who sent them
    ("Сестра из Омска вас посоветовала, а мы в Тюмени", "Тюмень"),
    ("утеплить дом родителей в деревне Заречье", "Заречье"),  # the family's house is the site of the work
    ("у мамы в Твери надо поменять окна", "Тверь"),  # the only place: where the work is wanted
])
def test_a_relatives_place_said_only_to_say_who_sent_them_is_no_place(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("у вас салон в Казани? я сам из Зеленодольска", "Зеленодольск"),  # the company's premises
    ("у вас вода из скважины в Лобне?", None),
    ("у вас есть доставка в Дмитров?", "Дмитров"),  # a delivery asked for is the customer's place
])
def test_the_companys_premises_are_not_the_customers_place(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Заказывали у вас шкаф в Туле пару лет назад, теперь нужна прихожая", None),
    ("платье покупала в бутике «Верона» в Самаре", None),
    ("We ordered a sofa from you in Derby before, this time it's for the flat", None),
    ("spotted a camper van in Penrith, can you inspect it?", None),
    ("купили у вас участок в Рузе, нужен забор", "Руза"),  # land bought is the site
    ("we bought a cottage in Alnwick, it needs rewiring", "Alnwick"),
])
def test_where_a_thing_was_bought_or_seen_is_no_place_of_the_need(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("раньше снимали в Реутове, теперь переехали в Балашиху", "Балашиха"),
    ("прошлым летом отдыхали на Валдае, теперь хотим в Карелию", "Карелия"),
    ("муж уже был на Селигере и в Карелии, посоветуйте что-то новое", None),  # a list after the past words
    ("we used to hire from a firm in Reading, now we're in Newbury", "Newbury"),
    ("we went to Lapland last winter and loved it", None),
    ("I've just moved from Bristol to Bath", "Bath"),  # where the move ends is now
    ("мы были в Казани, хотим заказать у вас", "Казань"),  # a visit, not said to be past and done with
])
def test_where_the_customer_lived_or_went_before_is_no_place_of_the_need(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("в Тольятти, кафе «Лондон», второй этаж", "Тольятти"),
    ("праздник в ресторане «Париж»", None),
    ('we booked the "Paris" suite at the hotel', None),
])
def test_a_name_in_quotation_marks_is_no_place(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Москва, кафе на Тверской", "Москва"),  # a street called after a town, its "улица" unsaid
    ("мы на Садовой, дом 5", None),
    ("живём на Арбате", "Арбат"),  # a district after "на" is a noun
])
def test_a_street_after_on_is_no_place(text, expected):
    assert find_location(text) == expected


def test_a_ride_to_an_airport_ends_there_though_the_customer_flies_on():
    assert find_location("до Шереметьево, прямо в аэропорт, оттуда летим в Ереван") == "Шереметьево"
    assert find_location("прилетаем в Ереван, оттуда в Гюмри") == "Гюмри"  # no airport: the trip goes on


@pytest.mark.parametrize("text,expected", [
    ("в батайске, ресторан «Берлин», это на ленина", "Батайск"),  # the head of the reply, in lower case
    ("the static caravan in ewhurst needs a new roof", "Ewhurst"),  # after the site of the work
    ("i'm in oak park, moved last month", "Oak Park"),  # after where the customer lives, though its words are words
    ("I'm in two minds about it", None),
    ("the house is in good condition", None),
    ("we're in the process of selling", None),
])
def test_a_town_written_in_lower_case_where_a_place_stands(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,asked,known,expected", [
    ("we're a Leeds events company, the crew travels", None, "Ilkley", "Ilkley"),  # the firm's town keeps the place known
    ("we're a Leeds events company", None, None, "Leeds"),  # the only place: where the customer is
    ("Hi, writing for my gran who lives on a farm about 30km out of Dubbo, I'm in Sydney", None, None, "Dubbo"),
])
def test_the_customers_firm_or_home_and_a_farm_out_of_a_town(text, asked, known, expected):
    lead = extract_lead(text, settings=GB, asked=asked, known=LeadData(location=known) if known else None,
                        earlier=[f"The event is in {known}"] if known else [])
    assert (lead.location or known) == expected


def test_a_town_in_o_and_a_town_declined_alike():
    assert find_location("я в Пушкине живу") == "Пушкин"  # the masculine town: people leave "Пушкино" undeclined
    assert find_location("мы в Пушкино") == "Пушкино"


def test_transliterated_prepositions_before_a_bare_place():
    place = find_place("v Konakovo, ul. Lesnaya 3", asked=True)
    assert place is not None and place.name == "Konakovo"


def test_a_person_before_the_city_is_no_part_of_it():
    assert find_location("Мама в Твери") == "Тверь"


@pytest.mark.parametrize("text,expected", [
    ("in Kent, near Ashford", "Ashford"),  # the county, then the town the customer is near
    ("we're in Cornwall, St Ives", "St Ives"),
    ("в Подмосковье, Королёв", "Королёв"),
    ("we live in Kent", "Kent"),  # the county alone stands
    ("Leeds, Headingley", "Leeds, Headingley"),  # a city ISO also names as a borough is no county
    ("Norfolk, in a village", "Norfolk"),  # no town after it
])
def test_a_town_said_after_its_region_is_the_place(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("you guys are in Leeds right? I'm in Wakefield", "Wakefield"),  # the company's town, asked about
    ("are you lot still in Bristol?", None),
    ("we're going to the Edinburgh Festival, we live in Glasgow", "Glasgow"),  # an event called after its city
    ("a venue for the festival in Edinburgh", "Edinburgh"),  # where the event is, said as a place
])
def test_the_companys_town_and_an_event_called_after_a_city(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("a studio in Fitzroy quoted $900, too much", None),  # another firm's price
    ("в Жлобине нам предлагали за 700, дорого", None),
    ("Мальта, в Англию в прошлом году уже ездили", "Мальта"),  # the past said after the place
    ("в Москве были бы рады вас видеть", "Москва"),  # a wish, not the past
    ("I need a headstone for my husband, he is buried in Tramore", "Tramore"),  # where he lies is the site
    ("he is in Leeds for work", "Leeds"),
    ("not counting the Home Office fee", None),  # a hamlet is called so, but it is a word first
    ("for our Sandton office", "Sandton"),
    ("в детском кафе, это Южное Бутово", "Южное Бутово"),  # the last clause says which place it is
])
def test_another_firms_quote_the_past_and_the_site_of_a_grave(text, expected):
    assert find_location(text) == expected


def test_a_town_iso_names_a_borough_after_is_no_region():
    assert find_location("We're in Warrington, happy to drive over to Liverpool to see it") == "Warrington"
    assert find_location("We're in Reading, happy to drive over to Oxford to see it") == "Reading"


@pytest.mark.parametrize("text,expected", [
    ("Kings Heath", "Kings Heath"),  # a place's first word that is a word too, and a place's last word
    ("Upper Norwood", "Upper Norwood"),
    ("Kevin Park", None),  # a person
    ("Каменный остров, 3 этаж", "Каменный остров"),  # as GeoNames writes it, with the word for an island
    ("Bedford, 20 minutes from you", "Bedford"),  # how far from the company, as only a place is
    ("Anna, about 10 min from you", None),  # a person signing, though far
    ("ой, мы переехали, теперь Самал-3, дом 8", "Самал-3"),  # a correction naming the new address
    ("теперь Анна, дом 5", None),
])
def test_a_district_by_its_own_words_and_a_place_by_how_far_it_is(text, expected):
    assert find_location(text) == expected
