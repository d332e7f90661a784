-- The RPCs the chat pipeline calls. Each returns jsonb, so PostgREST (`POST /rpc/<name>`) and a
-- direct connection get the same answer. They run as the caller (security invoker): RLS decides,
-- and service_role (the webhooks) is trusted with any channel. Errors use PostgREST's `PTxyz`
-- SQLSTATEs, which both transports turn into HTTP status xyz.

-- === Helpers =====================================================================================

-- The conversation, once the caller is known to see it (404) and to hold the role (403).
create function private.require_customer_role(customer uuid, min_role public.member_role)
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
  perform private.require_role(cust.owner_id, min_role);
  return cust;
end
$$;
grant execute on function private.require_customer_role to authenticated, service_role;

-- The conversation of the company a request acts for (`p_owner_id`, optional for a member of one
-- company only), once the caller holds `min_role` there: another company's is "not found", even to
-- its members, so a request never does in one company what its caller meant for another.
create function private.require_company_customer(customer uuid, named_company uuid, min_role public.member_role)
returns public.customers
language plpgsql stable
set search_path = ''
as $$
declare
  company uuid := private.acting_company(named_company, min_role);
  cust public.customers;
begin
  select * into cust from public.customers c where c.id = customer and c.owner_id = company;
  if cust.id is null then
    raise sqlstate 'PT404' using message = 'customer not found';
  end if;
  return cust;
end
$$;
grant execute on function private.require_company_customer to authenticated, service_role;

-- What a brain needs to answer: the company's settings, the recent conversation, the lead.
create function private.conversation_context(cust public.customers, history_limit integer)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'customer_id', cust.id,
    'customer_name', cust.display_name,
    -- A customer writing from Telegram with a username can be reached there.
    'customer_telegram', (select '@' || cust.username from public.channels ch
                          where ch.id = cust.channel_id and ch.kind = 'telegram'
                            and cust.username ~ '^[A-Za-z0-9_]{5,32}$'),
    'stage', cust.stage,
    'handed_over', cust.handed_over_at is not null,
    'settings', s.document || jsonb_build_object('company_name',
                  coalesce(nullif(btrim(s.document ->> 'company_name'), ''), co.name)),
    -- Which version of the settings these are, so a function can reuse what it made of them.
    'settings_version', jsonb_build_array(s.owner_id, s.revision, co.name),
    'history', coalesce((
      select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
               'role', t.role, 'text', t.text, 'asked', t.asked, 'handoff_reason', t.handoff_reason)) order by t.id)
      from (
        select m.id, m.role, m.text, m.asked, m.handoff_reason from public.messages m
        where m.customer_id = cust.id
        order by m.id desc
        limit history_limit) t), '[]'),
    'lead', (
      select private.lead_json(l, cust.stage) from public.leads l where l.customer_id = cust.id))
  -- The settings read once for both keys; a company without them still gets its conversation.
  from (select) one
  left join (public.bot_settings s join public.companies co on co.id = s.owner_id) on s.owner_id = cust.owner_id
$$;
grant execute on function private.conversation_context to authenticated, service_role;

-- Merges what was learned into the conversation's lead (creating it when there is
-- something to store) and returns it. `replace` rebuilds the learned fields instead. The lead is
-- qualified once it has a need and a contact of a kind the company accepts (customer_contacts).
-- A lead that exists is updated, not upserted: an insert that meets its conflict runs the insert's
-- triggers, policies and generated column first, for a row thrown away (a third of the statement's
-- cost, on every message but a conversation's first).
create function private.upsert_lead(
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
  qualifies := new_lead.need is not null and exists (
    select 1 from jsonb_array_elements_text(accepted) contact(kind) where to_jsonb(new_lead) ->> contact.kind is not null);

  if current_lead.id is null then
    insert into public.leads as l (
      owner_id, customer_id, source, name, phone, email, whatsapp, telegram, need, budget_amount, budget_currency,
      budget_min, budget_max, budget_period, budget_text, location, timeline, details, score, qualified_at)
    select cust.owner_id, cust.id, ch.kind, new_lead.name, new_lead.phone, new_lead.email,
      new_lead.whatsapp, new_lead.telegram, new_lead.need, new_lead.budget_amount, new_lead.budget_currency, new_lead.budget_min,
      new_lead.budget_max, new_lead.budget_period, new_lead.budget_text, new_lead.location,
      new_lead.timeline, coalesce(new_lead.details, '{}'), score, case when qualifies then now() end
    from public.channels ch where ch.id = cust.channel_id
    on conflict (owner_id, customer_id) do nothing
    returning * into stored;
  end if;
  if stored.id is null then  -- the lead was there (or another writer made it meanwhile): this replaces its fields
    update public.leads l set
      name = new_lead.name, phone = new_lead.phone, email = new_lead.email, whatsapp = new_lead.whatsapp,
      telegram = new_lead.telegram, need = new_lead.need,
      budget_amount = new_lead.budget_amount, budget_currency = new_lead.budget_currency,
      budget_min = new_lead.budget_min, budget_max = new_lead.budget_max,
      budget_period = new_lead.budget_period, budget_text = new_lead.budget_text,
      location = new_lead.location, timeline = new_lead.timeline, details = coalesce(new_lead.details, '{}'),
      score = upsert_lead.score, updated_at = now(),
      qualified_at = coalesce(l.qualified_at, case when qualifies then now() end)
    where l.owner_id = cust.owner_id and l.customer_id = cust.id
    returning * into stored;
  end if;

  return private.lead_json(stored, cust.stage)
    || jsonb_build_object('newly_qualified', current_lead.qualified_at is null and stored.qualified_at is not null);
end
$$;
grant execute on function private.upsert_lead to authenticated, service_role;

-- === The chat turn ===============================================================================

-- Stores a customer's message before anything else happens to it, and returns the context, with
-- what the company's plan still allows (`plan`: the model, the bot's replies). With no channel it
-- is the test chat of the company `p_owner_id` names (optional for a member of one company only).
-- With `p_request_key`, a retry of a request already taken in stores nothing and says whether it
-- was answered (and with what); the same key with another text is a client's mistake.
create function public.ingest_customer_message(
  p_customer text,
  p_text text,
  p_name text default null,
  p_username text default null,
  p_channel_id uuid default null,
  p_history_limit integer default 40,
  p_request_key text default null,
  p_owner_id uuid default null
) returns jsonb
language plpgsql volatile
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
    -- Resolved on its own: inside the query it would run only for rows RLS lets through. The
    -- caller holds the role there: acting_company checked it.
    company := private.acting_company(p_owner_id, 'manager');
    select * into chan from public.channels c where c.owner_id = company and c.kind = 'test';
  else
    select * into chan from public.channels c where c.id = p_channel_id;
  end if;
  if chan.id is null then
    raise sqlstate 'PT404' using message = 'channel not found';
  end if;
  if p_channel_id is not null then
    perform private.require_role(chan.owner_id, 'manager');
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
    return private.conversation_context(cust, p_history_limit)
      || jsonb_build_object('source', chan.kind, 'duplicate', true, 'answered', reply is not null, 'reply', reply,
                            'plan', private.plan_allowance(chan.owner_id));
  end if;
  return private.conversation_context(cust, p_history_limit)
    || jsonb_build_object('message_id', message_id, 'source', chan.kind, 'duplicate', false,
                          'plan', private.plan_allowance(chan.owner_id));
end
$$;

-- Stores the bot's reply and what it learned, after the brain has answered; with the reply, what
-- it asked for (`p_asked`) and why it handed over (`p_handoff_reason`). With `p_request_key`, only
-- the first answer to that request is recorded: a later one is `superseded` and gets the reply
-- already given. A handover starts the customer's wait for a person. The reply and the model's
-- tokens spent on it (even on an answer that came too late to be recorded) are metered here, in the
-- same transaction.
--
-- Whoever adds a message to a conversation locks its customer row first (here, the customer upsert
-- of ingest_customer_message, reply_to_customer, the reminder sweep), so a conversation's messages
-- take their ids in the order they commit: the widget fetches what is newer than the last id it
-- saw and can never skip one, and a bot turn sees a manager's takeover that committed before it.
create function public.record_bot_turn(
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
  perform 1 from public.customers c where c.id = cust.id for update;
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
  update public.customers c set
    stage = case when p_handoff then 'handed_over' else p_stage end,
    language = coalesce(p_language, c.language),
    handed_over_at = case when p_handoff then coalesce(c.handed_over_at, now()) else c.handed_over_at end,
    waiting_since = case when p_handoff then coalesce(c.waiting_since, now()) else c.waiting_since end
  where c.id = cust.id
  returning * into cust;

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

grant execute on function public.ingest_customer_message, public.record_bot_turn to authenticated, service_role;

-- === Rebuilding a lead ===========================================================================

-- The whole stored conversation, for re-running extraction over it.
create function public.conversation_for_extraction(p_customer_id uuid, p_owner_id uuid default null)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
  return private.conversation_context(private.require_company_customer(p_customer_id, p_owner_id, 'admin'), 10000);
end
$$;

-- Replaces the lead's learned fields with a fresh extraction (admin and above).
create function public.rebuild_lead(p_customer_id uuid, p_lead jsonb, p_score integer, p_owner_id uuid default null)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
begin
  return jsonb_build_object(
    'lead', private.upsert_lead(private.require_company_customer(p_customer_id, p_owner_id, 'admin'), p_lead, p_score,
                                true));
end
$$;

grant execute on function public.conversation_for_extraction, public.rebuild_lead to authenticated, service_role;

-- While a person has the conversation the bot is silent, but what the customer writes still goes on
-- the lead: a phone given to the manager belongs there as much as one given to the bot. Manager and
-- above, as for a bot's turn; a figure merges into the lead as a turn's would.
create function public.learn_while_handed_over(p_customer_id uuid, p_lead jsonb, p_score integer)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  cust public.customers := private.require_customer_role(p_customer_id, 'manager');
begin
  return jsonb_build_object('lead', private.upsert_lead(cust, p_lead, p_score, false));
end
$$;
comment on function public.learn_while_handed_over(uuid, jsonb, integer) is
$$What a customer wrote to a conversation a person has, merged into its lead (the bot does not answer).$$;
grant execute on function public.learn_while_handed_over to authenticated, service_role;

-- === Handing over ================================================================================

-- A manager takes a conversation over: the bot stays silent until it is released. A customer
-- already waiting for a person still waits, for this manager's answer now.
create function public.take_over_conversation(p_customer_id uuid)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  cust public.customers := private.require_customer_role(p_customer_id, 'manager');
begin
  update public.customers c
  set handed_over_at = coalesce(c.handed_over_at, now()),
      handed_over_by = coalesce((select auth.uid()), c.handed_over_by),
      stage = 'handed_over'
  where c.id = cust.id
  returning * into cust;
  return jsonb_build_object('customer_id', cust.id, 'handed_over', true, 'taken_by', cust.handed_over_by);
end
$$;
comment on function public.take_over_conversation(uuid) is
$$Hand a conversation over to a human (manager and above): the caller takes it.
Its messages are still stored, and the bot stays silent until release_conversation.$$;

create function public.release_conversation(p_customer_id uuid)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  cust public.customers := private.require_customer_role(p_customer_id, 'manager');
begin
  update public.customers c
  set handed_over_at = null, handed_over_by = null, waiting_since = null, waiting_reminded_at = null,
      stage = case when exists (select 1 from public.leads l where l.customer_id = c.id)
                   then 'qualification'::public.sales_stage else 'needs'::public.sales_stage end
  where c.id = cust.id;
  return jsonb_build_object('customer_id', cust.id, 'handed_over', false);
end
$$;
comment on function public.release_conversation(uuid) is
$$Give a handed-over conversation back to the bot (manager and above).$$;

-- What dashboards count as unread are the customer's messages after this mark. The conversation is
-- one of the company the request acts for (`p_owner_id`, optional for a member of one company only).
create function public.mark_conversation_read(p_customer_id uuid, p_up_to bigint default null,
                                              p_owner_id uuid default null)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  cust public.customers := private.require_company_customer(p_customer_id, p_owner_id, 'manager');
begin
  update public.customers c
  set managers_read_up_to = greatest(c.managers_read_up_to, coalesce(p_up_to, (
        select max(m.id) from public.messages m where m.customer_id = c.id), 0))
  where c.id = cust.id
  returning * into cust;
  return jsonb_build_object('customer_id', cust.id, 'read_up_to', cust.managers_read_up_to);
end
$$;
comment on function public.mark_conversation_read(uuid, bigint, uuid) is
$$Mark a conversation read up to message p_up_to, or to its newest message (manager and above); p_owner_id names the company (optional for a member of one company only).
The mark never moves back. Unread counts in the conversations view are the customer's messages after it.$$;

grant execute on function public.take_over_conversation, public.release_conversation, public.mark_conversation_read
  to authenticated, service_role;
