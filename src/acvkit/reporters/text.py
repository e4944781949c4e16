"""Vue texte : une ligne `chemin:ligne:col: CODE message` par problème, groupées par fichier, et un bilan."""

from __future__ import annotations

import os
from itertools import groupby
from typing import TextIO

from acvkit.diagnostics import Severity
from acvkit.linting.report import LintReport
from acvkit.reporters.options import ReportOptions
from acvkit.safe_text import visible


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def summary(report: LintReport) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    texte = (
        f"{_plural(report.files, 'fichier')} vérifié{'s' if report.files > 1 else ''} : "
        f"{_plural(errors, 'erreur')}, {_plural(warnings, 'avertissement')}"
    )
    if report.suppressed:
        texte += f", {report.suppressed} tu{'s' if report.suppressed > 1 else ''} par commentaire"
    if report.baselined:
        texte += f", {report.baselined} déjà dans la ligne de base"
    return texte


def _colors(stream: TextIO) -> bool:
    """Des couleurs seulement pour un terminal, et jamais avec NO_COLOR (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _lines(report: LintReport, quiet: bool = False) -> list[tuple[str, str]]:
    """(texte, style) de chaque ligne de la sortie ; le style n'est appliqué qu'en couleur."""
    out: list[tuple[str, str]] = []
    for _path, group in groupby(report.diagnostics, key=lambda d: d.path):
        for d in group:
            style = "red" if d.severity is Severity.ERROR else "yellow"
            out.append(
                (
                    visible(
                        f"{d.path}:{d.line}:{d.column}: {d.code} {d.message} ({d.severity.libelle})"
                    ),
                    style,
                )
            )
        out.append(("", ""))
    if quiet:
        return out
    out += [(visible(note), "") for note in report.notes]
    style = "bold red" if report.errors else ("bold yellow" if report.warnings else "bold green")
    mark = "✖" if report.errors else ("!" if report.warnings else "✔")
    out.append((f"{mark} {summary(report)}", style))
    return out


def render(report: LintReport, stream: TextIO, options: ReportOptions) -> None:
    lines = _lines(report, options.quiet)
    if not _colors(stream):
        # Sans couleurs, inutile de charger rich : la sortie de la CI et de pre-commit reste rapide.
        stream.write("".join(f"{texte}\n" for texte, _ in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True, force_terminal=True)
    for texte, style in lines:
        console.print(Text(texte, style=style))
