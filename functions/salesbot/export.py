"""Leads as CSV, streamed a page at a time through the same RLS as the dashboard."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from salesbot.db import Database
from salesbot.sanitize import clean_text

COLUMNS = ("id", "created_at", "status", "stage", "score", "name", "phone", "email", "whatsapp", "telegram", "need",
           "budget_amount", "budget_currency", "budget_min", "budget_max", "budget_period", "budget_text", "location",
           "timeline", "source", "customer", "details")
PAGE_SIZE = 1000
BOM = "\ufeff"  # Excel reads UTF-8 (and so Cyrillic) only when the file starts with it


class ExportFilters(BaseModel):
    """The dashboard's filters, as query parameters."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["csv"] = "csv"
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


def lead_pages(db: Database, claims: Mapping[str, Any], filters: ExportFilters) -> Iterator[list[dict[str, Any]]]:
    """The leads the caller may see, oldest first, a page at a time (keyset pagination)."""
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
        }, claims)
        if page:
            yield page
        if len(page) < PAGE_SIZE:
            return
        after = page[-1]


def leads_csv(db: Database, claims: Mapping[str, Any], filters: ExportFilters) -> Iterator[str]:
    """The CSV text, chunk by chunk: the header with the first page of leads, then a chunk per page.

    The first chunk already holds the database's first answer, so whoever takes it before sending
    the status line answers a refused or failing request with an error, not with a 200 cut short.
    """
    pages = lead_pages(db, claims, filters)
    yield BOM + _rows([COLUMNS, *_values(next(pages, []))])
    for page in pages:
        yield _rows(_values(page))


def _values(page: list[dict[str, Any]]) -> list[list[str]]:
    return [[_cell(lead.get(column)) for column in COLUMNS] for lead in page]


def _rows(rows: Any) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False) if value else ""
    text = str(value)
    # A cell starting like a formula would run in Excel: neutralise it (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
