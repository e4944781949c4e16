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
from acvkit.models.suivi import EntreeSuivi, Realisation, Statut, StatutFinancement

__all__ = [
    "Axe",
    "Base",
    "Cible",
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
    "Mesure",
    "Modele",
    "Nature",
    "Partenaire",
    "Perimetre",
    "Poste",
    "Programme",
    "Realisation",
    "Reference",
    "Sens",
    "SousAxe",
    "Statut",
    "StatutFinancement",
    "TypeFiche",
    "texte_item",
]
