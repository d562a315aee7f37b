"""The weekly document's fixed words in Swedish and English (user data is never translated).

Words every document shares (activity statuses, time bands) are in est_cli.render.labels.
"""

from __future__ import annotations

WEEKLY: dict[str, dict[str, str]] = {
    "sv": {
        "kicker": "Veckorapport – lägesbild",
        "internal": "Internt",
        "internal_note": (
            "Dokumentet innehåller händelsebeskrivningar. Det är endast för mötets deltagare "
            "och får inte publiceras eller skickas vidare."
        ),
        "lead": "Under veckan rapporterades {n} händelser.",
        "lead_one": "Under veckan rapporterades 1 händelse.",
        "headline": "Veckan i siffror",
        "headline_caption": "Antal händelser denna vecka jämfört med tidigare perioder",
        "comparison": "Jämförelse",
        "count": "Antal",
        "difference": "Förändring",
        "this_week": "Denna vecka",
        "previous_week": "Förra veckan",
        "mean4": "Snitt 4 veckor",
        "mean4_long": "Snitt för de fyra föregående veckorna",
        "last_year": "Samma vecka i fjol",
        "no_last_year": "finns inte",
        "change": "Förändring",
        "change_note": "Förändringen avser skillnaden mot förra veckan.",
        "total": "Totalt",
        "categories": "Händelser per kategori",
        "category": "Kategori",
        "areas": "Händelser per område",
        "area": "Område",
        "none_this_period": "Inga händelser under perioden.",
        "hotspots": "Hotspots: område och kategori",
        "hotspots_caption": (
            "Kombinationer av område och kategori som ligger tydligt över sin egen nivå"
        ),
        "hotspot_rule": (
            "Regel: en kombination av område och kategori markeras när veckans antal är minst "
            "{min_count} och så högt att det skulle inträffa med en sannolikhet under {p} om "
            "händelserna kom i samma takt som under de {weeks} föregående veckorna "
            "(Poissonfördelning, övre svansen). En kombination utan händelser under "
            "jämförelseperioden räknas som om den haft {floor} händelse under hela perioden."
        ),
        "hotspot_weeks_used": "Jämförelseperioden är {first}–{last} ({n} veckor med underlag).",
        "hotspot_not_evaluated": (
            "Hotspots har inte bedömts: underlaget täcker bara {n} av de {weeks} veckor som "
            "behövs före denna vecka."
        ),
        "no_hotspots": "Ingen kombination av område och kategori uppfyller regeln denna vecka.",
        "expected": "Normalt per vecka",
        "probability": "Sannolikhet",
        "why": "Därför markerad",
        "why_text": (
            "{count} händelser mot normalt {expected} per vecka "
            "({before} under {weeks} veckor{floor}); sannolikheten för minst {count} är {p}"
        ),
        "why_floor": ", golvvärde använt",
        "when": "När händelserna inträffar",
        "when_caption": "Händelser denna vecka per veckodag och tid på dygnet",
        "weekday": "Veckodag",
        "no_time": "Utan klockslag",
        "trend": "Utveckling de senaste 12 veckorna",
        "trend_caption": "Händelser per vecka: totalt och de vanligaste kategorierna",
        "trend_alt": (
            "Diagram över antal händelser per vecka från {first} till {last}: staplar för "
            "totalt, linjer för {categories}. Samma siffror finns i tabellen under diagrammet."
        ),
        "trend_y": "Antal händelser",
        "week": "Vecka",
        "no_data": "Veckor utan underlag visas med –.",
        "places": "Platser med flest händelser",
        "places_caption": "De platser där flest händelser rapporterades denna vecka",
        "place": "Plats",
        "meeting": "Mötets bedömning",
        "meeting_date": "Möte {date}",
        "participants": "Deltagare",
        "no_notes": (
            "Inga mötesanteckningar är registrerade för veckan ännu ({file} finns inte). "
            "Lägg in bedömningen och prioriteringarna där och bygg rapporten igen."
        ),
        "priorities": "Prioriteringar inför helgen och kommande vecka",
        "priorities_caption": "Beslutade prioriteringar",
        "no_priorities": "Inga prioriteringar är registrerade.",
        "where": "Plats/område",
        "action": "Åtgärd",
        "owner": "Ansvarig",
        "when_short": "När",
        "follow_up": "Uppföljning av förra veckans prioriteringar",
        "follow_up_caption": "Hur förra veckans prioriteringar gick",
        "no_follow_up": "Ingen uppföljning är registrerad.",
        "priority": "Prioritering",
        "status": "Status",
        "comment": "Kommentar",
        "incidents": "Veckans händelser (internt)",
        "incidents_caption": "Alla händelser denna vecka med beskrivning",
        "time": "Tidpunkt",
        "description": "Beskrivning",
        "data_note": "Om underlaget",
        "data_summary": (
            "Rapporten bygger på {files} från incidentrapporteringen med sammanlagt {rows}. "
            "Av dem används {used} i rapporten; {excluded}."
        ),
        "files_caption": "Lästa filer",
        "file": "Fil",
        "rows": "Rader",
        "used": "Används",
        "excluded": "Uteslutna",
        "excluded_heading": "Uteslutna rader och varför",
        "excluded_intro": (
            "Raderna nedan har inte räknats med. Skälet anges med est:s felmeddelande, som "
            "är på engelska; kör est check för att se alla fel och hur de rättas."
        ),
        "excluded_more": "… och {n} rader till (kör est check för hela listan).",
        "coverage": "Underlaget omfattar händelser från {first} till {last}.",
        "not_covered": "Perioder som underlaget inte täcker helt jämförs inte och visas med –.",
        "footer": "Framtaget med est ur incidentrapporter och mötets anteckningar.",
    },
    "en": {
        "kicker": "Weekly situation summary",
        "internal": "Internal",
        "internal_note": (
            "This document contains incident descriptions. It is for the meeting's participants "
            "only and must not be published or passed on."
        ),
        "lead": "{n} incidents were reported during the week.",
        "lead_one": "1 incident was reported during the week.",
        "headline": "The week in figures",
        "headline_caption": "Incidents this week compared with earlier periods",
        "comparison": "Comparison",
        "count": "Count",
        "difference": "Change",
        "this_week": "This week",
        "previous_week": "Previous week",
        "mean4": "4-week mean",
        "mean4_long": "Mean of the four previous weeks",
        "last_year": "Same week last year",
        "no_last_year": "does not exist",
        "change": "Change",
        "change_note": "The change is the difference from the previous week.",
        "total": "Total",
        "categories": "Incidents by category",
        "category": "Category",
        "areas": "Incidents by area",
        "area": "Area",
        "none_this_period": "No incidents in the period.",
        "hotspots": "Hotspots: area and category",
        "hotspots_caption": "Area and category combinations clearly above their own level",
        "hotspot_rule": (
            "Rule: an area and category combination is flagged when this week's count is at "
            "least {min_count} and so high that it would occur with a probability below {p} if "
            "incidents arrived at the same rate as in the {weeks} previous weeks (Poisson "
            "distribution, upper tail). A combination with no incidents in the baseline is "
            "treated as if it had {floor} incident over the whole baseline."
        ),
        "hotspot_weeks_used": "The baseline is {first}–{last} ({n} weeks with data).",
        "hotspot_not_evaluated": (
            "Hotspots were not assessed: the data covers only {n} of the {weeks} weeks needed "
            "before this week."
        ),
        "no_hotspots": "No area and category combination meets the rule this week.",
        "expected": "Usual per week",
        "probability": "Probability",
        "why": "Why flagged",
        "why_text": (
            "{count} incidents against a usual {expected} per week ({before} in {weeks} "
            "weeks{floor}); the probability of at least {count} is {p}"
        ),
        "why_floor": ", floor used",
        "when": "When incidents happen",
        "when_caption": "Incidents this week by weekday and time of day",
        "weekday": "Weekday",
        "no_time": "No time given",
        "trend": "The last 12 weeks",
        "trend_caption": "Incidents per week: total and the most common categories",
        "trend_alt": (
            "Chart of incidents per week from {first} to {last}: bars for the total, lines for "
            "{categories}. The same figures are in the table below the chart."
        ),
        "trend_y": "Incidents",
        "week": "Week",
        "no_data": "Weeks without data are shown as –.",
        "places": "Places with most incidents",
        "places_caption": "The places with the most incidents reported this week",
        "place": "Place",
        "meeting": "The meeting's assessment",
        "meeting_date": "Meeting {date}",
        "participants": "Participants",
        "no_notes": (
            "No meeting notes are recorded for this week yet ({file} does not exist). Record "
            "the assessment and priorities there and build the report again."
        ),
        "priorities": "Priorities for the weekend and the coming week",
        "priorities_caption": "Agreed priorities",
        "no_priorities": "No priorities are recorded.",
        "where": "Place/area",
        "action": "Action",
        "owner": "Owner",
        "when_short": "When",
        "follow_up": "Follow-up of last week's priorities",
        "follow_up_caption": "How last week's priorities went",
        "no_follow_up": "No follow-up is recorded.",
        "priority": "Priority",
        "status": "Status",
        "comment": "Comment",
        "incidents": "This week's incidents (internal)",
        "incidents_caption": "Every incident this week with its description",
        "time": "Time",
        "description": "Description",
        "data_note": "About the data",
        "data_summary": (
            "This report is based on {files} from the incident reporting with {rows} in all. "
            "Of these, {used} are used in the report; {excluded}."
        ),
        "files_caption": "Files read",
        "file": "File",
        "rows": "Rows",
        "used": "Used",
        "excluded": "Excluded",
        "excluded_heading": "Excluded rows and why",
        "excluded_intro": (
            "The rows below are not counted. The reason is est's own message; run est check "
            "to see every problem and how to fix it."
        ),
        "excluded_more": "… and {n} more rows (run est check for the full list).",
        "coverage": "The data covers incidents from {first} to {last}.",
        "not_covered": "Periods not fully covered by the data are not compared and are shown as –.",
        "footer": "Produced with est from incident reports and the meeting's notes.",
    },
}

# Counted phrases: (none, one, many); '{n}' is the formatted number.
PLURALS: dict[str, dict[str, tuple[str, str, str]]] = {
    "sv": {
        "files": ("inga filer", "1 fil", "{n} filer"),
        "rows": ("0 rader", "1 rad", "{n} rader"),
        "excluded": (
            "ingen rad har uteslutits",
            "1 rad har uteslutits",
            "{n} rader har uteslutits",
        ),
        "time_missing": (
            "",
            "1 händelse saknar klockslag och räknas separat.",
            "{n} händelser saknar klockslag och räknas separat.",
        ),
    },
    "en": {
        "files": ("no files", "1 file", "{n} files"),
        "rows": ("0 rows", "1 row", "{n} rows"),
        "excluded": ("no row was excluded", "1 row was excluded", "{n} rows were excluded"),
        "time_missing": (
            "",
            "1 incident has no time of day and is counted separately.",
            "{n} incidents have no time of day and are counted separately.",
        ),
    },
}


def counted(language: str, key: str, n: int, number: str) -> str:
    """The phrase for `n` things: none, one or many ('3 rader', '1 rad')."""
    none, one, many = PLURALS[language][key]
    return none if n == 0 else one if n == 1 else many.format(n=number)
