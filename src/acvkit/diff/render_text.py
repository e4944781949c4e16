"""La comparaison pour le terminal : en couleurs dans un terminal, caractères de contrôle échappés."""

from __future__ import annotations

import os
import unicodedata
from typing import TextIO

from acvkit.diff.phrases import Narrative, Row


def escaped(texte: str) -> str:
    """Un texte sûr pour un terminal : caractères de contrôle et de mise en forme écrits \\x1b, \\u202e."""
    out = []
    for ch in texte:
        # Contrôles, formats (bidi…), séparateurs de ligne et de paragraphe, demi-codets d'un
        # nom de fichier qui n'était pas en UTF-8.
        if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp", "Cs"} and ch != "\u00ad":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _use_colors(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


Segment = tuple[str, str]  # (texte, style rich)


def _row(ligne: Row) -> list[Segment]:
    head: list[Segment] = [(f"    {ligne.champ} : ", "bold")]
    if ligne.mots is not None:
        out = head
        for index, m in enumerate(ligne.mots):
            if index:
                out.append((" ", ""))
            if m.genre == "=":
                out.append((m.texte, "dim"))
            elif m.genre == "-":
                out.append((f"[-{m.texte}-]", "red"))
            else:
                out.append((f"{{+{m.texte}+}}", "green"))
        return out
    out = [*head, (ligne.avant, "red"), (" → ", ""), (ligne.apres, "green")]
    if ligne.ecart:
        out.append((f" ({ligne.ecart})", "bold"))
    return out


def lignes(recit: Narrative) -> list[list[Segment]]:
    out: list[list[Segment]] = [[(f"Comparaison : {recit.avant} → {recit.apres}", "bold")]]
    if recit.before_revision or recit.after_revision:
        out.append(
            [(f"(git : {recit.before_revision or '?'} → {recit.after_revision or '?'})", "dim")]
        )
    if recit.vide:
        out.append([("aucune différence", "green")])
        return out
    out.append([(recit.resume, "")])
    out += [[(r, "yellow")] for r in recit.remarques]

    def section(titre: str, elements: list[str], mark: str, style: str) -> None:
        if elements:
            out.append([])
            out.append([(titre, "bold underline")])
            out.extend([[(f"  {mark}{e}", style)] for e in elements])

    section("Fiches ajoutées", recit.ajoutees, "+ ", "green")
    section("Fiches supprimées", recit.supprimees, "− ", "red")
    section("Fiches renumérotées", recit.renumerotees, "", "")
    section("Fiches illisibles", recit.illisibles, "! ", "yellow")
    for titre, blocs in (("Fiches modifiées", recit.modifiees), ("Référentiel", recit.referentiel)):
        if blocs:
            out.append([])
            out.append([(titre, "bold underline")])
            for bloc in blocs:
                out.append([(f"  {bloc.titre}", "bold")])
                out.extend([[(f"    • {e}", "")] for e in bloc.evenements])
                out.extend(_row(lg) for lg in bloc.lignes)
    if recit.financements_suivi:
        from acvkit.diff.phrases import SUIVI_HEADERS

        out.append([])
        out.append([("Suivi des financements (après ; avant entre parenthèses)", "bold underline")])
        for suivi in recit.financements_suivi:
            out.append([(f"  {suivi.libelle}", "bold")])
            out.extend(
                [(f"    {h} : ", ""), (c, "")]
                for h, c in zip(SUIVI_HEADERS[1:], suivi.cellules, strict=True)
            )
    if recit.totaux:
        out.append([])
        out.append(
            [
                (
                    "Totaux (avant → après, écart ; HT, TTC et base non précisée séparés)",
                    "bold underline",
                )
            ]
        )
        for titre, rangees in recit.totaux:
            out.append([(f"  {titre}", "bold")])
            for r in rangees:
                out.append(
                    [
                        (f"    {r.libelle} : ", ""),
                        (r.avant, ""),
                        (" → ", ""),
                        (r.apres, ""),
                        (f" ({r.ecart})", "bold"),
                    ]
                )
    section("Nouveaux diagnostics", recit.new_items, "", "yellow")
    section("Diagnostics résolus", recit.resolved_items, "", "green")
    return out


def render(recit: Narrative, stream: TextIO) -> None:
    rendering = lignes(recit)
    if not _use_colors(stream):
        stream.write("".join("".join(escaped(t) for t, _ in lg) + "\n" for lg in rendering))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True, force_terminal=True)
    for lg in rendering:
        texte = Text()
        for t, style in lg:
            texte.append(escaped(t), style=style or None)
        console.print(texte)
