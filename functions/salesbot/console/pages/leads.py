"""Leads: the pipeline with its counts and budgets, search, the CSV export, and a manager's changes
to one lead (status, assignee, note, the fields the bot wrote down)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

import flask
import phonenumbers
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from salesbot import export
from salesbot.console.app import Page
from salesbot.console.forms import field_errors
from salesbot.errors import ApiError
from salesbot.http import parse_query
from salesbot.sanitize import clean_text

PAGE_SIZE = 50
STATUSES = ("new", "contacted", "qualified", "won", "lost")


class LeadQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    status: Literal["new", "contacted", "qualified", "won", "lost"] | None = None
    q: Annotated[str, BeforeValidator(clean_text), StringConstraints(max_length=200)] | None = None
    before: datetime | None = None  # the next page: leads created before the last one shown
    before_id: uuid.UUID | None = None


def leads(page: Page) -> flask.Response:
    query = parse_query(page.request, LeadQuery)
    found = page.company_rpc("list_leads", {
        "p_status": query.status, "p_query": query.q or None,
        "p_before_created_at": query.before.isoformat() if query.before else None,
        "p_before_id": str(query.before_id) if query.before_id else None, "p_limit": PAGE_SIZE})
    rows = found["leads"]
    older = rows[-1] if len(rows) == PAGE_SIZE else None
    pipeline = {row["status"]: row for row in found["pipeline"]}
    return page.render("leads.html", query=query, found=found, rows=rows, older=older, statuses=STATUSES,
                       pipeline=pipeline, dialect=export.dialect_for(page.language))


def leads_csv(page: Page) -> flask.Response:
    """The export, as `GET /leads_export` streams it, in the dialect the member's spreadsheet reads."""
    filters = parse_query(page.request, export.ExportFilters)
    chunks = export.leads_csv(page.services.database, page.me().claims, filters, page.me().company_id)
    first = next(chunks)  # a refused request is an error page, not a 200 cut short
    return flask.Response(flask.stream_with_context(_chain(first, chunks)), mimetype="text/csv",
                          headers={"Content-Disposition": 'attachment; filename="leads.csv"'})


def _chain(first: str, rest: Any) -> Any:
    yield first
    yield from rest


def change_status(page: Page, lead_id: uuid.UUID) -> flask.Response:
    form = page.request.form
    note = clean_text(form.get("note", ""))[:2000] or None
    page.rpc("change_lead_status", {"p_lead_id": str(lead_id), "p_status": form.get("status"), "p_note": note})
    page.notify(page._("Status changed"))
    return page.redirect(page.back(page.url("leads")))


def assign(page: Page, lead_id: uuid.UUID) -> flask.Response:
    user = page.request.form.get("user_id") or None
    page.rpc("assign_lead", {"p_lead_id": str(lead_id), "p_user_id": user})
    page.notify(page._("Assignee changed"))
    return page.redirect(page.back(page.url("leads")))


def add_note(page: Page, lead_id: uuid.UUID) -> flask.Response:
    page.rpc("add_lead_note", {"p_lead_id": str(lead_id), "p_body": clean_text(page.request.form.get("body", ""))})
    page.notify(page._("Note added"))
    return page.redirect(page.back(page.url("leads")))


def _blank_is_none(value: Any) -> Any:
    return clean_text(value) or None if isinstance(value, str) else value


def _amount(value: Any) -> Any:
    """'300 000,50' or '300000.5' as a number: members type amounts as their locale writes them."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return Decimal(value.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValueError("not a number") from None


def _phone(value: Any) -> Any:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = phonenumbers.parse(value, None if value.strip().startswith("+") else "RU")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValueError("not a phone number; write it with the country code, e.g. +44 20 7946 0958")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _upper(value: str | None) -> str | None:
    return value.upper() if value else value


Text = Annotated[str | None, BeforeValidator(_blank_is_none)]


class LeadFields(BaseModel):
    """What a manager may correct in a lead; blank clears a field."""

    model_config = ConfigDict(extra="ignore")

    name: Annotated[Text, Field(max_length=200)] = None
    phone: Annotated[str | None, BeforeValidator(_phone)] = None
    email: Annotated[Text, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] = None
    need: Annotated[Text, Field(max_length=1000)] = None
    budget_amount: Annotated[Decimal | None, BeforeValidator(_amount), Field(ge=0, lt=10**14)] = None
    budget_currency: Annotated[Text, AfterValidator(_upper), Field(pattern=r"^[A-Za-z]{3}$")] = None
    location: Annotated[Text, Field(max_length=200)] = None
    timeline: Annotated[Text, Field(max_length=200)] = None


def _budget_pair_error() -> ValidationError:
    return ValidationError.from_exception_data("LeadFields", [
        {"type": "value_error", "loc": ("budget_currency",), "input": None,
         "ctx": {"error": ValueError("give the amount and its currency together")}}])


def edit_lead(page: Page, customer_id: uuid.UUID) -> flask.Response:
    """The lead's fields as a form (manager and above); a refused field is shown with its reason."""
    found = page.rpc("get_conversation", {"p_customer_id": str(customer_id), "p_limit": 1})
    lead = found["lead"]
    if lead is None:
        raise ApiError("this conversation has no lead yet", status=404, code="not_found")
    back = page.url("conversation", customer_id=customer_id)
    if page.request.method == "GET":
        return page.render("lead_form.html", conversation=found["conversation"], values=_form_values(lead),
                           errors={})
    form = page.request.form.to_dict()
    try:
        fields = LeadFields.model_validate(form)
        if (fields.budget_amount is None) != (fields.budget_currency is None):
            raise _budget_pair_error()
    except ValidationError as error:
        return page.render("lead_form.html", status=422, conversation=found["conversation"], values=form,
                           errors=field_errors(error))
    page.rpc("update_lead", {"p_lead_id": lead["id"], "p_fields": fields.model_dump(mode="json")})
    page.notify(page._("Lead saved"))
    return page.redirect(back)


def _form_values(lead: dict[str, Any]) -> dict[str, str]:
    values = {name: "" if lead.get(name) is None else str(lead[name]) for name in LeadFields.model_fields}
    if lead.get("budget_amount") is not None:
        values["budget_amount"] = export.format_amount(lead["budget_amount"], ".")
    return values
