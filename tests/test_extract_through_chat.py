"""What the parsers read reaches the stored lead through POST /chat: budget bounds and period,
a new figure replacing the old bounds, a phone split over two messages, an unverified number."""

from __future__ import annotations

from decimal import Decimal

from tests.test_chat import chat


def lead_row(sql, customer_id: str) -> dict:
    row = sql.execute(
        "select budget_amount, budget_currency, budget_min, budget_max, budget_period, phone, details"
        " from public.leads where customer_id = %s", (customer_id,)).fetchone()
    return dict(zip(("amount", "currency", "min", "max", "period", "phone", "details"), row, strict=True))


def test_a_budget_range_is_stored_with_its_bounds_and_a_new_figure_replaces_them(client, company, sql):
    first = chat(client, company, {"customer": "range", "text": "Ищу квартиру в Казани, бюджет от 5 до 7 млн"}).json
    assert lead_row(sql, first["customer_id"]) | {"phone": None, "details": None} == {
        "amount": Decimal(7_000_000), "currency": "RUB", "min": Decimal(5_000_000), "max": Decimal(7_000_000),
        "period": None, "phone": None, "details": None}
    assert first["lead"]["budget_min"] == 5_000_000
    chat(client, company, {"customer": "range", "text": "Хотя нет, снимать: 60 тыс в месяц"})
    row = lead_row(sql, first["customer_id"])
    assert (row["amount"], row["min"], row["max"], row["period"]) == (Decimal(60_000), None, None, "month")


def test_a_phone_split_over_two_messages_is_stored(client, company, sql):
    chat(client, company, {"customer": "split", "text": "Ищу студию в Москве"})
    chat(client, company, {"customer": "split", "text": "мой номер 8 916 000"})
    answer = chat(client, company, {"customer": "split", "text": "11 22"}).json
    assert lead_row(sql, answer["customer_id"])["phone"] == "+79160001122"


def test_a_number_libphonenumber_does_not_know_is_stored_flagged_until_a_valid_one_comes(client, company, sql):
    first = chat(client, company, {"customer": "unknown-code", "text": "Ищу студию, мой номер +999 41 872 3306"}).json
    row = lead_row(sql, first["customer_id"])
    assert (row["phone"], row["details"].get("phone_unverified")) == ("+999418723306", True)
    chat(client, company, {"customer": "unknown-code", "text": "или лучше 8 912 345 67 89"})
    row = lead_row(sql, first["customer_id"])
    assert row["phone"] == "+79123456789" and "phone_unverified" not in row["details"]


def test_a_budget_in_words_given_while_the_bot_asks_for_a_contact_is_stored(client, company, sql):
    first = chat(client, company, {"customer": "words", "text": "Ищу студию в Москве"}).json
    asked = sql.execute("select asked from public.messages where customer_id = %s and role = 'bot' order by id desc limit 1",
                        (first["customer_id"],)).fetchone()[0]
    assert asked != "budget"  # the brain asks for a contact before the budget
    chat(client, company, {"customer": "words", "text": "ну в пределах трёх миллионов"})
    row = lead_row(sql, first["customer_id"])
    assert (row["amount"], row["currency"], row["min"], row["max"]) == (Decimal(3_000_000), "RUB", None, Decimal(3_000_000))
