"""Les mesures des indicateurs dans l'annexe d'évaluation (8.3) : de quoi dessiner et tabuler.

Un seul calcul pour tous les formats : le graphique SVG (HTML), l'image (DOCX) et le tableau
(Markdown, et tableau de données sous chaque graphique) montrent exactement ces valeurs-là.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from acvkit.indicateurs import evaluer_dataset
from acvkit.indicateurs.nombres import avec_unite
from acvkit.indicateurs.trajectoire import Evaluation
from acvkit.loading.dataset import Dataset

AUCUNE_VALEUR = "Aucune valeur d'indicateur n'est encore enregistrée."
TRAJECTOIRE = "Trajectoire (référence → cible)"


@dataclass(frozen=True)
class Courbe:
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
    trajectoire: Courbe | None
    reference: tuple[int, Decimal] | None
    cibles: list[tuple[int, Decimal]]
    series: list[Courbe]
    description: str
    # Le tableau de données : une ligne par année, une colonne par courbe (trajectoire d'abord).
    colonnes: list[str] = field(default_factory=list)
    lignes: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def a_des_valeurs(self) -> bool:
        return bool(self.series)

    @property
    def courbes(self) -> list[Courbe]:
        return ([self.trajectoire] if self.trajectoire else []) + self.series


@dataclass(frozen=True)
class MesuresEvaluation:
    """Par identifiant d'indicateur : ses mesures ou les fiches qui le suivent (sinon absent)."""

    par_indicateur: dict[str, MesureIndicateur]
    aucune_valeur: bool

    @property
    def ligne_aucune_valeur(self) -> str:
        return AUCUNE_VALEUR if self.aucune_valeur else ""


def _libelle(territoire: str | None, perimetre: str | None, noms: dict[str, str]) -> str:
    lisible = "EPCI" if perimetre == "epci" else perimetre
    parts = [noms.get(territoire, territoire) if territoire else None, lisible]
    return ", ".join(p for p in parts if p) or "Valeur observée"


def _description(e: Evaluation, series: list[Courbe], unite: str | None) -> str:
    morceaux = []
    for courbe in series:
        (a0, v0), (a1, v1) = courbe.points[0], courbe.points[-1]
        if a0 == a1:
            morceaux.append(f"{courbe.libelle} : {avec_unite(v1, unite)} en {a1}")
        else:
            morceaux.append(
                f"{courbe.libelle} : de {avec_unite(v0, unite)} en {a0} "
                f"à {avec_unite(v1, unite)} en {a1}"
            )
    texte = "Valeurs observées — " + " ; ".join(morceaux) + "."
    if e.trajectoire:
        debut, fin = e.trajectoire[0], e.trajectoire[-1]
        texte += (
            f" Trajectoire de la référence, {avec_unite(debut.valeur, unite)} en {debut.annee}, "
            f"à la cible, {avec_unite(fin.valeur, unite)} en {fin.annee}."
        )
    return texte


def _mesure(e: Evaluation, noms: dict[str, str], titres: dict[int, str]) -> MesureIndicateur:
    i = e.indicateur
    unite = i.unite
    series = [
        Courbe(
            _libelle(s.territoire, s.perimetre, noms),
            [(m.annee, m.valeur) for m in s.valeurs],
        )
        for s in e.series
    ]
    trajectoire = (
        Courbe(TRAJECTOIRE, [(p.annee, p.valeur) for p in e.trajectoire]) if e.trajectoire else None
    )
    courbes = ([trajectoire] if trajectoire else []) + series
    annees = sorted({a for c in courbes for a, _ in c.points})
    lignes = []
    for annee in annees:
        cellules = []
        for courbe in courbes:
            valeurs = [v for a, v in courbe.points if a == annee]
            cellules.append(" ; ".join(avec_unite(v, unite) for v in valeurs))
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
        colonnes=[c.libelle for c in courbes],
        lignes=lignes,
    )


def mesures_evaluation(data: Dataset) -> MesuresEvaluation:
    """Les mesures de chaque indicateur qui a des valeurs ou que des fiches suivent.

    Quand aucun indicateur n'a de valeur, rien n'est ajouté à l'annexe que la ligne qui le dit.
    """
    noms = {p.model.id: p.model.nom for p in data.partenaires}
    titres = {e.model.numero: e.model.titre for e in data.fiches}
    par_indicateur = {
        e.indicateur.id: _mesure(e, noms, titres)
        for e in evaluer_dataset(data)
        if e.series or e.fiches
    }
    if not any(m.a_des_valeurs for m in par_indicateur.values()):
        # Aucune valeur : l'annexe reste celle du seul texte de l'avenant, plus une ligne qui le dit.
        return MesuresEvaluation({}, bool(data.indicateurs))
    return MesuresEvaluation(par_indicateur, False)
