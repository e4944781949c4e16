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


def montants_par_base(m: Montants) -> dict[str, str]:
    return {b.value: format_plain(v) for b, v in m.par_base().items()}


def _groupe(g: Groupe, avec_reste: bool = True) -> dict[str, Any]:
    groupe: dict[str, Any] = {
        "cle": list(g.cle),
        "libelle": list(g.libelle),
        "nombre_fiches": len(g.fiches),
        "fiches": sorted(g.fiches),
        "cout": montants_par_base(g.cout),
        "fiches_cout_a_determiner": sorted(g.fiches_a_determiner),
        "fiches_cout_partiel": sorted(g.fiches_partielles),
        "financements_chiffres": montants_par_base(g.finance),
        "autofinancement": montants_par_base(g.autofinancement),
        "financeurs_sans_montant": [{"fiche": n, "financeur": f} for n, f in g.sans_montant],
        "bases_deduites_du_cout": [
            {"fiche": n, "financeur": f, "base": b} for n, f, b in g.bases_deduites
        ],
    }
    if avec_reste:
        groupe["reste_a_charge"] = montants_par_base(g.reste_a_charge)
        groupe["reste_a_charge_non_determinable"] = [
            {"fiche": n, "raison": r} for n, r in g.reste_exclus
        ]
    groupe["notes"] = g.notes
    return groupe


def _avec_reste(agregat: Agregat) -> bool:
    """Par financeur, le reste à charge n'a pas de sens (il est celui de la fiche) : il n'est pas donné."""
    return "financeur" not in agregat.dimensions


def to_json(agregat: Agregat) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "dimensions": list(agregat.dimensions),
        "groupes": [_groupe(g, _avec_reste(agregat)) for g in agregat.groupes],
        "total": _groupe(agregat.total),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


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
    return tuple(c for c in COLONNES if _avec_reste(agregat) or c != "Reste à charge")


def cells(g: Groupe, euros: Any, avec_reste: bool = True) -> list[str]:
    a_determiner = ", ".join(f"FA {n}" for n in sorted(g.fiches_a_determiner))
    if g.fiches_partielles:
        a_determiner += (
            (" ; " if a_determiner else "")
            + "partiel : "
            + ", ".join(f"FA {n}" for n in sorted(g.fiches_partielles))
        )
    cellules = [
        str(len(g.fiches)),
        euros(g.cout.HT),
        euros(g.cout.TTC),
        euros(g.cout.non_precise),
        _mixte(g.finance, euros),
        _mixte(g.autofinancement, euros),
    ]
    if avec_reste:
        reste = _mixte(g.reste_a_charge, euros)
        if g.reste_exclus:
            n = len(g.reste_exclus)
            reste += f" (hors {n} fiche{'s' if n > 1 else ''})"
        cellules.append(reste)
    return [*cellules, a_determiner]


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
    writer.writerow([*(d.capitalize() for d in agregat.dimensions), *_colonnes(agregat)])
    for g in [*agregat.groupes, agregat.total]:
        libelle = list(g.libelle) if g.cle else ["Total"] + [""] * (len(agregat.dimensions) - 1)
        # Chaque cellule neutralisée (acvkit.safe_text.cellule_csv) : aucune formule depuis un nom.
        writer.writerow(
            [cellule_csv(c) for c in [*libelle, *cells(g, _csv_amount, _avec_reste(agregat))]]
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
    avec_reste = _avec_reste(agregat)
    pieds = cells(total, euros_or_dash, avec_reste)
    for titre, pied in zip(_colonnes(agregat), pieds, strict=True):
        table.add_column(
            titre, footer=pied, justify="left" if titre == "Coût à déterminer" else "right"
        )
    for g in agregat.groupes:
        table.add_row(*(texte(c) for c in [*g.libelle, *cells(g, euros_or_dash, avec_reste)]))
    lignes = [*agregat.groupes, total]
    legende: list[str] = []
    if any(
        _mixte(g.finance, str).endswith(MARQUE_MIXTE)
        or _mixte(g.reste_a_charge, str).endswith(MARQUE_MIXTE)
        or _mixte(g.autofinancement, str).endswith(MARQUE_MIXTE)
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
    if total.bases_deduites:
        legende.append(
            "Montants sans base écrite, comptés dans celle du coût (TTC, déduit du coût) : "
            + ", ".join(f"FA {n}" for n in sorted({n for n, _, _ in total.bases_deduites}))
            + "."
        )
    if total.reste_exclus and avec_reste:
        legende.append(
            "Reste à charge non déterminable, hors des totaux : "
            + " ; ".join(f"FA {n} ({r})" for n, r in total.reste_exclus)
            + "."
        )
    if not avec_reste:
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
