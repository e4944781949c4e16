"""Les nouveaux textes des fiches modifiées par `acv import` : commentaires et mise en page gardés,
chaque texte relu et comparé à la fiche attendue avant que quoi que ce soit ne soit écrit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from acvkit.anct.import_model import Changement, ImportRefused, Resultat
from acvkit.anct.import_suivi import valeur_yaml
from acvkit.indicateurs.tableur import ChangementIndicateur
from acvkit.indicateurs.tableur import textes as textes_indicateurs
from acvkit.models import Fiche
from acvkit.yaml.roundtrip import dump_rt, load_rt


def _set(node: Any, chemin: tuple[str | int, ...], valeur: Any) -> None:
    for part in chemin[:-1]:
        node = node[part]
    node[chemin[-1]] = valeur


def _yaml_value(valeur: Any) -> Any:
    if isinstance(valeur, Decimal):
        return (
            int(valeur)
            if valeur == valeur.to_integral_value()
            else valeur.quantize(Decimal("0.01"))
        )
    return valeur_yaml(valeur)  # énumérations, listes du suivi (import_suivi.py)


def _relire(path: str, texte: str, attendu: dict[str, Any]) -> None:
    """Le texte modifié doit redonner exactement la fiche attendue ; ImportRefused sinon."""
    from pydantic import ValidationError

    from acvkit.yaml.document import YamlProblem
    from acvkit.yaml.reader import parse_text

    try:
        relu = Fiche.model_validate(parse_text(path, texte.encode("utf-8")).data).model_dump()
    except (YamlProblem, ValidationError):
        relu = None
    if relu != attendu:
        raise ImportRefused(
            f"{path} : la modification ne se relit pas à l'identique ; rien n'est écrit"
        )


def nouveaux_textes(resultat: Resultat) -> dict[Path, str]:
    """Le nouveau texte de chaque fichier modifié (commentaires, mise en page et fins de ligne gardés).

    Aucun changement n'efface une valeur (une cellule vidée est un problème, pas un changement).
    """
    par_fichier: dict[str, list[Changement]] = {}
    for changement in resultat.changements:
        if isinstance(changement, Changement):
            par_fichier.setdefault(changement.entry.doc.path, []).append(changement)
    try:  # la feuille « Indicateurs » (acvkit.indicateurs.tableur)
        textes: dict[Path, str] = textes_indicateurs(
            [c for c in resultat.changements if isinstance(c, ChangementIndicateur)]
        )
    except ValueError as exc:
        raise ImportRefused(str(exc)) from exc
    for path, changements in par_fichier.items():
        entry = changements[0].entry
        data = load_rt(entry.doc.text)
        attendu = entry.model.model_dump()
        for c in changements:
            assert c.apres is not None
            _set(data, c.chemin, _yaml_value(c.apres))
            _set(attendu, c.chemin, c.apres)
        texte = dump_rt(data)
        _relire(path, texte, attendu)
        if "\r\n" in entry.doc.text:
            texte = texte.replace("\r\n", "\n").replace("\n", "\r\n")
        textes[Path(path)] = texte
    return textes
