"""Un identifiant de collectivité, de partenaire ou de financeur ne figure pas dans partenaires.yaml.

Pourquoi : chaque organisation est déclarée une fois dans partenaires.yaml et désignée partout par
son identifiant ; une faute de frappe crée sinon un financeur fantôme dans la maquette financière.
Le message propose l'identifiant le plus proche.

Exemple conforme :

    maitre_ouvrage: ville-voisine
    financements:
      - {financeur: cc-du-val, montant: 225000}

Exemple fautif :

    maitre_ouvrage: ville-voisne
    financements:
      - {financeur: cabalr, montant: 225000}
"""

from __future__ import annotations

from collections.abc import Iterator

from acvkit.diagnostics import Severity
from acvkit.loading.dataset import Dataset
from acvkit.rules.common.base import Problem, suggest
from acvkit.rules.common.references import iter_references

CODE = "INT004"
NAME = "reference-inconnue"
SEVERITY = Severity.ERROR
SCOPE = "fiche"  # ne regarde qu'une fiche (et le référentiel)
# Jugée aussi dans une fiche refusée par la validation, sur ces champs s'ils sont valides.
PARTIAL = ("collectivite", "maitre_ouvrage", "partenaires", "financements")


def _unknown_adjective(role: str) -> str:
    """Accordé au rôle : « collectivité … inconnue », « financeur … inconnu »."""
    return "inconnue" if role == "collectivité" else "inconnu"


def check(data: Dataset) -> Iterator[Problem]:
    if not data.partenaires:
        return
    ids = data.partenaire_ids()
    aliases = data.alias_index()
    for ref in iter_references(data):
        if ref.value in ids or ref.value.casefold() in aliases:
            continue
        yield Problem(
            ref.doc,
            ref.loc,
            f"{ref.role} « {ref.value} » {_unknown_adjective(ref.role)} de partenaires.yaml"
            f"{suggest(ref.value, ids)}",
            context=f"{ref.role}={ref.value}",
        )
