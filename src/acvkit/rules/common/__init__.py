"""Ce que partagent les règles, sans être une règle : le type Règle, le parcours des références, les limites de calendrier, le suivi."""
