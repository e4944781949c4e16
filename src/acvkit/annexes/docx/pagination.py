"""Les coupures de page d'un DOCX : un tableau court, une ligne de total, une légende restent avec
leur tableau.

Word et LibreOffice gardent un paragraphe sur la même page que le suivant (w:keepNext) : posé sur
chaque paragraphe des lignes d'un tableau sauf la dernière, le tableau ne se coupe pas ; posé sur la
ligne qui précède un total, le total ne part pas seul en haut de la page suivante ; posé sur une
légende, elle ne reste pas seule en bas de page. Appliqué après le rendu, à tout tableau du corps
du document (les tableaux imbriqués suivent leur cellule, déjà insécable).
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.oxml.ns import qn

from acvkit.annexes.docx import xml as docx_xml

# Un tableau d'au plus tant de lignes tient sur une page : il ne se coupe jamais.
SHORT_ROWS = 12
# Une note sous un tableau (« Total des coûts chiffrés : … », « Coût à déterminer : … ») reste
# avec sa dernière ligne quand elle tient en quelques lignes.
NOTE_LENGTH = 300

_P = qn("w:p")
_TR = qn("w:tr")
_TC = qn("w:tc")
_TBL = qn("w:tbl")
_T = qn("w:t")
_KEEP_NEXT = qn("w:keepNext")
_STYLE = qn("w:pPr") + "/" + qn("w:pStyle")


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(_T)).strip()


def _style(p: Any) -> str:
    style = p.find(_STYLE)
    return "" if style is None else style.get(qn("w:val")) or ""


def _keep_next(p: Any) -> None:
    docx_xml.child(docx_xml.ppr(p), _KEEP_NEXT, docx_xml.PPR_RANKS)


def _keep_row_with_next(tr: Any) -> None:
    for p in tr.iter(_P):
        _keep_next(p)


def _is_title(p: Any) -> bool:
    return _style(p).startswith(("Heading", "Caption", "Title"))


def keep_tables_together(document: Document) -> None:
    """Légendes, tableaux courts, lignes de total et notes de tableau gardés ensemble."""
    for tbl in document.element.body.iterchildren(_TBL):
        rows = list(tbl.iterchildren(_TR))
        if not rows:
            continue
        has_inner_table = any(True for _ in tbl.iterdescendants(_TBL))
        if len(rows) <= SHORT_ROWS and not has_inner_table:
            for tr in rows[:-1]:
                _keep_row_with_next(tr)
        # Les lignes de total (et celles qui les suivent) restent avec la ligne qui les précède.
        first_total = next(
            (
                i
                for i, tr in enumerate(rows)
                if i > 0 and _text(next(tr.iterchildren(_TC))).casefold().startswith("total")
            ),
            None,
        )
        if first_total is not None:
            for tr in rows[first_total - 1 : -1]:
                _keep_row_with_next(tr)
        # La légende ou le titre juste avant le tableau reste avec sa première ligne.
        previous = tbl.getprevious()
        while previous is not None and previous.tag == _P and _is_title(previous):
            _keep_next(previous)
            previous = previous.getprevious()
        # Une courte note juste après le tableau reste avec sa dernière ligne.
        after = tbl.getnext()
        if (
            after is not None
            and after.tag == _P
            and not _is_title(after)
            and 0 < len(_text(after)) <= NOTE_LENGTH
        ):
            _keep_row_with_next(rows[-1])
