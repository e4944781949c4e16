"""`python -m acvkit` : la même chose que la commande `acv`."""

from acvkit.entry import main

main()
