"""Circuit breakers: a provider that keeps failing is skipped for a while instead of costing every
customer the whole wait.

A provider that hangs costs each message its full deadline (the LLM's reply deadline, the Bot
API's send budget). After `failures` consecutive failures or timeouts the breaker opens: callers
skip the provider at once (the offline engine answers; the message waits in the outbox) for
`cooldown` seconds. Then one call goes through as a probe: if it succeeds the breaker closes, if
not it stays open for another cool-down. Opening and closing are each logged once.

    closed ──failures in a row──▶ open ──cooldown──▶ half-open (one probe) ──success──▶ closed
                                   ▲                        │
                                   └────────failure─────────┘

One breaker per provider and process: the LLM has one, each Telegram bot its own.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(self, name: str, *, failures: int = 3, cooldown: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.name = name  # for the log: never a secret
        self._threshold = failures
        self._cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._open_until: float | None = None  # set while open
        # When the probe under way started: everyone else still skips. A probe never reported
        # (its caller died) is given up after a cool-down, so the breaker cannot stay stuck.
        self._probe_started: float | None = None

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._open_until is not None

    def allow(self) -> bool:
        """Whether a call may go to the provider now. Past the cool-down, the first caller to ask
        becomes the probe and must report how it went."""
        with self._lock:
            if self._open_until is None:
                return True
            now = self._clock()
            probing = self._probe_started is not None and now < self._probe_started + self._cooldown
            if probing or now < self._open_until:
                return False
            self._probe_started = now
            return True

    def succeeded(self) -> None:
        with self._lock:
            was_open = self._open_until is not None
            self._failures, self._open_until, self._probe_started = 0, None, None
        if was_open:
            log.warning("circuit breaker %s closed: the provider answers again", self.name)

    def failed(self) -> None:
        with self._lock:
            self._failures += 1
            if self._open_until is not None:  # the probe failed: another cool-down, said once already
                self._open_until, self._probe_started = self._clock() + self._cooldown, None
                return
            if self._failures < self._threshold:
                return
            self._open_until = self._clock() + self._cooldown
        log.warning("circuit breaker %s opened after %d failures in a row: skipped for %gs, then probed",
                    self.name, self._threshold, self._cooldown)
