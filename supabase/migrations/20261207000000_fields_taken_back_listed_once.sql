-- The fields a turn may take back were listed twice, in `models.Retractable` and in upsert_lead's
-- `in (...)`, and each one added meant recreating all of upsert_lead (20261204010000,
-- 20261206000000). The list now lives in one function, which upsert_lead reads and a test holds
-- equal to `Retractable`: the next field is a one-line `create or replace` of this function.
create function private.retractable_fields() returns text[]
language sql immutable
set search_path = ''
as $$ select array['name', 'phone', 'email', 'whatsapp', 'timeline'] $$;

grant execute on function private.retractable_fields to authenticated, service_role;

-- As in 20261206000000_timeline_taken_back.sql, reading the list from private.retractable_fields().
create or replace function private.upsert_lead(
  cust public.customers,
  learned jsonb,
  score integer,
  replace boolean
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  current_lead public.leads;
  incoming jsonb := jsonb_strip_nulls(coalesce(learned, '{}'))
    - 'id' - 'owner_id' - 'customer_id' - 'status' - 'score' - 'source'
    - 'assigned_to' - 'qualified_at' - 'created_at' - 'updated_at' - 'retracted';
  retracted text[] := array(
    select field from jsonb_array_elements_text(
      case when jsonb_typeof(learned -> 'retracted') = 'array' then learned -> 'retracted' else '[]' end) field
    where field = any (private.retractable_fields()));
  merged jsonb;
  new_lead public.leads;
  stored public.leads;
  qualifies boolean;
  accepted jsonb := coalesce((select s.document -> 'customer_contacts' from public.bot_settings s
                              where s.owner_id = cust.owner_id), '["phone", "email"]');
begin
  select * into current_lead from public.leads l where l.customer_id = cust.id for update;
  if current_lead.id is null and (incoming - 'details' = '{}' and coalesce(incoming -> 'details', '{}') = '{}') then
    return null;
  end if;
  if replace or current_lead.id is null then
    merged := incoming;
  else
    -- A new budget figure replaces the whole budget (nulls are stripped from `incoming`, so the
    -- old bounds would survive it); a new phone, or one taken back, takes its verification flag with it.
    merged := (to_jsonb(current_lead) - retracted - case when incoming ? 'budget_amount'
                 then array['budget_min', 'budget_max', 'budget_period', 'budget_text'] else '{}'::text[] end)
      || (incoming - 'details')
      || jsonb_build_object('details',
           (current_lead.details - case when incoming ? 'phone' or 'phone' = any (retracted) then 'phone_unverified' else '' end)
           || coalesce(incoming -> 'details', '{}'));
  end if;
  new_lead := jsonb_populate_record(null::public.leads, merged);
  new_lead.details := coalesce(new_lead.details, '{}');
  qualifies := new_lead.need is not null and exists (
    select 1 from jsonb_array_elements_text(accepted) contact(kind) where to_jsonb(new_lead) ->> contact.kind is not null);

  if current_lead.id is null then
    insert into public.leads as l (
      owner_id, customer_id, source, name, phone, email, whatsapp, telegram, need, budget_amount, budget_currency,
      budget_min, budget_max, budget_period, budget_text, location, timeline, details, score, qualified_at)
    select cust.owner_id, cust.id, ch.kind, new_lead.name, new_lead.phone, new_lead.email,
      new_lead.whatsapp, new_lead.telegram, new_lead.need, new_lead.budget_amount, new_lead.budget_currency, new_lead.budget_min,
      new_lead.budget_max, new_lead.budget_period, new_lead.budget_text, new_lead.location,
      new_lead.timeline, new_lead.details, score, case when qualifies then now() end
    from public.channels ch where ch.id = cust.channel_id
    on conflict (owner_id, customer_id) do nothing
    returning * into stored;
  elsif (current_lead.qualified_at is not null or not qualifies)
    -- Compared as text, which tells 9000000 from 9000000.0 as the stored row would.
    and row(current_lead.name, current_lead.phone, current_lead.email, current_lead.whatsapp, current_lead.telegram,
            current_lead.need, current_lead.budget_amount, current_lead.budget_currency, current_lead.budget_min,
            current_lead.budget_max, current_lead.budget_period, current_lead.budget_text, current_lead.location,
            current_lead.timeline, current_lead.details, current_lead.score)::text
      = row(new_lead.name, new_lead.phone, new_lead.email, new_lead.whatsapp, new_lead.telegram,
            new_lead.need, new_lead.budget_amount, new_lead.budget_currency, new_lead.budget_min,
            new_lead.budget_max, new_lead.budget_period, new_lead.budget_text, new_lead.location,
            new_lead.timeline, new_lead.details, upsert_lead.score)::text then
    stored := current_lead;  -- nothing to write
  end if;
  if stored.id is null then  -- the lead was there (or another writer made it meanwhile): this replaces its fields
    update public.leads l set
      name = new_lead.name, phone = new_lead.phone, email = new_lead.email, whatsapp = new_lead.whatsapp,
      telegram = new_lead.telegram, need = new_lead.need,
      budget_amount = new_lead.budget_amount, budget_currency = new_lead.budget_currency,
      budget_min = new_lead.budget_min, budget_max = new_lead.budget_max,
      budget_period = new_lead.budget_period, budget_text = new_lead.budget_text,
      location = new_lead.location, timeline = new_lead.timeline, details = new_lead.details,
      score = upsert_lead.score, updated_at = now(),
      qualified_at = coalesce(l.qualified_at, case when qualifies then now() end)
    where l.owner_id = cust.owner_id and l.customer_id = cust.id
    returning * into stored;
  end if;

  return private.lead_json(stored, cust.stage)
    || jsonb_build_object('newly_qualified', current_lead.qualified_at is null and stored.qualified_at is not null);
end
$$;
