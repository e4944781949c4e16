"""Le rendu DOCX des annexes : page, police, blocs, tableaux en XML, accessibilité, une annexe par module."""
