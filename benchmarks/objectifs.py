"""Les objectifs de l'issue #20, chacun rapporté à son plancher mesuré dans le même passage.

Trois genres :
- « rapport » : la commande au plus `limite` fois son plancher (parse libyaml, import, validate) ;
- « plafond » : au plus `limite` secondes, ou `limite` Mo de mémoire pour l'arbre de processus ;
- « linéarité » : de `petit` à `grand` fiches, le temps au plus × LINEARITE × (grand / petit) / 2
  (2× les fiches : au plus 2,3× le temps).
Un objectif dont une mesure manque (taille non demandée) n'a pas de verdict ; une commande qui a
échoué (code de sortie inattendu) ou a été interrompue n'atteint pas son objectif.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from benchmarks.mesure import Mesure

LINEARITE = 2.3
ATTEINT, NON_ATTEINT = "atteint", "**non atteint**"


def verdict(valeur: float, limite: float) -> str:
    """« atteint » si la valeur ne dépasse pas la limite, « **non atteint** » sinon."""
    return ATTEINT if valeur <= limite else NON_ATTEINT


def limite_lineaire(petit: int, grand: int) -> float:
    return LINEARITE * grand / petit / 2


def entier(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def decimal(x: float, chiffres: int) -> str:
    return f"{x:.{chiffres}f}".replace(".", ",")


@dataclass(frozen=True)
class Objectif:
    """Un objectif : la mesure `cle`, rapportée à `reference` (rapport, linéarité) ou seule."""

    libelle: str
    genre: str  # "rapport", "secondes", "memoire", "linearite"
    cle: str
    limite: float
    reference: str | None = None  # plancher (rapport) ou petite taille (linéarité)


@dataclass(frozen=True)
class Resultat:
    objectif: Objectif
    valeur: float
    limite: float
    atteint: bool
    detail: str  # la mesure en clair (« 7,20 s contre 2,10 s »)

    @property
    def verdict(self) -> str:
        return ATTEINT if self.atteint else NON_ATTEINT

    def ligne(self) -> str:
        unite = {"secondes": " s", "memoire": " Mo"}.get(self.objectif.genre, "")
        prefixe = "" if unite else "× "
        chiffres = 0 if self.objectif.genre == "memoire" else 2
        mesure = f"{prefixe}{decimal(self.valeur, chiffres)}{unite}"
        borne = f"{prefixe}{decimal(self.limite, chiffres)}{unite}"
        detail = f" ({self.detail})" if self.detail else ""
        return f"| {self.objectif.libelle} | {mesure}{detail} | {borne} au plus | {self.verdict} |"


def _secondes(m: Mesure) -> str:
    return f"{decimal(m.secondes, 2)} s"


def evaluer(objectif: Objectif, mesures: Mapping[str, Mesure]) -> Resultat | None:
    """Le résultat d'un objectif, ou None si une de ses mesures manque."""
    m = mesures.get(objectif.cle)
    ref = mesures.get(objectif.reference) if objectif.reference else None
    if m is None or (objectif.reference and ref is None):
        return None
    echec = [x for x in (m, ref) if x is not None and not x.ok]
    if objectif.genre == "memoire":
        valeur, detail, limite = m.memoire_mo, "", objectif.limite
    elif objectif.genre == "secondes":
        valeur, detail, limite = m.secondes, "", objectif.limite
    else:
        assert ref is not None
        valeur = m.secondes / ref.secondes if ref.secondes > 0 else float("inf")
        detail = f"{_secondes(m)} contre {_secondes(ref)}"
        limite = objectif.limite
        if objectif.genre == "linearite":
            limite = limite_lineaire(ref.taille, m.taille)
            detail += f", × {decimal(m.taille / ref.taille, 1)} fiches"
    atteint = valeur <= limite and not echec
    for x in echec:
        etat = "interrompu" if x.interrompu else f"en échec (code {x.code})"
        detail = ", ".join(filter(None, [detail, f"{x.commande} {etat}"]))
    return Resultat(objectif, valeur, limite, atteint, detail)


def evaluer_tous(objectifs: Iterable[Objectif], mesures: Iterable[Mesure]) -> list[Resultat]:
    par_cle = {m.cle: m for m in mesures}
    return [r for o in objectifs if (r := evaluer(o, par_cle)) is not None]


FORMATS = ("html", "md", "docx", "xlsx")


def objectifs_issue_20(
    tailles_generees: list[int], taille_reelle: int | None, reelle_22: bool
) -> list[Objectif]:
    """Les objectifs de l'issue #20 pour les tailles mesurées (la plus grande tient lieu de 10 000).

    `tailles_generees` : les tailles des jeux générés (croissantes) ; `taille_reelle` : la taille
    du jeu de vraies fiches répliquées (None : pas mesuré) ; `reelle_22` : les vraies données telles
    quelles ont été mesurées.
    """
    objectifs: list[Objectif] = []
    if reelle_22:
        objectifs.append(
            Objectif(
                "`acv validate` à chaud, vraies données (22 fiches) / plancher des imports",
                "rapport",
                "validate-chaud/reel/22",
                1.5,
                "plancher-import/reel/22",
            )
        )
    grande = tailles_generees[-1] if tailles_generees else None
    jeux = [("genere", grande, "fiches générées")] if grande else []
    if taille_reelle:
        jeux.append(("reel", taille_reelle, "vraies fiches répliquées"))
    for jeu, taille, nom in jeux:
        assert taille is not None
        objectifs.append(
            Objectif(
                f"`acv validate` à froid, {entier(taille)} {nom} / parse libyaml",
                "rapport",
                f"validate-froid/{jeu}/{taille}",
                1.0,
                f"libyaml/{jeu}/{taille}",
            )
        )
    if taille_reelle:
        for forme, cle in (("texte", "validate-chaud"), ("JSON", "validate-chaud-json")):
            objectifs.append(
                Objectif(
                    f"`acv validate` à chaud ({forme}), {entier(taille_reelle)} vraies fiches "
                    "répliquées / plancher des imports",
                    "rapport",
                    f"{cle}/reel/{taille_reelle}",
                    3.0,
                    f"plancher-import/reel/{taille_reelle}",
                )
            )
    if grande is None:
        return objectifs
    objectifs += [
        Objectif(
            f"`acv build` (formats par défaut), {entier(grande)} fiches : temps",
            "secondes",
            f"build-defaut/{grande}",
            60.0,
        ),
        Objectif(
            f"`acv build` (formats par défaut), {entier(grande)} fiches : mémoire de l'arbre",
            "memoire",
            f"build-defaut/{grande}",
            1024.0,
        ),
        Objectif(
            f"`acv build --format docx` / `--format html`, {entier(grande)} fiches",
            "rapport",
            f"build-docx/{grande}",
            4.0,
            f"build-html/{grande}",
        ),
        Objectif(
            f"`acv import` d'un tableur de {entier(grande)} actions : temps",
            "secondes",
            f"import/{grande}",
            30.0,
        ),
        Objectif(
            f"`acv diff HEAD~1 HEAD`, {entier(grande)} fiches (1 % modifiées) / `acv validate` à froid",
            "rapport",
            f"diff/{grande}",
            2.0,
            f"validate-froid-diff/{grande}",
        ),
    ]
    for petit, grand in pairwise(tailles_generees):
        for nom in ("defaut", *FORMATS, "import"):
            commande = {
                "defaut": "`acv build` (formats par défaut)",
                "import": "`acv import`",
            }.get(nom, f"`acv build --format {nom}`")
            cle = nom if nom == "import" else f"build-{nom}"
            objectifs.append(
                Objectif(
                    f"linéarité de {commande}, {entier(petit)} → {entier(grand)} fiches",
                    "linearite",
                    f"{cle}/{grand}",
                    LINEARITE,
                    f"{cle}/{petit}",
                )
            )
    return objectifs
