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

from est_cli.errors import N_, DataError, Problem, Text
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


def _logo_problem(root: Path, logo: Logo) -> tuple[Text, Text] | None:
    """(what is wrong, how to fix it) for one logo entry, or None when it can be embedded."""
    why = pattern_escapes(logo.file)
    if why:
        return (
            why,
            N_("put the logo in the workspace, e.g. logos/, and write its path relative to it"),
        )
    suffix = Path(logo.file).suffix.lower()
    if suffix not in MIME_TYPES:
        return (
            N_("'%(file)s' is not an SVG or PNG file", file=logo.file),
            N_("save the logo as .svg (best: sharp at every size) or .png"),
        )
    path = root / logo.file
    if not path.is_file() and not path.is_symlink():
        return (
            N_("there is no file '%(file)s' in the workspace", file=logo.file),
            N_("put the logo at %(file)s, or correct the path", file=logo.file),
        )
    if not resolves_inside(root, path):
        return (
            N_(
                "'%(file)s' leads outside the workspace folder (through a link), so est does "
                "not read it",
                file=logo.file,
            ),
            OUTSIDE_HINT,
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        return (
            N_("'%(file)s' cannot be read (%(reason)s)", file=logo.file, reason=exc.strerror),
            N_("check the file's permissions"),
        )
    if size > MAX_LOGO_BYTES:
        return (
            N_(
                "'%(file)s' is %(size)s bytes; a logo is at most %(limit)s",
                file=logo.file,
                size=size,
                limit=MAX_LOGO_BYTES,
            ),
            N_("export the logo smaller, or as SVG"),
        )
    if not _looks_like(suffix, head):
        if suffix == ".png":
            what = N_("'%(file)s' is not a PNG image", file=logo.file)
        else:
            what = N_("'%(file)s' is not an SVG image (no <svg element)", file=logo.file)
        return (what, N_("export the logo again as SVG or PNG"))
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
                    N_(
                        "'%(party)s' is not one of the pledge's parties (%(parties)s)",
                        party=signatory.party,
                        parties=", ".join(pledge.parties),
                    ),
                    hint=N_("write the party as 'parties' does, or add it there"),
                    code="unknown-party",
                )
            )
    return out
