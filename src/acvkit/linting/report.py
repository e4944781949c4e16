"""Le rapport d'une validation et ce qui se fait sans les règles ni les modèles.

Un résultat repris du cache ne charge ni pydantic, ni ruamel.yaml, ni les règles : ce module,
que les vues et le chemin à chaud importent, n'en dépend pas.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from acvkit.config import Config
from acvkit.diagnostics import Diagnostic, Severity
from acvkit.errors import AcvError

if TYPE_CHECKING:
    from acvkit.loading.dataset import Dataset


@dataclass
class LintReport:
    """Les diagnostics retenus d'un dossier de données, et le jeu de données d'où ils viennent.

    `dataset` est toujours le jeu de données complet : quand le résultat vient du cache, il n'est
    lu qu'à la première demande (validate n'en a pas besoin).
    """

    diagnostics: list[Diagnostic]
    source: Dataset | Callable[[], Dataset]
    files: int = 0
    suppressed: int = 0
    baselined: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def dataset(self) -> Dataset:
        from acvkit.loading.dataset import Dataset

        if not isinstance(self.source, Dataset):
            self.source = self.source()
        return self.source

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


def is_selected(code: str, config: Config) -> bool:
    if config.select and not any(code.startswith(s) for s in config.select):
        return False
    return not any(code.startswith(i) for i in config.ignore)


def strict_report(report: LintReport) -> LintReport:
    """Le même rapport où chaque avertissement devient une erreur (option --strict)."""
    strict = [replace(d, severity=Severity.ERROR) for d in report.diagnostics]
    return replace(report, diagnostics=strict)


class InvalidData(AcvError):
    """Les données comportent des erreurs : costs, build et import refusent de s'en servir."""

    def __init__(self, report: LintReport) -> None:
        super().__init__(
            "Les données comportent des erreurs : corrigez-les d'abord (acv validate)."
        )
        self.report = report
