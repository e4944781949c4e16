"""`acv indicateurs` sur l'exemple chiffré : verdicts, trajectoires calculées à la main, contrat JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from acvkit.indicateurs import evaluate, expected
from acvkit.indicateurs.outputs import neutralize, safe, to_csv
from acvkit.models import Indicateur
from tests.conftest import DATA, run
from tests.indicateurs_sample import EPOCH_2025, EXAMPLE, valued_folder


@pytest.fixture
def suivi(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025)
    return valued_folder(tmp_path)


@pytest.fixture
def rapport(suivi: Path) -> dict[str, Any]:
    result = run("indicateurs", "--data", str(suivi), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _by_id(rapport: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in rapport["indicateurs"]}


def test_exemple_valide_sans_diagnostic_d_indicateur(suivi: Path) -> None:
    result = run("validate", "--data", str(suivi), "--format", "json")
    codes = {r["code"] for r in json.loads(result.stdout)}
    assert not {c for c in codes if c.startswith("IND")}


def test_chaque_fichier_de_l_exemple_dit_exemple_fictif() -> None:
    files = sorted(EXAMPLE.glob("*.yaml"))
    assert {f.name for f in files} == {f.name for f in (DATA / "indicateurs").glob("*.yaml")}
    for file in files:
        head = [
            line for line in file.read_text(encoding="utf-8").splitlines() if line.startswith("#")
        ]
        assert any("exemple fictif" in line for line in head), file


def test_chaque_verdict(rapport: dict[str, Any]) -> None:
    verdicts = {k: v["verdict"] for k, v in _by_id(rapport).items()}
    # 3-04 : 51,0 km en 2025 pour 54,17 attendus, tolérance 0,875 : en retard.
    assert verdicts["ind-3-04"] == "en retard"
    # 1-01 (baisse) : 1 090 logements pour 1 103,33 attendus, 13,33 d'avance > 8 : en avance.
    assert verdicts["ind-1-01"] == "en avance"
    # 1-06 : 7,0 % en 2024, exactement la trajectoire (7,4 − 1,2 / 3).
    assert verdicts["ind-1-06"] == "dans la trajectoire"
    # 3-01 : 1 342 500 pour 1 350 000 attendus, écart −7 500 = −tolérance : encore dedans (≤).
    assert verdicts["ind-3-01"] == "dans la trajectoire"
    assert verdicts["ind-t-04"] == "pas de valeur"
    assert verdicts["ind-1-04"] == "non évaluable"  # ni référence ni cible
    assert verdicts["ind-t-03"] == "non évaluable"  # référence sans cible


def test_trajectoire_calculee_a_la_main(rapport: dict[str, Any]) -> None:
    ind = _by_id(rapport)["ind-3-04"]
    # 42,5 → 60 en trois ans : 17,5 / 3 = 5,8333… par an.
    assert ind["trajectoire"] == [
        {"annee": 2023, "valeur": "42.5"},
        {"annee": 2024, "valeur": "48.33"},
        {"annee": 2025, "valeur": "54.17"},
        {"annee": 2026, "valeur": "60"},
    ]
    series = ind["series"][0]
    assert series["attendu"] == "54.17"
    assert series["ecart"] == "-3.17"  # 51,0 − 54,1666…
    assert series["avancement"] == "48.6"  # 8,5 / 17,5 = 48,57 %
    assert ind["tolerance"] == "0.88"  # 5 % de 17,5 = 0,875, au centième (vers le pair)
    baisse = _by_id(rapport)["ind-1-01"]
    assert [p["valeur"] for p in baisse["trajectoire"]] == ["1210", "1156.67", "1103.33", "1050"]
    assert baisse["series"][0]["ecart"] == "13.33"  # (1 090 − 1 103,33) × −1


def test_trajectoire_exacte_et_tolerance_au_bord() -> None:
    indicateur = Indicateur.model_validate(
        {
            "id": "ind-3-01",
            "axe": "3",
            "critere": "c",
            "intitule": "i",
            "unite": "voyages",
            "reference": {"annee": 2023, "valeur": Decimal(100)},
            "cibles": [
                {"annee": 2025, "valeur": Decimal(200)},
                {"annee": 2027, "valeur": Decimal(100)},
            ],
            "sens": "hausse",
            "valeurs": [{"annee": 2026, "valeur": Decimal("145")}],
        }
    )
    # Ligne brisée : 100 → 200 (2023-2025) puis 200 → 100 (2025-2027).
    assert [expected(indicateur, a) for a in (2022, 2024, 2025, 2026, 2030)] == [
        Decimal(100),
        Decimal(150),
        Decimal(200),
        Decimal(150),
        Decimal(100),
    ]
    evaluation = evaluate(indicateur)
    # Chemin référence → cible finale nul : tolérance 0, 145 < 150 : en retard, sans avancement.
    assert evaluation.tolerance == 0
    assert evaluation.series[0].verdict.value == "en retard"
    assert evaluation.series[0].avancement is None


def test_contrat_json(rapport: dict[str, Any]) -> None:
    assert rapport["version"] == 1
    assert rapport["tolerance_relative"] == "0.05"
    assert [i["id"] for i in rapport["indicateurs"]] == sorted(
        i["id"] for i in rapport["indicateurs"]
    )
    keys = {
        "id",
        "axe",
        "intitule",
        "unite",
        "sens",
        "reference",
        "cible",
        "cibles",
        "trajectoire",
        "tolerance",
        "series",
        "verdict",
        "fiches",
    }
    series_keys = {
        "territoire",
        "perimetre",
        "derniere_valeur",
        "valeurs",
        "attendu",
        "ecart",
        "avancement",
        "verdict",
    }
    for ind in rapport["indicateurs"]:
        assert set(ind) == keys
        assert ind["verdict"] in {
            "en avance",
            "dans la trajectoire",
            "en retard",
            "pas de valeur",
            "non évaluable",
        }
        for series in ind["series"]:
            assert set(series) == series_keys
            for valeur in series["valeurs"]:
                assert isinstance(valeur["valeur"], str)  # texte exact, jamais un flottant
                Decimal(valeur["valeur"])
    multi = _by_id(rapport)["ind-1-04"]
    assert [(s["territoire"], s["perimetre"]) for s in multi["series"]] == [
        ("bethune", "commune"),
        ("cabbalr", "epci"),
    ]
    assert multi["series"][1]["derniere_valeur"]["valeur"] == "455"


def test_formats_texte_md_csv(suivi: Path) -> None:
    texte = run("indicateurs", "--data", str(suivi)).stdout
    assert "ind-3-04 · Evolution du nombre de kilomètres de voies cyclables (km, hausse)" in texte
    assert "51,0\u00a0km en 2025" in texte and "en retard" in texte
    md = run("indicateurs", "--data", str(suivi), "--format", "md").stdout
    assert md.startswith("# Indicateurs d'évaluation\n")
    assert "| ind-3-04 |" in md
    rows = list(
        csv.reader(
            io.StringIO(run("indicateurs", "--data", str(suivi), "--format", "csv").stdout),
            delimiter=";",
        )
    )
    line = next(r for r in rows if r[0] == "ind-3-04")
    assert line[8:17] == [
        "42,5",
        "2025",
        "51,0",
        "2026",
        "60",
        "54,17",
        "-3,17",
        "48,6",
        "en retard",
    ]


def test_donnees_reelles_pas_de_valeur() -> None:
    result = run("indicateurs", "--data", str(DATA), "--format", "json")
    assert result.exit_code == 0
    indicateurs = json.loads(result.stdout)["indicateurs"]
    assert len(indicateurs) == len(list((DATA / "indicateurs").glob("*.yaml")))
    assert {i["verdict"] for i in indicateurs} == {"pas de valeur"}


def test_echappements() -> None:
    assert safe("a\x1b[31mb\u202ec") == "a\\x1b[31mb\\u202ec"
    assert neutralize("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralize("+33") == "'+33"
    assert neutralize("@x") == "'@x"
    assert neutralize("-3,17") == "-3,17"  # un vrai nombre reste un nombre
    assert neutralize("-3,17x") == "'-3,17x"
    assert neutralize("\tx") == "'\tx"


def test_csv_neutralise_un_intitule_formule(suivi: Path) -> None:
    file = suivi / "indicateurs" / "ind-3-04.yaml"
    texte = (
        file.read_text(encoding="utf-8")
        .replace("intitule: Evolution du nombre", 'intitule: "=1+1 Evolution du nombre')
        .replace("voies cyclables\n", 'voies cyclables"\n', 1)
    )
    file.write_text(texte, encoding="utf-8")
    output = run("indicateurs", "--data", str(suivi), "--format", "csv").stdout
    assert ";'=1+1 Evolution" in output
    assert to_csv([]).count("\n") == 1


def _track_indicateurs(suivi: Path, fiche: str, *idents: str) -> None:
    path = next((suivi / "fiches").glob(f"*/{fiche}-*.yaml"))
    texte = path.read_text(encoding="utf-8")
    path.write_text(texte + f"indicateurs_evaluation: [{', '.join(idents)}]\n", encoding="utf-8")


def test_show_montre_les_valeurs_des_indicateurs(suivi: Path) -> None:
    _track_indicateurs(suivi, "fa-57", "ind-3-04", "ind-t-04")
    result = run("show", "57", "--data", str(suivi))
    assert result.exit_code == 0, result.stderr
    output = result.stdout
    assert "Indicateurs d'évaluation" in output
    assert "ind-3-04" in output and "référence 2023 : 42,5\u00a0km" in output
    assert "2025 (bethune, commune) : 51,0\u00a0km – provisoire" in output
    assert "verdict : en retard" in output and "verdict : pas de valeur" in output


def test_fiches_qui_suivent_l_indicateur(suivi: Path) -> None:
    _track_indicateurs(suivi, "fa-57", "ind-3-04")
    _track_indicateurs(suivi, "fa-41", "ind-3-04")
    rapport = json.loads(run("indicateurs", "--data", str(suivi), "--format", "json").stdout)
    assert _by_id(rapport)["ind-3-04"]["fiches"] == [41, 57]
    assert "suivi par FA 41, FA 57" in run("indicateurs", "--data", str(suivi)).stdout


def test_un_ecart_nul_n_a_pas_de_signe(suivi: Path) -> None:
    # Indicateur en baisse exactement sur sa trajectoire : écart 0 × −1, jamais « -0 ».
    target = suivi / "indicateurs" / "ind-1-01.yaml"
    lines = target.read_text(encoding="utf-8").split("\nreference:")[0]
    target.write_text(
        lines
        + "\nreference: {annee: 2023, valeur: 1200}\ncibles:\n  - {annee: 2026, valeur: 900}\n"
        + "valeurs:\n  - {annee: 2025, valeur: 1000, territoire: bethune, perimetre: commune}\n",
        encoding="utf-8",
    )
    gap = evaluate(Indicateur.model_validate(_yaml(target))).series[0].ecart
    assert gap is not None and gap.is_zero() and not gap.is_signed()
    for output_format in ("text", "json", "md", "csv"):
        result = run("indicateurs", "--data", str(suivi), "--format", output_format)
        assert result.exit_code == 0, result.stderr
        negative_zero = re.search(r"(?<![\w-])[-−]0(?:[.,]0+)?(?![.,]?[0-9])", result.stdout)
        assert negative_zero is None, output_format
    rapport = json.loads(run("indicateurs", "--data", str(suivi), "--format", "json").stdout)
    assert _by_id(rapport)["ind-1-01"]["series"][0]["ecart"] == "0"


def _yaml(path: Path) -> Any:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))
