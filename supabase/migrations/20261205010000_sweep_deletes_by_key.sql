-- Issue 19: a sweep's deletes probe the rows they forget instead of reading whole tables. The sweep
-- (forget_expired, forget_billing_events) found the expired rows, then deleted them with a join
-- (`using` a CTE, `in` a subquery) that Postgres plans as a hash join over a sequential scan of the
-- whole table: on a backlog of 300,000 rows the outbox, its channel updates and the billing events
-- were each read in full at every sweep (bench/retention.py). Each now deletes the rows it found
-- by their ctid (a tid scan, one probe a row); the ctid is stable from the subquery to the delete,
-- since the subquery locks the row in the same statement. A row's own key would do as well, but two
-- of the tables have keys of several columns, for which Postgres has no `= any` that probes an
-- index. The rows are found oldest first, which only their index gives without a sort: with a
-- bare `limit`, a sequential scan looks cheaper to the planner when many rows are past the
-- retention, and it reads the table from its start, wherever the old rows lie.
--
-- Rate-limit windows were read in full too: the table had no index on window_start, to keep its
-- updates HOT. Only the update that starts a new window changes window_start (a key's other hits
-- in the window change only `hits`), so the index costs at most one non-HOT update a key a minute,
-- while the table holds an hour of every customer and widget visitor.
--
-- The CRM history was already deleted by id; the trigger that then forgets each delivery's event
-- joined the deleted deliveries with a scan of all events, checked which events had deliveries
-- left with a scan of all deliveries, and ran again, for nothing, for each event it deleted (the
-- foreign key's cascade deletes that event's deliveries, none, in a statement of its own). It now
-- probes the events by id, and each event's deliveries by the event (a subquery per event, which
-- the planner cannot turn into a join over the whole table), and returns at once when nothing was
-- deleted.

create index rate_limits_window_idx on private.rate_limits (window_start);

create or replace function public.forget_expired(p_retention_days integer default 30, p_limit integer default 10000)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  cutoff timestamptz := now() - make_interval(days => p_retention_days);
  deliveries bigint;
  updates bigint;
  windows bigint;
begin
  delete from public.outbox o
  where o.ctid = any (array(
    select x.ctid from public.outbox x
    -- The index's predicate, spelled out so that the planner uses outbox_settled_idx.
    where (x.delivered_at is not null or x.abandoned_at is not null) and coalesce(x.delivered_at, x.abandoned_at) < cutoff
    order by coalesce(x.delivered_at, x.abandoned_at)
    limit p_limit
    for update skip locked));
  get diagnostics deliveries = row_count;

  delete from public.channel_updates u
  where u.ctid = any (array(
    select x.ctid from public.channel_updates x where x.created_at < cutoff order by x.created_at
    limit p_limit
    for update skip locked));
  get diagnostics updates = row_count;

  delete from private.rate_limits r
  where r.ctid = any (array(
    select x.ctid from private.rate_limits x where x.window_start < now() - interval '1 hour' order by x.window_start
    limit p_limit
    for update skip locked));
  get diagnostics windows = row_count;

  return jsonb_build_object('deliveries', deliveries, 'channel_updates', updates, 'rate_limits', windows);
end
$$;

create or replace function public.forget_billing_events(p_retention_days integer default 30, p_limit integer default 10000)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  forgotten bigint;
begin
  delete from private.billing_events e
  where e.ctid = any (array(
    select x.ctid from private.billing_events x
    where x.received_at < now() - make_interval(days => greatest(p_retention_days, 30))
    order by x.received_at
    limit p_limit
    for update skip locked));
  get diagnostics forgotten = row_count;
  return jsonb_build_object('billing_events', forgotten);
end
$$;

create or replace function private.forget_unneeded_crm_events() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  -- In id order, the order the events are locked in, so two deletes never lock in opposite orders.
  events uuid[] := array(select distinct g.event_id from gone g order by g.event_id);
begin
  if events = '{}' then
    return null;
  end if;
  perform 1 from public.crm_events e where e.id = any (events) order by e.id for update;
  delete from public.crm_events e
  where e.id = any (events)
    and (select d.id from public.crm_deliveries d where d.event_id = e.id limit 1) is null;
  return null;
end
$$;
