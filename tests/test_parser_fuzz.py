"""Property tests of the offline engine: whatever Unicode a customer sends, every parser and the
brain read it without an exception, and what comes out keeps its promises: phones valid in E.164,
addresses and spans taken from the text itself, positive amounts with ISO 4217 codes, a reply."""

from __future__ import annotations

import re
from decimal import Decimal

import phonenumbers
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from salesbot.brain.offline import OfflineBrain
from salesbot.extract import (
    detect_language,
    extract_lead,
    find_area_m2,
    find_emails,
    find_location,
    find_money,
    find_name,
    find_need,
    find_phones,
    find_timeline,
    normalize,
    parse_budget,
)
from salesbot.extract.normalize import LONGEST_WORD
from salesbot.extract.wordlists import is_english_word, is_place
from salesbot.lead import merge
from salesbot.models import BotSettings, Conversation, Offering, Turn

REGIONS = ["RU", "US", "GB", "KZ", "DE", "UA", "AE", "IN"]
# Random Unicode seldom reaches the parsers' deeper paths; glued together, these pieces do.
PIECES = ["+7", "8 (912)", "345-67-89", "+1 212 555 0100", "+44 20 7946 0958", "@", "anna@example.com", ".ru",
          "до", "млн", "тыс", "k", "$", "€", "£", "₽", "руб", "бюджет", "стоит", "Меня зовут", "I'm", "Анна",
          "Казань", "в Москве", "район", "к лету", "next month", "через 2 недели", "м²", "кв.м", "sq ft", "студия",
          "двушку", "house", "0", "1", "9", "000", ",", ".", "-", " ", "\n", "ё", "ß", "٣", "१", "𝟗", "\u00a0",
          "\u200b", "\u202e", "😀", "?"]
TEXTS = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=30).map("".join),
)
SETTINGS = BotSettings(company_name="Fuzz Realty", offerings=[
    Offering(name="Студия", synonyms=["студия", "studio"]), Offering(name="Дом", synonyms=["дом", "house"])])
ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def inside(span: tuple[int, int], text: str) -> bool:
    return 0 <= span[0] < span[1] <= len(text)


@PROPERTY
@given(TEXTS, st.sampled_from(REGIONS))
def test_phones_are_valid_e164_numbers_written_in_the_text(text, region):
    for phone, span in find_phones(text, region):
        number = phonenumbers.parse(phone)
        assert phonenumbers.is_valid_number(number)
        assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == phone
        assert inside(span, text)


@PROPERTY
@given(TEXTS)
def test_emails_are_addresses_written_in_the_text(text):
    for address, span in find_emails(text):
        assert inside(span, text) and text[span[0]:span[1]].lower() == address
        local, _, domain = address.partition("@")
        assert local and "." in domain and ".." not in address


@PROPERTY
@given(TEXTS, st.booleans())
@example("ТЫС\r0", False)  # a multiplier before a zero read as 0 thousand
def test_money_is_positive_with_an_iso_currency_inside_the_text(text, asked):
    for money in find_money(text, asked=asked):
        assert money.amount > 0 and inside(money.span, text)
        assert money.currency is None or ISO_CURRENCY.match(money.currency)
    budget = parse_budget(text, "RUB", asked=asked)
    if budget is not None:
        amount, currency = budget
        assert isinstance(amount, Decimal) and amount > 0 and ISO_CURRENCY.match(currency)


@PROPERTY
@given(TEXTS, st.booleans())
def test_every_other_parser_reads_anything(text, asked):
    area = find_area_m2(text)
    assert area is None or area > 0
    assert detect_language(text) in {"ru", "uk", "en", "de"}
    assert isinstance(normalize(text), str)
    for found in (find_location(text, asked=asked), find_timeline(text, asked=asked), find_name(text, asked=asked),
                  find_need(text, SETTINGS, asked=asked)):
        assert found is None or (isinstance(found, str) and found.strip())


@PROPERTY
@given(TEXTS)
@example("меня зовут" + " \n" * 4000)  # two whitespace runs in a row in a pattern: seconds of backtracking
@example("O'" * 4000)  # a word repeated inside one word
def test_no_pattern_is_handed_a_run_it_could_backtrack_over(text):
    normalized = normalize(text)
    assert not re.search(r"\n\s*\n\s*\n|[ \t]{2}|[ \t]\n|\n[ \t]", normalized)
    assert all(len(word) <= LONGEST_WORD for word in normalized.split())


@PROPERTY
@given(TEXTS, st.sampled_from(REGIONS), st.sampled_from([None, "name", "budget", "location", "timeline", "need"]))
def test_a_lead_has_only_contacts_the_text_holds(text, region, asked):
    lead = extract_lead(text, settings=SETTINGS.model_copy(update={"phone_region": region}), asked=asked)
    if lead.phone and lead.details.get("phone_unverified"):  # a number libphonenumber cannot confirm
        assert re.fullmatch(r"\+[1-9]\d{8,14}", lead.phone)
        digits = re.sub(r"\D", "", normalize(text))
        assert lead.phone[1:] in digits or _national(lead.phone) in digits  # "+country" written, or a national one
    elif lead.phone:
        assert phonenumbers.is_valid_number(phonenumbers.parse(lead.phone))
    if lead.email:  # read after normalising, as every channel cleans text before it is stored
        assert lead.email in normalize(text).lower()


def _national(phone: str) -> str:
    try:
        return str(phonenumbers.parse(phone).national_number)
    except phonenumbers.NumberParseException:  # a country code libphonenumber does not know
        return phone[1:]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS.filter(str.strip), min_size=1, max_size=4), st.sampled_from(REGIONS))
def test_the_offline_brain_answers_any_conversation(messages, region):
    brain = OfflineBrain()
    history: list[Turn] = []
    conversation = Conversation(settings=SETTINGS.model_copy(update={"phone_region": region}), history=history)
    for text in messages:
        history.append(Turn(role="customer", text=text))
        answer = brain.respond(conversation.model_copy(update={"history": list(history)}))
        assert answer.reply.strip()
        history.append(answer.as_turn())
        conversation = conversation.model_copy(update={"lead": merge(conversation.lead, answer.lead)})


PRICED = [BotSettings.model_validate({"phone_region": "RU", "offerings": [
    {"name": "Товар", "synonyms": ["товар"], "price": {"kind": "exact", "amount": price, "currency": "RUB"}}]})
    for price in (5_000, 180_000, 4_500_000)]


@PROPERTY
@given(st.integers(1, 999), st.integers(1, 999), st.sampled_from(["до", "от", "бюджет", ""]), st.sampled_from(PRICED))
def test_a_bare_figure_is_read_only_among_the_companys_prices(low, high, cue, company):
    lead = extract_lead(f"{cue} {low}-{high}".strip(), settings=company, asked="budget")
    if lead.budget_amount is not None and lead.budget_amount < 1000 <= company.offerings[0].price.amount / 20:
        raise AssertionError(f"{lead.budget_amount} kept bare beside prices of {company.offerings[0].price}")
    if lead.budget_min is not None and lead.budget_max is not None:
        assert lead.budget_min < lead.budget_max


@PROPERTY
@given(st.integers(1, 99), st.integers(1, 99), st.sampled_from(["тыс", "млн", "k", "тысяч", "миллиона"]),
       st.sampled_from(["от {low} до {high} {unit}", "{low}-{high} {unit}", "между {low} и {high} {unit}"]))
def test_a_range_keeps_both_bounds_on_one_scale(low, high, unit, shape):
    low, high = min(low, high), max(low, high) + 1
    money = find_money(shape.format(low=low, high=high, unit=unit), asked=True)
    assert money and money[0].low is not None and money[0].amount / money[0].low == Decimal(high) / Decimal(low)


@PROPERTY
@given(TEXTS)
def test_the_word_lists_answer_any_text(text):
    assert isinstance(is_place(text), bool) and isinstance(is_english_word(text), bool)
