"""Les points d'attention de l'index : ce qu'un relecteur doit voir avant de signer.

Les avertissements de validation, ce qui reste « à déterminer », les fiches que leur propre
en-tête classe ailleurs que l'article 7.1, les textes provisoires (« XXXXXXX ») à remplacer.

Un document est lu par des partenaires : chaque point y est une phrase sur une fiche (« FA 41 :
la livraison … »), groupée par sorte de point, sans chemin de fichier ni code de règle (ceux-ci
restent dans `acv validate` et la CI). Une sorte de point qui touche beaucoup de fiches se dit
en une phrase (« 17 fiches n'ont encore aucune entrée de suivi : FA … ») ; la liste détaillée
reste dans `acv validate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from acvkit.costs.fiche import EtatCout, cout_fiche
from acvkit.costs.financement import financements
from acvkit.costs.glossary import NO_AMOUNT_TEXT, joint_name
from acvkit.diagnostics import Diagnostic
from acvkit.loading.dataset import Dataset
from acvkit.models.document import NATIONAL

PROVISIONAL = re.compile(r"X{3,}")
TO_BE_DETERMINED = re.compile(r"^\s*[AÀ] (?:déterminer|définir)", re.IGNORECASE)
# Au-delà de ce nombre de points d'une même sorte, une phrase les résume.
SUMMARY_LIMIT = 5
# Les sortes de points qu'une phrase dit mieux que le résumé de la règle : (code, contexte).
SUMMARIES = {
    ("SUI005", "suivi"): (
        "Fiches sans aucune entrée de suivi",
        "n'ont encore aucune entrée de suivi",
    ),
    ("SUI005", "derniere"): (
        "Fiches dont la dernière entrée de suivi est ancienne",
        "ont une dernière entrée de suivi trop ancienne",
    ),
    ("IND011", "indicateur"): (
        "Indicateurs sans valeur observée",
        "n'ont encore aucune valeur observée",
    ),
}
# Les règles sur les fichiers eux-mêmes (ligne de schéma pour l'éditeur, nom de fichier) : utiles
# à qui tient le dépôt, pas à qui lit le plan ; elles restent dans `acv validate`.
FILE_RULES = {"STR004", "INT002"}
# L'ordre des sujets d'un groupe : fiches par numéro, puis indicateurs, axes, le reste.
KIND_ORDER = {"fiche": 0, "indicateur": 1, "axe": 2, "programme": 3, "partenaires": 4}
# Les rubriques qui peuvent rester « à déterminer » (acv.toml : a-determiner-interdit).
RUBRICS = {
    "cout": "coût",
    "cout_partiel": "une partie du coût",
    "financements": "financements",
    "lancement": "lancement",
    "livraison": "livraison",
}


@dataclass(frozen=True)
class GroupePoints:
    """Une sorte de point d'attention : son titre et ses phrases (ou la phrase qui les résume)."""

    titre: str
    lignes: list[str]
    nombre: int  # le nombre de points, même résumés en une phrase


@dataclass(frozen=True)
class PointsAttention:
    avertissements: list[str] = field(default_factory=list)  # « FA 41 : la livraison … »
    a_determiner: list[str] = field(default_factory=list)  # « FA 44 : coût, financements »
    classements: list[str] = field(default_factory=list)  # « FA 44 : la fiche indique … »
    provisoires: list[str] = field(default_factory=list)  # « Programme, signataires 4 : … »
    # Les avertissements groupés par sorte, résumés quand ils sont nombreux (ce que lit l'index).
    groupes_avertissements: list[GroupePoints] = field(default_factory=list)
    # FA n → rubriques « à déterminer » (clés de RUBRICS), pour la version à signer.
    rubriques: dict[int, list[str]] = field(default_factory=dict)
    plan: str = "l'article 7.1"  # où le document classe les fiches (structure du document)

    @property
    def vide(self) -> bool:
        return not (
            self.avertissements or self.a_determiner or self.classements or self.provisoires
        )

    @property
    def groupes(self) -> list[GroupePoints]:
        """Chaque sorte de point, dans l'ordre de l'index ; les sortes vides n'y sont pas."""
        out = list(self.groupes_avertissements)
        for titre, lignes in (
            ("Ce qui reste à déterminer", self.a_determiner),
            (f"Fiches que leur en-tête classe ailleurs que {self.plan}", self.classements),
            ("Textes provisoires à remplacer", self.provisoires),
        ):
            if lignes:
                out.append(GroupePoints(titre, lignes, len(lignes)))
        return out


def _texts(obj: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(obj, dict):
        for key, valeur in obj.items():
            yield from _texts(valeur, f"{path}.{key}" if path else str(key))
    elif isinstance(obj, list):
        for ordinal, valeur in enumerate(obj, start=1):
            yield from _texts(valeur, f"{path} {ordinal}")
    elif isinstance(obj, str):
        yield path, obj


def _words(path: str) -> str:
    """« signataires 4.representant » → « signataires 4, représentant » (titres du format)."""
    from acvkit.diff.labels import field_title

    parts = []
    for part in path.split("."):
        nom, _, rank = part.partition(" ")
        parts.append(field_title(nom).lower() + (f" {rank}" if rank else ""))
    return ", ".join(parts)


def _subjects(data: Dataset) -> dict[str, tuple[str, str]]:
    """Chemin d'un fichier → (ce dont il parle : « FA 41 », sa sorte : « fiche »)."""
    out: dict[str, tuple[str, str]] = {}
    for e in data.fiches:
        out[e.doc.path] = (f"FA {e.model.numero}", "fiche")
    for i in data.indicateurs:
        out[i.doc.path] = (f"Indicateur {i.model.id}", "indicateur")
    for a in data.axes:
        out[a.doc.path] = (f"Axe {a.model.code}", "axe")
    for p in data.partenaires:
        out.setdefault(p.doc.path, ("Partenaires", "partenaires"))
    if data.programme is not None:
        out[data.programme.doc.path] = ("Programme", "programme")
    return out


def _subject_order(point: tuple[str, str, str]) -> tuple[int, int, str]:
    subject, kind, _message = point
    number = subject.removeprefix("FA ")
    return (KIND_ORDER.get(kind, 9), int(number) if number.isdigit() else 0, subject)


def _plural(n: int, kind: str) -> str:
    words = {"fiche": "fiches", "indicateur": "indicateurs", "axe": "axes", "élément": "éléments"}
    return f"{n} {kind if n <= 1 else words.get(kind, kind)}"


def warning_groups(data: Dataset, warnings: list[Diagnostic]) -> list[GroupePoints]:
    """Les avertissements en phrases sur des fiches, groupés par sorte, résumés s'ils abondent.

    Le titre d'une sorte est le résumé de sa règle, dit du document signé (« la période de la
    convention-cadre » pour une convention-cadre, pas « de l'avenant »).
    """
    from acvkit.rules import ALL_RULES

    document = data.programme.model.structure() if data.programme else NATIONAL

    subjects = _subjects(data)
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for d in warnings:
        if d.code in FILE_RULES:
            continue
        subject, kind = subjects.get(d.path, ("Dossier de données", "dossier"))
        context = (d.context or "").split("=", 1)[0]
        key = (d.code, context if (d.code, context) in SUMMARIES else "")
        groups.setdefault(key, []).append((subject, kind, d.message))
    out = []
    for (code, context), unsorted in groups.items():
        points = sorted(unsorted, key=_subject_order)
        rule = ALL_RULES.get(code)
        titre, verb = SUMMARIES.get((code, context), (None, None))
        titre = titre or (rule.summary.rstrip(".") if rule else "Autres points")
        titre = titre.replace("l'avenant", document.the_document)
        if len(points) <= SUMMARY_LIMIT:
            lignes = [f"{s} : {m}" for s, _k, m in points]
        else:
            subjects_ = list(dict.fromkeys(s for s, _k, _m in points))
            kinds = {k for _s, k, _m in points}
            kind = kinds.pop() if len(kinds) == 1 else "élément"
            numbers = ", ".join(subjects_)
            if verb:
                lignes = [f"{_plural(len(subjects_), kind)} {verb} : {numbers}."]
            else:
                agreed = "concernées" if kind == "fiche" else "concernés"
                lignes = [f"{_plural(len(subjects_), kind)} {agreed} : {numbers}."]
        out.append(GroupePoints(titre, lignes, len(points)))
    return out


def points_attention(
    data: Dataset, avertissements: list[Diagnostic] | None = None
) -> PointsAttention:
    a_determiner = []
    classements = []
    provisoires = []
    rubriques: dict[int, list[str]] = {}
    document = data.programme.model.structure() if data.programme else NATIONAL
    plan = document.cite("plan-action")  # « l'article 7.1 »
    court = {p.model.id: p.model.sigle or p.model.nom for p in data.partenaires}
    for entry in data.sorted_fiches():
        fiche = entry.model
        keys = []
        if cout_fiche(fiche).etat is EtatCout.A_DETERMINER:
            keys.append("cout")
        elif cout_fiche(fiche).etat is EtatCout.PARTIAL:
            keys.append("cout_partiel")
        if not fiche.financements and TO_BE_DETERMINED.match(fiche.financements_note or ""):
            keys.append("financements")
        for nom, periode, note in (
            ("lancement", fiche.lancement, fiche.lancement_note),
            ("livraison", fiche.livraison, fiche.livraison_note),
        ):
            if (periode is not None and not periode.is_dated) or TO_BE_DETERMINED.match(note or ""):
                keys.append(nom)
        # Les financeurs nommés sans montant : ce qu'un financeur veut voir encore ouvert.
        sans = [
            joint_name(f.financeur, lambda i: court.get(i, i))
            for f in financements(fiche)
            if f.montant is None
        ]
        textes = [RUBRICS[k] for k in keys]
        if sans:
            textes.append(f"{NO_AMOUNT_TEXT} ({', '.join(sans)})")
        if keys:
            rubriques[fiche.numero] = keys
        if textes:
            a_determiner.append(f"FA {fiche.numero} : " + ", ".join(textes))
        if fiche.classement_fiche:
            classements.append(
                f"FA {fiche.numero} : la fiche indique « {fiche.classement_fiche} » ; "
                f"{plan} la classe en {fiche.sous_axe}"
            )
        for path, texte in _texts(fiche.model_dump(mode="json", exclude_none=True)):
            if PROVISIONAL.search(texte):
                provisoires.append(f"FA {fiche.numero}, {_words(path)} : « {texte} »")
    if data.programme is not None:
        for path, texte in _texts(data.programme.model.model_dump(mode="json")):
            if PROVISIONAL.search(texte):
                provisoires.append(f"Programme, {_words(path)} : « {texte} »")
    groups = warning_groups(data, list(avertissements or []))
    return PointsAttention(
        [line for g in groups for line in g.lignes],
        a_determiner,
        classements,
        provisoires,
        groups,
        rubriques,
        plan,
    )
