"""Lines and labels around a customer's contact that say whether it is theirs to be called on: a fax line, an
assistant who takes the calls, the writer's own post after their name, a form's field label given back as the
name, and an address the writer wants the answer at as against one they wrote to."""

from __future__ import annotations

import pytest

from salesbot.extract import extract_lead
from salesbot.extract.phones import is_fax
from salesbot.models import BotSettings

RU = BotSettings(phone_region="RU")
GB = BotSettings(phone_region="GB")
US = BotSettings(phone_region="US")


@pytest.mark.parametrize("text,settings,phone", [
    # A fax line is no number to call, whichever side its label stands on.
    ("Fax: 0113 496 0555", GB, None),
    ("office fax 0113 496 0555, my mobile 07723 456789", GB, "+447723456789"),
    ("mob 07723 456789, fax 0113 496 0555", GB, "+447723456789"),
    ("Priya Nair\nF: 0113 496 0555  T: 0113 496 0777", GB, "+441134960777"),
    ("0113 496 0555 (fax)\n0113 496 0777 direct", GB, "+441134960777"),
    ("our fax number is 0113 496 0555", GB, None),
    ("факс 8 343 217-40-90, сотовый 8 922 614 05 33", RU, "+79226140533"),
    ("номер факса 8 343 217-40-90", RU, None),
    # One line for both is a phone.
    ("tel/fax 0113 496 0777", GB, "+441134960777"),
    ("Phone & fax: 0113 496 0777", GB, "+441134960777"),
    ("тел./факс 8 343 217-40-91", RU, "+73432174091"),
    # A word beginning as the label does is none: "Fab" thanks, "F" of a surname's initial.
    ("fab, 07723 456789 is me", GB, "+447723456789"),
])
def test_a_fax_line_is_not_the_phone(text, settings, phone):
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,fax", [
    ("Fax: 0113 496 0555", True),
    ("факс: 8 343 217-40-90", True),
    ("0113 496 0555 fax", True),
    ("tel/fax 0113 496 0555", False),
    ("Tel: 0113 496 0555", False),
    ("0113 496 0555, fax to follow by post", False),  # the word ends no label of this number's
])
def test_the_fax_label_is_read_on_the_numbers_own_side(text, fax):
    start = next(index for index, char in enumerate(text) if char.isdigit() and text[index:index + 4] in ("0113", "8 34"))
    end = start + (13 if text[start] == "0" else 15)
    assert is_fax(text, (start, end)) is fax


@pytest.mark.parametrize("text,settings,name,phone", [
    # The assistant who takes the calls, named in commas or not: neither the name nor the number is the writer's.
    ("Please ring my PA, Siobhan, on 07723 456789 to book a slot", GB, None, None),
    ("My PA Siobhan is on 07723 456789", GB, None, None),
    ("my PA, Siobhan, will sort out the dates", GB, None, None),
    ("мой помощник, Ринат, 8 922 614 05 33", RU, None, None),
    # ... beside the writer's own, which stays.
    ("Owen Pryce, 0113 496 0777. My PA Siobhan can help too: 07723 456789", GB, "Owen Pryce", "+441134960777"),
    # A state's code is no assistant.
    ("Dana Whitcomb, Scranton, PA 570-555-0148", US, "Dana Whitcomb", "+15705550148"),
    # The writer's own post after their name keeps their number.
    ("Dana Whitcomb, Facilities Manager, 07723 456789", GB, "Dana Whitcomb", "+447723456789"),
    ("Owen Pryce - Site Manager - 07723 456789", GB, "Owen Pryce", "+447723456789"),
    ("Kind regards,\nOwen Pryce, Site Manager, 0113 496 0777", GB, "Owen Pryce", "+441134960777"),
    ("Гульнара Сафина, главный бухгалтер, 8 922 614 05 33", RU, "Гульнара Сафина", "+79226140533"),
    ("Добрый день! Гульнара Сафина, менеджер по закупкам, 8 922 614 05 33", RU, "Гульнара Сафина", "+79226140533"),
    # Not a post the writer may hold (a seller of a car is someone the writer found, and the name in apposition to it is
    # the seller's, as "Jenny, my PA, 07911 ..." is the PA's), nor someone named later.
    ("Пётр Ильич, продавец, 8 922 614 05 33", RU, None, None),
    ("Owen Pryce. Call the site manager Bryn on 07723 456789", GB, "Owen Pryce", None),
])
def test_assistants_and_the_writers_own_post(text, settings, name, phone):
    lead = extract_lead(text, settings=settings)
    assert (lead.name, lead.phone) == (name, phone)


@pytest.mark.parametrize("text,settings,email", [
    ("Owen here, my PA's email is siobhan@pryce-build.co.uk", GB, None),
    ("IT's email is helpdesk@pryce-build.co.uk, mine is owen@pryce-build.co.uk", GB, "owen@pryce-build.co.uk"),
    # An address the writer wants the answer or the invoice at is theirs, a work one as much as a personal one.
    ("please reply to procurement@pryce-build.co.uk with the quote", GB, "procurement@pryce-build.co.uk"),
    ("send the invoice to owen.pryce@pryce-build.co.uk please", GB, "owen.pryce@pryce-build.co.uk"),
    ("счёт выставляйте на zakaz@uralvent.ru", RU, "zakaz@uralvent.ru"),
    # One the writer already wrote to is whom they wrote to.
    ("I already sent my CV to careers@pryce-build.co.uk, nobody replied", GB, None),
    ("писала вам на info@uralvent.ru ещё в понедельник", RU, None),
    # Someone named as whose it is.
    ("send the invoice to our accountant at ledger@pryce-build.co.uk", GB, None),
    ("счёт отправьте нашему бухгалтеру на buh@uralvent.ru", RU, None),
    ("please cc my controller at r.osei@pryce-build.co.uk", GB, None),
    # A department's shared mailbox the paperwork is routed to gives way to the writer's own beside it ...
    ("send the quote to accounts@pryce-build.co.uk, cc me at owen@pryce-build.co.uk", GB, "owen@pryce-build.co.uk"),
    ("договор и счёт отправьте в бухгалтерию: buh@uralvent.ru, а мне на olga@uralvent.ru", RU, "olga@uralvent.ru"),
    # ... alone, it is the customer's firm's, where the answer reaches them; so is an address to answer at, or a work
    # address given as such, whatever its local part.
    ("invoices go to billing@pryce-build.co.uk", GB, "billing@pryce-build.co.uk"),
    ("счета на buh@uralvent.ru", RU, "buh@uralvent.ru"),
    # A department named as whose the address is, like a person: "our purchasing dept", "в бухгалтерию".
    ("please send the contract to our purchasing dept, purchasing@pryce-build.co.uk", GB, None),
    ("договор и счёт отправьте в бухгалтерию: buh@uralvent.ru", RU, None),
    ("please reply to procurement@pryce-build.co.uk", GB, "procurement@pryce-build.co.uk"),
    ("Email: accounts@pryce-build.co.uk", GB, "accounts@pryce-build.co.uk"),
    ("счёт выставляйте на office-ural@uralvent.ru", RU, "office-ural@uralvent.ru"),
])
def test_an_address_to_answer_at_and_one_written_to(text, settings, email):
    assert extract_lead(text, settings=settings).email == email


@pytest.mark.parametrize("text,settings,name", [
    # A form's field label written back to the name question is no name ...
    ("Email", GB, None),
    ("E-mail", GB, None),
    ("Phone", GB, None),
    ("Name", GB, None),
    ("WhatsApp", GB, None),
    ("Телефон", RU, None),
    # ... a name is, however short or rare, or named like a month.
    ("Emma", GB, "Emma"),
    ("June", GB, "June"),
    ("Zephyrine", GB, "Zephyrine"),
    ("Ия", RU, "Ия"),
])
def test_a_field_label_answering_the_name_question_is_no_name(text, settings, name):
    assert extract_lead(text, settings=settings, asked="name").name == name


@pytest.mark.parametrize("text,settings,name,phone", [
    # A neighbour reached "next door" is no one the writer is, nor is their number.
    ("ring me on 07911 123456. or next door, Mrs Pennock, 0161 496 0777", GB, None, "+447911123456"),
    # A professional to call, in the dative, with a name after: theirs.
    ("звоните агроному, Рустам Ильдарович, 8 922 614 05 33, он всё покажет", RU, None, None),
    ("по объекту звоните инженеру Кириллу 8 922 614 05 33", RU, None, None),
    # ... but the writer's own post ("я агроном") keeps the number theirs.
    ("я агроном хозяйства, Рустам, 8 922 614 05 33", RU, "Рустам", "+79226140533"),
    # A business partner to be checked is someone else.
    ("нужно проверить партнёра, Савельев Игорь Андреевич", RU, None, None),
    # An emoji ends the clause about someone else's number: what follows is the writer's own.
    ("мобильный шефа не дам 🙂 звоните мне 8 922 614 05 33", RU, None, "+79226140533"),
    ("мобильный шефа 8 922 614 05 33 🙂", RU, None, None),
    # A line the writer turns away from to themselves: "but ... me".
    ("the shop line is 0161 496 0777 but ask for me on my mobile, 07911 123456", GB, None, "+447911123456"),
    ("my mobile 07911 123456 but my husband picks up 0161 496 0777", GB, None, "+447911123456"),
])
def test_someone_elses_number_and_the_writers_own(text, settings, name, phone):
    lead = extract_lead(text, settings=settings)
    assert (lead.name, lead.phone) == (name, phone)


@pytest.mark.parametrize("text,name", [
    # The name people call the writer, a full stop, then the whole name for the papers.
    ("Mick. Michael Fitzgerald if it's for the forms", "Michael Fitzgerald"),
    ("Шура. Александра Ивановна Зотова, если для договора", "Александра Ивановна Зотова"),
    # Not another person named in the next sentence, nor a next sentence that is no name.
    ("Коля. Ирина Петровна посоветовала вас", "Коля"),
    ("Tom. Need it by Friday", "Tom"),
])
def test_a_short_name_then_the_full_one(text, name):
    assert extract_lead(text, settings=GB if text.isascii() else RU, asked="name").name == name


@pytest.mark.parametrize("text,asked,name", [
    # A surname with initials, as business letters are signed: the name as written.
    ("Пришлите КП на почту.\nС уважением, Зайцева Е.В., отдел снабжения", None, "Зайцева Е.В."),
    ("С уважением,\nГончаров П. С.", None, "Гончаров П. С."),
    ("Гончаров П.С., 8 922 614 05 33", None, "Гончаров П.С."),
    ("Е.В. Зайцева", "name", "Е.В. Зайцева"),
    # Not a word that is no surname, nor someone else, nor an address's abbreviations.
    ("ООО Вектор А.А.", None, None),
    ("договор подпишет директор Гончаров П.С., он в отпуске до среды", None, None),
    ("адрес: ул. Ленина, д. 5", None, None),
    # A place and its country answering the name question are no name.
    ("Honiara, Solomon Islands", "name", None),
])
def test_a_surname_with_initials(text, asked, name):
    assert extract_lead(text, settings=RU if not text.startswith("Hon") else GB, asked=asked).name == name


@pytest.mark.parametrize("text,name", [
    # Kisses after a name signed at the end: still signed.
    ("Great, see you Tuesday.\nBev xx", "Bev"),
    ("Many thanks\nBev xxx", "Bev"),
    # Not a word that goes on ("X-ray"), nor a pet named before them.
    ("Cheers, Bev X-ray results attached", None),
    ("I'll bring the dog. Rex x", None),
])
def test_a_name_signed_with_kisses(text, name):
    assert extract_lead(text, settings=GB).name == name


@pytest.mark.parametrize("text,phone", [
    # An assistant named before their post: not the writer's number.
    ("Siobhan, my PA, 07911 123456", None),
    ("Siobhan (my PA) 07911 123456", None),
    ("Owen Pryce, 0113 496 0777. Siobhan, my PA, 07911 123456", "+441134960777"),
    # A state's code after a town is no assistant.
    ("Erie, PA. cell 814-555-0143", "+18145550143"),
])
def test_an_assistants_number_is_not_the_writers(text, phone):
    assert extract_lead(text, settings=US if "PA." in text else GB).phone == phone


@pytest.mark.parametrize("text,phone", [
    # A signature's one-letter label gives a number of a range libphonenumber does not list, as "Mob:" does.
    ("Kind regards\nNia Hughes\nM: 07700 900418", "+447700900418"),
    ("Kind regards\nNia Hughes\nT: 07700 900418 | F: 0113 496 0555", "+447700900418"),
    # Not a fax's letter, nor a lower-case letter, nor a word ending in a capital.
    ("Kind regards\nNia Hughes\nF: 07700 900418", None),
    ("Kind regards\nNia Hughes\nm: 07700 900418", None),
    ("Plan B: 07700 900418", None),
])
def test_a_signatures_one_letter_label(text, phone):
    assert extract_lead(text, settings=GB).phone == phone
