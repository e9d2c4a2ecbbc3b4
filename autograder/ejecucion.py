"""Preprocesador de ejecución de nbgrader con núcleo aislado (bubblewrap), límites, tope de salida y reinicio tras una caída.

Sustituye a ``nbgrader.preprocessors.Execute`` en ``Autograde.autograde_preprocessors`` (lo hace
``nbgrader_config.py`` para ``nbgrader autograde`` y Formgrader, y el trabajador de ``calificar``):

- cada núcleo corre en su caja (``GestorAislado`` → ``nucleo.orden_bwrap``), en su propia carpeta
  vacía, nunca en la del cuaderno que se ejecuta (que tiene las pruebas ocultas);

- con ``reserva`` > 0 (el trabajador de ``calificar``), el núcleo del cuaderno siguiente arranca
  mientras corre el actual (:class:`ReservaNucleos`); cada núcleo sirve a un solo cuaderno y muere con él;
- tiempo límite por celda (``timeout``) y para todo el cuaderno (``limite_cuaderno``);
- tope de salida aplicado mientras el núcleo escribe (lo que pasa del tope se descarta aquí,
  no se acumula en memoria);
- si el núcleo muere (``os._exit``, memoria) o una celda agota su tiempo (también cuando el código
  ignora la interrupción o inunda la salida y nbclient lanza ``CellTimeoutError``), esa celda recibe
  un error en español que la nombra, se reinicia el núcleo, se repiten en silencio las celdas
  anteriores y se sigue: solo pierde puntos lo que dependía de esa celda.

Las incidencias quedan en ``nb.metadata.calificador`` para el informe.
"""

from __future__ import annotations

import atexit
import itertools
import math
import multiprocessing.util
import os
import shutil
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool, Float, Instance, Integer, Type, Unicode, default

from .curso import meta_nbgrader
from .nucleo import ConfigNucleo, compilar_paquetes, diagnostico, orden_bwrap, orden_sin_caja

__all__ = ["EjecucionAislada", "GestorAislado", "ReservaNucleos", "SinAislamiento", "describir_aislamiento", "reserva_activa",
           "temporal_corta", "esperar_moribundos", "adoptar_huerfanos"]

_MIB = 1024**2
#: Cada núcleo de este proceso con su uid: dos núcleos vivos a la vez (el del cuaderno y el de reserva) no comparten límites.
_NUMERO = itertools.count()


class SinAislamiento(RuntimeError):
    """La máquina no permite aislar los núcleos y no se pidió calificar sin aislamiento."""


class GestorAislado(AsyncKernelManager):
    """Gestor de núcleos de jupyter_client que lanza cada núcleo en su caja de bubblewrap.

    Sockets por IPC en una carpeta propia (la caja no tiene red), interrupción por mensaje (la
    señal no atravesaría bwrap) y la configuración del núcleo en un archivo, no en el entorno.
    """

    config_nucleo = Instance(ConfigNucleo, args=())
    carpeta = Unicode("", help="Dónde crear la carpeta del núcleo (por omisión, la temporal si su ruta es corta).")

    @default("transport")
    def _transporte(self):
        return "ipc"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._base = Path(tempfile.mkdtemp(prefix="nk-", dir=self.carpeta or temporal_corta()))
        self._sockets = self._base / "s"
        self._control = self._base / "c"
        self._trabajo = self._base / "t"
        for carpeta in (self._sockets, self._control, self._trabajo):
            carpeta.mkdir()
        self._control.chmod(0o755)
        # El archivo de conexión vive en la carpeta del núcleo (no en un tmp*.json suelto): se borra con ella.
        self.connection_file = str(self._control / "conexion.json")
        if os.geteuid() == 0 and self.config_nucleo.aislado:
            # El núcleo corre con su propio uid: solo él y root escriben sus sockets.
            self.config_nucleo.uid = self.config_nucleo.uid or 3_000_000 + (os.getpid() % 2**22) * 16 + next(_NUMERO) % 16
            os.chown(self._sockets, self.config_nucleo.uid, self.config_nucleo.uid)
        self.transport = "ipc"
        self.ip = str(self._sockets / "k")

    @property
    def kernel_spec(self):
        espec = super().kernel_spec
        if espec is not None:
            espec.interrupt_mode = "message"
        return espec

    async def _async_pre_start_kernel(self, **kw):
        # Nunca la carpeta del cuaderno: ahí está la versión con las pruebas ocultas.
        kw["cwd"] = str(self._trabajo)
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments=None):
        for resto in self._sockets.iterdir():  # lo que dejó un núcleo anterior no estorba al nuevo
            resto.unlink() if not resto.is_dir() else shutil.rmtree(resto, ignore_errors=True)
        Path(self.connection_file).chmod(0o644)  # jupyter_client la escribe 0600; el núcleo corre con otro uid
        self.config_nucleo.guardar(self._control / "config.json")
        (self._control / "config.json").chmod(0o644)
        if self.config_nucleo.aislado:
            return orden_bwrap(self.config_nucleo, self._control, self._sockets)
        shutil.rmtree(self._trabajo, ignore_errors=True)
        self._trabajo.mkdir()
        return orden_sin_caja(self._control)

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        # jupyter_client revisa cada 0.1 s si el núcleo ya murió; matarlo está en el camino de cada cuaderno.
        await super()._async_wait(pollinterval=min(pollinterval, 0.01))

    async def _async_kill_kernel(self, restart: bool = False) -> None:
        # bwrap interior y el núcleo mueren después que el bwrap exterior (el único que jupyter_client espera y
        # recoge): se anotan para que el proceso no termine mientras sigan vivos (ver ``esperar_moribundos``).
        _anotar_moribundos(getattr(self.provisioner, "process", None))
        await super()._async_kill_kernel(restart=restart)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._base, ignore_errors=True)


def temporal_corta() -> str:
    """La carpeta temporal (``TMPDIR``) si su ruta es corta; si no, ``/tmp``: los sockets de Unix admiten ~100 caracteres."""
    temporal = tempfile.gettempdir()
    return temporal if len(temporal) <= 60 or not os.path.isdir("/tmp") else "/tmp"


class ReservaNucleos:
    """Núcleos aislados ya arrancados, listos para el cuaderno siguiente de este proceso.

    Cada uno sirve a un solo cuaderno (``tomar`` lo entrega y lo olvida; el cuaderno lo mata al
    terminar), así que nada de un estudiante llega al siguiente. Los que nadie toma mueren con el
    proceso (``vaciar``, registrado al crear la reserva).
    """

    def __init__(self):
        self._listos: list[tuple[tuple, GestorAislado]] = []
        #: False mientras se califica el último cuaderno que le toca a este proceso: nadie usaría un núcleo más.
        self.activa = True
        atexit.register(self.vaciar)
        # Los procesos de ProcessPoolExecutor terminan con os._exit: atexit no corre, los finalizadores sí.
        multiprocessing.util.Finalize(self, self.vaciar, exitpriority=10)

    def tomar(self, clave: tuple) -> GestorAislado | None:
        """Un núcleo vivo arrancado con ``clave`` (sale de la reserva), o ``None``; los que no sirven se matan."""
        while self._listos:
            suya, km = self._listos.pop(0)
            if suya == clave and _vivo(km):
                return km
            _matar(km)
        return None

    def llenar(self, clave: tuple, cuantos: int, arrancar) -> None:
        """Arranca con ``arrancar()`` hasta tener ``cuantos`` núcleos de ``clave`` en reserva (nada si no está ``activa``)."""
        while self.activa and sum(1 for suya, _ in self._listos if suya == clave) < cuantos:
            self._listos.append((clave, arrancar()))

    def vaciar(self) -> None:
        """Mata los núcleos de reserva y espera a que termine de morir todo núcleo que este proceso mató."""
        while self._listos:
            _matar(self._listos.pop()[1])
        esperar_moribundos()


def _vivo(km: GestorAislado) -> bool:
    try:
        return bool(run_sync(km.is_alive)())
    except Exception:  # noqa: BLE001
        return False


def _matar(km: GestorAislado) -> None:
    """Mata el núcleo y espera a que desaparezca todo su árbol (bwrap y lo de dentro mueren después que el bwrap exterior)."""
    proceso = getattr(getattr(km, "provisioner", None), "process", None)
    try:
        run_sync(km.shutdown_kernel)(now=True)  # pasa por GestorAislado._async_kill_kernel, que anota el árbol
    except Exception:  # noqa: BLE001 — ya muerto o el ciclo de eventos cerrado: al menos el proceso y su carpeta
        if proceso is not None and proceso.poll() is None:
            _anotar_moribundos(proceso)
            proceso.kill()
        shutil.rmtree(km._base, ignore_errors=True)
    esperar_moribundos()


#: Procesos de núcleos ya matados que quizá siguen muriendo: ``(pid, instante de arranque)`` (el pid solo no basta: se reúsa).
_MORIBUNDOS: list[tuple[int, str]] = []


def _estado_e_inicio(pid: int) -> tuple[str, str] | None:
    """El estado (``R``, ``S``, ``Z``…) y el instante de arranque de ``pid`` según ``/proc``; ``None`` si ya no está."""
    try:
        campos = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return campos[0], campos[19]
    except (OSError, IndexError):
        return None


def _anotar_moribundos(proceso) -> None:
    """Anota el árbol vivo de ``proceso`` (el bwrap exterior de un núcleo) antes de matarlo."""
    if proceso is None:
        return
    _recoger_moribundos()
    for pid in _descendientes(proceso.pid):
        datos = _estado_e_inicio(pid)
        if datos and datos[0] not in ("Z", "X"):
            _MORIBUNDOS.append((pid, datos[1]))


def _recoger_moribundos() -> None:
    """Recoge los que ya murieron y son hijos de este proceso (lo son si lo adoptó, ver ``adoptar_huerfanos``)."""
    quedan = []
    for pid, inicio in _MORIBUNDOS:
        datos = _estado_e_inicio(pid)
        if datos is None or datos[1] != inicio:  # ya no está (vivo o zombi), o el pid es de otro proceso
            continue
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                continue
        except ChildProcessError:
            pass
        quedan.append((pid, inicio))
    _MORIBUNDOS[:] = quedan


def esperar_moribundos(limite: float = 5.0) -> None:
    """Espera (hasta ``limite`` segundos) a que desaparezcan los procesos de los núcleos que este proceso mató.

    Un zombi cuenta: sigue siendo un proceso del usuario hasta que alguien lo recoge.
    """
    fin = time.monotonic() + limite
    _recoger_moribundos()
    while _MORIBUNDOS and time.monotonic() < fin:
        time.sleep(0.01)
        _recoger_moribundos()
    _MORIBUNDOS.clear()


def adoptar_huerfanos() -> None:
    """Hace de este proceso el que recoge a los huérfanos de sus núcleos (``PR_SET_CHILD_SUBREAPER``).

    Al matar un núcleo, el bwrap interior y el núcleo quedan huérfanos; sin esto los adopta el init de
    la máquina, que puede tardar segundos en recogerlos (y mientras, siguen siendo procesos del usuario).
    """
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _descendientes(pid: int) -> list[int]:
    """Los procesos hijos, nietos… de ``pid`` (según ``/proc``)."""
    todos, pendientes = [], [pid]
    while pendientes:
        actual = pendientes.pop()
        try:
            for hilo in os.listdir(f"/proc/{actual}/task"):
                hijos = [int(h) for h in Path(f"/proc/{actual}/task/{hilo}/children").read_text().split()]
                todos += hijos
                pendientes += hijos
        except OSError:
            continue
    return todos


_RESERVA: ReservaNucleos | None = None


def _reserva() -> ReservaNucleos:
    global _RESERVA
    if _RESERVA is None:
        _RESERVA = ReservaNucleos()
    return _RESERVA


def reserva_activa(activa: bool) -> None:
    """Si este proceso arranca núcleos de reserva para el cuaderno siguiente (el trabajador lo apaga en su última entrega)."""
    _reserva().activa = activa


def describir_aislamiento(aislado: bool, config: ConfigNucleo) -> str:
    """Una línea en español con el aislamiento y los límites que se aplicaron a cada núcleo."""
    limites = (f"memoria {config.memoria // _MIB} MiB (espacio de direcciones, RLIMIT_AS), "
               f"{config.procesos} procesos, disco {config.disco // _MIB} MiB, /tmp {config.tmp // _MIB} MiB, "
               f"archivo {config.archivo // _MIB} MiB")
    if aislado:
        caja = "bubblewrap"
        if diagnostico().version:
            caja = diagnostico().version
        quien = "uid propio por núcleo" if os.geteuid() == 0 else "espacio de nombres de usuario propio"
        return (f"aislado con {caja} (PID, red, IPC, UTS y montajes propios; solo lectura salvo su carpeta; "
                f"{quien}); límites: {limites}")
    return f"SIN AISLAMIENTO (pedido con --sin-aislamiento): los núcleos ven el disco y la red; límites: {limites}"


_TEXTO_TOPE = "\n[calificador: salida truncada; el cuaderno imprimió más de {} caracteres]\n"


def _error(nombre: str, mensaje: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=nombre, evalue=mensaje, traceback=[f"{nombre}: {mensaje}"])


def _meta(celda) -> dict:
    meta = meta_nbgrader(celda)
    return meta if isinstance(meta, dict) else {}


def _es_prueba(celda) -> bool:
    meta = _meta(celda)
    return bool(meta.get("grade")) and not meta.get("solution")


def _nombre_celda(celda, indice: int) -> str:
    """«la celda 7 (ejercicio_2)»: número en el cuaderno, contando desde 1, y su grade_id si tiene."""
    grade_id = _meta(celda).get("grade_id")
    return f"la celda {indice + 1}" + (f" ({grade_id})" if isinstance(grade_id, str) and grade_id else "")


def _tamano(salida) -> tuple[int, int]:
    """``(texto, imágenes)``: caracteres de texto de una salida y caracteres de sus imágenes (base64)."""
    if salida.get("output_type") == "stream":
        return len(salida.get("text", "")), 0
    datos = salida.get("data", {})
    largo = {m: len(v) if isinstance(v, str) else len(str(v)) for m, v in datos.items()}
    imagenes = sum(n for m, n in largo.items() if m.startswith("image/"))
    return sum(largo.values()) - imagenes + len(str(salida.get("traceback", ""))), imagenes


class EjecucionAislada(Execute):
    """``Execute`` de nbgrader con límites de tiempo, de salida y recuperación tras caídas."""

    limite_cuaderno = Float(300.0, help="Segundos para ejecutar todo el cuaderno.").tag(config=True)
    limite_salida = Integer(200_000, help="Caracteres de salida de texto que se guardan por cuaderno.").tag(config=True)
    # Las gráficas, los diagramas y los paneles del curso son imágenes legítimas: no gastan el tope de texto
    # (unas cuantas ya pasan de 200 000 caracteres), pero tienen el suyo para que no agoten la memoria.
    limite_imagenes = Integer(20_000_000, help="Caracteres de imágenes (base64) que se guardan por cuaderno.").tag(config=True)
    max_reinicios = Integer(3, help="Reinicios del núcleo permitidos por cuaderno.").tag(config=True)
    guardia = Unicode("", help="Código que se ejecuta en silencio antes de cada celda calificada.").tag(config=True)
    aislamiento = Bool(True, help="Cada núcleo en una caja de bubblewrap; False solo si el instructor lo pide.").tag(config=True)
    memoria_mib = Integer(2048, help="MiB de espacio de direcciones por núcleo.").tag(config=True)
    procesos = Integer(64, help="Procesos e hilos por núcleo.").tag(config=True)
    disco_mib = Integer(256, help="MiB de la carpeta de trabajo del núcleo.").tag(config=True)
    tmp_mib = Integer(64, help="MiB del /tmp del núcleo.").tag(config=True)
    archivo_mib = Integer(64, help="MiB máximos de un archivo escrito por el núcleo.").tag(config=True)
    cache_matplotlib = Unicode("", help="Carpeta con la caché de fuentes de matplotlib para cada núcleo.").tag(config=True)
    kernel_manager_class = Type(GestorAislado, config=True)
    carpeta_nucleos = Unicode("", help="Carpeta donde se crean las de los núcleos (por omisión, la temporal).").tag(config=True)
    reserva = Integer(0, help="Núcleos que arrancan por adelantado, mientras corre el cuaderno actual "
                              "(cada uno sirve a un solo cuaderno).").tag(config=True)

    def config_nucleo(self) -> ConfigNucleo:
        """Los límites de estos traits, como los recibe el lanzador del núcleo."""
        return ConfigNucleo(memoria=self.memoria_mib * _MIB, archivo=self.archivo_mib * _MIB, disco=self.disco_mib * _MIB,
                            tmp=self.tmp_mib * _MIB, procesos=self.procesos, salida=self.limite_salida,
                            mpl=self.cache_matplotlib, aislado=self.aislamiento)

    def create_kernel_manager(self):
        if self.aislamiento and not diagnostico().disponible:
            raise SinAislamiento("No se puede aislar el núcleo: " + diagnostico().motivo
                                 + ". Para calificar sin aislamiento: c.EjecucionAislada.aislamiento = False.")
        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name") or "python3"
        if self.reserva <= 0:
            self.km = self._gestor()
            return self.km
        # El núcleo de este cuaderno (arrancado durante el anterior, o ahora) y, enseguida, el del siguiente.
        self.km = _reserva().tomar(self._clave()) or self._arrancar()
        _reserva().llenar(self._clave(), self.reserva, self._arrancar)
        return self.km

    def llenar_reserva(self, kernel_name: str = "python3") -> None:
        """Arranca ya los núcleos de reserva (el trabajador lo hace al iniciar, mientras se revisan las entregas)."""
        if self.reserva > 0 and (not self.aislamiento or diagnostico().disponible):
            self.kernel_name = self.kernel_name or kernel_name
            _reserva().llenar(self._clave(), self.reserva, self._arrancar)

    def _clave(self) -> tuple:
        """Lo que debe coincidir para que un núcleo de reserva sirva a este cuaderno."""
        return (self.kernel_name, self.kernel_manager_class, self.config_nucleo(), self._argumentos_nucleo())

    def _gestor(self):
        compilar_paquetes()
        return self.kernel_manager_class(kernel_name=self.kernel_name, config=self.config, config_nucleo=self.config_nucleo(),
                                         carpeta=self.carpeta_nucleos)

    def _argumentos_nucleo(self) -> list[str]:
        """Los argumentos que ``NotebookClient.async_start_new_kernel`` añadiría (historial en memoria)."""
        extra = list(self.extra_arguments)
        if self.ipython_hist_file and not any(a.startswith("--HistoryManager.hist_file") for a in extra):
            extra.append(f"--HistoryManager.hist_file={self.ipython_hist_file}")
        return extra

    def _arrancar(self):
        """Un gestor con su núcleo ya lanzado (no espera a que responda: eso lo hace nbclient al usarlo)."""
        km = self._gestor()
        run_sync(km.start_kernel)(extra_arguments=self._argumentos_nucleo())
        return km

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", GestorAislado)  # Execute impone AsyncKernelManager
        super().__init__(*args, **kwargs)

    @default("error_on_timeout")
    def _respuesta_al_agotar(self):
        # Tras interrumpir, no se espera otra vez el tiempo completo: la respuesta llega ya y, si el
        # núcleo sigue ocupado, nbclient lanza CellTimeoutError («Timeout waiting for IOPub output»).
        return {"ename": "TiempoAgotado", "evalue": "", "traceback": []}

    async def _async_handle_timeout(self, timeout, cell=None):
        self._agotada = True
        return await super()._async_handle_timeout(timeout, cell)

    def preprocess(self, nb, resources=None, km=None):
        from nbclient import NotebookClient

        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self._fin = time.monotonic() + self.limite_cuaderno
        self._salida = self._imagenes = 0
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
                self._agotada = False
                try:
                    if self.guardia and _meta(celda).get("grade"):
                        self._ejecutar_guardia()
                    self.execute_cell(celda, indice, store_history=True)
                    if self._agotada or any(o.get("ename") == "CellTimeoutError" for o in celda.get("outputs", [])):
                        problema = "tiempo_celda"
                except CellTimeoutError:
                    # El código ignoró la interrupción (un «except:» en un ciclo) o inundó la salida.
                    problema = "tiempo_celda"
                except DeadKernelError:
                    problema = "nucleo"
                    celda.outputs = list(celda.get("outputs", [])) + [_error(
                        "NucleoDetenido", f"El proceso de Python se detuvo en {_nombre_celda(celda, indice)} "
                                          "(os._exit, falta de memoria o un fallo).")]
                except Exception as error:  # noqa: BLE001 — mensajes corruptos o inundación: cuesta solo esta celda
                    self.log.warning("Fallo al ejecutar la celda %s: %r", indice, error)
                    problema = "nucleo"
                    celda.outputs = list(celda.get("outputs", [])) + [_error(
                        "NucleoDetenido", f"Se perdió la comunicación con Python en {_nombre_celda(celda, indice)} "
                                          f"({type(error).__name__}); se reinició.")]
                if problema == "tiempo_celda":
                    celda.outputs = [o for o in celda.get("outputs", [])
                                     if o.get("ename") not in ("CellTimeoutError", "KeyboardInterrupt", "TiempoAgotado")] + [
                        _error("TiempoAgotado", f"{_nombre_celda(celda, indice).capitalize()} tardó más de "
                                                f"{self.timeout} s y se detuvo.")]
                if problema:
                    self._anotar(problema, indice)
                    malas.add(indice)
                    reinicios += 1
                    if reinicios > self.max_reinicios or not self._reiniciar(indice, malas):
                        self._anular_desde(indice + 1, "No se ejecutó: el núcleo no pudo reiniciarse.")
                        break
                indice += 1
        self.set_widgets_metadata()
        # Junto a lo que anotó la revisión (``revision``), que no se pisa.
        self.nb.metadata.setdefault("calificador", {}).update(incidencias=self._incidencias, salida_truncada=self._truncado)
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
        if salida.get("output_type") == "execute_result" and _es_prueba(self.nb.cells[cell_index]):
            # nbgrader toma un número publicado en una celda de prueba como crédito parcial; el curso no lo usa,
            # así que lo que el código del estudiante publique ahí (p. ej. con displayhook) no puede fingir puntos.
            salida["output_type"] = "display_data"
            salida.pop("execution_count", None)
        texto, imagenes = _tamano(salida)
        self._salida += texto
        self._imagenes += imagenes
        if self._salida > self.limite_salida or self._imagenes > self.limite_imagenes:
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
        grade_id = _meta(celda).get("grade_id")
        self._incidencias.append({"tipo": tipo, "celda": indice, "grade_id": grade_id if isinstance(grade_id, str) else None})

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
                self._agotada = False
                try:
                    self.execute_cell(copia, indice, store_history=False)
                except Exception:  # noqa: BLE001 — el núcleo nuevo tampoco responde
                    return False
                if self._agotada:
                    return False
                if any(o.get("ename") == "CellTimeoutError" for o in copia.outputs):
                    return False
                self.nb.cells[indice] = celda  # execute_cell sustituye la celda del cuaderno por la copia
        finally:
            self._truncado = truncado
        return True
