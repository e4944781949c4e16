"""Chemins comme les donne l'utilisateur : depuis un sous-dossier, hors de --data (comme ruff)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT, edit, run

GOLDEN = ROOT / "tests/golden/fmt"
FICHE = "fiches/bethune/fa-1-places.yaml"


@contextmanager
def inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def test_fmt_check_depuis_un_sous_dossier_verifie_vraiment(positive: Path) -> None:
    shutil.copyfile(GOLDEN / "messy.yaml", positive / FICHE)
    with inside(positive / "fiches"):
        result = run("fmt", "--check", "bethune/fa-1-places.yaml")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "à mettre en forme" in result.stdout
    assert "0 déjà en forme" in result.stderr


def test_fmt_check_hors_de_data_verifie_vraiment(positive: Path, tmp_path: Path) -> None:
    shutil.copyfile(GOLDEN / "messy.yaml", positive / FICHE)
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    with inside(elsewhere):
        result = run("fmt", "--check", str(positive / FICHE))
    assert result.exit_code == 1, result.stdout + result.stderr


def test_fmt_check_erreur_de_syntaxe_jamais_en_forme(positive: Path) -> None:
    (positive / FICHE).write_text("numero: [1\n", encoding="utf-8")
    with inside(positive / "fiches"):
        result = run("fmt", "--check", "bethune/fa-1-places.yaml")
    assert result.exit_code == 1
    assert "1 en erreur" in result.stderr and "0 déjà en forme" in result.stderr


def test_fmt_fichier_inconnu_jamais_compte_en_forme(tmp_path: Path) -> None:
    autre = tmp_path / "autre.yaml"
    autre.write_text("a: 1\n", encoding="utf-8")
    with inside(tmp_path):
        result = run("fmt", "--check", "autre.yaml")
    assert result.exit_code == 1
    assert "non vérifié" in result.stderr and "0 déjà en forme" in result.stderr


def test_fmt_nomme_les_fichiers_changes(positive: Path) -> None:
    shutil.copyfile(GOLDEN / "messy.yaml", positive / FICHE)
    result = run("fmt", "--data", str(positive))
    assert result.exit_code == 0
    assert f"{positive / FICHE} : mis en forme" in result.stdout


def test_fmt_guillemets_sans_perdre_le_zero_final(positive: Path) -> None:
    fiche = positive / FICHE
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace('sous_axe: "4.2"', "sous_axe: 4.10"),
        encoding="utf-8",
    )
    indicateur = positive / "indicateurs/ind-3-01.yaml"
    indicateur.write_text(
        indicateur.read_text(encoding="utf-8").replace('axe: "3"', "axe: 3"), encoding="utf-8"
    )
    result = run("fmt", "--data", str(positive))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert 'sous_axe: "4.10"\n' in fiche.read_text(encoding="utf-8")
    assert 'axe: "3"\n' in indicateur.read_text(encoding="utf-8")


# ------------------------------------------------------------------ acv validate [CHEMINS…]

F1 = "fiches/bethune/fa-1-places.yaml"
F2 = "fiches/cabbalr/fa-2-velo.yaml"


def _codes_by_file(output: str) -> list[tuple[str, str]]:
    out = []
    for line in output.splitlines():
        if ": " in line and line.split(":", 1)[0].endswith(".yaml"):
            path, reste = line.split(":", 1)
            out.append((path, reste.split(": ", 1)[1].split(" ", 1)[0]))
    return out


def test_validate_chemins_regles_croisees_et_filtre(positive: Path) -> None:
    # F2 reprend le numéro de F1 (règle croisée INT001), et F1 a un sous-axe inconnu.
    edit(positive / F2, "numero: 2\n", "numero: 1\n")
    edit(positive / F1, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    whole_run = run("validate", "--data", str(positive))
    assert {c for _, c in _codes_by_file(whole_run.stdout)} >= {"INT001", "INT003"}
    single = run("validate", "--data", str(positive), str(positive / F2))
    assert single.exit_code == 1
    lines = _codes_by_file(single.stdout)
    assert lines and all(path.endswith(F2) for path, _ in lines)
    assert "INT001" in {c for _, c in lines}  # la règle a vu F1, qui n'est pas nommé
    assert "1 fichier vérifié" in single.stdout
    folder = run("validate", "--data", str(positive), str(positive / "fiches/bethune"))
    assert {c for _, c in _codes_by_file(folder.stdout)} == {"INT003"}
    # Un fichier de configuration nommé (acv.toml…) : tout le dossier est concerné.
    (positive / "acv.toml").write_text("", encoding="utf-8")
    config = run("validate", "--data", str(positive), str(positive / "acv.toml"))
    assert _codes_by_file(config.stdout) == _codes_by_file(whole_run.stdout)


def test_validate_chemin_hors_des_donnees(positive: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs.yaml"
    elsewhere.write_text("a: 1\n", encoding="utf-8")
    result = run("validate", "--data", str(positive), str(elsewhere))
    assert result.exit_code == 2 and "n'est pas dans le dossier de données" in result.stderr


def test_depuis_un_sous_dossier_comme_depuis_la_racine(positive: Path) -> None:
    edit(positive / F1, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    with inside(positive.parent):
        root_dir = run("validate", "--format", "json")
        fmt_root = run("fmt", "--check")
    with inside(positive / "fiches"):
        sous = run("validate", "--format", "json")
        texte = run("validate")
        fmt_sous = run("fmt", "--check")
    assert root_dir.exit_code == sous.exit_code == 1
    absolute_paths = [
        [(base / r["path"]).resolve().as_posix(), r["line"], r["code"]]
        for base, rows in ((positive.parent, root_dir.stdout), (positive / "fiches", sous.stdout))
        for r in __import__("json").loads(rows)
    ]
    half = len(absolute_paths) // 2
    assert absolute_paths[:half] == absolute_paths[half:] and half > 0
    # Chemins montrés depuis le dossier courant, comme ruff.
    assert "bethune/fa-1-places.yaml:5:11: INT003" in texte.stdout
    assert fmt_root.exit_code == fmt_sous.exit_code == 0
    assert fmt_root.stderr == fmt_sous.stderr


def test_costs_depuis_un_sous_dossier(positive: Path) -> None:
    with inside(positive.parent):
        root_dir = run("couts", "--format", "json")
    with inside(positive / "fiches/bethune"):
        sous = run("couts", "--format", "json")
    assert root_dir.exit_code == sous.exit_code == 0
    assert root_dir.stdout == sous.stdout and root_dir.stdout.strip()


def test_dossier_nomme_par_acv_toml(positive: Path, tmp_path: Path) -> None:
    git_repo = tmp_path / "depot"
    shutil.move(positive, git_repo / "donnees-acv")
    (git_repo / "acv.toml").write_text('donnees = "donnees-acv"\n', encoding="utf-8")
    (git_repo / "docs").mkdir()
    with inside(git_repo / "docs"):
        result = run("validate")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "8 fichiers vérifiés" in result.stdout


def test_options_globales_apres_la_commande(positive: Path) -> None:
    edit(positive / F1, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    result = run("validate", "--data", str(positive), "-q")
    assert result.exit_code == 1 and "INT003" in result.stdout
    assert "fichiers vérifiés" not in result.stdout
    verbose = run("validate", "--data", str(positive), "--verbose")
    assert "Configuration :" in verbose.stdout


def test_output_file_exit_zero_statistics_no_warnings(positive: Path, tmp_path: Path) -> None:
    edit(positive / F1, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    edit(positive / F2, "numero: 2\n", "numero: 1\n")
    rapport = tmp_path / "acv.sarif"
    result = run(
        "validate", "--data", str(positive), "--format", "sarif", "--output-file", str(rapport)
    )
    assert result.exit_code == 1
    sarif = __import__("json").loads(rapport.read_text(encoding="utf-8"))
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"INT001", "INT003"}
    assert "erreur" in result.stdout and "rapport dans" in result.stdout
    assert run("validate", "--data", str(positive), "--exit-zero").exit_code == 0
    stats = run("validate", "--data", str(positive), "--statistics")
    lines = [line.split("\t") for line in stats.stdout.splitlines() if "\t" in line]
    assert {(n, code) for n, code, *_ in lines} >= {("1", "INT003")}
    assert "fa-1-places.yaml:" not in stats.stdout
    edit(positive / F1, "titre: Aménagement des places", "titre: Aménagement des places XXX")
    with_ = __import__("json").loads(run("validate", "--data", str(positive), "-f", "json").stdout)
    assert any(r["severity"] == "warning" for r in with_)
    without = run("validate", "--data", str(positive), "--no-warnings", "--format", "json")
    rows = __import__("json").loads(without.stdout)
    assert rows and all(r["severity"] == "error" for r in rows)
