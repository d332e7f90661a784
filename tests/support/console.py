"""A member using the console through the real functions-framework app: signs in with the form,
keeps the cookies, and sends every form with the CSRF token of the page it came from."""

from __future__ import annotations

import html
import re
import uuid
from typing import Any

from werkzeug.test import Client, TestResponse

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


def signed_in(client: Client, email: str) -> Member:
    member = Member(client, email)
    answer = member.sign_in()
    assert answer.status_code == 303, answer.text
    member.get("/console/inbox")
    return member
