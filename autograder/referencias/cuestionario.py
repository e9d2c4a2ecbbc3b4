"""Claves de los cuestionarios de conceptos (solo al calificar): la opción correcta y qué idea lleva a cada error."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from course.cuestionario import letra_elegida

__all__ = ["CARPETA", "clave", "calificar_respuesta"]

#: Una clave por lección: ``cuestionarios/<asignacion>.toml`` con una tabla ``[[pregunta]]`` por pregunta.
CARPETA = Path(__file__).with_name("cuestionarios")


@functools.cache
def clave(asignacion: str) -> tuple[dict, ...]:
    """Las preguntas de ``asignacion`` en orden: ``opciones``, ``correcta``, ``explicacion`` y ``errores`` (opción → idea).

    Falla si a una opción equivocada le falta su explicación o si la correcta no es una de las opciones.
    """
    datos = tomllib.loads((CARPETA / f"{asignacion}.toml").read_text(encoding="utf-8"))
    preguntas = tuple(datos["pregunta"])
    for numero, p in enumerate(preguntas, start=1):
        opciones, correcta, errores = p["opciones"], p["correcta"], p["errores"]
        if correcta not in opciones or set(errores) != set(opciones) - {correcta} or not p["explicacion"].strip():
            raise ValueError(f"{asignacion}, pregunta {numero}: la clave debe dar la correcta (una de «{opciones}»), "
                             "su explicación y una explicación para cada opción equivocada")
    return preguntas


def calificar_respuesta(asignacion: str, pregunta: int, respuesta) -> None:
    """Pasa (y explica por qué) si ``respuesta`` es la correcta; si no, falla nombrando la idea que lleva a esa opción."""
    __tracebackhide__ = True
    p = clave(asignacion)[pregunta - 1]
    letra = letra_elegida(respuesta)
    if letra != p["correcta"]:
        motivo = p["errores"].get(letra, "Esa no es una de las opciones.")
        raise AssertionError(f"Pregunta {pregunta}: la opción «{letra}» no es la correcta. {motivo}")
    print(f"Pregunta {pregunta}: ¡correcto! {p['explicacion']}")
