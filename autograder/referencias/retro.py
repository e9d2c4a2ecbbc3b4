"""Retropropagación de referencia: un paso y una secuencia de la LSTM, y la RNN simple."""

from __future__ import annotations

import numpy as np

from .lstm import NOMBRES

__all__ = ["carrusel", "paso_atras", "recorrido_atras", "gradientes_estado", "rnn_atras", "diferencias_centradas"]


def diferencias_centradas(funcion, x: np.ndarray, eps: float = 1e-5, indices=None,
                          en_su_lugar: bool = False) -> np.ndarray:
    """Gradiente numérico de ``funcion`` (arreglo → número) en ``x`` por diferencias centradas.

    Es el único gradiente numérico del proyecto (referencias y pruebas). Formas: x (cualquiera) →
    gradiente de la misma forma; ``x`` queda intacto. Con ``indices``, solo esas entradas, en un
    arreglo plano y en ese orden. Con ``en_su_lugar``, mueve las entradas del propio ``x`` (para
    funciones que lo leen desde fuera, como los parámetros de una red) y lo deja como estaba.
    """
    objetivo = x if en_su_lugar else np.array(x, dtype=float)
    lista = list(np.ndindex(objetivo.shape)) if indices is None else list(indices)
    derivadas = np.zeros(len(lista))
    for k, indice in enumerate(lista):
        original = objetivo[indice]
        objetivo[indice] = original + eps
        mas = funcion(objetivo)
        objetivo[indice] = original - eps
        menos = funcion(objetivo)
        objetivo[indice] = original
        derivadas[k] = (mas - menos) / (2 * eps)
    return derivadas.reshape(objetivo.shape) if indices is None else derivadas


def carrusel(dC_T: np.ndarray, F: np.ndarray) -> np.ndarray:
    """Error que llega a C_{T-k} solo por el camino del estado de la celda.

    Formas: dC_T (n_h, m) = ∂L/∂C_T; F (n_h, m, T) con F[:, :, t-1] = f_t →
    D (n_h, m, T) con D[:, :, k] = dC_T ⊙ f_T ⊙ f_{T-1} ⊙ … ⊙ f_{T-k+1}.
    """
    T = F.shape[2]
    D = np.zeros(F.shape)
    D[:, :, 0] = dC_T
    for k in range(1, T):
        D[:, :, k] = D[:, :, k - 1] * F[:, :, T - k]
    return D


def paso_atras(dh: np.ndarray, dC: np.ndarray, cache: dict, p: dict) -> tuple[dict, np.ndarray, np.ndarray]:
    """Un paso de la LSTM hacia atrás.

    Formas: ``dh`` = ∂L/∂h_t y ``dC`` = ∂L/∂C_t que llega del futuro, ambos (n_h, m);
    ``cache`` es el de :func:`autograder.referencias.lstm.celda`. Devuelve
    ``(grads, dh_prev, dC_prev)``: ``grads`` tiene las claves de ``p`` (W_* (n_h, n_h + n_x),
    b_* (n_h, 1)); ``dh_prev`` y ``dC_prev`` son (n_h, m).
    """
    f, i, C_tilde, o = cache["f"], cache["i"], cache["C_tilde"], cache["o"]
    tanh_C = np.tanh(cache["C_t"])
    n_h = f.shape[0]
    dC_total = dC + dh * o * (1 - tanh_C**2)
    # Derivadas respecto a las preactivaciones (lo que entra a σ o a tanh).
    da = {
        "f": dC_total * cache["C_prev"] * f * (1 - f),
        "i": dC_total * C_tilde * i * (1 - i),
        "C": dC_total * i * (1 - C_tilde**2),
        "o": dh * tanh_C * o * (1 - o),
    }
    concatenado = np.concatenate([cache["h_prev"], cache["x_t"]], axis=0)
    grads = {}
    d_concatenado = np.zeros_like(concatenado)
    for nombre in NOMBRES:
        grads[f"W_{nombre}"] = da[nombre] @ concatenado.T
        grads[f"b_{nombre}"] = np.sum(da[nombre], axis=1, keepdims=True)
        d_concatenado += p[f"W_{nombre}"].T @ da[nombre]
    return grads, d_concatenado[:n_h], dC_total * f


def _recorrer_atras(dH, caches, p):
    n_h, m, T = dH.shape
    grads = {clave: np.zeros_like(valor) for clave, valor in p.items()}
    dh_pasos = np.zeros((n_h, m, T))
    dC_pasos = np.zeros((n_h, m, T))
    dh_futuro = np.zeros((n_h, m))
    dC = np.zeros((n_h, m))
    for t in reversed(range(T)):
        dh = dH[:, :, t] + dh_futuro
        dh_pasos[:, :, t] = dh
        g, dh_futuro, dC_prev = paso_atras(dh, dC, caches[t], p)
        # ∂L/∂C_t completo: lo que llega del futuro más lo que pasa por h_t.
        cache = caches[t]
        dC_pasos[:, :, t] = dC + dh * cache["o"] * (1 - np.tanh(cache["C_t"]) ** 2)
        dC = dC_prev
        for clave in grads:
            grads[clave] += g[clave]
    return grads, dh_futuro, dC, dh_pasos, dC_pasos


def recorrido_atras(dH: np.ndarray, caches: list[dict], p: dict) -> tuple[dict, np.ndarray, np.ndarray]:
    """Retropropagación a través del tiempo de :func:`autograder.referencias.lstm.recorrido`.

    Formas: ``dH`` (n_h, m, T) con ∂L/∂h_t directo de la pérdida de cada paso; ``caches``
    lista de T caches. Devuelve ``(grads, dh0, dC0)`` con los gradientes sumados en el tiempo.
    """
    grads, dh0, dC0, _, _ = _recorrer_atras(dH, caches, p)
    return grads, dh0, dC0


def gradientes_estado(dH: np.ndarray, caches: list[dict], p: dict) -> tuple[np.ndarray, np.ndarray]:
    """∂L/∂h_t y ∂L/∂C_t completos en cada paso: ``(dh_pasos, dC_pasos)``, ambos (n_h, m, T)."""
    _, _, _, dh_pasos, dC_pasos = _recorrer_atras(dH, caches, p)
    return dh_pasos, dC_pasos


def rnn_atras(dH: np.ndarray, x: np.ndarray, h0: np.ndarray, W: np.ndarray, b: np.ndarray):
    """Retropropagación a través del tiempo de la RNN simple ``h_t = tanh(W·[h_{t-1}; x_t] + b)``.

    Formas: dH (n_h, m, T) con ∂L/∂h_t directo, x (n_x, m, T), h0 (n_h, m), W (n_h, n_h + n_x),
    b (n_h, 1). Devuelve ``(dW, db, dh0, dh_pasos)``; ``dh_pasos`` (n_h, m, T) es ∂L/∂h_t completo.
    """
    from .rnn import paso_atras as paso_atras_rnn, recorrido

    n_h, m, T = dH.shape
    H = recorrido(x, h0, W, b)
    dW = np.zeros_like(W)
    db = np.zeros_like(b)
    dh_pasos = np.zeros((n_h, m, T))
    dh_futuro = np.zeros((n_h, m))
    for t in reversed(range(T)):
        dh = dH[:, :, t] + dh_futuro
        dh_pasos[:, :, t] = dh
        cache = {"x_t": x[:, :, t], "h_prev": H[:, :, t - 1] if t > 0 else h0, "h_t": H[:, :, t]}
        dh_futuro, _, dW_t, db_t = paso_atras_rnn(dh, cache, W)
        dW += dW_t
        db += db_t
    return dW, db, dh_futuro, dh_pasos
