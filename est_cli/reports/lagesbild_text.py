"""The sentences of the yearly lägesbild: its opening, the changes by the stated rule, the
figures a problem refers to, the follow-up of the year's pledge and the method note.

Written for a general reader: the rule is said in plain words, the exact test in the note.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from est_cli.aggregate.changes import P_VALUE
from est_cli.aggregate.lagesbild import CountRow, LagesbildFigures, Ref
from est_cli.models.base import Status
from est_cli.models.lagesbild import FigureRef
from est_cli.models.pledge import FocusArea, FocusFollowUp, Pledge
from est_cli.periods import Tertial
from est_cli.render.fmt import Formatter
from est_cli.render.labels import status_names
from est_cli.reports.activities import activity_view
from est_cli.reports.tertial_text import format_figure


def opening(municipality: str, year: int, fmt: Formatter) -> list[str]:
    _ = fmt.words.gettext
    return [
        _(
            "Under the act on municipalities' responsibility for crime prevention (lag "
            "2023:196), every municipality draws up a picture of the situation: a mapping of "
            "crime and insecurity, other relevant information and an analysis of the causes. "
            "The plan of measures and the citizen pledge are chosen from it."
        ),
        _(
            "This picture of the situation covers %(municipality)s in %(year)s. The figures "
            "come from the incidents the parties in the joint work reported; the analysis, "
            "the causes and the proposed measures are the parties' own.",
            municipality=municipality,
            year=year,
        ),
    ]


def years_label(years: list[int], fmt: Formatter) -> str:
    """'2019–2020', '2020', or '' for none."""
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def change_rule(figures: LagesbildFigures, fmt: Formatter) -> str:
    _ = fmt.words.gettext
    before = figures.years[:-1]
    if not before:
        return _(
            "No earlier year is covered by the data, so no change against earlier years can "
            "be judged."
        )
    return _(
        "A change counts as clear when this year's number differs so much from the mean of "
        "%(years)s that a difference as large would arise by chance less than once in "
        "%(times)s.",
        years=years_label(before, fmt),
        times=fmt.number(round(1 / P_VALUE)),
    )


def change_line(row: CountRow, figures: LagesbildFigures, fmt: Formatter) -> str:
    """'Inbrott: 61 in 2021, against 38,5 a year in 2019–2020 (+58 %).'"""
    _ = fmt.words.gettext
    assert row.test is not None
    test = row.test
    ratio = test.ratio
    pct = fmt.percent(ratio - 1) if ratio is not None else "–"
    words = {
        "up": _("more than"),
        "down": _("fewer than"),
        "same": _("as many as"),
    }[test.direction]
    return _(
        "%(name)s: %(count)s in %(year)s, %(words)s the mean of %(mean)s a year in %(years)s "
        "(%(pct)s).",
        name=row.name,
        count=fmt.number(test.count),
        year=figures.year,
        words=words,
        mean=fmt.number(test.mean, 1),
        years=years_label(figures.years[:-1], fmt),
        pct=pct,
    )


def ref_of(ref: FigureRef) -> Ref:
    return Ref(tuple(ref.categories), tuple(ref.areas))


def ref_line(
    row: CountRow,
    ref: Ref,
    figures: LagesbildFigures,
    names: tuple[dict[str, str], dict[str, str]],
    threshold: int,
    fmt: Formatter,
) -> str:
    """'Inbrott i Sunda: 15 in 2021 (a mean of 4,5 a year in 2019–2020).'"""
    _ = fmt.words.gettext
    categories, areas = names
    what = fmt.join_names([categories.get(c, c) for c in ref.categories])
    if ref.areas:
        what += _(" in %(areas)s", areas=fmt.join([areas.get(a, a) for a in ref.areas]))
    count = format_figure(row.counts[-1], threshold, fmt.language)
    text = _("%(what)s: %(count)s in %(year)s", what=what, count=count, year=figures.year)
    if row.mean is not None:
        text += " " + _(
            "(a mean of %(mean)s a year in %(years)s)",
            mean=fmt.number(row.mean, 1),
            years=years_label(figures.years[:-1], fmt),
        )
    return text + "."


@dataclass(frozen=True)
class FocusView:
    id: str
    title: str
    status: str | None
    measures: list[str]
    effect: str | None
    figures: list[str]
    activities: list[dict[str, Any]]


def _latest(focus: FocusArea, year: int) -> tuple[FocusFollowUp | None, list[str]]:
    """The year's last follow-up of a focus area, and every measure of the year's ones."""
    keys = sorted(k for k in focus.follow_ups if Tertial.parse(k).year == year)
    measures = list(dict.fromkeys(m for k in keys for m in focus.follow_ups[k].measures))
    return (focus.follow_ups[keys[-1]] if keys else None), measures


def pledge_follow_up(
    pledge: Pledge, year: int, fmt: Formatter, lines: list[list[str]]
) -> list[FocusView]:
    """Per focus area: what was done (the year's follow-ups), what the figures did
    (`lines`, one list per focus area), and each activity as of the year's last tertial
    (est_cli.reports.activities, as the tertial follow-up shows it)."""
    names = status_names(fmt.words)
    out = []
    for focus, figure_lines in zip(pledge.focus_areas, lines, strict=True):
        last, measures = _latest(focus, year)
        status = last.status if last else None
        out.append(
            FocusView(
                id=focus.id,
                title=focus.title,
                status=names[status.value] if isinstance(status, Status) else None,
                measures=measures,
                effect=last.effect if last else None,
                figures=figure_lines,
                activities=[
                    asdict(activity_view(a, Tertial(year, 3), fmt)) for a in focus.activities
                ],
            )
        )
    return out


def method_notes(
    figures: LagesbildFigures, incidents: Any, threshold: int, fmt: Formatter
) -> list[str]:
    """'About the figures': sources, periods, what counts can and cannot say, suppression."""
    _, ngettext = fmt.words.gettext, fmt.words.ngettext
    used = int((incidents.frame["year"].isin(figures.years)).sum()) if len(incidents.frame) else 0
    notes = [
        ngettext(
            "The figures are based on %(num)s report of an incident made by the parties in "
            "the joint work in %(years)s.",
            "The figures are based on %(num)s reports of incidents made by the parties in "
            "the joint work in %(years)s.",
            used,
            num=fmt.number(used),
            years=years_label(figures.years, fmt),
        ),
        _(
            "A count shows what was reported, not all that happened: many incidents are never "
            "reported, and more reporting (more partners, more presence) raises the counts "
            "without more incidents. Small numbers vary much from year to year by chance."
        ),
        _("Earlier years are shown when the data covers the whole year, at most four years back."),
        _(
            "The test behind clear changes: this year's count given the total of all the years "
            "compared is binomial if the rate was the same every year (a Poisson rate-ratio "
            "test); two-sided, twice the smaller tail, p below %(p)s.",
            p=fmt.number(P_VALUE, 2),
        ),
        _(
            "Rates per 1,000 inhabitants use the populations given for the areas; they are "
            "shown only where a population is given."
        ),
        _(
            "Concentration: the share of the year's incidents in the busiest fifth of the "
            "areas, and of the incidents with a place given in the busiest fifth of the "
            "places. No place is named; nothing below the area level is published."
        ),
        _(
            "Counts from 1 to %(m)s are shown as “fewer than %(n)s” so that no single incident "
            "can be singled out. Where such a count could otherwise be worked out from a total, "
            "another count in the same row or column is hidden too (×). Means, rates and shares "
            "are only given where every count they rest on is shown.",
            n=threshold,
            m=threshold - 1,
        )
        if threshold > 1
        else _("All counts are published exactly."),
    ]
    if figures.changes:
        notes.append(
            _(
                "The p-values of the clear changes: %(values)s.",
                values="; ".join(
                    f"{row.name} {fmt.probability(row.test.p_value)}"
                    for row in figures.changes
                    if row.test is not None
                ),
            )
        )
    if incidents.excluded:
        notes.append(
            ngettext(
                "%(num)s report could not be used (for example because of an unknown area or "
                "date) and is not counted.",
                "%(num)s reports could not be used (for example because of an unknown area or "
                "date) and are not counted.",
                len(incidents.excluded),
                num=fmt.number(len(incidents.excluded)),
            )
        )
    return notes
