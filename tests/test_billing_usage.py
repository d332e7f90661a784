"""Plans and usage on the real database and through the real app: every reply and the model's
tokens (from its API's usage field) counted exactly, per company and billing period, whatever the
concurrency; past the model budget the offline engine answers without a model call, past the bot
replies people do and nothing the customer writes is dropped; the owners hear once at 80% and once
at 100%; a channel or a seat past the plan's count is a 402."""

from __future__ import annotations

import calendar
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

import tests.test_telegram as telegram_tests
from salesbot import pipeline
from salesbot.brain.offline import OfflineBrain
from salesbot.db import SERVICE_CLAIMS
from salesbot.errors import ApiError
from salesbot.services import reset_services
from tests.conftest import JWT_SECRET
from tests.servers.chat_completions import DEFAULT_ANSWER, serve_chat_completions, status, tool_call
from tests.support.accounts import Company, sign_up_owner
from tests.support.billing import bot_messages, current_usage, make_plan, put_on_plan
from tests.support.managers import MANAGERS_CHAT, link_manager, link_managers_chat
from tests.test_telegram import CRON_SECRET, SWEEPER, post_update, settle_other_channels, update

bot_api = telegram_tests.bot_api  # fixtures
channel = telegram_tests.channel

MODEL_ANSWER = {"reply": "Здравствуйте! Какой у вас бюджет?", "stage": "needs", "handoff": False, "language": "ru"}


def chat(client, company: Company, text: str, customer: str = "c-1", key: str | None = None):
    headers = {"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"}
    if key:
        headers["Idempotency-Key"] = key
    response = client.post("/chat", json={"customer": customer, "text": text}, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def overview(database, company: Company, role: str = "viewer") -> dict:
    return database.rpc("billing_overview", {}, company.users[role].claims)


@pytest.fixture
def llm_client(client, monkeypatch):
    with serve_chat_completions() as llm:
        # Limits no busy machine reaches: every scripted answer must be read, or its tokens would not count.
        for key, value in {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": llm.url, "SALESBOT_LLM_TIMEOUT": "10",
                           "SALESBOT_LLM_RETRIES": "2", "SALESBOT_REPLY_DEADLINE": "60"}.items():
            monkeypatch.setenv(key, value)
        reset_services()
        yield client, llm
    reset_services()


# === The plan and the period =====================================================================

def test_a_new_company_is_on_the_free_plan_with_nothing_used(database, company):
    seen = overview(database, company)
    assert seen["plan"]["id"] == seen["subscribed_plan_id"] == "free" and seen["status"] == "active"
    assert seen["usage"] == {"bot_replies": 0, "llm_input_tokens": 0, "llm_output_tokens": 0, "llm_tokens": 0}
    assert seen["allowance"] == {"model": True, "replies": True}
    assert seen["in_use"] == {"channels": 0, "seats": 4, "crm_connectors": 0}
    start, end = (datetime.fromisoformat(seen["period"][key]) for key in ("start", "end"))
    assert start <= datetime.now(UTC) < end
    plans = database.rpc("billing_plans", {}, company.users["viewer"].claims)
    assert [p["id"] for p in plans if p["is_default"]] == ["free"]


def test_another_companys_usage_is_out_of_reach(database, company, other_company):
    with pytest.raises(ApiError) as refused:
        database.rpc("billing_overview", {"p_owner_id": str(other_company.owner_id)}, company.users["owner"].claims)
    assert refused.value.status == 403


def add_months(anchor: datetime, months: int) -> datetime:
    """The same day and time `months` later, on the month's last day where it has no such day."""
    month = anchor.month - 1 + months
    year, month = anchor.year + month // 12, month % 12 + 1
    return anchor.replace(year=year, month=month, day=min(anchor.day, calendar.monthrange(year, month)[1]))


@pytest.mark.parametrize("anchor", ["2024-01-31 10:00", "2024-02-29 00:00", "2025-03-30 23:59:59", "2026-08-31 12:00",
                                    "2026-12-15 08:30", "2027-01-28 00:00"])
def test_billing_periods_are_whole_months_from_the_anchor(sql, anchor):
    start_at = datetime.fromisoformat(anchor).replace(tzinfo=UTC)
    for hours in range(-30 * 24, 500 * 24, 7):  # every 7 hours across a year and a half
        at = start_at + timedelta(hours=hours)
        start, end = sql.execute("select * from private.billing_period(%s, %s)", (start_at, at)).fetchone()
        n = next(n for n in range(-2, 20) if add_months(start_at, n) <= at < add_months(start_at, n + 1))
        assert (start, end) == (add_months(start_at, n), add_months(start_at, n + 1)), at


def test_usage_starts_afresh_each_billing_period(client, database, company, sql):
    chat(client, company, "Здравствуйте")
    sql.execute("update public.subscriptions set period_anchor = now() - interval '1 month 1 day' where owner_id = %s",
                (company.owner_id,))
    assert overview(database, company)["usage"]["bot_replies"] == 0
    chat(client, company, "Ищу квартиру")
    assert current_usage(sql, company.owner_id)["bot_replies"] == 1
    periods = sql.execute("select bot_replies from public.usage where owner_id = %s order by period_start",
                          (company.owner_id,)).fetchall()
    assert periods == [(1,), (1,)]


# === Metering ====================================================================================

def test_every_reply_is_counted_once(client, company, sql):
    chat(client, company, "Здравствуйте, ищу квартиру", key="k-1")
    chat(client, company, "Здравствуйте, ищу квартиру", key="k-1")  # a retry: answered again, not again counted
    chat(client, company, "В Казани")
    chat(client, company, "Hello", customer="c-2")
    assert current_usage(sql, company.owner_id)["bot_replies"] == 3 == bot_messages(sql, company.owner_id)


def test_the_count_is_exact_under_concurrency_and_each_notice_goes_once(database, company, sql, client, bot_api):
    put_on_plan(sql, company.owner_id, make_plan(sql, bot_replies=60))
    telegram_tests.connect(client, company)
    link_manager(client, database, company.users["owner"], _bot(sql, company), 7001, chat_id=7001)
    brain, claims = OfflineBrain(), company.users["manager"].claims

    def customer(n: int) -> None:
        for text in ("Здравствуйте", "Ищу двушку в Казани", "Бюджет до 9 млн", "Меня зовут Анна"):
            pipeline.handle_message(database, brain, claims, pipeline.IncomingMessage(customer=f"c-{n}", text=text))

    with ThreadPoolExecutor(max_workers=12) as pool:
        list(pool.map(customer, range(12)))  # raises what any customer's thread raised
    # 48 messages on a plan of 60 replies: 80% crossed once, by whichever turn got there.
    assert current_usage(sql, company.owner_id)["bot_replies"] == 48 == bot_messages(sql, company.owner_id)
    assert _notices(sql, company, "7001") == ["80"]


def test_the_models_tokens_are_metered_from_its_usage_field_failed_attempts_included(llm_client, company, sql):
    client, llm = llm_client
    llm.then(tool_call(MODEL_ANSWER))
    assert chat(client, company, "Здравствуйте")["reply"] == MODEL_ANSWER["reply"]
    used = current_usage(sql, company.owner_id)
    assert (used["llm_input_tokens"], used["llm_output_tokens"]) == (100, 20)  # what the server's usage field said

    llm.then(tool_call({"stage": "needs"}), tool_call(MODEL_ANSWER))  # an invalid answer is billed like a good one
    chat(client, company, "Ищу квартиру")
    llm.then(tool_call("{broken"), status(500), tool_call({"reply": ""}))  # the offline engine answers
    assert chat(client, company, "В Казани")["reply"]
    used = current_usage(sql, company.owner_id)
    assert (used["llm_input_tokens"], used["llm_output_tokens"]) == (100 * 5, 20 * 5)
    assert used["bot_replies"] == 3


def test_past_the_model_budget_the_offline_engine_answers_without_a_model_call(llm_client, database, company, sql):
    client, llm = llm_client
    put_on_plan(sql, company.owner_id, make_plan(sql, llm_tokens=200))
    chat(client, company, "Здравствуйте")
    chat(client, company, "Ищу квартиру")  # 240 tokens now, past the budget of 200
    asked = len(llm.requests)
    reply = chat(client, company, "Двушку в Казани, бюджет до 9 млн")
    assert len(llm.requests) == asked  # not asked
    assert reply["reply"] and reply["reply"] != DEFAULT_ANSWER["reply"] and reply["lead"]["location"] == "Казань"
    used = current_usage(sql, company.owner_id)
    assert (used["bot_replies"], used["llm_input_tokens"] + used["llm_output_tokens"]) == (3, 240)
    assert overview(database, company)["allowance"] == {"model": False, "replies": True}


def test_past_the_reply_limit_people_answer_and_nothing_the_customer_writes_is_dropped(
        client, database, company, channel, bot_api, sql):
    channel_id, secret = channel
    settle_other_channels(sql, channel_id)
    put_on_plan(sql, company.owner_id, make_plan(sql, bot_replies=2))
    link_managers_chat(client, database, company, channel, language="en")
    written = ["Здравствуйте", "Ищу двушку в Казани", "Мой телефон +7 912 345-67-89", "Когда перезвоните?"]
    for n, text in enumerate(written):
        assert post_update(client, channel_id, secret, update(5000 + n, text)).status_code == 200
    stored = sql.execute(
        "select m.role::text, m.text, m.handoff_reason from public.messages m join public.customers c on c.id = m.customer_id"
        " where c.channel_id = %s and c.external_id = '42' order by m.id", (channel_id,)).fetchall()
    assert [text for role, text, _ in stored if role == "customer"] == written
    bot = [(text, reason) for role, text, reason in stored if role == "bot"]
    assert len(bot) == 3 and bot[2] == (pipeline.APOLOGIES["ru"], "plan_limit")  # two answers, then a person
    to_customer = [call["text"] for call in bot_api.sent() if str(call["chat_id"]) == "42"]
    assert to_customer == [text for text, _ in bot]
    customer = sql.execute("select handed_over_at is not null, waiting_since is not null from public.customers"
                           " where channel_id = %s and external_id = '42'", (channel_id,)).fetchone()
    assert customer == (True, True)
    lead = sql.execute("select l.phone, l.location from public.leads l join public.customers c on c.id = l.customer_id"
                       " where c.channel_id = %s", (channel_id,)).fetchone()
    assert lead == ("+79123456789", "Казань")  # what the customer wrote past the limit still reached the lead
    posts = [call["text"] for call in bot_api.sent() if str(call["chat_id"]) == str(MANAGERS_CHAT)]
    assert any("the plan's bot replies are used up" in post for post in posts)
    assert any("Когда перезвоните?" in post for post in posts)  # what they wrote while waiting
    assert current_usage(sql, company.owner_id)["bot_replies"] == 3


def test_the_owners_hear_at_80_and_at_100_percent_once_each(client, database, company, sql, bot_api, monkeypatch):
    put_on_plan(sql, company.owner_id, make_plan(sql, bot_replies=5))
    telegram_tests.connect(client, company)
    bot = _bot(sql, company)
    settle_other_channels(sql, bot[0])
    link_manager(client, database, company.users["owner"], bot, 7002, chat_id=7002)
    for n in range(7):
        chat(client, company, f"Сообщение {n}", customer=f"c-{n % 2}")
    assert _notices(sql, company, "7002") == ["80", "100"]
    monkeypatch.setenv("SALESBOT_CRON_SECRET", CRON_SECRET)
    reset_services()
    client.post("/deliver_outbox", headers=SWEEPER)
    sent = [call["text"] for call in bot_api.sent() if str(call["chat_id"]) == "7002"][1:]  # after the link's answer
    assert len(sent) == 2 and "80%" in sent[0] and "(4 of 5)" in sent[0] and "all 5 bot replies" in sent[1]
    assert overview(database, company)["notices"] == {"replies": 100, "tokens": 0}


def _bot(sql: psycopg.Connection, company: Company) -> tuple[str, str]:
    channel_id, secret = sql.execute(
        "select c.id::text, s.webhook_secret from public.channels c join public.channel_secrets s on s.channel_id = c.id"
        " where c.owner_id = %s and c.kind = 'telegram'", (company.owner_id,)).fetchone()
    return channel_id, secret


def _notices(sql: psycopg.Connection, company: Company, chat_id: str) -> list[str]:
    """The share each billing notice to `chat_id` speaks of, oldest first."""
    texts = [row[0] for row in sql.execute(
        "select text from public.outbox where owner_id = %s and chat_id = %s and purpose = 'notification' order by id",
        (company.owner_id, chat_id))]
    return ["80" if "80%" in text else "100" for text in texts]


def test_usage_is_never_negative(database, company, sql):
    context = database.rpc("ingest_customer_message", {"p_customer": "c-x", "p_text": "hi"}, company.users["manager"].claims)
    assert context["plan"] == {"model": True, "replies": True}
    with pytest.raises(ApiError) as refused:
        database.rpc("record_bot_turn", {"p_customer_id": context["customer_id"], "p_reply": "hi", "p_stage": "needs",
                                         "p_llm_input_tokens": -1000}, company.users["manager"].claims)
    assert refused.value.status == 400
    assert current_usage(sql, company.owner_id)["bot_replies"] == 0 == bot_messages(sql, company.owner_id)


# === Room on the plan ============================================================================

def test_a_channel_past_the_plans_count_is_a_402(client, company, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql, channels=1))
    headers = {"Authorization": f"Bearer {company.users['admin'].token(JWT_SECRET)}"}
    assert client.post("/channels", json={"kind": "widget", "name": "Site"}, headers=headers).status_code == 200
    refused = client.post("/channels", json={"kind": "widget", "name": "Second site"}, headers=headers)
    assert refused.status_code == 402
    assert refused.json["error"]["code"] == "plan_limit"
    assert "includes 1 channel" in refused.json["error"]["message"]
    assert sql.execute("select count(*) from public.channels where owner_id = %s and kind <> 'test'",
                       (company.owner_id,)).fetchone()[0] == 1


def test_a_seat_past_the_plans_count_is_a_402(database, company, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql, seats=5))  # four members already
    owner = company.users["owner"].claims
    invite = {"p_email": f"new-{uuid.uuid4().hex[:8]}@example.com", "p_role": "viewer"}
    assert database.rpc("invite_member", invite, owner)["role"] == "viewer"
    assert database.rpc("invite_member", invite | {"p_role": "manager"}, owner)["role"] == "manager"  # same seat
    with pytest.raises(ApiError) as refused:
        database.rpc("invite_member", {"p_email": "one-too-many@example.com", "p_role": "viewer"}, owner)
    assert (refused.value.status, refused.value.code) == (402, "plan_limit")
    assert "5 team seat(s)" in refused.value.message
    assert overview(database, company)["in_use"]["seats"] == 5  # a viewer's count has the invitation admins see

    # An expired invitation holds no seat, and renewing it needs one again.
    sql.execute("update public.invitations set created_at = now() - interval '8 days', expires_at = now() - interval"
                " '1 day' where owner_id = %s", (company.owner_id,))
    assert overview(database, company)["in_use"]["seats"] == 4
    assert database.rpc("invite_member", {"p_email": "one-too-many@example.com", "p_role": "viewer"}, owner)
    with pytest.raises(ApiError) as refused:
        database.rpc("invite_member", invite, owner)
    assert refused.value.status == 402


def test_accepting_past_the_plans_seats_is_a_402_and_keeps_the_invitation(database, company, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql, seats=6))  # four members and two invitations
    invitees = [sign_up_owner(sql, "Own Co") for _ in range(2)]
    invitations = [database.rpc("invite_member", {"p_email": user.email, "p_role": "manager"},
                                company.users["owner"].claims)["invitation_id"] for user in invitees]
    put_on_plan(sql, company.owner_id, make_plan(sql, seats=5))  # a smaller plan since: room for one of them

    def accept(n: int) -> dict:
        return database.rpc("accept_invitation", {"p_invitation_id": invitations[n]}, invitees[n].claims)

    assert accept(0)["role"] == "manager"
    with pytest.raises(ApiError) as refused:
        accept(1)
    assert (refused.value.status, refused.value.code) == (402, "plan_limit")
    assert "ask its owner to upgrade the plan" in refused.value.message
    waiting = database.rpc("my_invitations", {}, invitees[1].claims)
    assert [row["invitation_id"] for row in waiting] == [invitations[1]]  # still theirs to accept
    assert sql.execute("select count(*) from public.members where owner_id = %s", (company.owner_id,)).fetchone()[0] == 5

    put_on_plan(sql, company.owner_id, make_plan(sql, seats=10))
    assert accept(1)["owner_id"] == str(company.owner_id)


def test_a_crm_connector_past_the_plans_count_is_a_402(database, company, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql, crm_connectors=1))
    admin = company.users["admin"].claims
    hubspot = {"p_owner_id": str(company.owner_id), "p_kind": "hubspot", "p_name": "HubSpot",
               "p_credentials": {"token": "pat-na1-" + "0" * 36}}
    assert database.rpc("connect_integration", hubspot, admin)["kind"] == "hubspot"
    with pytest.raises(ApiError) as refused:
        database.rpc("connect_integration", hubspot | {"p_name": "Another"}, admin)
    assert (refused.value.status, refused.value.code) == (402, "plan_limit")
    with pytest.raises(ApiError) as refused:
        database.rpc("begin_crm_authorization", {"p_owner_id": str(company.owner_id), "p_name": "amoCRM",
                                                 "p_state": "s" * 40}, admin)
    assert refused.value.status == 402  # before the admin is sent to amoCRM


def test_concurrent_additions_cannot_both_take_the_last_place(database, company, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql, channels=1))
    barrier = threading.Barrier(4)

    def connect(n: int) -> int:
        barrier.wait()
        try:
            database.rpc("connect_channel", {"p_kind": "widget", "p_name": f"Site {n}", "p_webhook_secret": "s" * 40},
                         company.users["admin"].claims)
        except ApiError as error:
            return error.status
        return 200

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert sorted(pool.map(connect, range(4))) == [200, 402, 402, 402]


def test_the_service_reads_the_allowance_of_a_channels_company(database, company, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql, bot_replies=0, llm_tokens=0))
    widget = database.rpc("connect_channel", {"p_kind": "widget", "p_name": "Site", "p_webhook_secret": "s" * 40},
                          company.users["admin"].claims)
    context = database.rpc("ingest_channel_update", {"p_channel_id": widget["channel_id"], "p_update_key": "u-1",
                                                     "p_customer": "v-1", "p_text": "Hello"}, SERVICE_CLAIMS)
    assert context["plan"] == {"model": False, "replies": False}
