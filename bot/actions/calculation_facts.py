"""Facts for a personal calculation, read from a chat message (pure Python, no Rasa).

The assistant does not compute anything itself: it collects the facts a calculator needs
(``extract_facts``), asks for what is missing (``missing_facts``) and hands the facts to
the portal in a custom payload; the portal runs its rules engine (the same code as the
calculator pages) and writes the answer. This module is the reading part:

* numbers with any thousands separator (``25.000``, ``25,000``, ``25 000``, ``25'000``),
  decimals (``131,55``, ``131.55``), ``25k``, ``25 tusind`` / ``25 thousand`` / ``25 ألف`` /
  ``25 тисяч`` / ``25 هزار`` / ``25 kun`` / ``25 ሽሕ``, digits of any script (Arabic-Indic
  ``٢٥٬٠٠٠``, Persian ``۲۵۰۰۰``);
* what a number means from the words around it, in da, en, ar, uk, fa, so and ti:
  a monthly amount, an hourly wage, hours a week, age, children, weeks, employees, a year;
* words for insurance type, single/married/cohabiting, graduate, private/public employer,
  the benefit asked about;
* a bare answer ("27", "2", "fuldtid") to the question that was asked (``expected``);
* button payloads ``/inform_facts{"insurance": "part_time"}``.

Mistakes are reported, not guessed: a number written in words ("tredive tusind") or a
negative amount gives an error code for the portal to explain kindly.
Word lists for so and ti are drafts that need review by a native speaker.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

#: Calculators the assistant can run (the portal's calculator names).
CALCULATORS: tuple[str, ...] = (
    "dagpenge",
    "sygedagpenge",
    "kontanthjaelp",
    "fleksjob",
    "work_more_hours",
    "loentilskud",
)

#: Every fact the assistant collects; slot name = "calc_" + fact.
FACTS: tuple[str, ...] = (
    "calculator",
    "benefit",
    "insurance",
    "monthly_income",
    "hourly_wage",
    "hours_per_week",
    "age",
    "children",
    "civil_status",
    "employer_type",
    "weeks",
    "employees",
    "graduate",
    "year",
)

#: The values a choice fact can take.
CHOICES: dict[str, tuple[str, ...]] = {
    "calculator": CALCULATORS,
    "benefit": ("kontanthjaelp", "dagpenge"),
    "insurance": ("full_time", "part_time"),
    "civil_status": ("single", "married", "cohabiting"),
    "employer_type": ("private", "public"),
}

#: Plausible ranges; outside them the value is rejected with code "out_of_range".
RANGES: dict[str, tuple[Decimal, Decimal]] = {
    "monthly_income": (Decimal(0), Decimal(10_000_000)),
    "hourly_wage": (Decimal(1), Decimal(10_000)),
    "hours_per_week": (Decimal(0), Decimal(80)),
    "age": (Decimal(15), Decimal(80)),
    "children": (Decimal(0), Decimal(20)),
    "weeks": (Decimal(1), Decimal(104)),
    "employees": (Decimal(0), Decimal(1_000_000)),
    "year": (Decimal(2020), Decimal(2039)),
}

#: Topic ids of the content library whose article a calculator belongs to: a message that
#: only gives facts after such an answer continues with that calculator.
TOPIC_CALCULATOR: dict[str, str] = {
    "dagpenge_amount": "dagpenge",
    "dagpenge_eligibility": "dagpenge",
    "kontanthjaelp_amount": "kontanthjaelp",
    "kontanthjaelp_eligibility": "kontanthjaelp",
    "sickness_benefit": "sygedagpenge",
    "sick_employee": "sygedagpenge",
    "flexjob": "fleksjob",
    "hire_flexjob": "fleksjob",
    "work_more_hours": "work_more_hours",
    "wage_subsidy": "loentilskud",
}


#: The topic whose article each calculator's answer belongs to (the portal's ``help_topic``
#: of the calculator specs, portal/domain/calculators; tests/assistant checks they agree).
#: An amount question without figures that the model reads as ``calculate`` starts the
#: calculation of this topic: the answer carries this ``topic_id`` and asks the topic's
#: questions, so the held-out report (scripts/nlu_report.py) counts it as this topic.
CALCULATOR_TOPIC: dict[str, str] = {
    "dagpenge": "dagpenge_amount",
    "sygedagpenge": "sickness_benefit",
    "kontanthjaelp": "kontanthjaelp_amount",
    "fleksjob": "hire_flexjob",
    "work_more_hours": "work_more_hours",
    "loentilskud": "wage_subsidy",
}


def missing_facts(facts: Mapping[str, Any]) -> list[str]:
    """The facts still needed, in the order they are asked ("calculator" first)."""
    calculator = facts.get("calculator")
    if calculator not in CALCULATORS:
        return ["calculator"]

    def need(*names: str) -> list[str]:
        return [n for n in names if facts.get(n) is None]

    if calculator == "dagpenge":
        if facts.get("graduate") is True:
            return need("insurance")
        return need("insurance", "monthly_income")
    if calculator == "sygedagpenge":
        return need("hourly_wage", "hours_per_week")
    if calculator == "kontanthjaelp":
        return need("age", "civil_status", "children")
    if calculator == "fleksjob":
        return need("monthly_income")
    if calculator == "work_more_hours":
        first = need("benefit", "hourly_wage")
        if facts.get("benefit") == "dagpenge":
            return first + need("insurance", "monthly_income")
        if facts.get("benefit") == "kontanthjaelp":
            return first + need("age", "civil_status", "children")
        return first
    # loentilskud (for employers)
    wage = ["hourly_wage"] if facts.get("employer_type") != "public" else []
    return need("employer_type", *wage, "hours_per_week", "weeks", "employees")


# ---------------------------------------------------------------------------------------
# Text normalisation and numbers
# ---------------------------------------------------------------------------------------

_ARABIC_THOUSANDS = "\u066c"  # ٬
_ARABIC_DECIMAL = "\u066b"  # ٫
_SPACES = "\u00a0\u202f\u2009\u2007"


def to_ascii_digits(text: str) -> str:
    """Digits of any script (Arabic-Indic, Persian, full-width ...) as 0-9."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def normalise(text: str) -> str:
    """Lower case, ASCII digits, Arabic separators as "." and ",", odd spaces as " "."""
    text = to_ascii_digits(unicodedata.normalize("NFC", text))
    text = text.replace(_ARABIC_THOUSANDS, ",").replace(_ARABIC_DECIMAL, ".")
    text = text.replace("\u2212", "-").replace("\u2013", "-")
    for space in _SPACES:
        text = text.replace(space, " ")
    return fold(text).lower()


def parse_number(raw: str) -> Decimal | None:
    """A number as typed: ``25.000`` / ``25,000`` / ``25 000`` / ``25'000`` are 25000,
    ``131,55`` / ``131.55`` are 131.55, ``1.234,5`` is 1234.5. None if not a number."""
    text = raw.strip().replace(" ", "").replace("'", "")
    if not re.fullmatch(r"\d+([.,]\d+)*", text):
        return None
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        text = text.replace(group_mark, "").replace(decimal_mark, ".")
    elif dots or commas:
        mark = "." if dots else ","
        parts = text.split(mark)
        grouped = all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3
        if len(parts) > 2 and not grouped:
            return None
        text = text.replace(mark, "") if grouped else text.replace(mark, ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# A number with separators, an optional minus and an optional multiplier after it.
_THOUSAND_WORDS = (
    r"k|tusind|tusinde|tus|thousand|grand|ألف|الف|آلاف|الاف|тисяч[аіи]?|тис|тыс[яч]*|"
    r"هزار|kun|ሽሕ|ሺሕ|ሺ"
)
_NUMBER = re.compile(
    r"(?P<minus>(?<![\w])-\s?|minus\s+|ناقص\s+|мінус\s+|منفی\s+)?"
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[.,' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<mult>" + _THOUSAND_WORDS + r")(?![a-zа-яіїє]))?"
)


@dataclass(frozen=True)
class Number:
    """A number found in a message, where it stands, and whether it was negative."""

    value: Decimal
    start: int
    end: int
    negative: bool


def find_numbers(text: str) -> list[Number]:
    """Every number in a normalised text (thousand words applied)."""
    out: list[Number] = []
    for match in _NUMBER.finditer(text):
        raw = match.group("num")
        value = parse_number(raw)
        if value is None and " " in raw:
            # "37 25000": two numbers, not one with a space as separator
            value = parse_number(raw.split(" ")[0])
            if value is None:
                continue
            out.append(
                Number(
                    value, match.start("num"), match.start("num") + len(raw.split(" ")[0]), False
                )
            )
            continue
        if value is None:
            continue
        if match.group("mult"):
            value *= 1000
        out.append(Number(value, match.start(), match.end(), bool(match.group("minus"))))
    return out


# ---------------------------------------------------------------------------------------
# Words (da, en, ar, uk, fa, so, ti). Patterns run on normalise()d text (lower case,
# "ي"→"ی", "ك"→"ک"). so and ti: drafts for native-speaker review.
# ---------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Arabic letter forms as the Persian ones keyboards also produce ("ي"→"ی", "ك"→"ک")."""
    return text.replace("\u0640", "").replace("ي", "ی").replace("ك", "ک")


def _words(*alternatives: str) -> str:
    return "(?:" + "|".join(fold(a) for a in alternatives) + ")"


PER_MONTH = _words(
    r"om m[aå]+neden",
    r"i m[aå]+neden",
    r"pr\.? ?m[aå]+ned",
    r"pr\.? ?md\.?",
    r"/ ?md\.?",
    r"/ ?måned",
    r"om md",
    r"m[aå]+nedlig[et]?",
    r"m[aå]+nedsl[øo]n",
    r"a month",
    r"per month",
    r"/ ?month",
    r"monthly",
    r"each month",
    r"every month",
    r"a mo\b",
    r"pm\b",
    r"فی الشهر",
    r"في الشهر",
    r"بالشهر",
    r"شهری[اًا]*",
    r"كل شهر",
    r"کل شهر",
    r"شهر",
    r"на місяць",
    r"щомісяця",
    r"в місяць",
    r"за місяць",
    r"місячн\w*",
    r"در ماه",
    r"ماهانه",
    r"ماهی",
    r"هر ماه",
    r"ماه",
    r"bishii",
    r"bil kasta",
    r"bishiiba",
    r"ብወርሒ",
    r"ኣብ ወርሒ",
    r"ወርሓዊ",
)
PER_HOUR = _words(
    r"i timen",
    r"om timen",
    r"pr\.? ?time",
    r"pr\.? ?t\b",
    r"/ ?t\b",
    r"kr\.?/t",
    r"timel[øo]n(?:nen)?",
    r"i timel[øo]n",
    r"an hour",
    r"per hour",
    r"/ ?h(?:ou)?r\b",
    r"hourly",
    r"hourly (?:wage|pay|rate)(?: of| is)?",
    r"each hour",
    r"p/h",
    r"timel[øo]n(?:nen)? (?:er|på)",
    r"l[øo]n pr\.? time",
    r"في الساعة",
    r"فی الساعة",
    r"بالساعة",
    r"للساعة",
    r"на годину",
    r"за годину",
    r"погодинн\w*",
    r"در ساعت",
    r"ساعتی",
    r"هر ساعت",
    r"saacaddii",
    r"saacadiiba",
    r"ብሰዓት",
    r"ኣብ ሰዓት",
)
HOURS = _words(
    r"timer?",
    r"t\b",
    r"hours?",
    r"hrs?",
    r"h\b",
    r"ساعات",
    r"ساعة",
    r"ساعت",
    r"годин[аи]?",
    r"год\b",
    r"saacadood",
    r"saacadaha",
    r"saac",
    r"ሰዓታት",
    r"ሰዓት",
)
PER_WEEK = _words(
    r"om ugen",
    r"i ugen",
    r"pr\.? ?uge",
    r"/ ?uge",
    r"ugentlig[et]?",
    r"a week",
    r"per week",
    r"/ ?w(?:ee)?k\b",
    r"weekly",
    r"each week",
    r"في الأسبوع",
    r"في الاسبوع",
    r"بالأسبوع",
    r"اسبوعی[اًا]*",
    r"أسبوعی[اًا]*",
    r"на тиждень",
    r"щотижня",
    r"за тиждень",
    r"در هفته",
    r"هفتگی",
    r"هر هفته",
    r"toddobaadkii",
    r"todobaadkii",
    r"ብሰሙን",
    r"ኣብ ሰሙን",
)
AGE_AFTER = _words(
    r"[åa]r gammel",
    r"[åa]rig",
    r"[åa]r\b(?! ?(?:siden|efter|i ))",
    r"years? old",
    r"y/?o\b",
    r"yrs? old",
    r"سنة",
    r"سنه",
    r"عام[اًا]*",
    r"років",
    r"роки",
    r"рік",
    r"سال(?:مه|ه)?",
    r"jir",
    r"sano",
    r"ዓመት",
    r"ዓመተይ",
)
AGE_BEFORE = _words(
    r"jeg er",
    r"alder",
    r"age[d]?",
    r"i'?m",
    r"i am",
    r"عمري",
    r"عمرى",
    r"سني",
    r"عمر",
    r"мені",
    r"вік",
    r"سنم",
    r"سن من",
    r"سن",
    r"da'?daydu (?:waa)?",
    r"ዕድመይ",
    r"ዕድመ",
)
CHILD_WORDS = _words(
    r"b[øo]rn",
    r"barn",
    r"children",
    r"child",
    r"kids?",
    r"أطفال",
    r"اطفال",
    r"طفل",
    r"أولاد",
    r"اولاد",
    r"ولد",
    r"дітей",
    r"дитин[аиу]",
    r"діти",
    r"فرزند",
    r"بچه",
    r"کودک",
    r"carruur",
    r"caruur",
    r"ilmo",
    r"ቆልዑ",
    r"ውሉድ",
    r"ቆልዓ",
)
WEEK_WORDS = _words(
    r"uger?",
    r"weeks?",
    r"أسابیع",
    r"اسابیع",
    r"أسبوع",
    r"اسبوع",
    r"тижн\w*",
    r"هفته",
    r"toddobaad\w*",
    r"ሰሙናት",
    r"ሰሙን",
)
EMPLOYEE_WORDS = _words(
    r"ansatte",
    r"medarbejdere",
    r"employees",
    r"staff",
    r"workers",
    r"people employed",
    r"موظف(?:ین|ا)?",
    r"عامل(?:ین|ا)?",
    r"працівник\w*",
    r"співробітник\w*",
    r"کارمند",
    r"shaqaale",
    r"ሰራሕተኛታት",
)

# Small numbers in words, for children ("to børn", "two kids", "طفلان").
_NUMBER_WORDS: dict[str, int] = {
    # da
    "ingen": 0,
    "nul": 0,
    "et": 1,
    "en": 1,
    "ét": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    # en
    "no": 0,
    "zero": 0,
    "one": 1,
    "a": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    # ar
    "واحد": 1,
    "اثنین": 2,
    "اثنان": 2,
    "إثنین": 2,
    "ثلاثة": 3,
    "ثلاث": 3,
    "أربعة": 4,
    "اربعة": 4,
    "خمسة": 5,
    # uk
    "один": 1,
    "одна": 1,
    "одне": 1,
    "двоє": 2,
    "два": 2,
    "дві": 2,
    "троє": 3,
    "три": 3,
    "четверо": 4,
    "чотири": 4,
    "п'ятеро": 5,
    # fa
    "یک": 1,
    "دو": 2,
    "سه": 3,
    "چهار": 4,
    "پنج": 5,
    # so
    "hal": 1,
    "laba": 2,
    "saddex": 3,
    "afar": 4,
    "shan": 5,
    # ti
    "ሓደ": 1,
    "ክልተ": 2,
    "ሰለስተ": 3,
    "ኣርባዕተ": 4,
    "ሓሙሽተ": 5,
}
NUMBER_WORDS: dict[str, int] = {fold(k): v for k, v in _NUMBER_WORDS.items()}
NO_CHILDREN = re.compile(
    _words(
        r"ingen b[øo]rn",
        r"uden b[øo]rn",
        r"har ikke b[øo]rn",
        r"ikke nogen b[øo]rn",
        r"no (?:children|kids)",
        r"without (?:children|kids)",
        r"don'?t have (?:any )?(?:children|kids)",
        r"childless",
        r"بدون أطفال",
        r"بدون اطفال",
        r"لیس لدی أطفال",
        r"ما عندی أطفال",
        r"ما عندی اطفال",
        r"без дітей",
        r"немає дітей",
        r"بچه ندارم",
        r"فرزند ندارم",
        r"بدون فرزند",
        r"carruur ma lihi",
        r"ilmo ma lihi",
        r"ቆልዑ የብለይን",
    )
)
DUAL_CHILDREN = re.compile(_words(r"طفلان", r"طفلین", r"ولدین", r"ولدان", r"ابنین"))

WORD_NUMBERS_ONLY = re.compile(
    _words(
        # a number spelt out where an amount was expected: "tredive tusind", "thirty thousand"
        r"(?:ti|tyve|tredive|fyrre|halvtreds|tres|halvfjerds|firs|halvfems|hundrede?|to|tre|fire|fem|seks|syv|otte|ni)\s*(?:og\s*\w+\s*)?tusind[e]?",
        r"(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|two|three|four|five|six|seven|eight|nine)[\s-]*(?:\w+\s+)?thousand",
        r"(?:عشرون|عشرين|ثلاثون|ثلاثین|أربعون|اربعین|خمسون|خمسین)\s*(?:ألف|الف)",
        r"(?:двадцять|тридцять|сорок|п'ятдесят)\s*тисяч\w*",
        r"(?:بیست|سی|چهل|پنجاه)\s*هزار",
    )
)

CALCULATOR_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "work_more_hours",
        re.compile(
            _words(
                r"flere timer",
                r"mere arbejde",
                r"betale? sig",
                r"more hours",
                r"pay to work",
                r"worth (?:it )?(?:to )?work",
                r"ساعات أكثر",
                r"ساعات اکثر",
                r"більше годин",
                r"ساعت بیشتر",
                r"saacado badan",
                r"ብዙሕ ሰዓት",
            )
        ),
    ),
    (
        "sygedagpenge",
        re.compile(
            _words(
                r"syge ?dagpenge",
                r"sygedag",
                r"\bsyg\b",
                r"sygemeldt",
                r"sick",
                r"illness",
                r"\bill\b",  # not "will"
                r"مریض",
                r"مرض",
                r"хвор\w*",
                r"лікарнян\w*",
                r"بیمار",
                r"xanuun",
                r"jiran",
                r"jirran",
                r"ሕማም",
                r"ሓሚመ",
            )
        ),
    ),
    (
        "loentilskud",
        re.compile(
            _words(
                r"l[øo]n ?tilskud",
                r"wage subsidy",
                r"subsidi[sz]ed (?:job|employee)",
                r"دعم الأجور",
                r"دعم الاجور",
                r"субсиді\w*",
                r"یارانه دستمزد",
                r"kaalmada mushaharka",
            )
        ),
    ),
    (
        "fleksjob",
        re.compile(_words(r"fleks ?job", r"flex ?job", r"فلیکس", r"флекс\w*", r"فلکس")),
    ),
    (
        "kontanthjaelp",
        re.compile(
            _words(
                r"kontant ?hj[æa]e?lp",
                r"kontanthjalp",
                r"cash (?:benefit|assistance|help)",
                r"social assistance",
                r"welfare",
                r"المساعدة النقدیة",
                r"مساعدة نقدیة",
                r"соціальн\w* допомог\w*",
                r"کمک نقدی",
                r"kaalmada lacagta",
            )
        ),
    ),
    (
        "dagpenge",
        re.compile(
            _words(
                r"dagpenge",
                r"dagpenger",
                r"a-?kasse",
                r"unemployment benefits?",
                r"إعانة البطالة",
                r"اعانة البطالة",
                r"البطالة",
                r"допомог\w* по безробіттю",
                r"безробіт\w*",
                r"بیمه بیکاری",
                r"بیکاری",
                r"shaqo la'?aan",
                r"ስራሕ ኣልቦ",
            )
        ),
    ),
)

WORD_FACTS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "insurance",
        "part_time",
        re.compile(
            _words(
                r"deltid\w*",
                r"part[- ]?time",
                r"دوام جزئی",
                r"دوام جزئي",
                r"неповн\w*",
                r"частков\w*",
                r"پاره ?وقت",
                r"نیمه ?وقت",
                r"waqti dhiman",
                r"ከፊል ግዜ",
            )
        ),
    ),
    (
        "insurance",
        "full_time",
        re.compile(
            _words(
                r"fuldtid\w*",
                r"fuld tid",
                r"full[- ]?time",
                r"دوام كامل",
                r"دوام کامل",
                r"повн\w* (?:ставк|зайнят|страх)\w*",
                r"повністю застрах\w*",
                r"تمام ?وقت",
                r"waqti buuxa",
                r"ምሉእ ግዜ",
            )
        ),
    ),
    (
        "civil_status",
        "cohabiting",
        re.compile(
            _words(
                r"samlever",
                r"samlevende",
                r"bor sammen",
                r"kæreste",
                r"cohabit\w*",
                r"living together",
                r"live together",
                r"نعیش معا",
                r"نعيش معا",
                r"співмешка\w*",
                r"живемо разом",
                r"با هم زندگی",
                r"wada nool",
                r"ብሓባር ንነብር",
            )
        ),
    ),
    (
        "civil_status",
        "married",
        re.compile(
            _words(
                r"\bgift\b",
                r"ægtefælle",
                r"aegtefaelle",
                r"married",
                r"wife",
                r"husband",
                r"spouse",
                r"couple",
                r"ægtepar",
                r"\bpar\b",
                r"متزوج\w*",
                r"زوجتی",
                r"زوجي",
                r"زوجی",
                r"одружен\w*",
                r"заміжн\w*",
                r"дружина",
                r"чоловік",
                r"متاهل",
                r"ازدواج کرده",
                r"همسر",
                r"xaas",
                r"qabo",
                r"ምርዑው",
                r"ምርዕውቲ",
                r"ተመርዕየ",
            )
        ),
    ),
    (
        "civil_status",
        "single",
        re.compile(
            _words(
                r"enlig",
                r"\balene\b",
                r"single",
                r"alone",
                r"by myself",
                r"unmarried",
                r"divorced",
                r"fraskilt",
                r"skilt",
                r"أعزب",
                r"اعزب",
                r"عزباء",
                r"مطلق\w*",
                r"وحدی",
                r"وحدي",
                r"самотн\w*",
                r"неодружен\w*",
                r"незаміжн\w*",
                r"розлучен\w*",
                r"مجرد",
                r"تنها",
                r"keligay",
                r"kali",
                r"ጽምዋ",
                r"በይነይ",
            )
        ),
    ),
    (
        "graduate",
        True,
        re.compile(
            _words(
                r"dimittend",
                r"nyuddannet",
                r"newly graduated",
                r"just graduated",
                r"recent graduate",
                r"graduate",
                r"خریج",
                r"خريج",
                r"تخرجت",
                r"випускник\w*",
                r"щойно закінчи\w*",
                r"فارغ ?التحصیل",
                r"qalin ?jabi\w*",
                r"ተመሪቐ",
            )
        ),
    ),
    (
        "employer_type",
        "public",
        re.compile(
            _words(
                r"offentlig\w*",
                r"public (?:employer|sector|workplace)",
                r"\bpublic\b",
                r"municipality",
                r"حكومی",
                r"حكومي",
                r"قطاع عام",
                r"державн\w*",
                r"бюджетн\w*",
                r"دولتی",
                r"dawladda",
                r"መንግስቲ",
            )
        ),
    ),
    (
        "employer_type",
        "private",
        re.compile(
            _words(
                r"privat\w*",
                r"private",
                r"company",
                r"firm",
                r"قطاع خاص",
                r"شرکة خاصة",
                r"شركة خاصة",
                r"приватн\w*",
                r"خصوصی",
                r"shirkad gaar",
                r"ብሕታዊ",
            )
        ),
    ),
)

#: Button payloads: "/inform_facts{...}" (JSON object of fact → value).
_PAYLOAD = re.compile(r"^\s*/\w+(\{.*\})\s*$", re.DOTALL)
_YEAR = re.compile(r"(?<![\d.,])(20[2-3]\d)(?![\d.,]|\s?(?:kr|kroner|dkk|k\b))")


@dataclass
class Extraction:
    """Facts read from one message and the problems found (fact → error code)."""

    facts: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _in_range(fact: str, value: Decimal, result: Extraction) -> None:
    low, high = RANGES[fact]
    if value < low or value > high:
        result.errors[fact] = "out_of_range"
        return
    if fact in ("age", "children", "year", "employees", "weeks"):
        if value != value.to_integral_value():
            result.errors[fact] = "not_whole"
            return
        result.facts[fact] = int(value)
    else:
        result.facts[fact] = _plain(value)


def _plain(value: Decimal) -> str:
    """A Decimal as a plain string for a slot ("25000", "131.55")."""
    text = format(value.normalize(), "f")
    return text


def _near(text: str, number: Number, pattern: str, *, after: bool = True, span: int = 24) -> bool:
    if after:
        window = text[number.end : number.end + span]
        return re.match(r"\s*(?:kr\.?|kroner|dkk|krone)?\s*" + pattern, window) is not None
    window = text[max(0, number.start - span) : number.start]
    return re.search(pattern + r"\s*(?:er|is|:|=|waa)?\s*$", window) is not None


def _payload_facts(text: str, result: Extraction) -> bool:
    match = _PAYLOAD.match(text)
    if not match:
        return False
    try:
        data = json.loads(match.group(1))
    except ValueError:
        return True
    if not isinstance(data, dict):
        return True
    for fact, value in data.items():
        if fact in CHOICES and value in CHOICES[fact]:
            result.facts[fact] = value
        elif (
            fact in RANGES and isinstance(value, (int, float, str)) and not isinstance(value, bool)
        ):
            number = parse_number(str(value))
            if number is not None:
                _in_range(fact, number, result)
        elif fact == "graduate" and isinstance(value, bool):
            result.facts[fact] = value
    return True


def extract_facts(text: str, expected: str | None = None) -> Extraction:
    """Every fact in ``text``. ``expected`` is the fact just asked for: a bare number
    ("27", "25.000") or word answers it."""
    result = Extraction()
    if not isinstance(text, str) or not text.strip():
        return result
    if _payload_facts(text, result):
        return result
    norm = normalise(text)

    for name, pattern in CALCULATOR_WORDS:
        if pattern.search(norm):
            result.facts["calculator"] = name
            break
    if result.facts.get("calculator") == "work_more_hours":
        if CALCULATOR_WORDS[-1][1].search(norm) and not CALCULATOR_WORDS[1][1].search(norm):
            result.facts["benefit"] = "dagpenge"
        elif CALCULATOR_WORDS[-2][1].search(norm):
            result.facts["benefit"] = "kontanthjaelp"
    if expected == "benefit":
        for value in ("kontanthjaelp", "dagpenge"):
            if result.facts.get("calculator") == value:
                result.facts["benefit"] = value
                del result.facts["calculator"]
    for fact, value, pattern in WORD_FACTS:
        if fact not in result.facts and pattern.search(norm):
            result.facts[fact] = value

    if WORD_NUMBERS_ONLY.search(norm):
        result.errors["number"] = "number_in_words"

    # Years first ("hvad med 2027?"), so 2027 is not read as an amount.
    taken: list[tuple[int, int]] = []
    for match in _YEAR.finditer(norm):
        result.facts["year"] = int(match.group(1))
        taken.append(match.span(1))

    numbers = [
        n for n in find_numbers(norm) if not any(start <= n.start < end for start, end in taken)
    ]
    used: list[Number] = []

    def assign(fact: str, number: Number) -> None:
        used.append(number)
        if number.negative:
            result.errors[fact] = "negative"
            return
        _in_range(fact, number.value, result)

    for number in numbers:
        if _near(norm, number, HOURS + r"\s*" + PER_WEEK) or _near(norm, number, PER_WEEK):
            if "hours_per_week" not in result.facts:
                assign("hours_per_week", number)
        elif _near(norm, number, PER_HOUR) or _near(norm, number, PER_HOUR, after=False):
            assign("hourly_wage", number)
        elif _near(norm, number, PER_MONTH) or _near(norm, number, PER_MONTH, after=False, span=40):
            assign("monthly_income", number)
        elif _near(norm, number, CHILD_WORDS):
            assign("children", number)
        elif _near(norm, number, AGE_AFTER) or _near(norm, number, AGE_BEFORE, after=False):
            assign("age", number)
        elif _near(norm, number, WEEK_WORDS):
            assign("weeks", number)
        elif _near(norm, number, EMPLOYEE_WORDS):
            assign("employees", number)
        elif _near(norm, number, HOURS):  # noqa: SIM102 - an elif chain: "37 timer" ends it
            if "hours_per_week" not in result.facts:
                assign("hours_per_week", number)

    if NO_CHILDREN.search(norm):
        result.facts["children"] = 0
    elif "children" not in result.facts:
        if DUAL_CHILDREN.search(norm):
            result.facts["children"] = 2
        else:
            match = re.search(r"(\S+)\s+" + CHILD_WORDS, norm)
            if match and match.group(1) in NUMBER_WORDS:
                result.facts["children"] = NUMBER_WORDS[match.group(1)]

    rest = [n for n in numbers if n not in used]
    if rest:
        _bare_number(norm, rest, expected, result)
    elif expected is not None and expected in RANGES and expected not in result.facts:
        match = re.fullmatch(r"\s*(\S+)\s*", norm)
        if expected == "children" and match and match.group(1) in NUMBER_WORDS:
            result.facts["children"] = NUMBER_WORDS[match.group(1)]
    return result


def _bare_number(norm: str, rest: list[Number], expected: str | None, result: Extraction) -> None:
    """Numbers without a word telling what they are: the expected fact, or an amount."""
    number = rest[0]
    if expected in RANGES and expected not in result.facts:
        if number.negative:
            result.errors[expected] = "negative"
        else:
            _in_range(expected, number.value, result)
        return
    # An amount in kroner ("25.000 kr", "tjener 25000") is a monthly income.
    looks_like_money = number.value >= 1000 or re.match(
        r"\s*(?:kr|kroner|dkk)", norm[number.end : number.end + 8]
    )
    if looks_like_money and "monthly_income" not in result.facts:
        if number.negative:
            result.errors["monthly_income"] = "negative"
        else:
            _in_range("monthly_income", number.value, result)


def merge_facts(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The facts known after a message: new values replace old ones."""
    merged = {k: v for k, v in old.items() if v is not None}
    merged.update({k: v for k, v in new.items() if v is not None})
    return merged
