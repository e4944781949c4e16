"""`acv costs` se lit dans 80 colonnes (journal de CI, portable) : rien de tronqué ni de coupé."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.conftest import DATA, run


def _libelles(*by: str) -> list[str]:
    args = [a for d in by for a in ("--by", d)]
    document = json.loads(run("couts", "--data", str(DATA), *args, "--format", "json").stdout)
    return [" × ".join(g["libelle"]) for g in document["groupes"]]


@pytest.mark.parametrize("by", [("collectivite", "financeur"), ("collectivite",), ("axe",)])
def test_quatre_vingts_colonnes(monkeypatch: pytest.MonkeyPatch, by: tuple[str, ...]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    args = [a for d in by for a in ("--by", d)]
    result = run("couts", "--data", str(DATA), *args)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert "…" not in result.stdout  # aucun en-tête ni nom tronqué
    for libelle in _libelles(*by):
        if len(libelle) <= 80:
            assert libelle in lines, libelle  # chaque nom sur une seule ligne
    # Chaque montant du total est écrit d'un seul tenant.
    total = json.loads(run("couts", "--data", str(DATA), *args, "--format", "json").stdout)
    for montant in total["total"]["cout"].values():
        whole = f"{int(Decimal(montant)):,}".replace(",", "\u202f")
        assert whole in result.stdout, montant


def test_tableau_quand_il_tient(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = run("couts", "--data", str(DATA), "--by", "axe")
    assert "┃ Axe" in result.stdout and "Reste à charge" in result.stdout
