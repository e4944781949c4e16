"""Le squelette du texte de l'avenant qu'écrit `acv init` (dossier data/avenant/).

Les articles du modèle national de l'ANCT (préambule, articles 1 à 9), chacun « à compléter »
là où le territoire écrit son texte, avec les parties générées des données à leur place
(pilotage, secteurs, plan d'action, programmation, évaluation) ; un secteur « à compléter » par
commune ; ni calendrier ni outil d'évaluation. Aucun texte d'un autre territoire n'y est repris.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from acvkit.models.avenant import ARTICLES_MODELE, PARTIES_MODELE
from acvkit.yaml.roundtrip import dump_rt

if TYPE_CHECKING:
    from acvkit.scaffolding.territoire import Territoire

TO_COMPLETE = "à compléter"


def _schema(depth: int, nom: str) -> str:
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{nom}.schema.json"


def _v(valeur: str) -> str:
    return dump_rt({"v": valeur}).removeprefix("v: ").rstrip("\n")


def article(numero: str, titre: str) -> str:
    nom = "le préambule" if numero == "preambule" else f"l'article {numero}"
    lines = [
        _schema(3, "article"),
        f"# Le texte de {nom}, tel que votre avenant l'écrit : remplacez « à compléter ».",
        "# Paragraphes séparés par une ligne vide ; « ## 7.1. … » : un sous-titre ; « - … » : un",
        "# élément de liste. « {{ plan_action }} » seul sur sa ligne place une partie tirée des",
        "# données (docs/format.md, « Le texte de l'avenant »).",
        f"numero: {numero if numero.isdigit() else _v(numero)}",
        f"titre: {_v(titre)}",
        "texte: |",
        f"  {TO_COMPLETE}",
    ]
    for partie in PARTIES_MODELE.get(numero, []):
        lines += ["", f"  {{{{ {partie} }}}}"]
    return "\n".join(lines) + "\n"


def document() -> str:
    return "\n".join(
        [
            _schema(2, "document"),
            "# Le document de l'avenant. Sans « parties », la première page nomme chaque signataire",
            "# de programme.yaml ; « mention » y recopie la phrase de votre avenant si elle diffère.",
            "# Sans « annexes », celles du modèle national (bilan, fiches action, secteurs,",
            "# récapitulatif, maquette financière), numérotées comme le dit programme.yaml.",
            "parties: []",
            "",
        ]
    )


def secteurs(t: Territoire) -> str:
    lines = [
        _schema(2, "secteurs"),
        "# Les secteurs d'intervention (article 5, annexe 3) : un par quartier que votre avenant",
        "# décrit. « perimetre » : un fichier GeoJSON du dossier de données (facultatif).",
        "secteurs:",
    ]
    for commune in t.communes:
        lines += [
            f"  - id: {_v('centre-' + commune.id)}",
            f"    commune: {_v(commune.id)}",
            f"    nom: {TO_COMPLETE}",
            f"    description: {TO_COMPLETE}",
        ]
    return "\n".join(lines) + "\n"


def evaluation() -> str:
    return "\n".join(
        [
            _schema(2, "evaluation"),
            "# L'évaluation (article 8) : le calendrier (8.1, étapes {periode, etape}) et les outils",
            "# (8.2 : numero, titre, objet, cibles, collecteur, traitement, temporalite).",
            "calendrier: []",
            "outils: []",
            "",
        ]
    )


def avenant_files(t: Territoire) -> dict[str, str]:
    """Chemin relatif au dépôt → texte, pour le dossier data/avenant/."""
    out = {
        "data/avenant/document.yaml": document(),
        "data/avenant/secteurs.yaml": secteurs(t),
        "data/avenant/evaluation.yaml": evaluation(),
    }
    for numero, titre in ARTICLES_MODELE:
        nom = "preambule" if numero == "preambule" else f"article-{numero}"
        out[f"data/avenant/articles/{nom}.yaml"] = article(numero, titre)
    return out
