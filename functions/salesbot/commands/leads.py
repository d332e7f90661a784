"""`salesbot leads`: a user's leads as a table, read through RLS exactly as the dashboard reads them."""

from __future__ import annotations

import argparse
import itertools
import uuid
from typing import Any

from salesbot.commands.common import as_user
from salesbot.export import ExportFilters, lead_pages

_COLUMNS = (("created_at", 16), ("status", 9), ("name", 18), ("phone", 14), ("email", 24), ("need", 24),
            ("budget", 14), ("location", 16), ("score", 5))


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    leads = commands.add_parser("leads", help="print a user's leads, as that user sees them")
    leads.add_argument("--email", required=True)
    leads.add_argument("--status", choices=["new", "contacted", "qualified", "won", "lost"])
    leads.add_argument("--company", type=uuid.UUID, help="the company's id, for a user of several companies")
    leads.set_defaults(handler=_leads)


def _leads(args: argparse.Namespace) -> int:
    count = 0
    with as_user(args.email) as (database, claims):
        # A page at a time, as the export does: a company with many leads never sits in memory whole.
        pages = lead_pages(database, claims, ExportFilters(status=args.status), args.company)
        first = next(pages, [])  # the database's first answer (or refusal) comes before any output
        print(_line({name: name for name, _ in _COLUMNS}))
        for page in itertools.chain([first], pages):
            for lead in page:
                print(_line(_row(lead)))
            count += len(page)
    print(f"{count} lead(s)")
    return 0


def _row(lead: dict[str, Any]) -> dict[str, Any]:
    amount = lead.get("budget_amount")
    budget = f"{amount:g} {lead['budget_currency']}" if amount is not None else ""
    return {**lead, "created_at": lead["created_at"][:16].replace("T", " "), "budget": budget}


def _line(values: dict[str, Any]) -> str:
    cells = []
    for name, width in _COLUMNS:
        text = "" if values.get(name) is None else str(values[name])
        cells.append((text[: width - 1] + "…" if len(text) > width else text).ljust(width))
    return "  ".join(cells).rstrip()
