-- A delivery that keeps failing must not stop the sweep for everyone. The outbox's and the CRM
-- deliveries' backoff was `least(interval '1 hour', interval '30 seconds' * power(2, attempts))`:
-- `least` comes too late, as the product is computed first, and from the 48th attempt on it is
-- beyond what an interval holds ("interval out of range"). A Telegram bot whose token was revoked
-- or an endpoint that is down for two days reaches that, and then every claim of the sweep, for
-- every company, failed. The doubling now stops at the cap: 30 s, 1, 2, 4, ... 32 minutes, then
-- an hour.
create function private.retry_backoff(attempts integer)
returns interval
language sql immutable parallel safe
set search_path = ''
as $$
  select least(interval '1 hour', interval '30 seconds' * power(2, least(greatest(attempts, 0), 7)))
$$;
comment on function private.retry_backoff is
  'How long a failed delivery waits before its next attempt: 30 s doubling per attempt, at most an hour.';
grant execute on function private.retry_backoff to service_role;

-- As in 20261202120500_channel_delivery.sql, with the bounded backoff.
create or replace function public.claim_deliveries(p_channel_id uuid, p_limit integer default 10,
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
        next_attempt_at = now() + private.retry_backoff(o.attempts)
    from due where o.id = due.id
    returning o.id, o.chat_id, o.text, o.purpose
  )
  select coalesce(jsonb_agg(to_jsonb(claimed) order by claimed.id), '[]') from claimed
$$;

-- As in 20261202120800_crm.sql, with the bounded backoff.
create or replace function public.claim_crm_deliveries(p_integration_id uuid, p_limit integer default 20,
                                            p_probe boolean default false)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with due as (
    select d.id from public.crm_deliveries d
    where d.integration_id = p_integration_id and d.delivered_at is null and d.dead_at is null
      and (d.next_attempt_at <= now() or (p_probe and private.crm_probe_due(d)))
      and not private.crm_delivery_waits(d)
    order by d.id
    limit case when p_probe then 1 else p_limit end
    for update skip locked
  ), claimed as (
    update public.crm_deliveries d
    -- No last_error while it is in flight: only settled failures are probed and brought forward.
    set attempts = d.attempts + 1, last_error = null, last_attempt_at = now(),
        next_attempt_at = now() + private.retry_backoff(d.attempts)
    from due where d.id = due.id
    returning d.id, d.event_id, d.attempts
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', c.id, 'attempts', c.attempts,
      'event', jsonb_build_object('id', e.id, 'type', e.type, 'customer_id', e.customer_id, 'data', e.data,
                                  'created_at', e.created_at),
      'link', (select jsonb_build_object('external_id', k.external_id, 'external_contact_id', k.external_contact_id)
               from public.crm_links k
               where k.integration_id = p_integration_id and k.lead_id = (e.data #>> '{lead,id}')::uuid))
    order by c.id), '[]')
  from claimed c join public.crm_events e on e.id = c.event_id
$$;
