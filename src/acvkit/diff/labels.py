"""Le nom d'un champ et la valeur d'un changement en mots, jamais en clés du format.

Un champ se nomme par le titre que lui donne son modèle (« Montant attribué », « Date
d'attribution ») ; une valeur composée (une cible, un signataire) se dit par les titres de ses
champs ; une date ISO s'écrit JJ/MM/AAAA ; une valeur d'indicateur porte son unité.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel

from acvkit.diff.amounts import ISO_DAY, NOT_FILLED, day, euros_bases, quantity
from acvkit.diff.fields import is_montant
from acvkit.models.financement import NatureFinancement
from acvkit.models.suivi import Statut

CHAMPS = {
    "titre": "Titre",
    "collectivite": "Collectivité",
    "type": "Type",
    "sous_axe": "Sous-axe",
    "statut": "Statut",
    "date_signature": "Date de signature",
    "lieu_signature": "Lieu de signature",
    "description": "Description",
    "objectifs": "Objectifs",
    "maitre_ouvrage": "Maître d'ouvrage",
    "partenaires": "Partenaires",
    "cout.total": "Coût",
    "cout.etat": "Chiffrage du coût",
    "cout.note": "Note du coût",
    "cout.base": "Base du coût",
    "cout.total_ecrit": "Coût total écrit",
    "lancement": "Lancement",
    "livraison": "Livraison",
    "indicateurs_avancement": "Indicateurs d'avancement",
    "indicateurs_resultat": "Indicateurs de résultat",
    "indicateurs_evaluation": "Indicateurs d'évaluation",
    "intitule": "Intitulé",
    "critere": "Critère",
    "sources": "Sources",
    "perimetre": "Périmètre",
    "nom": "Nom",
    "nature": "Nature",
    "aliases": "Autres graphies",
    "reference": "Valeur de référence",
    "reference.annee": "Année de la valeur de référence",
    "reference.valeur": "Valeur de référence",
    "reference.source": "Source de la valeur de référence",
}
VALUE_LABELS = {
    **{s.value: s.libelle.lower() for s in Statut},
    "etude": "étude",
    "action": "action",
    "connu": "chiffré",
    "partiel": "partiellement chiffré",
    "a_determiner": "à déterminer",
    "non_renseigne": "non renseigné",
    # La nature d'un financement, dite comme le glossaire la dit (« prêt »).
    **{n.value: n.libelle for n in NatureFinancement},
    "prevu": "prévu",
    "demande": "demandé",
    "attribue": "attribué",
    "refuse": "refusé",
    "verse": "versé",
    "collectivite_beneficiaire": "collectivité bénéficiaire",
    "partenaire_financeur": "partenaire financeur",
}
# Les champs dont la valeur est l'identifiant d'un partenaire : dits par son nom.
ID_FIELDS = {"organisation", "collectivite", "financeur", "territoire", "maitre_ouvrage"}
_BRACKETS = re.compile(r"^(.*?)\[(.*)\](.*)$")
# Les listes de sous-modèles dont un élément se nomme « Cible 2026 », « Signataire Ville de … ».
ITEM_NAMES = {
    "cibles": "Cible",
    "valeurs": "Mesure",
    "sous_axes": "Sous-axe",
    "signataires": "Signataire",
    "territoire.communes": "Commune",
    "jalons": "Phase",
    "cout.postes": "Poste",
    "echeancier": "Échéancier",
    "realise": "Réalisé",
    "suivi": "Suivi du",
}
QUANTITIES = ("cibles", "valeurs", "reference")


@cache
def titles() -> dict[str, str]:
    """Nom de champ → son titre, pour chaque modèle du format (le premier titre rencontré)."""
    from acvkit.models import Fiche, Indicateur, Partenaire, Programme
    from acvkit.models.referentiel import Axe

    out: dict[str, str] = {}
    seen: set[type[BaseModel]] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for nom, info in model.model_fields.items():
            if info.title:
                out.setdefault(nom, info.title)
            for sub in _models_in(info.annotation):
                walk(sub)

    for model in (Fiche, Indicateur, Partenaire, Programme, Axe):
        walk(model)
    return out


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def field_title(nom: str) -> str:
    return CHAMPS.get(nom) or titles().get(nom) or nom.replace("_", " ").capitalize()


def texte(v: Any, names: dict[str, str] | None = None, unite: str | None = None) -> str:
    """Une valeur de changement en mots ; `unite` : celle d'un indicateur, pour ses valeurs."""
    names = names or {}
    if v is None:
        return NOT_FILLED
    if is_montant(v):
        return euros_bases(v)
    if isinstance(v, dict) and "texte" in v and "debut" in v:
        if v["debut"] is None:
            return str(v["texte"])
        return f"{v['texte']} ({day(v['debut'])} – {day(v['fin'])})"
    if isinstance(v, dict) and "financeur" in v:
        nom = names.get(v["financeur"], v["financeur"])
        return f"{nom} : {euros_bases(v['montant']) if v['montant'] else 'sans montant'}"
    if isinstance(v, dict) and "libelle" in v and "montant" in v:
        return f"{v['libelle']} : {euros_bases(v['montant'])}"
    if isinstance(v, dict) and "annee" in v and "valeur" in v:
        texte_ = f"{quantity(v['valeur'], unite)} en {v['annee']}"
        details = [
            f"{field_title(k).lower()} : {texte(x, names)}"
            for k, x in v.items()
            if k not in {"annee", "valeur"} and x is not None
        ]
        return texte_ + (f" ({' ; '.join(details)})" if details else "")
    if isinstance(v, dict):
        return (
            " ; ".join(
                f"{field_title(k)} : "
                + (
                    names.get(x, x)
                    if k in ID_FIELDS and isinstance(x, str)
                    else texte(x, names, unite)
                )
                for k, x in v.items()
                if x is not None
            )
            or NOT_FILLED
        )
    if isinstance(v, list):
        return " ; ".join(texte(x, names, unite) for x in v) if v else NOT_FILLED
    if isinstance(v, str):
        if ISO_DAY.match(v):
            return day(v)
        return VALUE_LABELS.get(v, v)
    if isinstance(v, bool):
        return "oui" if v else "non"
    return str(v)


def is_quantity(path: str) -> bool:
    """Le chemin d'une valeur d'indicateur (cible, mesure, référence) : écrite avec l'unité."""
    return path.startswith(QUANTITIES) and path.rsplit(".", 1)[-1] == "valeur"


def champ(path: str, names: dict[str, str]) -> str:
    """Le nom d'un champ pour un lecteur : « Financement (Région Hauts-de-France) (Note) »."""
    if path in CHAMPS:
        return CHAMPS[path]
    match = _BRACKETS.match(path)
    if match is None:
        head, _, last = path.rpartition(".")
        if head in {"territoire", "territoire.epci", "pilotage"}:
            return f"{field_title(head.split('.')[-1])} ({field_title(last).lower()})"
        return field_title(last)
    head, key, suite = match.groups()
    suite = suite.lstrip(".")
    detail = f" ({field_title(suite).lower()})" if suite and suite != "montant" else ""
    key_text = key.replace(" · ", ", ")
    if head == "financements":
        return f"Financement ({names.get(key, key)}){detail}"
    if head in {"cout.postes", "jalons"}:
        return f"{ITEM_NAMES[head]} « {key} »{detail}"
    if head in {"echeancier", "realise"}:
        return f"{ITEM_NAMES[head]} {key}" + (" (base)" if suite == "base" else "")
    if head in {"signataires", "territoire.communes"}:
        return f"{ITEM_NAMES[head]} {names.get(key, key)}{detail}"
    if head in ITEM_NAMES:
        return f"{ITEM_NAMES[head]} {key_text}{detail if suite != 'valeur' else ''}"
    return f"{field_title(head.rsplit('.', 1)[-1])} « {key_text} »{detail}"
