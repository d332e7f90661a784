"""HTTP requests to addresses that companies give us: their webhook endpoints, their Bitrix24
portal, the amoCRM account amoCRM sent them back from.

Only https, and only public addresses: the address is checked when the connection is opened, on
the very address connected to, so a name that resolves to an internal one (whether at registration
or later, by DNS rebinding) is never called; the same checks refuse it when a company gives it to us
(`check_endpoint`). Loopback, private, link-local (cloud metadata at
169.254.169.254), shared, reserved and multicast addresses are refused, IPv4 inside IPv6 included.
Redirects are never followed: a 3xx is an answer like any other. Answers are read up to a limit,
within the time given. SALESBOT_ALLOW_PRIVATE_ENDPOINTS lifts the scheme and address checks for
local development and the tests, where every endpoint is on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import json
import select
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from salesbot.crm.errors import DeliveryFailed, EndpointRefused, NoAnswer, PrivateAddress

MAX_ANSWER_BYTES = 1024 * 1024
_CHUNK = 64 * 1024
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
USER_AGENT = "Salesbot/0.1"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes

    def json(self) -> Any:
        """The body as JSON, or None when it is empty or not JSON."""
        try:
            return json.loads(self.body) if self.body.strip() else None
        except ValueError:
            return None

    def retry_after(self) -> float | None:
        """Retry-After in seconds, when given as a number."""
        try:
            return max(0.0, float(self.headers.get("retry-after", "")))
        except ValueError:
            return None


def is_public(address: str) -> bool:
    """Whether an IP address is one the open internet routes to (and so not one of ours)."""
    ip = ipaddress.ip_address(address.partition("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public(str(embedded))
    return ip.is_global and not ip.is_multicast


def _resolve(host: str, port: int, allow_private: bool) -> list[Any]:
    """The addresses `host` resolves to, every one public unless `allow_private`: a client may pick any."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise DeliveryFailed(f"{host} does not resolve") from None
    if not allow_private:
        private = next((str(info[4][0]) for info in found if not is_public(str(info[4][0]))), None)
        if private is not None:
            raise PrivateAddress(f"{host} resolves to {private}, which is not a public address")
    return found


def check_endpoint(url: str, *, allow_private: bool) -> None:
    """Raises EndpointRefused when no request to `url` would be made: what every connection checks,
    checked when a company gives us the address, so it is refused there and then rather than in the
    delivery log. A name that does not resolve yet is let through; every connection checks again."""
    _, host, port, _ = _target(url, allow_private)
    if allow_private:
        return
    try:
        _resolve(host, port, allow_private)
    except EndpointRefused:
        raise
    except DeliveryFailed:
        pass  # not resolving (yet): nothing is called until it resolves to public addresses


def _target(url: str, allow_private: bool) -> tuple[str, str, int, str]:
    """The scheme, host, port and request target of an endpoint we may call."""
    parts = urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and allow_private):
        raise EndpointRefused("only https endpoints are called")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise EndpointRefused("the endpoint's port is not a number from 1 to 65535") from None
    if not parts.hostname or parts.username is not None or parts.password is not None:
        raise EndpointRefused("the endpoint needs a host name and no credentials in the URL")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, target


def _open_socket(host: str, port: int, timeout: float | None, allow_private: bool) -> socket.socket:
    failure: OSError | None = None
    for family, kind, proto, _, address in _resolve(host, port, allow_private):
        sock = socket.socket(family, kind, proto)
        sock.settimeout(timeout)
        # As http.client's own connect does: a request goes out as its headers and then its body, and
        # with Nagle's algorithm the body would wait for the headers' ACK, which the receiver delays
        # (40 ms on Linux): every Bot API call and webhook request paid that.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.connect(address)  # the address checked above, never resolved again
            return sock
        except OSError as error:
            sock.close()
            failure = error
    raise DeliveryFailed(f"cannot connect to {host}: {type(failure).__name__}")


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, timeout: float, allow_private: bool) -> None:
        super().__init__(host, port, timeout=timeout)
        self._allow_private = allow_private

    def connect(self) -> None:
        self.sock = _open_socket(self.host, self.port, self.timeout, self._allow_private)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, timeout: float, allow_private: bool, tls: ssl.SSLContext) -> None:
        super().__init__(host, port, timeout=timeout, context=tls)
        self._allow_private = allow_private
        self._tls = tls

    def connect(self) -> None:
        sock = _open_socket(self.host, self.port, self.timeout, self._allow_private)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)  # the certificate names the host


@functools.cache
def _tls() -> ssl.SSLContext:
    """The process's TLS context, made on first need: making one loads the CA bundle (about 19 ms of
    CPU), and one context serves every connection of every thread."""
    return ssl.create_default_context()


class Session:
    """One worker's connections, kept alive per origin while it delivers one integration's events."""

    def __init__(self, *, allow_private: bool = False) -> None:
        self._allow_private = allow_private
        self._connections: dict[tuple[str, str, int], http.client.HTTPConnection] = {}

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def request(self, method: str, url: str, *, body: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float = 10.0, repeatable: bool) -> Answer:
        """Sends one request and reads its answer, whatever its status; raises DeliveryFailed when
        no answer came (refused address, no connection), NoAnswer when none came after the request
        went out (timeout, connection closed), so the server may have acted on it.

        `repeatable`: sending it twice does what sending it once does (a read, a search, a PUT or
        PATCH of a record by its id, a request carrying an idempotency key). A kept-alive connection
        may fail as a request goes out on it, the server having closed it while idle: the request is
        sent again on a new connection if it never went out whole, or if it is repeatable. One that
        creates something (a deal, a message) and went out is never sent again here: the server may
        have read it and then lost the connection, and a second one would be a duplicate."""
        scheme, host, port, target = _target(url, self._allow_private)
        headers = {"User-Agent": USER_AGENT, **(headers or {})}
        key = (scheme, host, port)
        reused = self._keep_alive(key)
        while True:
            connection = self._connection(key, timeout)
            deadline = time.monotonic() + timeout
            written = False  # once the whole request is out, a failure may come after the server acted on it
            try:
                connection.request(method, target, body=body, headers=headers)
                written = True
                return self._answer(connection, deadline)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as error:
                self._drop(key)
                if not reused or (written and not repeatable):
                    failed = NoAnswer if written else DeliveryFailed
                    raise failed(f"{host} closed the connection: {type(error).__name__}") from None
                reused = False  # once: the new connection's failure is the server's answer
            except DeliveryFailed:
                self._drop(key)
                raise
            except (OSError, http.client.HTTPException) as error:
                self._drop(key)
                reason = "did not answer in time" if isinstance(error, TimeoutError) else type(error).__name__
                raise (NoAnswer if written else DeliveryFailed)(f"{host} {reason}") from None

    def _keep_alive(self, key: tuple[str, str, int]) -> bool:
        """Whether a kept-alive connection to `key` is there to take the request. One the server has
        closed while it was idle (readable: its end, or bytes no request asked for) is dropped here,
        before anything is sent on it, so that only a close racing the request can fail one."""
        connection = self._connections.get(key)
        if connection is None:
            return False
        if connection.sock is not None:
            poller = select.poll()
            poller.register(connection.sock, select.POLLIN)
            if not poller.poll(0):
                return True
        self._drop(key)
        return False

    def _connection(self, key: tuple[str, str, int], timeout: float) -> http.client.HTTPConnection:
        connection = self._connections.get(key)
        if connection is None:
            scheme, host, port = key
            if scheme == "https":
                connection = _CheckedHTTPSConnection(host, port, timeout=timeout, allow_private=self._allow_private,
                                                     tls=_tls())
            else:
                connection = _CheckedHTTPConnection(host, port, timeout=timeout, allow_private=self._allow_private)
            self._connections[key] = connection
        connection.timeout = timeout
        if connection.sock is not None:
            connection.sock.settimeout(timeout)
        return connection

    def _drop(self, key: tuple[str, str, int]) -> None:
        connection = self._connections.pop(key, None)
        if connection is not None:
            connection.close()

    def _answer(self, connection: http.client.HTTPConnection, deadline: float) -> Answer:
        response = connection.getresponse()
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_ANSWER_BYTES:
            if time.monotonic() > deadline:
                raise TimeoutError
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_ANSWER_BYTES or response.will_close:
            connection.close()  # what is left unread would be read as the next answer
        else:
            response.close()  # read to its end (read1 never says so): the connection takes the next request
        return Answer(response.status, {name.lower(): value for name, value in response.getheaders()},
                      b"".join(chunks)[:MAX_ANSWER_BYTES])
