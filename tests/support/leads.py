"""Conversations with their leads, stored as the chat pipeline would have stored them."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg

from tests.support.accounts import Company


def add_lead(sql: psycopg.Connection, company: Company, name: str, **fields: Any) -> dict[str, str]:
    """A customer of the company's test chat, one message each way, and a lead with `fields`.

    `message` (popped from `fields`) is what the customer wrote. Returns the lead and customer ids.
    """
    channel = sql.execute(
        "select id from public.channels where owner_id = %s and kind = 'test'", (company.owner_id,)
    ).fetchone()[0]
    customer = sql.execute(
        "insert into public.customers (owner_id, channel_id, external_id, display_name)"
        " values (%s, %s, %s, %s) returning id",
        (company.owner_id, channel, uuid.uuid4().hex, name),
    ).fetchone()[0]
    sql.execute(
        "insert into public.messages (owner_id, customer_id, role, text) values (%s, %s, 'customer', %s)",
        (company.owner_id, customer, fields.pop("message", f"Здравствуйте, я {name}")),
    )
    sql.execute(
        "insert into public.messages (owner_id, customer_id, role, text) values (%s, %s, 'bot', 'Здравствуйте!')",
        (company.owner_id, customer),
    )
    columns = ["owner_id", "customer_id", "name", *fields]
    row = sql.execute(
        f"insert into public.leads ({', '.join(columns)}) values ({', '.join(['%s'] * len(columns))}) returning id",
        (company.owner_id, customer, name, *fields.values()),
    ).fetchone()
    return {"lead_id": str(row[0]), "customer_id": str(customer)}
