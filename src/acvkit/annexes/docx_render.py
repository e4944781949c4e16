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
from acvkit.annexes.docx_blocks import LEGENDE, PUCE
from acvkit.annexes.docx_blocks import (
    etiquette_docx as _etiquette,
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
from acvkit.annexes.docx_document import document_annexe
from acvkit.annexes.docx_helpers import (
    ajouter_texte,
    ecrire,
    largeur_utile,
    ligne,
    page_a4,
    paragraphe_cellule,
    tableau,
    tramer,
)
from acvkit.annexes.docx_mesures import ajouter_mesures
from acvkit.annexes.formats import ANNEXES, RenderInput

# Programmation : en-tête des années de l'avenant, cases des années couvertes.
BLEU_AVENANT = "1F4E79"
BLEU_COUVERT = "4472C4"
BLEU_HORS_AVENANT = "B4C6E7"


def render_docx(inp: RenderInput) -> dict[str, bytes]:
    """Un DOCX par annexe : {"docx/<annexe>.docx": contenu}."""
    documents = {
        f"docx/{slug}.docx": _document(slug, titre, inp.annexes) for slug, titre in ANNEXES
    }
    documents["docx/index.docx"] = _document("index", "Annexes de l'avenant", inp.annexes)
    return documents


def _document(slug: str, titre: str, annexes: Annexes) -> bytes:
    return document_annexe(titre, annexes, lambda document: _RENDUS[slug](document, annexes))


# --- Éléments communs --------------------------------------------------------------------------


# --- Plan d'action global (article 7.1) ---------------------------------------------------------


def _plan(document: Document, annexes: Annexes) -> None:
    largeurs = _largeurs(largeur_utile(document.sections[0]), [Mm(16), Mm(60), None])
    if not annexes.plan:
        _paragraphe(document, "Aucune fiche action.", italique=True)
    for axe in annexes.plan:
        _titre(document, axe.titre, 1)
        for sous_axe in axe.sous_axes:
            _titre(document, f"{sous_axe.code} – {sous_axe.intitule}", 2)
            table = tableau(document, ["Fiche", "Collectivité", "Action"], largeurs)
            for fiche in sous_axe.fiches:
                cellules = ligne(table, largeurs).cells
                ecrire(cellules[0], f"FA {fiche.numero}")
                ecrire(cellules[1], fiche.collectivite)
                ecrire(cellules[2], fiche.titre)


# --- Programmation pluriannuelle (article 7.2) -------------------------------------------------


def _programmation(document: Document, annexes: Annexes) -> None:
    prog = annexes.programmation
    if not prog.lignes:
        _paragraphe(document, "Aucune fiche action.", italique=True)
        return
    annees = prog.annees
    avenant = set(range(prog.debut_avenant.year, prog.fin_avenant.year + 1))
    section = document.sections[0]
    fixes: list[Length | None] = [Mm(13), None, *([Mm(12)] * len(annees)), Mm(42)]
    # Trop d'années pour garder 45 mm au titre en portrait : la page passe en paysage.
    if largeur_utile(section) - sum(int(f) for f in fixes if f is not None) < Mm(45):
        page_a4(section, paysage=True)
    largeurs = _largeurs(largeur_utile(section), fixes)

    _titre(document, "Calendrier des fiches action", 1)
    legende = _paragraphe(document)
    ajouter_texte(
        legende,
        f"Les années de l'avenant ({min(avenant)}–{max(avenant)}) ont un en-tête foncé, marqué "
        "« ◆ ». « ■ » dans une case : la fiche se déroule au moins en partie dans l'année (case "
        "bleu foncé pendant l'avenant, bleu clair en dehors). La dernière colonne reprend les "
        "dates telles qu'écrites dans les fiches.",
        italique=False,
    )
    # Le sens ne tient pas à la seule couleur : « ◆ » marque les années de l'avenant, « ■ » les
    # années couvertes par la fiche.
    en_tetes_annees = [f"{a} ◆" if a in avenant else str(a) for a in annees]
    table = tableau(document, ["Fiche", "Action", *en_tetes_annees, "Dates"], largeurs)
    for cellule, annee in zip(table.rows[0].cells[2:], annees, strict=False):
        cellule.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if annee in avenant:
            tramer(cellule, BLEU_AVENANT)
            for run in cellule.paragraphs[0].runs:
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    for calendrier in prog.lignes:
        cellules = ligne(table, largeurs).cells
        ecrire(cellules[0], f"FA {calendrier.numero}")
        _fiche_et_collectivite(cellules[1], calendrier.titre, calendrier.collectivite)
        for cellule, annee in zip(cellules[2:], annees, strict=False):
            if annee in calendrier.annees:
                ecrire(cellule, "■", couleur="FFFFFF" if annee in avenant else None)
                cellule.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                tramer(cellule, BLEU_COUVERT if annee in avenant else BLEU_HORS_AVENANT)
            else:
                ecrire(cellule, "")
        dates = cellules[-1]
        if len(calendrier.segments) > 1:
            for segment in calendrier.segments:
                paragraphe_cellule(dates, f"{segment.libelle} : {segment.texte}")
        else:
            ecrire(dates, calendrier.texte)


# --- Évaluation (article 8.3) ------------------------------------------------------------------


def _evaluation(document: Document, annexes: Annexes) -> None:
    largeurs = _largeurs(largeur_utile(document.sections[0]), [None, None, Mm(45), Mm(25)])
    if not annexes.evaluation:
        _paragraphe(document, "Aucun indicateur d'évaluation.", italique=True)
    if annexes.mesures.aucune_valeur:
        _paragraphe(document, annexes.mesures.ligne_aucune_valeur)
    for axe in annexes.evaluation:
        _titre(document, axe.titre, 1)
        table = tableau(document, ["Critère", "Indicateur", "Sources", "Périmètre"], largeurs)
        for indicateur in axe.lignes:
            cellules = ligne(table, largeurs).cells
            ecrire(cellules[0], indicateur.critere)
            ecrire(cellules[1], indicateur.intitule)
            for source in indicateur.sources:
                paragraphe_cellule(cellules[2], source)
            if not indicateur.sources:
                ecrire(cellules[2], "–")
            ecrire(cellules[3], indicateur.perimetre)
        ajouter_mesures(
            document,
            [i.id for i in axe.lignes],
            annexes.mesures,
            largeur_utile(document.sections[0]),
            _titre,
        )


# --- Fiches action (Annexe 2) ------------------------------------------------------------------


def _fiches(document: Document, annexes: Annexes) -> None:
    largeur = largeur_utile(document.sections[0])
    if not annexes.fiches:
        _paragraphe(document, "Aucune fiche action.", italique=True)
    for rang, groupe in enumerate(annexes.fiches):
        entete = _titre(document, groupe.collectivite, 1)
        # Une page par fiche : le saut est porté par le titre (collectivité ou fiche) qui suit.
        entete.paragraph_format.page_break_before = rang > 0
        for position, fiche in enumerate(groupe.fiches):
            titre = _titre(document, f"FA {fiche.numero} – {fiche.titre}", 2)
            titre.paragraph_format.page_break_before = position > 0
            _fiche(document, fiche, largeur)


def _fiche(document: Document, fiche: FicheAnnexe, largeur: int) -> None:
    # La forme de l'avenant (tableau rubrique / contenu), comme en HTML : module à part.
    from acvkit.annexes.docx_fiche import rendre_fiche

    rendre_fiche(document, fiche, largeur)


# --- Récapitulatif (Annexe 4) -------------------------------------------------------------------


def _recapitulatif(document: Document, annexes: Annexes) -> None:
    section = document.sections[0]
    page_a4(section, paysage=True)
    largeurs = _largeurs(
        largeur_utile(section),
        [Mm(13), None, Mm(18), Mm(15), Mm(32), Mm(46), Mm(52), Mm(40)],
    )
    en_tetes = [
        "Fiche",
        "Action",
        "Sous-axe",
        "Type",
        "Maître d'ouvrage",
        "Coût",
        "Financements",
        "Calendrier",
    ]
    if not annexes.recapitulatifs:
        _paragraphe(document, "Aucune fiche action.", italique=True)
    for rang, recap in enumerate(annexes.recapitulatifs):
        titre = _titre(document, recap.collectivite, 1)
        titre.paragraph_format.page_break_before = rang > 0
        table = tableau(document, en_tetes, largeurs, droite=(5,))
        for fiche in recap.lignes:
            cellules = ligne(table, largeurs).cells
            ecrire(cellules[0], f"FA {fiche.numero}")
            ecrire(cellules[1], fiche.titre)
            ecrire(cellules[2], fiche.axe)
            ecrire(cellules[3], fiche.type)
            ecrire(cellules[4], fiche.maitre_ouvrage)
            ecrire(cellules[5], fiche.cout, droite=True)
            ecrire(cellules[6], fiche.financements)
            ecrire(cellules[7], fiche.calendrier)
        total = _ligne_total(table, largeurs)
        libelle_total = total[0].merge(total[4])
        ecrire(libelle_total, f"Total – {recap.collectivite}", gras=True)
        ecrire(total[5], recap.total_cout.texte, droite=True, gras=True)
        ecrire(total[6], recap.total_finance.texte, gras=True)
        notes = []
        if recap.a_determiner:
            notes.append(("Coût à déterminer", recap.a_determiner))
        if recap.partiels:
            notes.append(("Coût partiel (un poste reste à définir)", recap.partiels))
        for rang_note, (etiquette, numeros) in enumerate(notes):
            note = _etiquette(document, etiquette, _numeros(numeros))
            if rang_note == 0:
                note.paragraph_format.space_before = Pt(6)
    total_general = annexes.total_recapitulatif
    if total_general is not None and len(annexes.recapitulatifs) > 1:
        _titre(document, "Total général, toutes collectivités", 1)
        largeurs_total = _largeurs(largeur_utile(section), [Mm(90), Mm(60)])
        table = tableau(document, ["Total", "Montant"], largeurs_total, droite=(1,))
        for prefixe, montants in (
            ("Coûts chiffrés", total_general.total_cout),
            ("Financements chiffrés", total_general.total_finance),
        ):
            for libelle, texte in montants.lignes:
                cellules = ligne(table, largeurs_total).cells
                ecrire(cellules[0], f"{prefixe} {libelle}", gras=True)
                ecrire(cellules[1], texte, droite=True)
        if total_general.a_determiner:
            _etiquette(document, "Coût à déterminer", _numeros(total_general.a_determiner))
        if total_general.partiels:
            _etiquette(document, "Coût partiel", _numeros(total_general.partiels))
    _paragraphe(
        document,
        "Les totaux additionnent séparément les montants HT, TTC et ceux dont la base n'est pas "
        "précisée : une somme de bases différentes n'aurait pas de sens.",
        style=LEGENDE,
    )


def _numeros(numeros: Sequence[int]) -> str:
    return ", ".join(f"FA {n}" for n in numeros) if numeros else "–"


# --- Maquette financière (Annexe 5) -------------------------------------------------------------


def _maquette(document: Document, annexes: Annexes) -> None:
    if not annexes.maquette.lignes:
        _paragraphe(document, "Aucune fiche action.", italique=True)
        return
    # Module à part (graphiques en images, chargés seulement pour le DOCX).
    from acvkit.annexes.docx_maquette import rendre_maquette

    rendre_maquette(document, annexes)


def _index(document: Document, annexes: Annexes) -> None:
    """Le sommaire des annexes et les points d'attention, comme l'index HTML."""
    _paragraphe(
        document,
        f"Annexes produites à partir des données du programme : {annexes.fiches_texte}.",
    )
    _titre(document, "Points d'attention", 1)
    points = annexes.points_attention
    if points.vide:
        _paragraphe(document, "Aucun point d'attention.")
    for titre, lignes in (
        ("Avertissements de la validation (acv validate)", points.avertissements),
        ("Ce qui reste à déterminer", points.a_determiner),
        ("Fiches que leur en-tête classe ailleurs que l'article 7.1", points.classements),
        ("Textes provisoires à remplacer", points.provisoires),
    ):
        if lignes:
            _titre(document, f"{titre} ({len(lignes)})", 2)
            for texte in lignes:
                _paragraphe(document, texte, style=PUCE, italique=False)
    _titre(document, "Les annexes", 1)
    for _, titre in ANNEXES:
        _paragraphe(document, titre, style=PUCE)


_RENDUS: dict[str, Callable[[Document, Annexes], None]] = {
    "index": _index,
    "plan-action": _plan,
    "programmation": _programmation,
    "evaluation": _evaluation,
    "fiches-action": _fiches,
    "recapitulatif": _recapitulatif,
    "maquette-financiere": _maquette,
}
