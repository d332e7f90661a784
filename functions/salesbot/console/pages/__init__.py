"""The console's pages: each route, the least role it needs in the acting company, its handler.

A billing page for owners (plan, usage this period, invoices) will be added here from the billing
RPCs, as a route with role "owner", and a link beside Team in templates/base.html.
"""

from __future__ import annotations

from salesbot.console.app import Route
from salesbot.console.pages import account, analytics, channels, inbox, integrations, leads, settings, team

ROUTES = [
    Route("/", inbox.home),
    Route("/sign-in", account.sign_in, ("GET", "POST"), role=None),
    Route("/sign-out", account.sign_out, ("POST",), role=""),
    Route("/language", account.language, ("POST",), role=None),
    Route("/company", account.company, ("POST",), role=""),
    Route("/inbox", inbox.inbox),
    Route("/conversations/<uuid:customer_id>", inbox.conversation),
    Route("/conversations/<uuid:customer_id>/reply", inbox.reply, ("POST",), role="manager"),
    Route("/conversations/<uuid:customer_id>/take", inbox.take_over, ("POST",), role="manager"),
    Route("/conversations/<uuid:customer_id>/release", inbox.release, ("POST",), role="manager"),
    Route("/conversations/<uuid:customer_id>/lead", leads.edit_lead, ("GET", "POST"), role="manager"),
    Route("/leads", leads.leads),
    Route("/leads.csv", leads.leads_csv),
    Route("/leads/<uuid:lead_id>/status", leads.change_status, ("POST",), role="manager"),
    Route("/leads/<uuid:lead_id>/assignee", leads.assign, ("POST",), role="manager"),
    Route("/leads/<uuid:lead_id>/notes", leads.add_note, ("POST",), role="manager"),
    Route("/analytics", analytics.analytics),
    Route("/settings", settings.settings, ("GET", "POST"), role="admin"),
    Route("/channels", channels.channels, role="admin"),
    Route("/channels/telegram", channels.connect_telegram, ("POST",), role="admin"),
    Route("/channels/widget", channels.create_widget, ("POST",), role="admin"),
    Route("/channels/<uuid:channel_id>/disconnect", channels.disconnect, ("POST",), role="admin"),
    Route("/integrations/webhook", channels.connect_webhook, ("POST",), role="admin"),
    Route("/integrations/crm", channels.connect_crm, ("POST",), role="admin"),
    Route("/integrations/amocrm", channels.begin_amocrm, ("POST",), role="admin"),
    Route("/integrations/<uuid:integration_id>", integrations.integration, role="admin"),
    Route("/integrations/<uuid:integration_id>/change", integrations.change_integration, ("POST",), role="admin"),
    Route("/integrations/<uuid:integration_id>/active", integrations.set_active, ("POST",), role="admin"),
    Route("/integrations/<uuid:integration_id>/credential", integrations.replace_credential, ("POST",), role="admin"),
    Route("/integrations/<uuid:integration_id>/test", integrations.send_test_event, ("POST",), role="admin"),
    Route("/integrations/<uuid:integration_id>/deliveries/<int:delivery_id>/retry", integrations.retry_delivery, ("POST",),
          role="admin"),
    Route("/integrations/<uuid:integration_id>/remove", integrations.remove_integration, ("POST",), role="admin"),
    Route("/team", team.team, role=""),
    Route("/team/invitations", team.invite, ("POST",), role="owner"),
    Route("/team/members/<uuid:user_id>/role", team.change_role, ("POST",), role="owner"),
    Route("/team/members/<uuid:user_id>/remove", team.remove, ("POST",), role="owner"),
    Route("/team/invitations/<uuid:invitation_id>/revoke", team.revoke, ("POST",), role="admin"),
    Route("/invitations/<uuid:invitation_id>/accept", team.accept, ("POST",), role=""),
    Route("/invitations/<uuid:invitation_id>/decline", team.decline, ("POST",), role=""),
    Route("/team/leave", team.leave, ("POST",)),
]
