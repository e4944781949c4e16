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

LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))


class Fallback(Exception):
    """Ce fichier doit être relu par le chemin situé (ruamel.yaml)."""


class _Resolver(yaml.resolver.BaseResolver):
    pass


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

_Resolver.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in IMPLICIT_1_2:
    _Resolver.add_implicit_resolver(_tag, _regexp, _first)

STANDARD = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:value",  # « = » seul : un texte
}


def exact_number(text: str) -> Decimal:
    """Le nombre tel qu'écrit, en Decimal (partagé avec la lecture située)."""
    texte = text.replace("_", "")
    speciaux = {".nan": "NaN", ".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity"}
    return Decimal(speciaux.get(texte.lower(), texte))


class NonDecimalInt(int):
    """Un entier écrit en hexadécimal, octal ou binaire (0x10, 0o10, 0b10) : refusé comme montant."""


def integer(text: str) -> int:
    """Un entier YAML 1.2 comme le lit ruamel.yaml : soulignés ignorés, 0b/0o/0x, sinon décimal."""
    texte = text.replace("_", "")
    signe = -1 if texte.startswith("-") else 1
    texte = texte.lstrip("+-")
    for prefixe, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if texte.startswith(prefixe):
            return NonDecimalInt(signe * int(texte[2:], base))
    return signe * int(texte)


# Au-delà, la lecture située décide (elle refuse plus de 40 niveaux) ; les données en ont 5.
PROFONDEUR_RAPIDE = 20

Position = tuple[int, int, int, int]  # ligne et colonne de la valeur, puis de la clé (0-based)


class _Constructor(yaml.constructor.SafeConstructor):
    """Constructeur restreint qui note au passage la position de chaque clé et valeur."""

    def __init__(self) -> None:
        super().__init__()
        self.path: list[str | int] = []
        self.positions: dict[tuple[str | int, ...], Position] = {}

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node.tag not in STANDARD:
            raise Fallback  # alias, étiquette, clé de fusion
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if len(self.path) > PROFONDEUR_RAPIDE:
            raise Fallback
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str) or key in mapping:
                raise Fallback
            self.path.append(key)
            value_mark, key_mark = value_node.start_mark, key_node.start_mark
            self.positions[tuple(self.path)] = (
                value_mark.line,
                value_mark.column,
                key_mark.line,
                key_mark.column,
            )
            mapping[key] = self.construct_object(value_node, deep=deep)
            self.path.pop()
        return mapping

    def construct_yaml_map(self, node: Any) -> Any:
        return self.construct_mapping(node, deep=True)

    def construct_yaml_seq(self, node: Any) -> Any:
        if len(self.path) > PROFONDEUR_RAPIDE:
            raise Fallback
        items = []
        for index, child in enumerate(node.value):
            self.path.append(index)
            mark = child.start_mark
            self.positions[tuple(self.path)] = (mark.line, mark.column, mark.line, mark.column)
            items.append(self.construct_object(child, deep=True))
            self.path.pop()
        return items

    def construct_yaml_float(self, node: Any) -> Any:
        try:
            return exact_number(node.value)
        except InvalidOperation as exc:
            raise Fallback from exc

    def construct_yaml_int(self, node: Any) -> Any:
        return integer(node.value)

    def construct_yaml_bool(self, node: Any) -> Any:
        return node.value.lower() == "true"

    def construct_yaml_timestamp(self, node: Any) -> Any:
        return str(node.value)

    def construct_yaml_str(self, node: Any) -> Any:
        return str(node.value)

    def construct_yaml_null(self, node: Any) -> Any:
        return None


_Constructor.yaml_constructors = {}
for _name in ("map", "seq", "float", "int", "bool", "timestamp", "str", "null"):
    _Constructor.add_constructor(
        f"tag:yaml.org,2002:{_name}", getattr(_Constructor, f"construct_yaml_{_name}")
    )
_Constructor.add_constructor("tag:yaml.org,2002:value", _Constructor.construct_yaml_str)  # type: ignore[type-var]


if LIBYAML:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _Loader(CParser, _Constructor, _Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)


# Caractères que libyaml et ruamel.yaml ne traitent pas de la même façon (tabulation, NEL, LS, PS,
# BOM en milieu de texte) : ces fichiers passent par la lecture située.
_AUTRES_FINS_DE_LIGNE = re.compile("[\t\x85\u2028\u2029\ufeff]")


# Un « ! » qui pourrait ouvrir une étiquette (« !!str », « ! », « !local ») : lecture située. Le
# « ! » de la typographie française (« Bienvenue ! ») y passe aussi : plus lent, jamais faux.
_ETIQUETTE = re.compile(r"(?:^|[\s\[{,])!", re.MULTILINE)

# Une valeur vide suivie d'espaces en toute fin de fichier : ruamel la situe après les espaces.
_VIDE_FINAL = re.compile(r":[ ]+\Z")


def fast_load(text: str) -> tuple[Any, dict[tuple[str | int, ...], Position]]:
    """Les données d'un texte YAML ordinaire et leurs positions ; Fallback pour tout le reste."""
    if (
        not LIBYAML
        or _ETIQUETTE.search(text)
        or _AUTRES_FINS_DE_LIGNE.search(text)
        or _VIDE_FINAL.search(text)
    ):
        raise Fallback
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise Fallback
        data = loader.construct_document(node)
        loader.positions[()] = (node.start_mark.line, node.start_mark.column, 0, 0)
    except Fallback:
        raise
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise Fallback from exc
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not data:
        raise Fallback
    return data, loader.positions
