"""Fixtures: a real PostgreSQL with the real migrations, and the real functions-framework app."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from werkzeug.test import Client

from salesbot.db import PostgresDatabase
from salesbot.local.database import FUNCTIONS_ROLE, SERVICE_LOGIN, as_functions_role
from salesbot.local.server import create_app
from salesbot.services import reset_services
from tests.support import pgbouncer, postgres, runs
from tests.support.accounts import Company, make_company

pytest_plugins = ["tests.support.crm_servers"]  # the CRM servers' fixtures, for any test that asks

JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-and-hs512-0123456789abcdef"


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller, or the only process: one id for the run
        # xdist hands this option to every worker (the testrun_uid fixture); without xdist it is ours.
        config.option.testrunuid = config.getoption("testrunuid", None) or uuid.uuid4().hex


def pytest_unconfigure(config: pytest.Config) -> None:
    """The controller, its workers gone, deletes what the run kept: databases on DATABASE_URL's
    server, its folder with the embedded servers' data."""
    if hasattr(config, "workerinput") or not runs.used(run := run_id(config)):
        return
    if os.environ.get("DATABASE_URL"):
        postgres.drop_run_databases(postgres.with_database(os.environ["DATABASE_URL"], "postgres"), run)
    runs.finish(run)


def run_id(config: pytest.Config) -> str:
    workerinput = getattr(config, "workerinput", None)
    return str(workerinput["testrunuid"] if workerinput else config.option.testrunuid)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks `db` every test that needs PostgreSQL (whose fixtures reach the run's folder, where
    every embedded server lives, or the server itself), so `-m "not db"` runs the rest alone."""
    for item in items:
        if {"run_folder", "pg_server"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session", autouse=True)
def salesbot_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The local stack's state in the run's own temporary folder, never in the checkout's `.salesbot/`."""
    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("salesbot-home")
        patch.setenv("SALESBOT_HOME", str(home))
        yield home


@pytest.fixture(scope="session")
def this_run(request: pytest.FixtureRequest) -> str:
    """This run's id, the same in every xdist worker."""
    return run_id(request.config)


@pytest.fixture(scope="session")
def run_folder(this_run: str) -> Path:
    """Where this run's embedded servers keep their data: apart from other runs', deleted at its end."""
    return runs.folder(this_run)


@pytest.fixture(scope="session")
def pg_server(run_folder: Path, this_run: str) -> Iterator[str]:
    """The server's maintenance URL, with the template database built for this run."""
    # One embedded server per run, shared by its xdist workers; or DATABASE_URL's, shared with anyone
    # (the run's folder then only tells the controller that the run made databases there).
    url = postgres.server_url(run_folder / "embedded-pg")
    with postgres.claim_server(postgres.with_database(url, "postgres"), this_run) as maintenance:
        yield maintenance


@pytest.fixture(scope="session")
def db_url(pg_server: str, this_run: str, worker_id: str) -> Iterator[str]:
    """This worker's database, migrated, shared by the worker's tests."""
    url = postgres.create_database(pg_server, this_run, worker_id)
    yield url
    postgres.drop_database(url)


@pytest.fixture
def fresh_db_url(pg_server: str, this_run: str) -> Iterator[str]:
    """An empty migrated database of the test's own."""
    url = postgres.create_database(pg_server, this_run, f"fresh_{uuid.uuid4().hex[:12]}")
    yield url
    postgres.drop_database(url)


@pytest.fixture(scope="session")
def sql(db_url: str) -> Iterator[psycopg.Connection]:
    """A superuser connection for setting up and checking what the product did."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        yield conn


@pytest.fixture(scope="session")
def functions_db_url(db_url: str) -> str:
    """This worker's database as the functions reach it: as their least-privilege login role."""
    return as_functions_role(db_url)


@pytest.fixture(scope="session")
def pooler_url(db_url: str, run_folder: Path, worker_id: str) -> Iterator[str]:
    """This worker's database through a PgBouncer of its own in transaction mode, as the functions'
    login role (its service login has a pool of its own): every client's transactions share one server
    connection, as tests marked `pooler` need."""
    with pgbouncer.serve(db_url, run_folder / f"pgbouncer-{worker_id}",
                         users=("postgres", FUNCTIONS_ROLE, SERVICE_LOGIN)) as url:
        yield as_functions_role(url)


@pytest.fixture(scope="session")
def database(functions_db_url: str) -> Iterator[PostgresDatabase]:
    db = PostgresDatabase(functions_db_url, max_size=4)
    yield db
    db.close()


@pytest.fixture
def company(sql: psycopg.Connection) -> Company:
    return make_company(sql)


@pytest.fixture
def other_company(sql: psycopg.Connection) -> Company:
    return make_company(sql, "Other Co")


@pytest.fixture
def app_env(functions_db_url: str, db_url: str) -> Iterator[dict[str, str]]:
    """The environment a deployed function would have, for the local database and no LLM key; the
    console signs members in as on the local stack."""
    env = {"DATABASE_URL": functions_db_url, "SUPABASE_JWT_SECRET": JWT_SECRET,
           "SALESBOT_LOCAL_AUTH_DATABASE_URL": db_url}
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
