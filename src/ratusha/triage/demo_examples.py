"""Example appeals of the demo's categories (Belarusian, Russian, English), for cold start.

``seed_category_examples`` in ``triage/demo.py`` writes them into the categories that have
none yet, so an administrator's own examples are never overwritten.
"""

from __future__ import annotations

# (body code, category code): (be, ru, en)
EXAMPLES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("ZAR", "HEAT"): (
        "У кватэры холадна, батарэі ледзь цёплыя з пачатку ацяпляльнага сезона.",
        "В квартире холодно, батареи еле тёплые, отопление так и не включили.",
        "The radiators in our flat are cold although the heating season has started.",
    ),
    ("ZAR", "WATER"): (
        "Другі дзень няма халоднай вады ў доме, з крана ідзе іржавая вада.",
        "Во дворе прорвало трубу, вода течёт по улице, подвал затоплен канализацией.",
        "There has been no cold water in our building for two days.",
    ),
    ("ZAR", "ROOF"): (
        "Працякае дах над пятым паверхам, пасля дажджу мокрая столь у пад'ездзе.",
        "Протекает крыша, в подъезде осыпается штукатурка, нужен ремонт.",
        "The roof leaks into our top-floor flat every time it rains.",
    ),
    ("ZAR", "LIFT"): (
        "Ліфт у нашым пад'ездзе не працуе ўжо тыдзень, пажылыя не могуць выйсці.",
        "Лифт постоянно застревает между этажами, кнопки не работают.",
        "The lift in our block has been broken for a week.",
    ),
    ("ZAR", "BILLS"): (
        "У квітанцыі за камунальныя паслугі налічана больш, чым мы спажылі.",
        "В квитанции за ЖКУ неправильно начислена плата за отопление, прошу сделать перерасчёт.",
        "My utility bill charges me for hot water I did not use; please recalculate it.",
    ),
    ("ZAR", "POTH"): (
        "На вуліцы вялікая яма на праезнай частцы, машыны б'юць колы.",
        "На дороге глубокие ямы, асфальт разбит, просим сделать ямочный ремонт.",
        "A deep pothole in the road is damaging cars; please repair the asphalt.",
    ),
    ("ZAR", "SNOW"): (
        "Тратуары не прыбраныя ад снегу, на прыпынку галалёд, людзі падаюць.",
        "Не убирают снег во дворе, на тротуарах наледь, прошу посыпать песком.",
        "The pavements are icy and nobody has cleared the snow.",
    ),
    ("ZAR", "BUS"): (
        "Аўтобус па маршруце рэдка ходзіць, раніцай немагчыма ўехаць на працу.",
        "Автобус не соблюдает расписание, на остановке приходится ждать по часу.",
        "The bus on our route comes late and skips the stop in the morning.",
    ),
    ("ZAR", "LIGHT"): (
        "На вуліцы не гарыць ліхтар, увечары цёмна і небяспечна.",
        "Не горит уличное освещение во дворе, фонари не работают уже месяц.",
        "The street lights on our street have been off for weeks; it is dark at night.",
    ),
    ("ZAR", "TRAF"): (
        "Не працуе святлафор на перакрыжаванні, прашу ўсталяваць пешаходны пераход.",
        "Сломан светофор на перекрёстке, упал дорожный знак, нужна разметка.",
        "The traffic light at the crossing is broken and the road sign has fallen.",
    ),
    ("ZAR", "WASTE"): (
        "Не вывозяць смецце з кантэйнернай пляцоўкі, кантэйнеры перапоўненыя.",
        "Мусор не вывозят уже неделю, контейнеры переполнены, вокруг грязь.",
        "The rubbish bins have not been emptied for a week and are overflowing.",
    ),
    ("ZAR", "TREE"): (
        "Сухое дрэва ля дома можа ўпасці, прашу яго спілаваць.",
        "Во дворе аварийное дерево, просим обрезать ветки и покосить газон.",
        "A dead tree next to our house may fall; please cut it down.",
    ),
    ("ZAR", "YARD"): (
        "На дзіцячай пляцоўцы зламаныя арэлі, двор трэба добраўпарадкаваць.",
        "Во дворе сломана детская площадка, нет скамеек, просим благоустроить двор.",
        "The swings on the playground in our courtyard are broken.",
    ),
    ("ZAR", "ANIM"): (
        "Каля школы зграя бадзяжных сабак кідаецца на дзяцей.",
        "Бродячие собаки во дворе нападают на прохожих, просим отловить.",
        "A pack of stray dogs near the school frightens the children.",
    ),
    ("ZAR", "CLEAN"): (
        "Вуліцу даўно не прыбіралі, паўсюль бруд і смецце на тратуарах.",
        "На улице грязь, тротуары не подметают, после уборки остаются кучи листвы.",
        "Our street is filthy; nobody has swept the pavements for weeks.",
    ),
    ("ZAR", "SCHL"): (
        "У школе не хапае настаўнікаў, урокі матэматыкі адмяняюць.",
        "В школе нет учителя физики, уроки отменяют, прошу разобраться.",
        "Our school has had no maths teacher since September.",
    ),
    ("ZAR", "KIND"): (
        "Мы даўно стаім у чарзе ў дзіцячы садок, месца так і не далі.",
        "Ребёнку не дают место в детском саду, очередь не движется.",
        "We have waited over a year for a kindergarten place for our son.",
    ),
    ("ZAR", "EXTRA"): (
        "Просім адкрыць гурток робататэхнікі ў доме творчасці.",
        "Закрыли спортивную секцию для детей, просим возобновить кружки.",
        "Please open an after-school art club for children in our district.",
    ),
    ("ZAR", "MEAL"): (
        "У школьнай сталоўцы кормяць халоднай ежай, дзеці галодныя.",
        "Плохое питание в школьной столовой, порции маленькие, еда холодная.",
        "The school canteen serves cold and tasteless lunches.",
    ),
    ("ZAR", "STRAN"): (
        "Школьны аўтобус не заязджае ў нашу вёску, дзеці ходзяць пешшу.",
        "Школьный автобус не возит детей из деревни в школу.",
        "The school bus no longer picks up children from our village.",
    ),
    ("ZAR", "CLIN"): (
        "У паліклініцы вялікія чэргі, у рэгістратуру немагчыма датэлефанавацца.",
        "В поликлинике огромные очереди, терапевт принимает только по утрам.",
        "The queues at the outpatient clinic are hours long.",
    ),
    ("ZAR", "HOSP"): (
        "У бальніцы ў палаце холадна, хворым не хапае пасцельнай бялізны.",
        "В больнице в стационаре плохие условия, нет лекарств для пациентов.",
        "The hospital ward is cold and the patients lack bedding.",
    ),
    ("ZAR", "PHARM"): (
        "У аптэках няма патрэбных лекаў па льготным рэцэпце.",
        "В аптеке нет лекарства по льготному рецепту уже месяц.",
        "The pharmacy has had no insulin on prescription for a month.",
    ),
    ("ZAR", "AMBU"): (
        "Хуткая дапамога ехала да бабулі больш за гадзіну.",
        "Скорая помощь приехала только через час после вызова.",
        "The ambulance took over an hour to reach my elderly father.",
    ),
    ("ZAR", "APPT"): (
        "Немагчыма запісацца да ўрача, праз інтэрнэт няма свабодных талонаў.",
        "Невозможно записаться к врачу, талонов к кардиологу нет на месяц вперёд.",
        "I cannot book an appointment with a doctor; there are no free slots.",
    ),
    ("ZAR", "BENE"): (
        "Мне адмовілі ў дапамозе на дзіця, прашу растлумачыць чаму.",
        "Не выплачивают пособие по уходу за ребёнком, прошу разобраться.",
        "My child benefit has not been paid for two months.",
    ),
    ("ZAR", "PENS"): (
        "Прашу пералічыць пенсію, не ўлічаны мой працоўны стаж.",
        "Неправильно рассчитали пенсию, не учли стаж работы.",
        "My pension was calculated without my years of work abroad.",
    ),
    ("ZAR", "CARE"): (
        "Маёй маці патрэбен сацыяльны работнік для дапамогі дома.",
        "Пожилой соседке нужна помощь социального работника на дому.",
        "My elderly mother needs a social worker to help her at home.",
    ),
    ("ZAR", "DISAB"): (
        "Няма пандуса ля пад'езда, чалавек на вазку не можа выйсці з дому.",
        "Нет пандуса в поликлинике, инвалиду-колясочнику не попасть внутрь.",
        "There is no ramp at the post office for wheelchair users.",
    ),
    ("ZAR", "FAM"): (
        "Мы шматдзетная сям'я, просім дапамагчы з жыллём.",
        "Многодетной семье не дают положенные льготы на оплату жилья.",
        "As a large family we ask for help with housing.",
    ),
    ("ZAR", "PERM"): (
        "Як атрымаць дазвол на будаўніцтва лазні на сваім участку?",
        "Прошу выдать разрешение на строительство гаража, документы поданы давно.",
        "How do I get a building permit for an extension to my house?",
    ),
    ("ZAR", "ILLEG"): (
        "Сусед без дазволу будуе гараж на агульнай зямлі.",
        "Сосед незаконно построил забор на общей территории, прошу снести.",
        "My neighbour is building a shed without a permit on common land.",
    ),
    ("ZAR", "PLOT"): (
        "Прашу выдзеліць зямельны ўчастак пад будаўніцтва жылога дома.",
        "Прошу предоставить земельный участок для огорода.",
        "I apply for a land plot to build a family house.",
    ),
    ("ZAR", "FACAD"): (
        "Фасад дома ў дрэнным стане, абвальваецца тынкоўка.",
        "На фасаде дома незаконная реклама, вывеска закрывает окна.",
        "An illegal advertising banner covers the facade of our building.",
    ),
    ("ZAR", "PLAN"): (
        "Хачу ведаць, што будуць будаваць на пустцы каля нашага дома паводле генплана.",
        "Просим показать проект застройки квартала по генплану.",
        "What does the master plan foresee for the empty lot next to our street?",
    ),
    ("ZAR", "SHOP"): (
        "У краме прадаюць пратэрмінаваныя прадукты.",
        "На рынке торгуют без кассового аппарата, магазин закрыли без предупреждения.",
        "The shop on our street sells expired food.",
    ),
    ("ZAR", "PRICE"): (
        "У краме на касе цана вышэйшая, чым на цэнніку.",
        "В магазине цена на кассе выше, чем на ценнике, нарушают права потребителей.",
        "The price at the till was higher than on the shelf label.",
    ),
    ("ZAR", "CAFE"): (
        "Кафэ ў нашым доме працуе да позняй ночы, гучная музыка.",
        "В кафе антисанитария, после обеда отравились, просим проверить.",
        "The café downstairs plays loud music until late at night.",
    ),
    ("ZAR", "SERV"): (
        "Майстэрня не вярнула абутак пасля рамонту.",
        "Химчистка испортила пальто и отказывается возмещать ущерб.",
        "The repair shop has kept my washing machine for two months.",
    ),
    ("ZAR", "HOURS"): (
        "Пошта зачынена ў суботу, рэжым працы не адпавядае шыльдзе.",
        "Отделение банка закрыто в рабочее время, режим работы не соблюдается.",
        "The post office is closed during the hours posted on its door.",
    ),
    ("KLV", "ROADS"): (
        "Дарогу ў вёсцы размыла, да дамоў не праехаць.",
        "Дорогу в деревне размыло, к домам не проехать, нужна подсыпка.",
        "The village road is washed out and cars cannot reach our houses.",
    ),
    ("KLV", "WASTE"): (
        "У вёсцы смецце вывозяць раз на месяц, кантэйнер перапоўнены.",
        "В деревне не вывозят мусор, контейнер переполнен.",
        "Rubbish in our village is collected only once a month.",
    ),
    ("KLV", "LIGHT"): (
        "На вуліцы ў вёсцы не гараць ліхтары, вечарам цёмна.",
        "В деревне не горят фонари, вечером темно идти с остановки.",
        "The street lamps in the village do not work.",
    ),
    ("KLV", "HELP"): (
        "Адзінокай бабулі трэба дапамагчы з дровамі на зіму.",
        "Одинокому пенсионеру нужна помощь с дровами и ремонтом печи.",
        "A lonely pensioner in our village needs help with firewood for the winter.",
    ),
}
