"""Ce qui change dans une fiche, champ par champ, en valeurs JSON stables (montants par base).

Un montant s'écrit comme dans `acv couts` : `{"HT": "0.00", "TTC": "8499.00", "non_precise": "0.00"}`,
pour que la base fasse partie de la valeur (un montant qui passe de HT à TTC change de colonne,
il n'est jamais additionné à l'autre base). Un montant non connu vaut `null`, jamais zéro.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from acvkit.costs.aggregate import Montants, base_financement
from acvkit.costs.export import montants_by_base
from acvkit.costs.fiche import BaseMontant, cout_fiche
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
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return f"{v:f}"
    if isinstance(v, BaseModel):
        return {nom: valeur(getattr(v, nom)) for nom in type(v).model_fields}
    if isinstance(v, list):
        return [item_text(x) if _is_item(x) else valeur(x) for x in v]
    if isinstance(v, dict):
        return {str(k): valeur(x) for k, x in v.items()}
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
        items_a, items_b = a or [], b or []
        if all(isinstance(x, str) for x in [*items_a, *items_b]):
            added = [x for x in items_b if x not in items_a]
            removed = [x for x in items_a if x not in items_b]
            return [Change(path, a, b, {"ajoutes": added, "retires": removed})]
    return [Change(path, a, b)]


def _cout(avant: Fiche, apres: Fiche) -> list[Change]:
    out: list[Change] = []
    ca, cb = cout_fiche(avant), cout_fiche(apres)
    va = montant(ca.montant, ca.base) if ca.quantified else None
    vb = montant(cb.montant, cb.base) if cb.quantified else None
    if va != vb:
        ecart = montants_delta(va, vb) if va is not None and vb is not None else ABSENT
        out.append(Change("cout.total", va, vb, ecart))
    if ca.etat is not cb.etat:
        out.append(Change("cout.etat", ca.etat.value, cb.etat.value))
    if va == vb:  # la base est dans le montant ; dite à part quand le total n'en dit rien
        out += _simple(
            "cout.base",
            avant.cout.base if avant.cout else None,
            apres.cout.base if apres.cout else None,
        )
    if va == vb and ca.etat is cb.etat:
        out += _simple(
            "cout.total_ecrit",
            avant.cout.total if avant.cout else None,
            apres.cout.total if apres.cout else None,
        )
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
        else:
            out += _simple(path + ".base", pa.base, pb.base)
        out += _simple(path + ".note", pa.note, pb.note)
    return out


def _poste(poste: Any, base: BaseMontant) -> dict[str, Any] | None:
    if poste is None:
        return None
    b = BaseMontant.of(poste.base) if poste.base else base
    return {"libelle": poste.libelle, "montant": montant(poste.montant, b), "note": poste.note}


def _union(a: dict[Any, Any], b: dict[Any, Any]) -> list[Any]:
    return [*a, *(k for k in b if k not in a)]


# Les montants du suivi d'un financement, dans la base du financement (celle du coût sinon).
FINANCEMENT_MONTANTS = ("montant", "montant_demande", "montant_attribue", "montant_verse")


def _financement(fiche: Fiche, f: Any) -> dict[str, Any] | None:
    """Un financement en valeurs JSON : chaque champ du modèle, les montants dans leur base."""
    if f is None:
        return None
    base = base_financement(fiche, BaseMontant.of(f.base) if f.base else None)
    out: dict[str, Any] = {}
    for nom in type(f).model_fields:
        v = getattr(f, nom)
        out[nom] = montant(v, base) if nom in FINANCEMENT_MONTANTS else valeur(v)
    return out


def financement_values(
    avant: Fiche, apres: Fiche
) -> dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Financeur → (financement avant, après) en valeurs JSON : le contexte des événements."""
    fa = {f.financeur: f for f in avant.financements or []}
    fb = {f.financeur: f for f in apres.financements or []}
    return {
        k: (_financement(avant, fa.get(k)), _financement(apres, fb.get(k))) for k in _union(fa, fb)
    }


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
        for nom in FINANCEMENT_MONTANTS:
            if a[nom] != b[nom]:
                ma, mb = a[nom], b[nom]
                ecart = montants_delta(ma, mb) if ma is not None and mb is not None else ABSENT
                out.append(Change(f"{path}.{nom}", ma, mb, ecart))
        amounts_changed = any(a[n] != b[n] for n in FINANCEMENT_MONTANTS)
        for nom in a:
            if nom in FINANCEMENT_MONTANTS or nom == "financeur":
                continue
            if nom == "base" and amounts_changed:
                continue  # la base fait partie de chaque montant, déjà dit
            out += _simple(f"{path}.{nom}", a[nom], b[nom])
    return out


def _by_key(path: str, key: str, avant: list[Any] | None, apres: list[Any] | None) -> list[Change]:
    """Une liste d'objets comparée élément par élément, chacun reconnu par `cle` (libellé, année)."""
    items_a = {str(getattr(x, key)): x for x in avant or []}
    items_b = {str(getattr(x, key)): x for x in apres or []}
    out: list[Change] = []
    for k in _union(items_a, items_b):
        a, b = items_a.get(k), items_b.get(k)
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


def _by_annee(nom: str, avant: Fiche, apres: Fiche) -> list[Change]:
    """L'échéancier (prévu) ou le réalisé, année par année, chaque montant dans sa base."""
    base_a = BaseMontant.of(avant.cout.base if avant.cout else None)
    base_b = BaseMontant.of(apres.cout.base if apres.cout else None)

    def by_annee(fiche: Fiche, base: BaseMontant) -> dict[str, tuple[Any, Any]]:
        return {
            str(e.annee): (montant(e.montant, BaseMontant.of(e.base) if e.base else base), e.base)
            for e in getattr(fiche, nom) or []
        }

    ea, eb = by_annee(avant, base_a), by_annee(apres, base_b)
    out: list[Change] = []
    for annee in sorted(set(ea) | set(eb)):
        (a, written_base_a), (b, written_base_b) = (
            ea.get(annee, (None, None)),
            eb.get(annee, (None, None)),
        )
        if a != b:
            ecart = montants_delta(a, b) if a is not None and b is not None else ABSENT
            out.append(Change(f"{nom}[{annee}]", a, b, ecart))
        else:
            out += _simple(f"{nom}[{annee}].base", written_base_a, written_base_b)
    return out


def _journal(avant: Fiche, apres: Fiche) -> list[Change]:
    """Le journal de suivi : les entrées ajoutées, retirées ou modifiées, reconnues par leur date.

    Deux entrées d'un même jour se distinguent par leur rang ce jour-là (« 2025-06-20 #2 »).
    """

    def by_date(fiche: Fiche) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for entry in fiche.suivi or []:
            key = entry.date.isoformat()
            rank = sum(1 for k in out if k.split(" ")[0] == key)
            out[key if not rank else f"{key} #{rank + 1}"] = valeur(entry)
        return out

    journal_a, journal_b = by_date(avant), by_date(apres)
    out: list[Change] = []
    for key in sorted(set(journal_a) | set(journal_b)):
        a, b = journal_a.get(key), journal_b.get(key)
        if a != b:
            out.append(Change(f"suivi[{key}]", a, b))
    return out


SPECIAL_FIELDS = {"numero", "cout", "financements", "jalons", "echeancier", "realise", "suivi"}


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
        elif nom in {"echeancier", "realise"}:
            out += _by_annee(nom, avant, apres)
        elif nom == "suivi":
            out += _journal(avant, apres)
        elif nom not in SPECIAL_FIELDS:
            out += _simple(nom, getattr(avant, nom), getattr(apres, nom))
    return out


# Ce qui reconnaît un élément d'une liste de sous-modèles, d'une version à l'autre.
ITEM_KEYS = ("code", "id", "collectivite", "organisation", "libelle")


def item_key(x: Any) -> str:
    """La clé d'un élément : son code, son id… ; une mesure, par année, territoire et périmètre."""
    fields = type(x).model_fields
    if "annee" in fields:
        parts = [str(x.annee)]
        for nom in ("territoire", "perimetre"):
            if nom in fields and getattr(x, nom) is not None:
                parts.append(str(valeur(getattr(x, nom))))
        return " · ".join(parts)
    for nom in ITEM_KEYS:
        if nom in fields:
            return str(valeur(getattr(x, nom)))
    return str(valeur(x))


def _models_by_key(path: str, avant: list[Any], apres: list[Any]) -> list[Change]:
    items_a: dict[str, Any] = {}
    items_b: dict[str, Any] = {}
    for liste, target in ((avant, items_a), (apres, items_b)):
        for x in liste:
            key = item_key(x)
            rank = sum(1 for k in target if k.split(" #")[0] == key)
            target[key if not rank else f"{key} #{rank + 1}"] = x
    out: list[Change] = []
    for k in _union(items_a, items_b):
        a, b = items_a.get(k), items_b.get(k)
        item_path = f"{path}[{k}]"
        if a is None or b is None:
            out.append(
                Change(
                    item_path,
                    valeur(a) if a is not None else None,
                    valeur(b) if b is not None else None,
                )
            )
        else:
            out += compare_models(a, b, item_path + ".")
    return out


def compare_models(avant: BaseModel, apres: BaseModel, prefix: str = "") -> list[Change]:
    """Deux modèles du référentiel (axe, indicateur, programme, partenaire), champ par champ.

    Un sous-modèle (items_a référence d'un indicateur, le territoire) est comparé champ par champ ;
    une liste de sous-modèles (sous-axes, mesures, cibles, signataires) élément par élément,
    chacun reconnu par sa clé (code, id, année…) ; les autres champs, en entier.
    """
    if avant == apres:
        return []
    out: list[Change] = []
    for nom in type(avant).model_fields:
        a, b = getattr(avant, nom), getattr(apres, nom, None)
        path = prefix + nom
        if isinstance(a, BaseModel) and isinstance(b, BaseModel):
            out += compare_models(a, b, path + ".")
            continue
        if isinstance(a, dict) and isinstance(b, dict):  # des sous-modèles par clé (parties)
            for key in _union(a, b):
                item_path = f"{path}[{key}]"
                model_a, model_b = a.get(key), b.get(key)
                if isinstance(model_a, BaseModel) and isinstance(model_b, BaseModel):
                    out += compare_models(model_a, model_b, item_path + ".")
                else:
                    out += _simple(item_path, model_a, model_b)
            continue
        elements = (
            [*(a or []), *(b or [])]
            if isinstance(a, list | None) and isinstance(b, list | None)
            else []
        )
        if elements and all(isinstance(x, BaseModel) for x in elements):
            out += _models_by_key(path, a or [], b or [])
        else:
            out += _simple(path, a, b)
    return out
