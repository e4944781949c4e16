"""Le suivi d'une fiche en lignes de texte (`acv show N`) : statut, journal, financements, réalisé.

Les montants sont écrits dans leur base (celle du financement ou de la dépense, sinon celle du
coût) ; un montant que les données n'écrivent pas est « non renseigné », jamais 0.
"""

from __future__ import annotations

from decimal import Decimal

from acvkit.costs.aggregate import base_financement
from acvkit.costs.fiche import BaseMontant
from acvkit.costs.financement import base_text
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche
from acvkit.money import format_euros
from acvkit.suivi.etat import current_statut, last_entry

NOT_GIVEN = "non renseigné"
STAGES = {
    "prevu": "prévu",
    "demande": "demandé",
    "attribue": "attribué",
    "refuse": "refusé",
    "verse": "versé",
}


def _euros(montant: Decimal | None, base: BaseMontant) -> str:
    return NOT_GIVEN if montant is None else f"{format_euros(montant)} {base_text(base)}"


def suivi_lines(fiche: Fiche, data: Dataset) -> list[tuple[str, str]]:
    """(style, ligne) ; vide quand la fiche n'a aucun suivi (ni statut, ni journal, ni réalisé)."""
    names = {p.model.id: p.model.nom for p in data.partenaires}
    with_follow_up = [f for f in fiche.financements or [] if _has_follow_up(f)]
    if not (fiche.statut or fiche.suivi or fiche.realise or with_follow_up):
        return []
    out: list[tuple[str, str]] = []
    statut = current_statut(fiche)
    last = last_entry(fiche)
    out.append(
        (
            "bold",
            f"Statut : {statut.libelle if statut else NOT_GIVEN}"
            + (f" (dernière entrée du {last.date:%d/%m/%Y})" if last else " (aucune entrée)"),
        )
    )
    if fiche.suivi:
        out.append(("bold", "Journal"))
        for entry in fiche.suivi:
            texte = f"  {entry.date:%d/%m/%Y} · {entry.statut.libelle}"
            if entry.note:
                texte += f" — {entry.note}"
            out.append(("", texte))
            out += [("yellow", f"      vigilance : {v}") for v in entry.vigilance or []]
    if with_follow_up:
        out.append(("bold", "Financements"))
        for f in with_follow_up:
            base = base_financement(fiche, BaseMontant.of(f.base) if f.base else None)
            statut_f = STAGES.get(f.statut.value, f.statut.value) if f.statut else NOT_GIVEN
            out.append(("", f"  {names.get(f.financeur, f.financeur)} ({statut_f})"))
            parts = [
                f"prévu {_euros(f.montant, base)}",
                f"demandé {_euros(f.montant_demande, base)}",
                f"attribué {_euros(f.montant_attribue, base)}"
                + (f" le {f.date_attribution:%d/%m/%Y}" if f.date_attribution else ""),
                f"versé {_euros(f.montant_verse, base)}",
            ]
            out.append(("", "    " + " · ".join(parts)))
            if f.reference:
                out.append(("", f"    référence {f.reference}"))
    if fiche.realise:
        out.append(("bold", "Réalisé"))
        prevu = {e.annee: e for e in fiche.echeancier or []}
        for r in sorted(fiche.realise, key=lambda x: x.annee):
            base = base_financement(fiche, BaseMontant.of(r.base) if r.base else None)
            texte = f"  {r.annee} : {_euros(r.montant, base)}"
            if (e := prevu.get(r.annee)) is not None:
                base_e = base_financement(fiche, BaseMontant.of(e.base) if e.base else None)
                texte += f" (prévu : {_euros(e.montant, base_e)})"
            out.append(("", texte))
    return out


def _has_follow_up(f: object) -> bool:
    return any(
        getattr(f, k, None) is not None
        for k in ("statut", "montant_demande", "montant_attribue", "montant_verse", "reference")
    )
