"""Panel de la lección 05: las tres compuertas a la vez, con C_t y h_t a lo largo de una secuencia."""

from __future__ import annotations

import numpy as np

from ..graficas import leyenda_fuera
from .base import Panel, limite_simetrico, registrar_panel

__all__ = ["panel_salida", "CANDIDATOS"]

#: Valor candidato de cada paso (una unidad): un pulso positivo y luego uno negativo.
CANDIDATOS = np.concatenate([np.full(5, 0.9), np.zeros(15), np.full(5, -0.9), np.zeros(15)])


def _dibujar(fig, f: float, i: float, o: float) -> str:
    T = CANDIDATOS.size
    # Una unidad con compuertas constantes: escalares de Python, paso por paso.
    C = np.empty(T)
    c = 0.0
    for t, candidato in enumerate(CANDIDATOS):
        c = f * c + i * candidato
        C[t] = c
    H = o * np.tanh(C)
    pasos = np.arange(1, T + 1)
    ax = fig.add_subplot(1, 1, 1)
    ax.bar(pasos, CANDIDATOS, color="tab:orange", alpha=0.3, label="valor candidato C̃_t")
    ax.plot(pasos, C, "o-", ms=3, color="black", label="estado de la celda C_t")
    ax.plot(pasos, H, "s-", ms=3, color="tab:purple", label="estado oculto h_t = o ⊙ tanh(C_t)")
    ax.axhline(0, color="gray", lw=0.5)
    for borde in (-1, 1):
        ax.axhline(borde, color="tab:purple", lw=0.6, ls=":")
    # El eje sigue a C_t (con f = i = 1 llega a 4.5); h_t nunca sale de ±1 (las líneas punteadas).
    limite = limite_simetrico(C, CANDIDATOS, H, minimo=1.1)
    ax.set_ylim(-limite, limite)
    ax.set_xlabel("paso t")
    ax.set_title(f"f = {f:.2f},  i = {i:.2f},  o = {o:.2f}")
    leyenda_fuera(ax)
    fig.tight_layout()
    return f"Mayor |C_t| = {np.abs(C).max():.3f}; mayor |h_t| = {np.abs(H).max():.3f}; al final h_T = {H[-1]:.3f}."


@registrar_panel
def panel_salida() -> Panel:
    """Deslizadores para las compuertas de olvido, de entrada y de salida (constantes en el tiempo)."""
    import ipywidgets as widgets

    controles = {
        "f": widgets.FloatSlider(value=0.9, min=0.0, max=1.0, step=0.05, description="compuerta de olvido f"),
        "i": widgets.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.05, description="compuerta de entrada i"),
        "o": widgets.FloatSlider(value=1.0, min=0.0, max=1.0, step=0.05, description="compuerta de salida o"),
    }
    return Panel(_dibujar, controles, titulo="Las tres compuertas a la vez")
