"""Le content de l'avenant entier, calculé une fois des données : couverture, parties, articles,
signatures, secteurs, évaluation, annexes. Les rendus (HTML, Markdown, DOCX) le mettent en page
sans rien recalculer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from acvkit.annexes.context import Annexes, date_fr
from acvkit.article_text import Bloc, TexteError, blocs
from acvkit.avenant.carte import Carte, carte_secteur
from acvkit.errors import BuildError
from acvkit.loading.dataset import Dataset
from acvkit.models.avenant import (
    ANNEXES_MODELE,
    ARTICLES_MODELE,
    AnnexeDocument,
    ContenuAnnexe,
    article_order,
)
from acvkit.models.document import NATIONAL, Structure
from acvkit.models.referentiel import Role

TO_COMPLETE = "à compléter"
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])X{3,}(?![A-Za-z])")


def placeholder(texte: str | None) -> str:
    """Un texte où chaque marque « XXXXXXX » du modèle Word devient « à compléter » ; vide aussi."""
    if texte is None or not texte.strip():
        return TO_COMPLETE
    return _PLACEHOLDER.sub(TO_COMPLETE, texte)


@dataclass(frozen=True)
class RenderedArticle:
    numero: str
    titre: str  # « Article 1. Engagement général des parties », « Préambule »
    anchor: str
    blocs: list[Bloc]


@dataclass(frozen=True)
class GroupeParties:
    mentions: list[str]
    label: str
    side: str  # « d’une part, » / « d’autre part, »


@dataclass(frozen=True)
class Signature:
    organisation: str
    representant: str
    qualite: str


@dataclass(frozen=True)
class RenderedSecteur:
    id: str
    nom: str
    commune: str
    vocation: str | None
    description: list[str]
    fiches: list[tuple[int, str]]
    adresses: list[str]
    carte: Carte | None


@dataclass(frozen=True)
class CommuneSecteurs:
    id: str
    nom: str
    secteurs: list[RenderedSecteur]


@dataclass(frozen=True)
class RenderedAnnexe:
    numero: int
    titre: str  # « Annexe 3 – Cartographie… »
    anchor: str
    content: str | None
    note: str | None


@dataclass(frozen=True)
class Outil:
    numero: int
    titre: str
    objet: str | None
    cibles: list[str]
    collecteur: str | None
    collecteurs: list[str]
    traitement: str
    temporalite: str


@dataclass
class Avenant:
    """Tout le document. `annexes_contenu` : le content des annexes déjà calculé (assemble.py)."""

    titre: str
    intitule: str
    running_header: str
    parties: list[GroupeParties]
    articles: list[RenderedArticle]
    lieu: str
    date: str
    signatures: list[Signature]
    annexes: list[RenderedAnnexe]
    communes: list[CommuneSecteurs]
    perimetres_note: str | None
    calendrier: list[tuple[str, str, str]]
    calendrier_note: str | None
    outils: list[Outil]
    pilotage: list[str]
    annexes_contenu: Annexes
    valeurs: dict[str, str] = field(default_factory=dict)

    def secteurs(self, commune: str | None = None) -> list[CommuneSecteurs]:
        """Les secteurs de toutes les communes, ou de celle dont l'id est donné."""
        return [c for c in self.communes if commune is None or c.id == commune]


def has_avenant(data: Dataset) -> bool:
    """Le dossier a-t-il un texte d'avenant (dossier avenant/) ?"""
    return bool(data.articles) or data.document is not None


def _names(data: Dataset) -> dict[str, str]:
    return {p.model.id: p.model.nom for p in data.partenaires}


def _valeurs(data: Dataset, names: dict[str, str]) -> dict[str, str]:
    programme = data.programme.model if data.programme else None
    if programme is None:
        return {}
    communes = [names.get(c.collectivite, c.collectivite) for c in programme.territoire.communes]
    epci = programme.territoire.epci.collectivite
    return {
        "programme": programme.programme,
        "intitule": programme.intitule,
        "avenant": str(programme.avenant),
        "periode": programme.periode,
        "debut": date_fr(programme.debut),
        "fin": date_fr(programme.fin),
        "territoire": " et ".join(communes) + f" ({names.get(epci, epci)})",
    }


def _articles(data: Dataset, valeurs: dict[str, str]) -> list[RenderedArticle]:
    """Les articles des données dans l'order (préambule, 1, 2…) ; ceux du modèle national qui
    manquent y sont, « à compléter »."""
    read_articles = {e.model.numero: e for e in data.articles}
    numbers = sorted({*read_articles, *(n for n, _ in ARTICLES_MODELE)}, key=article_order)
    titles = dict(ARTICLES_MODELE)
    out = []
    for numero in numbers:
        entry = read_articles.get(numero)
        titre = entry.model.titre if entry is not None else titles[numero]
        if entry is None:
            content = [Bloc("paragraph", TO_COMPLETE)]
        else:
            try:
                content = blocs(entry.model.texte, valeurs)
            except TexteError as exc:
                line, _ = entry.locate("texte")
                raise BuildError(f"{entry.doc.path}:{line + exc.line}: {exc.message}") from None
        heading = "Préambule" if numero == "preambule" else f"Article {numero}. {titre}"
        if numero == "preambule" and titre != "Préambule":
            heading = titre
        out.append(RenderedArticle(numero, heading, f"article-{numero}", content))
    return out


def _parties(data: Dataset, names: dict[str, str]) -> list[GroupeParties]:
    programme = data.programme.model if data.programme else None
    if programme is None:
        return []
    mentions = {}
    if data.document is not None:
        mentions = {p.signataire: p.mention for p in data.document.model.parties if p.mention}
    groupes = []
    for role, label, side in (
        (
            Role.COLLECTIVITE_BENEFICIAIRE,
            "ci-après, les « Collectivités bénéficiaires » ;",
            "d’une part,",
        ),
        (Role.PARTENAIRE_FINANCEUR, "ci-après, les « Partenaires financeurs »", "d’autre part,"),
    ):
        lines = []
        for s in programme.signataires:
            if s.role != role:
                continue
            if (mention := mentions.get(s.organisation)) is not None:
                lines.append(placeholder(mention))
                continue
            texte = f"{names.get(s.organisation, s.organisation)}, représenté(e) par "
            texte += placeholder(s.representant)
            if s.qualite:
                texte += f", {placeholder(s.qualite)}"
            if s.deliberation:
                texte += f", en vertu d’une {s.deliberation}"
            lines.append(texte + " ;")
        groupes.append(GroupeParties(lines, label, side))
    return groupes


def _signatures(data: Dataset, names: dict[str, str]) -> list[Signature]:
    programme = data.programme.model if data.programme else None
    if programme is None:
        return []
    by_id = {s.organisation: s for s in programme.signataires}
    order = [s.organisation for s in programme.signataires]
    if data.document is not None and data.document.model.signatures is not None:
        order = [o for o in data.document.model.signatures if o in by_id]
    return [
        Signature(
            names.get(o, o),
            placeholder(by_id[o].representant),
            placeholder(by_id[o].qualite),
        )
        for o in order
    ]


def _communes(
    data: Dataset, names: dict[str, str], titles: dict[int, str]
) -> list[CommuneSecteurs]:
    if data.secteurs is None:
        return []
    order: list[str] = []
    by_commune: dict[str, list[RenderedSecteur]] = {}
    for secteur in data.secteurs.model.secteurs:
        if secteur.commune not in by_commune:
            order.append(secteur.commune)
            by_commune[secteur.commune] = []
        description = [p.strip() for p in (secteur.description or "").split("\n\n") if p.strip()]
        by_commune[secteur.commune].append(
            RenderedSecteur(
                secteur.id,
                secteur.nom,
                names.get(secteur.commune, secteur.commune),
                secteur.vocation,
                [" ".join(line.strip() for line in p.split("\n")) for p in description],
                [(n, titles.get(n, "fiche absente des données")) for n in secteur.fiches],
                list(secteur.adresses),
                carte_secteur(data.root, secteur),
            )
        )
    return [CommuneSecteurs(c, names.get(c, c), by_commune[c]) for c in order]


def _annexes(data: Dataset, structure: Structure) -> list[RenderedAnnexe]:
    """Les annexes de avenant/document.yaml ; sans elles, celles du modèle national : le bilan
    (1) et les secteurs (3), et les annexes produites là où la structure du programme les place
    (programme.yaml, `document:` ; models/document.py)."""
    listed: list[AnnexeDocument] = list(data.document.model.annexes) if data.document else []
    if not listed:
        for numero, titre, contenu in ANNEXES_MODELE:
            partie = structure.parties.get(contenu or "")
            if partie is not None:
                if not partie.annexe or not partie.annexe.isdigit():
                    continue  # la structure la place dans un article, ou sans numéro
                numero, titre = int(partie.annexe), partie.titre
            listed.append(
                AnnexeDocument(
                    numero=numero, titre=titre, contenu=ContenuAnnexe(contenu) if contenu else None
                )
            )
    return [
        RenderedAnnexe(
            a.numero,
            f"Annexe {a.numero} – {' '.join(a.titre.split())}",
            f"annexe-{a.numero}",
            a.contenu.value if a.contenu is not None else None,
            a.note,
        )
        for a in sorted(listed, key=lambda a: a.numero)
    ]


def build_avenant(data: Dataset, annexes: Annexes) -> Avenant:
    """Le content de l'avenant entier ; BuildError (fichier:ligne) sur un texte d'article fautif."""
    names = _names(data)
    valeurs = _valeurs(data, names)
    programme = data.programme.model if data.programme else None
    titles = {e.model.numero: e.model.titre for e in data.fiches}
    pilotage: list[str] = []
    if programme is not None and programme.pilotage is not None:
        p = programme.pilotage
        sentence = f"Le pilotage des actions dans le cadre du dispositif {programme.programme} est "
        sentence += f"assuré par {p.nom}" + (f", {p.fonction}" if p.fonction else "") + "."
        pilotage.append(sentence)
        contact_lines = []
        if p.courriel:
            contact_lines.append(f"Mail : {p.courriel}")
        if p.telephone:
            contact_lines.append(f"Téléphone : {p.telephone}")
        if contact_lines:
            pilotage.append(" ; ".join(contact_lines))
    evaluation = data.evaluation.model if data.evaluation is not None else None
    structure = programme.structure() if programme else NATIONAL
    nom_programme = programme.programme if programme else "Action Cœur de Ville"
    return Avenant(
        titre=structure.titre,
        intitule=programme.intitule if programme else "",
        running_header=f"{nom_programme} – {structure.titre}"
        + (f" – {programme.periode}" if programme else ""),
        parties=_parties(data, names),
        articles=_articles(data, valeurs),
        lieu=placeholder(programme.lieu_signature if programme else None),
        date=placeholder(programme.date_signature if programme else None),
        signatures=_signatures(data, names),
        annexes=_annexes(data, structure),
        communes=_communes(data, names, titles),
        perimetres_note=data.secteurs.model.perimetres_note if data.secteurs else None,
        calendrier=[
            (e.periode, e.etape, e.description or "")
            for e in (evaluation.calendrier if evaluation else [])
        ],
        calendrier_note=evaluation.calendrier_note if evaluation else None,
        outils=[
            Outil(
                o.numero,
                o.titre,
                o.objet,
                list(o.cibles),
                o.collecteur,
                list(o.collecteurs),
                o.traitement or "",
                o.temporalite or "",
            )
            for o in (evaluation.outils if evaluation else [])
        ],
        pilotage=pilotage,
        annexes_contenu=annexes,
        valeurs=valeurs,
    )
