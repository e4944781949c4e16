"""Vue JSON : une liste stable d'objets {path, line, column, code, severity, message, rule, url}."""

from __future__ import annotations

from typing import Any, TextIO

from acvkit.linting.catalogue import rule_names
from acvkit.linting.docs_url import rule_url
from acvkit.linting.report import LintReport
from acvkit.reporters.options import ReportOptions
from acvkit.safe_text import json_dumps


def as_dicts(report: LintReport, docs_base: str | None = None) -> list[dict[str, Any]]:
    names = rule_names()
    urls: dict[str, str] = {}
    rows = []
    for d in report.diagnostics:
        name = names.get(d.code)
        url = None
        if name is not None:
            url = urls.get(d.code)
            if url is None:
                url = urls[d.code] = rule_url(d.code, docs_base)
        rows.append(
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "code": d.code,
                "severity": d.severity.value,
                "message": d.message,
                "rule": name,
                "url": url,
            }
        )
    return rows


def render(report: LintReport, stream: TextIO, options: ReportOptions) -> None:
    # Le texte entier d'un coup, puis une seule écriture : json.dump avec indent écrit chaque
    # morceau à part (des centaines de milliers de petites écritures pour 50 000 diagnostics).
    stream.write(json_dumps(as_dicts(report, options.docs_base)))
    stream.write("\n")
