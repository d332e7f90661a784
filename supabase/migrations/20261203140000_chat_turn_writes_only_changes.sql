-- A bot turn wrote the conversation's lead and customer rows on every message, changed or not: a
-- new row version each (every index of `leads` and its search vector made again, the row
-- triggers, the policies) for a lead that most turns leave as it was. Now a turn writes only what
-- changes. `leads.updated_at` keeps its meaning, when the lead last changed; the CRM events were
-- already queued only for changes.

-- As in 20261202120400_chat.sql, but a lead whose fields and score stay as they are is returned
-- as it is, not updated.
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
    - 'assigned_to' - 'qualified_at' - 'created_at' - 'updated_at';
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
    -- old bounds would survive it); a new phone takes its own verification flag with it.
    merged := (to_jsonb(current_lead) - case when incoming ? 'budget_amount'
                 then array['budget_min', 'budget_max', 'budget_period', 'budget_text'] else '{}'::text[] end)
      || (incoming - 'details')
      || jsonb_build_object('details',
           (current_lead.details - case when incoming ? 'phone' then 'phone_unverified' else '' end)
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

-- As in 20261202120400_chat.sql, but the customer row is written only when the turn changes its
-- stage, language or handover; otherwise the row locked is the one returned.
create or replace function public.record_bot_turn(
  p_customer_id uuid,
  p_reply text,
  p_stage public.sales_stage,
  p_lead jsonb default '{}',
  p_score integer default 0,
  p_handoff boolean default false,
  p_language text default null,
  p_request_key text default null,
  p_asked text default null,
  p_handoff_reason text default null,
  p_llm_input_tokens integer default 0,
  p_llm_output_tokens integer default 0
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  cust public.customers := private.require_customer_role(p_customer_id, 'manager');
  message_id bigint;
  recorded jsonb;
begin
  select * into cust from public.customers c where c.id = cust.id for update;
  if p_reply is not null then
    insert into public.messages (owner_id, customer_id, role, text, request_key, asked, handoff_reason)
    values (cust.owner_id, cust.id, 'bot', p_reply, p_request_key, p_asked, p_handoff_reason)
    on conflict (owner_id, customer_id, request_key, role) where request_key is not null do nothing
    returning id into message_id;
    if message_id is null then
      perform private.meter_usage(cust.owner_id, 0, p_llm_input_tokens, p_llm_output_tokens);
      return jsonb_build_object(
        'superseded', true,
        'handed_over', cust.handed_over_at is not null,
        'reply', (select m.text from public.messages m
                  where m.owner_id = cust.owner_id and m.customer_id = cust.id and m.request_key = p_request_key
                    and m.role = 'bot'));
    end if;
  end if;
  if cust.stage is distinct from (case when p_handoff then 'handed_over' else p_stage end)
     or coalesce(p_language, cust.language) is distinct from cust.language
     or (p_handoff and (cust.handed_over_at is null or cust.waiting_since is null)) then
    update public.customers c set
      stage = case when p_handoff then 'handed_over' else p_stage end,
      language = coalesce(p_language, c.language),
      handed_over_at = case when p_handoff then coalesce(c.handed_over_at, now()) else c.handed_over_at end,
      waiting_since = case when p_handoff then coalesce(c.waiting_since, now()) else c.waiting_since end
    where c.id = cust.id
    returning * into cust;
  end if;

  recorded := jsonb_build_object(
    'superseded', false,
    'message_id', message_id,
    'lead', private.upsert_lead(cust, p_lead, p_score, false),
    'stage', cust.stage,
    'handed_over', cust.handed_over_at is not null);
  -- Last, so that the company's usage row is locked only for the rest of the transaction.
  perform private.meter_usage(cust.owner_id, case when message_id is null then 0 else 1 end,
                              p_llm_input_tokens, p_llm_output_tokens);
  return recorded;
end
$$;
