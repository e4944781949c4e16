"""Le jeu de données chargé : chaque modèle avec le document YAML d'où il vient, pour situer les problèmes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from acvkit.diagnostics import Diagnostic
from acvkit.models import Axe, Fiche, Indicateur, Partenaire, Programme
from acvkit.yaml.document import YamlDocument
from acvkit.yaml.positions import Loc

M = TypeVar("M")


@dataclass(frozen=True)
class Entry(Generic[M]):
    """Un modèle validé, son document source et son emplacement dans ce document."""

    model: M
    doc: YamlDocument
    base: Loc = ()

    def locate(self, *loc: str | int, key: bool = False) -> tuple[int, int]:
        return self.doc.locate(self.base + loc, key=key)


@dataclass
class Dataset:
    """Tout ce qui a pu être lu et validé dans un dossier de données."""

    root: Path
    programme: Entry[Programme] | None = None
    partenaires: list[Entry[Partenaire]] = field(default_factory=list)
    axes: list[Entry[Axe]] = field(default_factory=list)
    fiches: list[Entry[Fiche]] = field(default_factory=list)
    indicateurs: list[Entry[Indicateur]] = field(default_factory=list)
    documents: list[YamlDocument] = field(default_factory=list)
    # Les problèmes de lecture et de schéma trouvés en le lisant (le linter y ajoute ses règles).
    read_diagnostics: list[Diagnostic] = field(default_factory=list)
    # Les fichiers de fiches lus mais refusés par la validation (acvkit.linting.partial).
    rejected_fiches: list[YamlDocument] = field(default_factory=list)
    # Le suivi : date du rapport (None : SOURCE_DATE_EPOCH, sinon aujourd'hui) et délai de mise à jour.
    date_rapport: date | None = None
    suivi_delay_months: int = 6

    def partenaire_ids(self) -> set[str]:
        return {e.model.id for e in self.partenaires}

    def sous_axes(self) -> dict[str, str]:
        """Code de sous-axe → intitulé, pour tous les axes lus."""
        return {s.code: s.intitule for a in self.axes for s in a.model.sous_axes}

    def axe_codes(self) -> set[str]:
        return {a.model.code for a in self.axes}

    def alias_index(self) -> dict[str, str]:
        """Graphie (nom ou alias, en minuscules) → id du partenaire."""
        index: dict[str, str] = {}
        for entry in self.partenaires:
            for nom in [entry.model.nom, *entry.model.aliases]:
                index.setdefault(nom.casefold(), entry.model.id)
        return index

    def sorted_fiches(self) -> list[Entry[Fiche]]:
        return sorted(self.fiches, key=lambda e: e.model.numero)
