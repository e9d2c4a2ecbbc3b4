"""Gráficas comunes de las lecciones."""

from __future__ import annotations

import numpy as np

__all__ = ["grafica_normas", "grafica_pelota", "grafica_perdida", "grafica_exactitud", "grafica_pronostico"]


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


_NOMBRES = {"rnn": "RNN simple", "lstm": "LSTM", "gru": "GRU"}
# Marcadores y trazos distintos para que las curvas encimadas (LSTM y GRU en 1.0) se distingan.
_ESTILOS = {"rnn": ("o", "-", 6), "lstm": ("s", "--", 9), "gru": ("^", ":", 5)}


def grafica_perdida(ax, historial: dict, suavizar: int = 20, titulo: str | None = None) -> None:
    """Curva de pérdida por iteración (gris) y su promedio móvil de ``suavizar`` iteraciones."""
    perdida = np.asarray(historial["perdida"], dtype=float)
    ax.plot(perdida, color="0.75", lw=0.8, label="pérdida del lote")
    if len(perdida) >= suavizar > 1:
        media = np.convolve(perdida, np.ones(suavizar) / suavizar, mode="valid")
        ax.plot(np.arange(suavizar - 1, len(perdida)), media, color="tab:blue", label=f"promedio de {suavizar}")
    ax.set_xlabel("iteración")
    ax.set_ylabel("pérdida")
    if titulo:
        ax.set_title(titulo)
    ax.legend(loc="best")


def grafica_exactitud(ax, distancias, resultados: dict[str, np.ndarray], azar: float) -> None:
    """Exactitud contra la distancia L; ``resultados[celda]`` es (len(distancias), semillas)."""
    for celda, tabla in resultados.items():
        tabla = np.asarray(tabla, dtype=float).reshape(len(distancias), -1)
        marcador, trazo, tamano = _ESTILOS.get(celda, ("o", "-", 6))
        ax.plot(distancias, tabla.mean(axis=1), marker=marcador, ls=trazo, ms=tamano, label=_NOMBRES.get(celda, celda))
        if tabla.shape[1] > 1:
            ax.fill_between(distancias, tabla.min(axis=1), tabla.max(axis=1), alpha=0.15)
    ax.axhline(azar, color="gray", ls="--", lw=0.8, label="al azar")
    ax.set_xscale("log", base=2)
    ax.set_xticks(list(distancias), [str(L) for L in distancias])
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("distancia L entre la pista y la pregunta (pasos)")
    ax.set_ylabel("exactitud en viajes nuevos")
    ax.legend(loc="best")


def grafica_pronostico(ax, real: np.ndarray, pronosticos: dict[str, np.ndarray], pasos: int | None = None) -> None:
    """Demanda real contra uno o más pronósticos (MW), en los primeros ``pasos`` medias horas."""
    fin = len(real) if pasos is None else pasos
    horas = np.arange(fin) / 2
    ax.plot(horas, np.asarray(real)[:fin], color="black", lw=1.5, label="real")
    for nombre, valores in pronosticos.items():
        ax.plot(horas, np.asarray(valores)[:fin], lw=1, label=nombre)
    ax.set_xlabel("horas desde el inicio del periodo de prueba")
    ax.set_ylabel("demanda (MW)")
    ax.legend(loc="best")
