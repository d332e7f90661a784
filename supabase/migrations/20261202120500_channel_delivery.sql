-- What the webhooks need to lose nothing and answer once: the updates already taken in, the
-- messages still to deliver (a transactional outbox), and rate limits. Service-only tables: RLS
-- on, no member policy.
--
-- The bot's reply to an update, its delivery and the managers' notice of a newly qualified lead
-- are written in one transaction, so a process that dies between them leaves all of them or none;
-- attempts at one update (Telegram retrying while we are still thinking, a widget resending) take
-- turns instead of racing. A chat's messages go out in the order they were written, even after
-- the Bot API was down. A periodic sweep (the deliver_outbox function) retries what is due; a
-- delivery Telegram refuses for good (the customer blocked the bot) is given up with its reason.
-- Each sweep tries one failed delivery per channel even during its backoff, and once a bot gets a
-- message through again its other failed ones are due at once: after an outage, customers wait
-- for the next sweep, not out an hour of backoff.

-- === Tables ======================================================================================

create table public.channel_updates (
  owner_id uuid not null references public.companies (id) on delete cascade,
  channel_id uuid not null references public.channels (id) on delete cascade,
  -- Telegram's update_id, or the widget's request id (webhook-id).
  update_key text not null check (char_length(update_key) between 1 and 128),
  customer_id uuid not null references public.customers (id) on delete cascade,
  reply text,
  created_at timestamptz not null default now(),
  -- Per customer: a widget's request ids come from its visitors' browsers, so one visitor reusing
  -- another's id must neither get that visitor's reply nor have their own message dropped.
  primary key (channel_id, customer_id, update_key)
);
create index channel_updates_customer_idx on public.channel_updates (customer_id);
create index channel_updates_owner_idx on public.channel_updates (owner_id, created_at desc);
alter table public.channel_updates enable row level security;
comment on table public.channel_updates is 'Channel updates already taken in (Telegram update_id, widget request id): each is answered once.';
comment on column public.channel_updates.update_key is 'Telegram''s update_id or the widget''s request id (webhook-id), unique per customer.';
comment on column public.channel_updates.customer_id is 'The conversation the update belongs to.';
comment on column public.channel_updates.reply is 'The reply given, returned again to a replay.';
grant select, insert, update on public.channel_updates to service_role;

create table public.outbox (
  id bigint generated always as identity primary key,
  owner_id uuid not null references public.companies (id) on delete cascade,
  channel_id uuid not null references public.channels (id) on delete cascade,
  chat_id text not null,
  text text not null check (char_length(text) between 1 and 4096),
  purpose text not null check (purpose in ('reply', 'notification')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  abandoned_at timestamptz
);
create index outbox_owner_idx on public.outbox (owner_id, created_at desc);
create index outbox_due_idx on public.outbox (channel_id, next_attempt_at) where delivered_at is null and abandoned_at is null;
create index outbox_sweep_idx on public.outbox (next_attempt_at) where delivered_at is null and abandoned_at is null;
-- A delivery is claimed only when no earlier one of the same chat is still waiting.
create index outbox_chat_pending_idx on public.outbox (channel_id, chat_id, id)
  where delivered_at is null and abandoned_at is null;
alter table public.outbox enable row level security;
comment on table public.outbox is 'Messages to Telegram that could not go out at once; retried with backoff until delivered.';
comment on column public.outbox.chat_id is 'The Telegram chat to send to.';
comment on column public.outbox.text is 'What to send.';
comment on column public.outbox.purpose is 'reply (to a customer) or notification (to a manager).';
comment on column public.outbox.attempts is 'How many times sending was tried.';
comment on column public.outbox.next_attempt_at is 'When it is due to be tried again.';
comment on column public.outbox.last_error is 'Why the last try failed; empty while a try is under way.';
comment on column public.outbox.delivered_at is 'When it went out; null while pending.';
comment on column public.outbox.abandoned_at is 'When Telegram refused it for good (last_error says why); not retried.';
grant select, insert, update on public.outbox to service_role;

-- Counters only the service touches, so they live outside the API's schema.
create table private.rate_limits (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null
);
grant select, insert, update, delete on private.rate_limits to service_role;

-- === Taking updates in ===========================================================================

-- Counts one hit against `key` in a fixed window of a minute; returns 0 while within `max_hits`,
-- else the seconds until the window starts again (a Retry-After).
create function private.take_rate_limit(key text, max_hits integer)
returns integer
language sql volatile
set search_path = ''
as $$
  insert into private.rate_limits as r (key, window_start, hits) values (key, now(), 1)
  on conflict (key) do update set
    window_start = case when r.window_start < now() - interval '1 minute' then now() else r.window_start end,
    hits = case when r.window_start < now() - interval '1 minute' then 1 else r.hits + 1 end
  returning case when hits <= max_hits then 0
                 else greatest(1, ceil(extract(epoch from window_start + interval '1 minute' - now())))::integer end
$$;
grant execute on function private.take_rate_limit to service_role;

-- Takes a channel's update in exactly once. The first time it stores the customer's message and
-- returns the context to answer it; a retry (the same key from the same customer) stores nothing
-- again and says whether it was answered (and with what), and the same key with another text is
-- refused. Attempts at the same update are serialised: the second waits for the first to commit
-- and then finds its row.
--
-- Limits, per minute. Past a hard cap nothing is stored and the answer is
-- {"refused": ..., "retry_after": seconds}, which the webhook turns into a 429 with Retry-After
-- (Telegram and the widget send again later): nothing is stored that nobody will answer, and
-- nothing is paid for. Each cap is counted only once the ones before it passed, so a flood spends
-- its own budget first, never the channel's.
--   * the client (widget only: the address the site's relay saw, which a visitor cannot rotate
--     as it rotates visitor ids; kept only as a hash): p_client_limit messages;
--   * new conversations: p_client_new_limit per client, p_new_customer_limit per channel;
--   * the channel: p_channel_limit messages.
-- Past the customer's own limit (p_customer_limit, soft), the message is still stored and the
-- answer says `rate_limited`: the customer gets a canned "slow down" instead of the brain.
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
  p_new_customer_limit integer default 60
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  chan public.channels;
  cust public.customers;
  taken public.channel_updates;
  taken_text text;
  client_key text := 'client:' || p_channel_id || ':' || encode(sha256(convert_to(p_client, 'UTF8')), 'hex');
  wait integer := 0;
  context jsonb;
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
      return private.conversation_context(cust, 40)
        || jsonb_build_object('duplicate', true, 'answered', taken.reply is not null, 'reply', taken.reply);
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
                                            p_request_key => p_update_key);
  insert into public.channel_updates (owner_id, channel_id, update_key, customer_id)
  values (chan.owner_id, chan.id, p_update_key, (context ->> 'customer_id')::uuid);
  return context || jsonb_build_object(
    'duplicate', false,
    'rate_limited', private.take_rate_limit('customer:' || (context ->> 'customer_id'), p_customer_limit) > 0);
end
$$;

-- === Recording the bot's turn ====================================================================

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

grant execute on function private.lead_summary, private.queue_lead_notifications to service_role;

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
  p_chat_id text default null,
  p_asked text default null,
  p_handoff_reason text default null
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
  where u.channel_id = p_channel_id and u.customer_id = p_customer_id and u.update_key = p_update_key
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

  recorded := public.record_bot_turn(p_customer_id, p_reply, p_stage, p_lead, p_score, p_handoff, p_language,
                                     p_asked => p_asked, p_handoff_reason => p_handoff_reason);
  update public.channel_updates set reply = p_reply
  where channel_id = p_channel_id and customer_id = p_customer_id and update_key = p_update_key;
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

grant execute on function public.ingest_channel_update, public.record_channel_turn to service_role;

-- === Delivering ==================================================================================

-- Claims up to p_limit due deliveries of the channel, each the oldest waiting of its chat; with
-- p_retry_failed (the sweep's probe of a channel), also one that failed and waits out its backoff.
-- Each is pushed back a while, so two workers never send the same one at once; one that succeeds
-- is then marked delivered.
create function public.claim_deliveries(p_channel_id uuid, p_limit integer default 10,
                                        p_retry_failed boolean default false)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with due as (
    select o.id from public.outbox o
    where o.channel_id = p_channel_id and o.delivered_at is null and o.abandoned_at is null
      and (o.next_attempt_at <= now() or (p_retry_failed and o.last_error is not null))
      and not exists (
        select 1 from public.outbox e
        where e.channel_id = o.channel_id and e.chat_id = o.chat_id and e.id < o.id
          and e.delivered_at is null and e.abandoned_at is null)
    order by o.next_attempt_at
    limit p_limit
    for update skip locked
  ), claimed as (
    update public.outbox o
    -- No last_error while it is in flight: only settled failures are brought forward on recovery.
    set attempts = o.attempts + 1, last_error = null,
        next_attempt_at = now() + least(interval '1 hour', interval '30 seconds' * power(2, o.attempts))
    from due where o.id = due.id
    returning o.id, o.chat_id, o.text, o.purpose
  )
  select coalesce(jsonb_agg(to_jsonb(claimed) order by claimed.id), '[]') from claimed
$$;

create function public.finish_delivery(p_id bigint, p_error text default null, p_permanent boolean default false)
returns void
language sql volatile
set search_path = ''
as $$
  with finished as (
    update public.outbox
    set delivered_at = case when p_error is null then now() end,
        abandoned_at = case when p_error is not null and p_permanent then now() end,
        last_error = p_error
    where id = p_id
    returning channel_id
  ), failed_before as (
    -- The bot has just got a message through: its deliveries that failed and wait out a backoff
    -- are due now. Rows another sender holds are skipped, never waited for.
    select o.id from public.outbox o join finished f on o.channel_id = f.channel_id
    where p_error is null and o.id <> p_id and o.delivered_at is null and o.abandoned_at is null
      and o.last_error is not null and o.next_attempt_at > now()
    for update of o skip locked
  )
  update public.outbox o set next_attempt_at = now() from failed_before b where o.id = b.id
$$;

-- The active channels with deliveries due or failed (worth a probe), longest waiting first.
create function public.channels_with_waiting_deliveries(p_limit integer default 100)
returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(due.channel_id), '[]')
  from (
    select o.channel_id, min(o.next_attempt_at) as since
    from public.outbox o join public.channels c on c.id = o.channel_id and c.is_active
    where o.delivered_at is null and o.abandoned_at is null and (o.next_attempt_at <= now() or o.last_error is not null)
    group by o.channel_id
    order by since
    limit p_limit
  ) due
$$;

-- Rate-limit windows long past are forgotten.
create function public.forget_rate_limits()
returns integer
language sql volatile
set search_path = ''
as $$
  with gone as (delete from private.rate_limits r where r.window_start < now() - interval '1 hour' returning 1)
  select count(*)::integer from gone
$$;

grant execute on function public.claim_deliveries, public.finish_delivery, public.channels_with_waiting_deliveries,
  public.forget_rate_limits to service_role;
