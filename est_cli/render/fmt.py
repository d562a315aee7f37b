"""Swedish (or English) numbers, dates, weeks and periods, via Babel.

Documents are Swedish by default: '1 234', '2,5', '17 november 2026', 'Vecka 47,
17–23 november 2026'. Babel knows the locale rules; we only choose the patterns. Words
come from the catalogue (`self.words`, est_cli.render.i18n).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from est_cli.errors import UsageError
from est_cli.models.incident import UNPLACED_AREA
from est_cli.periods import IsoWeek, Month, Tertial
from est_cli.render.i18n import Words

LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def choose_language(requested: str | None, default: str) -> str:
    """The document language: the --language option, else est.yaml's; 'sv' or 'en'."""
    lang = (requested or default).strip().lower()
    if lang not in LOCALES:
        raise UsageError(f"unknown language '{requested}'; choose sv (Swedish) or en (English)")
    return lang


def in_sentence(name: str) -> str:
    """A name as it is written inside a sentence: 'Skadegörelse' → 'skadegörelse', while
    'EST' or 'Hot och våld' (first letter only) keep what is not a capital word start."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


class Formatter:
    """Locale-bound formatting, exposed to templates as filters."""

    def __init__(self, language: str = "sv"):
        if language not in LOCALES:
            raise ValueError(f"unsupported language '{language}'")
        self.language = language
        self.locale = LOCALES[language]
        self.words = Words(language)

    def area_names(self, names: Mapping[str, str]) -> dict[str, str]:
        """The areas' names, with the label of the incidents in no area."""
        return {**names, UNPLACED_AREA: self.words.gettext("Whole municipality (no area)")}

    def number(self, value: float | int | None, decimals: int = 0) -> str:
        if value is None:
            return "–"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def signed(self, value: float | int | None, decimals: int = 0) -> str:
        """A change with its sign: '+3', '−2', '±0' (true minus sign)."""
        if value is None:
            return "–"
        if round(value, decimals) == 0:
            return "±0"
        text = self.number(abs(value), decimals)
        return ("+" if value > 0 else "−") + text

    def percent(self, value: float | None, decimals: int = 0) -> str:
        """A ratio as a signed percentage: 0.25 → '+25 %' (sv) / '+25%' (en)."""
        if value is None:
            return "–"
        text = self.signed(value * 100, decimals)
        return f"{text}\u00a0%" if self.language == "sv" else f"{text}%"

    def probability(self, p: float) -> str:
        """'0,004', or '< 0,001' for anything smaller: never scientific notation for a reader."""
        if p < 0.001:
            return f"< {self.number(0.001, 3)}"
        return self.number(p, 3)

    # `dt.date`, as in the whole module: inside this class `date` names this method
    def date(self, day: dt.date, pattern: str = "d MMMM y") -> str:
        return format_date(day, pattern, locale=self.locale)

    def short_date(self, day: dt.date) -> str:
        return format_date(day, "d MMM", locale=self.locale)

    def month(self, month: int, year: int = 2000) -> str:
        return format_date(dt.date(year, month, 1), "LLLL", locale=self.locale)

    def weekday(self, iso_weekday: int) -> str:
        return format_date(dt.date(2024, 1, iso_weekday), "EEEE", locale=self.locale)

    def weekday_short(self, iso_weekday: int) -> str:
        return format_date(dt.date(2024, 1, iso_weekday), "EEE", locale=self.locale).rstrip(".")

    def span(self, first: dt.date, last: dt.date) -> str:
        """'17–23 november 2026', '30 november–6 december 2026', across years in full."""
        if first.year != last.year:
            return f"{self.date(first)}–{self.date(last)}"
        if first.month != last.month:
            return f"{self.date(first, 'd MMMM')}–{self.date(last)}"
        return f"{first.day}–{self.date(last)}"

    def week_label(self, week: IsoWeek) -> str:
        """'Vecka 47, 17–23 november 2026' / 'Week 47, 17–23 November 2026'."""
        span = self.span(week.monday, week.sunday)
        return self.words.gettext("Week %(number)s, %(span)s", number=week.week, span=span)

    def week_short(self, week: IsoWeek) -> str:
        """'v. 47' / 'w. 47'; with the year when it differs from `week`'s context."""
        return self.words.gettext("w. %(number)s", number=week.week)

    def week_key(self, key: str) -> str:
        """'2020-W52' → 'v. 52 2020' (sv) / 'w. 52 2020' (en), as people write weeks."""
        week = IsoWeek.parse(key, default_year=0)
        return f"{self.week_short(week)} {week.year}"

    def week_range(self, first: str, last: str) -> str:
        """'v. 2–9 2021', across a year 'v. 51 2020–v. 2 2021', one week 'v. 9 2021'.

        The year is written once when both weeks are in it, as people write a span."""
        a, b = IsoWeek.parse(first, default_year=0), IsoWeek.parse(last, default_year=0)
        if a == b:
            return self.week_key(first)
        if a.year != b.year:
            return f"{self.week_key(first)}–{self.week_key(last)}"
        return f"{self.week_short(a)}–{b.week} {b.year}"

    def month_label(self, month: Month) -> str:
        """'mars 2021' / 'March 2021': a month in words, never '2021-03'."""
        return f"{self.month(month.month)} {month.year}"

    def month_range(self, first: Month, last: Month) -> str:
        """'januari–mars 2021', across a year 'april 2020–mars 2021'."""
        if first == last:
            return self.month_label(last)
        if first.year != last.year:
            return f"{self.month_label(first)}–{self.month_label(last)}"
        return f"{self.month(first.month)}–{self.month_label(last)}"

    def tertial_period(self, tertial: Tertial) -> str:
        """'januari–april 2021'."""
        months = tertial.months
        return f"{self.month(months[0])}–{self.month(months[-1])} {tertial.year}"

    def tertial_months(self, tertial: Tertial) -> str:
        """'januari–april', without the year."""
        months = tertial.months
        return f"{self.month(months[0])}–{self.month(months[-1])}"

    def tertial_short(self, tertial: Tertial) -> str:
        """'jan–apr 2021' / 'Jan–Apr 2021': a table's column, in words, never '2021-T1'."""
        months = tertial.months
        return f"{self.month(months[0])[:3]}–{self.month(months[-1])[:3]} {tertial.year}"

    def tertial_ordinal(self, tertial: Tertial) -> str:
        """'första', 'andra', 'tredje'."""
        ordinals = (
            self.words.pgettext("tertial", "first"),
            self.words.pgettext("tertial", "second"),
            self.words.pgettext("tertial", "third"),
        )
        return ordinals[tertial.n - 1]

    def join(self, items: list[str]) -> str:
        """'A, B och C' / 'A, B and C' (Babel's list patterns of the locale)."""
        return format_list(list(items), locale=self.locale)

    def join_names(self, names: list[str]) -> str:
        """'Ordningsstörning och skadegörelse': category names inside one phrase, in lower
        case after the first (an abbreviation such as 'EST' keeps its capitals)."""
        return self.join([n if i == 0 else in_sentence(n) for i, n in enumerate(names)])

    def filters(self) -> dict[str, Callable[..., str]]:
        return {
            "number": self.number,
            "signed": self.signed,
            "percent": self.percent,
            "date": self.date,
            "short_date": self.short_date,
            "month": self.month,
            "weekday": self.weekday,
            "weekday_short": self.weekday_short,
            "week_label": self.week_label,
            "week_short": self.week_short,
            "week_key": self.week_key,
            "week_range": self.week_range,
            "month_label": self.month_label,
            "month_range": self.month_range,
            "tertial_period": self.tertial_period,
            "tertial_ordinal": self.tertial_ordinal,
            "join_words": self.join,
            "join_names": self.join_names,
        }
