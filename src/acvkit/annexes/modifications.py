"""L'annexe « modifications » d'un avenant de modification (`acv build --depuis REV`).

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
from acvkit.annexes.formats import ANNEXES
from acvkit.annexes.sandbox import rendre
from acvkit.diff.phrases import Ligne, Recit

SLUG = "modifications"
TITRE = "Modifications apportées par l'avenant"


@dataclass(frozen=True)
class Cartouche:
    """Ce que le bloc de titre commun des gabarits lit (`annexes.…`), sans calculer les autres annexes."""

    titre_programme: str
    intitule: str
    territoire: str
    periode: str
    genere_le: str
    nombre_fiches: int
    avertissements: list[str] = field(default_factory=list)


def cartouche(entete: Entete, nombre_fiches: int) -> Cartouche:
    return Cartouche(
        entete.titre_programme,
        entete.intitule,
        entete.territoire,
        entete.periode,
        entete.genere_le,
        nombre_fiches,
    )


def _html(recit: Recit, tete: Cartouche, templates: Path) -> dict[str, bytes]:
    from acvkit.annexes.html import html_environment

    env = html_environment(templates)
    env.globals.update(annexes_produites=[*ANNEXES, (SLUG, TITRE)])
    page = rendre(env, f"{SLUG}.html.j2", annexes=tete, slug=SLUG, titre=TITRE, recit=recit)
    # L'index des annexes (rendu avec les autres) nomme celle-ci : render_all(supplementaires=…).
    return {f"html/{SLUG}.html": page.encode("utf-8")}


def _mots_md(ligne: Ligne) -> str:
    from acvkit.diff.render_md import mots

    return mots(ligne)


def _md(recit: Recit, tete: Cartouche, templates: Path) -> dict[str, bytes]:
    from acvkit.annexes.templating import environment
    from acvkit.views.markdown import cellule, md, titre_md

    env = environment(templates / "md", autoescape=False)
    env.filters.update(md=md, cellule=cellule, titre_md=titre_md, mots=_mots_md)
    texte = rendre(env, f"{SLUG}.md.j2", annexes=tete, slug=SLUG, titre=TITRE, recit=recit)
    return {f"md/{SLUG}.md": texte.encode("utf-8")}


def _docx(recit: Recit, tete: Cartouche, jour: datetime) -> dict[str, bytes]:
    import docx
    from docx.shared import Mm

    from acvkit.annexes import docx_helpers as h

    document = docx.Document()
    section = document.sections[0]
    h.page_a4(section, paysage=True)
    h.langue_francaise(document)
    h.styles_sobres(document)
    h.sans_vignette(document)
    h.proprietes(document, titre=TITRE, sujet=tete.intitule or tete.titre_programme, date=jour)

    def paragraphe(texte: str, style: str | None = None, gras: bool = False) -> None:
        p = document.add_paragraph()
        if style is not None:
            h.styler(p, style)
        h.ajouter_texte(p, texte, gras=gras, italique=False)

    paragraphe(TITRE, "Title")
    if tete.intitule:
        paragraphe(tete.intitule, "Subtitle")
    for etiquette, valeur in (
        ("Programme", tete.titre_programme),
        ("Territoire", tete.territoire),
        ("Période de l'avenant", tete.periode),
        ("Document produit", f"le {tete.genere_le} par acvkit, à partir des données du dépôt"),
    ):
        if valeur:
            p = document.add_paragraph()
            h.ajouter_texte(p, f"{etiquette} : ", gras=True, italique=False)
            h.ajouter_texte(p, valeur, italique=False)
    paragraphe(
        f"Modifications de cette version des données par rapport à la version {recit.avant}. "
        "Les montants sont donnés base par base : HT, TTC et base non précisée ne sont jamais "
        "additionnés."
    )
    paragraphe(recit.resume_plan[:1].upper() + recit.resume_plan[1:] + ".", gras=True)
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
    utile = h.largeur_utile(section)
    fixe = int(Mm(60))
    largeurs = [fixe, (utile - fixe) * 2 // 5, (utile - fixe) * 2 // 5]
    largeurs.append(utile - sum(largeurs))
    for titre, blocs in (("Fiches modifiées", recit.modifiees), ("Référentiel", recit.referentiel)):
        if not blocs:
            continue
        paragraphe(titre, "Heading1")
        for bloc in blocs:
            paragraphe(bloc.titre, "Heading2")
            table = h.tableau(document, ["Champ", "Avant", "Après", "Écart"], largeurs, droite=(3,))
            for lg in bloc.lignes:
                cellules = h.ligne(table, largeurs).cells
                h.ecrire(cellules[0], lg.champ, gras=True)
                if lg.mots is None:
                    h.ecrire(cellules[1], lg.avant)
                    h.ecrire(cellules[2], lg.apres)
                    h.ecrire(cellules[3], lg.ecart, droite=True)
                    continue
                fusion = cellules[1].merge(cellules[3])
                p = fusion.paragraphs[0]
                for rang, m in enumerate(lg.mots):
                    if rang:
                        h.ajouter_texte(p, " ", italique=False, taille=h.TAILLE_TABLEAU)
                    run = h.ajouter_texte(p, m.texte, italique=False, taille=h.TAILLE_TABLEAU)
                    if m.genre == "-":
                        run.font.strike = True
                    elif m.genre == "+":
                        run.bold = True
                        run.underline = True
    if recit.totaux:
        paragraphe("Synthèse financière avant et après", "Heading1")
        for titre, rangees in recit.totaux:
            paragraphe(titre, "Heading2")
            entetes = ["Regroupement", "Avant", "Après", "Écart"]
            table = h.tableau(document, entetes, largeurs, droite=(1, 2, 3))
            for r in rangees:
                cellules = h.ligne(table, largeurs).cells
                h.ecrire(cellules[0], r.libelle)
                h.ecrire(cellules[1], r.avant, droite=True)
                h.ecrire(cellules[2], r.apres, droite=True)
                h.ecrire(cellules[3], r.ecart, droite=True, gras=True)
    h.pied_de_page(section, TITRE)
    sortie = io.BytesIO()
    document.save(sortie)
    return {f"docx/{SLUG}.docx": sortie.getvalue()}


def render_modifications(
    recit: Recit,
    formats: tuple[str, ...],
    templates: Path,
    entete: Entete,
    nombre_fiches: int,
    when: datetime,
) -> dict[str, bytes]:
    """Les fichiers de l'annexe pour les formats demandés (html, md, docx) ; le sommaire HTML refait."""
    from acvkit.annexes.reproducible import normalize_zip

    tete = cartouche(entete, nombre_fiches)
    out: dict[str, bytes] = {}
    if "html" in formats:
        out.update(_html(recit, tete, templates))
    if "md" in formats:
        out.update(_md(recit, tete, templates))
    if {"docx", "odt", "pdf"} & set(formats):
        jour = datetime.combine(when.date(), time())
        docx = {p: normalize_zip(c, when) for p, c in _docx(recit, tete, jour).items()}
        if "docx" in formats:
            out.update(docx)
        for target in ("odt", "pdf"):
            if target in formats:
                from acvkit.annexes.libreoffice import convert

                out.update(convert(docx, target))  # ConversionError : message français
    return out
