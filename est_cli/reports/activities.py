"""What each activity of a pledge did by a tertial: status, progress against its target, and
(in the third tertial) the year's outcome."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from est_cli.models.base import Status
from est_cli.models.pledge import Activity, ActivityFollowUp, Pledge
from est_cli.periods import Tertial
from est_cli.render.fmt import Formatter
from est_cli.render.labels import owner_names, status_names


@dataclass(frozen=True)
class ActivityView:
    id: str
    text: str
    owner: str
    status: str | None
    progress: str | None
    target_state: str | None  # "exceeded", "reached", "below" or None without a target/progress
    note: str | None
    as_of: str | None  # the tertial key of an older follow-up used, when none for this one
    outcome: str  # "done", "ongoing" or "not_done" (for the year summary)


def _latest_follow_up(act: Activity, period: Tertial) -> tuple[str | None, ActivityFollowUp | None]:
    if period.key in act.follow_ups:
        return period.key, act.follow_ups[period.key]
    earlier = sorted((Tertial.parse(k), k) for k in act.follow_ups if Tertial.parse(k) < period)
    if earlier:
        key = earlier[-1][1]
        return key, act.follow_ups[key]
    return None, None


def activity_view(act: Activity, period: Tertial, fmt: Formatter) -> ActivityView:
    _ = fmt.words.gettext
    key, fu = _latest_follow_up(act, period)
    progress = target_state = None
    if act.target is not None and fu is not None and fu.progress is not None:
        progress = _(
            "%(done)s of %(target)s %(unit)s",
            done=fmt.number(fu.progress),
            target=fmt.number(act.target.count),
            unit=act.target.unit,
        )
        if fu.progress > act.target.count:
            target_state = "exceeded"
            progress += " (" + _("target exceeded") + ")"
        elif fu.progress == act.target.count:
            target_state = "reached"
            progress += " (" + _("target reached") + ")"
        else:
            target_state = "below"
    if fu is None:
        outcome = "not_done"
    elif fu.status == Status.genomford or target_state in ("reached", "exceeded"):
        outcome = "done"
    elif fu.status == Status.pagar:
        outcome = "ongoing"
    else:
        outcome = "not_done"
    return ActivityView(
        id=act.id,
        text=act.text,
        owner=owner_names(fmt.words)[act.owner.value],
        status=status_names(fmt.words)[fu.status.value] if fu else None,
        progress=progress,
        target_state=target_state,
        note=fu.note if fu else None,
        as_of=_("as of the follow-up %(key)s", key=key) if key and key != period.key else None,
        outcome=outcome,
    )


def year_summary(pledge: Pledge, focus_views: list[dict[str, Any]]) -> dict[str, Any]:
    """T3: every activity of the pledge sorted into done, ongoing and not done."""
    groups: dict[str, list[dict[str, Any]]] = {"done": [], "ongoing": [], "not_done": []}
    for view in focus_views:
        for act in view["activities"]:
            groups[act.outcome].append(asdict(act) | {"focus": view["title"]})
    return {**groups, "text": pledge.year_summary}
