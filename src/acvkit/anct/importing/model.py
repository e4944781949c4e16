"""Ce que l'import relit d'un tableur : changements, cellules illisibles, et leur affichage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from acvkit.anct.suivi import SEPARATEUR_REALISE
from acvkit.errors import ImportRefused as ImportRefused
from acvkit.indicateurs.spreadsheet import IndicateurChange
from acvkit.loading.dataset import Entry
from acvkit.models import Fiche
from acvkit.money import format_euros


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}, ligne {self.line}, colonne « {self.column} » : {self.message}"


@dataclass(frozen=True)
class Change:
    entry: Entry[Fiche]
    path: tuple[str | int, ...]
    before: Any
    after: Any

    def __str__(self) -> str:
        champ = ".".join(str(p) for p in self.path)
        if self.path == ("suivi",):
            added = self.after[-1]
            return (
                f"{self.entry.doc.path} · FA {self.entry.model.numero} · journal de suivi : "
                f"+ entrée du {added['date']:%d/%m/%Y} « {added['statut'].value} » ({added['note']})"
            )
        if self.path[0] == "financements" and isinstance(self.path[1], int):
            financeur = (self.entry.model.financements or [])[self.path[1]].financeur
            champ = f"financement de {financeur} · {self.path[2]}"
        return f"{self.entry.doc.path} · FA {self.entry.model.numero} · {champ} : {display_value(self.before)} → {display_value(self.after)}"


@dataclass
class Resultat:
    changes: list[Change | IndicateurChange] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    ignores: list[str] = field(default_factory=list)


def display_value(valeur: Any) -> str:
    """Une valeur telle que l'aperçu de l'import la montre."""
    if valeur is None:
        return "(vide)"
    if isinstance(valeur, Decimal):
        return format_euros(valeur)
    return shown_suivi(valeur) or f"« {valeur} »"


def shown_suivi(valeur: Any) -> str | None:
    """Une valeur du suivi telle que l'aperçu de l'import la montre, ou None si ce n'en est pas une."""
    if isinstance(valeur, Enum):
        return f"« {valeur.value} »"
    if isinstance(valeur, date):
        return f"{valeur:%d/%m/%Y}"
    if isinstance(valeur, list):
        pieces = []
        for line in valeur:
            base = line.get("base")
            texte = f"{line['annee']} : {format_euros(line['montant'])}"
            pieces.append(texte + (f" {base.value}" if isinstance(base, Enum) else ""))
        return "« " + SEPARATEUR_REALISE.join(pieces) + " »"
    return None
