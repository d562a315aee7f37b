"""The police's open events (polisen.se, /api/events): their types and est's categories.

The police publish every public event with a type ("Stöld", "Brand", "Sammanfattning natt").
`POLICE_TYPES` holds one decision for each type the feed uses, with the reason: a default
category of est where the meaning is the same, the police's own category (`OWN`) where est's
taxonomy has no close match (the police's "Brand" is any fire, not an arson), or nothing
(`SKIP`): a type that is no incident for a lägesbild. A workspace extends or overrides the
table under `polisen:` in est.yaml. Types are looked up case- and whitespace-insensitively
(est_cli.load.aliases.normalize), so the table holds one spelling of each: the API's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

POLISEN_DIR = "data/polisen"
POLISEN_FILES = f"{POLISEN_DIR}/*.csv"
POLISEN_ORG = "Polisen"
POLISEN_GROUP = "polisen"

OWN = "own"  # the decision: keep the police's own category, "Brand (polisen)"
SKIP = "skip"  # the decision: no incident for a lägesbild; skipped, and counted


@dataclass(frozen=True)
class TypeDecision:
    """A police type (as the API writes it), what est makes of it, and why.

    `decision` is a default category id of est (est_cli.models.taxonomy), `OWN` or `SKIP`.
    """

    type: str
    decision: str
    reason: str


_D = TypeDecision
_SAME = "the same offence"
_ATTEMPT = "an attempt counts as the offence, as in the crime statistics"
_NO_MATCH = "an offence est's categories have no close match for"
_TRAFFIC = "a traffic matter, not a safety incident"
_ACCIDENT = "an accident or illness, not an incident of crime or insecurity"
_POLICE_WORK = "police work, not an incident"
_REGULATORY = "a regulatory matter, not an incident of crime or insecurity"
_ANIMAL = "an animal matter, not an incident of crime or insecurity"
_SUMMARY = "sums up many events of a county or a night in one text"

# Every type the police's feed uses (2022–2026 data, and older names of the type lists),
# grouped by decision.
POLICE_TYPES: tuple[TypeDecision, ...] = (
    # --- a default category of est, where the two mean the same
    _D("Skadegörelse", "skadegorelse", _SAME),
    _D("Mordbrand", "anlagd_brand", "arson, exactly est's anlagd brand"),
    _D("Narkotikabrott", "narkotika", _SAME),
    _D("Misshandel", "hot_vald", "violence against a person"),
    _D("Misshandel, grov", "hot_vald", "violence against a person"),
    _D("Olaga hot", "hot_vald", "a threat against a person"),
    _D("Våld/hot mot tjänsteman", "hot_vald", "violence or a threat against a public servant"),
    _D("Rån", "ran", _SAME),
    _D("Rån väpnat", "ran", "a robbery with a weapon is a robbery"),
    _D("Rån övrigt", "ran", _SAME),
    _D("Rån, försök", "ran", _ATTEMPT),
    _D("Inbrott", "inbrott", _SAME),
    _D("Inbrott, försök", "inbrott", _ATTEMPT),
    _D("Stöld", "stold", _SAME),
    _D("Stöld, försök", "stold", _ATTEMPT),
    _D("Stöld, ringa", "stold", "petty theft is theft"),
    _D("Motorfordon, stöld", "stold", "a vehicle theft is a theft"),
    _D(
        "Stöld/inbrott",
        "stold",
        "the police's word when they do not say which; every burglary is in law a theft, "
        "so it counts as theft, not as a third row beside Stöld and Inbrott",
    ),
    # --- the police's own category, "X (polisen)", where est has no close match
    _D("Alkohollagen", OWN, "a breach of the alcohol act, no category of est's"),
    _D("Bedrägeri", OWN, "fraud, mostly not bound to a place"),
    _D("Bombhot", OWN, "a threat to many, not to a person"),
    _D("Brand", OWN, "any fire, not only arson"),
    _D("Bråk", OWN, "a fight or a quarrel, between disorder and violence"),
    _D("Detonation", OWN, "explosions are a safety matter in many cities"),
    _D("Ekobrott", OWN, _NO_MATCH),
    _D("Explosion", OWN, "explosions are a safety matter in many cities"),
    _D("Farligt föremål, misstänkt", OWN, "a suspected dangerous object, no category of est's"),
    _D("Fylleri/LOB", OWN, "drunkenness taken into custody, not a disorder in itself"),
    _D("Fylleri", OWN, "drunkenness taken into custody, as Fylleri/LOB"),
    _D("Förfalskningsbrott", OWN, _NO_MATCH),
    _D("Hemfridsbrott", OWN, "an intrusion into a home, as the old Olaga intrång/hemfridsbrott"),
    _D("Hets mot folkgrupp", OWN, "a hate crime, no category of est's"),
    _D("Häleri", OWN, "receiving stolen goods, not the theft itself"),
    _D("Knivlagen", OWN, "carrying a knife, no category of est's"),
    _D("Larm Inbrott", OWN, "a burglar alarm, not yet a burglary"),
    _D("Larm Överfall", OWN, "an assault alarm, not yet an assault"),
    _D("Miljöbrott", OWN, _NO_MATCH),
    _D("Missbruk av urkund", OWN, _NO_MATCH),
    _D("Mord/dråp", OWN, "a killing, too grave to count as hot och våld"),
    _D("Mord/dråp, försök", OWN, "an attempted killing, too grave to count as hot och våld"),
    _D("Ofog barn/ungdom", OWN, "mischief by young people, between disorder and damage"),
    _D("Ofredande/förargelse", OWN, "molestation or public offence, no category of est's"),
    _D("Olaga frihetsberövande", OWN, "unlawful deprivation of liberty, no category of est's"),
    _D(
        "Olaga frihetsberövande/människorov",
        OWN,
        "unlawful deprivation of liberty or kidnapping, no category of est's",
    ),
    _D("Olaga intrång/hemfridsbrott", OWN, "an unlawful intrusion, not a burglary"),
    _D("Olaga intrång", OWN, "an unlawful intrusion, as the old Olaga intrång/hemfridsbrott"),
    _D("Olovlig körning", OWN, "driving without a licence, not buskörning"),
    _D("Ordningslagen", OWN, "a breach of the public order act, wider than a disturbance"),
    _D("Rattfylleri", OWN, "drunk driving, not buskörning"),
    _D("Sabotage mot blåljusverksamhet", OWN, "an attack on the emergency services"),
    _D("Sedlighetsbrott", OWN, "a sexual offence, no category of est's"),
    _D("Sexualbrott", OWN, "a sexual offence, no category of est's"),
    _D("Skottlossning", OWN, "a shooting, a safety matter of its own"),
    _D("Skottlossning, misstänkt", OWN, "a suspected shooting, a safety matter of its own"),
    _D("Smällar", OWN, "explosions are a safety matter in many cities"),
    _D("Trafikbrott", OWN, "a traffic offence, wider than buskörning"),
    _D("Vapenlagen", OWN, "a breach of the weapons act, no category of est's"),
    _D("Våldtäkt", OWN, "a rape, a sexual offence, not counted as hot och våld"),
    _D("Våldtäkt, försök", OWN, "an attempted rape, not counted as hot och våld"),
    _D("Vållande till kroppsskada", OWN, "an injury by negligence, not violence"),
    _D("Åldringsbrott", OWN, "a crime against the elderly, mostly fraud, not bound to a place"),
    # --- no incident for a lägesbild: skipped, and counted
    _D("Anträffad död", SKIP, "a death found, not an incident of crime or insecurity"),
    _D("Anträffat gods", SKIP, "property found, " + _POLICE_WORK),
    _D("Arbetsplatsolycka", SKIP, _ACCIDENT),
    _D("Brand automatlarm", SKIP, "an automatic fire alarm, mostly no fire"),
    _D("Djur", SKIP, _ANIMAL),
    _D("Djur skadat/omhändertaget", SKIP, _ANIMAL),
    _D("Efterlyst person", SKIP, "a wanted person, " + _POLICE_WORK),
    _D("Fjällräddning", SKIP, "a mountain rescue, not an incident of crime or insecurity"),
    _D("Försvunnen person", SKIP, "a missing person, not an incident of crime or insecurity"),
    _D("Gränskontroll", SKIP, _POLICE_WORK),
    _D("Information", SKIP, "information from the police, not an incident"),
    _D("Kontroll", SKIP, _POLICE_WORK),
    _D("Kontroll person/fordon", SKIP, _POLICE_WORK),
    _D("Lagen om hundar och katter", SKIP, _ANIMAL),
    _D("Luftfartslagen", SKIP, _REGULATORY),
    _D(
        "Motorfordon, anträffat stulet",
        SKIP,
        "a stolen vehicle found; the theft is counted when it is reported",
    ),
    _D("Naturkatastrof", SKIP, "a natural disaster, not an incident of crime or insecurity"),
    _D("Olyckor", SKIP, _ACCIDENT),
    _D("Polisinsats/kommendering", SKIP, _POLICE_WORK),
    _D("Räddningsinsats", SKIP, "a rescue, not an incident of crime or insecurity"),
    _D("Sjukdom/olycksfall", SKIP, _ACCIDENT),
    _D("Sjölagen", SKIP, _REGULATORY),
    _D("Skyddslagen", SKIP, _REGULATORY),
    _D(
        "Spridning smitta/kemikalier",
        SKIP,
        "a health or chemical hazard, not an incident of crime or insecurity",
    ),
    _D(
        "Spridning smittsamma kemikalier",
        SKIP,
        "a health or chemical hazard, not an incident of crime or insecurity",
    ),
    _D("Tillfälligt obemannat", SKIP, "a police station closed for a while, not an incident"),
    _D("Trafikhinder", SKIP, _TRAFFIC),
    _D("Trafikkontroll", SKIP, _TRAFFIC),
    _D("Trafikolycka", SKIP, _TRAFFIC),
    _D("Trafikolycka, personskada", SKIP, _TRAFFIC),
    _D("Trafikolycka, singel", SKIP, _TRAFFIC),
    _D("Trafikolycka, smitning från", SKIP, _TRAFFIC),
    _D("Trafikolycka, smitning", SKIP, _TRAFFIC),
    _D("Trafikolycka, vilt", SKIP, _TRAFFIC),
    _D("Uppdatering", SKIP, "an update of an event already published"),
    _D("Utlänningslagen", SKIP, _REGULATORY),
    _D("Varningslarm/haveri", SKIP, "a public warning or a breakdown, not an incident"),
    _D("Övrigt", SKIP, "anything else, too mixed to count as one kind"),
    _D("Sammanfattning dag", SKIP, _SUMMARY),
    _D("Sammanfattning dygn", SKIP, _SUMMARY),
    _D("Sammanfattning eftermiddag", SKIP, _SUMMARY),
    _D("Sammanfattning förmiddag", SKIP, _SUMMARY),
    _D("Sammanfattning helg", SKIP, _SUMMARY),
    _D("Sammanfattning kväll", SKIP, _SUMMARY),
    _D("Sammanfattning kväll och natt", SKIP, _SUMMARY),
    _D("Sammanfattning natt", SKIP, _SUMMARY),
    _D("Sammanfattning vecka", SKIP, _SUMMARY),
)

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def own_category_id(police_type: str) -> str:
    """'Farligt föremål, misstänkt' → 'polisen_farligt_foremal_misstankt'."""
    folded = unicodedata.normalize("NFKC", police_type).casefold().translate(_FOLD)
    return "polisen_" + "_".join(re.findall(r"[a-z0-9]+", folded))


def own_category_name(police_type: str) -> str:
    """The display name: the police's word, marked so no export's 'Brand' can match it."""
    return f"{police_type} (polisen)"


def is_summary(police_type: str) -> bool:
    """'Sammanfattning natt' and the like: many events of a county or a night in one text."""
    return (
        unicodedata.normalize("NFKC", police_type).strip().casefold().startswith("sammanfattning")
    )


# The categories the police table adds: (id, name, group, aliases), as DEFAULT_CATEGORIES.
POLICE_CATEGORIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = tuple(
    (own_category_id(d.type), own_category_name(d.type), POLISEN_GROUP, ())
    for d in POLICE_TYPES
    if d.decision == OWN
)


def category_of(decision: TypeDecision) -> str | None:
    """The category id a decision gives its type's events, or None when they are skipped."""
    if decision.decision == SKIP:
        return None
    if decision.decision == OWN:
        return own_category_id(decision.type)
    return decision.decision


def builtin_types() -> dict[str, str | None]:
    """Every known police type → its category id, or None when skipped."""
    return {d.type: category_of(d) for d in POLICE_TYPES}


# Categories earlier versions of est wrote into data/polisen/ that a decision has since
# folded into another: the old id is read as the new one, so no imported row is lost.
RETIRED_POLICE_CATEGORIES: dict[str, str] = {"polisen_stold_inbrott": "stold"}
