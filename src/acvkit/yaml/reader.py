"""Lire un fichier YAML : décodage, puis lecture rapide (libyaml), ruamel.yaml au moindre doute.

Les positions ont un index par lecteur (`fast.fast_load` ou `fast.index_paths` depuis les nœuds de
libyaml, `situated.index_from_tree` depuis l'arbre de ruamel.yaml) et une seule recherche,
`positions.lookup`.
"""

from __future__ import annotations

import contextlib

from acvkit.yaml.decode import check_decoded, decode_bytes, invalid_escape
from acvkit.yaml.document import YamlDocument
from acvkit.yaml.fast import Fallback, fast_load, index_paths
from acvkit.yaml.positions import Loc, PositionIndex, lookup


def parse_text(path: str, raw: bytes, fast: bool = False, positions: bool = False) -> YamlDocument:
    """Décode et analyse un contenu ; lève YamlProblem pour tout ce qui empêche de le lire.

    Avec `fast`, un fichier ordinaire est lu par libyaml (sans positions, retrouvées au besoin) ;
    tout autre cas passe par ruamel.yaml, qui situe chaque problème. Avec `positions`, la lecture
    rapide note aussi les positions (pour situer des diagnostics sans relire le texte).
    """
    text, problems = decode_bytes(raw)
    doc: YamlDocument | None = None
    try:
        if fast and not problems:
            with contextlib.suppress(Fallback):
                # Sans positions : retrouvées (même lecture) seulement pour situer un diagnostic.
                data, places = fast_load(text, positions=positions)
                doc = YamlDocument(
                    path=path, text=text, data=data, positions=places, indexer=index_document
                )
        if doc is None:
            from acvkit.yaml.situated import parse_situated

            tree = parse_situated(text)
            doc = YamlDocument(
                path=path,
                text=text,
                data=tree,
                problems=problems,
                tree=tree,
                indexer=index_document,
            )
    except (OverflowError, ValueError) as exc:
        # « \UFFFFFFFF » : les deux lecteurs échouent en décodant l'échappement.
        issue = invalid_escape(text)
        if issue is None:
            raise
        raise issue from exc
    check_decoded(doc)
    return doc


def index_document(doc: YamlDocument) -> PositionIndex:
    """L'index des positions d'un document : tiré de son arbre situé, sinon de son texte relu."""
    if doc.tree is not None:
        from acvkit.yaml.situated import index_from_tree

        return index_from_tree(doc.tree)
    return index_text(doc.text)


def index_text(text: str) -> PositionIndex:
    """L'index des positions d'un texte déjà lu : par la lecture rapide, sinon par ruamel.yaml."""
    with contextlib.suppress(Fallback):
        _, positions = fast_load(text)
        if positions is not None:
            return positions
    from acvkit.yaml.situated import index_from_tree, situated_tree

    return index_from_tree(situated_tree(text))


def locate_many(text: str, requests: list[tuple[Loc, bool]]) -> list[tuple[int, int]]:
    """Ligne et colonne (1-based) de chaque chemin (ou de sa clé, si vrai) d'un texte déjà lu.

    Un texte ordinaire n'est parcouru que le long des chemins demandés, sans construire ses
    données ; les autres passent par l'index complet. Même recherche dans les deux cas.
    """
    try:
        index = index_paths(text, [loc for loc, _ in requests])
    except Fallback:
        index = index_text(text)
    return [lookup(index, loc, key) for loc, key in requests]
