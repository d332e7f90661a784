-- A Telegram send whose outcome was never recorded was sent again. When Telegram took a
-- sendMessage and the sender could not record it (the process died, or the database went away
-- right after the send), only that process's memory knew; any other process, or the same one
-- restarted, found the delivery due and sent it again, and the customer saw it twice. A sender
-- now marks the delivery in the database (`start_delivery`, committed) before it calls the Bot
-- API. A delivery still marked long after any send ends was sent by a sender that never recorded
-- how it went: it is set aside unconfirmed, like a send whose answer never came, never sent again.

alter table public.outbox add column sending_since timestamptz;
comment on column public.outbox.sending_since is
  'When a sender began sending it to Telegram; null while none is. Kept on one set aside unconfirmed: it may have been delivered.';

-- Sends last seconds (the Bot API's retry budget, its 5 s wait for an answer, then recording the
-- outcome while the database blinks, within the sweep's 50 s at most); a delivery marked before
-- this was sent by a sender that is gone.
create function private.senders_gone_before()
returns timestamptz
language sql stable parallel safe
set search_path = ''
as $$
  select now() - interval '2 minutes'
$$;
comment on function private.senders_gone_before is
  'Deliveries marked sending before this time were sent by a sender that never recorded the outcome.';
grant execute on function private.senders_gone_before to service_role;

-- Marks a claimed or just-queued delivery as being sent; answers whether the caller may send it
-- (false: it is settled, or another sender has it).
create function public.start_delivery(p_id bigint)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with started as (
    update public.outbox set sending_since = now()
    where id = p_id and sending_since is null and delivered_at is null and abandoned_at is null
    returning 1
  )
  select jsonb_build_object('started', exists (select 1 from started))
$$;

-- As in 20261203130000_bounded_retry_backoff.sql; first, the channel's deliveries whose senders
-- are gone are set aside unconfirmed, and the chats behind them go on; a delivery being sent is
-- never claimed.
create or replace function public.claim_deliveries(p_channel_id uuid, p_limit integer default 10,
                                        p_retry_failed boolean default false)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with unconfirmed as (
    update public.outbox o
    set abandoned_at = now(),
        last_error = 'its sender stopped before recording how the send went; it may have been delivered, so it is not sent again'
    where o.channel_id = p_channel_id and o.delivered_at is null and o.abandoned_at is null
      and o.sending_since < private.senders_gone_before()
    returning o.id
  ), due as (
    select o.id from public.outbox o
    where o.channel_id = p_channel_id and o.delivered_at is null and o.abandoned_at is null
      and o.sending_since is null
      and (o.next_attempt_at <= now() or (p_retry_failed and o.last_error is not null))
      and not exists (
        select 1 from public.outbox e
        where e.channel_id = o.channel_id and e.chat_id = o.chat_id and e.id < o.id
          and e.delivered_at is null and e.abandoned_at is null
          and e.id not in (select u.id from unconfirmed u))
    order by o.next_attempt_at
    limit p_limit
    for update skip locked
  ), claimed as (
    update public.outbox o
    -- No last_error while it is in flight: only settled failures are brought forward on recovery.
    set attempts = o.attempts + 1, last_error = null,
        next_attempt_at = now() + private.retry_backoff(o.attempts)
    from due where o.id = due.id
    returning o.id, o.chat_id, o.text, o.purpose
  )
  select coalesce(jsonb_agg(to_jsonb(claimed) order by claimed.id), '[]') from claimed
$$;

-- As in 20261202120500_channel_delivery.sql, with `p_unconfirmed`: the send went out and no answer
-- came, so it is set aside (with p_permanent) and stays marked as sent. Any other outcome ends the
-- send: a failure that may be retried is claimed again later.
drop function public.finish_delivery(bigint, text, boolean, bigint);
create function public.finish_delivery(p_id bigint, p_error text default null, p_permanent boolean default false,
                                       p_sent_message_id bigint default null, p_unconfirmed boolean default false)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with finished as (
    update public.outbox
    set delivered_at = case when p_error is null then now() end,
        abandoned_at = case when p_error is not null and p_permanent then now() end,
        last_error = p_error,
        sent_message_id = p_sent_message_id,
        sending_since = case when p_unconfirmed then sending_since end
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
  update public.outbox o set next_attempt_at = now() from failed_before b where o.id = b.id;

  select jsonb_build_object('due', exists (
    select 1 from public.outbox o
    where o.channel_id = (select f.channel_id from public.outbox f where f.id = p_id)
      and o.delivered_at is null and o.abandoned_at is null and o.next_attempt_at <= now()));
$$;

grant execute on function public.start_delivery, public.finish_delivery to service_role;

-- As in 20261202120500_channel_delivery.sql; a channel whose sender is gone mid-send is waiting
-- too, so that the sweep sets that delivery aside and the chat's later ones go.
create or replace function public.channels_with_waiting_deliveries(p_limit integer default 100)
returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(due.channel_id), '[]')
  from (
    select o.channel_id, min(o.next_attempt_at) as since
    from public.outbox o join public.channels c on c.id = o.channel_id and c.is_active
    where o.delivered_at is null and o.abandoned_at is null
      and (o.next_attempt_at <= now() or o.last_error is not null or o.sending_since < private.senders_gone_before())
    group by o.channel_id
    order by since
    limit p_limit
  ) due
$$;

-- As in 20261202120500_channel_delivery.sql, telling a delivery set aside unconfirmed (it went to
-- Telegram and no answer came, or its sender stopped before recording it) from one Telegram
-- refused: a retried /reply answers what happened, as the first call did.
create or replace function private.message_delivery(p_message_id bigint)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  msg public.messages;
  cust public.customers;
  chan public.channels;
  queued public.outbox;
begin
  select * into msg from public.messages m where m.id = p_message_id and m.role <> 'customer';
  if msg.id is null or ((select auth.role()) is distinct from 'service_role'
                        and not private.has_role(msg.owner_id, 'manager')) then
    raise sqlstate 'PT404' using message = 'message not found';
  end if;
  select * into queued from public.outbox o where o.message_id = msg.id;
  if queued.id is not null then
    return jsonb_build_object('delivery_id', null, 'status',
      case when queued.delivered_at is not null then 'sent'
           when queued.abandoned_at is not null and queued.sending_since is not null then 'unconfirmed'
           when queued.abandoned_at is not null then 'refused'
           else 'queued' end);
  end if;
  select * into cust from public.customers c where c.id = msg.customer_id;
  select * into chan from public.channels ch where ch.id = cust.channel_id;
  if chan.kind <> 'telegram' then
    return jsonb_build_object('delivery_id', null, 'status', 'stored');
  end if;
  -- A Telegram customer's id is their private chat's id.
  return jsonb_build_object('status', 'queued', 'delivery_id',
    private.queue_delivery(chan.owner_id, chan.id, cust.external_id, msg.text, cust.id, msg.id));
end
$$;

comment on function public.reply_to_customer(uuid, text, text, uuid) is
$$A manager's reply to a customer, on the customer's own channel (manager and above); p_owner_id names the company (optional for a member of one company only), and a customer of another company is not found.
Stored as the caller's message; takes the conversation over (the bot stays silent until release_conversation); the customer no longer waits.
Returns status: queued (a Telegram customer's: in the outbox, in order with the bot's replies), sent (Telegram took it), refused (Telegram refused it for good), unconfirmed (it went to Telegram and how it went is unknown: set aside, not sent again), or stored (a widget or test-chat customer reads it from the conversation).
With p_request_key, a retry answers as the first call did.$$;
