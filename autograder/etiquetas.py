"""Etiqueta ``raises-exception`` en la versión del estudiante para que «Run All» de JupyterLab llegue al final."""

from __future__ import annotations

import ast

from nbgrader.converters.generate_assignment import GenerateAssignment
from nbgrader.preprocessors import NbGraderPreprocessor

from .curso import meta_nbgrader

__all__ = ["ETIQUETA", "EtiquetarExcepciones", "PREPROCESADORES_RELEASE", "celdas_que_pueden_fallar"]

#: JupyterLab sigue con la celda siguiente cuando falla una celda con esta etiqueta; nbgrader la ignora
#: (califica con ``allow_errors`` siempre activo).
ETIQUETA = "raises-exception"


def _arbol(fuente: str) -> ast.Module | None:
    try:
        return ast.parse(fuente)
    except SyntaxError:
        # Magias de IPython (%matplotlib, !pip…): se traducen a Python antes de analizar.
        from IPython.core.inputtransformer2 import TransformerManager

        try:
            return ast.parse(TransformerManager().transform_cell(fuente))
        except SyntaxError:
            return None


def _definidos(arbol: ast.Module) -> set[str]:
    """Nombres que la celda define en el espacio global (def, class, import, asignaciones, for, with)."""
    nombres: set[str] = set()
    pendientes: list[ast.AST] = list(arbol.body)
    while pendientes:
        nodo = pendientes.pop()
        if isinstance(nodo, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            nombres.add(nodo.name)
            continue  # lo de adentro es local
        if isinstance(nodo, (ast.Import, ast.ImportFrom)):
            nombres.update((a.asname or a.name).split(".")[0] for a in nodo.names if a.name != "*")
            continue
        if isinstance(nodo, ast.Name) and isinstance(nodo.ctx, ast.Store):
            nombres.add(nodo.id)
        if isinstance(nodo, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            continue
        pendientes.extend(ast.iter_child_nodes(nodo))
    return nombres


def _usados(arbol: ast.Module) -> set[str]:
    """Todos los nombres que la celda lee, también dentro de sus funciones."""
    return {n.id for n in ast.walk(arbol) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def celdas_que_pueden_fallar(nb) -> list[int]:
    """Índices de las celdas de código que fallan mientras un ejercicio siga sin resolver.

    Son las celdas de solución, las de prueba calificadas y toda celda que use (directa o
    indirectamente, por nombres que definen esas celdas) algo definido en una celda de solución.
    """
    contaminados: set[str] = set()
    indices = []
    for i, celda in enumerate(nb.cells):
        if celda.cell_type != "code":
            continue
        meta = meta_nbgrader(celda)
        arbol = _arbol(celda.source)
        definidos = _definidos(arbol) if arbol is not None else set()
        # Lo que la celda lee sin haberlo definido ella misma.
        usa = arbol is not None and bool((_usados(arbol) - definidos) & contaminados)
        if meta.get("solution") or meta.get("grade") or usa:
            indices.append(i)
            if not meta.get("grade"):  # las variables de paso de una prueba no las usa nadie más
                contaminados |= definidos
    return indices


class EtiquetarExcepciones(NbGraderPreprocessor):
    """Agrega la etiqueta ``raises-exception`` a cada celda de :func:`celdas_que_pueden_fallar`."""

    def preprocess(self, nb, resources):
        for i in celdas_que_pueden_fallar(nb):
            etiquetas = nb.cells[i].metadata.setdefault("tags", [])
            if ETIQUETA not in etiquetas:
                etiquetas.append(ETIQUETA)
        return nb, resources


#: Los preprocesadores de ``generate_assignment`` de nbgrader, con el etiquetado primero (aún ve las soluciones).
PREPROCESADORES_RELEASE = [EtiquetarExcepciones, *GenerateAssignment.class_traits()["preprocessors"].default()]
