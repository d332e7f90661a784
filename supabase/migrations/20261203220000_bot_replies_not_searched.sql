-- Issue 19: every stored message computed its search vector, two dictionaries' worth, and put it
-- in the (owner_id, search) GIN index, the bot's replies too: about half the messages, and the
-- longest. Nobody searches for them. The one reader of messages.search is the search RPC, where a
-- company's people look for a conversation by what a customer or a manager wrote; the bot's replies
-- repeat the company's own offerings, prices and questions in every conversation, so they would
-- match most searches and push the conversations sought out of the newest results. A bot reply's
-- vector is now null: never computed, and never matched.
--
-- A stored generated column's expression is replaced by dropping it (with its index) and adding it
-- again, which rewrites the table once; Postgres 17's `alter column ... set expression` does the
-- same rewrite and older servers lack it.
alter table public.messages drop column search;
alter table public.messages add column search tsvector
  generated always as (case when role <> 'bot' then private.bilingual_tsvector(text) end) stored;
-- owner_id first, so a company's search never wades through other companies' matches.
create index messages_search_idx on public.messages using gin (owner_id, search);
comment on column public.messages.search is
  'Full-text vector (Russian and English) of a customer''s or a manager''s message; null for the bot''s replies, which are not searched. Use the search RPC.';

comment on function public.search(text, integer, uuid) is
$$Full-text search over a company's leads and messages, Russian and English at once (viewer and above); p_owner_id names the company (optional for a member of one company only). Messages are the customers' and the managers': the bot's replies are not searched.
p_query takes web-search syntax ("quoted phrase", or, -word); the newest p_limit (1-100) matches of each kind come back as {"leads": [...], "messages": [...]}.$$;
