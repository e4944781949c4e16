"""La trajectoire d'un indicateur et son verdict, en arithmétique décimale exacte.

Trajectoire : la ligne brisée qui relie la valeur de référence à chaque cible, dans l'ordre des
années. La valeur attendue une année donnée s'y lit par interpolation linéaire ; avant l'année de
référence elle vaut la référence, après la dernière cible elle vaut la dernière cible.

Verdict d'une série de valeurs (un territoire, un périmètre), lu à sa dernière valeur v de l'année
a, contre la valeur attendue t(a) :

- écart orienté e = (v − t(a)) dans le sens du progrès (multiplié par −1 quand `sens: baisse`) ;
- tolérance T = 5 % de |cible finale − référence| (0 quand la cible égale la référence) ;
- « en avance » si e > T, « en retard » si e < −T, « dans la trajectoire » sinon (|e| ≤ T).

Sans valeur : « pas de valeur ». Sans référence, sans cible, ou sans sens connu (ni `sens` écrit,
ni cible différente de la référence) : « non évaluable ». L'avancement est la part du chemin
parcouru de la référence à la cible finale : (v − référence) / (cible − référence), en pour cent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from itertools import pairwise

from acvkit.models import Cible, Indicateur, Mesure, Reference, Sens

TOLERANCE = Decimal("0.05")
HUNDREDTH = Decimal("0.01")
TENTH = Decimal("0.1")


class Verdict(StrEnum):
    """Où en est un indicateur par rapport à sa trajectoire."""

    AHEAD = "en avance"
    ON_TRAJECTOIRE = "dans la trajectoire"
    EN_RETARD = "en retard"
    NO_VALUE = "pas de valeur"
    NOT_ASSESSABLE = "non évaluable"


# Du moins favorable au plus favorable : le verdict d'un indicateur est celui de sa pire série.
_ORDER = [
    Verdict.EN_RETARD,
    Verdict.NOT_ASSESSABLE,
    Verdict.ON_TRAJECTOIRE,
    Verdict.AHEAD,
    Verdict.NO_VALUE,
]


@dataclass(frozen=True)
class Point:
    annee: int
    valeur: Decimal


@dataclass(frozen=True)
class Series:
    """Les valeurs d'un même territoire et d'un même périmètre, et leur verdict."""

    territoire: str | None
    perimetre: str | None
    valeurs: list[Mesure]
    expected: Decimal | None  # valeur de la trajectoire l'année de la dernière valeur (exacte)
    ecart: Decimal | None  # écart orienté dans le sens du progrès (exact)
    avancement: Decimal | None  # en pour cent, au dixième
    verdict: Verdict

    @property
    def last(self) -> Mesure:
        return self.valeurs[-1]


@dataclass(frozen=True)
class Evaluation:
    """Un indicateur lu à la date du rapport : référence, cible, trajectoire, séries et verdict."""

    indicateur: Indicateur
    sens: Sens | None
    cible: Cible | None  # la cible finale
    trajectoire: list[Point]  # une valeur attendue par année, de la référence à la cible finale
    tolerance: Decimal | None
    series: list[Series]
    verdict: Verdict
    fiches: list[int] = field(default_factory=list)

    @property
    def reference(self) -> Reference | None:
        return self.indicateur.reference


def effective_sens(indicateur: Indicateur) -> Sens | None:
    """Le `sens` écrit ; sinon celui que donne la cible finale par rapport à la référence."""
    if indicateur.sens is not None:
        return indicateur.sens
    if indicateur.reference is None or not indicateur.cibles:
        return None
    cible = indicateur.cibles[-1].valeur
    if cible == indicateur.reference.valeur:
        return None
    return Sens.HAUSSE if cible > indicateur.reference.valeur else Sens.BAISSE


def _jalons(indicateur: Indicateur) -> list[Point]:
    """Référence puis cibles, dans l'ordre des années (une cible mal rangée est écartée)."""
    if indicateur.reference is None:
        return []
    points = [Point(indicateur.reference.annee, indicateur.reference.valeur)]
    for cible in indicateur.cibles:
        if cible.annee > points[-1].annee:
            points.append(Point(cible.annee, cible.valeur))
    return points if len(points) > 1 else []


def expected(indicateur: Indicateur, annee: int) -> Decimal | None:
    """La valeur de la trajectoire une année donnée, exacte (None sans référence ni cible)."""
    jalons = _jalons(indicateur)
    if not jalons:
        return None
    if annee <= jalons[0].annee:
        return jalons[0].valeur
    for avant, apres in pairwise(jalons):
        if annee == apres.annee:
            return apres.valeur
        if annee < apres.annee:
            # Multiplier avant de diviser : exact chaque fois que le résultat l'est.
            covered = (apres.valeur - avant.valeur) * Decimal(annee - avant.annee)
            return avant.valeur + covered / Decimal(apres.annee - avant.annee)
    return jalons[-1].valeur


def trajectoire(indicateur: Indicateur) -> list[Point]:
    """Une valeur attendue par année, arrondie au centième, de l'année de référence à la cible finale."""
    jalons = _jalons(indicateur)
    if not jalons:
        return []
    out = []
    for annee in range(jalons[0].annee, jalons[-1].annee + 1):
        valeur = expected(indicateur, annee)
        assert valeur is not None
        out.append(Point(annee, round_to(valeur, HUNDREDTH)))
    return out


def round_to(valeur: Decimal, step: Decimal) -> Decimal:
    """Une valeur déjà au pas près garde son écriture ; sinon arrondie au pas (à égalité, vers le pair)."""
    rounded = valeur.quantize(step, rounding=ROUND_HALF_EVEN)
    return valeur if rounded == valeur else rounded


def _series(indicateur: Indicateur) -> list[list[Mesure]]:
    groupes: dict[tuple[str | None, str | None], list[Mesure]] = {}
    for mesure in indicateur.valeurs:
        key = (mesure.territoire, mesure.perimetre.value if mesure.perimetre else None)
        groupes.setdefault(key, []).append(mesure)
    # La dernière valeur d'une série est celle de l'année la plus récente (tri stable).
    return [sorted(g, key=lambda m: m.annee) for g in groupes.values()]


def _judge_series(indicateur: Indicateur, valeurs: list[Mesure], sens: Sens | None) -> Series:
    last = valeurs[-1]
    perimetre = last.perimetre.value if last.perimetre else None
    final_cible = _jalons(indicateur)[-1] if _jalons(indicateur) else None
    theoretical = expected(indicateur, last.annee)
    if final_cible is None or theoretical is None or sens is None:
        return Series(last.territoire, perimetre, valeurs, None, None, None, Verdict.NOT_ASSESSABLE)
    assert indicateur.reference is not None
    start = indicateur.reference.valeur
    path = final_cible.valeur - start
    sign = 1 if sens is Sens.HAUSSE else -1
    ecart = (last.valeur - theoretical) * sign
    ecart = abs(ecart) if ecart.is_zero() else ecart  # 0 × −1 : un zéro sans signe
    tolerance = abs(path) * TOLERANCE
    if ecart > tolerance:
        verdict = Verdict.AHEAD
    elif ecart < -tolerance:
        verdict = Verdict.EN_RETARD
    else:
        verdict = Verdict.ON_TRAJECTOIRE
    avancement = None
    if path:
        avancement = ((last.valeur - start) * 100 / path).quantize(TENTH, rounding=ROUND_HALF_EVEN)
    return Series(last.territoire, perimetre, valeurs, theoretical, ecart, avancement, verdict)


def evaluate(indicateur: Indicateur, fiches: list[int] | None = None) -> Evaluation:
    """L'évaluation d'un indicateur : trajectoire, une série par territoire et périmètre, verdict."""
    sens = effective_sens(indicateur)
    jalons = _jalons(indicateur)
    series = [_judge_series(indicateur, valeurs, sens) for valeurs in _series(indicateur)]
    verdict = min((s.verdict for s in series), key=_ORDER.index, default=Verdict.NO_VALUE)
    tolerance = abs(jalons[-1].valeur - jalons[0].valeur) * TOLERANCE if jalons else None
    return Evaluation(
        indicateur=indicateur,
        sens=sens,
        cible=indicateur.cibles[-1] if indicateur.cibles else None,
        trajectoire=trajectoire(indicateur),
        tolerance=tolerance,
        series=series,
        verdict=verdict,
        fiches=sorted(fiches or []),
    )
