-- Companies (tenants), their members, and the helpers every RLS policy calls.
-- A company's id is the `owner_id` of every row it owns.

create schema if not exists private;
-- Policies run as the caller, so the caller needs to reach the helpers; PostgREST does not
-- expose this schema, so nobody can call them over HTTP.
grant usage on schema private to anon, authenticated, service_role;

-- Ordered from least to most powerful, so `role >= 'manager'` reads naturally.
create type public.member_role as enum ('viewer', 'manager', 'admin', 'owner');

create table public.companies (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table public.members (
  owner_id uuid not null references public.companies (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.member_role not null,
  created_at timestamptz not null default now(),
  primary key (owner_id, user_id)
);
-- The policy helpers look members up by user.
create index members_user_id_idx on public.members (user_id, owner_id) include (role);

-- The companies where the current user holds at least `min_role`. Security definer so that
-- policies on `members` itself do not recurse; `(select auth.uid())` is evaluated once.
-- Policies compare `owner_id = any ((select ...))`: the subquery
-- runs once per statement as an InitPlan, and `= any($1)` can drive an index scan on owner_id,
-- which an `in (select ...)` filter under RLS cannot (it stays a hashed SubPlan over every row).
create function private.owner_id_array(min_role public.member_role default 'viewer')
returns uuid[]
language sql stable security definer
set search_path = ''
as $$
  select coalesce(array_agg(m.owner_id), '{}')
  from public.members m
  where m.user_id = (select auth.uid()) and m.role >= min_role
$$;

create function private.has_role(company uuid, min_role public.member_role)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.members m
    where m.owner_id = company and m.user_id = (select auth.uid()) and m.role >= min_role
  )
$$;

-- The company a request acts for when it names none: the user's oldest membership.
create function private.current_owner_id()
returns uuid
language sql stable security definer
set search_path = ''
as $$
  select m.owner_id
  from public.members m
  where m.user_id = (select auth.uid())
  order by m.created_at, m.owner_id
  limit 1
$$;

revoke all on function private.owner_id_array, private.has_role, private.current_owner_id from public;
grant execute on function private.owner_id_array, private.has_role, private.current_owner_id
  to anon, authenticated, service_role;

-- One definition of the tenant policies, so every table gets the same, fast shape:
-- the role check is a once-per-statement InitPlan compared with an indexed column.
create function private.create_tenant_policies(
  tbl regclass,
  read_role public.member_role,
  write_role public.member_role,
  delete_role public.member_role,
  owner_column name default 'owner_id'
) returns void
language plpgsql
set search_path = ''
as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format(
    'create policy tenant_select on %s for select to authenticated using (%I = any ((select private.owner_id_array(%L))::uuid[]))',
    tbl, owner_column, read_role);
  if write_role is not null then
    execute format(
      'create policy tenant_insert on %s for insert to authenticated with check (%I = any ((select private.owner_id_array(%L))::uuid[]))',
      tbl, owner_column, write_role);
    execute format(
      'create policy tenant_update on %s for update to authenticated using (%I = any ((select private.owner_id_array(%L))::uuid[])) with check (%I = any ((select private.owner_id_array(%L))::uuid[]))',
      tbl, owner_column, write_role, owner_column, write_role);
  end if;
  if delete_role is not null then
    execute format(
      'create policy tenant_delete on %s for delete to authenticated using (%I = any ((select private.owner_id_array(%L))::uuid[]))',
      tbl, owner_column, delete_role);
  end if;
end
$$;
revoke all on function private.create_tenant_policies from public, anon, authenticated, service_role;

-- Companies are created by signup, never by a client; admins may rename theirs.
select private.create_tenant_policies('public.companies', 'viewer', null, null, 'id');
create policy tenant_update on public.companies for update to authenticated
  using (id = any ((select private.owner_id_array('admin'))::uuid[]))
  with check (id = any ((select private.owner_id_array('admin'))::uuid[]));

-- Everyone sees the team; only owners change it.
select private.create_tenant_policies('public.members', 'viewer', 'owner', 'owner');

revoke all on public.companies, public.members from anon;
