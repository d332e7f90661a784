"""`salesbot crm`: integrations managed from the command line, with the user's own rights."""

from __future__ import annotations

import json

from standardwebhooks.webhooks import Webhook

from tests.servers.webhook_receiver import serve_webhook_receiver
from tests.support.accounts import Company
from tests.support.crm import forget_integrations  # noqa: F401 (autouse)
from tests.test_cli import run  # noqa: F401 (the fixture)

LOCAL = {"SALESBOT_ALLOW_PRIVATE_ENDPOINTS": "1"}


def test_a_webhook_is_added_tested_paused_and_removed(run, company: Company):  # noqa: F811
    admin = company.users["admin"].email
    with serve_webhook_receiver() as receiver:
        added = run("crm", "add-webhook", "--email", admin, "--url", receiver.url, "--events",
                    "lead.qualified,lead.status_changed", env=LOCAL)
        assert added.returncode == 0, added.stderr
        endpoint = json.loads(added.stdout)
        assert endpoint["events"] == ["lead.qualified", "lead.status_changed"]

        tested = run("crm", "test", "--email", admin, "--integration", endpoint["id"], env=LOCAL)
        assert tested.returncode == 0, tested.stderr
        assert json.loads(tested.stdout)["state"] == "delivered"
        [request] = receiver.accepted()
        assert Webhook(endpoint["signing_secret"]).verify(request.body, request.headers)["type"] == "integration.test"

    paused = run("crm", "set", "--email", admin, "--integration", endpoint["id"], "--active", "no")
    assert json.loads(paused.stdout)["is_active"] is False
    [listed] = json.loads(run("crm", "list", "--email", company.users["viewer"].email).stdout)
    assert listed["id"] == endpoint["id"] and "signing_secret" not in listed
    assert run("crm", "remove", "--email", admin, "--integration", endpoint["id"]).returncode == 0
    assert json.loads(run("crm", "list", "--email", admin).stdout) == []


def test_a_manager_cannot_add_one_and_is_told_why(run, company: Company):  # noqa: F811
    result = run("crm", "add-hubspot", "--email", company.users["manager"].email, "--token", "pat-na1-token-000000")
    assert result.returncode == 1
    assert result.stderr.strip() == "salesbot: error: this needs the admin role or above"


def test_a_member_of_several_companies_names_the_one_to_act_for(run, company: Company, other_company: Company, sql):  # noqa: F811
    admin = company.users["admin"]
    sql.execute("insert into public.members (owner_id, user_id, role) values (%s, %s, 'admin')",
                (other_company.owner_id, admin.user_id))
    unnamed = run("crm", "list", "--email", admin.email)
    assert unnamed.returncode == 1 and "several companies" in unnamed.stderr
    for owner_id in (company.owner_id, other_company.owner_id):
        assert run("crm", "list", "--email", admin.email, "--company", str(owner_id)).returncode == 0


def test_an_unknown_event_is_refused_before_anything_is_called(run, company: Company):  # noqa: F811
    result = run("crm", "add-webhook", "--email", company.users["admin"].email, "--url", "https://hooks.example.com/x",
                 "--events", "lead.won")
    assert result.returncode == 2 and "choose from lead.created" in result.stderr
