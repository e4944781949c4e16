"""Les nouveaux textes des fiches modifiées par `acv import` : commentaires et mise en page gardés,
chaque texte relu et comparé à la fiche attendue avant que quoi que ce soit ne soit écrit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from acvkit.anct.importing.model import Change, ImportRefused, Resultat
from acvkit.anct.importing.suivi import yaml_value
from acvkit.indicateurs.sheet_texts import textes as indicateurs_texts
from acvkit.indicateurs.spreadsheet import IndicateurChange
from acvkit.models import Fiche
from acvkit.suivi.journal import append_entry
from acvkit.yaml.roundtrip import dump_rt, load_rt


def _set(node: Any, path: tuple[str | int, ...], valeur: Any) -> None:
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = valeur


def _yaml_value(valeur: Any) -> Any:
    if isinstance(valeur, Decimal):
        return (
            int(valeur)
            if valeur == valeur.to_integral_value()
            else valeur.quantize(Decimal("0.01"))
        )
    return yaml_value(valeur)  # énumérations, listes du suivi (import_suivi.py)


def _check_round_trip(path: str, texte: str, expected: dict[str, Any]) -> None:
    """Le texte modifié doit redonner exactement la fiche attendue ; ImportRefused sinon."""
    from pydantic import ValidationError

    from acvkit.loading.model_errors import french_summary
    from acvkit.yaml.document import YamlProblem
    from acvkit.yaml.reader import parse_text

    try:
        reread = Fiche.model_validate(parse_text(path, texte.encode("utf-8")).data).model_dump()
    except YamlProblem as exc:
        raise ImportRefused(
            f"{path} : la modification ne se relit pas ({exc.message}) ; rien n'est écrit"
        ) from None
    except ValidationError as exc:
        raise ImportRefused(
            f"{path} : la fiche ne se validerait plus ({french_summary(exc, Fiche)}) ; "
            "rien n'est écrit"
        ) from None
    if reread != expected:
        raise ImportRefused(
            f"{path} : la modification ne se relit pas à l'identique ; rien n'est écrit"
        )


def new_texts(resultat: Resultat) -> dict[Path, str]:
    """Le nouveau texte de chaque fichier modifié (commentaires, mise en page et fins de ligne gardés).

    Aucun changement n'efface une valeur (une cellule vidée est un problème, pas un changement).
    """
    by_file: dict[str, list[Change]] = {}
    for change in resultat.changes:
        if isinstance(change, Change):
            by_file.setdefault(change.entry.doc.path, []).append(change)
    try:  # la feuille « Indicateurs » (acvkit.indicateurs.spreadsheet)
        textes: dict[Path, str] = indicateurs_texts(
            [c for c in resultat.changes if isinstance(c, IndicateurChange)]
        )
    except ValueError as exc:
        raise ImportRefused(str(exc)) from exc
    for path, changes in by_file.items():
        entry = changes[0].entry
        data = load_rt(entry.doc.text)
        expected = entry.model.model_dump()
        for c in changes:
            if c.path == ("suivi",):  # une entrée ajoutée au journal, les autres intactes
                added = c.after[-1]
                append_entry(data, added["statut"], added["date"], added["note"])
            else:
                _set(data, c.path, _yaml_value(c.after))
            _set(expected, c.path, c.after)
        texte = dump_rt(data)
        _check_round_trip(path, texte, expected)
        if "\r\n" in entry.doc.text:
            texte = texte.replace("\r\n", "\n").replace("\n", "\r\n")
        textes[Path(path)] = texte
    return textes
