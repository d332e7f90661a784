"""A channel's secrets, read as the service and kept briefly, so a webhook checks a request with
one database read at most."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from uuid import UUID

from salesbot.db import SERVICE_CLAIMS, Database

_TTL_SECONDS = 30.0  # a rotated secret takes effect within this
_cache: dict[UUID, tuple[float, ChannelCredentials]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class ChannelCredentials:
    channel_id: UUID
    owner_id: UUID
    kind: str
    is_active: bool
    webhook_secret: str
    bot_token: str | None


def channel_credentials(db: Database, channel_id: UUID) -> ChannelCredentials | None:
    now = time.monotonic()
    with _lock:
        cached = _cache.get(channel_id)
    if cached and now - cached[0] < _TTL_SECONDS:
        return cached[1]
    row = db.rpc("channel_credentials", {"p_channel_id": str(channel_id)}, SERVICE_CLAIMS)
    if not row:
        return None  # not cached: made-up channel ids must not grow the cache
    credentials = ChannelCredentials(UUID(row["channel_id"]), UUID(row["owner_id"]), row["kind"], row["is_active"],
                                     row["webhook_secret"], row["bot_token"])
    with _lock:
        _cache[channel_id] = (now, credentials)
    return credentials
