"""Embedding, as PostgREST does it: the relationships it would find in the catalog, and the query
it would build from them (`GET /leads?select=...,customers(...,messages(...))`), run through RLS.

No PostgREST binary is available to the tests, so the relationship query below is the shape of
PostgREST's own schema-cache query (many-to-one and one-to-one over `pg_constraint`), and the
embed is its lateral-join shape, with the join columns taken from what that query found.
"""

from __future__ import annotations

import json

import psycopg
import pytest

from tests.support.accounts import ROLES, make_company
from tests.support.leads import add_lead
from tests.support.postgres import as_client

# Foreign keys, as PostgREST's schema cache reads them: each with its column pairs, in key order,
# and whether its columns are also the table's primary key or a unique key (one-to-one).
RELATIONSHIPS = """
select tab.relname, other.relname, traint.conname, cols.pairs,
  exists (
    select 1 from pg_constraint u
    where u.conrelid = traint.conrelid and u.contype in ('p', 'u')
      and (select array_agg(k order by k) from unnest(u.conkey) k)
        = (select array_agg(k order by k) from unnest(traint.conkey) k)) as one_to_one
from pg_constraint traint
join pg_class tab on tab.oid = traint.conrelid
join pg_namespace ns1 on ns1.oid = tab.relnamespace
join pg_class other on other.oid = traint.confrelid
join pg_namespace ns2 on ns2.oid = other.relnamespace
cross join lateral (
  select array_agg(array[col.attname::text, ref.attname::text] order by key.ord) as pairs
  from unnest(traint.conkey, traint.confkey) with ordinality as key(col, ref, ord)
  join pg_attribute col on col.attrelid = traint.conrelid and col.attnum = key.col
  join pg_attribute ref on ref.attrelid = traint.confrelid and ref.attnum = key.ref
) cols
where traint.contype = 'f' and traint.conparentid = 0 and ns1.nspname = 'public' and ns2.nspname = 'public'
"""

# What a dashboard embeds: (child table, parent table) along one foreign key each.
EMBEDS = [("leads", "customers"), ("messages", "customers"), ("customers", "channels"),
          ("lead_status_history", "leads"), ("lead_notes", "leads")]


def relationships(sql: psycopg.Connection) -> dict[tuple[str, str], list[tuple[list[list[str]], bool]]]:
    found: dict[tuple[str, str], list[tuple[list[list[str]], bool]]] = {}
    for table, parent, _, pairs, one_to_one in sql.execute(RELATIONSHIPS):
        found.setdefault((table, parent), []).append((pairs, one_to_one))
    return found


@pytest.mark.parametrize("table,parent", EMBEDS)
def test_each_embed_has_exactly_one_foreign_key_on_the_company_and_the_row(sql, table, parent):
    keys = relationships(sql).get((table, parent), [])
    # None: PostgREST answers PGRST200 (no relationship); two or more: 300 PGRST201 (ambiguous).
    assert len(keys) == 1, keys
    pairs, _ = keys[0]
    # Composite on (owner_id, ...): an embedded row can never come from another company.
    assert pairs[0] == ["owner_id", "owner_id"] and len(pairs) == 2


def _join(sql: psycopg.Connection, table: str, parent: str, child_alias: str, parent_alias: str) -> str:
    (pairs, _), = relationships(sql)[(table, parent)]
    return " and ".join(f'{child_alias}."{col}" = {parent_alias}."{ref}"' for col, ref in pairs)


def embed_query(sql: psycopg.Connection) -> str:
    """`GET /leads?select=id,name,customers(display_name,messages(role,text))
    &customers.messages.order=id.desc&customers.messages.limit=2&order=created_at.desc&limit=50`."""
    return f"""
    select coalesce(json_agg(t), '[]')::jsonb from (
      select l.id, l.name, row_to_json(leads_customers_1.*)::jsonb as customers
      from public.leads l
      left join lateral (
        select c.display_name, coalesce(customers_messages_2.body, '[]') as messages
        from public.customers c
        left join lateral (
          select json_agg(m_2)::jsonb as body from (
            select m.role, m.text from public.messages m
            where {_join(sql, "messages", "customers", "m", "c")}
            order by m.id desc limit 2) m_2
        ) customers_messages_2 on true
        where {_join(sql, "leads", "customers", "l", "c")}
      ) leads_customers_1 on true
      order by l.created_at desc limit 50) t
    """


@pytest.mark.parametrize("role", ROLES)
def test_a_lead_comes_with_its_customer_and_last_messages_in_one_request(sql, role):
    mine, theirs = make_company(sql, "Mine"), make_company(sql, "Theirs")
    lead = add_lead(sql, mine, "Анна", message="Ищу квартиру в Казани")
    add_lead(sql, theirs, "Борис")
    query = embed_query(sql)
    with as_client(sql, mine.users[role].claims) as conn:
        body = conn.execute(query).fetchone()[0]
    assert body == [{"id": lead["lead_id"], "name": "Анна", "customers": {
        "display_name": "Анна",
        "messages": [{"role": "bot", "text": "Здравствуйте!"}, {"role": "customer", "text": "Ищу квартиру в Казани"}],
    }}]
    with as_client(sql, theirs.users[role].claims) as conn:
        assert [row["name"] for row in conn.execute(query).fetchone()[0]] == ["Борис"]


def test_an_embedded_customer_of_another_company_stays_hidden(sql):
    # Even a lead row pointed (by the superuser, say in a botched import) at another company's
    # customer could not embed it: the key includes owner_id, so such a row cannot exist at all.
    mine, theirs = make_company(sql, "Mine"), make_company(sql, "Theirs")
    lead = add_lead(sql, mine, "Анна")
    other = add_lead(sql, theirs, "Борис")
    sql.execute("delete from public.leads where customer_id = %s", (other["customer_id"],))
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        sql.execute("update public.leads set customer_id = %s where id = %s", (other["customer_id"], lead["lead_id"]))
    with as_client(sql, mine.users["viewer"].claims) as conn:
        body = conn.execute(embed_query(sql)).fetchone()[0]
    assert json.dumps(body, ensure_ascii=False).count("Борис") == 0
