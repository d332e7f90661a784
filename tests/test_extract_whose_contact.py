"""Whose a phone or an e-mail is, and contacts written the way people write them: a contact stored for the lead is
the customer's own, never a colleague's, a relative's, the company's, or one they give up; and one they write in
their own country's way, or with an apostrophe in their name, is read whole."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesbot.extract import extract_lead, find_emails, find_phones
from salesbot.models import BotSettings, LeadData

RU = BotSettings(phone_region="RU")
GB = BotSettings(phone_region="GB")
US = BotSettings(phone_region="US")


@pytest.mark.parametrize("text,settings,phone", [
    # Someone the writer names by their post among "us" or "mine", then by first name: their number follows.
    ("по сметам решает наш инженер Павел, 8 916 123 45 67", RU, None),
    ("наш механик Виктор Сергеевич, 8 950 187 22 63, а мне лучше на почту", RU, None),
    ("loop in our CFO Margaret, 07911 123456", GB, None),
    ("my lawyer Dan, 07911 123456", GB, None),
    ("наш прораб Игорь 8 916 123 45 67, а мой 8 926 222 33 44", RU, "+79262223344"),
    # ...not a post and a word that is no first name, nor the writer's own name, address or number.
    ("my name is Anna, 07911 123456", GB, "+447911123456"),
    ("наш адрес Ленина 5, 8 916 123 45 67", RU, "+79161234567"),
    ("our new house Sunnyside, 07911 123456", GB, "+447911123456"),
    ("my daughter Lucy and me, 07911 123456", GB, "+447911123456"),
    ("my buddy Mike referred me, 212-555-0143", US, "+12125550143"),
    ("call me, still on my german sim 0151 4428 9013", BotSettings(phone_region="AU"), "+4915144289013"),  # "sim": no name
    ("Контактное лицо — наш прораб Игорь, 8 916 123 45 67", RU, "+79161234567"),  # the contact the writer gives
    # Someone to call, said as a pronoun.
    ("звоните ему, 8 702 554 81 39, он решает", RU, None),
    ("call her: 07911 123456", GB, None),
    ("свяжитесь с ним, 8 916 123 45 67", RU, None),
    ("I'll tell him, call me on 07911 123456", GB, "+447911123456"),
    ("звоните мне, 8 916 123 45 67", RU, "+79161234567"),
    # Whose, with a word or two before the word for the contact.
    ("his aussie mobile is 07911 123456 but he's on nights", GB, None),
    ("её рабочий номер 8 916 123 45 67", RU, None),
    ("his aussie mobile is 07911 123456, ring me instead on 07911 123457", GB, "+447911123457"),
    ("for your records my number is 07911 123456", GB, "+447911123456"),
    # Their post, then their name in an apposition it closes, and what they will do: theirs, the writer's own after.
    ("Our ops lead, Rachel Kim, will coordinate: 646-555-0110. My cell is 718-555-0187", US, "+17185550187"),
    ("Our ops lead, Rachel Kim, will coordinate: 646-555-0110", US, None),
    ("Наш администратор, Инна, будет на связи: 8 916 204 37 81. Мой 8 926 771 30 55", RU, "+79267713055"),
    ("Вы теперь мой главный вариант, Оля 8 916 123-45-67", RU, "+79161234567"),  # no apposition: the writer signs
    ("Инна, наш офис-менеджер, будет координировать: 8 916 204 37 81", RU, None),
    # Whose, said by a possessive adjective, which the dictionary knows as a word of its own.
    ("дочкин 8 044 771 20 56, звоните ей", BotSettings(phone_region="BY"), None),
    ("это мамин телефон: 8 916 123 45 67", RU, None),
    ("звоните на мужнин, 8 916 123 45 67", RU, None),
    ("мой 8 916 123 45 67, мамин не даю", RU, "+79161234567"),
    ("Марина, 8 916 123 45 67", RU, "+79161234567"),
])
def test_whose_number_it_is(text: str, settings: BotSettings, phone: str | None) -> None:
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,email", [
    ("invoices to our accounts lady Sharon please, sharon.w@example-logistics.com.au, not to me", None),
    ("also cc our CTO Meenakshi, meenakshi@paylane.in", None),
    ("our accountant: ravi@paylane.in, me: anirudh@paylane.in", "anirudh@paylane.in"),
    ("my name is Sharon, sharon.w@example-logistics.com.au", "sharon.w@example-logistics.com.au"),
    # An address to send something to, said to be someone else's.
    ("please send the voucher straight to her: bella.rossi@gmail.com. I'm Gina", None),
    ("отправьте сертификат сразу ей на почту: bella@mail.ru", None),
    ("send it to me: gina@gmail.com", "gina@gmail.com"),
    ("send the quote to gina@gmail.com", "gina@gmail.com"),
    ("пишите на мамину почту olga.k@mail.ru", None),
])
def test_whose_email_it_is(text: str, email: str | None) -> None:
    assert extract_lead(text, settings=GB).email == email


@pytest.mark.parametrize("text,emails", [
    ("mail me at o'brien@gmail.com", ["o'brien@gmail.com"]),  # not also "brien@gmail.com"
    ("o'brien at gmail dot com", ["o'brien@gmail.com"]),
    ("it's anna at gmail dot com", ["anna@gmail.com"]),  # the "s" of "it's" is no spelled letter
    ("email: 'anna at gmail dot com'", ["anna@gmail.com"]),  # a quote is not part of the address
    ("write to sean.o'neill@example.ie or to o'brien at gmail dot com",
     ["sean.o'neill@example.ie", "o'brien@gmail.com"]),
    ("Dan's is dan at mail dot ru", ["dan@mail.ru"]),
])
def test_an_address_with_an_apostrophe_is_read_whole(text: str, emails: list[str]) -> None:
    assert [email for email, _ in find_emails(text)] == emails


@pytest.mark.parametrize("text,region,phone", [
    ("You can reach me on 98450 21736.", "IN", "+919845021736"),  # India writes its mobiles without the 0 too
    ("mobile 098450 21736", "IN", "+919845021736"),
    ("arayın 532 123 45 67", "TR", "+905321234567"),
    # ...not a landline there, nor a mobile of a country that always writes the 0, nor years.
    ("call 80 4123 4567", "IN", None),
    ("7911 123456", "GB", None),
    ("2024-2025", "IN", None),
])
def test_a_mobile_written_without_the_trunk_prefix_its_country_may_leave_out(text: str, region: str,
                                                                              phone: str | None) -> None:
    found = find_phones(text, region)
    assert (found[0][0] if found else None) == phone


@given(st.from_regex(r"[6-9][0-9]{9}", fullmatch=True), st.sampled_from([" ", "-", ""]))
def test_an_indian_mobile_reads_the_same_with_or_without_its_0(national: str, separator: str) -> None:
    written = f"{national[:5]}{separator}{national[5:]}"
    read = [[phone for phone, _ in find_phones(f"call me on {prefix}{written}", "IN")] for prefix in ("", "0", "+91 ")]
    assert read[1] == read[2] and read[1] in ([], [f"+91{national}"])
    assert read[0] in ([], read[1])  # without its "0": a mobile as with it, never another number; a landline none
    number = phonenumbers.parse(national, "IN")
    if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE and len(set(national[-7:])) > 3:
        assert read[0] == [f"+91{national}"]


# The same words give a contact up as the message gives it and take back the one stored before: one vocabulary.
@pytest.mark.parametrize("said", [
    "no longer works", "isn't mine", "is out of service", "is disconnected", "не работает", "уже не мой", "не актуален",
])
def test_a_number_given_up_is_neither_taken_nor_kept(said: str) -> None:
    settings = RU if said[0] in "ну" else US
    number, other = ("8 916 123 45 67", "8 926 222 33 44") if settings is RU else ("212-555-0143", "212-555-0199")
    assert extract_lead(f"{number} {said}, {other}", settings=settings).phone == phonenumbers.format_number(
        phonenumbers.parse(other, settings.region), phonenumbers.PhoneNumberFormat.E164)
    known = LeadData(phone=phonenumbers.format_number(phonenumbers.parse(number, settings.region), phonenumbers.PhoneNumberFormat.E164))
    word = "этот номер" if settings is RU else "that number"
    assert extract_lead(f"{word} {said}", settings=settings, known=known).retracted == ("phone",)
    assert extract_lead(f"{word} works fine", settings=settings, known=known).retracted is None


COMPANY = BotSettings.model_validate({"phone_region": "RU", "contacts": {
    "phone": "+73432887105", "email": "info@okna-dom.ru", "website": "https://okna-dom.ru"}})


@pytest.mark.parametrize("text,phone,email", [
    # The company's own line or mailbox quoted back, however written, is never the customer's.
    ("звонил на 8 (343) 288-71-05, никто не взял", None, None),
    ("писал на sales@okna-dom.ru, ответа нет", None, None),
    ("info собака okna-dom точка ru не отвечает", None, None),
    # ...and beside it, the customer's own is read.
    ("звонил на +7 343 288 71 05, не дозвонился, мой 8 912 345 67 89", "+79123456789", None),
    ("писал на info@okna-dom.ru, мой ящик ivan.petrov@mail.ru", None, "ivan.petrov@mail.ru"),
])
def test_the_companys_own_contact_quoted_back_is_not_the_customers(text: str, phone: str | None, email: str | None) -> None:
    lead = extract_lead(text, settings=COMPANY)
    assert (lead.phone, lead.email) == (phone, email)


@pytest.mark.parametrize("text,settings,name,phone", [
    # Someone named first who will see to the booking or be there: their number, and their name no writer's.
    ("Linda Carr will be the point of contact, 07911 123456", GB, None, None),
    ("HR's Leilani Faleolo will coordinate: (808) 555-0142", US, None, None),
    ("Инна Петровна будет на связи: 8 916 204 37 81", RU, None, None),
    ("Dave Smith will be there to let you in, 07911 123456", GB, None, None),
    ("Dave Smith will be there to let you in, 07911 123456. Me: Tom, 07822 456789", GB, "Tom", "+447822456789"),
    # ... not the writer who will.
    ("Tom here, I will coordinate: 07911 123456", GB, "Tom", "+447911123456"),
])
def test_someone_named_who_will_see_to_it_is_whose_number_follows(text: str, settings: BotSettings, name: str | None,
                                                                  phone: str | None) -> None:
    lead = extract_lead(text, settings=settings)
    assert (lead.name, lead.phone) == (name, phone)
