"""Answering every question of a customer's message from the company's settings, or honestly
leaving it to a manager ("a manager will confirm X, I have noted it").

A message is cut into its asks ("сколько стоит X, сколько делать и какая гарантия?"). Each ask goes
to `faq.answer_source` (the settings' own rules for where an answer lives); an ask that names
nothing is read in its sentence, and then as about what the customer wants ("is that per tooth?",
"what's included?", "так сколько?"). The day asked about comes from the working hours. What the
settings do not hold is quoted back as noted for a manager, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from salesbot.brain import faq
from salesbot.brain.details import details
from salesbot.brain.intents import HOURS_FOLLOW_UP as _HOURS_FOLLOW_UP
from salesbot.brain.intents import Intents, asks_price, weekdays
from salesbot.brain.phrases import LANGUAGES, say, wordings
from salesbot.brain.reply import Reply, short
from salesbot.extract import detect_language
from salesbot.extract.catalogue import index as catalogue_index
from salesbot.extract.language import nearest
from salesbot.extract.patterns import LazyPattern
from salesbot.models import AnswerSource, BotSettings, Offering, WorkingHours

_CLAUSE = LazyPattern(r"[^.!?;\n]+[.!?;]*")
_MAX_QUOTED_CHARS = 80
_STATEMENT_CHARS = 200  # a statement short enough to be a request ("хочу в рассрочку")


@dataclass(frozen=True)
class Message:
    """The customer's message as the answers read it."""

    window: str  # what the patterns read of it (intents.read)
    intents: Intents
    previous: str  # the customer's message before it: "а до скольки?" follows "в субботу работаете?"


def answer(reply: Reply, message: Message, settings: BotSettings, *, wanted: Offering | None,
           selling_forbidden: bool, now: datetime | None = None) -> list[AnswerSource]:
    """Every question in the message, answered from the settings or honestly left to a manager; where
    each answer came from. `wanted`: what the customer wants, which a question naming nothing is
    about; `selling_forbidden`: someone with a problem about an order, whose questions get the FAQ
    or a manager, never a price list; `now`: when the message came in, to say when a person answers."""
    intents, language = message.intents, reply.language
    if intents.no_letters:
        return []
    found_before: list[faq.SettingsAnswer] = []
    catalogue = catalogue_index(settings)
    referent = wanted  # what "it" refers to: what they want, or the offering just asked about
    for clause, sentence, priced in _asks(message, settings):
        if intents.catalogue and not priced and is_question(clause):
            found: faq.SettingsAnswer | None = faq.SettingsAnswer("catalogue")
        else:
            found = faq.answer_source(clause, settings, price=priced and not selling_forbidden,
                                      question=is_question(clause), wanted=referent)
            if (found is None or found.source == "manager") and sentence != clause:
                in_sentence = faq.answer_source(sentence, settings, price=priced and not selling_forbidden, question=True,
                                                wanted=referent)  # "kitchen sink is blocked too, can you sort that?"
                if in_sentence is not None and in_sentence.source not in ("manager", "catalogue") \
                        and in_sentence not in found_before:
                    found = in_sentence
        if (found is None or found.source == "manager") and _asks_about_a_day(clause, message.previous, settings):
            found = faq.SettingsAnswer("hours")  # "Saturday morning possible?", "а в воскресенье?", "а до скольки?"
        if found is None and intents.channel and getattr(settings.contacts, intents.channel, None):
            found = faq.SettingsAnswer("contacts", field=intents.channel)  # "дайте номер, мне удобнее в ватсапе"
        # A price asked of something the settings never mention ("а консультация по винирам платная?")
        # means what they want, unless its price was said already: then it asks about something else.
        unheard_of = (priced and found is not None and found.source == "manager" and not catalogue.known_terms(clause)
                      and faq.names_a_thing(clause))
        valuation = found is not None and found.about == "worth"  # "сколько стоит моя квартира?": never a price list
        named = catalogue.offering(clause)
        if referent is not None and (named is None or named.share < 1) and found is not None and not valuation:
            found = _about_what_they_want(found, clause, referent, settings, priced=priced)
        if found is not None and found.source == "offering" and found.offering is not None:
            referent = found.offering
        if found is None and _PROMISE.search(clause):
            found = faq.SettingsAnswer("manager")  # "дайте скидку": never promised, never made up
        if (found is not None and found.source == "manager" and priced and wanted is not None and not valuation
                and not catalogue.known_terms(clause)):
            found = faq.SettingsAnswer("offering", offering=wanted, about="price")  # "так сколько?": what they want
        if unheard_of and found is not None and reply.already_said(faq.render(found, settings, language)):
            found = faq.SettingsAnswer("manager", about="price")  # said already: this asks about something else
        if (found is None or found.source in ("manager", "catalogue")) and message.previous and not faq.names_a_thing(clause):
            found = _in_context(clause, message.previous, settings) or found
        if found is None or found in found_before:
            continue
        if selling_forbidden and found.source in ("offering", "catalogue"):
            found = faq.SettingsAnswer("manager")
        if found.source == "manager":
            if not _needs_a_manager(clause, intents):
                continue
            said = _for_a_manager(reply, clause, priced=priced and not selling_forbidden)
            if said:
                reply.add(faq.when_people_answer(settings, now, language) or "")
            if said and (intents.availability or priced) and wanted is None and not selling_forbidden:
                listing = faq.catalogue(settings, language)  # "есть трёшки?": not promised, and what there is instead
                if listing:
                    reply.add_fact(listing)
        elif found.source == "offering" and found.offering is not None and found.about == "exists" and not priced:
            said = reply.add(*wordings("yes_we_have", language, voice=reply.voice,
                                       item=faq.offering_item(found.offering, language)))
        elif found.source == "hours" and settings.hours is not None:
            said = _hours(reply, clause, message.previous, settings)
        else:
            said = _add_settings_text(reply, found, settings)
        if said and found.details is not None and found.offering is not None and _needs_a_manager(clause, intents):
            in_clause = details(clause, found.offering)  # read in its sentence, it is answered as asked
            if in_clause is None or in_clause.partial:
                _for_a_manager(reply, clause, priced=False)  # what the company wrote answers part of it
        if said:
            found_before.append(found)
    if not found_before and (intents.urgent or not intents.question):
        # "гарнтия на кухню скока лет", "HELP water is pouring through the ceiling": a FAQ entry answers
        # what is not written as a question.
        found = faq.answer_source(message.window, settings, price=False, question=intents.urgent)
        if found is not None and found.source in ("faq", "not_offered") and _add_settings_text(reply, found, settings):
            found_before.append(found)
    for text in _touching(message, found_before):
        # Said rather than asked, it still wants the FAQ's answer: "хотим в шоурум приехать, посмотреть
        # вживую"; an urgent message gets every entry it is about ("my 7 year old's tooth hurts").
        for match in catalogue.faq_entries(text):
            found = faq.SettingsAnswer("faq", faq=match.target)
            if found in found_before:
                continue
            sure = match.share >= _SURE_SHARE and _words_apart(catalogue.shared_terms(text, match.target)) >= _SURE_TERMS
            if sure and _add_settings_text(reply, found, settings):
                found_before.append(found)
            break
    return [found.reference() for found in found_before]


# A statement is about a FAQ entry when it holds most of one of its phrases, in more than one word
# ("фасад же теперь менять" shares one word with "фасады из чего": no question about materials).
_SURE_SHARE = 0.75
_SURE_TERMS = 2


def _words_apart(terms: frozenset[str]) -> int:
    """How many words the terms are: "tooth" and "toothach", which the one word "tooth" finds, are one."""
    return sum(1 for term in terms if not any(other != term and term.startswith(other) for other in terms))


def _touching(message: Message, found_before: list[faq.SettingsAnswer]) -> list[str]:
    """What in a message that asked something may still want a FAQ entry's answer: its statements, and
    an urgent message as a whole."""
    if not found_before:
        return []
    statements = [sentence for sentence in _sentences(message.window)
                  if not is_question(sentence) and not asks_price(sentence) and len(sentence) <= _STATEMENT_CHARS]
    return [*statements, *([message.window] if message.intents.urgent else [])]


def _in_context(clause: str, previous: str, settings: BotSettings) -> faq.SettingsAnswer | None:
    """The FAQ entry a question naming nothing asks about, read with the customer's message before it:
    "will I be charged?" after "I need to move my appointment" is the cancellation policy (said again
    in other words if it was said already)."""
    entry = catalogue_index(settings).faq_entry(f"{clause} {previous}")
    return faq.SettingsAnswer("faq", faq=entry.target) if entry is not None else None


def _for_a_manager(reply: Reply, clause: str, *, priced: bool) -> bool:
    """The question quoted back as noted for a manager, who will confirm it; unquoted when it asks for
    what is never given out ("the staff discount code"), or is no question at all ("дайте скидку")."""
    quoted = (is_question(clause) or asks_price(clause)) and not _PROMISE.search(clause)
    # The part that asks: "номер не дам, напишите здесь, сколько стоит моя квартира" quotes its end.
    asking = [part for part in _ASKS_APART.split(clause) if is_question(part) or asks_price(part)]
    question = short((asking[-1] if asking else clause).strip(), _MAX_QUOTED_CHARS).rstrip(".")
    if priced:  # "сколько стоит трёшка?": no price of its own
        return bool(quoted and reply.add_key("unknown_price_quoted", question=question)) or reply.add_key("unknown_price")
    return bool(quoted and reply.add_key("unknown_quoted", question=question)) or reply.add_key("unknown")


_INCLUDES = LazyPattern(r"входит|включ\w*|\binclud\w*|\bextra\b|what\s+do\s+i\s+get|\bв\s+это\s+входит", re.IGNORECASE)
_REFERS_BACK = LazyPattern(r"\b(?:that|this|it|those|это|этот|эта|эти|того|так)\b", re.IGNORECASE)


def _about_what_they_want(found: faq.SettingsAnswer, clause: str, wanted: Offering, settings: BotSettings, *,
                          priced: bool) -> faq.SettingsAnswer:
    """A question that names nothing (or names an offering only in passing) is about what the customer
    wants: "is that per tooth?", "what's included?", "how long does it all take?" after an implant."""
    includes = bool(_INCLUDES.search(clause)) and bool(wanted.includes)
    named_here = found.offering is not None and _written_in(clause, found.offering)
    if found.source == "offering" and (priced or includes) and not named_here:
        return faq.SettingsAnswer("offering", offering=wanted, about="includes" if includes else "price")
    if found.source in ("faq", "manager"):
        if includes and found.source == "manager":
            return faq.SettingsAnswer("offering", offering=wanted, about="includes")
        if priced and (found.source == "manager" or _REFERS_BACK.search(clause)):
            return faq.SettingsAnswer("offering", offering=wanted, about="price")  # "так сколько?", "is that per tooth?"
        in_context = faq.answer_source(f"{clause} {wanted.name}", settings, price=priced, question=True, wanted=wanted)
        if in_context is not None and in_context.source == "faq":
            return in_context
        written = details(clause, wanted) if found.source == "manager" and not priced else None
        if written is not None:  # "will you have to rip up the floorboards?": "without tearing up floors"
            return faq.SettingsAnswer("offering", offering=wanted, about="details", details=written)
    return found


_WORD = LazyPattern(r"[^\W\d_]{3,}")


def _written_in(clause: str, offering: Offering) -> bool:
    """The clause uses a word of the offering's name or synonyms as written, or nearly ("new" for "New
    boiler installation"), not only a word the matcher relates to one ("метра" to "замер")."""
    words = {word.casefold() for word in _WORD.findall(clause)}
    own = {word.casefold() for text in (offering.name, *offering.synonyms) for word in _WORD.findall(text)}
    return any(word == mine or (len(word) >= 4 and len(mine) >= 4 and word[:4] == mine[:4]) for word in words for mine in own)


_SHORT_ASK_WORDS = 5


def _asks_about_a_day(clause: str, previous: str, settings: BotSettings) -> bool:
    """A short question naming a day of the week ("А в субботу можете приехать?"), or "а до скольки?"
    after one: asked of the working hours, unless it is about a discount or a promise ("черная пятница")."""
    if settings.hours is None or _PROMISE.search(clause):
        return False
    if _HOURS_FOLLOW_UP.match(clause):
        return True
    return bool(weekdays(clause)) and len(clause.split()) <= _SHORT_ASK_WORDS


def _hours(reply: Reply, clause: str, previous: str, settings: BotSettings) -> bool:
    """The working week from the hours; asked again ("а в воскресенье?", "а до скольки?"), the days asked."""
    if settings.hours is None:
        return False
    week = faq.render(faq.SettingsAnswer("hours"), settings, reply.language)
    if reply.add(week):
        return True
    days = weekdays(clause) or (weekdays(previous) if _HOURS_FOLLOW_UP.match(clause) else [])
    if days:
        return reply.add_fact(" ".join(_hours_on(day, settings.hours, reply) for day in days))
    return reply.add_fact(week)


def _hours_on(day: str, hours: WorkingHours, reply: Reply) -> str:
    """When the company works on one day of the week, from its hours."""
    span = getattr(hours, day)
    name = say(f"day_{day}", reply.language)
    if span is None:
        return say("closed_on", reply.language, voice=reply.voice, day=name)
    start, end = span.split("-")
    return say("open_on", reply.language, voice=reply.voice, day=name, start=start, end=end)


def _add_settings_text(reply: Reply, found: faq.SettingsAnswer, settings: BotSettings) -> bool:
    """What the company wrote, said as it is; an answer written in another language than the
    conversation's is said to be so, in the conversation's."""
    text = faq.render(found, settings, reply.language)
    if (found.source == "faq" and found.faq is not None
            and nearest(detect_language(found.faq.answer), LANGUAGES) != reply.language):
        text = f"{say('written_in_other_language', reply.language, voice=reply.voice)} {text}"
    return reply.add_fact(text)


_QUESTION_WORD = LazyPattern(
    r"^\W*(?:а\s+|и\s+|ну\s+|так\s+|ок,?\s+|and\s+|so\s+|also\s+)?(?:как|где|когда|какой|какая|какое|какие|сколько|почему|зачем|можно|могу|можете"
    r"|сможете|есть\s+ли|есть|у\s+вас|вы|что|чем|кто|куда|нужно\s+ли|подскажите|скажите|how|where|when|what|which|who|why|can|could|do"
    r"|does|is|are|will|would|should|may)\b",
    re.IGNORECASE,
)


# Asked without a question mark, these still need an answer a made-up one would cost money or trust for.
_PROMISE = LazyPattern(r"скидк\w*|акци\w*|промокод\w*|рассрочк\w*|гаранти\w*|\bdiscount\w*|\bpromo\w*|\bwarrant\w*|\bguarantee\w*",
                      re.IGNORECASE)


def is_question(clause: str) -> bool:
    """The clause asks something: a question mark, or a question word first."""
    return clause.rstrip().endswith("?") or bool(_QUESTION_WORD.match(clause))


def questions(message: Message) -> list[tuple[str, str]]:
    """The parts of the message that ask something, each with the sentence it stands in: its sentences,
    and the asks of a sentence that asks several things ("сколько стоит X, сколько делать и какая
    гарантия?"); a sentence that asks one thing is read whole ("I have sensitive teeth, will whitening
    make it worse?")."""
    intents = message.intents
    if not (intents.question or intents.price or intents.catalogue or intents.urgent or intents.channel
            or _PROMISE.search(message.window)):
        return []
    clauses: list[tuple[str, str]] = []
    for sentence in _sentences(message.window):
        parts = [part for part in _ASKS_APART.split(sentence) if part.strip()]
        asking = [part for part in parts if is_question(part) or asks_price(part)]
        clauses += [(part, sentence) for part in asking] if len(asking) > 1 else [(sentence, sentence)]
    if intents.channel and not any(is_question(clause) for clause, _ in clauses):
        return [(message.window, message.window)]  # "мне удобнее в ватсапе, дайте номер"
    return [(clause, sentence) for clause, sentence in clauses
            if is_question(clause) or asks_price(clause) or _PROMISE.search(clause)]


def _sentences(text: str) -> list[str]:
    """The text's sentences; one that only says what the one before means ("like a general anaesthetic?",
    "типа под наркозом?") is read with it."""
    sentences: list[str] = []
    for sentence in _CLAUSE.findall(text):
        if sentences and _ELABORATION.match(sentence):
            sentences[-1] += sentence
        else:
            sentences.append(sentence)
    return sentences


_ELABORATION = LazyPattern(r"\s*(?:like|such\s+as|e\.?g\.?|i\.?e\.?|meaning|типа|например|то\s+есть|вроде|в\s+смысле)\b",
                          re.IGNORECASE)
_ASKS_APART = LazyPattern(r",\s+|\s+и\s+(?=(?:как|где|когда|какая|какой|сколько|что|есть|можно)\b)"
                         r"|\s+and\s+(?=(?:how|what|is|does|do|can)\b)", re.IGNORECASE)
# "можно по-русски?", "can we continue in English?": the switch answers it.
_LANGUAGE_REQUEST = LazyPattern(r"по-русски|по-английски|на\s+русском|на\s+английском|in\s+english|in\s+russian", re.IGNORECASE)


_OR = LazyPattern(r"\s+(?:или|либо|or)\s+", re.IGNORECASE)
_APART = ("faq", "offering", "not_offered")


def _asks(message: Message, settings: BotSettings) -> list[tuple[str, str, bool]]:
    """Each ask of the message, with its sentence and whether it asks a price. "X или Y?" naming two
    things the settings answer apart is two asks, in the order asked ("рассрочка или только full
    payment?", "how much are veneers or whitening?"); "массив или шпон?" stays one."""
    asks: list[tuple[str, str, bool]] = []
    for clause, sentence in questions(message):
        priced = asks_price(clause)
        parts = _OR.split(clause, maxsplit=1)
        if len(parts) == 2:
            found = [faq.answer_source(part, settings, price=priced, question=True) for part in parts]
            if found[0] != found[1] and all(one is not None and one.source in _APART for one in found):
                asks += [(part, sentence, priced) for part in parts]
                continue
        asks.append((clause, sentence, priced))
    return asks


def _needs_a_manager(clause: str, intents: Intents) -> bool:
    """A question the settings do not answer, which a person must: not "вы бот?", "ау?", "можно с менеджером?"."""
    if not (is_question(clause) or asks_price(clause) or _PROMISE.search(clause)) or len(re.findall(r"[^\W\d_]", clause)) < 3:
        return False
    if _LANGUAGE_REQUEST.search(clause) and not asks_price(clause):
        return False
    return not (intents.are_you_a_bot or intents.presence or intents.person or intents.recap or (intents.hello
                and len(clause) < 30) or intents.callback)
