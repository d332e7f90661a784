-- What the webhooks need to lose nothing and answer once: the updates already taken in, the
-- messages still to deliver, and rate limits. Service-only tables: RLS on, no member policy.

create table public.channel_updates (
  owner_id uuid not null references public.companies (id) on delete cascade,
  channel_id uuid not null references public.channels (id) on delete cascade,
  -- Telegram's update_id, or the widget's X-Salesbot-Request-Id.
  update_key text not null check (char_length(update_key) between 1 and 128),
  customer_id uuid not null references public.customers (id) on delete cascade,
  reply text,
  created_at timestamptz not null default now(),
  primary key (channel_id, update_key)
);
create index channel_updates_customer_idx on public.channel_updates (customer_id);
create index channel_updates_owner_idx on public.channel_updates (owner_id, created_at desc);
alter table public.channel_updates enable row level security;
revoke all on public.channel_updates from anon, authenticated;

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
  created_at timestamptz not null default now()
);
create index outbox_due_idx on public.outbox (channel_id, next_attempt_at) where delivered_at is null;
create index outbox_owner_idx on public.outbox (owner_id, created_at desc);
alter table public.outbox enable row level security;
revoke all on public.outbox from anon, authenticated;

-- Counters only the service touches, so they live outside the API's schema.
create table private.rate_limits (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null
);
revoke all on private.rate_limits from public, anon, authenticated;
grant select, insert, update on private.rate_limits to service_role;

-- Counts one hit against `key` in a fixed window; true while within `max_hits`.
create function private.within_rate_limit(key text, max_hits integer, window_length interval)
returns boolean
language sql volatile
set search_path = ''
as $$
  insert into private.rate_limits as r (key, window_start, hits) values (key, now(), 1)
  on conflict (key) do update set
    window_start = case when r.window_start < now() - window_length then now() else r.window_start end,
    hits = case when r.window_start < now() - window_length then 1 else r.hits + 1 end
  returning hits <= max_hits
$$;
grant execute on function private.within_rate_limit to service_role;

-- Takes a channel's update in exactly once. The first time it stores the customer's message and
-- returns the context to answer it; a retry finds the update, stores nothing again, and says
-- whether it was answered (and with what).
create function public.ingest_channel_update(
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
  select * into taken from public.channel_updates u
  where u.channel_id = p_channel_id and u.update_key = p_update_key for update;
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

-- Records the reply to an update and, when it is to go out through a bot, queues it in the same
-- transaction: once the reply exists, so does its delivery, whatever happens to this process next.
create function public.mark_update_answered(
  p_channel_id uuid,
  p_update_key text,
  p_reply text,
  p_chat_id text default null
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  delivery bigint;
begin
  update public.channel_updates set reply = p_reply where channel_id = p_channel_id and update_key = p_update_key;
  if p_chat_id is not null then
    -- Due a little later: the webhook sends it at once and marks it delivered; only if that
    -- never happens does a later flush find it due.
    insert into public.outbox (owner_id, channel_id, chat_id, text, purpose, next_attempt_at)
    select c.owner_id, c.id, p_chat_id, p_reply, 'reply', now() + interval '30 seconds'
    from public.channels c where c.id = p_channel_id
    returning id into delivery;
  end if;
  return jsonb_build_object('delivery_id', delivery);
end
$$;

-- Claims up to `p_limit` due deliveries of a channel: each is pushed back a while, so two workers
-- never send the same one at once; a delivery that succeeds is then marked delivered.
create function public.claim_deliveries(p_channel_id uuid, p_limit integer default 10)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with due as (
    select o.id from public.outbox o
    where o.channel_id = p_channel_id and o.delivered_at is null and o.next_attempt_at <= now()
    order by o.next_attempt_at
    limit p_limit
    for update skip locked
  ), claimed as (
    update public.outbox o
    set attempts = o.attempts + 1,
        next_attempt_at = now() + least(interval '1 hour', interval '30 seconds' * power(2, o.attempts))
    from due where o.id = due.id
    returning o.id, o.chat_id, o.text, o.purpose
  )
  select coalesce(jsonb_agg(to_jsonb(claimed) order by claimed.id), '[]') from claimed
$$;

create function public.finish_delivery(p_id bigint, p_error text default null)
returns void
language sql volatile
set search_path = ''
as $$
  update public.outbox
  set delivered_at = case when p_error is null then now() end, last_error = p_error
  where id = p_id
$$;

create function public.enqueue_notifications(p_owner_id uuid, p_text text)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with bot as (
    select c.id from public.channels c
    where c.owner_id = p_owner_id and c.kind = 'telegram' and c.is_active
    order by c.created_at limit 1
  ), queued as (
    insert into public.outbox (owner_id, channel_id, chat_id, text, purpose)
    select p_owner_id, bot.id, chat_id::text, p_text, 'notification'
    from bot cross join public.bot_settings s cross join unnest(s.notify_chat_ids) as chat_id
    where s.owner_id = p_owner_id
    returning channel_id
  )
  select jsonb_build_object('queued', count(*), 'channel_id', min(channel_id::text)) from queued
$$;

revoke execute on function public.ingest_channel_update, public.mark_update_answered,
  public.claim_deliveries, public.finish_delivery, public.enqueue_notifications from public, anon, authenticated;
grant execute on function public.ingest_channel_update, public.mark_update_answered,
  public.claim_deliveries, public.finish_delivery, public.enqueue_notifications to service_role;

comment on table public.channel_updates is 'Channel updates already taken in (Telegram update_id, widget request id): each is answered once.';
comment on column public.channel_updates.update_key is 'Telegram''s update_id or the widget''s X-Salesbot-Request-Id.';
comment on column public.channel_updates.customer_id is 'The conversation the update belongs to.';
comment on column public.channel_updates.reply is 'The reply given, returned again to a replay.';
comment on table public.outbox is 'Messages to Telegram that could not go out at once; retried with backoff until delivered.';
comment on column public.outbox.chat_id is 'The Telegram chat to send to.';
comment on column public.outbox.text is 'What to send.';
comment on column public.outbox.purpose is 'reply (to a customer) or notification (to a manager).';
comment on column public.outbox.attempts is 'How many times sending was tried.';
comment on column public.outbox.next_attempt_at is 'When it is due to be tried again.';
comment on column public.outbox.last_error is 'Why the last try failed.';
comment on column public.outbox.delivered_at is 'When it went out; null while pending.';
