"""`acv fmt` : la mise en page canonique des fichiers de données, sans perdre un commentaire ni une valeur."""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from acvkit.errors import FormatError as FormatError
from acvkit.loading.model_errors import inner_model
from acvkit.models import Axe, Fiche, Indicateur, PartenairesFile, Programme
from acvkit.yaml.document import YamlProblem
from acvkit.yaml.reader import parse_text
from acvkit.yaml.roundtrip import dump_rt, load_rt

_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:(\s|$)")
_BLOCK_SCALAR = re.compile(r":\s*[|>][+-]?\d*\s*(#.*)?$")

# Valeurs toujours écrites comme du texte entre guillemets (un code n'est pas un nombre).
_QUOTED = {"sous_axe", "code", "insee", "siren", "article", "annexe"}
_PERIODES = {"lancement", "livraison", "date_signature"}


def model_for(relative: PurePosixPath) -> type[BaseModel] | None:
    """Le modèle d'un fichier d'après sa place dans le dossier de données."""
    parts = relative.parts
    if parts[-1] in {"programme.yaml", "programme.yml"}:
        return Programme
    if parts[-1] in {"partenaires.yaml", "partenaires.yml"}:
        return PartenairesFile
    if "fiches" in parts:
        return Fiche
    if "axes" in parts:
        return Axe
    if "indicateurs" in parts:
        return Indicateur
    return None


@dataclass
class _Block:
    key: str | None  # None : l'en-tête (commentaires avant la première clé)
    prefix: list[str]
    lines: list[str]


def _split_blocks(text: str) -> tuple[list[str], list[_Block]]:
    """L'en-tête (commentaires avant la première clé) et les blocs de premier niveau.

    Les commentaires et lignes vides au-dessus d'une clé restent avec elle ; les lignes indentées
    (valeur imbriquée, texte d'un bloc littéral, commentaire indenté) restent avec leur clé.
    """
    header: list[str] = []
    blocks: list[_Block] = []
    pending: list[str] = []
    in_scalar = False
    # Coupé aux seuls « \n » : un U+2028 dans un texte entre guillemets n'est pas une fin de ligne.
    for line in text.split("\n"):
        m = _KEY_LINE.match(line)
        if m:
            blocks.append(_Block(m.group(1), pending, [line]))
            pending = []
            in_scalar = bool(_BLOCK_SCALAR.search(line))
        elif blocks and line[:1] in {" ", "-"} and (line.strip() or in_scalar):
            blocks[-1].lines += [*pending, line]
            pending = []
        elif not blocks:
            header.append(line)
        else:
            pending.append(line)
    if blocks:
        # Commentaires en fin de fichier : ils restent à la fin.
        blocks.append(_Block(None, pending, []))
    return header, blocks


def _collapse(lines: list[str]) -> list[str]:
    """Une ligne vide au plus entre deux groupes ; espaces de fin retirés (hors blocs littéraux)."""
    out: list[str] = []
    for line in lines:
        if not line.strip() and out and not out[-1].strip():
            continue
        out.append(line.rstrip(" \t"))
    return out


def _format_block(block: _Block, model: type[BaseModel]) -> list[str]:
    """Une clé de premier niveau et sa valeur, remises en forme isolément (indentation, ordre imbriqué)."""
    data = load_rt("\n".join(block.lines) + "\n")
    _canonical(data, model)
    return dump_rt(data).rstrip("\n").split("\n")


def layout(text: str, model: type[BaseModel]) -> str:
    """En-tête, puis les clés dans l'ordre du format, chacune avec ses commentaires."""
    header, blocks = _split_blocks(text)
    order = list(model.model_fields)
    rank = {k: i for i, k in enumerate(order)}
    tail = [b for b in blocks if b.key is None]
    body = sorted(
        (b for b in blocks if b.key is not None), key=lambda b: rank.get(b.key or "", len(rank))
    )
    lines = _collapse(header)
    for block in [*body, *tail]:
        prefix = _collapse(block.prefix)
        if prefix and not prefix[0].strip() and (not lines or not lines[-1].strip()):
            prefix = prefix[1:]
        lines += prefix + (_format_block(block, model) if block.key is not None else [])
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n"


def _to_quote(key: object, value: object) -> bool:
    """Codes (« 4.2 », INSEE, SIREN) et années seules (« 2024 ») s'écrivent comme textes entre guillemets."""
    if isinstance(value, bool) or (key == "sous_axe" and value == "transversal"):
        return False  # « transversal » est un mot, pas un code qu'un nombre YAML fausserait
    if key in _QUOTED:
        return isinstance(value, str | int | float | Decimal) and not isinstance(
            value, DoubleQuotedScalarString
        )
    if key == "axe":  # axe d'un indicateur : « 3 » ; « transversal » reste tel quel
        return isinstance(value, int | float | Decimal)
    return key in _PERIODES and isinstance(value, int)


def _written(value: object) -> str:
    """Le nombre tel qu'il est écrit dans le fichier (« 4.10 », jamais 4.1)."""
    if isinstance(value, str):
        return value
    line = dump_rt({"x": value}).strip()
    return line.split(":", 1)[1].strip()


def codes_as_text(node: Any) -> Any:
    """Les données lues, codes écrits en nombres remplacés par leur texte : ce que fmt en fera."""
    if isinstance(node, dict):
        return {
            k: (
                (f"{v:f}" if isinstance(v, Decimal) else str(v))
                if _to_quote(k, v) and not isinstance(v, str)
                else codes_as_text(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [codes_as_text(v) for v in node]
    return node


def _dict_values_model(annotation: Any) -> Any:
    """Le modèle des valeurs d'un champ `dict[str, Modèle]` (éventuellement facultatif), sinon None."""
    candidates = (
        typing.get_args(annotation)
        if typing.get_origin(annotation) in (typing.Union, types.UnionType)
        else (annotation,)
    )
    for candidate in candidates:
        if typing.get_origin(candidate) is dict:
            return inner_model(typing.get_args(candidate)[1])
    return None


def _canonical(node: Any, model: type[BaseModel] | None) -> None:
    """Ordre des clés imbriquées et guillemets des codes ; jamais de déplacement là où il y a des commentaires."""
    if isinstance(node, CommentedSeq):
        for item in node:
            _canonical(item, model)
        return
    if not isinstance(node, CommentedMap) or model is None:
        return
    fields = list(model.model_fields)
    for key in list(node):
        value = node[key]
        if _to_quote(key, value):
            node[key] = DoubleQuotedScalarString(_written(value))
        field = model.model_fields.get(key) if isinstance(key, str) else None
        if field is not None and (values_model := _dict_values_model(field.annotation)):
            # Un dictionnaire de modèles (`document.parties`) : chaque valeur mise en ordre.
            for item in value.values() if isinstance(value, CommentedMap) else []:
                _canonical(item, values_model)
        elif field is not None:
            _canonical(value, inner_model(field.annotation))
    has_comments = bool(node.ca.items) or bool(node.ca.comment)
    wanted = sorted(node, key=lambda k: fields.index(k) if k in fields else len(fields))
    if not has_comments and wanted != list(node):
        for key in wanted:
            node.move_to_end(key)


def _model_of(text: str, path: str, model: type[BaseModel]) -> BaseModel:
    try:
        document = parse_text(path, text.encode("utf-8"))
        return model.model_validate(codes_as_text(document.data))
    except YamlProblem as exc:
        raise FormatError(f"{path}:{exc.line}:{exc.column}: {exc.code} {exc.message}") from exc
    except ValidationError as exc:
        raise FormatError(
            f"{path} : données invalides, corrigez-les d'abord (acv validate)"
        ) from exc


def format_text(text: str, path: str, model: type[BaseModel]) -> str:
    """Le texte mis en forme ; refuse (FormatError) si le résultat ne relit pas les mêmes données."""
    before = _model_of(text, path, model)
    result = layout(text, model)
    if _model_of(result, path, model) != before:
        raise FormatError(
            f"{path} : la mise en forme changerait les données ; fichier laissé tel quel"
        )
    return result


@dataclass(frozen=True)
class Change:
    """Un fichier que la mise en forme change : son texte avant et après."""

    file: Path
    before: str
    after: str
    raw: bytes = b""  # les octets lus (fins de ligne, BOM), pour l'écriture

    def diff(self) -> list[str]:
        """Le diff unifié, caractères de contrôle des données et du nom échappés."""
        from acvkit.safe_text import visible
        from acvkit.writing.change import split_lines

        shown = visible(self.file)
        return [
            visible(line, lines=True)
            for line in difflib.unified_diff(
                split_lines(self.before),
                split_lines(self.after),
                f"{shown} (avant)",
                f"{shown} (après)",
            )
        ]


@dataclass
class FormatResult:
    """Ce que `acv fmt` a vu : fichiers examinés, changés, en erreur (avec leur message), et les
    autres fichiers YAML des dossiers parcourus, ni vérifiés ni comptés."""

    files: int = 0
    changed: list[Change] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    skipped: int = 0

    def summary(self, verb: str) -> str:
        unchanged = self.files - len(self.changed) - len(self.failed) - self.skipped
        text = f"{len(self.changed)} fichier(s) {verb}, {unchanged} déjà en forme"
        return text + (f", {len(self.failed)} en erreur" if self.failed else "") + "."


def format_paths(targets: list[Path], data: Path, *, write: bool) -> FormatResult:
    """Met en forme les fichiers de données de `targets` (fichiers ou dossiers) ; avec `write`,
    chaque fichier changé est réécrit d'un coup. Un chemin absent : `UsageError`. Un fichier nommé
    qui n'est pas un fichier de données n'est jamais compté « déjà en forme » : il est en erreur.
    La ligne de schéma pour l'éditeur est rétablie quand le dossier en utilise."""
    from acvkit.errors import UsageError
    from acvkit.loading.discovery import discover
    from acvkit.schema.modelines import restore
    from acvkit.workspace import data_relative, folder_uses_modelines

    files: list[Path] = []
    named: set[Path] = set()
    for target in targets:
        if target.is_dir() and write:
            from acvkit.writing.atomic import remove_stale_temporaries

            remove_stale_temporaries(target)  # restes d'une écriture d'une version précédente
        if target.is_dir():
            files += [target / r for r in discover(target)]
        elif target.is_file():
            files.append(target)
            named.add(target)
        else:
            raise UsageError(f"« {target} » n'existe pas")
    result = FormatResult(files=len(files))
    modelines: dict[Path, bool] = {}
    roots: dict[Path, list[Change]] = {}
    for file in files:
        located = data_relative(file, data)
        model = model_for(located[1]) if located is not None else None
        if model is None and file not in named:
            result.skipped += 1  # un autre fichier YAML du dossier : ni vérifié, ni compté
            continue
        if model is None or located is None:
            result.failed.append(
                (
                    file,
                    f"{file} : hors d'un dossier de données (fiches/, axes/, indicateurs/, "
                    "programme.yaml, partenaires.yaml) : non vérifié",
                )
            )
            continue
        try:
            raw = file.read_bytes()
            before = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
            after = format_text(before, file.as_posix(), model)
            if located[0] not in modelines:
                modelines[located[0]] = folder_uses_modelines(located[0])
            after = restore(after, located[1], modelines[located[0]], file)
        except FormatError as exc:
            result.failed.append((file, str(exc)))
            continue
        except UnicodeDecodeError:
            result.failed.append((file, f"{file} : fichier illisible (pas en UTF-8)"))
            continue
        except OSError as exc:
            from acvkit.writing import reason

            result.failed.append((file, f"{file} : lecture impossible : {reason(exc)}"))
            continue
        if after != before:
            change = Change(file, before, after, raw)
            result.changed.append(change)
            roots.setdefault(located[0], []).append(change)
    if write:
        _write(roots)
    return result


def _write(roots: dict[Path, list[Change]]) -> None:
    """Chaque dossier de données écrit d'un coup (acvkit.writing), vérifié par le linter complet."""
    from acvkit.config import load_config
    from acvkit.linting.catalogue import rule_names
    from acvkit.writing.change import data_change

    for root, changes in roots.items():
        with data_change(root, load_config(root, set(rule_names()))) as change:
            for one in changes:
                change.write(one.file, one.after, based_on=one.raw)
