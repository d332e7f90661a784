"""Signing in to the console: through Supabase Auth with the real `supabase` client against a local
server speaking Auth's endpoints, and on the local stack against auth.users; sessions renewed with
the refresh token, revoked at sign-out; cookies only, never a token in a URL or a page; attempts
limited per address and per email."""

from __future__ import annotations

import pytest

from salesbot.console import session
from salesbot.services import reset_services
from tests.servers.supabase_auth import serve_auth
from tests.support.console import PASSWORD, Member, an_address, csrf_of, signed_in


@pytest.fixture
def auth_server(client, monkeypatch):
    with serve_auth() as server:
        monkeypatch.setenv("SUPABASE_URL", server.url)
        monkeypatch.setenv("SUPABASE_ANON_KEY", server.anon_key)
        reset_services()
        yield server
    reset_services()


def cookie(client, name: str) -> str | None:
    found = client.get_cookie(name, path="/console")
    return found.value if found else None


def test_supabase_auth_signs_the_member_in_and_the_pages_run_as_them(client, company, auth_server):
    manager = company.users["manager"]
    auth_server.add_user(manager.user_id, manager.email, "s3cret-in-auth")
    member = Member(client, manager.email)
    answer = member.sign_in("s3cret-in-auth")
    assert answer.status_code == 303
    assert ("POST", "/auth/v1/token?grant_type=password") in auth_server.requests
    set_cookies = answer.headers.getlist("Set-Cookie")
    access = next(c for c in set_cookies if c.startswith(f"{session.ACCESS_COOKIE}="))
    assert all(flag in access for flag in ("HttpOnly", "Secure", "SameSite=Lax", "Path=/console"))
    inbox = member.get("/console/inbox")
    assert inbox.status_code == 200 and manager.email in inbox.text
    token = cookie(client, session.ACCESS_COOKIE)
    assert token and token not in inbox.text and token not in answer.headers["Location"]


def test_a_wrong_password_is_refused_by_supabase_auth_with_its_own_words(client, company, auth_server):
    manager = company.users["manager"]
    auth_server.add_user(manager.user_id, manager.email, "s3cret-in-auth")
    answer = Member(client, manager.email).sign_in("wrong")
    assert answer.status_code == 400 and ("Wrong email or password." in answer.text or "Неверный email" in answer.text)
    assert cookie(client, session.ACCESS_COOKIE) is None


def test_an_expiring_session_is_renewed_with_the_refresh_token(client, company, auth_server):
    manager = company.users["manager"]
    auth_server.add_user(manager.user_id, manager.email, "s3cret-in-auth")
    auth_server.lifetime = session.RENEW_MARGIN_SECONDS  # every token is already due for renewal
    member = Member(client, manager.email)
    assert member.sign_in("s3cret-in-auth").status_code == 303
    first = cookie(client, session.REFRESH_COOKIE)
    assert member.get("/console/inbox").status_code == 200
    assert ("POST", "/auth/v1/token?grant_type=refresh_token") in auth_server.requests
    renewed = cookie(client, session.REFRESH_COOKIE)
    assert renewed and renewed != first and auth_server.refresh_tokens[first][1]  # the old one is spent


def test_signing_out_revokes_the_session_in_supabase_auth(client, company, auth_server):
    manager = company.users["manager"]
    auth_server.add_user(manager.user_id, manager.email, "s3cret-in-auth")
    member = Member(client, manager.email)
    member.sign_in("s3cret-in-auth")
    member.get("/console/inbox")
    refresh = cookie(client, session.REFRESH_COOKIE)
    out = member.post("/console/sign-out")
    assert out.status_code == 303 and out.headers["Location"].endswith("/console/sign-in")
    assert ("GET", "/auth/v1/user") in auth_server.requests
    assert ("POST", "/auth/v1/logout?scope=local") in auth_server.requests
    assert auth_server.sessions == {} and cookie(client, session.ACCESS_COOKIE) is None
    client.set_cookie(session.REFRESH_COOKIE, refresh, path="/console")  # a stolen copy renews nothing
    assert client.get("/console/inbox").headers["Location"].startswith("/console/sign-in")


def test_the_local_stack_checks_the_password_of_the_auth_users_row(client, company):
    owner = company.users["owner"]
    assert Member(client, owner.email).sign_in("not it").status_code == 400
    assert Member(client, "nobody@example.com").sign_in().status_code == 400
    assert Member(client, owner.email).sign_in(PASSWORD).status_code == 303


def test_an_unconfirmed_email_is_told_to_confirm_it(client, company, sql):
    viewer = company.users["viewer"]
    sql.execute("update auth.users set email_confirmed_at = null where id = %s", (viewer.user_id,))
    answer = Member(client, viewer.email).sign_in()
    assert answer.status_code == 400 and ("Confirm your email" in answer.text or "подтвердите email" in answer.text)


def test_sign_in_attempts_are_limited_per_email_whatever_the_password(client, company):
    owner = company.users["owner"]
    member = Member(client, owner.email)
    answers = [member.sign_in("wrong").status_code for _ in range(10)]
    assert answers == [400] * 10
    assert member.sign_in(PASSWORD).status_code == 429  # the right password too, until the window passes


def test_sign_in_attempts_are_limited_per_address_across_emails(client, company, monkeypatch):
    monkeypatch.setenv("SALESBOT_TRUSTED_PROXIES", "1")
    reset_services()
    address = an_address()  # the proxy's view of the browser; the peer is the proxy
    member = Member(client, "guess@example.com")
    member.csrf = csrf_of(member.get("/console/sign-in").text)
    codes = [member.post("/console/sign-in", {"email": f"guess{n}@example.com", "password": "x"},
                         headers={"X-Forwarded-For": f"198.51.100.7, {address}"}).status_code for n in range(31)]
    assert codes[:30] == [400] * 30 and codes[30] == 429


def test_a_form_without_its_csrf_token_or_from_another_site_is_refused(client, company):
    member = signed_in(client, company.users["manager"].email)
    assert member.post("/console/sign-out", data={"csrf": "forged"}).status_code == 403
    assert member.post("/console/sign-out", headers={"Origin": "https://evil.example"}).status_code == 403
    assert member.post("/console/sign-out", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert member.get("/console/inbox").status_code == 200  # still signed in


def test_every_page_refuses_framing_and_inline_script(client, company):
    member = signed_in(client, company.users["viewer"].email)
    for path in ("/console/sign-in", "/console/inbox", "/console/nowhere"):
        headers = member.get(path).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
