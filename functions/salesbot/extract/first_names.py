"""Common first names (Russian, with their short forms, and English), lower-cased.

English ones that are words too ("Hazel", "Robin", "Graham": those of gender-guesser's names that Webster lists and that
are common in Britain, Ireland or the US) are listed, for a word a dictionary of names knows but our list
does not ("Visa") is no name said alone unasked (`names`).

A gazetteer lets a bare "Светлана" or "Tom, tom@x.io" be read as a name while "Казань" or
"Budget, 5k" are not; it is what the patterns cannot know.
"""

FIRST_NAMES = frozenset(
    """
    александр саша алексей лёша леша анатолий андрей антон аркадий арсений артём артем артур богдан борис вадим
    валентин валерий василий вася виктор витя виталий владимир вова володя владислав влад всеволод вячеслав геннадий
    георгий герман глеб григорий гриша даниил данила даня денис дмитрий дима евгений женя егор иван ваня игорь илья
    кирилл константин костя лев лёва леонид максим макс марк матвей михаил миша никита николай коля олег павел паша
    пётр петр петя роман рома руслан семён семен сергей серёжа сережа станислав стас степан тимофей тимур фёдор федор
    филипп эдуард юрий юра ярослав ринат рустам тагир айдар марат наиль ильдар азат рамиль ильнур
    александра алёна алена алина алиса алла анастасия настя ангелина анна аня антонина валентина валерия варвара
    вера вероника виктория вика галина гульнара гульшат дарья даша диана ева евгения екатерина катя елена лена
    елизавета лиза жанна зарина злата зоя инна ирина ира карина кира кристина ксения ксюша лариса лидия любовь люба
    людмила люда маргарита рита марина мария маша милана надежда надя наталья наташа нина оксана олеся ольга оля
    полина регина светлана света софия софья соня таисия тамара татьяна таня ульяна эльвира эмилия юлия юля яна
    ясмина лейла альбина айгуль динара зульфия ляйсан резеда
    james john robert michael mike william will david richard joseph thomas tom charles chris christopher daniel dan
    matthew matt anthony mark donald steven steve paul andrew andy joshua kenneth kevin brian george timothy tim
    ronald edward jason jeffrey ryan jacob gary nicholas nick eric jonathan stephen larry justin scott brandon
    benjamin ben samuel sam gregory frank alexander alex raymond patrick jack dennis jerry tyler aaron henry adam
    peter nathan zachary douglas kyle noah ethan jeremy harry oliver charlie leo lucas lukas liam mason logan owen
    jake luke connor callum alfie archie freddie theo max oscar toby raj arjun rahul vikram mohammed ahmed ali omar
    mary patricia jennifer linda elizabeth liz barbara susan jessica sarah karen nancy lisa betty margaret sandra
    ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia
    kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine kate christine debra rachel
    catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren
    joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn
    janice jean abigail alice julia judy sophia sophie grace denise amber doris marilyn danielle beverly isabella
    theresa diana natalie brittany charlotte marie kayla alexis lori chloe ella mia amelia ava lily poppy isla
    priya aisha fatima zara leila dana jane lucy ellie molly holly jade

    евгения ефим захар зиновий игнат илларион иннокентий лука мирон назар нестор остап платон прохор родион савелий
    святослав тихон трофим эмиль эрик яков ян айрат альберт амир арслан булат дамир камиль ренат рафаэль салават
    шамиль эльдар тимофей вениамин вильям давид демид елисей ерофей кузьма мстислав павлик саша слава толя
    гоша жора тёма тема вадик дениска костик лёня леня митя никита сева стёпа степа федя юля
    агата аделина алевтина алия амина анжела анфиса арина ассоль белла богдана василиса веста виолетта влада
    владислава галя дарина ева есения жасмин зинаида злата изабелла илона ирма камилла капитолина клавдия лада
    лилия лиана любава майя мирослава надин нелли нонна олеся пелагея раиса роза сабина серафима снежана стефания
    таисия тина устинья фаина элина эльмира эмма юлиана ярослава катерина катюша маруся настасья наталия
    татьяна тоня женечка лена леночка машенька оксана инга ника нина
    bob bobby rob robbie bill billy jim jimmy joe joey johnny jon jonny ted teddy fred freddy ed eddie tony
    greg jeff ken kenny ron ronnie don donny rick ricky dick phil pete pat danny dave davy steve stevie nate
    zach josh jake jerry larry barry gary terry harvey hugo ivan igor dmitri dmitry sergei sergey vladimir vlad
    alexei alexey andrei andrey mikhail nikolai pavel yuri boris oleg anton artem maxim roman olga natasha anastasia
    svetlana tatiana tatyana elena irina marina ekaterina katya masha dasha sasha xavier mateo diego carlos juan jose
    luis miguel pablo javier antonio francesco marco luca giovanni pierre jean louis francois hans klaus stefan
    wolfgang jurgen lars sven erik nils olaf ahmed ahmad mohammad muhammad hassan hussein khalid yusuf ibrahim
    mustafa mehmet emre can wei li chen ming hiroshi kenji yuki kim
    sue susie jen jenny jess jessie becky beth bella cathy kathy katie kat kim kimmy maggie meg mandy nat nikki
    penny sally sandy tammy tina trish vicky wendy abby addie annie ellie evie gemma georgia harriet imogen
    isabel isabelle jasmine jenna kirsty lara layla lola luna maisie matilda millie nadia naomi nina paige
    rosie ruby scarlett sienna stella tara tess willow yasmin zoe zoey natalia elena olga irina anastasia
    alina carmen lucia sofia valentina camila daniela gabriela paula elisa giulia chiara francesca ana claire
    chloé margot anne helga ingrid astrid freya greta lena leonie marta monika petra ursula yuki mei ling
    hazel ivy dawn robin daisy iris violet pearl crystal rose olive victor dean drew lance wade cliff glen heath
    colin caroline alan vera roger martin irene graham gladys florence elaine alison walter rosemary rita randy ralph
    peggy paddy lee ethel dale clive carl beryl allan aisling vincent troy travis tommy tiffany tamara sherry rory
    rodney ray norma noel mavis marc kerry kay joy jordan jay earl colleen brent faith hope jo dee
    """.split()
)

# How names in Cyrillic letters are spelt in Latin ones, each letter's usual spellings (the first the most
# usual): "Дильшод" is "Dilshod", "Жахонгир" "Jahongir" or "Zhakhongir". Kazakh letters as their Russian ones.
_SPELLINGS = {
    "а": ("a",), "б": ("b",), "в": ("v",), "г": ("g",), "д": ("d",), "е": ("e",), "ё": ("yo", "o"), "ж": ("zh", "j"),
    "з": ("z",), "и": ("i",), "й": ("y", "i"), "к": ("k",), "л": ("l",), "м": ("m",), "н": ("n",), "о": ("o",),
    "п": ("p",), "р": ("r",), "с": ("s",), "т": ("t",), "у": ("u",), "ф": ("f",), "х": ("kh", "h"), "ц": ("ts",),
    "ч": ("ch",), "ш": ("sh",), "щ": ("shch",), "ъ": ("",), "ы": ("y",), "ь": ("",), "э": ("e",), "ю": ("yu",),
    "я": ("ya",), "қ": ("k",), "ғ": ("g",), "ң": ("n",), "ү": ("u",), "ұ": ("u",), "ө": ("o",), "ә": ("a",),
    "і": ("i",), "һ": ("h",), "ў": ("o", "u"),
}
_MAX_SPELLINGS = 8


def latin_spellings(word: str) -> list[str]:
    """The ways `word`, a name in Cyrillic letters, is spelt in Latin ones, the most usual first, at most
    `_MAX_SPELLINGS` ("Жанибек": "Zhanibek", "Janibek"); none for a word with other letters."""
    spellings = [""]
    lowered = word.lower().replace("дж", "j")
    for letter in lowered:
        choices = ("j",) if letter == "j" else _SPELLINGS.get(letter)
        if choices is None:
            return []
        spellings = [spelling + choice for spelling in spellings for choice in choices][:_MAX_SPELLINGS]
    return [spelling.capitalize() for spelling in spellings]
