-- What a Supabase database has before any migration of ours, for a plain PostgreSQL (the local
-- stack and the tests). Never pushed to Supabase: there, Supabase itself provides all of this.
-- Safe to run again. Each part follows Supabase's own definitions as they are today:
--   roles, grants, timeouts: supabase/postgres migrations/db/init-scripts/00000000000000-initial-schema.sql,
--     20230529180330_alter_api_roles_for_inherit.sql, 20221028101028_set_authenticator_timeout.sql,
--     20231130133139_set_lock_timeout_to_authenticator_role.sql;
--   auth.users, auth.identities and auth.uid()/role()/email()/jwt(): supabase/auth migrations up to
--     20260625000000 (20220224000811_update_auth_functions, 20220531120530_add_auth_jwt_function).
-- The default privileges below are the initial schema's: every project had them until Supabase
-- stopped exposing new objects (changelog 45329); sql/supabase_revoke_api_defaults.sql removes
-- them as every project has it today. The migrations must work either way.

-- === Roles =======================================================================================

-- Roles are shared by every database of the server, and several databases may be prepared at
-- once (test workers): so nothing is written that is already as it should be.
do $roles$
declare
  wanted record;
begin
  for wanted in
    select * from (values
      -- PostgREST's login: it can do nothing but switch to the API roles.
      (1, 'authenticator', true, false, false, '8s', '8s'),
      (2, 'anon', false, true, false, '3s', null),
      (3, 'authenticated', false, true, false, '8s', null),
      (4, 'service_role', false, true, true, null, null)
    ) as r(position, name, can_login, inherits, bypasses_rls, statement_timeout, lock_timeout)
    order by position
  loop
    if not exists (select from pg_roles where rolname = wanted.name) then
      execute format('create role %I', wanted.name);
    end if;
    -- The API roles inherit since 2023 (alter_api_roles_for_inherit); the authenticator does not.
    if not exists (
      select from pg_roles where rolname = wanted.name and rolcanlogin = wanted.can_login
        and rolinherit = wanted.inherits and rolbypassrls = wanted.bypasses_rls
    ) then
      execute format('alter role %I %s %s %s', wanted.name,
        case when wanted.can_login then 'login' else 'nologin' end,
        case when wanted.inherits then 'inherit' else 'noinherit' end,
        case when wanted.bypasses_rls then 'bypassrls' else 'nobypassrls' end);
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
    if wanted.name <> 'authenticator' and not pg_has_role('authenticator', wanted.name, 'member') then
      execute format('grant %I to authenticator', wanted.name);
    end if;
  end loop;
end
$roles$;

-- === Schemas and default privileges ==============================================================

-- Supabase keeps extensions out of exposed schemas.
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;

grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- === Supabase Auth ===============================================================================

create schema if not exists auth;
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

-- === Migrations ==================================================================================

-- The Supabase CLI records applied migrations here; using the same table keeps
-- `supabase db push` and the local runner in agreement about what is applied.
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);
