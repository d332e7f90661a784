"""The `salesbot` command: signup and tokens on the local stack, and clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import jwt
import pytest

from tests.conftest import JWT_SECRET


@pytest.fixture
def run(db_url: str, tmp_path):
    env = {**os.environ, "DATABASE_URL": db_url, "SUPABASE_JWT_SECRET": JWT_SECRET, "SALESBOT_HOME": str(tmp_path)}

    def salesbot(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "salesbot.cli", *args], env=env, capture_output=True, text=True, timeout=60
        )

    return salesbot


def test_signup_prints_the_user_its_company_and_a_working_token(run):
    result = run("signup", "--email", "cli@example.com", "--password", "correct horse", "--company", "CLI Co")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    claims = jwt.decode(printed["access_token"], JWT_SECRET, algorithms=["HS256"], audience="authenticated")
    assert claims["sub"] == printed["user_id"] and claims["email"] == "cli@example.com"
    assert claims["role"] == "authenticated" and claims["user_metadata"] == {"company_name": "CLI Co"}
    assert {"iss", "exp", "iat", "session_id", "app_metadata", "aal", "amr"} <= claims.keys()
    assert printed["owner_id"]

    token = run("token", "--email", "CLI@example.com")
    assert token.returncode == 0
    assert jwt.decode(token.stdout.strip(), JWT_SECRET, algorithms=["HS256"], audience="authenticated")["sub"] == printed["user_id"]


def test_an_existing_email_is_a_clear_error_not_a_traceback(run):
    run("signup", "--email", "dup@example.com", "--password", "correct horse", "--company", "A")
    result = run("signup", "--email", "dup@example.com", "--password", "correct horse", "--company", "B")
    assert result.returncode == 1
    assert result.stderr.strip() == "salesbot: error: a user with the email dup@example.com already exists"


@pytest.mark.parametrize(
    "args",
    [
        ("signup", "--email", "x@example.com"),
        ("signup", "--email", "not-an-email", "--password", "correct horse", "--company", "A"),
        ("token",),
        ("launch",),
        (),
    ],
)
def test_bad_arguments_get_one_line_and_exit_code_2(run, args):
    result = run(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "error" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_token_for_an_unknown_user_is_a_clear_error(run):
    result = run("token", "--email", "ghost@example.com")
    assert result.returncode == 1 and "no user" in result.stderr and "Traceback" not in result.stderr
