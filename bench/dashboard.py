"""Dashboard queries at scale, as a company user through RLS (the way PostgREST runs them).

    python -m bench.dashboard [--companies 1000] [--leads 1000] [--messages 2] [--runs 200]

Loads companies x leads leads (1,000,000 by default) with their customers and messages into a
database of its own (the embedded Postgres in a temporary folder, or DATABASE_URL's server),
then times: the newest 50 leads, a status filter, a full-text search and every view (the goal: each
under 5 ms p50). Prints p50/p99 and the indexes each plan uses.

With BENCH_KEEP_DIR set, the loaded database stays in that folder and a later run with the same
sizes reuses it instead of loading again (the load takes minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg.conninfo import make_conninfo

from salesbot.local.database import prepare, start_embedded

# As a dashboard sends them: filtered by the company even though RLS would filter anyway, which
# is what lets Postgres walk the company's index (README: Dashboards). The last line shows the cost
# of leaving the filter out.
QUERIES = {
    "newest 50 leads": "select id, status, name, phone, need, created_at from public.leads"
                       " where owner_id = %(company)s order by created_at desc limit 50",
    "status filter": "select id, name, phone, created_at from public.leads where owner_id = %(company)s"
                     " and status = 'qualified' order by created_at desc limit 50",
    "funnel view": "select status, leads, total_budget from public.lead_funnel where owner_id = %(company)s",
    "full-text search": "select public.search('квартира', 20)",
    "daily leads, 90 days": "select day, new_leads, qualified_leads from public.daily_leads where owner_id = %(company)s",
    "channel conversion": "select * from public.channel_conversion where owner_id = %(company)s",
    "response times": "select * from public.response_times where owner_id = %(company)s",
    "newest 50, no owner filter": "select id, status, name, phone, need, created_at from public.leads"
                                  " order by created_at desc limit 50",
}

# The goal: each of these, every list, search and view, under 5 ms p50 at 1M leads. The last query
# is there for information.
GOAL_MS = 5.0
GOAL_QUERIES = ("newest 50 leads", "status filter", "funnel view", "full-text search", "daily leads, 90 days",
                "channel conversion", "response times")

LOAD = """
insert into auth.users (id, email, raw_user_meta_data)
select gen_random_uuid(), 'bench' || n || '@example.com', jsonb_build_object('company_name', 'Company ' || n)
from generate_series(1, %(companies)s) n;

insert into public.customers (owner_id, channel_id, external_id, display_name, created_at, last_message_at)
select ch.owner_id, ch.id, 'c' || n, 'Customer ' || n, t, t
from public.channels ch
cross join generate_series(1, %(leads)s) n
cross join lateral (select now() - random() * interval '180 days' + (n * 0)::int * interval '1 s' as t) at;

insert into public.leads (owner_id, customer_id, status, name, phone, need, budget_amount, budget_currency,
                          location, created_at, qualified_at, score)
select c.owner_id, c.id,
  (array['new', 'new', 'new', 'contacted', 'qualified', 'won', 'lost'])[1 + (hashtext(c.id::text) & 7) %% 7]::public.lead_status,
  (array['Анна', 'Иван', 'Kate', 'John', 'Мария', 'Олег'])[1 + (hashtext(c.external_id) & 7) %% 6],
  '+7912' || lpad(((hashtext(c.id::text) & 1048575) %% 10000000)::text, 7, '0'),
  (array['двухкомнатная квартира', 'студия', 'загородный дом', 'office space', 'ремонт под ключ'])[1 + (hashtext(c.display_name) & 7) %% 5],
  (100000 + (hashtext(c.id::text) & 65535) * 100)::numeric,
  'RUB',
  (array['Москва', 'Казань', 'London', 'Санкт-Петербург'])[1 + (hashtext(c.id::text || 'l') & 3)],
  c.created_at,
  case when hashtext(c.id::text) & 3 = 0 then c.created_at + interval '1 hour' end,
  (hashtext(c.id::text) & 127) %% 101
from public.customers c;

insert into public.messages (owner_id, customer_id, role, text, created_at)
select c.owner_id, c.id, case when m %% 2 = 1 then 'customer' else 'bot' end::public.message_role,
  case when m %% 2 = 1 then (array['Здравствуйте, ищу квартиру в Казани', 'Hi, I need a studio in London',
                                   'Сколько стоит ремонт под ключ?', 'Нужен загородный дом, бюджет 15 млн'])[1 + (hashtext(c.id::text || m) & 3)]
       else 'Здравствуйте! Подскажите, на какой бюджет Вы рассчитываете?' end,
  c.created_at + m * interval '1 minute'
from public.customers c cross join generate_series(1, %(messages)s) m;
"""


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def indexes_in(plan: dict) -> set[str]:
    found = {plan["Index Name"]} if "Index Name" in plan else set()
    for child in plan.get("Plans", []):
        found |= indexes_in(child)
    return found


# What `public.search` runs per company (it is security definer, with the company filter explicit).
SEARCH_INSIDE = ("select l.id from public.leads l where l.owner_id = %(company)s"
                 " and l.search @@ private.bilingual_tsquery('квартира') order by l.created_at desc limit 20")


def loaded(url: str, sizes: str) -> bool:
    """Whether the bench database already holds a load of these sizes (BENCH_KEEP_DIR reuse)."""
    try:
        with psycopg.connect(url) as conn:
            row = conn.execute("select shobj_description(oid, 'pg_database') from pg_database"
                               " where datname = current_database()").fetchone()
    except psycopg.OperationalError:
        return False
    return bool(row) and row[0] == sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--leads", type=int, default=1000, help="leads (and customers) per company")
    parser.add_argument("--messages", type=int, default=2, help="messages per customer")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    keep = os.environ.get("BENCH_KEEP_DIR")  # a folder to keep the loaded database in, for a look at plans
    with tempfile.TemporaryDirectory(prefix="salesbot-dashboard-") as scratch:
        home = keep or scratch
        server = os.environ.get("DATABASE_URL") or start_embedded(Path(home) / "pgdata", keep_running=False)
        url = make_conninfo(server, dbname="salesbot_bench")
        sizes = f"{args.companies} x {args.leads} x {args.messages}"
        reuse = bool(keep) and loaded(url, sizes)
        if not reuse:
            with psycopg.connect(make_conninfo(server, dbname="postgres"), autocommit=True) as conn:
                conn.execute("drop database if exists salesbot_bench with (force)")
                conn.execute("create database salesbot_bench")
        prepare(url)
        with psycopg.connect(url, autocommit=True) as conn:
            started = time.perf_counter()
            if not reuse:
                for statement in LOAD.split(";\n\n"):
                    conn.execute(statement, {"companies": args.companies, "leads": args.leads, "messages": args.messages})
                conn.execute("vacuum analyze")
                conn.execute(f"comment on database salesbot_bench is '{sizes}'")
            version = conn.execute("show server_version").fetchone()[0]
            counts = conn.execute("select (select count(*) from public.leads), (select count(*) from public.messages)").fetchone()
            print(f"PostgreSQL {version}: {'reused' if reuse else 'loaded'} {counts[0]:,} leads and {counts[1]:,}"
                  f" messages for {args.companies:,} companies in {time.perf_counter() - started:.0f} s")
            members = [(str(user), str(company)) for user, company in conn.execute("select user_id, owner_id from public.members")]

        rng = random.Random(7)
        with psycopg.connect(url) as conn:
            print(f"as a company user through RLS, {args.runs} runs each, random companies:")
            for name, query in QUERIES.items():
                samples = []
                plan_indexes: set[str] = set()
                for run in range(args.runs + 10):
                    user, company = rng.choice(members)
                    claims = json.dumps({"sub": user, "role": "authenticated", "aud": "authenticated"})
                    with conn.transaction(force_rollback=True):
                        conn.execute("select set_config('role', 'authenticated', true),"
                                     " set_config('request.jwt.claims', %s, true)", (claims,))
                        if run == 0:
                            plan = conn.execute(f"explain (format json) {query}", {"company": company}).fetchone()[0][0]["Plan"]
                            plan_indexes = indexes_in(plan)
                        began = time.perf_counter()
                        conn.execute(query, {"company": company}).fetchall()
                        if run >= 10:  # the first runs warm the caches
                            samples.append((time.perf_counter() - began) * 1000)
                uses = ", ".join(sorted(plan_indexes)) or "(a function call: its plan is below)"
                p50 = statistics.median(samples)
                verdict = ("goal met" if p50 < GOAL_MS else "GOAL MISSED") if name in GOAL_QUERIES else "        "
                print(f"  {name:26} p50 {p50:6.2f} ms   p99 {percentile(samples, 0.99):6.2f} ms   {verdict}   {uses}")
            user, company = rng.choice(members)
            plan = conn.execute(f"explain (format json) {SEARCH_INSIDE}", {"company": company}).fetchone()[0][0]["Plan"]
            print(f"  inside search(), per company: {', '.join(sorted(indexes_in(plan))) or 'no index'}")


if __name__ == "__main__":
    main()
