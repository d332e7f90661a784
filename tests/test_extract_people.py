"""Names and e-mails as careful readers of many cultures read them: a surname before the first name, a
surname's particles, names the Russian dictionary lacks in the cases whom-to-ask-for takes, and addresses in
any script and spacing; never someone else's name nor the company's own address."""

from __future__ import annotations

import pytest

from salesbot.extract import extract_lead, find_emails
from salesbot.models import BotSettings

RU = BotSettings(phone_region="RU")
GB = BotSettings(phone_region="GB")
US = BotSettings(phone_region="US")


@pytest.mark.parametrize("text,settings,name", [
    # A surname that a town's name shares ("Иваново"), before a first name, beside the number.
    ("Королёва Анна 8 903 555 12 34", RU, "Королёва Анна"),
    ("Иванова Галина, 8 926 111 22 33", RU, "Иванова Галина"),
    # A surname's particles, between its words.
    ("Regards,\nLisa de Vries\n07911 123456", GB, "Lisa de Vries"),
    ("my name is Johan van der Merwe", GB, "Johan van der Merwe"),
    ("Maria dos Santos, 07911 123456", GB, "Maria dos Santos"),
    # A town and its state or county before the name: the state is no name.
    ("We're up in Bozeman, Montana. Dale Kowalczyk, cell 406-555-0188", US, "Dale Kowalczyk"),
    # Booking under a name.
    ("запишите меня, тамара, 8 903 555 12 34", RU, "Тамара"),
    ("put me down as Fiona please, 07911 123456", GB, "Fiona"),
])
def test_a_name_beside_the_contact_in_many_shapes(text: str, settings: BotSettings, name: str) -> None:
    assert extract_lead(text, settings=settings, asked="contact").name == name


@pytest.mark.parametrize("text,name", [
    ("спросите Гулнору, 8 903 555 12 34", "Гулнора"),  # known only as spelt in Latin letters ("Gulnora")
    ("позовите Жахонгира, 8 903 555 12 34", "Жахонгир"),
    ("звоните Жахонгиру 8 903 555 12 34", "Жахонгир"),
    # The name before the verb, as Russian may put it.
    ("номер 8 903 555 12 34, Гулнору спросите", "Гулнора"),
    ("8 903 555 12 34 Светлану Петровну попросите", "Светлана Петровна"),
    ("8 903 555 12 34, попросить Гулнору", "Гулнора"), ("просите Гулнору", "Гулнора"), ("Гулнору позвать", "Гулнора"),
    ("спросите Николаевну", "Николаевна"),  # a patronymic people call by, in the nominative
    ("07911 123456, ask to speak to Sarah", "Sarah"),
])
def test_whom_to_ask_for_in_the_nominative_when_only_its_latin_spelling_is_known(text: str, name: str) -> None:
    assert extract_lead(text, settings=RU).name == name


def test_whom_to_ask_for_is_someone_else_when_the_writer_says_he_or_she() -> None:
    text = "At the warehouse ask for Dewi on the forklift, he'll load it. Me: 07911 123456"
    assert extract_lead(text, settings=GB).name is None


@pytest.mark.parametrize("text,settings,name", [
    # After a greeting of the writer's culture, a name no dictionary knows.
    ("Салам, это Гурбангулы", RU, "Гурбангулы"),
    ("Kia ora, it's Wiremu", GB, "Wiremu"),
    # The name ends where a word no name has begins.
    ("Hi this is Oluwaseun from Lagos", GB, "Oluwaseun"),
    # A title with initials.
    ("Kind regards, Mrs J. Hughes", GB, "Mrs J. Hughes"),
    ("Best wishes,\nDr A. K. Sharma", GB, "Dr A. K. Sharma"),
    # A Vietnamese name, whose given name after the middle name is a word elsewhere ("an", "do").
    ("my name is Nguyen Van An", GB, "Nguyen Van An"),
    ("Tran Thi An, 07911 123456", GB, "Tran Thi An"),
    # A message that is only a signature: a sign-off no one addresses a person with, or a name on a line of its own.
    ("Kind regards, Olumide", GB, "Olumide"),
    ("Regards\nOlumide", GB, "Olumide"),
    ("С уважением, Нурлыбек", RU, "Нурлыбек"),
    ("cheers\nRuaridh", GB, "Ruaridh"),
    ("Anna from the Leeds office here", GB, "Anna"),
    ("ok, I'll have a think. Cheers, Sydney", GB, "Sydney"),  # no one signs with a town: a first name a town has too
    ("Спасибо. С уважением, Владимир", RU, "Владимир"),
])
def test_a_self_introduction_in_many_cultures(text: str, settings: BotSettings, name: str) -> None:
    assert extract_lead(text, settings=settings).name == name


@pytest.mark.parametrize("text,name", [
    ("Мельник Степан", "Мельник Степан"),  # a surname that is also a word (a miller), before a first name
    ("Олена Ткач", "Олена Ткач"),  # "Олена" known only as "Olena", "ткач" a weaver
])
def test_the_whole_reply_to_the_name_question_with_a_surname_no_dictionary_gives(text: str, name: str) -> None:
    assert extract_lead(text, settings=RU, asked="name").name == name


def test_a_surname_that_is_a_word_is_no_name_unless_the_name_was_asked() -> None:
    assert extract_lead("Мельник Степан", settings=RU, asked="budget").name is None


@pytest.mark.parametrize("text,settings,name", [
    # The contact person, with a colon or not, and their post before the name.
    ("Контактное лицо — главный инженер Дементьева Ольга Игоревна, 8 903 555 12 34", RU, "Дементьева Ольга Игоревна"),
    ("пишите на zakaz@example.ru, контактное лицо Гусева Алла", RU, "Гусева Алла"),
    ("Contact person Dale Reyes, dale.reyes@example.com", GB, "Dale Reyes"),
    # A first name known only as spelt in Latin ("Olena"), and a surname that is a trade, beside the contact.
    ("Олена Ткач, 8 903 555 12 34", RU, "Олена Ткач"),
    # A Chinese given name that ends as an English "-ing" word does.
    ("Xu Ming, 138 0013 8000", BotSettings(phone_region="CN"), "Xu Ming"),
    # Two people named, then which one writes, and a name no dictionary knows said by "I'm" beside the number.
    ("Wiremu and Kate here, I'm Wiremu. 021 458 3307", BotSettings(phone_region="NZ"), "Wiremu"),
])
def test_a_name_beside_a_contact_that_rules_for_other_words_used_to_lose(text: str, settings: BotSettings, name: str) -> None:
    assert extract_lead(text, settings=settings, asked="contact").name == name


@pytest.mark.parametrize("text,name", [
    ("Айгерим Серікқызы", "Айгерим Серікқызы"),  # a Kazakh patronymic: "daughter of Серік"
    ("Тимур Ерланұлы", "Тимур Ерланұлы"),  # "son of Ерлан"
    ("Наталія Гнатюк", "Наталія Гнатюк"),  # Ukrainian letters
    ("Галина Петровна записывайте", "Галина Петровна"),  # the name, then what to do with it
    ("олег, пишите", "Олег"),
])
def test_the_reply_to_the_name_question_in_any_cyrillic_alphabet_and_with_what_to_do_with_it(text: str, name: str) -> None:
    assert extract_lead(text, settings=RU, asked="name").name == name


@pytest.mark.parametrize("text,settings,name", [
    ("можно Катя", RU, "Катя"), ("Катя 😊", RU, "Катя"), ("Андрей)))", RU, "Андрей"),
    ("Dave lol", GB, "Dave"), ("sure - Raewyn", GB, "Raewyn"), ("Siobhan haha", GB, "Siobhan"),
])
def test_words_around_the_name_in_the_reply_to_the_name_question_are_no_part_of_it(text: str, settings: BotSettings,
                                                                                     name: str) -> None:
    assert extract_lead(text, settings=settings, asked="name").name == name


@pytest.mark.parametrize("text,settings,asked,name", [
    # First names of West Africa, the Pacific, Korea and Central Asia that gender-guesser's European dictionary lacks,
    # known from nomquamgender's counts: said by "I'm", signed, or alone after the question for a contact.
    ("I'm Chinonso, looking for a dentist near Peckham", GB, None, "Chinonso"),
    ("Book me in for Tuesday please. Thanks, Adaeze", GB, None, "Adaeze"),
    ("Tavita", BotSettings(phone_region="NZ"), "contact", "Tavita"),
    ("Ji-woo Han", US, "contact", "Ji-woo Han"),
    ("Bakhyt", RU, "contact", "Bakhyt"),
    ("это Жанибек, нужна консультация", RU, None, "Жанибек"),  # Cyrillic, known as spelt in Latin ("Zhanibek")
])
def test_first_names_of_many_countries_that_a_european_dictionary_lacks(text: str, settings: BotSettings,
                                                                         asked: str | None, name: str) -> None:
    assert extract_lead(text, settings=settings, asked=asked).name == name


@pytest.mark.parametrize("text,asked,name,location", [
    # Introduced by "it's", "I am": who writes, though a town in Finland or London has the name.
    ("its Kemi", "contact", "Kemi", None),
    ("It's Kemi, about the fitting", None, "Kemi", None),
    ("I am Chelsea", "budget", "Chelsea", None),
    # Not asked where, no name: a town is a town; asked where, "it's Leeds" says where.
    ("its London", "contact", None, "London"),
    ("its Leeds", "location", None, "Leeds"),
])
def test_a_name_a_town_has_too_is_the_writers_when_they_introduce_themselves_by_it(text: str, asked: str | None,
                                                                                   name: str | None, location: str | None) -> None:
    lead = extract_lead(text, settings=GB, asked=asked)
    assert (lead.name, lead.location) == (name, location)


@pytest.mark.parametrize("text,settings,asked", [
    # A name in apposition to someone else's contact is that person's.
    ("8 926 111 22 33 это жена, Алсу", RU, None),
    ("+7 903 555 12 34 — это брат, Тимур", RU, "contact"),
    # An English word a dictionary of names knows too, said alone when no name was asked.
    ("Visa", GB, "contact"),
    ("Visa", GB, None),
    # No name: "I'm" beside a contact, and a car's model after a name known only in Latin.
    ("I'm Urgent, 021 458 3307", BotSettings(phone_region="NZ"), "contact"),
    ("Чери Тигго, 8 903 555 12 34", RU, "contact"),
    ("Сәлем! нужна уборка квартиры", RU, None),  # a Kazakh greeting
    ("Hiya, after a two bed near the station", GB, None),  # a greeting some name lists hold as a name
    ("Irish mobile 087 604 2913", GB, "contact"),  # a people's adjective, a proper noun of the dictionary's
    ("Heya", GB, "contact"),
    ("Rose Miller, my grandma", GB, None),  # someone the writer speaks of, named before who she is
    ("Иван Петров, мой сосед", RU, None),
    ("жену Ирину спросите, 8 903 555 12 34", RU, None),  # whom to ask for, someone else
    ("Маму попросите, 8 903 555 12 34", RU, None),
    ("Jenny at the front desk said to message here", GB, None),  # no "Jenny from Acme here": a sentence about her
    ("Tell Gary I said hi", GB, None),  # an English word before a name, unasked
    ("Cheers, Ruaridh", GB, None),  # thanks opening a message thank the person named
    ("ok, I'll have a think. Kind regards, Manchester office", GB, None),
    ("Контактное лицо: директор", RU, None), ("contact person: site manager", GB, None),  # a post, no name
    ("Спасибо, Ольга", RU, None),
    ("Ask for Ahmed — he's the site manager", GB, None),  # whom to ask for, then "he": someone the writer speaks of
    ("Victoria St, unit 4", GB, None), ("Hastings Rd", GB, None),  # a street, by the short word for its kind
])
def test_no_name_of_the_writers_where_a_reader_would_see_none(text: str, settings: BotSettings, asked: str | None) -> None:
    assert extract_lead(text, settings=settings, asked=asked).name is None


@pytest.mark.parametrize("text,email", [
    ("пишите на olga@почта.рф", "olga@почта.рф"),  # a Cyrillic domain
    ("mail: jurgen@bäckerei-müller.de", "jurgen@bäckerei-müller.de"),
    ("olga . smirnova @ gmail . com", "olga.smirnova@gmail.com"),
    ("olga @ gmail. com", "olga@gmail.com"),
    ("Email - k.tanaka [at] outlook [dot] com.au", "k.tanaka@outlook.com.au"),
    ("Thanks. k.tanaka [at] outlook [dot] com", "k.tanaka@outlook.com"),
])
def test_addresses_in_any_script_and_spacing(text: str, email: str) -> None:
    assert [found for found, _ in find_emails(text)] == [email]


def test_a_spaced_dot_ends_an_address_only_before_a_domain_people_use_for_mail() -> None:
    assert find_emails("write to olga @ gmail. Thanks") == []


@pytest.mark.parametrize("previous,text,email", [
    ("почта olga.smirnova", "@yandex.ru", "olga.smirnova@yandex.ru"),
    ("olga.smirnova@", "yandex.ru", "olga.smirnova@yandex.ru"),
    ("olga.smirnova собака", "yandex.ru", "olga.smirnova@yandex.ru"),
    ("my email is k.tanaka", "at outlook dot com", "k.tanaka@outlook.com"),
    ("почта olga@yandex.ru", "спасибо", None),
    ("хочу кухню", "yandex.ru", None),
])
def test_an_address_split_over_two_messages(previous: str, text: str, email: str | None) -> None:
    assert extract_lead(text, settings=RU, asked="email", earlier=[previous]).email == email


def test_the_companys_own_address_quoted_back_is_not_the_customers() -> None:
    settings = BotSettings.model_validate({"phone_region": "RU", "contacts": {
        "email": "info@okna-dom.ru", "website": "https://www.okna-dom.ru/contacts"}})
    assert extract_lead("писал на info@okna-dom.ru, не ответили", settings=settings).email is None
    assert extract_lead("менеджер дал sales@okna-dom.ru", settings=settings).email is None
    assert extract_lead("писал на info@okna-dom.ru, мой anna@mail.ru", settings=settings).email == "anna@mail.ru"
    # A public provider's domain is no company's: only the very address is.
    gmail = BotSettings.model_validate({"phone_region": "RU", "contacts": {"email": "oknadom@gmail.com"}})
    assert extract_lead("мой anna@gmail.com", settings=gmail).email == "anna@gmail.com"


def test_a_place_named_before_and_introduced_again_by_its_is_still_the_place() -> None:
    earlier = ["Need shutters for a holiday cottage in Kemi before winter"]
    assert extract_lead("It's Kemi, up north", settings=GB, asked="contact", earlier=earlier).name is None


@pytest.mark.parametrize("text,settings,name", [
    # "I'm" opening the message, then a name no dictionary knows and the end of its clause.
    ("Hi, I'm Bartłomiej, the bathroom tiles are cracking", GB, "Bartłomiej"),
    ("Hello, I'm Lwazi and we need the roof looked at", GB, "Lwazi"),
    ("Good morning I'm Tevita Fifita - quote for a fence please", GB, "Tevita Fifita"),
    ("I'm Ngozi. Need a cleaner twice a week", GB, "Ngozi"),  # a small town in Burundi too
    ("Здравствуйте, я Лейсан. Нужна химчистка дивана", RU, "Лейсан"),
    # What the writer is, not who: a nationality, a language, a city, a word, or the clause goes on.
    ("Hi, I'm Nigerian, living in Leeds, need a visa photo", GB, None),
    ("Hello, I'm Polish, do you have Polish-speaking staff?", GB, None),
    ("I'm American, cell 512-555-0147", GB, None), ("I'm Texan btw, 512-555-0147", GB, None),
    ("British, mobile 07911 123456", GB, None),
    ("I'm Nguyen, cell 512-555-0147", GB, "Nguyen"),  # a surname the world gives as a first name too
    ("Hi I'm Nairobi, need", GB, None),
    ("Hi, I'm Lagos-based, can you ship?", GB, None),
    ("Hi, I'm Keen to get a quote", GB, None),
    ("Hi, I'm Zorbex certified for gas work", GB, None),
    ("Здравствуйте, я Москвичка, ищу репетитора", RU, None),
    # Not at the opening: "I'm" in the middle of a message says what the writer does more often than who they are.
    ("We need a new boiler fitted. I'm Zorbex, the old one is dead", GB, None),
])
def test_a_name_no_dictionary_knows_after_im_opening_the_message(text: str, settings: BotSettings, name: str | None) -> None:
    assert extract_lead(text, settings=settings).name == name


@pytest.mark.parametrize("text,asked,name,location", [
    # Asked for a contact, people often give their name first: a first name a dictionary knows, whatever word or
    # town shares it.
    ("Misty", "contact", "Misty", None),
    ("Autumn", "contact", "Autumn", None),
    ("Savannah Reyes", "contact", "Savannah Reyes", None),  # a city in Georgia, and a surname after it
    # ... but a large city alone, or with its country or state, says where.
    ("Denver", "contact", None, "Denver"),
    ("Sydney Australia", "contact", None, "Sydney"),
    # Asked for the name, the name even when a city has it.
    ("Denver", "name", "Denver", None),
    ("Savannah", "name", "Savannah", None),
    # Asked where, the place.
    ("Savannah", "location", None, "Savannah"),
    # Asked for the name, a first name and a surname typed in lower case, though a town's name declines so too; a town is
    # still a town, answering where or said with "в".
    ("мария иванова", "name", "Мария Иванова", None),
    ("ирина пушкина", "name", "Ирина Пушкина", None),
    ("мария иванова", "location", None, "Иваново"),
    ("в иваново", "name", None, "Иваново"),
    ("истра", "name", None, "Истра"),
])
def test_a_reply_that_is_only_a_first_name(text: str, asked: str, name: str | None, location: str | None) -> None:
    lead = extract_lead(text, settings=US, asked=asked)
    assert (lead.name, lead.location) == (name, location)


@pytest.mark.parametrize("text,settings,name", [
    # The name as the passport spells it.
    ("в загране Iuliia Smirnova, нужна виза", RU, "Iuliia Smirnova"),
    ("name as on my passport: Oluwaseun Adeyemi", GB, "Oluwaseun Adeyemi"),
    ("в паспорте ошибка в фамилии, это страшно?", RU, None),
    # The short form the writer is called by, then the full one: the full one is the name.
    ("Шура, ну Александра Ивановна", RU, "Александра Ивановна"),
    ("Тёма, то есть Артём Кравцов", RU, "Артём Кравцов"),
    ("Анна, ну давайте завтра", RU, "Анна"),
])
def test_the_fullest_form_of_the_name_the_writer_gives(text: str, settings: BotSettings, name: str | None) -> None:
    assert extract_lead(text, settings=settings, asked="name").name == name


@pytest.mark.parametrize("text,settings,name", [
    # A month people are named after is the name where only a name can stand ...
    ("Hi, June here. Do you do sports massage?", GB, "June"),
    ("Hi this is June, do you have anything Friday?", GB, "June"),
    ("Hi, I'm April. First time, volume lashes please", GB, "April"),
    ("Can you fit me in Friday? Cheers, August", GB, "August"),
    ("Can you fit me in Friday?\n- June", GB, "June"),
    ("June, 07911 123456", GB, "June"),
    ("07911 123456, ask for June", GB, "June"),
    # ... but no date said after a cue, with a number, or after a label.
    ("It's June already and I still have no dress", GB, None),
    ("it's June 12 for the wedding", GB, None),
    ("This is June 14, the wedding", GB, None),
    ("Cheers, June 14 then", GB, None),
    ("wedding: August\n07911 123456", GB, None),
    ("I will be there in June", GB, None),
    # A word a dictionary of names knows signed after a dash, and kisses before the name.
    ("Can you fit me in Friday?\n- Summer", GB, "Summer"),
    ("email me at tahlia.m [at] outlook [dot] com / xx Tahlia", GB, "Tahlia"),
    ("love it xx", GB, None),
    # A name the writer introduces with their firm, though an English word too; not a department.
    ("Hi, this is Dev from Iron Forge Gym, we want massage for the team", GB, "Dev"),
    ("it's Will at Harbour Dental, can we book", GB, "Will"),
    ("this is Accounts from Iron Forge Gym", GB, None),
    ("It's Urgent from our side", GB, None),
    # Thanks, then a sentence going on in lower case: no one signs it.
    ("ok thanks, will check with my husband", GB, None),
    ("ok thanks, will do", GB, None),
    # The name to sign or book under.
    ("подпишусь как Вероника 🙂", RU, "Вероника"),
    ("записывайте как Соня", RU, "Соня"),
    ("запишите меня как Тамара, 8 916 204 37 81", RU, "Тамара"),
    ("sign me up as Jo please", GB, "Jo"),
    ("хочу так же, как Вероника", RU, None),
    ("запишите как в прошлый раз", RU, None),
])
def test_a_name_that_is_also_a_word_where_only_a_name_can_stand(text: str, settings: BotSettings, name: str | None) -> None:
    assert extract_lead(text, settings=settings).name == name


@pytest.mark.parametrize("text,settings,name", [
    # The writer's part in the family or at the wedding, then their name, opening the message or a sentence.
    ("Невеста, Айгуль Сафина 🙂 хочу чистку лица перед свадьбой", RU, "Айгуль Сафина"),
    ("Ассалому алейкум! Невеста, Малика Юсупова. Нужен свадебный макияж", RU, "Малика Юсупова"),
    ("Добрый день! Мама Артёма, Алеся. Сыну 6, воды боится", RU, "Алеся"),
    ("Здравствуйте. Я бабушка, Зинаида Павловна. Внучке полтора месяца", RU, "Зинаида Павловна"),
    ("Hello, mother of the bride here, Pauline Greaves. Nails for five of us", GB, "Pauline Greaves"),
    ("Hi there, mom here, Kate 🙂 my twins are 6", GB, "Kate"),
    ("Hello, Grandma here, Maureen Doyle. My grandson Ethan is 8", GB, "Maureen Doyle"),
    ("Hello, I'm Theo's dad, Gareth Lloyd. Theo is 16", GB, "Gareth Lloyd"),
    # Not a child described, a relative the sentence goes on about, one named mid-sentence, or the person addressed.
    ("Сын, Артём, 7 лет, хотим на плавание", RU, None),
    ("Невеста, Алиса, просила узнать цены", RU, None),
    ("Я Оля. Мама, Ирина Петровна, тоже придёт", RU, "Оля"),
    ("Здравствуйте, хочу записать дочь и маму, Ирину Петровну", RU, None),
    ("Мама, Вы принимаете по субботам?", RU, None),
    ("My mum, Kate, will bring him", GB, None),
    ("Hi, the bride, Sophie, wants a trial", GB, None),
])
def test_the_writers_part_then_their_name(text: str, settings: BotSettings, name: str | None) -> None:
    assert extract_lead(text, settings=settings).name == name
