"""What est.yaml, a pledge and a week file must agree on beyond their models: ids used
once, known area and category ids, dates in order, follow-ups inside a pledge's validity."""

from __future__ import annotations

from collections.abc import Iterable

from est_cli.errors import N_, Problem
from est_cli.load.aliases import Registry
from est_cli.load.confine import pattern_problems
from est_cli.load.yamldoc import YamlDoc, format_path
from est_cli.models.base import Insats
from est_cli.models.pledge import Pledge
from est_cli.models.settings import Settings
from est_cli.periods import Tertial


def settings_problems(
    settings: Settings, doc: YamlDoc, areas: Registry, categories: Registry
) -> list[Problem]:
    out: list[Problem] = pattern_problems(settings, doc)
    seen: dict[str, int] = {}
    for i, area in enumerate(settings.areas):
        if area.id in seen:
            out.append(
                doc.problem(
                    ("areas", i, "id"),
                    N_(
                        "area id '%(id)s' is already used by %(by)s",
                        id=area.id,
                        by=format_path(("areas", seen[area.id])),
                    ),
                    code="duplicate-id",
                )
            )
        seen.setdefault(area.id, i)
        if area.parent and area.parent not in areas.names:
            out.append(
                doc.problem(
                    ("areas", i, "parent"),
                    N_("'%(value)s' is not an area id", value=area.parent),
                    hint=areas.hint(area.parent),
                    code="unknown-area",
                )
            )
    default_ids = set(categories.names) if settings.default_categories else set()
    for i, cat in enumerate(settings.categories):
        if cat.name is None and (not settings.default_categories or cat.id not in default_ids):
            out.append(
                doc.problem(
                    ("categories", i),
                    N_("category '%(id)s' needs a name", id=cat.id),
                    hint=N_("add e.g. name: Skadegörelse"),
                    code="missing-field",
                )
            )
    for registry, key in ((areas, "areas"), (categories, "categories")):
        for spelling, first, second in registry.conflicts:
            out.append(
                Problem(
                    doc.file,
                    *doc.locate((key,)),
                    key,
                    N_(
                        "'%(spelling)s' names both '%(first)s' and '%(second)s'; it is read as "
                        "'%(first)s'",
                        spelling=spelling,
                        first=first,
                        second=second,
                    ),
                    severity="warning",
                    code="alias-conflict",
                )
            )
    return out


# --- pledges and week notes -------------------------------------------------------------


def check_ids(
    doc: YamlDoc,
    path: tuple[str | int, ...],
    registry: Registry,
    values: Iterable[str],
    *,
    indexed: bool = True,
) -> list[Problem]:
    """Problems for ids that name no area/category; `indexed`: `path` is a list of ids."""
    out = []
    for j, value in enumerate(values):
        if registry.resolve(value) is None:
            out.append(
                doc.problem(
                    (*path, j) if indexed else path,
                    registry.unknown(value),
                    hint=registry.unknown_hint(value),
                    code=f"unknown-{registry.kind}",
                )
            )
    return out


def insats_problems(
    areas: Registry,
    categories: Registry,
    doc: YamlDoc,
    base: tuple[str | int, ...],
    insatser: list[Insats],
) -> list[Problem]:
    out: list[Problem] = []
    for i, ins in enumerate(insatser):
        path = (*base, i)
        if ins.area:
            out += check_ids(doc, (*path, "area"), areas, [ins.area], indexed=False)
        out += check_ids(doc, (*path, "categories"), categories, ins.categories)
        out += check_ids(doc, (*path, "comparison"), areas, ins.comparison)
        if ins.area and ins.area in ins.comparison:
            out.append(
                doc.problem(
                    (*path, "comparison", ins.comparison.index(ins.area)),
                    N_("'%(id)s' is the insats' own area", id=ins.area),
                    hint=N_("compare it with other areas, or leave comparison out"),
                    code="bad-comparison",
                )
            )
        if ins.end and ins.end < ins.start:
            out.append(
                doc.problem(
                    (*path, "end"),
                    N_(
                        "end %(end)s is before start %(start)s",
                        end=str(ins.end),
                        start=str(ins.start),
                    ),
                    code="bad-date",
                )
            )
    return out


def pledge_problems(
    areas: Registry, categories: Registry, doc: YamlDoc, pledge: Pledge
) -> list[Problem]:
    out: list[Problem] = []
    if pledge.valid_to < pledge.valid_from:
        out.append(
            doc.problem(
                ("valid_to",),
                N_(
                    "%(end)s is before valid_from %(start)s",
                    end=str(pledge.valid_to),
                    start=str(pledge.valid_from),
                ),
                code="bad-date",
            )
        )
    tertials = {t.key for t in Tertial.covering(pledge.valid_from, pledge.valid_to)}
    seen_focus: dict[str, int] = {}
    seen_activity: dict[str, tuple[int, int]] = {}
    for i, focus in enumerate(pledge.focus_areas):
        fpath = ("focus_areas", i)
        if focus.id in seen_focus:
            out.append(
                doc.problem(
                    (*fpath, "id"),
                    N_(
                        "focus area id '%(id)s' is already used by %(by)s",
                        id=focus.id,
                        by=format_path(("focus_areas", seen_focus[focus.id])),
                    ),
                    code="duplicate-id",
                )
            )
        seen_focus.setdefault(focus.id, i)
        for k, ind in enumerate(focus.indicators):
            ipath = (*fpath, "indicators", k)
            out += check_ids(doc, (*ipath, "categories"), categories, ind.categories)
            out += check_ids(doc, (*ipath, "areas"), areas, ind.areas)
        for key in focus.follow_ups:
            if key not in tertials:
                out.append(
                    doc.problem(
                        (*fpath, "follow_ups", key),
                        N_(
                            "tertial %(key)s is outside the pledge's validity %(start)s – %(end)s",
                            key=key,
                            start=str(pledge.valid_from),
                            end=str(pledge.valid_to),
                        ),
                        severity="warning",
                        key=True,
                        code="outside-validity",
                    )
                )
        for j, act in enumerate(focus.activities):
            apath = (*fpath, "activities", j)
            if act.id in seen_activity:
                fi, aj = seen_activity[act.id]
                out.append(
                    doc.problem(
                        (*apath, "id"),
                        N_(
                            "activity id '%(id)s' is already used by %(by)s",
                            id=act.id,
                            by=format_path(("focus_areas", fi, "activities", aj)),
                        ),
                        code="duplicate-id",
                    )
                )
            seen_activity.setdefault(act.id, (i, j))
            for key, fu in act.follow_ups.items():
                if key not in tertials:
                    out.append(
                        doc.problem(
                            (*apath, "follow_ups", key),
                            N_("tertial %(key)s is outside the pledge's validity", key=key),
                            severity="warning",
                            key=True,
                            code="outside-validity",
                        )
                    )
                if fu.progress is not None and act.target is None:
                    out.append(
                        doc.problem(
                            (*apath, "follow_ups", key, "progress"),
                            N_("progress is given but the activity has no target"),
                            hint=N_("add a target (count and unit) to the activity"),
                            severity="warning",
                            code="progress-without-target",
                        )
                    )
    out += insats_problems(areas, categories, doc, ("insatser",), pledge.insatser)
    return out


def missing_follow_ups(doc: YamlDoc, pledge: Pledge, key: str) -> list[Problem]:
    """A warning for each focus area without a follow-up for tertial `key`."""
    out = []
    for i, focus in enumerate(pledge.focus_areas):
        if key not in focus.follow_ups:
            present = ", ".join(sorted(focus.follow_ups)) or N_("none")
            out.append(
                doc.problem(
                    ("focus_areas", i, "follow_ups"),
                    N_(
                        "focus area '%(id)s' has no follow-up for %(key)s (follow-ups "
                        "present: %(present)s)",
                        id=focus.id,
                        key=key,
                        present=present,
                    ),
                    hint=N_("add a '%(key)s:' entry with status, measures and effect", key=key),
                    severity="warning",
                    code="missing-follow-up",
                    key=True,
                )
            )
    return out
