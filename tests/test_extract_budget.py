"""Budgets as a careful reader takes them, whatever the bot had asked: number words in any case
("до трёхсот тысяч"), the colloquial order with a bound ("тысяч до 80"), a currency written before
a range ("$15-20k"), a bound said after the figure ("£4,000 or less", "under that"), a monthly
budget named before its figure; and money that is not the budget (a salary, a competitor's quote,
a car's mileage, the first digits of a phone)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesbot.extract import extract_lead
from salesbot.lead import merge
from salesbot.models import BotSettings, LeadData


def _company(region: str, price: int, currency: str) -> BotSettings:
    return BotSettings.model_validate({"phone_region": region, "offerings": [
        {"name": "Заказ", "synonyms": ["заказ"], "price": {"kind": "exact", "amount": price, "currency": currency}}]})


SOFA = _company("RU", 60_000, "RUB")
FLAT = _company("RU", 6_000_000, "RUB")
ALMATY = _company("KZ", 900_000, "KZT")
SALON = _company("US", 250, "USD")
BUILDER = _company("GB", 15_000, "GBP")
AGENCY = _company("UA", 400_000, "UAH")


def budget(text: str, settings: BotSettings, asked: str | None = "contact") -> tuple[object, ...]:
    """(amount, min, max, currency, period) of what `text` says, sent when the bot had asked for a contact."""
    lead = extract_lead(text, settings=settings, asked=asked)
    return lead.budget_amount, lead.budget_min, lead.budget_max, lead.budget_currency, lead.budget_period


@pytest.mark.parametrize("text,settings,expected", [
    ("до трёхсот тысяч рублей", SOFA, (300_000, None, 300_000, "RUB", None)),
    ("в районе двухсот пятидесяти тысяч", SOFA, (250_000, None, None, "RUB", None)),
    ("не больше полутора миллионов", ALMATY, (1_500_000, None, 1_500_000, "KZT", None)),
    ("ну около семидесяти тысяч", SOFA, (70_000, None, None, "RUB", None)),
    ("порядка сорока пяти тысяч", SOFA, (45_000, None, None, "RUB", None)),
    ("от пятисот тысяч до миллиона", ALMATY, (1_000_000, 500_000, 1_000_000, "KZT", None)),
    ("до двух миллионов тенге", FLAT, (2_000_000, None, 2_000_000, "KZT", None)),
    ("в пределах девяноста тысяч", SOFA, (90_000, None, 90_000, "RUB", None)),
    ("от трёхсот до пятисот тысяч тенге", ALMATY, (500_000, 300_000, 500_000, "KZT", None)),
    ("между двумя и тремя миллионами", FLAT, (3_000_000, 2_000_000, 3_000_000, "RUB", None)),
])
def test_number_words_in_any_case(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("тысяч до 80", SOFA, (80_000, None, 80_000, "RUB", None)),
    ("тыщ под 200 наверное", SOFA, (200_000, None, None, "RUB", None)),
    ("тысяч около 40", SOFA, (40_000, None, None, "RUB", None)),
    ("тысяч двести на всё про всё", SOFA, (200_000, None, None, "RUB", "total")),
    ("миллиона полтора", FLAT, (1_500_000, None, None, "RUB", None)),
    ("ну лимона четыре где-то", FLAT, (4_000_000, None, None, "RUB", None)),
    ("тыщ сто пятьдесят максимум", SOFA, (150_000, None, 150_000, "RUB", None)),
])
def test_the_multiplier_first_with_a_bound_or_a_number_in_words(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("тысячи полторы евриков", SOFA, (1500, None, None, "EUR", None)),
    ("тысячи 4 рублей", SOFA, (4000, None, None, "RUB", None)),
    ("штук 5 баксов", SOFA, (5000, None, None, "USD", None)),
    ("косарей 20 на всё", SOFA, (20_000, None, None, "RUB", "total")),
    ("авто до 10 косарей зелёных", SOFA, (10_000, None, 10_000, "USD", None)),
    ("200 кусков", SOFA, (200_000, None, None, "RUB", None)),
])
def test_slang_multipliers_and_currencies(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text", ["штук 5 стульев и стол", "2 зелёных кресла", "5 кусков мыла"])
def test_pieces_and_colours_are_not_money(text):
    assert budget(text, SOFA)[0] is None


@pytest.mark.parametrize("text,settings,expected", [
    ("about £300 a week", BUILDER, (300, None, "£300 a week")),  # no period the lead holds: the words keep it
    ("до 5000 за ночь", SOFA, (5000, None, "5000 за ночь")),
    ("тысяч 45 в месяц максимум", SOFA, (45_000, "month", "тысяч 45 в месяц")),
])
def test_a_budget_per_week_or_night_keeps_the_customers_words(text, settings, expected):
    lead = extract_lead(text, settings=settings, asked="budget")
    assert (lead.budget_amount, lead.budget_period, lead.budget_text) == expected


def test_a_multiplier_after_its_own_figure_does_not_start_another_amount():
    assert budget("от 20 тысяч до 50", SOFA)[0] == 50_000  # "тысяч до 50" is not an amount of its own


@pytest.mark.parametrize("text,settings,amount", [
    ("20 тысяч 500 рублей", SOFA, 20_500),
    ("бюджет 1 млн 200 тыс", FLAT, 1_200_000),
    ("до 2 миллионов 500 тысяч рублей", FLAT, 2_500_000),
    ("бюджет один миллион двести тысяч", FLAT, 1_200_000),
    ("семь миллионов пятьсот тысяч", FLAT, 7_500_000),
    ("до 1 млн 200", FLAT, 1_200_000),  # a bare part after millions is thousands, as in "миллион двести"
    ("бюджет 2 миллиона триста", FLAT, 2_300_000),  # hundreds of thousands after the millions
    ("budget two thousand five hundred pounds", BUILDER, 2500),
    ("we have 2 thousand and 500", BUILDER, 2500),
])
def test_an_amount_said_in_parts_is_one_amount(text, settings, amount):
    assert budget(text, settings)[0] == amount


@pytest.mark.parametrize("text,settings,amount", [("квартира за 5 млн 2 комнаты", FLAT, 5_000_000), ("бюджет 3 млн 2015 года", FLAT, 3_000_000)])
def test_a_count_or_a_year_after_an_amount_is_no_part_of_it(text, settings, amount):
    assert budget(text, settings)[0] == amount


@pytest.mark.parametrize("text,settings,expected", [
    ("$15-20k", BUILDER, (20_000, 15_000, 20_000, "USD", None)),
    ("€3-4k for the lot", BUILDER, (4000, 3000, 4000, "EUR", "total")),
    ("долларов 800-1000", SOFA, (1000, 800, 1000, "USD", None)),
    ("долларов 600-800 если норм", SOFA, (800, 600, 800, "USD", None)),  # whatever words follow the range
    ("евро 200-300 в месяц", SOFA, (300, 200, 300, "EUR", "month")),
    ("гривен 30-40 тисяч", AGENCY, (40_000, 30_000, 40_000, "UAH", None)),
])
def test_a_currency_written_before_a_range_is_the_ranges(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("honestly 400 max", SALON, (400, None, 400, "USD", None)),
    ("200 tops for the cut and colour", SALON, (200, None, 200, "USD", None)),
    ("£4,000 or less", BUILDER, (4000, None, 4000, "GBP", None)),
    ("50 тысяч и не больше", SOFA, (50_000, None, 50_000, "RUB", None)),
    ("300 тыс или меньше", FLAT, (300_000, None, 300_000, "RUB", None)),
    ("another firm wanted £9,800 and we'd want to come in below that", BUILDER, (9800, None, 9800, "GBP", None)),
    ("в соседнем салоне насчитали 70 тыс, хотелось бы дешевле", SOFA, (70_000, None, 70_000, "RUB", None)),
])
def test_a_bound_said_after_the_figure(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text,settings,period", [
    ("бюджет на месяц тысяч 150", SOFA, "month"),
    ("месячный бюджет где-то 80 тысяч", SOFA, "month"),
    ("our budget per month is about $4k", SALON, "month"),  # (an ad budget is the ad platforms': see test_extract_budget_classes)
    ("тур на месяц, бюджет 300 тыс", SOFA, None),  # a month-long trip, not a monthly budget
])
def test_a_monthly_budget_named_before_its_figure(text, settings, period):
    assert budget(text, settings)[4] == period


@pytest.mark.parametrize("text,settings,expected", [
    ("у нас в мес до 12 тыс", SOFA, (12_000, None, 12_000, "RUB", "month")),
    ("no more than 70 a month", SALON, (70, None, 70, "USD", "month")),  # small, but money: said per month
    ("we pay 49/mo now and could go to 99/mo", SALON, (99, None, 99, "USD", "month")),  # what they pay today is no budget
    ("ой, до 600 то есть", SALON, (600, None, 600, "USD", None)),  # a particle after a figure is no unit...
    ("бюджет до 600 тысяч не больше", FLAT, (600_000, None, 600_000, "RUB", None)),  # ... nor is "не"
])
def test_a_monthly_budget_and_a_small_word_after_a_figure(text, settings, expected):
    assert budget(text, settings) == expected


def _replies_to_budget(said: list[str], settings: BotSettings) -> LeadData:
    """The lead the customer's messages `said` make, each sent when the bot had asked for the budget."""
    lead = None
    for text in said:
        learned = extract_lead(text, settings=settings, asked="budget", earlier=said[:said.index(text)], known=lead)
        lead = learned if lead is None else merge(lead, learned)
    assert lead is not None
    return lead


@pytest.mark.parametrize("said,settings,period", [
    (["Хочу снять однушку", "до 35 тысяч"], SOFA, "month"),  # rent is paid by the month, said or not
    (["looking to rent a one bed in Leeds", "around 900"], BUILDER, "month"),
    (["нужна квартира для сдачи в аренду", "от 6 до 7 млн"], FLAT, None),  # to let out: a purchase
    (["снять дом посуточно", "до 30 тысяч"], SOFA, None),
    (["rent a van for the weekend", "about 400 quid"], BUILDER, None),
    (["flat, budget 1200 a month", "sorry, 1500"], BUILDER, "month"),  # a correction keeps the month
    (["looking to lease a 2br in Austin", "under 2200"], SALON, "month"),  # however the home is written
    (["снять двухкомнатную у метро", "до 45 тысяч"], SOFA, "month"),
    (["we're letting our flat in Leeds through you", "around 900"], BUILDER, "month"),
    # letting a matter go, or someone know, rents nothing: "not letting it go" beside a flat's address is a total
    (["the landlord kept my deposit and I'm not letting it go, the flat was in Leeds", "around 900"], BUILDER, None),
    (["letting you know the house is in Leeds", "around 900"], BUILDER, None),
])
def test_a_rent_is_a_monthly_budget(said, settings, period):
    lead = _replies_to_budget(said, settings)
    assert lead.budget_amount is not None and lead.budget_period == period


def test_a_company_that_only_rents_takes_budgets_by_the_month():
    lettings = BotSettings.model_validate({"company_name": "Thames Lettings", "phone_region": "GB"})
    assert extract_lead("around 900 pounds for a one bed", settings=lettings).budget_period == "month"
    mixed = BotSettings.model_validate({"phone_region": "KZ", "offerings": [{"name": "Квартира в новостройке"}, {"name": "Аренда квартиры"}]})
    assert extract_lead("квартира, миллионов 35 тенге", settings=mixed).budget_period is None


@pytest.mark.parametrize("text,settings", [
    ("машине 5 лет, 120 тысяч пробега", FLAT),
    ("it's got 150k on the clock", BUILDER),
    ("зарплата у меня 90 тыс, кредит не хочу", SOFA),
    ("I make about 70k a year so finance would be tight", BUILDER),
    ("в соседнем салоне насчитали 400 тыс", SOFA),  # a competitor's price, said without wanting under it
    ("they quoted me $12k at another shop", BUILDER),
    ("the invoice says £3,400, that is not what we agreed", BUILDER),  # a bill, not what they will spend
    ("с карты списали 12 500 рублей", SOFA),
])
def test_money_that_is_not_the_budget(text, settings):
    assert budget(text, settings)[0] is None


@pytest.mark.parametrize("text,settings", [
    ("у вас на сайте студия за 4.5 млн это актуально?", FLAT),  # a price seen somewhere
    ("I saw the Civic listed for $12,400 is it still available", BUILDER),
    ("the price tag says £899 on the oak table, do you have it in grey", BUILDER),
    ("сосед купил такую за 900 тыс, а у вас сколько?", FLAT),
    ("is the package still £15,000?", BUILDER),  # the company's own price, asked about
    ("а заказ за 60 000 когда привезут?", SOFA),  # ... or named as the thing's price
])
def test_a_price_seen_elsewhere_or_said_back_is_not_the_budget(text, settings):
    assert budget(text, settings, asked=None)[0] is None


def test_a_price_seen_elsewhere_is_the_scale_of_a_bare_figure_beside_it():
    assert budget("у них на сайте эта машина 2 млн, а у меня 1.6", FLAT, asked=None)[0] == 1_600_000
    assert budget("полтора миллиона есть", _company("RU", 1_500_000, "RUB"), asked=None)[0] == 1_500_000  # not said back


def test_the_budget_beside_money_that_is_not():
    assert budget("зарплата у меня 80 тыс, могу тратить до 20 в месяц", SOFA) == (
        20_000, None, 20_000, "RUB", "month")
    assert budget("конкуренты просят 1,2 млн, у нас бюджет миллион", FLAT)[0] == 1_000_000


PRINT_SHOP = _company("RU", 3000, "RUB")
MARKETING = _company("US", 1500, "USD")


@pytest.mark.parametrize("text,settings", [
    ("EIN 12-3456789", MARKETING), ("UTR: 1234567890", BUILDER),  # tax ids
    ("тираж 10 тыс", PRINT_SHOP), ("сделать 5 тыс копий", PRINT_SHOP), ("order of 5k units", MARKETING),  # quantities
    ("we have 100k subscribers and 20k visitors a month", MARKETING),
    ("I'm 42, first time doing this", SALON),  # an age
    ("flyers for a grand opening", MARKETING),  # "a grand" is a thousand, a grand opening is not
    ("born in 1985", SALON),  # a year
])
def test_tax_ids_quantities_and_ages_are_no_budget_even_when_asked(text, settings):
    assert budget(text, settings, asked="budget")[0] is None


@pytest.mark.parametrize("text,settings,amount", [
    ("хочу сделать заказ на 30 тыс", SOFA, 30_000), ("тираж 10 тыс, бюджет 15 тыс", PRINT_SHOP, 15_000),
    ("I'm thinking 300 tops", SALON, 300), ("EIN 12-3456789, budget 25k", MARKETING, 25_000),
])
def test_the_budget_beside_them(text, settings, amount):
    assert budget(text, settings)[0] == amount


@pytest.mark.parametrize("text,settings", [
    ("звоните 8 916 555", SOFA), ("my cell is 415 555", SALON), ("text me on 0161 496", BUILDER),
    ("тел 8 905 12", SOFA), ("мобильный 8 903 40", FLAT),
])
def test_the_first_digits_of_a_phone_are_no_budget_even_when_asked(text, settings):
    assert budget(text, settings, asked="budget")[0] is None


def test_a_budget_beside_a_call_me():
    assert budget("звоните после шести, бюджет 300 тыс", FLAT)[0] == 300_000
    assert budget("call me, we can do $300", SALON)[0] == Decimal(300)


@pytest.mark.parametrize("text,settings,expected", [
    ("50 тысяч или больше", SOFA, (50_000, 50_000, None, "RUB", None)),
    ("$300k or more", BUILDER, (300_000, 300_000, None, "USD", None)),
    ("60k+ for the whole house", BUILDER, (60_000, 60_000, None, "GBP", None)),
])
def test_a_lower_bound_said_after_the_figure(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text,settings,amount", [
    ("1.5 mil for the right place", SALON, 1_500_000), ("a mil, give or take", SALON, 1_000_000),
    ("a mil and a half", SALON, 1_500_000), ("миллиона с половиной хватит", FLAT, 1_500_000),
    ("ну лимон где-то", FLAT, 1_000_000), ("сотню тысяч", SOFA, 100_000),
])
def test_scale_words_in_slang(text, settings, amount):
    assert budget(text, settings)[0] == amount


@pytest.mark.parametrize("first,then,settings,amount", [
    ("бюджет 40 тыс", "нет, 45", SOFA, 45_000),
    ("до 300 тыс", "хотя можно и 350", FLAT, 350_000),
    ("$2,000", "make that 2.5", SALON, 2500),
    ("budget is 400k", "maybe 450 if it's perfect", SALON, 450_000),
    ("бюджет 400-500 тысяч", "Не 400-500, я ошибся — 500-600", FLAT, 600_000),
    ("around 25k", "sorry I mean 28", BUILDER, 28_000),
    ("бюджет 400-500 тысяч", "я ошибся, к маю а не к апрелю", FLAT, None),
    ("бюджет 40 тыс", "нет, 5 человек нас будет", SOFA, None),  # a count after "нет" corrects nothing
    ("бюджет 40 тыс", "нет, после 6 звоните", SOFA, None),
])
def test_a_bare_figure_correcting_the_known_budget(first, then, settings, amount):
    known = extract_lead(first, settings=settings, asked="budget")
    assert extract_lead(then, settings=settings, asked="contact", known=known).budget_amount == amount


@pytest.mark.parametrize("first,then,settings,amount", [
    ("бюджет 1,5 млн", "тыщ на 200 больше можем", FLAT, 1_700_000),
    ("бюджет 1,5 млн", "можем на 200 тысяч больше", FLAT, 1_700_000),
    ("around 25k", "could find another 5k if needed", BUILDER, 30_000),
    ("бюджет 1,5 млн", "1,5 млн больше не можем", FLAT, 1_500_000),  # no more than that: not on top of it
])
def test_an_amount_on_top_of_the_known_budget(first, then, settings, amount):
    known = extract_lead(first, settings=settings, asked="budget")
    assert extract_lead(then, settings=settings, asked="contact", known=known).budget_amount == amount


@pytest.mark.parametrize("text,asked,words", [
    ("хочу недорого, но чтобы качественно", None, "недорого"),
    ("something affordable please", "contact", "affordable"),
    ("money is no object, we want the best", None, "money is no object"),
    ("бюджет без ограничений", None, "без ограничений"),
    ("flexible", "budget", "flexible"),  # vague words are a budget only in reply to the question...
    ("flexible on dates", None, None),  # ... or beside the word "budget"
    ("а есть подешевле?", None, None),  # a question states no budget
])
def test_a_budget_in_words_without_a_figure(text, asked, words):
    lead = extract_lead(text, settings=SALON, asked=asked)
    assert (lead.budget_amount, lead.budget_text) == (None, words)


def test_words_do_not_replace_a_known_figure():
    known = extract_lead("до 300 тыс", settings=SOFA, asked="budget")
    assert extract_lead("но лучше недорого", settings=SOFA, known=known).budget_text is None
    assert extract_lead("до 300 тыс, как можно дешевле", settings=SOFA).budget_amount == 300_000


@pytest.mark.parametrize("text,settings,expected", [
    ("C$ 45k for the whole reno", BUILDER, (45_000, None, None, "CAD", "total")),
    ("NZ$300 a night", BUILDER, (300, None, None, "NZD", None)),
    ("we can stretch to 30 if needed", _company("US", 25_000, "USD"), (30_000, None, 30_000, "USD", None)),
])
def test_dollars_of_other_countries_and_a_stretch_on_the_price_scale(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text,expected", [
    ("interesuet avto s probegom, do 1.2 mln", (1_200_000, None, 1_200_000, "RUB", None)),
    ("byudzhet okolo 300 tys", (300_000, None, None, "RUB", None)),
    ("ot 5 do 7 mln rublei", (7_000_000, 5_000_000, 7_000_000, "RUB", None)),
])
def test_a_budget_in_transliterated_russian(text, expected):
    assert budget(text, FLAT) == expected


def test_do_in_english_is_no_bound():
    assert budget("we can do 300", SALON) == (300, None, None, "USD", None)


@pytest.mark.parametrize("region,text,currency", [
    ("CA", "ideally under $60/month", "CAD"),  # "$" in a Canadian chat is the Canadian dollar
    ("AU", "somewhere around 3 grand", "AUD"),  # no currency named: the company's, wherever it is
    ("AU", "about 400 dollars", "AUD"),
    ("CA", "we'd pay in USD, around $5,000", "USD"),  # unless US dollars are named
    ("NZ", "up to NZ$300", "NZD"),
    ("US", "under $60", "USD"),
])
def test_the_dollar_of_the_companys_country(region, text, currency):
    local = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "US": "USD"}[region]
    assert budget(text, _company(region, 100, local), asked="budget")[3] == currency


@pytest.mark.parametrize("text,settings,expected", [
    ("родительский комитет собрал 700 рублей, больше нет", SOFA, (700, None, 700)),  # nothing more: at most
    ("больше 280 тысяч не сможем", SOFA, (280_000, None, 280_000)),  # "больше ... не" is at most, not at least
    ("our max is 2k for just the DJ", SALON, (2000, None, 2000)),
    ("we can go to 3k if you also do the hallway", SALON, (3000, None, 3000)),
    ("between 250 and 400 depending on the roof", SALON, (400, 250, 400)),  # the words after a range's top are not a count
    ("ну тысяч семьдесят восемьдесят наверное", SOFA, (80_000, 70_000, 80_000)),  # a range in words without a dash
    ("хотелось бы тысяч в 15-18 уложиться", SOFA, (18_000, 15_000, 18_000)),
    ("тысяч от 300 до 350", SOFA, (350_000, 300_000, 350_000)),
    ("тысяч от 300", SOFA, (300_000, 300_000, None)),
    ("думали 250-300", SOFA, (300_000, 250_000, 300_000)),
    ("thinking 2500 or so", SALON, (2500, None, None)),
])
def test_bounds_and_ranges_as_people_say_them(text, settings, expected):
    assert budget(text, settings, asked=None)[:3] == expected


@pytest.mark.parametrize("text,settings", [
    ("+7 921 5", SOFA),  # a phone begun with its country code, the rest to come
    ("а сколько стоит? соседям делали за шесть тысяч но у нас ещё сарай", SOFA),  # the neighbours' price
    ("website says $290, is that for a 4 bed house too? no idea what's normal", _company("AU", 290, "AUD")),
])
def test_numbers_that_are_no_budget_in_reply_to_the_budget_question(text, settings):
    assert budget(text, settings, asked="budget")[0] is None


def test_hours_and_what_they_pay_today_are_not_the_budget():
    assert budget("сейчас платим другой фирме 18 тыс в месяц, хотим уложиться в 12-14 тыс в месяц", SOFA) == (
        14_000, 12_000, 14_000, "RUB", "month")
    known = extract_lead("бюджет 12-14 тыс в месяц", settings=SOFA)
    assert extract_lead("звать Марину, я там с 10 до 19", settings=SOFA, known=known).budget_amount is None


@pytest.mark.parametrize("text,settings,expected", [
    ("где то сто пятьдесят двести тысяч", SOFA, (200_000, 150_000, 200_000)),  # voice typing drops the dash
    ("три четыре тысячи долларов", SOFA, (4000, 3000, 4000)),
    ("тридцать пять тысяч", SOFA, (35_000, None, None)),  # one number, not a range
    ("Wohnung, bis 1000 Euro warm", BUILDER, (1000, None, 1000)),
])
def test_spoken_ranges_and_bounds(text, settings, expected):
    assert budget(text, settings, asked="budget")[:3] == expected


def test_a_correction_marked_as_one_is_read_on_the_known_scale():
    known = extract_lead("бюджет 6 млн", settings=FLAT)
    assert extract_lead("поправка: 6,5", settings=FLAT, known=known).budget_amount == 6_500_000


TUTOR = _company("RU", 1500, "RUB")


@pytest.mark.parametrize("text,settings,expected", [
    ("до 1000 в час", TUTOR, (1000, None, 1000, "RUB", "1000 в час")),  # a budget per hour, lesson or page
    ("тысяча за занятие максимум", TUTOR, (1000, None, 1000, "RUB", "тысяча за занятие")),
    ("$40 an hour tops", SALON, (40, None, 40, "USD", "$40 an hour")),
    ("по 400 за страницу", TUTOR, (400, None, None, "RUB", "400 за страницу")),
])
def test_a_budget_per_hour_lesson_or_page(text, settings, expected):
    lead = extract_lead(text, settings=settings)
    assert (lead.budget_amount, lead.budget_min, lead.budget_max, lead.budget_currency, lead.budget_text) == expected


# A price per head leaves the total to count (no label multiplies): no budget, but a total said beside it is one.
@pytest.mark.parametrize("text,settings,expected", [
    ("по 2000 на человека", TUTOR, None),
    ("бюджет 3000 на человека", SOFA, None),
    ("£700pp", BUILDER, None),
    ("about $45 a head for the buffet", SALON, None),
    ("по 2000 на человека, то есть на всех тысяч 40", TUTOR, 40_000),
    ("£700pp, so £2,800 for the four of us", BUILDER, 2800),
])
def test_a_price_per_head(text, settings, expected):
    assert extract_lead(text, settings=settings, asked="budget").budget_amount == expected


@pytest.mark.parametrize("text", [
    "my friend who's an architect said 150 an hour is normal, is yours like that?",  # the going rate
    "в прошлом году брали катер за 12 тысяч в час у другой компании",  # a past price
    "в 2021 году делали ремонт за 300 тысяч",
    "we had the bathroom done for 8k",
    "size 12 dress, 5'6\"",  # feet and inches
    "I can put down 5k and finance the rest",  # a down payment
])
def test_a_going_rate_or_a_past_price_is_not_the_budget(text):
    assert budget(text, SALON, asked="budget")[0] is None


def test_renting_a_boat_is_not_paid_by_the_month():
    boats = BotSettings.model_validate({"phone_region": "RU", "offerings": [{"name": "Аренда катера"}]})
    assert extract_lead("катер на 3 часа, тысяч 20 за всё", settings=boats).budget_period != "month"


def test_a_capital_m_is_a_million_and_a_range_borrows_it():
    assert budget("$1.2-1.5M", BUILDER)[:3] == (1_500_000, 1_200_000, 1_500_000)
    assert budget("квартира 60 M", FLAT)[0] is None  # apart from its figure, metres


@pytest.mark.parametrize("said,settings,expected", [
    (["кухня тысяч 300", "ладно, 350 потянем"], SOFA, (350_000, 350_000)),  # what they can stretch to: at most that
    (["около 300 тысяч", "ну можем 350 если что"], SOFA, (350_000, 350_000)),
    (["бюджет 40 тыс", "хотя можно и 55, если качественный"], SOFA, (55_000, None)),  # a correction: both bounds
    (["around 8k", "we could do 10"], SALON, (10_000, 10_000)),
    (["300 тысяч", "ой, 350"], SOFA, (350_000, None)),  # a correction, not a stretch: both bounds
    (["бюджет 5 млн", "а нет, муж говорит 6"], FLAT, (6_000_000, None)),
    (["$800 a month", "ok 900 is the max"], SALON, (900, 900)),
    (["around 3k", "could go 3.5 if needed"], SALON, (3500, 3500)),
    (["1.2 млн", "или даже 1.4"], FLAT, (1_400_000, 1_400_000)),  # "even" a higher figure: see the test below
    (["бюджет 40 тыс", "ой, 45 конечно"], SOFA, (45_000, None)),
    (["бюджет 200 тыс", "плюс ещё 50 можем"], SOFA, (250_000, None)),  # on top of the budget known
    (["бюджет 200 тыс", "ok, 3 комнаты"], SOFA, (200_000, None)),  # a count, whatever the words before it
    (["budget 5k", "ok, we have 2 kids"], SALON, (5000, None)),
    (["budget 8k", "ok, 5pm works"], SALON, (8000, None)),  # an hour
    (["бюджет 200 тыс", "детей у нас 3."], SOFA, (200_000, None)),  # what they have, counted

])
def test_a_correction_on_the_scale_of_the_budget_known(said, settings, expected):
    lead = None
    for index, text in enumerate(said):
        learned = extract_lead(text, settings=settings, asked="budget" if index == 0 else None, earlier=said[:index], known=lead)
        lead = learned if lead is None else merge(lead, learned)
    assert lead is not None and (lead.budget_amount, lead.budget_max) == expected
    assert str(lead.budget_amount) == str(expected[0])  # no decimals a scaled figure no longer has


# "Or even" a higher figure in a later message builds a range from the figure said before (dev18's rule: "до 3 млн" then
# "ну или даже 3,5" is 3-3.5 million); "can do" a higher one is only its ceiling, and a lower one corrects it.
@pytest.mark.parametrize("said,settings,expected", [
    (["1.2 млн", "или даже 1.4"], FLAT, (1_200_000, 1_400_000)),
    (["до 300 тысяч", "а то и 400"], SOFA, (300_000, 400_000)),
    (["на вашу работу думали тыс 60 в месяц", "или даже 80, если тексты тоже ваши"], SOFA, (60_000, 80_000)),
    (["our budget is up to $6k", "or even 7 if it's really good"], SALON, (6000, 7000)),
    (["around 8k", "we could do 10"], SALON, (None, 10_000)),
    (["до 300 тысяч", "или даже 250, если без доставки"], SOFA, (None, None)),
])
def test_even_a_higher_figure_in_a_later_message(said, settings, expected):
    lead = None
    for index, text in enumerate(said):
        learned = extract_lead(text, settings=settings, asked="budget" if index == 0 else None, earlier=said[:index], known=lead)
        lead = learned if lead is None else merge(lead, learned)
    assert lead is not None and (lead.budget_min, lead.budget_max) == expected


@pytest.mark.parametrize("text", [
    "дом тысяча девятьсот восемьдесят пятого года", "в тысяча девятьсот девяностом", "тысяча пятьсот километров ехать",
    "машина две тысячи пятнадцатого года", "две тысячи двадцать четвёртый год", "пробег тысяч сто двадцать",
])
def test_years_and_counts_in_words_are_not_money(text):
    assert budget(text, SOFA, asked=None)[0] is None


@pytest.mark.parametrize("said,settings", [
    (["budget 2k", "from Tuesday 14 October please"], SALON),
    (["бюджет 40 тыс", "можно с 12 ноября"], SOFA),
    (["бюджет 40 тыс", "до 3 мая успеете?"], SOFA),
    (["up to £900", "July 21st works, or the 28th"], BUILDER),
])
def test_a_day_of_the_month_is_a_date_not_a_correction(said, settings):
    lead = extract_lead(said[0], settings=settings, asked="budget")
    assert merge(lead, extract_lead(said[1], settings=settings, asked="timeline", earlier=said[:1], known=lead)
                 ).budget_amount == lead.budget_amount


@pytest.mark.parametrize("text,settings,expected", [
    ("we'd say up to S$3,500 all in", _company("SG", 3000, "SGD"), (3500, None, 3500, "SGD", "total")),
    ("Budget max. 8.000 EUR netto", _company("DE", 5000, "EUR"), (8000, None, 8000, "EUR", None)),
    ("up to EUR 2500", _company("DE", 5000, "EUR"), (2500, None, 2500, "EUR", None)),
    ("min. 40.000 EUR", _company("DE", 5000, "EUR"), (40_000, 40_000, None, "EUR", None)),
])
def test_a_bound_before_a_currency_sign_or_code(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("I really don't want to go over 3 grand", BUILDER, (3000, None, 3000, "GBP", None)),
    ("nothing above $400 please", SALON, (400, None, 400, "USD", None)),
    ("we'd rather not exceed £12k", BUILDER, (12_000, None, 12_000, "GBP", None)),
    ("не хотелось бы выходить за 70 тыс", SOFA, (70_000, None, 70_000, "RUB", None)),
    ("over 3 grand is fine by us", BUILDER, (3000, 3000, None, "GBP", None)),  # not denied: at least
])
def test_a_lower_bound_denied_is_an_upper_one(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("I have roughly £450 saved, 550 at a stretch", BUILDER, (550, None, 550, "GBP", None)),
    ("we've got $900 set aside, could go up to 1100", SALON, (1100, None, 1100, "USD", None)),
    ("есть 80 тыс, в крайнем случае 95", SOFA, (95_000, None, 95_000, "RUB", None)),
])
def test_the_most_they_can_pay_beside_what_they_have(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("бюджет долларов 300 на весь ремонт", SOFA, (300, None, None, "USD", None)),  # the currency first, then what it is for
    ("$450 на всё", SOFA, (450, None, None, "USD", "total")),
    ("бюджет 25 000 на обе комнаты", SOFA, (25_000, None, None, "RUB", None)),
    ("gotov dollarov 400-500", SOFA, (500, 400, 500, "USD", None)),  # currency words in Latin letters
    ("mozhem evro 700", SOFA, (700, None, None, "EUR", None)),
])
def test_a_currency_before_its_figure_and_what_the_money_is_for(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text", ["Thanks a million for the quick reply!", "a thousand thanks, talk soon", "I've asked a million times"])
def test_a_million_said_as_a_way_of_speaking_is_no_budget(text):
    assert budget(text, SALON)[0] is None


def test_a_home_rented_already_is_no_monthly_budget():
    said = ["we're in a rented flat, the boiler is leaking", "the landlord will pay up to £300"]
    lead = extract_lead(said[1], settings=BUILDER, asked="budget", earlier=said[:1])
    assert lead.budget_amount == 300
    assert lead.budget_period is None


@pytest.mark.parametrize("said,settings,expected", [
    (["в месяц рублей 100 можем", "ну может до ста пятидесяти"], _company("BY", 120, "BYN"), (150, None, 150)),
    (["бюджет 2 млн", "хотя ладно, до трёх"], FLAT, (3_000_000, None, 3_000_000)),
    (["about 800 dollars", "ok up to nine hundred"], SALON, (900, None, 900)),
    (["around thirty grand", "actually make that thirty five"], BUILDER, (35_000, None, None)),
    (["бюджет 400 тыс", "нет, точнее четыреста пятьдесят"], SOFA, (450_000, None, None)),
    (["бюджет 40 тыс", "звоните до двух"], SOFA, (40_000, None, None)),  # an hour
    (["бюджет 40 тыс", "делать около трёх недель"], SOFA, (40_000, None, None)),  # a duration
])
def test_a_correction_in_words_on_the_scale_of_the_budget_known(said, settings, expected):
    lead = extract_lead(said[0], settings=settings, asked="budget")
    lead = merge(lead, extract_lead(said[1], settings=settings, asked=None, earlier=said[:1], known=lead))
    assert (lead.budget_amount, lead.budget_min, lead.budget_max) == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("готовы до 900 российских", _company("BY", 300, "BYN"), (900, None, 900, "RUB", None)),  # the adjective alone
    ("тысячи полторы белорусских", SOFA, (1500, None, None, "BYN", None)),
])
def test_a_currency_named_by_its_adjective(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("what would that run to? I guess 1500-2500 is fine", SALON, (2500, 1500, 2500, "USD", None)),
    ("думаю 30-40 тысяч нормально", SOFA, (40_000, 30_000, 40_000, "RUB", None)),
    ("I reckon 1800 would be ok", BUILDER, (1800, None, None, "GBP", None)),
])
def test_a_figure_said_as_what_would_do(text, settings, expected):
    assert budget(text, settings, asked=None) == expected


@pytest.mark.parametrize("text", ["I think 2 people is fine", "I think 2015 is fine for the model", "думаю 3 дня нормально"])
def test_counts_and_years_said_as_what_would_do_are_no_budget(text):
    assert budget(text, SALON, asked=None)[0] is None


@pytest.mark.parametrize("text,settings,expected", [
    ("от трёхсот тысяч до четырёхсот", SOFA, (400_000, 300_000, 400_000, "RUB", None)),  # the upper bound in words, bare
    ("от 3 млн до трёх с половиной", FLAT, (3_500_000, 3_000_000, 3_500_000, "RUB", None)),
    ("thirty to forty k", SALON, (40_000, 30_000, 40_000, "USD", None)),
    ("etwa 3.000 bis 4.500 Euro", _company("DE", 3000, "EUR"), (4500, 3000, 4500, "EUR", None)),
    ("тисяч 15 гривень", AGENCY, (15_000, None, None, "UAH", None)),  # Ukrainian, the multiplier first
    ("до полумиллиона", FLAT, (500_000, None, 500_000, "RUB", None)),
    ("around 4 lakh", _company("IN", 300_000, "INR"), (400_000, None, None, "INR", None)),
    ("1500 Franken", _company("CH", 1000, "CHF"), (1500, None, None, "CHF", None)),
])
def test_ranges_and_scales_said_in_many_ways(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings", [
    ("паспорт 4608 551234", SOFA), ("order number 55120, where is it?", SALON), ("SSN ends in 7731", SALON),
    ("окна 1300 на 1500", SOFA),  # a size's second figure
    ("turnover is 3 million a year", BUILDER), ("выручка 800 тысяч в месяц", SOFA), ("долг 200 тысяч", SOFA),
])
def test_ids_sizes_and_money_that_is_no_budget_even_when_asked(text, settings):
    assert budget(text, settings, asked="budget")[0] is None


@pytest.mark.parametrize("text,expected", [
    ("12000 SEK", (12_000, "SEK")), ("4500 MXN", (4500, "MXN")),  # any ISO 4217 code, in capitals
    ("2500 манат", (2500, "AZN")), ("R$ 3000", (3000, "BRL")), ("₪4000", (4000, "ILS")), ("70000 baht", (70_000, "THB")),
    ("900 бел. руб", (900, "BYN")), ("8000 rand", (8000, "ZAR")),
    ("3000 XYZ", (None, None)),  # capitals that are no ISO 4217 code: no currency, and a word after a bare figure
])
def test_currencies_named_by_code_word_or_sign(text, expected):
    found = budget(text, SALON, asked="budget")
    assert (found[0], found[3]) == expected


def test_a_monthly_budget_in_german():
    assert budget("bis 1.400 EUR im Monat", _company("DE", 1000, "EUR"), asked="budget")[1:] == (None, 1400, "EUR", "month")


@pytest.mark.parametrize("text,settings,expected", [
    ("где-то 700 в долларах", SOFA, (700, None, None, "USD", None)),  # the currency after "в", "in"
    ("25k in euros", BUILDER, (25_000, None, None, "EUR", None)),
    ("3 тысячи евро или 300 тысяч рублей", SOFA, (300_000, None, None, "RUB", None)),  # one budget in two currencies, no range
])
def test_a_currency_said_after_in(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings,amount", [
    ("миллион сто пятьдесят тысяч рублей", FLAT, 1_150_000), ("два миллиона триста двадцать тысяч", FLAT, 2_320_000),
    ("around forty five hundred dollars", SALON, 4500), ("nineteen hundred a month", BUILDER, 1900),
    ("a hundred and twenty thousand", BUILDER, 120_000), ("two hundred sixty thousand pounds", BUILDER, 260_000),
    ("two point five million", BUILDER, 2_500_000), ("one point two five million", BUILDER, 1_250_000),
])
def test_numbers_in_words_as_voice_typing_writes_them(text, settings, amount):
    assert budget(text, settings, asked="budget")[0] == amount


@pytest.mark.parametrize("said,settings,currency", [
    (["котёл бакси не греет", "тысяч 5-7 готовы"], SOFA, "RUB"),  # a Baxi boiler, no bucks
    (["летим через Франкфурт", "бюджет тысяч 200"], SOFA, "RUB"),  # Frankfurt, no francs
    (["нужны 5 рубашек и фунтовый мешок", "бюджет тысяч 10"], ALMATY, "KZT"),  # shirts and a bag, no roubles or pounds
    (["it's about 10 baksov"], SOFA, "USD"),
    (["ну тысяч 5 баксиков"], SOFA, "USD"),  # the case forms still name the currency
    (["30k sterling"], SALON, "GBP"), (["30k Aussie dollars"], SALON, "AUD"), (["₹5 lakh"], SALON, "INR"),
])
def test_a_currency_is_named_by_its_word_not_by_a_word_that_begins_like_it(said, settings, currency):
    lead = extract_lead(said[-1], settings=settings, asked="budget", earlier=said[:-1])
    assert lead.budget_currency == currency


@pytest.mark.parametrize("said,settings", [
    (["бюджет 300 тыс", "сделать надо в течение 2-3 недель"], SOFA),  # a range of weeks, not 2 thousand
    (["бюджет 300 тыс", "нас будет 3 или 4 человека"], SOFA),
    (["about 800 for the job", "within the next 2-3 weeks please"], SALON),
    (["about 800 for the job", "ideally between 2 and 3 days"], SALON),
    (["about 800 for the job", "we're in between 9 and 5"], SALON),  # working hours, said downwards
    (["бюджет 300 тыс", "дома с 9 до 6"], SOFA),
])
def test_a_range_of_something_else_is_no_correction_of_the_budget(said, settings):
    known = extract_lead(said[0], settings=settings, asked="budget")
    assert extract_lead(said[1], settings=settings, asked="timeline", earlier=said[:1], known=known).budget_amount is None


@pytest.mark.parametrize("text,settings", [("15.06", FLAT), ("ну 01.09", FLAT), ("до 31.12", FLAT), ("12.03 или 13.03", SOFA)])
def test_a_day_and_a_month_in_reply_to_the_budget_question_are_a_date(text, settings):
    assert budget(text, settings, asked="budget")[0] is None


@pytest.mark.parametrize("text,settings,amount", [("7.5", FLAT, 7_500_000), ("12.5", FLAT, 12_500_000), ("2.25", FLAT, 2_250_000)])
def test_a_decimal_no_date_is_still_read_on_the_price_scale(text, settings, amount):
    assert budget(text, settings, asked="budget")[0] == amount


@pytest.mark.parametrize("text,settings,expected", [
    ("ну миллион-полтора", FLAT, (1_500_000, 1_000_000, 1_500_000, "RUB", None)),  # from one of the multiplier
    ("лям - два где-то", FLAT, (2_000_000, 1_000_000, 2_000_000, "RUB", None)),
    ("от миллиона до полутора", FLAT, (1_500_000, 1_000_000, 1_500_000, "RUB", None)),
    ("от ляма до двух лямов", FLAT, (2_000_000, 1_000_000, 2_000_000, "RUB", None)),
    ("тысяча-полторы евро", SOFA, (1500, 1000, 1500, "EUR", None)),
    ("машину миллиона до полутора", FLAT, (1_500_000, None, 1_500_000, "RUB", None)),  # no "от": at most
    ("like two to three hundred bucks", SALON, (300, 200, 300, "USD", None)),  # the lower bound borrows the hundreds
    ("keep it between one fifty and two hundred", SALON, (200, 150, 200, "USD", None)),  # "one fifty": 150
    ("one twenty five thousand tops", BUILDER, (125_000, None, 125_000, "GBP", None)),
    ("hoping for somewhere in the 900 to 1200 range", SALON, (1200, 900, 1200, "USD", None)),
    ("the 3-4k ballpark", BUILDER, (4000, 3000, 4000, "GBP", None)),
    ("zwischen 400 und 600 Euro", _company("DE", 500, "EUR"), (600, 400, 600, "EUR", None)),
])
def test_ranges_from_one_of_a_multiplier_in_hundreds_or_named_as_a_range(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("не меньше 800 и не больше 1000 тыс", FLAT, (1_000_000, 800_000, 1_000_000, "RUB", None)),
    ("минимум 200, максимум 300 тысяч", SOFA, (300_000, 200_000, 300_000, "RUB", None)),
    ("от 200 тысяч, но не больше 300", SOFA, (300_000, 200_000, 300_000, "RUB", None)),
    ("no less than 800 and no more than 1000", SALON, (1000, 800, 1000, "USD", None)),
    ("at least £2k but not more than £3k", BUILDER, (3000, 2000, 3000, "GBP", None)),
    ("не больше 300 тысяч", SOFA, (300_000, None, 300_000, "RUB", None)),  # one bound stays one
])
def test_a_lower_and_an_upper_bound_said_apart_are_one_range(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("said", [
    ["We rent a flat in Leeds and the boiler keeps cutting out", "the landlord said no more than 300 pounds"],
    ["i currently rent a house, the oven is broken", "about 200 quid"],
    ["сейчас снимаем квартиру, посудомойка течёт", "до 15 тысяч"],
])
def test_the_home_a_tenant_rents_now_is_no_monthly_budget_for_a_repair(said):
    lead = extract_lead(said[1], settings=BUILDER if said[1].isascii() else SOFA, asked="budget", earlier=said[:1])
    assert lead.budget_amount is not None and lead.budget_period is None


@pytest.mark.parametrize("said,settings,expected", [
    # the price seen is in the clause before; the customer's own bound is in the last
    (["тыщ 60 на всё", "посмотрел у вас цены на сайте, ладно, до 80 можно"], SOFA, (80_000, None, 80_000)),
    (["тыщ 60 на всё", "цены на сайте кусаются, можем до 80"], SOFA, (80_000, None, 80_000)),
    (["about 40k", "saw the prices on your website, fine, up to 55"], BUILDER, (55_000, None, 55_000)),
    # a figure denied and the one said instead
    (["бюджет 200 тыс", "не 200, а 250"], SOFA, (250_000, None, None)),
    (["around 2000", "not 2000, 2500"], SALON, (2500, None, None)),
    (["бюджет 200 тыс", "ещё 50 сверху можем"], SOFA, (250_000, None, None)),  # on top of it
    (["бюджет 2 млн", "ну можно и полтора"], FLAT, (1_500_000, None, None)),
])
def test_corrections_after_a_price_seen_a_figure_denied_or_on_top(said, settings, expected):
    known = extract_lead(said[0], settings=settings, asked="budget")
    lead = extract_lead(said[1], settings=settings, earlier=said[:1], known=known)
    assert (lead.budget_amount, lead.budget_min, lead.budget_max) == expected


@pytest.mark.parametrize("text,settings", [
    ("they quoted us, for the whole job, 12k", BUILDER),  # a quote with no bound of the customer's own
    ("на сайте 2 млн, дороговато", FLAT),
])
def test_a_price_seen_without_a_bound_of_ones_own_is_still_no_budget(text, settings):
    assert budget(text, settings)[0] is None


@pytest.mark.parametrize("text,settings,expected", [
    ("i zabor eshe nuzhen, togda do dvuh millionov vsego", ALMATY, (2_000_000, None, 2_000_000, "KZT", None)),
    ("okolo trehsot tysyach", SOFA, (300_000, None, None, "RUB", None)),
    ("nu poltora-dva lyama", FLAT, (2_000_000, 1_500_000, 2_000_000, "RUB", None)),
    ("gde-to sto dvadcat tysyach rublei", SOFA, (120_000, None, None, "RUB", None)),
    ("togda do 2 mln", FLAT, (2_000_000, None, 2_000_000, "RUB", None)),
])
def test_numbers_and_bounds_in_transliterated_russian(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("пол-миллиона максимум", FLAT, (500_000, None, 500_000, "RUB", None)),  # not a million
    ("like 3-400 bucks", SALON, (400, 300, 400, "USD", None)),  # the lower bound's digit on the upper one's scale
    ("$2-3000 for the lot", SALON, (3000, 2000, 3000, "USD", "total")),
    ("a couple grand", BUILDER, (2000, None, None, "GBP", None)),
    ("couple hundred quid", BUILDER, (200, None, None, "GBP", None)),
])
def test_half_a_million_with_a_hyphen_a_range_in_shorthand_and_a_couple(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("said,settings", [
    (["I'm thinking 300-400", "we have 2 dogs and a cat"], SALON),  # not 2 thousand on the budget's scale
    (["тысяч 50", "у нас есть 3 собаки и кот"], SOFA),
])
def test_what_they_have_counted_is_no_correction_of_the_budget(said, settings):
    known = extract_lead(said[0], settings=settings, asked="budget")
    assert extract_lead(said[1], settings=settings, earlier=said[:1], known=known).budget_amount is None


def test_what_they_have_put_aside_is_still_the_budget():
    known = extract_lead("around 20k", settings=BUILDER, asked="budget")
    assert extract_lead("we have 25 set aside", settings=BUILDER, known=known).budget_amount == 25_000


@pytest.mark.parametrize("text,settings", [
    ("whatever it costs, the last guy was 450", SALON),  # what someone before them charged
    ("our old plumber charged 300, hoping for similar", SALON),
    ("прошлый мастер брал 40 тыс, хотим так же", SOFA),
])
def test_what_the_last_firm_charged_is_no_budget(text, settings):
    assert budget(text, settings, asked="budget")[0] is None


def test_a_budget_beside_what_the_last_firm_charged():
    assert budget("предыдущая фирма сделала за 40, сейчас готовы до 50 тысяч", SOFA, asked="budget")[:3] == (50_000, None, 50_000)


@pytest.mark.parametrize("text,settings,expected", [
    ("ну от пяти до шести", FLAT, (6_000_000, 5_000_000, 6_000_000, "RUB", None)),  # both bounds in words
    ("ну шестьдесят", SOFA, (60_000, None, None, "RUB", None)),
])
def test_bare_numbers_in_words_on_the_price_scale(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("said,settings", [
    (["бюджет 5 млн", "от двух до трёх недель"], FLAT),  # a range of weeks in words
    (["бюджет 5 млн", "ну пять человек нас"], FLAT),
])
def test_numbers_in_words_that_count_something_are_no_correction(said, settings):
    known = extract_lead(said[0], settings=settings, asked="budget")
    assert extract_lead(said[1], settings=settings, earlier=said[:1], known=known).budget_amount is None


@pytest.mark.parametrize("said,settings,currency", [
    (["в рублях не считаю", "тысяч 500"], ALMATY, "KZT"),  # a currency denied after it
    (["we don't think in euros, we're in Leeds", "about 3 grand"], _company("GB", 4000, "GBP"), "GBP"),
    (["до 2000$", "или в тенге по курсу"], ALMATY, "USD"),  # how they would pay, not what the budget is in
    (["до 2000 долларов, можно в сумах по курсу"], _company("UZ", 20_000_000, "UZS"), "USD"),
])
def test_a_currency_denied_or_only_paid_in_at_the_rate_is_not_the_budgets(said, settings, currency):
    lead = extract_lead(said[0], settings=settings, asked="budget")
    for index, text in enumerate(said[1:], start=1):
        lead = merge(lead, extract_lead(text, settings=settings, earlier=said[:index], known=lead))
    assert lead.budget_currency == currency


TRADES = _company("GB", 500, "GBP")


@pytest.mark.parametrize("text,settings,expected", [
    ("400 up to 600", TRADES, (600, 400, 600, "GBP", None)),
    ("no higher than 600", TRADES, (600, None, 600, "GBP", None)),
    ("600 is my limit", TRADES, (600, None, 600, "GBP", None)),
    ("600 is all I have", TRADES, (600, None, 600, "GBP", None)),
    ("400 minimum", TRADES, (400, 400, None, "GBP", None)),  # not 400 minutes
    ("upwards of 400", TRADES, (400, 400, None, "GBP", None)),
    ("от силы 60 тысяч", SOFA, (60_000, None, 60_000, "RUB", None)),
    ("в рамках 60 тысяч", SOFA, (60_000, None, 60_000, "RUB", None)),
    ("60 тысяч это предел", SOFA, (60_000, None, 60_000, "RUB", None)),
    ("дороже 60 не надо", SOFA, (60_000, None, 60_000, "RUB", None)),
    ("40 тысяч и выше", SOFA, (40_000, 40_000, None, "RUB", None)),
    ("не меньше 40", SOFA, (40_000, 40_000, None, "RUB", None)),
])
def test_bounds_as_people_put_them(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings", [
    ("новая стоит 60 тысяч, дешевле починить", SOFA),  # the price of a thing, not what they will spend
    ("the new one costs $900 so fixing makes sense", SALON),
    ("the diagnostic fee is $79 right", SALON),
    ("выезд мастера 500 рублей?", SOFA),
    ("I found the part online for $45", SALON),
    ("I have a $50 coupon", SALON),  # what comes off a price
    ("saw a $25 off promo", SALON),
    ("у меня скидка 1000 рублей", SOFA),
    ("кэшбэк 500 рублей обещали", SOFA),
    ("home warranty covers up to $500", SALON),
])
def test_a_things_price_a_fee_or_what_comes_off_it_is_no_budget(text, settings):
    assert budget(text, settings)[0] is None


@pytest.mark.parametrize("text,settings,expected", [
    ("новая стоит 60 тысяч, а у нас 40", SOFA, (40_000, None, None, "RUB", None)),  # the price is the scale of the figure beside it
    ("стоимость до 60 тысяч", SOFA, (60_000, None, 60_000, "RUB", None)),  # a price they bound is their budget
    ("хотя если с гарантией, то и до 7 тысяч можем", SOFA, (7000, None, 7000, "RUB", None)),
])
def test_a_budget_beside_a_price_or_a_warranty(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


MINSK = _company("BY", 250, "BYN")


@pytest.mark.parametrize("text,settings,expected", [
    ("рублей 300-350 белорусских", MINSK, (350, 300, 350, "BYN", None)),
    ("рублей 400 - 500 белорусских, не больше", MINSK, (500, 400, 500, "BYN", None)),
    ("от 300 белорусских рублей до 400 рублей", MINSK, (400, 300, 400, "BYN", None)),
])
def test_roubles_before_a_range_and_whose_after_it_are_one_currency(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("we had a quote for £900 from another firm, hoping for less, say £700", BUILDER, (700, None, None, "GBP", None)),
    ("в другой фирме насчитали 90 тысяч, ну 70 где-то", SOFA, (70_000, None, None, "RUB", None)),
])
def test_a_figure_hedged_in_its_own_clause_after_a_quote_is_the_budget(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings", [
    ("у знакомых вышло тысяч 500", FLAT),
    ("у соседей вышло тысяч 300, у нас столько нет", SOFA),
    ("соседи отдали тысяч 400 за такую же", SOFA),
    ("зарплата тысяч 80, хватит ли", SOFA),
])
def test_someone_elses_price_in_the_colloquial_order_is_no_budget(text, settings):
    assert budget(text, settings, asked="budget") == (None, None, None, None, None)


def test_in_the_colloquial_order_a_budget_beside_someone_elses_price():
    assert budget("у знакомых вышло тысяч 500, а у нас тысяч 300", FLAT, asked=None)[0] == 300_000


KITCHEN = _company("RU", 300_000, "RUB")


@pytest.mark.parametrize("text,settings,expected", [
    ("до 300, а лучше 250", KITCHEN, (300_000, None, 300_000, "RUB", None)),
    ("up to 10, ideally 8", BUILDER, (10_000, None, 10_000, "GBP", None)),
])
def test_a_bound_then_a_preference_is_the_bound_on_the_price_scale_not_a_range(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings,asked", [
    ("they wanted 12 grand, way over", BUILDER, None),
    ("£9k is too much for us", BUILDER, "budget"),
    ("пятьсот тысяч многовато", FLAT, "budget"),
    ("500 тысяч дороговато", FLAT, "budget"),
    ("he asked for 400 тысяч", FLAT, None),
    ("they want £15k which is way over budget", BUILDER, "budget"),
])
def test_a_price_the_customer_turns_down_is_no_budget(text, settings, asked):
    assert budget(text, settings, asked=asked) == (None, None, None, None, None)


@pytest.mark.parametrize("text,settings,expected", [
    ("больше 500 тысяч дорого", FLAT, (500_000, None, 500_000, "RUB", None)),
    ("£9k is too much for us, 7 max", BUILDER, (7_000, None, 7_000, "GBP", None)),
    ("500 тысяч это дорого, нам бы до 400", FLAT, (400_000, None, 400_000, "RUB", None)),
])
def test_beside_a_price_turned_down_the_bound_they_give(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("сколько стоит мы думали тысяч десять двенадцать", SOFA, (12_000, 10_000, 12_000, "RUB", None)),
    ("сколько стоит не знаю ну тысяч пятьдесят выделю", SOFA, (50_000, None, None, "RUB", None)),
    ("she said keep it under $800", SALON, (800, None, 800, "USD", None)),
])
def test_an_answer_to_how_much_it_costs_and_a_limit_someone_set_are_the_budget(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings,period", [
    ("около 40 тысяч, это в месяц", SOFA, "month"),
    ("about 600, that is monthly", SALON, "month"),
    ("£600 - that's per month", BUILDER, "month"),
    ("5k, that is a month of my salary", BUILDER, None),
])
def test_a_months_figure_noted_in_a_clause_of_its_own(text, settings, period):
    assert budget(text, settings, asked="budget")[4] == period


@pytest.mark.parametrize("text,settings", [
    ("we pay 1,200 a month rent now", SALON),
    ("we currently pay 1200", SALON),
    ("платим 40 тысяч в месяц сейчас", SOFA),
])
def test_what_they_pay_today_is_no_budget(text, settings):
    assert budget(text, settings, asked="budget")[0] is None


def test_what_they_can_pay_from_now_on_is_the_budget():
    assert budget("we can pay 1200 a month now", SALON, asked="budget")[:1] == (1200,)


@pytest.mark.parametrize("said,settings,period", [
    (["need a stairlift on hire while my mum stays", "about £900 for the whole three months"], BUILDER, "total"),
    (["хотим снять дом у моря на лето", "тысяч 200 за весь срок"], SOFA, "total"),  # the whole stay, not each month
    (["looking to rent a flat in Leeds", "£1,100 max for everything"], BUILDER, "total"),
    (["looking to rent a flat in Leeds", "£1,100 for the whole month"], BUILDER, "month"),  # still a month's rent
    (["снять однушку", "до 35 тысяч"], SOFA, "month"),
])
def test_a_total_said_after_the_figure_outranks_a_rent(said, settings, period):
    lead = _replies_to_budget(said, settings)
    assert lead.budget_amount is not None and lead.budget_period == period


@pytest.mark.parametrize("text,settings", [
    ("going through my insurance, my excess is $100", SALON),
    ("по КАСКО франшиза 15 тысяч", SOFA),
    ("the insurer says the excess will be £250 on this claim", BUILDER),
])
def test_an_insurance_excess_is_no_budget(text, settings):
    assert budget(text, settings)[0] is None


def test_in_excess_of_is_a_lower_bound():
    assert budget("we can spend in excess of £5,000 if the work is right", BUILDER)[:4] == (5000, 5000, None, "GBP")


CAPE_TOWN = BotSettings.model_validate({"phone_region": "ZA", "currency": "ZAR"})


@pytest.mark.parametrize("text,settings,expected", [
    ("R500 max for the whole job", CAPE_TOWN, (500, None, 500, "ZAR", "total")),  # the local sign in letters
    ("somewhere between R8 000 and R10 000", CAPE_TOWN, (10_000, 8_000, 10_000, "ZAR", None)),
    ("бюджет 500 тысяч форинтов", SOFA, (500_000, None, None, "HUF", None)),  # any currency CLDR names, in any count
    ("около 2 млн южноафриканских рэндов", SOFA, (2_000_000, None, None, "ZAR", None)),
    ("around 3,000 Swiss francs", BUILDER, (3_000, None, None, "CHF", None)),
    ("up to 4000 Kazakhstani tenge", BUILDER, (4_000, None, 4_000, "KZT", None)),
])
def test_currencies_by_cldr_names_and_local_signs(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("резина R16 летняя, бюджет до 20 тысяч", SOFA, (20_000, None, 20_000, "RUB", None)),  # a rim's size, not rand
    ("205/55 R16 tyres, all four fitted under £400", BUILDER, (400, None, 400, "GBP", None)),
    ("до 5000, так что не дороже", SOFA, (5_000, None, 5_000, "RUB", None)),  # "так" is no currency's name here
    ("need 3 real estate photos edited", SALON, (None, None, None, None, None)),
])
def test_a_letter_or_a_word_after_a_figure_that_names_no_currency(text, settings, expected):
    assert budget(text, settings) == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("рассчитываем долларов на 50 за машину", SOFA, (50, None, None, "USD", None)),  # the currency first, then "на"
    ("евро около 300 на двоих", SOFA, (300, None, None, "EUR", None)),
    ("тысяч 150 было бы идеально, но 180 это край", SOFA, (180_000, None, 180_000, "RUB", None)),  # "это край": at most
    ("тысяч 30 думали, максимум 35 на всё", SOFA, (35_000, None, 35_000, "RUB", "total")),  # a bound on the scale just said
])
def test_a_currency_word_before_a_preposition_and_a_bound_said_after(text, settings, expected):
    assert budget(text, settings, asked="budget") == expected


@pytest.mark.parametrize("text,settings", [
    ("цены в евро на 3 человека скиньте", SOFA),  # a count after the currency's "на", not 3 euros
    ("not sure on budget, last time we paid $180 a night with another company", SALON),  # a price paid before
    ("по деньгам не знаю, в прошлый раз отдали 30 тысяч", SOFA),
])
def test_no_budget_from_a_count_or_a_price_paid_before(text, settings):
    assert budget(text, settings, asked="budget")[0] is None


@pytest.mark.parametrize("said,settings,period", [
    (["подъёмник на лестницу в частный дом", "тысяч 350-400, если дороже то может аренду тогда"], SOFA, None),
    (["хотим поставить модульный домик на участке, сами пока снимаем", "около 2000 евро на фундамент"], SOFA, None),
    (["нужна однушка в аренду", "до 30 тысяч"], SOFA, "month"),  # the home beside the word of renting, before it too
])
def test_a_rent_is_of_the_home_named_beside_it(said, settings, period):
    lead = _replies_to_budget(said, settings)
    assert lead.budget_amount is not None and lead.budget_period == period
