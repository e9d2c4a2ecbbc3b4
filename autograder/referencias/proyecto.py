"""Referencias del proyecto final: pérdida de la decisión del verbo, ciclo de entrenamiento y normas por la cinta."""

from __future__ import annotations

import numpy as np

from ..modelos.adam import actualizar_adam
from ..modelos.recorte import limitar_norma
from .lstm import NOMBRES, recorrido, sigmoide
from .retro import recorrido_atras

__all__ = ["CLAVES_LSTM", "perdida_decision", "entrenar", "normas_cinta", "exactitud"]

#: Los parámetros de la celda (sin la capa de salida W_y, b_y), como los usa la retropropagación.
CLAVES_LSTM = tuple(f"{t}_{n}" for n in NOMBRES for t in ("W", "b"))


def perdida_decision(H: np.ndarray, y: np.ndarray, W_y: np.ndarray, b_y: np.ndarray):
    """Entropía cruzada binaria de ŷ = σ(W_y·h_T + b_y), promediada en los ejemplos, y sus gradientes.

    Formas: H (n_h, m, T), y (1, m), W_y (1, n_h), b_y (1, 1) → ``(perdida, dH (n_h, m, T), dW_y, db_y)``;
    ``dH`` solo es distinto de cero en el último paso.
    """
    m = y.shape[1]
    h_T = H[:, :, -1]
    y_hat = sigmoide(W_y @ h_T + b_y)
    perdida = float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))
    dz = (y_hat - y) / m
    dH = np.zeros_like(H)
    dH[:, :, -1] = W_y.T @ dz
    return perdida, dH, dz @ h_T.T, np.sum(dz, axis=1, keepdims=True)


def entrenar(x: np.ndarray, y: np.ndarray, p0: dict, pasos: int, tasa: float, umbral: float):
    """``pasos`` iteraciones de Adam con recorte por la norma global sobre el lote completo, desde h0 = C0 = 0.

    ``p0`` trae los ocho parámetros de la celda más ``W_y`` y ``b_y``; no se modifica. Devuelve
    ``(p, historial)`` con la pérdida de cada iteración, calculada antes de mover los parámetros.
    """
    p = {k: np.array(v, dtype=float) for k, v in p0.items()}
    momentos = {k: np.zeros_like(v) for k, v in p.items()}
    cuadrados = {k: np.zeros_like(v) for k, v in p.items()}
    n_h, m = p["W_f"].shape[0], x.shape[1]
    historial = []
    for t in range(1, pasos + 1):
        H, _, caches = recorrido(x, np.zeros((n_h, m)), np.zeros((n_h, m)), p)
        perdida, dH, dW_y, db_y = perdida_decision(H, y, p["W_y"], p["b_y"])
        grads, _, _ = recorrido_atras(dH, caches, {k: p[k] for k in CLAVES_LSTM})
        grads["W_y"], grads["b_y"] = dW_y, db_y
        grads, _ = limitar_norma(grads, umbral)
        for k in p:
            p[k], momentos[k], cuadrados[k] = actualizar_adam(p[k], grads[k], momentos[k], cuadrados[k], t, tasa)
        historial.append(perdida)
    return p, historial


def normas_cinta(caches: list[dict]) -> np.ndarray:
    """‖∂C_T/∂C_(T−k)‖₂ por el camino de la cinta, ‖diag(f_T ⊙ … ⊙ f_(T−k+1))‖₂, para un ejemplo (m = 1): (T,)."""
    T = len(caches)
    normas = np.ones(T)
    producto = np.ones(caches[-1]["f"].shape[0])
    for k in range(1, T):
        producto = producto * caches[T - k]["f"][:, 0]
        normas[k] = np.max(np.abs(producto))
    return normas


def exactitud(p: dict, x: np.ndarray, y: np.ndarray) -> float:
    """Fracción de frases en las que ŷ = σ(W_y·h_T + b_y) cae del lado correcto de 1/2."""
    n_h, m = p["W_f"].shape[0], x.shape[1]
    H, _, _ = recorrido(x, np.zeros((n_h, m)), np.zeros((n_h, m)), p)
    y_hat = sigmoide(p["W_y"] @ H[:, :, -1] + p["b_y"])
    return float(np.mean((y_hat > 0.5) == (y > 0.5)))
