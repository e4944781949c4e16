"""La configuration du linter : `acv.toml` à côté des données, ou `[tool.acv]` de pyproject.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acvkit.diagnostics import Severity
from acvkit.errors import ConfigError as ConfigError
from acvkit.yaml.document import DEFAULT_MAX_BYTES

SEVERITY_WORDS = {"erreur": Severity.ERROR, "avertissement": Severity.WARNING}
KEYS = {
    "select",
    "ignore",
    "severite",
    "ignore-par-chemin",
    "max-octets",
    "suivi-delai-mois",
    "documentation",
    "donnees",
    "a-determiner-interdit",
}
# Les rubriques d'une fiche qu'acv.toml peut interdire de laisser « à déterminer » dans la copie
# à signer (`a-determiner-interdit = ["cout", "financements"]`).
FORBIDDABLE = ("cout", "cout_partiel", "financements", "lancement", "livraison")


@dataclass
class Config:
    select: list[str] = field(
        default_factory=list
    )  # vide : toutes les règles ; préfixes admis (« CAL »)
    ignore: list[str] = field(default_factory=list)
    severities: dict[str, Severity] = field(default_factory=dict)
    ignore_by_path: dict[str, list[str]] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    suivi_delay_months: int = 6  # SUI005 : mise à jour attendue au moins tous les N mois
    source: str | None = None
    # Base des liens vers la documentation des règles (défaut : acvkit.linting.docs_url.default_base).
    documentation: str | None = None
    # Les rubriques qui ne peuvent rester « à déterminer » dans la copie à signer (FORBIDDABLE).
    forbidden_undetermined: list[str] = field(default_factory=list)


def _codes(value: Any, where: str, known: set[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            f'{where} : une liste de codes de règles est attendue, par exemple ["CON004"]'
        )
    for code in value:
        if not any(k.startswith(code) for k in known):
            raise ConfigError(f"{where} : règle inconnue « {code} » (voir « acv rules »)")
    return list(value)


def parse_config(table: dict[str, Any], source: str, known: set[str]) -> Config:
    """Valide une table de configuration ; toute clé ou règle inconnue est une erreur, jamais ignorée."""
    for key in table:
        if key not in KEYS:
            raise ConfigError(
                f"{source} : clé de configuration inconnue « {key} » (clés admises : "
                + ", ".join(sorted(KEYS))
                + ")"
            )
    config = Config(source=source)
    config.select = _codes(table.get("select", []), f"{source} : select", known)
    config.ignore = _codes(table.get("ignore", []), f"{source} : ignore", known)
    severities = table.get("severite", {})
    if not isinstance(severities, dict):
        raise ConfigError(
            f'{source} : « severite » doit être une table CODE = "erreur"|"avertissement"'
        )
    for code, value in severities.items():
        _codes([code], f"{source} : severite", known)
        if value not in SEVERITY_WORDS:
            raise ConfigError(
                f"{source} : gravité « {value} » inconnue pour {code} (erreur ou avertissement)"
            )
        config.severities[code] = SEVERITY_WORDS[value]
    paths = table.get("ignore-par-chemin", {})
    if not isinstance(paths, dict):
        raise ConfigError(f'{source} : « ignore-par-chemin » doit être une table "motif" = [codes]')
    for pattern, codes in paths.items():
        config.ignore_by_path[pattern] = _codes(
            codes, f"{source} : ignore-par-chemin « {pattern} »", known
        )
    max_bytes = table.get("max-octets", DEFAULT_MAX_BYTES)
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes <= 0:
        raise ConfigError(f"{source} : « max-octets » doit être un entier positif")
    config.max_bytes = max_bytes
    delay = table.get("suivi-delai-mois", 6)
    if not isinstance(delay, int) or isinstance(delay, bool) or not 1 <= delay <= 120:
        raise ConfigError(f"{source} : « suivi-delai-mois » doit être un nombre de mois (1 à 120)")
    config.suivi_delay_months = delay
    forbidden = table.get("a-determiner-interdit", [])
    if (
        not isinstance(forbidden, list)
        or not all(isinstance(v, str) for v in forbidden)
        or not set(forbidden) <= set(FORBIDDABLE)
    ):
        raise ConfigError(
            f"{source} : « a-determiner-interdit » est une liste de rubriques parmi "
            + ", ".join(FORBIDDABLE)
            + ', par exemple ["cout", "financements"]'
        )
    config.forbidden_undetermined = list(forbidden)
    for key in ("documentation", "donnees"):
        if key in table and (not isinstance(table[key], str) or not table[key].strip()):
            raise ConfigError(f"{source} : « {key} » doit être un texte non vide")
    documentation = table.get("documentation")
    if isinstance(documentation, str):
        if not documentation.startswith(("https://", "http://")):
            raise ConfigError(
                f"{source} : « documentation » doit être une adresse http(s)://, par exemple "
                '"https://forge.example.org/acv/regles.html"'
            )
        config.documentation = documentation
    return config


def load_config(data_dir: Path, known: set[str]) -> Config:
    """Cherche acv.toml dans le dossier de données puis à côté, puis [tool.acv] dans pyproject.toml."""
    for folder in (data_dir, data_dir.resolve().parent):
        candidate = folder / "acv.toml"
        if candidate.is_file():
            return parse_config(_read_toml(candidate), str(candidate), known)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            tool = _read_toml(pyproject).get("tool", {})
            if isinstance(tool, dict) and isinstance(tool.get("acv"), dict):
                return parse_config(tool["acv"], f"{pyproject} [tool.acv]", known)
    return Config()


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path} : configuration illisible ({exc})") from exc
