"""The Jinja environment: the workspace's `templates/` first, then est's built-ins.

A workspace overrides a built-in by file name; to change one block only, its template
starts with `{% extends "builtin:weekly.html.j2" %}` and redefines that block.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)

from est_cli.errors import EstError


def builtin_templates_dir() -> Path:
    """Built-in templates: inside the installed package, or the source checkout's `templates/`."""
    packaged = Path(str(files("est_cli"))) / "templates"
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parents[2] / "templates"
    if source.is_dir():
        return source
    raise EstError(
        f"est's built-in templates are missing (looked in {packaged} and {source}); reinstall est"
    )


def environment(
    workspace_root: Path | None = None, filters: dict[str, Any] | None = None
) -> Environment:
    builtin = FileSystemLoader(str(builtin_templates_dir()))
    loaders: list[Any] = []
    if workspace_root is not None and (workspace_root / "templates").is_dir():
        loaders.append(FileSystemLoader(str(workspace_root / "templates")))
    loaders += [builtin, PrefixLoader({"builtin": builtin}, delimiter=":")]
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2", "htm"), default_for_string=False
        ),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(filters or {})
    return env


def render(env: Environment, name: str, **context: Any) -> str:
    try:
        return env.get_template(name).render(**context)
    except TemplateNotFound as exc:
        raise EstError(
            f"template '{exc.name}' not found in the workspace's templates/ or "
            "est's built-in templates"
        ) from None
