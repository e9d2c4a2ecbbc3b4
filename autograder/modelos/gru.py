"""GRU en lote (Cho et al., 2014), adelante y atrás en el tiempo, con pesos apilados.

Ecuaciones (convención del curso, h primero en la concatenación):
z = σ(W_z·[h_{t-1}; x_t] + b_z), r = σ(W_r·[h_{t-1}; x_t] + b_r),
h̃ = tanh(W_h̃·[r ⊙ h_{t-1}; x_t] + b_h̃), h_t = (1 − z) ⊙ h_{t-1} + z ⊙ h̃.
Formas: ``W`` (3 n_h, n_h + n_x) con bloques (z, r, h̃), ``b`` (3 n_h, 1); x (n_x, m, T).
"""

from __future__ import annotations

import numpy as np

from .activaciones import sigmoide_por_tanh

__all__ = ["iniciar", "desde_compuertas", "adelante", "atras"]


def iniciar(n_x: int, n_h: int, rng: np.random.Generator, dtype=np.float64, sesgo_actualizacion: float = 0.0) -> dict:
    """``W`` (3 n_h, n_h + n_x) uniforme en ±1/√n_h y ``b`` (3 n_h, 1) en ceros salvo z.

    Un ``sesgo_actualizacion`` negativo hace z ≈ 0 al principio: la GRU conserva h_{t-1}.
    """
    k = 1.0 / np.sqrt(n_h)
    p = {"W": rng.uniform(-k, k, (3 * n_h, n_h + n_x)).astype(dtype), "b": np.zeros((3 * n_h, 1), dtype=dtype)}
    p["b"][:n_h] = sesgo_actualizacion
    return p


def desde_compuertas(p: dict) -> dict:
    """De ``W_z, b_z, W_r, b_r, W_h, b_h`` (cada W (n_h, n_h + n_x)) a ``W`` y ``b`` apilados."""
    return {"W": np.concatenate([p["W_z"], p["W_r"], p["W_h"]]), "b": np.concatenate([p["b_z"], p["b_r"], p["b_h"]])}


def adelante(x: np.ndarray, h0: np.ndarray, p: dict):
    """x (n_x, m, T), h0 (n_h, m) → ``(H, cache)`` con H (n_h, m, T) los estados tras cada paso."""
    W, b = p["W"], p["b"]
    n_x, m, T = x.shape
    n_h = h0.shape[0]
    xt = np.ascontiguousarray(x.transpose(2, 0, 1), dtype=W.dtype)
    A = np.matmul(np.ascontiguousarray(W[:, n_h:]), xt)  # parte de la entrada de los 3 bloques
    A += b
    W_zr = np.ascontiguousarray(W[:2 * n_h, :n_h])  # z y r: un solo producto
    W_c = np.ascontiguousarray(W[2 * n_h:, :n_h])
    Hs = np.empty((T + 1, n_h, m), dtype=W.dtype)
    RH = np.empty((T, n_h, m), dtype=W.dtype)  # r ⊙ h_{t-1}
    Hs[0] = h0
    for t in range(T):
        a, h = A[t], Hs[t]
        zr = a[:2 * n_h]
        zr += W_zr @ h
        zr[:] = sigmoide_por_tanh(zr)
        np.multiply(zr[n_h:], h, out=RH[t])
        c = a[2 * n_h:]
        c += W_c @ RH[t]
        np.tanh(c, out=c)
        # h_t = h + z ⊙ (h̃ − h)
        hn = Hs[t + 1]
        np.subtract(c, h, out=hn)
        hn *= zr[:n_h]
        hn += h
    return Hs[1:].transpose(1, 2, 0), {"xt": xt, "A": A, "Hs": Hs, "RH": RH}


def atras(dH: np.ndarray, cache: dict, p: dict):
    """dH (n_h, m, T) → ``(grads, dx, dh0)``; ``grads`` con las claves y formas de ``p``."""
    xt, A, Hs, RH = cache["xt"], cache["A"], cache["Hs"], cache["RH"]
    W = p["W"]
    T, n_h, m = RH.shape
    Z, Rg, C = A[:, :n_h], A[:, n_h:2 * n_h], A[:, 2 * n_h:]
    Hp = Hs[:-1]
    W_zrT = np.ascontiguousarray(W[:2 * n_h, :n_h].T)
    W_cT = np.ascontiguousarray(W[2 * n_h:, :n_h].T)
    Pz = (C - Hp) * Z * (1 - Z)
    Pc = Z * (1 - C * C)
    Pr = Hp * Rg * (1 - Rg)
    dHt = np.asarray(dH, dtype=W.dtype).transpose(2, 0, 1)
    dZ = np.empty_like(A)
    dh = np.zeros((n_h, m), dtype=W.dtype)
    for t in range(T - 1, -1, -1):
        dh += dHt[t]
        dz = dZ[t]
        np.multiply(dh, Pz[t], out=dz[:n_h])
        np.multiply(dh, Pc[t], out=dz[2 * n_h:])
        drh = W_cT @ dz[2 * n_h:]
        np.multiply(drh, Pr[t], out=dz[n_h:2 * n_h])
        dh = dh * (1 - Z[t]) + drh * Rg[t] + W_zrT @ dz[:2 * n_h]
    dW_h = np.concatenate([
        np.tensordot(dZ[:, :2 * n_h], Hp, axes=([0, 2], [0, 2])),
        np.tensordot(dZ[:, 2 * n_h:], RH, axes=([0, 2], [0, 2])),
    ])
    grads = {
        "W": np.concatenate([dW_h, np.tensordot(dZ, xt, axes=([0, 2], [0, 2]))], axis=1),
        "b": dZ.sum(axis=(0, 2))[:, None],
    }
    dx = np.matmul(np.ascontiguousarray(W[:, n_h:].T), dZ).transpose(1, 2, 0)
    return grads, dx, dh
