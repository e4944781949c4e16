"""Générateurs de fiches action VALIDES (dictionnaires et texte YAML) et de textes YAML mutés.

Deux façons de tirer au sort, un seul code de construction (`build_fiche`) :

- `generate_fiches(n, seed)` : déterministe, avec `random.Random(seed)`, sans hypothesis ;
  c'est ce qu'utilise le banc de mesure ;
- `fiches()`, `fiche_lists()`, `mutants()` : stratégies hypothesis (importé à l'appel
  seulement) ; les décisions sont lues dans une suite d'octets tirée par hypothesis, qui
  rétrécit vers la fiche la plus simple.

Le vocabulaire (titres, phrases de description, objectifs, indicateurs, libellés, notes), les
codes de sous-axes, les identifiants de partenaires et d'indicateurs viennent des vraies données
de `data/`. `fiche_yaml` écrit une fiche comme un humain : clés dans l'ordre du format, montants
en nombres YAML simples, description en bloc `|`, postes et financements en `{...}`.
`write_dataset` écrit un dossier complet que `acv validate` accepte sans erreur.
"""

from __future__ import annotations

import functools
import random
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn, SearchStrategy

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
AVENANT = ROOT / "tests" / "fixtures" / "avenant"  # copie figée des données de l'avenant

COLLECTIVITES = ("bethune", "bruay-la-buissiere", "cabbalr")
TYPES = ("etude", "action")
STATUTS = ("a_engager", "en_cours", "en_cours_finance", "livree", "abandonnee")
BASES = ("HT", "TTC")
ANNEES = (2020, 2028)  # bornes des années tirées (lancements et livraisons)

# Ordre des clés d'une fiche dans les fichiers (celui de docs/format.md et du modèle).
FICHE_ORDER = (
    "numero",
    "titre",
    "collectivite",
    "type",
    "sous_axe",
    "statut",
    "date_signature",
    "date_signature_note",
    "description",
    "description_note",
    "objectifs_note",
    "objectifs",
    "maitre_ouvrage",
    "maitre_ouvrage_note",
    "partenaires",
    "partenaires_note",
    "cout",
    "cout_note",
    "financements",
    "financements_note",
    "lancement",
    "lancement_note",
    "livraison",
    "livraison_note",
    "jalons",
    "echeancier",
    "indicateurs_avancement_note",
    "indicateurs_avancement",
    "indicateurs_resultat_note",
    "indicateurs_resultat",
    "indicateurs_evaluation",
)
CHAMPS_PERIODE = {"date_signature", "lancement", "livraison"}


# --------------------------------------------------------------------------------------------
# Le vocabulaire des vraies données


@dataclass(frozen=True)
class Vocabulary:
    titres: tuple[str, ...]
    phrases: tuple[str, ...]
    objectifs: tuple[str, ...]
    indicateurs: tuple[str, ...]
    libelles: tuple[str, ...]
    notes: tuple[str, ...]
    sous_axes: tuple[str, ...]
    partenaires: tuple[str, ...]
    indicateurs_evaluation: tuple[str, ...]


_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(X{3,}|TODO|TBD|FIXME)(?![A-Za-z])|\?\?\?|compl[ée]ter", re.I
)


def _is_clean(texte: str) -> bool:
    """Un texte sans caractère invisible ni marque provisoire : il ne vaut aucun avertissement."""
    return (
        bool(texte.strip())
        and texte == texte.strip()
        and not _PLACEHOLDER.search(texte)
        and all(unicodedata.category(c)[0] != "C" for c in texte)
    )


def _unique(textes: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in textes if _is_clean(t)))


def _items(valeur: Any) -> Iterable[str]:
    for item in valeur or []:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            yield str(item.get("texte", ""))
            yield from (str(d) for d in item.get("details") or [])


@functools.cache
def vocabulary(data: Path = AVENANT) -> Vocabulary:
    """Le vocabulaire des fiches de `data/`, dans un ordre stable (fichiers triés)."""
    yaml = YAML(typ="safe", pure=True)
    titres: list[str] = []
    phrases: list[str] = []
    objectifs: list[str] = []
    indicateurs: list[str] = []
    libelles: list[str] = []
    notes: list[str] = []
    for file in sorted((data / "fiches").rglob("*.yaml")):
        fiche = yaml.load(file.read_text(encoding="utf-8"))
        titres.append(str(fiche["titre"]))
        for paragraph in str(fiche.get("description") or "").split("\n"):
            phrases += [p.strip() for p in re.split(r"(?<=[.!?])\s+", paragraph)]
        objectifs += _items(fiche.get("objectifs"))
        indicateurs += _items(fiche.get("indicateurs_avancement"))
        indicateurs += _items(fiche.get("indicateurs_resultat"))
        cout = fiche.get("cout") or {}
        libelles += [str(p["libelle"]) for p in cout.get("postes") or []]
        libelles += [str(j["libelle"]) for j in fiche.get("jalons") or []]
        notes += [str(v) for k, v in fiche.items() if k.endswith("_note") and v]
        notes += [str(p["note"]) for p in cout.get("postes") or [] if p.get("note")]
        notes += [str(f["note"]) for f in fiche.get("financements") or [] if f.get("note")]
    sous_axes = [
        str(s["code"])
        for file in sorted((data / "axes").glob("*.yaml"))
        for s in yaml.load(file.read_text(encoding="utf-8")).get("sous_axes") or []
    ]
    partenaires = yaml.load((data / "partenaires.yaml").read_text(encoding="utf-8"))
    return Vocabulary(
        titres=_unique(titres),
        phrases=_unique(p for p in phrases if len(p) >= 20),
        objectifs=_unique(objectifs),
        indicateurs=_unique(indicateurs),
        libelles=_unique(libelles),
        notes=_unique(notes),
        sous_axes=tuple(sorted(set(sous_axes))),
        partenaires=tuple(str(p["id"]) for p in partenaires["partenaires"]),
        indicateurs_evaluation=tuple(
            sorted(f.stem for f in (data / "indicateurs").glob("ind-*.yaml"))
        ),
    )


# --------------------------------------------------------------------------------------------
# Le tirage au sort : random.Random ou hypothesis, même interface


class Drawer(Protocol):
    def whole(self, bottom: int, top: int) -> int: ...

    def choice(self, options: Sequence[T]) -> T: ...

    def yes(self) -> bool:
        """Inclure une rubrique facultative ? (hypothesis rétrécit vers « non »)."""
        ...

    def subset(self, options: Sequence[T], bottom: int, top: int) -> list[T]:
        """De `bas` à `haut` éléments distincts de `options`."""
        ...

    def texte(self, options: Sequence[str]) -> str:
        """Un texte du vocabulaire (hypothesis : parfois un texte unicode quelconque)."""
        ...


class RandomDrawer:
    """Tirage déterministe pour une graine donnée."""

    def __init__(self, rng: random.Random, probability: float = 0.6) -> None:
        self.rng = rng
        self.probability = probability

    def whole(self, bottom: int, top: int) -> int:
        return self.rng.randint(bottom, top)

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def yes(self) -> bool:
        return self.rng.random() < self.probability

    def subset(self, options: Sequence[T], bottom: int, top: int) -> list[T]:
        k = self.rng.randint(bottom, min(top, len(options)))
        return self.rng.sample(list(options), k)

    def texte(self, options: Sequence[str]) -> str:
        return self.choice(options)


class ByteDrawer:
    """Tirage lu dans une suite d'octets tirée par hypothesis (un seul `draw` par fiche).

    Hypothesis rétrécit une suite d'octets en la raccourcissant et en baissant ses valeurs :
    chaque décision tend vers 0, c'est-à-dire « rubrique absente », la plus petite valeur, la
    première option. Une suite épuisée se lit comme des zéros. Avec `exotique`, un texte sur
    quatre est un texte unicode quelconque (tiré à part).
    """

    def __init__(self, size_bytes: bytes, draw: DrawFn | None = None, exotic: bool = False) -> None:
        self.size_bytes = size_bytes
        self.position = 0
        self.draw = draw
        self.exotic = exotic

    def _read(self, n: int) -> int:
        piece = self.size_bytes[self.position : self.position + n]
        self.position += n
        return int.from_bytes(piece.ljust(n, b"\0"), "big")

    def whole(self, bottom: int, top: int) -> int:
        span = top - bottom + 1
        if span <= 1:
            return bottom
        size = 1 if span <= 256 else 2 if span <= 65536 else 4
        return bottom + self._read(size) % span

    def choice(self, options: Sequence[T]) -> T:
        return options[self.whole(0, len(options) - 1)]

    def yes(self) -> bool:
        return self._read(1) >= 128

    def subset(self, options: Sequence[T], bottom: int, top: int) -> list[T]:
        remaining = list(options)
        k = self.whole(bottom, min(top, len(remaining)))
        return [remaining.pop(self.whole(0, len(remaining) - 1)) for _ in range(k)]

    def texte(self, options: Sequence[str]) -> str:
        if self.exotic and self.draw is not None and self.whole(0, 3) == 3:
            return self.draw(_exotic_texts())
        return self.choice(options)


@functools.cache
def _exotic_texts() -> SearchStrategy[str]:
    """N'importe quel texte admis encodable en UTF-8 : espaces insécables, emoji, bidi…

    Sans caractère de contrôle (hors tabulation et retour à la ligne), ni demi-code, ni
    non-caractère : ceux-là sont refusés (YML014), même écrits par une séquence d'échappement.
    """
    from hypothesis import strategies as st

    chars = st.characters(
        codec="utf-8", exclude_categories=("Cc", "Cs", "Cn"), include_characters="\t\n"
    )
    return st.text(chars, min_size=1, max_size=40)


# --------------------------------------------------------------------------------------------
# Construction d'une fiche valide

MONTHS = (
    "Janvier",
    "Février",
    "Fevrier",
    "Mars",
    "Avril",
    "Mai",
    "Juin",
    "Juillet",
    "Août",
    "Aout",
    "Septembre",
    "Octobre",
    "Novembre",
    "Décembre",
)
SEASONS = ("Printemps", "Eté", "Été", "Automne", "Hiver")
TO_BE_DETERMINED_TEXTS = ("A déterminer", "A définir", "À déterminer")


def periode(t: Drawer, annee: int) -> str:
    """Une période floue, dans une des formes de docs/format.md, qui commence l'année `annee`."""
    shape = t.whole(0, 9)
    if shape == 0:
        return str(annee)
    if shape == 1:
        sep = t.choice(("-", " -", " - ", "- "))
        return f"{annee}{sep}{annee + t.whole(0, 3)}"
    if shape == 2:
        return f"{t.choice(MONTHS)} {annee}"
    if shape == 3:
        first = t.whole(1, 4)
        last = t.whole(first, 4)
        return f"T{first} {annee}" if first == last else f"T{first}-T{last} {annee}"
    if shape == 4:
        semestre = t.whole(1, 2)
        if t.yes():
            return f"S{semestre} {annee}"
        ordinal = "1er" if semestre == 1 else t.choice(("2e", "2nd", "2ème"))
        return f"{ordinal} semestre {annee}"
    if shape == 5:
        return f"{t.choice(SEASONS)} {annee}"
    if shape == 6:
        return t.choice((f"Début {annee}", f"Mi-{annee}", f"Fin {annee}", f"Debut {annee}"))
    if shape == 7:
        return f"{annee}-{t.whole(1, 12):02d}-{t.whole(1, 28):02d}"
    if shape == 8:
        return f"{t.whole(1, 28):02d}/{t.whole(1, 12):02d}/{annee}"
    return t.choice(TO_BE_DETERMINED_TEXTS)


def _lancement_livraison(t: Drawer) -> tuple[str | None, str | None]:
    """Un lancement et une livraison qui ne sont jamais inversés (CAL001)."""
    debut = t.whole(*ANNEES)
    lancement = periode(t, debut) if t.yes() else None
    # La livraison commence l'année suivante au plus tôt : elle ne peut finir avant le lancement.
    livraison = periode(t, t.whole(debut + 1, debut + 4)) if t.yes() else None
    return lancement, livraison


def montant(t: Drawer, maximum_centimes: int) -> Decimal:
    """Un montant d'au plus deux décimales, le plus souvent rond comme dans les fiches."""
    centimes = t.whole(0, max(0, maximum_centimes))
    if t.yes():
        centimes -= centimes % 100_000  # arrondi au millier d'euros
    return Decimal(centimes // 100) if centimes % 100 == 0 else Decimal(centimes).scaleb(-2)


def _item(t: Drawer, options: Sequence[str]) -> str | dict[str, Any]:
    if t.whole(0, 4) == 4:
        return {
            "texte": t.texte(options),
            "details": [t.texte(options) for _ in range(t.whole(0, 3))],
        }
    return t.texte(options)


def _titre(t: Drawer, v: Vocabulary) -> str:
    if t.yes():
        return t.texte(v.titres)
    # Un titre composé : le début d'un vrai titre et la fin d'un autre.
    head, queue = t.choice(v.titres).split(), t.choice(v.titres).split()
    words = head[: t.whole(1, len(head))] + queue[t.whole(0, len(queue) - 1) :]
    return " ".join(words)


def _description(t: Drawer, v: Vocabulary) -> str:
    paragraphs = [
        " ".join(t.texte(v.phrases) for _ in range(t.whole(1, 3))) for _ in range(t.whole(1, 4))
    ]
    texte = "\n\n".join(paragraphs)
    return texte + "\n" if t.yes() or len(paragraphs) > 1 else texte


def _cout(t: Drawer, v: Vocabulary) -> dict[str, Any]:
    cout: dict[str, Any] = {"base": t.choice((*BASES, None))}
    if t.yes():
        postes = []
        for _ in range(t.whole(1, 5)):
            poste: dict[str, Any] = {"libelle": t.texte(v.libelles)}
            poste["montant"] = montant(t, 300_000_000) if t.whole(0, 5) else None
            if t.whole(0, 3) == 3:
                poste["note"] = t.texte(v.notes)
            postes.append(poste)
        cout["postes"] = postes
        montants = [p["montant"] for p in postes]
        if None not in montants and t.yes():
            cout["total"] = sum(montants, Decimal(0))
    else:
        cout["total"] = montant(t, 2_000_000_000)
    if t.whole(0, 4) == 4:
        cout["note"] = t.texte(v.notes)
    return cout


def _ceiling(cout: Mapping[str, Any] | None) -> Decimal:
    """Ce que les financements chiffrés ne doivent pas dépasser (MON002)."""
    if cout is None:
        return Decimal(5_000_000)
    if cout.get("total") is not None:
        return Decimal(cout["total"])
    return sum((p["montant"] for p in cout.get("postes") or [] if p["montant"]), Decimal(0))


def _financements(t: Drawer, v: Vocabulary, ceiling: Decimal) -> list[dict[str, Any]]:
    reste = int(ceiling * 100)
    financements = []
    for financeur in t.subset(v.partenaires, 1, 4):
        financement: dict[str, Any] = {"financeur": financeur}
        if t.whole(0, 4):
            financement["montant"] = montant(t, reste)
            reste -= int(financement["montant"] * 100)
        if t.whole(0, 5) == 5:
            financement["base"] = t.choice(BASES)
        if t.whole(0, 5) == 5:
            financement["note"] = t.texte(v.notes)
        financements.append(financement)
    return financements


def _jalons(t: Drawer, v: Vocabulary) -> list[dict[str, Any]]:
    jalons = []
    for _ in range(t.whole(1, 3)):
        jalon: dict[str, Any] = {"libelle": t.texte(v.libelles)}
        lancement, livraison = _lancement_livraison(t)
        if lancement is not None:
            jalon["lancement"] = lancement
        if livraison is not None:
            jalon["livraison"] = livraison
        if t.whole(0, 4) == 4:
            jalon["note"] = t.texte(v.notes)
        jalons.append(jalon)
    return jalons


def build_fiche(t: Drawer, numero: int, v: Vocabulary | None = None) -> dict[str, Any]:
    """Une fiche action valide (dictionnaire conforme au modèle Fiche), sans erreur de linter."""
    v = v or vocabulary()
    collectivite = t.choice(COLLECTIVITES)
    fiche: dict[str, Any] = {
        "numero": numero,
        "titre": _titre(t, v),
        "collectivite": collectivite,
        "type": t.choice(TYPES),
        "sous_axe": t.choice(v.sous_axes),
    }
    if t.yes():
        fiche["statut"] = t.choice(STATUTS)
    if t.whole(0, 4) == 4:
        fiche["date_signature"] = periode(t, t.whole(*ANNEES))
    if t.whole(0, 5) == 5:
        fiche["date_signature_note"] = t.texte(v.notes)
    if t.whole(0, 6):
        fiche["description"] = _description(t, v)
    else:
        fiche["description_note"] = t.texte(v.notes)
    if t.whole(0, 4) == 4:
        fiche["objectifs_note"] = t.texte(v.notes)
    if t.whole(0, 6):
        fiche["objectifs"] = [_item(t, v.objectifs) for _ in range(t.whole(1, 5))]
    fiche["maitre_ouvrage"] = collectivite if t.yes() else t.choice(v.partenaires)
    if t.yes():
        fiche["partenaires"] = t.subset(v.partenaires, 1, 5)
    else:
        fiche["partenaires_note"] = t.choice(TO_BE_DETERMINED_TEXTS)
    if t.whole(0, 5):
        fiche["cout"] = _cout(t, v)
    else:
        fiche["cout_note"] = t.choice(TO_BE_DETERMINED_TEXTS)
    if t.yes():
        fiche["financements"] = _financements(t, v, _ceiling(fiche.get("cout")))
    else:
        fiche["financements_note"] = t.choice(TO_BE_DETERMINED_TEXTS)
    lancement, livraison = _lancement_livraison(t)
    if lancement is not None:
        fiche["lancement"] = lancement
    if livraison is not None:
        fiche["livraison"] = livraison
    elif t.whole(0, 3) == 3:
        fiche["livraison_note"] = t.texte(v.notes)
    if t.whole(0, 3) == 3:
        fiche["jalons"] = _jalons(t, v)
    if t.whole(0, 4) == 4:
        first = t.whole(*ANNEES)
        fiche["echeancier"] = [
            {"annee": first + i, "montant": montant(t, 100_000_000)} for i in range(t.whole(1, 4))
        ]
    for key in ("indicateurs_avancement", "indicateurs_resultat"):
        if t.yes():
            fiche[key] = [_item(t, v.indicateurs) for _ in range(t.whole(1, 4))]
        if t.whole(0, 6) == 6:
            fiche[key + "_note"] = t.texte(v.notes)
    if t.yes():
        fiche["indicateurs_evaluation"] = t.subset(v.indicateurs_evaluation, 1, 3)
    return fiche


def generate_fiches(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """`n` fiches valides aux numéros distincts, toujours les mêmes pour une même graine."""
    rng = random.Random(seed)
    drawer = RandomDrawer(rng)
    numeros = rng.sample(range(1, max(1000, 2 * n)), n)
    return [build_fiche(drawer, numero) for numero in numeros]


# --------------------------------------------------------------------------------------------
# Écriture YAML

_RESOLVER = VersionedResolver(version=(1, 2))
_INDICATEURS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW = set(",[]{}")
_LINE_BREAKS = {"\n", "\r", "\x85", "\u2028", "\u2029"}


def _printable(c: str) -> bool:
    """Un caractère qu'on peut écrire tel quel dans un fichier YAML (pas un saut de ligne)."""
    o = ord(c)
    return (
        (0x20 <= o <= 0x7E)
        or (0xA0 <= o <= 0xD7FF and c not in _LINE_BREAKS)
        or (0xE000 <= o <= 0xFFFD and o != 0xFEFF)
        or o >= 0x10000
    )


@functools.cache
def _plain_allowed(texte: str, stream: bool) -> bool:
    """Le texte peut-il s'écrire sans guillemets (et relu comme ce même texte) ?"""
    if not texte or texte != texte.strip() or texte[0] in _INDICATEURS:
        return False
    if ": " in texte or "#" in texte or texte.endswith(":") or "  " in texte:
        return False
    if stream and any(c in _FLOW for c in texte):
        return False
    if not all(_printable(c) for c in texte):
        return False
    return bool(_RESOLVER.resolve(ScalarNode, texte, (True, False)) == "tag:yaml.org,2002:str")


def _quoted(texte: str) -> str:
    output = []
    for c in texte:
        if c == "\\":
            output.append("\\\\")
        elif c == '"':
            output.append('\\"')
        elif c == "\n":
            output.append("\\n")
        elif c == "\t":
            output.append("\\t")
        elif _printable(c):
            output.append(c)
        elif ord(c) <= 0xFF:
            output.append(f"\\x{ord(c):02x}")
        elif ord(c) <= 0xFFFF:
            output.append(f"\\u{ord(c):04x}")
        else:
            output.append(f"\\U{ord(c):08x}")
    return '"' + "".join(output) + '"'


def _block_allowed(texte: str) -> bool:
    """Le texte peut-il s'écrire en bloc littéral `|` (description sur plusieurs lignes) ?"""
    if "\n" not in texte or texte.endswith("\n\n") or texte == "\n":
        return False
    lines = texte.rstrip("\n").split("\n")
    return (
        not next((line for line in lines if line), " ").startswith(" ")
        and all(line == line.rstrip() for line in lines)
        and all(_printable(c) for line in lines for c in line)
    )


def scalar(valeur: Any, stream: bool = False, bare_dates: bool = False) -> str:
    """Une valeur simple écrite en YAML : nombre simple, texte nu ou entre guillemets, null."""
    if valeur is None:
        return "null"
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, Enum):
        valeur = valeur.value
    if isinstance(valeur, int):
        return str(valeur)
    if isinstance(valeur, Decimal):
        return f"{valeur:f}"
    texte = str(valeur)
    if bare_dates and re.fullmatch(r"\d{4}-\d\d-\d\d", texte):
        return texte  # lu comme un horodatage YAML, que le chargeur garde en texte
    return texte if _plain_allowed(texte, stream) else _quoted(texte)


def _simple(valeur: Any) -> bool:
    return not isinstance(valeur, dict | list)


def _possible_stream(mapping: Mapping[str, Any]) -> bool:
    written = ", ".join(f"{k}: {scalar(v, stream=True)}" for k, v in mapping.items())
    return all(_simple(v) for v in mapping.values()) and len(written) <= 100


def _write(key: str, valeur: Any, indent: int, lines: list[str], bare_dates: bool) -> None:
    margin = " " * indent
    if isinstance(valeur, dict):
        if not valeur:
            lines.append(f"{margin}{key}: {{}}")
            return
        lines.append(f"{margin}{key}:")
        for k, v in valeur.items():
            _write(k, v, indent + 2, lines, bare_dates)
    elif isinstance(valeur, list):
        if not valeur:
            lines.append(f"{margin}{key}: []")
            return
        short = [scalar(v, stream=True) for v in valeur if _simple(v)]
        if len(short) == len(valeur) and key in {"details", "indicateurs_evaluation"}:
            lines.append(f"{margin}{key}: [{', '.join(short)}]")
            return
        lines.append(f"{margin}{key}:")
        for element in valeur:
            _element(element, indent + 2, lines, bare_dates)
    elif isinstance(valeur, str) and _block_allowed(valeur):
        indicateur = "|" if valeur.endswith("\n") else "|-"
        lines.append(f"{margin}{key}: {indicateur}")
        lines += [f"{margin}  {line}" if line else "" for line in valeur.rstrip("\n").split("\n")]
    else:
        bare = bare_dates and key in CHAMPS_PERIODE
        lines.append(f"{margin}{key}: {scalar(valeur, bare_dates=bare)}")


def _element(element: Any, indent: int, lines: list[str], bare_dates: bool) -> None:
    margin = " " * indent
    if isinstance(element, dict) and element and _possible_stream(element):
        body = ", ".join(f"{k}: {scalar(v, stream=True)}" for k, v in element.items())
        lines.append(f"{margin}- {{{body}}}")
    elif isinstance(element, dict) and element:
        debut = len(lines)
        for k, v in element.items():
            _write(k, v, indent + 2, lines, bare_dates)
        lines[debut] = f"{margin}- " + lines[debut][indent + 2 :]
    elif isinstance(element, list):
        raise ValueError("liste de listes : absente du format acvkit")
    else:
        lines.append(f"{margin}- {scalar(element)}")


def fiche_yaml(fiche: Mapping[str, Any], *, bare_dates: bool = False) -> str:
    """Le texte YAML d'une fiche, écrit comme dans data/ : se relit en la même fiche.

    `fiche` est un dictionnaire (celui de `build_fiche`, ou `Fiche.model_dump()`) ;
    avec `dates_nues`, les périodes `AAAA-MM-JJ` sont écrites sans guillemets.
    """
    keys = [k for k in FICHE_ORDER if k in fiche] + [k for k in fiche if k not in FICHE_ORDER]
    lines: list[str] = []
    for key in keys:
        _write(key, fiche[key], 0, lines, bare_dates)
    return "\n".join(lines) + "\n"


def slug(titre: str) -> str:
    """`Aménagement de la rue Hermant` → `amenagement-de-la-rue-hermant` (tronqué, jamais vide)."""
    ascii_ = unicodedata.normalize("NFKD", titre).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return words[:50].rstrip("-") or "fiche"


def fiche_path(fiche: Mapping[str, Any]) -> str:
    """Le chemin relatif au dossier de données : fiches/<collectivite>/fa-<numero>-<slug>.yaml."""
    return f"fiches/{fiche['collectivite']}/fa-{fiche['numero']}-{slug(str(fiche['titre']))}.yaml"


REFERENTIEL = ("programme.yaml", "partenaires.yaml", "axes", "indicateurs")


def write_fiches(folder: Path, fiches: Iterable[Mapping[str, Any]]) -> list[Path]:
    """Écrit chaque fiche dans `folder`/fiches/<collectivite>/fa-<numero>-<slug>.yaml.

    Rend les chemins écrits ; refuse deux fiches du même numéro.
    """
    written: list[Path] = []
    seen: set[int] = set()
    for fiche in fiches:
        if fiche["numero"] in seen:
            raise ValueError(f"numéro {fiche['numero']} en double")
        seen.add(fiche["numero"])
        path = folder / fiche_path(fiche)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fiche_yaml(fiche), encoding="utf-8")
        written.append(path)
    return written


def write_dataset(
    folder: Path, fiches: Iterable[Mapping[str, Any]], data: Path = AVENANT
) -> list[Path]:
    """Un dossier de données complet : le référentiel de `data` (programme, partenaires, axes,
    indicateurs) puis les fiches données. Rend les chemins des fiches écrites."""
    folder.mkdir(parents=True, exist_ok=True)
    for nom in REFERENTIEL:
        source = data / nom
        if source.is_dir():
            shutil.copytree(source, folder / nom, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, folder / nom)
    return write_fiches(folder, fiches)


# --------------------------------------------------------------------------------------------
# Stratégies hypothesis


@functools.cache
def fiches(*, exotic: bool = False) -> SearchStrategy[dict[str, Any]]:
    """Une fiche valide ; avec `exotique`, des textes unicode quelconques se mêlent au vocabulaire."""
    from hypothesis import strategies as st

    @st.composite
    def _fiche(draw: DrawFn) -> dict[str, Any]:
        numero = draw(st.integers(1, 9999))
        size_bytes = draw(st.binary(min_size=400, max_size=400))
        return build_fiche(ByteDrawer(size_bytes, draw, exotic), numero)

    return _fiche()


def fiche_lists(
    min_size: int = 1, max_size: int = 3, *, exotic: bool = False
) -> SearchStrategy[list[dict[str, Any]]]:
    """Plusieurs fiches valides aux numéros distincts."""
    from hypothesis import strategies as st

    return st.lists(
        fiches(exotic=exotic),
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda f: int(f["numero"]),
    )


# Des morceaux de YAML qui cassent : indicateurs, étiquettes, ancres, alias, directives, nombres.
TOKENS = (
    "-",
    "- ",
    "? ",
    ": ",
    ":",
    "#",
    " #",
    "{",
    "}",
    "[",
    "]",
    ",",
    "'",
    '"',
    "|",
    ">",
    "|-",
    ">+",
    "&a ",
    "*a",
    "&a",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!!timestamp ",
    "!!python/object/apply:os.system ",
    "!local ",
    "<<: ",
    "<<: {a: 1}",
    "---",
    "...",
    "%YAML 1.1",
    "%TAG ! tag:x,2024:",
    "\t",
    "\r",
    "\r\n",
    "\x00",
    "\ufeff",
    "\u2028",
    "\x85",
    "\x1b[31m",
    "null",
    "~",
    "true",
    "yes",
    ".nan",
    ".inf",
    "-.inf",
    "1e400",
    "1_000",
    "0x1F",
    "0o17",
    "-5",
    "100000.123",
    "2024-05-01",
    "2024-05-01T10:00:00",
    "2024-13-45",
    "[]",
    "{}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "1 712 934 €",
    "A déterminer",
    "é",
    "œ",
    "\U0001f600",
    "# acv: ignore[CON001] raison",
    "# acv: ignore[ZZZ999]",
)
RAW_BYTES = (
    b"\xff",
    b"\xfe",
    b"\xe9",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x80",
    b"\xed\xa0\x80",
)


def _lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True) or [b""]


@functools.cache
def mutations() -> SearchStrategy[Callable[[bytes], bytes]]:
    """Une mutation du texte d'un fichier : ligne supprimée, dupliquée, texte inséré, troncature…"""
    from hypothesis import strategies as st

    position = st.floats(0, 1, allow_nan=False)
    noise = st.one_of(
        st.sampled_from(TOKENS),
        st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
        st.text(st.characters(codec="ascii"), min_size=1, max_size=12),
    )

    def line(raw: bytes, p: float) -> int:
        return min(int(p * len(_lines(raw))), len(_lines(raw)) - 1)

    def on_lines(f: Callable[[list[bytes], int], list[bytes]], p: float) -> Callable[..., bytes]:
        return lambda raw: b"".join(f(_lines(raw), line(raw, p)))

    def delete(p: float) -> Callable[[bytes], bytes]:
        return on_lines(lambda ls, i: ls[:i] + ls[i + 1 :], p)

    def duplicate(p: float) -> Callable[[bytes], bytes]:
        return on_lines(lambda ls, i: [*ls[: i + 1], ls[i], *ls[i + 1 :]], p)

    def swap(p: float, q: float) -> Callable[[bytes], bytes]:
        def f(raw: bytes) -> bytes:
            ls = _lines(raw)
            i, j = line(raw, p), line(raw, q)
            ls[i], ls[j] = ls[j], ls[i]
            return b"".join(ls)

        return f

    def insert(p: float, s: str | bytes) -> Callable[[bytes], bytes]:
        datum = s.encode("utf-8") if isinstance(s, str) else s
        return lambda raw: raw[: int(p * len(raw))] + datum + raw[int(p * len(raw)) :]

    def insert_line(p: float, s: str) -> Callable[[bytes], bytes]:
        return on_lines(lambda ls, i: [*ls[:i], s.encode("utf-8") + b"\n", *ls[i:]], p)

    def truncate(p: float) -> Callable[[bytes], bytes]:
        return lambda raw: raw[: int(p * len(raw))]

    def reindent(p: float, n: int) -> Callable[[bytes], bytes]:
        return on_lines(lambda ls, i: [*ls[:i], b" " * n + ls[i].lstrip(b" "), *ls[i + 1 :]], p)

    def replace_value(p: float, s: str) -> Callable[[bytes], bytes]:
        def f(ls: list[bytes], i: int) -> list[bytes]:
            before, colon, _ = ls[i].partition(b": ")
            if colon:
                ls[i] = before + b": " + s.encode("utf-8") + b"\n"
            return ls

        return on_lines(f, p)

    def line_endings(fin: bytes) -> Callable[[bytes], bytes]:
        return lambda raw: raw.replace(b"\n", fin)

    return st.one_of(
        st.builds(delete, position),
        st.builds(duplicate, position),
        st.builds(swap, position, position),
        st.builds(insert, position, noise),
        st.builds(insert, position, st.sampled_from(RAW_BYTES)),
        st.builds(insert_line, position, noise),
        st.builds(truncate, position),
        st.builds(reindent, position, st.integers(0, 9)),
        st.builds(replace_value, position, noise),
        st.builds(insert, position, st.just("\t")),
        st.builds(line_endings, st.sampled_from([b"\r\n", b"\r"])),
    )


def mutants(max_mutations: int = 3) -> SearchStrategy[tuple[dict[str, Any], bytes]]:
    """Une fiche valide et son texte YAML abîmé par 1 à `max_mutations` mutations."""
    from hypothesis import strategies as st

    fiche_strategy = fiches()
    mutation_lists = st.lists(mutations(), min_size=1, max_size=max_mutations)

    @st.composite
    def _mutant(draw: DrawFn) -> tuple[dict[str, Any], bytes]:
        fiche = draw(fiche_strategy)
        raw = fiche_yaml(fiche).encode("utf-8")
        for mutation in draw(mutation_lists):
            raw = mutation(raw)
        return fiche, raw

    return _mutant()
