"""Chemins comme les donne l'utilisateur : depuis un sous-dossier, hors de --data (comme ruff)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT, run

GOLDEN = ROOT / "tests/golden/fmt"
FICHE = "fiches/bethune/fa-1-places.yaml"


@contextmanager
def dans(folder: Path) -> Iterator[None]:
    avant = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(avant)


def test_fmt_check_depuis_un_sous_dossier_verifie_vraiment(positive: Path) -> None:
    shutil.copyfile(GOLDEN / "messy.yaml", positive / FICHE)
    with dans(positive / "fiches"):
        result = run("fmt", "--check", "bethune/fa-1-places.yaml")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "à mettre en forme" in result.stdout
    assert "0 déjà en forme" in result.stderr


def test_fmt_check_hors_de_data_verifie_vraiment(positive: Path, tmp_path: Path) -> None:
    shutil.copyfile(GOLDEN / "messy.yaml", positive / FICHE)
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    with dans(ailleurs):
        result = run("fmt", "--check", str(positive / FICHE))
    assert result.exit_code == 1, result.stdout + result.stderr


def test_fmt_check_erreur_de_syntaxe_jamais_en_forme(positive: Path) -> None:
    (positive / FICHE).write_text("numero: [1\n", encoding="utf-8")
    with dans(positive / "fiches"):
        result = run("fmt", "--check", "bethune/fa-1-places.yaml")
    assert result.exit_code == 1
    assert "1 en erreur" in result.stderr and "0 déjà en forme" in result.stderr


def test_fmt_fichier_inconnu_jamais_compte_en_forme(tmp_path: Path) -> None:
    autre = tmp_path / "autre.yaml"
    autre.write_text("a: 1\n", encoding="utf-8")
    with dans(tmp_path):
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
