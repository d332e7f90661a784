"""A company's site with the Salesbot widget, for a real browser: the widget's files, a page that
uses it (shown on a 375 px phone screen), the site's relay, and what the page reports as it shows it.
The browser test and bench/reply.py drive headless Chromium against it."""

from __future__ import annotations

import importlib.util
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from werkzeug.serving import make_server

WIDGET_DIR = Path(__file__).resolve().parents[2] / "widget"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PHONE_WIDTH = 375

# What the visitor does, and what the page reports to the site (the test's eyes): every message the
# widget shows, as it shows it, and where the open chat sits on the screen. `%s`: what they type.
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


def load_relay() -> ModuleType:
    """widget/relay.py, the standalone script a company copies to its server."""
    spec = importlib.util.spec_from_file_location("relay", WIDGET_DIR / "relay.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def serve(app: Any) -> Iterator[str]:
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

    def __init__(self, relay_app: Any, language: str, visitor_script: str = "") -> None:
        self.relay_app = relay_app
        self.page = (WIDGET_DIR / "example.html").read_text().replace(
            '<html lang="en">', f'<html lang="{language}">').replace("</body>", f"{visitor_script}</body>").encode()
        self.script = (WIDGET_DIR / "salesbot-widget.js").read_bytes()
        self.events: list[tuple[float, dict[str, Any]]] = []  # (time.monotonic() on arrival, event)
        self.changed = threading.Condition()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
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

    def wait_for(self, wanted: Callable[[dict[str, Any]], bool], timeout: float = 30.0) -> tuple[float, dict[str, Any]]:
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
    """The command line of a headless Chromium with a profile of its own, opening `url`."""
    assert CHROMIUM, "CI must have Chromium: .ci/run installs Debian's chromium"
    return [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", *extra, url]


