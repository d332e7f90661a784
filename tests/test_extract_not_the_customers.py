"""What a message says that is not about the customer: another person's phone or e-mail, numbers
that count, measure or price other things, and other people's names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesbot.extract import extract_lead
from salesbot.lead import PHONE_UNVERIFIED
from salesbot.models import BotSettings, LeadData

RU = BotSettings.model_validate({"phone_region": "RU", "offerings": [
    {"name": "Переезд", "synonyms": ["переезд"], "price": {"kind": "exact", "amount": 15_000, "currency": "RUB"}}]})
US = BotSettings.model_validate({"phone_region": "US", "offerings": [
    {"name": "Roof repair", "synonyms": ["roof"], "price": {"kind": "exact", "amount": 8000, "currency": "USD"}}]})
GB = BotSettings(phone_region="GB")


@pytest.mark.parametrize("text,settings,phone", [
    ("это номер жены 8 916 123 45 67, я сам без телефона", RU, None),
    ("звоните мне на 8 916 123 45 67 или жене 8 926 222 33 44", RU, "+79161234567"),
    ("по объекту звоните прорабу Сергею 8 926 222 33 44", RU, None),
    ("8 916 123 45 67 (это мамы), мой 8 926 222 33 44", RU, "+79262223344"),
    ("телефон получателя 8 903 111 22 33, он примет диван", RU, None),
    ("call the site manager Sergey on 212-555-0143", US, None),
    ("my wife's cell is 212-555-0143", US, None),
    ("I called your hotline 212-555-0143, nobody answered. Mine is 212-555-0199", US, "+12125550199"),
    ("the shop's number is 020 7946 0321, they'll hold the boat for me", GB, None),
    ("you can reach me on 07700 900123, my husband's is 07700 900456", GB, "+447700900123"),
    ("на вашем сайте указан 8 903 111 22 33, но там не берут трубку", RU, None),
    ("I tried 212-555-0100 from your website twice", US, None),
    ("на месте будет наш завхоз Ринат 8 987 111 22 33", RU, None),
    ("мой номер 8 916 123 45 67", RU, "+79161234567"),  # the writer's own, as before
    ("Thanks for your reply, 212-555-0143", US, "+12125550143"),
    ("звонил на 8 800 555 35 35, не дозвонился. мой 8 926 222 33 44", RU, "+79262223344"),  # toll-free: a business's
    ("I rang 0800 123 4567 but it's closed, I'm on 07700 900123", GB, "+447700900123"),
    ("звонила по номеру с сайта 8 (495) 765-43-21, никто не взял. мой 8 912 345-67-89", RU, "+79123456789"),
    ("8 916 234-56-78 это сестры номер, она в курсе. а мой 8 912 345-67-89", RU, "+79123456789"),
    ("мой 8 912 345-67-89, если не отвечу - звоните Сергею 8 916 234-56-78", RU, "+79123456789"),
    ("best to text my son Kevin, 212-555-0178, he handles this. I'm at 212-555-0143", US, "+12125550143"),
    ("call Steve on 07700 900456", GB, "+447700900456"),  # no other number: the writer's own, by name
    ("по телефону 385-60-02... ой это ваш номер 🙈 наш 8 812 640 71 19", RU, "+78126407119"),  # "наш": the writer's firm
    ("Our conveyancer is Helen Tran, 07 5550 3782. My mobile is 0491 570 158", BotSettings(phone_region="AU"), "+61491570158"),
    ("8-383-209-14-52 домашний, 8 913 018 77 40 мобильный, звоните лучше на мобильный", RU, "+79130187740"),
    ("лучше на рабочий: мобильный 8 912 345 67 89, рабочий 8 495 765 43 21", RU, "+74957654321"),
    ("home 0161 496 0123, mobile 07833 492107, best on mobile", GB, "+447833492107"),
    ("office 0161 496 0123, mobile 07833 492107 - the mobile is better", GB, "+447833492107"),  # the kind said first
    ("рабочий 8 495 765 43 21, мобильный 8 912 345 67 89, мобильный лучше", RU, "+79123456789"),
    ("8 916 111 22 33 не работает, пишите в вотсап 8 926 222 33 44", RU, "+79262223344"),
    ("07911 123456 (not 07911 123465)", GB, "+447911123456"),
    # Someone reached as the object of the sentence, however far back they were named.
    ("the roofer we used before is Dale Whitcombe, you could check the old job with him on 212-555-0177", US, None),
    ("у нас всем заведует бухгалтерия, если что звоните ей на 8 916 234-56-78", RU, None),
    # A number the writer dialled: whom they called (the company's other line, or anyone's), not theirs.
    ("I rang the depot on 0161 496 0555 yesterday, no answer", GB, None),
    ("звонила в салон по 8 812 640 71 19, сказали писать сюда", RU, None),
    ("I called you yesterday from 212-555-0177", US, "+12125550177"),  # from: the writer's own
    ("your line 020 7946 0321 is always busy; mine's 07700 900456", GB, "+447700900456"),
    # An e-mail written to dodge bots ("собака" is "@") makes no one else of the writer's phone beside it.
    ("ivan.petrov собака mail точка ru или звоните 8 916 123 45 67", RU, "+79161234567"),
    # The writer saying what they do is no one else: their number stays theirs.
    ("я прораб на объекте, звоните 8 912 345-67-89", RU, "+79123456789"),
    ("я сама риелтор, телефон 8 912 345-67-89", RU, "+79123456789"),
    ("работаю электриком, номер 8 912 345-67-89", RU, "+79123456789"),
    ("I'm a plumber myself, ring 07911 123456", GB, "+447911123456"),
    ("I'm Anna's husband, 07911 123456", GB, "+447911123456"),
    ("я прораб, а это номер хозяйки 8 912 345-67-89", RU, None),
    ("I'm the tenant, the landlord's number is 07911 123456", GB, None),
])
def test_a_phone_of_someone_else_is_not_the_customers(text: str, settings: BotSettings, phone: str | None) -> None:
    assert extract_lead(text, settings=settings, asked="phone").phone == phone


@pytest.mark.parametrize("text,settings,phone", [
    ("ищу прораба на дачу, 8 916 123 45 67", RU, "+79161234567"),
    ("нужен электрик срочно 8 916 123 45 67", RU, "+79161234567"),
    ("looking for a good roofer, 07911 123456", GB, "+447911123456"),
    ("we need an electrician for the kitchen, 212-555-0143", US, "+12125550143"),
    # ...but a sought person's number is theirs.
    ("нужен номер прораба 8 916 123 45 67", RU, None),
    ("I need my plumber's number 212-555-0143", US, None),
])
def test_the_help_the_writer_looks_for_is_no_one_whose_number_it_is(text: str, settings: BotSettings,
                                                                    phone: str | None) -> None:
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,settings,phone", [
    ("my old number was 212-555-0143", US, None),
    ("don't call 212-555-0143 anymore, it's not mine", US, None),
    ("не звоните на 8 916 123 45 67, он больше не мой", RU, None),
    ("8 916 123-45-67 не мой", RU, None),
    ("8 916 123 45 67 уже не актуален", RU, None),
    ("212-555-0143 isn't mine, it's my ex's", US, None),
    ("8 916 123-45-67 — это не мой, мой 8 926 222 33 44", RU, "+79262223344"),
    # A number someone else gave the writer: whose it is, not theirs.
    ("мне дали номер 8 916 123 45 67, сказали звонить вам", RU, None),
    ("someone gave me 212-555-0143, is that you?", US, None),
    # ...but a new number, a number that still works, an old house and a time not to call leave it the writer's.
    ("my new number is 212-555-0143", US, "+12125550143"),
    ("212-555-0143, old number but still works", US, "+12125550143"),
    ("8 916 123 45 67, старый фонд, 3 этаж", RU, "+79161234567"),
    ("212-555-0143 dead tree in the yard", US, "+12125550143"),
    ("не звоните до 18:00, мой 8 916 123 45 67", RU, "+79161234567"),
    ("please don't call, text me on 212-555-0143", US, "+12125550143"),
    ("я вам дал свой номер 8 916 123 45 67", RU, "+79161234567"),
])
def test_a_number_the_writer_disowns_or_was_given_is_not_theirs(text: str, settings: BotSettings,
                                                                phone: str | None) -> None:
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,settings,phone", [
    ("номер продавца 8 916 123 45 67", RU, None),
    ("Иван Петрович, продавец, 8 916 123 45 67", RU, None),
    ("телефон бывшего владельца 8 916 123 45 67, а мой 8 926 222 33 44", RU, "+79262223344"),
    ("the seller's number is 212-555-0143", US, None),
    ("Jim (seller) 212-555-0143", US, None),
    ("the previous owner left 212-555-0143", US, None),
    ("the owner's cell is 212-555-0143", US, None),
    ("номер владельца квартиры 8 916 123 45 67", RU, None),
    ("the number on the ad was 212-555-0143", US, None),
    ("I got 212-555-0143 from the ad", US, None),
    # ...the writer who is the seller or owner, or who found the company through an ad, keeps theirs.
    ("I'm the seller of the old piano, call me at 212-555-0143", US, "+12125550143"),
    ("я собственник, 8 916 123 45 67", RU, "+79161234567"),
    ("Jane Smith, owner of Smith Bakery, 212-555-0143", US, "+12125550143"),
    ("I found you on an ad, 212-555-0143", US, "+12125550143"),
    ("me and the seller, 212-555-0143", US, "+12125550143"),
])
def test_a_sellers_an_owners_or_an_ads_number_is_not_the_customers(text: str, settings: BotSettings,
                                                                   phone: str | None) -> None:
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,settings,phone", [
    # Whose the number is, by a name: someone else's even alone.
    ("Dave's cell 212-555-0143", US, None),
    ("Number for Dave: 212-555-0143", US, None),
    ("номер Сергея 8 916 123 45 67", RU, None),
    ("мой номер Ирина 8 916 123 45 67", RU, "+79161234567"),  # a nominative name signs the writer's own
])
def test_a_number_said_to_be_a_named_persons_is_theirs(text: str, settings: BotSettings, phone: str | None) -> None:
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,settings,phone", [
    # Whom to ask for, deal with or find on site by name, once the writer has given their own number.
    ("спросите Ольгу, 8 916 123 45 67", RU, None),
    ("можете связаться с Сергеем по 8 916 123 45 67", RU, None),
    ("you can coordinate with Dave at 212-555-0143", US, None),
    ("keys are with Dave, 212-555-0143", US, None),
    ("ключи у Сергея, 8 916 123 45 67", RU, None),
    ("Mike will be there to let you in, 212-555-0143", US, None),
    ("Dave has the keys, 212-555-0143", US, None),
    ("дверь откроет Ирина, 8 916 123 45 67", RU, None),
    ("на объекте будет Сергей Иванович, 8 916 123 45 67", RU, None),
    # ...but the writer who says they will be there gives a new number of their own.
    ("I'm Dave, I'll be there to let you in, 212-555-0143", US, "+12125550143"),
    ("Это Сергей, 8 916 123 45 67", RU, "+79161234567"),
])
def test_someone_named_to_deal_with_on_site_does_not_replace_the_writers_number(text: str, settings: BotSettings,
                                                                                phone: str | None) -> None:
    assert extract_lead(text, settings=settings, known=LeadData(phone="+79998887766")).phone == phone


@pytest.mark.parametrize("earlier,text,settings,phone", [
    # Whose the number is, said in the message sent just before it.
    ("вот номер прораба:", "8 916 123 45 67", RU, None),
    ("my wife's number:", "212-555-0143", US, None),
    ("my old number was", "212-555-0143", US, None),
    ("номер жены 8 916 123", "45 67", RU, None),  # split over the two
    # ...or the writer's own, or a previous message about something else.
    ("мой номер:", "8 916 123 45 67", RU, "+79161234567"),
    ("what's your number?", "212-555-0143", US, "+12125550143"),
    ("moving my mom's stuff", "212-555-0143", US, "+12125550143"),
    ("мой номер телефона, жена тоже может ответить", "8 916 123 45 67", RU, "+79161234567"),
])
def test_whose_a_number_is_said_in_the_message_before(earlier: str, text: str, settings: BotSettings,
                                                      phone: str | None) -> None:
    assert extract_lead(text, settings=settings, earlier=[earlier]).phone == phone


@pytest.mark.parametrize("text,settings,phone,name", [
    # Someone named who may answer or call too shares the writer's line: the number stays the writer's.
    ("Ксения, муж Олег тоже может позвонить, 8 916 234-56-78", RU, "+79162345678", "Ксения"),
    ("Ксения 8 916 234-56-78 (сын иногда отвечает)", RU, "+79162345678", "Ксения"),
    ("Hannah Price 07911 123456 (my partner Lee might answer)", GB, "+447911123456", "Hannah Price"),
    ("it's Hannah, my husband may pick up too, 07911 123456", GB, "+447911123456", "Hannah"),
    # ...or who recommended the company, or with whom the writer is.
    ("my friend Sarah recommended you, 07911 123456", GB, "+447911123456", None),
    ("подруга посоветовала вас, 8 916 234-56-78", RU, "+79162345678", None),
    ("We (me and my wife) are on 07911 123456", GB, "+447911123456", None),
    ("мы с мужем, 8 916 234-56-78", RU, "+79162345678", None),
    # ...but not one the writer sends the company to, nor one whose the number is said to be.
    ("if no answer, my wife suggested trying her on 07911 123456", GB, None, None),
    ("Ксения. если не отвечу, может ответить муж: 8 916 234-56-78", RU, None, "Ксения"),
    ("Hannah. my husband might answer on 07911 123456", GB, None, "Hannah"),
    ("Hannah. if I'm out try my husband Lee 07911 123456", GB, None, "Hannah"),
])
def test_a_person_who_may_answer_too_leaves_the_number_the_writers(text: str, settings: BotSettings, phone: str | None,
                                                                    name: str) -> None:
    lead = extract_lead(text, settings=settings, asked="phone")
    assert (lead.phone, lead.name) == (phone, name)


@pytest.mark.parametrize("text,settings,phone", [
    # The writer named, then described as someone's relative: the number stays theirs.
    ("Lucy (Tom's mum) 07911 123456", GB, "+447911123456"),
    ("Sam, Jo's husband: 07911 123456", GB, "+447911123456"),
    ("Анна, мама Кирилла, 8 916 234-56-78", RU, "+79162345678"),
    ("Ольга, бабушка Сони, 8 916 234-56-78", RU, "+79162345678"),
    # ...but a relative named after the writer is that relative, with their number.
    ("Игорь, жена Лена 8 916 234-56-78", RU, None),
    ("Игорь, жена Алла 8 916 234-56-78", RU, None),  # "Алла", not the genitive of "Алл"
    ("Sam, wife Jo: 07911 123456", GB, None),
])
def test_the_writer_described_as_someones_relative_keeps_their_number(text: str, settings: BotSettings,
                                                                       phone: str | None) -> None:
    assert extract_lead(text, settings=settings, asked="contact").phone == phone


@pytest.mark.parametrize("text,settings,phone,name", [
    # The contact person the writer gives, named by their post: the lead's contact, whoever they are.
    ("contact person: site manager Dale Reyes, 07911 123456", GB, "+447911123456", "Dale Reyes"),
    ("Contact person: our site manager Dale Reyes 07911 123456", GB, "+447911123456", "Dale Reyes"),
    ("Контактное лицо — прораб Игорь, 8 916 234-56-78", RU, "+79162345678", "Игорь"),
    ("контактное лицо прораб, 8 916 234-56-78", RU, "+79162345678", None),  # a post, and no name
    ("contact the site manager on 07911 123456", GB, None, None),  # whom to reach, not the contact person
])
def test_the_contact_person_named_by_their_post_is_the_leads_contact(text: str, settings: BotSettings, phone: str | None,
                                                                     name: str | None) -> None:
    lead = extract_lead(text, settings=settings, asked="contact")
    assert (lead.phone, lead.name) == (phone, name)


def test_the_writers_unlisted_number_beside_someone_elses_valid_one_is_kept_flagged() -> None:
    lead = extract_lead("Imogen, 07700 900123. If I don't pick up, my son Tom: 07911 123456", settings=GB, asked="phone")
    assert (lead.phone, lead.details.get(PHONE_UNVERIFIED)) == ("+447700900123", True)


def test_a_named_persons_number_beside_the_writers_own_is_theirs_and_so_is_the_name() -> None:
    lead = extract_lead("мой 8 912 345-67-89, если не отвечу - звоните Сергею 8 916 234-56-78", settings=RU, asked="phone")
    assert (lead.phone, lead.name) == ("+79123456789", None)
    known = LeadData(name="Kate", phone="+447911123456")
    later = extract_lead("if I don't pick up, ring Tom on 07922 654321 instead", settings=GB, known=known)
    assert (later.phone, later.name) == (None, None)
    apposed = extract_lead("8 912 345-67-89 — мой, 8 916 234-56-78 — Дима, прораб. Я Ольга", settings=RU)
    assert (apposed.phone, apposed.name) == ("+79123456789", "Ольга")


@pytest.mark.parametrize("text,phone", [
    ("ещё можно на рабочий 8 495 234-56-78", None),  # one more way to reach them: the first number stays
    ("you can also reach me at work on 0113 496 0123", None),
    ("или на рабочий 8 495 234-56-78", None),
    ("ой, лучше звоните на другой номер 8 916 234-56-78", "+79162345678"),
    ("sorry, use 07922 654321 instead, that's my new number", "+447922654321"),
    ("8 916 234-56-78", "+79162345678"),  # given again without a word: the last one given
])
def test_a_later_number_replaces_the_first_unless_only_added(text: str, phone: str | None) -> None:
    known = LeadData(phone="+79123456789")
    settings = GB if any(letter.isascii() and letter.isalpha() for letter in text) else RU
    assert extract_lead(text, settings=settings, known=known).phone == phone


@pytest.mark.parametrize("text,email", [
    ("счета лучше на почту нашего бухгалтера buh@vektor-stroy.ru", None),
    ("email our accountant at books@harbourfoods.co.uk, I'm on tom.reed@gmail.com", "tom.reed@gmail.com"),
    ("my email is kate.l@outlook.com", "kate.l@outlook.com"),
    ("send the quote to our office manager Priya priya.n@harbourlegal.com.au I'm Ben", None),
])
def test_an_email_of_someone_else_is_not_the_customers(text: str, email: str | None) -> None:
    assert extract_lead(text, settings=GB).email == email


@pytest.mark.parametrize("text,settings", [
    ("залог 50 тыщ внесём сразу", RU),
    ("в прошлый раз заплатили 40 тысяч за переезд", RU),
    ("вес груза около 800 кило", RU),
    ("the panels we saw were $350 each", US),
    ("the piano is about 300 lbs", US),
    ("last time the roof cost us 12,000", US),
    ("стоимость у соседей была 450 тысяч", RU),
    ("I sold my last boat for 18k", GB),
    ("mooring costs me £3,000 a year", GB),
])
def test_numbers_that_are_not_a_budget(text: str, settings: BotSettings) -> None:
    assert extract_lead(text, settings=settings).budget_amount is None


@pytest.mark.parametrize("text,settings,amount", [
    ("депозит 20 тысяч внесём, а всего бюджет 150 тыс", RU, Decimal(150_000)),
    ("deposit of $500 is fine, total budget around 9k", US, Decimal(9000)),
    ("готовы отдать тысяч 30", RU, Decimal(30_000)),
    ("до 1500 за занятие", RU, Decimal(1500)),  # a rate per lesson is what they will pay
    ("I sold my old boat, so I have about 20k", GB, Decimal(20_000)),
    ("у соседей вышло 45 тысяч, нам бы дешевле, тысяч 30", RU, Decimal(30_000)),  # the named figure, not the one to beat
])
def test_the_budget_beside_other_money(text: str, settings: BotSettings, amount: Decimal) -> None:
    assert extract_lead(text, settings=settings).budget_amount == amount


@pytest.mark.parametrize("text,settings,name", [
    ("We'd like to book for our cat, Luna", US, None),
    ("our dog, Bella, is 7 and limping", US, None),
    ("собака Рекс, овчарка, 5 лет", RU, None),
    ("на объекте прораб Сергей, а я Павел", RU, "Павел"),
    ("У аппарата Виктор", RU, "Виктор"),
    ("Вас беспокоит Наталья, по поводу переезда", RU, "Наталья"),
    ("имя Ольга", RU, "Ольга"),
    ("Ben speaking, I rang earlier about the boat", GB, "Ben"),
    ("Спросите меня, Олега", RU, "Олег"),
    ("попросите к телефону Олю", RU, "Оля"),
    ("call 212-555-0187 and ask for me, Rachel", US, "Rachel"),
    ("Меня беспокоит зуб", RU, None),
    ("позовите Марину, 8 912 345 67 89", RU, "Марина"),  # accusative after "позовите": not the man's name Марин
    ("спросите Юлию или Олесю", RU, "Юлия"),
    ("Rose Miller (my grandma), I'm just helping", US, None),
    ("Виктор Семёнович, это мой папа, я его дочь Оля", RU, "Оля"),
    ("Hello, Claire from Dr. Patel's office here, our roof leaks", GB, "Claire"),
    ("Booking for my mother-in-law, Doris", US, None),
    ("Jack Donnelly (my partner Mia might call too)", GB, "Jack Donnelly"),  # the partner is Mia
    ("-67-05, и звать Марину к телефону", RU, "Марина"),
    ("Андрей и Ира, пишет Андрей", RU, "Андрей"),
    ("все вопросы к классной руководительнице, Елена Викторовна, я только деньги собираю", RU, None),
    ("Кириллов Андрей, директор. ИНН 7813654321 если нужно для договора", RU, "Кириллов Андрей"),
    ("Thank you\nOksana Melnyk", GB, "Oksana Melnyk"),  # thanks on a line of its own, then the signature
    ("Thank you Oksana!", GB, None),
    ("Fri 12 - Sun 14 March", GB, None), ("June 12, 2027", US, None),
    ("Clifton, Bristol, flat above a shop", GB, None),  # a district and its city
    ("Это снова Алина, по поводу окон", RU, "Алина"), ("hi its me, priya, from earlier", GB, "Priya"),
    ("It is Hamza from Leeds", GB, "Hamza"), ("Это снова течёт кран", RU, None), ("it is what it is", GB, None),
    ("Добрый день. Наталья меня зовут, нужны окна", RU, "Наталья"), ("Кстати меня зовут Олег", RU, "Олег"),
    ("Как меня зовут", RU, None),
    # A relative, then their name in brackets, is someone else's.
    ("Жена (Карина) считает, что лучше белый", RU, None), ("my partner (Sam) wants the bigger one", US, None),
    # Two people named together: which one writes is said after, if at all.
    ("it's Owen and Ffion, I'm Ffion", GB, "Ffion"), ("это Гриша и Вера", RU, None),
    # "Co" (a county), "Te" are no first names, though a dictionary of names lists them.
    ("Ballyrush, Co. Sligo, near the lake", GB, None),
    ("Its Niamh from Galway", GB, "Niamh"),  # a name and a place in a short message: both, the place no part of the name
])
def test_the_customers_own_name_and_not_others(text: str, settings: BotSettings, name: str | None) -> None:
    assert extract_lead(text, settings=settings).name == name


@pytest.mark.parametrize("text,settings,name", [
    # Named in a sentence about someone else, or described by an age after the sentence before named them.
    ("Записать ребёнка на английский, Артём, 9 лет", RU, None),
    ("Нужен репетитор для дочери. Полина, 7 класс, математика", RU, None),
    ("Маме 78 лет, Валентина Степановна, нужна сиделка на дом", RU, None),
    ("Ребёнку нужен логопед. Зовут Соня, 5 лет", RU, None), ("Собака, зовут Грета, лабрадор", RU, None),
    ("Встречать будет мой отец — Виктор Андреевич", RU, None), ("Lesson for my kid - Ethan, age 11", GB, None),
    ("Patient: Margaret Cole, 81, my grandmother", GB, None),
    ("брат брал у вас машину в прошлом году, Ерлан Жумабеков, он вас и посоветовал", RU, None),
    ("The previous guy, Steve, botched the tiling in the shower", US, None),
    ("My roommate Tariq will let you in", US, None), ("наш квартирант Бахтиёр откроет дверь", RU, None),
    # ... but the writer signing, or beside their contact, after speaking of a relative.
    ("Нужен репетитор для дочери, 7 класс.\nАнна", RU, "Анна"),
    ("Lessons for my son, he's 8. Kate, 0117 496 0123", GB, "Kate"),
    ("Нужна секция для сына. Зовут меня Ольга", RU, "Ольга"),
    # The bot's persona or the company's staff, called by name: addressed, thanked, not signed.
    ("Марина, а сколько стоит доставка?", RU, None), ("Ольга, подскажите, есть ли рассрочка?", RU, None),
    ("Kate, do you do weekends?", GB, None), ("Thanks Kate!", GB, None), ("Спасибо, Ольга, всё понятно", RU, None),
    ("Марина, 8 916 234 56 78", RU, "Марина"), ("Kate Morgan, do you do weekends?", GB, "Kate Morgan"),
    ("503 555 0152\nthanks, Tunde", US, "Tunde"),  # after the writer's contact: signed
])
def test_a_name_of_someone_the_writer_speaks_of(text: str, settings: BotSettings, name: str | None) -> None:
    assert extract_lead(text, settings=settings, asked="contact").name == name


@pytest.mark.parametrize("text,asked,known,name", [
    ("это пусть директор решает, Виктор Палыч", None, "Валентина", None),  # mentioned after the writer gave theirs
    ("если не возьму жену спросите Эльвиру", None, "Ринат", None),
    ("спросите Ольгу", None, None, "Ольга"),
    ("Liberty Village", "location", None, None),
    ("Élodie Tremblay", "name", None, "Élodie Tremblay"),
    ("past the river, Te Awa", "location", None, None),
    ("Kyle, TX", "location", None, None), ("Tyler, TX", None, None, None),  # a town and its state's code
    # Asked for the name, a reply running on into its next clause.
    ("marta nowicka my son might ring you as well", "name", None, "Marta Nowicka"),
    ("Олег и я будем на связи", "name", None, "Олег"),
    # Whatever was asked, a first name with a surname opening a reply that runs on.
    ("beth kowalczyk my husband tom might call too", "timeline", None, "Beth Kowalczyk"),
    ("анна петрова мой муж тоже позвонит", None, None, "Анна Петрова"),
    ("tom will call you", None, None, None), ("Ivan and I would like a quote", None, None, None),
])
def test_a_name_read_in_its_conversation(text: str, asked: str | None, known: str | None, name: str | None) -> None:
    assert extract_lead(text, settings=GB, asked=asked, known=LeadData(name=known)).name == name


@pytest.mark.parametrize("text,settings,name", [
    # A name no dictionary knows, written right beside the writer's contact, or opening the message giving one.
    ("пишите на +7 916 555 12 34, Жандос", RU, "Жандос"),
    ("диктую девять один шесть пять пять пять двенадцать тридцать четыре Нурлыбек", RU, "Нурлыбек"),
    ("Ngaire Whatu, reach me any evening on 07700 900123", GB, "Ngaire Whatu"),
    ("Kofi Mensah / kofi.mensah@example.com / 07700 900123", GB, "Kofi Mensah"),
    ("WhatsApp +7 916 555 12 34", RU, None),  # a brand beside a number is no name
    ("Срочно, +7 916 555 12 34", RU, None), ("Evenings, 07700 900123", GB, None),
    ("Рублёвка, +7 916 555 12 34", RU, None),  # a place the world knows
    ("Ngozi Okafor 07700 900123", GB, "Ngozi Okafor"),  # a town is called Ngozi, but no town is "Ngozi Okafor"
    ("Leeds office 0113 496 0123", GB, None),
    ("My cell is (503) 555-0199. Kwame", US, "Kwame"),  # after the contact and a full stop: signed
    # A contact's label is no name; between a signature's name and its contact it stands as punctuation does.
    ("Viber: +375 29 655 31 08", RU, None), ("Ватсап 8 916 555 12 34", RU, None), ("Email: kofi.m@example.com", GB, None),
    ("Chinedu Okoro\nMobile: 07700 900456\nEmail: chinedu.o@example.com", GB, "Chinedu Okoro"),
    ("Keisha W. 503-555-0154", US, "Keisha W."),  # the surname's initial, as signed
    # Thanks and a name ending a message that gives a contact: signed ("Thank you Oksana!" alone thanks Oksana).
    ("my number is 07700 900123 thank you Imogen", GB, "Imogen"),
    ("почта olga.k@example.ru, спасибо, Ольга", RU, "Ольга"),
    # The fullest form the message gives: with the surname, though the one to ask for is named shorter.
    ("По оплате — Инна Павловна Гусева, 8 916 555 12 34, спросить Инну Павловну", RU, "Инна Павловна Гусева"),
])
def test_a_name_beside_the_writers_contact(text: str, settings: BotSettings, name: str | None) -> None:
    assert extract_lead(text, settings=settings, asked="contact").name == name


@pytest.mark.parametrize("text,name", [
    ("петров иван", "Петров Иван"),
    ("Ахмедова Гульнара Ринатовна", "Ахмедова Гульнара Ринатовна"),
    ("синий иван", None),
])
def test_a_surname_given_before_the_first_name(text: str, name: str | None) -> None:
    assert extract_lead(text, settings=RU, asked="name").name == name


@pytest.mark.parametrize("text,amount", [
    ("на месяц 40 тыс", Decimal(40_000)),
    ("no more than $250 every month", Decimal(250)),
    ("five hundred a month", Decimal(500)),
])
def test_a_monthly_budget(text: str, amount: Decimal) -> None:
    lead = extract_lead(text, settings=US if text.isascii() else RU, asked="budget")
    assert (lead.budget_amount, lead.budget_period) == (amount, "month")


@pytest.mark.parametrize("text,settings,phone", [
    # Whose the messenger is: "his WhatsApp", "её вайбер"; the writer's own dictated after it.
    ("his whatsapp is +380 67 123 45 67 for the documents. mine: two one two, five five five, zero one four three", US,
     "+12125550143"),
    ("её вайбер +375 29 123 45 67", RU, None),
    # Something's number, named by its possessive: the venue's, the school's.
    ("the venue's landline is 0161 496 0733, my mobile is 07922 418305", GB, "+447922418305"),
    ("the school office's number is 0117 496 0555", GB, None),
    # A number that rang the writer is whoever rang.
    ("I got a missed call from 0117 496 0555, was it you?", GB, None),
    ("Мне звонили с номера 8 495 123 45 67 по поводу заказа", RU, None),
    ("пропущенный с 8 495 123 45 67", RU, None),
    ("had a call from 212-555-0143 about the roof", US, None),
    # ... but the writer calling from their own is theirs.
    ("I'll call from 212-555-0143 later", US, "+12125550143"),
    # Whom to call by their post, declined as an adjective: "управляющему", "заведующей".
    ("по ключам звоните управляющему Ашоту +374 91 40 22 63, или мне, +7 926 318 05 44", RU, "+79263180544"),
    # A digit, a full stop, then the number: two things, not one run of digits.
    ("ой, ошиблась, не 4. 8 923 118 40 75", RU, "+79231184075"),
])
def test_another_persons_or_things_number_in_more_shapes(text: str, settings: BotSettings, phone: str | None) -> None:
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,email", [
    # The writer preferring an address to the number of an ad: "I'd" is the writer.
    ("the flyer said ring 254-555-0100 but I'd rather email: jt.marsh77@yahoo.com", "jt.marsh77@yahoo.com"),
    # Someone to write to, as a pronoun: the address is theirs, and the writer's number stays.
    ("he'd like you to email him directly, kofi.mensah@outlook.com, but call me for the booking", None),
    # Of two addresses the first written is the writer's, however it is spelt.
    ("write to anna dot k at mail dot ru, and cc my accountant, books@firm.ru", "anna.k@mail.ru"),
])
def test_whose_an_address_is(text: str, email: str | None) -> None:
    assert extract_lead(text, settings=US).email == email


@pytest.mark.parametrize("text,phone", [
    # The writer giving themselves as the contact, with their post: the number is theirs.
    ("Contact: Hollis Greenaway, practice manager, 07384 551 920", "+447384551920"),
    ("С уважением,\nИрина Котова, бухгалтер, 8 916 123 45 67", "+79161234567"),
    # ... not someone whose post is the writer's, nor a seller named with his.
    ("Contact: Hollis, my wife, 07384 551 920", None),
    ("Иван Петрович, продавец, 8 916 123 45 67", None),
])
def test_a_post_after_the_name_the_writer_signs_with_is_theirs(text: str, phone: str | None) -> None:
    settings = GB if text.isascii() else BotSettings(phone_region="RU")
    assert extract_lead(text, settings=settings).phone == phone


@pytest.mark.parametrize("text,settings,phone", [
    # Who has the keys or meets the company is someone else, whoever writes.
    ("the keys are with Mrs Okafor at no. 7, 07922 654321", GB, None),
    ("ключи у Галины, 8 926 222 33 44", RU, None),
    # A person's word alone after the number labels it.
    ("8 926 222 33 44 муж", RU, None),
    ("07922 654321 wife. mine is 07911 123456", GB, "+447911123456"),
    # Whoever came or is to come from the company, by their post.
    ("your engineer Dave (07922 654321) never turned up", GB, None),
    ("ваш замерщик 8 926 222 33 44 не перезвонил", RU, None),
    # A number that rang the writer, said after it.
    ("someone on 0117 496 0555 rang me about a quote", GB, None),
    # The building's management or desk.
    ("телефон УК 8 495 765 43 21, они дадут допуск", RU, None),
    ("номер диспетчерской 8 495 765 43 21", RU, None),
    ("the HOA phone is 212-555-0188", US, None),
    # The writer chairing it gives their own all the same.
    ("Председатель ТСЖ Наталья Киселёва, 8 922 123 45 67", RU, "+79221234567"),
    # A number the writer dialled.
    ("I tried 0117 496 0800 yesterday, nobody picked up", GB, None),
])
def test_numbers_of_people_and_places_around_the_writer(text: str, settings: BotSettings, phone: str | None) -> None:
    assert extract_lead(text, settings=settings).phone == phone


def test_an_address_the_writer_wrote_to_is_not_theirs() -> None:
    assert extract_lead("писала вам на zakaz@okna-dom.ru, ответа нет", settings=RU).email is None


@pytest.mark.parametrize("text,name,phone", [
    # The writer's own post, then their name and number, opening the message: theirs.
    ("прораб Тимур Гасанов 8 928 104 55 63", "Тимур Гасанов", "+79281045563"),
    ("Добрый день, бухгалтер Лилия Рашидовна, 8 917 234 56 78", "Лилия Рашидовна", "+79172345678"),
    ("управляющая Эльвира Маратовна", "Эльвира Маратовна", None),
    # Someone's post, or one named once the message has begun, or no name after it: someone else.
    ("наш прораб Тимур Гасанов 8 928 104 55 63", None, None),
    ("нужна кабина на объект. прораб Тимур Гасанов 8 928 104 55 63", None, None),
    ("сын Кирилл 8 928 104 55 63", None, None),
])
def test_a_post_opening_the_message_is_the_writers(text: str, name: str | None, phone: str | None) -> None:
    lead = extract_lead(text, settings=RU, asked="contact")
    assert (lead.name, lead.phone) == (name, phone)


def test_a_post_with_no_name_after_it_opening_the_message_is_still_someone_else() -> None:
    assert extract_lead("менеджер дал sales@okna-dom.ru, это ваш?", settings=RU).email is None
