-- Plans, usage and billing: what each plan includes, what each company uses per billing period,
-- and the payments that move a company between plans.
--
-- Plans are data the operator edits (private.plans and their prices per payment provider): no code
-- names a plan. Every company has a subscription row from the moment it exists, on the default
-- (free) plan until a payment provider says otherwise. Usage is counted in the transaction that
-- stores the bot's reply (record_bot_turn), on one row per company and billing period, so it is
-- exact under any concurrency: replies counted are replies stored. Limits are enforced where the
-- cost is: the ingest RPCs tell the pipeline whether the plan still allows the model and the bot's
-- replies (past them the offline engine answers, or people do), and connect_channel and the team
-- RPCs ask for room before they add. The owners hear once at 80% and once at 100% of a period.
--
-- Payment providers' events arrive through the functions, verified and put into one neutral shape
-- (functions/salesbot/billing/events.py); apply_billing_event applies each once, whatever the
-- order of delivery: a provider's newer word on a subscription is never overwritten by an older one,
-- and a subscription that ended stays ended.

-- === Plans (the operator's data) =================================================================

create table private.plans (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name text not null check (char_length(name) between 1 and 100),
  -- What the plan includes per billing period (a month); null is unlimited.
  bot_replies integer check (bot_replies >= 0),
  llm_tokens bigint check (llm_tokens >= 0),
  channels integer check (channels >= 0),
  seats integer check (seats >= 1),
  crm_connectors integer check (crm_connectors >= 0),
  -- How long a paid plan stays on after a payment fails, while the provider retries.
  grace_days integer not null default 7 check (grace_days between 0 and 60),
  -- The plan every new company starts on; exactly one.
  is_default boolean not null default false,
  sort_order integer not null default 0,
  created_at timestamptz not null default now()
);
create unique index plans_one_default on private.plans (is_default) where is_default;
comment on table private.plans is
  'What each plan includes per billing period (null: unlimited). Edited by the operator; the default plan is every new company''s.';
grant select on private.plans to authenticated, service_role;

-- What a plan costs through each payment provider, and the provider's own id for that price (a
-- Stripe price id), which its events name when a customer changes plans in the provider's portal.
create table private.plan_prices (
  plan_id text not null references private.plans (id) on update cascade on delete cascade,
  provider text not null check (provider ~ '^[a-z][a-z0-9_]{0,30}$'),
  price_ref text not null check (char_length(price_ref) between 1 and 200),
  -- In the currency's minor units (cents, kopecks), as payment providers count.
  amount bigint not null check (amount >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  -- False: no new checkout for it; existing subscriptions keep it.
  is_offered boolean not null default true,
  primary key (plan_id, provider),
  unique (provider, price_ref)
);
comment on table private.plan_prices is
  'A plan''s price through a payment provider: the provider''s price id, amount in minor units, currency.';
grant select on private.plan_prices to authenticated, service_role;

insert into private.plans (id, name, bot_replies, llm_tokens, channels, seats, crm_connectors, is_default, sort_order)
values
  ('free', 'Free', 500, 500000, 2, 5, 1, true, 0),
  ('start', 'Start', 3000, 3000000, 5, 10, 3, false, 1),
  ('pro', 'Pro', 20000, 20000000, 20, 30, 10, false, 2);

-- === Subscriptions, usage, invoices ==============================================================

create table public.subscriptions (
  owner_id uuid primary key references public.companies (id) on delete cascade,
  plan_id text not null references private.plans (id) on update cascade,
  -- active; past_due (a payment failed: the plan holds until grace_until); suspended (the provider
  -- stopped the paid plan, e.g. unpaid: the default plan applies).
  status text not null default 'active' check (status in ('active', 'past_due', 'suspended')),
  -- Billing periods are months counted from here (the provider's current period start).
  period_anchor timestamptz not null default now(),
  grace_until timestamptz,
  cancel_at_period_end boolean not null default false,
  provider text check (provider ~ '^[a-z][a-z0-9_]{0,30}$'),
  customer_ref text check (char_length(customer_ref) between 1 and 200),
  subscription_ref text check (char_length(subscription_ref) between 1 and 200),
  updated_at timestamptz not null default now(),
  check (status <> 'past_due' or grace_until is not null),
  unique (provider, customer_ref)
);
create index subscriptions_plan_idx on public.subscriptions (plan_id);
select private.create_tenant_policies('public.subscriptions', 'viewer', null, null);
comment on table public.subscriptions is 'Each company''s plan and its standing with the payment provider. Written by the service only.';
comment on column public.subscriptions.owner_id is 'The company.';
comment on column public.subscriptions.plan_id is 'The plan subscribed to (see billing_overview for the plan in force).';
comment on column public.subscriptions.status is 'active; past_due (a payment failed; the plan holds until grace_until); suspended (the default plan applies).';
comment on column public.subscriptions.period_anchor is 'Billing periods are months counted from this moment.';
comment on column public.subscriptions.grace_until is 'While past_due: until when the plan holds.';
comment on column public.subscriptions.cancel_at_period_end is 'The subscription ends when the current period does.';
comment on column public.subscriptions.provider is 'The payment provider (stripe), once the company has paid.';
comment on column public.subscriptions.customer_ref is 'The company''s customer id at the provider (no credential: only our secret key acts on it).';
comment on column public.subscriptions.subscription_ref is 'The provider''s id for the subscription in force, if any.';
comment on column public.subscriptions.updated_at is 'When the subscription last changed.';
grant select on public.subscriptions to authenticated;
grant select, update on public.subscriptions to service_role;

create table public.usage (
  owner_id uuid not null references public.companies (id) on delete cascade,
  period_start timestamptz not null,
  period_end timestamptz not null,
  bot_replies integer not null default 0 check (bot_replies >= 0),
  llm_input_tokens bigint not null default 0 check (llm_input_tokens >= 0),
  llm_output_tokens bigint not null default 0 check (llm_output_tokens >= 0),
  -- The highest share of the plan (0, 80, 100) the owners were told of: once each per period.
  replies_notice smallint not null default 0 check (replies_notice in (0, 80, 100)),
  tokens_notice smallint not null default 0 check (tokens_notice in (0, 80, 100)),
  updated_at timestamptz not null default now(),
  primary key (owner_id, period_start),
  check (period_end > period_start)
);
select private.create_tenant_policies('public.usage', 'viewer', null, null);
comment on table public.usage is 'What each company used per billing period: the bot''s replies and the model''s tokens. Counted by the service only.';
comment on column public.usage.owner_id is 'The company.';
comment on column public.usage.period_start is 'The billing period''s start.';
comment on column public.usage.period_end is 'The billing period''s end (exclusive).';
comment on column public.usage.bot_replies is 'The bot''s replies to customers stored in the period.';
comment on column public.usage.llm_input_tokens is 'Input (prompt) tokens the model''s API reported for the company''s replies.';
comment on column public.usage.llm_output_tokens is 'Output (completion) tokens the model''s API reported.';
comment on column public.usage.replies_notice is 'The share of the plan''s replies (80, 100) the owners were told of.';
comment on column public.usage.tokens_notice is 'The share of the plan''s model tokens (80, 100) the owners were told of.';
comment on column public.usage.updated_at is 'When the counters last moved.';
grant select on public.usage to authenticated, service_role;

create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.companies (id) on delete cascade,
  provider text not null check (provider ~ '^[a-z][a-z0-9_]{0,30}$'),
  invoice_ref text not null check (char_length(invoice_ref) between 1 and 200),
  number text check (char_length(number) <= 100),
  status text not null check (status in ('open', 'paid', 'payment_failed', 'void', 'uncollectible')),
  -- Minor units of `currency`, as the provider reports them.
  amount_due bigint not null check (amount_due >= 0),
  amount_paid bigint not null default 0 check (amount_paid >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  hosted_url text check (char_length(hosted_url) <= 2000),
  pdf_url text check (char_length(pdf_url) <= 2000),
  period_start timestamptz,
  period_end timestamptz,
  issued_at timestamptz not null,
  -- The provider's time of the newest event applied to it.
  state_at timestamptz not null,
  unique (provider, invoice_ref)
);
create index invoices_owner_idx on public.invoices (owner_id, issued_at desc);
select private.create_tenant_policies('public.invoices', 'owner', null, null);
comment on table public.invoices is 'The company''s invoices from its payment provider, newest first by issued_at (owners only).';
comment on column public.invoices.id is 'The invoice''s id here.';
comment on column public.invoices.owner_id is 'The company.';
comment on column public.invoices.provider is 'The payment provider (stripe).';
comment on column public.invoices.invoice_ref is 'The provider''s id for the invoice.';
comment on column public.invoices.number is 'The invoice number shown on it.';
comment on column public.invoices.status is 'open, paid, payment_failed, void or uncollectible.';
comment on column public.invoices.amount_due is 'What it asks for, in minor units of currency (cents).';
comment on column public.invoices.amount_paid is 'What was paid, in minor units of currency.';
comment on column public.invoices.currency is 'ISO 4217.';
comment on column public.invoices.hosted_url is 'The provider''s page for the invoice (view and pay).';
comment on column public.invoices.pdf_url is 'The invoice as a PDF.';
comment on column public.invoices.period_start is 'The service period it bills, from.';
comment on column public.invoices.period_end is 'The service period it bills, to.';
comment on column public.invoices.issued_at is 'When the provider issued it.';
comment on column public.invoices.state_at is 'The provider''s time of the newest event applied to it.';
grant select on public.invoices to authenticated;
grant select, insert, update on public.invoices to service_role;

-- Every provider event taken in, by its id: a redelivery finds its row and changes nothing. Kept
-- while the provider may redeliver it (forget_billing_events); an ended subscription's tombstone is
-- its provider_subscriptions row.
create table private.billing_events (
  provider text not null,
  event_id text not null check (char_length(event_id) between 1 and 200),
  kind text not null,
  occurred_at timestamptz not null,
  owner_id uuid references public.companies (id) on delete cascade,
  subscription_ref text,
  outcome text not null,
  received_at timestamptz not null default now(),
  primary key (provider, event_id)
);
create index billing_events_owner_idx on private.billing_events (owner_id, received_at desc);
create index billing_events_received_idx on private.billing_events (received_at);
comment on table private.billing_events is 'Payment providers'' events taken in, once each, and what applying them did.';
grant select, insert, update, delete on private.billing_events to service_role;

-- Each provider subscription as its events describe it, whatever order they came in: every field
-- holds the newest word on it, newest by (provider's time, the event kind's weight, event id), a
-- total order, so the same events give the same row in any order. The plan, its period and its
-- cancellation come from checkouts and subscription events; whether it is paid for from those and
-- the invoices; an end is final. The company's subscription is derived from its rows.
create table private.provider_subscriptions (
  provider text not null,
  subscription_ref text not null,
  owner_id uuid not null references public.companies (id) on delete cascade,
  customer_ref text,
  plan_id text references private.plans (id) on update cascade,  -- null until an event names its price
  period_anchor timestamptz,
  cancel_at_period_end boolean not null default false,
  plan_at timestamptz,
  plan_rank smallint,
  plan_event text,
  status text check (status in ('active', 'past_due', 'suspended')),
  status_at timestamptz,
  status_rank smallint,
  status_event text,
  -- When it was last found paid for, and every failed payment since (kept all: they may come in any order).
  paid_at timestamptz,
  failures timestamptz[] not null default '{}',
  started_at timestamptz not null,  -- its oldest event: the newest started live subscription is the company's
  ended_at timestamptz,
  primary key (provider, subscription_ref)
);
create index provider_subscriptions_owner_idx on private.provider_subscriptions (owner_id, started_at desc);
create index provider_subscriptions_plan_idx on private.provider_subscriptions (plan_id);
comment on table private.provider_subscriptions is
  'Payment providers'' subscriptions, each field the newest word of its events; a company''s subscription is derived from its rows.';
grant select, insert, update on private.provider_subscriptions to service_role;

-- === Plans in force and billing periods ==========================================================

create function private.default_plan_id() returns text
language sql stable
set search_path = ''
as $$
  select p.id from private.plans p where p.is_default
$$;

-- Every company starts on the default plan, its periods counted from its signup.
create function private.start_on_default_plan() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.subscriptions (owner_id, plan_id, period_anchor) values (new.id, private.default_plan_id(), new.created_at);
  return null;
end
$$;

create trigger companies_start_on_default_plan
  after insert on public.companies
  for each row execute function private.start_on_default_plan();

-- The plan in force: the one subscribed to while it is paid for or within its grace period, the
-- default plan otherwise.
create function private.plan_in_force(sub public.subscriptions) returns private.plans
language sql stable
set search_path = ''
as $$
  select p.* from private.plans p
  where p.id = case when sub.status = 'active' or (sub.status = 'past_due' and now() < sub.grace_until)
                    then sub.plan_id else private.default_plan_id() end
$$;

-- The billing period containing `at`: whole months (in UTC, so the answer never depends on the
-- session's time zone) from the anchor. A month from the 31st ends on the last day of a shorter
-- month and the next one starts there; months are always counted from the anchor itself.
-- PL/pgSQL of plain expressions, which it evaluates without starting the executor: every message
-- asks twice (what the plan still allows, then the metering), and the same rules as one SQL query
-- cost a query plan's start and end each time.
create function private.billing_period(anchor timestamptz, at timestamptz,
                                       out period_start timestamptz, out period_end timestamptz)
language plpgsql immutable
set search_path = ''
as $$
declare
  utc_anchor timestamp := anchor at time zone 'UTC';
  utc_at timestamp := at at time zone 'UTC';
  -- age() can be one month short or long around the end of a month
  months integer := (extract(year from age(utc_at, utc_anchor)) * 12
                     + extract(month from age(utc_at, utc_anchor)))::integer;
begin
  if utc_anchor + make_interval(months => months + 1) <= utc_at then
    months := months + 1;
  elsif utc_anchor + make_interval(months => months) > utc_at then
    months := months - 1;
  end if;
  period_start := (utc_anchor + make_interval(months => months)) at time zone 'UTC';
  period_end := (utc_anchor + make_interval(months => months + 1)) at time zone 'UTC';
end
$$;

grant execute on function private.default_plan_id, private.plan_in_force, private.billing_period
  to authenticated, service_role;

-- What the company's plan still allows this period: the model (its token budget) and the bot's
-- replies. The ingest RPCs return it with the conversation; runs as the caller.
create function private.plan_allowance(company uuid) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'model', p.llm_tokens is null or coalesce(u.llm_input_tokens + u.llm_output_tokens, 0) < p.llm_tokens,
    'replies', p.bot_replies is null or coalesce(u.bot_replies, 0) < p.bot_replies)
  from public.subscriptions s
  cross join lateral private.plan_in_force(s) p
  cross join lateral private.billing_period(s.period_anchor, now()) bp
  left join public.usage u on u.owner_id = s.owner_id and u.period_start = bp.period_start
  where s.owner_id = company
$$;
grant execute on function private.plan_allowance to authenticated, service_role;

-- === Notices to the owners =======================================================================

-- What the owners are told when a period's replies or model tokens reach 80% or 100% of the plan.
create function private.billing_notice_text(metric text, level integer, p_language text, plan_name text,
                                            used bigint, included bigint, period_end timestamptz)
returns text
language sql immutable
set search_path = ''
as $$
  select format(coalesce(phrases -> p_language, phrases -> 'en') ->> (metric || '_' || level),
                plan_name, used, included, to_char(period_end at time zone 'UTC', 'YYYY-MM-DD'))
  from (select $phrases$ {
    "ru": {
      "replies_80": "📊 Тариф «%1$s»: использовано 80%% ответов бота за период (%2$s из %3$s). Когда они закончатся, бот перестанет отвечать и будет передавать разговоры менеджерам — до %4$s или до смены тарифа.",
      "replies_100": "⛔ Тариф «%1$s»: все %3$s ответов бота за период использованы. Бот больше не отвечает: разговоры клиентов передаются менеджерам до %4$s или до смены тарифа.",
      "tokens_80": "📊 Тариф «%1$s»: использовано 80%% бюджета ИИ за период (%2$s из %3$s токенов). Когда он закончится, бот будет отвечать встроенным движком, без модели ИИ, — до %4$s или до смены тарифа.",
      "tokens_100": "⚠️ Тариф «%1$s»: бюджет ИИ за период (%3$s токенов) исчерпан. Бот отвечает встроенным движком, без модели ИИ, до %4$s или до смены тарифа."
    },
    "en": {
      "replies_80": "📊 %1$s plan: 80%% of this period's bot replies are used (%2$s of %3$s). When they run out, the bot stops answering and hands conversations to your managers until %4$s, or until you upgrade the plan.",
      "replies_100": "⛔ %1$s plan: all %3$s bot replies of this period are used. The bot no longer answers: customers' conversations go to your managers until %4$s, or until you upgrade the plan.",
      "tokens_80": "📊 %1$s plan: 80%% of this period's AI budget is used (%2$s of %3$s tokens). When it runs out, the bot answers with its built-in engine, without the AI model, until %4$s, or until you upgrade the plan.",
      "tokens_100": "⚠️ %1$s plan: this period's AI budget (%3$s tokens) is used. The bot answers with its built-in engine, without the AI model, until %4$s, or until you upgrade the plan."
    }
  } $phrases$::jsonb) t(phrases)
$$;

-- Queues a notice to each owner's linked Telegram account (through the company's first active bot),
-- or, when no owner linked one, to the company's managers' chats; in the language of its managers'
-- chat. The outbox sweep sends it. The console shows the same levels (billing_overview).
create function private.queue_billing_notice(company uuid, text text) returns integer
language sql volatile
set search_path = ''
as $$
  with bot as (
    select c.id from public.channels c
    where c.owner_id = company and c.kind = 'telegram' and c.is_active
    order by c.created_at limit 1
  ), owners as (
    select bot.id as channel_id, a.telegram_user_id::text as chat_id
    from public.member_telegram_accounts a
    join public.members m on m.owner_id = a.owner_id and m.user_id = a.user_id and m.role = 'owner'
    cross join bot
    where a.owner_id = company
  ), chats as (
    select mc.channel_id, mc.chat_id::text
    from public.manager_chats mc join public.channels b on b.id = mc.channel_id and b.is_active
    where mc.owner_id = company and not exists (select 1 from owners)
  ), queued as (
    insert into public.outbox (owner_id, channel_id, chat_id, text, purpose)
    select company, r.channel_id, r.chat_id, text, 'notification'
    from (select * from owners union all select * from chats) r
    returning 1
  )
  select count(*)::integer from queued
$$;

-- The share of `included` that `used` has reached: 0, 80 or 100.
create function private.notice_level(used bigint, included bigint) returns integer
language sql immutable
set search_path = ''
as $$
  select case when included is null then 0
              when used >= included then 100
              when used * 10 >= included * 8 then 80
              else 0 end
$$;

-- === Metering ====================================================================================

-- Counts a bot reply and the model's tokens for it against the company's current period. One
-- upsert: concurrent turns of a company take turns on its period's row, so nothing is lost, and the
-- one whose count crosses 80% or 100% of the plan is the one that queues the notice, once. Security
-- definer: members' test chats are metered too, and no member may write usage.
create function private.meter_usage(company uuid, replies integer, input_tokens integer, output_tokens integer)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  sub public.subscriptions;
  plan private.plans;
  period record;
  counted public.usage;
  replies_level integer;
  tokens_level integer;
  notice_language text;
begin
  if replies < 0 or input_tokens < 0 or output_tokens < 0 then
    raise sqlstate 'PT400' using message = 'usage is never negative';
  end if;
  if replies = 0 and input_tokens = 0 and output_tokens = 0 then
    return;
  end if;
  select * into sub from public.subscriptions s where s.owner_id = company;
  plan := private.plan_in_force(sub);
  select * into period from private.billing_period(sub.period_anchor, now());
  insert into public.usage as u (owner_id, period_start, period_end, bot_replies, llm_input_tokens, llm_output_tokens)
  values (company, period.period_start, period.period_end, replies, input_tokens, output_tokens)
  on conflict (owner_id, period_start) do update set
    bot_replies = u.bot_replies + excluded.bot_replies,
    llm_input_tokens = u.llm_input_tokens + excluded.llm_input_tokens,
    llm_output_tokens = u.llm_output_tokens + excluded.llm_output_tokens,
    updated_at = now()
  returning * into counted;

  replies_level := private.notice_level(counted.bot_replies, plan.bot_replies);
  tokens_level := private.notice_level(counted.llm_input_tokens + counted.llm_output_tokens, plan.llm_tokens);
  if replies_level <= counted.replies_notice and tokens_level <= counted.tokens_notice then
    return;
  end if;
  -- Still holding the row's lock: no other turn can cross the same line in between.
  update public.usage u
  set replies_notice = greatest(u.replies_notice, replies_level), tokens_notice = greatest(u.tokens_notice, tokens_level)
  where u.owner_id = company and u.period_start = counted.period_start;
  select mc.language into notice_language from public.manager_chats mc
  where mc.owner_id = company order by mc.linked_at limit 1;
  notice_language := coalesce(notice_language, 'en');
  if replies_level > counted.replies_notice then
    perform private.queue_billing_notice(company, private.billing_notice_text(
      'replies', replies_level, notice_language, plan.name, counted.bot_replies, plan.bot_replies, counted.period_end));
  end if;
  if tokens_level > counted.tokens_notice then
    perform private.queue_billing_notice(company, private.billing_notice_text(
      'tokens', tokens_level, notice_language, plan.name, counted.llm_input_tokens + counted.llm_output_tokens,
      plan.llm_tokens, counted.period_end));
  end if;
end
$$;
grant execute on function private.meter_usage to authenticated, service_role;

-- === Room on the plan ============================================================================

-- What a company has of the plan's counted resources: channels besides the test chat; members, and
-- the invitations that can still be accepted (an expired one holds no seat); connectors, which are
-- integrations of any kind, webhooks included. Granted to nobody: only the definer functions below
-- call it, as the invitations are the admins' to see yet every member's seats count them.
create function private.plan_resources_in_use(company uuid, out channels bigint, out members bigint,
                                              out invitations bigint, out crm_connectors bigint)
language sql stable
set search_path = ''
as $$
  select (select count(*) from public.channels c where c.owner_id = company and c.kind <> 'test'),
         (select count(*) from public.members m where m.owner_id = company),
         (select count(*) from public.invitations i where i.owner_id = company and i.expires_at > now()),
         (select count(*) from public.integrations i where i.owner_id = company)
$$;

-- Refuses (402) to add a channel, a seat or a CRM connector past what the company's plan includes.
-- The channel, team and integration RPCs call it before they add; it locks the company's
-- subscription row, so two additions at once cannot both take the last place. A seat is a member or
-- a live invitation. `member` is the invitee's side: accepting turns their invitation's seat into a
-- membership, and needs a seat the members have not all taken (the plan may have shrunk since the
-- invitation; then the first to accept join, and each later one is told to ask for an upgrade).
create function private.require_plan_room(company uuid, resource text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  sub public.subscriptions;
  plan private.plans;
  used record;
  included integer;
  in_use bigint;
  what text;
  remedy text := 'upgrade the plan to add more';
begin
  select * into sub from public.subscriptions s where s.owner_id = company for update;
  plan := private.plan_in_force(sub);
  used := private.plan_resources_in_use(company);
  case resource
    when 'channels' then
      included := plan.channels;
      in_use := used.channels;
      what := 'channel(s) besides the test chat';
    when 'seats' then
      included := plan.seats;
      in_use := used.members + used.invitations;
      what := 'team seat(s), pending invitations included';
    when 'member' then
      included := plan.seats;
      in_use := used.members;
      what := 'team seat(s)';
      remedy := 'ask its owner to upgrade the plan, then accept the invitation again';
    when 'crm_connectors' then
      included := plan.crm_connectors;
      in_use := used.crm_connectors;
      what := 'CRM connector(s), webhooks included';
    else
      raise exception 'no such plan resource: %', resource;
  end case;
  if included is not null and in_use >= included then
    raise sqlstate 'PT402' using message = format(
      'the %s plan includes %s %s, all in use: %s', plan.name, included, what, remedy),
      detail = jsonb_build_object('reason', 'plan_limit_' || resource, 'plan', plan.name, 'included', included);
  end if;
end
$$;

-- === Payment providers' events ===================================================================

-- The company a provider event is about: the one its metadata names (we put our company id on
-- every customer, checkout and subscription we create), else the one that has its customer.
create function private.billing_event_company(p_event jsonb) returns uuid
language sql stable
set search_path = ''
as $$
  select coalesce(
    (select c.id from public.companies c where c.id = (p_event ->> 'owner_id')::uuid),
    (select s.owner_id from public.subscriptions s
     where s.provider = p_event ->> 'provider' and s.customer_ref = p_event ->> 'customer_ref'))
$$;

-- The company's subscription, derived from its providers' subscriptions: the newest started one
-- that has not ended and whose plan and standing are known; none, and the default plan applies,
-- its periods counted from the last subscription's end (or the signup). A company that never had
-- one keeps the plan it has (the operator may have given it one).
create function private.derive_subscription(company uuid) returns public.subscriptions
language plpgsql volatile
set search_path = ''
as $$
declare
  chosen private.provider_subscriptions;
  derived public.subscriptions;
begin
  if not exists (select 1 from private.provider_subscriptions ps where ps.owner_id = company) then
    select * into derived from public.subscriptions s where s.owner_id = company;
    return derived;
  end if;
  select * into chosen from private.provider_subscriptions ps
  where ps.owner_id = company and ps.ended_at is null and ps.plan_id is not null and ps.status is not null
  order by ps.started_at desc, ps.subscription_ref desc
  limit 1;
  if chosen.subscription_ref is not null then
    update public.subscriptions s set
      plan_id = chosen.plan_id, status = chosen.status,
      grace_until = case when chosen.status = 'past_due' then coalesce(
        (select min(f) from unnest(chosen.failures) f where chosen.paid_at is null or f > chosen.paid_at),
        chosen.status_at) + make_interval(days => (select p.grace_days from private.plans p where p.id = chosen.plan_id))
      end,
      period_anchor = coalesce(chosen.period_anchor, chosen.started_at),
      cancel_at_period_end = chosen.cancel_at_period_end, provider = chosen.provider,
      customer_ref = coalesce(chosen.customer_ref, s.customer_ref), subscription_ref = chosen.subscription_ref,
      updated_at = now()
    where s.owner_id = company
    returning * into derived;
  else
    update public.subscriptions s set
      plan_id = private.default_plan_id(), status = 'active', grace_until = null, cancel_at_period_end = false,
      subscription_ref = null, updated_at = now(),
      period_anchor = coalesce((select max(ps.ended_at) from private.provider_subscriptions ps where ps.owner_id = company),
                               (select c.created_at from public.companies c where c.id = company))
    where s.owner_id = company
    returning * into derived;
  end if;
  return derived;
end
$$;

grant execute on function private.billing_event_company, private.derive_subscription to service_role;

-- Applies one provider event, once. `p_event` is the neutral shape of functions/salesbot/billing/
-- events.py: {provider, event_id, kind, occurred_at, owner_id, customer_ref, subscription_ref,
-- price_ref, plan_id, status, period_start, cancel_at_period_end, invoice}. Kinds: checkout_completed
-- (a subscription was bought), subscription_changed (its status, plan or period), subscription_ended,
-- payment_failed and payment_succeeded (with the invoice).
--
-- The event updates its subscription's row (private.provider_subscriptions), each field only with a
-- newer word than it holds, so that any order of the same events leaves the same row; then the
-- company's subscription is derived again from its rows. A failed payment starts the plan's grace
-- period (from the first failure since it was last paid), a payment or an active status ends it; an
-- ended subscription stays ended. Invoices are kept too (owners read them); a paid one stays paid.
--
-- Answers {status: applied, duplicate, stale (an older word than the one held, or an ended
-- subscription's) or ignored (nobody's, or nothing we act on), owner_id, plan_id}.
create function public.apply_billing_event(p_event jsonb) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  event_provider text := p_event ->> 'provider';
  event_ref text := p_event ->> 'event_id';
  event_kind text := p_event ->> 'kind';
  occurred timestamptz := (p_event ->> 'occurred_at')::timestamptz;
  sub_ref text := p_event ->> 'subscription_ref';
  -- Within one second, a subscription's own state outranks a checkout's or an invoice's.
  event_rank smallint := case p_event ->> 'kind' when 'subscription_changed' then 1 else 0 end;
  said_status text := case p_event ->> 'kind' when 'payment_failed' then 'past_due' when 'payment_succeeded' then 'active'
                                              else p_event ->> 'status' end;
  invoice jsonb := nullif(p_event -> 'invoice', 'null');
  company uuid;
  bought_plan text;
  ps private.provider_subscriptions;
  changed boolean := false;
  derived public.subscriptions;
  result text;
begin
  if event_provider is null or event_ref is null or occurred is null or event_kind is null or event_kind not in (
       'checkout_completed', 'subscription_changed', 'subscription_ended', 'payment_failed', 'payment_succeeded') then
    raise sqlstate 'PT400' using message = 'not a billing event';
  end if;
  -- A redelivery (even one racing the first delivery) waits here for the first to commit, then finds it.
  insert into private.billing_events (provider, event_id, kind, occurred_at, subscription_ref, outcome)
  values (event_provider, event_ref, event_kind, occurred, sub_ref, 'pending')
  on conflict do nothing;
  if not found then
    return jsonb_build_object('status', 'duplicate');
  end if;
  company := private.billing_event_company(p_event);
  if company is null then
    update private.billing_events e set outcome = 'ignored: unknown customer'
    where e.provider = event_provider and e.event_id = event_ref;
    return jsonb_build_object('status', 'ignored');
  end if;
  -- One company's events take turns from here.
  perform 1 from public.subscriptions s where s.owner_id = company for update;

  if invoice is not null then
    insert into public.invoices as i (owner_id, provider, invoice_ref, number, status, amount_due, amount_paid,
                                      currency, hosted_url, pdf_url, period_start, period_end, issued_at, state_at)
    values (company, event_provider, invoice ->> 'invoice_ref', invoice ->> 'number', invoice ->> 'status',
            (invoice ->> 'amount_due')::bigint, coalesce((invoice ->> 'amount_paid')::bigint, 0),
            upper(invoice ->> 'currency'), invoice ->> 'hosted_url', invoice ->> 'pdf_url',
            (invoice ->> 'period_start')::timestamptz, (invoice ->> 'period_end')::timestamptz,
            coalesce((invoice ->> 'issued_at')::timestamptz, occurred), occurred)
    on conflict (provider, invoice_ref) do update set
      number = coalesce(excluded.number, i.number), status = excluded.status, amount_due = excluded.amount_due,
      amount_paid = excluded.amount_paid, hosted_url = coalesce(excluded.hosted_url, i.hosted_url),
      pdf_url = coalesce(excluded.pdf_url, i.pdf_url), state_at = excluded.state_at
    where i.status <> 'paid' and excluded.state_at >= i.state_at;
    changed := found;
  end if;

  if sub_ref is not null then
    insert into private.provider_subscriptions as p (provider, subscription_ref, owner_id, customer_ref, started_at)
    values (event_provider, sub_ref, company, p_event ->> 'customer_ref', occurred)
    on conflict (provider, subscription_ref) do update
      set started_at = least(p.started_at, excluded.started_at), customer_ref = coalesce(p.customer_ref, excluded.customer_ref)
    returning * into ps;
    bought_plan := coalesce(
      (select pp.plan_id from private.plan_prices pp
       where pp.provider = event_provider and pp.price_ref = p_event ->> 'price_ref'),
      (select pl.id from private.plans pl where pl.id = p_event ->> 'plan_id'));

    if ps.ended_at is not null then
      null;  -- over: nothing brings it back
    elsif event_kind = 'subscription_ended' then
      update private.provider_subscriptions p set ended_at = occurred
      where p.provider = event_provider and p.subscription_ref = sub_ref;
      changed := true;
    else
      if event_kind in ('checkout_completed', 'subscription_changed') and bought_plan is not null
         and (ps.plan_at is null or (occurred, event_rank, event_ref) > (ps.plan_at, ps.plan_rank, ps.plan_event)) then
        update private.provider_subscriptions p set
          plan_id = bought_plan,
          period_anchor = coalesce((p_event ->> 'period_start')::timestamptz, p.period_anchor, occurred),
          cancel_at_period_end = coalesce((p_event ->> 'cancel_at_period_end')::boolean, p.cancel_at_period_end),
          plan_at = occurred, plan_rank = event_rank, plan_event = event_ref
        where p.provider = event_provider and p.subscription_ref = sub_ref;
        changed := true;
      end if;
      if said_status is not null
         and (ps.status_at is null or (occurred, event_rank, event_ref) > (ps.status_at, ps.status_rank, ps.status_event)) then
        update private.provider_subscriptions p set status = said_status, status_at = occurred, status_rank = event_rank,
                                                    status_event = event_ref
        where p.provider = event_provider and p.subscription_ref = sub_ref;
        changed := true;
      end if;
      -- Payments and failures are kept whatever their order: the grace period runs from the first
      -- failure after the last payment.
      if said_status = 'active' and (ps.paid_at is null or occurred > ps.paid_at) then
        update private.provider_subscriptions p set paid_at = occurred
        where p.provider = event_provider and p.subscription_ref = sub_ref;
        changed := true;
      elsif said_status = 'past_due' and not occurred = any (ps.failures) then
        update private.provider_subscriptions p set failures = p.failures || occurred
        where p.provider = event_provider and p.subscription_ref = sub_ref;
        changed := true;
      end if;
    end if;
  end if;

  derived := private.derive_subscription(company);
  update private.billing_events e set owner_id = company,
    outcome = case when changed then 'applied' when sub_ref is null and invoice is null then 'ignored' else 'stale' end
  where e.provider = event_provider and e.event_id = event_ref
  returning e.outcome into result;
  return jsonb_build_object('status', result, 'owner_id', company, 'plan_id', derived.plan_id,
                            'subscription_status', derived.status);
end
$$;
comment on function public.apply_billing_event(jsonb) is
$$Applies one payment provider event (the service's, after checking the provider's signature): once, in the provider's order whatever the delivery order.$$;
grant execute on function public.apply_billing_event to service_role;

-- Keeps the billing events bounded; the outbox sweep calls it with the retention setting
-- (SALESBOT_RETENTION_DAYS). An event is forgotten once it is older than the retention, but never
-- sooner than 30 days: its row is what makes a redelivery change nothing, and Stripe keeps, and
-- may send again, its events of the last 30 days. Every committed row is processed (the event's
-- row and its outcome are written in one transaction); one being applied is locked and skipped.
-- At most `p_limit` rows per call, so a sweep never runs long; a backlog goes over the next sweeps.
create function public.forget_billing_events(p_retention_days integer default 30, p_limit integer default 10000)
returns jsonb
language sql volatile
set search_path = ''
as $$
  with forgotten as (
    delete from private.billing_events e
    where (e.provider, e.event_id) in (
      select x.provider, x.event_id from private.billing_events x
      where x.received_at < now() - make_interval(days => greatest(p_retention_days, 30))
      limit p_limit for update skip locked)
    returning 1
  )
  select jsonb_build_object('billing_events', (select count(*) from forgotten))
$$;
comment on function public.forget_billing_events(integer, integer) is
$$Forgets payment provider events taken in longer ago than the retention, and at least 30 days ago (the service's, from the outbox sweep); at most p_limit per call.$$;
grant execute on function public.forget_billing_events to service_role;

-- The provider's customer of a company, recorded when the functions first create it for a checkout.
-- The first one recorded stays: a concurrent checkout that created another gets the first back.
create function public.link_billing_customer(p_owner_id uuid, p_provider text, p_customer_ref text) returns jsonb
language sql volatile
set search_path = ''
as $$
  with linked as (
    update public.subscriptions s set provider = p_provider, customer_ref = p_customer_ref, updated_at = now()
    where s.owner_id = p_owner_id and s.customer_ref is null
    returning s.provider, s.customer_ref
  )
  select jsonb_build_object('provider', coalesce(l.provider, s.provider), 'customer_ref', coalesce(l.customer_ref, s.customer_ref))
  from public.subscriptions s left join linked l on true
  where s.owner_id = p_owner_id
$$;
comment on function public.link_billing_customer(uuid, text, text) is
$$Records the company's customer at a payment provider (the service's, after creating it); the first one recorded stays and is returned.$$;
grant execute on function public.link_billing_customer to service_role;

-- === The owner's billing RPCs ====================================================================

-- The subscription of the company whose billing the caller manages: the one p_owner_id names (or
-- the caller's only company), where the caller is an owner.
create function private.billing_account(p_owner_id uuid) returns public.subscriptions
language plpgsql stable
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'owner');
  sub public.subscriptions;
begin
  select * into sub from public.subscriptions s where s.owner_id = company;
  return sub;
end
$$;
grant execute on function private.billing_account to authenticated;

-- Whether a paid subscription runs: its plan changes in the provider's portal, never through a
-- second checkout, which would make the company pay twice.
create function private.paid_plan_runs(sub public.subscriptions) returns boolean
language sql stable
set search_path = ''
as $$
  select sub.subscription_ref is not null and sub.status <> 'suspended' and sub.plan_id <> private.default_plan_id()
$$;
grant execute on function private.paid_plan_runs to authenticated;

-- What the functions need to open a checkout for a plan (owner only): the plan's price at the
-- provider, and the company's customer there, if any.
create function public.begin_checkout(p_plan_id text, p_provider text, p_owner_id uuid default null) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  sub public.subscriptions := private.billing_account(p_owner_id);
  price private.plan_prices;
begin
  select * into price from private.plan_prices pp
  where pp.plan_id = p_plan_id and pp.provider = p_provider and pp.is_offered;
  if price.plan_id is null then
    raise sqlstate 'PT404' using message = format('no plan %L to buy through %s', p_plan_id, p_provider),
      detail = '{"reason": "plan_not_sold"}';
  end if;
  if private.paid_plan_runs(sub) then
    raise sqlstate 'PT409' using message = 'the company already has a paid plan: change it in the billing portal',
      detail = '{"reason": "paid_plan_runs"}';
  end if;
  return jsonb_build_object(
    'owner_id', sub.owner_id, 'company_name', (select c.name from public.companies c where c.id = sub.owner_id),
    'plan_id', price.plan_id, 'price_ref', price.price_ref,
    'customer_ref', case when sub.provider = p_provider then sub.customer_ref end);
end
$$;
comment on function public.begin_checkout(text, text, uuid) is
$$What a checkout for a plan needs (owner only): the plan's price at the provider and the company's customer there. 409 while a paid plan runs (change it in the billing portal). p_owner_id names the company (optional for a member of one company only).$$;
grant execute on function public.begin_checkout to authenticated;

create function public.billing_customer(p_owner_id uuid default null) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  sub public.subscriptions := private.billing_account(p_owner_id);
begin
  if sub.customer_ref is null then
    raise sqlstate 'PT409' using message = 'no billing account yet: choose a plan first',
      detail = '{"reason": "no_billing_account"}';
  end if;
  return jsonb_build_object('owner_id', sub.owner_id, 'provider', sub.provider, 'customer_ref', sub.customer_ref);
end
$$;
comment on function public.billing_customer(uuid) is
$$The company's customer at its payment provider, for the billing portal (owner only); 409 before the first checkout. p_owner_id names the company (optional for a member of one company only).$$;
grant execute on function public.billing_customer to authenticated;

-- What the console shows (viewer and above): the plan in force and the one subscribed to, what it
-- includes, this period's usage against it, what is in use of the counted resources (as
-- require_plan_room counts them), what the plan still allows, which notices went out, and for
-- owners the invoices. Security definer, kept out of the exposed schema behind the invoker function
-- of the same name: a viewer's seats count the pending invitations only admins may read.
create function private.billing_overview(p_owner_id uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'viewer');
  sub public.subscriptions;
  plan private.plans;
  period record;
  used public.usage;
  resources record := private.plan_resources_in_use(company);
begin
  select * into sub from public.subscriptions s where s.owner_id = company;
  plan := private.plan_in_force(sub);
  select * into period from private.billing_period(sub.period_anchor, now());
  select * into used from public.usage u where u.owner_id = company and u.period_start = period.period_start;
  return jsonb_build_object(
    'owner_id', company,
    'plan', to_jsonb(plan) - 'is_default' - 'sort_order' - 'created_at',
    'subscribed_plan_id', sub.plan_id,
    'status', sub.status,
    'grace_until', sub.grace_until,
    'cancel_at_period_end', sub.cancel_at_period_end,
    'provider', sub.provider,
    'paid_plan_runs', private.paid_plan_runs(sub),
    'period', jsonb_build_object('start', period.period_start, 'end', period.period_end),
    'usage', jsonb_build_object(
      'bot_replies', coalesce(used.bot_replies, 0),
      'llm_input_tokens', coalesce(used.llm_input_tokens, 0),
      'llm_output_tokens', coalesce(used.llm_output_tokens, 0),
      'llm_tokens', coalesce(used.llm_input_tokens + used.llm_output_tokens, 0)),
    'in_use', jsonb_build_object(
      'channels', resources.channels,
      'seats', resources.members + resources.invitations,
      'crm_connectors', resources.crm_connectors),
    'allowance', private.plan_allowance(company),
    'notices', jsonb_build_object('replies', coalesce(used.replies_notice, 0), 'tokens', coalesce(used.tokens_notice, 0)),
    -- The owners', as the invoices table's policy has it.
    'invoices', case when private.has_role(company, 'owner') then coalesce((
      select jsonb_agg(to_jsonb(i) - 'owner_id' - 'state_at' order by i.issued_at desc)
      from (select * from public.invoices i where i.owner_id = company order by i.issued_at desc limit 12) i), '[]')
      else '[]' end);
end
$$;
grant execute on function private.billing_overview to authenticated;

create function public.billing_overview(p_owner_id uuid default null) returns jsonb
language sql stable
set search_path = ''
as $$
  select private.billing_overview(p_owner_id)
$$;
comment on function public.billing_overview(uuid) is
$$The company's plan in force (and the one subscribed to), its status, whether a paid subscription runs (its plan changes in the provider's portal), this billing period with its usage, the channels, seats (members and live invitations) and CRM connectors in use, whether the model and the bot's replies are still allowed, the notices sent (viewer and above), and for owners the twelve newest invoices (all of them: the invoices table). p_owner_id names the company (optional for a member of one company only).$$;
grant execute on function public.billing_overview to authenticated;

-- The plans a company can choose, with their prices at each provider, in the operator's order.
create function public.billing_plans() returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(to_jsonb(p) - 'sort_order' - 'created_at' || jsonb_build_object('prices', coalesce((
      select jsonb_agg(jsonb_build_object('provider', pp.provider, 'amount', pp.amount, 'currency', pp.currency)
                       order by pp.provider)
      from private.plan_prices pp where pp.plan_id = p.id and pp.is_offered), '[]'))
    order by p.sort_order, p.id), '[]')
  from private.plans p
$$;
comment on function public.billing_plans() is
$$Every plan: what it includes per month (null: unlimited), whether it is the default, and its prices (minor units) at each payment provider.$$;
grant execute on function public.billing_plans to authenticated;
