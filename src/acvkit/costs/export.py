"""Les vues d'un agrégat de coûts : tableau pour le terminal, JSON stable, CSV pour un tableur."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from rich.table import Table

from acvkit.costs.aggregate import Agregat, Groupe, Montants
from acvkit.costs.fiche import BaseMontant
from acvkit.money import format_euros, format_plain
from acvkit.safe_text import cellule_csv, texte

SCHEMA_VERSION = 1


def _montants(m: Montants) -> dict[str, str]:
    return {b.value: format_plain(v) for b, v in m.par_base().items()}


def _groupe(g: Groupe) -> dict[str, Any]:
    return {
        "cle": list(g.cle),
        "libelle": list(g.libelle),
        "nombre_fiches": len(g.fiches),
        "fiches": sorted(g.fiches),
        "cout": _montants(g.cout),
        "fiches_cout_a_determiner": sorted(g.fiches_a_determiner),
        "fiches_cout_partiel": sorted(g.fiches_partielles),
        "financements_chiffres": _montants(g.finance),
        "financeurs_sans_montant": [{"fiche": n, "financeur": f} for n, f in g.sans_montant],
        "reste_a_charge": _montants(g.reste_a_charge),
        "notes": g.notes,
    }


def to_json(agregat: Agregat) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "dimensions": list(agregat.dimensions),
        "groupes": [_groupe(g) for g in agregat.groupes],
        "total": _groupe(agregat.total),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


COLONNES = (
    "Fiches",
    "Coût HT",
    "Coût TTC",
    "Coût (base ?)",
    "Financé",
    "Reste à charge",
    "Coût à déterminer",
)


def _cells(g: Groupe, euros: Any) -> list[str]:
    a_determiner = ", ".join(f"FA {n}" for n in sorted(g.fiches_a_determiner))
    if g.fiches_partielles:
        a_determiner += (
            (" ; " if a_determiner else "")
            + "partiel : "
            + ", ".join(f"FA {n}" for n in sorted(g.fiches_partielles))
        )
    return [
        str(len(g.fiches)),
        euros(g.cout.HT),
        euros(g.cout.TTC),
        euros(g.cout.non_precise),
        _mixte(g.finance, euros),
        _mixte(g.reste_a_charge, euros),
        a_determiner,
    ]


MARQUE_MIXTE = " *"


def _mixte(m: Montants, euros: Any) -> str:
    """La somme des bases, marquée d'une étoile quand elle additionne des bases différentes."""
    bases = [v for v in m.par_base().values() if v]
    texte: str = euros(m.toutes_bases())
    return texte + MARQUE_MIXTE if len(bases) > 1 else texte


def _csv_amount(value: Decimal) -> str:
    # Tableur français : virgule décimale, pas de séparateur de milliers.
    return format_plain(value).replace(".", ",")


def to_csv(agregat: Agregat) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow([*(d.capitalize() for d in agregat.dimensions), *COLONNES])
    for g in [*agregat.groupes, agregat.total]:
        libelle = list(g.libelle) if g.cle else ["Total"] + [""] * (len(agregat.dimensions) - 1)
        # Chaque cellule neutralisée (acvkit.safe_text.cellule_csv) : aucune formule depuis un nom.
        writer.writerow([cellule_csv(c) for c in [*libelle, *_cells(g, _csv_amount)]])
    return buffer.getvalue()


def _euros_or_dash(value: Decimal) -> str:
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
    for titre, pied in zip(COLONNES, _cells(total, _euros_or_dash), strict=True):
        table.add_column(
            titre, footer=pied, justify="left" if titre == "Coût à déterminer" else "right"
        )
    for g in agregat.groupes:
        table.add_row(*(texte(c) for c in [*g.libelle, *_cells(g, _euros_or_dash)]))
    lignes = [*agregat.groupes, total]
    legende: list[str] = []
    if any(
        _mixte(g.finance, str).endswith(MARQUE_MIXTE)
        or _mixte(g.reste_a_charge, str).endswith(MARQUE_MIXTE)
        for g in lignes
    ):
        legende.append(
            "Les coûts HT, TTC et de base non précisée sont totalisés séparément. "
            "* : montant qui additionne des bases différentes (voir --format json pour le détail)."
        )
    notes = sorted({n for g in agregat.groupes for n in g.notes})
    if notes:
        legende.append(" ; ".join(notes).capitalize() + ".")
    if legende:
        table.caption = texte(" ".join(legende))
    return table


def base_label(base: BaseMontant) -> str:
    return base.libelle
