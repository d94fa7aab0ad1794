"""Metrics with numbers: a goal's baseline and target, the value a review
measures, and how far the metric has come.

A value is kept as the room typed it (``12,000 a month``, ``18%``, ``at most
12``); its number is read from it when needed (:func:`read_value`): a count,
with or without thousands separators (``1,000``, ``50k``), a percentage
(``18%``, ``18 percent``) or an amount (``$5,000``). Whatever follows the
number (``a month``) stays in the text. A value that is not a number (``top
3``, ``Q2``, a date) is shown as typed, and no progress is computed with it.

A goal's metric may say its numbers (``no-show rate from 11% to 6%``:
baseline 11%, target 6%; ``50,000 sign-ups a month``: a target of 50,000):
:func:`stated` reads them when the metric is typed, and only what the text
says clearly (one number, or a "from ... to ..."): a number that ranks
(``top 3``), counts per something (``per 1,000 members``), names a quarter
(``Q2``), a year or a date is never taken for a target.

How far it has come (:func:`progress`) is (now - baseline) / (target -
baseline), so that a rate that must go down (from 11% to 6%) is as far
along at 8.5% as one that must go up is halfway; with no baseline, now /
target (but not for a ceiling such as ``at most 12``: how far along is
unknown without where it started).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from msgspec import Struct

from tui_roadmap.workshop.model import Earlier, Goal, Reading, Workshop, WorkshopError
from tui_roadmap.workshop.text import clean

VALUE_LIMIT = 80
"""The longest baseline, target or value kept, in characters."""

_CEILING = r"at most|no more than|not more than|fewer than|less than|under|below|max(?:imum|\.)?|\u2264|<=|<"
_FLOOR = r"at least|no less than|not less than|more than|over|above|min(?:imum|\.)?|\u2265|>=|>"
_ABOUT = r"about|around|approx(?:imately|\.)?|roughly|~"


def _qualified(prefix: str = "") -> str:
    """A number as a value starts with it, with its group names prefixed:
    a most or a least (``at most``), a currency sign, a sign, digits with
    thousands separators or decimals, ``k`` for thousands, and ``%``. It
    must stand on its own: not a part of a word (``Q2``, ``3rd``, ``v1``),
    a date (``2026-11-18``, ``18/11``), a time (``11:30``) or a rank (``#1``)."""
    return (
        rf"(?:(?<!\w)(?P<{prefix}bound>{_CEILING}|{_FLOOR})\s*)?(?:(?<!\w)(?:{_ABOUT})\s*)?"
        r"(?<![\w.,/:\-\u2212+$\u20ac\u00a3\u00a5#])"
        rf"(?P<{prefix}cur>[$\u20ac\u00a3\u00a5])?"
        rf"(?P<{prefix}sign>[-+\u2212])?"
        rf"(?P<{prefix}num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?P<{prefix}k>[kK])?"
        r"(?![.,:/\-\u2013]\d)(?!\d)"
        rf"(?:\s?(?P<{prefix}pct>%|percent\b|per\s?cent\b|pct\b))?"
        rf"(?({prefix}pct)|(?!\w))"
    )


_QUALIFIED = re.compile(_qualified(), re.IGNORECASE)
_VALUE = re.compile(rf"\s*{_qualified()}", re.IGNORECASE)
_CEILING_WORDS = re.compile(rf"(?:{_CEILING})$", re.IGNORECASE)

#: Words before a number that make it something other than the metric's
#: value: a rank or a position (``top 3``, ``day 7``), what a rate is
#: counted per (``per 1,000 members``), or a change (``up 5%``, ``by 20%``).
_NOT_A_VALUE = frozenset(
    "top rank ranked ranking no no. number position place level version step day week month year page tier "
    "phase stage sprint release round grade per every each by up down".split()
)
#: Words before a four-digit number that make it a year (``by 2027``).
_BEFORE_A_YEAR = frozenset(
    "in by for since until till before after of from to end early late mid fy q1 q2 q3 q4 h1 h2 "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_FROM_TO = re.compile(
    rf"\bfrom\s+(?P<a>{_qualified('a_')})\s*(?:(?:up|down)\s+)?(?:to\b|\u2192|->)\s*(?P<b>{_qualified('b_')})",
    re.IGNORECASE,
)
_ARROW = re.compile(rf"(?P<a>{_qualified('a_')})\s*(?:\u2192|->)\s*(?P<b>{_qualified('b_')})", re.IGNORECASE)


class Value(Struct, frozen=True):
    """A baseline, a target or a value now: as typed, and its number."""

    text: str
    number: Decimal | None = None
    """None: the text is not a number."""
    unit: str = ""
    """``%``, a currency sign, or empty for a plain count."""
    ceiling: bool = False
    """True for a value that is a most (``at most 12``, ``under 2%``)."""


def read_value(text: str) -> Value:
    """A value as typed, with its number if it starts with one (see the module)."""
    text = clean(text, VALUE_LIMIT)
    match = _VALUE.match(text)
    if match is None:
        return Value(text)
    bound = match.group("bound") or ""
    return Value(text, _number(match), _unit(match), bool(_CEILING_WORDS.match(bound)) if bound else False)


def _number(match: re.Match[str], prefix: str = "") -> Decimal:
    number = Decimal(match.group(prefix + "num").replace(",", ""))
    if match.group(prefix + "k"):
        number *= 1000
    return -number if match.group(prefix + "sign") in ("-", "\u2212") else number


def _unit(match: re.Match[str], prefix: str = "") -> str:
    if match.group(prefix + "pct"):
        return "%"
    return match.group(prefix + "cur") or ""


def _word_before(text: str, start: int) -> str:
    words = text[:start].split()
    return words[-1].casefold().strip("(,;:") if words else ""


def _year(match: re.Match[str], text: str) -> bool:
    """True for a number that reads as a year (``by 2027``, ``Q2 2027``)."""
    number = match.group("num")
    if match.group("pct") or match.group("cur") or match.group("k") or not re.fullmatch(r"(?:19|20)\d\d", number):
        return False
    after = text[match.end() :].lstrip()
    return _word_before(text, match.start()) in _BEFORE_A_YEAR or not after or not after[0].isalnum()


def stated(metric: str) -> tuple[str, str]:
    """The baseline and the target a metric's text states (empty: it does
    not say), as their words in the text: ``from 11% to 6%`` gives
    ``("11%", "6%")``; ``50,000 sign-ups a month`` gives ``("", "50,000")``."""
    text = clean(metric)
    for pattern in (_FROM_TO, _ARROW):
        match = pattern.search(text)
        if match is None:
            continue
        first, second = match.group("a"), match.group("b")
        if _both_years(first, second):
            continue
        first_unit, second_unit = read_value(first).unit, read_value(second).unit
        if not first_unit and second_unit == "%":
            first += "%"  # from 18 to 30%: both are percentages
        elif first_unit == "%" and not second_unit:
            second += "%"
        return first, second
    found = []
    for match in _QUALIFIED.finditer(text):
        if _word_before(text, match.start()) in _NOT_A_VALUE or _year(match, text):
            continue
        found.append(match.group())
    return ("", found[0]) if len(found) == 1 else ("", "")


def _both_years(first: str, second: str) -> bool:
    return all(re.fullmatch(r"(?:19|20)\d\d", part.strip()) for part in (first, second))


def follow_text(goal: Goal, metric: str) -> tuple[str, str]:
    """A goal's baseline and target once its metric reads ``metric``: each
    that is empty, or was what the old text said, follows the new text;
    one the room set otherwise stays."""
    old_baseline, old_target = stated(goal.metric)
    new_baseline, new_target = stated(metric)
    return (
        new_baseline if goal.baseline in ("", old_baseline) else goal.baseline,
        new_target if goal.target in ("", old_target) else goal.target,
    )


def add_goal(workshop: Workshop, title: str, metric: str = "") -> Goal:
    """Add a goal as the room types it: with the baseline and target its metric states."""
    goal = workshop.add_goal(title, metric)
    baseline, target = stated(goal.metric)
    if baseline or target:
        workshop.edit_goal(goal.id, baseline=baseline, target=target)
    return workshop.goal(goal.id) or goal


def edit_goal(
    workshop: Workshop,
    goal_id: int,
    *,
    title: str | None = None,
    metric: str | None = None,
    baseline: str | None = None,
    target: str | None = None,
) -> None:
    """Change a goal as its form does: a baseline or target not given
    follows the metric's text (see :func:`follow_text`); one given is kept
    as typed."""
    goal = workshop.goal(goal_id)
    if goal is None:
        raise WorkshopError("That goal no longer exists.")
    followed = follow_text(goal, clean(metric) if metric is not None else goal.metric)
    workshop.edit_goal(
        goal_id,
        title=title,
        metric=metric,
        baseline=followed[0] if baseline is None else baseline,
        target=followed[1] if target is None else target,
    )


# -------------------------------------------------------------- how far


def baseline_of(goal: Goal) -> Value | None:
    return read_value(goal.baseline) if goal.baseline else None


def target_of(goal: Goal) -> Value | None:
    return read_value(goal.target) if goal.target else None


def progress(baseline: Value | None, target: Value | None, now: Value | None) -> Decimal | None:
    """How far the metric has come, as a fraction (0.25: a quarter of the
    way; below 0: it went the wrong way; 1 or more: the target is met);
    None when it cannot be said: a value that is not a number, units that
    differ, a target equal to the baseline, or no baseline for a ceiling."""
    if target is None or now is None or target.number is None or now.number is None or now.unit != target.unit:
        return None
    if baseline is not None:
        if baseline.number is None or baseline.unit != target.unit or baseline.number == target.number:
            return None
        return (now.number - baseline.number) / (target.number - baseline.number)
    if target.ceiling or target.number <= 0:
        return None
    return now.number / target.number


def percent(fraction: Decimal) -> int:
    """A fraction as a whole percentage, halves rounded up (0.125: 13)."""
    return int((fraction * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def way(fraction: Decimal) -> str:
    """How far, in words: ``25% of the way``; ``target met`` from 100%."""
    share = percent(fraction)
    return f"{share}% of the way" + (", target met" if share >= 100 else "")


def goal_progress(goal: Goal, value: str) -> Decimal | None:
    """How far a goal's metric has come at ``value``."""
    return progress(baseline_of(goal), target_of(goal), read_value(value))


# ---------------------------------------------------------------- in a review


def read_day(text: str, today: date) -> date:
    """The day a value was measured: ``2026-11-18``, or empty for today; not after today."""
    text = clean(text)
    if not text:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise WorkshopError(
            f"\u201c{text}\u201d is not a date: type the day it was measured as {today.isoformat()}, "
            "or leave it empty for today."
        ) from None
    if day > today:
        raise WorkshopError(
            f"{day.isoformat()} is after today ({today.isoformat()}): type the day the value was measured."
        )
    return day


def record_value(workshop: Workshop, goal_id: int, value: str, measured: date) -> Reading | None:
    """Record a goal's metric as measured on ``measured`` (empty: no value
    now). Only a review records one: a first session sets the baseline."""
    goal = workshop.goal(goal_id)
    if goal is None:
        raise WorkshopError("That goal no longer exists.")
    if workshop.earlier is None:
        raise WorkshopError(
            "A metric's value now is recorded in a review of this session: here, set where it starts "
            "as the goal's baseline (e)."
        )
    text = clean(value, VALUE_LIMIT)
    if not text:
        workshop.readings.pop(goal_id, None)
        return None
    workshop.readings[goal_id] = Reading(text, measured)
    return workshop.readings[goal_id]


def last_reading(workshop: Workshop, goal_id: int) -> Reading | None:
    """A goal's last known value before this review (None: none was measured)."""
    if workshop.earlier is None:
        return None
    return dict(workshop.earlier.readings).get(goal_id)


def latest(workshop: Workshop) -> tuple[tuple[int, Reading], ...]:
    """Each goal's last known value: measured in this session, else in an
    earlier one of the series (what the next review starts from)."""
    found = []
    for goal in workshop.goals:
        reading = workshop.readings.get(goal.id) or last_reading(workshop, goal.id)
        if reading is not None:
            found.append((goal.id, reading))
    return tuple(found)


def measured(workshop: Workshop) -> bool:
    """True if any goal has a value now or a last value (the draft's Now column)."""
    return bool(latest(workshop))


class Move(Struct, frozen=True):
    """How a goal's metric moved since an earlier session."""

    goal: str
    """The goal's title."""
    before: str
    """Its last value then, or its baseline; empty if neither is known."""
    last: date | None
    """When ``before`` was measured (None: it is the baseline)."""
    now: str
    """Its value now (empty: not measured in the later session)."""
    measured: date | None
    baseline: str
    target: str
    progress: Decimal | None


def moves(earlier: Earlier, later: Workshop) -> tuple[Move, ...]:
    """How each metric moved from ``earlier`` to ``later``: each goal with
    a value now in ``later``, or a value then in ``earlier``."""
    then = dict(earlier.readings)
    found = []
    for goal in later.goals:
        reading, last = later.readings.get(goal.id), then.get(goal.id)
        if reading is None and last is None:
            continue
        before, last_day = (last.value, last.measured) if last is not None else (goal.baseline, None)
        found.append(
            Move(
                goal.title,
                before,
                last_day,
                reading.value if reading else "",
                reading.measured if reading else None,
                goal.baseline,
                goal.target,
                goal_progress(goal, reading.value) if reading else None,
            )
        )
    return tuple(found)


def number_changes(old: Goal, new: Goal) -> list[tuple[str, str, str]]:
    """The baseline and target a goal changed between two sessions, as
    (``baseline`` or ``target``, before, after): left out when the metric's
    new text says it (the re-worded metric shows it already)."""
    reworded = old.metric != new.metric
    said = stated(new.metric)
    changes = []
    for what, before, after, in_text in (
        ("baseline", old.baseline, new.baseline, said[0]),
        ("target", old.target, new.target, said[1]),
    ):
        if before != after and not (reworded and after == in_text):
            changes.append((what, before, after))
    return changes


def now_said(workshop: Workshop, goal: Goal, escape: Callable[[str], str] = lambda text: text) -> str:
    """A goal's value now, as the exports write it (the room's words passed
    through ``escape``): ``21% (25% of the way), measured 2026-11-18``, or
    the last value when this session has none yet; empty if never measured."""
    reading = workshop.readings.get(goal.id)
    if reading is not None:
        fraction = goal_progress(goal, reading.value)
        far = f" ({way(fraction)})" if fraction is not None else ""
        return f"{escape(reading.value)}{far}, measured {reading.measured.isoformat()}"
    last = last_reading(workshop, goal.id)
    if last is not None:
        return f"not measured (last: {escape(last.value)}, measured {last.measured.isoformat()})"
    return ""
