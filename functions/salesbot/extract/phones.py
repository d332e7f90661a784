"""Phone numbers, in whatever format a customer writes them, as E.164.

libphonenumber decides what is a valid number; this module decides what to show it. Its own
matcher is thorough but slow on digit-heavy text (tens of ms for a page of numbers), so runs of
digits are found here with one linear pattern, and only runs that could hold a phone, in a bounded
number of attempts, are parsed. Every number `find_phones` returns is valid and its digits are in
the text. `find_unverified_phones` keeps what libphonenumber cannot confirm but a customer plainly
gives as their phone (a `+country` code it does not know; a number of a range it does not list,
such as the UK's drama numbers 07700 900xxx), for the caller to store flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from salesbot.extract.patterns import LazyPattern
from salesbot.extract.spoken import spoken_runs

if TYPE_CHECKING:
    import phonenumbers

# A run of digits with the separators people put inside a phone number (a slash after the area code
# is how Germans, Austrians and the Swiss write it: "0151/2345678", "030 / 123 45 67"). Every
# repetition must end in a digit and separators are at most three characters long, so matching is
# linear in the text.
# A dot before a space ends a sentence, not a group: "не 3. 8 923 118 40 75" is a digit, then a number.
_RUN = LazyPattern(r"(?<![\w@/.,])(?:\+\s?)?(?:\(\s?)?\d(?:(?!\.\s)[ ().\-/]{1,3}\d|\d)*")
# Where a run too long for one number may be cut: "8 912 345 67 89 8 903 111 22 33", "07911 123456/07911 654321".
_GROUP_SEPARATOR = LazyPattern(r"(?<=\d)[ ]+(?=[(\d+])|(?<=\d)\s?-\s(?=\d)|(?<=\d)\s?/\s?(?=[(\d+])")
_EXTENSION = LazyPattern(r"\s*(?:ext\.?|x|доб\.?|добавочный)\s*\d{1,5}\b", re.IGNORECASE)
_NON_DIGITS = LazyPattern(r"\D")
# Digits right after these are an order, invoice, account or document number, not a phone.
_NOT_A_PHONE_BEFORE = LazyPattern(
    r"(?:#|№|\bno\.?|\bnr\.?|(?:(?:\border|\binvoice|\bref|\bclaim|(?<!\bin )\bcase|\bticket|\bpolicy|\bbooking|\breservation|\bconfirmation"
    r"|\bmember|\bserial|\bcontract|\bapplication|\bparcel|\bshipment|\bshipping|\blicen[cs]|\bзаказ|\bзаявк|\bобращени"
    r"|\bполис|\bброн|\bтикет|\bнакладн|\bквитанци|\bкадастр|\bпосылк|\bотправлени|\bтрек)\w*"
    r"|\btracking|\baccount|\bacc\.?|\bcard|\bpassport|\biban|\bvin|(?-i:\bPO)|\bсч[её]т\w*|\bдел[оа]|\bинв)\.?"
    # ..."order number is", "трек-номер": its number, as the customer writes it
    r"(?:[\s-]*(?:#|№)|[\s-]+(?:number|num|no\.?|номер))?(?:\s+(?:is|was))?"
    r"|\bр/с|\bинн|\bогрн\w*|\bкпп|\bбик|\bснилс|\bпаспорт\w*|\bдоговор\w*|\bартикул\w*"
    r"|\bкарт\w*|\bкод\w*|\bcode|\bid(?:\s+(?:number|no\.?|is|was))*|\bномер заказа|\bлицев\w* сч[её]т\w*"
    # German customers' own words for them: "Kundennummer", "Rechnungsnr.", "Steuernummer", "USt-IdNr.", "Aktenzeichen"
    r"|\b(?:kunden|rechnungs|bestell|auftrags|vertrags|steuer|versicherungs|mitglieds|ust-id|id|fahrgestell|vorgangs|buchungs"
    r"|schadens|policen|fall|ticket|referenz)(?:nummer|nr\.?)|\baktenzeichen|\baz\.)"
    r"\s*[:#№]?\s*$"
    # A code's letters glued to it by a dash: "INV-5035550142", "PO-4500012345".
    r"|(?-i:\b(?!(?:WA|TEL|MOB|PH|ТЕЛ)-)[A-ZА-ЯЁ]{2,5}-)$"
    # An IBAN's country and check digits ("DE89 3704 0044 0532 0130 00"): its groups are an account.
    r"|(?-i:\b[A-Z]{2}\d{2})\s?$",
    re.IGNORECASE,
)
_CODE_CHARS, _CODE_WORDS = 24, 3  # how far before digits the words naming a code are looked for
# A phone's own word before the mark a code also takes: "phone no.", "contact no:", "cell #", "тел. №".
_PHONE_NUMBERED = LazyPattern(
    r"(?:\b(?:phone|tel|telephone|mobile|mob|cell|contact|ph|whats\s?app)|телефон\w*|\bтел|\bмоб\w*|сотов\w*)\.?"
    r"\s*(?:#|№|\bno\b\.?|\bnr\b\.?)\s*[:#№]?\s*$",
    re.IGNORECASE,
)
# Digits and separators before a run's "00": it stands inside a longer run (an account), not at a number's start.
_INSIDE_RUN = LazyPattern(r"\d[ ().\-/]{0,3}$")
# Digits right before these are money, area or a count.
_NOT_A_PHONE_AFTER = LazyPattern(
    r"^\s?(?:₽|\$|€|£|₸|₴|руб|р\.|р\b|rub|usd|eur|gbp|долл|евро|тыс|млн|k\b|к\b|m2|м2|м²|кв|sq|шт|pcs|%)",
    re.IGNORECASE,
)
# After a run, the rest of a domain or a web address it is part of: "remont-89161234567.ru".
_IN_AN_ADDRESS = LazyPattern(r"\.[a-z]{2,}(?![\w-])|[\w-]*\.[a-z]{2,}/")
_DATE = LazyPattern(r"^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$")
# "1 500 000", "12,500,000": thousands grouping is how money is written, not phones (3-3-2-2, 3-3-4); an amount never
# begins with a nought, as a national number does after its trunk prefix ("021 345 678" in New Zealand).
_THOUSANDS = LazyPattern(r"^[1-9]\d{0,2}(?:([ ,.])\d{3})(?:\1\d{3})+$")
# The countries whose national numbers follow the trunk prefix "8", as libphonenumber's metadata says
# (tests/test_extract_parsers.py checks it): one numbering's heirs, whose people cross between them.
TRUNK_EIGHT = ("RU", "KZ", "BY", "TM")
_FULL_TRUNK_EIGHT_DIGITS = 10  # "8" and a full number: fewer digits are a count or a price ("800-1000")
_MIN_DIGITS, _MAX_DIGITS = 7, 15
_LIKELY_LENGTHS = (11, 10, 12, 13, 9, 8, 7, 14, 15)
_MAX_ATTEMPTS = 64
_MAX_PHONES = 10
_MAX_RUN_CHARS = 160  # of one unbroken run of digits: room for several numbers, not for a page of them  # parses per message; a real message holds a handful of candidates
_MIN_UNVERIFIED = 9  # digits after "+", the country code included: shorter is a fragment, not a phone
# A country's code written without its "+": as a group of its own ("38 067 ...") or with a whole international
# number's digits ("380679153049"), not any ten digits that begin as a code does ("4930123456").
_CODE_GROUP = LazyPattern(r"\s*\d{2,3}[ .\-]")
_WHOLE_INTERNATIONAL = 11
_RANGE_DIGITS = 3  # of a national number, that say which of a country's ranges it is in
_INTERNATIONAL = LazyPattern(r"(?<![\w+])(?:\+\s?|00)[1-9](?:[ ().\-]{1,3}\d|\d){7,16}(?!\d)")
# Words that say the digits after them are the writer's phone ("call me on", "мой номер", "тел.").
# A signature's one-letter labels count too: "M: 07700 900418", "T: ...", "P: ..." (not "F:", a fax's: see `is_fax`).
_PHONE_CUE = LazyPattern(
    r"(?:\b(?:phone|tel|telephone|mobile|mob|cell|call|ring|reach|whats\s?app)|телефон|\bтел\b|\bмоб|сотов|звон"
    r"|набер|\bmine\b|(?:\bмой|\bmy)\s+(?:[^\W\d_]+\s+)?(?:номер|number))\D{0,25}$"  # "мой польский номер"
    r"|(?:^|(?<=[\s|]))(?-i:[MTPC])[ ]?:[ \t]*$",
    re.IGNORECASE,
)
_CUE_CHARS = 60
_SPOKEN_HINT = LazyPattern(r"(?i)ноль|нуль|восем|девят|пят|шест|сем|zero|\boh\b|eight|nine|five|seven|double|hundred")
_STRAIGHT_RUNS = ("01234567890123456789", "98765432109876543210")


def find_phones(text: str, region: str | Sequence[str]) -> list[tuple[str, tuple[int, int]]]:
    """Valid phone numbers in `text`, in E.164, each with its span, written in digits or dictated in words.

    A national number (no `+` or `00`) is read in `region`; given several regions, in the first
    where it is valid (see `phone_regions`: the conversation's country before the company's). The
    span is where the number stands in `text`, so that callers can blank it out before reading
    money or area from the same message."""
    regions = _regions(region)
    found: list[tuple[str, tuple[int, int]]] = []
    attempts = 0
    for run in _RUN.finditer(text):
        if len(_NON_DIGITS.sub("", run.group())) < _MIN_DIGITS or _is_code(text, run.start()) or _IN_AN_ADDRESS.match(text, run.end()):
            continue  # too short, an account, order or document number whose every part is no phone either, or a web address
        taken_until = run.start()
        for start, end in _candidates(text, run.start(), run.end()):
            if start < taken_until:
                continue  # inside a number already found in this run
            if attempts >= _MAX_ATTEMPTS:
                return found
            attempts += 1
            phone = _parse(text, start, end, regions)
            if phone:
                taken_until = end
                if phone not in (known for known, _ in found):
                    found.append((phone, (start, end)))
                    if len(found) >= _MAX_PHONES:
                        return found
    if may_be_dictated(text):  # beside one in digits too: "her WhatsApp is +380 ..., me: three one two, five five five ..."
        for digits, span in spoken_runs(text):
            phone = _valid(digits, regions)
            if phone and phone not in (known for known, _ in found) and not any(
                    span[0] < end and start < span[1] for _, (start, end) in found):
                found.append((phone, span))
        found.sort(key=lambda phone: phone[1])
    return found


def may_be_dictated(text: str) -> bool:
    """`text` holds a word a number dictated in words would hold ("восемь", "double five", "oh")."""
    return bool(_SPOKEN_HINT.search(text))


def find_unverified_phones(text: str, regions: Sequence[str] = (), *,
                           expected: bool = False) -> list[tuple[str, tuple[int, int]]]:
    """Numbers libphonenumber cannot confirm that the text still gives as a phone, as `+digits`.

    Its metadata lags behind new codes and ranges, and leaves out ranges kept for fiction. A number
    with an explicit `+country` code and a full length is meant as a phone. A national one (read in
    `regions`, as find_phones reads them) must be written with the region's trunk prefix, be one
    libphonenumber calls possible there, its whole length, in a range the country uses (`_possible`:
    else it is another country's number, and which one is not known), and be given as a phone:
    after "phone", "call me", "мой номер" and the like, or when the bot had asked for it (`expected`).
    Each is kept (and flagged as unverified by the caller) rather than lost."""
    found = _unverified_international(text)
    attempts = 0
    for run in _RUN.finditer(text) if regions else ():
        start, end = run.span()
        if not _MIN_DIGITS <= len(_NON_DIGITS.sub("", run.group())) <= _MAX_DIGITS:
            continue
        if not (expected or _PHONE_CUE.search(text, max(0, start - _CUE_CHARS), start)):
            continue
        raw = _phone_like(text, start, end)
        if raw is None or raw.startswith("+"):  # a "+country" one was read above
            continue
        attempts += 1
        phone = _possible(raw, regions)
        if phone and phone not in (known for known, _ in found):
            found.append((phone, (start, end)))
        if attempts >= _MAX_ATTEMPTS or len(found) >= _MAX_PHONES:
            break
    return found


def _unverified_international(text: str) -> list[tuple[str, tuple[int, int]]]:
    found: list[tuple[str, tuple[int, int]]] = []
    for run in _INTERNATIONAL.finditer(text):
        digits = _NON_DIGITS.sub("", run.group())
        digits = digits[2:] if run.group().startswith("00") else digits
        start, end = run.span()
        if not _MIN_UNVERIFIED <= len(digits) <= _MAX_DIGITS or _looks_made_up(digits[-9:]):
            continue
        if _is_code(text, start) or text[end:end + 1].isalnum() or (
                run.group().startswith("00") and _INSIDE_RUN.search(text, max(0, start - 4), start)):
            continue
        if _valid("+" + digits, ("ZZ",)):
            continue  # a valid number: find_phones' business
        phone = _as_written_international(run.group(), digits)
        if phone:
            found.append((phone, (start, end)))
        if len(found) >= _MAX_PHONES:
            break
    return found


def _as_written_international(written: str, digits: str) -> str | None:
    """A `+country` number libphonenumber does not confirm, in E.164: without the trunk prefix some write
    after the country code ("+44 (0)7700 900123" is +447700900123), as its digits when the code is one it does
    not know ("+999 ..."), or None when it is no international number but a national one written with a
    "+" before the trunk prefix "8" ("+8 916 ...", as Russians sometimes write it): whose country no code says."""
    import phonenumbers

    try:
        number = phonenumbers.parse("+" + digits if written.startswith("00") else written, None)
    except phonenumbers.NumberParseException:
        return None if _trunk_eight_after_plus(digits) else "+" + digits
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _trunk_eight_after_plus(digits: str) -> bool:
    """The digits after a "+" are the trunk prefix "8" and a full national number of its countries."""
    return digits.startswith("8") and len(digits) == _FULL_TRUNK_EIGHT_DIGITS + 1


def is_business_line(e164: str) -> bool:
    """The number is a line only a business has: toll-free ("8 800", "0800", "1-800"), premium rate,
    shared cost or a single number for a whole company ("0870", "8 804"). A customer who quotes one is
    quoting the company's hotline (or another business's), however it is written, never giving their own."""
    import phonenumbers

    number_type = phonenumbers.number_type(phonenumbers.parse(e164))
    return number_type in (phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.PREMIUM_RATE,
                           phonenumbers.PhoneNumberType.SHARED_COST, phonenumbers.PhoneNumberType.UAN)


# A fax line's label, before the number ("Fax: 0161 ...", "F: 0161 ...", "факс 8 495 ...") or after it ("0161 ... (fax)"),
# not one line for both ("tel/fax 0161 ...", "тел./факс", "phone & fax"), which is a phone as well.
_FAX_BEFORE = LazyPattern(
    r"(?i)(?P<both>(?:tel|ph|phone|telephone|тел|телефон)\.?\s*(?:/|&|\+|-|and|и)\s*)?(?<![^\W\d_])"
    r"(?:(?:номер|number)\s+)?(?:fax|факс\w*|телефакс|f(?=\s*:))\.?\s*(?:no\.?|number|номер)?\s*(?:is|[:\-—–])?\s*$")
_FAX_AFTER = LazyPattern(r"(?i)\s*(?:\(\s*(?:fax|факс)\s*\)|[,\-—–]?\s*(?:fax|факс)(?![\w/&])[ \t]*(?=$|[.;!\n]))")
_FAX_CHARS = 24


def is_fax(text: str, span: tuple[int, int]) -> bool:
    """The number at `span` is labelled a fax line, no number to call: "Fax: 0161 496 0999", "факс 8 495 ...", "F: ...",
    "0161 496 0999 (fax)"; not a line for both ("tel/fax", "тел./факс")."""
    start, end = span
    before = _FAX_BEFORE.search(text, max(0, start - _FAX_CHARS), start)
    return (before is not None and before.group("both") is None) or _FAX_AFTER.match(text, end) is not None


def phone_regions(default: str, cues: Sequence[str]) -> list[str]:
    """The regions to read national numbers in: the countries the conversation points to, then `default`."""
    return list(dict.fromkeys([*(cue.upper() for cue in cues), (default or "RU").upper()]))


def _regions(region: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(region, str):
        return ((region or "RU").upper(),)
    return tuple(code.upper() for code in region) or ("RU",)


def _candidates(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans inside one run of digits that may each be one number, most likely lengths first.

    A run is usually one number; it can also be two written one after the other
    ("8 912 345 67 89 8 903 111 22 33"), which is why it is split into its groups and tried in
    windows. A generator: the caller's attempt limit bounds the work on a page of digits."""
    end = min(end, start + _MAX_RUN_CHARS)
    run = text[start:end]
    if len(_NON_DIGITS.sub("", run)) <= _MAX_DIGITS:
        yield start, end
        return
    cuts = [start] + [start + m.end() for m in _GROUP_SEPARATOR.finditer(run)] + [end]
    digit_counts = [len(_NON_DIGITS.sub("", text[a:b])) for a, b in pairwise(cuts)]
    for i in range(len(cuts) - 1):
        windows: dict[int, int] = {}
        count = 0
        for j in range(i, len(cuts) - 1):
            count += digit_counts[j]
            if count > _MAX_DIGITS:
                break
            if count >= _MIN_DIGITS:
                windows[count] = cuts[i] + len(text[cuts[i]:cuts[j + 1]].rstrip(" -/"))
        # Most numbers have 10-12 digits with their prefix; those lengths are tried first.
        for count in _LIKELY_LENGTHS:
            if count in windows:
                yield cuts[i], windows[count]


def _parse(text: str, start: int, end: int, regions: tuple[str, ...]) -> str | None:
    raw = _phone_like(text, start, end)
    return _valid(raw, regions) if raw is not None else None


def _phone_like(text: str, start: int, end: int) -> str | None:
    """The digits at `start:end` as a number to parse, unless what stands around them says they are
    a date, money, an area, an order or document number, or part of a word; `00` read as `+`."""
    raw = text[start:end].strip(" -.()")
    if not raw or _DATE.match(raw):
        return None
    if _THOUSANDS.match(raw) and not _PHONE_CUE.search(text, max(0, start - _CUE_CHARS), start):
        return None  # money's grouping, unless given as a phone: "мой польский номер 512 647 238"
    if _is_code(text, start):
        return None
    after = text[end:end + 8]
    if _NOT_A_PHONE_AFTER.match(after):
        return None
    if after[:1].isalpha() and not _EXTENSION.match(text, end):
        return None  # "89123456789abc": part of a code or a word
    if raw.startswith("00") and not raw.startswith("000"):
        raw = "+" + raw[2:]  # the international prefix of most of the world, whatever the company's region
    return raw


def _is_code(text: str, start: int) -> bool:
    """The digits from `start` on are an order, account or document number, as the words before say."""
    floor, begin = max(0, start - _CODE_CHARS), start
    for _ in range(_CODE_WORDS):  # searched from the last few words only: a code is named in two or three
        space = text.rfind(" ", floor, begin - 1)
        if space == -1:
            begin = floor
            break
        begin = space
    return bool(_NOT_A_PHONE_BEFORE.search(text, begin, start)) and not _PHONE_NUMBERED.search(text, begin, start)


@lru_cache(maxsize=1024)
def _valid(raw: str, regions: tuple[str, ...]) -> str | None:
    """`raw` in E.164 if it is a valid number: a national one in the first region where it is valid, or
    of those, the first where it is a mobile's (a customer gives the number they carry: "0160 9127 4458"
    is a German mobile, not a Viennese landline with a long extension)."""
    import phonenumbers  # on the first run of digits that could be a phone: 15 ms a cold start without one saves

    first = None
    for region in (*regions, *_same_trunk(raw, regions)):
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            return first or _national_after_plus(raw, regions)
        international = raw.lstrip().startswith("+")
        if (phonenumbers.is_valid_number(number) and not _looks_made_up(str(number.national_number))
                and (international or not _trunk_left_out(raw, number, region))):
            found = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if international or phonenumbers.number_type(number) in (
                    phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
                return found
            first = first or found
        elif international:
            return _national_after_plus(raw, regions)  # the country is written: no other region reads it differently
    return first


def _national_after_plus(raw: str, regions: tuple[str, ...]) -> str | None:
    """A number written "+8 916 ..." that is no valid international one, read as the national number it is
    in a conversation of a country that writes the trunk prefix "8" ("+8 (912) 345-67-89": +7 912 ...)."""
    written = raw.lstrip()
    if not written.startswith("+") or not _trunk_eight_after_plus(_NON_DIGITS.sub("", written)):
        return None
    return _valid(written[1:], regions) if set(regions) & set(TRUNK_EIGHT) else None


def _same_trunk(raw: str, regions: tuple[str, ...]) -> tuple[str, ...]:
    """The other countries that write their numbers after the trunk prefix "8" as one of `regions` does,
    for a number written with that "8" and ten digits or more, read there when no region of the
    conversation reads it: "8 910 764 33 21" to a company in Minsk is a Russian one, "8 029 ..." to
    one in Moscow a Belarusian one, whether or not the writer says so."""
    digits = _NON_DIGITS.sub("", raw)
    if raw.lstrip().startswith("+") or not digits.startswith("8") or len(digits) < _FULL_TRUNK_EIGHT_DIGITS:
        return ()
    return tuple(region for region in TRUNK_EIGHT if region not in regions) if set(regions) & set(TRUNK_EIGHT) else ()


def _trunk_left_out(raw: str, number: phonenumbers.PhoneNumber, region: str) -> bool:
    """A national number written without the "0" its country always writes it with: "2024-2025" is
    no number in Düsseldorf, whose numbers people write "0211 ..." (as in Britain, Ukraine, Turkey, Australia).
    Russians leave their "8" out ("912 345 67 89"), Americans their "1"; those stay readable, and so do
    a number written with its country's code but no "+" ("38 067 915 30 49", as Ukrainians write it) and
    a mobile of a country that writes its mobiles without the "0" too (`_trunk_optional`: India's "98450 21736")."""
    import phonenumbers

    if _NON_DIGITS.sub("", raw).startswith("0"):
        return False
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.national_prefix != "0" or _trunk_optional(number, metadata):
        return False
    if not phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL).startswith("0"):
        return False
    source = phonenumbers.parse(raw, region, keep_raw_input=True).country_code_source
    written_code = _CODE_GROUP.match(raw) is not None or len(_NON_DIGITS.sub("", raw)) >= _WHOLE_INTERNATIONAL
    return not (written_code and source == phonenumbers.CountryCodeSource.FROM_NUMBER_WITHOUT_PLUS_SIGN)


def _trunk_optional(number: phonenumbers.PhoneNumber, metadata: phonenumbers.PhoneMetadata) -> bool:
    """The number is a mobile whose country writes it with or without the trunk prefix, as libphonenumber's
    metadata says of its format (India's and Turkey's mobiles, China's and Vietnam's): without it, still a number."""
    import phonenumbers

    if phonenumbers.number_type(number) not in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return False
    national = str(number.national_number)
    for number_format in metadata.number_format:
        leading = number_format.leading_digits_pattern
        if (not leading or re.match(leading[-1], national)) and re.fullmatch(number_format.pattern or "", national):
            return bool(number_format.national_prefix_optional_when_formatting)
    return False


def _possible(raw: str, regions: Sequence[str]) -> str | None:
    """A national `raw` in E.164 if, in one of `regions`, it is written with the region's trunk
    prefix, which libphonenumber reads as one, and is a possible number there, its whole length,
    though not a valid one ("07700 900123" in the UK). The prefix is what says the number is that
    country's: "312 555 0188" is an American number, not a Russian one of an area that does not
    exist, and "8 912 345 67 8" a Russian one a digit short."""
    import phonenumbers

    written = _NON_DIGITS.sub("", raw)
    for region in regions:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region.upper())
        trunk = metadata.national_prefix if metadata is not None else None
        if not trunk or not written.startswith(trunk):
            continue
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            return None
        national = str(number.national_number)
        if (len(trunk) + len(national) == len(written)
                and phonenumbers.is_possible_number_with_reason(number) == phonenumbers.ValidationResult.IS_POSSIBLE
                and not phonenumbers.is_valid_number(number) and not _looks_made_up(national)
                and _range_in_use(national, number.country_code or 0)):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def _range_in_use(national: str, country_code: int) -> bool:
    """The country has valid numbers of this length that begin with the same three digits: the number is of
    a range libphonenumber does not list (a new one, or the UK's drama numbers "07700 900..."), not of one the
    country does not use at all, which is another country's number read in the wrong one ("0421 3365421",
    a Bremen number, in a British company's chat: no British number begins "04")."""
    import phonenumbers

    head, rest = national[:_RANGE_DIGITS], len(national) - _RANGE_DIGITS
    return any(phonenumbers.is_valid_number(phonenumbers.PhoneNumber(country_code=country_code, national_number=int(head + digit * rest)))
               for digit in "0123456789")


def _looks_made_up(national: str) -> bool:
    # A number of one or two repeated digits, or one straight run of digits, is what people type
    # to avoid giving a real one; calling it would reach a stranger.
    subscriber = national[-7:]
    return len(set(subscriber)) <= 2 or any(national in run for run in _STRAIGHT_RUNS)
