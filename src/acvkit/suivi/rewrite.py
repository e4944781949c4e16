"""Réécrire un fichier du dossier de données pour le suivi : aller-retour, validé, vérifié, d'un coup.

Le fichier est relu et réécrit par ruamel.yaml (aller-retour) : commentaires, guillemets et mise
en page restent. Avant d'écrire, le résultat est relu et validé par son modèle, puis le dossier
entier est vérifié par le linter avec le fichier réécrit à la place de l'ancien (en mémoire) :
une erreur qui n'y était pas refuse l'écriture, et rien n'est écrit.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap

from acvkit.yaml.document import YamlProblem
from acvkit.yaml.reader import parse_text
from acvkit.yaml.roundtrip import dump_rt, load_rt


class JournalError(Exception):
    """Entrée impossible à ajouter : message français, rien n'est écrit."""


_THOUSANDS = re.compile(r"^\d{1,3}(?: \d{3})+(?:,\d{1,2})?$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d{1,2})?$")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def parse_montant(texte: str, option: str) -> Decimal:
    """« 750000 », « 750 000 », « 612 000,50 € » → Decimal ; sinon un refus en français."""
    clean = texte.replace("\u202f", " ").replace("\xa0", " ").strip().removesuffix("€").strip()
    if _THOUSANDS.match(clean) or _PLAIN.match(clean):
        return Decimal(clean.replace(" ", "").replace(",", "."))
    raise JournalError(
        f"{option} « {texte} » n'est pas un montant : écrivez des chiffres en euros, par exemple "
        "750000 ou « 612 000,50 » (sans signe moins)"
    )


def parse_valeur(texte: str, option: str) -> Decimal:
    """« 47.8 », « 47,8 », « -3 » → Decimal (une valeur d'indicateur peut être négative)."""
    clean = texte.replace("\u202f", "").replace("\xa0", "").replace(" ", "").strip()
    if not _NUMBER.match(clean):
        raise JournalError(
            f"{option} « {texte} » n'est pas un nombre : écrivez par exemple 47.8 ou 47,8 "
            "(l'unité est celle de l'indicateur)"
        )
    try:
        return Decimal(clean.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - l'expression régulière l'exclut
        raise JournalError(f"{option} « {texte} » n'est pas un nombre") from None


def read_map(path: Path) -> CommentedMap:
    """Le fichier lu en aller-retour ; un refus s'il n'est pas une table YAML."""
    data = load_rt(path.read_text(encoding="utf-8"))
    if not isinstance(data, CommentedMap):
        raise JournalError(f"{path} : le fichier n'est pas une table YAML ; rien n'est écrit")
    return data


def set_in_order(data: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Écrit `key` ; une clé nouvelle va après la dernière clé présente qui la précède dans `order`."""
    if key in data:
        data[key] = value
        return
    keys = list(data)
    before = order[: order.index(key)] if key in order else order
    ranks = [keys.index(k) + 1 for k in before if k in keys]
    data.insert(max(ranks) if ranks else len(keys), key, value)


def _errors(report: Any) -> dict[tuple[str, str, str], str]:
    return {(d.path, d.code, d.message): str(d) for d in report.errors}


def lint_gate(data_dir: Path, path: Path, content: bytes) -> None:
    """Le dossier vérifié avec `content` à la place de `path` : refus si une erreur apparaît."""
    from acvkit.config import load_config
    from acvkit.diff.sides import Reads, folder_side, validate
    from acvkit.linting.catalogue import rule_names
    from acvkit.loading.parallel import Workers

    config = load_config(data_dir, set(rule_names()))
    side = folder_side(data_dir, config.max_bytes)
    try:
        relative = path.resolve().relative_to(data_dir.resolve()).as_posix()
    except ValueError:
        raise JournalError(f"{path} n'est pas dans le dossier de données {data_dir}") from None
    reads = Reads()
    with Workers() as workers:
        before = _errors(validate(side, config, reads, workers))
        side.files[relative] = content
        after = _errors(validate(side, config, reads, workers))
    new = [texte for key, texte in sorted(after.items()) if key not in before]
    if new:
        raise JournalError(
            "le dossier aurait de nouvelles erreurs ; rien n'est écrit :\n  " + "\n  ".join(new)
        )


def write_checked(
    data_dir: Path, path: Path, data: CommentedMap, model: type[BaseModel], based_on: str
) -> None:
    """Écrit `data` dans `path` s'il se relit, se valide par `model` et ne donne aucune erreur ;
    `based_on` : le texte du fichier que la commande a lu, pour refuser un changement concurrent."""
    resultat = dump_rt(data).encode("utf-8")
    try:
        model.model_validate(parse_text(str(path), resultat).data)
    except YamlProblem as exc:
        raise JournalError(
            f"{path} : relecture impossible ({exc.message}) ; rien n'est écrit"
        ) from exc
    except ValidationError as exc:
        raise JournalError(
            f"{path} : le fichier ne se validerait plus ({exc.errors()[0]['msg']}) ; "
            "rien n'est écrit"
        ) from exc
    lint_gate(data_dir, path, resultat)
    from acvkit.writing.change import data_change

    # Vérifié ci-dessus par le linter ; écrit par la seule voie (verrou, journal, CRLF gardés).
    with data_change(data_dir, None) as change:
        change.write(path, resultat.decode("utf-8"), based_on=based_on)
