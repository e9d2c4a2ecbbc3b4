"""Cuestionarios de conceptos: revisa que cada respuesta sea una opción válida; la clave solo existe al calificar."""

from __future__ import annotations

__all__ = ["letra_elegida", "revisar_respuesta"]


def letra_elegida(respuesta) -> str | None:
    """La letra elegida («b», «B», « (b) » → ``"b"``), o ``None`` si ``respuesta`` no es un texto con una sola letra.

    Solo se acepta ``str`` exacto: una subclase podría decir que es igual a cualquier letra.
    """
    if type(respuesta) is not str:
        return None
    letra = str.strip(respuesta).lower().strip("()[]{}.,;:«»\"' ")
    return letra if len(letra) == 1 and letra.isalpha() else None


def _lista(opciones: str) -> str:
    comillas = [f"\"{o}\"" for o in opciones]
    return ", ".join(comillas[:-1]) + " o " + comillas[-1] if len(comillas) > 1 else comillas[0]


def revisar_respuesta(respuesta, pregunta: int, opciones: str = "abcd") -> None:
    """Falla con un mensaje en español si ``respuesta`` no es una de ``opciones``; no dice si es la correcta.

    respuesta: lo que el estudiante escribió; pregunta: su número en el cuestionario; opciones: letras válidas.
    """
    __tracebackhide__ = True
    letra = letra_elegida(respuesta)
    if letra is None or letra not in opciones:
        raise AssertionError(
            f"Pregunta {pregunta}: todavía no tiene una respuesta válida. Escribe entre comillas la letra de "
            f"una opción ({_lista(opciones)}), por ejemplo: respuesta_{pregunta} = \"{opciones[0]}\".")
    print(f"Pregunta {pregunta}: anotamos tu respuesta «{letra}». Se califica al entregar; "
          "la retroalimentación te dirá por qué es o no es la correcta.")
