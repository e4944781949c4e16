"""Les habitudes de l'éditeur (VS Code, check-jsonschema) : schémas justes, lignes de schéma vérifiées."""

from __future__ import annotations

import json
from typing import Any

import pytest

from acvkit.schema.generate import SCHEMAS, generate


def _field_names(node: Any) -> list[str]:
    names: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                names += list(value)
            names += _field_names(value)
    elif isinstance(node, list):
        for value in node:
            names += _field_names(value)
    return names


def test_aucun_champ_invente_par_la_conversion_draft07() -> None:
    for model in SCHEMAS.values():
        schema = json.loads(json.dumps(generate(model)))
        names = set(_field_names(schema))
        assert "markdownDescription" not in names, model.__name__
        # Chaque champ offert par l'éditeur est un champ du modèle (ou d'un modèle imbriqué).
        known = {n for m in _all_models() for n in m.model_fields}
        assert names <= known, (model.__name__, names - known)


def _all_models() -> list[Any]:
    from acvkit.models import StrictModel

    found: list[Any] = []
    pending: list[Any] = [StrictModel]
    while pending:
        for sub in pending.pop().__subclasses__():
            found.append(sub)
            pending.append(sub)
    return found


def test_fiche_schema_description_est_un_champ_et_garde_son_markdown() -> None:
    fiche = generate(SCHEMAS["fiche"])
    assert "description" in fiche["properties"]
    assert "markdownDescription" not in fiche["properties"]
    assert (
        fiche["properties"]["description"]["markdownDescription"]
        == fiche["properties"]["description"]["description"]
    )


# ---------------------------------------------------------------- lignes de schéma (modelines)

import json as _json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

from tests.conftest import DATA, ROOT, flat, run  # noqa: E402

FICHE = "fiches/bethune/fa-62-places-hypercentre.yaml"


def test_ligne_de_schema_fausse_ou_absente_signalee_puis_retablie(real_data: Path) -> None:
    fiche = real_data / FICHE
    texte = fiche.read_text(encoding="utf-8")
    fiche.write_text(texte.replace("fiche.schema.json", "axe.schema.json", 1), encoding="utf-8")
    axe = real_data / "axes/axe-3.yaml"
    axe.write_text(axe.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    hits = [r for r in flat(real_data, "path", "code", "message") if r[1] == "STR004"]
    assert [r[0] for r in hits] == ["axes/axe-3.yaml", FICHE]
    assert "absente" in str(hits[0][2]) and "axe.schema.json" in str(hits[1][2])
    check = run("fmt", "--data", str(real_data), "--check")
    assert check.exit_code == 1
    assert run("fmt", "--data", str(real_data)).exit_code == 0
    assert fiche.read_text(encoding="utf-8") == texte
    assert axe.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/axe.schema.json\n"
    )
    assert [r for r in flat(real_data, "code") if r == ["STR004"]] == []


def test_dossier_sans_lignes_de_schema_non_signale(positive: Path) -> None:
    # Un dossier qui n'annonce aucun schéma ne reçoit pas un avertissement par fichier.
    assert [r for r in flat(positive, "code") if r == ["STR004"]] == []
    assert run("fmt", "--data", str(positive), "--check").exit_code == 0


def test_depot_de_donnees_seules_schemas_et_vscode(tmp_path: Path) -> None:
    git_repo = tmp_path / "depot"
    shutil.copytree(DATA, git_repo / "data")
    before = Path.cwd()
    os.chdir(git_repo)
    try:
        assert run("schema", "--check").exit_code == 1  # les lignes mènent à un schemas/ absent
        assert run("schema", "--vscode").exit_code == 0
        assert run("schema", "--check", "--vscode").exit_code == 0
    finally:
        os.chdir(before)
    # Chaque ligne de schéma mène maintenant à un fichier qui existe, du bon nom.
    for file in sorted((git_repo / "data").rglob("*.yaml")):
        cible = file.read_text(encoding="utf-8").splitlines()[0].split("$schema=", 1)[1]
        assert (file.parent / cible).is_file(), file
    settings = _json.loads((git_repo / ".vscode/settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert "data/fiches/**/*.yaml" in schemas["schemas/fiche.schema.json"]
    assert all((git_repo / path).is_file() for path in schemas)


def test_vscode_garde_les_autres_reglages(tmp_path: Path) -> None:
    git_repo = tmp_path / "depot"
    shutil.copytree(DATA, git_repo / "data")
    (git_repo / ".vscode").mkdir()
    (git_repo / ".vscode/settings.json").write_text('{"editor.tabSize": 2}\n', encoding="utf-8")
    result = run("schema", "--vscode", "--data", str(git_repo / "data"))
    assert result.exit_code == 0
    settings = _json.loads((git_repo / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["editor.tabSize"] == 2 and "yaml.schemas" in settings


def test_crochet_acv_schema_fourni() -> None:
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    schema = next(h for h in hooks if h["id"] == "acv-schema")
    assert schema["entry"].startswith("acv schema --check")


# ------------------------------------- check-jsonschema et acv validate : mêmes verdicts de schéma

import subprocess  # noqa: E402
import sys  # noqa: E402

from tests.conftest import FIXTURES, POSITIVE  # noqa: E402

CHECK = Path(sys.executable).parent / "check-jsonschema"

# Problèmes de schéma qu'un éditeur montre en rouge : acv doit les refuser aussi, et l'inverse.
MUTATIONS = {
    "sous-axe-nombre": ('sous_axe: "4.2"', "sous_axe: 4.2"),
    "sous-axe-4-10": ('sous_axe: "4.2"', "sous_axe: 4.10"),
    "cle-markdown": ("numero: 1\n", "numero: 1\nmarkdownDescription: x\n"),
    "cle-inconnue": ("numero: 1\n", "numero: 1\ndescripton: x\n"),
    "cle-absente": ("titre: Aménagement des places\n", ""),
    "numero-texte": ("numero: 1\n", 'numero: "un"\n'),
    "type-inconnu": ("type: etude", "type: etudes"),
    "montant-texte": ("montant: 100000}", 'montant: "100 000"}'),
    # Les schémas proposent les identifiants des données : un financeur inconnu est refusé par
    # l'éditeur comme par acv validate (INT004, qui propose le plus proche).
    "financeur-inconnu": ("financeur: region-hdf,", "financeur: region-hfd,"),
    "sous-axe-inconnu": ('sous_axe: "4.2"', 'sous_axe: "4.9"'),
    "indicateur-inconnu": ("[ind-4-01]", "[ind-4-99]"),
    "conforme": ("numero: 1\n", "numero: 1\n"),
}


# Identifiant inconnu (sous-axe, partenaire, alias au lieu de l'id, indicateur) : les schémas
# écrits pour ce dossier de données en font une liste fermée (enum).
IDENTIFIER_CODES = {"INT003", "INT004", "INT005", "IND001"}


def _verdicts_schema(folder: Path) -> dict[str, set[str]]:
    """Codes d'erreur SCH/YML (et d'identifiant inconnu) de acv validate, par nom de fiche."""
    out: dict[str, set[str]] = {}
    for row in _json.loads(run("validate", "--data", str(folder), "-f", "json").stdout):
        code = str(row["code"])
        if row["severity"] == "error" and (code[:3] in {"SCH", "YML"} or code in IDENTIFIER_CODES):
            out.setdefault(Path(str(row["path"])).name, set()).add(str(row["code"]))
    return out


@pytest.mark.skipif(not CHECK.exists(), reason="check-jsonschema absent")
def test_check_jsonschema_et_acv_d_accord_sur_le_schema(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(POSITIVE, data)
    # Les schémas écrits pour ce dossier (ses partenaires, sous-axes, indicateurs), avant d'y
    # ajouter les fiches fautives : ceux qu'un dépôt de données obtient par « acv schema ».
    assert run("schema", "--data", str(data), "--out", str(tmp_path / "schemas")).exit_code == 0
    folder = data / "fiches/bethune"
    model = (folder / "fa-1-places.yaml").read_text(encoding="utf-8")
    names: list[str] = []
    for nom, (before, after) in MUTATIONS.items():
        assert before in model, nom
        (folder / f"fa-1-{nom}.yaml").write_text(model.replace(before, after, 1), "utf-8")
        names.append(f"fa-1-{nom}.yaml")
    for fixture in sorted(
        [*(FIXTURES / "hostile").glob("*.yaml"), *(FIXTURES / "broken").glob("*.yaml")]
    ):
        # Bombe d'alias, imbrications profondes, étiquettes (!!bool oui) : acv les refuse vite
        # (YML008, YML009, YML012), comme un échappement hors d'Unicode (YML014) ;
        # check-jsonschema s'y arrête en erreur ou y passe des minutes.
        if not fixture.stem.startswith(("bombe-", "imbrication-", "etiquette", "echappement-hors")):
            shutil.copyfile(fixture, folder / f"fa-1-{fixture.stem}.yaml")
            names.append(f"fa-1-{fixture.stem}.yaml")
    acv = _verdicts_schema(data)
    done = subprocess.run(
        [str(CHECK), "--schemafile", str(tmp_path / "schemas/fiche.schema.json"), "-o", "json"]
        + [str(folder / n) for n in names],
        capture_output=True,
        text=True,
        check=False,
    )
    rapport = _json.loads(done.stdout)
    refuses = {Path(e["filename"]).name for e in rapport["errors"]}
    unreadable = {Path(e["filename"]).name for e in rapport["parse_errors"]}
    compares = 0
    for nom in names:
        codes = acv.get(nom, set())
        if any(c.startswith("YML") for c in codes) or nom in unreadable:
            # Lecture (encodage, BOM, fusions, syntaxe) : acv est plus strict que le YAML nu ;
            # un fichier que check-jsonschema ne peut pas lire est refusé par acv aussi.
            assert nom not in unreadable or codes, nom
            continue
        compares += 1
        assert (nom in refuses) == bool(codes), (nom, codes, nom in refuses)
    assert compares >= len(MUTATIONS) + 10
    assert "fa-1-conforme.yaml" not in refuses and "fa-1-conforme.yaml" not in acv
    for nom in (
        "sous-axe-nombre",
        "sous-axe-4-10",
        "cle-markdown",
        "financeur-inconnu",
        "sous-axe-inconnu",
        "indicateur-inconnu",
    ):
        assert f"fa-1-{nom}.yaml" in refuses and f"fa-1-{nom}.yaml" in acv
