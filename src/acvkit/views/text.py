"""Le texte d'une fiche, le même au terminal (acv show, acv list) et dans les annexes."""

from __future__ import annotations

from acvkit.costs.fiche import EtatCout, cout_fiche
from acvkit.costs.glossary import UNKNOWN_TEXT
from acvkit.models import Fiche
from acvkit.money import format_euros

TO_BE_DETERMINED_TEXT = "À déterminer"


def cout_texte(fiche: Fiche) -> str:
    cout = cout_fiche(fiche)
    if cout.etat is EtatCout.NON_RENSEIGNE:
        # Absent n'est pas « à déterminer » : seul ce que le document écrit le dit.
        return UNKNOWN_TEXT
    if cout.etat is EtatCout.A_DETERMINER:
        return fiche.cout_note or TO_BE_DETERMINED_TEXT
    texte = format_euros(cout.montant)
    if fiche.cout is not None and fiche.cout.base is not None:
        texte += f" {fiche.cout.base.value}"
    if fiche.cout is not None and fiche.cout.note:
        texte += f" ({fiche.cout.note})"
    if cout.etat is EtatCout.PARTIAL:
        texte += " (coût partiel : un poste reste à définir)"
    elif fiche.cout is not None and fiche.cout.total is None:
        # L'avenant n'écrit pas ce total : acvkit l'a calculé, et le dit.
        texte += " (somme des postes, calculée par acvkit)"
    return texte


def calendrier_text(fiche: Fiche) -> str:
    if fiche.lancement is None and fiche.livraison is None and fiche.jalons:
        return " ; ".join(
            f"{j.libelle} : {j.lancement or '…'} → {j.livraison or '…'}" for j in fiche.jalons
        )
    lancement = str(fiche.lancement) if fiche.lancement else fiche.lancement_note
    livraison = str(fiche.livraison) if fiche.livraison else fiche.livraison_note
    if not lancement and not livraison:
        return "non renseigné"  # jamais « – → – », qu'un lecteur d'écran lirait tel quel
    return f"{lancement or 'non renseigné'} → {livraison or 'non renseigné'}"
