"""Lecture sûre d'un fichier YAML : texte exact des montants, positions des clés et valeurs, erreurs en français."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from typing import Any

from acvkit.loading.fastyaml import Fallback, fast_load
from acvkit.loading.problems import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES
from acvkit.loading.problems import MAX_DEPTH as MAX_DEPTH
from acvkit.loading.problems import Loc as Loc
from acvkit.loading.problems import YamlProblem as YamlProblem
from acvkit.loading.problems import line_col as line_col
from acvkit.loading.problems import value_position as value_position


@dataclass
class YamlDocument:
    """Un fichier YAML lu : son texte, ses données, et de quoi situer chaque clé et valeur.

    Un fichier lu par le chemin rapide n'a pas encore d'arbre situé : il n'est relu par ruamel.yaml
    que si un diagnostic doit être placé dans ce fichier.
    """

    path: str
    text: str
    data: Any
    problems: list[YamlProblem] = field(default_factory=list)
    _tree: Any = field(default=None, repr=False, compare=False)
    # Positions notées par la lecture rapide : (ligne, colonne) de chaque valeur et de sa clé.
    positions: dict[Loc, tuple[int, int, int, int]] | None = field(
        default=None, repr=False, compare=False
    )
    # Résultats des règles qui ne regardent que ce fichier : (code, chemin, message, sur la clé, contexte).
    local: list[tuple[str, Loc, str, bool, str]] | None = field(
        default=None, repr=False, compare=False
    )
    # Calculs faits d'avance pour les règles de tout le jeu de données, par code de règle.
    prepared: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def tree(self) -> Any:
        if self._tree is None:
            from acvkit.loading.situated import situated_tree

            self._tree = situated_tree(self.text)
        return self._tree

    @property
    def built_tree(self) -> Any:
        """L'arbre situé s'il est déjà construit, sinon None (sans relire le texte)."""
        return self._tree

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Ligne et colonne (1-based) de la valeur désignée par `loc` (ou de sa clé, avec key=True).

        Les éléments de `loc` qui ne désignent rien (membre d'union de Pydantic, clé absente)
        sont sautés : on s'arrête au plus proche parent qui existe.
        """
        if self.positions is None and self._tree is None:
            # Document venu du cache : positions retrouvées par la lecture rapide, sinon par ruamel.
            with contextlib.suppress(Fallback):
                self.positions = fast_load(self.text)[1]
        if self.positions is not None:
            return self._locate_indexed(loc, key)
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node = self.tree
        position = (0, 0)
        if isinstance(node, CommentedMap | CommentedSeq):
            position = (node.lc.line, node.lc.col)
        for index, part in enumerate(loc):
            dernier = index == len(loc) - 1
            if isinstance(node, CommentedMap) and isinstance(part, str) and part in node:
                # Une clé venue d'une fusion (« <<: ») n'a pas de position propre : on garde le parent.
                with contextlib.suppress(KeyError):
                    position = node.lc.key(part) if key and dernier else value_position(node, part)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                position = node.lc.item(part)
                node = node[part]
        return position[0] + 1, position[1] + 1

    def _locate_indexed(self, loc: Loc, key: bool) -> tuple[int, int]:
        assert self.positions is not None
        current: Loc = ()
        line, column, _, _ = self.positions.get((), (0, 0, 0, 0))
        for index, part in enumerate(loc):
            candidate = (*current, part)
            found = self.positions.get(candidate)
            if found is None:
                continue
            current = candidate
            last = index == len(loc) - 1
            line, column = (found[2], found[3]) if key and last else (found[0], found[1])
        return line + 1, column + 1

    def line_of(self, loc: Loc) -> int:
        return self.locate(loc)[0]


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def parse_text(path: str, raw: bytes, fast: bool = False, positions: bool = False) -> YamlDocument:
    """Décode et analyse un contenu ; lève YamlProblem pour tout ce qui empêche de le lire.

    Avec `fast`, un fichier ordinaire est lu par libyaml (sans positions, retrouvées au besoin) ;
    tout autre cas passe par ruamel.yaml, qui situe chaque problème. Avec `positions`, la lecture
    rapide note aussi les positions (pour situer des diagnostics sans relire le texte).
    """
    from acvkit.loading.decoded import check_decoded, invalid_escape

    text, problems = _decode(raw)
    doc: YamlDocument | None = None
    try:
        if fast and not problems:
            with contextlib.suppress(Fallback):
                # Sans positions : retrouvées (même lecture) seulement pour situer un diagnostic.
                data, places = fast_load(text, positions=positions)
                doc = YamlDocument(path=path, text=text, data=data, positions=places)
        if doc is None:
            from acvkit.loading.situated import parse_situated

            tree = parse_situated(text)
            doc = YamlDocument(path=path, text=text, data=tree, problems=problems, _tree=tree)
    except (OverflowError, ValueError) as exc:
        # « \UFFFFFFFF » : les deux lecteurs échouent en décodant l'échappement.
        probleme = invalid_escape(text)
        if probleme is None:
            raise
        raise probleme from exc
    check_decoded(doc)
    return doc


def _looks_utf16(raw: bytes) -> bool:
    """Un texte UTF-16 sans BOM : un octet sur deux est nul (texte latin)."""
    echantillon = raw[:400]
    if len(echantillon) < 8:
        return False
    pairs, impairs = echantillon[0::2].count(0), echantillon[1::2].count(0)
    return max(pairs, impairs) > len(echantillon) // 3


def _decode(raw: bytes) -> tuple[str, list[YamlProblem]]:
    problems: list[YamlProblem] = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
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
        debut = raw[: exc.start].decode("utf-8", "replace")
        line, column = line_col(debut, len(debut))
        raise YamlProblem(
            "YML003",
            f"fichier qui n'est pas en UTF-8 (octet 0x{raw[exc.start]:02x}) : sans doute enregistré "
            "en Windows-1252 ou Latin-1 ; réenregistrez-le en UTF-8",
            line,
            column,
        ) from exc
    if "\x00" in text:
        line, column = line_col(text, text.index("\x00"))
        raise YamlProblem(
            "YML003",
            "octet nul dans le fichier (fichier binaire ?) : ce n'est pas un texte YAML",
            line,
            column,
        )
    if m := _TAB_INDENT.search(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.end() - m.start()
        raise YamlProblem(
            "YML005", "tabulation dans l'indentation : indentez avec des espaces", line, column
        )
    return text, problems
