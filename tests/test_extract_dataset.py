"""The offline engine against the labelled conversations: the goals of the chat issue as a gate."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesbot.extract import extract_lead, find_phones
from salesbot.models import BotSettings, Offering
from tests.support.labelled import DATASET, evaluate, load

GOALS = {"phone": 0.97, "email": 0.97, "name": 0.9, "budget": 0.9}


# The set written beside the engine, and dev3-dev7, each written by an author who never read it.
DEVELOPMENT_SETS = [DATASET, *(DATASET.parent / name for name in ("dev3", "dev4", "dev5", "dev6", "dev7"))]
# Sets never tuned against as a whole, gated field by field as each reaches its figure (one line per set and field).
FIELD_GATES = [
    ("dev8", "phone", 1.0),
    ("dev8", "email", 1.0),
    ("dev9", "phone", 1.0),
    ("dev9", "email", 1.0),
    ("dev8", "budget", 0.95),
    ("dev8", "timeline", 0.95),
    ("dev9", "budget", 0.95),
    ("dev9", "timeline", 0.95),
    ("dev8", "name", 0.98),
    ("dev9", "name", 0.98),
    ("dev8", "location", 0.95),
    ("dev9", "location", 0.95),
    ("dev3", "location", 0.95),
    ("dev4", "location", 0.95),
    ("dev5", "location", 0.95),
    ("dev6", "location", 0.95),
    ("dev7", "location", 0.95),
    ("dev10", "location", 0.9),
    ("dev11", "location", 0.9),
    ("dev12", "location", 0.9),
    ("dev3", "budget", 0.95),
    ("dev3", "timeline", 0.95),
    ("dev4", "budget", 0.95),
    ("dev4", "timeline", 0.95),
    ("dev5", "budget", 0.95),
    ("dev5", "timeline", 0.95),
    ("dev6", "budget", 0.95),
    ("dev6", "timeline", 0.95),
    ("dev7", "budget", 0.95),
    ("dev7", "timeline", 0.95),
    ("dev3", "name", 0.98),
    ("dev3", "phone", 0.98),
    ("dev3", "email", 1.0),
    ("dev4", "name", 0.98),
    ("dev4", "phone", 1.0),
    ("dev4", "email", 1.0),
    ("dev5", "name", 0.98),
    ("dev5", "phone", 1.0),
    ("dev5", "email", 1.0),
    ("dev6", "name", 0.98),
    ("dev6", "phone", 1.0),
    ("dev6", "email", 1.0),
    ("dev7", "name", 0.98),
    ("dev7", "phone", 1.0),
    ("dev7", "email", 1.0),
    ("dev10", "name", 0.98),
    ("dev10", "phone", 1.0),
    ("dev10", "email", 1.0),
    ("dev11", "name", 0.98),
    ("dev11", "phone", 1.0),
    ("dev11", "email", 1.0),
    ("dev13", "name", 0.95),
    ("dev13", "phone", 0.97),
    ("dev13", "email", 1.0),
    ("dev10", "timeline", 0.95),
    ("dev11", "timeline", 0.95),
    ("dev12", "timeline", 0.95),
    ("dev10", "budget", 0.95),
    ("dev11", "budget", 0.95),
    ("dev12", "budget", 0.95),
    ("dev12", "phone", 1.0),
    ("dev12", "email", 1.0),
    ("dev13", "budget", 0.95),
    ("dev13", "timeline", 0.95),
    ("dev13", "location", 0.9),
    ("dev14", "location", 0.95),
    ("dev15", "name", 0.98),
    ("dev15", "phone", 1.0),
    ("dev15", "email", 1.0),
    ("dev14", "name", 1.0),
    ("dev14", "phone", 1.0),
    ("dev14", "email", 1.0),
    ("dev12", "name", 0.98),
    ("dev14", "timeline", 0.95),
    ("dev14", "budget", 0.95),
    ("dev15", "budget", 0.95),
    ("dev15", "timeline", 0.95),
    ("dev15", "location", 0.9),
    ("dev17", "name", 0.98),
    ("dev17", "phone", 0.95),
    ("dev17", "email", 1.0),
    ("dev18", "budget", 0.95),
    ("dev18", "timeline", 0.95),
    ("dev16", "location", 0.95),
    ("dev16", "phone", 0.95),
    ("dev16", "email", 1.0),
]
GATED_SETS = [*DEVELOPMENT_SETS, *sorted({DATASET.parent / name for name, _, _ in FIELD_GATES} - set(DEVELOPMENT_SETS))]


@cache
def _evaluated(path: Path):
    return evaluate(load(path))


@pytest.fixture(scope="module", params=DEVELOPMENT_SETS, ids=lambda path: path.name)
def evaluation(request):
    return _evaluated(request.param)


def test_the_set_is_large_and_varied_enough():
    conversations = load()
    assert len(conversations) >= 70
    assert {c["lang"] for c in conversations} == {"ru", "en"}
    assert len({c["business"]["company_name"] for c in conversations}) >= 8
    assert sum(c["id"].startswith("adv-") for c in conversations) >= 10


def test_every_conversation_has_an_id_of_its_own():
    """A conversation appended twice (a rebase that kept both sides) would count twice in every figure."""
    ids = [c["id"] for c in load()]
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []


@pytest.mark.parametrize("field,goal", GOALS.items())
def test_precision_and_recall_reach_the_goals(evaluation, field, goal):
    score = evaluation.fields[field]
    assert score.precision >= goal and score.recall >= goal, (field, score, evaluation.mistakes)


@pytest.mark.parametrize("path", GATED_SETS, ids=lambda path: path.name)
def test_no_contact_is_invented(path):
    evaluation = _evaluated(path)
    assert evaluation.wrong_contacts == 0, [m for m in evaluation.mistakes if m.split(": ")[1].startswith(("phone", "email"))]


@pytest.mark.parametrize("name,field,goal", FIELD_GATES)
def test_a_gated_field_holds_its_figure(name, field, goal):
    evaluation = _evaluated(DATASET.parent / name)
    score = evaluation.fields[field]
    assert score.precision >= goal and score.recall >= goal, (name, field, score, evaluation.mistakes)


SETTINGS = BotSettings(offerings=[Offering(name="Студия", synonyms=["студия"])])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600), st.sampled_from([None, "name", "budget", "location", "timeline", "need"]))
def test_any_unicode_input_is_handled_and_every_phone_is_valid_e164(text, asked):
    lead = extract_lead(text, settings=SETTINGS, asked=asked)
    if lead.phone and not lead.details.get("phone_unverified"):  # flagged: what libphonenumber cannot confirm
        number = phonenumbers.parse(lead.phone)
        assert phonenumbers.is_valid_number(number)
        assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == lead.phone


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 +-()")) | st.text(max_size=3), max_size=40).map("".join))
def test_digit_soup_yields_only_valid_phones(text):
    for phone, (start, end) in find_phones(text, "RU"):
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone))
        assert 0 <= start < end <= len(text)
