"""acv costs, list et show : les chiffres de l'avenant, exacts au centime, et des propriétés d'agrégation."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from acvkit.costs.aggregate import DIMENSIONS, SPLITTING, Montants, Referentiel, aggregate
from acvkit.costs.fiche import ZERO
from acvkit.models import Fiche
from tests.conftest import AVENANT, run


def _costs(*args: str) -> dict[str, Any]:
    result = run("couts", "--data", str(AVENANT), "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _groupe(document: dict[str, Any], key: str) -> dict[str, Any]:
    return next(g for g in document["groupes"] if g["cle"] == [key])


def test_cout_connu_de_bruay() -> None:
    bruay = _groupe(_costs("--by", "collectivite"), "bruay-la-buissiere")
    cout = {k: Decimal(v) for k, v in bruay["cout"].items()}
    assert sum(cout.values()) == Decimal("2325187")
    assert cout == {"HT": 0, "TTC": Decimal("2063686"), "non_precise": Decimal("261501")}
    assert bruay["fiches"] == [51, 52, 53, 54, 55, 56]
    assert bruay["fiches_cout_a_determiner"] == [51, 53]
    assert bruay["fiches_cout_partiel"] == [52]
    assert bruay["cout"]["TTC"] == "2063686.00"


def test_financements_de_la_cabbalr() -> None:
    cabbalr = _groupe(_costs("--by", "financeur"), "cabbalr")
    assert sum(Decimal(v) for v in cabbalr["financements_partenaires"].values()) == Decimal(
        "551451.61"
    )
    with_montant = [
        n
        for n in cabbalr["fiches"]
        if n not in {f["fiche"] for f in cabbalr["financeurs_sans_montant"]}
    ]
    assert with_montant == [54, 55, 56]
    assert cabbalr["financeurs_sans_montant"] == [{"fiche": 1, "financeur": "cabbalr"}]


def test_postes_de_la_fa_62() -> None:
    sous_axe = _groupe(_costs("--by", "sous-axe"), "4.2")
    assert 62 in sous_axe["fiches"]
    show = run("show", "62", "--data", str(AVENANT))
    assert "970 000 €" in show.stdout.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Place Joffre : 300 000 €" in show.stdout.replace("\u202f", " ").replace("\u00a0", " ")


def test_ht_et_ttc_jamais_additionnes() -> None:
    total = _costs("--by", "axe")["total"]
    assert total["cout"] == {"HT": "9535500.00", "TTC": "2085686.00", "non_precise": "5715268.00"}
    table = run("couts", "--data", str(AVENANT), "--by", "collectivite")
    texte = " ".join(table.stdout.split())
    assert "Une ligne par base" in texte and "jamais additionnés" in texte


def test_annee_sans_echeancier_placee_a_la_livraison() -> None:
    annees = _costs("--by", "annee")
    groupe = _groupe(annees, "2027-2029")
    assert groupe["fiches"] == [62]
    assert groupe["notes"] == ["coût non réparti par année : placé à la livraison"]


def test_echeancier_reparti(positive: Path) -> None:
    fiche = positive / "fiches/bethune/fa-1-places.yaml"
    fiche.write_text(
        fiche.read_text(encoding="utf-8") + "echeancier:\n  - {annee: 2025, montant: 200000}\n"
        "  - {annee: 2026, montant: 300000}\n",
        encoding="utf-8",
    )
    result = run("couts", "--data", str(positive), "--by", "annee", "--format", "json")
    groupes = {g["cle"][0]: g["cout"]["HT"] for g in json.loads(result.stdout)["groupes"]}
    # 550 000,50 € : 200 000 en 2025, 300 000 en 2026, le reste (50 000,50) à la livraison (Fin 2026).
    assert groupes == {"2025": "200000.00", "2026": "350000.50"}


def test_croisement_et_csv() -> None:
    result = run(
        "couts", "--data", str(AVENANT), "--by", "axe", "--by", "collectivite", "--format", "csv"
    )
    lines = result.stdout.splitlines()
    # En-têtes accentués ; une ligne par base, jamais une somme de HT, TTC et non précisé.
    assert lines[0].startswith("Axe;Collectivité;Fiches;Base;Coût chiffré;")
    assert "Coût (base ?)" not in result.stdout
    bruay = [
        line
        for line in lines
        if line.startswith("Axe 4 – ") and ";Ville de Bruay-La-Buissière;" in line
    ]
    assert len(bruay) == 2
    assert ";Ville de Bruay-La-Buissière;4;TTC;2063686,00;" in bruay[0]
    assert ";Ville de Bruay-La-Buissière;;base non précisée;261501,00;" in bruay[1]
    totals = [line for line in lines if line.startswith("Total;")]
    assert [t.split(";")[2:5] for t in totals] == [
        ["22", "HT", "9535500,00"],
        ["", "TTC", "2085686,00"],
        ["", "base non précisée", "5715268,00"],
    ]


def test_croisement_impossible() -> None:
    result = run("couts", "--data", str(AVENANT), "--by", "annee", "--by", "financeur")
    assert result.exit_code == 2 and "une seule dimension" in result.stderr


def test_refuse_des_donnees_en_erreur(positive: Path) -> None:
    fiche = positive / "fiches/bethune/fa-1-places.yaml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace('"4.2"', '"4.9"'), encoding="utf-8")
    result = run("couts", "--data", str(positive))
    assert result.exit_code == 1 and "INT003" in result.stderr


def test_list_filtres() -> None:
    result = run("list", "--data", str(AVENANT), "--collectivite", "cabbalr", "--axe", "3")
    assert "4 fiche(s) action" in result.stdout
    assert (
        run("list", "--data", str(AVENANT), "--type", "etude", "--axe", "4.2").stdout.count("Étude")
        == 3
    )


def test_show_avec_diagnostics() -> None:
    result = run("show", "60", "--data", str(AVENANT))
    assert "CON002" in result.stdout and "FA 59" in result.stdout
    assert run("show", "99", "--data", str(AVENANT)).exit_code == 2


# --- Propriétés : aucune somme perdue ni comptée deux fois -------------------------------------

CENTIMES = st.integers(min_value=0, max_value=10**9).map(lambda c: Decimal(c) / 100)
BASES = st.sampled_from([None, "HT", "TTC"])


@st.composite
def fiches(draw: st.DrawFn) -> list[Fiche]:
    out = []
    for numero in range(1, draw(st.integers(min_value=1, max_value=12)) + 1):
        postes = draw(st.lists(st.one_of(st.none(), CENTIMES), max_size=3))
        cout: dict[str, Any] | None
        mode = draw(st.sampled_from(["total", "postes", "aucun"]))
        if mode == "total":
            cout = {"base": draw(BASES), "total": draw(CENTIMES)}
        elif mode == "postes":
            cout = {
                "base": draw(BASES),
                "postes": [{"libelle": f"p{i}", "montant": m} for i, m in enumerate(postes)],
            }
        else:
            cout = None
        financements = [
            {"financeur": f, "montant": draw(st.one_of(st.none(), CENTIMES))}
            for f in draw(
                st.lists(
                    st.sampled_from(["cabbalr", "ademe", "region-hdf"]), unique=True, max_size=3
                )
            )
        ]
        echeancier = [
            {"annee": a, "montant": draw(CENTIMES)}
            for a in draw(
                st.lists(st.integers(min_value=2022, max_value=2029), unique=True, max_size=2)
            )
        ]
        out.append(
            Fiche.model_validate(
                {
                    "numero": numero,
                    "titre": f"F{numero}",
                    "type": draw(st.sampled_from(["etude", "action"])),
                    "collectivite": draw(
                        st.sampled_from(["bethune", "bruay-la-buissiere", "cabbalr"])
                    ),
                    "sous_axe": draw(st.sampled_from(["1.2", "2.2", "3.4", "4.2"])),
                    "maitre_ouvrage": draw(st.sampled_from(["bethune", "cabbalr"])),
                    "cout": cout,
                    "financements": financements or None,
                    "echeancier": echeancier or None,
                    "livraison": draw(
                        st.sampled_from([None, "2024", "Fin 2026", "2027-2029", "A déterminer"])
                    ),
                }
            )
        )
    return out


REF = Referentiel(axes={}, sous_axes={}, names={})


def _total(montants: list[Montants]) -> Montants:
    total = Montants()
    for m in montants:
        for base, valeur in m.by_base().items():
            total.add(base, valeur)
    return total


@settings(max_examples=150, deadline=None)
@given(fiches(), st.sampled_from([d for d in DIMENSIONS if d != "financeur"]))
def test_les_groupes_font_le_total(lot: list[Fiche], dimension: str) -> None:
    agregat = aggregate(lot, (dimension,), REF)
    assert _total([g.cout for g in agregat.groupes]) == agregat.total.cout
    assert _total([g.finance for g in agregat.groupes]) == agregat.total.finance
    assert _total([g.reste_a_charge for g in agregat.groupes]) == agregat.total.reste_a_charge
    seen = sorted(n for g in agregat.groupes for n in g.fiches)
    if dimension not in SPLITTING:
        assert seen == sorted(f.numero for f in lot)  # chaque fiche dans un seul groupe
    assert set(seen) == {f.numero for f in lot}


@settings(max_examples=150, deadline=None)
@given(fiches())
def test_financeurs_ni_perdus_ni_doubles(lot: list[Fiche]) -> None:
    agregat = aggregate(lot, ("financeur",), REF)
    assert _total([g.finance for g in agregat.groupes]) == agregat.total.finance
    named = sum(len(f.financements or []) for f in lot)
    assert sum(len(g.fiches) for g in agregat.groupes if g.key != ("aucun",)) == named


@settings(max_examples=100, deadline=None)
@given(
    fiches(),
    st.sampled_from([d for d in DIMENSIONS if d not in SPLITTING]),
    st.sampled_from(DIMENSIONS),
)
def test_tableau_croise_fait_le_total(lot: list[Fiche], first: str, second: str) -> None:
    agregat = aggregate(lot, (first, second), REF)
    if second != "financeur":
        assert _total([g.cout for g in agregat.groupes]) == agregat.total.cout
    assert _total([g.finance for g in agregat.groupes]) == agregat.total.finance
    assert agregat.total.cout.all_bases() >= ZERO
