"""The monthly follow-up's sentences that are more than a label: what its data rests on, and
what a rise's probability means to a reader who does not read p-values."""

from __future__ import annotations

from typing import Any

from est_cli.render.fmt import Formatter


def month_summary(
    fmt: Formatter, note: dict[str, Any], *, covered_all: bool, whole: bool, label: str
) -> str:
    """The one "About the data" line: rows and files read, how many could be used, what the
    data covers when it is not every month the report compares with, and whether it covers
    the month itself (`whole`; `label`: the month in words). Files and rows in detail are in
    the JSON (`data_note`); `est check` says why a row was excluded."""
    _, ngettext = fmt.words.gettext, fmt.words.ngettext
    files, rows, excluded = len(note["files"]), note["rows"], note["excluded"]
    read = {
        "rows": ngettext("%(num)s row", "%(num)s rows", rows, num=fmt.number(rows)),
        "files": ngettext("%(num)s file", "%(num)s files", files, num=fmt.number(files)),
    }
    if not excluded:
        first = _(
            "The report is based on %(rows)s from %(files)s of the incident reporting; "
            "all are used.",
            **read,
        )
    else:
        first = _(
            "The report is based on %(rows)s from %(files)s of the incident reporting; "
            "%(excluded)s could not be used, %(month)s of them dated this month "
            "(est check shows which and why).",
            **read,
            excluded=fmt.number(excluded),
            month=fmt.number(note["month_excluded"]),
        )
    parts = [first]
    if note["ignored"]:
        parts.append(
            ngettext(
                "As est.yaml says, %(num)s row is left out.",
                "As est.yaml says, %(num)s rows are left out.",
                note["ignored"],
                num=fmt.number(note["ignored"]),
            )
        )
    if covered_all:
        parts.append(_("The data covers every month the report compares with."))
    elif note["first_day"] is not None:
        parts.append(
            _(
                "The data covers %(span)s; months it does not cover in full are not compared "
                "and are shown as –.",
                span=fmt.span(note["first_day"], note["last_day"]),
            )
        )
    if not whole:
        parts.append(
            _(
                "The data does not cover all of %(month)s, so its figures are incomplete.",
                month=label,
            )
        )
    return " ".join(parts)


def month_chance(fmt: Formatter, p: float) -> str:
    """What a rise's probability means; the figure itself is in the method note."""
    _ = fmt.words.gettext
    if p < 0.001:
        return _("So many incidents in one month almost never happen by chance.")
    months = round(1 / p, -1) if p < 0.01 else round(1 / p)
    return _(
        "So many incidents happen by chance only about one month in %(months)s.",
        months=fmt.number(months),
    )


def month_note(note: dict[str, Any]) -> dict[str, Any]:
    """`data_note`'s dict with the period's keys named for a month ('month_excluded')."""
    return {
        (f"month{key[len('week') :]}" if key.startswith("week_") else key): value
        for key, value in note.items()
    }
