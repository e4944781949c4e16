"""Les schémas proposent les identifiants des données et parlent français (errorMessage)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from acvkit.models import common, referentiel
from acvkit.schema.messages import ID_INDICATEUR_PATTERN, ID_PATTERN
from tests.conftest import DATA, ROOT, run

CHECK = Path(sys.executable).parent / "check-jsonschema"


def _schemas(data: Path, out: Path) -> dict[str, Any]:
    assert run("schema", "--data", str(data), "--out", str(out)).exit_code == 0
    return {p.name.split(".")[0]: json.loads(p.read_text("utf-8")) for p in out.glob("*.json")}


def _ids(data: Path) -> tuple[set[str], set[str], set[str]]:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    partenaires = {
        p["id"] for p in yaml.load((data / "partenaires.yaml").read_text("utf-8"))["partenaires"]
    }
    axes = [yaml.load(f.read_text("utf-8")) for f in sorted((data / "axes").glob("*.yaml"))]
    # Une fiche se classe dans un sous-axe, ou dans un axe qui n'en a pas (« transversal »).
    sous_axes = {s["code"] for a in axes for s in a.get("sous_axes") or []} | {
        str(a["numero"]) for a in axes if not a.get("sous_axes")
    }
    indicateurs = {
        yaml.load(f.read_text("utf-8"))["id"] for f in sorted((data / "indicateurs").glob("*.yaml"))
    }
    return partenaires, sous_axes, indicateurs


def test_les_identifiants_des_donnees_en_enum(tmp_path: Path) -> None:
    schemas = _schemas(DATA, tmp_path / "s")
    partenaires, sous_axes, indicateurs = _ids(DATA)
    fiche = schemas["fiche"]
    financeur = fiche["definitions"]["Financement"]["properties"]["financeur"]
    assert set(financeur["enum"]) == partenaires
    assert len(financeur["enumDescriptions"]) == len(financeur["enum"])
    assert set(fiche["properties"]["collectivite"]["enum"]) == partenaires
    assert set(fiche["properties"]["sous_axe"]["enum"]) == sous_axes
    assert set(fiche["properties"]["partenaires"]["anyOf"][0]["items"]["enum"]) == partenaires
    evaluation = fiche["properties"]["indicateurs_evaluation"]["anyOf"][0]["items"]
    assert set(evaluation["enum"]) == indicateurs
    signataire = schemas["programme"]["definitions"]["Signataire"]["properties"]["organisation"]
    assert set(signataire["enum"]) == partenaires


def test_un_changement_des_donnees_perime_les_schemas(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    _schemas(data, tmp_path / "schemas")
    assert run("schema", "--data", str(data), "--check").exit_code == 0
    partenaires = data / "partenaires.yaml"
    partenaires.write_text(
        partenaires.read_text("utf-8")
        + "  - id: nouveau-financeur\n    nom: Nouveau financeur\n    nature: autre\n",
        encoding="utf-8",
    )
    check = run("schema", "--data", str(data), "--check")
    assert check.exit_code == 1 and "fiche.schema.json" in check.stdout
    assert run("schema", "--data", str(data)).exit_code == 0
    schema = json.loads((tmp_path / "schemas/fiche.schema.json").read_text("utf-8"))
    assert (
        "nouveau-financeur"
        in schema["definitions"]["Financement"]["properties"]["financeur"]["enum"]
    )


def test_sans_donnees_lisibles_aucune_liste_fermee(tmp_path: Path) -> None:
    schemas = _schemas(tmp_path / "absent", tmp_path / "s")
    financeur = schemas["fiche"]["definitions"]["Financement"]["properties"]["financeur"]
    assert "enum" not in financeur and financeur["type"] == "string"


def _messages(node: Any) -> list[tuple[dict[str, Any], str]]:
    out: list[tuple[dict[str, Any], str]] = []
    if isinstance(node, dict):
        if isinstance(node.get("errorMessage"), str):
            out.append((node, node["errorMessage"]))
        for value in node.values():
            out += _messages(value)
    elif isinstance(node, list):
        for value in node:
            out += _messages(value)
    return out


def test_messages_d_erreur_francais_sur_les_motifs_et_formats() -> None:
    schemas = {
        p.name.split(".")[0]: json.loads(p.read_text("utf-8"))
        for p in (ROOT / "schemas").glob("*.json")
    }
    fiche = schemas["fiche"]
    assert '"4.2"' in fiche["properties"]["sous_axe"]["errorMessage"]
    date = fiche["definitions"]["Financement"]["properties"]["date_attribution"]["anyOf"][0]
    assert "AAAA-MM-JJ" in date["errorMessage"]
    montant = fiche["definitions"]["Poste"]["properties"]["montant"]
    montant = next(b for b in montant.get("anyOf", [montant]) if b.get("type") == "number")
    assert "montant" in montant["errorMessage"]
    assert "ind-" in schemas["indicateur"]["properties"]["id"]["errorMessage"]
    assert (
        "minuscules"
        in schemas["partenaires"]["definitions"]["Partenaire"]["properties"]["id"]["errorMessage"]
    )
    # Les messages sont français, et chaque nœud qui a un motif ou un format en a un.
    for nom, schema in schemas.items():
        for _node, message in _messages(schema):
            assert re.search(r"attendu|inconnu|mal écrit", message), (nom, message)
        for node in _nodes(schema):
            if "pattern" in node or "format" in node:
                assert "errorMessage" in node, (nom, node)


def _nodes(node: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(node, dict):
        out.append(node)
        for value in node.values():
            out += _nodes(value)
    elif isinstance(node, list):
        for value in node:
            out += _nodes(value)
    return out


def test_motifs_d_identifiant_ceux_des_modeles() -> None:
    assert common._ID.pattern == ID_PATTERN
    assert referentiel._ID_INDICATEUR.pattern == ID_INDICATEUR_PATTERN


@pytest.mark.skipif(not CHECK.exists(), reason="check-jsonschema absent")
def test_schemas_passent_leur_metaschema(tmp_path: Path) -> None:
    # errorMessage et enumDescriptions sont des mots-clés inconnus du draft-07, qui les admet.
    _schemas(DATA, tmp_path / "s")
    done = subprocess.run(
        [str(CHECK), "--check-metaschema", *map(str, sorted((tmp_path / "s").glob("*.json")))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not CHECK.exists(), reason="check-jsonschema absent")
def test_check_jsonschema_refuse_un_financeur_inconnu(tmp_path: Path) -> None:
    fiche = tmp_path / "fa.yaml"
    sources = [f.read_text("utf-8") for f in sorted((DATA / "fiches").rglob("*.yaml"))]
    source = next(s for s in sources if re.search(r"financeur: [a-z]", s))
    fiche.write_text(re.sub(r"financeur: ([a-z-]+)", r"financeur: \1x", source, count=1), "utf-8")
    done = subprocess.run(
        [str(CHECK), "--schemafile", str(ROOT / "schemas/fiche.schema.json"), str(fiche)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "financeur" in done.stdout, done.stdout
