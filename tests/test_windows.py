"""Ce que Windows apporte, là où travaillent la plupart des chefs de projet : une console en
cp1252, des chemins avec espaces, accents et « \\ », des fichiers aux fins de ligne CRLF.

Lancé aussi par le job Windows du workflow, où os.sep est « \\ » : les chemins des arguments et
des diagnostics y sont écrits à la façon de Windows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AVENANT

ACV = [sys.executable, "-m", "acvkit"]
FICHE = Path("fiches") / "bethune" / "fa-62-places-hypercentre.yaml"


@pytest.fixture
def accents(tmp_path: Path) -> Path:
    """Une copie de l'avenant dans « Plan d'action/données é », avec un sous-axe inconnu."""
    folder = tmp_path / "Plan d'action" / "données é"
    shutil.copytree(AVENANT, folder, ignore=shutil.ignore_patterns(".acv-cache"))
    fiche = folder / FICHE
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace('sous_axe: "4.2"', 'sous_axe: "4.9"'),
        encoding="utf-8",
    )
    return folder


def _cp1252(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [*ACV, *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "cp1252", "NO_COLOR": "1", "COLUMNS": "80"},
        check=False,
    )
    return done.returncode, done.stdout.decode("cp1252"), done.stderr.decode("cp1252")


def test_console_cp1252_accents_guillemets_et_marque(accents: Path) -> None:
    code, out, err = _cp1252("validate", "--data", str(accents))
    assert code == 1, err
    assert "Erreur interne" not in err and "Traceback" not in err
    assert f"{accents / FICHE}:" in out  # chemin avec espace, apostrophe et accents, tel quel
    assert "sous-axe « 4.9 » inconnu" in out
    assert "× " in out and "erreur" in out  # ✖ n'existe pas en cp1252 : son équivalent lisible


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["show", "62"],
        ["couts", "--by", "collectivite"],
        ["suivi"],
        ["indicateurs"],
        ["rules"],
    ],
)
def test_console_cp1252_tableaux_et_fiches(command: list[str]) -> None:
    code, out, err = (
        _cp1252(*command, "--data", str(AVENANT)) if command != ["rules"] else _cp1252("rules")
    )
    assert code == 0, err
    assert out.strip() and "Erreur interne" not in err


def test_console_cp1252_aide_et_erreur_de_saisie() -> None:
    code, out, _ = _cp1252("validate", "--help")
    assert code == 0 and "Affiche cette aide et quitte." in out and "Utilisation\u00a0:" in out
    code, _, err = _cp1252("valdate")
    assert code == 2 and "commande inconnue « valdate »" in err


def test_chemins_nommes_avec_le_separateur_du_systeme(accents: Path) -> None:
    # Sous Windows, « fiches\\bethune » : le dossier nommé, relatif au dossier courant.
    named = str(Path("données é", "fiches", "bethune"))  # « \\ » sous Windows
    code, out, err = _cp1252("validate", named, cwd=accents.parent)
    assert code == 1, err
    assert f"{Path(named) / FICHE.name}:" in out
    assert "fiches" + os.sep + "cabbalr" not in out  # seuls les fichiers nommés sont montrés


def test_fichiers_crlf_memes_diagnostics_et_fmt_les_garde(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf"
    shutil.copytree(AVENANT, crlf, ignore=shutil.ignore_patterns(".acv-cache"))
    for path in crlf.rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    lf = subprocess.run(
        [*ACV, "validate", "--data", str(AVENANT), "--format", "json"],
        capture_output=True,
        check=False,
    )
    windows = subprocess.run(
        [*ACV, "validate", "--data", str(crlf), "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert lf.returncode == windows.returncode == 0
    import json

    def where(rows: bytes, root: Path) -> list[tuple[str, int, int, str]]:
        return [
            (str(Path(r["path"]).relative_to(root)), r["line"], r["column"], r["code"])
            for r in json.loads(rows)
        ]

    assert where(windows.stdout, crlf) == where(lf.stdout, AVENANT)
    before = {p: p.read_bytes() for p in crlf.rglob("*.yaml")}
    fmt = subprocess.run(
        [*ACV, "fmt", "--check", "--data", str(crlf)], capture_output=True, check=False
    )
    assert fmt.returncode == 0, fmt.stdout
    assert all(b"\r\n" in content for content in before.values())
    assert {p: p.read_bytes() for p in crlf.rglob("*.yaml")} == before
