-- A test-chat request sent again (a client retrying after a timeout or a 503) is taken in once:
-- the client's Idempotency-Key is kept on the customer's message and on the bot's reply, so a
-- retry finds both instead of storing the message twice. Channels have channel_updates for this;
-- the test chat is a member's own conversation, so its keys live where RLS already guards them.

alter table public.messages
  add column request_key text check (char_length(request_key) between 1 and 128);
comment on column public.messages.request_key is
  'The Idempotency-Key of the test-chat request that stored it; the customer''s message and the bot''s reply share it.';
create unique index messages_request_key_idx on public.messages (customer_id, request_key, role)
  where request_key is not null;

drop function public.ingest_customer_message(text, text, text, text, uuid, integer);
-- As before; with `p_request_key`, a retry of a request already taken in stores nothing and says
-- whether it was answered (and with what). The same key with another text is a client's mistake.
create function public.ingest_customer_message(
  p_customer text,
  p_text text,
  p_name text default null,
  p_username text default null,
  p_channel_id uuid default null,
  p_history_limit integer default 40,
  p_request_key text default null
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  chan public.channels;
  cust public.customers;
  message_id bigint;
  taken_text text;
  reply text;
begin
  if p_channel_id is null then
    select * into chan from public.channels c
    where c.owner_id = private.current_owner_id() and c.kind = 'test';
  else
    select * into chan from public.channels c where c.id = p_channel_id;
  end if;
  if chan.id is null then
    raise sqlstate 'PT404' using message = 'channel not found';
  end if;
  perform private.require_role(chan.owner_id, 'manager');

  insert into public.customers as c (owner_id, channel_id, external_id, display_name, username)
  values (chan.owner_id, chan.id, p_customer, p_name, p_username)
  on conflict (channel_id, external_id) do update
    set display_name = coalesce(excluded.display_name, c.display_name),
        username = coalesce(excluded.username, c.username),
        last_message_at = now()
  returning * into cust;

  -- A concurrent attempt with the same key waits here until the first commits, then finds it.
  insert into public.messages (owner_id, customer_id, role, text, request_key)
  values (chan.owner_id, cust.id, 'customer', p_text, p_request_key)
  on conflict (customer_id, request_key, role) where request_key is not null do nothing
  returning id into message_id;

  if message_id is null then
    select m.text into taken_text from public.messages m
    where m.customer_id = cust.id and m.request_key = p_request_key and m.role = 'customer';
    if taken_text is distinct from p_text then
      raise sqlstate 'PT422' using message = 'this Idempotency-Key was already used for another message';
    end if;
    select m.text into reply from public.messages m
    where m.customer_id = cust.id and m.request_key = p_request_key and m.role = 'bot';
    return private.conversation_context(cust, p_history_limit)
      || jsonb_build_object('source', chan.kind, 'duplicate', true, 'answered', reply is not null, 'reply', reply);
  end if;
  return private.conversation_context(cust, p_history_limit)
    || jsonb_build_object('message_id', message_id, 'source', chan.kind, 'duplicate', false);
end
$$;

drop function public.record_bot_turn(uuid, text, public.sales_stage, jsonb, integer, boolean, text);
-- As before; with `p_request_key`, only the first answer to that request is recorded: a later
-- one is `superseded` and gets the reply already given.
create function public.record_bot_turn(
  p_customer_id uuid,
  p_reply text,
  p_stage public.sales_stage,
  p_lead jsonb default '{}',
  p_score integer default 0,
  p_handoff boolean default false,
  p_language text default null,
  p_request_key text default null
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  cust public.customers := private.require_customer_role(p_customer_id, 'manager');
  message_id bigint;
begin
  if p_reply is not null then
    insert into public.messages (owner_id, customer_id, role, text, request_key)
    values (cust.owner_id, cust.id, 'bot', p_reply, p_request_key)
    on conflict (customer_id, request_key, role) where request_key is not null do nothing
    returning id into message_id;
    if message_id is null then
      return jsonb_build_object(
        'superseded', true,
        'handed_over', cust.handed_over_at is not null,
        'reply', (select m.text from public.messages m
                  where m.customer_id = cust.id and m.request_key = p_request_key and m.role = 'bot'));
    end if;
  end if;
  update public.customers c set
    stage = case when p_handoff then 'handed_over' else p_stage end,
    language = coalesce(p_language, c.language),
    handed_over_at = case when p_handoff then coalesce(c.handed_over_at, now()) else c.handed_over_at end
  where c.id = cust.id
  returning * into cust;

  return jsonb_build_object(
    'superseded', false,
    'lead', private.upsert_lead(cust, p_lead, p_score, false),
    'stage', cust.stage,
    'handed_over', cust.handed_over_at is not null);
end
$$;

revoke execute on function public.ingest_customer_message, public.record_bot_turn from public, anon;
grant execute on function public.ingest_customer_message, public.record_bot_turn to authenticated, service_role;
