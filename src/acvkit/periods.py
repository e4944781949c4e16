"""Périodes floues (« T1-T2 2024 », « Eté 2023 », « 2027-2029 ») : gardées telles qu'écrites, comprises comme intervalles."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class EtatPeriode(StrEnum):
    DATEE = "datee"  # un intervalle de dates est connu
    A_DETERMINER = "a_determiner"  # le document dit explicitement qu'elle n'est pas fixée
    INCOMPRISE = "incomprise"  # texte conservé, mais aucune forme connue


@dataclass(frozen=True)
class Periode:
    """Une période telle qu'écrite (`texte`) et l'intervalle de dates qu'elle désigne, bornes incluses."""

    texte: str
    debut: date | None = None
    fin: date | None = None
    etat: EtatPeriode = EtatPeriode.INCOMPRISE

    @property
    def datee(self) -> bool:
        return self.etat is EtatPeriode.DATEE

    def __str__(self) -> str:
        return self.texte


MOIS = {
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
SAISONS = {
    "printemps": ((3, 20), (6, 20), 0),
    "ete": ((6, 21), (9, 22), 0),
    "automne": ((9, 23), (12, 20), 0),
    "hiver": ((12, 21), (3, 20), 1),
}

# Tiers d'année : « Début », « Mi- », « Fin ».
TIERS = {"debut": (1, 4), "mi": (5, 8), "milieu": (5, 8), "fin": (9, 12)}

A_DETERMINER = {"a determiner", "a definir", "non defini", "non definie", "a preciser"}

_ANNEE = r"((?:19|20)\d\d)"


def _normaliser(texte: str) -> str:
    """Minuscules sans accents, espaces simplifiés : la forme sur laquelle on reconnaît."""
    sans_accents = "".join(
        c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn"
    )
    sans_accents = sans_accents.replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", sans_accents.lower()).strip().rstrip(".")


def _fin_de_mois(annee: int, mois: int) -> date:
    return date(annee, mois, calendar.monthrange(annee, mois)[1])


def _mois(annee: int, premier: int, dernier: int) -> tuple[date, date]:
    return date(annee, premier, 1), _fin_de_mois(annee, dernier)


def _intervalle(texte: str) -> tuple[date, date] | None:
    """L'intervalle désigné par une forme normalisée, ou None si la forme est inconnue."""
    if m := re.fullmatch(_ANNEE, texte):
        return _mois(int(m[1]), 1, 12)
    if m := re.fullmatch(_ANNEE + r" ?- ?" + _ANNEE, texte):
        return date(int(m[1]), 1, 1), date(int(m[2]), 12, 31)
    if m := re.fullmatch(r"t([1-4])(?: ?- ?t([1-4]))? " + _ANNEE, texte):
        premier, dernier = int(m[1]), int(m[2] or m[1])
        return _mois(int(m[3]), 3 * premier - 2, 3 * dernier)
    if m := re.fullmatch(r"(?:s([12])|([12])(?:er|e|eme|nd) semestre) " + _ANNEE, texte):
        semestre = int(m[1] or m[2])
        return _mois(int(m[3]), 6 * semestre - 5, 6 * semestre)
    if m := re.fullmatch(r"(" + "|".join(MOIS) + r") " + _ANNEE, texte):
        return _mois(int(m[2]), MOIS[m[1]], MOIS[m[1]])
    if m := re.fullmatch(r"(" + "|".join(SAISONS) + r") " + _ANNEE, texte):
        (m1, j1), (m2, j2), decalage = SAISONS[m[1]]
        annee = int(m[2])
        return date(annee, m1, j1), date(annee + decalage, m2, j2)
    if m := re.fullmatch(r"(debut|mi|milieu|fin) ?-? ?" + _ANNEE, texte):
        premier, dernier = TIERS[m[1]]
        return _mois(int(m[2]), premier, dernier)
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", texte):
        jour = _date_ou_rien(int(m[1]), int(m[2]), int(m[3]))
        return (jour, jour) if jour else None
    if m := re.fullmatch(r"(\d\d?)/(\d\d?)/(\d{4})", texte):
        jour = _date_ou_rien(int(m[3]), int(m[2]), int(m[1]))
        return (jour, jour) if jour else None
    return None


def _date_ou_rien(annee: int, mois: int, jour: int) -> date | None:
    try:
        return date(annee, mois, jour)
    except ValueError:
        return None


def parse_periode(texte: str) -> Periode:
    """Comprend une période écrite ; un texte inconnu est gardé avec l'état INCOMPRISE."""
    texte = texte.strip()
    forme = _normaliser(texte)
    if forme in A_DETERMINER:
        return Periode(texte, etat=EtatPeriode.A_DETERMINER)
    intervalle = _intervalle(forme)
    if intervalle is None or intervalle[0] > intervalle[1]:
        return Periode(texte)
    return Periode(texte, intervalle[0], intervalle[1], EtatPeriode.DATEE)
