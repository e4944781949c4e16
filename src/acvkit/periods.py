"""Périodes floues (« T1-T2 2024 », « Eté 2023 », « 2027-2029 ») : gardées telles qu'écrites, comprises comme intervalles."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class EtatPeriode(StrEnum):
    DATED = "datee"  # un intervalle de dates est connu
    A_DETERMINER = "a_determiner"  # le document dit explicitement qu'elle n'est pas fixée
    UNRECOGNIZED = "incomprise"  # texte conservé, mais aucune forme connue


@dataclass(frozen=True)
class Periode:
    """Une période telle qu'écrite (`texte`) et l'intervalle de dates qu'elle désigne, bornes incluses."""

    texte: str
    debut: date | None = None
    fin: date | None = None
    etat: EtatPeriode = EtatPeriode.UNRECOGNIZED

    @property
    def is_dated(self) -> bool:
        return self.etat is EtatPeriode.DATED

    def __str__(self) -> str:
        return self.texte


MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}

# Saisons astronomiques ; l'hiver d'une année commence en décembre et finit en mars suivant.
SEASONS = {
    "printemps": ((3, 20), (6, 20), 0),
    "ete": ((6, 21), (9, 22), 0),
    "automne": ((9, 23), (12, 20), 0),
    "hiver": ((12, 21), (3, 20), 1),
}

# Tiers d'année : « Début », « Mi- », « Fin ».
THIRDS = {"debut": (1, 4), "mi": (5, 8), "milieu": (5, 8), "fin": (9, 12)}

TO_BE_DETERMINED_SPELLINGS = {
    "a determiner",
    "a definir",
    "non defini",
    "non definie",
    "a preciser",
}

_ANNEE = r"((?:19|20)\d\d)"


def _normalize(texte: str) -> str:
    """Minuscules sans accents, espaces simplifiés : la forme sur laquelle on reconnaît."""
    unaccented = "".join(
        c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn"
    )
    unaccented = unaccented.replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", unaccented.lower()).strip().rstrip(".")


def _month_end(annee: int, mois: int) -> date:
    return date(annee, mois, calendar.monthrange(annee, mois)[1])


def _months(annee: int, first: int, last: int) -> tuple[date, date]:
    return date(annee, first, 1), _month_end(annee, last)


def _interval(texte: str) -> tuple[date, date] | None:
    """L'intervalle désigné par une forme normalisée, ou None si la forme est inconnue."""
    if m := re.fullmatch(_ANNEE, texte):
        return _months(int(m[1]), 1, 12)
    if m := re.fullmatch(_ANNEE + r" ?- ?" + _ANNEE, texte):
        return date(int(m[1]), 1, 1), date(int(m[2]), 12, 31)
    if m := re.fullmatch(r"t([1-4])(?: ?- ?t([1-4]))? " + _ANNEE, texte):
        first, last = int(m[1]), int(m[2] or m[1])
        return _months(int(m[3]), 3 * first - 2, 3 * last)
    if m := re.fullmatch(r"(?:s([12])|([12])(?:er|e|eme|nd) semestre) " + _ANNEE, texte):
        semestre = int(m[1] or m[2])
        return _months(int(m[3]), 6 * semestre - 5, 6 * semestre)
    if m := re.fullmatch(r"(" + "|".join(MONTHS) + r") " + _ANNEE, texte):
        return _months(int(m[2]), MONTHS[m[1]], MONTHS[m[1]])
    if m := re.fullmatch(r"(" + "|".join(SEASONS) + r") " + _ANNEE, texte):
        (m1, j1), (m2, j2), year_offset = SEASONS[m[1]]
        annee = int(m[2])
        return date(annee, m1, j1), date(annee + year_offset, m2, j2)
    if m := re.fullmatch(r"(debut|mi|milieu|fin) ?-? ?" + _ANNEE, texte):
        first, last = THIRDS[m[1]]
        return _months(int(m[2]), first, last)
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", texte):
        day = _date_or_none(int(m[1]), int(m[2]), int(m[3]))
        return (day, day) if day else None
    if m := re.fullmatch(r"(\d\d?)/(\d\d?)/(\d{4})", texte):
        day = _date_or_none(int(m[3]), int(m[2]), int(m[1]))
        return (day, day) if day else None
    return None


def _date_or_none(annee: int, mois: int, day: int) -> date | None:
    try:
        return date(annee, mois, day)
    except ValueError:
        return None


def parse_periode(texte: str) -> Periode:
    """Comprend une période écrite ; un texte inconnu est gardé avec l'état INCOMPRISE."""
    texte = texte.strip()
    shape = _normalize(texte)
    if shape in TO_BE_DETERMINED_SPELLINGS:
        return Periode(texte, etat=EtatPeriode.A_DETERMINER)
    interval = _interval(shape)
    if interval is None or interval[0] > interval[1]:
        return Periode(texte)
    return Periode(texte, interval[0], interval[1], EtatPeriode.DATED)
