"""Les modèles du référentiel : programme, partenaires, axes et indicateurs d'évaluation."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from acvkit.models.common import CodeSousAxe, Entier, Identifiant, Modele


class Nature(StrEnum):
    COMMUNE = "commune"
    EPCI = "epci"
    REGION = "region"
    DEPARTEMENT = "departement"
    ETAT = "etat"
    AGENCE_ETAT = "agence_etat"
    ETABLISSEMENT_PUBLIC = "etablissement_public"
    ORGANISME_PARITAIRE = "organisme_paritaire"
    ORGANISME_SOCIAL = "organisme_social"
    UNION_EUROPEENNE = "union_europeenne"
    ENTREPRISE = "entreprise"
    ASSOCIATION = "association"
    AUTRE = "autre"


class Partenaire(Modele):
    """Une organisation nommée dans l'avenant, désignée partout par son `id`."""

    id: Identifiant
    nom: str
    nature: Nature
    aliases: list[str] = Field(default_factory=list)
    siren: str | None = Field(default=None, pattern=r"^\d{9}$")


class FichierPartenaires(Modele):
    partenaires: list[Partenaire]


class SousAxe(Modele):
    code: CodeSousAxe
    intitule: str


def _numero_axe(valeur: Any) -> int | str:
    if valeur == "transversal" or (isinstance(valeur, int) and not isinstance(valeur, bool)):
        return valeur  # type: ignore[no-any-return]
    if isinstance(valeur, str) and valeur.isdigit():
        return int(valeur)
    raise PydanticCustomError(
        "numero_axe",
        "numéro d'axe invalide « {valeur} » : 1 à 5, ou transversal",
        {"valeur": valeur},
    )


class Axe(Modele):
    """Un axe du programme (1 à 5, ou l'axe transversal) et ses sous-axes."""

    numero: Annotated[int | Literal["transversal"], BeforeValidator(_numero_axe)]
    intitule: str
    sous_axes: list[SousAxe] = Field(default_factory=list)

    @model_validator(mode="after")
    def _codes_dans_l_axe(self) -> Axe:
        if isinstance(self.numero, int) and not 1 <= self.numero <= 5:
            raise PydanticCustomError(
                "numero_axe",
                "numéro d'axe invalide « {valeur} » : 1 à 5, ou transversal",
                {"valeur": self.numero},
            )
        return self

    @property
    def code(self) -> str:
        """« 1 » … « 5 » ou « transversal » : la forme utilisée par les indicateurs."""
        return str(self.numero)


class Perimetre(StrEnum):
    COMMUNE = "commune"
    EPCI = "epci"
    CENTRE_VILLE = "centre-ville"


_ID_INDICATEUR = re.compile(r"^ind-([1-5]|t)-\d{2}$")


def _id_indicateur(valeur: Any) -> str:
    if not isinstance(valeur, str) or not _ID_INDICATEUR.match(valeur):
        raise PydanticCustomError(
            "identifiant",
            "identifiant d'indicateur invalide « {valeur} » : ind-<axe>-<nn>, par exemple ind-3-04",
            {"valeur": valeur},
        )
    return valeur


def _axe_indicateur(valeur: Any) -> Any:
    return str(valeur) if isinstance(valeur, int) and not isinstance(valeur, bool) else valeur


class Indicateur(Modele):
    """Un indicateur d'évaluation (article 8.3)."""

    id: Annotated[str, BeforeValidator(_id_indicateur)]
    axe: Annotated[
        Literal["1", "2", "3", "4", "5", "transversal"], BeforeValidator(_axe_indicateur)
    ]
    critere: str
    intitule: str
    sources: list[str] = Field(default_factory=list)
    perimetre: list[Perimetre] = Field(default_factory=list)


class Role(StrEnum):
    COLLECTIVITE_BENEFICIAIRE = "collectivite_beneficiaire"
    PARTENAIRE_FINANCEUR = "partenaire_financeur"


class Signataire(Modele):
    organisation: str
    role: Role
    representant: str | None = None
    qualite: str | None = None
    deliberation: str | None = None


class Commune(Modele):
    collectivite: str
    insee: str = Field(pattern=r"^(\d{5}|2[AB]\d{3})$")


class Epci(Modele):
    collectivite: str
    siren: str = Field(pattern=r"^\d{9}$")


class Territoire(Modele):
    epci: Epci
    communes: list[Commune]


class Pilotage(Modele):
    nom: str
    fonction: str | None = None
    courriel: str | None = None
    telephone: str | None = None


class Programme(Modele):
    """La convention : programme, avenant, période d'application, territoire, signataires."""

    programme: str
    intitule: str
    avenant: Entier
    id_anct: str
    periode: str
    debut: date
    fin: date
    territoire: Territoire
    signataires: list[Signataire] = Field(default_factory=list)
    lieu_signature: str | None = None
    date_signature: str | None = None
    pilotage: Pilotage | None = None

    @model_validator(mode="after")
    def _periode_ordonnee(self) -> Programme:
        if self.fin < self.debut:
            raise PydanticCustomError(
                "periode_inversee",
                "la fin du programme ({fin}) précède son début ({debut})",
                {"fin": self.fin.isoformat(), "debut": self.debut.isoformat()},
            )
        return self
