"""Les modèles : chaque sorte de champ, montants exacts, clés inconnues refusées."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from acvkit.models import Axe, DetailedItem, Fiche, Indicateur, Partenaire
from acvkit.periods import EtatPeriode

MINIMAL: dict[str, Any] = {
    "numero": 62,
    "titre": "Places",
    "collectivite": "bethune",
    "type": "etude",
    "sous_axe": "4.2",
}


def fiche(**extra: Any) -> Fiche:
    return Fiche.model_validate({**MINIMAL, **extra})


def error_types(**extra: Any) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as info:
        fiche(**extra)
    return [(e["loc"], e["type"]) for e in info.value.errors()]


def test_fiche_minimale() -> None:
    f = fiche()
    assert (f.numero, f.axe, f.type.value, f.cout, f.financements) == (62, "4", "etude", None, None)


def test_montants_exacts_en_decimal() -> None:
    f = fiche(cout={"total": Decimal("100625.61"), "postes": [{"libelle": "a", "montant": 5}]})
    assert f.cout is not None and f.cout.postes is not None
    assert f.cout.total == Decimal("100625.61")
    assert isinstance(f.cout.postes[0].montant, Decimal)


@pytest.mark.parametrize(
    ("montant", "kind"),
    [
        ("douze", "montant_texte"),
        ("1 712 934 €", "montant_texte"),
        (True, "montant_type"),
        (Decimal("NaN"), "montant_fini"),
        (Decimal("Infinity"), "montant_fini"),
        (Decimal("-5"), "montant_negatif"),
        (Decimal("100625.613"), "montant_decimales"),
        (10**13, "montant_fini"),  # 10 000 milliards d'euros : une faute de frappe
    ],
)
def test_montant_refuse(montant: Any, kind: str) -> None:
    assert error_types(cout={"total": montant}) == [(("cout", "total"), kind)]


def test_plus_gros_montant_admis_exact_en_json() -> None:
    import json

    f = fiche(cout={"total": Decimal("9999999999999.99"), "base": "HT"})
    total = json.loads(f.model_dump_json())["cout"]["total"]
    assert Decimal(repr(total)) == Decimal("9999999999999.99")


def test_montant_deux_decimales_admis_meme_avec_zeros() -> None:
    cout = fiche(cout={"total": Decimal("10.500")}).cout
    assert cout is not None
    assert cout.total == Decimal("10.500")


def test_cle_inconnue_refusee() -> None:
    assert error_types(descripton="x") == [(("descripton",), "extra_forbidden")]


def test_numero_entier_strict() -> None:
    assert error_types(numero="62") == [(("numero",), "entier")]


def test_type_et_statut_fermes() -> None:
    assert [t for _, t in error_types(type="Etude")] == ["enum"]
    assert [t for _, t in error_types(statut="fini")] == ["enum"]


def test_periodes_gardees_et_comprises() -> None:
    f = fiche(
        lancement=2024, livraison="2027-2029", jalons=[{"libelle": "a", "lancement": "T3 2023"}]
    )
    assert f.lancement is not None and f.livraison is not None
    assert (f.lancement.texte, f.livraison.texte) == ("2024", "2027-2029")
    assert f.debut is not None and f.fin is not None
    assert (f.debut.isoformat(), f.fin.isoformat()) == ("2024-01-01", "2029-12-31")


def test_duree_deduite_des_jalons() -> None:
    f = fiche(
        jalons=[
            {"libelle": "a", "lancement": "2022", "livraison": "Mai 2023"},
            {"libelle": "b", "lancement": "Mai 2023", "livraison": "Décembre 2023"},
        ]
    )
    assert f.debut is not None and f.fin is not None
    assert (f.debut.isoformat(), f.fin.isoformat()) == ("2022-01-01", "2023-12-31")


def test_periode_a_determiner() -> None:
    f = fiche(lancement="A déterminer")
    assert f.lancement is not None and f.lancement.etat is EtatPeriode.A_DETERMINER
    assert f.debut is None


def test_item_simple_ou_detaille() -> None:
    f = fiche(indicateurs_resultat=["a", {"texte": "Immeuble livré :", "details": ["x", "y"]}])
    assert f.indicateurs_resultat == [
        "a",
        DetailedItem(texte="Immeuble livré :", details=["x", "y"]),
    ]


def test_base_ht_ttc() -> None:
    f = fiche(cout={"base": "TTC", "total": 1}, financements=[{"financeur": "x", "base": "HT"}])
    assert f.cout is not None and f.cout.base is not None and f.cout.base.value == "TTC"
    assert [t for _, t in error_types(cout={"base": "ht"})] == ["enum"]


def test_sous_axe_code() -> None:
    assert fiche(sous_axe="4.2").sous_axe == "4.2"
    # Un code écrit comme un nombre YAML (sans guillemets) est refusé, comme par le schéma.
    assert [t for _, t in error_types(sous_axe=Decimal("4.2"))] == ["code_nombre"]
    # L'axe seul (programme sans sous-axe) et l'axe transversal sont des classements.
    assert fiche(sous_axe="4").sous_axe == "4" and fiche(sous_axe="4").axe == "4"
    assert fiche(sous_axe="transversal").axe == "transversal"
    assert fiche(sous_axe="4").axe_only and not fiche(sous_axe="4.2").axe_only
    assert [t for _, t in error_types(sous_axe="6")] == ["code_sous_axe"]
    assert [t for _, t in error_types(sous_axe="4.")] == ["code_sous_axe"]


def test_axe_numero_et_transversal() -> None:
    assert Axe.model_validate({"numero": "transversal", "intitule": "x"}).code == "transversal"
    assert Axe.model_validate({"numero": 4, "intitule": "x"}).code == "4"
    with pytest.raises(ValidationError):
        Axe.model_validate({"numero": 9, "intitule": "x"})


def test_indicateur_identifiant_et_perimetre() -> None:
    ind = Indicateur.model_validate(
        {
            "id": "ind-t-01",
            "axe": "transversal",
            "critere": "c",
            "intitule": "i",
            "perimetre": ["centre-ville", "epci"],
        }
    )
    assert [p.value for p in ind.perimetre] == ["centre-ville", "epci"]
    with pytest.raises(ValidationError):
        Indicateur.model_validate({"id": "ind-9-01", "axe": "1", "critere": "c", "intitule": "i"})


def test_partenaire_identifiant() -> None:
    assert (
        Partenaire.model_validate({"id": "region-hdf", "nom": "Région", "nature": "region"}).aliases
        == []
    )
    with pytest.raises(ValidationError):
        Partenaire.model_validate({"id": "Région HDF", "nom": "Région", "nature": "region"})


def test_pickle_rend_le_meme_modele() -> None:
    # Les modèles passent par pickle (processus de lecture, cache) avec leur propre __reduce__.
    import pickle

    import pydantic

    from acvkit.loading import load_folder
    from acvkit.loading.dataset import Entry
    from tests.conftest import AVENANT

    dataset = load_folder(AVENANT).dataset
    entries: list[Entry[Any]] = [
        *dataset.fiches,
        *dataset.axes,
        *dataset.indicateurs,
        *dataset.partenaires,
    ]
    assert dataset.programme is not None and len(entries) > 60
    for model in [e.model for e in entries] + [dataset.programme.model]:
        copied = pickle.loads(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(copied) is type(model) and copied == model
        assert copied.model_dump() == model.model_dump()
        assert copied.model_fields_set == model.model_fields_set
    fiche = pickle.loads(pickle.dumps(dataset.fiches[0].model))
    with pytest.raises(pydantic.ValidationError):
        fiche.titre = "autre"  # toujours figé
