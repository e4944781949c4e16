"""Vue JSON : une liste stable d'objets {path, line, column, code, severity, message, rule, url}."""

from __future__ import annotations

import json
from typing import Any, TextIO

from acvkit.docs_url import rule_url
from acvkit.linting.engine import LintReport
from acvkit.reporters.options import ReportOptions
from acvkit.rules import ALL_RULES


def as_dicts(report: LintReport, docs_base: str | None = None) -> list[dict[str, Any]]:
    rows = []
    for d in report.diagnostics:
        rule = ALL_RULES.get(d.code)
        rows.append(
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "code": d.code,
                "severity": d.severity.value,
                "message": d.message,
                "rule": rule.name if rule else None,
                "url": rule_url(rule.code, docs_base) if rule else None,
            }
        )
    return rows


def render(report: LintReport, stream: TextIO, options: ReportOptions) -> None:
    json.dump(as_dicts(report, options.docs_base), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
