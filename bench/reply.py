"""How long a manager's answer takes to reach the customer: from POST /reply to the Bot API receiving
the sendMessage (p50, p99) on a quiet stack and while bench/load.py's load runs on the same stack,
and from POST /reply to the text on a visitor's open widget page in headless Chromium (p50).

    python -m bench.reply [--replies 300] [--load-messages 20000] [--widget-replies 20]

It starts the local stack as bench/load.py does (each function under functions-framework's
production server, on an embedded Postgres of its own, a local Bot API). A company of its own has customers waiting on Telegram who asked for a person; a
manager answers them one after another, and each answer is timed from just before its request to
the moment the Bot API server received the sendMessage that carries it. Under load, bench/load.py's
customers write at the same time (10 companies, 50 customers at once, half of them on Telegram, the
outbox sweep every 5 s), and their conversations are checked afterwards as bench/load.py checks
them. The widget's visitor asked for a person with the chat open; it polls every 3 seconds while
open, so its figure is mostly that wait: answers are spread at random over it.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from functools import partial
from pathlib import Path
from typing import Any

import psycopg

from bench import load
from tests.support.widget_site import VISITOR, Site, chromium, load_relay, serve

ASKS_FOR_A_PERSON = "Здравствуйте! Позовите менеджера, пожалуйста"
LOAD_COMPANIES, LOAD_CUSTOMERS = 10, 50  # bench/load.py's defaults


def waiting_customers(stack: load.Stack, company: load.Company, count: int) -> list[str]:
    """Telegram customers of `company` who asked for a person; their customer ids."""
    conn = stack.connection("/telegram")
    for n in range(count):
        user_id = 5_000_000 + n
        update = {"update_id": n + 1, "message": {
            "message_id": n + 1, "date": int(time.time()), "text": ASKS_FOR_A_PERSON,
            "chat": {"id": user_id, "type": "private"}, "from": {"id": user_id, "is_bot": False, "first_name": "Анна"}}}
        status, answer = stack.post(conn, f"/telegram?channel={company.channel_id}", update,
                                    {"X-Telegram-Bot-Api-Secret-Token": company.webhook_secret})
        if status != 200:
            sys.exit(f"a customer's message failed: {status} {answer}")
    with psycopg.connect(stack.database_url) as db:
        return [str(row[0]) for row in db.execute(
            "select id from public.customers where channel_id = %s order by external_id", (company.channel_id,))]


def received_at(stack: load.Stack, text: str, timeout: float = 120.0) -> float:
    """When the Bot API server received the sendMessage carrying `text`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for call in reversed(stack.bot_api.calls):
            if call.method == "sendMessage" and call.status == 200 and call.payload.get("text") == text:
                return call.received_at
        time.sleep(0.002)
    sys.exit(f"the answer never reached the Bot API: {text}")


def answer(stack: load.Stack, conn, company: load.Company, customer_id: str, text: str) -> str:
    status, body = stack.post(conn, "/reply", {"customer_id": customer_id, "text": text},
                              {"Authorization": f"Bearer {company.token}"})
    if status != 200:
        sys.exit(f"POST /reply answered {status}: {body}")
    return body["status"]


def time_telegram_replies(stack: load.Stack, company: load.Company, customers: list[str], count: int,
                          keep_going: threading.Event | None = None) -> tuple[list[float], dict[str, int]]:
    """Answers customers in turn, `count` times (or while `keep_going` is set); the latencies in seconds."""
    conn = stack.connection("/reply")
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    for n in range(10**9):
        if (keep_going is None and n >= count) or (keep_going is not None and not keep_going.is_set()):
            break
        text = f"Ответ менеджера №{n} ({uuid.uuid4().hex[:8]})"
        started = time.monotonic()
        status = answer(stack, conn, company, customers[n % len(customers)], text)
        statuses[status] = statuses.get(status, 0) + 1
        latencies.append(received_at(stack, text) - started)
    return latencies, statuses


def time_widget_replies(stack: load.Stack, company: load.Company, count: int, home: Path) -> list[float]:
    conn = stack.connection("/channels")
    status, widget = stack.post(conn, "/channels", {"kind": "widget", "name": "Site"},
                                {"Authorization": f"Bearer {company.token}"})
    if status != 200:
        sys.exit(f"creating a widget failed: {status} {widget}")
    relay = load_relay().make_relay(f"http://127.0.0.1:{stack.ports['webhook']}/?channel={widget['channel_id']}",
                                    widget["signing_secret"])
    site = Site(relay, "ru", VISITOR % json.dumps(ASKS_FOR_A_PERSON))
    latencies = []
    with serve(site) as url:
        browser = subprocess.Popen(chromium(f"{url}/", home / "chromium"), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            site.wait_for(lambda e: e["kind"] == "message" and e["role"] == "salesbot-msg bot" and "менеджер" in e["text"])
            with psycopg.connect(stack.database_url) as db:
                customer_id = str(db.execute("select id from public.customers where channel_id = %s",
                                             (widget["channel_id"],)).fetchone()[0])
            rng = random.Random(7)
            for n in range(count):
                time.sleep(rng.uniform(0, 3))  # anywhere in the widget's polling cycle
                text = f"Менеджер на связи, №{n}"
                started = time.monotonic()
                answer(stack, conn, company, customer_id, text)
                shown, _ = site.wait_for(partial(_shows, text))
                latencies.append(shown - started)
        finally:
            browser.terminate()
            browser.wait(timeout=30)
    return latencies


def under_load(stack: load.Stack, companies: list[load.Company], company: load.Company, customers: list[str],
               messages: int) -> tuple[list[float], dict[str, int], load.Run, load.Check, float]:
    """bench/load.py's load on the same stack, and the manager answering the whole time it runs."""
    run = load.Run(messages)
    stop_scheduler, answering = threading.Event(), threading.Event()
    sweeps = threading.Thread(target=load.scheduler, args=(stack, stop_scheduler))
    writers = [threading.Thread(target=load.customer, args=(
        stack, run, slot, companies[slot % LOAD_COMPANIES], ("chat", "telegram")[slot // LOAD_COMPANIES % 2]))
        for slot in range(LOAD_CUSTOMERS)]
    timed: dict[str, tuple[list[float], dict[str, int]]] = {}
    manager = threading.Thread(target=lambda: timed.setdefault(
        "replies", time_telegram_replies(stack, company, customers, 0, answering)))
    answering.set()
    started = time.perf_counter()
    for thread in (sweeps, *writers, manager):
        thread.start()
    for thread in writers:
        thread.join()
    seconds = time.perf_counter() - started
    answering.clear()
    manager.join()
    load.drain_outbox(stack, 600)
    stop_scheduler.set()
    sweeps.join()
    return (*timed["replies"], run, load.check(stack, run, companies), seconds)


def summary(latencies: list[float], unit: str = "ms") -> str:
    scale = 1000 if unit == "ms" else 1
    values = [latency * scale for latency in latencies]
    digits = 0 if unit == "ms" else 2
    return (f"p50 {statistics.median(values):.{digits}f} {unit}, p99 {load.percentile(values, 0.99):.{digits}f} {unit},"
            f" max {max(values):.{digits}f} {unit}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replies", type=int, default=300, help="answers timed on the quiet stack")
    parser.add_argument("--customers", type=int, default=20, help="Telegram customers waiting for them")
    parser.add_argument("--load-messages", type=int, default=20_000, help="bench/load.py's messages; 0: no load")
    parser.add_argument("--widget-replies", type=int, default=20, help="answers timed on a widget page; 0: none")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the site's request lines
    options = argparse.Namespace(llm_faults=None, reply_deadline=3.0)
    with tempfile.TemporaryDirectory(prefix="salesbot-reply-") as home, load.local_stack(options, Path(home)) as stack:
        companies = load.sign_up_companies(stack, LOAD_COMPANIES + 1)
        company = companies[LOAD_COMPANIES]
        customers = waiting_customers(stack, company, args.customers)
        print("salesbot reply: POST /reply to the customer; each function a functions-framework process, offline engine, "
              "embedded Postgres, a local Bot API, all over loopback")
        quiet, statuses = time_telegram_replies(stack, company, customers, args.replies)
        print(f"  Telegram, quiet       {len(quiet)} answers: {summary(quiet)}  {statuses}"
              " (to the Bot API receiving sendMessage)")
        if args.widget_replies:
            shown = time_widget_replies(stack, company, args.widget_replies, Path(home))
            print(f"  widget, quiet         {len(shown)} answers: {summary(shown, 's')}"
                  " (to the text on the page; the open widget polls every 3 s)")
        if args.load_messages:
            loaded, statuses, run, checked, seconds = under_load(stack, companies[:LOAD_COMPANIES], company,
                                                                 customers, args.load_messages)
            print(f"  Telegram, under load  {len(loaded)} answers: {summary(loaded)}  {statuses}"
                  f" while bench/load.py's {len(run.latencies):,} messages ran"
                  f" ({len(run.latencies) / seconds:.0f} messages/s, their p50"
                  f" {statistics.median(run.latencies) * 1000:.0f} ms); their check: {checked.failures()} failures")
    sys.exit(1 if args.load_messages and checked.failures() else 0)


def _shows(text: str, event: dict[str, Any]) -> bool:
    """Whether the page's event is the reply `text` appearing."""
    return event.get("text") == text


if __name__ == "__main__":
    main()
