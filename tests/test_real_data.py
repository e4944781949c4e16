"""Les données de l'avenant n°2 de Béthune / Bruay-La-Buissière.

Les données vivantes (data/) ne sont vérifiées que par leurs invariants (aucune erreur, totaux
égaux à la somme des fiches) : les corriger ne casse aucun test. Ce qu'elles disent aujourd'hui
(numéros, montants, défauts trouvés) est vérifié sur leur copie figée, tests/fixtures/avenant/.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from acvkit.config import Config
from acvkit.costs.fiche import cout_fiche
from acvkit.linting.engine import LintReport, lint
from tests.conftest import AVENANT, DATA, edit, flat, run


@pytest.fixture(scope="module")
def report() -> LintReport:
    return lint(AVENANT, Config())


def test_donnees_vivantes_lisibles_et_coherentes() -> None:
    live = lint(DATA, Config())
    assert live.errors == []
    fiches = [e.model for e in live.dataset.fiches]
    assert fiches and len({f.numero for f in fiches}) == len(fiches)
    codes = set(live.dataset.sous_axes())
    assert all(f.sous_axe in codes for f in fiches)
    assert live.dataset.programme is not None


@pytest.mark.parametrize("by", ["axe", "collectivite", "type"])
def test_totaux_vivants_egaux_a_la_somme_des_fiches(by: str) -> None:
    document = json.loads(run("couts", "--data", str(DATA), "--by", by, "--format", "json").stdout)
    total = document["total"]
    fiches = [e.model for e in lint(DATA, Config()).dataset.fiches]
    assert sum(g["nombre_fiches"] for g in document["groupes"]) == total["nombre_fiches"]
    assert total["nombre_fiches"] == len(fiches)
    for base in ("HT", "TTC", "non_precise"):
        groupes = sum(Decimal(g["cout"][base]) for g in document["groupes"])
        one_by_one = sum(
            (c.montant for c in map(cout_fiche, fiches) if c.base.value == base), Decimal(0)
        )
        assert groupes == Decimal(total["cout"][base]) == one_by_one, base


def test_vingt_deux_fiches_numerotees_comme_l_article_7_1(report: LintReport) -> None:
    numeros = sorted(e.model.numero for e in report.dataset.fiches)
    assert numeros == [
        1,
        41,
        42,
        43,
        44,
        45,
        48,
        51,
        52,
        53,
        54,
        55,
        56,
        57,
        58,
        59,
        60,
        61,
        62,
        63,
        64,
        65,
    ]


def test_vingt_trois_indicateurs(report: LintReport) -> None:
    assert len(report.dataset.indicateurs) == 23
    by_axe = sorted({e.model.axe for e in report.dataset.indicateurs})
    assert by_axe == ["1", "2", "3", "4", "5", "transversal"]


def test_sous_axes_de_l_article_7_1(report: LintReport) -> None:
    codes = set(report.dataset.sous_axes())
    assert codes == {
        "1.2",
        "1.6",
        "2.2",
        "2.4",
        "2.5",
        "2.6",
        "3.1",
        "3.3",
        "3.4",
        "3.6",
        "4.1",
        "4.2",
        "4.3",
        "4.4",
        "5.2",
    }
    assert all(e.model.sous_axe in codes for e in report.dataset.fiches)


def test_classement_de_l_article_7_1(report: LintReport) -> None:
    sous_axe = {e.model.numero: e.model.sous_axe for e in report.dataset.fiches}
    assert sous_axe[62] == "4.2"  # la fiche dit 2.4, l'article 7.1 fait foi
    assert sous_axe[44] == "5.2"
    assert sous_axe[64] == "2.5"
    assert sous_axe[52] == "4.1"


def test_montants_de_la_source(report: LintReport) -> None:
    fiches = {e.model.numero: e.model for e in report.dataset.fiches}
    cout_54, financements_56, cout_62 = fiches[54].cout, fiches[56].financements, fiches[62].cout
    assert cout_54 is not None and cout_54.base is not None
    assert financements_56 is not None and cout_62 is not None and cout_62.postes is not None
    assert cout_54.total == Decimal("1712934")
    assert cout_54.base.value == "TTC"
    assert financements_56[0].montant == Decimal("100625.61")
    assert [p.montant for p in cout_62.postes] == [250000, 240000, 180000, 300000]


def test_programme(report: LintReport) -> None:
    assert report.dataset.programme is not None
    programme = report.dataset.programme.model
    assert (programme.avenant, programme.id_anct) == (2, "ACV031")
    assert (programme.debut.isoformat(), programme.fin.isoformat()) == ("2024-01-01", "2026-12-31")
    assert programme.territoire.epci.siren == "200072460"
    assert [c.insee for c in programme.territoire.communes] == ["62119", "62178"]


def test_titre_plan_differe_du_titre() -> None:
    """Un titre_plan égal au titre est du bruit ; il diffère, même d'un tiret (docs/format.md)."""
    fiches = [e.model for e in lint(DATA, Config()).dataset.fiches]
    titres = {f.numero: (f.titre, f.titre_plan) for f in fiches if f.titre_plan is not None}
    assert titres  # l'article 7.1 nomme autrement plusieurs fiches
    for numero, (titre, titre_plan) in titres.items():
        assert titre_plan.strip() == titre_plan != "", numero
        assert titre_plan != titre, numero


def test_validate_sort_sans_erreur() -> None:
    result = run("validate", "--data", str(DATA))
    assert result.exit_code == 0, result.stdout
    assert "0 erreur" in result.stdout


def _added(before: list[list[object]], after: list[list[object]]) -> list[list[object]]:
    return [d for d in after if d not in before]


FA62 = "fiches/bethune/fa-62-places-hypercentre.yaml"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('sous_axe: "4.2"', 'sous_axe: "4.9"', [FA62, 9, 11, "INT003", "error"]),
        (
            "collectivite: bethune\n",
            "collectivite: bethune\nresume: x\n",
            [FA62, 7, 1, "SCH001", "error"],
        ),
        ("montant: 250000}", "montant: douze}", [FA62, 32, 44, "SCH004", "error"]),
        ("type: etude\n", "type: etude\ntype: action\n", [FA62, 8, 1, "YML002", "error"]),
    ],
)
def test_une_faute_un_diagnostic(
    real_data: Path, old: str, new: str, expected: list[object]
) -> None:
    fields = ("path", "line", "column", "code", "severity")
    before = flat(real_data, *fields)
    edit(real_data / FA62, old, new)
    result = run("validate", "--data", str(real_data))
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout
    after = flat(real_data, *fields)
    assert _added(before, after) == [expected]
    assert [d for d in after if d[4] == "error"] == [expected]


def test_le_linter_trouve_les_defauts_de_l_avenant() -> None:
    # Chaque avertissement est un vrai défaut de l'avenant n°2, trouvé sans qu'on dise où chercher.
    b, r, c = "fiches/bethune/", "fiches/bruay-la-buissiere/", "fiches/cabbalr/"
    assert flat(AVENANT, "path", "line", "code") == [
        [b + "fa-41-amo-plan-mobilite-durable.yaml", 29, "CAL002"],  # livrée Eté 2023
        [b + "fa-42-etude-friche-olympie-jean-monnet.yaml", 26, "CAL002"],  # Octobre 2023
        [b + "fa-45-mise-en-lumiere-beffroi.yaml", 6, "CON004"],  # action sans indicateur
        [b + "fa-48-galerie-des-treilles.yaml", 45, "CAL002"],  # phases finies en décembre 2023
        [b + "fa-62-places-hypercentre.yaml", 39, "CAL003"],  # 2027-2029
        [r + "fa-56-rue-hermant.yaml", 6, "CON004"],
        [c + "fa-1-opah-ru.yaml", 39, "CAL003"],  # T3 2027
        [c + "fa-58-avelo-2.yaml", 4, "CON001"],  # objectifs laissés vides
        [c + "fa-58-avelo-2.yaml", 8, "CON005"],  # puce Wingdings copiée du PDF
        [
            c + "fa-59-parking-relais-ter-sud.yaml",
            31,
            "CAL003",
        ],  # aménagements définitifs 2027-2028
        [c + "fa-60-eurovelo-5.yaml", 25, "CON002"],  # objectifs recopiés de FA 59
        ["programme.yaml", 53, "CON003"],  # ANAH représentée par XXXXXXX
        ["programme.yaml", 62, "CON003"],  # ANRU représentée par XXXXXXX
        ["programme.yaml", 68, "CON003"],  # « A Béthune, le XXX »
    ]
    assert {d[0] for d in flat(AVENANT, "severity")} == {"warning"}
