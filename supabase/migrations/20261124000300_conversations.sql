-- Customers (a person writing through a channel) and their messages.

create type public.sales_stage as enum
  ('greeting', 'needs', 'qualification', 'offer', 'contact', 'handed_over');

create table public.customers (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  channel_id uuid not null,
  -- The channel's own id for the person: a Telegram user id, a widget visitor id.
  external_id text not null check (char_length(external_id) between 1 and 128),
  display_name text check (char_length(display_name) <= 200),
  username text check (char_length(username) <= 200),
  language text check (language ~ '^[a-z]{2}$'),
  stage public.sales_stage not null default 'greeting',
  -- Set while a human has the conversation: the bot stays silent until it is released.
  handed_over_at timestamptz,
  handed_over_by uuid references auth.users (id) on delete set null,
  last_message_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  unique (owner_id, id),
  unique (channel_id, external_id),
  foreign key (owner_id, channel_id) references public.channels (owner_id, id) on delete cascade
);
create index customers_owner_recent_idx on public.customers (owner_id, last_message_at desc);
select private.create_tenant_policies('public.customers', 'viewer', 'manager', 'admin');

create type public.message_role as enum ('customer', 'bot', 'manager');

create table public.messages (
  id bigint generated always as identity primary key,
  owner_id uuid not null,
  customer_id uuid not null,
  role public.message_role not null,
  text text not null check (char_length(text) between 1 and 4096),
  -- The member who wrote it, for messages by a manager.
  sender_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (owner_id, customer_id) references public.customers (owner_id, id) on delete cascade
);
-- A conversation is read newest first; dashboards list a company's recent messages.
create index messages_customer_idx on public.messages (customer_id, id desc);
create index messages_owner_recent_idx on public.messages (owner_id, created_at desc);
select private.create_tenant_policies('public.messages', 'viewer', 'manager', 'admin');

revoke all on public.customers, public.messages from anon;
