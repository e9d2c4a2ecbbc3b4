"""Corpus de errores típicos (tests/mutantes/*.toml) y su aplicación a copias de la solución."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat

from cuadernos import RAIZ, meta

CARPETA = Path(__file__).resolve().parent / "mutantes"
REPORTE_RUTA = RAIZ / "resultados-pruebas" / "mutacion.json"


@dataclass(frozen=True)
class Mutante:
    asignacion: str
    numero: int
    ejercicio: str
    descripcion: str
    buscar: str
    reemplazar: str
    mensaje: str

    @property
    def prueba(self) -> str:
        return f"{self.ejercicio}_prueba"

    @property
    def estudiante(self) -> str:
        return f"mutante_{self.asignacion[:2]}_{self.numero:02d}"

    def __str__(self) -> str:
        return f"{self.asignacion}#{self.numero} {self.ejercicio}: {self.descripcion}"


def cargar() -> list[Mutante]:
    """Todos los mutantes del corpus, en orden de lección."""
    mutantes = []
    for archivo in sorted(CARPETA.glob("*.toml")):
        datos = tomllib.loads(archivo.read_text(encoding="utf-8"))
        for numero, m in enumerate(datos["mutante"], start=1):
            mutantes.append(Mutante(asignacion=archivo.stem, numero=numero, **m))
    return mutantes


def aplicar(mutante: Mutante, destino: Path) -> Path:
    """Escribe en ``destino`` la solución de la lección con el error del mutante."""
    nb = nbformat.read(str(RAIZ / "source" / mutante.asignacion / f"{mutante.asignacion}.ipynb"), as_version=4)
    (celda,) = [c for c in nb.cells if meta(c).get("grade_id") == mutante.ejercicio]
    veces = celda.source.count(mutante.buscar)
    if veces != 1:
        raise ValueError(f"{mutante}: el texto a buscar aparece {veces} veces en la celda {mutante.ejercicio}")
    celda.source = celda.source.replace(mutante.buscar, mutante.reemplazar)
    destino.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(destino))
    return destino
