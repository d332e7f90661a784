"""What a customer's message does, besides stating lead data: asks for a human, asks to be called
back, tries to manipulate the bot, asks a question, thanks, declines to answer...

Patterns only, Russian and English, compiled once, on first use. Each one is written against the
near misses it must not match ("я менеджер по закупкам", "квартира на 4 человека", "call me back").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from salesbot.extract.patterns import GuardedPattern, LazyPattern

_I = re.IGNORECASE

# --- a request for a person --------------------------------------------------------------------------
# Said in a clause (up to the next . ! ? ; or a dash): "позовите менеджера", "можно с живым человеком
# связаться?", "I'd rather talk to a real person". A clause that only mentions a manager does not
# count: what a person will do ("менеджер сможет приехать?"), the customer's own job ("я сам
# менеджер"), a past talk ("говорила с вашим менеджером"), a refusal ("не надо менеджера").
_PERSON_RU = (r"(?:ме?н[еэ]джер\w*|оператор\w*|специалист\w*|сотрудник\w*|консультант\w*|ч[еи]л[оа]век(?:а|ом|у)?\b"
              r"|жив(?:ой|ого|ым|ому)\b|кем-(?:то|нибудь)\s+(?:жив\w*|из\s+ваш\w+\s+сотрудник\w*)|кто-(?:то|нибудь)\s+жив\w*)")
_ASK_RU = (r"(?:позов\w*|позвать|зовите|соедин\w*|переключ\w*|перевед\w*|подключ\w*|свяж\w*|дай\w*|давай\w*|хочу|хотел\w*"
           r"|нужен|нужна|можно|пусть|требуется|поговорить|пообщаться|переговорить|связаться|обсудить|разговор\w*)")
_NOT_ASKING_RU = LazyPattern(
    r"\d+\s*(?:-?х\s+)?человек|\b(?:двух|тр[её]х|четыр[её]х|пяти|нескольких)\s+человек"
    r"|\b(?:не\s+(?:надо|нужно|нужен|нужна)|без)\s+\w*\s*(?:ме?н[еэ]джер|оператор|человек)"
    r"|\b(?:я|мой|моя|мне)\s+(?:сам\w*\s+|тоже\s+)?(?:ме?н[еэ]джер|оператор)"
    r"|(?:ме?н[еэ]джер\w*|оператор\w*|человек|специалист\w*)\s+(?:\w+\s+)?(?:сможет|приедет|позвонит|напишет|сказал\w*|обещал\w*"
    r"|придёт|придет|приходит|работает)",
    re.IGNORECASE,
)
_PERSON_EN = (r"(?:human\w*|humna|person|people|manager|agent|operator|representative|rep|someone|somebody|anyone|anybody"
              r"|staff|member\s+of\s+(?:staff|the\s+team)|(?:one\s+of\s+)?your\s+team|reception\w*|sales\s?person|consultant)")
_ASK_EN = GuardedPattern(
    rf"\b(?:talk|tlak|speak|chat|discuss\s+\w+(?:\s+\w+)?|(?:have\s+)?a\s+word)\s+(?:to|with)\s+(?:\w+\s+){{0,3}}?{_PERSON_EN}\b"
    rf"|\b(?:connect|transfer|put|pass|switch)\s+me\s+(?:\w+\s+){{0,2}}?(?:to|with)\s+(?:\w+\s+){{0,3}}?{_PERSON_EN}\b"
    rf"|\b(?:want|need|get\s+me|give\s+me|get)\s+(?:a|an|the|some|your)?\s*(?:real\s+|live\s+|actual\s+)?(?:human\w*|humna|person|manager|operator|agent|someone|somebody)\b"
    rf"|\b(?:real|live|actual)\s+(?:person|human|agent|operator)\b(?!\s+who)"
    rf"|\b(?:person|human|someone|somebody)\s+I\s+can\s+(?:talk|speak|chat)\b"
    rf"|\bany\s*(?:one|body)\s+(?:there|here)\s+(?:who\s+is\s*n[o']t|that\s+is\s*n[o']t)\s+a\s+(?:ro)?bot\b"
    rf"|\bno\s+more\s+(?:ro)?bots?\b|\bstop\s+the\s+bot\b",
    re.IGNORECASE,
    needs=r"human|humna|person|people|manager|agent|operator|rep|some|any|staff|member|team|reception|consultant|bot",
)
_NOT_ASKING_EN = LazyPattern(
    r"\b(?:do|would|will)\s+i\s+(?:need|have)\s+to\b|\bno\s+need\s+for\b|\b(?:was|were|is)\s+a\s+real\s+person\b"
    r"|\b(?:i'?m|i\s+am|my|our)\s+(?:\w+\s+)?(?:manager|operator|agent)\b(?!\s+(?:please|now|pls))"
    r"|\bthe\s+(?!sales\b)\w+\s+(?:manager|operator)\b",
    re.IGNORECASE,
)
_CLAUSE = LazyPattern(r"[^.!?;—–]+")
_PERSON_RU_RE = LazyPattern(_PERSON_RU, re.IGNORECASE)
_ASK_RU_RE = LazyPattern(rf"(?<!\w){_ASK_RU}(?!\w)", re.IGNORECASE)
# The whole message is the call: "оператор!", "ОПЕРАТОР ОПЕРАТОР", "Менеджера, пожалуйста!", "live agent pls".
_PERSON_WORD = LazyPattern(
    r"^\W*(?:(?:живой\s+|живого\s+)?(?:ме?н[еэ]джер\w*|оператор\w*|ч[еи]л[оа]век\w*|консультант\w*)|(?:live\s+|real\s+)?"
    r"(?:manager|human|operator|agent|person|representative))"
    r"(?:[\s,!.]+(?:ме?н[еэ]джер\w*|оператор\w*|manager|human|operator|agent))*"
    r"[\s,!.]*(?:пожалуйста|please|плиз|пжлст|pls|now)?\W*$",
    re.IGNORECASE,
)
_CALL_RU = LazyPattern(r"(?<!\w)(?:позовите|позови|зовите|соедините|переключите)(?!\w)", re.IGNORECASE)
_ANYONE_ALIVE = LazyPattern(
    r"\bесть\s+(?:кто|кто-нибудь|кто-то)\s+живой\b"
    r"|\bне\s+(?:хочу|буду)\s+(?:общаться|говорить|разговаривать|переписываться)\s+с\s+(?:ботом|роботом|машиной|автоответчиком)"
    r"|\bс\s+(?:ботом|роботом|машиной)\s+(?:общаться|говорить|разговаривать)\s+не\s+(?:буду|хочу)",
    re.IGNORECASE,
)


def asks_for_a_person(text: str) -> bool:
    """The customer asks to talk to a person now, instead of the bot."""
    stripped = text.strip()
    if _PERSON_WORD.match(stripped) or _ANYONE_ALIVE.search(text):
        return True
    if len(stripped) <= 60 and _PERSON_RU_RE.search(text) and _CALL_RU.search(text):
        return True  # "мнеджер есть? позовите"
    for clause in _CLAUSE.findall(text):
        if _ASK_EN.search(clause) and not _NOT_ASKING_EN.search(clause):
            return True
        if _PERSON_RU_RE.search(clause) and _ASK_RU_RE.search(clause) and not _NOT_ASKING_RU.search(clause):
            return True
    return False


# --- after the sale ---------------------------------------------------------------------------------
# Something already bought, booked or promised: an order, contract or job number, its delivery or
# fitting, work done, staff, a refund or an invoice, moving an appointment, a promise not kept.
_POST_SALE = GuardedPattern(
    "|".join((
        (r"\bдоговор\w*\s*(?:№|n|#|\d)|\bзаказ\w*\s*(?:№|#)?\s*\d|\bзаказ\w*\s+(?:до\s+сих\s+пор|не\s+привез|не\s+пришёл|не\s+пришел)"
         r"|\b(?:мой|моего|моему|моей)\s+(?:заказ\w*|кухн\w*|доставк\w*|запис\w*)|\bстатус\w*\s+заказ\w*|\bчто\s+с\s+(?:моим\s+)?заказом"),
        r"\b(?:заказ|купил|покупал|заказывал|оплатил|брал)\w*\s+(?:\w+\s+){0,2}?у\s+вас|\bу\s+вас\s+(?:\w+\s+)?(?:заказ|покупа|купил|брал)\w*",
        (r"\b(?:ваш[иа]?|ваших)\s+(?:сборщик|монтажник|мастер|замерщик|агент|менеджер|курьер)\w*\s+(?:\w+\s+){0,3}?"
         r"(?:обещал|поставил|ставил|собрал|приезжал|поцарап|сломал|оставил|не\s+приех|не\s+приш|не\s+перезвон)\w*"),
        (r"\bваши\s+(?:поставили|привезли|собрали|установили|сделали)|\bпосле\s+(?:установки|монтажа|сборки|доставки)"
         r"|\b(?:замерщик|сборщик|монтажник|мастер|курьер)\w*\s+не\s+(?:приехал|пришёл|пришел)|\bне\s+(?:привезли|приехал[и]?\s+в\s+назначенное)"),
        (r"\b(?:обещал\w*|сказал\w*)\s+(?:что\s+)?(?:\w+\s+)?(?:перезвон\w*|пришл\w*|позвон\w*|привез\w*)|\bне\s+перезвонил\w*"
         r"|\bтак\s+и\s+не\s+(?:прислал|перезвонил|позвонил|привез)\w*|\bне\s+пришла\s+выписк\w*|\bдо\s+сих\s+пор\s+не"),
        (r"\bверните\s+деньги|\bвозврат\s+(?:денег|средств)|\bв\s+сч[её]те\b|\bпредоплат\w*\s+(?:\w+\s+){0,3}?назад"
         r"|\bпожаловаться|\bжалоб\w*|\bпо\s+гаранти\w*\s*\?|\bс\s+трещин\w*|\bпоцарапал\w*"),
        r"\bперенести\s+(?:свою\s+|мою\s+)?(?:запис|доставк|сборк|монтаж|замер|визит|приём|прием)\w*|\bотменить\s+(?:свою\s+|мою\s+)?запис\w*",
        r"\b(?:которую|который|которые)\s+(?:мне\s+)?(?:у\s+вас\s+)?(?:поставили|установили|сделали)",
        # English
        r"\border\s*(?:#|no\.?|number)?\s*\d|\bjob\s+(?:#|no\.?|number)?\s*[A-Z]{0,3}-?\d|\bmy\s+(?:order|delivery|booking|appointment|invoice|crown|filling)\b",
        r"\b(?:had|got)\s+(?:a|an|my)\s+\w+(?:\s+\w+)?\s+(?:done\s+)?(?:with|at|by)\s+(?:you|dr\.?\s+\w+)|\bdone\s+with\s+you\b",
        (r"\byou\s+(?:fitted|installed|booked|quoted|charged|said\s+you'?d|did|put\s+in|sent)\b|\byour\s+(?:engineer|plumber|manager|receptionist|staff)"
         r"\s+(?:\w+\s+){0,4}?(?:was|promised|said|came|left|didn'?t|did\s+not|never)"),
        (r"\b(?:engineer|plumber|technician|courier|dentist)\s+(?:who\s+came|you\s+booked|didn'?t\s+(?:turn|show)|never\s+(?:turned|showed))"
         r"|\bnobody\s+(?:turned|showed)\s+up|\bdidn'?t\s+turn\s+up|\bany\s+update\b|\bstill\s+waiting\s+for\b"),
        (r"\brefund\b|\bcharged\s+(?:me\s+)?twice\b|\binvoice\s+says\b|\breceipt\s+for\b|\bcomplaint\b|\bcomplain\b"
         r"|\b(?:reschedule|cancel|move|change)\s+(?:my\s+)?(?:[\w-]+\s+)?(?:appointment|booking|visit)\b|\bwhen\s+will\s+my\b"
         r"|\bstill\s+hurts\b|\bcame\s+off\b|\bworse\s+now\b"),
    )),
    re.IGNORECASE,
    # A word of each branch above, in their order.
    needs=(r"договор|заказ|кухн|доставк|запис|купил|покупа|оплатил|брал|сборщик|монтажник|мастер|замерщик|агент|менеджер"
           r"|курьер|поставили|привезли|собрали|установили|сделали|установк|монтаж|сборк|приехал|обещал|сказал|перезвонил"
           r"|прислал|позвонил|привез|выписк|сих|верните|возврат|сч[её]те|предоплат|пожаловаться|жалоб|гаранти|трещин"
           r"|поцарапал|перенести|отменить|order|job|deliver|booking|appointment|invoice|crown|filling|had|got|done"
           r"|\byou\s+(?:fitted|installed|booked|quoted|charged|said|did|put|sent)|engineer|plumber|manager|receptionist"
           r"|staff|technician|courier|dentist|nobody|turn|update|waiting|refund|charged|receipt|complain|visit|will|hurts"
           r"|came|worse"),
)


def is_after_sale(text: str) -> bool:
    """The message is about something already bought, booked or promised."""
    return bool(_POST_SALE.search(text))


# --- urgency --------------------------------------------------------------------------------------
_URGENT = GuardedPattern(
    r"\bсрочн\w*|\bтеч[её]т\b|\bпротека\w*|\bзатопил\w*|\bзалива\w*|\bпотоп\w*|\bпрорвал\w*|\bвода\s+на\s+полу"
    r"|\bсильн\w*\s+(?:\w+\s+)?бол\w*|\bзуб\s+болит|\bболит\s+зуб|\bопух\w*|\bфлюс\w*|\bотёк\w*|\bотек\b|\bневыносим\w*"
    r"|\bзапах\s+газа|\bпахнет\s+газом|\bнет\s+(?:отопления|горячей\s+воды)"
    r"|\burgent\w*|\bemergenc\w*|\bhelp\b.{0,3}!|\bpouring\b|\bflood\w*|\bburst\b|\bleak(?:ing|s)?\b(?!\s+detection)"
    r"|\btoothache\b|\bthrobbing\b|\b(?:severe|awful|terrible|unbearable|bad)\s+(?:\w+\s+)?pain\b|\bin\s+(?:agony|pain)\b"
    r"|\bswollen\b|\bswelling\b|\bcan'?t\s+sleep\b|\bsmell\s+(?:of\s+)?gas\b|\bgas\s+leak\b|\bno\s+(?:heating|hot\s+water)\b",
    re.IGNORECASE,
    needs=(r"срочн|теч[её]т|протека|затопил|залива|потоп|прорвал|вода|бол|опух|флюс|от[её]к|невыносим|газ|отоплени|горяч"
           r"|urgent|emergenc|help|pouring|flood|burst|leak|toothache|throbbing|pain|agony|swollen|swelling|sleep|gas|heating|hot"),
)
_DANGER = LazyPattern(r"\bгаз\w*\b|\bgas\b(?!\s+safety)", re.IGNORECASE)


def is_urgent(text: str) -> bool:
    """Pain, a leak, a breakdown that cannot wait: answered with the quickest way to a person."""
    return bool(_URGENT.search(text))


_ARE_YOU_A_BOT = LazyPattern(
    r"\b(?:ты|вы)\s+(?:что\s+)?(?:бот|робот|нейросеть|ии|ai|программа|живой|человек)\b"
    r"|\bэто\s+(?:бот|робот)\b|\bare\s+you\s+(?:a\s+)?(?:bot|robot|human|real|an?\s+ai|a\s+person|chatgpt)\b",
    _I,
)
_CALLBACK = LazyPattern(
    r"\b(?:пере)?(?:звоните|позвоните|наберите|звякните)\s+(?:мне|нам)?"
    r"|\b(?:можете|можно)\s+(?:мне\s+)?(?:пере)?звонить|\bперезвон\w*"
    r"|\b(?:call|ring|phone)\s+(?:me|us)(?:\s+back)?\b|\bgive\s+me\s+a\s+(?:call|ring)\b|\bcallback\b",
    _I,
)
# --- an attempt to manipulate the bot ---------------------------------------------------------------
# What injections say to a model: drop your instructions, be something else now, show your prompt,
# settings or keys, hand over other people's data. Never a common word alone: "ты теперь в курсе",
# "you are now my favourite shop", "forget my previous instructions", "can you show me the
# instructions?" are a customer's. What follows an instruction word says whose it is: "the rules on
# deposits", "правила записи", "the instructions I sent" are not the bot's.
_NOT_THE_BOTS = (r"(?!\w)(?!\s+(?:about|on|for|regarding|re|of|to|from|i|we|you\s+(?:sent|gave)|по|для|о|об|от|насчёт|насчет|про"
                 r"|на|записи|оплаты|возврата|доставки|работы|я|мы|которые)(?!\w))")
_MODEL_ROLE = r"(?:assistant|ai|chatbot|[a-z]*bot|language\s+model|llm|gpt|chatgpt|terminal|shell)"
_ANY_ROLE = rf"(?:{_MODEL_ROLE}|developer|admin(?:istrator)?|hacker|programmer|root)"
_FREE = r"(?:unrestricted|uncensored|unfiltered|jailbroken|unlocked|free\s+(?:from|of)|no\s+longer)"


def _as_role(role: str) -> str:
    """A role the bot is told to take, as a noun phrase ("a helpful AI", "FreeBot"), not a question ("a bot?")."""
    return rf"(?:an?\s+|the\s+|my\s+)?(?:[\w-]+\s+){{0,2}}?{role}\b(?!\s*\?)"


_ROLE_RU = (r"(?:бот(?:ом)?|робот(?:ом)?|ассистент(?:ом)?|нейросеть(?:ю)?|ии|языков\w+\s+модел\w*|разработчик(?:ом)?"
            r"|программист(?:ом)?|админ(?:истратор)?(?:ом)?|хакер(?:ом)?|терминал(?:ом)?|(?-i:DAN)|в\s+режиме)(?!\w)(?!\s*\?)")
_TARGET_EN = r"(?:instructions|prompt|configuration|config|api\s+keys?|secrets?|passwords?|tokens?)"
_INJECTION = GuardedPattern(
    "|".join((
        # Drop your instructions.
        (r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|these\s+|those\s+|of\s+)*"
         r"(?:previous\s+|prior\s+|above\s+|earlier\s+|original\s+|initial\s+|system\s+|preceding\s+)*"
         rf"(?:instructions?|prompts?|rules|guidelines|directives|programming)\b{_NOT_THE_BOTS}"),
        (r"(?<!\w)(?:игнорир|проигнорир|забудь|забудьте|отмени|обойди)\w*\s+"
         r"(?:все\s+|всё\s+|свои\s+|твои\s+|ваши\s+|эти\s+|предыдущ\w*\s+|прошл\w*\s+|прежн\w*\s+|системн\w*\s+|изначальн\w*\s+)*"
         rf"(?:инструкц|правил|промпт|ограничени)\w*{_NOT_THE_BOTS}"),
        # Be something else now.
        (rf"\byou\s+are\s+now\s+(?:in\s+[\w-]+\s+mode|{_FREE}|{_as_role(_ANY_ROLE)})"
         rf"|\bfrom\s+now\s+on,?\s+(?:you\s+(?:are|will\s+be)|act\s+as)\s+{_as_role(_ANY_ROLE)}"
         rf"|\b(?:act|behave)\s+as\s+(?:if\s+you\s+(?:were|are)\s+)?{_as_role(_MODEL_ROLE)}"
         rf"|\bpretend\s+(?:that\s+)?(?:you(?:'re|\s+are)|to\s+be)\s+{_as_role(_ANY_ROLE)}"
         r"|\byou\s+are\s+no\s+longer\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:assistant|[a-z]*bot|salesperson|manager|agent)\b"),
        (r"\b(?:developer|god|admin|debug|sudo|unrestricted|jailbreak|dan)\s+mode\b(?!\s+(?:on|in|for|of)\b)"
         r"|\bjailbr(?:oken|eak)\b(?!\s+(?:my|the|a|an|this|your|his|her|our)\b)"),
        # The "DAN" prompt by its role and its words, not the letters: Dan is a name, dan.m@... an address.
        r"\b(?:act\s+as|you\s+are|be)\s+(?-i:DAN)\b|(?-i:\bDAN\b)[\s,(:-]+do\s+anything\s+now|(?-i:\bDo\s+Anything\s+Now\b)",
        (r"(?:(?:ты|вы)\s+теперь|теперь\s+(?:ты|вы))\s+(?:[—–-]\s*)?(?:не\s+[\w-]+,?\s+а\s+)?(?:[\w-]+\s+){0,2}?" + _ROLE_RU
         + r"|(?:ты|вы)\s+больше\s+не\s+(?:[\w-]+\s+)?(?:бот|ассистент|менеджер|агент|консультант|продавец)\w*(?!\s*\?)"
         + r"|(?:притворись|притворитесь|представь(?:те)?,?\s+что\s+(?:ты|вы)|веди(?:те)?\s+себя\s+как|действуй(?:те)?\s+как)\s+"
         + r"(?:[\w-]+\s+){0,2}?" + _ROLE_RU),
        r"режим\w*\s+(?:разработчика|админ\w*|бога|отладки|(?-i:DAN))(?!\s+(?:на|в|для)(?!\w))",
        # Show your prompt, your settings, your keys.
        (r"\b(?:system|initial|hidden|developer|secret)\s+(?:prompt|instructions)\b|\binternal[\s_]notes\b"
         r"|\byour\s+(?:system\s+)?prompt\b|(?:твой|твои|ваш|свой)\s+(?:системн\w*\s+)?промпт\w*"
         r"|(?:системн|скрыт|исходн)\w*\s+(?:промпт\w*|prompt|инструкц\w*)"),
        (r"\b(?:print|reveal|repeat|output|display|dump|leak|expose)\s+(?:me\s+)?(?:all\s+)?(?:of\s+)?(?:your\s+|the\s+)?"
         r"(?:full\s+|whole\s+|entire\s+|exact\s+|original\s+|initial\s+|internal\s+|hidden\s+|secret\s+"
         r"|text\s+of\s+(?:your\s+|the\s+)?)*"
         rf"(?:{_TARGET_EN}|settings|notes|rules|guidelines|(?:text|words|everything)\s+above)\b{_NOT_THE_BOTS}"),
        (r"(?:\b(?:show|tell|give|share|send)\s+(?:me\s+|us\s+)?(?:all\s+)?(?:of\s+)?|\bwhat(?:'s|\s+is|\s+are|\s+were)\s+)your\s+"
         rf"(?:full\s+|whole\s+|exact\s+|original\s+|initial\s+|internal\s+|hidden\s+|secret\s+)*{_TARGET_EN}\b{_NOT_THE_BOTS}"
         r"|\b(?:show|tell|give|share|send)\s+(?:me\s+|us\s+)?the\s+api\s+keys?\b"),
        (r"(?:покаж|выведи|выводи|напиш|раскрой|повтори|скажи|перечисли|распечатай|напечатай|выдай|скинь|пришли|отправь)\w*\s+"
         r"(?:мне\s+|нам\s+)?(?:весь\s+|всю\s+|все\s+|полностью\s+|дословно\s+)?"
         r"(?:(?:свои|твои|свой|твой|ваши|ваш|вашу|свою|твою|системн\w*|скрыт\w*|исходн\w*|внутренн\w*)\s+(?:[\w-]+\s+)?"
         r"(?:инструкц|промпт|парол|токен|заметк)\w*"
         r"|(?:свои|твои|свою|твою|системн\w*|скрыт\w*|внутренн\w*)\s+(?:[\w-]+\s+)?(?:настройк|правил)\w*"
         rf"|(?:api|апи)[\s-]?ключ\w*){_NOT_THE_BOTS}"),
        # Hand over other people's data.
        (r"\b(?:phones?|phone\s+numbers?|numbers|e-?mails?|e-?mail\s+addresses|contacts?|contact\s+(?:details|info)"
         r"|personal\s+(?:data|details|info)|data|addresses|database)\s+of\s+(?:all\s+|the\s+|your\s+|other\s+)+"
         r"(?:customers|clients|users|leads|buyers)\b"
         r"|\b(?:names|details|list|records)\s+of\s+(?:all\s+(?:of\s+)?(?:the\s+|your\s+)?|(?:the\s+|your\s+)?other\s+)"
         r"(?:customers|clients|users|leads|buyers)\b"
         r"|\b(?:other|all)\s+(?:customers|clients|users|people)['’]?s?\s+(?:phones?|numbers|e-?mails?|contacts?|data|details|names)\b"),
        # Asked for: "we need a client database" or "our customer list is growing" is what a customer may buy or be.
        (r"\b(?:give|show|send|print|list|export|dump|output|share|reveal|leak|download|access)\b(?:\s+[\w']+){0,3}?\s+"
         r"(?:customer|client|user|lead)s?['’]?\s+(?:list|database|db|base)\b"),
        (r"(?:телефон|номер|контакт|почт|e-?mail|данн|баз|адрес)\w*\s+(?:всех\s+|других\s+|чужих\s+|ваших\s+|остальных\s+)+"
         r"(?:клиент|пользовател|покупател|заказчик)\w*"
         r"|(?:спис(?:ок|ка|ке)|имена|имён|имен|фамилии)\s+(?:всех\s+|других\s+|чужих\s+|остальных\s+)+(?:ваших\s+)?"
         r"(?:клиент|пользовател|покупател|заказчик)\w*"),
        (r"(?:чужие|чужих|других\s+людей)\s+(?:номер|телефон|контакт|данн|заявк)\w*"
         r"|(?:покаж|дай|дайте|выв[её]д|выгруз|скин|пришл|отправ|слей|слив|скача|предостав|откр)\w*(?:\s+\w+){0,3}?\s+"
         r"баз\w*\s+(?:клиентов|данных|контактов)"),
    )),
    _I,
    # A word of each branch above, in their order.
    needs=(r"ignore|disregard|forget|override|bypass|игнорир|забуд|отмени|обойди|now|act|behave|pretend|longer|mode|jailbr"
           r"|dan|теперь|больше|притвор|представь|веди|действуй|режим|prompt|instruction|note|промпт|инструкц|config|setting"
           r"|key|secret|password|token|rule|guideline|above|парол|токен|заметк|настройк|правил|ключ|customer|client|user|lead"
           r"|buyer|people|клиент|пользовател|покупател|заказчик|чуж|других"),
)
_ABUSE = LazyPattern(
    r"\b(?:дурак\w*|дура|идиот\w*|тупо\w*|тупая|тупой|дебил\w*|кретин\w*|придур\w*|урод\w*|отстой|бесишь|заткнись|говно\w*"
    r"|сука|суки|бля\w*|хуй\w*|хуе\w*|хрен\w*|пизд\w*|ебан\w*|ёбан\w*|ебат\w*|нахуй|нахер|мудак\w*|мраз\w*"
    r"|stupid|idiot\w*|dumb|moron\w*|fuck\w*|shit\w*|crap|bitch\w*|asshole\w*|bastard\w*|sucks|wtf|shut\s+up)\b",
    _I,
)
_QUESTION_START = LazyPattern(
    r"^\W*(?:а\s+)?(?:как|где|когда|какой|какая|какое|какие|каких|сколько|почему|зачем|можно|могу|можете|есть\s+ли|есть|"
    r"у\s+вас|вы|что|чем|куда|откуда|нужно\s+ли|подскажите|скажите|интересно|"
    r"how|where|when|what|which|who|why|can|could|do|does|did|is|are|will|would|should|may|have you|any)\b",
    _I,
)
_PRICE = GuardedPattern(
    r"сколько\s+(?:это\s+)?(?:сто(?:ит|ят|ить)|будет|по\s+деньгам|обойд\w*)|\bцен[аыуеой]\w*|\bрасцен\w*|стоимост\w*|\bпочём|\bпочем\b"
    r"|\bпрайс\w*|\bтариф\w*|\bплатн\w*|\bбесплатн\w*|сколько\s+(?:возьм|бер[её]т|выйдет|примерно)\w*|во\s+сколько\s+(?:обойд|выйд)\w*"
    r"|сколько\s+(?:\w+\s+){1,3}?(?:выйдет|обойд[её]тся|будет\s+стоить)"
    r"|\bкомисси\w*|\bскок[аоу]\s+(?:сто|будет)\w*"
    r"|\bh(?:o)?w\s+much\b|\bprices?\b|\bpricing\b|\bcosts?\b|\brates\b|\btariffs?\b|\bfees?\b|\bcharge\b|\bis\s+(?:it|that|the\s+\w+)\s+free\b"
    r"|\bper\s+tooth\b|\bcallout\b|^\W*(?:так|ну|и|а)?\s*сколько\W*$"
    r"|сколько\s+(?:это\s+)?(?:примерно\s+|приблизительно\s+)(?:сто|будет|выйдет)\w*",
    _I,
    needs=r"сколько|цен|стоимост|поч[её]м|прайс|тариф|платн|комисси|скок|much|pric|cost|rates|tariff|fee|charge|free|tooth|callout",
)
_CATALOGUE = GuardedPattern(
    r"что\s+(?:вы\s+|у\s+вас\s+)?(?:вообще\s+|ещё\s+|еще\s+)?(?:предлагаете|продаёте|продаете|есть|делаете|можете предложить|продаете)"
    r"|как(?:ие|ой|ая)\s+(?:у\s+вас\s+)?(?:вообще\s+)?(?:есть\s+)?(?:варианты|услуги|товары|предложения|квартиры|позиции|продукты|модели)"
    r"|\bкаталог\w*|\bассортимент\w*|\bчем\s+(?:вы\s+)?занимаетесь"
    r"|\bwhat\s+(?:do|can|else do)\s+you\s+(?:offer|sell|have|do|provide)|\bwhat\s+(?:services|products|options)"
    r"|\byour\s+(?:services|products|options|catalog(?:ue)?)\b|\bcatalog(?:ue)?\b|\bwhat\s+have\s+you\s+got\b",
    _I,
    needs=r"что|как|каталог|ассортимент|занимаетесь|what|your|catalog",
)
_AVAILABILITY = GuardedPattern(
    r"\bесть\s+ли\b|\bу\s+вас\s+(?:есть|бывают|имеются|продаются)|\bа\s+\w+(?:\s+\w+)?\s+есть\s*\?|\bимеется\s+ли|\bпродаёте\s+ли|\bпродаете\s+ли"
    r"|\bвы\s+(?:продаёте|продаете|делаете|предлагаете)\b|\bделаете\b|\bзанимаетесь\b|\bбыва(?:ет|ют)\b|\bпомож\w*|\bпомогаете\b"
    r"|\bможно\s+(?:ли\s+)?(?:у\s+вас\s+)?(?:купить|заказать|сделать|взять|оформить|приобрести)\b"
    r"|\bdo\s+you\s+(?:have|sell|offer|do|provide|make)\b|\bis\s+there\b|\bare\s+there\b|\bis\s+\w+(?:\s+\w+)?\s+available\b|\bany\s+\w+\s+available\b"
    r"|\bcan\s+(?:i|we)\s+(?:get|buy|order|book|have)\b|\b(?:can|could)\s+you\s+(?:do|make|fit|install|supply|provide|help)\b",
    _I,
    needs=r"есть|быва|име|прода|предлагаете|делаете|занимаетесь|помож|помогаете|можно|you|there|available|can|could",
)
# Topics where a made-up answer costs money or trust: never answered except from the FAQ.
_PROMISE_TOPIC = LazyPattern(
    r"скидк\w*|акци\w*|промокод\w*|рассрочк\w*|кредит\w*|доставк\w*|достав\w*|гаранти\w*|возврат\w*|сроки\s+(?:изготовления|доставки|сдачи)"
    r"|оплат\w*|бесплатн\w*|подар\w*|бонус\w*"
    r"|\bdiscounts?\b|\bpromo\w*|\bsale\b|\bdeals?\b|\binstal(?:l)?ments?\b|\bfinanc\w*|\bdeliver\w*|\bshipping\b|\bwarrant\w*"
    r"|\bguarantee\w*|\brefunds?\b|\breturns?\b|\bpayment\b|\bfree\b",
    _I,
)
_THANKS = LazyPattern(r"спасиб\w*|благодар\w*|\bсенкс|\bthanks?\b|\bthank\s+you\b|\bthx\b|\bty\b|\bcheers\b", _I)
_BYE = LazyPattern(r"до\s+свидания|\bпока\b(?!\s+не)|всего\s+доброго|хорошего\s+дня|\bbye\b|\bgoodbye\b|\bsee\s+you\b"
                  r"|\bподумаю\b|\bпосоветуюсь\b|\bi'?ll\s+think\s+about\s+it\b|\bthat'?s\s+all\b|\bthat\s+is\s+all\b", _I)
_HELLO = LazyPattern(
    r"^\W*(?:здравствуй\w*|привет\w*|добр\w+\s+(?:день|утро|вечер|дня|времени\s+суток)|доброго\s+времени\s+суток|салют|хай"
    r"|hello|hi|hey|good\s+(?:morning|afternoon|evening)|greetings)\b",
    _I,
)
# A reply that gives nothing: "не знаю", "не скажу", "без разницы", "not sure".
_NON_ANSWER = LazyPattern(
    r"^\W*(?:(?:пока\s+|ещё\s+|еще\s+)?не\s+(?:знаю|решил\w*|определил\w*|думал\w*|скажу|хочу\s+(?:говорить|сообщать|оставлять|давать)\w*)"
    r"|затрудняюсь\w*(?:\s+ответить)?|без\s+разницы|неважно|не\s+важно|вс[её]\s+равно|хз|нет|не\s+надо|не\s+нужно|потом|позже"
    r"|(?:i\s+)?(?:don'?t|do\s+not)\s+(?:know|want\s+to\s+say|care)|not\s+sure|no\s+idea|(?:i'?d\s+)?rather\s+not(?:\s+say)?"
    r"|prefer\s+not\s+to\s+say|doesn'?t\s+matter|whatever|nope|no|skip|later|not\s+now|n/?a)\b"
    r"(?:[\s.!,)]*(?:точно|пока|ещё|еще|спасибо|извините|пожалуйста|exactly|yet|sorry|thanks|thank\s+you|please))*[\s.!,)]*$",
    _I,
)
# An explicit refusal to tell: "не хочу оставлять телефон", "I'd rather not share my email".
_REFUSAL = LazyPattern(
    r"^\W*(?:не\s+(?:хочу|буду|готов\w*)\s+(?:его\s+|её\s+|ее\s+)?(?:оставлять|говорить|сообщать|давать|называть|писать|раскрывать)"
    r"|не\s+(?:скажу|назову|дам|оставлю|сообщу)|это\s+(?:секрет|личное)"
    r"|i\s+(?:don'?t|do\s+not|won'?t|will\s+not)\s+(?:want\s+to\s+)?(?:say|share|give|leave|tell)|(?:i'?d\s+)?rather\s+not)\b.{0,40}$",
    _I,
)
_ACK_ONLY = LazyPattern(r"^\W*(?:да|ага|угу|ок|окей|хорошо|ладно|понятно|ясно|yes|yeah|yep|ok|okay|sure|fine|great|cool|good)\W*$", _I)
_PRESENCE_WORDS = (
    r"(?:(?:вы|ты)\s+(?:тут|здесь|на\s+связи)|ау+|алл?о+|есть\s+(?:кто|кто-нибудь)(?:\s+(?:тут|здесь|живой|на\s+связи))?"
    r"|(?:are\s+)?you\s+there|(?:is\s+)?any\s*(?:one|body)\s+(?:there|here)|hello|эй|hey)"
)
_PRESENCE = LazyPattern(rf"^\W*{_PRESENCE_WORDS}(?:[\s,!?.]+{_PRESENCE_WORDS})*\W*$", _I)
_PRESENCE_QUESTION = LazyPattern(r"\?|ау|алл?о|there", _I)
_LETTERS = LazyPattern(r"[^\W\d_]")


# "телефон не дам", "номер давать не буду", "I'm not giving my number out": the chat goes on without one.
_CONTACT_WORD = (r"(?:телефон\w*|номер\w*|контакт\w*|почт\w*|e-?mail|phone|number|contact\s+details|details|email"
                 r"|ват?сап\w*|вотсап\w*|whatsapp|телеграм\w*|telegram)")
_REFUSES_CONTACT = GuardedPattern(
    rf"{_CONTACT_WORD}\s+(?:\w+\s+){{0,2}}?(?:не\s+(?:дам|даю|оставлю|скажу|буду|хочу)|давать\s+не\s+буду)"
    rf"|\bне\s+(?:дам|оставлю|буду\s+(?:давать|оставлять)|хочу\s+(?:давать|оставлять|чтобы\s+названивали))\s+(?:\w+\s+){{0,2}}?{_CONTACT_WORD}"
    rf"|\bне\s+хочу,?\s+чтобы\s+(?:мне\s+)?(?:названивали|звонили)|\bбез\s+(?:звонков|телефона)"
    rf"|\b(?:not|n't|never|won'?t)\s+(?:be\s+)?(?:giving|give|sharing|share|leaving|leave)\s+(?:out\s+)?(?:you\s+)?(?:my\s+)?{_CONTACT_WORD}"
    rf"|\bno\s+(?:phone\s+)?calls\b|\bdon'?t\s+(?:want\s+to\s+be\s+)?call(?:ed)?\b",
    _I,
    needs=(r"телефон|номер|контакт|почт|mail|phone|number|details|contact|ват?сап|вотсап|whatsapp|телеграм|telegram"
           r"|названивали|звонили|звонков|call"),
)
# "хотя знаете... эконом не надо, давайте эмаль", "не столешница, а вся кухня", "not whitening, I meant veneers".
_CHANGE_OF_MIND = LazyPattern(
    r"\bхотя\s+(?:знаете|нет|наверное)|\bпередумал\w*|\bне\s+надо\b|\bне\s+нужн\w*|\bвместо\b|\bой,?\s+нет\b|\bне\s+\w+,\s*а\s+"
    r"|\bлучше\b|\bactually\b|\binstead\b|\bi\s+meant\b|\bchanged\s+my\s+mind\b|\bscratch\s+that\b|\bnot\s+\w+,\s*(?:i\s+mean|but)\b",
    _I,
)
# Where the new choice is said: after "давайте", "а", "I meant", up to the end of that sentence.
_NEW_CHOICE = LazyPattern(r"(?:давайте(?:\s+лучше)?|лучше|,\s*а\s+|\bi\s+meant|\brather|\binstead(?:\s+of)?|\bactually)\s*(?P<choice>[^.!?]*)", _I)
_WEEKDAYS = {
    "mon": r"понедельник\w*|monday\w*", "tue": r"вторник\w*|tuesday\w*", "wed": r"сред[уаы]\b|wednesday\w*",
    "thu": r"четверг\w*|thursday\w*", "fri": r"пятниц\w*|friday\w*", "sat": r"суббот\w*|saturday\w*|sat\b",
    "sun": r"воскресень\w*|sunday\w*|sun\b",
}
_WEEKDAY = LazyPattern("|".join(f"(?P<{day}>{pattern})" for day, pattern in _WEEKDAYS.items()), _I)
_HOURS = LazyPattern(
    r"\bвы\s+работаете|\bработаете\b|\bоткрыт\w*|\bдо\s+скольки|\bво\s+сколько\s+(?:открыва|закрыва|работа)\w*|\bчасы\s+работы"
    r"|\bрежим\w*\s+работы|\bграфик\w*\s+работы|\bвыходн\w*\s+(?:дни|работа)\w*"
    r"|\bopen\b|\bopening\s+(?:hours|times)\b|\bwhat\s+time\s+do\s+you\b|\byour\s+hours\b|\bweekends?\b",
    _I,
)
_CHANNEL = {
    "whatsapp": r"wh?ats\s?app|ват?с\s?ап\w*|вотс\s?ап\w*|вацап\w*|вотсап\w*",
    "telegram": r"телеграм\w*|телеге\b|telegram",
    "email": r"e-?mail\b|электронн\w+\s+почт\w*|\bпочт[уы]\b",
}
_CHANNEL_RE = {field: LazyPattern(pattern, _I) for field, pattern in _CHANNEL.items()}
_OUR_NUMBER = LazyPattern(r"(?:дайте|скиньте|напишите|подскажите|какой)\s+(?:ваш\s+)?(?:номер|телефон)|ваш\s+(?:номер|телефон)"
                         r"|\byour\s+(?:phone\s+)?number\b|\bgive\s+me\s+(?:the|your)\s+number\b|\bnumber\s+to\s+call\b", _I)
# "can I come in this morning?", "когда сможете приехать?", "book me in": the next step is a time, not a need.
_VISIT = LazyPattern(
    r"\bcan\s+i\s+come\b|\bcan\s+(?:you|someone)\s+(?:come|see|check)\b|\bwhen\s+can\s+(?:you|someone)\s+(?:come|get)\b|\bbook\s+(?:me|us)\b"
    r"|\bcome\s+(?:in|out|round|over)\b|\bможно\s+(?:мне\s+)?(?:приехать|прийти|подъехать|записаться)|\bзапишите\b|\bзаписаться\b"
    r"|\b(?:когда|можете|сможете)\s+(?:\w+\s+)?(?:приехать|подъехать|прийти)|\bприедет\b",
    _I,
)
HOURS_FOLLOW_UP = LazyPattern(r"^\W*(?:а\s+)?(?:до\s+скольки|во\s+сколько|с\s+какого\s+времени|until\s+when|what\s+time)\W*$", _I)
_RECAP = LazyPattern(r"что\s+(?:у\s+(?:меня|вас)\s+)?(?:сейчас\s+)?(?:в\s+заявке|вы\s+записал\w*|записал\w*)|\bwhat(?:'s|\s+is|\s+have\s+you)\s+(?:in\s+my\s+request"
                    r"|(?:got|noted)\s+(?:down|for\s+me))", _I)


def refuses_contact(text: str) -> bool:
    """The customer will not give a contact (the conversation goes on in the chat)."""
    return bool(_REFUSES_CONTACT.search(text))


def new_choice(text: str) -> str | None:
    """Where a change of mind says what the customer wants now ("давайте эмаль" -> "эмаль"), if it does."""
    if not _CHANGE_OF_MIND.search(text):
        return None
    choices = [match.group("choice").strip() for match in _NEW_CHOICE.finditer(text) if match.group("choice").strip()]
    return choices[-1] if choices else text


# "can you fix the hob after?", "сможете починить духовку?": a request for work, asked as a question.
_REQUESTED_WORK = GuardedPattern(
    r"\b(?:can|could|would|will)\s+you\s+(?:please\s+)?(?P<en>(?!(?:tell|explain|say|confirm|send|give|let|remind|call|ring|"
    r"e-?mail|text|come|get|be|see|help|hear|speak|talk|answer|recommend|advise|go|do|make\s+it|show|check\s+if|have|need|want|"
    r"invoice|bill|charge|accept|take|book|pay|deliver|keep|hold|put\s+me)\b)"
    r"[a-z]{3,}\s+(?:the\s+|my\s+|our\s+|a\s+|an\s+|this\s+)?[a-z][\w' -]{1,40})"
    r"|\b(?:можете|сможете|могли\s+бы)\s+(?P<ru>(?!(?:сказать|подсказать|объяснить|прислать|уточнить|приехать|позвонить|"
    r"перезвонить|помочь|ответить|написать)\b)[а-яё]{3,}(?:ть|ти)\s+[а-яё][а-яё -]{1,40})",
    re.IGNORECASE,
    needs=r"you|можете|могли",
)
_AFTER_THE_WORK = LazyPattern(r"\s+(?:after(?:wards)?|today|tomorrow|later|too|then|please|now|asap|as\s+well|for\s+me|for\s+us"
                             r"|потом|сегодня|завтра|тоже|пожалуйста|сейчас|заодно)\b.*$", re.IGNORECASE)


def requested_work(text: str) -> str | None:
    """The work a question asks the company to do, in the customer's words ("fix the hob"), if it asks for some."""
    match = _REQUESTED_WORK.search(text)
    if match is None:
        return None
    work = _AFTER_THE_WORK.sub("", match.group("en") or match.group("ru")).strip(" ,'-")
    return work if len(work.split()) >= 2 else None


# Russian verbs as a customer's question puts them ("возьмёте", "поможете", "обойтись", "я ж спросил"):
# they ask whether, not what, and name no thing.
_RUSSIAN_VERB = LazyPattern(r"[а-яё]+(?:[еёи]те|[еи]шь|ть|ться|тся|[её]т|[уюая]т|[аеиоуыя]л[аио]?|[аеиоуыя]ли)", _I)


def is_russian_verb(word: str) -> bool:
    """The word has the ending of a Russian verb (some nouns do too: they count as verbs here)."""
    return bool(_RUSSIAN_VERB.fullmatch(word))


def weekdays(text: str) -> list[str]:
    """The days of the week the message names (mon..sun), in order."""
    return list(dict.fromkeys(match.lastgroup for match in _WEEKDAY.finditer(text) if match.lastgroup))


def channel_asked(text: str) -> str | None:
    """The company contact the customer asks for: whatsapp, telegram, email or phone."""
    for field, pattern in _CHANNEL_RE.items():
        if pattern.search(text):
            return field
    return "phone" if _OUR_NUMBER.search(text) else None


@dataclass(frozen=True)
class Intents:
    person: bool  # asks for a person now
    after_sale: bool  # about something already bought, booked or promised
    urgent: bool
    danger: bool  # gas: the emergency service comes first, not a sale
    refuses_contact: bool
    change_of_mind: str | None  # where the new choice is said, when the customer changes their mind
    hours: bool  # asks when the company works
    channel: str | None  # asks for a contact of the company (whatsapp, telegram, email, phone)
    recap: bool  # asks what the request holds
    visit: bool  # wants to come in, or someone to come out
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
    questioning = "?" in text or bool(_QUESTION_START.match(stripped))
    return Intents(
        person=asks_for_a_person(text),
        after_sale=is_after_sale(text),
        urgent=is_urgent(text),
        danger=bool(_DANGER.search(text)) and is_urgent(text),
        refuses_contact=refuses_contact(text),
        change_of_mind=new_choice(text),
        hours=bool(_HOURS.search(text) or (weekdays(text) and questioning)) or bool(HOURS_FOLLOW_UP.match(stripped)),
        channel=channel_asked(text) if questioning or _OUR_NUMBER.search(text) else None,
        recap=bool(_RECAP.search(text)),
        visit=read_visit(text),
        are_you_a_bot=bool(_ARE_YOU_A_BOT.search(text)),
        callback=bool(_CALLBACK.search(text)),
        injection=bool(_INJECTION.search(text)),
        abuse=bool(_ABUSE.search(text)),
        question=questioning,
        price=asks_price(text),
        catalogue=bool(_CATALOGUE.search(text)),
        availability=asks_availability(text),
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


def is_injection(text: str) -> bool:
    """The message tries to change the bot's instructions or to get at data it must not give."""
    return bool(_INJECTION.search(text))


def read_visit(text: str) -> bool:
    """The customer wants to come in, or someone to come out ("can I come tomorrow?", "когда сможете приехать?")."""
    return bool(_VISIT.search(text))


def asks_availability(text: str) -> bool:
    """The text asks whether the company has or does something ("у вас есть...?", "делаете?", "can you fit...?")."""
    return bool(_AVAILABILITY.search(text))


def asks_price(text: str) -> bool:
    """The text asks what something costs ("сколько стоит?", "почём", "is it free?", "how much")."""
    return bool(_PRICE.search(text))
