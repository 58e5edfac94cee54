"""Common first names in Belarus (Belarusian and Russian spellings) and English ones.

An entry ``Павел:Павл`` gives the name and the stem its other cases grow from
(Павла, Павлу). Words that are also common nouns (Вера, Надежда, Роза) are listed in
``AMBIGUOUS`` and count as names only next to a surname or patronymic.
"""

from __future__ import annotations

RUSSIAN_MALE = """
Александр Алексей Анатолий Андрей Антон Аркадий Артём Артем Борис Вадим Валентин Валерий
Василий Виктор Виталий Владимир Владислав Вячеслав Геннадий Георгий Глеб Григорий Даниил
Денис Дмитрий Евгений Егор Иван Игорь:Игор Илья Кирилл Константин Леонид Максим Матвей
Михаил Никита Николай Олег Павел:Павл Пётр:Петр Петр Роман Руслан Семён Семен Сергей
Станислав Степан Тимофей Тимур Фёдор Федор Юрий Ярослав Эдуард Захар Марк Арсений
"""

RUSSIAN_FEMALE = """
Александра Алёна Алена Алина Алла Анастасия Анжела Анна Антонина Валентина Валерия Варвара
Вероника Виктория Галина Дарья Диана Ева Евгения Екатерина Елена Елизавета Жанна Зинаида
Зоя Инна Ирина Карина Кристина Ксения Лариса Людмила Маргарита Марина Мария Милана
Наталья Наталия Нина Оксана Ольга Полина Раиса Светлана София Софья Тамара Татьяна
Ульяна Юлия Яна Эльвира Таисия Снежана
"""

BELARUSIAN_MALE = """
Алесь Аляксандр Аляксей Анатоль Андрэй Антон Арцём Базыль Барыс Вадзім Валянцін Валерый
Васіль Віктар Віталь Віталій Уладзімір Уладзіслаў Вячаслаў Генадзь Георгій Юрый Рыгор Данііл
Дзяніс Дзмітрый Зміцер:Зміцр Яўген Ягор Іван Ігар Ілья Кірыл Канстанцін Кастусь Лявон Максім
Міхаіл Міхась Мікіта Мікалай Алег Павел:Павл Пятро Пётр:Пятр Раман Сямён Сяргей Станіслаў
Сцяпан Цімафей Фёдар Янка Язэп Яраслаў Францішак Тадэвуш Лукаш Захар Марк
"""

BELARUSIAN_FEMALE = """
Аляксандра Алена Аліна Ала Анастасія Ганна Анна Антаніна Валянціна Варвара Вераніка Вікторыя
Галіна Дар'я Дар’я Дзіяна Ева Яўгенія Кацярына Алена Лізавета Жанна Зінаіда Зоя Іна Ірына
Карына Крысціна Ксенія Ларыса Людміла Маргарыта Марына Марыя Наталля Ніна Аксана Вольга
Паліна Раіса Святлана Соф'я Тамара Таццяна Ульяна Юлія Яна Алеся Ядвіга Наста Настасся
Уладзіслава Альжбета Кацярына
"""

ENGLISH = """
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel
Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy
Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin
Scott Brandon Benjamin Samuel Gregory Alexander Patrick Frank Raymond Jack Dennis Jerry
Tyler Aaron Jose Adam Nathan Henry Peter Zachary Kyle Oliver Harry Liam Noah Ethan Lucas
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty
Sandra Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie
Rebecca Sharon Laura Cynthia Amy Kathleen Angela Shirley Brenda Emma Anna Pamela Nicole
Samantha Katherine Christine Helen Debra Rachel Carolyn Janet Maria Catherine Heather Diane
Olivia Julie Joyce Victoria Kelly Christina Lauren Joan Evelyn Judith Megan Andrea Cheryl
Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Jean Alice
Sophia Isabella Charlotte Amelia Mia Ivan Olga Natalia Tatiana Sergei Dmitry Alexei Aliaksandr
Siarhei Andrei Katsiaryna Volha Hanna Yauhen Uladzimir Aleh Maksim Pavel Viktar Iryna Alena
"""

# Russian and Belarusian first names as they are spelt in Latin letters (passport and
# everyday transliterations).
LATIN_TRANSLITERATED = """
Aleksandr Aleksei Alexey Anatoly Andrey Artem Artyom Boris Vadim Valentin Valery Vasily
Viktor Victor Vitaly Vladimir Vladislav Vyacheslav Gennady Georgy Grigory Denis Dmitri
Dmitriy Evgeny Yevgeny Egor Yegor Igor Ilya Kirill Konstantin Leonid Maxim Mikhail Nikita
Nikolai Nikolay Oleg Petr Piotr Pyotr Roman Ruslan Semyon Sergey Stanislav Stepan Timofey
Fyodor Yuri Yury Yaroslav Eduard Zakhar Ales Aliaksei Dzmitry Zmicier Ihar Kastus Mikalai
Raman Uladzislau Yanka Aliaksandra Alena Alina Alla Anastasia Anzhela Antonina Valentina
Valeria Varvara Veronika Viktoria Galina Halina Darya Daria Diana Ekaterina Yekaterina
Elena Yelena Elizaveta Zhanna Zinaida Zoya Inna Irina Karina Kristina Ksenia Larisa
Lyudmila Liudmila Margarita Marina Maryia Natalya Nina Oksana Aksana Polina Raisa
Svetlana Sviatlana Sofia Sofya Tamara Tatyana Tatsiana Ulyana Yulia Yuliya Yana Yadviga
"""

# Also ordinary words or months: names only beside a surname or patronymic.
AMBIGUOUS = frozenset(
    """
    Вера Надежда Любовь Роза Лилия Слава Мир Лев Мая Надзея Любоў Ружа Віра Ліля
    Will Bill Rose Grace May June April Joy Amber Hope Faith Georgia Art Ray Mark Frank Jack
    """.split()
)

# Cyrillic endings by stem type: what the name's other cases look like.
_CONSONANT_ENDINGS = ("", "а", "у", "ом", "ам", "е")
_SOFT_ENDINGS = ("я", "ю", "ем", "ём", "ям", "е", "і", "и")
_A_ENDINGS = ("а", "ы", "и", "і", "е", "у", "ой", "ою", "ай", "аю")
_YA_ENDINGS = ("я", "и", "і", "ю", "ей", "ёй", "яй", "ею", "е")


def name_forms(entry: str) -> set[str]:
    """Gives a first name's case forms: Иван -> Ивана, Ивану...; Марыя -> Марыі, Марыю...

    >>> sorted(name_forms("Павел:Павл"))[:3]
    ['Павел', 'Павла', 'Павлам']
    """
    name, _, stem = entry.partition(":")
    forms = {name}
    if not any("\u0400" <= ch <= "\u04ff" for ch in name):
        return forms
    last = name[-1]
    if stem:
        forms.update(stem + ending for ending in _CONSONANT_ENDINGS if ending)
    elif last in "йь":
        forms.update(name[:-1] + ending for ending in _SOFT_ENDINGS)
    elif last == "а":
        forms.update(name[:-1] + ending for ending in _A_ENDINGS)
    elif last == "я":
        forms.update(name[:-1] + ending for ending in _YA_ENDINGS)
    elif last not in "аеёиоуыэюяі":
        forms.update(name + ending for ending in _CONSONANT_ENDINGS)
    return forms


def first_name_forms() -> frozenset[str]:
    """Gives every case form of every listed first name."""
    forms: set[str] = set()
    blocks = (
        RUSSIAN_MALE,
        RUSSIAN_FEMALE,
        BELARUSIAN_MALE,
        BELARUSIAN_FEMALE,
        ENGLISH,
        LATIN_TRANSLITERATED,
    )
    for block in blocks:
        for entry in block.split():
            forms |= name_forms(entry)
    return frozenset(forms)


def ambiguous_forms() -> frozenset[str]:
    """Gives the case forms of the first names that are also ordinary words."""
    forms: set[str] = set()
    for word in AMBIGUOUS:
        forms |= name_forms(word)
    return frozenset(forms)
