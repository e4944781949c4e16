"""Calculer le contenu des annexes, une fois, à partir des données lues : chiffres de l'agrégation,
textes prêts à afficher (les structures sont dans context.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from acvkit.annexes.attention import PointsAttention, points_attention
from acvkit.annexes.context import (
    Annexes,
    AxeEvaluation,
    AxePlan,
    CalendrierRow,
    Entete,
    EvaluationRow,
    FicheAnnexe,
    GroupeFiches,
    MontantRow,
    PlanRow,
    Programmation,
    Recapitulatif,
    RecapRow,
    Segment,
    SousAxePlan,
    date_fr,
    liste,
)
from acvkit.annexes.evaluation_mesures import mesures_evaluation
from acvkit.annexes.maquette import MontantsBases, build_maquette
from acvkit.costs.aggregate import Groupe, aggregate_dataset
from acvkit.costs.financement import financements as read_financements
from acvkit.costs.glossary import UNKNOWN_TEXT, Categorie, joint_name
from acvkit.diagnostics import Diagnostic
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche
from acvkit.models.document import NATIONAL
from acvkit.money import format_euros
from acvkit.periods import Periode
from acvkit.views.text import calendrier_text, cout_texte, maitre_ouvrage_text, with_note


def _axe_order(code: str) -> tuple[int, str]:
    return (99, code) if not code.isdigit() else (int(code), "")


def _code_sous_axe(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


class _Names:
    def __init__(self, data: Dataset) -> None:
        self.names = {p.model.id: p.model.nom for p in data.partenaires}
        self.sigles = {p.model.id: p.model.sigle for p in data.partenaires if p.model.sigle}

    def court(self, ident: str) -> str:
        """Le sigle (« ANAH »), sinon le nom."""
        return self.sigles.get(ident) or self.names.get(ident, ident)

    def __call__(self, ident: str | None) -> str:
        if ident is None:
            return ""
        return self.names.get(ident, ident)


def _collectivites(data: Dataset) -> list[str]:
    """Les collectivités dans l'ordre de l'avenant : communes, puis l'EPCI, puis les autres."""
    order: list[str] = []
    if data.programme is not None:
        territoire = data.programme.model.territoire
        order = [c.collectivite for c in territoire.communes] + [territoire.epci.collectivite]
    autres = sorted({e.model.collectivite for e in data.fiches} - set(order))
    return [c for c in order + autres if any(e.model.collectivite == c for e in data.fiches)]


def _axes(data: Dataset, *, evaluation: bool = False) -> dict[str, str]:
    """« Axe 3 – … » par code : l'intitulé de l'article 7.1, ou celui de 8.3 (`evaluation`)."""
    titres = {}
    for entry in data.axes:
        axe = entry.model
        nom = "Axe transversal" if axe.code == "transversal" else f"Axe {axe.code}"
        intitule = (evaluation and axe.intitule_evaluation) or axe.intitule
        titres[axe.code] = f"{nom} – {intitule}"
    return titres


def _plan(data: Dataset, names: _Names) -> list[AxePlan]:
    titres = _axes(data)
    fiches = data.sorted_fiches()
    plan = []
    for entry in sorted(data.axes, key=lambda e: _axe_order(e.model.code)):
        sous_axes = []
        # D'abord les fiches rattachées à l'axe lui-même (sans intertitre), puis chaque sous-axe.
        groupes = [(entry.model.code, "")] + [
            (s.code, s.intitule)
            for s in sorted(entry.model.sous_axes, key=lambda s: _code_sous_axe(s.code))
        ]
        for code, intitule in groupes:
            lignes = [
                # Le plan reprend l'intitulé de l'article 7.1 quand il diffère de l'Annexe 2.
                PlanRow(
                    f.model.numero, names(f.model.collectivite), f.model.titre_plan or f.model.titre
                )
                for f in fiches
                if f.model.sous_axe == code
            ]
            if lignes:
                sous_axes.append(SousAxePlan(code, intitule, lignes))
        if sous_axes:
            plan.append(AxePlan(entry.model.code, titres[entry.model.code], sous_axes))
    return plan


def _rang(fiche: Fiche) -> tuple[bool, int, int]:
    return (fiche.rang is None, fiche.rang or 0, fiche.numero)


def _montant_base(montant: Decimal, base: object) -> str:
    texte = format_euros(montant)
    return f"{texte} {base.value}" if base is not None and hasattr(base, "value") else texte


def _fiche(
    fiche: Fiche, names: _Names, axes: dict[str, str], sous_axes: dict[str, str]
) -> FicheAnnexe:
    postes = []
    for poste in fiche.cout.postes if fiche.cout and fiche.cout.postes else []:
        if poste.montant is None:
            montant = poste.note or "A définir"
        else:
            montant = _montant_base(
                poste.montant, poste.base or (fiche.cout.base if fiche.cout else None)
            )
            if poste.note:
                montant += f" ({poste.note})"
        postes.append(MontantRow(poste.libelle, montant))
    financements = []
    for f in read_financements(fiche):
        # Tel qu'écrit dans la fiche : la base seulement si elle est écrite, le taux tel quel ;
        # sans montant, la note seule (le gabarit écrit « montant non précisé » sans note).
        if f.montant is None and f.taux is None:
            texte = f.note or ""
        else:
            texte = f.as_written + (f" ({f.note})" if f.note else "")
        financements.append(MontantRow(joint_name(f.financeur, names), texte))
    jalons = [
        (j.libelle, str(j.lancement or ""), str(j.livraison or ""), j.note or "")
        for j in fiche.jalons or []
    ]
    description = [p.strip() for p in (fiche.description or "").split("\n\n") if p.strip()]
    if fiche.description_note:  # à la place de la description, ou après elle
        description.append(fiche.description_note)
    return FicheAnnexe(
        numero=fiche.numero,
        titre=fiche.titre,
        collectivite=names(fiche.collectivite),
        type=fiche.type.libelle,
        axe=axes.get(fiche.axe, f"Axe {fiche.axe}"),
        rattachement=(fiche.axe_rattachement or "").splitlines(),
        sous_axe=""
        if fiche.axe_only
        else f"{fiche.sous_axe} – {sous_axes.get(fiche.sous_axe, '')}".rstrip(" –"),
        date_signature=with_note(str(fiche.date_signature or ""), fiche.date_signature_note),
        description=description,
        objectifs=liste(fiche.objectifs, fiche.objectifs_note),
        maitre_ouvrage=maitre_ouvrage_text(fiche, names),
        partenaires=[names(p) for p in fiche.partenaires or []],
        partenaires_note=fiche.partenaires_note,
        cout_total=cout_texte(fiche),
        cout_note=fiche.cout_note if fiche.cout is not None else None,
        postes=postes,
        financements=financements,
        financements_note=fiche.financements_note,
        lancement=with_note(str(fiche.lancement or ""), fiche.lancement_note),
        livraison=with_note(str(fiche.livraison or ""), fiche.livraison_note),
        jalons=jalons,
        indicateurs_avancement=liste(
            fiche.indicateurs_avancement, fiche.indicateurs_avancement_note
        ),
        indicateurs_resultat=liste(fiche.indicateurs_resultat, fiche.indicateurs_resultat_note),
        titre_plan=fiche.titre_plan,
        classement_fiche=fiche.classement_fiche,
    )


def financements_text(fiche: Fiche, names: _Names) -> str:
    if not fiche.financements:
        return fiche.financements_note or UNKNOWN_TEXT
    parts = []
    for f in read_financements(fiche):
        nom = joint_name(f.financeur, names)
        parts.append(nom if f.montant is None and f.taux is None else f"{nom} : {f.texte}")
    return " ; ".join(parts)


def _financement_totals(groupe: Groupe) -> list[tuple[str, MontantsBases]]:
    """Les totaux de financement, une catégorie du glossaire chacun (jamais additionnées) :
    financements des partenaires toujours, les autres quand il y en a."""
    out = []
    for cat in Categorie:
        montants = groupe.of(cat)
        if cat is Categorie.PARTENAIRES or not montants.is_zero:
            out.append((cat.term.libelle, MontantsBases.from_montants(montants)))
    return out


def _total_recapitulatif(data: Dataset) -> Recapitulatif:
    total = aggregate_dataset(data, ("collectivite",)).total
    return Recapitulatif(
        collectivite_id="",
        collectivite="Ensemble des collectivités",
        lignes=[],
        total_cout=MontantsBases.from_montants(total.cout),
        total_finance=MontantsBases.from_montants(total.finance),
        totaux_financements=_financement_totals(total),
        a_determiner=sorted(total.undetermined_fiches),
        partiels=sorted(total.partial_fiches),
    )


def _recapitulatifs(data: Dataset, names: _Names) -> list[Recapitulatif]:
    agregat = aggregate_dataset(data, ("collectivite",))
    groupes = {g.key[0]: g for g in agregat.groupes}
    out = []
    for collectivite in _collectivites(data):
        fiches = [e.model for e in data.sorted_fiches() if e.model.collectivite == collectivite]
        groupe = groupes[collectivite]
        out.append(
            Recapitulatif(
                collectivite_id=collectivite,
                collectivite=names(collectivite),
                lignes=[
                    RecapRow(
                        f.numero,
                        f.titre,
                        f.sous_axe,
                        f.type.libelle,
                        maitre_ouvrage_text(f, names),
                        cout_texte(f),
                        financements_text(f, names),
                        calendrier_text(f),
                    )
                    for f in fiches
                ],
                total_cout=MontantsBases.from_montants(groupe.cout),
                total_finance=MontantsBases.from_montants(groupe.finance),
                totaux_financements=_financement_totals(groupe),
                a_determiner=sorted(groupe.undetermined_fiches),
                partiels=sorted(groupe.partial_fiches),
            )
        )
    return out


def _segment(libelle: str, periodes: tuple[Periode | None, ...], texte: str) -> Segment | None:
    """Le segment du calendrier que couvrent ces périodes datées ; aucun si aucune ne l'est."""
    dated = [p for p in periodes if p is not None and p.is_dated]
    if not dated:
        return None
    debut = min(p.debut for p in dated if p.debut)
    fin = max(p.fin for p in dated if p.fin)
    return Segment(libelle, debut, fin, texte)


def _programmation(data: Dataset, names: _Names) -> Programmation:
    debut_avenant = data.programme.model.debut if data.programme else date(2024, 1, 1)
    fin_avenant = data.programme.model.fin if data.programme else date(2026, 12, 31)
    lignes = []
    for entry in data.sorted_fiches():
        fiche = entry.model
        if fiche.jalons:
            candidates = [
                _segment(
                    jalon.libelle,
                    (jalon.lancement, jalon.livraison),
                    " → ".join(str(p) for p in (jalon.lancement, jalon.livraison) if p is not None),
                )
                for jalon in fiche.jalons
            ]
        else:
            candidates = [
                _segment(fiche.titre, (fiche.lancement, fiche.livraison), calendrier_text(fiche))
            ]
        segments = [s for s in candidates if s is not None]
        # Le calendrier propre de la fiche, dessiné à côté de ses phases.
        own, texte = (fiche.lancement, fiche.livraison), calendrier_text(fiche)
        cadre = _segment("Calendrier de la fiche", own, texte) if fiche.jalons else None
        spans = [*segments, *([cadre] if cadre else [])]
        annees = sorted({a for s in spans for a in range(s.debut.year, s.fin.year + 1)})
        lignes.append(
            CalendrierRow(
                fiche.numero,
                fiche.titre,
                names(fiche.collectivite),
                segments,
                annees,
                calendrier_text(fiche),
                cadre,
            )
        )
    all_years = [a for ligne in lignes for a in ligne.annees] + [
        debut_avenant.year,
        fin_avenant.year,
    ]
    document = data.programme.model.structure() if data.programme else NATIONAL
    return Programmation(
        min(all_years), max(all_years), debut_avenant, fin_avenant, lignes, document.of_document
    )


def _evaluation(data: Dataset) -> list[AxeEvaluation]:
    titres = _axes(data, evaluation=True)
    out = []
    for code in sorted({e.model.axe for e in data.indicateurs}, key=_axe_order):
        lignes = [
            EvaluationRow(
                e.model.id,
                e.model.critere,
                e.model.intitule,
                list(e.model.sources),
                " / ".join(
                    p.value.capitalize() if p.value != "epci" else "EPCI" for p in e.model.perimetre
                ),
            )
            for e in sorted(data.indicateurs, key=lambda e: e.model.id)
            if e.model.axe == code
        ]
        out.append(AxeEvaluation(titres.get(code, f"Axe {code}"), lignes))
    return out


def entete(data: Dataset, genere_le: date) -> Entete:
    """L'en-tête des annexes, sans rien calculer des fiches."""
    names = _Names(data)
    programme = data.programme.model if data.programme else None
    territoire = ""
    if programme is not None:
        communes = [names(c.collectivite) for c in programme.territoire.communes]
        territoire = " et ".join(communes) + f" ({names(programme.territoire.epci.collectivite)})"
    return Entete(
        titre_programme=programme.programme if programme else "Action Cœur de Ville",
        intitule=programme.intitule if programme else "",
        territoire=territoire,
        periode=(f"du {date_fr(programme.debut)} au {date_fr(programme.fin)}" if programme else ""),
        genere_le=date_fr(genere_le),
        document=programme.structure() if programme else NATIONAL,
    )


def build_annexes(
    data: Dataset,
    genere_le: date,
    avertissements: list[Diagnostic] | None = None,
    a_signer: bool = False,
) -> Annexes:
    """Tout le contenu des annexes, à partir de données valides (et de leurs avertissements).

    `a_signer` : la copie à signer, sans point d'attention, qui se dit « version à signer ».
    """
    names = _Names(data)
    axes = _axes(data)
    sous_axes = data.sous_axes()
    groupes = []
    for collectivite in _collectivites(data):
        # L'ordre de l'Annexe 2 : le rang que l'avenant donne aux fiches, sinon leur numéro.
        fiches = [
            _fiche(e.model, names, axes, sous_axes)
            for e in sorted(data.fiches, key=lambda e: _rang(e.model))
            if e.model.collectivite == collectivite
        ]
        groupes.append(GroupeFiches(collectivite, names(collectivite), fiches))
    head = entete(data, genere_le)
    return Annexes(
        titre_programme=head.titre_programme,
        intitule=head.intitule,
        territoire=head.territoire,
        periode=head.periode,
        genere_le=head.genere_le,
        plan=_plan(data, names),
        programmation=_programmation(data, names),
        evaluation=_evaluation(data),
        fiches=groupes,
        recapitulatifs=_recapitulatifs(data, names),
        maquette=build_maquette(data, names, names.court, cout_texte),
        fiche_count=len(data.fiches),
        date_generation=genere_le,
        mesures=mesures_evaluation(data),
        total_recapitulatif=_total_recapitulatif(data),
        points_attention=PointsAttention() if a_signer else points_attention(data, avertissements),
        version_a_signer=f"Version à signer du {head.genere_le}" if a_signer else "",
        document=head.document,
    )
