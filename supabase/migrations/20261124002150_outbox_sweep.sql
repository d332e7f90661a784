-- Retrying the outbox without waiting for the next update: a periodic sweep (the deliver_outbox
-- function, called by a scheduler) finds the channels with deliveries waiting. A delivery Telegram
-- refuses for good (the customer blocked the bot, the chat is gone) is given up, with its reason,
-- instead of being retried forever; rate-limit windows long past are forgotten. Each sweep tries
-- one failed delivery per channel even during its backoff, and once a bot gets a message through
-- again, its other failed ones are due at once: after an outage, customers wait for the next
-- sweep, not out an hour of backoff.

alter table public.outbox add column abandoned_at timestamptz;
comment on column public.outbox.abandoned_at is 'When Telegram refused it for good (last_error says why); not retried.';
comment on column public.outbox.last_error is 'Why the last try failed; empty while a try is under way.';

drop index public.outbox_due_idx;
create index outbox_due_idx on public.outbox (channel_id, next_attempt_at) where delivered_at is null and abandoned_at is null;
create index outbox_sweep_idx on public.outbox (next_attempt_at) where delivered_at is null and abandoned_at is null;
-- A chat's messages go out in the order they were written, even after the Bot API was down: a
-- delivery is claimed only when no earlier one of the same chat is still waiting.
create index outbox_chat_pending_idx on public.outbox (channel_id, chat_id, id)
  where delivered_at is null and abandoned_at is null;

-- Claims up to p_limit due deliveries of the channel, each the oldest waiting of its chat; with
-- p_retry_failed (the sweep's probe of a channel), also one that failed and waits out its backoff.
drop function public.claim_deliveries(uuid, integer);
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

drop function public.finish_delivery(bigint, text);
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

create function public.forget_rate_limits()
returns integer
language sql volatile
set search_path = ''
as $$
  with gone as (delete from private.rate_limits r where r.window_start < now() - interval '1 hour' returning 1)
  select count(*)::integer from gone
$$;

grant delete on private.rate_limits to service_role;
revoke execute on function public.claim_deliveries, public.finish_delivery, public.channels_with_waiting_deliveries,
  public.forget_rate_limits from public, anon, authenticated;
grant execute on function public.claim_deliveries, public.finish_delivery, public.channels_with_waiting_deliveries,
  public.forget_rate_limits to service_role;
