"""Los dos experimentos de la lección 09: la memoria del metro y el pronóstico de la demanda eléctrica."""

from __future__ import annotations

import numpy as np

from course.datos import energia, metro

from . import series
from .entrenamiento import entrenar
from .red import Red

__all__ = ["exactitud_metro", "barrido_metro", "pronostico_energia", "pronosticos_energia"]


def exactitud_metro(celda: str, L: int, iteraciones: int, semilla: int = 0, n_h: int = 16, m: int = 32,
                    tasa: float = 5e-3, mostrar: bool = False, m_prueba: int = 512,
                    sesgo_memoria: float = 3.0) -> tuple[float, dict]:
    """Entrena ``celda`` en la tarea de Pantitlán con distancia L y mide su exactitud.

    Returns:
        ``(exactitud en m_prueba viajes nuevos, historial del entrenamiento)``.
    """
    rng = np.random.default_rng(1000 + semilla)
    red = Red(celda, len(metro.vocabulario()), n_h, len(metro.respuestas()), "entropia", semilla=semilla,
              sesgo_memoria=sesgo_memoria)
    historial = entrenar(red, lambda k: metro.tarea_pantitlan(L, m, rng), iteraciones, tasa=tasa, mostrar=mostrar)
    x, y = metro.tarea_pantitlan(L, m_prueba, np.random.default_rng(5000 + semilla))
    return float(np.mean(red.predecir(x) == y)), historial


def barrido_metro(distancias=(5, 10, 20, 40), celdas=("rnn", "lstm", "gru"), semillas=(0,), iteraciones: int = 300,
                  **opciones) -> dict[str, np.ndarray]:
    """Exactitud de cada celda para cada L y semilla: ``{celda: (len(distancias), len(semillas))}``."""
    resultados = {}
    for celda in celdas:
        tabla = np.empty((len(distancias), len(semillas)))
        for i, L in enumerate(distancias):
            for j, s in enumerate(semillas):
                tabla[i, j] = exactitud_metro(celda, L, iteraciones, semilla=s, **opciones)[0]
        resultados[celda] = tabla
    return resultados


def _mae_ingenuos(serie: np.ndarray, periodo: slice) -> dict[str, float]:
    """MAE (MW) de cada pronóstico ingenuo de :data:`energia.RETRASOS_INGENUOS` en ``periodo``."""
    indices = np.arange(len(serie))[periodo]
    return {nombre: float(np.mean(np.abs(serie[indices] - serie[indices - retraso])))
            for nombre, retraso in energia.RETRASOS_INGENUOS.items()}


def pronostico_energia(largo: int = 48, iteraciones: int = 400, n_h: int = 24, m: int = 64, semilla: int = 0,
                       tasa: float = 5e-3, mostrar: bool = False, cada: int = 50, paciencia: int | None = None) -> dict:
    """Entrena una LSTM que pronostica la siguiente media hora; la validación elige cuándo parar.

    Partición fija (semanas 1–8 entrenamiento, 9–10 validación, 11–12 prueba), ventanas de
    ``largo`` medias horas, normalización con la media y la desviación del entrenamiento. Cada
    ``cada`` iteraciones se mide el MAE de validación; la red se queda con los parámetros del menor
    (y para tras ``paciencia`` mediciones sin mejorar). La prueba se mide una sola vez, al final,
    con esos parámetros.

    Returns:
        diccionario con ``mae`` (LSTM y cada ingenuo en la prueba, en MW), ``mae_validacion`` (de la
        LSTM elegida), ``mae_validacion_ingenuos``, ``mejor_iteracion``, ``real`` y ``pronostico`` (MW)
        del periodo de prueba e ``historial`` (el de :func:`~autograder.modelos.entrenamiento.entrenar`).
    """
    serie = energia.demanda()
    periodos = series.periodos(len(serie))
    media, desv = series.estadisticos(serie[periodos["entrenamiento"]])
    z = (serie - media) / desv
    entradas = energia.entradas(z)  # (n_x, N): demanda normalizada y hora del día
    rng = np.random.default_rng(semilla)

    def conjunto(nombre):
        return series.ejemplos(entradas, z, periodos[nombre], largo)

    def en_mw(red, x, y):
        return red.salida(x) * desv + media, y * desv + media

    x_e, y_e = conjunto("entrenamiento")
    x_v, y_v = conjunto("validacion")
    red = Red("lstm", entradas.shape[0], n_h, 1, "cuadratica", semilla=semilla)

    def lotes(k):
        cuales = rng.integers(0, x_e.shape[1], size=m)
        return x_e[:, cuales], y_e[:, cuales]

    def mae_validacion(red):
        return series.mae(*en_mw(red, x_v, y_v))

    historial = entrenar(red, lotes, iteraciones, tasa=tasa, mostrar=mostrar, validar=mae_validacion, cada=cada,
                         paciencia=paciencia)
    # La prueba, una sola vez: con los parámetros que eligió la validación, ya sin nada más que decidir.
    pred, real = en_mw(red, *conjunto("prueba"))
    return {"historial": historial, "mejor_iteracion": historial["mejor_iteracion"],
            "mae_validacion": historial["mejor_error"],
            "mae_validacion_ingenuos": _mae_ingenuos(serie, periodos["validacion"]),
            "mae": {"lstm": series.mae(real, pred), **_mae_ingenuos(serie, periodos["prueba"])},
            "real": real.ravel(), "pronostico": pred.ravel()}


def pronosticos_energia(semillas=(0, 1, 2), **opciones) -> dict:
    """:func:`pronostico_energia` con cada semilla (inicialización y orden de los lotes).

    Returns:
        ``{"semillas": [...], "corridas": [resultado de cada semilla], "mae_lstm": (semillas,),
        "mae_validacion": (semillas,)}``: los MAE de prueba y de validación de la LSTM por semilla.
    """
    corridas = [pronostico_energia(semilla=s, **opciones) for s in semillas]
    return {"semillas": list(semillas), "corridas": corridas,
            "mae_lstm": np.array([c["mae"]["lstm"] for c in corridas]),
            "mae_validacion": np.array([c["mae_validacion"] for c in corridas])}
