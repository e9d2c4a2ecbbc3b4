"""Los estados de una entrega calificada, del más grave al más leve (un solo ``Enum``)."""

from __future__ import annotations

from enum import Enum

__all__ = ["Estado", "ESTADOS", "estado_de"]


class Estado(str, Enum):
    """Estado de una entrega; el valor es el texto en español que ven el instructor y el estudiante.

    El orden importa: el estado de una entrega es el primero de la lista que le aplica.
    """

    NO_IMPORTADA = "no importada"
    SIN_ENTREGA = "sin entrega"
    ILEGIBLE = "cuaderno ilegible"
    ERROR = "error del calificador"
    MEMORIA = "memoria agotada"
    NUCLEO = "núcleo detenido"
    SALIDA = "salida excesiva"
    TIEMPO = "tiempo agotado"
    MANIPULACION = "posible manipulación"
    DELEGACION = "solución que delega en el curso"
    METADATOS = "metadatos de nbgrader dañados"
    DUPLICADO = "grade_id duplicado"
    RENOMBRADO = "grade_id renombrado"
    ELIMINADA = "celda de prueba eliminada"
    ALTERADA = "celda de prueba alterada"
    NOMBRE = "nombre de archivo corregido"
    CALIFICADA = "calificada"

    @property
    def clave(self) -> str:
        """Nombre corto en minúsculas (``"sin_entrega"``), el que usan ``reparar`` y los resultados en ``problemas``."""
        return self.name.lower()

    def __str__(self) -> str:
        return self.value


#: ``{clave: texto}`` derivado del Enum, para quien indexa por clave (``ESTADOS["no_importada"]``).
ESTADOS = {e.clave: e.value for e in Estado}


def estado_de(problemas) -> Estado:
    """El estado más grave entre las claves de ``problemas`` (``Estado.CALIFICADA`` si no hay ninguno)."""
    for estado in Estado:
        if estado.clave in problemas:
            return estado
    return Estado.CALIFICADA
