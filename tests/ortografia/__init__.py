"""Revisión del español del curso: hunspell (es_MX), lista de palabras del proyecto y terminología."""
