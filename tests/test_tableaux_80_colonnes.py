"""Les tableaux du terminal à 80 colonnes : pliés à la largeur, jamais tronqués (issue #33 §3)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from acvkit.rules import ALL_RULES
from tests.conftest import AVENANT

COMMANDS = [
    ["list", "--data", str(AVENANT)],
    ["rules"],
    ["couts", "--data", str(AVENANT), "--by", "collectivite", "--by", "annee"],
    ["show", "62", "--data", str(AVENANT)],
]
# acv suivi et acv indicateurs écrivent du texte suivi, une ligne par information, que le
# terminal plie lui-même : rien n'y est coupé non plus, mais leurs lignes peuvent dépasser 80.


def _acv(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "acvkit", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_rien_ne_depasse_80_colonnes(command: list[str]) -> None:
    assert max(len(line) for line in _acv(*command).splitlines()) <= 80


def test_acv_rules_montre_chaque_nom_et_chaque_code_en_entier() -> None:
    lines = _acv("rules").splitlines()
    for code, rule in ALL_RULES.items():
        assert any(code in line and rule.name in line for line in lines), rule.name


def test_acv_list_montre_chaque_titre_sans_points_de_suspension() -> None:
    texte = " ".join(_acv("list", "--data", str(AVENANT)).replace("│", " ").split())
    for path in sorted((AVENANT / "fiches").rglob("*.yaml")):
        titre = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["titre"]
        for word in titre.split():
            if len(word) <= 10:  # un mot plus long que sa colonne se plie (sur deux lignes)
                assert word in texte, (path.name, word)
    assert "…" not in texte.replace("→ …", "").replace("… ;", "")
