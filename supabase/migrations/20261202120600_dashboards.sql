-- Summary views for dashboards (PostgREST, with the user's token). security_invoker: each runs
-- with the reader's rights, so RLS on the tables beneath decides what it counts. Every column has
-- a comment: PostgREST's OpenAPI output shows it as the field's description, so a dashboard
-- builder reads what a number means without reading our SQL.

create view public.lead_funnel with (security_invoker = true) as
select owner_id, status, sum(leads)::bigint as leads,
  coalesce(jsonb_object_agg(budget_currency, total) filter (where budget_currency is not null), '{}') as total_budget
from (
  select owner_id, status, budget_currency, count(*) as leads, sum(budget_amount) as total
  from public.leads
  group by owner_id, status, budget_currency
) per_currency
group by owner_id, status;
comment on view public.lead_funnel is 'Leads and total budget (per currency) by status.';
comment on column public.lead_funnel.owner_id is 'The company.';
comment on column public.lead_funnel.status is 'The lead status this row counts.';
comment on column public.lead_funnel.leads is 'How many of the company''s leads have this status.';
comment on column public.lead_funnel.total_budget is 'Sum of their budgets per currency, e.g. {"RUB": 9000000}; leads without a budget add nothing.';

create view public.daily_leads with (security_invoker = true) as
select c.id as owner_id, d.day::date as day,
  (select count(*) from public.leads l
    where l.owner_id = c.id and l.created_at >= d.day and l.created_at < d.day + interval '1 day') as new_leads,
  (select count(*) from public.leads l
    where l.owner_id = c.id and l.qualified_at >= d.day and l.qualified_at < d.day + interval '1 day') as qualified_leads
from public.companies c
cross join generate_series(current_date - 89, current_date, interval '1 day') as d(day);
comment on view public.daily_leads is 'New and qualified leads per day, for the last 90 days.';
comment on column public.daily_leads.owner_id is 'The company.';
comment on column public.daily_leads.day is 'The day (database time zone, UTC on Supabase); one row for each of the last 90 days, today included.';
comment on column public.daily_leads.new_leads is 'Leads written down that day.';
comment on column public.daily_leads.qualified_leads is 'Leads that first had a contact and a need that day.';

-- Counted per channel from two indexes, customers_owner_channel_idx and leads_owner_channel_idx
-- (leads carry their customer's channel): a range of each, however many customers a channel has.
create view public.channel_conversion with (security_invoker = true) as
select ch.owner_id, ch.id as channel_id, ch.kind, ch.name,
  people.customers, outcomes.leads, outcomes.qualified_leads, outcomes.won_leads,
  round(outcomes.qualified_leads::numeric / nullif(people.customers, 0), 4) as qualification_rate,
  round(outcomes.won_leads::numeric / nullif(people.customers, 0), 4) as win_rate
from public.channels ch
cross join lateral (
  select count(*) as customers from public.customers cu where cu.owner_id = ch.owner_id and cu.channel_id = ch.id
) people
cross join lateral (
  select count(*) as leads, count(l.qualified_at) as qualified_leads, count(*) filter (where l.status = 'won') as won_leads
  from public.leads l
  where l.owner_id = ch.owner_id and l.channel_id = ch.id
) outcomes;
comment on view public.channel_conversion is 'Customers, leads, qualified and won leads per channel, with rates.';
comment on column public.channel_conversion.owner_id is 'The company.';
comment on column public.channel_conversion.channel_id is 'The channel.';
comment on column public.channel_conversion.kind is 'test, telegram or widget.';
comment on column public.channel_conversion.name is 'The channel''s display name.';
comment on column public.channel_conversion.customers is 'Customers who wrote through the channel.';
comment on column public.channel_conversion.leads is 'Of them, those the bot wrote a lead for.';
comment on column public.channel_conversion.qualified_leads is 'Leads that reached a contact and a need.';
comment on column public.channel_conversion.won_leads is 'Leads with status won.';
comment on column public.channel_conversion.qualification_rate is 'qualified_leads / customers (0-1), null with no customers.';
comment on column public.channel_conversion.win_rate is 'won_leads / customers (0-1), null with no customers.';

-- How long customers wait for the first answer, over conversations of the last 30 days: from when
-- the customer first wrote to customers.first_reply_at, one row per conversation.
create view public.response_times with (security_invoker = true) as
with first_reply as (
  select cu.owner_id, extract(epoch from cu.first_reply_at - cu.created_at) as seconds
  from public.customers cu
  where cu.created_at >= now() - interval '30 days'
)
select owner_id, count(seconds) as answered_conversations,
  round(avg(seconds)::numeric, 3) as avg_first_reply_seconds,
  round((percentile_cont(0.5) within group (order by seconds))::numeric, 3) as median_first_reply_seconds,
  round((percentile_cont(0.9) within group (order by seconds))::numeric, 3) as p90_first_reply_seconds
from first_reply
group by owner_id;
comment on view public.response_times is 'Delay of the first reply to a customer, over conversations of the last 30 days.';
comment on column public.response_times.owner_id is 'The company.';
comment on column public.response_times.answered_conversations is 'Conversations of the last 30 days whose first customer message got a reply.';
comment on column public.response_times.avg_first_reply_seconds is 'Mean seconds from the first customer message to the first reply (bot or manager).';
comment on column public.response_times.median_first_reply_seconds is 'Median of the same.';
comment on column public.response_times.p90_first_reply_seconds is '90th percentile of the same.';

-- A company's inbox: each conversation with its channel, last message, what managers have not read,
-- and whether it waits for a person. Order by last_customer_message_at (indexed per company) or
-- waiting_since; the laterals then run only for the rows a page shows.
create view public.conversations with (security_invoker = true) as
select c.owner_id, c.id as customer_id, c.channel_id, ch.kind as channel_kind, ch.name as channel_name,
  c.display_name, c.username, c.language, c.stage,
  last_message.role as last_message_role, last_message.text as last_message, last_message.created_at as last_message_at,
  c.last_message_at as last_customer_message_at,
  (select count(*) from public.messages m
    where m.customer_id = c.id and m.id > c.managers_read_up_to and m.role = 'customer') as unread_count,
  c.handed_over_at is not null as handed_over, c.handed_over_at, c.handed_over_by as taken_by,
  handoff.handoff_reason, c.waiting_since, c.waiting_reminded_at
from public.customers c
join public.channels ch on ch.owner_id = c.owner_id and ch.id = c.channel_id
left join lateral (
  select m.role, m.text, m.created_at from public.messages m where m.customer_id = c.id order by m.id desc limit 1
) last_message on true
left join lateral (
  select m.handoff_reason from public.messages m
  where c.handed_over_at is not null and m.customer_id = c.id and m.handoff_reason is not null
  order by m.id desc limit 1
) handoff on true;
comment on view public.conversations is 'Each conversation: its channel, last message, unread count, and whether it waits for a person.';
comment on column public.conversations.owner_id is 'The company.';
comment on column public.conversations.customer_id is 'The conversation (customer); answer it with POST /reply.';
comment on column public.conversations.channel_id is 'The channel the customer writes through.';
comment on column public.conversations.channel_kind is 'test, telegram or widget.';
comment on column public.conversations.channel_name is 'The channel''s display name.';
comment on column public.conversations.display_name is 'The name the channel gave.';
comment on column public.conversations.username is 'The channel username, e.g. Telegram @username.';
comment on column public.conversations.language is 'ISO 639-1 code of the language the customer writes in.';
comment on column public.conversations.stage is 'Sales stage.';
comment on column public.conversations.last_message_role is 'Who wrote the last message: customer, bot or manager.';
comment on column public.conversations.last_message is 'The last message''s text.';
comment on column public.conversations.last_message_at is 'When the last message was stored.';
comment on column public.conversations.last_customer_message_at is 'When the customer last wrote; order the inbox by it.';
comment on column public.conversations.unread_count is 'The customer''s messages after the managers'' read mark (mark_conversation_read; a reply marks it too).';
comment on column public.conversations.handed_over is 'True while a person has the conversation and the bot is silent.';
comment on column public.conversations.handed_over_at is 'When it was handed over.';
comment on column public.conversations.taken_by is 'The member who took it (take_over_conversation, /take or the first reply); null while nobody has.';
comment on column public.conversations.handoff_reason is 'Why the bot handed it over (customer_request, post_sale, urgent, complaint, other, plan_limit); null if a manager took it unasked.';
comment on column public.conversations.waiting_since is 'Since when the customer waits for a person''s answer; null when nobody is waiting.';
comment on column public.conversations.waiting_reminded_at is 'When the customer got the polite note and the managers a reminder for this wait.';

grant select on public.lead_funnel, public.daily_leads, public.channel_conversion, public.response_times,
  public.conversations to authenticated;
