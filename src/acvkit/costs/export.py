"""Les vues d'un agrégat de coûts : tableau pour le terminal, JSON stable, CSV pour un tableur.

Les mots et leurs définitions viennent du glossaire (`acvkit.costs.glossary`). Le tableau et le
CSV donnent une ligne par base (HT, TTC, base non précisée) : jamais une somme de bases
différentes, comme les annexes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rich.table import Table

from acvkit.costs.aggregate import Agregat, Groupe, Montants
from acvkit.costs.fiche import BaseMontant
from acvkit.costs.glossary import (
    AUTOFINANCEMENT,
    BASE_OF_COUT,
    COUT_CHIFFRE,
    FINANCEMENTS_PARTENAIRES,
    INVESTISSEMENTS_PRIVES,
    NO_BASE_TEXT,
    PRETS,
    RESTE_A_CHARGE,
    TERMS,
    UNKNOWN_WORDS,
    Categorie,
    Term,
)
from acvkit.money import format_euros, format_plain
from acvkit.safe_text import csv_cell, json_dumps, texte

SCHEMA_VERSION = 2

# Les en-têtes des dimensions, accentués comme dans les documents.
DIMENSION_LABELS = {
    "axe": "Axe",
    "sous-axe": "Sous-axe",
    "collectivite": "Collectivité",
    "maitre-ouvrage": "Maître d'ouvrage",
    "financeur": "Financeur",
    "annee": "Année",
    "type": "Type",
}


def dimension_label(dimension: str) -> str:
    return DIMENSION_LABELS.get(dimension, dimension.capitalize())


def montants_by_base(m: Montants) -> dict[str, str]:
    return {b.value: format_plain(v) for b, v in m.by_base().items()}


def _groupe(g: Groupe, with_reste_a_charge: bool = True) -> dict[str, Any]:
    groupe: dict[str, Any] = {
        "cle": list(g.key),
        "libelle": list(g.libelle),
        "nombre_fiches": len(g.fiches),
        "fiches": sorted(g.fiches),
        COUT_CHIFFRE.key: montants_by_base(g.cout),
        "fiches_cout_a_determiner": sorted(g.undetermined_fiches),
        "fiches_cout_partiel": sorted(g.partial_fiches),
        "fiches_cout_non_renseigne": sorted(g.unfilled_fiches),
    }
    for cat in Categorie:
        groupe[cat.term.key] = montants_by_base(g.of(cat))
    groupe["financeurs_sans_montant"] = [{"fiche": n, "financeur": f} for n, f in g.named_only]
    groupe["bases_deduites_du_cout"] = [
        {"fiche": n, "financeur": f, "base": b} for n, f, b in g.deduced_bases
    ]
    if with_reste_a_charge:
        groupe[RESTE_A_CHARGE.key] = montants_by_base(g.reste_a_charge)
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
        "glossaire": {t.key: f"{t.libelle} : {t.definition}" for t in TERMS},
        "dimensions": list(agregat.dimensions),
        "groupes": [_groupe(g, _with_reste_a_charge(agregat)) for g in agregat.groupes],
        "total": _groupe(agregat.total),
    }
    return json_dumps(document) + "\n"


NOT_COUNTED = "Non compté"
BASE_HEADER = "Base"

Euros = Callable[[Decimal], str]


def _measures(agregat: Agregat) -> list[Term]:
    """Les colonnes de montants : prêts et investissements privés seulement s'il y en a."""
    lignes = [*agregat.groupes, agregat.total]
    out = [COUT_CHIFFRE, FINANCEMENTS_PARTENAIRES]
    for cat, term in ((Categorie.PRIVES, INVESTISSEMENTS_PRIVES), (Categorie.PRETS, PRETS)):
        if any(not g.of(cat).is_zero for g in lignes):
            out.append(term)
    out.append(AUTOFINANCEMENT)
    if _with_reste_a_charge(agregat):
        out.append(RESTE_A_CHARGE)
    return out


def colonnes(agregat: Agregat) -> tuple[str, ...]:
    """Les en-têtes des colonnes après celles des dimensions."""
    return ("Fiches", BASE_HEADER, *(t.libelle for t in _measures(agregat)), NOT_COUNTED)


def _montants(g: Groupe, term: Term) -> Montants:
    if term is COUT_CHIFFRE:
        return g.cout
    if term is RESTE_A_CHARGE:
        return g.reste_a_charge
    cat = next(c for c in Categorie if c.term is term)
    return g.of(cat)


def _bases(g: Groupe, mesures: list[Term]) -> list[BaseMontant]:
    """Les bases où le groupe a un montant, dans l'ordre HT, TTC, non précisée."""
    return [b for b in BaseMontant if any(_montants(g, t).get(b) for t in mesures)]


def _not_counted(g: Groupe, with_reste_a_charge: bool) -> str:
    parts = []
    for libelle, numeros in (
        ("coût à déterminer", g.undetermined_fiches),
        ("coût partiel", g.partial_fiches),
        ("coût non renseigné", g.unfilled_fiches),
    ):
        if numeros:
            parts.append(f"{libelle} : " + ", ".join(f"FA {n}" for n in sorted(numeros)))
    if with_reste_a_charge and g.reste_exclus:
        n = len(g.reste_exclus)
        parts.append(f"reste à charge non déterminable : {n} fiche{'s' if n > 1 else ''}")
    return " ; ".join(parts)


def _cell(g: Groupe, term: Term, base: BaseMontant, euros: Euros) -> str:
    """Un montant connu, zéro compris ; un reste à charge qu'aucune fiche ne donne dans cette base
    est « non déterminable », jamais 0."""
    montants = _montants(g, term)
    if term is RESTE_A_CHARGE and base not in montants.seen:
        return "non déterminable"
    return euros(montants.get(base))


def rows(g: Groupe, agregat: Agregat, euros: Euros) -> list[list[str]]:
    """Les lignes d'un groupe, une par base : fiches, base, montants, ce qui n'est pas compté."""
    mesures = _measures(agregat)
    with_reste = _with_reste_a_charge(agregat)
    bases = _bases(g, mesures)
    non_compte = _not_counted(g, with_reste)
    if not bases:
        return [[str(len(g.fiches)), "aucun montant", *("" for _ in mesures), non_compte]]
    out = []
    for index, base in enumerate(bases):
        first = index == 0
        out.append(
            [
                str(len(g.fiches)) if first else "",
                NO_BASE_TEXT if base is BaseMontant.UNSPECIFIED else base.value,
                *(_cell(g, t, base, euros) for t in mesures),
                non_compte if first else "",
            ]
        )
    return out


def _csv_amount(value: Decimal) -> str:
    # Tableur français : virgule décimale, pas de séparateur de milliers.
    return format_plain(value).replace(".", ",")


def to_csv(agregat: Agregat) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow([*(dimension_label(d) for d in agregat.dimensions), *colonnes(agregat)])
    for g in [*agregat.groupes, agregat.total]:
        libelle = list(g.libelle) if g.key else ["Total"] + [""] * (len(agregat.dimensions) - 1)
        # Chaque cellule neutralisée (acvkit.safe_text.cellule_csv) : aucune formule depuis un nom.
        for ligne in rows(g, agregat, _csv_amount):
            writer.writerow([csv_cell(c) for c in [*libelle, *ligne]])
    return buffer.getvalue()


def euros(value: Decimal) -> str:
    """Un montant connu, zéro compris (« 0 € ») : « non renseigné » ne se dit que de l'inconnu."""
    return format_euros(value)


def legende(agregat: Agregat) -> list[str]:
    """La légende du tableau : les mots employés (glossaire), puis ce qui est hors des totaux."""
    total = agregat.total
    lignes = [
        "Une ligne par base : les montants HT, TTC et de base non précisée ne sont jamais "
        "additionnés."
    ]
    lignes += [t.legende for t in _measures(agregat)]
    lignes.append("Mots : " + " ; ".join(UNKNOWN_WORDS) + ".")
    if total.deduced_bases:
        bases = " ou ".join(sorted({b for _, _, b in total.deduced_bases}))
        lignes.append(
            f"Montants sans base écrite, comptés dans celle de leur coût ({BASE_OF_COUT} : "
            f"ici {bases}) : "
            + ", ".join(f"FA {n}" for n in sorted({n for n, _, _ in total.deduced_bases}))
            + "."
        )
    if total.reste_exclus and _with_reste_a_charge(agregat):
        lignes.append(
            "Reste à charge non déterminable, hors des totaux : "
            + " ; ".join(f"FA {n} ({r})" for n, r in total.reste_exclus)
            + "."
        )
    if not _with_reste_a_charge(agregat):
        lignes.append(
            "Par financeur, le reste à charge n'est pas donné : il est celui de la fiche."
        )
    notes = sorted({n for g in agregat.groupes for n in g.notes})
    if notes:
        lignes.append(" ; ".join(notes).capitalize() + ".")
    return lignes


def to_table(agregat: Agregat) -> Table:
    table = Table(
        title="Coûts et financements ("
        + " × ".join(dimension_label(d) for d in agregat.dimensions)
        + ")",
        header_style="bold",
    )
    for dimension in agregat.dimensions:
        table.add_column(dimension_label(dimension))
    for titre in colonnes(agregat):
        table.add_column(titre, justify="left" if titre in (NOT_COUNTED, BASE_HEADER) else "right")
    for g in [*agregat.groupes, agregat.total]:
        libelle = list(g.libelle) if g.key else ["Total"] + [""] * (len(agregat.dimensions) - 1)
        lignes = rows(g, agregat, euros)
        for index, ligne in enumerate(lignes):
            cellules = libelle if index == 0 else [""] * len(libelle)
            table.add_row(
                *(texte(c) for c in [*cellules, *ligne]),
                style="bold" if not g.key else None,
                end_section=index == len(lignes) - 1,
            )
    table.caption = texte("\n".join(legende(agregat)))
    return table
