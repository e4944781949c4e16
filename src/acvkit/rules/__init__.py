"""Le registre explicite des règles : un module par règle, plus les codes émis à la lecture."""

from __future__ import annotations

from acvkit.rules import (
    action_sans_indicateur,
    alias_au_lieu_d_id,
    annees_desordonnees,
    annexe_inconnue,
    article_manquant,
    axe_sans_indicateur,
    axes_coherents,
    caractere_suspect,
    cible_hors_periode,
    contenu_copie,
    contenu_vide,
    fiche_sans_annexe,
    financements_superieurs,
    financeur_double,
    ht_ttc_melanges,
    indicateur_coherent,
    indicateur_inconnu,
    indicateur_sans_valeur,
    jalon_hors_fiche,
    ligne_de_schema,
    livraison_avant_lancement,
    livree_apres_periode,
    livree_avant_periode,
    nom_de_fichier,
    numero_unique,
    partenaire_double,
    partie_incoherente,
    perimetre_hors_indicateur,
    periode_incomprise,
    poste_inconnu,
    postes_total,
    reference_inconnue,
    secteur_incoherent,
    siren_invalide,
    sous_axe_inconnu,
    territoire_hors_programme,
    territoire_national,
    texte_article,
    texte_provisoire,
    valeur_en_double,
    valeur_sans_source,
    valeur_sans_unite,
)
from acvkit.rules.common.base import Problem, Rule
from acvkit.rules.common.suivi_registry import SUIVI_MODULES
from acvkit.rules.loader_codes import ENGINE_RULES, LOADER_RULES

_MODULES = [
    numero_unique,
    nom_de_fichier,
    sous_axe_inconnu,
    reference_inconnue,
    alias_au_lieu_d_id,
    partenaire_double,
    axes_coherents,
    siren_invalide,
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
    *SUIVI_MODULES,  # suivi après la signature (SUI)
    valeur_sans_unite,
    perimetre_hors_indicateur,
    territoire_hors_programme,
    territoire_national,
    valeur_en_double,
    annees_desordonnees,
    cible_hors_periode,
    valeur_sans_source,
    indicateur_sans_valeur,
    ligne_de_schema,
    # Le texte de l'avenant (dossier avenant/)
    article_manquant,
    annexe_inconnue,
    fiche_sans_annexe,
    secteur_incoherent,
    texte_article,
    partie_incoherente,
]

CHECK_RULES: dict[str, Rule] = {r.code: r for r in (Rule.from_module(m) for m in _MODULES)}
ALL_RULES: dict[str, Rule] = dict(
    sorted({**{r.code: r for r in LOADER_RULES + ENGINE_RULES}, **CHECK_RULES}.items())
)

__all__ = ["ALL_RULES", "CHECK_RULES", "Problem", "Rule"]
