"""Variantes de la LSTM de referencia: con conexiones de mirilla y con compuertas acopladas.

Mirilla (como en las notas del curso): las compuertas de olvido y de entrada ven
``[C_prev; h_prev; x_t]`` y la de salida ``[C_t; h_prev; x_t]``, así que ``W_f, W_i, W_o``
son (n_h, 2·n_h + n_x) con las primeras n_h columnas para el estado de la celda; ``W_C``
sigue siendo (n_h, n_h + n_x). Gers y Schmidhuber (2000) usan pesos de mirilla
diagonales: es el caso particular en que ese primer bloque de columnas es diagonal.

Acoplada: no hay compuerta de entrada; ``C_t = f ⊙ C_prev + (1 − f) ⊙ C̃_t``; parámetros
``W_f, b_f, W_C, b_C, W_o, b_o`` con la forma de la LSTM estándar.
"""

from __future__ import annotations

import numpy as np

from . import lstm
from .lstm import sigmoide

__all__ = [
    "celda_mirilla",
    "celda_acoplada",
    "recorrido_variante",
    "parametros_mirilla",
    "parametros_acoplada",
    "numero_parametros",
]


def _mirilla(W, b, C, h_prev, x_t):
    return sigmoide(W @ np.concatenate([C, h_prev, x_t], axis=0) + b)


def celda_mirilla(x_t, h_prev, C_prev, p: dict) -> tuple[np.ndarray, np.ndarray]:
    """Un paso con mirillas: x_t (n_x, m), h_prev y C_prev (n_h, m) → ``(h_t, C_t)`` (n_h, m)."""
    f = _mirilla(p["W_f"], p["b_f"], C_prev, h_prev, x_t)
    i = _mirilla(p["W_i"], p["b_i"], C_prev, h_prev, x_t)
    C_tilde = lstm.candidato(x_t, h_prev, p["W_C"], p["b_C"])
    C_t = f * C_prev + i * C_tilde
    o = _mirilla(p["W_o"], p["b_o"], C_t, h_prev, x_t)
    return o * np.tanh(C_t), C_t


def celda_acoplada(x_t, h_prev, C_prev, p: dict) -> tuple[np.ndarray, np.ndarray]:
    """Un paso acoplado: x_t (n_x, m), h_prev y C_prev (n_h, m) → ``(h_t, C_t)`` (n_h, m)."""
    f = lstm.olvido(x_t, h_prev, p["W_f"], p["b_f"])
    C_tilde = lstm.candidato(x_t, h_prev, p["W_C"], p["b_C"])
    o = lstm.salida(x_t, h_prev, p["W_o"], p["b_o"])
    C_t = f * C_prev + (1 - f) * C_tilde
    return o * np.tanh(C_t), C_t


def recorrido_variante(celda, x, h0, C0, p: dict) -> tuple[np.ndarray, np.ndarray]:
    """Aplica ``celda(x_t, h, C, p) → (h, C)`` a x (n_x, m, T) → ``(H, C)``, ambos (n_h, m, T)."""
    n_h, m = h0.shape
    T = x.shape[2]
    H = np.zeros((n_h, m, T))
    Cs = np.zeros((n_h, m, T))
    h, c = h0, C0
    for t in range(T):
        h, c = celda(x[:, :, t], h, c, p)
        H[:, :, t] = h
        Cs[:, :, t] = c
    return H, Cs


def parametros_mirilla(n_x: int, n_h: int, rng: np.random.Generator, escala: float = 1.0) -> dict:
    """``W_f, W_i, W_o`` (n_h, 2·n_h + n_x), ``W_C`` (n_h, n_h + n_x) y sesgos (n_h, 1), normales por ``escala``."""
    p = lstm.parametros_aleatorios(n_x, n_h, rng, escala)
    for nombre in ("f", "i", "o"):
        p[f"W_{nombre}"] = escala * rng.standard_normal((n_h, 2 * n_h + n_x))
    return p


def parametros_acoplada(n_x: int, n_h: int, rng: np.random.Generator, escala: float = 1.0) -> dict:
    """``W_f, W_C, W_o`` (n_h, n_h + n_x) y sus sesgos (n_h, 1): la LSTM sin compuerta de entrada."""
    p = lstm.parametros_aleatorios(n_x, n_h, rng, escala)
    del p["W_i"], p["b_i"]
    return p


def numero_parametros(tipo: str, n_x: int, n_h: int) -> int:
    """Número de parámetros entrenables de una celda: ``tipo`` ∈ rnn, lstm, mirilla, acoplada, gru."""
    red = n_h * (n_h + n_x) + n_h  # una red interna: W (n_h, n_h + n_x) y b (n_h, 1)
    if tipo == "rnn":
        return red
    if tipo == "lstm":
        return 4 * red
    if tipo == "mirilla":
        return 4 * red + 3 * n_h * n_h
    if tipo in ("acoplada", "gru"):
        return 3 * red
    raise ValueError(f"tipo de celda desconocido: {tipo!r}")
