"""What the subcommands share: the local database, and tokens for local users."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator
from typing import Any, NoReturn

import psycopg

from salesbot.db import PostgresDatabase
from salesbot.local import accounts, tokens
from salesbot.local.paths import state_dir


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not a usage dump: the exit code already says it was the arguments.
        self.exit(2, f"{self.prog}: error: {message}\n")


def database_url() -> str:
    """DATABASE_URL when set; otherwise the embedded database, started if need be."""
    if url := os.environ.get("DATABASE_URL"):
        return url
    from salesbot.local.database import start_embedded

    return start_embedded(state_dir() / "pgdata")


def functions_database_url() -> str:
    """What the functions connect with: DATABASE_URL as given, or the embedded database as their
    least-privilege login role, as they connect when deployed."""
    if url := os.environ.get("DATABASE_URL"):
        return url
    from salesbot.local.database import as_functions_role

    return as_functions_role(database_url())


def reset_local_database() -> None:
    """Deletes the embedded database; one named by DATABASE_URL is the operator's to rebuild."""
    if os.environ.get("DATABASE_URL"):
        raise ResetRefused("DATABASE_URL is set: drop and recreate that database yourself, then run salesbot dev")
    from salesbot.local.database import delete_embedded

    delete_embedded(state_dir() / "pgdata")


class ResetRefused(Exception):
    """--reset would delete a database this tool did not make."""


def rebuild_hint() -> str:
    if os.environ.get("DATABASE_URL"):
        return "drop and recreate the database at DATABASE_URL, then run salesbot dev"
    return "rebuild it with `salesbot dev --reset` (the local data is lost)"


@contextlib.contextmanager
def connect() -> Iterator[psycopg.Connection]:
    """A superuser connection to the local database, its schema brought up to date."""
    from salesbot.local.database import prepare

    url = database_url()
    prepare(url)
    with psycopg.connect(url, autocommit=True) as conn:
        yield conn


@contextlib.contextmanager
def as_user(email: str) -> Iterator[tuple[PostgresDatabase, dict[str, Any]]]:
    """The database, and the claims of `email`'s access token: to act with that user's rights."""
    with connect() as conn:
        account = accounts.find(conn, email)
    database = PostgresDatabase(functions_database_url(), max_size=1)
    try:
        yield database, tokens.access_token_claims(account.user_id, account.email)
    finally:
        database.close()


def access_token(account: accounts.Account) -> str:
    claims = tokens.access_token_claims(account.user_id, account.email, user_metadata=account.user_metadata)
    return tokens.sign(claims, tokens.local_jwt_secret())
