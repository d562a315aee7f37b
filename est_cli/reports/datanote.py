"""The weekly report's account of its data: files and rows read, and what was left out.

It speaks about the report's week. The rows of the week that could not be used are counted
by reason (with their first rows), as are the rows of the week that est.yaml ignores; the
rest of the workspace's excluded rows are only counted, with a pointer to `est check`, which
lists them all. A row whose date could not be read may belong to any week: it is counted
apart.
"""

from __future__ import annotations

from typing import Any

from est_cli.aggregate.coverage import Coverage
from est_cli.load.incidents import IncidentSet
from est_cli.periods import AnyPeriod
from est_cli.render.fmt import Formatter

ROWS_NAMED = 3  # rows named per reason before "…"


def data_note(incidents: IncidentSet, coverage: Coverage, period: AnyPeriod) -> dict[str, Any]:
    """Files and rows read; the period's excluded rows by reason and ignored rows by rule
    (under the keys 'week_…' whatever the period: the weekly JSON's names)."""
    first, last = period.first_day, period.last_day
    excluded = sorted(incidents.excluded, key=lambda e: (e.file, e.line))
    in_week = [e for e in excluded if e.day is not None and first <= e.day <= last]
    by_reason: dict[str, list[str]] = {}
    for e in in_week:
        by_reason.setdefault(e.reason, []).append(f"{e.file}:{e.line}")
    ignored_week = [i for i in incidents.ignored if i.day and first <= i.day <= last]
    return {
        "files": [
            {
                "file": f.file,
                "rows": f.rows,
                "used": f.used,
                "excluded": f.excluded,
                "ignored": f.ignored,
                "blank": f.blank,
            }
            for f in incidents.files
        ],
        "rows": incidents.rows_read,
        "used": len(incidents.frame),
        "excluded": len(excluded),
        "ignored": len(incidents.ignored),
        "ignored_by": _by_rule(incidents.ignored_by_rule()),
        "week_excluded": len(in_week),
        "week_excluded_by_reason": [
            {
                "reason": reason,
                "rows": len(rows),
                "first_rows": rows[:ROWS_NAMED],
                "more": max(0, len(rows) - ROWS_NAMED),
            }
            for reason, rows in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ],
        "other_excluded": len(excluded) - len(in_week),
        "undated_excluded": sum(1 for e in excluded if e.day is None),
        "week_ignored": len(ignored_week),
        "week_ignored_by": _by_rule(IncidentSet(None, ignored=ignored_week).ignored_by_rule()),
        "first_day": coverage.first_day,
        "last_day": coverage.last_day,
    }


def _by_rule(counts: dict[str, int]) -> list[dict[str, Any]]:
    return [{"rule": rule, "rows": n} for rule, n in counts.items()]


def data_summary(fmt: Formatter, note: dict[str, Any], no_time: int, covered_all: bool) -> str:
    """The one short "About the data" line: rows and files read, how many could be used, what
    the data covers as far as this report needs it. The file list and each excluded row are
    in the JSON (`data_note`), and `est check` says why a row was excluded.

    `covered_all`: the data covers every week the report compares with, so its first and
    last day would be noise ("until 31 December" in a March report).
    """
    _, ngettext = fmt.words.gettext, fmt.words.ngettext
    files, rows, excluded = len(note["files"]), note["rows"], note["excluded"]
    read = {
        "rows": ngettext("%(num)s row", "%(num)s rows", rows, num=fmt.number(rows)),
        "files": ngettext("%(num)s file", "%(num)s files", files, num=fmt.number(files)),
    }
    parts: list[str]
    if not excluded:
        parts = [
            _(
                "The report is based on %(rows)s from %(files)s of the incident reporting; "
                "all are used.",
                **read,
            )
        ]
    elif note["week_excluded"]:
        parts = [
            _(
                "The report is based on %(rows)s from %(files)s of the incident reporting; "
                "%(excluded)s could not be used, %(week)s of them dated this week "
                "(est check shows which and why).",
                **read,
                excluded=fmt.number(excluded),
                week=fmt.number(note["week_excluded"]),
            )
        ]
    else:
        parts = [
            _(
                "The report is based on %(rows)s from %(files)s of the incident reporting; "
                "%(excluded)s could not be used, none of them dated this week "
                "(est check shows which and why).",
                **read,
                excluded=fmt.number(excluded),
            )
        ]
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
        parts.append(_("The data covers every week the report compares with."))
    elif note["first_day"] is not None:
        parts.append(
            _(
                "The data covers %(span)s; weeks it does not cover in full are not compared "
                "and are shown as –.",
                span=fmt.span(note["first_day"], note["last_day"]),
            )
        )
    if no_time:
        parts.append(
            ngettext(
                "Of this week's incidents, %(num)s has no time of day and is counted separately.",
                "Of this week's incidents, %(num)s have no time of day and are counted separately.",
                no_time,
                num=fmt.number(no_time),
            )
        )
    return " ".join(parts)
