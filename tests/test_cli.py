"""The `salesbot` command: signup and tokens on the local stack, and clear errors."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import jwt
import psycopg
import pytest

from tests.conftest import JWT_SECRET


@pytest.fixture
def run(db_url: str, tmp_path):
    base_env = {**os.environ, "DATABASE_URL": db_url, "SUPABASE_JWT_SECRET": JWT_SECRET, "SALESBOT_HOME": str(tmp_path)}

    def salesbot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "salesbot.cli", *args], env={**base_env, **(env or {})}, capture_output=True,
            text=True, timeout=60
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


def test_a_database_from_another_migration_history_gets_one_line_saying_how_to_rebuild_it(run, fresh_db_url):
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute("insert into supabase_migrations.schema_migrations (version, name) values ('20200101000000', 'old')")
    result = run("token", "--email", "nobody@example.com", env={"DATABASE_URL": fresh_db_url})
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "no longer in supabase/migrations" in result.stderr and "drop and recreate" in result.stderr


def test_dev_reset_rebuilds_the_embedded_database_from_the_migrations(run_folder: Path, worker_id: str):
    home = run_folder / f"salesbot-home-{worker_id}"  # where other runs cannot cut it off
    home.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"SALESBOT_HOME": str(home), "SUPABASE_JWT_SECRET": JWT_SECRET}
    signup = [sys.executable, "-m", "salesbot.cli", "signup", "--email", "r@example.com", "--password", "correct horse",
              "--company", "R"]
    try:
        assert subprocess.run(signup, env=env, capture_output=True, text=True, timeout=120).returncode == 0
        # In a process of its own: a handle this test held would rightly keep --reset from deleting the database.
        old_history = (
            "import psycopg, sys; from pathlib import Path; from salesbot.local.database import start_embedded;"
            " psycopg.connect(start_embedded(Path(sys.argv[1])), autocommit=True).execute("
            "\"insert into supabase_migrations.schema_migrations (version, name) values ('20200101000000', 'old')\")"
        )
        subprocess.run([sys.executable, "-c", old_history, str(home / "pgdata")], env=env, check=True, timeout=60)
        refused = subprocess.run(signup, env=env, capture_output=True, text=True, timeout=120)
        assert refused.returncode == 1 and "salesbot dev --reset" in refused.stderr

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        dev = subprocess.Popen([sys.executable, "-m", "salesbot.cli", "dev", "--reset", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert dev.stdout is not None and "ready" in dev.stdout.readline()
        finally:
            dev.terminate()
            dev.wait(timeout=30)
        again = subprocess.run(signup, env=env, capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr  # a new database: the email is free again
    finally:
        from salesbot.local.database import delete_embedded

        delete_embedded(home / "pgdata")


# --- salesbot settings -----------------------------------------------------------------------------


def test_a_company_sets_up_its_bot_from_the_example_in_a_few_commands(run, tmp_path):
    assert run("signup", "--email", "okna@example.com", "--password", "correct horse", "--company", "Окна").returncode == 0
    example = run("settings", "example", "--lang", "ru")
    assert example.returncode == 0 and "internal_notes:" in example.stdout and "# " in example.stdout
    bot = tmp_path / "bot.yaml"
    bot.write_text(example.stdout.replace("name: Марина", "name: Ольга"), encoding="utf-8")
    saved = run("settings", "set", str(bot), "--email", "okna@example.com")
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.startswith("saved: 5 offering(s), 3 FAQ entries, 3 not offered (revision ")
    shown = run("settings", "show", "--email", "okna@example.com")
    assert shown.returncode == 0 and "name: Ольга" in shown.stdout and "kind: range" in shown.stdout
    as_json = json.loads(run("settings", "show", "--email", "okna@example.com", "--json").stdout)
    assert as_json["persona"]["name"] == "Ольга" and as_json["hours"]["time_zone"] == "Asia/Yekaterinburg"


def test_a_bad_settings_file_lists_every_problem_and_saves_nothing(run, tmp_path):
    run("signup", "--email", "bad@example.com", "--password", "correct horse", "--company", "Bad")
    bot = tmp_path / "bot.json"
    bot.write_text(json.dumps({"offerings": [{"name": "Кухня", "price": "from 3000"}], "prise": 1}), encoding="utf-8")
    result = run("settings", "set", str(bot), "--email", "bad@example.com")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines()[1:] == ["  $.offerings[0].price: must be an object", "  $.prise: not a known field"]
    assert json.loads(run("settings", "show", "--email", "bad@example.com", "--json").stdout) == {}
    broken = tmp_path / "broken.yaml"
    broken.write_text("persona: [unclosed", encoding="utf-8")
    result = run("settings", "set", str(broken), "--email", "bad@example.com")
    assert result.returncode == 1 and "is not JSON or YAML" in result.stderr and "Traceback" not in result.stderr


def test_a_price_list_is_imported_from_an_excel_csv(run, tmp_path):
    run("signup", "--email", "prices@example.com", "--password", "correct horse", "--company", "Кухни")
    prices = tmp_path / "prices.csv"
    prices.write_text("\ufeffНазвание;Цена;Единица;Что входит;Синонимы\n"
                      "Кухня из эмали;от 45 000 ₽;за погонный метр;фасады МДФ | фурнитура Blum;эмаль|крашеные фасады\n"
                      "Замер;бесплатно;;;\n"
                      "Кухня из массива;90 000 - 140 000;за погонный метр;;\n", encoding="utf-8")
    result = run("settings", "import-offerings", str(prices), "--email", "prices@example.com")
    assert result.returncode == 0, result.stderr
    offerings = json.loads(run("settings", "show", "--email", "prices@example.com", "--json").stdout)["offerings"]
    assert offerings[0] == {"name": "Кухня из эмали", "price": {"kind": "from", "amount": 45000, "currency": "RUB",
                                                                  "unit": "за погонный метр"},
                            "includes": ["фасады МДФ", "фурнитура Blum"], "synonyms": ["эмаль", "крашеные фасады"]}
    assert offerings[1]["price"] == {"kind": "free"}
    assert offerings[2]["price"] == {"kind": "range", "min": 90000, "max": 140000, "currency": "RUB",
                                     "unit": "за погонный метр"}
    prices.write_text("name,price\nЗамер,abc\n,100\n", encoding="utf-8")
    refused = run("settings", "import-offerings", str(prices), "--email", "prices@example.com")
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[1:] == [
        "  line 2: 'abc' is not a price (write e.g. 25000, от 25000, 150-280, бесплатно, по запросу)",
        "  line 3: the name is empty"]


def test_a_price_list_that_cannot_be_read_is_one_line(run, tmp_path):
    run("signup", "--email", "unread@example.com", "--password", "correct horse", "--company", "Кухни")
    missing = run("settings", "import-offerings", str(tmp_path / "prices.csv"), "--email", "unread@example.com")
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "cannot read" in missing.stderr
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("Название;Цена\nЗамер;500\n".encode("cp1251"))  # Excel's "CSV" rather than "CSV UTF-8"
    refused = run("settings", "import-offerings", str(legacy), "--email", "unread@example.com")
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "not UTF-8" in refused.stderr


def test_a_bad_port_is_one_line_before_anything_starts(run):
    result = run("dev", env={"PORT": "80a"})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "'80a' is not a port number" in result.stderr and "PORT" in result.stderr


def test_a_busy_port_is_refused_before_ready_is_printed(run):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run("dev", "--port", str(taken.getsockname()[1]))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Address already in use" in result.stderr


def test_the_printed_example_runs_as_printed_and_stop_keeps_the_data(run_folder: Path, worker_id: str):
    home = run_folder / f"salesbot-stop-{worker_id}"
    home.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"SALESBOT_HOME": str(home), "SUPABASE_JWT_SECRET": JWT_SECRET}

    def salesbot(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "salesbot.cli", *args], env=env, capture_output=True, text=True,
                              timeout=120)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dev = subprocess.Popen([sys.executable, "-m", "salesbot.cli", "dev", "--port", str(port)],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert dev.stdout is not None
        printed = [dev.stdout.readline() for _ in range(5)]
        assert printed[0].startswith("salesbot: ready")
        assert printed[2].split()[0] == "database:" and f"host={home / 'pgdata'}" in printed[2]
        example = printed[3].split("try:", 1)[1] + printed[4]
        answer = subprocess.run(["bash", "-c", example], capture_output=True, text=True, timeout=60)
        assert json.loads(answer.stdout)["reply"], answer
        # The server's own refusals: headers past its limit, and a body whose length is given twice
        # (read one way here and another by a proxy in front: a smuggled request).
        for status, headers in ((b"431", b"X-Big: " + b"a" * 100_000 + b"\r\n"),
                                (b"400", b"Content-Length: 2\r\nContent-Length: 40\r\n"),
                                (b"400", b"Content-Length: 2\r\nTransfer-Encoding: chunked\r\n")):
            with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
                raw.sendall(b"POST /chat HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n{}")
                head, _, body = raw.makefile("rb").read().partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 " + status + b" ") and b"application/json" in head, head
            assert json.loads(body)["error"]["code"] == "bad_request"
        refused = salesbot("stop")  # salesbot dev still uses it
        assert refused.returncode == 2 and "stop it first" in refused.stderr
    finally:
        dev.terminate()
        dev.wait(timeout=30)
    try:
        stopped = salesbot("stop")
        assert stopped.returncode == 0 and "stopped" in stopped.stdout, stopped.stderr
        assert not (home / "pgdata" / "postmaster.pid").exists() and (home / "pgdata" / "PG_VERSION").exists()
        assert "not running" in salesbot("stop").stdout
        token = salesbot("token", "--email", "demo@salesbot.local")  # starts it again, the data still there
        assert token.returncode == 0, token.stderr
    finally:
        from salesbot.local.database import delete_embedded

        delete_embedded(home / "pgdata")
