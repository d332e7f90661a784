-- Answering a channel update exactly once. The bot's reply, its delivery and the managers' notice
-- of a newly qualified lead are written in one transaction, so a process that dies between them
-- leaves either all of them or none; and attempts at one update (Telegram retrying while we are
-- still thinking, a widget resending) take turns instead of racing.

-- As before, with attempts at the same update serialised: the second waits for the first to
-- commit and then finds its row, instead of storing the message again or failing on the key.
create or replace function public.ingest_channel_update(
  p_channel_id uuid,
  p_update_key text,
  p_customer text,
  p_text text,
  p_name text default null,
  p_username text default null,
  p_customer_limit integer default 20,
  p_channel_limit integer default 600
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  taken public.channel_updates;
  context jsonb;
begin
  perform pg_advisory_xact_lock(hashtextextended(p_channel_id::text || '/' || p_update_key, 0));
  select * into taken from public.channel_updates u
  where u.channel_id = p_channel_id and u.update_key = p_update_key;
  if taken.customer_id is not null then
    return private.conversation_context(
      (select c from public.customers c where c.id = taken.customer_id), 40)
      || jsonb_build_object('duplicate', true, 'answered', taken.reply is not null, 'reply', taken.reply);
  end if;
  context := public.ingest_customer_message(p_customer, p_text, p_name, p_username, p_channel_id);
  insert into public.channel_updates (owner_id, channel_id, update_key, customer_id)
  select c.owner_id, c.id, p_update_key, (context ->> 'customer_id')::uuid from public.channels c where c.id = p_channel_id;
  return context || jsonb_build_object(
    'duplicate', false,
    'rate_limited', not (
      private.within_rate_limit('customer:' || (context ->> 'customer_id'), p_customer_limit, interval '1 minute')
      and private.within_rate_limit('channel:' || p_channel_id, p_channel_limit, interval '1 minute')));
end
$$;

-- What a manager is told about a newly qualified lead.
create function private.lead_summary(l public.leads, customer_name text)
returns text
language sql immutable
set search_path = ''
as $$
  select left(concat_ws(E'\n',
    'New qualified lead: ' || coalesce(l.name, customer_name, 'unnamed'),
    'Need: ' || l.need,
    'Phone: ' || l.phone,
    'Email: ' || l.email,
    'Budget: ' || trim_scale(l.budget_amount)::text || ' ' || l.budget_currency,
    'Location: ' || l.location,
    'When: ' || l.timeline,
    'Score: ' || l.score), 4096)
$$;

-- Queues the summary of a customer's lead for every chat in bot_settings.notify_chat_ids, to go
-- out through the company's bot (its first active Telegram channel). Returns how many were queued.
create function private.queue_lead_notifications(cust_id uuid)
returns integer
language sql volatile
set search_path = ''
as $$
  with queued as (
    insert into public.outbox (owner_id, channel_id, chat_id, text, purpose)
    select c.owner_id, bot.id, chat_id::text, private.lead_summary(l, c.display_name), 'notification'
    from public.customers c
    join public.leads l on l.customer_id = c.id
    join public.bot_settings s on s.owner_id = c.owner_id
    cross join lateral unnest(s.notify_chat_ids) as chat_id
    cross join lateral (
      select b.id from public.channels b
      where b.owner_id = c.owner_id and b.kind = 'telegram' and b.is_active
      order by b.created_at limit 1
    ) bot
    where c.id = cust_id
    returning 1
  )
  select count(*)::integer from queued
$$;

-- Records the bot's turn for a channel update, once: the reply (with record_bot_turn), the update
-- marked answered, the reply queued for `p_chat_id` when it goes out through a bot, and the
-- managers' notices when the lead has just qualified. If another attempt answered the update
-- first, or a manager took the conversation over meanwhile, nothing is recorded and the answer
-- says `superseded`, with the reply already given (if any).
create function public.record_channel_turn(
  p_channel_id uuid,
  p_update_key text,
  p_customer_id uuid,
  p_reply text,
  p_stage public.sales_stage,
  p_lead jsonb default '{}',
  p_score integer default 0,
  p_handoff boolean default false,
  p_language text default null,
  p_chat_id text default null
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  taken public.channel_updates;
  recorded jsonb;
  behind boolean;
  delivery bigint;
  notices integer := 0;
begin
  select * into taken from public.channel_updates u
  where u.channel_id = p_channel_id and u.update_key = p_update_key and u.customer_id = p_customer_id
  for update;
  if not found then
    raise sqlstate 'PT404' using message = 'no such update for this customer';
  end if;
  if taken.reply is not null then
    return jsonb_build_object('superseded', true, 'reply', taken.reply, 'handed_over', false);
  end if;
  if exists (select 1 from public.customers c where c.id = p_customer_id and c.handed_over_at is not null) then
    return jsonb_build_object('superseded', true, 'reply', null, 'handed_over', true);
  end if;

  recorded := public.record_bot_turn(p_customer_id, p_reply, p_stage, p_lead, p_score, p_handoff, p_language);
  update public.channel_updates set reply = p_reply
  where channel_id = p_channel_id and update_key = p_update_key;
  if p_chat_id is not null and p_reply is not null then
    behind := exists (
      select 1 from public.outbox o
      where o.channel_id = p_channel_id and o.chat_id = p_chat_id
        and o.delivered_at is null and o.abandoned_at is null);
    -- Behind a waiting delivery of the same chat: due at once, but no delivery_id is returned, so
    -- the caller does not send it ahead; it goes out as soon as the one before it does. Not behind:
    -- due a little later, since the webhook sends it at once and marks it delivered; only if that
    -- never happens does a later sweep find it due.
    insert into public.outbox (owner_id, channel_id, chat_id, text, purpose, next_attempt_at)
    values (taken.owner_id, p_channel_id, p_chat_id, p_reply, 'reply',
            case when behind then now() else now() + interval '30 seconds' end)
    returning id into delivery;
    if behind then
      delivery := null;
    end if;
  end if;
  if coalesce((recorded -> 'lead' ->> 'newly_qualified')::boolean, false) then
    notices := private.queue_lead_notifications(p_customer_id);
  end if;
  return recorded || jsonb_build_object('superseded', false, 'reply', p_reply, 'delivery_id', delivery,
                                        'notifications', notices);
end
$$;

revoke execute on function public.record_channel_turn from public, anon, authenticated;
grant execute on function public.record_channel_turn to service_role;
revoke execute on function private.lead_summary, private.queue_lead_notifications from public;
grant execute on function private.lead_summary, private.queue_lead_notifications to service_role;

-- Replaced by record_channel_turn, which records the reply in the same transaction.
drop function public.mark_update_answered;
drop function public.enqueue_notifications;
