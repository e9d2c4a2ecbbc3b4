"""Pérdidas con su gradiente: entropía cruzada con softmax y error cuadrático medio."""

from __future__ import annotations

import numpy as np

from .activaciones import softmax_columnas

__all__ = ["entropia_cruzada_softmax", "error_cuadratico"]


def entropia_cruzada_softmax(logits: np.ndarray, clases: np.ndarray) -> tuple[float, np.ndarray]:
    """Promedio sobre los m ejemplos de −log softmax(logits)[clase].

    Formas: logits (K, m), clases (m,) enteros en [0, K) → ``(pérdida, ∂pérdida/∂logits (K, m))``.
    """
    m = logits.shape[1]
    z = logits - logits.max(axis=0, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=0, keepdims=True))
    columnas = np.arange(m)
    perdida = -float(log_p[clases, columnas].mean())
    d = softmax_columnas(logits)
    d[clases, columnas] -= 1.0
    return perdida, d / m


def error_cuadratico(pred: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Promedio de (pred − y)²: pred y y (n_y, m) → ``(pérdida, ∂pérdida/∂pred (n_y, m))``."""
    dif = pred - y
    return float(np.mean(dif * dif)), 2.0 * dif / dif.size
