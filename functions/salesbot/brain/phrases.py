"""What the offline engine says, in Russian and English, in the persona's voice.

Each text is a list of wordings: the first is used, the next ones when the conversation already
holds the first (no sentence is said twice). Russian first-person verbs follow the persona's
grammatical gender, written `<male|female|neutral>` ("<Записал|Записала|Записали>"), and the address
its formality, `[formal|informal]` ("[Вас|тебя]"; in English "[Hello|Hi]").
What a bot question asked for is stored with the reply as data (`Turn.asked`); `question_asked_by`
reads a manager's question from their own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from salesbot.models import Turn

LANGUAGES = ("ru", "en")


@dataclass(frozen=True)
class Voice:
    """Who speaks: the persona's name, grammatical gender and address."""

    name: str | None = None
    gender: Literal["male", "female", "neutral"] = "neutral"
    formal: bool = True


NEUTRAL = Voice()

# field -> wording -> language -> text. "first" is the first ask; "again" follows an ask that went
# unanswered. Every text must end the reply.
QUESTIONS: dict[str, dict[str, dict[str, str]]] = {
    "need": {
        "first": {"ru": "Подскажите, что именно [Вас|тебя] интересует?", "en": "What exactly are you looking for?"},
        "again": {"ru": "Расскажите, пожалуйста, что [Вы ищете|ты ищешь]?", "en": "Could you tell me what you are looking for?"},
        "choose": {"ru": "Что из этого [Вам|тебе] ближе?", "en": "Which of these interests you most?"},
    },
    "budget": {
        "first": {"ru": "На какой бюджет [Вы рассчитываете|ты рассчитываешь]?", "en": "What budget do you have in mind?"},
        "again": {
            "ru": "[Подскажите|Подскажи] хотя бы примерный бюджет, так будет проще подобрать варианты.",
            "en": "Could you give me a rough budget? It makes it easier to find the right options.",
        },
    },
    "location": {
        "first": {"ru": "В каком городе или районе [Вам|тебе] удобно?", "en": "Which city or area would suit you?"},
        "again": {"ru": "[Подскажите|Подскажи], пожалуйста, город или район.", "en": "Which city or area should we look at?"},
    },
    "timeline": {
        "first": {"ru": "В какие сроки [Вам|тебе] это нужно?", "en": "What is your timeframe?"},
        "again": {"ru": "Когда примерно [Вы планируете|ты планируешь]?", "en": "When roughly are you planning this?"},
    },
    "name": {
        "first": {"ru": "Как я [могу к Вам обращаться|могу к тебе обращаться]?", "en": "May I have your name?"},
        "again": {"ru": "[Подскажите, как Вас|Подскажи, как тебя] зовут?", "en": "What name should I put on your request?"},
    },
    "contact": {  # {contacts}: the kinds the company accepts, "телефон или email", "номер WhatsApp или Telegram"
        "first": {
            "ru": "[Оставьте|Оставь], пожалуйста, {contacts}: менеджер свяжется, ответит на вопросы и"
                  " предложит удобное время.",
            "en": "Could you leave {contacts}? A manager will get in touch, answer your questions and"
                  " find a time that suits you.",
        },
        "again": {
            "ru": "Если удобно, [оставьте|оставь] {contacts}, и менеджер подберёт [Вам|тебе] время.",
            "en": "If it suits you, leave {contacts} and a manager will find you a time.",
        },
        "check": {
            "ru": "Не получается разобрать контакт: [проверьте|проверь], пожалуйста, {contacts}.",
            "en": "I couldn't read that contact: could you check it?",
        },
        "check_again": {
            "ru": "Кажется, в номере не хватает цифр: [проверьте|проверь], пожалуйста, ещё раз.",
            "en": "That number seems to be missing some digits: could you check it again?",
        },
        "check_once_more": {
            "ru": "Всё ещё не получается разобрать: [проверьте|проверь], пожалуйста, номер целиком, с кодом.",
            "en": "I still can't read it: could you check the whole number, with its code?",
        },
    },
    "phone": {
        "first": {
            "ru": "[Оставьте|Оставь], пожалуйста, номер телефона: менеджер перезвонит и согласует удобное время.",
            "en": "Could you leave a phone number? A manager will call to find a time that suits you.",
        },
        "again": {
            "ru": "[Подскажите|Подскажи], пожалуйста, номер телефона, по которому [Вам|тебе] удобно ответить.",
            "en": "What phone number is best to reach you on?",
        },
        "callback": {
            "ru": "Конечно! [Оставьте|Оставь], пожалуйста, номер телефона, и менеджер [Вам|тебе] перезвонит.",
            "en": "Of course! Please leave your phone number and a manager will call you back.",
        },
    },
    "email": {
        "first": {"ru": "[Оставьте|Оставь], пожалуйста, email для связи.", "en": "Could you share your email address?"},
        "again": {"ru": "[Подскажите|Подскажи], пожалуйста, [Ваш|твой] email.", "en": "What email address should a manager write to?"},
    },
}

TEXTS: dict[str, dict[str, list[str]]] = {
    "greeting": {"ru": ["[Здравствуйте|Привет]! Вас приветствует {company}."], "en": ["[Hello|Hi]! Welcome to {company}."]},
    "greeting_persona": {
        "ru": ["[Здравствуйте|Привет]! Меня зовут {name}, я консультант компании {company}."],
        "en": ["[Hello|Hi]! I'm {name} from {company}."],
    },
    "greeting_anonymous": {"ru": ["[Здравствуйте|Привет]!"], "en": ["[Hello|Hi]!"]},
    "nice_to_meet": {"ru": ["Приятно познакомиться, {name}!", "Спасибо, {name}!"],
                     "en": ["Nice to meet you, {name}!", "Thank you, {name}!"]},
    "thanks_name": {"ru": ["Спасибо, {name}!", "Хорошо, {name}!"], "en": ["Thank you, {name}!", "Thanks, {name}!"]},
    "noted_need": {"ru": ["Отлично! <Записал|Записала|Записали>: {items}.", "<Отметил|Отметила|Отметили>: {items}."],
                   "en": ["Great! Noted: {items}.", "Got it: {items}."]},
    "noted": {"ru": ["<Записал|Записала|Записали>: {items}.", "<Отметил|Отметила|Отметили>: {items}.", "Добавлено: {items}."],
              "en": ["Got it: {items}.", "Noted: {items}.", "Added: {items}."]},
    "corrected": {"ru": ["<Исправил|Исправила|Исправили>: {items}.", "<Поправил|Поправила|Поправили>: {items}."],
                  "en": ["Updated: {items}.", "Corrected: {items}."]},
    "need_changed": {
        "ru": ["<Понял|Поняла|Поняли>, меняю: теперь в заявке «{new}» вместо «{old}».", "Хорошо, в заявке теперь «{new}» (вместо «{old}»)."],
        "en": ["Got it, I've changed it: {new} instead of {old}.", "Sure, your request now says {new} rather than {old}."],
    },
    "phone_noted": {"ru": ["Спасибо, номер <записал|записала|записали>: менеджер позвонит и договорится с [Вами|тобой] об удобном времени.",
                           "Номер <записал|записала|записали>, спасибо."],
                    "en": ["Thank you, I've noted your number: a manager will call to arrange a time that suits you.",
                           "Thanks, I have your number."]},
    "email_noted": {"ru": ["Спасибо, email <записал|записала|записали>: менеджер напишет [Вам|тебе].",
                           "Email <записал|записала|записали>, спасибо."],
                    "en": ["Thank you, I've noted your email: a manager will write to you.", "Thanks, I have your email."]},
    "messenger_noted": {"ru": ["Спасибо, {messenger} <записал|записала|записали>: менеджер напишет [Вам|тебе] туда.",
                               "{messenger} <записал|записала|записали>, спасибо."],
                        "en": ["Thank you, I've noted your {messenger}: a manager will message you there.",
                               "Thanks, I have your {messenger}."]},
    "taken_back": {"ru": ["<Понял|Поняла|Поняли>, <исправил|исправила|исправили> заявку.", "Хорошо, <убрал|убрала|убрали> это из заявки."],
                   "en": ["Got it, I've corrected your request.", "Understood, I've taken that off your request."]},
    "contact_kept": {"ru": ["Спасибо, <записал|записала|записали>.", "<Записал|Записала|Записали>, спасибо."],
                     "en": ["Thanks, I've noted that.", "Noted, thank you."]},
    "declined": {"ru": ["Ничего страшного, это можно уточнить позже.", "Хорошо, это не обязательно."],
                 "en": ["No problem, we can sort that out later.", "That's fine, it isn't essential."]},
    "done": {
        "ru": ["Спасибо! [Ваша|Твоя] заявка: {summary}. Менеджер свяжется с [Вами|тобой] в ближайшее время."],
        "en": ["Thank you! Your request: {summary}. A manager will be in touch shortly."],
    },
    "done_plain": {
        "ru": ["Спасибо! <Я передал|Я передала|Мы передали> заявку менеджеру, он свяжется с [Вами|тобой] в ближайшее время."],
        "en": ["Thank you! I've passed your request on, and a manager will be in touch shortly."],
    },
    "door_open": {
        "ru": ["Если [надумаете, напишите|надумаешь, напиши] {contacts}, и менеджер с [Вами|тобой] свяжется.",
               "Если что, я здесь: [пишите|пиши] в любое время."],
        "en": ["If you decide to go ahead, just write {contacts} and a manager will get in touch.",
               "I'm here whenever you want to pick this up again."],
    },
    "chat_is_fine": {
        "ru": ["Конечно, можно и здесь, в чате: продолжим тут.", "Хорошо, общаемся здесь."],
        "en": ["Of course, we can carry on here in the chat.", "Sure, let's keep it here in the chat."],
    },
    "already_done": {
        "ru": ["Заявка уже у менеджера, он свяжется с [Вами|тобой] в ближайшее время.",
               "Менеджер уже видит [Вашу|твою] заявку и скоро свяжется."],
        "en": ["Your request is already with a manager, who will be in touch shortly.",
               "A manager already has your request and will be in touch soon."],
    },
    "added_to_request": {"ru": ["<Добавил|Добавила|Добавили> это к заявке.", "Это тоже есть в заявке."],
                         "en": ["I've added that to your request.", "That's in your request too."]},
    "recap": {"ru": ["Сейчас в заявке: {summary}.", "В заявке сейчас: {summary}."],
              "en": ["Your request so far: {summary}.", "So far your request says: {summary}."]},
    "recap_empty": {"ru": ["Пока в заявке ничего нет."], "en": ["There's nothing in your request yet."]},
    "still_here": {"ru": ["Если будут вопросы, [пишите|пиши], я на связи.", "Я здесь, если что-то понадобится.",
                           "[Пишите|Пиши], если что-то ещё понадобится."],
                   "en": ["If you have any questions, just write, I'm here.", "I'm here if you need anything.",
                          "Write any time if something else comes up."]},
    "here": {"ru": ["Да, я на связи!", "Я здесь!"], "en": ["Yes, I'm here!", "Still here!"]},
    "you_are_welcome": {"ru": ["Пожалуйста!", "<Рад|Рада|Рады> помочь!", "Обращайтесь!"],
                        "en": ["You're welcome!", "Happy to help!", "Any time!"]},
    "goodbye": {"ru": ["Хорошего дня!", "Всего доброго!"], "en": ["Have a nice day!", "Take care!"]},
    "handoff": {
        "ru": ["Хорошо, передаю диалог менеджеру: он подключится здесь в ближайшее время.",
               "Менеджер уже в курсе и подключится к диалогу."],
        "en": ["Of course: I'm passing the conversation to a manager, who will join here shortly.",
               "A manager has been told and will join the chat."],
    },
    "handoff_leave_phone": {
        "ru": ["Если удобнее, [оставьте|оставь] номер телефона, и [Вам|тебе] перезвонят."],
        "en": ["If you prefer, leave a phone number and you'll get a call back."],
    },
    "handoff_leave_contact": {
        "ru": ["Если удобнее, [оставьте|оставь] {contacts}, и с [Вами|тобой] свяжутся."],
        "en": ["If you prefer, leave {contacts} and someone will get in touch."],
    },
    "post_sale": {
        "ru": [("<Понял|Поняла|Поняли>, это вопрос по уже оформленному заказу: передаю его менеджеру, он проверит"
                " и ответит [Вам|тебе] здесь.")],
        "en": [("I see, this is about something you've already booked with us: I'm passing it to a manager, who will"
                " check and get back to you here.")],
    },
    "complaint": {"ru": ["Мне очень жаль, что так вышло."], "en": ["I'm really sorry about that."]},
    "waiting": {
        "ru": ["Менеджер уже видит [Ваше|твоё] обращение и ответит здесь.",
               "<Добавил|Добавила|Добавили> это к обращению, менеджер увидит.",
               "Всё <передал|передала|передали>, менеджер ответит здесь как можно скорее."],
        "en": ["A manager can already see your message and will reply here.",
               "I've added that to your message for the team.",
               "It's all passed on; someone will reply here as soon as possible."],
    },
    "urgent": {
        "ru": ["Сочувствую, это срочно. Быстрее всего [позвоните|позвони] нам прямо сейчас: {phone}.",
               "Если станет хуже, [звоните|звони] сразу: {phone}.", "Номер для срочной связи: {phone}."],
        "en": ["I'm sorry, that sounds urgent. The quickest way is to call us right now on {phone}.",
               "If it gets worse, call us straight away on {phone}.", "For anything urgent our number is {phone}."],
    },
    "urgent_no_phone": {
        "ru": ["Сочувствую, это срочно: <передал|передала|передали> дежурному менеджеру, он ответит как можно скорее."],
        "en": ["I'm sorry, that sounds urgent: I've alerted the team and someone will reply as soon as possible."],
    },
    "urgent_handoff": {
        "ru": ["<Я уже передал|Я уже передала|Мы уже передали> [Ваше|твоё] сообщение менеджеру, он ответит здесь как можно скорее."],
        "en": ["I've alerted our team too, and someone will reply here as soon as possible."],
    },
    "earliest": {"ru": ["Ближайший вариант: {item}."], "en": ["The earliest option: {item}."]},
    "callback_known": {"ru": ["Хорошо, менеджер [Вам|тебе] перезвонит.", "Менеджер перезвонит, номер у нас есть."],
                       "en": ["Sure, a manager will call you back.", "A manager will call you; we have your number."]},
    "refuse": {
        "ru": ["С этим я помочь не могу, но с радостью расскажу о наших товарах и услугах.",
               "Этого я не делаю, а вот на вопросы о наших услугах отвечу."],
        "en": ["I can't help with that, but I'm happy to tell you about our products and services.",
               "That's not something I can do, but ask me anything about our services."],
    },
    "abuse": {"ru": ["Мне жаль, если что-то [Вас|тебя] расстроило. Я здесь, чтобы помочь."],
              "en": ["I'm sorry if something has upset you. I'm here to help."]},
    "long_message": {"ru": ["Спасибо за сообщение!"], "en": ["Thank you for your message!"]},
    "are_you_a_bot": {
        "ru": [("Я виртуальный помощник{company_of}: отвечаю сразу и передаю заявки менеджерам."
                " Если [захотите|захочешь] поговорить с человеком, [напишите|напиши] «менеджер».")],
        "en": [("I'm the virtual assistant{company_of}: I answer right away and pass requests to the team."
                " If you'd like to talk to a person, just write \"manager\".")],
    },
    "offerings": {"ru": ["Мы предлагаем: {items}."], "en": ["We offer: {items}."]},
    "offerings_more": {"ru": ["Мы предлагаем: {items} и другое."], "en": ["We offer: {items} and more."]},
    "yes_we_have": {"ru": ["Да, у нас есть {item}.", "Да, {item} у нас есть."], "en": ["Yes, we have {item}.", "Yes, we do {item}."]},
    "not_in_list": {"ru": ["Это уточнит менеджер. {offerings}"], "en": ["A manager will confirm that. {offerings}"]},
    "price": {"ru": ["{name}: {price}."], "en": ["{name}: {price}."]},
    "price_from_manager": {
        "ru": ["Цену на «{name}» менеджер рассчитает индивидуально и сразу сообщит."],
        "en": ["A manager will work out the price for {name} individually and let you know."],
    },
    "unknown_price": {
        "ru": ["Точную стоимость менеджер рассчитает под [Ваш|твой] запрос и сообщит [Вам|тебе].",
               "Точную цену под [Ваш|твой] случай посчитает и сообщит менеджер."],
        "en": ["A manager will work out the exact price for your request and let you know.",
               "The exact price for your case is worked out by a manager, who will let you know."],
    },
    "unknown_price_quoted": {
        "ru": ["Вопрос «{question}» <записал|записала|записали>: стоимость рассчитает и сообщит [Вам|тебе] менеджер."],
        "en": ["I've noted your question (\"{question}\"): a manager will work out the price and let you know."],
    },
    "unknown": {
        "ru": ["Этот вопрос уточнит менеджер, я его <записал|записала|записали>.",
               "Это уточнит менеджер: вопрос <записал|записала|записали>."],
        "en": ["A manager will confirm that, I've noted the question.", "I've noted that; a manager will confirm it."],
    },
    "unknown_quoted": {
        "ru": ["Вопрос «{question}» <записал|записала|записали>: его уточнит менеджер."],
        "en": ["I've noted your question (\"{question}\"): a manager will confirm."],
    },
    "written_in_other_language": {"ru": ["Вот что у нас написано об этом (на английском):"],
                                  "en": ["Here is what we have on it (in Russian):"]},
    "open_on": {"ru": ["{day} мы работаем с {start} до {end}."], "en": ["On {day} we're open {start}–{end}."]},
    "closed_on": {"ru": ["{day} у нас выходной."], "en": ["On {day} we're closed."]},
    "day_mon": {"ru": ["В понедельник"], "en": ["Monday"]},
    "day_tue": {"ru": ["Во вторник"], "en": ["Tuesday"]},
    "day_wed": {"ru": ["В среду"], "en": ["Wednesday"]},
    "day_thu": {"ru": ["В четверг"], "en": ["Thursday"]},
    "day_fri": {"ru": ["В пятницу"], "en": ["Friday"]},
    "day_sat": {"ru": ["В субботу"], "en": ["Saturday"]},
    "day_sun": {"ru": ["В воскресенье"], "en": ["Sunday"]},
    "repeat": {"ru": ["Повторю: {text}", "Ещё раз: {text}", "Напомню: {text}"],
               "en": ["As I said: {text}", "To repeat: {text}", "Just to recap: {text}"]},
    "offer": {"ru": ["Могу предложить: {item}."], "en": ["I can offer: {item}."]},
    "offer_over_budget": {
        "ru": ["Могу предложить: {item}; по бюджету менеджер подскажет варианты."],
        "en": ["I can offer: {item}; a manager will suggest options within your budget."],
    },
    "offer_free_text": {"ru": ["Менеджер подберёт для [Вас|тебя] подходящие варианты."],
                        "en": ["A manager will pick suitable options for you."]},
    "budget": {"ru": ["бюджет {amount}"], "en": ["budget {amount}"]},
    "up_to": {"ru": ["до {amount}"], "en": ["up to {amount}"]},
    "from_amount": {"ru": ["от {amount}"], "en": ["from {amount}"]},
    "area": {"ru": ["{area} м²"], "en": ["{area} m²"]},
    "contact_item": {"ru": ["контакт {contact}"], "en": ["contact {contact}"]},
}

# A customer's contact of each kind, as a question for it names it ("телефон или email", "номер WhatsApp
# или Telegram", "a phone number, email or a Telegram username").
_CONTACT_NAMES = {
    "phone": {"ru": "телефон", "en": "a phone number"},
    "email": {"ru": "email", "en": "email"},
    "whatsapp": {"ru": "номер WhatsApp", "en": "a WhatsApp number"},
    "telegram": {"ru": "ник в Telegram", "en": "a Telegram username"},
}
_OR = {"ru": "или", "en": "or"}
DEFAULT_CONTACTS = ("phone", "email")

_SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€", "GBP": "£", "KZT": "₸", "UAH": "₴"}


_GENDER = re.compile(r"<([^<>|]*)\|([^<>|]*)\|([^<>|]*)>")
_ADDRESS = re.compile(r"\[([^\[\]|]*)\|([^\[\]|]*)\]")
_GENDER_GROUP = {"male": 1, "female": 2, "neutral": 3}


def render(template: str, voice: Voice) -> str:
    """The template in the voice's gender and address."""
    text = _GENDER.sub(lambda match: match.group(_GENDER_GROUP[voice.gender]), template)
    return _ADDRESS.sub(lambda match: match.group(1 if voice.formal else 2), text)


def wordings(key: str, language: str, *, voice: Voice = NEUTRAL, **values: str) -> list[str]:
    """Every wording of a text, the usual one first."""
    return [render(text, voice).format(**values) for text in TEXTS[key][_supported(language)]]


def say(key: str, language: str, *, voice: Voice = NEUTRAL, **values: str) -> str:
    return wordings(key, language, voice=voice, **values)[0]


def ask(field: str, language: str, wording: str = "first", *, voice: Voice = NEUTRAL,
        contacts: Sequence[str] = DEFAULT_CONTACTS) -> str:
    """The question for `field`; one for a contact names the `contacts` kinds the company accepts."""
    wordings = QUESTIONS[field]
    text = render((wordings.get(wording) or wordings["first"])[_supported(language)], voice)
    return text.format(contacts=contact_names(contacts, language))


def contact_names(kinds: Sequence[str], language: str) -> str:
    """The kinds of contact, as one asks for them: "телефон или email", "номер WhatsApp или Telegram"."""
    language = _supported(language)
    names = [_CONTACT_NAMES[kind][language] for kind in kinds]
    if language == "ru" and "whatsapp" in kinds and "telegram" in kinds:
        names[kinds.index("telegram")] = "Telegram"  # "номер WhatsApp или Telegram": both are messengers
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {_OR[language]} {names[-1]}"


def _supported(language: str) -> str:
    return language if language in LANGUAGES else "en"


# Managers' wordings, by the words a question about each field uses (checked in this order).
_FOREIGN_QUESTIONS = [
    ("contact", re.compile(r"wh?ats\s?app|ват?с\s?ап|вотс\s?ап|telegram|телеграм|\bтг\b", re.IGNORECASE)),
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
