r"""A price list from a spreadsheet (CSV) as offerings: price lists live in spreadsheets.

One row an offering. Columns, in English or Russian, in any order (only `name` is required):

| column | also | holds |
|---|---|---|
| name | название, наименование, услуга, товар | the offering's name |
| price | цена, стоимость | as a business writes it: "25000", "от 25 000", "150-280", "from £450", "бесплатно", "free", "по запросу", "on request" |
| currency | валюта | ISO 4217 (RUB, GBP...); else the symbol in the price cell (₽, £, $, €), else `default_currency` |
| unit | единица, за что | "за м²", "per tooth" |
| description | описание | |
| includes | что входит, включено | items separated by ";" or "\|" |
| synonyms | синонимы, как называют | words customers use, separated by ";" or "\|" |

Excel's own exports are read as they come: a BOM, ";" or "," between cells, a decimal comma.
Every row that cannot be read is reported with its line number, and nothing is imported then.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from typing import Any

_COLUMNS = {
    "name": ("name", "название", "наименование", "услуга", "товар"),
    "price": ("price", "цена", "стоимость"),
    "currency": ("currency", "валюта"),
    "unit": ("unit", "единица", "за что"),
    "description": ("description", "описание"),
    "includes": ("includes", "что входит", "включено"),
    "synonyms": ("synonyms", "синонимы", "как называют"),
}
_SYMBOLS = {"₽": "RUB", "руб": "RUB", "р.": "RUB", "£": "GBP", "$": "USD", "€": "EUR", "₸": "KZT", "₴": "UAH"}
_FREE = re.compile(r"^(?:бесплатно|бесплатный|free|free of charge|0)$", re.IGNORECASE)
_ON_REQUEST = re.compile(r"^(?:|по запросу|договорная|по договорённости|по договоренности|on request|poa|price on application)$",
                         re.IGNORECASE)
_NUMBER = r"(\d[\d\s\u00a0\u202f.,']*)"
_FROM = re.compile(rf"^(?:от|from)\s*{_NUMBER}$|^{_NUMBER}\s*\+$", re.IGNORECASE)
_RANGE = re.compile(rf"^(?:от\s*)?{_NUMBER}\s*(?:-|–|—|до|to)\s*{_NUMBER}$", re.IGNORECASE)
_EXACT = re.compile(rf"^{_NUMBER}$")
_LIST = re.compile(r"\s*[;|]\s*")


class PriceListError(ValueError):
    """Rows of a price list that cannot be read; `problems` says which and why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:3]))
        self.problems = problems


def read_offerings(text: str, default_currency: str | None = None) -> list[dict[str, Any]]:
    """The offerings of a CSV price list, as settings document items (validated with the document)."""
    text = text.removeprefix("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=header.count)  # Excel writes ";" where the decimal mark is a comma
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise PriceListError(["the file is empty"])
    columns = _columns(rows[0])
    offerings, problems = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {key: row[index].strip() for key, index in columns.items() if index < len(row)}
        try:
            offerings.append(_offering(cells, default_currency))
        except ValueError as error:
            problems.append(f"line {line}: {error}")
    if problems:
        raise PriceListError(problems)
    return offerings


def merge(current: list[dict[str, Any]], imported: list[dict[str, Any]], *, replace: bool) -> list[dict[str, Any]]:
    """The offerings after an import: rows update the offering of the same name (as it was, with the
    row's columns over it) or add one; with `replace`, offerings not in the file go."""
    by_name = {offering["name"].casefold(): offering for offering in imported}
    merged = []
    for offering in current:
        row = by_name.pop(offering["name"].casefold(), None)
        if row is not None:
            merged.append({**offering, **row})
        elif not replace:
            merged.append(offering)
    return merged + list(by_name.values())


def _columns(header: list[str]) -> dict[str, int]:
    found = {}
    for index, written in enumerate(header):
        title = written.strip().lower()
        for key, names in _COLUMNS.items():
            if title in names:
                found[key] = index
    if "name" not in found:
        raise PriceListError([f"line 1: a 'name' column is needed (found {', '.join(h.strip() for h in header)})"])
    return found


def _offering(cells: dict[str, str], default_currency: str | None) -> dict[str, Any]:
    name = cells.get("name", "")
    if not name:
        raise ValueError("the name is empty")
    offering: dict[str, Any] = {"name": name}
    if "price" in cells:
        offering["price"] = _price(cells["price"], cells.get("currency") or None, default_currency, cells.get("unit"))
    for key in ("description",):
        if cells.get(key):
            offering[key] = cells[key]
    for key in ("includes", "synonyms"):
        if cells.get(key):
            offering[key] = [item for item in _LIST.split(cells[key]) if item]
    return offering


def _price(cell: str, currency: str | None, default_currency: str | None, unit: str | None) -> dict[str, Any]:
    text = " ".join(cell.split())
    for symbol, code in _SYMBOLS.items():
        if symbol in text.lower():
            currency = currency or code
            text = re.sub(re.escape(symbol), "", text, flags=re.IGNORECASE).strip()
    price: dict[str, Any]
    if _ON_REQUEST.match(text):
        price = {"kind": "on_request"}
    elif _FREE.match(text):
        price = {"kind": "free"}
    elif found := _RANGE.match(text):
        price = {"kind": "range", "min": _amount(found.group(1)), "max": _amount(found.group(2))}
    elif found := _FROM.match(text):
        price = {"kind": "from", "amount": _amount(found.group(1) or found.group(2))}
    elif found := _EXACT.match(text):
        price = {"kind": "exact", "amount": _amount(found.group(1))}
    else:
        raise ValueError(f"{cell!r} is not a price (write e.g. 25000, от 25000, 150-280, бесплатно, по запросу)")
    if price["kind"] in ("exact", "from", "range"):
        currency = currency or default_currency  # the company's own currency, for a bare number
        if not currency:
            raise ValueError(f"{cell!r}: which currency? Add a currency column or a symbol (₽, £, $, €)")
    if currency:
        price["currency"] = currency.upper()
    if unit:
        price["unit"] = unit
    return price


def _amount(written: str) -> int | float:
    """"25 000", "25,000", "1 234,50", "99.90" as a number."""
    digits = re.sub(r"[\s\u00a0\u202f']", "", written).rstrip(".,")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", digits):
        digits = digits.replace(",", "")  # 25,000 or 1,234.50
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", digits):
        digits = digits.replace(".", "").replace(",", ".")  # 25.000 or 1.234,50
    else:
        digits = digits.replace(",", ".")  # 1234,50
    try:
        amount = Decimal(digits)
    except InvalidOperation:
        raise ValueError(f"{written!r} is not a number") from None
    return int(amount) if amount == amount.to_integral_value() else float(amount)
