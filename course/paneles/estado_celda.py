"""Panel de la lección 04: escribir, guardar y borrar un valor en el estado de la celda."""

from __future__ import annotations

import numpy as np

from ..graficas import leyenda_fuera
from .base import Panel, limite_simetrico, registrar_panel

__all__ = ["panel_estado_celda", "FASES", "compuertas_por_fase"]

#: (nombre, primer paso, último paso + 1, valor candidato en esa fase)
FASES = (("escribir", 0, 3, 0.8), ("guardar", 3, 25, -0.5), ("olvidar", 25, 32, -0.5))


def compuertas_por_fase(valores: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """F, I, C̃ de forma (1, 1, T) con f e i constantes en cada fase (``valores["f_escribir"]``…)."""
    T = FASES[-1][2]
    F, I, C_tilde = (np.zeros((1, 1, T)) for _ in range(3))
    for nombre, inicio, fin, candidato in FASES:
        F[..., inicio:fin] = valores[f"f_{nombre}"]
        I[..., inicio:fin] = valores[f"i_{nombre}"]
        C_tilde[..., inicio:fin] = candidato
    return F, I, C_tilde


def _dibujar(fig, **valores) -> str:
    F, I, C_tilde = compuertas_por_fase(valores)
    # Una unidad y un ejemplo: escalares de Python, paso por paso.
    C = np.empty(F.shape[2])
    c = 0.0
    for t in range(F.shape[2]):
        c = float(F[0, 0, t]) * c + float(I[0, 0, t]) * float(C_tilde[0, 0, t])
        C[t] = c
    pasos = np.arange(1, C.size + 1)
    ax = fig.add_subplot(1, 1, 1)
    colores = {"escribir": "tab:green", "guardar": "tab:blue", "olvidar": "tab:red"}
    for nombre, inicio, fin, candidato in FASES:
        ax.axvspan(inicio + 0.5, fin + 0.5, color=colores[nombre], alpha=0.12)
        ax.text((inicio + fin) / 2 + 0.5, 0.97, f"{nombre}\nC̃ = {candidato:g}", ha="center", va="top", fontsize=8,
                transform=ax.get_xaxis_transform())
    ax.plot(pasos, C, "o-", ms=3, color="black", label="estado de la celda C_t")
    ax.axhline(0, color="gray", lw=0.5)
    # El eje crece con C_t (con f = i = 1 la cinta acumula hasta |C| ≈ 12); nunca menos de ±1.4.
    limite = limite_simetrico(C, minimo=1.4, margen=1.5)  # arriba quedan los rótulos de las fases
    ax.set_ylim(-limite, limite)
    ax.set_xlabel("paso t")
    ax.set_ylabel("C_t")
    leyenda_fuera(ax)
    fig.tight_layout()
    fin_guardar = FASES[1][2] - 1
    return f"Al terminar de guardar C = {C[fin_guardar]:.3f} (ideal: 0.8); al final C = {C[-1]:.3f} (ideal: 0)."


@registrar_panel
def panel_estado_celda() -> Panel:
    """Deslizadores para f e i en cada fase: escribir, guardar y olvidar."""
    import ipywidgets as widgets

    iniciales = {"escribir": (0.0, 1.0), "guardar": (0.95, 0.0), "olvidar": (0.5, 0.0)}
    controles = {}
    for nombre, (f, i) in iniciales.items():
        controles[f"f_{nombre}"] = widgets.FloatSlider(value=f, min=0.0, max=1.0, step=0.05, description=f"f al {nombre}")
        controles[f"i_{nombre}"] = widgets.FloatSlider(value=i, min=0.0, max=1.0, step=0.05, description=f"i al {nombre}")
    return Panel(_dibujar, controles, titulo="Escribe, guarda y borra")
