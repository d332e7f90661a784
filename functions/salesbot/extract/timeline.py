"""When the customer wants it, as the short phrase they used ("до конца месяца", "within 2 weeks")."""

from __future__ import annotations

import re

_MONTHS_RU = r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяею]\w*|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*"
_SEASONS_RU = r"лет[оау]|осен[ьи]|зим[уыае]|весн[уыае]|нов(?:ому|ый) год\w*|праздник\w*"
_MONTHS_EN = r"january|february|march|april|may|june|july|august|september|october|november|december"
_UNITS_RU = r"дн(?:я|ей)|день|недел[июяь]|месяц(?:а|ев)?|год(?:а|у)?|лет"
_UNITS_EN = r"days?|weeks?|months?|years?"
_NUMBER_WORDS_RU = r"\d+|одн\w*|дв[ае]|тр[её]х|три|четыр\w*|пят\w*|шест\w*|пар[уы]|нескольк\w*"
_NUMBER_WORDS_EN = r"\d+|a|one|two|three|four|five|six|a couple of|a few|several"

_TIMELINE = re.compile(
    r"(?<!\w)(?:" + "|".join((
        r"как можно (?:скорее|быстрее)|срочно|в ближайшее время|прямо сейчас|на этой неделе|на следующей неделе",
        rf"(?:в течение|в течении|за|через|в ближайшие)\s(?:(?:{_NUMBER_WORDS_RU})\s)?(?:{_UNITS_RU})",
        rf"до конца (?:{_UNITS_RU}|{_SEASONS_RU}|{_MONTHS_RU}|квартала)",
        rf"(?:к|до)\s(?:{_SEASONS_RU}|концу (?:{_UNITS_RU}|квартала|{_MONTHS_RU})|(?:\d{{1,2}}\s)?(?:{_MONTHS_RU}))",
        rf"в (?:этом|следующем|текущем|ближайшем) (?:месяце|году|квартале|сезоне)",
        rf"(?:в|с|на) (?:{_MONTHS_RU})(?:\s\d{{4}})?|(?:этим|следующим) (?:летом|осенью|зимой|весной)"
        rf"|(?:летом|осенью|зимой|весной)",
        r"не сроч\w*|не спешим|без спешки|пока присматриваемся|пока просто смотрим",
        r"asap|as soon as possible|urgent(?:ly)?|right away|immediately|this week|next week",
        rf"(?:within|in|in the next)\s(?:{_NUMBER_WORDS_EN})\s(?:{_UNITS_EN})",
        rf"(?:by|before|until)\s(?:the end of\s)?(?:(?:this|next)\s)?(?:{_MONTHS_EN}|spring|summer|autumn|fall|winter|christmas|(?:the\s)?(?:month|year|quarter))",
        rf"(?:next|this)\s(?:month|year|quarter|spring|summer|autumn|fall|winter)|in (?:{_MONTHS_EN})",
        r"no rush|not urgent|just browsing|just looking",
    )) + r")(?!\w)",
    re.IGNORECASE,
)


def find_timeline(text: str, *, asked: bool = False) -> str | None:
    match = _TIMELINE.search(text)
    if match:
        return match.group(0).lower()
    if asked:
        bare = text.strip().strip(".!?,")
        if 0 < len(bare) <= 60 and len(bare.split()) <= 6:
            return bare.lower()
    return None
