"""L'interface Python d'acvkit : chaque fonction publique, lancée comme un utilisateur la lancerait."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import acvkit
from acvkit.errors import ConfigError
from acvkit.linting.report import InvalidData
from tests.conftest import edit, run


def _python(code: str, cwd: Path) -> str:
    """Lance `python -c code` dans un processus neuf (comme depuis un script) et rend sa sortie."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_import_acvkit_ne_charge_ni_pydantic_ni_openpyxl(tmp_path: Path) -> None:
    code = (
        "import sys, acvkit; print(acvkit.__version__); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'openpyxl', 'docx'}))"
    )
    version, heavy_modules = _python(code, tmp_path).splitlines()
    assert version == acvkit.__version__ and heavy_modules == "[]"


def test_lint_depuis_python(positive: Path) -> None:
    edit(positive / "fiches/bethune/fa-1-places.yaml", 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    code = "import acvkit; r = acvkit.lint('data'); print(len(r.diagnostics))"
    counts = _python(code, positive.parent)
    expected_items = json.loads(run("validate", "--data", str(positive), "--format", "json").stdout)
    assert int(counts) == len(expected_items) >= 1


def test_load_depuis_python(positive: Path) -> None:
    code = "import acvkit; d = acvkit.load('data'); print(sorted(e.model.numero for e in d.fiches))"
    files = sorted((positive / "fiches").rglob("fa-*.yaml"))
    numeros = sorted(int(f.name.split("-")[1]) for f in files)
    assert _python(code, positive.parent) == str(numeros)


def test_aggregate_depuis_python(positive: Path) -> None:
    code = (
        "import acvkit; a = acvkit.aggregate(acvkit.load('data'), by=['collectivite']); "
        "print(a.total.cout.TTC, a.total.cout.HT, len(a.groupes))"
    )
    ttc, ht, groupes = _python(code, positive.parent).split()
    expected = json.loads(
        run("couts", "--data", str(positive), "--by", "collectivite", "--format", "json").stdout
    )
    cout = expected["total"]["cout"]
    assert (Decimal(ttc), Decimal(ht)) == (Decimal(cout["TTC"]), Decimal(cout["HT"]))
    assert int(groupes) == len(expected["groupes"])


def test_build_depuis_python(positive: Path) -> None:
    code = (
        "import acvkit; b = acvkit.build(acvkit.load('data'), 'sortie', formats=['md']); "
        "print(len(b.written))"
    )
    written = int(_python(code, positive.parent))
    produced = sorted(p for p in (positive.parent / "sortie").rglob("*") if p.is_file())
    assert written == len(produced) > 0 and {p.suffix for p in produced} == {".md"}


def test_load_config_depuis_python(positive: Path) -> None:
    (positive / "acv.toml").write_text('ignore = ["CON004"]\n', encoding="utf-8")
    code = (
        "import acvkit; c = acvkit.load_config('data', select=['INT']); print(c.select, c.ignore)"
    )
    assert _python(code, positive.parent) == "['INT'] ['CON004']"
    (positive / "acv.toml").write_text('ignore = ["XYZ999"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="règle inconnue « XYZ999 »"):
        acvkit.load_config(positive)


def test_lint_d_un_jeu_deja_lu_comme_d_un_dossier(positive: Path) -> None:
    edit(positive / "fiches/bethune/fa-1-places.yaml", 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    (positive / "fiches/bethune/fa-3-vide.yaml").write_text("numero: [\n", encoding="utf-8")
    from_folder = acvkit.lint(positive)
    from_dataset = acvkit.lint(acvkit.load(positive))
    assert from_dataset.diagnostics == from_folder.diagnostics
    assert {"INT003", "YML001"} <= {d.code for d in from_dataset.diagnostics}
    assert from_dataset.files == from_folder.files


def test_rapport_du_cache_a_toujours_son_jeu_de_donnees(positive: Path) -> None:
    linter = acvkit.Linter(acvkit.load_config(positive), cache=True)
    first = linter.lint(positive)
    reused = linter.lint(positive)  # résultat d'ensemble repris du cache
    assert reused.diagnostics == first.diagnostics
    assert [e.model for e in reused.dataset.fiches] == [e.model for e in first.dataset.fiches]
    assert len(reused.dataset.fiches) == 2


def test_load_valid_refuse_des_donnees_en_erreur(positive: Path) -> None:
    assert len(acvkit.load_valid(positive).fiches) == 2
    edit(positive / "fiches/bethune/fa-1-places.yaml", 'sous_axe: "4.2"', 'sous_axe: "4.9"')
    with pytest.raises(InvalidData) as info:
        acvkit.load_valid(positive)
    assert [d.code for d in info.value.report.diagnostics] == ["INT003"]


def test_show_avec_une_configuration_fausse(positive: Path) -> None:
    (positive / "acv.toml").write_text("select = [\n", encoding="utf-8")
    result = run("show", "1", "--data", str(positive))
    assert result.exit_code == 2
    assert "configuration illisible" in result.stderr and "Erreur interne" not in result.stderr
