"""Chaque forme de date écrite dans l'avenant est comprise comme le bon intervalle."""

from __future__ import annotations

from datetime import date

import pytest

from acvkit.periods import EtatPeriode, parse_periode


@pytest.mark.parametrize(
    ("texte", "debut", "fin"),
    [
        ("2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("2027-2029", date(2027, 1, 1), date(2029, 12, 31)),
        ("2024 -2025", date(2024, 1, 1), date(2025, 12, 31)),
        ("Septembre 2022", date(2022, 9, 1), date(2022, 9, 30)),
        ("Février 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("Décembre 2023", date(2023, 12, 1), date(2023, 12, 31)),
        ("Eté 2023", date(2023, 6, 21), date(2023, 9, 22)),
        ("Été 2023", date(2023, 6, 21), date(2023, 9, 22)),
        ("Printemps 2024", date(2024, 3, 20), date(2024, 6, 20)),
        ("Hiver 2024", date(2024, 12, 21), date(2025, 3, 20)),
        ("T1 2025", date(2025, 1, 1), date(2025, 3, 31)),
        ("T4 2022", date(2022, 10, 1), date(2022, 12, 31)),
        ("T1-T2 2024", date(2024, 1, 1), date(2024, 6, 30)),
        ("T3-T4 2025", date(2025, 7, 1), date(2025, 12, 31)),
        ("S2 2024", date(2024, 7, 1), date(2024, 12, 31)),
        ("1er semestre 2025", date(2025, 1, 1), date(2025, 6, 30)),
        ("Début 2025", date(2025, 1, 1), date(2025, 4, 30)),
        ("Mi-2025", date(2025, 5, 1), date(2025, 8, 31)),
        ("Fin 2026", date(2026, 9, 1), date(2026, 12, 31)),
        ("Fin 2024", date(2024, 9, 1), date(2024, 12, 31)),
        ("2024-05-01", date(2024, 5, 1), date(2024, 5, 1)),
        ("01/05/2024", date(2024, 5, 1), date(2024, 5, 1)),
    ],
)
def test_forme_comprise(texte: str, debut: date, fin: date) -> None:
    periode = parse_periode(texte)
    assert periode.texte == texte
    assert (periode.debut, periode.fin, periode.etat) == (debut, fin, EtatPeriode.DATED)


@pytest.mark.parametrize("texte", ["A déterminer", "À déterminer", "A définir", "a determiner"])
def test_a_determiner(texte: str) -> None:
    periode = parse_periode(texte)
    assert (periode.etat, periode.debut, periode.fin, periode.texte) == (
        EtatPeriode.A_DETERMINER,
        None,
        None,
        texte,
    )


@pytest.mark.parametrize(
    "texte", ["courant 2025", "2O25", "T5 2024", "2026-2024", "31/02/2024", ""]
)
def test_forme_incomprise_gardee(texte: str) -> None:
    periode = parse_periode(texte)
    assert periode.etat is EtatPeriode.UNRECOGNIZED
    assert periode.texte == texte
    assert periode.debut is None
