"""The customer's name, from how people introduce themselves or sign off, in Russian and English.

Precision first: a wrong name is worse than none, because the manager greets the customer with it.
So a name after a weak cue ("я ...", "I'm ...", "это ...", "спросите ...", a sign-off) must be a
known first name; after a strong cue ("меня зовут", "my name is", "call me") any word will do, in
any case. A reply that is only a name ("ирина владимировна", "Niamh O'Sullivan") counts whatever the
bot asked when its first word is a known first name, and any name-like reply counts when the bot has
just asked for the name and the reply is not a refusal, a city or an ordinary word. Someone else's
name ("подруга Маша", "my wife Sarah", "к Кате") is never the customer's.

First names are known from our list, then from pymorphy3's dictionary (Russian, in any case:
"спросите Людмилу Сергеевну" gives "Людмила Сергеевна") and gender-guesser's (names of many countries
in Latin letters: "Siobhan", "Priyanka"); see `morphology`. A name is given in the nominative, with
the title the person used ("Dr. Patel").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice, takewhile

from salesbot.extract.country import countries_by_adjective, is_country, is_language, is_subdivision
from salesbot.extract.first_names import FIRST_NAMES, latin_spellings
from salesbot.extract.morphology import family_name, first_name, is_common_word, is_person_noun
from salesbot.extract.others import is_post, is_someone_else, shares_contact
from salesbot.extract.patterns import GuardedPattern, LazyPattern
from salesbot.extract.wordlists import is_english_word, is_place, is_proper_noun, place_size

# Latin letters with the accents of Western Europe and of Central Europe and the Baltics ("Małgorzata", "Šimon"), and
# Cyrillic ones of every language written in it, not only Russian's ("Наталія", "Айгуль Нурланқызы").
_LETTERS = r"A-Za-zÀ-ÖØ-öø-ÿĀ-žЀ-ӿ"
_UPPER = r"A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽЀ-ЯҐҒҚҢҮҰҺӘӨ"
_WORD = rf"[{_LETTERS}]+(?:['-][{_LETTERS}]+)*"
_CAPITALISED = rf"[{_UPPER}][{_LETTERS}]*(?:['-][{_LETTERS}]+)*"
# The particles of surnames in many languages, written in lower case: "Peter van den Berg", "María de la Cruz",
# "Ahmed bin Rashid", "Ludwig von Trapp".
_PARTICLES = frozenset("van von de der den da di du del della des la le dos das bin ibn al el ter ten zu".split())
_PARTICLE = rf"(?:{'|'.join(sorted(_PARTICLES))})"
# Up to three words of a name, with the particles between them.
_NAME_RUN = rf"{_WORD}(?:(?:[ ]{_PARTICLE}){{0,2}}[ ]{{1,2}}{_WORD}){{0,2}}"
# The middle names of Vietnamese names that say a man's or a woman's, after the family name: "Nguyen Van An", "Tran Thi Ha".
_VIETNAMESE_MIDDLE = frozenset("Van Văn Thi Thị".split())
_TITLES = frozenset("dr mr mrs ms miss mx prof sir".split())
# Russian titles in every case, with their nominative and gender: "на имя г-жи Ковальчук" is "г-жа Ковальчук".
_RUSSIAN_TITLES = {form: title for title, forms in {
    ("г-н", "masc"): "г-н г-на г-ну г-ном г-не",
    ("г-жа", "femn"): "г-жа г-жи г-же г-жу г-жой",
    ("господин", "masc"): "господин господина господину господином господине",
    ("госпожа", "femn"): "госпожа госпожи госпоже госпожу госпожой",
}.items() for form in forms.split()}
_RUSSIAN_TITLE = "|".join(sorted(_RUSSIAN_TITLES, key=len, reverse=True))
_TITLE = rf"(?:(?i:dr|mr|mrs|ms|miss|mx|prof|sir|{_RUSSIAN_TITLE})\.?\s+)?"

# Cues after which the next words are a name even in lower case ("меня зовут анна").
_STRONG = GuardedPattern(
    rf"(?<![{_LETTERS}])(?=[^\W\d_])(?:(?i:меня зовут|мо[её] имя|зовите меня|обращайтесь ко мне|my name is|my name's|name is"
    rf"|name's|call me|you can call me|i go by|menya zovut|menia zovut|zovut menya|moe imya|moyo imya|zovite menya|зовут меня)\s*[:\-—]?"
    # How to be addressed, said first: "обращайтесь ко мне по отчеству, Петровна", "зовите меня просто Михалыч".
    rf"(?:\s*(?i:просто|по отчеству|по имени(?: и отчеству)?|by my first name|just)\s*[,:\-—]?)?"
    rf"|(?i:имя|фио|name|full name|contact name|контакт|contact)\s*[:\-—])"
    rf"\s*{_TITLE}(?P<name>{_NAME_RUN})(?![\w'.-]*@)"
    # Whom to deal with, with a colon or not, and their post before the name: "Контактное лицо — управляющая Кравец
    # Инна", "contact person Dale Reyes".
    # The writer naming themselves so: "Contact person is myself, Thandeka Mokoena", "контактное лицо — я, Ольга".
    rf"|(?<![{_LETTERS}])(?i:контактное лицо|contact person)\s*[:\-—]?\s*(?i:(?:is|will be|это|будет)\s+)?"
    rf"(?i:(?:myself|me|я(?:\s+сама?)?|сама?)\s*[,:\-—]\s*)?(?P<post>(?:[a-zа-яё]+[ ]){{1,3}}(?=[{_UPPER}]))?"
    rf"{_TITLE}(?P<contact>{_NAME_RUN})(?![\w'.-]*@)"
    # The name as the passport spells it, written as names are: "в загране Iuliia Smirnova", "as on my passport: Oluwaseun
    # Adeyemi" (not "в паспорте ошибка").
    rf"|(?<![{_LETTERS}])(?i:в загран\w*|в паспорте|по паспорту|как в паспорте|(?:as|name) (?:on|in) (?:my |the )?passport)"
    rf"\s*[:\-—]?\s*(?P<passport>{_CAPITALISED}(?:[ ]{_CAPITALISED}){{0,2}})"
    rf"|(?<![{_LETTERS}])(?i:меня|menya|menia)\s+(?P<before_verb>{_CAPITALISED})\s+(?i:зовут|zovut|звать)"
    rf"|(?:^|(?<=[,.!?;:]\s)|(?<=[,.!?;:]))\s*(?i:зовут)\s+(?P<after_verb>{_CAPITALISED}(?:[ ]{{1,2}}{_CAPITALISED})?)",
    needs=r"(?i:зов|звать|имя|фио|name|обращайтесь|call me|go by|zovut|zovite|imya|контакт|contact|загран|паспорт|passport)",
)
# A field's label before the name, which may be anyone's: "Контакт: Ольга (дочь)".
_LABEL_CUE = LazyPattern(r"(?i)(?:имя|фио|name|full name|contact name|контакт|contact|контактное лицо|contact person)\b")
# The name before the cue, a known first name only: "Наталья меня зовут" (not "Кстати меня зовут").
_NAME_BEFORE_CUE = LazyPattern(
    rf"(?:^|(?<=[,.!?;:]\s)|(?<=[,.!?;:]))\s*(?P<name>{_WORD})\s+(?i:меня зовут|меня звать|menya zovut)(?![{_LETTERS}])")
# "Меня" and a known first name, "зовут" left out, ending the clause: "Меня Ирина Викторовна, 8 017 ...", "меня Олег,
# звоните" (not "у меня Ирина дома", "меня Ирина попросила").
_ME_NAMED = LazyPattern(
    rf"(?:^|(?<=[,.!?;:]\s)|(?<=[,.!?;:]))\s*(?i:меня)\s+(?P<name>{_CAPITALISED}(?:[ ]{_CAPITALISED}){{0,2}})(?=\s*(?:[,.;!\n]|$))")
# The writer's part in the family or at the wedding, then their name in apposition, opening the message or a sentence:
# "Невеста, Малика Юсупова", "Мама Артёма, Алеся", "Я бабушка, Зинаида Павловна", "Grandma here, Maureen Doyle",
# "mother of the bride here, Pauline Greaves", "I'm Theo's dad, Gareth Lloyd". Not a child ("Сын, Артём, 7 лет"), whom
# a parent describes.
_ROLES = (r"мама|мать|папа|отец|бабушка|дедушка|невеста|жених|тётя|тетя|дядя|сестра|брат|mum|mom|mother|dad|father|grandma"
          r"|grandmother|granny|nan|nana|grandpa|grandfather|grandad|bride|groom|aunt|auntie|uncle|sister|brother")
_ROLE_NAMED = GuardedPattern(
    rf"(?<![{_LETTERS}'’])(?P<self>(?i:я|i'm|im|i am)\s+(?:{_CAPITALISED}['’]s\s+)?)?(?i:{_ROLES})"
    rf"(?:\s+(?i:of the (?:bride|groom)|невесты|жениха)|\s+[{_UPPER}][{_LETTERS}]+)?(?P<here>\s+(?i:here|на связи|пишет))?"
    rf"[ \t]*(?:[,:]|[ \t][-—–])[ \t]*(?P<name>{_CAPITALISED}(?:[ ]{_CAPITALISED}){{0,2}})"
    # The name ends its clause, perhaps with a smiley: "Жених, Данияр Сеитов 😄"; not "Мама, Вы принимаете ...".
    rf"(?=[ \t]*(?:[,.;!?:()\n—–-]|$)|[ \t]+[^\w\s])",
    needs=rf"(?i:{_ROLES})",
)
_FIRM_AFTER = LazyPattern(rf"[ \t]+(?i:from|at|с|из)[ \t]+[«\"“]?[{_UPPER}]")
_SENTENCE_BEFORE = LazyPattern(r"(?:^|[.!?\n])\s*$")
_CLAUSE_GOES_ON = LazyPattern(r"[ \t]*,[ \t]*[a-zа-яё]")
# Weaker cues ("я Анна", "I'm Kate", "это Пётр", "Chris here", "С уважением, Пётр"): a
# capitalised known first name only.
_WEAK = LazyPattern(
    rf"(?:^|(?<=[\s,.!?(]))(?=[^\W\d_])(?i:я|это|eto|ya|i am|i'm|im|this is|it's|its|it is|here is|here's|regards|kind regards"
    rf"|best regards|best wishes|best|cheers|thanks|many thanks|thx|xo|xoxo|xx|xxx|с уважением|всего доброго|всего хорошего|спс"
    rf"|у аппарата|вас беспокоит|беспокоит|с вами говорит|на связи|имя|звать|пишет вам|пишу вам|пишет|пишу|u apparata|na svyazi|na sviazi"
    rf"|vas bespokoit|bespokoit|s uvazheniem|(?:запишите|записывайте|запиши)(?: меня)?(?: как)?|подпишусь как|подписываюсь как"
    # Whom to book or sign under: "подпишусь как Вероника", "записывайте как Соня", "sign me up as Jo".
    rf"|put me down as|book me in as|sign me up as|sign me in as|signing as"
    rf"|under the name)[,:!.]?\s+[-—]?\s*"
    # "Это снова Алина", "it's me again, Sam", "hi its me, priya".
    rf"(?:(?i:снова|опять|again|ещё раз|еще раз|me again|me|я)[,!]?\s+)?"
    # The writer named by whose relative they are: "я его дочь Оля", "I'm her son, Tom".
    # The name is no handle's nor address's start: "it's dan.whitlock84 at gmail.com".
    rf"(?P<relation>(?i:его|её|ее|их|his|her|their)\s+[^\W\d_]+,?\s+)?(?P<title>{_TITLE})(?P<name>{_NAME_RUN})(?![\w'’-]|[.@_+]\w)"
    # Where they are from in a few words: "Sam from Acme Plumbing here", "Lena writing"; not "Jenny at the front desk said to
    # message here".
    # Tried only where a word begins: from inside a word of 8,000 capitals, each letter would start a run to its end.
    rf"|(?<![{_LETTERS}'-])(?P<here>{_CAPITALISED}(?:[ ]{_CAPITALISED})?)(?:\s+(?i:from|at|с|из)(?:\s+[^\W\d_][\w&.'-]*){{1,4}}?)?"
    rf"\s+(?i:here|speaking|writing|на связи|у аппарата|беспокоит|na svyazi|bespokoit)\b"
)
# Who to ask for on the phone: the name is in the accusative ("спросите Ольгу", "позовите Рамиля").
_ASK_FOR = GuardedPattern(
    rf"(?<![{_LETTERS}])(?i:спросите|спросить|спрашивайте|позовите|попросите|попросить|просите|(?<!меня )(?:по)?звать|ask for"
    rf"|asking for|ask to speak to|ask to speak with)\s+"
    rf"(?i:(?:меня|me),\s?|к телефону\s|to the phone\s)?(?P<title>{_TITLE})"
    rf"(?P<name>{_NAME_RUN})"
    # Who to call, written as a name: "call Steve on 0161...", "звоните Надежде Петровне".
    rf"|(?<![{_LETTERS}])(?:(?i:call|ring)\s+(?P<call>{_CAPITALISED})(?=\s(?:on|at)\b)"
    rf"|(?i:звоните|звонить|позвоните|позвонить|пишите|напишите)\s+(?P<dative>{_CAPITALISED}(?:[ ]{{1,2}}{_CAPITALISED})?))"
    # The name first, as Russian may put it: "Ирину спросите", "8 903 ... Светлану Петровну попросите".
    rf"|(?<![{_LETTERS}])(?P<before>{_CAPITALISED}(?:[ ]{_CAPITALISED})?)\s+(?i:спросите|спрашивайте|позовите|попросите|позвать|спросить"
    rf"|попросить)(?![{_LETTERS}])",
    needs=r"(?i:спрос|спраш|позовите|попросит|просите|звать|ask|call|ring|звони|пиши)",
)
# A name right after these is someone else's: a friend who recommended the company, whom something is
# for or from, with or about ("посоветовала Маша", "к Кате", "referred by Dr. Smith"); and after a
# person of `extract.others` ("подруга Маша", "my wife Sarah", "кот Барсик", "site manager Sergey").
_OTHER_PERSON = LazyPattern(
    r"(?<!\w)(?:посоветовал\w*|порекомендовал\w*|рекомендовал\w*|от|к|у|для|с|про|о|site manager|next door|по соседству"
    r"|referred by|recommended by|recommended|referred|with|for|to|by|from"
    # Whom the writer likens their case to: "same road as Mr Bristow", "like Dave's", "как Петровы"; not the name to
    # book or sign under ("put me down as Fiona", "known as", "book me in as", "sign me up as", "записывайте как Соня",
    # "подпишусь как Вероника").
    r"|(?<!down )(?<!known )(?<!in )(?<!up )as|like|than|(?<!меня )(?<!подпишусь )(?<!подписываюсь )(?<!те )(?<!пиши )как|чем)(?:[,:]?\s+|\s*\(\s*)(?:(?:my|our|моя|мой|наш[аи]?)\s+)?$"
    # Someone of a third person's, named after their post: "His OT, Jenny Marsh, says", "её юрист Олег".
    r"|(?<![\w'’-])(?:his|her|their|его|её|ее|их)\s+(?:[^\W\d_]+\s+)?[^\W\d_]+(?:[,:]?\s+|\s*\(\s*|\s+[-—–]\s*)$"
    # The person, then their name in brackets: "Муж (Слава) говорит", "my partner (Sam) thinks".
    # ... or after a dash: "встречать будет мой отец — Виктор Андреевич", "lessons for my kid - Ethan".
    r"|(?<![\w'’-])(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*(?:['’]s)?)(?:[,:]?\s+|\s*\(\s*|\s+[-—–]\s*)(?:(?:my|our|моя|мой|наш[аи]?)\s+)?$",
    re.IGNORECASE,
)
# An age or a school year after a name ("Артём, 9 лет", "Polina, 7 класс", "Ethan, age 11", "Margaret Cole, 81,"):
# someone described, whom the sentence before may have named ("записать ребёнка на английский").
_AGE_AFTER = LazyPattern(
    r"\s*(?:,|\(|—|–|-)\s*(?:(?:age|aged|возраст)\s*:?\s*\d{1,2}|\d{1,2}\s*(?:лет|год\w*|мес\w*|класс\w*|y\.?o\b|yrs?\b|years?\b)"
    r"|(?:year|grade)\s+\d{1,2}|\d{1,2}\s*[,)])", re.IGNORECASE)
_SENTENCE_BREAK = LazyPattern(r"[.!?\n]")
_SPOKEN_OF_CHARS = 120  # before a name, where the sentence that speaks of someone else is looked for
# Words for a person the writer speaks of, a name after which is theirs ("the previous guy, Steve, botched it", "my PA,
# Jenny, will book"), though not words to make a contact someone else's ("I'm the guy who called, 0117 ...", "Erie, PA
# 814-555-0100": a state's code).
_SOMEONE = frozenset("guy guys lady man woman girl bloke chap fella fellow pa".split())
# After a name, what makes it someone else's: what they did or said about the writer, the company's
# staff named in apposition, or a greeting that addresses them.
_OTHER_PERSON_AFTER = LazyPattern(
    r"\s*,?\s*(?:(?:ваш\w*|наш\w*|your|our)\s+(?:мастер\w*|менеджер\w*|врач\w*|доктор\w*|агент\w*|риелтор\w*|риэлтор\w*"
    r"|консультант\w*|сотрудни\w*|стилист\w*|dentist|doctor|agent|manager|consultant|stylist|technician|hygienist|realtor|rep\b)"
    # ... or a colleague in apposition, a word before the post allowed: "Linda Carr, our office manager, will coordinate"
    # (not "Это Ольга, наш бухгалтер сказал написать вам").
    r"|(?:наш\w*|our)\s+(?:[^\W\d_]+\s+)?(?:менеджер|секретар|бухгалтер|ассистент|помощни|директор|manager|secretary"
    r"|accountant|assistant|coordinator|director|ceo|cfo|pa|paralegal)\w*\s*(?:[,;)]|$)"
    r"|(?:(?:вам|вас|нам|мне|you|us|me)\s+)?(?:посоветовал\w*|порекомендовал\w*|рекомендовал\w*|направил\w*|сказал\w*|рассказал\w*"
    r"|обещал\w*|говорил\w*|referred|recommended"
    r"|suggested|said|told|sent me|gave me|promised|for (?:the|your|this|that|all|getting)|за (?:помощь|ответ|консультаци\w*))(?!\w)"
    # Spoken of in the third person: "брат брал у вас, Ерлан Жумабеков, он вас и посоветовал", "Sam, she'll let you in".
    r"|,\s*(?:он|она|he|she)(?:['’]\w+)?(?![\w/])"
    r")", re.IGNORECASE,
)
# After a name and a comma or a bracket, a child in apposition ("Кирилл, сын, 10 лет"), or a person of
# `extract.others` named as the writer's ("Галина, это мама моя", "Sarah (my friend)", "Rose Miller (my
# grandma)"); but "Анна, мама Кирилла" is the writer, someone's mother.
_MINE = r"(?:мо(?:й|я|е|и|ей|ему|ю|его|им)|наш(?:а|и|ей|ему|у|его|им)?|my|our)"  # in the cases a relative's word is in
_RELATIVE_AFTER = LazyPattern(
    rf"\s*,?\s*(?:(?P<marked>\(\s*(?:{_MINE}\s+)?|это\s+(?:{_MINE}\s+)?"
    rf"|{_MINE}\s+|(?=[^\W\d_]+\s+{_MINE}(?!\w))))?(?P<word>[^\W\d_]+(?:-in-law)?)(?!\w)"
    r"(?!,?\s+(?-i:[A-ZА-ЯЁ][a-zа-яё]))",  # "Jack Donnelly (my partner Mia might call)": the relative has a name of their own
    re.IGNORECASE,
)
# Later in the clause of whom to ask for, "he" or "she" says it is someone the writer speaks of, not the writer.
_HE_OR_SHE_LATER = LazyPattern(r"[^.!?\n,—–]{0,40}(?:,|\s[-—–])\s*(?:он|она|he|she)(?:['’]\w+)?(?![\w/])", re.IGNORECASE)
# A greeting right after a name addresses that person ("Светлана, здравствуйте"), unless the writer
# has just introduced themselves by it ("Это Алина, добрый день").
_GREETED_AFTER = LazyPattern(
    r"\s*,?\s*(?:здравствуйте|добрый день|добрый вечер|доброе утро|привет|hi|hello|hey|good (?:morning|afternoon|evening))(?!\w)",
    re.IGNORECASE,
)
# A first name opening a message, then a question or a request to that person, addresses them (the bot's persona
# or the company's staff, whom customers call by name): "Марина, а сколько стоит доставка?", "Kate, do you do weekends?".
_ADDRESSED_AFTER = LazyPattern(
    r",\s*(?:а|и|подскажите|скажите|уточните|можно|спасибо|благодарю|извините|простите|do|does|did|can|could|would|will|are"
    r"|is|have|thanks|thank|sorry|please|just)(?!\w)", re.IGNORECASE)
_QUESTION_END = LazyPattern(r"\?[\s)!?]*$")
# A title says a name follows, known or not: "It's Dr. Patel", "Mrs Okafor".
_TITLED = GuardedPattern(rf"(?<![{_LETTERS}])(?P<title>(?i:dr|mr|mrs|ms|miss|mx|prof|{_RUSSIAN_TITLE})\.?\s+)"
                         rf"(?P<name>(?:[{_UPPER}]\.[ ]?){{0,2}}{_CAPITALISED}(?:[ ]{{1,2}}{_CAPITALISED})?)",  # "Mrs J. Hughes"
                         needs=r"(?i:dr|mr|ms|miss|mx|prof|г-|господ|госпож)")
# A name standing on its own: the whole message, before a contact, or signed at the end.
_STANDALONE = LazyPattern(
    # After a dash that signs ("- Kemi"), not the hyphen of a name of two parts ("Чолпон-Аты").
    rf"(?:^\s*|(?<=[\n.!?,:(/|])\s*|(?<=[-—–])(?<![{_LETTERS}]-)\s*|(?<=\s\s))"
    # The writer's post may come first, and its organisation: "Председатель ТСЖ Наталья Викторовна Киселёва, 8 922 ...".
    rf"(?:(?i:(?:главн\w+|генеральн\w+|chief|senior|head|general)\s+)?(?i:председател\w+|директор\w*|руководител\w+"
    rf"|заведующ\w+|управляющ\w+|администратор\w*|прораб\w*|бригадир\w*|бухгалтер\w*|менеджер\w*|director|chair|chairman"
    rf"|chairwoman|chairperson|administrator|coordinator|foreman|accountant)"
    rf"(?:\s+[A-ZА-ЯЁ]{{2,5}})?(?:\s+«[^»\n]{{1,40}}»)?[,:]?\s+)?(?=[{_UPPER}])"
    rf"(?P<name>{_CAPITALISED}(?:(?:[ ]{_PARTICLE}){{0,2}}[ ]{{1,2}}{_CAPITALISED}){{0,2}})"
    rf"\s*(?=$|[,.:;!)\n/|]|\s[-—–(+\d]|\s{{3}}|\s(?i:тел|phone|mob|моб|email|e-mail|почта)|\s[xX]{{1,4}}[ \t.!]*(?:\n|$))"
)
# What may stand between a name and the contact it is written beside: "Дилшод, +7 985 ...", "Mei Chen / mei@...",
# "my cell is (503) 555-0199. Kwame", a signature's "Chinedu Okoro\nMobile: 07700 900456".
_CONTACT_GAP = LazyPattern(
    r"[\s,;:/|()\-—–.]*(?:(?i:mobile|mob|phone|tel|cell|e-?mail|whatsapp|viber|telegram|тел|телефон|моб|мобильный|номер|почта"
    r"|ватсап|вайбер|телеграм)\.?[\s:\-—–]*)?")
# Between a name and the person they are, after it: "Ольга (дочь", "Jane (my sister".
_BRACKET_GAP = LazyPattern(rf"(?i)[ \t]*\([ \t]*(?:{_MINE}[ \t]+)?")
_APPOSITION_GAP = LazyPattern(r"[ \t]*[,:(—–-]?[ \t]*")  # between a person and their name: "муж, Рустам", on one line
# A capital inside a word is a brand's ("WhatsApp", "iPhone", "PayPal"), not a name's, bar "McArdle", "MacLeod".
_BRAND = LazyPattern(r"(?<!\bMc)(?<!\bMac)[a-zа-яё][A-ZА-ЯЁ]")
# Two people named together ("it's Shane and Kylie"): neither alone is the writer.
_COUPLE = LazyPattern(rf"\s+(?i:and|и|&)\s+[{_UPPER}][{_LETTERS}]")  # a name, not "I"
_COUPLE_BEFORE = LazyPattern(rf"[{_UPPER}][{_LETTERS}]*\s+(?i:and|и|&)\s+$")  # "Aroha and Mike here"
# Whose name a "name is" gives, when it is not the writer's: "her name is", "my son's name is".
_WHOSE_NAME = LazyPattern(r"(?i)(?:\bher|\bhis|\btheir|'s|s'|\bего|\bеё|\bее|\bих)\s*$")
# An abbreviation before a capitalised word that makes it part of a place's name, not a new sentence.
_SAINT = LazyPattern(r"(?<![A-Za-z])(?:St|Ft|Mt)\.\s*$")
# A name right after a greeting or thanks is the person addressed ("Здравствуйте, Ирина"), not the writer.
_ADDRESSING = LazyPattern(
    r"(?:(?:здравствуйте|привет|добрый (?:день|вечер)|доброе утро|hello|hi|hey|dear|good (?:morning|afternoon|evening)),?\s*"
    # Thanks on a line of its own: "Thank you\nOksana" is signed; and thanks in advance: "Заранее спасибо, Анжелика".
    r"|(?<!заранее )(?:спасибо|благодарю|thanks|thank you|cheers),?[ \t]*)\Z",
    re.IGNORECASE,
)
# The endings of first names in the cases whom-to-ask-for takes, and their nominative's, by gender.
_CASE_ENDINGS = {
    "accs": (("а", "", "masc"), ("я", "ь", "masc"), ("у", "а", "femn"), ("ю", "я", "femn")),
    "datv": (("у", "", "masc"), ("ю", "ь", "masc"), ("е", "а", "femn")),
    "ablt": (("ом", "", "masc"), ("ем", "ь", "masc"), ("ой", "а", "femn")),
}
# The endings of first names in the oblique cases no nominative of a name has, with their nominative's, by gender:
# "Мадине", "Мадину" (Мадина), "Рустаму" (Рустам); not "а" nor "я", which a woman's name ends in ("Нодира").
_OBLIQUE_ENDINGS = (("у", "", "masc"), ("е", "", "masc"), ("ю", "ь", "masc"), ("е", "а", "femn"), ("у", "а", "femn"),
                    ("ю", "я", "femn"), ("ой", "а", "femn"))
_LONGEST_BARE = 60  # characters of a reply that is only a name
_MOST_READ_ALONE = 16  # words standing on their own whose context is read, in one message
_SHORTEST_GUESSED = 3  # letters of a first name known only from a dictionary, not from our list
_SHORTEST_SPELT = 4  # letters of a Cyrillic first name known only as spelt in Latin letters
# Patronymics, Russian and Turkic ("Нурланқызы", "Ерланұлы", "Алиевич", "Mamedoğlu"): a father's name and "son" or "daughter".
_PATRONYMIC = LazyPattern(r"(?:ович|евич|ьич|овна|евна|ична|инична|(?<=\w{3})(?:қызы|кызы|ұлы|улы|уулу|оглы|qizi|kyzy|uly|ogly|oğlu))$")
_SURNAME = LazyPattern(r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|цкий|ская|цкая|ко|юк|ук|ых|их|ян|дзе|швили|ман)$")
_REFUSALS = LazyPattern(
    r"^(?:не (?:скажу|важно|хочу|буду)|нет|не надо|зачем|неважно|аноним\w*|секрет|no|nope|nah|why|not telling"
    r"|rather not|prefer not|none|anonymous|later|потом|позже)\b",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    """
    хочу хотим ищу ищем интересуюсь интересует нужен нужна нужно готов готова планирую думаю уже тоже просто очень
    здесь тут клиент покупатель менеджер бот робот звоню пишу хотел хотела из в на с от по для про за не и а но
    мой моя моё мое мои мы он она они
    ок окей ok okay да нет ага угу конечно спасибо привет здравствуйте добрый доброе пожалуйста хорошо ладно отлично
    сәлем салем салам салом сәлеметсіз привіт вітаю добрий дякую рахмет
    позже завтра сейчас потом сегодня вчера москва россия мужчина женщина студент студентка пенсионер покупатель
    looking interested here from in not just also very ready planning thinking calling writing good fine sure sorry
    glad happy new back trying wondering going buying selling bot robot human customer client manager agent based
    located moving at on later tomorrow now please asap hello hi hey hiya heya howdy thanks thank yes no yeah yep nope the a an and
    or but with for to of my me i we you it its this that what who how why when where which there their our your
    is he she him his her hers myself himself herself yourself его её ее их
    great cool nice perfect excellent awesome right well so okay interested available busy single married retired
    unemployed student owner director ceo founder investor buyer seller landlord tenant doctor engineer after
    before anytime any whenever maybe if again sometime evening morning afternoon tonight today weekend monday
    tuesday wednesday thursday friday saturday sunday on back via by directly please pls asap soon mr mrs ms
    вечером утром днём днем после до перед лучше только можно обязательно срочно когда через по
    """.split()
)
# The labels of contacts and of a form's fields ("Viber: +375 ...", "Email: ...", "Ватсап 8 701 ...", and "Phone", "Name"
# written back to the question for the name): never a name, however the bot asked.
_FIELD_LABELS = frozenset(
    """
    email e-mail mail tel mob phone telephone cell number name surname fullname contact address
    viber whatsapp watsapp telegram skype signal wechat insta instagram facebook linkedin website postcode
    имейл емейл емайл мейл майл почта тел моб телефон вайбер вибер ватсап вацап вотсап воцап ватсапп
    телеграм телеграмм телега скайп инстаграм инста сайт
    """.split()
)
# Months no one is named after, words that make a name a business's, the labels of `_FIELD_LABELS` and ways to pay
# ("Visa", a name in some dictionaries): never the name of the person writing. Months people are named after ("June",
# "April", "August", "May") are names as other words are ("Rose", "Will"), but no date's (see `_dated`).
_NOT_NAME_WORDS = _FIELD_LABELS | frozenset(
    """
    january february march july september october november december christmas easter ltd llc inc
    plc co corp company group services service solutions plumbing dental clinic studio agency realty properties
    regards cheers sincerely best wishes btw fyi tbh imo lol omg asap pls plz thx
    visa mastercard maestro amex paypal venmo zelle cash
    """.split()
)
# Months and days, in full and as written short: before a figure they are a date ("June 12", "Sun 14").
_CALENDAR_WORDS = frozenset(
    """
    january february march april may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    """.split()
)
_DIGIT_AFTER = LazyPattern(r"\s*(?:the\s+)?\d")
_LABELLED_BEFORE = LazyPattern(r":[ \t]*$")  # "wedding: August": the month of what the label names
_CAPITAL_AFTER = LazyPattern(rf"[ ]{{1,2}}[{_UPPER}]")  # a surname after a first name: "it's June Carter"
# A surname with the initials of the first name and patronymic, as Russian business letters are signed: "Ковалёв Д.А.",
# "Иванова И. И."; or the initials first: "Д.А. Ковалёв". Standing on its own: the whole reply, or opening
# the message or a line, or after a sign-off.
_WITH_INITIALS = LazyPattern(
    rf"(?:^|(?<=\n)|(?<=[.!?]\s)|(?i:(?<=с уважением)|(?<=regards)|(?<=спасибо)|(?<=thanks))[,:]?\s+|(?<=\s[-—–]\s))[ \t]*"
    rf"(?P<name>(?P<surname>{_CAPITALISED})[ ]+[{_UPPER}]\.[ ]?(?:[{_UPPER}]\.)?"
    rf"|[{_UPPER}]\.[ ]?[{_UPPER}]\.[ ]?(?P<surname_after>{_CAPITALISED}))"
    rf"(?=[ \t]*(?:$|[\n,;!)]|\s[-—–(+\d]))")
# A sign-off, then an initial or two and a surname, as letters in English are signed too: "Regards, D. Whitcombe, Partner".
_INITIAL_SIGNED = LazyPattern(
    rf"(?<![{_LETTERS}])(?i:regards|best wishes|best|cheers|thanks|many thanks|sincerely|yours|с уважением|спасибо)[,.!]?\s+"
    rf"(?P<name>[{_UPPER}]\.[ ]?(?:[{_UPPER}]\.[ ]?)?(?P<surname>{_CAPITALISED}))(?=[ \t]*(?:$|[\n,;!)]))")
# Thanks, then a name, ending a message that gives the writer's contact: the writer signing off.
_THANKS_SIGNED = LazyPattern(
    rf"(?<![{_LETTERS}])(?i:thank you|thanks|thank u|cheers|спасибо|благодарю)[,!.]?\s+"
    rf"(?P<name>{_CAPITALISED}(?:[ ]{{1,2}}{_CAPITALISED})?)[\s.!)]*$")
# After a name, a post in a few words ending the clause: ", office manager", " — главный бухгалтер".
_POST_AFTER = LazyPattern(r"[ \t]*(?:,|[ \t][-—–/|])[ \t]*(?:[^\W\d_]+[ \t]+){0,2}(?P<post>[^\W\d_]+)[ \t]*(?:[,.;!)\n]|$)")
_LISTED_AFTER = LazyPattern(rf"\s*,\s*(?P<next>{_CAPITALISED})")
_LISTED_BEFORE = LazyPattern(rf"(?P<previous>{_CAPITALISED}),\s*$")
# The codes of the US states and Canada's provinces, as written after a town: "Kyle, TX", "Moncton, NB".
_REGION_CODES = frozenset("""
AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC
SD TN TX UT VT VA WA WV WI WY AB BC MB NB NL NS NT NU ON PE QC SK YT
""".split())
# Kinds of place: a word of these after a name makes the whole a place ("Liberty Village", "Crystal Springs", "Victoria St").
_PLACE_KINDS = frozenset("""village heights gardens square estate town city district quarter beach bay harbour harbor valley springs
creek road street avenue boulevard crescent terrace st rd ave blvd island islands isles""".split())
# The cues of a self-introduction, and what may stand before one at the opening of a message.
_INTRODUCING = LazyPattern(r"(?i)\s*(?:это|eto|it's|its|it is|this is)\b")
# The same cues, and "I'm", right before a name: the writer introducing themselves, a person whatever towns share the name.
_INTRODUCED_BY = LazyPattern(r"(?i)(?<![^\W\d_])(?:это|eto|it's|its|it is|this is|i'm|i am|я)[,:]?\s+$")
# "I'm" opening a message, then a word no dictionary knows and the clause's end: "Hi, I'm Ngozi, I need ...", "Здравствуйте,
# я Лейсан. Нужен ...". Not "I'm" before what the writer is, which goes on ("I'm Lagos-based", "I'm after a quote").
_I_AM = LazyPattern(r"(?i)(?:i'm|im|i am|я)\W")
_CITY_SIZE = 2  # `wordlists.place_size` of a city of 100,000 people or more, whose name no one unknown is called by
_NAME_REPLY = LazyPattern(rf"\s*(?P<first>{_CAPITALISED})(?:[ ](?P<last>{_CAPITALISED}))?[\s.!]*")
_NAME_REPLY_TYPED_LOWER = LazyPattern(r"\s*(?P<first>[а-яё]+)(?:[ ](?P<last>[а-яё]+(?:-[а-яё]+)?))?[\s.!]*")
_CLAUSE_ENDS = LazyPattern(r"[ \t]*(?:[,.;!)\n]|[ \t][-—–][ \t]|$|(?i:and|и)\s)")
_OPENING = LazyPattern(
    r"(?i)\W*(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|здравствуйте|привет|добрый (?:день|вечер)|доброе утро"
    # Greetings of many cultures, in both scripts: "Салам, это Гурбангулы", "Kia ora, it's Wiremu".
    r"|салам|салам алейкум|ассалому алейкум|ассаламу алейкум|салем|шалом|salam|assalamu alaikum|kia ora|namaste|g'day"
    r"|shalom|hola|bonjour|ciao|здрасьте|салют)"
    r"(?:\s+(?:there|all|everyone))?\W*)?")
# A sign-off, and what may follow the name signed after it at the end of a message: "Cheers, Ruaridh".
_SIGNED_OFF = LazyPattern(
    r"(?i)(?:regards|kind regards|best regards|best wishes|best|cheers|thanks|many thanks|thx|xo|xoxo|xx|xxx|с уважением|всего доброго"
    r"|всего хорошего|спс)\W")
# The sign-offs no one addresses a person with: "Regards, Olumide" opening a message is signed all the same.
_REGARDS = LazyPattern(r"(?i)(?:regards|kind regards|best regards|best wishes|с уважением|всего доброго|всего хорошего)\W")
_ENDING = LazyPattern(r"[\s.!)]*")
# The end of the message, or of the name's line ("Best,\nOlusegun Bakare\nDirector, ..."), perhaps after kisses ("Cheers, Bev x").
_SIGNATURE_END = LazyPattern(r"[ \t.!)]*(?:[ \t][xX]{1,4}[ \t.!]*)?(?:\n|$)")
# The last line of a message signed with a dash: "- Kemi", "— Тимур" (read only when a dash is there).
_DASH = LazyPattern(r"[-—–]")
_DASH_SIGNATURE = LazyPattern(rf"(?:^|\n)\s*[-—–]\s*(?P<name>{_CAPITALISED}(?:[ ]{{1,2}}{_CAPITALISED})?)\s*$")
_LISTED_LINE = LazyPattern(r"(?:^|\n)[ \t]*[-—–][^\n]*\n\s*$")  # the line before begins with a dash too: a list's
# The short form the writer goes by, in brackets or quotes between their first name and surname: "Beverley (Bev) Ashworth",
# 'Robert "Bob" Kane'. The whole name is kept, as a fuller form is kept over a short one.
_GOES_BY_THEN_SURNAME = LazyPattern(
    rf"[ \t]*(?:\([ \t]*(?P<bracketed>{_CAPITALISED})[ \t]*\)|[\"“‘'](?P<quoted>{_CAPITALISED})[\"”’'])[ \t]+(?P<surname>{_CAPITALISED})")
# An initial or two right before a name: "J. " of "J. Alvarez", "J.R. " of "J.R. Tolkien" (not "p.m. ").
_INITIALS_BEFORE = LazyPattern(rf"(?<![{_LETTERS}.])(?:[{_UPPER}]\.[ ]?){{1,2}}$")
_SURNAME_WORD = LazyPattern(r"(?i)\s*,?\s*(?:фамилия|surname|last name)\s*[:\-—]?\s*")
_SURNAME_GIVEN = LazyPattern(rf"(?i:\s*,?\s*(?:фамилия|surname|last name)\s*[:\-—]?\s*)(?P<surname>{_WORD})")
_BARE_PREFIX = LazyPattern(
    r"^(?:(?:да|конечно|ок|ok|sure|yes|of course|yeah)[,!.]?\s*[-—–]?\s+)?(?:(?:меня|я|это|it's|its|i'm|im|i am|this is|зовите"
    r"|можно(?:\s+просто)?|просто|just)\s+)?",
    re.IGNORECASE,
)
# What may end a reply after the name and is no part of it: laughter, a smiley, an emoji ("Dave lol", "Катя 😊", "Андрей)").
_BARE_SUFFIX = LazyPattern(r"(?i)(?:\s*(?:(?<![^\W\d_])(?:lol|lmao|haha\w*|хаха\w*|ахах\w*)|[^\w\s'’@+#&/\\-]+))+\s*$")  # not "@": "anna@" is an address cut short
_CONTRACTION = LazyPattern(r"['’](?:m|s|re|ve|ll|d|t)$")  # "I'm", "We're": no name, unlike "O'Neill", "D'Arcy"
_WORD_IN_TEXT = LazyPattern(rf"{_WORD}(?:['’]s)?")
_NAME_WORDS = LazyPattern(rf"{_WORD}(?:[ ]{{1,2}}{_WORD}){{0,2}}")
# A word's ending that says it is no name. An English one after three letters at least: "Ming", "Jing", "Fred" are names.
_COMMON_WORD = LazyPattern(
    r"^(?:[а-яё]+(?:ать|ять|еть|ить|ешь|ете|ем|ла|ли|ство|ция|ние|ость|ный|ная|ное|кий|кая)|[a-z]{3,}(?:ing|ed)|[a-z]+(?:ly|tion|ment|ness))$")


# The writer correcting the name they gave: "Оксана, не Ольга", "не Ольга, а Оксана", "it's Jon not John".
_INSTEAD = LazyPattern(
    rf"(?<![{_LETTERS}])(?P<new>{_CAPITALISED})\s*,?\s*(?i:не|not|instead of)\s+(?P<old>{_WORD})(?![{_LETTERS}])"
    rf"|(?<![{_LETTERS}])(?i:не|not)\s+(?P<was>{_WORD})\s*[,!]?\s*(?i:а|but|it's|its|it is)\s+(?P<now>{_CAPITALISED})(?![{_LETTERS}])")
# ... or its spelling, after a word that says it was mistyped: "sorry, autocorrect! Caitlin with an i", "опечатка, Ольга".
_MISTYPED = LazyPattern(
    r"(?i)(?<!\w)(?:autocorrect\w*|auto-correct\w*|typo|misspel\w*|spell\w*|spelt|with an? \w\b|not with an? \w\b|автозамен\w*|опечат\w*"
    r"|т9|правильно|пишется|через [а-яё]\b)")
_ALIKE_WORDS = LazyPattern(rf"(?<![{_LETTERS}])[{_UPPER}][{_LETTERS}]{{2,}}")
# A fuller or proper form said right after the name: "Jonny, well Jonathan Price for the invoice", "Саша, полностью
# Александр Петров".
_RESTATED = LazyPattern(
    rf"\s*,?\s*(?i:well|or rather|actually|officially|formally|properly|full name|i mean|вернее|точнее|полностью|по паспорту"
    # The short form people call the writer by, then the full one: "Шура, ну Александра Ивановна", "Тёма, то есть Артём".
    rf"|ну|то есть|а вообще|в смысле|а так)"
    rf"\s*[,:\-—]?\s*(?P<name>{_CAPITALISED}(?:[ ]{_CAPITALISED}){{0,2}})"
    # ... or the name people use, a full stop, then the whole name for the papers: "Mick. Michael Fitzgerald if it's for
    # forms", "Коля. Николай Семёнович Гарипов, если для накладной".
    # The whole name may follow a word that restates: "Bev. well, Beverley Ashworth on paper", "Tom. Actually, Thomas Hale".
    rf"|\.[ \t]+(?:(?i:well|or rather|actually|officially|formally|i mean|вернее|точнее|полностью|ну|то есть)\s*[,:\-—]?\s*)?"
    rf"(?P<full>{_CAPITALISED}(?:[ ]{_CAPITALISED}){{1,2}})(?=[ \t]*(?:$|[,.;!(]|(?i:if|for|on|in|as|если|для|по|в|как)\s))")


def find_name(text: str, *, asked: bool = False, known_places: frozenset[str] = frozenset()) -> str | None:
    """The name the customer gives for themselves, properly capitalised, or None.

    With `asked` (the bot just asked for the name), a bare reply such as "анна" or "Xavier" counts.
    `known_places` are lower-cased place names that must not be taken for a name ("Казань")."""
    found = find_name_span(text, asked=asked, known_places=known_places)
    return found[0] if found else None


def find_name_span(
    text: str, *, asked: bool = False, known_places: frozenset[str] = frozenset(), known_name: str | None = None,
    place_asked: bool = False, contacts: Sequence[tuple[int, int]] = (), others: Sequence[tuple[int, int]] = (),
) -> tuple[str, tuple[int, int]] | None:
    """`find_name`, with where the name stands in `text` (for the callers not to read it as a place).

    A surname named as such after the name joins it: "тимур, фамилия ахмедов" is "Тимур Ахмедов".
    `known_name`: the name the customer has already given; a name merely mentioned later (on its own,
    with a title, as whom to ask for) is then someone else's ("пусть директор решает, Виктор Палыч").
    `place_asked`: the bot asked where, so a place standing on its own is that place ("Clifton, Bristol").
    `contacts`: where the writer's own phones and e-mails stand (blanked out of `text`); a name written
    right beside one, or opening the message that gives one, need not be in any dictionary ("+7 985 512
    44 08, Дилшод", "Aroha Tane, still on my Aussie number ...").
    `others`: where someone else's contacts stand with the words that say whose (blanked out too); a name right
    beside one is that person's, in apposition: "8 916 123 45 67 это муж, Рустам".
    The fullest form the message gives of the name is kept: "Лариса Дмитриевна Чернова, ..., спросить
    Ларису Дмитриевну" is "Лариса Дмитриевна Чернова"."""
    corrected = _corrected(text, known_name, known_places) if known_name else None
    if corrected:
        return corrected
    found = _find_name_span(text, asked=asked, known_places=known_places, known_name=known_name, place_asked=place_asked,
                            contacts=contacts, others=others)
    if not found:
        return None
    restated = _RESTATED.match(text, found[1][1])
    group = "full" if restated and restated.group("full") else "name"
    if restated and (name := _clean(restated.group(group), strong=False, places=known_places)) and not (
            group == "full" and _someone_else(text, restated.start(group), restated.end(group))):
        found = name, restated.span(group)
    name, (start, end) = _fuller(text, found, known_places)
    if len(name.split()) == 1 and (goes_by := _GOES_BY_THEN_SURNAME.match(text, end)):
        short = goes_by.group("bracketed") or goes_by.group("quoted")
        whole = _clean(f"{name} {goes_by.group('surname')}", strong=True, places=known_places)
        if whole and whole.count(" ") == 1 and (name.casefold().startswith(short.casefold()) or is_listed_name(short)):
            name, end = whole, goes_by.end()
    surname = _SURNAME_GIVEN.match(text, end)
    if surname and len(name.split()) == 1:
        word = surname.group("surname")
        name, end = f"{name} {_capitalise(family_name(word, None) or word)}", surname.end()
    if len(name.split()) > 1 and len(name.rsplit(" ", 1)[1]) == 1 and text[end:end + 1] == ".":
        name, end = f"{name}.", end + 1  # the surname's initial, as signed: "Keisha W."
    initials = _INITIALS_BEFORE.search(text, max(0, start - 6), start) if " " not in name else None
    if initials and not is_listed_name(name):  # the first name's initial before a surname, as signed: "J. Alvarez"
        name, start = f"{initials.group().strip()} {name}", initials.start()
    return name, (start, end)


def _corrected(text: str, known_name: str, places: frozenset[str]) -> tuple[str, tuple[int, int]] | None:
    """The name the writer gave before, corrected by this message: a word of it said to be wrong and the word meant
    instead ("Оксана, не Ольга"), or the first name spelt anew after a word that says it was mistyped ("autocorrect!
    Caitlin with an i"), with the rest of the name as it was."""
    words = known_name.split()
    for match in _INSTEAD.finditer(text):
        old, new = (match.group("old"), match.group("new")) if match.group("new") else (match.group("was"), match.group("now"))
        if old.casefold() in (word.casefold() for word in words) and (cleaned := _clean(new, strong=False, places=places)):
            return " ".join(cleaned if word.casefold() == old.casefold() else word for word in words), match.span(
                "new" if match.group("new") else "now")
    if _MISTYPED.search(text):
        first = words[0].casefold()
        for match in _ALIKE_WORDS.finditer(text):
            word = match.group()
            if word.casefold() != first and word.casefold()[:3] == first[:3] and abs(len(word) - len(first)) <= 2:
                return " ".join([_capitalise(word), *words[1:]]), match.span()
    return None


def _find_name_span(
    text: str, *, asked: bool, known_places: frozenset[str], known_name: str | None, place_asked: bool,
    contacts: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]],
) -> tuple[str, tuple[int, int]] | None:
    def another(name: str) -> bool:  # a name mentioned after the writer gave theirs: someone else's
        return known_name is not None and name.split()[0][:3].casefold() != known_name.split()[0][:3].casefold()

    for match in _STRONG.finditer(text):
        if _WHOSE_NAME.search(text, max(0, match.start() - 16), match.start()):
            continue  # "Her name is Linda": someone else's
        group = next(group for group in ("name", "before_verb", "after_verb", "contact", "passport") if match.group(group))
        if group == "contact" and match.group("post") and _known(match.group("post").split()[0]):
            continue  # "контактное лицо анна Петрова": no post but a name in lower case, which the cue's other reading takes
        if group == "contact" and any(is_someone_else(word) for word in match.group(group).split()[:2]):
            continue  # "Контактное лицо: директор", "contact person: site manager": a post and no name
        if group == "after_verb" and _spoken_of(text, match.start(group), match.end(group)):
            continue  # "Ребёнку нужен логопед. Зовут Соня, 5 лет", "Собака, зовут Грета"
        if group in ("name", "contact") and _LABEL_CUE.match(text, match.start()) and (
                _relative_after(text, match.end(group)) or _in_apposition(text, match.span(group), others)):
            continue  # "Контакт: Ольга (дочь)", "Contact: Jane (my sister) 07911 ...": whom to reach, not the writer
        # "Меня Саида зовут", and in the instrumental: "Меня Кириллом зовут", "меня Саидой звать".
        instrumental = group == "before_verb" and _known(match.group(group)) is None
        name = ((instrumental and _clean(match.group(group), strong=False, places=known_places, oblique=True, case="ablt"))
                or _clean(match.group(group), strong=True, places=known_places))
        if name:
            return name, match.span(group)
    named_first = _NAME_BEFORE_CUE.search(text) if "зов" in text or "zovut" in text else None
    if named_first and (name := _clean(named_first.group("name"), strong=False, places=known_places)):
        return name, named_first.span("name")
    named_me = _ME_NAMED.search(text) if "еня" in text else None
    if (named_me and (name := _clean(named_me.group("name"), strong=False, places=known_places))
            and not _someone_else(text, named_me.start("name"), named_me.end("name"))):
        return name, named_me.span("name")
    for match in _ASK_FOR.finditer(text):
        # Who to ask for is a name even when no dictionary knows it ("ask for Giorgos"), written as names are,
        # but no English word without a title ("call Sales on ..."; "ask for Mrs Baker" is a name).
        group = next(group for group in ("name", "call", "dative", "before") if match.group(group))
        first, title = match.group(group).split()[0], match.group("title") or ""
        if not title and first.isascii() and is_english_word(first) and _known(first) is None:
            continue
        if (_someone_else(text, match.start(), match.start()) or _HE_OR_SHE_LATER.match(text, match.end(group))
                or (text[match.end(group):match.end(group) + 2].lstrip()[:1] in (",", "(")
                    and _relative_after(text, match.end(group), apposed=True))):
            continue  # "если не возьму жену спросите Эльвиру": the wife is Эльвира; "ask for Gethin at goods in, he'll ..."; "звоните
            # Свете, моей жене"
        capitalised = match.group(group)[:1].isupper()
        name = _clean(match.group(group), strong=capitalised, places=known_places, oblique=True, strict_words=True,
                      case="datv" if group == "dative" else "accs")
        if name and not another(name):
            return _titled(title, name), match.span(group)
    position = 0
    # Searched afresh after each cue, not with finditer: the words read after one cue may hold the next
    # ("ok thanks. this is Priya").
    while (cue := _WEAK.search(text, position)) is not None:
        group = "name" if cue.group("name") else "here"
        position = max(cue.start(group), cue.start() + 1)
        introducing = group == "here" or _INTRODUCING.match(cue.group()) is not None
        signed = group == "name" and _SIGNED_OFF.match(cue.group()) is not None and _SIGNATURE_END.match(text, cue.end(group))
        # No one signs with a town: a first name signed is the name though a town has it too ("Cheers, Sydney").
        name = _clean(cue.group(group), strong=False, places=frozenset() if signed else known_places)
        if name and _dated(text, cue.start(group), in_clause=group == "name"):
            continue  # "it's June 12", "It's June already": a date, though June is a name too
        if name and name.isascii() and is_language(name) and _I_AM.match(cue.group()):
            continue  # "I'm German, my mobile is 0151 ...": what the writer is, though Germán is a name
        if not name and group == "name" and _I_AM.match(cue.group()) and _OPENING.fullmatch(text, 0, cue.start()):
            name = _self_named(text, cue.start(group), cue.group(group), known_places)
        # Where only a name can stand, one no dictionary knows: "Hi, it's Chidi", "Kemi here", "Cheers, Ruaridh", "I'm
        # Aroha. 021 458 3307". Tested before the context is read, the cheaper: "я" opens a clause in every Russian message.
        if not name and not ((introducing and _OPENING.fullmatch(text, 0, cue.start())) or signed
                             or _beside(text, cue.span(group), contacts)):
            continue
        if _someone_else(text, cue.start(group), cue.end(group), introduced=introducing,
                         relation_said=group == "name" and cue.group("relation") is not None):
            continue
        if _SIGNED_OFF.match(cue.group()) and _opens(text, cue.start(), contacts) and not (
                (_REGARDS.match(cue.group()) or "\n" in text[cue.start():cue.start(group)])
                and _SIGNATURE_END.match(text, cue.end(group))):
            continue  # "Thanks Kate!", "Спасибо, Ольга" opening a message thank the person; "Regards, Olumide", "Thanks\nTane" sign
        words = cue.group(group).split()
        if _SIGNED_OFF.match(cue.group()) and words[0].islower() and is_english_word(words[0]) and (
                not signed or (len(words) > 1 and is_english_word(words[1]))):
            continue  # "ok thanks, will check with my husband", "thanks, will do": the sentence goes on, no one signs it
        if (_COUPLE.match(text, cue.start(group) + len(cue.group(group).split()[0]))
                or (group == "here" and _COUPLE_BEFORE.search(text, max(0, cue.start() - 30), cue.start()))):
            continue  # "it's Shane and Kylie, I'm Kylie": two people, and which one writes is said later if at all
        name = name or _unknown_name(cue.group(group), known_places) or (
            _from_firm(text, cue.start(group), cue.group(group), known_places) if introducing else None)
        if name:
            return _titled(cue.group("title") if group == "name" else "", name), cue.span(group)
    for match in _ROLE_NAMED.finditer(text):
        start, end = match.span("name")
        if not (_OPENING.fullmatch(text, 0, match.start()) or _SENTENCE_BEFORE.search(text, max(0, match.start() - 8), match.start())):
            continue  # "... и мама, Ольга": someone spoken of in the middle of a sentence
        if not (match.group("self") or match.group("here")) and _CLAUSE_GOES_ON.match(text, end):
            continue  # "Невеста, Алиса, просила узнать": the bride is who the sentence is about, not who writes it
        name = _clean(match.group("name"), strong=False, places=known_places) or _unknown_name(match.group("name"), known_places)
        if name and not another(name) and not _someone_else(text, start, end, introduced=True, relation_said=True):
            return name, (start, end)
    for match in _TITLED.finditer(text):
        if _someone_else(text, match.start(), match.end()):
            continue
        name = _clean(match.group("name"), strong=True, places=known_places, strict_words=True)
        if name and not another(name):
            return _titled(match.group("title"), name), match.span()
    signed = _DASH_SIGNATURE.search(text) if _DASH.search(text) else None
    if signed and not _someone_else(text, signed.start("name"), signed.end("name")) and not _LISTED_LINE.search(text, 0, signed.start() + 1):
        # "Thanks so much!\n- Kemi", "- Summer"; not a list's last line ("- Will\n- Grace").
        name = _clean(signed.group("name"), strong=False, places=known_places) or _unknown_name(signed.group("name"), known_places)
        if name:
            return name, signed.span("name")
    thanked = _THANKS_SIGNED.search(text) if contacts else None
    if thanked and (name := _clean(thanked.group("name"), strong=False, places=known_places)) and not another(name):
        return name, thanked.span("name")  # "... my mobile oh seven ... thank you Rachel": signed, not thanking Rachel
    unknown, unknown_span = None, (0, 0)
    read = 0
    for match in _STANDALONE.finditer(text):
        start = match.start("name")
        # The cheap tests first: a word that is no name we know, nor stands beside a contact, needs no context read
        # ("Я,Я,Я,..." is thousands of candidates); and a message whose words standing alone are read at length
        # `_MOST_READ_ALONE` times has no name of its own standing among them (a list, a table, junk).
        name = _clean(match.group("name"), strong=False, places=known_places)
        beside = (bool(name) or unknown is None) and _beside_contact(text, match.span("name"), contacts)
        if not name and not beside:
            continue
        read += 1
        if read > _MOST_READ_ALONE:
            break
        if (_ADDRESSING.search(text, max(0, start - 30), start) or _someone_else(text, start, match.end("name"))
                or _in_apposition(text, match.span("name"), others)
                or ("." in text[max(0, start - 6):start] and _SAINT.search(text, max(0, start - 6), start))):
            continue  # the person greeted or spoken of; "St. Louis" is a town
        first = match.group("name").split()[0]
        listed_after = _LISTED_AFTER.match(text, match.end("name"))
        # The word list is loaded only where a place could stand.
        listed_before = _LISTED_BEFORE.search(text, max(0, start - 40), start) if " " not in match.group("name") else None
        if (((place_asked or (listed_after and _place_or_region(listed_after.group("next")))
              or (listed_before and _place_before(listed_before.group("previous"))))
             # Of a name beside a contact, only the whole: "Brent Haskell, Parks & Recreation" (Brent, Alabama).
             and (is_place(match.group("name").lower()) or (not beside and is_place(first.lower()) and (
                 place_asked or " " not in match.group("name") or _known(first) is None)))
             and not followed_by_post(text, match.end("name")))
                or _dated(text, start)):
            continue  # "Clifton, Bristol", "Whitefish, Montana": a place and its city or state (not "Rupert Hale, Hale Brook
            # Cider", a first name and a surname, though both are towns too); "June 12": a date
        if not beside and not _ENDING.fullmatch(text, match.end("name")) and _spoken_of(text, start, match.end("name")):
            continue  # "Маме 78 лет, Валентина Степановна, нужна сиделка"; not one signing or beside their contact
        if not beside and _opens(text, start, contacts) and _addressed(text, start, match.end("name")):
            continue
        if name and not another(name) and (asked or beside or not _word_rather(name)):
            return name, match.span("name")
        if (not name and unknown is None and beside
                and not _BRAND.search(match.group("name")) and not _place_named(match.group("name"))):
            unknown = _unknown_name(match.group("name"), known_places)
            unknown_span = match.span("name")
    if unknown and not another(unknown):  # a name no dictionary knows, only when no known one stands on its own
        return unknown, unknown_span
    bare = _bare_name(text, known_places, asked=asked) or (None if known_name else _with_initials(text, known_places))
    return None if bare and _in_apposition(text, bare[1], others) else bare


def _with_initials(text: str, places: frozenset[str]) -> tuple[str, tuple[int, int]] | None:
    """A surname with initials, standing on its own (see `_WITH_INITIALS`), as written: "Ковалёв Д.А."; not a word no
    surname is ("Москва А.", "Вектор А.А."), nor someone else's ("директор Петров А.В. подпишет"). After a sign-off, any
    surname (see `_INITIAL_SIGNED`): "Regards, D. Whitcombe"."""
    if "." not in text:
        return None
    for pattern, signed in ((_WITH_INITIALS, False), (_INITIAL_SIGNED, True)):
        for match in pattern.finditer(text):
            surname = match.groupdict().get("surname") or match.group("surname_after")
            lowered = surname.lower()
            if (lowered in places or lowered in _NOT_NAMES or lowered in _NOT_NAME_WORDS
                    or not (signed or _SURNAME.search(lowered)) or _someone_else(text, match.start(), match.end())):
                continue
            return match.group("name"), match.span("name")
    return None


def _dated(text: str, start: int, *, in_clause: bool = False) -> bool:
    """The name at `start` is a month or a day said as a date, though people are named so too: a number after it ("June
    12", "June the 12th"), a label's colon before it ("wedding: August"), or, `in_clause` after a cue such as "it's",
    more of the sentence after it ("It's June already"; not "it's June, ...", "it's June Carter")."""
    word = _WORD_IN_TEXT.match(text, start)
    if word is None or word.group().lower() not in _CALENDAR_WORDS:
        return False
    if in_clause and not (_CLAUSE_ENDS.match(text, word.end()) or _CAPITAL_AFTER.match(text, word.end())):
        return True
    return bool(_DIGIT_AFTER.match(text, word.end()) or _LABELLED_BEFORE.search(text, max(0, start - 4), start))


def followed_by_post(text: str, end: int) -> bool:
    """The name ending at `end` is followed by a post, which no place holds: "Charlotte Beaumont-Price, office manager"
    (Charlotte, North Carolina), "Ирина Котова — главный бухгалтер"."""
    post = _POST_AFTER.match(text, end)
    return post is not None and is_post(post.group("post"))


def is_first_name(word: str) -> bool:
    """`word` is a first name we know, from our list or a dictionary, and no English word it may be instead ("Visa")."""
    return _known(word) is not None and not _word_rather(word)


def _word_rather(name: str) -> bool:
    """`name`, one word in Latin letters, is an English word that only a dictionary of many countries' names knows as a
    name too ("Visa", "Tesla"), so standing alone it is a name only when the bot asked for one."""
    return " " not in name and name.isascii() and is_english_word(name) and not is_listed_name(name)


def is_place_kind(word: str) -> bool:
    """`word` names a kind of place, which a name of a place ends in and a surname does not ("Browns Bay", "Maple Heights")."""
    return word.lower() in _PLACE_KINDS


def _place_or_region(word: str) -> bool:
    """`word`, after a comma, says the words before it are a place: a place itself, or a state's or a
    province's code ("Kyle, TX", "Moncton, NB"; not "UK mobile")."""
    return word in _REGION_CODES or is_place(word.lower())


def _place_before(word: str) -> bool:
    """`word`, before a comma and a name, is a place, so the name may be its state or county ("Whitefish, Montana",
    "Tralee, Kerry"); a sign-off is not, though a town is called Best ("Best, Charlotte")."""
    lowered = word.lower()
    return lowered not in _NOT_NAMES and lowered not in _NOT_NAME_WORDS and is_place(lowered)


def _place_named(words: str) -> bool:
    """`words`, written beside a contact, may be a place rather than a name: a place's name, or one with a word
    no surname is after it ("Leeds office", "Bristol Road"); not "Ngozi Okafor", though a town is called Ngozi."""
    first, *rest = words.lower().split()
    return is_place(words.lower()) or (is_place(first) and (not rest or any(is_place(word) or is_english_word(word) for word in rest)))


def _beside_contact(text: str, span: tuple[int, int], contacts: Sequence[tuple[int, int]]) -> bool:
    """The words at `span` stand right beside one of the writer's `contacts`, with nothing but
    punctuation between, or open a message that gives one, before a comma ("Aroha Tane, ...")."""
    return bool(contacts) and (_beside(text, span, contacts) or (
        text[span[1]:span[1] + 1] == "," and _OPENING.fullmatch(text, 0, span[0]) is not None))


def _beside(text: str, span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """The words at `span` stand right beside one of `spans`, with nothing but punctuation or a contact's label between."""
    start, end = span
    return any((other_start >= end and _CONTACT_GAP.fullmatch(text, end, other_start))
               or (start >= other_end and _CONTACT_GAP.fullmatch(text, other_end, start)) for other_start, other_end in spans)


def _in_apposition(text: str, span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    """The name at `span` names the person whose contact and the words that say whose it is stand right before it on
    its line, with at most a comma, a colon or a dash between: "8 916 123 45 67 это муж, Рустам"; or right after it in
    brackets: "Контакт: Ольга (дочь), 8 921 ..."; not a name signed on the next line, nor one before a comma ("Анна,
    мама Кирилла, 8 916 ..." is the writer, someone's mother)."""
    return any((span[0] >= other_end and _APPOSITION_GAP.fullmatch(text, other_end, span[0]))
               or (span[1] <= other_start and _BRACKET_GAP.fullmatch(text, span[1], other_start)) for other_start, other_end in others)


def _fuller(text: str, found: tuple[str, tuple[int, int]], places: frozenset[str]) -> tuple[str, tuple[int, int]]:
    """The name found, or a longer form of it the message writes standing on its own (with the surname)."""
    name = found[0]
    for match in _STANDALONE.finditer(text):
        if match.group("name").count(" ") < name.count(" ") + 1 or match.group("name")[:3].casefold() != name[:3].casefold():
            continue  # the cheap tests first: no more words, or another name
        fuller = _clean(match.group("name"), strong=False, places=places)
        if fuller and fuller.startswith(f"{name} "):
            return fuller, match.span("name")
    return found


def _unknown_name(candidate: str, places: frozenset[str]) -> str | None:
    """A name no dictionary knows, where only a name can stand: written as names are, and no ordinary
    word, people, month, city we know or business ("Hi, it's Chidi"; not "it's Monday", "It's Urgent", "I'm
    American", "this is Acme Plumbing"). A surname may be an English word ("Aroha Tane", "Chidi Baker"); the first name may not. The
    name ends where a word no name has begins ("this is Oluwaseun from Lagos")."""
    words = _name_words(candidate.split())
    if not words or not words[0][:1].isupper() or (words[0].isascii() and (is_english_word(words[0]) or is_proper_noun(words[0]))) or any(
            word.lower() in _NOT_NAME_WORDS or _COMMON_WORD.match(word.lower())
            or (word.isupper() and len(word) <= 3) or _CONTRACTION.search(word) for word in words):
        return None
    return _clean(" ".join(words), strong=True, places=places, strict_words=True)


def _from_firm(text: str, start: int, candidate: str, places: frozenset[str]) -> str | None:
    """The name, an English word too, that the writer introduces themselves by, then the firm or the place they write from:
    "this is Dev from Iron Forge Gym", "it's Will at Harbour Dental"; not a department ("this is Accounts from ...")."""
    first = candidate.split()[0]
    after = _FIRM_AFTER.match(text, start + len(first))
    if after is None or not first[:1].isupper() or first.isupper() or first.lower().endswith("s") or (
            first.lower() in _NOT_NAMES or first.lower() in _NOT_NAME_WORDS or is_someone_else(first) or is_post(first)):
        return None
    return _clean(first, strong=True, places=places, strict_words=True)


def _self_named(text: str, start: int, candidate: str, places: frozenset[str]) -> str | None:
    """The name no dictionary knows that the writer gives after "I'm" opening the message (see `_I_AM`), ending its
    clause, and no nationality, language, city or place-based word: "I'm Nigerian", "I'm Polish" say what, not who; a
    small town's name may be a name all the same ("Ngozi")."""
    name = _unknown_name(candidate, places)
    if not name:
        return None
    words = [match.group() for match in islice(_WORD_IN_TEXT.finditer(text, start), len(name.split()))]
    end = text.index(words[-1], start) + len(words[-1])
    if not _CLAUSE_ENDS.match(text, end) or any(
            countries_by_adjective(word) or is_language(word) or (place_size(word) or 0) >= _CITY_SIZE
            or any(is_english_word(part) for part in word.split("-")[1:])
            for word in words):
        return None
    return name


def reply_is_name(text: str, *, name_asked: bool, when_known: bool = False) -> bool:
    """The whole reply is a first name a dictionary knows, written as names are, perhaps with a surname: "Dusty",
    "Brooklyn Tate", "Summer". That is the name whatever word or town shares it, when the bot asked for the name or
    for a contact (people give their name before their number); asked for a contact, not a city's name alone
    ("Sydney"), nor a month's while the customer has not said when (`when_known`): "June" may say when. Two words that
    name a place ("San Antonio"), or a second word that is a country, a region or a large city, say where ("Sydney
    Australia")."""
    match = _NAME_REPLY.fullmatch(text)
    if match is None and name_asked:
        # In lower case, asked for the name, a first name of our list and a surname though a town's name is declined
        # so too: "мария иванова" (Иваново), "ирина пушкина" (Пушкин).
        match = _NAME_REPLY_TYPED_LOWER.fullmatch(text)
        if match is None or not is_listed_name(match.group("first")) or (
                match.group("last") is not None and not _family_word(match.group("last"), None)):
            return False
    if match is None or _known(match.group("first")) is None:
        return False
    last = match.group("last")
    if last is not None:
        return not (is_place(f"{match.group('first')} {last}") or is_country(last) or is_subdivision(last)
                    or (place_size(last) or 0) > _CITY_SIZE)
    if not name_asked and not when_known and match.group("first").lower() in _CALENDAR_WORDS:
        return False
    return name_asked or (place_size(match.group("first")) or 0) < _CITY_SIZE


def opens(text: str, start: int) -> bool:
    """Nothing but a greeting stands before `start`: what follows opens the message."""
    return _OPENING.fullmatch(text, 0, start) is not None


def introduced(text: str, start: int) -> bool:
    """The name at `start` follows the words writers introduce themselves with: "It's Kemi", "это Кеми" is who writes,
    though Kemi is a town in Finland."""
    return _INTRODUCED_BY.search(text, max(0, start - 12), start) is not None


def is_listed_name(name: str) -> bool:
    """The name's first word is in our own list of common first names (not only in a dictionary)."""
    first = name.split()[-1 if name.split()[0].rstrip(".").lower() in _TITLES else 0].lower()
    return first in FIRST_NAMES or first.replace("ё", "е") in FIRST_NAMES


def _someone_else(text: str, start: int, end: int, *, introduced: bool = False, relation_said: bool = False) -> bool:
    """The name at `start`..`end` is someone else's: "подруга Маша", "my wife Sarah", "к Кате", "Dr. Smith
    referred me", "Игорь, ваш менеджер", or the person the writer greets ("Светлана, здравствуйте"),
    unless the writer `introduced` themselves by it ("Это Алина, добрый день"); a relative's word the writer
    says of themselves (`relation_said`: "я его дочь Оля") makes no one else of them."""
    first_word_end = start + len(text[start:end].split(" ", 1)[0])  # the match may run on past the name
    aged = _AGE_AFTER.match(text, end)  # "Margaret Cole, 81, my grandmother"
    before = None if relation_said else _OTHER_PERSON.search(text, max(0, start - 30), start)
    if before is not None and before.group("word") and is_post(before.group("word")) and opens(text, before.start("word")):
        before = None  # the writer's own post, opening the message: "управляющая Эльвира Маратовна"
    return bool((before and (before.group("word") is None or is_someone_else(before.group("word"))
                             or before.group("word").lower() in _SOMEONE))
                or any(_OTHER_PERSON_AFTER.match(text, position) or (not introduced and _GREETED_AFTER.match(text, position))
                       or (text[position:position + 2].lstrip()[:1] in (",", "(") and _relative_after(text, position))
                       for position in (end, first_word_end))
                or (aged is not None and _relative_after(text, aged.end() - 1)))


def _opens(text: str, start: int, contacts: Sequence[tuple[int, int]]) -> bool:
    """Nothing but a greeting stands before `start`: no words, and no contact (blanked out of `text`)."""
    return _OPENING.fullmatch(text, 0, start) is not None and not any(contact_start < start for contact_start, _ in contacts)


def _addressed(text: str, start: int, end: int) -> bool:
    """The first name at `start`..`end`, opening the message, is followed by a question or a request to that
    person (see `_ADDRESSED_AFTER`)."""
    if " " in text[start:end] or text[end:end + 1] != ",":
        return False
    return _ADDRESSED_AFTER.match(text, end) is not None or _QUESTION_END.search(text, end) is not None


def _spoken_of(text: str, start: int, end: int) -> bool:
    """The name at `start`..`end` is of someone the writer speaks of: its sentence names a person of
    `extract.others` before it ("Маме 78 лет, Валентина Степановна, ..."), or the sentence before does and an
    age follows the name ("Нужен репетитор для дочери. Полина, 7 класс")."""
    window = max(0, start - _SPOKEN_OF_CHARS)
    breaks = [found.end() for found in _SENTENCE_BREAK.finditer(text, window, start)]
    sentences = 2 if _AGE_AFTER.match(text, end) else 1
    begin = breaks[-sentences] if len(breaks) >= sentences else window
    return any(is_someone_else(word.group()) for word in _WORD_IN_TEXT.finditer(text, begin, start))


def _relative_after(text: str, position: int, *, apposed: bool = False) -> bool:
    """What follows the name at `position` makes it a relative's or a friend's (see `_RELATIVE_AFTER`); not a post of
    no one's in brackets, which is the named person's own: "Gareth Pugh (secretary)". `apposed`: only a word that ends
    its clause ("Свете, моей жене."), not the subject of the next ("ask for Gemma, my husband knows nothing")."""
    after = _RELATIVE_AFTER.match(text, position)
    if after is None or shares_contact(text, after.end()):  # "Sarah, my husband may answer too": a clause of its own
        return False
    if apposed and not _CLAUSE_ENDS.match(text, after.end()):
        return False
    marked, word = after.group("marked"), after.group("word")
    if marked is not None and marked.strip() == "(" and is_post(word):
        return False
    return is_someone_else(word, children_only=marked is None) or (marked is not None and word.lower() in _SOMEONE)


def _titled(title: str | None, name: str) -> str:
    """The name with the title the person used ("Dr. Patel", "Mrs Hughes"); a Russian one and a surname alone after
    it in the nominative ("г-на Петрова" is "г-н Петров")."""
    title = (title or "").strip()
    russian = _RUSSIAN_TITLES.get(title.lower().rstrip("."))
    if russian:
        nominative, gender = russian
        return f"{nominative} {(family_name(name, gender) if ' ' not in name else None) or name}"
    if not title or title.lower().rstrip(".") == "sir":
        return name
    return f"{title[0].upper()}{title[1:].lower()} {name}"


def _bare_name(text: str, places: frozenset[str], *, asked: bool) -> tuple[str, tuple[int, int]] | None:
    """A reply that is only a name: "Иван", "иван петров", "It's Mike", "Sure, Jennifer".

    Whatever the bot asked, when its first word is a known first name or a surname the dictionary knows
    before one ("петров иван"); when the bot asked for the name, also an unknown one written as names are
    written."""
    stripped = _SURNAME_WORD.sub(" ", text.strip())
    bare = _BARE_PREFIX.sub("", stripped, count=1)
    if len(bare) <= _LONGEST_BARE:  # the suffix is looked for from every position: only in a reply as short as a name
        bare = _BARE_SUFFIX.sub("", bare)
    bare = bare.strip(" .!,)(")
    if asked:  # the name, then what to do with it: "Михаил Иванович записывайте", "анна пишите"
        words = bare.split()
        while len(words) > 1 and words[-1].islower() and is_common_word(words[-1].strip(",.!")):
            words.pop()
        bare = " ".join(words).rstrip(",")
    if not bare or _REFUSALS.match(bare) or len(bare) > _LONGEST_BARE or _COUPLE.search(bare):
        return None
    whole_reply = _NAME_WORDS.fullmatch(bare) is not None
    if not whole_reply:
        # The reply may run on into its next clause: "beth kowalczyk my husband tom might call too", "Ivan and
        # I would like ...": the words before its first function word are read; asked for something else, only
        # a first name with a surname ("Beth Kowalczyk"), as no sentence begins.
        words = bare.split()
        cut = next((i for i in range(1, min(len(words), 4)) if words[i].lower() in _NOT_NAMES), None)
        if not asked and cut is not None and (cut < 2 or is_english_word(words[1]) or is_common_word(words[1])):
            cut = None
        bare = " ".join(words[:cut]).rstrip(",") if cut else ""
        if not bare or not _NAME_WORDS.fullmatch(bare) or _known(words[0]) is None:
            return None
    start = max(0, text.find(bare.split()[0]))
    span = (start, len(text.rstrip(" .!,)(")) if whole_reply else start + len(bare))
    words = bare.split()
    # Read after the whole name too: "Rose Miller, my grandma" is someone the writer speaks of.
    end = start + len(bare) if text.startswith(bare, start) else start + len(words[0])
    if words[0].lower() in _NOT_NAMES or _someone_else(text, start, end):
        return None
    if not asked and (_word_rather(bare) or _word_rather(words[0])):  # "Visa"; "Tell Gary I said hi"
        return None
    if _known(words[0]) is not None or _surname_first(words, asked=asked):
        name = _clean(bare, strong=True, places=places, whole=True, asked=asked)
        return (name, span) if name else None
    if asked and all(word[0].isupper() for word in words):  # an unknown name is trusted only as a name is written
        name = _clean(bare, strong=True, places=places, strict_words=True)
        return (name, span) if name else None
    return None


@lru_cache(maxsize=4096)  # a word a message repeats is looked up once: "it's it's it's ..." is a cue each time
def _known(word: str, *, oblique: bool = False, case: str | None = None) -> tuple[str, str | None] | None:
    """(the first name in the nominative, its gender when known) if `word` is a first name we know.

    A word of three capitals or fewer is an abbreviation ("ИНН", "ЖК", "ООО"), not a name."""
    lowered = word.lower()
    if (lowered in FIRST_NAMES or lowered.replace("ё", "е") in FIRST_NAMES) and not (word.isupper() and len(word) <= 3):
        morphology = first_name(word, oblique=oblique, case=case) if oblique else None
        return morphology or (word, None)
    if lowered in _NOT_NAMES or lowered in _NOT_NAME_WORDS or len(word) < _SHORTEST_GUESSED or (word.isupper() and len(word) <= 3):
        return None  # a dictionary's two-letter "name" is an abbreviation as often ("Co. Down", "Te Uku", "St")
    if word.isascii() and not word[0].isupper() and is_english_word(word):
        return None  # a lower-case Latin word is a name only when it is no English word ("siobhan"; not "will", "may")
    return first_name(word, oblique=oblique, case=case) or (_spelt_in_case(word, case) if oblique else _known_in_latin(word))


def _spelt_in_case(word: str, case: str | None) -> tuple[str, str | None] | None:
    """(the nominative, its gender) of `word`, a first name known only as spelt in Latin letters, declined in
    `case` as Russian declines names: "позовите Жахонгира" (Жахонгир), "спросите Шахнозу" (Шахноза). A word that
    is a name itself is left as written, whatever it may be a case of ("Нодира", a woman's name and Нодир's)."""
    if _known_in_latin(word):
        return None
    for ending, nominative_ending, gender in _CASE_ENDINGS.get(case or "accs", ()):
        if word.lower().endswith(ending):
            known = _known_in_latin(word[:-len(ending)] + nominative_ending)
            if known and known[1] == gender:
                return known
    return None


def _family_word(word: str, gender: str | None) -> bool:
    """`word` reads as a surname or a patronymic (the dictionary knows it as one, or it ends as one does)."""
    return bool(family_name(word, gender) or _SURNAME.search(word.lower()) or _PATRONYMIC.search(word.lower()))


def _known_in_latin(word: str) -> tuple[str, str | None] | None:
    """(`word`, its gender) if `word`, Cyrillic and no word the Russian dictionary knows but as a name, is a
    first name as spelt in Latin letters ("Дильшод" as "Dilshod", "Жахонгир" as "Jahongir", "Гульназ"):
    Central Asian and Caucasian names, which pymorphy3's dictionary lacks (or knows only as another name's
    form: "Умид" as "Умида"'s plural) and gender-guesser's holds. Not such a name in an oblique case, though its
    spelling may be a rarer name too: "невестке, Мадине" speaks to Мадина ("Madine" is a name of its own)."""
    if len(word) < _SHORTEST_SPELT or is_common_word(word) or family_name(word, None):
        return None  # shorter ones are brands and abbreviations as often ("Киа", "Ок"); "улица Ленина" is a surname's
    gender = _spelt_gender(word)
    if gender is None or any(word.lower().endswith(ending) and _spelt_gender(word[:-len(ending)] + nominative) == case_gender
                             for ending, nominative, case_gender in _OBLIQUE_ENDINGS):
        return None
    return word, gender


def _spelt_gender(word: str) -> str | None:
    """The gender of the first name `word` is as spelt in Latin letters, if one of one gender: "Jili" (Джили, the car)
    is either, and no name here."""
    for spelling in latin_spellings(word):
        known = first_name(spelling)
        if known and known[1]:
            return known[1]
    return None


def _clean(candidate: str, *, strong: bool, places: frozenset[str], strict_words: bool = False,
           oblique: bool = False, case: str | None = None, whole: bool = False, asked: bool = False) -> str | None:
    """The candidate's name words, or None when it is not a name we can trust.

    `whole`: the candidate is a whole reply, so every word after the first must read as a name too.
    `asked`: it is the whole reply to the bot's question for the name, so a first name with a word after it is
    a name and a surname even when no dictionary knows them as such ("Олена Коваль", "Колесник Иван")."""
    words = _name_words(candidate.split())
    if not words or len(words[0]) < 2 or words[0].lower() in _FIELD_LABELS:
        return None  # "Email", the field's label written back to "what is your name?"
    first = words[0].lower()
    known = _known(words[0], oblique=oblique, case=case)
    if not known and (surname_first := _surname_first(words, asked=asked)):
        return surname_first  # "Иванова Марина": a surname a town's name shares, before a first name
    if first.replace("ё", "е") in places and not is_listed_name(first):
        return None  # "Казань" is a place; "Владимир" is a place and a name, and a name when given as one
    if not strong and not known:
        return None
    if strict_words and not known and (_COMMON_WORD.match(first) or len(first) > 20 or is_common_word(words[0])):
        return None
    gender = known[1] if known else None
    # Unknown in an oblique case, a patronymic people call by is given in the nominative ("спросите Николаевну").
    kept = [known[0] if known else (oblique and not words[0].isascii() and family_name(words[0], None)) or words[0]]
    # Later words stay while they read as a surname or patronymic, not as the next sentence.
    if any(word.lower() in _PLACE_KINDS for word in words[1:3]):
        return None
    if (not asked and known and len(words) > 1 and words[1][:1].isupper() and first not in FIRST_NAMES
            and first_name(words[0]) is None and not _family_word(words[1], gender) and not is_person_noun(words[1])):
        return None  # known only as spelt in Latin, and a model after it, no surname: "Чери Тигго", a car
    particles: list[str] = []  # "van den" of "Peter van den Berg": kept only before the surname they belong to
    for word in words[1:]:
        lowered = word.lower()
        if len(kept) - sum(kept_word in _PARTICLES for kept_word in kept) == 3:
            break
        if word.islower() and lowered in _PARTICLES and not words[0].islower():
            particles.append(word)
            continue
        family = family_name(word, gender) if not word.isascii() else None
        typed_lower = word.isascii() and words[0].islower() and lowered not in _NOT_NAMES  # "this is jake kowalski"
        if (lowered in places and not (word.isascii() and word[:1].isupper())) or not (
            family or word[0].isupper() or _PATRONYMIC.search(lowered) or (strong and _SURNAME.search(lowered))
            or (strong and word.isascii() and not _COMMON_WORD.match(lowered))
            or (typed_lower and not _COMMON_WORD.match(lowered) and (not is_english_word(word) or first_name(word)))
        ):
            if whole:
                return None
            break
        kept += [*particles, family or word]
        particles = []
    return " ".join(word if word in _PARTICLES else _capitalise(word) for word in kept)
def _name_words(words: list[str]) -> list[str]:
    """The words of a candidate up to the first that no name has ("Anna and ...", "Tom from ..."), bar a Vietnamese given
    name after the middle name that marks it, however short or common a word it is elsewhere ("Nguyen Van An")."""
    kept = list(takewhile(lambda word: word.lower() not in _NOT_NAMES, words))
    if 2 <= len(kept) < len(words) and kept[-1] in _VIETNAMESE_MIDDLE and words[len(kept)].istitle():
        kept.append(words[len(kept)])
    return kept


def _surname_first(words: list[str], *, asked: bool = False) -> str | None:
    """A Russian surname the dictionary knows before a known first name ("петров иван", "Кириллов Андрей,
    директор"), with a patronymic after it, as written; when the bot `asked` for the name, any capitalised
    word before one of our list's first names ("Колесник Иван", though "колесник" is a wheelwright too)."""
    given = _known(words[1]) if len(words) > 1 and not words[0].isascii() else None
    gender = (given[1] or (first_name(words[1]) or (None, None))[1]) if given else None
    surname = (family_name(words[0], gender) or (words[0] if _SURNAME.search(words[0].lower()) else None)) if given else None
    if (asked and given and not surname and words[0][:1].isupper() and is_listed_name(words[1])
            and words[0].lower() not in _NOT_NAMES and not is_someone_else(words[0])):
        return " ".join(_capitalise(word) for word in words[:2])
    if not given or not surname or is_common_word(words[0]):
        return None
    kept = [surname, given[0]] + [word for word in words[2:3] if _PATRONYMIC.search(word.lower())]
    return " ".join(_capitalise(word) for word in kept)


def _capitalise(word: str) -> str:
    """"анна" -> "Анна", "ANNA" -> "Anna", "McDonald" and "O'Brien" as written, hyphenated parts each."""
    if word.islower() or word.isupper():
        return "-".join("'".join(part.capitalize() for part in piece.split("'")) for piece in word.split("-"))
    return word
