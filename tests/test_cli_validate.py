"""`acv validate` : codes de sortie, formats texte, JSON et GitHub."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import POSITIVE, edit, run

FICHE = "fiches/bethune/fa-1-places.yaml"


def test_propre_sort_zero() -> None:
    result = run("validate", "--data", str(POSITIVE))
    assert result.exit_code == 0
    assert "✔ 8 fichiers vérifiés : 0 erreur, 0 avertissement" in result.stdout


def test_texte_chemin_ligne_colonne_code_message(positive: Path) -> None:
    edit(positive / FICHE, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    result = run("validate", "--data", str(positive))
    assert result.exit_code == 1
    assert f"{positive.as_posix()}/{FICHE}:5:11: INT003 sous-axe « 4.9 » inconnu" in result.stdout
    assert "1 erreur, 0 avertissement" in result.stdout


def test_json(positive: Path) -> None:
    edit(positive / FICHE, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    result = run("validate", "--data", str(positive), "--format", "json")
    rows = json.loads(result.stdout)
    assert rows == [
        {
            "path": f"{positive.as_posix()}/{FICHE}",
            "line": 5,
            "column": 11,
            "code": "INT003",
            "severity": "error",
            "message": rows[0]["message"],
            "rule": "sous-axe-inconnu",
            "url": rows[0]["url"],
        }
    ]
    assert rows[0]["message"].startswith("sous-axe « 4.9 » inconnu")


def test_chemins_tels_que_donnes(positive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(positive.parent)
    result = run("validate", "--data", "data", "--format", "json")
    assert json.loads(result.stdout) == []
    edit(positive / FICHE, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    result = run("validate", "--data", "data", "--format", "json")
    assert json.loads(result.stdout)[0]["path"] == f"data/{FICHE}"


def test_github(positive: Path) -> None:
    edit(positive / FICHE, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    result = run("validate", "--data", str(positive), "--format", "github")
    line = result.stdout.strip()
    assert line.startswith(
        f"::error file={positive.as_posix()}/{FICHE},line=5,col=11,title=INT003::INT003 "
    )


def test_dossier_absent_usage() -> None:
    result = run("validate", "--data", "/nulle/part")
    assert result.exit_code == 2
    assert "n'existe pas" in result.stderr


def test_python_m_acvkit(positive: Path) -> None:
    edit(positive / FICHE, "type: etude", "type: Etude")
    done = subprocess.run(
        [sys.executable, "-m", "acvkit", "validate", "--data", str(positive)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "SCH003" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("acv ")


def test_chemin_nomme_sans_data_trouve_son_dossier(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sans --data ni ./data, le dossier de données est celui du chemin nommé (trouvé en remontant)."""
    edit(positive / FICHE, 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    monkeypatch.chdir(positive.parent.parent)
    named = Path(positive.parent.name, "data", FICHE)
    result = run("validate", str(named))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert f"{named.as_posix()}:" in result.stdout and "INT003" in result.stdout
    assert "n'existe pas" not in result.stderr


def test_couleurs_avec_force_color() -> None:
    from click.testing import CliRunner

    from acvkit.cli import app

    env = {"FORCE_COLOR": "1", "NO_COLOR": None}
    with_colors = CliRunner().invoke(app, ["validate", "--data", str(POSITIVE)], env=env)
    assert with_colors.exit_code == 0 and "\x1b[" in with_colors.stdout
    plain = CliRunner().invoke(
        app, ["validate", "--data", str(POSITIVE)], env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert "\x1b[" not in plain.stdout and plain.stdout.strip()
