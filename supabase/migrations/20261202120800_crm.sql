-- Leads leaving for the company's CRM: integrations (signed outgoing webhooks, amoCRM, Bitrix24,
-- HubSpot), the events they receive, and the delivery of each event to each integration.
--
-- An event is written in the same transaction as the change it reports: triggers on leads,
-- customers and messages queue it, with one delivery per active integration that wants it, and
-- only when one does (a company without integrations pays one index probe per change). The
-- outbox sweep (the deliver_outbox function) leases one integration at a time, so a CRM's rate
-- limit and its rotating OAuth tokens are handled by one worker; it delivers each conversation's
-- events in order, retries with exponential backoff for 24 hours, then sets the delivery aside
-- as dead with its reason. Members read the integrations, the events and the delivery log
-- (RLS, viewer and above); admins manage integrations through the RPCs below, each acting for the
-- company its p_owner_id names (optional for a member of one company only); credentials live in
-- integration_secrets, which no member can read.

-- === Tables ======================================================================================

create type public.integration_kind as enum ('webhook', 'amocrm', 'bitrix24', 'hubspot');

create table public.integrations (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.companies (id) on delete cascade,
  kind public.integration_kind not null,
  name text not null check (char_length(name) between 1 and 200),
  -- Where a webhook endpoint receives events. https only, except loopback for local development;
  -- the sender also refuses, at connect time, any address that is not public.
  url text check (char_length(url) <= 2000 and (
    url ~ '^https://[^\s/?#@]+(/[^\s#]*)?$'
    or url ~ '^http://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]{1,5})?(/[^\s#]*)?$')),
  events text[] not null check (
    cardinality(events) between 1 and 6
    and events <@ '{lead.created,lead.qualified,lead.updated,lead.status_changed,conversation.handed_over,message.created}'),
  -- Per kind: amoCRM {pipeline_id, statuses: {our status: stage id}}, Bitrix24 {statuses, source_id,
  -- assigned_by_id}, HubSpot {pipeline, stages}. Checked by the connector when it delivers.
  settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object' and pg_column_size(settings) <= 8192),
  is_active boolean not null default true,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  -- Set while a sweep delivers this integration's events: one worker at a time per integration.
  leased_until timestamptz,
  unique (owner_id, id),
  check ((kind = 'webhook') = (url is not null)),
  -- Each customer message to a CRM would be noise, and a transcript goes with the lead's note.
  check (kind = 'webhook' or not ('message.created' = any (events)))
);
create index integrations_owner_idx on public.integrations (owner_id, created_at);
-- What every lead, customer and message change looks up: the company's active integrations.
create index integrations_active_idx on public.integrations (owner_id) include (events) where is_active;
create index integrations_created_by_idx on public.integrations (created_by) where created_by is not null;
select private.create_tenant_policies('public.integrations', 'viewer', 'admin', 'admin');
comment on table public.integrations is 'Where a company''s leads go: a signed webhook endpoint, amoCRM, Bitrix24 or HubSpot.';
comment on column public.integrations.id is 'The integration''s id.';
comment on column public.integrations.owner_id is 'The company.';
comment on column public.integrations.kind is 'webhook, amocrm, bitrix24 or hubspot.';
comment on column public.integrations.name is 'The integration''s display name.';
comment on column public.integrations.url is 'A webhook endpoint''s https URL (null for a CRM).';
comment on column public.integrations.events is 'The events it receives: lead.created, lead.qualified, lead.updated, lead.status_changed, conversation.handed_over, message.created (webhooks only).';
comment on column public.integrations.settings is 'How our statuses map to the CRM''s pipeline stages, and other non-secret settings.';
comment on column public.integrations.is_active is 'False pauses it: no new events are queued for it.';
comment on column public.integrations.created_by is 'The member who connected it.';
comment on column public.integrations.created_at is 'When it was connected.';
comment on column public.integrations.leased_until is 'Set while a sweep delivers its events.';
-- Connected through the RPCs below, which also store the credentials; renamed, re-pointed, paused
-- or removed directly (the checks above hold either way).
grant select, update (name, url, events, settings, is_active), delete on public.integrations to authenticated;
grant select, update (leased_until) on public.integrations to service_role;

-- RLS with no member policy: nobody reads them back through the API; only the sweep, as
-- service_role, does.
create table public.integration_secrets (
  integration_id uuid primary key,
  owner_id uuid not null,
  -- webhook {signing_secret}; bitrix24 {webhook_url}; hubspot {token};
  -- amocrm {base_url, access_token, refresh_token, expires_at}
  credentials jsonb not null check (jsonb_typeof(credentials) = 'object'),
  updated_at timestamptz not null default now(),
  foreign key (owner_id, integration_id) references public.integrations (owner_id, id) on delete cascade
);
create index integration_secrets_owner_idx on public.integration_secrets (owner_id, integration_id);
alter table public.integration_secrets enable row level security;
comment on table public.integration_secrets is 'Signing secrets, tokens and webhook URLs of integrations. Never readable by members.';
comment on column public.integration_secrets.credentials is 'Per kind: signing_secret; webhook_url; token; base_url, access_token, refresh_token, expires_at.';
comment on column public.integration_secrets.updated_at is 'When they last changed (amoCRM rotates its refresh token on every refresh).';
grant select, update (credentials, updated_at) on public.integration_secrets to service_role;

-- An amoCRM authorization under way: the state our authorize link carries, until amoCRM sends the
-- admin back with a code (or an hour passes).
create table private.crm_authorizations (
  state text primary key check (char_length(state) between 32 and 128),
  owner_id uuid not null references public.companies (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 200),
  settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object'),
  -- Set when an existing integration is authorized again (its tokens were revoked).
  integration_id uuid references public.integrations (id) on delete cascade,
  created_by uuid references auth.users (id) on delete cascade,
  expires_at timestamptz not null default now() + interval '1 hour'
);
create index crm_authorizations_owner_idx on private.crm_authorizations (owner_id);
create index crm_authorizations_integration_idx on private.crm_authorizations (integration_id) where integration_id is not null;
create index crm_authorizations_created_by_idx on private.crm_authorizations (created_by);
grant select on private.crm_authorizations to service_role;

create table public.crm_events (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.companies (id) on delete cascade,
  type text not null check (type in ('lead.created', 'lead.qualified', 'lead.updated', 'lead.status_changed',
                                     'conversation.handed_over', 'message.created', 'integration.test')),
  -- The conversation: its events are delivered in order. Null for a test event.
  customer_id uuid,
  data jsonb not null check (jsonb_typeof(data) = 'object'),
  created_at timestamptz not null default now(),
  foreign key (owner_id, customer_id) references public.customers (owner_id, id) on delete cascade
);
create index crm_events_owner_idx on public.crm_events (owner_id, created_at desc);
create index crm_events_customer_idx on public.crm_events (owner_id, customer_id) where customer_id is not null;
select private.create_tenant_policies('public.crm_events', 'viewer', null, null);
comment on table public.crm_events is 'What happened to a lead or conversation, as sent to integrations; written with the change itself.';
comment on column public.crm_events.id is 'The event''s id: the webhook-id header, the same on every retry.';
comment on column public.crm_events.owner_id is 'The company.';
comment on column public.crm_events.type is 'lead.created, lead.qualified, lead.updated, lead.status_changed, conversation.handed_over, message.created or integration.test.';
comment on column public.crm_events.customer_id is 'The conversation the event is about; its events are delivered in order.';
comment on column public.crm_events.data is 'The event''s data as sent: the lead and customer as they were at the change.';
comment on column public.crm_events.created_at is 'When it happened.';
grant select on public.crm_events to authenticated, service_role;

create table public.crm_deliveries (
  id bigint generated always as identity primary key,
  owner_id uuid not null,
  integration_id uuid not null,
  event_id uuid not null references public.crm_events (id) on delete cascade,
  -- The event's conversation, here too: a delivery waits for the earlier ones of its conversation.
  customer_id uuid,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- Retried until then, whatever failed; after that a failure sets it aside as dead.
  give_up_at timestamptz not null default now() + interval '24 hours',
  last_attempt_at timestamptz,
  last_error text check (char_length(last_error) <= 1000),
  -- What the last successful attempt did ("created amoCRM lead 123", "endpoint answered 204").
  outcome text check (char_length(outcome) <= 500),
  response_status smallint,
  delivered_at timestamptz,
  dead_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (owner_id, integration_id) references public.integrations (owner_id, id) on delete cascade
);
create index crm_deliveries_log_idx on public.crm_deliveries (owner_id, integration_id, id desc);
create index crm_deliveries_event_idx on public.crm_deliveries (event_id);
-- Pending deliveries only, so each stays as small as the backlog whatever the log holds: what is
-- due, the queue in order, each conversation's order, and the failures worth a probe.
create index crm_deliveries_due_idx on public.crm_deliveries (integration_id, next_attempt_at)
  where delivered_at is null and dead_at is null;
create index crm_deliveries_queue_idx on public.crm_deliveries (integration_id, id)
  where delivered_at is null and dead_at is null;
create index crm_deliveries_order_idx on public.crm_deliveries (integration_id, customer_id, id)
  where delivered_at is null and dead_at is null;
create index crm_deliveries_failed_idx on public.crm_deliveries (integration_id, last_attempt_at)
  where delivered_at is null and dead_at is null and last_error is not null;
select private.create_tenant_policies('public.crm_deliveries', 'viewer', null, null);
comment on table public.crm_deliveries is 'The delivery log: each event to each integration, with its attempts, until delivered or dead.';
comment on column public.crm_deliveries.id is 'Increases with every delivery: the order events were queued in.';
comment on column public.crm_deliveries.owner_id is 'The company.';
comment on column public.crm_deliveries.integration_id is 'Where it goes.';
comment on column public.crm_deliveries.event_id is 'What goes.';
comment on column public.crm_deliveries.customer_id is 'The event''s conversation.';
comment on column public.crm_deliveries.attempts is 'How many times it was tried.';
comment on column public.crm_deliveries.next_attempt_at is 'When it is due to be tried (again).';
comment on column public.crm_deliveries.give_up_at is 'After this, a failed attempt sets it aside as dead (24 hours after it was queued or retried by hand).';
comment on column public.crm_deliveries.last_attempt_at is 'When it was last tried.';
comment on column public.crm_deliveries.last_error is 'Why the last attempt failed; empty while an attempt is under way.';
comment on column public.crm_deliveries.outcome is 'What the successful attempt did.';
comment on column public.crm_deliveries.response_status is 'The HTTP status of the last answer, if there was one.';
comment on column public.crm_deliveries.delivered_at is 'When it got through.';
comment on column public.crm_deliveries.dead_at is 'When it was given up (last_error says why); retry_crm_delivery queues it again.';
comment on column public.crm_deliveries.created_at is 'When it was queued.';
grant select on public.crm_deliveries to authenticated;
grant select, update on public.crm_deliveries to service_role;

-- The CRM's own ids for our leads: a lead is created there once, then kept up to date.
create table public.crm_links (
  integration_id uuid not null,
  lead_id uuid not null,
  owner_id uuid not null,
  external_id text not null check (char_length(external_id) between 1 and 100),
  external_contact_id text check (char_length(external_contact_id) between 1 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (integration_id, lead_id),
  foreign key (owner_id, integration_id) references public.integrations (owner_id, id) on delete cascade,
  foreign key (owner_id, lead_id) references public.leads (owner_id, id) on delete cascade
);
create index crm_links_owner_idx on public.crm_links (owner_id, integration_id);
create index crm_links_lead_idx on public.crm_links (owner_id, lead_id);
select private.create_tenant_policies('public.crm_links', 'viewer', null, null);
comment on table public.crm_links is 'Which CRM record each lead became: created once, then updated.';
comment on column public.crm_links.integration_id is 'The CRM integration.';
comment on column public.crm_links.lead_id is 'Our lead.';
comment on column public.crm_links.owner_id is 'The company.';
comment on column public.crm_links.external_id is 'The CRM''s id: an amoCRM lead, a Bitrix24 lead, a HubSpot deal.';
comment on column public.crm_links.external_contact_id is 'The CRM''s contact for it, where the CRM has one.';
comment on column public.crm_links.created_at is 'When the CRM record was created or found.';
comment on column public.crm_links.updated_at is 'When it was last written to.';
grant select on public.crm_links to authenticated;
grant select, insert, update on public.crm_links to service_role;

-- === Events ======================================================================================

-- How a lead is described to integrations: its fields, and the conversation it came from.
create function private.crm_lead_data(l public.leads)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'lead', private.lead_json(l, c.stage) || jsonb_build_object(
      'customer_id', l.customer_id, 'source', l.source, 'created_at', l.created_at, 'updated_at', l.updated_at),
    'customer', jsonb_build_object('id', c.id, 'display_name', c.display_name, 'username', c.username,
                                   'language', c.language))
  from public.customers c
  where c.id = l.customer_id
$$;

-- Whether any active integration of the company wants events of this type.
create function private.crm_event_wanted(company uuid, event_type text)
returns boolean
language sql stable
set search_path = ''
as $$
  select exists (
    select 1 from public.integrations i
    where i.owner_id = company and i.is_active and event_type = any (i.events))
$$;

-- Queues an event for every active integration of the company that wants it (and nothing when
-- none does). Called by the triggers below, as their owner; granted to nobody.
create function private.queue_crm_event(company uuid, customer uuid, event_type text, event_data jsonb)
returns void
language plpgsql volatile
set search_path = ''
as $$
declare
  event uuid;
begin
  if not private.crm_event_wanted(company, event_type) then
    return;
  end if;
  insert into public.crm_events (owner_id, type, customer_id, data)
  values (company, event_type, customer, event_data)
  returning id into event;
  insert into public.crm_deliveries (owner_id, integration_id, event_id, customer_id)
  select company, i.id, event, customer
  from public.integrations i
  where i.owner_id = company and i.is_active and event_type = any (i.events)
  order by i.id;
end
$$;

-- The learned fields whose change is a lead.updated (score and timestamps are not).
create function private.crm_changed_fields(o public.leads, n public.leads)
returns text[]
language sql immutable
set search_path = ''
as $$
  select array_remove(array[
    case when o.name is distinct from n.name then 'name' end,
    case when o.phone is distinct from n.phone then 'phone' end,
    case when o.email is distinct from n.email then 'email' end,
    case when o.whatsapp is distinct from n.whatsapp then 'whatsapp' end,
    case when o.telegram is distinct from n.telegram then 'telegram' end,
    case when o.need is distinct from n.need then 'need' end,
    case when (o.budget_amount, o.budget_currency, o.budget_min, o.budget_max, o.budget_period, o.budget_text)
              is distinct from (n.budget_amount, n.budget_currency, n.budget_min, n.budget_max, n.budget_period,
                                n.budget_text) then 'budget' end,
    case when o.location is distinct from n.location then 'location' end,
    case when o.timeline is distinct from n.timeline then 'timeline' end,
    case when o.details is distinct from n.details then 'details' end], null)
$$;

-- Security definer, like the functions they call: a member's change queues events into tables
-- no member may write.
create function private.crm_lead_changed() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  changed text[];
  data jsonb;
begin
  if tg_op = 'INSERT' then
    if private.crm_event_wanted(new.owner_id, 'lead.created')
       or (new.qualified_at is not null and private.crm_event_wanted(new.owner_id, 'lead.qualified')) then
      data := private.crm_lead_data(new);
      perform private.queue_crm_event(new.owner_id, new.customer_id, 'lead.created', data);
      if new.qualified_at is not null then
        perform private.queue_crm_event(new.owner_id, new.customer_id, 'lead.qualified', data);
      end if;
    end if;
    return null;
  end if;

  changed := private.crm_changed_fields(old, new);
  if old.qualified_at is null and new.qualified_at is not null then
    -- The lead as it qualifies carries every field: no lead.updated beside it.
    perform private.queue_crm_event(new.owner_id, new.customer_id, 'lead.qualified',
                                    private.crm_lead_data(new) || jsonb_build_object('changed', changed));
  elsif changed <> '{}' and private.crm_event_wanted(new.owner_id, 'lead.updated') then
    perform private.queue_crm_event(new.owner_id, new.customer_id, 'lead.updated',
                                    private.crm_lead_data(new) || jsonb_build_object('changed', changed));
  end if;
  if old.status is distinct from new.status and private.crm_event_wanted(new.owner_id, 'lead.status_changed') then
    perform private.queue_crm_event(new.owner_id, new.customer_id, 'lead.status_changed',
                                    private.crm_lead_data(new) || jsonb_build_object('previous_status', old.status));
  end if;
  return null;
end
$$;

create trigger leads_queue_crm_events
  after insert or update on public.leads
  for each row execute function private.crm_lead_changed();

create function private.crm_conversation_handed_over() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if private.crm_event_wanted(new.owner_id, 'conversation.handed_over') then
    perform private.queue_crm_event(new.owner_id, new.id, 'conversation.handed_over',
      coalesce((select private.crm_lead_data(l) from public.leads l where l.customer_id = new.id),
               jsonb_build_object('lead', null, 'customer', jsonb_build_object(
                 'id', new.id, 'display_name', new.display_name, 'username', new.username, 'language', new.language)))
      || jsonb_build_object('handed_over_at', new.handed_over_at));
  end if;
  return null;
end
$$;

create trigger customers_queue_crm_handover
  after update of handed_over_at on public.customers
  for each row when (old.handed_over_at is null and new.handed_over_at is not null)
  execute function private.crm_conversation_handed_over();

create function private.crm_message_created() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if private.crm_event_wanted(new.owner_id, 'message.created') then
    perform private.queue_crm_event(new.owner_id, new.customer_id, 'message.created', jsonb_build_object(
      'message', jsonb_build_object('id', new.id, 'role', new.role, 'text', new.text, 'created_at', new.created_at),
      'customer', (select jsonb_build_object('id', c.id, 'display_name', c.display_name, 'username', c.username,
                                             'language', c.language)
                   from public.customers c where c.id = new.customer_id)));
  end if;
  return null;
end
$$;

create trigger messages_queue_crm_event
  after insert on public.messages
  for each row execute function private.crm_message_created();

-- === Managing integrations (admin and above) =====================================================

-- The events an integration asks for, from a JSON array of names (as PostgREST and our RPC calls
-- pass a list alike); the table's check says which names exist.
create function private.event_names(events jsonb) returns text[]
language plpgsql immutable
set search_path = ''
as $$
begin
  if events is null then
    return null;
  end if;
  if jsonb_typeof(events) <> 'array'
     or exists (select 1 from jsonb_array_elements(events) e where jsonb_typeof(e) <> 'string') then
    raise sqlstate 'PT400' using message = 'events: a list of event names';
  end if;
  return array(select distinct e from jsonb_array_elements_text(events) e order by e);
end
$$;
grant execute on function private.event_names to authenticated;

-- What a credential of each kind must look like; amoCRM's come from its OAuth flow only.
create function private.check_crm_credentials(kind public.integration_kind, credentials jsonb) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if kind = 'webhook' and coalesce(credentials ->> 'signing_secret', '') !~ '^whsec_[A-Za-z0-9+/]{32,88}={0,2}$' then
    raise sqlstate 'PT400' using message = 'signing_secret: whsec_ and 24 to 64 random bytes in base64';
  elsif kind = 'bitrix24'
        and coalesce(credentials ->> 'webhook_url', '') !~ '^https?://[^\s/?#@]+/rest/[0-9]+/[A-Za-z0-9_]+/?$' then
    raise sqlstate 'PT400' using message = 'webhook_url: the portal''s incoming webhook, https://<portal>/rest/<user id>/<code>/';
  elsif kind = 'hubspot' and coalesce(credentials ->> 'token', '') !~ '^[A-Za-z0-9_-]{10,255}$' then
    raise sqlstate 'PT400' using message = 'token: the private app''s access token';
  elsif kind = 'amocrm' then
    raise sqlstate 'PT400' using message = 'amoCRM is connected through its authorization link';
  end if;
  if (select count(*) from jsonb_object_keys(credentials)) <> 1 then
    raise sqlstate 'PT400' using message = 'give exactly the one credential this kind needs';
  end if;
end
$$;

create function private.integration_json(i public.integrations) returns jsonb
language sql immutable
set search_path = ''
as $$
  select jsonb_build_object('id', i.id, 'owner_id', i.owner_id, 'kind', i.kind, 'name', i.name, 'url', i.url,
                            'events', to_jsonb(i.events), 'settings', i.settings, 'is_active', i.is_active,
                            'created_at', i.created_at)
$$;
grant execute on function private.integration_json to authenticated, service_role;

-- Security definer, to write credentials no member may read; kept out of the exposed schema
-- behind the invoker function below.
create function private.connect_integration(
  p_kind public.integration_kind,
  p_name text,
  p_credentials jsonb,
  p_events jsonb,
  p_url text,
  p_settings jsonb,
  p_owner_id uuid
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'admin');
  created public.integrations;
begin
  if (p_kind = 'webhook') <> (p_url is not null) then
    raise sqlstate 'PT400' using message = 'url: a webhook needs its https endpoint, and only a webhook has one';
  end if;
  perform private.check_crm_credentials(p_kind, coalesce(p_credentials, '{}'));
  insert into public.integrations (owner_id, kind, name, url, events, settings, created_by)
  values (company, p_kind, btrim(p_name), p_url, private.event_names(p_events), coalesce(p_settings, '{}'),
          private.current_user_id())
  returning * into created;
  insert into public.integration_secrets (integration_id, owner_id, credentials)
  values (created.id, company, p_credentials);
  return private.integration_json(created);
end
$$;
grant execute on function private.connect_integration to authenticated;

create function public.connect_integration(
  p_kind public.integration_kind,
  p_name text,
  p_credentials jsonb,
  p_events jsonb default '["lead.qualified", "lead.updated", "lead.status_changed", "conversation.handed_over"]',
  p_url text default null,
  p_settings jsonb default '{}',
  p_owner_id uuid default null
) returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.connect_integration(p_kind, p_name, p_credentials, p_events, p_url, p_settings, p_owner_id)
$$;
comment on function public.connect_integration(public.integration_kind, text, jsonb, jsonb, text, jsonb, uuid) is
$$Connect a webhook endpoint, Bitrix24 or HubSpot to a company (admin and above; amoCRM goes through begin_crm_authorization). p_owner_id names the company (optional for a member of one company only).
p_credentials holds the one credential of the kind: {"signing_secret": "whsec_..."} (make it with 24-64 random bytes and show it once), {"webhook_url": "https://<portal>/rest/<user>/<code>/"} or {"token": "<private app token>"}; it is stored where no member can read it back. A webhook needs p_url (https). Returns the integration.$$;
grant execute on function public.connect_integration to authenticated;

-- Replaces an integration's credential: a rotated signing secret, a new token or webhook URL.
create function private.replace_integration_credentials(p_integration_id uuid, p_credentials jsonb, p_owner_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'admin');
  target public.integrations;
begin
  select * into target from public.integrations i where i.id = p_integration_id and i.owner_id = company;
  if target.id is null then
    raise sqlstate 'PT404' using message = 'integration not found';
  end if;
  perform private.check_crm_credentials(target.kind, coalesce(p_credentials, '{}'));
  update public.integration_secrets s set credentials = p_credentials, updated_at = now()
  where s.integration_id = target.id;
  return private.integration_json(target);
end
$$;
grant execute on function private.replace_integration_credentials to authenticated;

create function public.replace_integration_credentials(p_integration_id uuid, p_credentials jsonb,
                                                       p_owner_id uuid default null)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.replace_integration_credentials(p_integration_id, p_credentials, p_owner_id)
$$;
comment on function public.replace_integration_credentials(uuid, jsonb, uuid) is
$$Replace an integration's credential (admin and above): a rotated webhook signing secret, a new HubSpot token or Bitrix24 webhook URL, in the same shape as connect_integration takes it. p_owner_id names the company (optional for a member of one company only). Returns the integration.$$;
grant execute on function public.replace_integration_credentials to authenticated;

-- Renames, re-points, re-subscribes or pauses an integration; a null argument leaves that as it is.
create function public.update_integration(
  p_integration_id uuid,
  p_name text default null,
  p_url text default null,
  p_events jsonb default null,
  p_settings jsonb default null,
  p_is_active boolean default null,
  p_owner_id uuid default null
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'admin');
  changed public.integrations;
begin
  update public.integrations i set
    name = coalesce(btrim(p_name), i.name), url = coalesce(p_url, i.url),
    events = coalesce(private.event_names(p_events), i.events), settings = coalesce(p_settings, i.settings), is_active = coalesce(p_is_active, i.is_active)
  where i.id = p_integration_id and i.owner_id = company
  returning * into changed;
  if changed.id is null then
    raise sqlstate 'PT404' using message = 'integration not found';
  end if;
  return private.integration_json(changed);
end
$$;
comment on function public.update_integration(uuid, text, text, jsonb, jsonb, boolean, uuid) is
$$Change an integration (admin and above): its name, a webhook's URL, the events it receives, its settings (e.g. our statuses mapped to the CRM's stages), or pause it (p_is_active false: no events are queued for it meanwhile). Null arguments leave those as they are; p_owner_id names the company (optional for a member of one company only). Returns the integration.$$;

create function public.remove_integration(p_integration_id uuid, p_owner_id uuid default null)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'admin');
begin
  delete from public.integrations i where i.id = p_integration_id and i.owner_id = company;
  if not found then
    raise sqlstate 'PT404' using message = 'integration not found';
  end if;
  return jsonb_build_object('integration_id', p_integration_id, 'removed', true);
end
$$;
comment on function public.remove_integration(uuid, uuid) is
$$Remove an integration (admin and above), with its credentials, its pending deliveries and its log. p_owner_id names the company (optional for a member of one company only).$$;

grant execute on function public.update_integration, public.remove_integration to authenticated;

-- amoCRM: the admin follows an authorization link carrying p_state; amoCRM sends them back to the
-- crm_oauth function with a code, which completes the connection.
create function private.begin_crm_authorization(
  p_name text, p_state text, p_settings jsonb, p_integration_id uuid, p_owner_id uuid
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'admin');
begin
  if p_integration_id is not null and not exists (
    select 1 from public.integrations i
    where i.id = p_integration_id and i.owner_id = company and i.kind = 'amocrm') then
    raise sqlstate 'PT404' using message = 'amoCRM integration not found';
  end if;
  delete from private.crm_authorizations a where a.expires_at < now();
  insert into private.crm_authorizations (state, owner_id, name, settings, integration_id, created_by)
  values (p_state, company, btrim(p_name), coalesce(p_settings, '{}'), p_integration_id, private.current_user_id());
  return jsonb_build_object('state', p_state, 'expires_in', 3600);
end
$$;
grant execute on function private.begin_crm_authorization to authenticated;

create function public.begin_crm_authorization(
  p_name text, p_state text, p_settings jsonb default '{}', p_integration_id uuid default null,
  p_owner_id uuid default null
) returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.begin_crm_authorization(p_name, p_state, p_settings, p_integration_id, p_owner_id)
$$;
comment on function public.begin_crm_authorization(text, text, jsonb, uuid, uuid) is
$$Start connecting amoCRM (admin and above): p_state (32-128 random characters) goes into the authorization link; amoCRM sends the admin back to the crm_oauth function with it, which connects the account. With p_integration_id, an existing amoCRM integration is authorized again. p_owner_id names the company (optional for a member of one company only). Valid for an hour.$$;
grant execute on function public.begin_crm_authorization to authenticated;

-- The authorization a state belongs to, if it is still valid (the crm_oauth function, as service).
create function public.crm_authorization(p_state text)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('owner_id', a.owner_id, 'name', a.name, 'integration_id', a.integration_id)
  from private.crm_authorizations a
  where a.state = p_state and a.expires_at >= now()
$$;

-- Connects the account once amoCRM has given tokens for the code: consumes the state, creates the
-- integration (or gives the existing one its new tokens).
create function private.complete_crm_authorization(p_state text, p_credentials jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  pending private.crm_authorizations;
  connected public.integrations;
begin
  delete from private.crm_authorizations a where a.state = p_state and a.expires_at >= now()
  returning * into pending;
  if pending.state is null then
    raise sqlstate 'PT400' using message = 'this authorization link has expired or was used already; start again';
  end if;
  if coalesce(p_credentials ->> 'access_token', '') = '' or coalesce(p_credentials ->> 'refresh_token', '') = '' then
    raise sqlstate 'PT400' using message = 'amoCRM gave no tokens';
  end if;
  if pending.integration_id is null then
    insert into public.integrations (owner_id, kind, name, events, settings, created_by)
    values (pending.owner_id, 'amocrm', pending.name,
            '{lead.qualified,lead.updated,lead.status_changed,conversation.handed_over}', pending.settings,
            pending.created_by)
    returning * into connected;
    insert into public.integration_secrets (integration_id, owner_id, credentials)
    values (connected.id, connected.owner_id, p_credentials);
  else
    select * into connected from public.integrations i where i.id = pending.integration_id;
    update public.integration_secrets s set credentials = p_credentials, updated_at = now()
    where s.integration_id = connected.id;
  end if;
  return private.integration_json(connected);
end
$$;
grant execute on function private.complete_crm_authorization to service_role;

create function public.complete_crm_authorization(p_state text, p_credentials jsonb)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.complete_crm_authorization(p_state, p_credentials)
$$;

-- Queues a test event for one integration, whatever it subscribes to.
create function private.send_test_event(p_integration_id uuid, p_owner_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'admin');
  target public.integrations;
  event public.crm_events;
  delivery bigint;
begin
  select * into target from public.integrations i where i.id = p_integration_id and i.owner_id = company;
  if target.id is null then
    raise sqlstate 'PT404' using message = 'integration not found';
  end if;
  insert into public.crm_events (owner_id, type, data)
  values (company, 'integration.test', jsonb_build_object(
    'integration', jsonb_build_object('id', target.id, 'name', target.name, 'kind', target.kind),
    'message', 'A test event from Salesbot: if you can read this, the integration works.'))
  returning * into event;
  insert into public.crm_deliveries (owner_id, integration_id, event_id)
  values (company, target.id, event.id)
  returning id into delivery;
  return jsonb_build_object('event_id', event.id, 'delivery_id', delivery);
end
$$;
grant execute on function private.send_test_event to authenticated;

create function public.send_test_event(p_integration_id uuid, p_owner_id uuid default null)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.send_test_event(p_integration_id, p_owner_id)
$$;
comment on function public.send_test_event(uuid, uuid) is
$$Queue an integration.test event for one integration (admin and above), delivered like any other; its outcome shows in the delivery log. p_owner_id names the company (optional for a member of one company only). Returns the event and delivery ids.$$;
grant execute on function public.send_test_event to authenticated;

-- Queues a dead delivery again, with another 24 hours of retries.
create function private.retry_crm_delivery(p_delivery_id bigint, p_owner_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'admin');
begin
  update public.crm_deliveries d
  set dead_at = null, next_attempt_at = now(), give_up_at = now() + interval '24 hours', attempts = 0
  where d.id = p_delivery_id and d.owner_id = company and d.dead_at is not null;
  if not found then
    raise sqlstate 'PT404' using message = 'no dead delivery with this id';
  end if;
  return jsonb_build_object('delivery_id', p_delivery_id, 'queued', true);
end
$$;
grant execute on function private.retry_crm_delivery to authenticated;

create function public.retry_crm_delivery(p_delivery_id bigint, p_owner_id uuid default null)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.retry_crm_delivery(p_delivery_id, p_owner_id)
$$;
comment on function public.retry_crm_delivery(bigint, uuid) is
$$Queue a dead delivery again, after fixing what made it fail (admin and above): it is retried for another 24 hours, in its place in its conversation's order. p_owner_id names the company (optional for a member of one company only).$$;
grant execute on function public.retry_crm_delivery to authenticated;

create function public.list_integrations(p_owner_id uuid default null)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'viewer');
begin
  return coalesce((
    select jsonb_agg(private.integration_json(i) || jsonb_build_object(
      'pending', (select count(*) from public.crm_deliveries d
                  where d.integration_id = i.id and d.delivered_at is null and d.dead_at is null),
      'dead', (select count(*) from public.crm_deliveries d where d.owner_id = i.owner_id
                 and d.integration_id = i.id and d.dead_at is not null),
      'last_delivered_at', (select max(d.delivered_at) from public.crm_deliveries d
                            where d.owner_id = i.owner_id and d.integration_id = i.id))
      order by i.created_at)
    from public.integrations i
    where i.owner_id = company), '[]');
end
$$;
comment on function public.list_integrations(uuid) is
$$A company's integrations (viewer and above), each with how many deliveries are pending and dead and when one last got through. Credentials are never included. p_owner_id names the company (optional for a member of one company only).$$;
grant execute on function public.list_integrations to authenticated;

create function public.crm_delivery_log(
  p_integration_id uuid default null,
  p_state text default null,
  p_before_id bigint default null,
  p_limit integer default 50,
  p_owner_id uuid default null
) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'viewer');
begin
  if p_state is not null and p_state not in ('pending', 'delivered', 'dead') then
    raise sqlstate 'PT400' using message = 'p_state: pending, delivered or dead';
  end if;
  return coalesce((
    select jsonb_agg(entry order by id desc)
    from (
      select d.id, jsonb_build_object(
        'id', d.id, 'integration_id', d.integration_id, 'event_id', d.event_id, 'event_type', e.type,
        'customer_id', d.customer_id, 'lead_id', e.data #>> '{lead,id}',
        'state', case when d.delivered_at is not null then 'delivered' when d.dead_at is not null then 'dead'
                      else 'pending' end,
        'attempts', d.attempts, 'last_error', d.last_error, 'outcome', d.outcome,
        'response_status', d.response_status, 'created_at', d.created_at, 'next_attempt_at', d.next_attempt_at,
        'delivered_at', d.delivered_at, 'dead_at', d.dead_at) as entry
      from public.crm_deliveries d
      join public.crm_events e on e.id = d.event_id
      where d.owner_id = company
        and (p_integration_id is null or d.integration_id = p_integration_id)
        and (p_before_id is null or d.id < p_before_id)
        and (p_state is null
             or (p_state = 'delivered' and d.delivered_at is not null)
             or (p_state = 'dead' and d.dead_at is not null)
             or (p_state = 'pending' and d.delivered_at is null and d.dead_at is null))
      order by d.id desc
      limit least(greatest(coalesce(p_limit, 50), 1), 500)) page), '[]');
end
$$;
comment on function public.crm_delivery_log(uuid, text, bigint, integer, uuid) is
$$A company's delivery log, newest first (viewer and above): each event to each integration with its state (pending, delivered, dead), attempts, last error and outcome. Filter by p_integration_id and p_state; the next page starts before the last row's id (p_before_id); p_limit is 1-500. p_owner_id names the company (optional for a member of one company only).$$;
grant execute on function public.crm_delivery_log to authenticated;

-- === Delivering (the sweep, as service_role) =====================================================

-- A delivery waits while an earlier one of its conversation is pending: events arrive in order.
create function private.crm_delivery_waits(d public.crm_deliveries)
returns boolean
language sql stable
set search_path = ''
as $$
  select exists (
    select 1 from public.crm_deliveries e
    where e.integration_id = d.integration_id and e.customer_id = d.customer_id and e.id < d.id
      and e.delivered_at is null and e.dead_at is null)
$$;
grant execute on function private.crm_delivery_waits to service_role;

-- A failed delivery waiting out its backoff is tried once a minute all the same (one per
-- integration): the first to get through makes the rest due, so after an outage the backlog goes
-- within a minute, not after hours of backoff, and a dead endpoint gets one request a minute.
create function private.crm_probe_due(d public.crm_deliveries)
returns boolean
language sql stable
set search_path = ''
as $$
  select d.last_error is not null and d.last_attempt_at < now() - interval '1 minute'
$$;
grant execute on function private.crm_probe_due to service_role;

-- Leases one active integration with deliveries due (or failed and waiting, worth a probe), longest
-- waiting first, for p_seconds: returns it with its credentials, or null when there is none. p_skip
-- (a JSON array of ids) names those this sweep is done with. Each integration costs a few index
-- probes, whatever its backlog; one whose due deliveries all wait behind others is leased, finds
-- nothing to claim and is skipped for the rest of the sweep.
create function public.lease_crm_integration(p_seconds integer default 60, p_skip jsonb default '[]')
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  leased public.integrations;
begin
  select * into leased
  from public.integrations i
  where i.is_active and (i.leased_until is null or i.leased_until <= now())
    and not coalesce(p_skip ? i.id::text, false)
    and (exists (select 1 from public.crm_deliveries d
                 where d.integration_id = i.id and d.delivered_at is null and d.dead_at is null
                   and d.next_attempt_at <= now())
         or exists (select 1 from public.crm_deliveries d
                    where d.integration_id = i.id and d.delivered_at is null and d.dead_at is null
                      and private.crm_probe_due(d)))
  order by (select min(d.next_attempt_at) from public.crm_deliveries d
            where d.integration_id = i.id and d.delivered_at is null and d.dead_at is null)
  limit 1
  for update of i skip locked;
  if leased.id is null then
    return null;
  end if;
  update public.integrations i set leased_until = now() + make_interval(secs => p_seconds)
  where i.id = leased.id
  returning * into leased;
  return private.integration_json(leased)
    || jsonb_build_object('credentials', (select s.credentials from public.integration_secrets s
                                          where s.integration_id = leased.id));
end
$$;

create function public.release_crm_integration(p_integration_id uuid)
returns void
language sql volatile
set search_path = ''
as $$
  update public.integrations set leased_until = null where id = p_integration_id
$$;

-- Claims up to p_limit due deliveries of a leased integration, each the oldest pending of its
-- conversation, with its event and the CRM record its lead already has; with p_probe, one that
-- failed and waits out its backoff instead. Each claimed one is pushed back by its backoff, so a
-- worker that dies leaves it due again later.
create function public.claim_crm_deliveries(p_integration_id uuid, p_limit integer default 20,
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
        next_attempt_at = now() + least(interval '1 hour', interval '30 seconds' * power(2, d.attempts))
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

-- Records how a worker's attempts went, a batch at a time:
-- [{"id", "error", "permanent", "retry_after", "status", "outcome"}], error null for a success.
-- A failure waits out its backoff (or what the service asked for with retry_after), and is given up
-- when permanent or once its 24 hours are over. A success makes the integration's failed deliveries
-- due at once: the endpoint is back, its backlog follows. Committed without waiting for the disk: a
-- record lost in a crash only means those deliveries are sent again (delivery is at least once
-- anyway), and waiting would cost more than the sends.
create function public.finish_crm_deliveries(p_outcomes jsonb)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select set_config('synchronous_commit', 'off', true);
  with outcome as (
    select * from jsonb_to_recordset(p_outcomes)
      as o(id bigint, error text, permanent boolean, retry_after integer, status integer, outcome text)
  ), finished as (
    update public.crm_deliveries d set
      delivered_at = case when o.error is null then now() end,
      dead_at = case when o.error is not null and (o.permanent or now() >= d.give_up_at) then now() end,
      last_error = case
        when o.error is null then null
        when o.permanent then left(o.error, 1000)
        when now() >= d.give_up_at then left('gave up after 24 hours of retries: ' || o.error, 1000)
        else left(o.error, 1000) end,
      next_attempt_at = case when o.retry_after is not null
        then now() + make_interval(secs => least(greatest(o.retry_after, 1), 3600)) else d.next_attempt_at end,
      outcome = case when o.error is null then left(o.outcome, 500) end,
      response_status = o.status
    from outcome o
    where d.id = o.id
    returning d.id, d.integration_id, d.delivered_at, d.dead_at
  ), waiting as (
    select d.id from public.crm_deliveries d
    where d.integration_id in (select f.integration_id from finished f where f.delivered_at is not null)
      and d.delivered_at is null and d.dead_at is null and d.last_error is not null and d.next_attempt_at > now()
      and d.id not in (select f.id from finished f)
    for update of d skip locked
  ), brought_forward as (
    update public.crm_deliveries d set next_attempt_at = now() from waiting w where d.id = w.id
    returning 1
  )
  select jsonb_build_object(
    'delivered', count(*) filter (where f.delivered_at is not null),
    'dead', count(*) filter (where f.dead_at is not null),
    'failed', count(*) filter (where f.delivered_at is null and f.dead_at is null),
    'brought_forward', (select count(*) from brought_forward))
  from finished f
$$;

-- Keeps the CRM's ids for a lead: what later events update instead of creating.
create function public.record_crm_link(
  p_integration_id uuid, p_lead_id uuid, p_external_id text, p_external_contact_id text default null
) returns void
language sql volatile
set search_path = ''
as $$
  insert into public.crm_links as k (integration_id, lead_id, owner_id, external_id, external_contact_id)
  select i.id, p_lead_id, i.owner_id, p_external_id, p_external_contact_id
  from public.integrations i where i.id = p_integration_id
  on conflict (integration_id, lead_id) do update
    set external_id = excluded.external_id,
        external_contact_id = coalesce(excluded.external_contact_id, k.external_contact_id),
        updated_at = now()
$$;

-- Stores credentials the sweep renewed (amoCRM's tokens, rotated on every refresh).
create function public.store_crm_credentials(p_integration_id uuid, p_credentials jsonb)
returns void
language sql volatile
set search_path = ''
as $$
  update public.integration_secrets set credentials = p_credentials, updated_at = now()
  where integration_id = p_integration_id
$$;

-- What a CRM note about a lead says: the lead, and the conversation's last messages.
create function public.crm_lead_conversation(p_customer_id uuid, p_messages integer default 30)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'customer_id', c.id, 'display_name', c.display_name,
    'channel', (select ch.kind from public.channels ch where ch.id = c.channel_id),
    'messages', coalesce((
      select jsonb_agg(jsonb_build_object('role', t.role, 'text', t.text, 'created_at', t.created_at) order by t.id)
      from (select m.id, m.role, m.text, m.created_at from public.messages m
            where m.customer_id = c.id order by m.id desc limit least(greatest(p_messages, 1), 200)) t), '[]'))
  from public.customers c
  where c.id = p_customer_id
$$;

grant execute on function public.crm_authorization, public.complete_crm_authorization, public.lease_crm_integration,
  public.release_crm_integration, public.claim_crm_deliveries, public.finish_crm_deliveries, public.record_crm_link,
  public.store_crm_credentials, public.crm_lead_conversation to service_role;
