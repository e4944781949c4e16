"""Rien de ce qui ne peut pas être lu n'est sauté en silence, dans aucun lecteur : un sous-dossier
de fiches/ par un lien symbolique est dit (STR003) par validate, costs, build ; chaque côté
d'`acv diff` passe par la même découverte et les mêmes diagnostics qu'`acv validate`, liens
symboliques commités compris ; un résultat repris du cache est celui d'un passage complet."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import run
from tests.diff_repo import git

pytestmark = pytest.mark.skipif(os.name != "posix", reason="liens symboliques")


def _codes(folder: Path, *extra: str) -> list[tuple[str, str]]:
    result = run("validate", "--data", str(folder), "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.stderr
    return sorted(
        (Path(d["path"]).relative_to(folder).as_posix(), d["code"])
        for d in json.loads(result.stdout)
    )


def test_sous_dossier_de_fiches_par_un_lien_dit_partout(positive: Path, tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs"
    shutil.move(positive / "fiches/cabbalr", outside)
    (positive / "fiches/cabbalr").symlink_to(outside, target_is_directory=True)
    assert ("fiches/cabbalr", "STR003") in _codes(positive, "--no-cache")
    result = run("validate", "--data", str(positive))
    assert "lien symbolique vers un dossier : rien n'y est lu" in result.stdout
    assert run("couts", "--data", str(positive)).exit_code == 1  # pas un total sans FA 2
    build = run("build", "--data", str(positive), "--out", str(tmp_path / "sortie"))
    assert build.exit_code == 1 and not (tmp_path / "sortie").exists()


def _repo(positive: Path, tmp_path: Path) -> Path:
    repo = tmp_path / "depot"
    shutil.copytree(positive, repo / "data")
    (repo / "autre").mkdir()
    (repo / "autre/fa-9.yaml").write_text("numero: 9\n", encoding="utf-8")
    fiches = repo / "data/fiches/bethune"
    (fiches / "fa-8-dehors.yaml").symlink_to("../../../autre/fa-9.yaml")
    (fiches / "fa-7-casse.yaml").symlink_to("nulle-part.yaml")
    (repo / "data/fiches/lien").symlink_to("../../autre", target_is_directory=True)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "liens")
    return repo / "data"


def test_diff_lit_les_liens_commites_comme_validate(positive: Path, tmp_path: Path) -> None:
    data = _repo(positive, tmp_path)
    on_disk = _codes(data, "--no-cache")
    assert ("fiches/bethune/fa-8-dehors.yaml", "YML010") in on_disk
    assert ("fiches/bethune/fa-7-casse.yaml", "YML010") in on_disk
    assert ("fiches/lien", "STR003") in on_disk
    # HEAD contre l'arbre de travail, identiques : aucune différence, aucun diagnostic « nouveau ».
    same = run("diff", "HEAD", "--data", str(data), "--format", "json")
    assert same.exit_code in (0, 1), same.stderr
    document = json.loads(same.stdout)
    assert document["diagnostics"] == {"nouveaux": [], "resolus": []}
    # Les liens d'une révision donnent les diagnostics du disque (même chemin, même code).
    git(data.parent, "rm", "-q", "-r", "data/fiches/bethune/fa-8-dehors.yaml", "data/fiches/lien")
    git(data.parent, "commit", "-q", "-m", "sans liens")
    both = run("diff", "HEAD~1", "HEAD", "--data", str(data), "--format", "json")
    resolved = {
        (Path(d["path"]).relative_to(data).as_posix(), d["code"])
        for d in json.loads(both.stdout)["diagnostics"]["resolus"]
    }
    assert resolved == {("fiches/bethune/fa-8-dehors.yaml", "YML010"), ("fiches/lien", "STR003")}


def test_un_resultat_du_cache_egale_un_passage_complet(tmp_path: Path) -> None:
    # La cible d'une ligne de schéma (hors de data/) retirée après une validation : le résultat
    # suivant (repris ou non du cache) est celui d'un passage complet, quel que soit le cache.
    from tests.conftest import POSITIVE

    repo = tmp_path / "depot"
    shutil.copytree(POSITIVE, repo / "data")
    (repo / "autres").mkdir()
    (repo / "autres/fiche.schema.json").write_text("{}", encoding="utf-8")
    fiche = repo / "data/fiches/bethune/fa-1-places.yaml"
    fiche.write_text(
        "# yaml-language-server: $schema=../../../autres/fiche.schema.json\n"
        + fiche.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    data = repo / "data"
    for _ in range(2):
        assert _codes(data) == _codes(data, "--no-cache")
    shutil.rmtree(repo / "autres")
    full = _codes(data, "--no-cache")
    assert any(code == "STR004" for _, code in full), full
    assert _codes(data) == full
    assert _codes(data) == full
