"""Le registre explicite des règles : un module par règle, plus les codes émis à la lecture."""

from __future__ import annotations

from acvkit.rules import (
    action_sans_indicateur,
    alias_au_lieu_d_id,
    axe_sans_indicateur,
    axes_coherents,
    caractere_suspect,
    contenu_copie,
    contenu_vide,
    financements_superieurs,
    financeur_double,
    ht_ttc_melanges,
    indicateur_coherent,
    indicateur_inconnu,
    jalon_hors_fiche,
    ligne_de_schema,
    livraison_avant_lancement,
    livree_apres_periode,
    livree_avant_periode,
    nom_de_fichier,
    numero_unique,
    partenaire_double,
    periode_incomprise,
    poste_inconnu,
    postes_total,
    reference_inconnue,
    sous_axe_inconnu,
    texte_provisoire,
)
from acvkit.rules.base import Problem, Rule
from acvkit.rules.lecture import ENGINE_RULES, LOADER_RULES

_MODULES = [
    numero_unique,
    nom_de_fichier,
    sous_axe_inconnu,
    reference_inconnue,
    alias_au_lieu_d_id,
    partenaire_double,
    axes_coherents,
    postes_total,
    financements_superieurs,
    ht_ttc_melanges,
    financeur_double,
    poste_inconnu,
    livraison_avant_lancement,
    livree_avant_periode,
    livree_apres_periode,
    jalon_hors_fiche,
    periode_incomprise,
    contenu_vide,
    contenu_copie,
    texte_provisoire,
    action_sans_indicateur,
    caractere_suspect,
    indicateur_inconnu,
    axe_sans_indicateur,
    indicateur_coherent,
    ligne_de_schema,
]

CHECK_RULES: dict[str, Rule] = {r.code: r for r in (Rule.from_module(m) for m in _MODULES)}
ALL_RULES: dict[str, Rule] = dict(
    sorted({**{r.code: r for r in LOADER_RULES + ENGINE_RULES}, **CHECK_RULES}.items())
)

__all__ = ["ALL_RULES", "CHECK_RULES", "Problem", "Rule"]
