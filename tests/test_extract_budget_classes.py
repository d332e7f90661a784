"""Classes of figures a customer writes that are, or are not, what they will spend, each beside the budget that
must survive it: a measure in metres, the worth or the selling price of their own property, what they usually pay,
a promo code, an invoice known by its id, a price turned down, prices listed after one seen, a fee paid to someone
else; the customer's own spending said with a verb ("уложиться в"), a figure corrected in the same message, "тыща"
and "тысячи" alone, and a currency named with another figure in an earlier message."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesbot.extract import extract_lead
from salesbot.models import BotSettings


def _company(region: str, price: int, currency: str) -> BotSettings:
    return BotSettings.model_validate({"phone_region": region, "offerings": [
        {"name": "Работа", "synonyms": ["работа"], "price": {"kind": "exact", "amount": price, "currency": currency}}]})


WARDROBE = _company("RU", 90_000, "RUB")
HOUSE = _company("RU", 7_000_000, "RUB")
EXTENSION = _company("GB", 20_000, "GBP")
BARBER = _company("US", 40, "USD")


def budget(text: str, settings: BotSettings, asked: str | None = None) -> tuple[object, ...]:
    lead = extract_lead(text, settings=settings, asked=asked)
    return lead.budget_amount, lead.budget_min, lead.budget_max, lead.budget_currency


@pytest.mark.parametrize("text", [
    "Garage door opening is about 2.5m wide, a builder next door did theirs for 9k",
    "we need a 3.2m beam over the new opening",
    "Проём примерно 2.4m, соседям делали за 300 тыс",
])
def test_metres_written_with_an_m_are_no_money_on_any_scale(text):
    assert budget(text, EXTENSION)[0] is None


@pytest.mark.parametrize("text,settings,expected", [
    ("budget is 1.2m for the whole house", HOUSE, (1_200_000, None, None, "RUB")),
    ("opening of 3m, and we can spend up to 25k", EXTENSION, (25_000, None, 25_000, "GBP")),
])
def test_a_budget_beside_metres_or_written_with_an_m(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text,settings", [
    ("Риелтор оценил нашу трёшку в 9 млн, хотим её продать", HOUSE),
    ("Хотим продать дом, по оценке 12 млн", HOUSE),
    ("Продаём дачу за 3,5 млн, нужен покупатель", HOUSE),
    ("The agent valued our flat at £240k, we want to sell it this spring", EXTENSION),
    ("We're selling the bungalow for 410k and need the roof patched first", EXTENSION),
    ("asking price is £395,000 but it needs a new kitchen", EXTENSION),
])
def test_what_the_customers_own_property_is_worth_or_sells_for_is_no_budget(text, settings):
    assert budget(text, settings)[0] is None


@pytest.mark.parametrize("text,settings,expected", [
    ("Продаём квартиру за 9 млн, на новую есть до 12 млн", HOUSE, (12_000_000, None, 12_000_000, "RUB")),
    ("The agent valued ours at 300k; for the extension we can spend 30k", EXTENSION, (30_000, None, None, "GBP")),
])
def test_the_budget_beside_the_worth_of_a_property(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text", [
    "I usually pay about $35 for a fade at my old barber",
    "we normally pay 60 for the two boys",
    "Обычно плачу около 1500 за стрижку, у вас так же?",
])
def test_what_the_customer_usually_pays_is_no_budget(text):
    assert budget(text, BARBER)[0] is None


def test_a_budget_beside_what_they_usually_pay():
    assert budget("I usually pay $120 for colour, happy to go up to 150 if it's good", BARBER) == (150, None, 150, "USD")


@pytest.mark.parametrize("text,asked", [
    ("есть промокод на 2000 рублей, куда его ввести?", None),
    ("промокод на 1500", "budget"),
])
def test_a_promo_code_is_no_budget(text, asked):
    assert budget(text, WARDROBE, asked)[0] is None


@pytest.mark.parametrize("text", [
    "the invoice INV-0883 came to £4,120, can I pay in two parts?",
    "they quoted me Q-2217 for £11,600",
    "the bill #7781 says £640 for parts",
])
def test_an_invoice_or_a_quote_known_by_its_id_is_no_budget(text):
    assert budget(text, EXTENSION)[0] is None


def test_a_budget_after_a_quote_known_by_its_id():
    assert budget("a firm sent quote Q-2217 for £26,000, we're hoping for 20-22", EXTENSION) == (22_000, 20_000, 22_000, "GBP")


@pytest.mark.parametrize("text,expected", [
    ("Шкаф в прихожую, хотелось бы уложиться в 70 тысяч", (70_000, None, None, "RUB")),  # one figure, as dev4 labels it
    ("в салоне на Ленина насчитали 120 тыс, хотим уложиться в 80", (80_000, None, None, "RUB")),
    ("готовы потратить тысяч 60", (60_000, None, None, "RUB")),
    ("ideally 75-85 thousand roubles", (85_000, 75_000, 85_000, "RUB")),
])
def test_the_customers_own_spending_said_with_a_verb(text, expected):
    assert budget(text, WARDROBE) == expected


@pytest.mark.parametrize("text,asked", [
    ("хотелось бы к 20 числу", "budget"),
    ("в идеале 3 секции", None),
    ("hoping for 2 doors and a mirror", None),
])
def test_a_wish_that_is_no_money(text, asked):
    assert budget(text, WARDROBE, asked)[0] is None


@pytest.mark.parametrize("text,expected", [
    ("тыща баксов на всё", (1000, None, None, "USD")),
    ("ну тыщу евро максимум", (1000, None, 1000, "EUR")),
])
def test_a_thousand_in_slang_with_a_currency(text, expected):
    assert budget(text, WARDROBE, "budget") == expected


@pytest.mark.parametrize("text", ["тыща девятьсот восемьдесят пятого года дом", "тыща раз уже спрашивал"])
def test_a_thousand_in_slang_that_is_a_year_or_a_way_of_speaking(text):
    assert budget(text, WARDROBE)[0] is None


@pytest.mark.parametrize("text,expected", [
    ("на шкаф у нас 60 тысяч. мастер на замере называл 85, это для нас много", (60_000, None, None, "RUB")),
    ("мой бюджет 60, у вас 85 дорого", (60_000, None, None, "RUB")),
    ("больше 85 тысяч это много", (85_000, None, 85_000, "RUB")),  # a bound before it: at most that
])
def test_a_price_turned_down_beside_the_budget(text, expected):
    assert budget(text, WARDROBE) == expected


@pytest.mark.parametrize("text", ["шкаф за 85 тысяч для нас дороговато", "£30k is a bit steep for us", "£30k is more than we can spend"])
def test_a_price_turned_down_alone_is_no_budget(text):
    assert budget(text, EXTENSION if text.startswith("£") else WARDROBE)[0] is None


@pytest.mark.parametrize("text", [
    "your price list says 45 and 30 for a beard trim, fine by me",
    "на сайте у вас 1500 и 900 за бороду, это так?",
])
def test_prices_listed_after_one_seen_are_seen_too(text):
    assert budget(text, BARBER)[0] is None


def test_a_figure_bounded_after_a_price_seen_is_the_customers():
    assert budget("the menu says $120, and we can do 100 max", BARBER) == (100, None, 100, "USD")


@pytest.mark.parametrize("text", [
    "консульский сбор 80 евро оплачу сама",
    "госпошлина 4000 рублей, её платить отдельно?",
    "tuition is £16,200 a year and we need the visa done",
    "the brochure lists €35 per head",
    "обучение у них £19 800 в год",
])
def test_a_fee_paid_to_someone_else_is_no_budget(text):
    assert budget(text, WARDROBE)[0] is None


@pytest.mark.parametrize("text,settings,expected", [
    ("$80-100 a month. hmm, actually under 80, cash is tight", BARBER, (80, None, 80, "USD", "month")),
    ("тысяч 70, хотя нет, до 75", WARDROBE, (75_000, None, 75_000, "RUB", None)),
    ("around £25k, sorry, I mean £28k", EXTENSION, (28_000, None, None, "GBP", None)),
])
def test_a_figure_corrected_in_the_same_message(text, settings, expected):
    lead = extract_lead(text, settings=settings, asked="budget")
    assert (lead.budget_amount, lead.budget_min, lead.budget_max, lead.budget_currency, lead.budget_period) == expected


@pytest.mark.parametrize("text,expected", [
    ("бюджет 70 тысяч, хотя 2 шкафа надо", (70_000, None, None, "RUB")),  # a count after "хотя" corrects nothing
    ("до 80, а лучше 70", (80_000, None, 80_000, "RUB")),  # a preference under the bound: the bound stays
])
def test_words_after_a_budget_that_do_not_correct_it(text, expected):
    assert budget(text, WARDROBE, "budget") == expected


@pytest.mark.parametrize("text,expected", [
    ("бюджет около тысячи долларов, или в рублях по курсу", (1000, None, None, "USD")),
    ("ну до тысячи евро", (1000, None, 1000, "EUR")),
])
def test_a_single_thousand_in_the_genitive(text, expected):
    assert budget(text, WARDROBE, "budget") == expected


@pytest.mark.parametrize("text", ["таких заказов у нас тысячи", "там тысячи отзывов"])
def test_thousands_of_things_are_no_money(text):
    assert budget(text, WARDROBE)[0] is None


def test_a_currency_that_was_another_figures_is_not_the_budgets():
    said = "Шкаф в комнату сына, он учится в Лондоне, за жильё там платим 900 фунтов"
    lead = extract_lead("на шкаф тысяч 60 максимум", settings=WARDROBE, asked="budget", earlier=[said])
    assert (lead.budget_amount, lead.budget_currency) == (Decimal(60_000), "RUB")


def test_a_currency_named_apart_before_the_figure_is_the_budgets():
    lead = extract_lead("ну тысячи три", settings=BARBER, asked="budget", earlier=["считаем в евро, если что"])
    assert lead.budget_currency == "EUR"



def test_a_small_figure_in_a_later_message_is_a_day_not_a_correction():
    known = extract_lead("гривен 150-200 в месяц", settings=BARBER, asked="budget")
    lead = extract_lead("заберу до 20 числа", settings=BARBER, asked="timeline", known=known, earlier=["гривен 150-200 в месяц"])
    assert lead.budget_amount is None


@pytest.mark.parametrize("text", [
    "my old gym was £40 a session, what's yours?",
    "at my previous barber it was $35",
    "в старом салоне было 2500 за стрижку",
    "у прошлого тренера выходило 3000 за тренировку",
])
def test_what_an_old_provider_charged_is_no_budget(text):
    assert budget(text, BARBER, "budget")[0] is None


@pytest.mark.parametrize("text", ["у вас 90 тысяч? в другом салоне 70", "у вас вроде 85?", "you charge 45 for a beard trim, right?"])
def test_the_companys_price_asked_about_is_no_budget_even_when_asked(text):
    assert budget(text, WARDROBE, "budget")[0] is None


@pytest.mark.parametrize("text,expected", [
    ("у вас за 70 тысяч что есть?", (70_000, None, None, "RUB")),
    ("а у вас есть до 70 тысяч?", (70_000, None, 70_000, "RUB")),
])
def test_a_budget_beside_the_companys_price(text, expected):
    assert budget(text, WARDROBE) == expected


def test_a_budget_beside_an_old_providers_price():
    assert budget("my old barber charged 30, here I'd spend about 50", BARBER) == (50, None, None, "USD")


@pytest.mark.parametrize("text", ["do 9 tysyach v mesyac", "okolo 9 tysyach za mesyac"])
def test_a_month_in_transliterated_russian(text):
    assert extract_lead(text, settings=WARDROBE, asked="budget").budget_period == "month"


@pytest.mark.parametrize("text", [
    "another venue quoted £9,000, we're 40 staff",
    "last year we paid £9,000 for the day, we'll be 35 attendees",
    "в прошлом году корпоратив стоил 300 тысяч, нас 45 работников",
])
def test_a_count_of_people_is_not_read_on_the_scale_of_a_price_beside_it(text):
    assert budget(text, EXTENSION)[0] is None


@pytest.mark.parametrize("text", [
    "сестре шили такой за 40 тысяч, сколько у вас?",
    "подруге делали за 35 где-то",
    "my sister's one was done for £1,800",
    "a colleague got his for about 2 grand",
])
def test_a_relatives_or_a_friends_price_is_no_budget(text):
    assert budget(text, WARDROBE, "budget")[0] is None


@pytest.mark.parametrize("text", [
    "коммуналка у нас 9 тысяч в месяц, хотим шкаф",
    "налоги на дом 14 тысяч в год",
    "council tax is about £1,900 a year",
    "utility bills run £220 a month",
])
def test_bills_and_taxes_are_no_budget(text):
    assert budget(text, WARDROBE)[0] is None


@pytest.mark.parametrize("text", [
    "видела похожий на wildberries за 38 тысяч",
    "на озоне такой 41 990",
    "the same wardrobe on amazon is £640",
    "a room on booking.com shows £1,250 for the week",
])
def test_a_price_on_a_marketplace_is_no_budget(text):
    assert budget(text, WARDROBE)[0] is None


@pytest.mark.parametrize("text,expected", [
    ("на wildberries видела за 38 тысяч, у вас хотим до 45", (45_000, None, 45_000, "RUB")),
    ("коммуналка 9 тысяч, а на шкаф готовы 60 тысяч", (60_000, None, None, "RUB")),
])
def test_a_budget_beside_a_bill_or_a_marketplace_price(text, expected):
    assert budget(text, WARDROBE) == expected


@pytest.mark.parametrize("text", [
    "the away day was £8,500 last year, is it the same now?",
    "потратили 55 тысяч на прошлый шкаф",
    "корпоратив обошёлся в 300 тысяч в прошлом году",
    "заказ на 48 000 рублей уже оплачен, когда доставка?",
])
def test_a_figure_of_the_past_said_after_it_is_no_budget(text):
    assert budget(text, WARDROBE)[0] is None


@pytest.mark.parametrize("text,expected", [
    ("it was £8,500 last time, we'd like to stay under 8", (8000, None, 8000, "GBP")),
    ("бюджет 60 тысяч, как в прошлом году", (60_000, None, None, "RUB")),
    ("60 тысяч, как в прошлый раз", (60_000, None, None, "RUB")),
])
def test_a_budget_beside_the_past(text, expected):
    assert budget(text, WARDROBE, "budget") == expected
