"""Les modèles Pydantic des données acvkit (aucune entrée-sortie ici)."""

from acvkit.models.common import Base, Modele
from acvkit.models.fiche import (
    Cout,
    Echeance,
    Fiche,
    Financement,
    Item,
    ItemDetaille,
    Jalon,
    Poste,
    Statut,
    TypeFiche,
    texte_item,
)
from acvkit.models.mesure import Cible, Mesure, Perimetre, Reference, Sens
from acvkit.models.referentiel import (
    Axe,
    FichierPartenaires,
    Indicateur,
    Nature,
    Partenaire,
    Programme,
    SousAxe,
)

__all__ = [
    "Axe",
    "Base",
    "Cible",
    "Cout",
    "Echeance",
    "Fiche",
    "FichierPartenaires",
    "Financement",
    "Indicateur",
    "Item",
    "ItemDetaille",
    "Jalon",
    "Mesure",
    "Modele",
    "Nature",
    "Partenaire",
    "Perimetre",
    "Poste",
    "Programme",
    "Reference",
    "Sens",
    "SousAxe",
    "Statut",
    "TypeFiche",
    "texte_item",
]
