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

LINEARITY = 2.3
MET, NOT_MET = "atteint", "**non atteint**"


def verdict(valeur: float, limit: float) -> str:
    """« atteint » si la valeur ne dépasse pas la limite, « **non atteint** » sinon."""
    return MET if valeur <= limit else NOT_MET


def linear_limit(small: int, large: int) -> float:
    return LINEARITY * large / small / 2


def whole(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def decimal(x: float, quantified: int) -> str:
    return f"{x:.{quantified}f}".replace(".", ",")


@dataclass(frozen=True)
class Goal:
    """Un objectif : la mesure `cle`, rapportée à `reference` (rapport, linéarité) ou seule."""

    libelle: str
    kind: str  # "rapport", "secondes", "memoire", "linearite"
    key: str
    limit: float
    reference: str | None = None  # plancher (rapport) ou petite taille (linéarité)


@dataclass(frozen=True)
class Resultat:
    target: Goal
    valeur: float
    limit: float
    met: bool
    detail: str  # la mesure en clair (« 7,20 s contre 2,10 s »)

    @property
    def verdict(self) -> str:
        return MET if self.met else NOT_MET

    def line(self) -> str:
        unite = {"secondes": " s", "memoire": " Mo"}.get(self.target.kind, "")
        prefix = "" if unite else "× "
        quantified = 0 if self.target.kind == "memoire" else 2
        mesure = f"{prefix}{decimal(self.valeur, quantified)}{unite}"
        bound = f"{prefix}{decimal(self.limit, quantified)}{unite}"
        detail = f" ({self.detail})" if self.detail else ""
        return f"| {self.target.libelle} | {mesure}{detail} | {bound} au plus | {self.verdict} |"


def _seconds(m: Mesure) -> str:
    return f"{decimal(m.seconds, 2)} s"


def evaluate(target: Goal, mesures: Mapping[str, Mesure]) -> Resultat | None:
    """Le résultat d'un objectif, ou None si une de ses mesures manque."""
    m = mesures.get(target.key)
    ref = mesures.get(target.reference) if target.reference else None
    if m is None or (target.reference and ref is None):
        return None
    failed = [x for x in (m, ref) if x is not None and not x.ok]
    if target.kind == "memoire":
        valeur, detail, limit = m.memory_mb, "", target.limit
    elif target.kind == "secondes":
        valeur, detail, limit = m.seconds, "", target.limit
    else:
        assert ref is not None
        valeur = m.seconds / ref.seconds if ref.seconds > 0 else float("inf")
        detail = f"{_seconds(m)} contre {_seconds(ref)}"
        limit = target.limit
        if target.kind == "linearite":
            limit = linear_limit(ref.size, m.size)
            detail += f", × {decimal(m.size / ref.size, 1)} fiches"
    met = valeur <= limit and not failed
    for x in failed:
        etat = "interrompu" if x.interrupted else f"en échec (code {x.code})"
        detail = ", ".join(filter(None, [detail, f"{x.command} {etat}"]))
    return Resultat(target, valeur, limit, met, detail)


def evaluate_all(objectifs: Iterable[Goal], mesures: Iterable[Mesure]) -> list[Resultat]:
    by_key = {m.key: m for m in mesures}
    return [r for o in objectifs if (r := evaluate(o, by_key)) is not None]


FORMATS = ("html", "md", "docx", "xlsx")


def objectifs_issue_20(
    generated_sizes: list[int], real_size: int | None, real_22: bool
) -> list[Goal]:
    """Les objectifs de l'issue #20 pour les tailles mesurées (la plus grande tient lieu de 10 000).

    `tailles_generees` : les tailles des jeux générés (croissantes) ; `taille_reelle` : la taille
    du jeu de vraies fiches répliquées (None : pas mesuré) ; `reelle_22` : les vraies données telles
    quelles ont été mesurées.
    """
    objectifs: list[Goal] = []
    if real_22:
        objectifs.append(
            Goal(
                "`acv validate` à chaud, vraies données (22 fiches) / plancher des imports",
                "rapport",
                "validate-chaud/reel/22",
                1.5,
                "plancher-import/reel/22",
            )
        )
    largest = generated_sizes[-1] if generated_sizes else None
    datasets = [("genere", largest, "fiches générées")] if largest else []
    if real_size:
        datasets.append(("reel", real_size, "vraies fiches répliquées"))
    for data_set, size, nom in datasets:
        assert size is not None
        objectifs.append(
            Goal(
                f"`acv validate` à froid, {whole(size)} {nom} / parse libyaml",
                "rapport",
                f"validate-froid/{data_set}/{size}",
                1.0,
                f"libyaml/{data_set}/{size}",
            )
        )
    if real_size:
        for shape, key in (("texte", "validate-chaud"), ("JSON", "validate-chaud-json")):
            objectifs.append(
                Goal(
                    f"`acv validate` à chaud ({shape}), {whole(real_size)} vraies fiches "
                    "répliquées / plancher des imports",
                    "rapport",
                    f"{key}/reel/{real_size}",
                    3.0,
                    f"plancher-import/reel/{real_size}",
                )
            )
    if largest is None:
        return objectifs
    objectifs += [
        Goal(
            f"`acv build` (formats par défaut), {whole(largest)} fiches : temps",
            "secondes",
            f"build-defaut/{largest}",
            60.0,
        ),
        Goal(
            f"`acv build` (formats par défaut), {whole(largest)} fiches : mémoire de l'arbre",
            "memoire",
            f"build-defaut/{largest}",
            1024.0,
        ),
        Goal(
            f"`acv build --format docx` / `--format html`, {whole(largest)} fiches",
            "rapport",
            f"build-docx/{largest}",
            4.0,
            f"build-html/{largest}",
        ),
        Goal(
            f"`acv import` d'un tableur de {whole(largest)} actions : temps",
            "secondes",
            f"import/{largest}",
            30.0,
        ),
        Goal(
            f"`acv diff HEAD~1 HEAD`, {whole(largest)} fiches (1 % modifiées) / `acv validate` à froid",
            "rapport",
            f"diff/{largest}",
            2.0,
            f"validate-froid-diff/{largest}",
        ),
    ]
    for small, large in pairwise(generated_sizes):
        for nom in ("defaut", *FORMATS, "import"):
            command = {
                "defaut": "`acv build` (formats par défaut)",
                "import": "`acv import`",
            }.get(nom, f"`acv build --format {nom}`")
            key = nom if nom == "import" else f"build-{nom}"
            objectifs.append(
                Goal(
                    f"linéarité de {command}, {whole(small)} → {whole(large)} fiches",
                    "linearite",
                    f"{key}/{large}",
                    LINEARITY,
                    f"{key}/{small}",
                )
            )
    return objectifs
