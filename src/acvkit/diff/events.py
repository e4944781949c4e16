"""Les événements du suivi dits en phrases : entrées du journal, vie des financements, réalisé, mesures.

Un comité ne lit pas « montant_attribue : null → 750000 » mais « Région Hauts-de-France :
750 000 € HT attribués le 10/04/2025 (demandés : 900 000 € HT) ». Chaque phrase est tirée des
changements (`Change`) de la comparaison et des deux versions du financement, pour le contexte
(le montant demandé d'une subvention attribuée, le cumul versé).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from acvkit.diff.amounts import NOT_FILLED, day, euros_bases, quantity
from acvkit.diff.fields import Change, montants_delta
from acvkit.models.suivi import Statut

FOLLOW_FIELDS = (
    "statut",
    "montant_demande",
    "montant_attribue",
    "montant_verse",
    "date_attribution",
    "reference",
)
STAGE_LABELS = {
    "prevu": "prévu",
    "demande": "demandé",
    "attribue": "attribué",
    "refuse": "refusé",
    "verse": "versé",
}


def is_event(c: Change) -> bool:
    """Un changement dit par une phrase d'événement (et non par une ligne avant / après)."""
    if c.path.startswith(("suivi[", "realise[")):
        return True
    if c.path.startswith("financements[") and "]." in c.path:
        return c.path.rsplit(".", 1)[1] in FOLLOW_FIELDS
    return False


def _statut(v: str | None) -> str:
    return Statut(v).libelle if v in {s.value for s in Statut} else (v or NOT_FILLED)


def journal_entry(entry: dict[str, Any]) -> str:
    """« 20/06/2025 : En cours – financée. Travaux décalés. Vigilance : amiante ; voirie. »"""
    texte = f"{day(entry.get('date'))} : {_statut(entry.get('statut'))}"
    if entry.get("note"):
        texte += f". {str(entry['note']).rstrip('.')}"
    if entry.get("vigilance"):
        texte += ". Vigilance : " + " ; ".join(str(v) for v in entry["vigilance"])
    return texte + "."


def _journal(c: Change) -> str:
    if c.avant is None:
        return f"Suivi du {journal_entry(c.apres)}"
    if c.apres is None:
        return f"Entrée du journal retirée : {journal_entry(c.avant)}"
    return f"Entrée du journal corrigée : {journal_entry(c.avant)} → {journal_entry(c.apres)}"


def _realise(c: Change) -> str:
    annee = c.path[len("realise[") :].split("]", 1)[0]
    if c.path.endswith(".base"):
        return f"Réalisé {annee} : base {c.avant or 'du coût'} → {c.apres or 'du coût'}"
    if c.avant is None:
        return f"Réalisé {annee} : {euros_bases(c.apres)}"
    if c.apres is None:
        return f"Réalisé {annee} retiré (il était de {euros_bases(c.avant)})"
    return (
        f"Réalisé {annee} : {euros_bases(c.avant)} → {euros_bases(c.apres)} "
        f"({euros_bases(montants_delta(c.avant, c.apres), sign=True)})"
    )


def _money(financeur: str, a: dict[str, Any] | None, b: dict[str, Any] | None, nom: str) -> str:
    """Ce qui arrive à un financement, en une phrase : « ADEME : demande refusée »."""
    a = a or {}
    b = b or {}

    def changed(key: str) -> bool:
        return a.get(key) != b.get(key)

    demande, attribue, verse = (
        b.get("montant_demande"),
        b.get("montant_attribue"),
        b.get("montant_verse"),
    )
    clauses: list[str] = []
    statut_b = b.get("statut")
    refused_now = changed("statut") and statut_b == "refuse"
    if (
        changed("montant_demande")
        and demande is not None
        and not changed("montant_attribue")
        and not refused_now
    ):
        clauses.append(f"{euros_bases(demande)} demandés")
    if changed("montant_attribue") and attribue is not None:
        texte = f"{euros_bases(attribue)} attribués"
        if b.get("date_attribution"):
            texte += f" le {day(b['date_attribution'])}"
        if demande is not None:
            texte += f" (demandés : {euros_bases(demande)})"
        clauses.append(texte)
    elif changed("date_attribution") and b.get("date_attribution"):
        clauses.append(f"attribution datée du {day(b['date_attribution'])}")
    if changed("montant_verse") and verse is not None:
        before = a.get("montant_verse")
        if before is not None and any(Decimal(x) for x in before.values()):
            delta = montants_delta(before, verse)
            clauses.append(
                f"{euros_bases(delta)} versés de plus, {euros_bases(verse)} versés en tout"
            )
        else:
            clauses.append(f"{euros_bases(verse)} versés")
    if changed("statut") and statut_b == "refuse":
        texte = "demande refusée"
        if demande is not None:
            texte += f" (demandés : {euros_bases(demande)})"
        clauses.append(texte)
    for key, stage in (
        ("montant_demande", "demandé"),
        ("montant_attribue", "attribué"),
        ("montant_verse", "versé"),
    ):
        if changed(key) and b.get(key) is None and a.get(key) is not None:
            clauses.append(f"montant {stage} retiré (il était de {euros_bases(a[key])})")
    if changed("statut") and statut_b != "refuse" and not clauses:
        label = STAGE_LABELS.get(statut_b or "", NOT_FILLED)
        clauses.append(f"statut du financement : {label}")
    elif changed("statut") and a.get("statut") == "refuse" and statut_b != "refuse":
        clauses.append(
            f"n'est plus refusé (statut : {STAGE_LABELS.get(statut_b or '', NOT_FILLED)})"
        )
    if changed("reference"):
        clauses.append(f"référence {b['reference']}" if b.get("reference") else "référence retirée")
    return f"{nom} : {', '.join(clauses)}" if clauses else ""


def fiche_events(
    changes: list[Change],
    financements: dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]],
    names: dict[str, str],
) -> list[str]:
    """Les phrases des événements d'une fiche, dans l'ordre : journal, financements, réalisé.

    `financements` : financeur → (financement avant, après), en valeurs JSON (`fields._financement`).
    """
    journal = [_journal(c) for c in changes if c.path.startswith("suivi[")]
    money: list[str] = []
    seen: set[str] = set()
    for c in changes:
        added = (
            c.path.startswith("financements[")
            and c.path.endswith("]")
            and isinstance(c.apres, dict)
            and any(c.apres.get(k) is not None for k in FOLLOW_FIELDS)
        )
        if not (c.path.startswith("financements[") and is_event(c)) and not added:
            continue
        financeur = c.path[len("financements[") :].split("]", 1)[0]
        if financeur in seen:
            continue
        seen.add(financeur)
        a, b = financements.get(financeur, (None, None))
        if phrase := _money(financeur, a, b, names.get(financeur, financeur)):
            money.append(phrase)
    realise = [_realise(c) for c in changes if c.path.startswith("realise[")]
    return [*journal, *money, *realise]


def mesure_text(v: dict[str, Any], unite: str | None, names: dict[str, str]) -> str:
    """« Mesure 2025 (Ville-sur-Val, commune) : 47,8 km (source : INSEE ; provisoire) »."""
    lieu = [names.get(str(v["territoire"]), str(v["territoire"]))] if v.get("territoire") else []
    if v.get("perimetre"):
        lieu.append(str(v["perimetre"]))
    texte = f"Mesure {v.get('annee')}" + (f" ({', '.join(lieu)})" if lieu else "")
    texte += f" : {quantity(v.get('valeur'), unite)}"
    details = [f"source : {v['source']}"] if v.get("source") else []
    if v.get("commentaire"):
        details.append(str(v["commentaire"]))
    return texte + (f" ({' ; '.join(details)})" if details else "")


def indicateur_events(changes: list[Change], unite: str | None, names: dict[str, str]) -> list[str]:
    """Les mesures ajoutées, retirées ou corrigées d'un indicateur, en phrases."""
    out: list[str] = []
    whole: dict[str, tuple[Any, Any]] = {}
    for c in changes:
        if not c.path.startswith("valeurs["):
            continue
        key, _, suite = c.path[len("valeurs[") :].partition("]")
        if not suite:
            whole[key] = (c.avant, c.apres)
    for c in changes:
        if not c.path.startswith("valeurs["):
            continue
        key, _, suite = c.path[len("valeurs[") :].partition("]")
        if not suite:
            if c.avant is None:
                out.append(mesure_text(c.apres, unite, names))
            elif c.apres is None:
                out.append(f"{mesure_text(c.avant, unite, names)} : retirée")
    corrected: dict[str, list[Change]] = {}
    for c in changes:
        if c.path.startswith("valeurs[") and "]." in c.path:
            key = c.path[len("valeurs[") :].split("]", 1)[0]
            corrected.setdefault(key, []).append(c)
    for key, parts in corrected.items():
        details = []
        for c in parts:
            nom = c.path.rsplit(".", 1)[1]
            if nom == "valeur":
                details.append(f"{quantity(c.avant, unite)} → {quantity(c.apres, unite)}")
            else:
                label = {"source": "source", "commentaire": "commentaire"}.get(nom, nom)
                details.append(f"{label} : {c.avant or NOT_FILLED} → {c.apres or NOT_FILLED}")
        out.append(f"Mesure {key.replace(' · ', ', ')} corrigée : " + " ; ".join(details))
    return out
