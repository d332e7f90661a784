-- What the webhooks need to lose nothing and answer once: the updates already taken in, the
-- messages still to deliver (a transactional outbox), and rate limits. Service-only tables: RLS
-- on, no member policy. And the way back from the company's people to its customers: managers'
-- replies, the Telegram chats where the company's bot posts to its managers, and the one-time
-- codes that link those chats and the managers' Telegram accounts.
--
-- The bot's reply to an update, its delivery and the managers' notice of a newly qualified lead
-- are written in one transaction, so a process that dies between them leaves all of them or none;
-- attempts at one update (Telegram retrying while we are still thinking, a widget resending) take
-- turns instead of racing. A chat's messages go out in the order they were written, even after
-- the Bot API was down. A periodic sweep (the deliver_outbox function) retries what is due; a
-- delivery Telegram refuses for good (the customer blocked the bot) is given up with its reason.
-- Each sweep tries one failed delivery per channel even during its backoff, and once a bot gets a
-- message through again its other failed ones are due at once: after an outage, customers wait
-- for the next sweep, not out an hour of backoff.
--
-- A manager's reply is stored and queued for the customer's chat in one transaction too, behind
-- whatever still waits for that chat, so it keeps its place among the bot's replies and has their
-- guarantees. Posts to managers (a customer waiting for a person, what they write meanwhile, a
-- reminder when nobody answers, a new qualified lead) are queued with the change they report.

-- === Tables ======================================================================================

create table public.channel_updates (
  owner_id uuid not null references public.companies (id) on delete cascade,
  channel_id uuid not null references public.channels (id) on delete cascade,
  -- Telegram's update_id, or the widget's request id (webhook-id).
  update_key text not null check (char_length(update_key) between 1 and 128),
  customer_id uuid not null references public.customers (id) on delete cascade,
  reply text,
  created_at timestamptz not null default now(),
  -- Per customer: a widget's request ids come from its visitors' browsers, so one visitor reusing
  -- another's id must neither get that visitor's reply nor have their own message dropped.
  primary key (channel_id, customer_id, update_key)
);
create index channel_updates_customer_idx on public.channel_updates (customer_id);
create index channel_updates_owner_idx on public.channel_updates (owner_id, created_at desc);
-- The sweep forgets updates by age (forget_expired).
create index channel_updates_created_idx on public.channel_updates (created_at);
alter table public.channel_updates enable row level security;
comment on table public.channel_updates is 'Channel updates already taken in (Telegram update_id, widget request id): each is answered once.';
comment on column public.channel_updates.update_key is 'Telegram''s update_id or the widget''s request id (webhook-id), unique per customer.';
comment on column public.channel_updates.customer_id is 'The conversation the update belongs to.';
comment on column public.channel_updates.reply is 'The reply given, returned again to a replay.';
grant select, insert, update, delete on public.channel_updates to service_role;

create table public.outbox (
  id bigint generated always as identity primary key,
  owner_id uuid not null references public.companies (id) on delete cascade,
  channel_id uuid not null references public.channels (id) on delete cascade,
  chat_id text not null,
  text text not null check (char_length(text) between 1 and 4096),
  purpose text not null check (purpose in ('reply', 'notification')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  abandoned_at timestamptz,
  -- The conversation it belongs to (a reply) or is about (a post to managers).
  customer_id uuid references public.customers (id) on delete cascade,
  -- The stored message it delivers, for a reply.
  message_id bigint references public.messages (id) on delete cascade,
  -- Telegram's message_id once sent: a manager's Telegram reply to a post names it.
  sent_message_id bigint
);
create index outbox_owner_idx on public.outbox (owner_id, created_at desc);
create index outbox_customer_idx on public.outbox (customer_id) where customer_id is not null;
create index outbox_message_idx on public.outbox (message_id) where message_id is not null;
-- A post a manager replies to, found by its chat and Telegram's id for it.
create index outbox_post_idx on public.outbox (channel_id, chat_id, sent_message_id)
  where purpose = 'notification' and sent_message_id is not null;
create index outbox_due_idx on public.outbox (channel_id, next_attempt_at) where delivered_at is null and abandoned_at is null;
create index outbox_sweep_idx on public.outbox (next_attempt_at) where delivered_at is null and abandoned_at is null;
-- A delivery is claimed only when no earlier one of the same chat is still waiting.
create index outbox_chat_pending_idx on public.outbox (channel_id, chat_id, id)
  where delivered_at is null and abandoned_at is null;
-- The sweep forgets settled deliveries by age (forget_expired).
create index outbox_settled_idx on public.outbox ((coalesce(delivered_at, abandoned_at)))
  where delivered_at is not null or abandoned_at is not null;
alter table public.outbox enable row level security;
comment on table public.outbox is 'Messages to Telegram that could not go out at once; retried with backoff until delivered.';
comment on column public.outbox.chat_id is 'The Telegram chat to send to.';
comment on column public.outbox.text is 'What to send.';
comment on column public.outbox.purpose is 'reply (to a customer) or notification (to a manager).';
comment on column public.outbox.attempts is 'How many times sending was tried.';
comment on column public.outbox.next_attempt_at is 'When it is due to be tried again.';
comment on column public.outbox.last_error is 'Why the last try failed; empty while a try is under way.';
comment on column public.outbox.delivered_at is 'When it went out; null while pending.';
comment on column public.outbox.abandoned_at is 'When Telegram refused it for good (last_error says why); not retried.';
comment on column public.outbox.customer_id is 'The conversation a reply belongs to, or a post to managers is about.';
comment on column public.outbox.message_id is 'The stored bot or manager message a reply delivers.';
comment on column public.outbox.sent_message_id is 'Telegram''s message_id for it, once sent.';
grant select, insert, update, delete on public.outbox to service_role;

-- Counters only the service touches, so they live outside the API's schema.
-- No index on window_start, which forget_expired filters on: every hit of a new window rewrites
-- it, and the table holds about an hour of customers, a quick scan once a minute.
create table private.rate_limits (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null
);
grant select, insert, update, delete on private.rate_limits to service_role;

-- Telegram chats where a company's bot posts to the company's people: a group of managers, or one
-- person's private chat with the bot. Linked with an admin's one-time code, through the bot that
-- then posts there; unlinked by deleting the row.
create table public.manager_chats (
  channel_id uuid not null,
  chat_id bigint not null,
  owner_id uuid not null,
  chat_type text not null check (chat_type in ('private', 'group', 'supergroup')),
  language text not null default 'en' check (language in ('ru', 'en')),
  linked_by uuid references auth.users (id) on delete set null,
  linked_at timestamptz not null default now(),
  primary key (channel_id, chat_id),
  foreign key (owner_id, channel_id) references public.channels (owner_id, id) on delete cascade
);
create index manager_chats_owner_idx on public.manager_chats (owner_id, channel_id);
create index manager_chats_linked_by_idx on public.manager_chats (linked_by) where linked_by is not null;
select private.create_tenant_policies('public.manager_chats', 'viewer', null, 'admin');
comment on table public.manager_chats is 'Telegram chats where the company''s bot posts to its people: waiting customers, their messages, reminders, new leads.';
comment on column public.manager_chats.channel_id is 'The company''s bot that posts there (the one the chat was linked through).';
comment on column public.manager_chats.chat_id is 'Telegram''s chat id.';
comment on column public.manager_chats.owner_id is 'The company.';
comment on column public.manager_chats.chat_type is 'private, group or supergroup.';
comment on column public.manager_chats.language is 'The language of the posts (ru or en), from the Telegram account that linked the chat.';
comment on column public.manager_chats.linked_by is 'The admin whose code linked the chat.';
comment on column public.manager_chats.linked_at is 'When the chat was linked.';
grant select, delete on public.manager_chats to authenticated;
grant select, insert, update on public.manager_chats to service_role;

-- Who is who in a managers' chat: a member's Telegram account, linked with that member's own
-- one-time code. Only a linked member with the manager role or above acts there.
create table public.member_telegram_accounts (
  owner_id uuid not null,
  user_id uuid not null,
  telegram_user_id bigint not null,
  linked_at timestamptz not null default now(),
  primary key (owner_id, user_id),
  unique (owner_id, telegram_user_id),
  foreign key (owner_id, user_id) references public.members (owner_id, user_id) on delete cascade
);
select private.create_tenant_policies('public.member_telegram_accounts', 'viewer', null, 'admin');
create policy own_delete on public.member_telegram_accounts for delete to authenticated
  using (user_id = (select auth.uid()));
comment on table public.member_telegram_accounts is 'Members'' Telegram accounts: who answers customers from a managers'' chat.';
comment on column public.member_telegram_accounts.owner_id is 'The company.';
comment on column public.member_telegram_accounts.user_id is 'The member.';
comment on column public.member_telegram_accounts.telegram_user_id is 'The member''s Telegram user id.';
comment on column public.member_telegram_accounts.linked_at is 'When the account was linked.';
grant select, delete on public.member_telegram_accounts to authenticated;
grant select, insert, update, delete on public.member_telegram_accounts to service_role;

-- One-time codes that link a managers' chat (`chat`, an admin's) or a member's own Telegram account
-- (`member`). Only a hash is kept: a leaked row links nothing.
create table private.link_codes (
  code_hash text primary key,
  owner_id uuid not null references public.companies (id) on delete cascade,
  purpose text not null check (purpose in ('chat', 'member')),
  created_by uuid not null references auth.users (id) on delete cascade,
  expires_at timestamptz not null,
  used_at timestamptz,
  used_for text  -- 'chat:<id>' or 'user:<id>': a retried /link finds what it linked
);
create index link_codes_owner_idx on private.link_codes (owner_id, expires_at);
create index link_codes_created_by_idx on private.link_codes (created_by);
grant select, update on private.link_codes to service_role;

-- === Posts to managers ==========================================================================

-- The language of a post or a note: Russian for Russian (and its neighbours' Cyrillic) speakers,
-- English for everyone else.
create function private.post_language(code text) returns text
language sql immutable
set search_path = ''
as $$
  select case when code in ('ru', 'uk', 'be') then 'ru' else 'en' end
$$;

-- What the company's bot says to managers, and its note to a customer kept waiting, in Russian and
-- English. Plain text: Telegram gets no parse_mode, so a customer's name can never become markup.
create function private.say(p_key text, p_language text) returns text
language sql immutable
set search_path = ''
as $$
  select coalesce(phrases -> p_language ->> p_key, phrases -> 'en' ->> p_key)
  from (select $phrases$ {
    "ru": {
      "waiting": "🙋 Клиент ждёт менеджера",
      "reminder": "⏰ Клиенту не отвечают уже %s мин",
      "message": "💬 Пишет клиент",
      "new_lead": "Новый квалифицированный лид: ",
      "lead": "📋 Лид",
      "why": "Причина: ",
      "reason_customer_request": "просит живого человека",
      "reason_post_sale": "вопрос после покупки",
      "reason_urgent": "срочно",
      "reason_complaint": "жалоба",
      "reason_other": "бот передал разговор",
      "last_messages": "Последние сообщения:",
      "role_customer": "Клиент", "role_bot": "Бот", "role_manager": "Менеджер",
      "unnamed": "без имени",
      "channel_telegram": "Telegram", "channel_widget": "сайт", "channel_test": "тестовый чат",
      "taken": "Ведёт менеджер",
      "need": "Нужно: ", "phone": "Телефон: ", "email": "Email: ", "whatsapp": "WhatsApp: ", "telegram": "Telegram: ",
      "budget": "Бюджет: ",
      "location": "Где: ", "timeline": "Когда: ", "score": "Оценка: ", "per_month": " в месяц",
      "status_new": "новый", "status_contacted": "связались", "status_qualified": "квалифицирован",
      "how_linked": "↩️ Ответьте на это сообщение (Reply), и текст уйдёт клиенту. Ответ /take — взять разговор себе, /release — вернуть боту.",
      "how_short": "↩️ Ответьте на это сообщение, чтобы написать клиенту.",
      "how_unlinked": "Ответить клиенту: POST /reply, customer_id ",
      "no_leads": "Открытых лидов пока нет.",
      "waiting_note": "Извините, что заставляем вас ждать! Менеджер уже знает о вашем вопросе и скоро ответит здесь."
    },
    "en": {
      "waiting": "🙋 A customer is waiting for a manager",
      "reminder": "⏰ Nobody has answered this customer for %s min",
      "message": "💬 The customer writes",
      "new_lead": "New qualified lead: ",
      "lead": "📋 Lead",
      "why": "Why: ",
      "reason_customer_request": "asked for a person",
      "reason_post_sale": "a question after a purchase",
      "reason_urgent": "urgent",
      "reason_complaint": "a complaint",
      "reason_other": "the bot handed over",
      "last_messages": "Last messages:",
      "role_customer": "Customer", "role_bot": "Bot", "role_manager": "Manager",
      "unnamed": "unnamed",
      "channel_telegram": "Telegram", "channel_widget": "website", "channel_test": "test chat",
      "taken": "Taken by a manager",
      "need": "Need: ", "phone": "Phone: ", "email": "Email: ", "whatsapp": "WhatsApp: ", "telegram": "Telegram: ",
      "budget": "Budget: ",
      "location": "Location: ", "timeline": "When: ", "score": "Score: ", "per_month": " a month",
      "status_new": "new", "status_contacted": "contacted", "status_qualified": "qualified",
      "how_linked": "↩️ Reply to this message and your text goes to the customer. Reply /take to take the conversation, /release to give it back to the bot.",
      "how_short": "↩️ Reply to this message to answer the customer.",
      "how_unlinked": "To answer: POST /reply, customer_id ",
      "no_leads": "No open leads yet.",
      "waiting_note": "Sorry to keep you waiting! A manager knows about your question and will answer here shortly."
    }
  } $phrases$::jsonb) t(phrases)
$$;

-- Who a post is about: the name the lead or the channel gave, the username, and where they write.
create function private.describe_customer(cust public.customers, p_language text) returns text
language sql stable
set search_path = ''
as $$
  select concat_ws(' · ',
    coalesce(l.name, cust.display_name, private.say('unnamed', p_language))
      || coalesce(' (@' || cust.username || ')', ''),
    private.say('channel_' || ch.kind, p_language) || ' «' || ch.name || '»')
  from public.channels ch
  left join public.leads l on l.customer_id = cust.id
  where ch.id = cust.channel_id
$$;

-- What the lead holds, a field a line; null when there is no lead.
create function private.lead_lines(l public.leads, p_language text, with_score boolean) returns text
language sql immutable
set search_path = ''
as $$
  select nullif(concat_ws(E'\n',
    private.say('need', p_language) || l.need,
    private.say('phone', p_language) || l.phone,
    private.say('email', p_language) || l.email,
    private.say('whatsapp', p_language) || l.whatsapp,
    private.say('telegram', p_language) || l.telegram,
    private.say('budget', p_language) || coalesce(
      coalesce(trim_scale(l.budget_min)::text || '–', '') || trim_scale(l.budget_amount)::text || ' ' || l.budget_currency
        || case when l.budget_period = 'month' then private.say('per_month', p_language) else '' end,
      l.budget_text),
    private.say('location', p_language) || l.location,
    private.say('timeline', p_language) || l.timeline,
    case when with_score and l.id is not null then private.say('score', p_language) || l.score end), '')
$$;

-- The conversation's last messages, oldest first, each cut to a few lines.
create function private.recent_lines(p_customer_id uuid, how_many integer, p_language text) returns text
language sql stable
set search_path = ''
as $$
  select string_agg('— ' || private.say('role_' || t.role, p_language) || ': '
                    || case when char_length(t.text) > 300 then left(t.text, 299) || '…' else t.text end,
                    E'\n' order by t.id)
  from (select m.id, m.role, m.text from public.messages m
        where m.customer_id = p_customer_id order by m.id desc limit how_many) t
$$;

-- A post to managers about a customer: `waiting` (handed over to a person), `message` (they wrote
-- while waiting), `reminder` (nobody answered in time), `new_lead` (it just qualified), `lead` (a
-- line of /leads). In a linked chat it says how to answer by replying; elsewhere it gives the id
-- for POST /reply.
create function private.manager_post(p_kind text, cust public.customers, p_language text, p_linked boolean)
returns text
language sql stable
set search_path = ''
as $$
  select left(concat_ws(E'\n',
    case p_kind
      when 'waiting' then private.say('waiting', p_language) || ': ' || who
      when 'reminder' then format(private.say('reminder', p_language),
                                  floor(extract(epoch from now() - cust.waiting_since) / 60)) || ': ' || who
      when 'message' then private.say('message', p_language) || ': ' || who
      when 'new_lead' then private.say('new_lead', p_language) || coalesce(l.name, cust.display_name, private.say('unnamed', p_language))
      when 'lead' then private.say('lead', p_language) || ' (' || private.say('status_' || l.status, p_language) || '): ' || who
    end,
    case when p_kind in ('waiting', 'reminder') then private.say('why', p_language)
      || private.say('reason_' || coalesce(reason.handoff_reason, 'other'), p_language) end,
    case when p_kind in ('reminder', 'lead') and cust.handed_over_by is not null then private.say('taken', p_language) end,
    case when p_kind <> 'message' then private.lead_lines(l, p_language, p_kind = 'new_lead') end,
    case when p_kind in ('waiting', 'reminder') then private.say('last_messages', p_language) || E'\n'
      || private.recent_lines(cust.id, 5, p_language) end,
    case when p_kind = 'message' then (
      select m.text from public.messages m
      where m.customer_id = cust.id and m.role = 'customer' order by m.id desc limit 1) end,
    case when not p_linked then private.say('how_unlinked', p_language) || cust.id
         when p_kind = 'message' then private.say('how_short', p_language)
         else private.say('how_linked', p_language) end
  ), 4096)
  from (select private.describe_customer(cust, p_language) as who) described
  left join public.leads l on l.customer_id = cust.id
  left join lateral (
    select m.handoff_reason from public.messages m
    where m.customer_id = cust.id and m.handoff_reason is not null order by m.id desc limit 1
  ) reason on true
$$;

-- Queues a post about the customer for every managers' chat of the company (through the bot it was
-- linked with), and, for a new lead, for the chats in bot_settings.notify_chat_ids too (through
-- the company's first bot, as before chats could be linked). Due at once. Returns how many.
create function private.queue_manager_posts(p_customer_id uuid, p_kind text)
returns integer
language sql volatile
set search_path = ''
as $$
  with cust as (
    select c from public.customers c where c.id = p_customer_id
  ), linked as (
    select mc.channel_id, mc.chat_id::text as chat_id, mc.language, true as linked
    from cust
    join public.manager_chats mc on mc.owner_id = (cust.c).owner_id
    join public.channels b on b.id = mc.channel_id and b.is_active
  ), listed as (
    select bot.id, chat_id::text, private.post_language((
             select l.code from jsonb_array_elements_text(s.document #> '{persona,languages}') with ordinality l (code, n)
             where l.code <> 'auto' order by l.n limit 1)), false
    from cust
    join public.bot_settings s on s.owner_id = (cust.c).owner_id
    cross join lateral unnest(s.notify_chat_ids) as chat_id
    cross join lateral (
      select b.id from public.channels b
      where b.owner_id = s.owner_id and b.kind = 'telegram' and b.is_active
      order by b.created_at limit 1
    ) bot
    where p_kind = 'new_lead' and chat_id::text not in (select linked.chat_id from linked)
  ), queued as (
    insert into public.outbox (owner_id, channel_id, chat_id, text, purpose, customer_id)
    select (cust.c).owner_id, d.channel_id, d.chat_id, private.manager_post(p_kind, cust.c, d.language, d.linked),
           'notification', p_customer_id
    from cust cross join (select * from linked union all select * from listed) d
    returning 1
  )
  select count(*)::integer from queued
$$;

grant execute on function private.post_language, private.say, private.describe_customer, private.lead_lines,
  private.recent_lines, private.manager_post, private.queue_manager_posts to service_role;

-- === Queueing replies ============================================================================

-- Queues `p_text` for a customer's chat behind whatever still waits for that chat, so a chat's
-- messages go out in the order written. Returns the delivery's id when nothing waits before it:
-- the caller sends it at once and marks it delivered, and only if that never happens does a later
-- sweep find it due (after 30 seconds). Returns null when it waits its turn: due at once, it goes
-- out as soon as the one before it does, and the caller must not send it ahead.
create function private.queue_delivery(p_owner_id uuid, p_channel_id uuid, p_chat_id text, p_text text,
                                       p_customer_id uuid, p_message_id bigint)
returns bigint
language plpgsql volatile
set search_path = ''
as $$
declare
  behind boolean := exists (
    select 1 from public.outbox o
    where o.channel_id = p_channel_id and o.chat_id = p_chat_id and o.delivered_at is null and o.abandoned_at is null);
  delivery bigint;
begin
  insert into public.outbox (owner_id, channel_id, chat_id, text, purpose, customer_id, message_id, next_attempt_at)
  values (p_owner_id, p_channel_id, p_chat_id, p_text, 'reply', p_customer_id, p_message_id,
          case when behind then now() else now() + interval '30 seconds' end)
  returning id into delivery;
  return case when not behind then delivery end;
end
$$;
grant execute on function private.queue_delivery to service_role;

-- The delivery of a stored bot or manager message to its customer: queued for a Telegram chat the
-- first time it is asked for, found afterwards; a widget or test-chat customer reads it from the
-- conversation (`stored`). Returns {status: queued, sent, refused or stored, delivery_id: to send
-- at once, or null}. Security definer, because members have no rights on the outbox: a manager's
-- reply queues its own delivery; and it can only ever queue an existing message of a company the
-- caller manages, for that message's own customer, once.
create function private.message_delivery(p_message_id bigint)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  msg public.messages;
  cust public.customers;
  chan public.channels;
  queued public.outbox;
begin
  select * into msg from public.messages m where m.id = p_message_id and m.role <> 'customer';
  if msg.id is null or ((select auth.role()) is distinct from 'service_role'
                        and not private.has_role(msg.owner_id, 'manager')) then
    raise sqlstate 'PT404' using message = 'message not found';
  end if;
  select * into queued from public.outbox o where o.message_id = msg.id;
  if queued.id is not null then
    return jsonb_build_object('delivery_id', null, 'status',
      case when queued.delivered_at is not null then 'sent' when queued.abandoned_at is not null then 'refused'
           else 'queued' end);
  end if;
  select * into cust from public.customers c where c.id = msg.customer_id;
  select * into chan from public.channels ch where ch.id = cust.channel_id;
  if chan.kind <> 'telegram' then
    return jsonb_build_object('delivery_id', null, 'status', 'stored');
  end if;
  -- A Telegram customer's id is their private chat's id.
  return jsonb_build_object('status', 'queued', 'delivery_id',
    private.queue_delivery(chan.owner_id, chan.id, cust.external_id, msg.text, cust.id, msg.id));
end
$$;
grant execute on function private.message_delivery to authenticated, service_role;

-- === Taking updates in ===========================================================================

-- Counts one hit against `key` in a fixed window (a minute unless told otherwise); returns 0 while
-- within `max_hits`, else the seconds until the window starts again (a Retry-After).
create function private.take_rate_limit(key text, max_hits integer, window_length interval default interval '1 minute')
returns integer
language sql volatile
set search_path = ''
as $$
  insert into private.rate_limits as r (key, window_start, hits) values (key, now(), 1)
  on conflict (key) do update set
    window_start = case when r.window_start < now() - window_length then now() else r.window_start end,
    hits = case when r.window_start < now() - window_length then 1 else r.hits + 1 end
  returning case when hits <= max_hits then 0
                 else greatest(1, ceil(extract(epoch from window_start + window_length - now())))::integer end
$$;
grant execute on function private.take_rate_limit to service_role;

-- The rate-limit key of a widget's client (the address the site's relay saw the visitor at) on a
-- channel: kept only as a hash, so the limits table holds no visitor's address.
create function private.client_key(p_channel_id uuid, p_client text) returns text
language sql immutable
set search_path = ''
as $$
  select 'client:' || p_channel_id || ':' || encode(sha256(convert_to(p_client, 'UTF8')), 'hex')
$$;
grant execute on function private.client_key to service_role;

-- Takes a channel's update in exactly once. The first time it stores the customer's message and
-- returns the context to answer it; a retry (the same key from the same customer) stores nothing
-- again and says whether it was answered (and with what), and the same key with another text is
-- refused. Attempts at the same update are serialised: the second waits for the first to commit
-- and then finds its row.
--
-- Limits, per minute. Past a hard cap nothing is stored and the answer is
-- {"refused": ..., "retry_after": seconds}, which the webhook turns into a 429 with Retry-After
-- (Telegram and the widget send again later): nothing is stored that nobody will answer, and
-- nothing is paid for. Each cap is counted only once the ones before it passed, so a flood spends
-- its own budget first, never the channel's.
--   * the client (widget only: the address the site's relay saw, which a visitor cannot rotate
--     as it rotates visitor ids; kept only as a hash): p_client_limit messages;
--   * new conversations: p_client_new_limit per client, p_new_customer_limit per channel;
--   * the channel: p_channel_limit messages.
-- Past the customer's own limit (p_customer_limit, soft), the message is still stored and the
-- answer says `rate_limited`: the customer gets a canned "slow down" instead of the brain.
--
-- What a customer writes to a person is posted to the managers' chats (unless they write faster
-- than their own limit).
create function public.ingest_channel_update(
  p_channel_id uuid,
  p_update_key text,
  p_customer text,
  p_text text,
  p_name text default null,
  p_username text default null,
  p_customer_limit integer default 20,
  p_channel_limit integer default 600,
  p_client text default null,
  p_client_limit integer default 60,
  p_client_new_limit integer default 10,
  p_new_customer_limit integer default 60
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  chan public.channels;
  cust public.customers;
  taken public.channel_updates;
  taken_text text;
  client_key text := private.client_key(p_channel_id, p_client);
  wait integer := 0;
  context jsonb;
  limited boolean;
begin
  select * into chan from public.channels c where c.id = p_channel_id;
  if chan.id is null then
    raise sqlstate 'PT404' using message = 'channel not found';
  end if;
  perform pg_advisory_xact_lock(hashtextextended(p_channel_id::text || '/' || p_customer || '/' || p_update_key, 0));
  select * into cust from public.customers c
  where c.owner_id = chan.owner_id and c.channel_id = chan.id and c.external_id = p_customer;
  if cust.id is not null then
    select * into taken from public.channel_updates u
    where u.channel_id = chan.id and u.customer_id = cust.id and u.update_key = p_update_key;
    if taken.customer_id is not null then
      select m.text into taken_text from public.messages m
      where m.owner_id = cust.owner_id and m.customer_id = cust.id and m.request_key = p_update_key
        and m.role = 'customer';
      if taken_text is distinct from p_text then
        raise sqlstate 'PT422' using message = 'this request id was already used for another message';
      end if;
      return private.conversation_context(cust, 40)
        || jsonb_build_object('duplicate', true, 'answered', taken.reply is not null, 'reply', taken.reply);
    end if;
  end if;

  if p_client is not null then
    wait := private.take_rate_limit(client_key, p_client_limit);
    if wait = 0 and cust.id is null then
      wait := greatest(private.take_rate_limit('new:' || client_key, p_client_new_limit),
                       private.take_rate_limit('new:channel:' || p_channel_id, p_new_customer_limit));
    end if;
  end if;
  if wait = 0 then
    wait := private.take_rate_limit('channel:' || p_channel_id, p_channel_limit);
  end if;
  if wait > 0 then
    return jsonb_build_object('refused', 'too many messages, send again later', 'retry_after', wait);
  end if;

  context := public.ingest_customer_message(p_customer, p_text, p_name, p_username, p_channel_id,
                                            p_request_key => p_update_key);
  insert into public.channel_updates (owner_id, channel_id, update_key, customer_id)
  values (chan.owner_id, chan.id, p_update_key, (context ->> 'customer_id')::uuid);
  limited := private.take_rate_limit('customer:' || (context ->> 'customer_id'), p_customer_limit) > 0;
  if (context ->> 'handed_over')::boolean and not limited then
    perform private.queue_manager_posts((context ->> 'customer_id')::uuid, 'message');
  end if;
  return context || jsonb_build_object('duplicate', false, 'rate_limited', limited);
end
$$;

-- === Recording the bot's turn ====================================================================

-- Records the bot's turn for a channel update, once: the reply (with record_bot_turn), the update
-- marked answered, the reply queued for `p_chat_id` when it goes out through a bot, and the posts
-- to managers when the bot hands the customer over or the lead has just qualified. If another
-- attempt answered the update first, or a manager took the conversation over meanwhile, nothing is
-- recorded and the answer says `superseded`, with the reply already given (if any).
create function public.record_channel_turn(
  p_channel_id uuid,
  p_update_key text,
  p_customer_id uuid,
  p_reply text,
  p_stage public.sales_stage,
  p_lead jsonb default '{}',
  p_score integer default 0,
  p_handoff boolean default false,
  p_language text default null,
  p_chat_id text default null,
  p_asked text default null,
  p_handoff_reason text default null
) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  taken public.channel_updates;
  handed boolean;
  recorded jsonb;
  delivery bigint;
  notices integer := 0;
begin
  select * into taken from public.channel_updates u
  where u.channel_id = p_channel_id and u.customer_id = p_customer_id and u.update_key = p_update_key
  for update;
  if not found then
    raise sqlstate 'PT404' using message = 'no such update for this customer';
  end if;
  if taken.reply is not null then
    return jsonb_build_object('superseded', true, 'reply', taken.reply, 'handed_over', false);
  end if;
  -- Locked before it is looked at: a manager's reply that took the conversation over committed first
  -- or waits for this turn to commit (see record_bot_turn).
  select c.handed_over_at is not null into handed from public.customers c where c.id = p_customer_id for update;
  if handed then
    return jsonb_build_object('superseded', true, 'reply', null, 'handed_over', true);
  end if;

  recorded := public.record_bot_turn(p_customer_id, p_reply, p_stage, p_lead, p_score, p_handoff, p_language,
                                     p_asked => p_asked, p_handoff_reason => p_handoff_reason);
  update public.channel_updates set reply = p_reply
  where channel_id = p_channel_id and customer_id = p_customer_id and update_key = p_update_key;
  if p_chat_id is not null and p_reply is not null then
    delivery := private.queue_delivery(taken.owner_id, p_channel_id, p_chat_id, p_reply, p_customer_id,
                                       (recorded ->> 'message_id')::bigint);
  end if;
  if p_handoff then
    notices := private.queue_manager_posts(p_customer_id, 'waiting');
  end if;
  if coalesce((recorded -> 'lead' ->> 'newly_qualified')::boolean, false) then
    notices := notices + private.queue_manager_posts(p_customer_id, 'new_lead');
  end if;
  return recorded || jsonb_build_object('superseded', false, 'reply', p_reply, 'delivery_id', delivery,
                                        'notifications', notices);
end
$$;

grant execute on function public.ingest_channel_update, public.record_channel_turn to service_role;

-- === Delivering ==================================================================================

-- Claims up to p_limit due deliveries of the channel, each the oldest waiting of its chat; with
-- p_retry_failed (the sweep's probe of a channel), also one that failed and waits out its backoff.
-- Each is pushed back a while, so two workers never send the same one at once; one that succeeds
-- is then marked delivered.
create function public.claim_deliveries(p_channel_id uuid, p_limit integer default 10,
                                        p_retry_failed boolean default false)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with due as (
    select o.id from public.outbox o
    where o.channel_id = p_channel_id and o.delivered_at is null and o.abandoned_at is null
      and (o.next_attempt_at <= now() or (p_retry_failed and o.last_error is not null))
      and not exists (
        select 1 from public.outbox e
        where e.channel_id = o.channel_id and e.chat_id = o.chat_id and e.id < o.id
          and e.delivered_at is null and e.abandoned_at is null)
    order by o.next_attempt_at
    limit p_limit
    for update skip locked
  ), claimed as (
    update public.outbox o
    -- No last_error while it is in flight: only settled failures are brought forward on recovery.
    set attempts = o.attempts + 1, last_error = null,
        next_attempt_at = now() + least(interval '1 hour', interval '30 seconds' * power(2, o.attempts))
    from due where o.id = due.id
    returning o.id, o.chat_id, o.text, o.purpose
  )
  select coalesce(jsonb_agg(to_jsonb(claimed) order by claimed.id), '[]') from claimed
$$;

-- Records how a send went; a sent one keeps Telegram's message_id (`p_sent_message_id`). Answers
-- whether the channel has other deliveries due now (`due`), so a sender that has just got one
-- through claims more only when there are any.
create function public.finish_delivery(p_id bigint, p_error text default null, p_permanent boolean default false,
                                       p_sent_message_id bigint default null)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with finished as (
    update public.outbox
    set delivered_at = case when p_error is null then now() end,
        abandoned_at = case when p_error is not null and p_permanent then now() end,
        last_error = p_error,
        sent_message_id = p_sent_message_id
    where id = p_id
    returning channel_id
  ), failed_before as (
    -- The bot has just got a message through: its deliveries that failed and wait out a backoff
    -- are due now. Rows another sender holds are skipped, never waited for.
    select o.id from public.outbox o join finished f on o.channel_id = f.channel_id
    where p_error is null and o.id <> p_id and o.delivered_at is null and o.abandoned_at is null
      and o.last_error is not null and o.next_attempt_at > now()
    for update of o skip locked
  )
  update public.outbox o set next_attempt_at = now() from failed_before b where o.id = b.id;

  select jsonb_build_object('due', exists (
    select 1 from public.outbox o
    where o.channel_id = (select f.channel_id from public.outbox f where f.id = p_id)
      and o.delivered_at is null and o.abandoned_at is null and o.next_attempt_at <= now()));
$$;

-- The active channels with deliveries due or failed (worth a probe), longest waiting first.
create function public.channels_with_waiting_deliveries(p_limit integer default 100)
returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(due.channel_id), '[]')
  from (
    select o.channel_id, min(o.next_attempt_at) as since
    from public.outbox o join public.channels c on c.id = o.channel_id and c.is_active
    where o.delivered_at is null and o.abandoned_at is null and (o.next_attempt_at <= now() or o.last_error is not null)
    group by o.channel_id
    order by since
    limit p_limit
  ) due
$$;

-- Keeps the service's tables bounded; the sweep calls it. Deliveries settled (sent, or refused
-- for good) and updates taken in longer than `p_retention_days` ago are forgotten: Telegram stops
-- retrying an update within a day, and a widget retries for minutes. Rate-limit windows go an hour
-- after they began, since a window over counts nothing. At most `p_limit` rows of each per call,
-- rows another transaction holds skipped, so a sweep never waits or runs long; a backlog goes
-- over the next sweeps.
create function public.forget_expired(p_retention_days integer default 30, p_limit integer default 10000)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with expired_deliveries as (
    select o.id from public.outbox o
    where coalesce(o.delivered_at, o.abandoned_at) < now() - make_interval(days => p_retention_days)
    limit p_limit
    for update skip locked
  ), deliveries as (
    delete from public.outbox o using expired_deliveries e where o.id = e.id returning 1
  ), expired_updates as (
    select u.channel_id, u.customer_id, u.update_key from public.channel_updates u
    where u.created_at < now() - make_interval(days => p_retention_days)
    limit p_limit
    for update skip locked
  ), updates as (
    delete from public.channel_updates u using expired_updates e
    where u.channel_id = e.channel_id and u.customer_id = e.customer_id and u.update_key = e.update_key returning 1
  ), expired_windows as (
    select r.key from private.rate_limits r where r.window_start < now() - interval '1 hour'
    limit p_limit
    for update skip locked
  ), windows as (
    delete from private.rate_limits r using expired_windows e where r.key = e.key returning 1
  )
  select jsonb_build_object(
    'deliveries', (select count(*) from deliveries),
    'channel_updates', (select count(*) from updates),
    'rate_limits', (select count(*) from windows))
$$;

grant execute on function public.claim_deliveries, public.finish_delivery, public.channels_with_waiting_deliveries,
  public.forget_expired to service_role;

-- === Managers' replies ===========================================================================

-- A manager answers a customer of the company the request acts for (`p_owner_id`, optional for a
-- member of one company only): the reply is stored as theirs, the conversation is theirs (the bot
-- stays silent until it is released) and read up to the reply, the customer no longer waits, and a
-- Telegram customer's reply is queued behind whatever still waits for that chat. The message's
-- sender and time are the server's (check_message_author), as for any member's message. With
-- `p_request_key`, a retry stores and queues nothing again and answers as the first time did; the
-- same key with another text (or from another member) is a 422.
create function public.reply_to_customer(p_customer_id uuid, p_text text, p_request_key text default null,
                                         p_owner_id uuid default null)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  cust public.customers := private.require_company_customer(p_customer_id, p_owner_id, 'manager');
  author uuid := private.current_user_id();
  reply public.messages;
  duplicate boolean := false;
begin
  if author is null then
    raise sqlstate 'PT403' using message = 'a reply is written by a member of the company';
  end if;
  if char_length(btrim(coalesce(p_text, ''))) = 0 or char_length(p_text) > 4096 then
    raise sqlstate 'PT400' using message = 'text: 1 to 4096 characters';
  end if;
  perform 1 from public.customers c where c.id = cust.id for update;  -- see record_bot_turn
  insert into public.messages (owner_id, customer_id, role, text, request_key)
  values (cust.owner_id, cust.id, 'manager', p_text, p_request_key)
  on conflict (owner_id, customer_id, request_key, role) where request_key is not null do nothing
  returning * into reply;
  if reply.id is null then
    select * into reply from public.messages m
    where m.owner_id = cust.owner_id and m.customer_id = cust.id and m.request_key = p_request_key
      and m.role = 'manager';
    if reply.text is distinct from p_text or reply.sender_id is distinct from author then
      raise sqlstate 'PT422' using message = 'this Idempotency-Key was already used for another reply';
    end if;
    duplicate := true;
  else
    update public.customers c
    set handed_over_at = coalesce(c.handed_over_at, now()),
        handed_over_by = coalesce(c.handed_over_by, author),
        stage = 'handed_over',
        waiting_since = null, waiting_reminded_at = null,
        managers_read_up_to = greatest(c.managers_read_up_to, reply.id)
    where c.id = cust.id;
  end if;
  select * into cust from public.customers c where c.id = cust.id;
  return jsonb_build_object(
    'message_id', reply.id, 'customer_id', cust.id, 'channel_id', cust.channel_id,
    'channel', (select ch.kind from public.channels ch where ch.id = cust.channel_id),
    'chat_id', cust.external_id, 'created_at', reply.created_at, 'duplicate', duplicate,
    'handed_over', cust.handed_over_at is not null, 'taken_by', cust.handed_over_by)
    || private.message_delivery(reply.id);
end
$$;
comment on function public.reply_to_customer(uuid, text, text, uuid) is
$$A manager's reply to a customer, on the customer's own channel (manager and above); p_owner_id names the company (optional for a member of one company only), and a customer of another company is not found.
Stored as the caller's message; takes the conversation over (the bot stays silent until release_conversation); the customer no longer waits.
Returns status: queued (a Telegram customer's: in the outbox, in order with the bot's replies), refused (Telegram refused it for good), or stored (a widget or test-chat customer reads it from the conversation).
With p_request_key, a retry answers as the first call did.$$;
grant execute on function public.reply_to_customer to authenticated;

-- === Customers kept waiting ======================================================================

-- For the outbox sweep, before it delivers: every customer of a Telegram or widget channel who has
-- waited longer than their company's handover_wait_minutes gets one polite note (stored as the
-- bot's, due at once for a Telegram chat) and the managers a reminder; once per wait. Returns how
-- many were reminded.
create function public.remind_waiting_customers(p_limit integer default 100)
returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
  due public.customers;
  note bigint;
  reminded integer := 0;
begin
  for due in
    select c.* from public.customers c
    join public.bot_settings s on s.owner_id = c.owner_id
    join public.channels ch on ch.id = c.channel_id and ch.kind <> 'test'
    where c.waiting_since is not null and c.waiting_reminded_at is null
      and c.waiting_since <= now() - make_interval(mins => s.handover_wait_minutes)
    order by c.waiting_since
    limit p_limit
    for update of c skip locked
  loop
    insert into public.messages (owner_id, customer_id, role, text)
    values (due.owner_id, due.id, 'bot', private.say('waiting_note', private.post_language(due.language)))
    returning id into note;
    perform private.message_delivery(note);
    update public.outbox o set next_attempt_at = now() where o.message_id = note;  -- this sweep sends it
    perform private.queue_manager_posts(due.id, 'reminder');
    update public.customers c set waiting_reminded_at = now() where c.id = due.id;
    reminded := reminded + 1;
  end loop;
  return reminded;
end
$$;
grant execute on function public.remind_waiting_customers to service_role;

-- === Managers' chats =============================================================================

-- A one-time code, valid for 15 minutes, that links through the bot of the company the request acts
-- for (`p_owner_id`, optional for a member of one company only) either a managers' chat (`chat`,
-- admin and above) or the caller's own Telegram account (`member`, manager and above):
-- `/link <code>` sent there. Security definer, to write the codes no member may read; kept out of
-- the exposed schema behind the invoker function below.
create function private.create_link_code(p_purpose text, p_owner_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  needed public.member_role := case p_purpose when 'chat' then 'admin' when 'member' then 'manager' end;
  company uuid;
  -- The first twelve hex digits of a version 4 UUID are random: 48 bits, for 15 minutes and one use.
  code text := left(replace(gen_random_uuid()::text, '-', ''), 12);
  expires timestamptz := now() + interval '15 minutes';
begin
  if needed is null then
    raise sqlstate 'PT400' using message = 'purpose: chat (a managers'' chat) or member (your own Telegram account)';
  end if;
  company := private.acting_company(p_owner_id, needed);
  delete from private.link_codes lc where lc.owner_id = company and lc.expires_at < now() - interval '1 day';
  insert into private.link_codes (code_hash, owner_id, purpose, created_by, expires_at)
  values (encode(sha256(convert_to(code, 'UTF8')), 'hex'), company, p_purpose, private.current_user_id(), expires);
  return jsonb_build_object('code', code, 'purpose', p_purpose, 'expires_at', expires, 'command', '/link ' || code);
end
$$;
grant execute on function private.create_link_code to authenticated;

create function public.create_link_code(p_purpose text, p_owner_id uuid default null)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select private.create_link_code(p_purpose, p_owner_id)
$$;
comment on function public.create_link_code(text, uuid) is
$$A one-time code (15 minutes) to link through the company's Telegram bot (p_owner_id names the company; optional for a member of one company only): purpose chat (admin and above) links the chat where `/link <code>` is sent as a managers' chat; purpose member (manager and above) links the sender's Telegram account to the caller's membership.
Returns {code, purpose, expires_at, command}.$$;
grant execute on function public.create_link_code to authenticated;

-- `/link <code>` sent to a company's bot: links the chat or the sender's account, if the code is
-- that company's, unused and unexpired, and the member who made it still holds the role. A retry of
-- the same link answers `linked` again. Answers {status: linked, invalid, used or expired, purpose}.
create function public.redeem_link_code(p_channel_id uuid, p_code text, p_chat_id bigint, p_chat_type text,
                                        p_telegram_user_id bigint, p_language text default null)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  bot public.channels;
  code private.link_codes;
  target text;
begin
  select * into bot from public.channels c where c.id = p_channel_id and c.kind = 'telegram';
  select * into code from private.link_codes lc
  where lc.code_hash = encode(sha256(convert_to(lower(btrim(p_code)), 'UTF8')), 'hex')
  for update;
  if bot.id is null or code.owner_id is distinct from bot.owner_id or not exists (
    select 1 from public.members m
    where m.owner_id = code.owner_id and m.user_id = code.created_by
      and m.role >= case code.purpose when 'chat' then 'admin'::public.member_role else 'manager' end
  ) then
    return jsonb_build_object('status', 'invalid');
  end if;
  target := case code.purpose when 'chat' then 'chat:' || p_chat_id else 'user:' || p_telegram_user_id end;
  if code.used_at is not null then
    return jsonb_build_object('status', case when code.used_for = target then 'linked' else 'used' end,
                              'purpose', code.purpose);
  end if;
  if code.expires_at < now() then
    return jsonb_build_object('status', 'expired', 'purpose', code.purpose);
  end if;
  if code.purpose = 'chat' then
    insert into public.manager_chats (channel_id, chat_id, owner_id, chat_type, language, linked_by)
    values (bot.id, p_chat_id, bot.owner_id, p_chat_type, private.post_language(p_language), code.created_by)
    on conflict (channel_id, chat_id) do update
      set chat_type = excluded.chat_type, language = excluded.language, linked_by = excluded.linked_by,
          linked_at = now();
  else
    -- One Telegram account speaks for one member of a company.
    delete from public.member_telegram_accounts a
    where a.owner_id = bot.owner_id and a.telegram_user_id = p_telegram_user_id and a.user_id <> code.created_by;
    insert into public.member_telegram_accounts (owner_id, user_id, telegram_user_id)
    values (bot.owner_id, code.created_by, p_telegram_user_id)
    on conflict (owner_id, user_id) do update set telegram_user_id = excluded.telegram_user_id, linked_at = now();
  end if;
  update private.link_codes lc set used_at = now(), used_for = target where lc.code_hash = code.code_hash;
  return jsonb_build_object('status', 'linked', 'purpose', code.purpose);
end
$$;

-- What a message in a chat with a company's bot means to us: whether the chat is a linked
-- managers' chat (and its language), which member the sender is (a linked account of a manager
-- and above; null for anyone else), and which customer the post it replies to is about.
create function public.manager_chat_context(p_channel_id uuid, p_chat_id bigint, p_telegram_user_id bigint,
                                            p_reply_to_message_id bigint default null)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'linked', mc.chat_id is not null,
    'language', coalesce(mc.language, 'en'),
    'user_id', (
      select a.user_id from public.member_telegram_accounts a
      join public.members m on m.owner_id = a.owner_id and m.user_id = a.user_id and m.role >= 'manager'
      where a.owner_id = ch.owner_id and a.telegram_user_id = p_telegram_user_id),
    'customer_id', (
      select o.customer_id from public.outbox o
      where o.channel_id = p_channel_id and o.chat_id = p_chat_id::text and o.purpose = 'notification'
        and o.sent_message_id = p_reply_to_message_id))
  from public.channels ch
  left join public.manager_chats mc on mc.channel_id = ch.id and mc.chat_id = p_chat_id
  where ch.id = p_channel_id
$$;

-- /leads in a managers' chat: a post for each of the company's newest open leads, oldest first, so
-- the newest ends up last; each can be replied to. Returns how many posts were queued.
create function public.post_recent_leads(p_channel_id uuid, p_chat_id bigint, p_limit integer default 5)
returns integer
language sql volatile
set search_path = ''
as $$
  with chat as (
    select mc.* from public.manager_chats mc where mc.channel_id = p_channel_id and mc.chat_id = p_chat_id
  ), recent as (
    select c as cust, l.created_at
    from chat
    join public.leads l on l.owner_id = chat.owner_id and l.status in ('new', 'contacted', 'qualified')
    join public.customers c on c.id = l.customer_id
    order by l.created_at desc
    limit least(greatest(coalesce(p_limit, 5), 1), 10)
  ), posts as (
    select (recent.cust).id as customer_id, private.manager_post('lead', recent.cust, chat.language, true) as text,
           recent.created_at
    from recent cross join chat
    union all
    select null, private.say('no_leads', chat.language), null from chat where not exists (select 1 from recent)
  ), queued as (
    insert into public.outbox (owner_id, channel_id, chat_id, text, purpose, customer_id)
    select chat.owner_id, p_channel_id, p_chat_id::text, posts.text, 'notification', posts.customer_id
    from chat cross join posts
    order by posts.created_at nulls first
    returning 1
  )
  select count(*)::integer from queued
$$;

grant execute on function public.redeem_link_code, public.manager_chat_context, public.post_recent_leads to service_role;

-- === The widget ==================================================================================

-- What a visitor's open widget asks for every few seconds: the company's greeting, and the
-- conversation's messages after `p_after` (the newest message id it has), oldest first; at most
-- `p_limit`, the newest ones. A visitor who has not written yet has no messages. A poll stores
-- nothing and is no message: it is counted apart from messages, per client (`p_client`, the address
-- the relay saw; p_client_limit a minute), so a visitor who is only waiting never spends what their
-- messages may send, and a flood of polls from one client is refused like a flood of messages:
-- {"refused", "retry_after"}, which the webhook turns into a 429.
create function public.widget_messages(p_channel_id uuid, p_customer text, p_after bigint default 0,
                                       p_limit integer default 50, p_client text default null,
                                       p_client_limit integer default 600)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  wait integer := 0;
begin
  if p_client is not null then
    wait := private.take_rate_limit('poll:' || private.client_key(p_channel_id, p_client), p_client_limit);
  end if;
  if wait > 0 then
    return jsonb_build_object('refused', 'too many polls, ask again later', 'retry_after', wait);
  end if;
  return (
    select jsonb_build_object(
      'greeting', nullif(btrim(s.document #>> '{persona,greeting}'), ''),
      'handed_over', coalesce(c.handed_over_at is not null, false),
      'messages', coalesce((
        select jsonb_agg(jsonb_build_object('id', t.id, 'role', t.role, 'text', t.text, 'created_at', t.created_at)
                         order by t.id)
        from (
          select m.id, m.role, m.text, m.created_at from public.messages m
          where m.customer_id = c.id and m.id > coalesce(p_after, 0)
          order by m.id desc
          limit least(greatest(coalesce(p_limit, 50), 1), 100)) t), '[]'))
    from public.channels ch
    join public.bot_settings s on s.owner_id = ch.owner_id
    left join public.customers c on c.owner_id = ch.owner_id and c.channel_id = ch.id and c.external_id = p_customer
    where ch.id = p_channel_id and ch.kind = 'widget');
end
$$;
grant execute on function public.widget_messages to service_role;
