"""Revisión previa de una entrega: la lee, repara sus metadatos de nbgrader, anota cada anomalía y anula las soluciones que delegan en el curso.

nbgrader aborta o califica mal ante un grade_id duplicado o renombrado, una celda de prueba
borrada o convertida a markdown, metadatos mal formados; aquí se deja el cuaderno en una forma
que nbgrader califica con justicia, comparándolo con la versión del estudiante (``release/``) o
del instructor (``source/``). Las celdas de prueba se restauran (nbgrader vuelve a poner su
contenido oficial desde el gradebook). El código se lee por su estructura (:mod:`.analisis`):
un comentario o un texto nunca cuentan como manipulación. La misma revisión corre dentro de
nbgrader como preprocesador (:mod:`.preprocesadores`), así que vale para cualquier botón.
"""

from __future__ import annotations

import ast
import copy
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import analisis
from .curso import meta_nbgrader

__all__ = ["Revision", "Leccion", "revisar", "revisar_cuaderno", "leer", "leccion", "revision_anotada", "CLAVE_METADATOS"]

_MARCA = "# El calificador reemplazó esta solución porque usa código del curso que calcula la respuesta."

#: Dónde queda la revisión en los metadatos del cuaderno: ``nb.metadata[CLAVE_METADATOS]["revision"]``.
CLAVE_METADATOS = "calificador"


@dataclass
class Revision:
    """Resultado de revisar una entrega.

    ``cuaderno`` es None si el archivo no se pudo leer; ``observaciones`` son frases en español;
    ``problemas`` son claves cortas (``ilegible``, ``metadatos``, ``eliminada``, ``alterada``,
    ``duplicado``, ``renombrado``, ``manipulacion``, ``delegacion``) que fijan el estado.
    """

    cuaderno: object | None
    observaciones: list[str] = field(default_factory=list)
    problemas: set[str] = field(default_factory=set)

    def anotar(self, problema: str, texto: str) -> None:
        self.problemas.add(problema)
        if texto not in self.observaciones:
            self.observaciones.append(texto)


# ---------------------------------------------------------------------------------------------
# Lectura tolerante
# ---------------------------------------------------------------------------------------------
def _texto(valor) -> str | None:
    if isinstance(valor, str):
        return valor
    if isinstance(valor, list) and all(isinstance(x, str) for x in valor):
        return "".join(valor)
    return None


def _normalizar(crudo: dict, revision: Revision) -> dict:
    """Deja cada celda con las claves y tipos que nbformat 4.5 exige; anota lo que cambió."""
    celdas = []
    for numero, celda in enumerate(crudo.get("cells") or []):
        if not isinstance(celda, dict):
            revision.anotar("metadatos", f"la celda {numero + 1} no tiene formato de celda: se descarta")
            continue
        tipo = celda.get("cell_type")
        if tipo not in ("code", "markdown", "raw"):
            revision.anotar("metadatos", f"la celda {numero + 1} tiene un tipo desconocido: se trata como texto")
            tipo = "raw"
        fuente = _texto(celda.get("source", ""))
        if fuente is None:
            revision.anotar("metadatos", f"el código de la celda {numero + 1} no es texto: se deja vacía")
            fuente = ""
        metadatos = celda.get("metadata") if isinstance(celda.get("metadata"), dict) else {}
        if "nbgrader" in metadatos and not isinstance(metadatos["nbgrader"], dict):
            revision.anotar("metadatos", f"los metadatos de nbgrader de la celda {numero + 1} no son válidos: se ignoran")
            metadatos = {k: v for k, v in metadatos.items() if k != "nbgrader"}
        nueva = {"cell_type": tipo, "metadata": metadatos, "source": fuente}
        if isinstance(celda.get("id"), str):
            nueva["id"] = celda["id"]
        if tipo == "code":
            nueva["outputs"], nueva["execution_count"] = [], None  # nbgrader borra las salidas de todos modos
        elif isinstance(celda.get("attachments"), dict):
            nueva["attachments"] = celda["attachments"]
        celdas.append(nueva)
    metadatos = crudo.get("metadata") if isinstance(crudo.get("metadata"), dict) else {}
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": metadatos, "cells": celdas}


def leer(datos: bytes | str | Path) -> tuple[object | None, Revision]:
    """Lee un cuaderno de cualquier forma (ruta o bytes); devuelve el cuaderno (o None) y lo anotado al leerlo."""
    revision = Revision(None)
    try:
        if isinstance(datos, Path):
            datos = datos.read_bytes()
        if isinstance(datos, str):
            datos = datos.encode("utf-8")
    except OSError as error:
        revision.anotar("ilegible", f"cuaderno ilegible: no se pudo abrir ({type(error).__name__})")
        return None, revision
    if not datos.strip():
        revision.anotar("ilegible", "cuaderno ilegible: el archivo está vacío")
        return None, revision
    try:
        crudo = json.loads(datos.decode("utf-8", errors="replace"))
    except (json.JSONDecodeError, RecursionError) as error:
        linea = getattr(error, "lineno", None)
        revision.anotar("ilegible", "cuaderno ilegible: no es JSON válido" + (f" (línea {linea})" if linea else ""))
        return None, revision
    if isinstance(crudo, dict) and isinstance(crudo.get("nbformat"), int) and crudo["nbformat"] < 4:
        try:  # nbformat 3 (hojas de trabajo): nbformat lo convierte
            crudo = json.loads(nbformat.writes(nbformat.reads(json.dumps(crudo), as_version=4)))
        except Exception:  # noqa: BLE001 — una conversión fallida es un cuaderno ilegible, no un error del lote
            revision.anotar("ilegible", f"cuaderno ilegible: formato de nbformat {crudo['nbformat']} que no se pudo convertir")
            return None, revision
    if not isinstance(crudo, dict) or not isinstance(crudo.get("cells"), list):
        revision.anotar("ilegible", "cuaderno ilegible: no tiene la estructura de un cuaderno de Jupyter")
        return None, revision
    try:
        nb = nbformat.from_dict(_normalizar(crudo, revision))
        _ids_unicos(nb)
        nbformat.validate(nb)
    except Exception as error:  # noqa: BLE001 — cualquier rareza restante es «ilegible» para ese estudiante
        revision.anotar("ilegible", f"cuaderno ilegible: nbformat no lo reconoce ({type(error).__name__})")
        return None, revision
    revision.cuaderno = nb
    return nb, revision


def _ids_unicos(nb) -> None:
    """Ids de celda únicos y válidos (una celda copiada repite el suyo y nbformat lo rechaza)."""
    import re

    vistos: set[str] = set()
    for numero, celda in enumerate(nb.cells):
        ident = celda.get("id")
        if not isinstance(ident, str) or not re.fullmatch(r"[a-zA-Z0-9-_]{1,64}", ident) or ident in vistos:
            ident = f"celda-{numero}"
            while ident in vistos:
                ident += "-b"
            celda["id"] = ident
        vistos.add(ident)


# ---------------------------------------------------------------------------------------------
# Lo que se sabe de la lección
# ---------------------------------------------------------------------------------------------
@dataclass
class Leccion:
    """La referencia de una lección: estructura, textos legítimos por celda y contexto del análisis de código."""

    celdas: list  # celdas de la referencia (publicada si existe, si no la del instructor)
    legitimos: dict  # grade_id → textos legítimos de esa celda
    propias: set  # textos de las celdas de código sin nbgrader de la lección (nunca cuentan como manipulación)
    contexto: analisis.Contexto


def _celdas_de(ruta: str | None) -> list:
    if ruta is None or not Path(ruta).exists():
        return []
    return list(nbformat.read(ruta, as_version=4).cells)


@functools.lru_cache(maxsize=32)
def _leccion(publicado: str | None, fuente: str | None, _version: tuple) -> Leccion:
    publicadas, fuentes = _celdas_de(publicado), _celdas_de(fuente)
    celdas = publicadas or fuentes
    if not celdas:
        raise FileNotFoundError(f"no hay cuaderno de referencia ({publicado} ni {fuente})")
    legitimos: dict[str, set[str]] = {}
    propias: set[str] = set()
    for c in publicadas + fuentes:
        meta = meta_nbgrader(c)
        if meta.get("grade_id"):
            legitimos.setdefault(meta["grade_id"], set()).add(c.source)
        elif c.cell_type == "code":
            propias.add(c.source)
    bloqueadas = [analisis.arbol(c.source) for c in celdas if c.cell_type == "code" and meta_nbgrader(c).get("locked")]
    contexto = analisis.Contexto(bloqueadas=analisis.importaciones(bloqueadas))
    # Lo que usa la solución oficial es herramienta de la lección, no delegación (p. ej. ``sigmoide`` en 07 y 08).
    for c in fuentes:
        if c.cell_type == "code" and meta_nbgrader(c).get("solution"):
            contexto.permitidos.update(n for n, _ in analisis.referencias_al_curso(analisis.arbol(c.source), contexto))
    return Leccion(celdas, legitimos, propias, contexto)


def leccion(publicado: Path | None, fuente: Path | None = None) -> Leccion:
    """La referencia de una lección (se lee una vez por versión de los archivos)."""
    rutas = [str(p) if p is not None and Path(p).exists() else None for p in (publicado, fuente)]
    version = tuple(Path(r).stat().st_mtime_ns if r else 0 for r in rutas)
    return _leccion(rutas[0], rutas[1], version)


# ---------------------------------------------------------------------------------------------
# Revisión
# ---------------------------------------------------------------------------------------------
def revisar(ruta: Path, publicado: Path, fuente: Path | None = None) -> Revision:
    """Lee la entrega ``ruta`` y la repara con respecto al cuaderno publicado ``publicado``.

    ``fuente`` (la versión del instructor) también cuenta como contenido legítimo de las celdas
    de prueba y dice qué usa la solución oficial.
    """
    nb, lectura = leer(Path(ruta))
    if nb is None:
        return lectura
    return revisar_cuaderno(nb, leccion(publicado, fuente), lectura)


def _gid(meta: dict) -> str | None:
    gid = meta.get("grade_id")
    return gid if isinstance(gid, str) and gid else None


def revisar_cuaderno(nb, ref: Leccion, lectura: Revision | None = None) -> Revision:
    """Repara ``nb`` (leído con :func:`leer`) en su lugar y devuelve lo anotado, tras lo que ``lectura`` anotó al leerlo.

    Nunca lanza por el contenido de ``nb``.
    """
    revision = Revision(nb)
    for problema in (lectura.problemas if lectura else ()):
        revision.problemas.add(problema)
    revision.observaciones += lectura.observaciones if lectura else []
    esperadas = {}
    for c in ref.celdas:
        if _gid(meta_nbgrader(c)):
            esperadas.setdefault(_gid(meta_nbgrader(c)), c)

    vistos: set[str] = set()
    for celda in list(nb.cells):
        metadatos = celda.get("metadata")
        if not isinstance(metadatos, dict):
            celda["metadata"] = metadatos = nbformat.NotebookNode()
        if "nbgrader" in metadatos and not isinstance(metadatos["nbgrader"], dict):
            revision.anotar("metadatos", "metadatos de nbgrader no válidos en una celda: se ignoran")
            metadatos.pop("nbgrader")
        meta = meta_nbgrader(celda)
        if not meta:
            metadatos.pop("nbgrader", None)  # un ``{}`` vacío haría fallar a CheckCellMetadata de nbgrader
            continue
        gid = _gid(meta)
        if gid is None:
            revision.anotar("metadatos", "una celda tiene un grade_id que no es texto: se ignora su marca")
            metadatos.pop("nbgrader", None)
            continue
        original = esperadas.get(gid)
        if original is None:
            revision.anotar("renombrado", f"grade_id desconocido «{gid}» (¿renombrado?): se ignora su marca")
            metadatos.pop("nbgrader", None)
            continue
        if gid in vistos:
            revision.anotar("duplicado", f"grade_id duplicado «{gid}» (celda copiada): se conserva la primera")
            metadatos.pop("nbgrader", None)
            continue
        vistos.add(gid)
        ometa = meta_nbgrader(original)
        if ometa.get("grade") or ometa.get("locked"):
            if celda.get("cell_type") != original.cell_type:
                revision.anotar("alterada", f"la celda «{gid}» se convirtió en {celda.get('cell_type')}: se restaura")
                _restaurar(nb, celda, original)
                continue
            if celda.get("source") not in ref.legitimos.get(gid, ()):
                revision.anotar("alterada", f"la celda de prueba «{gid}» fue editada: se restaura")
        # Los metadatos (grade, solution, points…) son siempre los de la lección: un «grade: true» puesto por
        # accidente en una solución o unos puntos que no son número se corrigen aquí.
        if meta != ometa:
            metadatos["nbgrader"] = copy.deepcopy(ometa)

    _insertar_faltantes(nb, ref, vistos, revision)
    _revisar_codigo(nb, ref, revision)
    _ids_unicos(nb)
    _guardar_en_metadatos(nb, revision)
    return revision


def _insertar_faltantes(nb, ref: Leccion, vistos: set[str], revision: Revision) -> None:
    """Celdas calificadas o bloqueadas que faltan: se insertan tras la celda anterior de la referencia."""
    orden = [_gid(meta_nbgrader(c)) for c in ref.celdas]
    for posicion, celda_ref in enumerate(ref.celdas):
        meta = meta_nbgrader(celda_ref)
        gid = _gid(meta)
        if not gid or gid in vistos or not (meta.get("grade") or meta.get("locked")):
            continue
        tipo = "de prueba" if meta.get("grade") else "bloqueada"
        revision.anotar("eliminada", f"faltaba la celda {tipo} «{gid}»: se restaura")
        destino = 0
        for anterior in reversed(orden[:posicion]):
            indices = [i for i, c in enumerate(nb.cells) if _gid(meta_nbgrader(c)) == anterior]
            if anterior and indices:
                destino = indices[0] + 1
                break
        nueva = copy.deepcopy(celda_ref)
        nueva["id"] = f"restaurada-{gid}"
        nb.cells.insert(destino, nueva)
        vistos.add(gid)


def _revisar_codigo(nb, ref: Leccion, revision: Revision) -> None:
    """Manipulación en cualquier celda editable; delegación en las celdas de solución (que se anulan)."""
    editables = []
    for celda in nb.cells:
        meta = meta_nbgrader(celda)
        if celda.get("cell_type") != "code" or meta.get("locked") or meta.get("grade"):
            continue
        if not meta.get("solution") and celda.source in ref.propias:
            continue  # celda propia de la lección, sin cambios
        editables.append((celda, meta, analisis.arbol(celda.source)))
    mapa = analisis.importaciones([analisis.arbol(c.source) for c in ref.celdas if c.cell_type == "code"]
                                  + [a for _, _, a in editables])
    # Lo que el estudiante importó del curso en cualquier celda (p. ej. en una celda agregada) también se resuelve.
    propios = {n: v for n, v in analisis.importaciones([a for _, _, a in editables]).items()
               if analisis.es_del_curso(v)}
    contexto = analisis.Contexto({**propios, **ref.contexto.bloqueadas}, ref.contexto.permitidos)
    contaminados: dict[str, str] = {}
    for celda, meta, arbol in editables:
        for hallazgo in analisis.manipulaciones(arbol, mapa, ref.contexto):
            revision.anotar("manipulacion", f"posible manipulación: {hallazgo}")
        if not meta.get("solution"):
            contaminados.update(analisis.contaminados(arbol, contexto))
    for celda, meta, arbol in editables:
        if not meta.get("solution"):
            continue
        previo = _mensaje_anulada(celda.source)
        if previo:  # ya anulada en una revisión anterior (el proceso principal de ``calificar``)
            revision.anotar("delegacion", previo)
            continue
        usados = analisis.delegaciones(arbol, contexto, contaminados)
        if usados:
            gid = _gid(meta) or "un ejercicio"
            mensaje = f"tu solución de `{gid}` llama a `{usados[0]}`: ese ejercicio vale 0"
            revision.anotar("delegacion", mensaje)
            celda.source = _anulada(arbol, mensaje)


def _anulada(arbol, mensaje: str) -> str:
    """Código que reemplaza una solución que delega: sus funciones existen pero lanzan un error que lo explica."""
    nombres = [n.name for n in (arbol.body if arbol is not None else [])
               if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    lineas = [_MARCA]
    for nombre in nombres:
        lineas += [f"def {nombre}(*args, **kwargs):", f"    raise RuntimeError({mensaje!r})"]
    if not nombres:
        lineas.append(f"raise RuntimeError({mensaje!r})")
    return "\n".join(lineas) + "\n"


def _mensaje_anulada(fuente) -> str | None:
    """El mensaje de una solución ya anulada por :func:`_anulada` (None si no lo es)."""
    if not isinstance(fuente, str) or not fuente.startswith(_MARCA):
        return None
    arbol = analisis.arbol(fuente)
    for nodo in ast.walk(arbol) if arbol is not None else []:
        if isinstance(nodo, ast.Constant) and isinstance(nodo.value, str):
            return nodo.value
    return None


def _guardar_en_metadatos(nb, revision: Revision) -> None:
    """Escribe la revisión en ``nb.metadata.calificador.revision`` (lo que traía la entrega ahí se descarta)."""
    metadatos = nb.get("metadata")
    if not isinstance(metadatos, dict):
        nb["metadata"] = metadatos = nbformat.NotebookNode()
    metadatos[CLAVE_METADATOS] = {"revision": {"problemas": sorted(revision.problemas),
                                               "observaciones": list(revision.observaciones)}}


def revision_anotada(nb) -> tuple[set[str], list[str]]:
    """``(problemas, observaciones)`` que la revisión dejó en un cuaderno calificado (JSON o NotebookNode); vacíos si no hay."""
    metadatos = nb.get("metadata") if isinstance(nb, dict) else None
    calificador = metadatos.get(CLAVE_METADATOS) if isinstance(metadatos, dict) else None
    revision = calificador.get("revision") if isinstance(calificador, dict) else None
    if not isinstance(revision, dict):
        return set(), []
    return ({p for p in revision.get("problemas", []) if isinstance(p, str)},
            [o for o in revision.get("observaciones", []) if isinstance(o, str)])


def _restaurar(nb, celda, original) -> None:
    nueva = copy.deepcopy(original)
    nueva["id"] = celda.get("id", original.get("id"))
    nb.cells[nb.cells.index(celda)] = nueva
