"""The offline engine: a deterministic sales manager that needs no model and no network.

It is what the local stack runs and what answers whenever the LLM cannot. Each reply does what a
good manager does: greets once, answers the customer's question from the company's settings only
(never an invented price or promise), acknowledges what it just learned, and asks for one missing
thing at a time.
"""

from __future__ import annotations

import re

from salesbot.brain.phrases import LANGUAGES, ask, asked_field, money, say
from salesbot.extract import detect_language, extract_lead, match_offering
from salesbot.extract.text import WORD, stem
from salesbot.lead import merge
from salesbot.models import BotSettings, BrainReply, Conversation, FaqEntry, LeadData, Stage

__all__ = ["OfflineBrain", "asked_field"]

_HANDOFF = re.compile(
    r"(?:позов\w*|соедин\w*|переключ\w*|хочу|можно|дайте|нужен|нужно|давайте|поговорить с|свяжите с)"
    r"[^.!?]{0,30}(?:человек\w*|менеджер\w*|оператор\w*|специалист\w*|живым|живого|сотрудник\w*|консультант\w*)"
    r"|(?:ты|вы) (?:бот|робот)\??|не хочу (?:с )?бот\w*"
    r"|(?:talk|speak|chat|connect me|put me through|transfer me)\b[^.!?]{0,30}\b(?:human|person|manager|agent|operator|someone|representative|people)"
    r"|real (?:person|human)|live agent|\bare you a (?:bot|robot)\b",
    re.IGNORECASE,
)
_INJECTION = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier|your) (?:instructions|prompts?|rules)"
    r"|(?:system|initial|hidden) prompt|your (?:instructions|prompt|rules)|developer mode|jailbreak|you are now\b"
    r"|(?:other|all) (?:customers|clients|users)|all (?:the )?(?:phone numbers|emails|contacts|leads)"
    r"|игнорир\w* (?:все |предыдущ\w* |прошл\w* )*(?:инструкц|правил|указан)|забудь\w* (?:все |свои )*(?:инструкц|правил)"
    r"|(?:системн\w*|свой|ваш|твой) (?:промпт|prompt|инструкц\w*)|(?:других|всех|чужих) (?:клиент|пользовател|покупател)"
    r"|(?:все|чужие) (?:номера|телефоны|контакты|заявки)",
    re.IGNORECASE,
)
_PRICE_QUESTION = re.compile(
    r"сколько стоит|сколько стоят|цен[аыуе]|стоимост\w*|почём|прайс|how much|price|cost|rates?\b|tariff|тариф",
    re.IGNORECASE,
)
_CATALOGUE_QUESTION = re.compile(
    r"что (?:вы )?(?:предлагаете|продаёте|продаете|есть|делаете)|какие (?:у вас )?(?:есть|варианты|услуги|товары)"
    r"|каталог|ассортимент|what (?:do|can) you (?:offer|sell|have|do)|what services|what products|your (?:services|products|options)",
    re.IGNORECASE,
)
_QUESTION = re.compile(
    r"\?|^(?:как|где|когда|какой|какие|можно|есть ли|а вы|вы\b|how|where|when|what|which|can|do you|is there|are)\b",
    re.IGNORECASE,
)
_QUALIFICATION = ("budget", "location", "timeline")
_MAX_OFFERINGS_LISTED = 5


class OfflineBrain:
    def respond(self, conversation: Conversation) -> BrainReply:
        customer_text = conversation.history[-1].text
        language = _language(conversation)
        asked = _asked_before(conversation)
        learned = extract_lead(customer_text, settings=conversation.settings, asked=asked)
        lead = merge(conversation.lead, learned)

        if _HANDOFF.search(customer_text):
            return BrainReply(reply=say("handoff", language), lead=learned, stage=Stage.handed_over,
                              handoff=True, language=language)

        manipulative = bool(_INJECTION.search(customer_text))
        if manipulative:
            # A message built to manipulate us is not a source of lead data.
            learned, lead = LeadData(), conversation.lead
        next_field = _next_question(lead, conversation.settings)

        parts: list[str] = []
        if not any(turn.role == "bot" for turn in conversation.history):
            parts.append(_greeting(conversation.settings, language))
        answered_question = False
        if manipulative:
            parts.append(say("refuse", language))
        else:
            acknowledgement = _acknowledge(learned, language, closing=next_field is None)
            if acknowledgement:
                parts.append(acknowledgement)
            answer = _answer_question(customer_text, conversation.settings, lead, language)
            if answer:
                parts.append(answer)
                answered_question = True
        parts.append(ask(next_field, language) if next_field else say("done", language))
        return BrainReply(
            reply=" ".join(parts),
            lead=learned,
            stage=_stage(lead, next_field, answered_question),
            language=language,
        )


def _language(conversation: Conversation) -> str:
    for turn in reversed(conversation.history):
        # Bot commands ("/start") are Latin whatever language the customer speaks.
        if turn.role == "customer" and not turn.text.startswith("/") and re.search(r"[^\W\d_]", turn.text):
            language = detect_language(turn.text)
            return language if language in LANGUAGES else "en"
    settings = conversation.settings
    if settings.language in LANGUAGES:
        return settings.language
    return detect_language(settings.greeting) if settings.greeting else "ru"


def _asked_before(conversation: Conversation) -> str | None:
    previous = conversation.history[-2] if len(conversation.history) >= 2 else None
    return asked_field(previous.text) if previous and previous.role == "bot" else None


def _greeting(settings: BotSettings, language: str) -> str:
    if settings.greeting and detect_language(settings.greeting) == language:
        return settings.greeting
    if settings.company_name:
        return say("greeting", language, company=settings.company_name)
    return say("greeting_anonymous", language)


def _acknowledge(learned: LeadData, language: str, *, closing: bool) -> str:
    parts = []
    if learned.name:
        parts.append(say("nice_to_meet", language, name=learned.name))
    items = [value for value in (learned.need, learned.location, learned.timeline) if value]
    if learned.budget_amount is not None:
        items.insert(1, say("budget", language, amount=money(learned.budget_amount, learned.budget_currency, language)))
    if learned.details.get("area_m2"):
        items.append(f"{learned.details['area_m2']:g} м²" if language == "ru" else f"{learned.details['area_m2']:g} m²")
    if items:
        parts.append(say("noted", language, items=", ".join(items)))
    if (learned.phone or learned.email) and not closing:  # the closing line thanks them already
        parts.append(say("contact_noted", language))
    return " ".join(parts)


def _answer_question(text: str, settings: BotSettings, lead: LeadData, language: str) -> str | None:
    """An answer from the settings to what the customer asked, if they asked something we know."""
    faq = _matching_faq(text, settings.faq)
    if faq and (_QUESTION.search(text) or len(text) < 120):
        return faq.answer
    if _PRICE_QUESTION.search(text):
        return _price_answer(text, settings, lead, language)
    if _CATALOGUE_QUESTION.search(text) and settings.offerings:
        return _catalogue(settings, language)
    return None


def _matching_faq(text: str, faq: list[FaqEntry]) -> FaqEntry | None:
    words = {stem(word) for word in WORD.findall(text)}
    best, best_score = None, 0
    for entry in faq:
        keywords = {stem(word) for keyword in entry.keywords for word in WORD.findall(keyword)}
        question_words = {stem(word) for word in WORD.findall(entry.question) if len(word) > 3}
        score = 2 * len(words & keywords) + len(words & question_words)
        if score > best_score:
            best, best_score = entry, score
    return best if best_score >= 2 else None


def _price_answer(text: str, settings: BotSettings, lead: LeadData, language: str) -> str:
    # "Сколько стоит?" asks about what they said they want, when they name nothing else.
    named = match_offering(text, settings.offerings) or lead.need
    offering = next((o for o in settings.offerings if o.name == named), None)
    if offering is not None:
        if offering.price is None:
            return say("price_from_manager", language, name=offering.name)
        return say("price", language, name=offering.name, price=_price(offering.price, offering.currency, language))
    if any(o.price is not None for o in settings.offerings):
        return _catalogue(settings, language)
    return say("unknown_price", language)


def _catalogue(settings: BotSettings, language: str) -> str:
    items = []
    for offering in settings.offerings[:_MAX_OFFERINGS_LISTED]:
        if offering.price is not None:
            items.append(f"{offering.name} ({_price(offering.price, offering.currency, language)})")
        else:
            items.append(offering.name)
    return say("offerings", language, items="; ".join(items))


def _price(amount, currency: str | None, language: str) -> str:
    prefix = "от " if language == "ru" else "from "
    return prefix + money(amount, currency, language)


def _next_question(lead: LeadData, settings: BotSettings) -> str | None:
    """The first wanted field still unknown; phone and email are one question until one is given."""
    missing = lead.missing(settings.lead_fields)
    has_contact = lead.phone is not None or lead.email is not None
    for field in missing:
        if field in ("phone", "email"):
            if has_contact:
                continue
            both_wanted = "phone" in settings.lead_fields and "email" in settings.lead_fields
            return "contact" if both_wanted else field
        return field
    return None


def _stage(lead: LeadData, next_field: str | None, answered_question: bool) -> Stage:
    if lead.need is None:
        return Stage.needs if next_field == "need" else Stage.greeting
    if next_field in _QUALIFICATION:
        return Stage.offer if answered_question else Stage.qualification
    return Stage.contact
