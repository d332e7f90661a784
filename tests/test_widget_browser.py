"""The widget in a real browser: headless Chromium opens a page with the widget on a 375 px wide
screen (the page in a frame that size: a desktop window cannot be narrower than 500 px), opens the
chat from its launcher, sees the company's greeting, asks for a person; a
manager answers with POST /reply, and the answer appears on the page without a reload. Site,
relay and functions run over loopback; the page reports what it shows to the site as it shows it.

Chromium comes from Debian's package (`apt-get install chromium`); .ci/run installs it. Without it
the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from salesbot.local.server import create_app
from tests.conftest import JWT_SECRET
from tests.test_widget import create_widget

WIDGET_DIR = Path(__file__).resolve().parents[1] / "widget"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ASKS_FOR_A_PERSON = "Здравствуйте! Позовите менеджера, пожалуйста"
GREETING = "Добро пожаловать в Acme! Чем помочь?"
ANSWER = "Здравствуйте! Меня зовут Ольга, я менеджер. Слушаю вас"
PHONE_WIDTH = 375

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed (apt-get install chromium)"
)

# What the visitor does, and what the page reports to the site (the test's eyes): every message the
# widget shows, as it shows it, and where the open chat sits on the screen.
VISITOR = """<script>
window.addEventListener('load', function () {
  function report(event) { fetch('/seen', {method: 'POST', body: JSON.stringify(event)}); }
  report({kind: 'loaded'});
  var log = document.querySelector('.salesbot-log');
  new MutationObserver(function (changes) {
    changes.forEach(function (change) { change.addedNodes.forEach(function (node) {
      report({kind: 'message', role: node.className, text: node.lastChild.textContent});
    }); });
  }).observe(log, {childList: true});
  document.querySelector('.salesbot-launcher').click();
  setTimeout(function () {
    var panel = document.querySelector('.salesbot-panel').getBoundingClientRect();
    var input = document.querySelector('.salesbot-panel input');
    report({kind: 'layout', left: panel.left, right: panel.right, viewport: window.innerWidth,
            page_width: document.documentElement.scrollWidth, placeholder: input.placeholder,
            send: document.querySelector('.salesbot-send').textContent});
    input.value = %s;
    input.form.requestSubmit();
  }, 500);
});
</script>"""


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


PHONE = f'<!doctype html><iframe src="/shop" style="width:{PHONE_WIDTH}px;height:740px;border:0"></iframe>'.encode()


class Site:
    """The company's site: the widget's files, a page that uses it (`/shop`; `/` shows it on a phone's
    screen), the relay, and what the page reported."""

    def __init__(self, relay_app, language: str, visitor_script: str = "") -> None:
        self.relay_app = relay_app
        self.page = (WIDGET_DIR / "example.html").read_text().replace(
            '<html lang="en">', f'<html lang="{language}">').replace("</body>", f"{visitor_script}</body>").encode()
        self.script = (WIDGET_DIR / "salesbot-widget.js").read_bytes()
        self.events: list[tuple[float, dict]] = []
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/salesbot/relay":
            return self.relay_app(environ, start_response)
        if path == "/seen":
            event = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
            with self.changed:
                self.events.append((time.monotonic(), event))
                self.changed.notify_all()
            start_response("204 No Content", [])
            return [b""]
        body, kind = (self.script, "text/javascript") if path.endswith(".js") else (
            (self.page if path == "/shop" else PHONE), "text/html; charset=utf-8")
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body)))])
        return [body]

    def wait_for(self, wanted: Callable[[dict], bool], timeout: float = 30.0) -> tuple[float, dict]:
        """The first event the page reported that is `wanted`, waiting for it if need be."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                found = next(((at, event) for at, event in self.events if wanted(event)), None)
                if found or time.monotonic() > deadline:
                    assert found, f"the page never showed it; it reported {[e for _, e in self.events]}"
                    return found
                self.changed.wait(0.1)


def chromium(url: str, profile: Path, *extra: str) -> list[str]:
    assert CHROMIUM, "CI must have Chromium: .ci/run installs Debian's chromium"
    return [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", *extra, url]


@contextmanager
def widget_site(client, company, language: str, visitor_script: str = "") -> Iterator[tuple[str, Site]]:
    channel_id, secret = create_widget(client, company)
    relay = load_relay()
    with serve(create_app()) as functions:
        site = Site(relay.make_relay(f"{functions}/webhook?channel={channel_id}", secret), language, visitor_script)
        with serve(site) as shop:
            yield shop, site


def test_a_visitor_asks_for_a_person_and_the_managers_answer_appears_on_the_page(client, company, sql, tmp_path):
    sql.execute("update public.bot_settings set greeting = %s where owner_id = %s", (GREETING, company.owner_id))
    with widget_site(client, company, "ru", VISITOR % json.dumps(ASKS_FOR_A_PERSON)) as (url, site):
        browser = subprocess.Popen(chromium(f"{url}/", tmp_path / "profile"), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            greeting = site.wait_for(lambda e: e["kind"] == "message" and "bot" in e["role"])[1]
            _, layout = site.wait_for(lambda e: e["kind"] == "layout")
            site.wait_for(lambda e: e["kind"] == "message" and e["role"] == "salesbot-msg customer")
            _, handed_over = site.wait_for(lambda e: e["kind"] == "message" and e["role"] == "salesbot-msg bot")
            stored = sql.execute(
                "select c.id, m.text from public.messages m join public.customers c on c.id = m.customer_id"
                " where c.owner_id = %s and m.role = 'bot' and m.handoff_reason is not null",
                (company.owner_id,)).fetchone()
            assert handed_over["text"] == stored[1]
            answered = client.post("/reply", json={"customer_id": str(stored[0]), "text": ANSWER},
                                   headers={"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"})
            assert answered.status_code == 200 and answered.json["status"] == "stored"
            _, shown = site.wait_for(lambda e: e.get("text") == ANSWER)
        finally:
            browser.terminate()
            browser.wait(timeout=30)
    assert greeting["text"] == GREETING
    assert shown["role"] == "salesbot-msg manager"
    assert [event["kind"] for _, event in site.events].count("loaded") == 1  # no reload
    assert layout["viewport"] == PHONE_WIDTH and layout["page_width"] <= PHONE_WIDTH
    assert 0 <= layout["left"] < layout["right"] <= PHONE_WIDTH
    assert (layout["placeholder"], layout["send"]) == ("Напишите сообщение…", "Отправить")


def test_an_english_page_gets_english_labels_and_a_closed_chat_until_the_launcher(client, company, tmp_path):
    with widget_site(client, company, "en") as (url, _):
        dom = subprocess.run(chromium(f"{url}/shop", tmp_path / "profile", "--virtual-time-budget=5000", "--dump-dom"),
                             capture_output=True, text=True, timeout=120).stdout
    assert 'aria-label="Open chat"' in dom and 'aria-expanded="false"' in dom
    assert '<div class="salesbot-panel" role="dialog" hidden="" aria-label="Ask us anything">' in dom  # data-title
    assert 'placeholder="Type a message…"' in dom and ">Send</button>" in dom
