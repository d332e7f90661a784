-- Customers (a person writing through a channel), their messages, and leads: what the bot learned
-- about a customer and the pipeline a manager moves them along. The rules of that pipeline live
-- in triggers, so a dashboard's plain PATCH through PostgREST obeys them too.
-- Every child row references its parent together with its company, e.g. `leads (owner_id,
-- customer_id) -> customers (owner_id, id)`: PostgREST finds exactly one relationship for each
-- embed, and an embedded row can never be another company's. Natural keys include owner_id too:
-- a member's insert pointing at another company's row then fails on the foreign key, always,
-- instead of on a unique key that would tell whether that row (a lead, a visitor) exists.
-- What only the server may say (who wrote something, when, a status's history) is set by
-- triggers and column grants, so a member's plain PostgREST write cannot forge it.

-- === Full-text search ============================================================================

-- Russian and English at once: a customer may write either, and a manager searches in either.
create extension if not exists btree_gin with schema extensions;

create function private.bilingual_tsvector(body text) returns tsvector
language sql immutable parallel safe
set search_path = ''
as $$
  select to_tsvector('pg_catalog.russian', coalesce(body, '')) || to_tsvector('pg_catalog.english', coalesce(body, ''))
$$;

create function private.bilingual_tsquery(query text) returns tsquery
language sql immutable parallel safe
set search_path = ''
as $$
  select websearch_to_tsquery('pg_catalog.russian', query) || websearch_to_tsquery('pg_catalog.english', query)
$$;
grant execute on function private.bilingual_tsvector, private.bilingual_tsquery to authenticated, service_role;

-- === Types =======================================================================================

create type public.sales_stage as enum
  ('greeting', 'needs', 'qualification', 'offer', 'contact', 'handed_over');
create type public.message_role as enum ('customer', 'bot', 'manager');
create type public.lead_status as enum ('new', 'contacted', 'qualified', 'won', 'lost');

-- === Customers ===================================================================================

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
  -- Set while a handed-over customer waits for a person: from the handover, or from their first
  -- message after a manager last answered; a manager's reply or a release clears it.
  waiting_since timestamptz,
  -- When the customer waiting since waiting_since got the polite note and the managers a reminder:
  -- once per wait.
  waiting_reminded_at timestamptz,
  -- The last message the company's people have read; later customer messages are unread.
  managers_read_up_to bigint not null default 0,
  last_message_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  -- When the first reply (the bot's or a manager's) was stored; kept by a trigger on messages, so
  -- response_times reads one row per conversation instead of searching its messages.
  first_reply_at timestamptz,
  unique (owner_id, id),
  unique (owner_id, channel_id, external_id),
  foreign key (owner_id, channel_id) references public.channels (owner_id, id) on delete cascade
);
create index customers_owner_recent_idx on public.customers (owner_id, last_message_at desc);
create index customers_owner_created_idx on public.customers (owner_id, created_at desc);
-- A company's customers by channel, ids included: channel_conversion counts from this index alone.
create index customers_owner_channel_idx on public.customers (owner_id, channel_id) include (id);
-- Deleting a user sets references to null; without an index each delete would scan the whole
-- table. Partial, because most rows never name a member.
create index customers_handed_over_by_idx on public.customers (handed_over_by) where handed_over_by is not null;
-- The customers waiting for a person: a company's, for its inbox; all due ones, for the reminder sweep.
create index customers_waiting_idx on public.customers (owner_id, waiting_since) where waiting_since is not null;
create index customers_waiting_unreminded_idx on public.customers (waiting_since)
  where waiting_since is not null and waiting_reminded_at is null;
select private.create_tenant_policies('public.customers', 'viewer', 'manager', 'admin');
comment on table public.customers is 'A person writing to the company through a channel: one conversation.';
comment on column public.customers.id is 'The customer''s (conversation''s) id.';
comment on column public.customers.owner_id is 'The company.';
comment on column public.customers.channel_id is 'The channel the customer writes through.';
comment on column public.customers.external_id is 'The channel''s id for the person (Telegram user id, widget visitor id).';
comment on column public.customers.display_name is 'The name the channel gave.';
comment on column public.customers.username is 'The channel username, e.g. Telegram @username.';
comment on column public.customers.language is 'ISO 639-1 code of the language the customer writes in.';
comment on column public.customers.stage is 'Sales stage: greeting, needs, qualification, offer, contact, handed_over.';
comment on column public.customers.handed_over_at is 'Set while a human has the conversation; the bot is silent.';
comment on column public.customers.handed_over_by is 'The member who took the conversation over.';
comment on column public.customers.waiting_since is 'Since when a handed-over customer waits for a person''s answer; null when nobody is waiting.';
comment on column public.customers.waiting_reminded_at is 'When this wait''s polite note and the managers'' reminder went out (once per wait).';
comment on column public.customers.managers_read_up_to is 'The id of the last message the company''s people have read (mark_conversation_read, or a reply).';
comment on column public.customers.last_message_at is 'When the customer last wrote.';
comment on column public.customers.created_at is 'When the customer first wrote.';
comment on column public.customers.first_reply_at is 'When the customer first got an answer, from the bot or a manager.';
grant select, insert, update, delete on public.customers to authenticated;
grant select, insert, update on public.customers to service_role;

-- === Messages ====================================================================================

create table public.messages (
  id bigint generated always as identity primary key,
  owner_id uuid not null,
  customer_id uuid not null,
  role public.message_role not null,
  text text not null check (char_length(text) between 1 and 4096),
  -- The member who wrote it, for messages by a manager.
  sender_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  search tsvector generated always as (private.bilingual_tsvector(text)) stored,
  -- A test-chat request sent again (a client retrying after a timeout or a 503) is taken in once:
  -- the client's Idempotency-Key is kept on the customer's message and on the bot's reply.
  request_key text check (char_length(request_key) between 1 and 128),
  -- What a bot turn asked for and why it handed over, as data: reading it back from the reply's
  -- wording would change how stored conversations are read whenever a phrase is reworded.
  asked text check (asked in ('need', 'budget', 'location', 'timeline', 'name', 'phone', 'email', 'contact',
                              'callback')),
  handoff_reason text check (handoff_reason in ('customer_request', 'post_sale', 'urgent', 'complaint', 'other')),
  check (role = 'bot' or (asked is null and handoff_reason is null)),
  foreign key (owner_id, customer_id) references public.customers (owner_id, id) on delete cascade
);
-- A conversation is read newest first; dashboards list a company's recent messages.
create index messages_customer_idx on public.messages (customer_id, id desc);
create index messages_owner_recent_idx on public.messages (owner_id, created_at desc);
create index messages_sender_id_idx on public.messages (sender_id) where sender_id is not null;
-- owner_id first, so a company's search never wades through other companies' matches.
create index messages_search_idx on public.messages using gin (owner_id, search);
-- Why a conversation was handed over: the newest bot message that says so.
create index messages_handoff_idx on public.messages (customer_id, id desc) where handoff_reason is not null;
create unique index messages_request_key_idx on public.messages (owner_id, customer_id, request_key, role)
  where request_key is not null;
select private.create_tenant_policies('public.messages', 'viewer', 'manager', 'admin');
comment on table public.messages is 'The messages of a conversation.';
comment on column public.messages.id is 'Increases with every message: orders a conversation.';
comment on column public.messages.owner_id is 'The company.';
comment on column public.messages.customer_id is 'The conversation.';
comment on column public.messages.role is 'customer, bot or manager.';
comment on column public.messages.text is 'The message text (at most 4096 characters).';
comment on column public.messages.sender_id is 'The member who wrote it, for manager messages.';
comment on column public.messages.created_at is 'When the message was stored.';
comment on column public.messages.search is 'Full-text vector (Russian and English); use the search RPC.';
comment on column public.messages.request_key is
  'The request that stored it, answered once: the test chat''s Idempotency-Key (shared by the customer''s message and the bot''s reply), a Telegram update_id, a widget request id, a manager''s reply''s Idempotency-Key.';
comment on column public.messages.asked is
  'For a bot message: the lead field its question asked for (contact: a contact of a kind the company accepts; callback: a phone to call back).';
comment on column public.messages.handoff_reason is
  'For a bot message that handed the conversation to a person: why (customer_request, post_sale, urgent, complaint, other).';
-- What was said is never rewritten: no update, for anyone. Members name neither the time nor the
-- sender: both are the server's (check_message_author).
grant select, insert (owner_id, customer_id, role, text, request_key, asked, handoff_reason), delete
  on public.messages to authenticated;
grant select, insert on public.messages to service_role;

-- A member writes a manager's message, as themselves, at the server's time. A customer's or the
-- bot's words in a real channel come only from that channel (the service): a manager could
-- otherwise put words in a customer's mouth. The test chat is the exception: there the member
-- plays the customer, and the chat RPCs, run as the member, store both sides. A conversation the
-- member cannot see is left to RLS, which refuses the row as it refuses any other company's.
create function private.check_message_author() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user <> 'authenticated' then
    return new;  -- the service (the channels), or the operator
  end if;
  new.created_at := now();
  if new.role = 'manager' then
    new.sender_id := private.current_user_id();
    return new;
  end if;
  if exists (
    select 1 from public.customers c join public.channels ch on ch.id = c.channel_id
    where c.id = new.customer_id and ch.kind <> 'test'
  ) then
    raise sqlstate 'PT403' using message = 'only the channel writes a customer''s or the bot''s messages: write as manager';
  end if;
  new.sender_id := null;
  return new;
end
$$;

create trigger messages_author_checked
  before insert on public.messages
  for each row execute function private.check_message_author();

-- === Leads =======================================================================================

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  customer_id uuid not null,
  status public.lead_status not null default 'new',
  name text check (char_length(name) <= 200),
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email text check (char_length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  whatsapp text check (whatsapp ~ '^\+[1-9][0-9]{6,14}$'),
  telegram text check (telegram ~ '^@[A-Za-z0-9_]{5,32}$'),
  need text check (char_length(need) <= 1000),
  budget_amount numeric(16, 2) check (budget_amount >= 0),
  budget_currency text check (budget_currency ~ '^[A-Z]{3}$'),
  budget_min numeric(16, 2) check (budget_min >= 0),
  budget_max numeric(16, 2) check (budget_max >= 0),
  budget_period text check (budget_period in ('total', 'month')),
  budget_text text check (char_length(budget_text) <= 200),
  location text check (char_length(location) <= 200),
  timeline text check (char_length(timeline) <= 200),
  details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'),
  score smallint not null default 0 check (score between 0 and 100),
  source public.channel_kind,
  -- The customer's channel, copied by a trigger (lead rules, below): channel_conversion counts a
  -- company's leads per channel from one index instead of probing a lead per customer.
  channel_id uuid not null,
  assigned_to uuid references auth.users (id) on delete set null,
  -- When the lead first had a need and a contact the company accepts.
  qualified_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search tsvector generated always as (
    private.bilingual_tsvector(
      coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(whatsapp, '')
      || ' ' || coalesce(telegram, '') || ' ' || coalesce(need, '')
      || ' ' || coalesce(location, '') || ' ' || coalesce(timeline, '') || ' ' || coalesce(budget_text, '')
      || ' ' || details::text)
  ) stored,
  unique (owner_id, id),
  -- One lead per conversation (so PostgREST embeds a customer's lead as one object). The key holds
  -- the company, so a lead for another company's customer fails on the foreign key and tells
  -- nothing; the customer leads, so the index finds a conversation's lead.
  unique (customer_id, owner_id),
  foreign key (owner_id, customer_id) references public.customers (owner_id, id) on delete cascade,
  foreign key (owner_id, channel_id) references public.channels (owner_id, id) on delete cascade,
  check ((budget_amount is null) = (budget_currency is null)),
  -- Bounds and period describe a figure: none of them without an amount.
  check (budget_amount is not null or (budget_min is null and budget_max is null and budget_period is null)),
  check (budget_min <= budget_max)
);
create index leads_owner_recent_idx on public.leads (owner_id, created_at desc);
-- Carries the budget so the funnel is counted and summed from the index alone.
create index leads_owner_status_idx on public.leads (owner_id, status, created_at desc)
  include (budget_currency, budget_amount);
create index leads_owner_qualified_idx on public.leads (owner_id, qualified_at) where qualified_at is not null;
-- A company's leads by channel, with what channel_conversion counts of them: counted from the
-- index alone. Also the channel foreign key's index.
create index leads_owner_channel_idx on public.leads (owner_id, channel_id) include (status, qualified_at);
create index leads_assigned_to_idx on public.leads (owner_id, assigned_to) where assigned_to is not null;
create index leads_search_idx on public.leads using gin (owner_id, search);
-- A phone found by its last digits (private.matching_leads): the reversed number, read as a prefix.
create index leads_phone_suffix_idx on public.leads (owner_id, reverse(phone) text_pattern_ops) where phone is not null;
select private.create_tenant_policies('public.leads', 'viewer', 'manager', 'admin');
comment on table public.leads is 'What the bot learned about a customer, and where the sale stands.';
comment on column public.leads.id is 'The lead''s id.';
comment on column public.leads.owner_id is 'The company.';
comment on column public.leads.customer_id is 'The conversation (one lead per customer).';
comment on column public.leads.status is 'new, contacted, qualified, won or lost; change it with change_lead_status or a PATCH (transitions are enforced).';
comment on column public.leads.name is 'The customer''s name.';
comment on column public.leads.phone is 'E.164, only as the customer wrote it.';
comment on column public.leads.email is 'Lower-cased, only as the customer wrote it.';
comment on column public.leads.whatsapp is 'E.164: a number the customer said is on WhatsApp, or gave when asked for WhatsApp.';
comment on column public.leads.telegram is '@username the customer wrote, or the one they write from in Telegram.';
comment on column public.leads.need is 'What the customer wants: an offering''s name, or their words.';
comment on column public.leads.budget_amount is 'The budget''s amount (the upper bound of a range).';
comment on column public.leads.budget_currency is 'ISO 4217: the currency the customer named, else their region''s.';
comment on column public.leads.budget_min is 'The lower bound the customer gave ("от 5 до 7 млн", "from $300k"), if any.';
comment on column public.leads.budget_max is 'The upper bound the customer gave ("до 9 млн", "up to 5k"), if any.';
comment on column public.leads.budget_period is 'total or month ("50 тыс в месяц"), when the customer said which.';
comment on column public.leads.budget_text is 'The customer''s own words for a budget that has no figure ("недорого", "flexible").';
comment on column public.leads.location is 'Where: a city, and a district if named.';
comment on column public.leads.timeline is 'When, in the customer''s words.';
comment on column public.leads.details is 'Anything else learned, e.g. area_m2.';
comment on column public.leads.score is '0-100: completeness and intent.';
comment on column public.leads.source is 'The kind of channel the lead came from.';
comment on column public.leads.channel_id is 'The channel the lead came from (its customer''s; set by the database).';
comment on column public.leads.assigned_to is 'The member working the lead.';
comment on column public.leads.qualified_at is
  'When the lead first had a need and a contact of a kind the company accepts (settings customer_contacts).';
comment on column public.leads.created_at is 'When the bot first wrote the lead down.';
comment on column public.leads.updated_at is 'When the lead last changed.';
comment on column public.leads.search is 'Full-text vector (Russian and English); use the search RPC.';
grant select, insert, update, delete on public.leads to authenticated;
grant select, insert, update on public.leads to service_role;

-- An audit trail: written, never rewritten.
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
create index lead_status_history_changed_by_idx on public.lead_status_history (changed_by) where changed_by is not null;
-- Written only by the lead_status_changed trigger: members read it.
select private.create_tenant_policies('public.lead_status_history', 'viewer', null, null);
comment on table public.lead_status_history is 'Every status change of a lead: who, when, from what to what.';
comment on column public.lead_status_history.id is 'Increases with every change.';
comment on column public.lead_status_history.owner_id is 'The company.';
comment on column public.lead_status_history.lead_id is 'The lead that changed.';
comment on column public.lead_status_history.from_status is 'The status before the change.';
comment on column public.lead_status_history.to_status is 'The status after the change.';
comment on column public.lead_status_history.changed_by is 'The member who changed it (null for the service).';
comment on column public.lead_status_history.changed_at is 'When it changed.';
comment on column public.lead_status_history.note is 'The note given with the change.';
grant select on public.lead_status_history to authenticated, service_role;

-- Notes have a table of their own rather than living in lead_status_history: most notes are not
-- status changes ("called, no answer"), and the history is an audit trail that is only ever
-- appended to, so a note there would either invent a change or need a nullable to_status. A
-- note given with a status change (change_lead_status's p_note) stays with that change.
create table public.lead_notes (
  id bigint generated always as identity primary key,
  owner_id uuid not null,
  lead_id uuid not null,
  -- Always the writer: members cannot name it (no insert grant on the column).
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  body text not null check (char_length(body) between 1 and 4000),
  created_at timestamptz not null default now(),
  foreign key (owner_id, lead_id) references public.leads (owner_id, id) on delete cascade
);
create index lead_notes_lead_idx on public.lead_notes (lead_id, created_at);
create index lead_notes_owner_idx on public.lead_notes (owner_id, created_at desc);
create index lead_notes_author_idx on public.lead_notes (author_id) where author_id is not null;
select private.create_tenant_policies('public.lead_notes', 'viewer', null, 'admin');
create policy tenant_insert on public.lead_notes for insert to authenticated
  with check (owner_id = any ((select private.owner_id_array('manager'))::uuid[]));
-- A note says what its author wrote: only they may reword it (admins may still delete it).
create policy authors_update on public.lead_notes for update to authenticated
  using (owner_id = any ((select private.owner_id_array('manager'))::uuid[]) and author_id = (select auth.uid()))
  with check (owner_id = any ((select private.owner_id_array('manager'))::uuid[]));
comment on table public.lead_notes is 'Managers'' notes on a lead.';
comment on column public.lead_notes.id is 'Increases with every note.';
comment on column public.lead_notes.owner_id is 'The company.';
comment on column public.lead_notes.lead_id is 'The lead the note is about.';
comment on column public.lead_notes.author_id is 'The member who wrote the note.';
comment on column public.lead_notes.body is 'The note.';
comment on column public.lead_notes.created_at is 'When the note was written.';
-- Author and time are the server's: members write the note and the lead it is on, nothing else.
grant select, insert (owner_id, lead_id, body), update (body), delete on public.lead_notes to authenticated;

-- === Lead rules ==================================================================================

create function private.lead_status_allowed(from_status public.lead_status, to_status public.lead_status)
returns boolean
language sql immutable
set search_path = ''
as $$
  select (from_status, to_status) in (
    ('new', 'contacted'), ('new', 'qualified'), ('new', 'lost'),
    ('contacted', 'qualified'), ('contacted', 'lost'), ('contacted', 'new'),
    ('qualified', 'won'), ('qualified', 'lost'), ('qualified', 'contacted'),
    ('lost', 'new'))
$$;
grant execute on function private.lead_status_allowed to authenticated, service_role;

-- Security definer: the history grants members no insert, so this trigger is its only writer.
create function private.record_lead_status_change() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if not private.lead_status_allowed(old.status, new.status) then
    raise sqlstate 'PT409' using message = format('a lead cannot go from %s to %s', old.status, new.status);
  end if;
  insert into public.lead_status_history (owner_id, lead_id, from_status, to_status, changed_by, note)
  values (new.owner_id, new.id, old.status, new.status, private.current_user_id(),
          nullif(current_setting('salesbot.status_note', true), ''));
  new.updated_at := now();
  return new;
end
$$;

create trigger lead_status_changed
  before update of status on public.leads
  for each row when (old.status is distinct from new.status)
  execute function private.record_lead_status_change();

-- A lead is assigned only to a member of its own company.
create function private.check_lead_assignee() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.assigned_to is not null and not exists (
    select 1 from public.members m where m.owner_id = new.owner_id and m.user_id = new.assigned_to
  ) then
    raise sqlstate 'PT400' using message = 'the assignee is not a member of this company';
  end if;
  return new;
end
$$;

create trigger lead_assignee_checked
  before insert or update of assigned_to on public.leads
  for each row execute function private.check_lead_assignee();

-- What only the server says about a lead, whoever writes it through the API (a PostgREST write,
-- the chat RPCs run as a member, the service): it starts as `new`, and moves only along
-- lead_status_allowed, each step recorded in lead_status_history; it was created, changed and
-- first qualified when the server says. The operator's own writes (an import) are left alone.
create function private.set_lead_server_fields() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user not in ('authenticated', 'service_role') then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if new.status <> 'new' then
      raise sqlstate 'PT400' using message = 'a lead starts as new: move it on with change_lead_status';
    end if;
    new.created_at := now();
    new.qualified_at := case when new.qualified_at is not null then now() end;
  else
    new.created_at := old.created_at;
    new.qualified_at := coalesce(old.qualified_at, case when new.qualified_at is not null then now() end);
  end if;
  new.updated_at := now();
  return new;
end
$$;

create trigger lead_server_fields
  before insert or update on public.leads
  for each row execute function private.set_lead_server_fields();

-- === Kept for the dashboards ====================================================================

-- A lead's channel is its customer's: copied when the lead is written, and again if a customer
-- is moved to another channel.
create function private.copy_customer_channel() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_table_name = 'leads' then
    -- As the caller sees it: to a member, another company's customer is none, whether it exists or
    -- has a lead, and the lead fails alike (no channel). Nothing is raised here, so a row for
    -- another company meets row-level security first, as every other write does; a write that sees
    -- every customer (an operator's import) meets the foreign keys, which hold the company.
    select c.channel_id into new.channel_id from public.customers c where c.id = new.customer_id;
  else
    update public.leads l set channel_id = new.channel_id where l.customer_id = new.id and l.owner_id = new.owner_id;
  end if;
  return new;
end
$$;
create trigger lead_channel_copied
  before insert or update of customer_id on public.leads
  for each row execute function private.copy_customer_channel();
create trigger customer_channel_copied_to_lead
  after update of channel_id on public.customers
  for each row when (old.channel_id is distinct from new.channel_id)
  execute function private.copy_customer_channel();

-- The first reply to a customer, bot's or manager's, noted on the customer (response_times).
-- Security definer: whoever may store a reply may note it, whatever they may update.
create function private.note_first_reply() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.customers c set first_reply_at = new.created_at
  where c.id = new.customer_id and c.first_reply_at is null;
  return null;
end
$$;
create trigger first_reply_noted
  after insert on public.messages
  for each row when (new.role <> 'customer')
  execute function private.note_first_reply();

-- === Lead RPCs ===================================================================================

-- The lead's company, once the caller is known to see the lead (404) and to hold the role (403).
create function private.require_lead_role(lead uuid, min_role public.member_role) returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
  lead_owner uuid;
begin
  select l.owner_id into lead_owner from public.leads l where l.id = lead;
  if lead_owner is null then
    raise sqlstate 'PT404' using message = 'lead not found';
  end if;
  perform private.require_role(lead_owner, min_role);
  return lead_owner;
end
$$;
grant execute on function private.require_lead_role to authenticated, service_role;

create function private.lead_json(l public.leads, stage public.sales_stage)
returns jsonb
language sql immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', l.id, 'status', l.status, 'stage', stage,
    'name', l.name, 'phone', l.phone, 'email', l.email, 'whatsapp', l.whatsapp, 'telegram', l.telegram,
    'need', l.need,
    'budget_amount', l.budget_amount, 'budget_currency', l.budget_currency,
    'budget_min', l.budget_min, 'budget_max', l.budget_max, 'budget_period', l.budget_period,
    'budget_text', l.budget_text,
    'location', l.location, 'timeline', l.timeline, 'details', l.details,
    'score', l.score, 'qualified_at', l.qualified_at)
$$;
grant execute on function private.lead_json to authenticated, service_role;

create function public.change_lead_status(p_lead_id uuid, p_status public.lead_status, p_note text default null)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  changed public.leads;
  stage public.sales_stage;
begin
  perform private.require_lead_role(p_lead_id, 'manager');
  perform set_config('salesbot.status_note', coalesce(p_note, ''), true);
  update public.leads l set status = p_status where l.id = p_lead_id returning * into changed;
  perform set_config('salesbot.status_note', '', true);
  select c.stage into stage from public.customers c where c.id = changed.customer_id;
  return private.lead_json(changed, stage);
end
$$;
comment on function public.change_lead_status(uuid, public.lead_status, text) is
$$Move a lead to another status (manager and above).
Allowed: new -> contacted, qualified, lost; contacted -> qualified, lost, new; qualified -> won, lost, contacted; lost -> new. Any other is a 409. The change, its author, its time and p_note go to lead_status_history. Returns the lead.$$;

create function public.assign_lead(p_lead_id uuid, p_user_id uuid)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  changed public.leads;
  stage public.sales_stage;
begin
  perform private.require_lead_role(p_lead_id, 'manager');
  update public.leads l set assigned_to = p_user_id, updated_at = now() where l.id = p_lead_id returning * into changed;
  select c.stage into stage from public.customers c where c.id = changed.customer_id;
  return private.lead_json(changed, stage) || jsonb_build_object('assigned_to', changed.assigned_to);
end
$$;
comment on function public.assign_lead(uuid, uuid) is
$$Assign a lead to a member of its company, or unassign it with p_user_id null (manager and above).
Anyone who is not a member of the lead's company is a 400. Returns the lead with assigned_to.$$;

create function public.add_lead_note(p_lead_id uuid, p_body text)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  lead_owner uuid := private.require_lead_role(p_lead_id, 'manager');
  note public.lead_notes;
begin
  insert into public.lead_notes (owner_id, lead_id, body)
  values (lead_owner, p_lead_id, btrim(p_body))
  returning * into note;
  return to_jsonb(note);
end
$$;
comment on function public.add_lead_note(uuid, text) is
$$Add a note to a lead (manager and above).
The note (1-4000 characters, trimmed) is stored in lead_notes with its author. Returns the note.$$;

grant execute on function public.change_lead_status, public.assign_lead, public.add_lead_note to authenticated, service_role;

-- A manager corrects what the bot wrote down. Only the fields named in p_fields change (null
-- clears one); the table's checks hold as for any writer. Bounds and period describe a figure the
-- customer gave, so a budget set by hand has none.
create function public.update_lead(p_lead_id uuid, p_fields jsonb)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  editable constant text[] := array['name', 'phone', 'email', 'need', 'budget_amount', 'budget_currency', 'location',
                                    'timeline'];
  unknown text;
  budget_changed boolean;
  changed public.leads;
  stage public.sales_stage;
begin
  perform private.require_lead_role(p_lead_id, 'manager');
  if jsonb_typeof(p_fields) is distinct from 'object' then
    raise sqlstate 'PT400' using message = 'p_fields: an object of the fields to change';
  end if;
  select k into unknown from jsonb_object_keys(p_fields) k where k <> all (editable) order by k limit 1;
  if unknown is not null then
    raise sqlstate 'PT400' using message = format('%s: not a field a member may change', unknown);
  end if;
  select p_fields ? 'budget_amount' and (p_fields ->> 'budget_amount')::numeric is distinct from l.budget_amount
  into budget_changed
  from public.leads l where l.id = p_lead_id;
  update public.leads l set
    name = case when p_fields ? 'name' then p_fields ->> 'name' else l.name end,
    phone = case when p_fields ? 'phone' then p_fields ->> 'phone' else l.phone end,
    email = case when p_fields ? 'email' then lower(p_fields ->> 'email') else l.email end,
    need = case when p_fields ? 'need' then p_fields ->> 'need' else l.need end,
    budget_amount = case when p_fields ? 'budget_amount' then (p_fields ->> 'budget_amount')::numeric else l.budget_amount end,
    budget_currency = case when p_fields ? 'budget_currency' then upper(p_fields ->> 'budget_currency') else l.budget_currency end,
    budget_min = case when budget_changed then null else l.budget_min end,
    budget_max = case when budget_changed then null else l.budget_max end,
    budget_period = case when budget_changed then null else l.budget_period end,
    location = case when p_fields ? 'location' then p_fields ->> 'location' else l.location end,
    timeline = case when p_fields ? 'timeline' then p_fields ->> 'timeline' else l.timeline end,
    updated_at = now()
  where l.id = p_lead_id
  returning * into changed;
  select c.stage into stage from public.customers c where c.id = changed.customer_id;
  return private.lead_json(changed, stage) || jsonb_build_object('assigned_to', changed.assigned_to);
end
$$;
comment on function public.update_lead(uuid, jsonb) is
$$Correct a lead's fields (manager and above): p_fields names those to change among name, phone (E.164), email, need, budget_amount with budget_currency (ISO 4217), location and timeline; null clears one. A new budget figure drops the bounds and period the customer gave for the old one. Returns the lead.$$;
grant execute on function public.update_lead to authenticated;
