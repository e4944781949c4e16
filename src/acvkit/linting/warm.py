"""Le chemin à chaud de la validation : empreinte du dossier et résultat repris du cache.

Rien ici ne charge les modèles (pydantic), ruamel.yaml ni les règles : un dossier inchangé
redonne ses diagnostics (de simples dataclasses, en pickle signé) sans eux. L'empreinte ne relit
et ne hache que les fichiers dont l'état (taille, dates, inode) a changé depuis le relevé.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from acvkit.cache_files import StatIndex, stat_key
from acvkit.config import Config
from acvkit.linting.report import LintReport
from acvkit.loading.cache import ResultCache, code_fingerprint
from acvkit.loading.discovery import Read, discover_files, read_found
from acvkit.schema.modelines import checked_target
from acvkit.suivi.dates import date_rapport
from acvkit.yaml.document import YamlProblem

if TYPE_CHECKING:
    from acvkit.loading.dataset import Dataset


def folder_fingerprint(
    root: Path, display_root: str, config: Config, as_of: date | None = None, *, index: bool = False
) -> tuple[str, dict[str, Read]]:
    """Empreinte d'un dossier (chemins, tailles, contenus), de la configuration et du code.

    Rend aussi les contenus lus, pour que la lecture qui suit ne relise pas le disque. Avec
    `index`, un fichier dont l'état n'a pas bougé depuis le dernier relevé (.acv-cache/) n'est
    ni relu ni haché : son empreinte est reprise du relevé (et il n'est pas dans les contenus rendus).
    """
    digest = hashlib.sha256()
    digest.update(code_fingerprint().encode())
    settings = (
        display_root,
        sorted(config.select),
        sorted(config.ignore),
        sorted(config.severities.items()),
        sorted(config.ignore_by_path.items()),
        config.max_bytes,
    )
    digest.update(repr(settings).encode())
    # Les règles de suivi dépendent de la date du rapport et du délai de mise à jour.
    digest.update(f"{date_rapport(as_of).isoformat()}\0{config.suivi_delay_months}\0".encode())
    stats = StatIndex(root) if index else None
    if stats is not None:
        stats.load()
    debut = time.time_ns()
    read: dict[str, Read] = {}
    root_dir = str(root.resolve())
    hits = discover_files(root)
    for found in hits:
        etat = None
        if stats is not None and found.issue is None and not found.symlink:
            try:
                # avant la lecture : une écriture qui suit se verra ; os.stat, plus vite que pathlib
                etat = stat_key(os.stat(found.path))  # noqa: PTH116
            except OSError:
                etat = None
            known = stats.get(found.relative, etat) if etat is not None else None
            if known is not None:
                digest.update(f"{found.relative}\0{known[0]}\0{known[2]}\0".encode())
                _target(digest, stats.targets.get(found.relative))
                continue
        try:
            read_result = read_found(found, config.max_bytes, root_dir)
        except YamlProblem as problem:  # illisible : le diagnostic fait partie de l'empreinte
            digest.update(f"{found.relative}\0{problem.code}\0{problem.message}\0".encode())
            continue
        read[found.relative] = read_result
        target = checked_target(read_result.raw, found.relative, found.path)
        _target(digest, target)
        if stats is not None and etat is not None:
            stats.put(
                found.relative, etat, (read_result.size, read_result.mtime_ns, read_result.sha256)
            )
            stats.target(found.relative, target)
        # Taille et contenu, pas la date : un fichier touché mais identique redonne le résultat.
        digest.update(f"{found.relative}\0{read_result.size}\0{read_result.sha256}\0".encode())
    if stats is not None:
        stats.save(debut, {f.relative for f in hits})
    return digest.hexdigest(), read


def _target(digest: hashlib._Hash, target: str | None) -> None:
    """L'existence de la cible d'une ligne de schéma hors du fichier (STR004 en dépend)."""
    if target is not None:
        digest.update(f"{target}\0{os.path.isfile(target)}\0".encode())  # noqa: PTH113


class Warm:
    """L'empreinte d'un dossier et le résultat qu'elle désigne dans le cache, s'il y en a un."""

    def __init__(self, root: Path, display: str, config: Config, as_of: date | None) -> None:
        self.results = ResultCache(root)
        self.fingerprint, self.read = folder_fingerprint(root, display, config, as_of, index=True)

    def hit(self, reload: Callable[[], Dataset]) -> LintReport | None:
        """Le rapport repris du cache ; le jeu de données n'est relu (`reload`) qu'à la demande."""
        known = self.results.get(self.fingerprint)
        if known is None:
            return None
        diagnostics, files, suppressed = known
        return LintReport(diagnostics, reload, files=files, suppressed=suppressed)

    def store(self, report: LintReport) -> None:
        self.results.put(self.fingerprint, (report.diagnostics, report.files, report.suppressed))
