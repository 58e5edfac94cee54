"""The fictional demo district: its bodies, departments and categories, as import rows.

Zarechny district (Зарэчны раён) with the town of Zarechensk, whose executive committee
(code ZAR) has eight departments and forty categories, plus a village council (KLV).
"""

from __future__ import annotations

# (code, parent, kind, be, ru, en)
BODIES = [
    ("BY", "", "state", "Рэспубліка Беларусь", "Республика Беларусь", "Republic of Belarus"),
    (
        "MNR",
        "BY",
        "region",
        "Мінскі абласны выканаўчы камітэт",
        "Минский областной исполнительный комитет",
        "Minsk Regional Executive Committee",
    ),
    (
        "ZRD",
        "MNR",
        "district",
        "Зарэчны раённы выканаўчы камітэт",
        "Заречный районный исполнительный комитет",
        "Zarechny District Executive Committee",
    ),
    (
        "ZAR",
        "ZRD",
        "municipality",
        "Зарэчанскі гарадскі выканаўчы камітэт",
        "Зареченский городской исполнительный комитет",
        "Zarechensk Town Executive Committee",
    ),
    (
        "KLV",
        "ZRD",
        "municipality",
        "Калінаўскі сельскі выканаўчы камітэт",
        "Калиновский сельский исполнительный комитет",
        "Kalinauka Village Executive Committee",
    ),
]

DESCRIPTIONS = {
    "ZAR": (
        "Гарвыканкам кіруе жыллёва-камунальнай гаспадаркай, дарогамі, добраўпарадкаваннем, "
        "адукацыяй, аховай здароўя і сацыяльнай абаронай горада Зарэчанска (38 000 жыхароў).",
        "Горисполком управляет жилищно-коммунальным хозяйством, дорогами, благоустройством, "
        "образованием, здравоохранением и социальной защитой города Зареченска (38 000 жителей).",
        "The town executive committee runs housing and utilities, roads, landscaping, "
        "education, health and social protection in the town of Zarechensk (38,000 people).",
    ),
    "KLV": (
        "Сельвыканкам адказвае за дзевяць вёсак: дарогі, вываз смецця, асвятленне.",
        "Сельисполком отвечает за девять деревень: дороги, вывоз мусора, освещение.",
        "The village committee looks after nine villages: roads, waste collection, lighting.",
    ),
}

CONTACTS = {
    "ZAR": ("вул. Савецкая, 12, 222999 Зарэчанск", "zar@demo.ratusha.example", "+375 17 555-01-01"),
    "KLV": ("вул. Школьная, 3, в. Калінаўка", "klv@demo.ratusha.example", "+375 17 555-02-02"),
}

# (code, be, ru, en, categories: (code, be, ru, en, keywords))
DEPARTMENTS = [
    (
        "HOUS",
        "Жыллёва-камунальная гаспадарка",
        "Жилищно-коммунальное хозяйство",
        "Housing and utilities",
        [
            ("HEAT", "Ацяпленне", "Отопление", "Heating", "батарэі;холадна;отопление;батареи"),
            (
                "WATER",
                "Водазабеспячэнне і каналізацыя",
                "Водоснабжение и канализация",
                "Water supply and sewerage",
                "вада;вода;каналізацыя;канализация;труба",
            ),
            (
                "ROOF",
                "Дахі і рамонт дамоў",
                "Кровля и ремонт домов",
                "Roofs and building repairs",
                "дах;крыша;протечка;падъезд",
            ),
            ("LIFT", "Ліфты", "Лифты", "Lifts", "ліфт;лифт"),
            ("BILLS", "Плата за ЖКП", "Оплата ЖКУ", "Utility bills", "квітанцыя;квитанция;тариф"),
        ],
    ),
    (
        "ROAD",
        "Дарогі і транспарт",
        "Дороги и транспорт",
        "Roads and transport",
        [
            (
                "POTH",
                "Пакрыццё дарог і ямы",
                "Дорожное покрытие и ямы",
                "Road surface and potholes",
                "яма;асфальт;ямы",
            ),
            (
                "SNOW",
                "Уборка снегу і галалёд",
                "Уборка снега и гололёд",
                "Snow clearing and ice",
                "снег;галалёд;гололед;наледь",
            ),
            (
                "BUS",
                "Грамадскі транспарт",
                "Общественный транспорт",
                "Public transport",
                "аўтобус;автобус;маршрут;остановка",
            ),
            (
                "LIGHT",
                "Вулічнае асвятленне",
                "Уличное освещение",
                "Street lighting",
                "ліхтар;фонарь;освещение;темно",
            ),
            (
                "TRAF",
                "Дарожныя знакі і святлафоры",
                "Дорожные знаки и светофоры",
                "Traffic signs and lights",
                "святлафор;светофор;знак;переход",
            ),
        ],
    ),
    (
        "LAND",
        "Добраўпарадкаванне і санітарыя",
        "Благоустройство и санитария",
        "Landscaping and sanitation",
        [
            ("WASTE", "Вываз смецця", "Вывоз мусора", "Waste collection", "смецце;мусор;контейнер"),
            (
                "TREE",
                "Дрэвы і зялёныя зоны",
                "Деревья и зелёные зоны",
                "Trees and green areas",
                "дрэва;дерево;газон;спил",
            ),
            (
                "YARD",
                "Двары і дзіцячыя пляцоўкі",
                "Дворы и детские площадки",
                "Courtyards and playgrounds",
                "пляцоўка;площадка;двор;скамейка",
            ),
            (
                "ANIM",
                "Бяздомныя жывёлы",
                "Безнадзорные животные",
                "Stray animals",
                "сабакі;собаки;кошки",
            ),
            ("CLEAN", "Прыбіранне вуліц", "Уборка улиц", "Street cleaning", "бруд;грязь;уборка"),
        ],
    ),
    (
        "EDU",
        "Адукацыя",
        "Образование",
        "Education",
        [
            ("SCHL", "Школы", "Школы", "Schools", "школа;настаўнік;учитель"),
            ("KIND", "Дзіцячыя садкі", "Детские сады", "Kindergartens", "садок;детсад;очередь"),
            (
                "EXTRA",
                "Пазашкольныя заняткі",
                "Внешкольные занятия",
                "Extracurricular activities",
                "гурток;кружок;секция",
            ),
            (
                "MEAL",
                "Школьнае харчаванне",
                "Школьное питание",
                "School meals",
                "харчаванне;питание;столовая",
            ),
            (
                "STRAN",
                "Падвоз вучняў",
                "Подвоз учащихся",
                "School transport",
                "падвоз;подвоз;школьный автобус",
            ),
        ],
    ),
    (
        "HEAL",
        "Ахова здароўя",
        "Здравоохранение",
        "Health",
        [
            ("CLIN", "Паліклінікі", "Поликлиники", "Outpatient clinics", "паліклініка;поликлиника"),
            ("HOSP", "Бальніца", "Больница", "Hospital", "бальніца;больница;стационар"),
            (
                "PHARM",
                "Аптэкі і лекі",
                "Аптеки и лекарства",
                "Pharmacies and medicines",
                "аптэка;аптека;лекарства",
            ),
            ("AMBU", "Хуткая дапамога", "Скорая помощь", "Ambulance", "хуткая;скорая"),
            (
                "APPT",
                "Запіс да ўрача",
                "Запись к врачу",
                "Doctor's appointments",
                "талон;запись;врач",
            ),
        ],
    ),
    (
        "SOC",
        "Сацыяльная абарона",
        "Социальная защита",
        "Social protection",
        [
            (
                "BENE",
                "Дапамогі і выплаты",
                "Пособия и выплаты",
                "Benefits and allowances",
                "дапамога;пособие;выплата",
            ),
            ("PENS", "Пенсіі", "Пенсии", "Pensions", "пенсія;пенсия"),
            (
                "CARE",
                "Догляд пажылых",
                "Уход за пожилыми",
                "Home care for the elderly",
                "сацработнік;соцработник;пожилой",
            ),
            (
                "DISAB",
                "Інваліднасць і даступнасць",
                "Инвалидность и доступность",
                "Disability and accessibility",
                "пандус;коляска;инвалид",
            ),
            (
                "FAM",
                "Шматдзетныя сем'і",
                "Многодетные семьи",
                "Large families",
                "шматдзетная;многодетная",
            ),
        ],
    ),
    (
        "ARCH",
        "Архітэктура і будаўніцтва",
        "Архитектура и строительство",
        "Architecture and construction",
        [
            (
                "PERM",
                "Дазволы на будаўніцтва",
                "Разрешения на строительство",
                "Building permits",
                "дазвол;разрешение;проект",
            ),
            (
                "ILLEG",
                "Самавольнае будаўніцтва",
                "Самовольное строительство",
                "Unauthorised construction",
                "самавольна;самовольно;забор",
            ),
            (
                "PLOT",
                "Зямельныя ўчасткі",
                "Земельные участки",
                "Land plots",
                "участак;участок;земля",
            ),
            (
                "FACAD",
                "Фасады і рэклама",
                "Фасады и реклама",
                "Facades and advertising",
                "фасад;вывеска;реклама",
            ),
            (
                "PLAN",
                "Горадабудаўнічае планаванне",
                "Градостроительное планирование",
                "Urban planning",
                "генплан;застройка",
            ),
        ],
    ),
    (
        "TRADE",
        "Гандаль і паслугі",
        "Торговля и услуги",
        "Trade and services",
        [
            (
                "SHOP",
                "Крамы і рынкі",
                "Магазины и рынки",
                "Shops and markets",
                "крама;магазин;рынок",
            ),
            (
                "PRICE",
                "Цэны і правы спажыўцоў",
                "Цены и права потребителей",
                "Prices and consumer rights",
                "цана;цена;чек;возврат",
            ),
            (
                "CAFE",
                "Грамадскае харчаванне",
                "Общественное питание",
                "Cafés and catering",
                "кафэ;кафе;столовая",
            ),
            (
                "SERV",
                "Бытавыя паслугі",
                "Бытовые услуги",
                "Household services",
                "рамонт;ремонт обуви;химчистка",
            ),
            ("HOURS", "Рэжым працы", "Режим работы", "Opening hours", "рэжым;режим;закрыто"),
        ],
    ),
]

KLV_DEPARTMENTS = [
    (
        "ECON",
        "Гаспадарчы аддзел",
        "Хозяйственный отдел",
        "Local economy",
        [
            ("ROADS", "Сельскія дарогі", "Сельские дороги", "Village roads", "дарога;дорога"),
            ("WASTE", "Вываз смецця", "Вывоз мусора", "Waste collection", "смецце;мусор"),
            (
                "LIGHT",
                "Асвятленне вёсак",
                "Освещение деревень",
                "Village lighting",
                "ліхтар;фонарь",
            ),
        ],
    ),
    (
        "SOC",
        "Сацыяльныя пытанні",
        "Социальные вопросы",
        "Social matters",
        [
            ("HELP", "Дапамога жыхарам", "Помощь жителям", "Help for residents", "дапамога;помощь"),
        ],
    ),
]

FIELDS = [
    "record",
    "code",
    "body",
    "parent",
    "kind",
    "name_be",
    "name_ru",
    "name_en",
    "time_zone",
    "policy",
    "description_be",
    "description_ru",
    "description_en",
    "address",
    "email",
    "phone",
    "department",
    "keywords",
    "public",
]


def import_rows() -> list[dict[str, str]]:
    """Give the demo catalogue as rows for ratusha.bodies.actions.do_import_bodies."""
    rows: list[dict[str, str]] = []
    for code, parent, kind, be, ru, en in BODIES:
        desc = DESCRIPTIONS.get(code, ("", "", ""))
        address, email, phone = CONTACTS.get(code, ("", "", ""))
        rows.append(
            {
                "record": "body",
                "code": code,
                "parent": parent,
                "kind": kind,
                "name_be": be,
                "name_ru": ru,
                "name_en": en,
                "time_zone": "Europe/Minsk",
                "policy": "by-appeals-2023",
                "description_be": desc[0],
                "description_ru": desc[1],
                "description_en": desc[2],
                "address": address,
                "email": email,
                "phone": phone,
            }
        )
    for body, departments in (("ZAR", DEPARTMENTS), ("KLV", KLV_DEPARTMENTS)):
        for dept, be, ru, en, categories in departments:
            rows.append(
                {
                    "record": "dept",
                    "body": body,
                    "code": dept,
                    "name_be": be,
                    "name_ru": ru,
                    "name_en": en,
                    "email": f"{dept.lower()}.{body.lower()}@demo.ratusha.example",
                }
            )
            for cat, cbe, cru, cen, keywords in categories:
                rows.append(
                    {
                        "record": "category",
                        "body": body,
                        "code": cat,
                        "name_be": cbe,
                        "name_ru": cru,
                        "name_en": cen,
                        "department": dept,
                        "keywords": keywords,
                        "public": "yes",
                    }
                )
    return [{name: row.get(name, "") for name in FIELDS} for row in rows]
