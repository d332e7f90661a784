"""Getting our messages to Telegram: at once when the Bot API answers, later from the outbox when
it does not. Nothing we meant to send is dropped, but for what Telegram refuses for good (set aside
with its reason) and what may already have gone out.

Nothing goes out twice. Telegram's API has no idempotency key, so a send whose answer never came
(a timeout, or a connection broken after the request went out) may have reached the customer, and
nothing can tell us. Such a send is set aside unconfirmed (abandoned, with the reason), never sent
again: we choose a possibly missed message, which the manager is told about and can write again,
over a certain duplicate every time Telegram answers slowly, which the customer sees and nobody
can take back. A send that certainly failed (no connection; Telegram's error answer, 429 and 5xx
included) stays queued and is retried until delivered.

So that no other process sends it meanwhile, a delivery is marked as being sent in the database
before the Bot API is called. A sender that dies or loses the database before it records how the
send went leaves that mark behind; whoever claims the channel's deliveries later sets such a one
aside unconfirmed too (`claim_deliveries`), never sends it again. The mark names its sender, one id
per send: a sender that lost the database's answer to its mark asks again with that id and so
learns that it holds the mark, and, having sent nothing, gives the delivery back."""

from __future__ import annotations

import hmac
import logging
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any, Literal
from uuid import UUID, uuid4

from salesbot.channels.bot_api import BotApi, BotApiError, BotApiSkipped, BotApiUnanswered
from salesbot.channels.credentials import channel_credentials
from salesbot.config import Config
from salesbot.db import SERVICE_CLAIMS, Database
from salesbot.errors import ApiError, Unauthorized, Unavailable

log = logging.getLogger(__name__)

_FLUSH_LIMIT = 10  # what a webhook sends besides its own reply, so that it answers Telegram in time
_SWEEP_LIMIT = 1000  # per channel and sweep: after an outage, a busy channel's backlog in one go
_DB_RETRY_SECONDS = 0.2
_DB_PATIENCE_SECONDS = 5.0  # for a caller with no deadline of its own

_NOT_SENT = "not sent: the database went away while the send was being marked"


@dataclass(frozen=True)
class _Mark:
    """A delivery marked as being sent (`start_delivery`) by `sender`, an id of this one send."""

    delivery_id: int
    sender: str = field(default_factory=lambda: str(uuid4()))

    def call(self, db: Database) -> Any:
        return db.rpc("start_delivery", {"p_id": self.delivery_id, "p_sender": self.sender}, SERVICE_CLAIMS)


@dataclass(frozen=True)
class _Outcome:
    """How a send of a delivery went (`finish_delivery`): `error` is None when Telegram took it."""

    delivery_id: int
    error: str | None = None
    permanent: bool = False
    sent_message_id: int | None = None
    unconfirmed: bool = False

    def call(self, db: Database) -> Any:
        return db.rpc("finish_delivery", {"p_id": self.delivery_id, "p_error": self.error, "p_permanent": self.permanent,
                                          "p_sent_message_id": self.sent_message_id, "p_unconfirmed": self.unconfirmed},
                      SERVICE_CLAIMS)


# What this process knows and the database does not, per database and delivery id, recorded before
# the process claims anything again: how a send went that the database could not take down (its
# mark keeps the delivery from any other sender, so it says what happened rather than unconfirmed),
# or a mark whose answer was lost (the sender id that asked, so that it gives back what it never sent).
_unrecorded: weakref.WeakKeyDictionary[Database, dict[int, _Mark | _Outcome]] = weakref.WeakKeyDictionary()
_unrecorded_lock = threading.Lock()


Delivered = Literal["sent", "queued", "refused", "unconfirmed"]
"""How a send went: Telegram took it; it stays queued for a later flush; Telegram refused it for good;
it went out and no answer came, so it is set aside unconfirmed."""


def deliver(db: Database, api: BotApi, delivery_id: int, chat_id: int | str, text: str, *,
            then_flush: UUID | None = None) -> Delivered:
    """Sends a queued delivery now; if the Bot API fails, it stays queued for a later flush. With
    `then_flush`, that channel's other due deliveries follow a send that got through, if it has any
    (recording the send tells, so a webhook with nothing else to send claims nothing)."""
    if not _patiently(db, api, _Mark(delivery_id))["started"]:
        return "queued"  # another sender has it, or it is settled
    error: str | None = None
    permanent = unanswered = False
    sent_message_id = None
    try:
        sent_message_id = (api.send_message(chat_id, text) or {}).get("message_id")
    except BotApiUnanswered as failure:
        log.warning("delivery %s set aside unconfirmed: %s", delivery_id, failure)
        error, permanent = f"{failure}; it may have been delivered, so it is not sent again"[:500], True
        unanswered = True
    except BotApiError as failure:
        if not isinstance(failure, BotApiSkipped):  # the breaker said so once, when it opened
            log.warning("delivery %s %s: %s", delivery_id, "abandoned" if failure.permanent else "stays queued",
                        failure)
        error, permanent = str(failure)[:500], failure.permanent
    others_due = _finish(db, api, _Outcome(delivery_id, error, permanent, sent_message_id, unanswered))
    if error is None and then_flush is not None and others_due:
        flush(db, api, then_flush)
    return "sent" if error is None else "unconfirmed" if unanswered else "refused" if permanent else "queued"


def _finish(db: Database, api: BotApi, outcome: _Outcome) -> bool:
    """Records how a send went; returns whether the channel has other deliveries due. A message that
    went out must not go out again from the outbox."""
    return bool(_patiently(db, api, outcome)["due"])


def _patiently(db: Database, api: BotApi, record: _Mark | _Outcome) -> Any:
    """Marks a delivery as being sent (`start_delivery`) or records how its send went
    (`finish_delivery`), waiting for a database that blinks, within the caller's budget. Past it,
    the call is kept for `_record_unrecorded`: the database may have taken a mark whose answer was
    lost, and then only this sender can give back the delivery it never sent."""
    deadline = api.deadline if api.deadline is not None else time.monotonic() + _DB_PATIENCE_SECONDS
    while True:
        try:
            return record.call(db)
        except Unavailable:
            if time.monotonic() + _DB_RETRY_SECONDS > deadline:
                with _unrecorded_lock:
                    _unrecorded.setdefault(db, {})[record.delivery_id] = record
                raise
            time.sleep(_DB_RETRY_SECONDS)


def _record_unrecorded(db: Database) -> None:
    while True:
        with _unrecorded_lock:  # each taken by one thread: recording it twice could undo a later send
            kept = _unrecorded.get(db)
            if not kept:
                return
            _, record = kept.popitem()
        try:
            match record:
                case _Outcome():
                    record.call(db)
                case _Mark() if record.call(db)["started"]:  # the mark is this sender's, who sent nothing
                    _Outcome(record.delivery_id, error=_NOT_SENT).call(db)
        except Exception:
            with _unrecorded_lock:
                _unrecorded.setdefault(db, {}).setdefault(record.delivery_id, record)
            raise


def flush(db: Database, api: BotApi, channel_id: UUID, *, limit: int = _FLUSH_LIMIT, probe: bool = False) -> int:
    """Sends the channel's due deliveries, each chat's in order, until one fails, none is due, `limit`
    went out or time runs out; returns how many went out. With `probe`, one failed delivery is tried
    first even during its backoff: if it gets through, the Bot API is back and the channel's backlog
    follows at once."""
    _record_unrecorded(db)
    sent = 0
    while sent < limit and not api.out_of_time():
        # One claim holds at most one delivery per chat (the oldest waiting), so claim again for the next.
        batch = {"p_channel_id": str(channel_id), "p_limit": 1 if probe else min(limit - sent, _FLUSH_LIMIT),
                 "p_retry_failed": probe}
        due = db.rpc("claim_deliveries", batch, SERVICE_CLAIMS)
        if not due:
            break
        for item in due:
            # Claimed ones left unsent are due again after their backoff; a down Bot API is not tried ten times.
            if api.out_of_time() or deliver(db, api, item["id"], item["chat_id"], item["text"]) != "sent":
                return sent
            sent += 1
        probe = False
    return sent


def flush_company_bots(db: Database, config: Config, owner_id: UUID, deadline: float | None) -> int:
    """Sends what is due through the company's bots: its posts to managers (a customer waiting for a
    person, what they write meanwhile, a newly qualified lead), each through the bot of its chat."""
    sent = 0
    for bot in db.rpc("company_bots", {"p_owner_id": str(owner_id)}, SERVICE_CLAIMS):
        sent += flush(db, BotApi.for_bot(config, bot["bot_token"], deadline=deadline), UUID(bot["channel_id"]))
    return sent


def sweep(db: Database, config: Config, *, channels: int = 100, seconds: float = 50.0) -> dict[str, Any]:
    """The periodic retry: every channel's waiting deliveries, within `seconds`; then what is past
    its retention is forgotten, so the service's tables stay bounded. First, customers kept waiting
    for a person too long get their note and the managers a reminder, so both go out in this same
    sweep."""
    deadline = time.monotonic() + seconds
    reminded = db.rpc("remind_waiting_customers", {}, SERVICE_CLAIMS)
    sent = tried = 0
    for channel_id in db.rpc("channels_with_waiting_deliveries", {"p_limit": channels}, SERVICE_CLAIMS):
        if time.monotonic() >= deadline:
            break
        credentials = channel_credentials(db, UUID(channel_id))
        if credentials is None or not credentials.bot_token:
            continue
        tried += 1
        # The sweep is each bot's scheduled probe: it tries one delivery even while the bot's
        # circuit breaker is open, and if that gets through, the backlog follows.
        api = BotApi.for_bot(config, credentials.bot_token, deadline=deadline, probe=True)
        sent += flush(db, api, credentials.channel_id, limit=_SWEEP_LIMIT, probe=True)
    retention = {"p_retention_days": config.retention_days}
    forgotten: dict[str, int] = {}
    for forget in ("forget_expired", "forget_billing_events", "forget_crm_history"):
        forgotten |= db.rpc(forget, retention, SERVICE_CLAIMS)
    return {"channels": tried, "delivered": sent, "forgotten": forgotten, "reminded": reminded}


def check_sweep_secret(config: Config, authorization: str | None) -> None:
    """The sweep is for the project's scheduler: `Authorization: Bearer <SALESBOT_CRON_SECRET>`."""
    if config.cron_secret is None:
        raise ApiError("the outbox sweep is off: set SALESBOT_CRON_SECRET", status=503, code="unavailable")
    expected = f"Bearer {config.cron_secret.get_secret_value()}"
    if not hmac.compare_digest((authorization or "").encode(), expected.encode()):
        raise Unauthorized("wrong or missing Authorization for the outbox sweep")
