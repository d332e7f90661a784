-- Deleting a user sets these references to null; without an index each delete would scan the
-- whole table. Partial, because most rows never name a member.
create index customers_handed_over_by_idx on public.customers (handed_over_by) where handed_over_by is not null;
create index messages_sender_id_idx on public.messages (sender_id) where sender_id is not null;
create index leads_assigned_to_idx on public.leads (owner_id, assigned_to) where assigned_to is not null;
create index lead_status_history_changed_by_idx on public.lead_status_history (changed_by) where changed_by is not null;
