"""Entrées hostiles : chaque fichier piégé donne un diagnostic situé, vite, sans trace d'erreur.

Le fichier piégé remplace fiches/bethune/fa-1-places.yaml du jeu `positive` (ou s'ajoute à côté).
L'autre fiche (fa-2-velo.yaml) reçoit un « XXX » dans son titre : son avertissement CON003 prouve
qu'elle est toujours lue et vérifiée quand sa voisine est cassée. Le corpus est dans
tests/fixtures/hostile/ ; les fichiers énormes sont fabriqués à la volée.

Les cas déjà couverts par test_loader.py (alias simple, BOM, clé en double, clé numérique, liste,
scalaire, tabulation, UTF-16 LE avec BOM, latin-1, CRLF valide, `.nan`, `1e400`, « 1 712 934 € »,
date `2025-01-15`) ne sont pas repris. Les tests marqués xfail(strict=True) décrivent des bogues
de src/ : ils passeront (et échoueront en XPASS) quand le bogue sera corrigé.
"""

from __future__ import annotations

import json
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

from tests.conftest import FIXTURES, POSITIVE, edit, run

HOSTILE = FIXTURES / "hostile"
FICHE = "fiches/bethune/fa-1-places.yaml"
BIKE_FICHE = "fiches/cabbalr/fa-2-velo.yaml"
CONTROL_WARNING = [BIKE_FICHE, 2, 8, "CON003"]  # l'avertissement posé dans l'autre fiche
BASE = (POSITIVE / FICHE).read_bytes()


@dataclass
class Verdict:
    exit_code: int
    output: str
    duration: float
    diagnostics: list[list[object]]  # [chemin, ligne, colonne, code], témoin retiré
    lines: list[dict[str, object]]  # la sortie JSON complète, témoin retiré

    @property
    def messages(self) -> list[str]:
        return [str(r["message"]) for r in self.lines]


def validate(
    positive: Path,
    content: bytes | str,
    nom: str = FICHE,
    mode: int | None = None,
    options: tuple[str, ...] = (),
) -> Verdict:
    """Écrit `contenu` (octets, ou nom d'un fichier du corpus) puis lance `acv validate`.

    Deux passages (texte puis JSON) : le second relit le cache .acv-cache/ du premier.
    """
    data = (HOSTILE / content).read_bytes() if isinstance(content, str) else content
    cible = positive / nom
    cible.parent.mkdir(parents=True, exist_ok=True)
    cible.write_bytes(data)
    if mode is not None:
        cible.chmod(mode)
    if b"XXX" not in (positive / BIKE_FICHE).read_bytes():
        edit(positive / BIKE_FICHE, "titre: Schéma cyclable", "titre: Schéma cyclable XXX")
    debut = time.perf_counter()
    texte = run("validate", "--data", str(positive), *options)
    duration = time.perf_counter() - debut
    assert "Traceback" not in texte.stdout + texte.stderr
    resultat = run("validate", "--data", str(positive), "--format", "json", *options)
    assert resultat.exit_code == texte.exit_code
    lines = json.loads(resultat.stdout)
    for line in lines:
        line["path"] = Path(str(line["path"])).relative_to(positive).as_posix()
    flattened = [[r["path"], r["line"], r["column"], r["code"]] for r in lines]
    assert CONTROL_WARNING in flattened, "l'autre fiche n'a pas été vérifiée"
    kept = [i for i, a in enumerate(flattened) if a != CONTROL_WARNING]
    return Verdict(
        texte.exit_code,
        texte.stdout + texte.stderr,
        duration,
        [flattened[i] for i in kept],
        [lines[i] for i in kept],
    )


def replaced(old: bytes, new: bytes) -> bytes:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


# ---------------------------------------------------------------------------------------------
# Bombes et fichiers démesurés : rejetés vite


def test_bombe_d_alias(positive: Path) -> None:
    # « Billion laughs » : 9 niveaux de 9 alias. Le premier alias est refusé, rien n'est développé.
    verdict = validate(positive, "bombe-alias.yaml")
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 3, 8, "YML009"]]
    # Garde-fou contre une explosion (exponentielle), pas une mesure : la vitesse se mesure par
    # make bench ; une machine chargée ne doit pas faire échouer ce test.
    assert verdict.duration < 30


@pytest.mark.parametrize(
    ("fixture", "line"),
    [("imbrication-1000-crochets.yaml", 1), ("imbrication-1000-tirets.yaml", 2)],
)
def test_imbrication_de_1000_listes(positive: Path, fixture: str, line: int) -> None:
    verdict = validate(positive, fixture)
    assert verdict.exit_code == 1
    [[path, found_line, _, code]] = verdict.diagnostics
    assert (path, found_line) == (FICHE, line)
    assert code in {"YML001", "YML012"}
    assert "imbrication trop profonde" in verdict.messages[0]
    # Garde-fou contre une explosion (le scanner de ruamel est quadratique), pas une mesure.
    assert verdict.duration < 30


def test_imbrication_signalee_par_yml012(positive: Path) -> None:
    verdict = validate(positive, "imbrication-exemple-yml012.yaml")
    assert [d[3] for d in verdict.diagnostics] == ["YML012"]


def _big_file(size: int) -> bytes:
    # Une ligne indentée par tabulation : si le fichier était analysé, elle donnerait YML005.
    debut = BASE + b"objectifs_note: x\n\t- piege\n"
    return debut + b"# " + b"x" * (size - len(debut) - 3) + b"\n"


@pytest.mark.parametrize("size", [1_100_000, 10_000_000], ids=["1-Mo", "10-Mo"])
def test_fichier_trop_gros_non_lu(positive: Path, size: int) -> None:
    verdict = validate(positive, _big_file(size))
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 1, 1, "YML011"]]
    assert f"({size} octets, limite 1000000)" in verdict.messages[0]
    assert verdict.duration < 2


def test_taille_limite_exacte_lue(positive: Path) -> None:
    # max-octets est une limite incluse : un fichier de exactement max-octets octets est lu.
    limit = 1000
    (positive / "acv.toml").write_text(f"max-octets = {limit}\n", encoding="utf-8")
    stack = BASE + b"#" * (limit - len(BASE) - 1) + b"\n"
    assert len(stack) == limit
    assert validate(positive, stack).diagnostics == []
    verdict = validate(positive, stack + b"\n")
    assert verdict.diagnostics == [[FICHE, 1, 1, "YML011"]]


@pytest.mark.parametrize("fin", ["", ": y"], ids=["valide", "erreur-en-fin-de-ligne"])
def test_ligne_de_100_000_caracteres(positive: Path, fin: str) -> None:
    valeur = "é" * 100_000
    long_line = "titre: " + valeur + fin
    verdict = validate(
        positive, replaced(b"titre: Am\xc3\xa9nagement des places", long_line.encode())
    )
    assert verdict.duration < 5
    if fin:
        assert verdict.exit_code == 1
        # le « : » fautif, compté en caractères (pas en octets)
        assert verdict.diagnostics == [[FICHE, 2, len("titre: " + valeur) + 1, "YML001"]]
    else:
        # Lu vite, mais plus long qu'une cellule de tableur : SCH006 à la ligne du titre.
        assert verdict.exit_code == 1
        assert verdict.diagnostics == [[FICHE, 2, 8, "SCH006"]]


# ---------------------------------------------------------------------------------------------
# Montants et dates


@pytest.mark.parametrize("fixture", ["montant-inf.yaml", "montant-moins-inf.yaml"])
def test_montant_infini(positive: Path, fixture: str) -> None:
    verdict = validate(positive, fixture)
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 20, 38, "SCH004"]]
    assert "montant non fini" in verdict.messages[0]


def test_montant_avec_soulignes(positive: Path) -> None:
    # `total: 550_000.50` : ruamel (comme YAML 1.1) lit les « _ » comme séparateurs de chiffres,
    # là où le schéma « core » de YAML 1.2 y verrait un texte. acvkit lit la valeur exacte : les
    # postes (250000 + 300000.50) font bien ce total, au centime, donc aucun MON001. C'est le
    # comportement raisonnable : la valeur écrite est sans ambiguïté et reste exacte.
    verdict = validate(positive, "montant-souligne.yaml")
    assert verdict.exit_code == 0
    assert verdict.diagnostics == []


def test_date_yaml_gardee_comme_periode(positive: Path) -> None:
    # `lancement: 2024-05-01` est un horodatage YAML : gardé en texte, compris comme ce jour-là.
    verdict = validate(positive, "date-yaml.yaml")
    assert verdict.exit_code == 0
    assert verdict.diagnostics == []


def test_horodatage_yaml_signale_non_compris(positive: Path) -> None:
    # `2024-05-01T10:00:00` n'est pas une forme de période : gardé tel quel, avertissement CAL005.
    verdict = validate(positive, "horodatage-yaml.yaml")
    assert verdict.exit_code == 0
    assert verdict.diagnostics == [[FICHE, 23, 12, "CAL005"]]
    assert "« 2024-05-01T10:00:00 »" in verdict.messages[0]


# ---------------------------------------------------------------------------------------------
# Clés


@pytest.mark.parametrize("fixture", ["cle-true.yaml", "cle-null.yaml", "cle-mapping.yaml"])
def test_cle_non_textuelle(positive: Path, fixture: str) -> None:
    verdict = validate(positive, fixture)
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 5, 1, "YML013"]]


@pytest.mark.parametrize(
    ("fixture", "written"),
    [("cle-true.yaml", "true"), ("cle-null.yaml", "null"), ("cle-mapping.yaml", "{a: 1}")],
)
def test_cle_non_textuelle_telle_qu_ecrite(positive: Path, fixture: str, written: str) -> None:
    verdict = validate(positive, fixture)
    assert f"clé non textuelle « {written} »" in verdict.messages[0]


@pytest.mark.parametrize(
    ("fixture", "line", "column", "suggestion"),
    [
        ("cle-majuscule.yaml", 22, 1, "« Lancement » : vouliez-vous dire « lancement » ?"),
        ("cle-majuscule-imbriquee.yaml", 14, 3, "« Base » : vouliez-vous dire « base » ?"),
    ],
)
def test_cle_inconnue_avec_majuscule(
    positive: Path, fixture: str, line: int, column: int, suggestion: str
) -> None:
    verdict = validate(positive, fixture)
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, line, column, "SCH001"]]
    assert suggestion in verdict.messages[0]


def test_cle_de_fusion_avec_alias(positive: Path) -> None:
    verdict = validate(positive, "fusion-alias.yaml")
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 15, 7, "YML009"]]


def test_cle_de_fusion_valeur_invalide(positive: Path) -> None:
    # `<<: {base: XX}` sous `cout` : la clé de fusion est refusée là où elle est écrite (locate()
    # levait KeyError sur la clé fusionnée).
    verdict = validate(positive, "fusion-valeur-invalide.yaml")
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 14, 3, "YML009"]]


def test_cle_de_fusion_masque_une_valeur(positive: Path) -> None:
    # `<<: {type: action}` à côté de `type: etude` : la « devinette » que YML002 refuse pour les
    # clés en double ; acceptée en silence auparavant.
    verdict = validate(positive, "fusion-conflit.yaml")
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 5, 1, "YML009"]]


# ---------------------------------------------------------------------------------------------
# Encodages, octets et fins de ligne


def test_windows_1252(positive: Path) -> None:
    # « Maitre d’œuvre – 250 000 € » en Windows-1252 : 0x92 pour « ’ », un octet invalide en UTF-8.
    verdict = validate(positive, "windows-1252.yaml")
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 2, 16, "YML003"]]
    assert "(octet 0x92)" in verdict.messages[0]


def test_utf8_et_windows_1252_melanges(positive: Path) -> None:
    verdict = validate(positive, "utf8-et-windows-1252.yaml")
    assert verdict.diagnostics == [[FICHE, 2, 33, "YML003"]]


def test_utf16_big_endian(positive: Path) -> None:
    verdict = validate(positive, "utf16-be.yaml")
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 1, 1, "YML003"]]
    assert "UTF-16" in verdict.messages[0]


def test_utf16_sans_bom(positive: Path) -> None:
    verdict = validate(positive, "utf16-sans-bom.yaml")
    assert verdict.exit_code == 1
    assert [[d[0], d[3]] for d in verdict.diagnostics] == [[FICHE, "YML003"]]


def test_utf16_sans_bom_reconnu(positive: Path) -> None:
    verdict = validate(positive, "utf16-sans-bom.yaml")
    assert verdict.diagnostics == [[FICHE, 1, 1, "YML003"]]
    assert "UTF-16" in verdict.messages[0]


def test_octet_nul(positive: Path) -> None:
    verdict = validate(positive, "octet-nul.yaml")
    assert verdict.exit_code == 1
    assert [[d[0], d[3]] for d in verdict.diagnostics] == [[FICHE, "YML003"]]
    assert "octet nul" in verdict.messages[0]


def test_octet_nul_situe(positive: Path) -> None:
    verdict = validate(positive, "octet-nul.yaml")
    assert verdict.diagnostics == [[FICHE, 2, 19, "YML003"]]


@pytest.mark.parametrize("fixture", ["crlf-erreur.yaml", "cr-erreur.yaml"])
def test_fins_de_ligne_windows_et_mac_bien_comptees(positive: Path, fixture: str) -> None:
    verdict = validate(positive, fixture)
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 5, 11, "INT003"]]


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1b", "\x7f"])
def test_caractere_de_controle(positive: Path, char: str) -> None:
    content = (HOSTILE / "caractere-de-controle.yaml").read_bytes()
    verdict = validate(positive, content.replace(b"\x0b", char.encode()))
    assert verdict.exit_code == 1
    [[path, line, column, code]] = verdict.diagnostics
    assert (path, line, column) == (FICHE, 7, 23)
    assert code in {"YML001", "YML003"}


@pytest.mark.skipif(
    getattr(os, "geteuid", lambda: -1)() == 0,
    reason="les tests tournent en root : root lit un fichier en mode 000, le cas est irreproductible",
)
def test_fichier_illisible(positive: Path) -> None:
    nom = "fiches/bethune/fa-9-illisible.yaml"
    try:
        verdict = validate(positive, replaced(b"numero: 1\n", b"numero: 9\n"), nom=nom, mode=0)
    finally:
        (positive / nom).chmod(0o644)
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[nom, 1, 1, "YML010"]]
    assert "permission refusée" in verdict.messages[0]


@pytest.mark.parametrize("shape", ["NFC", "NFD"])
def test_nom_de_fichier_avec_espaces_et_accents(
    positive: Path, shape: Literal["NFC", "NFD"]
) -> None:
    nom = unicodedata.normalize(shape, "fiches/bethune/fa-3-été ancienne.yaml")
    # Une autre fiche (numéro, description, objectifs propres), avec un « XXX » dans son titre.
    content = (
        replaced(b"numero: 1\n", b"numero: 3\n")
        .replace(b"des places\n", b"des places XXX\n", 1)
        .replace(b"places a \xc3\xa9t\xc3\xa9 men\xc3\xa9e", b"anciennes halles")
        .replace(b"Requalifier", b"Valoriser")
    )
    verdict = validate(positive, content, nom=nom)
    assert verdict.exit_code == 0
    assert verdict.diagnostics == [[nom, 2, 8, "CON003"]]  # lu et vérifié comme les autres
    assert f"{positive.as_posix()}/{nom}:2:8: CON003" in verdict.output


# ---------------------------------------------------------------------------------------------
# Lecture rapide (libyaml) et lecture lente (ruamel.yaml) : « les diagnostics et leurs positions
# sont les mêmes » (docstring de linter.lint). ACV_LECTURE_LENTE=1 force la lecture lente.


def test_tabulation_en_fin_de_valeur(positive: Path) -> None:
    # Une tabulation après une valeur (copiée d'un tableur) : ruamel.yaml la refuse, et la lecture
    # rapide aussi (même verdict sur les deux chemins) ; le message dit de la remplacer.
    verdict = validate(positive, "tabulation-en-fin-de-valeur.yaml")
    assert verdict.exit_code == 1
    assert [d[1:] for d in verdict.diagnostics] == [[2, 30, "YML001"]]
    assert "tabulation" in verdict.messages[0]


def test_valeur_vide_situee(positive: Path) -> None:
    # `titre:` sans valeur : le diagnostic est sur la ligne de `titre`, juste après les deux-points.
    verdict = validate(positive, "valeur-vide.yaml")
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 2, 7, "SCH003"]]


def test_separateur_de_ligne_unicode(positive: Path) -> None:
    verdict = validate(positive, "separateur-de-ligne.yaml")
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, 5, 11, "INT003"]]


@pytest.mark.parametrize(
    "fixture",
    [
        "tabulation-en-fin-de-valeur.yaml",
        "valeur-vide.yaml",
        "separateur-de-ligne.yaml",
        "bom-au-milieu.yaml",
        "valeur-vide-en-fin-de-fichier.yaml",
    ],
)
def test_meme_verdict_en_lecture_lente(
    positive: Path, monkeypatch: pytest.MonkeyPatch, fixture: str
) -> None:
    fast_result = validate(positive, fixture, options=("--no-cache",))
    monkeypatch.setenv("ACV_LECTURE_LENTE", "1")
    slow_result = validate(positive, fixture, options=("--no-cache",))
    assert (slow_result.exit_code, slow_result.diagnostics) == (
        fast_result.exit_code,
        fast_result.diagnostics,
    )


# ---------------------------------------------------------------------------------------------
# Structure YAML


@pytest.mark.parametrize(
    ("fixture", "line", "column"),
    [
        ("deux-documents.yaml", 27, 1),
        ("syntaxe-arobase.yaml", 2, 8),
        ("syntaxe-pourcent.yaml", 5, 12),
        ("syntaxe-asterisque.yaml", 22, 21),
        ("syntaxe-premiere-ligne-indentee.yaml", 2, 1),
    ],
)
def test_syntaxe_situee(positive: Path, fixture: str, line: int, column: int) -> None:
    verdict = validate(positive, fixture)
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, line, column, "YML001"]]


def test_cle_de_fusion_refusee(positive: Path) -> None:
    # « <<: » cache des valeurs (comme un alias) : refusé, à la ligne de la clé de fusion.
    verdict = validate(positive, "fusion-scalaire.yaml")
    assert verdict.diagnostics == [[FICHE, 5, 1, "YML009"]]


_ENGLISH_WORDS = re.compile(r"\b(expected|found|but|allowed|cannot|token)\b")


@pytest.mark.parametrize(
    "fixture",
    [
        "deux-documents.yaml",
        "fusion-scalaire.yaml",
        "syntaxe-arobase.yaml",
        "syntaxe-pourcent.yaml",
        "syntaxe-asterisque.yaml",
        "syntaxe-premiere-ligne-indentee.yaml",
    ],
)
def test_message_de_syntaxe_en_francais(positive: Path, fixture: str) -> None:
    verdict = validate(positive, fixture)
    assert not _ENGLISH_WORDS.search(verdict.messages[0]), verdict.messages[0]


@pytest.mark.parametrize(
    ("fixture", "line"), [("etiquette-int.yaml", 1), ("etiquette-bool.yaml", 5)]
)
def test_etiquette_standard_invalide(positive: Path, fixture: str, line: int) -> None:
    verdict = validate(positive, fixture)
    assert verdict.exit_code == 1
    assert [d[1] for d in verdict.diagnostics] == [line]


@pytest.mark.parametrize(
    ("fixture", "line", "column"),
    [("etiquette-int-vide.yaml", 1, 9), ("etiquette-float-mapping.yaml", 18, 10)],
)
def test_etiquette_standard_sans_valeur_lisible(
    positive: Path, fixture: str, line: int, column: int
) -> None:
    # `numero: !!int` (vide) et `total: !!float {a: 1}` : ruamel.yaml levait IndexError et
    # AttributeError ; c'est une valeur qui ne correspond pas à son étiquette.
    verdict = validate(positive, fixture)
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, line, column, "YML008"]]


def test_ancre_en_double(positive: Path) -> None:
    # Deux ancres `&x` sans alias : ruamel.yaml émettait un ReusedAnchorWarning Python (en anglais,
    # sur stderr, une exception sous -W error). Une ancre seule ne sert à rien mais ne nuit pas.
    verdict = validate(positive, "ancre-en-double.yaml")
    assert "Warning" not in verdict.output
    assert verdict.exit_code == 0
    assert verdict.diagnostics == []


def test_etiquette_str_est_un_texte(positive: Path) -> None:
    verdict = validate(positive, "etiquette-str.yaml")
    assert verdict.diagnostics == []


def test_suppression_dans_un_texte_ignoree(positive: Path) -> None:
    verdict = validate(positive, "suppression-dans-un-texte.yaml")
    assert verdict.exit_code == 0
    assert verdict.diagnostics == []


@pytest.mark.parametrize(
    ("fixture", "line"), [("etiquette-float-mapping.yaml", 18), ("etiquette-int-vide.yaml", 1)]
)
def test_etiquette_sur_valeur_composee_ou_vide(positive: Path, fixture: str, line: int) -> None:
    # Trouvés par le fuzz : « !!float {a: 1} » et « !!int » sans valeur faisaient planter ruamel.
    verdict = validate(positive, fixture)
    assert verdict.exit_code == 1
    assert [[d[1], d[3]] for d in verdict.diagnostics] == [[line, "YML008"]]


def test_ancre_en_double_sans_alias_acceptee(positive: Path) -> None:
    # Deux ancres de même nom, sans alias : sans effet, aucun avertissement de ruamel à l'écran.
    verdict = validate(positive, "ancre-en-double.yaml")
    assert (verdict.exit_code, verdict.diagnostics) == (0, [])
    assert "Warning" not in verdict.output


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("echappement-ansi.yaml", [2, 8, "YML014"]),
        ("echappement-fausse-ligne.yaml", [2, 8, "YML014"]),
        ("echappement-demi-code.yaml", [2, 8, "YML014"]),
        ("echappement-hors-unicode.yaml", [2, 12, "YML014"]),
        ("echeancier-annee-1800.yaml", [23, 13, "SCH003"]),
        ("numero-booleen.yaml", [1, 9, "SCH003"]),
        ("suppression-mal-ecrite.yaml", [22, 21, "SUP004"]),
    ],
)
@pytest.mark.parametrize("slow", ["", "1"])
def test_echappements_et_bornes_du_corpus(
    positive: Path, monkeypatch: pytest.MonkeyPatch, fixture: str, expected: list[object], slow: str
) -> None:
    # Issue #13 : par libyaml puis par ruamel.yaml (ACV_LECTURE_LENTE=1), même diagnostic.
    monkeypatch.setenv("ACV_LECTURE_LENTE", slow)
    verdict = validate(positive, fixture, options=("--no-cache",))
    assert verdict.exit_code == 1
    assert verdict.diagnostics == [[FICHE, *expected]]
    assert "\x1b" not in verdict.output and "\r" not in verdict.output
    assert "Erreur interne" not in verdict.output


def test_corpus_entierement_utilise() -> None:
    """Chaque fichier du corpus sert à un test de ce module."""
    source = Path(__file__).read_text(encoding="utf-8")
    unused = [f.name for f in HOSTILE.iterdir() if f'"{f.name}"' not in source]
    assert unused == []


def test_corpus_sans_copie_du_jeu_positive() -> None:
    """Aucun fichier du corpus n'est identique à la fiche valide : chacun porte son piège."""
    assert all(f.read_bytes() != BASE for f in HOSTILE.iterdir())
