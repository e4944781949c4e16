"""La structure du document signé : sa nature (convention-cadre, avenant n°X) et où se trouve
chacune de ses parties (numéro et titre de l'article ou de l'annexe).

Où c'est écrit : dans `programme.yaml`, la clé facultative `document:` ; ce qu'elle ne dit pas
vient du modèle national de l'ANCT (`NATIONAL_MODELS` ci-dessous : l'avenant 2023-2026, et la
convention-cadre de 2018, dont les parties n'ont pas de numéro imposé).

```yaml
avenant: 2                       # le numéro de l'avenant ; absent pour une convention-cadre
document:
  nature: avenant                # avenant | convention-cadre (défaut : avenant si `avenant` est donné)
  parties:                       # facultatif, partie par partie, champ par champ
    fiches-action: {annexe: "3", titre: Fiches actions}
    plan-action: {article: "6"}
```

Qui la lit : `Programme.structure()` rend une `Structure` résolue (défauts compris). Tout ce qui
nomme une partie du document la prend là : titres des annexes HTML, Markdown et DOCX et leur index
(`acvkit.annexes.formats.annexe_titles`), la feuille « Lisez-moi » du tableur ANCT, les messages
de période (CAL002, CAL003, IND009) et la programmation (« Période de l'avenant »).

Les parties (`PARTIES`) : plan-action, programmation, evaluation, fiches-action, recapitulatif,
maquette-financiere (les annexes produites), suivi (l'article qui demande la mise à jour de la
plateforme de l'ANCT).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from acvkit.models.common import StrictModel, code_written_as_number


class NatureDocument(StrEnum):
    """La sorte de document signé."""

    AVENANT = "avenant"
    CONVENTION_CADRE = "convention-cadre"


PartieSlug = Literal[
    "plan-action",
    "programmation",
    "evaluation",
    "fiches-action",
    "recapitulatif",
    "maquette-financiere",
    "suivi",
]

# Dans l'ordre du document : les six annexes produites, puis l'article du suivi.
PARTIES: tuple[PartieSlug, ...] = (
    "plan-action",
    "programmation",
    "evaluation",
    "fiches-action",
    "recapitulatif",
    "maquette-financiere",
    "suivi",
)


def _numero(valeur: Any) -> Any:
    """« 4 » écrit sans guillemets est accepté ; « 7.10 », que YAML lirait 7,1, ne l'est pas."""
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        return str(valeur)
    error = code_written_as_number(valeur)
    if error is not None:
        raise error
    return valeur


Numero = Annotated[str, BeforeValidator(_numero)]


class Partie(StrictModel):
    """Où se trouve une partie : l'article ou l'annexe qui la porte, et son titre."""

    article: Numero | None = Field(
        None, title="Article", description='Numéro de l\'article qui la porte : "7.1".'
    )
    annexe: Numero | None = Field(
        None, title="Annexe", description='Numéro de l\'annexe qui la porte : "2".'
    )
    titre: str | None = Field(
        None, title="Titre", description="Titre de la partie : Plan d'action global."
    )


class DocumentProgramme(StrictModel):
    """La nature du document signé et, partie par partie, ce qui diffère du modèle national."""

    nature: NatureDocument | None = Field(
        None,
        title="Nature du document",
        description="avenant ou convention-cadre ; défaut : avenant si `avenant` est donné.",
    )
    parties: dict[PartieSlug, Partie] = Field(
        default_factory=dict,
        title="Parties",
        description="Article ou annexe et titre de chaque partie, s'ils diffèrent du modèle "
        "national : plan-action, programmation, evaluation, fiches-action, recapitulatif, "
        "maquette-financiere, suivi.",
    )


# Le modèle national de l'ANCT : (article, annexe, titre) de chaque partie.
_AVENANT: dict[str, tuple[str | None, str | None, str]] = {
    "plan-action": ("7.1", None, "Plan d'action global"),
    "programmation": ("7.2", None, "Programmation pluriannuelle"),
    "evaluation": ("8.3", None, "Objectifs et questions évaluatives"),
    "fiches-action": (None, "2", "Fiches action"),
    "recapitulatif": (None, "4", "Récapitulatif global des actions"),
    "maquette-financiere": (None, "5", "Maquette financière"),
    "suivi": ("4", None, "Suivi et évaluation"),
}
# La convention-cadre de 2018 : mêmes parties, sans numéro imposé (chaque convention les écrit).
_CONVENTION: dict[str, tuple[str | None, str | None, str]] = {
    slug: (None, None, titre) for slug, (_, _, titre) in _AVENANT.items()
}
NATIONAL_MODELS: dict[NatureDocument, dict[str, tuple[str | None, str | None, str]]] = {
    NatureDocument.AVENANT: _AVENANT,
    NatureDocument.CONVENTION_CADRE: _CONVENTION,
}


@dataclass(frozen=True)
class ResolvedPartie:
    """Une partie telle qu'elle se nomme dans ce document."""

    slug: str
    article: str | None
    annexe: str | None
    titre: str

    @property
    def reference(self) -> str:
        """« article 7.1 », « annexe 2 », ou "" quand la partie n'a pas de numéro."""
        if self.annexe:
            return f"annexe {self.annexe}"
        return f"article {self.article}" if self.article else ""

    @property
    def full_titre(self) -> str:
        """Le titre d'annexe produite : « Annexe 2 – Fiches action », « Plan d'action global
        (article 7.1) », ou le titre seul."""
        if self.annexe:
            suffix_text = f" (article {self.article})" if self.article else ""
            return f"Annexe {self.annexe} – {self.titre}{suffix_text}"
        return f"{self.titre} (article {self.article})" if self.article else self.titre


@dataclass(frozen=True)
class Structure:
    """Le document signé, résolu : sa nature, son numéro d'avenant, chacune de ses parties."""

    nature: NatureDocument
    numero: int | None
    parties: dict[str, ResolvedPartie]

    @property
    def nom(self) -> str:
        """« avenant », « convention-cadre » (sans numéro : le texte courant le dit ainsi)."""
        return self.nature.value

    @property
    def titre(self) -> str:
        """« Avenant n°2 », « Avenant », « Convention-cadre »."""
        if self.nature is NatureDocument.AVENANT and self.numero:
            return f"Avenant n°{self.numero}"
        return self.nom.capitalize()

    @property
    def the_document(self) -> str:
        """« l'avenant », « la convention-cadre »."""
        return "l'avenant" if self.nature is NatureDocument.AVENANT else "la convention-cadre"

    @property
    def of_document(self) -> str:
        """« de l'avenant », « de la convention-cadre »."""
        return f"de {self.the_document}"

    def partie(self, slug: str) -> ResolvedPartie:
        return self.parties[slug]

    def in_parens(self, slug: str) -> str:
        """« (article 7.1) » précédé d'une espace, ou "" quand la partie n'a pas de numéro."""
        reference = self.parties[slug].reference
        return f" ({reference})" if reference else ""

    def cite(self, slug: str) -> str:
        """« l'article 7.1 », « l'annexe 2 », ou « le plan d'action global » sans numéro."""
        partie = self.parties[slug]
        return f"l'{partie.reference}" if partie.reference else f"« {partie.titre} »"


def resolve(document: DocumentProgramme | None, avenant: int | None) -> Structure:
    """La structure d'un programme : ce que dit `document:`, le modèle national pour le reste."""
    document = document or DocumentProgramme()
    nature = document.nature or (
        NatureDocument.AVENANT if avenant else NatureDocument.CONVENTION_CADRE
    )
    parties: dict[str, ResolvedPartie] = {}
    for slug, (article, annexe, titre) in NATIONAL_MODELS[nature].items():
        given_partie = document.parties.get(slug)  # type: ignore[call-overload]
        if given_partie is not None:
            # Un champ écrit, même null, replaced celui du modèle (`article: null` : sans numéro).
            given = given_partie.model_fields_set
            article = given_partie.article if "article" in given else article
            annexe = given_partie.annexe if "annexe" in given else annexe
            titre = given_partie.titre if given_partie.titre else titre
        parties[slug] = ResolvedPartie(slug, article, annexe, titre)
    return Structure(nature, avenant, parties)


# L'avenant du modèle national, quand aucun programme n'est lu.
NATIONAL = resolve(DocumentProgramme(nature=NatureDocument.AVENANT), None)
