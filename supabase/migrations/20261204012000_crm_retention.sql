-- Issue 19: the CRM's tables stay bounded. Like the outbox (forget_expired), the delivery log
-- keeps a delivery for SALESBOT_RETENTION_DAYS after it settled, then the sweep forgets it:
-- delivered, or dead and not queued again by hand meanwhile (retry_crm_delivery clears dead_at,
-- so a delivery retried and dead again is kept from its new death). So a dead delivery can be
-- retried, and shows in the log, for the whole retention after it died; one pending or being
-- attempted is never forgotten, however old. An event goes with its last delivery, however that
-- goes (forgotten, or its integration removed): it is what the deliveries send, and no delivery is
-- ever added to an existing event. An amoCRM authorization left unfinished goes once it has
-- expired: nothing can use it then.
--
-- What else only grows with traffic, and stays: crm_links (one per lead and CRM: forgetting it
-- would make the CRM create the lead again; it goes with the lead or the integration), messages,
-- customers, leads, their history and notes (the company's own record), usage (a row per company
-- and billing period) and invoices. Invitations, link codes and manager chats grow with what
-- admins do, not with traffic; expired link codes are cleared as the company makes new ones.

-- What the sweep looks up, so it does not scan the tables: settled deliveries by when they
-- settled, authorizations by expiry.
create index crm_deliveries_settled_idx on public.crm_deliveries ((coalesce(delivered_at, dead_at)))
  where delivered_at is not null or dead_at is not null;
create index crm_authorizations_expires_idx on private.crm_authorizations (expires_at);

comment on table public.crm_deliveries is 'The delivery log: each event to each integration, with its attempts, until delivered or dead; forgotten SALESBOT_RETENTION_DAYS after it was delivered or died.';
comment on column public.crm_deliveries.delivered_at is 'When it got through; SALESBOT_RETENTION_DAYS later the sweep forgets it.';
comment on column public.crm_deliveries.dead_at is 'When it was given up (last_error says why); retry_crm_delivery queues it again until the sweep forgets it, SALESBOT_RETENTION_DAYS after it died.';
comment on function public.retry_crm_delivery(bigint, uuid) is
$$Queue a dead delivery again, after fixing what made it fail (admin and above): it is retried for another 24 hours, in its place in its conversation's order. Possible until the sweep forgets the dead delivery, SALESBOT_RETENTION_DAYS (30 by default) after it died; then a 404. p_owner_id names the company (optional for a member of one company only).$$;
comment on table public.crm_events is 'What happened to a lead or conversation, as sent to integrations; written with the change itself, forgotten with its last delivery.';

-- At most `p_limit` rows of each per call, deliveries another transaction holds (one being
-- finished or retried) skipped, so a sweep never waits or runs long; a backlog goes over the next
-- sweeps.
create function public.forget_crm_history(p_retention_days integer default 30, p_limit integer default 10000)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  cutoff timestamptz := now() - make_interval(days => p_retention_days);
  deliveries bigint;
  authorizations bigint;
begin
  -- Each deletes by the ids its subquery found (`= any (array(...))`, probes of the primary key):
  -- a join with the subquery, as `using` makes it, is planned as a scan of the whole table.
  delete from public.crm_deliveries d
  where d.id = any (array(
    select x.id from public.crm_deliveries x
    where (x.delivered_at is not null or x.dead_at is not null) and coalesce(x.delivered_at, x.dead_at) < cutoff
    limit p_limit
    for update skip locked));
  get diagnostics deliveries = row_count;

  delete from private.crm_authorizations a
  where a.state = any (array(
    select x.state from private.crm_authorizations x where x.expires_at < now() limit p_limit));
  get diagnostics authorizations = row_count;

  return jsonb_build_object('crm_deliveries', deliveries, 'crm_authorizations', authorizations);
end
$$;
comment on function public.forget_crm_history(integer, integer) is
$$Forgets CRM deliveries delivered or dead longer ago than the retention (their events with the last of them), and expired amoCRM authorizations (the service's, from the outbox sweep); at most p_limit of each per call.$$;

grant delete on public.crm_deliveries, private.crm_authorizations to service_role;
grant execute on function public.forget_crm_history to service_role;

-- An event goes with its last delivery, whoever deletes that: the sweep, an integration removed
-- (directly or by remove_integration), a company. Security definer: neither the service nor a
-- member may delete events. The events are locked first, and looked at in a statement of its own,
-- so that of two transactions deleting an event's last two deliveries at once, the second sees the
-- first's delete and takes the event.
create function private.forget_unneeded_crm_events() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform 1 from public.crm_events e where e.id in (select g.event_id from gone g) order by e.id for update;
  delete from public.crm_events e
  where e.id in (select g.event_id from gone g)
    and not exists (select 1 from public.crm_deliveries d where d.event_id = e.id);
  return null;
end
$$;

create trigger crm_deliveries_forget_events
  after delete on public.crm_deliveries
  referencing old table as gone
  for each statement execute function private.forget_unneeded_crm_events();
