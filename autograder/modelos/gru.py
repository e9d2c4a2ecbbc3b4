"""GRU en lote (Cho et al., 2014), adelante y atrás en el tiempo, con pesos apilados.

Ecuaciones (convención del curso, h primero en la concatenación):
z = σ(W_z·[h_{t-1}; x_t] + b_z), r = σ(W_r·[h_{t-1}; x_t] + b_r),
h̃ = tanh(W_h̃·[r ⊙ h_{t-1}; x_t] + b_h̃), h_t = (1 − z) ⊙ h_{t-1} + z ⊙ h̃.
Formas: ``W`` (3 n_h, n_h + n_x) con bloques (z, r, h̃), ``b`` (3 n_h, 1); x (n_x, m, T).
"""

from __future__ import annotations

import numpy as np

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


def adelante(x: np.ndarray, h0: np.ndarray, p: dict, guardar: bool = True):
    """x (n_x, m, T), h0 (n_h, m) → ``(H, cache)`` con H (n_h, m, T) los estados tras cada paso.

    Con ``guardar=False`` (solo predecir) reutiliza un solo arreglo de compuertas y devuelve ``cache=None``.
    """
    W, b = p["W"], p["b"]
    dtype = W.dtype
    n_x, m, T = x.shape
    n_h = h0.shape[0]
    K = n_h + n_x + 1
    # σ(z) = ½ tanh(z/2) + ½: z y r se escalan por ½ para activar los tres bloques con tanh.
    W_zr = 0.5 * np.concatenate([W[:2 * n_h], b[:2 * n_h]], axis=1)  # actúa sobre [h_{t-1}; x_t; 1]
    W_c = np.concatenate([W[2 * n_h:], b[2 * n_h:]], axis=1)  # actúa sobre [r ⊙ h_{t-1}; x_t; 1]
    # Z[t] = [h_{t-1}; x_t; 1] y RX[t] = [r ⊙ h_{t-1}; x_t; 1]: un producto por bloque y paso, con
    # la entrada y el sesgo incluidos; h_t se escribe directo en Z[t+1].
    Z = np.empty((T + 1, K, m), dtype=dtype)
    RX = np.empty((T, K, m), dtype=dtype)
    Z[0, :n_h] = h0
    Z[:T, n_h:-1] = x.transpose(2, 0, 1)
    Z[:, -1] = 1.0
    RX[:, n_h:] = Z[:T, n_h:]
    A = np.empty((T if guardar else 1, 3 * n_h, m), dtype=dtype)  # z, r y h̃ ya activadas
    matmul, tanh, multiply, subtract = np.matmul, np.tanh, np.multiply, np.subtract
    for z, rx, a, hn in zip(Z[:T], RX, A if guardar else [A[0]] * T, Z[1:, :n_h]):
        h = z[:n_h]
        zr, c = a[:2 * n_h], a[2 * n_h:]
        tanh(matmul(W_zr, z, zr), zr)
        zr *= 0.5
        zr += 0.5
        multiply(a[n_h:2 * n_h], h, rx[:n_h])
        tanh(matmul(W_c, rx, c), c)
        # h_t = h + z ⊙ (h̃ − h)
        subtract(c, h, hn)
        hn *= a[:n_h]
        hn += h
    H = Z[1:, :n_h].transpose(1, 2, 0)
    return (H, {"Z": Z, "RX": RX, "A": A}) if guardar else (H, None)


def atras(dH: np.ndarray, cache: dict, p: dict):
    """dH (n_h, m, T) → ``(grads, dx, dh0)``; ``grads`` con las claves y formas de ``p``."""
    Z, RX, A = cache["Z"], cache["RX"], cache["A"]
    W = p["W"]
    dtype = W.dtype
    T, K, m = RX.shape
    n_h = A.shape[1] // 3
    Zg, Rg, C = A[:, :n_h], A[:, n_h:2 * n_h], A[:, 2 * n_h:]
    Hp = Z[:T, :n_h]
    W_zrT = np.ascontiguousarray(W[:2 * n_h, :n_h].T)
    W_cT = np.ascontiguousarray(W[2 * n_h:, :n_h].T)
    # Derivadas locales de cada paso, vectorizadas sobre el tiempo.
    Pz = (C - Hp) * Zg * (1 - Zg)  # ∂h/∂(preactivación de z)
    Pc = Zg * (1 - C * C)  # ∂h/∂(preactivación de h̃)
    Pr = Hp * Rg * (1 - Rg)  # ∂(r ⊙ h)/∂(preactivación de r)
    Uz = 1 - Zg  # ∂h_t/∂h_{t-1} directo
    dHt = np.ascontiguousarray(np.asarray(dH, dtype=dtype).transpose(2, 0, 1))
    dZ = np.empty_like(A)
    dh = np.zeros((n_h, m), dtype=dtype)
    drh = np.empty((n_h, m), dtype=dtype)
    temp = np.empty((n_h, m), dtype=dtype)
    for t in range(T - 1, -1, -1):
        dh += dHt[t]
        dz = dZ[t]
        np.multiply(dh, Pz[t], out=dz[:n_h])
        np.multiply(dh, Pc[t], out=dz[2 * n_h:])
        np.matmul(W_cT, dz[2 * n_h:], out=drh)  # ∂L/∂(r ⊙ h_{t-1})
        np.multiply(drh, Pr[t], out=dz[n_h:2 * n_h])
        dh *= Uz[t]
        drh *= Rg[t]
        dh += drh
        dh += np.matmul(W_zrT, dz[:2 * n_h], out=temp)
    # Gradientes de los pesos: la columna de unos de Z y RX da ∂L/∂b.
    dW = np.concatenate([np.tensordot(dZ[:, :2 * n_h], Z[:T], axes=([0, 2], [0, 2])),
                         np.tensordot(dZ[:, 2 * n_h:], RX, axes=([0, 2], [0, 2]))])
    grads = {"W": dW[:, :-1], "b": dW[:, -1:]}
    dx = np.matmul(np.ascontiguousarray(W[:, n_h:].T), dZ).transpose(1, 2, 0)
    return grads, dx, dh
