"""Les modèles du texte de l'avenant : articles, secteurs d'intervention, évaluation, document."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from acvkit.models.common import Identifier, Integer, StrictModel


def _article_number(valeur: Any) -> str:
    # « numero: 5 » est lu comme un entier : c'est le même article que « "5" ».
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        return str(valeur)
    return valeur  # type: ignore[no-any-return]


NumeroArticle = Annotated[
    str,
    BeforeValidator(_article_number),
    WithJsonSchema(
        {
            "type": ["integer", "string"],
            "title": "Numéro",
            "description": "« 1 » à « 9 » ; « preambule » pour le préambule.",
        }
    ),
]


class Article(StrictModel):
    """Un article de l'avenant (ou son préambule) : numéro, titre et texte.

    Le texte est fait de paragraphes séparés par une ligne vide. Un paragraphe qui commence par
    « ## » est un sous-titre (« ## 7.1. Plan d'action global ») ; par « - », « • » ou « – », un
    élément de liste ; par « o », un élément de sous-liste. Un paragraphe qui n'est que
    « {{ partie }} » place une partie générée des données (voir docs/format.md).
    """

    numero: NumeroArticle = Field(
        title="Numéro", description="« 1 » à « 9 » ; « preambule » pour le préambule."
    )
    titre: str = Field(title="Titre", description="Le titre de l'article, sans son numéro.")
    texte: str = Field(
        title="Texte",
        description="Paragraphes séparés par une ligne vide ; « {{ plan_action }} » place une "
        "partie générée.",
    )


class Secteur(StrictModel):
    """Un secteur d'intervention (article 5, annexe 3)."""

    id: Identifier = Field(title="Identifiant", description="Minuscules, chiffres et tirets.")
    commune: Identifier = Field(
        title="Commune", description="La collectivité du secteur (id d'un partenaire)."
    )
    nom: str = Field(title="Nom", description="Le nom du secteur tel que l'avenant l'écrit.")
    vocation: str | None = Field(
        None, title="Vocation", description="Ce à quoi le secteur est destiné, mot pour mot."
    )
    description: str | None = Field(
        None, title="Description", description="Paragraphes séparés par une ligne vide."
    )
    perimetre: str | None = Field(
        None,
        title="Périmètre",
        description="Chemin d'un fichier GeoJSON (relatif au dossier de données) : le contour.",
    )
    adresses: list[str] = Field(
        default_factory=list, title="Adresses", description="Les adresses incluses (annexe 3)."
    )
    fiches: list[Integer] = Field(
        default_factory=list,
        title="Fiches",
        description="Les numéros des fiches que l'avenant situe dans ce secteur.",
    )


class SecteursFile(StrictModel):
    """Le fichier avenant/secteurs.yaml : les secteurs, dans l'ordre du texte."""

    perimetres_note: str | None = Field(
        None,
        title="Note sur les périmètres",
        description="Pourquoi aucun périmètre n'est donné (cartes absentes du texte…).",
    )
    secteurs: list[Secteur] = Field(title="Secteurs", description="Dans l'ordre de l'article 5.")


class EtapeEvaluation(StrictModel):
    """Une étape du calendrier prévisionnel de l'évaluation (article 8.1)."""

    periode: str = Field(title="Période", description="Telle qu'écrite : « 2e semestre 2025 ».")
    etape: str = Field(title="Étape", description="Ce qui est fait à cette période.")
    description: str | None = Field(None, title="Description", description="Le détail de l'étape.")


class OutilEvaluation(StrictModel):
    """Un outil de la méthode d'évaluation (article 8.2)."""

    numero: Integer = Field(title="Numéro", description="Le numéro de l'outil : 1, 2…")
    titre: str = Field(title="Titre", description="« Recherche et analyse documentaire ».")
    objet: str | None = Field(None, title="Objet", description="Ce que l'outil permet.")
    cibles: list[str] = Field(
        default_factory=list, title="Cibles échantillon", description="Ce que l'outil examine."
    )
    collecteur: str | None = Field(None, title="Collecteur", description="Qui collecte.")
    collecteurs: list[str] = Field(
        default_factory=list, title="Collecteurs", description="La liste qui suit le collecteur."
    )
    traitement: str | None = Field(
        None, title="Traitement", description="Qui traite les données collectées."
    )
    temporalite: str | None = Field(
        None, title="Temporalité", description="Quand l'outil est employé."
    )


class Evaluation(StrictModel):
    """Le fichier avenant/evaluation.yaml : calendrier (8.1) et outils (8.2) de l'évaluation."""

    calendrier: list[EtapeEvaluation] = Field(
        default_factory=list,
        title="Calendrier (8.1)",
        description="Les étapes de la démarche d'évaluation : {periode, etape, description}.",
    )
    calendrier_note: str | None = Field(
        None, title="Note sur le calendrier", description="Pourquoi le calendrier est absent."
    )
    outils: list[OutilEvaluation] = Field(
        default_factory=list,
        title="Outils (8.2)",
        description="Les outils de la méthode d'évaluation, dans l'ordre du texte.",
    )


class Partie(StrictModel):
    """Une partie de la première page : un signataire, et sa mention telle qu'écrite."""

    signataire: Identifier = Field(title="Signataire", description="Id d'un signataire.")
    mention: str | None = Field(
        None,
        title="Mention",
        description="« La commune de …, représentée par son maire …, en vertu d'une délibération… ».",
    )


class ContenuAnnexe(StrEnum):
    """Ce que contient une annexe de l'avenant, tiré des données."""

    FICHES_ACTION = "fiches-action"
    SECTEURS = "secteurs"
    RECAPITULATIF = "recapitulatif"
    MAQUETTE_FINANCIERE = "maquette-financiere"
    PLAN_ACTION = "plan-action"
    PROGRAMMATION = "programmation"
    EVALUATION = "evaluation"


class AnnexeDocument(StrictModel):
    """Une annexe du document : numéro, titre, et ce qui la remplit."""

    numero: Integer = Field(title="Numéro", description="Le numéro de l'annexe : 1 à 5.")
    titre: str = Field(title="Titre", description="Le titre de l'annexe, sans son numéro.")
    contenu: ContenuAnnexe | None = Field(
        None, title="Contenu", description="fiches-action, secteurs, recapitulatif…"
    )
    note: str | None = Field(
        None, title="Note", description="Ce qui est dit de l'annexe quand rien ne la remplit."
    )


class DocumentAvenant(StrictModel):
    """Le fichier avenant/document.yaml : parties, ordre des signatures, annexes."""

    parties: list[Partie] = Field(
        default_factory=list,
        title="Parties",
        description="Les signataires comme la première page les nomme (sinon : programme.yaml).",
    )
    signatures: list[Identifier] | None = Field(
        None,
        title="Signatures",
        description="L'ordre des blocs de signature (sinon : celui de programme.yaml).",
    )
    annexes: list[AnnexeDocument] = Field(
        default_factory=list,
        title="Annexes",
        description="Les annexes dans l'ordre : {numero, titre, contenu, note}.",
    )


# --- La structure du modèle national d'avenant ACV (ANCT) ---------------------------------------
# Les titres du modèle, communs aux territoires ; le texte de chaque article est celui du
# territoire (avenant/articles/). `acv init` en fait le squelette, le linter vérifie que chaque
# article y est, le document place « à compléter » là où un article manque.

ARTICLES_MODELE: list[tuple[str, str]] = [
    ("preambule", "Préambule"),
    ("1", "Engagement général des parties"),
    ("2", "Les ambitions du territoire"),
    ("3", "Mise en place d’une gouvernance locale du programme Action Cœur de Ville"),
    ("4", "Suivi du déploiement du programme Action cœur de ville"),
    ("5", "Définition des secteurs d’intervention pour la période 2023-2026"),
    ("6", "Modification de la convention d’Opération de revitalisation du territoire"),
    ("7", "Plan d’action prévisionnel global et détaillé pour la période 2023-2026"),
    ("8", "Modalités d’évaluation et résultats attendus du programme"),
    ("9", "Validation de l’avenant"),
]

# (numéro, titre, contenu tiré des données ou None).
ANNEXES_MODELE: list[tuple[int, str, str | None]] = [
    (1, "Bilan de la réalisation du programme ACV 2018-2022", None),
    (2, "Liste et détails des fiches action qui composent le plan d’action", "fiches-action"),
    (
        3,
        "Cartographie des périmètres des secteurs d’intervention et liste des adresses incluses "
        "dans les secteurs d’intervention",
        "secteurs",
    ),
    (4, "Récapitulatif global des actions", "recapitulatif"),
    (5, "Maquette financière", "maquette-financiere"),
]

# Les parties générées que le modèle place dans chaque article (squelette d'acv init).
PARTIES_MODELE: dict[str, list[str]] = {
    "3": ["pilotage"],
    "5": ["secteurs"],
    "7": ["plan_action", "programmation"],
    "8": ["calendrier_evaluation", "outils_evaluation", "objectifs_indicateurs"],
}


def article_order(numero: str) -> tuple[int, str]:
    """Le préambule d'abord, puis les articles par numéro (« 10 » après « 9 »)."""
    if numero == "preambule":
        return (-1, "")
    return (int(numero), "") if numero.isdigit() else (10**6, numero)
