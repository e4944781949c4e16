"""Les vues d'un agrégat de coûts : tableau pour le terminal, JSON stable, CSV pour un tableur."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from rich.table import Table

from acvkit.costs.aggregate import Agregat, Groupe, Montants
from acvkit.costs.fiche import BaseMontant
from acvkit.money import format_euros, format_plain
from acvkit.safe_text import csv_cell, json_dumps, texte

SCHEMA_VERSION = 1


def montants_by_base(m: Montants) -> dict[str, str]:
    return {b.value: format_plain(v) for b, v in m.by_base().items()}


def _groupe(g: Groupe, with_reste_a_charge: bool = True) -> dict[str, Any]:
    groupe: dict[str, Any] = {
        "cle": list(g.key),
        "libelle": list(g.libelle),
        "nombre_fiches": len(g.fiches),
        "fiches": sorted(g.fiches),
        "cout": montants_by_base(g.cout),
        "fiches_cout_a_determiner": sorted(g.undetermined_fiches),
        "fiches_cout_partiel": sorted(g.partial_fiches),
        "financements_chiffres": montants_by_base(g.finance),
        "autofinancement": montants_by_base(g.autofinancement),
        "financeurs_sans_montant": [{"fiche": n, "financeur": f} for n, f in g.sans_montant],
        "bases_deduites_du_cout": [
            {"fiche": n, "financeur": f, "base": b} for n, f, b in g.deduced_bases
        ],
    }
    if with_reste_a_charge:
        groupe["reste_a_charge"] = montants_by_base(g.reste_a_charge)
        groupe["reste_a_charge_non_determinable"] = [
            {"fiche": n, "raison": r} for n, r in g.reste_exclus
        ]
    groupe["notes"] = g.notes
    return groupe


def _with_reste_a_charge(agregat: Agregat) -> bool:
    """Par financeur, le reste à charge n'a pas de sens (il est celui de la fiche) : il n'est pas donné."""
    return "financeur" not in agregat.dimensions


def to_json(agregat: Agregat) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "dimensions": list(agregat.dimensions),
        "groupes": [_groupe(g, _with_reste_a_charge(agregat)) for g in agregat.groupes],
        "total": _groupe(agregat.total),
    }
    return json_dumps(document) + "\n"


COLONNES = (
    "Fiches",
    "Coût HT",
    "Coût TTC",
    "Coût (base ?)",
    "Financé (partenaires)",
    "Autofinancement",
    "Reste à charge",
    "Coût à déterminer",
)


def _colonnes(agregat: Agregat) -> tuple[str, ...]:
    return tuple(c for c in COLONNES if _with_reste_a_charge(agregat) or c != "Reste à charge")


def cells(g: Groupe, euros: Any, with_reste_a_charge: bool = True) -> list[str]:
    a_determiner = ", ".join(f"FA {n}" for n in sorted(g.undetermined_fiches))
    if g.partial_fiches:
        a_determiner += (
            (" ; " if a_determiner else "")
            + "partiel : "
            + ", ".join(f"FA {n}" for n in sorted(g.partial_fiches))
        )
    cellules = [
        str(len(g.fiches)),
        euros(g.cout.HT),
        euros(g.cout.TTC),
        euros(g.cout.non_precise),
        _mixed(g.finance, euros),
        _mixed(g.autofinancement, euros),
    ]
    if with_reste_a_charge:
        reste = _mixed(g.reste_a_charge, euros)
        if g.reste_exclus:
            n = len(g.reste_exclus)
            reste += f" (hors {n} fiche{'s' if n > 1 else ''})"
        cellules.append(reste)
    return [*cellules, a_determiner]


MIXED_MARK = " *"


def _mixed(m: Montants, euros: Any) -> str:
    """La somme des bases, marquée d'une étoile quand elle additionne des bases différentes."""
    bases = [v for v in m.by_base().values() if v]
    texte: str = euros(m.all_bases())
    return texte + MIXED_MARK if len(bases) > 1 else texte


def _csv_amount(value: Decimal) -> str:
    # Tableur français : virgule décimale, pas de séparateur de milliers.
    return format_plain(value).replace(".", ",")


def to_csv(agregat: Agregat) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow([*(d.capitalize() for d in agregat.dimensions), *_colonnes(agregat)])
    for g in [*agregat.groupes, agregat.total]:
        libelle = list(g.libelle) if g.key else ["Total"] + [""] * (len(agregat.dimensions) - 1)
        # Chaque cellule neutralisée (acvkit.safe_text.cellule_csv) : aucune formule depuis un nom.
        writer.writerow(
            [csv_cell(c) for c in [*libelle, *cells(g, _csv_amount, _with_reste_a_charge(agregat))]]
        )
    return buffer.getvalue()


def euros_or_dash(value: Decimal) -> str:
    return format_euros(value) if value else "–"


def to_table(agregat: Agregat) -> Table:
    table = Table(
        title="Coûts et financements (" + " × ".join(agregat.dimensions) + ")",
        show_footer=True,
        header_style="bold",
    )
    total = agregat.total
    for index, dimension in enumerate(agregat.dimensions):
        table.add_column(dimension.capitalize(), footer="Total" if index == 0 else "")
    with_reste_a_charge = _with_reste_a_charge(agregat)
    footers = cells(total, euros_or_dash, with_reste_a_charge)
    for titre, pied in zip(_colonnes(agregat), footers, strict=True):
        table.add_column(
            titre, footer=pied, justify="left" if titre == "Coût à déterminer" else "right"
        )
    for g in agregat.groupes:
        table.add_row(
            *(texte(c) for c in [*g.libelle, *cells(g, euros_or_dash, with_reste_a_charge)])
        )
    lignes = [*agregat.groupes, total]
    legende: list[str] = []
    if any(
        _mixed(g.finance, str).endswith(MIXED_MARK)
        or _mixed(g.reste_a_charge, str).endswith(MIXED_MARK)
        or _mixed(g.autofinancement, str).endswith(MIXED_MARK)
        for g in lignes
    ):
        legende.append(
            "Les coûts HT, TTC et de base non précisée sont totalisés séparément. "
            "* : montant qui additionne des bases différentes (voir --format json pour le détail)."
        )
    legende.append(
        "Financé : financements des partenaires chiffrés ; autofinancement : part annoncée du "
        "maître d'ouvrage lui-même."
    )
    if total.deduced_bases:
        legende.append(
            "Montants sans base écrite, comptés dans celle du coût (TTC, déduit du coût) : "
            + ", ".join(f"FA {n}" for n in sorted({n for n, _, _ in total.deduced_bases}))
            + "."
        )
    if total.reste_exclus and with_reste_a_charge:
        legende.append(
            "Reste à charge non déterminable, hors des totaux : "
            + " ; ".join(f"FA {n} ({r})" for n, r in total.reste_exclus)
            + "."
        )
    if not with_reste_a_charge:
        legende.append(
            "Par financeur, le reste à charge n'est pas donné : il est celui de la fiche."
        )
    notes = sorted({n for g in agregat.groupes for n in g.notes})
    if notes:
        legende.append(" ; ".join(notes).capitalize() + ".")
    if legende:
        table.caption = texte(" ".join(legende))
    return table


def base_label(base: BaseMontant) -> str:
    return base.libelle
