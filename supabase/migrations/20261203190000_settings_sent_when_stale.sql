-- Every chat message's context carried the company's whole settings document, which the functions
-- had already read (they keep what they made of each version): Postgres wrote it out and the
-- functions decoded it at every message. Now the ingest RPCs take the settings version the caller
-- holds (`p_settings_version`, the context's `settings_version`) and leave the document out
-- (`settings` null) while it is still that version. Without it, as before.

drop function private.conversation_context(public.customers, integer);

-- As in 20261202120400_chat.sql, with `known_settings_version`.
create function private.conversation_context(cust public.customers, history_limit integer,
                                             known_settings_version jsonb default null)
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
    'settings', case when known_settings_version is distinct from version.value then
                  s.document || jsonb_build_object('company_name',
                    coalesce(nullif(btrim(s.document ->> 'company_name'), ''), co.name)) end,
    -- Which version of the settings these are, so a function can reuse what it made of them.
    'settings_version', version.value,
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
  cross join lateral (select jsonb_build_array(s.owner_id, s.revision, co.name) as value) version
$$;
grant execute on function private.conversation_context to authenticated, service_role;

drop function public.ingest_customer_message(text, text, text, text, uuid, integer, text, uuid);

-- As in 20261202120400_chat.sql, with `p_settings_version`.
create function public.ingest_customer_message(
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
    return private.conversation_context(cust, p_history_limit, p_settings_version)
      || jsonb_build_object('source', chan.kind, 'duplicate', true, 'answered', reply is not null, 'reply', reply,
                            'plan', private.plan_allowance(chan.owner_id));
  end if;
  return private.conversation_context(cust, p_history_limit, p_settings_version)
    || jsonb_build_object('message_id', message_id, 'source', chan.kind, 'duplicate', false,
                          'plan', private.plan_allowance(chan.owner_id));
end
$$;

grant execute on function public.ingest_customer_message to authenticated, service_role;

drop function public.ingest_channel_update(uuid, text, text, text, text, text, integer, integer, text, integer, integer, integer);

-- As in 20261202120500_channel_delivery.sql, with `p_settings_version`.
create function public.ingest_channel_update(
  p_channel_id uuid,
  p_update_key text,
  p_customer text,
  p_text text,
  p_name text default null,
  p_username text default null,
  p_customer_limit integer default 20,
  p_channel_limit integer default 600,
  p_client text default null,
  p_client_limit integer default 60,
  p_client_new_limit integer default 10,
  p_new_customer_limit integer default 60,
  p_settings_version jsonb default null
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  chan public.channels;
  cust public.customers;
  taken public.channel_updates;
  taken_text text;
  client_key text := private.client_key(p_channel_id, p_client);
  wait integer := 0;
  context jsonb;
  limited boolean;
begin
  select * into chan from public.channels c where c.id = p_channel_id;
  if chan.id is null then
    raise sqlstate 'PT404' using message = 'channel not found';
  end if;
  perform pg_advisory_xact_lock(hashtextextended(p_channel_id::text || '/' || p_customer || '/' || p_update_key, 0));
  select * into cust from public.customers c
  where c.owner_id = chan.owner_id and c.channel_id = chan.id and c.external_id = p_customer;
  if cust.id is not null then
    select * into taken from public.channel_updates u
    where u.channel_id = chan.id and u.customer_id = cust.id and u.update_key = p_update_key;
    if taken.customer_id is not null then
      select m.text into taken_text from public.messages m
      where m.owner_id = cust.owner_id and m.customer_id = cust.id and m.request_key = p_update_key
        and m.role = 'customer';
      if taken_text is distinct from p_text then
        raise sqlstate 'PT422' using message = 'this request id was already used for another message';
      end if;
      return private.conversation_context(cust, 40, p_settings_version)
        || jsonb_build_object('duplicate', true, 'answered', taken.reply is not null, 'reply', taken.reply,
                              'plan', private.plan_allowance(cust.owner_id));
    end if;
  end if;

  if p_client is not null then
    wait := private.take_rate_limit(client_key, p_client_limit);
    if wait = 0 and cust.id is null then
      wait := greatest(private.take_rate_limit('new:' || client_key, p_client_new_limit),
                       private.take_rate_limit('new:channel:' || p_channel_id, p_new_customer_limit));
    end if;
  end if;
  if wait = 0 then
    wait := private.take_rate_limit('channel:' || p_channel_id, p_channel_limit);
  end if;
  if wait > 0 then
    return jsonb_build_object('refused', 'too many messages, send again later', 'retry_after', wait);
  end if;

  context := public.ingest_customer_message(p_customer, p_text, p_name, p_username, p_channel_id,
                                            p_request_key => p_update_key,
                                            p_settings_version => p_settings_version);
  insert into public.channel_updates (owner_id, channel_id, update_key, customer_id)
  values (chan.owner_id, chan.id, p_update_key, (context ->> 'customer_id')::uuid);
  limited := private.take_rate_limit('customer:' || (context ->> 'customer_id'), p_customer_limit) > 0;
  if (context ->> 'handed_over')::boolean and not limited then
    perform private.queue_manager_posts((context ->> 'customer_id')::uuid, 'message');
  end if;
  return context || jsonb_build_object('duplicate', false, 'rate_limited', limited);
end
$$;

grant execute on function public.ingest_channel_update to service_role;
