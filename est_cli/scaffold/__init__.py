"""`est init`: a new workspace that passes `est check` from the start.

The files it writes are rendered from the templates beside this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path

import yaml

from est_cli import __version__
from est_cli.errors import UsageError, did_you_mean
from est_cli.load.municipalities import Municipality, by_name, municipalities
from est_cli.load.polisen import municipality_name
from est_cli.models.survey import DEFAULT_FACTORS
from est_cli.render.files import write_atomic
from est_cli.render.templates import environment, render

# template (in this folder) → path in the new workspace; {year} is filled in
FILES = {
    "est.yaml.j2": "est.yaml",
    "pledge.yaml.j2": "pledges/{year}.yaml",
    "lagesbild.yaml.j2": "lagesbild/{year}.yaml",
    "incidents.csv.j2": "data/incidents/exempel-{year}.csv",
    "gitignore.j2": ".gitignore",
    "workflow.yml.j2": ".github/workflows/est.yml",
    "README.md.j2": "README.md",
}
EMPTY_DIRS = ("weeks", "templates", "reports")


def yaml_scalar(value: object) -> str:
    """`value` written into a YAML template: plain when it reads back as the same text in
    both `key: value` and `[a, value]` form, otherwise double-quoted (e.g. 'Stad: Syd',
    'Kommun, Norr', 'yes')."""
    text = str(value)
    try:
        plain = yaml.safe_load(f"a: {text}") == {"a": text} and yaml.safe_load(f"[{text}]") == [
            text
        ]
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def place_name(municipality: str) -> str:
    """'Oxelösunds kommun' → 'Oxelösund', 'Borås stad' → 'Borås', 'Falu kommun' → 'Falun':
    the place of signing is the municipality's own name, by the one genitive rule that
    `est import polisen` uses too (est_cli.load.polisen.municipality_name)."""
    return municipality_name(municipality)


def default_install() -> str:
    """What the new workspace's CI should pip-install: this est, pinned.

    When est itself came from a git URL, CI installs the same commit from there; otherwise
    the released package of this version.
    """
    try:
        raw = metadata.distribution("est-cli").read_text("direct_url.json")
        info = json.loads(raw) if raw else {}
    except (metadata.PackageNotFoundError, ValueError):
        info = {}
    vcs = info.get("vcs_info")
    if vcs and info.get("url", "").startswith(("https://", "ssh://", "git@")):
        return f"est-cli @ {vcs['vcs']}+{info['url']}@{vcs['commit_id']}"
    return f"est-cli=={__version__}"


@dataclass
class Scaffold:
    root: Path
    written: list[Path]
    code: str | None = None  # SCB's code written into est.yaml; None when none was found
    code_name: str = ""  # the name looked up in SCB's table
    suggestions: str = ""  # close names of the table, when the name is not there


def municipality_code(municipality: str, code: str | None) -> Municipality | None:
    """The municipality `code` names (a UsageError when it is none), else the one whose
    official name `municipality` gives ('Falu kommun' → Falun, 2080), else None."""
    if code is not None:
        found = municipalities().get(code.strip())
        if found is None:
            raise UsageError(
                f"--code {code}: no municipality has this code in SCB's table (four digits, "
                "e.g. 0481 for Oxelösund)"
            )
        return found
    return by_name(municipality_name(municipality)) or by_name(municipality)


def init_workspace(
    root: Path,
    municipality: str,
    *,
    today: date,
    year: int | None = None,
    place: str | None = None,
    install: str | None = None,
    language: str = "sv",
    code: str | None = None,
) -> Scaffold:
    """Create the workspace files; refuse to touch any file that already exists.

    `language` is the new est.yaml's: of its documents and of what est prints there."""
    year = year or today.year
    scb = municipality_code(municipality, code)
    targets = {name: root / target.format(year=year) for name, target in FILES.items()}
    existing = [p for p in targets.values() if p.exists()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise UsageError(
            f"not overwriting existing files: {names}. Choose an empty folder, "
            "or move these files away first."
        )
    env = environment(None, filters={"yaml": yaml_scalar}, builtin=Path(__file__).parent)
    context = {
        "municipality": municipality,
        "year": year,
        "place": place or place_name(municipality),
        "install": install or default_install(),
        "language": language,
        "factors": DEFAULT_FACTORS,
        "code": scb.code if scb else None,
        "code_name": scb.name if scb else None,
    }
    written = []
    for name, path in targets.items():
        written.append(write_atomic(path, render(env, name, **context)))
    for folder in EMPTY_DIRS:
        keep = root / folder / ".gitkeep"
        if not keep.exists():
            written.append(write_atomic(keep, ""))
    name = municipality_name(municipality)
    close = did_you_mean(name, [m.name for m in municipalities().values()], n=3)
    return Scaffold(root, written, scb.code if scb else None, name, "" if scb else ", ".join(close))
