"""`acv init` : un dépôt de plan d'action prêt à commiter pour un nouveau territoire.

Les options sont vérifiées ici (messages français) ; les textes des fichiers écrits sont dans
`init_files`. Rien n'est jamais écrasé : un fichier qui existe déjà est laissé tel quel et listé.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
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
}


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


def territoire(
    id_anct: str,
    epci: str,
    siren: str,
    communes: list[str],
    periode: str,
    avenant: int = 1,
    source: str | None = None,
) -> Territoire:
    """Vérifie les options et en tire les identifiants des collectivités (« ville-sur-val »)."""
    if not communes:
        raise InitError("au moins une commune est attendue (--commune NOM:INSEE)")
    if avenant < 1:
        raise InitError(f"numéro d'avenant invalide « {avenant} » : 1, 2, 3…")
    epci_name = check_name(epci, "l'intercommunalité")
    groupe = Collectivite(make_id(epci_name), epci_name, check_siren(siren))
    items = [Collectivite(make_id(nom), nom, insee) for nom, insee in map(parse_commune, communes)]
    seen: dict[str, str] = {p.id: p.nom for p in NATIONAL_PARTENAIRES}
    for c in (groupe, *items):
        if c.id in seen:
            raise InitError(
                f"« {c.nom} » et « {seen[c.id]} » donneraient le même identifiant « {c.id} »"
            )
        seen[c.id] = c.nom
    debut, fin = parse_periode(periode)
    origin = check_source(source) if source and source.strip() else None
    return Territoire(check_id_anct(id_anct), groupe, tuple(items), debut, fin, avenant, origin)


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
