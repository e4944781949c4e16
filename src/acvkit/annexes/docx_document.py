"""Le cadre commun de chaque DOCX d'annexe : page A4, langue, styles et police unique, propriétés,
cartouche, pied de page, titre de chaque tableau ; le contenu vient de la fonction de rendu."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, time

import docx
from docx.document import Document

from acvkit.annexes.context import Annexes
from acvkit.annexes.docx_accessibilite import titres_des_tableaux
from acvkit.annexes.docx_blocks import DATE_PAR_DEFAUT, cartouche_docx
from acvkit.annexes.docx_helpers import (
    langue_francaise,
    page_a4,
    pied_de_page,
    proprietes,
    sans_vignette,
    styles_sobres,
)
from acvkit.annexes.docx_police import police_unique


def document_annexe(
    titre: str,
    annexes: Annexes,
    rendu: Callable[[Document], None],
    *,
    paysage: bool = False,
    legendes: bool = False,
) -> bytes:
    """Les octets du DOCX d'une annexe dont `rendu` écrit le contenu (voir titres_des_tableaux
    pour `legendes`)."""
    document = docx.Document()
    section = document.sections[0]
    page_a4(section, paysage=paysage)
    langue_francaise(document)
    styles_sobres(document)
    police_unique(document)
    sans_vignette(document)
    date = (
        datetime.combine(annexes.date_generation, time())
        if annexes.date_generation is not None
        else DATE_PAR_DEFAUT
    )
    proprietes(document, titre=titre, sujet=annexes.intitule or annexes.titre_programme, date=date)
    cartouche_docx(document, titre, annexes)
    rendu(document)
    pied_de_page(section, titre)
    titres_des_tableaux(document, titre, legendes=legendes)
    sortie = io.BytesIO()
    document.save(sortie)
    return sortie.getvalue()
