"""The console in a real browser: headless Chromium, on a phone's 375 px screen, signs in with the
form, opens the conversation of a Telegram customer who asked for a person, replies, and the reply
reaches the Bot API; the page shows it without a reload. The functions, the Bot API and the
browser talk over loopback; the page keeps its Content-Security-Policy throughout.

Chromium comes from Debian's package (`apt-get install chromium`); .ci/run installs it. Without it
the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import json
import os

import pytest

import tests.test_telegram as telegram_tests
from salesbot.local.server import create_app
from tests.support.console import PASSWORD
from tests.support.widget_site import CHROMIUM, serve
from tests.test_telegram import post_update, update

bot_api = telegram_tests.bot_api  # fixtures
channel = telegram_tests.channel

ANSWER = "Здравствуйте! Я Ольга, менеджер. Подберу вам квартиру"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed (apt-get install chromium)"
)


def test_a_manager_signs_in_opens_a_waiting_conversation_and_the_reply_reaches_telegram(
        client, company, channel, bot_api, sql, tmp_path):
    from tests.support.cdp import Browser

    channel_id, secret = channel
    post_update(client, channel_id, secret, update(1, "Здравствуйте! Позовите менеджера, пожалуйста"))
    manager = company.users["manager"]
    with serve(create_app()) as functions, Browser(tmp_path / "profile") as browser:
        browser.open(f"{functions}/console/inbox")
        assert browser.run("location.pathname") == "/console/sign-in"  # a page needs a session first
        browser.run(f"""document.querySelector('input[name=email]').value = {json.dumps(manager.email)};
                        document.querySelector('input[name=password]').value = {json.dumps(PASSWORD)};
                        document.querySelector('form.stack button[type=submit]').click()""")
        browser.wait_for("location.pathname === '/console/inbox' && document.readyState === 'complete'")
        assert browser.run("document.documentElement.scrollWidth") <= 375  # fits the phone's screen
        browser.run("document.querySelector('.conversations li.waiting a').click()")
        browser.wait_for("location.pathname.startsWith('/console/conversations/') && !!document.getElementById('reply')")
        shown_before = browser.run("document.querySelectorAll('#messages li').length")
        browser.run("window.sameDocument = true")  # gone if the page were loaded again
        browser.run(f"""document.getElementById('reply-text').value = {json.dumps(ANSWER)};
                        document.querySelector('#reply button[type=submit]').click()""")
        # Sent in place by the console's script: the reply appears in the list, the page is the same one.
        browser.wait_for(f"[...document.querySelectorAll('#messages li.manager p')].some(p => p.textContent === {json.dumps(ANSWER)})")
        assert browser.run("window.sameDocument === true")
        assert browser.run("document.querySelectorAll('#messages li').length") == shown_before + 1
        assert browser.run("document.getElementById('reply-text').value") == ""
    assert [call["text"] for call in bot_api.sent() if str(call["chat_id"]) == "42"][-1] == ANSWER
    stored = sql.execute("select m.sender_id from public.messages m join public.customers c on c.id = m.customer_id"
                         " where c.channel_id = %s and m.role = 'manager'", (channel_id,)).fetchall()
    assert stored == [(manager.user_id,)]
