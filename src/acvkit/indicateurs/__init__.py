"""Les indicateurs d'évaluation chiffrés : trajectoire, verdict et leurs vues (acv indicateurs)."""

from __future__ import annotations

from acvkit.indicateurs.trajectoire import (
    TOLERANCE,
    Evaluation,
    Point,
    Serie,
    Verdict,
    attendu,
    evaluer,
    sens_effectif,
    trajectoire,
)
from acvkit.loading.dataset import Dataset


def fiches_par_indicateur(data: Dataset) -> dict[str, list[int]]:
    """Identifiant d'indicateur → numéros des fiches qui le suivent (`indicateurs_evaluation`)."""
    out: dict[str, list[int]] = {}
    for entry in data.fiches_triees():
        for ident in entry.model.indicateurs_evaluation or []:
            numeros = out.setdefault(ident, [])
            if entry.model.numero not in numeros:
                numeros.append(entry.model.numero)
    return out


def evaluer_dataset(data: Dataset) -> list[Evaluation]:
    """Chaque indicateur du dossier, par identifiant, évalué avec les fiches qui le suivent."""
    fiches = fiches_par_indicateur(data)
    indicateurs = sorted((e.model for e in data.indicateurs), key=lambda i: i.id)
    return [evaluer(i, fiches.get(i.id, [])) for i in indicateurs]


__all__ = [
    "TOLERANCE",
    "Evaluation",
    "Point",
    "Serie",
    "Verdict",
    "attendu",
    "evaluer",
    "evaluer_dataset",
    "fiches_par_indicateur",
    "sens_effectif",
    "trajectoire",
]
