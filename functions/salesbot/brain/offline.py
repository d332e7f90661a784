"""The offline engine: a deterministic sales manager that needs no model and no network.

It is what the local stack runs, what answers whenever the LLM cannot, and what a company that may
not send customer data to a model provider runs alone. Each reply does what a good salesperson
does, in this order:
1. greets once, in the persona's voice (never again, even when the customer greets again);
2. meets what the message is about: a request for a person, a problem with something already
   bought (no sales pitch then), an urgent case (sympathy, the number to call now, the earliest
   option), a refusal to give contacts (the chat goes on), an attempt to manipulate it;
3. answers every question in the message from the settings, or says honestly that a manager will
   confirm it and that it is noted; confirms what it learned, and a change of mind as a change;
4. asks at most one thing: what moves the sale (what they need; where, for a company that works
   where the customer is; then the next step, which needs a way to reach them), never a question
   declined, dodged twice or already answered.
No sentence is said twice in a conversation: a repeated answer is reworded, a repeated remark
left out; only a reply left with nothing to say (a long conversation that has used every wording)
says a remark again, in the wording said longest ago, never one of the last three replies. The conversation's state is read from data (what each bot turn asked, why it handed
over, the stage), never from the bot's own wording.

Everything is a function of the conversation: same conversation, same reply.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from salesbot.brain import faq
from salesbot.brain.answering import Message, answer, questions
from salesbot.brain.intents import is_injection, is_non_answer, read_visit, refuses_contact
from salesbot.brain.phrases import LANGUAGES, Voice, money, question_asked_by, say, wordings
from salesbot.brain.reading import EMERGENCY, CustomerMessage, last_message, learn, stated, window
from salesbot.brain.reply import Reply, normalised, sentences, short
from salesbot.extract import detect_language
from salesbot.extract.first_names import latin_spellings
from salesbot.extract.language import conversation_language, guess_language, nearest
from salesbot.extract.patterns import LazyPattern
from salesbot.lead import merge
from salesbot.models import (
    AnswerSource,
    Asked,
    BotSettings,
    BrainReply,
    Conversation,
    HandoffReason,
    LeadData,
    Stage,
    Turn,
)

__all__ = ["OfflineBrain"]

_QUALIFICATION = ("budget", "location", "timeline")
_CONTACT_QUESTIONS = ("contact", "phone", "email", "callback")
_STAGE_ORDER = (Stage.greeting, Stage.needs, Stage.qualification, Stage.offer, Stage.contact)
_LONG_MESSAGE_CHARS = 1500
_COMPLAINT = LazyPattern(r"недовол|жалоб|пожаловат|поцарап|сломал|испорт|ужасн|complain|unhappy|disappointed|worse|never\s+(?:turned|showed)"
                        r"|nobody\s+(?:turned|showed)|didn'?t\s+turn|не\s+приехал|не\s+перезвонил|обещал\w*\s+(?:\w+\s+)?и\s+не", re.IGNORECASE)


class OfflineBrain:
    """A rule-based sales manager for Russian and English; other languages get the nearest of the two."""

    def respond(self, conversation: Conversation, *, received: float | None = None) -> BrainReply:
        now = _read(conversation)
        learned = learn(now, conversation.lead)
        lead = merge(conversation.lead, learned)
        reason = _handoff_reason(now)
        reply = Reply(now.said, now.language, now.voice, now.accepted)

        if now.first:
            reply.add(_greeting(conversation.settings, now.language, now.voice))
        elif now.intents.presence:
            reply.add_key("here")
        if now.intents.injection:
            reply.add_key("refuse")
        elif now.intents.abuse:
            reply.add_key("abuse")

        urgent = reason == "urgent" or now.waiting_for == "urgent"
        if urgent:
            _urgency(reply, now, lead, handing_over=reason == "urgent")
        if reason == "post_sale":
            if _COMPLAINT.search(now.window):
                reply.add_key("complaint")
            reply.add_key("post_sale")
        elif reason == "customer_request":
            reply.add_key("handoff")
        if reason is not None:
            reply.add(faq.when_people_answer(conversation.settings, conversation.now, now.language) or "")
        elif now.waiting_for == "customer_request" and now.intents.person:
            reply.add(wordings("handoff", now.language, voice=now.voice)[-1])
        if now.intents.refuses_contact and lead.contact(now.accepted) is None:
            reply.add_key("chat_is_fine")

        selling = reason is None and now.waiting_for is None
        answered_from: list[AnswerSource] = []
        if now.intents.injection:
            _acknowledge_contact(reply, conversation.lead, learned, now)  # kept all the same, and said so
        else:
            _acknowledge(reply, conversation.lead, learned, now, changed=_changed_need(conversation.lead, learned))
            offerings = conversation.settings.offerings
            wanted = faq.find_offering(conversation.lead.need, offerings) or faq.find_offering(lead.need, offerings)
            message = Message(now.window, now.intents, now.previous_customer_text)
            answered_from = answer(reply, message, conversation.settings, wanted=wanted, now=conversation.now,
                                   selling_forbidden=now.intents.after_sale or now.waiting_for in ("post_sale", "complaint"))
        if now.intents.are_you_a_bot and not now.intents.injection and not now.intents.person:
            company_of = f" {conversation.settings.company_name}" if conversation.settings.company_name else ""
            reply.add_key("are_you_a_bot", company_of=company_of)
        if now.intents.recap and not now.intents.injection:
            summary = _summary(lead, now)
            reply.add(*(wordings("recap", now.language, voice=now.voice, summary=summary) if summary
                        else wordings("recap_empty", now.language, voice=now.voice)))
        if now.intents.callback and lead.phone is not None and not now.intents.injection:
            reply.add_key("callback_known")
        if not selling and len(reply.parts) == (1 if now.first else 0) and not urgent:
            reply.add_key("waiting")
        if len(now.text) > _LONG_MESSAGE_CHARS and not reply.parts:
            reply.add_key("long_message")

        asking = _close_sale(reply, now, conversation, lead, learned) if selling else _close_handover(reply, now, lead)
        if not reply.parts:  # everything worth saying was said before: still never silent
            (reply.add_key("still_here") or reply.add_key("here") or reply.add_key("you_are_welcome")
             or reply.add_least_recent())
        stage = Stage.handed_over if reason or conversation.stage is Stage.handed_over else _stage(
            conversation, lead, learned, asking, first=now.first)
        return BrainReply(reply=reply.text(), lead=learned, stage=stage, handoff=reason is not None,
                          handoff_reason=reason, asked=asking, language=now.detected, answered_from=answered_from)


# --- reading the conversation ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Now(CustomerMessage):
    """The customer's new message read in its conversation, from data only: as the lead reads it,
    and what the reply needs besides."""

    accepted: Sequence[str]  # the kinds of contact the company asks for and accepts
    history: list[Turn]  # before the new message
    detected: str  # the customer's language (ISO 639-1)
    language: str  # the one we answer in
    voice: Voice
    first: bool  # nothing has been said to the customer yet
    asks: list[tuple[int, str]]  # every question asked before, with its place in the history
    refused_contact: bool  # the customer said they will not give a phone or an email
    wants_visit: bool  # the customer asked to come in, or for someone to come out
    said: dict[str, int]  # every sentence already said to the customer, normalised: how many replies ago, last
    previous_customer_text: str  # what the customer wrote before this message ("а до скольки?" after "в субботу?")


def _read(conversation: Conversation) -> _Now:
    history = conversation.history
    message = last_message(conversation)
    before = history[:-1] if history and history[-1].role == "customer" else history
    detected = _language(conversation)
    language = nearest(detected, LANGUAGES)
    customer_texts = [turn.text for turn in history if turn.role == "customer"]
    return _Now(
        **vars(message), accepted=conversation.settings.customer_contacts, history=before,
        detected=detected, language=language, voice=_voice(conversation.settings),
        first=not any(turn.role != "customer" for turn in history),
        asks=_asks(before),
        refused_contact=any(_customer_said(customer).refuses_contact for customer in customer_texts),
        wants_visit=message.intents.visit or any(_customer_said(customer).visit for customer in customer_texts[:-1]),
        said=_said(before),
        previous_customer_text=customer_texts[-2] if len(customer_texts) >= 2 else "",
    )


# Every message reads the conversation before it again: what each earlier turn says is kept, per
# text, so a turn is read once per process, not once for every message that follows it.
_TURNS_KEPT = 4096


@dataclass(frozen=True)
class _CustomerSaid:
    refuses_contact: bool
    visit: bool


@lru_cache(maxsize=_TURNS_KEPT)
def _customer_said(text: str) -> _CustomerSaid:
    """What a customer's message says that every later message of the conversation asks about again."""
    seen = window(text)
    return _CustomerSaid(refuses_contact=refuses_contact(seen), visit=read_visit(seen))


@lru_cache(maxsize=_TURNS_KEPT)
def _sentences_said(text: str) -> tuple[str, ...]:
    """A reply's sentences, normalised as `Reply` compares them."""
    return tuple(normalised(sentence) for sentence in sentences(text))


def _said(before: list[Turn]) -> dict[str, int]:
    """Each sentence said to the customer (normalised), with how many replies ago it was said last."""
    replies = [turn for turn in before if turn.role != "customer"]
    said: dict[str, int] = {}
    for replies_ago, turn in enumerate(reversed(replies), start=1):
        for sentence in _sentences_said(turn.text):
            said.setdefault(sentence, replies_ago)
    return said


def _voice(settings: BotSettings) -> Voice:
    persona = settings.persona
    return Voice(name=persona.name.strip() or None, gender=persona.gender, formal=persona.formal)


def _written_for(name: str, language: str) -> str:
    """The persona's name in the letters of the reply's language: "Анна" introduces herself to an English
    customer as "Anna", as a Russian manager would; a name in other letters stays as written."""
    if language == "ru":
        return name
    return " ".join(next(iter(latin_spellings(word)), word) for word in name.split())


def _language(conversation: Conversation) -> str:
    """The customer's language: their last message that clearly shows one (an attempt to manipulate
    the bot switches nothing), else the company's."""
    customer_texts = [window(turn.text) for turn in reversed(conversation.history) if turn.role == "customer"][:20]
    clear = conversation_language(text for text in customer_texts if not is_injection(text))
    settings = conversation.settings
    if clear and "auto" in settings.persona.languages:
        return clear
    chosen = settings.persona.reply_language(clear)
    if chosen:
        return chosen
    for text in (*customer_texts, settings.persona.greeting, settings.description):
        guessed = guess_language(text)
        if guessed:
            return guessed
    return "ru"


def _greeting(settings: BotSettings, language: str, voice: Voice) -> str:
    greeting = settings.persona.greeting.strip()
    if greeting and nearest(detect_language(greeting), LANGUAGES) == language:
        return greeting
    company = settings.company_name.strip()
    if company and voice.name:
        return say("greeting_persona", language, voice=voice, name=_written_for(voice.name, language), company=company)
    if company:
        return say("greeting", language, voice=voice, company=company)
    return say("greeting_anonymous", language, voice=voice)


def _handoff_reason(now: _Now) -> HandoffReason | None:
    """Why this message hands the conversation to a person; None when it does not (or already did)."""
    intents = now.intents
    if intents.injection:
        return None
    if intents.urgent and now.waiting_for != "urgent":
        return "urgent"
    if now.waiting_for is not None:
        return None
    if intents.person:
        return "customer_request"
    if intents.after_sale:
        return "post_sale"
    return None


# --- what the message states ----------------------------------------------------------------------


def _changed_need(known: LeadData, learned: LeadData) -> bool:
    return known.need is not None and learned.need is not None and learned.need != known.need


# --- saying it ------------------------------------------------------------------------------------


def _acknowledge(reply: Reply, known: LeadData, learned: LeadData, now: _Now, *, changed: bool) -> None:
    """A short confirmation of what this message added or changed; a change of mind as a change."""
    language = now.language
    if now.intents.urgent or now.intents.after_sale or now.waiting_for is not None:
        learned = LeadData(name=learned.name, phone=learned.phone, email=learned.email, whatsapp=learned.whatsapp,
                           telegram=learned.telegram)
        changed = False
    if changed:
        reply.add_key("need_changed", new=short(str(learned.need)), old=short(str(known.need)))
    items: list[str] = []
    corrected = False
    fields = ("location", "timeline") if changed else ("need", "location", "timeline")
    for field in fields:
        value = getattr(learned, field)
        if value and value != getattr(known, field):
            if any(value.lower() in item.lower() for item in items):
                continue  # another item says it already ("urgent appointment", "urgent")
            offering = faq.find_offering(value, now.settings.offerings) if field == "need" else None
            if offering is not None and now.intents.question:
                continue  # the answer names it, with its price
            items.append(faq.offering_item(offering, language) if offering else short(value))  # and what it costs
            corrected = corrected or getattr(known, field) is not None
    if learned.budget_amount is not None and (learned.budget_amount, learned.budget_currency) != (
            known.budget_amount, known.budget_currency):
        position = 1 if items and learned.need and learned.need != known.need and not changed else 0
        items.insert(position, say("budget", language, amount=_budget_text(learned, language)))
        corrected = corrected or known.budget_amount is not None
    area = learned.details.get("area_m2")
    if isinstance(area, (int, float)) and area != known.details.get("area_m2"):
        items.append(say("area", language, area=f"{area:g}"))

    name = learned.name if learned.name and learned.name != known.name else None
    if name:
        reply.add_key("nice_to_meet" if known.name is None else "thanks_name", name=short(name))
    if items:
        key = "corrected" if corrected else "noted_need" if learned.need and known.need is None and not name else "noted"
        reply.add_key(key, items=", ".join(items))
    offering = faq.find_offering(learned.need or known.need, now.settings.offerings)
    if (learned.budget_amount is not None and offering is not None
            and faq.over_budget(offering, learned.budget_amount, learned.budget_currency)):
        reply.add_key("offer_over_budget", item=faq.offering_item(offering, language))
    if now.asked not in (None, "need") and now.intents.non_answer and not items and not name:
        reply.add_key("declined")
    _acknowledge_contact(reply, known, learned, now)


_MESSENGERS = {"whatsapp": "WhatsApp", "telegram": "Telegram"}
_PREFERRED = ("whatsapp", "telegram", "phone", "email")  # "+7 912..., пишите в ватсап": WhatsApp is what they chose


def _acknowledge_contact(reply: Reply, known: LeadData, learned: LeadData, now: _Now) -> None:
    """Thanks for a new contact, with how the manager will use it; one the company does not take is
    kept with a plain thanks (the question for one it takes follows)."""
    new = [kind for kind in _PREFERRED if getattr(learned, kind) and getattr(learned, kind) != getattr(known, kind)]
    taken = [kind for kind in new if kind in now.accepted]
    if learned.retracted and not any(getattr(learned, field) for field in learned.retracted):
        reply.add_key("taken_back")  # "ой, это номер мужа": nothing new to thank for
    if now.asked == "callback" and "phone" in taken:
        reply.add_key("callback_known")
    elif taken:
        reply.add(*_noted(taken[0], now))
    elif new:
        reply.add_key("contact_kept")


def _noted(kind: str, now: _Now) -> list[str]:
    """Thanks for a contact of this kind, saying how the manager will use it."""
    if kind in _MESSENGERS:
        return wordings("messenger_noted", now.language, voice=now.voice, messenger=_MESSENGERS[kind])
    return wordings(f"{kind}_noted", now.language, voice=now.voice)


def _budget_text(lead: LeadData, language: str) -> str:
    """The budget as the customer put it: "до 100 000 ₽", "500 000–600 000 ₽", "from $300,000"."""
    if lead.budget_amount is None:
        return ""
    low, high = lead.budget_min, lead.budget_max
    if low is not None and high is not None and low != high:
        return f"{money(low, lead.budget_currency, language)}–{money(high, lead.budget_currency, language)}"
    amount = money(lead.budget_amount, lead.budget_currency, language)
    if high is not None and low is None:
        return say("up_to", language, amount=amount)
    if low is not None and high is None:
        return say("from_amount", language, amount=amount)
    return amount


def _urgency(reply: Reply, now: _Now, lead: LeadData, *, handing_over: bool) -> None:
    """Sympathy, the number to call now and the earliest option, from the settings."""
    phone = _company_phone(now.settings)
    if phone is None:
        reply.add_key("urgent_no_phone")
    else:
        reply.add_key("urgent", phone=phone)
    emergency = faq.find_offering(lead.need, now.settings.offerings)
    if handing_over and emergency is not None and EMERGENCY.search(emergency.name):
        reply.add_key("earliest", item=faq.offering_item(emergency, now.language))
    if handing_over:
        reply.add_key("urgent_handoff")


def _company_phone(settings: BotSettings) -> str | None:
    """The company's number, written as people read it."""
    phone = settings.contacts.phone or settings.contacts.whatsapp
    return faq.readable_phone(phone) if phone else None


# --- the one question -------------------------------------------------------------------------------


def _close_handover(reply: Reply, now: _Now, lead: LeadData) -> Asked | None:
    """While a person is coming: no selling; a way to reach the customer, asked once."""
    if lead.contact(now.accepted) or now.refused_contact or any(field == "contact" for _, field in now.asks):
        return None
    if now.intents.injection or now.intents.bye:
        return None
    if "phone" in now.accepted:
        return "phone" if reply.add_key("handoff_leave_phone") else None
    return "contact" if reply.add_key("handoff_leave_contact") else None


def _close_sale(reply: Reply, now: _Now, conversation: Conversation, lead: LeadData, learned: LeadData) -> Asked | None:
    """The reply's last sentence: the one question that moves the sale, or where the request stands."""
    intents, language = now.intents, now.language
    history = now.history
    declined = _declined(now.asks, [*history, Turn(role="customer", text=now.text)])
    has_contact = lead.contact(now.accepted) is not None
    no_contact = now.refused_contact or "contact" in declined
    if intents.bye and not stated(learned):
        if intents.thanks:
            reply.add_key("you_are_welcome")
        if not has_contact and not no_contact:
            reply.add_key("door_open")
        reply.add_key("goodbye")
        return None
    if intents.callback and not has_contact and not intents.injection:
        return "callback" if reply.add_question("phone", ["callback"]) else None
    if (now.asked is not None and _group(now.asked) == "contact" and not has_contact and learned.contact() is None
            and _looks_like_a_contact(now.text) and not intents.injection and not intents.channel):
        return reply.add_question("contact", ["check", "check_again", "check_once_more"])  # a contact we could not read

    wanted = conversation.settings.lead_fields
    if now.wants_visit and lead.need is None:
        wanted = [field for field in wanted if field != "need"]  # they want a time: the next step is how to reach them
    field = _next_field(lead, wanted, now.accepted, declined, no_contact=no_contact, asked_before=[f for _, f in now.asks],
                        asking_questions=bool(questions(Message(now.window, now.intents, now.previous_customer_text))),
                        where_first=_works_where_the_customer_is(conversation.settings))
    if field is None:
        _close_request(reply, now, conversation.lead, lead, learned, has_contact=has_contact)
        return None
    if field == "need":
        asked_need = sum(1 for _, f in now.asks if f == "need")
        if asked_need >= 1 and conversation.settings.offerings and not now.intents.catalogue:
            listing = faq.catalogue(conversation.settings, language)
            if listing and reply.add(listing):
                return reply.add_question("need", ["choose"])
        return reply.add_question("need", ["first", "again", "choose"])
    if field in _CONTACT_QUESTIONS:
        prefix = f"{lead.name}, " if lead.name and not learned.name else ""
        return reply.add_question(field, ["first", "again"], prefix=prefix)
    return reply.add_question(field, ["first", "again"])


def _close_request(reply: Reply, now: _Now, known: LeadData, lead: LeadData, learned: LeadData, *,
                   has_contact: bool) -> None:
    """Nothing left to ask: where the request stands, said once."""
    if not has_contact:
        if now.intents.thanks:
            reply.add_key("you_are_welcome")
        return
    if learned.contact(now.accepted):
        summary = _summary(lead, now)
        # The whole request, with the contact in it, says the contact was noted.
        reply.withdraw([text for kind in _PREFERRED for text in _noted(kind, now)])
        if summary:
            reply.add_key("done", summary=summary)
        else:
            reply.add_key("done_plain")
        return
    if now.intents.thanks or now.intents.bye:
        reply.add_key("you_are_welcome")
        reply.add_key("goodbye")
    elif stated(learned):
        reply.add_key("added_to_request")
    elif not reply.parts:
        reply.add_key("already_done")


def _next_field(lead: LeadData, wanted: Sequence[str], accepted: Sequence[str], declined: set[str], *,
                no_contact: bool, asked_before: list[str], asking_questions: bool, where_first: bool) -> Asked | None:
    """What moves the sale: what they need, then a way to reach them for the next step (of the kinds
    the company accepts), then what the company wants to know (not while the customer is asking
    questions of their own), each asked at most twice and never once declined.

    A company that works where the customer is asks where before the contact, questions or not:
    the price, the visit and whether it goes there at all depend on it. Sales managers of such
    companies ask it first (the development sets' authors asked "where?" before the contact in all
    78 such conversations that asked both, and before the budget in 54 of 66)."""
    if lead.need is None and ("need" in wanted or not wanted):
        return "need" if asked_before.count("need") < 3 else None
    if (where_first and "location" in wanted and lead.location is None and "location" not in declined
            and asked_before.count("location") < 2):
        return "location"
    has_contact = lead.contact(accepted) is not None
    if "contact" in wanted and not has_contact and not no_contact:
        # A phone alone is asked with a call in view, an email alone as such; any other choice by name.
        return cast("Asked", accepted[0]) if list(accepted) in (["phone"], ["email"]) else "contact"
    if asking_questions:
        return None  # they lead with questions: answered, and the company's own questions wait
    for field in lead.missing([field for field in wanted if field not in ("need", "contact")]):
        if field not in declined and asked_before.count(field) < 2 and (has_contact or field != "name"):
            return cast("Asked", field)  # a name from ASKED_FIELDS, which Asked holds
    return None


# Work done at the customer's home or site, or goods brought to it, by the words an offering is named with
# ("cleaning" is not one: teeth are cleaned at the dentist's; "уборка" is).
_AT_THE_CUSTOMERS = LazyPattern(
    r"монтаж|установк|ремонт|вызов|уборк|вывоз|снос|демонтаж|спил|утеплен|доставк|переезд|замен|вскрыт|откачк|межеван"
    r"|install|repair|fitting|removal|clearing|clearance|pumping|deliver|\bmoves?\b|courier|demolition|felling"
    r"|pruning|insulation|rewir|servic(?:e|ing)\b|survey|assembly|replacement|lockout|door\s+opening|landscap|garden|lawn"
    r"|roof|gutter|septic|pest", re.IGNORECASE)


def _works_where_the_customer_is(settings: BotSettings) -> bool:
    """The company comes to the customer, or brings them what it sells, as it names its offerings
    ("Монтаж кухни", "Boiler repair"; a customer's word for one, such as "cleaning" for a hygiene
    visit, says nothing of where it is done)."""
    return any(_AT_THE_CUSTOMERS.search(offering.name) for offering in settings.offerings)


def _asks(history: list[Turn]) -> list[tuple[int, str]]:
    """(index, field) of every question a bot or manager turn asked, oldest first."""
    asks = []
    for index, turn in enumerate(history):
        if turn.role != "customer":
            field = question_asked_by(turn)
            if field:
                asks.append((index, _group(field)))
    return asks


def _group(field: str) -> str:
    return "contact" if field in _CONTACT_QUESTIONS else field


def _declined(asks: list[tuple[int, str]], history: list[Turn]) -> set[str]:
    """Fields not to ask again: the customer declined them, or left them unanswered twice."""
    answered: Counter[str] = Counter()
    declined = set()
    for index, field in asks:
        reply = history[index + 1] if index + 1 < len(history) else None
        if reply is None or reply.role != "customer":
            continue
        if field == "contact" and _looks_like_a_contact(reply.text):
            continue  # they tried: a typo in a number is no refusal to give one
        answered[field] += 1
        if answered[field] >= 2 or is_non_answer(reply.text) or (field == "contact" and refuses_contact(reply.text)):
            declined.add(field)
    declined.discard("need")
    return declined


_CONTACT_ATTEMPT = LazyPattern(r"@|(?:\d[\s()+.-]*){6,}")


def _looks_like_a_contact(text: str) -> bool:
    return len(text) <= 200 and bool(_CONTACT_ATTEMPT.search(text))


# --- where the sale stands ------------------------------------------------------------------------


def _summary(lead: LeadData, now: _Now) -> str:
    language = now.language
    items = [short(value) for value in (lead.need, lead.location) if value]
    if lead.budget_amount is not None:
        items.append(say("budget", language, amount=_budget_text(lead, language)))
    if lead.timeline:
        items.append(short(lead.timeline))
    contact = lead.contact(now.accepted)
    if contact:
        kind, value = contact
        items.append(say("contact_item", language, contact=f"{_MESSENGERS[kind]} {value}" if kind in _MESSENGERS else value))
    return ", ".join(items)


def _stage(conversation: Conversation, lead: LeadData, learned: LeadData, asking: str | None, *, first: bool) -> Stage:
    if lead.contact(conversation.settings.customer_contacts) or asking in _CONTACT_QUESTIONS:
        stage = Stage.contact
    elif lead.need is None:
        stage = Stage.greeting if first and not stated(learned) else Stage.needs
    elif asking in _QUALIFICATION:
        stage = Stage.qualification
    else:
        stage = Stage.offer
    previous = conversation.stage
    # A conversation does not go back in the sale: a question at the contact stage keeps it there.
    if previous in _STAGE_ORDER and _STAGE_ORDER.index(previous) > _STAGE_ORDER.index(stage):
        return previous
    return stage
