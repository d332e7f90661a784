"""One customer message through the sales manager: store it, answer it, update the lead.

Every channel (the test chat, Telegram, the widget) runs this same pipeline. The customer's
message is stored before anything can fail; if the brain fails after that, the customer still
gets a polite answer and the message stays with the conversation.

The company's plan is obeyed here, where the cost is: past its model budget the offline engine
answers without a model call; past its bot replies the conversation goes to people (the customer
is told a manager will answer, and what they wrote still reaches the lead; so does what a customer
writing faster than their limit states, answered by a canned "slow down"). The reply and the model's
tokens are metered in the transaction that stores the turn.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from salesbot import lead as leads
from salesbot.brain.base import Brain
from salesbot.db import Database, company_arg
from salesbot.errors import TooManyRequests
from salesbot.models import BotSettings, BrainReply, Conversation, LeadData, Stage
from salesbot.recent import Recent
from salesbot.sanitize import truncate
from salesbot.settings import read_stored

log = logging.getLogger(__name__)

APOLOGIES = {
    "ru": "Спасибо за сообщение! Менеджер скоро ответит вам.",
    "en": "Thank you for your message! A manager will get back to you shortly.",
}
SLOW_DOWN_REPLIES = {
    "ru": "Вы пишете очень часто: я отвечу чуть позже, все сообщения сохранены.",
    "en": "You're writing faster than I can answer: I'll reply shortly, and every message is saved.",
}

# The settings last read for each channel (or each caller's test chat), with their version: the next
# message sends the version, and the context leaves the document out while it is still that one
# (decoding it was most of the context's cost). The version names the company, so a stale or
# mistaken entry only means the document comes again.
_HELD_SETTINGS: Recent[tuple[str, ...], tuple[Any, BotSettings]] = Recent(1024)


@dataclass(frozen=True)
class IncomingMessage:
    customer: str  # the channel's id for the person
    text: str  # already cleaned
    name: str | None = None
    username: str | None = None
    channel_id: UUID | None = None  # None: the test chat of the company `owner_id`
    owner_id: UUID | None = None  # the company a test-chat message is for (None: the caller's only one)
    client: str | None = None  # who the widget's relay says sent it: hard limits apply per client
    # The channel's id for this message (the test chat's: the client's Idempotency-Key, if any):
    # a retry with it is taken in once and answered once.
    update_key: str | None = None
    reply_to: str | None = None  # the chat the reply is delivered to: queued with the reply, sent by the caller
    # Answer this instead of asking the brain (e.g. to a photo), or what this makes of the conversation.
    canned_reply: str | Callable[[Conversation], str] | None = None


@dataclass(frozen=True)
class Outcome:
    customer_id: UUID
    reply: str | None  # None while a human has the conversation
    lead: dict[str, Any] | None
    handed_over: bool
    newly_qualified: bool
    duplicate: bool = False  # a retry of a message taken in before: nothing new was stored
    delivery_id: int | None = None  # the queued delivery of the reply, for `reply_to`


def handle_message(db: Database, brain: Brain, claims: Mapping[str, Any], message: IncomingMessage) -> Outcome:
    received = time.monotonic()
    context, settings = _ingest(db, claims, message)
    customer_id = UUID(context["customer_id"])
    duplicate = bool(context.get("duplicate"))
    if duplicate and context.get("answered"):
        return Outcome(customer_id, context["reply"], _public_lead(context["lead"]), context["handed_over"],
                       newly_qualified=False, duplicate=True)
    if context["handed_over"]:
        lead = context["lead"] if duplicate else _learn_while_handed_over(db, claims, customer_id, context, settings)
        return Outcome(customer_id, None, _public_lead(lead), handed_over=True, newly_qualified=False,
                       duplicate=duplicate)

    conversation = conversation_from_context(context, settings)
    if not _plan_allows(context, "replies"):
        answer = _plan_limit_handover(brain, conversation, received)
    else:
        canned = message.canned_reply(conversation) if callable(message.canned_reply) else message.canned_reply
        canned = canned or (SLOW_DOWN_REPLIES[_script(message.text)] if context.get("rate_limited") else None)
        answer = _canned(brain, conversation, canned, received) if canned else _answer(brain, conversation, received)
    reply = truncate(answer.reply)
    # The customer's previous message too: a number begun there may end in this one.
    customer_texts = [turn.text for turn in conversation.history if turn.role == "customer"][-2:]
    learned = leads.storable(answer.lead, customer_texts or [message.text])
    learned = _with_chat_contact(learned, conversation, context["lead"])
    stage = Stage.handed_over if answer.handoff else answer.stage
    turn = {
        "p_customer_id": str(customer_id),
        "p_reply": reply,
        "p_stage": stage.value,
        "p_lead": learned.model_dump(mode="json", exclude_none=True),
        "p_score": leads.score(leads.merge(conversation.lead, learned), stage, conversation.settings.customer_contacts),
        "p_handoff": answer.handoff,
        "p_language": answer.language if answer.language and len(answer.language) == 2 else None,
        "p_asked": answer.asked,
        "p_handoff_reason": answer.handoff_reason if answer.handoff else None,
        "p_llm_input_tokens": answer.usage.input_tokens,
        "p_llm_output_tokens": answer.usage.output_tokens,
    }
    if message.channel_id is None:
        recorded = db.rpc("record_bot_turn", {**turn, "p_request_key": message.update_key}, claims)
    else:
        # One transaction: the reply, its queued delivery and any managers' notice, once per update.
        recorded = db.rpc("record_channel_turn", {"p_channel_id": str(message.channel_id),
                                                  "p_update_key": message.update_key, "p_chat_id": message.reply_to,
                                                  **turn}, claims)
    if recorded["superseded"]:  # another attempt answered first, or a manager took over meanwhile
        return Outcome(customer_id, recorded["reply"], _public_lead(context["lead"]), recorded["handed_over"],
                       newly_qualified=False, duplicate=True)
    lead = recorded["lead"]
    return Outcome(customer_id, reply, _public_lead(lead), recorded["handed_over"],
                   newly_qualified=bool(lead and lead.get("newly_qualified")), duplicate=duplicate,
                   delivery_id=recorded.get("delivery_id"))


def _learn_while_handed_over(db: Database, claims: Mapping[str, Any], customer_id: UUID,
                             context: Mapping[str, Any], settings: BotSettings) -> dict[str, Any] | None:
    """The lead after what the customer just wrote to a person: the bot stays silent, the parsers do
    not (a phone given to the manager belongs on the lead). The parsers alone, whatever the brain:
    no model is paid to read a conversation it does not answer."""
    from salesbot.brain.reading import last_message, learn_while_handed_over  # the parsers load now, not before

    conversation = conversation_from_context(context, settings)
    customer_texts = [turn.text for turn in conversation.history if turn.role == "customer"]
    learned = leads.storable(learn_while_handed_over(last_message(conversation), conversation.lead), customer_texts[-2:])
    if learned == LeadData():
        known: dict[str, Any] | None = context["lead"]
        return known
    score = leads.score(leads.merge(conversation.lead, learned), conversation.stage, conversation.settings.customer_contacts)
    recorded = db.rpc("learn_while_handed_over", {"p_customer_id": str(customer_id),
                                                  "p_lead": learned.model_dump(mode="json", exclude_none=True),
                                                  "p_score": score}, claims)
    lead: dict[str, Any] = recorded["lead"]
    return lead


def _ingest(db: Database, claims: Mapping[str, Any], message: IncomingMessage) -> tuple[dict[str, Any], BotSettings]:
    """Stores the customer's message (once, for a channel update) and returns the conversation and
    the company's settings, or raises TooManyRequests when the channel's limits refuse it (nothing
    is stored then)."""
    held_key = ("channel", str(message.channel_id)) if message.channel_id else ("chat", str(claims.get("sub")),
                                                                                  str(message.owner_id))
    held = _HELD_SETTINGS.get(held_key)
    args = {"p_customer": message.customer, "p_text": message.text, "p_name": message.name,
            "p_username": message.username, "p_settings_version": held[0] if held else None}
    conversation: dict[str, Any]
    if message.channel_id is None:
        conversation = db.rpc("ingest_customer_message", {
            **args, "p_request_key": message.update_key,
            "p_owner_id": company_arg(message.owner_id)}, claims)
    else:
        conversation = db.rpc("ingest_channel_update", {
            "p_channel_id": str(message.channel_id), "p_update_key": message.update_key, "p_client": message.client,
            **args}, claims)
        if conversation.get("refused"):
            raise TooManyRequests(conversation["refused"], retry_after=conversation["retry_after"])
    version = conversation["settings_version"]
    if held and conversation["settings"] is None and version == held[0]:
        return conversation, held[1]
    settings = read_stored(conversation["settings"] or {}, version=version)
    _HELD_SETTINGS.put(held_key, (version, settings))
    return conversation, settings


def conversation_from_context(context: Mapping[str, Any], settings: BotSettings | None = None) -> Conversation:
    """The brain's view of a conversation, from what the RPCs return (with the company's `settings`
    when they are already read): a customer writing from Telegram is reachable there when the
    company accepts Telegram."""
    if settings is None:
        settings = read_stored(context["settings"] or {}, version=context.get("settings_version"))
    telegram = context.get("customer_telegram")
    return Conversation(
        settings=settings,
        history=context["history"],  # validated as list[Turn] in one pass
        lead=leads.reachable_in_chat(leads.lead_from_row(context["lead"]), telegram, settings.customer_contacts),
        stage=Stage(context["stage"]),
        customer_name=context.get("customer_name"),
        customer_telegram=telegram,
        now=datetime.now(UTC),
        use_model=_plan_allows(context, "model"),
    )


def _plan_allows(context: Mapping[str, Any], what: str) -> bool:
    """Whether the company's plan still allows `what` (`model`, `replies`) this billing period."""
    return bool((context.get("plan") or {}).get(what, True))


def _read_offline(brain: Brain, conversation: Conversation, received: float) -> BrainReply:
    """The message read by the offline engine, whatever the brain: no model is paid for a reply it does not write."""
    return _answer(brain, conversation.model_copy(update={"use_model": False}), received)


def _plan_limit_handover(brain: Brain, conversation: Conversation, received: float) -> BrainReply:
    """Past the plan's bot replies: a person takes the conversation over and the customer is told
    one will answer. The offline engine (no model cost) still reads what the message states."""
    read = _read_offline(brain, conversation, received)
    language = _script(conversation.history[-1].text)
    return BrainReply(reply=APOLOGIES[language], lead=read.lead, stage=Stage.handed_over, handoff=True,
                      handoff_reason="plan_limit", language=read.language or language)


def _canned(brain: Brain, conversation: Conversation, reply: str, received: float) -> BrainReply:
    """A reply the brain is not asked for (a customer writing faster than their limit, a photo):
    what the message states still reaches the lead, read by the offline engine at no model cost."""
    read = _read_offline(brain, conversation, received)
    return BrainReply(reply=reply, lead=read.lead, stage=conversation.stage)


def _with_chat_contact(learned: LeadData, conversation: Conversation, stored: Mapping[str, Any] | None) -> LeadData:
    """What to store: what was learned, and the Telegram contact the chat gives, once there is a lead
    to store it with (a "hello" makes no lead)."""
    telegram = conversation.lead.telegram
    if learned.telegram or not telegram or (stored or {}).get("telegram") == telegram:
        return learned
    if stored is None and not learned.model_dump(exclude_none=True, exclude_defaults=True):
        return learned
    return learned.model_copy(update={"telegram": telegram})


def _answer(brain: Brain, conversation: Conversation, received: float) -> BrainReply:
    try:
        answer = brain.respond(conversation, received=received)
        if answer.reply.strip():
            return answer
        log.error("the brain answered with an empty reply; answering with an apology")
    except Exception:
        # The message is already stored; the customer must still hear back from us.
        log.exception("the brain failed; answering with an apology")
    language = _script(conversation.history[-1].text)
    return BrainReply(reply=APOLOGIES[language], lead=LeadData(), stage=conversation.stage, language=language)


def _script(text: str) -> str:
    """The language of the canned replies (Russian or English) nearest to the customer's."""
    from salesbot.extract.language import detect_language, nearest  # the parsers load with a brain, not before

    return nearest(detect_language(text), ("ru", "en"))


def _public_lead(lead: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return {key: value for key, value in lead.items() if key != "newly_qualified"} if lead else None
