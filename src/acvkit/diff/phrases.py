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
from acvkit.diff.fields import Changement, est_montant
from acvkit.diff.words import Morceau, est_long, morceaux
from acvkit.money import format_euros

NON_CHIFFRE = "non chiffré"

CHAMPS = {
    "titre": "Titre",
    "collectivite": "Collectivité",
    "type": "Type",
    "sous_axe": "Sous-axe",
    "statut": "Statut",
    "date_signature": "Date de signature",
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
VALEURS = {
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
GENRES = {
    "programme": "Programme",
    "axes": "Axe",
    "indicateurs": "Indicateur",
    "partenaires": "Partenaire",
}
ETATS = {"ajoute": "ajouté", "supprime": "supprimé", "modifie": "modifié"}
_CROCHETS = re.compile(r"^(.*?)\[(.*)\](.*)$")


def _base(b: str) -> str:
    return " (base non précisée)" if b == BaseMontant.NON_PRECISE.value else f" {b}"


def euros_bases(m: dict[str, str] | None, signe: bool = False) -> str:
    """« 241 501 € (base non précisée) », « 100 € HT ; 200 € TTC », « +8 499 € TTC », « 0 € »."""
    if m is None:
        return NON_CHIFFRE
    parties = []
    for b in (x.value for x in BaseMontant):
        v = Decimal(m[b])
        if v:
            texte = format_euros(v)
            if signe and v > 0:
                texte = "+" + texte
            parties.append(texte + _base(b))
    return " ; ".join(parties) if parties else format_euros(Decimal(0))


def _jour(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else "?"


def texte(v: Any, noms: dict[str, str] | None = None) -> str:
    """Une valeur de changement en mots."""
    if v is None:
        return "—"
    if est_montant(v):
        return euros_bases(v)
    if isinstance(v, dict) and "texte" in v and "debut" in v:
        if v["debut"] is None:
            return str(v["texte"])
        return f"{v['texte']} ({_jour(v['debut'])} – {_jour(v['fin'])})"
    if isinstance(v, dict) and "financeur" in v:
        nom = (noms or {}).get(v["financeur"], v["financeur"])
        return f"{nom} : {euros_bases(v['montant']) if v['montant'] else 'sans montant'}"
    if isinstance(v, dict) and "libelle" in v and "montant" in v:
        return f"{v['libelle']} : {euros_bases(v['montant'])}"
    if isinstance(v, dict):
        return " ; ".join(f"{k} : {texte(x, noms)}" for k, x in v.items() if x is not None)
    if isinstance(v, list):
        return " ; ".join(texte(x, noms) for x in v) if v else "—"
    if isinstance(v, str):
        return VALEURS.get(v, v)
    return str(v)


def champ(chemin: str, noms: dict[str, str]) -> str:
    """Le nom d'un champ pour un lecteur : « Financement de la Région Hauts-de-France (montant) »."""
    if chemin in CHAMPS:
        return CHAMPS[chemin]
    match = _CROCHETS.match(chemin)
    if match is None:
        return chemin.replace("_", " ").capitalize()
    tete, cle, suite = match.groups()
    suite = suite.lstrip(".")
    detail = f" ({CHAMPS.get(suite, suite)})" if suite and suite != "montant" else ""
    if tete == "financements":
        return f"Financement ({noms.get(cle, cle)}){detail}"
    if tete == "cout.postes":
        return f"Poste « {cle} »{detail}"
    if tete == "jalons":
        return f"Phase « {cle} »{detail}"
    if tete == "echeancier":
        return f"Échéancier {cle}"
    if tete == "sous_axes":
        return f"Sous-axe {cle}{detail}"
    return f"{tete} [{cle}]{detail}"


@dataclass(frozen=True)
class Ligne:
    """Un changement dit en mots ; `mots` : l'écart mot à mot d'un long texte."""

    champ: str
    avant: str
    apres: str
    ecart: str = ""
    mots: list[Morceau] | None = None


def ligne(c: Changement, noms: dict[str, str]) -> Ligne:
    nom = champ(c.chemin, noms)
    if isinstance(c.avant, str) and isinstance(c.apres, str) and est_long(c.avant, c.apres):
        return Ligne(nom, c.avant, c.apres, mots=morceaux(c.avant, c.apres))
    ecart = ""
    if est_montant(c.ecart):
        ecart = euros_bases(c.ecart, signe=True)
    elif isinstance(c.ecart, dict) and "ajoutes" in c.ecart:
        nomme = noms if c.chemin == "partenaires" else {}
        parts = [f"+ {nomme.get(x, texte(x, noms))}" for x in c.ecart["ajoutes"]]
        parts += [f"− {nomme.get(x, texte(x, noms))}" for x in c.ecart["retires"]]
        ecart = " ; ".join(parts)
    avant, apres = texte(c.avant, noms), texte(c.apres, noms)
    if c.chemin in {"collectivite", "maitre_ouvrage"}:
        avant, apres = noms.get(str(c.avant), avant), noms.get(str(c.apres), apres)
    if c.chemin == "partenaires":
        avant, apres = (
            " ; ".join(str(noms.get(x, x)) for x in v) if isinstance(v, list) and v else texte(v)
            for v in (c.avant, c.apres)
        )
    return Ligne(nom, avant, apres, ecart)


@dataclass(frozen=True)
class Bloc:
    """Une fiche modifiée, ou un objet du référentiel, et ses lignes de changement."""

    titre: str
    lignes: list[Ligne] = field(default_factory=list)


@dataclass(frozen=True)
class LigneTableau:
    libelle: str
    avant: str
    apres: str
    ecart: str


@dataclass(frozen=True)
class Recit:
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
    modifiees: list[Bloc]
    referentiel: list[Bloc]
    totaux: list[tuple[str, list[LigneTableau]]]
    nouveaux: list[str]
    resolus: list[str]
    remarques: list[str]


TITRES_TOTAUX = {
    "ensemble": "Ensemble du plan",
    "collectivite": "Coût par collectivité",
    "axe": "Coût par axe",
    "sous_axe": "Coût par sous-axe",
    "financeur": "Financements par financeur",
}


def _pluriel(n: int, un: str, plusieurs: str) -> str:
    return f"{n} {un if n <= 1 else plusieurs}"


def _diagnostic(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.code} {d.message} ({d.severity.libelle})"


def recit(diff: Difference) -> Recit:
    noms = {**diff.noms_avant, **diff.noms_apres}

    def fiche(f: Any) -> str:
        cout = euros_bases(resume_cout(f))
        return (
            f"FA {f.numero} · {noms.get(f.collectivite, f.collectivite)} · {f.titre} — coût {cout}"
        )

    parties: list[str] = []
    plan = 0
    for n, un, plusieurs in (
        (len(diff.modifiees), "fiche modifiée", "fiches modifiées"),
        (len(diff.ajoutees), "fiche ajoutée", "fiches ajoutées"),
        (len(diff.supprimees), "fiche supprimée", "fiches supprimées"),
        (len(diff.renumerotees), "fiche renumérotée", "fiches renumérotées"),
        (len(diff.illisibles), "fiche illisible", "fiches illisibles"),
        (len(diff.referentiel), "changement du référentiel", "changements du référentiel"),
        (len(diff.nouveaux), "nouveau diagnostic", "nouveaux diagnostics"),
        (len(diff.resolus), "diagnostic résolu", "diagnostics résolus"),
    ):
        if n:
            parties.append(_pluriel(n, un, plusieurs))
        if "diagnostic" not in un:
            plan = len(parties)
    remarques = []
    for cote, n in (("avant", diff.erreurs[0]), ("après", diff.erreurs[1])):
        if n:
            remarques.append(
                f"La version {cote} comporte {_pluriel(n, 'erreur', 'erreurs')} : un fichier "
                "illisible n'y est pas comparé, et ses totaux ne le comptent pas (voir les diagnostics)."
            )
    return Recit(
        avant=diff.avant.libelle,
        apres=diff.apres.libelle,
        vide=diff.vide,
        resume=", ".join(parties) if parties else "aucune différence",
        resume_plan=", ".join(parties[:plan]) if plan else "aucune modification du plan",
        ajoutees=[fiche(f) for f in diff.ajoutees],
        supprimees=[fiche(f) for f in diff.supprimees],
        renumerotees=[
            f"FA {a.numero} → FA {b.numero} · {b.titre} (ressemblance {score} %)"
            for a, b, score in diff.renumerotees
        ],
        illisibles=[
            f"FA {f.numero} · {f.titre} : fichier illisible dans la version "
            f"{'après' if cote == 'apres' else 'avant'} (voir les diagnostics), non comparée"
            for cote, f in diff.illisibles
        ],
        modifiees=[
            Bloc(
                f"FA {m.numero} · {m.titre}"
                + (f" (anciennement FA {m.numero_avant})" if m.numero_avant is not None else ""),
                [ligne(c, noms) for c in m.changements],
            )
            for m in diff.modifiees
        ],
        referentiel=[
            Bloc(
                f"{GENRES[o.genre]} {o.cle} {ETATS[o.etat]}"
                if o.genre != "programme"
                else f"Programme {ETATS[o.etat]}",
                [ligne(c, noms) for c in o.changements],
            )
            for o in diff.referentiel
        ],
        totaux=[
            (
                TITRES_TOTAUX[nom],
                [
                    LigneTableau(
                        t.libelle,
                        euros_bases(t.avant),
                        euros_bases(t.apres),
                        euros_bases(t.ecart, signe=True),
                    )
                    for t in diff.totaux[nom]
                ],
            )
            for nom in TITRES_TOTAUX
            if diff.totaux.get(nom)
        ],
        nouveaux=[_diagnostic(d) for d in diff.nouveaux],
        resolus=[_diagnostic(d) for d in diff.resolus],
        remarques=remarques,
    )


def resume_cout(f: Any) -> dict[str, str] | None:
    from acvkit.diff.compare import resume_fiche

    cout: dict[str, str] | None = resume_fiche(f)["cout"]
    return cout
