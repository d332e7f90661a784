"""Teams: how people join a company (an invitation the invitee accepts), how memberships change
(only through the team RPCs), which company a request acts for (the one it names), and what
deleting a user does to the companies they own. Each attack issue 12 describes is tried here as
an attacker would, through PostgREST's transport (`database.rpc`, `as_client`) and the functions."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from salesbot.errors import ApiError
from salesbot.local import accounts, tokens
from tests.conftest import JWT_SECRET
from tests.support.accounts import Company, User, make_company
from tests.support.billing import make_plan, put_on_plan
from tests.support.leads import add_lead
from tests.support.postgres import as_client


def email() -> str:
    return f"person-{uuid.uuid4().hex[:10]}@example.com"


def signed_up(sql: psycopg.Connection, address: str | None = None, company: str = "Own Co") -> User:
    """A user who signed up on their own (and so owns their own company), with a confirmed email."""
    account = accounts.sign_up(sql, address or email(), "correct horse", company)
    return User(account.user_id, account.email, account.company, "owner")


def unconfirmed(sql: psycopg.Connection, address: str) -> uuid.UUID:
    """A user Supabase Auth created without confirming the email (email confirmation is off, or pending)."""
    return sql.execute(
        "insert into auth.users (id, email, raw_user_meta_data) values (gen_random_uuid(), %s, '{}') returning id",
        (address,)).fetchone()[0]


def claims_of(user_id: uuid.UUID, address: str) -> dict[str, Any]:
    return tokens.access_token_claims(user_id, address)


def refusal(call) -> ApiError:
    with pytest.raises(ApiError) as refused:
        call()
    return refused.value


def invite(database, company: Company, address: str, role: str = "manager", **args) -> dict[str, Any]:
    return database.rpc("invite_member", {"p_email": address, "p_role": role, **args}, company.users["owner"].claims)


def memberships(sql: psycopg.Connection, user_id: uuid.UUID) -> dict[uuid.UUID, str]:
    return dict(sql.execute("select owner_id, role::text from public.members where user_id = %s", (user_id,)).fetchall())


@pytest.fixture
def team(sql) -> Company:
    return make_company(sql, "Team Co")


# --- joining takes the invitee's consent --------------------------------------------------------------

def test_signing_up_with_an_invited_email_founds_the_users_own_company(database, sql, team):
    # The attack: rename the company to look like the victim's, invite the victim's address as
    # owner, and wait for them to sign up. They must get their own company, and the invitation stays
    # theirs to answer.
    sql.execute("update public.companies set name = 'Victim Inc' where id = %s", (team.owner_id,))
    address = email()
    invite(database, team, address, "owner")
    victim = signed_up(sql, address, "Victim Inc")
    assert memberships(sql, victim.user_id) == {victim.owner_id: "owner"}
    assert victim.owner_id != team.owner_id
    pending = database.rpc("my_invitations", {}, claims_of(victim.user_id, address))
    assert [(row["owner_id"], row["role"], row["invited_by_email"]) for row in pending] == [
        (str(team.owner_id), "owner", team.users["owner"].email)]


def test_inviting_an_existing_user_adds_nobody_until_they_accept(database, sql, team):
    victim = signed_up(sql)
    invitation = invite(database, team, victim.email.upper(), "viewer")
    assert memberships(sql, victim.user_id) == {victim.owner_id: "owner"}
    joined = database.rpc("accept_invitation", {"p_invitation_id": invitation["invitation_id"]},
                          claims_of(victim.user_id, victim.email))
    assert (joined["owner_id"], joined["role"], joined["company_name"]) == (str(team.owner_id), "viewer", "Team Co")
    assert memberships(sql, victim.user_id) == {victim.owner_id: "owner", team.owner_id: "viewer"}
    assert database.rpc("my_invitations", {}, claims_of(victim.user_id, victim.email)) == []


def test_invite_answers_alike_whether_or_not_the_email_has_an_account(database, sql, team):
    put_on_plan(sql, team.owner_id, make_plan(sql, seats=10))  # three invitations: past the free plan's five seats
    known, unknown = signed_up(sql).email, email()
    member = team.users["viewer"].email
    answers = [invite(database, team, address, "manager") for address in (known, unknown, member)]
    shapes = [{key: value for key, value in answer.items() if key not in ("invitation_id", "email", "expires_at")}
              for answer in answers]
    assert shapes[0] == shapes[1] == shapes[2] == {"owner_id": str(team.owner_id), "role": "manager"}
    assert [sorted(answer) for answer in answers] == [sorted(answers[0])] * 3


def test_declining_an_invitation_deletes_it_and_joins_nothing(database, sql, team):
    invitee = signed_up(sql)
    invitation = invite(database, team, invitee.email)
    declined = database.rpc("decline_invitation", {"p_invitation_id": invitation["invitation_id"]},
                            claims_of(invitee.user_id, invitee.email))
    assert declined["declined"] is True
    assert memberships(sql, invitee.user_id) == {invitee.owner_id: "owner"}
    assert sql.execute("select count(*) from public.invitations where id = %s",
                       (invitation["invitation_id"],)).fetchone()[0] == 0


def test_only_the_confirmed_owner_of_the_email_answers_an_invitation(database, sql, team):
    address = email()
    invitation = invite(database, team, address, "admin")
    impostor = unconfirmed(sql, address)  # an account made with the address, never confirmed
    claims = claims_of(impostor, address)
    for name in ("accept_invitation", "decline_invitation"):
        assert refusal(lambda name=name: database.rpc(name, {"p_invitation_id": invitation["invitation_id"]},
                                                      claims)).status == 403
    assert refusal(lambda: database.rpc("my_invitations", {}, claims)).status == 403
    assert team.owner_id not in memberships(sql, impostor)
    stranger = signed_up(sql)  # confirmed, but not the invited address
    assert refusal(lambda: database.rpc("accept_invitation", {"p_invitation_id": invitation["invitation_id"]},
                                        claims_of(stranger.user_id, stranger.email))).status == 404
    assert database.rpc("my_invitations", {}, claims_of(stranger.user_id, stranger.email)) == []


def test_an_invitation_lasts_seven_days_unless_the_owner_says_otherwise(database, sql, team):
    put_on_plan(sql, team.owner_id, make_plan(sql, seats=10))  # two invitations: past the free plan's five seats
    default = invite(database, team, email())
    short = invite(database, team, email(), p_expires_in_days=1)
    days = {key: (answer["expires_at"]) for key, answer in (("default", default), ("short", short))}

    now = datetime.now(UTC)
    assert abs(datetime.fromisoformat(days["default"]) - now - timedelta(days=7)) < timedelta(minutes=1)
    assert abs(datetime.fromisoformat(days["short"]) - now - timedelta(days=1)) < timedelta(minutes=1)
    for bad in (0, 31):
        assert refusal(lambda bad=bad: invite(database, team, email(), p_expires_in_days=bad)).status == 400


def test_an_expired_invitation_cannot_be_accepted(database, sql, team):
    invitee = signed_up(sql)
    invitation = invite(database, team, invitee.email)
    sql.execute("update public.invitations set created_at = now() - interval '8 days', expires_at = now() - interval '1 day'"
                " where id = %s", (invitation["invitation_id"],))
    claims = claims_of(invitee.user_id, invitee.email)
    assert database.rpc("my_invitations", {}, claims) == []
    expired = refusal(lambda: database.rpc("accept_invitation", {"p_invitation_id": invitation["invitation_id"]},
                                           claims))
    assert (expired.status, expired.code) == (410, "gone")
    assert team.owner_id not in memberships(sql, invitee.user_id)


@pytest.mark.parametrize("role", ["admin", "owner"])
def test_an_admin_revokes_an_invitation_which_then_cannot_be_accepted(database, sql, team, role):
    invitee = signed_up(sql)
    invitation = invite(database, team, invitee.email)
    args = {"p_invitation_id": invitation["invitation_id"]}
    for weaker in ("viewer", "manager"):
        assert refusal(lambda weaker=weaker: database.rpc("revoke_invitation", args, team.users[weaker].claims)).status == 404
    assert database.rpc("revoke_invitation", args, team.users[role].claims)["revoked"] is True
    assert refusal(lambda: database.rpc("accept_invitation", args, claims_of(invitee.user_id, invitee.email))).status == 404


@pytest.mark.parametrize("role", ["viewer", "manager", "admin"])
def test_only_owners_invite_and_change_the_team(database, team, role):
    viewer = str(team.users["viewer"].user_id)
    for name, args in (("invite_member", {"p_email": "x@example.com", "p_role": "owner"}),
                       ("change_member_role", {"p_user_id": viewer, "p_role": "admin"}),
                       ("remove_member", {"p_user_id": viewer})):
        assert refusal(lambda name=name, args=args: database.rpc(name, args, team.users[role].claims)).status == 403


# --- memberships change only through the RPCs -------------------------------------------------------------

@pytest.mark.parametrize("statement", [
    "insert into public.members (owner_id, user_id, role) values (%(owner)s, %(victim)s, 'owner')",
    "update public.members set created_at = '2000-01-01' where owner_id = %(owner)s",
    "update public.members set user_id = %(victim)s where owner_id = %(owner)s and role = 'owner'",
    "update public.members set role = 'owner' where owner_id = %(owner)s",
    "delete from public.members where owner_id = %(owner)s and role <> 'owner'",
    "insert into public.invitations (owner_id, email, role, expires_at) values (%(owner)s, 'x@example.com', 'owner', now() + interval '1 year')",
    "update public.invitations set expires_at = now() + interval '1 year'",
    "delete from public.invitations",
])
def test_an_owner_changes_no_membership_or_invitation_directly(sql, team, statement):
    victim = signed_up(sql)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, team.users["owner"].claims) as conn:
        conn.execute(statement, {"owner": team.owner_id, "victim": victim.user_id})


@pytest.mark.parametrize("change", ["user_id = %(other)s", "owner_id = %(other_company)s", "created_at = '2000-01-01'"])
def test_no_one_rewrites_who_a_membership_is_or_when_it_began(sql, team, change):
    other = signed_up(sql)
    with pytest.raises(psycopg.errors.DatabaseError, match="never change"), sql.transaction(force_rollback=True):
        sql.execute(f"update public.members set {change} where owner_id = %(owner)s and user_id = %(user)s",
                    {"other": other.user_id, "other_company": other.owner_id, "owner": team.owner_id,
                     "user": team.users["owner"].user_id})


def test_an_owner_changes_roles_and_removes_members_but_never_the_last_owner(database, sql):
    company, other = make_company(sql, "Team Co"), make_company(sql, "Other")
    viewer = str(company.users["viewer"].user_id)
    assert database.rpc("change_member_role", {"p_user_id": viewer, "p_role": "admin"},
                        company.users["owner"].claims)["role"] == "admin"
    assert database.rpc("remove_member", {"p_user_id": viewer}, company.users["owner"].claims)["removed"] is True
    owner = str(company.users["owner"].user_id)
    for name, args in (("remove_member", {"p_user_id": owner}), ("change_member_role", {"p_user_id": owner, "p_role": "admin"}),
                       ("leave_company", {"p_owner_id": str(company.owner_id)})):
        assert refusal(lambda name=name, args=args: database.rpc(name, args, company.users["owner"].claims)).status == 409
    # Another company's owner acts on their own team only.
    assert refusal(lambda: database.rpc("remove_member", {"p_user_id": str(company.users["manager"].user_id)},
                                        other.users["owner"].claims)).status == 404


def test_two_owners_removing_each_other_at_once_leave_one_owner(db_url, sql, team):
    # Each transaction alone keeps an owner; together, without taking turns, they would leave none.
    first, second = team.users["owner"], team.users["admin"]
    sql.execute("update public.members set role = 'owner' where owner_id = %s and user_id = %s",
                (team.owner_id, second.user_id))
    remove = "select public.remove_member(%s, %s)"
    outcome: dict[str, BaseException] = {}
    with psycopg.connect(db_url, autocommit=True) as a, psycopg.connect(db_url, autocommit=True) as b:
        b_pid = b.info.backend_pid

        def second_removes_first() -> None:
            try:
                with as_client(b, second.claims, commit=True):
                    b.execute(remove, (first.user_id, team.owner_id))
            except psycopg.Error as error:
                outcome["error"] = error

        with as_client(a, first.claims, commit=True):
            a.execute(remove, (second.user_id, team.owner_id))
            thread = threading.Thread(target=second_removes_first)
            thread.start()
            deadline = time.monotonic() + 10
            while thread.is_alive() and time.monotonic() < deadline and sql.execute(
                    "select wait_event_type is distinct from 'Lock' from pg_stat_activity where pid = %s",
                    (b_pid,)).fetchone()[0]:
                time.sleep(0.02)
        thread.join(10)
    assert "at least one owner" in str(outcome.get("error"))
    assert sql.execute("select user_id from public.members where owner_id = %s and role = 'owner'",
                       (team.owner_id,)).fetchall() == [(first.user_id,)]


@pytest.mark.parametrize("role", ["viewer", "manager", "admin", "owner"])
def test_any_member_can_leave_but_the_last_owner(database, sql, team, role):
    user = team.users[role]
    if role == "owner":  # a second owner first, so the first may go
        database.rpc("change_member_role", {"p_user_id": str(team.users["admin"].user_id), "p_role": "owner"}, user.claims)
    left = database.rpc("leave_company", {"p_owner_id": str(team.owner_id)}, user.claims)
    assert left["left"] is True and team.owner_id not in memberships(sql, user.user_id)
    assert refusal(lambda: database.rpc("leave_company", {"p_owner_id": str(team.owner_id)}, user.claims)).status == 404


def test_a_victim_added_as_viewer_of_another_company_is_never_locked_out(client, database, sql, team):
    # They joined (by accepting) as a viewer; their own company stays theirs to work in, and they can leave.
    victim = signed_up(sql)
    invitation = invite(database, team, victim.email, "viewer")
    claims = claims_of(victim.user_id, victim.email)
    database.rpc("accept_invitation", {"p_invitation_id": invitation["invitation_id"]}, claims)
    token = tokens.sign(claims, JWT_SECRET)
    mine = client.post("/chat", json={"customer": "c1", "text": "Здравствуйте"},
                       headers={"Authorization": f"Bearer {token}", "X-Salesbot-Company": str(victim.owner_id)})
    assert mine.status_code == 200, mine.json
    assert sql.execute("select owner_id from public.customers where id = %s", (mine.json["customer_id"],)).fetchone()[0] \
        == victim.owner_id
    database.rpc("leave_company", {"p_owner_id": str(team.owner_id)}, claims)
    assert memberships(sql, victim.user_id) == {victim.owner_id: "owner"}


# --- the acting company is named, never guessed ------------------------------------------------------------

@pytest.fixture
def two_companies(database, sql, team):
    """A user who owns their own company and is also an admin of `team`, which they accepted."""
    user = signed_up(sql)
    invitation = invite(database, team, user.email, "admin")
    claims = claims_of(user.user_id, user.email)
    database.rpc("accept_invitation", {"p_invitation_id": invitation["invitation_id"]}, claims)
    return user, claims


def test_a_member_of_several_companies_names_the_one_each_rpc_acts_for(database, sql, team, two_companies):
    user, claims = two_companies
    unnamed: list[tuple[str, dict[str, Any]]] = [
        ("connect_channel", {"p_kind": "widget", "p_name": "w", "p_webhook_secret": "s" * 40}),
        ("ingest_customer_message", {"p_customer": "c", "p_text": "hi"}),
        ("invite_member", {"p_email": email(), "p_role": "viewer"}),
        ("search", {"p_query": "квартира"}),
        ("export_leads", {}),
        ("get_bot_settings", {}),
        ("put_bot_settings", {"p_document": {"description": "Риелторы"}}),
        ("list_integrations", {}),
        ("send_test_event", {"p_integration_id": str(uuid.uuid4())}),
    ]
    for name, args in unnamed:
        error = refusal(lambda name=name, args=args: database.rpc(name, args, claims))
        assert error.status == 400 and "several companies" in error.message, name
    channel = database.rpc("connect_channel", {**unnamed[0][1], "p_owner_id": str(team.owner_id)}, claims)
    assert channel["owner_id"] == str(team.owner_id)
    chat = database.rpc("ingest_customer_message", {**unnamed[1][1], "p_owner_id": str(user.owner_id)}, claims)
    assert sql.execute("select owner_id from public.customers where id = %s", (chat["customer_id"],)).fetchone()[0] \
        == user.owner_id
    # Inviting needs the owner role where it acts: an admin of `team` cannot, the owner of their own can.
    assert refusal(lambda: database.rpc("invite_member", {**unnamed[2][1], "p_owner_id": str(team.owner_id)},
                                        claims)).status == 403
    assert database.rpc("invite_member", {**unnamed[2][1], "p_owner_id": str(user.owner_id)}, claims)["owner_id"] \
        == str(user.owner_id)
    # The settings of the company named, and only of it.
    database.rpc("put_bot_settings", {**unnamed[6][1], "p_owner_id": str(team.owner_id)}, claims)
    described = dict(sql.execute("select owner_id, document ->> 'description' from public.bot_settings"
                                 " where owner_id in (%s, %s)", (team.owner_id, user.owner_id)).fetchall())
    assert described == {team.owner_id: "Риелторы", user.owner_id: None}


def test_the_cli_never_picks_a_company_for_a_member_of_several(sql, team, two_companies):
    user, _ = two_companies
    account = accounts.find(sql, user.email)
    assert set(account.companies) == {user.owner_id, team.owner_id}
    with pytest.raises(accounts.AccountError, match="several companies: name one with --company"):
        _ = account.company


def test_a_managers_conversation_rpcs_act_for_the_named_company(database, sql, team, two_companies):
    user, claims = two_companies
    theirs = add_lead(sql, team, "Анна")["customer_id"]
    for name, args in (("reply_to_customer", {"p_customer_id": theirs, "p_text": "Здравствуйте! Я Ольга."}),
                       ("mark_conversation_read", {"p_customer_id": theirs}),
                       ("create_link_code", {"p_purpose": "member"})):
        error = refusal(lambda name=name, args=args: database.rpc(name, args, claims))
        assert error.status == 400 and "several companies" in error.message, name
        if "p_customer_id" in args:  # acting for their own company, the team's conversation is not theirs to touch
            mine = {**args, "p_owner_id": str(user.owner_id)}
            assert refusal(lambda name=name, mine=mine: database.rpc(name, mine, claims)).status == 404, name
        assert database.rpc(name, {**args, "p_owner_id": str(team.owner_id)}, claims), name
    assert sql.execute("select sender_id from public.messages where customer_id = %s and role = 'manager'",
                       (theirs,)).fetchall() == [(user.user_id,)]
    assert sql.execute("select owner_id from private.link_codes where created_by = %s",
                       (user.user_id,)).fetchall() == [(team.owner_id,)]


def test_a_company_the_caller_does_not_belong_to_is_a_403(database, sql, team):
    stranger = make_company(sql, "Stranger")
    for name, args in (("connect_channel", {"p_kind": "widget", "p_name": "w", "p_webhook_secret": "s" * 40}),
                       ("ingest_customer_message", {"p_customer": "c", "p_text": "hi"}),
                       ("search", {"p_query": "квартира"}), ("export_leads", {}),
                       ("reply_to_customer", {"p_customer_id": str(uuid.uuid4()), "p_text": "hi"}),
                       ("mark_conversation_read", {"p_customer_id": str(uuid.uuid4())}),
                       ("create_link_code", {"p_purpose": "chat"}), ("get_bot_settings", {}),
                       ("put_bot_settings", {"p_document": {"description": "Риелторы"}}),
                       ("list_integrations", {}), ("crm_delivery_log", {}),
                       ("connect_integration", {"p_kind": "hubspot", "p_name": "h",
                                                "p_credentials": {"token": "pat-na1-token-000000"}})):
        error = refusal(lambda name=name, args=args: database.rpc(name, {**args, "p_owner_id": str(stranger.owner_id)},
                                                                  team.users["owner"].claims))
        assert error.status == 403, name


def test_search_and_export_read_only_the_named_company(database, sql, team, two_companies):
    user, claims = two_companies
    add_lead(sql, team, "Анна", need="квартира в Казани")
    mine = add_lead(sql, Company(user.owner_id, {"owner": user}), "Борис", need="квартира в Москве")
    found = database.rpc("search", {"p_query": "квартира", "p_owner_id": str(user.owner_id)}, claims)
    assert [hit["id"] for hit in found["leads"]] == [mine["lead_id"]]
    page = database.rpc("export_leads", {"p_owner_id": str(team.owner_id)}, claims)
    assert [row["name"] for row in page] == ["Анна"]


def _headers(claims: dict[str, Any], company: str | None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {tokens.sign(claims, JWT_SECRET)}"}
    if company is not None:
        headers["X-Salesbot-Company"] = company
    return headers


@pytest.mark.parametrize("function", ["chat", "channels", "leads_export", "extract_leads", "reply", "settings"])
def test_every_function_acts_for_the_company_in_the_header(client, sql, team, two_companies, function):
    user, claims = two_companies
    theirs = add_lead(sql, team, "Анна")

    def call(company: str | None):
        headers = _headers(claims, company)
        if function in ("leads_export", "settings"):
            return client.get("/leads_export?format=csv" if function == "leads_export" else "/settings", headers=headers)
        body = {"chat": {"customer": "c1", "text": "Здравствуйте"}, "channels": {"kind": "widget", "name": "Site"},
                "extract_leads": {"customer_id": theirs["customer_id"]},
                "reply": {"customer_id": theirs["customer_id"], "text": "Здравствуйте! Я Ольга."}}[function]
        return client.post(f"/{function}", json=body, headers=headers)

    for company, status in ((None, 400), ("not-a-uuid", 400), (str(uuid.uuid4()), 403)):
        response = call(company)
        assert response.status_code == status and set(response.json["error"]) == {"code", "message"}, (company, response.json)
    named = call(str(team.owner_id))
    assert named.status_code == 200, named.get_data(as_text=True)[:300]
    if function in ("extract_leads", "reply"):  # the conversation is team's: acting for the user's own company, no such customer
        assert call(str(user.owner_id)).status_code == 404


def test_a_member_of_one_company_may_leave_the_header_out(client, team):
    response = client.post("/chat", json={"customer": "c1", "text": "Здравствуйте"},
                           headers=_headers(team.users["manager"].claims, None))
    assert response.status_code == 200


# --- deleting a user never fails ---------------------------------------------------------------------------

def test_deleting_a_sole_owner_deletes_their_company_and_everything_it_owns(sql):
    owner = signed_up(sql, company="Alone")
    lead = add_lead(sql, Company(owner.owner_id, {"owner": owner}), "Анна")
    sql.execute("delete from auth.users where id = %s", (owner.user_id,))
    for table, column, value in (("companies", "id", owner.owner_id), ("leads", "id", lead["lead_id"]),
                                 ("customers", "owner_id", owner.owner_id), ("channels", "owner_id", owner.owner_id)):
        assert sql.execute(f"select count(*) from public.{table} where {column} = %s", (value,)).fetchone()[0] == 0, table


def test_deleting_the_last_owner_hands_the_company_to_its_most_senior_member(sql, team):
    lead = add_lead(sql, team, "Анна")
    sql.execute("delete from auth.users where id = %s", (team.users["owner"].user_id,))
    assert memberships(sql, team.users["admin"].user_id) == {team.owner_id: "owner"}
    assert memberships(sql, team.users["manager"].user_id) == {team.owner_id: "manager"}
    assert sql.execute("select count(*) from public.leads where id = %s", (lead["lead_id"],)).fetchone()[0] == 1
    # The next in line is the highest role first, then whoever joined first.
    sql.execute("delete from auth.users where id = %s", (team.users["admin"].user_id,))
    assert memberships(sql, team.users["manager"].user_id) == {team.owner_id: "owner"}


def test_deleting_one_of_two_owners_changes_no_one_elses_role(sql, team):
    sql.execute("update public.members set role = 'owner' where owner_id = %s and user_id = %s",
                (team.owner_id, team.users["viewer"].user_id))
    sql.execute("delete from auth.users where id = %s", (team.users["owner"].user_id,))
    roles = dict(sql.execute("select user_id, role::text from public.members where owner_id = %s", (team.owner_id,)))
    assert roles == {team.users["viewer"].user_id: "owner", team.users["manager"].user_id: "manager",
                     team.users["admin"].user_id: "admin"}


def test_every_company_rpc_takes_the_acting_company_last(sql: psycopg.Connection):
    """A caller adds `p_owner_id` to any call without knowing the other arguments' order."""
    misplaced = sql.execute(
        """select proname from pg_proc
           where pronamespace = 'public'::regnamespace and 'p_owner_id' = any(proargnames)
             and has_function_privilege('authenticated', oid, 'execute')
             and proargnames[pronargs] <> 'p_owner_id'
           order by proname"""
    ).fetchall()
    assert misplaced == []


def test_the_chat_rpcs_reach_no_other_companys_conversation(database, sql, team):
    """The test chat's RPCs check the caller in their own bodies (they write as their definer, past
    the policies): another company's channel and conversation are not found, a viewer of one's own
    company is refused, and nothing is written either way."""
    stranger = make_company(sql, "Stranger")
    theirs = add_lead(sql, stranger, "Анна")["customer_id"]
    ours = add_lead(sql, team, "Борис")["customer_id"]
    (their_channel,) = sql.execute("select id from public.channels where owner_id = %s and kind = 'test'",
                                   (stranger.owner_id,)).fetchone()
    written = ("select count(*), max(l.updated_at) from public.messages m join public.leads l using (customer_id)"
               " where m.owner_id in (%s, %s)")
    before = sql.execute(written, (stranger.owner_id, team.owner_id)).fetchone()

    def turn(customer_id: str) -> dict[str, Any]:
        return {"p_customer_id": customer_id, "p_reply": "Здравствуйте!", "p_stage": "qualification",
                "p_lead": {"phone": "+79990001122"}, "p_score": 50}

    ingest = {"p_customer": "c", "p_text": "Здравствуйте", "p_channel_id": str(their_channel)}
    for role in ("manager", "viewer"):
        claims = team.users[role].claims
        assert refusal(lambda claims=claims: database.rpc("record_bot_turn", turn(theirs), claims)).status == 404
        assert refusal(lambda claims=claims: database.rpc("ingest_customer_message", ingest, claims)).status == 404
    viewer = team.users["viewer"].claims
    assert refusal(lambda: database.rpc("record_bot_turn", turn(ours), viewer)).status == 403
    assert refusal(lambda: database.rpc("ingest_customer_message", {"p_customer": "c", "p_text": "hi"}, viewer)).status == 403
    (our_channel,) = sql.execute("select id from public.channels where owner_id = %s and kind = 'test'",
                                 (team.owner_id,)).fetchone()
    ingest_ours = {**ingest, "p_channel_id": str(our_channel)}
    assert refusal(lambda: database.rpc("ingest_customer_message", ingest_ours, viewer)).status == 403
    assert sql.execute(written, (stranger.owner_id, team.owner_id)).fetchone() == before
