"""L'annexe « modifications » d'un avenant de modification (`acv build --from-ref REV`).

Ce que cette version des données change par rapport à REV, fiche par fiche, et la synthèse
financière avant / après : en HTML et Markdown (gabarits `modifications.*.j2`) et en DOCX. Le
contenu vient de `acvkit.diff.phrases.Recit` : le même dans les trois formats.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from acvkit.annexes.context import Entete
from acvkit.annexes.formats import annexe_titles
from acvkit.annexes.sandbox import render
from acvkit.diff.phrases import Narrative, Row
from acvkit.models.document import NATIONAL, Structure

SLUG = "modifications"
# Le titre par défaut ne présume pas de ce qui est comparé (un avenant de modification, ou le suivi
# entre deux dates) : l'option --titre-modifications d'`acv build` le précise.
TITRE = "Évolution du plan d'action"


def introduction(recit: Narrative) -> str:
    """Ce que l'annexe compare, dit sans syntaxe git : les versions par leur étiquette ou leur date."""
    return (
        f"Ce document dit ce qui change dans le plan entre la {recit.avant} et la {recit.apres} : "
        "fiches, financements et leur suivi, dépenses réalisées, indicateurs. Les montants sont "
        "donnés base par base : HT, TTC et base non précisée ne sont jamais additionnés."
    )


@dataclass(frozen=True)
class TitleBlock:
    """Ce que le bloc de titre commun des gabarits lit (`annexes.…`), sans calculer les autres annexes."""

    titre_programme: str
    intitule: str
    territoire: str
    periode: str
    genere_le: str
    fiche_count: int
    avertissements: list[str] = field(default_factory=list)
    version_a_signer: str = ""  # l'annexe des modifications n'est jamais la copie à signer
    document: Structure = NATIONAL  # le document signé : titres des annexes, période


def title_block(entete: Entete, fiche_count: int) -> TitleBlock:
    return TitleBlock(
        entete.titre_programme,
        entete.intitule,
        entete.territoire,
        entete.periode,
        entete.genere_le,
        fiche_count,
        document=entete.document,
    )


def _html(recit: Narrative, head: TitleBlock, templates: Path, titre: str) -> dict[str, bytes]:
    from acvkit.annexes.html import html_environment
    from acvkit.diff.phrases import SUIVI_HEADERS

    env = html_environment(templates)
    env.globals.update(annexes_produites=[*annexe_titles(head.document), (SLUG, titre)])
    page = render(
        env,
        f"{SLUG}.html.j2",
        annexes=head,
        slug=SLUG,
        titre=titre,
        recit=recit,
        introduction=introduction(recit),
        entetes_suivi=SUIVI_HEADERS,
    )
    # L'index des annexes (rendu avec les autres) nomme celle-ci : render_all(supplementaires=…).
    return {f"html/{SLUG}.html": page.encode("utf-8")}


def _words_md(ligne: Row) -> str:
    from acvkit.diff.render_md import mots

    return mots(ligne)


def _md(recit: Narrative, head: TitleBlock, templates: Path, titre: str) -> dict[str, bytes]:
    from acvkit.annexes.templating import environment
    from acvkit.diff.phrases import SUIVI_HEADERS
    from acvkit.views.markdown import cellule, md, titre_md

    env = environment(templates / "md", autoescape=False)
    env.filters.update(md=md, cellule=cellule, titre_md=titre_md, mots=_words_md)
    texte = render(
        env,
        f"{SLUG}.md.j2",
        annexes=head,
        slug=SLUG,
        titre=titre,
        recit=recit,
        introduction=introduction(recit),
        entetes_suivi=SUIVI_HEADERS,
    )
    return {f"md/{SLUG}.md": texte.encode("utf-8")}


def _docx(recit: Narrative, head: TitleBlock, day: datetime, titre: str) -> dict[str, bytes]:
    import docx
    from docx.shared import Mm

    from acvkit.annexes.docx import helpers as h
    from acvkit.annexes.docx.accessibility import table_titles
    from acvkit.annexes.docx.font import single_font

    document = docx.Document()
    section = document.sections[0]
    h.a4_page(section, landscape=True)
    h.french_language(document)
    h.plain_styles(document)
    single_font(document)
    h.no_thumbnail(document)
    h.properties(document, titre=titre, subject=head.intitule or head.titre_programme, date=day)

    def paragraphe(texte: str, style: str | None = None, bold: bool = False) -> None:
        p = document.add_paragraph()
        if style is not None:
            h.apply_style(p, style)
        h.add_text(p, texte, bold=bold, italic=False)

    paragraphe(titre, "Title")
    if head.intitule:
        paragraphe(head.intitule, "Subtitle")
    for label, valeur in (
        ("Programme", head.titre_programme),
        ("Territoire", head.territoire),
        (f"Période {head.document.of_document}", head.periode),
        ("Document produit", f"le {head.genere_le} par acvkit, à partir des données du dépôt"),
    ):
        if valeur:
            p = document.add_paragraph()
            h.add_text(p, f"{label} : ", bold=True, italic=False)
            h.add_text(p, valeur, italic=False)
    paragraphe(introduction(recit))
    paragraphe(recit.resume_plan[:1].upper() + recit.resume_plan[1:] + ".", bold=True)
    for remarque in recit.remarques:
        paragraphe(remarque)
    for titre, elements in (
        ("Fiches ajoutées", recit.ajoutees),
        ("Fiches supprimées", recit.supprimees),
        ("Fiches renumérotées", recit.renumerotees),
        ("Fiches illisibles", recit.illisibles),
    ):
        if elements:
            paragraphe(titre, "Heading1")
            for element in elements:
                paragraphe(element, "ListBullet")
    useful = h.usable_width(section)
    fixed = int(Mm(60))
    largeurs = [fixed, (useful - fixed) * 2 // 5, (useful - fixed) * 2 // 5]
    largeurs.append(useful - sum(largeurs))
    for titre, blocs in (("Fiches modifiées", recit.modifiees), ("Référentiel", recit.referentiel)):
        if not blocs:
            continue
        paragraphe(titre, "Heading1")
        for bloc in blocs:
            paragraphe(bloc.titre, "Heading2")
            for event in bloc.evenements:
                paragraphe(event, "ListBullet")
            if not bloc.lignes:
                continue
            table = h.data_table(
                document, ["Champ", "Avant", "Après", "Écart"], largeurs, right=(3,)
            )
            for lg in bloc.lignes:
                cellules = h.ligne(table, largeurs).cells
                h.write(cellules[0], lg.champ, bold=True)
                if lg.mots is None:
                    h.write(cellules[1], lg.avant)
                    h.write(cellules[2], lg.apres)
                    h.write(cellules[3], lg.ecart, right=True)
                    continue
                fusion = cellules[1].merge(cellules[3])
                p = fusion.paragraphs[0]
                for ordinal, m in enumerate(lg.mots):
                    if ordinal:
                        h.add_text(p, " ", italic=False, size=h.TABLE_FONT_SIZE)
                    run = h.add_text(p, m.texte, italic=False, size=h.TABLE_FONT_SIZE)
                    if m.genre == "-":
                        run.font.strike = True
                    elif m.genre == "+":
                        run.bold = True
                        run.underline = True
    if recit.financements_suivi:
        from acvkit.diff.phrases import SUIVI_HEADERS

        paragraphe("Suivi des financements", "Heading1")
        paragraphe(
            "Montants après la modification ; entre parenthèses, ceux d'avant quand ils changent."
        )
        first = int(Mm(50))
        rest = (useful - first) // (len(SUIVI_HEADERS) - 1)
        widths = [first, *[rest] * (len(SUIVI_HEADERS) - 1)]
        table = h.data_table(
            document, list(SUIVI_HEADERS), widths, right=tuple(range(1, len(SUIVI_HEADERS)))
        )
        for suivi in recit.financements_suivi:
            cellules = h.ligne(table, widths).cells
            h.write(cellules[0], suivi.libelle, bold=True)
            for index, texte in enumerate(suivi.cellules, start=1):
                h.write(cellules[index], texte, right=True)
    if recit.totaux:
        paragraphe("Synthèse financière avant et après", "Heading1")
        for titre, rangees in recit.totaux:
            paragraphe(titre, "Heading2")
            entetes = ["Regroupement", "Avant", "Après", "Écart"]
            table = h.data_table(document, entetes, largeurs, right=(1, 2, 3))
            for r in rangees:
                cellules = h.ligne(table, largeurs).cells
                h.write(cellules[0], r.libelle)
                h.write(cellules[1], r.avant, right=True)
                h.write(cellules[2], r.apres, right=True)
                h.write(cellules[3], r.ecart, right=True, bold=True)
    h.footer(section, titre)
    table_titles(document, titre)  # chaque tableau a le titre de sa section, comme en HTML
    output = io.BytesIO()
    document.save(output)
    return {f"docx/{SLUG}.docx": output.getvalue()}


def render_modifications(
    recit: Narrative,
    formats: tuple[str, ...],
    templates: Path,
    entete: Entete,
    fiche_count: int,
    when: datetime,
    titre: str | None = None,
) -> dict[str, bytes]:
    """Les fichiers de l'annexe pour les formats demandés (html, md, docx) ; le sommaire HTML refait.

    `titre` : celui que l'utilisateur donne (« Modifications apportées par l'avenant n°3 ») ; sinon
    un titre neutre."""
    titre = (titre or "").strip() or TITRE
    from acvkit.annexes.reproducible import normalize_zip

    head = title_block(entete, fiche_count)
    out: dict[str, bytes] = {}
    if "html" in formats:
        out.update(_html(recit, head, templates, titre))
    if "md" in formats:
        out.update(_md(recit, head, templates, titre))
    if {"docx", "odt", "pdf"} & set(formats):
        day = datetime.combine(when.date(), time())
        docx = {p: normalize_zip(c, when) for p, c in _docx(recit, head, day, titre).items()}
        if "docx" in formats:
            out.update(docx)
        for target in ("odt", "pdf"):
            if target in formats:
                from acvkit.annexes.libreoffice import convert

                out.update(convert(docx, target))  # ConversionError : message français
    return out
