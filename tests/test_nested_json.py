"""JSON nested deeper than Python's decoder goes (about a thousand levels: two kilobytes of brackets) is
refused as any other JSON that is not what was asked for, never a 500: in a settings body, a widget
message, the site's relay, a console form's field and the console's notice cookie."""

from __future__ import annotations

import base64
import io
import json

from werkzeug.test import Client, EnvironBuilder

from tests.support.console import form_data, signed_in
from tests.support.widget_site import load_relay
from tests.test_settings_api import headers
from tests.test_widget import send, stored

DEEP = "[" * 1200 + "]" * 1200  # past the decoder's limit, and small enough for a cookie


def test_a_settings_body_nested_too_deep_is_a_400_and_changes_nothing(client, company, sql):
    before = sql.execute("select document from public.bot_settings where owner_id = %s", (company.owner_id,)).fetchone()
    answer = client.put("/settings", data=json.dumps({"persona": {"name": "x"}})[:-1] + f', "faq": {DEEP}}}',
                        headers=headers(company, "admin"), content_type="application/json")
    assert (answer.status_code, answer.json["error"]["code"]) == (400, "bad_request")
    after = sql.execute("select document from public.bot_settings where owner_id = %s", (company.owner_id,)).fetchone()
    assert after == before


def test_a_signed_widget_body_nested_too_deep_is_a_400_and_stores_nothing(client, company, sql):
    from tests.test_widget import create_widget

    channel_id, secret = create_widget(client, company)
    for body in (f'{{"customer": "v", "client": "c", "after": {DEEP}}}', f'{{"customer": "v", "text": {DEEP}}}'):
        answer = send(client, channel_id, secret, body.encode())
        assert (answer.status_code, answer.json["error"]["code"]) == (400, "bad_request"), body[:40]
    assert stored(sql, channel_id) == []


def test_the_relay_refuses_a_body_nested_too_deep():
    relay = load_relay()
    app = relay.make_relay("http://127.0.0.1:9/webhook", "whsec_" + "A" * 43 + "=")  # nothing listens: a 502 if reached
    body = f'{{"text": {DEEP}}}'.encode()
    environ = EnvironBuilder(path="/salesbot/relay", method="POST", data=body).get_environ()
    environ["wsgi.input"] = io.BytesIO(body)
    captured: dict[str, int] = {}
    answer = b"".join(app(environ, lambda status, headers, exc_info=None: captured.update(status=int(status[:3]))))
    assert (captured["status"], json.loads(answer)["error"]["code"]) == (400, "bad_request")


def test_a_console_field_nested_too_deep_is_refused_beside_itself(client, company):
    admin = signed_in(client, company.users["admin"].email)
    form = admin.get("/console/settings")
    refused = admin.post("/console/settings", {**form_data(form.text, "/console/settings"), "offerings": DEEP})
    assert refused.status_code == 422
    assert 'id="offerings-error"' in refused.text


def test_a_notice_cookie_nested_too_deep_is_ignored(client):
    browser = Client(client.application)
    browser.set_cookie("salesbot_notice", base64.urlsafe_b64encode(DEEP.encode()).decode(), path="/console")
    page = browser.get("/console/sign-in")
    assert page.status_code == 200 and 'name="password"' in page.text
