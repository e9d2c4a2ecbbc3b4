"""Panel de la lección 08: cuánto del estado anterior sobrevive en una GRU según z y r."""

from __future__ import annotations

import numpy as np

from .base import Panel, matriz_con_radio, registrar_panel

__all__ = ["panel_compuertas_gru", "supervivencia"]


def supervivencia(z: float, r: float, T: int = 30, n_h: int = 8, semilla: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Qué tanto de h_0 queda en h_k cuando z y r valen lo mismo en todos los pasos.

    Devuelve ``(directo, total)`` de forma (T + 1,): ``directo[k] = (1 − z)^k`` es lo que pasa
    por el camino (1 − z) ⊙ h_prev; ``total[k] = ‖∂h_k/∂h_0‖₂`` incluye también lo que vuelve a
    entrar por el candidato, que ve r ⊙ h_prev a través de una matriz recurrente ortogonal.
    """
    rng = np.random.default_rng(semilla)
    n_x = 3
    U = matriz_con_radio(n_h, 1.0, rng)
    W_x = 0.5 * rng.standard_normal((n_h, n_x))
    x = rng.standard_normal((n_x, T))
    h = 0.5 * rng.standard_normal(n_h)
    J = np.eye(n_h)
    total = np.empty(T + 1)
    total[0] = 1.0
    for t in range(T):
        h_tilde = np.tanh(U @ (r * h) + W_x @ x[:, t])
        # ∂h_t/∂h_{t-1} = (1 − z)·I + z·diag(1 − h̃²)·U·r
        paso = (1 - z) * np.eye(n_h) + z * r * (1 - h_tilde**2)[:, None] * U
        J = paso @ J
        h = (1 - z) * h + z * h_tilde
        total[t + 1] = np.linalg.norm(J, 2)
    directo = (1 - z) ** np.arange(T + 1, dtype=float)
    return directo, total


def _dibujar(fig, z: float, r: float) -> str:
    directo, total = supervivencia(z, r)
    ax = fig.add_subplot(1, 1, 1)
    k = np.arange(len(directo))
    ax.plot(k, np.clip(directo, 0, None), label="camino directo (1 − z)^k")
    ax.plot(k, total, ls="--", label="total ‖∂h_k/∂h_0‖ (con el candidato)")
    ax.set_xlabel("pasos k")
    ax.set_ylabel("fracción del estado anterior")
    ax.set_ylim(0, max(1.05, float(np.max(total)) * 1.05))
    ax.set_title(f"z = {z:.2f}, r = {r:.2f}")
    ax.legend(loc="best")
    fig.tight_layout()
    return (
        f"Tras 10 pasos, por el camino directo queda {directo[10]:.3f} de h_0; "
        f"contando el candidato, ‖∂h_10/∂h_0‖ = {total[10]:.3f}."
    )


@registrar_panel
def panel_compuertas_gru() -> Panel:
    """Deslizadores para la compuerta de actualización z y la de reinicio r."""
    import ipywidgets as widgets

    controles = {
        "z": widgets.FloatSlider(value=0.2, min=0.0, max=1.0, step=0.05, description="compuerta de actualización z"),
        "r": widgets.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.05, description="compuerta de reinicio r"),
    }
    return Panel(_dibujar, controles, titulo="¿Cuánto del estado anterior sobrevive?")
