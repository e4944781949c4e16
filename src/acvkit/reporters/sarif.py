"""Vue SARIF 2.1.0 : pour l'analyse de code (« code scanning ») de GitHub et d'autres outils."""

from __future__ import annotations

from typing import Any, TextIO

from acvkit import __version__
from acvkit.diagnostics import Severity
from acvkit.linting.docs_url import rule_url
from acvkit.linting.report import LintReport
from acvkit.reporters.fingerprints import fingerprints
from acvkit.reporters.options import ReportOptions
from acvkit.rules import ALL_RULES
from acvkit.safe_text import json_dumps

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def render(report: LintReport, stream: TextIO, options: ReportOptions) -> None:
    codes = list(ALL_RULES)
    rules: list[dict[str, Any]] = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "helpUri": rule_url(rule.code, options.docs_base),
            "help": {"text": rule.doc, "markdown": rule.doc},
            "defaultConfiguration": {"level": _level(rule.severity)},
        }
        for rule in ALL_RULES.values()
    ]
    results = []
    prints = fingerprints(report.diagnostics, options.repo_path)
    for d, fingerprint in zip(report.diagnostics, prints, strict=True):
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": _level(d.severity),
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": options.repo_path(d.path),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }
            ],
            "partialFingerprints": {"acvkit/v1": fingerprint},
        }
        if d.code in ALL_RULES:
            result["ruleIndex"] = codes.index(d.code)
        results.append(result)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "acvkit", "version": __version__, "rules": rules}},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    stream.write(json_dumps(document) + "\n")  # une seule écriture
