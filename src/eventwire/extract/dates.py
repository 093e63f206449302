"""Date expressions resolved against the publication date (issue 6).

Rules run first (compiled regular expressions over the article text, checked against the
parse for tense), and ``dateparser`` only resolves spaCy DATE entities that no rule covers:
it is slow to import and wrong about news conventions, so it is imported lazily.

News conventions implemented here (each a documented choice, not a guess per sentence):

* a bare weekday ("on Sunday") is the most recent such day on or before publication, so
  "on Monday" in an article published on a Monday is that same day; in a clause with a
  future auxiliary ("will meet on Monday") it is the coming such day (publication day
  included);
* "next Tuesday" is the first Tuesday after publication, "last Tuesday" the most recent one
  before it, "this Tuesday" the Tuesday of the publication week;
* a month without a year ("in March") is the most recent such month not after publication
  (future clauses: the next one not before publication); a day without a year ("16 April")
  is the occurrence nearest to publication;
* coarser expressions carry their granularity and the first day of their period as value
  (weeks start on Monday, ISO 8601).

Durations and generic time nouns ("a three-day visit", "by the day", "for years") are not
event dates: no rule matches them and the dateparser fallback skips entities without a
month, weekday, year or relative cue.
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any, NamedTuple

from spacy.tokens import Doc, Token

from eventwire.nlp.cache import doc_text, entities, sentences
from eventwire.records import DateRef

log = logging.getLogger(__name__)

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"), start=1):
    MONTHS[_name] = _number
    MONTHS[_name[:3]] = _number
MONTHS["sept"] = 9

WEEKDAYS = {name: number for number, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "several": None, "few": None}

#: Auxiliaries that put a clause in the future, which flips the direction of bare
#: weekdays and month names ("will meet on Monday" is the coming Monday).
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
#: Verbs whose xcomp is a planned event ("is going to", "is scheduled to", "plans to").
FUTURE_GOVERNORS = frozenset({"go", "schedule", "set", "plan", "expect", "due"})

# Month names are matched capitalised only: "may", "march" and "sat" are common words.
_MONTH_NAMES = (r"January|February|March|April|May|June|July|August|September|October|November|"
                r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_MONTH = r"(?P<month>" + _MONTH_NAMES + r")"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_PREFIX = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PREP = r"(?:(?i:on|in|during|since|until|by)\s+)?"
_EDGE = r"(?<![\w-])"
_END = r"(?![\w-])"

Resolution = tuple[date, str] | None


class _Found(NamedTuple):
    start: int
    end: int
    value: date
    granularity: str


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _count(text: str) -> int | None:
    word = text.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


# ---------------------------------------------------------------- resolvers
# Each resolver gets the match, the publication date (None: absolute dates only) and the
# tense of the clause ("future", "past" or ""), and returns (first day, granularity) or None.

def _absolute_day(m: re.Match[str], published: date | None, tense: str) -> Resolution:
    groups = m.groupdict()
    month = int(groups["nmonth"]) if groups.get("nmonth") else _month_number(groups["month"])
    day = int(groups["day"])
    if groups.get("year"):
        value = _safe_date(int(groups["year"]), month, day)
        return (value, "day") if value else None
    if published is None:
        return None
    # A day without a year is the nearest occurrence in the direction of the tense (wire
    # stories recall recent days and announce near ones).
    options = [d for y in (published.year - 1, published.year, published.year + 1)
               if (d := _safe_date(y, month, day))]
    if tense == "past":
        options = [d for d in options if d <= published]
    elif tense == "future":
        options = [d for d in options if d >= published]
    return (min(options, key=lambda d: abs((d - published).days)), "day") if options else None


def _month_year(m: re.Match[str], published: date | None, tense: str) -> Resolution:
    return date(int(m["year"]), _month_number(m["month"]), 1), "month"


def _month_only(m: re.Match[str], published: date | None, tense: str) -> Resolution:
    if published is None:
        return None
    month = _month_number(m["month"])
    modifier = (m["mod"] or m["rel"] or "").lower()
    year = published.year
    if m["rel"]:  # "May last year": the year is given relative to publication
        return date(year + _DIRECTION[modifier], month, 1), "month"
    if modifier == "next":  # the first such month after publication
        year += month <= published.month
    elif modifier == "last":  # the most recent such month before publication
        year -= month >= published.month
    elif tense == "future" and modifier != "this":  # the coming one, possibly this month
        year += month < published.month
    elif modifier != "this":  # news default: the most recent one not after publication
        year -= month > published.month
    return date(year, month, 1), "month"


def _year(m: re.Match[str], published: date | None, tense: str) -> Resolution:
    return date(int(m["year"]), 1, 1), "year"


def _weekday(m: re.Match[str], published: date | None, tense: str) -> Resolution:
    if published is None:
        return None
    target = WEEKDAYS[m["weekday"].lower()]
    modifier = (m["mod"] or "").lower()
    back = (published.weekday() - target) % 7  # days back to the most recent such day
    if modifier == "next":
        return published + timedelta(days=(target - published.weekday() - 1) % 7 + 1), "day"
    if tense == "future" and not modifier:  # the coming such day, possibly publication day
        return published + timedelta(days=(target - published.weekday()) % 7), "day"
    if modifier == "last":
        return published - timedelta(days=back or 7), "day"
    if modifier == "this":
        return published - timedelta(days=published.weekday() - target), "day"
    return published - timedelta(days=back), "day"


_DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_DIRECTION = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}


def _day_word(m: re.Match[str], published: date | None, tense: str) -> Resolution:
    if published is None:
        return None
    return published + timedelta(days=_DAY_WORDS[m["word"].lower()]), "day"


def _weekend(m: re.Match[str], published: date | None, tense: str) -> Resolution:
    """The week (Monday) of the weekend meant: the last one on or before publication, the
    coming one for "next weekend" or a future clause."""
    if published is None:
        return None
    modifier = (m["mod"] or "").lower()
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)  # most recent Saturday
    if modifier == "next":
        saturday += timedelta(days=7)
    elif tense == "future" and modifier != "last" and published.weekday() < 5:
        saturday += timedelta(days=7)  # a weekday article announcing "this weekend"
    elif modifier == "last" and published.weekday() >= 5:
        saturday -= timedelta(days=7)  # said during a weekend, "last weekend" is the one before
    return saturday - timedelta(days=5), "week"


def _period_start(published: date, unit: str, delta: int) -> date:
    if unit == "week":
        return published - timedelta(days=published.weekday()) + timedelta(weeks=delta)
    if unit == "month":
        year, month = _shift_month(published.year, published.month, delta)
        return date(year, month, 1)
    return date(published.year + delta, 1, 1)


def _relative_period(m: re.Match[str], published: date | None, tense: str) -> Resolution:
    if published is None:
        return None
    unit = m["unit"].lower()
    return _period_start(published, unit, _DIRECTION[m["mod"].lower()]), unit


def _ago(m: re.Match[str], published: date | None, tense: str) -> Resolution:
    count = _count(m["count"])
    if published is None or count is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        return published - timedelta(days=count), "day"
    return _period_start(published, unit, -count), unit


_RULES: tuple[tuple[re.Pattern[str], Callable[..., Resolution]], ...] = tuple(
    (re.compile(pattern), resolver) for pattern, resolver in (
        # 2023-04-16
        (_EDGE + _PREP + r"(?P<year>\d{4})-(?P<nmonth>[01]\d)-(?P<day>[0-3]\d)" + _END, _absolute_day),
        # (Sunday,) April 16(, 2023)
        (_EDGE + _PREP + _WEEKDAY_PREFIX + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?" + _END,
         _absolute_day),
        # (Sunday,) 16 April (2023)
        (_EDGE + _PREP + _WEEKDAY_PREFIX + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH
         + r"(?:,?\s+" + _YEAR + r")?" + _END, _absolute_day),
        # April 2023
        (_EDGE + _PREP + _MONTH + r",?\s+" + _YEAR + _END, _month_year),
        # in March, last March, early April, mid-May: a cue is required because bare
        # "May"/"March" are common words.
        (_EDGE + r"(?:(?i:(?P<mod>last|next|this)|(?:in|since|until|during|by)(?:\s+(?:early|late|mid-?))?|"
         r"(?:early|late|mid-?)))[\s-]+" + _MONTH
         + r"(?:\s+(?P<rel>(?i:last|this|next))\s+(?i:year))?" + _END, _month_only),
        # in 2019, since 2014
        (_EDGE + r"(?i:in|since|until|during|by|before|after|early|late|mid-?)[\s-]+" + _YEAR + _END, _year),
        # (on) (last|next|this) Sunday; plural "on Sundays" and "every Sunday" are habits.
        (r"(?<!(?i:every) )(?<!(?i:each) )" + _EDGE + _PREP + r"(?:(?P<mod>(?i:last|next|this))\s+)?"
         + _WEEKDAY + r"(?![\w-])", _weekday),
        (_EDGE + r"(?P<word>(?i:yesterday|today|tonight|tomorrow))" + _END, _day_word),
        # over the weekend, last weekend
        (_EDGE + r"(?:(?P<mod>(?i:last|this|next|past))|(?i:over|at|during)\s+the)\s+(?i:weekend)" + _END,
         _weekend),
        # last week, earlier this month, next year
        (_EDGE + r"(?:(?i:earlier|later)\s+)?(?P<mod>(?i:last|previous|this|next|coming))\s+"
         r"(?P<unit>(?i:week|month|year))" + _END, _relative_period),
        # two years ago
        (_EDGE + r"(?P<count>\d+|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
         r"\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago)" + _END, _ago),
    ))


# ---------------------------------------------------------------- tense from the parse

def _clause_verb(token: Token) -> Token:
    """The verb a date phrase modifies (walking up through prepositions and nouns)."""
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head is not token and seen < 6:
        token, seen = token.head, seen + 1
    return token


def _tense(doc: Doc, start: int, end: int) -> str:
    """"future", "past" or "" for the clause a date phrase modifies."""
    if not doc.has_annotation("DEP"):
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    verb = _clause_verb(span.root)
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(aux.lower_ in FUTURE_AUX for aux in auxes):
        return "future"
    # "is going to visit", "is scheduled to visit", "plans to visit": the governing verb.
    head = verb.head if verb.dep_ == "xcomp" else None
    if head is not None and head.lemma_ in FUTURE_GOVERNORS:
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(aux.tag_ == "VBD" for aux in auxes):
        return "past"
    return ""


# ---------------------------------------------------------------- extraction

#: The start of every month name and abbreviation.
_MONTH_WORDS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAY_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Per rule of ``_RULES``, words one of which every match contains (searched in the text, or in
#: its case-folded form where the rule ignores case), or a pattern every match contains. The
#: rules' scans cost more than the rest of date extraction, and a text without the words
#: cannot match, so its scan is skipped; the matches are the same.
_ANCHORS: tuple[tuple[str, ...] | re.Pattern[str], ...] = (
    re.compile(r"\d{4}-[01]\d-[0-3]\d"), _MONTH_WORDS, _MONTH_WORDS, _MONTH_WORDS, _MONTH_WORDS,
    re.compile(_YEAR), _WEEKDAY_WORDS, ("yesterday", "today", "tonight", "tomorrow"),
    ("weekend",), ("week", "month", "year"), ("ago",),
)


def _may_match(anchor: tuple[str, ...] | re.Pattern[str], text: str, folded: str) -> bool:
    if isinstance(anchor, re.Pattern):
        return anchor.search(text) is not None
    # casefold, not lower: an ignore-case pattern also matches the long s and the Kelvin sign.
    haystack = folded if anchor[0].islower() else text
    return any(word in haystack for word in anchor)


def _rule_matches(doc: Doc, published: date | None) -> Iterator[_Found]:
    text = doc_text(doc)
    folded = text.casefold()
    for (pattern, resolver), anchor in zip(_RULES, _ANCHORS, strict=True):
        if not _may_match(anchor, text, folded):
            continue
        for m in pattern.finditer(text):
            resolved = resolver(m, published, _tense(doc, m.start(), m.end()))
            if resolved is not None:
                yield _Found(m.start(), m.end(), resolved[0], resolved[1])


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Keep the longest match where matches overlap (a full date beats its weekday)."""
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(item.end <= other.start or item.start >= other.end for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


#: A DATE entity is worth the fallback only with a calendar cue; "three-day", "the day",
#: "years" and "decades" are durations or generic nouns, not event dates.
_CALENDAR_CUE = re.compile(
    r"\d{4}|\b(?:" + _MONTH_NAMES + r")\b|\b(?i:ago|yesterday|tomorrow|today|week|month|weekend)\b")
_DURATION = re.compile(r"^(?i:for|over|within|about|some|nearly|almost|more than|less than)\b|"
                       r"-(?i:day|week|month|year)|\d0'?s\b")  # decades ("the 1990s") are periods

@functools.lru_cache(maxsize=1)
def _dateparser() -> Any:
    """``dateparser.date``, imported on first use: with its English locale data it costs
    about a second, which a run that never needs the fallback should not pay."""
    import dateparser.date as dateparser_date

    dateparser_date.DateDataParser(languages=["en"]).get_date_data("1 March 2019")  # loads the locale
    return dateparser_date


def warm_up() -> None:
    """Load the fallback parser now (a long-running worker pays it at start-up, not mid-batch)."""
    _dateparser()


_BARE_YEAR = re.compile(_YEAR)


@functools.lru_cache(maxsize=4096)  # the same DATE entity text recurs across articles of a day
def _dateparser_fallback(text: str, published: date | None) -> Resolution:
    if _BARE_YEAR.fullmatch(text):  # half of the fallbacks: what dateparser gives, without its ~1 ms
        return date(int(text), 1, 1), "year"
    from datetime import datetime

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parser = _dateparser().DateDataParser(languages=["en"], settings=settings)
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    period = data.period if data.period in ("day", "week", "month", "year") else "day"
    value = data.date_obj.date()
    if period == "month":
        value = value.replace(day=1)
    elif period == "year":
        value = value.replace(month=1, day=1)
    elif period == "week":
        value -= timedelta(days=value.weekday())
    return value, period


def _fallback_matches(doc: Doc, published: date | None, covered: list[_Found]) -> Iterator[_Found]:
    for ent in entities(doc):
        if ent.label_ != "DATE" or _DURATION.search(ent.text) or not _CALENDAR_CUE.search(ent.text):
            continue
        if any(ent.start_char < f.end and f.start < ent.end_char for f in covered):
            continue
        if published is None and not re.search(r"\d{4}", ent.text):
            continue  # relative without a base: nothing to resolve
        resolved = _dateparser_fallback(ent.text, published)
        year = re.search(r"\d{4}", ent.text)
        if resolved is None or (year and str(resolved[0].year) != year.group()):
            log.debug("dateparser could not resolve DATE entity %r", ent.text)
            continue
        yield _Found(ent.start_char, ent.end_char, resolved[0], resolved[1])


def extract_dates(doc: Doc, *, published: date | None = None) -> list[DateRef]:
    """Date expressions of ``doc`` with ISO values, in text order.

    Without ``published`` only absolute dates (with a year) are resolved.
    """
    found = _without_overlaps(list(_rule_matches(doc, published)))
    found = sorted(found + list(_fallback_matches(doc, published, found)), key=lambda f: f.start)
    starts = [sent.start_char for sent in sentences(doc)] if doc.has_annotation("SENT_START") else []
    text = doc_text(doc)  # Doc.text joins every token on each access: read it once
    return [DateRef(text=text[f.start:f.end], start=f.start, end=f.end, value=f.value.isoformat(),
                    granularity=f.granularity,
                    sentence_index=bisect.bisect_right(starts, f.start) - 1 if starts else -1)
            for f in found]
