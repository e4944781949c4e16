"""Apparier les fiches des deux côtés : par numéro, puis les renumérotées par ressemblance.

Une fiche dont le numéro disparaît et une fiche dont le numéro apparaît sont la même fiche
renumérotée quand leur titre et leur contenu se ressemblent assez (SEUIL) ; la ressemblance est
donnée en pour cent, pour dire à quel point l'appariement est sûr.
"""

from __future__ import annotations

from dataclasses import dataclass

from acvkit.diff.words import similarite
from acvkit.models import Fiche
from acvkit.models.fiche import texte_item

SEUIL = 70  # ressemblance minimale (en %) pour dire « renumérotée »
MAX_CANDIDATS = 200  # au-delà, pas de recherche de renumérotation (trop de paires à comparer)


@dataclass(frozen=True)
class Appariement:
    paires: list[tuple[Fiche, Fiche]]  # (avant, après) de même numéro
    renumerotees: list[tuple[Fiche, Fiche, int]]  # (avant, après, ressemblance en %)
    ajoutees: list[Fiche]
    supprimees: list[Fiche]


def _mots(fiche: Fiche) -> list[str]:
    """Le contenu d'une fiche en mots : titre, description, objectifs, indicateurs (sans numéro)."""
    textes = [fiche.titre, fiche.collectivite, fiche.sous_axe, fiche.description or ""]
    for liste in (fiche.objectifs, fiche.indicateurs_avancement, fiche.indicateurs_resultat):
        textes += [texte_item(x) for x in liste or []]
    return " ".join(textes).split()


def ressemblance(avant: Fiche, apres: Fiche) -> int:
    """La ressemblance de deux fiches en % : la moyenne de celle des titres et de celle des contenus."""
    titre = similarite(avant.titre.split(), apres.titre.split())
    contenu = similarite(_mots(avant), _mots(apres))
    return round((titre + contenu) * 50)


def apparier(avant: list[Fiche], apres: list[Fiche]) -> Appariement:
    par_numero_a = {f.numero: f for f in avant}
    par_numero_b = {f.numero: f for f in apres}
    paires = [(f, par_numero_b[n]) for n, f in sorted(par_numero_a.items()) if n in par_numero_b]
    seules_a = [f for n, f in sorted(par_numero_a.items()) if n not in par_numero_b]
    seules_b = [f for n, f in sorted(par_numero_b.items()) if n not in par_numero_a]
    renum: list[tuple[Fiche, Fiche, int]] = []
    if seules_a and seules_b and len(seules_a) * len(seules_b) <= MAX_CANDIDATS**2:
        scores = sorted(
            (
                (-ressemblance(a, b), a.numero, b.numero)
                for a in seules_a
                for b in seules_b
                if a.collectivite == b.collectivite or a.titre == b.titre
            ),
        )
        pris_a: set[int] = set()
        pris_b: set[int] = set()
        for moins, na, nb in scores:
            if -moins < SEUIL:
                break
            if na in pris_a or nb in pris_b:
                continue
            pris_a.add(na)
            pris_b.add(nb)
            renum.append((par_numero_a[na], par_numero_b[nb], -moins))
        renum.sort(key=lambda r: r[0].numero)
        seules_a = [f for f in seules_a if f.numero not in pris_a]
        seules_b = [f for f in seules_b if f.numero not in pris_b]
    return Appariement(paires, renum, seules_b, seules_a)
