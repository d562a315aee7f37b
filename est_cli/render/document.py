"""Rendering one document in several formats (est_cli.render.fileset writes them)."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment

from est_cli.render import i18n
from est_cli.render.fmt import Formatter
from est_cli.render.templates import environment, render

TEMPLATE_FORMATS = ("md", "html")


def document_env(workspace_root: Path, language: str) -> tuple[Environment, Formatter]:
    """The templates with `language`'s formatting filters and its wording (`_()` etc.)."""
    fmt = Formatter(language)
    env = environment(workspace_root, fmt.filters())
    i18n.install(env, language)
    env.filters.setdefault("md_text", md_text)
    env.filters.setdefault("md_cell", md_cell)
    return env, fmt


def md_text(value: object) -> str:
    """User text for a Markdown paragraph: '<' and '>' escaped so no HTML gets through."""
    return str(value).replace("<", "&lt;").replace(">", "&gt;").strip()


def md_cell(value: object) -> str:
    """User text for a Markdown table cell: one line, '|' escaped, line breaks as <br>."""
    lines = [line.strip() for line in md_text(value).replace("|", "\\|").splitlines()]
    return "<br>".join(line for line in lines if line)


def render_formats(
    env: Environment, name: str, formats: list[str], **context: object
) -> dict[str, str]:
    """{'md': text, 'html': text} from `{name}.md.j2` and `{name}.html.j2`."""
    return {f: render(env, f"{name}.{f}.j2", **context) for f in formats if f in TEMPLATE_FORMATS}


def json_text(figures: object) -> str:
    """Stable JSON: sorted keys, real å/ä/ö, trailing newline (clean git diffs)."""
    return json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
