"""The customer's messenger contacts: a Telegram @username, and which of their numbers is on WhatsApp.

A Telegram contact is written as "@anna_p", as a link ("t.me/anna_p", "https://telegram.me/anna_p")
or after the messenger's name ("мой телеграм anna_p", "tg: anna_p"); Telegram's own rules tell a
username apart (5-32 letters, digits and underscores, starting with a letter), an email's "@" or a
bot's handle ("@kuhni_bot": users cannot take one ending in "bot") is never one. A WhatsApp number
is a phone the customer says is on WhatsApp ("+7 912 345-67-89, пишите в ватсап", "этот номер и в
WhatsApp"), or the number they give when the company asked for WhatsApp and does not take calls.
A mention that asks for the company's WhatsApp ("у вас есть ватсап?") or denies one ("ватсапа
нет") says nothing about the customer's.
"""

from __future__ import annotations

import re

from salesbot.extract.patterns import LazyPattern

_USERNAME = r"[A-Za-z][A-Za-z0-9_]{4,31}"
# A link, or "@" that starts a word and is no email's: "anna@mail.ru" and "@mail.ru" are addresses.
_LINKED = LazyPattern(rf"(?i)(?<![\w.@/])(?:https?://)?(?:t|telegram)\.me/(?P<name>{_USERNAME})(?![\w/])")
_AT = LazyPattern(rf"(?<![\w.@])@(?P<name>{_USERNAME})(?![\w@]|\.[A-Za-z0-9])")
# A username written bare after the messenger's name: behind a colon or "ник", or Latin in a Russian message.
_NAMED = LazyPattern(
    r"(?i)(?:telegram|телеграм\w*|телег[аеиуой]\b|\btg\b|\bтг\b)\s*"
    rf"(?P<sep>[:=-]|\s(?:ник|никнейм|логин|username|handle|is)\b\s*[:-]?)?\s*(?P<name>{_USERNAME})(?![\w@./])")
# Asked for a contact Telegram would do: a username after a word for one ("мой ник anna_p", "username: anna_p").
_HANDLE = LazyPattern(rf"(?i)(?:\bник\w*|\bникнейм\w*|\bлогин\w*|\busername|\bhandle)\s*[:-]?\s*(?P<name>{_USERNAME})(?![\w@./])")
# A field that holds one username: "@anna_p", "anna_p", "t.me/anna_p", "https://telegram.me/anna_p".
_FIELD = LazyPattern(rf"(?i)(?:(?:https?://)?(?:t|telegram)\.me/|@)?(?P<name>{_USERNAME})/?")
_BOT_HANDLE = LazyPattern(r"(?i)bot$")
_CYRILLIC = LazyPattern(r"[А-Яа-яЁё]")
_MADE_UP = LazyPattern(r"[\d_]|.[A-Z]")  # digits, underscores or capitals inside ("AnnaP"): no dictionary word
_CAPITALISED_WORD = LazyPattern(r"^[A-Z][a-z]+$")  # "Robert": a name, not a username

_WA = r"(?:wh?ats\s?app?|ват?с\s?ап|вотс\s?ап|вац+ап)"
_WHATSAPP = LazyPattern(rf"(?i){_WA}|\bwa\b(?=\s*[:-]?\s*\+?\d)")
# "ватсапа нет", "без вотсапа", "не пользуюсь ватсапом", "no WhatsApp", "not on whatsapp".
_NO_WHATSAPP = LazyPattern(
    r"(?i)(?:\bнет\b|\bбез\b|\bне\s+(?:пользуюсь|сижу|использую)|\bno\b|\bnot\s+on\b|\bdon'?t\s+(?:have|use)"
    rf"|\bdo\s+not\s+(?:have|use))\s+(?:\w+\s+)?{_WA}"
    rf"|{_WA}\w*\s+(?:\w+\s+){{0,2}}?(?:нет|не\s+(?:пользуюсь|установлен\w*|работает))\b")
# "у вас есть ватсап?", "можно вам в ватсап?", "do you have WhatsApp", "can I whatsapp you": the company's.
_COMPANYS = LazyPattern(
    rf"(?i)\bу\s+вас\s+(?:\w+\s+){{0,2}}?{_WA}|\bваш\w*\s+(?:\w+\s+)?{_WA}|\bвам\s+(?:\w+\s+){{0,2}}?{_WA}"
    rf"|{_WA}\w*\s+(?:\w+\s+)?(?:ваш|у\s+вас|вам)\b"
    rf"|\byour\s+(?:\w+\s+)?{_WA}|\b(?:do|are)\s+you\s+(?:\w+\s+){{0,2}}?{_WA}|{_WA}\w*\s+you\b")
# "этот номер и в ватсапе", "на этот же номер", "same number": the number they gave before.
_SAME_NUMBER = LazyPattern(
    r"(?i)\b(?:этот|этому|этом|тот|том|тому|same|this|that)\s+(?:же\s+)?(?:номер\w*|number)"
    rf"|\b(?:есть|тоже|также|and|also|too)\b[^.!?\n]{{0,15}}{_WA}|{_WA}\w*\s+(?:тоже|также|есть|too|as\s+well)\b")


def find_telegram(text: str, own: str | None = None, *, bare_reply: bool = False) -> list[tuple[str, tuple[int, int]]]:
    """Telegram usernames in `text` as "@username", each with where it stands, without the company's
    own (`own`, "@username") and bots' handles. `bare_reply`: the message answers a question for a
    contact that Telegram would do, so a lone username ("anna_p") is one."""
    found: list[tuple[str, tuple[int, int]]] = []
    russian = bool(_CYRILLIC.search(text))
    for pattern in (_LINKED, _AT, _NAMED):
        for match in pattern.finditer(text):
            name = match.group("name")
            if pattern is _NAMED and not (match.group("sep") or russian or _MADE_UP.search(name)):
                continue  # "message me on telegram please": an English word after the name is no username
            found.append((name, match.span() if pattern is not _NAMED else match.span("name")))
    stripped = text.strip()
    if not found and bare_reply:
        if re.fullmatch(_USERNAME, stripped) and not _CAPITALISED_WORD.match(stripped):
            start = text.index(stripped)
            found.append((stripped, (start, start + len(stripped))))
        found += [(match.group("name"), match.span("name")) for match in _HANDLE.finditer(text)]
    usernames: list[tuple[str, tuple[int, int]]] = []
    for name, span in found:
        handle = f"@{name}"
        if _BOT_HANDLE.search(name) or (own and handle.casefold() == own.casefold()):
            continue
        if handle.casefold() not in (known.casefold() for known, _ in usernames):
            usernames.append((handle, span))
    return usernames


def telegram_username(value: str) -> str | None:
    """The "@username" a field holds when that is all it holds, typed as "@anna_p", "anna_p" or a
    t.me link (as a manager corrects a lead); None otherwise."""
    match = _FIELD.fullmatch(value.strip())
    return f"@{match.group('name')}" if match else None


def says_whatsapp(text: str) -> bool:
    """The customer says a number of theirs is on WhatsApp (not asking for the company's, not denying one)."""
    return bool(_WHATSAPP.search(text)) and not _NO_WHATSAPP.search(text) and not _COMPANYS.search(text)


def whatsapp_number(text: str, phone: str | None, *, known_phone: str | None, whatsapp_asked: bool) -> str | None:
    """The customer's WhatsApp number as this message gives it: the phone it holds when it says that
    number is on WhatsApp or answers a question for a WhatsApp number; else, when it says so of the
    number given before ("этот номер и в ватсапе"), that one."""
    if phone is not None:
        return phone if whatsapp_asked or says_whatsapp(text) else None
    if known_phone is not None and says_whatsapp(text) and _SAME_NUMBER.search(text):
        return known_phone
    return None
