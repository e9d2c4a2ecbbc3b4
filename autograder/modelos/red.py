"""Red recurrente de varios a uno: una capa (RNN, LSTM o GRU) y una salida lineal del último estado.

Formas: x (n_x, m, T) → salida (n_y, m) = W_y·h_T + b_y, con ``W_y`` (n_y, n_h) y ``b_y`` (n_y, 1).
"""

from __future__ import annotations

import numpy as np

from . import gru, lstm, perdidas, rnn

__all__ = ["CELDAS", "Red"]

#: Celdas disponibles; la LSTM admite las variantes de :data:`lstm.VARIANTES`.
CELDAS = ("rnn", "lstm", "gru")


class Red:
    """Capa recurrente + capa de salida, con pérdida ``"entropia"`` (clases) o ``"cuadratica"``.

    Args:
        celda: ``"rnn"``, ``"lstm"`` o ``"gru"``.
        n_x, n_h, n_y: tamaños de la entrada, del estado oculto y de la salida.
        perdida: ``"entropia"`` (y son enteros (m,)) o ``"cuadratica"`` (y es (n_y, m)).
        semilla: semilla de la inicialización.
        variante: variante de la LSTM (``"estandar"``, ``"mirilla"``, ``"acoplada"``).
        sesgo_memoria: sesgo inicial que favorece recordar: +sesgo en la compuerta de olvido de la
            LSTM y −sesgo en la compuerta de actualización de la GRU (la RNN no tiene compuertas).
    """

    def __init__(self, celda: str, n_x: int, n_h: int, n_y: int, perdida: str = "entropia", semilla: int = 0,
                 variante: str = "estandar", dtype=np.float64, sesgo_memoria: float = 1.0):
        if celda not in CELDAS:
            raise ValueError(f"celda desconocida {celda!r}; usa una de {CELDAS}")
        if perdida not in ("entropia", "cuadratica"):
            raise ValueError("perdida debe ser 'entropia' o 'cuadratica'")
        rng = np.random.default_rng(semilla)
        self.celda, self.variante, self.perdida, self.n_h = celda, variante, perdida, n_h
        if celda == "lstm":
            self.params = lstm.iniciar(n_x, n_h, rng, variante, dtype, sesgo_olvido=sesgo_memoria)
        elif celda == "gru":
            self.params = gru.iniciar(n_x, n_h, rng, dtype, sesgo_actualizacion=-sesgo_memoria)
        else:
            self.params = rnn.iniciar(n_x, n_h, rng, dtype)
        k = 1.0 / np.sqrt(n_h)
        self.params["W_y"] = rng.uniform(-k, k, (n_y, n_h)).astype(dtype)
        self.params["b_y"] = np.zeros((n_y, 1), dtype=dtype)

    def _recurrente(self, x: np.ndarray, guardar: bool = True):
        h0 = np.zeros((self.n_h, x.shape[1]), dtype=self.params["W"].dtype)
        if self.celda == "lstm":
            return lstm.adelante(x, h0, self.params, self.variante, guardar=guardar)
        return {"rnn": rnn, "gru": gru}[self.celda].adelante(x, h0, self.params, guardar=guardar)

    def salida(self, x: np.ndarray) -> np.ndarray:
        """x (n_x, m, T) → (n_y, m): logits (entropía) o predicciones (cuadrática)."""
        H, _ = self._recurrente(x, guardar=False)  # solo predice: sin lo que necesitaría la retropropagación
        return self.params["W_y"] @ H[:, :, -1] + self.params["b_y"]

    def predecir(self, x: np.ndarray) -> np.ndarray:
        """Clase más probable (m,) con pérdida de entropía; la salida (n_y, m) con la cuadrática."""
        s = self.salida(x)
        return s.argmax(axis=0) if self.perdida == "entropia" else s

    def perdida_y_gradientes(self, x: np.ndarray, y: np.ndarray) -> tuple[float, dict]:
        """Pérdida promedio del lote y sus gradientes (mismas claves y formas que ``params``)."""
        H, cache = self._recurrente(x)
        h_T = H[:, :, -1]
        s = self.params["W_y"] @ h_T + self.params["b_y"]
        if self.perdida == "entropia":
            valor, ds = perdidas.entropia_cruzada_softmax(s, y)
        else:
            valor, ds = perdidas.error_cuadratico(s, y)
        dH = np.zeros_like(H)
        dH[:, :, -1] = self.params["W_y"].T @ ds
        if self.celda == "lstm":
            grads = lstm.atras(dH, cache, self.params)[0]
        else:
            grads = {"rnn": rnn, "gru": gru}[self.celda].atras(dH, cache, self.params)[0]
        grads["W_y"] = ds @ h_T.T
        grads["b_y"] = ds.sum(axis=1, keepdims=True)
        return valor, grads
