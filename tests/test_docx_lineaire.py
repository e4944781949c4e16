"""La construction linéaire du DOCX (docx_helpers) donne les mêmes octets que le chemin de python-docx."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from acvkit.annexes.docx import helpers as docx_helpers
from acvkit.annexes.formats import ANNEXES
from acvkit.annexes.runner import render_all
from acvkit.loading import load_folder
from tests.conftest import DATA, ROOT
from tests.strategies import generate_fiches, write_dataset

RENDERED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def _docx(data: Path, linear: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.setattr(docx_helpers, "LINEAR", linear)
    dataset = load_folder(data).dataset
    files = render_all(dataset, ("docx",), ROOT / "src" / "acvkit" / "templates", RENDERED_AT, None)
    # Les six annexes de l'avenant (et bilan, rapport-suivi quand le jeu a un suivi).
    assert {f"docx/{slug}.docx" for slug, _ in ANNEXES} <= set(files)
    assert all(k.startswith("docx/") for k in files)
    return files


@pytest.mark.parametrize("data_set", ["reel", "genere"])
def test_memes_octets_avec_et_sans_le_chemin_lineaire(
    data_set: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = DATA
    if data_set == "genere":
        data = tmp_path / "data"
        write_dataset(data, generate_fiches(25, seed=20))
    fast_result = _docx(data, True, monkeypatch)
    slow = _docx(data, False, monkeypatch)
    assert fast_result.keys() == slow.keys()
    for nom in fast_result:
        assert fast_result[nom] == slow[nom], nom


def test_le_corps_ajoute_avant_la_section_finale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Le corps d'un document bâti par acvkit (linear_bodies) est le corps linéaire, et le
    w:sectPr reste le dernier enfant."""
    import docx

    monkeypatch.setattr(docx_helpers, "LINEAR", True)
    with docx_helpers.linear_bodies():
        document = docx.Document()
        body = document.element.body
        assert isinstance(body, docx_helpers._LinearBody)
        document.add_paragraph("un")
        docx_helpers.grid(document, [1000, 2000])
        document.add_paragraph("deux")
    children = [e.tag.rsplit("}", 1)[1] for e in body]
    assert children[-4:] == ["p", "tbl", "p", "sectPr"]
