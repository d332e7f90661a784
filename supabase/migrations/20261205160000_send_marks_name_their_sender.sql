-- A reply whose send mark was committed but whose answer was lost was never sent. `start_delivery`
-- is a transaction of its own; when the database goes down after it commits and before its answer
-- reaches the sender (a crash while the commit is being flushed, a connection cut), the sender
-- cannot tell whether it holds the mark, so it does not send; its retry found the delivery marked
-- as if another sender had it. Nobody sent it, the chat's later messages waited behind it, and two
-- minutes later it was set aside unconfirmed ("it may have been delivered") though it never went
-- out. A sender now names itself in the mark (`p_sender`, a new id for each send): asking again
-- with the same name answers `started` once the database is back, whether or not the first mark
-- was taken, so the sender knows it holds it and sends or releases it.

alter table public.outbox add column sending_by uuid;
comment on column public.outbox.sending_by is
  'The sender that marked it being sent (its own id for that send); meaningful while sending_since is set.';

-- As in 20261204011000_sends_marked_before_they_go.sql, with `p_sender`: a sender's mark is its own
-- to take again (the answer to its first ask may have been lost), never another's.
drop function public.start_delivery(bigint);
create function public.start_delivery(p_id bigint, p_sender uuid default null)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with started as (
    update public.outbox set sending_since = now(), sending_by = p_sender
    where id = p_id and delivered_at is null and abandoned_at is null
      and (sending_since is null or sending_by = p_sender)
    returning 1
  )
  select jsonb_build_object('started', exists (select 1 from started))
$$;
grant execute on function public.start_delivery to service_role;
