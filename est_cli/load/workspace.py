"""Finding a workspace and loading its YAML files with every cross-file check."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import yaml

from est_cli.errors import DataError, Problem, UsageError
from est_cli.load.aliases import Registry, normalize
from est_cli.load.confine import (
    as_written,
    outside_problem,
    pattern_escapes,
    pattern_problems,
    resolves_inside,
)
from est_cli.load.placeholders import placeholder_problems
from est_cli.load.polisen import police_problems, with_police
from est_cli.load.yamldoc import Path_, YamlData, YamlDoc, format_path
from est_cli.load.yamlvalidation import load_model
from est_cli.models.base import Insats
from est_cli.models.pledge import Pledge
from est_cli.models.settings import Settings
from est_cli.models.taxonomy import AMBIGUOUS_CATEGORIES
from est_cli.models.week import WeekNotes
from est_cli.periods import Tertial

SETTINGS_FILE = "est.yaml"
T = TypeVar("T")


def find_workspace(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The folder holding est.yaml: `explicit`, or the current folder or one of its parents."""
    if explicit is not None:
        root = explicit.expanduser().resolve()
        if not (root / SETTINGS_FILE).is_file():
            raise UsageError(f"{explicit}: no {SETTINGS_FILE} here; is this an est workspace?")
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise UsageError(
        f"no {SETTINGS_FILE} found in {here} or any folder above it. "
        "Run est inside a workspace, pass --workspace PATH, or create one with `est init DIR`."
    )


def settings_language(root: Path) -> str | None:
    """est.yaml's `language:` read on its own, for what est prints even when the rest of
    est.yaml is wrong; None when it cannot be read or is not a known language."""
    try:
        data = yaml.safe_load((root / SETTINGS_FILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeError, yaml.YAMLError):
        return None
    value = data.get("language") if isinstance(data, dict) else None
    return value if value in ("sv", "en") else None


def yaml_files(root: Path, folder: str) -> list[Path]:
    """The YAML files directly in `root/folder` (pledges/, weeks/), sorted."""
    found = {p for ext in ("yaml", "yml") for p in (root / folder).glob(f"*.{ext}") if p.is_file()}
    return sorted(found)


@dataclass
class Workspace:
    root: Path
    settings: Settings
    doc: YamlDoc
    areas: Registry
    categories: Registry
    problems: list[Problem] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        """The path as written, relative to the workspace (a link's name, not its target)."""
        return as_written(self.root, path)

    def glob(self, patterns: Iterable[str]) -> tuple[list[Path], list[Problem]]:
        """The files the patterns match inside the workspace, and an error for each match
        that leads outside it (a link), which is not read. Patterns that reach outside
        themselves are refused in est.yaml already (see _settings_problems)."""
        found: set[Path] = set()
        for pattern in patterns:
            if pattern_escapes(pattern) is None:
                found.update(p for p in self.root.glob(pattern) if p.is_file())
        inside = sorted(p for p in found if resolves_inside(self.root, p))
        outside = sorted(found - set(inside))
        return inside, [outside_problem(self.rel(p)) for p in outside]

    def pledge_files(self) -> list[Path]:
        return yaml_files(self.root, "pledges")

    def week_files(self) -> list[Path]:
        return yaml_files(self.root, "weeks")

    def area_name(self, area_id: str) -> str:
        return self.areas.names.get(area_id, area_id)

    def category_name(self, category_id: str) -> str:
        return self.categories.names.get(category_id, category_id)


def load_workspace(root: Path) -> Workspace:
    """Load est.yaml; raise DataError with every problem if it cannot be used."""
    if not resolves_inside(root, root / SETTINGS_FILE):
        raise DataError([outside_problem(SETTINGS_FILE)])
    settings, doc, problems = load_model(root / SETTINGS_FILE, SETTINGS_FILE, Settings)
    if settings is None or doc is None:
        raise DataError(problems)
    settings = with_police(root, settings)
    areas = Registry.build("area", [(a.id, a.name, a.aliases) for a in settings.areas])
    cats = settings.resolved_categories()
    categories = Registry.build("category", [(c.id, c.name or c.id, c.aliases) for c in cats])
    categories.ambiguous = _ambiguous(settings, categories)
    problems += _settings_problems(settings, doc, areas, categories)
    problems += police_problems(settings, doc, areas, categories)
    ws = Workspace(root, settings, doc, areas, categories, problems)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return ws


def _ambiguous(settings: Settings, categories: Registry) -> dict[str, tuple[str, str]]:
    """The known ambiguous words this workspace has not decided on: the names and aliases
    est.yaml gives its categories are its decisions (an id is not: `- id: trafik` may just
    add aliases to the default category)."""
    decided = {
        normalize(spelling)
        for cat in settings.categories
        for spelling in (cat.name or "", *cat.aliases)
    }
    return {
        word: (ident, other)
        for word, (ident, other) in AMBIGUOUS_CATEGORIES.items()
        if word not in decided and ident in categories.names
    }


def _settings_problems(
    settings: Settings, doc: YamlDoc, areas: Registry, categories: Registry
) -> list[Problem]:
    out: list[Problem] = pattern_problems(settings, doc)
    seen: dict[str, int] = {}
    for i, area in enumerate(settings.areas):
        if area.id in seen:
            out.append(
                doc.problem(
                    ("areas", i, "id"),
                    f"area id '{area.id}' is already used by areas[{seen[area.id]}]",
                    code="duplicate-id",
                )
            )
        seen.setdefault(area.id, i)
        if area.parent and area.parent not in areas.names:
            out.append(
                doc.problem(
                    ("areas", i, "parent"),
                    f"'{area.parent}' is not an area id",
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
                    f"category '{cat.id}' needs a name",
                    hint="add e.g. name: Skadegörelse",
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
                    f"'{spelling}' names both '{first}' and '{second}'; it is read as '{first}'",
                    severity="warning",
                    code="alias-conflict",
                )
            )
    return out


# --- pledges and week notes -------------------------------------------------------------


def _check_ids(
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
                    f"'{value}' is not a known {registry.kind}",
                    hint=registry.hint(value) or f"known: {registry.known()}",
                    code=f"unknown-{registry.kind}",
                )
            )
    return out


def _insats_problems(
    ws: Workspace, doc: YamlDoc, base: tuple[str | int, ...], insatser: list[Insats]
) -> list[Problem]:
    out: list[Problem] = []
    for i, ins in enumerate(insatser):
        path = (*base, i)
        if ins.area:
            out += _check_ids(doc, (*path, "area"), ws.areas, [ins.area], indexed=False)
        out += _check_ids(doc, (*path, "categories"), ws.categories, ins.categories)
        if ins.end and ins.end < ins.start:
            out.append(
                doc.problem(
                    (*path, "end"), f"end {ins.end} is before start {ins.start}", code="bad-date"
                )
            )
    return out


# Where pledge and week files name area and category ids ('*': every list item). When a
# file fails validation these are still checked in its raw data, so that one bad value
# elsewhere in the file does not hide an unknown id until the next run.
_PLEDGE_IDS: tuple[tuple[Path_, str], ...] = (
    (("focus_areas", "*", "indicators", "*", "categories", "*"), "category"),
    (("focus_areas", "*", "indicators", "*", "areas", "*"), "area"),
    (("insatser", "*", "area"), "area"),
    (("insatser", "*", "categories", "*"), "category"),
)
_WEEK_IDS: tuple[tuple[Path_, str], ...] = (
    (("priorities", "*", "area"), "area"),
    (("insatser", "*", "area"), "area"),
    (("insatser", "*", "categories", "*"), "category"),
)


def _walk(data: YamlData, pattern: Path_, path: Path_ = ()) -> Iterator[tuple[Path_, YamlData]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _walk(item, rest, (*path, i))
    elif isinstance(data, dict) and head in data:
        yield from _walk(data[head], rest, (*path, head))


def _raw_id_problems(
    ws: Workspace, doc: YamlDoc, spots: tuple[tuple[Path_, str], ...], found: list[Problem]
) -> list[Problem]:
    """Unknown area/category ids in the raw data of a file that failed validation.

    Values that already have a problem (e.g. an id with capital letters) are skipped, so
    nothing is reported twice.
    """
    taken = {p.field for p in found}
    out: list[Problem] = []
    for pattern, kind in spots:
        registry = ws.areas if kind == "area" else ws.categories
        for path, value in _walk(doc.data, pattern):
            if isinstance(value, str) and format_path(path) not in taken:
                out += _check_ids(doc, path, registry, [value], indexed=False)
    return out


@dataclass
class Loaded(Generic[T]):
    """A YAML file's model (None when invalid), its document and its problems."""

    path: Path
    rel: str
    model: T | None
    doc: YamlDoc | None
    problems: list[Problem]


def load_pledge(ws: Workspace, path: Path, *, confined: bool = True) -> Loaded[Pledge]:
    """`confined=False`: a file the user named on the command line, which may lie anywhere."""
    rel = ws.rel(path)
    if confined and not resolves_inside(ws.root, path):
        return Loaded(path, rel, None, None, [outside_problem(rel)])
    pledge, doc, problems = load_model(path, rel, Pledge)
    if pledge is not None and doc is not None:
        problems += _pledge_problems(ws, doc, pledge)
        problems += placeholder_problems(doc)
    elif doc is not None:
        problems += _raw_id_problems(ws, doc, _PLEDGE_IDS, problems)
    return Loaded(path, rel, pledge, doc, problems)


def _pledge_problems(ws: Workspace, doc: YamlDoc, pledge: Pledge) -> list[Problem]:
    out: list[Problem] = []
    if pledge.valid_to < pledge.valid_from:
        out.append(
            doc.problem(
                ("valid_to",),
                f"{pledge.valid_to} is before valid_from {pledge.valid_from}",
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
                    f"focus area id '{focus.id}' is already used "
                    f"by focus_areas[{seen_focus[focus.id]}]",
                    code="duplicate-id",
                )
            )
        seen_focus.setdefault(focus.id, i)
        for k, ind in enumerate(focus.indicators):
            ipath = (*fpath, "indicators", k)
            out += _check_ids(doc, (*ipath, "categories"), ws.categories, ind.categories)
            out += _check_ids(doc, (*ipath, "areas"), ws.areas, ind.areas)
        for key in focus.follow_ups:
            if key not in tertials:
                out.append(
                    doc.problem(
                        (*fpath, "follow_ups", key),
                        f"tertial {key} is outside "
                        f"the pledge's validity {pledge.valid_from} – "
                        f"{pledge.valid_to}",
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
                        f"activity id '{act.id}' is already used "
                        f"by focus_areas[{fi}].activities[{aj}]",
                        code="duplicate-id",
                    )
                )
            seen_activity.setdefault(act.id, (i, j))
            for key, fu in act.follow_ups.items():
                if key not in tertials:
                    out.append(
                        doc.problem(
                            (*apath, "follow_ups", key),
                            f"tertial {key} is outside the pledge's validity",
                            severity="warning",
                            key=True,
                            code="outside-validity",
                        )
                    )
                if fu.progress is not None and act.target is None:
                    out.append(
                        doc.problem(
                            (*apath, "follow_ups", key, "progress"),
                            "progress is given but the activity has no target",
                            hint="add a target (count and unit) to the activity",
                            severity="warning",
                            code="progress-without-target",
                        )
                    )
    out += _insats_problems(ws, doc, ("insatser",), pledge.insatser)
    return out


def load_week_notes(ws: Workspace, path: Path) -> Loaded[WeekNotes]:
    rel = ws.rel(path)
    if not resolves_inside(ws.root, path):
        return Loaded(path, rel, None, None, [outside_problem(rel)])
    notes, doc, problems = load_model(path, rel, WeekNotes)
    if notes is not None and doc is not None:
        if path.stem != notes.week:
            problems.append(
                doc.problem(
                    ("week",),
                    f"the file is named {path.name} but says week {notes.week}",
                    hint=f"rename it to {notes.week}.yaml or correct 'week'",
                    code="week-mismatch",
                )
            )
        for i, prio in enumerate(notes.priorities):
            if prio.area:
                problems += _check_ids(
                    doc, ("priorities", i, "area"), ws.areas, [prio.area], indexed=False
                )
        problems += _insats_problems(ws, doc, ("insatser",), notes.insatser)
    elif doc is not None:
        problems += _raw_id_problems(ws, doc, _WEEK_IDS, problems)
    return Loaded(path, rel, notes, doc, problems)


def require(loaded: Loaded[T], strict: bool = False) -> None:
    """Raise DataError if a loaded file has errors (or, when strict, any problem)."""
    bad = [p for p in loaded.problems if strict or p.severity == "error"]
    if bad or loaded.model is None:
        raise DataError(loaded.problems)
