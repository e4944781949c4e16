"""Le suivi dans le tableur ANCT : exporté (statut, vie des financements, réalisé) puis relu par
`acv import` ; aller-retour sans changement, une cellule modifiée (y compris dans un classeur
enregistré par LibreOffice) donne exactement ce changement."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from tests.conftest import ROOT, CellValue, column_numbers, run

EXAMPLE = ROOT / "examples" / "suivi-2025-s1"
XLSX = "anct/plan-action-ACV031.xlsx"
FA54 = "fiches/bruay-la-buissiere/fa-54-place-de-l-europe.yaml"
FA56 = "fiches/bruay-la-buissiere/fa-56-rue-hermant.yaml"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    copied = tmp_path / "exemple"
    shutil.copytree(EXAMPLE, copied)
    return copied


@pytest.fixture
def workbook(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751241600")
    out = tmp_path / "out"
    result = run("build", "--data", str(example), "--out", str(out), "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    return out / XLSX


def _texts(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.yaml"))
    }


def _modifier(
    source: Path,
    cible: Path,
    sheet: str,
    numero: int,
    valeurs: dict[str, CellValue],
    financeur: str | None = None,
) -> None:
    wb = load_workbook(source)
    ws = wb[sheet]
    colonnes = column_numbers(ws)
    hit = False
    for line in range(2, ws.max_row + 1):
        if ws.cell(line, colonnes["N° fiche"]).value != numero:
            continue
        if financeur and ws.cell(line, colonnes["Financeur (identifiant)"]).value != financeur:
            continue
        hit = True
        for entete, valeur in valeurs.items():
            ws.cell(line, colonnes[entete]).value = valeur
    assert hit
    wb.save(cible)


def test_export_du_suivi(workbook: Path) -> None:
    wb = load_workbook(workbook)
    fin = wb["Financements"]
    entetes = [c.value for c in fin[1]]
    lines = [
        dict(zip(entetes, (c.value for c in row), strict=True)) for row in fin.iter_rows(min_row=2)
    ]
    fa54 = next(r for r in lines if r["N° fiche"] == 54)
    source = yaml.safe_load((EXAMPLE / FA54).read_text(encoding="utf-8"))["financements"][0]
    assert fa54["Statut du financement"] == "Versé"
    assert Decimal(str(fa54["Montant versé"])) == Decimal(str(source["montant_verse"]))
    assert fa54["Date d'attribution"] == datetime(2024, 11, 15)
    assert fa54["Référence"] == source["reference"]
    actions = wb["Actions"]
    entetes = [c.value for c in actions[1]]
    line = next(
        dict(zip(entetes, (c.value for c in row), strict=True))
        for row in actions.iter_rows(min_row=2)
        if row[entetes.index("N° fiche")].value == 54
    )
    assert line["Statut"] == "En cours – financée"
    realise = line["Réalisé par année"]
    assert isinstance(realise, str)
    assert realise.replace("\u202f", " ").replace("\u00a0", " ") == (
        "2024 : 640 000 € ; 2025 : 380 000 €"
    )


def test_aller_retour_sans_modification(example: Path, workbook: Path) -> None:
    before = _texts(example)
    result = run("import", str(workbook), "--data", str(example), "--write")
    assert result.exit_code == 0 and "Aucun changement" in result.stdout, result.stdout
    assert _texts(example) == before


def test_cellules_du_suivi_modifiees(example: Path, workbook: Path, tmp_path: Path) -> None:
    corrected = tmp_path / "corrige.xlsx"
    _modifier(
        workbook,
        corrected,
        "Financements",
        54,
        {
            "Montant versé": 150000,
            "Date d'attribution": "16/11/2024",
            "Statut du financement": "Attribué",
        },
        financeur="cabbalr",
    )
    _modifier(
        corrected,
        corrected,
        "Actions",
        56,
        {"Statut": "Livrée", "Réalisé par année": "2024 : 230 000 € ; 2025 : 1 000,50 € TTC"},
    )
    before = _texts(example)
    preview = run("import", str(corrected), "--data", str(example))
    assert preview.exit_code == 0, preview.stdout + preview.stderr
    assert "journal de suivi : + entrée du 30/06/2025 « livree »" in preview.stdout
    assert _texts(example) == before
    journal = before
    result = run("import", str(corrected), "--data", str(example), "--write")
    assert result.exit_code == 0, result.stdout + result.stderr
    after = _texts(example)
    assert sorted(p for p in journal if journal[p] != after[p]) == [FA54, FA56]
    line = yaml.safe_load(after[FA54])["financements"][0]
    assert line["montant_verse"] == 150000 and str(line["date_attribution"]) == "2024-11-16"
    assert line["statut"] == "attribue" and line["reference"] == "DEL-2024-112"
    fa56 = yaml.safe_load(after[FA56])
    assert fa56["statut"] == "livree"
    # Le statut importé s'inscrit au journal, daté du jour de l'import (SOURCE_DATE_EPOCH) :
    # le statut reste celui de la dernière entrée (SUI001), les entrées d'avant sont intactes.
    previous_entries = yaml.safe_load(before[FA56])["suivi"]
    assert fa56["suivi"][:-1] == previous_entries
    assert fa56["suivi"][-1] == {
        "date": datetime(2025, 6, 30).date(),
        "statut": "livree",
        "note": "Statut importé du tableur ANCT",
    }
    assert run("validate", "--data", str(example)).exit_code == 0
    assert fa56["realise"] == [
        {"annee": 2024, "montant": 230000},
        {"annee": 2025, "montant": 1000.5, "base": "TTC"},
    ]
    # Les commentaires d'en-tête restent.
    assert after[FA54].splitlines()[1] == before[FA54].splitlines()[1]
    # Relu, le classeur corrigé ne propose plus rien.
    again = run("import", str(corrected), "--data", str(example))
    assert "Aucun changement" in again.stdout, again.stdout + again.stderr


def test_cellules_illisibles_situees(example: Path, workbook: Path, tmp_path: Path) -> None:
    corrected = tmp_path / "faux.xlsx"
    _modifier(
        workbook,
        corrected,
        "Financements",
        54,
        {
            "Montant versé": "beaucoup",
            "Statut du financement": "payé",
            "Date d'attribution": "32/13/2024",
        },
        financeur="cabbalr",
    )
    _modifier(
        corrected, corrected, "Actions", 56, {"Statut": "fini", "Réalisé par année": "deux mille"}
    )
    before = _texts(example)
    result = run("import", str(corrected), "--data", str(example), "--write")
    assert result.exit_code != 0
    output = result.stdout + result.stderr
    for column in (
        "Montant versé",
        "Statut du financement",
        "Date d'attribution",
        "Statut",
        "Réalisé par année",
    ):
        assert f"colonne « {column} »" in output, column
    assert _texts(example) == before


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_classeur_enregistre_par_libreoffice(example: Path, workbook: Path, tmp_path: Path) -> None:
    def via_libreoffice(source: Path, folder: Path) -> Path:
        folder.mkdir()
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{tmp_path}/lo-profil",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return folder / source.name

    intact = via_libreoffice(workbook, tmp_path / "intact")
    assert "Aucun changement" in run("import", str(intact), "--data", str(example)).stdout
    corrected = tmp_path / "corrige.xlsx"
    _modifier(
        workbook, corrected, "Financements", 54, {"Montant versé": 175000.5}, financeur="cabbalr"
    )
    saved = via_libreoffice(corrected, tmp_path / "lo")
    result = run("import", str(saved), "--data", str(example), "--write")
    assert result.exit_code == 0, result.stdout + result.stderr
    line = yaml.safe_load((example / FA54).read_text(encoding="utf-8"))["financements"][0]
    assert Decimal(str(line["montant_verse"])) == Decimal("175000.50")
