"""Money's words around a figure, read once for the budget and for the timeline: whether a sum ends where a
unit of time begins ("$250 a day" is a rate, "3 people a day" is not)."""

from __future__ import annotations

import pytest

from salesbot.extract.currency import currency_written_after, money_ends_at


@pytest.mark.parametrize("before", [
    "$250 ",
    "около 3 миллионов сум ",
    "40k EUR ",
    "C$ 1,200 ",
    "1 500 000 тенге ",
    "по 700 форинтов ",  # a currency CLDR names, which no pattern of ours lists
    "£80 ",
])
def test_a_sum_ends_where_the_text_does(before):
    assert money_ends_at(before + "a day", len(before))


@pytest.mark.parametrize("before", [
    "3 человека ",  # a count
    "на 2 этажа ",
    "$250 for the van and 2 ",  # the last figure carries no currency
    "мы платили 300 рублей, а теперь хотим ",  # the sum is further back than the words right before
    "",
    "в этом году ",
])
def test_no_sum_ends_where_a_count_or_other_words_do(before):
    assert not money_ends_at(before + "a day", len(before))


def test_a_sum_beyond_the_reach_is_not_read():
    text = "$250 " + " " * 40
    assert money_ends_at(text, len(text), reach=60)
    assert not money_ends_at(text, len(text))


@pytest.mark.parametrize("text,expected", [
    ("500 долларов", ("USD", 12)),
    ("500 south african rand", ("ZAR", 22)),
    ("500 штук", None),
])
def test_the_currency_written_after_a_figure_and_where_it_ends(text, expected):
    assert currency_written_after(text, 3) == expected
