"""Merging what was learned into a lead, keeping only stated contacts, scoring, and cleaning text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesbot.lead import coherent_budget, merge, score, stated_contacts_only, storable
from salesbot.models import LeadData, Stage
from salesbot.sanitize import clean_text, truncate


def test_merge_keeps_what_is_known_and_takes_what_is_new():
    known = LeadData(name="Ann", need="studio", details={"rooms": 1})
    learned = LeadData(need="two-room flat", phone="+79123456789", details={"area_m2": 60})
    merged = merge(known, learned)
    assert (merged.name, merged.need, merged.phone) == ("Ann", "two-room flat", "+79123456789")
    assert merged.details == {"rooms": 1, "area_m2": 60}


def test_a_budget_moves_with_its_currency():
    known = LeadData(budget_amount=Decimal(100), budget_currency="USD")
    assert merge(known, LeadData(budget_amount=Decimal(9_000_000), budget_currency="RUB")).budget_currency == "RUB"
    assert merge(known, LeadData(name="Bob")).budget_currency == "USD"


@pytest.mark.parametrize(
    "phone,texts,kept",
    [
        ("+79123456789", ["звоните 8 (912) 345-67-89"], True),
        ("+79123456789", ["мой номер +7 912 345 67 89"], True),
        ("+442079460958", ["call 020 7946 0958"], True),
        ("+79123456789", ["позвоните мне"], False),
        ("+79123456789", ["9123456780"], False),
    ],
)
def test_a_phone_is_kept_only_if_the_customer_wrote_it(phone, texts, kept):
    assert (stated_contacts_only(LeadData(phone=phone), texts).phone == phone) is kept


def test_an_email_is_kept_only_if_the_customer_wrote_it():
    assert stated_contacts_only(LeadData(email="ann@example.com"), ["ANN@example.com"]).email == "ann@example.com"
    assert stated_contacts_only(LeadData(email="ann@example.com"), ["my email is secret"]).email is None


def test_score_grows_with_completeness_and_intent_and_stays_within_0_100():
    empty = score(LeadData(), Stage.greeting)
    partial = score(LeadData(need="studio"), Stage.qualification)
    full = LeadData(need="x", phone="+79123456789", name="A", budget_amount=Decimal(1), budget_currency="RUB",
                    location="Kazan", timeline="soon")
    assert empty == 0 < partial < score(full, Stage.qualification) < score(full, Stage.contact) == 100


def test_clean_text_removes_controls_and_invisible_characters_and_trims():
    assert clean_text("\u0000 he\u200bllo\u202e\x07 \r\nworld\ufeff ") == "hello \nworld"
    assert clean_text("e\u0301") == "\u00e9"  # NFC


def test_truncate_cuts_long_text_on_a_word_boundary():
    text = "word " * 2000
    cut = truncate(text)
    assert len(cut) <= 4096 and cut.endswith("…") and not cut[:-1].endswith(" ")
    assert truncate("short") == "short"


def test_a_new_budget_figure_replaces_the_whole_budget_and_words_alone_stay_beside_it():
    known = LeadData(budget_amount=Decimal(7_000_000), budget_min=Decimal(5_000_000), budget_max=Decimal(7_000_000),
                     budget_currency="RUB", budget_period="total")
    corrected = merge(known, LeadData(budget_amount=Decimal(2000), budget_currency="USD", budget_period="month"))
    assert (corrected.budget_amount, corrected.budget_min, corrected.budget_max, corrected.budget_currency,
            corrected.budget_period) == (Decimal(2000), None, None, "USD", "month")
    worded = merge(known, LeadData(budget_text="недорого"))
    assert (worded.budget_amount, worded.budget_text) == (Decimal(7_000_000), "недорого")
    assert LeadData(budget_text="недорого").missing(["budget"]) == []


def test_a_verified_phone_clears_the_flag_of_an_unverified_one():
    known = LeadData(phone="+99912345678", details={"phone_unverified": True, "area_m2": 50})
    merged = merge(known, LeadData(phone="+79123456789"))
    assert merged.details == {"area_m2": 50}
    assert merge(known, LeadData(name="Ann")).details["phone_unverified"] is True


@pytest.mark.parametrize("budget", [
    {"budget_amount": Decimal(1500), "budget_text": "1500"},  # no currency known
    {"budget_min": Decimal(416), "budget_max": Decimal(555), "budget_text": "416-555"},  # bounds without their figure
    {"budget_amount": Decimal(5), "budget_currency": "RUB", "budget_min": Decimal(7), "budget_max": Decimal(5),
     "budget_text": "7-5"},
    {"budget_currency": "EUR", "budget_period": "month", "budget_text": "1500"},
])
def test_a_budget_the_leads_table_would_refuse_loses_its_figures_and_keeps_the_words(budget):
    kept = coherent_budget(LeadData(name="Анна", **budget))
    assert kept == LeadData(name="Анна", budget_text=budget["budget_text"])


@pytest.mark.parametrize("budget", [
    {},
    {"budget_text": "недорого"},
    {"budget_amount": Decimal(9_000_000), "budget_currency": "RUB", "budget_max": Decimal(9_000_000)},
    {"budget_amount": Decimal(7), "budget_currency": "RUB", "budget_min": Decimal(5), "budget_max": Decimal(7),
     "budget_period": "month"},
])
def test_a_coherent_budget_is_kept_as_it_is(budget):
    lead = LeadData(name="Анна", **budget)
    assert coherent_budget(lead) is lead


def test_what_is_stored_has_neither_an_unwritten_contact_nor_a_budget_the_table_refuses():
    """The one rule the chat, the lead rebuild and the labelled replays all store by."""
    learned = LeadData(name="Анна", phone="+79161234567", email="anna@example.com",
                       budget_amount=Decimal(1500), budget_text="1500")
    assert storable(learned, ["Анна, anna@example.com, бюджет 1500"]) == LeadData(
        name="Анна", email="anna@example.com", budget_text="1500")
