"""What each API role may do with every object in `public` and `private`, read from the catalog.

Table, view and sequence privileges come from their ACLs (column grants included, as
`update(name)`); functions from `has_function_privilege`, so execute granted to PUBLIC counts for
every role, as it does in Postgres.
"""

from __future__ import annotations

from collections import defaultdict

import psycopg

API_ROLES = ("anon", "authenticated", "service_role")
SCHEMAS = ("public", "private")

_RELATIONS = """
select n.nspname || '.' || c.relname, coalesce(r.rolname, 'PUBLIC'), lower(a.privilege_type)
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
cross join lateral aclexplode(coalesce(c.relacl, acldefault(case when c.relkind = 'S' then 's'::"char" else 'r'::"char" end, c.relowner))) a
left join pg_roles r on r.oid = a.grantee
where n.nspname = any(%(schemas)s) and c.relkind in ('r', 'p', 'v', 'm', 'S')
  and (a.grantee = 0 or r.rolname = any(%(roles)s))
"""

_COLUMNS = """
select n.nspname || '.' || c.relname, coalesce(r.rolname, 'PUBLIC'), lower(a.privilege_type), att.attname
from pg_attribute att
join pg_class c on c.oid = att.attrelid
join pg_namespace n on n.oid = c.relnamespace
cross join lateral aclexplode(att.attacl) a
left join pg_roles r on r.oid = a.grantee
where n.nspname = any(%(schemas)s) and att.attacl is not null and not att.attisdropped
  and (a.grantee = 0 or r.rolname = any(%(roles)s))
"""

_FUNCTIONS = """
select n.nspname || '.' || p.proname, role.name
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
cross join unnest(%(roles)s::text[]) as role(name)
where n.nspname = any(%(schemas)s) and has_function_privilege(role.name, p.oid, 'execute')
"""


def granted(conn: psycopg.Connection, roles: tuple[str, ...] = API_ROLES) -> dict[str, dict[str, set[str]]]:
    """{object: {role: {privilege, ...}}} for `roles` and PUBLIC; objects with none are absent."""
    args = {"schemas": list(SCHEMAS), "roles": list(roles)}
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name, role, privilege in conn.execute(_RELATIONS, args):
        found[name][role].add(privilege)
    column_grants: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for name, role, privilege, column in conn.execute(_COLUMNS, args):
        if privilege not in found[name][role]:  # a table-wide grant covers every column anyway
            column_grants[name, role, privilege].append(column)
    for (name, role, privilege), columns in column_grants.items():
        found[name][role].add(f"{privilege}({', '.join(sorted(columns))})")
    for name, role in conn.execute(_FUNCTIONS, args):
        found[name][role].add("execute")
    return {name: {role: set(privileges) for role, privileges in roles.items() if privileges}
            for name, roles in found.items() if any(roles.values())}
