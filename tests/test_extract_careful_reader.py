"""What a careful reader takes from a message, whatever the bot had asked: names in any case and
script, places weighed against each other, replies read by what they say, and numbers that count
things rather than money."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesbot.extract import extract_lead, find_area_m2, find_emails, find_money, find_timeline
from salesbot.extract.location import find_place
from salesbot.models import BotSettings, LeadData

RU = BotSettings.model_validate({"phone_region": "RU", "offerings": [
    {"name": "Студия", "synonyms": ["студия"], "price": {"kind": "exact", "amount": 4_500_000, "currency": "RUB"}}]})
GB = BotSettings.model_validate({"phone_region": "GB", "offerings": [
    {"name": "Beach holiday", "synonyms": ["beach"], "price": {"kind": "exact", "amount": 2000, "currency": "GBP"}}]})
US = BotSettings(phone_region="US")
BY = BotSettings(phone_region="BY")
DE = BotSettings(phone_region="DE")


@pytest.mark.parametrize("text,asked,expected", [
    ("звоните на 8 926 441 20 93, спросите Людмилу Сергеевну", "phone", "Людмила Сергеевна"),
    ("спросите Рамиля", None, "Рамиль"),
    ("best to text and ask for Priyanka", None, "Priyanka"),
    ("Здравствуйте, это Алсу, хотела записаться", None, "Алсу"),
    ("Hey, this is Darnell Washington, I got a flyer", None, "Darnell Washington"),
    ("Подскажите по цене.\nС уважением, Радик", None, "Радик"),
    ("ирина владимировна", "budget", "Ирина Владимировна"),  # a bare name answers the name question even when we asked another
    ("Niamh O'Sullivan", "location", "Niamh O'Sullivan"),
    ("тимур фамилия ахмедов", "name", "Тимур Ахмедов"),
    ("Меня зовут Тимур, фамилия Ахмедов", None, "Тимур Ахмедов"),
    ("It's Dr. Patel", None, "Dr. Patel"),
    ("menya zovut Kostya", None, "Kostya"),
    ("Ержигит", "name", "Ержигит"),  # unknown to every dictionary: a name only because we asked
    ("Ержигит", "budget", None),
    ("Нурбол", "budget", "Нурбол"),  # a name as spelt in Latin letters ("Nurbol"), as "ирина владимировна" is one
    # Central Asian and Caucasian names pymorphy3 lacks, known as spelt in Latin letters.
    ("здравствуйте это дильшод по поводу окон", None, "Дильшод"), ("Добрый день. Нужен замер окон.\n\nУмид", None, "Умид"),
    ("Я Жахонгир, нужен ремонт", None, "Жахонгир"), ("Нужен дизайн-проект. Спасибо! Гульназ", None, "Гульназ"),
    ("Ленина 5, 3 подъезд", "location", None),  # a surname's form: a street
    ("Хочу Киа или Джили", None, None), ("Джили Монджаро, 2023", "need", None), ("Чери Тигго 7 про", None, None),
    ("Жахонгир Тошматов", None, "Жахонгир Тошматов"),
    ("na svyazi Ruslan", None, "Ruslan"), ("dobryj den', Olga Petrovna bespokoit", None, "Olga Petrovna"),
    ("Chris Evans here, about the van", None, "Chris Evans"),
    # A sign-off, then a name no dictionary knows, ending the message.
    ("Do you fit bay windows? Need 3 replaced.\nCheers, Ruaridh", None, "Ruaridh"),
    ("Cheers, Ruaridh from the studio will call", None, None), ("Cheers, Bristol", None, None),
    ("Kind regards, Sales Team", None, None),
    ("Looking for a quote.\nBest,\nOlusegun Bakare\nDirector, Bakare Holdings Ltd", None, "Olusegun Bakare"),
    ("Could you send prices please.\nRegards\nMałgorzata Nowak", None, "Małgorzata Nowak"),
    ("Подскажите цену на шкаф.\nЗаранее спасибо, Анжелика", None, "Анжелика"),  # thanks in advance: signed
    ("Меня Саидой звать, нужна помощь с переездом", None, "Саида"), ("Меня Кириллом зовут", None, "Кирилл"),
    ("меня Саида зовут", None, "Саида"),
    ("Это Антонина Павловна вам рекомендовала обратиться", None, None),
    ("вас посоветовала подруга Маша", None, None),
    ("хочу к мастеру Кате", None, None),
    ("ООО Вектор, ИНН 5024123456", None, None),
    ("you can ask for Giorgos", None, "Giorgos"),  # who to ask for, known to no dictionary
    ("please ask for Mrs Hughes", None, "Mrs Hughes"),
    ("спросите Главного", None, None),
    ("Privet, eto Sasha", None, "Sasha"),
    ("Записать можно дочку, Соню, ей 7 лет", None, None),  # a name in another case is someone the writer speaks of
    ("мама, Людмила Ивановна, хочет зубы сделать", None, None),
    ("Игорь, ваш менеджер, обещал перезвонить", None, None),
    ("Светлана, здравствуйте! Подскажите цену", None, None),  # the person greeted
    ("Dr. Smith referred me to you", None, None),
    ("Our agent, Mike Brown, said to contact you", None, None),
    ("Thanks Sarah for the quote! We'd like the deep clean then", None, None),  # thanked, not signed
    ("Алматы", None, None),
    ("Hi, it's Chidi. Do you run evening courses?", None, "Chidi"),  # no dictionary knows it, but only a name stands there
    ("Hey, Kemi here", None, "Kemi"),
    ("Thanks so much!\n- Kemi", None, "Kemi"),  # signed with a dash
    ("It's Urgent!", None, None),  # an English word
    ("Hi, this is Acme Plumbing", None, None),
    ("Hi, it's Monday already", None, None),
    ("it's ABC", None, None),
    ("Это Алина, добрый день", None, "Алина"),  # a greeting after her own name does not make her the one greeted
    ("its siobhan again", None, "Siobhan"),  # a name in lower case that is no English word
    ("this is jake kowalski", None, "Jake Kowalski"),
    ("hey this is ridiculous", None, None),  # an English word in lower case
    ("мой тел 89161234567, зовут Олег", "contact", "Олег"),
    ("Наталья 8-916-123-45-67 после 18", "contact", "Наталья"),  # before a contact, whatever follows it
    ("Zovut menya Oleg", None, "Oleg"),
    ("menya Kostya zovut", None, "Kostya"),
    ("можно просто Лена", "name", "Лена"),
    ("Зовите Саша", "name", "Саша"),
    ("I live in St. Louis", None, None),  # a saint's town, not a sentence beginning with a name
    ("My wife and I want a kitchen. Her name is Linda", None, None),  # whose name it is
    ("my son's name is Tom", None, None),
    ("WhatsApp +7 916 123 45 67 Светлана", "contact", "Светлана"),  # after a contact, however long
    ("Пишите: anna@yandex.ru (Анна)", "contact", "Анна"),  # in brackets
    ("call Steve on 0161 496 0000", "contact", "Steve"),  # who to call
    ("звоните Надежде Петровне 89161234567", "contact", "Надежда Петровна"),
    ("call Sales on 0161 496 0000", "contact", None),  # an English word, with no title
    ("Regards,\nАнастасия Петрова", None, "Анастасия Петрова"),  # her surname as she wrote it
    ("Thanks!\n\nJosé", None, "José"),  # a name with an accent
    ("Галина, это мама моя, ей 70 лет", None, None),  # a relative named in apposition
    ("Кирилл, сын, 10 лет", None, None),
    ("для ребёнка, Миша, 7 лет", None, None),
    ("Sarah (my friend) recommended you", None, None),
    ("for our client Mr Lee", None, None),
    ("Анна, мама Кирилла, 89161234567", "contact", "Анна"),  # the writer, someone's mother
    ("ok thanks. this is Priya, priya.sharma@outlook.com", "contact", "Priya"),  # one cue read after another
])
def test_names_in_any_case_and_script_whatever_was_asked(text, asked, expected):
    assert extract_lead(text, settings=RU, asked=asked).name == expected


@pytest.mark.parametrize("text,expected", [
    ("Сами мы из Новосибирска, но ищем двушку в Москве", "Москва"),
    ("Смотрели дома в Истре, не понравилось. Теперь хотим в Звенигороде", "Звенигород"),
    ("Hi from Edinburgh! We want a beach holiday in Crete, flying from Glasgow", "Crete"),
    ("хотим во Вьетнам, в Нячанг, в ноябре", "Нячанг"),
    ("Серпуховский район, деревня Лужки", "Лужки"),
    ("Казань, Ново-Савиновский район", "Казань, Ново-Савиновский"),
    ("живём в Москве, район Хамовники", "Москва, Хамовники"),
    ("a flat near Canary Wharf", "Canary Wharf"),
    ("Бердск, ул. Ленина 45", "Бердск"),
    ("Кстово", "Кстово"),
    ("в кстово", "Кстово"),
    ("Katy TX", "Katy, TX"),
    ("Islington", "Islington"),
    ("я из Зеленодольска, приеду посмотреть", "Зеленодольск"),  # where they live, when no other place is named
    ("Понятно, подумаю", None),
    ("ремонт в ванной", None),
    ("Нужен ремонт квартиры в Павловском Посаде, 2 комнаты", "Павловский Посад"),  # an adjective and a place, in the nominative
    ("в Старой Купавне", "Старая Купавна"),
    ("Южное Бутово", "Южное Бутово"),
    ("Хамовники", "Хамовники"),  # a district the dictionary reads as a place first
    ("Москва, Марьино", "Москва, Марьино"),
    ("Тур в Анталию на море", "Анталья"),
    ("экскурсионный тур по Италии", "Италия"),
    ("I live in Irving", "Irving"),  # "-ing" is no gerund when the world knows the town
    ("lessons in English", None),
    ("3 импланта нужно, верхняя челюсть", None),
    ("в Минске, Уручье", "Минск, Уручье"),  # a city and a district after it, in a sentence
    ("a flat in Headingley, Leeds", "Leeds, Headingley"),  # a district and its city after it
    ("ищу квартиру в Москве, Анна", "Москва"),  # a person signing after the place is no district
    ("хотим в Турцию, Кемер или Белек", "Кемер"),  # a town after its country, with no preposition
    ("to Spain, Malaga ideally", "Malaga"),
    ("хотим на Мальдивы в марте", "Мальдивы"),  # "на" before what the dictionary knows as a place
    ("на Кипр, Лимассол", "Лимассол"),
    ("поменять на Мерседес", None),  # a car, which GeoNames knows as a town somewhere
    ("санузел в квартире на Ленинском проспекте", None),  # a street's adjective, not the town Ленинск
    ("we're in Cedar Park, just north of Austin", "Cedar Park"),  # a reference point is not the place
    ("Hi, from Sacramento, need a quote", "Sacramento"),
    ("в селе Успенское", "Успенское"),  # a village named after its kind in any case
    ("в посёлке Кратово", "Кратово"),
    ("в Заречном", "Заречный"),  # a town named by an adjective, which GeoNames knows
    ("в Московской области", "Московская область"),  # an adjective before what it describes is no town
    ("в Большом Камне", "Большой Камень"),
    ("хотим в Карловы Вары", "Карловы Вары"),  # two words GeoNames knows as written  # a two-word town GeoNames knows, the dictionary not as a place
    ("in St. Ives", "St. Ives"),  # Latin names as places are written
    ("I live in St. Louis", "St. Louis"),
    ("in Stoke-on-Trent", "Stoke-on-Trent"),
    ("in King's Lynn", "King's Lynn"),
    ("in Coeur d'Alene", "Coeur d'Alene"),
    ("in the village of Grassington", "Grassington"),
    ("about 10 miles outside York", "York"),
    ("we're in milton keynes", "Milton Keynes"),  # in lower case, a town GeoNames knows and no English word
    ("Leeds-based, looking for a cleaner", "Leeds"),
    ("Cloud-based software", None),
    ("we are relocating from Boston", None),  # a place left behind is never the place, even alone
    ("flying via Doha", None),
    ("Best, Charlotte", None),  # a sign-off, though a Dutch town is called Best
])
def test_the_most_telling_place(text, expected):
    place = find_place(text)
    assert (place.name if place else None) == expected


@pytest.mark.parametrize("text,expected", [
    ("Headingley ideally", "Headingley"), ("в Колпино", "Колпино"), ("в центре", "В центре"),
    ("Ok cool", None), ("Понятно", None), ("к лету", None), ("не знаю пока", None),
])
def test_a_reply_to_where_must_read_as_a_place(text, expected):
    assert extract_lead(text, settings=GB if text.isascii() else RU, asked="location").location == expected


@pytest.mark.parametrize("asked", ["contact", "budget", None])
@pytest.mark.parametrize("text,expected", [
    ("Павловский Посад или рядом", "Павловский Посад"),  # the first of the places a reply names, without its hedges
    ("Звенигород или Руза", "Звенигород"),
    ("Кубинка наверное", "Кубинка"),  # a town GeoNames knows that the dictionary reads as a word
    ("Мурино", "Мурино"),  # a place the dictionary only guesses from its ending
    ("Дом", None),  # a thing first, though a village is called so
    ("Chorlton ideally", "Chorlton"),  # a small place in a country whose people write English
    ("Didsbury or West Didsbury", "Didsbury"),
    ("Cedar Park or Leander", "Cedar Park"),
    ("Жуковка, Одинцовский район", "Жуковка"),  # a town over the district it is in
    ("Кубинка, Одинцовский р-н", "Кубинка"),
    ("вторичка или новостройка", None),
    ("Cash or card", None),
    ("Chorlton, Manchester", "Manchester, Chorlton"),  # a city and one more place: "City, District"
    ("Leeds - Headingley area", "Leeds, Headingley"),
    ("Салтыковка (Балашиха)", "Балашиха, Салтыковка"),
    ("Москва Сергей", "Москва"),  # a name is no district
    ("Нижний Новгород", "Нижний Новгород"),  # "Нижний" alone is the city too: its own words are no district of it
    ("chorlton", "Chorlton"),  # in lower case: known to GeoNames, and no English word
    ("round rock", None),  # English words too
    ("San Antonio", "San Antonio"),  # "San" may be a name, but a two-word reply is read whole
    ("New Jersey", "New Jersey"),
    ("Orange County", "Orange County"),
    ("Новый", None),  # a word first, though villages are called so
    ("Tyler", None),  # a person first, though a town is called so
])
def test_a_reply_that_is_only_a_place_is_a_place_whatever_was_asked(text, expected, asked):
    settings = (US if text.startswith(("Cedar", "San", "New", "Orange", "round")) else GB) if text.isascii() else RU
    assert extract_lead(text, settings=settings, asked=asked).location == expected


@pytest.mark.parametrize("text,expected", [
    ("живём в Кубинке", "Кубинка"), ("дом в Зимовниках", "Зимовники"), ("ищем в Электроуглях", "Электроугли"),
    ("встретимся в Новом", None),  # a word the dictionary knows as something else, though villages are called so
])
def test_a_town_named_in_any_case_that_only_geonames_knows(text, expected):
    assert extract_lead(text, settings=RU).location == expected


def test_where_the_customer_is_from_never_replaces_the_place_of_the_need():
    known = LeadData(location="Москва")
    assert extract_lead("сами мы из Новосибирска", settings=RU, known=known).location is None
    assert extract_lead("ищем в Химках", settings=RU, known=known).location == "Химки"


@pytest.mark.parametrize("text,expected", [
    ("хотим заменить окна до холодов", "до холодов"), ("Свадьба 12 июля, нужна съёмка", "12 июля"),
    ("ski trip for half term", "for half term"), ("second week of October", "second week of October"),
    ("before my wedding on the 14th of June", "on the 14th of June"), ("next couple of weeks if possible", "next couple of weeks"),
    ("можно в субботу?", "в субботу"), ("ближе к лету", "ближе к лету"), ("a month or two", "a month or two"),
    ("after the holidays", "after the holidays"), ("v subbotu mozhno", "v subbotu"), ("just browsing", None),
])
def test_more_ways_to_say_when(text, expected):
    assert find_timeline(text) == expected


@pytest.mark.parametrize("text,settings,amount,low,high,currency,period", [
    ("бюджет где-то двенадцать миллионов", RU, 12_000_000, None, None, "RUB", None),
    ("два с половиной миллиона", RU, 2_500_000, None, None, "RUB", None),
    ("twenty five grand", US, 25_000, None, None, "USD", None),
    ("£1,650 pcm tops", GB, 1650, None, 1650, "GBP", "month"),
    ("about 2500 quid for both of us", GB, 2500, None, None, "GBP", None),
    ("рублей 4000 максимум", BY, 4000, None, 4000, "BYN", None),
    ("40k CAD", US, 40_000, None, None, "CAD", None),
    ("ну тыщ 900 - миллион где-то", RU, 1_000_000, 900_000, 1_000_000, "RUB", None),  # a range up to a million in words
    ("полтора-два ляма", RU, 2_000_000, 1_500_000, 2_000_000, "RUB", None),
    ("рассчитываем тысяч на 800", RU, 800_000, None, None, "RUB", None),
    ("штука баксов", RU, 1000, None, None, "USD", None),  # thousands in slang, before a currency
    ("3 штуки евро", RU, 3000, None, None, "EUR", None),
    ("пять кусков", RU, 5000, None, None, "RUB", None),
    ("5 000 у.е.", RU, 5000, None, None, "USD", None),
    ("миллион сом", RU, 1_000_000, None, None, "KGS", None),
    ("сто тысяч российских рублей", BY, 100_000, None, None, "RUB", None),  # roubles named as Russia's to a Minsk company
    ("around 1200 euros warm", DE, 1200, None, None, "EUR", "month"),  # rent quoted warm is rent per month
    ("max 1.100 € warm per month", DE, 1100, None, 1100, "EUR", "month"),
    ("like 1500?", US, 1500, None, None, "USD", None),  # a figure said with doubt still answers
    ("20k Canadian", US, 20_000, None, None, "CAD", None),
    ("между 2 и 3 млн", RU, 3_000_000, 2_000_000, 3_000_000, "RUB", None),  # a range joined by "и"
    ("от 2 млн до 3", RU, 3_000_000, 2_000_000, 3_000_000, "RUB", None),  # the upper bound borrows the lower's millions
    ("10 тысяч евриков", RU, 10_000, None, None, "EUR", None),
    ("NZD 5000", US, 5000, None, None, "NZD", None),
    ("2000 zł", US, 2000, None, None, "PLN", None),
])
def test_more_budgets_in_words_currencies_and_bounds(text, settings, amount, low, high, currency, period):
    lead = extract_lead(text, settings=settings, asked="budget")
    assert (lead.budget_amount, lead.budget_min, lead.budget_max, lead.budget_currency, lead.budget_period) == (
        amount, low, high, currency, period)


@pytest.mark.parametrize("text,currency", [
    ("ой, забыла сказать, это в долларах, не в рублях", "USD"),  # the currency named, not the one denied
    ("sorry, I meant euros not pounds", "EUR"),
    ("ну не знаю, в рублях или долларах", None),  # two, and no telling which
])
def test_a_currency_named_after_the_figure(text, currency):
    known = LeadData(budget_amount=Decimal(30_000), budget_currency="RUB")
    assert extract_lead(text, settings=RU if not text.isascii() else GB, known=known).budget_currency == currency


def test_a_stretch_on_the_known_scale_is_the_new_upper_bound():
    known = LeadData(budget_amount=Decimal(40_000), budget_currency="USD")
    lead = extract_lead("actually we could stretch to 55 if it's worth it", settings=US, asked="budget", known=known)
    assert (lead.budget_amount, lead.budget_max) == (Decimal(55_000), Decimal(55_000))


@pytest.mark.parametrize("text", [
    "3 импланта нужно, верхняя челюсть", "нас 4 человека, 2 взрослых", "нижний, 36-й, уже 3 дня",
    "Киа Рио не старше 2019, пробег до 60 тысяч", "нужно 500 штук", "5 кусков мыла",
])
def test_a_number_that_counts_something_is_no_budget_even_when_asked(text):
    assert extract_lead(text, settings=RU, asked="budget").budget_amount is None
    assert [money.amount for money in find_money("500 можем", asked=True)] == [500]


KITCHENS = BotSettings.model_validate({"phone_region": "RU", "offerings": [
    {"name": "Кухня на заказ", "synonyms": ["кухня"], "price": {"kind": "exact", "amount": 180_000, "currency": "RUB"}}]})
CARS = BotSettings.model_validate({"phone_region": "US", "offerings": [
    {"name": "Used car", "synonyms": ["car"], "price": {"kind": "exact", "amount": 25_000, "currency": "USD"}}]})


@pytest.mark.parametrize("text,settings,asked,amount,low", [
    ("150", KITCHENS, "budget", 150_000, None),  # thousands: the only reading among the company's prices
    ("150-200", KITCHENS, "budget", 200_000, 150_000),
    ("в пределах 150", KITCHENS, None, 150_000, None),
    ("Ford F-150 2019, 45k miles, want to pay under 30", CARS, None, 30_000, None),
    ("денег есть тысяч 300, может чуть больше", KITCHENS, None, 300_000, None),
    ("ну где-то 250 тыр", KITCHENS, "budget", 250_000, None),  # thousands of roubles, in shorthand
    ("250 тр", KITCHENS, "budget", 250_000, None),
    ("budget: 20K-25K USD", CARS, None, 25_000, 20_000),
    ("до 60 тисяч гривень", KITCHENS, None, 60_000, None),
])
def test_a_small_figure_on_the_scale_of_the_prices(text, settings, asked, amount, low):
    lead = extract_lead(text, settings=settings, asked=asked)
    assert (lead.budget_amount, lead.budget_min) == (amount, low)


USED_CARS = BotSettings.model_validate({"phone_region": "RU", "offerings": [
    {"name": "Авто с пробегом", "synonyms": ["авто"], "price": {"kind": "exact", "amount": 1_500_000, "currency": "RUB"}}]})


@pytest.mark.parametrize("text,settings,amount", [
    ("saw one listed at 28k but my max is 25", CARS, 25_000),  # on the scale of the figure the message writes out
    ("сдам свою в трейд-ин, она тысяч на 600 потянет, доплачу ещё 400", USED_CARS, 400_000),  # a trade-in is no budget
    ("trade-in worth about 8k, and I can add 15k cash", CARS, 15_000),
    ("the flat next door rents for 1,800 but we can only do 1,500", GB, 1500),
    ("квартира 6 млн", RU, 6_000_000),  # a flat's price, not its number
])
def test_the_budget_among_other_amounts(text, settings, amount):
    assert extract_lead(text, settings=settings).budget_amount == amount


@pytest.mark.parametrize("text", ["звоните до 18", "есть 2 ребёнка", "после 7 можно", "около 3 недель"])
def test_a_small_figure_without_words_of_money_is_no_budget(text):
    assert extract_lead(text, settings=KITCHENS).budget_amount is None


@pytest.mark.parametrize("text", [
    "iPhone 15", "после 19", "we have 2 dogs", "зуб 36", "ребенку 7", "потолки 2.7", "first floor, flat 12", "от 10 единиц",
    "звоните до 20", "2015 or newer", "3 bed house, 2 bath, built 1998", "a 60k mile service", "a 4k tv",
])
def test_a_figure_that_is_something_else_is_no_budget_even_when_asked(text):
    assert extract_lead(text, settings=CARS if text.isascii() else KITCHENS, asked="budget").budget_amount is None


@pytest.mark.parametrize("text", ["I'd like 200 business cards", "we need like 20 chairs", "I would like 3 of them, maybe 4"])
def test_a_figure_after_like_is_money_only_when_nothing_follows_it(text):
    assert extract_lead(text, settings=US).budget_amount is None


@pytest.mark.parametrize("text,expected", [
    ("Квартира 54 метра, вторичка", 54.0), ("4 квадрата", 4.0), ("2,400 sq ft house", 223.0),
    ("кухня 3 метра", None), ("потолки 2,7 метра", None), ("стена длиной 12 метров", None),
    ("кухня 9 метров, стена под гарнитур 3,2 м", 9.0),  # a room's metres, from a size no wall or set has
    ("Остекление балкона 6 метров", None),  # a balcony's metres are its glazing
    ("ой, площадь не 56, а 61 с лоджией", 61.0),  # the area named, and corrected
    ("courtyard is ca. 350 qm", 350.0), ("in the area 5 minutes from the station", None),
])
def test_a_flats_metres_are_its_area_a_walls_its_length(text, expected):
    assert find_area_m2(text) == expected


def test_of_two_numbers_the_corrected_one():
    assert extract_lead("8 916 111 22 33, ой, точнее 8 916 111 22 34", settings=RU).phone == "+79161112234"
    assert extract_lead("мой 8 912 345 67 89, рабочий 8 495 123 45 67", settings=RU).phone == "+79123456789"


def test_email_with_the_at_sign_spelled_in_transliteration():
    assert [email for email, _ in find_emails("olga.minina sobaka yandex tochka ru")] == ["olga.minina@yandex.ru"]
