-- Issue 19: record_bot_turn read its customer twice, once to check the caller
-- (`require_customer_role`) and once more to lock the conversation for the turn. Now once, locked
-- as it is read, then the caller is checked on the row as `require_customer_role` checks it. A
-- caller refused (no member of the row's company: 404; below manager: 403) has held the row for
-- no longer than that check: the error ends their transaction, and the turn of the company's own
-- that waited goes on.

-- As in 20261203210000_chat_rpcs_definer_bodies.sql, the customer read once.
create or replace function private.record_bot_turn(
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
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  cust public.customers;
  message_id bigint;
  recorded jsonb;
begin
  select * into cust from public.customers c where c.id = p_customer_id for update;
  if cust.id is null then
    raise sqlstate 'PT404' using message = 'customer not found';
  end if;
  perform private.require_role_or_hide(cust.owner_id, 'manager', 'customer');
  perform private.require_channel_speaker(cust.channel_id);
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
