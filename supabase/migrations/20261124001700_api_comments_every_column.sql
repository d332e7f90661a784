-- The columns 20261124001500_api_comments.sql left to their names: ids, owner_id, timestamps, and
-- every column of the summary views. PostgREST's OpenAPI output shows each comment as the field's
-- description, so a dashboard builder reads what a number means without reading our SQL.

comment on column public.companies.id is 'The company''s id: the owner_id of everything it owns.';
comment on column public.companies.created_at is 'When the company signed up.';
comment on column public.members.created_at is 'When the user joined the company.';

comment on column public.invitations.id is 'The invitation''s id.';
comment on column public.invitations.owner_id is 'The inviting company.';
comment on column public.invitations.created_at is 'When the invitation was sent.';

comment on column public.bot_settings.owner_id is 'The company (one row each).';
comment on column public.bot_settings.updated_at is 'When the settings last changed.';

comment on column public.channels.id is 'The channel''s id (the ?channel= of its webhook).';
comment on column public.channels.owner_id is 'The company.';
comment on column public.channels.created_at is 'When the channel was connected.';

comment on column public.customers.id is 'The customer''s (conversation''s) id.';
comment on column public.customers.owner_id is 'The company.';
comment on column public.customers.channel_id is 'The channel the customer writes through.';
comment on column public.customers.created_at is 'When the customer first wrote.';

comment on column public.messages.id is 'Increases with every message: orders a conversation.';
comment on column public.messages.owner_id is 'The company.';
comment on column public.messages.created_at is 'When the message was stored.';

comment on column public.leads.id is 'The lead''s id.';
comment on column public.leads.owner_id is 'The company.';
comment on column public.leads.created_at is 'When the bot first wrote the lead down.';
comment on column public.leads.updated_at is 'When the lead last changed.';

comment on column public.lead_status_history.id is 'Increases with every change.';
comment on column public.lead_status_history.owner_id is 'The company.';
comment on column public.lead_status_history.lead_id is 'The lead that changed.';

comment on column public.lead_notes.id is 'Increases with every note.';
comment on column public.lead_notes.owner_id is 'The company.';
comment on column public.lead_notes.lead_id is 'The lead the note is about.';
comment on column public.lead_notes.created_at is 'When the note was written.';

comment on column public.lead_funnel.owner_id is 'The company.';
comment on column public.lead_funnel.status is 'The lead status this row counts.';
comment on column public.lead_funnel.leads is 'How many of the company''s leads have this status.';
comment on column public.lead_funnel.total_budget is 'Sum of their budgets per currency, e.g. {"RUB": 9000000}; leads without a budget add nothing.';

comment on column public.daily_leads.owner_id is 'The company.';
comment on column public.daily_leads.day is 'The day (database time zone, UTC on Supabase); one row for each of the last 90 days, today included.';
comment on column public.daily_leads.new_leads is 'Leads written down that day.';
comment on column public.daily_leads.qualified_leads is 'Leads that first had a contact and a need that day.';

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

comment on column public.response_times.owner_id is 'The company.';
comment on column public.response_times.answered_conversations is 'Conversations of the last 30 days whose first customer message got a reply.';
comment on column public.response_times.avg_first_reply_seconds is 'Mean seconds from the first customer message to the first reply (bot or manager).';
comment on column public.response_times.median_first_reply_seconds is 'Median of the same.';
comment on column public.response_times.p90_first_reply_seconds is '90th percentile of the same.';
