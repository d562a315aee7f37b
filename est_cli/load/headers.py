"""Which export column holds which incident field: Swedish headers known by default, the
workspace's own mapping on top, and a located problem for every required field missing."""

from __future__ import annotations

import json

from est_cli.errors import N_, Problem, suggestion
from est_cli.load.aliases import normalize
from est_cli.models.settings import IncidentField, IncidentSource

F = IncidentField

# Headers recognised without configuration (compared after `normalize`).
DEFAULT_HEADERS: dict[str, IncidentField] = {
    **dict.fromkeys(
        [
            "id",
            "händelse-id",
            "händelseid",
            "händelsenummer",
            "ärendenummer",
            "ärende-id",
            "ärendenr",
            "rapport-id",
            "rapportid",
            "löpnummer",
        ],
        F.id,
    ),
    **dict.fromkeys(
        [
            "tidpunkt",
            "datum och tid",
            "datum/tid",
            "datum tid",
            "händelsetidpunkt",
            "inträffade",
            "occurred_at",
            "datetime",
        ],
        F.occurred_at,
    ),
    **dict.fromkeys(["datum", "händelsedatum", "date"], F.date),
    **dict.fromkeys(["tid", "klockslag", "kl", "klockan", "time"], F.time),
    **dict.fromkeys(["område", "omrade", "stadsdel", "kommundel", "bostadsområde", "area"], F.area),
    **dict.fromkeys(
        ["kategori", "händelsetyp", "typ av händelse", "händelse", "typ", "category"], F.category
    ),
    **dict.fromkeys(["plats", "adress", "plats/adress", "gata", "place"], F.place),
    **dict.fromkeys(
        [
            "organisation",
            "rapporterande organisation",
            "rapportör",
            "inrapportör",
            "rapporterad av",
            "aktör",
            "reporter_org",
        ],
        F.reporter_org,
    ),
    **dict.fromkeys(["allvarlighetsgrad", "allvarlighet", "grad", "severity"], F.severity),
    **dict.fromkeys(
        ["beskrivning", "händelsebeskrivning", "kommentar", "fritext", "notering", "description"],
        F.description,
    ),
    **dict.fromkeys(["lat", "latitud", "latitude", "breddgrad", "wgs84 lat"], F.lat),
    **dict.fromkeys(
        ["lon", "long", "lng", "longitud", "longitude", "längdgrad", "wgs84 lon"], F.lon
    ),
}

# When two headers map to one field, the earlier spelling here wins (Organisation over
# Rapportör, which may hold a person's name).
_PREFERENCE = {h: i for i, h in enumerate(DEFAULT_HEADERS)}

FIELD_LABELS = {
    F.id: "Händelse-ID",
    F.occurred_at: "Tidpunkt",
    F.date: "Datum",
    F.time: "Tid",
    F.area: "Område",
    F.category: "Kategori",
    F.place: "Plats",
    F.reporter_org: "Organisation",
    F.severity: "Allvarlighetsgrad",
    F.description: "Beskrivning",
    F.lat: "Lat",
    F.lon: "Lon",
}
NOT_SCANNED = {F.occurred_at, F.date, F.time, F.severity, F.lat, F.lon}


def map_headers(
    headers: list[str], source: IncidentSource
) -> tuple[dict[IncidentField, int], list[str]]:
    """Column index of each field; and the headers nothing was mapped to."""
    custom = {normalize(k): v for k, v in source.columns.items()}
    mapping: dict[IncidentField, int] = {}
    ranks: dict[IncidentField, int] = {}
    unmapped: list[str] = []
    for i, header in enumerate(headers):
        key = normalize(header)
        if key in custom:
            fld, rank = custom[key], -1
        elif key in DEFAULT_HEADERS:
            fld, rank = DEFAULT_HEADERS[key], _PREFERENCE[key]
        else:
            unmapped.append(header)
            continue
        if fld == F.ignore:
            continue
        if fld not in mapping or rank < ranks[fld]:
            mapping[fld], ranks[fld] = i, rank
    return mapping, unmapped


def missing_columns(
    rel: str,
    header_line: int,
    headers: list[str],
    mapping: dict[IncidentField, int],
    unmapped: list[str],
    *,
    area_optional: bool = False,
) -> list[Problem]:
    """One problem per required field no column maps to, suggesting the closest header.
    `area_optional`: the areas have polygons and the file has positions to place rows by."""
    problems: list[Problem] = []
    missing: list[IncidentField] = []
    if F.occurred_at not in mapping and F.date not in mapping:
        missing.append(F.date)
    required = (F.category,) if area_optional else (F.area, F.category)
    missing += [f for f in required if f not in mapping]
    for fld in missing:
        close = [h for h in unmapped if suggestion(normalize(h), [normalize(FIELD_LABELS[fld])])]
        snippet = (
            "{" + json.dumps(close[0], ensure_ascii=False) + ": " + fld.value + "}" if close else ""
        )
        hint = (
            N_(
                "did you mean '%(header)s'? Rename that column to %(label)s, or map it in "
                "est.yaml: sources.incidents[].columns: %(snippet)s",
                header=close[0],
                label=FIELD_LABELS[fld],
                snippet=snippet,
            )
            if close
            else N_(
                "add a column %(label)s, or map your column in est.yaml under "
                "sources.incidents[].columns",
                label=FIELD_LABELS[fld],
            )
        )
        problems.append(
            Problem(
                rel,
                header_line,
                None,
                None,
                N_(
                    "no column for %(field)s (%(label)s); the columns are: %(columns)s",
                    field=fld.value,
                    label=FIELD_LABELS[fld],
                    columns=", ".join(h for h in headers if h),
                ),
                hint=hint,
                code="missing-column",
                fatal=True,
            )
        )
    return problems
