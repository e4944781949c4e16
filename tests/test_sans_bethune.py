"""Rien de l'avenant de Béthune-Bruay dans l'outil : ni dans ce qu'il produit pour un autre
territoire (tests/fixtures/convention-2018), ni dans son aide, ses gabarits de fiche et
d'indicateur, le dépôt qu'écrit `acv init`, ses schémas ou la documentation de ses règles.

Chaque texte est lu tel qu'un utilisateur le voit (fichiers produits dézippés, aide de chaque
commande, fichiers créés) et cherché sans tenir compte de la casse.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from acvkit.cli import app
from tests.conftest import FIXTURES, run

TERRITOIRE = FIXTURES / "convention-2018"
# Les noms et identifiants de l'avenant de Béthune-Bruay (ACV031) : villes, EPCI, ids, codes.
BETHUNE = re.compile(
    r"b[ée]thune|bruay|cabbalr|region-hdf|acv031|artois|lys romane|62119|62178|200072460|"
    r"gacquerre|pajot|hauts-de-france",
    re.IGNORECASE,
)


def _texts_of(path: Path) -> str:
    """Le texte d'un fichier produit : tel quel, ou chaque partie d'un DOCX ou d'un XLSX."""
    if path.suffix in {".docx", ".xlsx"}:
        with zipfile.ZipFile(path) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return path.read_text(encoding="utf-8")


def _found(texts: dict[str, str]) -> list[str]:
    return [
        f"{where} : « {m.group(0)} »"
        for where, texte in texts.items()
        for m in [BETHUNE.search(texte)]
        if m is not None
    ]


@pytest.fixture(scope="module")
def territoire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("territoire") / "data"
    shutil.copytree(TERRITOIRE, copy)
    return copy


def test_le_territoire_fictif_lui_meme_est_propre() -> None:
    texts = {str(p): p.read_text(encoding="utf-8") for p in TERRITOIRE.rglob("*.yaml")}
    assert len(texts) >= 18 and _found(texts) == []


def test_aucune_sortie_du_second_territoire_ne_nomme_bethune(
    territoire: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run("build", "--data", str(territoire), "--out", str(out), "--au", "2022-06-30")
    assert result.exit_code == 0, result.stderr
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert {p.suffix for p in files} == {".html", ".md", ".docx", ".xlsx"}
    texts = {str(p.relative_to(out)): _texts_of(p) for p in files}
    texts["build (sortie)"] = result.stdout + result.stderr
    commands = [
        ["validate", "--data", str(territoire)],
        ["validate", "--data", str(territoire), "--format", "json"],
        ["validate", "--data", str(territoire), "--format", "sarif"],
        ["list", "--data", str(territoire)],
        ["costs", "--data", str(territoire)],
        ["costs", "--data", str(territoire), "--by", "financeur"],
        ["suivi", "--data", str(territoire), "--au", "2022-06-30"],
        ["indicateurs", "--data", str(territoire)],
        *(["show", str(n), "--data", str(territoire)] for n in range(1, 10)),
    ]
    for args in commands:
        result = run(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        texts[" ".join(args[:3])] = result.stdout + result.stderr
    assert _found(texts) == []


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Chaque commande et sous-commande de `acv` (le groupe de Typer, quel que soit son click)."""
    out = [path]
    if hasattr(group, "list_commands"):
        context = type(group).context_class(group)
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            assert command is not None, name
            out += _commands(command, (*path, name))
    return out


def test_aucune_aide_ne_nomme_bethune() -> None:
    commands = _commands(app)
    assert len(commands) > 15
    texts = {}
    for path in commands:
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        texts["acv " + " ".join(path)] = result.stdout
    rules = run("rules", "--markdown")
    assert rules.exit_code == 0
    texts["acv rules --markdown"] = rules.stdout
    catalogue = run("rules")
    texts["acv rules"] = catalogue.stdout
    for code in sorted(set(re.findall(r"\b[A-Z]{3}\d{3}\b", catalogue.stdout))):
        texts[f"acv rules {code}"] = run("rules", code).stdout
    assert len(texts) > 60
    assert _found(texts) == []


def test_ni_les_fichiers_crees_ni_les_schemas(territoire: Path, tmp_path: Path) -> None:
    created = run(
        "new", "fiche", "--data", str(territoire), "--collectivite", "sainte-aurele",
        "--sous-axe", "4", "--titre", "Halle du marché",
    )  # fmt: skip
    assert created.exit_code == 0, created.stderr
    indicateur = run(
        "new", "indicateur", "--data", str(territoire), "--axe", "4", "--intitule", "Fréquentation",
    )  # fmt: skip
    assert indicateur.exit_code == 0, indicateur.stderr
    texts = {
        str(p.relative_to(territoire)): p.read_text(encoding="utf-8")
        for p in territoire.rglob("*.yaml")
    }
    fiche = texts["fiches/sainte-aurele/fa-10-halle-du-marche.yaml"]
    # L'exemple de financement vient des partenaires du territoire lui-même.
    assert "financeur: etat, montant: 100000" in fiche
    assert 'sous_axe: "4"' in fiche
    schemas = tmp_path / "schemas"
    assert run("schema", "--data", str(territoire), "--out", str(schemas)).exit_code == 0
    texts |= {p.name: p.read_text(encoding="utf-8") for p in schemas.glob("*.json")}
    from acvkit.schema.generate import SCHEMAS

    assert len(list(schemas.glob("*.json"))) == len(SCHEMAS)
    assert _found(texts) == []


def test_ni_le_depot_qu_ecrit_acv_init(tmp_path: Path) -> None:
    folder = tmp_path / "depot"
    result = run(
        "init", str(folder), "--id-anct", "ACV990", "--epci", "Communauté de communes du Val",
        "--siren", "200099901", "--commune", "Ville-sur-Val:99990", "--periode", "2023-2026",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    texts = {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.is_file()
    }
    texts["acv init (sortie)"] = result.stdout + result.stderr
    assert len(texts) > 15
    assert _found(texts) == []
