"""Le .yamllint fourni s'accorde avec le format : les fichiers qu'acv accepte et met en forme
sont propres pour yamllint, et yamllint refuse ce qu'acv refuse en syntaxe."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, POSITIVE, ROOT, run

YAMLLINT = Path(sys.executable).parent / "yamllint"
pytestmark = pytest.mark.skipif(not YAMLLINT.exists(), reason="yamllint absent")


def _yamllint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(YAMLLINT), "-c", str(ROOT / ".yamllint"), "-f", "parsable", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_donnees_et_fixtures_propres_pour_yamllint() -> None:
    done = _yamllint(DATA, POSITIVE)
    assert done.returncode == 0, done.stdout


def test_sortie_de_fmt_propre_pour_yamllint(positive: Path) -> None:
    fiche = positive / "fiches/bethune/fa-1-places.yaml"
    shutil.copyfile(ROOT / "tests/golden/fmt/messy.yaml", fiche)
    assert run("fmt", "--data", str(positive)).exit_code == 0
    done = _yamllint(fiche)
    assert done.returncode == 0, done.stdout


def test_cle_en_double_refusee_par_les_deux(positive: Path) -> None:
    fiche = positive / "fiches/bethune/fa-1-places.yaml"
    fiche.write_text(fiche.read_text(encoding="utf-8") + "numero: 1\n", encoding="utf-8")
    assert _yamllint(fiche).returncode == 1
    assert run("validate", "--data", str(positive)).exit_code == 1
