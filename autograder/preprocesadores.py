"""Preprocesadores de nbgrader del curso: la revisión de cada entrega al calificar y la retroalimentación sin pruebas ocultas.

``nbgrader_config.py`` los conecta, así que valen igual para ``nbgrader autograde``, los botones
de Formgrader y ``python -m autograder``.
"""

from __future__ import annotations

from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

__all__ = ["RevisarEntrega", "OcultarPruebas", "estado_de", "quitar_pruebas_ocultas"]


def estado_de(problemas) -> str:
    """El estado (texto en español) que fijan las claves de ``problemas``: el más grave que aplique."""
    from .calificar import ESTADOS

    for clave, texto in ESTADOS.items():
        if clave in problemas:
            return texto
    return ESTADOS["calificada"]


class RevisarEntrega(NbGraderPreprocessor):
    """Repara la entrega contra la lección (``release/`` o ``source/`` del curso) antes que los preprocesadores de nbgrader.

    Anota problemas y observaciones en ``nb.metadata.calificador.revision`` y, si hay gradebook,
    el estado y las observaciones como comentario y bandera de la entrega (lo que muestra Formgrader).
    """

    def preprocess(self, nb, resources):
        from nbgrader.coursedir import CourseDirectory

        import json

        from .reparar import Revision, leccion, leer, revisar_cuaderno

        datos = resources.get("nbgrader", {})
        asignacion, cuaderno = datos.get("assignment"), datos.get("notebook")
        curso = CourseDirectory(config=self.config)
        raiz = Path(curso.root)
        publicado = raiz / curso.release_directory / asignacion / f"{cuaderno}.ipynb"
        fuente = raiz / curso.source_directory / asignacion / f"{cuaderno}.ipynb"
        # nbformat lee sin exigir tipos: se normaliza igual que una entrega leída por ``calificar``.
        normalizado, lectura = leer(json.dumps(nb, default=str).encode("utf-8"))
        if normalizado is None:
            raise ValueError("; ".join(lectura.observaciones))
        nb = normalizado
        try:
            revision = revisar_cuaderno(nb, leccion(publicado, fuente), lectura)
        except Exception as error:  # noqa: BLE001 — la revisión nunca debe tumbar la calificación de nadie
            self.log.error("No se pudo revisar %s/%s: %s", asignacion, cuaderno, error)
            revision = Revision(nb)
            revision.anotar("error", f"no se pudo revisar la entrega ({type(error).__name__})")
        for texto in revision.observaciones:
            self.log.warning("%s", texto)
        if datos.get("db_url") and datos.get("student"):
            self._anotar_gradebook(datos, revision)
        return nb, resources

    def _anotar_gradebook(self, datos: dict, revision) -> None:
        from nbgrader.api import Gradebook

        from .exportar import anotar_entrega

        try:
            with Gradebook(datos["db_url"]) as gb:
                anotar_entrega(gb, datos["assignment"], datos["student"], datos["notebook"],
                               estado_de(revision.problemas), revision.observaciones)
        except Exception as error:  # noqa: BLE001 — sin anotación la calificación sigue valiendo
            self.log.warning("No se pudo anotar la revisión en el gradebook: %s", error)


def quitar_pruebas_ocultas(fuente: str, inicio: str = "BEGIN HIDDEN TESTS", fin: str = "END HIDDEN TESTS") -> str:
    """``fuente`` sin sus bloques de pruebas ocultas (un bloque sin cierre llega hasta el final)."""
    salida, dentro = [], False
    for linea in fuente.splitlines(keepends=True):
        if inicio in linea:
            dentro = True
            continue
        if fin in linea and dentro:
            dentro = False
            continue
        if not dentro:
            salida.append(linea)
    return "".join(salida).rstrip("\n")


class OcultarPruebas(NbGraderPreprocessor):
    """Para la retroalimentación: quita los bloques de pruebas ocultas y el rastreo que los citaría.

    De un error fuera de las celdas de solución queda solo la última línea (``Tipo: mensaje en español``).
    """

    begin_test_delimeter = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    end_test_delimeter = Unicode("END HIDDEN TESTS").tag(config=True)

    def preprocess(self, nb, resources):
        nb, resources = super().preprocess(nb, resources)
        # Lo que el calificador anotó en el gradebook (estado y observaciones) es lo que ve el estudiante.
        calificador = {}
        datos = resources.get("nbgrader", {})
        try:
            from nbgrader.api import Gradebook

            from .exportar import anotacion

            with Gradebook(datos["db_url"]) as gb:
                envio = gb.find_submission_notebook(datos["notebook"], datos["assignment"], datos["student"])
                estado, observaciones = anotacion(envio)
            if estado:
                calificador = {"estado": estado, "observaciones": observaciones}
        except Exception as error:  # noqa: BLE001 — sin gradebook la página sale sin estado
            self.log.warning("Sin estado del calificador para la retroalimentación: %s", error)
        nb.metadata["calificador"] = calificador
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        from .curso import meta_nbgrader

        meta = meta_nbgrader(cell)
        if cell.get("cell_type") != "code" or meta.get("solution"):
            return cell, resources  # el código del estudiante y su rastreo se muestran completos
        if isinstance(cell.get("source"), str):
            cell.source = quitar_pruebas_ocultas(cell.source, self.begin_test_delimeter, self.end_test_delimeter)
        for salida in cell.get("outputs", []):
            if salida.get("output_type") == "error":
                salida["traceback"] = [f"{salida.get('ename', 'Error')}: {salida.get('evalue', '')}"]
        return cell, resources
