"""Optimizador Adam (Kingma y Ba, 2015) con corrección de sesgo."""

from __future__ import annotations

import numpy as np

__all__ = ["actualizar_adam", "Adam"]


def actualizar_adam(theta, g, m, v, t: int, tasa: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
    """Un paso de Adam para un arreglo; ``t`` cuenta los pasos desde 1.

    Formas: theta, g, m y v iguales → ``(theta_nuevo, m_nuevo, v_nuevo)``.
    """
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return theta - tasa * m_hat / (np.sqrt(v_hat) + eps), m, v


class Adam:
    """Adam para un diccionario de parámetros; guarda los momentos de cada uno."""

    def __init__(self, tasa: float = 1e-2, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.tasa, self.beta1, self.beta2, self.eps = tasa, beta1, beta2, eps
        self.t = 0
        self.m: dict = {}
        self.v: dict = {}

    def paso(self, params: dict, grads: dict) -> None:
        """Actualiza ``params`` en su lugar con ``grads`` (mismas claves y formas)."""
        self.t += 1
        for k, g in grads.items():
            m, v = self.m.get(k, np.zeros_like(g)), self.v.get(k, np.zeros_like(g))
            params[k][...], self.m[k], self.v[k] = actualizar_adam(params[k], g, m, v, self.t, self.tasa, self.beta1, self.beta2, self.eps)
