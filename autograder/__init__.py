"""Canal de calificación del curso."""
