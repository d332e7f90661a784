"""A refused field's reason in the member's language. Through the real console: each form's typical
errors read in Russian beside their fields, and in English as pydantic and our code say them. From
the code: every message our validators and the RPCs behind the forms refuse a field with has its
Russian, and every error the forms' models produce reads in Russian; numbers take the word's right
form; what the catalogue does not know is shown in English."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import re
import typing
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import BaseModel, ValidationError
from werkzeug.test import Client

import salesbot.console.pages as console_pages
from salesbot.console import messages
from salesbot.console.i18n import fill
from salesbot.console.russian import ERRORS, JSON_ERRORS
from salesbot.crm import manage
from salesbot.models import BotSettings
from tests.support.console import Member, field_error, form_data, signed_in

ROOT = Path(__file__).parents[1]
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


# --- through the console -------------------------------------------------------------------------

def settings_form(admin: Member, **changes: str) -> dict[str, list[str] | str]:
    """The settings form as the browser sends it, with `changes` typed in."""
    return {**form_data(admin.get("/console/settings").text, "/console/settings"), **changes}


def test_the_settings_errors_read_in_russian_beside_their_fields(client, company):
    admin = signed_in(client, company.users["admin"].email)
    refused = admin.post("/console/settings", settings_form(
        admin, company_name="Я" * 201, **{"persona.gender": "robot", "contacts.email": "not an email"},
        offerings='[{"name": "Студия", "price": {"kind": "exact", "amount": "дорого", "currency": "RUB"}}]',
        lead_fields="need\nneed"))
    assert refused.status_code == 422
    assert field_error(refused.text, "company_name") == "не длиннее 200 символов"
    assert field_error(refused.text, "persona.gender") == "одно из значений: 'female', 'male' или 'neutral'"
    assert field_error(refused.text, "contacts.email") == "неверный формат"
    assert field_error(refused.text, "offerings") == "$.offerings[0].price.amount: число, например 25000 или 99.90"
    assert field_error(refused.text, "lead_fields") == "поля лида не должны повторяться: 'need' встречается дважды"
    not_json = admin.post("/console/settings", settings_form(admin, faq="[{"))
    assert field_error(not_json.text, "faq") == (
        "не JSON: ожидалось имя поля в двойных кавычках: строка 1, столбец 3 (символ 2)")


def test_in_english_the_errors_are_said_as_pydantic_and_our_code_say_them(client, company):
    admin = signed_in(client, company.users["admin"].email)
    admin.post("/console/language", {"language": "en"})
    refused = admin.post("/console/settings", settings_form(
        admin, company_name="x" * 201, offerings='[{"name": "Studio", "price": {"kind": "exact", "amount": "a lot"}}]'))
    assert field_error(refused.text, "company_name") == "String should have at most 200 characters"
    assert "$.offerings[0].price.amount: a number, e.g. 25000 or 99.90" in field_error(refused.text, "offerings")
    assert field_error(admin.post("/console/settings", settings_form(admin, faq="[{")).text, "faq") == (
        "not valid JSON: Expecting property name enclosed in double quotes: line 1 column 3 (char 2)")
    private = admin.post("/console/integrations/webhook", {"name": "Ours", "url": "https://10.0.0.7/hook",
                                                           "events": ["lead.qualified"]})
    assert field_error(private.text, "webhook.url") == "the endpoint must be on a public address"


def test_the_channels_and_integrations_errors_read_in_russian_beside_their_fields(client, company):
    admin = signed_in(client, company.users["admin"].email)
    telegram = admin.post("/console/channels/telegram", {"name": "Б" * 201, "bot_token": "not a token"})
    assert telegram.status_code == 422
    assert field_error(telegram.text, "telegram.bot_token") == "неверный формат"
    assert field_error(telegram.text, "telegram.name") == "не длиннее 200 символов"
    webhook = {"name": "Наша CRM", "url": "https://10.0.0.7/hook", "events": ["lead.qualified"]}
    private = admin.post("/console/integrations/webhook", webhook)  # refused by salesbot.crm.manage
    assert field_error(private.text, "webhook.url") == "адрес должен быть публичным, а не во внутренней сети"
    no_events = admin.post("/console/integrations/webhook", {**webhook, "events": []})
    assert field_error(no_events.text, "webhook.events") == "нужно хотя бы 1 значение"
    hubspot = admin.post("/console/integrations/crm", {"kind": "hubspot", "name": "HubSpot", "credential": "pat x"})
    assert field_error(hubspot.text, "hubspot.credential") == "токен доступа приватного приложения"  # the database's


def test_the_team_errors_read_in_russian_beside_their_fields(client, company):
    owner = signed_in(Client(client.application), company.users["owner"].email)
    refused = owner.post("/console/team/invitations", {"email": "not an email", "role": "boss"})
    assert refused.status_code == 422
    assert field_error(refused.text, "email") == "неверный формат"
    assert field_error(refused.text, "role") == "одно из значений: 'viewer', 'manager', 'admin' или 'owner'"


# --- every message the code can refuse a field with ----------------------------------------------

def _page_modules() -> list[ModuleType]:
    return [importlib.import_module(f"{console_pages.__name__}.{info.name}")
            for info in pkgutil.iter_modules(console_pages.__path__)]


def _nested(roots: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """The models and every model their fields hold, however deep."""
    found: set[type[BaseModel]] = set()
    waiting = list(roots)
    while waiting:
        model = waiting.pop()
        if model in found:
            continue
        found.add(model)
        types = [field.annotation for field in model.model_fields.values()]
        while types:
            kind = types.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                waiting.append(kind)
            types.extend(typing.get_args(kind))
    return found


def form_models() -> set[type[BaseModel]]:
    """The models whose errors the console shows beside fields: each the pages validate a form with
    (`X.model_validate`, `SETTINGS[kind].model_validate`), and the settings document."""
    roots: set[type[BaseModel]] = {BotSettings}
    for module in _page_modules():
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "model_validate":
                target = node.func.value
                if isinstance(target, ast.Name):
                    roots.add(getattr(module, target.id))
                elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    roots.update(getattr(module, target.value.id).values())
    return _nested(roots)


def _template(node: ast.expr) -> str | None:
    """A message as the code writes it, `{}` where it puts a value in; None for no string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(part.value) if isinstance(part, ast.Constant) else "{}" for part in node.values)
    return None


def _calls(tree: ast.AST) -> list[tuple[str, ast.Call]]:
    """Each call in `tree`, with the name of what it calls (`ValueError`, `manage.connect_crm`: `connect_crm`)."""
    return [(node.func.id if isinstance(node.func, ast.Name) else node.func.attr, node)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute))]


def _validator_messages(module: ModuleType) -> set[str]:
    """What a module's validators say: PydanticCustomError's and ValueError's messages, the settings'
    own problems, and the words a validator puts into its message (`_unique("faq ids", ...)`)."""
    tree = ast.parse(inspect.getsource(module))
    said: set[str] = set()
    filled: dict[str, int] = {}  # function -> the argument it puts into its message
    for function in (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)):
        parameters = [argument.arg for argument in function.args.args]
        for call in (call for called, call in _calls(function) if called == "PydanticCustomError"):
            context = call.args[2] if len(call.args) > 2 else None
            for value in context.values if isinstance(context, ast.Dict) else ():
                if isinstance(value, ast.Name) and value.id in parameters:
                    filled[function.name] = parameters.index(value.id)
    for called, call in _calls(tree):
        position = {"PydanticCustomError": 1, "ValueError": 0, "Problem": 1}.get(called, filled.get(called))
        if position is not None and len(call.args) > position and (text := _template(call.args[position])):
            said.add(text)
    return said


def _refusals(fields: set[str]) -> set[str]:
    """The reasons the RPCs behind the forms, and the Python they call, give for refusing one of
    `fields` ("url: the endpoint must be on a public address" gives its reason)."""
    found = set()
    for module in [*_page_modules(), manage, importlib.import_module("salesbot.channels.connect")]:
        for called, call in _calls(ast.parse(inspect.getsource(module))):
            if called not in ("BadRequest", "ApiError") or not call.args:
                continue
            named, colon, reason = (_template(call.args[0]) or "").partition(": ")
            if colon and (named in fields or named == "{}"):  # {}: the field named by a value
                found.add(reason)
    for migration in sorted((ROOT / "supabase" / "migrations").glob("*.sql")):
        for named, reason in re.findall(r"message = '(\w+): ((?:[^']|'')*)'", migration.read_text()):
            if named in fields:
                found.add(reason.replace("''", "'"))
    return found


def derived_messages() -> set[str]:
    models = form_models()
    fields = {name for model in models for name in model.model_fields} | set(manage.CREDENTIAL.values())
    modules = {inspect.getmodule(model) for model in models} | {
        importlib.import_module("salesbot.settings"), importlib.import_module("salesbot.settings.service")}
    said = set().union(*(_validator_messages(module) for module in modules if module)) | _refusals(fields)
    return {_as_template(text) for text in said}


def _as_template(english: str) -> str:
    return re.sub(r"\{\w+\}", "{}", english)


def test_every_message_our_validators_and_rpcs_refuse_a_field_with_has_its_russian():
    derived = derived_messages()
    assert {"the endpoint must be on a public address", "the private app's access token", "not a number",
            "{} must be unique: {} is there twice", "faq ids", "choose from {}"} <= derived  # the search finds them
    assert sorted(derived - {_as_template(english) for english in ERRORS}) == []


def test_the_catalogue_holds_no_message_the_code_no_longer_says():
    assert sorted({_as_template(english) for english in ERRORS} - derived_messages()) == []


@pytest.mark.parametrize("catalogue", [ERRORS, JSON_ERRORS], ids=["ours", "json"])
def test_each_russian_message_keeps_its_placeholders(catalogue):
    for english, russian in catalogue.items():
        assert sorted(re.findall(r"{(\w+)}", english)) == sorted(re.findall(r"{(\w+)}", russian)), english
        assert CYRILLIC.search(russian), english


# --- every error the forms' models produce --------------------------------------------------------

TYPED = ["", " ", "x", "Я" * 20000, "not a number", "1.5", "-1", "1,5", "10:00-09:00", "99999999999999999999",
         "\x00"]
"""What a form's field can be sent: text, whatever is typed; a field of several values, a list of it."""
JSON_VALUES = [*TYPED, 1.5, 1.234, -1, 0, 10**20, True, None, [], ["x"], ["x"] * 1001, {}, {"x": 1}]
"""What the settings' JSON fields can hold besides."""


def _sent(model: type[BaseModel], name: str) -> list[typing.Any]:
    if not model.__module__.startswith(console_pages.__name__):
        return JSON_VALUES
    several = model.model_json_schema()["properties"][name].get("type") == "array"
    return [[], ["x"], ["x", "x"], TYPED] if several else TYPED


def test_every_error_the_forms_models_produce_reads_in_russian():
    produced: dict[str, str] = {}
    for model in form_models():
        cases = [{}, {"not a field": "x"}] + [{name: value} for name in model.model_fields
                                               for value in _sent(model, name)]
        for case in cases:
            try:
                model.model_validate(case)
            except ValidationError as error:
                for problem in error.errors(include_url=False, include_input=False):
                    russian = messages.validation("ru", problem["type"], problem["msg"], problem.get("ctx"))
                    assert CYRILLIC.search(russian), (model.__name__, problem)
                    # A text's length is checked as a text's (characters), not as a list's (items).
                    assert problem.get("ctx", {}).get("field_type", "List") == "List", (model.__name__, problem)
                    produced[problem["type"]] = russian
    assert {"missing", "extra_forbidden", "string_too_long", "string_too_short", "string_pattern_mismatch",
            "literal_error", "int_parsing", "too_short", "too_long", "union_tag_not_found", "value_error",
            "amount"} <= produced.keys()  # the values reach each kind of check


@pytest.mark.parametrize("text", ["", "{", '{"a" 1}', "[1 2]", '"abc', '"\x01"', '"\\q"', '"\\u12"', "1 2",
                                  "\ufeff[]", "[1,]"])
def test_every_way_the_json_parser_refuses_a_field_reads_in_russian(text):
    with pytest.raises(json.JSONDecodeError) as refused:
        json.loads(text)
    assert refused.value.msg in JSON_ERRORS
    assert messages.not_json("ru", refused.value).startswith(f"не JSON: {JSON_ERRORS[refused.value.msg]}: строка 1")


# --- the wording ---------------------------------------------------------------------------------

@pytest.mark.parametrize("count, russian", [
    (1, "не длиннее 1 символа"), (2, "не длиннее 2 символов"), (5, "не длиннее 5 символов"),
    (11, "не длиннее 11 символов"), (21, "не длиннее 21 символа"), (200, "не длиннее 200 символов")])
def test_a_number_takes_the_form_of_its_word(count, russian):
    english = f"String should have at most {count} characters"
    assert messages.validation("ru", "string_too_long", english, {"max_length": count}) == russian
    assert messages.validation("en", "string_too_long", english, {"max_length": count}) == english


@pytest.mark.parametrize("count, russian", [(1, "нужно хотя бы 1 значение"), (3, "нужно хотя бы 3 значения"),
                                            (5, "нужно хотя бы 5 значений")])
def test_a_list_too_short_says_how_many_it_needs(count, russian):
    assert messages.validation("ru", "too_short", "", {"field_type": "List", "min_length": count,
                                                       "actual_length": 0}) == russian


def test_plurals_in_the_consoles_phrases():
    assert fill("ru", "{count} {count:лид|лида|лидов}", {"count": 22}) == "22 лида"
    assert fill("en", "{count} {count:lead|leads|leads}", {"count": 1}) == "1 lead"


def test_what_the_catalogue_does_not_know_is_shown_in_english():
    assert messages.validation("ru", "some_new_check", "a new check refused it") == "a new check refused it"
    assert messages.refusal("ru", "a reason nobody wrote down") == "a reason nobody wrote down"
    assert messages.validation("ru", "value_error", "Value error, fresh", {"error": ValueError("fresh")}) == "fresh"
    # a pydantic that words an error with other values than ours expects
    assert messages.validation("ru", "string_too_long", "String should be shorter", {}) == "String should be shorter"


def test_a_refusal_with_values_in_it_puts_them_into_the_russian():
    assert messages.refusal("ru", "choose from lead.created, lead.updated") == "выберите из: lead.created, lead.updated"
    assert messages.refusal("en", "choose from lead.created") == "choose from lead.created"
