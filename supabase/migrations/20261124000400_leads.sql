-- Leads: what the bot learned about a customer, and the pipeline a manager moves them along.

create type public.lead_status as enum ('new', 'contacted', 'qualified', 'won', 'lost');

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  -- One lead per conversation.
  customer_id uuid not null unique,
  status public.lead_status not null default 'new',
  name text check (char_length(name) <= 200),
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email text check (char_length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  need text check (char_length(need) <= 1000),
  budget_amount numeric(16, 2) check (budget_amount >= 0),
  budget_currency text check (budget_currency ~ '^[A-Z]{3}$'),
  location text check (char_length(location) <= 200),
  timeline text check (char_length(timeline) <= 200),
  details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'),
  score smallint not null default 0 check (score between 0 and 100),
  source public.channel_kind,
  assigned_to uuid references auth.users (id) on delete set null,
  -- When the lead first had a contact and a need.
  qualified_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (owner_id, id),
  foreign key (owner_id, customer_id) references public.customers (owner_id, id) on delete cascade,
  check ((budget_amount is null) = (budget_currency is null))
);
create index leads_owner_recent_idx on public.leads (owner_id, created_at desc);
-- Carries the budget so the funnel is counted and summed from the index alone.
create index leads_owner_status_idx on public.leads (owner_id, status, created_at desc)
  include (budget_currency, budget_amount);
select private.create_tenant_policies('public.leads', 'viewer', 'manager', 'admin');

create table public.lead_status_history (
  id bigint generated always as identity primary key,
  owner_id uuid not null,
  lead_id uuid not null,
  from_status public.lead_status,
  to_status public.lead_status not null,
  changed_by uuid references auth.users (id) on delete set null,
  changed_at timestamptz not null default now(),
  note text check (char_length(note) <= 2000),
  foreign key (owner_id, lead_id) references public.leads (owner_id, id) on delete cascade
);
create index lead_status_history_lead_idx on public.lead_status_history (lead_id, changed_at);
create index lead_status_history_owner_idx on public.lead_status_history (owner_id, changed_at desc);
-- An audit trail: written, never rewritten.
select private.create_tenant_policies('public.lead_status_history', 'viewer', 'manager', null);
drop policy tenant_update on public.lead_status_history;

revoke all on public.leads, public.lead_status_history from anon;
