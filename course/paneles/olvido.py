"""Panel de la lección 02: cómo decae lo guardado en la cinta con una compuerta de olvido fija."""

from __future__ import annotations

import numpy as np

from .base import Panel, registrar_panel

__all__ = ["panel_olvido"]


def _dibujar(fig, sesgo: float, k: int) -> str:
    f = float(0.5 * (1.0 + np.tanh(sesgo / 2)))  # σ(b_f) escrita con tanh
    pasos = np.arange(k + 1)
    restante = f ** pasos.astype(float)
    ax = fig.add_subplot(1, 1, 1)
    ax.plot(pasos, restante, "o-", ms=3, color="tab:blue", label="lo que queda de C_0 = 1")
    ax.axhline(0.5, color="gray", lw=0.8, ls="--", label="la mitad")
    vida = float(np.log(0.5) / np.log(f)) if f < 1 else np.inf
    if vida <= k:
        ax.axvline(vida, color="tab:red", lw=1, ls=":", label=f"vida media ≈ {vida:.1f} pasos")
    ax.set_xlim(0, max(k, 1))
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("paso t")
    ax.set_ylabel("C_t / C_0")
    ax.set_title(f"b_f = {sesgo:.1f}  →  f = σ(b_f) = {f:.4f}")
    ax.legend(loc="upper right")
    fig.tight_layout()
    return f"Tras {k} pasos queda {100 * restante[-1]:.2f} % de lo guardado; vida media: {vida:.1f} pasos."


@registrar_panel
def panel_olvido() -> Panel:
    """Deslizadores para el sesgo de la compuerta de olvido (con pesos cero, f = σ(b_f)) y los pasos."""
    import ipywidgets as widgets

    controles = {
        "sesgo": widgets.FloatSlider(value=2.0, min=-2.0, max=8.0, step=0.25, description="sesgo b_f"),
        "k": widgets.IntSlider(value=30, min=5, max=200, step=5, description="pasos k"),
    }
    return Panel(_dibujar, controles, titulo="¿Cuánto sobrevive en la cinta?")
