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
    TypeFiche,
    texte_item,
)
from acvkit.models.referentiel import (
    Axe,
    FichierPartenaires,
    Indicateur,
    Nature,
    Partenaire,
    Perimetre,
    Programme,
    SousAxe,
)
from acvkit.models.suivi import EntreeSuivi, Realisation, Statut, StatutFinancement

__all__ = [
    "Axe",
    "Base",
    "Cout",
    "Echeance",
    "EntreeSuivi",
    "Fiche",
    "FichierPartenaires",
    "Financement",
    "Indicateur",
    "Item",
    "ItemDetaille",
    "Jalon",
    "Modele",
    "Nature",
    "Partenaire",
    "Perimetre",
    "Poste",
    "Programme",
    "Realisation",
    "SousAxe",
    "Statut",
    "StatutFinancement",
    "TypeFiche",
    "texte_item",
]
