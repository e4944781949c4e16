"""`acv build --depuis REV` : l'annexe « modifications » en HTML, Markdown et DOCX, stable à l'octet."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from tests.conftest import run
from tests.diff_repo import git_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")

MODIFICATIONS_FILES = ("html/modifications.html", "md/modifications.md", "docx/modifications.docx")


def _build(data: Path, out: Path, *args: str) -> None:
    result = run(
        "-q", "build", "--data", str(data), "--out", str(out), "--format", "html,md,docx", *args
    )
    assert result.exit_code == 0, result.stderr


def test_annexe_modifications(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data, base, _head = git_repo(tmp_path)
    _build(data, tmp_path / "un", "--from-ref", base)
    _build(data, tmp_path / "deux", "--from-ref", base)
    for relative in MODIFICATIONS_FILES:
        assert (tmp_path / "un" / relative).read_bytes() == (
            tmp_path / "deux" / relative
        ).read_bytes()
    md = (tmp_path / "un" / "md" / "modifications.md").read_text(encoding="utf-8")
    assert "FA 70 · Ville de Béthune · Jardin partagé du Beffroi" in md
    assert "FA 65 → FA 66" in md
    assert "~~affichés~~ **retenus**" in md
    assert "diagnostic" not in md  # l'annexe est pour les partenaires : pas de diagnostics
    html = (tmp_path / "un" / "html" / "modifications.html").read_text(encoding="utf-8")
    assert "<del>affichés</del> <ins>retenus</ins>" in html
    assert "Synthèse financière avant et après" in html
    index = (tmp_path / "un" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="modifications.html"' in index and 'href="plan-action.html"' in index
    document = docx.Document(
        io.BytesIO((tmp_path / "un" / "docx" / "modifications.docx").read_bytes())
    )
    textes = [p.text for p in document.paragraphs]
    assert "Fiches ajoutées" in textes
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "+8\u202f499\xa0€ (base non précisée)" in cells
    # Le même contenu dans les trois formats : chaque fiche modifiée y est nommée.
    for numero in ("FA 54", "FA 56", "FA 62", "FA 63"):
        assert numero in md and numero in html and any(t.startswith(numero) for t in textes)


def test_sans_depuis_pas_d_annexe(tmp_path: Path) -> None:
    data, _base, _head = git_repo(tmp_path)
    _build(data, tmp_path / "out")
    assert not (tmp_path / "out" / "md" / "modifications.md").exists()
    index = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "modifications.html" not in index
    unknown = run(
        "build", "--data", str(data), "--out", str(tmp_path / "x"), "--from-ref", "nulle-part"
    )
    assert unknown.exit_code == 2 and "révision inconnue" in unknown.stderr
    assert not (tmp_path / "x").exists()
