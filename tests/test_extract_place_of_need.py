"""The place of the need, not any place named (issue 15): where the service is wanted, the thing is or a
ride goes, over where the customer lives, flies from, compares with or would drive to; places no list
holds read by the shape of what is said around them; and the makes of cars, which look like towns."""

from __future__ import annotations

import pytest

from salesbot.extract import extract_lead
from salesbot.extract.location import find_location
from salesbot.extract.makes import MAKE_STEMS, MAKES
from salesbot.models import BotSettings, LeadData

RU = BotSettings(phone_region="RU")
GB = BotSettings(phone_region="GB")


def _read(text: str, *, asked: str | None = None, earlier: list[str] | None = None, known: str | None = None) -> str | None:
    settings = RU if not text.isascii() else GB
    lead = extract_lead(text, settings=settings, asked=asked, earlier=earlier or [],
                        known=LeadData(location=known) if known else None)
    return lead.location


@pytest.mark.parametrize("earlier,known,text,asked,expected", [
    # the place known was only where someone comes from: where the customer is replaces it
    ("Hi from Perth! My dad needs a stairlift while he stays with us", "Perth", "we're in Ipswich, a semi", "location", "Ipswich"),
    # the place known was where a thing was found, no site of the work: the reply to "where?" replaces it
    ("I spotted a used Volvo in Carlisle, can you bring it over for me?", "Carlisle", "I'm in Galway", "location", "Galway"),
    # the place known is the site of the work: where the customer lives stays beside it
    ("Нужно поменять котёл, дом в Звенигороде", "Звенигород", "мы пока в Туле живём", "location", None),
    ("A boiler service for my rental flat in Chorlton please", "Chorlton", "I live in Bury myself", "location", None),
    # not asked where, a home after a place only said in passing does not replace it
    ("I spotted a used Volvo in Carlisle, can you bring it over for me?", "Carlisle", "I'm in Galway", "phone", None),
])
def test_where_the_customer_lives_replaces_only_a_place_that_was_no_more(earlier, known, text, asked, expected):
    assert _read(text, asked=asked, earlier=[earlier], known=known) == expected


@pytest.mark.parametrize("earlier,known,text,expected", [
    # where the customer stays for a while, till a date or for a holiday or an event, leaves the need's place as it was
    ("Здравствуйте, вы в Кстово возите?", "Кстово", "начнём после 20-го, мы до 20 числа в Анапе на море", None),
    ("Нужна химчистка дивана в Бердске", "Бердск", "до конца месяца я в Сочи, потом вернусь", None),
    ("Need a mobile dog groomer in Didsbury", "Didsbury", "we're down in Cornwall for a wedding next week", None),
    # with no place of the need, where the customer stays is where they are
    (None, None, "мы в Анапе на море, нужна экскурсия на катере", "Анапа"),
    (None, None, "I'm up in Inverness for a conference, fancy a day's fishing", "Inverness"),
    # a date after the need's place is its deadline, not a stay
    (None, None, "нужна уборка квартиры в Сочи до 20 числа", "Сочи"),
])
def test_a_place_the_customer_only_stays_in_gives_way_to_the_needs(earlier, known, text, expected):
    assert _read(text, earlier=[earlier] if earlier else None, known=known) == expected


@pytest.mark.parametrize("text,expected", [
    # where a relative lives gives way to the place the need is in, said after it
    ("мама в Бойсе, а нам нужно в Казани", "Казань"),
    ("моя сестра живёт в Казани, а ремонт нужен в Самаре", "Самара"),
    ("my parents are in Leeds, but the party is at our place in York", "York"),
    # alone, or with a need of theirs, a relative's town is the place
    ("мама у меня в Гомеле, ей нужна сиделка", "Гомель"),
    ("my gran's in Hexham and needs a stairlift", "Hexham"),
    ("My mum's in Westbury-on-Trym. I live in Málaga so I can't pop over", "Westbury-on-Trym"),
    ("у мамы в Орше дом, нужен подъёмник на второй этаж", "Орша"),  # at her home: the site
])
def test_a_relatives_town_gives_way_to_the_needs_place(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    # after words that say the place is not chosen yet, a place named is only one thought of
    ("дачу только присматриваем, место пока не выбрали, в Рузе смотрели", None),
    ("мы пока не решили, может квартиру в Твери продадим", None),
    ("переезжаем, то ли в Калугу то ли под Обнинск", None),
    ("the venue isn't booked yet, we were thinking of the Leeds Town Hall", None),
    ("still deciding between two venues near Harrogate", None),
    # a place named before them stands, and words about something else undecided say nothing of the place
    ("Leeds, but the venue isn't booked yet", "Leeds"),
    ("ещё не решили с цветом фасадов, дом в Истре", "Истра"),
    ("нужна кухня в Казани, место под мойку ещё не решили", "Казань"),
])
def test_a_place_only_thought_of_before_the_place_is_chosen_is_no_place(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The shop used to be in Bath, but now we need the fit-out in Bristol", "Bristol"),
    ("офис у нас в Твери, но работы нужны в Конаково", "Конаково"),
    ("Leeds, but not on a weekend please", "Leeds"),  # one place: nothing to contrast it with
])
def test_a_contrast_gives_way_to_the_place_after_it(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("снега навалило, прямо как в Норильске, надо почистить двор", None),
    ("it's freezing like in Oslo up here, the pipes burst", None),
    ("нужно почистить двор от снега в Норильске", "Норильск"),
])
def test_a_place_said_only_to_compare_is_no_place(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("прилетаем 5 мая, рейс из Казани", None),
    ("We're flying in from Denver on Friday", None),
    ("могу подъехать к вам в Гомель, сам я из Речицы", "Речица"),  # the company's town, not the customer's
    ("машину забирать у вас в Самаре, мы приедем из Уфы", "Уфа"),
])
def test_a_flights_origin_and_the_companys_town_give_way(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("We're from Perth, staying in Fremantle, need a shuttle to Mandurah", "Mandurah"),
    ("нужен трансфер из Бишкека в Каракол, 4 человека", "Каракол"),
    ("такси до зеленоградска на утро", "Зеленоградск"),  # lower case, as the writer types
    ("подождите до завтра, до конца дня отвечу", None),  # "до" before no place
])
def test_a_rides_end_is_the_place(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("a terrace house on Manchester Road in Burnley", "Burnley"),
    ("Сделать проводку, живём на Пушкина", None),  # a street called after a man, not the town Пушкин
    ("Малиновка, мы на Жуковского", "Малиновка"),
])
def test_a_street_is_no_town_of_its_name(text, expected):
    assert _read(text, asked="location") == expected


@pytest.mark.parametrize("text,expected", [
    ("Hi, we need two cleaners for our Sandton office", "Sandton"),
    ("the snow needs clearing at the Orchard Park clinic", "Orchard Park"),
    ("Can I come to your Leeds office?", None),  # the company's premises
    ("please update our Google account", None),
])
def test_a_town_named_before_the_customers_premises(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("My gran's gutters are blocked. She's in Frome, I'm up in Leeds so can't check", "Frome"),
    ("my cousin does the books, she's a bookkeeper in Nevada", None),  # someone's work, not the need's place
])
def test_where_the_one_the_need_is_for_lives(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,asked,expected", [
    ("в ракитино, это под рязанью, нужна баня", None, "Ракитино"),  # a village no list holds, near a larger place
    ("В Колобове нужна баня 3 на 4", None, "Колобово"),  # "В" opening the message
    ("в колобове улица садовая дом семь", None, "Колобово"),  # typed all in lower case
    ("в ватсапе напишу подробнее", None, None),
    ("Старе-Бановци, участок у реки. мы сами пока в белграде снимаем", "location", "Старе-Бановци"),
    ("Palm Jumeirah, villa 12. We're flying in from Moscow on the 3rd", "location", "Palm Jumeirah"),
    ("New Year's Eve, midnight of course", "location", None),  # a time, though its words are capitalised
    ("собаку привезу, дача возле Кашина", None, "Кашин"),
])
def test_a_place_no_list_holds_read_by_what_is_said_around_it(text, asked, expected):
    assert _read(text, asked=asked) == expected


@pytest.mark.parametrize("text,expected", [
    ("ремонт на Тойоте, колодки поменять", None),
    ("стучит подвеска в Хендае", None),
    ("нужна шиномонтажка в Черкесске", "Черкесск"),  # not a make's stem: "Чери" is not declined
    ("ремонт в Череповце", "Череповец"),
])
def test_a_make_is_no_town(text, expected):
    assert find_location(text) == expected


def test_the_makes_are_one_list_with_stems_made_from_it():
    assert {"тойота", "toyota", "мицубиси", "хёндай"} <= MAKES
    assert "тойот" in MAKE_STEMS and "чери" in MAKE_STEMS and "чер" not in MAKE_STEMS


@pytest.mark.parametrize("text,expected", [
    ("Лужки, Серпуховский район", "Лужки"),  # a village called by a plural noun, beside its district
    ("Горки, Одинцовский район", "Горки"),  # not the dictionary's singular "Горка"
    ("Привет, Серпуховский район", "Серпуховский"),  # a greeting is no village
    ("Дома, Серпуховский район", "Серпуховский"),  # a word that is something else too ("at home")
    ("Дети, Серпуховский район", "Серпуховский"),  # people, not a place
])
def test_a_small_place_beside_its_district_is_not_replaced_by_it(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Gifford, East Lothian. The display is on the park behind the hall", "Gifford"),  # though a man may be called so
    ("Pateley Bridge, North Yorkshire", "Pateley Bridge"),
    ("Sarah, Kent", None),  # a woman signing with her county
])
def test_a_town_said_with_its_county_or_state(text, expected):
    assert find_location(text) == expected


@pytest.mark.parametrize("earlier,known,text,expected", [
    # where the customer goes away to leaves the place of the need as it was
    ("Новосибирск, Академгородок, ул. Ильича", "Новосибирск, Академгородок", "с 10 по 24 июня, мы в Сочи уезжаем", None),
    (None, None, "мы в Турцию улетаем в мае, нужен тур", "Турция"),  # with none known, it is the trip's
])
def test_where_the_customer_goes_away_to_leaves_the_need_place(earlier, known, text, expected):
    assert _read(text, earlier=[earlier] if earlier else None, known=known) == expected


@pytest.mark.parametrize("earlier,known,text,asked,expected", [
    # a message that takes back what was said replaces a place given as a bare reply, whatever the bot asked next
    ("Jersey City", "Jersey City", "oh wait sorry, we're in Hoboken now, just moved", "timeline", "Hoboken"),
    ("Парнас", "Парнас", "нет, Парнас это работа, живу в Шушарах, там и делать", "timeline", "Шушары"),
    ("Химки", "Химки", "ой нет, я перепутал, квартира у мамы в Долгопрудном, в Химках я работаю", "budget", "Долгопрудный"),
    # not the site of the work, which where the customer lives never replaces
    ("Need a boiler service for my rental flat in Chorlton", "Chorlton", "sorry, I live in Bury myself", "timeline", None),
    # nor, without such words, a bare reply, when the bot asked something else
    ("Jersey City", "Jersey City", "we're in Hoboken, by the way", "timeline", None),
])
def test_a_correction_lets_where_the_customer_is_replace_the_place_known(earlier, known, text, asked, expected):
    assert _read(text, asked=asked, earlier=[earlier], known=known) == expected


@pytest.mark.parametrize("text,expected", [
    # where the customer lives or works, the place said before their own verb: "в Химках я работаю"
    ("квартира у мамы в Долгопрудном, в Химках я работаю", "Долгопрудный"),
    ("дом в Истре, в Химках мы работаем", "Истра"),
    # ...but a town the gazetteer lists beside a city of a million is that city's district, not a second town
    ("квартира в Кронштадте, в Питере, нужен ремонт ванной", "Санкт-Петербург"),
    ("квартира в Зеленограде, в Москве", "Москва"),
    # a home or land whose word the customer's country uses, or a holiday home, after "at"
    ("Hello, I'm in Wellington but bought a bach up at Matakana, would like a ducted system there", "Matakana"),
    ("I'm over in Perth but my holiday place is at Palm Beach, the deck's rotting", "Palm Beach"),
    ("we had a party at Tesco last week, I live in Leeds", "Leeds"),  # a shop after "at" is no place of the need
    # a place named again, after the places listed, as the one the work is for
    ("у нас две квартиры, в Кудрово и в Мурино, в кудрово уже всё собрано, а в мурино нужно собрать детскую", "Мурино"),
    ("квартира в Москве, дача в Рузе, в Рузе надо крышу перекрыть", "Руза"),
    ("I manage 3 buildings, one in Wicker Park, one in Pilsen, one in Evanston. Only the Pilsen one needs the sidewalk done",
     "Pilsen"),
    ("у нас квартиры в Кудрово и в Мурино, нужно собрать шкаф", "Кудрово"),  # none named again: the first stays
    # the place said to be the exact one, whose name begins with a word only places' names begin with
    ("well, Port Carling specifically, on Lake Rosseau", "Port Carling"),
    # a village near a town, named after it
    ("my nan's in a village near Sevenoaks, Ide Hill. she needs a loose gate sorted", "Ide Hill"),
    ("we're in a village near Leeds, so travel is fine", "Leeds"),
    # where the customer stays, with the accents of its own language, though no list holds it
    ("we're staying in Argentière, flying into Geneva on the 14th", "Argentière"),
    # a glen or a loch named by its kind's word, though no list holds it; not a man called Glen
    ("looking to book a stalk on the Glen Affric beat. We're coming up from Bristol, overnighting in Inverness", "Glen Affric"),
    ("please ask for Glen Smith, we're in Leeds", "Leeds"),
    # the city said not to be the place, with "самом"
    ("мы не в самом питере, в Гатчине, ул. Соборная", "Гатчина"),
])
def test_the_needs_place_among_others_said_beside_it(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("earlier,known,text,expected", [
    # a later message that only adds the street or the house in the city known keeps its district
    ("Москва, Хамовники", "Москва, Хамовники", "адрес: Москва, ул. Льва Толстого 16, 3 этаж", None),
    ("Leeds, Headingley", "Leeds, Headingley", "the address is 12 Cardigan Rd, Leeds LS6", None),
    ("Sydney, Manly", "Sydney, Manly", "Manly, up near the golf course, 12 Bower St", None),
    # another city is another place
    ("Москва, Хамовники", "Москва, Хамовники", "ой, нет, квартира в Химках, ул. Мира 5", "Химки"),
])
def test_a_detail_added_to_the_place_known_keeps_it(earlier, known, text, expected):
    assert _read(text, earlier=[earlier], known=known) == expected


@pytest.mark.parametrize("text", ["ой, забыла сказать, сама я живу в Подольске", "sorry for the delay, I live in Bury"])
def test_an_apology_alone_takes_back_no_place(text):
    assert _read(text, asked="timeline", earlier=["Москва, Марьино"], known="Москва, Марьино") is None
