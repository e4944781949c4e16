"""Les indicateurs d'évaluation chiffrés : trajectoire, verdict et leurs vues (acv indicateurs)."""

from __future__ import annotations

from acvkit.indicateurs.trajectoire import (
    TOLERANCE,
    Evaluation,
    Point,
    Series,
    Verdict,
    effective_sens,
    evaluate,
    expected,
    trajectoire,
)
from acvkit.loading.dataset import Dataset


def fiches_by_indicateur(data: Dataset) -> dict[str, list[int]]:
    """Identifiant d'indicateur → numéros des fiches qui le suivent (`indicateurs_evaluation`)."""
    out: dict[str, list[int]] = {}
    for entry in data.sorted_fiches():
        for ident in entry.model.indicateurs_evaluation or []:
            numeros = out.setdefault(ident, [])
            if entry.model.numero not in numeros:
                numeros.append(entry.model.numero)
    return out


def evaluate_dataset(data: Dataset) -> list[Evaluation]:
    """Chaque indicateur du dossier, par identifiant, évalué avec les fiches qui le suivent."""
    fiches = fiches_by_indicateur(data)
    indicateurs = sorted((e.model for e in data.indicateurs), key=lambda i: i.id)
    return [evaluate(i, fiches.get(i.id, [])) for i in indicateurs]


__all__ = [
    "TOLERANCE",
    "Evaluation",
    "Point",
    "Series",
    "Verdict",
    "effective_sens",
    "evaluate",
    "evaluate_dataset",
    "expected",
    "fiches_by_indicateur",
    "trajectoire",
]
