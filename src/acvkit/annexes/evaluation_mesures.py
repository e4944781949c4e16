"""Les mesures des indicateurs dans l'annexe d'évaluation (8.3) : de quoi dessiner et tabuler.

Un seul calcul pour tous les formats : le graphique SVG (HTML), l'image (DOCX) et le tableau
(Markdown, et tableau de données sous chaque graphique) montrent exactement ces valeurs-là.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from acvkit.indicateurs import evaluate_dataset
from acvkit.indicateurs.number_text import with_unite
from acvkit.indicateurs.trajectoire import Evaluation
from acvkit.loading.dataset import Dataset

NO_VALUE = "Aucune valeur d'indicateur n'est encore enregistrée."
TRAJECTOIRE = "Trajectoire (référence → cible)"


@dataclass(frozen=True)
class Curve:
    """Une suite de points d'une même série : valeurs observées, ou trajectoire."""

    libelle: str
    points: list[tuple[int, Decimal]]


@dataclass(frozen=True)
class MesureIndicateur:
    id: str
    intitule: str
    unite: str
    verdict: str
    fiches: list[str]  # « FA 12 – Titre »
    trajectoire: Curve | None
    reference: tuple[int, Decimal] | None
    cibles: list[tuple[int, Decimal]]
    series: list[Curve]
    description: str
    # Le tableau de données : une ligne par année, une colonne par courbe (trajectoire d'abord).
    colonnes: list[str] = field(default_factory=list)
    lignes: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def a_des_valeurs(self) -> bool:
        return bool(self.series)

    @property
    def curves(self) -> list[Curve]:
        return ([self.trajectoire] if self.trajectoire else []) + self.series


@dataclass(frozen=True)
class MesuresEvaluation:
    """Par identifiant d'indicateur : ses mesures ou les fiches qui le suivent (sinon absent)."""

    par_indicateur: dict[str, MesureIndicateur]
    aucune_valeur: bool

    @property
    def ligne_aucune_valeur(self) -> str:
        return NO_VALUE if self.aucune_valeur else ""


def _libelle(territoire: str | None, perimetre: str | None, names: dict[str, str]) -> str:
    perimetre_label = "EPCI" if perimetre == "epci" else perimetre
    parts = [names.get(territoire, territoire) if territoire else None, perimetre_label]
    return ", ".join(p for p in parts if p) or "Valeur observée"


def _description(e: Evaluation, series: list[Curve], unite: str | None) -> str:
    pieces = []
    for curve in series:
        (a0, v0), (a1, v1) = curve.points[0], curve.points[-1]
        if a0 == a1:
            pieces.append(f"{curve.libelle} : {with_unite(v1, unite)} en {a1}")
        else:
            pieces.append(
                f"{curve.libelle} : de {with_unite(v0, unite)} en {a0} "
                f"à {with_unite(v1, unite)} en {a1}"
            )
    texte = "Valeurs observées — " + " ; ".join(pieces) + "."
    if e.trajectoire:
        debut, fin = e.trajectoire[0], e.trajectoire[-1]
        texte += (
            f" Trajectoire de la référence, {with_unite(debut.valeur, unite)} en {debut.annee}, "
            f"à la cible, {with_unite(fin.valeur, unite)} en {fin.annee}."
        )
    return texte


def _mesure(e: Evaluation, names: dict[str, str], titres: dict[int, str]) -> MesureIndicateur:
    i = e.indicateur
    unite = i.unite
    series = [
        Curve(
            _libelle(s.territoire, s.perimetre, names),
            [(m.annee, m.valeur) for m in s.valeurs],
        )
        for s in e.series
    ]
    trajectoire = (
        Curve(TRAJECTOIRE, [(p.annee, p.valeur) for p in e.trajectoire]) if e.trajectoire else None
    )
    curves = ([trajectoire] if trajectoire else []) + series
    annees = sorted({a for c in curves for a, _ in c.points})
    lignes = []
    for annee in annees:
        cellules = []
        for curve in curves:
            valeurs = [v for a, v in curve.points if a == annee]
            cellules.append(" ; ".join(with_unite(v, unite) for v in valeurs))
        lignes.append((annee, cellules))
    jalons = e.trajectoire
    return MesureIndicateur(
        id=i.id,
        intitule=i.intitule,
        unite=unite or "",
        verdict=e.verdict.value,
        fiches=[f"FA {n} – {titres.get(n, '')}".rstrip(" –") for n in e.fiches],
        trajectoire=trajectoire,
        reference=(jalons[0].annee, jalons[0].valeur) if jalons else None,
        cibles=[(c.annee, c.valeur) for c in i.cibles if jalons and c.annee > jalons[0].annee],
        series=series,
        description=_description(e, series, unite) if series else "",
        colonnes=[c.libelle for c in curves],
        lignes=lignes,
    )


def mesures_evaluation(data: Dataset) -> MesuresEvaluation:
    """Les mesures de chaque indicateur qui a des valeurs ou que des fiches suivent.

    Quand aucun indicateur n'a de valeur, rien n'est ajouté à l'annexe que la ligne qui le dit.
    """
    names = {p.model.id: p.model.nom for p in data.partenaires}
    titres = {e.model.numero: e.model.titre for e in data.fiches}
    par_indicateur = {
        e.indicateur.id: _mesure(e, names, titres)
        for e in evaluate_dataset(data)
        if e.series or e.fiches
    }
    if not any(m.a_des_valeurs for m in par_indicateur.values()):
        # Aucune valeur : l'annexe reste celle du seul texte de l'avenant, plus une ligne qui le dit.
        return MesuresEvaluation({}, bool(data.indicateurs))
    return MesuresEvaluation(par_indicateur, False)
