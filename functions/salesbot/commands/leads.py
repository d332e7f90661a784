"""`salesbot leads`: a user's leads as a table, read through RLS exactly as the dashboard reads them."""

from __future__ import annotations

import argparse
from typing import Any

from salesbot.commands.common import as_user
from salesbot.export import ExportFilters, lead_pages

_COLUMNS = (("created_at", 16), ("status", 9), ("name", 18), ("phone", 14), ("email", 24), ("need", 24),
            ("budget", 14), ("location", 16), ("score", 5))


def register(commands: argparse._SubParsersAction) -> None:
    leads = commands.add_parser("leads", help="print a user's leads, as that user sees them")
    leads.add_argument("--email", required=True)
    leads.add_argument("--status", choices=["new", "contacted", "qualified", "won", "lost"])
    leads.set_defaults(handler=_leads)


def _leads(args: argparse.Namespace) -> int:
    with as_user(args.email) as (database, claims):
        leads = [lead for page in lead_pages(database, claims, ExportFilters(status=args.status)) for lead in page]
    print(_line({name: name for name, _ in _COLUMNS}))
    for lead in leads:
        budget = f"{lead['budget_amount']:g} {lead['budget_currency']}" if lead.get("budget_amount") is not None else ""
        print(_line({**lead, "created_at": lead["created_at"][:16].replace("T", " "), "budget": budget}))
    print(f"{len(leads)} lead(s)")
    return 0


def _line(values: dict[str, Any]) -> str:
    cells = []
    for name, width in _COLUMNS:
        text = "" if values.get(name) is None else str(values[name])
        cells.append((text[: width - 1] + "…" if len(text) > width else text).ljust(width))
    return "  ".join(cells).rstrip()
