-- Summary views for dashboards. security_invoker: each runs with the reader's rights, so RLS on
-- the tables beneath decides what it counts.

create index leads_owner_qualified_idx on public.leads (owner_id, qualified_at) where qualified_at is not null;

create view public.lead_funnel with (security_invoker = true) as
select owner_id, status, sum(leads)::bigint as leads,
  coalesce(jsonb_object_agg(budget_currency, total) filter (where budget_currency is not null), '{}') as total_budget
from (
  select owner_id, status, budget_currency, count(*) as leads, sum(budget_amount) as total
  from public.leads
  group by owner_id, status, budget_currency
) per_currency
group by owner_id, status;

create view public.daily_leads with (security_invoker = true) as
select c.id as owner_id, d.day::date as day,
  (select count(*) from public.leads l
    where l.owner_id = c.id and l.created_at >= d.day and l.created_at < d.day + interval '1 day') as new_leads,
  (select count(*) from public.leads l
    where l.owner_id = c.id and l.qualified_at >= d.day and l.qualified_at < d.day + interval '1 day') as qualified_leads
from public.companies c
cross join generate_series(current_date - 89, current_date, interval '1 day') as d(day);

create view public.channel_conversion with (security_invoker = true) as
select ch.owner_id, ch.id as channel_id, ch.kind, ch.name,
  count(cu.id) as customers,
  count(l.id) as leads,
  count(l.qualified_at) as qualified_leads,
  count(l.id) filter (where l.status = 'won') as won_leads,
  round(count(l.qualified_at)::numeric / nullif(count(cu.id), 0), 4) as qualification_rate,
  round((count(l.id) filter (where l.status = 'won'))::numeric / nullif(count(cu.id), 0), 4) as win_rate
from public.channels ch
left join public.customers cu on cu.channel_id = ch.id
left join public.leads l on l.customer_id = cu.id
group by ch.owner_id, ch.id, ch.kind, ch.name;

-- How long customers wait for the first answer, over conversations of the last 30 days.
create view public.response_times with (security_invoker = true) as
with first_reply as (
  select cu.owner_id,
    extract(epoch from (
      (select min(r.created_at) from public.messages r
        where r.customer_id = cu.id and r.role <> 'customer' and r.created_at >= q.asked_at)
      - q.asked_at)) as seconds
  from public.customers cu
  cross join lateral (
    select min(m.created_at) as asked_at from public.messages m where m.customer_id = cu.id and m.role = 'customer'
  ) q
  where cu.created_at >= now() - interval '30 days' and q.asked_at is not null
)
select owner_id, count(seconds) as answered_conversations,
  round(avg(seconds)::numeric, 3) as avg_first_reply_seconds,
  round((percentile_cont(0.5) within group (order by seconds))::numeric, 3) as median_first_reply_seconds,
  round((percentile_cont(0.9) within group (order by seconds))::numeric, 3) as p90_first_reply_seconds
from first_reply
group by owner_id;
create index customers_owner_created_idx on public.customers (owner_id, created_at desc);

revoke all on public.lead_funnel, public.daily_leads, public.channel_conversion, public.response_times from anon;
grant select on public.lead_funnel, public.daily_leads, public.channel_conversion, public.response_times
  to authenticated, service_role;
