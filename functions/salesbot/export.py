"""Leads as CSV, streamed a page at a time through the same RLS as the dashboard."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from salesbot.db import Database, company_arg
from salesbot.sanitize import clean_text

COLUMNS = ("id", "created_at", "status", "stage", "score", "name", "phone", "email", "whatsapp", "telegram", "need",
           "budget_amount", "budget_currency", "budget_min", "budget_max", "budget_period", "budget_text", "location",
           "timeline", "source", "customer", "details")
PAGE_SIZE = 1000
BOM = "\ufeff"  # Excel reads UTF-8 (and so Cyrillic) only when the file starts with it
AMOUNTS = frozenset({"budget_amount", "budget_min", "budget_max"})
# A spreadsheet opens a CSV with its locale's list separator and decimal mark: Excel under Russian
# regional settings splits on ';' and reads '300000,5' as a number (',' would put a whole row in one
# cell); under English ones, ',' and '300000.5'.
DIALECTS = {"en": (",", "."), "ru": (";", ",")}
# What a spreadsheet may take for the start of a formula: OWASP's CSV-injection list. A tab or a
# carriage return counts, since some spreadsheets drop it and read what follows as the cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number (an amount, an E.164 phone) starts with + or - legitimately and stays as it is;
# Python's float() would also take "-inf", "nan" and padded text, which a spreadsheet does not.
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")


class ExportFilters(BaseModel):
    """The dashboard's filters, as query parameters."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["csv"] = "csv"
    dialect: Literal["en", "ru"] = "en"  # the spreadsheet's locale: separator and decimal mark
    status: Literal["new", "contacted", "qualified", "won", "lost"] | None = None
    date_from: datetime | None = Field(default=None, alias="from")
    date_to: datetime | None = Field(default=None, alias="to")
    q: str | None = Field(default=None, max_length=200)

    @field_validator("date_from", "date_to")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        # A bare date or time means UTC, not whatever time zone the database session happens to use.
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        # Postgres takes offsets up to 15:59 only, Python up to 23:59: send UTC, which both read.
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError("the date is out of range") from None

    @field_validator("q")
    @classmethod
    def _searchable(cls, value: str | None) -> str | None:
        # Postgres text cannot hold NUL, and control characters are never part of a search.
        return clean_text(value) or None if value is not None else None

    @model_validator(mode="after")
    def _ordered(self) -> ExportFilters:
        if self.date_from and self.date_to and self.date_from >= self.date_to:
            raise ValueError("'from' must be before 'to'")
        return self


def lead_pages(db: Database, claims: Mapping[str, Any], filters: ExportFilters,
               owner_id: UUID | None = None) -> Iterator[list[dict[str, Any]]]:
    """The leads of the company the caller acts for (`owner_id`; may be None for a member of one
    company only), oldest first, a page at a time (keyset pagination)."""
    after: dict[str, Any] = {}
    while True:
        page = db.rpc("export_leads", {
            "p_status": filters.status,
            "p_from": filters.date_from,
            "p_to": filters.date_to,
            "p_query": filters.q,
            "p_after_created_at": after.get("created_at"),
            "p_after_id": after.get("id"),
            "p_limit": PAGE_SIZE,
            "p_owner_id": company_arg(owner_id),
        }, claims)
        if page:
            yield page
        if len(page) < PAGE_SIZE:
            return
        after = page[-1]


def leads_csv(db: Database, claims: Mapping[str, Any], filters: ExportFilters,
              owner_id: UUID | None = None) -> Iterator[str]:
    """The CSV text, chunk by chunk: the header with the first page of leads, then a chunk per page.

    The first chunk already holds the database's first answer, so whoever takes it before sending
    the status line answers a refused or failing request with an error, not with a 200 cut short.
    """
    separator, decimal_mark = DIALECTS[filters.dialect]
    pages = lead_pages(db, claims, filters, owner_id)
    yield BOM + _rows([COLUMNS, *_values(next(pages, []), decimal_mark)], separator)
    for page in pages:
        yield _rows(_values(page, decimal_mark), separator)


def dialect_for(language: str) -> str:
    """The dialect a member's spreadsheet most likely reads, from the language they use."""
    return "ru" if language == "ru" else "en"


def format_amount(value: float | int | str, decimal_mark: str) -> str:
    """An amount as a spreadsheet reads it: 300000, not 300000.0; 1250.50 with the locale's mark."""
    amount = Decimal(str(value))
    text = f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"
    return text.replace(".", decimal_mark)


def _values(page: list[dict[str, Any]], decimal_mark: str) -> list[list[str]]:
    return [[format_amount(lead[column], decimal_mark) if column in AMOUNTS and lead.get(column) is not None
             else _cell(lead.get(column)) for column in COLUMNS] for lead in page]


def _rows(rows: Any, separator: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False) if value else ""
    text = str(value)
    # A cell starting like a formula would run in a spreadsheet: neutralise it (CSV injection).
    return "'" + text if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text) else text
