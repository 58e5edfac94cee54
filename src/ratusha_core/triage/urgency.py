"""Urgency of an appeal: danger to life or health, or the loss of an essential service.

Rules in Belarusian, Russian and English match word stems, so inflected forms count
("пахнет газом", "запах газа", "пахне газам", "smells of gas") while look-alike words do
not ("газон", "газета"). A rule whose match is negated just before ("не пахнет газом",
"no longer smells of gas") does not fire.

>>> assess_urgency("В подъезде пахнет газом!", "ru")
Urgency(level='emergency', reasons=('gas_smell',))
>>> assess_urgency("Покосите газон во дворе", "ru").level
'normal'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

UrgencyLevel = Literal["normal", "urgent", "emergency"]

_RANK: dict[UrgencyLevel, int] = {"normal": 0, "urgent": 1, "emergency": 2}


@dataclass(frozen=True)
class Urgency:
    """How urgent an appeal is and which rules said so (reason codes, strongest first)."""

    level: UrgencyLevel
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class UrgencyRule:
    """One danger sign: its reason code, the level it raises to, and its patterns."""

    reason: str
    level: UrgencyLevel
    patterns: tuple[re.Pattern[str], ...]
    requires: tuple[re.Pattern[str], ...] = ()
    """Extra context that must also be present anywhere in the text (e.g. frost)."""


def _rx(*alternatives: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?<!\w)(?:{a})(?!\w)", re.IGNORECASE) for a in alternatives)


# "газ" and its cases only: газон, газета, газель stay out.
_GAS = r"газ(?:а|ом|у|ам|е)?|газов\w*"
_SMELL = r"запах\w*|пахн\w*|пах|пахне|воня\w*|вонь|смярд\w*|смерд\w*|утечк\w*|уцечк\w*"
# Up to three words between, none of them a negation ("газом больше не пахнет").
_WORDS_BETWEEN = r"(?:\W+(?!(?:не|ні|больше|уже|ужо|not|no|never)(?!\w))\w+){0,3}\W+"
_FROST = _rx(r"мороз\w*|мароз\w*|минус\w*|мінус\w*|-\s?\d{2}\s?°|frost\w*|freezing|below zero")
_HEATING_OFF = (
    r"(?:нет|отключ\w*|не работает|не дают|няма|адключ\w*|не працуе)\W+(?:\w+\W+)?"
    r"(?:отоплени\w*|ацяпленн\w*|тепла|цяпла)|"
    r"(?:отоплени\w*|ацяпленн\w*)\W+(?:\w+\W+)?(?:нет|отключ\w*|не работает|адключ\w*|не працуе)|"
    r"(?:батар[эе]\w*|радиатор\w*|радыятар\w*)\W+(?:\w+\W+)?"
    r"(?:холодн\w*|ледян\w*|халодн\w*|не гре\w*)|"
    r"(?:холодн\w*|халодн\w*|ледян\w*)\W+(?:батар[эе]\w*|радиатор\w*)|"
    r"no heating|heating (?:is )?(?:off|not working|cut)|(?:radiators?|heaters?) (?:are |is )?"
    r"(?:cold|not working)|cold radiators?"
)

DEFAULT_RULES: tuple[UrgencyRule, ...] = (
    UrgencyRule(
        "gas_smell",
        "emergency",
        _rx(
            rf"(?:{_SMELL}){_WORDS_BETWEEN}(?:{_GAS})",
            rf"(?:{_GAS}){_WORDS_BETWEEN}(?:{_SMELL})",
            r"smell\w* (?:of )?gas|gas (?:smell|leak)\w*|leak\w* gas|odou?r of gas",
        ),
    ),
    UrgencyRule(
        "fire_or_smoke",
        "emergency",
        _rx(r"пожар\w*|пажар\w*|задымл\w*|дым|дымом|дыму|on fire|fire in|smoke"),
    ),
    UrgencyRule(
        "fallen_wire",
        "emergency",
        _rx(
            r"(?:оборва\w*|обрыв\w*|упал\w*|лежит|висит|свисает|оголённ\w*|оголенн\w*|абарва\w*|"
            r"упаў|упала|ляжыць|вісіць)\W+(?:\w+\W+)?(?:провод\w*|кабел\w*|провад\w*|правад\w*)",
            r"(?:провод\w*|кабел\w*|правад\w*)\W+(?:\w+\W+)?(?:оборва\w*|упал\w*|лежит|висит|"
            r"свисает|искрит|абарва\w*|ляжыць|вісіць|іскрыць)",
            r"искрит|іскрыць|(?:fallen|broken|hanging|live|bare)\s(?:power\s)?(?:wires?|lines?|cables?)|"
            r"(?:wires?|power lines?|cables?) (?:is |are )?(?:down|hanging|sparking|on the ground)",
        ),
    ),
    UrgencyRule(
        "open_manhole",
        "emergency",
        _rx(
            r"(?:открыт\w*|адкрыт\w*|без крышки|без вечка)\W+(?:\w+\W+)?"
            r"(?:люк\w*|колодец|калодзеж)",
            r"(?:люк\w*|колод\w*|калодз\w*)\W+(?:\w+\W+)?"
            r"(?:открыт\w*|без крышки|адкрыт\w*|без вечка)",
            r"(?:люк\w*|колод\w*|калодз\w*)\W+(?:\w+\W+)?(?:нет|няма) (?:крышки|вечка)|"
            r"нет крышки люка|няма вечка|open manholes?|manholes? (?:is |are )?(?:open|uncovered)|"
            r"missing manhole cover|manhole without (?:a )?cover",
        ),
    ),
    UrgencyRule(
        "collapse_risk",
        "emergency",
        _rx(
            r"обруш\w*|обвал\w*|рухн\w*|абруш\w*|абвал\w*|руйн\w*|collaps\w*|"
            r"(?:дом|стен\w*|крыш\w*|балкон\w*|сцяна|дах)\W+(?:\w+\W+)?(?:разруша\w*|"
            r"разваливается|развальваецца|разбураецца)|"
            r"(?:балкон\w*|потол\w*|столь|козыр\w*|стен\w*|сцяна)\W+(?:\w+\W+)?(?:отвалива\w*|"
            r"пада\w*|трескается|рассыпа\w*|адвальва\w*|трэскаецца)|"
            r"трещин\w* (?:в|на|по) (?:несущ\w*|стене|стенах|потолке|фундамент\w*)|"
            r"(?:cracks? in the|cracked) (?:wall|ceiling|foundation)|(?:ceiling|balcony|roof) "
            r"(?:is )?(?:falling|about to fall|caving)"
        ),
    ),
    UrgencyRule(
        "people_trapped_in_lift",
        "emergency",
        _rx(
            r"застрял\w* в лифте|застр\w* ў ліфце|stuck in (?:the |a )?(?:lift|elevator)|"
            r"(?:в лифте|ў ліфце)\W+(?:\w+\W+)?(?:застрял\w*|застра\w*)"
        ),
    ),
    UrgencyRule(
        "danger_to_life",
        "emergency",
        _rx(
            r"угроз\w* (?:для )?жизни|опасно для жизни|угрожает жизни|пагроз\w* (?:для )?жыцц\w*|"
            r"небяспечна для жыцця|danger(?:ous)? (?:to|for) (?:life|lives)|life[- ]threatening"
        ),
    ),
    UrgencyRule(
        "boiling_water_leak",
        "emergency",
        _rx(r"кипят(?:ок|ка|ком)|кіпен[ьюя]|кіпнем|boiling water|scalding water"),
    ),
    UrgencyRule(
        "no_heating_in_frost",
        "emergency",
        _rx(_HEATING_OFF),
        requires=_FROST,
    ),
    UrgencyRule("no_heating", "urgent", _rx(_HEATING_OFF)),
    UrgencyRule(
        "flooding",
        "urgent",
        _rx(
            r"затоп\w*|затапл\w*|залива\w*|заливает|потоп\w*|прорва\w* труб\w*|порыв\w* труб\w*|"
            r"труб\w* (?:прорва\w*|лопнул\w*)|прарва\w* трубу|трубу прарвала|затапі\w*|заліва\w*|"
            r"патоп\w*|flood\w*|burst pipes?|pipes? (?:has |have )?burst|water (?:is )?pouring"
        ),
    ),
    UrgencyRule(
        "no_water",
        "urgent",
        _rx(
            r"(?:нет|отключ\w*|не дают)\s+(?:холодн\w*\s+)?вод\w*|без воды|"
            r"(?:няма|адключ\w*)\s+(?:халоднай\s+)?вад\w*|без вады|"
            r"no (?:cold |running |drinking )?water|water (?:is |has been )?(?:off|cut off)"
        ),
    ),
    UrgencyRule(
        "no_electricity",
        "urgent",
        _rx(
            r"(?:нет|отключ\w*|няма|адключ\w*)\s+(?:электричеств\w*|электраэнерг\w*|электрычнасц\w*)|"
            r"no (?:electricity|power)|power (?:is )?(?:out|off|cut)|power outage|blackout"
        ),
    ),
    UrgencyRule(
        "dog_attacks",
        "urgent",
        _rx(
            r"(?:собак\w*|сабак\w*|dogs?)\W+(?:\w+\W+){0,4}(?:напада\w*|напал\w*|кусают|"
            r"покусал\w*|укусил\w*|кусаюць|пакусал\w*|attack\w*|bit|bite|biting)"
        ),
    ),
    UrgencyRule(
        "icicles_or_falling_objects",
        "urgent",
        _rx(r"сосульк\w*|сасульк\w*|icicles?|наледь на крыше"),
    ),
    UrgencyRule(
        "fallen_tree",
        "urgent",
        _rx(
            r"(?:дерев\w*|дрэв\w*)\W+(?:\w+\W+)?(?:упал\w*|падает|валится|нахилил\w*|наклонил\w*|"
            r"упала|ўпала|падае|нахілілася)|аварийн\w* дерев\w*|аварыйн\w* дрэв\w*|"
            r"(?:fallen|falling|leaning) trees?|trees? (?:fell|has fallen|is falling|is leaning)"
        ),
    ),
)

_NEGATION = re.compile(
    r"(?<!\w)(?:не|ні|нет|больше не|уже не|ужо не|not|no longer|never|no)\s+$", re.IGNORECASE
)


def assess_urgency(
    text: str,
    language: str | None = None,
    *,
    rules: Sequence[UrgencyRule] = DEFAULT_RULES,
) -> Urgency:
    """Gives the appeal's urgency level and the reasons behind it.

    ``language`` is accepted for symmetry with the other triage steps; the rules cover
    be, ru and en together because appeals mix them.
    """
    del language  # every rule set runs: mixed-language appeals are common
    reasons: list[tuple[int, str]] = []
    level: UrgencyLevel = "normal"
    for rule in rules:
        if rule.requires and not any(p.search(text) for p in rule.requires):
            continue
        if not any(_fires(pattern, text) for pattern in rule.patterns):
            continue
        if rule.reason == "no_heating" and any(r == "no_heating_in_frost" for _, r in reasons):
            continue
        reasons.append((_RANK[rule.level], rule.reason))
        if _RANK[rule.level] > _RANK[level]:
            level = rule.level
    ordered = tuple(reason for _, reason in sorted(reasons, key=lambda item: -item[0]))
    return Urgency(level, ordered)


def _fires(pattern: re.Pattern[str], text: str) -> bool:
    """Tells whether the pattern matches somewhere without a negation right before it."""
    for match in pattern.finditer(text):
        if not _NEGATION.search(text[max(0, match.start() - 16) : match.start()]):
            return True
    return False
