"""RNN simple en lote: h_t = tanh(W·[h_{t-1}; x_t] + b), adelante y atrás en el tiempo.

Formas: x (n_x, m, T), h (n_h, m), ``W`` (n_h, n_h + n_x), ``b`` (n_h, 1).
"""

from __future__ import annotations

import numpy as np

__all__ = ["iniciar", "adelante", "atras"]


def iniciar(n_x: int, n_h: int, rng: np.random.Generator, dtype=np.float64) -> dict:
    """``W`` (n_h, n_h + n_x) uniforme en ±1/√n_h y ``b`` (n_h, 1) en ceros."""
    k = 1.0 / np.sqrt(n_h)
    return {"W": rng.uniform(-k, k, (n_h, n_h + n_x)).astype(dtype), "b": np.zeros((n_h, 1), dtype=dtype)}


def adelante(x: np.ndarray, h0: np.ndarray, p: dict, guardar: bool = True):
    """x (n_x, m, T), h0 (n_h, m) → ``(H, cache)`` con H (n_h, m, T) los estados tras cada paso (``cache=None`` si no ``guardar``)."""
    W, b = p["W"], p["b"]
    n_x, m, T = x.shape
    n_h = h0.shape[0]
    xt = np.ascontiguousarray(x.transpose(2, 0, 1), dtype=W.dtype)
    A = np.matmul(np.ascontiguousarray(W[:, n_h:]), xt)  # parte de la entrada, toda de una vez
    A += b
    W_h = np.ascontiguousarray(W[:, :n_h])
    Hs = np.empty((T + 1, n_h, m), dtype=W.dtype)
    Hs[0] = h0
    for t in range(T):
        a = A[t]
        a += W_h @ Hs[t]
        np.tanh(a, out=Hs[t + 1])
    return Hs[1:].transpose(1, 2, 0), ({"xt": xt, "Hs": Hs} if guardar else None)


def atras(dH: np.ndarray, cache: dict, p: dict):
    """dH (n_h, m, T) → ``(grads, dx, dh0)``; ``grads`` con las claves y formas de ``p``."""
    xt, Hs = cache["xt"], cache["Hs"]
    W = p["W"]
    T, n_h, m = Hs.shape[0] - 1, Hs.shape[1], Hs.shape[2]
    W_hT = np.ascontiguousarray(W[:, :n_h].T)
    D = 1 - Hs[1:] * Hs[1:]  # tanh' en cada paso
    dHt = np.asarray(dH, dtype=W.dtype).transpose(2, 0, 1)
    dZ = np.empty((T, n_h, m), dtype=W.dtype)
    dh = np.zeros((n_h, m), dtype=W.dtype)
    for t in range(T - 1, -1, -1):
        dh += dHt[t]
        np.multiply(dh, D[t], out=dZ[t])
        dh = W_hT @ dZ[t]
    grads = {
        "W": np.concatenate([np.tensordot(dZ, Hs[:-1], axes=([0, 2], [0, 2])), np.tensordot(dZ, xt, axes=([0, 2], [0, 2]))], axis=1),
        "b": dZ.sum(axis=(0, 2))[:, None],
    }
    dx = np.matmul(np.ascontiguousarray(W[:, n_h:].T), dZ).transpose(1, 2, 0)
    return grads, dx, dh
