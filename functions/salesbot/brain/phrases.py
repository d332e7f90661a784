"""What the offline engine says, in Russian and English.

Questions are kept word for word (two wordings each: the first ask and the re-ask), so the engine
can tell from its previous reply which lead field it asked for: `asked_field`. The same function
also recognises the usual wordings of a question someone else asked (the LLM, a manager), by the
words a question about each field uses.
"""

from __future__ import annotations

import re
from decimal import Decimal

from salesbot.models import Turn

LANGUAGES = ("ru", "en")

# field -> wording -> language -> text. "first" is the first ask; "again" follows an ask that went
# unanswered. Every text must end the reply, and none may contain another.
QUESTIONS: dict[str, dict[str, dict[str, str]]] = {
    "need": {
        "first": {"ru": "Подскажите, что именно Вас интересует?", "en": "What exactly are you looking for?"},
        "again": {"ru": "Расскажите, пожалуйста, что Вы ищете?", "en": "Could you tell me what you are looking for?"},
        "choose": {"ru": "Что из этого Вам ближе?", "en": "Which of these interests you most?"},
    },
    "budget": {
        "first": {"ru": "На какой бюджет Вы рассчитываете?", "en": "What budget do you have in mind?"},
        "again": {
            "ru": "Подскажите хотя бы примерный бюджет, так будет проще подобрать варианты.",
            "en": "Could you give me a rough budget? It makes it easier to find the right options.",
        },
    },
    "location": {
        "first": {"ru": "В каком городе или районе Вам удобно?", "en": "Which city or area would suit you?"},
        "again": {"ru": "Подскажите, пожалуйста, город или район.", "en": "Which city or area should we look at?"},
    },
    "timeline": {
        "first": {"ru": "В какие сроки Вам это нужно?", "en": "What is your timeframe?"},
        "again": {"ru": "Когда примерно Вы планируете?", "en": "When roughly are you planning this?"},
    },
    "name": {
        "first": {"ru": "Как я могу к Вам обращаться?", "en": "May I have your name?"},
        "again": {"ru": "Подскажите, как Вас зовут?", "en": "What name should I put on your request?"},
    },
    "contact": {
        "first": {
            "ru": "Оставьте, пожалуйста, телефон или email, чтобы менеджер мог с Вами связаться.",
            "en": "Could you leave a phone number or email so that a manager can get in touch?",
        },
        "again": {
            "ru": "Без контакта менеджер не сможет Вам ответить: оставьте, пожалуйста, телефон или email.",
            "en": "Without a contact a manager can't get back to you: please leave a phone number or email.",
        },
    },
    "phone": {
        "first": {"ru": "Оставьте, пожалуйста, номер телефона для связи.", "en": "Could you leave a phone number?"},
        "again": {
            "ru": "Подскажите, пожалуйста, номер телефона, по которому Вам удобно ответить.",
            "en": "What phone number is best to reach you on?",
        },
        "callback": {
            "ru": "Конечно! Оставьте, пожалуйста, номер телефона, и менеджер Вам перезвонит.",
            "en": "Of course! Please leave your phone number and a manager will call you back.",
        },
        "check": {
            "ru": "Не получается разобрать контакт: проверьте, пожалуйста, номер телефона или email.",
            "en": "I couldn't read that contact: could you check the phone number or email?",
        },
    },
    "email": {
        "first": {"ru": "Оставьте, пожалуйста, email для связи.", "en": "Could you share your email address?"},
        "again": {"ru": "Подскажите, пожалуйста, Ваш email.", "en": "What email address should a manager write to?"},
    },
}

TEXTS: dict[str, dict[str, str]] = {
    "greeting": {"ru": "Здравствуйте! Вас приветствует {company}.", "en": "Hello! Welcome to {company}."},
    "greeting_anonymous": {"ru": "Здравствуйте!", "en": "Hello!"},
    "hello_again": {"ru": "Здравствуйте!", "en": "Hello again!"},
    "nice_to_meet": {"ru": "Приятно познакомиться, {name}!", "en": "Nice to meet you, {name}!"},
    "thanks_name": {"ru": "Спасибо, {name}!", "en": "Thank you, {name}!"},
    "noted_need": {"ru": "Отлично! Записал: {items}.", "en": "Great! Noted: {items}."},
    "noted": {"ru": "Записал: {items}.", "en": "Got it: {items}."},
    "corrected": {"ru": "Исправил: {items}.", "en": "Updated: {items}."},
    "phone_noted": {"ru": "Спасибо, номер записал.", "en": "Thank you, I've noted your number."},
    "email_noted": {"ru": "Спасибо, email записал.", "en": "Thank you, I've noted your email."},
    "declined": {"ru": "Ничего страшного, это можно уточнить позже.", "en": "No problem, we can sort that out later."},
    "done": {
        "ru": "Спасибо! Ваша заявка: {summary}. Менеджер свяжется с Вами в ближайшее время.",
        "en": "Thank you! Your request: {summary}. A manager will contact you shortly.",
    },
    "done_plain": {
        "ru": "Спасибо! Я передал заявку менеджеру, он свяжется с Вами в ближайшее время.",
        "en": "Thank you! I've passed your request to a manager, who will contact you shortly.",
    },
    "done_no_contact": {
        "ru": "Хорошо! Если надумаете, напишите телефон или email, и менеджер с Вами свяжется.",
        "en": "All right! If you change your mind, just write a phone number or email and a manager will get in touch.",
    },
    "door_open": {
        "ru": "Если надумаете, напишите телефон или email, и менеджер с Вами свяжется.",
        "en": "If you decide to go ahead, just write a phone number or email and a manager will get in touch.",
    },
    "already_done": {
        "ru": "Заявка уже у менеджера, он свяжется с Вами в ближайшее время.",
        "en": "Your request is already with a manager, who will contact you shortly.",
    },
    "added_to_request": {"ru": "Добавил это к заявке.", "en": "I've added that to your request."},
    "here": {"ru": "Да, я на связи!", "en": "Yes, I'm here!"},
    "you_are_welcome": {"ru": "Пожалуйста!", "en": "You're welcome!"},
    "goodbye": {"ru": "Хорошего дня!", "en": "Have a nice day!"},
    "handoff": {
        "ru": "Хорошо, передаю диалог менеджеру: он подключится в ближайшее время.",
        "en": "Of course: I'm passing the conversation to a manager, who will join shortly.",
    },
    "handoff_leave_phone": {
        "ru": "Если удобнее, оставьте номер телефона, и Вам перезвонят.",
        "en": "If you prefer, leave a phone number and you'll get a call back.",
    },
    "callback_known": {
        "ru": "Хорошо, менеджер Вам перезвонит.",
        "en": "Sure, a manager will call you back.",
    },
    "refuse": {
        "ru": "С этим я помочь не могу, но с радостью расскажу о наших товарах и услугах.",
        "en": "I can't help with that, but I'm happy to tell you about our products and services.",
    },
    "abuse": {
        "ru": "Мне жаль, если что-то Вас расстроило. Я здесь, чтобы помочь.",
        "en": "I'm sorry if something has upset you. I'm here to help.",
    },
    "long_message": {"ru": "Спасибо за сообщение!", "en": "Thank you for your message!"},
    "are_you_a_bot": {
        "ru": "Я виртуальный помощник{company_of}: отвечаю сразу и передаю заявки менеджерам."
              " Если захотите поговорить с человеком, напишите «менеджер».",
        "en": "I'm the virtual assistant{company_of}: I answer right away and pass requests to our managers."
              " If you'd like to talk to a person, just write \"manager\".",
    },
    "offerings": {"ru": "Мы предлагаем: {items}.", "en": "We offer: {items}."},
    "offerings_more": {"ru": "Мы предлагаем: {items} и другое.", "en": "We offer: {items} and more."},
    "yes_we_have": {"ru": "Да, у нас есть {item}.", "en": "Yes, we have {item}."},
    "not_in_list": {
        "ru": "Это уточнит менеджер. {offerings}",
        "en": "A manager will confirm that. {offerings}",
    },
    "price": {"ru": "{name}: {price}.", "en": "{name}: {price}."},
    "price_from_manager": {
        "ru": "Цену на «{name}» менеджер рассчитает индивидуально.",
        "en": "A manager will work out the price for {name} individually.",
    },
    "unknown_price": {
        "ru": "Точную стоимость менеджер рассчитает под Ваш запрос.",
        "en": "A manager will work out the exact price for your request.",
    },
    "unknown": {"ru": "Этот вопрос уточнит менеджер.", "en": "A manager will clarify that for you."},
    "offer": {"ru": "Могу предложить: {item}.", "en": "I can offer: {item}."},
    "offer_over_budget": {
        "ru": "Могу предложить: {item}; по бюджету менеджер подскажет варианты.",
        "en": "I can offer: {item}; a manager will suggest options within your budget.",
    },
    "offer_free_text": {
        "ru": "Менеджер подберёт для Вас подходящие варианты.",
        "en": "A manager will pick suitable options for you.",
    },
    "budget": {"ru": "бюджет {amount}", "en": "budget {amount}"},
    "area": {"ru": "{area} м²", "en": "{area} m²"},
    "contact_item": {"ru": "контакт {contact}", "en": "contact {contact}"},
}

_SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€", "GBP": "£", "KZT": "₸", "UAH": "₴"}


def say(key: str, language: str, **values: str) -> str:
    return TEXTS[key][_supported(language)].format(**values)


def ask(field: str, language: str, wording: str = "first") -> str:
    wordings = QUESTIONS[field]
    return (wordings.get(wording) or wordings["first"])[_supported(language)]


def _supported(language: str) -> str:
    return language if language in LANGUAGES else "en"


# Managers' wordings, by the words a question about each field uses (checked in this order).
_FOREIGN_QUESTIONS = [
    ("phone", re.compile(r"телефон|номер|phone|перезвон|call you back|reach you", re.IGNORECASE)),
    ("email", re.compile(r"e-?mail|почт[ауы]|электронн", re.IGNORECASE)),
    ("name", re.compile(r"зовут|ваше имя|как .{0,12}обращаться|your name|call you\b|who am i speaking", re.IGNORECASE)),
    ("budget", re.compile(r"бюджет|сколько .{0,20}(?:готовы|планируете|рассчитываете)|budget|how much .{0,20}(?:spend|afford)",
                          re.IGNORECASE)),
    ("location", re.compile(r"город|район|где .{0,20}(?:ищете|удобно|планируете)|city|area|location|where .{0,20}(?:look|based|located)",
                            re.IGNORECASE)),
    ("timeline", re.compile(r"срок|когда|how soon|when|timeframe|time frame|timeline", re.IGNORECASE)),
    ("need", re.compile(r"интересует|ищете|что .{0,15}нужно|чем .{0,15}помочь|looking for|interested in|help you with",
                        re.IGNORECASE)),
]
_SENTENCE = re.compile(r"[^.!?…]*[?]")


def question_asked_by(turn: Turn) -> str | None:
    """What a bot or manager turn asked the customer for, if anything.

    The bot's own turns carry it as data (stored with the reply). A manager writes in their own
    words, so theirs is read from the last question they wrote.
    """
    if turn.role == "bot":
        return turn.asked
    if turn.role != "manager":
        return None
    questions = _SENTENCE.findall(turn.text)
    if not questions:
        return None
    last = questions[-1]
    for field, pattern in _FOREIGN_QUESTIONS:
        if pattern.search(last):
            return field
    return None


def money(amount: Decimal, currency: str | None, language: str) -> str:
    whole = amount == amount.to_integral()
    number = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    if language == "ru":
        number = number.replace(",", "\u00a0").replace(".", ",")
    symbol = _SYMBOLS.get(currency or "", currency or "")
    if language != "ru" and symbol in ("$", "€", "£"):
        return f"{symbol}{number}"
    return f"{number} {symbol}".strip()
