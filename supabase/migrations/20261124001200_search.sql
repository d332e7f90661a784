-- Full-text search over leads and messages, in Russian and English at once: a customer may
-- write either, and a manager searches in either.

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

alter table public.leads add column search tsvector generated always as (
  private.bilingual_tsvector(
    coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(need, '')
    || ' ' || coalesce(location, '') || ' ' || coalesce(timeline, '') || ' ' || details::text)
) stored;
alter table public.messages add column search tsvector generated always as (private.bilingual_tsvector(text)) stored;

-- owner_id first, so a company's search never wades through other companies' matches.
create index leads_search_idx on public.leads using gin (owner_id, search);
create index messages_search_idx on public.messages using gin (owner_id, search);

create function public.search(p_query text, p_limit integer default 20)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
-- Security definer, with the tenant filter explicit: under RLS the planner prefers the owner_id
-- btree (which also fits the policy) and reads every row of the company; here it can pick the
-- (owner_id, search) GIN index for rare words and walk the newest rows for common ones.
declare
  query tsquery := private.bilingual_tsquery(left(p_query, 200));
  wanted integer := least(greatest(coalesce(p_limit, 20), 1), 100);
  companies uuid[] := private.owner_id_array('viewer');  -- only the caller's companies, ever
begin
  if query = ''::tsquery then
    raise sqlstate 'PT400' using message = 'the search has no words to look for';
  end if;
  return jsonb_build_object(
    'leads', coalesce((
      select jsonb_agg(found.hit order by found.created_at desc)
      from (
        select hits.created_at, hits.hit
        from unnest(companies) as company(id)
        cross join lateral (
          select l.created_at,
            jsonb_build_object('id', l.id, 'customer_id', l.customer_id, 'status', l.status, 'name', l.name,
                               'phone', l.phone, 'email', l.email, 'need', l.need, 'location', l.location,
                               'created_at', l.created_at) as hit
          from public.leads l
          where l.owner_id = company.id and l.search @@ query
          order by l.created_at desc
          limit wanted) hits
        order by hits.created_at desc
        limit wanted) found), '[]'),
    'messages', coalesce((
      select jsonb_agg(found.hit order by found.created_at desc)
      from (
        select hits.created_at, hits.hit
        from unnest(companies) as company(id)
        cross join lateral (
          select m.created_at,
            jsonb_build_object('id', m.id, 'customer_id', m.customer_id, 'role', m.role, 'text', m.text,
                               'created_at', m.created_at) as hit
          from public.messages m
          where m.owner_id = company.id and m.search @@ query
          order by m.created_at desc
          limit wanted) hits
        order by hits.created_at desc
        limit wanted) found), '[]'));
end
$$;

revoke execute on function public.search from public, anon;
grant execute on function public.search to authenticated;
