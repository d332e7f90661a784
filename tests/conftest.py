"""Fixtures: a real PostgreSQL with the real migrations, and the real functions-framework app."""

from __future__ import annotations

import os
from collections.abc import Iterator

import psycopg
import pytest
from werkzeug.test import Client

from salesbot.db import PostgresDatabase
from salesbot.local.server import create_app
from salesbot.services import reset_services
from tests.support import postgres
from tests.support.accounts import Company, make_company

JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-and-hs512-0123456789abcdef"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks `db` every test that needs the PostgreSQL server, so `-m "not db"` runs the rest alone."""
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session")
def pg_server(testrun_uid: str) -> str:
    """The server's maintenance URL, with the template database built for this run."""
    # One server per run (xdist's workers share the run id), so they share it.
    url = postgres.server_url(postgres.server_folder(testrun_uid, "embedded-pg"))
    url = postgres.with_database(url, "postgres")
    postgres.ensure_template(url, testrun_uid)
    return url


@pytest.fixture(scope="session")
def db_url(pg_server: str, worker_id: str) -> Iterator[str]:
    """This worker's database, migrated, shared by the worker's tests."""
    url = postgres.create_database(pg_server, f"salesbot_test_{worker_id}")
    yield url
    postgres.drop_database(url)


@pytest.fixture
def fresh_db_url(pg_server: str) -> Iterator[str]:
    """An empty migrated database of the test's own."""
    url = postgres.create_database(pg_server, postgres.random_name("salesbot_fresh"))
    yield url
    postgres.drop_database(url)


@pytest.fixture(scope="session")
def sql(db_url: str) -> Iterator[psycopg.Connection]:
    """A superuser connection for setting up and checking what the product did."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        yield conn


@pytest.fixture(scope="session")
def database(db_url: str) -> Iterator[PostgresDatabase]:
    db = PostgresDatabase(db_url, max_size=4)
    yield db
    db.close()


@pytest.fixture
def company(sql: psycopg.Connection) -> Company:
    return make_company(sql)


@pytest.fixture
def other_company(sql: psycopg.Connection) -> Company:
    return make_company(sql, "Other Co")


@pytest.fixture
def app_env(db_url: str) -> Iterator[dict[str, str]]:
    """The environment a deployed function would have, for the local database and no LLM key."""
    env = {"DATABASE_URL": db_url, "SUPABASE_JWT_SECRET": JWT_SECRET}
    saved = {key: os.environ.get(key) for key in (*env, "SUPABASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL")}
    for key in saved:
        os.environ.pop(key, None)
    os.environ.update(env)
    reset_services()
    yield env
    reset_services()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def wsgi_app():
    return create_app()


@pytest.fixture
def client(wsgi_app, app_env: dict[str, str]) -> Client:
    """The functions-framework app serving every function at /<name>, as `salesbot dev` does."""
    return Client(wsgi_app)
