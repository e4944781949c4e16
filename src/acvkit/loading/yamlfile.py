"""Lecture sûre d'un fichier YAML : texte exact des montants, positions des clés et valeurs, erreurs en français."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent

DEFAULT_MAX_BYTES = 1_000_000
MAX_DEPTH = 40

Loc = tuple[str | int, ...]


class YamlProblem(Exception):
    """Un problème de lecture situé : code de diagnostic, message français, ligne et colonne (1-based)."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


def _mark_problem(code: str, message: str, mark: Any) -> YamlProblem:
    if mark is None:
        return YamlProblem(code, message)
    return YamlProblem(code, message, mark.line + 1, mark.column + 1)


class _Constructor(RoundTripConstructor):
    """Constructeur aller-retour restreint : pas d'objet arbitraire, montants exacts, dates gardées en texte."""

    def construct_exact_number(self, node: Any) -> Decimal:
        # Le texte du scalaire, jamais un flottant : « 100625.61 » reste 100625.61 au centime près.
        texte = node.value.replace("_", "")
        speciaux = {".nan": "NaN", ".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity"}
        texte = speciaux.get(texte.lower(), texte)
        try:
            return Decimal(texte)
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

    def check_mapping_key(
        self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any
    ) -> bool:
        if not isinstance(key, str):
            raise _mark_problem(
                "YML013",
                f"clé non textuelle « {key} » : les clés sont des mots, comme « numero »",
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
for _tag in ("binary", "omap", "pairs", "set"):
    _Constructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _Constructor.construct_refused)
_Constructor.add_constructor(None, _Constructor.construct_refused)


class _Composer(Composer):
    """Composeur qui refuse les alias : ils ne servent pas aux données et ouvrent la porte aux « bombes »."""

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
    ("found character '\\t'", "tabulation interdite : indentez avec des espaces"),
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
    for anglais, francais in _SYNTAX:
        if anglais in texte:
            return f"syntaxe YAML invalide : {francais}"
    return f"syntaxe YAML invalide ({texte})" if texte else "syntaxe YAML invalide"


@dataclass
class YamlDocument:
    """Un fichier YAML lu : son texte, son arbre aller-retour, et de quoi situer chaque clé et valeur."""

    path: str
    text: str
    data: Any
    problems: list[YamlProblem] = field(default_factory=list)

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Ligne et colonne (1-based) de la valeur désignée par `loc` (ou de sa clé, avec key=True).

        Les éléments de `loc` qui ne désignent rien (membre d'union de Pydantic, clé absente)
        sont sautés : on s'arrête au plus proche parent qui existe.
        """
        node = self.data
        position = (0, 0)
        if isinstance(node, CommentedMap | CommentedSeq):
            position = (node.lc.line, node.lc.col)
        for index, part in enumerate(loc):
            dernier = index == len(loc) - 1
            if isinstance(node, CommentedMap) and isinstance(part, str) and part in node:
                line, col = node.lc.key(part) if key and dernier else node.lc.value(part)
                position = (line, col)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                position = node.lc.item(part)
                node = node[part]
        return position[0] + 1, position[1] + 1

    def line_of(self, loc: Loc) -> int:
        return self.locate(loc)[0]


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int] | None:
    """La première ligne avant l'erreur qui ouvre un guillemet double sans le refermer, s'il y en a une."""
    for index, line in enumerate(text.splitlines()[: error_line + 1]):
        contenu = line.split(" #", 1)[0]
        guillemets = contenu.count('"') - contenu.count('\\"')
        if guillemets % 2 == 1:
            return index + 1, contenu.index('"') + 1
    return None


def parse_text(path: str, raw: bytes) -> YamlDocument:
    """Décode et analyse un contenu ; lève YamlProblem pour tout ce qui empêche de le lire."""
    problems: list[YamlProblem] = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("YML003", "fichier en UTF-16 : réenregistrez-le en UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            YamlProblem(
                "YML004",
                "marque d'ordre des octets (BOM) en tête de fichier : "
                "réenregistrez-le en UTF-8 sans BOM",
            )
        )
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        avant = raw[: exc.start]
        line = avant.count(b"\n") + 1
        column = exc.start - (avant.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            "YML003",
            f"fichier qui n'est pas en UTF-8 (octet 0x{raw[exc.start]:02x}) : sans doute enregistré "
            "en Windows-1252 ou Latin-1 ; réenregistrez-le en UTF-8",
            line,
            column,
        ) from exc
    if "\x00" in text:
        raise YamlProblem("YML003", "fichier binaire (octet nul) : ce n'est pas un texte YAML")
    if m := _TAB_INDENT.search(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.end() - m.start()
        raise YamlProblem(
            "YML005", "tabulation dans l'indentation : indentez avec des espaces", line, column
        )
    try:
        data = _yaml().load(text)
    except YamlProblem:
        raise
    except MarkedYAMLError as exc:
        probleme = str(exc.problem or "")
        ouvert = None
        if "expected <block end>" in probleme or "end of stream" in probleme:
            ouvert = _unclosed_quote(text, exc.problem_mark.line if exc.problem_mark else 0)
        if ouvert is not None:
            raise YamlProblem(
                "YML001",
                "syntaxe YAML invalide : guillemet ouvert sur cette ligne et jamais refermé",
                ouvert[0],
                ouvert[1],
            ) from exc
        raise _mark_problem(
            "YML001", _french_syntax(exc.problem or exc.context), exc.problem_mark
        ) from exc
    except RecursionError as exc:
        raise YamlProblem("YML012", "imbrication trop profonde") from exc
    if data is None:
        raise YamlProblem("YML006", "fichier vide : il doit contenir un tableau de clés (mapping)")
    if not isinstance(data, CommentedMap):
        nature = "une liste" if isinstance(data, CommentedSeq) else "une valeur seule"
        raise YamlProblem(
            "YML007",
            f"le fichier contient {nature} : il doit contenir un tableau de clés (mapping)",
        )
    return YamlDocument(path=path, text=text, data=data, problems=problems)


def read_document(file: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> YamlDocument:
    """Lit un fichier du disque ; toute impossibilité devient un YamlProblem en français."""
    try:
        if file.is_dir():
            raise YamlProblem("YML010", "c'est un dossier, pas un fichier YAML")
        size = file.stat().st_size
        if size > max_bytes:
            raise YamlProblem(
                "YML011",
                f"fichier trop volumineux ({size} octets, limite {max_bytes}) : il n'a pas été lu",
            )
        raw = file.read_bytes()
    except PermissionError as exc:
        raise YamlProblem("YML010", "fichier illisible : permission refusée") from exc
    except FileNotFoundError as exc:
        raise YamlProblem("YML010", "fichier introuvable (lien symbolique cassé ?)") from exc
    except OSError as exc:
        raise YamlProblem("YML010", f"fichier illisible ({exc.strerror})") from exc
    return parse_text(display, raw)
