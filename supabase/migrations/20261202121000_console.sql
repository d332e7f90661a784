-- What the web console reads, a page at a time, and the limit on its sign-in attempts. Each page
-- function runs as the signed-in member (security invoker: RLS decides what it sees), for the
-- company the member acts for (p_owner_id, checked by private.acting_company), and answers in one
-- round trip with jsonb, so a dashboard over PostgREST gets the same answer as the console.

-- === The member ==================================================================================

create function public.my_companies()
returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('owner_id', c.id, 'name', c.name, 'role', m.role)
                            order by c.name, c.id), '[]')
  from public.members m
  join public.companies c on c.id = m.owner_id
  where m.user_id = (select auth.uid())
$$;
comment on function public.my_companies() is
$$The companies the caller belongs to, with their role in each: what the console's company switcher offers.$$;
grant execute on function public.my_companies to authenticated;

-- The company's people by name: their emails live in auth.users, which no member reads directly.
-- Only for a member of the company (whoever else asks gets an empty list).
create function private.member_directory(company uuid)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('user_id', m.user_id, 'email', u.email, 'role', m.role,
                                               'joined_at', m.created_at)
                            order by m.role desc, u.email), '[]')
  from public.members m
  join auth.users u on u.id = m.user_id
  where m.owner_id = company and private.has_role(company, 'viewer')
$$;
grant execute on function private.member_directory to authenticated;

create function public.company_team(p_owner_id uuid default null)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'viewer');
begin
  return jsonb_build_object(
    'owner_id', company,
    'members', private.member_directory(company),
    -- Pending invitations are for admins and owners (RLS agrees: others would see none).
    'invitations', case when private.has_role(company, 'admin') then coalesce((
      select jsonb_agg(jsonb_build_object('id', i.id, 'email', i.email, 'role', i.role, 'created_at', i.created_at,
                                          'expires_at', i.expires_at) order by i.created_at desc)
      from public.invitations i
      where i.owner_id = company and i.expires_at > now()), '[]') end);
end
$$;
comment on function public.company_team(uuid) is
$$A company's team (viewer and above): its members with their emails and roles, and for admins and owners the pending invitations (null for others).$$;
grant execute on function public.company_team to authenticated;

-- === Inbox =======================================================================================

create function public.list_conversations(
  p_waiting boolean default false,
  p_mine boolean default false,
  p_channel_id uuid default null,
  p_before timestamptz default null,
  p_limit integer default 50,
  p_owner_id uuid default null
) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'viewer');
  me uuid := private.current_user_id();
  wanted integer := least(greatest(coalesce(p_limit, 50), 1), 200);
begin
  return jsonb_build_object(
    'conversations', coalesce((
      select jsonb_agg(to_jsonb(page) - 'owner_id' order by page.last_customer_message_at desc, page.customer_id)
      from (
        select v.* from public.conversations v
        where v.owner_id = company
          and (not coalesce(p_waiting, false) or v.waiting_since is not null)
          and (not coalesce(p_mine, false) or v.taken_by = me)
          and (p_channel_id is null or v.channel_id = p_channel_id)
          and (p_before is null or v.last_customer_message_at < p_before)
        order by v.last_customer_message_at desc, v.customer_id
        limit wanted) page), '[]'),
    'waiting', (select count(*) from public.customers c where c.owner_id = company and c.waiting_since is not null),
    'mine', (select count(*) from public.customers c where c.owner_id = company and c.handed_over_by = me),
    'channels', (select coalesce(jsonb_agg(jsonb_build_object('channel_id', ch.id, 'kind', ch.kind, 'name', ch.name)
                                           order by ch.created_at), '[]')
                 from public.channels ch where ch.owner_id = company));
end
$$;
comment on function public.list_conversations(boolean, boolean, uuid, timestamptz, integer, uuid) is
$$A page of a company's inbox (viewer and above), newest customer activity first: rows of the conversations view, filtered to those waiting for a person (p_waiting), taken by the caller (p_mine) or of one channel; the next page starts before the last row's last_customer_message_at (p_before). With the counts waiting and mine, and the company's channels.$$;
grant execute on function public.list_conversations to authenticated;

create function public.get_conversation(
  p_customer_id uuid,
  p_before bigint default null,
  p_after bigint default null,
  p_limit integer default 100
) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  cust public.customers := private.require_customer_role(p_customer_id, 'viewer');
  wanted integer := least(greatest(coalesce(p_limit, 100), 1), 500);
  shown jsonb;
  lead public.leads;
begin
  select coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'role', m.role, 'text', m.text, 'sender_id', m.sender_id,
                                               'created_at', m.created_at) order by m.id), '[]')
  into shown
  from (
    -- After p_after: the oldest first (a poll catching up); otherwise the newest before p_before.
    (select * from public.messages m
     where p_after is not null and m.customer_id = cust.id and m.id > p_after
     order by m.id
     limit wanted)
    union all
    (select * from public.messages m
     where p_after is null and m.customer_id = cust.id and (p_before is null or m.id < p_before)
     order by m.id desc
     limit wanted)) m;
  select * into lead from public.leads l where l.customer_id = cust.id;
  return jsonb_build_object(
    'conversation', (select to_jsonb(v) - 'owner_id' from public.conversations v where v.customer_id = cust.id),
    'messages', shown,
    'older', jsonb_array_length(shown) > 0 and exists (
      select 1 from public.messages m where m.customer_id = cust.id and m.id < (shown -> 0 ->> 'id')::bigint),
    'lead', case when lead.id is not null then to_jsonb(lead) - 'search' end,
    'notes', (select coalesce(jsonb_agg(jsonb_build_object('id', n.id, 'author_id', n.author_id, 'body', n.body,
                                                           'created_at', n.created_at) order by n.id), '[]')
              from public.lead_notes n where n.lead_id = lead.id),
    'history', (select coalesce(jsonb_agg(jsonb_build_object('from_status', h.from_status, 'to_status', h.to_status,
                                                             'changed_by', h.changed_by, 'changed_at', h.changed_at,
                                                             'note', h.note) order by h.id), '[]')
                from public.lead_status_history h where h.lead_id = lead.id),
    'members', private.member_directory(cust.owner_id));
end
$$;
comment on function public.get_conversation(uuid, bigint, bigint, integer) is
$$One conversation (viewer and above): its row of the conversations view; its newest p_limit messages (1-500) before message p_before, or the oldest after p_after, oldest first, and whether older ones exist; its lead with notes and status history; and the company's members (to name who wrote and who is assigned).$$;
grant execute on function public.get_conversation to authenticated;

-- === Leads =======================================================================================

create function public.list_leads(
  p_status public.lead_status default null,
  p_query text default null,
  p_before_created_at timestamptz default null,
  p_before_id uuid default null,
  p_limit integer default 50,
  p_owner_id uuid default null
) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'viewer');
  wanted integer := least(greatest(coalesce(p_limit, 50), 1), 200);
  searching boolean := nullif(btrim(p_query), '') is not null;
begin
  return jsonb_build_object(
    'pipeline', (select coalesce(jsonb_agg(to_jsonb(f) - 'owner_id' order by f.status), '[]')
                 from public.lead_funnel f where f.owner_id = company),
    'leads', coalesce((
      select jsonb_agg(page.hit order by page.created_at desc, page.id desc)
      from (
        select l.created_at, l.id,
          jsonb_build_object('id', l.id, 'customer_id', l.customer_id, 'status', l.status, 'name', l.name,
                             'phone', l.phone, 'email', l.email, 'whatsapp', l.whatsapp, 'telegram', l.telegram,
                             'need', l.need, 'budget_amount', l.budget_amount,
                             'budget_currency', l.budget_currency, 'location', l.location,
                             'assigned_to', l.assigned_to, 'created_at', l.created_at) as hit
        from public.leads l
        where l.owner_id = company
          and (p_status is null or l.status = p_status)
          and (not searching or l.id in (select private.matching_leads(company, p_query)))
          and (p_before_created_at is null or (l.created_at, l.id) < (p_before_created_at, p_before_id))
        order by l.created_at desc, l.id desc
        limit wanted) page), '[]'));
end
$$;
comment on function public.list_leads(public.lead_status, text, timestamptz, uuid, integer, uuid) is
$$A page of a company's leads (viewer and above), newest first, with the pipeline (the lead_funnel rows: count and budget per currency by status). p_query searches as the search RPC does, the digits of a phone or WhatsApp number included; the next page starts before the last row's created_at and id.$$;
grant execute on function public.list_leads to authenticated;

-- === Analytics ===================================================================================

create function public.company_analytics(p_from date default null, p_to date default null, p_owner_id uuid default null)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  company uuid := private.acting_company(p_owner_id, 'viewer');
  first_day date := coalesce(p_from, current_date - 29);
  last_day date := coalesce(p_to, current_date);
  since timestamptz := first_day::timestamptz;
  until timestamptz := (last_day + 1)::timestamptz;
begin
  if last_day < first_day or last_day - first_day > 366 then
    raise sqlstate 'PT400' using message = 'the period: from a day to at most 367 days later';
  end if;
  return (
    with new_leads as (
      select l.created_at::date as day, l.status
      from public.leads l
      where l.owner_id = company and l.created_at >= since and l.created_at < until
    ),
    qualified as (
      select l.qualified_at::date as day, count(*) as leads
      from public.leads l
      where l.owner_id = company and l.qualified_at >= since and l.qualified_at < until
      group by 1
    ),
    -- A customer row is made with their first message, in the same transaction: its created_at is
    -- when they first wrote; first_reply_at, when the bot or a member first answered (as the
    -- response_times view reads it).
    first_replies as (
      select cu.created_at::date as day, extract(epoch from cu.first_reply_at - cu.created_at) as seconds
      from public.customers cu
      where cu.owner_id = company and cu.created_at >= since and cu.created_at < until
        and cu.first_reply_at is not null
    ),
    -- What became of those customers, per channel, in one pass. A lead is written after its
    -- customer first wrote, so only leads from the period's start can be theirs.
    channel_outcomes as (
      select cu.channel_id, count(*) as customers, count(l.id) as leads, count(l.qualified_at) as qualified_leads,
        count(*) filter (where l.status = 'won') as won_leads
      from public.customers cu
      left join public.leads l on l.customer_id = cu.id and l.owner_id = company and l.created_at >= since
      where cu.owner_id = company and cu.created_at >= since and cu.created_at < until
      group by cu.channel_id
    ),
    new_per_day as (select n.day, count(*) as leads from new_leads n group by n.day),
    replies_per_day as (
      select r.day, round((percentile_cont(0.5) within group (order by r.seconds))::numeric, 1) as median
      from first_replies r group by r.day
    )
    select jsonb_build_object(
      'from', first_day, 'to', last_day,
      'funnel', (
        select jsonb_agg(jsonb_build_object('status', s.status, 'leads', coalesce(counted.leads, 0)) order by s.status)
        from unnest(enum_range(null::public.lead_status)) s(status)
        left join (select n.status, count(*) as leads from new_leads n group by n.status) counted
          on counted.status = s.status),
      'daily', (
        select jsonb_agg(jsonb_build_object(
                 'day', d.day::date, 'new_leads', coalesce(n.leads, 0), 'qualified_leads', coalesce(q.leads, 0),
                 'median_first_reply_seconds', r.median)
               order by d.day)
        from generate_series(first_day, last_day, interval '1 day') d(day)
        left join new_per_day n on n.day = d.day::date
        left join qualified q on q.day = d.day::date
        left join replies_per_day r on r.day = d.day::date),
      'channels', (
        select coalesce(jsonb_agg(jsonb_build_object(
                 'channel_id', ch.id, 'kind', ch.kind, 'name', ch.name, 'customers', coalesce(o.customers, 0),
                 'leads', coalesce(o.leads, 0), 'qualified_leads', coalesce(o.qualified_leads, 0),
                 'won_leads', coalesce(o.won_leads, 0),
                 'qualification_rate', round(o.qualified_leads::numeric / nullif(o.customers, 0), 4))
               order by ch.created_at), '[]')
        from public.channels ch
        left join channel_outcomes o on o.channel_id = ch.id
        where ch.owner_id = company),
      'response', (
        select jsonb_build_object(
          'answered_conversations', count(*),
          'median_first_reply_seconds', round((percentile_cont(0.5) within group (order by r.seconds))::numeric, 1),
          'p90_first_reply_seconds', round((percentile_cont(0.9) within group (order by r.seconds))::numeric, 1))
        from first_replies r))
  );
end
$$;
comment on function public.company_analytics(date, date, uuid) is
$$A company's analytics over the days p_from to p_to (viewer and above; default the last 30 days, at most 367): leads written down in the period by status (funnel), new and qualified leads and the median first answer per day (daily), customers who first wrote in the period and what became of them per channel (channels), and how long they waited for a first answer (response: median and 90th percentile, seconds).$$;
grant execute on function public.company_analytics to authenticated;

-- === Channels ====================================================================================

create function public.list_channels(p_owner_id uuid default null)
returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('channel_id', c.id, 'kind', c.kind, 'name', c.name,
                                               'is_active', c.is_active, 'created_at', c.created_at)
                            order by c.created_at), '[]')
  from public.channels c
  where c.owner_id = (select private.acting_company(p_owner_id, 'viewer'))
$$;
comment on function public.list_channels(uuid) is
$$A company's channels, oldest first (viewer and above): id, kind, name, whether it answers, since when.$$;
grant execute on function public.list_channels to authenticated;

-- === Sign-in attempts ============================================================================

-- Counted before the password is checked, per address and per email (hashed: the counters hold no
-- addresses of people), in fixed 15-minute windows. Past either limit the console refuses the
-- attempt unchecked; Supabase Auth keeps limits of its own as well.
create function public.sign_in_attempt(p_address text, p_email text)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select jsonb_build_object('allowed', counted.wait = 0, 'retry_after', counted.wait)
  from (select greatest(  -- both counted, whichever is over
    private.take_rate_limit('sign_in:address:' || left(coalesce(p_address, ''), 64), 30, interval '15 minutes'),
    private.take_rate_limit('sign_in:email:' || encode(sha256(convert_to(lower(btrim(coalesce(p_email, ''))), 'UTF8')),
                                                       'hex'), 10, interval '15 minutes')) as wait) counted
$$;
comment on function public.sign_in_attempt(text, text) is
$$Counts a console sign-in attempt against the browser's address (30 per 15 minutes) and the email (10), and says whether it may go on, else after how many seconds (the console's own, as service_role).$$;
grant execute on function public.sign_in_attempt to service_role;
