"""The console through the real app: sign-in, the pages each role may open, and what they change."""

from __future__ import annotations

from tests.support.console import Member, signed_in


def test_a_member_signs_in_with_the_password_and_sees_the_inbox(client, company):
    member = Member(client, company.users["manager"].email)
    answer = member.sign_in()
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/console/inbox")
    inbox = member.get("/console/inbox")
    assert inbox.status_code == 200, inbox.text
    assert "Salesbot" in inbox.text


def test_smoke_every_page(client, company):
    member = signed_in(client, company.users["owner"].email)
    for path in ("/console/inbox", "/console/leads", "/console/analytics", "/console/channels", "/console/team"):
        page = member.get(path)
        assert page.status_code == 200, (path, page.text)
