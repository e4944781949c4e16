"""Un semestre enregistré en ligne de commande : vie d'un financement, dépense réalisée, mesure.

`acv new financement`, `acv new realise` et `acv new mesure` écrivent le YAML comme `acv new
suivi` : en aller-retour (commentaires et mise en page gardés), relu, validé et vérifié par le
linter avant d'écrire (voir `suivi.rewrite`). Chaque commande rend la phrase que dira `acv diff`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from acvkit.diff.events import fiche_events, mesure_text
from acvkit.diff.fields import compare_fiches, financement_values, valeur
from acvkit.loading.dataset import Dataset
from acvkit.models import Fiche, Financement, Indicateur
from acvkit.models.mesure import Mesure, Perimetre
from acvkit.suivi.journal import JournalError
from acvkit.suivi.rewrite import read_map, set_in_order, write_checked
from acvkit.yaml.reader import parse_text

FICHE_ORDER = list(Fiche.model_fields)
FINANCEMENT_ORDER = list(Financement.model_fields)
INDICATEUR_ORDER = list(Indicateur.model_fields)
STAGE_RANK = {"prevu": 0, "demande": 1, "attribue": 2, "verse": 3}


@dataclass(frozen=True)
class Recorded:
    """Ce qui a été écrit : le fichier, et ce qu'en dira `acv diff` (phrases)."""

    path: Path
    phrases: list[str]


@dataclass(frozen=True)
class Stage:
    """Ce que `acv new financement` enregistre ; None : non donné."""

    demande: Decimal | None = None
    attribue: Decimal | None = None
    verse: Decimal | None = None  # un versement reçu, ajouté au total versé
    total_verse: Decimal | None = None  # le total versé, écrit tel quel
    refuse: bool = False
    date_attribution: date | None = None
    reference: str | None = None


def _fiche_entry(dataset: Dataset, numero: int) -> tuple[Path, Fiche]:
    """Le fichier et le modèle de FA `numero`, tels que le jeu de données les a lus."""
    entry = next((e for e in dataset.fiches if e.model.numero == numero), None)
    if entry is None:
        raise JournalError(
            f"aucune fiche FA {numero} lisible (numéro inconnu, ou fiche en erreur : acv validate)"
        )
    return Path(entry.doc.path), entry.model


def _reread(path: Path, data: CommentedMap) -> Fiche:
    from acvkit.yaml.roundtrip import dump_rt

    return Fiche.model_validate(parse_text(str(path), dump_rt(data).encode("utf-8")).data)


def _check_stage(stage: Stage) -> None:
    if stage.date_attribution is not None and stage.attribue is None:
        raise JournalError("--date-attribution date l'attribution : donnez aussi --attribue")
    given = [stage.demande, stage.attribue, stage.verse, stage.total_verse, stage.reference]
    if not stage.refuse and all(v is None for v in given):
        raise JournalError(
            "rien à enregistrer : donnez --demande, --attribue, --verse, --total-verse, --refuse "
            "ou --reference"
        )
    if stage.refuse and (stage.attribue is not None or stage.verse or stage.total_verse):
        raise JournalError("--refuse ne va pas avec --attribue, --verse ou --total-verse")
    if stage.verse is not None and stage.total_verse is not None:
        raise JournalError(
            "--verse (un versement, ajouté au total) ou --total-verse (le total), pas les deux"
        )


def _statut(current: str | None, stage: Stage) -> str | None:
    if stage.refuse:
        return "refuse"
    steps = [
        s
        for s, v in (
            ("demande", stage.demande),
            ("attribue", stage.attribue),
            ("verse", stage.verse if stage.verse is not None else stage.total_verse),
        )
        if v is not None
    ]
    if not steps:
        return current
    new = max(steps, key=STAGE_RANK.__getitem__)
    if current in STAGE_RANK and STAGE_RANK[current] > STAGE_RANK[new]:
        return current  # un montant demandé corrigé ne fait pas reculer une subvention versée
    return new


def record_financement(
    dataset: Dataset, data_dir: Path, numero: int, financeur: str, stage: Stage, add_missing: bool
) -> Recorded:
    """La vie d'un financement de FA `numero` : demandé, attribué (et quand), versé, refusé."""
    _check_stage(stage)
    path, fiche = _fiche_entry(dataset, numero)
    data = read_map(path)
    items = data.get("financements")
    if items is None:
        items = CommentedSeq()
        set_in_order(data, "financements", items, FICHE_ORDER)
    if not isinstance(items, CommentedSeq):
        raise JournalError(f"{path} : « financements » n'est pas une liste ; rien n'est écrit")
    item = next(
        (x for x in items if isinstance(x, CommentedMap) and x.get("financeur") == financeur), None
    )
    if item is None:
        if not add_missing:
            known = ", ".join(str(f.financeur) for f in fiche.financements or []) or "aucun"
            raise JournalError(
                f"FA {numero} n'a pas de financement de « {financeur} » (financeurs : {known}) ; "
                "--new l'ajoute, sans montant prévu"
            )
        item = CommentedMap()
        item["financeur"] = financeur
        items.append(item)
    item.fa.set_block_style()  # une ligne { … } deviendrait trop longue à relire
    statut = _statut(item.get("statut"), stage)
    if statut is not None:
        set_in_order(item, "statut", statut, FINANCEMENT_ORDER)
    for key, montant in (
        ("montant_demande", stage.demande),
        ("montant_attribue", stage.attribue),
        ("montant_verse", stage.total_verse),
    ):
        if montant is not None:
            set_in_order(item, key, montant, FINANCEMENT_ORDER)
    if stage.verse is not None:
        total = Decimal(str(item.get("montant_verse") or 0)) + stage.verse
        set_in_order(item, "montant_verse", total, FINANCEMENT_ORDER)
    if stage.date_attribution is not None:
        set_in_order(item, "date_attribution", stage.date_attribution, FINANCEMENT_ORDER)
    if stage.reference is not None:
        set_in_order(item, "reference", stage.reference, FINANCEMENT_ORDER)
    return _write_fiche(dataset, data_dir, path, fiche, data)


def record_realise(
    dataset: Dataset,
    data_dir: Path,
    numero: int,
    annee: int,
    montant: Decimal,
    base: str | None,
) -> Recorded:
    """La dépense réalisée de FA `numero` une année (remplace celle déjà écrite pour cette année)."""
    path, fiche = _fiche_entry(dataset, numero)
    data = read_map(path)
    items = data.get("realise")
    if items is None:
        items = CommentedSeq()
        set_in_order(data, "realise", items, FICHE_ORDER)
    if not isinstance(items, CommentedSeq):
        raise JournalError(f"{path} : « realise » n'est pas une liste ; rien n'est écrit")
    line = CommentedMap()
    line["annee"] = annee
    line["montant"] = montant
    if base is not None:
        line["base"] = base
    line.fa.set_flow_style()
    for index, x in enumerate(items):
        if isinstance(x, CommentedMap) and x.get("annee") == annee:
            items[index] = line
            break
    else:
        items.append(line)
        ordered = sorted(items, key=lambda x: x.get("annee", 0) if isinstance(x, dict) else 0)
        items[:] = ordered
    return _write_fiche(dataset, data_dir, path, fiche, data)


def _write_fiche(
    dataset: Dataset, data_dir: Path, path: Path, fiche: Fiche, data: CommentedMap
) -> Recorded:
    as_read = next(e.doc.text for e in dataset.fiches if Path(e.doc.path) == path)
    write_checked(
        data_dir, path, data, Fiche, as_read
    )  # refus en français si la fiche ne tient plus
    apres = _reread(path, data)
    names = {p.model.id: p.model.nom for p in dataset.partenaires}
    changes = compare_fiches(fiche, apres)
    return Recorded(path, fiche_events(changes, financement_values(fiche, apres), names))


def record_mesure(
    dataset: Dataset, data_dir: Path, ident: str, mesure: Mesure, unite: str | None = None
) -> Recorded:
    """Une valeur observée d'un indicateur ; remplace celle de même année, territoire et périmètre.

    `unite` : l'unité de l'indicateur, écrite s'il n'en a pas encore (refus si elle diffère).
    """
    entry = next((e for e in dataset.indicateurs if e.model.id == ident), None)
    if entry is None:
        known = ", ".join(sorted(e.model.id for e in dataset.indicateurs)) or "aucun"
        raise JournalError(f"indicateur « {ident} » inconnu (indicateurs : {known})")
    if mesure.perimetre is not None and mesure.perimetre not in entry.model.perimetre:
        allowed = ", ".join(p.value for p in entry.model.perimetre) or "aucun"
        raise JournalError(
            f"{ident} ne s'observe pas sur le périmètre « {mesure.perimetre.value} » "
            f"(périmètres : {allowed})"
        )
    if unite is not None and entry.model.unite not in (None, unite):
        raise JournalError(
            f"{ident} a déjà l'unité « {entry.model.unite} », pas « {unite} » : écrivez la valeur "
            f"en {entry.model.unite}"
        )
    path = Path(entry.doc.path)
    data = read_map(path)
    if unite is not None and entry.model.unite is None:
        set_in_order(data, "unite", unite, INDICATEUR_ORDER)
    items = data.get("valeurs")
    if items is None:
        items = CommentedSeq()
        set_in_order(data, "valeurs", items, INDICATEUR_ORDER)
    if not isinstance(items, CommentedSeq):
        raise JournalError(f"{path} : « valeurs » n'est pas une liste ; rien n'est écrit")
    line = CommentedMap()
    for nom in Mesure.model_fields:
        v = getattr(mesure, nom)
        if v is not None:
            line[nom] = v.value if isinstance(v, Perimetre) else v
    line.fa.set_flow_style()
    key = (mesure.annee, mesure.territoire, valeur(mesure.perimetre))
    for index, x in enumerate(items):
        if (
            isinstance(x, CommentedMap)
            and (
                x.get("annee"),
                x.get("territoire"),
                x.get("perimetre"),
            )
            == key
        ):
            items[index] = line
            break
    else:
        items.append(line)
    write_checked(data_dir, path, data, Indicateur, entry.doc.text)
    names = {p.model.id: p.model.nom for p in dataset.partenaires}
    return Recorded(path, [mesure_text(valeur(mesure), entry.model.unite or unite, names)])
