"""Activaciones estables para los modelos en lote (softmax por columnas)."""

from __future__ import annotations

import numpy as np

__all__ = ["softmax_columnas"]


def softmax_columnas(z: np.ndarray) -> np.ndarray:
    """Softmax de cada columna de z (K, m) → (K, m); resta el máximo para no desbordar."""
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
