"""La feuille « Indicateurs » du tableur ANCT : les mêmes chiffres, relus par acv import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from acvkit.loading import load_folder
from tests.conftest import DATA, column_numbers, run
from tests.indicateurs_sample import EPOCH_2025, valued_folder

XLSX = "anct/plan-action-ACV031.xlsx"


@pytest.fixture
def suivi(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025)
    return valued_folder(tmp_path)


def _exporter(data: Path, out: Path) -> Path:
    result = run("build", "--data", str(data), "--out", str(out), "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    return out / XLSX


def _lines(workbook: Path) -> list[dict[str, Any]]:
    """Les lignes de la feuille, par en-tête ; les valeurs lues sont de types variés."""
    ws = load_workbook(workbook)["Indicateurs"]
    entetes: list[Any] = [c.value for c in ws[1]]
    return [
        dict(zip(entetes, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)
    ]


def test_memes_chiffres_que_les_donnees(suivi: Path, tmp_path: Path) -> None:
    lines = _lines(_exporter(suivi, tmp_path / "out"))
    indicateurs = {e.model.id: e.model for e in load_folder(suivi).dataset.indicateurs}
    expected = sum(
        (1 if i.reference else 0) + len(i.cibles) + len(i.valeurs)
        or 1  # indicateur sans chiffre : une ligne à remplir
        for i in indicateurs.values()
    )
    assert len(lines) == expected
    bike_rows = [r for r in lines if r["Indicateur"] == "ind-3-04"]
    assert [(r["Nature"], r["Année"], r["Valeur"]) for r in bike_rows] == [
        ("référence", 2023, 42.5),
        ("cible", 2026, 60),
        ("valeur", 2024, 47.1),
        ("valeur", 2025, 51),
    ]
    assert bike_rows[3]["Commentaire"] == "provisoire" and bike_rows[3]["Territoire"] == "bethune"
    empty = [r for r in lines if r["Indicateur"] == "ind-t-04"]
    assert len(empty) == 1 and empty[0]["Nature"] is None and empty[0]["Valeur"] is None


def test_aller_retour_sans_changement(suivi: Path, tmp_path: Path) -> None:
    workbook = _exporter(suivi, tmp_path / "out")
    result = run("import", str(workbook), "--data", str(suivi))
    assert result.exit_code == 0, result.stderr
    assert "Aucun changement" in result.stdout
    assert "Non importé" not in result.stderr


def test_valeur_corrigee_et_valeur_ajoutee(suivi: Path, tmp_path: Path) -> None:
    workbook = _exporter(suivi, tmp_path / "out")
    wb = load_workbook(workbook)
    ws = wb["Indicateurs"]
    col = column_numbers(ws)
    for line in range(2, ws.max_row + 1):
        if (
            ws.cell(line, col["Indicateur"]).value == "ind-3-04"
            and ws.cell(line, col["Année"]).value == 2025
        ):
            ws.cell(line, col["Valeur"]).value = "52,3"
            # Une cellule vidée n'efface rien (#27) : le commentaire se corrige, il ne se vide pas.
            ws.cell(line, col["Commentaire"]).value = "définitif"
        if ws.cell(line, col["Indicateur"]).value == "ind-t-04":
            ws.cell(line, col["Nature"]).value = "valeur"
            ws.cell(line, col["Année"]).value = 2024
            ws.cell(line, col["Valeur"]).value = 0.85
            ws.cell(line, col["Territoire"]).value = "cabbalr"
            ws.cell(line, col["Périmètre"]).value = "epci"
            ws.cell(line, col["Source"]).value = "INSEE"
            ws.cell(line, col["Unité"]).value = "%"
    corrected = tmp_path / "corrige.xlsx"
    wb.save(corrected)
    file = suivi / "indicateurs" / "ind-3-04.yaml"
    before = file.read_text(encoding="utf-8")
    preview = run("import", str(corrected), "--data", str(suivi))
    assert preview.exit_code == 0, preview.stderr
    assert "ind-3-04 · valeurs.1.valeur : 51,0 → 52,3" in preview.stdout
    assert "ind-3-04 · valeurs.1.commentaire : « provisoire » → « définitif »" in preview.stdout
    assert "ind-t-04 · valeurs : ajout" in preview.stdout
    assert "ind-t-04 · unite : (vide) → « % »" in preview.stdout
    assert file.read_text(encoding="utf-8") == before  # sans --write, rien n'est écrit
    written = run("import", str(corrected), "--data", str(suivi), "--write")
    assert written.exit_code == 0, written.stderr
    texte = file.read_text(encoding="utf-8")
    assert "# exemple fictif" in texte  # commentaires gardés
    assert "valeur: 52.3" in texte and "commentaire: définitif" in texte
    add_contribution = (suivi / "indicateurs" / "ind-t-04.yaml").read_text(encoding="utf-8")
    assert (
        "valeurs:\n  - {annee: 2024, valeur: 0.85, territoire: cabbalr, perimetre: epci, source: INSEE}\n"
        in add_contribution
    )
    # Relu : les données restent valides, et un second import ne voit plus rien.
    assert run("validate", "--data", str(suivi)).exit_code == 0
    assert "Aucun changement" in run("import", str(corrected), "--data", str(suivi)).stdout


def test_cellule_illisible(suivi: Path, tmp_path: Path) -> None:
    workbook = _exporter(suivi, tmp_path / "out")
    wb = load_workbook(workbook)
    ws = wb["Indicateurs"]
    col = column_numbers(ws)
    ws.cell(2, col["Valeur"]).value = "beaucoup"
    ws.cell(3, col["Année"]).value = "l'an dernier"
    corrected = tmp_path / "corrige.xlsx"
    wb.save(corrected)
    result = run("import", str(corrected), "--data", str(suivi), "--write")
    assert result.exit_code == 1
    assert (
        "Indicateurs, ligne 2, colonne « Valeur » : « beaucoup » n'est pas un nombre"
        in result.stderr
    )
    assert "Indicateurs, ligne 3, colonne « Année »" in result.stderr


def test_donnees_reelles_une_ligne_a_remplir_par_indicateur(
    real_data: Path, tmp_path: Path
) -> None:
    workbook = _exporter(real_data, tmp_path / "out")
    lines = _lines(workbook)
    assert sorted(r["Indicateur"] for r in lines) == sorted(
        p.stem for p in (DATA / "indicateurs").glob("*.yaml")
    )
    assert all(r["Valeur"] is None for r in lines)
    assert "Aucun changement" in run("import", str(workbook), "--data", str(real_data)).stdout
