"""Rendering one document in several formats (est_cli.render.fileset writes them)."""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment

from est_cli.render import i18n
from est_cli.render.fmt import Formatter
from est_cli.render.templates import environment, render

TEMPLATE_FORMATS = ("md", "html")  # and "pdf", made from the HTML: every document has one

if TYPE_CHECKING:
    from est_cli.render.pdf import html_to_pdf as _html_to_pdf
else:

    def _html_to_pdf(*args, **kwargs):
        from est_cli.render.pdf import html_to_pdf  # loads WeasyPrint: only for a PDF

        return html_to_pdf(*args, **kwargs)


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
    env: Environment, name: str, formats: Sequence[str], *, dated: date, **context: object
) -> dict[str, str | bytes]:
    """{'md': text, 'html': text, 'pdf': bytes} from `{name}.md.j2` and `{name}.html.j2`.

    The PDF is the HTML laid out for print, dated `dated` (the last day of the document's
    period: never the clock, so the same inputs give the same bytes).
    """
    words = i18n.Words(str(context["lang"]))
    texts: dict[str, str | bytes] = {}
    for f in formats:
        if f in TEMPLATE_FORMATS:
            text = render(env, f"{name}.{f}.j2", **context)
            texts[f] = table_regions(text, words) if f == "html" else text
    if "pdf" in formats:
        page = texts.get("html") or table_regions(render(env, f"{name}.html.j2", **context), words)
        assert isinstance(page, str)
        texts["pdf"] = _html_to_pdf(page, dated=dated)
    return texts


_WRAP = re.compile(r'<div class="table-wrap">')
_CAPTION = re.compile(r"\s*<table\b[^>]*>\s*<caption\b[^>]*>(.*?)</caption>", re.S)
_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.S)
_TAG = re.compile(r"<[^>]+>")


def table_regions(page: str, words: i18n.Words) -> str:
    """Every wide-table wrapper a keyboard can reach and a screen reader names.

    A `.table-wrap` scrolls sideways on a narrow screen; a region that scrolls must take the
    focus (tabindex="0", WCAG 2.1.1) and, as a landmark, have a name of its own: its table's
    caption, else "Table: " and the heading before it (the heading alone names its section).
    Done here, once, so that every document and every workspace's own template gets it.
    """
    _ = words.gettext
    out: list[str] = []
    last = 0
    for match in _WRAP.finditer(page):
        caption = _CAPTION.match(page, match.end())
        headings = _HEADING.findall(page, 0, match.start())
        heading = _words(headings[-1]) if headings else ""
        name = _words(caption.group(1)) if caption else _("Table: %(heading)s", heading=heading)
        out.append(page[last : match.start()])
        out.append(
            f'<div class="table-wrap" tabindex="0" role="region" '
            f'aria-label="{htmllib.escape(name, quote=True)}">'
        )
        last = match.end()
    out.append(page[last:])
    return "".join(out)


def _words(markup: str) -> str:
    """The text of an HTML fragment, on one line."""
    return " ".join(htmllib.unescape(_TAG.sub("", markup)).split())


def json_text(figures: object) -> str:
    """Stable JSON: sorted keys, real å/ä/ö, trailing newline (clean git diffs)."""
    return json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
