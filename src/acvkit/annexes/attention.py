"""Les points d'attention de l'index : ce qu'un relecteur doit voir avant de signer.

Les avertissements de validation, ce qui reste « à déterminer », les fiches que leur propre
en-tête classe ailleurs que l'article 7.1, les textes provisoires (« XXXXXXX ») à remplacer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from acvkit.costs.fiche import EtatCout, cout_fiche
from acvkit.loading.dataset import Dataset

PROVISOIRE = re.compile(r"X{3,}")
A_DETERMINER = re.compile(r"^\s*[AÀ] (?:déterminer|définir)", re.IGNORECASE)


@dataclass(frozen=True)
class PointsAttention:
    avertissements: list[str] = field(default_factory=list)  # « fichier:ligne CODE message »
    a_determiner: list[str] = field(default_factory=list)  # « FA 44 : coût, financements »
    classements: list[str] = field(default_factory=list)  # « FA 44 : la fiche indique … »
    provisoires: list[str] = field(default_factory=list)  # « programme.yaml, signataires : … »

    @property
    def vide(self) -> bool:
        return not (
            self.avertissements or self.a_determiner or self.classements or self.provisoires
        )


def _textes(objet: Any, chemin: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(objet, dict):
        for cle, valeur in objet.items():
            yield from _textes(valeur, f"{chemin}.{cle}" if chemin else str(cle))
    elif isinstance(objet, list):
        for rang, valeur in enumerate(objet, start=1):
            yield from _textes(valeur, f"{chemin} {rang}")
    elif isinstance(objet, str):
        yield chemin, objet


def points_attention(data: Dataset, avertissements: list[str] | None = None) -> PointsAttention:
    a_determiner = []
    classements = []
    provisoires = []
    for entry in data.fiches_triees():
        fiche = entry.model
        rubriques = []
        if cout_fiche(fiche).etat is EtatCout.A_DETERMINER:
            rubriques.append("coût")
        elif cout_fiche(fiche).etat is EtatCout.PARTIEL:
            rubriques.append("une partie du coût")
        if not fiche.financements and A_DETERMINER.match(fiche.financements_note or ""):
            rubriques.append("financements")
        for nom, periode, note in (
            ("lancement", fiche.lancement, fiche.lancement_note),
            ("livraison", fiche.livraison, fiche.livraison_note),
        ):
            if (periode is not None and not periode.datee) or A_DETERMINER.match(note or ""):
                rubriques.append(nom)
        if rubriques:
            a_determiner.append(f"FA {fiche.numero} : " + ", ".join(rubriques))
        if fiche.classement_fiche:
            classements.append(
                f"FA {fiche.numero} : la fiche indique « {fiche.classement_fiche} » ; "
                f"l'article 7.1 la classe en {fiche.sous_axe}"
            )
        for chemin, texte in _textes(fiche.model_dump(mode="json", exclude_none=True)):
            if PROVISOIRE.search(texte):
                provisoires.append(f"FA {fiche.numero}, {chemin} : « {texte} »")
    if data.programme is not None:
        for chemin, texte in _textes(data.programme.model.model_dump(mode="json")):
            if PROVISOIRE.search(texte):
                provisoires.append(f"programme.yaml, {chemin} : « {texte} »")
    return PointsAttention(list(avertissements or []), a_determiner, classements, provisoires)
