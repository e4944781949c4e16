"""Une fiche action en DOCX, dans la forme de l'avenant et du HTML : un tableau rubrique / contenu.

Mêmes rubriques, mêmes libellés et même ordre que `templates/html/fiches-action.html.j2` ; les
descriptions sont découpées en lignes et listes à puces comme en HTML (templating.blocs), les
postes, financements et phases sont des tableaux dans la cellule de leur rubrique.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.shared import Mm
from docx.table import Table, _Cell

from acvkit.annexes.context import FicheAnnexe, LigneMontant, Liste
from acvkit.annexes.docx_helpers import (
    GRIS_EN_TETE,
    ajouter_texte,
    ecrire,
    grille,
    ligne,
    paragraphe_cellule,
    sous_grille,
    tramer,
)
from acvkit.annexes.templating import blocs

GRIS_LIBELLE = "EDEDED"
VIDE = "non renseigné"  # jamais un tiret seul, qu'un lecteur d'écran lirait « tiret »
PUCE = "ListBullet"
PUCE_2 = "ListBullet2"
MARQUES = {"disque": "•", "tiret": "–", "cercle": "○", "fleche": "➢"}


def rendre_fiche(document: Document, fiche: FicheAnnexe, largeur: int) -> None:
    largeurs = [int(Mm(42)), largeur - int(Mm(42))]
    table = grille(document, largeurs)

    def rubrique(etiquette: str) -> _Cell:
        cellules = ligne(table, largeurs).cells
        ecrire(cellules[0], etiquette, gras=True)
        tramer(cellules[0], GRIS_LIBELLE)
        return cellules[1]

    ecrire(rubrique("Collectivité"), fiche.collectivite or VIDE)
    ecrire(rubrique("Type"), fiche.type or VIDE)
    axe = rubrique("Axe de rattachement")
    ecrire(axe, fiche.axe or VIDE)
    paragraphe_cellule(axe, f"Sous-axe {fiche.sous_axe}")
    if fiche.classement_fiche:
        ecrire(rubrique("Classement indiqué par la fiche"), fiche.classement_fiche)
    if fiche.titre_plan:
        ecrire(rubrique("Intitulé au plan d'action (article 7.1)"), fiche.titre_plan)
    if fiche.date_signature:
        ecrire(rubrique("Date de signature"), fiche.date_signature)
    _description(rubrique("Description du projet"), fiche.description)
    _liste(rubrique("Objectifs"), fiche.objectifs)
    ecrire(rubrique("Maître d'ouvrage"), fiche.maitre_ouvrage or VIDE)
    partenaires = rubrique("Partenaires")
    for nom in fiche.partenaires:
        paragraphe_cellule(partenaires, nom, style=PUCE)
    if fiche.partenaires_note or not fiche.partenaires:
        paragraphe_cellule(partenaires, fiche.partenaires_note or VIDE)
    cout = rubrique("Coût prévisionnel")
    ecrire(cout, fiche.cout_total or VIDE, gras=True)
    if fiche.cout_note and fiche.cout_note != fiche.cout_total:
        paragraphe_cellule(cout, fiche.cout_note)
    if fiche.postes:
        _montants(cout, "Poste", fiche.postes, largeurs[1])
    financement = rubrique("Plan de financement")
    if fiche.financements:
        _montants(financement, "Financeur", fiche.financements, largeurs[1])
    if fiche.financements_note or not fiche.financements:
        paragraphe_cellule(financement, fiche.financements_note or VIDE)
    calendrier = rubrique("Calendrier")
    if fiche.jalons:
        _jalons(calendrier, fiche.jalons, largeurs[1])
    if fiche.lancement or not fiche.jalons:
        _etiquette(calendrier, "Lancement", fiche.lancement)
    if fiche.livraison or not fiche.jalons:
        _etiquette(calendrier, "Livraison", fiche.livraison)
    _liste(rubrique("Indicateurs d'avancement"), fiche.indicateurs_avancement)
    _liste(rubrique("Indicateurs de résultat"), fiche.indicateurs_resultat)


def _etiquette(cellule: _Cell, etiquette: str, valeur: str) -> None:
    paragraphe = paragraphe_cellule(cellule, f"{etiquette} : ", italique=False)
    paragraphe.runs[0].bold = True
    ajouter_texte(paragraphe, valeur or VIDE)


def _description(cellule: _Cell, paragraphes: Sequence[str]) -> None:
    if not paragraphes:
        paragraphe_cellule(cellule, VIDE)
    for paragraphe in paragraphes:
        for bloc in blocs(paragraphe):
            if bloc.puce is None:
                paragraphe_cellule(cellule, "\n".join(bloc.lignes), italique=False)
                continue
            marque = MARQUES.get(bloc.puce, "•")
            for texte in bloc.lignes:
                paragraphe_cellule(cellule, f"{marque} {texte}", italique=False)


def _liste(cellule: _Cell, contenu: Liste) -> None:
    if contenu.vide:
        paragraphe_cellule(cellule, VIDE)
        return
    if contenu.note:
        paragraphe_cellule(cellule, contenu.note)
    for texte, details in contenu.items:
        paragraphe_cellule(cellule, texte, style=PUCE)
        for detail in details:
            paragraphe_cellule(cellule, detail, style=PUCE_2)


def _sous_tableau(cellule: _Cell, en_tetes: Sequence[str], largeurs: Sequence[int]) -> Table:
    table = sous_grille(cellule, len(largeurs))
    cellules = ligne(table, largeurs).cells
    for case, texte in zip(cellules, en_tetes, strict=True):
        ecrire(case, texte, gras=True)
        tramer(case, GRIS_EN_TETE)
    return table


def _montants(cellule: _Cell, entete: str, lignes: Sequence[LigneMontant], largeur: int) -> None:
    largeurs = [largeur - int(Mm(52)), int(Mm(48))]
    table = _sous_tableau(cellule, [entete, "Montant"], largeurs)
    for montant in lignes:
        cellules = ligne(table, largeurs).cells
        ecrire(cellules[0], montant.libelle)
        ecrire(cellules[1], montant.montant or "montant non précisé", droite=True)


def _jalons(cellule: _Cell, jalons: Sequence[tuple[str, str, str, str]], largeur: int) -> None:
    fixes = [int(Mm(28)), int(Mm(28)), int(Mm(40))]
    largeurs = [largeur - sum(fixes) - int(Mm(4)), *fixes]
    table = _sous_tableau(cellule, ["Phase", "Lancement", "Livraison", "Observation"], largeurs)
    for libelle, lancement, livraison, note in jalons:
        cellules = ligne(table, largeurs).cells
        for case, texte in zip(cellules, (libelle, lancement, livraison, note), strict=True):
            ecrire(case, texte or VIDE)


__all__ = ["rendre_fiche"]
