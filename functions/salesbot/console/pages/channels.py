"""Channels: connect a Telegram bot by pasting its token, create a web widget and copy its snippet,
disconnect. Connecting goes through `salesbot.channels.connect`, as `POST /channels` does."""

from __future__ import annotations

import uuid
from typing import Annotated

import flask
from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationError

from salesbot.channels import connect
from salesbot.console.app import Page
from salesbot.console.forms import field_errors
from salesbot.sanitize import clean_text

Name = Annotated[str, AfterValidator(clean_text), StringConstraints(min_length=1, max_length=200)]


class TelegramForm(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: Name
    bot_token: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{3,20}:[A-Za-z0-9_-]{20,100}$")]


class WidgetForm(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: Name


def channels(page: Page) -> flask.Response:
    return _page(page)


def _page(page: Page, status: int = 200, **context: object) -> flask.Response:
    found = page.company_rpc("list_channels")
    context = {"errors": {}, "values": {}, "created": None, **context}
    return page.render("channels.html", status=status, channels=found, **context)


def connect_telegram(page: Page) -> flask.Response:
    form = page.request.form.to_dict()
    try:
        body = TelegramForm.model_validate(form)
    except ValidationError as error:
        return _page(page, 422, errors={f"telegram.{k}": v for k, v in field_errors(error).items()},
                     values={"telegram.name": form.get("name", "")})
    member = page.me()
    connect.connect_telegram(page.services.database, member.claims, page.services.config, body.name, body.bot_token,
                             owner_id=member.owner_id)
    page.notify(page._("The bot is connected: write to it in Telegram to try it"))
    return page.redirect(page.url("channels"))


def create_widget(page: Page) -> flask.Response:
    """The widget and its signing secret, shown on this answer only: it is never stored where a
    member can read it back, and never put in a URL."""
    try:
        body = WidgetForm.model_validate(page.request.form.to_dict())
    except ValidationError as error:
        return _page(page, 422, errors={f"widget.{k}": v for k, v in field_errors(error).items()})
    member = page.me()
    created = connect.create_widget(page.services.database, member.claims, body.name, owner_id=member.owner_id)
    return _page(page, created=created, webhook_url=_webhook_url(page, created["channel_id"]))


def _webhook_url(page: Page, channel_id: str) -> str:
    public = page.services.config.public_url
    return f"{public.rstrip('/') if public else ''}/webhook?channel={channel_id}"


def disconnect(page: Page, channel_id: uuid.UUID) -> flask.Response:
    page.rpc("disconnect_channel", {"p_channel_id": str(channel_id)})
    page.notify(page._("The channel is disconnected"))
    return page.redirect(page.url("channels"))
