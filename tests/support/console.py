"""A member using the console through the real functions-framework app: signs in with the form,
keeps the cookies, and sends every form with the CSRF token of the page it came from; a customer
writing to the company's test chat, for the conversations and leads the console shows."""

from __future__ import annotations

import html
import re
import uuid
from html.parser import HTMLParser
from typing import Any

from werkzeug.test import Client, TestResponse

from tests.conftest import JWT_SECRET
from tests.support.accounts import Company

PASSWORD = "correct horse"  # tests.support.accounts signs every user up with it
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(page: str) -> str:
    found = _CSRF.search(page)
    assert found, "the page has no form with a CSRF token"
    return html.unescape(found.group(1))


def an_address() -> str:
    """An address of the documentation range (RFC 3849) of a browser's own: sign-in attempts are
    counted per address, and every test would otherwise come from 127.0.0.1."""
    return f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"


class Member:
    def __init__(self, client: Client, email: str) -> None:
        self.client = client
        self.email = email
        self.csrf = ""
        self.address = an_address()

    def sign_in(self, password: str = PASSWORD) -> TestResponse:
        self.csrf = csrf_of(self.get("/console/sign-in").text)
        return self.post("/console/sign-in", {"email": self.email, "password": password})

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        response = self.client.get(path, environ_base={"REMOTE_ADDR": self.address}, **kwargs)
        if response.status_code == 200 and "text/html" in response.content_type and 'name="csrf"' in response.text:
            self.csrf = csrf_of(response.text)
        return response

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> TestResponse:
        return self.client.post(path, data={"csrf": self.csrf, **(data or {})},
                                environ_base={"REMOTE_ADDR": self.address}, **kwargs)


def field_error(page: str, name: str) -> str:
    """The reason shown beside the field `name` (as the templates id it)."""
    found = re.search(rf'id="{re.escape(name.replace(".", "-"))}-error">([^<]*)<', page)
    assert found, f"no error beside {name}"
    return html.unescape(found.group(1))


def signed_in(client: Client, email: str) -> Member:
    member = Member(client, email)
    answer = member.sign_in()
    assert answer.status_code == 303, answer.text
    member.get("/console/inbox")
    return member


def chat(client: Client, company: Company, text: str, customer: str = "c1") -> str:
    """A customer of the company's test chat writes; returns the conversation's id."""
    answer = client.post("/chat", json={"customer": customer, "text": text, "name": "Анна"},
                         headers={"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"})
    assert answer.status_code == 200, answer.json
    return str(answer.json["customer_id"])


class _Form(HTMLParser):
    """The fields of the form that posts to `action`, as a browser submits it unchanged: inputs with
    their values (a checkbox only when ticked), text areas with their text, each select's chosen option."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.inside = found.get("action") == self.action
        elif not self.inside or (tag in ("input", "textarea", "select") and "name" not in found):
            return
        elif tag == "input" and (found.get("type") != "checkbox" or "checked" in found):
            self.fields.setdefault(found["name"], []).append(found.get("value", ""))
        elif tag == "textarea":
            self._textarea = found["name"]
            self.fields.setdefault(self._textarea, []).append("")
        elif tag == "select":
            self._select = found["name"]
        elif tag == "option" and self._select and "selected" in found:
            self.fields.setdefault(self._select, []).append(found.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.fields[self._textarea][-1] += data


def form_data(page: str, action: str) -> dict[str, list[str]]:
    """What a browser sends from the page's form posting to `action`, left as it is."""
    parser = _Form(action)
    parser.feed(page)
    assert parser.fields, f"the page has no form posting to {action}"
    return parser.fields
