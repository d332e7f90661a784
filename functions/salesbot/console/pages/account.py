"""Signing in and out, and the member's choices: the language and the company they act for."""

from __future__ import annotations

from typing import Annotated

import flask
from pydantic import BaseModel, StringConstraints, ValidationError

from salesbot.config import Config
from salesbot.console import csrf, i18n, session
from salesbot.console.app import COMPANY_COOKIE, Page
from salesbot.console.signin import SignInRefused
from salesbot.db import SERVICE_CLAIMS
from salesbot.errors import ApiError


class SignInForm(BaseModel):
    email: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=3, max_length=254,
                                            pattern=r"^[^@\s]+@[^@\s]+$")]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]


def sign_in(page: Page) -> flask.Response:
    wanted = _safe_next(page, page.request.values.get("next"))
    if page.session is not None:
        return page.redirect(wanted)
    if page.request.method == "GET":
        return page.render("sign_in.html", email="", error=None, next=wanted)
    try:
        form = SignInForm.model_validate(page.request.form.to_dict())
    except ValidationError:
        return page.render("sign_in.html", status=400, email=page.request.form.get("email", "")[:254],
                           error="invalid_credentials", next=wanted)
    if not _attempt_allowed(page, form.email):
        return page.render("sign_in.html", status=429, email=form.email, error="too_many_attempts", next=wanted)
    try:
        tokens = page.services.console_authority.sign_in(form.email, form.password)
    except SignInRefused as refused:
        return page.render("sign_in.html", status=400, email=form.email, error=refused.reason, next=wanted)
    page.session = session.Session(page.services.verifier.verify(tokens.access_token), tokens, renewed=True)
    page.csrf_binding = csrf.new_binding()  # a new session gets new form tokens
    return page.redirect(wanted)


def _attempt_allowed(page: Page, email: str) -> bool:
    """Counts the attempt against the browser's address and the email, in Postgres (both limits)."""
    verdict = page.services.database.rpc(
        "sign_in_attempt", {"p_address": client_address(page.request, page.services.config), "p_email": email},
        SERVICE_CLAIMS)
    return bool(verdict["allowed"])


def client_address(request: flask.Request, config: Config) -> str:
    """The browser's address: the peer's, or behind `trusted_proxies` proxies the one the first of
    them saw (what a client writes into X-Forwarded-For itself comes before, and is ignored)."""
    if config.trusted_proxies:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
        if len(forwarded) >= config.trusted_proxies:
            return forwarded[-config.trusted_proxies][:64]
    return (request.remote_addr or "unknown")[:64]


def _safe_next(page: Page, wanted: str | None) -> str:
    """Where to go after signing in: a page of the console, never another site."""
    home = page.url("inbox")
    if not wanted or not wanted.startswith(f"{page.base}/") or wanted.startswith("//") or "\\" in wanted:
        return home
    return wanted


def sign_out(page: Page) -> flask.Response:
    if page.session is not None:
        page.services.console_authority.sign_out(page.session.tokens)
    response = page.redirect(page.url("sign_in"))
    session.forget(response, page.base or "/")
    page.session = None
    return response


def language(page: Page) -> flask.Response:
    """The member's language, kept in a cookie; open to everyone, the sign-in page included."""
    chosen = page.request.form.get("language")
    if chosen not in i18n.LANGUAGES:
        raise ApiError("no such language", status=400)
    page.cookies.append((i18n.COOKIE, chosen, 365 * 24 * 3600))
    return page.redirect(page.back(page.url("inbox")))


def company(page: Page) -> flask.Response:
    """The company the member acts for, kept in a cookie and named on every call the console makes."""
    chosen = page.request.form.get("company", "")
    if chosen not in {c["owner_id"] for c in page.me().companies}:
        raise ApiError("you are not a member of that company", status=403, code="forbidden")
    page.cookies.append((COMPANY_COOKIE, chosen, 365 * 24 * 3600))
    return page.redirect(page.url("inbox"))  # what was open belongs to the other company
