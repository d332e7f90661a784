"""`salesbot crm`: a company's integrations (signed webhooks, amoCRM, Bitrix24, HubSpot) on the local
stack, with the user's own rights, through the same RPCs and helpers the console uses."""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterator
from typing import Any
from uuid import UUID

from salesbot.commands.common import as_user, database_url
from salesbot.config import Config
from salesbot.crm.models import CRM_EVENTS, EVENT_TYPES, WEBHOOK_EVENTS
from salesbot.db import PostgresDatabase, company_arg


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    crm = commands.add_parser("crm", help="send a company's leads to its CRM: webhooks, amoCRM, Bitrix24, HubSpot")
    actions: argparse._SubParsersAction[argparse.ArgumentParser] = crm.add_subparsers(
        dest="crm_command", required=True, parser_class=type(crm))

    def action(name: str, summary: str, handler: Any, *, integration: bool = False) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=summary)
        parser.add_argument("--email", required=True, help="a member of the company (admin and above to change things)")
        parser.add_argument("--company", type=UUID, help="the company's id, for a member of several")
        if integration:
            parser.add_argument("--integration", type=UUID, required=True)
        parser.set_defaults(handler=handler)
        return parser

    action("list", "the company's integrations, with pending and dead deliveries", _list)
    webhook = action("add-webhook", "a signed webhook endpoint; prints its signing secret, this once", _add_webhook)
    webhook.add_argument("--url", required=True, help="https, on a public address")
    webhook.add_argument("--name", default="Webhook")
    webhook.add_argument("--events", type=_events, default=list(WEBHOOK_EVENTS),
                         help=f"comma-separated, of: {', '.join(EVENT_TYPES)}")
    for kind, name, credential, meaning in (("bitrix24", "Bitrix24", "--webhook-url", "the portal's incoming webhook URL"),
                                            ("hubspot", "HubSpot", "--token", "the private app's access token")):
        crm_action = action(f"add-{kind}", f"connect {name}", _add_crm)
        crm_action.add_argument(credential, dest="credential", required=True, help=meaning)
        crm_action.add_argument("--name", default=name)
        crm_action.add_argument("--settings", type=json.loads, default={}, help="JSON: our statuses to its stages...")
        crm_action.set_defaults(kind=kind)
    amo = action("add-amocrm", "print the link an admin follows to connect amoCRM", _add_amocrm)
    amo.add_argument("--name", default="amoCRM")
    amo.add_argument("--settings", type=json.loads, default={}, help='JSON, e.g. {"pipeline_id": 1, "statuses": {...}}')
    amo.add_argument("--reauthorize", type=UUID, help="an existing amoCRM integration whose tokens were revoked")
    change = action("set", "rename, re-point, re-subscribe, configure, pause or resume", _set, integration=True)
    change.add_argument("--name")
    change.add_argument("--url")
    change.add_argument("--events", type=_events)
    change.add_argument("--settings", type=json.loads)
    change.add_argument("--active", choices=["yes", "no"])
    action("rotate-secret", "a new signing secret for a webhook; prints it, this once", _rotate, integration=True)
    action("test", "send a test event now and print how it went", _test, integration=True)
    log = action("log", "the delivery log, newest first", _log)
    log.add_argument("--integration", type=UUID)
    log.add_argument("--state", choices=["pending", "delivered", "dead"])
    log.add_argument("--limit", type=int, default=20)
    retry = action("retry", "queue a dead delivery again", _retry)
    retry.add_argument("--delivery", type=int, required=True)
    action("remove", "remove an integration, its credentials and its log", _remove, integration=True)


def _events(value: str) -> list[str]:
    events = [event.strip() for event in value.split(",") if event.strip()]
    unknown = sorted(set(events) - set(EVENT_TYPES))
    if unknown or not events:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(EVENT_TYPES)}")
    return events


@contextlib.contextmanager
def _member(args: argparse.Namespace) -> Iterator[tuple[PostgresDatabase, dict[str, Any], UUID | None]]:
    """The database, the user's claims, and the company they act for: --company, or None for their
    only one; the database refuses to guess among several."""
    with as_user(args.email) as (database, claims):
        yield database, claims, args.company


def _print(value: Any) -> int:
    print(json.dumps(value, ensure_ascii=False, default=str))
    return 0


def _list(args: argparse.Namespace) -> int:
    with _member(args) as (database, claims, company):
        return _print(database.rpc("list_integrations", {"p_owner_id": company_arg(company)}, claims))


def _add_webhook(args: argparse.Namespace) -> int:
    from salesbot.crm import manage

    with _member(args) as (database, claims, company):
        return _print(manage.connect_webhook(database, claims, Config.from_env(), company, args.name, args.url,
                                             args.events))


def _add_crm(args: argparse.Namespace) -> int:
    from salesbot.crm import manage

    with _member(args) as (database, claims, company):
        return _print(manage.connect_crm(database, claims, Config.from_env(), company, args.kind, args.name, args.credential,
                                         args.settings, CRM_EVENTS))


def _add_amocrm(args: argparse.Namespace) -> int:
    from salesbot.crm import manage

    with _member(args) as (database, claims, company):
        return _print(manage.begin_amocrm(database, claims, Config.from_env(), company, args.name, args.settings,
                                          args.reauthorize))


def _set(args: argparse.Namespace) -> int:
    from salesbot.crm import manage

    with _member(args) as (database, claims, company):
        settings = args.settings
        if settings is not None:
            kind = next(i["kind"] for i in database.rpc("list_integrations", {"p_owner_id": company_arg(company)}, claims)
                        if i["id"] == str(args.integration))
            settings = manage.validated_settings(kind, settings) if kind != "webhook" else settings
        return _print(manage.change_integration(
            database, claims, Config.from_env(), company, args.integration, name=args.name, url=args.url,
            events=args.events, settings=settings, is_active=None if args.active is None else args.active == "yes"))


def _rotate(args: argparse.Namespace) -> int:
    from salesbot.crm import manage

    with _member(args) as (database, claims, company):
        return _print(manage.rotate_webhook_secret(database, claims, company, args.integration))


def _test(args: argparse.Namespace) -> int:
    from salesbot.outbox import sweep

    with _member(args) as (database, claims, company):
        queued = database.rpc("send_test_event", {"p_owner_id": company_arg(company),
                                                  "p_integration_id": str(args.integration)}, claims)
        sweeper = PostgresDatabase(database_url(), max_size=6)
        try:
            sweep(sweeper, Config.from_env(), seconds=15)
        finally:
            sweeper.close()
        log = database.rpc("crm_delivery_log", {"p_owner_id": company_arg(company), "p_integration_id": str(args.integration),
                                                "p_limit": 50}, claims)
        entry = next(entry for entry in log if entry["id"] == queued["delivery_id"])
        _print(entry)
        return 0 if entry["state"] == "delivered" else 1


def _log(args: argparse.Namespace) -> int:
    with _member(args) as (database, claims, company):
        return _print(database.rpc("crm_delivery_log", {
            "p_owner_id": company_arg(company), "p_integration_id": str(args.integration) if args.integration else None,
            "p_state": args.state, "p_limit": args.limit}, claims))


def _retry(args: argparse.Namespace) -> int:
    with _member(args) as (database, claims, company):
        return _print(database.rpc("retry_crm_delivery", {"p_owner_id": company_arg(company), "p_delivery_id": args.delivery},
                                   claims))


def _remove(args: argparse.Namespace) -> int:
    with _member(args) as (database, claims, company):
        return _print(database.rpc("remove_integration", {"p_owner_id": company_arg(company),
                                                          "p_integration_id": str(args.integration)}, claims))
