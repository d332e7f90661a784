"""The offline engine: a deterministic sales manager that needs no model and no network.

It is what the local stack runs and what answers whenever the LLM cannot. Each reply does what a
good manager does: greets once, answers the customer's question from the company's settings only
(never an invented price or promise), acknowledges what it just learned, presents the matching
offering once the customer is qualified, and asks for one missing thing at a time. A question the
customer dodged twice (or declined) is not asked again.

Everything is a function of the conversation: same conversation, same reply.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from salesbot.brain import faq
from salesbot.brain.intents import Intents, is_non_answer, read
from salesbot.brain.phrases import LANGUAGES, ask, money, question_asked_by, say
from salesbot.extract import detect_language, extract_lead
from salesbot.extract.language import conversation_language, guess_language, nearest
from salesbot.lead import merge, stated_contacts_only
from salesbot.models import BotSettings, BrainReply, Conversation, LeadData, Offering, Stage, Turn

__all__ = ["OfflineBrain"]

MAX_READ_CHARS = 4096  # a message's worth: what a customer can send in one go, whatever arrives
_QUALIFICATION = ("budget", "location", "timeline")
_CONTACT_QUESTIONS = ("contact", "phone", "email", "callback")
_STAGE_ORDER = (Stage.greeting, Stage.needs, Stage.qualification, Stage.offer, Stage.contact)
_MAX_ITEM_CHARS = 60
_MAX_ANSWER_CHARS = 600
_LONG_MESSAGE_CHARS = 1500
_WINDOW_CHARS = 600


class OfflineBrain:
    """A rule-based sales manager for Russian and English; other languages get the nearest of the two."""

    def respond(self, conversation: Conversation, *, received: float | None = None) -> BrainReply:
        settings = conversation.settings
        history = conversation.history
        last = history[-1] if history and history[-1].role == "customer" else None
        text = last.text[:MAX_READ_CHARS] if last else ""
        window = _window(text)
        intents = read(window)
        detected = _language(conversation)
        language = _reply_language(detected)

        previous = history[-2] if last is not None and len(history) >= 2 else None
        asked = question_asked_by(previous) if previous is not None else None
        earlier = [turn.text[:MAX_READ_CHARS] for turn in history[:-1] if turn.role == "customer"] if last else []
        learned = _learn(text, settings, asked, intents, earlier=earlier, known=conversation.lead)
        lead = merge(conversation.lead, learned)
        first = not any(turn.role != "customer" for turn in history)

        if intents.handoff:
            parts: list[str] = [_greeting(settings, language)] if first else []
            parts.append(say("handoff", language))
            if lead.phone is None and lead.email is None:
                parts.append(say("handoff_leave_phone", language))
            return BrainReply(reply=" ".join(parts), lead=learned, stage=Stage.handed_over, handoff=True,
                              handoff_reason="customer_request", language=detected)

        asks_before = _asks(history[:-1] if last is not None else history)
        declined_before = _declined(asks_before, history[:-1] if last is not None else history)
        declined = _declined(asks_before, history)
        next_field = _next_field(lead, settings, declined)
        was_done = not first and _next_field(conversation.lead, settings, declined_before) is None
        callback = intents.callback and lead.phone is None and not intents.injection
        if callback:
            next_field = "phone"
        elif next_field is None and not _stated(lead):
            next_field = "need"  # a company that wants no lead fields still asks how it can help

        parts = []
        if first:
            parts.append(_greeting(settings, language))
        elif intents.presence:
            parts.append(say("here", language))
        elif intents.hello and not _stated(learned):
            parts.append(say("hello_again", language))
        if intents.injection:
            parts.append(say("refuse", language))
        elif intents.abuse:
            parts.append(say("abuse", language))

        said_before = " ".join(turn.text for turn in history[-6:] if turn.role == "bot")
        answer = None if intents.injection else _answer(window, intents, settings, conversation.lead, learned, language,
                                                        said_before)
        closing = next_field is None and not was_done
        if not intents.injection and not closing:
            acknowledgement = _acknowledge(conversation.lead, learned, language, answer or "",
                                           callback_asked=asked == "callback")
            if acknowledgement:
                parts.append(acknowledgement)
            elif asked and asked != "need" and is_non_answer(text):
                parts.append(say("declined", language))
        if answer:
            parts.append(answer)
        if intents.are_you_a_bot and not intents.injection:
            company_of = f" {settings.company_name}" if settings.company_name else ""
            parts.append(say("are_you_a_bot", language, company_of=company_of))
        if intents.callback and not callback and not intents.injection:
            parts.append(say("callback_known", language))

        presented = False
        if not intents.injection and _just_qualified(conversation.lead, lead, settings, declined_before, next_field):
            offer = _offer(lead, settings, language, answer or "")
            if offer:
                parts.append(offer)
                presented = True

        if len(text) > _LONG_MESSAGE_CHARS and len(parts) == (1 if first else 0):
            parts.append(say("long_message", language))
        listing = faq.catalogue(settings, language) if settings.offerings else None
        shown = _Shown(
            catalogue_now=bool(listing and answer and listing in answer),
            catalogue_before=bool(listing and any(listing in turn.text for turn in history if turn.role == "bot")),
            name_now=bool(learned.name),
        )
        last_sentence, asking = _closing(next_field, lead, conversation, settings, learned, intents, language,
                                         text=text, asked=asked, asks=asks_before, was_done=was_done,
                                         answered=bool(answer), shown=shown)
        parts.append(last_sentence)

        stage = _stage(conversation, lead, learned, next_field, first=first, presented=presented)
        return BrainReply(reply=" ".join(part for part in parts if part), lead=learned, stage=stage,
                          language=detected, asked=asking)


def _window(text: str) -> str:
    """What the intent patterns read: all of a normal message, the start and the end of a very long one.

    Requests ("позовите менеджера", "сколько стоит?") open or close a message; reading both ends
    keeps the cost per message bounded however much junk sits in between.
    """
    if len(text) <= 2 * _WINDOW_CHARS:
        return text
    return f"{text[:_WINDOW_CHARS]}\n…\n{text[-_WINDOW_CHARS:]}"


def _learn(text: str, settings: BotSettings, asked: str | None, intents: Intents, *, earlier: list[str],
           known: LeadData) -> LeadData:
    """What the message states, read in its conversation; nothing from a message built to manipulate us."""
    if intents.injection or not text.strip():
        return LeadData()
    # A dodge ("не знаю", "ok", "👍") is no bare answer to the question we asked.
    small_talk = intents.hello or intents.thanks or intents.bye or intents.presence
    if (intents.non_answer or intents.ack_only or intents.handoff or small_talk
            or (intents.no_letters and asked not in ("phone", "budget"))):
        asked = None  # a dodge, a greeting or a goodbye is no bare answer to the question we asked
    if asked == "need" and intents.promise_topic:
        asked = None  # "дай скидку" is a request to answer, not what they want to buy
    learned = extract_lead(text, settings=settings, asked=asked, earlier=earlier, known=known)
    if asked is not None:
        learned = _without_false_bare_answer(learned, text, settings, asked)
    learned = stated_contacts_only(learned, [*earlier[-1:], text])
    if learned.need is not None and (
            len(re.findall(r"[^\W\d_]", learned.need)) < 2  # "😀😀😀" is not a need
            or ((intents.non_answer or intents.handoff)  # "не хочу оставлять телефон", "хочу поговорить с человеком"
            and faq.find_offering(learned.need, settings.offerings) is None)):
        learned = learned.model_copy(update={"need": None})
    return learned


_BARE_FIELDS = {"name": "name", "need": "need", "location": "location", "timeline": "timeline", "budget": "budget_amount"}


def _without_false_bare_answer(learned: LeadData, text: str, settings: BotSettings, asked: str) -> LeadData:
    """`learned` without the asked field when the message is not a bare answer to our question.

    Told that we asked for X, the parsers take a short reply as X. But "миллионов 5" after "when?"
    answers an earlier question about the budget, and "через пару месяцев" after "your name?" is
    no name: when the message states something else on its own, the asked field must too.
    """
    attribute = _BARE_FIELDS.get(asked)
    if attribute is None or getattr(learned, attribute) is None:
        return learned
    plain = extract_lead(text, settings=settings, asked=None)
    if getattr(plain, attribute) is not None:
        return learned
    others = plain.model_dump(exclude_none=True, exclude={"details", attribute, "budget_currency"})
    if not others and not plain.details:
        return learned
    if asked == "name" and re.search(rf"(?<!\w){re.escape(str(learned.name).split()[0])}(?!\w)", text):
        return learned  # written with a capital, as names are: "Анна, 8 912 345-67-89"
    update: dict[str, object] = {attribute: None}
    if asked == "budget":
        update["budget_currency"] = None
    return learned.model_copy(update=update)


# --- language -------------------------------------------------------------------------------------


def _language(conversation: Conversation) -> str:
    """The customer's language: their last message that clearly shows one, else the company's."""
    customer_texts = [_window(turn.text) for turn in reversed(conversation.history) if turn.role == "customer"][:20]
    clear = conversation_language(customer_texts)
    if clear:
        return clear
    settings = conversation.settings
    if settings.language and settings.language != "auto":
        return settings.language
    for text in (*customer_texts, settings.greeting, settings.description):
        guessed = guess_language(text)
        if guessed:
            return guessed
    return "ru"


def _reply_language(detected: str) -> str:
    return nearest(detected, LANGUAGES)


def _greeting(settings: BotSettings, language: str) -> str:
    if settings.greeting.strip() and _reply_language(detect_language(settings.greeting)) == language:
        return settings.greeting.strip()
    if settings.company_name.strip():
        return say("greeting", language, company=settings.company_name.strip())
    return say("greeting_anonymous", language)


# --- what to ask ----------------------------------------------------------------------------------


def _asks(history: list[Turn]) -> list[tuple[int, str]]:
    """(index, field) of every question a bot or manager turn asked, oldest first."""
    asks = []
    for index, turn in enumerate(history):
        if turn.role != "customer":
            field = question_asked_by(turn)
            if field:
                asks.append((index, _question_group(field)))
    return asks


def _question_group(field: str) -> str:
    return "contact" if field in _CONTACT_QUESTIONS else field


def _declined(asks: list[tuple[int, str]], history: list[Turn]) -> set[str]:
    """Fields not to ask again: the customer declined them, or left them unanswered twice."""
    answered: Counter[str] = Counter()
    declined = set()
    for index, field in asks:
        reply = history[index + 1] if index + 1 < len(history) else None
        if reply is None or reply.role != "customer":
            continue  # not answered yet: the customer's next message may well answer it
        if field == "contact" and _looks_like_a_contact(reply.text):
            continue  # they tried: a typo in a number is no refusal to give one
        answered[field] += 1
        if answered[field] >= 2 or is_non_answer(reply.text):
            declined.add(field)
    declined.discard("need")  # without a need there is nothing to sell: ask again, with the catalogue
    return declined


_CONTACT_ATTEMPT = re.compile(r"@|(?:\d[\s()+.-]*){6,}")


def _looks_like_a_contact(text: str) -> bool:
    return len(text) <= 200 and bool(_CONTACT_ATTEMPT.search(text))


def _next_field(lead: LeadData, settings: BotSettings, declined: set[str]) -> str | None:
    """The first wanted field still unknown; phone and email are one question until one is given."""
    wanted = settings.lead_fields
    has_contact = lead.phone is not None or lead.email is not None
    for field in lead.missing(wanted):
        if field in ("phone", "email"):
            if has_contact or "contact" in declined:
                continue
            return "contact" if "phone" in wanted and "email" in wanted else field
        if field in declined:
            continue
        return field
    return None


@dataclass(frozen=True)
class _Shown:
    """What the customer has seen already, so the reply does not repeat it."""

    catalogue_now: bool  # this reply lists the offerings
    catalogue_before: bool  # an earlier reply did
    name_now: bool  # this reply greets the customer by the name they just gave


def _closing(next_field: str | None, lead: LeadData, conversation: Conversation, settings: BotSettings,
             learned: LeadData, intents: Intents, language: str, *, text: str, asked: str | None,
             asks: list[tuple[int, str]], was_done: bool, answered: bool, shown: _Shown) -> tuple[str, str | None]:
    """The reply's last sentence (the next question, or where the request stands), and what it asks for."""
    if next_field is not None and intents.bye and not _stated(learned):
        # Leaving before the end: thank them, and leave the door open rather than press on.
        no_contact = lead.phone is None and lead.email is None
        door = say("door_open", language) if no_contact else say("already_done", language)
        farewell = f"{say('you_are_welcome', language) if intents.thanks else ''} {door} {say('goodbye', language)}"
        return farewell.strip(), "contact" if no_contact else None
    if next_field is not None:
        question, asking = _question(next_field, lead, settings, language, asked=asked, asks=asks, intents=intents,
                                     shown=shown, text=text)
        if intents.thanks and not _stated(learned) and not answered:
            question = f"{say('you_are_welcome', language)} {question}"
        return question, asking
    if was_done:
        if learned.model_dump(exclude_none=True, exclude={"details"}) or learned.details:
            return say("added_to_request", language), None
        if intents.thanks or intents.bye:
            return f"{say('you_are_welcome', language)} {say('goodbye', language)}", None
        return ("" if answered and intents.question else say("already_done", language)), None
    if lead.phone is None and lead.email is None and any(f in settings.lead_fields for f in ("phone", "email")):
        return say("done_no_contact", language), "contact"  # a number written next answers it all the same
    summary = _summary(lead, language)
    if not summary:
        return say("done_plain", language), None
    text = say("done", language, summary=summary)
    if lead.name:
        text = text.replace("!", f", {lead.name}!", 1)
    return text, None


def _question(field: str, lead: LeadData, settings: BotSettings, language: str, *, asked: str | None,
              asks: list[tuple[int, str]], intents: Intents, shown: _Shown, text: str) -> tuple[str, str]:
    """The question for `field`, and what it asks for as stored with the reply."""
    if field == "phone" and intents.callback:
        return ask("phone", language, "callback"), "callback"
    if (field in _CONTACT_QUESTIONS and asked is not None and _question_group(asked) == "contact"
            and _looks_like_a_contact(text)):
        return ask("phone", language, "check"), field  # they wrote a contact we could not read
    repeated = asked is not None and _question_group(asked) == _question_group(field)
    if field == "need" and shown.catalogue_now:
        return ask("need", language, "choose"), field
    if field == "need" and repeated and not shown.catalogue_before and settings.offerings:
        # Unsure what they want: show what there is to choose from, once.
        listing = faq.catalogue(settings, language)
        if listing:
            return f"{listing} {ask('need', language, 'choose')}", field
    question = ask(field, language, "again" if repeated else "first")
    if lead.name and field in _CONTACT_QUESTIONS and not repeated and not shown.name_now:
        question = f"{lead.name}, {question[0].lower()}{question[1:]}"
    return question, field


# --- what to say ----------------------------------------------------------------------------------


def _stated(learned: LeadData) -> bool:
    return bool(learned.model_dump(exclude_none=True, exclude={"details"}))


def _answer(text: str, intents: Intents, settings: BotSettings, known: LeadData, learned: LeadData,
            language: str, said_before: str) -> str | None:
    """An answer from the settings to what the customer asked, if they asked something."""
    if intents.no_letters:
        return None
    questioning = intents.question
    answers: list[str] = []
    entry = faq.match_faq(text, settings.faq, questioning=questioning) if (questioning or len(text) <= 200) else None
    if entry and entry.answer.strip() and not (intents.price and _bounded(entry.answer) in said_before):
        answers.append(_bounded(entry.answer))
    named = faq.match_offering(text, settings.offerings)
    if intents.price and (named or not entry):
        answers.append(_price_answer(text, named, settings, known, learned, language))
    elif intents.catalogue and not entry:
        answers.append(faq.catalogue(settings, language) or say("unknown", language))
    elif not entry and intents.promise_topic and (questioning or not _stated(learned)):
        answers.append(say("unknown", language))
    elif intents.availability and not entry and questioning:
        if named:
            answers.append(say("yes_we_have", language, item=faq.offering_item(named, language)))
        elif not intents.are_you_a_bot:
            listing = faq.catalogue(settings, language)
            answers.append(say("not_in_list", language, offerings=listing) if listing else say("unknown", language))
    elif named and questioning and not entry:
        answers.append(faq.about_offering(named, language))  # "а двушка?"
    elif (not entry and questioning and not intents.are_you_a_bot and not intents.callback and not intents.presence
          and not _stated(learned) and len(re.findall(r"[^\W\d_]", text)) >= 3):
        answers.append(say("unknown", language))
    return " ".join(answers) or None


def _price_answer(text: str, named: Offering | None, settings: BotSettings, known: LeadData, learned: LeadData,
                  language: str) -> str:
    # "Сколько стоит?" asks about what they said they want, when they name nothing else.
    offering = named
    if offering is None and learned.need is None:
        offering = faq.find_offering(known.need, settings.offerings)
    if offering is not None:
        return faq.about_offering(offering, language)
    listing = faq.catalogue(settings, language) if any(o.price is not None for o in settings.offerings) else None
    if learned.need is None and not faq.names_something_else(text, settings) and listing:
        return listing  # "сколько стоят ваши квартиры?": the price list
    # "Сколько стоит трёшка?": not in the settings, so no price, and what there is instead.
    return f"{say('unknown_price', language)} {listing}" if listing else say("unknown_price", language)


def _acknowledge(known: LeadData, learned: LeadData, language: str, answer: str, *, callback_asked: bool) -> str:
    """A short confirmation of what this message added or changed."""
    parts = []
    items: list[str] = []
    corrected = False
    for field in ("need", "location", "timeline"):
        value = getattr(learned, field)
        if value and value != getattr(known, field):
            if value.lower() in answer.lower() or any(value.lower() in item.lower() for item in items):
                continue  # the answer names it already, or another item says it ("urgent appointment", "urgent")
            items.append(_short(value))
            corrected = corrected or getattr(known, field) is not None
    if learned.budget_amount is not None and (learned.budget_amount, learned.budget_currency) != (
            known.budget_amount, known.budget_currency):
        position = 1 if items and learned.need and learned.need != known.need else 0
        items.insert(position, say("budget", language, amount=money(learned.budget_amount, learned.budget_currency, language)))
        corrected = corrected or known.budget_amount is not None
    area = learned.details.get("area_m2")
    if isinstance(area, (int, float)) and area != known.details.get("area_m2"):
        items.append(say("area", language, area=f"{area:g}"))

    name = learned.name if learned.name and learned.name != known.name else None
    if name:
        parts.append(say("nice_to_meet" if known.name is None else "thanks_name", language, name=_short(name)))
    if items:
        if corrected:
            key = "corrected"
        elif learned.need and known.need is None and not name:
            key = "noted_need"
        else:
            key = "noted"
        parts.append(say(key, language, items=", ".join(items)))
    if learned.phone and learned.phone != known.phone:
        parts.append(say("callback_known" if callback_asked else "phone_noted", language))
    elif learned.email and learned.email != known.email:
        parts.append(say("email_noted", language))
    return " ".join(parts)


def _just_qualified(known: LeadData, lead: LeadData, settings: BotSettings, declined_before: set[str],
                    next_field: str | None) -> bool:
    """This message completed the need and the qualification questions."""
    def qualified(state: LeadData, field: str | None) -> bool:
        return state.need is not None and field not in ("need", *_QUALIFICATION)

    return qualified(lead, next_field) and not qualified(known, _next_field(known, settings, declined_before))


def _offer(lead: LeadData, settings: BotSettings, language: str, answer: str) -> str | None:
    offering = faq.find_offering(lead.need, settings.offerings) or faq.match_offering(lead.need or "", settings.offerings)
    if offering is None:
        return say("offer_free_text", language)
    item = faq.offering_item(offering, language)
    if item in answer:
        return None  # presented already in this reply
    key = "offer_over_budget" if faq.over_budget(offering, lead.budget_amount, lead.budget_currency) else "offer"
    return say(key, language, item=item)


def _summary(lead: LeadData, language: str) -> str:
    items = [_short(value) for value in (lead.need, lead.location) if value]
    if lead.budget_amount is not None:
        items.append(say("budget", language, amount=money(lead.budget_amount, lead.budget_currency, language)))
    if lead.timeline:
        items.append(_short(lead.timeline))
    contact = lead.phone or lead.email
    if contact:
        items.append(say("contact_item", language, contact=contact))
    return ", ".join(items)


def _stage(conversation: Conversation, lead: LeadData, learned: LeadData, next_field: str | None, *,
           first: bool, presented: bool) -> Stage:
    if lead.need is None:
        learned_anything = bool(learned.model_dump(exclude_none=True, exclude={"details"}))
        stage = Stage.greeting if first and not learned_anything and next_field == "need" else Stage.needs
        if next_field in _CONTACT_QUESTIONS:
            stage = Stage.contact
    elif next_field in _QUALIFICATION:
        stage = Stage.qualification
    elif next_field is None or next_field in _CONTACT_QUESTIONS or lead.phone or lead.email:
        stage = Stage.contact
    else:
        stage = Stage.offer
    if presented and stage is Stage.qualification:
        stage = Stage.offer
    previous = conversation.stage
    # A conversation does not go back in the sale: a question at the contact stage keeps it there.
    if previous in _STAGE_ORDER and _STAGE_ORDER.index(previous) > _STAGE_ORDER.index(stage):
        return previous
    return stage


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= _MAX_ITEM_CHARS else value[: _MAX_ITEM_CHARS - 1].rstrip() + "…"


def _bounded(text: str) -> str:
    text = text.strip()
    if len(text) <= _MAX_ANSWER_CHARS:
        return text
    cut = text[:_MAX_ANSWER_CHARS]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > 100 else cut.rstrip() + "…"
