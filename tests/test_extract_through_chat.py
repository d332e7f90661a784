"""What the parsers read reaches the stored lead through POST /chat: budget bounds and period,
a new figure replacing the old bounds, a phone split over two messages, an unverified number; and
bare answers the question order decides (a company working at the customer's asks where first)."""

from __future__ import annotations

from decimal import Decimal

from tests.test_chat import chat
from tests.test_customer_contacts import put_settings


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


def test_a_month_said_alone_while_the_bot_asks_for_a_contact_is_stored_as_the_timeline(client, company, sql):
    first = chat(client, company, {"customer": "month", "text": "Ищу студию в Москве"}).json
    chat(client, company, {"customer": "month", "text": "в первой половине марта"})
    timeline = sql.execute("select timeline from public.leads where customer_id = %s", (first["customer_id"],)).fetchone()[0]
    assert timeline == "в первой половине марта"


def test_a_town_taken_for_a_name_is_stored_as_the_place_once_the_customer_gives_their_name(client, company, sql):
    first = chat(client, company, {"customer": "town-name", "text": "Hi, looking for a studio"}).json
    for text in ("Leander", "Dmitry Orlov"):
        chat(client, company, {"customer": "town-name", "text": text})
    lead = sql.execute("select name, location from public.leads where customer_id = %s", (first["customer_id"],)).fetchone()
    assert lead == ("Dmitry Orlov", "Leander")


def _priced_in(currency: str, region: str) -> dict:
    return {"company_name": "True North Interiors", "phone_region": region, "contacts": {"phone": "+14165550166"}, "offerings": [
        {"name": "Room styling", "synonyms": ["styling", "living room"],
         "price": {"kind": "exact", "amount": 2500, "currency": currency}},
        {"name": "Design consultation", "synonyms": ["consultation", "consult"],
         "price": {"kind": "exact", "amount": 175, "currency": currency}}]}


def test_a_bare_figure_is_in_the_currency_the_company_prices_in(client, company, sql):
    assert put_settings(client, company, _priced_in("USD", "AR")).status_code == 200  # Argentina, priced in dollars
    first = chat(client, company, {"customer": "usd", "text": "Need help styling a living room"}).json
    chat(client, company, {"customer": "usd", "text": "somewhere between 1300 and 1600 all in"})
    row = lead_row(sql, first["customer_id"])
    assert (row["amount"], row["currency"], row["min"], row["max"]) == (Decimal(1600), "USD", Decimal(1300), Decimal(1600))


def test_no_figure_is_stored_without_a_currency_and_the_customers_words_are_kept(client, company, sql):
    unpriced = {**_priced_in("USD", "AR"), "offerings": [{"name": "Room styling", "synonyms": ["styling"]}]}
    assert put_settings(client, company, unpriced).status_code == 200  # no price, and a region we know no currency of
    first = chat(client, company, {"customer": "no-currency", "text": "Need help styling a living room"}).json
    answer = chat(client, company, {"customer": "no-currency", "text": "budget around 1500 all in"})
    assert answer.status_code == 200
    lead = sql.execute("select budget_amount, budget_min, budget_max, budget_text from public.leads where customer_id = %s",
                       (first["customer_id"],)).fetchone()
    assert lead == (None, None, None, "1500")


def test_a_phone_written_after_the_budget_question_is_no_half_budget(client, company, sql):
    """Told the bot asked the budget, the parsers read "416-555" of the company's own number as a
    range; once that proves no bare answer, none of the budget may stay behind (a range without its
    figure is refused by the leads table, and the reply with it)."""
    assert put_settings(client, company, _priced_in("CAD", "CA")).status_code == 200
    texts = ["how much is a consultation? need help choosing paint colours and a layout for a small condo living room",
             "Liberty Village", "my friend Sarah who's an architect said 150 an hour is normal, is yours like that?",
             "sometime in january, no rush", "I'll call you on 416-555-0166 tomorrow, easier"]
    answers = [chat(client, company, {"customer": "half-budget", "text": text}) for text in texts]
    assert [answer.status_code for answer in answers] == [200] * len(texts)
    row = lead_row(sql, answers[0].json["customer_id"])
    assert (row["amount"], row["min"], row["max"], row["period"]) == (None, None, None, None)


def test_the_companys_currency_setting_wins_over_its_prices(client, company, sql):
    assert put_settings(client, company, {**_priced_in("USD", "AR"), "currency": "ARS"}).status_code == 200
    first = chat(client, company, {"customer": "ars", "text": "Need help styling a living room"}).json
    chat(client, company, {"customer": "ars", "text": "budget up to 900 thousand"})
    row = lead_row(sql, first["customer_id"])
    assert (row["amount"], row["currency"], row["max"]) == (Decimal(900_000), "ARS", Decimal(900_000))


def _asked(sql, answer: dict) -> str | None:
    """What the bot's last reply to this customer asked for, as stored with it."""
    return sql.execute("select asked from public.messages where customer_id = %s and role = 'bot' order by id desc limit 1",
                       (answer["customer_id"],)).fetchone()[0]


def _works_at_the_customers(name: str, offering: str, synonyms: list[str]) -> dict:
    return {"company_name": name, "phone_region": "NZ", "offerings": [
        {"name": offering, "synonyms": synonyms, "price": {"kind": "exact", "amount": 900, "currency": "NZD"}}]}


def test_a_company_that_works_at_the_customers_asks_where_before_the_contact(client, company, sql):
    """The customer answers "where?" with a suburb no list holds: asked, it is the place; the bot
    that asked for a contact instead kept nothing of it. Then the contact, as before."""
    assert put_settings(client, company, _works_at_the_customers("Kauri Arborists", "Tree removal", ["tree", "felling"])
                        ).status_code == 200
    first = chat(client, company, {"customer": "where-first", "text": "how much to take down a big gum tree out the back?"}).json
    assert _asked(sql, first) == "location"
    second = chat(client, company, {"customer": "where-first", "text": "Brackenwood"}).json
    assert second["lead"]["location"] == "Brackenwood" and _asked(sql, second) == "contact"


def test_a_russian_company_that_comes_to_the_customer_asks_where_first_and_one_at_its_premises_does_not(client, company, sql):
    comes = {"company_name": "Спил-Мастер", "offerings": [{"name": "Спил дерева", "synonyms": ["спилить", "берёза"]}]}
    assert put_settings(client, company, comes).status_code == 200
    first = chat(client, company, {"customer": "ru-where", "text": "Нужно спилить берёзу у дома"}).json
    assert _asked(sql, first) == "location"
    assert chat(client, company, {"customer": "ru-where", "text": "Заовражье"}).json["lead"]["location"] == "Заовражье"
    premises = {"company_name": "Улыбка", "offerings": [{"name": "Отбеливание зубов", "synonyms": ["отбеливание"]}]}
    assert put_settings(client, company, premises).status_code == 200
    assert _asked(sql, chat(client, company, {"customer": "ru-premises", "text": "Хочу отбеливание зубов"}).json) == "contact"


def test_the_name_is_asked_before_the_timeline_and_a_name_no_dictionary_knows_is_stored(client, company, sql):
    """Sales managers ask who they speak to before when; a bare name only the question makes one
    ("Ойбек") is lost when the bot asked when instead."""
    premises = {"company_name": "Улыбка", "offerings": [{"name": "Отбеливание зубов", "synonyms": ["отбеливание"]}]}
    assert put_settings(client, company, premises).status_code == 200
    texts = ["Хочу отбеливание зубов в Казани, бюджет до 20 тысяч", "8 912 345 67 89"]
    answers = [chat(client, company, {"customer": "name-first", "text": text}).json for text in texts]
    assert _asked(sql, answers[-1]) == "name"
    answer = chat(client, company, {"customer": "name-first", "text": "Ойбек"}).json
    assert answer["lead"]["name"] == "Ойбек" and _asked(sql, answer) == "timeline"
