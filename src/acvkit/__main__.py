"""`python -m acvkit` : la même chose que la commande `acv`."""

from acvkit.cli import main

main()
