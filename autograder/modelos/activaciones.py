"""Activaciones rápidas y estables para los modelos en lote (sigmoide vía tanh, softmax)."""

from __future__ import annotations

import numpy as np

__all__ = ["sigmoide_por_tanh", "softmax_columnas"]


def sigmoide_por_tanh(z: np.ndarray) -> np.ndarray:
    """σ(z) = (1 + tanh(z/2)) / 2: misma forma que z, sin exp que desborde para |z| grande."""
    return 0.5 * np.tanh(0.5 * z) + 0.5


def softmax_columnas(z: np.ndarray) -> np.ndarray:
    """Softmax de cada columna de z (K, m) → (K, m); resta el máximo para no desbordar."""
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
