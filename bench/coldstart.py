"""Cold start: process start to the first answered request, for our entry points and for a
hello-world functions-framework function measured in the same run.

    python -m bench.coldstart [--runs 7]

Every process is started the way a host starts one (`functions-framework --source ... --target
...`), and each figure is the median over the runs, interleaved so that all see the same machine:

- turned away: the first request has no token (401). Importing the entry point, routing and
  answering, with no database: what the issue's goal of 1.5x hello world is about.
- first reply: the first request is a real customer message (the test chat with a valid token;
  a Telegram update with the channel's secret), the database already up, as it is in production:
  importing, connecting to Postgres, checking the caller, loading the offline engine, storing the
  message and the reply, and for Telegram sending it to a local Bot API.

Our modules' bytecode is compiled before the runs, as an installed package's is (pip compiles it)
and as a deploy step would (`python -m compileall functions`): where PYTHONDONTWRITEBYTECODE is set
and nothing compiled them, every start compiles them from source again (about 40 ms of CPU, which
`--source-only` measures: it removes their bytecode first).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

from salesbot.channels.connect import connect_telegram
from salesbot.config import Config
from salesbot.db import PostgresDatabase
from salesbot.local import accounts, tokens
from salesbot.local.database import as_functions_role, prepare, start_embedded
from tests.servers.telegram import BotApiServer, serve_bot_api

ROOT = Path(__file__).resolve().parents[1]
HELLO = '''
import functions_framework


@functions_framework.http
def hello(request):
    return "hello"
'''
JWT_SECRET = "coldstart-" + os.urandom(24).hex()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_answer_seconds(source: Path, target: str, env: dict[str, str], *, body: dict | None = None,
                         headers: dict[str, str] | None = None, query: str = "", expect: int) -> float:
    """Starts the function and posts `body` until the server answers; returns how long that took."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "functions-framework"), "--source", str(source), "--target", target,
               "--port", str(port)]
    data = json.dumps(body or {}).encode()
    request_headers = {"Content-Type": "application/json", **(headers or {})}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/{query}", data=data, headers=request_headers)
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None:
                    raise SystemExit(f"{target} exited before answering") from None
                time.sleep(0.005)
                continue
            elapsed = time.perf_counter() - started
            if status != expect:
                raise SystemExit(f"{target} answered {status}, not {expect}")
            return elapsed
    finally:
        process.terminate()
        process.wait()


def sign_up(url: str, bot_api: BotApiServer) -> tuple[str, str, str]:
    """A company's owner token, and a Telegram bot the owner connected, with its webhook secret."""
    with psycopg.connect(url, autocommit=True) as conn:
        account = accounts.sign_up(conn, f"coldstart-{time.time_ns()}@example.com", "correct horse", "Cold Realty")
    claims = tokens.access_token_claims(account.user_id, account.email)
    config = Config(public_url="https://functions.example.test", telegram_api_base=bot_api.url)
    database = PostgresDatabase(as_functions_role(url), max_size=1)
    try:
        channel = connect_telegram(database, claims, config, "Cold bot", f"700000001:{'C' * 35}", account.company)
    finally:
        database.close()
    secret = bot_api.sent("setWebhook")[-1]["secret_token"]
    return tokens.sign(claims, JWT_SECRET), channel["channel_id"], secret


def telegram_update(n: int) -> dict:
    user = {"id": 10**9 + n, "is_bot": False, "first_name": "Cold", "language_code": "ru"}
    return {"update_id": n + 1, "message": {"message_id": n + 1, "date": int(time.time()), "from": user,
                                            "chat": {"id": user["id"], "type": "private"},
                                            "text": "Здравствуйте! Ищу студию"}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--source-only", action="store_true", help="remove our modules' bytecode first")
    options = parser.parse_args()
    runs = options.runs
    if options.source_only:
        for cache in (ROOT / "functions").rglob("__pycache__"):
            shutil.rmtree(cache)
    else:
        compileall.compile_dir(ROOT / "functions", quiet=1)
    with tempfile.TemporaryDirectory(prefix="salesbot-coldstart-") as tmp, serve_bot_api() as bot_api:
        url = start_embedded(Path(tmp) / "pgdata", keep_running=False)
        prepare(url)
        token, channel_id, webhook_secret = sign_up(url, bot_api)
        env = {**os.environ, "DATABASE_URL": as_functions_role(url), "SUPABASE_JWT_SECRET": JWT_SECRET,
               "TELEGRAM_API_BASE": bot_api.url}
        env.pop("OPENAI_API_KEY", None)
        hello = Path(tmp) / "main.py"
        hello.write_text(HELLO)
        functions = ROOT / "functions" / "main.py"
        auth = {"Authorization": f"Bearer {token}"}
        message = {"customer": "", "text": "Здравствуйте! Ищу двухкомнатную квартиру в Казани"}
        measures = {
            "hello world": lambda n: first_answer_seconds(hello, "hello", env, expect=200),
            "chat, turned away (401)": lambda n: first_answer_seconds(functions, "chat", env, expect=401),
            "extract_leads, turned away (401)": lambda n: first_answer_seconds(
                functions, "extract_leads", env, expect=401),
            "telegram, turned away (401)": lambda n: first_answer_seconds(functions, "telegram", env, expect=401),
            "telegram, first reply (200)": lambda n: first_answer_seconds(
                functions, "telegram", env, body=telegram_update(n), query=f"?channel={channel_id}",
                headers={"X-Telegram-Bot-Api-Secret-Token": webhook_secret}, expect=200),
            "chat, first reply (200)": lambda n: first_answer_seconds(
                functions, "chat", env, body={**message, "customer": f"cold-{n}"}, headers=auth, expect=200),
        }
        results: dict[str, list[float]] = {name: [] for name in measures}
        for n in range(runs):
            for name, measure in measures.items():
                results[name].append(measure(n))
    base = statistics.median(results["hello world"])
    print(f"process start to first answered request, median of {runs} runs:")
    for name, samples in results.items():
        median = statistics.median(samples)
        print(f"  {name:34} {median * 1000:6.0f} ms   {median / base:4.2f}x hello world")


if __name__ == "__main__":
    main()
