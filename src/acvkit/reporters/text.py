"""Vue texte : une ligne `chemin:ligne:col: CODE message` par problème, groupées par fichier, et un bilan."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.text import Text

from acvkit.diagnostics import Severity
from acvkit.linter import LintReport
from acvkit.reporters.options import ReportOptions


def _pluriel(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def summary(report: LintReport) -> str:
    erreurs, avertissements = len(report.errors), len(report.warnings)
    texte = (
        f"{_pluriel(report.files, 'fichier')} vérifié{'s' if report.files > 1 else ''} : "
        f"{_pluriel(erreurs, 'erreur')}, {_pluriel(avertissements, 'avertissement')}"
    )
    if report.suppressed:
        texte += f", {report.suppressed} tu{'s' if report.suppressed > 1 else ''} par commentaire"
    if report.baselined:
        texte += f", {report.baselined} déjà dans la ligne de base"
    return texte


def render(report: LintReport, stream: TextIO, options: ReportOptions) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True)
    for _path, group in groupby(report.diagnostics, key=lambda d: d.path):
        for d in group:
            style = "red" if d.severity is Severity.ERROR else "yellow"
            line = Text()
            line.append(f"{d.path}:{d.line}:{d.column}:", style="bold")
            line.append(" ")
            line.append(d.code, style=f"bold {style}")
            line.append(f" {d.message}")
            line.append(f" ({d.severity.libelle})", style="dim")
            console.print(line)
        console.print()
    if report.quiet:
        return
    for note in report.notes:
        console.print(note)
    style = "bold red" if report.errors else ("bold yellow" if report.warnings else "bold green")
    marque = "✖" if report.errors else ("!" if report.warnings else "✔")
    console.print(Text(f"{marque} {summary(report)}", style=style))
