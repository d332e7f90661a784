-- Anonymous sign-ins (Supabase Auth's signInAnonymously, off by default, one switch away in a
-- project's settings) insert a user with is_anonymous = true for every visitor who asks: founding
-- a company for each would let anyone mint companies, with their settings, test chats and trial
-- seats, by the thousand from a script. An anonymous user founds its company when it becomes a
-- permanent one: Auth sets is_anonymous to false, alone, once the user has confirmed an email or a
-- phone or linked an identity (supabase/auth internal/api/verify.go, identity.go, admin.go), by
-- which time the email it names the company from is in the row.
--
-- The insert trigger stays as it is and the function says no: on Supabase auth.users belongs to
-- supabase_auth_admin, and only a table's owner may drop or replace a trigger on it, while the
-- TRIGGER privilege the postgres role holds is enough to add one.

-- As in 20261202120100_tenancy_and_teams.sql, but for anonymous users.
create or replace function private.handle_new_user() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  company uuid;
begin
  if new.is_anonymous then
    return new;
  end if;
  insert into public.companies (name)
  values (coalesce(
    nullif(left(btrim(new.raw_user_meta_data ->> 'company_name'), 200), ''),
    -- Cut to the column's limit: a raise here would fail the signup itself (Auth answers a 500).
    nullif(left(split_part(new.email, '@', 2), 200), ''),
    'My company'))
  returning id into company;
  insert into public.members (owner_id, user_id, role) values (company, new.id, 'owner');
  insert into public.bot_settings (owner_id) values (company);
  insert into public.channels (owner_id, kind, name) values (company, 'test', 'Test chat');
  return new;
end
$$;

create trigger on_auth_user_made_permanent
  after update of is_anonymous on auth.users
  for each row when (old.is_anonymous and not new.is_anonymous)
  execute function private.handle_new_user();
