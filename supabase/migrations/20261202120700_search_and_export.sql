-- Finding and taking out a company's leads: full-text search over leads and messages (Russian and
-- English at once), and the export, a page at a time.

-- A search for a phone number, however written ("89161112233", "+7 (916) 111-22-33", "111-22-33",
-- "020 7946 0958"): its last ten digits at most, which is the national number without a trunk
-- prefix (8, 0), matched against the end of the stored E.164 phone. Null when the query is not
-- only a phone's characters with at least six digits. Words never find a phone: to_tsvector keeps
-- "+79161112233" as one token, and nobody types it that way.
create function private.phone_digits(query text) returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select case when query ~ '^[\s()+.\-0-9]+$' and char_length(regexp_replace(query, '\D', '', 'g')) >= 6
              then right(regexp_replace(query, '\D', '', 'g'), 10) end
$$;
grant execute on function private.phone_digits to authenticated, service_role;

-- The ids of a company's leads a search finds: by its words in Russian and English, or by the
-- end of the phone (leads_phone_suffix_idx). The caller filters by company again: this only
-- narrows what RLS already allows.
create function private.matching_leads(company uuid, query text) returns setof uuid
language sql stable
set search_path = ''
as $$
  select l.id from public.leads l
  where l.owner_id = company and l.search @@ private.bilingual_tsquery(left(query, 200))
  union
  select l.id from public.leads l
  where l.owner_id = company and l.phone is not null
    and reverse(l.phone) ~>=~ reverse(private.phone_digits(query))
    and reverse(l.phone) ~<~ (reverse(private.phone_digits(query)) || ':')  -- ':' sorts right after '9'
$$;
grant execute on function private.matching_leads to authenticated, service_role;

-- Security definer, with the tenant filter explicit: under RLS the planner prefers the owner_id
-- btree (which also fits the policy) and reads every row of the company; here it can pick the
-- (owner_id, search) GIN index for rare words and walk the newest rows for common ones. Kept out
-- of the exposed schema behind the invoker function below.
create function private.search(p_query text, p_limit integer, p_owner_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  query tsquery := private.bilingual_tsquery(left(p_query, 200));
  wanted integer := least(greatest(coalesce(p_limit, 20), 1), 100);
  company uuid := private.acting_company(p_owner_id, 'viewer');  -- a company of the caller's, ever
begin
  if query = ''::tsquery then
    raise sqlstate 'PT400' using message = 'the search has no words to look for';
  end if;
  return jsonb_build_object(
    'leads', coalesce((
      select jsonb_agg(found.hit order by found.created_at desc)
      from (
        select l.created_at,
          jsonb_build_object('id', l.id, 'customer_id', l.customer_id, 'status', l.status, 'name', l.name,
                             'phone', l.phone, 'email', l.email, 'whatsapp', l.whatsapp, 'telegram', l.telegram,
                             'need', l.need, 'location', l.location,
                             'created_at', l.created_at) as hit
        from public.leads l
        where l.owner_id = company and l.search @@ query
        order by l.created_at desc
        limit wanted) found), '[]'),
    'messages', coalesce((
      select jsonb_agg(found.hit order by found.created_at desc)
      from (
        select m.created_at,
          jsonb_build_object('id', m.id, 'customer_id', m.customer_id, 'role', m.role, 'text', m.text,
                             'created_at', m.created_at) as hit
        from public.messages m
        where m.owner_id = company and m.search @@ query
        order by m.created_at desc
        limit wanted) found), '[]'));
end
$$;
grant execute on function private.search to authenticated;

create function public.search(p_query text, p_limit integer default 20, p_owner_id uuid default null)
returns jsonb
language sql stable
set search_path = ''
as $$
  select private.search(p_query, p_limit, p_owner_id)
$$;
comment on function public.search(text, integer, uuid) is
$$Full-text search over a company's leads and messages, Russian and English at once (viewer and above); p_owner_id names the company (optional for a member of one company only).
p_query takes web-search syntax ("quoted phrase", or, -word); the newest p_limit (1-100) matches of each kind come back as {"leads": [...], "messages": [...]}.$$;
grant execute on function public.search to authenticated;

-- Leads for export, a page at a time in (created_at, id) order, so a stream of any length needs
-- no offset and no server-side cursor, over PostgREST as over a direct connection.
create function public.export_leads(
  p_status public.lead_status default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_query text default null,
  p_after_created_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 500,
  p_owner_id uuid default null
) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  -- Resolved before any row is read: a check inside the query runs only when some row reaches it,
  -- and RLS may leave none (a company the caller does not belong to would then be an empty page).
  company uuid := private.acting_company(p_owner_id, 'viewer');
begin
  return (
    select coalesce(jsonb_agg(row_json order by created_at, id), '[]')
    from (
      select l.created_at, l.id, jsonb_build_object(
        'id', l.id, 'created_at', l.created_at, 'status', l.status, 'stage', c.stage, 'score', l.score,
        'name', l.name, 'phone', l.phone, 'email', l.email, 'whatsapp', l.whatsapp, 'telegram', l.telegram,
        'need', l.need,
        'budget_amount', l.budget_amount, 'budget_currency', l.budget_currency, 'budget_min', l.budget_min,
        'budget_max', l.budget_max, 'budget_period', l.budget_period, 'budget_text', l.budget_text,
        'location', l.location,
        'timeline', l.timeline, 'source', l.source, 'customer', c.display_name, 'details', l.details) as row_json
      from public.leads l
      join public.customers c on c.id = l.customer_id
      where l.owner_id = company
        and (p_status is null or l.status = p_status)
        and (p_from is null or l.created_at >= p_from)
        and (p_to is null or l.created_at < p_to)
        and (nullif(btrim(p_query), '') is null or l.search @@ private.bilingual_tsquery(left(p_query, 200)))
        and (p_after_created_at is null or (l.created_at, l.id) > (p_after_created_at, p_after_id))
      order by l.created_at, l.id
      limit least(greatest(coalesce(p_limit, 500), 1), 5000)
    ) page);
end
$$;
comment on function public.export_leads(public.lead_status, timestamptz, timestamptz, text, timestamptz, uuid, integer, uuid) is
$$One page of a company's leads, oldest first (viewer and above); p_owner_id names the company (optional for a member of one company only).
Filters: p_status, p_from <= created_at < p_to, p_query (as search). The next page starts after the last row's created_at and id (p_after_created_at, p_after_id); p_limit is 1-5000. The leads_export function streams every page as CSV.$$;
grant execute on function public.export_leads to authenticated;
