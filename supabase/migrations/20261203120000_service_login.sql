-- A login of its own for what the functions do as the service (the Telegram and widget webhooks,
-- the outbox sweep, payment webhooks), beside `salesbot_functions`, which the company users'
-- requests keep using. Through a transaction pooler (Supavisor, PgBouncer), which keeps a pool of
-- server connections per login, the service's transactions and the users' then never take turns on
-- one server connection: a cached plan of a statement on a table with row-level security is good
-- only for the role it was made for, and a Telegram update runs the test chat's own statements
-- (ingest_channel_update calls ingest_customer_message; both record a turn through the same lead
-- and metering helpers) as service_role, so a server connection shared by both planned them again
-- at every switch (`python -m bench.role_switch`: +1.3 ms of Postgres CPU for a chat message after
-- a Telegram update on its connection). The functions use it when SALESBOT_SERVICE_DATABASE_URL
-- names it; without it the service's work goes through `salesbot_functions`, as before.
--
-- Like `salesbot_functions`: `noinherit`, no superuser, createrole, createdb or bypassrls, the
-- authenticator's statement timeout (8 s), and no password here (README: Deploying). It can switch
-- to service_role only. Roles belong to the whole server and several databases may be migrated at
-- once, so nothing is written that is already as it should be.
do $role$
begin
  if not exists (select from pg_roles where rolname = 'salesbot_service') then
    create role salesbot_service login noinherit;
    comment on role salesbot_service is
      'The functions'' login for their work as the service: may only switch to service_role.';
  end if;
  if not exists (
    select from pg_db_role_setting s
    where s.setrole = 'salesbot_service'::regrole and s.setdatabase = 0
      and 'statement_timeout=8s' = any (s.setconfig)
  ) then
    alter role salesbot_service set statement_timeout = '8s';
  end if;
  if not pg_has_role('salesbot_service', 'service_role', 'member') then
    grant service_role to salesbot_service;
  end if;
end
$role$;
