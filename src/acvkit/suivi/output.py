"""Les sorties d'`acv suivi` : texte pour le terminal, JSON stable, Markdown et CSV d'un même état.

Contrat JSON (version 1, stable) : `version`, `date`, `suivi_enregistre`, `par_statut` (liste de
`{statut, nombre_fiches, fiches, cout}`), `financements` (liste de `{financeur, nom, categorie,
prevu, demande, attribue, verse}`, une par financeur et par catégorie du glossaire), `realise`
(liste de `{annee, prevu, realise}`), `en_retard` et `sans_suivi_recent` (numéros de fiches),
celles-ci partagées en `jamais_suivies` (aucune entrée) et `suivi_ancien` (une dernière entrée
trop ancienne) ; montants comme `acv couts` : `{"HT": "…", "TTC": "…", "non_precise": "…"}`,
textes à deux décimales ; `null` pour une étape (demandé, attribué, versé…) que les données ne
renseignent pas (jamais « 0.00 » pour l'inconnu). S'y ajoutent `par_collectivite`, `par_axe` et
`fiches` (le détail de chaque fiche).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import Any

from acvkit.costs.aggregate import Montants
from acvkit.costs.fiche import BaseMontant
from acvkit.costs.glossary import NO_BASE_TEXT, UNKNOWN_TEXT
from acvkit.money import format_euros, format_plain
from acvkit.safe_text import json_dumps
from acvkit.suivi.etat import STAGES, EtatSuivi, GroupeStatut

VERSION = 1
STAGE_LABELS = {"prevu": "Prévu", "demande": "Demandé", "attribue": "Attribué", "verse": "Versé"}


def montants_json(m: Montants) -> dict[str, str]:
    return {b.value: format_plain(v) for b, v in m.by_base().items()}


def recorded_json(m: Montants) -> dict[str, str] | None:
    """Un montant de la vie d'un financement : null quand les données n'en disent rien (jamais
    « 0.00 » pour un versement non renseigné)."""
    return montants_json(m) if m.seen else None


def montants_text(m: Montants) -> str:
    """« 120 500 € HT + 22 000 € TTC » : jamais une somme de bases différentes ; « 0 € HT » quand
    les données écrivent 0 ; « non renseigné » quand elles ne disent rien."""
    pieces = []
    for base, libelle in (
        (BaseMontant.HT, "HT"),
        (BaseMontant.TTC, "TTC"),
        (BaseMontant.UNSPECIFIED, f"({NO_BASE_TEXT})"),
    ):
        if m.get(base) or base in m.seen:
            pieces.append(f"{format_euros(m.get(base))} {libelle}")
    return " + ".join(pieces) or UNKNOWN_TEXT


def _groupe_json(g: GroupeStatut) -> dict[str, Any]:
    return {
        "statut": g.statut,
        "libelle": g.libelle,
        "nombre_fiches": len(g.fiches),
        "fiches": list(g.fiches),
        "cout": montants_json(g.cout),
    }


def to_dict(etat: EtatSuivi) -> dict[str, Any]:
    return {
        "version": VERSION,
        "date": etat.date.isoformat(),
        "suivi_enregistre": etat.a_suivi,
        "delai_mois": etat.delai_mois,
        "par_statut": [_groupe_json(g) for g in etat.by_statut],
        "par_collectivite": [
            {"collectivite": c, "nom": nom, "par_statut": [_groupe_json(g) for g in groupes]}
            for c, nom, groupes in etat.par_collectivite
        ],
        "par_axe": [
            {"axe": axe, "par_statut": [_groupe_json(g) for g in groupes]}
            for axe, groupes in etat.par_axe
        ],
        "financements": [
            {
                "financeur": c.financeur,
                "nom": c.nom,
                "categorie": c.categorie.value,
                **{step: recorded_json(c.montants[step]) for step in STAGES},
                "fiches_refusees": list(c.refuses),
            }
            for c in etat.financements
        ],
        "realise": [
            {"annee": a.annee, "prevu": recorded_json(a.prevu), "realise": recorded_json(a.realise)}
            for a in etat.realise
        ],
        "en_retard": etat.en_retard,
        "sans_suivi_recent": etat.needs_update,
        "jamais_suivies": etat.never_followed,
        "suivi_ancien": [f.numero for f in etat.stale],
        "fiches": [
            {
                "numero": f.numero,
                "titre": f.titre,
                "collectivite": f.collectivite,
                "axe": f.axe,
                "statut": f.statut,
                "date": f.date.isoformat() if f.date else None,
                "note": f.note,
                "vigilance": f.vigilance,
                "en_retard": f.en_retard,
                "sans_suivi_recent": f.needs_update,
            }
            for f in etat.fiches
        ],
    }


def to_json(etat: EtatSuivi) -> str:
    return json_dumps(to_dict(etat)) + "\n"


def _safe(texte: str) -> str:
    """Un texte de données pour le terminal : caractères de contrôle écrits en clair (\\u001b)."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in {"Cc", "Cf"} else c for c in texte
    )


def _numeros(numeros: list[int]) -> str:
    return ", ".join(f"FA {n}" for n in numeros) or "aucune"


def intro(etat: EtatSuivi) -> list[str]:
    """Les phrases qui ouvrent chaque sortie : date, suivi enregistré ou non."""
    lignes = [f"État du plan au {etat.date:%d/%m/%Y}"]
    if not etat.a_suivi:
        lignes.append(
            "Aucun suivi enregistré : aucune fiche n'a de journal « suivi ». Les fiches sont "
            "classées selon leur statut écrit, « non renseigné » sans statut ; aucune n'est dite "
            "en retard ou non mise à jour."
        )
    return lignes


def _stale(etat: EtatSuivi) -> str:
    return ", ".join(f"FA {f.numero} ({f.date:%d/%m/%Y})" for f in etat.stale if f.date) or "aucune"


def follow_up_points(etat: EtatSuivi) -> list[tuple[str, list[str]]]:
    """Ce qui demande l'attention du comité : (titre, lignes), dans le texte comme en Markdown."""
    out: list[tuple[str, list[str]]] = [("En retard", [_numeros(etat.en_retard)])]
    if etat.a_suivi:
        out.append(("Aucune entrée de suivi", [_numeros(etat.never_followed)]))
        out.append(
            (f"Dernière entrée de suivi il y a plus de {etat.delai_mois} mois", [_stale(etat)])
        )
    if etat.vigilances:
        out.append(
            (
                "Points de vigilance",
                [
                    f"FA {f.numero} ({f.date:%d/%m/%Y}) : {' ; '.join(f.vigilance)}"
                    if f.date
                    else f"FA {f.numero} : {' ; '.join(f.vigilance)}"
                    for f in etat.vigilances
                ],
            )
        )
    if etat.refusals:
        out.append(
            ("Demandes refusées", [f"{c.nom} : {_numeros(c.refuses)}" for c in etat.refusals])
        )
    return out


def to_text(etat: EtatSuivi) -> str:
    titres = {f.numero: f.titre for f in etat.fiches}
    out = intro(etat)
    for titre, lignes in follow_up_points(etat):
        if len(lignes) == 1 and titre not in {"Points de vigilance", "Demandes refusées"}:
            out += ["", f"{titre} : {_safe(lignes[0])}"]
        else:
            out += ["", titre, *(f"  {_safe(x)}" for x in lignes)]
    out += ["", "Fiches par statut"]
    for g in etat.by_statut:
        out.append(f"  {g.libelle} : {len(g.fiches)} fiche(s), {montants_text(g.cout)}")
        out += [f"    FA {n} – {_safe(titres[n])}" for n in g.fiches]
    if etat.financements:
        out += ["", "Financements (prévu / demandé / attribué / versé)"]
        for c in etat.financements:
            etapes = " / ".join(montants_text(c.montants[e]) for e in STAGES)
            out.append(f"  {_safe(c.nom)} : {etapes}")
    if etat.realise:
        out += ["", "Réalisé et prévu par année"]
        for a in etat.realise:
            out.append(
                f"  {a.annee} : réalisé {montants_text(a.realise)} ; prévu {montants_text(a.prevu)}"
            )
    return "\n".join(out) + "\n"


def _md(texte: str) -> str:
    from acvkit.views.markdown import cellule

    return cellule(texte)


def to_markdown(etat: EtatSuivi) -> str:
    titres = {f.numero: f.titre for f in etat.fiches}
    entete = intro(etat)
    out = [f"# {entete[0]}", ""]
    out += [*(entete[1:]), ""] if len(entete) > 1 else []
    for titre, lignes in follow_up_points(etat):
        if len(lignes) == 1 and titre not in {"Points de vigilance", "Demandes refusées"}:
            out += [f"{_md(titre)} : {_md(lignes[0])}", ""]
        else:
            out += [f"## {_md(titre)}", "", *(f"- {_md(x)}" for x in lignes), ""]
    out += ["## Fiches par statut", "", "| Statut | Fiches | Coût |", "|---|---:|---:|"]
    out += [f"| {g.libelle} | {len(g.fiches)} | {montants_text(g.cout)} |" for g in etat.by_statut]
    out += ["", "| Fiche | Titre | Statut | Dernière note |", "|---|---|---|---|"]
    for f in etat.fiches:
        out.append(
            f"| FA {f.numero} | {_md(titres[f.numero])} | {_md(_libelle(f.statut))} | "
            f"{_md(f.note or '')} |"
        )
    if etat.financements:
        out += [
            "",
            "## Financements",
            "",
            "| Financeur | " + " | ".join(STAGE_LABELS.values()) + " |",
            "|---|---:|---:|---:|---:|",
        ]
        for c in etat.financements:
            cellules = " | ".join(montants_text(c.montants[e]) for e in STAGES)
            out.append(f"| {_md(c.nom)} | {cellules} |")
    if etat.realise:
        out += [
            "",
            "## Réalisé et prévu par année",
            "",
            "| Année | Prévu | Réalisé |",
            "|---|---:|---:|",
        ]
        out += [
            f"| {a.annee} | {montants_text(a.prevu)} | {montants_text(a.realise)} |"
            for a in etat.realise
        ]
    return "\n".join(out) + "\n"


def _libelle(statut: str) -> str:
    from acvkit.suivi.etat import libelle_statut

    return libelle_statut(statut)


def _csv_cell(texte: str) -> str:
    """Un texte de données dans un tableur : jamais lu comme une formule."""
    return "'" + texte if texte[:1] in {"=", "+", "-", "@", "\t", "\r"} else texte


COLONNES_CSV = (
    "Fiche",
    "Titre",
    "Collectivité",
    "Axe",
    "Statut",
    "Dernier suivi",
    "Note",
    "Vigilance",
    "En retard",
    "Sans suivi récent",
)


def to_csv(etat: EtatSuivi) -> str:
    """Une ligne par fiche, au format des tableurs français (« ; »)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(COLONNES_CSV)
    for f in etat.fiches:
        writer.writerow(
            [
                str(f.numero),
                _csv_cell(f.titre),
                f.collectivite,
                f.axe,
                _libelle(f.statut),
                f.date.strftime("%d/%m/%Y") if f.date else "",
                _csv_cell(f.note or ""),
                _csv_cell(" ; ".join(f.vigilance)),
                "oui" if f.en_retard else "non",
                "oui" if f.needs_update else "non",
            ]
        )
    return buffer.getvalue()


FORMATS = {"text": to_text, "json": to_json, "md": to_markdown, "csv": to_csv}
