-- Issue 19: a /chat message's two RPCs ran as the caller, so every statement in them, in the
-- helpers they call and in the triggers they fire was rewritten with the tenant policies and ran
-- their helper (`private.owner_id_array`, about 33 times a /chat message), though each RPC had
-- already checked, once, that the caller may act for the company, and touches only that company's
-- rows. Now each is a security definer body behind the public invoker function of the same name,
-- as the team RPCs are: the body checks the caller itself, as the policies and the triggers that
-- look at the caller's role answered before (a row of a company the caller is no member of is "not
-- found", below the role it is "forbidden"; a member speaks for a customer or the bot only in the
-- test chat), then reads and writes by the company it checked. The triggers that leave the
-- operator's writes alone leave the bodies' alone too: what they would set (a lead's status and
-- dates, a message's time and sender) the bodies write as the triggers would. The service's calls bypassed the policies
-- already. The other readers of `require_customer_role` get the same answers as before.

-- For a definer body, what the tenant policies (readable by viewers) and `require_role` answer
-- together of a row of `company`: not found to a caller who is no member, forbidden below
-- `min_role`. Security invoker, as `require_role`: `has_role` reads the memberships.
create function private.require_role_or_hide(company uuid, min_role public.member_role, what text)
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if (select auth.role()) is distinct from 'service_role' and not private.has_role(company, min_role) then
    if not private.has_role(company, 'viewer') then
      raise sqlstate 'PT404' using message = what || ' not found';
    end if;
    raise sqlstate 'PT403' using message = format('this needs the %s role or above', min_role);
  end if;
end
$$;
grant execute on function private.require_role_or_hide to authenticated, service_role;

-- A member writes a customer's or the bot's words only in the test chat; in a real channel only the
-- service does. `check_message_author` holds this for a member's own writes, which a definer
-- body's are not (it runs as its owner), so the bodies ask this first.
create function private.require_channel_speaker(channel uuid)
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if (select auth.role()) is distinct from 'service_role'
     and exists (select 1 from public.channels ch where ch.id = channel and ch.kind <> 'test') then
    raise sqlstate 'PT403' using message = 'only the channel writes a customer''s or the bot''s messages: write as manager';
  end if;
end
$$;
grant execute on function private.require_channel_speaker to authenticated, service_role;

-- As in 20261202120400_chat.sql, but the company's membership is checked here, not left to the
-- policies: the same answers to an invoker, and the right ones inside a definer body.
create or replace function private.require_customer_role(customer uuid, min_role public.member_role)
returns public.customers
language plpgsql stable
set search_path = ''
as $$
declare
  cust public.customers;
begin
  select * into cust from public.customers c where c.id = customer;
  if cust.id is null then
    raise sqlstate 'PT404' using message = 'customer not found';
  end if;
  perform private.require_role_or_hide(cust.owner_id, min_role, 'customer');
  return cust;
end
$$;

-- As in 20261203190000_settings_sent_when_stale.sql, as the definer body: the channel a request
-- names is checked by `require_role_or_hide`, where the policies hid another company's before,
-- and by `require_channel_speaker`.
create function private.ingest_customer_message(
  p_customer text,
  p_text text,
  p_name text default null,
  p_username text default null,
  p_channel_id uuid default null,
  p_history_limit integer default 40,
  p_request_key text default null,
  p_settings_version jsonb default null,
  p_owner_id uuid default null  -- last, as in every company RPC
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid;
  chan public.channels;
  cust public.customers;
  message_id bigint;
  taken_text text;
  reply text;
begin
  if p_channel_id is null then
    -- The caller holds the role there: acting_company checked it.
    company := private.acting_company(p_owner_id, 'manager');
    select * into chan from public.channels c where c.owner_id = company and c.kind = 'test';
  else
    select * into chan from public.channels c where c.id = p_channel_id;
  end if;
  if chan.id is null then
    raise sqlstate 'PT404' using message = 'channel not found';
  end if;
  if p_channel_id is not null then
    perform private.require_role_or_hide(chan.owner_id, 'manager', 'channel');
    perform private.require_channel_speaker(chan.id);
  end if;

  -- The upsert also locks the conversation: see record_bot_turn.
  insert into public.customers as c (owner_id, channel_id, external_id, display_name, username)
  values (chan.owner_id, chan.id, p_customer, p_name, p_username)
  on conflict (owner_id, channel_id, external_id) do update
    set display_name = coalesce(excluded.display_name, c.display_name),
        username = coalesce(excluded.username, c.username),
        last_message_at = now(),
        -- A customer writing to a person waits from their first message after a manager answered.
        waiting_since = case when c.handed_over_at is not null then coalesce(c.waiting_since, now()) end
  returning * into cust;

  -- A concurrent attempt with the same key waits here until the first commits, then finds it.
  insert into public.messages (owner_id, customer_id, role, text, request_key)
  values (chan.owner_id, cust.id, 'customer', p_text, p_request_key)
  on conflict (owner_id, customer_id, request_key, role) where request_key is not null do nothing
  returning id into message_id;

  if message_id is null then
    select m.text into taken_text from public.messages m
    where m.owner_id = cust.owner_id and m.customer_id = cust.id and m.request_key = p_request_key and m.role = 'customer';
    if taken_text is distinct from p_text then
      raise sqlstate 'PT422' using message = 'this request key was already used for another message';
    end if;
    select m.text into reply from public.messages m
    where m.owner_id = cust.owner_id and m.customer_id = cust.id and m.request_key = p_request_key and m.role = 'bot';
    return private.conversation_context(cust, p_history_limit, p_settings_version)
      || jsonb_build_object('source', chan.kind, 'duplicate', true, 'answered', reply is not null, 'reply', reply,
                            'plan', private.plan_allowance(chan.owner_id));
  end if;
  return private.conversation_context(cust, p_history_limit, p_settings_version)
    || jsonb_build_object('message_id', message_id, 'source', chan.kind, 'duplicate', false,
                          'plan', private.plan_allowance(chan.owner_id));
end
$$;

grant execute on function private.ingest_customer_message to authenticated, service_role;

create or replace function public.ingest_customer_message(
  p_customer text,
  p_text text,
  p_name text default null,
  p_username text default null,
  p_channel_id uuid default null,
  p_history_limit integer default 40,
  p_request_key text default null,
  p_settings_version jsonb default null,
  p_owner_id uuid default null  -- last, as in every company RPC
) returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.ingest_customer_message(p_customer, p_text, p_name, p_username, p_channel_id, p_history_limit,
                                         p_request_key, p_settings_version, p_owner_id)
$$;

-- As in 20261203140000_chat_turn_writes_only_changes.sql, as the definer body: the customer is
-- checked by `require_customer_role` and `require_channel_speaker`.
create function private.record_bot_turn(
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
  cust public.customers := private.require_customer_role(p_customer_id, 'manager');
  message_id bigint;
  recorded jsonb;
begin
  perform private.require_channel_speaker(cust.channel_id);
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
grant execute on function private.record_bot_turn to authenticated, service_role;

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
language sql volatile
set search_path = ''
as $$
  select private.record_bot_turn(p_customer_id, p_reply, p_stage, p_lead, p_score, p_handoff, p_language,
                                 p_request_key, p_asked, p_handoff_reason, p_llm_input_tokens, p_llm_output_tokens)
$$;
