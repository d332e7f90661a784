"""What a message takes back of the lead stored before it: a contact the customer says is not theirs,
or no longer theirs ("ой, это номер мужа", "sorry, that's my old number, don't use it", "это почта
коллеги", "that e-mail was my assistant's"), a name that is someone else's ("я не Оля, Оля это
жена", "I'm not Olga, Olga is my wife"), and a timeline when they say no date is set yet ("my daughter
turns 18 in August" read as one, then "haven't set a date yet", "даты пока нет"); and which contact a
message gives up as it gives it (`given_up_at`: "my old number was ...", "8 916 ... уже не актуален"),
in the same words.

A message that gives a contact of the kind speaks of that one: it replaces the stored one when it is
the customer's, and takes it back only when it is the very contact stored and the message says whose
it is (`disowned`). A message that gives none must point at the stored one ("это", "that", "этот
номер", "the number I gave you") and say it is someone else's, not theirs, or old: "могу дать номер
мужа", "the number I gave is my work one", "it's my wife's number too" take nothing back.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from salesbot.extract.others import is_someone_else
from salesbot.extract.patterns import LazyPattern
from salesbot.models import LeadData, Retractable

# The words for a contact of each kind, and for the line or the mailbox itself, which alone can be old or dead
# ("мой телефон не работает", "my phone is old" speak of a handset).
_PHONE_WORD = r"(?:номер\w*|телефон\w*|мобильн\w*|сотов\w*|number|phone|cell|mobile)"
_EMAIL_WORD = r"(?:почт\w*|e-?mail\w*|имейл\w*|емейл\w*|мейл\w*|mail|inbox)"
CONTACT_WORD = LazyPattern(rf"(?i)(?<!\w)(?:{_PHONE_WORD}|{_EMAIL_WORD}|тел|контакт\w*|contact)(?!\w)")
_LINE = {"phone": r"(?:номер\w*|number)", "email": _EMAIL_WORD}
_WORD = r"[^\W\d_]+"
_OWNER = rf"{_WORD}(?:['’]s)?"
# Said of a contact the writer shares with the person, which stays theirs: "it's my wife's number too".
_SHARED = r"(?!\s*,?\s*(?:too|as well|also|тоже|также|общий|общая|на двоих)(?!\w))"
_THAT_IS = r"(?:that's|thats|that is|that was|it's|its|it is|it was|this is|this was)"
_NOT_MINE = (r"(?:не\s+(?:мой|моя|мо[её])|(?:not|isn'?t|is\s+not|wasn'?t|was\s+not|no\s+(?:longer|more))"
             r"\s+(?:mine|my\s+own|ours|my\s+(?:number|phone|one)))")
_OLD = r"(?:old|previous|former|ex|стар\w*|прежн\w*|бывш\w*)"
# Said of a contact that no longer reaches the writer.
_DEAD = (r"(?:не\s+(?:актуал\w*|работает|действует|обслуживается|существует|доступ\w*)|недействител\w*"
         r"|(?:not|isn'?t|is\s+not|no\s+longer|no\s+more)\s+(?:in\s+use|working|valid|active|used)|disconnected|dead"
         r"|out\s+of\s+(?:service|use)|(?:doesn'?t|does\s+not|no\s+longer)\s+works?(?:\s+any\s?more)?)")
_GAVE = r"(?:\s+(?:i|you|we)\s+(?:[^\W\d_]+\s+){0,3}?)?"  # "the number I gave you", "the e-mail you have"
# Giving it, done: "I gave you my husband's number", "дала вам старый номер" (not "могу дать номер мужа").
_GAVE_YOU = (r"(?:i\s+|я\s+)?(?:gave|sent|wrote|typed|left|put|дал|дала|написал|написала|оставил|оставила|скинул|скинула"
             r"|отправил|отправила|указал|указала)\s+(?:you\s+|вам\s+|тебе\s+)?(?:(?:by\s+mistake|по\s+ошибке|случайно)\s+)?")


def _owned(word: str) -> LazyPattern:
    """A message pointing at the stored contact of one kind (its words `word`) and saying whose it is (the groups
    `owner...`): not the writer's when that is someone else."""
    return LazyPattern(
        r"(?i)(?<![\w'’])(?:"
        # "это номер мужа", "это был телефон моей мамы", "этот номер - мужа", "номер, который я дала, - мужа".
        rf"(?:(?:это|то)\s+(?:был\w*\s+|вообще\s+|же\s+)*{word}|(?:этот|тот|эта|та)\s+{word}\s*(?:-\s*|это\s+)?"
        rf"|{word},?\s+(?:который|которую|что)\s+[^,.!?\n]{{1,40}}?,?\s*(?:-\s*|это\s+)|{_GAVE_YOU}{word})"
        rf"\s*(?:вообще\s+)?(?:(?:моего|моей|моих|нашего|нашей)\s+)?(?P<owner_ru>{_OWNER})"
        # "that's my husband's number", "it's our accountant's e-mail".
        rf"|(?:{_THAT_IS}\s+(?:actually\s+|just\s+|really\s+)?|{_GAVE_YOU})(?:my\s+|our\s+)?(?P<owner_before>{_OWNER})\s+(?:(?:old|work|home|own)\s+)?{word}"
        # "that e-mail was my assistant's", "the number I gave you is my wife's", "the number belongs to my son".
        rf"|(?:that|the|this)\s+{word}{_GAVE}\s*(?:is|was|'s|belongs\s+to|belonged\s+to)"
        rf"\s+(?:actually\s+|really\s+|just\s+)?(?:my\s+|our\s+)?(?P<owner_after>{_OWNER}))"
        rf"(?!\w){_SHARED}")


def _given_up(word: str, line: str) -> LazyPattern:
    """A message pointing at the stored contact of one kind (its words `word`; `line`, the line or mailbox itself)
    and saying it is not the writer's, or old, or dead."""
    return LazyPattern(
        r"(?i)(?<![\w'’])(?:"
        # "это не мой номер", "этот номер не мой", "that's not my number", "that number isn't mine".
        rf"(?:(?<=^)|(?<=^\s)|(?:это|то|он|она)\s+(?:вообще\s+|же\s+)?)не\s+(?:мой|моя|мо[её])\s+{word}"
        rf"|{_THAT_IS}\s+not\s+(?:my|our)\s+{word}"
        rf"|(?:этот|тот|эта|та|это|that|the|this)\s+{word}{_GAVE}\s*(?:уже\s+|вообще\s+)?{_NOT_MINE}"
        # "это мой старый номер", "that's my old number", "этот номер уже не актуален", "my number no longer works".
        rf"|(?:(?:это|то|{_THAT_IS})\s+(?:был\w*\s+|actually\s+|just\s+)?|{_GAVE_YOU})(?:мой\s+|моя\s+|my\s+|an?\s+|the\s+)?{_OLD}\s+{line}"
        rf"|(?:этот|тот|мой|эта|та|моя|that|the|this|my)\s+{line}{_GAVE}\s+(?:уже\s+|больше\s+|is\s+|was\s+|'s\s+)*"
        rf"(?:{_DEAD}|old))(?!\w){_SHARED}")


# A contact given up or disowned as the message gives it, by words before it ("my old number was", "не звоните на",
# "мне дали номер", "someone gave me") or after it ("... больше не мой", "... уже не актуален", "... isn't mine", "... is
# the old one"): not the one to call, and when it is the only one, no number is better than a stranger's or a dead one.
_GIVEN_UP_BEFORE = LazyPattern(
    rf"(?i)(?<!\w)(?:{_OLD}[\s-](?:(?:мобильн\w*|сотов\w*|рабоч\w*|mobile|cell|phone|work|home)\s+)?(?:{_PHONE_WORD}|{_EMAIL_WORD}|one)"
    r"|used\s+to\s+(?:be|have)|(?:don'?t|do\s+not|never)\s+(?:call|ring|text|use|e-?mail)(?:\s+me)?"
    r"|не\s+(?:звоните|звонить|набирайте|пишите|писать)(?:\s+мне)?|раньше(?:\s+у\s+меня)?\s+был\w*"
    r"|(?:gave|given|sent|passed|forwarded)\s+(?:me|us)|(?:дали|скинули|передали|прислали)(?:\s+мне)?"
    r"|(?:дал|скинул|передал|прислал)[аи]?\s+мне)"
    r"(?:\s+(?:was|is|were|been|this|that|the|a|his|her|their|был\w*|этот|на|по|on|at|номер\w*|телефон\w*|number|phone))*[\s:,\-—–]*$")
_GIVEN_UP_AFTER = LazyPattern(
    r"(?i)[\s,(—–\-]*(?:(?:это|is|was|that's|thats|it's|its|that\s+is|уже|он|она|этот|тот|номер|number|one|this)\s+)*"
    rf"(?:(?:больше\s+|уже\s+)?(?:{_DEAD}|{_NOT_MINE})|(?:the\s+|my\s+)?{_OLD}(?:\s+(?:one|number|phone|номер|телефон))?)"
    # ...ending its phrase: "8 916 ..., старый фонд" and "212-555-0143 dead tree removal" are the writer's number.
    r"(?=\s*(?:$|[^\w\s]|а(?!\w)))")
_GIVEN_UP_CHARS = 60  # before a contact: its clause

_OWNED = {"phone": _owned(_PHONE_WORD), "email": _owned(_EMAIL_WORD)}
_GIVEN_UP = {"phone": _given_up(_PHONE_WORD, _LINE["phone"]), "email": _given_up(_EMAIL_WORD, _LINE["email"])}
_WORDS = {"phone": LazyPattern(rf"(?i){_PHONE_WORD}"), "email": LazyPattern(rf"(?i){_EMAIL_WORD}")}
# The writer is not the person of the name: "я не Оля", "меня зовут не Оля", "I'm not Olga", "my name isn't Olga"...
_NOT_NAMED = LazyPattern(
    r"(?i)(?<![\w'’])(?:я|меня\s+зовут|зовут\s+меня|i'm|im|i\s+am|my\s+name\s+is|my\s+name's)\s+(?:вообще\s+|же\s+|actually\s+)?"
    rf"(?:не|not)\s+(?P<name>{_WORD})(?![\w'’])|my\s+name\s+(?:isn't|is\s+not|isnt)\s+(?P<name_en>{_WORD})(?![\w'’])")
# ...or the name is someone else's: "Оля это жена", "Оля - моя сестра", "Olga is my wife", "Olga's my wife".
_NAME_OF = LazyPattern(
    rf"(?<![\w'’])(?P<name>{_WORD})\s*(?:-\s*|,\s*)?(?:это|is|'s)\s+(?:моя\s+|мой\s+|my\s+|our\s+|наша\s+|наш\s+)?"
    rf"(?P<owner>{_OWNER})(?!\w)(?!\s+[A-ZА-ЯЁ])")  # "Анна, это мама Кирилла" is Anna, writing of her son


# No date is set yet for what the customer needs: "haven't set a date yet", "the date isn't fixed", "no date yet",
# "not sure when yet", "даты пока нет", "дату ещё не назначили", "сроков пока нет", "пока не знаем, когда". A time
# stored before was then an event's date or a guess (a message that gives a time of its own after these words states that
# instead; one before them, "хотели к маю, но даты пока нет", is the guess they take back).
_DATE_EN = r"(?:date|dates|deadline|timeline|timeframe)"
_DATE_RU = r"(?:дат(?:а|ы|у|е|ой)|срок(?:а|и|ов|у|ом)?)"
# Only the precise day or a strict deadline is missing, and the time said before stands: "in August ... no exact date
# yet", "к весне, жёстких сроков нет", "haven't set a firm date" (not "actually no date yet").
_PRECISION_BEFORE = LazyPattern(r"(?i)(?<!\w)(?:точн|конкретн|определ[её]нн|ж[её]стк|строг|exact|firm|final|fixed|specific|hard"
                                r"|strict|actual(?!ly))\w*\s+$")
_YET_RU = r"(?:пока|ещё|еще)"
_STILL_RU = rf"(?:(?:{_YET_RU}|у\s+нас|мы|тоже|вообще)\s+)*"
# "Сроков нет" alone says there is no deadline, as "не горит" and "no rush" do, and the time said before stands; with "yet"
# ("сроков пока нет", "пока сроков нет") or "when we decide" after it ("сроков нет, как решим - напишу") no time is set.
_NO_DEADLINE_YET = (rf"(?:(?:(?<=пока\s)|(?<=ещё\s)|(?<=еще\s))срок(?:ов|а)\s+{_STILL_RU}нет|срок(?:ов|а)\s+{_STILL_RU}{_YET_RU}\s+{_STILL_RU}нет"
                    r"|срок(?:ов|а)\s+нет(?=\s*[,;—–-]?\s*(?:как|когда)\s+(?:решим|определимся|решу|определюсь|узнаем|узнаю)))")
_NO_DATE = LazyPattern(
    r"(?i)(?<![\w'’])(?:"
    r"(?:haven'?t|have\s+not|hasn'?t|has\s+not|not|didn'?t|did\s+not|yet\s+to|still\s+to)\s+(?:yet\s+|actually\s+|really\s+|even\s+)?"
    rf"(?:set|fixed|picked|chosen|booked|decided(?:\s+on)?|confirmed|agreed(?:\s+on)?|settled\s+on|locked\s+in)\s+(?:on\s+)?"
    rf"(?:a|the|any|our|an)\s+{_DATE_EN}"
    rf"|no\s+{_DATE_EN}\s+(?:yet|set|fixed|decided|confirmed|for\s+now|at\s+the\s+moment)"
    r"|(?:the\s+)?(?:date|dates|day)(?:'s|’s|\s+is|\s+are|\s+has|\s+have)?\s+(?:still\s+)?(?:not|n't|isn'?t|aren'?t|hasn'?t|haven'?t)\s+"
    r"(?:yet\s+|been\s+)*(?:set|fixed|confirmed|decided|booked|final|finali[sz]ed)"
    r"|(?:date|dates)\s+(?:tbc|tbd|to\s+be\s+(?:confirmed|decided|agreed))"
    r"|(?:not\s+sure|no\s+idea|don'?t\s+know|do\s+not\s+know|haven'?t\s+decided|not\s+decided|still\s+deciding|undecided)"
    r"\s+(?:on\s+)?when(?:\s+(?:exactly|it\s+will\s+be|that\s+will\s+be))?\s+yet"
    rf"|дат(?:а|ы|у|е|ой)\s+{_STILL_RU}нет|{_NO_DEADLINE_YET}"
    rf"|{_DATE_RU}\s+{_STILL_RU}не\s+(?:назнач|выбра|определ|реши|знаем|знаю|известн|понятн|согласова|ясн)\w*"
    rf"|не\s+(?:назначил|выбрал|определил|решил|знаем|знаю|согласовал)\w*(?:\s+с)?\s+{_STILL_RU}{_DATE_RU}"
    rf"|(?:пока|ещё|еще)\s+без\s+{_DATE_RU}"
    r"|(?:пока|ещё|еще)\s+не\s+(?:знаем|знаю|решили|решил\w*|определились|определил\w*|ясно|понятно)\s*,?\s+когда(?:\s+(?:точно|именно))?(?=\s*(?:$|[,.;:!?)—–-]))"
    r"|когда\s*[-—–,]?\s*(?:(?:именно|точно)\s+)?(?:пока|ещё|еще)\s+не\s+(?:знаем|знаю|решили|определились|ясно|понятно))(?![\w'’])")


def retracted(text: str, known: LeadData | None, given: Collection[str], disowned: Mapping[str, Collection[str]],
              ) -> tuple[Retractable, ...]:
    """The fields of `known` that `text` takes back. `given` are the fields the message gives: the kinds of contact
    ("phone", "email"), the customer's or anyone's, and "timeline"; `disowned`, per kind, the contacts it gives as
    someone else's or given up."""
    if known is None:
        return ()
    fields: list[Retractable] = []
    for kind in ("phone", "email"):
        value = getattr(known, kind)
        if value and (value in disowned.get(kind, ()) if kind in given else _points_at(text, kind)):
            fields.append(kind)
    if "phone" in fields and known.whatsapp is not None and known.whatsapp == known.phone:
        fields.append("whatsapp")  # one number: whoever's the phone is, so is its WhatsApp
    if known.name and _not_named(text, known.name):
        fields.append("name")
    if known.timeline and "timeline" not in given and no_date_after(text, 0):
        fields.append("timeline")
    return tuple(fields)


def no_date_after(text: str, end: int) -> bool:
    """After `end` (where a time the message gives ends), `text` says no date is set yet: "we wanted it by end of March but
    honestly no date yet", "выставка вроде в мае, но даты пока нет" take that time back."""
    return any(not _PRECISION_BEFORE.search(text, max(0, said.start() - 24), said.start()) for said in _NO_DATE.finditer(text, end))


def given_up_at(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The words that give the contact at `span` up as no longer, or never, the writer's, with it."""
    start, end = span
    before = _GIVEN_UP_BEFORE.search(text, max(0, start - _GIVEN_UP_CHARS), start)
    if before:
        return before.start(), end
    after = _GIVEN_UP_AFTER.match(text, end)
    return (start, after.end()) if after else None


def _points_at(text: str, kind: str) -> bool:
    if not _WORDS[kind].search(text):
        return False  # no word of the kind: most messages
    return _GIVEN_UP[kind].search(text) is not None or any(
        is_someone_else(match.group("owner_ru") or match.group("owner_before") or match.group("owner_after"))
        for match in _OWNED[kind].finditer(text))


def _not_named(text: str, name: str) -> bool:
    first = _folded(name.split()[0])
    if first not in _folded(text):
        return False  # the name is not in the message: most messages
    for match in _NOT_NAMED.finditer(text):
        if _folded(match.group("name") or match.group("name_en")) == first:
            return True
    return any(_folded(match.group("name")) == first and is_someone_else(match.group("owner"))
               for match in _NAME_OF.finditer(text))


def _folded(word: str) -> str:
    return word.casefold().replace("ё", "е")
