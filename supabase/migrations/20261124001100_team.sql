-- The team: invitations by email, role changes, removals. Owners manage members; a company never
-- loses its last owner, whichever way the change is made.

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
select private.create_tenant_policies('public.invitations', 'admin', 'owner', 'owner');
revoke all on public.invitations from anon;

create function private.keep_an_owner() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if old.role = 'owner'
     and not exists (select 1 from public.members m where m.owner_id = old.owner_id and m.role = 'owner')
     and exists (select 1 from public.companies c where c.id = old.owner_id) then
    raise sqlstate 'PT409' using message = 'a company must keep at least one owner';
  end if;
  return null;
end
$$;

create trigger members_keep_an_owner
  after update of role or delete on public.members
  for each row execute function private.keep_an_owner();

-- Signup: an invited email joins the companies that invited it; anyone else founds a company.
create or replace function private.handle_new_user() returns trigger
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

create function public.invite_member(p_email text, p_role public.member_role)
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

revoke execute on function public.invite_member, public.change_member_role, public.remove_member from public, anon;
grant execute on function public.invite_member, public.change_member_role, public.remove_member to authenticated;
