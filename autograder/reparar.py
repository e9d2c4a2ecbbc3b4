"""Revisión previa de una entrega: la lee, repara sus metadatos de nbgrader y anota cada anomalía.

nbgrader aborta o califica mal ante un grade_id duplicado o renombrado, una celda de prueba
borrada o convertida a markdown; aquí se deja el cuaderno en una forma que nbgrader califica
con justicia, comparándolo con la versión del estudiante (``release/``). Las celdas de prueba
se restauran (nbgrader vuelve a poner su contenido oficial desde el gradebook).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .curso import meta_nbgrader

__all__ = ["Revision", "revisar", "SOSPECHOSOS"]

#: Patrones de código del estudiante que intentan alterar las pruebas o el entorno de calificación.
SOSPECHOSOS = {
    r"\b(comprobar_\w+|con_referencia|generador|sin_advertencias)\s*=(?!=)": "reasigna una función de las pruebas",
    r"\b(pruebas|referencia|course)\.\w+\s*=(?!=)": "modifica un módulo del curso",
    r"\bnp\.(testing\.)?\w+\s*=(?!=)|\bnumpy\.\w+\s*=(?!=)": "modifica numpy",
    r"\bbuiltins\b|__builtins__": "toca las funciones integradas de Python",
    r"NBGRADER_EXECUTION|os\.environ\s*\[[^\]]*\]\s*=(?!=)": "consulta o cambia el entorno de calificación",
    r"sys\.modules\s*\[|sys\.settrace|sys\.setprofile|setattr\s*\(\s*(np|numpy|pruebas|course)": "altera módulos cargados",
    r"gradebook|\.nbgrader|os\.kill\s*\(|os\.getppid": "intenta tocar el calificador",
}


@dataclass
class Revision:
    """Resultado de revisar una entrega.

    ``cuaderno`` es None si el archivo no se pudo leer; ``observaciones`` son frases en español;
    ``problemas`` son claves cortas (``ilegible``, ``eliminada``, ``alterada``, ``duplicado``,
    ``renombrado``, ``manipulacion``) que fijan el estado.
    """

    cuaderno: object | None
    observaciones: list[str] = field(default_factory=list)
    problemas: set[str] = field(default_factory=set)

    def anotar(self, problema: str, texto: str) -> None:
        self.problemas.add(problema)
        if texto not in self.observaciones:
            self.observaciones.append(texto)


def _leer(ruta: Path) -> tuple[object | None, str]:
    datos = Path(ruta).read_bytes()
    if not datos.strip():
        return None, "el archivo está vacío"
    try:
        crudo = json.loads(datos.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as error:
        return None, f"no es JSON válido (línea {error.lineno})"
    if not isinstance(crudo, dict) or not isinstance(crudo.get("cells"), list):
        return None, "no tiene la estructura de un cuaderno de Jupyter"
    try:
        nb = nbformat.reads(json.dumps(crudo), as_version=4)
    except Exception as error:  # noqa: BLE001 — cualquier formato raro es «ilegible»
        return None, f"nbformat no lo reconoce ({type(error).__name__})"
    for celda in nb.cells:
        if celda.get("cell_type") not in ("code", "markdown", "raw") or not isinstance(celda.get("source", ""), str):
            return None, "tiene celdas con un formato no válido"
    return nb, ""


def revisar(ruta: Path, publicado: Path, fuente: Path | None = None) -> Revision:
    """Lee la entrega ``ruta`` y la repara con respecto al cuaderno publicado ``publicado``.

    ``fuente`` (la versión del instructor) también cuenta como contenido legítimo de las celdas de prueba.
    """
    nb, motivo = _leer(ruta)
    if nb is None:
        revision = Revision(None)
        revision.anotar("ilegible", f"cuaderno ilegible: {motivo}")
        return revision
    referencia, legitimos = _referencia(str(publicado), str(fuente) if fuente is not None else None,
                                        Path(publicado).stat().st_mtime_ns)
    esperadas = {meta_nbgrader(c)["grade_id"]: c for c in referencia.cells if meta_nbgrader(c).get("grade_id")}
    revision = Revision(nb)

    vistos: set[str] = set()
    for celda in nb.cells:
        meta = meta_nbgrader(celda)
        gid = meta.get("grade_id")
        if not meta or gid is None:
            continue
        original = esperadas.get(gid)
        if original is None:
            clave = "renombrado"
            revision.anotar(clave, f"grade_id desconocido «{gid}» (¿renombrado?): se ignora su marca")
            celda.metadata.pop("nbgrader", None)
            continue
        if gid in vistos:
            revision.anotar("duplicado", f"grade_id duplicado «{gid}» (celda copiada): se conserva la primera")
            celda.metadata.pop("nbgrader", None)
            continue
        vistos.add(gid)
        ometa = meta_nbgrader(original)
        if ometa.get("grade") or ometa.get("locked"):
            if celda.cell_type != original.cell_type:
                revision.anotar("alterada", f"la celda «{gid}» se convirtió en {celda.cell_type}: se restaura")
                _restaurar(nb, celda, original)
            elif celda.source not in legitimos.get(gid, ()):
                revision.anotar("alterada", f"la celda de prueba «{gid}» fue editada: se restaura")
            if meta != ometa:
                celda.metadata["nbgrader"] = copy.deepcopy(ometa)

    # Celdas calificadas o bloqueadas que faltan: se insertan tras la celda anterior de la referencia.
    orden = [meta_nbgrader(c).get("grade_id") for c in referencia.cells]
    for posicion, celda_ref in enumerate(referencia.cells):
        gid = meta_nbgrader(celda_ref).get("grade_id")
        if not gid or gid in vistos or not (meta_nbgrader(celda_ref).get("grade") or meta_nbgrader(celda_ref).get("locked")):
            continue
        tipo = "de prueba" if meta_nbgrader(celda_ref).get("grade") else "bloqueada"
        revision.anotar("eliminada", f"faltaba la celda {tipo} «{gid}»: se restaura")
        destino = 0
        for anterior in reversed(orden[:posicion]):
            indices = [i for i, c in enumerate(nb.cells) if meta_nbgrader(c).get("grade_id") == anterior]
            if anterior and indices:
                destino = indices[0] + 1
                break
        nueva = copy.deepcopy(celda_ref)
        nueva["id"] = f"restaurada-{gid}"
        nb.cells.insert(destino, nueva)
        vistos.add(gid)

    for celda in nb.cells:
        meta = meta_nbgrader(celda)
        if celda.cell_type != "code" or meta.get("locked"):
            continue
        for patron, descripcion in SOSPECHOSOS.items():
            if re.search(patron, celda.source):
                revision.anotar("manipulacion", f"posible manipulación: {descripcion}")
    # Ids de celda únicos (una celda copiada repite el suyo y nbformat lo rechaza).
    ids: set[str] = set()
    for numero, celda in enumerate(nb.cells):
        if not celda.get("id") or celda["id"] in ids:
            celda["id"] = f"celda-{numero}"
        ids.add(celda["id"])
    return revision


@functools.lru_cache(maxsize=32)
def _referencia(publicado: str, fuente: str | None, _version: int):
    """Cuaderno publicado y, por grade_id, los textos legítimos de cada celda (se lee una vez por asignación)."""
    referencia = nbformat.read(publicado, as_version=4)
    legitimos: dict[str, set[str]] = {}
    for c in referencia.cells:
        legitimos.setdefault(meta_nbgrader(c).get("grade_id"), set()).add(c.source)
    if fuente is not None:
        for c in nbformat.read(fuente, as_version=4).cells:
            legitimos.setdefault(meta_nbgrader(c).get("grade_id"), set()).add(c.source)
    return referencia, legitimos


def _restaurar(nb, celda, original) -> None:
    nueva = copy.deepcopy(original)
    nueva["id"] = celda.get("id", original.get("id"))
    nb.cells[nb.cells.index(celda)] = nueva
