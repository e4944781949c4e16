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

from acvkit.annexes.context import FicheAnnexe, ItemList, MontantRow
from acvkit.annexes.docx.helpers import (
    HEADER_GRAY,
    TABLE_FONT_SIZE,
    add_text,
    cell_paragraph,
    grid,
    ligne,
    shade_cell,
    sub_grid,
    write,
)
from acvkit.annexes.docx.page import inner_width
from acvkit.annexes.templating import blocs

GREY_LIBELLE = "EDEDED"
EMPTY = "non renseigné"  # jamais un tiret seul, qu'un lecteur d'écran lirait « tiret »
BULLET = "ListBullet"
BULLET_2 = "ListBullet2"
MARKS = {"disque": "•", "tiret": "–", "cercle": "○", "fleche": "➢"}


def render_fiche(
    document: Document, fiche: FicheAnnexe, largeur: int, article_plan: str = " (article 7.1)"
) -> None:
    """La fiche en tableau ; `article_plan` : « (article 7.1) », ou "" sans numéro d'article."""
    largeurs = [int(Mm(42)), largeur - int(Mm(42))]
    table = grid(document, largeurs)

    def rubric(label: str) -> _Cell:
        cellules = ligne(table, largeurs).cells
        write(cellules[0], label, bold=True)
        shade_cell(cellules[0], GREY_LIBELLE)
        return cellules[1]

    write(rubric("Collectivité"), fiche.collectivite or EMPTY)
    write(rubric("Type"), fiche.type or EMPTY)
    axe = rubric("Axe de rattachement")
    if fiche.rattachement:
        write(axe, fiche.rattachement[0])
        for texte in fiche.rattachement[1:]:
            cell_paragraph(axe, texte)
        classement = f"sous-axe {fiche.sous_axe}" if fiche.sous_axe else fiche.axe
        cell_paragraph(axe, f"Plan d'action (article 7.1) : {classement}")
    else:
        write(axe, fiche.axe or EMPTY)
        if fiche.sous_axe:  # vide pour une fiche rattachée à l'axe lui-même
            cell_paragraph(axe, f"Sous-axe {fiche.sous_axe}")
    if fiche.classement_fiche and not fiche.rattachement:
        write(rubric("Classement indiqué par la fiche"), fiche.classement_fiche)
    if fiche.titre_plan:
        write(rubric(f"Intitulé au plan d'action{article_plan}"), fiche.titre_plan)
    if fiche.date_signature:
        write(rubric("Date de signature"), fiche.date_signature)
    _description(rubric("Description du projet"), fiche.description)
    _write_item_list(rubric("Objectifs"), fiche.objectifs)
    write(rubric("Maître d'ouvrage"), fiche.maitre_ouvrage or EMPTY)
    partenaires = rubric("Partenaires")
    for nom in fiche.partenaires:
        cell_paragraph(partenaires, nom, style=BULLET)
    if fiche.partenaires_note or not fiche.partenaires:
        cell_paragraph(partenaires, fiche.partenaires_note or EMPTY)
    cout = rubric("Coût prévisionnel")
    write(cout, fiche.cout_total or EMPTY, bold=True)
    if fiche.cout_note and fiche.cout_note != fiche.cout_total:
        cell_paragraph(cout, fiche.cout_note)
    if fiche.postes:
        _montants(cout, "Poste", fiche.postes, largeurs[1])
    financement = rubric("Plan de financement")
    if fiche.financements:
        _montants(financement, "Financeur", fiche.financements, largeurs[1])
    if fiche.financements_note or not fiche.financements:
        cell_paragraph(financement, fiche.financements_note or EMPTY)
    calendrier = rubric("Calendrier")
    if fiche.jalons:
        _jalons(calendrier, fiche.jalons, largeurs[1])
    if fiche.lancement or not fiche.jalons:
        _label(calendrier, "Lancement", fiche.lancement)
    if fiche.livraison or not fiche.jalons:
        _label(calendrier, "Livraison", fiche.livraison)
    _write_item_list(rubric("Indicateurs d'avancement"), fiche.indicateurs_avancement)
    _write_item_list(rubric("Indicateurs de résultat"), fiche.indicateurs_resultat)


def _label(cellule: _Cell, label: str, valeur: str) -> None:
    paragraphe = cell_paragraph(cellule, f"{label} : ", italic=False)
    paragraphe.runs[0].bold = True
    add_text(paragraphe, valeur or EMPTY, size=TABLE_FONT_SIZE)  # la taille du libellé


def _description(cellule: _Cell, paragraphes: Sequence[str]) -> None:
    if not paragraphes:
        cell_paragraph(cellule, EMPTY)
    for paragraphe in paragraphes:
        for bloc in blocs(paragraphe):
            if bloc.puce is None:
                cell_paragraph(cellule, "\n".join(bloc.lignes), italic=False)
                continue
            mark = MARKS.get(bloc.puce, "•")
            for texte in bloc.lignes:
                cell_paragraph(cellule, f"{mark} {texte}", italic=False)


def _write_item_list(cellule: _Cell, contenu: ItemList) -> None:
    if contenu.vide:
        cell_paragraph(cellule, EMPTY)
        return
    if contenu.note:
        cell_paragraph(cellule, contenu.note)
    for texte, details in contenu.items:
        cell_paragraph(cellule, texte, style=BULLET)
        for detail in details:
            cell_paragraph(cellule, detail, style=BULLET_2)


def _sub_table(cellule: _Cell, headers: Sequence[str], largeurs: Sequence[int]) -> Table:
    table = sub_grid(cellule, largeurs)
    cellules = ligne(table, largeurs).cells
    for case, texte in zip(cellules, headers, strict=True):
        write(case, texte, bold=True)
        shade_cell(case, HEADER_GRAY)
    return table


def _montants(cellule: _Cell, entete: str, lignes: Sequence[MontantRow], largeur: int) -> None:
    inner = inner_width(largeur)
    largeurs = [inner - int(Mm(40)), int(Mm(40))]
    table = _sub_table(cellule, [entete, "Montant"], largeurs)
    for montant in lignes:
        cellules = ligne(table, largeurs).cells
        write(cellules[0], montant.libelle)
        write(cellules[1], montant.montant or "montant non précisé", right=True)


def _jalons(cellule: _Cell, jalons: Sequence[tuple[str, str, str, str]], largeur: int) -> None:
    fixes = [int(Mm(26)), int(Mm(26)), int(Mm(40))]
    largeurs = [inner_width(largeur) - sum(fixes), *fixes]
    table = _sub_table(cellule, ["Phase", "Lancement", "Livraison", "Observation"], largeurs)
    for libelle, lancement, livraison, note in jalons:
        cellules = ligne(table, largeurs).cells
        for case, texte in zip(cellules, (libelle, lancement, livraison, note), strict=True):
            write(case, texte or EMPTY)


__all__ = ["render_fiche"]
