"""The widget in a real browser: headless Chromium opens a page with the widget on a 375 px wide
screen (the page in a frame that size: a desktop window cannot be narrower than 500 px), opens the
chat from its launcher, sees the company's greeting, asks for a person; a
manager answers with POST /reply, and the answer appears on the page without a reload. Site,
relay and functions run over loopback; the page reports what it shows to the site as it shows it.

Chromium comes from Debian's package (`apt-get install chromium`); .ci/run installs it. Without it
the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from salesbot.local.server import create_app
from tests.conftest import JWT_SECRET
from tests.support.widget_site import CHROMIUM, PHONE_WIDTH, VISITOR, Site, chromium, load_relay, serve
from tests.test_widget import create_widget

ASKS_FOR_A_PERSON = "Здравствуйте! Позовите менеджера, пожалуйста"
GREETING = "Добро пожаловать в Acme! Чем помочь?"
ANSWER = "Здравствуйте! Меня зовут Ольга, я менеджер. Слушаю вас"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed (apt-get install chromium)"
)


@contextmanager
def widget_site(client, company, language: str, visitor_script: str = "") -> Iterator[tuple[str, Site]]:
    channel_id, secret = create_widget(client, company)
    relay = load_relay()
    with serve(create_app()) as functions:
        site = Site(relay.make_relay(f"{functions}/webhook?channel={channel_id}", secret), language, visitor_script)
        with serve(site) as shop:
            yield shop, site


def test_a_visitor_asks_for_a_person_and_the_managers_answer_appears_on_the_page(client, company, sql, tmp_path):
    sql.execute("update public.bot_settings set document = jsonb_build_object('persona', jsonb_build_object('greeting', %s::text))"
                " where owner_id = %s", (GREETING, company.owner_id))
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
