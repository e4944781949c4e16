"""Les jeux de données du banc : fiches générées (graine fixe) et vraies fiches répliquées.

- `generate` : le générateur des tests (tests/strategies.py) ; avec `broken`, 2 % des fichiers
  abîmés (validate doit les signaler) ; sans, un jeu propre (costs, build, import).
- `actual` : les 22 fiches de data/ telles quelles, ou répliquées jusqu'à `size` fiches,
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
BROKEN_SHARE = 0.02  # 2 % de fichiers avec une faute
COPY_STRIDE = 1000  # FA n de la copie k → FA k × 1000 + n (les vrais numéros sont < 1000)
_NUMERO = re.compile(r"^numero:\s*(\d+)\s*$", re.MULTILINE)
_FICHE_FILENAME = re.compile(r"^fa-(\d+)-")


def corrupt(folder: Path, part: float, seed: int = 1) -> int:
    """Abîme une part des fiches (sous-axe inconnu, type en liste ouverte, clé en double)."""
    rng = random.Random(seed)
    fiches = sorted((folder / "fiches").rglob("*.yaml"))
    victims = rng.sample(fiches, max(1, int(len(fiches) * part))) if fiches else []
    for index, file in enumerate(victims):
        texte = file.read_text(encoding="utf-8")
        if index % 3 == 0:
            texte = texte.replace('sous_axe: "', 'sous_axe: "9', 1)
        elif index % 3 == 1:
            texte = texte.replace("type: ", "type: [", 1)
        else:
            texte += "numero: 2\n"
        file.write_text(texte, encoding="utf-8")
    return len(victims)


def generate(base: Path, size: int, broken: bool) -> Path:
    """`size` fiches générées (graine = taille), cassées à 2 % ou propres ; créé une fois."""
    cible = base / f"genere-{size}-{'casse' if broken else 'propre'}"
    if not cible.exists():
        write_dataset(cible, generate_fiches(size, seed=size))
        if broken:
            corrupt(cible, BROKEN_SHARE)
    return cible


def actual(base: Path, size: int) -> Path:
    """Les vraies fiches, répliquées et renumérotées jusqu'à `size` (22 : data/ tel quel)."""
    cible = base / f"reel-{size}"
    if cible.exists():
        return cible
    originals = sorted((DATA / "fiches").rglob("*.yaml"))
    if size <= len(originals):
        shutil.copytree(DATA, cible, ignore=shutil.ignore_patterns(".acv-cache"))
        return cible
    cible.mkdir(parents=True)
    for nom in REFERENTIEL:
        source = DATA / nom
        if source.is_dir():
            shutil.copytree(source, cible / nom)
        else:
            shutil.copyfile(source, cible / nom)
    textes = [(f, f.read_text(encoding="utf-8")) for f in originals]
    for ordinal in range(size):
        copied, index = divmod(ordinal, len(textes))
        file, texte = textes[index]
        old = int(_NUMERO.search(texte).group(1))  # type: ignore[union-attr]
        numero = copied * COPY_STRIDE + old
        nom = _FICHE_FILENAME.sub(f"fa-{numero}-", file.name, count=1)
        folder = cible / file.parent.relative_to(DATA)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / nom).write_text(
            _NUMERO.sub(f"numero: {numero}", texte, count=1), encoding="utf-8"
        )
    return cible


def modifier(folder: Path, part: float, seed: int = 1) -> list[Path]:
    """Change le titre d'une part des fiches (« Révisé – … ») : la version suivante d'un diff."""
    fiches = sorted((folder / "fiches").rglob("*.yaml"))
    chosen = random.Random(seed).sample(fiches, max(1, int(len(fiches) * part)))
    for file in chosen:
        texte = file.read_text(encoding="utf-8")
        file.write_text(texte.replace("titre: ", "titre: Révisé – ", 1), encoding="utf-8")
    return chosen
