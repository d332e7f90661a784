"""The inbox and a conversation: reading, taking over, releasing and answering customers.

A reply goes through `salesbot.replies.reply_to_customer`, the path behind `POST /reply`: stored as
the member's message, the conversation taken, a Telegram customer's delivery queued in the same
transaction and sent at once. The form carries a key made when the page was drawn, so a form sent
twice (a double click, a retried request) stores one reply.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import flask
from pydantic import BaseModel, ConfigDict, ValidationError

from salesbot.api import ReplyRequest
from salesbot.console.app import Page
from salesbot.errors import BadRequest
from salesbot.http import describe_validation_error, parse_query
from salesbot.replies import reply_to_customer

PAGE_SIZE = 50
MESSAGES_PER_PAGE = 100


class InboxFilters(BaseModel):
    model_config = ConfigDict(extra="ignore")

    waiting: bool = False
    mine: bool = False
    channel: uuid.UUID | None = None
    before: datetime | None = None


def home(page: Page) -> flask.Response:
    return page.redirect(page.url("inbox"))


def inbox(page: Page) -> flask.Response:
    filters = parse_query(page.request, InboxFilters)
    found = page.company_rpc("list_conversations", {
        "p_waiting": filters.waiting, "p_mine": filters.mine,
        "p_channel_id": str(filters.channel) if filters.channel else None,
        "p_before": filters.before.isoformat() if filters.before else None, "p_limit": PAGE_SIZE})
    conversations = found["conversations"]
    more = len(conversations) == PAGE_SIZE
    context = {"filters": filters, "found": found, "conversations": conversations,
               "older": conversations[-1]["last_customer_message_at"] if more else None}
    if page.partial == "inbox":
        return page.render("_conversation_list.html", **context)
    return page.render("inbox.html", **context)


class MessagesQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    before: int | None = None  # older messages than this id
    after: int | None = None  # the console's script asks for what came after what it shows


def conversation(page: Page, customer_id: uuid.UUID) -> flask.Response:
    query = parse_query(page.request, MessagesQuery)
    found = page.rpc("get_conversation", {"p_customer_id": str(customer_id), "p_before": query.before,
                                          "p_after": query.after, "p_limit": MESSAGES_PER_PAGE})
    member = page.me()
    if member.can("manager") and found["conversation"]["unread_count"] and found["messages"]:
        page.company_rpc("mark_conversation_read", {"p_customer_id": str(customer_id),
                                            "p_up_to": found["messages"][-1]["id"]})
    context = _conversation_context(found)
    if page.partial == "messages":
        return page.render("_messages.html", **context)
    return page.render("conversation.html", reply_key=uuid.uuid4().hex, **context)


def _conversation_context(found: dict[str, Any]) -> dict[str, Any]:
    members = {m["user_id"]: m for m in found["members"]}
    return {"found": found, "conversation": found["conversation"], "messages": found["messages"],
            "lead": found["lead"], "members": members}


def reply(page: Page, customer_id: uuid.UUID) -> flask.Response:
    form = page.request.form
    try:
        body = ReplyRequest(customer_id=customer_id, text=form.get("text", ""))
    except ValidationError as error:
        raise BadRequest(describe_validation_error(error)) from None
    key = (form.get("reply_key") or "")[:64] or None
    member = page.me()
    sent = reply_to_customer(page.services.database, page.services.config, member.claims, body.customer_id,
                             body.text, f"console-{key}" if key else None, owner_id=member.company_id)
    if page.partial == "messages":
        return flask.Response(status=204, headers={"X-Salesbot-Status": sent["status"]})
    page.notify(_sent(page, sent["status"]), "error" if sent["status"] in ("refused", "unconfirmed") else "done")
    return page.redirect(page.url("conversation", customer_id=customer_id))


def _sent(page: Page, status: str) -> str:
    _ = page._
    return {
        "sent": _("Sent"),
        "queued": _("Queued: it goes out as soon as Telegram takes it"),
        "refused": _("Telegram refused it: the customer has blocked the bot"),
        "unconfirmed": _("Telegram did not confirm it: it may have arrived, so it was not sent again"),
        "stored": _("Sent: the customer sees it in the chat"),
    }.get(status, status)


def take_over(page: Page, customer_id: uuid.UUID) -> flask.Response:
    page.rpc("take_over_conversation", {"p_customer_id": str(customer_id)})
    page.notify(page._("You have taken the conversation: the bot is silent"))
    return page.redirect(page.url("conversation", customer_id=customer_id))


def release(page: Page, customer_id: uuid.UUID) -> flask.Response:
    page.rpc("release_conversation", {"p_customer_id": str(customer_id)})
    page.notify(page._("The bot answers this customer again"))
    return page.redirect(page.url("conversation", customer_id=customer_id))
