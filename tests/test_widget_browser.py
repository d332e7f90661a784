"""The widget in a real browser: headless Chromium loads a page with the widget, types a message,
and the reply the product stored appears on the page. Site relay and functions run over loopback.

Chromium comes from Debian's package (`apt-get install chromium`); .ci/run installs it. Without it
the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from salesbot.local.server import create_app
from tests.test_widget import create_widget

WIDGET_DIR = Path(__file__).resolve().parents[1] / "widget"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TYPED = "Здравствуйте! Ищу студию в Казани"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed (apt-get install chromium)"
)


def load_relay():
    spec = importlib.util.spec_from_file_location("relay", WIDGET_DIR / "relay.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def serve(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def site(relay_app):
    """The company's site: the widget's files, a page that uses it, and the relay."""
    page = (WIDGET_DIR / "example.html").read_text().replace(
        "</body>",
        "<script>window.addEventListener('load', function () {"
        " var input = document.querySelector('.salesbot-widget input');"
        f" input.value = {TYPED!r}; input.form.requestSubmit(); }});</script></body>",
    ).encode()
    script = (WIDGET_DIR / "salesbot-widget.js").read_bytes()

    def app(environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/salesbot/relay":
            return relay_app(environ, start_response)
        body, kind = (script, "text/javascript") if path.endswith(".js") else (page, "text/html; charset=utf-8")
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body)))])
        return [body]

    return app


def test_a_visitor_types_a_message_and_sees_the_reply(client, company, sql, tmp_path):
    assert CHROMIUM, "CI must have Chromium: .ci/run installs Debian's chromium"
    channel_id, secret = create_widget(client, company)
    relay = load_relay()
    with serve(create_app()) as functions:
        relay_app = relay.make_relay(f"{functions}/webhook?channel={channel_id}", secret)
        with serve(site(relay_app)) as shop:
            dom = subprocess.run(
                [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=20000", "--dump-dom", f"{shop}/"],
                capture_output=True, text=True, timeout=120,
            ).stdout
    stored = sql.execute(
        "select m.role::text, m.text from public.messages m join public.customers c on c.id = m.customer_id"
        " where c.channel_id = %s order by m.id", (channel_id,)).fetchall()
    assert [role for role, _ in stored] == ["customer", "bot"] and stored[0][1] == TYPED
    assert f'<div class="salesbot-msg customer">{TYPED}</div>' in dom
    assert f'<div class="salesbot-msg bot">{stored[1][1]}</div>' in dom
