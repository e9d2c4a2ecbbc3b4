"""Resultados ya entrenados de la lección 09 (metro y demanda eléctrica), leídos de ``aplicaciones.json``."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np

__all__ = ["resultados"]


def resultados() -> dict:
    """Lo que produjo entrenar las redes de la lección 09 con el presupuesto corto.

    ``metro``: ``iteraciones``, ``semillas``, ``distancias``, ``curva`` (``exactitud`` y ``perdida``
    por iteración de una LSTM con L = 20) y ``barrido`` (``{celda: (distancias, semillas)}`` de
    exactitudes). ``energia``: ``iteraciones``, ``perdida``, ``real`` y ``pronostico`` (MW) de las dos
    semanas de prueba, ``mae`` (LSTM e ingenuos) y ``mae_validacion``. El instructor los regenera con
    ``python -m autograder.modelos.precalcular``.
    """
    datos = json.loads(resources.files(__package__).joinpath("aplicaciones.json").read_text(encoding="utf-8"))
    metro, energia = datos["metro"], datos["energia"]
    metro["curva"]["perdida"] = np.array(metro["curva"]["perdida"])
    metro["barrido"] = {celda: np.array(tabla) for celda, tabla in metro["barrido"].items()}
    for clave in ("perdida", "real", "pronostico"):
        energia[clave] = np.array(energia[clave])
    return datos
