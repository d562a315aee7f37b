"""The words of an insats evaluation: what its comparison says, never more, and its caveats.

Shared by `est insats evaluate`, the tertial follow-up and the yearly lägesbild. A clear
difference is said to be larger than chance usually gives, and never to be the insats'
effect; a difference whose interval covers 1 is said to be within what chance can give.
"""

from __future__ import annotations

from est_cli.aggregate.evaluation import Comparison, InsatsEvaluation, Verdict, Windows
from est_cli.render.fmt import Formatter

CLEAR = (Verdict.below, Verdict.above)


def other_words(ev: InsatsEvaluation, area_names: dict[str, str], fmt: Formatter) -> str:
    """What the area is compared with: 'resten av kommunen', or the areas the insats names."""
    _ = fmt.words.gettext
    if not ev.named_comparison:
        return _("the rest of the municipality")
    names = [area_names.get(a, a) for a in ev.comparison]
    return _("the comparison areas (%(names)s)", names=fmt.join(names))


def ratio_text(c: Comparison, fmt: Formatter) -> str:
    """'0,25 (0,12–0,53)', or '–' without a ratio."""
    if c.rrr is None or c.low is None or c.high is None:
        return "–"

    def n(v: float) -> str:  # two decimals; three below 0.1, so a small ratio is not 0,00
        return fmt.number(v, 2 if v >= 0.1 else 3)

    return f"{n(c.rrr)} ({n(c.low)}–{n(c.high)})"


def verdict_text(c: Comparison, other: str, fmt: Formatter) -> str:
    """One sentence on one comparison, in plain words that never overclaim."""
    _ = fmt.words.gettext
    if c.verdict == Verdict.no_comparison:
        return _(
            "Nothing to compare with: the operation concerns the whole municipality, or "
            "there is no other area."
        )
    if c.verdict == Verdict.no_data:
        return _("The data does not cover the whole of the windows before and after yet.")
    a, b = c.area_before, c.area_after
    if c.verdict == Verdict.too_few or a is None or b is None or c.rrr is None:
        return _("Too few incidents to say anything.")
    if c.rrr == 1:
        return _(
            "The number changed in the same proportion as in %(other)s: no difference.",
            other=other,
        )
    down = c.rrr < 1
    if b < a:
        way = (
            _("The number fell more than in %(other)s", other=other)
            if down
            else _("The number fell less than in %(other)s", other=other)
        )
    elif b > a:
        way = (
            _("The number rose less than in %(other)s", other=other)
            if down
            else _("The number rose more than in %(other)s", other=other)
        )
    else:
        way = (
            _("The number stayed the same, while it rose in %(other)s", other=other)
            if down
            else _("The number stayed the same, while it fell in %(other)s", other=other)
        )
    if c.verdict in CLEAR:
        return _(
            "%(way)s, and the difference is larger than chance usually gives. That does not "
            "by itself show that the operation caused it.",
            way=way,
        )
    return _("%(way)s, but the difference is within what chance can give.", way=way)


def seasonal_text(ev: InsatsEvaluation, fmt: Formatter) -> str | None:
    """A note when earlier years' same weeks showed the same clear difference."""
    if not ev.seasonal:
        return None
    years = [str(ev.insats.start.year - k) for k in ev.seasonal]
    return fmt.words.gettext(
        "The same weeks of %(years)s showed the same clear difference, without the "
        "operation: it may belong to the season.",
        years=fmt.join(years),
    )


def earlier_year(ev: InsatsEvaluation, c: Comparison) -> int:
    """The year of an earlier comparison's windows (that of the insats, `years_back` before)."""
    return ev.insats.start.year - c.years_back


def caveats(fmt: Formatter) -> list[str]:
    """What the comparison cannot take away, printed with every evaluation."""
    _ = fmt.words.gettext
    return [
        _(
            "Regression to the mean: operations often start when the counts are unusually "
            "high, and high counts tend to fall back by themselves. The comparison with other "
            "areas does not remove that."
        ),
        _(
            "Shared trends: the comparison removes a change the area shares with the "
            "comparison areas, but not one that happened only in the area for other reasons. "
            "Incidents that move from the area to the comparison areas make the operation "
            "look better than it is."
        ),
        _(
            "Reported incidents: more presence can mean more reports, so a rise may also "
            "show that the operation was seen."
        ),
    ]


def method_text(windows: Windows, fmt: Formatter) -> str:
    """The rule behind the figures and the windows, stated."""
    _ = fmt.words.gettext
    return _(
        "Method: incidents of the operation's categories in its area, %(before)s days before "
        "its first day and %(after)s days after its last day, against the same days in the "
        "comparison areas. The ratio of rate ratios, (after/before in the area) / "
        "(after/before in the comparison), is below 1 when the area went better than the "
        "comparison; its 95 %% interval is exp(ln ratio ± 1.96·√(1/a + 1/b + 1/c + 1/d)) of "
        "the four counts. A difference is called clear only when the whole interval lies on "
        "one side of 1; a count of 0 gives no ratio. The same weeks of up to %(years)s "
        "earlier years (52 weeks back each), where the data has them, show what the season "
        "does without the operation.",
        before=windows.before_days,
        after=windows.after_days,
        years=windows.earlier_years,
    )


def window_label(days: int, side: str, fmt: Formatter) -> str:
    """A table header: '4 veckor före', '10 dagar efter'."""
    words = fmt.words
    if days % 7 == 0:
        weeks = days // 7
        if side == "before":
            return words.ngettext("%(num)s week before", "%(num)s weeks before", weeks)
        return words.ngettext("%(num)s week after", "%(num)s weeks after", weeks)
    if side == "before":
        return words.ngettext("%(num)s day before", "%(num)s days before", days)
    return words.ngettext("%(num)s day after", "%(num)s days after", days)
