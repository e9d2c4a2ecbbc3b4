"""Genera ``course/datos/paneles.npz``: las curvas de los paneles de las lecciones 01 y 06, con las referencias."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from course.paneles.base import matriz_con_radio

from . import lstm, retro, rnn

__all__ = ["RADIOS", "LONGITUDES", "OLVIDOS", "ESCALAS", "T_CARRUSEL", "normas_por_distancia", "flujo_de_error",
           "generar", "DESTINO"]

#: Rejillas: exactamente los valores de los deslizadores de cada panel.
RADIOS = np.round(np.arange(0.5, 1.5 + 1e-9, 0.05), 2)
LONGITUDES = np.arange(5, 101, 5)
OLVIDOS = np.round(np.arange(0.5, 1.0 + 1e-9, 0.01), 2)
ESCALAS = np.round(np.arange(0.3, 1.5 + 1e-9, 0.05), 2)
T_CARRUSEL = 60
DESTINO = Path(__file__).resolve().parents[2] / "course" / "datos" / "paneles.npz"


def normas_por_distancia(radio: float, T: int, n_h: int = 16, semilla: int = 0) -> np.ndarray:
    """Normas de ∂h_T/∂h_{T-k} (T,) en una RNN con tanh cuya ``W_h`` es ortogonal por ``radio``."""
    rng = np.random.default_rng(semilla)
    n_x = 4
    W = np.concatenate([matriz_con_radio(n_h, radio, rng), 0.1 * rng.standard_normal((n_h, n_x))], axis=1)
    b = np.zeros((n_h, 1))
    x = 0.5 * rng.standard_normal((n_x, 1, T))
    H = rnn.recorrido(x, np.zeros((n_h, 1)), W, b)
    return rnn.normas_jacobiano(H, W)


def _rnn_carrusel(escala: float, T: int, n_h: int, rng) -> tuple[np.ndarray, np.ndarray]:
    n_x = 3
    x = 0.5 * rng.standard_normal((n_x, 1, T))
    dH = np.zeros((n_h, 1, T))
    dH[:, :, -1] = 1.0
    W = np.hstack([matriz_con_radio(n_h, escala, rng), 0.3 * rng.standard_normal((n_h, n_x))])
    _, _, _, dh_pasos = retro.rnn_atras(dH, x, np.zeros((n_h, 1)), W, np.zeros((n_h, 1)))
    return x, np.linalg.norm(dh_pasos[:, 0, ::-1], axis=0)


def flujo_de_error(olvido: float, escala: float, T: int = T_CARRUSEL, n_h: int = 8,
                   semilla: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Normas ‖∂L/∂C_{T-k}‖ de una LSTM y ‖∂L/∂h_{T-k}‖ de una RNN (L = Σ h_T), k = 0, …, T-1.

    En la LSTM la compuerta de olvido vale ``olvido`` en todos los pasos (pesos cero, sesgo fijo);
    los demás pesos recurrentes tienen radio ``escala``; la RNN usa ``W_h`` ortogonal por ``escala``.
    """
    rng = np.random.default_rng(semilla)
    n_x = 3
    x, normas_rnn = _rnn_carrusel(escala, T, n_h, rng)
    dH = np.zeros((n_h, 1, T))
    dH[:, :, -1] = 1.0
    f = min(max(olvido, 1e-6), 1 - 1e-9)
    p = {}
    for nombre in lstm.NOMBRES:
        p[f"W_{nombre}"] = np.hstack([matriz_con_radio(n_h, escala, rng), 0.3 * rng.standard_normal((n_h, n_x))])
        p[f"b_{nombre}"] = np.zeros((n_h, 1))
    p["W_f"] = np.zeros((n_h, n_h + n_x))
    p["b_f"] = np.full((n_h, 1), np.log(f / (1 - f)))
    _, _, caches = lstm.recorrido(x, np.zeros((n_h, 1)), np.zeros((n_h, 1)), p)
    _, dC_pasos = retro.gradientes_estado(dH, caches, p)
    return np.linalg.norm(dC_pasos[:, 0, ::-1], axis=0), normas_rnn


def generar() -> dict[str, np.ndarray]:
    """Todas las curvas, en las rejillas de los deslizadores (las de T < 100 van rellenas con NaN)."""
    memoria = np.full((len(RADIOS), len(LONGITUDES), LONGITUDES[-1]), np.nan)
    for i, radio in enumerate(RADIOS):
        for j, T in enumerate(LONGITUDES):
            memoria[i, j, :T] = normas_por_distancia(float(radio), int(T))
    lstm_c = np.empty((len(OLVIDOS), len(ESCALAS), T_CARRUSEL))
    rnn_c = np.empty((len(ESCALAS), T_CARRUSEL))
    for j, escala in enumerate(ESCALAS):
        for i, olvido in enumerate(OLVIDOS):
            lstm_c[i, j], rnn_c[j] = flujo_de_error(float(olvido), float(escala))
    return {"memoria_radios": RADIOS, "memoria_longitudes": LONGITUDES, "memoria_normas": memoria,
            "carrusel_olvidos": OLVIDOS, "carrusel_escalas": ESCALAS, "carrusel_lstm": lstm_c, "carrusel_rnn": rnn_c}


def main(argv=None) -> None:
    """``python -m autograder.referencias.paneles [--destino RUTA]``: reescribe el archivo de los paneles."""
    parser = argparse.ArgumentParser(description="Precalcula las curvas de los paneles de las lecciones 01 y 06.")
    parser.add_argument("--destino", type=Path, default=DESTINO)
    destino = parser.parse_args(argv).destino
    # float32 basta para una gráfica logarítmica y deja el archivo a la mitad.
    np.savez_compressed(destino, **{k: v.astype(np.float32) if v.ndim >= 2 else v for k, v in generar().items()})
    print(f"Escrito {destino}")


if __name__ == "__main__":
    main()
