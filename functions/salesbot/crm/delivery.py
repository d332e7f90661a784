"""The delivery loop the outbox sweep runs for integrations.

A few workers each lease one integration at a time (so a CRM's rate limit and its rotating tokens
have one user), and go on while there is anything due, so under steady traffic a sweep keeps
delivering within its time budget instead of leaving what arrived meanwhile to the next one. A
worker claims an integration's due deliveries (each the oldest pending of its conversation, so a
conversation's events arrive in order) and hands each to the integration's connector. A failure
that retrying can fix stops that integration's turn: the endpoint is down or asks us to slow down,
and the rest wait for their backoff. The database keeps the schedule: backoff for 24 hours, one
probe a minute of a failing integration, its backlog due at once when the probe gets through.
Delivery is at least once: a receiver takes an event in once by its `webhook-id`; a CRM record is
created once, as `crm.sync` describes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ValidationError

from salesbot.config import Config
from salesbot.crm.errors import DeliveryFailed, Refused
from salesbot.crm.models import SETTINGS, Delivery, Integration, LeadSnapshot, Link
from salesbot.crm.outbound import Session
from salesbot.db import SERVICE_CLAIMS, Database
from salesbot.errors import Unavailable

log = logging.getLogger(__name__)

_BATCH = 20
_WORKERS = 4
_LEASE_MARGIN_SECONDS = 30  # a lease outlives its worker's deadline by this, then lapses
_MIN_SECONDS_LEFT = 1.0


@dataclass
class Connection:
    """What a connector works with while its integration is leased."""

    db: Database
    config: Config
    integration: Integration
    session: Session
    deadline: float  # time.monotonic() by which this worker stops

    def settings(self, model: type[BaseModel]) -> Any:
        try:
            return model.model_validate(self.integration.settings)
        except ValidationError as error:
            raise Refused(f"the integration's settings are wrong: {error.errors()[0]['msg']}") from None

    def record_link(self, lead: LeadSnapshot, link: Link) -> None:
        self.db.rpc("record_crm_link", {"p_integration_id": str(self.integration.id), "p_lead_id": str(lead.id),
                                        "p_external_id": link.external_id,
                                        "p_external_contact_id": link.external_contact_id}, SERVICE_CLAIMS)

    def conversation(self, customer_id: UUID) -> dict[str, Any]:
        return self.db.rpc("crm_lead_conversation", {"p_customer_id": str(customer_id)}, SERVICE_CLAIMS) or {}

    def store_credentials(self, credentials: dict[str, Any]) -> None:
        self.integration.credentials = credentials
        self.db.rpc("store_crm_credentials", {"p_integration_id": str(self.integration.id),
                                              "p_credentials": credentials}, SERVICE_CLAIMS)


def _connector(connection: Connection) -> Callable[[Delivery], str]:
    """The function that delivers one event to this integration (each kind loaded when needed)."""
    kind = connection.integration.kind
    if kind == "webhook":
        from salesbot.crm import webhooks

        return lambda delivery: webhooks.deliver(connection, delivery.event)
    from salesbot.crm.sync import CrmRecords, sync

    records: CrmRecords
    if kind == "amocrm":
        from salesbot.crm.amocrm import AmoCrm

        records = AmoCrm(connection, connection.settings(SETTINGS[kind]))
    elif kind == "bitrix24":
        from salesbot.crm.bitrix24 import Bitrix24

        records = Bitrix24(connection, connection.settings(SETTINGS[kind]))
    else:
        from salesbot.crm.hubspot import HubSpot

        records = HubSpot(connection, connection.settings(SETTINGS[kind]))
    return lambda delivery: sync(records, connection, delivery)


def sweep(db: Database, config: Config, *, seconds: float = 50.0, workers: int = _WORKERS) -> dict[str, int]:
    """Delivers what is due to every integration within `seconds`; returns what it did."""
    deadline = time.monotonic() + seconds
    counts: Counter[str] = Counter()
    resting: set[UUID] = set()  # integrations done for this sweep: nothing to try, or failing
    lock = threading.Lock()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crm-delivery") as pool:
        for _ in range(workers):
            pool.submit(_work, db, config, deadline, counts, resting, lock)
    return {key: counts[key] for key in ("integrations", "delivered", "failed", "dead")}


def _work(db: Database, config: Config, deadline: float, counts: Counter[str], resting: set[UUID],
          lock: threading.Lock) -> None:
    lease_seconds = int(deadline - time.monotonic()) + _LEASE_MARGIN_SECONDS
    try:
        while deadline - time.monotonic() > _MIN_SECONDS_LEFT:
            with lock:
                skip = [str(integration_id) for integration_id in resting]
            leased = db.rpc("lease_crm_integration", {"p_seconds": lease_seconds, "p_skip": skip}, SERVICE_CLAIMS)
            if not leased:
                return
            integration = Integration.model_validate(leased)
            try:
                with lock:
                    # Another worker may have been done with it (and released it) after this one read
                    # `skip`: a failing endpoint must not be tried twice in a sweep.
                    if integration.id in resting:
                        continue
                with Session(allow_private=config.allow_private_endpoints) as session:
                    done = deliver_integration(Connection(db, config, integration, session, deadline))
                with lock:
                    if not done or done["failed"]:
                        # Nothing to try, or failing: no worker spins on it, and a failing endpoint gets
                        # one try a sweep while the others are served. Marked before its lease is
                        # released, or another worker of this sweep could lease it again in between.
                        resting.add(integration.id)
                    counts.update(done)
                    counts["integrations"] += 1
            finally:
                db.rpc("release_crm_integration", {"p_integration_id": str(integration.id)}, SERVICE_CLAIMS)
    except Unavailable:
        log.warning("integration deliveries stopped: the database is unavailable")
    except Exception:
        log.exception("integration deliveries stopped")


def deliver_integration(connection: Connection) -> Counter[str]:
    """Delivers the leased integration's due deliveries, in order per conversation, until none is
    due, one fails in a way that retrying can fix, or time runs out. Outcomes are recorded a batch
    at a time."""
    counts: Counter[str] = Counter()
    try:
        deliver = _connector(connection)
    except DeliveryFailed as failure:
        deliver = _always_failing(failure)
    probe = True
    while connection.deadline - time.monotonic() > _MIN_SECONDS_LEFT:
        batch = connection.db.rpc("claim_crm_deliveries", {"p_integration_id": str(connection.integration.id),
                                                           "p_limit": _BATCH, "p_probe": probe}, SERVICE_CLAIMS)
        probe = False
        if not batch:
            break
        outcomes = []
        stopped: DeliveryFailed | None = None
        for item in batch:
            if stopped is not None:  # claimed, not tried: they wait their turn
                outcomes.append(_outcome(item["id"], DeliveryFailed(f"not tried: {stopped.reason}",
                                                                    retry_after=stopped.retry_after)))
                continue
            delivery = Delivery.model_validate(item)
            outcome = _attempt(connection, deliver, delivery)
            outcomes.append(outcome)
            failed = outcome.get("failure")
            if failed is not None and not failed.permanent:
                stopped = failed
        finished = connection.db.rpc("finish_crm_deliveries", {"p_outcomes": [
            {key: value for key, value in outcome.items() if key != "failure"} for outcome in outcomes]},
            SERVICE_CLAIMS)
        counts.update({key: finished[key] for key in ("delivered", "failed", "dead")})
        if stopped is not None:
            break
    return counts


def _attempt(connection: Connection, deliver: Callable[[Delivery], str], delivery: Delivery) -> dict[str, Any]:
    try:
        return {"id": delivery.id, "outcome": deliver(delivery)}
    except DeliveryFailed as failure:
        log.warning("delivery %s to integration %s failed: %s", delivery.id, connection.integration.id,
                    failure.reason)
        return _outcome(delivery.id, failure)
    except Unavailable:
        raise
    except Exception:
        log.exception("delivery %s to integration %s failed unexpectedly", delivery.id, connection.integration.id)
        return _outcome(delivery.id, DeliveryFailed("internal error while delivering; it is retried"))


def _outcome(delivery_id: int, failure: DeliveryFailed) -> dict[str, Any]:
    return {"id": delivery_id, "error": failure.reason, "permanent": failure.permanent,
            "retry_after": None if failure.retry_after is None else max(1, round(failure.retry_after)),
            "status": failure.status, "failure": failure}


def _always_failing(failure: DeliveryFailed) -> Callable[[Delivery], str]:
    def deliver(_: Delivery) -> str:
        raise failure

    return deliver
