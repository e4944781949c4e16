"""Le texte d'une fiche, le même au terminal (acv show, acv list) et dans les annexes."""

from __future__ import annotations

from collections.abc import Callable

from acvkit.costs.fiche import EtatCout, cout_fiche
from acvkit.costs.glossary import UNKNOWN_TEXT
from acvkit.models import Fiche
from acvkit.money import format_euros

TO_BE_DETERMINED_TEXT = "À déterminer"


def with_note(texte: str, note: str | None) -> str:
    """Une rubrique et la note écrite à côté d'elle : « Fin 2019 (restitution publique…) » ;
    la note seule quand la rubrique est vide. Aucune note n'est perdue."""
    if texte and note:
        return f"{texte} ({note})"
    return texte or note or ""


def maitre_ouvrage_text(fiche: Fiche, names: Callable[[str], str]) -> str:
    """Les maîtres d'ouvrage, chacun nommé (« Ville de … ; Communauté de … »), et leur note."""
    noms = " ; ".join(names(m) for m in fiche.maitres_ouvrage)
    return with_note(noms, fiche.maitre_ouvrage_note)


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
    lancement = with_note(str(fiche.lancement or ""), fiche.lancement_note)
    livraison = with_note(str(fiche.livraison or ""), fiche.livraison_note)
    if not lancement and not livraison:
        return "non renseigné"  # jamais « – → – », qu'un lecteur d'écran lirait tel quel
    return f"{lancement or 'non renseigné'} → {livraison or 'non renseigné'}"
