"""What the settings document costs a message's context: the ingest RPC with the settings version
the caller holds (the document left out) against one without (the document sent and decoded).

    python -m bench.settings_context [--turns 1500] [--offerings 0]

On one connection, interleaved, alternating which goes first: the client's CPU (the call and
reading the settings, as the pipeline does) and the backend's (from /proc). The company has the
demo's settings, as in `bench.load`, plus `--offerings` more offerings (a catalogue's size).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import psycopg

from bench.role_switch import backend_cpu
from salesbot.db import PostgresDatabase
from salesbot.local import accounts, tokens
from salesbot.local.database import FUNCTIONS_ROLE, as_functions_role, prepare, start_embedded
from salesbot.settings import read_stored

CASES = ("without", "with")  # the held version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=1500, help="ingests timed in each case")
    parser.add_argument("--offerings", type=int, default=0, help="offerings added to the demo's settings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salesbot-bench-") as home:
        url = start_embedded(Path(home) / "pgdata", keep_running=False)
        prepare(url, seed=True)
        with psycopg.connect(url, autocommit=True) as conn:
            account = accounts.sign_up(conn, "settings@example.com", "correct horse", "Settings Realty")
            conn.execute("update public.bot_settings s set document = d.document from public.bot_settings d"
                         " join public.members m on m.owner_id = d.owner_id join auth.users u on u.id = m.user_id"
                         " where u.email = 'demo@salesbot.local' and s.owner_id = %s", (account.company,))
            conn.execute(
                "update public.bot_settings set document = jsonb_set(document, '{offerings}',"
                " coalesce(document -> 'offerings', '[]') || coalesce((select jsonb_agg(jsonb_build_object("
                " 'name', 'Квартира ' || i, 'description', repeat('Светлая квартира с ремонтом. ', 10),"
                " 'synonyms', jsonb_build_array('кв ' || i))) from generate_series(1, %s) i), '[]'))"
                " where owner_id = %s", (args.offerings, account.company))
        claims = tokens.access_token_claims(account.user_id, account.email)
        database = PostgresDatabase(f"{as_functions_role(url)} options='-c synchronous_commit=off'", max_size=1)
        first = database.rpc("ingest_customer_message", {"p_customer": "first", "p_text": "Здравствуйте"}, claims)
        version = first["settings_version"]
        with psycopg.connect(url) as operator:
            (pid,) = operator.execute("select pid from pg_stat_activity where usename = %s", (FUNCTIONS_ROLE,)).fetchone()
        backend = Path(f"/proc/{pid}/stat")
        client, server = dict.fromkeys(CASES, 0.0), dict.fromkeys(CASES, 0.0)
        for n in range(args.turns):
            for case in CASES if n % 2 else CASES[::-1]:
                used, started = backend_cpu(backend), time.process_time()
                context = database.rpc("ingest_customer_message", {
                    "p_customer": f"{case}-{n % 50}", "p_text": "Ищу студию в Казани",
                    "p_settings_version": version if case == "with" else None}, claims)
                read_stored(context["settings"] or {}, version=context["settings_version"])
                client[case] += time.process_time() - started
                server[case] += backend_cpu(backend) - used
        database.close()
    print(f"an ingest's CPU ({args.turns} each; the settings document {len(str(first['settings'])):,} characters)")
    for case in CASES:
        print(f"  {case + ' the held version':28} the client {client[case] / args.turns * 1000:.3f} ms, "
              f"the backend {server[case] / args.turns * 1000:.3f} ms")
    print(f"  with/without: the client {client['with'] / client['without']:.2f}x, "
          f"the backend {server['with'] / server['without']:.2f}x")


if __name__ == "__main__":
    main()
