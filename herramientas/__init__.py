"""Herramientas de autoría y mantenimiento del curso (no las usa el estudiante)."""
