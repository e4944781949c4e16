"""La comparaison en phrases d'un comité : ce que les vues texte, Markdown et l'annexe écrivent.

Les montants sont écrits à la française, base par base (« +8 499 € TTC ») : des bases
différentes ne sont jamais additionnées ; un montant non connu s'écrit « non chiffré ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from acvkit.costs.fiche import BaseMontant
from acvkit.diagnostics import Diagnostic
from acvkit.diff.compare import Difference
from acvkit.diff.fields import Change, is_montant
from acvkit.diff.words import Piece, is_long, pieces
from acvkit.money import format_euros

NOT_QUANTIFIED = "non chiffré"
# Une valeur absente (champ non écrit, liste vide) : des mots, jamais un tiret seul qu'un lecteur
# d'écran lirait « tiret ».
NOT_FILLED = "non renseigné"

CHAMPS = {
    "titre": "Titre",
    "collectivite": "Collectivité",
    "type": "Type",
    "sous_axe": "Sous-axe",
    "statut": "Statut",
    "date_signature": "Date de signature",
    "lieu_signature": "Lieu de signature",
    "description": "Description",
    "objectifs": "Objectifs",
    "maitre_ouvrage": "Maître d'ouvrage",
    "partenaires": "Partenaires",
    "cout.total": "Coût",
    "cout.etat": "Chiffrage du coût",
    "cout.note": "Note du coût",
    "lancement": "Lancement",
    "livraison": "Livraison",
    "indicateurs_avancement": "Indicateurs d'avancement",
    "indicateurs_resultat": "Indicateurs de résultat",
    "indicateurs_evaluation": "Indicateurs d'évaluation",
    "intitule": "Intitulé",
    "critere": "Critère",
    "sources": "Sources",
    "perimetre": "Périmètre",
    "nom": "Nom",
    "nature": "Nature",
    "aliases": "Autres graphies",
}
VALUE_LABELS = {
    "a_engager": "à engager",
    "en_cours": "en cours",
    "en_cours_finance": "en cours (financée)",
    "livree": "livrée",
    "abandonnee": "abandonnée",
    "etude": "étude",
    "action": "action",
    "connu": "chiffré",
    "partiel": "partiellement chiffré",
    "a_determiner": "à déterminer",
}
KIND_LABELS = {
    "programme": "Programme",
    "axes": "Axe",
    "indicateurs": "Indicateur",
    "partenaires": "Partenaire",
}
STATES = {"ajoute": "ajouté", "supprime": "supprimé", "modifie": "modifié"}
_BRACKETS = re.compile(r"^(.*?)\[(.*)\](.*)$")


def _base(b: str) -> str:
    return " (base non précisée)" if b == BaseMontant.UNSPECIFIED.value else f" {b}"


def euros_bases(m: dict[str, str] | None, sign: bool = False) -> str:
    """« 241 501 € (base non précisée) », « 100 € HT ; 200 € TTC », « +8 499 € TTC », « 0 € »."""
    if m is None:
        return NOT_QUANTIFIED
    parts = []
    for b in (x.value for x in BaseMontant):
        v = Decimal(m[b])
        if v:
            texte = format_euros(v)
            if sign and v > 0:
                texte = "+" + texte
            parts.append(texte + _base(b))
    return " ; ".join(parts) if parts else format_euros(Decimal(0))


def _format_day(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else "?"


def texte(v: Any, names: dict[str, str] | None = None) -> str:
    """Une valeur de changement en mots."""
    if v is None:
        return NOT_FILLED
    if is_montant(v):
        return euros_bases(v)
    if isinstance(v, dict) and "texte" in v and "debut" in v:
        if v["debut"] is None:
            return str(v["texte"])
        return f"{v['texte']} ({_format_day(v['debut'])} – {_format_day(v['fin'])})"
    if isinstance(v, dict) and "financeur" in v:
        nom = (names or {}).get(v["financeur"], v["financeur"])
        return f"{nom} : {euros_bases(v['montant']) if v['montant'] else 'sans montant'}"
    if isinstance(v, dict) and "libelle" in v and "montant" in v:
        return f"{v['libelle']} : {euros_bases(v['montant'])}"
    if isinstance(v, dict):
        return " ; ".join(f"{k} : {texte(x, names)}" for k, x in v.items() if x is not None)
    if isinstance(v, list):
        return " ; ".join(texte(x, names) for x in v) if v else NOT_FILLED
    if isinstance(v, str):
        return VALUE_LABELS.get(v, v)
    return str(v)


def champ(path: str, names: dict[str, str]) -> str:
    """Le nom d'un champ pour un lecteur : « Financement de la Région (montant) »."""
    if path in CHAMPS:
        return CHAMPS[path]
    match = _BRACKETS.match(path)
    if match is None:
        return path.replace("_", " ").capitalize()
    head, key, suite = match.groups()
    suite = suite.lstrip(".")
    detail = f" ({CHAMPS.get(suite, suite)})" if suite and suite != "montant" else ""
    if head == "financements":
        return f"Financement ({names.get(key, key)}){detail}"
    if head == "cout.postes":
        return f"Poste « {key} »{detail}"
    if head == "jalons":
        return f"Phase « {key} »{detail}"
    if head == "echeancier":
        return f"Échéancier {key}"
    if head == "sous_axes":
        return f"Sous-axe {key}{detail}"
    return f"{head} [{key}]{detail}"


@dataclass(frozen=True)
class Row:
    """Un changement dit en mots ; `mots` : l'écart mot à mot d'un long texte."""

    champ: str
    avant: str
    apres: str
    ecart: str = ""
    mots: list[Piece] | None = None


def ligne(c: Change, names: dict[str, str]) -> Row:
    nom = champ(c.path, names)
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


@dataclass(frozen=True)
class TableRow:
    libelle: str
    avant: str
    apres: str
    ecart: str


@dataclass(frozen=True)
class Narrative:
    """Tout ce que la comparaison dit, prêt à écrire dans n'importe quel format."""

    avant: str
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
    return f"{d.path}:{d.line}:{d.column}: {d.code} {d.message} ({d.severity.libelle})"


def recit(diff: Difference) -> Narrative:
    names = {**diff.before_names, **diff.after_names}

    def fiche(f: Any) -> str:
        cout = euros_bases(resume_cout(f))
        return (
            f"FA {f.numero} · {names.get(f.collectivite, f.collectivite)} · {f.titre} — coût {cout}"
        )

    parts: list[str] = []
    plan = 0
    for n, one, many in (
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
        avant=diff.avant.libelle,
        apres=diff.apres.libelle,
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
                [ligne(c, names) for c in m.changes],
            )
            for m in diff.modifiees
        ],
        referentiel=[
            Block(
                f"{KIND_LABELS[o.genre]} {o.key} {STATES[o.etat]}"
                if o.genre != "programme"
                else f"Programme {STATES[o.etat]}",
                [ligne(c, names) for c in o.changes],
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
    )


def resume_cout(f: Any) -> dict[str, str] | None:
    from acvkit.diff.compare import resume_fiche

    cout: dict[str, str] | None = resume_fiche(f)["cout"]
    return cout
