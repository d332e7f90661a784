"""Checks the shape of the settings-QA data set: the businesses and the labelled questions.

The data set is written by hand, so a typo in a FAQ id or an offering name would silently turn a
question into one nobody can answer right. This script refuses that before anyone scores against
it. Standard library only, so it runs anywhere: `python3 tests/data/settings_qa/check.py`.
The dialogues' check imports `load_businesses` and `reference_errors` from here.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from jsonl import read_lines

HERE = Path(__file__).resolve().parent
BUSINESSES = HERE / "businesses"
QUESTIONS = HERE / "questions.jsonl"

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
E164 = re.compile(r"^\+[1-9]\d{7,14}$")
HOURS_SPAN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
BUSINESS_KEYS = {"id", "company_name", "language", "persona", "description", "internal_notes",
                 "hours", "contacts", "offerings", "not_offered", "faq"}
CONTACT_FIELDS = {"phone", "address", "whatsapp", "email"}
PRICE_AMOUNTS = {"exact": {"amount"}, "from": {"amount"}, "range": {"min", "max"}, "free": set(), "on_request": set()}
SOURCES = {"faq", "offering", "not_offered", "manager", "hours", "contacts"}
MIN_QUESTIONS, MIN_PER_MAIN_BUSINESS = 80, 30
MAIN_BUSINESSES = ("kitchen_moscow", "dental_london")


def is_text(value: object) -> bool:
    """Non-empty text without surrounding spaces: what every label and name must be."""
    return isinstance(value, str) and value.strip() == value and value != ""


def _strings(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(is_text(v) for v in value)


def _price_errors(where: str, price: object) -> list[str]:
    if not isinstance(price, dict) or price.get("kind") not in PRICE_AMOUNTS:
        return [f"{where}: price.kind must be one of {sorted(PRICE_AMOUNTS)}"]
    amounts = PRICE_AMOUNTS[price["kind"]]
    if set(price) - {"kind", "currency", "unit"} != amounts:
        return [f"{where}: a {price['kind']!r} price takes {sorted(amounts)} besides kind, currency, unit"]
    errors = []
    if not CURRENCY.match(str(price.get("currency", ""))):
        errors.append(f"{where}: currency must be an ISO 4217 code")
    if "unit" in price and not is_text(price["unit"]):
        errors.append(f"{where}: unit must be a non-empty string")
    errors += [f"{where}: {key} must be a positive whole amount" for key in amounts
               if type(price.get(key)) is not int or price[key] <= 0]
    if price["kind"] == "range" and not errors and price["min"] >= price["max"]:
        errors.append(f"{where}: range min must be below max")
    return errors


def business_errors(path: Path, business: object) -> list[str]:
    """Every way one business file departs from the neutral facts shape."""
    where = path.name
    if not isinstance(business, dict) or set(business) != BUSINESS_KEYS:
        got = sorted(business) if isinstance(business, dict) else type(business).__name__
        return [f"{where}: keys must be exactly {sorted(BUSINESS_KEYS)}, got {got}"]
    errors = []
    if business["id"] != path.stem:
        errors.append(f"{where}: id must equal the file name")
    if business["language"] not in ("ru", "en"):
        errors.append(f"{where}: language must be ru or en")
    persona = business["persona"]
    if not (isinstance(persona, dict) and set(persona) == {"name", "gender", "formal"}
            and is_text(persona["name"]) and persona["gender"] in ("female", "male")
            and isinstance(persona["formal"], bool)):
        errors.append(f"{where}: persona must be {{name, gender: female|male, formal: bool}}")
    errors += [f"{where}: {key} must be non-empty text" for key in ("company_name", "description", "internal_notes")
               if not is_text(business[key])]
    hours = business["hours"]
    if not isinstance(hours, dict) or set(hours) != {"time_zone", *DAYS}:
        errors.append(f"{where}: hours must hold time_zone and {', '.join(DAYS)}")
    else:
        try:
            ZoneInfo(hours["time_zone"])
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            errors.append(f"{where}: hours.time_zone is not an IANA zone")
        errors += [f"{where}: hours.{day} must be HH:MM-HH:MM or null"
                   for day in DAYS if hours[day] is not None and not HOURS_SPAN.match(str(hours[day]))]
    contacts = business["contacts"]
    if not (isinstance(contacts, dict) and {"phone", "address"} <= set(contacts) <= CONTACT_FIELDS):
        errors.append(f"{where}: contacts must hold phone and address, and only {sorted(CONTACT_FIELDS)}")
    else:
        errors += [f"{where}: contacts.{key} must be E.164" for key in ("phone", "whatsapp")
                   if key in contacts and not E164.match(contacts[key])]
    names = Counter()
    for index, offering in enumerate(business["offerings"]):
        at = f"{where}: offerings[{index}]"
        if not isinstance(offering, dict) or set(offering) != {"name", "description", "price", "includes", "synonyms"}:
            errors.append(f"{at}: keys must be name, description, price, includes, synonyms")
            continue
        names[offering["name"]] += 1
        if not (is_text(offering["name"]) and is_text(offering["description"])):
            errors.append(f"{at}: name and description must be non-empty text")
        if not (_strings(offering["includes"]) and _strings(offering["synonyms"])):
            errors.append(f"{at}: includes and synonyms must be non-empty lists of text")
        errors += _price_errors(at, offering["price"])
    errors += [f"{where}: offering {name!r} appears {n} times" for name, n in names.items() if n > 1]
    if not _strings(business["not_offered"]):
        errors.append(f"{where}: not_offered must be a non-empty list of text")
    ids = Counter()
    for index, entry in enumerate(business["faq"]):
        at = f"{where}: faq[{index}]"
        if not isinstance(entry, dict) or set(entry) != {"id", "question", "answer", "phrases"}:
            errors.append(f"{at}: keys must be id, question, answer, phrases")
            continue
        ids[entry["id"]] += 1
        if not (re.match(r"^[a-z][a-z0-9_]*$", str(entry["id"])) and is_text(entry["question"])
                and is_text(entry["answer"]) and _strings(entry["phrases"])):
            errors.append(f"{at}: needs a snake_case id, question, answer and phrases")
    errors += [f"{where}: faq id {faq_id!r} appears {n} times" for faq_id, n in ids.items() if n > 1]
    return errors


def load_businesses() -> tuple[dict[str, dict], list[str]]:
    """The businesses by id, and every shape error found in their files."""
    businesses, errors = {}, []
    for path in sorted(BUSINESSES.glob("*.json")):
        try:
            business = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            errors.append(f"{path.name}: not JSON: {error}")
            continue
        found = business_errors(path, business)
        errors += found
        if not found:
            businesses[business["id"]] = business
    return businesses, errors


def reference_errors(where: str, reference: object, business: dict, *, dialogue: bool) -> list[str]:
    """Whether an expected answer names something the business's settings really hold.

    In the dialogues an offering reference also says what about it is asked, and a manager
    reference names its topic; in the questions neither is needed.
    """
    if not isinstance(reference, dict) or reference.get("source") not in SOURCES:
        return [f"{where}: source must be one of {sorted(SOURCES)}"]
    source = reference["source"]
    keys = {
        "faq": {"id"},
        "offering": {"name", "about"} if dialogue else {"name"},
        "not_offered": {"item"},
        "manager": {"topic"} if dialogue else set(),
        "hours": set(),
        "contacts": {"field"},
    }[source]
    if set(reference) != {"source", *keys}:
        return [f"{where}: a {source} reference takes exactly {sorted(keys)}"]
    found = {
        "faq": lambda: reference["id"] in {entry["id"] for entry in business["faq"]},
        "offering": lambda: reference["name"] in {o["name"] for o in business["offerings"]}
        and (not dialogue or reference["about"] in ("price", "includes", "exists")),
        "not_offered": lambda: reference["item"] in business["not_offered"],
        "manager": lambda: not dialogue or is_text(reference["topic"]),
        "hours": lambda: True,
        "contacts": lambda: reference["field"] in business["contacts"],
    }[source]()
    return [] if found else [f"{where}: {reference} is not in {business['id']}'s settings"]


def question_errors(businesses: dict[str, dict]) -> tuple[list[dict], list[str]]:
    lines, errors = read_lines(QUESTIONS)
    questions, seen = [], set()
    for where, row in lines:
        if not isinstance(row, dict) or set(row) != {"business", "text", "expected"}:
            errors.append(f"{where}: keys must be exactly business, text, expected")
            continue
        if row["business"] not in businesses:
            if not (BUSINESSES / f"{row['business']}.json").exists():  # else its file's errors are reported
                errors.append(f"{where}: unknown business {row['business']!r}")
            continue
        if not is_text(row["text"]):
            errors.append(f"{where}: text must be non-empty, without surrounding spaces")
        key = (row["business"], row["text"].casefold())
        if key in seen:
            errors.append(f"{where}: the same question twice")
        seen.add(key)
        errors += reference_errors(where, row["expected"], businesses[row["business"]], dialogue=False)
        questions.append(row)
    return questions, errors


def main() -> int:
    businesses, errors = load_businesses()
    questions, found = question_errors(businesses)
    errors += found
    per_business = Counter(q["business"] for q in questions)
    if len(questions) < MIN_QUESTIONS:
        errors.append(f"{len(questions)} questions, at least {MIN_QUESTIONS} wanted")
    errors += [f"{business}: {per_business[business]} questions, at least {MIN_PER_MAIN_BUSINESS} wanted"
               for business in MAIN_BUSINESSES if per_business[business] < MIN_PER_MAIN_BUSINESS]
    print(f"{len(businesses)} businesses, {len(questions)} questions")
    for business, count in sorted(per_business.items()):
        sources = Counter(q["expected"]["source"] for q in questions if q["business"] == business)
        print(f"  {business}: {count}  " + ", ".join(f"{s} {n}" for s, n in sorted(sources.items())))
    for error in errors:
        print("ERROR", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
