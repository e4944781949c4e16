"""`acv new` : de nouvelles fiches et de nouveaux indicateurs, chaque rubrique présente et commentée."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from acvkit.config import Config
from acvkit.errors import ScaffoldError as ScaffoldError
from acvkit.loading.dataset import Dataset
from acvkit.yaml.roundtrip import dump_rt


def slug(titre: str, words: int = 6) -> str:
    """« Aménagement des places (Clémenceau) » → « amenagement-des-places-clemenceau »."""
    ascii_ = unicodedata.normalize("NFKD", titre).encode("ascii", "ignore").decode("ascii").lower()
    parts = [p for p in re.split(r"[^a-z0-9]+", ascii_) if p]
    return "-".join(parts[:words]) or "fiche"


def schema_line(file: Path, data_dir: Path, kind: str) -> str:
    """La ligne qui indique son schéma à l'éditeur, en chemin relatif vers <dépôt>/schemas/."""
    schemas = data_dir.resolve().parent / "schemas" / f"{kind}.schema.json"
    relative = os.path.relpath(schemas, file.resolve().parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}\n"


def _quote(value: str) -> str:
    return dump_rt({"v": DoubleQuotedScalarString(value)}).removeprefix("v: ").rstrip("\n")


def _plain(value: str) -> str:
    return dump_rt({"v": value}).removeprefix("v: ").rstrip("\n")


FICHE = """\
{schema}# Fiche action FA {numero} : chaque rubrique est là ; remplacez les valeurs vides.
numero: {numero}
titre: {titre}
collectivite: {collectivite}
type: {type}  # etude | action
sous_axe: {sous_axe}
# statut: a_engager  # a_engager | en_cours | en_cours_finance | livree | abandonnee
date_signature: null  # telle qu'écrite, par exemple « Mars 2025 »
description: ""  # le contexte et le projet ; pour plusieurs paragraphes, écrivez « description: | »
objectifs: []  # un objectif par ligne :  - Requalifier l'espace public
maitre_ouvrage: {collectivite}  # identifiant dans partenaires.yaml
partenaires: []  # identifiants dans partenaires.yaml ; ou partenaires_note: A déterminer
cout:
  base: null  # HT | TTC | null quand le document ne le dit pas
  postes: []  # lignes de coût :  - {{libelle: Travaux, montant: 800000}}
  total: null  # en euros, sans espace ni symbole : 870000 ou 100625.61
financements: []  # - {{financeur: {financeur}, montant: 100000}} ; ou financements_note: A déterminer
lancement: A déterminer  # « T1 2025 », « 2025 », « Printemps 2025 », « Fin 2026 »…
livraison: A déterminer
indicateurs_avancement: []  # un indicateur par ligne
indicateurs_resultat: []
"""

INDICATEUR = """\
{schema}# Indicateur d'évaluation {id} : complétez le critère, les sources et le périmètre.
id: {id}
axe: {axe}
critere: {critere}
intitule: {intitule}
sources: []  # une source par ligne :  - {source}
perimetre: []  # commune | epci | centre-ville
"""


def new_fiche(
    data: Dataset,
    data_dir: Path,
    collectivite: str,
    sous_axe: str,
    titre: str,
    type_: str,
    config: Config | None = None,
) -> Path:
    """Écrit une fiche au numéro libre suivant ; refuse une collectivité ou un sous-axe inconnus."""
    ids = data.partenaire_ids()
    if ids and collectivite not in ids:
        raise ScaffoldError(f"collectivité « {collectivite} » inconnue de partenaires.yaml")
    # Un sous-axe, ou un axe qui n'en a pas (« 4 », transversal : programme sans sous-axe).
    codes = set(data.sous_axes()) | {a.model.code for a in data.axes if not a.model.sous_axes}
    if codes and sous_axe not in codes:
        raise ScaffoldError(
            f"sous-axe « {sous_axe} » inconnu (sous-axes : {', '.join(sorted(codes))})"
        )
    if type_ not in {"etude", "action"}:
        raise ScaffoldError(f"type « {type_} » inconnu : etude ou action")
    if not titre.strip():
        raise ScaffoldError("le titre est vide")
    numero = max((e.model.numero for e in data.fiches), default=0) + 1
    file = data_dir / "fiches" / collectivite / f"fa-{numero}-{slug(titre)}.yaml"
    text = FICHE.format(
        schema=schema_line(file, data_dir, "fiche"),
        numero=numero,
        titre=_plain(titre.strip()),
        collectivite=collectivite,
        type=type_,
        sous_axe=_quote(sous_axe) if sous_axe != "transversal" else sous_axe,
        financeur=_financeur_example(data, collectivite),
    )
    return _write_new(data_dir, file, text, config)


def new_indicateur(
    data: Dataset,
    data_dir: Path,
    axe: str,
    intitule: str,
    critere: str,
    config: Config | None = None,
) -> Path:
    codes = data.axe_codes()
    if codes and axe not in codes:
        raise ScaffoldError(f"axe « {axe} » inconnu (axes : {', '.join(sorted(codes))})")
    letter = "t" if axe == "transversal" else axe
    taken_ids = {e.model.id for e in data.indicateurs}
    ordinal = next(n for n in range(1, 1000) if f"ind-{letter}-{n:02d}" not in taken_ids)
    ident = f"ind-{letter}-{ordinal:02d}"
    file = data_dir / "indicateurs" / f"{ident}.yaml"
    text = INDICATEUR.format(
        schema=schema_line(file, data_dir, "indicateur"),
        id=ident,
        axe=_quote(axe) if axe != "transversal" else axe,
        critere=_plain(critere.strip() or "A déterminer"),
        intitule=_plain(intitule.strip()),
        source=_source_example(data),
    )
    return _write_new(data_dir, file, text, config)


def _financeur_example(data: Dataset, collectivite: str) -> str:
    """Un financeur des données de l'utilisateur pour l'exemple en commentaire : le premier
    partenaire qui n'est pas une collectivité bénéficiaire (Région, État…), sinon la collectivité."""
    beneficiaires = {"commune", "epci"}
    for entry in data.partenaires:
        if entry.model.nature.value not in beneficiaires:
            return entry.model.id
    return collectivite


def _source_example(data: Dataset) -> str:
    """Une source d'exemple tirée des données (celle d'un indicateur existant), sinon neutre."""
    for entry in data.indicateurs:
        for source in entry.model.sources:
            if "\n" not in source and "#" not in source:
                return source
    return "Observatoire de l'habitat de l'intercommunalité"


def _write_new(data_dir: Path, file: Path, text: str, config: Config | None) -> Path:
    """Crée le fichier par acvkit.writing (vérifié par le linter complet si `config` est donné)."""
    from acvkit.writing.change import data_change

    if file.exists() or file.is_symlink():
        raise ScaffoldError(f"« {file} » existe déjà : rien n'est écrit")
    with data_change(data_dir, config) as change:
        change.create(file, text)
    return file
