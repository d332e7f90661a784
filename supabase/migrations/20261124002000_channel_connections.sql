-- Connecting channels. The secrets go into channel_secrets and never come back out to members;
-- only the webhooks, as service_role, read them.

create function public.connect_channel(
  p_kind public.channel_kind,
  p_name text,
  p_webhook_secret text,
  p_bot_token text default null
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  company uuid := private.current_owner_id();
  channel uuid;
begin
  if company is null or not private.has_role(company, 'admin') then
    raise sqlstate 'PT403' using message = 'connecting a channel needs the admin role or above';
  end if;
  if p_kind = 'test' then
    raise sqlstate 'PT400' using message = 'every company has its test chat already';
  end if;
  if p_kind = 'telegram' and coalesce(p_bot_token, '') !~ '^[0-9]{3,20}:[A-Za-z0-9_-]{20,100}$' then
    raise sqlstate 'PT400' using message = 'that does not look like a Telegram bot token';
  end if;
  insert into public.channels (owner_id, kind, name) values (company, p_kind, p_name) returning id into channel;
  insert into public.channel_secrets (channel_id, owner_id, webhook_secret, bot_token)
  values (channel, company, p_webhook_secret, p_bot_token);
  return jsonb_build_object('channel_id', channel, 'kind', p_kind, 'name', p_name);
end
$$;

-- What a webhook needs to check a request and answer it: the secrets, and whether it may.
create function public.channel_credentials(p_channel_id uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('channel_id', c.id, 'owner_id', c.owner_id, 'kind', c.kind, 'is_active', c.is_active,
                            'webhook_secret', s.webhook_secret, 'bot_token', s.bot_token)
  from public.channels c join public.channel_secrets s on s.channel_id = c.id
  where c.id = p_channel_id
$$;

-- The bot that speaks for a company to its managers: its first active Telegram channel.
create function public.company_bot(p_owner_id uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('channel_id', c.id, 'bot_token', s.bot_token)
  from public.channels c join public.channel_secrets s on s.channel_id = c.id
  where c.owner_id = p_owner_id and c.kind = 'telegram' and c.is_active
  order by c.created_at
  limit 1
$$;

revoke execute on function public.connect_channel, public.channel_credentials, public.company_bot from public, anon;
grant execute on function public.connect_channel to authenticated;
grant execute on function public.channel_credentials, public.company_bot to service_role;

create function public.disconnect_channel(p_channel_id uuid)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
begin
  delete from public.channels c where c.id = p_channel_id and c.kind <> 'test';
  if not found then
    raise sqlstate 'PT404' using message = 'channel not found, or this needs the admin role or above';
  end if;
  return jsonb_build_object('channel_id', p_channel_id, 'disconnected', true);
end
$$;
revoke execute on function public.disconnect_channel from public, anon;
grant execute on function public.disconnect_channel to authenticated;
