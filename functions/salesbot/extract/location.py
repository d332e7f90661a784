"""Where the customer wants the thing: a city (in the nominative, whatever case it was written in),
and a district when they name one."""

from __future__ import annotations

import re

# Stems of place names people write in inflected forms, with the name to record.
_CITIES = {
    "москв": "Москва", "moscow": "Moscow", "санкт-петербург": "Санкт-Петербург", "петербург": "Санкт-Петербург",
    "питер": "Санкт-Петербург", "спб": "Санкт-Петербург", "st. petersburg": "Saint Petersburg",
    "saint petersburg": "Saint Petersburg", "казан": "Казань", "kazan": "Kazan", "новосибирск": "Новосибирск",
    "екатеринбург": "Екатеринбург", "екб": "Екатеринбург", "нижн новгород": "Нижний Новгород",
    "нижнем новгород": "Нижний Новгород", "нижний новгород": "Нижний Новгород", "самар": "Самара",
    "омск": "Омск", "ростов": "Ростов-на-Дону", "уф": "Уфа", "красноярск": "Красноярск", "перм": "Пермь",
    "воронеж": "Воронеж", "волгоград": "Волгоград", "краснодар": "Краснодар", "сочи": "Сочи", "тюмен": "Тюмень",
    "калининград": "Калининград", "минск": "Минск", "алмат": "Алматы", "астан": "Астана", "киев": "Киев",
    "тбилиси": "Тбилиси", "ереван": "Ереван", "дубай": "Дубай", "dubai": "Dubai", "london": "London",
    "лондон": "Лондон", "berlin": "Berlin", "берлин": "Берлин", "paris": "Paris", "париж": "Париж",
    "new york": "New York", "нью-йорк": "Нью-Йорк", "manchester": "Manchester", "munich": "Munich",
    "madrid": "Madrid", "barcelona": "Barcelona", "lisbon": "Lisbon", "amsterdam": "Amsterdam",
    "vienna": "Vienna", "prague": "Prague", "warsaw": "Warsaw", "istanbul": "Istanbul", "стамбул": "Стамбул",
    "анталь": "Анталья", "antalya": "Antalya", "ярославл": "Ярославль", "тул": "Тула", "твер": "Тверь",
    "иркутск": "Иркутск", "владивосток": "Владивосток", "хабаровск": "Хабаровск", "челябинск": "Челябинск",
    "подмосков": "Подмосковье", "мытищ": "Мытищи", "химк": "Химки", "балаших": "Балашиха", "сан-франциско": "Сан-Франциско",
    "san francisco": "San Francisco", "los angeles": "Los Angeles", "chicago": "Chicago", "boston": "Boston",
    "toronto": "Toronto", "sydney": "Sydney", "edinburgh": "Edinburgh", "birmingham": "Birmingham",
}
_CITY_ALTERNATIVES = "|".join(sorted((re.escape(stem) for stem in _CITIES), key=len, reverse=True))
# A stem must begin a word; what follows is its inflection ("Казани", "Москве", "Сочи").
_CITY = re.compile(rf"(?<![\w-])(?P<stem>{_CITY_ALTERNATIVES})(?P<ending>[а-яё]{{0,3}})(?![\w-])", re.IGNORECASE)
_SHORT_STEMS = {"уф", "тул", "перм", "твер", "казан", "москв", "самар", "алмат", "астан", "химк", "мытищ"}
_CITY_WORD = re.compile(
    r"(?:\bг\.\s?|\bгород[еау]?\s|\bcity of\s)(?P<name>[A-ZА-ЯЁ][\w-]+(?:\s[A-ZА-ЯЁ][\w-]+)?)"
)
_DISTRICT = re.compile(
    r"(?:\bрайон[еау]?|\bр-н[еа]?|\bмкр\.?|\bмикрорайон[еау]?|\bметро|\bм\.)\s(?P<name>[A-ZА-ЯЁ][\w-]+(?:\s[A-ZА-ЯЁ][\w-]+)?)"
    r"|(?P<name2>[A-ZА-ЯЁ][\w-]+(?:ый|ий|ой|ский|цкий))\sрайон",
)
_ENGLISH_PLACE = re.compile(
    r"\b(?:in|near|around|based in|located in|live in|living in|moving to|relocating to|area of)\s"
    r"(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
)
_NOT_PLACES = {
    "Telegram", "WhatsApp", "Instagram", "Viber", "English", "Russian", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Spring", "Summer", "Autumn", "Fall", "Winter",
    "Cash", "Euros", "Dollars", "The", "My", "Our", "Your", "It", "Total", "Advance",
}


def find_location(text: str, *, asked: bool = False) -> str | None:
    city = _find_city(text)
    district = _DISTRICT.search(text)
    district_name = (district.group("name") or district.group("name2")) if district else None
    if city and district_name:
        return f"{city}, {district_name}"
    if city or district_name:
        return city or district_name
    place = _ENGLISH_PLACE.search(text)
    if place and place.group("name").split()[0] not in _NOT_PLACES:
        return place.group("name")
    if asked:
        bare = text.strip().strip(".!?,")
        if 0 < len(bare) <= 40 and len(bare.split()) <= 4 and not re.search(r"\d{3}", bare):
            return bare[0].upper() + bare[1:]
    return None


def _find_city(text: str) -> str | None:
    for match in _CITY.finditer(text):
        stem = match.group("stem").lower()
        if stem in _SHORT_STEMS and not match.group(0)[0].isupper():
            continue  # "уфа" in lower case is more likely another word than the city
        if stem.isascii() and match.group("ending"):
            continue
        return _CITIES[stem]
    named = _CITY_WORD.search(text)
    return named.group("name") if named else None
