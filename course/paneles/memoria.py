"""Panel de la lección 01: cómo se desvanece o explota el gradiente con la distancia."""

from __future__ import annotations

import numpy as np

from ..graficas import grafica_normas
from .base import Panel, indice_de, registrar_panel, tabla_precalculada

__all__ = ["panel_gradientes", "normas_por_distancia"]


def normas_por_distancia(radio: float, T: int) -> tuple[np.ndarray, np.ndarray]:
    """Normas de ∂h_T/∂h_{T-k} en una RNN con tanh (precalculadas) y en su versión lineal, (T,) cada una.

    La matriz recurrente ``W_h`` es ortogonal escalada por ``radio``; las curvas con tanh vienen
    de ``course/datos/paneles.npz`` (para los valores de los deslizadores).
    """
    tabla = tabla_precalculada("memoria")
    i = indice_de(radio, tabla["memoria_radios"])
    j = indice_de(T, tabla["memoria_longitudes"])
    T = int(tabla["memoria_longitudes"][j])
    normas_tanh = tabla["memoria_normas"][i, j, :T].astype(float)
    normas_lineal = float(tabla["memoria_radios"][i]) ** np.arange(T, dtype=float)
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
