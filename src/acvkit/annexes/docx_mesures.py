"""Les mesures des indicateurs dans le DOCX de l'annexe 8.3 : fiches, graphique (image) et tableau."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from docx.document import Document
from docx.shared import Length

from acvkit.annexes.docx_helpers import ajouter_texte, ecrire, ligne, styler, tableau
from acvkit.annexes.evaluation_mesures import MesureIndicateur, MesuresEvaluation

PUCE = "ListBullet"


def _texte(document: Document, texte: str, style: str | None = None) -> None:
    paragraphe = document.add_paragraph()
    if style is not None:
        styler(paragraphe, style)
    ajouter_texte(paragraphe, texte, italique=False)


def _image(document: Document, mesure: MesureIndicateur, largeur: int) -> None:
    from acvkit.annexes.indicator_charts import indicator_png

    forme = document.add_picture(io.BytesIO(indicator_png(mesure)), width=Length(largeur))
    # Texte de remplacement (descr) : ce que dit le graphique, pour un lecteur d'écran.
    doc_pr = forme._inline.docPr
    doc_pr.set("descr", mesure.description)
    doc_pr.set("title", f"Graphique : {mesure.intitule}")


def _donnees(document: Document, mesure: MesureIndicateur, largeur: int) -> None:
    colonnes = ["Année", *mesure.colonnes]
    premiere = largeur // 8
    autres = (largeur - premiere) // max(1, len(mesure.colonnes))
    largeurs = [premiere] + [autres] * len(mesure.colonnes)
    table = tableau(document, colonnes, largeurs, droite=range(1, len(colonnes)))
    for annee, cellules in mesure.lignes:
        rang = ligne(table, largeurs).cells
        ecrire(rang[0], str(annee))
        for cellule, texte in zip(rang[1:], cellules, strict=True):
            ecrire(cellule, texte or "–", droite=True)


def ajouter_mesures(
    document: Document,
    identifiants: Sequence[str],
    mesures: MesuresEvaluation,
    largeur: int,
    titre: Callable[[Document, str, int], object],
) -> None:
    """Après le tableau d'un axe : pour chacun de ses indicateurs chiffrés, fiches, image, tableau."""
    for ident in identifiants:
        mesure = mesures.par_indicateur.get(ident)
        if mesure is None:
            continue
        titre(document, mesure.intitule, 2)
        if mesure.fiches:
            _texte(document, "Fiches qui suivent cet indicateur :")
            for fiche in mesure.fiches:
                _texte(document, fiche, PUCE)
        if mesure.a_des_valeurs:
            _image(document, mesure, largeur)
            _texte(document, mesure.description, "Caption")
            _donnees(document, mesure, largeur)
        else:
            _texte(document, "Pas de valeur enregistrée.")
        _texte(document, f"Verdict : {mesure.verdict}.")
