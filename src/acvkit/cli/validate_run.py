"""Ce que `acv validate` fait autour du linter : chemins nommés, dossier trouvé en remontant,
chemins montrés depuis le dossier courant, rapport dans un fichier, statistiques par code."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import click

from acvkit.cli.french import Refused
from acvkit.diagnostics import Severity
from acvkit.linting.path_filter import (
    PathError,
    Selection,
    count_files,
    keep,
    relative_to_cwd,
    select_paths,
)
from acvkit.linting.path_filter import statistics as statistics_lines
from acvkit.linting.report import LintReport
from acvkit.reporters.options import ReportOptions
from acvkit.workspace import find_data_root, for_display

Reporter = Callable[[LintReport, TextIO, ReportOptions], None]


def before_lint(ctx: click.Context, data: Path, paths: list[Path]) -> tuple[Path, Selection]:
    """Le dossier de données (celui des chemins nommés, sans --data) et ce qu'il faut montrer."""
    if paths and ctx.meta.get("acv_data_discovered"):
        first = paths[0] if paths[0].is_dir() else paths[0].parent
        found = find_data_root(first) if first.exists() else None
        if found is not None:
            data = for_display(found)
    if not paths:
        return data, Selection(None)
    try:
        return data, select_paths(paths, data)
    except PathError as exc:
        raise Refused(str(exc)) from exc


def after_lint(
    ctx: click.Context, report: LintReport, data: Path, selection: Selection, *, no_warnings: bool
) -> LintReport:
    """Le rapport filtré (fichiers nommés, --no-warnings), chemins relatifs au dossier courant."""
    cwd = Path.cwd()
    diagnostics = keep(report.diagnostics, selection, cwd)
    if no_warnings:
        diagnostics = [d for d in diagnostics if d.severity is Severity.ERROR]
    counted = count_files(selection, data)
    if ctx.meta.get("acv_data_discovered"):
        diagnostics = relative_to_cwd(diagnostics, cwd)
    files = counted if counted is not None else report.files
    return replace(report, diagnostics=diagnostics, files=files)


def write_report(
    report: LintReport,
    reporter: Reporter,
    options: ReportOptions,
    output_file: Path | None,
    *,
    statistics: bool,
) -> None:
    """Le rapport sur la sortie standard, ou dans `output_file` avec le bilan au terminal."""
    from acvkit.reporters.text import summary
    from acvkit.writing.atomic import atomic_write_text

    if output_file is not None:
        buffer = io.StringIO()
        reporter(report, buffer, options)
        try:
            atomic_write_text(output_file, buffer.getvalue())
        except OSError as exc:
            raise Refused(f"impossible d'écrire « {output_file} » ({exc.strerror or exc})") from exc
    if statistics:
        lines = statistics_lines(report.diagnostics)
        sys.stdout.write("".join(f"{line}\n" for line in [*lines, *([""] if lines else [])]))
    if output_file is None and not statistics:
        reporter(report, sys.stdout, options)
        return
    if not options.quiet:
        mark = "✖" if report.errors else ("!" if report.warnings else "✔")
        where = f" ; rapport dans {output_file}" if output_file is not None else ""
        sys.stdout.write(f"{mark} {summary(report)}{where}\n")
