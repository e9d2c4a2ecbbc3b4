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


#: Criterio del panel, relativo a la norma a distancia 0 (que vale 1): por debajo «se desvanece», por encima «explota».
DESVANECE = 1e-2
EXPLOTA = 1e2


def _describir(relativa: float) -> str:
    if relativa < DESVANECE:
        return "se desvanece"
    if relativa > EXPLOTA:
        return "explota"
    return "llega"


def _dibujar(fig, radio: float, T: int) -> str:
    normas_tanh, normas_lineal = normas_por_distancia(radio, T)
    ax = fig.add_subplot(1, 1, 1)
    grafica_normas(ax, {"RNN con tanh": normas_tanh, "sin tanh (ρ^k)": normas_lineal},
                   umbrales={EXPLOTA: "explota (> 10²)", DESVANECE: "se desvanece (< 10⁻²)"})
    ax.set_title(f"Radio espectral de W_h = {radio:.2f}")
    fig.tight_layout()
    k = T - 1
    con_tanh, sin_tanh = normas_tanh[-1] / normas_tanh[0], normas_lineal[-1] / normas_lineal[0]
    return (
        f"A distancia {k}: con tanh ‖∂h_T/∂h_(T-{k})‖ = {normas_tanh[-1]:.2e} ({_describir(con_tanh)}); "
        f"sin tanh = {normas_lineal[-1]:.2e} ({_describir(sin_tanh)}). Criterio: comparado con la norma a "
        f"distancia 0 (que vale 1), menos de 10⁻² es «se desvanece» y más de 10² es «explota»."
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
