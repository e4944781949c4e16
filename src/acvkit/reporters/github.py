"""Vue GitHub Actions : des annotations `::error file=…,line=…::message` sur la pull request."""

from __future__ import annotations

from typing import TextIO

from acvkit.diagnostics import Severity
from acvkit.linter import LintReport


def _data(texte: str) -> str:
    return texte.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(texte: str) -> str:
    return _data(texte).replace(":", "%3A").replace(",", "%2C")


def render(report: LintReport, stream: TextIO) -> None:
    for d in report.diagnostics:
        kind = "error" if d.severity is Severity.ERROR else "warning"
        stream.write(
            f"::{kind} file={_property(d.path)},line={d.line},col={d.column},"
            f"title={_property(d.code)}::{_data(d.code + ' ' + d.message)}\n"
        )
