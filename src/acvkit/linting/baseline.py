"""La ligne de base : les diagnostics connus d'un territoire qui adopte acvkit, pour ne signaler que les nouveaux."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from acvkit.diagnostics import Diagnostic
from acvkit.errors import BaselineError as BaselineError
from acvkit.linting.report import LintReport
from acvkit.writing.atomic import atomic_write_text

VERSION = 1


def _key(d: Diagnostic, data_display: str) -> tuple[str, str, str]:
    # Fichier (relatif au dossier de données), règle et contenu : jamais le numéro de ligne.
    try:
        path = PurePosixPath(d.path).relative_to(PurePosixPath(data_display)).as_posix()
    except ValueError:
        path = d.path
    return path, d.code, d.context or d.message


def write_baseline(report: LintReport, file: Path, data_display: str) -> int:
    entries = [
        {"path": p, "code": c, "context": x}
        for p, c, x in sorted(_key(d, data_display) for d in report.diagnostics)
    ]
    atomic_write_text(
        file,
        json.dumps({"version": VERSION, "diagnostics": entries}, ensure_ascii=False, indent=2)
        + "\n",
    )
    return len(entries)


def apply_baseline(report: LintReport, file: Path, data_display: str) -> LintReport:
    """Retire les diagnostics déjà connus (autant de fois qu'ils le sont dans la ligne de base)."""
    try:
        document: Any = json.loads(file.read_text(encoding="utf-8"))
        known = Counter((e["path"], e["code"], e["context"]) for e in document["diagnostics"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"ligne de base « {file} » illisible ({exc})") from exc
    kept = []
    for d in report.diagnostics:
        key = _key(d, data_display)
        if known[key] > 0:
            known[key] -= 1
        else:
            kept.append(d)
    return replace(report, diagnostics=kept, baselined=len(report.diagnostics) - len(kept))
