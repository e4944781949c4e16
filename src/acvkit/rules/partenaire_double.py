"""Un identifiant ou une graphie de partenaire est déclaré deux fois dans partenaires.yaml.

Pourquoi : si « Région » est l'alias de deux organisations, on ne sait plus qui finance quoi ; si un
identifiant est déclaré deux fois, la seconde déclaration contredit la première.

Exemple conforme :

    partenaires:
      - {id: region, nom: Région Val-de-Loire, nature: region, aliases: [Région]}
      - {id: departement, nom: Département du Val, nature: departement, aliases: [Département]}

Exemple fautif :

    partenaires:
      - {id: region, nom: Région Val-de-Loire, nature: region, aliases: [Région]}
      - {id: region, nom: Conseil régional, nature: region, aliases: [Région]}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, problem

CODE = "INT006"
NAME = "partenaire-double"
SEVERITY = Severity.ERROR
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    ids: dict[str, str] = {}
    spellings: dict[str, str] = {}
    for entry in data.partenaires:
        partenaire = entry.model
        if partenaire.id in ids:
            yield problem(
                entry,
                "id",
                message=f"identifiant « {partenaire.id} » déjà déclaré",
                context=f"id={partenaire.id}",
            )
            continue
        ids[partenaire.id] = partenaire.id
        for index, nom in enumerate([partenaire.nom, *partenaire.aliases]):
            key = nom.casefold()
            autre = spellings.get(key)
            if autre is not None and autre != partenaire.id:
                loc: tuple[str | int, ...] = ("nom",) if index == 0 else ("aliases", index - 1)
                yield problem(
                    entry,
                    *loc,
                    message=f"« {nom} » désigne déjà « {autre} »",
                    context=f"graphie={nom}",
                )
            spellings.setdefault(key, partenaire.id)
