"""Cold start: process start to the first answered request, for our entry points and for a
hello-world functions-framework function measured in the same run.

    python -m bench.coldstart [--runs 7] [--against TREE] [--breakdown] [--instructions]

Every process is started the way a host starts one (`functions-framework --source ... --target
...`), and each figure is the median over the runs, interleaved so that all see the same machine:

- turned away: the first request has no token (401). Importing the entry point, routing and
  answering, with no database: what the issue's goal of 1.5x hello world is about.
- first reply: the first request is a real customer message (the test chat with a valid token;
  a Telegram update with the channel's secret), the database already up, as it is in production:
  importing, connecting to Postgres, checking the caller, loading the offline engine, storing the
  message and the reply, and for Telegram sending it to a local Bot API.

Beside them, the floor: a function that does the least any first reply does on our libraries (pydantic
validates the body with one model, a psycopg pool runs one query, no collections while their
imports pile up, as in main.py), against hello world too. What our entry points cost above it is
our own code's; the floor itself is pydantic's and psycopg's imports.

Beside the time, each start reports the CPU its server (gunicorn's master and worker) had used by
its first answer, read from /proc: on a machine busy with other work the time stretches with
whatever else runs, the CPU far less, so its ratio to hello world's is the steadier figure there.

Our modules' bytecode is compiled before the runs, as an installed package's is (pip compiles it)
and as a deploy step would (`python -m compileall functions`): where PYTHONDONTWRITEBYTECODE is set
and nothing compiled them, every start compiles them from source again (about 40 ms of CPU, which
`--source-only` measures: it removes their bytecode first).

`--against TREE` runs another checkout's functions beside ours, interleaved in the same run (its
`functions/` first on the path): `git worktree add --detach ../main main`, then `--against ../main`,
gives a change's before and after on the same machine at the same moment. Both trees must share
the migrations.

`--breakdown` starts each entry point once more under `-X importtime` and prints where its import
CPU goes, by package: while importing the entry point (before gunicorn forks its worker, paid by a
request turned away too) and in the first request. The time a first request spends that is not
imports (connecting, the RPCs, compiling the engine's patterns) is what is left of its figure.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench.ports import free_port
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
LIBRARIES = '''
import gc
import os

gc.disable()  # as main.py holds it back: while the imports pile up, collections free next to nothing

import functions_framework
from psycopg_pool import ConnectionPool
from pydantic import BaseModel


class Message(BaseModel):
    customer: str
    text: str


pool = None


@functions_framework.http
def libraries(request):
    global pool
    message = Message.model_validate_json(request.get_data())
    if pool is None:  # in the worker: a connection is not shared across the host's fork
        pool = ConnectionPool(os.environ["DATABASE_URL"], min_size=1, open=True)
    with pool.connection() as conn:
        text = conn.execute("select %s::text", [message.text]).fetchone()[0]
    gc.enable()
    return text
'''
"""The least a first reply costs on our two libraries: pydantic validates the body (one model), a
psycopg pool runs one query, with no collections while their imports pile up (about 150 that free
next to nothing, 5-7% of its CPU). No entry point of ours can start faster than this."""
IN_PROCESS = '''
import json
import sys

import functions_framework._cli, functions_framework._http.gunicorn, gunicorn.arbiter, gunicorn.workers.gthread, flask

source, target, request, expect = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
app = functions_framework.create_app(target, source)
response = app.test_client().post("/" + request["query"], json=request["body"], headers=request["headers"])
if response.status_code != expect:
    raise SystemExit(f"{target} answered {response.status_code}, not {expect}")
'''
"""One start in process, for valgrind: the host's modules as its CLI imports them, the app, one
request through the app's test client."""
JWT_SECRET = "coldstart-" + os.urandom(24).hex()


Start = Callable[[Path, dict[str, str], int, Path | None], "Answered"]
"""Starts an entry point (its main.py, environment, start number, stderr) and times its first answer.
The number is unique to each tree's start in a run: a Telegram update seen before is answered from
the stored reply, and a customer seen before has a conversation, so no tree may reuse another's."""


@dataclass(frozen=True)
class Answered:
    seconds: float  # process start to the first answer
    cpu: float  # CPU seconds the server (gunicorn's master and worker) had used by then


def first_answer_seconds(source: Path, target: str, env: dict[str, str], *, body: dict | None = None,
                         headers: dict[str, str] | None = None, query: str = "", expect: int,
                         stderr: Path | None = None) -> Answered:
    """Starts the function and posts `body` until the server answers: how long that took, and the
    CPU the server used meanwhile (which a busy machine stretches far less than the time).
    `stderr`: a file for the server's standard error."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "functions-framework"), "--source", str(source), "--target", target,
               "--port", str(port)]
    data = json.dumps(body or {}).encode()
    request_headers = {"Content-Type": "application/json", **(headers or {})}
    with (stderr or Path(os.devnull)).open("w") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        try:
            answered = _answered_after(process, port, data, request_headers, query, expect, target) - started
            return Answered(answered, _cpu_seconds(process.pid))
        finally:
            process.terminate()
            process.wait()


def instructions(source: Path, target: str, env: dict[str, str], *, body: dict | None = None,
                 headers: dict[str, str] | None = None, query: str = "", expect: int) -> int:
    """The instructions one start in process executes, to its first answer (valgrind's cachegrind:
    user space, the same count on a busy machine as on an idle one)."""
    request = json.dumps({"body": body or {}, "headers": headers or {}, "query": query})
    with tempfile.TemporaryDirectory(prefix="salesbot-cachegrind-") as tmp:
        result = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={tmp}/out",
                                 sys.executable, "-c", IN_PROCESS, str(source), target, request, str(expect)],
                                env=env, capture_output=True, text=True, check=False)
    counted = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if result.returncode or not counted:
        raise SystemExit(f"{target} under valgrind: {result.stderr[-2000:]}")
    return int(counted[1].replace(",", ""))


def _cpu_seconds(pid: int) -> float:
    """CPU seconds a process and its children (gunicorn's worker) have used so far (Linux /proc)."""
    used = 0
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split() if entry.name.isdigit() else []
        except OSError:
            continue  # gone
        if fields and pid in (int(entry.name), int(fields[1])):
            used += int(fields[11]) + int(fields[12])
    return used / os.sysconf("SC_CLK_TCK")


def _answered_after(process: subprocess.Popen[bytes], port: int, data: bytes, headers: dict[str, str], query: str,
                    expect: int, target: str) -> float:
    """When the server first answered (perf_counter), posting until it does."""
    while True:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/{query}", data=data, headers=headers)
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
        answered = time.perf_counter()
        if status != expect:
            raise SystemExit(f"{target} answered {status}, not {expect}")
        return answered


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


def import_breakdown(log: Path) -> tuple[Counter[str], Counter[str]]:
    """Import CPU (microseconds, each module's own) by top-level package, from a server's `-X importtime`
    log: while the host imports the entry point, and once gunicorn is up (the first request)."""
    groups: list[tuple[str, Counter[str]]] = []  # a top-level import, with every module it imported
    imported: Counter[str] = Counter()
    for line in log.read_text().splitlines():
        if not line.startswith("import time:") or line.endswith("package"):
            continue
        own, _, name = line.removeprefix("import time:").split("|")
        imported[name.strip().split(".")[0]] += int(own)
        if not name.startswith("  "):  # the log lists a module after those it imported
            groups.append((name.strip(), imported))
            imported = Counter()
    names = [name for name, _ in groups]
    host = next(i for i, name in enumerate(names) if name.startswith("functions_framework"))  # its CLI
    server = next(i for i, name in enumerate(names) if i > host and name.startswith("functions_framework._http"))
    workers = max(i for i, name in enumerate(names) if name.startswith("gunicorn"))
    return sum((c for _, c in groups[host + 1:server]), Counter()), sum((c for _, c in groups[workers + 1:]), Counter())


def described_breakdown(name: str, log: Path, hello: tuple[Counter[str], Counter[str]]) -> str:
    entry_point, first_request = import_breakdown(log)
    first_request -= hello[1]  # what serving any request imports

    def listed(phase: Counter[str]) -> str:
        top = ", ".join(f"{package} {micros / 1000:.0f}" for package, micros in phase.most_common(6) if micros >= 1000)
        return f"{phase.total() / 1000:4.0f} ms ({top})"

    return f"  {name}\n    importing the entry point {listed(entry_point)}\n    first request {listed(first_request)}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--source-only", action="store_true", help="remove our modules' bytecode first")
    parser.add_argument("--against", type=Path, metavar="TREE", help="another checkout's functions, side by side")
    parser.add_argument("--breakdown", action="store_true", help="import CPU by package, under -X importtime")
    parser.add_argument("--instructions", action="store_true", help="instructions in process, under valgrind")
    options = parser.parse_args()
    runs = options.runs
    trees = {"this tree": ROOT, **({options.against.resolve().name: options.against.resolve()} if options.against else {})}
    for tree in trees.values():
        if options.source_only:
            for cache in (tree / "functions").rglob("__pycache__"):
                shutil.rmtree(cache)
        else:
            compileall.compile_dir(tree / "functions", quiet=1)
    with tempfile.TemporaryDirectory(prefix="salesbot-coldstart-") as tmp, serve_bot_api() as bot_api:
        url = start_embedded(Path(tmp) / "pgdata", keep_running=False)
        prepare(url)
        token, channel_id, webhook_secret = sign_up(url, bot_api)
        base_env = {**os.environ, "DATABASE_URL": as_functions_role(url), "SUPABASE_JWT_SECRET": JWT_SECRET,
                    "TELEGRAM_API_BASE": bot_api.url}
        base_env.pop("OPENAI_API_KEY", None)
        hello = Path(tmp) / "main.py"
        hello.write_text(HELLO)
        libraries = Path(tmp) / "libraries" / "main.py"
        libraries.parent.mkdir()
        libraries.write_text(LIBRARIES)
        auth = {"Authorization": f"Bearer {token}"}
        message = {"customer": "", "text": "Здравствуйте! Ищу двухкомнатную квартиру в Казани"}
        starts: dict[str, Start] = {
            "chat, turned away (401)": lambda main, env, n, log: first_answer_seconds(
                main, "chat", env, expect=401, stderr=log),
            "extract_leads, turned away (401)": lambda main, env, n, log: first_answer_seconds(
                main, "extract_leads", env, expect=401, stderr=log),
            "telegram, turned away (401)": lambda main, env, n, log: first_answer_seconds(
                main, "telegram", env, expect=401, stderr=log),
            "telegram, first reply (200)": lambda main, env, n, log: first_answer_seconds(
                main, "telegram", env, body=telegram_update(n), query=f"?channel={channel_id}",
                headers={"X-Telegram-Bot-Api-Secret-Token": webhook_secret}, expect=200, stderr=log),
            "chat, first reply (200)": lambda main, env, n, log: first_answer_seconds(
                main, "chat", env, body={**message, "customer": f"cold-{n}"}, headers=auth, expect=200, stderr=log),
        }
        # Each tree's functions come first on the path (ahead of the editable install of this one).
        envs = {label: {**base_env, "PYTHONPATH": os.pathsep.join(filter(None, (
            str(tree / "functions"), base_env.get("PYTHONPATH"))))} for label, tree in trees.items()}
        hello_runs: list[Answered] = []
        libraries_runs: list[Answered] = []
        breakdown: list[str] = []
        results: dict[tuple[str, str], list[Answered]] = {}
        for n in range(runs):
            hello_runs.append(first_answer_seconds(hello, "hello", base_env, expect=200))
            libraries_runs.append(first_answer_seconds(libraries, "libraries", base_env, body=message, expect=200))
            for name, start in starts.items():
                for index, (label, tree) in enumerate(trees.items()):
                    results.setdefault((name, label), []).append(
                        start(tree / "functions" / "main.py", envs[label], n * len(trees) + index, None))
        if options.breakdown:
            logs = Path(tmp) / "importtime"
            logs.mkdir()
            timed = {**base_env, "PYTHONPROFILEIMPORTTIME": "1"}
            first_answer_seconds(hello, "hello", timed, expect=200, stderr=logs / "hello")
            for number, start in enumerate(starts.values()):
                for index, (label, tree) in enumerate(trees.items()):
                    start(tree / "functions" / "main.py", {**envs[label], **timed}, (runs + 1) * len(trees) + index,
                          logs / f"{number}-{index}")
            hello_imports = import_breakdown(logs / "hello")
            breakdown = [described_breakdown(f"{name}, {label}", logs / f"{number}-{index}", hello_imports)
                         for number, name in enumerate(starts) for index, label in enumerate(trees)]
        if options.instructions:
            counted = {"hello world": instructions(hello, "hello", base_env, expect=200),
                       "the floor": instructions(libraries, "libraries", base_env, body=message, expect=200)}
            for index, (label, tree) in enumerate(trees.items()):
                counted[f"chat, first reply, {label}"] = instructions(
                    tree / "functions" / "main.py", "chat", envs[label], headers=auth, expect=200,
                    body={**message, "customer": f"cold-in-process-{index}"})
    base = statistics.median(answer.seconds for answer in hello_runs)
    base_cpu = statistics.median(answer.cpu for answer in hello_runs)
    print(f"process start to first answered request, median of {runs} runs (hello world {base * 1000:.0f} ms, "
          f"its server's CPU {base_cpu * 1000:.0f} ms), and the server's CPU by then:")
    print(f"  {'':34} " + " | ".join(f"{label:>32}" for label in trees))
    for name in starts:
        figures = []
        for label in trees:
            seconds = statistics.median(answer.seconds for answer in results[name, label])
            cpu = statistics.median(answer.cpu for answer in results[name, label])
            figures.append(f"{seconds * 1000:5.0f} ms {seconds / base:4.2f}x, CPU {cpu * 1000:4.0f} ms {cpu / base_cpu:4.2f}x")
        print(f"  {name:34} " + " | ".join(figures))
    seconds, cpu = (statistics.median(answer.seconds for answer in libraries_runs),
                    statistics.median(answer.cpu for answer in libraries_runs))
    print(f"pydantic and psycopg alone (one model validates the body, a pool runs one query): {seconds * 1000:.0f} ms "
          f"{seconds / base:4.2f}x, CPU {cpu * 1000:.0f} ms {cpu / base_cpu:4.2f}x, the floor of a first reply on them")
    if options.instructions:
        print("instructions in process (cachegrind, one start each):")
        for name, count in counted.items():
            print(f"  {name:40} {count / 1e6:6,.0f}M {count / counted['hello world']:4.2f}x")
    if breakdown:
        print("import CPU by package, one start each under -X importtime (its own overhead included):")
        print("\n".join(breakdown))


if __name__ == "__main__":
    main()
