"""Words shared by every document, kept in one place so the documents never disagree."""

from __future__ import annotations

# Status of an activity or focus area (est_cli.models.base.Status values) as shown to readers.
STATUS_LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "ej påbörjad": "Ej påbörjad",
        "pågår": "Pågår",
        "genomförd": "Genomförd",
        "inställd": "Inställd",
    },
    "en": {
        "ej påbörjad": "Not started",
        "pågår": "In progress",
        "genomförd": "Completed",
        "inställd": "Cancelled",
    },
}
