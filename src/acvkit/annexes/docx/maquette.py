"""Le rendu DOCX de la maquette financière (Annexe 5) : mêmes tableaux, totaux et graphiques que le HTML."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

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
from acvkit.annexes.maquette import Maquette, TotalMaquette
from acvkit.annexes.maquette_charts import Chart
from acvkit.annexes.markdown import repartition
from acvkit.charts.png import svg_png
from acvkit.charts.svg import bars_svg
from acvkit.views.typography import hyphenable

LEAD_PARAGRAPH = (
    "Coût prévisionnel et financements de chaque fiche action, par financeur. Les montants sont "
    "ceux des fiches, chacun avec sa base (HT, TTC, base non précisée) ; un total n'additionne "
    "jamais des bases différentes. Chaque financement compte selon sa nature : les mots employés "
    "sont définis sous le tableau."
)
NOTE_RESTE = (
    "¹ Reste à charge des seules fiches où il est connu : il ne se déduit pas des colonnes "
    "précédentes quand des fiches en sont exclues (colonne « Non compté »)."
)


def render_maquette(document: Document, annexes: Annexes) -> None:
    maquette = annexes.maquette
    section = document.sections[0]
    a4_page(section, landscape=True)
    largeur = usable_width(section)
    _paragraph(document, LEAD_PARAGRAPH)
    _titre(document, "Par fiche action", 1)
    _by_fiche(document, maquette, largeur)
    _titre(document, "Par financeur", 1)
    _by_financeur(document, maquette, largeur)
    _titre(document, "Par axe", 1)
    _totals(document, "Axe", [*maquette.par_axe, maquette.total], largeur, maquette)
    _titre(document, "Par collectivité", 1)
    _totals(
        document,
        "Collectivité porteuse",
        [*maquette.par_collectivite, maquette.total],
        largeur,
        maquette,
    )
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
    headers = [
        hyphenable(h)
        for h in [
            "Fiche",
            "Intitulé de l'action",
            "Coût prévisionnel",
            *(f.court for f in financeurs),
            "Reste à charge",
        ]
    ]
    table = data_table(document, headers, largeurs, right=range(2, len(headers)), size=SMALL)
    # Colonnes étroites : des marges de 1 mm laissent la place aux montants.
    cell_margins(table, Mm(1))
    for fiche in maquette.lignes:
        cellules = ligne(table, largeurs).cells
        write(cellules[0], f"FA {fiche.numero}", size=SMALL)
        _fiche_and_collectivite(cellules[1], fiche.titre, fiche.collectivite, SMALL)
        write(cellules[2], hyphenable(fiche.cout_texte), right=True, size=SMALL)
        for cellule, financeur in zip(cellules[3:-1], financeurs, strict=True):
            contenu = fiche.financements.get(financeur.id)
            write(cellule, hyphenable(contenu.texte) if contenu else "", right=True, size=SMALL)
        write(cellules[-1], hyphenable(fiche.reste_texte), right=True, size=SMALL)
        if fiche.autofinancement_texte:
            auto = hyphenable(fiche.autofinancement_texte)
            cell_paragraph(cellules[-1], auto, italic=True, size=SMALL)
    pied = _total_row(table, largeurs)
    write(pied[0], "Total", bold=True, size=SMALL)
    write(pied[2], maquette.total_cout.texte, right=True, bold=True, size=SMALL)
    for cellule, financeur in zip(pied[3:-1], financeurs, strict=True):
        texte = hyphenable(maquette.total_financeurs[financeur.id].texte)
        write(cellule, texte, right=True, bold=True, size=SMALL)
    reste = hyphenable(maquette.total_reste.texte) + " ¹"
    write(pied[-1], reste, right=True, bold=True, size=SMALL)
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
    notes += maquette.legende
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
        write(cellules[2], financeur_row.montants_texte, right=True)
        write(cellules[3], financeur_row.without_amount_texte)


def _totals(
    document: Document,
    groupe: str,
    totaux: Sequence[TotalMaquette],
    largeur: int,
    maquette: Maquette,
) -> None:
    """Une ligne par axe (ou collectivité), comme en HTML et en Markdown : chaque montant dit ses
    bases (« 9 415 000 € HT + 3 303 767 € (base non précisée) »), jamais additionnées ; une
    colonne par catégorie du glossaire (prêts et investissements privés quand il y en a)."""
    mesures: list[tuple[str, Callable[[TotalMaquette], str]]] = [
        ("Coût chiffré", lambda t: t.cout.texte),
        ("Financements des partenaires", lambda t: t.finance.texte_zero),
    ]
    if maquette.avec_prives:
        mesures.append(("Investissements privés", lambda t: t.prives.texte_zero))
    if maquette.avec_prets:
        mesures.append(("Prêts et avances remboursables", lambda t: t.prets.texte_zero))
    mesures += [
        ("Autofinancement", lambda t: t.autofinancement.texte_zero),
        ("Reste à charge¹", lambda t: t.reste_texte),
    ]
    n = len(mesures)
    width = Mm(34) if n <= 4 else Mm(28)
    largeurs = _largeurs(largeur, [None, Mm(14), *([width] * n), Mm(50)])
    table = data_table(
        document,
        [hyphenable(h) for h in (groupe, "Fiches", *(t for t, _ in mesures), "Non compté")],
        largeurs,
        right=tuple(range(1, 2 + n)),
    )
    for total in totaux:
        is_total = total is totaux[-1]
        cellules = _total_row(table, largeurs) if is_total else ligne(table, largeurs).cells
        textes = [total.libelle, str(total.fiches), *(valeur(total) for _, valeur in mesures)]
        textes.append(total.non_compte)
        for colonne, (cellule, texte) in enumerate(zip(cellules, textes, strict=True)):
            write(cellule, hyphenable(texte), bold=is_total, right=1 <= colonne <= n + 1)


def _chart(document: Document, graphique: Chart, largeur: int) -> None:
    """Le graphique en image (le SVG du HTML, rendu en PNG), avec son texte de remplacement."""
    _titre(document, graphique.titre, 2)
    largeur_mm = min(240, int(largeur / Mm(1)))
    image = svg_png(bars_svg(graphique.barres, graphique.titre))
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
    if graphique.manquants:
        _paragraph(document, "Non représenté : " + " ; ".join(graphique.manquants) + ".")
    # Le tableau des valeurs du graphique, comme en HTML et en Markdown.
    _paragraph(document, f"Valeurs du graphique « {graphique.titre} »", style=CAPTION)
    largeurs = _largeurs(largeur, [None, Mm(50), Mm(30)])
    headers = ["Groupe", "Coût chiffré", "Part du total"]
    table = data_table(document, headers, largeurs, right=(1, 2))
    for libelle, texte, part in repartition(graphique.barres):
        cellules = ligne(table, largeurs).cells
        write(cellules[0], libelle)
        write(cellules[1], texte, right=True)
        write(cellules[2], part, right=True)
