"""Le rendu DOCX de la maquette financière (Annexe 5) : mêmes tableaux, totaux et graphiques que le HTML."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Length, Mm

from acvkit.annexes.context import Annexes
from acvkit.annexes.docx_blocks import (
    LEGENDE,
    PETIT,
)
from acvkit.annexes.docx_blocks import (
    fiche_et_collectivite as _fiche_et_collectivite,
)
from acvkit.annexes.docx_blocks import (
    largeurs_colonnes as _largeurs,
)
from acvkit.annexes.docx_blocks import (
    ligne_total as _ligne_total,
)
from acvkit.annexes.docx_blocks import (
    paragraphe_docx as _paragraphe,
)
from acvkit.annexes.docx_blocks import (
    titre_docx as _titre,
)
from acvkit.annexes.docx_helpers import (
    ecrire,
    largeur_utile,
    ligne,
    marges,
    page_a4,
    paragraphe_cellule,
    tableau,
)
from acvkit.annexes.maquette import Graphique, Maquette, MontantsBases, TotalMaquette
from acvkit.money import format_euros

NOTE_RESTE = (
    "¹ Reste à charge des seules fiches où il est connu : il ne se déduit pas des colonnes "
    "précédentes quand des fiches en sont exclues (colonne « Non compté »)."
)
NOTE_BASES = (
    "« TTC, déduit du coût » : montant dont la fiche ne donne pas la base, compté dans celle de "
    "son coût. « Montant non précisé » : financeur nommé sans montant. Le coût partiel d'une "
    "fiche dont un poste reste à définir compte dans le coût chiffré."
)


def rendre_maquette(document: Document, annexes: Annexes) -> None:
    maquette = annexes.maquette
    section = document.sections[0]
    page_a4(section, paysage=True)
    largeur = largeur_utile(section)
    _titre(document, "Coût et financements par fiche", 1)
    _paragraphe(
        document,
        "Montants tels qu'écrits dans les fiches, chacun avec sa base, un financeur par colonne. "
        "Reste à charge : coût moins financements des partenaires, dans la même base, donné "
        "seulement lorsqu'il est connu. La part que le maître d'ouvrage annonce pour lui-même "
        "(autofinancement) n'est pas un financement de partenaire.",
    )
    _par_fiche(document, maquette, largeur)
    _titre(document, "Par financeur", 1)
    _par_financeur(document, maquette, largeur)
    _titre(document, "Totaux par axe", 1)
    _totaux(document, "Axe", [*maquette.par_axe, maquette.total], largeur)
    _titre(document, "Totaux par collectivité", 1)
    _totaux(document, "Collectivité", [*maquette.par_collectivite, maquette.total], largeur)
    _paragraphe(
        document,
        f"{NOTE_RESTE} Fiches au reste non déterminable : {maquette.exclusions}.",
        style=LEGENDE,
    )
    _titre(document, "Répartition du coût chiffré", 1)
    _paragraphe(
        document,
        "Un graphique par base : les montants HT, TTC et de base non précisée ne sont jamais "
        "additionnés ni empilés. Seuls les coûts connus y figurent ; ce qui manque est dit sous "
        "chaque graphique.",
    )
    for graphique in maquette.graphiques:
        _graphique(document, graphique, largeur)


def _par_fiche(document: Document, maquette: Maquette, largeur: int) -> None:
    financeurs = maquette.financeurs
    fixes: list[Length | None] = [Mm(12), Mm(40), Mm(24), *([None] * len(financeurs)), Mm(30)]
    if not financeurs:
        fixes[1] = None
    largeurs = _largeurs(largeur, fixes)
    en_tetes = ["Fiche", "Action", "Coût", *(f.court for f in financeurs), "Reste à charge"]
    table = tableau(document, en_tetes, largeurs, droite=range(2, len(en_tetes)), taille=PETIT)
    # Colonnes étroites : des marges de 1 mm laissent la place aux montants.
    marges(table, Mm(1))
    for fiche in maquette.lignes:
        cellules = ligne(table, largeurs).cells
        ecrire(cellules[0], f"FA {fiche.numero}", taille=PETIT)
        _fiche_et_collectivite(cellules[1], fiche.titre, fiche.collectivite, PETIT)
        ecrire(cellules[2], fiche.cout_texte, droite=True, taille=PETIT)
        for cellule, financeur in zip(cellules[3:-1], financeurs, strict=True):
            contenu = fiche.financements.get(financeur.id)
            ecrire(cellule, contenu.texte if contenu else "", droite=True, taille=PETIT)
        ecrire(cellules[-1], fiche.reste_texte, droite=True, taille=PETIT)
        if fiche.autofinancement_texte:
            paragraphe_cellule(
                cellules[-1], fiche.autofinancement_texte, italique=True, taille=PETIT
            )
    pied = _ligne_total(table, largeurs)
    ecrire(pied[0], "Total", gras=True, taille=PETIT)
    ecrire(pied[2], maquette.total_cout.texte, droite=True, gras=True, taille=PETIT)
    for cellule, financeur in zip(pied[3:-1], financeurs, strict=True):
        texte = maquette.total_financeurs[financeur.id].texte
        ecrire(cellule, texte, droite=True, gras=True, taille=PETIT)
    ecrire(pied[-1], maquette.total_reste.texte + " ¹", droite=True, gras=True, taille=PETIT)
    notes = []
    if maquette.legende_financeurs:
        notes.append(
            "Financeurs : "
            + " ; ".join(f"{sigle} : {nom}" for sigle, nom in maquette.legende_financeurs)
            + "."
        )
    n = len(maquette.reste_exclus)
    notes.append(
        f"¹ Reste à charge des seules fiches où il est connu ; {n} fiche{'s' if n > 1 else ''} "
        f"hors total, au reste non déterminable : {maquette.exclusions}."
    )
    notes.append(NOTE_BASES)
    for note in notes:
        _paragraphe(document, note, style=LEGENDE)


def _par_financeur(document: Document, maquette: Maquette, largeur: int) -> None:
    largeurs = _largeurs(largeur, [Mm(70), None, Mm(50), Mm(50)])
    table = tableau(
        document,
        ["Financeur", "Fiches chiffrées", "Montants chiffrés", "Nommé sans montant"],
        largeurs,
        droite=(2,),
    )
    for ligne_financeur in maquette.par_financeur:
        financeur = ligne_financeur.financeur
        cellules = ligne(table, largeurs).cells
        nom = financeur.nom + (f" ({financeur.court})" if financeur.court != financeur.nom else "")
        ecrire(cellules[0], nom, gras=True)
        ecrire(cellules[1], ligne_financeur.fiches[0] if ligne_financeur.fiches else "aucune")
        for texte in ligne_financeur.fiches[1:]:
            paragraphe_cellule(cellules[1], texte)
        ecrire(cellules[2], ligne_financeur.montants.texte, droite=True)
        sans = ", ".join(f"FA {n}" for n in ligne_financeur.sans_montant)
        ecrire(cellules[3], sans or "–")


def _totaux(document: Document, groupe: str, totaux: Sequence[TotalMaquette], largeur: int) -> None:
    """Un groupe par axe (ou collectivité), une ligne par base : HT, TTC et non précisée à part."""
    largeurs = _largeurs(largeur, [None, Mm(12), Mm(26), Mm(28), Mm(28), Mm(28), Mm(28), Mm(50)])
    table = tableau(
        document,
        [
            groupe,
            "Fiches",
            "Base",
            "Coût chiffré",
            "Financements des partenaires",
            "Part du maître d'ouvrage (autofinancement)",
            "Reste à charge ¹",
            "Non compté",
        ],
        largeurs,
        droite=(1, 3, 4, 5, 6),
    )
    for total in totaux:
        colonnes = [
            _par_base(m) for m in (total.cout, total.finance, total.autofinancement, total.reste)
        ]
        bases = [b for b in colonnes[0] if any(c[b] for c in colonnes)]
        est_total = total is totaux[-1]
        premiere = len(table.rows)
        for base in bases or ["–"]:
            cellules = _ligne_total(table, largeurs) if est_total else ligne(table, largeurs).cells
            ecrire(cellules[2], base, gras=est_total)
            for cellule, montants in zip(cellules[3:7], colonnes, strict=True):
                texte = format_euros(montants[base]) if bases and montants[base] else "–"
                ecrire(cellule, texte, droite=True, gras=est_total)
        derniere = len(table.rows) - 1
        for colonne, texte in (
            (0, total.libelle),
            (1, str(total.fiches)),
            (7, total.non_compte or "–"),
        ):
            cellule = table.cell(premiere, colonne)
            if derniere > premiere:
                cellule = cellule.merge(table.cell(derniere, colonne))
            ecrire(cellule, texte, gras=est_total, droite=colonne == 1)


def _par_base(montants: MontantsBases) -> dict[str, Decimal]:
    return {"HT": montants.HT, "TTC": montants.TTC, "base non précisée": montants.non_precise}


def _graphique(document: Document, graphique: Graphique, largeur: int) -> None:
    """Le graphique en image (matplotlib, chargé seulement ici), avec son texte de remplacement."""
    from acvkit.annexes.chart_images import Valeur, barres_horizontales

    _titre(document, graphique.titre, 2)
    largeur_mm = min(240, int(largeur / Mm(1)))
    image = barres_horizontales(
        [Valeur(b.libelle, b.valeur, b.texte) for b in graphique.barres], largeur_mm=largeur_mm
    )
    document.add_picture(io.BytesIO(image), width=Mm(largeur_mm))
    description = (
        graphique.titre + " : " + " ; ".join(f"{b.libelle} : {b.texte}" for b in graphique.barres)
    )
    if graphique.manquants:
        description += ". Non représenté : " + " ; ".join(graphique.manquants)
    doc_pr = document.paragraphs[-1]._p.find(".//" + qn("wp:docPr"))
    if doc_pr is not None:
        doc_pr.set("descr", description + ".")
        doc_pr.set("title", graphique.titre)
    legende = graphique.titre + "."
    if graphique.manquants:
        legende += " Non représenté : " + " ; ".join(graphique.manquants) + "."
    _paragraphe(document, legende, style=LEGENDE)
