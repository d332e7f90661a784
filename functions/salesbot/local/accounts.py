"""Signing up and looking up users on the local stack, as Supabase Auth does on a real project.

Signup inserts into `auth.users` exactly what Auth would, so the same trigger creates the company.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

import bcrypt
import psycopg
from psycopg.types.json import Jsonb

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 6  # Supabase Auth's default
_BCRYPT_COST = 10  # Supabase Auth's (Go's bcrypt.DefaultCost)


class AccountError(Exception):
    """A signup or lookup that cannot be done, with a message for the person at the terminal."""


class InvalidSignup(AccountError):
    """The email, password or company given cannot make an account."""


@dataclass(frozen=True)
class Account:
    user_id: uuid.UUID
    email: str
    companies: tuple[uuid.UUID, ...]  # every company the user is a member of
    user_metadata: dict[str, Any]

    @property
    def company(self) -> uuid.UUID:
        """The user's only company, such as the one a signup founds. Never picked among several (the
        oldest, say): what the user meant for one company would land in another."""
        if len(self.companies) != 1:
            raise AccountError(f"{self.email} belongs to several companies: name one with --company"
                               if self.companies else f"{self.email} belongs to no company")
        return self.companies[0]


def sign_up(conn: psycopg.Connection, email: str, password: str, company: str) -> Account:
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise InvalidSignup(f"not an email address: {email!r}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidSignup(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if not company.strip():
        raise InvalidSignup("the company name is empty")
    metadata = {"company_name": company.strip()}
    try:
        with conn.transaction():
            # As Supabase Auth writes a confirmed email signup: '' in the token columns (Auth fails
            # on null ones) and the user's email identity beside the user.
            conn.execute(
                """
                with new_user as (
                  insert into auth.users (
                    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                    confirmation_token, recovery_token, email_change_token_new, email_change,
                    raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
                  values (
                    '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated',
                    'authenticated', %s, %s, now(), '', '', '', '',
                    '{"provider": "email", "providers": ["email"]}', %s, now(), now())
                  returning id, email, created_at
                )
                insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at,
                                             created_at, updated_at)
                select id::text, id, jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true,
                                                        'phone_verified', false),
                       'email', created_at, created_at, created_at
                from new_user
                """,
                (email, _hash_password(password), Jsonb(metadata)),
            )
    except psycopg.errors.UniqueViolation:
        raise AccountError(f"a user with the email {email} already exists") from None
    return find(conn, email)


def _hash_password(password: str) -> str:
    return bcrypt.hashpw(_bcrypt_input(password), bcrypt.gensalt(_BCRYPT_COST)).decode()


def _bcrypt_input(password: str) -> bytes:
    # The 72-byte cut is bcrypt's own limit, made explicit because the library refuses more.
    return password.encode()[:72]


# Compared against when no user has the email, so a wrong email costs what a wrong password does
# and the time of an answer tells nobody which addresses have accounts.
_NO_SUCH_USER_HASH = bcrypt.hashpw(b"no such user", bcrypt.gensalt(_BCRYPT_COST))


def check_password(conn: psycopg.Connection, email: str, password: str) -> tuple[Account, bool] | None:
    """The account whose password this is, and whether its email is confirmed; None for a wrong
    email or password. Checked as Supabase Auth checks a password grant: the user's bcrypt hash,
    SSO and banned users refused."""
    row = conn.execute(
        """
        select u.encrypted_password, u.email_confirmed_at is not null
        from auth.users u
        where u.email = %s and not u.is_sso_user and coalesce(u.encrypted_password, '') <> ''
          and (u.banned_until is null or u.banned_until < now()) and u.deleted_at is null
        """,
        (email.strip().lower(),),
    ).fetchone()
    stored = row[0].encode() if row else _NO_SUCH_USER_HASH
    matches = bcrypt.checkpw(_bcrypt_input(password), stored)
    if row is None or not matches:
        return None
    return find(conn, email), bool(row[1])


def find(conn: psycopg.Connection, email: str) -> Account:
    row = conn.execute(
        """
        select u.id, u.email, coalesce(u.raw_user_meta_data, '{}'),
          array(select m.owner_id from public.members m where m.user_id = u.id order by m.owner_id)
        from auth.users u where u.email = %s and not u.is_sso_user
        """,
        (email.strip().lower(),),
    ).fetchone()
    if row is None:
        raise AccountError(f"no user with the email {email.strip().lower()}")
    user_id, email, metadata, companies = row
    return Account(user_id=user_id, email=email, companies=tuple(companies), user_metadata=metadata)
