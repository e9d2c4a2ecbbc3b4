"""Ciclo de entrenamiento con Adam, recorte por norma y un indicador de avance en texto."""

from __future__ import annotations

import sys
import time
from typing import Callable

import numpy as np

from .adam import Adam
from .recorte import limitar_norma

__all__ = ["entrenar"]


def _barra(k: int, total: int, perdida: float, inicio: float, ancho: int = 24) -> str:
    lleno = int(ancho * k / total)
    return f"[{'#' * lleno}{'·' * (ancho - lleno)}] {k}/{total} · pérdida {perdida:.4f} · {time.perf_counter() - inicio:.1f} s"


def entrenar(red, lotes: Callable[[int], tuple], iteraciones: int, tasa: float = 1e-2, umbral: float = 1.0,
             mostrar: bool = True, avisos: int = 20) -> dict:
    """Entrena ``red`` (una :class:`~autograder.modelos.red.Red`) en su lugar.

    Args:
        lotes: ``lotes(k) -> (x, y)`` da el lote de la iteración k; x (n_x, m, T).
        iteraciones: número de pasos de Adam.
        tasa: tasa de aprendizaje de Adam.
        umbral: norma máxima del gradiente (recorte por norma global).
        mostrar: si True, imprime una barra de avance (unas ``avisos`` veces).

    Returns:
        ``{"perdida": (iteraciones,), "norma": (iteraciones,)}``: pérdida del lote y norma del
        gradiente antes de recortar, en cada iteración.
    """
    opt = Adam(tasa)
    historial = {"perdida": np.empty(iteraciones), "norma": np.empty(iteraciones)}
    inicio = time.perf_counter()
    cada = max(1, iteraciones // max(1, avisos))
    for k in range(iteraciones):
        x, y = lotes(k)
        valor, grads = red.perdida_y_gradientes(x, y)
        grads, norma = limitar_norma(grads, umbral)
        opt.paso(red.params, grads)
        historial["perdida"][k], historial["norma"][k] = valor, norma
        if mostrar and ((k + 1) % cada == 0 or k + 1 == iteraciones):
            reciente = float(np.mean(historial["perdida"][max(0, k + 1 - cada):k + 1]))
            sys.stdout.write("\r" + _barra(k + 1, iteraciones, reciente, inicio))
            sys.stdout.flush()
    if mostrar:
        sys.stdout.write("\n")
    return historial
