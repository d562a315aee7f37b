"""What published documents say about who stands behind them: the parties' logos, whom to
contact, when the document was published and where the whole pledge is.

The same for the tertial follow-up and the pledge, so the two never disagree.
"""

from __future__ import annotations

import base64
from typing import Any

from est_cli.load.identity import read_logos
from est_cli.load.workspace import Workspace
from est_cli.render.fmt import Formatter


def identity_context(ws: Workspace, document: str, fmt: Formatter) -> dict[str, Any]:
    """Template values for the head and the closing of a published document.

    `document` is its key under `publication.published`: a tertial ('2021-T1') or a pledge
    file ('pledges/2021.yaml')."""
    publication = ws.settings.publication
    logos = [
        {"src": f"data:{logo.mime};base64,{base64.b64encode(logo.data).decode()}", "alt": logo.alt}
        for logo in read_logos(ws.root, ws.settings, ws.doc)
    ]
    persons = [
        {
            "name": c.name,
            "details": [d for d in (c.role, c.phone) if d],
            "email": c.email,
        }
        for c in publication.persons()
    ]
    day = publication.published.get(document)
    return {
        "logos": logos,
        "contacts": persons,
        "contact_details": publication.details(),
        "published": fmt.date(day) if day else None,
    }
