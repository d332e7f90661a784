"""The settings document: the model, its published JSON Schema, the database's copy of its rules,
the example documents, the businesses of the labelled questions, and reading back what is stored."""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import psycopg
import pytest
import yaml

from salesbot.models import BotSettings
from salesbot.settings import InvalidSettings, parse_file, read_stored, validate
from salesbot.settings.schema import components
from tests.support.businesses import business_facts, settings_document

OPENAPI = Path(__file__).resolve().parents[1] / "functions" / "openapi.yaml"
EXAMPLES = {lang: parse_file(resources.files("salesbot.settings").joinpath("examples", f"{lang}.yaml").read_text(),
                             f"{lang}.yaml") for lang in ("ru", "en")}
WRONG_VALUES: list[Any] = [123, 1.5, "text", True, None, [], {}, ["x"], -5, 10**13]


def paths(problems: list[Any]) -> set[str]:
    return {str(problem).split(": ", 1)[0] for problem in problems}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_example_documents_are_complete_and_valid(lang):
    settings = validate(EXAMPLES[lang])
    written = set(EXAMPLES[lang])
    assert written == set(BotSettings.model_fields), "an example shows every field"
    assert settings.offerings and settings.faq and settings.not_offered and settings.hours and settings.internal_notes
    assert {offering.price.kind for offering in settings.offerings} == {"exact", "from", "range", "free", "on_request"}


@pytest.mark.parametrize("business", sorted(business_facts()))
def test_the_labelled_businesses_are_settings_documents(business):
    """The facts of tests/data/settings_qa are this model's documents, less their id and language."""
    facts = business_facts()[business]
    settings = validate(settings_document(facts))
    assert settings.persona.languages[0] == facts["language"]
    assert settings.model_dump(mode="json", exclude_unset=True) == settings_document(facts)


def test_every_problem_is_listed_with_its_path():
    document = {"persona": {"formal": "yes", "languages": []}, "contacts": {"phone": "8 495 123-45-67"},
                "offerings": [{"name": " ", "price": {"kind": "range", "min": 5, "max": 3, "currency": "RUB"}},
                              {"name": "b", "price": {"kind": "exact", "amount": 99.999, "currency": "rub"}}],
                "faq": [{"id": "Bad Id", "question": "?"}], "lead_fields": ["need", "need"]}
    with pytest.raises(InvalidSettings) as invalid:
        validate(document)
    assert paths(invalid.value.problems) == {
        "$.persona.formal", "$.persona.languages", "$.contacts.phone", "$.offerings[0].name", "$.offerings[0].price",
        "$.offerings[1].price.amount", "$.offerings[1].price.currency", "$.faq[0].id", "$.faq[0].answer",
        "$.lead_fields"}
    twice = next(problem for problem in invalid.value.problems if problem.path == "$.lead_fields")
    assert twice.message == "lead fields must be unique: 'need' is there twice"
    # What the console words in the member's language: pydantic's error type and its values.
    name = next(problem for problem in invalid.value.problems if problem.path == "$.offerings[0].name")
    assert (twice.type, name.type, name.context) == ("unique", "string_pattern_mismatch", {"pattern": r"\S"})


def test_the_published_json_schema_is_the_models():
    """functions/openapi.yaml carries BotSettings and its parts exactly as the model generates them
    (after a change to the model: python -m salesbot.settings.schema)."""
    published = yaml.safe_load(OPENAPI.read_text())["components"]["schemas"]
    for name, schema in components().items():
        assert published.get(name) == schema, name


def test_every_field_says_what_it_is_and_whether_customers_may_hear_it():
    schema = BotSettings.model_json_schema()
    assert [name for name, field in schema["properties"].items() if "description" not in field] == []
    assert schema["properties"]["internal_notes"]["x-salesbot-visibility"] == "internal"
    assert schema["x-salesbot-visibility"] == "public"
    assert all(part["x-salesbot-visibility"] == "public" for part in schema["$defs"].values())


def test_what_is_stored_is_read_without_what_cannot_be_read(caplog):
    stored = {**EXAMPLES["en"], "offerings": [{"name": "Broken", "price": "from 30"}, *EXAMPLES["en"]["offerings"]],
              "hours": {"time_zone": "Mars/Olympus"}, "legacy_key": 1}
    with caplog.at_level(logging.ERROR, logger="salesbot.settings"):
        settings = read_stored(stored)
    assert [o.name for o in settings.offerings] == [o["name"] for o in EXAMPLES["en"]["offerings"]]
    assert settings.hours is None and settings.faq and settings.company_name == "Brightside Physio"
    assert caplog.messages == [("stored bot settings break 3 rule(s); answering without $.hours.time_zone, "
                                "$.legacy_key, $.offerings[0].price")]
    assert read_stored([1, 2]) == BotSettings()


# --- the database holds the same rules ------------------------------------------------------------


def _mutations(document: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path, value) pairs that break one thing at a time: each node swapped for values of other types,
    and an unknown key in each object."""
    for wrong in WRONG_VALUES:
        if type(wrong) is not type(document) or wrong == document:
            yield path, wrong
    if isinstance(document, dict):
        yield (*path, "unknown_key"), "x"
        for key, value in document.items():
            yield from _mutations(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document[:2]):
            yield from _mutations(value, (*path, index))


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    changed = copy.deepcopy(document)
    node = changed
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return changed


def _sql_problems(sql: psycopg.Connection, document: Any) -> set[str]:
    found = sql.execute("select private.settings_errors(%s::jsonb)", (json.dumps(document),)).fetchone()[0]
    return {problem.split(": ", 1)[0] for problem in found}


def _model_problems(document: Any) -> set[str]:
    try:
        validate(document)
    except InvalidSettings as invalid:
        return paths(invalid.problems)
    return set()


@pytest.mark.parametrize("base", ["ru", "en", "kitchen_moscow", "dental_london"])
def test_the_database_and_the_model_agree_on_every_single_break(sql: psycopg.Connection, base):
    document = EXAMPLES[base] if base in EXAMPLES else settings_document(business_facts()[base])
    assert _sql_problems(sql, document) == set() == _model_problems(document)
    disagreements = []
    for path, value in _mutations(document):
        broken = _set(document, path, value)
        model, database = _model_problems(broken), _sql_problems(sql, broken)
        if model != database:
            disagreements.append(f"{path} = {value!r}: the model says {sorted(model)}, the database {sorted(database)}")
    assert disagreements == []


@pytest.mark.parametrize("document", [
    {"offerings": [{"name": "A"}, {"name": "a"}]},
    {"faq": [{"id": "x", "question": "q", "answer": "a"}, {"id": "x", "question": "q2", "answer": "a2"}]},
    {"persona": {"languages": ["ru", "ru"]}},
    {"hours": {"time_zone": "Europe/Moscow", "mon": "10:00-10:00"}},
    {"hours": {"time_zone": "Europe/Moscow", "sun": "00:00-24:00"}},
    {"offerings": [{"name": "A", "price": {"kind": "range", "min": 10, "max": 10, "currency": "RUB"}}]},
    {"offerings": [{"name": "A", "price": {"kind": "exact", "amount": 0.01, "currency": "RUB"}}]},
    {"offerings": [{"name": "A", "price": {"kind": "exact", "amount": 0.001, "currency": "RUB"}}]},
    {"offerings": [{"name": "A", "price": {"kind": "free", "amount": 5}}]},
    {"offerings": [{"name": "A", "price": {"currency": "RUB"}}]},
    {"offerings": [{"name": "x" * 201}]},
    {"description": "я" * 10001},
    {"contacts": {"telegram": "@abc"}},
    {"contacts": {"website": "ftp://example.com"}},
    {"lead_fields": ["need", "phone", "fax"]},
])
def test_the_database_and_the_model_agree_on_the_rules_between_fields(sql: psycopg.Connection, document):
    assert _sql_problems(sql, document) == _model_problems(document)
