"""Les modèles Pydantic des données acvkit (aucune entrée-sortie ici)."""

from acvkit.models.common import Base, StrictModel
from acvkit.models.fiche import (
    Cout,
    DetailedItem,
    Echeance,
    Fiche,
    Item,
    Jalon,
    Poste,
    TypeFiche,
    item_text,
)
from acvkit.models.financement import Financement, NatureFinancement
from acvkit.models.mesure import Cible, Mesure, Perimetre, Reference, Sens
from acvkit.models.referentiel import (
    Axe,
    Indicateur,
    Nature,
    Partenaire,
    PartenairesFile,
    Programme,
    SousAxe,
)
from acvkit.models.suivi import Realisation, Statut, StatutFinancement, SuiviEntry

__all__ = [
    "Axe",
    "Base",
    "Cible",
    "Cout",
    "DetailedItem",
    "Echeance",
    "Fiche",
    "Financement",
    "Indicateur",
    "Item",
    "Jalon",
    "Mesure",
    "Nature",
    "NatureFinancement",
    "Partenaire",
    "PartenairesFile",
    "Perimetre",
    "Poste",
    "Programme",
    "Realisation",
    "Reference",
    "Sens",
    "SousAxe",
    "Statut",
    "StatutFinancement",
    "StrictModel",
    "SuiviEntry",
    "TypeFiche",
    "item_text",
]
