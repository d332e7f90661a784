-- What Supabase runs on every project today (since 2026-05-30 for new projects, 2026-10-30 for
-- all; changelog 45329): new tables, sequences and functions that `postgres` creates in `public`
-- are no longer granted to the Data API roles. The same statements as the Supabase CLI's
-- RevokeDefaultDataApiPrivilegesSql (supabase/cli internal/db/start/start.go), for the local
-- stand-in of `postgres` (salesbot_migrator, sql/supabase_compat.sql). Note what they
-- leave: truncate, references and trigger on tables, update on sequences, and execute on
-- functions for PUBLIC; our first migration revokes those itself.
alter default privileges for role salesbot_migrator in schema public
  revoke select, insert, update, delete on tables from anon, authenticated, service_role;
alter default privileges for role salesbot_migrator in schema public
  revoke usage, select on sequences from anon, authenticated, service_role;
alter default privileges for role salesbot_migrator in schema public
  revoke execute on functions from anon, authenticated, service_role;
