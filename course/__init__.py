"""Ayudas del curso de memoria recurrente."""
