"""La comparaison en phrases d'un comité : ce que les vues texte, Markdown et l'annexe écrivent.

Les montants sont écrits à la française, base par base (« +8 499 € TTC ») : des bases
différentes ne sont jamais additionnées ; un montant non connu s'écrit « non chiffré ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from acvkit.diagnostics import Diagnostic
from acvkit.diff.amounts import NOT_FILLED, NOT_QUANTIFIED, euros_bases
from acvkit.diff.articles import AVENANT_LABELS
from acvkit.diff.compare import Difference, ModifiedObject
from acvkit.diff.events import STAGE_LABELS, is_event
from acvkit.diff.fields import Change, is_montant
from acvkit.diff.labels import champ, is_quantity, texte
from acvkit.diff.totals import STAGES, CycleRow
from acvkit.diff.words import Piece, is_long, pieces
from acvkit.safe_text import visible

__all__ = ["NOT_FILLED", "NOT_QUANTIFIED", "Narrative", "Row", "euros_bases", "recit", "texte"]

KIND_LABELS = {
    "programme": "Programme",
    "axes": "Axe",
    "indicateurs": "Indicateur",
    "partenaires": "Partenaire",
    **AVENANT_LABELS,
}
STATES = {"ajoute": "ajouté", "supprime": "supprimé", "modifie": "modifié"}
_BRACKETS = re.compile(r"^(.*?)\[(.*)\](.*)$")


@dataclass(frozen=True)
class Row:
    """Un changement dit en mots ; `mots` : l'écart mot à mot d'un long texte."""

    champ: str
    avant: str
    apres: str
    ecart: str = ""
    mots: list[Piece] | None = None


def ligne(c: Change, names: dict[str, str], unite: str | None = None) -> Row:
    nom = champ(c.path, names)
    if is_quantity(c.path) or c.path.startswith(("cibles[", "reference")):
        from acvkit.diff.amounts import quantity

        def said(v: Any) -> str:
            if v is None:
                return NOT_FILLED
            if is_quantity(c.path):
                return quantity(v, unite)
            if c.path.startswith("cibles[") and isinstance(v, dict) and "valeur" in v:
                return quantity(v["valeur"], unite)  # l'année est dans le nom de la ligne
            return texte(v, names, unite)

        return Row(nom, said(c.avant), said(c.apres))
    if isinstance(c.avant, str) and isinstance(c.apres, str) and is_long(c.avant, c.apres):
        return Row(nom, c.avant, c.apres, mots=pieces(c.avant, c.apres))
    ecart = ""
    if is_montant(c.ecart):
        ecart = euros_bases(c.ecart, sign=True)
    elif isinstance(c.ecart, dict) and "ajoutes" in c.ecart:
        naming = names if c.path == "partenaires" else {}
        parts = [f"+ {naming.get(x, texte(x, names))}" for x in c.ecart["ajoutes"]]
        parts += [f"− {naming.get(x, texte(x, names))}" for x in c.ecart["retires"]]
        ecart = " ; ".join(parts)
    avant, apres = texte(c.avant, names), texte(c.apres, names)
    if c.path in {"collectivite", "maitre_ouvrage"}:
        avant, apres = (
            " ; ".join(str(names.get(x, x)) for x in v)
            if isinstance(v, list)
            else names.get(str(v), default)
            for v, default in ((c.avant, avant), (c.apres, apres))
        )
    if c.path == "partenaires":
        avant, apres = (
            " ; ".join(str(names.get(x, x)) for x in v) if isinstance(v, list) and v else texte(v)
            for v in (c.avant, c.apres)
        )
    return Row(nom, avant, apres, ecart)


@dataclass(frozen=True)
class Block:
    """Une fiche modifiée, ou un objet du référentiel, et ses lignes de changement."""

    titre: str
    lignes: list[Row] = field(default_factory=list)
    evenements: list[str] = field(default_factory=list)  # les événements du suivi, en phrases


@dataclass(frozen=True)
class TableRow:
    libelle: str
    avant: str
    apres: str
    ecart: str


SUIVI_HEADERS = ("Financeur", *(STAGE_LABELS[s].capitalize() for s in STAGES))


@dataclass(frozen=True)
class SuiviRow:
    """Une ligne du suivi des financements : le financeur, puis une cellule par étape."""

    libelle: str
    cellules: list[str]


def _cycle_cell(a: dict[str, str] | None, b: dict[str, str] | None) -> str:
    if a == b:
        return texte(b)
    if a is None:
        return f"{texte(b)} (avant : {NOT_FILLED})"
    return f"{texte(b)} (avant : {euros_bases(a)})"


def _refused(amount: dict[str, str] | None, counts: tuple[int, int]) -> str:
    """« 1 demande refusée, montant non renseigné », « 2 demandes refusées : 50 000 € »."""
    count, known = counts
    if not count:
        return NOT_FILLED
    head = f"{count} demande refusée" if count == 1 else f"{count} demandes refusées"
    if amount is None or not known:
        return head + ", montant non renseigné"
    tail = "" if known == count else f" (montant écrit pour {known})"
    return f"{head} : {euros_bases(amount)}{tail}"


def _refused_cell(r: CycleRow) -> str:
    a, b = _refused(r.avant["refuse"], r.refusals[0]), _refused(r.apres["refuse"], r.refusals[1])
    return b if a == b else f"{b} (avant : {a})"


def suivi_rows(rows: list[CycleRow]) -> list[SuiviRow]:
    return [
        SuiviRow(
            r.libelle,
            [
                _refused_cell(r) if s == "refuse" else _cycle_cell(r.avant[s], r.apres[s])
                for s in STAGES
            ],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Narrative:
    """Tout ce que la comparaison dit, prêt à écrire dans n'importe quel format."""

    avant: str  # la version d'avant pour un lecteur : son étiquette, ou sa date et son message
    apres: str
    vide: bool
    resume: str
    resume_plan: str  # le résumé sans les diagnostics (annexe pour les partenaires)
    ajoutees: list[str]
    supprimees: list[str]
    renumerotees: list[str]
    illisibles: list[str]
    modifiees: list[Block]
    referentiel: list[Block]
    totaux: list[tuple[str, list[TableRow]]]
    new_items: list[str]
    resolved_items: list[str]
    remarques: list[str]
    # Le suivi des financements : par financeur, puis le plan, chaque étape (STAGES) écrite
    # « après » et, quand elle change, « (avant : …) ».
    financements_suivi: list[SuiviRow] = field(default_factory=list)
    before_revision: str = (
        ""  # la révision telle que demandée (« HEAD~1 (abc1234) ») : terminal seulement
    )
    after_revision: str = ""
    event_count: int = 0


TOTAL_TITLES = {
    "ensemble": "Ensemble du plan",
    "collectivite": "Coût par collectivité",
    "axe": "Coût par axe",
    "sous_axe": "Coût par sous-axe",
    "financeur": "Financements par financeur",
}


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n <= 1 else many}"


def _diagnostic(d: Diagnostic) -> str:
    # Un nom de fichier ou un message ne forge pas de ligne : retours, contrôles échappés.
    return visible(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message} ({d.severity.libelle})")


def recit(diff: Difference) -> Narrative:
    names = {**diff.before_names, **diff.after_names}

    def fiche(f: Any) -> str:
        cout = euros_bases(resume_cout(f))
        return (
            f"FA {f.numero} · {names.get(f.collectivite, f.collectivite)} · {f.titre} — coût {cout}"
        )

    parts: list[str] = []
    plan = 0
    events = sum(len(m.evenements) for m in diff.modifiees) + sum(
        len(o.evenements) for o in diff.referentiel
    )
    for n, one, many in (
        (events, "événement du suivi", "événements du suivi"),
        (len(diff.modifiees), "fiche modifiée", "fiches modifiées"),
        (len(diff.ajoutees), "fiche ajoutée", "fiches ajoutées"),
        (len(diff.supprimees), "fiche supprimée", "fiches supprimées"),
        (len(diff.renumerotees), "fiche renumérotée", "fiches renumérotées"),
        (len(diff.illisibles), "fiche illisible", "fiches illisibles"),
        (len(diff.referentiel), "changement du référentiel", "changements du référentiel"),
        (len(diff.new_items), "nouveau diagnostic", "nouveaux diagnostics"),
        (len(diff.resolved_items), "diagnostic résolu", "diagnostics résolus"),
    ):
        if n:
            parts.append(_plural(n, one, many))
        if "diagnostic" not in one:
            plan = len(parts)
    remarques = []
    for side, n in (("avant", diff.errors[0]), ("après", diff.errors[1])):
        if n:
            remarques.append(
                f"La version {side} comporte {_plural(n, 'erreur', 'erreurs')} : un fichier "
                "illisible n'y est pas comparé, et ses totaux ne le comptent pas (voir les diagnostics)."
            )
    return Narrative(
        avant=diff.avant.nom,
        apres=diff.apres.nom,
        vide=diff.vide,
        resume=", ".join(parts) if parts else "aucune différence",
        resume_plan=", ".join(parts[:plan]) if plan else "aucune modification du plan",
        ajoutees=[fiche(f) for f in diff.ajoutees],
        supprimees=[fiche(f) for f in diff.supprimees],
        renumerotees=[
            f"FA {a.numero} → FA {b.numero} · {b.titre} (ressemblance {score} %)"
            for a, b, score in diff.renumerotees
        ],
        illisibles=[
            f"FA {f.numero} · {f.titre} : fichier illisible dans la version "
            f"{'après' if side == 'apres' else 'avant'} (voir les diagnostics), non comparée"
            for side, f in diff.illisibles
        ],
        modifiees=[
            Block(
                f"FA {m.numero} · {m.titre}"
                + (f" (anciennement FA {m.former_numero})" if m.former_numero is not None else ""),
                [ligne(c, names) for c in m.changes if not is_event(c)],
                m.evenements,
            )
            for m in diff.modifiees
        ],
        referentiel=[
            Block(
                f"{KIND_LABELS[o.genre]} {o.key} {STATES[o.etat]}"
                if o.genre != "programme"
                else f"Programme {STATES[o.etat]}",
                [ligne(c, names, o.unite) for c in _rows(o)],
                o.evenements,
            )
            for o in diff.referentiel
        ],
        totaux=[
            (
                TOTAL_TITLES[nom],
                [
                    TableRow(
                        t.libelle,
                        euros_bases(t.avant),
                        euros_bases(t.apres),
                        euros_bases(t.ecart, sign=True),
                    )
                    for t in diff.totaux[nom]
                ],
            )
            for nom in TOTAL_TITLES
            if diff.totaux.get(nom)
        ],
        new_items=[_diagnostic(d) for d in diff.new_items],
        resolved_items=[_diagnostic(d) for d in diff.resolved_items],
        remarques=remarques,
        financements_suivi=suivi_rows(diff.financements_suivi),
        before_revision=diff.avant.git_libelle,
        after_revision=diff.apres.git_libelle,
        event_count=events,
    )


def _rows(o: ModifiedObject) -> list[Change]:
    """Les changements d'un objet du référentiel dits en lignes (les mesures le sont en phrases)."""
    if o.genre != "indicateurs":
        return o.changes
    return [c for c in o.changes if not c.path.startswith("valeurs[")]


def resume_cout(f: Any) -> dict[str, str] | None:
    from acvkit.diff.compare import resume_fiche

    cout: dict[str, str] | None = resume_fiche(f)["cout"]
    return cout
