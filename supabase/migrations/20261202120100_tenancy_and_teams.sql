-- Companies (tenants), their members and invitations, and the helpers every policy and RPC calls.
-- A company's id is the `owner_id` of every row it owns. Signup (a trigger on auth.users) founds a
-- company; owners manage the team; a company never loses its last owner.

-- === Privileges: nothing by default ==============================================================

-- Supabase no longer grants new objects in `public` to the API roles, but what it still grants
-- (truncate, references and trigger on tables, which RLS does not cover; update on sequences) and
-- what Postgres itself grants (execute on functions to PUBLIC) must go too; projects created
-- before the change still grant everything. Every object below grants exactly what it needs.
alter default privileges in schema public revoke all on tables from anon, authenticated, service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;
alter default privileges in schema public revoke all on functions from anon, authenticated, service_role;
-- Execute for PUBLIC is a global default, which a per-schema revoke cannot take back: revoke it
-- for everything this role creates, and give it back where extensions live, which expect it.
alter default privileges revoke execute on functions from public;
alter default privileges in schema extensions grant execute on functions to public;

-- === The functions' login role ===================================================================

-- The functions log in as `salesbot_functions` and can do nothing but switch, in each transaction,
-- to the API role a request acts as (`set local role`), the way PostgREST's `authenticator` does:
-- `noinherit`, so it holds none of their privileges itself, and no superuser, createrole,
-- createdb or bypassrls. Its statement timeout (8 s, as the authenticator's) holds for the
-- service_role, which has none of its own. No password here: each project sets one outside the
-- migrations (README: Deploying). Roles belong to the whole server and several databases may be
-- migrated at once, so nothing is written that is already as it should be.
do $role$
begin
  if not exists (select from pg_roles where rolname = 'salesbot_functions') then
    create role salesbot_functions login noinherit;
    comment on role salesbot_functions is
      'The functions'' login: may only switch to anon, authenticated and service_role, as PostgREST''s authenticator.';
  end if;
  if not exists (
    select from pg_db_role_setting s
    where s.setrole = 'salesbot_functions'::regrole and s.setdatabase = 0
      and 'statement_timeout=8s' = any (s.setconfig)
  ) then
    alter role salesbot_functions set statement_timeout = '8s';
  end if;
  if not (pg_has_role('salesbot_functions', 'anon', 'member')
          and pg_has_role('salesbot_functions', 'authenticated', 'member')
          and pg_has_role('salesbot_functions', 'service_role', 'member')) then
    grant anon, authenticated, service_role to salesbot_functions;
  end if;
end
$role$;

-- === Schemas =====================================================================================

create schema if not exists private;
-- Policies run as the caller, so the caller needs to reach the helpers; PostgREST does not
-- expose this schema, so nobody can call them over HTTP.
grant usage on schema private to anon, authenticated, service_role;

-- === Types =======================================================================================

-- Ordered from least to most powerful, so `role >= 'manager'` reads naturally.
create type public.member_role as enum ('viewer', 'manager', 'admin', 'owner');

-- === Tables ======================================================================================

create table public.companies (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 200),
  created_at timestamptz not null default now()
);
comment on table public.companies is 'A company (tenant). Its id is the owner_id of everything it owns.';
comment on column public.companies.id is 'The company''s id: the owner_id of everything it owns.';
comment on column public.companies.name is 'The company''s display name.';
comment on column public.companies.created_at is 'When the company signed up.';
grant select, update (name) on public.companies to authenticated;
grant select on public.companies to service_role;

create table public.members (
  owner_id uuid not null references public.companies (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.member_role not null,
  created_at timestamptz not null default now(),
  primary key (owner_id, user_id)
);
-- The policy helpers look members up by user.
create index members_user_id_idx on public.members (user_id, owner_id) include (role);
comment on table public.members is 'Who works for a company, and with which role (viewer < manager < admin < owner).';
comment on column public.members.owner_id is 'The company.';
comment on column public.members.user_id is 'The Supabase Auth user.';
comment on column public.members.role is 'viewer reads; manager works leads; admin edits settings and channels; owner manages the team.';
comment on column public.members.created_at is 'When the user joined the company.';
grant select, insert, update, delete on public.members to authenticated;
grant select on public.members to service_role;

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.companies (id) on delete cascade,
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  role public.member_role not null,
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (owner_id, email)
);
-- Signup looks invitations up by email.
create index invitations_email_idx on public.invitations (email);
create index invitations_invited_by_idx on public.invitations (invited_by) where invited_by is not null;
comment on table public.invitations is 'Pending invitations: the email joins the company with the role when it signs up.';
comment on column public.invitations.id is 'The invitation''s id.';
comment on column public.invitations.owner_id is 'The inviting company.';
comment on column public.invitations.email is 'The invited email, lower-cased.';
comment on column public.invitations.role is 'The role the invitee will have.';
comment on column public.invitations.invited_by is 'The owner who sent the invitation.';
comment on column public.invitations.created_at is 'When the invitation was sent.';
grant select, insert, update, delete on public.invitations to authenticated;

-- === Helpers =====================================================================================

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

grant execute on function private.owner_id_array, private.has_role, private.current_owner_id
  to authenticated, service_role;

-- The caller's user id, or null when the request carries no user (the service, a migration).
create function private.current_user_id() returns uuid
language sql stable
set search_path = ''
as $$
  select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid
$$;
grant execute on function private.current_user_id to authenticated, service_role;

-- The caller may act for this company with at least `min_role`, or is the service.
create function private.require_role(company uuid, min_role public.member_role)
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if (select auth.role()) is distinct from 'service_role'
     and not private.has_role(company, min_role) then
    raise sqlstate 'PT403' using message = format('this needs the %s role or above', min_role);
  end if;
end
$$;
grant execute on function private.require_role to authenticated, service_role;

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

-- === Policies ====================================================================================

-- Companies are created by signup, never by a client; admins may rename theirs.
select private.create_tenant_policies('public.companies', 'viewer', null, null, 'id');
create policy tenant_update on public.companies for update to authenticated
  using (id = any ((select private.owner_id_array('admin'))::uuid[]))
  with check (id = any ((select private.owner_id_array('admin'))::uuid[]));

-- Everyone sees the team; only owners change it.
select private.create_tenant_policies('public.members', 'viewer', 'owner', 'owner');
select private.create_tenant_policies('public.invitations', 'admin', 'owner', 'owner');


-- === A company keeps an owner ====================================================================

-- Two owners removing (or demoting) each other at the same time must not leave none: the check
-- locks the company row first, so owner changes of one company take turns, and the second sees the
-- first's commit (a new statement under read committed takes a fresh snapshot).
create function private.keep_an_owner() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if old.role = 'owner' then
    -- `no key update` conflicts only with itself and stronger locks, so inserts that reference the
    -- company (their key share locks) never wait on it.
    perform 1 from public.companies c where c.id = old.owner_id for no key update;
    if found and not exists (
      select 1 from public.members m where m.owner_id = old.owner_id and m.role = 'owner'
    ) then
      raise sqlstate 'PT409' using message = 'a company must keep at least one owner';
    end if;
  end if;
  return null;
end
$$;

create trigger members_keep_an_owner
  after update of role or delete on public.members
  for each row execute function private.keep_an_owner();

-- === Signup ======================================================================================

-- A new company for a user who signs up on their own: its owner, bot settings and test chat.
create function private.found_company(new_user auth.users) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  company uuid;
begin
  insert into public.companies (name)
  values (coalesce(
    nullif(left(btrim(new_user.raw_user_meta_data ->> 'company_name'), 200), ''),
    -- Cut to the column's limit: a raise here would fail the signup itself (Auth answers a 500).
    nullif(left(split_part(new_user.email, '@', 2), 200), ''),
    'My company'))
  returning id into company;
  insert into public.members (owner_id, user_id, role) values (company, new_user.id, 'owner');
  insert into public.bot_settings (owner_id) values (company);
  insert into public.channels (owner_id, kind, name) values (company, 'test', 'Test chat');
  return company;
end
$$;

-- Signup: an invited email joins the companies that invited it; anyone else founds a company.
-- Supabase Auth inserts the user; this trigger does the rest, the same way locally and on a
-- real project.
create function private.handle_new_user() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  with accepted as (
    delete from public.invitations i where i.email = lower(new.email) returning i.owner_id, i.role
  )
  insert into public.members (owner_id, user_id, role)
  select a.owner_id, new.id, a.role from accepted a;
  if not found then
    perform private.found_company(new);
  end if;
  return new;
end
$$;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

-- === Team RPCs ===================================================================================

-- Security definer, to look the email up in auth.users; kept out of the exposed schema (Supabase's
-- Security Advisor flags definer functions there) behind the invoker function below.
create function private.invite_member(p_email text, p_role public.member_role)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.current_owner_id();
  invitee_email text := lower(btrim(p_email));
  existing uuid;
begin
  if company is null or not private.has_role(company, 'owner') then
    raise sqlstate 'PT403' using message = 'only an owner manages the team';
  end if;
  if invitee_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise sqlstate 'PT400' using message = 'not an email address';
  end if;
  select u.id into existing from auth.users u where lower(u.email) = invitee_email;
  if existing is not null then
    insert into public.members (owner_id, user_id, role) values (company, existing, p_role)
    on conflict (owner_id, user_id) do nothing;
    if not found then
      raise sqlstate 'PT409' using message = 'already a member; change the role instead';
    end if;
    return jsonb_build_object('status', 'joined', 'user_id', existing, 'role', p_role);
  end if;
  insert into public.invitations (owner_id, email, role, invited_by)
  values (company, invitee_email, p_role, private.current_user_id())
  on conflict (owner_id, email) do update set role = excluded.role;
  return jsonb_build_object('status', 'invited', 'email', invitee_email, 'role', p_role);
end
$$;
grant execute on function private.invite_member to authenticated;

create function public.invite_member(p_email text, p_role public.member_role)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.invite_member(p_email, p_role)
$$;
comment on function public.invite_member(text, public.member_role) is
$$Invite someone to the caller's company with a role (owner only).
A user with that email joins at once ({"status": "joined"}); anyone else joins when they sign up with it ({"status": "invited"}).$$;

create function public.change_member_role(p_user_id uuid, p_role public.member_role)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  company uuid := private.current_owner_id();
begin
  perform private.require_role(company, 'owner');
  update public.members m set role = p_role where m.owner_id = company and m.user_id = p_user_id;
  if not found then
    raise sqlstate 'PT404' using message = 'no such member';
  end if;
  return jsonb_build_object('user_id', p_user_id, 'role', p_role);
end
$$;
comment on function public.change_member_role(uuid, public.member_role) is
$$Change a member's role in the caller's company (owner only). Demoting the last owner is a 409.$$;

create function public.remove_member(p_user_id uuid)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  company uuid := private.current_owner_id();
begin
  perform private.require_role(company, 'owner');
  delete from public.members m where m.owner_id = company and m.user_id = p_user_id;
  if not found then
    raise sqlstate 'PT404' using message = 'no such member';
  end if;
  return jsonb_build_object('user_id', p_user_id, 'removed', true);
end
$$;
comment on function public.remove_member(uuid) is
$$Remove a member from the caller's company (owner only). Removing the last owner is a 409.$$;

grant execute on function public.invite_member, public.change_member_role, public.remove_member to authenticated;
