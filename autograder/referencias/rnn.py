"""RNN simple de referencia: celda, recorrido, pérdida, sus gradientes y normas del jacobiano."""

from __future__ import annotations

import numpy as np

__all__ = ["separar_pesos", "celda", "recorrido", "entropia_cruzada", "paso_atras", "gradiente_bce", "normas_jacobiano"]


def separar_pesos(W: np.ndarray, n_h: int) -> tuple[np.ndarray, np.ndarray]:
    """Parte ``W`` (n_h, n_h + n_x) en ``W_h`` (n_h, n_h) y ``W_x`` (n_h, n_x)."""
    return W[:, :n_h], W[:, n_h:]


def celda(x_t: np.ndarray, h_prev: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Un paso: ``tanh(W·[h_prev; x_t] + b)``.

    Formas: x_t (n_x, m), h_prev (n_h, m), W (n_h, n_h + n_x), b (n_h, 1) → (n_h, m).
    """
    return np.tanh(W @ np.concatenate([h_prev, x_t], axis=0) + b)


def recorrido(x: np.ndarray, h0: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Aplica :func:`celda` a toda la secuencia.

    Formas: x (n_x, m, T), h0 (n_h, m) → H (n_h, m, T) con H[:, :, t] = h_{t+1}.
    """
    n_h, m = h0.shape
    T = x.shape[2]
    H = np.zeros((n_h, m, T))
    h = h0
    for t in range(T):
        h = celda(x[:, :, t], h, W, b)
        H[:, :, t] = h
    return H


def entropia_cruzada(y_hat: np.ndarray, y: np.ndarray) -> float:
    """Entropía cruzada binaria sumada en el tiempo y promediada en los ejemplos.

    Formas: y_hat, y (1, m, T) → escalar.
    """
    m = y.shape[1]
    por_paso = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    return float(np.sum(por_paso) / m)


def paso_atras(dh: np.ndarray, cache: dict, W: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Un paso de :func:`celda` hacia atrás.

    Formas: dh (n_h, m) = ∂L/∂h_t; ``cache`` con x_t (n_x, m), h_prev y h_t (n_h, m); W (n_h, n_h + n_x).
    Devuelve ``(dh_prev (n_h, m), dx_t (n_x, m), dW (n_h, n_h + n_x), db (n_h, 1))``.
    """
    n_h = dh.shape[0]
    da = dh * (1 - cache["h_t"] ** 2)
    concatenado = np.concatenate([cache["h_prev"], cache["x_t"]], axis=0)
    d_concatenado = W.T @ da
    return d_concatenado[:n_h], d_concatenado[n_h:], da @ concatenado.T, np.sum(da, axis=1, keepdims=True)


def gradiente_bce(H: np.ndarray, W_y: np.ndarray, b_y: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradientes de :func:`entropia_cruzada` con ``ŷ_t = σ(W_y·h_t + b_y)`` en cada paso.

    Formas: H (n_h, m, T), W_y (1, n_h), b_y (1, 1), y (1, m, T). Devuelve ``(dH (n_h, m, T),
    dW_y (1, n_h), db_y (1, 1))``, con ∂L/∂z_t = (ŷ_t − y_t)/m para la preactivación z_t.
    """
    m = H.shape[1]
    y_hat = 1 / (1 + np.exp(-(np.einsum("ih,hmt->imt", W_y, H) + b_y[:, :, None])))
    dZ = (y_hat - y) / m
    return (np.einsum("ih,imt->hmt", W_y, dZ), np.einsum("imt,hmt->ih", dZ, H),
            np.sum(dZ, axis=(1, 2)).reshape(1, 1))


def normas_jacobiano(H: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Normas espectrales de ∂h_T/∂h_{T-k} para k = 0, …, T-1 (un solo ejemplo).

    Formas: H (n_h, 1, T) estados h_1…h_T, W (n_h, n_h + n_x) → (T,).
    """
    n_h, _, T = H.shape
    W_h = W[:, :n_h]
    J = np.eye(n_h)
    normas = np.empty(T)
    normas[0] = 1.0
    for k in range(1, T):
        h_j = H[:, 0, T - k]
        J = J @ ((1 - h_j**2)[:, None] * W_h)
        normas[k] = np.linalg.norm(J, 2)
    return normas
