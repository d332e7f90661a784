"""GET and PUT /settings through the real app and database: who may, what a bad document gets back,
concurrent edits, writes that bypass the function, and a chat that never breaks on what is stored."""

from __future__ import annotations

import json
import logging

import psycopg
import pytest

from tests.conftest import JWT_SECRET
from tests.support.businesses import business_facts, settings_document
from tests.support.postgres import as_client

KITCHEN = settings_document(business_facts()["kitchen_moscow"])


def headers(company, role: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {company.users[role].token(JWT_SECRET)}", **extra}


def put(client, company, document: object, role: str = "admin", **extra: str):
    return client.put("/settings", data=json.dumps(document), headers=headers(company, role, **extra),
                      content_type="application/json")


def test_an_admin_sets_the_whole_document_and_a_viewer_reads_it_back(client, company):
    saved = put(client, company, KITCHEN)
    assert saved.status_code == 200, saved.json
    assert saved.json == KITCHEN and saved.headers["ETag"]
    read = client.get("/settings", headers=headers(company, "viewer"))
    assert read.status_code == 200 and read.json == KITCHEN
    assert read.headers["ETag"] == saved.headers["ETag"]


@pytest.mark.parametrize("role", ["viewer", "manager"])
def test_below_admin_cannot_change_the_settings(client, company, role):
    assert put(client, company, KITCHEN, role=role).status_code == 403
    assert client.get("/settings", headers=headers(company, "viewer")).json == {}


def test_a_bad_document_is_a_422_listing_every_problem_with_its_path(client, company):
    document = {
        "offerings": [{"name": "Кухня", "price": {"kind": "from", "amount": "3000"}},
                      {"name": "Замер", "prise": 0}],
        "hours": {"time_zone": "Europe/Nowhere", "mon": "20:00-10:00"},
        "persona": {"gender": "robot"},
        "colour": "blue",
    }
    answer = put(client, company, document)
    assert answer.status_code == 422
    error = answer.json["error"]
    assert error["code"] == "invalid_settings"
    assert {problem["path"] for problem in error["errors"]} == {
        "$.offerings[0].price.amount", "$.offerings[0].price.currency", "$.offerings[1].prise",
        "$.hours.time_zone", "$.hours.mon", "$.persona.gender", "$.colour",
    }
    assert client.get("/settings", headers=headers(company, "viewer")).json == {}  # nothing stored


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'"text"', b"null"])
def test_a_body_that_is_no_document_is_refused(client, company, body):
    answer = client.put("/settings", data=body, headers=headers(company, "admin"), content_type="application/json")
    assert answer.status_code in (400, 422) and "error" in answer.json


def test_a_concurrent_edit_is_caught_by_the_etag(client, company):
    first = put(client, company, KITCHEN)
    etag = first.headers["ETag"]
    other_admin = put(client, company, {**KITCHEN, "description": "Изменено другим админом."}, role="owner",
                      **{"If-Match": etag})
    assert other_admin.status_code == 200 and other_admin.headers["ETag"] != etag
    stale = put(client, company, {**KITCHEN, "description": "Моя правка."}, **{"If-Match": etag})
    assert stale.status_code == 412 and stale.json["error"]["code"] == "precondition_failed"
    assert client.get("/settings", headers=headers(company, "viewer")).json["description"] == "Изменено другим админом."
    assert put(client, company, KITCHEN, **{"If-Match": "garbage"}).status_code == 412


def test_writes_that_bypass_the_function_meet_the_same_rules(sql: psycopg.Connection, company):
    admin = company.users["admin"].claims
    broken = {"offerings": [{"name": "Кухня", "price": "from 3000"}], "prise": 1}
    with pytest.raises(psycopg.Error) as refused, as_client(sql, admin) as conn:
        conn.execute("update public.bot_settings set document = %s", (json.dumps(broken),))
    assert refused.value.sqlstate == "PT422"
    assert set(json.loads(refused.value.diag.message_detail)) == {
        "$.offerings[0].price: must be an object", "$.prise: not a known field"}
    with as_client(sql, admin) as conn:  # a valid one goes through, as PostgREST would send it
        assert conn.execute("update public.bot_settings set document = %s", (json.dumps(KITCHEN),)).rowcount == 1


def test_the_revision_moves_only_when_the_document_changes(sql: psycopg.Connection, company):
    def revision() -> int:
        return sql.execute("select revision from public.bot_settings where owner_id = %s", (company.owner_id,)).fetchone()[0]

    before = revision()
    sql.execute("update public.bot_settings set notify_chat_ids = '{1}' where owner_id = %s", (company.owner_id,))
    assert revision() == before
    sql.execute("update public.bot_settings set document = '{\"description\": \"x\"}' where owner_id = %s",
                (company.owner_id,))
    assert revision() == before + 1


def test_the_chat_answers_even_when_what_is_stored_cannot_be_read(client, company, sql, caplog):
    """The issue's own case: a price written as text once answered every /chat with a 500."""
    stored = {**KITCHEN, "offerings": [{"name": "Кухня", "price": "from 3000"}, *KITCHEN["offerings"]]}
    with sql.transaction():
        sql.execute("alter table public.bot_settings disable trigger bot_settings_check_document")
        sql.execute("update public.bot_settings set document = %s where owner_id = %s",
                    (json.dumps(stored), company.owner_id))
        sql.execute("alter table public.bot_settings enable trigger bot_settings_check_document")
    with caplog.at_level(logging.ERROR, logger="salesbot.settings"):
        answer = client.post("/chat", json={"customer": "c1", "text": "Сколько стоит кухня из эмали?"},
                             headers=headers(company, "manager"))
    assert answer.status_code == 200
    assert "от 45\u00a0000 ₽ за погонный метр" in answer.json["reply"]
    skipped = [record.getMessage() for record in caplog.records if record.name == "salesbot.settings"]
    assert skipped == ["stored bot settings break 1 rule(s); answering without $.offerings[0].price"]


def test_the_company_name_falls_back_to_the_account(client, company):
    put(client, company, {"description": "Кухни на заказ."})
    answer = client.post("/chat", json={"customer": "c2", "text": "Здравствуйте"}, headers=headers(company, "manager"))
    assert "Acme" in answer.json["reply"]
    put(client, company, {"company_name": "Кухни «Дубрава»"})
    answer = client.post("/chat", json={"customer": "c3", "text": "Здравствуйте"}, headers=headers(company, "manager"))
    assert "Кухни «Дубрава»" in answer.json["reply"] and "Acme" not in answer.json["reply"]


def test_settings_reach_the_chat_persona_not_offered_and_all(client, company):
    put(client, company, KITCHEN)
    wardrobe = client.post("/chat", json={"customer": "c4", "text": "Сделаете шкаф-купе в прихожую?"},
                           headers=headers(company, "manager"))
    assert "этого мы не делаем: шкафы-купе" in wardrobe.json["reply"]
    assert wardrobe.json["lead"] is None  # no need taken down for what the company does not do
