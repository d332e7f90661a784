-- Working a lead: status changes along allowed transitions (with history), assignment, notes.
-- The rules live in triggers, so a dashboard's plain PATCH through PostgREST obeys them too.

-- The caller's user id, or null when the request carries no user (the service, a migration).
create function private.current_user_id() returns uuid
language sql stable
set search_path = ''
as $$
  select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid
$$;
grant execute on function private.current_user_id to anon, authenticated, service_role;

create function private.lead_status_allowed(from_status public.lead_status, to_status public.lead_status)
returns boolean
language sql immutable
set search_path = ''
as $$
  select (from_status, to_status) in (
    ('new', 'contacted'), ('new', 'qualified'), ('new', 'lost'),
    ('contacted', 'qualified'), ('contacted', 'lost'), ('contacted', 'new'),
    ('qualified', 'won'), ('qualified', 'lost'), ('qualified', 'contacted'),
    ('lost', 'new'))
$$;
grant execute on function private.lead_status_allowed to authenticated, service_role;

create function private.record_lead_status_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if not private.lead_status_allowed(old.status, new.status) then
    raise sqlstate 'PT409' using message = format('a lead cannot go from %s to %s', old.status, new.status);
  end if;
  insert into public.lead_status_history (owner_id, lead_id, from_status, to_status, changed_by, note)
  values (new.owner_id, new.id, old.status, new.status, private.current_user_id(),
          nullif(current_setting('salesbot.status_note', true), ''));
  new.updated_at := now();
  return new;
end
$$;

create trigger lead_status_changed
  before update of status on public.leads
  for each row when (old.status is distinct from new.status)
  execute function private.record_lead_status_change();

-- A lead is assigned only to a member of its own company.
create function private.check_lead_assignee() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.assigned_to is not null and not exists (
    select 1 from public.members m where m.owner_id = new.owner_id and m.user_id = new.assigned_to
  ) then
    raise sqlstate 'PT400' using message = 'the assignee is not a member of this company';
  end if;
  return new;
end
$$;

create trigger lead_assignee_checked
  before insert or update of assigned_to on public.leads
  for each row execute function private.check_lead_assignee();

-- Notes have a table of their own rather than living in lead_status_history: most notes are not
-- status changes ("called, no answer"), and the history is an audit trail that is only ever
-- appended to, so a note there would either invent a change or need a nullable to_status. A
-- note given with a status change (change_lead_status's p_note) stays with that change.
create table public.lead_notes (
  id bigint generated always as identity primary key,
  owner_id uuid not null,
  lead_id uuid not null,
  author_id uuid references auth.users (id) on delete set null,
  body text not null check (char_length(body) between 1 and 4000),
  created_at timestamptz not null default now(),
  foreign key (owner_id, lead_id) references public.leads (owner_id, id) on delete cascade
);
create index lead_notes_lead_idx on public.lead_notes (lead_id, created_at);
create index lead_notes_owner_idx on public.lead_notes (owner_id, created_at desc);
create index lead_notes_author_idx on public.lead_notes (author_id) where author_id is not null;
select private.create_tenant_policies('public.lead_notes', 'viewer', 'manager', 'admin');
revoke all on public.lead_notes from anon;

-- The lead's company, once the caller is known to see the lead (404) and to hold the role (403).
create function private.require_lead_role(lead uuid, min_role public.member_role) returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
  lead_owner uuid;
begin
  select l.owner_id into lead_owner from public.leads l where l.id = lead;
  if lead_owner is null then
    raise sqlstate 'PT404' using message = 'lead not found';
  end if;
  perform private.require_role(lead_owner, min_role);
  return lead_owner;
end
$$;
grant execute on function private.require_lead_role to authenticated, service_role;

create function public.change_lead_status(p_lead_id uuid, p_status public.lead_status, p_note text default null)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  changed public.leads;
  stage public.sales_stage;
begin
  perform private.require_lead_role(p_lead_id, 'manager');
  perform set_config('salesbot.status_note', coalesce(p_note, ''), true);
  update public.leads l set status = p_status where l.id = p_lead_id returning * into changed;
  perform set_config('salesbot.status_note', '', true);
  select c.stage into stage from public.customers c where c.id = changed.customer_id;
  return private.lead_json(changed, stage);
end
$$;

create function public.assign_lead(p_lead_id uuid, p_user_id uuid)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  changed public.leads;
  stage public.sales_stage;
begin
  perform private.require_lead_role(p_lead_id, 'manager');
  update public.leads l set assigned_to = p_user_id, updated_at = now() where l.id = p_lead_id returning * into changed;
  select c.stage into stage from public.customers c where c.id = changed.customer_id;
  return private.lead_json(changed, stage) || jsonb_build_object('assigned_to', changed.assigned_to);
end
$$;

create function public.add_lead_note(p_lead_id uuid, p_body text)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  lead_owner uuid := private.require_lead_role(p_lead_id, 'manager');
  note public.lead_notes;
begin
  insert into public.lead_notes (owner_id, lead_id, author_id, body)
  values (lead_owner, p_lead_id, private.current_user_id(), btrim(p_body))
  returning * into note;
  return to_jsonb(note);
end
$$;

revoke execute on function public.change_lead_status, public.assign_lead, public.add_lead_note from public, anon;
grant execute on function public.change_lead_status, public.assign_lead, public.add_lead_note to authenticated, service_role;
