"""Le XML écrit directement (docx_xml) : texte jamais interprété, échappé, relu tel quel."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.document import Document

from acvkit.annexes import docx_helpers

NASTY = [
    "<w:b/>&amp; « guillemets \" et ' »",
    "  espaces au début et à la fin  ",
    "\u00a0insécable au début",
    "tab\tet ligne\nretour\rfin",
    "contrôle\x00\x01\x08\x0b\x0c\x1f\ufffe\uffffici",
    "surrogat \ud800 seul",
    "]]> <!-- commentaire --> <?pi ?>",
    "",
]


def _document(lineaire: bool, monkeypatch: pytest.MonkeyPatch) -> Document:
    monkeypatch.setattr(docx_helpers, "LINEAIRE", lineaire)
    document = docx.Document()
    table = docx_helpers.tableau(document, ["A", "B"], [2_000_000, 3_000_000], droite=(1,))
    for texte in NASTY:
        cellules = docx_helpers.ligne(table, [2_000_000, 3_000_000]).cells
        docx_helpers.ecrire(cellules[0], texte, gras=True, couleur="FFFFFF")
        docx_helpers.tramer(cellules[0], "EDEDED")
        docx_helpers.paragraphe_cellule(cellules[1], texte, style="ListBullet")
        docx_helpers.paragraphe_cellule(cellules[1], texte, italique=True)
        docx_helpers.ajouter_texte(document.add_paragraph(), texte)
    return document


def _octets(document: Document) -> bytes:
    sortie = io.BytesIO()
    document.save(sortie)
    return zipfile.ZipFile(sortie).read("word/document.xml")


def _attendu(texte: str) -> str:
    """Ce que python-docx relit : caractères interdits remplacés, tab et fins de ligne gardés."""
    sur = docx_helpers.texte_sur(texte)
    return sur.replace("\r", "\n")


def test_le_texte_est_relu_tel_quel(monkeypatch: pytest.MonkeyPatch) -> None:
    document = _document(True, monkeypatch)
    sortie = io.BytesIO()
    document.save(sortie)
    relu = docx.Document(io.BytesIO(sortie.getvalue()))
    lignes = relu.tables[0].rows[1:]
    assert len(lignes) == len(NASTY)
    for ligne, texte in zip(lignes, NASTY, strict=True):
        gauche, droite = ligne.cells
        assert gauche.paragraphs[0].text == _attendu(texte)
        assert [p.text for p in droite.paragraphs] == [_attendu(texte)] * 2
        assert droite.paragraphs[0].style.name == "List Bullet"
    assert [p.text for p in relu.paragraphs[-len(NASTY) :]] == [_attendu(t) for t in NASTY]


def test_rien_d_interprete_ni_d_interdit_dans_le_xml(monkeypatch: pytest.MonkeyPatch) -> None:
    xml = _octets(_document(True, monkeypatch)).decode("utf-8")
    assert "<w:b/>&amp;amp;" not in xml  # le texte n'est pas du XML collé
    assert "&lt;w:b/&gt;&amp;amp;" in xml
    assert "<!-- commentaire -->" not in xml and "<?pi" not in xml
    assert not any(c in xml for c in "\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff")
    assert '<w:t xml:space="preserve">  espaces au début et à la fin  </w:t>' in xml
    assert '<w:t xml:space="preserve">\u00a0insécable au début</w:t>' in xml
    assert "<w:t>tab</w:t><w:tab/><w:t>et ligne</w:t><w:br/><w:t>retour</w:t><w:br/>" in xml


def test_memes_octets_que_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    """Le XML écrit directement est celui que python-docx écrirait, élément pour élément."""
    assert _octets(_document(True, monkeypatch)) == _octets(_document(False, monkeypatch))


def test_une_couleur_invalide_est_refusee() -> None:
    from acvkit.annexes import docx_xml

    document = docx.Document()
    with pytest.raises(ValueError, match="couleur invalide"):
        docx_xml.run(document.add_paragraph()._p, "x", couleur='"/><w:b')
