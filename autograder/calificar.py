"""Calificación en paralelo: revisa cada entrega, reparte el trabajo entre trabajadores persistentes y un solo proceso escribe el gradebook.

Cada trabajador (``trabajador``) prepara una vez su copia del curso y califica entregas una tras
otra con ``NbGraderAPI.autograde``; cada núcleo corre aislado (``ejecucion``, ``nucleo``). El
proceso principal revisa cada entrega antes (``reparar``), copia los cuadernos calificados y
vuelca los puntajes al ``gradebook.db`` del curso. Los resultados (``resultados``) quedan en
``calificacion/<asignacion>.json`` para ``retroalimentar`` y ``exportar``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from . import trabajador
from .curso import CursoDeCalificacion
from .ejecucion import SinAislamiento, describir_aislamiento, temporal_corta
from .estados import ESTADOS, Estado, estado_de
from .nucleo import ConfigNucleo, diagnostico
from .resultados import Limites, Resultado, cuadernos_de, ejercicios_de, es_cuaderno, guardar, integrar, resultados

__all__ = ["Limites", "Resultado", "Estado", "ESTADOS", "SinAislamiento", "calificar", "resultados", "ejercicios_de",
           "cuadernos_de", "aislamiento_de"]


def _en_memoria() -> str | None:
    """``/dev/shm`` si se puede escribir y le sobran 512 MiB (en un contenedor puede medir 64 MiB); si no, ``None`` (el /tmp de siempre)."""
    try:
        libre = os.statvfs("/dev/shm")
        return "/dev/shm" if os.access("/dev/shm", os.W_OK) and libre.f_bavail * libre.f_frsize >= 512 * 1024**2 else None
    except OSError:
        return None


def aislamiento_de(limites: Limites, sin_aislamiento: bool = False) -> tuple[bool, str]:
    """``(aislado, descripción)``: lo que se aplicará a cada núcleo; lanza :class:`SinAislamiento` si no se puede aislar y no se pidió seguir."""
    diag = diagnostico()
    config = ConfigNucleo(memoria=limites.memoria_mib * 1024**2, procesos=limites.procesos, disco=limites.disco_mib * 1024**2)
    if diag.disponible and not sin_aislamiento:
        return True, describir_aislamiento(True, config)
    if not sin_aislamiento:
        raise SinAislamiento(
            "¡ATENCIÓN! No se puede aislar a los estudiantes en esta máquina: " + diag.motivo + ".\n"
            "Sin aislamiento, el código de un estudiante puede leer las soluciones, ver a otros estudiantes "
            "y detener la calificación. Instala bubblewrap o, si aceptas el riesgo, vuelve a correr con --sin-aislamiento.")
    motivo = f" ({diag.motivo})" if diag.motivo else ""
    return False, describir_aislamiento(False, config) + motivo


def _entregas(raiz: Path, asignacion: str) -> list[str]:
    carpeta = raiz / "submitted"
    if not carpeta.exists():
        return []
    return sorted(p.name for p in carpeta.iterdir() if (p / asignacion).is_dir())


def _asegurar_preparado(raiz: Path, asignacion: str) -> CursoDeCalificacion:
    from nbgrader.api import Gradebook, MissingEntry

    curso = CursoDeCalificacion(raiz, origen=raiz)
    try:
        with Gradebook(f"sqlite:///{raiz / 'gradebook.db'}") as gb:
            gb.find_assignment(asignacion)
        preparado = (raiz / "release" / asignacion).is_dir()
    except MissingEntry:
        preparado = False
    if not preparado:
        resultado = curso.api.generate_assignment(asignacion, force=True, create=True)
        if not resultado.get("success"):
            raise RuntimeError(f"nbgrader no pudo registrar {asignacion}:\n{resultado.get('error', '')}")
    return curso


def _volcar_al_gradebook(raiz: Path, asignacion: str, resultados_: list[Resultado]) -> None:
    """Escribe puntajes, estado y observaciones en el gradebook del curso (un solo proceso)."""
    from .exportar import registrar

    registrar(raiz, asignacion, resultados_)


def _pide_reserva(numero: int, total: int, trabajadores: int) -> bool:
    """¿La entrega ``numero`` (de ``total``, en orden) pide un núcleo de reserva? Las últimas, una por trabajador, no: no habrá quien lo use."""
    return total - numero - 1 >= trabajadores


def calificar(raiz: Path, asignacion: str, trabajadores: int | None = None, limites: Limites = Limites(),
              estudiantes: list[str] | None = None, progreso=None, sin_aislamiento: bool = False) -> list[Resultado]:
    """Califica todas las entregas de ``asignacion`` en ``raiz/submitted``; devuelve y guarda los resultados.

    Args:
        raiz: carpeta del curso (con ``source/``, ``submitted/`` y ``nbgrader_config.py``).
        trabajadores: procesos en paralelo; por omisión, el número de núcleos.
        limites: tiempos, memoria y salida por entrega.
        estudiantes: solo estos (por omisión, todos los de ``submitted/``).
        progreso: función opcional ``progreso(resultado)`` llamada al terminar cada entrega.
        sin_aislamiento: calificar aunque la máquina no permita aislar los núcleos (se avisa y se anota).

    Raises:
        SinAislamiento: la máquina no permite aislar los núcleos y no se pasó ``sin_aislamiento``.
    """
    from .reparar import revisar

    raiz = Path(raiz).resolve()
    aislado, aislamiento = aislamiento_de(limites, sin_aislamiento)
    # Las copias de los trabajadores (con las fuentes) viven fuera del curso, en una carpeta privada; en memoria
    # si se puede: nbgrader confirma ~20 transacciones de SQLite por entrega y en disco cada una espera a fsync.
    area = Path(tempfile.mkdtemp(prefix="calificador-", dir=_en_memoria()))
    cache = trabajador.cache_matplotlib(area / "matplotlib")  # corre mientras se revisan las entregas
    _asegurar_preparado(raiz, asignacion)
    cuadernos = cuadernos_de(raiz, asignacion)
    todos = estudiantes or _entregas(raiz, asignacion)
    trabajadores = max(1, min(trabajadores or os.cpu_count() or 1, len(todos)))
    pendientes: dict[str, dict[str, str]] = {}
    resultados_: dict[str, Resultado] = {}
    revisadas = raiz / ".calificacion" / "revisadas" / asignacion
    shutil.rmtree(revisadas, ignore_errors=True)

    def revisar_entrega(estudiante: str) -> dict[str, str]:
        r = Resultado(estudiante, asignacion, aislamiento=aislamiento)
        resultados_[estudiante] = r
        problemas: set[str] = set()
        carpeta = raiz / "submitted" / estudiante / asignacion
        presentes = sorted(p for p in carpeta.iterdir() if p.is_file() and es_cuaderno(p)) if carpeta.is_dir() else []
        rutas: dict[str, str] = {}
        for nombre in cuadernos:
            ruta = next((p for p in presentes if p.stem == nombre), carpeta / f"{nombre}.ipynb")  # también .IPYNB
            if not ruta.exists() and len(cuadernos) == 1 and len(presentes) == 1:
                ruta = presentes[0]
                problemas.add("nombre")
                r.observaciones.append(f"el cuaderno se llamaba «{ruta.name}»: se califica como {nombre}.ipynb")
            if not ruta.exists():
                problemas.add("sin_entrega")
                r.observaciones.append(f"no entregó {nombre}.ipynb")
                continue
            revision = revisar(ruta, raiz / "release" / asignacion / f"{nombre}.ipynb",
                               raiz / "source" / asignacion / f"{nombre}.ipynb")
            problemas |= revision.problemas
            r.observaciones += revision.observaciones
            if revision.cuaderno is None:
                continue
            import nbformat

            destino = revisadas / estudiante / f"{nombre}.ipynb"
            destino.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(revision.cuaderno, str(destino))
            rutas[nombre] = str(destino)
        r.problemas = sorted(problemas)
        if not rutas:
            r.puntajes = {g: [0.0, p] for g, p in ejercicios_de(raiz, asignacion).items()}
            r.estado = estado_de(problemas).value
            if progreso:
                progreso(r)
        return rutas

    def recoger(futuros: dict) -> None:
        for futuro in as_completed(futuros):
            estudiante = futuros[futuro]
            try:
                salida = futuro.result()
            except BrokenProcessPool:
                continue  # se reintenta con un grupo nuevo
            except Exception as error:  # noqa: BLE001
                salida = {"puntajes": {}, "mensajes": {}, "incidencias": [], "error": f"{type(error).__name__}: {error}"}
            pendientes.pop(estudiante)
            integrar(resultados_[estudiante], salida, posibles)
            # Al gradebook ya, mientras los trabajadores siguen: no se acumula al final de la asignación.
            _volcar_al_gradebook(raiz, asignacion, [resultados_[estudiante]])
            volcados.add(estudiante)
            if progreso:
                progreso(resultados_[estudiante])

    posibles = ejercicios_de(raiz, asignacion)
    volcados: set[str] = set()
    cache.wait()
    # Las carpetas de los núcleos (sockets, conexión) en una propia que se borra al final aunque un trabajador
    # muera sin limpiar; no en /dev/shm: dentro de la caja esa ruta es otro tmpfs, propio del núcleo.
    nucleos = tempfile.mkdtemp(prefix="nk-calificar-", dir=temporal_corta())
    argumentos = dict(initializer=trabajador.iniciar, initargs=(str(raiz), [asignacion], limites, str(area), aislado, nucleos))
    try:
        # Los trabajadores arrancan mientras el proceso principal revisa las entregas.
        with ProcessPoolExecutor(max_workers=trabajadores, **argumentos) as grupo:
            futuros = {}
            for numero, estudiante in enumerate(todos):
                rutas = revisar_entrega(estudiante)
                if rutas:
                    pendientes[estudiante] = rutas
                    futuros[grupo.submit(trabajador.calificar_entrega, estudiante, asignacion, rutas,
                                         _pide_reserva(numero, len(todos), trabajadores))] = estudiante
            recoger(futuros)
        if pendientes:  # un trabajador murió: un segundo intento con un grupo nuevo
            with ProcessPoolExecutor(max_workers=min(trabajadores, len(pendientes)), **argumentos) as grupo:
                recoger({grupo.submit(trabajador.calificar_entrega, e, asignacion, rutas,
                                      _pide_reserva(numero, len(pendientes), trabajadores)): e
                         for numero, (e, rutas) in enumerate(pendientes.items())})
        for estudiante in list(pendientes):
            integrar(resultados_[estudiante], {"puntajes": {}, "mensajes": {}, "incidencias": [],
                                               "error": "el proceso trabajador terminó de forma inesperada"}, posibles)
    finally:
        shutil.rmtree(area, ignore_errors=True)
        shutil.rmtree(nucleos, ignore_errors=True)

    lista = [resultados_[e] for e in sorted(resultados_)]
    _volcar_al_gradebook(raiz, asignacion, [r for r in lista if r.estudiante not in volcados])
    guardar(raiz, asignacion, lista)
    return lista
