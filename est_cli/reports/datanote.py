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
from est_cli.periods import IsoWeek
from est_cli.render.fmt import Formatter

ROWS_NAMED = 3  # rows named per reason before "…"


def data_note(incidents: IncidentSet, coverage: Coverage, week: IsoWeek) -> dict[str, Any]:
    """Files and rows read; this week's excluded rows by reason and ignored rows by rule."""
    excluded = sorted(incidents.excluded, key=lambda e: (e.file, e.line))
    in_week = [e for e in excluded if e.day is not None and week.monday <= e.day <= week.sunday]
    by_reason: dict[str, list[str]] = {}
    for e in in_week:
        by_reason.setdefault(e.reason, []).append(f"{e.file}:{e.line}")
    ignored_week = [i for i in incidents.ignored if i.day and week.monday <= i.day <= week.sunday]
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


def data_summary(fmt: Formatter, note: dict[str, Any], no_time: int) -> str:
    _, ngettext = fmt.words.gettext, fmt.words.ngettext
    files, rows, excluded = len(note["files"]), note["rows"], note["excluded"]
    parts = [
        _(
            "This report is based on %(files)s from the incident reporting with %(rows)s in "
            "all. Of these, %(used)s are used in the report; %(excluded)s.",
            files=ngettext("%(num)s file", "%(num)s files", files, num=fmt.number(files))
            if files
            else _("no files"),
            rows=ngettext("%(num)s row", "%(num)s rows", rows, num=fmt.number(rows)),
            used=fmt.number(note["used"]),
            excluded=ngettext(
                "%(num)s row was excluded",
                "%(num)s rows were excluded",
                excluded,
                num=fmt.number(excluded),
            )
            if excluded
            else _("no row was excluded"),
        )
    ]
    if note["ignored"]:
        parts.append(
            ngettext(
                "%(num)s row is left out as est.yaml says (ignore).",
                "%(num)s rows are left out as est.yaml says (ignore).",
                note["ignored"],
                num=fmt.number(note["ignored"]),
            )
        )
    week = note["week_excluded"]
    if excluded:  # with none excluded at all, saying so once is enough
        parts.append(
            ngettext(
                "Of the rows dated this week, %(num)s was excluded (see below).",
                "Of the rows dated this week, %(num)s were excluded (see below).",
                week,
                num=fmt.number(week),
            )
            if week
            else _("No row dated this week was excluded.")
        )
    if note["week_ignored"]:
        rules = [f"{r['rule']} {fmt.number(r['rows'])}" for r in note["week_ignored_by"]]
        parts.append(
            ngettext(
                "%(num)s row dated this week is left out as est.yaml says: %(rules)s.",
                "%(num)s rows dated this week are left out as est.yaml says: %(rules)s.",
                note["week_ignored"],
                num=fmt.number(note["week_ignored"]),
                rules=", ".join(rules),
            )
        )
    if note["first_day"] is not None:
        parts.append(
            _(
                "The data covers incidents from %(first)s to %(last)s.",
                first=fmt.date(note["first_day"]),
                last=fmt.date(note["last_day"]),
            )
        )
        parts.append(
            _("Periods not fully covered by the data are not compared and are shown as –.")
        )
    if no_time:
        parts.append(
            ngettext(
                "%(num)s incident has no time of day and is counted separately.",
                "%(num)s incidents have no time of day and are counted separately.",
                no_time,
                num=fmt.number(no_time),
            )
        )
    return " ".join(parts)
