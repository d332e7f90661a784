"""The outbox sweep a scheduler runs (`POST /deliver_outbox`, `salesbot channel deliver-outbox`):
Telegram's side (reminders for customers kept waiting, messages that could not go out at once) and
integration events side by side, each within the same time budget, so a backlog of one never holds
up the other."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from salesbot.config import Config
from salesbot.db import Database


def sweep(db: Database, config: Config, *, seconds: float = 50.0) -> dict[str, Any]:
    from salesbot.channels import delivery as telegram_delivery
    from salesbot.crm import delivery as crm_delivery

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox") as beside:
        integrations = beside.submit(crm_delivery.sweep, db, config, seconds=seconds)
        telegram = telegram_delivery.sweep(db, config, seconds=seconds)
    return {**telegram, "integrations": integrations.result()}
