"""LSTM de referencia, compuerta por compuerta, en la convención del curso.

Parámetros: un diccionario con ``W_f, b_f, W_i, b_i, W_C, b_C, W_o, b_o``; cada ``W``
es (n_h, n_h + n_x) y actúa sobre ``[h_prev; x_t]``; cada ``b`` es (n_h, 1).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "sigmoide",
    "afin",
    "olvido",
    "entrada",
    "candidato",
    "salida",
    "nuevo_estado",
    "oculto",
    "celda",
    "recorrido",
    "parametros_aleatorios",
    "remanente",
    "vida_media_olvido",
    "escrito",
    "escritura",
    "recorrido_estado",
    "producto_olvidos",
    "NOMBRES",
]

#: Las cuatro redes internas de la celda, en el orden en que se apilan.
NOMBRES = ("f", "i", "C", "o")


def sigmoide(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^{-z}) sin desbordes para |z| grande (misma forma que z)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def afin(W: np.ndarray, b: np.ndarray, h_prev: np.ndarray, x_t: np.ndarray) -> np.ndarray:
    """W·[h_prev; x_t] + b: (n_h, n_h + n_x), (n_h, 1), (n_h, m), (n_x, m) → (n_h, m)."""
    return W @ np.concatenate([h_prev, x_t], axis=0) + b


def olvido(x_t, h_prev, W_f, b_f):
    """Compuerta de olvido f_t = σ(W_f·[h_prev; x_t] + b_f) → (n_h, m)."""
    return sigmoide(afin(W_f, b_f, h_prev, x_t))


def entrada(x_t, h_prev, W_i, b_i):
    """Compuerta de entrada i_t = σ(W_i·[h_prev; x_t] + b_i) → (n_h, m)."""
    return sigmoide(afin(W_i, b_i, h_prev, x_t))


def candidato(x_t, h_prev, W_C, b_C):
    """Valor candidato C̃_t = tanh(W_C·[h_prev; x_t] + b_C) → (n_h, m)."""
    return np.tanh(afin(W_C, b_C, h_prev, x_t))


def salida(x_t, h_prev, W_o, b_o):
    """Compuerta de salida o_t = σ(W_o·[h_prev; x_t] + b_o) → (n_h, m)."""
    return sigmoide(afin(W_o, b_o, h_prev, x_t))


def nuevo_estado(f_t, C_prev, i_t, C_tilde):
    """C_t = f_t ⊙ C_prev + i_t ⊙ C̃_t; todo (n_h, m)."""
    return f_t * C_prev + i_t * C_tilde


def oculto(o_t, C_t):
    """h_t = o_t ⊙ tanh(C_t); todo (n_h, m)."""
    return o_t * np.tanh(C_t)


def remanente(C0, f, k):
    """Lo que queda de C0 tras k pasos con olvido constante f y sin escribir: C0 ⊙ f^k (forma de C0)."""
    return C0 * np.asarray(f, dtype=float) ** k


def vida_media_olvido(f):
    """Pasos k con f^k = 1/2 para 0 < f < 1: k = ln(1/2) / ln(f) (misma forma que f)."""
    return np.log(0.5) / np.log(np.asarray(f, dtype=float))


def escrito(i_t, C_tilde):
    """Lo que se escribe en la cinta, e_t = i_t ⊙ C̃_t; todo (n_h, m)."""
    return i_t * C_tilde


def escritura(x_t, h_prev, p: dict):
    """i_t ⊙ C̃_t calculado desde la entrada: x_t (n_x, m), h_prev (n_h, m) → (n_h, m)."""
    return escrito(entrada(x_t, h_prev, p["W_i"], p["b_i"]), candidato(x_t, h_prev, p["W_C"], p["b_C"]))


def recorrido_estado(F, I, C_tilde, C0):
    """Aplica C_t = f_t ⊙ C_(t-1) + i_t ⊙ C̃_t con compuertas dadas.

    Formas: F, I, C_tilde (n_h, m, T), C0 (n_h, m) → C (n_h, m, T), con ``C[:, :, t]``
    el estado después del paso t.
    """
    C = np.zeros(F.shape)
    c = C0
    for t in range(F.shape[2]):
        c = nuevo_estado(F[:, :, t], c, I[:, :, t], C_tilde[:, :, t])
        C[:, :, t] = c
    return C


def producto_olvidos(F):
    """∂C_T/∂C_0 por la cinta cuando las compuertas no dependen de C: ∏_t f_t; F (n_h, m, T) → (n_h, m)."""
    return np.prod(F, axis=2)


def celda(x_t, h_prev, C_prev, p: dict) -> tuple[np.ndarray, np.ndarray, dict]:
    """Un paso completo de la LSTM.

    Formas: x_t (n_x, m), h_prev y C_prev (n_h, m) → ``(h_t, C_t, cache)``; ``cache``
    guarda ``x_t, h_prev, C_prev, f, i, C_tilde, o, C_t, h_t`` para la retropropagación.
    """
    f = olvido(x_t, h_prev, p["W_f"], p["b_f"])
    i = entrada(x_t, h_prev, p["W_i"], p["b_i"])
    C_tilde = candidato(x_t, h_prev, p["W_C"], p["b_C"])
    o = salida(x_t, h_prev, p["W_o"], p["b_o"])
    C_t = nuevo_estado(f, C_prev, i, C_tilde)
    h_t = oculto(o, C_t)
    cache = {"x_t": x_t, "h_prev": h_prev, "C_prev": C_prev, "f": f, "i": i, "C_tilde": C_tilde, "o": o, "C_t": C_t, "h_t": h_t}
    return h_t, C_t, cache


def recorrido(x, h0, C0, p: dict) -> tuple[np.ndarray, np.ndarray, list[dict]]:
    """Aplica :func:`celda` a toda la secuencia.

    Formas: x (n_x, m, T), h0 y C0 (n_h, m) → ``(H, C, caches)`` con H y C (n_h, m, T);
    ``H[:, :, t]`` y ``C[:, :, t]`` son los estados después de leer ``x[:, :, t]``.
    """
    n_h, m = h0.shape
    T = x.shape[2]
    H = np.zeros((n_h, m, T))
    C = np.zeros((n_h, m, T))
    caches = []
    h, c = h0, C0
    for t in range(T):
        h, c, cache = celda(x[:, :, t], h, c, p)
        H[:, :, t] = h
        C[:, :, t] = c
        caches.append(cache)
    return H, C, caches


def parametros_aleatorios(n_x: int, n_h: int, rng: np.random.Generator, escala: float = 1.0,
                          nombres: tuple[str, ...] = NOMBRES) -> dict:
    """Parámetros con entradas normales por ``escala``: ``W_*`` (n_h, n_h + n_x), ``b_*`` (n_h, 1).

    ``nombres`` son las redes internas (la GRU usa las suyas: z, r, htilde).
    """
    p = {}
    for nombre in nombres:
        p[f"W_{nombre}"] = escala * rng.standard_normal((n_h, n_h + n_x))
        p[f"b_{nombre}"] = escala * rng.standard_normal((n_h, 1))
    return p
