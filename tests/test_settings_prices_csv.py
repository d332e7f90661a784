"""Price lists from spreadsheets: the ways businesses write prices, and rows that cannot be read."""

from __future__ import annotations

import pytest

from salesbot.settings import validate
from salesbot.settings.prices_csv import PriceListError, merge, read_offerings


@pytest.mark.parametrize("cell,price", [
    ("25000", {"kind": "exact", "amount": 25000, "currency": "RUB"}),
    ("25 000 ₽", {"kind": "exact", "amount": 25000, "currency": "RUB"}),
    ("от 25\u00a0000", {"kind": "from", "amount": 25000, "currency": "RUB"}),
    ("from £450", {"kind": "from", "amount": 450, "currency": "GBP"}),
    ("450+", {"kind": "from", "amount": 450, "currency": "RUB"}),
    ("150-280", {"kind": "range", "min": 150, "max": 280, "currency": "RUB"}),
    ("от 90 000 до 140 000 руб", {"kind": "range", "min": 90000, "max": 140000, "currency": "RUB"}),
    ("$1,234.50", {"kind": "exact", "amount": 1234.5, "currency": "USD"}),
    ("1 234,50", {"kind": "exact", "amount": 1234.5, "currency": "RUB"}),
    ("Бесплатно", {"kind": "free"}),
    ("free", {"kind": "free"}),
    ("по запросу", {"kind": "on_request"}),
    ("", {"kind": "on_request"}),
])
def test_prices_as_businesses_write_them(cell, price):
    offerings = read_offerings(f"name;price\nX;{cell}\n", default_currency="RUB")
    assert offerings == [{"name": "X", "price": price}]
    validate({"offerings": offerings})


def test_a_price_without_a_currency_is_refused_when_there_is_no_default():
    with pytest.raises(PriceListError) as refused:
        read_offerings("name,price\nX,100\n")
    assert refused.value.problems == ["line 2: '100': which currency? Add a currency column or a symbol (₽, £, $, €)"]


def test_an_import_updates_offerings_by_name_and_keeps_or_drops_the_rest():
    current = [{"name": "Замер", "price": {"kind": "free"}, "synonyms": ["замерщик"]},
               {"name": "Монтаж", "price": {"kind": "on_request"}}]
    imported = [{"name": "замер", "price": {"kind": "exact", "amount": 1000, "currency": "RUB"}},
                {"name": "Доставка", "price": {"kind": "free"}}]
    assert merge(current, imported, replace=False) == [
        {"name": "замер", "price": {"kind": "exact", "amount": 1000, "currency": "RUB"}, "synonyms": ["замерщик"]},
        {"name": "Монтаж", "price": {"kind": "on_request"}}, {"name": "Доставка", "price": {"kind": "free"}}]
    assert [o["name"] for o in merge(current, imported, replace=True)] == ["замер", "Доставка"]
