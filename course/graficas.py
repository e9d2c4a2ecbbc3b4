"""Gráficas comunes de las lecciones."""

from __future__ import annotations

import numpy as np

__all__ = ["ETIQUETAS", "leyenda_fuera", "grafica_normas", "grafica_pelota", "grafica_perdida", "grafica_exactitud", "grafica_pronostico"]


def grafica_normas(ax, series: dict[str, np.ndarray], umbrales: dict[float, str] | None = None) -> None:
    """Normas de gradiente contra la distancia, en escala logarítmica; el eje abarca todos los datos.

    Args:
        ax: ejes de matplotlib.
        series: ``{etiqueta: normas}``; ``normas[k]`` es la norma a distancia k (positiva).
        umbrales: ``{valor: etiqueta}``, líneas horizontales rotuladas (p. ej., los criterios de un panel).
    """
    umbrales = umbrales or {}
    extremos = [1.0, *umbrales]
    for etiqueta, normas in series.items():
        normas = np.asarray(normas, dtype=float)
        ax.semilogy(np.arange(len(normas)), normas, label=etiqueta)
        positivas = normas[np.isfinite(normas) & (normas > 0)]
        extremos += [float(positivas.min()), float(positivas.max())] if positivas.size else []
    ax.axhline(1.0, color="gray", lw=0.8, ls="--")
    for valor, etiqueta in umbrales.items():
        ax.axhline(valor, color="tab:red", lw=0.8, ls=":")
        # A la izquierda: ahí todas las curvas valen cerca de 1 (k = 0) y el rótulo no tapa ninguna.
        ax.annotate(etiqueta, (0.0, valor), xycoords=("axes fraction", "data"), xytext=(3, 2),
                    textcoords="offset points", ha="left", va="bottom", fontsize=8, color="tab:red")
    # Una década de margen arriba y abajo: nada se recorta ni se pega al borde.
    ax.set_ylim(min(extremos) / 10, max(extremos) * 10)
    ax.set_xlabel("distancia k (pasos hacia atrás)")
    ax.set_ylabel("norma del gradiente")
    leyenda_fuera(ax)


def leyenda_fuera(ax) -> None:
    """Leyenda a la derecha de los ejes: así nunca tapa una curva."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, borderaxespad=0)


def grafica_pelota(ax, posiciones: np.ndarray, mostrar: int, revelar: bool = False) -> None:
    """Dibuja las primeras ``mostrar`` posiciones (2, T) de una pelota; con ``revelar``, también la que sigue.

    Sin ``revelar`` la siguiente posición queda como pregunta: solo se marca con «?» junto a la última vista.
    """
    ax.plot(posiciones[0, :mostrar], posiciones[1, :mostrar], "o-", color="tab:blue", label="posiciones vistas")
    if revelar:
        ax.plot(*posiciones[:, mostrar], "o", mfc="none", mec="tab:red", ms=12, label="la siguiente")
    else:
        ax.annotate("?", posiciones[:, mostrar - 1], xytext=(10, 6), textcoords="offset points",
                    fontsize=16, color="tab:red", weight="bold")
    ax.set_aspect("equal")
    ax.set_xlim(posiciones[0].min() - 1, posiciones[0].max() + 1)
    ax.set_ylim(posiciones[1].min() - 1, posiciones[1].max() + 1)
    ax.legend(loc="best", fontsize=8)


#: Nombres para personas de las claves de los resultados (celdas y pronósticos ingenuos).
ETIQUETAS = {
    "rnn": "RNN simple",
    "lstm": "LSTM",
    "gru": "GRU",
    "ultimo_valor": "último valor",
    "dia_anterior": "mismo momento del día anterior",
    "semana_anterior": "mismo momento de la semana anterior",
}
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
        ax.plot(distancias, tabla.mean(axis=1), marker=marcador, ls=trazo, ms=tamano, label=ETIQUETAS.get(celda, celda))
        if tabla.shape[1] > 1:
            ax.fill_between(distancias, tabla.min(axis=1), tabla.max(axis=1), alpha=0.15)
    ax.axhline(azar, color="gray", ls="--", lw=0.8, label="al azar")
    ax.set_xscale("log", base=2)
    ax.set_xticks(list(distancias), [str(L) for L in distancias])
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("distancia L entre la pista y la pregunta (pasos)")
    ax.set_ylabel("exactitud en viajes nuevos")
    leyenda_fuera(ax)


def grafica_pronostico(ax, real: np.ndarray, pronosticos: dict[str, np.ndarray], pasos: int | None = None) -> None:
    """Demanda real contra uno o más pronósticos (MW), en los primeros ``pasos`` medias horas.

    Las claves de ``pronosticos`` pueden ser las de :data:`ETIQUETAS` (se rotulan con su nombre).
    """
    fin = len(real) if pasos is None else pasos
    horas = np.arange(fin) / 2
    ax.plot(horas, np.asarray(real)[:fin], color="black", lw=1.5, label="real")
    for nombre, valores in pronosticos.items():
        ax.plot(horas, np.asarray(valores)[:fin], lw=1, label=ETIQUETAS.get(nombre, nombre))
    ax.set_xlabel("horas desde el inicio del periodo de prueba")
    ax.set_ylabel("demanda (MW)")
    leyenda_fuera(ax)
