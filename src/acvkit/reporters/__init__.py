"""Les vues d'une liste de diagnostics : texte pour une personne, JSON, annotations GitHub…"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from acvkit.linter import LintReport
from acvkit.reporters import github, json_report, text

Reporter = Callable[[LintReport, TextIO], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
}

__all__ = ["REPORTERS", "Reporter"]
