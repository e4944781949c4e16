"""Dossiers illisibles ou remplacés par un fichier : une erreur STR003, jamais des fiches sautées.

Les tests tournent en root, que `chmod 000` n'arrête pas : l'illisibilité est simulée (os.scandir
qui refuse), et rejouée pour de vrai par un processus d'utilisateur sans droits (setpriv) quand
la machine le permet.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import POSITIVE, run

BETHUNE = "fiches/bethune"


def _refuse(monkeypatch: pytest.MonkeyPatch, cible: Path) -> None:
    original = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if os.fspath(path) == os.fspath(cible):
            raise PermissionError(13, "Permission denied", os.fspath(cible))
        return original(path)

    monkeypatch.setattr(os, "scandir", scandir)


def _json(positive: Path) -> tuple[int, list[list[object]]]:
    result = run("validate", "--data", str(positive), "--format", "json", "--no-cache")
    rows = json.loads(result.stdout)
    return result.exit_code, [
        [Path(str(r["path"])).relative_to(positive).as_posix(), r["line"], r["code"]] for r in rows
    ]


def test_dossier_illisible_signale(positive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse(monkeypatch, positive / BETHUNE)
    code, diagnostics = _json(positive)
    assert code == 1
    assert [BETHUNE, 1, "STR003"] in diagnostics
    texte = run("validate", "--data", str(positive))
    assert "dossier illisible (permission refusée)" in texte.stdout
    assert texte.exit_code == 1


@pytest.mark.parametrize("command", [["costs"], ["costs", "--format", "csv"], ["list"]])
def test_costs_et_list_refusent(
    positive: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    _refuse(monkeypatch, positive / BETHUNE)
    result = run(*command, "--data", str(positive))
    assert result.exit_code == 1
    assert "STR003" in result.stderr
    assert "Total" not in result.stdout


def test_build_refuse(positive: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _refuse(monkeypatch, positive / BETHUNE)
    out = tmp_path / "sortie"
    result = run("build", "--data", str(positive), "--out", str(out))
    assert result.exit_code == 1
    assert "STR003" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("folder", ["fiches", "axes", "indicateurs"])
@pytest.mark.parametrize("kind", ["fichier", "lien"])
def test_dossier_attendu_qui_n_en_est_pas_un(
    positive: Path, tmp_path: Path, folder: str, kind: str
) -> None:
    shutil.rmtree(positive / folder)
    if kind == "fichier":
        (positive / folder).write_text("", encoding="utf-8")
    else:
        elsewhere = tmp_path / "ailleurs"
        shutil.copytree(POSITIVE / folder, elsewhere)
        (positive / folder).symlink_to(elsewhere, target_is_directory=True)
    code, diagnostics = _json(positive)
    assert code == 1
    assert [folder, 1, "STR003"] in diagnostics
    out = tmp_path / "sortie"
    assert run("build", "--data", str(positive), "--out", str(out)).exit_code == 1
    assert not out.exists()
    assert run("couts", "--data", str(positive)).exit_code == 1


@pytest.fixture
def unreadable_dir() -> Iterator[Path]:
    """Une copie du jeu propre lisible par l'utilisateur nobody, dans un dossier hors de root."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("il faut root et setpriv pour lancer acv en utilisateur sans droits")
    root_dir = Path(tempfile.mkdtemp(prefix="acv-sans-droits-"))
    root_dir.chmod(0o755)
    data = root_dir / "data"
    shutil.copytree(POSITIVE, data, ignore=shutil.ignore_patterns(".acv-cache"))
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    try:
        yield data
    finally:
        shutil.rmtree(root_dir)


def _en_nobody(*args: str) -> subprocess.CompletedProcess[str]:
    command = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        sys.executable,
        "-m",
        "acvkit",
        *args,
    ]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except OSError as exc:  # pragma: no cover - setpriv refusé par le conteneur
        pytest.skip(f"setpriv indisponible : {exc}")


def test_dossier_illisible_pour_de_vrai(unreadable_dir: Path) -> None:
    trial = _en_nobody("validate", "--data", str(unreadable_dir), "--no-cache")
    if trial.returncode != 0:
        pytest.skip(f"acv ne tourne pas en nobody ici : {trial.stderr[-200:]}")
    (unreadable_dir / BETHUNE).chmod(0o000)
    result = _en_nobody("validate", "--data", str(unreadable_dir), "--no-cache")
    assert result.returncode == 1
    assert f"{unreadable_dir / BETHUNE}:1:1: STR003 dossier illisible (permission refusée)" in (
        result.stdout
    )
    costs = _en_nobody("couts", "--data", str(unreadable_dir))
    assert costs.returncode == 1
    assert "STR003" in costs.stderr
