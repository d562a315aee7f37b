"""The sentences of the tertial follow-up: its opening, the figures of each problem cell,
and the method note, in plain words for a general reader.

Tool facts (files, rows) are not for citizens: the method note says what the figures rest
on ("Siffrorna bygger på 3 124 rapporter …"), and the JSON keeps the details.
"""

from __future__ import annotations

import re
from typing import Any

from est_cli.aggregate.suppress import Figure
from est_cli.periods import Tertial
from est_cli.render.fmt import Formatter, in_sentence

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def opening(municipality: str, period: Tertial, fmt: Formatter) -> list[str]:
    """What a medborgarlöfte is, then whose and which period this follow-up covers."""
    _ = fmt.words.gettext
    return [
        _(
            "A citizen pledge is a promise from the police and the municipality to the people "
            "who live and work here: what they will do together to prevent crime and make "
            "the municipality safer. It builds on what residents have told us and on a "
            "shared picture of the situation, and it is followed up three times a year."
        ),
        _(
            "This follow-up covers the citizen pledge in %(municipality)s, the %(ordinal)s "
            "tertial (%(months)s) %(year)s: the problems we have noticed, what has been done "
            "and the effect the work is judged to have had.",
            municipality=municipality,
            ordinal=fmt.tertial_ordinal(period),
            months=fmt.tertial_months(period),
            year=period.year,
        ),
    ]


def without_repeats(problem: str, indicators: list[Any], spellings: dict[str, list[str]]) -> str:
    """The pledge's problem text without the sentences the computed figures already say.

    One rule: where a figure line names the areas with the most incidents ("Flest i
    Centrum, Ramdal och Sunda"), a sentence of the hand-written text that names all of the
    same areas (by name or alias, "Ramdalsområdet" for Ramdal) says it again, and is left
    out; the computed sentence is the tertial's fact. A single area is too weak a sign of
    the same statement, so only lines of two or more areas count.
    """
    tops = [ind.top_areas for ind in indicators if len(ind.top_areas) >= 2]
    if not tops:
        return problem

    def names(sentence: str, area: str) -> bool:
        text = sentence.casefold()
        words = spellings.get(area, [area])
        return any(re.search(r"(?<!\w)" + re.escape(w.casefold()), text) for w in words)

    def repeats(sentence: str) -> bool:
        return any(all(names(sentence, area) for area in top) for top in tops)

    paragraphs = []
    for paragraph in problem.split("\n\n"):
        kept = [s for s in _SENTENCE_END.split(paragraph.strip()) if s and not repeats(s)]
        if kept:
            paragraphs.append(" ".join(kept))
    return "\n\n".join(paragraphs)


def method_notes(incidents: Any, threshold: int, fmt: Formatter) -> list[str]:
    """The note 'About the figures': how counts are protected, and what they rest on."""
    _, ngettext = fmt.words.gettext, fmt.words.ngettext
    notes = [
        _(
            "Counts from 1 to %(m)s are shown as “fewer than %(n)s” so that no single incident "
            "can be singled out. Where such a count could otherwise be worked out from a total, "
            "another count in the same row or column is hidden too (×). Differences from last "
            "year are only shown when both counts are published.",
            n=threshold,
            m=threshold - 1,
        )
        if threshold > 1
        else _("All counts are published exactly."),
        ngettext(
            "“Most in” names up to three areas with the most incidents, and only areas with "
            "at least %(num)s incident.",
            "“Most in” names up to three areas with the most incidents, and only areas with "
            "at least %(num)s incidents.",
            max(threshold, 1),
            num=fmt.number(max(threshold, 1)),
        ),
        _("The same tertial last year is compared when the data covers that period."),
    ]
    used = len(incidents.frame)
    notes.append(
        ngettext(
            "The figures are based on %(num)s report of an incident made by the parties in "
            "the joint work.",
            "The figures are based on %(num)s reports of incidents made by the parties in "
            "the joint work.",
            used,
            num=fmt.number(used),
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
    if incidents.ignored:  # never silently, but in a reader's words
        notes.append(
            ngettext(
                "%(num)s report about something that is not part of the picture of the "
                "situation is not counted.",
                "%(num)s reports about things that are not part of the picture of the "
                "situation are not counted.",
                len(incidents.ignored),
                num=fmt.number(len(incidents.ignored)),
            )
        )
    return notes


def where_text(ind: Any, fmt: Formatter) -> str:
    """' i Ramdal' for an indicator limited to areas, unless its phrase names them already."""
    if not ind.areas or any(a.casefold() in ind.phrase.casefold() for a in ind.areas):
        return ""
    return fmt.words.gettext(" in %(areas)s", areas=fmt.join(ind.areas))


def annex_notes(ind: Any, fmt: Formatter) -> list[str]:
    """What a reader needs to know of a table laid out coarser to hide less: which
    categories "övriga kategorier" holds, and that the month split was left out."""
    _ = fmt.words.gettext
    notes = [
        _(
            "Other categories: %(names)s.",
            names=fmt.join([in_sentence(n) for n in row.categories]),
        )
        for row in ind.rows
        if row.other
    ]
    if not ind.months:
        notes.append(
            _(
                "The table shows the whole period only: by month, the counts would be too "
                "small to show."
            )
        )
    return notes


def format_figure(figure: Figure | None, threshold: int, lang: str) -> str:
    """'23', 'färre än 3', '×', or '–' when there is no figure (no data)."""
    fmt = Formatter(lang)
    if figure is None:
        return "–"
    if figure.state == "suppressed":
        return fmt.words.gettext("fewer than %(n)s", n=threshold)
    if figure.state == "hidden":
        return "×"
    return fmt.number(figure.value)


def indicator_lines(ind: Any, period: Tertial, fmt: Formatter, threshold: int) -> list[str]:
    """Sentences for the problem cell: count, where most happened, change against last year."""
    lang = fmt.language
    _ = fmt.words.gettext

    def threshold_text(figure: Figure | None) -> str:
        return format_figure(figure, threshold, lang)

    where = where_text(ind, fmt)
    lines = []
    total = ind.total
    if total is None:
        lines.append(
            _(
                "The number of %(phrase)s%(where)s: not available (the data does not cover the "
                "whole period).",
                phrase=ind.phrase,
                where=where,
            )
        )
    elif total.state == "hidden":
        lines.append(
            _(
                "The number of %(phrase)s%(where)s is not published (see note).",
                phrase=ind.phrase,
                where=where,
            )
        )
    elif total.value == 0:
        lines.append(_("No %(phrase)s reported%(where)s.", phrase=ind.phrase, where=where))
    else:
        # "Under perioden har 23 …": a sentence never begins with a digit.
        lines.append(
            _(
                "In the period, %(count)s %(phrase)s were reported%(where)s.",
                count=threshold_text(total),
                phrase=ind.phrase,
                where=where,
            )
        )
    if ind.top_areas:
        lines.append(_("Most in %(areas)s.", areas=fmt.join(ind.top_areas)))
    if ind.last_year is not None and total is not None:
        text = _(
            "Same period %(year)s: %(count)s",
            year=period.year - 1,
            count=threshold_text(ind.last_year),
        )
        if ind.change is not None:
            if ind.change == 0:
                text += ", " + _("the same number")
            else:
                pct = fmt.percent(ind.change_ratio) if ind.change_ratio is not None else "–"
                n = fmt.number(abs(ind.change))
                if ind.change > 0:
                    text += ", " + _("an increase of %(n)s (%(pct)s)", n=n, pct=pct)
                else:
                    text += ", " + _("a decrease of %(n)s (%(pct)s)", n=n, pct=pct)
        lines.append(text + ".")
    return lines
