"""Les totaux avant / après / écart par collectivité, axe, sous-axe et financeur, base par base.

Le coût chiffré pour une collectivité, un axe, un sous-axe (et pour l'ensemble du plan) ; pour un
financeur, ce qu'il finance. Calculés par le module d'agrégation d'`acv costs`, jamais ici.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acvkit.costs.aggregate import Montants, Referentiel, aggregate, sort_key
from acvkit.costs.export import montants_par_base
from acvkit.diff.fields import ecart_montants
from acvkit.models import Fiche

# (clé JSON, dimension d'agrégation, ce qui est totalisé)
TOTAUX = (
    ("collectivite", "collectivite", "cout"),
    ("axe", "axe", "cout"),
    ("sous_axe", "sous-axe", "cout"),
    ("financeur", "financeur", "finance"),
)


@dataclass(frozen=True)
class LigneTotal:
    cle: str
    libelle: str
    avant: dict[str, str]
    apres: dict[str, str]

    @property
    def ecart(self) -> dict[str, str]:
        return ecart_montants(self.avant, self.apres)

    def as_dict(self) -> dict[str, Any]:
        return {"cle": self.cle, "avant": self.avant, "apres": self.apres, "ecart": self.ecart}


def _par_groupe(
    fiches: list[Fiche], dimension: str, mesure: str, ref: Referentiel
) -> tuple[dict[str, dict[str, str]], dict[str, str], dict[str, str]]:
    agregat = aggregate(fiches, (dimension,), ref)
    valeurs = {g.cle[0]: montants_par_base(getattr(g, mesure)) for g in agregat.groupes}
    libelles = {g.cle[0]: g.libelle[0] for g in agregat.groupes}
    return valeurs, libelles, montants_par_base(getattr(agregat.total, mesure))


def totaux(
    avant: list[Fiche], apres: list[Fiche], ref_avant: Referentiel, ref_apres: Referentiel
) -> dict[str, list[LigneTotal]]:
    """Les lignes qui changent, pour chaque regroupement ; « ensemble » : coût et financements du plan."""
    zero = montants_par_base(Montants())
    out: dict[str, list[LigneTotal]] = {}
    ensemble: list[LigneTotal] = []
    for nom, dimension, mesure in TOTAUX:
        va, la, ta = _par_groupe(avant, dimension, mesure, ref_avant)
        vb, lb, tb = _par_groupe(apres, dimension, mesure, ref_apres)
        cles = sorted(set(va) | set(vb), key=sort_key)
        lignes = [
            LigneTotal(k, lb.get(k) or la[k], va.get(k, zero), vb.get(k, zero))
            for k in cles
            if va.get(k, zero) != vb.get(k, zero) and not (mesure == "finance" and k == "aucun")
        ]
        out[nom] = lignes
        if dimension == "collectivite" and ta != tb:
            ensemble.append(LigneTotal("cout", "Coût du plan", ta, tb))
        if dimension == "financeur" and ta != tb:
            ensemble.append(LigneTotal("financements", "Financements chiffrés du plan", ta, tb))
    out["ensemble"] = ensemble
    return out
