"""La lecture située (ruamel.yaml) : chaque problème à sa ligne et sa colonne, en français.

Chargé seulement quand il sert : fichier que la lecture rapide ne prend pas, ou diagnostic à situer.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.reader import ReaderError

from acvkit.yaml.document import MAX_DEPTH, YamlProblem
from acvkit.yaml.fast import exact_number
from acvkit.yaml.positions import Loc, PositionIndex, line_col


def _mark_problem(code: str, message: str, mark: Any) -> YamlProblem:
    if mark is None:
        return YamlProblem(code, message)
    return YamlProblem(code, message, mark.line + 1, mark.column + 1)


class _Constructor(RoundTripConstructor):
    """Constructeur aller-retour restreint : pas d'objet arbitraire, montants exacts, dates gardées en texte."""

    def construct_exact_number(self, node: Any) -> Decimal:
        # Le texte du scalaire, jamais un flottant : « 100625.61 » reste 100625.61 au centime près.
        try:
            return exact_number(node.value)
        except InvalidOperation as exc:
            raise _mark_problem(
                "YML001", f"nombre illisible « {node.value} »", node.start_mark
            ) from exc

    def construct_timestamp_as_text(self, node: Any) -> str:
        # Les dates sont gardées telles qu'écrites : le modèle les comprend comme des périodes.
        return str(node.value)

    def construct_refused(self, node: Any) -> Any:
        raise _mark_problem(
            "YML008",
            f"étiquette YAML non autorisée « {str(node.tag).replace('tag:yaml.org,2002:', '!!')} » : "
            "les données acvkit n'utilisent "
            "que des textes, nombres, listes et tableaux",
            node.start_mark,
        )

    def flatten_mapping(self, node: Any) -> Any:
        # Les clés de fusion (« <<: ») cachent des valeurs : refusées, comme les alias.
        for key_node, _value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _mark_problem(
                    "YML009",
                    "clé de fusion « << » non autorisée : écrivez chaque clé",
                    key_node.start_mark,
                )
        return super().flatten_mapping(node)

    def construct_plain_text(self, node: Any) -> str:
        # Un texte, même étiqueté « !!str 2024 » : jamais un objet ruamel qui porterait l'étiquette.
        if not isinstance(node.value, str):
            raise _mark_problem(
                "YML008", "étiquette !!str sur une valeur qui n'est pas un texte", node.start_mark
            )
        texte = str(node.value)
        if node.style == ">":
            # Dans un texte plié, ruamel marque les plis par « \a » pour les réécrire : ce ne sont
            # pas des données (un vrai caractère de contrôle est refusé avant, au décodage).
            texte = texte.replace("\a", "")
        return texte

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        try:
            return super().construct_non_recursive_object(node, tag)
        except (KeyError, ValueError, TypeError, OverflowError, AttributeError, IndexError) as exc:
            # « !!bool oui », « !!int abc », « !!int » vide, « !!float {…} » : une étiquette standard
            # sur une valeur qui ne lui va pas.
            label = str(tag or node.tag).replace("tag:yaml.org,2002:", "!!")
            valeur = (
                f"« {node.value} »"
                if isinstance(node.value, str) and node.value
                else "vide ou composée"
            )
            raise _mark_problem(
                "YML008",
                f"la valeur {valeur} ne correspond pas à l'étiquette {label}",
                node.start_mark,
            ) from exc

    def check_mapping_key(
        self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any
    ) -> bool:
        if not isinstance(key, str):
            written = (
                key_node.value
                if isinstance(key_node.value, str)
                else "{…}"
                if isinstance(key, dict)
                else "[…]"
            )
            if (
                isinstance(key_node.value, list)
                and key_node.value
                and isinstance(key_node.value[0], tuple)
            ):
                written = (
                    "{"
                    + ", ".join(
                        f"{k.value}: {v.value}"
                        for k, v in key_node.value
                        if hasattr(v, "value") and isinstance(v.value, str)
                    )
                    + "}"
                )
            raise _mark_problem(
                "YML013",
                f"clé non textuelle « {written} » : les clés sont des mots, comme « numero »",
                key_node.start_mark,
            )
        if key in mapping:
            raise _mark_problem(
                "YML002",
                f"clé « {key} » en double dans le même bloc : supprimez l'une des deux",
                key_node.start_mark,
            )
        return True


_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_exact_number)
_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _Constructor.construct_timestamp_as_text
)
_Constructor.add_constructor("tag:yaml.org,2002:str", _Constructor.construct_plain_text)
# « = » seul est résolu en !!value : c'est un texte comme un autre.
_Constructor.add_constructor("tag:yaml.org,2002:value", _Constructor.construct_timestamp_as_text)
for _tag in ("binary", "omap", "pairs", "set"):
    _Constructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _Constructor.construct_refused)
_Constructor.add_constructor(None, _Constructor.construct_refused)


class _Composer(Composer):
    """Composeur qui refuse les alias : ils ne servent pas aux données et ouvrent la porte aux « bombes »."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        # Une ancre en double est sans effet tant qu'aucun alias ne s'en sert (ils sont refusés).
        self.warn_double_anchors = False

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            raise _mark_problem(
                "YML009",
                f"alias YAML « *{event.anchor} » non autorisé : recopiez la valeur",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Constructor
    yaml.Composer = _Composer
    yaml.max_depth = MAX_DEPTH
    return yaml


# Traductions des messages de l'analyseur syntaxique.
_SYNTAX = [
    (
        "mapping values are not allowed",
        "deux-points inattendu : une valeur contenant « : » doit être entre guillemets",
    ),
    ("could not find expected ':'", "deux-points « : » attendu après la clé"),
    (
        "found unexpected end of stream",
        "fin de fichier inattendue : un guillemet n'est pas refermé",
    ),
    (
        "expected <block end>",
        "indentation incohérente : alignez cette ligne sur les clés de son bloc",
    ),
    ("found undefined alias", "alias YAML non défini"),
    ("found character '\\t'", "tabulation interdite ici : remplacez-la par une espace"),
    (
        "found unknown escape character",
        "séquence d'échappement inconnue dans un texte entre guillemets",
    ),
    ("did not find expected key", "clé attendue : vérifiez l'indentation et les tirets de liste"),
    (
        "did not find expected '-' indicator",
        "tiret de liste « - » attendu : vérifiez l'indentation",
    ),
    ("found duplicate anchor", "ancre YAML en double"),
    ("expected a single document", "un seul document par fichier : retirez la ligne « --- »"),
    ("found another document", "un seul document par fichier : retirez la ligne « --- »"),
    (
        "while scanning a directive",
        "ligne qui commence par « % » : mettez la valeur entre guillemets",
    ),
    ("found character '@'", "« @ » ne peut pas commencer une valeur : mettez-la entre guillemets"),
    ("found character '`'", "« ` » ne peut pas commencer une valeur : mettez-la entre guillemets"),
    (
        "while scanning an alias",
        "« * » ne peut pas commencer une valeur : mettez-la entre guillemets",
    ),
    (
        "while scanning an anchor",
        "« & » ne peut pas commencer une valeur : mettez-la entre guillemets",
    ),
    (
        "expected <document start>",
        "contenu inattendu : vérifiez l'indentation de la première ligne",
    ),
    (
        "expected '<document start>'",
        "contenu inattendu : vérifiez l'indentation de la première ligne",
    ),
    ("maximum depth", f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"),
    ("found unacceptable character", "caractère non autorisé dans un fichier YAML"),
    ("expected ',' or '}'", "virgule ou accolade fermante « } » attendue"),
    ("expected ',' or ']'", "virgule ou crochet fermant « ] » attendu"),
    ("did not find expected node content", "valeur attendue"),
    (
        "found character that cannot start any token",
        "caractère qui ne peut pas commencer une valeur : mettez la valeur entre guillemets",
    ),
]


def _french_syntax(problem: str | None) -> str:
    texte = problem or ""
    for english, french in _SYNTAX:
        if english in texte:
            return f"syntaxe YAML invalide : {french}"
    return "syntaxe YAML invalide : vérifiez cette ligne (guillemets, deux-points, indentation)"


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int] | None:
    """La première ligne avant l'erreur qui ouvre un guillemet double sans le refermer, s'il y en a une."""
    for index, line in enumerate(text.splitlines()[: error_line + 1]):
        content = line.split(" #", 1)[0]
        quote_count = content.count('"') - content.count('\\"')
        if quote_count % 2 == 1:
            return index + 1, content.index('"') + 1
    return None


def parse_situated(text: str) -> CommentedMap:
    """L'arbre situé d'un texte ; lève YamlProblem, situé et en français, s'il ne se lit pas."""
    try:
        data = _yaml().load(text)
    except YamlProblem:
        raise
    except MarkedYAMLError as exc:
        issue = str(exc.problem or "")
        unclosed = None
        if "expected <block end>" in issue or "end of stream" in issue:
            unclosed = _unclosed_quote(text, exc.problem_mark.line if exc.problem_mark else 0)
        if unclosed is not None:
            raise YamlProblem(
                "YML001",
                "syntaxe YAML invalide : guillemet ouvert sur cette ligne et jamais refermé",
                unclosed[0],
                unclosed[1],
            ) from exc
        code = "YML012" if "maximum depth" in str(exc.problem) else "YML001"
        raise _mark_problem(
            code, _french_syntax(exc.problem or exc.context), exc.problem_mark
        ) from exc
    except RecursionError as exc:
        raise YamlProblem("YML012", "imbrication trop profonde") from exc
    except ReaderError as exc:
        raise _reader_problem(text, exc) from exc
    if data is None:
        raise YamlProblem("YML006", "fichier vide : il doit contenir un tableau de clés (mapping)")
    if not isinstance(data, CommentedMap):
        nature = "une liste" if isinstance(data, CommentedSeq) else "une valeur seule"
        raise YamlProblem(
            "YML007",
            f"le fichier contient {nature} : il doit contenir un tableau de clés (mapping)",
        )
    return data


# Les caractères que le lecteur YAML refuse (même définition que ruamel.yaml.reader).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _reader_problem(text: str, exc: ReaderError) -> YamlProblem:
    """Un caractère que YAML refuse (contrôle, saut de ligne manuel de Word…), situé dans le texte."""
    # La position donnée par ruamel n'est pas fiable (comptée après le tampon) : on cherche soi-même.
    forbidden = _NON_PRINTABLE.search(text)
    position = forbidden.start() if forbidden else max(0, min(int(exc.position), len(text)))
    line, column = line_col(text, position)
    char = text[position] if position < len(text) else ""
    code = f"U+{ord(char):04X}" if char else "?"
    return YamlProblem(
        "YML001",
        f"caractère interdit dans un fichier YAML ({code}, souvent copié de Word) : supprimez-le",
        line,
        column,
    )


def situated_tree(text: str) -> Any:
    """L'arbre ruamel d'un texte déjà lu (vide s'il ne se relit pas), pour en tirer les positions."""
    try:
        return _yaml().load(text)
    except (YAMLError, YamlProblem, RecursionError):
        return CommentedMap()


def value_position(node: Any, key: str) -> tuple[int, int]:
    """La position de la valeur d'une clé ; une valeur vide (« titre: ») est située juste après les deux-points."""
    line, col = node.lc.value(key)
    key_line, key_col = node.lc.key(key)
    if node[key] is None and line != key_line:
        return key_line, key_col + len(key) + 1
    return line, col


def index_from_tree(tree: Any) -> PositionIndex:
    """L'index des positions d'un arbre ruamel, de même forme que celui de la lecture rapide."""
    positions: PositionIndex = {}
    if isinstance(tree, CommentedMap | CommentedSeq) and tree.lc.line is not None:
        positions[()] = (tree.lc.line, tree.lc.col, 0, 0)

    def walk(node: Any, loc: Loc) -> None:
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                if not isinstance(key, str) or key not in node.lc.data:
                    continue  # clé non textuelle, ou venue d'une fusion « <<: » : pas de position propre
                vl, vc = value_position(node, key)
                kl, kc = node.lc.key(key)
                positions[(*loc, key)] = (vl, vc, kl, kc)
                walk(value, (*loc, key))
        elif isinstance(node, CommentedSeq):
            for index, value in enumerate(node):
                line, col = node.lc.item(index)
                positions[(*loc, index)] = (line, col, line, col)
                walk(value, (*loc, index))

    walk(tree, ())
    return positions
