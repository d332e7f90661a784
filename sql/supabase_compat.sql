-- What a Supabase database has before any migration of ours, for a plain PostgreSQL (the local
-- stack and the tests). Never pushed to Supabase: there, Supabase itself provides all of this.
-- Safe to run again. Each part follows Supabase's own definitions as they are today:
--   roles, grants, timeouts: supabase/postgres migrations/db/init-scripts/00000000000000-initial-schema.sql,
--     00000000000001-auth-schema.sql, migrations/10000000000000_demote-postgres.sql,
--     20211115181400_update-auth-permissions.sql, 20211124212715_update-auth-owner.sql,
--     20230529180330_alter_api_roles_for_inherit.sql, 20221028101028_set_authenticator_timeout.sql,
--     20231130133139_set_lock_timeout_to_authenticator_role.sql,
--     20240627101908_revoke_supabase_auth_admin_from_postgres.sql; checked against a project's
--     `pg_dumpall` (PostgreSQL 17);
--   auth.users, auth.identities and auth.uid()/role()/email()/jwt(): supabase/auth migrations up to
--     20260625000000 (20220224000811_update_auth_functions, 20220531120530_add_auth_jwt_function).
-- The default privileges below are the initial schema's: every project had them until Supabase
-- stopped exposing new objects (changelog 45329); sql/supabase_revoke_api_defaults.sql removes
-- them as every project has it today. The migrations must work either way.

-- === Roles =======================================================================================

-- supabase_admin sets a project up: everything below runs as it (given its attributes below).
do $admin$
begin
  if not exists (select from pg_roles where rolname = 'supabase_admin') then
    create role supabase_admin superuser;
  end if;
end
$admin$;
set local role supabase_admin;

-- Roles are shared by every database of the server, and several databases may be prepared at
-- once (test workers): so nothing is written that is already as it should be. Attributes as a
-- project has them today (a `pg_dumpall --roles-only` of one, PostgreSQL 17):
--   supabase_admin       the superuser that sets a project up; owns the auth schema.
--   supabase_auth_admin  Supabase Auth's login: owns auth's tables and functions.
--   authenticator        PostgREST's login: it can do nothing but switch to the API roles.
--   anon, authenticated, service_role: the API roles, inheriting since 2023 (alter_api_roles_for_inherit).
--   salesbot_migrator    what `postgres` is on Supabase, and what every migration runs as: no
--                        superuser since 2022 (10000000000000_demote-postgres.sql). Named apart
--                        because the local server's own superuser is `postgres`.
do $roles$
declare
  wanted record;
begin
  for wanted in
    select * from (values
      (1, 'supabase_admin', 'superuser inherit createrole createdb login replication bypassrls', null, null),
      (2, 'supabase_auth_admin', 'nosuperuser noinherit createrole nocreatedb login noreplication nobypassrls', null, null),
      (3, 'authenticator', 'nosuperuser noinherit nocreaterole nocreatedb login noreplication nobypassrls', '8s', '8s'),
      (4, 'anon', 'nosuperuser inherit nocreaterole nocreatedb nologin noreplication nobypassrls', '3s', null),
      (5, 'authenticated', 'nosuperuser inherit nocreaterole nocreatedb nologin noreplication nobypassrls', '8s', null),
      (6, 'service_role', 'nosuperuser inherit nocreaterole nocreatedb nologin noreplication bypassrls', null, null),
      (7, 'salesbot_migrator', 'nosuperuser inherit createrole createdb login replication bypassrls', null, null)
    ) as r(position, name, attributes, statement_timeout, lock_timeout)
    order by position
  loop
    if not exists (select from pg_roles where rolname = wanted.name) then
      execute format('create role %I %s', wanted.name, wanted.attributes);
    elsif not exists (
      select from pg_roles where rolname = wanted.name and wanted.attributes = concat_ws(' ',
        case when rolsuper then 'superuser' else 'nosuperuser' end,
        case when rolinherit then 'inherit' else 'noinherit' end,
        case when rolcreaterole then 'createrole' else 'nocreaterole' end,
        case when rolcreatedb then 'createdb' else 'nocreatedb' end,
        case when rolcanlogin then 'login' else 'nologin' end,
        case when rolreplication then 'replication' else 'noreplication' end,
        case when rolbypassrls then 'bypassrls' else 'nobypassrls' end)
    ) then
      execute format('alter role %I %s', wanted.name, wanted.attributes);
    end if;
    -- Short statement timeouts for the API roles. PostgREST applies a switched-to role's
    -- settings inside each request's transaction; so does our database client.
    if wanted.statement_timeout is not null and not exists (
      select from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
      where r.rolname = wanted.name and s.setdatabase = 0
        and 'statement_timeout=' || wanted.statement_timeout = any (s.setconfig)
    ) then
      execute format('alter role %I set statement_timeout = %L', wanted.name, wanted.statement_timeout);
    end if;
    if wanted.lock_timeout is not null and not exists (
      select from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
      where r.rolname = wanted.name and s.setdatabase = 0
        and 'lock_timeout=' || wanted.lock_timeout = any (s.setconfig)
    ) then
      execute format('alter role %I set lock_timeout = %L', wanted.name, wanted.lock_timeout);
    end if;
  end loop;
end
$roles$;

-- Memberships, as a project has them today: the authenticator may switch to the API roles; the
-- migration role may too, and grant them (with admin option, so a migration can create a login
-- that switches to them, on PostgreSQL 16 and later too), with the predefined roles Supabase gives
-- `postgres` (20230306081037, 20240606060239). It is no member of supabase_auth_admin any more
-- (granted in 20220609081115, revoked in 2024): auth's tables are not its own.
do $memberships$
declare
  wanted record;
begin
  for wanted in
    select * from (values
      ('anon', 'authenticator', false), ('authenticated', 'authenticator', false),
      ('service_role', 'authenticator', false),
      ('anon', 'salesbot_migrator', true), ('authenticated', 'salesbot_migrator', true),
      ('service_role', 'salesbot_migrator', true), ('authenticator', 'salesbot_migrator', true),
      ('pg_monitor', 'salesbot_migrator', true), ('pg_read_all_data', 'salesbot_migrator', true),
      ('pg_signal_backend', 'salesbot_migrator', true), ('pg_create_subscription', 'salesbot_migrator', true)
    ) as m(granted, member, admin)
  loop
    continue when to_regrole(wanted.granted) is null;  -- pg_create_subscription: PostgreSQL 16 and later
    if not exists (
      select from pg_auth_members
      where roleid = wanted.granted::regrole and member = wanted.member::regrole
        and (admin_option or not wanted.admin)
    ) then
      execute format('grant %I to %I %s', wanted.granted, wanted.member,
        case when wanted.admin then 'with admin option' else '' end);
    end if;
  end loop;
end
$memberships$;

-- === Schemas and default privileges ==============================================================

-- Supabase keeps extensions out of exposed schemas.
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;

grant usage on schema public to anon, authenticated, service_role;
-- What the initial schema set for `postgres` (then a superuser, which ran it).
alter default privileges for role salesbot_migrator in schema public
  grant all on tables to anon, authenticated, service_role;
alter default privileges for role salesbot_migrator in schema public
  grant all on functions to anon, authenticated, service_role;
alter default privileges for role salesbot_migrator in schema public
  grant all on sequences to anon, authenticated, service_role;

-- === Supabase Auth ===============================================================================

-- Owned by supabase_admin; its tables and functions by supabase_auth_admin (Owners, below).
create schema if not exists auth authorization supabase_admin;
grant all on schema auth to supabase_auth_admin;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
  instance_id uuid,
  id uuid not null primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  -- Supabase Auth reads these into Go strings and fails on null ("converting NULL to string is
  -- unsupported", supabase/auth#1940): whoever inserts a user writes '' here.
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text unique default null,
  phone_confirmed_at timestamptz,
  phone_change text default '',
  phone_change_token varchar(255) default '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0 check (email_change_confirm_status between 0 and 2),
  banned_until timestamptz,
  reauthentication_token varchar(255) default '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (email) where (is_sso_user = false);
create index if not exists users_instance_id_email_idx on auth.users (instance_id, email);

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid not null default gen_random_uuid() primary key,
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);
create index if not exists identities_email_idx on auth.identities (email text_pattern_ops);

-- Today's bodies: null, not an error, when the claims are empty (as on a pooled connection that
-- served another request before).
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
comment on function auth.uid() is 'Deprecated. Use auth.jwt() -> ''sub'' instead.';

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
comment on function auth.role() is 'Deprecated. Use auth.jwt() -> ''role'' instead.';

create or replace function auth.email() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;
comment on function auth.email() is 'Deprecated. Use auth.jwt() -> ''email'' instead.';

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to anon, authenticated, service_role;

-- What `postgres` may do in auth (demote-postgres, 20211115181400_update-auth-permissions): use
-- the schema but create nothing in it (create revoked in 2024), and anything with its tables,
-- sequences and functions but what only their owner may (alter or drop them or their triggers,
-- index them). Its trigger privilege lets a migration create a trigger on auth.users.
grant usage on schema auth to salesbot_migrator;
grant all on all tables in schema auth to salesbot_migrator;
grant all on all sequences in schema auth to salesbot_migrator;
grant all on all routines in schema auth to salesbot_migrator;
alter default privileges for role supabase_auth_admin in schema auth
  grant all on tables to salesbot_migrator;
alter default privileges for role supabase_auth_admin in schema auth
  grant all on sequences to salesbot_migrator;
alter default privileges for role supabase_auth_admin in schema auth
  grant all on routines to salesbot_migrator;

-- === Migrations ==================================================================================

-- The Supabase CLI records applied migrations here; using the same table keeps
-- `supabase db push` and the local runner in agreement about what is applied.
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);

-- === Owners ======================================================================================

-- Who owns what on a project: the database and the extensions schema `postgres` (whose
-- migrations create everything else in it, and whose CLI creates supabase_migrations); the auth
-- schema supabase_admin, its tables and functions supabase_auth_admin. Created above by the superuser, so handed over here.
-- A local database migrated before the migrations ran as `salesbot_migrator` has the superuser's
-- objects in public and private too: handed over as well, or the next migration that replaces
-- one of its functions would fail.
do $owners$
declare
  target record;
begin
  for target in
    select format('database %I', datname) as object, 'salesbot_migrator' as owner
    from pg_database where datname = current_database() and datdba <> 'salesbot_migrator'::regrole
    union all
    select format('schema %I', nspname), case nspname when 'auth' then 'supabase_admin' else 'salesbot_migrator' end
    from pg_namespace
    where (nspname in ('extensions', 'supabase_migrations', 'private') and nspowner <> 'salesbot_migrator'::regrole)
      or (nspname = 'auth' and nspowner <> 'supabase_admin'::regrole)
    union all
    select format('table %s', c.oid::regclass),
      case n.nspname when 'auth' then 'supabase_auth_admin' else 'salesbot_migrator' end
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and (
      (n.nspname = 'auth' and c.relowner <> 'supabase_auth_admin'::regrole)
      or (n.nspname = 'supabase_migrations' and c.relowner <> 'salesbot_migrator'::regrole))
    union all
    select format('function %s', p.oid::regprocedure), 'supabase_auth_admin' from pg_proc p
    where p.pronamespace = 'auth'::regnamespace and p.proowner <> 'supabase_auth_admin'::regrole
    union all
    -- Sequences of identity and serial columns follow their table.
    select format('table %s', c.oid::regclass), 'salesbot_migrator' from pg_class c
    where c.relnamespace in ('public'::regnamespace, to_regnamespace('private'))
      and c.relkind in ('r', 'p', 'v', 'm', 'S') and c.relowner <> 'salesbot_migrator'::regrole
      and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                      and d.deptype in ('a', 'i'))
    union all
    select format('routine %s', p.oid::regprocedure), 'salesbot_migrator' from pg_proc p
    where p.pronamespace in ('public'::regnamespace, to_regnamespace('private'))
      and p.proowner <> 'salesbot_migrator'::regrole
    union all
    select format('type %s', t.oid::regtype), 'salesbot_migrator' from pg_type t
    where t.typnamespace in ('public'::regnamespace, to_regnamespace('private'))
      and t.typtype in ('e', 'd') and t.typowner <> 'salesbot_migrator'::regrole
  loop
    execute format('alter %s owner to %I', target.object, target.owner);
  end loop;
end
$owners$;
