"""GRU de referencia en la forma de las notas del curso y su traducción a la de PyTorch.

Forma del curso (Cho et al., 2014, escrita como en las notas)::

    z_t = σ(W_z·[h_prev; x_t] + b_z)              compuerta de actualización
    r_t = σ(W_r·[h_prev; x_t] + b_r)              compuerta de reinicio
    h̃_t = tanh(W_htilde·[r_t ⊙ h_prev; x_t] + b_htilde)
    h_t = (1 − z_t) ⊙ h_prev + z_t ⊙ h̃_t

Parámetros: ``W_z, b_z, W_r, b_r, W_htilde, b_htilde``; cada ``W`` (n_h, n_h + n_x) con las
primeras n_h columnas para ``h_prev``, cada ``b`` (n_h, 1).

PyTorch (``nn.GRU``) escribe la misma celda con dos diferencias:

1. su z hace el papel contrario: ``h_t = (1 − z') ⊙ n + z' ⊙ h_prev``; con z' = 1 − z = σ(−a_z)
   basta cambiar el signo de los pesos y el sesgo de z;
2. aplica r *después* del producto: ``n = tanh(W_in·x_t + b_in + r ⊙ (W_hn·h_prev + b_hn))``.
   Las dos formas coinciden cuando el bloque recurrente del candidato ``W_htilde[:, :n_h]`` es
   diagonal y ``b_hn = 0``; en general son celdas distintas. :func:`celda_reinicio_despues`
   es la forma de PyTorch en la notación del curso, con el sesgo extra ``b_hn`` (n_h, 1).

``a_torch`` y ``desde_torch`` traducen los pesos (orden de PyTorch: r, z, n).
"""

from __future__ import annotations

import numpy as np

from . import lstm
from .lstm import sigmoide

__all__ = [
    "NOMBRES",
    "actualizacion",
    "reinicio",
    "candidato",
    "celda",
    "recorrido",
    "celda_reinicio_despues",
    "recorrido_reinicio_despues",
    "parametros_aleatorios",
    "a_torch",
    "desde_torch",
]

#: Las tres redes internas de la celda.
NOMBRES = ("z", "r", "htilde")


def _concatenar(h, x_t):
    return np.concatenate([h, x_t], axis=0)


def actualizacion(x_t, h_prev, W_z, b_z):
    """Compuerta de actualización z_t = σ(W_z·[h_prev; x_t] + b_z) → (n_h, m)."""
    return sigmoide(W_z @ _concatenar(h_prev, x_t) + b_z)


def reinicio(x_t, h_prev, W_r, b_r):
    """Compuerta de reinicio r_t = σ(W_r·[h_prev; x_t] + b_r) → (n_h, m)."""
    return sigmoide(W_r @ _concatenar(h_prev, x_t) + b_r)


def candidato(x_t, h_prev, r_t, W_htilde, b_htilde):
    """Candidato h̃_t = tanh(W_htilde·[r_t ⊙ h_prev; x_t] + b_htilde) → (n_h, m)."""
    return np.tanh(W_htilde @ _concatenar(r_t * h_prev, x_t) + b_htilde)


def celda(x_t, h_prev, p: dict) -> np.ndarray:
    """Un paso de la GRU del curso: x_t (n_x, m), h_prev (n_h, m) → h_t (n_h, m)."""
    z = actualizacion(x_t, h_prev, p["W_z"], p["b_z"])
    r = reinicio(x_t, h_prev, p["W_r"], p["b_r"])
    h_tilde = candidato(x_t, h_prev, r, p["W_htilde"], p["b_htilde"])
    return (1 - z) * h_prev + z * h_tilde


def _recorrer(paso, x, h0):
    n_h, m = h0.shape
    T = x.shape[2]
    H = np.zeros((n_h, m, T))
    h = h0
    for t in range(T):
        h = paso(x[:, :, t], h)
        H[:, :, t] = h
    return H


def recorrido(x, h0, p: dict) -> np.ndarray:
    """Aplica :func:`celda` a x (n_x, m, T) desde h0 (n_h, m) → H (n_h, m, T), H[:, :, t] = h_{t+1}."""
    return _recorrer(lambda x_t, h: celda(x_t, h, p), x, h0)


def celda_reinicio_despues(x_t, h_prev, p: dict, b_hn: np.ndarray | None = None) -> np.ndarray:
    """La celda de PyTorch en la notación del curso (z del curso, r después del producto).

    Formas: x_t (n_x, m), h_prev (n_h, m), b_hn (n_h, 1) o None (ceros) → h_t (n_h, m).
    """
    n_h = h_prev.shape[0]
    z = actualizacion(x_t, h_prev, p["W_z"], p["b_z"])
    r = reinicio(x_t, h_prev, p["W_r"], p["b_r"])
    W = p["W_htilde"]
    recurrente = W[:, :n_h] @ h_prev + (0 if b_hn is None else b_hn)
    h_tilde = np.tanh(W[:, n_h:] @ x_t + p["b_htilde"] + r * recurrente)
    return (1 - z) * h_prev + z * h_tilde


def recorrido_reinicio_despues(x, h0, p: dict, b_hn: np.ndarray | None = None) -> np.ndarray:
    """Como :func:`recorrido` con :func:`celda_reinicio_despues` → H (n_h, m, T)."""
    return _recorrer(lambda x_t, h: celda_reinicio_despues(x_t, h, p, b_hn), x, h0)


def parametros_aleatorios(n_x: int, n_h: int, rng: np.random.Generator, escala: float = 1.0) -> dict:
    """``W_z, W_r, W_htilde`` (n_h, n_h + n_x) y ``b_*`` (n_h, 1), normales por ``escala``."""
    return lstm.parametros_aleatorios(n_x, n_h, rng, escala, nombres=NOMBRES)


def a_torch(p: dict, b_hn: np.ndarray | None = None) -> dict:
    """Pesos del curso → ``weight_ih_l0`` (3·n_h, n_x), ``weight_hh_l0`` (3·n_h, n_h),
    ``bias_ih_l0`` y ``bias_hh_l0`` (3·n_h,) de ``nn.GRU``, en su orden (r, z, n).

    La z de PyTorch es 1 − z: sus pesos y su sesgo llevan el signo contrario. Con estos pesos
    ``nn.GRU`` calcula :func:`celda_reinicio_despues` (y :func:`celda` si el bloque recurrente
    de ``W_htilde`` es diagonal y ``b_hn`` es None).
    """
    n_h = p["b_z"].shape[0]
    bloques = [(p["W_r"], p["b_r"]), (-p["W_z"], -p["b_z"]), (p["W_htilde"], p["b_htilde"])]
    sesgo_hh = np.zeros((3 * n_h,))
    if b_hn is not None:
        sesgo_hh[2 * n_h:] = b_hn[:, 0]
    return {
        "weight_ih_l0": np.vstack([W[:, n_h:] for W, _ in bloques]),
        "weight_hh_l0": np.vstack([W[:, :n_h] for W, _ in bloques]),
        "bias_ih_l0": np.concatenate([b[:, 0] for _, b in bloques]),
        "bias_hh_l0": sesgo_hh,
    }


def desde_torch(pesos: dict) -> tuple[dict, np.ndarray]:
    """Inversa de :func:`a_torch`: los cuatro arreglos de ``nn.GRU`` → ``(p, b_hn)``.

    Los sesgos de r y z de PyTorch se suman (ih + hh); el de n del lado ``hh`` no se puede
    mover afuera de r, así que se devuelve aparte como ``b_hn`` (n_h, 1).
    """
    W_ih, W_hh = np.asarray(pesos["weight_ih_l0"]), np.asarray(pesos["weight_hh_l0"])
    b_ih, b_hh = np.asarray(pesos["bias_ih_l0"]), np.asarray(pesos["bias_hh_l0"])
    n_h = W_hh.shape[1]
    filas = {nombre: slice(k * n_h, (k + 1) * n_h) for k, nombre in enumerate(("r", "z", "htilde"))}
    p = {}
    for nombre, signo in (("r", 1.0), ("z", -1.0), ("htilde", 1.0)):
        s = filas[nombre]
        p[f"W_{nombre}"] = signo * np.hstack([W_hh[s], W_ih[s]])
        sesgo = b_ih[s] if nombre == "htilde" else b_ih[s] + b_hh[s]
        p[f"b_{nombre}"] = signo * sesgo[:, None]
    return p, b_hh[filas["htilde"]][:, None].copy()
