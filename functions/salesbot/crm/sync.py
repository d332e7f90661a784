"""How every CRM connector keeps a lead in the CRM: created once, then updated.

The CRM's ids are stored (crm_links) as soon as the record exists, and every later event updates
that record. Before creating one, the CRM is searched for the customer by phone and email: an open
record of theirs is taken over instead. That also covers a create whose answer was lost (a timeout,
a crash before the ids were stored): the retry finds what the first attempt made. A lead goes to
the CRM once it can be called back (a phone or an email); until then its events are acknowledged
and skipped. The new record gets a note with the lead and the conversation.
"""

from __future__ import annotations

from typing import Any, Protocol

from salesbot.crm.models import Delivery, Event, LeadSnapshot, Link

_NOTE_MESSAGES = 30
_NOTE_CHARS = 8000
_SPEAKERS = {"customer": "Customer", "bot": "Salesbot", "manager": "Manager"}


class CrmRecords(Protocol):
    """What a connector does in its CRM; `name` is how the log calls the record ("amoCRM lead")."""

    name: str

    def check(self) -> None:
        """One harmless read: do the credentials work?"""

    def find(self, lead: LeadSnapshot) -> Link | None:
        """An open record of this customer (by phone, then email), if the CRM has one."""

    def create(self, lead: LeadSnapshot) -> Link: ...

    def update(self, link: Link, lead: LeadSnapshot, event: Event) -> None: ...

    def add_note(self, link: Link, text: str) -> None: ...


class Linker(Protocol):
    def record_link(self, lead: LeadSnapshot, link: Link) -> None: ...

    def conversation(self, customer_id: Any) -> dict[str, Any]: ...


def sync(records: CrmRecords, linker: Linker, delivery: Delivery) -> str:
    """Delivers one event to the CRM; returns what was done."""
    event = delivery.event
    if event.type == "integration.test":
        records.check()
        return "the CRM accepted the credentials"
    lead = event.lead
    if lead is None:
        return "skipped: the conversation has no lead yet"
    link = delivery.link
    done = []
    if link is None:
        if not lead.has_contact:
            return "skipped: no contact yet (the lead goes to the CRM once it has one)"
        link = records.find(lead)
        if link is not None:
            records.update(link, lead, event)
            done.append(f"found {records.name} {link.external_id} of the same customer and updated it")
        else:
            link = records.create(lead)
            done.append(f"created {records.name} {link.external_id}")
        linker.record_link(lead, link)
        records.add_note(link, conversation_note(lead, linker.conversation(lead.customer_id)))
    elif event.type != "conversation.handed_over":
        records.update(link, lead, event)
        done.append(f"updated {records.name} {link.external_id}")
    if event.type == "conversation.handed_over":
        records.add_note(link, "The customer's conversation was handed over to a manager in Salesbot.")
        done.append(f"noted the handover on {records.name} {link.external_id}")
    return "; ".join(done)


def conversation_note(lead: LeadSnapshot, conversation: dict[str, Any]) -> str:
    """The lead and the conversation's last messages, as a CRM note."""
    budget = (f"{lead.budget_amount.normalize():f} {lead.budget_currency}" if lead.budget_amount is not None
              else lead.budget_text)
    facts = [("Name", lead.name or conversation.get("display_name")), ("Phone", lead.phone), ("Email", lead.email),
             ("WhatsApp", lead.whatsapp), ("Telegram", lead.telegram), ("Need", lead.need), ("Budget", budget), ("Location", lead.location), ("When", lead.timeline),
             ("Score", lead.score)]
    lines = [f"Lead from Salesbot ({conversation.get('channel') or 'chat'})"]
    lines += [f"{label}: {value}" for label, value in facts if value not in (None, "")]
    messages = conversation.get("messages") or []
    if messages:
        lines += ["", f"Conversation (last {min(len(messages), _NOTE_MESSAGES)} messages):"]
        lines += [f"{_SPEAKERS.get(m['role'], m['role'])}: {m['text']}" for m in messages[-_NOTE_MESSAGES:]]
    text = "\n".join(lines)
    return text if len(text) <= _NOTE_CHARS else text[: _NOTE_CHARS - 1] + "…"
