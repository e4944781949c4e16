"""Les largeurs de chaque tableau de chaque DOCX : rien ne dépasse de sa cellule ni de la page.

LibreOffice dessine un tableau d'après sa grille (w:gridCol), Word d'après ses cellules (w:tcW) :
les deux doivent dire la même chose. Un tableau imbriqué tient dans la largeur utile de sa cellule
(marges gauche et droite ôtées), un tableau du corps dans la largeur de la page.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.parser import parse_xml

from tests.conftest import DATA, FIXTURES, ROOT, run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Marge d'une cellule quand ni la cellule, ni le tableau, ni son style n'en disent rien (Word).
DEFAULT_MARGIN = 108
FOLDERS = {
    "data": DATA,
    "exemple": ROOT / "examples" / "suivi-2025-s1",
    "convention-2018": FIXTURES / "convention-2018",
}


def _twips(element: Any) -> int:
    return int(element.get(f"{W}w"))


def _margins(tc: Any, tbl: Any, styles: dict[str, tuple[int, int]]) -> int:
    """Marges gauche + droite d'une cellule : la sienne, sinon celle du tableau, sinon du style."""
    for source in (tc.find(f"{W}tcPr/{W}tcMar"), tbl.find(f"{W}tblPr/{W}tblCellMar")):
        if source is not None:
            sides = [source.find(f"{W}{s}") for s in ("left", "start", "right", "end")]
            values = [_twips(s) for s in sides if s is not None]
            if len(values) >= 2:
                return sum(values[:2])
    style = tbl.find(f"{W}tblPr/{W}tblStyle")
    left, right = styles.get(style.get(f"{W}val") if style is not None else "", (0, 0))
    return (left or DEFAULT_MARGIN) + (right or DEFAULT_MARGIN)


def _style_margins(styles_xml: bytes) -> dict[str, tuple[int, int]]:
    out = {}
    for style in parse_xml(styles_xml).iter(f"{W}style"):
        mar = style.find(f"{W}tblPr/{W}tblCellMar")
        if mar is None:
            continue
        left, right = mar.find(f"{W}left"), mar.find(f"{W}right")
        out[style.get(f"{W}styleId")] = (
            _twips(left) if left is not None else 0,
            _twips(right) if right is not None else 0,
        )
    return out


def problems(path: Path) -> list[str]:
    archive = zipfile.ZipFile(path)
    root = parse_xml(archive.read("word/document.xml"))
    styles = _style_margins(archive.read("word/styles.xml"))
    section = root.find(f"{W}body/{W}sectPr")
    page = section.find(f"{W}pgSz")
    margins = section.find(f"{W}pgMar")
    page_width = (
        int(page.get(f"{W}w")) - int(margins.get(f"{W}left")) - int(margins.get(f"{W}right"))
    )
    found = []
    for ordinal, tbl in enumerate(root.iter(f"{W}tbl"), start=1):
        grid = [_twips(g) for g in tbl.find(f"{W}tblGrid").iterchildren(f"{W}gridCol")]
        for tr in tbl.iterchildren(f"{W}tr"):
            cells = []
            for tc in tr.iterchildren(f"{W}tc"):
                width = tc.find(f"{W}tcPr/{W}tcW")
                cells.append(_twips(width) if width is not None else -1)
            if sum(cells) != sum(grid) or -1 in cells:
                found.append(f"tableau {ordinal} : grille {grid} ≠ cellules {cells}")
                break
        parent = tbl.getparent()
        if parent.tag == f"{W}tc":
            cell_width = _twips(parent.find(f"{W}tcPr/{W}tcW"))
            available = cell_width - _margins(parent, parent.getparent().getparent(), styles)
            if sum(grid) > available:
                found.append(
                    f"tableau {ordinal} : {sum(grid)} dans une cellule de {available} utiles"
                )
        elif sum(grid) > page_width:
            found.append(f"tableau {ordinal} : {sum(grid)} sur une page de {page_width}")
    return found


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_chaque_tableau_de_chaque_docx_tient_dans_sa_cellule(folder: str, tmp_path: Path) -> None:
    result = run("build", "--data", str(FOLDERS[folder]), "--out", str(tmp_path), "-f", "docx")
    assert result.exit_code == 0, result.stdout + result.stderr
    documents = sorted((tmp_path / "docx").glob("*.docx"))
    assert len(documents) >= 7
    found = []
    for path in documents:
        found += [f"{path.name} : {p}" for p in problems(path)]
    assert not found, "\n".join(found)
    # Les fiches ont des tableaux imbriqués (postes, financements) : le contrôle les voit.
    fiches = parse_xml(
        zipfile.ZipFile(tmp_path / "docx" / "fiches-action.docx").read("word/document.xml")
    )
    assert any(tbl.getparent().tag == f"{W}tc" for tbl in fiches.iter(f"{W}tbl"))
