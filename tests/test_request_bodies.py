"""Bodies are read after credentials and never past the limit: an unauthenticated caller of a
webhook gets no byte of its body read, a chunked body (no Content-Length) is cut off one byte past
the limit, and the site's relay does the same with any length it is told, however wrong."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from werkzeug.test import EnvironBuilder

from salesbot.http import MAX_BODY_BYTES
from tests.conftest import JWT_SECRET
from tests.test_telegram import BOT_TOKEN
from tests.test_widget import create_widget, signed_headers
from tests.test_widget_browser import load_relay

ROOT = Path(__file__).resolve().parents[1]


class Endless(io.RawIOBase):
    """A body far over any limit (32 MiB, as good as 200 MB to whoever reads it all), counting
    what is read of it."""

    def __init__(self, total: int = 32 * 1024 * 1024) -> None:
        self.read_bytes = 0
        self.total = total

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = min(len(buffer), self.total - self.read_bytes)
        buffer[:size] = b"x" * size
        self.read_bytes += size
        return size


def chunked(wsgi_app, path: str, headers: dict[str, str], body: io.IOBase) -> tuple[int, dict[str, Any]]:
    """POSTs `body` the way a server hands a chunked request to the app: no Content-Length, and
    `wsgi.input_terminated` set (the server, not the length, ends the stream)."""
    environ = EnvironBuilder(path=path, method="POST", headers=list(headers.items())).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ.update({"wsgi.input": body, "wsgi.input_terminated": True})
    captured: dict[str, Any] = {}

    def start_response(status: str, response_headers: list, exc_info: Any = None) -> None:
        captured["status"] = int(status.split()[0])

    answer = b"".join(wsgi_app(environ, start_response))
    return captured["status"], json.loads(answer)


@pytest.fixture
def telegram_channel(client, company, monkeypatch):
    from salesbot.services import reset_services
    from tests.servers.telegram import serve_bot_api
    from tests.test_telegram import connect

    with serve_bot_api() as bot_api:
        monkeypatch.setenv("TELEGRAM_API_BASE", bot_api.url)
        monkeypatch.setenv("PUBLIC_URL", "https://functions.example.test")
        reset_services()
        response = connect(client, company, token=BOT_TOKEN)
        yield response.json["channel_id"], bot_api.sent("setWebhook")[-1]["secret_token"]
    reset_services()


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
def test_telegram_reads_no_body_without_the_secret(wsgi_app, app_env, telegram_channel, secret):
    channel_id, _ = telegram_channel
    body = Endless()
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    status, answer = chunked(wsgi_app, f"/telegram?channel={channel_id}", headers, body)
    assert (status, answer["error"]["code"], body.read_bytes) == (401, "unauthorized", 0)


def test_telegram_reads_a_chunked_body_one_byte_past_the_limit_at_most(wsgi_app, app_env, telegram_channel):
    channel_id, secret = telegram_channel
    body = Endless()
    status, answer = chunked(wsgi_app, f"/telegram?channel={channel_id}", {"X-Telegram-Bot-Api-Secret-Token": secret}, body)
    assert (status, answer["error"]["code"]) == (413, "too_large")
    assert body.read_bytes == MAX_BODY_BYTES + 1


def test_a_chunked_body_within_the_limit_is_read_whole(wsgi_app, app_env, telegram_channel):
    channel_id, secret = telegram_channel
    raw = json.dumps({"update_id": 5}).encode()
    status, answer = chunked(wsgi_app, f"/telegram?channel={channel_id}", {"X-Telegram-Bot-Api-Secret-Token": secret},
                             io.BytesIO(raw))
    assert (status, answer) == (200, {"ok": True, "handled": False})


@pytest.mark.parametrize("case", ["unsigned", "stale"])
def test_the_widget_webhook_reads_no_body_of_an_unsigned_or_stale_request(wsgi_app, app_env, client, company, case):
    channel_id, secret = create_widget(client, company)
    headers = {} if case == "unsigned" else signed_headers(secret, "req-1", b"{}", at=0)
    body = Endless()
    status, _ = chunked(wsgi_app, f"/webhook?channel={channel_id}", headers, body)
    assert (status, body.read_bytes) == (401, 0)


def test_the_widget_webhook_reads_one_byte_past_the_limit_at_most(wsgi_app, app_env, client, company):
    channel_id, secret = create_widget(client, company)
    body = Endless()
    status, _ = chunked(wsgi_app, f"/webhook?channel={channel_id}", signed_headers(secret, "req-1", b"{}"), body)
    assert (status, body.read_bytes) == (413, MAX_BODY_BYTES + 1)


# --- the site's relay ---------------------------------------------------------------------------------------

def relay_call(length: str | None, body: io.RawIOBase, terminated: bool = False) -> tuple[int, dict[str, Any]]:
    relay = load_relay()
    # Nothing may reach the upstream: an address where nothing listens makes any attempt a 502.
    app = relay.make_relay("http://127.0.0.1:9/webhook", "whsec_" + "A" * 43 + "=")
    environ = EnvironBuilder(path="/salesbot/relay", method="POST").get_environ()
    environ.pop("CONTENT_LENGTH", None)
    if length is not None:
        environ["CONTENT_LENGTH"] = length
    environ["wsgi.input"] = body
    if terminated:
        environ["wsgi.input_terminated"] = True
    captured: dict[str, Any] = {}
    answer = b"".join(app(environ, lambda status, headers, exc_info=None: captured.update(status=int(status[:3]))))
    return captured["status"], json.loads(answer)


@pytest.mark.parametrize("length", ["-1", "1e9", "abc", " 12", "99999999999999999999"])
def test_the_relay_refuses_a_length_that_is_not_one_and_reads_nothing(length):
    body = Endless()
    status, answer = relay_call(length, body)
    assert status in (400, 413) and answer["error"]["code"] in ("bad_request", "too_large") and body.read_bytes == 0


def test_the_relay_refuses_a_declared_length_over_its_limit_unread():
    body = Endless()
    assert relay_call(str(100 * 1024 * 1024), body)[0] == 413 and body.read_bytes == 0


def test_the_relay_cuts_a_chunked_body_one_byte_past_its_limit():
    relay = load_relay()
    body = Endless()
    assert relay_call(None, body, terminated=True)[0] == 413
    assert body.read_bytes == relay.MAX_BODY_BYTES + 1


def test_the_relay_wants_a_length_when_the_server_does_not_end_the_stream():
    body = Endless()
    assert relay_call(None, body)[0] == 411 and body.read_bytes == 0


def test_a_request_turned_away_at_the_door_loads_no_validation_or_database_driver():
    # A cold start that only says 401 (no token; no channel named) pays for the host and our entry
    # points, not for pydantic or psycopg, which only a request let in needs.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import functions_framework\n"
        "for target, method in [('chat', 'POST'), ('extract_leads', 'POST'), ('leads_export', 'GET'), ('channels', 'POST'),\n"
        "                       ('settings', 'GET'), ('reply', 'POST'), ('telegram', 'POST'), ('webhook', 'POST')]:\n"
        "    app = functions_framework.create_app(target, str(Path('functions/main.py').resolve()))\n"
        "    answer = app.test_client().open('/', method=method, json={'customer': 'x', 'text': 'hello'})\n"
        "    assert answer.status_code == 401, (target, answer.get_data(as_text=True))\n"
        "    loaded = sorted({name.split('.')[0] for name in sys.modules} & {'pydantic', 'psycopg', 'psycopg_pool'})\n"
        "    assert not loaded, (target, loaded)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True, timeout=60)


@pytest.mark.parametrize("setting, loaded", [(None, False), ("", True)])
def test_the_entry_points_look_for_no_pydantic_plugin_unless_told_to(tmp_path, setting, loaded):
    # Looking for one reads every installed distribution's metadata when the first model is built,
    # in every cold start that validates anything; a deployment that sets "" has its plugin loaded.
    (tmp_path / "probe_plugin.py").write_text(
        "print('probe plugin loaded')\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n")
    distribution = tmp_path / "probe_plugin-1.0.dist-info"
    distribution.mkdir()
    (distribution / "METADATA").write_text("Metadata-Version: 2.1\nName: probe-plugin\nVersion: 1.0\n")
    (distribution / "entry_points.txt").write_text("[pydantic]\nprobe = probe_plugin:plugin\n")
    script = (
        "from pathlib import Path\n"
        "import functions_framework\n"
        "from pydantic import BaseModel\n"
        "functions_framework.create_app('chat', str(Path('functions/main.py').resolve()))\n"
        "class Probe(BaseModel):\n"
        "    x: int\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(tmp_path), env.get("PYTHONPATH"))))
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    run = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True, timeout=60,
                         capture_output=True, text=True)
    assert ("probe plugin loaded" in run.stdout) is loaded


def test_the_collector_runs_again_once_the_first_request_is_over():
    # main.py holds the collector back while the first request imports what it needs (see there);
    # a process whose collector never came back (the worker after its first request, the host that
    # forked it) would keep every cycle it ever made.
    script = (
        "import gc\n"
        "import os\n"
        "from pathlib import Path\n"
        "import functions_framework\n"
        "app = functions_framework.create_app('chat', str(Path('functions/main.py').resolve()))\n"
        "assert not gc.isenabled()\n"
        "if os.fork() == 0:  # the worker\n"
        "    assert not gc.isenabled()\n"
        "    assert app.test_client().post('/', json={}).status_code == 401\n"
        "    os._exit(0 if gc.isenabled() else 1)\n"
        "assert gc.isenabled()  # the host, which serves no request\n"
        "assert os.waitstatus_to_exitcode(os.wait()[1]) == 0\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, timeout=60)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
def test_a_body_declared_as_no_json_is_a_415_and_nothing_is_taken_in(client, company, sql, content_type):
    # What a browser may send across sites without asking first (a form, text) is never read as JSON.
    token = {"Authorization": f"Bearer {company.users['admin'].token(JWT_SECRET)}"}
    before = sql.execute("select count(*) from public.messages where owner_id = %s", (company.owner_id,)).fetchone()
    for method, path, body in [("POST", "/chat", {"customer": "c1", "text": "hello"}), ("PUT", "/settings", {}),
                               ("POST", "/channels", {"kind": "widget", "name": "Site"})]:
        answer = client.open(path, method=method, data=json.dumps(body), content_type=content_type, headers=token)
        assert (answer.status_code, answer.json["error"]["code"]) == (415, "unsupported_media_type"), path
    assert sql.execute("select count(*) from public.messages where owner_id = %s", (company.owner_id,)).fetchone() == before
    sent = client.post("/chat", data=json.dumps({"customer": "c1", "text": "hello"}), headers=token,
                       content_type="application/json; charset=utf-8")
    assert sent.status_code == 200
