"""Scoring the offline engine against labelled conversations: the development set in
tests/data/conversations.jsonl, or any other set in the same format (a .jsonl file, or a folder of
them, such as a held-out set).

Two readings of each conversation:
- per message (`evaluate`): each customer message through `extract_lead` with the field the bot
  had asked for as labelled, the customer's earlier messages and the lead so far; contacts kept
  only if written; later statements overriding earlier ones.
- through the brain (`evaluate(..., through_brain=True)`): the customer's messages replayed
  through the offline brain turn by turn, the way `POST /chat` reads a conversation: what was
  asked is whatever the brain itself asked, and the lead is what the pipeline would store.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from salesbot.brain.offline import OfflineBrain
from salesbot.extract import extract_lead
from salesbot.lead import merge, stated_contacts_only
from salesbot.models import BotSettings, Conversation, LeadData, Stage, Turn
from salesbot.sanitize import clean_text

DATASET = Path(__file__).resolve().parents[1] / "data" / "conversations.jsonl"
FIELDS = ("name", "phone", "email", "need", "budget", "budget_min", "budget_max", "budget_period", "location", "timeline",
          "area_m2")
# Labelled only in the newer conversations: scored where the label is present.
OPTIONAL = ("budget_min", "budget_max", "budget_period")
CONTACTS = ("phone", "email")


@dataclass
class FieldScore:
    expected: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


@dataclass
class Evaluation:
    fields: dict[str, FieldScore] = field(default_factory=lambda: {name: FieldScore() for name in FIELDS})
    invented_contacts: list[str] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)
    seconds_per_message: list[float] = field(default_factory=list)
    conversations: int = 0


def load(path: Path = DATASET) -> list[dict[str, Any]]:
    """The conversations of a .jsonl file, or of every .jsonl file in a folder (in name order)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return [json.loads(line) for file in files for line in file.read_text().splitlines() if line.strip()]


def extract_conversation(conversation: dict[str, Any], timings: list[float]) -> LeadData:
    settings = BotSettings.model_validate(conversation["business"])
    lead = LeadData()
    said: list[str] = []
    for turn in conversation["turns"]:
        started = time.perf_counter()
        learned = extract_lead(turn["text"], settings=settings, asked=turn["asked"], earlier=said, known=lead)
        timings.append(time.perf_counter() - started)
        lead = merge(lead, stated_contacts_only(learned, [*said[-1:], turn["text"]]))
        said.append(turn["text"])
    return lead


def replay_through_brain(conversation: dict[str, Any], timings: list[float]) -> LeadData:
    """The lead `POST /chat` would store after the customer's messages, answered by the offline brain."""
    settings = BotSettings.model_validate(conversation["business"])
    brain = OfflineBrain()
    history: list[Turn] = []
    lead, stage = LeadData(), Stage.greeting
    for turn in conversation["turns"]:
        history.append(Turn(role="customer", text=clean_text(turn["text"])))
        started = time.perf_counter()
        answer = brain.respond(Conversation(settings=settings, history=list(history), lead=lead, stage=stage))
        timings.append(time.perf_counter() - started)
        said = [past.text for past in history if past.role == "customer"][-2:]
        lead = merge(lead, stated_contacts_only(answer.lead, said))
        stage = Stage.handed_over if answer.handoff else answer.stage
        history.append(answer.as_turn())
    return lead


def evaluate(conversations: list[dict[str, Any]] | None = None, *, through_brain: bool = False) -> Evaluation:
    result = Evaluation()
    read = replay_through_brain if through_brain else extract_conversation
    for conversation in load() if conversations is None else conversations:
        result.conversations += 1
        lead = read(conversation, result.seconds_per_message)
        got = _values(lead)
        expected = conversation["expected"]
        want = {name: expected.get(name) for name in FIELDS}
        want["budget"] = (
            (Decimal(str(expected["budget_amount"])), expected["budget_currency"])
            if expected.get("budget_amount") is not None else None
        )
        for name in FIELDS:
            if name in OPTIONAL and name not in expected:
                continue
            score = result.fields[name]
            score.expected += want[name] is not None
            score.predicted += got[name] is not None
            if got[name] is not None and want[name] is not None and _same(name, got[name], want[name]):
                score.correct += 1
            elif got[name] != want[name]:
                result.mistakes.append(f"{conversation['id']}: {name} {got[name]!r}, labelled {want[name]!r}")
                if name in CONTACTS and got[name] is not None:
                    result.invented_contacts.append(f"{conversation['id']}: {got[name]}")
    return result


def _values(lead: LeadData) -> dict[str, Any]:
    return {
        "name": lead.name, "phone": lead.phone, "email": lead.email, "need": lead.need,
        "budget": (lead.budget_amount, lead.budget_currency) if lead.budget_amount is not None else None,
        "location": lead.location, "timeline": lead.timeline, "area_m2": lead.details.get("area_m2"),
        "budget_min": lead.budget_min, "budget_max": lead.budget_max,
        # Unsaid is a total: a label of "total" and no period stated are the same reading.
        "budget_period": lead.budget_period if lead.budget_amount is not None and lead.budget_period != "total" else None,
    }


def _same(name: str, got: Any, want: Any) -> bool:
    if name in ("phone", "email", "budget", "budget_period"):
        return got == want
    if name in ("budget_min", "budget_max"):
        return Decimal(str(got)) == Decimal(str(want))
    if name == "area_m2":
        return abs(float(got) - float(want)) < 0.5
    got_text, want_text = str(got).casefold(), str(want).casefold()
    if name in ("name", "need") and name == "name":
        return got_text == want_text
    # Needs, places and timing are phrases: the same phrase, or one inside the other, is a match.
    return got_text == want_text or got_text in want_text or want_text in got_text
