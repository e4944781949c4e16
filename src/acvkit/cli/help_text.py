"""L'aide d'acv, pliée à la largeur du terminal (80 colonnes au plus) sans jamais rien couper.

Les paragraphes sont rejoints puis pliés aux espaces seulement : ni au trait d'union d'un nom
(maitre-ouvrage, .acv-cache/), ni avant « : ; ? ! » » ou après « « », dont l'espace devient
insécable (typographie française). Un mot plus long que la ligne dépasse plutôt que d'être coupé.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path

import click

NBSP = "\u00a0"
# Avant « : ; ? ! » » et après « « », une espace insécable : la ligne ne se coupe jamais là
# (textwrap, qui plie l'aide, ne coupe qu'aux espaces ordinaires). Elle existe en cp1252.
_BEFORE = re.compile(r" ([:;?!»])(?=\s|$)")
_AFTER = re.compile(r"« ")
_SOFT_BREAK = re.compile(r"(?<=\S)\n(?=\S)")


def typography(texte: str) -> str:
    """Les espaces de la typographie française rendues insécables."""
    return _AFTER.sub("«" + NBSP, _BEFORE.sub(NBSP + r"\1", texte))


def reflow(texte: str) -> str:
    """Les lignes d'un paragraphe rejointes : l'aide se plie à la largeur du terminal, jamais à
    celle du code source. Les paragraphes (ligne vide) restent."""
    return _SOFT_BREAK.sub(" ", texte)


def help_paragraphs(texte: str) -> str:
    return typography(reflow(inspect.cleandoc(texte)))


def wrap(texte: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Les lignes d'un texte plié à `width` : aux espaces seulement (jamais au trait d'union
    d'un nom, jamais au milieu d'un mot trop long, qui dépasse plutôt que d'être coupé)."""
    return textwrap.wrap(
        texte,
        max(width, 20),
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [indent.rstrip()]


_EXAMPLES = re.compile(r"^(Exemples?)\s*" + NBSP + r"?:\s*(.*)$", re.DOTALL)


def write_text(formatter: click.HelpFormatter, texte: str) -> None:
    """Les paragraphes de l'aide, pliés ; les exemples une commande par ligne."""
    indent = " " * formatter.current_indent
    width = formatter.width
    for number, paragraph in enumerate(texte.split("\n\n")):
        if number:
            formatter.write("\n")
        examples = _EXAMPLES.match(paragraph.strip())
        if examples is None:
            formatter.write("".join(f"{line}\n" for line in wrap(paragraph, width, indent)))
            continue
        formatter.write(f"{indent}{examples.group(1)}{NBSP}:\n")
        for example in examples.group(2).split(" · "):
            lines = wrap(example.strip(), width, indent + "  ", indent + "      ")
            formatter.write("".join(f"{line}\n" for line in lines))


def write_dl(
    formatter: click.HelpFormatter, rows: list[tuple[str, str]], col_max: int = 30
) -> None:
    """Une liste de définitions (noms, aide) comme celle de Click, pliée par `wrap`."""
    indent = formatter.current_indent
    first_col = min(max(len(first) for first, _ in rows), col_max) + 2
    for first, second in rows:
        formatter.write(f"{'':>{indent}}{first}")
        if not second:
            formatter.write("\n")
            continue
        if len(first) <= first_col - 2:
            formatter.write(" " * (first_col - len(first)))
        else:
            formatter.write("\n" + " " * (first_col + indent))
        lines = wrap(second, formatter.width - first_col - indent)
        formatter.write(lines[0] + "\n")
        formatter.write("".join(f"{'':>{first_col + indent}}{line}\n" for line in lines[1:]))


# --- L'aide ------------------------------------------------------------------------------------


def _default_text(param: click.Option) -> str | None:
    if not param.show_default or param.is_flag or param.default is None:
        return None
    default = param.default
    if callable(default) or not isinstance(default, str | int | list | tuple | Path):
        return None
    if isinstance(default, list | tuple):
        return ", ".join(str(d) for d in default) or None
    return str(default)


def option_record(param: click.Option, ctx: click.Context) -> tuple[str, str]:
    """(noms et valeur, aide) d'une option, en français."""
    former = getattr(param, "former", ())  # anciennes graphies (acvkit.cli.french.Option), cachées
    shown = [name for name in param.opts if name not in former]
    names = ", ".join(sorted(shown, key=lambda n: (n.startswith("--"), n)))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if not param.is_flag and not param.count:
        names += " " + (param.metavar or "VALEUR")
    parts = [param.help or ""]
    choices = getattr(param.type, "choices", None)
    if choices:
        parts.append(f"Valeurs : {', '.join(map(str, choices))}.")
    if param.multiple:
        parts.append("(répétable)")
    default = _default_text(param)
    if default is not None:
        parts.append(f"[défaut : {default}]")
    if param.required:
        parts.append("[obligatoire]")
    return names, typography(" ".join(p for p in parts if p))


def argument_record(param: click.Argument, ctx: click.Context) -> tuple[str, str]:
    text = getattr(param, "help", None) or ""
    return param.make_metavar(ctx), typography(text)
