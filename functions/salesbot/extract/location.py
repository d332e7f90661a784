"""Where the customer is or wants the thing: a city (in the nominative, whatever case it was written
in), a region, and a district when they name one.

Precision first: places come from a gazetteer of cities with their inflected forms generated from
the nominative, or from explicit cues ("город ...", "район ...", "based in ..."). "в Telegram",
"interested in Python" and "Владимир" the person are not places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from salesbot.extract.country import is_country, is_language, is_subdivision, subdivision_countries
from salesbot.extract.first_names import FIRST_NAMES
from salesbot.extract.makes import MAKE_STEMS
from salesbot.extract.morphology import (
    adjective_name,
    adjective_place,
    adjective_town,
    district_nominative,
    family_name,
    first_name,
    genitive_nominative,
    guessed_phrase,
    guessed_place,
    is_common_word,
    is_noun,
    masculine_nominative,
    place_nominative,
    place_phrase_nominative,
    plural_nominative,
    to_cyrillic,
    toponym_nominatives,
    unknown_word,
)
from salesbot.extract.normalize import WORD
from salesbot.extract.patterns import LazyPattern
from salesbot.extract.timeline import NEGATION, find_timeline
from salesbot.extract.wordlists import is_english_word, is_place, place_country, place_size

_RUSSIAN_CITIES = """
Москва Санкт-Петербург Новосибирск Екатеринбург Казань Нижний_Новгород Челябинск Красноярск Самара Уфа
Ростов-на-Дону Омск Краснодар Воронеж Пермь Волгоград Саратов Тюмень Тольятти Ижевск Барнаул Ульяновск Иркутск
Хабаровск Ярославль Владивосток Махачкала Томск Оренбург Кемерово Новокузнецк Рязань Астрахань Набережные_Челны
Пенза Киров Липецк Чебоксары Калининград Тула Ставрополь Курск Улан-Удэ Сочи Тверь Магнитогорск Иваново Брянск
Белгород Сургут Владимир Чита Архангельск Нижний_Тагил Калуга Симферополь Смоленск Волжский Якутск Саранск
Череповец Курган Вологда Орёл Владикавказ Подольск Грозный Мурманск Тамбов Стерлитамак Петрозаводск Кострома
Нижневартовск Новороссийск Йошкар-Ола Химки Таганрог Комсомольск-на-Амуре Сыктывкар Нальчик Шахты Дзержинск
Орск Братск Энгельс Ангарск Королёв Благовещенск Великий_Новгород Старый_Оскол Мытищи Псков Люберцы Южно-Сахалинск
Бийск Балашиха Армавир Рыбинск Прокопьевск Севастополь Абакан Норильск Сызрань Красногорск Петропавловск-Камчатский
Новый_Уренгой Ноябрьск Пятигорск Ессентуки Кисловодск Железноводск Анапа Геленджик Туапсе Ялта Евпатория Феодосия
Керчь Алушта Адлер Зеленоград Одинцово Обнинск Дубна Пушкино Щёлково Домодедово Жуковский Раменское Серпухов
Коломна Электросталь Реутов Долгопрудный Лобня Сергиев_Посад Ногинск Истра Дмитров Клин Видное Котельники
Всеволожск Гатчина Пушкин Петергоф Кронштадт Зеленоградск Светлогорск Выборг Минск Гомель Брест Гродно Витебск
Могилёв Алматы Астана Шымкент Караганда Актобе Павлодар Усть-Каменогорск Атырау Актау Бишкек Ташкент Самарканд
Душанбе Баку Тбилиси Батуми Ереван Кишинёв Киев Харьков Одесса Днепр Львов Рига Вильнюс Таллин
Стамбул Анталья Алания Дубай Абу-Даби Шарджа Лондон Париж Берлин Мюнхен Рим Милан Мадрид Барселона Лиссабон Прага
Вена Варшава Будапешт Белград Афины Лимассол Пафос Ларнака Никосия Пхукет Паттайя Бангкок Бали Нью-Йорк Майами
Лос-Анджелес Сан-Франциско Торонто Пекин Шанхай Токио Сеул Подмосковье Питер СПб Екб Мск
"""
_ALIASES = {"питер": "Санкт-Петербург", "спб": "Санкт-Петербург", "петербург": "Санкт-Петербург",
            "екб": "Екатеринбург", "мск": "Москва", "нижний": "Нижний Новгород", "ростов": "Ростов-на-Дону"}
_ENGLISH_CITIES = """
London Manchester Birmingham Liverpool Leeds Glasgow Edinburgh Bristol Sheffield Newcastle Nottingham Cardiff
Belfast Oxford Cambridge Brighton Dublin Cork New_York NYC Brooklyn Manhattan Queens Los_Angeles San_Francisco
San_Diego San_Jose Seattle Portland Chicago Boston Austin Dallas Houston Denver Phoenix Miami Atlanta Orlando
Tampa Philadelphia Washington Las_Vegas Detroit Minneapolis Nashville Toronto Vancouver Montreal Calgary Ottawa
Sydney Melbourne Brisbane Perth Auckland Berlin Munich Hamburg Frankfurt Cologne Stuttgart Vienna Zurich Geneva
Paris Lyon Marseille Nice Madrid Barcelona Valencia Malaga Lisbon Porto Rome Milan Naples Florence Venice
Amsterdam Rotterdam Brussels Antwerp Prague Warsaw Krakow Budapest Copenhagen Stockholm Oslo Helsinki Athens
Limassol Paphos Larnaca Nicosia Istanbul Antalya Dubai Abu_Dhabi Doha Singapore Hong_Kong Tokyo Seoul Bangkok
Phuket Bali Moscow Saint_Petersburg St._Petersburg Kazan Riga Vilnius Tallinn Tbilisi Batumi Yerevan Almaty Astana
Tashkent Kyiv Kiev Minsk Belgrade Bucharest Sofia Mumbai Delhi Bangalore Dubai Cairo Cape_Town Johannesburg
"""
# Cities whose nominative is also a first name, a surname or a common word: only after "в", "из",
# "город" and the like, or in an inflected form.
_AMBIGUOUS = {"владимир", "орел", "королев", "киров", "пушкин", "шахты", "энгельс", "видное", "истра", "клин",
              "жуковский", "грозный", "нижний", "ростов", "бали"}
_PLACE_PREPOSITION = {"в", "во", "из", "под", "около", "г", "город", "города", "городе", "городом", "до"}
_DISTRICT = LazyPattern(
    r"(?:(?<!\w)(?=[рмЖжпПсдСКрРМ])(?:район[еау]?|р-н[еа]?|мкр\.?|микрорайон[еау]?|ЖК|жк|посёлок|поселок|пос\.|село"
    r"|деревн[яеи]|СНТ|КП)\s(?P<name>[A-ZА-ЯЁ«\"][\w«»\"-]+(?:\s[A-ZА-ЯЁ][\w-]+)?)"
    r"|(?P<adjective>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)*(?:ый|ий|ой|ском|ском|ом))\s(?:район\w*|р-н\w*))"
)
_SETTLEMENT = LazyPattern(
    r"(?<!\w)(?=[пПсСдДкКхХрРаАмМ])(?:[Пп]ос[её]л(?:ок|ке|ка)|пос\.|п\.|пгт\.?|р\.?п\.|[Сс]ел[оеау]|с\.|[Дд]еревн[яеиюу]|дер\.|д\.|СНТ|снт|КП|кп"
    r"|[Сс]таниц[аеуы]|[Хх]утор[ае]?|х\.|[Пп]оселени[еияю]|[Аа]ул[ае]?|[Кк]ишлак[ае]?|[Мм]ахалл[яеиюь]|[Кк]оттеджн\w+ пос[её]л(?:ок|ке|ка))"
    r"\s?(?P<name>[A-ZА-ЯЁ«\"][\w«»\"]+(?:-[\w«»\"]+)*(?:\s[А-ЯЁ][а-яё]+(?<!ской)(?<!ского)(?<!ском)(?<!цкой)(?<!цкого)(?![\w-]))?)"
)  # "посёлок Сосновый Бор", "деревня Малые Вяземы"; not "село Никольское Московской области"
_REGION = LazyPattern(
    r"(?P<stem>[А-ЯЁ][а-яё]+(?:ск|цк))(?:ая|ой|ую|ий|ом|ого)\s(?P<kind>област\w*|обл\b\.?|кра[йяею]\w*)"
    r"|(?P<republic>(?:Республик[аеиуой]\s)[А-ЯЁ][а-яё]+)"
)
_CITY_WORD = LazyPattern(r"(?:(?<!\w)г\.\s?|(?<!\w)город[еау]?\s)(?P<name>[A-ZА-ЯЁ][\w-]+(?:\s[A-ZА-ЯЁ][\w-]+)?)")
# A place's name in Latin letters: "Round Rock", "St. Ives", "Stoke-on-Trent", "Newcastle upon Tyne", "King's Lynn".
# Its letters may carry accents, as foreign towns' do: "São Paulo", "Kraków", "Zürich".
_LATIN_TOWN = (r"(?:(?:St|Ft|Mt)\.?\s)?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:'s)?(?:(?:[ -]|-(?:on|upon|under|in|le|la|de|super|by|sur|en)(?:-the)?-"
               r"|\supon\s|\sd')[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:'s)?){0,2}")
_LATIN_LETTER = LazyPattern(r"[A-Za-z]")
_NUMBERED = LazyPattern(r"\s\d")
_JOINED_TOWN = LazyPattern(r"-(?:on|upon|under|in|le|by|super|sur)(?:-the)?-[A-Z]")
_ENGLISH_CUE = LazyPattern(
    r"(?<![A-Za-z])(?=[lbmriwscavtophduj0-9])(?:located in|based in|live in|living in|staying(?: with [a-z']+)? in|moving to|relocating to|i'm in|we're in|i am in"
    r"|we are in|i'm from|we're from|i am from|we are from|city of|somewhere in|area of|village of|town of|suburb of|outside of"
    r"|(?:village|town|place|suburb|hamlet)(?:\s(?:in|near|outside)\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?,?\scalled"
    r"|(?:village|hamlet|suburb)\s(?:near|outside)\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,"  # "a village near Sevenoaks, Ide Hill"
    r"|(?:\d+\s?(?:km|kms|k|mi|miles|mins|minutes)|an hour|half an hour)\sout of"  # "a farm about 20km out of Narromine"
    r"|downtown|uptown|midtown|(?:out|just|right)\s(?:past|beyond)"  # "The Laurel Inn, downtown Asheville", "out past Sand Springs"
    rf"|outside)\s(?P<name>{_LATIN_TOWN})(?P<state>,\s?[A-Z]{{2}}\b)?"
)
_ENGLISH_SLOT = LazyPattern(
    r"(?<![A-Za-z])(?=[itnavebcdosINTAVEBCDOS])(?:in|to|near|around|visit|visiting|trip to|holiday in|ending up at|end up at"
    # "the liveaboard out of Hurghada": where the boat, the tour or the ride sets out (not "we ran out of Stock")
    r"|(?:one|ones|boat|boats|tour|tours|trip|trips|cruise|cruises|liveaboard|charter|charters|sailing|sails|departing|operating)"
    r"\sout of)\s(?:the\s)?"
    rf"(?P<name>{_LATIN_TOWN})(?![\w'@])")
# A lake the customer's land is on, a place though no list holds it: "island property on Lake Rosseau".
_ON_LAKE = LazyPattern(r"(?<![A-Za-z])(?:on|at)\s(?P<name>Lake\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?![\w'@])")
# A glen, a loch or a cape, named by its kind's word, a place though no list holds it: "a stalk on the Glen Affric beat",
# "a cottage at Loch Ness" (not "ask Glen Smith": a person, whom these prepositions seldom stand before).
_BY_ITS_KIND = LazyPattern(r"(?<![A-Za-z])(?:on|at|in|near|around|to the)\s(?:the\s)?(?P<name>(?:Glen|Loch|Lough|Strath|Cape)\s[A-Z][a-z]+)"
                           r"(?![\w'@])")
# "at" before a place only after a home or a piece of land: "a cottage at Wasaga Beach", "the farm at Croom", "the
# block is at Malmsbury", "my holiday place is at Palm Beach"; after anything else it stands before a firm or a venue as often ("a party at Tesco").
_AT_SLOT = LazyPattern(
    r"(?i:(?<![\w-])(?:house|home|cottage|cabin|bungalow|chalet|bach|caravan|property|farm|farmhouse|barn|block|plot|land|villa"
    r"|flat|apartment|condo|unit|(?:holiday|summer|weekend|beach|country)\splace)"
    r"(?:'s|\s(?:is|are|will be|would be|itself is))?(?:\s[^\s,.;:!?]+){0,3}?\sat\s(?:the\s)?)"
    rf"(?P<name>{_LATIN_TOWN})(?![\w'@])")
# A home and, after a comma, the place it is in, ending the clause: "old stairs in a rented house, Ripon."
_HOME_THEN_PLACE = LazyPattern(
    r"(?i:(?<![\w-])(?:house|home|flat|apartment|property|cottage|bungalow|condo|villa|farmhouse|farm|townhouse))\s?,\s"
    rf"(?P<name>{_LATIN_TOWN})(?=\s*(?:[.;!?]|$))")
# A place named before the customer's own premises in it: "for our Sandton office", "at our Leeds branch", "the
# Orchard Park clinic" (not "your Leeds office", the company's, nor "our Google account", a thing's name).
_PREMISES = LazyPattern(
    rf"(?<![A-Za-z])(?i:our|my|the|this)\s(?P<name>{_LATIN_TOWN})(?:,?\s[A-Z]{{2}})?\s(?i:office|branch|store|shop|site|warehouse|clinic"
    r"|depot|plant|factory|studio|showroom|restaurant|hotel|location|premises|campus|hq|headquarters|yard|lot"
    r"|property|farm|ranch|cabin|acreage)(?![\w'])")  # "the Huntsville AR property you posted about"
# A place said to be the exact one, after a larger one: "a winery in the Yarra Valley, Coldstream to be exact".
_TO_BE_EXACT = r",?\s(?i:to be (?:exact|precise)|precisely|specifically)(?![\w'])"
_EXACT_PLACE = LazyPattern(rf"(?:^|(?<=[,;])\s*)(?P<name>{_LATIN_TOWN}){_TO_BE_EXACT}")
_SAID_EXACTLY = LazyPattern(rf"[\w'-]+(?:\s[\w'-]+){{0,2}}?{_TO_BE_EXACT}")
# A cemetery named after the place it is in, which is the site of the work on a grave: "row F plot 112, Hunslet cemetery",
# "Highgate Cemetery".
_CEMETERY = LazyPattern(rf"(?<![\w'-])(?P<name>{_LATIN_TOWN})\s(?i:cemetery|churchyard|graveyard|crematorium)(?![\w'])")
# A place the customer asks the company to serve, which only a place is asked of: "Ellaville, is that in your
# area?", "do you cover Hollowmere?", "Кряжевое, вы туда выезжаете?".
_SERVED = LazyPattern(
    rf"(?:^|[.!?]\s+)(?P<head>{_LATIN_TOWN}),?\s(?i:is that|is it|is this|that's|thats)\s(?i:in|within|inside|part of|on)\s"
    r"(?i:your|ur)\s(?i:area|patch|zone|range|catchment|service area|radius|route|map)"
    r"|(?<![A-Za-z])(?i:do|can|will|would)\s(?i:you|u)\s(?:guys\s)?(?i:cover|service|serve|come\s(?:out\s)?to|go\s(?:out\s)?to"
    rf"|travel\sto|work\sin|operate\sin)\s(?P<name>{_LATIN_TOWN})(?![\w'@])")
_SERVED_RUSSIAN = LazyPattern(
    r"(?:^|[.!?]\s+)(?P<head>[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁа-яё][а-яё]+)?),?\s(?:это\s)?(?:вы\sтуда\s(?:выезжаете|ездите|доставляете|приезжаете)"
    r"|(?:входит\s)?в\s(?:вашу|вашей)\sзон\w*)")
# Russian written in Latin letters, its preposition before a town: "v Konakovo, ul. Moskovskaya 14", "iz Dubny".
_TRANSLIT_SLOT = LazyPattern(
    r"(?<![\w'-])(?:v|vo|iz|pod|okolo|vozle)\s(?P<name>[A-Z][a-z]{2,}(?:-[A-Z]?[a-z]+)*(?:\s[A-Z][a-z]{2,})?)(?![\w'@-])")
# And a settlement's word before its name, which names a place though no list holds it: "agrogorodok Kolodishchi".
_TRANSLIT_SETTLEMENT = LazyPattern(r"(?i:(?<![\w'-])(?:agro-?gorodok|derevn(?:ya|e|i)|pos[eyo]+lok|pos[eyo]+lke|selo|sele|stanits[ae]"
                                   r"|khutor|kishlak|mahall[ae]|snt))\s(?P<name>[A-Z][a-z]{2,}(?:-[A-Z]?[a-z]+)*)(?![\w'@-])")
_INNER_CAPITAL_SLOT = LazyPattern(
    r"(?<![A-Za-z])(?:in|near|around|to|from|visit|visiting)\s(?P<name>[A-Z][a-z]{0,3}[A-Z][a-z]+(?:[A-Z][a-z]+)?)(?![\w'@])")
# The same in lower case, for a town GeoNames knows that holds no English word: "we're in milton keynes".
_LOWER_ENGLISH_CUE = LazyPattern(
    r"(?<![A-Za-z])(?:based in|live in|living in|moving to|i'm in|im in|we're in|were in|i am in|we are in)\s"
    r"(?P<name>[a-z]{4,}(?:[ -][a-z]{4,})?)(?![\w'@])")
# Capitalised words after "in" that are languages, nationalities or units, not places.
_NOT_PLACE_WORD = LazyPattern(r"(?:ish|ese|ian|ing|ed)$|^(?:Q[1-4]|I|A|An|Person|Advance|Total|General|Stock)$")
_NOT_PLACES = frozenset({
    "Telegram", "WhatsApp", "Instagram", "Viber", "English", "Russian", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Spring", "Summer", "Autumn", "Fall", "Winter",
    "Cash", "The", "My", "Our", "Your", "It", "Total", "Python", "Java", "Need", "Love", "Touch", "Town", "Real",
    "Best", "Regards", "Cheers", "Thanks", "Kind", "Warm", "Many", "Sincerely",  # sign-offs: "Best, Charlotte"
    "Zoom", "Skype", "Teams", "Meet", "Google", "FaceTime", "Facebook", "Messenger", "Signal", "Discord", "Slack",  # calls
    "Online", "Offline", "Virtual", "Virtually", "Remotely", "Email", "Video", "Phone",
})
_REFUSALS = LazyPattern(
    r"^(?:(?:пока|ещё|еще|i|we)\s+)?(?:не важн\w*|неважн\w*|не знаю|без разницы|вс[её] равно|любо[йеая]|где угодно|пока не решил\w*|нет|не скажу|не хочу"
    r"|any|anywhere|doesn't matter|does not matter|don't know|dont know|not sure|no preference|no idea|whatever|nope|no)\b",
    re.IGNORECASE,
)
# A capitalised word where a place stands: after "в", "из", "город"... (or "В" opening a sentence), or just before a region.
_TOWN_SLOT = LazyPattern(
    r"(?:(?<!\w)(?P<preposition>[вВ]|[вВ]о|[иИ]з|с|со|по|под|около|возле|до|рядом с|недалеко от|город[еау]?|г\.)\s?|(?<![\w-])(?=[А-ЯЁ][а-яё-]+,?\s[А-ЯЁ][а-яё]+(?:ск|цк)\w*\s(?:област|кра|район|р-н)))"
    r"(?P<name>[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁа-яё][а-яё]+){0,2})(?![\w-])(?:\s(?P<second>[А-ЯЁ][а-яё]{2,})(?![\w-]))?"
)
_TIME_PREPOSITIONS = frozenset({"до", "с", "со", "по"})
# The prepositions after which a word shaped as a village's name is one though no list holds it ("в
# Колобове", "из Угловки", "под Излучинском"); not "с", "по", which as often stand before a person or a thing.
_GUESS_AFTER = frozenset({"в", "во", "из", "под", "около", "возле", "до", "город", "города", "городе", "городу", "г."})
# What an adjective after "в" describes when it is no town: "в Московской области", "в Центральном районе".
_NOUN_AFTER_ADJECTIVE = LazyPattern(
    r"\s(?:област|кра[йяюе]|район|р-н|округ|шоссе|проспект|улиц|переул|бульвар|набережн|площад|проезд|направлени|рын|центр"
    r"|торгов|парк|лес|микрорайон|мкр|жк|квартал|год|дом|офис|магазин|салон|филиал|отделени|банк|театр|зал|музе|аэропорт"
    r"|вокзал|порт)", re.IGNORECASE)
_WORD_AFTER = LazyPattern(r"\s[а-яё]")  # "в Романовской школе": an adjective of the noun after it, no place
_ADJECTIVE_ENDING = LazyPattern(r"(?:[ыио]й|[ое]м|[ыи]х|ую|ая|ое)$")
# Islands, districts and streets go with "на": "на Кипр", "на Арбате".
_ON_SLOT = LazyPattern(r"(?<!\w)на\s(?P<name>[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁа-яё][а-яё]+){0,2})(?P<number>-\d{1,2})?(?![\w-])"
                       r"(?!\s(?:проспект|шоссе|улиц|переул|бульвар|набережн|площад|проезд|тупик|лини|пруд|остров)\w*)")
# A name in the genitive after "на" is a street's, called after a person ("мы на Жуковского", "на Ленина 5"), not the
# town of that name: districts and islands after "на" stand in the locative or accusative ("на Арбате", "на Кипр").
_STREET_GENITIVE = ("ского", "цкого", "ова", "ева", "ёва", "ина", "ына")
# A district of two words with "на": "на Каменной Горке", "на Красной Пресне".
# An island named by an adjective, as a district of a city often is: "на Васильевском острове", "Крестовский остров".
_ISLAND = LazyPattern(r"(?<![\w-])(?P<adjective>[А-ЯЁ][а-яё]{3,}(?:ий|ый|ой|ом|ого|ым|ин|ине|ином|ина))\s(?P<noun>остров(?:а|е|ом|у)?)(?![\w-])")
_ON_PHRASE = LazyPattern(r"(?<!\w)на\s(?P<adjective>[А-ЯЁ][а-яё]+(?:ой|ом|ых|их|ей))\s(?P<noun>[А-ЯЁ][а-яё]{2,})(?![\w-])")
# The same in lower case, read only in a short reply (where a town is likely, and the dictionary's cost small).
_LOWER_TOWN_SLOT = LazyPattern(r"(?<!\w)(?:(?:в|во|из|под|до|город[еау]?)\s|г\.\s?)(?P<name>[а-яё]{4,}(?:-[а-яё]+){0,2})(?![\w-])")
_LOWER_SECOND_WORD = LazyPattern(r"\s([а-яё]{3,})(?![\w-])")
_SHORT_REPLY_WORDS = 6
_WORDS_TOWN_SIZE = 1  # wordlists.place_size: 10,000 people or more
_WORD_TOWN_SIZE = 2  # an ordinary word answering "where?" is a town when a town of 100,000 is called so ("Reading", "Bath")
_CURRENCIES = ("сум", "тенге", "рубл", "доллар", "евро", "гривн", "бакс", "лари", "драм", "манат")
_LOWER_ENGLISH_SLOT = LazyPattern(
    r"(?<![a-z])(?:in|to|near|around|visit|visiting|outside)\s(?P<words>[a-z]{3,}(?:[ -][a-z]{2,}){0,2})")
# What the customer would like around them is a wish, not where they are: "чтобы рядом школа и парк".
_WISH = LazyPattern(
    r"(?<!\w)(?:хочу|хотим|хотелось|чтобы|чтоб|нужн\w*|желательно|рядом с|рядом\s|близко|поближе|ближе|побольше|поменьше|без\s"
    r"|want|would like|need|close to|near\s|with a|must have|prefer)(?!\w)", re.IGNORECASE)
_NOT_TOWNS = ("телеграм", "ватсап", "вотсап", "вайбер", "инстаграм", "инсте", "авито", "циан", "контакт", "вк", "максе",
              "яндекс", "гугл", "сбер", "тиньков", "озон", "вайлдбер", *MAKE_STEMS)  # "в Тойоте", "на Мерседесе": makes
# Before a place where the customer only comes from, lives or passes through ("сами из", "Hi from",
# "flying via"): a place of the need itself outranks it.
_ORIGIN = LazyPattern(
    r"(?<!\w)(?:из|iz|с|от|родом из|жив[уёе]\w* (?:в|на)|прожива\w* в|сам[аи]?(?: живу| живем| живём)? в|смотрели(?: \w+)? в|были в|был[аи]? в"
    r"|через|транзитом через|прилета\w* из|рейс\w* из|flights? from|(?:flying|fly|flew|arriving|coming)(?: in| over) from|переезжа\w* из|переех\w* из|уезжа\w* из|from|liv(?:e|es|ing)(?: up| down| out| over)? in"
    r"|based in|(?:i'm|we're|i am|we are)(?: up| down| out| over)? in|back home in|back in|flying from|fly from|flying out of|via|through|stopover in"
    r"|(?:fly|flew|flights?) out of"
    r"|looked at|were in|was in|at work in|(?:i|we)\s(?:work|am working|are working)\sin|работа(?:ю|ем) в"
    r"|(?:my|our) (?:company|firm)(?:'s|\sis)?(?:\sbased)?\s(?:in|at)|stud(?:y|ies|ying) in"
    # where the things or the people start from: "from halls in Clifton" (not Russian "из ... в", which
    # is as often the route's start and its end: "из Екатеринбурга в Берёзовский")
    r"|from(?:\s[\w'-]+){1,3}?\s(?:in|at|on)"
    r"|relocating from|moving from|originally from|(?:north|south|east|west)(?:-?(?:east|west))? of|outside of"
    r"|вылета\w* из|летим из|leaving|still in|currently in|сейчас(?: я| мы)? в|пока(?: я| мы)? в|пересадк\w* в"
    r"|(?:я|мы) сейчас в|сам[аи]? (?:я|мы) в|командировк\w* в|в командировке в|on a business trip (?:in|to)"
    # where the one the need is for lives, as the customer lives: "my mum's lawn ... She's in Westbury-on-Trym"
    r"|(?:he's|she's|he is|she is|they're|they are)(?:\s(?:now|still|currently|up|down|out|over))?\s(?:in|at)"
    r"|(?:я|мы)(?: сейчас| пока)? у [а-яё]+ в|staying (?:at|with) (?:my |our )?[\w'’]+ in"  # "я сейчас у дочери в Харькове"
    r"|заед\w* в|заноч\w* в|переноч\w* в|stop(?:ping)?(?: over)? in|stopover in|layover in|change planes in"
    r"|overnight(?:ing)? in"  # a night's stop
    r"|севернее|южнее|западнее|восточнее"
    # where the customer would go to see or fetch the thing, which is the company's or the seller's town, not the need's:
    # "могу и в Казань съездить", "готовы ехать за машиной в Самару", "I can drive over to Leeds to see it"
    r"|(?:съезд\w*|съезжу|подъех\w*|подъед\w*|сгоня\w*|смота\w*|(?:готов\w*|мог\w*|може\w*)\s(?:и\s)?(?:ехать|поехать|приехать"
    r"|подъехать|съездить))(?:\sза\s[а-яё]+)?\s(?:в|во)"
    r"|(?:(?:can|could|happy to|willing to|able to|don't mind|i'll|we'll|will)\s(?:drive|come|travel|pop|head|get)"
    r"|(?:worth|mind)\s(?:driving|coming|travell?ing|popping|heading|getting))"
    r"(?:\s(?:over|up|down|out|across))?\sto)\s(?:[\w-]+\s)?$",
    re.IGNORECASE,
)
# Before a place, words that make it the airport the customer flies into: it gives way to the need's place ("flying into
# Geneva on the 14th and staying in Chamonix", "он прилетает 3-го в Алматы, там ночует"), but not to its country ("тур в
# Турцию, прилетаем в Анталью").
_FLOWN_INTO = LazyPattern(r"(?i)(?<!\w)(?:(?:fly|flying|flew|land|landing|arriving)\s(?:into|in|at)"
                          r"|(?:прилета\w*|прилетим|прилечу|приземля\w*)(?:\s[\w-]+)?\s(?:в|во))\s$")
# Before a place the customer leaves, passes through or has given up on, measures from or was only born
# in, which is never the place, even when no other is named: "relocating from Boston", "flying via Doha",
# "смотрели в Истре", "от Твери 40 км", "originally from Cork".
_LEFT_BEHIND = LazyPattern(
    r"(?<!\w)(?:от|через|originally from|родом из|транзитом через|прилета\w* из|переезжа\w* из|переех\w* из|уезжа\w* из|вылета\w* из|летим из|смотрели(?: \w+)? в"
    r"|relocating from|moving from|(?:flying|fly|flew|arriving|coming)(?: in| over)? from|flying out of|flights? from|рейс\w* из|leaving|via|through|stopover in|looked at"
    r"|пересадк\w* в|stop(?:ping)? over in|layover in|change planes in"
    # where the customer comes back from, which is where they are away, not the need's place: "когда вернусь из Ташкента"
    r"|верн[уеё]\w* из|возвраща\w* из|back from|return(?:s|ing)? from)\s(?:[\w-]+\s)?$",
    re.IGNORECASE,
)
# Before a place, words that put it in the customer's past, which is never the place of the need now: where they lived,
# stayed, went or rented before ("раньше жили в Мурино", "в прошлом году были под Камызяком", "он уже был на Ахтубе",
# "we went to Disneyland Paris in the summer", "we used to rent from an outfit in Colorado Springs").
_PAST = LazyPattern(
    r"(?i)(?:(?<!\w)(?:раньше|в прошлом году|в прошлый раз|прошлым летом|прошлой зимой|когда-то|давно)(?:\s[а-яё]+){0,3}?\s(?:в|во|на|под|из)"
    r"|(?<!\w)(?:(?:уже|тоже)\s)?(?:жил[аи]?|бывал[аи]?|отдыхал[аи]?|рыбачил[аи]?|ездил[аи]?)\s(?:[а-яё]+\s)?(?:в|во|на|под)"
    r"|(?<!\w)(?:уже|тоже)\sбыл[аи]?\s(?:в|во|на|под)|(?<!\w)был[аи]?\s(?:на|под)"
    r"|(?<!\w)(?:used to|last (?:time|year|summer|winter)|previously)(?:\s[\w'-]+){0,5}?\s(?:in|at|from|to)"
    r"|(?<!\w)(?:moved (?:here\s)?from|(?:went|flew|drove|travell?ed) to|(?:have|has|'ve) been to|visited))\s(?:the\s)?$")
# After a place, the same: "в Англию в прошлом году уже ездили", "Spain we did last year".
_PAST_AFTER = LazyPattern(
    r"(?i)[\w-]+\s(?:(?:[а-яё]+\s){0,4}?(?:ездил[аи]?|были|был[аи]?|отдыхал[аи]?|жил[аи]?|бывал[аи]?)(?!\sбы)"
    r"|(?:[\w']+\s){0,3}?(?:did|went|was|were|visited|lived)\s(?:\w+\s)?(?:last|before|already)|last (?:year|summer|time))(?!\w)")
# After a place in its own clause, words that make it a stop on the way, never the place: "в Мадриде
# пересадка", "заночуем в Твери по пути", "Tver on the way", "Doha for the layover".
_TRANSIT_AFTER = LazyPattern(
    r"[^,.;:!?\n]{0,40}?(?<!\w)(?:пересадк\w*|по пути|по дороге|проездом|транзитом|on the way|en route|layover|stopover"
    r"|in transit|overnight stop|peresadk\w*|po puti|po doroge|proezdom|tranzitom)(?!\w)", re.IGNORECASE)  # and in Latin letters
# Between two places, words that travel on from the first to the second, which is then the trip's place:
# "прилетаем в Стамбул, оттуда в Анталью", "fly into Doha then on to the Maldives". Not "потом" or
# "then" alone, which as often add a second wish to the first ("кухня в Казани, потом, может, в Иннополисе").
_ONWARD = LazyPattern(r"(?i)(?<!\w)(?:оттуда|дальше|on to|onward to|onwards to"
                     r"|then\s(?:we're\s|we\s|i\s)?(?:(?:driv\w*|fly\w*|head\w*|going|get(?:ting)? the \w+|tak\w* the \w+)\s(?:on\s)?(?:to|into)"
                     r"|stay\w*\s(?:in|at))"
                     r"|потом\s(?:едем|поедем|на машине|на поезде|на автобусе|летим|полетим))(?!\w)")  # "then driving to"
_ONWARD_REACH = 60  # the next place is named in the same breath
_MAX_CANDIDATES = 24
# Between two places, a route's dash or "to": "Переезд Харьков - Киев", "Boston to Seattle"; the
# first is where the trip starts.
_ROUTE = LazyPattern(r"[\w.-]*\s*(?:-|–|—|→|->|>|to|до)\s*$", re.IGNORECASE)
# Before a place, words that make it where the thing goes, which outranks the other places named:
# "to my new place in Pflugerville", "к нам домой в Москву", "ending up at Palm Beach", "от Костромы до Плёса".
_DESTINATION = LazyPattern(
    r"(?<!\w)(?:до|drop(?:ping)?[- ]off (?:in|at)|deliver\w* (?:to|in)|ending up (?:at|in)|end up (?:at|in)|ending (?:at|in)|finish(?:ing)? (?:at|in)|arriv\w* (?:at|in)"
    r"|(?:to|into)\s(?:[\w'-]+\s){1,3}?(?:in|at)|(?:к|ко)\s(?:нам|мне|себе)(?:\sдомой)?\s(?:в|во)|домой\s(?:в|во)"
    r"|(?:на|в)\s(?:нов\w+|нашу|наш)\s(?:квартир\w*|дом|дачу|офис)\s(?:в|во)|destination(?:\sis)?:?|цель:?"
    # a ride's end: "need a car to Muscat", "трансфер из Бишкека в Алматы", "такси до Лоо"
    r"|(?:car|cab|taxi|transfer|ride|lift|shuttle|minibus|minivan|coach|driver|трансфер\w*|такси|машин[аиуы]|микроавтобус\w*"
    r"|минив[эе]н\w*)(?:\s[^\s,.;:!?]+){0,3}?\s(?:to|into|в|во|до)"
    # a move's or a delivery's end: "back home to Portishead", "bring it to", "перевезти диван в"
    r"|(?:(?:brought|bring|take|taken|taking|ship|shipped|send|sent)(?:\s(?:it|them|her|him|everything|things|stuff))?"
    r"(?:\sback)?(?:\shome)?|back\shome)\sto|(?:привез\w*|отвез\w*|перевез\w*|довез\w*|достав\w*|переезд\w*|переезжа\w*|переед\w*)"
    # not "со склада в Химках", "из общежития в Ростове": where it is taken from; but "с Химмаша в Кумбатыр", a route
    r"(?:\s(?!(?:из|с|со|от)\s(?-i:[а-яё]))[^\s,.;:!?]+){0,4}?\s(?:в|во|на))\s$",
    re.IGNORECASE)
# Before a place, the thing the work is done on or at, which makes the place the need's own and outranks the others
# named: "дом в Климовске", "участок в Ждановичах", "домик с баней в Лахденпохье", "the house is in Topsham", "a
# holiday rental in Leura", "the wedding is at Hedingham"; not where the thing comes from ("со склада в Химках",
# `source`).
_SITE = LazyPattern(
    r"(?<![\w-])(?P<source>(?:из|со|с|от|from|out of)\s(?:(?:the|my|our|his|her|their|a|нашего|нашей|моего|моей)\s)?)?"
    r"(?:дом[ауе]?|домик[аеу]?|дач[аеиу]|участ(?:ок|ка|ке|ку)|квартир[аеуы]|коттедж[аеу]?|объект[аеу]?|таунхаус[аеу]?"
    r"|бан[яюеи]|склад[аеу]?|помещени[еяю]|офис[аеу]?|магазин[аеу]?|гараж[аеу]?|стройк[аеиу]|земл[яюие]|двушк[аеиу]|тр[её]шк[аеиу]"
    r"|однушк[аеиу]|комнат[аеуы]|свадьб[аеуы]|банкет[аеу]?|корпоратив[аеу]?|праздник[аеу]?|мероприяти[еяю]|комплекс[аеу]?|зал[аеу]?"
    r"|ресторан[аеу]?|кафе|усадьб[аеуы]|баз[аеуы]|отел[ьяею]|гостиниц[аеуы]|кладбищ[еау]|event|party|cemetery|graveyard"
    r"|house|cottage|property|rental|flat|apartment|condo|site|job|venue|plot|land|office|shop|premises|bungalow|semi|farmhouse"
    r"|farm|barn|cabin|villa|unit|garage|building|warehouse|wedding|ceremony|reception|block)"
    r"(?:'s|\s(?:is|are|will be|would be|itself is))?(?:\s[^\s,.;:!?]+){0,3}?\s(?:в|во|на|in|at|on)\s(?:the\s)?$",
    re.IGNORECASE)
# Before a city's name, a pet or a person it names ("my golden retriever Denver", "собака по кличке
# Аляска", "our daughter Sydney"); or "the" before a city used as a word about a thing ("the Bristol
# menu", "the Boston terrier"): no place at all.
_NAMED_ONE = LazyPattern(
    r"(?i)(?<![\w-])(?:dog|cat|puppy|pup|kitten|pet|retriever|spaniel|terrier|poodle|shepherd|collie|labrador|lab|doodle|husky"
    r"|bulldog|pug|horse|pony|son|daughter|boy|girl|kid|baby|wife|husband|friend|brother|sister|mum|mom|dad"
    r"|собак\w*|пс[ау]|п[её]с|кот|кота|коту|котик\w*|кошк\w*|щен\w*|кот[её]н\w*|сын\w*|доч\w*|шпиц\w*|пудел\w*|лабрадор\w*"
    r"|кличк\w*|зовут)(?:\s(?:is\s)?(?:named|called))?,?\s$")
# Before a name, words that make it a landmark beside the place: "near the Biltmore", "opposite the Odeon" (a town or a
# district is not "the" one: "near the Hague" is too rare to lose the rest for).
_LANDMARK_BEFORE = LazyPattern(r"(?i)(?<![\w'])(?:near|by|next to|opposite|behind|beside|across from|close to)\sthe\s$")
_THE_THING = LazyPattern(r"(?<![A-Za-z])the\s$")
_AFTER_THE_THING = LazyPattern(r"[A-Z][\w.'-]*\s(?!area\b|region\b|side\b|end\b|suburbs\b|outskirts\b|city\b|centre\b|center\b"
                               r"|neighbou?rhood\b|district\b|part\b)[a-z]")
# A word that is no home or land, which a place after it would be the site of; and none just before ("участок купили в").
_NO_HOME = (r"(?!(?:участ|дом|дач|квартир|коттедж|таунхаус|земл|гараж|помещени|офис|склад|house|home|flat|plot|land|property|apartment"
            r"|cottage|place|farm|barn|cabin|bungalow|villa|condo|unit|building|lot|acre|semi|townhouse|bach|chalet|caravan)\w*)")
_AFTER_NO_HOME = "".join(rf"(?<!{noun}\s)" for noun in ("участок", "дом", "дачу", "квартиру", "землю", "коттедж", "house", "flat",
                                                             "home", "plot", "land", "farm", "cottage", "property"))
# Before a place, words that tie it to something else than the need, which where the customer lives
# outranks: "he's at school in Leeds", "bought it at auction in Bristol", "from my aunt in Dallas",
# "documents for my visa to Germany", "родилась в Омске", "can drive it up to Portland" (a thing or a pet
# brought to the company; "driving to Moab" is the trip's own).
_INCIDENTAL = LazyPattern(
    r"(?i)(?<![\w-])(?:(?:(?:school|college|uni|university|школ\w*|гимнази\w*|лице[йея]\w*|учится|учатся|универ\w*|институт\w*"
    r"|(?:bought|got|found) (?:it|this|that|them|these|one)|sold|купил[аи]? (?:его|её|ее|их)|нашл[иа]? (?:его|её|ее|их)"
    r"|(?:stay\w*|sleep\w*|overnight) (?:at|with) (?:my|our) [\w']+|from my (?:aunt|uncle|gran|granny|grandma|grandmother|grandfather|grandpa"
    r"|grandad|mother|mum|mom|father|dad|parents|sister|brother|friend|cousin)|от (?:бабушки|дедушки|мамы|папы|родителей"
    r"|т[её]ти|дяди|друга|подруги))(?:\s[\w'-]+){0,4}?\s(?:in|at|near|в|во|из|под))"
    r"|visa (?:to|for)|виз[уаы] в|born in|grew up in|родил\w* в|вырос\w* в"
    # a trip that only dates the need: "spring, before a trip to Gozo in June", "до отпуска в Турции"
    r"|(?:before|after|until|till|ahead of)\s(?:a|the|our|my|his|her)\s(?:trip|holiday|vacation|cruise|flight)\s(?:to|in)"
    r"|(?:перед|до|после)\s(?:поездк\w*|отпуск\w*|отдых\w*|полёт\w*|полет\w*|перел[её]т\w*)\s(?:в|во|на)"
    # where the customer bought a thing before ("брали у вас окна в Туле", "покупала в салоне «Валенсия» в Москве") or saw
    # one for sale ("found a 2019 Golf in Newry", "присмотрели машину в Казани"), no home or land, which is the site:
    # "купили у вас участок в Истре", "found a house in Selby"
    rf"|{_AFTER_NO_HOME}(?:(?:покупал|купил|брал|заказывал|заказал)\w*|bought|ordered|purchased|(?:found|spotted|seen|saw)\s(?:a|an|one"
    rf"|this|that)|нашл[иа]|нашёл|нашел|присмотрел\w*|увидел\w*)(?:\s{_NO_HOME}[\w'«»\"-]+){{1,6}}?\s(?:in|at|в|во)"
    # "my number doesn't work in Spain"; not "номер в отеле в Кемере", a room
    r"|(?:number|phone|mobile|sim|номер(?!\s(?:в|во)\s(?:отел|гостиниц|хостел|апарт|санатори|пансионат))|телефон|симк\w*)"
    r"(?:\s[\w'-]+){0,4}?\s(?:in|в|во)"
    r"|(?:number|phone|mobile|cell|landline)(?:\s(?:is|'s))?\s(?:a|an)"  # "work phone is a Belfast one": where the line is
    r"|driv\w*\s(?:it|him|her|them|the van)(?:\s(?:over|up|down|across|back))?\sto"
    # where the customer will bring the one the need is for, to the company ("привезём её в Самарканд", "we'll
    # bring him to Leeds"); not "привезите в Самарканд" nor "bring it to Portishead", asked of the company
    r"|(?:при|до|под|от)вез(?:у|ём|ем)(?:\s[\w-]+){0,3}?\s(?:в|во)"
    r"|(?:i'll|we'll|i will|we will|i can|we can|i could|we could)\s(?:bring|take|drop)\s(?:it|him|her|them|the \w+)"
    r"(?:\s(?:over|up|down|in|across|back|off))?\s(?:to|in|at))\s$")  # "I can drop them in Toronto when I visit my sister"
# Before a place, the customer's own school, club or farm, which `_INCIDENTAL`'s school is not: "We're a riding school in
# Killarney", "our dance studio in Leith" (not "he's at school in Leeds").
_OWN_SCHOOL = LazyPattern(r"(?i)(?:(?<![\w'])(?:we're|we are|i'm|i am|our|my)\s(?:(?:a|an|the)\s)?(?:[\w-]+\s){0,2}?"
                          r"|(?<![\w'])(?:we run|i run|i manage|we manage)\s(?:[\w&'-]+\s){0,6}?)"  # "we run the P&C canteen at a primary school in"
                          r"(?:school|college|academy|studio|club|stables|yard|farm|business|shop|firm|company)\s(?:in|at|near)\s$"
                          r"|^(?:(?:a|the|our)\s)?(?:[\w-]+\s)?(?:school|college|academy|nursery|club)\s(?:in|at)\s$")  # "School in Headingley
# looking at a MUGA": the school that writes, named as the message opens
# Before a place, a visa that is itself the need, or a place at a university or college someone has won, which make the
# country or town the one the need is for though `_INCIDENTAL` holds their words: "нужна виза в Корею", "need a student
# visa for Canada", "получила оффер из университета в Манчестере"; not "documents translated for my visa to Germany"
# (a visa only the purpose of another need) nor "he's at school in Leeds".
_SOUGHT_ABROAD = LazyPattern(
    r"(?i)(?<![\w-])(?:(?:нужн\w*|оформ\w*|получ\w*|сделать|need|needs|get|getting|apply\w*\sfor|looking\sinto|help\swith)"
    r"\s(?:(?:a|an|the)\s)?(?:[\w-]+\s)?(?:visa|виз[аыу])(?:\s[\w-]+)?"
    r"|(?:поступил\w*|поступлени\w*|поступа\w*|оффер\w*|зачислен\w*|offer|accepted|admitted|got into|enrolled)"
    r"(?:\s[\w'-]+){0,3}?)\s(?:to|for|in|into|at|в|во)\s$")
# Before or after a place, words that make it where the customer goes away to ("улетаем в Турцию", "going to
# Poland to see my mum"), never the place when the need is seen to at home meanwhile (`_LEFT_AT_HOME`); or where
# they are away in ("while we're in Crete", "I'm travelling in Asia", `_AWAY_IN`), never the place at all.
_AWAY_BEFORE = LazyPattern(r"(?i)(?<!\w)(?:улета\w*|уезжа\w*|уед(?:ем|у)|улетим|улечу|while\s(?:we're|i'm|we are|i am|we'll be|i'll be|away)"
                           r"|(?:i|we)\s(?:go|fly|travel)|(?:i'm|we're|i am|we are|we'll be|i'll be) (?:going|flying|travelling|traveling|off"
                           r"|heading|away)(?:\saway|\soff)?)"
                           r"\s(?:(?:in|to|away in|back to|в|во|на)\s)?$")
_AWAY_IN = LazyPattern(r"(?i)(?<!\w)(?:while\s(?:we're|i'm|we are|i am|we'll be|i'll be|away)|(?:i'm|we're|i am|we are|we'll be|i'll be)\s"
                       r"(?:travell?ing|away|on holiday|on vacation))\s(?:away\s)?in\s$")
# Around a place, words that make it where the customer only stays for a while: a stay bounded by a date ("мы до 20
# числа в Анапе", "до конца месяца я в Сочи"), said to be for a holiday or an event ("I'm up in Inverness for a
# conference", "мы в Анапе на море"), or where they go away to ("мы в Сочи уезжаем"). Like where they live, it gives way to the need's place, said before or after
# (`_staying`); not "уборка в Сочи до 20 числа", a deadline.
_STAY_BEFORE = LazyPattern(r"(?i)(?:(?<!\w)(?:мы|я)\s(?:(?:сейчас|пока|ещё|еще)\s)?до\s[^,.;:!?\n]{1,24}?"
                           r"|(?<!\w)до\s[^,.;:!?\n]{1,24}?\s(?:мы|я)(?:\s(?:сейчас|пока|ещё|еще))?)\s(?:в|во|на)\s$")
_STAY_AFTER = LazyPattern(
    r"(?i)[\w-]+\s(?:на\s(?:море|отдыхе|конференции|выставке|свадьбе|похоронах)|в\s(?:отпуске|командировке|гостях)"
    r"|(?:уезжа\w*|улета\w*|уед(?:ем|у)|улетим|улечу|едем\sотдыхать)"  # "мы в Сочи уезжаем": where they go away to
    r"|for\s(?:(?:a|an|the|my|our)\s)?(?:conference|holiday|vacation|business trip|work trip|trip|meeting|wedding|funeral|course"
    r"|few days|couple of days|week|weekend|fortnight))(?!\w)")
_STAYER = LazyPattern(r"(?i)(?<!\w)(?:(?:мы|я)(?:\s(?:сейчас|пока|ещё|еще|тут|там))?|(?:i'm|we're|i am|we are|i'll be|we'll be)"
                      r"(?:\s(?:up|down|over|out|currently|still))?)\s(?:в|во|на|in)\s$")
_AWAY_AFTER = LazyPattern(r"(?i)[\w-]+\s(?:to (?:see|visit) (?:my|our|family|the family)|навестить|к (?:маме|родителям|родным|родне))(?!\w)")
# What is seen to at home while the customer is away, which makes a trip's place no place of the need: a pet,
# plants, the house ("возьмёте кота?", "board the dog", "пока нас не будет"). Without it the trip is the need
# itself: "улетаем в Турцию в мае, нужен тур", "we're flying to Crete, need a villa".
_LEFT_AT_HOME = LazyPattern(
    r"(?i)(?<!\w)(?:кот|кота|коту|котом|кошк\w*|котик\w*|кот[её]н\w*|собак\w*|пёс|пес|пса|псу|щен\w*|питом\w*|передерж\w*|присмотр\w*"
    r"|животн\w*|попуга\w*|хомяк\w*|черепах\w*|полива\w*|полить|растени\w*|цвет(?:ы|ов|ам)|пока нас не будет|в наше отсутствие"
    r"|dogs?|cats?|pupp(?:y|ies)|kittens?|pets?|board(?:ing)?|kennels?|catter(?:y|ies)|sitt(?:er|ing)|look after|feed|plants"
    r"|while (?:we're|we are|i'm|i am) away|house-?sit\w*)(?!\w)")
# Just before a place, the words that say it is not the one: "не в Москве, а в Химках", "мы не в самом Питере", "Leeds
# not Bradford".
_NEGATED_PLACE = LazyPattern(rf"(?i)(?<!\w){NEGATION}\s(?:(?:в|во|на|из|к|in|to|at|the)\s)?(?:сам(?:ом|ой|ого|ую|их)\s)?$")
# Just before a place, a likeness, which names a place only to compare: "замело, прямо как в Сибири", "cold like in Norway".
_LIKENED = LazyPattern(r"(?i)(?<!\w)(?:как|словно|будто|точно|like)\s(?:(?:в|во|на|in|at)\s)?$")
# Between two places of the need, a contrast, after which the second is the one meant: "office is in Halifax but the
# job's in Mirfield", "прописка в Москве, но живём в Химках".
_CONTRAST = LazyPattern(r"(?i)(?<!\w)(?:but|however|whereas|но|однако)(?!\w)")
# A place and the next one of a list: "Новгород и ", "Leeds, ", "Ахтубе и в " (a capital, as places are written).
_LISTED = LazyPattern(r"(?<![\w.-])[A-ZА-ЯЁ][\w.-]*(?:\s[A-ZА-ЯЁ][\w.-]*)?\s?(?:,|\sи|\sand|\s&)\s(?:(?:в|во|на|in|to|at)\s)?$")
_LISTED_MAX = 3
# A quarter of a city: "south Manchester", "in north west London", "the east of Leeds".
_QUARTER = r"(?:in\s)?(?:the\s)?(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:\sof)?"
# Just past a larger place, on the far side from where one comes: "Большой Исток, это сразу за Екатеринбургом",
# "Bolton, just beyond Manchester", "Бостери, чуть дальше Чолпон-Аты" (not "after", which as often says when).
_BEYOND = r"(?:(?:сразу|чуть|немного|just|right)\s)?(?:за|дальше|past|beyond)"
# A reply's first words and the word for the larger place it is near or in: "Косшы, под ", "Werder, near ",
# "It's Leura, in the " (the Blue Mountains), "Little Snoring in " (Norfolk; but "Clifton in Bristol" is a district).
_PLACE_BEFORE_NEAR = LazyPattern(
    r"(?:(?:it's|it is|that's|это)\s)?(?P<head>[^,.;!?]{3,40}?),?\s(?:это\s|just\s)?"
    rf"(?:near|outside|close to|под|рядом с|недалеко от|около|возле|{_BEYOND}|{_QUARTER}|(?P<region>(?:up |out |down )?in(?P<the> the)?))\s",
    re.IGNORECASE)
# A place and the next one in it, in Russian: "Новой Москве в ", "Подмосковье, в ".
_IN_PLACE = LazyPattern(r"[\w.-]+(?:\s[\w.-]+)?,?\s(?:в|во)\s")
# A district and its city after it: "Уралмаше в ", "Clifton in ".
_IN_CITY = LazyPattern(r"[\w.-]+(?:-\d{1,2})?,?\s(?:в|во|in)\s")
# A place and the word for a larger one it is near or a part of: "Werder near ", "Косшы, это под ", "Didsbury,
# south ", "Kingsbury in north west ".
_NEAR = LazyPattern(r"[\w.-]+(?:\s[A-ZА-ЯЁ][\w.-]*)?,?\s(?:это\s|just\s)?(?:near|outside|close to|by|под|рядом с|недалеко от|около|возле"
                    rf"|{_BEYOND}|{_QUARTER})\s", re.IGNORECASE)
# Just before a place, the word that makes it only what the place of the need is near, when that place follows in
# the same breath (`_NEXT_IN_CLAUSE`: "we're near Leeds, in Horsforth", "just outside Hexham, in a hamlet called
# Acomb"); or, after it, what names the place in it ("a village in Norfolk called Happisburgh").
_NEAR_BEFORE = LazyPattern(r"(?<!\w)(?:near|outside|close to|под|рядом с|недалеко от|около|возле|pod|okolo|vozle"  # and in Latin letters
                          r"|(?:out\s|just\s|right\s)?(?:past|beyond))\s$",
                          re.IGNORECASE)
_NEXT_IN_CLAUSE = LazyPattern(r"[^,.;!?\n]{2,30},[^.;!?\n]{0,30}")
_CALLED_AFTER = LazyPattern(r"[\w-]+(?:\s[A-Z][\w-]+)?,?\scalled\s")
# Before a place, words that make it where someone works or studies, which where the customer lives outranks:
# "работаю в Сколково, живу в Одинцово", "our son studies in Manchester, we live in Bolton".
_WORKPLACE = LazyPattern(r"(?i)(?<!\w)(?:работа(?:ю|ем) в|at work in|(?:i|we) work in|(?:my|our) (?:company|firm)(?:'s|\sis)?"
                         r"(?:\sbased)?\s(?:in|at)|stud(?:y|ies|ying) in)\s$")
# Before a place, a relative said to be or live there ("мама в Бойсе", "родители у меня в Гомеле", "my mum's in Bath",
# "my parents live in Leeds"): where someone of the customer's lives, which the need's place outranks, as it does where
# the customer lives ("мама в Бойсе, а нам нужно в Казани"); not "у мамы в Орше дом", "my mum's house in Bristol", the
# need's own site. Beside where the customer lives it stays first (`_best`).
_RELATIVE_IN = LazyPattern(
    r"(?i)(?:(?<![\w'])(?:my|our)\s(?:mum|mom|mother|dad|father|parents|nan|nana|gran|granny|grandma|grandmother|grandad|grandpa"
    r"|grandfather|grandparents|sister|brother|son|daughter|aunt|auntie|uncle|in-laws|cousin|(?:mother|father)-in-law)"
    r"(?:'s|\s(?:is|are|lives|live))?(?:\s(?:now|still|currently|up|down|out|over|living))?\s(?:in|near)"
    r"|(?<!\w)(?:мама|папа|отец|мать|родители|бабушка|дедушка|сестра|брат|тётя|тетя|дядя|свекровь|т[её]ща|св[её]кор|тесть)"
    r"(?:\sу\s(?:меня|нас))?(?:\s(?:сейчас|тоже|живёт|живет|живут))?\s(?:в|во|под))\s$")
# After a place, words that make it where the customer lives, works or comes now and then, or would go to see the
# thing, whatever else they need: "сама я в Туле живу", "в Москве работаю", "в Химках я работаю", "в Минск приезжаю по пятницам",
# "могу и в Казань съездить", "We're Leeds-based".
_RESIDENCE_AFTER = LazyPattern(
    r"(?:[\w-]+\s(?:(?:я|мы|сам[аи]?)\s)?(?:живу|живём|живем|живет|живёт|живут|работаю|работаем|учусь|прописан\w*"
    r"|(?:zh|j)iv(?:u|em|yom|et|yot|ut)|rabotayu|rabotaem|uchus"  # "ya v Kazani zhivu", typed in Latin letters
    r"|(?:приезжа\w*|бываю|бываем|бывает|езжу|ездим|ездит)\s(?:по|кажд\w*|раз|иногда|редко|часто|только)"
    r"|(?:съездить|съезжу|съездим|подъехать|подъеду|подъедем|сгонять|смотаться))"
    r"|[\w.' ]{2,30}?-based"
    # the customer's own firm or team, named by its town: "we're a Warsaw production company", "an Auckland mob"
    r"|(?:(?<=\ba\s)|(?<=\ban\s))[\w-]+\s(?:[a-z]+\s)?(?:company|firm|business|agency|crew|team|mob|outfit|band|studio|club))(?!\w)")
# After a place, what ties it to someone else's plans: "Athens for college".
_INCIDENTAL_AFTER = LazyPattern(
    r"(?i)[\w-]+\s(?:for (?:college|school|uni|university)|на учёбу|на учебу"
    # what happened there some time ago: "surgery in Munich 6 weeks ago", "делали в Казани год назад"
    r"|(?:(?:\d+|a|an|one|two|three|four|five|six|a few|a couple of|пар[уы]|нескольк\w+)\s)?(?:days?|weeks?|months?|years?"
    r"|дн\w*|день|недел\w*|месяц\w*|год\w*|лет)\s(?:ago|назад)"
    r"|(?:number|landline|mobile|cell|area code|dialling code)"  # "on my Leeds number": a phone's, not a place's
    r"|recommended|(?:по)?рекомендовал\w*|посоветовал\w*|told (?:me|us) about you|рассказал\w* (?:про|о) вас"
    # another firm's price: "a studio in Carlton quoted $900", "в Речице нам предлагали за 900"
    r"|(?:(?:нам|мне|us|me)\s)?(?:quoted|offered|charged|wanted|предлагал\w*|просил\w*|насчитал\w*|запросил\w*|выставил\w*))(?!\w)")
# After a place, how far it is, which makes it a measure, never the place: "до Москвы 40 км".
_MEASURED = LazyPattern(r"[\w-]+\s(?:\d+|пар\w+|полчаса|час\w*|полтора)\s?(?:км|километр|минут|мин\b|час|km|miles|mi\b|min)",
                        re.IGNORECASE)
# Before a place, words that make it someone else's, never the customer's: the company's own premises
# ("Your workshop is in Leeds", "Ваша мастерская в Москве?"), an office the papers go to ("посольство
# Германии в Москве", "the embassy in London"), another firm ("договор с компанией из Лондона") or
# where a document was issued ("issued in Madrid").
_SOMEONE_ELSES = LazyPattern(
    r"(?<!\w)(?:(?:your|ваш\w*|посольств\w*|консульств\w*|embassy|consulate)\s(?:[\w'-]+\s){0,3}?(?:is\s|are\s)?(?:в|во|in|at|on)|your"
    r"|(?:к|ко|у)\sвас\s(?:в|во|на)|(?:к|ко)\sвам\s(?:в|во|на)|to\syou\s(?:in|at)"
    r"|у\sвас\s(?:[\w-]+\s){0,4}?(?:офис|магазин|салон|шоурум|склад|производств|филиал|представительств|цех|мастерск|сервис|отделени|скважин"
    r"|источник|родник|завод|фабрик|ферм)\w*"
    r"(?:\s[\w-]+)?\s(?:в|во|на)"  # "у вас офис в Москве?": the company's, not the customer's
    r"|(?:are you|you're|you are|(?:you|u)(?:\sguys|\sfolks|\slot)?\s(?:are|r)|are (?:you|u) (?:guys|folks|lot)|y'all are|вы находитесь"
    r"|вы сами|вы тоже)\s(?:based\s|located\s|still\s)?(?:in|в|во)|(?:work|works|working|worked)\sfor"
    r"|(?:с|with|для|for)\s(?:[\w-]+\s)?(?:компани\w*|фирм\w*|организаци\w*|партн[её]р\w*|поставщик\w*|заказчик\w*|клиент\w*"
    r"|company|firm|supplier|client|partner)\s(?:from|in|based in|из|в|во)"
    r"|(?:a mate|my mate|a friend|my friend|friends|neighbou?rs?|colleagues?|друг|подруга|друзья|знаком\w*|сосед\w*|коллег\w*"
    r"|гост(?:ь|я|и|ей|ям|ями|ях)|половина|часть\s[\w-]+|guests|half of (?:them|the guests)|some of (?:them|the guests)"
    r"|accountant|lawyer|solicitor|notary|бухгалтер\w*|юрист\w*|нотариус\w*)"
    r"(?:\s[^\s,.;:!?]+){0,7}?\s(?:in|from|at|в|во|из)"
    # the other side of a deal, where they are (not "продавец участка в ...", the deal's own place)
    r"|(?:seller|vendor|landlord|landlady|продавец|продавц\w*|арендодател\w*)(?:'s|\s(?:is|lives|живёт|живет|находится))?\s(?:in|at|from|в|во|из)"
    r"|(?:issued|registered|выдан\w*|зарегистрирован\w*)\s(?:[\w'-]+\s)?(?:in|в|во)"
    # the company's own town, asked past: "Do you travel outside Berlin?", "выезжаете за пределы Минска?"
    r"|(?:(?:do|can|will|would)\s(?:you|u)(?:\sguys)?\s(?:ever\s)?(?:travel|go|come|work|deliver|drive)|выезжаете|ездите|доставляете)"
    r"\s(?:outside(?:\sof)?|beyond|out\sof|further\sthan|за\sпределы|за)"
    # someone of the customer's past (not their old home) or another person on the move: "my old teacher in", "he moved to"
    r"|(?:my|our)\s(?:old|previous|former|last|ex)\s(?!(?:place|house|home|flat|apartment|address|office|property)\b)"
    r"(?:[^\s,.;:!?]+\s){1,3}?(?:in|from|at)|(?:мо[йяи]|наш\w*)\s(?:прежн|бывш)\w*\s(?!(?:квартир|дом|адрес|офис)\w*)(?:[^\s,.;:!?]+\s){1,3}?(?:в|во|из)"
    r"|(?:he|she|they|он|она|они)\s(?:just\s|recently\s|has\s|had\s|недавно\s)?(?:moved|relocated|went|left|переехал\w*|уехал\w*)\s(?:to|в|во)"
    r"|(?:он|она|они)\s(?:сами\s|тоже\s|родом\s)?из"  # "ждём визу его родителям, они из Ташкента": where they come from
    # (not where the one a headstone is for lies: "he is buried in Midleton" is the site of the work)
    r"|(?:he's|she's|he is|she is|they're|they are)\s(?!(?:buried|laid to rest)\b)(?:[^\s,.;:!?]+\s){1,4}?(?:in|from|at|based in))\s$",
    re.IGNORECASE)
# A city's name that only begins another name: a time zone ("on Chicago time", "New York time"), an event, a business ("at
# Leicester Dental Studio", "Bristol Family Clinic", "invoice to Halden GmbH") or a street ("a house on Leeds Road in
# Mirfield"), which is not where the need is.
_NAME_BEGUN = LazyPattern(
    r"[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2}\s(?:time\b|timezone\b|time zone\b|(?:[A-Z][\w&'-]*\s){0,2}"
    r"(?:Practice|Clinic|Dental|Family|Medical|Surgery|Group|Ltd|Limited|Inc|LLC|Studios?|Consulting|Solutions|Services"
    r"|Partners|Associates|Motors|Realty|Properties|Bank|Insurance|Airlines|Airways|Dentistry|Orthodontics|Vets?|Veterinary"
    r"|Marketing|Media|Digital|Agency|Labs|Systems|Technologies|Capital|Holdings|Enterprises|Construction|Builders"
    r"|Plumbing|Roofing|Cleaning|News|Times|Post|Herald|Gazette|Echo|Chronicle|Journal|Telegraph|Standard|Tribune|Observer"
    r"|Evening|Weekly|Daily|Radio|FM|United|Rovers|Wanderers|Athletic"
    r"|Festival|Fringe|Expo|Marathon|Carnival|Fashion Week|Motor Show|Boat Show|Air Show"  # "the Edinburgh Festival": an event
    r"|Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Drive|Dr|Way|Close|Crescent|Terrace|Boulevard|Blvd|Highway|Hwy|Parkway|Pkwy"  # "Leeds Road"
    r"|GmbH|mbH|AG|KG|PLC|plc|Pty|Corp|Corporation|Incorporated|LLP|SARL|BV|NV|Oy|ApS|SpA|Srl)\b)")  # a firm's legal form
_LOCATIVE_PREPOSITION = LazyPattern(r"^(?:в|во|из|под|около|рядом с|in|near|around|at|from|v|vo|iz|pod)\s+", re.IGNORECASE)


def _russian_forms(word: str) -> set[str]:
    """The case forms of a Russian place-name word, from its nominative (lower-case, ё as е)."""
    if "-на-" in word:
        head, tail = word.split("-на-", 1)
        return {form + "-на-" + tail for form in _russian_forms(head)}
    if "-" in word:
        head, _, last = word.rpartition("-")
        return {word} | ({head + "-" + form for form in _russian_forms(last)} if len(last) > 3 else set())
    if not re.fullmatch(r"[а-я]+", word):
        return {word}
    stem2, stem1 = word[:-2], word[:-1]
    if word.endswith(("ий", "ый", "ой")):
        return {stem2 + ending for ending in ("ий", "ый", "ой", "его", "ого", "ему", "ому", "им", "ым", "ем", "ом")}
    if word.endswith("ая"):
        return {stem2 + ending for ending in ("ая", "ой", "ую")}
    if word.endswith(("ое", "ее")):
        return {stem2 + ending for ending in ("ое", "ее", "ого", "его", "ом", "ем", "ому")}
    if word.endswith(("ые", "ие")):
        return {stem2 + ending for ending in ("ые", "ие", "ых", "их", "ым", "им")}
    if word.endswith("а"):
        return {stem1 + ending for ending in ("а", "ы", "и", "е", "у", "ой")}
    if word.endswith("ья"):  # "Анталья": "в Анталью" and the common "в Анталию", "в Анталии"
        return {word[:-2] + soft + ending for soft in ("ь", "и") for ending in ("я", "и", "е", "ю", "ей")}
    if word.endswith("я"):
        return {stem1 + ending for ending in ("я", "и", "е", "ю", "ей", "ии")}
    if word.endswith("ь"):
        return {stem1 + ending for ending in ("ь", "и", "ью", "е")}
    if word.endswith("й"):
        return {stem1 + ending for ending in ("й", "я", "е", "ю", "ем")}
    if word.endswith(("ы", "и")) and word not in ("сочи", "тбилиси", "бали"):
        return {stem1 + ending for ending in ("ы", "и", "ах", "ам", "ов", "ей", "ок")}
    if word.endswith("о"):
        return {stem1 + ending for ending in ("о", "а", "е", "у", "ом")}
    if word.endswith(("е", "и", "у", "ю", "э")):
        return {word}
    return {word + ending for ending in ("", "а", "е", "у", "ом")}


def _gazetteer() -> tuple[dict[tuple[str, ...], str], set[tuple[str, ...]]]:
    places: dict[tuple[str, ...], str] = {}
    nominatives: set[tuple[str, ...]] = set()
    # A town in "-о" last: its locative in "-е" is another town's too ("в Пушкине" is Пушкин's), and people leave the
    # "-о" names undeclined ("в Пушкино").
    for entry in sorted(_RUSSIAN_CITIES.split(), key=lambda entry: entry.endswith("о")):
        name = entry.replace("_", " ")
        if name.lower() in _ALIASES:
            continue
        words = name.lower().replace("ё", "е").split()
        variants: list[tuple[str, ...]] = [()]
        for word in words:
            variants = [(*variant, form) for variant in variants for form in _russian_forms(word)]
        for variant in variants:
            places.setdefault(variant, name)
        nominatives.add(tuple(words))
    for alias, name in _ALIASES.items():
        for form in _russian_forms(alias) if alias.isalpha() and not alias.isascii() and len(alias) > 3 else {alias}:
            places.setdefault((form,), name)
        nominatives.add((alias,))
    for entry in _ENGLISH_CITIES.split():
        name = entry.replace("_", " ")
        places.setdefault(tuple(name.lower().split()), "New York" if name == "NYC" else name)
    return places, nominatives


_PLACES, _NOMINATIVES = _gazetteer()
_CITIES = frozenset(_PLACES.values())
_TOKEN = LazyPattern(r"[A-Za-zА-Яа-яЁё]+(?:[-.][A-Za-zА-Яа-яЁё]+)*\.?")
_FIRST_WORDS = frozenset(key[0] for key in _PLACES)
_STATE = LazyPattern(r",\s?(?!U[KS]\b)([A-Z]{2})\b")  # "Austin, TX"; not "Leeds, UK", a country
PLACE_WORDS = frozenset(word for key in _PLACES for word in key)
"""Every word of every place name the gazetteer knows, in every case, lower-case (for the name parser)."""


@dataclass(frozen=True)
class Place:
    """A place the text names, and whether it is only where the customer is from, lives or passes
    through ("сами из Новосибирска", "Hi from Dublin", "flying via Doha"), which a place of the need
    itself outranks; and whether words before it make it the site of the work or where the thing goes
    ("дом в Горячем Ключе", "a rental in Kirkstall"), which where the customer lives never replaces."""

    name: str
    residence: bool = False
    site: bool = False


def find_location(text: str, *, asked: bool = False) -> str | None:
    """The place the text names, or None. With `asked`, a short bare reply ("Подольск", "у метро Сокол") counts."""
    place = find_place(text, asked=asked)
    return place.name if place else None


# Words opening a message that take back what the customer said before, after an interjection or not ("ой нет, я
# перепутал, ...", "нет, Парнас это работа, ..."; "ой" or "sorry" alone only apologise), or anywhere, a move ("oh wait
# sorry, we're in Hoboken now, just moved").
_TAKEN_BACK = LazyPattern(r"(?i)^\W*(?:(?:ой|ах|oh|ah|um|uh|sorry|oops|wait)[\s,!]+)*(?:нет|перепутал\w*|ошиб\w*|точнее|вернее|no"
                          r"|actually|i mean|correction|my mistake|scratch that)(?!\w)"
                          r"|(?<!\w)(?:just moved|we(?:'ve| have)? moved|(?:мы\s)?(?:недавно\s)?переехали)(?!\w)")


def takes_back(text: str) -> bool:
    """`text` opens with words that correct what the customer said before, so that where it says they are or live may
    replace the place known, as a reply to "where?" would."""
    return bool(_TAKEN_BACK.search(text)) if len(text) < 600 else False


def known_place_as_said(place: str, earlier: Sequence[str]) -> Place | None:
    """The place known, `place`, as the latest of the customer's `earlier` messages that named it reads it: the
    need's, a home's, or only where the customer is or comes from ("Hello from Dublin!")."""
    return next((found for said in reversed(earlier) if (found := find_place(said)) and found.name == place), None)


def places_named(text: str) -> list[tuple[str, int]]:
    """Every place the text names where a place stands, in the nominative, with where it starts, in order
    (for the country a conversation points to: `country.country_cues`)."""
    return sorted({*_cities(text, bare=False), *_towns(text), *_english_places(text)}, key=lambda found: (found[1], found[0]))


# Words that say the place of the need is not chosen yet, after which a place named is only one thought of: "место ещё
# не выбрали. в Арамиле смотрели", "мы ещё не решили, может дом в Переславле продадим", "то ли в мичуринск то ли под
# рассказово", "The venue's not booked yet - we were going to do it at the Manchester Hall".
_UNDECIDED = LazyPattern(
    r"(?i)(?<!\w)(?:(?:место|площадк\w*|venue|location|place|spot)(?:'s|\s[^\s.!?]+){0,3}?\s(?:ещё|еще|пока|not|isn't|is\snot)"
    r"(?:\s(?:не|yet))?\s(?:выбра\w*|выбира\w*|решен\w*|решил\w*|определ\w*|booked|decided|chosen|sorted|confirmed|fixed)"
    r"|(?:пока|ещё|еще)\s(?:не\s)?(?:выбира\w*|выбрал\w*)\s(?:где|место)"
    r"|(?:still|haven't|have\snot|not\syet)\s(?:deciding|decided|choosing|chosen|picked)\s(?:between|on|where|the\s(?:venue|place|location))"
    r"|не\s(?:решил\w*|определил\w*)[^.!?]{0,30}?(?:может|возможно|то\sли|или)|не\sскажу|то\sли\s[^.!?]{1,40}?\sто\sли)(?!\w)")


def find_place(text: str, *, asked: bool = False) -> Place | None:
    """The most telling place the text names: the need's place over where the customer is from or
    passes through, a town over its country, with the district when one is named. Not one named after
    words that say the place is not chosen yet (`_UNDECIDED`)."""
    undecided = _UNDECIDED.search(text) if len(text) < 600 else None
    if undecided:
        text = text[:undecided.start()].rstrip(" ,;:-–—")
        if not text:
            return None
    if text[:1].islower() and not text.islower() and (typed := _town_typed_first(text)):
        return find_place(typed, asked=asked)  # "castle rock, lot 14 on Plum Creek Pkwy", as it would be written
    if (first := _first_of_a_list(text)) and (listed := find_place(first)):
        return listed  # "Кемер, Белек или Сиде": the first, never "Кемер, Белек"
    written = text if text[:1].isupper() else text[:1].upper() + text[1:] if text.islower() else ""  # "jericho near the center"
    addressed = _addressed_place(written) if written[1:2].islower() or written[1:2] == " " else None
    if addressed:
        return Place(addressed)  # "Tanjong Pagar, near the MRT", "Краснообск дом 42", "Самал-2"
    words = len(text.split())  # a short reply names a place on its own: "Уфа, Черниковка", "Chorlton ideally"
    short = asked or words <= 3 or (words <= 6 and len(text) <= 40 and len(_ALNUM_TOKEN.findall(_reply_core(text))) <= 3)
    candidates = _without_inner(text, sorted([found for found in (*_cities(text, bare=short), *_towns(text), *_english_places(text))
                                        if not (text[found[1]].isascii() and _NAME_BEGUN.match(text, found[1]))],
                                       key=lambda found: found[1]))
    if not candidates and (heading := _heading_city(text)):
        candidates = [(heading, 0)]
    city, city_start = _best(text, candidates)
    if city and _NEAR_BEFORE.search(text, max(0, city_start - 16), city_start) and (
            clause := _place_clause(text) or _named_last(text)) and clause != city.name and not _natural_feature(clause):
        return Place(clause)  # "small village near York, Haxby": the reply's own place, not what it is near
    head = _FIRST_CLAUSE.match(text) if city and city.residence and city_start > 0 else None
    if head and head.end() <= city_start and (town := _unasked_bare_place(head.group().strip()) or (
            _village_alone(head.group().strip()))):
        return Place(town)  # "Redland Bay. We live in Hamburg most of the year": the reply's own place, not the home
    opening = _FIRST_SENTENCE.match(text) if city and not city.site and city_start > 0 else None
    if opening and opening.end() <= city_start and not _courteous(opening.group("place")) and not _CONTRAST.search(
            text, opening.end(), city_start) and (
            town := _unasked_bare_place(opening.group("place"))):
        return Place(town)  # "Заславль. а строились мы в Молодечно сначала": a sentence of its own place opens the reply
    named_first = _PART_THEN_CITY.fullmatch(text, 0, city_start) if city and city_start > 0 and city.name in _CITIES else None
    if city and named_first and _district_like(named_first.group("part")) and named_first.group("part").lower() not in PLACE_WORDS:
        return Place(f"{city.name}, {named_first.group('part')}")  # "Сходня, это Химки", "Kirkstall, that's Leeds"
    smaller = _PLACE_BEFORE_NEAR.fullmatch(text, 0, city_start) if city and city_start > 0 else None
    if smaller and smaller.group("region") and city and ((place_size(city.name) or 0) < (place_size(smaller.group("head")) or 0)
                                                         or (not smaller.group("the") and city.name in _CITIES)):
        smaller = None  # "Leeds, in the Headingley area": the part of the city comes second; "Clifton in Bristol" is a district
    if smaller and (town := _unasked_bare_place(smaller.group("head")) or (
            _named_as_a_place(smaller.group("head")) if smaller.group("the") else _listed_before_a_larger(smaller.group("head")))):
        return Place(town)  # "Косшы, под Астаной": the smaller place, said with the larger one it is near
    settlement = _SETTLEMENT.search(text)
    if settlement and not _LEFT_BEHIND.search(text, max(0, settlement.start() - 32), settlement.start()):
        village = settlement.group("name").strip("«»\"")  # the smallest place: "деревня Лужки, Серпуховский район"
        if not _ORIGIN.search(text, max(0, settlement.start() - 32), settlement.start()):
            return Place(village)
        if not city:
            return Place(village, residence=True)  # "живём в пгт Излучинск": where the customer lives
    district = _DISTRICT.search(text)
    if district and district.group("adjective") and _ANY_DISTRICT.match(district.group("adjective")):
        district = None  # "любой район", "в соседнем районе", "тихий район": no district named
    if district and city and _FROM_BEFORE.search(text, max(0, district.start() - 8), district.start()):
        district = None  # "сами из деревни Ивановка, а дом строим в Казани": where they come from, not a part of the city
    district_name = None
    if district:
        district_name = (district.group("name") or district.group("adjective")).strip("«»\"")
        if district.group("adjective"):  # "в Таганском районе" -> "Таганский", "в Заводском" -> "Заводской"
            district_name = masculine_nominative(district_name) or district_name
        elif district.group().lower().startswith(("район", "р-н", "микрорайон")) and " " not in district_name:
            district_name = genitive_nominative(district_name)  # "в районе Оболони" -> "Оболонь"
    if city and district and district.group("adjective") and city_start < district.start() and city.name not in _CITIES:
        return city  # a town before the district it is in: "Жуковка, Одинцовский район"
    if city and district and district_name and district_name.lower().replace("ё", "е") not in PLACE_WORDS and (
            not city.residence or 0 < district.start() - city_start < 40):  # "живём в Москве, район Хамовники"
        return Place(f"{city.name}, {district_name}")
    if city and not (city.residence and district_name):
        with_district = _unasked_bare_place(text) if short else None  # "Москва, Марьино"
        if with_district and with_district.startswith(f"{city.name}, "):
            return Place(with_district)
        part = _part_beside_city(text, city.name) if short else None  # "Chorlton, Manchester", "Салтыковка (Балашиха)"
        if part:
            return Place(f"{city.name}, {part}")
        beside = (_city_and_district(text, city.name, city_start)  # "в Минске, Уручье", "a flat in Headingley, Leeds"
                  or _district_in_city(text, city.name, city_start))  # "в Уфе в Черниковке", "Clifton in Bristol"
        return Place(beside, residence=city.residence) if beside else city
    if district_name:  # a town beside the district it is in is the smaller place: "Ильинский, это Раменский район"
        town = _town_beside(text, district.span()) if district and district.group("adjective") else None
        return Place(town or district_name)
    region = _REGION.search(text)
    if region:
        town = _town_beside(text, region.span())  # "Новосибирская область, Бердск", "Горки, Тверская обл."
        if town:
            return Place(town)
        if region.group("republic"):
            return Place(region.group("republic"))
        kind = "область" if region.group("kind").lower().startswith("обл") else "край"
        return Place(region.group("stem") + ("ая " if kind == "область" else "ий ") + kind)
    bare = (_unasked_bare_place(text) or _bare_place(text) if asked else _unasked_bare_place(text)) or _place_clause(text) or (
        _first_clause_place(text) if asked else None) or _addressed_sentence(text) or _addressed_now(text)
    return Place(bare) if bare else None


# A reply that lists three places or more, each of one or two capitalised words: "Кемер, Белек или Сиде", "в Истре, Рузе,
# Звенигороде", "Leeds, Bradford or York".
_LIST_ITEM = r"(?:(?:в|во|на|in|at|near)\s)?[A-ZА-ЯЁ][\w'-]*(?:\s[A-ZА-ЯЁ][\w'-]*)?"
_LISTED_REPLY = LazyPattern(rf"(?P<first>{_LIST_ITEM})(?P<second>,\s?{_LIST_ITEM})(?:,\s?{_LIST_ITEM})*"
                            rf"(?:,\s?|,?\s(?:или|либо|и|or|and|&)\s|\s?/\s?){_LIST_ITEM}")


def _first_of_a_list(text: str) -> str | None:
    """The first of the places a short reply lists, three or more ("Leeds, Bradford or York"), as a careful reader
    takes it, where a city and its district would be read of the first two; None when the second is a smaller part of
    the first, a city the gazetteer knows ("Москва, Кунцево или Митино": "Москва, Кунцево")."""
    listed = _LISTED_REPLY.fullmatch(text.strip(" .!")) if len(text) <= 80 else None
    if not listed:
        return None
    first, second = listed.group("first"), listed.group("second").strip(" ,")
    city = _PLACES.get(tuple(_key(word) for word in _LOCATIVE_PREPOSITION.sub("", first).split()))
    if city and (place_size(city) or 0) > (place_size(second) or 0) and _district_like(second):
        return None
    return first


def _town_typed_first(text: str) -> str | None:
    """`text` with its first clause capitalised when that clause, typed in lower case, is a town GeoNames knows and an
    address in it follows ("castle rock, lot 14 on Plum Creek Pkwy", "reading, just off Oxford Rd"), as it would be
    written; else None."""
    head = _FIRST_CLAUSE.match(text)
    if head is None or len(words := head.group().split()) > 2 or not is_place(head.group()) or (
            len(words) == 1 and is_english_word(words[0])):
        return None  # "nice, near the Tesco": a word before all, as a town of two words is not ("castle rock")
    rest = text[head.end():]
    if not (_STRONG_TAIL.match(rest) or _STREET_AFTER.match(rest.lstrip(" ,")) or _LANDMARK.match(rest.lstrip(" ,"))):
        return None
    return " ".join(word.capitalize() for word in words) + rest


_LAST_NAMED = LazyPattern(r",\s(?P<name>[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2})\s*[.!]?\s*$")


def _named_last(text: str) -> str | None:
    """The last clause of a reply naming a place near a larger one, when it is written as places are, in capitalised
    words not all of them English and none a first name of our own list: "out past Raglan, Te Uku" (not "near Leeds, Tom",
    a signature)."""
    last = _LAST_NAMED.search(text) if len(text) < 120 else None
    words = last.group("name").replace("-", " ").split() if last else []
    if not words or all(is_english_word(word) for word in words) or any(word in _NOT_PLACES or word.lower() in FIRST_NAMES
                                                                         for word in words):
        return None
    return last.group("name") if last else None


# Before the place a correction gives: "ой нет, мы же переехали, теперь Мамыр-4, дом 12", "sorry, now it's Oakdale, 4 Elm Rd".
_NOW = LazyPattern(r"(?i)(?<!\w)(?:теперь|now(?: it's| we're in)?|вернее|точнее)\s(?=[A-ZА-ЯЁ])")


def _addressed_now(text: str) -> str | None:
    """A place the customer moves to or corrects to, that its address locates ("..., теперь Мамыр-4, дом 12")."""
    now = _NOW.search(text) if len(text) < 200 else None
    return _addressed_place(text[now.end():]) if now else None


_ALNUM_TOKEN = LazyPattern(r"\S*\w\S*")  # a word or a number, not a dash between two places: "Leeds - Chapel Allerton"
_SENTENCE_START = LazyPattern(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ])")


def _addressed_sentence(text: str) -> str | None:
    """A later sentence of a message that is a place and its address: "... it feels empty. Leslieville, a
    semi on Logan Ave"."""
    sentences = _SENTENCE_START.split(text)[1:] if len(text) < 600 else []
    return next((place for sentence in sentences if (place := _addressed_place(sentence))), None)


_FIRST_CLAUSE = LazyPattern(r"[^,.;!?\n]{2,40}(?=[,.;!?\n])")
_FIRST_SENTENCE = LazyPattern(r"\s*(?P<place>[^,.;!?\n]{2,40}?)\s*[.!\n]")
# A reply that names a part of a city, then the city it is in: "Сходня, это Химки", "Kirkstall, that's Leeds".
_PART_THEN_CITY = LazyPattern(r"(?P<part>[A-ZА-ЯЁ][\w-]+(?:\s[A-ZА-ЯЁ][\w-]+)?),?\s(?:—\s|-\s)?(?i:это|that's|thats|it's)\s(?:(?i:в|in)\s)?")
_FROM_BEFORE = LazyPattern(r"(?i)(?<!\w)(?:из|from)\s$")
# A clause beside a region or a district: "Бердск" in "Новосибирская область, Бердск", "Ильинский" in
# "Ильинский, это Раменский район".
_CLAUSE_BEFORE = LazyPattern(r"(?:^|[,;(]\s*)(?P<name>[А-ЯЁ][а-яё-]+(?:\s[А-ЯЁ][а-яё-]+)?)\s*(?:[,(—–-]\s*|\s)(?:это\s)?$")
_CLAUSE_AFTER = LazyPattern(r"\s*[,)—–-]\s*(?:(?:г\.|город|пос\.|посёлок|поселок|село|деревня)\s?)?"
                            r"(?P<name>[А-ЯЁ][а-яё-]+(?:\s[А-ЯЁ][а-яё-]+)?)\s*(?:$|[,.;!)])")


def _town_beside(text: str, span: tuple[int, int]) -> str | None:
    """The town named in its own clause just before or after a region or a district (`span`), in the
    nominative: the smallest place the customer gave. A town that GeoNames knows as written stands as
    written ("Горки", "Ильинский", though the dictionary reads a plural or an adjective); else the
    dictionary's nominative of a place."""
    for match in (_CLAUSE_BEFORE.search(text, 0, span[0]), _CLAUSE_AFTER.match(text, span[1])):
        name: str | None = match.group("name") if match else None
        if not name or name.lower() in _NATIONS or first_name(name.split()[0]):
            continue
        # Beside a region, a name GeoNames knows is a place, whatever else it may be; else the dictionary's;
        # else a name no dictionary knows, as villages' are ("Сонково, Тверская обл").
        town = name if is_place(name) or plural_nominative(name) else (
            place_nominative(name, likeliest=True) or (name if _unknown_name(name) else None)) if " " not in name else None
        if town and not is_country(town):
            return town
    return None


# The terms a trip's heading is followed by: "Нячанг 7 ночей", "Нячанг, две недели", "Cancun, 2 adults".
_TERMS = ("одн", "два", "две", "дву", "три", "тро", "четыр", "пят", "шест", "сем", "восем", "девят", "десят", "недел", "ноч",
          "дня", "дне", "дни", "выходн", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "week",
          "night", "day")
_HEADING_SIZE = 2  # a city of 100,000 people or more (wordlists.place_size)


def _heading_city(text: str) -> str | None:
    """A city that opens a message as the heading of a trip's terms, in the nominative and with no
    preposition: "Нячанг 7 ночей, 2 взрослых", "Cancun, 2 adults in March". Only a city of some size,
    named so first, that no dictionary reads as a word or a person ("Орёл", "Киров", "Анна",
    "Phoenix", "Tyler"). The terms come first in the test: a greeting opening a message ("Привет,
    нужна кухня") loads no word list."""
    heading = WORD.match(text) if text[:1].isupper() else None  # string tests first: most messages open otherwise
    after = text[heading.end():heading.end() + 12] if heading else ""
    terms = after.lstrip(" ,.:;—–-").lower().removeprefix("на ").removeprefix("for ")
    if heading is None or terms == after.lower() or not (terms[:1].isdigit() or terms.startswith(_TERMS)):
        return None
    name = heading.group()
    if (place_size(name) or 0) < _HEADING_SIZE or name in _NOT_PLACES:
        return None
    if name.isascii():
        return name if not (is_english_word(name) or first_name(name)) else None
    return name if place_nominative(name, likeliest=True) == name else None


def _best(text: str, candidates: list[tuple[str, int]]) -> tuple[Place | None, int]:
    """Of the places named, the first that is the need's rather than the customer's origin, and a
    town rather than its country ("во Вьетнам, в Нячанг"), with where it stands."""
    if not candidates:
        return None, -1
    candidates = candidates[:_MAX_CANDIDATES]  # a message naming more places is a list or an attack, not a customer's
    candidates = [found for found in candidates  # _ORIGIN first: it holds every cue of _LEFT_BEHIND, and most texts none
                  if not (_ORIGIN.search(text, max(0, found[1] - 32), _cue_end(text, found))
                          and _LEFT_BEHIND.search(text, max(0, found[1] - 32), _cue_end(text, found)))
                  and not _TRANSIT_AFTER.match(text, found[1])
                  and not _PAST.search(text, max(0, found[1] - 40), _cue_end(text, found)) and not _PAST_AFTER.match(text, found[1])
                  and not _quoted(text, found[1])
                  and not _SOMEONE_ELSES.search(text, max(0, found[1] - 56), found[1])
                  and not _NEGATED_PLACE.search(text, max(0, found[1] - 20), found[1])
                  and not _LIKENED.search(text, max(0, found[1] - 12), found[1])
                  and not _left_behind_for_a_trip(text, found[1])
                  and not (text[max(0, found[1] - 3):found[1]].lower() == "до " and _MEASURED.match(text, found[1]))
                  and not _NAMED_ONE.search(text, max(0, found[1] - 24), found[1])
                  and not (_THE_THING.search(text, max(0, found[1] - 4), found[1]) and _AFTER_THE_THING.match(text, found[1]))
                  and not _LANDMARK_BEFORE.search(text, max(0, found[1] - 24), found[1])]
    if not candidates:
        return None, -1
    candidates = _without_references(text, candidates)
    incidental = [found for found in candidates if (_INCIDENTAL.search(text, max(0, found[1] - 48), found[1])
                                                    or _INCIDENTAL_AFTER.match(text, found[1]))
                  and not _SOUGHT_ABROAD.search(text, max(0, found[1] - 48), found[1])
                  and not _OWN_SCHOOL.search(text, max(0, found[1] - 48), found[1])]
    needed = [found for index, found in enumerate(candidates)
              if not _ORIGIN.search(text, max(0, found[1] - 32), _cue_end(text, found))
              and not _RESIDENCE_AFTER.match(text, found[1]) and not _staying(text, found[1])
              and not _RELATIVE_IN.search(text, max(0, found[1] - 40), found[1])
              and not (index + 1 < len(candidates) and _passes_on(text, found, candidates[index + 1])) and found not in incidental]
    flown_into = [found for found in needed if _FLOWN_INTO.search(text, max(0, found[1] - 32), found[1])]
    others = [found for found in needed if found not in flown_into]
    if flown_into and not (others and all(is_country(found[0]) or _is_region(found[0]) for found in others)):
        needed = others  # the airport is only where the customer passes, unless the rest is its country
    if len(needed) > 1:  # what a contrast follows gives way: "HQ is downtown Buffalo but this lot is in Orchard Park", "квартира
        # у нас в Екатеринбурге, а дом строим в Арамили" (a home the customer has, then "а" and another site)
        needed = [found for index, found in enumerate(needed)
                  if not (index + 1 < len(needed) and (_CONTRAST.search(text, found[1], needed[index + 1][1]) or (
                      _HOME_HELD.search(text, max(0, found[1] - 32), found[1]) and _AND_YET.search(text, found[1], needed[index + 1][1])
                      and _names_the_site(text, needed[index + 1][1]))))]
    if len(needed) > 1:  # the one named again as the one the work is for: "в Кудрово и в Мурино ... а в мурино нужно собрать"
        needed = _chosen_again(text, needed) or needed
    if len(needed) > 1:  # the one said to be exact outranks those it narrows: "in the Yarra Valley, Coldstream to be exact"
        needed = [found for found in needed if _SAID_EXACTLY.match(text, found[1])] or needed
    if len(needed) > 1:  # a trip's or a delivery's end, or the site of the work, outranks the other places: "в Химках к нам
        # домой в Москву", "едем в Карелию, домик в Лахденпохье"
        needed = [found for found in needed if _names_the_site(text, found[1])] or needed
    if len(needed) > 1:  # what the need's place is near gives way to it: "we're near Leeds, in Horsforth"
        needed = [found for index, found in enumerate(needed)
                  if not (_NEAR_BEFORE.search(text, max(0, found[1] - 16), found[1]) and index + 1 < len(needed)
                          and _NEXT_IN_CLAUSE.fullmatch(text, found[1], needed[index + 1][1]))
                  and not _CALLED_AFTER.match(text, found[1])] or needed
    # where a relative lives, when no place of the need is named, over where the customer lives: the town of a mother
    # who needs a stairlift, named beside the customer's own far away ("She's in Orsha, I'm in Minsk")
    relatives = [] if needed else [found for found in candidates if found not in incidental
                                   and _RELATIVE_IN.search(text, max(0, found[1] - 40), found[1])]
    pool = needed or relatives or [found for found in candidates if found not in incidental]
    if not needed and len(pool) > 1:  # of where the customer is, home over work: "работаю в Сколково, живу в Одинцово"
        pool = [found for found in pool if not _WORKPLACE.search(text, max(0, found[1] - 32), found[1])] or pool
    if not pool:
        return None, -1  # "for my visa to Germany", "he's at school in Leeds": neither the need's place nor the customer's
    if len(pool) > 1:
        pool = [found for found in pool if not (is_country(found[0]) or _is_region(
            found[0], beside=[other[0] for other in pool if other != found]) or _natural_feature(found[0]))] or pool
    if len(pool) == 1 and (town := _town_after_country(text, pool[0][1])) and (is_country(pool[0][0]) or _is_region(pool[0][0])):
        pool = [town]  # "в Турцию, Кемер": the town named after its country
    return Place(pool[0][0], residence=not (needed or relatives), site=bool(needed) and _names_the_site(text, pool[0][1])), pool[0][1]


# A place named again, after the places listed, as the one the work is for: "а в мурино нужно собрать", "Only the Pilsen
# one needs the sidewalk done".
_CHOSEN = LazyPattern(r"(?i)(?<!\w)(?:в|во|на|the|in|at)\s(?P<name>[^\W\d_][\w-]{2,})(?:\s(?:one|house|flat|building|place|address|site))?"
                      r"\s(?:(?:only|just|тоже|только)\s)?(?:нужн\w*|надо|требуется|needs|need|is the one)(?!\w)")
_STEM = 4  # at most the letters a place's name keeps in every case: "Мурино", "в мурине"; "Руза", "в Рузе"


def _chosen_again(text: str, needed: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Of the places `needed`, the one named again further on with what is needed there (`_CHOSEN`), or none."""
    for match in _CHOSEN.finditer(text, needed[1][1]):
        named = match.group("name").casefold().replace("ё", "е")
        chosen = [found for found in needed if found[1] < match.start() and named.startswith(
            found[0][:min(_STEM, len(found[0]) - 1)].casefold().replace("ё", "е"))]
        if len({name for name, _ in chosen}) == 1:
            return chosen[:1]
    return []


# Before a place, words that say the customer has a home there: "квартира у нас в ", "у меня дача в "; and after it, the
# "а" that sets another place against it.
_HOME_HELD = LazyPattern(r"(?i)(?<!\w)у\s(?:нас|меня)(?:\sесть)?(?:\s[а-яё]+)?\s(?:в|во|на)\s$")
_AND_YET = LazyPattern(r",\s?а\s")


def _quoted(text: str, start: int) -> bool:
    """The place at `start` is inside quotation marks, the name of a café, a shop or a festival ("кафе «Москва»",
    "салон «Валенсия»", 'the "Paris" salon'), no place."""
    opened = max(text.rfind("«", 0, start), text.rfind("“", 0, start))
    if opened >= 0 and max(text.rfind("»", 0, start), text.rfind("”", 0, start)) < opened:
        return "»" in text[start:] or "”" in text[start:]
    return text.count('"', 0, start) % 2 == 1 and '"' in text[start:]


def _left_behind_for_a_trip(text: str, start: int) -> bool:
    """The place at `start` is where the customer is away in ("I'm travelling in Asia", "while we're in
    Lisbon"), or goes away to while something is seen to at home ("уезжаем в Грузию, возьмёте кота?"):
    never the need's."""
    if _AWAY_IN.search(text, max(0, start - 32), start):
        return True
    return bool((_AWAY_BEFORE.search(text, max(0, start - 32), start) or _AWAY_AFTER.match(text, start))
                and _LEFT_AT_HOME.search(text))


def _staying(text: str, start: int) -> bool:
    """The place at `start` is where the customer stays for a while (`_STAY_BEFORE`, `_STAY_AFTER`)."""
    return bool(_STAY_BEFORE.search(text, max(0, start - 48), start) or (
        _STAYER.search(text, max(0, start - 32), start) and _STAY_AFTER.match(text, start)))


def _names_the_site(text: str, start: int) -> bool:
    """The words before `start` make what stands there the place of the need: the site of the work or
    where the thing goes ("дача в ", "the house is in ", "перевезти диван в ", "deliver to ")."""
    site = _SITE.search(text, max(0, start - 40), start)
    return bool((site and not site.group("source")) or _DESTINATION.search(text, max(0, start - 40), start))


def _cue_end(text: str, found: tuple[str, int]) -> int:
    """Where the words before `found` that say what it is end: before the place itself, or, for a place
    listed after another ("через Новгород и Петрозаводск", "via Leeds and York"), before the first of
    the list, whose words are said of them all."""
    start = found[1]
    for _ in range(_LISTED_MAX):
        listed = _LISTED.search(text, max(0, start - 40), start)
        if not listed:
            break
        start = listed.start()
    return start


def _without_inner(text: str, candidates: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The places, in order, without one read twice or inside the name of the one before it as written: "Москве"
    in "в Новой Москве" is no place of its own; "Выборг" in "из Питера в Выборг" is, though "Санкт-Петербург" is
    longer than "Питера"."""
    kept: list[tuple[str, int]] = []
    for found in candidates:
        if not (kept and (kept[-1] == found or kept[-1][1] < found[1] < _written_end(text, kept[-1]) - 2)):
            kept.append(found)
    return kept


_WRITTEN_WORD = LazyPattern(r"\s*[^\s,.;:!?]+")


def _written_end(text: str, found: tuple[str, int]) -> int:
    """Where the place `found` ends as written: after as many words as its name has, and never past its name's
    length ("Питера" for "Санкт-Петербург", "Москве" for "Москва")."""
    name, end = found
    for _ in name.split():
        word = _WRITTEN_WORD.match(text, end)
        end = word.end() if word else end
    return min(end, found[1] + len(name))


def _without_references(text: str, candidates: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The places without those named only to say where the one before them is: "Werder near Potsdam",
    "Косшы, под Астаной", "в деревне Тельмы под Брестом" keep the smaller place."""
    kept = candidates[:1]
    for previous, found in pairwise(candidates):
        if found[0] in _CITIES and (previous[0] not in _CITIES or place_size(found[0]) == 3) and kept and kept[-1] == previous \
                and _IN_CITY.fullmatch(text, previous[1], found[1]):
            # "на Уралмаше в Екатеринбурге", "в Зеленограде, в Москве": the city, which its district is then written with
            # (not "в Долгопрудном, в Химках", two towns; a town the gazetteer lists may be a city of a million's district)
            kept[-1] = found
        elif (kept and kept[-1] == previous and previous[0] not in _CITIES and not is_place(previous[0]) and is_place(found[0])
              and _IN_PLACE.fullmatch(text, previous[1], found[1])):
            kept[-1] = found  # "в Новой Москве в Коммунарке", "в Подмосковье, в Балашихе": the town in the region no list holds
        elif kept and kept[-1] == previous and (_is_region(previous[0]) or _natural_feature(previous[0])) and not _is_region(
                found[0]) and _NEAR.fullmatch(text, previous[1], found[1]):
            kept[-1] = found  # "in Kent, near Ashford", "в Джунгарском Алатау, под Текели": the town, not the county or range
        elif not _NEAR.fullmatch(text, previous[1], found[1]):
            kept.append(found)
    return kept


def _passes_on(text: str, found: tuple[str, int], following: tuple[str, int]) -> bool:
    """The place `found` is where a trip starts or passes through on to the `following` one: the two
    joined by a route's dash or "to" ("Харьков - Киев", "Boston to Seattle"), or by a journey's own
    words ("оттуда", "on to")."""
    between = text[found[1]:following[1]]
    if _FLOWN_ON_FROM_AN_AIRPORT.search(between):
        return False  # the ride ends at the airport; where the customer flies on to is no place of the need
    return bool(len(between) <= len(found[0]) + 4 and _ROUTE.match(between)) or bool(
        _ONWARD.search(text, found[1] + len(found[0]), min(following[1], found[1] + _ONWARD_REACH)))


# Between two places, a ride to the first one's airport and a flight from there: "в Алматы, прямо в аэропорт, оттуда
# летим в Стамбул", "to Manchester airport, then we fly to Malaga".
_FLOWN_ON_FROM_AN_AIRPORT = LazyPattern(
    r"(?i)(?<!\w)(?:аэропорт\w*|airport)(?!\w)[^.;!?]{0,24}?(?<!\w)(?:оттуда|потом|затем|дальше|from there|then|and)\s(?:мы\s|we\s|we're\s)?"
    r"(?:летим|улетаем|вылетаем|полетим|улетим|fly|flying|fly out|take off)(?!\w)")


# A US town with its state, or a Russian one, as a whole reply: "Katy TX", "Mesa, AZ", "Кстово".
_TOWN_WITH_STATE = LazyPattern(
    rf"(?P<town>{_LATIN_TOWN}),?\s(?P<state>A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]"
    r"|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])")
# Countries and nations as people name them beside a city, which pycountry's official names miss.
_NATIONS = frozenset({"россия", "рф", "uk", "usa", "england", "scotland", "wales", "britain", "america"})
# The words of a place, a comma, and the next place ending its clause, maybe hedged: "Минске, Уручье", "Headingley,
# Leeds", "Москва, где-нибудь в Бутове", "London, around Blackheath".
_NEXT_AFTER_COMMA = LazyPattern(
    r"[\w.-]+(?:\s[\w.-]+){0,2}?,\s(?:(?i:где-нибудь|где-то|желательно|лучше|ideally|preferably|somewhere|around)\s(?P<on>(?:в|во|на|in|around)\s)?)?"
    r"(?P<next>[A-ZА-ЯЁ][\w-]+(?:\s[A-ZА-ЯЁ][\w-]+)?)"
    r"(?:\s(?:area|neighbou?rhood|district|район)|\s\d{1,2}(?:-?й)?\s(?:квартал|мкр|микрорайон)\w*)?(?=\s*(?:$|[^\w\s-]))")
# Where a short reply divides into places: "Chorlton, Manchester", "Leeds - Headingley", "Уфа Черниковка".
_PARTS = LazyPattern(r"\s*[,()–—/]\s*|\s+-\s+|\s+(?=[A-ZА-ЯЁ])")
_SEPARATORS = LazyPattern(r"\s*[,()–—/]\s*|\s+-\s+")
_BASED = LazyPattern(rf"(?<![\w-])(?P<name>{_LATIN_TOWN})-based(?!\w)")
_FROM_PLACE = LazyPattern(rf"(?<![A-Za-z])from\s(?P<name>{_LATIN_TOWN})(?![\w'@])")
_ITS_PLACE = LazyPattern(rf"(?<![A-Za-z])(?i:it's|it is|its|that's)\s(?P<name>{_LATIN_TOWN})(?![\w'@])")
_AFTER_COUNTRY = LazyPattern(r"[\w-]+,\s(?:(?:near|in|в|во)\s)?"
                             rf"(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*|{_LATIN_TOWN})(?![\w-])")
_LOWER_LATIN_PLACE = LazyPattern(r"[a-z]{4,}(?:[ -][a-z]{4,})?")
_LATIN_PLACE = LazyPattern(rf"(?P<town>{_LATIN_TOWN})(?:,\s?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?")
# Words around a place that say how sure or how much: "Headingley ideally", "где-нибудь в Химках".
_HEDGE = LazyPattern(r"(?i)\s*(?:\bideally|\bpreferably|\bprobably|\bmaybe|\bplease|\bpls|\barea\b|\bif possible|где-нибудь"
                    r"|\bif (?:you've|you have|you) got (?:anything|something)(?: there)?|\bif you have (?:anything|something)(?: there)?"
                    r"|желательно|наверное|наверно|пожалуйста|лучше|по возможности|скорее всего)\s*")
# What follows the first place of a reply naming several or hedging: "Didsbury or West Didsbury",
# "Павловский Посад или рядом", "Звенигород / Руза", "Chorlton or nearby".
_ALTERNATIVES = LazyPattern(r"(?i)\s*(?:,\s*)?(?:\bor\b|(?<!\w)или(?!\w)|(?<!\w)либо(?!\w)|/|\bи окрестност\w*|\band around\b).*$")
# Replies to "where?" that answer nothing about a place.
_NOT_A_PLACE_REPLY = LazyPattern(
    r"(?i)^(?:понятно|ясно|хорошо|ладно|ок|окей|ага|спасибо|благодарю|подумаю|посмотрим|перезвоню|ok|okay|cool|great|thanks"
    r"|thank you|sure|fine|got it|noted|will do|perfect|nice|sounds good|no worries|yes|yeah|yep|hmm|понял\w*)\b")
# An area described by what the customer would like it to be, which is a wish, not a place: "тихий
# район", "зелёный район", "a quiet area", "a nice neighbourhood".
_DESCRIBED_AREA = LazyPattern(
    r"(?i)(?<!\w)(?:тих|спокойн|зел[её]н|хорош|престижн|недорог|чист|безопасн|уютн|развит|экологичн|спальн|quiet|nice|safe"
    r"|good|green|leafy|family|cheap|decent|peaceful|friendly)\w*\s(?:район\w*|мест\w*|area|neighbou?rhood|part of town|suburb)")
# Adjectives before "район" that name no district: "любой район", "в соседнем районе", "тихий район".
_ANY_DISTRICT = LazyPattern(r"(?i)(?:любо|друг|эт[оиа]|тот|том|сво|мо[еёй]|наш|ваш|соседн|как|так|кажд|нужн|хорош|тих|спокойн|зел[её]н"
                            r"|престижн|недорог|чист|безопасн|уютн|развит|экологичн|спальн|ближайш|дальн)")
# Words that make a reply a place even without a town's name: "в центре", "ближе к метро", "downtown".
_PLACE_KIND = LazyPattern(
    r"(?i)(?<!\w)(?:район\w*|центр\w*|мкр|микрорайон\w*|област\w*|обл\.?|пригород\w*|сел[оаеу]|деревн\w*|посёл\w*|посел\w*|метро"
    r"|улиц\w*|ул\.|проспект\w*|жк|окраин\w*|downtown|suburbs?|city centre|city center|town centre|uptown|midtown"
    r"|north|south|east|west)(?!\w)")
# Two or three capitalised words ending in a word English place names end in: "Kings Cross", "Forest Hill".
_PLACE_ENDINGS = frozenset({"Heath", "Green", "Hill", "Hills", "Park", "Cross", "End", "Common", "Wood", "Vale", "Bridge",
                            "Heights", "Village", "Quay", "Quays", "Gate", "Marsh", "Moor", "Field", "Fields", "Grove", "Valley",
                            "Springs", "Harbour", "Harbor", "Ridge", "Creek", "Estates", "Bay", "Town", "Junction", "Beach",
                            "Point", "Falls", "Square", "Mills", "Landing"})
# Of those, the ones no surname or phrase ends in: "Liberty Village" is a place though Liberty is a first
# name and a word; "Kevin Park" and "Dead End" are not.
_NO_SURNAME_ENDINGS = frozenset({"Village", "Heights", "Junction", "Quay", "Quays", "Estates", "Harbour", "Harbor", "Springs",
                                 "Valley", "Falls", "Square", "Landing", "Beach", "Creek", "Vale", "Common", "Bay", "Point"})
# The first words of places' names that only places' names begin with, whatever word follows: "Port Carling", "Fort
# Worth", "Mount Pleasant"; and with them those that are words too: "Kings Heath", "West Green", "Upper Norwood".
_PLACE_ONLY_PREFIXES = frozenset({"Port", "Mount", "Fort"})
_PLACE_PREFIXES = frozenset({"Kings", "King's", "Queens", "Queen's", "St", "St.", "Saint", "North", "South", "East", "West", "Upper",
                             "Lower", "Great", "Little", "Old", "New", "Nether", "Long", "High"}) | _PLACE_ONLY_PREFIXES
_NAMED_LIKE_A_PLACE = LazyPattern(r"(?:[A-Z][a-z]+(?:'s)?\s){1,2}[A-Z][a-z]+")
_DISTRICT_ALONE = LazyPattern(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*")
_UNKNOWN_DISTRICT = LazyPattern(r"(?:(?P<on>на|в|во)\s)?(?P<word>[А-ЯЁ][а-яё]{3,}(?:-[А-ЯЁа-яё][а-яё]+)?)")
_BARE_RUSSIAN = LazyPattern(
    r"(?:(?:г\.|город|пос\.|посёлок|поселок|село|деревня|станица)\s?)?(?:(?P<adjective>[А-ЯЁа-яё]+)\s)?(?P<town>[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+){0,2})")


def _reply_core(text: str) -> str:
    """A short reply without its hedges, without the alternatives after its first place and without a station named
    after it: "Chorlton ideally" -> "Chorlton", "Павловский Посад или рядом" -> "Павловский Посад", "Купчино, у метро
    Звёздная" -> "Купчино", "у метро Сокол" -> "". A long text as it is."""
    if len(text) > 80:
        return text
    core: str = _HEDGE.sub(" ", text.strip().strip(".!")).strip(" ,")
    first: str = _ALTERNATIVES.sub("", core).strip(" ,") or core
    station = _STATION.search(first)
    return first[:station.start()].strip(" ,") if station else first


# A reply that names a part of town with the word for it: "Mueller area", "the Jericho neighbourhood".
_NAMED_AREA = LazyPattern(rf"(?:the\s)?(?P<name>{_LATIN_TOWN})\s(?:area|neighbou?rhood|district|side of town)")
# The same, a clause of its own in a longer text: "mine stopped running zone 3. near the Biltmore, Arcadia area".
_AREA_CLAUSE = LazyPattern(rf"(?:^|(?<=[,.;!?(]))\s*(?:the\s)?(?P<name>{_LATIN_TOWN})\s(?:area|neighbou?rhood|district)(?![\w'])")
# How the names of villages and districts end that no first name ends so: "Уручье", "Кунцево", "Позняки".
_SETTLEMENT_ENDING = LazyPattern(r"(?:ье|[оеё]во|[иы]но|[цс]к|град|город|поль|[кх]и|цы|ичи|[яа]ны)$")


def _unasked_bare_place(text: str) -> str | None:
    """A reply that is only a town, whatever the bot asked: a careful reader takes "Кстово", "Katy TX"
    or "Islington" alone for a place. Only what a dictionary knows as a place in its likeliest reading."""
    if len(text) > 60:
        return None
    area = _NAMED_AREA.fullmatch(text.strip(" .!"))
    if area and _names_a_place(area.group("name").split()[0]):
        return area.group("name")  # "Mueller area", "the Jericho neighbourhood": a part of town, by its own word
    bare = _without_country(_reply_core(text))
    street = _STREET_INSIDE.search(bare)
    if street and street.start() > 0:
        bare = bare[:street.start()].strip(" ,")  # "арамиль улица садовая дом двенадцать"
    state = _TOWN_WITH_STATE.fullmatch(bare)
    if state:
        return f"{state.group('town')}, {state.group('state')}"
    if bare.count(",") == 1 and bare.isascii() and (city_and_part := _city_with_part(*(part.strip() for part in bare.split(",")))):
        return city_and_part  # "Plagwitz, Leipzig" -> "Leipzig, Plagwitz"
    latin = _LATIN_PLACE.fullmatch(bare)
    if latin and latin.group("town").split()[0] not in _NOT_PLACES and is_place(latin.group("town")) and not (
            " " not in latin.group("town") and first_name(latin.group("town"))):
        return str(bare)  # "Chorlton", "San Antonio"; but "Tyler" or "Florence" alone is a person first
    if latin and _JOINED_TOWN.search(latin.group("town")):
        return str(bare)  # "Bourton-on-the-Water", "Stratford-upon-Avon": named as only towns are
    if (joined := _joined_town(bare)) is not None:
        return joined  # "stow on the wold", typed without its hyphens
    if (bare.rpartition(" ")[2] in _PLACE_ENDINGS and _NAMED_LIKE_A_PLACE.fullmatch(bare)
            and bare.split()[0] not in _NOT_PLACES
            and (bare.rpartition(" ")[2] in _NO_SURNAME_ENDINGS or bare.split()[0] in _PLACE_PREFIXES or _names_a_place(bare.split()[0]))):
        return str(bare)  # "Brockley Green", "Liberty Village": a district no list holds, named as English places are
    if _LOWER_LATIN_PLACE.fullmatch(bare) and is_place(bare) and not any(
            is_english_word(word) or first_name(word) for word in bare.split()):
        return bare.title()  # "chorlton", typed in a hurry; not "round rock" or "reading", which are words too
    head, _, rest = bare.partition(",")
    russian = _BARE_RUSSIAN.fullmatch(head.strip())
    if russian and not rest and _surname_only(head.strip()):
        return None  # "Смирнова" alone is a woman, not the genitive of the village Смирново
    if russian and len(russian.group("town")) > 3 and (not rest or _PLACE_KIND.search(rest) or _DISTRICT_ALONE.fullmatch(rest.strip())):
        if russian.group("adjective"):  # "Старая Купавна", "Южное Бутово"; "Крестовский остров" as GeoNames writes it
            town = place_phrase_nominative(russian.group("adjective"), russian.group("town")) or (
                head.strip() if head[:1].isupper() and is_place(head.strip()) else None)
        else:
            town = place_nominative(russian.group("town"), likeliest=True)  # "Бердск, ул. Ленина 45" -> "Бердск"
        if town and town.islower():  # "арамиль", typed in a hurry, which GeoNames lists; not "лабрадор", a dog to a
            # reader though the dictionary knows a peninsula so called
            town = (town.capitalize() if "-" not in town else town.title()) if is_place(town) else None
        if town and _DISTRICT_ALONE.fullmatch(rest.strip()):
            return f"{town}, {rest.strip()}"
        if not town and not rest and not russian.group("adjective") and bare == russian.group("town") and not (
                first_name(bare) or family_name(bare, None)):
            if _SETTLEMENT_ENDING.search(bare):
                town = district_nominative(bare)  # "Уручье": named as villages and districts are
            elif bare[:1].isupper() and (place_size(bare) or 0) >= _WORD_TOWN_SIZE:
                town = bare  # "Оболонь": a word to the dictionary, a place of 100,000 people to GeoNames
            else:
                town = _romanised_town(bare)  # "Чиланзар", "чиланзар": a district GeoNames spells only in Latin letters
        return town
    return None


_JOINERS = frozenset({"on", "upon", "under", "in", "le", "by", "the", "super", "sur"})


def _joined_town(name: str) -> str | None:
    """`name`, a town GeoNames lists whose words English joins with hyphens, typed without them ("stow on the wold"), as
    people write it ("Stow-on-the-Wold"); else None."""
    words = name.lower().split()
    if not name.isascii() or len(words) < 3 or not any(word in _JOINERS for word in words[1:-1]):
        return None
    written = [word if word in _JOINERS else word.capitalize() for word in words]
    joined = written[0] + "".join(("-" if word in _JOINERS or before in _JOINERS else " ") + after
                                  for (before, word), after in zip(pairwise(words), written[1:], strict=True))
    return joined if "-" in joined and (is_place(joined) or is_place(name)) else None


def _without_country(reply: str) -> str:
    """A reply naming a place and its country, in either order, as the place alone: the smallest place the
    customer gave ("Турция, Кемер", "Hurghada, Egypt" -> "Кемер", "Hurghada"); any other reply as it is."""
    head, comma, tail = reply.partition(",")
    if not comma or "," in tail:
        return reply
    for country, place in ((head.strip(), tail.strip()), (tail.strip(), head.strip())):
        if place and (country.lower() in _NATIONS or is_country(country)) and not is_country(place):
            return place
    return reply


# What follows a town at the head of a reply when it is the town's address: "Клин, улица Мира 5",
# "Пушкин, Октябрьский бульвар 20", "Frisco, 12 Elm Street".
_STREET_AFTER = LazyPattern(
    r"(?i)\s*(?:(?:[а-яё]+(?:ий|ый|ой|ая|ое)\s)?(?:улиц\w*|ул\.|проспект\w*|пр-т|просп\.|бульвар\w*|б-р|шоссе|переул\w*|пер\."
    r"|набережн\w*|площад\w*|проезд\w*|мкр\.?|микрорайон\w*|дом\b|д\.\s?\d|кв\.?|квартал\w*)"
    r"|\d{1,3}(?:-?[йяе])?\s(?:квартал\w*|мкр\.?|микрорайон\w*|лини[яи])(?!\w)"  # "Юнусабад, 14 квартал", "14 линия"
    r"|(?:\d+\w?\s)?[a-z]+\s(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|close|crescent|terrace|court|ct|boulevard|blvd)\b)")
# After a place and a comma, where in it: "just off Town Street", "near the library", "рядом с парком".
_LANDMARK = LazyPattern(r"(?i)\s*(?:just\s|right\s)?(?:off|near|by|next to|behind|opposite|close to|around the corner from"
                        r"|рядом с|возле|около|у|недалеко от|напротив|за)\s")
# A metro or railway station, which the label rules drop with streets and landmarks (a station's name is often its
# district's too, but the customer named the station): "у метро Сокол", "станция Тушинская", "near Victoria station".
_STATION = LazyPattern(
    r"(?:(?i:у|возле|около|рядом\sс|недалеко\sот|в\sрайоне|near|by|close\sto|next\sto|just\soff)\s)?(?:(?i:станци\w*\s)?(?i:метро)"
    r"|(?i:станци\w*)|м\.\s?(?=[А-ЯЁ])|(?:[A-Z][\w']+\s){1,3}(?i:(?:tube|train|railway|subway|mrt)\s)?(?i:station))(?!\w)")
# A reply that opens with a street, or with a housing complex it does not name, which only locates the place within the
# town: "улица Гагарина 12, за заправкой", "жк там новый, 3 подъезд".
_DETAIL_FIRST = LazyPattern(r"(?i)(?:улиц[аеы]|ул\.|проспект\w*|пр-т|переул\w*|бульвар\w*)\s|жк\s(?-i:[а-яё])")
_STREET_INSIDE = LazyPattern(r"(?i)\s(?:улиц[аеы]|ул\.|проспект\w*|пр-т|переул\w*|шоссе|бульвар\w*)\s")
_CLAUSE_WORDS, _CLAUSE_CHARS = 14, 90
_IT_IS = LazyPattern(r"^(?:это|that's|it's|it is)\s(?=[A-ZА-ЯЁ])", re.IGNORECASE)
# A reply that opens with a greeting, thanks or a sign-off: the word after it is a person, not a place.
_COURTESIES = ("thanks", "thank you", "thx", "cheers", "regards", "best", "hi", "hello", "hey", "dear", "спасибо", "привет",
               "здравствуйте", "добрый день", "с уважением", "салем", "салам", "сәлем")
_SIGNED = LazyPattern(rf"(?i)(?:^|[\s.!,])(?:{'|'.join(_COURTESIES)}|best wishes|kind regards|many thanks)[,!]?\s*$")


def _courteous(text: str) -> bool:
    """`text` opens with a greeting, thanks or a sign-off ("Hello, ...", "Спасибо, ...")."""
    lowered = text.lower()
    return any(lowered.startswith(word) and not lowered[len(word):len(word) + 1].isalnum() for word in _COURTESIES)


def _place_clause(text: str) -> str | None:
    """A short reply whose first or last clause is only a place, whatever the bot asked: a careful
    reader takes "Зарайск, там у нас и дом и участок", "Frisco, is that in your area?", "желательно
    Кунцево, рядом с парком" or "same address as last time, Tacoma" for a town. The clause must read
    as a place on its own, as a whole reply would (`_unasked_bare_place`); before its street ("Клин,
    улица Мира 5"), a town the dictionary or GeoNames knows is enough, though a surname is called so."""
    if "," not in text or len(text) > _CLAUSE_CHARS or len(text.split()) > _CLAUSE_WORDS:
        return None
    head, _, tail = text.partition(",")
    head = _reply_core(head.rpartition(": ")[2])  # "площадку согласовали: Абрау-Дюрсо, на берегу": what the colon names
    if head and len(head.split()) <= 3 and not _courteous(head):
        if head[:1].isupper() and _STREET_AFTER.match(tail):
            street_town = _known_town(head) or (head if _unknown_name(head) else None)  # "Ржаница, улица Мира 5"
            if street_town:
                return street_town
        town = _unasked_bare_place(head)
        if town:
            return town
    last = _IT_IS.sub("", text.rpartition(",")[2].strip(" .!"))  # "в детском кафе, это Южное Бутово"
    if last and len(last.split()) <= 3 and "?" not in last and not _courteous(text):
        return _unasked_bare_place(last)
    return None


# A reply opening with a place that the rest of it locates, as only a place is: by a number of its part
# ("Самал-2"), a house or a street ("Краснообск дом 42", "Underhill, off Pleasant Valley Rd"), a county,
# a postcode, a landmark ("Tanjong Pagar, near the MRT") or a larger place and how far ("Anif, it's 10
# min south of Salzburg", "Mayobridge, Co. Down, a few miles out of Newry").
_ADDRESSED = LazyPattern(
    r"(?P<head>[A-ZА-ЯЁ][^\W\d_]+(?:['-][^\W\d_]+)*(?:\s[A-ZА-ЯЁ][^\W\d_]+(?:['-][^\W\d_]+)*)?)(?P<number>-\d{1,2}(?!\d))?(?P<rest>.*)",
    re.DOTALL)
# What locates it as only a place is: a house, a county, a postcode, or a street it is on or just off ("a semi on
# Logan Ave", "Worthington off of High Street").
_STRONG_TAIL = LazyPattern(
    r"(?i)(?:,?\s(?:дом|д\.)\s?(?:\d|[а-яё]+)|,\s(?:co\.?|county)\s[a-z]|,\s[a-z]{1,2}\d{1,2}[a-z]?\b"  # house, county, postcode
    r"|,?\s(?:(?:a|an|the|our|my)\s[\w'-]+(?:\s[\w'-]+)?\s|(?:lot|plot|unit|site|no\.?|#)\s?\d+\w?\s)?(?:just\s|right\s)?"
    r"(?:off(?:\sof)?|on)\s(?:[\w'-]+\s){1,3}"  # "a semi on Logan Ave", "lot 14 on Plum Creek Pkwy"
    r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|hwy|highway|blvd|boulevard|crescent|court|ct|parkway|pkwy|place|pl"
    r"|circle|cir|trail|trl|terrace)\b)")
# Or the home it is, described: "Aspendale, 2 story colonial", "Ripon, a 3 bed semi", "Otley, detached house".
_HOME_TAIL = LazyPattern(
    r"(?i),\s(?:(?:a|an|our|my)\s)?(?:(?:\d|one|two|three|four|five)[- ]?(?:story|storey|stories|storeys|bed(?:room)?s?|floors?|level)\b"
    r"|(?:detached|semi-detached|semi|terraced|end-terrace|bungalow|colonial|ranch|townhouse|victorian|split-level|duplex)\b)")
# Or the region, county or state it is in, ending its sentence: "Gifford, East Lothian. It's on the park".
_REGION_TAIL = LazyPattern(r",\s(?P<region>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})(?=\s*(?:[.;!]|$))")
_TOWN_SIZE = 1  # wordlists.place_size: 10,000 people or more
_DISTANCE_TAIL = LazyPattern(
    r"(?i),?\s(?P<it>(?:it's|it is|это|that's|which is)\s)?(?:just\s|about\s|only\s|around\s)?(?:(?:(?:a few|a couple of|\d+|one|two"
    r"|three|five|ten|twenty)\s?(?:min(?:ute)?s?|miles?|mi|km|км|минут\w*|hours?|час\w*)|(?:an|half an)\shour|полчаса)\s)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?\sof|out(?:side)? of"
    r"|outside|near|close to|под|рядом с|недалеко от|около|возле)\s(?:the\s)?(?P<larger>[A-ZА-ЯЁ][\w'-]+)"
    # how far from the company, as only a place is: "Temple, about 35 min from you", "Клин, час от вас"
    r"|(?i:,?\s(?:it's\s|это\s)?(?:just\s|about\s|only\s|around\s|примерно\s|минут\s|час\s)?(?:\d+\s?(?:min(?:ute)?s?|miles?|km|км|минут\w*)"
    r"|an hour|half an hour|час\w*|полчаса)\s(?:away\s|drive\s|езды\s)?(?P<from_you>from you|от вас)(?!\w))")
# A pronoun and its verb in one word, no place's name: "We're near Tetbury", "I'm just outside Leeds".
_PRONOUN_CONTRACTED = LazyPattern(r"(?i)(?:i|we|you|they|he|she|it|that|there|here|who)'(?:re|m|s|ve|ll|d)")
_STREET_HEAD = LazyPattern(
    r"(?:[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|allee|platz|damm)\s\d+\w?"
    r"|\d+\w?\s(?:[A-Z][\w'-]+\s){1,2}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Way|Close|Crescent|Terrace)\.?)"
    r",\s(?P<next>[A-ZÀ-ÖØ-Þ][\w'-]+(?:\s[A-Z][\w'-]+)?)(?=\s*(?:$|[,.;!]))")


def _addressed_place(text: str) -> str | None:
    """A short reply that opens with a place the rest of it locates (`_ADDRESSED`), or a street address
    and its district ("Weserstraße 112, Neukölln"): a place by the shape of the reply, whatever the bot
    asked and though no list holds it. Never a person, a greeting, or words of the dictionary unless the
    rest is a house, a street or a county, as no word's is."""
    if len(text) > 90:
        return None
    street = _STREET_HEAD.match(text)
    if street and _district_like(street.group("next")):
        return street.group("next")
    addressed = _ADDRESSED.match(text.strip())
    if not addressed or _courteous(text) or _NOT_A_PLACE_REPLY.match(text):
        return None
    head, rest = addressed.group("head"), addressed.group("rest")
    words = head.split()
    distance = _DISTANCE_TAIL.match(rest)
    said_of_a_place = bool(distance and distance.group("it"))  # "Anif, it's 10 min south of ...": no person is "it"
    if _HOME_TAIL.match(rest) and head.isascii() and (place_size(head) or 0) >= _TOWN_SIZE:
        said_of_a_place = True  # "Edina, 2 story colonial": a town of some size, then the house in it, is no person
    region = _REGION_TAIL.match(rest) if head.isascii() else None
    if region and (region.group("region") in _CITIES or (place_size(region.group("region")) or 0) >= _HEADING_SIZE):
        region = None  # "Chorlton, Manchester": a district and its city, which is a county's name too
    if region and not any(word.lower() in FIRST_NAMES for word in words) and is_subdivision(region.group("region")) and not is_country(head):
        return head  # "Gifford, East Lothian": said with the county it is in, a place, unless our own list holds it as a name
    if any(word in _NOT_PLACES or _PRONOUN_CONTRACTED.fullmatch(word) or (not said_of_a_place and (first_name(word) or (not word.isascii() and family_name(word, None))))
           for word in words):
        return None
    known = is_place(head) or (not head.isascii() and " " not in head and bool(place_nominative(head)))
    wordlike = all(is_english_word(word) if word.isascii() else is_common_word(word) for word in words)
    if addressed.group("number"):  # "Самал-2": a numbered part of a town
        return head + addressed.group("number") if known or not wordlike else None
    if _STRONG_TAIL.match(rest) or _HOME_TAIL.match(rest):
        return head if known or not wordlike or head.isascii() else None
    if distance and (known or not wordlike):
        larger = distance.group("larger")
        if larger is None or _known_town(larger) or is_place(larger) or _LANDMARK.match(rest.lstrip(" ,")):
            return head
    return None


def _first_clause_place(text: str) -> str | None:
    """In a reply to "where?", a first clause that reads as a place, whatever follows it: "Bourton-on-the-Water
    ideally, the kids' school is there". Not a word that opens a sentence ("Well, ...", "Ну, ...")."""
    head, comma, _ = text.partition(",")
    place = _bare_place(head) if comma and len(head.split()) <= 3 else None
    if not place:
        return None
    first = place.split()[0]
    known = is_place(place) or (place_nominative(first) if not first.isascii() else None)
    words = place.split()  # not "New Year's Eve, midnight": no place's own name is an English phrase with a possessive
    return place if known or (not all(is_english_word(word) if word.isascii() else is_common_word(word) for word in words)
                               and all(word.replace("-", "").isalpha() for word in words)) else None


def _known_town(name: str) -> str | None:
    """`name` as a town the gazetteer, the dictionary or GeoNames knows, whatever else it may be."""
    key = tuple(_key(word) for word in name.split())
    if key in _PLACES:
        return _PLACES[key]
    if name.isascii():
        return name if name[:1].isupper() and is_place(name) else None
    return place_nominative(name) if " " not in name else None


# How the names of villages end that no person's first name ends so: a reply of such a word no list
# holds answers "where?" ("Кардаилово", "Озерновский", "Дедовичи"), where "Жахонгир" answers "who?".
_TOPONYM_SHAPE = LazyPattern(r"(?:[оеё]во|[иы]но|[^аеиоуыэюя]ка|[иы]?[сц]к(?:ое|ий|ая)?|[ыио]е|[ыи]й|ая|[чц]и|[цн]ы|ье|поль|град|город"
                             r"|абад|кент|куль|коль|булак)$")


def _village_alone(word: str) -> str | None:
    """`word`, a capitalised name ending as villages' do that no dictionary knows but as a surname, nor as a first name:
    "Кардаилово", "Сремски-Карловци"."""
    return word if " " not in word and shaped_as_a_toponym(word) and _unknown_name(word) else None


def shaped_as_a_toponym(word: str) -> bool:
    """`word` ends as the names of villages and districts do and no first name does ("Кардаилово", "Фестивальный")."""
    return bool(_TOPONYM_SHAPE.search(word.lower()))


def _surname_only(word: str) -> bool:
    """`word` is one capitalised word the dictionary reads as a surname and as no place's nominative ("Иванов",
    "Смирнова"; not "Серов", "Пушкин", towns called so)."""
    return " " not in word and word[:1].isupper() and bool(family_name(word, None)) and place_nominative(word) != word


def _unknown_name(word: str) -> bool:
    """`word` is a capitalised Russian name no dictionary knows as anything but a surname, and no
    first name: where a place is asked for or stands, a village's."""
    if "-" in word:  # "Сремски-Карловци": a foreign name of two words, each unknown
        return all(_unknown_name(part) for part in word.split("-"))
    return word[:1].isupper() and word[1:].islower() and word.lower().replace("ё", "е") not in FIRST_NAMES and unknown_word(
        word) and not first_name(word)


# Cyrillic in the Latin letters GeoNames romanises Russian with: "Чиланзар" is Chilanzar, "Сергели" Sergeli.
_ROMAN = str.maketrans({"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
                        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
                        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
                        "ь": "", "э": "e", "ю": "yu", "я": "ya"})
# The case endings a name ending in a consonant takes after "в", "из", "под", "до": "в Чиланзаре", "из Юнусабада".
_CONSONANT_CASES = ("ом", "е", "а", "у")
_ROMANISED_SIZE = 1  # wordlists.place_size: a town or district of 10,000 people or more, as few villages' names are


def _romanised_town(word: str) -> str | None:
    """The nominative of a capitalised Cyrillic word no dictionary knows (as a word or a first name) that
    GeoNames lists only in Latin letters, as it lists many towns and districts of Central Asia: "Чиланзар",
    "в Чиланзаре" -> "Чиланзар", "в Сергелях" -> "Сергели". Only a place of some size, whose name
    a surname or a foreign word is seldom spelt as."""
    word = word[0].upper() + word[1:]  # "чиланзар", typed in a hurry, is read as it would be written
    if not _unknown_name(word) or "-" in word:
        return None
    lowered = word.lower()
    stems = (lowered[:-len(ending)] for ending in _CONSONANT_CASES if lowered.endswith(ending) and len(lowered) > len(ending) + 3)
    for candidate in dict.fromkeys((lowered, *toponym_nominatives(word), *stems)):
        if (place_size(candidate.translate(_ROMAN)) or 0) >= _ROMANISED_SIZE:
            return word[0] + candidate[1:]
    return None


# Russian typed in Latin letters, read back in Cyrillic, where the dictionary knows a place's cases: "-oi" is how most
# type "-ой" ("pod Tuloi", "v Vysokoi Gore"), "y" after a consonant is "ы" ("iz Moskvy"), and a soft sign is often left
# out ("pod Kazanyu" is "под Казанью").
_VOWEL_THEN_I = LazyPattern(r"(?<=[aeiouy])i$")
_CONSONANT_THEN_Y = LazyPattern(r"(?<=[бвгджзклмнпрстфхцчшщ])й", re.IGNORECASE)
_SOFT_SIGN_LEFT_OUT = LazyPattern(r"(?<=[бвгджзклмнпрстфхцчшщ])(?=[юя])", re.IGNORECASE)


def _latin_typed_place(name: str) -> str | None:
    """A place named after a Russian preposition typed in Latin letters ("v Konakovo", "v Zvenigorode", "pod Tuloi", "v
    Vysokoi Gore"), in the nominative as GeoNames spells it in Latin letters ("Zvenigorod", "Tula", "Vysokaya Gora"), or
    None. Its first word is no English word and no person's name ("Chelsea v Arsenal", "v Marte")."""
    for phrase in dict.fromkeys((name, name.split()[0])):  # "v Vysokoi Gore"; "v Konakovo Tverskoi oblasti"
        head = phrase.split()[0]
        if is_english_word(head) or first_name(head) or len(phrase.split()) > 2:
            continue
        if is_place(phrase):
            return phrase  # in the nominative: "v Konakovo", "v Sheregesh"
        spellings = tuple(_CONSONANT_THEN_Y.sub("ы", to_cyrillic(_VOWEL_THEN_I.sub("j", word))) for word in phrase.split())
        for cyrillic in dict.fromkeys((spellings, tuple(_SOFT_SIGN_LEFT_OUT.sub("ь", spelling) for spelling in spellings))):
            nominative = (place_phrase_nominative(*cyrillic) if len(cyrillic) == 2 else
                          place_nominative(cyrillic[0], after_preposition=True))
            if not nominative:
                continue
            latin = " ".join("-".join(part.capitalize() if len(part) > 2 else part for part in word.split("-"))
                             for word in nominative.lower().translate(_ROMAN).split())
            if is_place(latin) or is_place(nominative):  # "iz Moskvy": GeoNames spells it Moscow
                return latin
    return None


_LATIN_PLACE_NAME = LazyPattern(_LATIN_TOWN)
_HEAD_PREPOSITION = LazyPattern(r"^(?:в|во|из|на)\s", re.IGNORECASE)


def _listed_before_a_larger(head: str) -> str | None:
    """A reply's first word that a larger place after it locates ("Лужки, это под Серпуховом", "в лужках
    под серпуховом"): a place GeoNames lists in any case, though a dictionary knows a word so spelt; or, as
    villages are, one it does not list that no dictionary knows as a word or a first name ("в бурашево, это
    под Тверью")."""
    word = _HEAD_PREPOSITION.sub("", head.strip())
    if " " in word or not word or word.isascii():
        return None
    town = place_nominative(word, after_preposition=True)
    if town is None and word != head.strip() and not is_common_word(word := word.capitalize()):
        # "в Назарбеке, это под Ташкентом": a village no list holds, though the dictionary knows a man so called, for
        # no person is "в" anyone
        return _village_nominative(word)
    return (town[:1].upper() + town[1:]) if town and (is_place(town) or _unknown_name(word.capitalize())) else None


# A stem ending in a vowel and a consonant, as the names of Central Asian and Caucasian villages end in the nominative
# ("Назарбек", "Токмок"); a Russian one ending in two consonants takes "-а" ("Угловк-е" is Угловка).
_CONSONANT_STEM = LazyPattern(r"[аеёиоуыэюя][бвгджзклмнпрстфхцчшщ]$")
_RUSSIAN_LOCATIVES = ("ове", "еве", "ёве", "ине", "ыне", "ске", "цке")


def _village_nominative(word: str) -> str | None:
    """The nominative of a village's name no list holds, written after "в" ("Назарбеке" -> "Назарбек", "Угловке" ->
    "Угловка", "Колобове" -> "Колобово"), where the words around it say it is a place."""
    lowered = word.lower()
    if lowered.endswith("е") and not lowered.endswith(_RUSSIAN_LOCATIVES) and _CONSONANT_STEM.search(lowered[:-1]):
        return word[:-1]
    return guessed_place(word, site=True)


def _named_as_a_place(name: str) -> str | None:
    """`name`, in Latin letters, written as a place's name is, though no list holds it: one to three
    capitalised words, the first no English word and no person ("Hawkshead" before "in the Lake District"), or a word
    only places' names begin with before another name ("Port Carling", "Fort Worth")."""
    words = name.split()
    named = _names_a_place(words[0]) or (words[0] in _PLACE_ONLY_PREFIXES and len(words) > 1 and words[1] not in _NOT_PLACES
                                         and not first_name(words[1]))
    return name if name.isascii() and _LATIN_PLACE_NAME.fullmatch(name) and len(words) <= 3 and named else None


def _names_a_place(word: str) -> bool:
    """`word` may begin a place's name: a place itself or no English word, and no person ("Brockley",
    "Maida"; not "Dead", "Happy", "Hello", "Tom")."""
    return word not in _NOT_PLACES and (is_place(word) or not is_english_word(word)) and not first_name(word)


def _towns(text: str) -> list[tuple[str, int]]:
    """Towns and districts the gazetteer does not know, named where a place stands, in the nominative."""
    found: list[tuple[str, int]] = []
    for match in _TOWN_SLOT.finditer(text):
        word, preposition = match.group("name"), (match.group("preposition") or "").lower() or None
        if preposition in _TIME_PREPOSITIONS and find_timeline(match.group()):
            continue  # "до Навруза", "с Пасхи": a feast the timeline knows, not a town
        phrase = place_phrase_nominative(word, match.group("second")) if match.group("second") else None
        if not phrase and match.group("second") and preposition in _GUESS_AFTER and not _NOUN_AFTER_ADJECTIVE.match(
                text, match.end("name")):
            phrase = guessed_phrase(word, match.group("second"))  # "в Большом Истоке": a village no list holds
        if phrase:  # "в Старой Купавне", "в Павловском Посаде"
            found.append((phrase, match.start("name")))
            continue
        lowered = word.lower().replace("ё", "е")
        if lowered in PLACE_WORDS or lowered in FIRST_NAMES or lowered.startswith(_NOT_TOWNS):
            continue
        if _ADJECTIVE_ENDING.search(lowered) and _NOUN_AFTER_ADJECTIVE.match(text, match.end("name")):
            continue  # "в Кировском районе" is a district, not the town Кировск
        town = (word if preposition is None and plural_nominative(word) else None) or place_nominative(  # "Горки, Одинцовский район"
            word, after_preposition=True) or (
            adjective_place(word) if preposition not in (None, "с", "со") and not match.group("second")
            and not _NOUN_AFTER_ADJECTIVE.match(text, match.end("name")) else None) or (
            guessed_place(word, site=_names_the_site(text, match.start("name"))) if preposition in _GUESS_AFTER and not (
                _ADJECTIVE_ENDING.search(lowered) and _WORD_AFTER.match(text, match.end("name"))) else None) or (
            _romanised_town(word) if preposition in _GUESS_AFTER else None) or (
            _district_lived_in(text, match.start("preposition"), word) if preposition in ("в", "во") else None)
        if town:
            found.append((town, match.start("name")))
    for match in _ON_SLOT.finditer(text) if "на " in text else ():  # "на Кипр", "на Арбате": what the dictionary knows as a place
        word = match.group("name")
        if word.endswith(("ой", "ей")) and not is_noun(word):
            continue  # "на Тверской", "на Садовой": a street, its "улица" left unsaid, though called after a town
        if not word.lower().startswith(_NOT_TOWNS) and not word.endswith(_STREET_GENITIVE) and (
                town := place_nominative(word, listed=False) or _district_lived_in(text, match.start(), word, on=True)):
            found.append((town + (match.group("number") or ""), match.start("name")))  # "на Самале-2" -> "Самал-2"
    phrases = ((place_phrase_nominative(match.group("adjective"), match.group("noun")), match.start())
               for match in (_ON_PHRASE.finditer(text) if "на " in text else ()))
    found.extend((phrase, start + 3) for phrase, start in phrases if phrase)  # "на Каменной Горке"
    islands = ((place_phrase_nominative(match.group("adjective"), match.group("noun")), match.start())
               for match in (_ISLAND.finditer(text) if "остров" in text else ()))
    found.extend((island, start) for island, start in islands if island and is_place(island))  # "на Васильевском острове"
    # "в кстово", "из зеленодольска": typed in a hurry, in a short reply or by a writer who uses no capitals at all
    if not found and (len(text.split()) <= _SHORT_REPLY_WORDS or text.islower() or _LOWER_TOWN_SLOT.match(text)):
        for match in _LOWER_TOWN_SLOT.finditer(text):  # or opening the message: "в бердске, кафе «Москва»"
            if match.group("name").startswith(_CURRENCIES):
                continue  # "можно в сумах по курсу": money, not the town Сумы
            second = _LOWER_SECOND_WORD.match(text, match.end("name"))
            phrase = place_phrase_nominative(match.group("name"), second.group(1)) if second else None
            if phrase and is_place(phrase):  # "в высокой горе": a town of two words GeoNames lists, not "Высокий"
                found.append((" ".join(word.capitalize() for word in phrase.split()), match.start("name")))
                continue
            written = match.group("name").capitalize()
            town = (place_nominative(match.group("name"), likeliest=True, after_preposition=True) or _romanised_town(match.group("name"))
                    or (None if match.group("name").startswith(_NOT_TOWNS) else guessed_place(written))
                    or (adjective_town(written) if not (second and is_noun(second.group(1))) else None))  # not "в новой квартире"
            if town:
                found.append((town.capitalize() if "-" not in town else town.title(), match.start("name")))
    found.extend((match.group("name"), match.start("name")) for match in _CITY_WORD.finditer(text))
    found.extend((match.group("head"), match.start("head")) for match in _SERVED_RUSSIAN.finditer(text) if "туда" in text or "зон" in text
                 for name in (match.group("head"),) if not first_name(name) and (
                     _TOPONYM_SHAPE.search(name) or place_nominative(name, likeliest=True) == name or not is_common_word(name)))
    return found


# Before "в" or "на", words that say the customer lives or owns there: "живу на Уралмаше", "мы в Уручье",
# "частный дом на Осокорках", "двушку 56 м2 в Лошице".
_LIVING_BEFORE = LazyPattern(r"(?i)(?<!\w)(?:(?:жив\w*|прожива\w*|находимся|мы|я|сам[аи]?|у\s(?!вас|тебя)[а-яё]+)\s(?:(?:сейчас|тоже|сами|уже|пока|здесь)\s)?"
                             r"|(?:дом|дач[аеу]|квартир\w*|участ\w*|коттедж\w*|двушк\w*|тр[её]шк\w*|однушк\w*|студи[юяи]|общаг\w*|общежити\w*)"
                             r"(?:\s[^\s,.;:!?]+){0,2}\s)$")


_WORD_BEFORE = LazyPattern(r"(?<![\w-])([а-яё]+)\s$")


def _district_lived_in(text: str, start: int, word: str, *, on: bool = False) -> str | None:
    """A part of a city or a village no list holds, named where the customer says they live ("живу на
    Уралмаше", "мы живём в Уручье") or where a thing stands ("загородный комплекс в Ратомке": a noun
    before "в", where a verb would name a firm, "работаю в ..."), in the nominative: never a word, a
    person or a street the dictionary knows."""
    if _ADJECTIVE_ENDING.search(word.lower()):
        return None
    before = _WORD_BEFORE.search(text, max(0, start - 24), start) if not on else None
    if not (_LIVING_BEFORE.search(text, max(0, start - 24), start) or (before and is_noun(before.group(1)))):
        return None
    return district_nominative(word, after_on=on)


def _english_places(text: str) -> list[tuple[str, int]]:
    """Places the gazetteer does not know after "based in", "live in", or "in", "to", "near" ("a
    beach holiday in Crete", "a flat near Canary Wharf"), written as places are, with capitals."""
    found: list[tuple[str, int]] = []
    if not _LATIN_LETTER.search(text):
        return found  # a message in Cyrillic alone: no pattern here is compiled or run for it
    for pattern in (_ENGLISH_CUE, _ENGLISH_SLOT):
        for match in pattern.finditer(text):
            words = match.group("name").split()
            if words[0] in _NOT_PLACES or (words[0].lower() in FIRST_NAMES and not (
                    pattern is _ENGLISH_CUE and (place_size(match.group("name")) or 0) >= _WORD_TOWN_SIZE)):
                continue  # "ask Tyler in accounts"; but "I live in Victoria", "based in Charlotte": a city people are named after
            city, hyphen, part = match.group("name").partition("-")
            if hyphen and city in _CITIES and part[:1].isupper():  # "Berlin-Pankow", "Munich-Schwabing"
                found.append((f"{city}, {part}", match.start("name")))
                continue
            if (_NOT_PLACE_WORD.search(words[0]) or not (match.group("name").isascii() or pattern is _ENGLISH_CUE)) and not is_place(
                    match.group("name")):
                continue  # "in English", "to Spanish", "in Español"; but "in Irving", "in Reading", "to Kraków", "staying in Argentière"
            if len(words) == 1 and _not_a_place_after_in(text, match.end("name"), words[0]) and not _NEAR_A_PLACE.match(
                    text, match.end("name")):
                continue  # "in Maths", "in Oak", "in Year 10", "tutoring in French"; but "in Cam near Dursley"
            state = match.group("state") if "state" in match.groupdict() else None
            found.append((match.group("name") + (state or ""), match.start("name")))
    found.extend((match.group("name"), match.start("name")) for match in _PREMISES.finditer(text)
                 if (is_place(match.group("name")) or _named_as_a_place(match.group("name")))
                 and not _small_word_place(match.group("name")))  # not "the Home Office", a hamlet called so but a word first
    found.extend((match.group("name"), match.start("name")) for match in _EXACT_PLACE.finditer(text)
                 if is_place(match.group("name")) or _named_as_a_place(match.group("name")))
    found.extend((match.group("name"), match.start("name")) for match in _ON_LAKE.finditer(text))
    found.extend((match.group("name"), match.start("name")) for match in _BY_ITS_KIND.finditer(text)
                 if not first_name(match.group("name").split()[1]))
    found.extend((match.group("name"), match.start("name")) for match in _AREA_CLAUSE.finditer(text)
                 if is_place(match.group("name")) and match.group("name").split()[0] not in _NOT_PLACES)  # "the Biltmore, Arcadia area"
    found.extend((match.group("name"), match.start("name")) for match in _CEMETERY.finditer(text)
                 if _named_as_a_place(match.group("name")))  # "Hunslet"; not "the Old Cemetery", "Jewish cemetery"
    found.extend((match.group(group), match.start(group)) for match in _SERVED.finditer(text)
                 for group in ("head", "name") if match.group(group) and _served_place(match.group(group)))
    found.extend((match.group("name"), match.start("name")) for pattern in (_AT_SLOT, _HOME_THEN_PLACE)
                 for match in pattern.finditer(text) if (" " in match.group("name") and is_place(match.group("name"))) or (
                     _names_a_place(first := match.group("name").split()[0]) and not is_english_word(first)))
    found.extend((match.group("name").title(), match.start("name")) for match in _LOWER_ENGLISH_CUE.finditer(text)
                 if is_place(match.group("name")) and (_town_of_words(match.group("name"))
                                                       or not any(is_english_word(word) for word in match.group("name").split())))
    # "in SoHo", "a house in McKinney": a name with a capital inside, which a product's or a program's has
    # as often ("in JavaScript", "on YouTube"), only when GeoNames knows the place.
    if any(word[1:].lower() != word[1:] and word[1:].upper() != word[1:] for word in text.split()):  # before the pattern
        found.extend((match.group("name"), match.start("name")) for match in _INNER_CAPITAL_SLOT.finditer(text)
                     if is_place(match.group("name")))
    # "a week in corfu": a writer who uses no capitals at all names places in lower case too; one who does may still
    # write a town so when its last word says it is one ("the RV park in apache junction")
    found.extend((town.title(), start) for town, start in _lower_english_slots(text, kind_only=not text.islower()))
    # "v Konakovo": a town GeoNames spells so, in the nominative, as a Russian writer with no Cyrillic keyboard names it
    # (no English word, nor a person: "Chelsea v Arsenal" is a match)
    found.extend((town, match.start("name")) for match in _TRANSLIT_SLOT.finditer(text) if (town := _latin_typed_place(match.group("name"))))
    found.extend((match.group("name"), match.start("name")) for match in _TRANSLIT_SETTLEMENT.finditer(text)
                 if not is_english_word(match.group("name")) and not first_name(match.group("name")))
    # "Leeds-based", "an Austin-based startup": where the customer is.
    found.extend((match.group("name"), match.start("name")) for match in _BASED.finditer(text) if is_place(match.group("name")))
    # "Hi, from Sacramento": where the customer writes from, when the world knows it as a place.
    found.extend((match.group("name"), match.start("name")) for match in _FROM_PLACE.finditer(text)
                 if match.group("name").split()[0] not in _NOT_PLACES and is_place(match.group("name")))
    # "sorry, not Leeds, it's Otley": a place the world knows that no word or person is called so.
    found.extend((match.group("name"), match.start("name")) for match in _ITS_PLACE.finditer(text)
                 if is_place(match.group("name")) and _names_a_place(match.group("name").split()[0])
                 and not is_english_word(match.group("name").split()[0]))
    return found


def _small_word_place(name: str) -> bool:
    """`name` is an ordinary English word that only a place under 10,000 people is called ("Home"; not "Bath", "Reading")."""
    return " " not in name and is_english_word(name) and (place_size(name) or 0) < _WORDS_TOWN_SIZE


# After a word, the larger place it is near, which makes it a place: "we live in Cam near Dursley".
_NEAR_A_PLACE = LazyPattern(r",?\s(?:just\s)?(?:near|outside|close to)\s[A-Z][a-z]")


def _town_of_words(name: str) -> bool:
    """`name`, of two or three English words, is a town of 10,000 people or more ("round rock", "sugar land",
    "grand rapids"): so written in lower case a town still, as no phrase of its words is said after "live in"
    or alone in reply to "where?"."""
    return 1 < len(name.split()) <= 3 and (place_size(name) or 0) >= _WORDS_TOWN_SIZE


def _not_a_place_after_in(text: str, end: int, word: str) -> bool:
    """A capitalised word after "in" or "to" that is no place: an ordinary word no place is called ("in
    Maths", "in Oak", "in Decathlon"), one numbered ("in Year 10", "in Room 4"), or a language no large
    place or country is called ("in French", "in Spanish"; but "in Reading", "in Bath", "to Tonga")."""
    size = place_size(word)
    if _NUMBERED.match(text, end):
        return size is None or size < _WORD_TOWN_SIZE
    if (size or 0) >= _WORD_TOWN_SIZE or is_country(word):
        return False  # "in Reading", "to Japan" (a word too: lacquer)
    return (size is None and is_english_word(word)) or is_language(word)


def _served_place(name: str) -> bool:
    """`name`, which the customer asks the company to serve, is a place: no person, day or ordinary word, though
    a place may be called so ("Anna, is that in your area?" asks Anna; "do you cover Saturdays?" a day)."""
    first = name.split()[0]
    return not first_name(first) and first.removesuffix("s") not in _NOT_PLACES and (
        is_place(name) or (_names_a_place(first) and not is_english_word(first)))


def _lower_english_slots(text: str, *, kind_only: bool = False) -> list[tuple[str, int]]:
    """Places written in lower case after "in", "to", "near": the longest run of one to three words
    that GeoNames knows and that holds no English word or first name ("in milton keynes", "to corfu";
    not "in june", "in the evening", "in reading"), or of two or three ending in a word only places'
    names end in, whatever words come before it ("in apache junction", "to palm springs"); `kind_only`,
    only those."""
    found: list[tuple[str, int]] = []
    for match in _LOWER_ENGLISH_SLOT.finditer(text):
        words, start = match.group("words").split(), match.start("words")
        # after the site of the work or where the customer lives, a place as surely as after no capital at all: "her house
        # in ewhurst", "the cemetery in mount joy", "i'm in oak park"
        cued = _names_the_site(text, start) or bool(_LIVES_IN.search(text, max(0, start - 16), start))
        for size in (3, 2, 1):
            name = " ".join(words[:size])
            if len(words) < size:
                continue
            kind = size > 1 and (words[size - 1].title() in _NO_SURNAME_ENDINGS or cued)
            if words[0].title() in _NOT_PLACES or (first_name(words[0]) and not kind):
                continue
            if (kind or not ((kind_only and not cued) or any(is_english_word(word) or first_name(word) for word in words[:size]))
                    ) and is_place(name):
                found.append((name, start))
                break
    return found


_LIVES_IN = LazyPattern(r"(?i)(?<![\w'])(?:i'm|im|i am|we're|we are|live|living|lives|based)\s(?:up\s|down\s|out\s|over\s)?in\s$")


def _part_beside_city(text: str, city: str) -> str | None:
    """In a short reply naming a city and one more place, that place ("Chorlton, Manchester", "Leeds -
    Headingley area", "Уфа Черниковка", "Салтыковка (Балашиха)"), to be written "City, District"."""
    core = _reply_core(text)
    parts = [part.strip() for part in core.split(",")] if core.count(",") == 1 else [part for part in _SEPARATORS.split(core) if part]
    if len(parts) == 1:  # no separator: "Уфа Черниковка"; with one, the parts are what it divides ("Leeds - Chapel Allerton")
        if _PLACES.get(tuple(_key(word) for word in core.split())) == city:
            return None  # the city's own name, whose first word may name it alone ("Нижний Новгород")
        parts = [part for part in _PARTS.split(core) if part]
    if len(parts) != 2 or "," in city:  # with a comma, the parts are what it divides: "Hyde Park, Leeds"
        return None
    others = [part for part in parts if _PLACES.get(tuple(_key(word) for word in part.split())) != city]
    return others[0] if len(others) == 1 and _district_like(others[0]) else None


def _city_and_district(text: str, place: str, start: int) -> str | None:
    """The place named at `start` with the one named right after it, as "City, District": a city the
    gazetteer knows and a district after it ("в Минске, Уручье"), or a district and its city after it
    ("a flat in Headingley, Leeds")."""
    after = _NEXT_AFTER_COMMA.match(text, start) if "," in text[start:start + 60] else None
    if not after or "," in place:
        return None
    following = after.group("next")
    if following in _NOT_PLACES or find_timeline(text[after.start("next") - 7:after.end("next")]):
        return None  # "a flat in London, around Christmas", "ideally June": when, not where
    if after.group("on") and not following.isascii():  # "Москва, где-нибудь в Бутове": in the nominative, or none
        nominative = district_nominative(following, after_on=after.group("on") == "на ") if " " not in following else None
        if nominative is None:
            return None
        following = nominative
    city = _PLACES.get(tuple(_key(word) for word in following.split()))
    if city and place not in _CITIES and city != place:
        return f"{city}, {place}"
    if place in _CITIES and not city and _district_like(following):
        return f"{place}, {following}"
    if not city and place.isascii() and following.isascii() and (place_size(following) or 0) >= _WORD_TOWN_SIZE > (
            place_size(place) or 0) and _district_like(place):
        return f"{following}, {place}"  # "a startup in Indiranagar, Bengaluru": a city the gazetteer lacks, by its size
    return None


# A part of a city said with its city and a preposition: "на Уралмаше в Екатеринбурге", "в Уфе в
# Черниковке", "Clifton in Bristol", "the Jericho neighbourhood of Oxford".
_PART_WORD = r"(?:\s(?:area|neighbou?rhood|district|part|end|side))?"
_PART_BEFORE_CITY = LazyPattern(
    r"(?:(?<!\w)(?P<on>на|в|во)\s(?P<part>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?)(?:\s(?:в|во)|,)"
    rf"|(?:^|,\s)(?P<latin>{_LATIN_TOWN}){_PART_WORD}\s(?:of|in)"
    rf"|(?<![A-Za-z])(?:in|around|near|at|to)\s(?:the\s)?(?P<inside>{_LATIN_TOWN}){_PART_WORD}(?:\s(?:of|in)|,))\s$")
_PART_AFTER_CITY = LazyPattern(r"[\w-]+,?\s(?P<on>на|в|во)\s(?P<part>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?)(?![\w-])")
_CITY_AFTER_PART = LazyPattern(rf"{_LATIN_TOWN}{_PART_WORD}\s(?:of|in)\s(?P<city>{_LATIN_TOWN})")


def _district_in_city(text: str, place: str, start: int) -> str | None:
    """The place named at `start` with the part of its city said beside it, as "City, District": a
    district before or after a city the gazetteer knows ("на Уралмаше в Екатеринбурге", "в Уфе в
    Черниковке", "Kreuzberg in Berlin"), or a district read first with its city after it ("a flat in
    Clifton in Bristol")."""
    if "," in place:
        return None
    if place not in _CITIES:
        after = _CITY_AFTER_PART.match(text, start) if text[start].isascii() else None
        city = _PLACES.get(tuple(_key(word) for word in after.group("city").split())) if after else None
        return f"{city}, {place}" if city and city != place else None
    before = _PART_BEFORE_CITY.search(text, max(0, start - 48), start)
    after = None if before else _PART_AFTER_CITY.match(text, start) if not text[start].isascii() else None
    found = before or after
    if not found:
        return None
    latin = found.groupdict().get("latin") or found.groupdict().get("inside")
    if latin:  # "Clifton in Bristol", "in Mueller, Austin"
        part = latin
        return f"{place}, {part}" if part not in _CITIES and part.lower() not in _NATIONS and not is_country(part) and (
            is_place(part) or not (is_english_word(part) or first_name(part))) else None  # not "to Spain, Malaga"
    word = found.group("part")
    if word.lower().startswith(_NOT_TOWNS) or (_ADJECTIVE_ENDING.search(word.lower()) and not is_noun(word)):
        return None  # "в Москве на Авито", "в Москве на Тверской": a firm, a street; but "на Гидрострое", a district
    part = district_nominative(word, after_on=found.group("on") == "на")
    return f"{place}, {part}" if part and part not in _CITIES and not is_country(part) else None  # not "на Кипр в Лимассол"


def _city_with_part(first: str, second: str) -> str | None:
    """Two places of a reply as "City, District" when one is a city of 100,000 people or more and the
    other a smaller part of it ("Plagwitz, Leipzig", "Leipzig, Plagwitz"); not two cities ("Leeds, Bradford")."""
    for city, part in ((second, first), (first, second)):
        if (place_size(city) or 0) >= _WORD_TOWN_SIZE and (place_size(part) or 0) < _WORD_TOWN_SIZE and _district_like(part):
            return f"{city}, {part}"
    return None


_ABBREVIATED_DISTRICT = LazyPattern(r"[А-ЯЁ]{2,5}")
# Initials beside a city that are no district: a firm's legal form, a business or shopping centre, a
# housing complex, the country, the city's own, a tax.
_NOT_DISTRICTS = frozenset({"ооо", "ип", "оао", "зао", "пао", "ао", "нко", "тц", "трц", "бц", "жк", "снт", "днт", "рф", "спб",
                            "мск", "екб", "ндс", "смс", "мфц", "гибдд", "гаи"})


def _district_like(name: str) -> bool:
    """`name`, beside a city, reads as one of its districts: written as places are, and no country, no
    person and no ordinary word ("Уручье", "Chorlton"; not "Россия", "Анна", "Спасибо", "Central")."""
    if _ABBREVIATED_DISTRICT.fullmatch(name):
        return name.lower() not in _NOT_DISTRICTS  # "ЖБИ", "ФМР", "ЮЗАО": a district by its initials, not a firm's form
    if not name[:1].isupper() or name.isupper() or is_country(name) or name.lower() in _NATIONS:
        return False
    if name.isascii():  # "Chorlton"; "Plagwitz", which GeoNames does not list, but no word or person is called so
        return (is_place(name) or (not first_name(name) and all(word[:1].isupper() for word in name.split()))) and not is_english_word(name)
    if " " in name and any((_key(word),) in _PLACES for word in name.split()):
        return False  # "Переезд Гомель": a town of its own in it, no district's name ("Марьина Роща")
    if " " in name and _HEAD_PREPOSITION.match(name.rpartition(" ")[2] + " "):
        return False  # "Мама в" of "Мама в Твери": who is in the city, before the preposition, no part of it
    return bool(place_nominative(name, likeliest=True)) or not (is_common_word(name) or first_name(name)) or bool(
        adjective_name(name))  # "Академический": a district named by an adjective of relation


def _is_region(name: str, *, beside: Sequence[str] = ()) -> bool:
    """`name` is a region, a county or a state, not a town: "Подмосковье", "Kent", "Cornwall" (by its ISO 3166-2 name;
    not "Leeds", "Warrington" nor "Reading", boroughs ISO names after towns GeoNames lists in the same country or large;
    nor a town of the country of the places named `beside` it, whose region of that name is another country's:
    "Aurora" beside Chicago, not the Philippine province)."""
    if name == "Подмосковье":
        return True
    if name in _CITIES or not name[:1].isupper() or not is_subdivision(name):
        return False
    country = place_country(name)  # None: towns of that name in several countries, a county's only if none is large
    if country and country not in subdivision_countries(name) and any(place_country(other) == country for other in beside):
        return False
    return country not in subdivision_countries(name) if country else (place_size(name) or 0) < _WORD_TOWN_SIZE


def _natural_feature(name: str) -> bool:
    """`name`, in Cyrillic, is a lake, a range or a land the dictionary knows as a place and GeoNames lists as no town
    ("Байкал", "Джунгарский Алатау", "Селигер", "Карелия"): the smaller place beside it is the one ("на Байкале ... в
    Листвянке")."""
    return not name.isascii() and not is_place(name) and place_nominative(name.split()[-1], listed=False) is not None


def _town_after_country(text: str, country_start: int) -> tuple[str, int] | None:
    """The town named right after its country, without a preposition: "в Турцию, Кемер или Белек"."""
    after = _AFTER_COUNTRY.match(text, country_start) if "," in text[country_start:country_start + 40] else None
    if not after:
        return None
    name = after.group("name")
    town = place_nominative(name, after_preposition=True) if not name.isascii() else name if is_place(name) else None
    if town is None and not name.isascii() and (_unknown_name(name) or (
            "-" in name and unknown_word(name) and not first_name(name.partition("-")[0]))):  # not "Анна-Мария"
        town = name  # "в Египет, Марса-Алам": a resort no list holds in Cyrillic, nor any dictionary as a word or a name
    return (town, after.start("name")) if town else None


def _cities(text: str, *, bare: bool) -> list[tuple[str, int]]:
    """Every gazetteer place in the text, with where it starts."""
    found: list[tuple[str, int]] = []
    tokens = list(_TOKEN.finditer(text))
    skip_until = -1
    for index, match in enumerate(tokens):
        if index < skip_until:
            continue
        first = match.group().rstrip(".").lower().replace("ё", "е")
        if first not in _FIRST_WORDS and match.group().lower() not in _FIRST_WORDS:
            continue
        for size in (3, 2, 1):
            window = tokens[index:index + size]
            key = tuple(_key(token.group()) for token in window)
            if len(key) < size or key not in _PLACES:
                continue
            token = match.group()
            previous = tokens[index - 1].group().rstrip(".").lower() if index else ""
            after_preposition = previous in _PLACE_PREPOSITION
            if key[0].isascii():
                if not token[0].isupper() and not bare:
                    continue  # "reading", "nice", "bath": English places are written with a capital
                if size == 1 and _SIGNED.search(text, 0, match.start()) and first_name(token):
                    continue  # "Thanks, Sydney", "I'll have a think. Cheers, Sydney": a person signing
            elif key in _NOMINATIVES and size == 1 and (key[0] in _AMBIGUOUS or len(key[0]) <= 3) and not (after_preposition or bare):
                continue  # "Владимир" the person, "уфа" the exclamation; but "Нижний Тагил" whole
            elif not token[0].isupper() and len(key[0]) <= 4 and not (after_preposition or bare):
                continue
            if previous == "на" and window[-1].group().endswith(_STREET_GENITIVE):
                continue  # "мы на Жуковского": a street called after a man, not the town Жуковский
            if size == 1 and not key[0].isascii() and _ADJECTIVE_ENDING.search(key[0]) and _NOUN_AFTER_ADJECTIVE.match(text, match.end()):
                continue  # "в Дзержинском районе Перми": a district's adjective, not the town Дзержинск
            state = _STATE.match(text, window[-1].end()) if key[0].isascii() else None
            found.append((_PLACES[key] + (f", {state.group(1)}" if state else ""), match.start()))
            skip_until = index + size
            break
    return found


def _key(token: str) -> str:
    lowered = token.lower().replace("ё", "е")
    return lowered if lowered.startswith("st.") else lowered.rstrip(".")


def _bare_place(text: str) -> str | None:
    """A reply to "where?" that reads as a place: "Подольск", "в Подольске", "у метро Сокол", "seattle, wa",
    "Headingley ideally". Not a reply that says something else: "Понятно, подумаю", "Ok cool", "к лету"."""
    if len(text) > 80:
        return None
    bare = _without_country(_reply_core(text.strip(" ,")))
    head, comma, tail = bare.partition(",")
    if _DETAIL_FIRST.match(bare):
        return _bare_place(tail) if comma else None  # "улица Гагарина 12, за заправкой": a detail of the place, no place
    if comma and head.strip() and (_LANDMARK.match(tail) or _STREET_AFTER.match(tail)):
        bare = head.strip()  # "Armley, just off Town Street", "Кунцево, рядом с парком": the street or landmark is dropped
    street = _STREET_INSIDE.search(bare)
    if street and street.start() > 0:
        bare = bare[:street.start()].strip(" ,")  # "арамиль улица садовая дом двенадцать"
    if bare.islower() and not bare.isascii():  # "чиланзар", "в ермолине", typed in a hurry, are read as they would be written
        preposition = _HEAD_PREPOSITION.match(bare)
        after = WORD.match(bare, preposition.end()) if preposition else None
        at = preposition.end() if preposition and after and not is_common_word(after.group()) else 0  # not "В центре"
        bare = bare[:at] + bare[at].upper() + bare[at + 1:]
    if not bare or "?" in bare or _REFUSALS.match(bare) or len(bare) > 40 or len(bare.split()) > 4:
        return None
    if (re.search(r"\d{3}", bare) or not WORD.search(bare) or _WISH.search(bare) or _NOT_A_PLACE_REPLY.search(bare)
            or _DESCRIBED_AREA.search(bare)):
        return None
    if find_timeline(bare):
        return None
    if comma and "," in bare and tail.strip()[:1].islower() and not bare.islower() and (town := _bare_place(head)):
        return town  # "Малиновка, мы на Жуковского": the place, not the clause said after it
    words = WORD.findall(bare)
    if not bare.isascii():
        if len(bare) > 2 and _district_like(bare) and _ABBREVIATED_DISTRICT.fullmatch(bare):
            return bare  # "ЖБИ", "ВИЗ": a district by its initials
        if _surname_only(bare):
            return None  # "Иванов", "Смирнова": the name the customer expected to be asked for, not a place
        unknown = _UNKNOWN_DISTRICT.fullmatch(bare)  # "Черниковка", "в Черниковке": a district no list holds
        if unknown and (district := district_nominative(unknown.group("word"), after_on=unknown.group("on") == "на")):
            return district
        if unknown and not unknown.group("on") and _TOPONYM_SHAPE.search(word := unknown.group("word")) and _unknown_name(word):
            return word  # "Кардаилово", "Озерновский": a village no list or dictionary holds, named alone as villages are
        if unknown and (town := _romanised_town(unknown.group("word"))):
            return town  # "Чиланзар", "в Сергелях": a town or district GeoNames spells only in Latin letters
        if unknown and not unknown.group("on") and not _ANY_DISTRICT.match(word := unknown.group("word")) and (
                named := adjective_name(word)):
            return named  # "Фестивальный", "Заречное": a district or a settlement named by an adjective alone
        if not (_PLACE_KIND.search(bare) or any(place_nominative(word) for word in words if word[:1].isupper() or len(words) <= 2)):
            return None
        last = words[-1]
        for adjective, noun in pairwise(words):
            if adjective[:1].isupper() and noun[:1].isupper():
                phrase = place_phrase_nominative(adjective, noun)  # "в Старой Купавне" -> "Старая Купавна"
                if phrase:
                    return phrase
        if len(bare.split()) <= 2 and last[:1].isupper():
            town = place_nominative(last)  # "в Зарайске" -> "Зарайск"
            if town:
                return town
        return str(bare[0].upper() + bare[1:])
    bare = _LOCATIVE_PREPOSITION.sub("", bare)  # a Russian reply keeps its preposition: "в центре"
    if bare.islower():
        if not (_PLACE_KIND.search(bare) or any(is_place(part) and (_town_of_words(part.strip()) or not all(
                is_english_word(word) for word in part.split())) for part in bare.split(","))):
            return None  # "somewhere with good schools", "at home": no place in it, whatever its words
        return ", ".join(part.strip().upper() if len(part.strip()) == 2 else part.strip().title() for part in bare.split(","))
    # A word written as a place is: capitalised, and no ordinary word, or a place alone or of some size
    # ("Headingley", "Hackney", "Reading"; not "Either", "Well" or "Same" opening a sentence, though a
    # village is called Same).
    if not _PLACE_KIND.search(bare) and not any(
            word[:1].isupper() and word not in _NOT_PLACES and (not is_english_word(word) or (
                (size := place_size(word)) is not None and (size >= _WORD_TOWN_SIZE or len(words) == 1 or index > 0)))
            for index, word in enumerate(words)):
        return None
    return bare[0].upper() + bare[1:]
