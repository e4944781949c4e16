"""Les indicateurs d'évaluation d'une fiche dans `acv show` : leurs valeurs et leur verdict."""

from __future__ import annotations

from rich.text import Text

from acvkit.indicateurs.nombres import avec_unite
from acvkit.indicateurs.sorties import sur
from acvkit.indicateurs.trajectoire import evaluer
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche


def indicateurs_de_la_fiche(fiche: Fiche, data: Dataset) -> Text | None:
    """Pour chaque indicateur cité par la fiche (`indicateurs_evaluation`) : valeurs et verdict."""
    if not fiche.indicateurs_evaluation:
        return None
    connus = {e.model.id: e.model for e in data.indicateurs}
    texte = Text()
    for ident in fiche.indicateurs_evaluation:
        indicateur = connus.get(ident)
        if indicateur is None:
            texte.append(f"• {sur(ident)} : indicateur inconnu\n", style="red")
            continue
        evaluation = evaluer(indicateur)
        texte.append(f"• {sur(ident)} ", style="bold")
        texte.append(f"{sur(indicateur.intitule)}\n")
        unite = indicateur.unite
        ref = indicateur.reference
        if ref is not None:
            texte.append(f"    référence {ref.annee} : {sur(avec_unite(ref.valeur, unite))}\n")
        for cible in indicateur.cibles:
            texte.append(f"    cible {cible.annee} : {sur(avec_unite(cible.valeur, unite))}\n")
        for mesure in indicateur.valeurs:
            ou = ", ".join(p for p in (mesure.territoire, mesure.perimetre) if p)
            precision = f" ({sur(ou)})" if ou else ""
            note = f" – {sur(mesure.commentaire)}" if mesure.commentaire else ""
            texte.append(
                f"    {mesure.annee}{precision} : {sur(avec_unite(mesure.valeur, unite))}{note}\n"
            )
        texte.append(f"    verdict : {evaluation.verdict.value}\n", style="italic")
    return texte
