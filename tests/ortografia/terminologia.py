"""Terminología única del curso: las tablas de course/glosario.md y la búsqueda de sinónimos prohibidos."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .revisor import Texto

__all__ = ["GLOSARIO", "SECCION_PROHIBIDOS", "tabla", "terminos", "reglas", "patron", "usos_prohibidos"]

GLOSARIO = Path(__file__).resolve().parents[2] / "course" / "glosario.md"
#: Título de la sección del glosario con la tabla «en lugar de | escribe».
SECCION_PROHIBIDOS = "Términos que no se usan"


def tabla(texto: str, despues_de: str | None = None) -> list[list[str]]:
    """Renglones (sin encabezado ni separador) de la primera tabla de markdown de ``texto``,
    o de la primera que aparece después del título ``despues_de``."""
    if despues_de is not None:
        m = re.search(rf"^#+\s*{re.escape(despues_de)}\s*$", texto, re.M)
        if not m:
            raise ValueError(f"el glosario no tiene la sección «{despues_de}»")
        texto = texto[m.end():]
    renglones = []
    for linea in texto.splitlines():
        linea = linea.strip()
        if linea.startswith("|"):
            renglones.append([c.strip() for c in linea.strip("|").split("|")])
        elif renglones:
            break
    if len(renglones) < 3 or not set(renglones[1][0]) <= set("-: "):
        raise ValueError("tabla de markdown mal formada en el glosario")
    return renglones[2:]


def terminos(glosario: Path = GLOSARIO) -> list[str]:
    """Primera columna (el término en español) de la tabla principal del glosario."""
    return [r[0] for r in tabla(glosario.read_text(encoding="utf-8"))]


def reglas(glosario: Path = GLOSARIO) -> list[tuple[str, str]]:
    """``[(en lugar de, escribe), …]`` de la sección «Términos que no se usan»."""
    return [(r[0].lower(), r[1]) for r in tabla(glosario.read_text(encoding="utf-8"), SECCION_PROHIBIDOS)]


def patron(frase: str) -> re.Pattern:
    """La frase como palabras completas, con cualquier espacio (o salto de renglón) entre ellas."""
    partes = [re.escape(p) for p in frase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(partes) + r"(?!\w)", re.I)


def usos_prohibidos(textos: Iterable[Texto], reglas_: list[tuple[str, str]]) -> list[str]:
    """Un renglón «“prohibido” → escribe “preferido” — origen — lugar» por cada uso encontrado."""
    compiladas = [(prohibido, preferido, patron(prohibido)) for prohibido, preferido in reglas_]
    hallazgos = []
    for t in textos:
        limpio = re.sub(r"[*_]", "", t.texto)
        for prohibido, preferido, regex in compiladas:
            if regex.search(limpio):
                hallazgos.append(f"«{prohibido}» → escribe «{preferido}» — {t.origen} — {t.lugar}")
    return hallazgos
