-- A contact or name the customer takes back ("ой, это номер мужа") is cleared on the lead
-- (20261204010000_lead_fields_taken_back.sql), and the lead.updated event said only that the field
-- changed, not what it had held. A CRM that adds each phone or email sent to a list of them (Bitrix24
-- does) can only remove a value it is told: so lead.updated and lead.qualified now carry
-- `taken_back`, each field that went from a value to none and the value it had.

-- As in 20261202120800_crm.sql, with `taken_back`.
create function private.crm_taken_back(o public.leads, n public.leads)
returns jsonb
language sql immutable
set search_path = ''
as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'name', case when n.name is null then o.name end,
    'phone', case when n.phone is null then o.phone end,
    'email', case when n.email is null then o.email end,
    'whatsapp', case when n.whatsapp is null then o.whatsapp end,
    'telegram', case when n.telegram is null then o.telegram end))
$$;

create or replace function private.crm_lead_changed() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  changed text[];
  data jsonb;
begin
  if tg_op = 'INSERT' then
    if private.crm_event_wanted(new.owner_id, 'lead.created')
       or (new.qualified_at is not null and private.crm_event_wanted(new.owner_id, 'lead.qualified')) then
      data := private.crm_lead_data(new);
      perform private.queue_crm_event(new.owner_id, new.customer_id, 'lead.created', data);
      if new.qualified_at is not null then
        perform private.queue_crm_event(new.owner_id, new.customer_id, 'lead.qualified', data);
      end if;
    end if;
    return null;
  end if;

  changed := private.crm_changed_fields(old, new);
  if old.qualified_at is null and new.qualified_at is not null then
    -- The lead as it qualifies carries every field: no lead.updated beside it.
    perform private.queue_crm_event(new.owner_id, new.customer_id, 'lead.qualified', private.crm_lead_data(new)
      || jsonb_build_object('changed', changed, 'taken_back', private.crm_taken_back(old, new)));
  elsif changed <> '{}' and private.crm_event_wanted(new.owner_id, 'lead.updated') then
    perform private.queue_crm_event(new.owner_id, new.customer_id, 'lead.updated', private.crm_lead_data(new)
      || jsonb_build_object('changed', changed, 'taken_back', private.crm_taken_back(old, new)));
  end if;
  if old.status is distinct from new.status and private.crm_event_wanted(new.owner_id, 'lead.status_changed') then
    perform private.queue_crm_event(new.owner_id, new.customer_id, 'lead.status_changed',
                                    private.crm_lead_data(new) || jsonb_build_object('previous_status', old.status));
  end if;
  return null;
end
$$;
