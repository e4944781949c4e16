"""Les vues d'une liste de diagnostics : texte pour une personne, JSON, GitHub, GitLab, SARIF."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from acvkit.linting.engine import LintReport
from acvkit.reporters import github, gitlab, json_report, sarif, text
from acvkit.reporters.options import ReportOptions, repo_relative

Reporter = Callable[[LintReport, TextIO, ReportOptions], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "sarif": sarif.render,
}

__all__ = ["REPORTERS", "ReportOptions", "Reporter", "repo_relative"]
