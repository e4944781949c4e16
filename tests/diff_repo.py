"""Un dépôt git de test : les vraies données commitées, puis un commit de modifications connues.

Les modifications (toutes faites ici, à la main) : le coût de FA 56 et son financement par la
CABBALR (+8 499 €, base non précisée), une fiche ajoutée (FA 70, 120 000 € TTC, dont 60 000 € de la
Région, livrée en 2027 : un nouvel avertissement CAL003), une supprimée (FA 45, 180 000 €), une renumérotée (FA 65 → FA 66), un sous-axe changé
(FA 63 : 4.2 → 2.2, 870 000 €), une description retouchée (FA 54), un statut (FA 62 : en_cours).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

FA_70 = """\
# yaml-language-server: $schema=../../../schemas/fiche.schema.json
# Fiche de test (exemple fictif)
numero: 70
titre: Jardin partagé du Beffroi
collectivite: bethune
type: action
sous_axe: "4.2"
description: Un jardin partagé au pied du Beffroi.
objectifs:
  - Créer un îlot de fraîcheur
maitre_ouvrage: bethune
cout:
  base: TTC
  total: 120000
financements:
  - {financeur: region-hdf, montant: 60000}
lancement: "2025"
livraison: "2027"
indicateurs_resultat:
  - Jardin ouvert au public
"""


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    done = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _replace_in_file(file: Path, before: str, after: str) -> None:
    texte = file.read_text(encoding="utf-8")
    assert texte.count(before) == 1, (file, before)
    file.write_text(texte.replace(before, after), encoding="utf-8")


def modifier(data: Path) -> None:
    """Les modifications connues, sur un dossier de données qui est une copie de data/."""
    fiches = data / "fiches"
    fa56 = fiches / "bruay-la-buissiere" / "fa-56-rue-hermant.yaml"
    _replace_in_file(fa56, "  total: 241501\n", "  total: 250000\n")
    _replace_in_file(fa56, "montant: 100625.61}", "montant: 109124.61}")
    (fiches / "bethune" / "fa-70-jardin-partage.yaml").write_text(FA_70, encoding="utf-8")
    (fiches / "bethune" / "fa-45-mise-en-lumiere-beffroi.yaml").unlink()
    old = fiches / "bethune" / "fa-65-entrees-de-ville-rotonde.yaml"
    new = fiches / "bethune" / "fa-66-entrees-de-ville-rotonde.yaml"
    old.rename(new)
    _replace_in_file(new, "numero: 65\n", "numero: 66\n")
    _replace_in_file(
        fiches / "bethune" / "fa-63-boulevard-poincare.yaml", 'sous_axe: "4.2"', 'sous_axe: "2.2"'
    )
    _replace_in_file(
        fiches / "bruay-la-buissiere" / "fa-54-place-de-l-europe.yaml",
        "Les objectifs affichés sont",
        "Les objectifs retenus sont",
    )
    _replace_in_file(
        fiches / "bethune" / "fa-62-places-hypercentre.yaml",
        "type: etude\n",
        "type: etude\nstatut: en_cours\n",
    )


def git_repo(tmp: Path) -> tuple[Path, str, str]:
    """(dossier de données dans le dépôt, commit des vraies données, commit modifié)."""
    repo = tmp / "depot"
    repo.mkdir()
    shutil.copytree(DATA, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "avenant n°2")
    base = git(repo, "rev-parse", "HEAD")
    modifier(repo / "data")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "modifications")
    return repo / "data", base, git(repo, "rev-parse", "HEAD")


def complete_git_repo(tmp: Path) -> tuple[Path, str]:
    """(dossier de données, commit de départ) : un dépôt où chaque partie de l'annexe
    « modifications » a de quoi s'écrire.

    En plus des modifications connues (`modifier`) : la version de départ a une fiche illisible
    (FA 43, YAML cassé, corrigée ensuite : une fiche illisible et une remarque sur les erreurs),
    et le référentiel change (le lieu de signature du programme, l'intitulé d'un indicateur) ; un
    semestre de suivi (exemple fictif) : FA 55 suivie, sa subvention de la CABBALR attribuée et en
    partie versée, une dépense réalisée (événements en phrases, tableau du suivi des financements).
    Diagnostics : un nouveau (CAL003 de FA 70), des résolus (la fiche illisible, FA 45
    supprimée). Tout est fait ici, dans une copie.
    """
    repo = tmp / "depot"
    repo.mkdir()
    data = repo / "data"
    shutil.copytree(DATA, data)
    fa43 = data / "fiches" / "bethune" / "fa-43-signaletique-commerciale.yaml"
    readable = fa43.read_text(encoding="utf-8")
    fa43.write_text(readable.replace("type: action\n", "type: [action\n", 1), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "avenant n°2, une fiche illisible")
    base = git(repo, "rev-parse", "HEAD")
    fa43.write_text(readable, encoding="utf-8")
    modifier(data)
    _replace_in_file(
        data / "programme.yaml", "lieu_signature: Béthune\n", "lieu_signature: Bruay\n"
    )
    _replace_in_file(
        data / "indicateurs" / "ind-1-01.yaml",
        "intitule: Nombre de logements vacants\n",
        "intitule: Nombre de logements vacants depuis plus de deux ans\n",
    )
    fa55 = data / "fiches" / "bruay-la-buissiere" / "fa-55-rue-d-alsace.yaml"
    texte = fa55.read_text(encoding="utf-8")
    line = next(x for x in texte.splitlines() if x.startswith("  - {financeur: cabbalr"))
    _replace_in_file(
        fa55,
        line + "\n",
        line[:-1] + ", statut: verse, montant_attribue: 225826, montant_verse: 100000}\n"
        "realise:\n  - {annee: 2024, montant: 342100}\n"
        "suivi:\n  - {date: 2024-12-31, statut: livree, note: Réception des travaux}\n",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "modifications")
    return data, base
