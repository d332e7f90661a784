"""Companies and their users, made the way the product makes them: signup through auth.users."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import psycopg

from salesbot.local import accounts, tokens

ROLES = ("viewer", "manager", "admin", "owner")


@dataclass(frozen=True)
class User:
    user_id: uuid.UUID
    email: str
    owner_id: uuid.UUID
    role: str

    @property
    def claims(self) -> dict[str, Any]:
        return tokens.access_token_claims(self.user_id, self.email)

    def token(self, secret: str) -> str:
        return tokens.sign(self.claims, secret)


def sign_up_owner(conn: psycopg.Connection, company: str = "Acme") -> User:
    email = f"owner-{uuid.uuid4().hex[:10]}@example.com"
    account = accounts.sign_up(conn, email, "correct horse", company)
    return User(account.user_id, account.email, account.company, "owner")


def add_member(conn: psycopg.Connection, owner_id: uuid.UUID, role: str) -> User:
    """A user who belongs to `owner_id`'s company only, with `role`.

    Signup always founds a company; joining another one is what invitations do, so until a test
    needs invitations themselves, the new user's own company is removed and the membership added.
    """
    user = sign_up_owner(conn, company="scratch")
    with conn.transaction():
        conn.execute("delete from public.companies where id = %s", (user.owner_id,))
        conn.execute(
            "insert into public.members (owner_id, user_id, role) values (%s, %s, %s)", (owner_id, user.user_id, role)
        )
    return User(user.user_id, user.email, owner_id, role)


@dataclass(frozen=True)
class Company:
    owner_id: uuid.UUID
    users: dict[str, User]  # by role


def make_company(conn: psycopg.Connection, name: str = "Acme") -> Company:
    owner = sign_up_owner(conn, name)
    users = {"owner": owner}
    for role in ("viewer", "manager", "admin"):
        users[role] = add_member(conn, owner.owner_id, role)
    return Company(owner.owner_id, users)
