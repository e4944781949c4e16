"""Les règles des mesures d'indicateurs au-delà du cas simple : date du rapport, cibles, positions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from acvkit.suivi.dates import date_rapport as report_date
from tests.conftest import diagnostics, flat

I31 = "indicateurs/ind-3-01.yaml"
# 2025-06-30 à midi (UTC)
EPOCH_2025 = "1751284800"


def _append(positive: Path, texte: str) -> None:
    file = positive / I31
    file.write_text(file.read_text(encoding="utf-8") + texte, encoding="utf-8")


def _codes(positive: Path, prefix: str = "IND") -> list[list[object]]:
    return [r for r in flat(positive, "path", "line", "code") if str(r[2]).startswith(prefix)]


def test_date_du_rapport(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025)
    assert report_date() == date(2025, 6, 30)
    assert report_date(date(2024, 3, 1)) == date(2024, 3, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert abs((report_date() - date.today()).days) <= 1  # aujourd'hui, en UTC


def test_valeur_apres_la_date_du_rapport(positive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025)
    _append(
        positive,
        "unite: km\n"  # 7
        "reference: {annee: 2026, valeur: 1}\n"  # 8
        "cibles:\n"  # 9
        "  - {annee: 2026, valeur: 2}\n"  # 10 : pas après la référence
        "  - {annee: 2027, valeur: 3}\n"  # 11
        "  - {annee: 2026, valeur: 3}\n"  # 12 : avant la cible précédente
        "valeurs:\n"  # 13
        "  - {annee: 2024, valeur: 1}\n"  # 14
        "  - {annee: 2027, valeur: 1}\n"  # 15 : après le rapport (2025)
        "  - {annee: 2025, valeur: 1}\n",  # 16 : rangée, 2027 ne compte pas
    )
    rows = [r for r in diagnostics(positive) if r["code"] == "IND008"]
    assert [r["line"] for r in rows] == [8, 10, 12, 15]
    messages = [str(r["message"]) for r in rows]
    assert "postérieure à la date du rapport (2025)" in messages[0]
    assert "de référence (2026)" in messages[1]
    assert "de la cible précédente (2027)" in messages[2]
    assert "après la date du rapport (2025)" in messages[3]
    # Un an plus tard, 2027 reste une faute mais la référence et les valeurs de 2026 non.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH_2025) + 366 * 86400))
    assert [r["line"] for r in diagnostics(positive) if r["code"] == "IND008"] == [10, 12, 15]


def test_sans_valeur_pas_encore_apres_la_premiere_annee(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _append(positive, "unite: km\nvaleurs:\n  - {annee: 2024, valeur: 1}\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719748800")  # 2024-06-30 : première année en cours
    assert [r for r in _codes(positive) if r[2] == "IND011"] == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025)
    assert [r for r in _codes(positive) if r[2] == "IND011"] == [
        ["indicateurs/ind-4-01.yaml", 1, "IND011"]
    ]


def test_une_valeur_d_avant_l_avenant_ne_suffit_pas(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025)
    _append(positive, "unite: km\nvaleurs:\n  - {annee: 2023, valeur: 1}\n")
    assert sorted(r for r in _codes(positive) if r[2] == "IND011") == [
        ["indicateurs/ind-3-01.yaml", 1, "IND011"],
        ["indicateurs/ind-4-01.yaml", 1, "IND011"],
    ]


def test_territoire_suggere(positive: Path) -> None:
    _append(positive, "unite: km\nvaleurs:\n  - {annee: 2024, valeur: 1, territoire: bethun}\n")
    rows = [r for r in diagnostics(positive) if r["code"] == "IND006"]
    assert len(rows) == 1 and rows[0]["line"] == 9 and rows[0]["column"] > 30
    assert "vouliez-vous dire « bethune »" in str(rows[0]["message"])


def test_donnees_reelles_sans_mesures_sans_diagnostic() -> None:
    from tests.conftest import DATA

    codes = {str(r["code"]) for r in diagnostics(DATA)}
    new_items = {f"IND{n:03d}" for n in range(4, 12)}
    assert not codes & new_items
