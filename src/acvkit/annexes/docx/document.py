"""Le cadre commun de chaque DOCX d'annexe : page A4, langue, styles et police unique, propriétés,
cartouche, pied de page, titre de chaque tableau ; le contenu vient de la fonction de rendu."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, time

import docx
from docx.document import Document

from acvkit.annexes.context import Annexes
from acvkit.annexes.docx.accessibility import table_titles
from acvkit.annexes.docx.blocks import DEFAULT_DATE, title_block_docx
from acvkit.annexes.docx.font import single_font
from acvkit.annexes.docx.helpers import (
    a4_page,
    footer,
    french_language,
    linear_bodies,
    no_thumbnail,
    plain_styles,
    properties,
)
from acvkit.annexes.docx.pagination import keep_tables_together


def document_annexe(
    titre: str,
    annexes: Annexes,
    rendering: Callable[[Document], None],
    *,
    landscape: bool = False,
    captions: bool = False,
) -> bytes:
    """Les octets du DOCX d'une annexe dont `rendu` écrit le contenu (voir table_titles
    pour `legendes`)."""
    with linear_bodies():
        return _document(titre, annexes, rendering, landscape=landscape, captions=captions)


def _document(
    titre: str,
    annexes: Annexes,
    rendering: Callable[[Document], None],
    *,
    landscape: bool,
    captions: bool,
) -> bytes:
    document = docx.Document()
    section = document.sections[0]
    a4_page(section, landscape=landscape)
    french_language(document)
    plain_styles(document)
    single_font(document)
    no_thumbnail(document)
    date = (
        datetime.combine(annexes.date_generation, time())
        if annexes.date_generation is not None
        else DEFAULT_DATE
    )
    properties(
        document, titre=titre, subject=annexes.intitule or annexes.titre_programme, date=date
    )
    title_block_docx(document, titre, annexes)
    rendering(document)
    footer(section, titre)
    table_titles(document, titre, captions=captions)
    keep_tables_together(document)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
