"""Le linter : moteur, ligne de base, suppressions, documentation des règles."""
