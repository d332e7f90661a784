"""Many companies, many users, a few hundred random requests: an oracle proves that no row crossed
a tenant boundary and that every permitted write landed where it should."""

from __future__ import annotations

import os
import random
import uuid
from collections import Counter, defaultdict

import psycopg
import pytest

from tests.support.accounts import ROLES, User, add_member, sign_up_owner
from tests.support.postgres import as_client

RANK = {role: rank for rank, role in enumerate(ROLES)}
REQUESTS = 400
SEED = int(os.environ.get("ISOLATION_SEED", "20261124"))


@pytest.fixture
def world(fresh_db_url: str):
    """Six companies; users of random roles, a few of them members of a second company."""
    rng = random.Random(SEED)
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        owners = [sign_up_owner(conn, f"Company {n}") for n in range(6)]
        users: list[User] = list(owners)
        users += [add_member(conn, rng.choice(owners).owner_id, rng.choice(ROLES[:3])) for _ in range(14)]
        for user in rng.sample(users[6:], 4):
            other = rng.choice([o for o in owners if o.owner_id != user.owner_id])
            conn.execute(
                "insert into public.members (owner_id, user_id, role) values (%s, %s, %s)",
                (other.owner_id, user.user_id, rng.choice(ROLES)),
            )
        roles: dict[uuid.UUID, dict[uuid.UUID, str]] = defaultdict(dict)
        for owner_id, user_id, role in conn.execute("select owner_id, user_id, role::text from public.members"):
            roles[user_id][owner_id] = role
        channels: dict[uuid.UUID, uuid.UUID] = dict(conn.execute("select owner_id, id from public.channels").fetchall())
        yield conn, rng, [o.owner_id for o in owners], users, roles, channels


def test_random_requests_never_cross_a_tenant(world):
    conn, rng, companies, users, roles, channels = world
    oracle: dict[uuid.UUID, uuid.UUID] = {}  # customer id -> the company that owns it
    outcomes: Counter[str] = Counter()

    def may(user: User, company: uuid.UUID, least: str) -> bool:
        role = roles[user.user_id].get(company)
        return role is not None and RANK[role] >= RANK[least]

    for step in range(REQUESTS):
        user = rng.choice(users)
        operation = rng.choice(["read", "read", "insert", "update", "delete", "message"])
        target = rng.choice(companies)
        theirs = [cid for cid, owner in oracle.items() if owner == target]
        customer = rng.choice(theirs) if theirs else None
        where = f"seed {SEED}, request {step}: {operation} by {user.email} on company {target}"
        if operation in ("update", "delete", "message") and customer is None:
            operation = "insert"
        try:
            with as_client(conn, user.claims, commit=True) as tx:
                if operation == "read":
                    seen = dict(tx.execute("select id, owner_id from public.customers").fetchall())
                    assert seen == {c: o for c, o in oracle.items() if may(user, o, "viewer")}, where
                elif operation == "insert":
                    (new_id,) = tx.execute(
                        "insert into public.customers (owner_id, channel_id, external_id)"
                        " values (%s, %s, %s) returning id",
                        (target, channels[target], f"c{step}"),
                    ).fetchone()
                elif operation == "update":
                    changed = tx.execute(
                        "update public.customers set display_name = %s where id = %s", (f"n{step}", customer)
                    ).rowcount
                    assert changed == may(user, target, "manager"), where
                elif operation == "delete":
                    deleted = tx.execute("delete from public.customers where id = %s", (customer,)).rowcount
                    assert deleted == may(user, target, "admin"), where
                else:
                    tx.execute(
                        "insert into public.messages (owner_id, customer_id, role, text)"
                        " values (%s, %s, 'manager', 'hello')",
                        (target, customer),
                    )
        except psycopg.errors.InsufficientPrivilege:
            assert operation in ("insert", "message") and not may(user, target, "manager"), where
            outcomes[f"{operation} refused"] += 1
            continue
        assert operation not in ("insert", "message") or may(user, target, "manager"), where
        if operation == "insert":
            oracle[new_id] = target
        elif operation == "delete" and may(user, target, "admin"):
            del oracle[customer]
        outcomes[f"{operation} done"] += 1

    # The database agrees with the oracle row for row, and every message sits in its customer's company.
    assert dict(conn.execute("select id, owner_id from public.customers").fetchall()) == oracle
    crossed = conn.execute(
        "select count(*) from public.messages m join public.customers c on c.id = m.customer_id"
        " where m.owner_id <> c.owner_id"
    ).fetchone()[0]
    assert crossed == 0
    assert all(outcomes[kind] > 0 for kind in ("insert done", "insert refused", "message refused", "read done")), outcomes
