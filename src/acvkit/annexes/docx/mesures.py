"""Les mesures des indicateurs dans le DOCX de l'annexe 8.3 : fiches, graphique (image) et tableau."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from docx.document import Document
from docx.shared import Length

from acvkit.annexes.docx.helpers import add_text, apply_style, data_table, ligne, write
from acvkit.annexes.evaluation_mesures import MesureIndicateur, MesuresEvaluation
from acvkit.charts.indicator_svg import indicator_svg
from acvkit.charts.png import svg_png

BULLET = "ListBullet"


def _text(document: Document, texte: str, style: str | None = None) -> None:
    paragraphe = document.add_paragraph()
    if style is not None:
        apply_style(paragraphe, style)
    add_text(paragraphe, texte, italic=False)


def _image(document: Document, mesure: MesureIndicateur, largeur: int) -> None:
    image = svg_png(indicator_svg(mesure))
    shape = document.add_picture(io.BytesIO(image), width=Length(largeur))
    # Texte de remplacement (descr) : ce que dit le graphique, pour un lecteur d'écran.
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", mesure.description)
    doc_pr.set("title", f"Graphique : {mesure.intitule}")


def _data(document: Document, mesure: MesureIndicateur, largeur: int) -> None:
    colonnes = ["Année", *mesure.colonnes]
    first = largeur // 8
    autres = (largeur - first) // max(1, len(mesure.colonnes))
    largeurs = [first] + [autres] * len(mesure.colonnes)
    table = data_table(document, colonnes, largeurs, right=range(1, len(colonnes)))
    for annee, cellules in mesure.lignes:
        ordinal = ligne(table, largeurs).cells
        write(ordinal[0], str(annee))
        for cellule, texte in zip(ordinal[1:], cellules, strict=True):
            write(cellule, texte or "non renseigné", right=True)


def add_mesures(
    document: Document,
    ids: Sequence[str],
    mesures: MesuresEvaluation,
    largeur: int,
    titre: Callable[[Document, str, int], object],
) -> None:
    """Après le tableau d'un axe : pour chacun de ses indicateurs chiffrés, fiches, image, tableau."""
    for ident in ids:
        mesure = mesures.par_indicateur.get(ident)
        if mesure is None:
            continue
        titre(document, mesure.intitule, 2)
        if mesure.fiches:
            _text(document, "Fiches qui suivent cet indicateur :")
            for fiche in mesure.fiches:
                _text(document, fiche, BULLET)
        if mesure.a_des_valeurs:
            _image(document, mesure, largeur)
            _text(document, mesure.description, "Caption")
            _data(document, mesure, largeur)
        else:
            _text(document, "Pas de valeur enregistrée.")
        _text(document, f"Verdict : {mesure.verdict}.")
