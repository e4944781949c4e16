"""Liens de documentation qui marchent hors du dépôt d'acvkit, et sortie impossible à écrire."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import acvkit
from tests.conftest import DATA, ROOT, run

ACV = str(Path(sys.executable).parent / "acv")


def _version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    version: str = project["version"]
    return version


def test_url_json_et_helpuri_sarif_absolus() -> None:
    rows = json.loads(run("validate", "--data", str(DATA), "--format", "json").stdout)
    assert rows
    for row in rows:
        url = str(row["url"])
        assert url.startswith("https://"), url
        assert url.endswith(f"/blob/v{_version()}/docs/regles.md#{str(row['code']).lower()}")
    sarif = json.loads(run("validate", "--data", str(DATA), "--format", "sarif").stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(r["helpUri"].endswith("#" + r["id"].lower()) for r in rules)
    assert all(r["helpUri"].startswith("https://") for r in rules)


def test_base_de_documentation_configurable(positive: Path) -> None:
    (positive / "acv.toml").write_text(
        'documentation = "https://forge.example.org/acv/regles.html"\n', encoding="utf-8"
    )
    fiche = positive / "fiches/bethune/fa-1-places.yaml"
    texte = fiche.read_text(encoding="utf-8")
    fiche.write_text(texte.replace('sous_axe: "4.2"', 'sous_axe: "4.9"'), encoding="utf-8")
    rows = json.loads(run("validate", "--data", str(positive), "--format", "json").stdout)
    assert [r["url"] for r in rows] == ["https://forge.example.org/acv/regles.html#int003"]
    sarif = json.loads(run("validate", "--data", str(positive), "--format", "sarif").stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert {r["helpUri"].split("#")[0] for r in rules} == {
        "https://forge.example.org/acv/regles.html"
    }


def test_base_de_documentation_invalide(positive: Path) -> None:
    (positive / "acv.toml").write_text('documentation = "regles.md"\n', encoding="utf-8")
    result = run("validate", "--data", str(positive))
    assert result.exit_code == 2 and "« documentation »" in result.stderr


def test_rules_code_hors_ligne() -> None:
    detail = run("rules", "INT003")
    assert detail.exit_code == 0 and "Exemple fautif" in detail.stdout


def test_version_en_un_seul_endroit() -> None:
    assert acvkit.__version__ == _version()
    # Aucune autre copie du numéro de version dans les sources.
    for source in (ROOT / "src/acvkit").rglob("*.py"):
        assert f'"{_version()}"' not in source.read_text(encoding="utf-8"), source


@pytest.mark.parametrize("file", ["docs/territoire.md", "docs/ci.md"])
def test_version_documentee_egale_a_la_version(file: str) -> None:
    texte = (ROOT / file).read_text(encoding="utf-8")
    versions = set(re.findall(r"acvkit==(\d[^\s\"`']*)", texte))
    assert versions == {_version()}, versions
    assert "<organisation>" not in texte


def test_procedure_de_publication_documentee() -> None:
    texte = (ROOT / "docs/release.md").read_text(encoding="utf-8")
    assert "pyproject.toml" in texte and "git tag -a v" in texte


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full absent")
@pytest.mark.parametrize("shape", ["sarif", "json", "text"])
def test_sortie_pleine_message_francais(shape: str) -> None:
    with Path("/dev/full").open("w") as full_device:
        done = subprocess.run(
            [ACV, "validate", "--data", str(DATA), "--format", shape],
            stdout=full_device,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert "écriture impossible dans la sortie standard" in done.stderr
    assert "Erreur interne" not in done.stderr and "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
