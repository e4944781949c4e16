"""Lecture rapide (libyaml, en C) des fichiers ordinaires, avec la même sémantique YAML 1.2 que la lecture située.

Le chemin rapide ne sert qu'aux fichiers sans surprise ; à la moindre particularité (alias,
étiquette, clé de fusion, clé en double ou non textuelle, erreur de syntaxe, imbrication
profonde…), il lève `Fallback` et le fichier est relu par ruamel.yaml, qui donne le diagnostic
situé. Les résolveurs implicites sont ceux de ruamel.yaml pour YAML 1.2 : « no » reste un
texte, « 010 » vaut 10 ; les montants sont lus dans le texte du nombre, jamais en flottant.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from acvkit.yaml.positions import Loc, PositionIndex

LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))


class Fallback(Exception):
    """Ce fichier doit être relu par le chemin situé (ruamel.yaml)."""


# Les résolveurs implicites de ruamel.yaml pour YAML 1.2, recopiés pour ne pas charger ruamel.yaml
# quand il n'y en a pas besoin ; un test vérifie qu'ils restent identiques à ceux de ruamel.yaml.
_DIGITS = list("0123456789")
IMPLICIT_1_2: list[tuple[str, re.Pattern[str], list[str]]] = [
    (
        "tag:yaml.org,2002:bool",
        re.compile("^(?:true|True|TRUE|false|False|FALSE)$", re.X),
        list("tTfF"),
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            """^(?:
         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\\.(?:inf|Inf|INF)
        |\\.(?:nan|NaN|NAN))$""",
            re.X,
        ),
        ["-", "+", *_DIGITS, "."],
    ),
    (
        "tag:yaml.org,2002:int",
        re.compile(
            """^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
            re.X,
        ),
        ["-", "+", *_DIGITS],
    ),
    ("tag:yaml.org,2002:merge", re.compile("^(?:<<)$"), ["<"]),
    (
        "tag:yaml.org,2002:null",
        re.compile(
            """^(?: ~
        |null|Null|NULL
        | )$""",
            re.X,
        ),
        ["~", "n", "N", ""],
    ),
    (
        "tag:yaml.org,2002:timestamp",
        re.compile(
            """^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \\t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?
        (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
            re.X,
        ),
        _DIGITS,
    ),
    ("tag:yaml.org,2002:value", re.compile("^(?:=)$"), ["="]),
    ("tag:yaml.org,2002:yaml", re.compile("^(?:!|&|\\*)$"), ["!", "&", "*"]),
]

# Résolution d'un scalaire nu (sans guillemets) : les résolveurs dont le premier caractère convient,
# dans l'ordre de la table, comme BaseResolver.resolve.
_BY_FIRST_CHAR: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _tag, _regexp, _first in IMPLICIT_1_2:
    for _char in _first:
        _BY_FIRST_CHAR.setdefault(_char, []).append((_tag, _regexp))


def exact_number(text: str) -> Decimal:
    """Le nombre tel qu'écrit, en Decimal (partagé avec la lecture située)."""
    texte = text.replace("_", "")
    special_values = {".nan": "NaN", ".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity"}
    return Decimal(special_values.get(texte.lower(), texte))


class NonDecimalInt(int):
    """Un entier écrit en hexadécimal, octal ou binaire (0x10, 0o10, 0b10) : refusé comme montant."""


def integer(text: str) -> int:
    """Un entier YAML 1.2 comme le lit ruamel.yaml : soulignés ignorés, 0b/0o/0x, sinon décimal."""
    texte = text.replace("_", "")
    sign = -1 if texte.startswith("-") else 1
    texte = texte.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if texte.startswith(prefix):
            return NonDecimalInt(sign * int(texte[2:], base))
    return sign * int(texte)


# Au-delà, la lecture située décide (elle refuse plus de 40 niveaux) ; les données en ont 5.
FAST_MAX_DEPTH = 20

# Étiquettes que notre analyseur donne aux nœuds sans étiquette explicite ; toute autre étiquette
# (écrite dans le fichier) renvoie à la lecture située.
_PLAIN = "tag:acvkit,nu"
_CITE = "tag:acvkit,cite"
_LIST = "tag:acvkit,liste"
_TABLE = "tag:acvkit,table"


def _plain_scalar(value: str) -> Any:
    """La valeur d'un scalaire sans guillemets, selon les résolveurs YAML 1.2 de ruamel.yaml."""
    tag = "tag:yaml.org,2002:str"
    for candidate_tag, regexp in _BY_FIRST_CHAR.get(value[:1], ()):
        if regexp.match(value):
            tag = candidate_tag
            break
    if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:value":
        return value
    if tag == "tag:yaml.org,2002:int":
        return integer(value)
    if tag == "tag:yaml.org,2002:float":
        try:
            return exact_number(value)
        except InvalidOperation as exc:
            raise Fallback from exc
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:timestamp":
        return value
    raise Fallback  # clé de fusion « << », « ! », « & » ou « * » seuls


class _Construction:
    """Construit les données d'un arbre de nœuds libyaml, en notant au besoin la place de chaque clé et valeur."""

    def __init__(self, positions: PositionIndex | None, alias: bool) -> None:
        self.positions = positions
        # Un alias (« *x ») rend deux fois le même nœud : on ne le suit que s'il y a une ancre.
        self.seen: set[int] | None = set() if alias else None

    def valeur(self, node: Any, path: Loc) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                raise Fallback
            self.seen.add(id(node))
        tag = node.tag
        if tag == _PLAIN:
            return _plain_scalar(node.value)
        if tag == _CITE:
            return node.value
        if len(path) > FAST_MAX_DEPTH:
            raise Fallback
        positions = self.positions
        if tag == _TABLE:
            table: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.valeur(key_node, path)
                if not isinstance(key, str) or key in table:
                    raise Fallback
                child_path = (*path, key)
                if positions is not None:
                    v, k = value_node.start_mark, key_node.start_mark
                    positions[child_path] = (v.line, v.column, k.line, k.column)
                table[key] = self.valeur(value_node, child_path)
            return table
        if tag == _LIST:
            items = []
            for index, child in enumerate(node.value):
                child_path = (*path, index)
                if positions is not None:
                    mark = child.start_mark
                    positions[child_path] = (mark.line, mark.column, mark.line, mark.column)
                items.append(self.valeur(child, child_path))
            return items
        raise Fallback  # étiquette écrite dans le fichier


if LIBYAML:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _Loader(CParser):
        """L'analyseur C de libyaml ; la résolution des types est faite après, par _plain_scalar."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is yaml.ScalarNode:
                return _PLAIN if implicit[0] else _CITE
            return _LIST if kind is yaml.SequenceNode else _TABLE

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass


# Caractères que libyaml et ruamel.yaml ne traitent pas de la même façon (tabulation, NEL, LS, PS,
# BOM en milieu de texte) : ces fichiers passent par la lecture située.
_OTHER_LINE_BREAKS = re.compile("[\t\x85\u2028\u2029\ufeff]")


# Un « ! » qui pourrait ouvrir une étiquette (« !!str », « ! », « !local ») : lecture située. Le
# « ! » de la typographie française (« Bienvenue ! ») y passe aussi : plus lent, jamais faux.
_LABEL = re.compile(r"(?:^|[\s\[{,])!", re.MULTILINE)


def _trailing_empty_value(text: str) -> bool:
    """Une valeur vide suivie d'espaces en toute fin de fichier (« cle:  ») : ruamel la situe après les espaces."""
    stripped = text.rstrip(" ")
    return len(stripped) < len(text) and stripped.endswith(":")


def _root_node(text: str) -> Any:
    """Le nœud racine d'un texte YAML ordinaire, composé par libyaml ; Fallback pour tout le reste."""
    if (
        not LIBYAML
        or ("!" in text and _LABEL.search(text))
        or _OTHER_LINE_BREAKS.search(text)
        or _trailing_empty_value(text)
    ):
        raise Fallback
    loader = _Loader(text)
    try:
        root_dir = loader.get_single_node()
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise Fallback from exc
    finally:
        loader.dispose()
    if root_dir is None or root_dir.tag != _TABLE:
        raise Fallback
    return root_dir


def fast_load(text: str, positions: bool = True) -> tuple[Any, PositionIndex | None]:
    """Les données d'un texte YAML ordinaire (et l'index de leurs positions) ; Fallback pour tout le reste."""
    root_dir = _root_node(text)
    construction = _Construction({} if positions else None, alias="&" in text)
    try:
        data = construction.valeur(root_dir, ())
    except (RecursionError, ValueError, TypeError) as exc:
        raise Fallback from exc
    if construction.positions is not None:
        construction.positions[()] = (root_dir.start_mark.line, root_dir.start_mark.column, 0, 0)
    if not data:
        raise Fallback
    return data, construction.positions


def index_paths(text: str, locs: list[Loc]) -> PositionIndex:
    """L'index des positions restreint aux chemins demandés, sans construire les données.

    `positions.lookup` y trouve, pour ces chemins, ce qu'il trouverait dans l'index complet de
    `fast_load` : seuls les nœuds le long des chemins sont parcourus, en sautant comme lui les
    éléments qui ne désignent rien. Pour un texte que `fast_load` refuserait (clé en double, clé
    non textuelle…), le résultat n'a pas de sens : ne s'emploie que sur un texte déjà lu par le
    chemin rapide ; Fallback sinon.
    """
    root_dir = _root_node(text)
    index: PositionIndex = {(): (root_dir.start_mark.line, root_dir.start_mark.column, 0, 0)}
    for loc in locs:
        node: Any = root_dir
        current: Loc = ()
        for part in loc:
            next_node = None
            if node.tag == _TABLE and isinstance(part, str):
                for key_node, value_node in node.value:
                    if key_node.tag in (_PLAIN, _CITE) and key_node.value == part:
                        v, k = value_node.start_mark, key_node.start_mark
                        next_node, place = value_node, (v.line, v.column, k.line, k.column)
                        break
            elif node.tag == _LIST and isinstance(part, int) and 0 <= part < len(node.value):
                next_node = node.value[part]
                mark = next_node.start_mark
                place = (mark.line, mark.column, mark.line, mark.column)
            if next_node is not None:
                node, current = next_node, (*current, part)
                index[current] = place
    return index
