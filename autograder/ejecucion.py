"""Preprocesador de ejecución de nbgrader con límites por cuaderno, tope de salida y reinicio tras una caída.

Sustituye a ``nbgrader.preprocessors.Execute`` en ``Autograde.autograde_preprocessors``:

- tiempo límite por celda (``timeout``) y para todo el cuaderno (``limite_cuaderno``);
- tope de salida aplicado mientras el núcleo escribe (lo que pasa del tope se descarta aquí,
  no se acumula en memoria);
- si el núcleo muere (``os._exit``, memoria) o una celda agota su tiempo, esa celda recibe un
  error en español, se reinicia el núcleo, se repiten en silencio las celdas anteriores y se
  sigue: solo pierde puntos lo que dependía de esa celda.

Las incidencias quedan en ``nb.metadata.calificador`` para el informe.
"""

from __future__ import annotations

import math
import time

from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Float, Integer, Unicode

__all__ = ["EjecucionAislada"]

_TEXTO_TOPE = "\n[calificador: salida truncada; el cuaderno imprimió más de {} caracteres]\n"


def _error(nombre: str, mensaje: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=nombre, evalue=mensaje, traceback=[f"{nombre}: {mensaje}"])


def _tamano(salida) -> int:
    if salida.get("output_type") == "stream":
        return len(salida.get("text", ""))
    datos = salida.get("data", {})
    return sum(len(v) if isinstance(v, str) else len(str(v)) for v in datos.values()) + len(str(salida.get("traceback", "")))


class EjecucionAislada(Execute):
    """``Execute`` de nbgrader con límites de tiempo, de salida y recuperación tras caídas."""

    limite_cuaderno = Float(300.0, help="Segundos para ejecutar todo el cuaderno.").tag(config=True)
    limite_salida = Integer(200_000, help="Caracteres de salida que se guardan por cuaderno.").tag(config=True)
    max_reinicios = Integer(3, help="Reinicios del núcleo permitidos por cuaderno.").tag(config=True)
    guardia = Unicode("", help="Código que se ejecuta en silencio antes de cada celda calificada.").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        from nbclient import NotebookClient

        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self._fin = time.monotonic() + self.limite_cuaderno
        self._salida = 0
        self._truncado = False
        self._incidencias: list[dict] = []
        self.timeout_func = self._tiempo_de_celda
        malas: set[int] = set()
        reinicios = 0
        with self.setup_kernel():
            info = self.wait_for_reply(self.kc.kernel_info())
            self.nb.metadata["language_info"] = info["content"]["language_info"]
            indice = 0
            while indice < len(self.nb.cells):
                celda = self.nb.cells[indice]
                if celda.cell_type != "code" or not celda.source.strip():
                    indice += 1
                    continue
                if self._restante() <= 0:
                    celda.outputs = [_error("TiempoAgotado", "No se ejecutó: se agotó el tiempo total del cuaderno.")]
                    self._anotar("tiempo_cuaderno", indice)
                    indice += 1
                    continue
                problema = None
                try:
                    if self.guardia and celda.get("metadata", {}).get("nbgrader", {}).get("grade"):
                        self._ejecutar_guardia()
                    self.execute_cell(celda, indice, store_history=True)
                    if any(o.get("output_type") == "error" and o.get("ename") == "CellTimeoutError" for o in celda.outputs):
                        problema = "tiempo_celda"
                        celda.outputs = [o for o in celda.outputs if o.get("ename") != "CellTimeoutError"] + [
                            _error("TiempoAgotado", f"La celda tardó más de {self.timeout} s y se detuvo.")]
                except DeadKernelError:
                    problema = "nucleo"
                    celda.outputs = list(celda.get("outputs", [])) + [_error(
                        "NucleoDetenido", "El proceso de Python se detuvo en esta celda (os._exit, falta de memoria o un fallo).")]
                if problema:
                    self._anotar(problema, indice)
                    malas.add(indice)
                    reinicios += 1
                    if reinicios > self.max_reinicios or not self._reiniciar(indice, malas):
                        self._anular_desde(indice + 1, "No se ejecutó: el núcleo no pudo reiniciarse.")
                        break
                indice += 1
        self.set_widgets_metadata()
        self.nb.metadata["calificador"] = {"incidencias": self._incidencias, "salida_truncada": self._truncado}
        return self.nb, self.resources

    # -- tiempos -----------------------------------------------------------------------------
    def _restante(self) -> float:
        return self._fin - time.monotonic()

    def _tiempo_de_celda(self, celda) -> int:
        restante = max(1, math.ceil(self._restante()))
        return min(int(self.timeout), restante) if self.timeout else restante

    # -- salida ------------------------------------------------------------------------------
    def output(self, outs, msg, display_id, cell_index):
        # Los errores se guardan siempre: sin ellos una celda de prueba fallida parecería aprobada.
        es_error = msg.get("msg_type") == "error"
        if self._truncado and not es_error:
            return None
        salida = super().output(outs, msg, display_id, cell_index)
        if salida is None or es_error:
            return salida
        self._salida += _tamano(salida)
        if self._salida > self.limite_salida:
            self._truncado = True
            outs.remove(salida)
            outs.append(NotebookNode(output_type="stream", name="stdout", text=_TEXTO_TOPE.format(self.limite_salida)))
            self._anotar("salida", cell_index)
        return salida

    def _ejecutar_guardia(self) -> None:
        """Restituye las ayudas de las pruebas por si el código del estudiante las reemplazó."""
        copia = NotebookNode(cell_type="code", source=self.guardia, metadata=NotebookNode(), outputs=[], execution_count=None)
        truncado, self._truncado = self._truncado, True
        anterior = self.nb.cells[0]
        try:
            self.execute_cell(copia, 0, store_history=False)
        finally:
            self.nb.cells[0] = anterior
            self._truncado = truncado

    # -- caídas ------------------------------------------------------------------------------
    def _anotar(self, tipo: str, indice: int) -> None:
        celda = self.nb.cells[indice]
        grade_id = celda.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        self._incidencias.append({"tipo": tipo, "celda": indice, "grade_id": grade_id})

    def _anular_desde(self, inicio: int, mensaje: str) -> None:
        for celda in self.nb.cells[inicio:]:
            if celda.cell_type == "code" and celda.source.strip():
                celda.outputs = [_error("NoEjecutada", mensaje)]

    async def _async_reiniciar_nucleo(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        await self.km.restart_kernel(now=True)
        await self.async_start_new_kernel_client()

    _reiniciar_nucleo = run_sync(_async_reiniciar_nucleo)

    def _reiniciar(self, hasta: int, malas: set[int]) -> bool:
        """Núcleo nuevo; repite en silencio las celdas de código anteriores a ``hasta`` que no fallaron."""
        try:
            self._reiniciar_nucleo()
        except Exception as error:  # noqa: BLE001 — cualquier fallo aquí deja el resto sin ejecutar
            self.log.error("No se pudo reiniciar el núcleo: %s", error)
            return False
        truncado, self._truncado = self._truncado, True  # la repetición no escribe salida
        try:
            for indice, celda in enumerate(self.nb.cells[:hasta]):
                if indice in malas or celda.cell_type != "code" or not celda.source.strip():
                    continue
                if self._restante() <= 0:
                    return False
                copia = NotebookNode(cell_type="code", source=celda.source, metadata=NotebookNode(), outputs=[], execution_count=None)
                try:
                    self.execute_cell(copia, indice, store_history=False)
                except DeadKernelError:
                    return False
                if any(o.get("ename") == "CellTimeoutError" for o in copia.outputs):
                    return False
                self.nb.cells[indice] = celda  # execute_cell sustituye la celda del cuaderno por la copia
        finally:
            self._truncado = truncado
        return True
