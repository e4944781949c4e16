"""Les schémas JSON pour l'éditeur : à jour, en français, et acceptés par check-jsonschema sur les données."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from acvkit.schema.generate import SCHEMAS
from tests.conftest import AVENANT, DATA, ROOT, run

SCHEMA_DIR = ROOT / "schemas"
CHECK = str(Path(sys.executable).parent / "check-jsonschema")


def test_schemas_a_jour() -> None:
    # Les schémas du dépôt sont écrits pour data/ (ils en proposent les identifiants).
    result = run("schema", "--data", str(DATA), "--out", str(SCHEMA_DIR), "--check")
    assert result.exit_code == 0, result.stdout + "\nlancez « acv schema --out schemas »"


def test_schema_perime_detecte(tmp_path: Path) -> None:
    shutil.copytree(SCHEMA_DIR, tmp_path / "s")
    (tmp_path / "s/fiche.schema.json").write_text("{}\n", encoding="utf-8")
    result = run("schema", "--data", str(DATA), "--out", str(tmp_path / "s"), "--check")
    assert result.exit_code == 1 and "fiche.schema.json" in result.stdout


def _properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    out = []
    if isinstance(node, dict):
        for nom, prop in node.get("properties", {}).items():
            out.append((f"{path}.{nom}", prop))
        for nom, definition in node.get("definitions", {}).items():
            out += _properties(definition, nom)
    return out


@pytest.mark.parametrize("nom", sorted(SCHEMAS))
def test_chaque_champ_a_titre_et_description_en_francais(nom: str) -> None:
    schema = json.loads((SCHEMA_DIR / f"{nom}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    properties = _properties(schema)
    assert properties
    for path, prop in properties:
        assert prop.get("title") and prop.get("description"), path
        assert prop["markdownDescription"] == prop["description"], path
        assert "$ref" not in prop, f"{path} : $ref à côté d'autres mots-clés est ignoré en draft-07"
    for definition in schema.get("definitions", {}).values():
        if "enum" in definition:
            assert len(definition["enumDescriptions"]) == len(definition["enum"])


def _kind(relative: Path) -> str:
    if relative.parts[0] == "fiches":
        return "fiche"
    if relative.parts[0] == "axes":
        return "axe"
    if relative.parts[0] == "indicateurs":
        return "indicateur"
    return relative.stem


def test_chaque_fichier_de_donnees_annonce_son_schema() -> None:
    for file in sorted(DATA.rglob("*.yaml")):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), file
        cible = (file.parent / first.removeprefix(prefix)).resolve()
        assert cible == (SCHEMA_DIR / f"{_kind(file.relative_to(DATA))}.schema.json").resolve(), (
            file
        )


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHECK, "--schemafile", str(SCHEMA_DIR / f"{schema}.schema.json"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("nom", sorted(SCHEMAS))
def test_check_jsonschema_accepte_les_donnees(nom: str) -> None:
    files = [f for f in sorted(DATA.rglob("*.yaml")) if _kind(f.relative_to(DATA)) == nom]
    assert files
    done = _check_jsonschema(nom, *files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_jsonschema_refuse_une_cle_inconnue(tmp_path: Path) -> None:
    fiche = tmp_path / "fa-62.yaml"
    texte = (DATA / "fiches/bethune/fa-62-places-hypercentre.yaml").read_text(encoding="utf-8")
    fiche.write_text(texte.replace("numero: 62\n", "numero: 62\ndescripton: x\n"), encoding="utf-8")
    done = _check_jsonschema("fiche", fiche)
    assert done.returncode == 1 and "descripton" in done.stdout


def test_ecriture_impossible_message_et_sortie_2(tmp_path: Path) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")
    result = run("schema", "--out", str(blocker / "schemas"), "--data", str(AVENANT))
    assert result.exit_code == 2, result.stderr
    assert (
        "écriture impossible dans « " in result.stderr and "fichier/schemas » : " in result.stderr
    )
    assert "un élément du chemin est un fichier, pas un dossier" in result.stderr
    assert "Erreur interne" not in result.stderr
