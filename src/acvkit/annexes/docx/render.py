"""Le rendu DOCX des six annexes : styles Word intégrés, vrais tableaux, texte inséré tel quel.

Les agents collent ces documents dans l'avenant : titres « Heading 1/2/3 », listes « List Bullet »,
tableaux « Table Grid » à en-tête répété, montants alignés à droite. Aucun chiffre n'est calculé
ici : tout vient de `Annexes` (context.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Mm, Pt, RGBColor

from acvkit.annexes.context import (
    Annexes,
    FicheAnnexe,
)
from acvkit.annexes.docx.blocks import BULLET, CAPTION
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
from acvkit.annexes.docx.document import document_annexe
from acvkit.annexes.docx.helpers import (
    a4_page,
    add_text,
    cell_paragraph,
    data_table,
    ligne,
    shade_cell,
    usable_width,
    write,
)
from acvkit.annexes.docx.mesures import add_mesures
from acvkit.annexes.formats import RenderInput, annexe_titles, index_title

# Programmation : en-tête des années de l'avenant, cases des années couvertes.
AVENANT_BLUE = "1F4E79"
COVERED_BLUE = "4472C4"
OUTSIDE_AVENANT_BLUE = "B4C6E7"


def render_docx(inp: RenderInput) -> dict[str, bytes]:
    """Un DOCX par annexe : {"docx/<annexe>.docx": contenu}."""
    documents = {
        f"docx/{slug}.docx": _document(slug, titre, inp.annexes)
        for slug, titre in annexe_titles(inp.entete.document)
    }
    documents["docx/index.docx"] = _document("index", index_title(inp.entete.document), inp.annexes)
    return documents


def _document(slug: str, titre: str, annexes: Annexes) -> bytes:
    return document_annexe(titre, annexes, lambda document: _RENDERERS[slug](document, annexes))


# --- Éléments communs --------------------------------------------------------------------------


# --- Plan d'action global (article 7.1) ---------------------------------------------------------


def _plan(document: Document, annexes: Annexes) -> None:
    largeurs = _largeurs(usable_width(document.sections[0]), [Mm(16), Mm(60), None])
    if annexes.plan:
        _paragraph(
            document,
            "Le plan d'action global classe chaque fiche action "
            f"{annexes.document.of_document} dans un axe"
            f"{' et un sous-axe' if annexes.plan_par_sous_axe else ''} du programme "
            f"({annexes.fiches_texte}).",
        )
    else:
        _paragraph(document, "Aucune fiche action.", italic=True)
    for axe in annexes.plan:
        _titre(document, axe.titre, 1)
        for sous_axe in axe.sous_axes:
            if sous_axe.intitule:  # les fiches rattachées à l'axe lui-même n'ont pas d'intertitre
                _titre(document, f"{sous_axe.code} – {sous_axe.intitule}", 2)
            table = data_table(
                document, ["Fiche", "Collectivité", "Intitulé de l'action"], largeurs
            )
            for fiche in sous_axe.fiches:
                cellules = ligne(table, largeurs).cells
                write(cellules[0], f"FA {fiche.numero}")
                write(cellules[1], fiche.collectivite)
                write(cellules[2], fiche.titre)


# --- Programmation pluriannuelle (article 7.2) -------------------------------------------------


def _programmation(document: Document, annexes: Annexes) -> None:
    programmation = annexes.programmation
    if not programmation.lignes:
        _paragraph(document, "Aucune fiche action.", italic=True)
        return
    annees = programmation.annees
    avenant = set(range(programmation.debut_avenant.year, programmation.fin_avenant.year + 1))
    section = document.sections[0]
    fixes: list[Length | None] = [Mm(13), None, *([Mm(12)] * len(annees)), Mm(42)]
    # Trop d'années pour garder 45 mm au titre en portrait : la page passe en paysage.
    if usable_width(section) - sum(int(f) for f in fixes if f is not None) < Mm(45):
        a4_page(section, landscape=True)
    largeurs = _largeurs(usable_width(section), fixes)

    _titre(document, "Calendrier des fiches action", 1)
    legende = _paragraph(document)
    add_text(
        legende,
        f"Les années {annexes.document.of_document} ({min(avenant)}–{max(avenant)}) ont un en-tête foncé, "
        "marqué « ◆ ». « ■ » dans une case : la fiche se déroule au moins en partie dans l'année "
        f"(case bleu foncé pendant {annexes.document.the_document}, bleu clair en dehors). La dernière "
        "colonne reprend les dates telles qu'écrites dans les fiches.",
        italic=False,
    )
    # Le sens ne tient pas à la seule couleur : « ◆ » marque les années de l'avenant, « ■ » les
    # années couvertes par la fiche.
    annee_headers = [f"{a} ◆" if a in avenant else str(a) for a in annees]
    table = data_table(
        document,
        ["Fiche", "Intitulé de l'action", *annee_headers, "Lancement → livraison"],
        largeurs,
    )
    for cellule, annee in zip(table.rows[0].cells[2:], annees, strict=False):
        cellule.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if annee in avenant:
            shade_cell(cellule, AVENANT_BLUE)
            for run in cellule.paragraphs[0].runs:
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    for calendrier in programmation.lignes:
        cellules = ligne(table, largeurs).cells
        write(cellules[0], f"FA {calendrier.numero}")
        _fiche_and_collectivite(cellules[1], calendrier.titre, calendrier.collectivite)
        for cellule, annee in zip(cellules[2:], annees, strict=False):
            if annee in calendrier.annees:
                write(cellule, "■", color="FFFFFF" if annee in avenant else None)
                cellule.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                shade_cell(cellule, COVERED_BLUE if annee in avenant else OUTSIDE_AVENANT_BLUE)
            else:
                write(cellule, "")
        dates = cellules[-1]
        if len(calendrier.segments) > 1:
            for segment in calendrier.segments:
                cell_paragraph(dates, f"{segment.libelle} : {segment.texte}")
        else:
            write(dates, calendrier.texte)


# --- Évaluation (article 8.3) ------------------------------------------------------------------


def _evaluation(document: Document, annexes: Annexes) -> None:
    largeurs = _largeurs(usable_width(document.sections[0]), [None, None, Mm(45), Mm(25)])
    if annexes.evaluation:
        _paragraph(
            document,
            "Pour chaque axe, les objectifs (critères d'évaluation) et les indicateurs qui "
            "permettent d'en mesurer l'atteinte, avec leurs sources et leur périmètre "
            "d'observation.",
        )
    else:
        _paragraph(document, "Aucun indicateur d'évaluation.", italic=True)
    if annexes.mesures.aucune_valeur:
        _paragraph(document, annexes.mesures.ligne_aucune_valeur)
    for axe in annexes.evaluation:
        _titre(document, axe.titre, 1)
        table = data_table(
            document,
            ["Objectif (critère d'évaluation)", "Indicateur", "Sources", "Périmètre"],
            largeurs,
        )
        for indicateur in axe.lignes:
            cellules = ligne(table, largeurs).cells
            write(cellules[0], indicateur.critere)
            write(cellules[1], indicateur.intitule)
            for source in indicateur.sources:
                cell_paragraph(cellules[2], source)
            if not indicateur.sources:
                write(cellules[2], "–")
            write(cellules[3], indicateur.perimetre)
        add_mesures(
            document,
            [i.id for i in axe.lignes],
            annexes.mesures,
            usable_width(document.sections[0]),
            _titre,
        )


# --- Fiches action (Annexe 2) ------------------------------------------------------------------


def _fiches(document: Document, annexes: Annexes) -> None:
    largeur = usable_width(document.sections[0])
    if not annexes.fiches:
        _paragraph(document, "Aucune fiche action.", italic=True)
    for ordinal, groupe in enumerate(annexes.fiches):
        entete = _titre(document, groupe.collectivite, 1)
        # Une page par fiche : le saut est porté par le titre (collectivité ou fiche) qui suit.
        entete.paragraph_format.page_break_before = ordinal > 0
        for position, fiche in enumerate(groupe.fiches):
            titre = _titre(document, f"FA {fiche.numero} – {fiche.titre}", 2)
            titre.paragraph_format.page_break_before = position > 0
            _fiche(document, fiche, largeur, annexes)


def _fiche(document: Document, fiche: FicheAnnexe, largeur: int, annexes: Annexes) -> None:
    # La forme de l'avenant (tableau rubrique / contenu), comme en HTML : module à part.
    from acvkit.annexes.docx.fiche import render_fiche

    render_fiche(document, fiche, largeur, annexes.document.in_parens("plan-action"))


# --- Récapitulatif (Annexe 4) -------------------------------------------------------------------


def _recapitulatif(document: Document, annexes: Annexes) -> None:
    section = document.sections[0]
    a4_page(section, landscape=True)
    largeurs = _largeurs(
        usable_width(section),
        [Mm(13), None, Mm(18), Mm(15), Mm(32), Mm(46), Mm(52), Mm(40)],
    )
    headers = [
        "Fiche",
        "Intitulé de l'action",
        "Sous-axe",
        "Type",
        "Maître d'ouvrage",
        "Coût prévisionnel",
        "Financements",
        "Calendrier",
    ]
    if annexes.recapitulatifs:
        _paragraph(document, RECAP_LEAD_PARAGRAPH)
    else:
        _paragraph(document, "Aucune fiche action.", italic=True)
    for ordinal, recap in enumerate(annexes.recapitulatifs):
        titre = _titre(document, recap.collectivite, 1)
        titre.paragraph_format.page_break_before = ordinal > 0
        table = data_table(document, headers, largeurs, right=(5,))
        for fiche in recap.lignes:
            cellules = ligne(table, largeurs).cells
            write(cellules[0], f"FA {fiche.numero}")
            write(cellules[1], fiche.titre)
            write(cellules[2], fiche.axe)
            write(cellules[3], fiche.type)
            write(cellules[4], fiche.maitre_ouvrage)
            write(cellules[5], fiche.cout, right=True)
            write(cellules[6], fiche.financements)
            write(cellules[7], fiche.calendrier)
        total = _total_row(table, largeurs)
        libelle_total = total[0].merge(total[4])
        write(libelle_total, f"Total – {recap.collectivite}", bold=True)
        write(total[5], recap.total_cout.texte, right=True, bold=True)
        for index, (nom, montants) in enumerate(recap.totaux_financements):
            texte = f"{nom} : {montants.texte_zero}"
            if index == 0:
                write(total[6], texte, bold=True)
            else:
                cell_paragraph(total[6], texte)
        notes = []
        if recap.a_determiner:
            notes.append(f"{TO_BE_DETERMINED}{_numeros(recap.a_determiner)}.")
        if recap.partiels:
            notes.append(f"{PARTIAL_LONG}{_numeros(recap.partiels)}.")
        for note_index, texte in enumerate(notes):
            note = _paragraph(document, texte, style=CAPTION)
            if note_index == 0:
                note.paragraph_format.space_before = Pt(6)
    total_general = annexes.total_recapitulatif
    if total_general is not None and len(annexes.recapitulatifs) > 1:
        _titre(document, "Total général, toutes collectivités", 1)
        largeurs_total = _largeurs(usable_width(section), [Mm(90), Mm(60)])
        table = data_table(document, ["Total", "Montant"], largeurs_total, right=(1,))
        for prefix, montants in [
            ("Coûts chiffrés", total_general.total_cout),
            *total_general.totaux_financements,
        ]:
            for libelle, texte in montants.lignes or [("", montants.texte_zero)]:
                cellules = ligne(table, largeurs_total).cells
                write(cellules[0], f"{prefix} {libelle}".strip(), bold=True)
                write(cellules[1], texte, right=True)
        if total_general.a_determiner:
            texte = f"{TO_BE_DETERMINED}{_numeros(total_general.a_determiner)}."
            _paragraph(document, texte, style=CAPTION)
        if total_general.partiels:
            texte = f"{PARTIAL}{_numeros(total_general.partiels)}."
            _paragraph(document, texte, style=CAPTION)
    # Les mots de l'argent (glossaire), les mêmes lignes qu'en HTML et en Markdown.
    for ligne_legende in annexes.maquette.legende:
        _paragraph(document, ligne_legende, style=CAPTION)


# Les mêmes phrases qu'en HTML et en Markdown (recapitulatif.*.j2).
RECAP_LEAD_PARAGRAPH = (
    "Récapitulatif des fiches action par collectivité porteuse. Les totaux additionnent les "
    "montants chiffrés d'une même base (HT, TTC, base non précisée) : des bases différentes ne "
    "sont jamais additionnées."
)
TO_BE_DETERMINED = "Coût à déterminer, non compris dans le total : "
PARTIAL_LONG = (
    "Coût partiellement chiffré (un poste reste à définir), compris pour sa part chiffrée : "
)
PARTIAL = "Coût partiellement chiffré, compris pour sa part chiffrée : "


def _numeros(numeros: Sequence[int]) -> str:
    return ", ".join(f"FA {n}" for n in numeros) if numeros else "–"


# --- Maquette financière (Annexe 5) -------------------------------------------------------------


def _maquette(document: Document, annexes: Annexes) -> None:
    if not annexes.maquette.lignes:
        _paragraph(document, "Aucune fiche action.", italic=True)
        return
    # Module à part (graphiques en images, chargés seulement pour le DOCX).
    from acvkit.annexes.docx.maquette import render_maquette

    render_maquette(document, annexes)


def _index(document: Document, annexes: Annexes) -> None:
    """Le sommaire des annexes et les points d'attention, comme l'index HTML."""
    _paragraph(
        document,
        f"Annexes produites à partir des données du programme : {annexes.fiches_texte}.",
    )
    points = annexes.points_attention
    if not annexes.version_a_signer:  # la copie à signer ne porte aucun point d'attention
        _titre(document, "Points d'attention", 1)
        if points.vide:
            _paragraph(document, "Aucun point d'attention.")
        for groupe in points.groupes:
            _titre(document, f"{groupe.titre} ({groupe.nombre})", 2)
            for texte in groupe.lignes:
                _paragraph(document, texte, style=BULLET, italic=False)
    _titre(document, "Les annexes", 1)
    for _, titre in annexe_titles(annexes.document):
        _paragraph(document, titre, style=BULLET)


_RENDERERS: dict[str, Callable[[Document, Annexes], None]] = {
    "index": _index,
    "plan-action": _plan,
    "programmation": _programmation,
    "evaluation": _evaluation,
    "fiches-action": _fiches,
    "recapitulatif": _recapitulatif,
    "maquette-financiere": _maquette,
}
