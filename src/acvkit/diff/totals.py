"""Les totaux avant / après / écart par collectivité, axe, sous-axe et financeur, base par base.

Le coût chiffré pour une collectivité, un axe, un sous-axe (et pour l'ensemble du plan) ; pour un
financeur, ce qu'il finance comme partenaire ; pour le plan, chaque catégorie du glossaire
(financements des partenaires, investissements privés, prêts, autofinancement). Calculés par le
module d'agrégation d'`acv couts`, jamais ici.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acvkit.costs.aggregate import Montants, Referentiel, aggregate, sort_key
from acvkit.costs.export import montants_by_base
from acvkit.costs.glossary import Categorie
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
        va, labels_a, ta = _by_groupe(avant, dimension, mesure, before_ref)
        vb, labels_b, tb = _by_groupe(apres, dimension, mesure, after_ref)
        keys = sorted(set(va) | set(vb), key=sort_key)
        lignes = [
            TotalRow(k, labels_b.get(k) or labels_a[k], va.get(k, zero), vb.get(k, zero))
            for k in keys
            if va.get(k, zero) != vb.get(k, zero) and not (mesure == "finance" and k == "aucun")
        ]
        out[nom] = lignes
        if dimension == "collectivite" and ta != tb:
            overall.append(TotalRow("cout", "Coût du plan", ta, tb))
    # Les financements du plan, une catégorie du glossaire chacun (jamais un prêt ajouté à une
    # subvention) : autofinancement et prêts comptent aussi, chacun sous son nom.
    before_total = aggregate(avant, ("axe",), before_ref).total
    after_total = aggregate(apres, ("axe",), after_ref).total
    for cat in Categorie:
        ta = montants_by_base(before_total.of(cat))
        tb = montants_by_base(after_total.of(cat))
        if ta != tb:
            overall.append(TotalRow(cat.term.key, f"{cat.term.libelle} du plan", ta, tb))
    out["ensemble"] = overall
    return out


# Les étapes de la vie d'une subvention, dans l'ordre d'un tableau : le prévu de l'avenant, puis
# ce qui est demandé, attribué, versé, et refusé (le montant demandé d'une demande refusée, ou à
# défaut le prévu).
STAGES = ("prevu", "demande", "attribue", "verse", "refuse")


@dataclass(frozen=True)
class CycleRow:
    """Un financeur (ou le plan entier) : chaque étape avant et après, None si rien n'est écrit."""

    key: str
    libelle: str
    avant: dict[str, dict[str, str] | None]
    apres: dict[str, dict[str, str] | None]
    # Demandes refusées avant et après : (nombre, nombre dont le montant est écrit).
    refusals: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0))

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "cle": self.key,
            "libelle": self.libelle,
            "demandes_refusees": {"avant": self.refusals[0][0], "apres": self.refusals[1][0]},
        }
        for stage in STAGES:
            a, b = self.avant[stage], self.apres[stage]
            item: dict[str, Any] = {"avant": a, "apres": b}
            if a is not None and b is not None and a != b:
                item["ecart"] = montants_delta(a, b)
            out[stage] = item
        return out


Refusals = dict[str, tuple[int, int]]  # financeur → (demandes refusées, dont montant écrit)


def _stages(fiches: list[Fiche], refusals: Refusals) -> dict[str, dict[str, Montants | None]]:
    """Financeur → étape → somme par base (None : aucun montant écrit pour cette étape)."""
    from acvkit.costs.aggregate import base_financement
    from acvkit.costs.fiche import BaseMontant

    out: dict[str, dict[str, Montants | None]] = {}
    for fiche in fiches:
        for f in fiche.financements or []:
            row = out.setdefault(f.financeur, dict.fromkeys(STAGES))
            base = base_financement(fiche, BaseMontant.of(f.base) if f.base else None)
            refused = f.statut is not None and f.statut.value == "refuse"
            for stage, value in (
                ("prevu", f.montant),
                ("demande", f.montant_demande),
                ("attribue", f.montant_attribue),
                ("verse", f.montant_verse),
                ("refuse", (f.montant_demande or f.montant) if refused else None),
            ):
                if value is not None:
                    if row[stage] is None:
                        row[stage] = Montants()
                    row[stage].add(base, value)  # type: ignore[union-attr]
            if refused:
                count, known = refusals.get(f.financeur, (0, 0))
                written = (f.montant_demande or f.montant) is not None
                refusals[f.financeur] = (count + 1, known + written)
    return out


def cycles(avant: list[Fiche], apres: list[Fiche], names: dict[str, str]) -> list[CycleRow]:
    """Demandé, attribué, versé et refusé à côté du prévu, par financeur et pour le plan entier.

    Seuls les financeurs dont une étape du suivi (demandé, attribué, versé, refusé) change ; la
    ligne du plan est là dès qu'un financeur y est.
    """
    refused_a: Refusals = {}
    refused_b: Refusals = {}
    stages_a, stages_b = _stages(avant, refused_a), _stages(apres, refused_b)
    empty: dict[str, Montants | None] = dict.fromkeys(STAGES)

    def text(m: Montants | None) -> dict[str, str] | None:
        return None if m is None else montants_by_base(m)

    rows: list[CycleRow] = []
    total_a: dict[str, Montants | None] = dict.fromkeys(STAGES)
    total_b: dict[str, Montants | None] = dict.fromkeys(STAGES)
    for totals, side in ((total_a, stages_a), (total_b, stages_b)):
        for stages in side.values():
            for stage, m in stages.items():
                if m is not None:
                    if totals[stage] is None:
                        totals[stage] = Montants()
                    for base, v in m.by_base().items():
                        totals[stage].add(base, v)  # type: ignore[union-attr]
    for key in sorted(set(stages_a) | set(stages_b), key=sort_key):
        a = {s: text(m) for s, m in stages_a.get(key, empty).items()}
        b = {s: text(m) for s, m in stages_b.get(key, empty).items()}
        refused_before, refused_after = refused_a.get(key, (0, 0)), refused_b.get(key, (0, 0))
        if any(a[s] != b[s] for s in STAGES if s != "prevu") or refused_before != refused_after:
            rows.append(CycleRow(key, names.get(key, key), a, b, (refused_before, refused_after)))
    if rows:

        def total(refused: Refusals) -> tuple[int, int]:
            return (sum(n for n, _ in refused.values()), sum(k for _, k in refused.values()))

        rows.append(
            CycleRow(
                "plan",
                "Ensemble du plan",
                {s: text(m) for s, m in total_a.items()},
                {s: text(m) for s, m in total_b.items()},
                (total(refused_a), total(refused_b)),
            )
        )
    return rows
