"""Panel de la lección 01: cómo se desvanece o explota el gradiente con la distancia."""

from __future__ import annotations

import numpy as np

from ..graficas import grafica_normas
from ..referencia import rnn
from .base import Panel, registrar_panel

__all__ = ["panel_gradientes", "normas_por_distancia"]


def normas_por_distancia(radio: float, T: int, n_h: int = 16, semilla: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Normas de ∂h_T/∂h_{T-k} en una RNN con tanh y en su versión lineal.

    La matriz recurrente ``W_h`` es ortogonal escalada por ``radio`` (su radio
    espectral). Devuelve ``(normas_tanh, normas_lineal)``, cada una de forma (T,).
    """
    rng = np.random.default_rng(semilla)
    n_x = 4
    W = np.concatenate([rnn.matriz_con_radio(n_h, radio, rng), 0.1 * rng.standard_normal((n_h, n_x))], axis=1)
    b = np.zeros((n_h, 1))
    x = 0.5 * rng.standard_normal((n_x, 1, T))
    H = rnn.recorrido(x, np.zeros((n_h, 1)), W, b)
    normas_tanh = rnn.normas_jacobiano(H, W)
    normas_lineal = radio ** np.arange(T, dtype=float)
    return normas_tanh, normas_lineal


def _describir(norma: float) -> str:
    if norma < 1e-3:
        return "se desvanece"
    if norma > 1e3:
        return "explota"
    return "sobrevive"


def _dibujar(fig, radio: float, T: int) -> str:
    normas_tanh, normas_lineal = normas_por_distancia(radio, T)
    ax = fig.add_subplot(1, 1, 1)
    grafica_normas(ax, {"RNN con tanh": normas_tanh, "sin tanh (ρ^k)": normas_lineal})
    ax.set_title(f"Radio espectral de W_h = {radio:.2f}")
    fig.tight_layout()
    k = T - 1
    return (
        f"A distancia {k}: con tanh ‖∂h_T/∂h_(T-{k})‖ = {normas_tanh[-1]:.2e} ({_describir(normas_tanh[-1])}); "
        f"sin tanh = {normas_lineal[-1]:.2e} ({_describir(normas_lineal[-1])})."
    )


@registrar_panel
def panel_gradientes() -> Panel:
    """Deslizadores para el radio espectral de ``W_h`` y la longitud de la secuencia."""
    import ipywidgets as widgets

    controles = {
        "radio": widgets.FloatSlider(value=0.9, min=0.5, max=1.5, step=0.05, description="radio espectral de W_h"),
        "T": widgets.IntSlider(value=40, min=5, max=100, step=5, description="longitud T"),
    }
    return Panel(_dibujar, controles, titulo="¿Cuánto gradiente llega desde lejos?")
