"""The incident export as a source description: its fields, the Swedish headers known by
default for each (preferred first), and which are required. `est_cli.load.describe` maps
an export's headers by it, like every other source."""

from __future__ import annotations

from est_cli.load.describe import Column, Description
from est_cli.models.settings import IncidentField

F = IncidentField

INCIDENTS = Description(
    "incidents",
    (
        Column(
            F.id,
            "Händelse-ID",
            (
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
            ),
        ),
        Column(
            F.occurred_at,
            "Tidpunkt",
            (
                "tidpunkt",
                "datum och tid",
                "datum/tid",
                "datum tid",
                "händelsetidpunkt",
                "inträffade",
                "occurred_at",
                "datetime",
            ),
            kind="datetime",
        ),
        Column(
            F.date,
            "Datum",
            ("datum", "händelsedatum", "date"),
            kind="datetime",
            required=True,
            unless=F.occurred_at,
        ),
        Column(F.time, "Tid", ("tid", "klockslag", "kl", "klockan", "time"), kind="time"),
        Column(
            F.area,
            "Område",
            ("område", "omrade", "stadsdel", "kommundel", "bostadsområde", "area"),
            kind="area",
            required=True,
        ),
        Column(
            F.category,
            "Kategori",
            ("kategori", "händelsetyp", "typ av händelse", "händelse", "typ", "category"),
            kind="category",
            required=True,
        ),
        Column(F.place, "Plats", ("plats", "adress", "plats/adress", "gata", "place")),
        # Organisation before Rapportör, which may hold a person's name
        Column(
            F.reporter_org,
            "Organisation",
            (
                "organisation",
                "rapporterande organisation",
                "rapportör",
                "inrapportör",
                "rapporterad av",
                "aktör",
                "reporter_org",
            ),
        ),
        Column(
            F.severity,
            "Allvarlighetsgrad",
            ("allvarlighetsgrad", "allvarlighet", "grad", "severity"),
            kind="integer",
        ),
        Column(
            F.description,
            "Beskrivning",
            (
                "beskrivning",
                "händelsebeskrivning",
                "kommentar",
                "fritext",
                "notering",
                "description",
            ),
        ),
        Column(
            F.lat, "Lat", ("lat", "latitud", "latitude", "breddgrad", "wgs84 lat"), kind="decimal"
        ),
        Column(
            F.lon,
            "Lon",
            ("lon", "long", "lng", "longitud", "longitude", "längdgrad", "wgs84 lon"),
            kind="decimal",
        ),
    ),
)

FIELD_LABELS = INCIDENTS.labels
# Fields whose values are never text a person wrote: not searched for personal numbers.
NOT_SCANNED = {F.occurred_at, F.date, F.time, F.severity, F.lat, F.lon}
