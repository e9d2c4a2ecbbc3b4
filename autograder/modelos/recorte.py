"""Recorte del gradiente por su norma global (todos los parámetros juntos)."""

from __future__ import annotations

import numpy as np

__all__ = ["norma_global", "limitar_norma"]


def norma_global(grads: dict) -> float:
    """√(Σ de los cuadrados de todas las entradas de todos los gradientes)."""
    return float(np.sqrt(sum(float(np.sum(g * g)) for g in grads.values())))


def limitar_norma(grads: dict, umbral: float) -> tuple[dict, float]:
    """Si la norma global pasa de ``umbral``, escala TODOS los gradientes por umbral / norma.

    Devuelve ``(gradientes, norma antes de recortar)``; la dirección no cambia. Mismas claves y
    formas que ``grads``; no modifica los arreglos recibidos.
    """
    norma = norma_global(grads)
    if norma <= umbral:
        return dict(grads), norma
    factor = umbral / norma
    return {k: g * factor for k, g in grads.items()}, norma
