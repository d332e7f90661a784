"""Whose a name is, as a careful reader decides it: the customer's own (given, signed, beside their contact, after
their post, corrected), or a third person's (after someone's post, likened to, inside an address); and the forms a
name is written in (an oblique case, a patronymic alone, two letters)."""

from __future__ import annotations

import pytest

from salesbot.extract import extract_lead
from salesbot.extract.names import find_name_span
from salesbot.models import BotSettings

RU = BotSettings(phone_region="RU")
GB = BotSettings(phone_region="GB")
US = BotSettings(phone_region="US")


@pytest.mark.parametrize("text,settings", [
    # Someone of a third person's, named after their post.
    ("Need a ramp for my mum. Her physio, Sandra Lowe, measured the step", GB),
    ("Квартира для отца. Его юрист, Олег Смирнов, проверит договор", RU),
    # Someone the writer likens their case to.
    ("same street as Mrs Okafor, you did her roof last spring", GB),
    ("хотим так же, как Петровы, 8 903 555 12 34", RU),
    # A pronoun is never a name's word, though a dictionary of names lists it.
    ("Looking for a stairlift for dad. His GP, ok'd it", GB),
])
def test_a_name_after_a_third_persons_post_or_likened_to_is_no_ones_name(text: str, settings: BotSettings) -> None:
    assert extract_lead(text, settings=settings).name is None


@pytest.mark.parametrize("text,settings,name", [
    ("put me down as Fiona please, 07911 123456", GB, "Fiona"),  # "as" of the name to book under
    ("I'm her daughter, Olga", GB, "Olga"),  # a relative's word the writer says of themselves
])
def test_the_writer_named_after_such_words_is_still_the_writer(text: str, settings: BotSettings, name: str) -> None:
    assert extract_lead(text, settings=settings).name == name


@pytest.mark.parametrize("text,settings,name", [
    ("Contact person is myself, Priya Natarajan, 07911 123456", GB, "Priya Natarajan"),
    ("контактное лицо — я, Галина Ивановна, 8 903 555 12 34", RU, "Галина Ивановна"),
    ("Контактное лицо: главный инженер Павел, 8 903 555 12 34", RU, "Павел"),  # and the phone is the writer's
    # The writer's post, and their organisation, before the name beside their contact.
    ("Председатель СНТ «Ромашка» Вера Павловна Орлова, 8 912 345 67 89", RU, "Вера Павловна Орлова"),
    ("Chairman Arthur Pym, 020 7946 0321", GB, "Arthur Pym"),
])
def test_the_writers_post_before_their_name_is_no_part_of_it(text: str, settings: BotSettings, name: str) -> None:
    lead = extract_lead(text, settings=settings, asked="contact")
    assert lead.name == name and lead.phone is not None


def test_a_post_of_someone_else_before_a_name_beside_a_number_names_them_not_the_writer() -> None:
    assert extract_lead("наш бухгалтер Ольга, 8 903 555 12 34", settings=RU).name is None


@pytest.mark.parametrize("text,settings,name", [
    ("it's dan.whitlock84 at gmail.com", GB, None),  # a handle's first letters are no name
    ("it's Dan, dan.whitlock84@gmail.com", GB, "Dan"),
    ("едем в Сары-Таш через Чолпон-Аты.", RU, None),  # the hyphen of a town signs nothing
    ("Спасибо!\n- Тимур", RU, "Тимур"),
])
def test_no_name_from_inside_an_address_or_a_hyphenated_town(text: str, settings: BotSettings, name: str | None) -> None:
    assert extract_lead(text, settings=settings).name == name


@pytest.mark.parametrize("text,name", [
    ("Платье для невестки, Мадине, к свадьбе", None),  # spoken to, in the dative: no nominative of anyone's
    ("звоните Мадине 8 903 555 12 34", "Мадина"),  # whom to call, in the nominative
    ("Мадина, 8 903 555 12 34", "Мадина"),
    ("Нодира, 8 903 555 12 34", "Нодира"),  # a woman's name, though a man's genitive too
    ("спросите Ивана Сергеевича, 8 903 555 12 34", "Иван Сергеевич"),
])
def test_a_name_known_only_in_latin_letters_is_read_in_the_nominative(text: str, name: str | None) -> None:
    assert extract_lead(text, settings=RU).name == name


@pytest.mark.parametrize("text,settings,name", [
    ("Zoe Hart, UK mobile 07923 118456", BotSettings(phone_region="NZ"), "Zoe Hart"),  # "UK" is no state's code
    ("Call me on (435) 555-0176. Dale Rowe, Parks Department", US, "Dale Rowe"),
])
def test_a_name_beside_a_contact_is_no_place_for_a_word_after_it(text: str, settings: BotSettings, name: str) -> None:
    assert extract_lead(text, settings=settings, asked="contact").name == name


@pytest.mark.parametrize("text", ["Kyle, TX", "we're in Clifton, Bristol"])
def test_a_town_and_its_state_or_city_are_no_name(text: str) -> None:
    assert extract_lead(text, settings=US).name is None


@pytest.mark.parametrize("text,known,name", [
    ("ой, Марина, не Мария, автозамена", "Мария", "Марина"),
    ("не Мария, а Марина", "Мария Котова", "Марина Котова"),  # the surname stays
    ("sorry, it's Jon not John", "John", "Jon"),
    ("argh autocorrect, Kathryn with a y", "Katherine Doyle", "Kathryn Doyle"),
    ("опечатка, правильно Кристина", "Кристиан", "Кристина"),
])
def test_the_customer_correcting_their_name(text: str, known: str, name: str) -> None:
    found = find_name_span(text, known_name=known)
    assert found is not None and found[0] == name


@pytest.mark.parametrize("text,known", [
    ("звоните не Ольге, а мне", "Анна"),  # no name of the writer's is corrected
    ("Kathryn is my sister", "Katherine"),  # alike, but nothing says it was mistyped
    ("sorry, typo: Seaview Road, not Seaview Rd", "Sean"),  # a street, no name
])
def test_no_correction_where_none_is_made(text: str, known: str) -> None:
    found = find_name_span(text, known_name=known)
    assert found is None or found[0] == known


@pytest.mark.parametrize("text,name", [
    ("Robbie, well Robert Haines for the paperwork", "Robert Haines"),
    ("Саша, полностью Александр Петрович", "Александр Петрович"),
])
def test_the_fuller_form_said_after_the_name_is_kept(text: str, name: str) -> None:
    assert extract_lead(text, settings=GB, asked="name").name == name


@pytest.mark.parametrize("text,name", [
    ("Graham", "Graham"), ("Faith", "Faith"), ("Colin", "Colin"),  # common first names, though words too
    ("Jo", "Jo"),  # two letters
])
def test_common_first_names_that_are_words_or_two_letters(text: str, name: str) -> None:
    assert extract_lead(text, settings=GB, asked="name").name == name
    assert extract_lead(f"Thanks, {text}, 07911 123456", settings=GB).name is None  # thanking someone
    assert extract_lead(f"It's {text} here", settings=GB).name == name


@pytest.mark.parametrize("text,name", [
    ("обращайтесь ко мне по отчеству, Петровна", "Петровна"),
    ("зовите меня просто Михалыч", "Михалыч"),
    ("обращайтесь ко мне по имени и отчеству: Ирина Львовна", "Ирина Львовна"),
])
def test_how_the_customer_asks_to_be_addressed(text: str, name: str) -> None:
    assert extract_lead(text, settings=RU).name == name
