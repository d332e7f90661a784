-- Issue 19: what the plan still allows (asked as a message is taken in) and the metering of the
-- bot's reply (as it is stored) each looked up the subscription, the plan in force and the billing
-- period their own way, about nine statements a message. Both now start from one lookup,
-- `plan_and_period`; the billing period is a plain expression there, not a query of its own; and
-- the notice levels are plain expressions, not queries. The counting itself is unchanged: one upsert
-- of the company's period row, in the transaction that stores the reply.

-- The company's plan in force and its billing period now. PL/pgSQL, as the billing period is:
-- the period and the plan's rule are evaluated as expressions, so the lookup costs the two queries
-- it needs (the subscription, the plan) and no more. Runs as the caller.
create function private.plan_and_period(company uuid, out plan private.plans,
                                        out period_start timestamptz, out period_end timestamptz)
language plpgsql stable
set search_path = ''
as $$
declare
  sub public.subscriptions;
  period record;
begin
  select * into sub from public.subscriptions s where s.owner_id = company;
  plan := private.plan_in_force(sub);
  period := private.billing_period(sub.period_anchor, now());
  period_start := period.period_start;
  period_end := period.period_end;
end
$$;
grant execute on function private.plan_and_period to authenticated, service_role;

-- As in 20261202120900_plans_usage_billing.sql, from `plan_and_period`.
create or replace function private.plan_allowance(company uuid) returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  billing record := private.plan_and_period(company);
  used public.usage;
begin
  select * into used from public.usage u where u.owner_id = company and u.period_start = billing.period_start;
  return jsonb_build_object(
    'model', (billing.plan).llm_tokens is null
             or coalesce(used.llm_input_tokens + used.llm_output_tokens, 0) < (billing.plan).llm_tokens,
    'replies', (billing.plan).bot_replies is null or coalesce(used.bot_replies, 0) < (billing.plan).bot_replies);
end
$$;

-- As in 20261202120900_plans_usage_billing.sql: an expression, which PL/pgSQL evaluates without
-- starting the executor, where a SQL function with its own search_path is a query each call.
create or replace function private.notice_level(used bigint, included bigint) returns integer
language plpgsql immutable
set search_path = ''
as $$
begin
  return case when included is null then 0
              when used >= included then 100
              when used * 10 >= included * 8 then 80
              else 0 end;
end
$$;

-- As in 20261202120900_plans_usage_billing.sql, from `plan_and_period`.
create or replace function private.meter_usage(company uuid, replies integer, input_tokens integer, output_tokens integer)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  billing record;
  counted public.usage;
  replies_level integer;
  tokens_level integer;
  notice_language text;
begin
  if replies < 0 or input_tokens < 0 or output_tokens < 0 then
    raise sqlstate 'PT400' using message = 'usage is never negative';
  end if;
  if replies = 0 and input_tokens = 0 and output_tokens = 0 then
    return;
  end if;
  billing := private.plan_and_period(company);
  insert into public.usage as u (owner_id, period_start, period_end, bot_replies, llm_input_tokens, llm_output_tokens)
  values (company, billing.period_start, billing.period_end, replies, input_tokens, output_tokens)
  on conflict (owner_id, period_start) do update set
    bot_replies = u.bot_replies + excluded.bot_replies,
    llm_input_tokens = u.llm_input_tokens + excluded.llm_input_tokens,
    llm_output_tokens = u.llm_output_tokens + excluded.llm_output_tokens,
    updated_at = now()
  returning * into counted;

  replies_level := private.notice_level(counted.bot_replies, (billing.plan).bot_replies);
  tokens_level := private.notice_level(counted.llm_input_tokens + counted.llm_output_tokens, (billing.plan).llm_tokens);
  if replies_level <= counted.replies_notice and tokens_level <= counted.tokens_notice then
    return;
  end if;
  -- Still holding the row's lock: no other turn can cross the same line in between.
  update public.usage u
  set replies_notice = greatest(u.replies_notice, replies_level), tokens_notice = greatest(u.tokens_notice, tokens_level)
  where u.owner_id = company and u.period_start = counted.period_start;
  select mc.language into notice_language from public.manager_chats mc
  where mc.owner_id = company order by mc.linked_at limit 1;
  notice_language := coalesce(notice_language, 'en');
  if replies_level > counted.replies_notice then
    perform private.queue_billing_notice(company, private.billing_notice_text(
      'replies', replies_level, notice_language, (billing.plan).name, counted.bot_replies, (billing.plan).bot_replies,
      counted.period_end));
  end if;
  if tokens_level > counted.tokens_notice then
    perform private.queue_billing_notice(company, private.billing_notice_text(
      'tokens', tokens_level, notice_language, (billing.plan).name, counted.llm_input_tokens + counted.llm_output_tokens,
      (billing.plan).llm_tokens, counted.period_end));
  end if;
end
$$;
