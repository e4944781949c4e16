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
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from acvkit.cache_files import StatIndex, stat_key
from acvkit.config import Config
from acvkit.linting.report import LintReport
from acvkit.loading.cache import ResultCache, code_fingerprint
from acvkit.loading.discovery import Read, discover_files, read_found
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
                (size, _, sha256), target = known
                digest.update(f"{found.relative}\0{size}\0{sha256}\0".encode())
                _digest_target(digest, root, found.relative, target)
                continue
        try:
            reste_fiche = read_found(found, config.max_bytes, root_dir)
        except YamlProblem as problem:  # illisible : le diagnostic fait partie de l'empreinte
            digest.update(f"{found.relative}\0{problem.code}\0{problem.message}\0".encode())
            continue
        read[found.relative] = reste_fiche
        target = schema_target(found.relative, reste_fiche.raw)
        if stats is not None and etat is not None:
            key = (reste_fiche.size, reste_fiche.mtime_ns, reste_fiche.sha256)
            stats.put(found.relative, etat, key, target)
        # Taille et contenu, pas la date : un fichier touché mais identique redonne le résultat.
        digest.update(f"{found.relative}\0{reste_fiche.size}\0{reste_fiche.sha256}\0".encode())
        _digest_target(digest, root, found.relative, target)
    if stats is not None:
        stats.save(debut, {f.relative for f in hits})
    return digest.hexdigest(), read


def schema_target(relative: str, raw: bytes) -> str:
    """La cible de la ligne de schéma d'un fichier quand la validation regarde si elle existe
    (STR004, acvkit.schema.modelines.problem : une cible autre que celle attendue, sans « :// ») ; sinon "".

    Elle peut mener hors du dossier de données : son existence entre dans l'empreinte.
    """
    from acvkit.schema.modelines import expected_target, find, kind_of

    place = PurePosixPath(relative)
    kind = kind_of(place)
    found = find(raw.decode("utf-8", "replace")) if kind is not None else None
    if kind is None or found is None:
        return ""
    target = found[1]
    return "" if target == expected_target(place, kind) or "://" in target else target


def _digest_target(digest: Any, root: Path, relative: str, target: str) -> None:
    if target:
        exists = (root / relative).parent.joinpath(target).is_file()
        digest.update(f"{relative}\0{target}\0{exists}\0".encode())


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
