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
language plpgsql stable
set search_path = ''
as $$
declare
  query tsquery := private.bilingual_tsquery(left(p_query, 200));
  wanted integer := least(greatest(coalesce(p_limit, 20), 1), 100);
begin
  if query = ''::tsquery then
    raise sqlstate 'PT400' using message = 'the search has no words to look for';
  end if;
  return jsonb_build_object(
    'leads', coalesce((
      select jsonb_agg(hit order by rank desc, created_at desc)
      from (
        select l.created_at, ts_rank(l.search, query) as rank,
          jsonb_build_object('id', l.id, 'customer_id', l.customer_id, 'status', l.status, 'name', l.name,
                             'phone', l.phone, 'email', l.email, 'need', l.need, 'location', l.location,
                             'created_at', l.created_at) as hit
        -- One lookup per company: the GIN index needs owner_id by equality, which = any() is not.
        from unnest(private.owner_id_array('viewer')) as company(id)
        join public.leads l on l.owner_id = company.id
        where l.search @@ query
        order by rank desc, l.created_at desc
        limit wanted) found), '[]'),
    'messages', coalesce((
      select jsonb_agg(hit order by rank desc, created_at desc)
      from (
        select m.created_at, ts_rank(m.search, query) as rank,
          jsonb_build_object('id', m.id, 'customer_id', m.customer_id, 'role', m.role, 'text', m.text,
                             'created_at', m.created_at) as hit
        from unnest(private.owner_id_array('viewer')) as company(id)
        join public.messages m on m.owner_id = company.id
        where m.search @@ query
        order by rank desc, m.created_at desc
        limit wanted) found), '[]'));
end
$$;
revoke execute on function public.search from public, anon;
grant execute on function public.search to authenticated;
