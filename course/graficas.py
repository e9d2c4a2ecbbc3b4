"""Gráficas comunes de las lecciones."""

from __future__ import annotations

import numpy as np

__all__ = ["grafica_normas", "grafica_pelota"]


def grafica_normas(ax, series: dict[str, np.ndarray], limite: float = 1e12) -> None:
    """Normas de gradiente contra la distancia, en escala logarítmica.

    Args:
        ax: ejes de matplotlib.
        series: ``{etiqueta: normas}``; ``normas[k]`` es la norma a distancia k.
        limite: las normas se recortan a [1/limite, limite] para que la gráfica sea legible.
    """
    for etiqueta, normas in series.items():
        normas = np.clip(np.asarray(normas, dtype=float), 1 / limite, limite)
        ax.semilogy(np.arange(len(normas)), normas, label=etiqueta)
    ax.axhline(1.0, color="gray", lw=0.8, ls="--")
    ax.set_xlabel("distancia k (pasos hacia atrás)")
    ax.set_ylabel("norma del gradiente")
    ax.set_ylim(1 / limite, limite)
    ax.legend(loc="best")


def grafica_pelota(ax, posiciones: np.ndarray, mostrar: int) -> None:
    """Dibuja las primeras ``mostrar`` posiciones (2, T) de una pelota y la que sigue, como pregunta."""
    ax.plot(posiciones[0, :mostrar], posiciones[1, :mostrar], "o-", color="tab:blue", label="posiciones vistas")
    ax.plot(*posiciones[:, mostrar], "o", mfc="none", mec="tab:red", ms=12, label="¿siguiente?")
    ax.set_aspect("equal")
    ax.set_xlim(posiciones[0].min() - 1, posiciones[0].max() + 1)
    ax.set_ylim(posiciones[1].min() - 1, posiciones[1].max() + 1)
    ax.legend(loc="best")
