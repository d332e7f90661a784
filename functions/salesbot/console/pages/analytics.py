"""Analytics over a chosen period: the funnel, new and qualified leads per day, conversion by
channel, and how long customers wait for a first answer, read in one call and drawn as SVG."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import flask
from pydantic import BaseModel, ConfigDict, model_validator

from salesbot.console import charts
from salesbot.console.app import Page
from salesbot.http import parse_query

PRESETS = (7, 30, 90)
LONGEST_PERIOD_DAYS = 366


class Period(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    days: int | None = None  # a preset: the last N days, today included
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _bounded(self) -> Period:
        if self.start and self.end and self.start > self.end:
            raise ValueError("the period starts after it ends")
        if self.start and self.end and (self.end - self.start).days >= LONGEST_PERIOD_DAYS:
            raise ValueError(f"choose a period of at most {LONGEST_PERIOD_DAYS} days")
        if self.days is not None and not 1 <= self.days <= LONGEST_PERIOD_DAYS:
            raise ValueError(f"days: 1 to {LONGEST_PERIOD_DAYS}")
        return self

    def bounds(self, today: date) -> tuple[date, date]:
        if self.start and self.end:
            return self.start, self.end
        days = self.days or 30
        return today - timedelta(days=days - 1), today


def analytics(page: Page) -> flask.Response:
    period = parse_query(page.request, Period)
    start, end = period.bounds(datetime.now(UTC).date())
    found = page.company_rpc("company_analytics", {"p_from": start.isoformat(), "p_to": end.isoformat()})
    return page.render("analytics.html", start=start, end=end, period=period, presets=PRESETS, found=found,
                       **_charts(page, found))


def _charts(page: Page, found: dict[str, Any]) -> dict[str, Any]:
    _ = page._
    days = found["daily"]
    labels = [day["day"][5:] for day in days]  # MM-DD
    return {
        "daily_chart": charts.columns(labels, [[day["new_leads"] for day in days],
                                               [day["qualified_leads"] for day in days]],
                                      [_("new"), _("qualified")]),
        "response_chart": charts.line(labels, [day["median_first_reply_seconds"] for day in days], " s"),
        "funnel_top": max((row["leads"] for row in found["funnel"]), default=0) or 1,
    }
