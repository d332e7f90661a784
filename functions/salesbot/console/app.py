"""The console's web layer: routes, the signed-in member, the acting company, CSRF, security headers.

One function serves every page (`console` in functions/main.py), server-rendered with Jinja2
(autoescaped). A page reads and writes only through the RPCs everything else uses, as the member
(their access token's claims), for the company they chose (the `p_owner_id` of every call), so RLS
and the RPCs' own role checks decide; the console hides what a role may not do, and the database
refuses it anyway.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import flask
import jinja2
from werkzeug.exceptions import ClientDisconnected, MethodNotAllowed, NotFound, RequestEntityTooLarge
from werkzeug.routing import Map, MapAdapter, Rule

from salesbot.config import Config
from salesbot.console import csrf, i18n, messages, session
from salesbot.errors import ApiError, Forbidden, Unauthorized, Unavailable
from salesbot.http import leave_body_unread, loads_json, unreadable_body
from salesbot.services import Services, get_services

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
STATIC = HERE / "static"
COMPANY_COOKIE = "salesbot_company"
NOTICE_COOKIE = "salesbot_notice"
ROLES = ("viewer", "manager", "admin", "owner")
MAX_FORM_BYTES = 64 * 1024
PARTIAL_HEADER = "X-Salesbot-Partial"  # the console's script asks for a fragment of a page


def content_security_policy(form_origins: Iterable[str] = ()) -> str:
    """Our own files only: no inline script or style, nothing from elsewhere, no framing. Forms lead
    to the console, and to `form_origins` where a page's form is sent on (303) to a payment
    provider's page: browsers hold a form's redirects to form-action too."""
    forms = " ".join(("'self'", *form_origins))
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
            f" form-action {forms}; frame-ancestors 'none'; base-uri 'none'")


SECURITY_HEADERS = {
    "Content-Security-Policy": content_security_policy(),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}

Handler = Callable[..., flask.Response]


@dataclass(frozen=True)
class Route:
    path: str
    handler: Handler
    methods: tuple[str, ...] = ("GET",)
    # The least role in the acting company; "": signed in, whatever the company; None: open to all.
    role: str | None = "viewer"


@dataclass
class Member:
    """Who is signed in, the companies they belong to, and the one they act for."""

    claims: Mapping[str, Any]
    companies: list[dict[str, Any]]
    company: dict[str, Any] | None

    @property
    def user_id(self) -> str:
        return str(self.claims["sub"])

    @property
    def email(self) -> str:
        return str(self.claims.get("email") or "")

    @property
    def owner_id(self) -> str | None:
        return self.company["owner_id"] if self.company else None

    @property
    def company_id(self) -> uuid.UUID:
        """The acting company, for a page whose route asks a role in it (so the member has one)."""
        if self.company is None:
            raise Forbidden("you act for no company: accept an invitation first")
        return uuid.UUID(self.company["owner_id"])

    def can(self, role: str) -> bool:
        """Whether the member holds `role` or above in the acting company."""
        return self.company is not None and ROLES.index(self.company["role"]) >= ROLES.index(role)


class Console:
    """What every request shares, built once per process: routes, templates, static files."""

    def __init__(self, routes: list[Route]) -> None:
        self.routes = {route.handler.__name__: route for route in routes}
        if len(self.routes) != len(routes):  # templates build URLs by the handler's name
            raise ValueError("two routes' handlers have the same name")
        # Not /static/: the functions-framework's Flask app answers that path with its own files.
        self.url_map = Map([Rule(route.path, endpoint=route.handler.__name__, methods=route.methods)
                            for route in routes] + [Rule("/assets/<name>", endpoint="static")])
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.static_version = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:12]
                               for path in STATIC.iterdir()}



def csrf_secret(config: Config) -> bytes:
    if config.console_secret:
        return config.console_secret.get_secret_value().encode()
    if config.supabase_jwt_secret:  # the local stack, and projects still on the shared secret
        return hmac.new(config.supabase_jwt_secret.get_secret_value().encode(), b"salesbot console csrf",
                        hashlib.sha256).digest()
    raise Unavailable("the console is not configured: set SALESBOT_CONSOLE_SECRET")


@dataclass
class Page:
    """One request to the console: who asks, in which language, for which company."""

    console: Console
    services: Services
    request: flask.Request
    urls: MapAdapter
    language: str
    session: session.Session | None = None
    member: Member | None = None
    csrf_binding: str = ""
    cookies: list[tuple[str, str, int | None]] = field(default_factory=list)  # to set on the answer
    form_origins: tuple[str, ...] = ()  # besides the console, where this page's forms may lead

    @property
    def _(self) -> i18n.Translate:
        return i18n.translator(self.language)

    @property
    def base(self) -> str:
        """Where the console is mounted: '' when deployed, '/console' on the local stack."""
        return self.request.script_root

    def me(self) -> Member:
        if self.member is None:  # only the routes open to all have none, and they do not ask
            raise Unauthorized("sign in first")
        return self.member

    def rpc(self, name: str, args: Mapping[str, Any] | None = None) -> Any:
        if self.session is None:
            raise Unauthorized("sign in first")
        return self.services.database.rpc(name, args or {}, self.session.claims)

    def company_rpc(self, name: str, args: Mapping[str, Any] | None = None) -> Any:
        """An RPC for the acting company: `p_owner_id` names it, as on every call the console makes."""
        return self.rpc(name, {"p_owner_id": self.me().owner_id, **(args or {})})

    def url(self, endpoint: str, **values: Any) -> str:
        return self.urls.build(endpoint, {key: value for key, value in values.items() if value not in (None, "")})

    def static(self, name: str) -> str:
        return f"{self.url('static', name=name)}?v={self.console.static_version[name]}"

    @property
    def csrf_token(self) -> str:
        return csrf.token(csrf_secret(self.services.config), self.csrf_binding,
                          self.session.session_id if self.session else None)

    @property
    def partial(self) -> str | None:
        return self.request.headers.get(PARTIAL_HEADER)

    def render(self, template: str, status: int = 200, **context: Any) -> flask.Response:
        html = self.console.templates.get_template(template).render(page=self, _=self._, **context)
        return flask.Response(html, status=status, mimetype="text/html")

    def redirect(self, location: str, **query: Any) -> flask.Response:
        wanted = {key: value for key, value in query.items() if value not in (None, "", False)}
        return flask.Response(status=303, headers={"Location": location + (f"?{urlencode(wanted)}" if wanted else "")})

    def notify(self, text: str, kind: str = "done") -> None:
        """A line shown on the next page (after the redirect that follows a form)."""
        value = base64.urlsafe_b64encode(json.dumps([kind, text], ensure_ascii=False).encode()).decode()
        self.cookies.append((NOTICE_COOKIE, value, 60))

    def notice(self) -> tuple[str, str] | None:
        try:
            kind, text = loads_json(base64.urlsafe_b64decode(self.request.cookies.get(NOTICE_COOKIE, "")))
        except (ValueError, TypeError):
            return None
        self.cookies.append((NOTICE_COOKIE, "", 0))
        return (str(kind), str(text)) if kind in ("done", "error") else None

    def back(self, fallback: str) -> str:
        """The page a form was sent from (a path of ours), or `fallback`."""
        referrer = urlsplit(self.request.referrer or "")
        if referrer.netloc == self.request.host and referrer.path.startswith(f"{self.base}/"):
            return referrer.path + (f"?{referrer.query}" if referrer.query else "")
        return fallback


def respond(console: Console, request: flask.Request) -> flask.Response:
    try:
        services = get_services()
    except ApiError as error:  # not configured: nothing to render a page with
        return flask.Response(error.message, status=error.status, mimetype="text/plain", headers=SECURITY_HEADERS)
    page = Page(console, services, request, console.url_map.bind_to_environ(request.environ),
                i18n.choose(request.cookies.get(i18n.COOKIE), request.headers.get("Accept-Language")))
    try:
        response = _dispatch(page)
    except ApiError as error:
        response = error_page(page, error)
    except Exception:
        log.exception("unhandled error in the console")
        response = error_page(page, ApiError("internal error", status=500, code="internal"))
    return _finish(page, response)


def _dispatch(page: Page) -> flask.Response:
    request = page.request
    try:
        endpoint, args = page.urls.match()
    except NotFound:
        raise ApiError("no such page", status=404, code="not_found") from None
    except MethodNotAllowed:
        raise ApiError("not allowed here", status=405, code="method_not_allowed") from None
    if endpoint == "static":
        return _static(page, args["name"])
    route = page.console.routes[endpoint]
    if request.method == "POST":
        _read_form(request)
    page.csrf_binding = request.cookies.get(csrf.COOKIE) or csrf.new_binding()
    page.session = session.current(request, page.services.verifier, page.services.console_authority)
    if route.role is not None:
        if page.session is None:
            if request.method != "GET" or page.partial:
                raise ApiError("sign in again", status=401, code="unauthorized")
            return page.redirect(page.url("sign_in"), next=page.base + request.full_path.rstrip("?"))
        page.member = _member(page, page.session)
    if request.method == "POST" and not csrf.is_valid(request, csrf_secret(page.services.config),
                                                      page.session.session_id if page.session else None):
        raise ApiError("the form has expired: open the page again and resend it", status=403, code="csrf")
    if route.role and not page.me().can(route.role):
        raise ApiError(f"this needs the {route.role} role or above", status=403, code="forbidden")
    return route.handler(page, **args)


def _read_form(request: flask.Request) -> None:
    """Reads a posted form now, to MAX_FORM_BYTES at most even when no length says how long it is (a
    chunked body): a form too large, cut off or malformed is refused here, not wherever it is first
    read. What is left of a refused one is not read (its page reads an empty form)."""
    request.max_content_length = MAX_FORM_BYTES
    try:
        request.form  # noqa: B018 (parsed on first access)
    except RequestEntityTooLarge:
        leave_body_unread(request)
        raise ApiError("the form is too large", status=413, code="too_large") from None
    except (OSError, ClientDisconnected):
        leave_body_unread(request)
        raise unreadable_body() from None


def _member(page: Page, signed_in: session.Session) -> Member:
    companies = page.rpc("my_companies")
    wanted = page.request.cookies.get(COMPANY_COOKIE)
    company = next((c for c in companies if c["owner_id"] == wanted), companies[0] if companies else None)
    return Member(signed_in.claims, companies, company)


def _static(page: Page, name: str) -> flask.Response:
    if name not in page.console.static_version:
        raise ApiError("no such file", status=404, code="not_found")
    response = flask.send_file(STATIC / name, max_age=365 * 24 * 3600)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"  # the URL names its version
    return response


def error_page(page: Page, error: ApiError) -> flask.Response:
    if error.status == 401 and not page.partial:
        return page.redirect(page.url("sign_in"))
    message = messages.refused(page.language, error)
    if page.partial:
        return flask.Response(message, status=error.status, mimetype="text/plain")
    headers = {"Retry-After": "1"} if error.status == 503 else {}
    response = page.render("error.html", status=error.status, error=error, message=message)
    response.headers.update(headers)
    return response


def _finish(page: Page, response: flask.Response) -> flask.Response:
    path = page.base or "/"
    if page.session is not None and page.session.renewed:
        session.keep(response, page.session.tokens, path)
    if page.request.cookies.get(csrf.COOKIE) != page.csrf_binding and page.csrf_binding:
        response.set_cookie(csrf.COOKIE, page.csrf_binding, path=path, secure=True, httponly=True, samesite="Lax")
    for name, value, max_age in page.cookies:
        response.set_cookie(name, value, max_age=max_age, path=path, secure=True, httponly=True, samesite="Lax")
    response.headers.update(SECURITY_HEADERS)
    if page.form_origins:
        response.headers["Content-Security-Policy"] = content_security_policy(page.form_origins)
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"  # a member's pages stay out of every cache
    return response


_console: Console | None = None


def handle(request: flask.Request) -> flask.Response:
    """The `console` function's answer to any request."""
    global _console
    if _console is None:
        from salesbot.console.pages import ROUTES

        _console = Console(ROUTES)
    try:
        return respond(_console, request)
    finally:
        leave_body_unread(request)
