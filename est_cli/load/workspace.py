"""Finding a workspace and loading its YAML files with every cross-file check."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import yaml

from est_cli.errors import N_, DataError, Problem, UsageError
from est_cli.load.aliases import Registry, normalize
from est_cli.load.confine import (
    as_written,
    outside_problem,
    pattern_escapes,
    resolves_inside,
)
from est_cli.load.identity import logo_problems, signatory_problems
from est_cli.load.ids import check_ids, insats_problems, pledge_problems, settings_problems
from est_cli.load.placeholders import placeholder_problems
from est_cli.load.polisen import police_problems, with_police
from est_cli.load.yamldoc import Path_, YamlData, YamlDoc, format_path
from est_cli.load.yamlvalidation import load_model
from est_cli.models.pledge import Pledge
from est_cli.models.settings import Settings
from est_cli.models.taxonomy import AMBIGUOUS_CATEGORIES
from est_cli.models.week import WeekNotes

SETTINGS_FILE = "est.yaml"
T = TypeVar("T")


def find_workspace(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The folder holding est.yaml: `explicit`, or the current folder or one of its parents."""
    if explicit is not None:
        root = explicit.expanduser().resolve()
        if not (root / SETTINGS_FILE).is_file():
            raise UsageError(
                N_("%(folder)s: no est.yaml here; is this an est workspace?", folder=str(explicit))
            )
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise UsageError(
        N_(
            "no est.yaml found in %(folder)s or any folder above it. Run est inside a "
            "workspace, pass --workspace PATH, or create one with `est init DIR`.",
            folder=str(here),
        )
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
    problems += settings_problems(settings, doc, areas, categories)
    problems += police_problems(settings, doc, areas, categories)
    ws = Workspace(root, settings, doc, areas, categories, problems)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    ws.problems += logo_problems(root, settings, doc)  # they stop only what shows a logo
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


# Where pledge and week files name area and category ids ('*': every list item). When a
# file fails validation these are still checked in its raw data, so that one bad value
# elsewhere in the file does not hide an unknown id until the next run.
_PLEDGE_IDS: tuple[tuple[Path_, str], ...] = (
    (("focus_areas", "*", "indicators", "*", "categories", "*"), "category"),
    (("focus_areas", "*", "indicators", "*", "areas", "*"), "area"),
    (("insatser", "*", "area"), "area"),
    (("insatser", "*", "categories", "*"), "category"),
    (("insatser", "*", "comparison", "*"), "area"),
)
_WEEK_IDS: tuple[tuple[Path_, str], ...] = (
    (("priorities", "*", "area"), "area"),
    (("insatser", "*", "area"), "area"),
    (("insatser", "*", "categories", "*"), "category"),
    (("insatser", "*", "comparison", "*"), "area"),
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
                out += check_ids(doc, path, registry, [value], indexed=False)
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
        problems += pledge_problems(ws.areas, ws.categories, doc, pledge)
        problems += signatory_problems(doc, pledge)
        problems += placeholder_problems(doc)
    elif doc is not None:
        problems += _raw_id_problems(ws, doc, _PLEDGE_IDS, problems)
    return Loaded(path, rel, pledge, doc, problems)


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
                    N_(
                        "the file is named %(name)s but says week %(week)s",
                        name=path.name,
                        week=notes.week,
                    ),
                    hint=N_("rename it to %(week)s.yaml or correct 'week'", week=notes.week),
                    code="week-mismatch",
                )
            )
        for i, prio in enumerate(notes.priorities):
            if prio.area:
                problems += check_ids(
                    doc, ("priorities", i, "area"), ws.areas, [prio.area], indexed=False
                )
        problems += insats_problems(ws.areas, ws.categories, doc, ("insatser",), notes.insatser)
    elif doc is not None:
        problems += _raw_id_problems(ws, doc, _WEEK_IDS, problems)
    return Loaded(path, rel, notes, doc, problems)


def require(loaded: Loaded[T], strict: bool = False) -> None:
    """Raise DataError if a loaded file has errors (or, when strict, any problem)."""
    bad = [p for p in loaded.problems if strict or p.severity == "error"]
    if bad or loaded.model is None:
        raise DataError(loaded.problems)
