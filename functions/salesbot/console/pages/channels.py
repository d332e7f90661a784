"""Channels: connect a Telegram bot by pasting its token, create a web widget and copy its snippet,
disconnect; and where the leads go on from here: signed webhooks, amoCRM, Bitrix24 and HubSpot.

Channels connect through `salesbot.channels.connect`, as `POST /channels` does; integrations through
`salesbot.crm.manage`, as `salesbot crm` does. A secret made here (a widget's, a webhook's) is on
this answer only, never in a URL. amoCRM is connected by the admin following its authorization
link; amoCRM sends them back to the `crm_oauth` function, which brings them here again.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

import flask
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic_core import PydanticCustomError

from salesbot.channels import connect
from salesbot.console.app import Page
from salesbot.console.forms import Name, field_errors, plan_limit_shown, refused_field
from salesbot.crm import manage
from salesbot.crm.models import CRM_EVENTS, EVENT_TYPES, WEBHOOK_EVENTS
from salesbot.errors import ApiError

# What the database takes (integrations.url): https, or http on loopback for local development.
WebhookUrl = Annotated[str, StringConstraints(
    strip_whitespace=True, max_length=2000,
    pattern=r"^(https://[^\s/?#@]+(/[^\s#]*)?|http://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]{1,5})?(/[^\s#]*)?)$")]


def _known_events(events: list[str]) -> list[str]:
    if set(events) - set(EVENT_TYPES):
        raise PydanticCustomError("event_type", "choose from {choices}", {"choices": ", ".join(EVENT_TYPES)})
    return list(dict.fromkeys(events))


Events = Annotated[list[str], Field(min_length=1), AfterValidator(_known_events)]


class TelegramForm(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: Name
    bot_token: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{3,20}:[A-Za-z0-9_-]{20,100}$")]


class NameForm(BaseModel):
    """A widget, or an amoCRM account: a name is all they are given."""

    model_config = ConfigDict(extra="ignore")

    name: Name


class WebhookForm(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: Name
    url: WebhookUrl
    events: Events


class CrmForm(BaseModel):
    """Bitrix24 with its portal's incoming webhook URL, HubSpot with a private app's token."""

    model_config = ConfigDict(extra="ignore")

    kind: Literal["bitrix24", "hubspot"]
    name: Name
    credential: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


def channels(page: Page) -> flask.Response:
    return render(page)


def render(page: Page, status: int = 200, **context: Any) -> flask.Response:
    config = page.services.config
    context = {"errors": {}, "values": {}, "created": None, "created_webhook": None, "amocrm_link": None,
               "plan_limit": None, **context}
    return page.render("channels.html", status=status, channels=page.company_rpc("list_channels"),
                       integrations=page.company_rpc("list_integrations"), event_types=EVENT_TYPES,
                       webhook_events=WEBHOOK_EVENTS,
                       amocrm_ready=bool(config.amocrm_client_id and config.amocrm_client_secret and config.public_url),
                       **context)


def _refused(page: Page, form: str, errors: dict[str, str], values: dict[str, Any]) -> flask.Response:
    """The page again, each refused field of `form` with its reason beside it."""
    return render(page, 422, errors={f"{form}.{name}": text for name, text in errors.items()},
                  values={f"{form}.{name}": value for name, value in values.items()})


@plan_limit_shown(render)
def connect_telegram(page: Page) -> flask.Response:
    form = page.request.form.to_dict()
    try:
        body = TelegramForm.model_validate(form)
    except ValidationError as error:
        return _refused(page, "telegram", field_errors(error, page.language), {"name": form.get("name", "")})
    member = page.me()
    connect.connect_telegram(page.services.database, member.claims, page.services.config, body.name, body.bot_token,
                             owner_id=member.company_id)
    page.notify(page._("The bot is connected: write to it in Telegram to try it"))
    return page.redirect(page.url("channels"))


@plan_limit_shown(render)
def create_widget(page: Page) -> flask.Response:
    """The widget and its signing secret, shown on this answer only: it is never stored where a
    member can read it back, and never put in a URL."""
    try:
        body = NameForm.model_validate(page.request.form.to_dict())
    except ValidationError as error:
        return _refused(page, "widget", field_errors(error, page.language), {})
    member = page.me()
    created = connect.create_widget(page.services.database, member.claims, body.name, owner_id=member.company_id)
    return render(page, created=created, webhook_url=_webhook_url(page, created["channel_id"]))


def _webhook_url(page: Page, channel_id: str) -> str:
    public = page.services.config.public_url
    return f"{public.rstrip('/') if public else ''}/webhook?channel={channel_id}"


def disconnect(page: Page, channel_id: uuid.UUID) -> flask.Response:
    page.rpc("disconnect_channel", {"p_channel_id": str(channel_id)})
    page.notify(page._("The channel is disconnected"))
    return page.redirect(page.url("channels"))


@plan_limit_shown(render)
def connect_webhook(page: Page) -> flask.Response:
    """A signed webhook endpoint, and its signing secret on this answer only."""
    form = page.request.form
    values = {"name": form.get("name", ""), "url": form.get("url", ""), "events": form.getlist("events")}
    member = page.me()
    try:
        body = WebhookForm.model_validate(values)
        created = manage.connect_webhook(page.services.database, member.claims, page.services.config,
                                         member.company_id, body.name, body.url, body.events)
    except ValidationError as error:
        return _refused(page, "webhook", field_errors(error, page.language), values)
    except ApiError as error:
        return _refused(page, "webhook", refused_field(error, values, page.language), values)
    return render(page, created_webhook=created)


@plan_limit_shown(render)
def connect_crm(page: Page) -> flask.Response:
    form = page.request.form.to_dict()
    kind = form.get("kind", "")
    member = page.me()
    try:
        body = CrmForm.model_validate(form)
        manage.connect_crm(page.services.database, member.claims, page.services.config, member.company_id, body.kind,
                           body.name, body.credential, events=CRM_EVENTS)
    except ValidationError as error:
        return _refused(page, kind, field_errors(error, page.language), form)
    except ApiError as error:
        refused = refused_field(error, form, page.language, renamed={manage.CREDENTIAL[kind]: "credential"})
        return _refused(page, kind, refused, form)
    page.notify(page._("{name} is connected: qualified leads will reach it", name=body.name))
    return page.redirect(page.url("channels"))


@plan_limit_shown(render)
def begin_amocrm(page: Page) -> flask.Response:
    """The link the admin follows to let Salesbot into the company's amoCRM account: a link, not a
    redirect, as the console's forms may lead only to the console (form-action 'self')."""
    form = page.request.form.to_dict()
    try:
        body = NameForm.model_validate(form)
    except ValidationError as error:
        return _refused(page, "amocrm", field_errors(error, page.language), form)
    member = page.me()
    begun = manage.begin_amocrm(page.services.database, member.claims, page.services.config, member.company_id,
                                body.name)
    return render(page, amocrm_link=begun["authorize_url"])
