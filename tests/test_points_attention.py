"""Ce que lisent les partenaires : des points d'attention en phrases, résumés, et la copie à signer.

L'index (HTML, Markdown, DOCX) ne porte ni chemin de fichier ni code de règle ; une sorte de
point qui touche beaucoup de fiches s'y dit en une phrase ; la copie à signer n'en porte aucun,
se dit « version à signer » avec sa date, et est refusée tant qu'un blocage demeure.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import docx
import pytest

from tests.conftest import run

CODE = re.compile(r"\b[A-Z]{3}\d{3}\b")
PATH = re.compile(r"\.ya?ml\b|fiches/|indicateurs/|:\d+:\d+")


def _index_texts(out: Path) -> dict[str, str]:
    document = docx.Document(io.BytesIO((out / "docx" / "index.docx").read_bytes()))
    return {
        "html": html.unescape((out / "html" / "index.html").read_text(encoding="utf-8")),
        "md": (out / "md" / "index.md").read_text(encoding="utf-8"),
        "docx": "\n".join(p.text for p in document.paragraphs),
    }


def _build(data: Path, out: Path, *args: str) -> tuple[int, str]:
    result = run("-q", "build", "--data", str(data), "--out", str(out), "-f", "html,md,docx", *args)
    return result.exit_code, result.stderr


def _semestre(data: Path) -> None:
    for numero in ("54", "60"):
        result = run(
            "new", "suivi", numero, "--data", str(data), "--statut", "en_cours",
            "--date", "2025-06-20",
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr


def test_index_en_phrases_sans_chemin_ni_code_et_resume(
    real_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _semestre(real_data)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1768435200")  # 15/01/2026
    code, stderr = _build(real_data, tmp_path / "out", "--date-rapport", "2026-01-15")
    assert code == 0, stderr
    for fmt, texte in _index_texts(tmp_path / "out").items():
        points = texte.split("Points d'attention", 1)[1]
        assert not CODE.search(points), (fmt, CODE.search(points))
        assert not PATH.search(points), (fmt, PATH.search(points))
        # Vingt fiches sans entrée : une phrase, pas vingt lignes.
        assert "20 fiches n'ont encore aucune entrée de suivi : FA 1, FA 41," in points, fmt
        assert "FA 54 : dernière entrée de suivi le 20/06/2025" in points, fmt
        assert "Programme, signataires 7, représentant : « XXXXXXX »" in points, fmt
    # Aucun document produit (chaque annexe, pas seulement l'index) ne porte de chemin ni de code.
    for document in [
        *(tmp_path / "out" / "html").glob("*.html"),
        *(tmp_path / "out" / "md").glob("*.md"),
    ]:
        texte = html.unescape(document.read_text(encoding="utf-8"))
        assert not CODE.search(texte) and ".yaml" not in texte, (document.name, CODE.search(texte))
    # Le détail reste dans acv validate, avec chemins et codes.
    validated = run("validate", "--data", str(real_data), "--date-rapport", "2026-01-15")
    assert validated.stdout.count("SUI005") == 22


def test_la_copie_a_signer(real_data: Path, tmp_path: Path) -> None:
    code, stderr = _build(real_data, tmp_path / "refus", "--signature")
    assert code != 0
    assert "la version à signer est refusée" in stderr
    assert "Programme, signataires 7, représentant : « XXXXXXX »" in stderr
    assert "Programme, date de signature : « XXX »" in stderr
    assert not (tmp_path / "refus").exists()
    programme = real_data / "programme.yaml"
    texte = programme.read_text(encoding="utf-8")
    texte = texte.replace("representant: XXXXXXX", "representant: Mme Exemple (exemple fictif)")
    programme.write_text(texte.replace("date_signature: XXX", "date_signature: Mars 2024"))
    (real_data / "acv.toml").write_text('a-determiner-interdit = ["cout"]\n', encoding="utf-8")
    code, stderr = _build(real_data, tmp_path / "refus", "--signature")
    assert code != 0 and "FA 44 : coût encore « à déterminer »" in stderr, stderr
    assert "FA 41" not in stderr  # FA 41 n'a que ses financements à déterminer, permis
    (real_data / "acv.toml").write_text('a-determiner-interdit = ["cout", "financements"]\n')
    code, stderr = _build(real_data, tmp_path / "refus", "--signature")
    assert "FA 41 : financements encore « à déterminer »" in stderr
    (real_data / "acv.toml").unlink()
    code, stderr = _build(real_data, tmp_path / "signe", "--signature")
    assert code == 0, stderr
    for fmt, texte in _index_texts(tmp_path / "signe").items():
        assert "Points d'attention" not in texte, fmt
        assert re.search(r"Version à signer du \d{1,2} \w+ \d{4}", texte), fmt
    plan = (tmp_path / "signe" / "md" / "plan-action.md").read_text(encoding="utf-8")
    assert "Version à signer du" in plan  # chaque annexe, pas seulement l'index
    code, stderr = _build(real_data, tmp_path / "relecture")
    assert code == 0, stderr
    assert "Version à signer" not in _index_texts(tmp_path / "relecture")["md"]


def test_a_determiner_interdit_mal_ecrit(real_data: Path, tmp_path: Path) -> None:
    (real_data / "acv.toml").write_text('a-determiner-interdit = ["budget"]\n', encoding="utf-8")
    code, stderr = _build(real_data, tmp_path / "out", "--signature")
    assert code == 2 and "a-determiner-interdit" in stderr and "financements" in stderr
