-- Companies (tenants), their members and invitations, and the helpers every policy and RPC calls.
-- A company's id is the `owner_id` of every row it owns. Signup (a trigger on auth.users) always
-- founds the user's own company; joining another is the invitee's act (an invitation they accept);
-- memberships change only through the team RPCs below; a company never loses its last owner; and
-- a request that acts for "my company" names the company (`p_owner_id`), never guessed from the
-- user's memberships.

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
comment on table public.members is 'Who works for a company, and with which role (viewer < manager < admin < owner). Changed only through the team RPCs.';
comment on column public.members.owner_id is 'The company.';
comment on column public.members.user_id is 'The Supabase Auth user.';
comment on column public.members.role is 'viewer reads; manager works leads; admin edits settings and channels; owner manages the team.';
comment on column public.members.created_at is 'When the user joined the company.';
-- Read only: a direct write could add someone who never agreed, rewrite who a membership is or
-- when it began, or slip past the last-owner rule. The team RPCs below are the only writers.
grant select on public.members to authenticated, service_role;

-- Pending invitations only: accepting, declining or revoking one deletes it.
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.companies (id) on delete cascade,
  email text not null
    check (email = lower(email) and char_length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  role public.member_role not null,
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  check (expires_at > created_at),
  unique (owner_id, email)
);
-- The invitee's list (my_invitations) looks invitations up by email.
create index invitations_email_idx on public.invitations (email);
create index invitations_invited_by_idx on public.invitations (invited_by) where invited_by is not null;
comment on table public.invitations is 'Pending invitations: the person with the email joins only by accepting (accept_invitation) before expires_at.';
comment on column public.invitations.id is 'The invitation''s id: what the invitee accepts or declines, and what an admin revokes.';
comment on column public.invitations.owner_id is 'The inviting company.';
comment on column public.invitations.email is 'The invited email, lower-cased.';
comment on column public.invitations.role is 'The role the invitee will have.';
comment on column public.invitations.invited_by is 'The owner who sent the invitation.';
comment on column public.invitations.created_at is 'When the invitation was (last) sent.';
comment on column public.invitations.expires_at is 'After this it can no longer be accepted.';
-- Written only by the team RPCs, so nobody sets their own expiry, inviter or dates.
grant select on public.invitations to authenticated;

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

grant execute on function private.owner_id_array, private.has_role to authenticated, service_role;

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

-- The company a request for "my company" acts for: the one it names, if the caller holds
-- `min_role` there; with none named, the caller's only company. Never guessed among several (the
-- oldest membership, say): whoever could add a user to a company, or backdate the membership,
-- would then receive that user's channels, test chats and invitations.
create function private.acting_company(named uuid, min_role public.member_role)
returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
  companies uuid[];
begin
  if named is null then
    companies := private.owner_id_array('viewer');
    if cardinality(companies) = 0 then
      raise sqlstate 'PT403' using message = 'you are not a member of any company';
    elsif cardinality(companies) > 1 then
      raise sqlstate 'PT400' using message =
        'you belong to several companies: name the one to act for (p_owner_id; the X-Salesbot-Company header for the functions)';
    end if;
    named := companies[1];
  end if;
  perform private.require_role(named, min_role);
  return named;
end
$$;
grant execute on function private.acting_company to authenticated, service_role;

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

-- Everyone sees the team, admins the pending invitations; both change only through the RPCs below.
select private.create_tenant_policies('public.members', 'viewer', null, null);
select private.create_tenant_policies('public.invitations', 'admin', null, null);

-- === Membership rules ============================================================================

-- A membership is who, where and since when: another user or company is another membership
-- (remove this one, invite again), and the day someone joined is history. Held for every writer,
-- the team RPCs included.
create function private.keep_membership_identity() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.owner_id, new.user_id, new.created_at) is distinct from (old.owner_id, old.user_id, old.created_at) then
    raise sqlstate 'PT400' using message = 'a membership''s company, user and start never change: remove it and invite again';
  end if;
  return new;
end
$$;

create trigger members_identity_fixed
  before update on public.members
  for each row execute function private.keep_membership_identity();

-- Two owners removing (or demoting) each other at the same time must not leave none: the check
-- locks the company row first, so owner changes of one company take turns, and the second sees the
-- first's commit (a new statement under read committed takes a fresh snapshot). Any update counts,
-- not only of the role: whatever an owner row turns into, the company must still have an owner.
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
      raise sqlstate 'PT409' using message = 'a company must keep at least one owner: make someone else owner first',
        detail = '{"reason": "last_owner"}';
    end if;
  end if;
  return null;
end
$$;

create trigger members_keep_an_owner
  after update or delete on public.members
  for each row execute function private.keep_an_owner();

-- === Signup and account deletion =================================================================

-- Signup always founds the user's own company (named from raw_user_meta_data.company_name), with
-- its owner, bot settings and test chat. Invitations wait for the invitee to accept them: an
-- invitation consumed here would put a stranger's first channel and customers into the
-- inviter's company, and leave them none of their own. Supabase Auth inserts the user; this
-- trigger does the rest, the same way locally and on a real project.
create function private.handle_new_user() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  company uuid;
begin
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

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

-- Deleting a user (Supabase Auth's admin API, the dashboard, `delete from auth.users`) never fails
-- on our account: the cascade to `members` would otherwise hit the last-owner rule. For each
-- company where the user is the last owner:
--   * if anyone else is a member, the most senior of them (highest role, then longest in the
--     company) becomes its owner: the company's leads and conversations are its people's work,
--     and without an owner nobody could manage the team or its channels again;
--   * if nobody else is left, the company is deleted with everything it owns (channels,
--     customers, messages, leads...): no one could ever sign in to it again.
create function private.handle_deleted_user() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  company uuid;
  successor uuid;
begin
  for company in
    select m.owner_id from public.members m where m.user_id = old.id and m.role = 'owner' order by m.owner_id
  loop
    -- The same lock the last-owner rule takes: owner changes of one company take turns.
    perform 1 from public.companies c where c.id = company for no key update;
    continue when exists (
      select 1 from public.members m where m.owner_id = company and m.role = 'owner' and m.user_id <> old.id);
    select m.user_id into successor from public.members m
    where m.owner_id = company and m.user_id <> old.id
    order by m.role desc, m.created_at, m.user_id
    limit 1;
    if successor is null then
      delete from public.companies c where c.id = company;
    else
      update public.members m set role = 'owner' where m.owner_id = company and m.user_id = successor;
    end if;
  end loop;
  return old;
end
$$;

create trigger on_auth_user_deleted
  before delete on auth.users
  for each row execute function private.handle_deleted_user();

-- === Team RPCs ===================================================================================

-- Each body is security definer (members and invitations grant members no writes, and the
-- invitee's side reads auth.users), kept out of the exposed schema (Supabase's Security Advisor
-- flags definer functions there) behind an invoker function of the same name in `public`.

-- The caller's email, once Supabase Auth has confirmed that they own it. With email confirmation
-- off, Auth creates users with any address, confirmed or not: an invitation is for whoever
-- controls the mailbox, not whoever typed the address first.
create function private.confirmed_email() returns text
language plpgsql stable security definer
set search_path = ''
as $$
declare
  address text;
  confirmed_at timestamptz;
begin
  select lower(u.email), u.email_confirmed_at into address, confirmed_at
  from auth.users u where u.id = (select auth.uid());
  if address is null then
    raise sqlstate 'PT401' using message = 'sign in with an email address first', detail = '{"reason": "no_email"}';
  elsif confirmed_at is null then
    raise sqlstate 'PT403' using message = 'confirm your email address first: invitations are answered from a confirmed address',
      detail = '{"reason": "email_unconfirmed"}';
  end if;
  return address;
end
$$;

-- An invitation addressed to the caller, locked until the transaction ends. Anyone else's is
-- "not found", whether or not it exists.
create function private.my_invitation(invitation_id uuid) returns public.invitations
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  address text := private.confirmed_email();  -- first: an unconfirmed caller learns nothing
  invitation public.invitations;
begin
  select * into invitation from public.invitations i
  where i.id = invitation_id and i.email = address
  for update;
  if invitation.id is null then
    raise sqlstate 'PT404' using message = 'no such invitation for you', detail = '{"reason": "no_such_invitation"}';
  end if;
  return invitation;
end
$$;

create function private.invite_member(
  p_email text, p_role public.member_role, p_owner_id uuid, p_expires_in_days integer
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'owner');
  invitee_email text := lower(btrim(p_email));
  invitation public.invitations;
begin
  if invitee_email is null or char_length(invitee_email) > 254 or invitee_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise sqlstate 'PT400' using message = 'not an email address';
  elsif p_role is null then
    raise sqlstate 'PT400' using message = 'give the role the invitee will have';
  elsif p_expires_in_days is null or p_expires_in_days not between 1 and 30 then
    raise sqlstate 'PT400' using message = 'an invitation lasts 1 to 30 days';
  end if;
  -- A new invitation takes a seat of the plan (402 past them); renewing a live one keeps its seat.
  if not exists (select 1 from public.invitations i
                 where i.owner_id = company and i.email = invitee_email and i.expires_at > now()) then
    perform private.require_plan_room(company, 'seats');
  end if;
  -- auth.users is never looked at: the answer is the same whether the email has an account, is
  -- a member already, or neither, so inviting tells nobody who uses the product.
  insert into public.invitations as i (owner_id, email, role, invited_by, expires_at)
  values (company, invitee_email, p_role, private.current_user_id(), now() + make_interval(days => p_expires_in_days))
  on conflict (owner_id, email) do update
    set role = excluded.role, invited_by = excluded.invited_by, created_at = now(), expires_at = excluded.expires_at
  returning * into invitation;
  return jsonb_build_object('invitation_id', invitation.id, 'owner_id', invitation.owner_id, 'email', invitation.email,
                            'role', invitation.role, 'expires_at', invitation.expires_at);
end
$$;
grant execute on function private.invite_member to authenticated;

create function public.invite_member(
  p_email text, p_role public.member_role, p_expires_in_days integer default 7, p_owner_id uuid default null
) returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.invite_member(p_email, p_role, p_owner_id, p_expires_in_days)
$$;
comment on function public.invite_member(text, public.member_role, integer, uuid) is
$$Invite an email to a company with a role (owner only); 402 past the seats the plan includes (members and live invitations). p_owner_id names the company (optional for a member of one company only).
Nobody joins until the person with that email accepts (accept_invitation); re-inviting renews the role and the expiry. The answer is the same whether or not the email has an account. Expires after p_expires_in_days (1-30, default 7).$$;
grant execute on function public.invite_member to authenticated;

create function private.revoke_invitation(p_invitation_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid;
begin
  select i.owner_id into company from public.invitations i where i.id = p_invitation_id for update;
  if company is null or not private.has_role(company, 'admin') then
    raise sqlstate 'PT404' using message = 'no such invitation', detail = '{"reason": "no_such_invitation"}';
  end if;
  delete from public.invitations i where i.id = p_invitation_id;
  return jsonb_build_object('invitation_id', p_invitation_id, 'revoked', true);
end
$$;
grant execute on function private.revoke_invitation to authenticated;

create function public.revoke_invitation(p_invitation_id uuid) returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.revoke_invitation(p_invitation_id)
$$;
comment on function public.revoke_invitation(uuid) is
$$Withdraw a pending invitation of the caller's company (admin and above); it can no longer be accepted.$$;
grant execute on function public.revoke_invitation to authenticated;

create function private.my_invitations() returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  address text := private.confirmed_email();
begin
  return coalesce((
    select jsonb_agg(jsonb_build_object(
        'invitation_id', i.id, 'owner_id', i.owner_id, 'company_name', c.name, 'role', i.role,
        -- Who is asking says more than a company name, which anyone can choose.
        'invited_by_email', inviter.email, 'created_at', i.created_at, 'expires_at', i.expires_at)
      order by i.created_at desc)
    from public.invitations i
    join public.companies c on c.id = i.owner_id
    left join auth.users inviter on inviter.id = i.invited_by
    where i.email = address and i.expires_at > now()), '[]');
end
$$;
grant execute on function private.my_invitations to authenticated;

create function public.my_invitations() returns jsonb
language sql stable
set search_path = ''
as $$
  select private.my_invitations()
$$;
comment on function public.my_invitations() is
$$The pending invitations addressed to the caller's confirmed email: company, role, who invited them, and until when.$$;
grant execute on function public.my_invitations to authenticated;

create function private.accept_invitation(p_invitation_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  invitation public.invitations := private.my_invitation(p_invitation_id);
  membership public.members;
begin
  if invitation.expires_at <= now() then
    raise sqlstate 'PT410' using message = 'this invitation has expired: ask for a new one',
      detail = '{"reason": "invitation_expired"}';
  end if;
  delete from public.invitations i where i.id = invitation.id;
  -- Joining takes a seat of the plan, which may have shrunk since the invitation: a 402 undoes the
  -- delete too, so the invitation waits for the upgrade. A member already keeps their seat.
  if not exists (select 1 from public.members m
                 where m.owner_id = invitation.owner_id and m.user_id = private.current_user_id()) then
    perform private.require_plan_room(invitation.owner_id, 'member');
  end if;
  -- A member already keeps their role (changing it is an owner's act); the invitation is used up.
  insert into public.members as m (owner_id, user_id, role)
  values (invitation.owner_id, private.current_user_id(), invitation.role)
  on conflict (owner_id, user_id) do update set role = m.role
  returning * into membership;
  return jsonb_build_object('owner_id', membership.owner_id, 'role', membership.role,
                            'company_name', (select c.name from public.companies c where c.id = membership.owner_id));
end
$$;
grant execute on function private.accept_invitation to authenticated;

create function public.accept_invitation(p_invitation_id uuid) returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.accept_invitation(p_invitation_id)
$$;
comment on function public.accept_invitation(uuid) is
$$Join the company that invited the caller's confirmed email, with the invited role (410 once expired; 402 while its members take every seat of its plan). Returns the company and the role.$$;
grant execute on function public.accept_invitation to authenticated;

create function private.decline_invitation(p_invitation_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  invitation public.invitations := private.my_invitation(p_invitation_id);
begin
  delete from public.invitations i where i.id = invitation.id;
  return jsonb_build_object('invitation_id', invitation.id, 'declined', true);
end
$$;
grant execute on function private.decline_invitation to authenticated;

create function public.decline_invitation(p_invitation_id uuid) returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.decline_invitation(p_invitation_id)
$$;
comment on function public.decline_invitation(uuid) is
$$Turn down an invitation addressed to the caller's confirmed email; it is deleted.$$;
grant execute on function public.decline_invitation to authenticated;

create function private.change_member_role(p_user_id uuid, p_role public.member_role, p_owner_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'owner');
begin
  if p_role is null then
    raise sqlstate 'PT400' using message = 'give the new role';
  end if;
  update public.members m set role = p_role where m.owner_id = company and m.user_id = p_user_id;
  if not found then
    raise sqlstate 'PT404' using message = 'no such member', detail = '{"reason": "no_such_member"}';
  end if;
  return jsonb_build_object('owner_id', company, 'user_id', p_user_id, 'role', p_role);
end
$$;
grant execute on function private.change_member_role to authenticated;

create function public.change_member_role(p_user_id uuid, p_role public.member_role, p_owner_id uuid default null)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.change_member_role(p_user_id, p_role, p_owner_id)
$$;
comment on function public.change_member_role(uuid, public.member_role, uuid) is
$$Change a member's role in a company (owner only); p_owner_id names the company. Demoting the last owner is a 409.$$;
grant execute on function public.change_member_role to authenticated;

create function private.remove_member(p_user_id uuid, p_owner_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'owner');
begin
  delete from public.members m where m.owner_id = company and m.user_id = p_user_id;
  if not found then
    raise sqlstate 'PT404' using message = 'no such member', detail = '{"reason": "no_such_member"}';
  end if;
  return jsonb_build_object('owner_id', company, 'user_id', p_user_id, 'removed', true);
end
$$;
grant execute on function private.remove_member to authenticated;

create function public.remove_member(p_user_id uuid, p_owner_id uuid default null) returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.remove_member(p_user_id, p_owner_id)
$$;
comment on function public.remove_member(uuid, uuid) is
$$Remove a member from a company (owner only); p_owner_id names the company. Removing the last owner is a 409.$$;
grant execute on function public.remove_member to authenticated;

-- Anyone may leave, whatever their role, unless they are the last owner; the company is always
-- named: leaving is not something to do to whichever company a guess lands on.
create function private.leave_company(p_owner_id uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  delete from public.members m where m.owner_id = p_owner_id and m.user_id = private.current_user_id();
  if not found then
    raise sqlstate 'PT404' using message = 'you are not a member of that company',
      detail = '{"reason": "not_a_member"}';
  end if;
  return jsonb_build_object('owner_id', p_owner_id, 'left', true);
end
$$;
grant execute on function private.leave_company to authenticated;

create function public.leave_company(p_owner_id uuid) returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.leave_company(p_owner_id)
$$;
comment on function public.leave_company(uuid) is
$$Leave a company (any member). The last owner cannot leave (409): make someone else owner first.$$;
grant execute on function public.leave_company to authenticated;
