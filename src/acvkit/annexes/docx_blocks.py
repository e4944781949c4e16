"""Les blocs communs des DOCX d'annexes : titres, paragraphes, cartouche, largeurs, lignes de total."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from docx.document import Document
from docx.shared import Length, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from acvkit.annexes.context import (
    Annexes,
)
from acvkit.annexes.docx_helpers import (
    TAILLE_TABLEAU,
    ajouter_texte,
    ecrire,
    ligne,
    paragraphe_cellule,
    styler,
    tramer,
)

DATE_PAR_DEFAUT = datetime(2000, 1, 1)


GRIS_TOTAL = "F2F2F2"


PETIT = Pt(8)


# Identifiants des styles intégrés du modèle de python-docx (noms « Subtitle », « List Bullet »…).
SOUS_TITRE = "Subtitle"


PUCE = "ListBullet"


LEGENDE = "Caption"


def titre_docx(document: Document, texte: str, niveau: int) -> Paragraph:
    """Un titre au style intégré (« Title » pour 0, « Heading n » sinon), texte brut."""
    paragraphe: Paragraph = document.add_paragraph()
    styler(paragraphe, f"Heading{niveau}" if niveau else "Title")
    ajouter_texte(paragraphe, texte, italique=False)
    return paragraphe


def paragraphe_docx(
    document: Document, texte: str = "", *, style: str | None = None, italique: bool | None = None
) -> Paragraph:
    paragraphe: Paragraph = document.add_paragraph()
    if style is not None:
        styler(paragraphe, style)
    if texte:
        ajouter_texte(paragraphe, texte, italique=italique)
    return paragraphe


def etiquette_docx(document: Document, etiquette: str, valeur: str) -> Paragraph:
    """« Étiquette : valeur », l'étiquette en gras."""
    paragraphe = document.add_paragraph()
    ajouter_texte(paragraphe, f"{etiquette} : ", gras=True, italique=False)
    ajouter_texte(paragraphe, valeur or "–")
    return paragraphe


def cartouche_docx(document: Document, titre: str, annexes: Annexes) -> None:
    """Titre, programme, territoire, période, date de production : en tête du document."""
    titre_docx(document, titre, 0)
    if annexes.intitule:
        paragraphe_docx(document, annexes.intitule, style=SOUS_TITRE)
    etiquette_docx(document, "Programme", annexes.titre_programme)
    if annexes.territoire:
        etiquette_docx(document, "Territoire", annexes.territoire)
    if annexes.periode:
        etiquette_docx(document, "Période de l'avenant", annexes.periode)
    etiquette_docx(
        document,
        "Document produit",
        f"le {annexes.genere_le} par acvkit, à partir des données du dépôt "
        f"({annexes.fiches_texte})",
    )
    for avertissement in annexes.avertissements:
        paragraphe_docx(document, avertissement, style=PUCE)


def largeurs_colonnes(total: int, fixes: Sequence[Length | None]) -> list[int]:
    """Les largeurs de colonnes : celles données, et le reste partagé entre les `None`."""
    libres = sum(1 for f in fixes if f is None)
    reste = total - sum(int(f) for f in fixes if f is not None)
    part = reste // libres if libres else 0
    return [int(f) if f is not None else part for f in fixes]


def fiche_et_collectivite(
    cellule: _Cell, titre: str, collectivite: str, taille: Length = TAILLE_TABLEAU
) -> None:
    """Le titre de la fiche, et en dessous sa collectivité, plus petite, en italique."""
    ecrire(cellule, titre, taille=taille)
    paragraphe_cellule(cellule, collectivite, italique=True, taille=Pt(7.5))


def ligne_total(table: Table, largeurs: Sequence[int]) -> list[_Cell]:
    row = ligne(table, largeurs)
    for cellule in row.cells:
        tramer(cellule, GRIS_TOTAL)
    return list(row.cells)
