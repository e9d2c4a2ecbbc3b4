"""Panel de la lección 06: el carrusel de error constante de la LSTM contra la RNN simple."""

from __future__ import annotations

import numpy as np

from ..graficas import grafica_normas
from ..referencia import lstm, retro, rnn
from .base import Panel, registrar_panel

__all__ = ["panel_carrusel", "flujo_de_error"]


def flujo_de_error(olvido: float, escala: float, T: int = 60, n_h: int = 8, semilla: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Normas ‖∂L/∂C_{T-k}‖ de una LSTM y ‖∂L/∂h_{T-k}‖ de una RNN, para k = 0, …, T-1.

    La pérdida es L = Σ h_T (solo el último paso). En la LSTM la compuerta de olvido vale
    ``olvido`` en todos los pasos (pesos cero, sesgo fijo) y las demás redes tienen pesos
    recurrentes con radio ``escala``; la RNN usa ``W_h`` ortogonal por ``escala``.
    Devuelve ``(normas_lstm, normas_rnn)``, cada una de forma (T,) e indexada por distancia.
    """
    rng = np.random.default_rng(semilla)
    n_x = 3
    x = 0.5 * rng.standard_normal((n_x, 1, T))
    dH = np.zeros((n_h, 1, T))
    dH[:, :, -1] = 1.0

    W = np.hstack([rnn.matriz_con_radio(n_h, escala, rng), 0.3 * rng.standard_normal((n_h, n_x))])
    b = np.zeros((n_h, 1))
    _, _, _, dh_pasos = retro.rnn_atras(dH, x, np.zeros((n_h, 1)), W, b)

    f = min(max(olvido, 1e-6), 1 - 1e-9)
    p = {}
    for nombre in lstm.NOMBRES:
        p[f"W_{nombre}"] = np.hstack([rnn.matriz_con_radio(n_h, escala, rng), 0.3 * rng.standard_normal((n_h, n_x))])
        p[f"b_{nombre}"] = np.zeros((n_h, 1))
    p["W_f"] = np.zeros((n_h, n_h + n_x))
    p["b_f"] = np.full((n_h, 1), np.log(f / (1 - f)))
    _, _, caches = lstm.recorrido(x, np.zeros((n_h, 1)), np.zeros((n_h, 1)), p)
    _, dC_pasos = retro.gradientes_estado(dH, caches, p)

    normas_lstm = np.linalg.norm(dC_pasos[:, 0, ::-1], axis=0)
    normas_rnn = np.linalg.norm(dh_pasos[:, 0, ::-1], axis=0)
    return normas_lstm, normas_rnn


def _dibujar(fig, olvido: float, escala: float) -> str:
    normas_lstm, normas_rnn = flujo_de_error(olvido, escala)
    ax = fig.add_subplot(1, 1, 1)
    solo_carrusel = normas_lstm[0] * olvido ** np.arange(len(normas_lstm), dtype=float)
    grafica_normas(ax, {"LSTM: ‖∂L/∂C_(T-k)‖": normas_lstm, "RNN: ‖∂L/∂h_(T-k)‖": normas_rnn}, limite=1e8)
    ax.semilogy(np.arange(len(solo_carrusel)), np.maximum(solo_carrusel, 1e-8), ls=":", color="tab:blue", label="solo el carrusel: f^k")
    ax.legend(loc="best")
    ax.set_title(f"compuerta de olvido = {olvido:.2f}, escala recurrente = {escala:.2f}")
    fig.tight_layout()
    k = len(normas_lstm) - 1
    return (
        f"A distancia {k}: la LSTM conserva {normas_lstm[-1] / normas_lstm[0]:.2e} del error inicial "
        f"por el estado de la celda; la RNN, {normas_rnn[-1] / normas_rnn[0]:.2e}."
    )


@registrar_panel
def panel_carrusel() -> Panel:
    """Deslizadores para el valor de la compuerta de olvido y la escala de los pesos recurrentes."""
    import ipywidgets as widgets

    controles = {
        "olvido": widgets.FloatSlider(value=0.98, min=0.5, max=1.0, step=0.01, description="compuerta de olvido f"),
        "escala": widgets.FloatSlider(value=0.6, min=0.3, max=1.5, step=0.05, description="escala de los pesos recurrentes"),
    }
    return Panel(_dibujar, controles, titulo="¿Cuánto error llega desde lejos?")
