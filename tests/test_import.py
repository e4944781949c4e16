"""acv import : le tableur ANCT relu, changement par changement, écrit sans perdre un commentaire."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import CellValue, column_numbers, run

XLSX = "anct/plan-action-ACV031.xlsx"


@pytest.fixture
def exported(real_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    result = run(
        "build", "--data", str(real_data), "--out", str(tmp_path / "out"), "--format", "xlsx"
    )
    assert result.exit_code == 0, result.stderr
    return tmp_path / "out" / XLSX


def _texts(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.yaml"))
    }


def _edit(
    source: Path,
    target: Path,
    sheet: str,
    numero: int,
    entete: str,
    valeur: CellValue,
    financeur: str | None = None,
) -> None:
    wb = load_workbook(source)
    ws = wb[sheet]
    colonnes = column_numbers(ws)
    for line in range(2, ws.max_row + 1):
        if ws.cell(line, colonnes["N° fiche"]).value != numero:
            continue
        if financeur and ws.cell(line, colonnes["Financeur (identifiant)"]).value != financeur:
            continue
        ws.cell(line, colonnes[entete]).value = valeur
    wb.save(target)


def test_aller_retour_sans_modification(real_data: Path, exported: Path, tmp_path: Path) -> None:
    before = _texts(real_data)
    result = run("import", str(exported), "--data", str(real_data), "--write")
    assert result.exit_code == 0 and "Aucun changement" in result.stdout
    assert _texts(real_data) == before
    again = run(
        "build", "--data", str(real_data), "--out", str(tmp_path / "again"), "--format", "xlsx"
    )
    assert again.exit_code == 0
    assert (tmp_path / "again" / XLSX).read_bytes() == exported.read_bytes()


def test_un_montant_corrige_change_une_seule_valeur(
    real_data: Path, exported: Path, tmp_path: Path
) -> None:
    corrected = tmp_path / "corrige.xlsx"
    _edit(exported, corrected, "Financements", 56, "Montant", 98000.5, financeur="cabbalr")
    before = _texts(real_data)
    preview = run("import", str(corrected), "--data", str(real_data))
    assert preview.exit_code == 0
    assert (
        "FA 56 · financement de cabbalr · montant : 100 625,61 € → 98 000,50 €"
        in preview.stdout.replace("\u202f", " ").replace("\u00a0", " ")
    )
    assert _texts(real_data) == before  # sans --write, rien n'est écrit
    assert run("import", str(corrected), "--data", str(real_data), "--write").exit_code == 0
    after = _texts(real_data)
    changes = [p for p in before if before[p] != after[p]]
    assert changes == ["fiches/bruay-la-buissiere/fa-56-rue-hermant.yaml"]
    lines_before, lines_after = before[changes[0]].splitlines(), after[changes[0]].splitlines()
    differences = [(a, b) for a, b in zip(lines_before, lines_after, strict=True) if a != b]
    assert differences == [
        (
            "  - {financeur: cabbalr, montant: 100625.61}",
            "  - {financeur: cabbalr, montant: 98000.50}",
        )
    ]
    assert run("validate", "--data", str(real_data)).exit_code == 0


def test_cout_total_corrige(real_data: Path, exported: Path, tmp_path: Path) -> None:
    corrected = tmp_path / "corrige.xlsx"
    _edit(exported, corrected, "Actions", 54, "Coût total", 1700000)
    assert run("import", str(corrected), "--data", str(real_data), "--write").exit_code == 0
    texte = (real_data / "fiches/bruay-la-buissiere/fa-54-place-de-l-europe.yaml").read_text(
        encoding="utf-8"
    )
    assert "  total: 1700000\n" in texte and texte.startswith("# yaml-language-server")


def test_cellule_illisible_rien_n_est_ecrit(
    real_data: Path, exported: Path, tmp_path: Path
) -> None:
    corrected = tmp_path / "corrige.xlsx"
    _edit(exported, corrected, "Actions", 54, "Coût total", "douze mille")
    _edit(corrected, corrected, "Actions", 55, "Coût total", 1)
    before = _texts(real_data)
    result = run("import", str(corrected), "--data", str(real_data), "--write")
    assert result.exit_code == 1
    assert (
        "Actions, ligne 12, colonne « Coût total » : « douze mille » n'est pas un montant"
        in result.stderr
    )
    assert _texts(real_data) == before


def test_financeur_absent_de_la_fiche(real_data: Path, exported: Path, tmp_path: Path) -> None:
    corrected = tmp_path / "corrige.xlsx"
    _edit(
        exported,
        corrected,
        "Financements",
        56,
        "Financeur (identifiant)",
        "ademe",
        financeur="cabbalr",
    )
    result = run("import", str(corrected), "--data", str(real_data))
    assert result.exit_code == 1 and "« ademe » ne finance pas FA 56" in result.stderr


def test_pas_un_classeur(real_data: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "faux.xlsx"
    wrong.write_text("pas un classeur", encoding="utf-8")
    result = run("import", str(wrong), "--data", str(real_data))
    assert result.exit_code == 1 and "classeur illisible" in result.stderr
