"""Le rendu DOCX de la maquette financière (Annexe 5) : mêmes tableaux, totaux et graphiques que le HTML."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Length, Mm

from acvkit.annexes.context import Annexes
from acvkit.annexes.docx.blocks import (
    CAPTION,
    SMALL,
)
from acvkit.annexes.docx.blocks import (
    docx_paragraph as _paragraph,
)
from acvkit.annexes.docx.blocks import (
    fiche_and_collectivite as _fiche_and_collectivite,
)
from acvkit.annexes.docx.blocks import (
    largeurs_colonnes as _largeurs,
)
from acvkit.annexes.docx.blocks import (
    titre_docx as _titre,
)
from acvkit.annexes.docx.blocks import (
    total_row as _total_row,
)
from acvkit.annexes.docx.helpers import (
    a4_page,
    cell_margins,
    cell_paragraph,
    data_table,
    ligne,
    usable_width,
    write,
)
from acvkit.annexes.maquette import Chart, Maquette, MontantsBases, TotalMaquette
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


def render_maquette(document: Document, annexes: Annexes) -> None:
    maquette = annexes.maquette
    section = document.sections[0]
    a4_page(section, landscape=True)
    largeur = usable_width(section)
    _titre(document, "Coût et financements par fiche", 1)
    _paragraph(
        document,
        "Montants tels qu'écrits dans les fiches, chacun avec sa base, un financeur par colonne. "
        "Reste à charge : coût moins financements des partenaires, dans la même base, donné "
        "seulement lorsqu'il est connu. La part que le maître d'ouvrage annonce pour lui-même "
        "(autofinancement) n'est pas un financement de partenaire.",
    )
    _by_fiche(document, maquette, largeur)
    _titre(document, "Par financeur", 1)
    _by_financeur(document, maquette, largeur)
    _titre(document, "Totaux par axe", 1)
    _totals(document, "Axe", [*maquette.par_axe, maquette.total], largeur)
    _titre(document, "Totaux par collectivité", 1)
    _totals(document, "Collectivité", [*maquette.par_collectivite, maquette.total], largeur)
    _paragraph(
        document,
        f"{NOTE_RESTE} Fiches au reste non déterminable : {maquette.exclusions}.",
        style=CAPTION,
    )
    _titre(document, "Répartition du coût chiffré", 1)
    _paragraph(
        document,
        "Un graphique par base : les montants HT, TTC et de base non précisée ne sont jamais "
        "additionnés ni empilés. Seuls les coûts connus y figurent ; ce qui manque est dit sous "
        "chaque graphique.",
    )
    for graphique in maquette.graphiques:
        _chart(document, graphique, largeur)


def _by_fiche(document: Document, maquette: Maquette, largeur: int) -> None:
    financeurs = maquette.financeurs
    fixes: list[Length | None] = [Mm(12), Mm(40), Mm(24), *([None] * len(financeurs)), Mm(30)]
    if not financeurs:
        fixes[1] = None
    largeurs = _largeurs(largeur, fixes)
    headers = ["Fiche", "Action", "Coût", *(f.court for f in financeurs), "Reste à charge"]
    table = data_table(document, headers, largeurs, right=range(2, len(headers)), size=SMALL)
    # Colonnes étroites : des marges de 1 mm laissent la place aux montants.
    cell_margins(table, Mm(1))
    for fiche in maquette.lignes:
        cellules = ligne(table, largeurs).cells
        write(cellules[0], f"FA {fiche.numero}", size=SMALL)
        _fiche_and_collectivite(cellules[1], fiche.titre, fiche.collectivite, SMALL)
        write(cellules[2], fiche.cout_texte, right=True, size=SMALL)
        for cellule, financeur in zip(cellules[3:-1], financeurs, strict=True):
            contenu = fiche.financements.get(financeur.id)
            write(cellule, contenu.texte if contenu else "", right=True, size=SMALL)
        write(cellules[-1], fiche.reste_texte, right=True, size=SMALL)
        if fiche.autofinancement_texte:
            cell_paragraph(cellules[-1], fiche.autofinancement_texte, italic=True, size=SMALL)
    pied = _total_row(table, largeurs)
    write(pied[0], "Total", bold=True, size=SMALL)
    write(pied[2], maquette.total_cout.texte, right=True, bold=True, size=SMALL)
    for cellule, financeur in zip(pied[3:-1], financeurs, strict=True):
        texte = maquette.total_financeurs[financeur.id].texte
        write(cellule, texte, right=True, bold=True, size=SMALL)
    write(pied[-1], maquette.total_reste.texte + " ¹", right=True, bold=True, size=SMALL)
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
        _paragraph(document, note, style=CAPTION)


def _by_financeur(document: Document, maquette: Maquette, largeur: int) -> None:
    largeurs = _largeurs(largeur, [Mm(70), None, Mm(50), Mm(50)])
    table = data_table(
        document,
        ["Financeur", "Fiches chiffrées", "Montants chiffrés", "Nommé sans montant"],
        largeurs,
        right=(2,),
    )
    for financeur_row in maquette.par_financeur:
        financeur = financeur_row.financeur
        cellules = ligne(table, largeurs).cells
        nom = financeur.nom + (f" ({financeur.court})" if financeur.court != financeur.nom else "")
        write(cellules[0], nom, bold=True)
        write(cellules[1], financeur_row.fiches[0] if financeur_row.fiches else "aucune")
        for texte in financeur_row.fiches[1:]:
            cell_paragraph(cellules[1], texte)
        write(cellules[2], financeur_row.montants.texte, right=True)
        sans = ", ".join(f"FA {n}" for n in financeur_row.sans_montant)
        write(cellules[3], sans or "–")


def _totals(document: Document, groupe: str, totaux: Sequence[TotalMaquette], largeur: int) -> None:
    """Un groupe par axe (ou collectivité), une ligne par base : HT, TTC et non précisée à part."""
    largeurs = _largeurs(largeur, [None, Mm(12), Mm(26), Mm(28), Mm(28), Mm(28), Mm(28), Mm(50)])
    table = data_table(
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
        right=(1, 3, 4, 5, 6),
    )
    for total in totaux:
        colonnes = [
            _by_base(m) for m in (total.cout, total.finance, total.autofinancement, total.reste)
        ]
        bases = [b for b in colonnes[0] if any(c[b] for c in colonnes)]
        is_total = total is totaux[-1]
        first = len(table.rows)
        for base in bases or ["–"]:
            cellules = _total_row(table, largeurs) if is_total else ligne(table, largeurs).cells
            write(cellules[2], base, bold=is_total)
            for cellule, montants in zip(cellules[3:7], colonnes, strict=True):
                texte = format_euros(montants[base]) if bases and montants[base] else "–"
                write(cellule, texte, right=True, bold=is_total)
        last = len(table.rows) - 1
        for colonne, texte in (
            (0, total.libelle),
            (1, str(total.fiches)),
            (7, total.non_compte or "–"),
        ):
            cellule = table.cell(first, colonne)
            if last > first:
                cellule = cellule.merge(table.cell(last, colonne))
            write(cellule, texte, bold=is_total, right=colonne == 1)


def _by_base(montants: MontantsBases) -> dict[str, Decimal]:
    return {"HT": montants.HT, "TTC": montants.TTC, "base non précisée": montants.non_precise}


def _chart(document: Document, graphique: Chart, largeur: int) -> None:
    """Le graphique en image (matplotlib, chargé seulement ici), avec son texte de remplacement."""
    from acvkit.charts.images import Value, horizontal_bars

    _titre(document, graphique.titre, 2)
    largeur_mm = min(240, int(largeur / Mm(1)))
    image = horizontal_bars(
        [Value(b.libelle, b.valeur, b.texte) for b in graphique.barres], largeur_mm=largeur_mm
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
    _paragraph(document, legende, style=CAPTION)
