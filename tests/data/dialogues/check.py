"""Checks the shape of the scripted dialogues and that every expectation names real settings.

A dialogue's expectations point into a business of ../settings_qa/businesses (FAQ ids, offering
names, not-offered items); a misspelt one would make a correct bot look wrong, so this script
refuses it, reusing the settings-QA check's loader and reference rules. It also holds the set to
what it promises to cover (every hand-off reason, every must-not label, language switches,
refused contacts) and keeps each dialogue consistent with itself: the final need is the last need
a turn set, and a refusal to give contacts holds to the end of the conversation.
Standard library only: `python3 tests/data/dialogues/check.py`.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from jsonl import read_lines
from settings_qa import check as settings_qa

DIALOGUES = Path(__file__).resolve().parent / "dialogues.jsonl"

TURNS = (3, 7)
EXPECT_KEYS = {"answers", "handoff", "urgent", "need", "no_contact_pressure", "must_not", "reply_lang"}
HANDOFFS = ("human_request", "post_sale", "urgent")
MUST_NOT = ("sales_pitch", "ask_contact", "ask_need", "second_greeting", "quote_internal_notes",
            "store_question_as_need")
FINAL_KEYS = {"need", "name", "phone", "email", "budget", "location", "timeline"}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
UNCHANGED = "unchanged"
MIN_DIALOGUES, MIN_BUSINESSES = 45, 3


def expect_errors(where: str, expect: object, business: dict) -> list[str]:
    if not isinstance(expect, dict) or not set(expect) <= EXPECT_KEYS:
        return [f"{where}: expect keys must be among {sorted(EXPECT_KEYS)}"]
    errors = []
    answers = expect.get("answers", [])
    if not isinstance(answers, list):
        errors.append(f"{where}: answers must be a list")
    else:
        for index, reference in enumerate(answers):
            errors += settings_qa.reference_errors(f"{where}.answers[{index}]", reference, business, dialogue=True)
    if "handoff" in expect and expect["handoff"] not in (*HANDOFFS, None):
        errors.append(f"{where}: handoff must be one of {HANDOFFS} or null")
    for flag in ("urgent", "no_contact_pressure"):
        if flag in expect and expect[flag] is not True:
            errors.append(f"{where}: {flag} is either true or left out")
    if "need" in expect and expect["need"] is not None and not settings_qa.is_text(expect["need"]):
        errors.append(f"{where}: need must be an offering name, a phrase, 'unchanged' or null")
    must_not = expect.get("must_not", [])
    if not isinstance(must_not, list) or not set(must_not) <= set(MUST_NOT) or len(set(must_not)) != len(must_not):
        errors.append(f"{where}: must_not must list distinct labels from {MUST_NOT}")
    if expect.get("no_contact_pressure") and "ask_contact" not in must_not:
        errors.append(f"{where}: no_contact_pressure goes with must_not ask_contact")
    if "reply_lang" in expect and expect["reply_lang"] not in ("ru", "en"):
        errors.append(f"{where}: reply_lang must be ru or en")
    return errors


def _budget_ok(budget: object) -> bool:
    if not isinstance(budget, dict) or set(budget) != {"min", "max", "currency"}:
        return False
    bounds = [budget[key] for key in ("min", "max") if budget[key] is not None]
    return (bool(settings_qa.CURRENCY.match(str(budget["currency"])))
            and bool(bounds) and all(type(bound) is int and bound > 0 for bound in bounds)
            and bounds == sorted(bounds))


def final_errors(where: str, final: object) -> list[str]:
    if not isinstance(final, dict) or set(final) != FINAL_KEYS:
        return [f"{where}: final keys must be exactly {sorted(FINAL_KEYS)}"]
    errors = [f"{where}.{key}: must be text or null" for key in ("need", "name", "location", "timeline")
              if final[key] is not None and not settings_qa.is_text(final[key])]
    if final["phone"] is not None and not settings_qa.E164.match(str(final["phone"])):
        errors.append(f"{where}.phone: must be E.164")
    if final["email"] is not None and not EMAIL.match(str(final["email"])):
        errors.append(f"{where}.email: not an address")
    budget = final["budget"]
    if budget is not None and not _budget_ok(budget):
        errors.append(f"{where}.budget: null, or {{min, max, currency}} with a positive min and/or max, min <= max")
    return errors


def consistency_errors(where: str, dialogue: dict) -> list[str]:
    """The final need is the last one a turn set; a refusal of contacts lasts to the end."""
    errors, need, refused = [], None, False
    for number, turn in enumerate(dialogue["turns"], 1):
        expect = turn["expect"]
        if expect.get("need", UNCHANGED) != UNCHANGED:
            need = expect["need"]
        if refused and not expect.get("no_contact_pressure"):
            errors.append(f"{where}.turns[{number}]: the customer refused contacts earlier; keep no_contact_pressure")
        refused = refused or bool(expect.get("no_contact_pressure"))
    if need != dialogue["final"]["need"]:
        errors.append(f"{where}: final need {dialogue['final']['need']!r} is not the last need set, {need!r}")
    return errors


def dialogue_errors(where: str, dialogue: object, businesses: dict[str, dict]) -> list[str]:
    if not isinstance(dialogue, dict) or set(dialogue) != {"id", "business", "lang", "turns", "final"}:
        return [f"{where}: keys must be exactly id, business, lang, turns, final"]
    business = businesses.get(dialogue["business"])
    if business is None:
        return [f"{where}: unknown business {dialogue['business']!r}"]
    errors = []
    if not re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", str(dialogue["id"])):
        errors.append(f"{where}: id must be kebab-case")
    if dialogue["lang"] not in ("ru", "en"):
        errors.append(f"{where}: lang must be ru or en")
    turns = dialogue["turns"]
    if not isinstance(turns, list) or not TURNS[0] <= len(turns) <= TURNS[1]:
        return [*errors, f"{where}: {TURNS[0]} to {TURNS[1]} customer turns wanted"]
    for number, turn in enumerate(turns, 1):
        at = f"{where}.turns[{number}]"
        if not isinstance(turn, dict) or set(turn) != {"text", "expect"} or not settings_qa.is_text(turn["text"]):
            errors.append(f"{at}: a turn is {{text, expect}} with non-empty text")
            continue
        errors += expect_errors(at, turn["expect"], business)
    errors += final_errors(f"{where}.final", dialogue["final"])
    if not errors:
        errors += consistency_errors(where, dialogue)
    return errors


def coverage_errors(dialogues: list[dict]) -> list[str]:
    expects = [turn["expect"] for dialogue in dialogues for turn in dialogue["turns"]]
    errors = [f"no turn expects handoff {kind!r}" for kind in HANDOFFS
              if not any(expect.get("handoff") == kind for expect in expects)]
    errors += [f"no turn forbids {label!r}" for label in MUST_NOT
               if not any(label in expect.get("must_not", []) for expect in expects)]
    if not any(expect.get("no_contact_pressure") for expect in expects):
        errors.append("no dialogue where the customer refuses contacts")
    switched = [d["id"] for d in dialogues
                if any(t["expect"].get("reply_lang", d["lang"]) != d["lang"] for t in d["turns"])]
    if not switched:
        errors.append("no dialogue where the customer switches language")
    return errors


def main() -> int:
    businesses, errors = settings_qa.load_businesses()
    lines, found = read_lines(DIALOGUES)
    errors += found
    dialogues, ids = [], Counter()
    for where, dialogue in lines:
        found = dialogue_errors(where, dialogue, businesses)
        errors += found
        if not found:
            dialogues.append(dialogue)
            ids[dialogue["id"]] += 1
    errors += [f"dialogue id {dialogue_id!r} appears {n} times" for dialogue_id, n in ids.items() if n > 1]
    per_business = Counter(d["business"] for d in dialogues)
    if len(dialogues) < MIN_DIALOGUES:
        errors.append(f"{len(dialogues)} dialogues, at least {MIN_DIALOGUES} wanted")
    if len(per_business) < MIN_BUSINESSES:
        errors.append(f"dialogues over {len(per_business)} businesses, at least {MIN_BUSINESSES} wanted")
    errors += coverage_errors(dialogues)

    expects = [turn["expect"] for dialogue in dialogues for turn in dialogue["turns"]]
    print(f"{len(dialogues)} dialogues, {len(expects)} customer turns")
    for business, count in sorted(per_business.items()):
        print(f"  {business}: {count}")
    handoffs = Counter(expect["handoff"] for expect in expects if expect.get("handoff"))
    print("  handoff turns: " + ", ".join(f"{kind} {handoffs[kind]}" for kind in HANDOFFS))
    sources = Counter(answer["source"] for expect in expects for answer in expect.get("answers", []))
    print("  answers expected: " + ", ".join(f"{s} {n}" for s, n in sorted(sources.items())))
    must_not = Counter(label for expect in expects for label in expect.get("must_not", []))
    print("  must_not: " + ", ".join(f"{label} {must_not[label]}" for label in MUST_NOT))
    for error in errors:
        print("ERROR", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
