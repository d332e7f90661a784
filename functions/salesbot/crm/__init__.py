"""Leads into the company's CRM: signed outgoing webhooks, amoCRM, Bitrix24 and HubSpot, fed by the
events the database queues with every change, and delivered by the outbox sweep."""
