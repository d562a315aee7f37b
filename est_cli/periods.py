"""ISO weeks, months, tertials and years: the periods the documents are built on.

Periods are half-open ranges of naive local wall time [start, end), so Sunday 23:59
belongs to its week and Monday 00:00 to the next one without rounding questions. Each kind
has the same face (key, first_day, last_day, start, end, shift, year_before), so a document
or `est stats` handles any of them the same way; `Compared` adds the two periods a figure is
compared with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar, Literal, Self, overload

from est_cli.errors import N_, UsageError

_WEEK = re.compile(r"^\s*(?:(\d{4})\s*-?\s*)?[Ww]?\s*(\d{1,2})\s*$")
_TERTIAL = re.compile(r"^\s*(\d{4})\s*-?\s*[Tt]\s*([123])\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


# The years a period may be asked for, and the files' dates may lie in: beyond these, a
# typo is far likelier than a real period. Periods made from such dates (the week of
# 2200-12-31 is 2201-W01; the year before 1900 is 1899) stay within _ANY_YEAR.
YEARS = range(1900, 2201)
_ANY_YEAR = range(YEARS.start - 2, YEARS.stop + 2)


def _check_year(year: int, allowed: range = YEARS) -> None:
    """A period's year; the ones a command is asked for are in YEARS (`choose_period`)."""
    if year not in allowed:
        raise UsageError(
            N_(
                "year %(year)s is out of range; expected %(first)s–%(last)s",
                year=year,
                first=YEARS.start,
                last=YEARS[-1],
            )
        )


def weeks_in_year(year: int) -> int:
    return date(year, 12, 28).isocalendar().week


class _Span:
    """What every kind of period derives from its first day and its `shift`: the half-open
    range [start, end), its last day, and its key as its text."""

    @property
    def key(self) -> str:
        raise NotImplementedError

    @property
    def first_day(self) -> date:
        raise NotImplementedError

    def shift(self, n: int) -> Self:
        raise NotImplementedError

    @property
    def last_day(self) -> date:
        return self.shift(1).first_day - timedelta(days=1)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, datetime.min.time())

    @property
    def end(self) -> datetime:
        return self.shift(1).start

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True, order=True)
class IsoWeek(_Span):
    year: int
    week: int

    kind: ClassVar[str] = "week"

    def __post_init__(self) -> None:
        _check_year(self.year, _ANY_YEAR)
        if not 1 <= self.week <= weeks_in_year(self.year):
            raise UsageError(
                N_(
                    "week %(week)s does not exist in %(year)s (it has weeks 1–%(last)s)",
                    week=self.week,
                    year=self.year,
                    last=weeks_in_year(self.year),
                )
            )

    @classmethod
    def parse(cls, text: str, default_year: int) -> IsoWeek:
        """'2026-W47', '2026W47', 'W47' or '47' (the latter two in `default_year`)."""
        m = _WEEK.match(text)
        if not m:
            raise UsageError(
                N_("'%(value)s' is not a week; write it as 2026-W47, or just 47", value=text)
            )
        year = int(m[1]) if m[1] else default_year
        return cls(year, int(m[2]))

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def last_complete(cls, today: date) -> IsoWeek:
        """The last ISO week that ended before `today`."""
        return cls.of(today - timedelta(days=today.isoweekday()))

    @property
    def key(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def first_day(self) -> date:
        return self.monday

    def shift(self, weeks: int) -> IsoWeek:
        return IsoWeek.of(self.monday + timedelta(weeks=weeks))

    def same_week_last_year(self) -> IsoWeek | None:
        """Week with the same number a year earlier; None when that year has no week 53."""
        if self.week > weeks_in_year(self.year - 1):
            return None
        return IsoWeek(self.year - 1, self.week)

    def year_before(self) -> IsoWeek | None:
        return self.same_week_last_year()


@dataclass(frozen=True, order=True)
class Tertial(_Span):
    """T1 = January–April, T2 = May–August, T3 = September–December."""

    year: int
    n: int

    kind: ClassVar[str] = "tertial"

    def __post_init__(self) -> None:
        _check_year(self.year, _ANY_YEAR)

    @classmethod
    def parse(cls, text: str) -> Tertial:
        m = _TERTIAL.match(text)
        if not m:
            raise UsageError(
                N_(
                    "'%(value)s' is not a tertial; write it as 2026-T1, 2026-T2 or 2026-T3",
                    value=text,
                )
            )
        return cls(int(m[1]), int(m[2]))

    @classmethod
    def of(cls, day: date) -> Tertial:
        return cls(day.year, (day.month - 1) // 4 + 1)

    @classmethod
    def last_ended(cls, today: date) -> Tertial:
        return cls.of(today).shift(-1)

    @classmethod
    def covering(cls, first: date, last: date) -> list[Tertial]:
        out, t = [], cls.of(first)
        while t.first_day <= last:
            out.append(t)
            t = t.shift(1)
        return out

    @property
    def key(self) -> str:
        return f"{self.year}-T{self.n}"

    @property
    def months(self) -> list[int]:
        return [4 * (self.n - 1) + i for i in range(1, 5)]

    @property
    def first_day(self) -> date:
        return date(self.year, self.months[0], 1)

    def shift(self, tertials: int) -> Tertial:
        index = self.year * 3 + (self.n - 1) + tertials
        return Tertial(index // 3, index % 3 + 1)

    def year_before(self) -> Tertial:
        return Tertial(self.year - 1, self.n)


@dataclass(frozen=True, order=True)
class Month(_Span):
    year: int
    month: int

    kind: ClassVar[str] = "month"

    def __post_init__(self) -> None:
        _check_year(self.year, _ANY_YEAR)
        if not 1 <= self.month <= 12:
            raise UsageError(N_("month %(month)s does not exist; expected 1–12", month=self.month))

    @classmethod
    def parse(cls, text: str) -> Month:
        m = _MONTH.match(text)
        if not m or not 1 <= int(m[2]) <= 12:
            raise UsageError(N_("'%(value)s' is not a month; write it as 2021-03", value=text))
        return cls(int(m[1]), int(m[2]))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def last_complete(cls, today: date) -> Month:
        return cls.of(today).shift(-1)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def shift(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    def year_before(self) -> Month:
        return Month(self.year - 1, self.month)


@dataclass(frozen=True, order=True)
class Year(_Span):
    """A calendar year: the yearly lägesbild's period."""

    year: int

    kind: ClassVar[str] = "year"

    def __post_init__(self) -> None:
        _check_year(self.year, _ANY_YEAR)

    @classmethod
    def parse(cls, text: str) -> Year:
        m = _YEAR.match(text)
        if not m:
            raise UsageError(N_("'%(value)s' is not a year; write it as 2021", value=text))
        return cls(int(m[1]))

    @classmethod
    def of(cls, day: date) -> Year:
        return cls(day.year)

    @classmethod
    def last_complete(cls, today: date) -> Year:
        return cls(today.year - 1)

    @property
    def key(self) -> str:
        return f"{self.year}"

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    def shift(self, years: int) -> Year:
        return Year(self.year + years)

    def year_before(self) -> Year:
        return Year(self.year - 1)


AnyPeriod = IsoWeek | Month | Tertial | Year
PeriodKind = Literal["week", "month", "tertial", "year"]


@overload
def choose_period(kind: Literal["week"], text: str | None, today: date) -> IsoWeek: ...
@overload
def choose_period(kind: Literal["month"], text: str | None, today: date) -> Month: ...
@overload
def choose_period(kind: Literal["tertial"], text: str | None, today: date) -> Tertial: ...
@overload
def choose_period(kind: Literal["year"], text: str | None, today: date) -> Year: ...
@overload
def choose_period(kind: PeriodKind, text: str | None, today: date) -> AnyPeriod: ...
def choose_period(kind: PeriodKind, text: str | None, today: date) -> AnyPeriod:
    """The period a command was given (`--week 47`, `--month 2021-03` …), or by default the
    last one of its kind that has ended before `today`."""
    given = text.strip() if text else ""
    period: AnyPeriod
    if kind == "week":
        period = (
            IsoWeek.parse(given, default_year=today.year) if given else IsoWeek.last_complete(today)
        )
    elif kind == "month":
        period = Month.parse(given) if given else Month.last_complete(today)
    elif kind == "year":
        period = Year.parse(given) if given else Year.last_complete(today)
    else:
        period = Tertial.parse(given) if given else Tertial.last_ended(today)
    _check_year(period.year)
    return period


@dataclass(frozen=True)
class Compared:
    """A period with the two a figure is compared with: the one before, and a year before
    (None for week 53 when the year before had 52)."""

    period: AnyPeriod
    previous: AnyPeriod
    year_before: AnyPeriod | None

    @classmethod
    def of(cls, period: AnyPeriod) -> Compared:
        return cls(period, period.shift(-1), period.year_before())

    @property
    def kind(self) -> str:
        return self.period.kind

    @property
    def key(self) -> str:
        return self.period.key
