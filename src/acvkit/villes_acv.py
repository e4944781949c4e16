"""La liste nationale des villes Action Cœur de Ville, livrée avec acvkit (`villes-acv.csv`).

Une ligne par commune : `id_acv` (l'identifiant du programme à l'ANCT, ACV001…), le code INSEE de
la commune, le SIREN de son EPCI, son nom et sa région. Plusieurs communes partagent parfois un
programme (deux lignes, même `id_acv`). 244 communes, 230 programmes.

Source : ANCT, dépôt public https://github.com/anct-carto/action_coeur_de_ville, fichier
`data/coeurdeville.js`, commit 6903e5d473e70f414a448867c16ab9e3f7c63382 du 2 avril 2025 (« MAJ
Data Avril 2024 ») ; seules ces cinq colonnes sont gardées (les codes INSEE à 5 caractères).

Qui s'en sert : `acv init` (partir d'un code INSEE ou d'un nom de commune, le reste est rempli) et
la règle INT009 (`acv validate` : id_anct, codes INSEE et SIREN en désaccord avec la liste).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

SOURCE = (
    "liste des villes Action Cœur de Ville de l'ANCT (dépôt anct-carto/action_coeur_de_ville, "
    "données d'avril 2024 publiées le 2 avril 2025)"
)


@dataclass(frozen=True)
class VilleAcv:
    """Une commune de la liste nationale."""

    id_acv: str
    insee: str
    siren_epci: str
    commune: str
    region: str


@cache
def villes() -> tuple[VilleAcv, ...]:
    """Toutes les communes de la liste, dans l'ordre des identifiants."""
    text = resources.files("acvkit").joinpath("villes-acv.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return tuple(
        VilleAcv(r["id_acv"], r["insee"], r["siren_epci"], r["commune"], r["region"]) for r in rows
    )


def _folded(nom: str) -> str:
    """« Saint-Dié-des-Vosges » → « saint die des vosges » : sans accents, casse ni tirets."""
    decomposed = unicodedata.normalize("NFKD", nom.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.replace("-", " ").replace("'", " ").replace("’", " ").split())


def by_insee(code: str) -> VilleAcv | None:
    code = code.strip().upper()
    return next((v for v in villes() if v.insee == code), None)


def by_name(nom: str) -> list[VilleAcv]:
    """Les communes de ce nom (accents, casse et tirets ignorés ; « saint » ou « st »)."""
    wanted = re.sub(r"\bste\b", "sainte", re.sub(r"\bst\b", "saint", _folded(nom)))
    return [v for v in villes() if _folded(v.commune) == wanted]


def find(texte: str) -> list[VilleAcv]:
    """Une commune par son code INSEE ou par son nom."""
    ville = by_insee(texte)
    return [ville] if ville is not None else by_name(texte)


def programme(id_acv: str) -> list[VilleAcv]:
    """Les communes d'un programme (une ou plusieurs)."""
    return [v for v in villes() if v.id_acv == id_acv.strip().upper()]
