-- What a company tells the bot about itself, and the channels its customers write through. Bot
-- tokens and webhook secrets go into channel_secrets and never come back out to members; only the
-- webhooks, as service_role, read them.

-- === Types =======================================================================================

create type public.channel_kind as enum ('test', 'telegram', 'widget');

-- === Tables ======================================================================================

-- What a company tells its bot: one document, in the shape of functions/salesbot/models.py
-- (BotSettings), published as JSON Schema in functions/openapi.yaml. The `settings` function
-- validates it with that model; any other writer (PostgREST, SQL) meets the same rules here, in
-- private.settings_errors, so nothing the chat cannot read is ever stored.
create table public.bot_settings (
  owner_id uuid primary key references public.companies (id) on delete cascade,
  document jsonb not null default '{}',
  -- Bumped by every change of the document: the ETag that catches concurrent edits.
  revision bigint not null default 1,
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
comment on column public.bot_settings.document is
  'The settings document (persona, hours, contacts, offerings, not_offered, faq, internal_notes...): the JSON Schema BotSettings in the functions'' openapi.yaml. Every field is public, said to customers, except internal_notes.';
comment on column public.bot_settings.revision is 'Bumped by every change of the document (the settings function''s ETag).';
comment on column public.bot_settings.notify_chat_ids is 'Telegram chat ids of managers to notify about qualified leads.';
comment on column public.bot_settings.handover_wait_minutes is 'Minutes a handed-over customer may wait for a person before getting a polite note (once) and the managers a reminder.';
comment on column public.bot_settings.updated_at is 'When the document last changed.';
grant select, update on public.bot_settings to authenticated;
grant select on public.bot_settings to service_role;

-- === The settings document's rules ===============================================================
-- Each mirrors a rule of the pydantic model, with the same JSON path ($.offerings[0].price.amount);
-- tests/test_settings_document.py checks the two agree on valid and broken documents.

-- Keys that are not allowed, and required keys that are missing.
create function private.settings_key_errors(obj jsonb, path text, allowed text[], required text[] default '{}')
returns text[]
language sql immutable
set search_path = ''
as $$
  select coalesce(array_agg(format('%s.%s: not a known field', path, k) order by k)
                    filter (where k <> all (allowed)), '{}')
      || coalesce((select array_agg(format('%s.%s: required', path, r) order by r)
                   from unnest(required) r where not obj ? r), '{}')
  from jsonb_object_keys(obj) k
$$;

-- A text field (absent is fine): its type, length, pattern, and that it is not blank.
create function private.settings_text_errors(
  value jsonb, path text, max_length integer, pattern text default null, nonblank boolean default false,
  nullable boolean default false
) returns text[]
language plpgsql immutable
set search_path = ''
as $$
begin
  if value is null or (nullable and jsonb_typeof(value) = 'null') then
    return '{}';
  end if;
  if jsonb_typeof(value) <> 'string' then
    return array[format('%s: must be text', path)];
  end if;
  if char_length(value #>> '{}') > max_length then
    return array[format('%s: at most %s characters', path, max_length)];
  end if;
  if nonblank and (value #>> '{}') !~ '\S' then
    return array[format('%s: must not be empty', path)];
  end if;
  if pattern is not null and (value #>> '{}') !~ pattern then
    return array[format('%s: does not have the expected form', path)];
  end if;
  return '{}';
end
$$;

-- A list of texts (absent is fine).
create function private.settings_texts_errors(value jsonb, path text, max_items integer, max_length integer)
returns text[]
language plpgsql immutable
set search_path = ''
as $$
declare
  errors text[] := '{}';
  i integer;
begin
  if value is null then
    return '{}';
  end if;
  if jsonb_typeof(value) <> 'array' then
    return array[format('%s: must be a list', path)];
  end if;
  if jsonb_array_length(value) > max_items then
    return array[format('%s: at most %s items', path, max_items)];
  end if;
  for i in 0 .. jsonb_array_length(value) - 1 loop
    errors := errors || private.settings_text_errors(value -> i, format('%s[%s]', path, i), max_length, null, true);
  end loop;
  return errors;
end
$$;

-- Whether any of the errors is about `path` or something inside it.
create function private.settings_errors_under(errors text[], path text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select exists (select 1 from unnest(errors) e where starts_with(e, path || ':') or starts_with(e, path || '[')
                                                     or starts_with(e, path || '.'))
$$;

-- An amount of money: a JSON number above 0 and below 10^12, at most two decimal places.
create function private.settings_amount_errors(value jsonb, path text)
returns text[]
language plpgsql immutable
set search_path = ''
as $$
begin
  if value is null then
    return array[format('%s: required', path)];
  end if;
  if jsonb_typeof(value) <> 'number' then
    return array[format('%s: a number, e.g. 25000 or 99.90', path)];
  end if;
  if (value #>> '{}')::numeric <= 0 or (value #>> '{}')::numeric >= 1e12 then
    return array[format('%s: a number above 0 and below 10^12', path)];
  end if;
  if (value #>> '{}')::numeric <> round((value #>> '{}')::numeric, 2) then
    return array[format('%s: at most two decimal places', path)];
  end if;
  return '{}';
end
$$;

create function private.settings_price_errors(price jsonb, path text)
returns text[]
language plpgsql immutable
set search_path = ''
as $$
declare
  kind text := price ->> 'kind';
  amounts text[];
  errors text[] := '{}';
  amount text;
begin
  if jsonb_typeof(price) <> 'object' then
    return array[format('%s: must be an object', path)];
  end if;
  amounts := case kind when 'exact' then '{amount}' when 'from' then '{amount}' when 'range' then '{min,max}'
                       when 'free' then '{}' when 'on_request' then '{}' end;
  if amounts is null then
    return array[format('%s.kind: one of exact, from, range, free, on_request', path)];
  end if;
  errors := private.settings_key_errors(price, path, array['kind', 'currency', 'unit'] || amounts,
                                        case when amounts = '{}' then '{}' else '{currency}' end::text[]);
  foreach amount in array amounts loop
    errors := errors || private.settings_amount_errors(price -> amount, format('%s.%s', path, amount));
  end loop;
  errors := errors
    || private.settings_text_errors(price -> 'currency', path || '.currency', 3, '^[A-Z]{3}$', false, amounts = '{}')
    || private.settings_text_errors(price -> 'unit', path || '.unit', 60, null, true, true);
  if kind = 'range' and errors = '{}' and (price ->> 'min')::numeric >= (price ->> 'max')::numeric then
    errors := array[format('%s: min must be below max', path)];
  end if;
  return errors;
end
$$;

-- Every way a settings document breaks the rules, each with its JSON path; empty when it is valid.
create function private.settings_errors(doc jsonb)
returns text[]
language plpgsql stable
set search_path = ''
as $$
declare
  errors text[] := '{}';
  list_errors text[] := '{}';
  item jsonb;
  at text;
  i integer;
  day text;
  span text;
  lists constant text[] := array['offerings', 'not_offered', 'faq', 'lead_fields', 'customer_contacts'];
  limits constant integer[] := array[1000, 200, 500, 6, 4];
begin
  if jsonb_typeof(doc) <> 'object' then
    return array['$: must be an object'];
  end if;
  errors := private.settings_key_errors(doc, '$', array['company_name', 'description', 'internal_notes', 'persona',
    'hours', 'contacts', 'offerings', 'not_offered', 'faq', 'lead_fields', 'customer_contacts', 'phone_region',
    'currency'])
    || private.settings_text_errors(doc -> 'company_name', '$.company_name', 200)
    || private.settings_text_errors(doc -> 'description', '$.description', 10000)
    || private.settings_text_errors(doc -> 'internal_notes', '$.internal_notes', 10000)
    || private.settings_text_errors(doc -> 'phone_region', '$.phone_region', 2, '^[A-Z]{2}$', false, true)
    || private.settings_text_errors(doc -> 'currency', '$.currency', 3, '^[A-Z]{3}$', false, true);
  for i in 1 .. array_length(lists, 1) loop
    if doc ? lists[i] and jsonb_typeof(doc -> lists[i]) <> 'array' then
      list_errors := list_errors || format('$.%s: must be a list', lists[i]);
    elsif jsonb_array_length(coalesce(doc -> lists[i], '[]')) > limits[i] then
      list_errors := list_errors || format('$.%s: at most %s items', lists[i], limits[i]);
    end if;
  end loop;
  if list_errors <> '{}' then
    return errors || list_errors;  -- the lists below are walked only once they are lists
  end if;

  item := doc -> 'persona';
  if item is not null and jsonb_typeof(item) <> 'object' then
    errors := errors || '$.persona: must be an object'::text;
  elsif item is not null then
    errors := errors
      || private.settings_key_errors(item, '$.persona', array['name', 'gender', 'formal', 'languages', 'tone', 'greeting'])
      || private.settings_text_errors(item -> 'name', '$.persona.name', 60)
      || private.settings_text_errors(item -> 'gender', '$.persona.gender', 7, '^(female|male|neutral)$')
      || private.settings_text_errors(item -> 'tone', '$.persona.tone', 500)
      || private.settings_text_errors(item -> 'greeting', '$.persona.greeting', 2000);
    if item ? 'formal' and jsonb_typeof(item -> 'formal') <> 'boolean' then
      errors := errors || '$.persona.formal: true or false'::text;
    end if;
    if item ? 'languages' then
      if jsonb_typeof(item -> 'languages') <> 'array' then
        errors := errors || '$.persona.languages: must be a list'::text;
      elsif jsonb_array_length(item -> 'languages') not between 1 and 10 then
        errors := errors || '$.persona.languages: 1 to 10 languages'::text;
      else
        for i in 0 .. jsonb_array_length(item -> 'languages') - 1 loop
          errors := errors || private.settings_text_errors(item -> 'languages' -> i, format('$.persona.languages[%s]', i), 4,
                                                           '^(auto|[a-z]{2})$');
        end loop;
        if not private.settings_errors_under(errors, '$.persona.languages')
           and (select count(distinct l) <> count(*) from jsonb_array_elements_text(item -> 'languages') l) then
          errors := errors || '$.persona.languages: each language once'::text;
        end if;
      end if;
    end if;
  end if;

  item := doc -> 'hours';
  if item is not null and jsonb_typeof(item) <> 'null' then
    if jsonb_typeof(item) <> 'object' then
      errors := errors || '$.hours: must be an object'::text;
    else
      errors := errors
        || private.settings_key_errors(item, '$.hours', array['time_zone', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
                                       '{time_zone}')
        || private.settings_text_errors(item -> 'time_zone', '$.hours.time_zone', 64);
      if jsonb_typeof(item -> 'time_zone') = 'string'
         and not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = item ->> 'time_zone') then
        errors := errors || '$.hours.time_zone: an IANA time zone, e.g. Europe/Moscow'::text;
      end if;
      foreach day in array array['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] loop
        at := '$.hours.' || day;
        errors := errors || private.settings_text_errors(item -> day, at, 11,
          '^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', false, true);
        span := item ->> day;
        if span ~ '^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
           and jsonb_typeof(item -> day) = 'string' and left(span, 5) >= right(span, 5) then
          errors := errors || (at || ': the end must come after the start (a day ends at 24:00)');
        end if;
      end loop;
    end if;
  end if;

  item := doc -> 'contacts';
  if item is not null and jsonb_typeof(item) <> 'object' then
    errors := errors || '$.contacts: must be an object'::text;
  elsif item is not null then
    errors := errors
      || private.settings_key_errors(item, '$.contacts', array['phone', 'whatsapp', 'telegram', 'email', 'address', 'website'])
      || private.settings_text_errors(item -> 'phone', '$.contacts.phone', 16, '^\+[1-9][0-9]{7,14}$', false, true)
      || private.settings_text_errors(item -> 'whatsapp', '$.contacts.whatsapp', 16, '^\+[1-9][0-9]{7,14}$', false, true)
      || private.settings_text_errors(item -> 'telegram', '$.contacts.telegram', 33, '^@[A-Za-z0-9_]{5,32}$', false, true)
      || private.settings_text_errors(item -> 'email', '$.contacts.email', 254, '^[^@\s]+@[^@\s]+\.[^@\s]+$', false, true)
      || private.settings_text_errors(item -> 'address', '$.contacts.address', 500, null, true, true)
      || private.settings_text_errors(item -> 'website', '$.contacts.website', 300, '^https?://\S+$', false, true);
  end if;

  for i in 0 .. jsonb_array_length(coalesce(doc -> 'offerings', '[]')) - 1 loop
    item := doc -> 'offerings' -> i;
    at := format('$.offerings[%s]', i);
    if jsonb_typeof(item) <> 'object' then
      errors := errors || (at || ': must be an object');
      continue;
    end if;
    errors := errors
      || private.settings_key_errors(item, at, array['name', 'description', 'price', 'includes', 'synonyms'], '{name}')
      || private.settings_text_errors(item -> 'name', at || '.name', 200, null, true)
      || private.settings_text_errors(item -> 'description', at || '.description', 2000)
      || private.settings_texts_errors(item -> 'includes', at || '.includes', 50, 300)
      || private.settings_texts_errors(item -> 'synonyms', at || '.synonyms', 100, 100);
    if item ? 'price' then
      errors := errors || private.settings_price_errors(item -> 'price', at || '.price');
    end if;
  end loop;
  errors := errors || private.settings_texts_errors(doc -> 'not_offered', '$.not_offered', 200, 200);
  for i in 0 .. jsonb_array_length(coalesce(doc -> 'faq', '[]')) - 1 loop
    item := doc -> 'faq' -> i;
    at := format('$.faq[%s]', i);
    if jsonb_typeof(item) <> 'object' then
      errors := errors || (at || ': must be an object');
      continue;
    end if;
    errors := errors
      || private.settings_key_errors(item, at, array['id', 'question', 'answer', 'phrases'], '{question,answer}')
      || private.settings_text_errors(item -> 'id', at || '.id', 64, '^[a-z][a-z0-9_]{0,63}$', false, true)
      || private.settings_text_errors(item -> 'question', at || '.question', 500, null, true)
      || private.settings_text_errors(item -> 'answer', at || '.answer', 4000, null, true)
      || private.settings_texts_errors(item -> 'phrases', at || '.phrases', 50, 300);
  end loop;
  for i in 0 .. jsonb_array_length(coalesce(doc -> 'lead_fields', '[]')) - 1 loop
    errors := errors || private.settings_text_errors(doc -> 'lead_fields' -> i, format('$.lead_fields[%s]', i), 8,
                                                     '^(need|budget|location|timeline|name|contact)$');
  end loop;
  for i in 0 .. jsonb_array_length(coalesce(doc -> 'customer_contacts', '[]')) - 1 loop
    errors := errors || private.settings_text_errors(doc -> 'customer_contacts' -> i, format('$.customer_contacts[%s]', i),
                                                     8, '^(phone|email|whatsapp|telegram)$');
  end loop;
  if jsonb_array_length(coalesce(doc -> 'customer_contacts', '[1]')) = 0 then
    errors := errors || '$.customer_contacts: at least one kind of contact'::text;
  end if;
  -- What must be unique, once every item of the list reads.
  if not private.settings_errors_under(errors, '$.offerings') and (
      select count(distinct lower(o ->> 'name')) <> count(*) from jsonb_array_elements(coalesce(doc -> 'offerings', '[]')) o) then
    errors := errors || '$.offerings: offering names must be unique'::text;
  end if;
  if not private.settings_errors_under(errors, '$.faq') and (
      select count(distinct f ->> 'id') <> count(f ->> 'id') from jsonb_array_elements(coalesce(doc -> 'faq', '[]')) f) then
    errors := errors || '$.faq: faq ids must be unique'::text;
  end if;
  if not private.settings_errors_under(errors, '$.lead_fields') and (
      select count(distinct l) <> count(*) from jsonb_array_elements_text(coalesce(doc -> 'lead_fields', '[]')) l) then
    errors := errors || '$.lead_fields: lead fields must be unique'::text;
  end if;
  if not private.settings_errors_under(errors, '$.customer_contacts') and (
      select count(distinct c) <> count(*) from jsonb_array_elements_text(coalesce(doc -> 'customer_contacts', '[]')) c) then
    errors := errors || '$.customer_contacts: customer contacts must be unique'::text;
  end if;
  return errors;
end
$$;
comment on function private.settings_errors(jsonb) is
  'Every way a settings document breaks the rules of functions/salesbot/models.py (BotSettings), each as "<JSON path>: <problem>".';
grant execute on function private.settings_key_errors, private.settings_text_errors, private.settings_texts_errors,
  private.settings_errors_under, private.settings_amount_errors, private.settings_price_errors, private.settings_errors to authenticated, service_role;

-- Whoever writes, only a valid document is stored (PT422 lists what is wrong), and each change of
-- it gets a new revision.
create function private.check_settings_document() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  errors text[];
begin
  if tg_op = 'UPDATE' and new.document is not distinct from old.document then
    new.revision := old.revision;
    return new;
  end if;
  errors := private.settings_errors(new.document);
  if errors <> '{}' then
    raise sqlstate 'PT422' using message = 'invalid settings: ' || array_to_string(errors[1:3], '; ')
      || case when cardinality(errors) > 3 then format(' (and %s more)', cardinality(errors) - 3) else '' end,
      detail = to_jsonb(errors)::text;
  end if;
  if tg_op = 'UPDATE' then
    new.revision := old.revision + 1;
    new.updated_at := now();
  end if;
  return new;
end
$$;

create trigger bot_settings_check_document
  before insert or update on public.bot_settings
  for each row execute function private.check_settings_document();

-- === Settings RPCs ===============================================================================

create function public.get_bot_settings(p_owner_id uuid default null)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  -- Resolved before the row is read: inside the query it would run only for a row RLS lets through.
  company uuid := private.acting_company(p_owner_id, 'viewer');
begin
  return (select jsonb_build_object('document', s.document, 'revision', s.revision, 'updated_at', s.updated_at)
          from public.bot_settings s
          where s.owner_id = company);
end
$$;
comment on function public.get_bot_settings(uuid) is
$$The company's settings document with its revision (viewer and above). p_owner_id names the company (optional for a member of one company only).$$;
grant execute on function public.get_bot_settings to authenticated;

create function public.put_bot_settings(p_document jsonb, p_revision bigint default null, p_owner_id uuid default null)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'admin');
  saved public.bot_settings;
begin
  update public.bot_settings s set document = p_document
  where s.owner_id = company and (p_revision is null or s.revision = p_revision)
  returning * into saved;
  if saved.owner_id is null then
    raise sqlstate 'PT412' using message = 'the settings changed since they were read: read them again';
  end if;
  return jsonb_build_object('document', saved.document, 'revision', saved.revision, 'updated_at', saved.updated_at);
end
$$;
comment on function public.put_bot_settings(jsonb, bigint, uuid) is
$$Replace the company's settings document (admin and above). p_revision: the revision it was read at (a 412 when it
has changed since), null to overwrite. p_owner_id names the company (optional for a member of one company only). An
invalid document is a 422 whose detail lists every error with its JSON path.$$;
grant execute on function public.put_bot_settings to authenticated;

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
  perform private.require_plan_room(company, 'channels');  -- 402 past the plan's channels
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
$$Connect a Telegram bot or a web widget to a company (admin and above); p_owner_id names the company (optional for a member of one company only); 402 past the channels the plan includes.
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
