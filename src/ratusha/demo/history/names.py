"""Names of the demo's applicants and organisations, in the language they write in."""

from __future__ import annotations

import random

# (male first names, female first names, surnames as (male, female))
_NAMES = {
    "ru": (
        ("Александр", "Сергей", "Андрей", "Дмитрий", "Николай", "Виктор", "Игорь", "Павел",
         "Юрий", "Владимир", "Михаил", "Олег"),
        ("Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Людмила", "Галина",
         "Анна", "Марина", "Валентина", "Екатерина"),
        (("Иванов", "Иванова"), ("Козлов", "Козлова"), ("Новиков", "Новикова"),
         ("Морозов", "Морозова"), ("Волков", "Волкова"), ("Ковалёв", "Ковалёва"),
         ("Лукашевич", "Лукашевич"), ("Шевчук", "Шевчук"), ("Савицкий", "Савицкая"),
         ("Климович", "Климович"), ("Петренко", "Петренко"), ("Зайцев", "Зайцева")),
    ),
    "be": (
        ("Аляксандр", "Сяргей", "Андрэй", "Дзмітрый", "Мікалай", "Віктар", "Ігар", "Павел",
         "Юрый", "Уладзімір", "Міхаіл", "Алесь"),
        ("Алена", "Вольга", "Наталля", "Таццяна", "Ірына", "Святлана", "Людміла", "Галіна",
         "Ганна", "Марына", "Валянціна", "Кацярына"),
        (("Іваноў", "Іванова"), ("Казлоў", "Казлова"), ("Навумчык", "Навумчык"),
         ("Марозаў", "Марозава"), ("Ваўчок", "Ваўчок"), ("Кавалёў", "Кавалёва"),
         ("Лукашэвіч", "Лукашэвіч"), ("Шаўчук", "Шаўчук"), ("Савіцкі", "Савіцкая"),
         ("Клімовіч", "Клімовіч"), ("Грыцук", "Грыцук"), ("Жук", "Жук")),
    ),
    "en": (
        ("John", "Ales", "Piotr", "Mark", "Tomas", "Daniel"),
        ("Anna", "Maria", "Julia", "Emily", "Kasia", "Olena"),
        (("Kavaliou", "Kavaliova"), ("Smith", "Smith"), ("Novak", "Novak"),
         ("Wisniewski", "Wisniewska"), ("Miller", "Miller"), ("Zhuk", "Zhuk")),
    ),
}  # fmt: skip

ORGANISATIONS = {
    "ru": ("ЖСПК «Рассвет»", "ООО «Зареченский хлеб»", "ОАО «Зареченский молочный завод»",
           "ЧУП «СтройДом»", "Совет ветеранов микрорайона «Северный»"),
    "be": ("ЖБК «Світанак»", "ТАА «Зарэчны хлеб»", "ААТ «Зарэчанскі малочны завод»",
           "Рада ветэранаў мікрараёна «Паўночны»"),
    "en": ("Zarechensk Hostel LLC", "Riverside Cycling Club"),
}  # fmt: skip

_LATIN = str.maketrans(
    {"а": "a", "б": "b", "в": "v", "г": "h", "д": "d", "е": "e", "ё": "io", "ж": "zh",
     "з": "z", "і": "i", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
     "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "h", "ц": "c",
     "ч": "ch", "ш": "sh", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "щ": "sch",
     "ъ": "", "'": ""}
)  # fmt: skip


def person_name(language: str, rng: random.Random) -> str:
    """Give a first name and a surname, the surname in the form that fits the first name."""
    male, female, surnames = _NAMES[language]
    is_female = rng.random() < 0.55
    first = rng.choice(female if is_female else male)
    surname = rng.choice(surnames)[1 if is_female else 0]
    return f"{first} {surname}"


def email_of(name: str, rng: random.Random) -> str:
    """Give a plausible personal e-mail address for a name (on a reserved domain)."""
    first, last = name.lower().translate(_LATIN).split(" ", 1)
    style = rng.choice(("{f}.{l}", "{l}{n}", "{f}{l}{n}", "{f1}{l}"))
    local = style.format(f=first, l=last, n=rng.randint(1, 99), f1=first[:1])
    return f"{local}@mail.example"


def phone(rng: random.Random) -> str:
    """Give a Belarusian mobile number."""
    code, first = rng.choice((25, 29, 33, 44)), rng.randint(200, 999)
    return f"+375 {code} {first}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
