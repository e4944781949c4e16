"""Le nom de chaque règle par code, sans charger les règles quand le code d'acvkit n'a pas changé.

La configuration (codes de select/ignore) et la vue JSON (nom de la règle) n'ont besoin que de
cette table. Elle est gardée dans le dossier de cache de l'utilisateur, signée comme le reste du
cache et valable pour une empreinte du code : un résultat repris du cache ne charge pas les
règles (ni les modèles qu'elles importent).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from acvkit.cache_files import load_signed, save_signed, user_key
from acvkit.loading.cache import code_fingerprint


def _file(fingerprint: str) -> Path:
    """Un fichier par empreinte du code : deux versions d'acvkit (deux environnements, deux copies
    de travail) ne se disputent pas la table ; une ancienne table n'est jamais reprise."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "acvkit"
    return base / f"regles-{hashlib.sha256(fingerprint.encode()).hexdigest()[:16]}.pickle"


def _from_rules() -> dict[str, str]:
    from acvkit.rules import ALL_RULES

    return {code: rule.name for code, rule in ALL_RULES.items()}


def rule_names() -> dict[str, str]:
    """code → nom de chaque règle connue, dans l'ordre du registre des règles."""
    if "acvkit.rules" in sys.modules:  # déjà chargées : la table même, sans cache
        return _from_rules()
    key = user_key()
    fingerprint = code_fingerprint()
    found = load_signed(_file(fingerprint), key)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == fingerprint:
        names: dict[str, str] = found[1]
        return names
    names = _from_rules()
    save_signed(_file(fingerprint), key, (fingerprint, names))
    _prune(_file(fingerprint).parent)
    return names


# Tables gardées : celles des dernières versions du code utilisées (deux environnements qui
# alternent ne se les reprennent pas l'un à l'autre) ; toute modification du code en crée une.
KEPT_TABLES = 4


def _prune(folder: Path) -> None:
    """Retire les tables des versions du code les moins récemment écrites, au-delà de KEPT_TABLES."""
    try:
        tables = sorted(
            folder.glob("regles-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for old in tables[KEPT_TABLES:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
