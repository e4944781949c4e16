"""L'export du tableur ANCT : feuilles, cellules, mise en page, graphiques."""
