"""The shapes of person names: initials, patronymics, surname endings, words around names."""

from __future__ import annotations

import re

UPPER = "A-ZА-ЯЁІЎ"
LOWER = "a-zа-яёіў"
WORD = re.compile(rf"[{UPPER}{LOWER}][{UPPER}{LOWER}'’]*(?:-[{UPPER}{LOWER}]+)*")
CAPITALISED = re.compile(rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}][{LOWER}]+)?")

_SURNAME = rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}][{LOWER}]+)?"
_INITIALS = rf"[{UPPER}]\.\s?(?:[{UPPER}]\.)?"
SURNAME_INITIALS = re.compile(rf"(?<![\w.]){_SURNAME}\s{_INITIALS}(?!\w)")
INITIALS_SURNAME = re.compile(rf"(?<![\w.]){_INITIALS}\s?{_SURNAME}(?![\w])")

# Patronymics and their cases: Петрович(а, у, ем), Пятровіч(а, ам), Петровна(ы, е, у, ой),
# Пятроўна(ы, е, у, ай), Ильинична, and the Latin spellings Petrovich, Petrovna.
PATRONYMIC = re.compile(
    rf"[{UPPER}][{LOWER}]+(?:(?:вич|віч|ьич|ьіч|ич|іч)(?:а|у|ем|ам|ом|е)?"
    r"|(?:вн|ўн|ичн|ічн)(?:а|ы|и|е|у|ой|ай|ою|аю)|(?:ovich|evich|ovna|evna|ichna))"
)
# Female patronymics cannot be surnames; male ones (-вич) often are (Богданович).
FEMALE_PATRONYMIC = re.compile(
    rf"[{UPPER}][{LOWER}]+(?:[ое]вн|[аэе]ўн|ичн|ічн)\w{{0,2}}|[A-Z][a-z]+(?:ovna|evna|ichna)"
)
SURNAME_ENDING = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ск|цк|ич|іч|ук|юк|чук|енк|энк|ко|ёнак|онак|ёнок|аў|оў|еў|ёў|ых|их|"
    r"ян|швили|дзе|ык|ік|ак)"
    r"(?:а|у|ым|ім|ом|ам|е|ой|ай|ая|ую|ы|і|ий|ый|ая|ае|ому|ого|аму|ага)?$"
    r"|(?:son|ton|man|ski|sky|skaya|ich|vich|ov|ova|ev|eva|ina|enko|enka|ko|uk|yuk|iuk|"
    r"chuk|ou|au|ik|yan|dze|shvili)$"
)
# Verb forms that open sentences: "Пишет", "Звяртаецца", "Тэлефануйце", "Просіць".
VERB_ENDING = re.compile(
    r"(?:ть|ться|ць|цца|ет|ит|ут|ют|ат|ят|ёт|ла|ло|ли|йте|ите|іце|ыце|йце|ает|яет|аецца)$"
)

# Words for people that a name follows: "сосед Иван", "контролёра Малышко",
# "the technician Glushakov", "Mrs Malinina".
_ROLE_WORDS = (
    r"гр\.|г-н|г-жа|гражданин\w*|гражданк\w*|господин\w*|госпож\w*|сосед\w*|соседк\w*|"
    r"участков\w*|инспектор\w*|мастер\w*|контролёр\w*|контролер\w*|пенсионер\w*|"
    r"ветеран\w*|заявител\w*|жил(?:ец|ьца|ьцу)|жительниц\w*|водител\w*|врач\w*|учител\w*|"
    r"председател\w*|электрик\w*|сантехник\w*|дворник\w*|слесар\w*|сын\w*|доч(?:ь|ер\w*|к\w*)|"
    r"мам[аыеу]|папа|отец|отц\w*|мать|матер\w*|бабушк\w*|дедушк\w*|муж\w*|жен[аыеу]|"
    r"внук\w*|внучк\w*|брат\w*|сестр\w*|тёт\w*|дяд\w*|"
    r"грамадзян\w*|спадар\w*|сусед\w*|суседк\w*|інспектар\w*|майстар\w*|кантралёр\w*|"
    r"пенсіянер\w*|ветэран\w*|заяўнік\w*|жыхар\w*|кіроўц\w*|доктар\w*|урач\w*|настаўні\w*|"
    r"старшын\w*|электрык\w*|сантэхнік\w*|дворнік\w*|сын\w*|дачк\w*|дачушк\w*|тат[аыу]|"
    r"бацьк\w*|маці|бабул\w*|дзядул\w*|жонк\w*|унук\w*|унучк\w*|сястр\w*|цётк\w*|дзядзьк\w*|"
    r"neighbou?rs?|inspector|technician|foreman|officer|pensioner|veteran|teacher|doctor|"
    r"nurse|driver|director|manager|resident|tenant|applicant|citizen|colleague|"
    r"electrician|plumber|janitor|caretaker|son|daughter|mother|mum|father|dad|husband|wife|"
    r"grandmother|grandfather|granny|aunt|uncle|brother|sister|mr|mrs|ms|miss|dr|sir|madam"
)
ROLE_THEN_NAME = re.compile(
    rf"(?<![\w-])(?i:{_ROLE_WORDS})\.?,?\s+"
    rf"((?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?(?:{_SURNAME}(?:\s{_SURNAME}){{0,2}}"
    rf"|{_INITIALS}\s?{_SURNAME}))"
)
TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Madam"})

# Words before a name that make it the name of a street, school or prize.
DEDICATION = re.compile(
    r"(?i:ул\.|ул|улиц\w*|вул\.|вул|вуліц\w*|пр-т|просп\.|проспект\w*|праспект\w*|пер\.|"
    r"пл\.|площад\w*|плошч\w*|бул\.|бульвар\w*|(?<!на\s)имени|(?<!на\s)імя|им\.|"
    r"named after|street|avenue)\s*$"
)
DEDICATED_PLACE = re.compile(
    r"^\s+(?:school|park|street|avenue|square|library|museum|theatre|university|gymnasium|"
    r"lyceum|college|stadium)\b"
)
# Capitalised words that open sentences or name places: never part of a person's name.
NOT_NAMES = frozenset(
    """
    Улица Проспект Площадь Переулок Вуліца Праспект Плошча Минск Мінск Минске Мінску Гомель
    Брест Гродно Витебск Віцебск Могилев Магілёў Беларусь Беларусі Беларуси Республика
    Здравствуйте Прошу Прашу Просим Просім Уважаемый Уважаемая Уважаемые Шаноўны Шаноўная
    Шаноўныя Спасибо Дзякуй Хочу Сегодня Сёння Вчера Учора Наш Наша Наши Мой Моя Мае Мая
    Наш Сосед Соседка Сусед Суседка Мастер Майстар Отец Бацька Мама Мать Маці Сын Дочь
    Гражданин Грамадзянін Участковый Участковы Инспектор Інспектар Звоните Тэлефануйце
    Street Avenue Road Lane Dear Hello Please Thank Thanks The Mr Mrs Ms Dr Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Council City District Minsk Belarus
    Yesterday Today Our My This That There Here Since When Why How What Where
    """.split()
)
