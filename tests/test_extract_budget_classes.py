"""Classes of figures a customer writes that are, or are not, what they will spend, each beside the budget that
must survive it: a measure in metres, the worth or the selling price of their own property, what they usually pay,
a promo code, an invoice known by its id, a price turned down, prices listed after one seen, a fee paid to someone
else, an old provider's or a relative's price, bills and taxes, a marketplace's price, a figure of the past, a count
of people beside a price, an order already placed, another shop's price to match, the company's own figure said back or
asked about, a bond, fines, claims, refunds, debts, money lost, sales and wages; the customer's own spending said with a
verb ("уложиться в", a ceiling), a figure corrected in the same message, "тыща" and "тысячи" alone, a month in Latin
letters, a currency named with another figure earlier, and a figure the customer asks will be enough."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesbot.extract import extract_lead
from salesbot.models import BotSettings, LeadData
from tests.support.businesses import legacy_settings

# Companies of one offering each, by (region, price, currency): the scale and the currency a bare figure is read on.
WARDROBE, HOUSE, EXTENSION, BARBER = (
    legacy_settings({"phone_region": region, "offerings": [{"name": "Работа", "price": price, "currency": currency}]})
    for region, price, currency in (("RU", 90_000, "RUB"), ("RU", 7_000_000, "RUB"), ("GB", 20_000, "GBP"), ("US", 40, "USD")))


def budget(text: str, settings: BotSettings, asked: str | None = None) -> tuple[object, ...]:
    lead = extract_lead(text, settings=settings, asked=asked)
    return lead.budget_amount, lead.budget_min, lead.budget_max, lead.budget_currency


NO_BUDGET = [
    # metres written with an "m", which no scale makes money
    ("Garage door opening is about 2.5m wide, a builder next door did theirs for 9k", EXTENSION, None),
    ("we need a 3.2m beam over the new opening", EXTENSION, None),
    ("Проём примерно 2.4m, соседям делали за 300 тыс", EXTENSION, None),
    # what the customer's own property is worth or sells for
    ("Риелтор оценил нашу трёшку в 9 млн, хотим её продать", HOUSE, None),
    ("Хотим продать дом, по оценке 12 млн", HOUSE, None),
    ("Продаём дачу за 3,5 млн, нужен покупатель", HOUSE, None),
    ("The agent valued our flat at £240k, we want to sell it this spring", EXTENSION, None),
    ("We're selling the bungalow for 410k and need the roof patched first", EXTENSION, None),
    ("asking price is £395,000 but it needs a new kitchen", EXTENSION, None),
    # what the customer usually pays, or paid an old provider
    ("I usually pay about $35 for a fade at my old barber", BARBER, None),
    ("we normally pay 60 for the two boys", BARBER, None),
    ("Обычно плачу около 1500 за стрижку, у вас так же?", BARBER, None),
    ("my old gym was £40 a session, what's yours?", BARBER, "budget"),
    ("at my previous barber it was $35", BARBER, "budget"),
    ("в старом салоне было 2500 за стрижку", BARBER, "budget"),
    ("у прошлого тренера выходило 3000 за тренировку", BARBER, "budget"),
    # a promo code
    ("есть промокод на 2000 рублей, куда его ввести?", WARDROBE, None),
    ("промокод на 1500", WARDROBE, "budget"),
    # an invoice or a quote known by its id
    ("the invoice INV-0883 came to £4,120, can I pay in two parts?", EXTENSION, None),
    ("they quoted me Q-2217 for £11,600", EXTENSION, None),
    ("the bill #7781 says £640 for parts", EXTENSION, None),
    # a wish that is no money
    ("хотелось бы к 20 числу", WARDROBE, "budget"),
    ("в идеале 3 секции", WARDROBE, None),
    ("hoping for 2 doors and a mirror", WARDROBE, None),
    # "тыща" and "тысячи" that are a year, a way of speaking, or many
    ("тыща девятьсот восемьдесят пятого года дом", WARDROBE, None),
    ("тыща раз уже спрашивал", WARDROBE, None),
    ("таких заказов у нас тысячи", WARDROBE, None),
    ("там тысячи отзывов", WARDROBE, None),
    # carats of gold
    ("ring size 7, 14k gold", BARBER, None),
    ("серьги 18k white gold, как на фото", WARDROBE, None),
    # a price turned down
    ("шкаф за 85 тысяч для нас дороговато", WARDROBE, None),
    ("£30k is a bit steep for us", EXTENSION, None),
    ("£30k is more than we can spend", EXTENSION, None),
    # prices listed after one seen
    ("your price list says 45 and 30 for a beard trim, fine by me", BARBER, None),
    ("на сайте у вас 1500 и 900 за бороду, это так?", BARBER, None),
    # a fee paid to someone else
    ("консульский сбор 80 евро оплачу сама", WARDROBE, None),
    ("госпошлина 4000 рублей, её платить отдельно?", WARDROBE, None),
    ("tuition is £16,200 a year and we need the visa done", WARDROBE, None),
    ("the brochure lists €35 per head", WARDROBE, None),
    ("обучение у них £19 800 в год", WARDROBE, None),
    # the company's price asked about, even in reply to the budget question
    ("у вас 90 тысяч? в другом салоне 70", WARDROBE, "budget"),
    ("у вас вроде 85?", WARDROBE, "budget"),
    ("you charge 45 for a beard trim, right?", WARDROBE, "budget"),
    # a count of people, not read in thousands on the scale of a price beside it
    ("another venue quoted £9,000, we're 40 staff", EXTENSION, None),
    ("last year we paid £9,000 for the day, we'll be 35 attendees", EXTENSION, None),
    ("в прошлом году корпоратив стоил 300 тысяч, нас 45 работников", EXTENSION, None),
    # a relative's or a friend's price
    ("сестре шили такой за 40 тысяч, сколько у вас?", WARDROBE, "budget"),
    ("подруге делали за 35 где-то", WARDROBE, "budget"),
    ("my sister's one was done for £1,800", WARDROBE, "budget"),
    ("a colleague got his for about 2 grand", WARDROBE, "budget"),
    # bills and taxes
    ("коммуналка у нас 9 тысяч в месяц, хотим шкаф", WARDROBE, None),
    ("налоги на дом 14 тысяч в год", WARDROBE, None),
    ("council tax is about £1,900 a year", WARDROBE, None),
    ("utility bills run £220 a month", WARDROBE, None),
    # a price on a marketplace
    ("видела похожий на wildberries за 38 тысяч", WARDROBE, None),
    ("на озоне такой 41 990", WARDROBE, None),
    ("the same wardrobe on amazon is £640", WARDROBE, None),
    ("a room on booking.com shows £1,250 for the week", WARDROBE, None),
    # a figure put in the past after it
    ("the away day was £8,500 last year, is it the same now?", WARDROBE, None),
    ("потратили 55 тысяч на прошлый шкаф", WARDROBE, None),
    ("корпоратив обошёлся в 300 тысяч в прошлом году", WARDROBE, None),
    ("заказ на 48 000 рублей уже оплачен, когда доставка?", WARDROBE, None),
    # the sum of an order already placed
    ("наш текущий заказ на 64 тысячи, можно поменять фасады?", WARDROBE, None),
    ("у меня уже оформлен заказ на сумму 71 500, когда замер?", WARDROBE, None),
    ("my order came to $380, can I still add a shelf?", BARBER, None),
    ("we already placed an order for $2,150 last week, what's the status", BARBER, None),
    # another shop's price the company is asked to match
    ("в Хофф такой за 58 тысяч, сделаете так же?", WARDROBE, "budget"),
    ("у конкурентов 66 тысяч, можете так же?", WARDROBE, None),
    ("Wayfair has it for $740, can you match that?", BARBER, None),
    ("Ikea sells the same one at £310, will you price match?", EXTENSION, None),
    # the company's own figure said back
    ("вы нам посчитали 88 тысяч, это с доставкой?", WARDROBE, None),
    ("замерщик ваш назвал 93 000, это окончательно", WARDROBE, None),
    ("you quoted us £14,800 on Monday, is VAT included", EXTENSION, None),
    ("your estimator said 21k for the rear wall", EXTENSION, None),
    # a deposit, a rental bond
    ("the bond is £1,350, is it protected?", EXTENSION, None),
    ("bond £1,350", EXTENSION, "budget"),
    # fines, sums claimed in court, refunds
    ("нам выписали штраф 40 тысяч за перепланировку", WARDROBE, None),
    ("оштрафовали на 25 000, хотим оспорить", WARDROBE, None),
    ("we got a $275 fine from the HOA over the fence", BARBER, None),
    ("the council fined me £900 for the skip", EXTENSION, None),
    ("сумма иска 640 тысяч, нужен представитель", HOUSE, None),
    ("хочу взыскать 350 тысяч с подрядчика", WARDROBE, None),
    ("still waiting on a refund of $160 from them", BARBER, None),
    # what a hire earns
    ("the job pays 52k, we need someone by March", EXTENSION, None),
    ("wages are £13 an hour plus tips", EXTENSION, None),
    ("we pay our nanny $22 an hour", BARBER, None),
    ("she's on £42k, so we want to be sure", EXTENSION, None),
    # money owed, lost or taken in sales, which pays for nothing the company sells
    ("заказчик должен нам 1,8 млн, нужна помощь", HOUSE, None),
    ("there's $14,000 outstanding on their account", BARBER, None),
    ("we already lost about 9k on this", EXTENSION, None),
    ("the machine does about $900 a month in sales", BARBER, None),
    # the company's own price, even a month's or a unit's, asked about or worked out
    ("у вас 6500 в месяц за обслуживание, это с выездом?", WARDROBE, None),
    ("is the second hour still $30?", BARBER, None),
    ("вы правда платите 20 тысяч за старую машину?", WARDROBE, None),
    ("у вас 2200 за штуку, то есть 11000 всего?", WARDROBE, None),
    # whether the price will come above a figure
    ("реставрация получится дороже 25 тысяч", WARDROBE, None),
    ("will it cost more than $300 to fix", BARBER, None),
    # another maker's, the current supplier's or an expert's figure
    ("Fender wanted about $450 for the neck", BARBER, "budget"),
    ("our current cleaner is at £14 an hour", EXTENSION, "budget"),
    ("ювелир сказал тысяч 30 стоит", WARDROBE, None),
    ("a dealer told me about 4 grand", EXTENSION, None),
    # what the customer lets out or sells at, lives on, inherits, gets back from taxes, is insured for, pays for their
    # home now, means to save, or could win
    ("сдаём дом за 55 тысяч в месяц, нужен управляющий", WARDROBE, None),
    ("продаём по 450 рублей за банку, ищем поставщика", WARDROBE, None),
    ("пенсия у отца 24 тысячи, нужна сиделка", WARDROBE, None),
    ("делим наследство на 4 млн, нужен юрист", HOUSE, None),
    ("налоговый вычет 390 тысяч, поможете оформить?", WARDROBE, None),
    ("страховая сумма 2 млн, что с ремонтом кухни?", WARDROBE, None),
    ("my rent is $1,650 and I need a deep clean", BARBER, None),
    ("we want to save about $150 a month on heating", BARBER, None),
    ("хотим сэкономить тысяч 8 в месяц на отоплении", WARDROBE, None),
    ("the prize is $5,000, we need a photographer for the gala", BARBER, None),
    # a court's award, arrears, what a tenant owes, a price bought at, a supplier's bill said with "them"
    ("the court awarded us $31,000 and he still hasn't paid", BARBER, None),
    ("суд присудил 450 тысяч, а он не платит", WARDROBE, None),
    ("the tenant is £2,700 in arrears", EXTENSION, None),
    ("арендатор задолжал 95 тысяч", WARDROBE, None),
    ("покупали его за 70 тысяч, теперь скрипит", WARDROBE, None),
    ("платим им 22 000 в месяц, хотим сменить", WARDROBE, None),
    ("we pay them $300 a month and they never show up", BARBER, None),
    # what the customer spends today, a car's monthly payment, a seller's asking price, what new ones go for, a delivery fee
    ("we currently spend about $250 a month on coffee", BARBER, None),
    ("we're spending $1,500 a month on ads right now", BARBER, None),
    ("сейчас тратим тысяч 25 в месяц на воду", WARDROBE, None),
    ("my car payment is $480", BARBER, None),
    ("they're asking $11,900 for the truck, can you inspect it?", BARBER, None),
    ("the seller wants 9.5k, is it worth it?", BARBER, None),
    ("new ones are around $700 in stores", BARBER, None),
    ("доставка 700 рублей?", WARDROBE, None),
]


@pytest.mark.parametrize("text,settings,asked", NO_BUDGET)
def test_figures_that_are_no_budget(text, settings, asked):
    assert budget(text, settings, asked)[0] is None


BESIDE = [
    # metres, or a budget written with an "m"
    ("budget is 1.2m for the whole house", HOUSE, None, (1_200_000, None, None, "RUB")),
    ("opening of 3m, and we can spend up to 25k", EXTENSION, None, (25_000, None, 25_000, "GBP")),
    # the worth of a property
    ("Продаём квартиру за 9 млн, на новую есть до 12 млн", HOUSE, None, (12_000_000, None, 12_000_000, "RUB")),
    ("The agent valued ours at 300k; for the extension we can spend 30k", EXTENSION, None, (30_000, None, None, "GBP")),
    # what they usually pay, or an old provider charged
    ("I usually pay $120 for colour, happy to go up to 150 if it's good", BARBER, None, (150, None, 150, "USD")),
    ("my old barber charged 30, here I'd spend about 50", BARBER, None, (50, None, None, "USD")),
    # a quote known by its id
    ("a firm sent quote Q-2217 for £26,000, we're hoping for 20-22", EXTENSION, None, (22_000, 20_000, 22_000, "GBP")),
    # the customer's own spending said with a verb; fitting within a figure is its ceiling, as "в пределах" is
    ("Шкаф в прихожую, хотелось бы уложиться в 70 тысяч", WARDROBE, None, (70_000, None, 70_000, "RUB")),
    ("в салоне на Ленина насчитали 120 тыс, хотим уложиться в 80", WARDROBE, None, (80_000, None, 80_000, "RUB")),
    ("тысяч в пятьдесят бы уложиться", WARDROBE, "budget", (50_000, None, 50_000, "RUB")),
    ("готовы потратить тысяч 60", WARDROBE, None, (60_000, None, None, "RUB")),
    ("ideally 75-85 thousand roubles", WARDROBE, None, (85_000, 75_000, 85_000, "RUB")),
    # "тыща" and "тысячи" with a currency or a bound
    ("тыща баксов на всё", WARDROBE, "budget", (1000, None, None, "USD")),
    ("ну тыщу евро максимум", WARDROBE, "budget", (1000, None, 1000, "EUR")),
    ("бюджет около тысячи долларов, или в рублях по курсу", WARDROBE, "budget", (1000, None, None, "USD")),
    ("ну до тысячи евро", WARDROBE, "budget", (1000, None, 1000, "EUR")),
    ("косарь баксов на всё", WARDROBE, "budget", (1000, None, None, "USD")),
    # a price turned down
    ("на шкаф у нас 60 тысяч. мастер на замере называл 85, это для нас много", WARDROBE, None, (60_000, None, None, "RUB")),
    ("мой бюджет 60, у вас 85 дорого", WARDROBE, None, (60_000, None, None, "RUB")),
    ("больше 85 тысяч это много", WARDROBE, None, (85_000, None, 85_000, "RUB")),  # a bound before it: at most that
    # a figure bounded after a price seen
    ("the menu says $120, and we can do 100 max", BARBER, None, (100, None, 100, "USD")),
    # words after a budget that do not correct it
    ("бюджет 70 тысяч, хотя 2 шкафа надо", WARDROBE, "budget", (70_000, None, None, "RUB")),  # a count after "хотя"
    ("до 80, а лучше 70", WARDROBE, "budget", (80_000, None, 80_000, "RUB")),  # a preference under the bound
    # the company's price said beside the customer's own
    ("у вас за 70 тысяч что есть?", WARDROBE, None, (70_000, None, None, "RUB")),
    ("а у вас есть до 70 тысяч?", WARDROBE, None, (70_000, None, 70_000, "RUB")),
    # a bill or a marketplace's price
    ("на wildberries видела за 38 тысяч, у вас хотим до 45", WARDROBE, None, (45_000, None, 45_000, "RUB")),
    ("коммуналка 9 тысяч, а на шкаф готовы 60 тысяч", WARDROBE, None, (60_000, None, None, "RUB")),
    # the past
    ("it was £8,500 last time, we'd like to stay under 8", WARDROBE, "budget", (8000, None, 8000, "GBP")),
    ("бюджет 60 тысяч, как в прошлом году", WARDROBE, "budget", (60_000, None, None, "RUB")),
    ("60 тысяч, как в прошлый раз", WARDROBE, "budget", (60_000, None, None, "RUB")),
    # a new order's sum is the customer's own; an order's number is no money
    ("хочу сделать заказ на 65 тысяч", WARDROBE, None, (65_000, None, None, "RUB")),
    ("по заказу 5512 хочу второй шкаф, бюджет до 70 тысяч", WARDROBE, None, (70_000, None, 70_000, "RUB")),
    # another's price, then the customer's own
    ("Wayfair has it for $740, can you match that? we can do 650 max", BARBER, None, (650, None, 650, "USD")),
    # a fine or a bond denied or beside the budget
    ("без штрафов и переплат, до 55 тысяч", WARDROBE, None, (55_000, None, 55_000, "RUB")),
    ("the bond is £1,350 and we can do 1,100 pcm max", EXTENSION, None, (1100, None, 1100, "GBP")),
    ("штраф за просрочку 5 тысяч, а на шкаф у нас 60 тысяч", WARDROBE, None, (60_000, None, None, "RUB")),
    ("the damage is bad, we can spend up to 6k on the repair", EXTENSION, None, (6000, None, 6000, "GBP")),
    # "$500 is fine": a fine it is not
    ("$35 is fine", BARBER, "budget", (35, None, None, "USD")),
    # a ceiling said as "край" or "cap it at", and "тысяча" with whose roubles
    ("тысяч 30 можем, ну край 35", WARDROBE, "budget", (35_000, None, 35_000, "RUB")),
    ("we'd cap it at $700 a month", BARBER, None, (700, None, 700, "USD")),
    ("хотим уложиться в тысячу белорусских рублей", WARDROBE, None, (1000, None, 1000, "BYN")),
    # the company's price seen is no lower bound of the customer's
    ("на сайте у вас от 40 видела, ну ладно, до 50 можем", WARDROBE, "budget", (50_000, None, 50_000, "RUB")),
    # money lost or owed beside the budget
    ("can spend 4 to 6 grand. lost about 15k already", EXTENSION, "budget", (6000, 4000, 6000, "GBP")),
    ("заказчик должен нам 400 тысяч, за ваши услуги готовы 30 тысяч", WARDROBE, None, (30_000, None, None, "RUB")),
    # the customer's own price per unit, then the total worked out: the total
    ("по 2 тысячи за комплект, то есть на всё тысяч 60", WARDROBE, None, (60_000, None, None, "RUB")),
    # the words of those, beside a budget of their own
    ("пенсионер, бюджет 20 тысяч", WARDROBE, None, (20_000, None, None, "RUB")),
    ("хотим сэкономить, до 50 тысяч", WARDROBE, None, (50_000, None, 50_000, "RUB")),
    ("we're saving up about 3k for it", EXTENSION, None, (3000, None, None, "GBP")),
    ("сдать квартиру хотим, на ремонт перед сдачей тысяч 90", WARDROBE, None, (90_000, None, None, "RUB")),
    ("хочу купить за 50 тысяч", WARDROBE, None, (50_000, None, None, "RUB")),
    ("we can pay them up to $400 a month", BARBER, None, (400, None, 400, "USD")),
    ("we want to spend about $250 a month", BARBER, None, (250, None, None, "USD")),
    ("с доставкой до 70 тысяч", WARDROBE, None, (70_000, None, 70_000, "RUB")),
]


@pytest.mark.parametrize("text,settings,asked,expected", BESIDE)
def test_the_budget_beside_them(text, settings, asked, expected):
    assert budget(text, settings, asked) == expected


@pytest.mark.parametrize("text,settings,expected", [
    ("$80-100 a month. hmm, actually under 80, cash is tight", BARBER, (80, None, 80, "USD", "month")),
    ("тысяч 70, хотя нет, до 75", WARDROBE, (75_000, None, 75_000, "RUB", None)),
    ("around £25k, sorry, I mean £28k", EXTENSION, (28_000, None, None, "GBP", None)),
])
def test_a_figure_corrected_in_the_same_message(text, settings, expected):
    lead = extract_lead(text, settings=settings, asked="budget")
    assert (lead.budget_amount, lead.budget_min, lead.budget_max, lead.budget_currency, lead.budget_period) == expected


def test_a_small_figure_in_a_later_message_is_a_day_not_a_correction():
    known = extract_lead("гривен 150-200 в месяц", settings=BARBER, asked="budget")
    lead = extract_lead("заберу до 20 числа", settings=BARBER, asked="timeline", known=known, earlier=["гривен 150-200 в месяц"])
    assert lead.budget_amount is None


def test_a_currency_that_was_another_figures_is_not_the_budgets():
    said = "Шкаф в комнату сына, он учится в Лондоне, за жильё там платим 900 фунтов"
    lead = extract_lead("на шкаф тысяч 60 максимум", settings=WARDROBE, asked="budget", earlier=[said])
    assert (lead.budget_amount, lead.budget_currency) == (Decimal(60_000), "RUB")


def test_a_currency_named_apart_before_the_figure_is_the_budgets():
    lead = extract_lead("ну тысячи три", settings=BARBER, asked="budget", earlier=["считаем в евро, если что"])
    assert lead.budget_currency == "EUR"


@pytest.mark.parametrize("text", ["do 9 tysyach v mesyac", "okolo 9 tysyach za mesyac"])
def test_a_month_in_transliterated_russian(text):
    assert extract_lead(text, settings=WARDROBE, asked="budget").budget_period == "month"


# A figure in a question is the customer's own when they ask whether it will do, as "like 1500?" is; not when they
# ask about the company's price or whether a count of something will do.
@pytest.mark.parametrize("text,settings,expected", [
    ("is 300 enough?", BARBER, (300, "USD")),
    ("would $60 be enough for a cut and a beard?", BARBER, (60, "USD")),
    ("80 тысяч хватит?", WARDROBE, (80_000, "RUB")),
    ("could you do it for 1,200?", EXTENSION, (1200, "GBP")),
    ("сделаете за 75 тысяч?", WARDROBE, (75_000, "RUB")),
    ("is the $40 with a wash?", BARBER, (None, None)),
    ("90 000 это с установкой?", WARDROBE, (None, None)),
    ("are 200 leaflets enough?", BARBER, (None, None)),
    ("could you do it for 300 flyers?", BARBER, (None, None)),
])
def test_a_figure_asked_about(text, settings, expected):
    lead = extract_lead(text, settings=settings, asked="budget")
    assert (lead.budget_amount, lead.budget_currency) == expected



# Figures in reply to the budget question, each class with what must not be read as the budget beside what must.
ANSWERS = [
    # a share each of several people puts in or a price per head leaves the total to count (no label multiplies); money
    # raised in all, or the total said beside a share, is the budget
    ("скидываемся по 1000 с человека, нас около двадцати", WARDROBE, None),
    ("каждый из нас сдаёт 700 рублей", WARDROBE, None),
    ("every family is chipping in £25 for the teacher's present", EXTENSION, None),
    ("we're collecting $15 a head from the office", BARBER, None),
    ("собрали тридцать тысяч на выпускной", WARDROBE, 30_000),
    ("the residents' committee collected £900 for the hedges", EXTENSION, 900),
    ("сдаём по 2000 с родителя, всего выйдет 50 тысяч", WARDROBE, 50_000),
    ("с братом скинемся, по 40 тыс с каждого, итого 80", WARDROBE, 80_000),
    ("we can put in 5k ourselves", EXTENSION, 5000),
    # "на заказ", "под заказ": made to order, and the figure after them no order's number
    ("шкаф на заказ 85 тысяч", WARDROBE, 85_000),
    ("прихожая под заказ тысяч 40", WARDROBE, 40_000),
    ("заказ 48213 ещё не пришёл", WARDROBE, None),
    ("номер заказа 5521, бюджет не знаю", WARDROBE, None),
    # a head count in words after "около", "about" is no figure on the budget's scale
    ("нас около двадцати, детский праздник", WARDROBE, None),
    ("we'll be about thirty, kids and parents", WARDROBE, None),
    ("бюджет около двадцати", WARDROBE, 20_000),
    # a limit the customer calls their own after someone else's price; a ceiling that is no year
    ("another firm quoted £3,000, the grant gives me £2,400 so that's my max", EXTENSION, 2400),
    ("мне в другом месте насчитали 60 тысяч, а у меня 45 тысяч, это мой потолок", WARDROBE, 45_000),
    ("за всё давайте в 2000 уложимся", BARBER, 2000),
    ("another firm quoted £3,000 for it", EXTENSION, None),
    # money set apart for goods bought apart from the service
    ("$300-400 for the consult, the furniture budget is separate, around 5k", BARBER, 400),
    ("на покупки отдельно тысяч 100, за ваши услуги до 25 тысяч", WARDROBE, 25_000),
    # "a few hundred" is no figure; counts of characters and words are no money
    ("a few hundred? no idea really", BARBER, None),
    ("several hundred dollars I guess", BARBER, None),
    ("a couple hundred", BARBER, 200),
    ("the manuscript is 300 тысяч знаков, бюджет тысяч 20", WARDROBE, 20_000),
    ("roughly 90k words, happy to go to £1,500", EXTENSION, 1500),
]


@pytest.mark.parametrize("text,settings,expected", ANSWERS)
def test_an_answer_to_the_budget_question(text, settings, expected):
    assert extract_lead(text, settings=settings, asked="budget").budget_amount == expected


# Figures said unasked: the price of a thing the customer already owns is no budget, one they want or "have" to spend is;
# words that set a figure aside (a coupon, a debt, a wage) do not reach past a clause that names the budget.
UNASKED = [
    ("we already have a $2,500 projector, we only need it mounted", BARBER, None),
    ("I've got a $700 espresso machine that needs descaling", BARBER, None),
    ("we own a $60k boat and want the hull cleaned", BARBER, None),
    ("we have a $3,000 budget for the mounting", BARBER, 3000),
    ("I've got a 2 grand limit on this", BARBER, 2000),
    ("телевизор у меня за 90 тысяч, нужен кронштейн", WARDROBE, None),
    ("у нас шкаф за 70 тысяч, надо перевесить двери", WARDROBE, None),
    ("у меня шкаф за 70 тысяч нужен", WARDROBE, 70_000),
    ("у нас за всё тысяч 80", WARDROBE, 80_000),
    ("у меня есть купон, а бюджет 40 тысяч", WARDROBE, 40_000),
    ("I still owe the last builder money; budget for this one is £8k", EXTENSION, 8000),
    ("зарплата у меня небольшая, бюджет тысяч 70", WARDROBE, 70_000),
    ("оклад 60 тысяч", WARDROBE, None),
    ("salary budget is 45k for the role", EXTENSION, None),
]


@pytest.mark.parametrize("text,settings,expected", UNASKED)
def test_a_figure_said_unasked(text, settings, expected):
    assert extract_lead(text, settings=settings).budget_amount == expected


# Of two figures in one message, the customer's own answer to one asked about ("...?") and a ceiling said last after a
# single figure or a range are the budget, as a later message's correction would be; raised as far as the customer can
# stretch, it is the most they will pay.
@pytest.mark.parametrize("text,settings,expected", [
    ("$45 a visit? we could manage 60", BARBER, (60, None, 60)),
    ("у вас 4 тысячи за час, это около 12 тысяч? давайте в 10 уложимся", WARDROBE, (10_000, None, 10_000)),
    ("2 500 за гостя? тогда на 30 человек это 75 000, нас устраивает", WARDROBE, (75_000, None, None)),
    ("that works out about £24,000? I'd rather keep it under 21,000", EXTENSION, (21_000, None, 21_000)),
    ("общий бюджет отдела 500 тысяч, но на это готовы до 120 тысяч", WARDROBE, (120_000, None, 120_000)),
    ("думали тысяч 40, ну до 45 можем", WARDROBE, (45_000, None, 45_000)),
    ("is the $40 with a wash? I'd pay 40", BARBER, (40, None, None)),
    ("от 100 до 150 тысяч", WARDROBE, (150_000, 100_000, 150_000)),
    ("$30 is fine, even 45 if it takes longer", BARBER, (45, None, 45)),  # "even": as far as they stretch (dev15)
    ("$60 a cut? I could do 75", BARBER, (75, None, 75)),
    ("тысяч 50, а то и 60 можем", WARDROBE, (60_000, None, 60_000)),
    ("сделаем до 80 тысяч, или даже 95", WARDROBE, (95_000, None, 95_000)),  # on the scale of the figure it raises
    ("до 80 тысяч, или даже 70 если без сборки", WARDROBE, (70_000, None, None)),  # lower: no stretch
    ("собрали взносами 90 тысяч, больше нет", WARDROBE, (90_000, None, 90_000)),
    ("первый взнос 90 тысяч", WARDROBE, (None, None, None)),
    ("we have £9,000 saved, so up to about £12k all in", EXTENSION, (12_000, None, 12_000)),
])
def test_the_figure_of_one_message_that_holds(text, settings, expected):
    lead = extract_lead(text, settings=settings, asked="budget")
    assert (lead.budget_amount, lead.budget_min, lead.budget_max) == expected


def test_a_dollar_sign_before_a_range_in_the_local_dollar():
    canadian = legacy_settings({"phone_region": "CA", "offerings": [{"name": "Scanning", "price": 30, "currency": "CAD"}]})
    lead = extract_lead("hoping to spend $900-1100 CAD all in", settings=canadian, asked="budget")
    assert (lead.budget_min, lead.budget_max, lead.budget_currency) == (Decimal(900), Decimal(1100), "CAD")


def test_a_month_said_of_another_figure_is_not_the_budgets():
    lead = extract_lead("кредит 25 тысяч в месяц, на шкаф можем 120 тысяч", settings=WARDROBE)
    assert (lead.budget_amount, lead.budget_period) == (Decimal(120_000), None)


def test_happy_to_go_to_is_a_ceiling_by_the_month():
    lead = extract_lead("happy to go to £300/month", settings=EXTENSION, asked="budget")
    assert (lead.budget_min, lead.budget_max, lead.budget_period) == (None, Decimal(300), "month")


# Money the customer pays through the company to someone else is not what they pay the company (dev18's rule): ad spend, which
# goes to the ad platforms, and, to a company that arranges loans, leases or factoring, the sum to be financed; the fee, the
# commission or the payment beside it is the budget.
BROKER, AGENCY, LEASING = (
    legacy_settings({"phone_region": region, "company_name": company, "offerings": [{"name": name, "price": price, "currency": currency}]})
    for region, company, name, price, currency in (("US", "Harbor Loan Brokers", "Equipment financing", 1500, "USD"),
                                                   ("RU", "Кликпро", "Контекстная реклама", 30000, "RUB"),
                                                   ("RU", "ЛизингПлюс", "Лизинг грузовиков", 0, "RUB")))


@pytest.mark.parametrize("text,settings,expected", [
    ("need financing for a press brake, $240,000, the dealer quote is attached", BROKER, None),
    ("can you fund a single invoice? INV-7710, $36,200, net 60 with a retailer", BROKER, None),
    ("у нас четыре накладные № 5512, 5513 и 5520, на общую сумму 3,4 млн, профинансируете?", LEASING, None),
    ("нужно 8 млн под залог склада", LEASING, None),
    ("need a loan of $400k for the new kitchen, what's your fee? we'd keep it under $6k", BROKER, (6000, None, 6000)),
    ("ищем кредит на оборудование, за ваши услуги не больше 120 тыс", LEASING, (120_000, None, 120_000)),
    ("платеж за все три не больше 300 тыс в месяц", LEASING, (300_000, None, 300_000)),
    ("возьмём кредит, платить готовы до 50 тыс в месяц", LEASING, (50_000, None, 50_000)),
    ("у нас рекламный бюджет небольшой, тысяч 40 в месяц на клики", AGENCY, None),
    ("тысяч 25 в месяц на клики, а за ведение сколько?", AGENCY, None),
    ("we'd put about $3k a month into the ads themselves", AGENCY, None),
    ("рекламный бюджет 200 тыс в месяц, за ведение готовы до 40 тыс", AGENCY, (40_000, None, 40_000)),
    # money allocated for the work is the customer's own
    ("на настройку выделено 50-60 тысяч", AGENCY, (60_000, 50_000, 60_000)),
    # ... and a ceiling named before its figure is at most that
    ("ceiling is $20,000", BROKER, (20_000, None, 20_000)),
    ("лимит 45 тысяч в месяц", AGENCY, (45_000, None, 45_000)),
    # recurring revenue, staff pay and the organisation's whole budget are nobody's spend on the service
    ("we're a 20 person startup, $2.4M ARR", AGENCY, None),
    ("our reps make 60k base and ramp is slow", AGENCY, None),
    ("our budget for the whole year is like 300k so not much room", AGENCY, None),
])
def test_money_passed_on_to_someone_else(text, settings, expected):
    lead = extract_lead(text, settings=settings)
    got = (lead.budget_amount, lead.budget_min, lead.budget_max) if lead.budget_amount is not None else None
    assert got == (None if expected is None else tuple(Decimal(value) if value is not None else None for value in expected))


def test_a_loan_amount_is_the_budget_where_the_company_sells_the_thing():
    # a car dealer, whose customer buys on credit: the car's price is what they spend
    lead = extract_lead("хочу машину в кредит до 1,3 млн", settings=HOUSE)
    assert lead.budget_max == 1_300_000


def test_us_dollars_named_by_their_sign_to_a_company_of_another_dollar():
    australian = legacy_settings({"phone_region": "AU", "offerings": [{"name": "Stand", "price": 15000, "currency": "AUD"}]})
    assert extract_lead("ceiling is US$18,000", settings=australian, asked="budget").budget_currency == "USD"


@pytest.mark.parametrize("text,settings,known,expected", [
    # a bound before a figure is that figure's, not the count's before it
    ("платеж за все 5 не больше 450 тыс", LEASING, Decimal(3_000_000), (450_000, None, 450_000)),
    # what the customer cannot get approved beyond is at most that
    ("итого 560 тыс, больше не согласуют", WARDROBE, None, (560_000, None, 560_000)),
    # a fee of the same sentence's abbreviation "тыс." is no down payment of the next one
    ("бюджет на стенд 900 тыс. регистрационный взнос организатору 400 тыс уже оплатили", HOUSE, None, (900_000, None, None)),
    ("тыщ 300 на первоначальный взнос", HOUSE, None, None),
    # a price, hedged, is still a price
    ("одна стоит где-то 3,1 млн", LEASING, None, None),
    ("a new one costs about $900", BARBER, None, None),
])
def test_a_figure_and_the_words_beside_it(text, settings, known, expected):
    lead = extract_lead(text, settings=settings, known=None if known is None else LeadData(budget_amount=known, budget_currency="RUB"))
    got = (lead.budget_amount, lead.budget_min, lead.budget_max) if lead.budget_amount is not None else None
    assert got == (None if expected is None else tuple(Decimal(value) if value is not None else None for value in expected))


def test_an_ad_budget_that_includes_the_fee_is_the_budget():
    lead = extract_lead("the monthly ad budget is 3 grand incl your fee", settings=AGENCY, asked="budget")
    assert (lead.budget_amount, lead.budget_period) == (Decimal(3000), "month")
