"""One integration (a signed webhook, amoCRM, Bitrix24, HubSpot): its delivery log with a retry for
each dead delivery, and its changes: name, URL, events, our statuses mapped to the CRM's pipeline
stages, pause and resume, a new secret or token, a test event, removal. Each is one of the CRM's RPCs
for the acting company, or `salesbot.crm.manage` where a secret is made or a CRM called, as the
`salesbot crm` commands do. Connecting one is on the Channels page.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

import flask
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from salesbot.console.app import Page
from salesbot.console.forms import Name, field_errors, refused_field
from salesbot.console.pages.channels import Events, WebhookUrl
from salesbot.crm import manage
from salesbot.crm.models import EVENT_TYPES, SETTINGS
from salesbot.errors import ApiError, BadRequest, NotFound
from salesbot.http import parse_query
from salesbot.sanitize import clean_text

LOG_PAGE = 50
STATUSES = ("new", "contacted", "qualified", "won", "lost")
# Where each CRM's settings keep the stage of each of our statuses, and its pipeline.
STAGES_KEY = {"amocrm": "statuses", "bitrix24": "statuses", "hubspot": "stages"}
PIPELINE_KEY = {"amocrm": "pipeline_id", "hubspot": "pipeline"}
CRM_EVENT_CHOICES = tuple(event for event in EVENT_TYPES if event != "message.created")
"""A CRM may take every event but each message: the conversation goes with the lead as a note."""


class ChangeForm(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: Name
    url: WebhookUrl | None = None  # a webhook's only
    events: Events


class LogQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    state: Literal["pending", "delivered", "dead"] | None = None
    before: int | None = Field(default=None, ge=1)  # the next page: deliveries older than this one


def integration(page: Page, integration_id: uuid.UUID) -> flask.Response:
    return _render(page, _find(page, integration_id))


def _render(page: Page, found: dict[str, Any], status: int = 200, **context: Any) -> flask.Response:
    query = parse_query(page.request, LogQuery) if page.request.method == "GET" else LogQuery()
    log = page.company_rpc("crm_delivery_log", {"p_integration_id": found["id"], "p_state": query.state,
                                                "p_before_id": query.before, "p_limit": LOG_PAGE})
    kind = found["kind"]
    context = {"errors": {}, "values": _values(found), "secret": None, "amocrm_link": None, **context}
    return page.render("integration.html", status=status, integration=found, log=log, query=query,
                       older=log[-1]["id"] if len(log) == LOG_PAGE else None, statuses=STATUSES,
                       event_choices=EVENT_TYPES if kind == "webhook" else CRM_EVENT_CHOICES,
                       stages_key=STAGES_KEY.get(kind), pipeline_key=PIPELINE_KEY.get(kind),
                       credential=manage.CREDENTIAL.get(kind), retention_days=page.services.config.retention_days,
                       **context)


def _find(page: Page, integration_id: uuid.UUID) -> dict[str, Any]:
    for found in page.company_rpc("list_integrations"):
        if found["id"] == str(integration_id):
            return dict(found)
    raise NotFound("no such integration in this company")


def _values(found: dict[str, Any]) -> dict[str, Any]:
    """The form's fields as the integration has them; settings by their path ("statuses.won")."""
    values: dict[str, Any] = {"name": found["name"], "url": found.get("url") or "", "events": found["events"]}
    settings = found.get("settings") or {}
    if (pipeline := PIPELINE_KEY.get(found["kind"])) and settings.get(pipeline) is not None:
        values[pipeline] = str(settings[pipeline])
    if stages := STAGES_KEY.get(found["kind"]):
        values.update({f"{stages}.{status}": str(stage) for status, stage in (settings.get(stages) or {}).items()})
    return values


def _settings(kind: str, form: Any, current: dict[str, Any]) -> dict[str, Any]:
    """The CRM's settings with the form's pipeline and stages, checked by the CRM's own model. A
    blank stage maps nothing: the CRM's record stays where it is when the lead moves there."""
    settings = dict(current)
    if pipeline := PIPELINE_KEY.get(kind):
        settings[pipeline] = clean_text(form.get(pipeline, "")) or None
    stages = STAGES_KEY[kind]
    given = {status: clean_text(form.get(f"{stages}.{status}", "")) for status in STATUSES}
    settings[stages] = {status: stage for status, stage in given.items() if stage}
    checked: dict[str, Any] = SETTINGS[kind].model_validate(settings).model_dump(mode="json")
    return checked


def change_integration(page: Page, integration_id: uuid.UUID) -> flask.Response:
    found = _find(page, integration_id)
    form = page.request.form
    values = {**form.to_dict(), "events": form.getlist("events")}
    try:
        body = ChangeForm.model_validate(values)
        member = page.me()
        manage.change_integration(
            page.services.database, member.claims, page.services.config, member.company_id, integration_id,
            name=body.name, url=body.url if found["kind"] == "webhook" else None, events=body.events,
            settings=_settings(found["kind"], form, found["settings"]) if found["kind"] in STAGES_KEY else None)
    except ValidationError as error:
        return _render(page, found, 422, errors=field_errors(error, page.language), values=values)
    except ApiError as error:
        return _render(page, found, 422, errors=refused_field(error, values, page.language), values=values)
    return _done(page, integration_id, page._("Saved"))


def set_active(page: Page, integration_id: uuid.UUID) -> flask.Response:
    active = page.request.form.get("active") == "yes"
    page.company_rpc("update_integration", {"p_integration_id": str(integration_id), "p_is_active": active})
    return _done(page, integration_id, page._("Resumed: new events reach it again") if active
                 else page._("Paused: no events are queued for it meanwhile"))


def replace_credential(page: Page, integration_id: uuid.UUID) -> flask.Response:
    """A webhook gets a new signing secret, shown on this answer only; Bitrix24 and HubSpot the
    webhook URL or token the admin pastes; amoCRM is authorized again through its link."""
    found = _find(page, integration_id)
    member = page.me()
    database, kind = page.services.database, found["kind"]
    if kind == "webhook":
        rotated = manage.rotate_webhook_secret(database, member.claims, member.company_id, integration_id)
        return _render(page, found, secret=rotated["signing_secret"])
    if kind == "amocrm":
        begun = manage.begin_amocrm(database, member.claims, page.services.config, member.company_id, found["name"],
                                    found["settings"], integration_id)
        return _render(page, found, amocrm_link=begun["authorize_url"])
    credential = page.request.form.get("credential", "").strip()
    try:
        if not credential:
            raise BadRequest(f"{manage.CREDENTIAL[kind]}: paste the new one")
        manage.replace_crm_credential(database, member.claims, page.services.config, member.company_id,
                                      integration_id, kind, credential)
    except ApiError as error:
        errors = refused_field(error, ("credential",), page.language, renamed={manage.CREDENTIAL[kind]: "credential"})
        return _render(page, found, 422, errors=errors)
    return _done(page, integration_id, page._("The new credential is stored"))


def send_test_event(page: Page, integration_id: uuid.UUID) -> flask.Response:
    """Queues a test event; the outbox sweep delivers it like any other, and the log shows how it went."""
    page.company_rpc("send_test_event", {"p_integration_id": str(integration_id)})
    return _done(page, integration_id, page._("A test event is on its way: the log shows how it went within a minute"))


def retry_delivery(page: Page, integration_id: uuid.UUID, delivery_id: int) -> flask.Response:
    page.company_rpc("retry_crm_delivery", {"p_delivery_id": delivery_id})
    return _done(page, integration_id, page._("Queued again: it is retried for another 24 hours"))


def _done(page: Page, integration_id: uuid.UUID, notice: str) -> flask.Response:
    """Back to the integration's page, with what was done."""
    page.notify(notice)
    return page.redirect(page.url("integration", integration_id=integration_id))


def remove_integration(page: Page, integration_id: uuid.UUID) -> flask.Response:
    page.company_rpc("remove_integration", {"p_integration_id": str(integration_id)})
    page.notify(page._("The integration is removed"))
    return page.redirect(page.url("channels"))
