"""Vue GitLab : le rapport Code Quality (JSON) affiché dans les merge requests."""

from __future__ import annotations

from typing import TextIO

from acvkit.diagnostics import Severity
from acvkit.linting.report import LintReport
from acvkit.reporters.fingerprints import fingerprints
from acvkit.reporters.options import ReportOptions
from acvkit.safe_text import json_dumps


def render(report: LintReport, stream: TextIO, options: ReportOptions) -> None:
    issues = []
    prints = fingerprints(report.diagnostics, options.repo_path)
    for d, fingerprint in zip(report.diagnostics, prints, strict=True):
        issues.append(
            {
                "description": f"{d.code} {d.message}",
                "check_name": d.code,
                "fingerprint": fingerprint,
                "severity": "major" if d.severity is Severity.ERROR else "minor",
                "location": {"path": options.repo_path(d.path), "lines": {"begin": d.line}},
            }
        )
    stream.write(json_dumps(issues) + "\n")  # une seule écriture
