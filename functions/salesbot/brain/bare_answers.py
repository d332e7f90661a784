"""What a short reply answers: the question the bot asked, or one asked before.

Told what the bot asked, the parsers take a short reply as that field ("Анна" after "your name?",
"Истра" after "where?"). The brain checks that the reply is an answer to it at all: "миллионов 5"
after "when?" answers an earlier question about the budget.
"""

from __future__ import annotations

import re

from salesbot.extract import extract_lead
from salesbot.extract.catalogue import index as catalogue_index
from salesbot.lead import BUDGET_FIELDS
from salesbot.models import BotSettings, LeadData

_BARE_FIELDS = {"name": "name", "need": "need", "location": "location", "timeline": "timeline", "budget": "budget_amount"}
_MAX_BARE_NEED_WORDS = 4


def without_false_bare_answer(learned: LeadData, text: str, settings: BotSettings, asked: str) -> LeadData:
    """`learned` without the asked field when the message is not a bare answer to our question.

    Told that we asked for X, the parsers take a short reply as X. But "миллионов 5" after "when?"
    answers an earlier question about the budget, "через пару месяцев" after "your name?" is no
    name, and a sentence about the weather is no need: when the message states something else on
    its own, or is more than a few words, the asked field must be stated on its own too.
    """
    attribute = _BARE_FIELDS.get(asked)
    if attribute is None or getattr(learned, attribute) is None:
        return learned
    plain = extract_lead(text, settings=settings, asked=None)
    if getattr(plain, attribute) is not None:
        return learned
    if asked == "need" and (len(text.split()) > _MAX_BARE_NEED_WORDS or "," in text
                            or not catalogue_index(settings).known_terms(text)):
        return learned.model_copy(update={"need": None})  # the weather, "ммм": not something they could buy here
    others = plain.model_dump(exclude_none=True, exclude={"details", attribute, "budget_currency"})
    if not others and not plain.details:
        return learned
    if asked == "name" and re.search(rf"(?<!\w){re.escape(str(learned.name).split()[0])}(?!\w)", text):
        return learned  # written with a capital, as names are: "Анна, 8 912 345-67-89"
    if asked == "location" and others.keys() == {"name"} and _words(plain.name) == _words(learned.location):
        return learned  # "Jesmond" after "where?": one place that is a name too, which the parsers read as the place
    # Not a budget: none of its parts either (bounds, period, words), which make no budget alone.
    return learned.model_copy(update=dict.fromkeys(BUDGET_FIELDS if asked == "budget" else (attribute,)))


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").casefold()))
