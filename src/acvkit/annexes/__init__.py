"""Les annexes de l'avenant : contenu, rendus HTML/Markdown/DOCX, écriture reproductible."""
