"""Les règles de suivi qui dépendent de la date du rapport : --au, SOURCE_DATE_EPOCH, délai d'acv.toml."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from acvkit.suivi.dates import date_rapport, months_before, parse_date
from tests.conftest import edit, run

F1 = "fiches/bethune/fa-1-places.yaml"
F2 = "fiches/cabbalr/fa-2-velo.yaml"


def _codes(folder: Path, *options: str) -> list[tuple[str, int, str]]:
    result = run("validate", "--data", str(folder), "--format", "json", "--no-cache", *options)
    assert result.exit_code in (0, 1), result.stderr
    return [
        (Path(r["path"]).relative_to(folder).as_posix(), r["line"], r["code"])
        for r in json.loads(result.stdout)
        if str(r["code"]).startswith("SUI")
    ]


def _journal(positive: Path, *dates: str, statut: str = "en_cours") -> None:
    lines = "".join(f"  - {{date: {d}, statut: {statut}}}\n" for d in dates)
    edit(
        positive / F1,
        "lancement: T1 2025\n",
        f"statut: {statut}\nsuivi:\n{lines}lancement: T1 2025\n",
    )


def test_lire_date() -> None:
    assert parse_date("2025-06-30") == date(2025, 6, 30) == parse_date("30/06/2025")
    with pytest.raises(ValueError, match="AAAA-MM-JJ"):
        parse_date("juin 2025")
    assert months_before(date(2025, 8, 31), 6) == date(2025, 2, 28)
    assert months_before(date(2025, 6, 30), 6) == date(2024, 12, 30)


def test_date_du_rapport(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751241600")  # 30/06/2025 00:00 UTC
    assert date_rapport() == date(2025, 6, 30)
    assert date_rapport(date(2024, 1, 1)) == date(2024, 1, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert date_rapport() == datetime.now(UTC).date()


def test_entree_future_selon_la_date_du_rapport(
    positive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _journal(positive, "2025-01-15", "2025-06-15")
    assert (F1, 25, "SUI002") in _codes(positive, "--date-rapport", "2025-06-01")
    assert not [c for c in _codes(positive, "--date-rapport", "2025-06-30") if c[2] == "SUI002"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748736000")  # 01/06/2025
    assert (F1, 25, "SUI002") in _codes(positive)


def test_retard_seulement_apres_la_livraison(positive: Path) -> None:
    edit(positive / F2, "jalons:\n", "statut: en_cours\njalons:\n")
    # FA 2 finit au printemps 2025 (20/06/2025) ; la ligne 24 porte cette livraison.
    assert (F2, 24, "SUI004") in _codes(positive, "--date-rapport", "2025-06-30")
    assert not [c for c in _codes(positive, "--date-rapport", "2025-06-01") if c[2] == "SUI004"]


def test_fiche_sans_statut_jamais_en_retard(positive: Path) -> None:
    assert not [c for c in _codes(positive, "--date-rapport", "2030-01-01") if c[2] == "SUI004"]


def test_livree_avant_sa_livraison_selon_la_date(positive: Path) -> None:
    edit(positive / F1, "lancement: T1 2025\n", "statut: livree\nlancement: T1 2025\n")
    # Livraison « Fin 2026 » : commence le 01/09/2026.
    assert (F1, 22, "SUI003") in _codes(positive, "--date-rapport", "2026-08-31")
    assert not [c for c in _codes(positive, "--date-rapport", "2026-09-01") if c[2] == "SUI003"]


def test_non_mis_a_jour_et_delai_reglable(positive: Path) -> None:
    _journal(positive, "2024-11-15")
    edit(positive / F2, "jalons:\n", "statut: livree\njalons:\n")
    # Au 30/06/2025, la limite est le 30/12/2024 : l'entrée du 15/11/2024 est trop ancienne.
    assert (F1, 24, "SUI005") in _codes(positive, "--date-rapport", "2025-06-30")
    assert not [c for c in _codes(positive, "--date-rapport", "2025-05-14") if c[2] == "SUI005"]
    (positive / "acv.toml").write_text("suivi-delai-mois = 12\n", encoding="utf-8")
    assert not [c for c in _codes(positive, "--date-rapport", "2025-06-30") if c[2] == "SUI005"]
    (positive / "acv.toml").write_text("suivi-delai-mois = 0\n", encoding="utf-8")
    result = run("validate", "--data", str(positive))
    assert result.exit_code == 2 and "suivi-delai-mois" in result.stderr


def test_au_mal_ecrit_refuse(positive: Path) -> None:
    result = run("validate", "--data", str(positive), "--date-rapport", "31/02/2025")
    assert result.exit_code == 2 and "n'existe pas" in result.stderr


def test_le_cache_tient_compte_de_la_date(positive: Path) -> None:
    _journal(positive, "2025-01-15", "2025-06-15")
    before = run(
        "validate", "--data", str(positive), "--date-rapport", "2025-06-01", "--format", "json"
    )
    after = run(
        "validate", "--data", str(positive), "--date-rapport", "2025-06-30", "--format", "json"
    )
    assert "SUI002" in before.stdout and "SUI002" not in after.stdout


def test_argent_signale_a_la_ligne_du_montant(positive: Path) -> None:
    edit(
        positive / F1,
        "  - {financeur: region-hdf, montant: 100000}\n",
        "  - financeur: region-hdf\n"
        "    montant: 100000\n"
        "    statut: refuse\n"
        "    montant_demande: 100000\n"
        "    montant_attribue: 120000\n"
        "    montant_verse: 130000\n",
    )
    codes = _codes(positive, "--date-rapport", "2025-06-30")
    # Lignes 20 à 25 : financeur, montant, statut, demandé, attribué (24), versé (25).
    assert (F1, 25, "SUI006") in codes  # versé > attribué, à la ligne de montant_verse
    assert (F1, 24, "SUI007") in codes  # attribué > demandé
    assert (F1, 24, "SUI008") in codes and (F1, 25, "SUI008") in codes  # argent sur un refus
    result = run("validate", "--data", str(positive), "--date-rapport", "2025-06-30")
    assert result.exit_code == 1  # les règles d'argent sont des erreurs
