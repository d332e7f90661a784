"""Places as a careful reader takes them (issue 15's fifth pass): a reply that opens or ends with a
town, whatever the bot had asked; a two-word city whose first word alone is a word; a place said in
the same breath as the customer's name; districts named by an adjective; text typed all in lower
case; English towns with "-on-the-"; and a city's name that only starts an organisation's or a time
zone's name."""

from __future__ import annotations

import pytest

from salesbot.extract import extract_lead
from salesbot.extract.location import Place, find_place
from salesbot.extract.wordlists import is_place, place_size
from salesbot.models import BotSettings, LeadData

RU = BotSettings(phone_region="RU")
KZ = BotSettings(phone_region="KZ")
GB = BotSettings(phone_region="GB")
US = BotSettings(phone_region="US")


def _settings(text: str) -> BotSettings:
    return (GB if "pound" in text or "£" in text else US) if text.isascii() else RU


@pytest.mark.parametrize("asked", ["contact", "phone", "budget", None])
@pytest.mark.parametrize("text,expected", [
    ("Клин, улица Мира 5", "Клин"),  # a word first, but not before a street
    ("Пушкин, Октябрьский бульвар 20", "Пушкин"),  # a surname first, but not before a street
    ("Зарайск, там у нас и дом и участок, всё рядом", "Зарайск"),  # a town, then words about it
    ("желательно Кунцево, рядом с парком и метро", "Кунцево"),  # a hedge, a district, a wish about it
    ("Boise, is that in your area?", "Boise"),  # a town, then a question about it
    ("Yakima, same as the last job", "Yakima"),
    ("same address as last time, Yakima", "Yakima"),  # a town closing the reply
    ("Марина, звоните после обеда", None),  # a name, though towns are called so
    ("Отлично, спасибо", None),
    ("Thanks, Sydney", None),  # a person signing, though a city is called so
    ("Ok, Friday then", None),
    ("Понятно, а сколько стоит?", None),
    ("Hello, is anyone there?", None),
    ("Дом, кирпичный, два этажа", None),  # a thing first, though a village is called so
])
def test_a_short_reply_opening_or_closing_with_a_town_names_it(text, expected, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("ООО «Ромашка», ИНН 7701234567, Нижний Тагил, ул. Ленина 5", "Нижний Тагил"),
    ("склад у нас Нижний Тагил, разгрузка с торца", "Нижний Тагил"),
    ("Нижний ящик у шкафа сломан", None),  # the first word alone is a word
])
def test_a_two_word_city_is_a_city_though_its_first_word_alone_is_not(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("Hi, it's Marek from Gdansk, we need a booking system", US, "Gdansk"),
    ("Это Оксана из Гомеля, нужна кухня", RU, "Гомель"),
    ("Hi, this is Tom from Harrogate, after a quote for a loft", GB, "Harrogate"),
])
def test_a_place_said_with_the_customers_name_is_kept(text, settings, expected):
    lead = extract_lead(text, settings=settings)
    assert lead.name is not None and lead.location == expected


@pytest.mark.parametrize("text,expected", [
    ("снять комнату в Таганском районе", "Таганский"),
    ("офис в Центральном районе", "Центральный"),
    ("квартира в Железнодорожном районе, вторичка", "Железнодорожный"),
    ("ищем в Кировском районе", "Кировский"),
])
def test_a_district_named_by_an_adjective_is_in_the_nominative(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("здравствуйте свадьба в конце мая в егорьевске нужен фотограф на весь день", "Егорьевск"),
    ("добрый вечер нужна уборка после ремонта в кашире дом два этажа", "Кашира"),
    ("hi we want a week in corfu in august for two adults and a toddler", "Corfu"),
    ("looking for someone to clean my flat in harrogate every other week", "Harrogate"),
    ("hi we need a photographer in june for the whole day", None),  # a month, not a place
    ("can you come out in the evening to look at the boiler", None),
])
def test_a_place_in_a_message_typed_all_in_lower_case(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("we've bought a cottage near Bourton-on-the-Water and want a new kitchen", "Bourton-on-the-Water"),
    ("the house is in Newcastle-under-Lyme", "Newcastle-under-Lyme"),
    ("I'm on Chicago time, so evenings are best", None),  # a time zone is not where the need is
    ("Dr. Kaur at Leicester Dental Studio recommended you", None),  # the start of a practice's name
    ("my GP at Bristol Family Clinic referred me", None),
    ("a flat near Manchester Airport", "Manchester"),
])
def test_english_towns_with_the_and_names_that_only_begin_with_a_city(text, expected):
    assert extract_lead(text, settings=GB).location == expected


def test_where_the_customer_still_is_does_not_replace_the_place_of_the_need():
    known = LeadData(location="Bourton-on-the-Water")
    assert extract_lead("we're still in Fresno till May", settings=GB, known=known).location is None
    assert extract_lead("we're currently in Fresno", settings=GB).location == "Fresno"  # no other place: where they are


@pytest.mark.parametrize("name", ["Өскемен", "Оскемен", "Құлсары", "Кулсары", "Сатбаев"])
def test_a_town_of_kazakhstan_that_geonames_writes_only_in_kazakh_letters(name):
    assert is_place(name)  # its Kazakh letters read as their Russian look-alikes, as people write them


@pytest.mark.parametrize("name,size", [("Saint Petersburg", 3), ("Нячанг", 2), ("Тюмень", 2), ("Chorlton", 0), ("Texas", 3), ("Chorltonbury", None)])
def test_a_place_knows_how_large_the_largest_place_of_its_name_is(name, size):
    assert place_size(name) == size


@pytest.mark.parametrize("text,expected", [
    ("Нячанг, две недели в феврале, 2 взрослых, что посоветуете?", "Нячанг"),
    ("Cancun 7 nights for 2 adults in March, all inclusive please", "Cancun"),
    ("Киров Игорь, нужен ремонт ванной под ключ", None),  # a surname first, though a city is called so
    ("Орёл на капоте поцарапан, сколько стоит покраска?", None),  # a word first
    ("Phoenix Marketing referred us to you for a new website", None),  # a word, and a business
])
def test_a_city_opening_a_message_as_its_heading(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("asked", ["contact", None])
@pytest.mark.parametrize("text,expected", [
    ("Brockley Green", "Brockley Green"),  # a district no list holds, named as English places are
    ("Maida Vale", "Maida Vale"),
    ("Maida Vale, near the canal", "Maida Vale"),  # read as a name too, but a place first
    ("Sutton Heath", "Sutton Heath"),  # the whole name, not the larger town it begins with
    ("Tom Wood", None),  # a person
    ("Dead End", None),  # words
    ("Hello Park", None),
    ("Liberty Village", "Liberty Village"),  # no surname ends so, though Liberty is a first name and a word
    ("Kevin Park", None),
])
def test_a_district_named_with_an_english_place_word(text, expected, asked):
    assert extract_lead(text, settings=GB, asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Do you do office cleaning in NoMa?", "NoMa"),
    ("we just bought a house in McKinney", "McKinney"),
    ("our shop is built in WordPress", None),  # a program, written alike
    ("we sell mostly on YouTube and TikTok", None),
])
def test_a_place_with_a_capital_inside_its_name(text, expected):
    assert extract_lead(text, settings=US).location == expected


@pytest.mark.parametrize("text,asked,expected", [
    ("Ильинский, это Раменский район", "contact", "Ильинский"),  # a town named by an adjective, then its district
    ("Никольское, Тверская область", None, "Никольское"),
    ("Горки, Тверская обл", "contact", "Горки"),  # a plural the dictionary reads as a thing
    ("Горки, Тверская обл, от Твери 40 км", "contact", "Горки"),  # a city measured from is no place of the need
    ("Новосибирская область, Бердск", "contact", "Бердск"),  # the region first, then the town
    ("дача в Тверской области, Горки", None, "Горки"),
    ("it's a village called Grassington in North Yorkshire", None, "Grassington"),
    ("Отлично, Московская область", "contact", "Московская область"),  # no town beside it
    ("Анна, Московская область", "contact", "Московская область"),  # a person beside it
])
def test_a_small_town_is_not_replaced_by_its_region(text, asked, expected):
    assert extract_lead(text, settings=_settings(text), asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("тихий район, зелёный", None),  # what the area should be like, not where it is
    ("спальный район, не центр", None),
    ("somewhere with good schools", None),
    ("a quiet area near a park", None),
    ("хороший район Самары", "Самара"),
    ("Центральный район", "Центральный"),  # a district's name
    ("city centre", "City Centre"),
])
def test_a_wish_for_the_area_is_no_place(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("командировка, нужна квартира в Колкате на месяц", "Колката"),  # in the nominative, though GeoNames holds the form among its names
    ("moving to São Paulo in the autumn", "São Paulo"),  # a foreign town with its accents
    ("a long weekend in Kraków", "Kraków"),
    ("we live in Düsseldorf", "Düsseldorf"),
    ("Spanish lessons, or classes in Español", None),  # a language, written with an accent
])
def test_foreign_towns_in_any_case_and_with_their_accents(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("в Мадриде пересадка, дальше в Севилью", "Севилья"),  # a change of planes, then the trip's place
    ("прилетаем в Стамбул, оттуда в Анталью", "Анталья"),
    ("fly into Doha then on to the Maldives", "Maldives"),
    ("layover in Dubai, then Bali", "Bali"),
    ("пока в Москве, но переезжаем в Калугу", "Калуга"),  # where the customer is for now
    ("сейчас я в Сочи, но дом нужен в Туапсе", "Туапсе"),
    ("с пересадкой в Дохе", None),  # a stop on the way alone is no place
    ("заночуем в Твери по пути", None),
    ("хотим в Прагу, потом подумаем", "Прага"),  # "потом" with no place after it goes nowhere
    ("кухня в Казани, потом, может, и в Иннополисе", "Казань"),  # a second wish, no journey
    ("a kitchen in Leeds, then maybe a bathroom in York", "Leeds"),
])
def test_a_stop_on_the_way_gives_way_to_where_the_trip_goes(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("квартира на Уралмаше в Екатеринбурге", "Екатеринбург, Уралмаш"),  # a district named after its plant, with "на"
    ("ищем двушку в Уфе в Черниковке", "Уфа, Черниковка"),  # a district no dictionary holds, by its ending
    ("квартира в Москве в Хамовниках", "Москва, Хамовники"),
    ("a flat in Clifton in Bristol", "Bristol, Clifton"),
    ("we're in the Jericho neighbourhood of Oxford", "Oxford, Jericho"),
    ("Kreuzberg in Berlin", "Berlin, Kreuzberg"),
    ("Austin, Hyde Park neighborhood", "Austin, Hyde Park"),
    ("в Москве в декабре", "Москва"),  # a month
    ("работаю в Москве в Сбербанке", "Москва"),  # a firm the dictionary knows
    ("офис в Казани на Баумана", "Казань"),  # a street named after a person
    ("в Москве на Ленинском", "Москва"),  # a street named by an adjective
    ("ask Tom in Leeds", "Leeds"),  # a person
    ("a flat in London in June", "London"),
    ("на Кипр в Лимассол", "Лимассол"),  # a country before its town
])
def test_a_district_said_with_its_city_and_a_preposition(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("asked", ["location", None])
@pytest.mark.parametrize("text,expected", [
    ("в Москве, недалеко от станции Тушинская", "Москва"),  # the city, not the station beside it
    ("Новосибирск, м. Речной вокзал", "Новосибирск"),
    ("в купчино, у метро Звёздная", "Купчино"),  # a district, then its station
    ("Санкт-Петербург, Приморский район, у метро Пионерская", "Санкт-Петербург, Приморский"),
    ("Leeds, near the station", "Leeds"),
    ("Tanjong Pagar, near the MRT", "Tanjong Pagar"),
    ("квартира у метро Заельцовская, 5 этаж без лифта", None),  # a station alone names no place
    ("у метро Сокол", None),  # though a district is called so too: the customer named the station
    ("метро Сокол", None),
    ("в районе метро Профсоюзная", None),
    ("станция метро Тушинская", None),
    ("near Victoria station", None),
    ("Kings Cross station", None),
    ("close to the tube station", None),
])
def test_a_metro_or_railway_station_is_a_landmark_not_the_place(text, expected, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Jesmond", "Jesmond"),  # a district GeoNames knows, though a dictionary of names knows it too
    ("Chelsea", "Chelsea"),
    ("Черниковка", "Черниковка"),  # a district no list holds, that no dictionary reads as a word
    ("в Черниковке", "Черниковка"),
    ("на Уралмаше", "Уралмаш"),  # a district named after its plant
    ("Oliver", None),  # our own list of names holds it: the customer gave a name
    ("Марина", None),
    ("Сбербанк", None),  # a firm the dictionary knows
    ("Спасибо", None),
])
def test_a_bare_reply_to_where_names_a_district_no_list_holds(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("Переезд Харьков - Киев, однокомнатная квартира", "Киев"),  # a route's dash: the move's destination
    ("Moving cross country, Boston to Seattle, 1 bedroom", "Seattle"),
    ("Хотим катер на день, от Костромы до Плёса и обратно", "Плёс"),  # where the trip goes
    ("Надо доставить диван со склада в Химках к нам домой в Москву", "Москва"),  # where the goods are delivered
    ("moving my stuff from a storage unit in Round Rock to my new place in Pflugerville", "Pflugerville"),
    ("leaving from Rose Bay, stopping at Manly and ending up at Palm Beach", "Palm Beach"),
    ("Дом в Истре, до Москвы 40 км", "Истра"),  # a distance measured to a city
    ("We're up in Katoomba, is it worth driving down to Penrith?", "Katoomba"),  # a drive to the clinic is no destination
    ("packing only at our old place in Bristol, we're driving the van to Cardiff ourselves", "Bristol"),
])
def test_a_route_and_a_delivery_end_where_the_goods_or_the_trip_go(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("I'm in Ilkley, can you collect? Your workshop is in Leeds right?", "Ilkley"),  # the company's own premises
    ("Ваша мастерская в Москве? Я сам из Ярославля, можете забрать?", "Ярославль"),
    ("Нужен перевод диплома для посольства Германии в Москве. Сама я в Казани", "Казань"),  # an office papers go to
    ("is your office in Leeds?", None),
])
def test_the_companys_place_or_an_embassys_is_not_the_customers(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Сам живу на Химмаше", "Химмаш"),  # where the customer lives: a district no list holds, in the nominative
    ("мы живём на Чиланзаре", "Чиланзар"),  # masculine, though the dictionary guesses a feminine place
    ("Мы живём в Уручье", "Уручье"),
    ("живу на Позняках, собака маленькая", "Позняки"),
    ("в районе Оболони", "Оболонь"),  # a district's name in the genitive after "район"
    ("в районе Марьино", "Марьино"),
    ("Живу на Эльмаше, Екатеринбург", "Екатеринбург, Эльмаш"),  # a district, then its city after a comma
    ("We're in Mueller, Austin", "Austin, Mueller"),
    ("we live in Kitsilano, Vancouver", "Vancouver, Kitsilano"),
    ("мы на Пасху уедем", None),  # a holiday, a firm, a street: never a district
    ("я в Сбербанке работаю", None),
    ("живём на Садовой", None),
    ("живу в Туле", "Тула"),
    ("живу на Троещине", "Троещина"),  # the nominative GeoNames lists, where the dictionary guesses another
    ("Our house is in the Mueller neighborhood", "Mueller"),
])
def test_a_district_where_the_customer_lives(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


def test_a_district_before_its_city_as_a_bare_reply():
    assert extract_lead("Hyde Park, Leeds", settings=GB, asked="location").location == "Leeds, Hyde Park"


@pytest.mark.parametrize("text,expected", [
    ("Hi, my golden retriever Denver needs a full groom", None),  # a pet or a person called after a city
    ("our dog Sydney is a bit nervous", None),
    ("кот Париж не ест третий день", None),
    ("Something like the Bristol menu on your website?", None),  # a city as a word about a thing
    ("I work for Manchester United Foundation remotely", None),  # an employer
    ("нужно перевести договор с компанией из Лондона", None),  # another firm's place
    ("my marriage certificate was issued in Madrid", None),  # where a document was issued
    ("are you in Leeds?", None),  # where the company is
    ("Вы находитесь в Москве?", None),
    ("Вы работаете в Подольске?", "Подольск"),  # where the customer wants the service
    ("a flat in the London area", "London"),
    ("a trip with my son to Paris", "Paris"),
])
def test_a_city_that_names_no_place_of_the_customers(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Armley, just off Town Street", "Armley"),  # the street or the landmark beside a district is dropped
    ("Кунцево, рядом с парком", "Кунцево"),
    ("Lake Oswego, near the library", "Lake Oswego"),
])
def test_a_bare_reply_drops_the_street_beside_its_place(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("Need movers. Picking up in Boulder, dropping off in Denver", "Denver"),  # where the goods are dropped off
    ("Restoring a Georgian table. I'm in Bath, bought it at auction in Bristol", "Bath"),  # where a thing was bought
    ("I inherited a dresser from my aunt in Dallas, now it's here in Austin", "Austin"),  # a relative's town
    ("I need documents translated for my visa to Germany. I'm in Chicago", "Chicago"),  # a visa's country
    ("My daughter needs a math tutor. We live in Pflugerville, she goes to school in Round Rock", "Pflugerville"),
    ("Репетитор для сына, живём в Бердске, а учится он в Новосибирске", "Бердск"),
    ("he's at school in Leeds", None),  # neither the need's place nor where the customer lives
    ("documents for my visa to Germany", None),
    ("I'm in Bend, can drive it up to Portland to pick up", "Bend"),  # a drive to the company
    ("Flying into Salt Lake City, then driving to Moab. Want to rent 2 mountain bikes there", "Moab"),  # the trip's own
    ("We're relocating from Calgary to Burnaby for work, 2 bdrm condo", "Burnaby"),
    ("I live in Portland but the house is in Lake Oswego", "Lake Oswego"),  # the need's place still wins
])
def test_a_place_tied_to_something_else_gives_way_to_where_the_customer_lives(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    # the visa is the need itself: its country is where the need leads
    ("Нам нужна туристическая виза в Японию, летим в апреле", "Япония"),
    ("we need help applying for a spouse visa to Ireland", "Ireland"),
    ("нужна виза в Канаду, сами мы из Алматы", "Канада"),  # over where the customer comes from
    # a place at a university or college someone has won is where they are going
    ("сын поступил в университет в Праге, нужна помощь с общежитием", "Прага"),
    ("my daughter was accepted at a college in Vancouver", "Vancouver"),
    # a visa that is only what another need is for, or a school someone is at, names no place of the need
    ("нужно перевести справку для визы в Японию", None),
    ("my son is at university in Leeds", None),
    ("I need a visa photo, I live in Bristol", "Bristol"),
])
def test_a_visa_or_a_place_at_a_university_sought_is_the_place_of_the_need(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("asked", ["contact", "need", None])
@pytest.mark.parametrize("text,expected", [
    ("Уручье", "Уручье"),  # a district no list holds, ending as villages and districts do
    ("Mueller area", "Mueller"),  # a part of town, by the word for it
    ("the Jericho neighbourhood", "Jericho"),
    ("Айгерим", None),  # a first name, whatever the bot asked
    ("Анжелика", None),
    ("Tom area", None),
])
def test_a_reply_naming_only_a_district_whatever_the_bot_asked(text, expected, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    # Places listed after the words for passing through are all passed through.
    ("поедем на машине из Москвы через Тверь и Петрозаводск, домик нужен в Сортавале", "Сортавала"),
    ("удалёнщики из Москвы, поедем через Новгород и Петрозаводск", "Москва"),  # nowhere else: where they are from
    # A smaller place before the larger one it is near.
    ("we bought a holiday house in Werder near Potsdam", "Werder"),
    ("у нас дача под Брестом, в деревне Тельмы", "Тельмы"),
    # Someone else's story, guests, staff: not the customer's place.
    ("a mate had his done for 1200 quid in Bath, I'd pay up to 1500", None),
    ("половина гостей едет из Петрозаводска на автобусе", None),
    ("Олонец или рядом, часть сотрудников приедет из Петрозаводска", "Олонец"),
    ("it's Natasha from a small accounting firm in Bondi Junction", "Bondi Junction"),  # the customer's own firm
    ("we just bought a house in Collingwood. We're in Toronto until the sale closes", "Collingwood"),
    ("I'm in Pittsburgh, I'd drive over via Wheeling and stay at my sister's in Dublin OH", "Pittsburgh"),
    ("we're in Westerville. She'll be driving it down to Athens for college", "Westerville"),
    # Where the customer only stays or works for now.
    ("сама я в Туле живу, мама в Москве, Марьино", "Москва, Марьино"),
    ("живём в кольцово но сейчас я в командировке в томске", "Кольцово"),
    ("я сейчас в Москве работаю, а родители строят дом в Кибрае", "Кибрай"),
    # A district by its city with a hyphen, a district with its number, a house on a district.
    ("our apartment building in Berlin-Pankow", "Berlin, Pankow"),
    ("a 12-person studio in Munich-Schwabing", "Munich, Schwabing"),
    ("мы на Самале-2 живём", "Самал-2"),
    ("частный дом на Осокорках", "Осокорки"),
    ("квартира на Уралмаше в Екатеринбурге", "Екатеринбург, Уралмаш"),
    ("можно в сумах по курсу", None),  # money, not the town Сумы
])
def test_places_as_the_independent_development_set_writes_them(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("арамиль улица садовая дом двенадцать", "Арамиль"),  # a town typed in a hurry, its street dropped
    ("Chipping Campden if you've got anything", "Chipping Campden"),
    ("Bourton-on-the-Water ideally, the kids' school is there", "Bourton-on-the-Water"),
    ("Ну, посмотрим", None),
])
def test_a_reply_to_where_with_more_after_the_place(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("Online", None), ("Same as before", None), ("Home visit please", None), ("At home", None),  # no place in them
    ("Zoom", None), ("Teams call is fine", None), ("Either", None), ("Well, it depends", None),
    ("Любой район", None), ("Ближе к центру", None),  # any district, a wish
    ("Hackney", "Hackney"), ("Chester", "Chester"), ("Reading", "Reading"),  # places that are words too, alone
    ("Центральный район", "Центральный"),
])
def test_a_reply_to_where_that_names_no_place(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("Not Manchester, it's actually Leeds", "Leeds"), ("не в Москве, а в Химках", "Химки"),
    ("sorry, I meant Leeds not Bradford", "Leeds"), ("переезжаем не в Минск, а в Гродно", "Гродно"),
    ("не в Москве", None),
])
def test_the_place_said_instead_of_another(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("see you at your Bradford showroom", None),  # the company's
    ("I saw your ad in the Manchester Evening News", None),  # a newspaper's name
    ("a flat near Leeds University", "Leeds"),
])
def test_a_city_that_begins_a_name_of_the_companys_or_a_papers(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("asked", ["contact", None])
@pytest.mark.parametrize("text,expected", [
    ("арамиль улица садовая дом двенадцать", "Арамиль"),  # whatever the bot asked: a town typed in a hurry, its street
    ("Bourton-on-the-Water ideally, the kids' school is there", "Bourton-on-the-Water"),  # named as only towns are
    ("Нужен дизайн-проект на двушку 56 м2 в Лошице. Сами сейчас в Гомеле", "Лошица"),  # where the flat is
    ("квартиру в Сбербанке оформляли", None),
])
def test_a_place_whatever_the_bot_asked(text, expected, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Оболонь", "Оболонь"),  # a word to the dictionary, a district of 100,000 people to GeoNames
    ("Иванов", None), ("Спасибо", None),
    ("Plagwitz, Leipzig", "Leipzig, Plagwitz"),  # a district GeoNames does not list, beside its city
    ("Косшы, под Астаной", "Косшы"),  # the smaller place, said with the larger one it is near
])
def test_a_reply_naming_a_place_unasked(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="contact").location == expected


@pytest.mark.parametrize("text,expected", [
    ("tutoring in French and Dutch", None), ("a course in Hindi", None), ("lessons in Spanish", None),  # languages
    ("lessons in Maths", None), ("is it better in Oak or Walnut?", None), ("bought in Decathlon", None),  # words
    ("I'm in Year 10", None), ("the appointment in Room 4", None),  # numbered
    ("a flat in Reading", "Reading"), ("holiday in Tonga", "Tonga"), ("moving to Wales", "Wales"),  # places all the same
    ("we'd love to go to Japan, Kyoto mostly", "Kyoto"),
])
def test_a_capitalised_word_after_in_that_is_no_place(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text", [
    "уезжаем в Грузию на две недели, возьмёте кота?",
    "while we're in Lisbon over Easter, can you board the dog?",
    "I fly to Poland to visit my family, need someone for the cat",
    "my previous tutor in Leeds moved away",
    "she moved to Denver last year so I need a new teacher",
    "had my knee done in Porto 2 months ago, need rehab",
    "send the invoice to Halden GmbH please",
    "my German number doesn't work in Spain",
])
def test_a_place_the_customer_goes_away_to_or_of_someone_else_or_the_past_is_none(text):
    assert extract_lead(text, settings=_settings(text)).location is None


@pytest.mark.parametrize("text,expected", [
    ("мы живём на Бурдинке", "Бурдинка"),  # the feminine, not a guessed masculine "Бурдинк"
    ("у тёщи в Кармаскалах дом, туда нужен электрик", "Кармаскалы"),  # a place said in the plural is named so
    ("мы на Зелёной Роще живём", "Зелёная Роща"),
])
def test_a_district_no_list_holds_in_the_nominative(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("asked", ["contact", "budget", None])
@pytest.mark.parametrize("text,expected", [
    ("Аксай-4", "Аксай-4"),  # a numbered part of a town
    ("Бердск дом двадцать один", "Бердск"),
    ("Woodhatch, off Lonesome Lane", "Woodhatch"),
    ("Glenbrae, Co. Antrim", "Glenbrae"),
    ("Tiong Bahru, near the market", "Tiong Bahru"),
    ("Ebersried, it's 15 min north of Augsburg", "Ebersried"),
    ("Kastanienallee 40, Prenzlauer Berg, 2nd floor", "Prenzlauer Berg"),
    ("Coolkeeragh Bay. We live in Belfast most of the year", "Coolkeeragh Bay"),
])
def test_a_reply_opening_with_a_place_the_rest_of_it_locates(text, expected, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked).location == expected


@pytest.mark.parametrize("text", ["Thanks, near the station", "Sure, off Main Road", "Kylie, near the park"])
def test_a_greeting_an_answer_or_a_person_before_a_landmark_is_no_place(text):
    assert extract_lead(text, settings=_settings(text), asked="contact").location is None


@pytest.mark.parametrize("text,expected", [
    ("мы недавно переехали из Караганды, номер пока старый", None),
    ("площадка у вас где? я с Балхаша", "Балхаш"),
    ("my cousin does the books, she's a bookkeeper in Nevada", None),
    ("I'm travelling in Asia so email is best", None),
    ("we live in Box near Corsham", "Box"),
    ("hi, it's the bakery in the Jewellery Quarter, Birmingham 🙂 need two panels", "Birmingham, Jewellery Quarter"),
])
def test_where_the_customer_moved_from_comes_from_travels_or_is_near(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("банкетный зал в Озерище, человек 70", "Озерище"),  # a noun before "в": where a thing stands
    ("работаю в Ростелекоме, хочу кухню", None),  # a verb before "в": where the customer works
    ("We just bought a bungalow. Millbrae, a bungalow on Cedar Ave", "Millbrae"),
])
def test_a_village_where_a_thing_stands_and_a_later_sentence_with_its_address(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Tyler, TX", "Tyler, TX"),  # a town with its state, though a first name too
    ("bexley near the station", "Bexley"),  # typed in lower case, a place the rest of the reply locates
])
def test_a_town_with_its_state_or_a_landmark_though_a_name_or_lower_case(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected
    assert extract_lead(text, settings=_settings(text)).name is None


@pytest.mark.parametrize("text,expected", [
    ("посёлок Зелёный Дол, участок 12 соток", "Зелёный Дол"),  # a village of two words
    ("село Покровское Тульской области", "Покровское"),  # not the region's adjective after it
    ("живём в пгт Ярега", "Ярега"),  # where the customer lives, when no other place is named
    ("сами из деревни Петровка, а дом строим в Твери", "Тверь"),  # a village they come from is no part of the city
])
def test_villages_of_two_words_and_where_they_are_from(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Баню ставим на участке в Кудинове, брус есть", "Кудиново"),  # listed; the dictionary guesses a surname "Кудинов"
    ("Нужна кухня, живём в Алпатове", "Алпатово"),  # a surname the dictionary knows, a village GeoNames lists
    ("Доставка в Дедовичи возможна? Мы в Дедовичах", "Дедовичи"),
])
def test_a_village_grammar_names_as_villages_are_named(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Ищем дом в Верхнекозлове, недалеко от трассы", "Верхнекозлово"),  # no list holds these villages
    ("Купили участок в Глуховичах, нужен забор", "Глуховичи"),
    ("нужна уборка дачи под Крутоярском", "Крутоярск"),
    ("Шкаф нужен, доставка в Кривоборке возможна?", "Кривоборка"),
    ("Ключарёво, Тверская обл, от трассы 3 км", "Ключарёво"),  # beside its region
    ("Кривоборка, улица Садовая 3, частный дом", "Кривоборка"),  # before its street
    ("Свадьба в Красюковской, нужен фотограф на весь день", "Красюковская"),  # a stanitsa, feminine as "станица"
    ("Сын учится в Красюковской гимназии", None),  # an adjective of the noun after it
    ("Работаю в Сбербанке, нужна ипотека", None),  # a firm the dictionary knows
    ("Купили в Ромашке диван", None),
])
def test_a_village_no_list_holds_is_read_by_its_shape(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Озерищенское", "Озерищенское"),  # named as villages are, and no dictionary knows it
    ("Верхнекозлово", "Верхнекозлово"),
    ("Жахонгир", None),  # a person's name, no village's shape, answering what the customer expected to be asked
    ("Ашан", None),  # a firm the dictionary knows
])
def test_a_bare_reply_to_where_names_a_village_no_list_holds(text, expected):
    assert extract_lead(text, settings=RU, asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("дача в Горицах, нужна уборка после зимы", "Горицы"),  # GeoNames lists Горица too: the plural said is the one
    ("живём в Хандыге, нужен котёл", "Хандыга"),  # a declining reading before one guessed indeclinable
])
def test_a_place_is_read_in_the_nominative_of_the_number_it_is_said_in(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("едем на Алтай через Бийск, хотим домик в Чемале на три ночи", "Чемал"),  # the lodging's village, not the region
    ("мы офисом в Минске, банкет в Ратомке, человек сорок", "Ратомка"),  # the venue, not where the firm sits
    ("Берём диван со склада в Люберцах, привезти на дачу в Кратово", "Кратово"),  # the warehouse is where it comes from
    ("Coming down to Devon next week, the cottage in Lympstone needs a survey", "Lympstone"),
    ("need my son's stuff moved from his flat in Headingley back home to Otley", "Otley"),
])
def test_the_site_of_the_work_or_where_the_goods_go_outranks_the_other_places(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("перевезти пианино с Химмаша в Кумбатыр, там частный дом", "Кумбатыр"),  # as a direction names it
    ("участок купили в Чернопятах, нужна съёмка", "Чернопяты"),  # the plural, in its nominative
    ("дача в Богослове, сам живу в Купчино", "Богослово"),  # though a dictionary knows a theologian so spelt
    ("Работаю в Сбербанке, нужна ипотека", None),  # no site before it: a firm the dictionary knows
])
def test_a_village_no_list_holds_where_the_site_or_the_goods_are(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("can you bring a sofa from a shop in Kendal to Windermere on Saturday", "Windermere"),  # the shop is where it starts
    ("летим в Турцию, номер в отеле в Кемере нужен с 5-го", "Кемер"),  # a hotel room, no phone number
    ("the seller's in Stamford, I'm in Oakham, it needs bringing to mine", "Oakham"),  # the other side of the deal
    ("продавец в Твери, а я в Конакове, привезти надо ко мне", "Конаково"),
    ("продавец участка в Кратове говорит, что границы на месте", "Кратово"),  # the plot's own place, not the seller's
    ("I live up in Brisbane, the rental is in Katoomba", "Katoomba"),
    ("лабрадор, год и два месяца, команды не слушает", None),  # a dog to a reader, though the dictionary knows a peninsula
])
def test_a_place_of_someone_elses_a_start_or_where_the_customer_lives_gives_way(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,asked", [
    ("we're back home in Regina right now, my cell works down there too", "phone"),
    ("я пока в Смоленске, в Минск приезжаю по пятницам", "phone"),  # where the customer comes now and then
    ("Work phone is a Belfast one, the mobile is better", "phone"),  # a phone line's city
    ("We're Leeds-based so can't attend ourselves", None),
])
def test_where_the_customer_is_said_later_does_not_replace_the_site(text, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked, known=LeadData(location="Fountain Hills")).location is None


@pytest.mark.parametrize("text,expected", [
    ("It's Hawkshead, in the Lake District. We live in Leeds so someone local has the keys", "Hawkshead"),  # unlisted
    ("Grassington, as I said. We're Leeds-based so can't be there", "Grassington"),
    ("Gahanna off of Main Street near the library", "Gahanna"),
    ("Юбилейный", "Юбилейный"),  # a settlement named by an adjective, alone
    ("прикубанский", "Прикубанский"),
    ("Фестивальный", "Фестивальный"),  # a district no list holds, by an adjective of relation
    ("Удобный", None),  # an adjective of quality is said of a place, never its name
    ("Неважный", None),
])
def test_a_reply_to_where_names_the_smaller_place_or_an_adjectives_district(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,asked,expected", [
    ("we're in Didsbury, south Manchester", None, "Didsbury"),  # the city named by its quarter is what it is in
    ("Kingsbury in north west London", "location", "Kingsbury"),
    ("we're near Leeds, in Horsforth", "location", "Horsforth"),  # what the place is near gives way to it
    ("small village near York, Haxby", "location", "Haxby"),
    ("Leeds - Chapel Allerton", "location", "Leeds, Chapel Allerton"),  # a district of two words beside its city
    ("Москва, Марьина Роща", "location", "Москва, Марьина Роща"),
    ("Переезд Гомель - Минск", "location", "Минск"),  # a route, no district "Переезд Гомель"
    ("в Екатеринбурге, Академический", None, "Екатеринбург, Академический"),  # a district named by an adjective
    ("Екатеринбург, ЖБИ", "location", "Екатеринбург, ЖБИ"),  # a district by its initials
    ("Москва, ООО", "location", "Москва"),  # a firm's legal form is no district
    ("Ташкент, Юнусабад 4 квартал", "location", "Ташкент, Юнусабад"),
    ("в Краснодаре на Гидрострое", None, "Краснодар, Гидрострой"),  # a plant's district, though it ends as adjectives do
    ("в Москве на Тверской", None, "Москва"),  # a street
])
def test_a_district_beside_its_city_or_the_place_it_is_near(text, asked, expected):
    assert extract_lead(text, settings=_settings(text), asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("we are flying to Crete in May, need a villa for 4", "Crete"),  # the trip is the need itself
    ("улетаем в Турцию в мае, нужен тур на двоих", "Турция"),
    ("уезжаем в Сочи на неделю, нужна гостиница", "Сочи"),
    ("we're off to Spain for two weeks, need someone to board our dog, we're in Harrogate", "Harrogate"),  # a pet stays home
    ("едем через Тверь, но нужна гостиница в Торжке", "Торжок"),  # a hotel, no guests of someone else's
])
def test_a_trip_is_the_place_unless_something_is_seen_to_at_home_meanwhile(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,asked", [
    ("я работаю в Москве, могу говорить после 7", "timeline"),  # where the customer works
    ("I'm at work in Leeds till 5, ring after that", "phone"),
    ("наш бухгалтер в Твери, счёт выставляйте на неё", None),  # someone else's
])
def test_where_the_customer_works_or_their_accountant_is_does_not_replace_the_site(text, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked, known=LeadData(location="Otley")).location is None


@pytest.mark.parametrize("text,expected", [
    ("sorry, not Leeds, it's Otley", "Otley"),  # a correction, as "it's" names it
    ("actually it's Bexley not Bromley", "Bexley"),
    ("a village in Norfolk called Happisburgh", "Happisburgh"),  # the county is only where the village is
    ("It's Siobhan, I sent the photos", None),  # a person
])
def test_a_place_said_as_it_is_or_called(text, expected):
    assert extract_lead(text, settings=GB, asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("квартира у меня в Новой Москве в Коммунарке", "Коммунарка"),  # the town in the region no list holds
    ("ремонт нужен в Подмосковье, в Балашихе", "Балашиха"),
    ("мы в Краснодаре живём, а дача в Елизаветинской", "Елизаветинская"),  # a stanitsa, as feminine as it is said
    ("Flying into Denver, then driving to Breckenridge for the wedding", "Breckenridge"),  # on to the trip's end
    ("Originally from Cork but now living in Galway, need a quote", "Galway"),  # where they were born is no home
    ("в горках под серпуховом", "Горки"),  # a village that a larger place locates, though a word is spelt so
])
def test_the_smaller_place_or_the_one_the_customer_goes_on_to(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("The property is a farmhouse just outside Hexham, in a hamlet called Acomb", "Acomb"),  # what it is outside of
    ("need lessons near Slough, weekday evenings", "Slough"),  # near the only place named: the area of the need
    ("We'd fly out of Gatwick to Faro, then stay in Albufeira", "Albufeira"),  # on to where they stay
    ("our son studies in Manchester, we live in Bolton, need a tutor for him at home", "Bolton"),  # home over study
    ("работаю в Сколково, живу в Одинцово, ищу репетитора рядом с домом", "Одинцово"),  # home over work
    ("My company is in Birmingham but I live in Solihull, lessons at home please", "Solihull"),
    ("Erasmus student, studying in Salford until summer, want driving lessons", "Salford"),  # where they are, alone
])
def test_where_the_customer_lives_outranks_where_they_work_study_or_are_near(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Сколько стоит забор из профнастила, 40 метров? Посёлок Каменный Ручей", "Каменный Ручей"),  # the word opens a sentence
    ("Здравствуйте, нужен септик под ключ. Деревня Ягодная Поляна", "Ягодная Поляна"),
    ("Добрый день, баня 6 на 4 сколько будет? Село Утятское", "Утятское"),
    ("We have a holiday home at Rhosneigr and need the windows replaced", "Rhosneigr"),  # "at" after a home or land
    ("need the old barn on the farm at Llanwrda taken down", "Llanwrda"),
    ("the plot is at Heathcote, Bendigo is where we rent", "Heathcote"),
    ("had a party at Nando's last week, anyway need a cleaner", None),  # "at" after anything else: a venue, a firm
])
def test_a_village_named_by_its_kind_or_at_the_home_it_holds(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,asked", [
    ("в апреле, когда вернусь из Казани", "timeline"),  # where the customer is away, not the need's place
    ("after the 10th, when we get back from Denver", "timeline"),
])
def test_where_the_customer_comes_back_from_is_no_place(text, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked).location is None


@pytest.mark.parametrize("text,asked,expected", [
    ("Юнусобод", "contact", "Юнусобод"),  # a district GeoNames spells only in Latin letters (Yunusobod), whatever was asked
    ("юнусобод", "phone", "Юнусобод"),
    ("Шенгавит, 12 квартал", "location", "Шенгавит"),  # with the number of its quarter
    ("в Юнусободе", "budget", "Юнусобод"),  # in its case after "в"
    ("уборка после ремонта, мы в шенгавите 3 квартал", None, "Шенгавит"),
    ("Бобур", "contact", None),  # a first name no list of places holds
])
def test_a_place_geonames_knows_only_in_latin_letters(text, asked, expected):
    assert extract_lead(text, settings=RU, asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("roof quote please. Aspendale, 2 story colonial", "Aspendale"),  # a town, then the home in it described
    ("Ripon, a 3 bed semi", "Ripon"),
    ("Edina, 2 storey house", "Edina"),  # a first name too, but a town of some size before a house
    ("Sarah, 2 bedroom flat please", None),  # a person
    ("Hello. I need the stairs redone in a rented house, Haledon. The landlord agreed", "Haledon"),  # the home, then where
    ("clean the whole house, Tom.", None),
])
def test_a_place_said_with_the_home_in_it(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Hollowmere, is that within your area?", "Hollowmere"),  # a place no list holds, asked about as only places are
    ("do you cover Hollowmere?", "Hollowmere"),
    ("Кряжевое, вы туда выезжаете?", "Кряжевое"),
    ("Кряжевое, это в вашей зоне?", "Кряжевое"),
    ("Tom, is that in your area?", None),  # a person addressed
    ("Анна, вы туда выезжаете?", None),
    ("do you cover Saturdays?", None),  # a day
])
def test_a_place_the_customer_asks_the_company_to_serve(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("мы в Новокуйбышевске, но можем и в Самару подъехать на осмотр", "Новокуйбышевск"),  # where they would go to see it
    ("я из Бердска, готов съездить за машиной в Новосибирск", "Бердск"),
    ("живём в Орше, съездить в Витебск можем", "Орша"),
    ("We're in Warrington, happy to drive over to Liverpool to see it", "Warrington"),
    ("Based in Wakefield, I could come up to Leeds for a viewing", "Wakefield"),
])
def test_where_the_customer_would_go_to_see_the_thing_gives_way_to_where_they_are(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,asked", [
    ("могу и в Казань съездить, если там дешевле", None),
    ("готовы ехать за машиной в Пермь", "timeline"),
    ("I can drive down to Bristol on Saturday", "timeline"),
])
def test_a_town_the_customer_would_go_to_later_does_not_replace_the_place(text, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked, known=LeadData(location="Уфа")).location is None


@pytest.mark.parametrize("text,asked,expected", [
    ("Казань, где-нибудь в Азино", "location", "Казань, Азино"),  # a hedge between the city and its district
    ("Пермь, желательно Мотовилиха", "location", "Пермь, Мотовилиха"),
    ("Ищем квартиру в Омске, где-нибудь в Марьине", None, "Омск, Марьино"),  # in the nominative
    ("Ищем квартиру в Томске, где-то на Черемошниках", None, "Томск, Черемошники"),
    ("Nottingham, ideally Beeston", "location", "Nottingham, Beeston"),
    ("a flat in Glasgow, around Partick", None, "Glasgow, Partick"),
    ("a flat in Glasgow, around Hogmanay", None, "Glasgow"),  # when, not where
    ("a flat in Glasgow, ideally May", None, "Glasgow"),
])
def test_a_district_said_hedged_after_its_city(text, asked, expected):
    assert extract_lead(text, settings=_settings(text), asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Ремонт квартиры в Дзержинском районе Перми", "Пермь, Дзержинский"),  # a district's adjective, not the town Дзержинск
    ("двушка в Ленинском районе Кемерова", "Кемерово, Ленинский"),
    ("дом в Королёвском районе", "Королёвский"),
])
def test_a_districts_adjective_is_no_town_of_the_same_stem(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Ищем дом, Новая Москва, поселение Вороновское", "Вороновское"),  # the smallest place, by its kind
    ("дом в ауле Карабулак", "Карабулак"),
    ("живём в кишлаке Чимбай, нужна кухня", "Чимбай"),
])
def test_a_settlement_of_new_moscow_or_central_asia_by_its_kind(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Иванов", None),  # the name the customer expected to be asked for
    ("Смирнова", None),  # a woman, not the genitive of the village Смирново
    ("Кузнецова", None),
    ("Серов", "Серов"),  # a town called as a surname is
    ("Ершов", "Ершов"),
])
def test_a_surname_alone_after_where_is_no_place(text, expected):
    assert extract_lead(text, settings=RU, asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("мы сейчас в полевском, стекло треснуло", "Полевской"),  # a town's adjective that declines as no word's does
    ("Дом в Полевском, нужна крыша", "Полевской"),
    ("из полевского приеду сам, а нужна кухня в Ревде", "Ревда"),
    ("хотим успеть до майских", None),  # the May holidays, not the town Майский
    ("живём в высокой горе, нужна страховка", "Высокая Гора"),  # a town of two words, not the adjective's town
    ("хотим жить в новой квартире", None),  # an adjective and a noun that name no town
])
def test_a_town_named_by_an_adjective_in_lower_case_or_an_odd_declension(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Бабушка живёт в Ургуте. после праздников привезём её в Самарканд", "Ургут"),  # brought to the company
    ("сын в Твери, машину сам пригоню, довезу её в Москву к вам", "Тверь"),
    ("I'm in Bend, we'll bring him to Portland for the fitting", "Bend"),
    ("можете привезти диван в Самарканд?", "Самарканд"),  # asked of the company: the delivery's end
    ("can you bring it to Portishead next week?", "Portishead"),
])
def test_a_town_the_customer_brings_the_thing_to_is_the_companys_not_the_need(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("It's the Sunrise RV park in apache junction, lot 12", "Apache Junction"),  # lower case, a place's last word
    ("We want a villa in palm springs for New Year", "Palm Springs"),
    ("Can we meet in the town square on Friday?", None),  # words, no town
    ("Looking for a flat in a quiet neighbourhood near the park", None),
])
def test_a_town_in_lower_case_in_a_message_written_with_capitals(text, expected):
    assert extract_lead(text, settings=US).location == expected


@pytest.mark.parametrize("asked", ["location", None])
@pytest.mark.parametrize("text,expected", [
    ("Турция, Кемер", "Кемер"),  # the town, not its country written as a district
    ("Кемер, Турция", "Кемер"),
    ("Hurghada, Egypt", "Hurghada"),
    ("Leeds, UK", "Leeds"),  # no state of the US
    ("Austin, TX", "Austin, TX"),
])
def test_a_place_said_with_its_country_is_the_place(text, expected, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked).location == expected


@pytest.mark.parametrize("text,asked,expected", [
    ("sugar land", "location", "Sugar Land"),  # a town of two words, each a word of the dictionary
    ("we live in round rock, need a fence", None, "Round Rock"),
    ("based in grand rapids", None, "Grand Rapids"),
    ("near the park", "location", None),  # words, no town
    ("we live in a small town", None, None),
])
def test_a_town_of_english_words_typed_in_lower_case(text, asked, expected):
    assert extract_lead(text, settings=US, asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("живу в общаге на Юго-Востоке, хочу на танцы", "Юго-Восток"),  # a district called after a quarter of the city
    ("квартира в Екатеринбурге на Юго-Западе", "Екатеринбург, Юго-Запад"),
    ("дача у нас на юго-западе от города", None),  # a direction, not a district's name
    ("муж работает на Севере вахтой", None),  # the Far North, no district
])
def test_a_district_called_after_a_quarter_of_the_city(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("едем из Питера в Выборг на выходные, нужен гид", "Выборг"),  # a short name of the city the trip starts from
    ("из Екб в Москву переезжаем, нужны грузчики", "Москва"),
    ("ищем квартиру в Новой Москве", "Новая Москва"),  # one place of two words, not two places
])
def test_a_place_after_a_city_written_by_its_short_name(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Сходня, это Химки", "Химки, Сходня"),  # a part of a city, then the city it is in
    ("Kirkstall, that's Leeds", "Leeds, Kirkstall"),
    ("Анна, это Москва", "Москва"),  # a person, not a part of the city
    ("Hi, it's Leeds", "Leeds"),
])
def test_a_part_of_a_city_said_before_the_city(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("Утеплить мансарду. Квартира у нас в Екатеринбурге, а дом строим в Арамили", "Арамиль"),  # the home they have, then "а"
    ("у меня квартира в Москве, а дом в Истре", "Истра"),
    ("квартира в Москве, а дача в Истре, ремонт в квартире", "Москва"),  # no home said to be theirs: the first site
    ("у нас дача в Рузе, нужен ремонт крыши", "Руза"),  # the only place
])
def test_a_home_the_customer_has_gives_way_to_the_site_set_against_it(text, expected):
    assert extract_lead(text, settings=RU).location == expected


def test_a_home_the_customer_has_stays_against_a_place_that_is_no_site():
    text = "ой, перепутала, дача у нас в Редкино, а в Конаково мы зимуем"  # where they winter is no site of the work
    assert extract_lead(text, settings=RU).location == "Редкино"


@pytest.mark.parametrize("text,expected", [
    # Russian written in Latin letters: its preposition before a town GeoNames spells so
    ("nuzhno postavit antennu, v Konakovo, ul. Sadovaya 3", "Konakovo"),
    ("my sami iz Dubna, a dostavka nuzhna v Konakovo", "Konakovo"),  # where the customer comes from gives way
    ("dacha pod Tver, nuzhen kolodec", "Tver"),
    ("agrogorodok Kolodishchi, Minskiy rayon", "Kolodishchi"),  # a settlement's word before a name no list holds
    ("selo Tom, nuzhen kolodec", None),  # a person after it
    # not a match's "v", nor a person or an English word after it
    ("Chelsea v Arsenal on Saturday, need a minibus for 12", None),
    ("napishite mne v Telegram, pozhaluysta", None),
    ("v Summer budet deshevle?", None),
])
def test_a_town_after_a_russian_preposition_written_in_latin_letters(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    # a reply opening with its town typed in lower case, then an address in it, whatever the bot asked
    ("castle rock, lot 14 on Plum Creek Pkwy", "Castle Rock"),
    ("didsbury, off Wilmslow Rd", "Didsbury"),
    ("Castle Rock, plot 7 on Founders Parkway", "Castle Rock"),  # a plot's number before its street
    # a word that is a town too, before a landmark, is a word
    ("nice, just off the main road", None),
    ("sorry, on Elm Street", None),
])
def test_a_town_typed_in_lower_case_before_its_address(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("asked", ["location", None])
@pytest.mark.parametrize("text,expected", [
    # a district, then the town whose borough bears its name: the town first, as any reply of a district and its city
    ("Tilehurst, Reading", "Reading, Tilehurst"),
    ("Caversham, Reading", "Reading, Caversham"),
    ("Kirkstall, Leeds", "Leeds, Kirkstall"),
    # a town and its county stay the town
    ("Whitley Bay, North Tyneside", "Whitley Bay"),
])
def test_a_district_beside_a_town_called_as_its_borough_is(text, expected, asked):
    assert extract_lead(text, settings=_settings(text), asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    # a district no list holds, then its numbered block or line, as only a place is followed: whatever the bot asked
    ("Юнусабад, 14 квартал", "Юнусабад"),
    ("Чиланзар, 9-й квартал, дом 4", "Чиланзар"),
    ("Бердск, 5 микрорайон", "Бердск"),
    # a first name before a number is a person's, and a number alone says nothing of a place
    ("Семён, 14 квартал", None),
    ("Анна, 3 штуки", None),
])
def test_a_place_followed_by_its_numbered_block(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="contact").location == expected


@pytest.mark.parametrize("text,expected", [
    # a cemetery named after its district is where the work on a grave is
    ("new lettering on dad's headstone, section C, Hunslet cemetery", "Hunslet"),
    ("a memorial bench for Highgate Cemetery", "Highgate"),
    # one named by a word or a faith names no place
    ("the Old Cemetery, row 4", None),
    ("plot 12 in the Jewish cemetery", None),
    ("the Catholic cemetery in Tralee", "Tralee"),
])
def test_a_cemetery_named_after_its_district(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    # a reply naming its place, then how far from a larger one, in hours too
    ("Matakana, about an hour north of Auckland", "Matakana"),
    ("Warkworth, 2 hours north of Auckland", "Warkworth"),
    # a pronoun and its verb opening the reply are no place, whatever follows
    ("We're near Tetbury, a small holding", "Tetbury"),
    ("I'm about 10 miles outside Leeds", "Leeds"),
    # the place said to be the exact one outranks the larger one before it
    ("Venue's a winery in the Yarra Valley, Coldstream to be exact", "Coldstream"),
    ("we're in Surrey, Esher to be precise", "Esher"),
    ("The venue is in Leeds, to be exact", "Leeds"),
])
def test_a_place_said_with_how_far_or_how_exactly(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    # a feast after "до" or "с" is a time, not a town
    ("до Навруза успеть бы", None),
    ("с Пасхи начнём, дача в Рузе", "Руза"),
    ("доставка до Можайска", "Можайск"),
    # the company's own town, asked past, is not the customer's
    ("Do you travel outside Berlin? We're in Potsdam", "Potsdam"),
    ("выезжаете за пределы Минска? мы в Заславле", "Заславль"),
    ("Do you travel outside Berlin?", None),
    # a reply whose first sentence is only a town: that town, over one named later in passing
    ("Заславль. а строились мы в Молодечно сначала", "Заславль"),
    ("Leeds. We live in Bradford though", "Leeds"),
    ("Москва. Но дача у нас в Истре", "Истра"),  # a site named after a contrast is the place
    ("Спасибо. Нужна доставка в Тверь", "Тверь"),  # a courtesy is no place
    ("Салем. Балкон утеплить надо, Астана, район Есиль", "Астана, Есиль"),  # a greeting, though a town is called so
])
def test_a_feast_the_companys_town_and_a_reply_opening_with_its_town(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    # a town of the country of the other places named is no foreign region of that name
    ("it's my mom's condo, she's in Aurora. I'm handling it from Chicago", "Aurora"),
    ("we're in Kent, near Ashford", "Ashford"),  # the county, beside a town of its own country
    # a settlement by its Uzbek word, a town after "downtown" or "out past"
    ("кишлак рядом с Чирчиком, махалля Янгиобод", "Янгиобод"),
    ("The Laurel Inn, downtown Asheville", "Asheville"),
    ("We're out past Sand Springs on the lake side", "Sand Springs"),
    ("out past Raglan, Te Uku", "Te Uku"),  # the smaller place named after the one it is past
    ("near Leeds, Tom", "Leeds"),  # a signature after it is no place
    # the customer's own school or club is theirs, a child's school is not
    ("We're a riding school in Killarney, 12 horses", "Killarney"),
    ("he's at school in Leeds", None),
    # where other people come from is not the customer's place
    ("ждём визу его родителям, они из Ташкента", None),
    # a town whose words are joined with hyphens, typed without them
    ("stow on the wold", "Stow-on-the-Wold"),
    ("cheers mate on the way", None),
])
def test_a_town_by_its_country_its_settlements_word_or_its_joined_words(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("zabor nuzhen na dache v Zvenigorode", "Zvenigorod"),  # the locative, back in the nominative
    ("dom u nas v Ostashkove, u ozera", "Ostashkov"),
    ("privezite iz Tveri", "Tver"),  # the genitive, a soft sign's word
    ("kuhnya v Kazani", "Kazan"),
    ("dacha pod Tuloi", "Tula"),  # "-ой" typed "-oi"
    ("dacha pod Tuloy", "Tula"),
    ("uchastok pod Kazanyu", "Kazan"),  # "под Казанью" with its soft sign left out
    ("kotlovan kopat v Vysokoi Gore", "Vysokaya Gora"),  # an adjective and a noun, both declined
    ("remont v Nizhnem Novgorode", "Nizhniy Novgorod"),
    ("kort na dache pod Tuloi, v Kosoi Gore", "Kosaya Gora"),  # the smaller place, said beside the one it is near
    ("v Konakovo, ul. Moskovskaya 14", "Konakovo"),  # the nominative still
    ("dacha pod Moskvoi", "Moskva"),  # GeoNames spells it Moscow: the Cyrillic name it lists, as the customer would write it
    ("kvartira v Rostove-na-Donu", "Rostov-na-Donu"),
    ("v Marte hotim", None),  # a month, though a man is called Mart
    ("Chelsea v Arsenal on Saturday", None),  # a match
    ("napishu v Telegrame", None),
    ("budu v Irkutske proezdom, napishu", None),  # passed through
])
def test_a_place_in_russian_typed_in_latin_letters_in_any_case(text, expected):
    assert extract_lead(text, settings=RU).location == expected


def test_where_a_customer_typing_in_latin_letters_lives_gives_way_to_the_site():
    assert find_place("ya v Kazani zhivu") == Place("Kazan", residence=True)
    assert find_place("babushke nujen apparat, ona v Urgute jivet") == Place("Urgut", residence=True)  # "ж" typed "j"
    assert find_place("uchastok v Zvenigorode, no sam seichas v Kazani v komandirovke") == Place("Zvenigorod")


@pytest.mark.parametrize("text,expected", [
    ("lessons for the kids, we're flying into Geneva on the 14th and staying in Chamonix", "Chamonix"),  # the airport gives way
    ("we land in Dubai and stay in Fujairah", "Fujairah"),
    ("we're flying into Geneva, need a transfer", "Geneva"),  # no other place: where the customer will be
    ("spring, before a trip to Gozo in June", None),  # a trip that only dates the need
    ("I live in Bath. Sometime after our holiday in Spain", "Bath"),
    ("хотим успеть до отпуска в Турции, живём в Казани", "Казань"),
    ("a villa in Crete for our holiday", "Crete"),  # the holiday is the need itself
    ("mine stopped running zone 3. near the Biltmore, Arcadia area", "Arcadia"),  # a landmark, then the district
    ("Leeds, opposite the Odeon", "Leeds"),
    ("we're in the Dallas area", "Dallas"),
    ("The play area needs resurfacing", None),
])
def test_an_airport_a_trip_or_a_landmark_gives_way_to_the_place(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("я на Васильевском острове, могу завезти", "Васильевский остров"),  # an island district, declined
    ("о, переключил) Васильевский остров, 14 линия", "Васильевский остров"),
    ("Санкт-Петербург, Васильевский остров", "Санкт-Петербург, Васильевский остров"),
    ("на Каменном острове дача", "Каменный остров"),
    ("на каком острове лучше отдыхать?", None),  # no island named
    ("Новый остров в нашем парке", None),  # an adjective no list holds with the island
])
def test_an_island_named_by_an_adjective_is_a_place(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("School in Headingley looking at a MUGA, 2 basketball hoops + 5-a-side", "Headingley"),  # the school writes
    ("Primary school in Leeds, need a climbing frame", "Leeds"),
    ("we run the P&C canteen at a primary school in Bacchus Marsh, thinking a snack machine", "Bacchus Marsh"),
    ("my son is at school in Leeds, we live in York", "York"),  # a child's school is not the customer's place
    ("He goes to school in Leeds. We live in York", "York"),
])
def test_a_school_that_writes_is_the_place_a_pupils_school_is_not(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("the Huntsville AR property you posted about", "Huntsville"),  # a town, its state, and the land there
    ("for our Leeds office", "Leeds"),
    ("this Amazon lease", None),  # a firm's name
])
def test_a_town_named_before_its_site_with_or_without_its_state(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("Хотим дайв-сафари в Египет, Марса-Алам, летим через Стамбул", "Марса-Алам"),  # a resort no list holds, after its country
    ("в Египет, Шарм-эль-Шейх", "Шарм-эль-Шейх"),
    ("в Египет, Хургаду", "Хургада"),
    ("в Египет, Спасибо", "Египет"),
])
def test_a_town_no_list_holds_after_its_country(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("island property on Lake Rosseau, we get there by boat from Port Carling", "Lake Rosseau"),  # a lake, no town named
    ("a cabin at Lake Tahoe", "Lake Tahoe"),
    ("your Red Sea liveaboard, the one out of Hurghada. I'd fly from Manchester", "Hurghada"),  # where the boat sets out
    ("day trips out of Cairns", "Cairns"),
    ("we ran out of Stock cubes", None),  # an idiom, though a village is called Stock
    ("I'm flying out of Leeds, need a villa in Crete", "Crete"),
    ("Интересует горная охота под Текели. Он прилетает 3-го в Алматы, там ночует", "Текели"),  # the airport gives way
    ("Интересует охота в Текели. Гость прилетает в Алматы", "Текели"),
    ("прилетаем в Анталью, нужен трансфер", "Анталья"),  # no other place: still where the customer will be
    ("хотим тур в Турцию, прилетаем в Анталью", "Анталья"),  # the town flown into, not its country
])
def test_a_lake_a_port_of_departure_and_an_airport(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text", ["сама охота 5-9 октября, он прилетает 3-го в Алматы, там ночует", "we're flying into Geneva on the 14th",
                                  "we are overnighting in Inverness"])
def test_an_airport_or_a_nights_stop_is_only_where_the_customer_passes(text):
    place = find_place(text)
    assert place is not None and place.residence  # a place of the need named before it stays


@pytest.mark.parametrize("text,expected", [
    ("we are a fintech startup in Indiranagar, Bengaluru. Need to hire", "Bengaluru, Indiranagar"),  # a city no gazetteer holds
    ("a flat in Headingley, Leeds", "Leeds, Headingley"),
    ("in Sale, Cheshire", "Sale"),  # a town and its county
    ("a flat in Kreuzberg, Germany", "Kreuzberg"),  # a district and its country
    ("a house in Frisco, Texas", "Frisco"),  # a town and its state
])
def test_a_district_and_the_city_after_it_by_their_sizes(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    ("а подлёдный дайвинг на Байкале у вас есть? в Листвянке?", "Листвянка"),  # a lake, then the village on it
    ("охота интересует, лучше в Джунгарском Алатау, под Текели", "Текели"),  # a range, then the town near it
    ("дом в Карелии, в Сортавале", "Сортавала"),
    ("на Селигере, в Осташкове", "Осташков"),
    ("хотим на Байкал в марте", "Байкал"),  # named alone, the lake is the place
])
def test_a_lake_a_range_or_a_land_gives_way_to_the_town_beside_it(text, expected):
    assert extract_lead(text, settings=RU).location == expected


@pytest.mark.parametrize("text,expected", [
    ("I live in Victoria", "Victoria"),  # a city people are named after, after words only a place follows
    ("we're based in Charlotte", "Charlotte"),
    ("that's my daughter Kirsten's number, I'm staying with her in Victoria", "Victoria"),
    ("a cleaner in Tyler", None),  # after "in" alone a first name is a person as often
    ("I'm in Laval, I can drop them in Toronto when I visit my sister in June", "Laval"),  # where the goods are dropped
    ("I'm in Pittsburgh, I'd drive over via Wheeling and stay at my sister's in Dublin OH", "Pittsburgh"),
])
def test_a_city_named_as_people_are_and_a_town_the_goods_are_dropped_in(text, expected):
    assert extract_lead(text, settings=_settings(text)).location == expected


@pytest.mark.parametrize("text,expected", [
    # a reply listing three places or more gives the first, never "City, District" of the first two
    ("Кемер, Белек или Сиде", "Кемер"),
    ("в Кемере, Белеке или Сиде", "Кемер"),
    ("Leeds, Bradford or York", "Leeds"),
    ("Истра, Руза, Звенигород", "Истра"),
    # a city the gazetteer knows, then its smaller parts
    ("Manchester, Chorlton or Didsbury", "Manchester, Chorlton"),
    ("Москва, Кунцево или Митино", "Москва, Кунцево"),
])
def test_a_list_of_three_places_gives_the_first(text, expected):
    assert extract_lead(text, settings=_settings(text), asked="location").location == expected


@pytest.mark.parametrize("text,expected", [("ВИЗ", "ВИЗ"), ("ЖБИ", "ЖБИ"), ("ЮЗАО", "ЮЗАО"), ("ООО", None), ("МО", None)])
def test_a_district_by_its_initials_answers_where(text, expected):
    assert extract_lead(text, settings=RU, asked="location").location == expected


@pytest.mark.parametrize("text,expected", [
    ("улица Гагарина 12, за заправкой", None),  # the street of the place given before, no place of its own
    ("жк там новый, 3 подъезд, 14 этаж", None),  # a housing complex it does not name
    ("ул. Ленина 5, Бердск", "Бердск"),  # the town after the street
    ("ЖК Солнечный", "Солнечный"),  # a named one
])
def test_a_reply_opening_with_a_street_names_no_place(text, expected):
    assert extract_lead(text, settings=RU, asked="location").location == expected
