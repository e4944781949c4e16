"""Reproductibilité : la date de génération (SOURCE_DATE_EPOCH) et des archives ZIP (DOCX, XLSX) aux octets stables."""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

ZIP_MIN = datetime(1980, 1, 1, tzinfo=UTC)


def source_date(data_dir: Path) -> datetime:
    """SOURCE_DATE_EPOCH s'il est donné ; sinon la date du dernier commit qui a changé les données
    (docs/commandes.md, « La date des documents ») ; sinon maintenant."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    commit = _git(data_dir, "log", "-1", "--format=%ct", "--", ".")
    if commit and commit.isdigit():
        return datetime.fromtimestamp(int(commit), UTC)
    return datetime.now(UTC)


def data_commit(data_dir: Path) -> str | None:
    """Le dernier commit qui a changé les données (pas HEAD : un commit qui ne les touche pas ne
    change pas les documents), suivi de « +modifications » si le dossier a des changements non
    validés."""
    commit = _git(data_dir, "log", "-1", "--format=%H", "--", ".")
    commit = commit[:12] if commit else None
    if not commit:
        return None
    dirty = _git(data_dir, "status", "--porcelain", "--", ".")
    return commit + ("+modifications" if dirty else "")


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalize_zip(content: bytes, when: datetime) -> bytes:
    """Réécrit une archive OOXML : mêmes entrées, même ordre, horodatages et dates du document fixés."""
    when = max(when, ZIP_MIN)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(3), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            # Niveau 6 (celui de zlib par défaut) : à peine plus gros que 9, plusieurs fois plus rapide.
            target.writestr(fixed, data, compresslevel=6)
    return out.getvalue()
