"""Ce qui change dans une fiche, champ par champ, en valeurs JSON stables (montants par base).

Un montant s'écrit comme dans `acv couts` : `{"HT": "0.00", "TTC": "8499.00", "non_precise": "0.00"}`,
pour que la base fasse partie de la valeur (un montant qui passe de HT à TTC change de colonne,
il n'est jamais additionné à l'autre base). Un montant non connu vaut `null`, jamais zéro.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from acvkit.costs.aggregate import Montants, base_financement
from acvkit.costs.export import montants_by_base
from acvkit.costs.fiche import BaseMontant, EtatCout, cout_fiche
from acvkit.diff.words import is_long, text_delta
from acvkit.models import Fiche
from acvkit.models.fiche import item_text
from acvkit.periods import Periode

ABSENT: Any = object()  # pas d'écart à écrire


@dataclass(frozen=True)
class Change:
    """Un champ qui change : son chemin (« financements[cc-du-val].montant »), avant, après, écart."""

    path: str
    avant: Any
    apres: Any
    ecart: Any = ABSENT

    def as_dict(self) -> dict[str, Any]:
        out = {"chemin": self.path, "avant": self.avant, "apres": self.apres}
        if self.ecart is not ABSENT:
            out["ecart"] = self.ecart
        return out


def montant(valeur: Decimal | None, base: BaseMontant) -> dict[str, str] | None:
    """Un montant dans sa base, écrit comme `acv couts` ; None s'il n'est pas connu."""
    if valeur is None:
        return None
    m = Montants()
    m.add(base, valeur)
    return montants_by_base(m)


def is_montant(valeur: Any) -> bool:
    return isinstance(valeur, dict) and set(valeur) == {b.value for b in BaseMontant}


def montants_delta(avant: dict[str, str], apres: dict[str, str]) -> dict[str, str]:
    """Après moins avant, base par base."""
    return {
        b: f"{(Decimal(apres[b]) - Decimal(avant[b])).quantize(Decimal('0.01')):f}" for b in avant
    }


def valeur(v: Any) -> Any:
    """Une valeur de modèle en JSON stable : période avec son intervalle, énumération par sa valeur."""
    if isinstance(v, Periode):
        return {
            "texte": v.texte,
            "debut": v.debut.isoformat() if v.debut else None,
            "fin": v.fin.isoformat() if v.fin else None,
        }
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, Decimal):
        return f"{v:f}"
    if isinstance(v, BaseModel):
        return {nom: valeur(getattr(v, nom)) for nom in type(v).model_fields}
    if isinstance(v, list):
        return [item_text(x) if _is_item(x) else valeur(x) for x in v]
    return v


def _is_item(x: Any) -> bool:
    return isinstance(x, str) or type(x).__name__ == "DetailedItem"


def _simple(path: str, avant: Any, apres: Any) -> list[Change]:
    a, b = valeur(avant), valeur(apres)
    if a == b:
        return []
    if isinstance(a, str) and isinstance(b, str) and is_long(a, b):
        return [Change(path, a, b, text_delta(a, b))]
    if isinstance(a, list | None) and isinstance(b, list | None):
        la, lb = a or [], b or []
        if all(isinstance(x, str) for x in [*la, *lb]):
            added = [x for x in lb if x not in la]
            removed = [x for x in la if x not in lb]
            return [Change(path, a, b, {"ajoutes": added, "retires": removed})]
    return [Change(path, a, b)]


def _cout(avant: Fiche, apres: Fiche) -> list[Change]:
    out: list[Change] = []
    ca, cb = cout_fiche(avant), cout_fiche(apres)
    va = None if ca.etat is EtatCout.A_DETERMINER else montant(ca.montant, ca.base)
    vb = None if cb.etat is EtatCout.A_DETERMINER else montant(cb.montant, cb.base)
    if va != vb:
        ecart = montants_delta(va, vb) if va is not None and vb is not None else ABSENT
        out.append(Change("cout.total", va, vb, ecart))
    if ca.etat is not cb.etat:
        out.append(Change("cout.etat", ca.etat.value, cb.etat.value))
    note_a = avant.cout.note if avant.cout else None
    note_b = apres.cout.note if apres.cout else None
    out += _simple("cout.note", note_a, note_b)
    base_a = BaseMontant.of(avant.cout.base if avant.cout else None)
    base_b = BaseMontant.of(apres.cout.base if apres.cout else None)
    postes_a = {p.libelle: p for p in (avant.cout.postes or [] if avant.cout else [])}
    postes_b = {p.libelle: p for p in (apres.cout.postes or [] if apres.cout else [])}
    for libelle in _union(postes_a, postes_b):
        pa, pb = postes_a.get(libelle), postes_b.get(libelle)
        path = f"cout.postes[{libelle}]"
        if pa is None or pb is None:
            out.append(Change(path, _poste(pa, base_a), _poste(pb, base_b)))
            continue
        ma = montant(pa.montant, BaseMontant.of(pa.base) if pa.base else base_a)
        mb = montant(pb.montant, BaseMontant.of(pb.base) if pb.base else base_b)
        if ma != mb:
            ecart = montants_delta(ma, mb) if ma is not None and mb is not None else ABSENT
            out.append(Change(path + ".montant", ma, mb, ecart))
        out += _simple(path + ".note", pa.note, pb.note)
    return out


def _poste(poste: Any, base: BaseMontant) -> dict[str, Any] | None:
    if poste is None:
        return None
    b = BaseMontant.of(poste.base) if poste.base else base
    return {"libelle": poste.libelle, "montant": montant(poste.montant, b), "note": poste.note}


def _union(a: dict[Any, Any], b: dict[Any, Any]) -> list[Any]:
    return [*a, *(k for k in b if k not in a)]


def _financement(fiche: Fiche, f: Any) -> dict[str, Any] | None:
    if f is None:
        return None
    base = base_financement(fiche, BaseMontant.of(f.base) if f.base else None)
    return {"financeur": f.financeur, "montant": montant(f.montant, base), "note": f.note}


def _financements(avant: Fiche, apres: Fiche) -> list[Change]:
    out: list[Change] = []
    fa = {f.financeur: f for f in avant.financements or []}
    fb = {f.financeur: f for f in apres.financements or []}
    for financeur in _union(fa, fb):
        a = _financement(avant, fa.get(financeur))
        b = _financement(apres, fb.get(financeur))
        path = f"financements[{financeur}]"
        if a is None or b is None:
            if a != b:
                out.append(Change(path, a, b))
            continue
        if a["montant"] != b["montant"]:
            ma, mb = a["montant"], b["montant"]
            ecart = montants_delta(ma, mb) if ma is not None and mb is not None else ABSENT
            out.append(Change(path + ".montant", ma, mb, ecart))
        out += _simple(path + ".note", a["note"], b["note"])
    return out


def _by_key(path: str, key: str, avant: list[Any] | None, apres: list[Any] | None) -> list[Change]:
    """Une liste d'objets comparée élément par élément, chacun reconnu par `cle` (libellé, année)."""
    la = {str(getattr(x, key)): x for x in avant or []}
    lb = {str(getattr(x, key)): x for x in apres or []}
    out: list[Change] = []
    for k in _union(la, lb):
        a, b = la.get(k), lb.get(k)
        item_path = f"{path}[{k}]"
        if a is None or b is None:
            out.append(
                Change(
                    item_path,
                    valeur(a) if a is not None else None,
                    valeur(b) if b is not None else None,
                )
            )
            continue
        for nom in type(a).model_fields:
            if nom != key:
                out += _simple(f"{item_path}.{nom}", getattr(a, nom), getattr(b, nom))
    return out


def _echeancier(avant: Fiche, apres: Fiche) -> list[Change]:
    base_a = BaseMontant.of(avant.cout.base if avant.cout else None)
    base_b = BaseMontant.of(apres.cout.base if apres.cout else None)

    def by_annee(fiche: Fiche, base: BaseMontant) -> dict[str, dict[str, str] | None]:
        return {
            str(e.annee): montant(e.montant, BaseMontant.of(e.base) if e.base else base)
            for e in fiche.echeancier or []
        }

    ea, eb = by_annee(avant, base_a), by_annee(apres, base_b)
    out: list[Change] = []
    for annee in sorted(set(ea) | set(eb)):
        a, b = ea.get(annee), eb.get(annee)
        if a != b:
            ecart = montants_delta(a, b) if a is not None and b is not None else ABSENT
            out.append(Change(f"echeancier[{annee}]", a, b, ecart))
    return out


SPECIAL_FIELDS = {"numero", "cout", "financements", "jalons", "echeancier"}


def compare_fiches(avant: Fiche, apres: Fiche) -> list[Change]:
    """Les changements d'une fiche, dans l'ordre de ses champs (le numéro se dit à part)."""
    if avant is apres or avant == apres:
        return []
    out: list[Change] = []
    for nom in Fiche.model_fields:
        if nom == "cout":
            out += _cout(avant, apres)
        elif nom == "financements":
            out += _financements(avant, apres)
        elif nom == "jalons":
            out += _by_key("jalons", "libelle", avant.jalons, apres.jalons)
        elif nom == "echeancier":
            out += _echeancier(avant, apres)
        elif nom not in SPECIAL_FIELDS:
            out += _simple(nom, getattr(avant, nom), getattr(apres, nom))
    return out


def compare_models(avant: BaseModel, apres: BaseModel, prefix: str = "") -> list[Change]:
    """Deux modèles du référentiel (axe, indicateur, programme, partenaire), champ par champ.

    Une liste de sous-modèles qui ont un `code` ou un `id` (sous-axes) est comparée élément par
    élément ; les autres champs, en entier.
    """
    if avant == apres:
        return []
    out: list[Change] = []
    for nom in type(avant).model_fields:
        a, b = getattr(avant, nom), getattr(apres, nom, None)
        path = prefix + nom
        elements = [*(a or []), *(b or [])] if isinstance(a, list) and isinstance(b, list) else []
        key = next(
            (c for c in ("code", "id") if elements and all(hasattr(x, c) for x in elements)), None
        )
        if key is not None:
            out += _by_key(path, key, a, b)
        else:
            out += _simple(path, a, b)
    return out
