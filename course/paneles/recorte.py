"""Panel de la lección 09: recortar el gradiente por su norma o por valor, en dos dimensiones."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle

from ..graficas import leyenda_fuera
from .base import Panel, registrar_panel

__all__ = ["panel_recorte", "recortes"]


def recortes(g1: float, g2: float, umbral: float, recortar) -> dict[str, np.ndarray]:
    """El gradiente (2,) original, recortado con ``recortar`` (tu ``recortar_gradiente``) y entrada por entrada."""
    g = np.array([g1, g2], dtype=float)
    por_norma = np.asarray(recortar({"g": g.copy()}, umbral)["g"], dtype=float)
    return {"original": g, "por norma": por_norma, "por valor (np.clip)": np.clip(g, -umbral, umbral)}


def _angulo(a: np.ndarray, b: np.ndarray) -> float:
    if not (np.any(a) and np.any(b)):
        return 0.0
    coseno = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
    return float(np.degrees(np.arccos(np.clip(coseno, -1.0, 1.0))))


def _dibujar(fig, g1: float, g2: float, umbral: float, recortar) -> str:
    vectores = recortes(g1, g2, umbral, recortar)
    ax = fig.add_subplot(1, 1, 1)
    colores = {"original": "0.6", "por norma": "tab:blue", "por valor (np.clip)": "tab:red"}
    for nombre, v in vectores.items():
        ax.annotate("", xy=v, xytext=(0, 0), arrowprops={"arrowstyle": "->", "color": colores[nombre], "lw": 2})
        ax.plot([], [], color=colores[nombre], lw=2, label=f"{nombre}: ‖g‖ = {np.linalg.norm(v):.2f}")
    t = np.linspace(0, 2 * np.pi, 200)
    ax.plot(umbral * np.cos(t), umbral * np.sin(t), ls="--", color="tab:blue", lw=0.8, label="norma = umbral")
    ax.add_patch(Rectangle(
        (-umbral, -umbral), 2 * umbral, 2 * umbral, fill=False, ls=":", color="tab:red", lw=0.8))
    limite = 1.15 * max(np.abs(vectores["original"]).max(), umbral)
    ax.set_xlim(-limite, limite)
    ax.set_ylim(-limite, limite)
    ax.set_aspect("equal")
    ax.axhline(0, color="0.85", lw=0.5)
    ax.axvline(0, color="0.85", lw=0.5)
    ax.set_xlabel("g₁")
    ax.set_ylabel("g₂")
    leyenda_fuera(ax)
    fig.tight_layout()
    giro_norma = _angulo(vectores["original"], vectores["por norma"])
    giro_valor = _angulo(vectores["original"], vectores["por valor (np.clip)"])
    return (
        f"Recortar por norma gira el gradiente {giro_norma:.1f}° (solo cambia su tamaño); "
        f"recortar por valor lo gira {giro_valor:.1f}°."
    )


@registrar_panel
def panel_recorte(recortar_gradiente) -> Panel:
    """Deslizadores para las dos entradas del gradiente y el umbral; recorta con TU ``recortar_gradiente``."""
    import functools

    import ipywidgets as widgets

    controles = {
        "g1": widgets.FloatSlider(value=6.0, min=-8.0, max=8.0, step=0.5, description="g₁"),
        "g2": widgets.FloatSlider(value=1.5, min=-8.0, max=8.0, step=0.5, description="g₂"),
        "umbral": widgets.FloatSlider(value=2.0, min=0.5, max=6.0, step=0.5, description="umbral"),
    }
    return Panel(functools.partial(_dibujar, recortar=recortar_gradiente), controles,
                 titulo="Recortar el gradiente: ¿por norma o por valor? (con tu recortar_gradiente)")
