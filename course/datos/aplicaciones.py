"""Resultados ya entrenados de la lección 09 (metro y demanda eléctrica), leídos de ``aplicaciones.json``."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np

__all__ = ["resultados"]


def resultados() -> dict:
    """Lo que produjo entrenar las redes de la lección 09, cada una con varias semillas.

    ``metro``: ``iteraciones``, ``semillas``, ``distancias``, ``curva`` (``exactitud`` y ``perdida``
    por iteración de una LSTM con L = 20, primera semilla) y ``barrido`` (``{celda: (distancias,
    semillas)}`` de exactitudes). ``energia``: ``iteraciones`` (el máximo), ``cada``, ``paciencia``,
    ``semillas``; ``validacion`` y ``prueba``, el MAE (MW) de cada ingenuo y, en ``lstm``, un arreglo
    (semillas,) con el de la LSTM elegida por la validación; ``real`` (MW) de las dos semanas de
    prueba; ``perdida`` por iteración (primera semilla); ``corridas``, una por semilla, con
    ``mejor_iteracion``, ``validacion`` (``iteracion`` y ``mae`` medidos durante el entrenamiento) y
    ``pronostico`` (MW) de la prueba. El instructor los regenera con
    ``python -m autograder.modelos.precalcular``.
    """
    datos = json.loads(resources.files(__package__).joinpath("aplicaciones.json").read_text(encoding="utf-8"))
    metro, energia = datos["metro"], datos["energia"]
    metro["curva"]["perdida"] = np.array(metro["curva"]["perdida"])
    metro["barrido"] = {celda: np.array(tabla) for celda, tabla in metro["barrido"].items()}
    for periodo in ("validacion", "prueba"):
        energia[periodo]["lstm"] = np.array(energia[periodo]["lstm"])
    energia["real"], energia["perdida"] = np.array(energia["real"]), np.array(energia["perdida"])
    for corrida in energia["corridas"]:
        corrida["validacion"] = {clave: np.array(valores) for clave, valores in corrida["validacion"].items()}
        corrida["pronostico"] = np.array(corrida["pronostico"])
    return datos
