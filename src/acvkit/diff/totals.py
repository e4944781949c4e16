"""Les totaux avant / après / écart par collectivité, axe, sous-axe et financeur, base par base.

Le coût chiffré pour une collectivité, un axe, un sous-axe (et pour l'ensemble du plan) ; pour un
financeur, ce qu'il finance. Calculés par le module d'agrégation d'`acv couts`, jamais ici.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acvkit.costs.aggregate import Montants, Referentiel, aggregate, sort_key
from acvkit.costs.export import montants_by_base
from acvkit.diff.fields import montants_delta
from acvkit.models import Fiche

# (clé JSON, dimension d'agrégation, ce qui est totalisé)
TOTALS = (
    ("collectivite", "collectivite", "cout"),
    ("axe", "axe", "cout"),
    ("sous_axe", "sous-axe", "cout"),
    ("financeur", "financeur", "finance"),
)


@dataclass(frozen=True)
class TotalRow:
    key: str
    libelle: str
    avant: dict[str, str]
    apres: dict[str, str]

    @property
    def ecart(self) -> dict[str, str]:
        return montants_delta(self.avant, self.apres)

    def as_dict(self) -> dict[str, Any]:
        return {"cle": self.key, "avant": self.avant, "apres": self.apres, "ecart": self.ecart}


def _by_groupe(
    fiches: list[Fiche], dimension: str, mesure: str, ref: Referentiel
) -> tuple[dict[str, dict[str, str]], dict[str, str], dict[str, str]]:
    agregat = aggregate(fiches, (dimension,), ref)
    valeurs = {g.key[0]: montants_by_base(getattr(g, mesure)) for g in agregat.groupes}
    libelles = {g.key[0]: g.libelle[0] for g in agregat.groupes}
    return valeurs, libelles, montants_by_base(getattr(agregat.total, mesure))


def totaux(
    avant: list[Fiche], apres: list[Fiche], before_ref: Referentiel, after_ref: Referentiel
) -> dict[str, list[TotalRow]]:
    """Les lignes qui changent, pour chaque regroupement ; « ensemble » : coût et financements du plan."""
    zero = montants_by_base(Montants())
    out: dict[str, list[TotalRow]] = {}
    overall: list[TotalRow] = []
    for nom, dimension, mesure in TOTALS:
        va, la, ta = _by_groupe(avant, dimension, mesure, before_ref)
        vb, lb, tb = _by_groupe(apres, dimension, mesure, after_ref)
        keys = sorted(set(va) | set(vb), key=sort_key)
        lignes = [
            TotalRow(k, lb.get(k) or la[k], va.get(k, zero), vb.get(k, zero))
            for k in keys
            if va.get(k, zero) != vb.get(k, zero) and not (mesure == "finance" and k == "aucun")
        ]
        out[nom] = lignes
        if dimension == "collectivite" and ta != tb:
            overall.append(TotalRow("cout", "Coût du plan", ta, tb))
        if dimension == "financeur" and ta != tb:
            overall.append(TotalRow("financements", "Financements chiffrés du plan", ta, tb))
    out["ensemble"] = overall
    return out
