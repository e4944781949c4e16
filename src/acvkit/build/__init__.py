"""Production des annexes de l'avenant (HTML, Markdown, DOCX) et du tableur ANCT."""
