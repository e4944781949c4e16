"""Chaque nature de financement comptée pour ce qu'elle est (glossaire des mots de l'argent).

Les totaux du second territoire fictif (tests/fixtures/convention-2018, tout en HT), calculés à la
main fiche par fiche et écrits ici :

| FA | coût chiffré | partenaires | privés | prêts | autofinancement | reste à charge |
|----|-------------:|------------:|-------:|------:|----------------:|---------------:|
| 1  |       60 000 |      30 000 |        |       |          30 000 |         30 000 |
| 2  |    1 200 000 |   1 000 000 (600 000 ANAH + 25 % × 1 200 000 = 300 000 État et Région + 100 000) | | | 200 000 | 200 000 |
| 3  |    4 500 000 |     300 000 |        | 1 500 000 | 2 700 000 (fonds propres de l'opérateur, maître d'ouvrage) | 4 200 000 |
| 4  |    3 000 000 |     950 000 | 400 000 |  450 000 |       1 200 000 |      1 650 000 |
| 5  | à déterminer | | | | | non déterminable |
| 6  | non renseigné (aucune clé `cout`) | CCVC et BDT sans montant | | | | non déterminable |
| 7  | 780 000 (partiel : un poste à définir) | 780 000 | | | | non déterminable |
| 8  |    1 850 000 |   1 100 000 |        |       |         750 000 |        750 000 |
| 9  |      250 000 |     175 000 |        |       |          75 000 |         75 000 |

Ville de Sainte-Aurèle (FA 1, 3, 4, 5, 6, 9) et CCVC (FA 2, 7, 8).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, edit, run

TERRITOIRE = FIXTURES / "convention-2018"

HT = "HT"
MESURES = (
    "cout",
    "financements_partenaires",
    "investissements_prives",
    "prets",
    "autofinancement",
    "reste_a_charge",
)
# (coût, partenaires, privés, prêts, autofinancement, reste à charge), en HT.
EXPECTED_COLLECTIVITE = {
    "sainte-aurele": (7_810_000, 1_455_000, 400_000, 1_950_000, 4_005_000, 5_955_000),
    "ccvc": (3_830_000, 2_880_000, 0, 0, 950_000, 950_000),
}
EXPECTED_TOTAL = (11_640_000, 4_335_000, 400_000, 1_950_000, 4_955_000, 6_905_000)
# (partenaires, privés, prêts, autofinancement) de chaque financeur, en HT.
EXPECTED_FINANCEUR = {
    "action-logement": (0, 0, 1_500_000, 0),
    "anah": (675_000, 0, 0, 0),
    "banque-des-territoires": (130_000, 0, 450_000, 0),
    "ccvc": (580_000, 0, 0, 950_000),
    "cine-vanne": (0, 400_000, 0, 0),
    "cnc": (350_000, 0, 0, 0),
    "departement": (450_000, 0, 0, 0),
    "etat": (550_000, 0, 0, 0),
    "etat+region": (300_000, 0, 0, 0),  # conjointement : au total d'aucun des deux seul
    "fonciere-des-collines": (0, 0, 0, 2_700_000),
    "region": (900_000, 0, 0, 0),
    "sainte-aurele": (400_000, 0, 0, 1_305_000),
}


def _costs(folder: Path, *args: str) -> dict[str, Any]:
    result = run("couts", "--data", str(folder), "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _ht(groupe: dict[str, Any], mesures: tuple[str, ...]) -> tuple[Decimal, ...]:
    for mesure in mesures:
        # Tout est HT dans ce territoire : aucune autre base n'a de montant.
        assert groupe[mesure]["TTC"] == groupe[mesure]["non_precise"] == "0.00", mesure
    return tuple(Decimal(groupe[m][HT]) for m in mesures)


def test_totaux_par_collectivite_et_par_nature() -> None:
    document = _costs(TERRITOIRE, "--by", "collectivite")
    groupes = {g["cle"][0]: g for g in document["groupes"]}
    assert set(groupes) == set(EXPECTED_COLLECTIVITE)
    for collectivite, expected in EXPECTED_COLLECTIVITE.items():
        assert _ht(groupes[collectivite], MESURES) == tuple(map(Decimal, expected)), collectivite
    total = document["total"]
    assert _ht(total, MESURES) == tuple(map(Decimal, EXPECTED_TOTAL))
    # Le reste à charge : coût chiffré − partenaires − privés, sur les fiches où il est connu ;
    # prêts et autofinancement y restent (le maître d'ouvrage les paie).
    assert {e["fiche"]: e["raison"] for e in total["reste_a_charge_non_determinable"]} == {
        5: "coût à déterminer",
        6: "coût non renseigné",
        7: "coût partiel",
    }
    assert total["fiches_cout_non_renseigne"] == [6]
    assert total["fiches_cout_a_determiner"] == [5]
    assert total["fiches_cout_partiel"] == [7]


def test_totaux_par_financeur_et_par_nature() -> None:
    document = _costs(TERRITOIRE, "--by", "financeur")
    groupes = {g["cle"][0]: g for g in document["groupes"] if g["cle"] != ["aucun"]}
    mesures = MESURES[1:5]
    assert {k: _ht(g, mesures) for k, g in groupes.items()} == {
        k: tuple(Decimal(v) for v in expected) for k, expected in EXPECTED_FINANCEUR.items()
    }
    assert groupes["etat+region"]["libelle"] == ["État et Région (conjointement)"]
    # Un prêt n'est jamais ajouté à une subvention : la somme par nature redonne le total.
    for i, mesure in enumerate(mesures):
        total_sum = sum((Decimal(v[i]) for v in EXPECTED_FINANCEUR.values()), Decimal(0))
        assert total_sum == Decimal(EXPECTED_TOTAL[i + 1]), mesure


def test_un_pret_n_abaisse_pas_le_reste_a_charge(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    import shutil

    shutil.copytree(TERRITOIRE, folder)
    fiche = folder / "fiches/sainte-aurele/fa-4-cinema.yaml"
    before = _costs(folder)["total"]
    # Le même prêt écrit comme une subvention abaisserait le reste à charge de 450 000 € :
    # la nature seule en décide.
    edit(fiche, "nature: pret, montant: 450000", "montant: 450000")
    after = _costs(folder)["total"]
    assert Decimal(before["reste_a_charge"][HT]) - Decimal(after["reste_a_charge"][HT]) == 450_000
    assert Decimal(after["prets"][HT]) == Decimal(before["prets"][HT]) - 450_000


@pytest.mark.parametrize(
    ("taux", "montant", "reste"),
    [
        ("25", "300000.00", "200000.00"),  # 25 % de 1 200 000 : exact
        ("12.5", "150000.00", "350000.00"),  # 12,5 % : exact au centime
        ("33.3333", None, None),  # 33,3333 % de 1 234 567,89 = 411 522,218… : pas au centime
    ],
)
def test_un_taux_devient_un_montant_seulement_quand_c_est_exact(
    tmp_path: Path, taux: str, montant: str | None, reste: str | None
) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(TERRITOIRE, folder)
    fiche = folder / "fiches/ccvc/fa-2-opah-ru.yaml"
    if montant is None:
        # Un taux qui ne tombe pas juste au centime : 1 234 567,89 × 33,3333 %.
        edit(fiche, "  total: 1200000", "  total: 1234567.89")
        edit(fiche, "montant: 350000}", "montant: 384567.89}")
    edit(fiche, "taux: 25,", f"taux: {taux},")
    groupe = _costs(folder, "--by", "financeur")
    joint = next(g for g in groupe["groupes"] if g["cle"] == ["etat+region"])
    total = _costs(folder)["total"]
    if montant is None:
        assert joint["financeurs_sans_montant"] == [{"fiche": 2, "financeur": "etat+region"}]
        reasons = {e["fiche"]: e["raison"] for e in total["reste_a_charge_non_determinable"]}
        assert "sans montant" in reasons[2]
    else:
        assert joint["financements_partenaires"][HT] == montant
        fiche_2 = _costs(folder, "--by", "collectivite")["groupes"]
        assert reste is not None and any(
            g["cle"] == ["ccvc"] for g in fiche_2
        )  # le reste de la FA 2 entre dans celui de la CCVC
        show = run("show", "2", "--data", str(folder)).stdout
        # Le cadre du terminal retiré : « │ » en bord de ligne, espaces repliées.
        texte = " ".join(
            show.replace("│", " ").replace("\u202f", " ").replace("\u00a0", " ").split()
        )
        assert f"{taux.replace('.', ',')} % du coût, soit" in texte
        assert f"Reste à charge {Decimal(reste):,.0f}".replace(",", " ") + " € HT" in texte


def test_taux_refuse_hors_de_0_a_100(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(TERRITOIRE, folder)
    edit(folder / "fiches/ccvc/fa-2-opah-ru.yaml", "taux: 25,", "taux: 125,")
    result = run("validate", "--data", str(folder))
    assert result.exit_code == 1
    assert "taux hors de 0 à 100" in result.stdout and "fa-2-opah-ru.yaml:" in result.stdout


def test_chaque_nature_dite_dans_la_maquette_et_le_tableur(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "out"
    assert run("build", "--data", str(TERRITOIRE), "--out", str(out)).exit_code == 0
    markdown = (out / "md/maquette-financiere.md").read_text(encoding="utf-8")
    texte = " ".join(markdown.replace("\u202f", " ").replace("\u00a0", " ").split())
    assert "450 000 € HT (prêt)" in texte
    assert "400 000 € HT (investissement privé)" in texte
    assert "25 % du coût, soit 300 000 € HT" in texte
    assert "État et Région (conjointement)" in texte
    assert "Prêts et avances remboursables : de l'argent prêté" in texte
    workbook = openpyxl.load_workbook(next((out / "anct").glob("*.xlsx")))
    rows = [list(r) for r in workbook["Synthèse"].iter_rows(values_only=True)]
    totals = {li[0]: li[3] for li in rows if str(li[0]).startswith("Total – ")}
    assert {k: Decimal(str(v)) for k, v in totals.items()} == {
        "Total – financements des partenaires": Decimal(EXPECTED_TOTAL[1]),
        "Total – investissements privés": Decimal(EXPECTED_TOTAL[2]),
        "Total – prêts et avances remboursables": Decimal(EXPECTED_TOTAL[3]),
        "Total – autofinancement": Decimal(EXPECTED_TOTAL[4]),
    }


def test_fmt_range_nature_taux_et_cofinanceurs(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(TERRITOIRE, folder)
    fiche = folder / "fiches/ccvc/fa-2-opah-ru.yaml"
    edit(
        fiche,
        "{financeur: etat, cofinanceurs: [region], taux: 25, note:",
        "{taux: 25, cofinanceurs: [region], financeur: etat, note:",
    )
    edit(fiche, "{financeur: ccvc, montant: 200000", "{montant: 200000, financeur: ccvc")
    assert run("fmt", "--data", str(folder)).exit_code == 0
    texte = fiche.read_text(encoding="utf-8")
    assert "{financeur: etat, cofinanceurs: [region], taux: 25, note:" in texte
    assert "{financeur: ccvc, montant: 200000, base: HT}" in texte
