"""The parties' identity in published documents: logo files, and who signs a pledge.

A logo is a file of the workspace named in est.yaml (`publication.logos`), so it is held to
the same rule as every other file est reads (est_cli.load.confine): inside the workspace
folder with every link followed, never through '..' or an absolute path. It is checked
where est.yaml is loaded, so that `est check` names a missing or wrong file at its line,
and read again, through the same checks, when a document embeds it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from est_cli.errors import DataError, Problem
from est_cli.load.confine import OUTSIDE_HINT, pattern_escapes, resolves_inside
from est_cli.load.yamldoc import YamlDoc
from est_cli.models.pledge import Pledge
from est_cli.models.settings import Logo, Settings

# A logo is a small picture; a larger file is a mistake (a photo, a PDF renamed).
MAX_LOGO_BYTES = 1_000_000
MIME_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class LogoFile:
    """A logo ready to embed: its media type, its bytes and its alt text."""

    mime: str
    data: bytes
    alt: str


def _looks_like(suffix: str, head: bytes) -> bool:
    if suffix == ".png":
        return head.startswith(_PNG_MAGIC)
    return b"<svg" in head


def _logo_problem(root: Path, logo: Logo) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for one logo entry, or None when it can be embedded."""
    why = pattern_escapes(logo.file)
    if why:
        return (
            f"'{logo.file}' {why}: est reads only files inside the workspace folder",
            "put the logo in the workspace, e.g. logos/, and write its path relative to it",
        )
    suffix = Path(logo.file).suffix.lower()
    if suffix not in MIME_TYPES:
        return (
            f"'{logo.file}' is not an SVG or PNG file",
            "save the logo as .svg (best: sharp at every size) or .png",
        )
    path = root / logo.file
    if not path.is_file() and not path.is_symlink():
        return (
            f"there is no file '{logo.file}' in the workspace",
            f"put the logo at {logo.file}, or correct the path",
        )
    if not resolves_inside(root, path):
        return (
            f"'{logo.file}' leads outside the workspace folder (through a link), so est "
            "does not read it",
            OUTSIDE_HINT,
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        return (f"'{logo.file}' cannot be read ({exc.strerror})", "check the file's permissions")
    if size > MAX_LOGO_BYTES:
        return (
            f"'{logo.file}' is {size:,} bytes; a logo is at most {MAX_LOGO_BYTES:,}",
            "export the logo smaller, or as SVG",
        )
    if not _looks_like(suffix, head):
        kind = "a PNG image" if suffix == ".png" else "an SVG image (no <svg element)"
        return (f"'{logo.file}' is not {kind}", "export the logo again as SVG or PNG")
    return None


def logo_problems(root: Path, settings: Settings, doc: YamlDoc) -> list[Problem]:
    """An error at the `file:` line of each logo est.yaml names that cannot be embedded.

    Not fatal: the rest of est.yaml is usable, so `est check` goes on to check every file
    and the weekly report is built; the documents that show the logos refuse to render
    (read_logos)."""
    out = []
    for i, logo in enumerate(settings.publication.logos):
        found = _logo_problem(root, logo)
        if found:
            message, hint = found
            at = ("publication", "logos", i, "file")
            out.append(replace(doc.problem(at, message, hint=hint, code="bad-logo"), fatal=False))
    return out


def read_logos(root: Path, settings: Settings, doc: YamlDoc) -> list[LogoFile]:
    """The logos to embed, each checked again as it is read (DataError if one went wrong)."""
    problems = logo_problems(root, settings, doc)
    if problems:
        raise DataError(problems)
    out = []
    for logo in settings.publication.logos:
        suffix = Path(logo.file).suffix.lower()
        out.append(LogoFile(MIME_TYPES[suffix], (root / logo.file).read_bytes(), logo.alt))
    return out


def signatory_problems(doc: YamlDoc, pledge: Pledge) -> list[Problem]:
    """A signatory's party is one of the pledge's parties (a typo would print as written)."""
    out = []
    for i, signatory in enumerate(pledge.signatories):
        if signatory.party is not None and signatory.party not in pledge.parties:
            out.append(
                doc.problem(
                    ("signatories", i, "party"),
                    f"'{signatory.party}' is not one of the pledge's parties "
                    f"({', '.join(pledge.parties)})",
                    hint="write the party as 'parties' does, or add it there",
                    code="unknown-party",
                )
            )
    return out
