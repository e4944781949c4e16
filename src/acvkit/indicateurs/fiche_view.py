"""Les indicateurs d'évaluation d'une fiche dans `acv show` : leurs valeurs et leur verdict."""

from __future__ import annotations

from rich.text import Text

from acvkit.indicateurs.number_text import with_unite
from acvkit.indicateurs.outputs import safe
from acvkit.indicateurs.trajectoire import evaluate
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche


def fiche_indicateurs(fiche: Fiche, data: Dataset) -> Text | None:
    """Pour chaque indicateur cité par la fiche (`indicateurs_evaluation`) : valeurs et verdict."""
    if not fiche.indicateurs_evaluation:
        return None
    known = {e.model.id: e.model for e in data.indicateurs}
    texte = Text()
    for ident in fiche.indicateurs_evaluation:
        indicateur = known.get(ident)
        if indicateur is None:
            texte.append(f"• {safe(ident)} : indicateur inconnu\n", style="red")
            continue
        evaluation = evaluate(indicateur)
        texte.append(f"• {safe(ident)} ", style="bold")
        texte.append(f"{safe(indicateur.intitule)}\n")
        unite = indicateur.unite
        ref = indicateur.reference
        if ref is not None:
            texte.append(f"    référence {ref.annee} : {safe(with_unite(ref.valeur, unite))}\n")
        for cible in indicateur.cibles:
            texte.append(f"    cible {cible.annee} : {safe(with_unite(cible.valeur, unite))}\n")
        for mesure in indicateur.valeurs:
            where = ", ".join(p for p in (mesure.territoire, mesure.perimetre) if p)
            precision = f" ({safe(where)})" if where else ""
            note = f" – {safe(mesure.commentaire)}" if mesure.commentaire else ""
            texte.append(
                f"    {mesure.annee}{precision} : {safe(with_unite(mesure.valeur, unite))}{note}\n"
            )
        texte.append(f"    verdict : {evaluation.verdict.value}\n", style="italic")
    return texte
