-- What PostgREST's OpenAPI output says about each table, view and column.

comment on table public.companies is 'A company (tenant). Its id is the owner_id of everything it owns.';
comment on column public.companies.name is 'The company''s display name.';

comment on table public.members is 'Who works for a company, and with which role (viewer < manager < admin < owner).';
comment on column public.members.owner_id is 'The company.';
comment on column public.members.user_id is 'The Supabase Auth user.';
comment on column public.members.role is 'viewer reads; manager works leads; admin edits settings and channels; owner manages the team.';

comment on table public.invitations is 'Pending invitations: the email joins the company with the role when it signs up.';
comment on column public.invitations.email is 'The invited email, lower-cased.';
comment on column public.invitations.role is 'The role the invitee will have.';

comment on table public.bot_settings is 'What the company tells its sales bot about itself.';
comment on column public.bot_settings.description is 'What the company does, in its own words.';
comment on column public.bot_settings.offerings is 'Array of {name, description, price, currency, keywords}. The bot quotes prices only from here.';
comment on column public.bot_settings.faq is 'Array of {question, answer, keywords}.';
comment on column public.bot_settings.tone is 'How the bot should sound.';
comment on column public.bot_settings.language is 'auto (the customer''s language) or an ISO 639-1 code.';
comment on column public.bot_settings.phone_region is 'ISO 3166 region for phone numbers written without a country code.';
comment on column public.bot_settings.greeting is 'The first words of the bot in a new conversation.';
comment on column public.bot_settings.lead_fields is 'The lead fields the bot asks for, in order.';
comment on column public.bot_settings.notify_chat_ids is 'Telegram chat ids of managers to notify about qualified leads.';

comment on table public.channels is 'Where customers write: the test chat, a Telegram bot, a web widget.';
comment on column public.channels.kind is 'test, telegram or widget.';
comment on column public.channels.is_active is 'False stops the channel from answering.';

comment on table public.channel_secrets is 'Bot tokens and webhook secrets. Never readable by members.';

comment on table public.customers is 'A person writing to the company through a channel: one conversation.';
comment on column public.customers.external_id is 'The channel''s id for the person (Telegram user id, widget visitor id).';
comment on column public.customers.display_name is 'The name the channel gave.';
comment on column public.customers.username is 'The channel username, e.g. Telegram @username.';
comment on column public.customers.language is 'ISO 639-1 code of the language the customer writes in.';
comment on column public.customers.stage is 'Sales stage: greeting, needs, qualification, offer, contact, handed_over.';
comment on column public.customers.handed_over_at is 'Set while a human has the conversation; the bot is silent.';
comment on column public.customers.handed_over_by is 'The member who took the conversation over.';
comment on column public.customers.last_message_at is 'When the customer last wrote.';

comment on table public.messages is 'The messages of a conversation.';
comment on column public.messages.role is 'customer, bot or manager.';
comment on column public.messages.text is 'The message text (at most 4096 characters).';
comment on column public.messages.sender_id is 'The member who wrote it, for manager messages.';
comment on column public.messages.search is 'Full-text vector (Russian and English); use the search RPC.';

comment on table public.leads is 'What the bot learned about a customer, and where the sale stands.';
comment on column public.leads.customer_id is 'The conversation (one lead per customer).';
comment on column public.leads.status is 'new, contacted, qualified, won or lost; change it with change_lead_status or a PATCH (transitions are enforced).';
comment on column public.leads.phone is 'E.164, only as the customer wrote it.';
comment on column public.leads.email is 'Lower-cased, only as the customer wrote it.';
comment on column public.leads.need is 'What the customer wants: an offering''s name, or their words.';
comment on column public.leads.budget_amount is 'The budget''s amount (the upper bound of a range).';
comment on column public.leads.budget_currency is 'ISO 4217.';
comment on column public.leads.location is 'Where: a city, and a district if named.';
comment on column public.leads.timeline is 'When, in the customer''s words.';
comment on column public.leads.details is 'Anything else learned, e.g. area_m2.';
comment on column public.leads.score is '0-100: completeness and intent.';
comment on column public.leads.source is 'The kind of channel the lead came from.';
comment on column public.leads.assigned_to is 'The member working the lead.';
comment on column public.leads.qualified_at is 'When the lead first had a contact and a need.';
comment on column public.leads.search is 'Full-text vector (Russian and English); use the search RPC.';

comment on table public.lead_status_history is 'Every status change of a lead: who, when, from what to what.';
comment on column public.lead_status_history.changed_by is 'The member who changed it (null for the service).';
comment on column public.lead_status_history.note is 'The note given with the change.';

comment on table public.lead_notes is 'Managers'' notes on a lead.';
comment on column public.lead_notes.author_id is 'The member who wrote the note.';

comment on view public.lead_funnel is 'Leads and total budget (per currency) by status.';
comment on view public.daily_leads is 'New and qualified leads per day, for the last 90 days.';
comment on view public.channel_conversion is 'Customers, leads, qualified and won leads per channel, with rates.';
comment on view public.response_times is 'Delay of the first reply to a customer, over conversations of the last 30 days.';
comment on column public.channels.name is 'The channel''s display name.';
comment on column public.channel_secrets.webhook_secret is 'Telegram secret_token or the widget''s HMAC key.';
comment on column public.channel_secrets.bot_token is 'The Telegram bot token.';
comment on column public.messages.customer_id is 'The conversation.';
comment on column public.leads.name is 'The customer''s name.';
comment on column public.lead_status_history.from_status is 'The status before the change.';
comment on column public.lead_status_history.to_status is 'The status after the change.';
comment on column public.lead_status_history.changed_at is 'When it changed.';
comment on column public.lead_notes.body is 'The note.';
comment on column public.invitations.invited_by is 'The owner who sent the invitation.';
