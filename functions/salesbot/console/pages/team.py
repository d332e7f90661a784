"""The team: members and their roles, pending invitations, inviting and removing (owners), and the
member's own invitations to accept or decline. Every change is one of the team RPCs."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

import flask
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from salesbot.console import messages
from salesbot.console.app import COMPANY_COOKIE, Page
from salesbot.console.forms import field_errors, plan_limit_shown
from salesbot.errors import ApiError

Role = Literal["viewer", "manager", "admin", "owner"]


class InviteForm(BaseModel):
    model_config = ConfigDict(extra="ignore")

    email: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=254,
                                            pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    role: Role


def team(page: Page) -> flask.Response:
    return _page(page)


def _page(page: Page, status: int = 200, **context: object) -> flask.Response:
    found = page.company_rpc("company_team") if page.me().company else None
    try:
        invitations = page.rpc("my_invitations")
    except ApiError as error:  # an unconfirmed email is told why it sees no invitations
        invitations, context["invitations_error"] = [], messages.refused(page.language, error)
    context = {"errors": {}, "values": {}, "invitations_error": None, "plan_limit": None, **context}
    return page.render("team.html", status=status, team=found, my_invitations=invitations, **context)


@plan_limit_shown(_page)
def invite(page: Page) -> flask.Response:
    form = page.request.form.to_dict()
    try:
        body = InviteForm.model_validate(form)
    except ValidationError as error:
        return _page(page, 422, errors=field_errors(error, page.language), values=form)
    page.company_rpc("invite_member", {"p_email": body.email, "p_role": body.role})
    page.notify(page._("Invitation sent to {email}", email=body.email))
    return page.redirect(page.url("team"))


def change_role(page: Page, user_id: uuid.UUID) -> flask.Response:
    page.company_rpc("change_member_role", {"p_user_id": str(user_id), "p_role": page.request.form.get("role")})
    page.notify(page._("Role changed"))
    return page.redirect(page.url("team"))


def remove(page: Page, user_id: uuid.UUID) -> flask.Response:
    page.company_rpc("remove_member", {"p_user_id": str(user_id)})
    page.notify(page._("Removed from the team"))
    return page.redirect(page.url("team"))


def revoke(page: Page, invitation_id: uuid.UUID) -> flask.Response:
    page.rpc("revoke_invitation", {"p_invitation_id": str(invitation_id)})
    page.notify(page._("Invitation withdrawn"))
    return page.redirect(page.url("team"))


@plan_limit_shown(_page)
def accept(page: Page, invitation_id: uuid.UUID) -> flask.Response:
    joined = page.rpc("accept_invitation", {"p_invitation_id": str(invitation_id)})
    page.cookies.append((COMPANY_COOKIE, joined["owner_id"], 365 * 24 * 3600))  # straight into the new company
    page.notify(page._("You have joined {company}", company=joined["company_name"]))
    return page.redirect(page.url("inbox"))


def decline(page: Page, invitation_id: uuid.UUID) -> flask.Response:
    page.rpc("decline_invitation", {"p_invitation_id": str(invitation_id)})
    page.notify(page._("Invitation declined"))
    return page.redirect(page.url("team"))


def leave(page: Page) -> flask.Response:
    page.rpc("leave_company", {"p_owner_id": page.me().owner_id})
    page.cookies.append((COMPANY_COOKIE, "", 0))
    page.notify(page._("You have left the company"))
    return page.redirect(page.url("inbox"))
