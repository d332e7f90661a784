-- What a company tells the bot about itself, and the channels customers write through.

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
  updated_at timestamptz not null default now()
);
select private.create_tenant_policies('public.bot_settings', 'viewer', 'admin', null);

create type public.channel_kind as enum ('test', 'telegram', 'widget');

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

-- Bot tokens and webhook secrets. RLS with no policy for members: nobody reads them back
-- through the API; only the webhook path, as service_role, does.
create table public.channel_secrets (
  channel_id uuid primary key,
  owner_id uuid not null,
  webhook_secret text not null check (char_length(webhook_secret) between 32 and 256),
  bot_token text,
  foreign key (owner_id, channel_id) references public.channels (owner_id, id) on delete cascade
);
create index channel_secrets_owner_id_idx on public.channel_secrets (owner_id);
alter table public.channel_secrets enable row level security;
revoke all on public.channel_secrets from anon, authenticated;
revoke all on public.bot_settings, public.channels from anon;

-- A new company for a user who signs up on their own: its owner, bot settings and test chat.
create function private.found_company(new_user auth.users) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  company uuid;
begin
  insert into public.companies (name)
  values (coalesce(
    nullif(left(btrim(new_user.raw_user_meta_data ->> 'company_name'), 200), ''),
    nullif(split_part(new_user.email, '@', 2), ''),
    'My company'))
  returning id into company;
  insert into public.members (owner_id, user_id, role) values (company, new_user.id, 'owner');
  insert into public.bot_settings (owner_id) values (company);
  insert into public.channels (owner_id, kind, name) values (company, 'test', 'Test chat');
  return company;
end
$$;
revoke all on function private.found_company from public, anon, authenticated, service_role;

-- Signup creates the company. Supabase Auth inserts the user; this trigger does the rest,
-- the same way locally and on a real project.
create function private.handle_new_user() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform private.found_company(new);
  return new;
end
$$;
revoke all on function private.handle_new_user from public, anon, authenticated, service_role;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();
