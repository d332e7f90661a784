"""A lead rebuilt from a stored conversation is the lead the chat stored: one reading of each message.

Through `POST /chat` and `POST /extract_leads` in tests/test_chat.py; here over every conversation of
the development set, answered turn by turn by the offline brain as the pipeline answers them."""

from __future__ import annotations

from salesbot.brain.offline import OfflineBrain
from salesbot.lead import merge, storable
from salesbot.lead_rebuild import extract_conversation
from salesbot.models import Conversation, LeadData, Stage, Turn
from salesbot.sanitize import clean_text
from tests.support.businesses import legacy_settings
from tests.support.labelled import DATASET, load


def test_the_rebuilt_lead_of_each_development_conversation_is_the_one_the_chat_stored():
    brain = OfflineBrain()
    differing = []
    for labelled in load(DATASET):
        settings = legacy_settings(labelled["business"])
        history: list[Turn] = []
        lead, stage = LeadData(), Stage.greeting
        for turn in labelled["turns"]:
            history.append(Turn(role="customer", text=clean_text(turn["text"])))
            answer = brain.respond(Conversation(settings=settings, history=list(history), lead=lead, stage=stage))
            lead = merge(lead, storable(answer.lead, [past.text for past in history if past.role == "customer"][-2:]))
            stage = Stage.handed_over if answer.handoff else answer.stage
            history.append(answer.as_turn())
            if answer.handoff:
                break  # a person's from here: tests/test_chat.py reads what is written to one
        if extract_conversation(Conversation(settings=settings, history=history, stage=stage)) != lead:
            differing.append(labelled["id"])
    assert differing == []
