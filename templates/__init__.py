"""Les gabarits par défaut d'acvkit (HTML, Markdown, colonnes du tableur ANCT), installés sous le nom acvkit_templates."""
