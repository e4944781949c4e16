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
from acvkit.annexes.docx.helpers import (
    TABLE_FONT_SIZE,
    add_text,
    apply_style,
    cell_paragraph,
    ligne,
    shade_cell,
    write,
)

DEFAULT_DATE = datetime(2000, 1, 1)


GREY_TOTAL = "F2F2F2"


SMALL = Pt(8)


# Identifiants des styles intégrés du modèle de python-docx (noms « Subtitle », « List Bullet »…).
SOUS_TITRE = "Subtitle"


BULLET = "ListBullet"


CAPTION = "Caption"


def titre_docx(document: Document, texte: str, level: int) -> Paragraph:
    """Un titre au style intégré (« Title » pour 0, « Heading n » sinon), texte brut."""
    paragraphe: Paragraph = document.add_paragraph()
    apply_style(paragraphe, f"Heading{level}" if level else "Title")
    add_text(paragraphe, texte, italic=False)
    return paragraphe


def docx_paragraph(
    document: Document, texte: str = "", *, style: str | None = None, italic: bool | None = None
) -> Paragraph:
    paragraphe: Paragraph = document.add_paragraph()
    if style is not None:
        apply_style(paragraphe, style)
    if texte:
        add_text(paragraphe, texte, italic=italic)
    return paragraphe


def label_docx(document: Document, label: str, valeur: str) -> Paragraph:
    """« Étiquette : valeur », l'étiquette en gras."""
    paragraphe = document.add_paragraph()
    add_text(paragraphe, f"{label} : ", bold=True, italic=False)
    add_text(paragraphe, valeur or "–")
    return paragraphe


def title_block_docx(document: Document, titre: str, annexes: Annexes) -> None:
    """Titre, programme, territoire, période, date de production : en tête du document."""
    titre_docx(document, titre, 0)
    if annexes.intitule:
        docx_paragraph(document, annexes.intitule, style=SOUS_TITRE)
    label_docx(document, "Programme", annexes.titre_programme)
    if annexes.territoire:
        label_docx(document, "Territoire", annexes.territoire)
    if annexes.periode:
        label_docx(document, f"Période {annexes.document.of_document}", annexes.periode)
    label_docx(
        document,
        "Document produit",
        f"le {annexes.genere_le} par acvkit, à partir des données du dépôt "
        f"({annexes.fiches_texte})",
    )
    if annexes.version_a_signer:
        label_docx(document, "Version", annexes.version_a_signer)
    for warning in annexes.avertissements:
        docx_paragraph(document, warning, style=BULLET)


def largeurs_colonnes(total: int, fixes: Sequence[Length | None]) -> list[int]:
    """Les largeurs de colonnes : celles données, et le reste partagé entre les `None`."""
    free_columns = sum(1 for f in fixes if f is None)
    reste = total - sum(int(f) for f in fixes if f is not None)
    part = reste // free_columns if free_columns else 0
    return [int(f) if f is not None else part for f in fixes]


def fiche_and_collectivite(
    cellule: _Cell, titre: str, collectivite: str, size: Length = TABLE_FONT_SIZE
) -> None:
    """Le titre de la fiche, et en dessous sa collectivité, plus petite, en italique."""
    write(cellule, titre, size=size)
    cell_paragraph(cellule, collectivite, italic=True, size=Pt(7.5))


def total_row(table: Table, largeurs: Sequence[int]) -> list[_Cell]:
    row = ligne(table, largeurs)
    for cellule in row.cells:
        shade_cell(cellule, GREY_TOTAL)
    return list(row.cells)
