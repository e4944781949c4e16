"""La comparaison en Markdown (commentaire de pull request, résumé d'une étape GitHub Actions).

Chaque texte venu des données est échappé : rien n'y devient lien, titre, tableau ou HTML.
"""

from __future__ import annotations

from acvkit.diff.phrases import Narrative, Row
from acvkit.views.markdown import cellule, md


def mots(ligne: Row) -> str:
    assert ligne.mots is not None
    parts = []
    for m in ligne.mots:
        t = md(m.texte)
        parts.append(t if m.genre == "=" else (f"~~{t}~~" if m.genre == "-" else f"**{t}**"))
    return " ".join(parts)


def render(recit: Narrative, level: int = 1) -> str:
    h = "#" * level
    out = [f"{h} Modifications du plan", ""]
    out.append(f"De **{md(recit.avant)}** à **{md(recit.apres)}** : {md(recit.resume)}.")
    if recit.before_revision or recit.after_revision:
        out += [
            "",
            f"Révisions git : {md(recit.before_revision or '?')} → {md(recit.after_revision or '?')}.",
        ]
    if recit.vide:
        return "\n".join(out) + "\n"
    for r in recit.remarques:
        out += ["", f"> {md(r)}"]

    def section(titre: str, elements: list[str]) -> None:
        if elements:
            out.extend(["", f"{h}# {titre}", ""])
            out.extend(f"- {md(e)}" for e in elements)

    section("Fiches ajoutées", recit.ajoutees)
    section("Fiches supprimées", recit.supprimees)
    section("Fiches renumérotées", recit.renumerotees)
    section("Fiches illisibles", recit.illisibles)
    for titre, blocs in (("Fiches modifiées", recit.modifiees), ("Référentiel", recit.referentiel)):
        if not blocs:
            continue
        out.extend(["", f"{h}# {titre}"])
        for bloc in blocs:
            out.extend(["", f"{h}## {md(bloc.titre)}"])
            if bloc.evenements:
                out.append("")
                out.extend(f"- {md(e)}" for e in bloc.evenements)
            data_table = [lg for lg in bloc.lignes if lg.mots is None]
            if data_table:
                out.extend(["", "| Champ | Avant | Après | Écart |", "|---|---|---|---|"])
                out.extend(
                    f"| {cellule(lg.champ)} | {cellule(lg.avant)} | {cellule(lg.apres)} "
                    f"| {cellule(lg.ecart)} |"
                    for lg in data_table
                )
            textes = [lg for lg in bloc.lignes if lg.mots is not None]
            if textes:
                out.append("")
                out.extend(f"- {md(lg.champ)} : {mots(lg)}" for lg in textes)
    if recit.financements_suivi:
        from acvkit.diff.phrases import SUIVI_HEADERS

        out.extend(["", f"{h}# Suivi des financements", ""])
        out.append(
            "Montants après la modification ; entre parenthèses, ceux d'avant quand ils changent."
        )
        out.extend(
            [
                "",
                "| " + " | ".join(SUIVI_HEADERS) + " |",
                "|---|" + "--:|" * (len(SUIVI_HEADERS) - 1),
            ]
        )
        out.extend(
            "| " + " | ".join(cellule(c) for c in [r.libelle, *r.cellules]) + " |"
            for r in recit.financements_suivi
        )
    if recit.totaux:
        out.extend(["", f"{h}# Totaux", ""])
        out.append(
            "Avant, après et écart ; HT, TTC et base non précisée ne sont jamais additionnés."
        )
        for titre, rangees in recit.totaux:
            out.extend(
                [
                    "",
                    f"{h}## {titre}",
                    "",
                    "| Regroupement | Avant | Après | Écart |",
                    "|---|--:|--:|--:|",
                ]
            )
            out.extend(
                f"| {cellule(r.libelle)} | {cellule(r.avant)} | {cellule(r.apres)} | {cellule(r.ecart)} |"
                for r in rangees
            )
    section("Nouveaux diagnostics", recit.new_items)
    section("Diagnostics résolus", recit.resolved_items)
    return "\n".join(out) + "\n"
