"""`acv init` : un dépôt de plan d'action prêt à commiter pour un nouveau territoire.

Les options sont vérifiées ici (messages français) ; les textes des fichiers écrits sont dans
`init_files`. Rien n'est jamais écrasé : un fichier qui existe déjà est laissé tel quel et listé.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from acvkit.scaffolding.init_files import NATIONAL_PARTENAIRES, files
from acvkit.scaffolding.new import slug
from acvkit.scaffolding.territoire import Collectivite, Territoire

_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
_ID_ANCT = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_PERIODE = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")

# Ce que chaque option attend, avec un exemple : repris dans les questions et les erreurs.
HELP = {
    "id_anct": ("--id-anct", "identifiant du territoire à l'ANCT, par exemple ACV099"),
    "epci": ("--epci", "nom de l'intercommunalité, par exemple « Communauté de communes du Val »"),
    "siren": ("--siren", "SIREN à 9 chiffres de l'intercommunalité, par exemple 200000008"),
    "commune": (
        "--commune",
        "commune et code INSEE séparés par « : », par exemple « Ville-sur-Val:99001 »",
    ),
    "periode": ("--periode", "période du programme, par exemple 2023-2026"),
    "ville": (
        "--ville",
        "code INSEE ou nom d'une commune de la liste nationale ACV, par exemple 15014 ou Aurillac "
        "(vide : saisie à la main)",
    ),
    "epci_id": ("--epci-id", "identifiant de l'intercommunalité dans les données"),
    "acv": ("--acv", "programme : 1 (ACV 1, convention-cadre 2018-2022) ou 2 (ACV 2, 2023-2026)"),
    "document": ("--document", "nature du document : convention-cadre ou avenant"),
    "avenant": ("--avenant", "numéro de l'avenant, par exemple 1"),
    "debut": ("--debut", "premier jour d'application (signature), AAAA-MM-JJ"),
    "fin": ("--fin", "dernier jour d'application, AAAA-MM-JJ"),
}

# Les deux générations du programme : période, document signé, durée.
PERIODES = {1: "2018-2022", 2: "2023-2026"}
DOCUMENTS = {1: "convention-cadre", 2: "avenant"}
# Mots qui ne donnent pas de lettre à l'identifiant proposé d'une intercommunalité.
_STOPWORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "sur", "sous", "a", "au"}


class InitError(Exception):
    """Option invalide ou dossier refusé : message français."""


def check_id_anct(valeur: str) -> str:
    valeur = valeur.strip()
    if not _ID_ANCT.match(valeur):
        raise InitError(
            f"identifiant ANCT invalide « {valeur} » : lettres, chiffres et tirets, par exemple ACV099"
        )
    return valeur


def make_id(nom: str) -> str:
    """« Bourg-le-Val » → « bourg-le-val » : minuscules ASCII, accents ôtés, tirets."""
    return slug(nom, words=20)


# Un identifiant devient un nom de dossier (data/fiches/<id>/) : borné bien avant les limites
# des systèmes de fichiers (255 octets par nom, 260 caractères de chemin sous Windows).
MAX_ID = 60


def check_name(valeur: str, what: str) -> str:
    from acvkit.safe_text import visible

    if visible(valeur) != valeur:
        raise InitError(
            f"nom de {what} avec un caractère de contrôle ou invisible : « {visible(valeur)} »"
        )
    valeur = " ".join(valeur.split())
    if len(make_id(valeur)) > MAX_ID:
        raise InitError(
            f"nom de {what} trop long ({len(valeur)} caractères) : son identifiant dépasserait "
            f"{MAX_ID} caractères"
        )
    if not re.search(r"[a-z0-9]", slug(valeur, words=20) if valeur else ""):
        raise InitError(f"nom de {what} vide ou sans lettre ni chiffre : « {valeur} »")
    if slug(valeur, words=20) == "fiche" and "fiche" not in valeur.lower():
        raise InitError(f"nom de {what} sans lettre ni chiffre : « {valeur} »")
    return valeur


def check_siren(valeur: str) -> str:
    """Le SIREN sans espaces, vérifié par python-stdnum (9 chiffres et clé de Luhn)."""
    from acvkit.models.identifiers import siren_problem

    valeur = valeur.replace(" ", "").replace("\u00a0", "")
    problem = siren_problem(valeur)
    if problem is not None:
        raise InitError(f"SIREN invalide « {valeur} » : {problem}, par exemple 200000008")
    return valeur


_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|git\+)")


def check_source(valeur: str) -> str:
    """L'adresse d'où installer acvkit : telle quelle, ou un chemin existant rendu en file://."""
    valeur = valeur.strip()
    if _URL.match(valeur):
        return valeur
    path = Path(valeur).expanduser()
    if not path.exists():
        raise InitError(
            f"source d'acvkit introuvable « {valeur} » : un chemin existant (dossier d'acvkit, "
            "fichier .whl ou .tar.gz) ou une adresse (git+https://…, https://…)"
        )
    return path.resolve().as_uri()


def parse_commune(valeur: str) -> tuple[str, str]:
    """« Ville-sur-Val:99001 » → (« Ville-sur-Val », « 99001 »)."""
    nom, sep, insee = valeur.rpartition(":")
    if not sep:
        raise InitError(
            f"commune « {valeur} » sans code INSEE : écrivez NOM:INSEE, par exemple Ville-sur-Val:99001"
        )
    insee = insee.strip().upper()
    if not _INSEE.match(insee):
        raise InitError(
            f"code INSEE invalide « {insee} » pour {nom.strip() or 'la commune'} : 5 caractères, "
            "par exemple 99001 ou 2A004"
        )
    return check_name(nom, "commune"), insee


def parse_periode(valeur: str) -> tuple[int, int]:
    m = _PERIODE.match(valeur.strip())
    if not m or int(m.group(1)) > int(m.group(2)):
        raise InitError(f"période invalide « {valeur} » : AAAA-AAAA, par exemple 2023-2026")
    return int(m.group(1)), int(m.group(2))


def parse_date(valeur: str, what: str = "date") -> date:
    """« 2018-07-13 » ou « 13/07/2018 »."""
    texte = valeur.strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", texte)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date.fromisoformat(texte)
    except ValueError as exc:
        raise InitError(
            f"{what} invalide « {valeur} » : AAAA-MM-JJ ou JJ/MM/AAAA, par exemple 2018-07-13"
        ) from exc


def parse_acv(valeur: str) -> int:
    texte = valeur.strip().upper().removeprefix("ACV").strip()
    if texte not in {"1", "2"}:
        raise InitError(f"programme invalide « {valeur} » : 1 (ACV 1) ou 2 (ACV 2)")
    return int(texte)


def parse_document(valeur: str) -> str:
    texte = valeur.strip().lower().replace(" ", "-").replace("_", "-")
    if texte in {"convention", "convention-cadre"}:
        return "convention-cadre"
    if texte == "avenant":
        return "avenant"
    raise InitError(f"nature de document invalide « {valeur} » : convention-cadre ou avenant")


def parse_avenant(valeur: str) -> int:
    if not valeur.strip().isdigit() or int(valeur) < 1:
        raise InitError(f"numéro d'avenant invalide « {valeur} » : 1, 2, 3…")
    return int(valeur)


def check_identifier(valeur: str) -> str:
    valeur = valeur.strip()
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", valeur):
        raise InitError(
            f"identifiant invalide « {valeur} » : minuscules, chiffres et tirets, par exemple ccdv"
        )
    return valeur


def acv_of(periode: str) -> int:
    """La génération du programme d'après sa période : ACV 1 avant 2023, ACV 2 ensuite."""
    return 1 if parse_periode(periode)[0] < 2023 else 2


def proposed_epci_id(nom: str) -> str:
    """L'identifiant proposé d'une intercommunalité : l'initiale de chaque mot significatif
    (« Communauté de communes du Val de Morvaux » → « ccvm ») ; le nom entier s'il en a moins de 3."""
    words = [w for w in make_id(nom).split("-") if w and w not in _STOPWORDS]
    initials = "".join(w[0] for w in words)
    return initials if len(initials) >= 3 else make_id(nom)


def default_fin(debut: date, document: str, periode: str) -> date:
    """Le dernier jour d'application : cinq ans moins un jour pour une convention-cadre (signée le
    13/07/2018, elle court jusqu'au 12/07/2023), la fin de la période pour un avenant."""
    if document == "convention-cadre":
        try:
            return debut.replace(year=debut.year + 5) - timedelta(days=1)
        except ValueError:  # 29 février
            return debut.replace(year=debut.year + 5, day=28)
    return date(parse_periode(periode)[1], 12, 31)


def territoire(
    id_anct: str,
    epci: str,
    siren: str,
    communes: list[str],
    periode: str,
    avenant: int | None = 1,
    source: str | None = None,
    *,
    epci_id: str | None = None,
    acv: int | None = None,
    document: str | None = None,
    debut: date | None = None,
    fin: date | None = None,
) -> Territoire:
    """Vérifie les options et en tire les identifiants des collectivités (« ville-sur-val »)."""
    if not communes:
        raise InitError("au moins une commune est attendue (--commune NOM:INSEE)")
    generation = acv or acv_of(periode)
    nature = document or DOCUMENTS[generation]
    if nature == "avenant":
        if avenant is None or avenant < 1:
            raise InitError(f"numéro d'avenant invalide « {avenant} » : 1, 2, 3…")
    else:
        avenant = None
    epci_name = check_name(epci, "l'intercommunalité")
    groupe = Collectivite(
        check_identifier(epci_id) if epci_id else make_id(epci_name), epci_name, check_siren(siren)
    )
    items = [Collectivite(make_id(nom), nom, insee) for nom, insee in map(parse_commune, communes)]
    seen: dict[str, str] = {p.id: p.nom for p in NATIONAL_PARTENAIRES}
    for c in (groupe, *items):
        if c.id in seen:
            raise InitError(
                f"« {c.nom} » et « {seen[c.id]} » donneraient le même identifiant « {c.id} »"
            )
        seen[c.id] = c.nom
    first, last = parse_periode(periode)
    debut = debut or date(first, 1, 1)
    fin = fin or default_fin(debut, nature, periode)
    if fin < debut:
        raise InitError(f"la fin ({fin:%d/%m/%Y}) précède le début ({debut:%d/%m/%Y})")
    origin = check_source(source) if source and source.strip() else None
    return Territoire(
        check_id_anct(id_anct),
        groupe,
        tuple(items),
        f"{first}-{last}",
        debut,
        fin,
        generation,
        nature,
        avenant,
        origin,
    )


@dataclass
class Resultat:
    written: list[str] = field(default_factory=list)
    ignores: list[str] = field(default_factory=list)  # existaient déjà : laissés tels quels
    commit: str | None = None


def existing_content(folder: Path) -> list[str]:
    """Ce que le dossier contient déjà (vide si absent ou vide)."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise InitError(f"« {folder} » existe et n'est pas un dossier")
    return sorted(p.name for p in folder.iterdir())


def check_folder(folder: Path, force: bool) -> None:
    """Refuse un dossier non vide sans `force` (avant toute question)."""
    existing = existing_content(folder)
    if existing and not force:
        shown = ", ".join(existing[:5]) + (" …" if len(existing) > 5 else "")
        raise InitError(
            f"le dossier « {folder} » n'est pas vide ({shown}) : rien n'est écrit. "
            "Avec --force, acv init le complète sans écraser aucun fichier."
        )


def init_repo(folder: Path, terr: Territoire, force: bool = False) -> Resultat:
    """Écrit le dépôt : tous les fichiers ou aucun (acvkit.writing), après avoir vérifié que ses
    données se valident ; refuse un dossier non vide sans `force`, et n'écrase jamais un fichier.
    Un dossier créé ici et resté sans fichier est retiré si l'écriture échoue."""
    from acvkit.errors import WriteError
    from acvkit.writing.change import data_change
    from acvkit.writing.journal import STATE, recover

    if folder.is_dir():
        recover(folder)  # un acv init interrompu : annulé (ou terminé) d'abord
        shutil.rmtree(folder / STATE, ignore_errors=True)
    check_folder(folder, force)
    texts = files(terr)
    _check_data(texts)
    resultat = Resultat()
    created = _make_folder(folder)
    try:
        with data_change(folder, None) as change:
            for relative, texte in texts.items():
                cible = folder / relative
                if cible.exists() or cible.is_symlink():
                    resultat.ignores.append(relative)
                    continue
                change.create(cible, texte)
                resultat.written.append(relative)
    except WriteError:
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    shutil.rmtree(folder / STATE, ignore_errors=True)  # le verrou d'un dépôt qui vient de naître
    return resultat


def _make_folder(folder: Path) -> bool:
    """Crée le dossier du dépôt s'il manque (vrai s'il a été créé) ; WriteError en français."""
    from acvkit.writing.journal import os_error

    if folder.is_dir():
        return False
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise os_error(exc, folder) from None
    return True


def _check_data(texts: dict[str, str]) -> None:
    """Les données du nouveau dépôt passées au linter complet, dans un dossier à part ;
    InitError si elles ont une erreur (une option que le format refuse)."""
    import tempfile

    from acvkit.config import load_config
    from acvkit.linting.catalogue import rule_names
    from acvkit.linting.engine import Linter

    with tempfile.TemporaryDirectory(prefix="acv-init-") as tmp:
        root = Path(tmp)
        for relative, texte in texts.items():
            if relative.startswith("data/") or relative == "acv.toml":
                (root / relative).parent.mkdir(parents=True, exist_ok=True)
                (root / relative).write_text(texte, encoding="utf-8")
        data = root / "data"
        errors = Linter(load_config(data, set(rule_names())), errors_only=True).lint(data).errors
    if errors:
        shown = "; ".join(f"{d.code} {d.message}" for d in errors[:3])
        raise InitError(
            f"ces options donneraient des données en erreur ({shown}) : rien n'est écrit"
        )


def git_init(folder: Path, message: str) -> str:
    """`git init`, puis un premier commit de tout le dossier ; renvoie l'empreinte courte du commit."""
    if (folder / ".git").exists():
        raise InitError(f"« {folder} » est déjà un dépôt git : --git n'y fait rien")
    steps = (
        ["git", "init", "-q"],
        ["git", "add", "-A"],
        ["git", "commit", "-q", "-m", message],
        ["git", "rev-parse", "--short", "HEAD"],
    )
    output = ""
    for step in steps:
        try:
            completed = subprocess.run(
                step, cwd=folder, capture_output=True, text=True, check=False, timeout=120
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InitError(f"« {' '.join(step[:2])} » impossible : {exc}") from exc
        if completed.returncode != 0:
            detail = (completed.stderr or completed.stdout).strip().splitlines()
            raise InitError(
                f"« {' '.join(step[:2])} » a échoué : {detail[-1] if detail else 'sans message'}"
                " (les fichiers sont écrits ; terminez à la main)"
            )
        output = completed.stdout.strip()
    return output
