"""Answers to demo appeals, per department and language, and the other texts of their lives.

An answer names the appeal's number and says what the department did (``{measure}``,
from its list) about the matter of the category (``{fix}``, from `fixes`); the choices
and slots work as in `texts.fill`.
"""

from __future__ import annotations

import random

from ratusha.demo.history.fixes import fix_for
from ratusha.demo.history.texts import fill

FRAMES = {
    "ru": (
        "Уважаемый(ая) {name}! На Ваше обращение № {number} сообщаем, что {measure}. "
        "Благодарим за неравнодушие.",
        "Ваше обращение № {number} рассмотрено. По существу вопроса: {measure}. "
        "[При повторении проблемы обращайтесь в отдел по телефону 5-55-{tel}.|]",
        "{name}, по результатам рассмотрения обращения № {number} сообщаем: {measure}.",
    ),
    "be": (
        "Паважаны(ая) {name}! На Ваш зварот № {number} паведамляем, што {measure}. "
        "Дзякуем за неабыякавасць.",
        "Ваш зварот № {number} разгледжаны. Па сутнасці пытання: {measure}. "
        "[Калі праблема паўторыцца, звяртайцеся ў аддзел па тэлефоне 5-55-{tel}.|]",
        "{name}, па выніках разгляду звароту № {number} паведамляем: {measure}.",
    ),
    "en": (
        "Dear {name}, regarding your appeal No. {number}: {measure}. Thank you for writing to us.",
        "Your appeal No. {number} has been considered. {measure_cap}.",
    ),
}

# What the department did, around ``{fix}`` (what was done about this category).
MEASURES: dict[str, dict[str, tuple[str, ...]]] = {
    "HOUS": {
        "ru": (
            "специалисты ЖЭС {date} провели обследование{at}: {fix}",
            "по результатам проверки {date}{at} {fix}; контроль возложен на начальника ЖЭС",
        ),
        "be": (
            "спецыялісты ЖЭС {date} правялі абследаванне{at}: {fix}",
            "па выніках праверкі {date}{at} {fix}; кантроль ускладзены на начальніка ЖЭС",
        ),
        "en": ("the housing service checked the matter{at} on {date}: {fix}",),
    },
    "ROAD": {
        "ru": (
            "дорожно-эксплуатационное управление {date} выехало на место{at}: {fix}",
            "вопрос рассмотрен с выездом {date}{at}; {fix}",
        ),
        "be": (
            "дарожна-эксплуатацыйнае ўпраўленне {date} выехала на месца{at}: {fix}",
            "пытанне разгледжана з выездам {date}{at}; {fix}",
        ),
        "en": ("the road service visited the site{at} on {date}: {fix}",),
    },
    "LAND": {
        "ru": (
            "служба благоустройства {date} обследовала территорию{at}: {fix}",
            "по результатам выезда {date}{at} {fix}",
        ),
        "be": (
            "служба добраўпарадкавання {date} абследавала тэрыторыю{at}: {fix}",
            "па выніках выезду {date}{at} {fix}",
        ),
        "en": ("the landscaping service inspected the area{at} on {date}: {fix}",),
    },
    "EDU": {
        "ru": ("отдел образования провёл проверку {date}: {fix}",),
        "be": ("аддзел адукацыі правёў праверку {date}: {fix}",),
        "en": ("the education department looked into it on {date}: {fix}",),
    },
    "HEAL": {
        "ru": ("главный врач районной больницы провёл проверку {date}: {fix}",),
        "be": ("галоўны ўрач раённай бальніцы правёў праверку {date}: {fix}",),
        "en": ("the chief physician looked into it on {date}: {fix}",),
    },
    "SOC": {
        "ru": ("управление социальной защиты рассмотрело вопрос {date}: {fix}",),
        "be": ("упраўленне сацыяльнай абароны разгледзела пытанне {date}: {fix}",),
        "en": ("the social protection office reviewed the matter on {date}: {fix}",),
    },
    "ARCH": {
        "ru": ("отдел архитектуры и строительства рассмотрел вопрос{at} {date}: {fix}",),
        "be": ("аддзел архітэктуры і будаўніцтва разгледзеў пытанне{at} {date}: {fix}",),
        "en": ("the architecture department looked into it{at} on {date}: {fix}",),
    },
    "TRADE": {
        "ru": ("отдел торговли и услуг провёл проверку {date}: {fix}",),
        "be": ("аддзел гандлю і паслуг правёў праверку {date}: {fix}",),
        "en": ("the trade department checked it on {date}: {fix}",),
    },
}  # fmt: skip
# The village council's departments answer like the town's nearest ones.
LIKE = {"ECON": "ROAD"}

EXTENSION = {
    "ru": "Требуется дополнительное изучение и проверка с выездом на место.",
    "be": "Патрабуецца дадатковае вывучэнне і праверка з выездам на месца.",
    "en": "Further study and an on-site check are needed.",
}
NOT_IN_COMPETENCE = {
    "ru": "Вопрос не относится к компетенции горисполкома; заявителю разъяснено, куда обратиться.",
    "be": "Пытанне не адносіцца да кампетэнцыі гарвыканкама; заяўніку растлумачана, куды "
    "звярнуцца.",
    "en": "The matter is outside the committee's competence; the applicant was told where "
    "to apply.",
}
EXPLANATION = {
    "repeated_nothing_new": {
        "ru": "Повторное обращение без новых доводов; ответ по существу дан ранее.",
        "be": "Паўторны зварот без новых довадаў; адказ па сутнасці дадзены раней.",
        "en": "A repeated appeal with nothing new; it was answered on the merits before.",
    },
    "identifying_details_missing": {
        "ru": "Не указан адрес для ответа.",
        "be": "Не пазначаны адрас для адказу.",
        "en": "No address for the answer was given.",
    },
    "language_not_accepted": {
        "ru": "Обращение подано не на белорусском или русском языке.",
        "be": "Зварот пададзены не на беларускай або рускай мове.",
        "en": "The appeal is not in Belarusian or Russian, the languages the law accepts.",
    },
    "obscene_or_insulting": {
        "ru": "Обращение содержит оскорбительные выражения.",
        "be": "Зварот змяшчае абразлівыя выразы.",
        "en": "The appeal contains insulting language.",
    },
}
COMPLAINT_DISMISSED = "Жалоба рассмотрена вышестоящим органом: ответ признан обоснованным."
COMPLAINT_UPHELD = "Жалоба удовлетворена: обращение направлено на повторное рассмотрение."
EXECUTOR_NAMED = "Назначен исполнитель."
WITHDRAWN = {"ru": "Вопрос решён.", "be": "Пытанне вырашана.", "en": "The problem is solved."}

COMMENTS = {
    "low": {
        "ru": ("Ничего не сделано, отписка.", "Ответ формальный, проблема осталась.",
               "Обещали, но так и не сделали.", "ответили через месяц и не по делу"),
        "be": ("Нічога не зроблена, адпіска.", "Адказ фармальны, праблема засталася.",
               "Абяцалі, але так і не зрабілі."),
        "en": ("Nothing was done.", "A formal reply, the problem is still there."),
    },
    "high": {
        "ru": ("Спасибо, всё сделали быстро!", "Благодарю за оперативность.", "", "", ""),
        "be": ("Дзякуй, усё зрабілі хутка!", "Дзякую за аператыўнасць.", "", "", ""),
        "en": ("Thank you, fixed quickly!", "", ""),
    },
}  # fmt: skip


def answer_text(
    department: str, category: str, language: str, slots: dict[str, str], rng: random.Random
) -> str:
    """Give an answer on the merits from the department's templates, in the language."""
    measures = MEASURES[LIKE.get(department, department)][language]
    fix = fill(fix_for(category, language), slots, rng)
    measure = fill(rng.choice(measures), {**slots, "fix": fix}, rng)
    frame = rng.choice(FRAMES[language])
    values = {**slots, "measure": measure, "measure_cap": measure[:1].upper() + measure[1:]}
    return fill(frame, values, rng)


def rating_comment(score: int, language: str, rng: random.Random) -> str:
    """Give what a citizen writes along with a rating (often nothing for a good one)."""
    if score == 3:
        return ""
    return rng.choice(COMMENTS["low" if score <= 2 else "high"][language])
