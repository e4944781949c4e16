"""Les vues de `acv indicateurs` : texte pour le terminal, JSON stable, Markdown, CSV pour un tableur."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from decimal import Decimal
from typing import Any

from acvkit.indicateurs.number_text import french_number, machine, with_unite
from acvkit.indicateurs.trajectoire import (
    HUNDREDTH,
    TOLERANCE,
    Evaluation,
    Series,
    Verdict,
    round_to,
)
from acvkit.models import Mesure
from acvkit.safe_text import json_dumps

SCHEMA_VERSION = 1

# --- JSON --------------------------------------------------------------------------------------


def _mesure(m: Mesure) -> dict[str, Any]:
    return {
        "annee": m.annee,
        "valeur": machine(m.valeur),
        "territoire": m.territoire,
        "perimetre": m.perimetre.value if m.perimetre else None,
        "source": m.source,
        "commentaire": m.commentaire,
    }


def _to_hundredth(valeur: Decimal | None) -> Decimal | None:
    return None if valeur is None else round_to(valeur, HUNDREDTH)


def _series(s: Series) -> dict[str, Any]:
    return {
        "territoire": s.territoire,
        "perimetre": s.perimetre,
        "derniere_valeur": _mesure(s.last),
        "valeurs": [_mesure(m) for m in s.valeurs],
        "attendu": machine(_to_hundredth(s.expected)),
        "ecart": machine(_to_hundredth(s.ecart)),
        "avancement": machine(s.avancement),
        "verdict": s.verdict.value,
    }


def _evaluation(e: Evaluation) -> dict[str, Any]:
    i = e.indicateur
    reference = i.reference
    return {
        "id": i.id,
        "axe": i.axe,
        "intitule": i.intitule,
        "unite": i.unite,
        "sens": e.sens.value if e.sens else None,
        "reference": None
        if reference is None
        else {
            "annee": reference.annee,
            "valeur": machine(reference.valeur),
            "source": reference.source,
        },
        "cible": None
        if e.cible is None
        else {"annee": e.cible.annee, "valeur": machine(e.cible.valeur)},
        "cibles": [{"annee": c.annee, "valeur": machine(c.valeur)} for c in i.cibles],
        "trajectoire": [{"annee": p.annee, "valeur": machine(p.valeur)} for p in e.trajectoire],
        "tolerance": machine(_to_hundredth(e.tolerance)),
        "series": [_series(s) for s in e.series],
        "verdict": e.verdict.value,
        "fiches": e.fiches,
    }


def to_json(evaluations: list[Evaluation]) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "tolerance_relative": machine(TOLERANCE),
        "indicateurs": [_evaluation(e) for e in evaluations],
    }
    return json_dumps(document) + "\n"


# --- Lignes communes (texte, Markdown, CSV) ----------------------------------------------------

COLONNES = (
    "Indicateur",
    "Intitulé",
    "Territoire",
    "Périmètre",
    "Référence",
    "Dernière valeur",
    "Cible",
    "Attendu",
    "Avancement",
    "Verdict",
)


def _format_annee_valeur(annee: int | None, valeur: Decimal | None, unite: str | None) -> str:
    if annee is None or valeur is None:
        return "–"
    return f"{with_unite(valeur, unite)} ({annee})"


def lignes(evaluations: list[Evaluation]) -> list[list[str]]:
    """Une ligne par série de valeurs, une seule pour un indicateur sans valeur ; textes prêts."""
    out: list[list[str]] = []
    for e in evaluations:
        i = e.indicateur
        ref = i.reference
        head = [
            i.id,
            i.intitule,
        ]
        reference = _format_annee_valeur(
            ref.annee if ref else None, ref.valeur if ref else None, i.unite
        )
        cible = _format_annee_valeur(
            e.cible.annee if e.cible else None, e.cible.valeur if e.cible else None, i.unite
        )
        if not e.series:
            out.append([*head, "–", "–", reference, "–", cible, "–", "–", e.verdict.value])
        for s in e.series:
            expected = _to_hundredth(s.expected)
            out.append(
                [
                    *head,
                    s.territoire or "–",
                    s.perimetre or "–",
                    reference,
                    _format_annee_valeur(s.last.annee, s.last.valeur, i.unite),
                    cible,
                    with_unite(expected, i.unite) if expected is not None else "–",
                    f"{french_number(s.avancement)}\u00a0%" if s.avancement is not None else "–",
                    s.verdict.value,
                ]
            )
    return out


def _bilan(evaluations: list[Evaluation]) -> str:
    counts = Counter(e.verdict for e in evaluations)
    parts = [f"{counts[v]} {v.value}" for v in Verdict if counts[v]]
    return f"{len(evaluations)} indicateur(s) : " + ", ".join(parts) + "."


# --- Texte -------------------------------------------------------------------------------------

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe(texte: str) -> str:
    """Un texte sans caractère de contrôle : chacun écrit \\xNN ou \\uNNNN, visible et inoffensif."""

    def code(m: re.Match[str]) -> str:
        n = ord(m.group())
        return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"

    return _CONTROL_CHARS.sub(code, texte)


def to_text(evaluations: list[Evaluation]) -> str:
    out: list[str] = []
    for e in evaluations:
        i = e.indicateur
        precisions = ", ".join(p for p in (i.unite, e.sens.value if e.sens else None) if p)
        out.append(f"{i.id} · {i.intitule}" + (f" ({precisions})" if precisions else ""))
        ref = i.reference
        head = [
            "référence "
            + _format_annee_valeur(
                ref.annee if ref else None, ref.valeur if ref else None, i.unite
            ),
            "cible "
            + _format_annee_valeur(
                e.cible.annee if e.cible else None, e.cible.valeur if e.cible else None, i.unite
            ),
        ]
        if e.fiches:
            head.append("suivi par " + ", ".join(f"FA {n}" for n in e.fiches))
        out.append("  " + " · ".join(head))
        if not e.series:
            out.append(f"  {e.verdict.value}")
        for s in e.series:
            where = ", ".join(p for p in (s.territoire, s.perimetre) if p)
            expected = _to_hundredth(s.expected)
            pieces = [
                (f"{where} : " if where else "")
                + f"{with_unite(s.last.valeur, i.unite)} en {s.last.annee}"
            ]
            if expected is not None:
                pieces.append(f"attendu {with_unite(expected, i.unite)}")
            if s.avancement is not None:
                pieces.append(f"avancement {french_number(s.avancement)}\u00a0%")
            pieces.append(s.verdict.value)
            out.append("  " + " · ".join(pieces))
        out.append("")
    out.append(_bilan(evaluations))
    return "\n".join(safe(ligne) for ligne in out) + "\n"


# --- Markdown ----------------------------------------------------------------------------------


def _md_cell(texte: str) -> str:
    texte = safe(texte).replace("\\", "\\\\").replace("|", "\\|")
    return re.sub(r"([*_`<>\[\]])", r"\\\1", texte)


def to_markdown(evaluations: list[Evaluation]) -> str:
    out = [
        "# Indicateurs d'évaluation",
        "",
        "| " + " | ".join(COLONNES) + " |",
        "|" + "---|" * len(COLONNES),
    ]
    out += ["| " + " | ".join(_md_cell(c) for c in ligne) + " |" for ligne in lignes(evaluations)]
    out += ["", _bilan(evaluations)]
    return "\n".join(out) + "\n"


# --- CSV ---------------------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(,\d+)?$")


def neutralize(champ: str) -> str:
    """Un champ qu'un tableur prendrait pour une formule reçoit une apostrophe ; un vrai nombre non."""
    if champ.startswith(FORMULA_PREFIXES) and not _NUMBER.match(champ):
        return "'" + champ
    return champ


def _csv_number(valeur: Decimal | None) -> str:
    # Tableur français : virgule décimale, pas de séparateur de milliers.
    return "" if valeur is None else (machine(valeur) or "").replace(".", ",")


CSV_COLONNES = (
    "Indicateur",
    "Axe",
    "Intitulé",
    "Unité",
    "Sens",
    "Territoire",
    "Périmètre",
    "Année de référence",
    "Référence",
    "Année de la dernière valeur",
    "Dernière valeur",
    "Année de la cible",
    "Cible",
    "Attendu",
    "Écart",
    "Avancement (%)",
    "Verdict",
)


def to_csv(evaluations: list[Evaluation]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_COLONNES)
    for e in evaluations:
        i = e.indicateur
        ref = i.reference
        head = [
            i.id,
            i.axe,
            i.intitule,
            i.unite or "",
            e.sens.value if e.sens else "",
        ]
        common = [
            str(ref.annee) if ref else "",
            _csv_number(ref.valeur if ref else None),
        ]
        cible = [
            str(e.cible.annee) if e.cible else "",
            _csv_number(e.cible.valeur if e.cible else None),
        ]
        ranks: list[list[str]] = []
        if not e.series:
            ranks.append([*head, "", "", *common, "", "", *cible, "", "", "", e.verdict.value])
        for s in e.series:
            ranks.append(
                [
                    *head,
                    s.territoire or "",
                    s.perimetre or "",
                    *common,
                    str(s.last.annee),
                    _csv_number(s.last.valeur),
                    *cible,
                    _csv_number(_to_hundredth(s.expected)),
                    _csv_number(_to_hundredth(s.ecart)),
                    _csv_number(s.avancement),
                    s.verdict.value,
                ]
            )
        for ordinal in ranks:
            writer.writerow([neutralize(safe(c)) for c in ordinal])
    return buffer.getvalue()
