-- Leads for export, a page at a time in (created_at, id) order, so a stream of any length needs
-- no offset and no server-side cursor, over PostgREST as over a direct connection.

create function public.export_leads(
  p_status public.lead_status default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_query text default null,
  p_after_created_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 500
) returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(row_json order by created_at, id), '[]')
  from (
    select l.created_at, l.id, jsonb_build_object(
      'id', l.id, 'created_at', l.created_at, 'status', l.status, 'stage', c.stage, 'score', l.score,
      'name', l.name, 'phone', l.phone, 'email', l.email, 'need', l.need,
      'budget_amount', l.budget_amount, 'budget_currency', l.budget_currency, 'location', l.location,
      'timeline', l.timeline, 'source', l.source, 'customer', c.display_name, 'details', l.details) as row_json
    from public.leads l
    join public.customers c on c.id = l.customer_id
    where l.owner_id = any ((select private.owner_id_array('viewer'))::uuid[])
      and (p_status is null or l.status = p_status)
      and (p_from is null or l.created_at >= p_from)
      and (p_to is null or l.created_at < p_to)
      and (nullif(btrim(p_query), '') is null or l.search @@ private.bilingual_tsquery(left(p_query, 200)))
      and (p_after_created_at is null or (l.created_at, l.id) > (p_after_created_at, p_after_id))
    order by l.created_at, l.id
    limit least(greatest(coalesce(p_limit, 500), 1), 5000)
  ) page
$$;
revoke execute on function public.export_leads from public, anon;
grant execute on function public.export_leads to authenticated;
