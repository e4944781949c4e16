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
from acvkit.models.document import NATIONAL

PROVISIONAL = re.compile(r"X{3,}")
TO_BE_DETERMINED = re.compile(r"^\s*[AÀ] (?:déterminer|définir)", re.IGNORECASE)


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


def _texts(obj: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(obj, dict):
        for key, valeur in obj.items():
            yield from _texts(valeur, f"{path}.{key}" if path else str(key))
    elif isinstance(obj, list):
        for ordinal, valeur in enumerate(obj, start=1):
            yield from _texts(valeur, f"{path} {ordinal}")
    elif isinstance(obj, str):
        yield path, obj


def points_attention(data: Dataset, avertissements: list[str] | None = None) -> PointsAttention:
    a_determiner = []
    classements = []
    provisoires = []
    document = data.programme.model.structure() if data.programme else NATIONAL
    plan = document.cite("plan-action")  # « l'article 7.1 »
    for entry in data.sorted_fiches():
        fiche = entry.model
        rubrics = []
        if cout_fiche(fiche).etat is EtatCout.A_DETERMINER:
            rubrics.append("coût")
        elif cout_fiche(fiche).etat is EtatCout.PARTIAL:
            rubrics.append("une partie du coût")
        if not fiche.financements and TO_BE_DETERMINED.match(fiche.financements_note or ""):
            rubrics.append("financements")
        for nom, periode, note in (
            ("lancement", fiche.lancement, fiche.lancement_note),
            ("livraison", fiche.livraison, fiche.livraison_note),
        ):
            if (periode is not None and not periode.is_dated) or TO_BE_DETERMINED.match(note or ""):
                rubrics.append(nom)
        if rubrics:
            a_determiner.append(f"FA {fiche.numero} : " + ", ".join(rubrics))
        if fiche.classement_fiche:
            classements.append(
                f"FA {fiche.numero} : la fiche indique « {fiche.classement_fiche} » ; "
                f"{plan} la classe en {fiche.sous_axe}"
            )
        for path, texte in _texts(fiche.model_dump(mode="json", exclude_none=True)):
            if PROVISIONAL.search(texte):
                provisoires.append(f"FA {fiche.numero}, {path} : « {texte} »")
    if data.programme is not None:
        for path, texte in _texts(data.programme.model.model_dump(mode="json")):
            if PROVISIONAL.search(texte):
                provisoires.append(f"programme.yaml, {path} : « {texte} »")
    return PointsAttention(list(avertissements or []), a_determiner, classements, provisoires)
