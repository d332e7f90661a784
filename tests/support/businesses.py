"""The labelled data sets' businesses as settings documents.

- `tests/data/settings_qa/businesses/*.json` (also read by the dialogues) are neutral "facts"
  written by an independent author; a settings document is the same shape, with the company's
  language among the persona's languages and no file id. `settings_document` is that whole
  conversion.
- The extraction sets (`tests/data/conversations.jsonl`, `tests/data/heldout/`) describe a
  business in the older, smaller shape (one price a line, keywords, the company's phone as
  written); `legacy_settings` reads it.
Neither data set is edited: the labels stay their authors'.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import phonenumbers

from salesbot.models import BotSettings

SETTINGS_QA = Path(__file__).resolve().parents[1] / "data" / "settings_qa"


def settings_document(facts: dict[str, Any]) -> dict[str, Any]:
    """A settings-QA business as the settings document it describes."""
    document = {key: value for key, value in facts.items() if key not in ("id", "language", "persona")}
    # The company's language first; a customer writing another gets an answer in theirs.
    document["persona"] = {**facts["persona"], "languages": [facts["language"], "auto"]}
    return document


@cache
def business_facts() -> dict[str, dict[str, Any]]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((SETTINGS_QA / "businesses").glob("*.json"))}


@cache
def business_settings(business_id: str) -> BotSettings:
    """The business's settings, read once (the chat keeps them per revision too); not to be changed in place."""
    return BotSettings.model_validate(settings_document(business_facts()[business_id]))


def questions() -> list[dict[str, Any]]:
    lines = (SETTINGS_QA / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _price(amount: float | None, currency: str | None) -> dict[str, Any]:
    """A labelled offering's price: none given is on request, 0 is a free service (a trade-in appraisal)."""
    if amount is None:
        return {"kind": "on_request"}
    return {"kind": "exact", "amount": amount, "currency": currency} if amount else {"kind": "free"}


def legacy_document(business: dict[str, Any]) -> dict[str, Any]:
    """An extraction set's business as a settings document: offerings with one price (exact, free or on
    request) and keywords, the company's phones (its `company_phones` and hotline `company_phone`, as
    written; two at most) as its contacts."""
    region = business.get("phone_region") or "RU"
    written = [*business.get("company_phones", []), *filter(None, [business.get("company_phone")])]
    phones = [phonenumbers.format_number(phonenumbers.parse(phone, region), phonenumbers.PhoneNumberFormat.E164)
              for phone in written]
    offerings = [{"name": offering["name"], "synonyms": offering.get("keywords", []),
                  "price": _price(offering.get("price"), offering.get("currency"))}
                 for offering in business.get("offerings", [])]
    return {
        "company_name": business.get("company_name", ""),
        "phone_region": region,
        "contacts": dict(zip(("phone", "whatsapp"), dict.fromkeys(phones), strict=False)),
        "offerings": offerings,
    }


def legacy_settings(business: dict[str, Any]) -> BotSettings:
    """An extraction set's business as the settings the brain reads."""
    return BotSettings.model_validate(legacy_document(business))
