"""Panel de la lección 03: la compuerta de entrada y el valor candidato deciden qué se escribe."""

from __future__ import annotations

import numpy as np

from .base import Panel, registrar_panel

__all__ = ["panel_entrada"]

# Una unidad y una entrada: i = σ(w_i·x + b_i), C̃ = tanh(w_C·x); h_prev = 0.
_W_I = 2.0
_W_C = 1.5


def _dibujar(fig, sesgo_i: float, x: float) -> str:
    xs = np.linspace(-3, 3, 201)
    i = 0.5 * (1.0 + np.tanh((_W_I * xs + sesgo_i) / 2))  # σ escrita con tanh
    c = np.tanh(_W_C * xs)
    i_x = float(0.5 * (1.0 + np.tanh((_W_I * x + sesgo_i) / 2)))
    c_x = float(np.tanh(_W_C * x))
    ax = fig.add_subplot(1, 1, 1)
    ax.plot(xs, i, color="tab:green", label="compuerta de entrada i_t")
    ax.plot(xs, c, color="tab:orange", label="valor candidato C̃_t")
    ax.plot(xs, i * c, color="tab:blue", lw=2.5, label="se escribe i_t ⊙ C̃_t")
    ax.axvline(x, color="gray", lw=0.8, ls="--")
    ax.plot([x, x, x], [i_x, c_x, i_x * c_x], "ko", ms=4)
    ax.axhline(0, color="gray", lw=0.5)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("entrada x_t")
    ax.set_title(f"i_t = σ({_W_I:g}·x_t + {sesgo_i:.1f}),   C̃_t = tanh({_W_C:g}·x_t)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return f"Con x_t = {x:.2f}: i_t = {i_x:.3f}, C̃_t = {c_x:.3f}; se escribe {i_x * c_x:.3f} en la cinta."


@registrar_panel
def panel_entrada() -> Panel:
    """Deslizadores para el sesgo de la compuerta de entrada y el valor de la entrada."""
    import ipywidgets as widgets

    controles = {
        "sesgo_i": widgets.FloatSlider(value=0.0, min=-6.0, max=6.0, step=0.5, description="sesgo b_i"),
        "x": widgets.FloatSlider(value=1.0, min=-3.0, max=3.0, step=0.1, description="entrada x_t"),
    }
    return Panel(_dibujar, controles, titulo="¿Qué se escribe en la cinta?")
