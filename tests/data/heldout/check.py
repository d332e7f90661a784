"""Checks the held-out conversations file by shape, not by content.

The held-out set is written by hand, and a typo in a label would silently
lower (or raise) every score computed on it. This script catches what a
machine can catch without reading the conversations the way the product
does: the JSON shape, the label vocabulary, that every expected phone is
E.164 and valid for libphonenumber (or, when flagged unverified, at least
possible and written with an explicit +country code), that the customer's
phone is not the company's own hotline, and that every expected phone and
email can be found in what the customer wrote. It prints the counts per
language, business and class. It never runs the product.

    python tests/data/heldout/check.py [path/to/conversations.jsonl]
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import phonenumbers

ASKED = {None, "name", "phone", "email", "contact", "budget", "location", "timeline", "need", "area"}
EXPECTED_KEYS = {
    "name", "phone", "phone_unverified", "email", "need",
    "budget_min", "budget_max", "budget_currency", "budget_period", "budget_text",
    "location", "area_m2", "timeline",
}
TOP_KEYS = {"id", "lang", "business", "turns", "expected", "classes"}
BUSINESS_KEYS = {"company_name", "phone_region", "currency", "company_phone", "offerings"}
OFFERING_KEYS = {"name", "keywords", "price", "currency"}
EMAIL = re.compile(r"^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
ID = re.compile(r"^ho-(ru|en)-[a-z]+-\d{2}$")
# Words that spell digits, for phones the customer dictated instead of typing.
DIGIT_WORDS = re.compile(
    r"\b(ноль|один|два|три|четыре|пять|шесть|семь|восемь|девять|десять|двадцать|тридцать|сорок|"
    r"пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто|сто|двести|триста|девятьсот|"
    r"zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)\b",
    re.IGNORECASE,
)
CLASSES = {
    "name-beside-contact", "name-signature", "name-ask-for", "name-its", "name-latin-in-ru",
    "name-cyrillic-in-en", "name-translit", "name-bare-two-word", "name-bare", "name-other-person",
    "phone-split", "phone-words", "phone-00", "phone-national-us", "phone-national-gb",
    "phone-national-de", "phone-foreign-no-code", "phone-plus-code", "phone-unverified",
    "company-phone-quoted", "email-obfuscated", "nonbudget-numbers", "budget-range",
    "budget-correction", "budget-currency-words", "budget-monthly", "place-small-town",
    "place-foreign-city", "place-district", "place-bare-answer", "place-passed-through",
    "timeline", "ru-with-email", "ru-with-translit", "few-fields", "correction", "voice-typed",
}


def fail(line_no, conversation_id, message):
    raise SystemExit(f"line {line_no} ({conversation_id}): {message}")


def e164(raw, region):
    return phonenumbers.format_number(phonenumbers.parse(raw, region), phonenumbers.PhoneNumberFormat.E164)


def check_business(line_no, cid, business):
    if set(business) != BUSINESS_KEYS:
        fail(line_no, cid, f"business keys {sorted(business)}")
    region = business["phone_region"]
    if region not in phonenumbers.SUPPORTED_REGIONS:
        fail(line_no, cid, f"unknown phone_region {region}")
    if not CURRENCY.match(business["currency"]):
        fail(line_no, cid, "business currency is not ISO 4217")
    if business["company_phone"] is not None:
        parsed = phonenumbers.parse(business["company_phone"], region)
        if not phonenumbers.is_valid_number(parsed):
            fail(line_no, cid, "company_phone is not valid")
    if not business["offerings"]:
        fail(line_no, cid, "no offerings")
    for offering in business["offerings"]:
        if set(offering) != OFFERING_KEYS or not offering["keywords"]:
            fail(line_no, cid, f"bad offering {offering}")
        if not isinstance(offering["price"], (int, float)) or not CURRENCY.match(offering["currency"]):
            fail(line_no, cid, f"bad offering price {offering}")


def check_phone(line_no, cid, expected, business, text):
    phone = expected["phone"]
    if not isinstance(expected["phone_unverified"], bool):
        fail(line_no, cid, "phone_unverified must be true or false")
    if phone is None:
        if expected["phone_unverified"]:
            fail(line_no, cid, "phone_unverified without a phone")
        return
    if not re.fullmatch(r"\+[1-9]\d{6,14}", phone):
        fail(line_no, cid, f"phone {phone} is not E.164")
    parsed = phonenumbers.parse(phone)
    if expected["phone_unverified"]:
        if phonenumbers.is_valid_number(parsed) or not phonenumbers.is_possible_number(parsed):
            fail(line_no, cid, f"unverified phone {phone} must be possible but not valid")
    elif not phonenumbers.is_valid_number(parsed):
        fail(line_no, cid, f"phone {phone} is not valid")
    if business["company_phone"] and phone == e164(business["company_phone"], business["phone_region"]):
        fail(line_no, cid, "expected phone is the company's own")
    national = str(parsed.national_number)
    if national not in re.sub(r"\D", "", text) and not DIGIT_WORDS.search(text):
        fail(line_no, cid, f"digits of {phone} are not in the customer's messages")


def check_budget(line_no, cid, expected):
    low, high = expected["budget_min"], expected["budget_max"]
    for value in (low, high):
        if value is not None and (not isinstance(value, (int, float)) or value <= 0):
            fail(line_no, cid, f"bad budget figure {value}")
    given = low is not None or high is not None
    if low is not None and high is not None and low > high:
        fail(line_no, cid, "budget_min above budget_max")
    if given != (expected["budget_currency"] is not None):
        fail(line_no, cid, "budget_currency must be set exactly when a figure is")
    if given and not CURRENCY.match(expected["budget_currency"]):
        fail(line_no, cid, "budget_currency is not ISO 4217")
    if expected["budget_period"] not in ({"total", "month"} if given else {None}):
        fail(line_no, cid, "budget_period must be total/month with a figure, else null")
    if given != (expected["budget_text"] is not None):
        fail(line_no, cid, "budget_text must be set exactly when a figure is")


def check_line(line_no, raw):
    conversation = json.loads(raw)
    cid = conversation.get("id")
    if set(conversation) != TOP_KEYS:
        fail(line_no, cid, f"top-level keys {sorted(conversation)}")
    if not ID.match(cid) or cid.split("-")[1] != conversation["lang"]:
        fail(line_no, cid, "id must read ho-<lang>-<business>-NN")
    check_business(line_no, cid, conversation["business"])
    turns = conversation["turns"]
    if not 3 <= len(turns) <= 8:
        fail(line_no, cid, f"{len(turns)} customer messages")
    for turn in turns:
        if set(turn) != {"text", "asked"} or not turn["text"].strip() or turn["asked"] not in ASKED:
            fail(line_no, cid, f"bad turn {turn}")
    if turns[0]["asked"] is not None:
        fail(line_no, cid, "the first message answers no question")
    expected = conversation["expected"]
    if set(expected) != EXPECTED_KEYS:
        fail(line_no, cid, f"expected keys {sorted(expected)}")
    text = "\n".join(turn["text"] for turn in turns)
    check_phone(line_no, cid, expected, conversation["business"], text)
    if expected["email"] is not None:
        if not EMAIL.match(expected["email"]):
            fail(line_no, cid, f"email {expected['email']} is not a plain lower-case address")
        # Obfuscated addresses spell the dots out ("irina dot koval"), so look for the pieces.
        pieces = re.split(r"[^a-z0-9]+", expected["email"].split("@")[0])
        if not all(piece in text.lower() for piece in pieces if piece):
            fail(line_no, cid, "the email's local part is not in the customer's messages")
    check_budget(line_no, cid, expected)
    for key in ("name", "need", "location", "timeline"):
        value = expected[key]
        if value is not None and (not isinstance(value, str) or not value.strip()):
            fail(line_no, cid, f"{key} must be a non-empty string or null")
    area = expected["area_m2"]
    if area is not None and (not isinstance(area, (int, float)) or area <= 0):
        fail(line_no, cid, "area_m2 must be a positive number or null")
    unknown = set(conversation["classes"]) - CLASSES
    if unknown:
        fail(line_no, cid, f"unknown classes {sorted(unknown)}")
    return conversation


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("conversations.jsonl")
    conversations = [
        check_line(line_no, raw)
        for line_no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if raw.strip()
    ]
    ids = Counter(c["id"] for c in conversations)
    duplicated = [cid for cid, count in ids.items() if count > 1]
    if duplicated:
        raise SystemExit(f"duplicated ids: {duplicated}")
    print(f"{len(conversations)} conversations, all well-formed")
    print("languages:", dict(Counter(c["lang"] for c in conversations)))
    print("businesses:", dict(sorted(Counter(c["id"].split("-")[2] for c in conversations).items())))
    classes = Counter(name for c in conversations for name in c["classes"])
    print("classes:", dict(sorted(classes.items())))
    for lang in ("ru", "en"):
        per_lang = Counter(name for c in conversations if c["lang"] == lang for name in c["classes"])
        print(f"classes ({lang}):", dict(sorted(per_lang.items())))


if __name__ == "__main__":
    main()
