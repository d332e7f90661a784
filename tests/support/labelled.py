"""Scoring the offline engine against labelled conversations: the development set in
tests/data/conversations.jsonl, or any other set in the same format (a .jsonl file, or a folder of
them, such as the held-out set in tests/data/heldout/, whose README holds the label rules).

Readings of each conversation (`evaluate(..., read=...)`):
- per message (`extract_conversation`, the default): each customer message through `extract_lead`
  with the field the bot had asked for as labelled, the customer's earlier messages and the lead so
  far; contacts kept only if written; later statements overriding earlier ones.
- through the brain (`replay_through_brain`): the customer's messages replayed through the offline
  brain turn by turn, the way `POST /chat` reads a conversation: what was asked is whatever the
  brain itself asked, and the lead is what the pipeline would store.
- through the product itself: `bench.extraction --through-chat` posts them to `POST /chat` of
  `salesbot dev`, as a held-out set from outside is checked.

The budget is scored as the labels state it: a single figure ("около 300 тыс", "бюджет 350 тыс") is
both its bounds, "до X" has only an upper one, a range has both; no period named is a total; no
currency named is the company's. What a conversation got wrong is kept (`mistakes`) for the
development set's bench listing only: a held-out set is read in aggregate, per field and per class.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from salesbot.brain.offline import OfflineBrain
from salesbot.extract import extract_lead
from salesbot.lead import PHONE_UNVERIFIED, merge, storable
from salesbot.models import Conversation, LeadData, Stage, Turn
from salesbot.sanitize import clean_text
from tests.support.businesses import legacy_settings

DATASET = Path(__file__).resolve().parents[1] / "data" / "conversations.jsonl"
BUDGET_FIELDS = ("budget", "budget_min", "budget_max", "budget_currency", "budget_period")
FIELDS = ("name", "phone", "phone_unverified", "email", "need", *BUDGET_FIELDS, "location", "timeline", "area_m2")
# Labelled only in some conversations of the development set: scored where the label is present.
OPTIONAL = ("budget_min", "budget_max", "budget_period", "phone_unverified")
CONTACTS = ("phone", "email")
# The fields each kind of conversation (its `classes` tags) is about; a tag not listed here
# ("few-fields", "correction", "voice-typed", "ru-with-email"...) is about every field.
CLASS_FIELDS = (
    ("name-", ("name",)),
    ("phone-", ("phone", "phone_unverified")),
    ("company-phone-", ("phone",)),
    ("email-", ("email",)),
    ("budget-", BUDGET_FIELDS),
    ("nonbudget-", BUDGET_FIELDS),
    ("place-", ("location",)),
    ("timeline", ("timeline",)),
)


@dataclass
class FieldScore:
    """One field over a set: how often it was labelled, predicted, right, and predicted where nothing was given."""

    expected: int = 0
    predicted: int = 0
    correct: int = 0
    unlabelled: int = 0  # conversations where the customer gave no value
    invented: int = 0  # ... and the engine found one all the same

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def false_positive_rate(self) -> float:
        return self.invented / self.unlabelled if self.unlabelled else 0.0

    def add(self, got: Any, want: Any, right: bool) -> None:
        self.expected += want is not None
        self.predicted += got is not None
        self.correct += right
        self.unlabelled += want is None
        self.invented += want is None and got is not None


@dataclass
class Evaluation:
    fields: dict[str, FieldScore] = field(default_factory=lambda: {name: FieldScore() for name in FIELDS})
    classes: dict[str, FieldScore] = field(default_factory=dict)  # a tag's fields over its conversations
    class_conversations: dict[str, int] = field(default_factory=dict)
    wrong_contacts: int = 0  # a phone or email stored that is not the customer's (invented, quoted, misread)
    mistakes: list[str] = field(default_factory=list)
    seconds_per_message: list[float] = field(default_factory=list)
    conversations: int = 0


def load(path: Path = DATASET) -> list[dict[str, Any]]:
    """The conversations of a .jsonl file, or of every .jsonl file in a folder (in name order)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return [json.loads(line) for file in files for line in file.read_text().splitlines() if line.strip()]


def extract_conversation(conversation: dict[str, Any], timings: list[float]) -> LeadData:
    settings = legacy_settings(conversation["business"])
    lead = LeadData()
    said: list[str] = []
    for turn in conversation["turns"]:
        started = time.perf_counter()
        learned = extract_lead(turn["text"], settings=settings, asked=turn["asked"], earlier=said, known=lead)
        timings.append(time.perf_counter() - started)
        lead = merge(lead, storable(learned, [*said[-1:], turn["text"]]))
        said.append(turn["text"])
    return lead


def replay_through_brain(conversation: dict[str, Any], timings: list[float]) -> LeadData:
    """The lead `POST /chat` would store after the customer's messages, answered by the offline brain."""
    settings = legacy_settings(conversation["business"])
    brain = OfflineBrain()
    history: list[Turn] = []
    lead, stage = LeadData(), Stage.greeting
    for turn in conversation["turns"]:
        history.append(Turn(role="customer", text=clean_text(turn["text"])))
        started = time.perf_counter()
        answer = brain.respond(Conversation(settings=settings, history=list(history), lead=lead, stage=stage))
        timings.append(time.perf_counter() - started)
        said = [past.text for past in history if past.role == "customer"][-2:]
        lead = merge(lead, storable(answer.lead, said))
        stage = Stage.handed_over if answer.handoff else answer.stage
        history.append(answer.as_turn())
    return lead


Reader = Callable[[dict[str, Any], list[float]], LeadData]
"""How a conversation is read into a lead (appending each message's seconds to the list)."""


def evaluate(conversations: list[dict[str, Any]] | None = None, *, read: Reader = extract_conversation) -> Evaluation:
    result = Evaluation()
    for conversation in load() if conversations is None else conversations:
        result.conversations += 1
        got = _values(read(conversation, result.seconds_per_message))
        want = _labels(conversation["expected"])
        rights: dict[str, bool] = {}
        for name in FIELDS:
            if name not in want:
                continue
            rights[name] = got[name] is not None and want[name] is not None and _same(name, got[name], want[name])
            result.fields[name].add(got[name], want[name], rights[name])
            if not rights[name] and got[name] != want[name]:
                result.mistakes.append(f"{conversation['id']}: {name} {got[name]!r}, labelled {want[name]!r}")
                result.wrong_contacts += name in CONTACTS and got[name] is not None
        for tag in conversation.get("classes", ()):
            result.class_conversations[tag] = result.class_conversations.get(tag, 0) + 1
            score = result.classes.setdefault(tag, FieldScore())
            for name in _fields_of(tag):
                if name in rights:
                    score.add(got[name], want[name], rights[name])
    return result


def _fields_of(tag: str) -> Iterable[str]:
    for prefix, names in CLASS_FIELDS:
        if tag.startswith(prefix):
            return names
    return FIELDS


def _labels(expected: dict[str, Any]) -> dict[str, Any]:
    """The scored values of a label, in either labelling of the budget: the held-out one (min, max,
    currency, period) or the older one of the development set (`budget_amount`, the figure a manager
    qualifies on: the upper bound, or the only one)."""
    want = {name: expected[name] for name in FIELDS if name in expected}
    low, high = expected.get("budget_min"), expected.get("budget_max")
    amount = expected.get("budget_amount", high if high is not None else low)
    want["budget"] = (Decimal(str(amount)), expected["budget_currency"]) if amount is not None else None
    want["budget_currency"] = expected.get("budget_currency")
    if "phone_unverified" in want:
        want["phone_unverified"] = want["phone_unverified"] or None  # a flag: only "set" is a value
    return want


def _values(lead: LeadData) -> dict[str, Any]:
    """A lead read the way the labels are written."""
    amount = lead.budget_amount
    low, high = lead.budget_min, lead.budget_max
    if amount is not None and low is None and high is None:
        low = high = amount  # one figure without "до" or "от" is both bounds
    return {
        "name": lead.name, "phone": lead.phone, "email": lead.email, "need": lead.need,
        "phone_unverified": True if lead.phone and lead.details.get(PHONE_UNVERIFIED) else None,
        "budget": (amount, lead.budget_currency) if amount is not None else None,
        "budget_min": low, "budget_max": high,
        "budget_currency": lead.budget_currency if amount is not None else None,
        "budget_period": (lead.budget_period or "total") if amount is not None else None,
        "location": lead.location, "timeline": lead.timeline, "area_m2": lead.details.get("area_m2"),
    }


def _same(name: str, got: Any, want: Any) -> bool:
    if name in ("phone", "email", "budget", "budget_currency", "budget_period", "phone_unverified"):
        return bool(got == want)
    if name in ("budget_min", "budget_max"):
        return Decimal(str(got)) == Decimal(str(want))
    if name == "area_m2":
        return abs(float(got) - float(want)) < 0.5
    got_text, want_text = str(got).casefold(), str(want).casefold()
    if name == "name":
        return got_text == want_text
    # Needs, places and timing are phrases: the same phrase, or one inside the other, is a match.
    return got_text == want_text or got_text in want_text or want_text in got_text
