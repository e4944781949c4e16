"""Le XML écrit directement (docx_xml) : texte jamais interprété, échappé, relu tel quel."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.document import Document

from acvkit.annexes.docx import helpers as docx_helpers

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


def _document(linear: bool, monkeypatch: pytest.MonkeyPatch) -> Document:
    monkeypatch.setattr(docx_helpers, "LINEAR", linear)
    document = docx.Document()
    table = docx_helpers.data_table(document, ["A", "B"], [2_000_000, 3_000_000], right=(1,))
    for texte in NASTY:
        cells = docx_helpers.ligne(table, [2_000_000, 3_000_000]).cells
        docx_helpers.write(cells[0], texte, bold=True, color="FFFFFF")
        docx_helpers.shade_cell(cells[0], "EDEDED")
        docx_helpers.cell_paragraph(cells[1], texte, style="ListBullet")
        docx_helpers.cell_paragraph(cells[1], texte, italic=True)
        docx_helpers.add_text(document.add_paragraph(), texte)
    return document


def _byte_size(document: Document) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return zipfile.ZipFile(output).read("word/document.xml")


def _expected_text(texte: str) -> str:
    """Ce que python-docx relit : caractères interdits remplacés, tab et fins de ligne gardés."""
    safe = docx_helpers.safe_text(texte)
    return safe.replace("\r", "\n")


def test_le_texte_est_relu_tel_quel(monkeypatch: pytest.MonkeyPatch) -> None:
    document = _document(True, monkeypatch)
    output = io.BytesIO()
    document.save(output)
    reread = docx.Document(io.BytesIO(output.getvalue()))
    lines = reread.tables[0].rows[1:]
    assert len(lines) == len(NASTY)
    for line, texte in zip(lines, NASTY, strict=True):
        left, right = line.cells
        assert left.paragraphs[0].text == _expected_text(texte)
        assert [p.text for p in right.paragraphs] == [_expected_text(texte)] * 2
        assert right.paragraphs[0].style.name == "List Bullet"
    assert [p.text for p in reread.paragraphs[-len(NASTY) :]] == [_expected_text(t) for t in NASTY]


def test_rien_d_interprete_ni_d_interdit_dans_le_xml(monkeypatch: pytest.MonkeyPatch) -> None:
    xml = _byte_size(_document(True, monkeypatch)).decode("utf-8")
    assert "<w:b/>&amp;amp;" not in xml  # le texte n'est pas du XML collé
    assert "&lt;w:b/&gt;&amp;amp;" in xml
    assert "<!-- commentaire -->" not in xml and "<?pi" not in xml
    assert not any(c in xml for c in "\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff")
    assert '<w:t xml:space="preserve">  espaces au début et à la fin  </w:t>' in xml
    assert '<w:t xml:space="preserve">\u00a0insécable au début</w:t>' in xml
    assert "<w:t>tab</w:t><w:tab/><w:t>et ligne</w:t><w:br/><w:t>retour</w:t><w:br/>" in xml


def test_memes_octets_que_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    """Le XML écrit directement est celui que python-docx écrirait, élément pour élément."""
    assert _byte_size(_document(True, monkeypatch)) == _byte_size(_document(False, monkeypatch))


def test_une_couleur_invalide_est_refusee() -> None:
    from acvkit.annexes.docx import xml as docx_xml

    document = docx.Document()
    with pytest.raises(ValueError, match="couleur invalide"):
        docx_xml.run(document.add_paragraph()._p, "x", color='"/><w:b')
