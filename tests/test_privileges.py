"""Who may use what: every table, view, sequence and function in `public` and `private`, for each
API role, declared here and compared with the database. Supabase no longer grants new objects to
anyone, and what RLS does not cover (truncate, references, trigger) must be granted to nobody; so
anything not listed is a mistake, and so is anything listed but missing.

The same list holds whether the project has today's default privileges or the old ones (projects
created before the change keep them), because the first migration revokes the old defaults.
"""

from __future__ import annotations

import psycopg
import pytest

from salesbot.local.database import FUNCTIONS_ROLE, SERVICE_LOGIN, prepare
from tests.support import postgres
from tests.support.privileges import granted

SERVICE = {"service_role": {"execute"}}
MEMBERS = {"authenticated": {"execute"}}
MEMBERS_AND_SERVICE = {"authenticated": {"execute"}, "service_role": {"execute"}}

ALLOWED: dict[str, dict[str, set[str]]] = {
    # Tables and views: members through RLS, the service for the webhooks' RPCs.
    "public.companies": {"authenticated": {"select", "update(name)"}, "service_role": {"select"}},
    # The team changes only through its RPCs: members read it.
    "public.members": {"authenticated": {"select"}, "service_role": {"select"}},
    "public.invitations": {"authenticated": {"select"}},
    "public.bot_settings": {"authenticated": {"select", "update"}, "service_role": {"select"}},
    "public.channels": {"authenticated": {"select", "update(is_active, name)", "delete"}, "service_role": {"select"}},
    "public.channel_secrets": {"service_role": {"select"}},
    "public.customers": {"authenticated": {"select", "insert", "update", "delete"},
                         "service_role": {"select", "insert", "update"}},
    # Members never name a message's time or sender, a note's author or time: the server does.
    "public.messages": {"authenticated": {"select", "delete",
                                          "insert(asked, customer_id, handoff_reason, owner_id, request_key, role, text)"},
                        "service_role": {"select", "insert"}},
    "public.leads": {"authenticated": {"select", "insert", "update", "delete"}, "service_role": {"select", "insert", "update"}},
    # Written by its trigger alone.
    "public.lead_status_history": {"authenticated": {"select"}, "service_role": {"select"}},
    "public.lead_notes": {"authenticated": {"select", "insert(body, lead_id, owner_id)", "update(body)", "delete"}},
    "public.channel_updates": {"service_role": {"select", "insert", "update", "delete"}},
    "public.outbox": {"service_role": {"select", "insert", "update", "delete"}},
    "private.rate_limits": {"service_role": {"select", "insert", "update", "delete"}},
    "public.lead_funnel": {"authenticated": {"select"}},
    "public.daily_leads": {"authenticated": {"select"}},
    "public.channel_conversion": {"authenticated": {"select"}},
    "public.response_times": {"authenticated": {"select"}},
    "public.conversations": {"authenticated": {"select"}},
    # Managers' chats and accounts: members see them and admins unlink; the webhook links them.
    "public.manager_chats": {"authenticated": {"select", "delete"}, "service_role": {"select", "insert", "update"}},
    "public.member_telegram_accounts": {"authenticated": {"select", "delete"},
                                        "service_role": {"select", "insert", "update", "delete"}},
    "private.link_codes": {"service_role": {"select", "update"}},
    # Plans and billing: members read their company's through RLS; the service alone counts and applies.
    "private.plans": {"authenticated": {"select"}, "service_role": {"select"}},
    "private.plan_prices": {"authenticated": {"select"}, "service_role": {"select"}},
    "private.billing_events": {"service_role": {"select", "insert", "update", "delete"}},
    "private.provider_subscriptions": {"service_role": {"select", "insert", "update"}},
    "public.subscriptions": {"authenticated": {"select"}, "service_role": {"select", "update"}},
    "public.usage": {"authenticated": {"select"}, "service_role": {"select"}},
    "public.invoices": {"authenticated": {"select"}, "service_role": {"select", "insert", "update"}},
    # Dashboard and team RPCs: signed-in members (each checks the role it needs).
    "public.invite_member": MEMBERS,
    "public.revoke_invitation": MEMBERS,
    "public.my_invitations": MEMBERS,
    "public.accept_invitation": MEMBERS,
    "public.decline_invitation": MEMBERS,
    "public.change_member_role": MEMBERS,
    "public.remove_member": MEMBERS,
    "public.leave_company": MEMBERS,
    "public.connect_channel": MEMBERS,
    "public.disconnect_channel": MEMBERS,
    "public.search": MEMBERS,
    "public.export_leads": MEMBERS,
    "public.reply_to_customer": MEMBERS,
    "public.create_link_code": MEMBERS,
    "public.get_bot_settings": MEMBERS,
    "public.put_bot_settings": MEMBERS,
    "public.billing_overview": MEMBERS,
    "public.billing_plans": MEMBERS,
    "public.begin_checkout": MEMBERS,
    "public.billing_customer": MEMBERS,
    # The chat pipeline: a member's test chat, or the service for a channel.
    "public.ingest_customer_message": MEMBERS_AND_SERVICE,
    "public.record_bot_turn": MEMBERS_AND_SERVICE,
    "public.conversation_for_extraction": MEMBERS_AND_SERVICE,
    "public.rebuild_lead": MEMBERS_AND_SERVICE,
    "public.learn_while_handed_over": MEMBERS_AND_SERVICE,
    "public.take_over_conversation": MEMBERS_AND_SERVICE,
    "public.release_conversation": MEMBERS_AND_SERVICE,
    "public.mark_conversation_read": MEMBERS_AND_SERVICE,
    "public.change_lead_status": MEMBERS_AND_SERVICE,
    "public.assign_lead": MEMBERS_AND_SERVICE,
    "public.add_lead_note": MEMBERS_AND_SERVICE,
    # The webhooks and the outbox sweep: the service alone.
    "public.channel_credentials": SERVICE,
    "public.company_bots": SERVICE,
    "public.ingest_channel_update": SERVICE,
    "public.record_channel_turn": SERVICE,
    "public.claim_deliveries": SERVICE,
    "public.finish_delivery": SERVICE,
    "public.start_delivery": SERVICE,
    "public.channels_with_waiting_deliveries": SERVICE,
    "public.forget_expired": SERVICE,
    "public.remind_waiting_customers": SERVICE,
    "public.redeem_link_code": SERVICE,
    "public.manager_chat_context": SERVICE,
    "public.post_recent_leads": SERVICE,
    "public.widget_messages": SERVICE,
    "public.apply_billing_event": SERVICE,
    "public.link_billing_customer": SERVICE,
    "public.forget_billing_events": SERVICE,
    "private.billing_event_company": SERVICE,
    "private.derive_subscription": SERVICE,
    "private.take_rate_limit": SERVICE,
    "private.client_key": SERVICE,
    "private.post_language": SERVICE,
    "private.say": SERVICE,
    "private.describe_customer": SERVICE,
    "private.lead_lines": SERVICE,
    "private.recent_lines": SERVICE,
    "private.manager_post": SERVICE,
    "private.queue_manager_posts": SERVICE,
    "private.queue_delivery": SERVICE,
    # Helpers that policies, triggers and RPCs call as the caller.
    "private.owner_id_array": MEMBERS_AND_SERVICE,
    "private.has_role": MEMBERS_AND_SERVICE,
    "private.acting_company": MEMBERS_AND_SERVICE,
    "private.current_user_id": MEMBERS_AND_SERVICE,
    "private.require_role": MEMBERS_AND_SERVICE,
    "private.require_customer_role": MEMBERS_AND_SERVICE,
    "private.require_role_or_hide": MEMBERS_AND_SERVICE,
    "private.require_channel_speaker": MEMBERS_AND_SERVICE,
    "private.require_lead_role": MEMBERS_AND_SERVICE,
    "private.require_company_customer": MEMBERS_AND_SERVICE,
    "private.conversation_context": MEMBERS_AND_SERVICE,
    "private.upsert_lead": MEMBERS_AND_SERVICE,
    "private.retractable_fields": MEMBERS_AND_SERVICE,
    "private.lead_json": MEMBERS_AND_SERVICE,
    "private.lead_status_allowed": MEMBERS_AND_SERVICE,
    "private.bilingual_tsvector": MEMBERS_AND_SERVICE,
    "private.bilingual_tsquery": MEMBERS_AND_SERVICE,
    # The settings document's rules, which its trigger checks on any write.
    "private.settings_errors": MEMBERS_AND_SERVICE,
    "private.settings_errors_under": MEMBERS_AND_SERVICE,
    "private.settings_key_errors": MEMBERS_AND_SERVICE,
    "private.settings_text_errors": MEMBERS_AND_SERVICE,
    "private.settings_texts_errors": MEMBERS_AND_SERVICE,
    "private.settings_amount_errors": MEMBERS_AND_SERVICE,
    "private.settings_price_errors": MEMBERS_AND_SERVICE,
    "private.default_plan_id": MEMBERS_AND_SERVICE,
    "private.plan_in_force": MEMBERS_AND_SERVICE,
    "private.billing_period": MEMBERS_AND_SERVICE,
    "private.plan_and_period": MEMBERS_AND_SERVICE,
    "private.plan_allowance": MEMBERS_AND_SERVICE,
    "private.billing_account": MEMBERS,
    "private.paid_plan_runs": MEMBERS,
    # Security definer: members' test chats are metered, yet no member writes usage.
    "private.meter_usage": MEMBERS_AND_SERVICE,
    # Security definer bodies, each behind the public invoker function of the same name.
    "private.invite_member": MEMBERS,
    "private.revoke_invitation": MEMBERS,
    "private.my_invitations": MEMBERS,
    "private.accept_invitation": MEMBERS,
    "private.decline_invitation": MEMBERS,
    "private.change_member_role": MEMBERS,
    "private.remove_member": MEMBERS,
    "private.leave_company": MEMBERS,
    "private.ingest_customer_message": MEMBERS_AND_SERVICE,  # the test chat's, and a channel update's
    "private.record_bot_turn": MEMBERS_AND_SERVICE,
    "private.billing_overview": MEMBERS,
    "private.connect_channel": MEMBERS,
    "private.create_link_code": MEMBERS,
    # A manager's reply queues its own delivery: definer, since members have no rights on the outbox.
    "private.message_delivery": MEMBERS_AND_SERVICE,
    "private.search": MEMBERS,
    # Integrations: members read them and their delivery log; admins manage them through RPCs that
    # write credentials no member reads back; the outbox sweep delivers as the service.
    "public.integrations": {"authenticated": {"select", "update(events, is_active, name, settings, url)", "delete"},
                            "service_role": {"select", "update(leased_until)"}},
    "public.integration_secrets": {"service_role": {"select", "update(credentials, updated_at)"}},
    "public.crm_events": {"authenticated": {"select"}, "service_role": {"select"}},
    "public.crm_deliveries": {"authenticated": {"select"}, "service_role": {"select", "update", "delete"}},
    "public.crm_links": {"authenticated": {"select"}, "service_role": {"select", "insert", "update"}},
    "private.crm_authorizations": {"service_role": {"select", "delete"}},
    "public.connect_integration": MEMBERS,
    "public.replace_integration_credentials": MEMBERS,
    "public.begin_crm_authorization": MEMBERS,
    "public.send_test_event": MEMBERS,
    "public.retry_crm_delivery": MEMBERS,
    "public.list_integrations": MEMBERS,
    "public.update_integration": MEMBERS,
    "public.remove_integration": MEMBERS,
    "public.crm_delivery_log": MEMBERS,
    "private.connect_integration": MEMBERS,
    "private.replace_integration_credentials": MEMBERS,
    "private.begin_crm_authorization": MEMBERS,
    "private.send_test_event": MEMBERS,
    "private.retry_crm_delivery": MEMBERS,
    "private.integration_json": MEMBERS_AND_SERVICE,
    "private.event_names": MEMBERS,
    "public.crm_authorization": SERVICE,
    "public.complete_crm_authorization": SERVICE,
    "private.complete_crm_authorization": SERVICE,
    "public.lease_crm_integration": SERVICE,
    "public.release_crm_integration": SERVICE,
    "public.claim_crm_deliveries": SERVICE,
    "public.finish_crm_deliveries": SERVICE,
    "public.record_crm_link": SERVICE,
    "public.store_crm_credentials": SERVICE,
    "public.crm_lead_conversation": SERVICE,
    "public.forget_crm_history": SERVICE,
    "private.crm_probe_due": SERVICE,
    "private.crm_delivery_waits": SERVICE,
    "private.retry_backoff": SERVICE,  # the outbox's and the CRM deliveries' claims
    "private.senders_gone_before": SERVICE,  # the outbox's claims and its sweep
    # The web console: each page's read, a manager's correction of a lead, and the sign-in limit.
    "public.my_companies": MEMBERS,
    "public.company_team": MEMBERS,
    "public.list_conversations": MEMBERS,
    "public.get_conversation": MEMBERS,
    "public.list_leads": MEMBERS,
    "public.company_analytics": MEMBERS,
    "public.list_channels": MEMBERS,
    "public.update_lead": MEMBERS,
    "public.sign_in_attempt": SERVICE,
    "private.member_directory": MEMBERS,
    "private.phone_digits": MEMBERS_AND_SERVICE,
    "private.matching_leads": MEMBERS_AND_SERVICE,
}


def _differences(found: dict[str, dict[str, set[str]]]) -> list[str]:
    problems = []
    for name in sorted(set(found) | set(ALLOWED)):
        have, want = found.get(name, {}), ALLOWED.get(name, {})
        for role in sorted(set(have) | set(want)):
            extra, missing = have.get(role, set()) - want.get(role, set()), want.get(role, set()) - have.get(role, set())
            if extra:
                problems.append(f"{name}: {role} may {sorted(extra)}, which is not declared")
            if missing:
                problems.append(f"{name}: {role} lacks {sorted(missing)}")
    return problems


def test_every_object_grants_exactly_what_is_declared(sql: psycopg.Connection):
    assert _differences(granted(sql)) == []


def test_the_same_holds_under_the_default_privileges_of_older_projects(pg_server: str):
    url = postgres.create_empty_database(pg_server, postgres.random_name("salesbot_legacy"))
    try:
        prepare(url, api_defaults="legacy")
        with psycopg.connect(url) as conn:
            assert _differences(granted(conn)) == []
    finally:
        postgres.drop_database(url)


def test_no_security_definer_function_sits_in_the_exposed_schema(sql: psycopg.Connection):
    definers = sql.execute(
        "select proname from pg_proc where pronamespace = 'public'::regnamespace and prosecdef"
    ).fetchall()
    assert definers == []


@pytest.mark.parametrize("privilege", ["truncate", "references", "trigger"])
def test_nothing_rls_does_not_cover_is_granted_to_anyone(sql: psycopg.Connection, privilege: str):
    assert [name for name, roles in granted(sql).items() if any(privilege in p for p in roles.values())] == []


@pytest.mark.parametrize("login,api_roles", [
    (FUNCTIONS_ROLE, ["anon", "authenticated", "service_role"]),
    (SERVICE_LOGIN, ["service_role"]),  # the functions' work as the service, a pool of its own behind a pooler
])
def test_the_functions_logins_can_do_nothing_but_switch_to_their_api_roles(sql: psycopg.Connection, login: str,
                                                                          api_roles: list[str]):
    role = sql.execute(
        "select rolcanlogin, rolinherit, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication"
        " from pg_roles where rolname = %s", (login,)).fetchone()
    assert role == (True, False, False, False, False, False, False)
    member_of = sql.execute(
        "select array_agg(r.rolname::text order by r.rolname) from pg_auth_members m"
        " join pg_roles r on r.oid = m.roleid where m.member = %s::regrole", (login,)).fetchone()[0]
    assert member_of == api_roles
    # noinherit: as itself it may use nothing of theirs, and nothing was granted to it directly.
    assert granted(sql, roles=(login,)) == {}
    owns = sql.execute("select count(*) from pg_class where relowner = %s::regrole", (login,)).fetchone()[0]
    assert owns == 0
    timeout = sql.execute("select setconfig from pg_db_role_setting where setrole = %s::regrole and setdatabase = 0",
                          (login,)).fetchone()[0]
    assert timeout == ["statement_timeout=8s"]  # the authenticator's, for the service_role, which has none


def test_as_itself_the_functions_login_reads_nothing(functions_db_url: str):
    with psycopg.connect(functions_db_url) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from public.leads")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select public.search('x', 1)")
        conn.rollback()
        conn.execute("set local role service_role")
        assert conn.execute("select count(*) >= 0 from public.outbox").fetchone() == (True,)
