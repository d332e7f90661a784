"""What a customer's message does, besides stating lead data: asks for a human, asks to be called
back, tries to manipulate the bot, asks a question, thanks, declines to answer...

Patterns only, Russian and English, compiled once. Each one is written against the near misses
it must not match ("я менеджер по закупкам", "квартира на 4 человека", "call me back").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE

_PERSON_RU = r"(?:человек(?:ом|а)?|менеджер(?:ом|а|у)?|оператор(?:ом|а|у)?|специалист(?:ом|а|у)?|сотрудник(?:ом|а|у)?|консультант(?:ом|а|у)?)"
_LIVE_RU = r"(?:(?:живым|живого|живой|настоящим|настоящего|реальным|реального)\s+)?"
_PERSON_EN = (r"(?:human(?: being)?|person|manager|agent|operator|representative|rep|someone|somebody|sales ?person"
              r"|consultant|staff|people)")
_HANDOFF = re.compile(
    "|".join((
        # "позовите менеджера", "соедините с оператором", "переключите на человека", "подключите специалиста"
        (rf"(?:позов|позвать|позови|соедин|переключ|перевед|подключ|свяжите|дайте|давайте)\w*\s+(?:меня\s+|мне\s+|нас\s+)?"
         rf"(?:с\s+|на\s+)?{_LIVE_RU}(?:ваш\w*\s+)?{_PERSON_RU}\b"),
        # "хочу поговорить с человеком", "можно пообщаться с живым менеджером?"
        rf"(?:поговорить|пообщаться|общаться|переговорить|связаться|разговаривать)\s+с\s+{_LIVE_RU}(?:ваш\w*\s+)?{_PERSON_RU}\b",
        # "нужен живой человек", "менеджера позовите", "живой оператор"
        r"(?:нужен|нужна|хочу|требуется)\s+(?:живой\s+|настоящий\s+)?(?:человек|менеджер|оператор|консультант|специалист)\b",
        r"(?:менеджер\w*|оператор\w*|человек\w*|специалист\w*)\s+(?:позовите|пожалуйста позовите|дайте|подключите)",
        r"\b(?:жив\w+|настоящ\w+|реальн\w+)\s+(?:человек\w*|оператор\w*|менеджер\w*)",
        r"не\s+хочу\s+(?:общаться\s+|говорить\s+|разговаривать\s+|переписываться\s+)?с\s+(?:ботом|роботом|машиной|автоответчиком)",
        # English
        rf"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+|your\s+|some\s+)?(?:real\s+|live\s+|actual\s+)?{_PERSON_EN}\b",
        rf"\b(?:connect|transfer|put|pass)\s+me\s+(?:through\s+|over\s+)?(?:to|with)\s+(?:a\s+|an\s+|the\s+|your\s+)?(?:real\s+|live\s+)?{_PERSON_EN}\b",
        r"\b(?:real|live|actual)\s+(?:person|human|agent|operator)\b|\bhuman\s+being\b",
        r"\b(?:i\s+)?(?:want|need|get me)\s+(?:a|an|the|your)\s+(?:human|person|manager|operator|agent)\b",
        r"\bno\s+(?:more\s+)?(?:bots?|robots?)\b|\bstop\s+the\s+bot\b",
    )),
    _I,
)
# The whole message is just the word: "оператор", "Менеджера, пожалуйста!", "human please".
_HANDOFF_WORD = re.compile(
    r"^\W*(?:менеджер\w*|оператор\w*|человек\w*|живой человек|manager|human|operator|agent|person|representative)"
    r"[\s,!.]*(?:пожалуйста|please|плиз|pls)?\W*$",
    _I,
)
_ARE_YOU_A_BOT = re.compile(
    r"\b(?:ты|вы)\s+(?:что\s+)?(?:бот|робот|нейросеть|ии|ai|программа|живой|человек)\b"
    r"|\bэто\s+(?:бот|робот)\b|\bare\s+you\s+(?:a\s+)?(?:bot|robot|human|real|an?\s+ai|a\s+person|chatgpt)\b",
    _I,
)
_CALLBACK = re.compile(
    r"\b(?:пере)?(?:звоните|позвоните|наберите|звякните)\s+(?:мне|нам)?"
    r"|\b(?:можете|можно)\s+(?:мне\s+)?(?:пере)?звонить|\bперезвон\w*"
    r"|\b(?:call|ring|phone)\s+(?:me|us)(?:\s+back)?\b|\bgive\s+me\s+a\s+(?:call|ring)\b|\bcallback\b",
    _I,
)
_INJECTION = re.compile(
    "|".join((
        (r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|these\s+|my\s+)*"
         r"(?:previous\s+|prior\s+|above\s+|earlier\s+|original\s+|system\s+)*(?:instructions?|prompts?|rules|guidelines|directives)"),
        r"\b(?:system|initial|hidden|developer|original)\s+(?:prompt|instructions?|message)\b",
        (r"\b(?:print|show|reveal|repeat|output|display|tell me|give me|what(?:'s| is| are))\s+(?:me\s+)?(?:your\s+|the\s+)"
         r"(?:instructions|prompt|configuration|config|api key|secrets?|password|tokens?)\b"),
        r"\b(?:developer|god|admin|debug)\s+mode\b|\bjailbreak|\bDAN\b|\byou\s+are\s+now\b|\bpretend\s+(?:to\s+be|you)\b",
        (r"\b(?:phones?|phone numbers?|numbers|emails?|contacts?|data|details|names|addresses|list|database)\s+of\s+"
         r"(?:all\s+|the\s+|your\s+|other\s+)+(?:customers|clients|users|leads|buyers)\b"),
        r"\b(?:other|all)\s+(?:customers|clients|users|people)'?s?\s+(?:phones?|numbers|emails?|contacts?|data|details|names)",
        r"\b(?:customer|client|user|lead)s?\s+(?:list|database|db|base)\b|\bapi[\s_-]?key\b",
        # Russian
        (r"(?:игнорир|забудь|забуд|отмени|проигнорир)\w*\s+(?:все\s+|всё\s+|свои\s+|твои\s+|ваши\s+|предыдущ\w*\s+|прошл\w*\s+|прежн\w*\s+)*"
         r"(?:инструкц|правил|указан|промпт|ограничен)\w*"),
        r"(?:системн\w*|скрыт\w*|исходн\w*)\s+(?:промпт|prompt|инструкц\w*|сообщени\w*)|\bпромпт\w*",
        r"(?:покажи|выведи|напиши|раскрой|повтори|скажи)\w*\s+(?:мне\s+)?(?:свои|твои|ваши)?\s*(?:инструкц\w*|настройк\w*|правил\w*|пароль|ключ\w*|токен\w*)",
        (r"(?:телефон|номер|контакт|почт|email|данн|список|спис|баз|имен|адрес)\w*\s+(?:всех\s+|других\s+|чужих\s+|ваших\s+|остальных\s+)+"
         r"(?:клиент|пользовател|покупател|заказчик)\w*"),
        r"(?:чужие|чужих|других\s+людей)\s+(?:номер|телефон|контакт|данн|заявк)\w*|\bбаз\w*\s+(?:клиентов|данных|контактов)",
        r"\bты\s+теперь\b|\bрежим\s+разработчика\b|\bапи[\s-]?ключ",
    )),
    _I,
)
_ABUSE = re.compile(
    r"\b(?:дурак\w*|дура|идиот\w*|тупо\w*|тупая|тупой|дебил\w*|кретин\w*|придур\w*|урод\w*|отстой|бесишь|заткнись|говно\w*"
    r"|сука|суки|бля\w*|хуй\w*|хуе\w*|хрен\w*|пизд\w*|ебан\w*|ёбан\w*|ебат\w*|нахуй|нахер|мудак\w*|мраз\w*"
    r"|stupid|idiot\w*|dumb|moron\w*|fuck\w*|shit\w*|crap|bitch\w*|asshole\w*|bastard\w*|sucks|wtf|shut\s+up)\b",
    _I,
)
_QUESTION_START = re.compile(
    r"^\W*(?:а\s+)?(?:как|где|когда|какой|какая|какое|какие|каких|сколько|почему|зачем|можно|могу|можете|есть\s+ли|есть|"
    r"у\s+вас|вы|что|чем|куда|откуда|нужно\s+ли|подскажите|скажите|интересно|"
    r"how|where|when|what|which|who|why|can|could|do|does|did|is|are|will|would|should|may|have you|any)\b",
    _I,
)
_PRICE = re.compile(
    r"сколько\s+(?:это\s+)?(?:сто(?:ит|ят|ить)|будет|по\s+деньгам|обойд\w*)|\bцен[аыуеой]\w*|\bрасцен\w*|стоимост\w*|\bпочём|\bпочем\b"
    r"|\bпрайс\w*|\bтариф\w*|\bhow\s+much\b|\bprices?\b|\bpricing\b|\bcosts?\b|\brates\b|\btariffs?\b|\bfees?\b",
    _I,
)
_CATALOGUE = re.compile(
    r"что\s+(?:вы\s+|у\s+вас\s+)?(?:вообще\s+|ещё\s+|еще\s+)?(?:предлагаете|продаёте|продаете|есть|делаете|можете предложить|продаете)"
    r"|как(?:ие|ой|ая)\s+(?:у\s+вас\s+)?(?:вообще\s+)?(?:есть\s+)?(?:варианты|услуги|товары|предложения|квартиры|позиции|продукты|модели)"
    r"|\bкаталог\w*|\bассортимент\w*|\bчем\s+(?:вы\s+)?занимаетесь"
    r"|\bwhat\s+(?:do|can|else do)\s+you\s+(?:offer|sell|have|do|provide)|\bwhat\s+(?:services|products|options)"
    r"|\byour\s+(?:services|products|options|catalog(?:ue)?)\b|\bcatalog(?:ue)?\b|\bwhat\s+have\s+you\s+got\b",
    _I,
)
_AVAILABILITY = re.compile(
    r"\bесть\s+ли\b|\bу\s+вас\s+(?:есть|бывают|имеются|продаются)|\bа\s+\w+(?:\s+\w+)?\s+есть\s*\?|\bимеется\s+ли|\bпродаёте\s+ли|\bпродаете\s+ли"
    r"|\bвы\s+(?:продаёте|продаете|делаете|предлагаете)\b"
    r"|\bdo\s+you\s+(?:have|sell|offer|do|provide|make)\b|\bis\s+there\b|\bare\s+there\b|\bis\s+\w+(?:\s+\w+)?\s+available\b|\bany\s+\w+\s+available\b",
    _I,
)
# Topics where a made-up answer costs money or trust: never answered except from the FAQ.
_PROMISE_TOPIC = re.compile(
    r"скидк\w*|акци\w*|промокод\w*|рассрочк\w*|кредит\w*|доставк\w*|достав\w*|гаранти\w*|возврат\w*|сроки\s+(?:изготовления|доставки|сдачи)"
    r"|оплат\w*|бесплатн\w*|подар\w*|бонус\w*"
    r"|\bdiscounts?\b|\bpromo\w*|\bsale\b|\bdeals?\b|\binstal(?:l)?ments?\b|\bfinanc\w*|\bdeliver\w*|\bshipping\b|\bwarrant\w*"
    r"|\bguarantee\w*|\brefunds?\b|\breturns?\b|\bpayment\b|\bfree\b",
    _I,
)
_THANKS = re.compile(r"спасиб\w*|благодар\w*|\bсенкс|\bthanks?\b|\bthank\s+you\b|\bthx\b|\bty\b|\bcheers\b", _I)
_BYE = re.compile(r"до\s+свидания|\bпока\b(?!\s+не)|всего\s+доброго|хорошего\s+дня|\bbye\b|\bgoodbye\b|\bsee\s+you\b", _I)
_HELLO = re.compile(
    r"^\W*(?:здравствуй\w*|привет\w*|добр\w+\s+(?:день|утро|вечер|дня|времени\s+суток)|доброго\s+времени\s+суток|салют|хай"
    r"|hello|hi|hey|good\s+(?:morning|afternoon|evening)|greetings)\b",
    _I,
)
# A reply that gives nothing: "не знаю", "не скажу", "без разницы", "not sure".
_NON_ANSWER = re.compile(
    r"^\W*(?:(?:пока\s+|ещё\s+|еще\s+)?не\s+(?:знаю|решил\w*|определил\w*|думал\w*|скажу|хочу\s+(?:говорить|сообщать|оставлять|давать)\w*)"
    r"|затрудняюсь\w*(?:\s+ответить)?|без\s+разницы|неважно|не\s+важно|вс[её]\s+равно|хз|нет|не\s+надо|не\s+нужно|потом|позже"
    r"|(?:i\s+)?(?:don'?t|do\s+not)\s+(?:know|want\s+to\s+say|care)|not\s+sure|no\s+idea|(?:i'?d\s+)?rather\s+not(?:\s+say)?"
    r"|prefer\s+not\s+to\s+say|doesn'?t\s+matter|whatever|nope|no|skip|later|not\s+now|n/?a)\b"
    r"(?:[\s.!,)]*(?:точно|пока|ещё|еще|спасибо|извините|пожалуйста|exactly|yet|sorry|thanks|thank\s+you|please))*[\s.!,)]*$",
    _I,
)
# An explicit refusal to tell: "не хочу оставлять телефон", "I'd rather not share my email".
_REFUSAL = re.compile(
    r"^\W*(?:не\s+(?:хочу|буду|готов\w*)\s+(?:его\s+|её\s+|ее\s+)?(?:оставлять|говорить|сообщать|давать|называть|писать|раскрывать)"
    r"|не\s+(?:скажу|назову|дам|оставлю|сообщу)|это\s+(?:секрет|личное)"
    r"|i\s+(?:don'?t|do\s+not|won'?t|will\s+not)\s+(?:want\s+to\s+)?(?:say|share|give|leave|tell)|(?:i'?d\s+)?rather\s+not)\b.{0,40}$",
    _I,
)
_ACK_ONLY = re.compile(r"^\W*(?:да|ага|угу|ок|окей|хорошо|ладно|понятно|ясно|yes|yeah|yep|ok|okay|sure|fine|great|cool|good)\W*$", _I)
_PRESENCE_WORDS = (
    r"(?:(?:вы|ты)\s+(?:тут|здесь|на\s+связи)|ау+|алл?о+|есть\s+(?:кто|кто-нибудь)(?:\s+(?:тут|здесь|живой|на\s+связи))?"
    r"|(?:are\s+)?you\s+there|(?:is\s+)?any\s*(?:one|body)\s+(?:there|here)|hello|эй|hey)"
)
_PRESENCE = re.compile(rf"^\W*{_PRESENCE_WORDS}(?:[\s,!?.]+{_PRESENCE_WORDS})*\W*$", _I)
_PRESENCE_QUESTION = re.compile(r"\?|ау|алл?о|there", _I)
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Intents:
    handoff: bool
    are_you_a_bot: bool
    callback: bool
    injection: bool
    abuse: bool
    question: bool
    price: bool
    catalogue: bool
    availability: bool
    promise_topic: bool
    thanks: bool
    bye: bool
    hello: bool
    non_answer: bool
    presence: bool  # "вы тут?", "алло", "anybody there?"
    ack_only: bool
    no_letters: bool


def read(text: str) -> Intents:
    """What the message does. `text` should already be bounded (a message's worth)."""
    stripped = text.strip()
    short = len(stripped) <= 60
    return Intents(
        handoff=bool(_HANDOFF.search(text) or _HANDOFF_WORD.match(stripped)),
        are_you_a_bot=bool(_ARE_YOU_A_BOT.search(text)),
        callback=bool(_CALLBACK.search(text)),
        injection=bool(_INJECTION.search(text)),
        abuse=bool(_ABUSE.search(text)),
        question="?" in text or bool(_QUESTION_START.match(stripped)),
        price=bool(_PRICE.search(text)),
        catalogue=bool(_CATALOGUE.search(text)),
        availability=bool(_AVAILABILITY.search(text)),
        promise_topic=bool(_PROMISE_TOPIC.search(text)),
        thanks=short and bool(_THANKS.search(text)),
        bye=short and bool(_BYE.search(text)),
        hello=short and bool(_HELLO.match(stripped)),
        non_answer=is_non_answer(stripped),
        # "hello?" and "ау" ask whether anyone is there; a plain "hello" is a greeting.
        presence=short and bool(_PRESENCE.match(stripped)) and bool(_PRESENCE_QUESTION.search(stripped)),
        ack_only=bool(_ACK_ONLY.match(stripped)),
        no_letters=not _LETTERS.search(text),
    )


def is_non_answer(text: str) -> bool:
    """The message declines or dodges the question it answers ("не знаю", "rather not say")."""
    stripped = text.strip()
    return len(stripped) <= 80 and bool(_NON_ANSWER.match(stripped) or _REFUSAL.match(stripped))
