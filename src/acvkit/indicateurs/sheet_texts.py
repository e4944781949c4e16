"""Les nouveaux textes des fichiers indicateurs/<id>.yaml après `acv import` (feuille
« Indicateurs », lue par indicateurs/spreadsheet.py) : commentaires et mise en page gardés, une
valeur ajoutée à sa place dans l'ordre des années, chaque texte relu avant d'être rendu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from acvkit.indicateurs.spreadsheet import IndicateurChange
from acvkit.models import Indicateur


def _yaml(valeur: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if isinstance(valeur, dict):
        mapping = CommentedMap((k, _yaml(v)) for k, v in valeur.items())
        mapping.fa.set_flow_style()
        return mapping
    return valeur


def _apply(node: Any, c: IndicateurChange, flat: bool) -> None:
    """Un changement sur l'arbre YAML (plat=False) ou sur le dictionnaire du modèle (plat=True)."""
    for part in c.path[:-1]:
        node = node[part]
    key = c.path[-1]
    if c.ajout:
        if node.get(key) is None:
            node[key] = [] if flat else _block_list()
        # À sa place dans l'ordre des années (IND008), pas au bout de la liste.
        items = node[key]
        place = next(
            (n for n, item in enumerate(items) if item.get("annee", 0) > c.apres["annee"]),
            len(items),
        )
        items.insert(place, dict(c.apres) if flat else _yaml(c.apres))
    elif c.apres is None:
        if flat:
            node[key] = None
        elif isinstance(key, str) and key in node:
            del node[key]
    else:
        node[key] = c.apres if flat else _yaml(c.apres)


def _block_list() -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq()


def textes(changes: list[IndicateurChange]) -> dict[Path, str]:
    """Le nouveau texte de chaque fichier d'indicateur ; ValueError s'il ne se relit pas à l'identique."""
    from pydantic import ValidationError

    from acvkit.loading.model_errors import french_summary
    from acvkit.yaml.reader import parse_text
    from acvkit.yaml.roundtrip import dump_rt, load_rt

    by_file: dict[str, list[IndicateurChange]] = {}
    for c in changes:
        by_file.setdefault(c.entry.doc.path, []).append(c)
    out: dict[Path, str] = {}
    for path, liste in by_file.items():
        entry = liste[0].entry
        tree = load_rt(entry.doc.text)
        expected = entry.model.model_dump()
        for c in liste:
            _apply(tree, c, flat=False)
            _apply(expected, c, flat=True)
        texte = dump_rt(tree)
        try:
            reread = Indicateur.model_validate(parse_text(path, texte.encode("utf-8")).data)
            wanted = Indicateur.model_validate(expected)
        except ValidationError as exc:
            raise ValueError(
                f"{path} : l'indicateur ne se validerait plus ({french_summary(exc, Indicateur)}) "
                "; rien n'est écrit"
            ) from None
        if reread.model_dump() != wanted.model_dump():
            raise ValueError(
                f"{path} : la modification ne se relit pas à l'identique ; rien n'est écrit"
            )
        out[Path(path)] = texte
    return out
