"""Scoring where the offline engine's answers come from, against tests/data/settings_qa.

Each labelled question is the first customer message of a conversation with that business's bot,
through the real offline brain; the reply records what of the settings it answered from
(`BrainReply.answered_from`), which must be the label's source: the FAQ entry, the offering, the
thing the company does not do, the hours, the contact channel, or "a manager will confirm".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from salesbot.brain.offline import OfflineBrain
from salesbot.models import Conversation, Turn
from tests.support.businesses import business_settings, questions


@dataclass
class SourceReport:
    questions: int = 0
    wrong: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.wrong)} of {self.questions} questions answered from the wrong source"


def score() -> SourceReport:
    brain = OfflineBrain()
    report = SourceReport()
    for question in questions():
        settings = business_settings(question["business"])
        reply = brain.respond(Conversation(settings=settings, history=[Turn(role="customer", text=question["text"])]))
        got = [source.model_dump(exclude_none=True) for source in reply.answered_from]
        report.questions += 1
        if got[:1] != [question["expected"]]:
            report.wrong.append(f"{question['business']}: {question['text']!r}: expected {question['expected']}, "
                                f"answered from {got or 'nothing'}: {reply.reply!r}")
    return report
