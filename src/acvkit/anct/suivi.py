"""Le suivi dans le tableur ANCT : valeurs calculées de la feuille « Actions » et colonnes de la
vie des financements (feuille « Financements »), relues par `acv import` (importing_suivi.py).

Le réalisé s'écrit « 2024 : 300 000 € ; 2025 : 120 000 € HT » (la base seulement quand la ligne
en donne une) : une écriture que l'import relit exactement.
"""

from __future__ import annotations

from acvkit.models import Fiche, StatutFinancement
from acvkit.money import format_euros

SEPARATEUR_REALISE = " ; "

STATUTS_FINANCEMENT: dict[StatutFinancement, str] = {
    StatutFinancement.PREVU: "Prévu",
    StatutFinancement.DEMANDE: "Demandé",
    StatutFinancement.ATTRIBUE: "Attribué",
    StatutFinancement.REFUSE: "Refusé",
    StatutFinancement.VERSE: "Versé",
}

# Les colonnes ajoutées à la feuille « Financements » (en-tête, largeur), après celles d'avant.
ENTETES_CYCLE = [
    ("Statut du financement", 16),
    ("Montant demandé", 16),
    ("Montant attribué", 16),
    ("Montant versé", 16),
    ("Date d'attribution", 14),
    ("Référence", 24),
]


def realise_text(fiche: Fiche, ctx: object = None) -> str | None:
    """« 2024 : 300 000 € ; 2025 : 120 000 € HT », ou rien sans dépense réalisée."""
    pieces = []
    for r in fiche.realise or []:
        texte = f"{r.annee} : {format_euros(r.montant)}"
        if r.base is not None:
            texte += f" {r.base.value}"
        pieces.append(texte)
    return SEPARATEUR_REALISE.join(pieces) or None


def last_suivi(fiche: Fiche, ctx: object = None) -> str | None:
    """« 20/06/2025 : Offres en cours d'analyse » (la dernière entrée du journal)."""
    from acvkit.suivi.etat import last_entry

    last = last_entry(fiche)
    if last is None:
        return None
    texte = f"{last.date:%d/%m/%Y}"
    if last.note:
        texte += f" : {last.note}"
    if last.vigilance:
        texte += " (vigilance : " + " ; ".join(last.vigilance) + ")"
    return texte
