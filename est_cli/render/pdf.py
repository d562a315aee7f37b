"""A document's HTML as an accessible PDF, reproducible byte for byte.

WeasyPrint lays out the same HTML the browser shows, with its print styles (A4, running
footer with the title and page numbers, see base.html.j2), as a tagged PDF/UA-1 file whose
metadata holds the document's title (<title>) and language (<html lang>). Its dates are the
data's, never the clock's: the same inputs give the same bytes. Importing WeasyPrint takes
seconds, so `est_cli.render.document` imports this module only when a PDF is asked for.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from weasyprint import HTML

VARIANT = "pdf/ua-1"  # tagged, with the title shown in the viewer's title bar


def html_to_pdf(html: str, *, dated: date) -> bytes:
    """The PDF of `html` (self-contained: images as data: URIs), created and modified on
    `dated` (the last day of the document's period)."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # no CSS chatter on the terminal
    document = HTML(string=html, base_url=None).render()
    stamp = f"{dated.isoformat()}T00:00:00Z"
    document.metadata.created = stamp
    document.metadata.modified = stamp
    with _source_date(dated):
        pdf: bytes = document.write_pdf(pdf_variant=VARIANT, pdf_identifier=False)
    return pdf


@contextmanager
def _source_date(dated: date) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to `dated` while the PDF is written.

    Without the system's HarfBuzz subsetter WeasyPrint subsets fonts with fontTools, which
    stamps each font's `head.modified` with the clock unless this variable is set: two builds
    a second apart would differ in their bytes.
    """
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(
        int(datetime(*dated.timetuple()[:3], tzinfo=UTC).timestamp())
    )
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
