"""Les fichiers qu'écrit `acv init`, chacun avec un en-tête qui dit quoi remplir.

Les valeurs venues de l'utilisateur passent par l'écriture YAML d'acvkit (jamais collées telles
quelles) ; les fichiers sont déjà dans la forme de `acv fmt`.
"""

from __future__ import annotations

import json
import shlex
from typing import TYPE_CHECKING, NamedTuple

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from acvkit import __version__
from acvkit.scaffolding.init_avenant import avenant_files
from acvkit.scaffolding.init_texts import (
    ACV_TOML,
    GITIGNORE,
    GITLAB_CI,
    PRE_COMMIT,
    README,
    VSCODE_EXTENSIONS,
    WORKFLOW,
)
from acvkit.yaml.roundtrip import dump_rt

if TYPE_CHECKING:
    from acvkit.scaffolding.territoire import Territoire

TO_COMPLETE = "à compléter"


class National(NamedTuple):
    id: str
    nom: str
    sigle: str
    nature: str
    aliases: tuple[str, ...]
    signataire: bool


# Les partenaires nationaux du programme Action Cœur de Ville.
NATIONAL_PARTENAIRES = (
    National("etat", "État", "État", "etat", ("Etat", "L'État"), True),
    National(
        "anct", "Agence nationale de la cohésion des territoires", "ANCT", "agence_etat", (), False
    ),
    National(
        "banque-des-territoires",
        "Banque des Territoires",
        "BdT",
        "etablissement_public",
        ("Caisse des Dépôts", "CDC"),
        True,
    ),
    National(
        "action-logement",
        "Action Logement Services",
        "Action Logement",
        "organisme_paritaire",
        ("Action Logement",),
        True,
    ),
    National("anah", "Agence nationale de l'habitat", "Anah", "agence_etat", ("ANAH",), True),
    National(
        "anru", "Agence nationale pour la rénovation urbaine", "ANRU", "agence_etat", (), True
    ),
)

# Les axes nationaux du programme, dans leurs mots, par génération ; aucun sous-axe : chaque
# convention ou avenant écrit les siens (acv init n'en invente pas).
# ACV 1 : la convention-cadre pluriannuelle type de 2018, cinq axes.
AXES_ACV1: tuple[tuple[str, str], ...] = (
    (
        "1",
        "De la réhabilitation à la restructuration : vers une offre attractive de l'habitat en centre-ville",
    ),
    ("2", "Favoriser un développement économique et commercial équilibré"),
    ("3", "Développer l'accessibilité, la mobilité et les connexions"),
    ("4", "Mettre en valeur les formes urbaines, l'espace public et le patrimoine"),
    ("5", "Fournir l'accès aux équipements et services publics"),
)
# ACV 2 (2023-2026) : les cinq axes reformulés et l'axe transversal de la transition écologique.
AXES_ACV2: tuple[tuple[str, str], ...] = (
    (
        "1",
        "De la réhabilitation à la restructuration : vers une offre attractive de l'habitat en centre-ville",
    ),
    ("2", "Favoriser un développement économique et commercial équilibré"),
    ("3", "Développer l'accessibilité, les mobilités et les connexions"),
    (
        "4",
        "Aménager durablement l'espace urbain, mettre en valeur les formes urbaines, l'espace public et le patrimoine",
    ),
    ("5", "Constituer un socle de services dans chaque ville"),
    (
        "transversal",
        "Intégrer les objectifs de la transition écologique à chaque démarche du projet Action Cœur de Ville",
    ),
)
AXES = {1: AXES_ACV1, 2: AXES_ACV2}


def _v(valeur: str) -> str:
    """Une valeur YAML sûre (texte de l'utilisateur), sur une ligne, dans le style d'acv fmt."""
    return dump_rt({"v": valeur}).removeprefix("v: ").rstrip("\n")


def _q(valeur: str) -> str:
    """Une valeur entre guillemets doubles (codes : "99001", "4.2")."""
    return dump_rt({"v": DoubleQuotedScalarString(valeur)}).removeprefix("v: ").rstrip("\n")


def _schema(depth: int, nom: str) -> str:
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{nom}.schema.json\n"


def programme(t: Territoire) -> str:
    names = " et ".join(c.nom for c in t.communes)
    prefix = "d'" if names[:1].lower() in "aâàeéèêiîoôuûyh" else "de "
    convention = f"convention-cadre pluriannuelle Action Cœur de Ville {prefix}{names}"
    if t.document == "avenant":
        intitule = f"Avenant n°{t.avenant} à la {convention}"
        numero = [f"avenant: {t.avenant}"]
        document = "l'avenant"
    else:
        intitule = convention[0].upper() + convention[1:]
        numero = []
        document = "la convention-cadre"
    lines = [
        _schema(1, "programme").rstrip("\n"),
        f"# Le programme : à compléter d'après {document} signé{'e' if t.document != 'avenant' else ''}"
        " (première page, période, pilotage,",
        "# page des signatures). Chaque « à compléter » est signalé par acv validate (CON003).",
        "programme: Action Cœur de Ville",
        "intitule: " + _v(intitule),
        *numero,
        "# Nature du document signé ; ses articles et annexes suivent le modèle national de l'ANCT",
        "# (voir docs/format.md, « document ») : ajoutez `parties:` s'ils diffèrent.",
        "document:",
        f"  nature: {t.document}",
        f"id_anct: {_v(t.id_anct)}",
        f"periode: {_q(t.periode)}",
        f"# Les dates exactes d'application de {document} : corrigez-les s'il le faut.",
        f"debut: {t.debut.isoformat()}",
        f"fin: {t.fin.isoformat()}",
        "territoire:",
        "  epci:",
        f"    collectivite: {_v(t.epci.id)}",
        f"    siren: {_q(t.epci.code)}",
        "  communes:",
    ]
    for c in t.communes:
        lines += [f"    - collectivite: {_v(c.id)}", f"      insee: {_q(c.code)}"]
    lines += ["signataires:", "  # Les « Collectivités bénéficiaires »"]
    for c in t.collectivites:
        lines += _signataire(c.id, "collectivite_beneficiaire", deliberation=True)
    lines.append(
        "  # Les « Partenaires financeurs » : ôtez ceux qui ne signent pas, ajoutez les autres"
    )
    for p in NATIONAL_PARTENAIRES:
        if p.signataire:
            lines += _signataire(p.id, "partenaire_financeur", deliberation=False)
    lines += [
        f"lieu_signature: {TO_COMPLETE}",
        f"date_signature: {TO_COMPLETE}  # telle qu'écrite, par exemple « 12 mars 2025 »",
        "pilotage:",
        f"  nom: {TO_COMPLETE}  # la personne qui coordonne le programme",
        "  # fonction: …",
        "  # courriel: …",
        "  # telephone: …",
    ]
    return "\n".join(lines) + "\n"


def _signataire(organisation: str, role: str, deliberation: bool) -> list[str]:
    lines = [
        f"  - organisation: {_v(organisation)}",
        f"    role: {role}",
        f"    representant: {TO_COMPLETE}  # Prénom NOM de la personne qui signe",
        f"    qualite: {TO_COMPLETE}  # sa fonction : Maire, Président, Préfet…",
    ]
    if deliberation:
        lines.append("    # deliberation: délibération du Conseil municipal en date du …")
    return lines


def partenaires(t: Territoire) -> str:
    lines = [
        _schema(1, "partenaires").rstrip("\n"),
        "# Toutes les organisations nommées dans l'avenant : collectivités, financeurs, maîtres",
        "# d'ouvrage, partenaires locaux. Les fiches les désignent par leur `id` ; ajoutez ici la",
        "# Région, le Département, les bailleurs, l'EPF… (nature : commune, epci, region, departement,",
        "# etat, agence_etat, etablissement_public, organisme_paritaire, organisme_social,",
        "# union_europeenne, entreprise, association, autre), et dans `aliases` les autres graphies.",
        "partenaires:",
        "  # Collectivités bénéficiaires (le sigle de l'intercommunalité est à compléter)",
        f"  - id: {_v(t.epci.id)}",
        f"    nom: {_v(t.epci.nom)}",
        f"    sigle: {TO_COMPLETE}",
        "    nature: epci",
        "    aliases: []",
        f"    siren: {_q(t.epci.code)}",
    ]
    for c in t.communes:
        lines += [
            f"  - id: {_v(c.id)}",
            f"    nom: {_v('Commune de ' + c.nom)}",
            f"    sigle: {_v(c.nom)}",
            "    nature: commune",
            "    aliases:",
            f"      - {_v(c.nom)}",
        ]
    lines.append("")
    lines.append("  # Les partenaires nationaux du programme")
    for p in NATIONAL_PARTENAIRES:
        lines += [
            f"  - id: {p.id}",
            f"    nom: {_v(p.nom)}",
            f"    sigle: {_v(p.sigle)}",
            f"    nature: {p.nature}",
        ]
        lines += (
            ["    aliases:", *(f"      - {_v(a)}" for a in p.aliases)]
            if p.aliases
            else ["    aliases: []"]
        )
    return "\n".join(lines) + "\n"


def axe(numero: str, intitule: str, acv: int) -> str:
    """Un axe national, sans sous-axe : ceux du plan d'action s'ajoutent s'il en a."""
    if numero == "transversal":
        guide = [
            "# L'axe transversal du programme ACV 2, dans les mots du modèle national. Une fiche",
            "# s'y rattache par : sous_axe: transversal",
        ]
    else:
        guide = [
            f"# L'axe {numero} du programme ACV {acv}, dans les mots du modèle national. Sans",
            f'# sous-axe, une fiche s\'y rattache par : sous_axe: "{numero}". Si votre plan',
            "# d'action le découpe en sous-axes, écrivez-les tels qu'il les numérote et les nomme :",
            f'#   sous_axes:\n#     - {{code: "{numero}.1", intitule: …}}',
        ]
    lines = [
        _schema(2, "axe").rstrip("\n"),
        *guide,
        f"numero: {numero}",
        f"intitule: {_v(intitule)}",
        "sous_axes: []",
    ]
    return "\n".join(lines) + "\n"


def vscode_settings() -> str:
    settings = {
        "yaml.schemas": {
            "./schemas/programme.schema.json": "data/programme.yaml",
            "./schemas/partenaires.schema.json": "data/partenaires.yaml",
            "./schemas/axe.schema.json": "data/axes/*.yaml",
            "./schemas/fiche.schema.json": "data/fiches/**/*.yaml",
            "./schemas/indicateur.schema.json": "data/indicateurs/*.yaml",
        },
        "files.encoding": "utf8",
        "files.insertFinalNewline": True,
        "[yaml]": {"editor.tabSize": 2, "editor.insertSpaces": True},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def files(t: Territoire) -> dict[str, str]:
    """Chemin relatif (avec des /) → texte, pour tout le dépôt."""
    from acvkit.schema.generate import render_all
    from acvkit.schema.ids import ids_from_texts

    light, documents = t.requirement(), t.requirement("documents")
    valeurs = {
        "version": __version__,
        "requirement": _q(light),
        "pip_light": _v(f"python -m pip install {shlex.quote(light)}"),
        "pip_documents": _v(f"python -m pip install {shlex.quote(documents)}"),
        "install": f'pipx install "{documents}"     # ou : uv tool install "{documents}"',
        "origin": t.origin,
        "id_anct": t.id_anct,
        "collectivite": t.communes[0].id,
        "classement": '"4"',  # les axes écrits n'ont pas de sous-axe
        "document": "de l'avenant" if t.document == "avenant" else "de la convention-cadre",
        "collectivites": ", ".join(c.id for c in t.collectivites),
    }
    out: dict[str, str] = {
        "README.md": README.format(**valeurs),
        "acv.toml": ACV_TOML,
        ".gitignore": GITIGNORE,
        ".pre-commit-config.yaml": PRE_COMMIT.format(**valeurs),
        ".github/workflows/acv.yml": WORKFLOW.format(**valeurs),
        ".gitlab-ci.yml": GITLAB_CI.format(**valeurs),
        ".vscode/settings.json": vscode_settings(),
        ".vscode/extensions.json": VSCODE_EXTENSIONS,
        "data/programme.yaml": programme(t),
        "data/partenaires.yaml": partenaires(t),
    }
    for numero, intitule in AXES[t.acv]:
        out[f"data/axes/axe-{numero}.yaml"] = axe(numero, intitule, t.acv)
    for c in t.collectivites:
        out[f"data/fiches/{c.id}/.gitkeep"] = ""
    out["data/indicateurs/.gitkeep"] = ""
    out.update(avenant_files(t))  # le texte de l'avenant, « à compléter » (init_avenant.py)
    # Les schémas proposent les identifiants des fichiers écrits ici (acv schema --check d'accord).
    for nom, texte in render_all(ids_from_texts(out)).items():
        out[f"schemas/{nom}"] = texte
    return out
