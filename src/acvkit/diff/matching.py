"""Apparier les fiches des deux côtés : par numéro, puis les renumérotées par ressemblance.

Une fiche dont le numéro disparaît et une fiche dont le numéro apparaît sont la même fiche
renumérotée quand leur titre et leur contenu se ressemblent assez (SEUIL) ; la ressemblance est
donnée en pour cent, pour dire à quel point l'appariement est sûr.
"""

from __future__ import annotations

from dataclasses import dataclass

from acvkit.diff.words import similarity
from acvkit.models import Fiche
from acvkit.models.fiche import item_text

THRESHOLD = 70  # ressemblance minimale (en %) pour dire « renumérotée »
MAX_CANDIDATES = 200  # au-delà, pas de recherche de renumérotation (trop de paires à comparer)


@dataclass(frozen=True)
class Matching:
    pairs: list[tuple[Fiche, Fiche]]  # (avant, après) de même numéro
    renumerotees: list[tuple[Fiche, Fiche, int]]  # (avant, après, ressemblance en %)
    ajoutees: list[Fiche]
    supprimees: list[Fiche]


def _words(fiche: Fiche) -> list[str]:
    """Le contenu d'une fiche en mots : titre, description, objectifs, indicateurs (sans numéro)."""
    textes = [fiche.titre, fiche.collectivite, fiche.sous_axe, fiche.description or ""]
    for liste in (fiche.objectifs, fiche.indicateurs_avancement, fiche.indicateurs_resultat):
        textes += [item_text(x) for x in liste or []]
    return " ".join(textes).split()


def resemblance(avant: Fiche, apres: Fiche) -> int:
    """La ressemblance de deux fiches en % : la moyenne de celle des titres et de celle des contenus."""
    titre = similarity(avant.titre.split(), apres.titre.split())
    contenu = similarity(_words(avant), _words(apres))
    return round((titre + contenu) * 50)


def match_fiches(avant: list[Fiche], apres: list[Fiche]) -> Matching:
    by_numero_a = {f.numero: f for f in avant}
    by_numero_b = {f.numero: f for f in apres}
    pairs = [(f, by_numero_b[n]) for n, f in sorted(by_numero_a.items()) if n in by_numero_b]
    only_a = [f for n, f in sorted(by_numero_a.items()) if n not in by_numero_b]
    only_b = [f for n, f in sorted(by_numero_b.items()) if n not in by_numero_a]
    renum: list[tuple[Fiche, Fiche, int]] = []
    if only_a and only_b and len(only_a) * len(only_b) <= MAX_CANDIDATES**2:
        scores = sorted(
            (
                (-resemblance(a, b), a.numero, b.numero)
                for a in only_a
                for b in only_b
                if a.collectivite == b.collectivite or a.titre == b.titre
            ),
        )
        taken_a: set[int] = set()
        taken_b: set[int] = set()
        for negated_score, na, nb in scores:
            if -negated_score < THRESHOLD:
                break
            if na in taken_a or nb in taken_b:
                continue
            taken_a.add(na)
            taken_b.add(nb)
            renum.append((by_numero_a[na], by_numero_b[nb], -negated_score))
        renum.sort(key=lambda r: r[0].numero)
        only_a = [f for f in only_a if f.numero not in taken_a]
        only_b = [f for f in only_b if f.numero not in taken_b]
    return Matching(pairs, renum, only_b, only_a)
