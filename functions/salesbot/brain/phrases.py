"""What the offline engine says, in Russian and English. Questions are kept word for word, so the
engine can tell from its previous reply which field it asked for."""

from __future__ import annotations

from decimal import Decimal

LANGUAGES = ("ru", "en")

QUESTIONS = {
    "need": {"ru": "Подскажите, что именно Вас интересует?", "en": "What exactly are you looking for?"},
    "budget": {"ru": "На какой бюджет Вы рассчитываете?", "en": "What budget do you have in mind?"},
    "location": {"ru": "В каком городе или районе Вам удобно?", "en": "Which city or area would suit you?"},
    "timeline": {"ru": "В какие сроки Вам это нужно?", "en": "What is your timeframe?"},
    "name": {"ru": "Как я могу к Вам обращаться?", "en": "May I have your name?"},
    "contact": {
        "ru": "Оставьте, пожалуйста, телефон или email, чтобы менеджер мог с Вами связаться.",
        "en": "Could you leave a phone number or email so that a manager can get in touch?",
    },
    "phone": {"ru": "Оставьте, пожалуйста, номер телефона для связи.", "en": "Could you leave a phone number?"},
    "email": {"ru": "Оставьте, пожалуйста, email для связи.", "en": "Could you share your email address?"},
}

TEXTS = {
    "greeting": {"ru": "Здравствуйте! Я менеджер компании {company}.", "en": "Hello! I'm a sales manager at {company}."},
    "greeting_anonymous": {"ru": "Здравствуйте!", "en": "Hello!"},
    "nice_to_meet": {"ru": "Приятно познакомиться, {name}!", "en": "Nice to meet you, {name}!"},
    "noted": {"ru": "Записал: {items}.", "en": "Got it: {items}."},
    "contact_noted": {"ru": "Спасибо, контакт записал.", "en": "Thank you, I've noted your contact details."},
    "done": {
        "ru": "Спасибо! Я передал заявку менеджеру, он свяжется с Вами в ближайшее время.",
        "en": "Thank you! I've passed your request to a manager, who will contact you shortly.",
    },
    "handoff": {
        "ru": "Хорошо, передаю диалог менеджеру: он подключится в ближайшее время.",
        "en": "Of course: I'm passing the conversation to a manager, who will join shortly.",
    },
    "refuse": {
        "ru": "С этим я помочь не могу, но с радостью расскажу о наших товарах и услугах.",
        "en": "I can't help with that, but I'm happy to tell you about our products and services.",
    },
    "offerings": {"ru": "Мы предлагаем: {items}.", "en": "We offer: {items}."},
    "price": {"ru": "{name}: {price}.", "en": "{name}: {price}."},
    "price_from_manager": {
        "ru": "Точную стоимость ({name}) менеджер уточнит индивидуально.",
        "en": "A manager will confirm the exact price for {name}.",
    },
    "unknown_price": {
        "ru": "Точную стоимость менеджер рассчитает под Ваш запрос.",
        "en": "A manager will work out the exact price for your request.",
    },
    "budget": {"ru": "бюджет {amount}", "en": "budget {amount}"},
}

_SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€", "GBP": "£", "KZT": "₸", "UAH": "₴"}


def say(key: str, language: str, **values: str) -> str:
    return TEXTS[key][language].format(**values)


def ask(field: str, language: str) -> str:
    return QUESTIONS[field][language]


def asked_field(bot_text: str) -> str | None:
    """The lead field a reply of ours asked for, if it asked for one."""
    for field, texts in QUESTIONS.items():
        if any(text in bot_text for text in texts.values()):
            return "phone" if field == "contact" else field
    return None


def money(amount: Decimal, currency: str | None, language: str) -> str:
    whole = amount == amount.to_integral()
    number = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    if language == "ru":
        number = number.replace(",", "\u00a0").replace(".", ",")
    symbol = _SYMBOLS.get(currency or "", currency or "")
    if language == "en" and symbol in ("$", "€", "£"):
        return f"{symbol}{number}"
    return f"{number} {symbol}".strip()
