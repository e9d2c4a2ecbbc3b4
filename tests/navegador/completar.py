"""Qué cuadernos publicados muestran un panel (el cuaderno resuelto lo arma ``autograder.clase``)."""

from __future__ import annotations

from pathlib import Path

import nbformat

__all__ = ["cuantos_paneles"]


def cuantos_paneles(publicado: Path) -> int:
    """Cuántas celdas de código muestran un panel (``panel_xxx().mostrar()``)."""
    nb = nbformat.read(str(publicado), as_version=4)
    return sum(1 for c in nb.cells if c.cell_type == "code" and ".mostrar(" in c.source)
