"""Toutes les erreurs indépendantes d'une fiche en un seul passage d'acv validate, comme dans
l'éditeur et avec check-jsonschema : une clé mal orthographiée et un montant écrit en lettres
n'empêchent plus de voir le sous-axe inconnu ni le financeur inconnu de la même fiche."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edit, flat, run

FICHE = "fiches/bethune/fa-1-places.yaml"


def _break(positive: Path) -> None:
    fiche = positive / FICHE
    edit(fiche, 'sous_axe: "4.2"', 'sous_axe: "4.9"')  # INT003, ligne 5
    edit(fiche, "objectifs:", "objectif:")  # SCH001, ligne 8
    edit(fiche, "montant: 250000}", "montant: deux cents}")  # SCH004, ligne 16
    edit(
        fiche,
        "{financeur: region-hdf, montant: 100000}",
        "{financeur: region-hfd, montant: 100000}",
    )


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_trois_erreurs_d_un_coup(positive: Path, cache: list[str]) -> None:
    _break(positive)
    found = [
        (path, line, code)
        for path, line, code in flat(positive, "path", "line", "code")
        if path == FICHE
    ]
    assert (FICHE, 5, "INT003") in found
    assert (FICHE, 8, "SCH001") in found
    assert (FICHE, 16, "SCH004") in found
    assert (FICHE, 20, "INT004") in found  # financeur inconnu (les financements sont valides)
    text = run("validate", "--data", str(positive), *cache)
    assert text.exit_code == 1
    assert "sous-axe « 4.9 » inconnu" in text.stdout
    assert "financeur « region-hfd » inconnu" in text.stdout


def test_un_champ_invalide_n_est_pas_juge_deux_fois(positive: Path) -> None:
    # Le sous-axe écrit en nombre est une erreur de schéma ; INT003 ne s'y ajoute pas.
    fiche = positive / FICHE
    edit(fiche, 'sous_axe: "4.2"', "sous_axe: [4.9]")
    edit(fiche, "objectifs:", "objectif:")
    codes = [code for path, code in flat(positive, "path", "code") if path == FICHE]
    assert "INT003" not in codes and "SCH001" in codes


def test_build_refuse_et_montre_les_trois(positive: Path, tmp_path: Path) -> None:
    _break(positive)
    result = run("build", "--data", str(positive), "--out", str(tmp_path / "out"), "-f", "md")
    assert result.exit_code == 1
    assert "INT003" in result.stderr and "SCH001" in result.stderr and "SCH004" in result.stderr


def test_la_fiche_refusee_relue_du_cache_est_encore_jugee(positive: Path) -> None:
    # Un autre fichier change : la fiche refusée vient du cache de lecture, ses données avec elle.
    _break(positive)
    assert run("validate", "--data", str(positive)).exit_code == 1
    edit(positive / "fiches/cabbalr/fa-2-velo.yaml", "numero: 2\n", "numero: 2  # relu\n")
    again = run("validate", "--data", str(positive))
    assert "sous-axe « 4.9 » inconnu" in again.stdout
    assert "financeur « region-hfd » inconnu" in again.stdout
