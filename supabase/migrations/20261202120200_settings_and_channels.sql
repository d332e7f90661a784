-- What a company tells the bot about itself, and the channels its customers write through. Bot
-- tokens and webhook secrets go into channel_secrets and never come back out to members; only the
-- webhooks, as service_role, read them.

-- === Types =======================================================================================

create type public.channel_kind as enum ('test', 'telegram', 'widget');

-- === Tables ======================================================================================

create table public.bot_settings (
  owner_id uuid primary key references public.companies (id) on delete cascade,
  description text not null default '' check (char_length(description) <= 20000),
  -- [{"name", "description", "price", "currency", "keywords": [...]}]
  offerings jsonb not null default '[]' check (jsonb_typeof(offerings) = 'array'),
  -- [{"question", "answer", "keywords": [...]}]
  faq jsonb not null default '[]' check (jsonb_typeof(faq) = 'array'),
  tone text not null default 'friendly, concise, professional' check (char_length(tone) <= 500),
  language text not null default 'auto' check (language ~ '^(auto|[a-z]{2})$'),
  phone_region text not null default 'RU' check (phone_region ~ '^[A-Z]{2}$'),
  greeting text not null default '' check (char_length(greeting) <= 2000),
  lead_fields text[] not null
    default '{need,budget,location,timeline,name,phone,email}'
    check (lead_fields <@ '{name,phone,email,need,budget,location,timeline}'),
  -- Telegram chat ids of the managers to notify about qualified leads.
  notify_chat_ids bigint[] not null default '{}',
  -- How long a customer handed over to a person may go unanswered before the outbox sweep sends them
  -- a polite note and reminds the managers.
  handover_wait_minutes integer not null default 10 check (handover_wait_minutes between 1 and 1440),
  updated_at timestamptz not null default now()
);
select private.create_tenant_policies('public.bot_settings', 'viewer', 'admin', null);
comment on table public.bot_settings is 'What the company tells its sales bot about itself.';
comment on column public.bot_settings.owner_id is 'The company (one row each).';
comment on column public.bot_settings.description is 'What the company does, in its own words.';
comment on column public.bot_settings.offerings is 'Array of {name, description, price, currency, keywords}. The bot quotes prices only from here.';
comment on column public.bot_settings.faq is 'Array of {question, answer, keywords}.';
comment on column public.bot_settings.tone is 'How the bot should sound.';
comment on column public.bot_settings.language is 'auto (the customer''s language) or an ISO 639-1 code.';
comment on column public.bot_settings.phone_region is 'ISO 3166 region for phone numbers written without a country code.';
comment on column public.bot_settings.greeting is 'The first words of the bot in a new conversation.';
comment on column public.bot_settings.lead_fields is 'The lead fields the bot asks for, in order.';
comment on column public.bot_settings.notify_chat_ids is 'Telegram chat ids of managers to notify about qualified leads.';
comment on column public.bot_settings.handover_wait_minutes is 'Minutes a handed-over customer may wait for a person before getting a polite note (once) and the managers a reminder.';
comment on column public.bot_settings.updated_at is 'When the settings last changed.';
grant select, update on public.bot_settings to authenticated;
grant select on public.bot_settings to service_role;

create table public.channels (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.companies (id) on delete cascade,
  kind public.channel_kind not null,
  name text not null check (char_length(name) between 1 and 200),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  -- Children reference (owner_id, id), so a row can never point into another company.
  unique (owner_id, id)
);
create index channels_owner_id_idx on public.channels (owner_id, created_at);
-- Every company has exactly one test chat: the one the `chat` function talks through.
create unique index channels_one_test_chat on public.channels (owner_id) where kind = 'test';
select private.create_tenant_policies('public.channels', 'viewer', 'admin', 'admin');
comment on table public.channels is 'Where customers write: the test chat, a Telegram bot, a web widget.';
comment on column public.channels.id is 'The channel''s id (the ?channel= of its webhook).';
comment on column public.channels.owner_id is 'The company.';
comment on column public.channels.kind is 'test, telegram or widget.';
comment on column public.channels.name is 'The channel''s display name.';
comment on column public.channels.is_active is 'False stops the channel from answering.';
comment on column public.channels.created_at is 'When the channel was connected.';
-- Connected through connect_channel, which also stores the secrets; renamed, paused or removed directly.
grant select, update (name, is_active), delete on public.channels to authenticated;
grant select on public.channels to service_role;

-- RLS with no policy for members: nobody reads them back through the API; only the webhook path,
-- as service_role, does.
create table public.channel_secrets (
  channel_id uuid primary key,
  owner_id uuid not null,
  webhook_secret text not null check (char_length(webhook_secret) between 32 and 256),
  bot_token text,
  foreign key (owner_id, channel_id) references public.channels (owner_id, id) on delete cascade
);
create index channel_secrets_owner_id_idx on public.channel_secrets (owner_id);
alter table public.channel_secrets enable row level security;
comment on table public.channel_secrets is 'Bot tokens and webhook secrets. Never readable by members.';
comment on column public.channel_secrets.webhook_secret is 'Telegram secret_token or the widget''s HMAC key.';
comment on column public.channel_secrets.bot_token is 'The Telegram bot token.';
grant select on public.channel_secrets to service_role;

-- === Channel RPCs ================================================================================

-- Security definer, to write the secrets no member may touch; kept out of the exposed schema
-- behind the invoker function below.
create function private.connect_channel(
  p_kind public.channel_kind,
  p_name text,
  p_webhook_secret text,
  p_bot_token text,
  p_owner_id uuid
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'admin');
  channel uuid;
begin
  if p_kind = 'test' then
    raise sqlstate 'PT400' using message = 'every company has its test chat already';
  end if;
  if p_kind = 'telegram' and coalesce(p_bot_token, '') !~ '^[0-9]{3,20}:[A-Za-z0-9_-]{20,100}$' then
    raise sqlstate 'PT400' using message = 'that does not look like a Telegram bot token';
  end if;
  insert into public.channels (owner_id, kind, name) values (company, p_kind, p_name) returning id into channel;
  insert into public.channel_secrets (channel_id, owner_id, webhook_secret, bot_token)
  values (channel, company, p_webhook_secret, p_bot_token);
  return jsonb_build_object('channel_id', channel, 'owner_id', company, 'kind', p_kind, 'name', p_name);
end
$$;
grant execute on function private.connect_channel to authenticated;

create function public.connect_channel(
  p_kind public.channel_kind,
  p_name text,
  p_webhook_secret text,
  p_bot_token text default null,
  p_owner_id uuid default null
) returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.connect_channel(p_kind, p_name, p_webhook_secret, p_bot_token, p_owner_id)
$$;
comment on function public.connect_channel(public.channel_kind, text, text, text, uuid) is
$$Connect a Telegram bot or a web widget to a company (admin and above); p_owner_id names the company (optional for a member of one company only).
The secrets are stored where no member can read them back. Returns the channel's id, company, kind and name.$$;
grant execute on function public.connect_channel to authenticated;

create function public.disconnect_channel(p_channel_id uuid)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
begin
  delete from public.channels c where c.id = p_channel_id and c.kind <> 'test';
  if not found then
    raise sqlstate 'PT404' using message = 'channel not found, or this needs the admin role or above';
  end if;
  return jsonb_build_object('channel_id', p_channel_id, 'disconnected', true);
end
$$;
grant execute on function public.disconnect_channel to authenticated;

-- What a webhook needs to check a request and answer it: the secrets, and whether it may.
create function public.channel_credentials(p_channel_id uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('channel_id', c.id, 'owner_id', c.owner_id, 'kind', c.kind, 'is_active', c.is_active,
                            'webhook_secret', s.webhook_secret, 'bot_token', s.bot_token)
  from public.channels c join public.channel_secrets s on s.channel_id = c.id
  where c.id = p_channel_id
$$;

-- The bots that speak for a company to its people: its active Telegram channels, oldest first.
create function public.company_bots(p_owner_id uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('channel_id', c.id, 'bot_token', s.bot_token) order by c.created_at), '[]')
  from public.channels c join public.channel_secrets s on s.channel_id = c.id
  where c.owner_id = p_owner_id and c.kind = 'telegram' and c.is_active
$$;

-- The webhooks' own: closed to signed-in users outright, so no future change to channel_secrets'
-- grants can expose a secret through them.
grant execute on function public.channel_credentials, public.company_bots to service_role;
