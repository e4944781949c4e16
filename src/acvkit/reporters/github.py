"""Vue GitHub Actions : des annotations `::error file=…,line=…::message`, et un résumé d'étape complet."""

from __future__ import annotations

from typing import TextIO

from acvkit.diagnostics import Severity
from acvkit.linting.report import LintReport
from acvkit.reporters.options import ReportOptions
from acvkit.safe_text import visible

# GitHub n'affiche que 10 annotations de chaque sorte par étape.
ANNOTATIONS_PER_KIND = 10


def _data(texte: str) -> str:
    # Contrôles, séparateurs, octets d'un nom qui n'était pas en UTF-8 : échappés (« \\x1b »)
    # avant l'échappement propre aux commandes de GitHub.
    return visible(texte).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(texte: str) -> str:
    return _data(texte).replace(":", "%3A").replace(",", "%2C")


def _cell(texte: str) -> str:
    return visible(texte).replace("|", "\\|")


def render(report: LintReport, stream: TextIO, options: ReportOptions) -> None:
    annotations = []
    for d in report.diagnostics:
        kind = "error" if d.severity is Severity.ERROR else "warning"
        annotations.append(
            f"::{kind} file={_property(options.repo_path(d.path))},line={d.line},col={d.column},"
            f"title={_property(d.code)}::{_data(d.code + ' ' + d.message)}\n"
        )
    stream.write("".join(annotations))  # une seule écriture, pas une par diagnostic
    if options.step_summary is None:
        return
    hidden_count = max(0, len(report.errors) - ANNOTATIONS_PER_KIND) + max(
        0, len(report.warnings) - ANNOTATIONS_PER_KIND
    )
    lines = [
        "## acv validate",
        "",
        f"{len(report.errors)} erreur(s), {len(report.warnings)} avertissement(s).",
    ]
    if hidden_count:
        lines.append(
            f"GitHub n'affiche que {ANNOTATIONS_PER_KIND} annotations de chaque sorte : "
            f"{hidden_count} ne sont visibles que dans ce tableau."
        )
    if report.diagnostics:
        lines += ["", "| Fichier | Ligne | Code | Gravité | Message |", "|---|---|---|---|---|"]
        lines += [
            f"| {_cell(options.repo_path(d.path))} | {d.line} | {d.code} | {d.severity.libelle} | {_cell(d.message)} |"
            for d in report.diagnostics
        ]
    from acvkit.writing import append_text

    append_text(options.step_summary, "\n".join(lines) + "\n", "GITHUB_STEP_SUMMARY")
