"""When the customer wants it, as the short phrase they used ("до конца месяца", "within 2 weeks").

The phrase is kept in the customer's words (a manager reads it; turning "к лету" into a date would
invent precision the customer did not give), trimmed and lower-cased at its start.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from itertools import islice

from salesbot.extract.currency import money_ends_at
from salesbot.extract.morphology import is_past_verb
from salesbot.extract.patterns import GuardedPattern, LazyPattern

MONTHS_RU = r"январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|август[аеу]?|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею]"
_SEASONS_RU = r"лет[оау]|осен[ьи]|зим[уыае]|весн[уыае]|холодов|морозов|тепла|нового года|нов(?:ому|ого) году|нов(?:ому|ого|ый|ым) год[уа]?|праздник(?:ам|ов|ами)?|каникул(?:ам|ы)?"
_MONTHS_NOMINATIVE_RU = r"январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь"
MONTHS_EN = r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
_UNITS_RU = (r"дн(?:я|ей|ям)|день|сутки|суток|недел[июяье]|недель|месяц(?:а|ев|у)?|мес\.?|полгода|полугода|год(?:а|у)?|лет|квартал(?:а)?"
             r"|недельк[уи]|неделек|месяц[ао]к|месячишк[оау]|денек|денёк|деньк[аов]+")  # and said fondly: "через недельку"
_UNITS_EN = r"hours?|hrs|days?|weeks?|fortnights?|months?|years?|wks?|mths?|quarters?"
_NUMBER_WORDS_RU = r"\d+(?:-?х)?|одн(?:ого|ой|у|а)|дв(?:а|е|ух)|тр(?:и|[её]х)|четыр(?:е|[её]х)|пят(?:ь|и)|шест(?:ь|и)|пар[уы]|нескольк(?:о|их)"
_NUMBER_WORDS_EN = r"\d+|a|an|one|two|three|four|five|six|a couple of|couple of|a couple|a few|few|several"
_PART_RU = r"(?:начал[ео]|середин[еуы]|конц[еау]|конец)"
_THIS_OR_NEXT_RU = r"(?:этого|этой|следующего|следующей|текущего|текущей|будущей|будущего) "
# Words of a guess before a span: "через примерно месяц", "in about 6 weeks".
_ABOUT_RU = r"примерно|где-то|около|приблизительно|максимум|минимум"
_ABOUT_EN = r"about|around|roughly|approximately|approx\.?|maybe|another|a further|under|less than|no more than"
_WEEKDAYS_RU = r"понедельник|вторник|сред[уа]|четверг|пятниц[уа]|суббот[уа]|воскресенье"
_WEEKDAYS_GEN_RU = (r"понедельника|вторника|среды|четверга|пятницы|субботы|воскресенья|выходных"
                    r"|понедельнику|вторнику|среде|четвергу|пятнице|субботе|воскресенью")  # and the dative: "к пятнице"
# Russian in Latin letters, the cases said after a preposition: "k pyatnice", "v subbotu", "do marta".
_WEEKDAYS_LATIN = (r"ponedel'?nik[au]?|vtornik[au]?|sred[auye]|chetverg[au]?|pyatni(?:ts|c)[auye]|subbot[auye]"
                   r"|voskresen'?(?:ye|ie|e|ya|ja|yu|ju|ia|iu)|vy[kh]?hodn(?:ye|yh|ykh|ie|ih|ikh|ym|im)")
_MONTHS_LATIN = (r"yanvar(?:ya|ja|e|yu|ju)|fevral(?:ya|ja|e|yu|ju)|mart[aeu]|aprel(?:ya|ja|e|yu|ju)|ma(?:ya|ja|e|yu|ju)|iyun(?:ya|ja|e|yu|ju)"
                 r"|iyul(?:ya|ja|e|yu|ju)|avgust[aeu]|sentyabr(?:ya|ja|e|yu|ju)|oktyabr(?:ya|ja|e|yu|ju)|noyabr(?:ya|ja|e|yu|ju)"
                 r"|dekabr(?:ya|ja|e|yu|ju)")
_UNITS_LATIN = (r"nedel(?:yu|ju|i|e|ek|ku|ki)?|nedelk[uie]|mesyat?[cs](?:a|ev)?|mesyat?[cs]|god(?:a|u)?|let|polgoda|den'?|dnya|dnej|dney|sutki")
_EVENT_RU = (r"приезду|рождению|юбилею|дню рождения|новоселью|переезду|заезду|открытию|выписке|возвращению|выпускному|свадьбе"
             r"|годовщине|празднику|торжеству|отпуску|сезону")
_ORDINAL_RU = (r"(?:двадцать |тридцать )?(?:перв|втор|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат"
               r"|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат)(?:ого|ому)|(?:двадцать |тридцать )?треть(?:его|ему)")
_WEEKDAYS_EN = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend"
_WEEKDAYS_SHORT_EN = r"mon|tues?|wed|thu(?:rs?)?|fri|sat|sun"
_HOLIDAYS_EN = (r"holidays|christmas eve|christmas|xmas|good friday|easter (?:sunday|monday|weekend)|easter|new year's eve|new year|new year's|thanksgiving|the new year|half[- ]term|summer break|boxing day"
                r"|bank holiday(?: weekend)?|labou?r day(?: weekend)?|memorial day(?: weekend)?|canada day|australia day"
                r"|independence day|halloween|valentine's day|mother's day|father's day|hanukkah|diwali|eid|ramadan|nowruz|navruz"
                r"|victoria day(?: weekend)?|remembrance day|st\.? patrick's day|anzac day|waitangi day|family day|heritage day"
                r"|bonfire night|guy fawkes night|hogmanay|burns night|presidents'? day|mlk day|martin luther king(?: jr\.?)? day|juneteenth|veterans day|columbus day|spring break"
                # weekends of a holiday, called so without "day" ("over labour weekend", "the King's Birthday weekend"), and
                # the shopping days a shop must be ready by
                r"|labou?r weekend|anzac weekend|(?:king's|queen's) birthday(?: weekend)?|(?:easter |thanksgiving )?long weekend"
                r"|thanksgiving weekend|black friday|cyber monday|school holidays|school hols|school starts|the school year|back to school")
# Saying there is no hurry gives no time ("не горит", "no rush", "I'm flexible", "whenever suits"): the timeline stays
# unknown, and a time said beside it is the customer's ("no rush, before Christmas would be lovely"). "whenever" alone or
# of the customer's convenience; not the conjunction ("the breaker trips whenever the kettle is on").
_UNHURRIED_WORDS = (r"не сроч\w*|не спешим|не спешу|не горит|не к спеху|без спешки|пока не срочно|no rush|not urgent|no hurry|not in a hurry"
                    r"|flexible|whenever(?!\s(?:the|a|an|i|we|he|she|it|they|my|our|his|her|their|this|that|there)\b)")

_TIMELINE = GuardedPattern(
    r"(?<![\w-])(?=[^\W\d_])(?:" + "|".join((
        (r"как можно (?:скорее|быстрее|раньше)|побыстрее|поскорее|срочно|срочная|срочный|в ближайшее время|прямо сейчас"
         r"|на этой неделе|на (?:следующей|след\.?) неделе|на днях|в ближайшие дни|сегодня|завтра|послезавтра|на выходных"
         r"|в эти выходные"),
        (rf"(?:в течение|в течении|за|через|в ближайшие|в пределах)\s(?:(?:{_ABOUT_RU})\s)?(?:(?:{_NUMBER_WORDS_RU})(?:\s?-\s?(?:{_NUMBER_WORDS_RU}))?\s)?"
         rf"(?:{_UNITS_RU})(?:-(?:{_NUMBER_WORDS_RU}|полтора|другой|другую)|\s(?:две|два|три|другой|другую)(?!\s(?:раза?|час\w*|дн\w*)))?"),  # "через примерно месяц", "в течение недели-двух"
        rf"(?:{_UNITS_RU})-(?:{_NUMBER_WORDS_RU}|полтора)",
        # A part of a month said alone: "конец сентября – начало октября", "середина мая".
        rf"(?:начало|середина|конец) (?:{MONTHS_RU})(?:\s?-\s?(?:начало|середина|конец) (?:{MONTHS_RU}))?",
        rf"(?:{_UNITS_RU})\s(?:через|за)\s(?:{_NUMBER_WORDS_RU}|полтора)",  # "недели через две", "месяца через 2"
        (rf"(?:до|к) (?:{_PART_RU}|концу|началу|середине) (?:{_THIS_OR_NEXT_RU})?"
         r"(?:(?:учебного|школьного|отопительного|дачного|купального|садового|летнего|зимнего|нового)\s)?"  # "к началу учебного года"
         rf"(?:{_UNITS_RU}|{_SEASONS_RU}|{MONTHS_RU}|квартала|сезона)"),
        rf"(?:к|до)\s(?:{_SEASONS_RU}|(?:\d{{1,2}}(?:-?го)?\s)?(?:{MONTHS_RU})(?:\s\d{{4}})?|\d{{1,2}}(?:-?го)? числа|\d{{1,2}}\.\d{{2}}(?:\.\d{{2,4}})?)",
        r"в (?:этом|следующем|след\.?|текущем|ближайшем|будущем) (?:месяце|году|квартале|сезоне)",
        # A fiscal quarter by its number: "во втором квартале", "к концу третьего квартала", "с 1 квартала", "в Q3".
        (r"(?:в|во|с|со|к|до|на|после)\s(?:(?:начал[уаое]|конц[уаое]|середин[уеы])\s)?(?:перв|втор|трет|четв[её]рт|[1-4]-?(?=[ого]))"
         r"(?:ом|ого|ий|ый|ой|ему|ьем|ьего|ем|м|го|й)?\s?квартал[аеу]?|в\sq[1-4]"),
        rf"в (?:первых|последних) числах (?:{MONTHS_RU}|месяца|следующего месяца)",
        # The tens of a month: "в 20-х числах мая", "до двадцатых чисел".
        rf"(?:в|до|к|после)\s(?:[123]0-?х|(?:десят|двадцат|тридцат)ых)\s(?:числах|числам|чисел)(?:\s(?:{MONTHS_RU}|месяца))?",
        rf"(?:в|с|на|после) (?:(?:весь|целый|конец|начало|середину) )?(?:{MONTHS_RU})(?:\s?[-–]\s?(?:{MONTHS_RU}))?(?:\s\d{{4}})?",
        # ... or a half of one: "в первой половине декабря", "во второй половине следующего месяца".
        (rf"(?:в {_PART_RU}|(?:в|во) (?:первой|второй) половине) (?:{MONTHS_RU}|года|месяца|недели|лета|осени|зимы|весны"
         rf"|{_THIS_OR_NEXT_RU}(?:года|месяца|недели))"),
        # From a part of a month: "с середины января", "с начала декабря", "с конца следующего месяца".
        rf"(?:с|со|начиная с) (?:начала|середины|конца) (?:{MONTHS_RU}|года|месяца|лета|осени|зимы|весны|следующего (?:года|месяца))",
        r"(?:этим|следующим|будущим) (?:летом|осенью|зимой|весной)|(?:летом|осенью|зимой|весной)|по (?:весне|осени|теплу)",
        rf"после (?:{_SEASONS_RU}|нового года|(?:[а-яё]+(?:их|ых) )?(?:праздников|каникул)|отпуска)",
        r"в следующем году|в этом году|через год|через полгода",
        (r"asap|a\.s\.a\.p\.?|as (?:soon|early) as possible|(?:at )?your earliest convenience|urgent(?:ly)?|right away|right now|immediately|this week|next week"
         r"|this weekend|next weekend|today|tonight|tomorrow|the day after tomorrow|in the coming (?:days|weeks|months)"
         r"|in the near future|soon|(?:^|(?<=^like )|(?<=^well )|(?<=^well, )|(?<=^um )|(?<=^honestly ))(?:right )?now(?=\s*(?:please|pls|[,!.]|$))"),  # "now please, I'm locked out", "like now, kids are home"
        rf"(?:within|in|in the next|over the next|during the next)\s(?:(?:{_ABOUT_EN})\s)?(?:{_NUMBER_WORDS_EN})\s(?:{_UNITS_EN})",
        r"(?:within|in)\s(?:a|the)\s(?:week|month|year|fortnight)",
        (rf"(?:by|before|until|till|no later than|not before|not until|not till|no earlier than|not earlier than|no sooner than)\s(?:the\s)?(?:(?:end|middle|start|beginning) of\s)?(?:the\s)?(?:(?:this|next)\s)?"
         rf"(?:(?:{MONTHS_EN})(?:\s\d{{1,2}}(?:st|nd|rd|th)?)?|spring|summer|autumn|fall|winter|christmas|new year|easter"
         rf"|month|year[- ]end|year|quarter|week|q[1-4]|\d{{4}}|(?:school|academic|financial|fiscal|tax) year|term|semester)"),
        (r"(?:(?:early|mid)[\s-]to[\s-](?:mid|late)|early|mid|late|end of|start of|beginning of|(?:the\s)?(?:first|second|latter)\shalf\sof)[\s-](?:the\s)?(?:next\s|this\s)?"
         rf"(?:{MONTHS_EN}|month|week|year|spring|summer|autumn|fall|winter)"),
        rf"(?:next|this)\s(?:month|year|quarter|spring|summer|autumn|fall|winter)|in\s(?:{MONTHS_EN})(?!\w)|in\sq[1-4]",
        r"(?:starting(?: in| from)?|from|beginning|start of|early|mid|late)[\s-]q[1-4]",  # "starting Q2", "early Q3"
        rf"(?:next|this coming)\s(?:{MONTHS_EN})(?!\w)",  # "next February"; not "this may take"
        r"(?:the )?sooner the better|чем (?:быстрее|скорее|раньше),? тем лучше",
        _UNHURRIED_WORDS,  # read whole, so that "не срочно" is no "срочно", then set aside
    )) + r")(?:-ish)?(?![\w-])",  # "april 10th-ish"
    re.IGNORECASE,
    # A word of each branch above. The months and the units that are a word's start only ("дн", "май",
    # "mar", "may") are matched there: each follows a space or starts the phrase in every branch.
    needs=(r"\d|можно|быстре|скоре|сроч|ближайш|сейчас|недел|\bдн|день|сут|мес|год|лет|квартал|сезон|начал|середин|конц|числ|чисел|possible|convenience|hour"
           r"|конец|осен|зим|весн|холодов|морозов|тепл|праздник|каникул|отпуск|спеш|спех|горит|сегодня|завтра|выходн|январ"
           r"|феврал|март|апрел|\bма[йяею]|июн|июл|август|сентябр|октябр|ноябр|декабр|asap|a\.s\.a\.p|soon|urgent|right"
           r"|immediate|\bnow\b|week|\bwk|\bmth|today|tonight|tomorrow|coming|future|day|month|year|quarter|fortnight|spring|summer|autumn"
           r"|fall|winter|christmas|easter|q[1-4]|term|semester|rush|hurry|whenever|flexible|раньше|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"),
)
# Rarer phrases (days of the week, holidays, "closer to", "not before", "a month or two", Russian in
# Latin letters) in a pattern compiled on first use, and tried only when a word of theirs is there:
# most messages name no time at all, and compiling it would cost every cold start.
_MORE_PATTERN = r"(?<![\w-])(?=[^\W\d_])(?:" + "|".join((
        # A span (first: it begins as a day does) of days of the week: "с пятницы по воскресенье", "from Friday to Sunday".
        rf"(?:с|со)\s(?:{_WEEKDAYS_GEN_RU})\sпо\s(?:{_WEEKDAYS_RU})|(?:from\s)?(?:{_WEEKDAYS_EN}|{_HOLIDAYS_EN})\s(?:to|till|until|through|thru|-)\s(?:{_WEEKDAYS_EN}|{_HOLIDAYS_EN})",
        # Days shortened, two of them: "sat or sun", "Mon-Fri" ("sat" or "wed" alone is a verb).
        rf"(?:{_WEEKDAYS_EN}|{_WEEKDAYS_SHORT_EN})\.?\s?(?:or|/|-|–|to|and|&)\s?(?:{_WEEKDAYS_EN}|{_WEEKDAYS_SHORT_EN})\.?(?=\W|$)",
        # Days of the week, holidays, "closer to", "not before", "a month or two", in both languages.
        (rf"(?:в|во|на|к|до|после|с|со|не позже|не позднее|не раньше)\s(?:эт(?:у|от|и)\s|следующ\w+\s|ближайш\w+\s)?"
         rf"(?:{_WEEKDAYS_RU}|{_WEEKDAYS_GEN_RU}|выходные|выходным)"),
        (rf"(?:ближе к|не раньше|не позже|не позднее|с|после)\s(?:{_SEASONS_RU}|(?:{MONTHS_RU})|концу\s(?:года|месяца|лета|осени|зимы|весны)"
         rf"|\d{{1,2}}(?:-?го)?\s(?:{MONTHS_RU})|первого\s(?:{MONTHS_RU}))"),
        (r"(?:на|к|до|после) (?:пасх[уиеа]|рождеств[оау]|маслениц[уыеа]|8 марта|23 февраля|9 мая|рамадан[ауе]?|ураза-байрам[ауе]?"
         r"|курбан-байрам[ауе]?|наурыз[ауе]?|навруз[ауе]?|троиц[уыеа]|радониц[уыеа]|родительск(?:ой|ую) суббот[еуы]|покров[ау]"
         r"|крещени[юяе]|(?:дню|дня) (?:победы|города))|(?:в|на|до|после|к) (?:майски[ем]|новогодни[ем]|майских|новогодних)"
         r"|на (?:майские|новогодние|праздники|каникулы|выходные|новый год|(?:этих|следующих|ближайших) выходных)|к (?:свадьбе|отпуску|учебному году|сезону|1 сентября)"
         r"|до (?:отпуска|свадьбы|конца недели|выходных)|хоть завтра|хоть сегодня|сегодня-завтра|в ближайший месяц|в ближайшую неделю"),
        (rf"(?:(?:this|next|on|by|before|after|until|till|over the|this coming|coming|first thing|from|starting)\s)(?:the\s)?(?:{_WEEKDAYS_EN}"
         r"|(?:mon|tues?|thu(?:rs?)?|fri)\.?(?=\s|$|[,;!?]))"),  # "next Tues" ("sat", "sun", "wed" are words too)
        rf"(?:(?:after|before|around|by|over|during|for|until|till|in|this side of|not before|not until)\s)(?:the\s)?(?:{_HOLIDAYS_EN})",
        # The week or the weekend of a holiday, said bare: "week of MLK day", "presidents day weekend".
        rf"(?:the\s)?week(?:end)?\sof\s(?:the\s)?(?:{_HOLIDAYS_EN})|(?:{_HOLIDAYS_EN})\sweek(?:end)?",
        rf"this side of (?:the\s)?(?:{MONTHS_EN}|summer|spring|autumn|fall|winter|the new year)",
        rf"(?:{_NUMBER_WORDS_EN})\s(?:{_UNITS_EN})\sfrom\s(?:now|today)",  # "a month from now"
        # a bare month keeps them ("by March" says it); "spring, march ideally"
        rf"(?:{MONTHS_EN}|{_WEEKDAYS_EN}),?\s(?:at the (?:latest|earliest)|ideally|preferably)",
        # A month or a day said alone after words of a conclusion, a correction or a guess: "permit comes in June, so July",
        # "make it friday", "actually saturday would be better", "ой нет, лучше воскресенье".
        (rf"(?:(?<=\bso )|(?<=\bthen )|(?<=make it )|(?<=\bmaybe )|(?<=\bideally )|(?<=\bprobably )|(?<=\bhopefully )"
         rf"|(?<=\bactually )|(?<=\brather ))(?:{MONTHS_EN}|{_WEEKDAYS_EN}|spring|summer|autumn|winter)"
         r"|(?:spring|summer|autumn|winter)(?=\s(?:sometime|some time|ideally|hopefully|at the latest|would be|is best|works|suits)\b)"
         rf"|(?:(?<=лучше )|(?<=давайте )|(?<=тогда )|(?<=значит )|(?<=так что ))(?:{MONTHS_RU}|{_WEEKDAYS_RU})"),
        # A season, a holiday or a month named in Russian, opening the message before words about it: "spring, before a trip
        # in June", "new year's eve, midnight of course",
        # "март, пока лёд крепкий" ("Spring, TX" is a town; an English month alone, or one before a greeting, may be a name:
        # "June, 07700 ...", "Август, добрый день").
        (rf"^(?:(?:early|late|mid)[\s-])?(?:spring|summer|autumn|winter|{_HOLIDAYS_EN})(?=\s*(?:[;—–]|,\s*(?-i:[a-z])))"
         rf"|^(?:{_MONTHS_NOMINATIVE_RU})(?=\s*(?:[;—–]|,\s*(?!добр|здрав|привет)(?-i:[а-яё])))"),
        # When something the customer waits for is done: "once the extension is signed off", "как только продадим квартиру".
        (r"(?:once|as soon as|right after|straight after)\s(?!(?:a|an|possible|more|again|or|in a)\b)"
         r"(?!(?:i|we) (?:know|see|get|have) (?:the |a |your )?(?:quote|price|prices|estimate|cost)s?\b)"
         r"(?:the|we|our|my|i|it|they|he|she|his|her|their|this|that|you)\s[\w'-]+(?:\s[\w'-]+){0,4}?"
         r"(?=\s*(?:$|[,.;:!?)\n—–]|\s(?:and|so|but|then|we|i|please|ideally)\b))"),
        (r"(?:как только|сразу как|после того,? как)\s[а-яё-]+(?:\s[\w-]+){0,4}?"
         r"(?=\s*(?:$|[,.;:!?)\n—–]|\s(?:и|а|но|тогда|то|так|сразу|нужн\w*|надо|хотим|будем|можно)(?![\w-])))"),
        # An event in the customer's life the work must be done by: "к приезду родителей", "к переезду", "in time for the
        # wedding", "before the baby arrives".
        (rf"к\s(?:{_EVENT_RU})(?:\s(?!(?:бы|и|а|но|уже|надо|нужно)(?![\w-]))[а-яё-]+(?:ей|ов|ев|а|я|ы|и))?"
         r"|in time for (?:the |our |my |his |her |their )?[\w'-]+"
         r"|before (?:the|our|my) (?:baby|wedding|guests|party|sale|closing|frost|ground freezes)(?:\s(?:arrives|comes|is born|is due|sets in))?"),
        # A day of the month in words: "после десятого", "к пятнадцатому числу"; not a floor or a class ("со второго этажа").
        (rf"(?:с|со|к|до|после|не позже|не позднее|не раньше)\s(?:{_ORDINAL_RU})(?:\sчисл[ау]|\s(?:{MONTHS_RU}))?"
         r"(?=\s*(?:$|[,.;:!?)\n—–]|\s(?:а|и|но|или|так|если|можно|нужно|надо|лучше|желательно|пожалуйста|хотим|хотелось)(?![\w-])))"),
        r"(?:к|до|после|не позже|не позднее)\s\d{1,2}\sчислу",
        rf"(?:the\s)?(?:(?:{MONTHS_EN})\s)?bank holiday(?: weekend)?",  # "August bank holiday weekend"
        (r"(?:in|during|over|this|for the)\s(?:the\s)?(?:spring|summer|autumn|fall|winter)(?:\s(?:holidays|hols|break))?|early next year|later this year"
         r"|(?:end|middle|start|beginning) of (?:the |this |next )?(?:month|week|year|summer|spring|autumn|winter|q[1-4])"),
        (rf"(?:a|one|1)\s(?:{_UNITS_EN[:-1]})\sor\s(?:two|2)|(?:in|within)\s(?:a|one|two|2|3)\s?(?:or|to|-)\s?(?:two|three|2|3|4)\s(?:{_UNITS_EN})"
         r"|(?:the )?week(?:end)? after next|(?:in|within) a fortnight|by the \d{1,2}(?:st|nd|rd|th)"),
        (r"(?:(?:over|for|during|at|by|after|before)\s)?(?:the\s)?(?:half[- ]term|school holidays|easter holidays|summer holidays"
         r"|christmas holidays)"),
        rf"(?:(?:in|within|over|during)\s)?(?:the\s)?next\s(?:couple of|few|two|three|2|3)\s(?:{_UNITS_EN})",
        (rf"(?:(?:in|during|by|over|from)\s(?:the\s)?)?(?:(?:first|second|third|fourth|last|final)\s(?:week|weekend)|(?:early|mid|late)[\s-]week)"
         rf"\sof\s(?:{MONTHS_EN})"),
        rf"(?:from|starting|starting (?:in|from)|beginning)\s(?:early\s|mid-?|late\s)?(?:{MONTHS_EN})(?![\w-])",
        rf"(?:(?:в|на|к|до|с|со|после)\s)?(?:перв|втор|трет|четв[её]рт|последн)\w+ (?:выходные|выходных|недел[юияе])(?: (?:{MONTHS_RU}))?",
        rf"(?:{_WEEKDAYS_EN})\s(?:morning|afternoon|evening|night|arvo|lunchtime)",
        rf"(?:(?:on|by|before|after|until|till|from|no later than|not later than|not before)\s)?(?:the\s)?\d{{1,2}}(?:st|nd|rd|th)?\sof\s(?:{MONTHS_EN})|(?:{MONTHS_EN})\s\d{{1,2}}(?:st|nd|rd|th)?(?!\d)",
        # Russian in Latin letters: "v subbotu", "zavtra", "cherez nedelyu", "k letu".
        (rf"(?:v|vo|k|do|na|posle|s|so|ne pozzhe|ne pozdnee)\s(?:(?:etu|eti|etot|etoj|etoy|sleduyu\w+|sled|blizhaysh\w+|blizhajsh\w+)\s)?"
         rf"(?:{_WEEKDAYS_LATIN})|(?:v|vo|k|do|s|so|posle|v nachale|v kontse|v konce|v seredine|s nachala|s serediny)\s(?:{_MONTHS_LATIN})"
         r"|zavtra|segodnya|poslezavtra|srochno|pobystree|poskoree|kak mozhno (?:skoree|bystree|ran'?she)|v blizha[yj]shee vremya"
         rf"|(?:cherez|v techenie|v techenii|za|v predelah|v predelakh|v blizha[yj]shie)\s(?:(?:paru|dve|dva|tri|neskol'?ko|\d+)\s)?(?:{_UNITS_LATIN})"
         r"|(?:k|do) (?:kon(?:ts|c)[au]|nachala|serediny) (?:(?:etogo|etoj|etoy|sleduyushchego|sleduyushchej|sleduyushchey)\s)?"
         r"(?:mesyat?[cs]a|goda|nedeli|leta|oseni|zimy|vesny)"
         r"|v (?:sleduyu?sh?chem|sled|etom|blizha[yj]shem) (?:mesyat?[cs]e|godu|kvartale)"
         r"|(?:do|k|s|so|posle|ne pozzhe|ne pozdnee)\s\d{1,2}(?:(?:-?go|-?mu)(?:\schisl[au])?|\schisl[au])"
         r"|k (?:letu|oseni|vesne|zime|novomu godu)|do (?:leta|oseni|zimy|vesny|novogo goda|[kh]?holodov)|posle (?:prazdnikov|novogo goda|kanikul|otpuska)"
         r"|letom|osen'?yu|zimo[jyi]|vesno[jyi]"
         r"|na (?:sleduyu?sh?ch(?:ej|ey|ei)|sled|etoj|etoy|etoi) nedele|na (?:majskie|mayskie|novogodnie|prazdniki|vy[kh]?hodn(?:ye|yh|ykh|ie|ih|ikh))"),
    )) + r")(?:-ish)?(?![\w-])"
_MORE_HINT = LazyPattern(
    r"(?i)понедельн|вторник|сред[уые]|четверг|пятниц|суббот|воскрес|выходн|ближе|раньше|позже|позднее|майск|новогодн|праздник"
    r"|каникул|отпуск|свадьб|учебн|хоть |сегодня-|ближайш|первого|\bс \d|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|weekend|holiday|christmas|xmas|easter|new year|thanksgiving|half.term|summer|spring|autumn|fall\b|winter"
    r"|boxing|labou?r day|memorial|canada day|australia day|independence|halloween|valentine|mother's|father's|hanukkah"
    r"|victoria day|remembrance|patrick's|anzac|waitangi|family day|heritage day|bonfire|guy fawkes|hogmanay|burns night|presidents'? day"
    r"|juneteenth|veterans|columbus|spring break|school|mlk|martin luther|from (?:now|today)"
    r"|diwali|\beid\b|ramadan|nowruz|navruz|рамадан|байрам|наурыз|навруз|пасх|троиц|радониц|родительск|покров|крещени|победы|дн[юя] города|рождеств|маслениц|\d марта|\d февраля|\d мая|from|starting|beginning"
    r"|(?:ые|их|ую|юю|ей|ой) (?:выходн|недел)|arvo|or (?:two|three|four)|week after|fortnight|by the \d|end of|middle of|start of|beginning of|early next|later this|\bin \d"
    r"|\b(?:v|k|na|cherez) [a-z]|zavtra|segodnya|srochno|next (?:couple|few|two|three|\d)|week(?:end)? of|the \d"
    r"|\d(?:st|nd|rd|th)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d"
    r"|\d числу|(?<!\w)(?=[^\W\d_])(?:к (?:приезд|рожден|юбиле|дн[юя] рожд|новосел|переезд|заезд|открыт|выписк|возвращ|выпускн|свадьб"
    r"|годовщин|праздник|торжеств|отпуск|сезон)"
    r"|in time for|before (?:the|our|my) |"  # the words of the rarer phrases below, at a word's start: one branch tried where none starts
    r"(?:mon|tues?|wed|thu|thurs?|fri|sat|sun)\b|this side|at the (?:latest|earliest)|once |as soon as|right after|straight after"
    r"|(?:лучше|давайте|тогда|значит|так что) (?:понед|вторн|сред|четв|пятн|субб|воскр|янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)"
    r"|(?:so|then|make it|maybe|ideally|probably|hopefully|actually|rather) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
    r"|как только|сразу как|после того|(?:с|со|к|до|после|позже|позднее|раньше) (?:двадцать |тридцать )?(?:перв|втор|трет|четв|пят|шест|седьм"
    r"|восьм|девят|десят|\w+надцат|двадцат|тридцат)"
    r"|cherez |(?:do|k|so?|posle|pozzhe|pozdnee) \d|(?:vo?|k|do|na|posle|so?|za|cherez) (?:kon|nach|sered|yanv|fevr|mart|aprel|ma[yj]|iyu|avgus|sent|okt|noy|dek|let|osen|zim|vesn|nov"
    r"|prazd|kanik|otpusk|ponedel|vtorn|sred|chetv|pyatn|subbot|voskr|vy[kh]|sled|et[oiu]|blizh|tech|predel|pozzh|pozdn|[kh]?holod)"
    r"|letom|osen'?yu|zimo[jyi]|vesno[jyi]|pobystree|poskoree|mozhno (?:skor|bystr|ran))")


_MORE = LazyPattern(_MORE_PATTERN, re.IGNORECASE)
# A Russian month opening the message, which `_MORE` reads too ("март, пока лёд крепкий"): apart from `_MORE_HINT`, whose
# search would try every branch at each Cyrillic letter of a long text if a month's first letters were among its starts.
_OPENS_WITH_MONTH_RU = LazyPattern(rf"(?i)(?:{_MONTHS_NOMINATIVE_RU})")
# Phrases that start with a digit, apart: the main pattern tries its many branches only where a word starts.
_DIGIT = LazyPattern(r"\d")
# A day of the month alone ("28-го", "не позже 20-го", "on the 15th", "Thursday the 9th"), but not a
# floor, a school year or a size said with the same ordinal ("с 5-го этажа", "2-го класса", "the 3rd floor").
_DAY_RU = r"\d{1,2}(?:-?го)?\sчисла|\d{1,2}-?го(?!\s(?:этаж|класс|курс|размер|подъезд|дом|корпус|уровн|ряд|поколен|разряд|сорт|эт\.))"
_DAY_EN_END = (r"(?=\s*(?:$|[,.;:!?)]|\s(?:of|at|or|and|from|around|if|is|would|works|please|maybe|ideally"
               r"|preferably|morning|afternoon|evening|for)\b))")  # not "the 3rd floor", "the 3rd to 5th grade"
_DAY_EN = rf"\d{{1,2}}(?:st|nd|rd|th){_DAY_EN_END}"
_DATED = LazyPattern(
    # A span of days first, whole: "с 12 по 26 июля", "18-30 Dec", "from 2 to 12 March", "June 5-12", "from the 10th to the 15th",
    # "22-23 fevralya".
    rf"(?<![\w.,-])(?:from|between|the)\s(?:the\s)?\d{{1,2}}(?:st|nd|rd|th)\s?(?:to|till|until|and|-|–)\s?(?:the\s)?{_DAY_EN}|"
    rf"(?<![\w.,-])(?:(?:(?:с|from|between)\s)?\d{{1,2}}(?:-?го|st|nd|rd|th)?(?:\s(?:of\s)?(?:{MONTHS_RU}|{MONTHS_EN}))?"
    rf"\s?(?:по|до|to|till|until|and|-|–|—)\s?\d{{1,2}}(?:-?го|st|nd|rd|th)?\s(?:of\s)?(?:{MONTHS_RU}|{MONTHS_EN}|{_MONTHS_LATIN})(?![\w-])"
    rf"|(?:{MONTHS_EN})\s\d{{1,2}}\s?[-–]\s?\d{{1,2}}(?![\d:])"
    rf"|\d{{1,2}}(?:-?го)?\s(?:{MONTHS_RU}|{_MONTHS_LATIN})(?:\s\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\sof\s(?:{MONTHS_EN})"  # "3 iyunya"
    rf"|(?:{MONTHS_RU}|{MONTHS_EN}),?\s(?:of\s)?20\d\d(?!\d)"  # a month with its year, wherever it stands: "July 2027"
    rf"|\d+\s?-\s?\d+\s(?:{_UNITS_RU}|{_UNITS_EN})"
    rf"|(?:(?:не позже|не позднее|не раньше|к|до|с|после|на)\s)?(?:{_DAY_RU})"
    rf"|(?:к|до|на|после|не позже|не позднее)\s\d{{1,2}}-?(?:му|е|ое)(?:\sчисл[ау]|\s(?:{MONTHS_RU}))?(?!\s?[а-яё])"  # "к 20-му декабря"
    rf"|(?:(?:{_WEEKDAYS_EN}),?\s)?\d{{1,2}}(?:st|nd|rd|th)?\s(?:{MONTHS_EN})(?![\w-])|(?:on|by|before|after|from|until|till)\s\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?(?![\d/])"
    # an hour ("by 3", "before 5pm"), not a size's second figure ("4.2 by 3.1", "2 by 3")
    r"|(?<!\d\s)(?:before|by|no later than)\s\d{1,2}(?::\d{2})?\s?(?:am|pm|o'clock)?(?=\s*(?:$|[,.!?](?!\d)|\s(?:if|please|pls|today|tomorrow|tonight)\b))"
    rf"|(?:the\s)?week(?:end)?\sof\s(?:the\s)?\d{{1,2}}(?:st|nd|rd|th)(?:\sof\s(?:{MONTHS_EN}))?"
    rf"|(?:(?:{_WEEKDAYS_EN}|{_WEEKDAYS_SHORT_EN})\.?,?\s(?:the\s)?|(?:on|by|before|after|until|till|from|starting)\s(?:the\s)?|the\s)"
    rf"{_DAY_EN})(?![\w-])",
    re.IGNORECASE,
)
# What a day keeps after it in the same phrase: its date and its hour ("в субботу 14-го к 10 утра",
# "Thursday the 9th, 6pm", "14 декабря в 18:00", "завтра с утра"), as the customer will be held to them.
_HOUR = (r"\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|\d{1,2}\s(?:утра|вечера|дня|час(?:а|ов)?)"
         r"|утром|вечером|дн[её]м|после обеда|с утра|в обед|(?:in the\s)?(?:morning|afternoon|evening)|arvo|lunchtime|noon|midnight|полночь")
_ATTACHED = LazyPattern(
    rf"(?:,?\s(?:the\s)?(?:\d{{1,2}}(?:st|nd|rd|th)|\d{{1,2}}-?го)(?:\s(?:of\s)?(?:{MONTHS_EN}|{MONTHS_RU}))?(?![\w-])"
    r"(?!\s(?:is|was|are|were|будет|был[аио]?)\b))?"
    rf"(?:,?\s(?:at\s|в\s|к\s|с\s|from\s|around\s|около\s|на\s)?(?:{_HOUR})(?![\w-])|\s(?:after|before|после|до)\s\d{{1,2}}(?![\w-]|[:.,]\d))?",
    re.IGNORECASE,
)
_TIME_WORD = LazyPattern(
    r"(?<!\w)(?:дн[еяи]|день|недел|месяц|мес\b|год|лет\b|квартал|сезон|числ|завтра|сегодня|скоро|сейчас|вчера|срочн|утр|вечер"
    r"|понедельн|вторник|сред[уа]|четверг|пятниц|суббот|воскресен|выходн|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend"
    r"|зим|весн|лет[оау]|осен|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|\d{1,2}[./]\d{2}"
    r"|day|week|month|year|quarter|soon|now|today|tomorrow|asap|spring|summer|autumn|fall|winter|midnight|полноч|" + MONTHS_EN + ")",
    re.IGNORECASE,
)
_VAGUE = LazyPattern(
    r"пока присматрива\w*|пока просто смотр\w*|срочно|как можно (?:скорее|быстрее|раньше)|побыстрее|поскорее|в ближайшее время"
    r"|soon|asap|urgent(?:ly)?|(?:the )?sooner the better|чем (?:быстрее|скорее|раньше),? тем лучше"
    r"|(?:once|as soon as|right after|straight after|как только|сразу как|после того,? как|in time for|before (?:the|our|my))\s.+"
    rf"|к\s(?:{_EVENT_RU}).*",  # a date beside it says more
    re.IGNORECASE)
# An event the need leads up to, whose date is the customer's timeline only when they give no other:
# "экзамен в июне, заниматься хотим с октября", "the interview is on the 12th, need the translation by Friday",
# "день рождения у неё 3 марта, а отмечать будем 7-го", "открываемся с 1 мая, мурал можно и летом"; a birthday, an
# anniversary or an opening said as a fact, not as the occasion of the need ("на день рождения сына в субботу").
_EVENT_BEFORE = LazyPattern(
    r"(?i)(?<!\w)(?:экзамен\w*|егэ|огэ|собеседовани\w*|интервью|суд\w*|ключ\w*|exams?|tests?|interview|ielts|toefl|gcses?|a-levels?"
    r"|settlement|completion|closing|keys|hearing|court date"
    r"|(?<!\bна )(?<!\bк )(?<!\bко )(?:(?:день|дня) рождения|днюх\w*|юбиле\w*|годовщин\w*|открыти\w*)|открываемся|открывается"
    r"|(?:birthday|b-?day|anniversary|opening)(?:'s|\sis|\swas)|turns \d+)"
    r"(?:\s[\w'-]+){0,2}?[\s,:—–-]*$")
_EVENT_REACH = 30
# Words that make a time in their clause when to reach the customer: "call me anytime tomorrow", "best
# after 5pm today", "free to talk tomorrow morning", "перезвоните завтра", "звоните после 18".
_CALLBACK = LazyPattern(
    r"(?i)(?<!\w)(?:call (?:me|us|back)|callback|give (?:me|us) a (?:call|ring)|ring (?:me|us)|phone (?:me|us)|text (?:me|us)"
    r"|(?:call|ring|email|text|phone) you|contact (?:me|us)|reach (?:me|us)|get hold of me|free to talk|(?:talk|speak) to (?:me|you)|best after|best before"
    r"|best time|(?:пере|по)?звон\w*|набер\w*|набира\w*|пиши\w*|напиш\w*|свяж\w*|связ\w*|на связи|удобно говорить"
    r"|могу говорить|отвечу|доступ\w*|на телефоне|трубк\w*|free (?:after|before|from|until|till)|свобод\w+ (?:после|с|до))(?!\w)")
_CLAUSE_END = LazyPattern(r"[!?;\n]|[.,](?!\d)")  # not the point of "15.06" or "1,5"
# After a month or a day, another offered as well: "или апреле", "or Wednesday".
_OR_ANOTHER = LazyPattern(rf"(?i)\s(?:или|либо|or)\s(?:(?:в|во|на|in|on)\s)?(?:{MONTHS_RU}|{MONTHS_EN}|{_WEEKDAYS_RU}|{_WEEKDAYS_EN})(?![\w-])")
# Words of travelling to the place, whose day gives way to the day of the service itself.
_TRAVEL = LazyPattern(r"(?i)(?<!\w)(?:driv\w+|fly\w*|flight|arriv\w+|едем|еду|летим|лечу|прилета\w*|приезжа\w*|приед\w+|вылета\w*)(?!\w)")


def _clause(text: str, match: re.Match[str]) -> str:
    """The sentence `match` stands in, at most `_CLAUSE_REACH` characters either side of it."""
    start = max(0, match.start() - _CLAUSE_REACH)
    starts = [end.end() for end in _CLAUSE_END.finditer(text, start, match.start())]
    after = _CLAUSE_END.search(text, match.end(), match.end() + _CLAUSE_REACH)
    return text[starts[-1] if starts else start:after.start() if after else match.end() + _CLAUSE_REACH]


# Longer than any sentence a customer writes unpunctuated: each time's clause is read in bounded time, however long the
# text without a full stop or a comma.
_CLAUSE_REACH = 400
# Between two times, what makes the second refine the first: "на этой неделе, до субботы", "next week, ideally Tuesday".
_REFINING = LazyPattern(r"(?i)\s*[,—–-]?\s*(?:(?:лучше|желательно|а лучше|luchshe|zhelatel'?no|ideally|preferably|say|at the latest|максимум)\s)?")
NEGATION = r"(?:не|not|instead of|вместо|rather than)"
"""Just before a time or a place, the words that say it is not the one: "не в субботу", "not Bradford"."""
_NEGATED = LazyPattern(rf"(?i)(?<!\w){NEGATION}\s$")
_MAX_MATCHES = 20
# After a day, words that say something of it, which makes it another day than the customer's: "the 17th is our board meeting".
_SAID_OF = LazyPattern(r"(?i)\s(?:is|was|are|were|будет|был[аио]?)(?!\w)")
# A unit of time alone after "за" or "в", in a clause about price or just after a sum, is the unit of a rate, not when:
# "сколько за сутки?", "цена за неделю", "how much a night", "3 миллиона сум за день нормально?", "$250 a day".
_PER_UNIT = LazyPattern(r"(?i)(?:за|в|per|a|an)\s(?:сутки|день|ночь|час|неделю|месяц|занятие|night|day|week|month|hour|session)")
_PRICE_WORD = LazyPattern(r"(?i)(?<!\w)(?:сколько|стоит|стоимость|цен[аыуе]|почем|почём|тариф|how much|cost|price|rate|charge)")
# Who a length may be the age of: before a length without a preposition ("девочка, 3-4 месяца", "a kitten, 10 weeks"),
# or in a bare reply to "when?" ("сыну 5 лет").
_AGE_OF = (r"девочк\w*|мальчик\w*|кот[её]н\w*|котик\w*|щен\w*|ребён\w*|ребен\w*|малыш\w*|сын\w*|доч\w*|возраст\w*"
           r"|kitten|puppy|pup|girl|boy|baby|son|daughter|aged?")
_AGE_BEFORE = LazyPattern(rf"(?i)(?<!\w)(?:{_AGE_OF})(?!\w)[^.!?\n]{{0,25}}$")
# After a time, words that rule it out: "в субботу не могу", "Friday doesn't work".
_RULED_OUT = LazyPattern(r"(?i)\s*(?:[,—–-]\s*)?(?:не могу|(?:нас|меня) не будет|we(?:'re| are) away|i(?:'m| am) away|we won't be|i won't be|не получится|не выйдет|не подходит|никак|занят[аоы]?\b|can't|cannot|can not"
                         r"|won't work|doesn't work|does not work|is no good|no good|is out)")
# Between two times, words that make the later one the customer's: a correction ("ой нет, давайте", "actually",
# "correction:"), a conclusion ("так что", "поэтому", "so I'd like") or the first said again more closely ("до морозов,
# т.е. до ноября", "after the holidays, i.e. mid January").
_THEN_INSTEAD = LazyPattern(
    r"(?i)(?<!\w)(?:нет|давайте|точнее|вернее|поправка|исправл\w*|так что|поэтому|значит|actually|correction|scratch that|no wait"
    r"|т\.\s?е\.?|то есть|иначе говоря|i\.e\.?|i mean|in other words"
    r"|make it|instead|so|лучше|better|but (?:we|i)(?:'d| would)? (?:like|prefer|rather|want|hope)|но (?:мы )?хотел\w* бы)(?!\w)")
# Or a clause of its own that says the later one is needed, after what is ready first: "стяжка в марте, плитка нужна к
# апрелю" (but "к маю надо, в мае юбилей" keeps the first: its "надо" is of the first clause).
# A time said as a deadline ("к субботе", "by mid April", "до конца месяца"), with the word that makes it one when the
# phrase itself does not hold it.
_DEADLINE = LazyPattern(r"(?i)(?:к|до|не позже|не позднее|by|before|no later than|at the latest by|do|k)\s")  # "do kontsa mesyatsa" too
_DEADLINE_BEFORE = LazyPattern(r"(?i)(?<!\w)(?:к|до|не позже|не позднее|by|before|no later than)\s$")
# ... or an event of the customer's before which it must be done: "before the viewing on Saturday", "by our open day on the 12th".
_EVENT_DEADLINE_BEFORE = LazyPattern(r"(?i)(?<!\w)(?:before|by|ahead of|in time for)\s(?:the|our|my|his|her|their)\s(?:[\w'-]+\s){1,3}"
                                     r"(?:on\s|in\s|at\s)?$")
# Words of the customer's need before a time in its clause: "need it sorted this month", "начать после 20-го" are theirs,
# whatever deadline someone else has after it ("the seller wants it gone by the 20th", "мы до 20 числа в Анапе").
_WANTED = LazyPattern(r"(?i)(?<!\w)(?:нужн\w*|надо|хоч\w*|хотим|хотел\w*|need\w*|want\w*|would like|hoping|please"
                      r"|начать|начинать|приступить|start|begin)(?!\w)")
# Where the customer is until a day, said after their time is known: "I'm in Poland until the 17th", "back in Kerry on the
# 10th", "в командировке до пятницы" beside a phone number tell when they can be reached, not when they need the service
# (which "we're in Chicago till May" may be, said first).
_WHEREABOUTS = LazyPattern(r"(?i)(?<!\w)(?:(?:i'?m|i am|we'?re|we are|i'?ll be|we'?ll be)\s(?:\w+\s)?(?:in|at|away|abroad|out of)\s[^,;.!?\n]{0,40}"
                           r"(?:until|till|til)\s|back (?:in|at|home|to|from)\s|(?:я|мы) (?:сейчас |пока )?(?:в отъезде|в командировке|в отпуске)"
                           r"|вернусь|вернёмся|вернемся)")
# Before a time in its clause, a decision taken then, which is not when the work is: "board votes in january", "решение
# примем в марте", "we'll decide by Friday".
_DECISION_BEFORE = LazyPattern(r"(?i)(?<!\w)(?:votes?|voting|decides?|decide|decision|решени\w*|решит|решат|решим|решаем"
                               r"|голосовани\w*|голосу\w*)(?:\s[\w'-]+){0,3}?[\s,:—–-]*$")
# After a later time, words that make it the one preferred to a wider one before it: "any weekend in april works,
# april 12-13 ideal", "в мае, 15-е идеально".
_PREFERRED_AFTER = LazyPattern(r"(?i)\s*(?:would\s+be\s+|is\s+|'s\s+)?(?:ideal|best|perfect|preferred|идеально|лучше\s+всего)(?!\w)")
# Just before a deadline, the work it is for, wished done by then: "installed by Memorial Day weekend", "fitted before
# Christmas" (what was done then has "was" or "had" before it, see `_DONE_BEFORE`).
_WISHED_DONE = LazyPattern(r"(?i)(?<![\w'])(?:[a-z]{2,}(?:ed|en)|done|built|fitted|fixed|set up|put in|sorted|finished|ready)\s$")
_NEEDED_AFTER = LazyPattern(r"(?i)[,;.—–]\s[^,;.!?]*(?<!\w)(?:нужн[аоы]?|надо|need(?:ed|s)?)(?!\w)[^,;.!?]*$")
# "may" the verb, not the month: after a word that is no preposition of time and before another word ("my wife
# may call you", "it may be cheaper"), or opening a question ("May I ask"). Blanked out before the patterns read the text.
_MAY = LazyPattern(r"(?i)(?<![\w'-])may(?=\s+([^\W\d_]+))")
_WORD_BEFORE = LazyPattern(r"([^\W\d_]+)\s+$")
_MONTH_BEFORE = frozenset(("in", "by", "before", "until", "till", "from", "since", "of", "early", "mid", "late", "end", "start",
                           "beginning", "next", "this", "last", "or", "and", "through", "to", "the", "around", "after",
                           "during", "for", "on", "sometime", "maybe", "perhaps", "probably", "hopefully", "ideally"))
_MONTH_AFTER = frozenset(("or", "and", "to", "through", "till", "until", "is", "would", "works", "suits", "please", "at",
                          "then", "if", "ideally", "preferably", "sometime", "bank", "half", "next", "this", "of"))
_ASKING = frozenset(("i", "we"))
_UNHURRIED = LazyPattern(rf"(?i){_UNHURRIED_WORDS}")
_UNHURRIED_LEAD = rf"(?:{_UNHURRIED_WORDS})\W+"  # opening a reply: "no rush, 2 weeks or so", "не горит, весной"
_UNHURRIED_FIRST = LazyPattern(rf"(?i){_UNHURRIED_LEAD}")
# How long something is hired, rented or runs is no date: "аренда примерно на 2 месяца", "need it for a week or two",
# "a contract for about 14 months" (but "на неделе", this week, is one).
_FOR_HOW_LONG = (r"(?<!\w)(?:на|for|need (?:it|them|one|the \w+))\s(?:(?:примерно|около|где-то|приблизительно|минимум|about|around"
                 r"|roughly|approximately|maybe|probably|at least)\s)?")
_LENGTH = (rf"(?:(?:{_NUMBER_WORDS_RU}|{_NUMBER_WORDS_EN})(?:\s?-\s?\w+)?\s)?(?!неделе(?!\w))(?:{_UNITS_RU}|{_UNITS_EN}|полгода)"
           r"(?!\w)")
_FOR_BEFORE = LazyPattern(rf"(?i){_FOR_HOW_LONG}$")
_LENGTH_START = LazyPattern(rf"(?i){_LENGTH}")
_HOW_LONG = LazyPattern(rf"(?i){_FOR_HOW_LONG}{_LENGTH}")
# A year after a month ("July 2027", "by March 2027"): kept with it, as the customer wrote it.
_MONTH_END = LazyPattern(rf"(?i)(?<!\w)(?:{MONTHS_RU}|{MONTHS_EN})$")
_YEAR = LazyPattern(r",?\s(?:of\s)?20\d\d(?!\d)")
_YEAR_DIGITS = LazyPattern(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# In a bare reply to "when?", words of a time gone by, an age or a frequency: "год назад купили", "the boiler is 22
# years old", "it broke last summer", "every 2 weeks", "раз в неделю".
_NOT_AHEAD = LazyPattern(r"(?i)(?<!\w)(?:назад|ago|old|last(?!\s(?:week|weekend)\sof)|прошл\w+|every|each|раз в|twice|once a|уже|since"
                         r"|каждую|каждый|каждые)(?!\w)")
# In a bare reply to "when?", words of something else than the customer's date: how long the job takes, working hours,
# an age, only looking ("работа займёт дня три", "open 9-5 weekdays", "сыну 5 лет", "just planning for now").
_NOT_WHEN = LazyPattern(rf"(?i)(?<!\w)(?:займ[её]т|займут|занима\w+|длит\w*|продлит\w*|takes?|took|will take|lasts?|open|opening"
                        rf"|working hours|часы работы|работаем|работает|{_AGE_OF}|born|родил\w*"
                        r"|just (?:planning|looking|browsing|researching)|for now|пока просто|присматрива\w*|прицени\w*)(?!\w)")
# After a time, the words that put it behind: "we moved in 2 years ago", "через месяц назад" said wrong.
_AGO = LazyPattern(r"(?i)\s+(?:ago|назад)(?!\w)")
# Before a time, words that make it when something began that goes on still: "ever since the 3rd", "since the storm in
# jan", "уже с понедельника нет воды", "ещё с марта течёт" (but "уже в понедельник" is as soon as Monday).
_SINCE_BEFORE = LazyPattern(r"(?i)(?<!\w)(?:since(?:\s[\w'-]+){0,3}?|(?P<still>уже|ещё|еще))\s$")
_FROM = LazyPattern(r"(?i)со?\s")
# ... or that it is only a maybe, taken back at once: "может осенью, может и нет", "spring maybe, or maybe not".
_MAYBE_NOT = LazyPattern(r"(?i)\s*[,—–-]?\s*(?:(?:а|или|но|or|but)\s)?(?:может|maybe|perhaps|possibly)(?:\sи)?\s(?:нет|not)(?!\w)")
# Words that move a date to the time after them, which is then the one wanted: "перенесли на 26-е", "postponed to May".
_MOVED = r"перен[её]с\w*|отлож\w*|сдвинул\w*|передвинул\w*|postpon\w*|reschedul\w*|pushed|brought forward"
# Just before a time, a thing done in the past (not a date moved: "ой, перенесли на 26-е"): "the tank was pumped in the fall", "had it serviced in March", "you did his
# garden in the summer", "заросло за 3 года", "you came on Friday", "2 years ago in June", "бак был откачан осенью", "ремонт
# делали летом" (but not a wish: "хотели к маю").
_DONE_BEFORE = LazyPattern(r"(?i)(?<!\w)(?:(?:was|were|got|has been|have been|had been)\s(?:\w+\s)?[a-z]+(?:ed|en|t)|did(?!\s(?:want|need|hope|plan|mean))(?:\s[\w']+){1,3}"
                           r"|(?:had|got)\s(?:[\w']+\s){1,2}[a-z]+(?:ed|en|t)|came|went|ago|born|used to"

                           r"|был[аои]?\s(?:\w+\s)?[а-яё]+(?:н|на|но|ны|т|та|то|ты)"
                           rf"|(?!(?:(?:хоте|планирова|собира|дума|рассчитыва|надея)\w*|{_MOVED})\s$)(?:[а-яё]{{2,}}(?:ли|лся|лась|лись|лось)|[а-яё]{{4,}}ло))\s$")
# In the clause of a time, words of opening hours: "open till 6 on Saturday", "часы работы в субботу?" (not "we're closed
# the week of the 14th", the customer's own time).
_OPENING_HOURS = LazyPattern(r"(?i)(?<!\w)(?:open (?:till|until|from|at)|opening hours|working hours|часы работы|работаете|работаем (?:до|с)"
                             # "what are your hours on Sunday?", "во сколько вы открываетесь в субботу?", "до скольки вы в субботу?"
                             r"|(?:your|the shop's|the office's) hours|opening times|what time do you (?:open|close)|открываетесь|закрываетесь"
                             r"|до скольки"
                             # ... or whether the company is open then: "а в субботу магазин открыт?", "are you open this weekend?"
                             r"|открыт[аоы]?|(?:are|is) (?:you|it|the \w+|your \w+) (?:open|closed)|(?:you|it|shop|office|showroom)"
                             r" open)(?!\w)")
# ... or, in a question, whether the company's course or class runs then: "does your beginner course run in spring?",
# "а курсы у вас весной проходят?" (a course the customer says they want to join then is theirs: "want the May group").
_SCHEDULE = LazyPattern(
    r"(?i)(?<!\w)(?:(?:does|do|will) (?:your|the) (?:[\w-]+ ){0,2}(?:course|class|lesson|session|workshop|tour|group|camp|programm?e?)"
    r"(?:e?s)? (?:run|start|begin|take place|happen)|(?:курс\w*|заняти\w*|набор\w*|групп\w*|мастер-класс\w*)(?:\s[\w-]+){0,3}\s"
    r"(?:проход\w*|иду?т|бывают|стартует|стартуют|начина\w*))(?!\w)")
# Before a time in its sentence, words that make it the company's, said back or asked about: how long its delivery or its
# work takes ("вы сказали доставка 3-5 дней", "у вас изготовление в течение месяца?", "you said fitting takes 2 weeks").
_COMPANY_SAID = LazyPattern(
    r"(?i)(?<!\w)(?:(?:вы|менеджер|мастер)\s(?:же\s)?(?:сказал\w*|писал\w*|написал\w*|говорил\w*|обещал\w*|указал\w*)"
    r"|у вас (?:(?:на сайте|написано|обычно|же)\s)?(?:доставк\w*|изготовлени\w*|производств\w*|монтаж\w*|установк\w*|срок\w*)"
    r"|(?:на|у вас на) сайте|you (?:said|mentioned|told me|wrote|promised|quoted)|as you said|(?:your|the) (?:site|website|ad|advert|listing)"
    r" (?:said|says))(?!\w)(?=[^.!?\n]{0,40}$)")
_COMPANY_SAID_CHARS = 60
_SENTENCE_END = LazyPattern(r"[.!?\n]")
# In the clause of a time, a verb in the past tense, which makes it when something was done ("сегодня увидел ваше объявление",
# "на выходных были у вас", "I saw your ad today", "we moved here this year"): Russian forms in -л, -ла, -ли, -ло that the
# dictionary then confirms, English irregular ones and those in -ed.
_PAST_RU = LazyPattern(r"(?i)(?<![\w-])[а-яё]{2,}л(?:а|о|и|ся|ась|ось|ись)?(?![\w-])")
_PAST_EN = LazyPattern(
    r"(?i)(?<![\w'-])(?:saw|was|were|had|did|bought|came|went|broke|found|heard|met|made|paid|sold|took|told|left|built|drove"
    r"|spoke|rang|fell|began|moved in"
    # "the basement got wet this month"; not "we've got", "has got" (have) nor "got to" (must)
    r"|(?<!'ve )(?<!\bhave )(?<!\bhas )(?<!'s )(?<!\bhad )got(?!\sto\b)"
    # "a present back in September", "way back in 2019"; not being back then ("we'll be back in May", "I'm back in June")
    r"|(?<!\bbe )(?<!'re )(?<!\bare )(?<!'m )(?<!\bam )(?<!\bis )(?<!'s )(?<!\bget )(?<!\bcome )(?<!\bcoming )(?<!\bgo )back(?=\sin\s)"
    # not an adjective of the same form ("interested in a viewing this weekend", "a detached house", "we're closed the 21st")
    r"|(?<!'re )(?<!'m )(?<!'s )(?<!\bare )(?<!\bis )(?<!\bam )(?<!\bbe )(?!(?:interest|bas|detach|semi-detach|furnish|unfurnish|marri|experienc|qualifi|licens|limit|relat|tir|excit|pleas"
    r"|retir|renovat|locat|situat|requir|schedul|book|fix|advanc|automat|air-condition|heat|insur|self-employ|employ|rent"
    r"|ied|eed)\w*\b)[a-z]{2,}[^e\W]ed|[a-z]{2,}ied)(?![\w'-])")
# ... unless the clause says it is wanted all the same ("хотели бы к маю", "we'd hoped for next week", "fitted by Christmas please").
_STILL_WANTED = LazyPattern(
    r"(?i)(?<!\w)(?:бы|хоте\w*|хоч\w*|хоти\w*|хотим|хотят|планирова\w*|собира\w*|рассчитыва\w*|надея\w*|нужн\w*|надо|need\w*|want\w*|hop\w*|plan\w*"
    r"|would|could|can|'d|wish\w*|мечта\w*|думал\w*|thought|expect\w*|supposed|please|pls|ideally|hopefully|if possible|asap"
    r"|пожалуйста|желательно|можно|сможете|успеете|если получится|looking|to (?:get|have)|ищу|ищем|интересу\w*"
    # ... or that the time was moved to it: "перенесли на 4 июня", "the wedding got postponed to May"
    rf"|{_MOVED})(?!\w)")
# A season said as the first time, which a month after it narrows: "весной, как снег сойдёт, в апреле-мае".
_SEASON = LazyPattern(r"(?i)(?:(?:этим|следующим|будущим) )?(?:летом|осенью|зимой|весной)"
                      r"|(?:(?:in|during|over|this|next)\s(?:the\s)?)?(?:spring|summer|autumn|fall|winter)")
_MONTH = LazyPattern(rf"(?i)(?<!\w)(?:{MONTHS_RU}|{MONTHS_EN})(?!\w)")
# A whole message that is only a season, whatever was asked: "autumn", "no rush, spring" (a month alone may be a name: "June").
_SEASON_ALONE = LazyPattern(rf"(?i)\W*(?:{_UNHURRIED_LEAD})?"
                            r"(?P<when>(?:(?:early|late|mid)[\s-])?(?:spring|summer|autumn|winter))\W*")
_REFUSALS = LazyPattern(r"^(?:не знаю|пока не знаю|не решил\w*|без понятия|нет|don't know|dont know|not sure|no idea|nope|no)\b", re.IGNORECASE)


def _without_modal_may(text: str) -> str:
    """`text` with "may" the verb blanked out (same length), so that no pattern reads it as the month."""
    if "may" not in text.lower():
        return text
    for match in _MAY.finditer(text):
        after = match.group(1).lower()
        before_word = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.start())
        before = before_word.group(1).lower() if before_word else None
        month = (before in _MONTH_BEFORE or after in _MONTH_AFTER
                 or (before is None and after not in _ASKING))
        if not month:
            text = f"{text[:match.start()]}___{text[match.end():]}"
    return text


def find_timeline(text: str, *, asked: bool = False, events: bool = True) -> str | None:
    """The customer's timing as their own short phrase, or None.

    A date-like phrase ("к марту", "месяц-два") wins over a vague one ("срочно", "soon") in the
    same message; "не спешим" or "no rush" alone is no time at all, nor is how long a hire runs ("на 2 месяца"). With `asked` (the bot just asked when), a short reply that speaks of time ("через
    пару месяцев", "2 недели", "15.06") counts as a whole; "не знаю" does not. When to call the
    customer back ("call me tomorrow", "перезвоните завтра") is no timeline; an event's date ("экзамен
    в мае") is one only when the message gives no other and `events` (the customer gave none before); where the
    customer is until a day ("back in Kerry on the 10th"), unasked, only while they gave none before."""
    original, text = text, _without_modal_may(text)
    found = list(islice(_TIMELINE.finditer(text), _MAX_MATCHES))
    if _DIGIT.search(text):
        found += islice(_DATED.finditer(text), _MAX_MATCHES)
    if _MORE_HINT.search(text) or _OPENS_WITH_MONTH_RU.match(text):
        found += islice(_MORE.finditer(text), _MAX_MATCHES)
    matches = sorted(found, key=lambda match: (match.start(), -match.end()))  # of two at one place, the whole phrase
    if matches and _CALLBACK.search(text):
        matches = [match for match in matches if not _CALLBACK.search(_clause(text, match))]
        if not matches:
            return None  # "call me anytime tomorrow": when to call, not when the customer needs it
    if matches and not (asked or events) and _WHEREABOUTS.search(text):  # a time known already stays
        matches = [match for match in matches if not _WHEREABOUTS.search(_clause(text, match))]
    matches = [match for match in matches if not (_PER_UNIT.fullmatch(match.group()) and (
                   _PRICE_WORD.search(_clause(text, match)) or money_ends_at(text, match.start())))
               and not _UNHURRIED.fullmatch(match.group())
               and not (_LENGTH_START.match(match.group()) and (_FOR_BEFORE.search(text, max(0, match.start() - 40), match.start())
                                                                 or _AGE_BEFORE.search(text, max(0, match.start() - 40), match.start())))
               and not _in_a_past_year(text, match)
               and not _DONE_BEFORE.search(text, max(0, match.start() - 40), match.start())
               and not _OPENING_HOURS.search(_clause(text, match))
               and not _company_said(text, match, matches)
               and not (_done_in_its_clause(_clause(text, match)) and not _VAGUE.fullmatch(match.group())
                        and not (_DEADLINE.match(match.group()) and _WISHED_DONE.search(text, max(0, match.start() - 30), match.start())))
               and not _DECISION_BEFORE.search(text, max(0, match.start() - _EVENT_REACH), match.start())
               and not _AGO.match(text, match.end()) and not _since(text, match)
               and not _MAYBE_NOT.match(text, match.end())
               and not _schedule_asked(text, match)]
    if len(matches) > 1:  # "не в субботу, а в воскресенье", "не 15-го, а 16-го", "в субботу не могу": the one said instead
        matches = [match for match in matches if not (_NEGATED.search(text, max(0, match.start() - 16), match.start())
                                                      or _RULED_OUT.match(text, match.end()))] or matches
    if matches and not events:
        matches = [match for match in matches if not _EVENT_BEFORE.search(text, max(0, match.start() - _EVENT_REACH), match.start())]
    if matches:
        concrete = [match for match in matches if not _VAGUE.fullmatch(match.group(0))]
        own = [match for match in concrete if not _EVENT_BEFORE.search(text, max(0, match.start() - _EVENT_REACH), match.start())]
        if len(own) > 1 and _TRAVEL.search(text):  # "driving up on Saturday, could meet you Sunday arvo": the meeting
            own = [match for match in own if not _TRAVEL.search(_clause(text, match))] or own
        chosen = own or concrete or matches
        first = chosen[0]
        for later in chosen[1:]:  # "в марте заходят штукатуры, так что до марта", "Friday 17 July... correction: Friday 24 July"
            if (later.start() >= first.end() and (_THEN_INSTEAD.search(text, first.end(), later.start())
                                                  or _NEEDED_AFTER.search(text, first.end(), later.start())
                                                  or _PREFERRED_AFTER.match(text, later.end())
                                                  or ((_deadline(text, later) or _wanted(text, later))
                                                      and not (_deadline(text, first) or _wanted(text, first)))
                                                  or (_SEASON.fullmatch(first.group()) and _MONTH.search(later.group())
                                                      and _alone_in_its_clause(text, later)))
                    and not _REFINING.fullmatch(text, first.end(), later.start())):  # "на этой неделе, лучше до субботы" refines
                first = later  # and "той 20 сентября, хотим к началу сентября", "wedding is 9 May, fitting by mid April": the deadline
        if concrete and (hurry := next((match for match in matches if match.start() >= first.end() and _VAGUE.fullmatch(match.group())
                                        and _THEN_INSTEAD.search(text, first.end(), match.start())), None)):
            first = hurry  # "the 14th is our anniversary, so asap", "в пятницу? нет, лучше срочно": the conclusion
        attached = _ATTACHED.match(text, first.end()) if first.end() < len(text) else None
        end = attached.end() if attached else first.end()
        alternative = _OR_ANOTHER.match(text, end) if " " in text[end:end + 2] else None
        end = alternative.end() if alternative else end  # "в марте или апреле", "on Tuesday or Wednesday"
        refined = next((match for match in concrete if match.start() >= end and _REFINING.fullmatch(text, end, match.start())
                        and not _SAID_OF.match(text, match.end())), None)
        if refined:  # "на этой неделе, до субботы", "на выходных в субботу с утра"
            attached = _ATTACHED.match(text, refined.end()) if refined.end() < len(text) else None
            end = attached.end() if attached else refined.end()
        year = _YEAR.match(text, end) if _MONTH_END.search(text, first.start(), end) else None
        start = first.start()
        lead = None if _DEADLINE.match(first.group()) else _DEADLINE_BEFORE.search(text, max(0, start - 16), start)
        return _tidy(original[lead.start() if lead else start:year.end() if year else end])  # "by mid April", not "mid April"
    if asked:
        return _bare_answer(original, text)
    alone = _SEASON_ALONE.fullmatch(text)
    return _tidy(original[alone.start("when"):alone.end("when")]) if alone else None


def _alone_in_its_clause(text: str, match: re.Match[str]) -> bool:
    """Nothing but the time at `match` in its clause: "в апреле-мае" narrows a season, "my parents visit in May" does not."""
    clause = _clause(text, match)
    return clause.strip(" ,—–-") == match.group()


def _done_in_its_clause(clause: str) -> bool:
    """The clause of a time tells of something done then, in the past tense, and of nothing wanted (see `_PAST_RU`)."""
    if _STILL_WANTED.search(clause):
        return False
    return bool(_PAST_EN.search(clause)) or any(is_past_verb(word.group().lower()) for word in islice(_PAST_RU.finditer(clause), 8))


def _company_said(text: str, match: re.Match[str], matches: list[re.Match[str]]) -> bool:
    """The time at `match` is the company's own, as its sentence says before it (see `_COMPANY_SAID`), with no other
    time nor word of the customer's need between: "вы сказали доставка 3 дня, нам нужно к пятнице" leaves their Friday."""
    start = max([0, match.start() - _COMPANY_SAID_CHARS, *(other.end() for other in matches if other.end() <= match.start())])
    ends = [end.end() for end in _SENTENCE_END.finditer(text, start, match.start())]
    said = _COMPANY_SAID.search(text, ends[-1] if ends else start, match.start())
    return said is not None and not _WANTED.search(text, said.end(), match.start()) and not any(
        said.end() <= other.start() < match.start() for other in matches)


def _since(text: str, match: re.Match[str]) -> bool:
    """The time at `match` is when something began that goes on still (see `_SINCE_BEFORE`)."""
    since = _SINCE_BEFORE.search(text, max(0, match.start() - _EVENT_REACH), match.start())
    return (since is not None and (since.group("still") is None or _FROM.match(match.group()) is not None)
            and not _STILL_WANTED.search(_clause(text, match)))  # "уже с понедельника хотим начать"


def _schedule_asked(text: str, match: re.Match[str]) -> bool:
    """The clause of the time at `match` asks whether the company's course or class runs then (see `_SCHEDULE`)."""
    end = _CLAUSE_END.search(text, match.end(), match.end() + _CLAUSE_REACH)
    return end is not None and end.group() == "?" and _SCHEDULE.search(_clause(text, match)) is not None


def _deadline(text: str, match: re.Match[str]) -> bool:
    """The time at `match` is said as a deadline: "к субботе", "by mid April", "before the viewing on Saturday"."""
    return bool(_DEADLINE.match(match.group()) or _DEADLINE_BEFORE.search(text, max(0, match.start() - 16), match.start())
                or _EVENT_DEADLINE_BEFORE.search(text, max(0, match.start() - 40), match.start()))


def _wanted(text: str, match: re.Match[str]) -> bool:
    """The time at `match` is said as the customer's need, in its clause before it: "need it sorted this month"."""
    ends = [end.end() for end in _CLAUSE_END.finditer(text, max(0, match.start() - _EVENT_REACH * 2), match.start())]
    return bool(_WANTED.search(text, ends[-1] if ends else max(0, match.start() - _EVENT_REACH * 2), match.start()))


def _bare_answer(original: str, text: str) -> str | None:
    """A short reply to "when?" that speaks of time ("через пару месяцев", "2 недели", "15.06"), as a whole, or
    its leading clauses that do when the rest says something else: "октябрь, мы в Истре", "2 weeks or so. Tom"."""
    start = len(text) - len(text.lstrip())
    if first := _UNHURRIED_FIRST.match(text, start):  # "no rush, 2 weeks or so": the rest answers
        start = first.end()
    whole = text[start:].strip().strip(".!,")
    if not 0 < len(whole) <= 100 or _REFUSALS.match(whole) or (
            _HOW_LONG.search(whole) or _NOT_AHEAD.search(whole) or _NOT_WHEN.search(whole) or _CALLBACK.search(whole)
            or _MAYBE_NOT.search(whole) or _past_year(whole)):
        return None
    end = start
    for clause_end in [*(match.start() for match in _CLAUSE_END.finditer(text, start)), len(text)]:
        if not _TIME_WORD.search(_UNHURRIED.sub(" ", text[end:clause_end])):
            break
        end = clause_end
    bare = text[start:end].strip().strip(".!,")
    if not bare or len(bare) > 60 or len(bare.split()) > 6 or text[end:end + 1] == "?":
        return None
    return _tidy(original[start:end].strip().strip(".!,"))


def _in_a_past_year(text: str, match: re.Match[str]) -> bool:
    """The time is in a year gone by ("in March 2019", "поставили в мае 2021"): what happened, not when the customer needs it."""
    year = _YEAR.match(text, match.end())
    return _past_year(match.group() + (year.group() if year else ""))


def _past_year(phrase: str) -> bool:
    return any(int(year) < datetime.now(UTC).year for year in _YEAR_DIGITS.findall(phrase))


_PROPER = LazyPattern(rf"(?:{_WEEKDAYS_EN}|{_WEEKDAYS_SHORT_EN}|{MONTHS_EN}|{_HOLIDAYS_EN})\b", re.IGNORECASE)


def _tidy(phrase: str) -> str:
    """The phrase on one line, lower-cased at its start unless English writes it with a capital ("Thursday the 9th")."""
    phrase = " ".join(phrase.split())
    if phrase.isupper():
        return phrase.lower()
    if len(phrase) > 1 and phrase[0].isupper() and not phrase[1].isupper() and not (phrase.isascii() and _PROPER.match(phrase)):
        return phrase[0].lower() + phrase[1:]
    return phrase
