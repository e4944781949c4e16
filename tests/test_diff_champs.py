"""Chaque champ du format, changé seul, est vu par la comparaison et dit en mots.

Les chemins sont tirés des modèles eux-mêmes (champs, sous-modèles, éléments de listes) : un
champ ajouté au format sans être rempli ici, ou sans que la comparaison le voie, fait échouer
ce test. Les objets de base (exemple fictif) remplissent chaque champ.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import types
import typing
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from acvkit.diff.compare import ModifiedObject
from acvkit.diff.events import fiche_events, indicateur_events, is_event
from acvkit.diff.fields import compare_fiches, compare_models, financement_values
from acvkit.diff.matching import match_fiches
from acvkit.diff.phrases import _rows, ligne
from acvkit.models import Axe, Fiche, Indicateur, Partenaire, Programme

# exemple fictif : une fiche dont chaque champ est écrit.
FICHE: dict[str, Any] = {
    "numero": 90,
    "titre": "Halle gourmande",
    "titre_plan": "Halle gourmande du centre",
    "collectivite": "bethune",
    "type": "action",
    "classement_fiche": "Axe 2 / 2.4",
    "axe_rattachement": "Axe 2 – Commerce",
    "rang": 3,
    "sous_axe": "2.4",
    "statut": "en_cours",
    "suivi": [
        {
            "date": dt.date(2025, 6, 20),
            "statut": "en_cours",
            "note": "Marché attribué",
            "vigilance": ["Délais du chantier"],
        }
    ],
    "date_signature": "Mars 2025",
    "date_signature_note": "Convention à venir",
    "description": "Une halle couverte.",
    "description_note": "Description à compléter",
    "objectifs_note": "Les objectifs sont :",
    "objectifs": [{"texte": "Animer le centre :", "details": ["marchés", "fêtes"]}, "Attirer"],
    "maitre_ouvrage": "bethune",
    "maitre_ouvrage_note": "Ville",
    "partenaires": ["cabbalr"],
    "partenaires_note": "Autres à venir",
    "cout": {
        "base": "HT",
        "postes": [{"libelle": "Travaux", "montant": 800000, "base": "HT", "note": "estimé"}],
        "total": 800000,
        "note": "estimé",
    },
    "cout_note": "Coût à confirmer",
    "financements": [
        {
            "financeur": "region-hdf",
            "cofinanceurs": ["bethune"],
            "nature": "subvention",
            "montant": 200000,
            "taux": 25,
            "base": "HT",
            "note": "sous réserve",
            "statut": "attribue",
            "montant_demande": 250000,
            "montant_attribue": 200000,
            "montant_verse": 50000,
            "date_attribution": dt.date(2025, 4, 10),
            "reference": "DEL-2025-1",
        }
    ],
    "financements_note": "Plan de financement provisoire",
    "lancement": "2025",
    "lancement_note": "Après concertation",
    "livraison": "2026",
    "livraison_note": "Selon travaux",
    "jalons": [{"libelle": "Études", "lancement": "2025", "livraison": "2025", "note": "six mois"}],
    "echeancier": [{"annee": 2025, "montant": 400000, "base": "HT"}],
    "realise": [{"annee": 2025, "montant": 100000, "base": "HT"}],
    "indicateurs_avancement_note": "Suivis :",
    "indicateurs_avancement": [{"texte": "Respect :", "details": ["du calendrier"]}],
    "indicateurs_resultat_note": "Mesurés :",
    "indicateurs_resultat": [{"texte": "Fréquentation :", "details": ["samedi"]}],
    "indicateurs_evaluation": ["ind-3-04"],
}
INDICATEUR: dict[str, Any] = {
    "id": "ind-3-04",
    "axe": "3",
    "critere": "Des aménagements cyclables",
    "intitule": "Kilomètres de voies cyclables",
    "sources": ["Artois Mobilités"],
    "perimetre": ["commune"],
    "unite": "km",
    "sens": "hausse",
    "reference": {"annee": 2023, "valeur": Decimal("40"), "source": "Relevé"},
    "cibles": [{"annee": 2026, "valeur": Decimal("60")}],
    "valeurs": [
        {
            "annee": 2025,
            "valeur": Decimal("47.8"),
            "territoire": "bethune",
            "perimetre": "commune",
            "source": "Relevé",
            "commentaire": "provisoire",
        }
    ],
}
PARTENAIRE: dict[str, Any] = {
    "id": "region-hdf",
    "nom": "Région Hauts-de-France",
    "sigle": "HDF",
    "nature": "region",
    "aliases": ["Région"],
    "siren": "200053742",
}
AXE: dict[str, Any] = {
    "numero": 3,
    "intitule": "Mobilité",
    "intitule_evaluation": "Mobilité et connexions",
    "sous_axes": [{"code": "3.1", "intitule": "Vélo"}],
}
PROGRAMME: dict[str, Any] = {
    "programme": "Action Cœur de Ville",
    "intitule": "Avenant n°2",
    "avenant": 2,
    "id_anct": "ACV999",
    "periode": "2023-2026",
    "debut": dt.date(2024, 1, 1),
    "fin": dt.date(2026, 12, 31),
    "territoire": {
        "epci": {"collectivite": "cabbalr", "siren": "200072460"},
        "communes": [{"collectivite": "bethune", "insee": "62119"}],
    },
    "signataires": [
        {
            "organisation": "bethune",
            "role": "collectivite_beneficiaire",
            "representant": "Mme Exemple",
            "qualite": "Maire",
            "deliberation": "délibération du 4 décembre 2023",
        }
    ],
    "document": {
        "nature": "avenant",
        "parties": {"plan-action": {"article": "6", "annexe": "1", "titre": "Plan d'action"}},
    },
    "lieu_signature": "Béthune",
    "date_signature": "Mars 2024",
    "pilotage": {
        "nom": "M. Exemple",
        "fonction": "Chef de projet",
        "courriel": "chef@example.org",
        "telephone": "00 00 00 00 00",
    },
}
CASES: list[tuple[type[BaseModel], dict[str, Any]]] = [
    (Fiche, FICHE),
    (Indicateur, INDICATEUR),
    (Partenaire, PARTENAIRE),
    (Axe, AXE),
    (Programme, PROGRAMME),
]
NAMES = {"region-hdf": "Région Hauts-de-France", "bethune": "Ville de Béthune"}
# Des valeurs de remplacement quand « valeur + bis » ne passerait pas le modèle.
ALTERNATES: dict[str, list[Any]] = {
    "statut": ["livree", "demande"],
    "type": ["etude"],
    "base": ["TTC"],
    "sous_axe": ["2.5"],
    "nature": ["etat", "commune", "convention-cadre"],
    "article": ["7"],
    "annexe": ["3"],
    "sens": ["baisse"],
    "perimetre": ["epci", ["epci"]],
    "role": ["partenaire_financeur"],
    "siren": ["200000000"],
    "insee": ["62000"],
    "id": ["ind-3-05", "region-bis"],
    "axe": ["4"],
    "numero": [4, 91],
    "code": ["3.2"],
    "lancement": ["2024"],
    "livraison": ["2027"],
    "date_signature": ["Avril 2025"],
}


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if (found := _model_of(arg)) is not None:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    """Une liste ou une table de sous-modèles : ses éléments se désignent par « * »."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return any(_is_list(a) for a in typing.get_args(annotation))
    return origin in (list, dict)


def field_paths(model: type[BaseModel], prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Chaque champ du modèle et de ses sous-modèles : (« cout », « postes », « * », « note »)."""
    out = []
    for nom, info in model.model_fields.items():
        path = (*prefix, nom)
        out.append(path)
        sub = _model_of(info.annotation)
        if sub is not None:
            out += field_paths(sub, (*path, "*") if _is_list(info.annotation) else path)
    return out


def _get(obj: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    """Le parent et la clé du champ `path` (« * » : le premier élément qui est un objet)."""
    parent = obj
    for key in path[:-1]:
        if key == "*" and isinstance(parent, dict):
            parent = next(iter(parent.values()))
        elif key == "*":
            parent = next(x for x in parent if isinstance(x, dict))
        else:
            parent = parent[key]
    last = path[-1]
    return parent, last


def _candidates(nom: str, value: Any) -> list[Any]:
    out: list[Any] = []
    if isinstance(value, bool):
        out.append(not value)
    elif isinstance(value, str):
        out.append(value + " bis")
    elif isinstance(value, int | Decimal):
        out.append(value + 1)
    elif isinstance(value, dt.date):
        out.append(value + dt.timedelta(days=1))
    elif isinstance(value, Enum):
        out.append(value.value + " bis")
    elif isinstance(value, list):
        out += [value[:-1] if len(value) > 1 else [], [*value, copy.deepcopy(value[0])]]
    elif isinstance(value, dict):
        out += [None, {}]
    return out + ALTERNATES.get(nom, []) + [None]


def mutations(model: type[BaseModel], base: dict[str, Any]) -> list[tuple[str, BaseModel]]:
    """Pour chaque chemin des modèles, une copie de `base` qui n'en diffère que par ce champ."""
    valid = model.model_validate(base)
    out = []
    for path in field_paths(model):
        parent, key = _get(base, path)
        assert key in parent, f"{model.__name__} : l'exemple n'écrit pas {'.'.join(map(str, path))}"
        for candidate in _candidates(key, parent[key]):
            changed = copy.deepcopy(base)
            target, _ = _get(changed, path)
            target[key] = candidate
            try:
                other = model.model_validate(changed)
            except ValidationError:
                continue
            if other != valid:
                out.append((".".join(map(str, path)), other))
                break
        else:
            if isinstance(parent[key], dict):
                continue  # un sous-modèle obligatoire : chacun de ses champs est changé à part
            raise AssertionError(f"aucune variante valide pour {'.'.join(map(str, path))}")
    return out


RAW_KEY = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(?:annee|valeur|territoire|texte|details) :|\{'")


def _words(model: type[BaseModel], before: BaseModel, after: BaseModel) -> tuple[list[Any], str]:
    if isinstance(before, Fiche) and isinstance(after, Fiche):
        changes = compare_fiches(before, after)
        rows = [ligne(c, NAMES) for c in changes if not is_event(c)]
        events = fiche_events(changes, financement_values(before, after), NAMES)
    else:
        changes = compare_models(before, after)
        unite = getattr(after, "unite", None)
        obj = ModifiedObject(
            "indicateurs" if model is Indicateur else "axes", "k", "modifie", changes
        )
        rows = [ligne(c, NAMES, unite) for c in _rows(obj)]
        events = indicateur_events(changes, unite, NAMES) if model is Indicateur else []
    said = [f"{r.champ} : {r.avant} → {r.apres} {r.ecart}" for r in rows] + events
    return changes, "\n".join(said)


@pytest.mark.parametrize(("model", "base"), CASES, ids=[m.__name__ for m, _ in CASES])
def test_chaque_champ_change_seul_est_vu_et_dit_en_mots(
    model: type[BaseModel], base: dict[str, Any]
) -> None:
    before = model.model_validate(base)
    cases = mutations(model, base)
    assert len(cases) >= len(field_paths(model)) - 2
    for path, after in cases:
        if model is Fiche and path == "numero":  # un numéro changé : fiche renumérotée, dite à part
            assert isinstance(before, Fiche) and isinstance(after, Fiche)
            assert match_fiches([before], [after]).renumerotees
            continue
        changes, said = _words(model, before, after)
        assert changes, f"{model.__name__}.{path} : changé, mais aucune différence trouvée"
        json.dumps([c.as_dict() for c in changes])  # chaque format, JSON compris
        assert said.strip(), f"{model.__name__}.{path} : différence trouvée, mais rien n'est dit"
        assert not RAW_KEY.search(said), f"{model.__name__}.{path} : {said!r}"
