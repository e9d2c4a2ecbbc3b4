"""Preprocesadores de la versión del estudiante: etiqueta ``raises-exception`` y talón que nombra su función."""

from __future__ import annotations

import ast
import re

from nbgrader.converters.generate_assignment import GenerateAssignment
from nbgrader.preprocessors import ClearSolutions, NbGraderPreprocessor

from .curso import meta_nbgrader

__all__ = ["ETIQUETA", "EtiquetarExcepciones", "TalonConNombre", "PREPROCESADORES_RELEASE", "celdas_que_pueden_fallar"]

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


def _respuestas_de_cuestionario(solucion: str) -> list[str]:
    """Si la solución solo asigna textos a variables ``respuesta_…`` (un cuestionario), esos nombres; si no, ``[]``."""
    renglones = [r for r in solucion.splitlines()[1:] if r.strip() and not r.strip().startswith("#")]
    arbol = _arbol("\n".join(r.strip() for r in renglones))
    if arbol is None or not arbol.body:
        return []
    nombres = []
    for nodo in arbol.body:
        if not (isinstance(nodo, ast.Assign) and len(nodo.targets) == 1 and isinstance(nodo.targets[0], ast.Name)
                and nodo.targets[0].id.startswith("respuesta_") and isinstance(nodo.value, ast.Constant)
                and isinstance(nodo.value.value, str)):
            return []
        nombres.append(nodo.targets[0].id)
    return nombres


class TalonConNombre(ClearSolutions):
    """``ClearSolutions`` de nbgrader cuyo talón nombra la función de la celda.

    ``code_stub`` (de ``c.ClearSolutions`` en ``nbgrader_config.py``) puede llevar ``{funcion}``: se cambia por el
    nombre de la primera función que define la celda (o por «este ejercicio» si no define ninguna).
    """

    def _replace_solution_region(self, cell, language):
        plantillas = self.code_stub
        antes, _, solucion = cell.source.partition(self.begin_solution_delimeter)
        respuestas = _respuestas_de_cuestionario(solucion.partition(self.end_solution_delimeter)[0])
        if respuestas:
            # Una pregunta del cuestionario: la variable queda vacía para que el estudiante escriba su letra.
            self.code_stub = {lengua: "\n".join(f'{n} = ""' for n in respuestas) for lengua in plantillas}
            try:
                return super()._replace_solution_region(cell, language)
            finally:
                self.code_stub = plantillas
        patron = r"^\s*def\s+([A-Za-z_]\w*)\s*\("
        # La función que la celda deja escrita; si no hay, las que el estudiante debe pegar (celda «previas»).
        funciones = re.findall(patron, antes, re.M)[-1:] or re.findall(patron, solucion, re.M)
        nombres = [f"`{f}`" for f in funciones]
        texto_nombres = (", ".join(nombres[:-1]) + " y " + nombres[-1]) if len(nombres) > 1 else (nombres or ["este ejercicio"])[0]
        self.code_stub = {lengua: texto.replace("`{funcion}`", texto_nombres) for lengua, texto in plantillas.items()}
        try:
            return super()._replace_solution_region(cell, language)
        finally:
            self.code_stub = plantillas


#: Los preprocesadores de ``generate_assignment`` de nbgrader, con el etiquetado primero (aún ve las soluciones)
#: y el talón con el nombre de la función en lugar del de nbgrader.
PREPROCESADORES_RELEASE = [EtiquetarExcepciones, *(TalonConNombre if p is ClearSolutions else p
                                                   for p in GenerateAssignment.class_traits()["preprocessors"].default())]
