"""Un SIREN dont la clé de contrôle ne correspond pas : un chiffre faux ou deux chiffres inversés.

Pourquoi : le SIREN identifie l'intercommunalité et les partenaires dans le tableur de l'ANCT ;
une faute de frappe y rattacherait le programme à une autre organisation, sans que rien ne
le montre. Les neuf chiffres d'un SIREN portent une clé de Luhn, vérifiée par python-stdnum :
presque toute faute de frappe la rompt.

Exemple conforme :

    territoire:
      epci: {collectivite: caba, siren: "241500230"}

Exemple fautif :

    territoire:
      epci: {collectivite: caba, siren: "241500320"}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.models.identifiers import siren_problem
from acvkit.rules.common.base import Problem, problem

CODE = "INT008"
NAME = "siren-invalide"
SEVERITY = Severity.ERROR
CHAMPS: tuple[str, ...] = ()  # ne lit aucune fiche


def check(data: Dataset) -> Iterator[Problem]:
    if data.programme is not None:
        siren = data.programme.model.territoire.epci.siren
        found = siren_problem(siren)
        if found is not None:
            yield problem(
                data.programme,
                "territoire",
                "epci",
                "siren",
                message=f"SIREN « {siren} » invalide : {found}",
                context=f"siren={siren}",
            )
    for entry in data.partenaires:
        code = entry.model.siren
        found = siren_problem(code) if code else None
        if found is not None:
            yield problem(
                entry,
                "siren",
                message=f"SIREN « {code} » de « {entry.model.id} » invalide : {found}",
                context=f"siren={code}",
            )
