"""est's fixed values as readers see them, worded by the catalogue (est_cli.render.i18n).

Shared by every document, so the documents never disagree.
"""

from __future__ import annotations

from est_cli.models.base import Owner, Status
from est_cli.render.i18n import Words


def status_names(words: Words) -> dict[str, str]:
    """An activity's or focus area's status (est_cli.models.base.Status) by its value."""
    return {
        Status.ej_paborjad.value: words.pgettext("status", "Not started"),
        Status.pagar.value: words.pgettext("status", "In progress"),
        Status.genomford.value: words.pgettext("status", "Completed"),
        Status.installd.value: words.pgettext("status", "Cancelled"),
    }


def owner_names(words: Words) -> dict[str, str]:
    """Who carries out an activity (est_cli.models.base.Owner) by its value."""
    _ = words.gettext
    return {
        Owner.polisen.value: _("The police"),
        Owner.kommunen.value: _("The municipality"),
        Owner.gemensamt.value: _("Police and municipality"),
    }


def time_bands(words: Words) -> list[str]:
    """The four bands of the day, in the order of est_cli.load.calendar.TIME_BANDS."""
    _ = words.gettext
    return [_("Night 00–06"), _("Morning 06–12"), _("Afternoon 12–18"), _("Evening 18–24")]
