"""The console in a real browser: headless Chromium, on a phone's 375 px screen, signs in with the
form, opens the conversation of a Telegram customer who asked for a person, replies, and the reply
reaches the Bot API; the page shows it without a reload. A viewer finds no way to the settings form;
an admin's settings error shows beside its field. The functions, the Bot API and the browser talk
over loopback; the page keeps its Content-Security-Policy throughout.

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


def sign_in(browser, base: str, email: str) -> None:
    browser.open(f"{base}/console/sign-in")
    browser.run(f"""document.querySelector('input[name=email]').value = {json.dumps(email)};
                    document.querySelector('input[name=password]').value = {json.dumps(PASSWORD)};
                    document.querySelector('form.stack button[type=submit]').click()""")
    browser.wait_for("location.pathname === '/console/inbox' && document.readyState === 'complete'")


def test_a_manager_signs_in_opens_a_waiting_conversation_and_the_reply_reaches_telegram(
        client, company, channel, bot_api, sql, tmp_path):
    from tests.support.cdp import Browser

    channel_id, secret = channel
    post_update(client, channel_id, secret, update(1, "Здравствуйте! Позовите менеджера, пожалуйста"))
    manager = company.users["manager"]
    with serve(create_app()) as functions, Browser(tmp_path / "profile") as browser:
        browser.open(f"{functions}/console/inbox")
        assert browser.run("location.pathname") == "/console/sign-in"  # a page needs a session first
        sign_in(browser, functions, manager.email)
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


def test_a_viewer_cannot_reach_the_settings_form_and_an_admins_settings_error_shows_beside_its_field(
        client, company, tmp_path):
    from tests.support.cdp import Browser

    with serve(create_app()) as functions:
        with Browser(tmp_path / "viewer") as browser:
            sign_in(browser, functions, company.users["viewer"].email)
            assert browser.run("[...document.querySelectorAll('nav.tabs a')].map(a => a.pathname)") == [
                "/console/inbox", "/console/leads", "/console/analytics", "/console/team"]
            browser.open(f"{functions}/console/settings")
            assert browser.run("document.querySelector('form.settings') === null && document.title.length > 0")
        with Browser(tmp_path / "admin") as browser:
            sign_in(browser, functions, company.users["admin"].email)
            browser.run("document.querySelector('nav.tabs a[href$=\"/settings\"]').click()")
            browser.wait_for("!!document.querySelector('form.settings')")
            browser.run("""document.querySelector('input[name="contacts.email"]').value = 'not an email';
                           document.querySelector('form.settings button[type=submit]').click()""")
            browser.wait_for("!!document.getElementById('contacts-email-error')")
            # Beside its own field: in the same label, and the field points at it for screen readers.
            assert browser.run("""document.getElementById('contacts-email-error').parentElement
                                  .querySelector('input').getAttribute('aria-describedby')""") == "contacts-email-error"
            assert browser.run("document.querySelector('input[name=\"contacts.email\"]').value") == "not an email"
            for page in ("channels", "analytics", "leads", "team"):  # the longest forms and tables fit a phone too
                browser.open(f"{functions}/console/{page}")
                assert browser.run("document.documentElement.scrollWidth") <= 375, page
            for page in ("channels", "analytics", "leads", "team"):  # the longest forms and tables fit a phone too
                browser.open(f"{functions}/console/{page}")
                assert browser.run("document.documentElement.scrollWidth") <= 375, page
