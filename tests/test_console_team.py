"""The console's Team page over the team RPCs: an owner invites, the invitee (who has a company of
their own) accepts from the page and then acts for either company through the switcher; pending
invitations withdrawn by an admin or declined by the invitee; roles changed, members removed, a
member leaving; each change for the company the member chose."""

from __future__ import annotations

import re
import uuid

from werkzeug.test import Client

from salesbot.local import accounts
from tests.support.console import Member, signed_in


def someone(sql, company: str = "Own Co") -> str:
    """A person who signed up on their own (so owns a company), with a confirmed email."""
    return accounts.sign_up(sql, f"person-{uuid.uuid4().hex[:10]}@example.com", "correct horse", company).email


def invitation_id(sql, owner_id, email: str) -> str:
    return str(sql.execute("select id from public.invitations where owner_id = %s and email = %s",
                           (owner_id, email)).fetchone()[0])


def role_in(sql, owner_id, email: str) -> str | None:
    row = sql.execute("select m.role::text from public.members m join auth.users u on u.id = m.user_id"
                      " where m.owner_id = %s and u.email = %s", (owner_id, email)).fetchone()
    return row[0] if row else None


def fresh(client, email: str) -> Member:
    return signed_in(Client(client.application), email)


def test_an_invitation_is_accepted_in_the_console_and_the_invitee_acts_for_either_company(client, company, sql):
    invitee = someone(sql)
    owner = fresh(client, company.users["owner"].email)
    refused = owner.post("/console/team/invitations", {"email": "not an email", "role": "manager"})
    assert refused.status_code == 422 and 'id="email-error"' in refused.text
    assert owner.post("/console/team/invitations", {"email": invitee, "role": "manager"}).status_code == 303
    assert invitee in owner.get("/console/team").text  # pending
    assert role_in(sql, company.owner_id, invitee) is None  # nobody joins until they accept

    person = fresh(client, invitee)
    page = person.get("/console/team").text
    assert "Acme" in page and company.users["owner"].email in page  # who asks
    accepted = person.post(f"/console/invitations/{invitation_id(sql, company.owner_id, invitee)}/accept")
    assert accepted.status_code == 303 and role_in(sql, company.owner_id, invitee) == "manager"
    inbox = person.get("/console/inbox").text  # straight into the company joined, the switcher offers both
    assert re.search(rf'<option value="{company.owner_id}" selected>Acme</option>', inbox)
    assert "Own Co</option>" in inbox
    assert person.get("/console/channels").status_code == 403  # a manager in Acme
    own = next(owner_id for owner_id in accounts.find(sql, invitee).companies if owner_id != company.owner_id)
    assert person.post("/console/company", {"company": str(own)}).status_code == 303
    assert person.get("/console/channels").status_code == 200  # the owner of Own Co


def test_an_admin_withdraws_an_invitation_and_an_invitee_declines_another(client, company, sql):
    withdrawn, declined = someone(sql), someone(sql)
    owner = fresh(client, company.users["owner"].email)
    for email in (withdrawn, declined):
        owner.post("/console/team/invitations", {"email": email, "role": "viewer"})
    admin = fresh(client, company.users["admin"].email)
    assert admin.post("/console/team/invitations", {"email": someone(sql), "role": "viewer"}).status_code == 403
    pending = invitation_id(sql, company.owner_id, withdrawn)
    assert admin.post(f"/console/team/invitations/{pending}/revoke").status_code == 303
    assert fresh(client, withdrawn).post(f"/console/invitations/{pending}/accept").status_code == 404
    person = fresh(client, declined)
    assert person.post(f"/console/invitations/{invitation_id(sql, company.owner_id, declined)}/decline").status_code == 303
    assert role_in(sql, company.owner_id, declined) is None
    assert sql.execute("select count(*) from public.invitations where owner_id = %s",
                       (company.owner_id,)).fetchone() == (0,)


def test_an_owner_changes_a_role_and_removes_a_member_and_a_member_leaves(client, company, sql):
    owner = fresh(client, company.users["owner"].email)
    manager, viewer = company.users["manager"], company.users["viewer"]
    assert owner.post(f"/console/team/members/{manager.user_id}/role", {"role": "admin"}).status_code == 303
    assert role_in(sql, company.owner_id, manager.email) == "admin"
    assert fresh(client, manager.email).post(f"/console/team/members/{viewer.user_id}/remove").status_code == 403
    assert owner.post(f"/console/team/members/{viewer.user_id}/remove").status_code == 303
    assert role_in(sql, company.owner_id, viewer.email) is None
    assert fresh(client, company.users["admin"].email).post("/console/team/leave").status_code == 303
    assert role_in(sql, company.owner_id, company.users["admin"].email) is None
    assert owner.post("/console/team/leave").status_code == 409  # the last owner stays
