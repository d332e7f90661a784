"""Plans and usage as the operator and the tests see them: a plan of the test's own (plans are the
operator's data, shared by the worker's database), a company moved onto it, and its current usage."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg


def make_plan(sql: psycopg.Connection, **limits: Any) -> str:
    """A plan with these limits (bot_replies, llm_tokens, channels, seats, crm_connectors, grace_days;
    unlimited where not given), as the operator adds one."""
    plan_id = f"test-{uuid.uuid4().hex[:12]}"
    columns = ["id", "name", *limits]
    sql.execute(f"insert into private.plans ({', '.join(columns)}) values ({', '.join(['%s'] * len(columns))})",
                (plan_id, f"Plan {plan_id[-4:]}", *limits.values()))
    return plan_id


def put_on_plan(sql: psycopg.Connection, owner_id: uuid.UUID, plan_id: str) -> None:
    """The operator moves a company onto a plan (a paid one would come from the payment provider)."""
    sql.execute("update public.subscriptions set plan_id = %s, status = 'active', grace_until = null where owner_id = %s",
                (plan_id, owner_id))


def current_usage(sql: psycopg.Connection, owner_id: uuid.UUID) -> dict[str, int]:
    """The company's counters for the billing period it is in; zeros before anything was counted."""
    row = sql.execute(
        "select u.bot_replies, u.llm_input_tokens, u.llm_output_tokens, u.replies_notice, u.tokens_notice"
        " from public.subscriptions s cross join lateral private.billing_period(s.period_anchor, now()) p"
        " left join public.usage u on u.owner_id = s.owner_id and u.period_start = p.period_start"
        " where s.owner_id = %s", (owner_id,)).fetchone()
    names = ("bot_replies", "llm_input_tokens", "llm_output_tokens", "replies_notice", "tokens_notice")
    return {name: value or 0 for name, value in zip(names, row, strict=True)}


def bot_messages(sql: psycopg.Connection, owner_id: uuid.UUID) -> int:
    return sql.execute("select count(*) from public.messages where owner_id = %s and role = 'bot'", (owner_id,)).fetchone()[0]
