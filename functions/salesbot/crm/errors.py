"""Why a delivery did not get through, and what the sweep does about it.

    DeliveryFailed           retried with backoff, until its 24 hours are over
    ├── NoAnswer             the request went out and no answer came: the other side may have acted on it
    ├── RateLimited          the service asked us to slow down: retried after what it said
    ├── Unauthorized         the credentials were refused (amoCRM refreshes its token once, then this)
    └── Refused              retrying the same request cannot help: set aside as dead at once
        └── EndpointRefused  the address is not a public https one: we do not call it
            └── PrivateAddress  its host is, or resolves to, an address of a private network

The reason is what the company reads in its delivery log: it never holds a credential.
"""

from __future__ import annotations


class DeliveryFailed(Exception):
    permanent = False

    def __init__(self, reason: str, *, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason[:1000]
        self.status = status
        self.retry_after = retry_after


class NoAnswer(DeliveryFailed):
    """Retried like any failure by callers whose requests are safe to repeat; one that is not (a
    Telegram message) must not be sent again blindly."""


class RateLimited(DeliveryFailed):
    pass


class Unauthorized(DeliveryFailed):
    pass


class Refused(DeliveryFailed):
    permanent = True


class EndpointRefused(Refused):
    pass


class PrivateAddress(EndpointRefused):
    pass
