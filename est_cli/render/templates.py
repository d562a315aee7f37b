"""The Jinja environment: the workspace's `templates/` first, then est's built-ins.

A workspace overrides a built-in by file name; to change one block only, its template
starts with `{% extends "builtin:weekly.html.j2" %}` and redefines that block.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from est_cli.errors import N_, DataError, EstError, Problem
from est_cli.load.confine import outside_problem, resolves_inside


def builtin_templates_dir() -> Path:
    """Built-in document templates, shipped inside the package."""
    return Path(__file__).resolve().parents[1] / "templates"


def environment(
    workspace_root: Path | None = None,
    filters: Mapping[str, Callable[..., object]] | None = None,
    builtin: Path | None = None,
) -> Environment:
    """`builtin` replaces the document templates (the `est init` scaffolding has its own)."""
    builtin_loader = FileSystemLoader(str(builtin or builtin_templates_dir()))
    loaders: list[BaseLoader] = []
    if workspace_root is not None and (workspace_root / "templates").is_dir():
        loaders.append(_WorkspaceLoader(workspace_root))
    loaders += [builtin_loader, PrefixLoader({"builtin": builtin_loader}, delimiter=":")]
    # Workspace templates come through pull requests from many partners: they are data, so
    # they render in Jinja's sandbox, which refuses attribute tricks that reach Python itself
    # ('cycler.__init__.__globals__.os') and calls that change the values passed in.
    env = ImmutableSandboxedEnvironment(
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


class _WorkspaceLoader(FileSystemLoader):
    """The workspace's templates/, refusing a template that is a link outside the workspace
    (or in a templates/ folder that is one) before reading it."""

    def __init__(self, root: Path) -> None:
        super().__init__(str(root / "templates"))
        self.root = root

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.root.joinpath("templates", *split_template_path(template))
        if path.is_file() and not resolves_inside(self.root, path):
            raise DataError([outside_problem(f"templates/{template}", "template")])
        return super().get_source(environment, template)


def render(env: Environment, name: str, **context: object) -> str:
    try:
        return env.get_template(name).render(**context)
    except TemplateNotFound as exc:
        raise EstError(
            N_(
                "template '%(name)s' not found in the workspace's templates/ or est's built-in "
                "templates",
                name=str(exc.name),
            )
        ) from None
    except TemplateError as exc:
        raise DataError(_template_problem(exc, name)) from None


def _template_problem(exc: TemplateError, name: str) -> Problem:
    """Locate a template error (often in a workspace override) at its file and line."""
    file, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if file is None:  # errors while rendering: Jinja maps template frames to their lines
        tb = exc.__traceback__
        while tb is not None:
            frame_file = tb.tb_frame.f_code.co_filename
            if frame_file.endswith(".j2"):
                file, line = frame_file, tb.tb_lineno
            tb = tb.tb_next
    if isinstance(exc, UndefinedError):
        hint = N_("check the spelling of the variable; see the built-in template for the names")
    elif isinstance(exc, SecurityError):
        hint = N_(
            "templates may only show the values est passes in; remove what reaches into "
            "Python objects (names with '__', or methods that change a value)"
        )
    elif isinstance(exc, TemplateSyntaxError):
        hint = N_("check that every {% block %}, {% if %} and {% for %} is closed")
    else:
        hint = None
    return Problem(
        file or name,
        line,
        None,
        None,
        N_("template error: %(error)s", error=str(exc.message or exc)),
        hint=hint,
        code="template",
    )
