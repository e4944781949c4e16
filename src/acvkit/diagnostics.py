"""Le type unique des diagnostics : un problème situé dans un fichier, avec sa règle et sa gravité."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """Gravité d'un diagnostic ; la valeur est celle des sorties machine (JSON, SARIF…)."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def libelle(self) -> str:
        return "erreur" if self is Severity.ERROR else "avertissement"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """Un problème : fichier, ligne et colonne (à partir de 1), code de règle, gravité, message."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    # Texte stable qui identifie le problème indépendamment de sa ligne (ligne de base, empreintes).
    context: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
