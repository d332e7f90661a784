"""Email addresses, lower-cased, without the punctuation around them, also when written to dodge
bots or voice-typed: "anna at yandex dot ru", "anna(собака)mail.ru", "anna [at] gmail [dot] com",
"anna @ mail . ru", "olga dot petrova at gmail dot com", "mike underscore t at gmail dot com",
"ivan собака яндекс ру", and with the last dot slipped: "vasya@mail,ru", "ivan@gmail. com"."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from salesbot.extract.patterns import LazyPattern

if TYPE_CHECKING:
    from salesbot.models import Contacts

# Anchored at each "@" and read outwards with bounded patterns: a search from every position of a
# long text would cost its length times the longest local part.
_LOCAL = LazyPattern(r"[A-Za-z0-9](?:[A-Za-z0-9._%+'-]{0,62}[A-Za-z0-9_%+-])?$")
# Domains in any letters of Latin or Cyrillic script ("почта.рф", "müller.de"), ending in a top-level domain of one script.
_DOMAIN_LETTER = "A-Za-z0-9À-ÖØ-öø-ÿА-Яа-яЁё"
_DOMAIN = LazyPattern(rf"(?:[{_DOMAIN_LETTER}](?:[{_DOMAIN_LETTER}-]{{0,61}}[{_DOMAIN_LETTER}])?\.){{1,8}}(?:[A-Za-z]{{2,24}}|[А-Яа-яЁё]{{2,24}})"
                      r"(?![\w-])")
# A domain whose last dot was typed as a comma or got spaces beside it ("mail,ru", "gmail. com"): read
# only before a top-level domain people use for mail.
_DOMAIN_SLIPPED = LazyPattern(r"(?P<name>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){0,7}[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
                              r"(?:,\s?|\s?\.\s|\s\.)(?P<tld>[A-Za-z]{2,4})(?![\w@.-])")
_WORD_BEFORE = LazyPattern(r"[A-Za-z0-9] $")
# A Latin word right before an address written with a spaced "at": part of it, unless one of these words,
# which say an address follows ("email me at", "my email is", "write to").
_LATIN_WORD_BEFORE = LazyPattern(r"(?<![\w'@.-])(?P<word>[A-Za-z]+) +$")
_ADDRESS_CUES = frozenset(
    """email mail address addy is me at to on via or and my its it's it's write send drop reach contact use try
    please pls thanks cheers also try best here""".split())
_SPACED_LETTERS = LazyPattern(r"(?<![A-Za-z0-9'])[A-Za-z0-9] $")  # not the "s" of "it's"
_LOCAL_STOP = LazyPattern(r"[^A-Za-z0-9._%+'-]")
# Letters that look Latin: one glued to the local part makes it a homoglyph ("аdmin" with a Cyrillic
# "а"), not an address that begins after it ("dmin").
_LOOKALIKE_LETTER = LazyPattern(r"[А-Яа-яЁёΑ-Ωα-ω]")
# A domain's label mixing Latin and Cyrillic letters ("exаmple" with a Cyrillic "а"): registries take
# labels of one script, so it is a lookalike of an address, nobody's own.
_MIXED_LABEL = LazyPattern(r"[A-Za-zÀ-ÖØ-öø-ÿ][^.]*[А-Яа-яЁё]|[А-Яа-яЁё][^.]*[A-Za-zÀ-ÖØ-öø-ÿ]")
_MAX_LOCAL = 64
_MAX_AT_SIGNS = 100  # a message with more "@" than this is not someone leaving their address
_MAX_EMAILS = 10
_MAX_REJECTED = 20  # readings of obfuscated addresses that turn out to be none: a message holds a few
_AT_WORD = r"(?:at|собака|собачка|sobaka|dog|эт)"  # "эт": "at" as Russian voice typing writes it
_BRACKETED_AT = rf"(?:{_AT_WORD}|@|a)"  # "(a)" only in brackets: "anna-k(a)mail.ru"
_DOT_WORD = r"(?:dot|period|точка|tochka)"
# What voice typing makes of a separator inside an address: "mike underscore t", "анна дефис ли".
_UNDERSCORE_WORD = r"(?:underscore|нижнее подч[её]ркивание|подч[её]ркивание|нижний прочерк)"
_DASH_WORD = r"(?:dash|hyphen|дефис|тире)"
_SPELLED = {"dot": ".", "точка": ".", "tochka": ".", "underscore": "_", "нижнее подчеркивание": "_", "нижнее подчёркивание": "_",
            "подчеркивание": "_", "подчёркивание": "_", "нижний прочерк": "_", "dash": "-", "hyphen": "-", "дефис": "-", "тире": "-"}
# Mail providers and top-level domains as Russian voice typing writes them ("собака яндекс ру").
_CYRILLIC_DOMAIN = {"яндекс": "yandex", "мейл": "mail", "мэйл": "mail", "майл": "mail", "гмейл": "gmail", "гмайл": "gmail",
                    "джимейл": "gmail", "рамблер": "rambler", "аутлук": "outlook", "ру": "ru", "ком": "com"}
_CYRILLIC_LABEL = "|".join(sorted(_CYRILLIC_DOMAIN, key=len, reverse=True))
_LOCAL_WORD = r"[A-Za-z0-9](?:[A-Za-z0-9._%+'-]{0,62}[A-Za-z0-9_%+-])?"  # as `_LOCAL`: "o'brien at ..."
_DOT_BETWEEN = rf"\s*[(\[{{<]\s*(?:{_DOT_WORD}|\.)\s*[)\]}}>]\s*|\s+{_DOT_WORD}\s+"
_LOCAL_BETWEEN = rf"{_DOT_BETWEEN}|\s\.\s|\s+(?:{_UNDERSCORE_WORD}|{_DASH_WORD})\s+"  # "olga . petrova @ gmail . com"
_LABEL = rf"(?:[A-Za-z0-9-]{{1,63}}|(?:{_CYRILLIC_LABEL})(?![а-яё]))"
# With a bare "at" between two words ("me at home dot com"), only a domain people use for mail counts.
_MAIL_TLDS = frozenset(
    """ru com net org io info biz ua kz by uz de uk co me pro su am ge kg tj az md lv lt ee pl cz us ca au nz ie fr it es nl
    be ch at se no fi dk in sg hk jp cn br mx za il ae tr gr pt ro hu bg rs""".split())
_MAIL_TLD = "|".join(sorted(_MAIL_TLDS))
_OBFUSCATED_PATTERN = (
    # The local part may spell its dots and underscores too ("olga dot petrova at gmail dot com").
    # Not from inside a word an apostrophe cuts ("o'brien@..." is not "brien@...").
    rf"(?<![\w.@])(?<!\w')(?P<local>{_LOCAL_WORD}(?:(?:{_LOCAL_BETWEEN}){_LOCAL_WORD}){{0,3}})"
    rf"(?P<at>\s*[(\[{{<]\s*{_BRACKETED_AT}\s*[)\]}}>]\s*|\s+{_AT_WORD}\s+|\s*@\s*)"
    # A dot with a space after it only before a top-level domain people use for mail, in lower case: "anna @ gmail. com",
    # not "anna @ gmail. It's ...".
    rf"(?P<domain>{_LABEL}(?:(?:{_DOT_BETWEEN}|\s\.\s?|\.|\.\s(?=(?-i:{_MAIL_TLD})(?![\w-]))|\s+(?=(?:ру|ком)(?![а-яё])))"
    rf"{_LABEL}){{1,4}})"
    r"(?![\w@-]|\.[A-Za-z0-9])"
)
# A spelled separator just before where an address was read: the address began earlier, and what was
# read is its tail ("mike underscore t at gmail dot com" is not "t@gmail.com"). A dash or a dot with a space
# before it is punctuation, not a separator ("Email - t.nguyen [at] ...", "... me. t.nguyen").
_GMAIL = LazyPattern(rf"(?i)(?<![\w.@'’])(?P<local>{_LOCAL_WORD})(?P<at>\s*@\s*|\s+(?:at|собака|собачка|sobaka)\s+)"
                     r"(?:gmail|гмейл|гмайл|джимейл)(?![\w@-]|\s?\.\s?\w|\s*(?:dot|точка)\b)")  # "gmail. Thanks": a domain cut, not ours to end
_CUT_BEFORE = LazyPattern(rf"(?i)(?:{_DOT_WORD}|{_UNDERSCORE_WORD}|{_DASH_WORD})\s+$|(?<!\s)[._-]$|_\s*$")
_SPELLED_WORD = LazyPattern(rf"(?i){_LOCAL_BETWEEN}|\s\.\s?|\.\s")
_OBFUSCATION_HINT = LazyPattern(
    rf"(?i)\s@|@\s|[(\[{{<]\s*(?:{_BRACKETED_AT}|{_DOT_WORD}|\.\s*[)\]}}>])|\s{_AT_WORD}\s|@[\w.-]+\s{_DOT_WORD}\s")  # "anna@gmail dot com"


# Where anyone may have a mailbox: an address there is the company's own only when it is the very address.
_PUBLIC_PROVIDERS = frozenset(
    """gmail.com googlemail.com mail.ru bk.ru inbox.ru list.ru internet.ru yandex.ru ya.ru yandex.com yandex.kz yandex.by
    rambler.ru outlook.com hotmail.com live.com msn.com yahoo.com icloud.com me.com aol.com proton.me protonmail.com
    gmx.de gmx.net web.de btinternet.com""".split())


def is_company_address(address: str, contacts: Contacts) -> bool:
    """`address` is the company's own, quoted back by the customer: its e-mail, or another at the domain of its
    e-mail or its website ("sales@okna-dom.ru" when the company writes from "info@okna-dom.ru")."""
    own = (contacts.email or "").lower()
    website = re.sub(r"^https?://(?:www\.)?", "", (contacts.website or "").lower()).split("/")[0].split(":")[0]
    domain = address.rsplit("@", 1)[-1]
    company_domains = {own.rsplit("@", 1)[-1] if own else "", website} - {"", *_PUBLIC_PROVIDERS}
    return address == own or domain in company_domains


# A company's shared mailbox for its paperwork, by the first word of its local part ("accounts@", "billing@", "buh@",
# "zakupki.snab@"): reaches a department, not the person writing.
_DEPARTMENT_MAILBOX = LazyPattern(
    r"(?i)(?:accounts?|accounting|billing|invoices?|finance|payroll|purchasing|procurement|buh|bukh\w*|buhgalter\w*"
    r"|zakupk\w*|snab\w*|oplata)(?=[._+-]|@)")
# The paperwork the writer routes to an address, or a copy of the answer ("invoices go to", "send the quote to",
# "счёт в бухгалтерию на", "cc"): sent to whoever handles it there, not an address to answer the writer at.
_PAPERWORK = LazyPattern(
    r"(?i)(?<!\w)(?:invoices?|quotes?|quotation|proposals?|estimates?|contracts?|bills?|paperwork|receipts?|cc|copy|сч[её]т\w*|кп"
    r"|коммерческ\w+|смет\w*"
    r"|договор\w*|акт\w*|реквизит\w*|накладн\w*|копи\w*)(?!\w)")
_PAPERWORK_CHARS = 80


def is_department_mailbox(address: str, text: str, start: int) -> bool:
    """`address`, written at `start` of `text`, is a department's shared mailbox the writer routes paperwork to:
    "invoices go to billing@...", "send the quote to accounts@...", "КП отправьте в бухгалтерию: buh@..."; not the
    writer's own address, a work one included ("счёт выставляйте на vektor-office@...", "Email: accounts@..." alone)."""
    return (_DEPARTMENT_MAILBOX.match(address) is not None
            and _PAPERWORK.search(text, max(0, start - _PAPERWORK_CHARS), start) is not None)


def find_emails(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Email addresses in `text`, each lower-cased, with where it stands, in the order written.

    Rejected: doubled dots, a local part that starts or ends with a dot, a domain without a dot or
    with a numeric top-level label, and anything glued to another "@"."""
    found: list[tuple[str, tuple[int, int]]] = []
    at = text.find("@")
    examined = 0
    while at != -1 and examined < _MAX_AT_SIGNS and len(found) < _MAX_EMAILS:
        examined += 1
        email = _email_at(text, at)
        if email and email[0].lower() not in (known.lower() for known, _ in found):
            found.append(email)
        at = text.find("@", at + 1)
    if len(found) < _MAX_EMAILS and _OBFUSCATION_HINT.search(text):
        position, rejected = 0, 0
        while (match := _obfuscated().search(text, position)) is not None and rejected < _MAX_REJECTED:
            address = _deobfuscated(match, text)
            if not address:
                # What was read may have begun too early ("contact me at nkechi dot obi at gmail dot com"
                # is first read as "me" at "nkechi.obi"): read on from after its "at".
                position, rejected = match.end("at"), rejected + 1
                continue
            position = match.end()
            if address not in (known for known, _ in found) and not any(
                    start < match.end() and match.start() < end for _, (start, end) in found):  # a part of one read whole
                found.append((address, match.span()))
                if len(found) >= _MAX_EMAILS:
                    break
    if not found and ("gmail" in text.lower() or "мейл" in text.lower() or "майл" in text.lower()):
        found = _gmail_without_com(text)
    return sorted(found, key=lambda email: email[1])  # as written: the first an address spelt out, the second plain


def _gmail_without_com(text: str) -> list[tuple[str, tuple[int, int]]]:
    """An address at Gmail written without its ".com" ("ivan.petrov at gmail", "sarah.lee88@gmail", "anna собака гмейл"):
    Gmail has no other domain for new mailboxes, so a careful reader writes it whole. Not "me at gmail" nor "email at
    gmail": a word that says an address follows is no local part."""
    match = _GMAIL.search(text)
    if match is None or match.group("local").lower() in _ADDRESS_CUES or _cut_from_a_spoken_one(match, text):
        return []
    return [(f"{match.group('local').lower()}@gmail.com", match.span())]


def find_split_email(previous: str, text: str) -> list[tuple[str, tuple[int, int]]]:
    """An address begun at the end of the customer's `previous` message and finished at the start of this one
    ("ivan.petrov" then "@mail.ru", "ivan.petrov@" then "mail.ru", "ivan.petrov собака" then "mail.ru"), with
    where its part in `text` stands; none when the previous message holds a whole address of its own."""
    tail, head = previous[-_MAX_LOCAL - 20:].rstrip(), text.lstrip()
    if not tail or not head or find_emails(previous):
        return []
    glued = tail[-1] in "@." or head[0] in "@."
    joined = f"{tail}{'' if glued else ' '}{head}"
    boundary = len(tail) + (0 if glued else 1)
    offset = len(text) - len(head) - boundary  # from a position in `joined` to one in `text`
    return [(address, (0, end + offset)) for address, (start, end) in find_emails(joined)
            if start < boundary < end][:1]


@lru_cache(maxsize=1)
def _obfuscated() -> re.Pattern[str]:
    # Compiled on first use: most messages hold no address written to dodge bots.
    return re.compile(_OBFUSCATED_PATTERN, re.IGNORECASE)


def _spelled(part: str) -> str:
    """An address's part with its spelled separators and Cyrillic provider names written as in an address."""
    part = _SPELLED_WORD.sub(lambda sep: _SPELLED.get(sep.group().strip(" ()[]{}<>").lower(), "."), part.lower())
    return re.sub(r"\s+", ".", re.sub(_CYRILLIC_LABEL, lambda word: _CYRILLIC_DOMAIN[word.group()], part))


def _deobfuscated(match: re.Match[str], text: str) -> str | None:
    if _CUT_BEFORE.search(text, max(0, match.start() - 30), match.start()) or _SPACED_LETTERS.search(
            text, max(0, match.start() - 4), match.start()):
        return None  # the address began earlier: "mike underscore t at ...", "o l g a @ ..."
    if len(match.group("local")) == 1 and _WORD_BEFORE.search(text, max(0, match.start() - 2), match.start()):
        return None  # "anna k at gmail dot com": "anna.k", "annak" or "anna_k", which is not ours to guess
    if _cut_from_a_spoken_one(match, text):
        return None  # "jane doe at gmail dot com": "janedoe", "jane.doe" or "jane_doe", never "doe@gmail.com"
    domain = _spelled(match.group("domain"))
    labels = domain.split(".")
    if not labels[-1].isalpha() or not 2 <= len(labels[-1]) <= 24 or any(not label or label.startswith("-") for label in labels):
        return None
    at_word = match.group("at").strip().lower()
    if at_word.isalpha() and labels[-1] not in _MAIL_TLDS:
        return None
    local = _spelled(match.group("local"))
    return None if ".." in local else f"{local}@{domain}"


def _cut_from_a_spoken_one(match: re.Match[str], text: str) -> bool:
    """The local part read is one plain word, and the word before it may be the address's beginning: a Latin
    word that says no address follows, written as the local part is ("jane doe at gmail dot com", "John Smith
    at ..."), not a name signed before it ("Kelly siobhan at ...", "Siobhan Kelly siobhan.k at ...")."""
    local = match.group("local")
    before = _LATIN_WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
    if not local.isalpha() or before is None or before.group("word").lower() in _ADDRESS_CUES:
        return False
    return not (before.group("word")[0].isupper() and local[0].islower())


def _email_at(text: str, at: int) -> tuple[str, tuple[int, int]] | None:
    window_start = max(0, at - _MAX_LOCAL - 1)
    window = text[window_start:at]
    stop = None
    for match in _LOCAL_STOP.finditer(window):  # the last one counts
        stop = match
    if stop and _LOOKALIKE_LETTER.fullmatch(stop.group()):
        return None
    local_from = stop.end() if stop else 0
    if window_start > 0 and stop is None:
        return None  # a local part longer than 64 characters is no address
    local_text = window[local_from:].lstrip(".'-")
    local_text = local_text.removeprefix("'")
    local = _LOCAL.search(local_text)
    domain = _DOMAIN.match(text, at + 1)
    slipped = _DOMAIN_SLIPPED.match(text, at + 1)
    if slipped and slipped.group("tld").lower() in _MAIL_TLDS and (
            domain is None or (slipped.end() > domain.end() and domain.group().rsplit(".", 1)[-1].lower() not in _MAIL_TLDS)):
        domain_name, domain_end = f"{slipped.group('name')}.{slipped.group('tld')}", slipped.end()
    elif domain:
        domain_name, domain_end = domain.group(), domain.end()
    else:
        return None
    if not local or local.start() != 0 or _SPACED_LETTERS.search(text, max(0, at - len(local.group()) - 4), at - len(local.group())):
        return None  # "o l g a @ gmail.com" is not "a@gmail.com"
    if text[domain_end:domain_end + 1] == "@" or ".." in local.group() or _MIXED_LABEL.search(domain_name):
        return None
    start = at - len(local.group())
    if text[start - 1:start] == "@":
        return None  # "a@b.com@c.com" is not one address, and which one was meant is a guess
    # Lower-cased whole: providers treat the local part without case, and one lead should not be two.
    return f"{local.group()}@{domain_name}".lower(), (start, domain_end)
