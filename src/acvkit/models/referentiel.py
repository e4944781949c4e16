"""Les modèles du référentiel : programme, partenaires, axes et indicateurs d'évaluation."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from acvkit.models.common import (
    CodeSousAxe,
    Identifier,
    Integer,
    StrictModel,
    code_written_as_number,
)
from acvkit.models.document import DocumentProgramme, Structure, resolve
from acvkit.models.mesure import Cible, Mesure, Perimetre, Reference, Sens


class Nature(StrEnum):
    """Sorte d'organisation."""

    COMMUNE = "commune"
    EPCI = "epci"
    REGION = "region"
    DEPARTEMENT = "departement"
    ETAT = "etat"
    AGENCE_ETAT = "agence_etat"
    ETABLISSEMENT_PUBLIC = "etablissement_public"
    SEM = "sem"  # société d'économie mixte
    SPL = "spl"  # société publique locale
    ORGANISME_PARITAIRE = "organisme_paritaire"
    ORGANISME_SOCIAL = "organisme_social"
    UNION_EUROPEENNE = "union_europeenne"
    ENTREPRISE = "entreprise"
    ASSOCIATION = "association"
    AUTRE = "autre"


class Partenaire(StrictModel):
    """Une organisation nommée dans l'avenant, désignée partout par son `id`."""

    id: Identifier = Field(
        title="Identifiant", description="Minuscules, chiffres et tirets : ville-sur-val."
    )
    nom: str = Field(title="Nom", description="Nom officiel de l'organisation.")
    sigle: str | None = Field(
        None,
        title="Sigle",
        description="Nom court, pour les en-têtes de colonnes : ANAH, BdT, CNC.",
    )
    nature: Nature = Field(
        title="Nature",
        description="Sorte d'organisation (commune, epci, region, agence_etat, sem, spl…).",
    )
    aliases: list[str] = Field(
        default_factory=list,
        title="Autres graphies",
        description="Les autres façons dont les documents écrivent ce nom.",
    )
    siren: str | None = Field(
        default=None,
        pattern=r"^\d{9}$",
        title="SIREN",
        description="Numéro SIREN à 9 chiffres, entre guillemets.",
    )


class PartenairesFile(StrictModel):
    partenaires: list[Partenaire] = Field(
        title="Partenaires", description="Toutes les organisations nommées dans l'avenant."
    )


class SousAxe(StrictModel):
    code: CodeSousAxe = Field(
        title="Code", description='Code du sous-axe entre guillemets : "4.2".'
    )
    intitule: str = Field(title="Intitulé", description="Intitulé du sous-axe.")


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


class Axe(StrictModel):
    """Un axe du programme (1 à 5, ou l'axe transversal) et ses sous-axes."""

    numero: Annotated[int | Literal["transversal"], BeforeValidator(_numero_axe)] = Field(
        title="Numéro", description="1 à 5, ou transversal."
    )
    intitule: str = Field(title="Intitulé", description="Intitulé de l'axe (article 7.1).")
    intitule_evaluation: str | None = Field(
        None,
        title="Intitulé à l'évaluation",
        description="L'intitulé de l'axe tel que l'écrit l'article 8.3, quand il diffère de 7.1.",
    )
    sous_axes: list[SousAxe] = Field(
        default_factory=list,
        title="Sous-axes",
        description="Les sous-axes de cet axe utilisés par le plan d'action.",
    )

    @model_validator(mode="after")
    def _codes_in_axe(self) -> Axe:
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
    count = code_written_as_number(valeur)
    if count is not None:
        raise count
    return valeur


class Indicateur(StrictModel):
    """Un indicateur d'évaluation (article 8.3)."""

    id: Annotated[str, BeforeValidator(_id_indicateur)] = Field(
        title="Identifiant",
        description="ind-<axe>-<nn>, t pour l'axe transversal : ind-3-04, ind-t-01.",
    )
    axe: Annotated[
        Literal["1", "2", "3", "4", "5", "transversal"], BeforeValidator(_axe_indicateur)
    ] = Field(title="Axe", description='"1" à "5", ou transversal.')
    critere: str = Field(
        title="Critère d'évaluation", description="Le critère que l'indicateur mesure."
    )
    intitule: str = Field(title="Indicateur", description="Intitulé de l'indicateur.")
    sources: list[str] = Field(
        default_factory=list, title="Sources", description="Où les données sont prises."
    )
    perimetre: list[Perimetre] = Field(
        default_factory=list, title="Périmètre", description="commune, epci ou centre-ville."
    )
    unite: str | None = Field(
        None,
        title="Unité",
        description="Unité des valeurs, écrite avec chacune : km, logements, %.",
    )
    sens: Sens | None = Field(
        None,
        title="Sens du progrès",
        description="hausse ou baisse : le sens où l'indicateur progresse.",
    )
    reference: Reference | None = Field(
        None, title="Référence", description="La valeur de départ : {annee, valeur, source}."
    )
    cibles: list[Cible] = Field(
        default_factory=list, title="Cibles", description="Les valeurs visées : {annee, valeur}."
    )
    valeurs: list[Mesure] = Field(
        default_factory=list,
        title="Valeurs observées",
        description="Les valeurs observées, de la plus ancienne à la plus récente.",
    )


class Role(StrEnum):
    """Rôle d'un signataire."""

    COLLECTIVITE_BENEFICIAIRE = "collectivite_beneficiaire"
    PARTENAIRE_FINANCEUR = "partenaire_financeur"
    PARTENAIRE = "partenaire"  # signe sans financer (CCI, chambre des métiers, bailleur…)


class Signataire(StrictModel):
    organisation: str = Field(
        title="Organisation", description="Identifiant de l'organisation signataire."
    )
    role: Role = Field(
        title="Rôle",
        description="collectivite_beneficiaire, partenaire_financeur, ou partenaire (signe sans "
        "financer).",
    )
    representant: str | None = Field(
        None, title="Représentant", description="Nom de la personne qui signe."
    )
    qualite: str | None = Field(None, title="Qualité", description="Fonction du représentant.")
    deliberation: str | None = Field(
        None, title="Délibération", description="Délibération qui autorise la signature."
    )


class Commune(StrictModel):
    collectivite: str = Field(title="Collectivité", description="Identifiant de la commune.")
    insee: str = Field(
        pattern=r"^(\d{5}|2[AB]\d{3})$",
        title="Code INSEE",
        description="Code INSEE à 5 caractères, entre guillemets.",
    )


class Epci(StrictModel):
    collectivite: str = Field(title="Collectivité", description="Identifiant de l'EPCI.")
    siren: str = Field(
        pattern=r"^\d{9}$",
        title="SIREN",
        description="Numéro SIREN à 9 chiffres, entre guillemets.",
    )


class Territoire(StrictModel):
    epci: Epci = Field(title="EPCI", description="L'intercommunalité.")
    communes: list[Commune] = Field(title="Communes", description="Les communes du programme.")


class Pilotage(StrictModel):
    nom: str = Field(title="Nom", description="Personne qui pilote le programme.")
    fonction: str | None = Field(None, title="Fonction", description="Sa fonction.")
    courriel: str | None = Field(None, title="Courriel", description="Son adresse électronique.")
    telephone: str | None = Field(None, title="Téléphone", description="Ses numéros de téléphone.")


class Programme(StrictModel):
    """La convention : programme, avenant, période d'application, territoire, signataires."""

    programme: str = Field(
        title="Programme", description="Nom du programme : Action Cœur de Ville."
    )
    intitule: str = Field(
        title="Intitulé", description="Intitulé complet de la convention ou de l'avenant."
    )
    avenant: Integer | None = Field(
        None,
        title="Numéro d'avenant",
        description="Numéro de l'avenant, par exemple 2 ; absent pour une convention-cadre.",
    )
    document: DocumentProgramme | None = Field(
        None,
        title="Document",
        description="Nature du document (avenant, convention-cadre) et, s'ils diffèrent du "
        "modèle national de l'ANCT, le numéro et le titre de ses articles et annexes.",
    )
    id_anct: str = Field(
        title="Identifiant ANCT",
        description="Identifiant du territoire sur la plateforme de l'ANCT (ACV099).",
    )
    periode: str = Field(
        title="Période du programme", description="Période telle qu'écrite, par exemple 2023-2026."
    )
    debut: date = Field(
        title="Début", description="Premier jour d'application de l'avenant (AAAA-MM-JJ)."
    )
    fin: date = Field(
        title="Fin", description="Dernier jour d'application de l'avenant (AAAA-MM-JJ)."
    )
    territoire: Territoire = Field(title="Territoire", description="EPCI et communes du programme.")
    signataires: list[Signataire] = Field(
        default_factory=list,
        title="Signataires",
        description="Collectivités bénéficiaires et partenaires financeurs.",
    )
    lieu_signature: str | None = Field(
        None, title="Lieu de signature", description="Ville où l'avenant est signé."
    )
    date_signature: str | None = Field(
        None, title="Date de signature", description="Date de signature telle qu'écrite."
    )
    pilotage: Pilotage | None = Field(
        None, title="Pilotage", description="Coordinateur du programme."
    )

    def structure(self) -> Structure:
        """Le document signé résolu : nature, numéro, articles et annexes (models/document.py)."""
        return resolve(self.document, self.avenant)

    @model_validator(mode="after")
    def _ordered_periode(self) -> Programme:
        if self.fin < self.debut:
            raise PydanticCustomError(
                "periode_inversee",
                "la fin du programme ({fin}) précède son début ({debut})",
                {"fin": self.fin.isoformat(), "debut": self.debut.isoformat()},
            )
        return self
