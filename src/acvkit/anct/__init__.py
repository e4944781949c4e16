"""Le tableur ANCT, dans les deux sens : colonnes, export et import."""
