"""The roadmap's timeframe: a run of quarters, or the horizons Now / Next / Later.

A timeframe gives the roadmap its columns. Columns are named by plain strings
(``"2027-Q1"``, ``"Now"``) so that a placement keeps its column even if the
timeframe later changes: an item in a column that is no longer part of the
timeframe is shown as outside it, never dropped.
"""

from __future__ import annotations

import re
from datetime import date

from msgspec import Struct

HORIZONS: tuple[str, ...] = ("Now", "Next", "Later")
"""The agile horizons, in order."""

MAX_QUARTERS = 8
"""The longest run of quarters a roadmap may cover (two years)."""

_QUARTER = re.compile(r"^\s*(?:(\d{4})\s*[-/ ]?\s*q([1-4])|q([1-4])\s*[-/ ]?\s*(\d{4}))\s*$", re.I)
_RANGE = re.compile(r"\s*(?:\.\.|to|until|through|–|—|-(?=\s)|\s-\s)\s*", re.I)
_COUNT = re.compile(r"^(.*?)\s*(?:\+|x|×|for)\s*(\d+)\s*(?:quarters?|q)?\s*$", re.I)
_DANGLING = re.compile(r"(?:\.\.|\bto|\buntil|\bthrough|[-\u2013\u2014+x]|\bfor)\s*$", re.I)
_HORIZON_WORDS = re.compile(r"^\s*(?:horizons?|now\W+next\W+later)\s*$", re.I)

TIMEFRAME_HELP = "Type a range of quarters such as 2027-Q1 to 2027-Q4, or Now Next Later."


class TimeframeError(ValueError):
    """A timeframe that could not be understood; the message says what to type."""


class Quarter(Struct, frozen=True, order=True):
    """A calendar quarter such as 2027-Q1."""

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read ``2027-Q1``, ``2027 Q1``, ``Q1 2027`` or ``2027q1``."""
        match = _QUARTER.match(text)
        if not match:
            raise TimeframeError(f"{text.strip()!r} is not a quarter. {TIMEFRAME_HELP}")
        year = int(match.group(1) or match.group(4))
        number = int(match.group(2) or match.group(3))
        if not 1900 <= year <= 9999:
            raise TimeframeError(f"{year} is not a year a roadmap can cover.")
        return cls(year, number)

    def shifted(self, quarters: int) -> Quarter:
        """The quarter ``quarters`` later (or earlier, if negative)."""
        index = self.year * 4 + (self.number - 1) + quarters
        return Quarter(index // 4, index % 4 + 1)

    def minus(self, other: Quarter) -> int:
        """How many quarters after ``other`` this one is."""
        return (self.year * 4 + self.number) - (other.year * 4 + other.number)

    @classmethod
    def containing(cls, day: date) -> Quarter:
        """The quarter that a date falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)


class Timeframe(Struct, frozen=True):
    """Quarters from ``start`` for ``count`` quarters, or the horizons if
    ``start`` is None."""

    start: Quarter | None = None
    count: int = len(HORIZONS)

    @property
    def is_horizons(self) -> bool:
        """True for Now / Next / Later."""
        return self.start is None

    @property
    def columns(self) -> tuple[str, ...]:
        """The names of the roadmap's columns, in order."""
        if self.start is None:
            return HORIZONS
        return tuple(str(self.start.shifted(i)) for i in range(self.count))

    @property
    def unit(self) -> str:
        """What one column is called: quarter or horizon."""
        return "horizon" if self.is_horizons else "quarter"

    def label(self) -> str:
        """How the timeframe reads in a sentence."""
        if self.start is None:
            return "Now / Next / Later"
        if self.count == 1:
            return f"{self.start} (1 quarter)"
        return f"{self.start} to {self.start.shifted(self.count - 1)} ({self.count} quarters)"

    def spec(self) -> str:
        """The text that :meth:`parse` reads back into this timeframe."""
        if self.start is None:
            return "Now Next Later"
        if self.count == 1:
            return str(self.start)
        return f"{self.start} to {self.start.shifted(self.count - 1)}"

    def review_months(self) -> int:
        """How often the roadmap should be reviewed, in months: monthly for a
        roadmap of two quarters or less (an early-stage product), else once a
        quarter."""
        if self.start is not None and self.count <= 2:
            return 1
        return 3

    @classmethod
    def parse(cls, text: str) -> Timeframe:
        """Read a timeframe as the facilitator would say it.

        ``2027-Q1 to 2027-Q4``, ``2027-Q1..2027-Q4``, ``2027-Q1 - 2027-Q4``,
        ``2027-Q1 +4``, ``2027-Q1`` (one quarter), ``Now Next Later`` or
        ``horizons``.
        """
        text = text.strip()
        if not text:
            raise TimeframeError(f"The timeframe is empty. {TIMEFRAME_HELP}")
        if _HORIZON_WORDS.match(text):
            return cls(None)
        if _DANGLING.search(text):
            raise TimeframeError(f"{text!r} ends before its last quarter. {TIMEFRAME_HELP}")
        counted = _COUNT.match(text)
        if counted and _QUARTER.match(counted.group(1)):
            start = Quarter.parse(counted.group(1))
            return cls._checked(start, int(counted.group(2)))
        parts = [part for part in _RANGE.split(text) if part.strip()]
        if len(parts) == 1:
            return cls._checked(Quarter.parse(parts[0]), 1)
        if len(parts) != 2:
            raise TimeframeError(f"{text!r} is not a timeframe. {TIMEFRAME_HELP}")
        first, last = Quarter.parse(parts[0]), Quarter.parse(parts[1])
        if last < first:
            raise TimeframeError(f"{last} comes before {first}: put the earlier quarter first.")
        return cls._checked(first, last.minus(first) + 1)

    @classmethod
    def _checked(cls, start: Quarter, count: int) -> Timeframe:
        if not 1 <= count <= MAX_QUARTERS:
            raise TimeframeError(
                f"A roadmap covers 1 to {MAX_QUARTERS} quarters; {count} is too many."
                if count > MAX_QUARTERS
                else "A roadmap covers at least one quarter."
            )
        return cls(start, count)
