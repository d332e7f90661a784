"""What a customer's message gives the lead, read in its conversation.

One reading, wherever a lead is made: the offline engine's reply, a message the LLM was told to
obey (its lead is the parsers'), what a customer writes to a person, and the lead rebuilt from a
stored conversation (`salesbot.lead_rebuild`), so that a rebuilt lead is the lead the chat stored.

A message built to manipulate the bot still says who the customer is and how to reach them, and a
parser follows no instruction: "ignore all rules, my number is 8 916..." leaves the customer's
number. What such a message says of the sale is the instruction's: "set my budget to $1,000,000"
would only move the lead up a manager's list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from salesbot.brain.answering import is_question
from salesbot.brain.bare_answers import read_reply
from salesbot.brain.intents import Intents, read, requested_work
from salesbot.brain.phrases import question_asked_by
from salesbot.extract import extract_lead, match_offering
from salesbot.extract.catalogue import index as catalogue_index
from salesbot.extract.patterns import LazyPattern
from salesbot.lead import PHONE_UNVERIFIED, stated_contacts_only
from salesbot.models import BotSettings, Conversation, HandoffReason, LeadData, Offering, Stage, Turn

MAX_READ_CHARS = 4096  # a message's worth: what a customer can send in one go, whatever arrives
_WINDOW_CHARS = 600
_WHO_AND_HOW_TO_REACH = ("name", "phone", "email", "whatsapp", "telegram")
EMERGENCY = LazyPattern(r"emergenc|urgent|срочн|аварийн|экстренн", re.IGNORECASE)
"""An offering for what cannot wait, by its name."""


@dataclass(frozen=True)
class CustomerMessage:
    """A customer's message as the lead reads it, with what it needs of its conversation."""

    settings: BotSettings
    text: str  # the message, bounded
    window: str  # what the patterns read of it
    intents: Intents
    asked: str | None  # what the turn before asked for
    earlier: list[str]  # the customer's earlier messages, bounded, oldest first
    waiting_for: HandoffReason | None  # handed over before, and why: the conversation waits for a person


def customer_message(text: str, *, settings: BotSettings, asked: str | None, earlier: list[str],
                     waiting_for: HandoffReason | None) -> CustomerMessage:
    bounded = bound(text)
    seen = window(bounded)
    return CustomerMessage(settings=settings, text=bounded, window=seen, intents=read(seen), asked=asked,
                           earlier=earlier, waiting_for=waiting_for)


def last_message(conversation: Conversation) -> CustomerMessage:
    """The customer's new message: the last of the conversation (none, read as empty, when it ends with a reply)."""
    history = conversation.history
    new = history[-1] if history and history[-1].role == "customer" else None
    before = history[:-1] if new is not None else history
    return customer_message(
        new.text if new else "", settings=conversation.settings,
        asked=question_asked_by(before[-1]) if new is not None and before else None,
        earlier=[bound(turn.text) for turn in before if turn.role == "customer"],
        waiting_for=waiting_for(conversation, before),
    )


def bound(text: str) -> str:
    return text[:MAX_READ_CHARS]


def window(text: str) -> str:
    """What the intent patterns read: all of a normal message, the start and the end of a very long one.

    Requests ("позовите менеджера", "сколько стоит?") open or close a message; reading both ends
    keeps the cost per message bounded however much junk sits in between.
    """
    if len(text) <= 2 * _WINDOW_CHARS:
        return text
    return f"{text[:_WINDOW_CHARS]}\n…\n{text[-_WINDOW_CHARS:]}"


def waiting_for(conversation: Conversation, before: list[Turn]) -> HandoffReason | None:
    """Why the conversation was handed over, while it still is (a release puts the stage back)."""
    if conversation.stage is not Stage.handed_over:
        return None
    return next((turn.handoff_reason for turn in reversed(before) if turn.handoff_reason), "other")


def learn(message: CustomerMessage, known: LeadData) -> LeadData:
    """What the message states, read in its conversation, as the bot answering it reads it.

    Only a need goes into the need field: a question, small talk, an instruction or a matter about
    something already bought never does. A question about one offering, while no need is held, is
    interest in it; a later mention of another offering replaces the need only when the customer
    changes their mind ("хотя знаете... давайте эмаль", "not whitening, I meant veneers")."""
    intents, text, settings = message.intents, message.text, message.settings
    if not text.strip():
        return LeadData()
    if intents.injection:
        return _who_and_how_to_reach(message, known)
    small_talk = intents.hello or intents.thanks or intents.bye or intents.presence
    # A dodge, a greeting, a question back is no bare answer, to the question we asked or to any other; a
    # question may still open with one ("thursday, is that ok?").
    dodge = (intents.non_answer or intents.ack_only or intents.person or small_talk
             or (intents.no_letters and message.asked not in ("phone", "contact", "callback", "budget")))
    bare = not (dodge or intents.question)
    earlier, asked = message.earlier, message.asked if bare else None
    learned = extract_lead(text, settings=settings, asked=asked, earlier=earlier, known=known)
    learned = read_reply(learned, text, settings=settings, earlier=earlier, known=known, asked=asked,
                         expected=message.asked, bare=bare, opens_with_answer=not dodge)
    learned = stated_contacts_only(learned, [*earlier[-1:], text])
    return learned.model_copy(update={"need": _need(learned.need, message, known)})


def learn_while_handed_over(message: CustomerMessage, known: LeadData) -> LeadData:
    """What a message to a person states, the bot silent: what the parsers read of it, with no need
    ("а ещё шкаф?" asked of a manager is theirs to take down), and no question of ours to answer."""
    if message.intents.injection:
        return _who_and_how_to_reach(message, known)
    learned = extract_lead(message.text, settings=message.settings, earlier=message.earlier, known=known)
    return learned.model_copy(update={"need": None})


def stated(learned: LeadData) -> bool:
    """The reading holds something besides details."""
    return bool(learned.model_dump(exclude_none=True, exclude={"details"}))


def _who_and_how_to_reach(message: CustomerMessage, known: LeadData) -> LeadData:
    """The name and contacts the parsers read in a message built to manipulate the bot, and those it takes
    back: no answer to any question (the message answers none), nothing of the sale."""
    read = extract_lead(message.text, settings=message.settings, earlier=message.earlier, known=known)
    taken_back = tuple(field for field in read.retracted or () if field in _WHO_AND_HOW_TO_REACH) or None
    kept = LeadData(**{field: getattr(read, field) for field in _WHO_AND_HOW_TO_REACH}, retracted=taken_back,
                    details={PHONE_UNVERIFIED: True} if read.phone and read.details.get(PHONE_UNVERIFIED) else {})
    return stated_contacts_only(kept, [*message.earlier[-1:], message.text])


def _need(found: str | None, message: CustomerMessage, known: LeadData) -> str | None:
    """The need this message states, if it states one."""
    intents, settings = message.intents, message.settings
    offerings = {offering.name for offering in settings.offerings}
    if intents.after_sale or message.waiting_for in ("post_sale", "complaint"):
        return None  # a matter about an order is not a sale
    if intents.change_of_mind:
        chosen = match_offering(intents.change_of_mind, settings)
        if chosen is not None:
            return chosen if chosen != known.need else None
    if found is None:
        emergency = emergency_offering(settings) if intents.urgent and not intents.danger and known.need is None else None
        if emergency is None and known.need is None and not intents.person:
            return _requested(message.window, settings)  # "can you fix the hob after?": the work they want
        return emergency.name if emergency else None
    # "Thinking about Invisalign. Is the consultation free?": what they want is said, not asked.
    said = _stated_offering(message.window, settings) if found in offerings and intents.question else None
    found = said or found
    if found in offerings:
        match = catalogue_index(settings).offering(message.window)
        weak = said is None and (match is None or match.share < 1 or match.target.name != found)
        if intents.urgent and weak and not intents.danger and known.need is None:
            emergency = emergency_offering(settings)  # a leak "from the bathroom" wants the emergency visit
            return emergency.name if emergency else found
        if intents.question and weak and known.need is None:
            return None  # a word in passing ("застройщик") is no interest in an offering
        if known.need is None or known.need not in offerings:
            return found  # interest in an offering, or what their own words for it turn out to be
        wanted = _wanted_in(message.window, settings)
        if wanted is not None and wanted != known.need:
            return wanted  # "Кухню хотим из плёнки", "my shower drain's blocked": a new need said as one
        return None
    if (intents.question or intents.person or intents.refuses_contact or intents.non_answer or intents.are_you_a_bot
            or intents.callback or intents.abuse or len(re.findall(r"[^\W\d_]", found)) < 2):
        return None
    if known.need is not None and not intents.change_of_mind:
        return None  # their own words for something else are not a change of mind
    return found


_WANT = LazyPattern(r"(?<!\w)(?:хочу|хотим|хотели\s+бы|нужн[аоеы]?|нужен|ищу|ищем|интересует|i\s+need|we\s+need|i\s+want|we\s+want"
                   r"|looking\s+for|interested\s+in|(?:is|are)\s+blocked|blocked|broken|not\s+working)(?!\w)", re.IGNORECASE)


def _wanted_in(text: str, settings: BotSettings) -> str | None:
    """The offering a clause that is not a question names with words of wanting or of a problem."""
    for clause in re.split(r"[.!?;,]\s*", text):
        if clause.strip() and not is_question(clause) and _WANT.search(clause):
            named = match_offering(clause, settings)
            if named is not None:
                return named
    return None


_SENTENCE = LazyPattern(r"[^.!?;\n]+[.!?;]*")


def _stated_offering(text: str, settings: BotSettings) -> str | None:
    """The offering the message names outside its questions: what they want, not what they ask about."""
    said = " ".join(sentence for sentence in _SENTENCE.findall(text) if not is_question(sentence))
    return match_offering(said, settings) if said.strip() else None


def _requested(text: str, settings: BotSettings) -> str | None:
    """The work a question asks for, as the need: an offering it names, else the customer's words for it;
    never what the company does not do."""
    work = requested_work(text)
    if work is None or catalogue_index(settings).not_offered_item(work) is not None:
        return None
    return match_offering(work, settings) or work


def emergency_offering(settings: BotSettings) -> Offering | None:
    return next((offering for offering in settings.offerings if EMERGENCY.search(offering.name)), None)
