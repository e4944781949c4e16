"""Les règles du suivi après la signature (SUI), dans l'ordre de leurs codes."""

from __future__ import annotations

from types import ModuleType

from acvkit.rules import (
    attribue_superieur,
    fiche_en_retard,
    livree_avant_livraison,
    montant_sur_refus,
    realise_hors_calendrier,
    realise_superieur,
    statut_suivi,
    suivi_dates,
    suivi_non_a_jour,
    verse_superieur,
)

SUIVI_MODULES: list[ModuleType] = [
    statut_suivi,
    suivi_dates,
    livree_avant_livraison,
    fiche_en_retard,
    suivi_non_a_jour,
    verse_superieur,
    attribue_superieur,
    montant_sur_refus,
    realise_hors_calendrier,
    realise_superieur,
]
