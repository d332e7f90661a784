-- A company keeps its last owner even when two owners remove (or demote) each other at the same
-- time. The check in 20261124001100_team.sql reads the other owners as of its own snapshot, so two
-- concurrent transactions could each see the other owner still there and both commit, leaving
-- none. Locking the company row first serializes owner changes per company: the second waits for
-- the first to commit, then (a new statement, so a fresh snapshot under read committed) sees it.

create or replace function private.keep_an_owner() returns trigger
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
