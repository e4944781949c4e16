"""La construction linéaire du DOCX (docx_helpers) donne les mêmes octets que le chemin de python-docx."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from acvkit.annexes import docx_helpers
from acvkit.annexes.formats import ANNEXES
from acvkit.annexes.runner import render_all
from acvkit.loading import load_folder
from tests.conftest import DATA, ROOT
from tests.strategies import generate_fiches, write_dataset

QUAND = datetime(2026, 1, 1, tzinfo=UTC)


def _docx(data: Path, lineaire: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.setattr(docx_helpers, "LINEAIRE", lineaire)
    dataset = load_folder(data).dataset
    fichiers = render_all(dataset, ("docx",), ROOT / "templates", QUAND, None)
    # Les six annexes de l'avenant (et bilan, rapport-suivi quand le jeu a un suivi).
    assert {f"docx/{slug}.docx" for slug, _ in ANNEXES} <= set(fichiers)
    assert all(k.startswith("docx/") for k in fichiers)
    return fichiers


@pytest.mark.parametrize("jeu", ["reel", "genere"])
def test_memes_octets_avec_et_sans_le_chemin_lineaire(
    jeu: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = DATA
    if jeu == "genere":
        data = tmp_path / "data"
        write_dataset(data, generate_fiches(25, seed=20))
    rapide = _docx(data, True, monkeypatch)
    lent = _docx(data, False, monkeypatch)
    assert rapide.keys() == lent.keys()
    for nom in rapide:
        assert rapide[nom] == lent[nom], nom


def test_le_corps_ajoute_avant_la_section_finale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Le corps d'un document neuf est le corps linéaire, et le w:sectPr reste le dernier enfant."""
    import docx

    monkeypatch.setattr(docx_helpers, "LINEAIRE", True)
    document = docx.Document()
    corps = document.element.body
    assert isinstance(corps, docx_helpers._CorpsLineaire)
    document.add_paragraph("un")
    docx_helpers.grille(document, [1000, 2000])
    document.add_paragraph("deux")
    enfants = [e.tag.rsplit("}", 1)[1] for e in corps]
    assert enfants[-4:] == ["p", "tbl", "p", "sectPr"]
