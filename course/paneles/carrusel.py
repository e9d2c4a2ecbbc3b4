"""Panel de la lección 06: el carrusel de error constante de la LSTM contra la RNN simple."""

from __future__ import annotations

import numpy as np

from ..graficas import grafica_normas, leyenda_fuera
from .base import Panel, indice_de, registrar_panel, tabla_precalculada

__all__ = ["panel_carrusel", "flujo_de_error"]


def flujo_de_error(olvido: float, escala: float) -> tuple[np.ndarray, np.ndarray]:
    """Normas ‖∂L/∂C_{T-k}‖ de una LSTM y ‖∂L/∂h_{T-k}‖ de una RNN, para k = 0, …, T-1 (T = 60).

    La pérdida es L = Σ h_T (solo el último paso). En la LSTM la compuerta de olvido vale
    ``olvido`` en todos los pasos y los pesos recurrentes tienen radio ``escala``. Las curvas
    vienen precalculadas en ``course/datos/paneles.npz`` para los valores de los deslizadores.
    """
    tabla = tabla_precalculada("carrusel")
    i = indice_de(olvido, tabla["carrusel_olvidos"])
    j = indice_de(escala, tabla["carrusel_escalas"])
    return tabla["carrusel_lstm"][i, j].astype(float), tabla["carrusel_rnn"][j].astype(float)


def _dibujar(fig, olvido: float, escala: float) -> str:
    normas_lstm, normas_rnn = flujo_de_error(olvido, escala)
    ax = fig.add_subplot(1, 1, 1)
    solo_carrusel = normas_lstm[0] * olvido ** np.arange(len(normas_lstm), dtype=float)
    grafica_normas(ax, {"LSTM: ‖∂L/∂C_(T-k)‖": normas_lstm, "RNN: ‖∂L/∂h_(T-k)‖": normas_rnn,
                        "solo el carrusel: f^k": solo_carrusel})
    ax.lines[2].set(linestyle=":", color="tab:blue")
    leyenda_fuera(ax)
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
    return Panel(_dibujar, controles, titulo="¿Cuánto error llega desde lejos?", pie=PIE)


#: Por qué la curva de la LSTM tiene forma de U (comprobado en la retropropagación paso a paso de esta red).
PIE = (
    "¿Por qué, con f cerca de 1, la curva de la LSTM baja y luego vuelve a subir? Además del carrusel, en cada paso se suma a "
    "∂L/∂C_t el error que regresa por h_t y las compuertas, y ese error puede restar o sumar. En esta red, "
    "cerca del final de la secuencia (k chico) va en contra del que trae el carrusel: la curva cae más rápido "
    "que la punteada. Al principio de la secuencia (k cerca de 59) la celda casi está vacía, C_t ≈ 0 y "
    "tanh′(C_t) ≈ 1, así que ese error entra casi completo y a favor: la curva vuelve a subir."
)
