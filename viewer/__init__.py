"""viewer: turning documents into pages and text (Qt-free core, Qt widget)."""
