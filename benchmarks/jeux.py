"""Les jeux de données du banc : fiches générées (graine fixe) et vraies fiches répliquées.

- `genere` : le générateur des tests (tests/strategies.py) ; avec `casse`, 2 % des fichiers
  abîmés (validate doit les signaler) ; sans, un jeu propre (costs, build, import).
- `reel` : les 22 fiches de data/ telles quelles, ou répliquées jusqu'à `taille` fiches,
  chaque copie renumérotée (FA 42 de la copie 3 → FA 3042, fichier fa-3042-….yaml) : numéros
  et noms de fichiers restent uniques. C'est le cas lourd en diagnostics (les avertissements
  des vraies fiches, multipliés).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from tests.strategies import REFERENTIEL, generate_fiches, write_dataset

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PART_CASSEE = 0.02  # 2 % de fichiers avec une faute
PAS_DE_COPIE = 1000  # FA n de la copie k → FA k × 1000 + n (les vrais numéros sont < 1000)
_NUMERO = re.compile(r"^numero:\s*(\d+)\s*$", re.MULTILINE)
_FICHIER = re.compile(r"^fa-(\d+)-")


def casser(folder: Path, part: float, seed: int = 1) -> int:
    """Abîme une part des fiches (sous-axe inconnu, type en liste ouverte, clé en double)."""
    rng = random.Random(seed)
    fiches = sorted((folder / "fiches").rglob("*.yaml"))
    victimes = rng.sample(fiches, max(1, int(len(fiches) * part))) if fiches else []
    for index, fichier in enumerate(victimes):
        texte = fichier.read_text(encoding="utf-8")
        if index % 3 == 0:
            texte = texte.replace('sous_axe: "', 'sous_axe: "9', 1)
        elif index % 3 == 1:
            texte = texte.replace("type: ", "type: [", 1)
        else:
            texte += "numero: 2\n"
        fichier.write_text(texte, encoding="utf-8")
    return len(victimes)


def genere(base: Path, taille: int, casse: bool) -> Path:
    """`taille` fiches générées (graine = taille), cassées à 2 % ou propres ; créé une fois."""
    cible = base / f"genere-{taille}-{'casse' if casse else 'propre'}"
    if not cible.exists():
        write_dataset(cible, generate_fiches(taille, seed=taille))
        if casse:
            casser(cible, PART_CASSEE)
    return cible


def reel(base: Path, taille: int) -> Path:
    """Les vraies fiches, répliquées et renumérotées jusqu'à `taille` (22 : data/ tel quel)."""
    cible = base / f"reel-{taille}"
    if cible.exists():
        return cible
    originales = sorted((DATA / "fiches").rglob("*.yaml"))
    if taille <= len(originales):
        shutil.copytree(DATA, cible, ignore=shutil.ignore_patterns(".acv-cache"))
        return cible
    cible.mkdir(parents=True)
    for nom in REFERENTIEL:
        source = DATA / nom
        if source.is_dir():
            shutil.copytree(source, cible / nom)
        else:
            shutil.copyfile(source, cible / nom)
    textes = [(f, f.read_text(encoding="utf-8")) for f in originales]
    for rang in range(taille):
        copie, index = divmod(rang, len(textes))
        fichier, texte = textes[index]
        ancien = int(_NUMERO.search(texte).group(1))  # type: ignore[union-attr]
        numero = copie * PAS_DE_COPIE + ancien
        nom = _FICHIER.sub(f"fa-{numero}-", fichier.name, count=1)
        dossier = cible / fichier.parent.relative_to(DATA)
        dossier.mkdir(parents=True, exist_ok=True)
        (dossier / nom).write_text(
            _NUMERO.sub(f"numero: {numero}", texte, count=1), encoding="utf-8"
        )
    return cible


def modifier(dossier: Path, part: float, seed: int = 1) -> list[Path]:
    """Change le titre d'une part des fiches (« Révisé – … ») : la version suivante d'un diff."""
    fiches = sorted((dossier / "fiches").rglob("*.yaml"))
    choisies = random.Random(seed).sample(fiches, max(1, int(len(fiches) * part)))
    for fichier in choisies:
        texte = fichier.read_text(encoding="utf-8")
        fichier.write_text(texte.replace("titre: ", "titre: Révisé – ", 1), encoding="utf-8")
    return choisies
