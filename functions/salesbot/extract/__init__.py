"""The offline engine's parsers: what one customer message says about the lead.

Deterministic and local: contacts through libphonenumber and strict patterns, money, area,
places, timing, names and needs through patterns that know Russian and English. A contact is
returned only when it is written in the message itself.

    from salesbot.extract import extract_lead, detect_language
    lead = extract_lead("Меня зовут Анна, 8 912 345-67-89", settings=settings, asked=None)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from itertools import islice
from typing import Literal

from salesbot.extract.area import find_area_m2
from salesbot.extract.budget import (
    CORRECTED,
    QUOTED,
    Money,
    budget_in_words,
    currency_for_region,
    find_money,
    lends,
    local_dollar,
    named_currency,
    paid_monthly,
    parse_budget,
    passed_on,
    said_as_budget,
    said_as_even,
    said_for,
    stretched_to,
)
from salesbot.extract.country import countries_by_adjective, country_cues
from salesbot.extract.emails import find_emails, find_split_email, is_company_address, is_department_mailbox
from salesbot.extract.language import conversation_language, detect_language
from salesbot.extract.location import PLACE_WORDS, find_location, find_place, known_place_as_said, takes_back
from salesbot.extract.messengers import find_telegram, whatsapp_number
from salesbot.extract.morphology import is_genitive_name, to_cyrillic
from salesbot.extract.names import (
    find_name,
    find_name_span,
    followed_by_post,
    introduced,
    is_first_name,
    is_listed_name,
    opens,
    reply_is_name,
)
from salesbot.extract.need import find_need, match_offering
from salesbot.extract.normalize import as_typed, mask, normalize
from salesbot.extract.others import is_post, is_someone_else, shares_contact
from salesbot.extract.patterns import LazyPattern
from salesbot.extract.phones import (
    find_phones,
    find_unverified_phones,
    is_business_line,
    is_fax,
    may_be_dictated,
    phone_regions,
)
from salesbot.extract.retractions import CONTACT_WORD, given_up_at, no_date_after, retracted
from salesbot.extract.spoken import spoken_runs
from salesbot.extract.timeline import find_timeline
from salesbot.extract.wordlists import is_place
from salesbot.lead import BUDGET_FIELDS, PHONE_UNVERIFIED, taking_back
from salesbot.models import LEAD_FIELDS, BotSettings, ExactPrice, FromPrice, LeadData, Price, RangePrice

__all__ = [
    "Money",
    "company_currency",
    "currency_for_region",
    "detect_language",
    "extract_lead",
    "find_area_m2",
    "find_emails",
    "find_location",
    "find_money",
    "find_name",
    "find_need",
    "find_phones",
    "find_timeline",
    "find_unverified_phones",
    "match_offering",
    "normalize",
    "parse_budget",
]

# A bare number answering "what is your budget?" is taken as the whole amount only from here up:
# "300" for a flat means 300 thousand or million, and guessing which would be inventing it.
_SMALLEST_BARE_BUDGET = Decimal(1000)
_SMALLEST_MONEY = Decimal(100)  # below this a bare figure is money only on the scale of a known budget
_SOFT_HEAD, _SOFT_TAIL, _AROUND_CONTACT = 2000, 1000, 200
_BUDGET_TEXT_CHARS = 200
_SHORT_NOTE_WORDS = 12  # a currency named on its own is a note about the budget only in a short message
_EARLIER_READ = 12  # earlier customer messages that can tell the country or finish a split phone number
_TRAILING_DIGITS = LazyPattern(r"(?:\+\s?)?\d[\d ()\-]{1,20}$")
_LEADING_DIGITS = LazyPattern(r"^\s*[-–.…]{0,3}\s*\d[\d ()\-]{0,20}\d")  # "-67-05", "...71 19" finishing "8 (903) 221"
_NON_DIGITS = LazyPattern(r"\D")
_CYRILLIC_LETTER, _LATIN_LETTER = LazyPattern(r"[А-Яа-яЁё]"), LazyPattern(r"[A-Za-z]")
_DIGITS = LazyPattern(r"\d(?:[\s()+-]{0,3}\d){3}")
# Words that make a later number replace an earlier one, in one message or the next: a correction
# ("ой, точнее", "scratch that"), a preference ("лучше на", "instead") or a number given up ("старый",
# "больше не работает", "no longer").
_REPLACES = LazyPattern(
    r"(?i)(?<!\w)(?:нет|ой|точнее|вернее|ошиб\w*|неправильн\w*|правильн\w*|исправ\w*|sorry|oops|i mean|correction|actually"
    r"|wrong|typo|scratch that|make that|лучше|вместо|нов\w*|теперь|сменил\w*|поменял\w*|актуальн\w*|стар\w*|больше не"
    r"|не работает|не пользуюсь|недоступ\w*|instead|rather|better|new|now|changed|old|no longer|use|doesn't work|not working"
    r"|out of service|dead|best"
    # A line the writer is hardly ever at: "desk is 020 ... but I'm never at it, ring my mob ...".
    r"|never|rarely|seldom|hardly|никогда|редко"
    # The writer turning from a line to themselves: "the restaurant line is ... but ask for me on my cell, ...".
    r"|(?:but|но)\s+(?:[^\W\d_]+\s+){0,4}?(?:me|мне|меня)(?!\w))(?!\w)")
# Which of the numbers given the writer would rather be called on: "звоните лучше на мобильный", "best on my cell".
_PREFERRED = LazyPattern(
    r"(?i)(?<!\w)(?:(?:лучше|предпочтительн\w*|желательно|best|prefer\w*|preferably|better|ideally)\s+(?:(?:на|по|on|to|use|call|the|my)\s+){0,2}"
    r"(?P<kind>[^\W\d_]{3,})"
    # ...or the kind first: "the mobile is better", "мобильный лучше".
    r"|(?:the|my|a)?\s?(?P<kind_first>[^\W\d_]{3,})(?:\s(?:one|number))?\s(?:is|'s)?\s?(?:better|best|preferred|лучше|предпочтительн\w*)(?=\s*(?:$|[,.;!)])))")
_LABEL_CHARS = 20
_LABEL_STOP = LazyPattern(r"[,;:.!?\n]")
# Words that give a later number as one more way to reach the writer: the first one stays theirs.
_ADDS = LazyPattern(
    r"(?i)(?<!\w)(?:ещ[её]|также|тоже|или|дополнительн\w*|запасн\w*|втор\w*|рабоч\w*|домашн\w*|стационарн\w*|городск\w*"
    r"|also|another|second|backup|alternative|alternate|as well|too|or|work|office|landline|home)(?!\w)")
_SENTENCE_END = LazyPattern(r"[.!?\n]")
_PRICE_NAMED = LazyPattern(r"(?i)(?<!\w)(?:за|for|at|@|по|стоит|costs?|price[ds]?)\s?[$€£₽]?\s?$")
_BELARUSIAN = LazyPattern(r"(?i)белорус\w*|бел\.?\s?р")
_RUSSIAN_ROUBLES = LazyPattern(r"(?i)российск\w*|рос\.\s?рубл\w*|рубл\w* (?:росси\w*|рф)\b|\brub\b|\brur\b")
_WORD = LazyPattern(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
# Whose a contact is when it is not the writer's, besides the people of `extract.others`: another
# business's or the company's own line ("your hotline", "телефон с сайта", "the shop's number").
_OTHER_LINE = (
    r"горяч\w* лини\w*|сайт\w*|объявлени\w*|реклам\w*|визитк\w*|листовк\w*|вывеск\w*"
    r"|(?:его|е[её]|их|ваш\w*)(?=(?: [^\W\d_]+){0,2} (?:номер|телефон|тел|почт|мобильн|сотов|e-?mail|имейл|сайт|реклам|объявлен|визитк|страниц"
    r"|ватсап|вацап|вотсап|whatsapp|вайбер|viber|телеграм|telegram))"
    r"|hotline|helpline|site manager|website|advert\w*|(?:the|that|this) ad|flyer|listing|авито|avito|next door"
    # An assistant, as abbreviated: "my PA, Jenny, on ...", "Jenny (my PA) ..." (a state's code is no one's: "Erie, PA").
    r"|(?:my|our|his|her|their)\s+(?-i:PA|EA)(?!\w)"
    r"|(?:shop|store|garage|dealer\w*|office|clinic|company|firm)(?=['’]s)"
    # An owner the writer is not: a past one, or one whose number it is ("Jane, owner of ..." may sign the writer's own).
    r"|(?:previous|former|old|prior|last)\s+owner|owner(?=['’]s)|(?:бывш|прежн|предыдущ|стар)\w*\s+(?:владел|собственни|хозя)\w*"
    r"|(?:номер\w*|телефон\w*)\s+(?:владел|собственни)\w*"
    # The building's management or desk: "телефон УК", "номер диспетчерской", "HOA phone", "the front desk's number".
    r"|(?:номер\w*|телефон\w*|контакт\w*)\s+(?:управляющ\w*\s+компани\w*|ук|тсж|жэк|жск|дэз|диспетчер\w*)(?!\w)"
    r"|(?:hoa|management company|property manager|building manager|front desk|reception|concierge)(?=(?:['’]s)?\s+(?:phone|number|line))"
    # ...with a word or two between: "his aussie mobile", "её рабочий номер".
    r"|(?:his|her|their|your)(?=(?: [^\W\d_]+){0,2} (?:number|phone|cell|mobile|e-?mail|line|landline|office|site|website|ad|advert|flyer|listing|page|van"
    r"|whatsapp|viber|telegram|signal|wechat))"
    # A number the writer dialled is whom they called, not theirs: "I rang the office on ...", "звонил в офис по ...".
    r"|(?:звонил\w*|дозвонил\w*|набирал\w*|rang|called|dialled|dialed|tried)(?:\s+(?!(?:me|мне|мой|my)(?!\w))[^\W\d_]+){0,2}"
    r"\s+(?:на|по|on|to)(?=[\s:]*$)"
    # ...and one that rang the writer: "missed call from ...", "мне звонили с ...", "курьер звонил с номера ...".
    r"|(?:(?:missed|a|got a|had a|received a)\s+calls?|(?:мне\s+)?звонили(?:\s+мне)?|пропущенн\w*(?:\s+звон\w*)?)"
    r"\s+(?:from|с|со)(?:\s+(?:the\s+)?(?:number|номера))?(?=[\s:]*$)"
    # ... and an address the writer wrote to: "I emailed sales@... already", "писал на info@..." (not "email me at").
    r"|(?:e-?mailed|messaged|wrote to|sent (?:\w+\s){0,2}to|(?:на)?писал\w*\s+(?:вам\s+)?на|отправ(?:ил|ляла?)\w*(?:\s+\w+){0,2}\s+на)(?=[\s:]*$)"
    # ... or dialled, the number right after the verb: "I tried 0117 ... yesterday", "набирала 8 800 ...".
    r"|(?:tried|dialled|dialed|набирал\w*)(?=[\s:]*$)"
    # Someone reached as the object of the sentence: "coordinate with her at ...", "звоните ему на ...".
    r"|(?:him|her|them|ему|ей|ним|ней|ними)(?= (?:at|on|via|на|по)\b)"
    # ... or sent something: "send the voucher straight to her: ...", "отправьте сертификат сразу ей на почту ...".
    r"|(?:send|forward|post|e-?mail|отправ\w*|пришл\w*|перешл\w*|скинь\w*)(?:\s+[^\W\d_]+){0,3}?\s+"
    r"(?:(?:straight|directly|сразу|напрямую)\s+)?(?:to\s+(?:him|her|them)|ему|ей|им)(?:\s+на\s+(?:почту|e-?mail|имейл))?(?=[\s:,—–-]*$)"
    # Someone named as whose the number is: "Dave's cell", "number for Dave" ("номер Сергея": `_NUMBER_OF_NAMED`).
    r"|(?-i:[A-Z][a-z]+)(?=['’]s (?:number|phone|cell|mobile|line|landline|contact|details|e-?mail))"
    # ...or something's, or an abbreviated post's: "the hall's number", "the venue's landline", "my PA's email" (the
    # writer's own is "my", never a possessive).
    r"|(?:[^\W\d_]{3,}|(?-i:[A-Z]{2,5}))(?=['’]s (?:[^\W\d_]+ )?(?:number|phone|cell|mobile|line|landline|contact|details|e-?mail|whatsapp))"
    r"|(?:number|phone|cell|mobile|contact)\s+(?:for|of)\s+(?-i:[A-Z][a-z]+)"
)
# Who to reach by name ("звоните Сергею", "ring Tom on", "спросите Ольгу", "coordinate with Dave", "ключи у Сергея"):
# someone else when the writer gives a contact of their own.
_CALL_NAMED = (r"(?:звоните|звонить|позвоните|позвонить|набирайте|наберите|пишите|напишите|спросите|спрашивайте|call|ring|text"
               r"|try|reach|contact|ask for|(?:свяжитесь|связаться|договоритесь|договориться|созвонитесь)\s+со?"
               r"|(?:coordinate|speak|talk|liaise|deal)\s+(?:with|to)|(?:на месте|на объекте|дома)\s+будет|будет\s+(?:на месте|на объекте|дома))")
# Of those, whom to ask for, who is often the writer: "ask for Gareth at reception, 0161 ...".
_ASK_FOR_VERB = LazyPattern(r"(?i)спросите|спрашивайте|ask for")
# Who has the keys or lets the company in, named after: "the keys are with Mrs Patel at no. 12, 07922 ...", "встретит
# Сергей": someone else, whoever writes (the writer would say "me").
_KEYS_WITH = r"(?:(?:ключи|keys?)\s+(?:are\s+|will be\s+)?(?:у|with)|встретит|откроет|покажет)"
# ...or who will be there or see to the booking, named first: "Mike will be there to let you in", "Dave has the keys",
# "Сергей встретит", "Linda Carr will coordinate", "Инна будет на связи" (with `_KEYS_WITH`, someone else whoever writes).
_NAMED_ON_SITE = (r"\s+(?:(?:will|'ll|can|is going to)\s+(?:be there|be home|be on site|meet|let|show|open|coordinate|organi[sz]e"
                  r"|arrange|handle|be (?:the )?(?:point of )?contact|be in touch)|has the keys"
                  r"|встретит|откроет|покажет|будет на (?:месте|объекте|связи)|будет (?:координировать|всё организовывать)"
                  r"|координирует|всё организует)")
# ...or someone to reach, as a pronoun: "звоните ему, 8 702 ...", "call her: 07911 ...", "свяжитесь с ним".
_CALL_THEM = (rf"(?:{_CALL_NAMED}|e-?mail|message|write to)\s+(?:him|her|them|ему|ей|им|ним|ней|ними)"
              r"(?:\s+(?:directly|instead|too|also|напрямую|лично|тоже))?(?=\s*[,:—–-]?\s*$)")
# Someone the writer names by their post among "us" or "mine", their first name after it, perhaps in apposition ("наш
# механик Виктор", "our accounts lady Sharon", "our CTO Meenakshi", "my lawyer Dan", "наш ивент-менеджер Стас", "Our ops
# lead, Rachel Kim, will coordinate"): someone else, whose contact follows.
_POST_BEFORE = LazyPattern(
    r"(?i)(?<![\w'])(?:our|my|наш\w{0,3}|мо(?:й|я|ё|е|и|его|ему|ей|ю|им|ими|их))"
    r"(?:\s+(?!(?:name|имя|зовут|is|это|номер\w*|телефон\w*|почт\w*|number|phone|mobile|cell|e-?mail)(?!\w))"
    r"(?-i:[a-zа-яё]+(?:-[a-zа-яё]+)?|[A-ZА-ЯЁ]{2,5})){1,2},?\s+$")
_APPOSITION_CLOSED = LazyPattern(r"(?:[ ][A-ZА-ЯЁ][a-zа-яё'’-]+)?[ \t]*,")  # "Rachel Kim,": the surname, then a comma
# The writer, or the business they write for ("наш 8 812 ...", "our office line").
_SELF = (r"мне|мной|мною|нам|нас|мой|моя|мои|мою|меня|я|сам[аи]?|наш[аеиу]?|нашего|нашей|me|my|mine|i|i'm|im|i'd|i'll|i've"
         r"|myself|we|we'd|we'll|we've|us|our")
_WHOSE_BEFORE = LazyPattern(
    rf"(?i)(?<![\w'])(?:(?P<other>{_OTHER_LINE}|{_CALL_THEM})|(?P<named>{_CALL_NAMED}\s+(?:(?:my|our|моему|моей|нашему|нашей)\s+)?"
    rf"(?-i:[A-ZА-ЯЁ][a-zа-яё]+))|(?P<on_site>{_KEYS_WITH}\s+(?-i:[A-ZА-ЯЁ][a-zа-яё]+)|(?-i:[A-ZА-ЯЁ][a-zа-яё]+(?:\s[A-ZА-ЯЁ][a-zа-яё]+)?){_NAMED_ON_SITE})"
    rf"|(?P<number_of>(?:номер|телефон|контакт)\w*\s+(?-i:[А-ЯЁ][а-яё]+))"
    rf"|(?P<self>{_SELF})|(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*))(?:['’]s)?(?![\w'’])")
# A person's word alone after the number, ending the clause, labels it: "8 916 765 43 21 муж", "07922 654321 wife".
_LABEL_AFTER = LazyPattern(r"[ \t]+(?P<word>[^\W\d_]+(?:['’]s)?)[ \t]*(?:[.,;!)\n]|$)")
# After the number, whose it is: "8 916 ... (это жены)", "07911 ... - that's my PA", "... is my accountant's", "... is hers".
_WHOSE_AFTER = LazyPattern(
    r"(?i)\s?(?:\(|[—–-](?:\s*(?:это|that's|thats)(?!\w))?|,?\s?(?:это|is|that's|thats|belongs to)(?!\w))\s*(?:(?:это|is)\s+)?"
    r"(?:(?:номер|телефон|почта|the|a|моей|моего|моя|мой|наш\w*)\s+){0,2}(?:(?-i:[A-ZА-ЯЁ][a-zа-яё]+),?\s+)?"
    # "my" is read as part of whose line it is when it can be ("(my PA)"), else before the person's word ("(my wife)").
    rf"(?:(?P<other>{_OTHER_LINE})|(?P<theirs>his|hers|theirs|его|её|ее|их)|(?:(?:my|our)\s+)?(?P<word>[^\W\d_]+(?:['’]s)?))(?![\w])")
# The writer saying what they are or whose place they are at ("я прораб", "I'm a plumber", "работаю электриком",
# "I'm Anna's husband", "я сейчас у дочери", "I'm staying at my son's"): the word after is no one else, and the
# number in that clause stays the writer's own.
_SELF_DESCRIBED = LazyPattern(
    r"(?i)(?<![\w'])(?:я|i'm|im|i am|we're|we are|работаю|работаем|i work as|we work as)\s+"
    r"(?:(?:сам|сама|сами|тоже|также|ведь|же|сейчас|пока|у|a|an|the|also|just|myself|now|staying|at|[^\W\d_]+['’]s)\s+){0,2}"
    r"(?:(?<=\bat )my\s+)?$")
# A name, then a relative's word in apposition to it, perhaps after whose: "Lucy (Tom's ", "Анна, ".
_NAME_APPOSED = LazyPattern(r"(?<![\w'’])[A-ZА-ЯЁ][a-zа-яё]+\s*[,(]\s*(?P<whose>[A-ZА-ЯЁ][a-zа-яё]+['’]s\s+)?$")
# A person named by whose they are and a word or two, then their contact: "my PA, ", "мама, ", "my office manager) ";
# perhaps after a few words of what that person will do: "manager, will coordinate: ", "бухгалтер, будет на связи: ".
_MINE = r"(?i:my|our|his|her|мо[йяеи]|наш[аеи]?)\s+"
_APPOSED_PERSON = LazyPattern(rf"(?:{_MINE})?(?-i:[a-zа-яё]+(?:-[a-zа-яё]+)?|[A-ZА-ЯЁ]{{2,5}})(?:\s+(?-i:[a-zа-яё]+))?"
                              rf"(?:,\s*(?-i:[a-zа-яё]+)(?:\s+(?-i:[a-zа-яё]+)){{0,2}})?[\s,:;)—–-]*")
# ... and the name opening the sentence before them, a surname too, and a word of the post before the person's: "Jenny, ",
# "Анна, моя ", "Linda Carr, our office ".
_NAME_BEFORE_PERSON = LazyPattern(rf"(?:^|(?<=[.!?\n])\s*)[A-ZА-ЯЁ][a-zа-яё]+(?:[ ][A-ZА-ЯЁ][a-zа-яё'-]+)?\s*[,(]\s*"
                                  rf"(?:{_MINE}(?-i:[a-zа-яё]+\s+)?)?$")
_NAMED_AFTER = LazyPattern(r"\s+(?P<name>[A-ZА-ЯЁ][a-zа-яё]+)")
# The writer's name as the contact they give or sign with, then their post: "Contact: Hollis Greenaway, practice
# manager, 07384 ...", "С уважением,\nИрина Котова, бухгалтер, 8 916 ..." (not "Иван Петрович, продавец, 8 916 ...");
# or opening the message or a line, then a post the writer may hold (`others.is_post`): "Jane Doe, Office Manager, 07911 ...",
# "Ирина Котова, главный бухгалтер, 8 916 ...".
_NAME_THEN_POST = LazyPattern(
    r"(?:(?i:contact|контакт\w*|regards|thanks|cheers|с уважением)[\s:,\-—–]*|(?P<opening>(?:^\W*(?:(?i:hi|hello|hey|good (?:morning|afternoon|evening)|здравствуйте|привет|добрый (?:день|вечер)"
    r"|доброе утро)\W+)?|\n[ \t]*)))"
    r"(?:[A-ZА-ЯЁ][a-zа-яё'’-]+\s+){0,2}[A-ZА-ЯЁ][a-zа-яё'’-]+\s*(?:,|\s[-—–])\s*"
    r"(?:(?!(?i:my|our|his|her|their|мо[йяеи]|наш\w*|его|е[её]|их)\s)[^\W\d_]+\s+)?$")
# The person the writer speaks of recommended the company or gave them its number: the number that follows is the
# writer's own ("my friend Sarah recommended you, 07911 ...", "сын посоветовал вас, 8 916 ...").
_REFERRED_US = LazyPattern(
    r"(?i)(?:,?\s+(?-i:[A-ZА-ЯЁ][a-zа-яё]+))?,?\s+(?:recommended|referred|suggested|told me about|gave me your|sent me|посоветовал\w*"
    r"|порекомендовал\w*|рекомендовал\w*|дал\w* ваш|скинул\w* ваш)(?!\w)")
# The writer and the person together, whose number it is: "мы с мужем, 8 916 ...", "we (me and my wife) are on ...".
_TOGETHER = LazyPattern(r"(?i)(?:(?<!\w)мы\s+с|(?<!\w)me\s+and|(?<!\w)я\s+и)\s+(?:(?:my|the|моим|моей|моими)\s+)?$")
_TOGETHER_AFTER = LazyPattern(r"(?i)\s+(?:и\s+я|and\s+i|and\s+me)(?!\w)")
# The trade or help the writer is looking for, not a person whose contact it is: "нужен электрик срочно, 8 916 ...",
# "ищу прораба", "looking for a roofer, 07911 ...", "we need an electrician".
_SOUGHT = LazyPattern(
    r"(?i)(?<!\w)(?:нуж(?:ен|на|ны|но)|ищу|ищем|ищете|требу\w*|вызвать|найти|нанять|подбер\w*|посоветуйте|need(?:s|ed)?|looking for"
    r"|look for|want(?:s|ed)?|hire|hiring|book(?:ing)?|find(?:ing)?|require[ds]?|seeking|after)"
    r"(?:\s+(?!(?:my|our|his|her|their|мо\w+|наш\w*|его|е[её]|их|номер\w*|телефон\w*|контакт\w*|number|phone|contact)(?!\w))[^\W\d_]+){0,2}\s+$")
# Who to deal with, named by their post before the name: "Контактное лицо — прораб Игорь", "contact person site manager ...",
# "Контактное лицо — наш прораб Игорь" (the name read after the post).
_CONTACT_PERSON = LazyPattern(
    r"(?i)(?:контактное лицо|contact person)\s*[:\-—]?\s*(?:(?:our|the|наш\w*)\s+)?(?:[^\W\d_]+\s+){0,2}$")
# "8 800 555 35 35 с вашего сайта", "1-800-555-0100 from your website": the company's own line; "... from the ad",
# "... из объявления": whoever placed it.
_QUOTED_FROM = LazyPattern(
    r"(?i)\s?,?\s?(?:(?:с|на|из|в|from|on|in)\s(?:вашего|вашем|вашей|your)\s|(?:from|on|in|off)\s(?:the|an|a|that|this)\s"
    r"(?:ad|advert|listing|flyer|sign|poster)(?!\w)|(?:с|на|из|в)\s(?:объявлени\w*|авито|avito|реклам\w*|визитк\w*)(?!\w))")
# Not the point of a title or of "тел." ("my dentist Dr. Lee, 212-555-...", "объявление: ..., тел. 8 912 ..."): the clause goes on.
# Text the writer quotes or forwards (an ad, someone's message): «...», “...”, "...", '...' (not an apostrophe's).
_QUOTATION = LazyPattern(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"|(?<!\w)'(?:[^']|'(?=\w))*'(?!\w)")
# An emoji ends a clause as a full stop does: "мобильный шефа не даю 🙂 почта ..." gives the writer's own after it.
_CLAUSE_END = LazyPattern(r"[!?;\n\U0001F300-\U0001FAFF\u2600-\u27BF]|(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bтел)(?<!\bTel)(?<!\btel)(?<!\bмоб)(?<!\bno)(?<!\bNo)\.")
# After a contact, the writer asking whether it is the company's: "8 912 ..., это вы?", "info@...? это ваша почта?", "... your number?".
_ASKED_IF_YOURS = LazyPattern(
    r"(?i)\s?\??\s*,?\s*(?:(?:(?:а\s)?это|is (?:this|that|it)|this is|that's)\s(?:(?:не|not)\s)?)?(?:вы|вас|you|yours|(?:ваш\w*|your)(?:\s\w+){0,2})\s*\?")
# After the number, that it rang the writer: "someone from 0117 ... called me", "8 495 ... звонили мне".
_RANG_AFTER = LazyPattern(r"(?i)\s+(?:has\s+|had\s+|just\s+)?(?:called|rang|phoned|texted|звонил\w*|звонят)\s+(?:me|us|мне|нам)(?!\w)")
_WHOSE_CHARS = 60
_MAX_QUOTES = 20


def extract_lead(
    text: str, *, settings: BotSettings, asked: str | None = None, earlier: Sequence[str] = (),
    known: LeadData | None = None,
) -> LeadData:
    """What one customer message states, read in its conversation; fields it does not state stay None.

    `asked` is what the bot asked for just before (a lead field from models.LEAD_FIELDS, or a
    contact or a callback number, which a bare reply answers as a phone: the parsers find an email
    in any case); it lets a bare reply ("Анна", "Казань", "к лету", "5 000 000") be understood as that field. A
    question back ("а вы где?") answers nothing. `earlier` are the customer's previous messages,
    oldest first: they tell which country's format a national phone number is in, and finish a
    number split over two messages ("8 916 000" then "11 22"). `known` is the lead so far: "ну до 70"
    after a budget of 40 thousand means 70 thousand. Contacts are read first and blanked out, so
    their digits are never taken for money or area, and a reply that is only a contact is not also
    read as a name or a place. The company's own phones and Telegram (`settings.contacts`) quoted back
    are never the customer's; a WhatsApp number and a Telegram username are read by `extract.messengers`.
    """
    typed, text = text, normalize(text)
    earlier = [normalize(turn) for turn in earlier[-_EARLIER_READ:]]
    # Asked for a contact Telegram would do, a lone word is a username; one WhatsApp would do but no
    # phone call, a number is WhatsApp's.
    accepted, contact_asked = settings.customer_contacts, asked == "contact"
    if asked in ("contact", "callback"):
        asked = "phone"
    if asked not in LEAD_FIELDS or text.rstrip().endswith("?"):
        asked = None
    regions = [settings.region]
    if _DIGITS.search(text) or may_be_dictated(text):  # the country matters only for a number to read
        english = conversation_language([text, *reversed(earlier)]) == "en"
        # A country's adjective beside the number ("мой польский ...", "my Canadian cell") before all other
        # cues, then a country this message names ("still on my UK mobile" in a chat about a flat in Hamburg)
        # before those of the messages before it.
        # Russian written in Latin letters in a chat that is not in English is read in Cyrillic too: "nomer rossijskij",
        # "ya v Kazani zhivu" are cues as "номер российский", "я в Казани живу" are.
        read = [text, to_cyrillic(text)] if not english and _latin_only(text) else [text]
        adjectives = countries_by_adjective(" ".join([*earlier[-1:], *read]))
        cues = [*adjectives, *country_cues(read, english=english), *country_cues(earlier, english=english)]
        regions = phone_regions(settings.region, cues)
    own = set(settings.contacts.phones())
    found_phones = find_phones(text, regions)
    # A business's number, or a fax line ("Fax: 0161 ..."): no number to call the writer on.
    businesses = {number for number, span in found_phones if number in own or is_business_line(number) or is_fax(text, span)}
    phones = [found for found in found_phones if found[0] not in businesses]
    quoted = [span for number, span in found_phones if number in businesses]  # no money, no name
    if not phones and earlier:
        phones = [found for found in _split_phone(earlier[-1], text, regions) if found[0] not in own]
    # Read beside valid numbers too, which may turn out to be someone else's: "Ольга, +375 25 ...(unlisted).
    # Если не дозвонитесь, муж Андрей: +375 33 ..." gives the writer's own number unverified.
    unverified = [found for found in find_unverified_phones(text, regions, expected=asked == "phone")
                  if found[0] not in own and not any(_overlap(found[1], span) for _, span in found_phones + phones)]
    quoted += [span for _, span in unverified if is_fax(text, span)]
    unverified = [found for found in unverified if found[1] not in quoted]
    if not phones and not unverified and earlier and (asked == "phone" or CONTACT_WORD.search(earlier[-1])):
        # "my number is 07700 900" / "123": a range libphonenumber does not list, split over two messages.
        unverified = [found for found in _split_phone(earlier[-1], text, regions, unverified=True) if found[0] not in own]
    found_emails = find_emails(text) or (find_split_email(earlier[-1], text) if earlier else [])
    emails = [found for found in found_emails if not is_company_address(found[0], settings.contacts)]
    quoted += [span for found in found_emails if found not in emails for _, span in [found]]  # the company's own
    # Read with every contact blanked out: "собака" in an e-mail written to dodge bots is no dog.
    contact_spans = [span for _, span in phones + unverified + emails]
    blanked = mask(text, contact_spans)
    owners = {span: _whose(blanked, span) or _whose_said_before(earlier, blanked, span) for span in contact_spans}
    # A department's mailbox the paperwork goes to gives way to the writer's own address beside it ("send the quote to
    # accounts@..., cc me at mara@..."); alone, it is the customer's firm's address, where the answer reaches them.
    routed = {span for address, span in emails if owners[span] is None and is_department_mailbox(address, blanked, span[0])}
    if any(owners[span] is None and span not in routed for _, span in emails):
        owners.update({span: ("other", span) for span in routed})
    writers_own = (any(owner is None for owner in owners.values())
                   or (known is not None and (known.phone is not None or known.email is not None)))
    writers_phone = (any(owners[span] is None for _, span in phones + unverified)
                     or (known is not None and known.phone is not None))
    others = {span: words for span, owner in owners.items() if owner is not None
              for kind, words in [owner] if kind == "other" or (writers_phone if kind == "asked_for" else writers_own)}
    given = {kind for kind, found in (("phone", found_phones + phones + unverified), ("email", found_emails)) if found}
    # Only one said to be another's or given up: "ask for Olga, 07700 900123" may be the stored Olga's own.
    another = {span for span, owner in owners.items() if owner is not None and owner[0] == "other"}
    disowned = {kind: {value for value, span in found if span in another}
                for kind, found in (("phone", phones + unverified), ("email", emails))}
    phones, unverified, emails = ([found for found in contacts if found[1] not in others]
                                  for contacts in (phones, unverified, emails))
    unverified = [] if phones else unverified  # a number libphonenumber confirms is the one to call
    telegrams = find_telegram(mask(text, [span for _, span in emails]), settings.contacts.telegram,
                              bare_reply=contact_asked and "telegram" in accepted)
    spans = [span for _, span in phones + unverified + emails + telegrams] + list(others.values()) + quoted
    rest = _soft_view(mask(text, spans), spans)
    contact_only = bool(phones or unverified or emails or telegrams) and len(rest.split()) <= 3

    budget = _budget(rest, settings, asked=asked == "budget", known=known)
    need = find_need(rest, settings, asked=asked == "need", free_text=asked in (None, "need"))
    # The name before the place: "Darnell Washington" is a man, and "ирина владимировна" answers
    # "what is your name?" even when the bot had asked where: what the bot asked says little, for
    # people answer the question they expected. A short reply that a dictionary of places knows and
    # that reads as a name only through a dictionary of names ("Katy TX") is a place, unless the
    # bot asked for the name.
    place = find_place(rest)
    if not place and asked == "location" and not contact_only and len(rest.split()) <= 3:
        # A bare reply to "where?" that the world knows as a place though a dictionary of names
        # knows it too ("Jesmond", "Chelsea") is the place, unless our own list of names holds it.
        place = find_place(rest, asked=True)
        place = place if place and is_place(place.name) else None
    # Asked for the name or a contact, a reply that is only a first name is the name, whatever shares it ("Brooklyn Tate").
    name_reply = asked in ("name", "phone") and not contact_only and reply_is_name(
        rest, name_asked=asked == "name", when_known=bool(known and known.timeline))
    name_asked = (asked == "name" or name_reply) and not contact_only and (not place or name_reply) and not match_offering(rest, settings)
    named = find_name_span(rest, asked=name_asked, known_places=frozenset() if name_reply else PLACE_WORDS,
                           known_name=known.name if known else None,
                           place_asked=asked == "location", contacts=[span for _, span in phones + unverified + emails + telegrams],
                           others=list(others.values()))
    town_with_state = bool(named and place and place.name.startswith(f"{named[0]}, ") and place.name[-2:].isupper())  # "Kyle, TX"
    # "It's Kemi" is who writes, not where, unless the bot asked where or the place was named before ("It's Leura, in the
    # Blue Mountains" of the rental in Leura).
    introducing = bool(named and asked != "location" and introduced(rest, named[1][0])
                       and not any(named[0].casefold() in said.casefold() for said in earlier))
    if named and place and asked != "name" and not introducing and not name_reply and not followed_by_post(rest, named[1][1]) and (
            town_with_state or (not is_listed_name(named[0]) and (
            place.name == named[0] or (len(rest.split()) <= 4  # "Maida Vale, near the canal"; not "It's Siobhan from Galway"
                                       and set(place.name.casefold().split()) & set(named[0].casefold().split()))))):
        named = None
    if named:
        place = find_place(mask(rest, [_name_words(rest, named)]))
    elif asked == "location" and not place:
        place = find_place(rest, asked=not contact_only)
    if place and place.residence and known is not None and known.location and not _replaces_known_place(
            known.location, earlier, asked=asked == "location" or takes_back(rest)):
        place = None  # "сами мы из Новосибирска" after the flat in Moscow: the need's place stays
    if place and known is not None and known.location and place.name != known.location and place.name in known.location.split(", "):
        place = None  # "Москва, Хамовники", then "Москва, ул. Льва Толстого 16": a detail of the place known, not another
    area = find_area_m2(rest)
    details: dict[str, object] = {"area_m2": area} if area else {}
    phone = _corrected(text, phones)[0] if phones else unverified[0][0] if unverified else None
    if phone and known is not None and known.phone and phone != known.phone and _only_added(text):
        phone = None  # "ещё можно на рабочий ...": the number given first stays the one to call
    if unverified and not phones:
        details[PHONE_UNVERIFIED] = True
    when = find_timeline(rest, asked=asked == "timeline" and not contact_only, events=not (known and known.timeline))
    if when and (said_at := rest.rfind(when)) >= 0 and no_date_after(rest, said_at + len(when)):
        when = None  # "хотели к маю, но даты пока нет": the time said is taken back with the one stored
    timeline = as_typed(when, typed)
    return taking_back(LeadData(
        name=named[0] if named else None,
        phone=phone,
        email=emails[0][0] if emails else None,
        whatsapp=whatsapp_number(text, phone, known_phone=known.phone if known else None,
                                 whatsapp_asked=contact_asked and "whatsapp" in accepted and "phone" not in accepted),
        telegram=telegrams[0][0] if telegrams else None,
        need=need,
        location=place.name if place else None,
        timeline=timeline,
        details=details,
        **(_budget_fields(budget, rest, settings, known, earlier) if budget
           else _currency_named_later(rest, known) or _budget_words(rest, known, asked=asked == "budget")),
    ), known, retracted(text, known, given | ({"timeline"} if timeline else set()), disowned))


def _replaces_known_place(known_place: str, earlier: Sequence[str], *, asked: bool) -> bool:
    """Where the customer lives or is replaces the place known when that one, read again from the message
    that named it, was no more than where they are or come from too ("visiting from Pune", then "we're in
    Wynnum"); and, said in reply to "where?", when it was no site of the work either ("found the car in
    Newry", then "I'm in Drogheda", whose message may read it now as no place of the need at all), never a home or a
    job's site ("a rental in Kirkstall", then "I'm in Harrogate myself"). A message that takes back what was said before
    is read as such a reply, asked or not ("Jersey City", then "oh wait sorry, we're in Hoboken now")."""
    place = known_place_as_said(known_place, earlier)
    if place is None and asked:
        return any(known_place in said for said in earlier)  # its message reads it now as no place of the need at all
    return bool(place and (place.residence or (asked and not place.site)))


def _whose(text: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """Whose the contact at `span` is when the text says it may not be the writer's, and the words that
    say so (to be read as no name of the writer's): "other" when the person or business its clause names
    last before it is not the writer ("звоните мне или жене на ...", "my wife's number is", "your
    hotline") or when what follows says whose it is ("8 916 ... (это жены)", "... is my accountant's");
    "named" when its clause asks to reach someone by name ("звоните Сергею", "ring Tom on"), which is
    someone else only beside a contact of the writer's own; "asked_for" when it names whom to ask for ("ask for
    Gareth at reception, 0161 ..."), often the writer themselves, so someone else only beside a phone of the
    writer's own (not an e-mail: "..., or my email is ..."). A contact the writer gives up or disowns, or was
    given by someone ("my old number was", "... больше не мой", "мне дали номер"), is "other" too."""
    start, end = span
    given_up = given_up_at(text, span)
    if given_up:
        return "other", given_up
    if _quoted_with_words(text, span):
        return "other", span  # "пересылаю: «Сантехник Вася, 8 926 ...»", "Forwarded: 'Call Dave's Kitchens on 07700 ...'"
    clause_start = max(0, start - _WHOSE_CHARS)
    ends = [match.end() for match in _CLAUSE_END.finditer(text, clause_start, start)]
    whose = None
    for match in _WHOSE_BEFORE.finditer(text, ends[-1] if ends else clause_start, start):
        kind, post = match.lastgroup, None
        if kind == "on_site":
            kind = "other"
        elif kind == "named" and _ASK_FOR_VERB.match(match.group()):
            kind = "asked_for"
        elif kind == "other" and is_post(match.group().split()[-1]) and _signed_post(text, match):
            kind = None  # "David Hughes, Site Manager, 07911 ...": the writer's post
        elif kind == "number_of":  # "номер Сергея": a genitive name says whose; "номер Ирина" may sign the writer's own
            kind = "other" if is_genitive_name(match.group().split()[-1]) else None
        elif kind == "word":
            post = _post_before(text, match)
            # The writer's own post and name, opening the message: "прораб Тимур Гасанов 8 928 ..." (not "менеджер дал ...").
            opening_post = is_post(match.group()) and opens(text, match.start()) and _NAMED_AFTER.match(text, match.end()) is not None
            kind = ("other" if (is_someone_else(match.group()) or post is not None) and not opening_post
                    and not _SELF_DESCRIBED.search(text, max(0, match.start() - _WHOSE_CHARS), match.start())
                    and not _self_apposed(text, match) and not _signed_post(text, match) and not _TOGETHER.search(text, max(0, match.start() - 24), match.start())
                    and not _TOGETHER_AFTER.match(text, match.end()) and not _sought(text, match)
                    and not shares_contact(text, match.end(), start) and not _REFERRED_US.match(text, match.end(), start)
                    else None)
        if kind == "other" and _CONTACT_PERSON.search(text, max(0, match.start() - _WHOSE_CHARS), match.start()):
            kind = "self"  # "contact person: site manager Dale Reyes, 07911 ...": the contact the writer gives
        if kind is not None:
            whose = (kind, post if kind == "other" and post is not None else match.start())
    if whose and whose[0] != "self":
        return whose[0], (_apposed_name_start(text, whose[1], start) if whose[0] == "other" else whose[1], end)
    stop = _CLAUSE_END.search(text, end, end + _WHOSE_CHARS)
    after = _WHOSE_AFTER.match(text, end, stop.start() if stop else end + _WHOSE_CHARS)
    if after and (after.lastgroup in ("other", "theirs") or is_someone_else(after.group("word"))) and not (
            after.lastgroup == "word" and shares_contact(text, after.end())):
        return "other", (start, after.end())
    label = _LABEL_AFTER.match(text, end)
    if label and is_someone_else(label.group("word")):
        return "other", (start, label.end("word"))
    quoted = _QUOTED_FROM.match(text, end) or _ASKED_IF_YOURS.match(text, end) or _RANG_AFTER.match(text, end)
    return ("other", (start, end)) if quoted else None


def _apposed_name_start(text: str, words_start: int, contact_start: int) -> int:
    """Where the words that say whose a contact is begin, with the name opening the sentence they stand in apposition to:
    "Jenny, my PA, 07911 ..." is the PA's name and number; not a name with a person of its own after ("Анна, мой муж
    Игорь, 8 916 ..."), one whose person's line it is ("Anna, my husband's number is ..."), nor the writer's introduced
    ("Меня зовут Анна, моя мама 8 916 ...")."""
    if not _APPOSED_PERSON.fullmatch(text, words_start, contact_start):
        return words_start
    name = _NAME_BEFORE_PERSON.search(text, max(0, words_start - _WHOSE_CHARS), words_start)
    return name.start() if name else words_start


def _quoted_with_words(text: str, span: tuple[int, int]) -> bool:
    """The contact at `span` stands inside a quotation with words of its own: someone else's text passed on, not a
    contact put in quotes for itself ("мой номер «8 916 ...»")."""
    if not any(mark in text for mark in "«“„\"'"):
        return False
    return any(quote.start() < span[0] and span[1] < quote.end() and _WORD.search(text[quote.start():span[0]] + text[span[1]:quote.end()])
               for quote in islice(_QUOTATION.finditer(text), _MAX_QUOTES))


def _whose_said_before(earlier: Sequence[str], text: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """Whose the contact opening `text` is, as the previous message said, sent on its own just before:
    "вот номер прораба:" / "8 916 ...", "my old number was" / "212-555-0143". Only a previous message whose
    last clause speaks of a number or a contact is read so: any other is about something else."""
    if not earlier or text[:span[0]].strip():
        return None
    clause = _CLAUSE_END.split(earlier[-1].rstrip())[-1]
    if not CONTACT_WORD.search(clause):
        return None
    joined = f"{clause} {text[:span[1]]}"
    whose = _whose(joined, (len(clause) + 1 + span[0], len(joined)))
    return (whose[0], span) if whose else None


def _post_before(text: str, word: re.Match[str]) -> int | None:
    """Where the post begins when the word is the first name of someone the writer names by it ("our CTO Meenakshi",
    "наш механик Виктор"; not "my german sim"); after a comma, only in an apposition the name closes ("Our ops lead, Rachel
    Kim, will ..."; not "мой главный вариант, Оля 8 916 ...", signed)."""
    if not word.group()[:1].isupper() or not is_first_name(word.group()):
        return None
    post = _POST_BEFORE.search(text, max(0, word.start() - _WHOSE_CHARS), word.start())
    if post and "," in post.group() and not _APPOSITION_CLOSED.match(text, word.end()):
        return None
    return post.start() if post else None


def _sought(text: str, person: re.Match[str]) -> bool:
    """The person's word names the help the writer needs ("нужен электрик", "looking for a roofer"), no one in
    particular; a possessive ("need the plumber's number") names someone."""
    return not person.group().endswith(("'s", "’s")) and _SOUGHT.search(
        text, max(0, person.start() - _WHOSE_CHARS), person.start()) is not None


def _self_apposed(text: str, person: re.Match[str]) -> bool:
    """The person's word describes the writer, named just before it, as someone's relative: "Lucy (Tom's mum)",
    "Анна, мама Кирилла" (a possessive before the word, or a first name in the genitive after it); not "Игорь, жена
    Лена", whose wife is named."""
    before = _NAME_APPOSED.search(text, max(0, person.start() - _WHOSE_CHARS), person.start())
    if before is None:
        return False
    after = _NAMED_AFTER.match(text, person.end())
    return before.group("whose") is not None or (after is not None and is_genitive_name(after.group("name")))


def _signed_post(text: str, person: re.Match[str]) -> bool:
    """The person's word is the writer's post, after the name they give or sign with (see `_NAME_THEN_POST`); not a
    post with a name of its own after it ("Игорь, прораб Сергей ...")."""
    named = _NAME_THEN_POST.search(text, max(0, person.start() - _WHOSE_CHARS), person.start())
    return (named is not None and (named.group("opening") is None or is_post(person.group().split()[-1]))
            and _NAMED_AFTER.match(text, person.end()) is None)


def _latin_only(text: str) -> bool:
    return _LATIN_LETTER.search(text) is not None and _CYRILLIC_LETTER.search(text) is None


def _overlap(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _name_words(text: str, named: tuple[str, tuple[int, int]]) -> tuple[int, int]:
    """Where the name's own words stand in its span: the span of "it's Andriy from Lviv" may run on
    past the name, and the place after it is still to be read ("Это Оксана из Гомеля")."""
    name, (start, end) = named
    stems = {word[:3].casefold() for word in name.replace(".", " ").split()}
    ends = [match.end() for match in _WORD.finditer(text, start, end) if match.group()[:3].casefold() in stems]
    return start, ends[-1] if ends else end


def _corrected(text: str, phones: list[tuple[str, tuple[int, int]]]) -> tuple[str, tuple[int, int]]:
    """Of several numbers in one message, the first ("мой 8 912..., рабочий 8 495..."), unless the
    customer replaces it between them ("8 916 111 22 33, ой, точнее 8 916 111 22 34", "лучше на ...")
    or says which kind to call of the ones they labelled ("... домашний, ... мобильный, звоните лучше на
    мобильный", "home ..., mobile ..., best on mobile")."""
    last = phones[-1]
    if len(phones) > 1:
        preferred = _PREFERRED.search(text, last[1][1]) or _PREFERRED.search(text, 0, phones[0][1][0])
        stem = (preferred.group("kind") or preferred.group("kind_first"))[:4].casefold() if preferred else None
        labelled = [phone for phone in phones if stem and stem in _label(text, phone[1]).casefold()]
        if len(labelled) == 1:
            return labelled[0]
        if _REPLACES.search(text, phones[0][1][1], last[1][0]):
            return last
    return phones[0]


def _label(text: str, span: tuple[int, int]) -> str:
    """The words that stand right beside a number in its own part of the sentence ("домашний", "mobile")."""
    start, end = span
    before = _LABEL_STOP.split(text[max(0, start - _LABEL_CHARS):start])[-1]
    after = _LABEL_STOP.split(text[end:end + _LABEL_CHARS])[0]
    return f"{before} {after}"


def _only_added(text: str) -> bool:
    """A number in a later message is one more way to reach the writer, not a new one to use instead:
    "ещё можно на рабочий", "you can also reach me at work on" (but "лучше звоните на новый", "use my work
    number instead")."""
    return bool(_ADDS.search(text)) and not _REPLACES.search(text)


def _split_phone(previous: str, text: str, regions: Sequence[str], *,
                 unverified: bool = False) -> list[tuple[str, tuple[int, int]]]:
    """A number begun at the end of the previous message and finished at the start of this one, in
    digits or dictated in words ("восемь девятьсот шестнадцать" / "ноль ноль ноль одиннадцать двадцать два");
    with `unverified`, one libphonenumber cannot confirm, given as a phone (see `find_unverified_phones`)."""
    previous = previous.rstrip(" \t\n.…")  # "мой номер 8 926 405..." / "71 19"
    tail, head = _digits_at_end(previous), _digits_at_start(text)
    if not tail or not head or not 3 <= len(_NON_DIGITS.sub("", tail[0])) <= 10:
        return []
    if any(end > tail[1] for _, (_, end) in find_phones(previous, regions)):
        return []  # its digits end a whole number; one earlier in the message (the company's, a foreman's) does not count
    joined = f"{tail[0].strip()} {head[0]}"
    found = find_unverified_phones(joined, regions, expected=True) if unverified else find_phones(joined, regions)
    if len(found) == 1 and found[0][1] == (0, len(joined)):
        return [(found[0][0], head[1])]
    return []


def _digits_at_end(text: str) -> tuple[str, int] | None:
    """The digits that end `text`, as written or dictated, with where they begin."""
    written = _TRAILING_DIGITS.search(text)
    if written:
        return written.group(), written.start()
    spoken = spoken_runs(text) if may_be_dictated(text) else []
    return (spoken[-1][0], spoken[-1][1][0]) if spoken and spoken[-1][1][1] == len(text) else None


def _digits_at_start(text: str) -> tuple[str, tuple[int, int]] | None:
    """The digits that open `text`, as written or dictated, with where they stand."""
    written = _LEADING_DIGITS.match(text)
    if written:
        return written.group().strip(" \t\n.…"), (written.start() + len(written.group()) - len(written.group().lstrip()), written.end())
    spoken = spoken_runs(text) if may_be_dictated(text) else []
    return spoken[0] if spoken and not text[:spoken[0][1][0]].strip() else None


def _soft_view(text: str, contacts: list[tuple[int, int]]) -> str:
    """What the pattern parsers (money, place, time, name, need, area) read of a long message.

    Contacts are searched in the whole text; the rest in its head, its tail and around each contact,
    where people put who they are and what they want. A page of pasted text adds no lead fields in
    its middle that would be worth the time to pattern-match all of it."""
    if len(text) <= _SOFT_HEAD + _SOFT_TAIL:
        return text
    windows = [(0, _SOFT_HEAD), (len(text) - _SOFT_TAIL, len(text))]
    windows += [(max(0, start - _AROUND_CONTACT), end + _AROUND_CONTACT) for start, end in contacts]
    merged: list[list[int]] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return "\n".join(text[start:end] for start, end in merged)


def _budget(text: str, settings: BotSettings, *, asked: bool, known: LeadData | None) -> Money | None:
    """The budget, with bare numbers judged against the scale of the budget already known ("ну до 70"
    after "бюджет 40 тыс" is 70 thousand), of a figure the message writes out ("listed at 28k but my
    max is 25"), or of what the company sells; not a price someone else named, nor, unasked, one of
    the company's own prices said back ("is the Tenerife package still £1,200?")."""
    scale = (known.budget_amount, known.budget_currency) if known is not None and known.budget_amount is not None else None
    local = company_currency(settings)
    found = find_money(text, asked=asked, small=scale is not None, local=local)
    written = max((money for money in found if money.explicit or (money.cue == QUOTED and money.amount >= _SMALLEST_BARE_BUDGET)),
                  key=lambda money: money.amount, default=None)
    if scale is None and written is not None:
        scale = (written.amount, written.currency)
        found = find_money(text, asked=asked, small=True, local=local)
    scaled = [_on_price_scale(_on_known_scale(money, scale), settings, said_as_budget(text, money))
              for money in found if not money.explicit]
    lender = lends(settings.company_name, (offering.name for offering in settings.offerings))
    candidates = [
        money for money in [*(m for m in found if m.explicit), *(m for m in scaled if m is not None)]
        if money.cue > QUOTED and (money.explicit or money.cue > 0 or _plausible_bare(money.amount, settings))
        and (asked or not _price_echoed(text, money, settings)) and not passed_on(text, money, lender=lender)
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda money: (money.cue, money.explicit, money.amount))
    if best.more and known is not None and known.budget_amount is not None:  # "тыщ на 200 больше" after "1,5 млн"
        return replace(best, amount=known.budget_amount + best.amount, low=None)
    if known is not None and known.budget_amount is not None and best.amount > known.budget_amount and stretched_to(text, best):
        if said_as_even(text, best) and best.cue != CORRECTED:
            # "до 300 тысяч", then "или даже 350": the range the customer has built over two messages (dev18's rule), whose
            # lower bound borrows the upper one's multiplier ("до 300", then "или даже 350 тыс"), as a range's does
            low = known.budget_amount
            return replace(best, low=low * best.factor if low * best.factor <= best.amount else low, bound=None)
        return replace(best, bound="max")  # "около 300 тысяч", then "ну можем 350 если что": at most 350 thousand
    return best


def _price_echoed(text: str, money: Money, settings: BotSettings) -> bool:
    """`money` is one of the company's prices said back, asked about ("still £1,200?", "$290, is that for a
    4 bed too?") or named as the thing's
    price ("кухня Милана за 180 000 понравилась"), with no word of a budget or a bound around it; "полтора
    ляма есть" is what the customer has, whatever the company charges."""
    if money.cue > 0 or money.low is not None or money.bound is not None:
        return False
    sentence_end = _SENTENCE_END.search(text, money.span[1])
    if not ((sentence_end.group() if sentence_end else text.rstrip()[-1:]) == "?"
            or _PRICE_NAMED.search(text, max(0, money.span[0] - 12), money.span[0])):
        return False
    return any(isinstance(offering.price, ExactPrice | FromPrice) and offering.price.amount == money.amount
               and money.currency in (None, offering.price.currency) for offering in settings.offerings)


def _on_known_scale(money: Money, scale: tuple[Decimal, str | None] | None) -> Money | None:
    """A bare figure read on the scale of a known amount (and in its currency), or as it is when that
    does not fit."""
    if scale is None:
        return money
    amount, currency = scale
    if money.bound == "max" and amount < money.amount <= amount * 10:
        # "about 600 quid put by, 700 at a push": the most they can pay, in the currency of the figure it raises
        return replace(money, currency=money.currency or currency, explicit=True)
    if money.amount >= _SMALLEST_BARE_BUDGET:
        return money
    scaled = _in_thousands_or_millions(money, amount / 10, amount * 10)
    if scaled is not None:
        return replace(scaled, currency=money.currency or currency)
    # ... or as it is, when it corrects a figure of the same message ("$80-100 a month, actually under 80"); a small figure
    # in a later message is more often a day or an hour ("до 20 числа") than money
    return money if money.amount >= _SMALLEST_MONEY or (money.cue == CORRECTED and amount / 10 <= money.amount <= amount * 10) else None


def _on_price_scale(money: Money | None, settings: BotSettings, budget_said: bool) -> Money | None:
    """A bare figure too small for anything the company sells, read in thousands or millions when that
    puts it among its prices and it is `budget_said` (see `said_as_budget`): "150" for a kitchen from
    180 000, "pay under 30" for cars around 25 000; never "iPhone 15" or "после 19"."""
    if money is None or money.explicit:
        return money
    prices = _prices(settings)
    if prices and money.amount < min(_SMALLEST_BARE_BUDGET, min(prices) / 20):
        # Neither scale fitting, "бюджет 300" for studios at 4.5 million is thousands or millions: not for us to guess.
        return _in_thousands_or_millions(money, min(prices) / 10, max(prices) * 10) if budget_said else None
    if money.amount < _SMALLEST_MONEY and not _plausible_bare(money.amount, settings):
        return None  # "до 70" on no scale we know
    return money


def _whole(amount: Decimal) -> Decimal:
    """3.5 thousand as 3500, not 3500.0: a figure scaled up keeps no decimals it no longer has."""
    return amount.to_integral() if amount == amount.to_integral() else amount


def _in_thousands_or_millions(money: Money, bottom: Decimal, top: Decimal) -> Money | None:
    """`money` read in thousands, else in millions, when that puts it between `bottom` and `top`."""
    for factor in (Decimal(1000), Decimal(10) ** 6):
        if bottom <= money.amount * factor <= top:
            low = _whole(money.low * factor) if money.low is not None else None
            return replace(money, amount=_whole(money.amount * factor), low=low, explicit=True, factor=factor)
    return None


def _budget_fields(budget: Money, text: str, settings: BotSettings, known: LeadData | None,
                   earlier: Sequence[str]) -> dict[str, object]:
    """The lead's budget fields for `budget`: its currency as written, else the one currency this
    message names in words, or an earlier one apart from a figure of its own ("считаем в долларах" before
    the figure), else the company's; its bounds, its period (a month's rent when the need is to rent, said or not) and the
    customer's own words for it."""
    currency = budget.currency or named_currency(text) or named_currency(" ".join(earlier[-_EARLIER_READ:]), apart=True)
    if currency == "RUB" and (settings.region == "BY" or _BELARUSIAN.search(text)) and not _RUSSIAN_ROUBLES.search(text):
        currency = "BYN"  # "рублей" to a Minsk company, "рублей 300 белорусских"; not "российских рублей"
    currency = local_dollar(currency, text, company_currency(settings))
    if currency is None and known is not None and known.budget_currency and budget.factor > 1 and known.budget_amount:
        currency = known.budget_currency if known.budget_amount / 10 <= budget.amount <= known.budget_amount * 10 else None
    currency = currency or company_currency(settings)
    words = said_for(text, budget)[:_BUDGET_TEXT_CHARS] or None
    if currency is None:  # no figure is stored without its currency: the customer's words are kept instead
        return {"budget_text": words} if words else {}
    return {
        "budget_amount": budget.amount,
        "budget_currency": currency,
        "budget_min": budget.low if budget.low is not None else budget.amount if budget.bound == "min" else None,
        "budget_max": budget.amount if budget.low is not None or budget.bound == "max" else None,
        "budget_period": budget.period or _period_unsaid(budget, settings, known, earlier, text),
        "budget_text": words,
    }


def company_currency(settings: BotSettings) -> str | None:
    """The currency a customer means by a bare figure: the company's own setting, else the one its
    prices are in (the most used, if several), else its region's; None when none tells."""
    if settings.currency:
        return settings.currency
    priced = Counter(currency for offering in settings.offerings if (currency := getattr(offering.price, "currency", None)))
    return priced.most_common(1)[0][0] if priced else currency_for_region(settings.region)


def _period_unsaid(budget: Money, settings: BotSettings, known: LeadData | None, earlier: Sequence[str],
                   text: str) -> Literal["month"] | None:
    """The period of a figure said without one: a month's rent when the need is to rent (see `paid_monthly`),
    or the known budget's month when the figure corrects it on its scale ("1200 a month", then "sorry, 1500")."""
    if paid_monthly([*earlier[-_EARLIER_READ:], text], settings.company_name, (offering.name for offering in settings.offerings)):
        return "month"
    if known is not None and known.budget_period == "month" and known.budget_amount:
        return "month" if known.budget_amount / 10 <= budget.amount <= known.budget_amount * 10 else None
    return None


def _currency_named_later(text: str, known: LeadData | None) -> dict[str, object]:
    """A currency named on its own after the figure ("ah, and that's in euros"): the known budget in it."""
    if known is None or known.budget_amount is None or text.rstrip().endswith("?") or len(text.split()) > _SHORT_NOTE_WORDS:
        return {}
    currency = named_currency(text)
    if currency is None or currency == known.budget_currency or find_money(text, small=True):
        return {}
    return {field: getattr(known, field) for field in BUDGET_FIELDS} | {"budget_currency": currency}


def _budget_words(text: str, known: LeadData | None, *, asked: bool) -> dict[str, object]:
    """A budget without a figure, in the customer's words ("недорого"), while no figure is known."""
    if known is not None and known.budget_amount is not None:
        return {}
    words = budget_in_words(text, asked=asked)
    return {"budget_text": words} if words else {}


def _plausible_bare(amount: Decimal, settings: BotSettings) -> bool:
    prices = _prices(settings)
    if prices:
        return amount >= min(prices) / 20
    return amount >= _SMALLEST_BARE_BUDGET


def _prices(settings: BotSettings) -> list[Decimal]:
    return [price for offering in settings.offerings if (price := _price_scale(offering.price)) is not None]


def _price_scale(price: Price) -> Decimal | None:
    """The figure a price is on the scale of (its amount, or the bottom of its range); None when it has none."""
    if isinstance(price, RangePrice):
        return price.min
    return price.amount if isinstance(price, (ExactPrice, FromPrice)) else None
