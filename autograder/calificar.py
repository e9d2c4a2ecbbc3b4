"""Calificación en paralelo: trabajadores persistentes, cada uno con su copia del curso, y un solo proceso que escribe el gradebook.

Cada trabajador prepara una vez su copia (``.calificacion/t<pid>/``: configuración, fuentes,
gradebook propio y la especificación del núcleo aislado) y califica entregas una tras otra con
``NbGraderAPI.autograde``; así el arranque de nbgrader se paga una vez por núcleo de CPU, no
por estudiante, y nunca dos procesos escriben el mismo SQLite. El proceso principal revisa
cada entrega antes (``reparar``), reparte el trabajo, copia los cuadernos calificados y vuelca
los puntajes al ``gradebook.db`` del curso. Los resultados quedan en
``calificacion/<asignacion>.json`` para ``retroalimentar`` y ``exportar``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .curso import CursoDeCalificacion, mensajes_de_pruebas, meta_nbgrader

__all__ = ["Limites", "Resultado", "ESTADOS", "calificar", "resultados", "ejercicios_de", "cuadernos_de"]

#: Estados posibles, del más grave al más leve; el estado de una entrega es el primero que aplica.
ESTADOS = {
    "no_importada": "no importada",
    "sin_entrega": "sin entrega",
    "ilegible": "cuaderno ilegible",
    "error": "error del calificador",
    "memoria": "memoria agotada",
    "nucleo": "núcleo detenido",
    "salida": "salida excesiva",
    "tiempo": "tiempo agotado",
    "manipulacion": "posible manipulación",
    "delegacion": "solución que delega en el curso",
    "metadatos": "metadatos de nbgrader dañados",
    "duplicado": "grade_id duplicado",
    "renombrado": "grade_id renombrado",
    "eliminada": "celda de prueba eliminada",
    "alterada": "celda de prueba alterada",
    "nombre": "nombre de archivo corregido",
    "calificada": "calificada",
}


@dataclass(frozen=True)
class Limites:
    """Límites de cada entrega: segundos por celda y por cuaderno, MiB de memoria, caracteres de salida."""

    celda: int = 60
    cuaderno: int = 300
    memoria_mib: int = 2048
    salida: int = 200_000


@dataclass
class Resultado:
    """La calificación de una entrega (un estudiante, una asignación)."""

    estudiante: str
    asignacion: str
    estado: str = "calificada"
    observaciones: list[str] = field(default_factory=list)
    puntajes: dict[str, list[float]] = field(default_factory=dict)  # grade_id → [obtenido, posible]
    mensajes: dict[str, str] = field(default_factory=dict)  # grade_id → mensaje del error
    problemas: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(p[0] for p in self.puntajes.values())

    @property
    def maximo(self) -> float:
        return sum(p[1] for p in self.puntajes.values())


def cuadernos_de(raiz: Path, asignacion: str) -> list[str]:
    """Nombres (sin extensión) de los cuadernos de la asignación en ``raiz/source``."""
    return sorted(p.stem for p in (Path(raiz) / "source" / asignacion).glob("*.ipynb"))


def ejercicios_de(raiz: Path, asignacion: str) -> dict[str, float]:
    """``{grade_id: puntos}`` de las celdas calificadas de la asignación, en orden del cuaderno."""
    salida = {}
    for nombre in cuadernos_de(raiz, asignacion):
        nb = json.loads((Path(raiz) / "source" / asignacion / f"{nombre}.ipynb").read_text(encoding="utf-8"))
        for celda in nb["cells"]:
            meta = meta_nbgrader(celda)
            if meta.get("grade"):
                salida[meta["grade_id"]] = float(meta.get("points", 0))
    return salida


# ---------------------------------------------------------------------------------------------
# Trabajador (un proceso persistente por núcleo)
# ---------------------------------------------------------------------------------------------
_TRABAJADOR: dict = {}


def _iniciar_trabajador(curso: str, cuales: list[str], limites: Limites, area: str) -> None:
    warnings.filterwarnings("ignore", module="nbgrader")  # SAWarning internas de nbgrader al crear entregas
    from .ejecucion import EjecucionAislada
    from .nucleo import instalar_especificacion
    from nbgrader.converters.autograde import Autograde
    from nbgrader.preprocessors import Execute

    raiz = Path(area) / f"t{os.getpid()}"
    if raiz.exists():
        shutil.rmtree(raiz)
    raiz.mkdir(parents=True)
    # Los sockets del núcleo van en una ruta corta (los sockets de Unix admiten ~100 caracteres).
    sockets = raiz / "k"
    sockets.mkdir()
    nombre = instalar_especificacion(raiz)
    os.environ.update({
        "CALIFICADOR_AREA": str(raiz),
        "CALIFICADOR_SOCKETS": str(sockets),
        "CALIFICADOR_MEMORIA": str(limites.memoria_mib * 1024**2),
        "CALIFICADOR_SALIDA": str(limites.salida),
        "PYTHONHASHSEED": "0",
        "CALIFICADOR_BITACORA": str(raiz / "nucleos.log"),
        "CALIFICADOR_MPL": str(Path(area) / "matplotlib"),
        "CALIFICADOR_OCULTAR": os.pathsep.join(_ocultas(Path(curso), raiz)),
    })
    preprocesadores = [EjecucionAislada if p is Execute else p for p in Autograde.class_traits()["autograde_preprocessors"].default()]
    extra = {
        "Autograde": {"autograde_preprocessors": preprocesadores},
        "EjecucionAislada": {"timeout": limites.celda, "limite_cuaderno": float(limites.cuaderno),
                             "limite_salida": limites.salida, "kernel_name": nombre, "guardia": _codigo_guardia(curso, cuales),
                             # Ya calificado, el núcleo se mata sin esperar su cierre ordenado (que a veces tarda ~2 s).
                             "shutdown_kernel": "immediate"},
        "OverwriteCells": {"add_missing_cells": True},
        "KernelManager": {"transport": "ipc", "ip": str(sockets / "k")},
        "LimitOutput": {"max_lines": 2000},
    }
    copia = CursoDeCalificacion(raiz, origen=Path(curso), **extra)
    # La copia hereda el gradebook del curso (ya tiene las asignaciones): no hace falta generate_assignment.
    shutil.copy2(Path(curso) / "nbgrader_config.py", raiz / "nbgrader_config.py")
    for asignacion in cuales:
        shutil.copytree(Path(curso) / "source" / asignacion, raiz / "source" / asignacion,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    shutil.copy2(Path(curso) / "gradebook.db", raiz / "gradebook.db")
    _TRABAJADOR.update(curso=Path(curso), copia=copia, sockets=sockets)


def _codigo_guardia(curso: str, cuales: list[str]) -> str:
    """Código que se ejecuta antes de cada celda de prueba: recarga las ayudas del curso y repite los import de las celdas bloqueadas."""
    import ast

    importaciones: list[str] = []
    for asignacion in cuales:
        for nombre in cuadernos_de(Path(curso), asignacion):
            nb = json.loads((Path(curso) / "source" / asignacion / f"{nombre}.ipynb").read_text(encoding="utf-8"))
            for celda in nb["cells"]:
                meta = meta_nbgrader(celda)
                if celda["cell_type"] != "code" or not meta.get("locked") or meta.get("grade"):
                    continue
                try:
                    arbol = ast.parse("".join(celda["source"]))
                except SyntaxError:
                    continue
                importaciones += [ast.unparse(n) for n in arbol.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    lineas = [
        "import importlib as _il, sys as _s",
        "for _n in sorted((_n for _n in list(_s.modules) if _n == 'course.pruebas' or _n.startswith('course.referencia')), reverse=True):",
        "    _il.reload(_s.modules[_n])",
        *dict.fromkeys(importaciones),
        "del _il, _s",
    ]
    return "\n".join(lineas)


def _ocultas(curso: Path, copia: Path) -> list[str]:
    """Rutas que el núcleo no debe ver: fuentes con soluciones y pruebas ocultas, gradebooks y entregas."""
    from .curso import RAIZ_REPO

    rutas = [RAIZ_REPO / "source", copia / "source", copia / "submitted", copia / "gradebook.db", copia / "kernels",
             copia / "nbgrader_config.py"]
    paquete = (RAIZ_REPO / "course").resolve()
    # El curso del instructor entero, salvo que contenga el paquete ``course`` (entonces solo sus partes sensibles).
    if curso.resolve() in paquete.parents:
        rutas += [curso / n for n in ("source", "submitted", "autograded", "feedback", "gradebook.db", "calificacion", ".calificacion")]
    else:
        rutas.append(curso)
    return [str(r.resolve()) for r in rutas]


def _cache_matplotlib(destino: Path):
    """Construye en segundo plano una caché de fuentes de matplotlib para que cada núcleo no la rehaga (≈1 s).

    Devuelve el proceso; hay que esperarlo (``wait``) antes de lanzar núcleos.
    """
    import subprocess
    import sys

    destino.mkdir(parents=True, exist_ok=True)
    # Si el usuario ya tiene la caché construida, basta copiarla.
    propia = Path(os.environ.get("MPLCONFIGDIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "matplotlib")
    existentes = sorted(propia.glob("fontlist-*.json")) if propia.is_dir() else []
    if existentes:
        for archivo in existentes:
            shutil.copy(archivo, destino / archivo.name)
            (destino / archivo.name).chmod(0o644)
        return subprocess.Popen([sys.executable, "-c", "pass"])
    codigo = "import os, matplotlib.font_manager as f; [os.chmod(os.path.join(d, n), 0o644) for d in [os.environ['MPLCONFIGDIR']] for n in os.listdir(d)]"
    return subprocess.Popen([sys.executable, "-c", codigo], env={**os.environ, "MPLCONFIGDIR": str(destino)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _puntajes_y_mensajes(copia: CursoDeCalificacion, asignacion: str, estudiante: str, cuadernos: list[str]):
    puntajes, mensajes, incidencias = {}, {}, []
    for cuaderno in cuadernos:
        puntajes.update({g: list(v) for g, v in copia.puntajes(asignacion, estudiante, cuaderno).items()})
        ruta = copia.raiz / "autograded" / estudiante / asignacion / f"{cuaderno}.ipynb"
        if not ruta.exists():
            continue
        nb = json.loads(ruta.read_text(encoding="utf-8"))
        incidencias += nb.get("metadata", {}).get("calificador", {}).get("incidencias", [])
        if nb.get("metadata", {}).get("calificador", {}).get("salida_truncada"):
            incidencias.append({"tipo": "salida"})
        for celda in nb["cells"]:
            meta = meta_nbgrader(celda)
            errores = [o for o in celda.get("outputs", []) if o.get("output_type") == "error"]
            if any(o.get("ename") == "MemoryError" for o in errores):
                incidencias.append({"tipo": "memoria", "grade_id": meta.get("grade_id")})
            if any(o.get("ename") == "SalidaExcesiva" for o in errores):
                incidencias.append({"tipo": "salida", "grade_id": meta.get("grade_id")})
        mensajes.update(mensajes_de_pruebas(nb))
    return puntajes, mensajes, incidencias


def _calificar_en_trabajador(estudiante: str, asignacion: str, cuadernos: dict[str, str]) -> dict:
    """Califica una entrega ya revisada (``cuadernos``: nombre → ruta del cuaderno reparado)."""
    copia: CursoDeCalificacion = _TRABAJADOR["copia"]
    curso: Path = _TRABAJADOR["curso"]
    for carpeta in ("submitted", "autograded"):
        shutil.rmtree(copia.raiz / carpeta / estudiante, ignore_errors=True)
    for nombre, ruta in cuadernos.items():
        copia.entregar(estudiante, asignacion, Path(ruta), nombre=f"{nombre}.ipynb")
    salida = {"puntajes": {}, "mensajes": {}, "incidencias": [], "error": ""}
    try:
        resultado = copia.calificar(asignacion, estudiante)
    except Exception as error:  # noqa: BLE001 — nada de una entrega debe tumbar al trabajador
        resultado = {"success": False, "error": f"{type(error).__name__}: {error}", "log": ""}
    _TRABAJADOR["ultimo_log"] = resultado.get("log", "")
    if not resultado.get("success"):
        salida["error"] = (resultado.get("error") or resultado.get("log") or "")[-2000:]
    try:
        p, m, i = _puntajes_y_mensajes(copia, asignacion, estudiante, list(cuadernos_de(copia.raiz, asignacion)))
        salida.update(puntajes=p, mensajes=m, incidencias=i)
    except Exception as error:  # noqa: BLE001
        salida["error"] = salida["error"] or f"{type(error).__name__}: {error}"
    origen = copia.raiz / "autograded" / estudiante / asignacion
    destino = curso / "autograded" / estudiante / asignacion
    shutil.rmtree(destino, ignore_errors=True)
    if origen.exists():
        destino.mkdir(parents=True, exist_ok=True)
        for archivo in origen.glob("*.ipynb"):
            shutil.copy2(archivo, destino / archivo.name)
    for carpeta in ("submitted", "autograded"):
        shutil.rmtree(copia.raiz / carpeta / estudiante, ignore_errors=True)
    return salida


# ---------------------------------------------------------------------------------------------
# Proceso principal
# ---------------------------------------------------------------------------------------------
def _estado(problemas: set[str]) -> str:
    for clave, texto in ESTADOS.items():
        if clave in problemas:
            return texto
    return ESTADOS["calificada"]


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


def calificar(raiz: Path, asignacion: str, trabajadores: int | None = None, limites: Limites = Limites(),
              estudiantes: list[str] | None = None, progreso=None) -> list[Resultado]:
    """Califica todas las entregas de ``asignacion`` en ``raiz/submitted``; devuelve y guarda los resultados.

    Args:
        raiz: carpeta del curso (con ``source/``, ``submitted/`` y ``nbgrader_config.py``).
        trabajadores: procesos en paralelo; por omisión, el número de núcleos.
        limites: tiempos, memoria y salida por entrega.
        estudiantes: solo estos (por omisión, todos los de ``submitted/``).
        progreso: función opcional ``progreso(resultado)`` llamada al terminar cada entrega.
    """
    from .reparar import revisar

    raiz = Path(raiz).resolve()
    # Las copias de los trabajadores viven en una carpeta propia legible por el usuario del núcleo
    # (la del curso puede estar bajo una carpeta privada, como las temporales de pytest).
    area = Path(tempfile.mkdtemp(prefix="calificador-"))
    area.chmod(0o755)
    cache = _cache_matplotlib(area / "matplotlib")  # corre mientras se revisan las entregas
    _asegurar_preparado(raiz, asignacion)
    cuadernos = cuadernos_de(raiz, asignacion)
    todos = estudiantes or _entregas(raiz, asignacion)
    trabajadores = max(1, min(trabajadores or os.cpu_count() or 1, len(todos)))
    pendientes: dict[str, dict[str, str]] = {}
    resultados_: dict[str, Resultado] = {}
    revisadas = raiz / ".calificacion" / "revisadas" / asignacion
    shutil.rmtree(revisadas, ignore_errors=True)

    def revisar_entrega(estudiante: str) -> dict[str, str]:
        r = Resultado(estudiante, asignacion)
        resultados_[estudiante] = r
        problemas: set[str] = set()
        carpeta = raiz / "submitted" / estudiante / asignacion
        presentes = sorted(carpeta.glob("*.ipynb")) if carpeta.is_dir() else []
        rutas: dict[str, str] = {}
        for nombre in cuadernos:
            ruta = carpeta / f"{nombre}.ipynb"
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
            r.estado = _estado(problemas)
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
            _integrar(resultados_[estudiante], salida, raiz, asignacion)
            if progreso:
                progreso(resultados_[estudiante])

    cache.wait()
    argumentos = dict(initializer=_iniciar_trabajador, initargs=(str(raiz), [asignacion], limites, str(area)))
    try:
        # Los trabajadores arrancan mientras el proceso principal revisa las entregas.
        with ProcessPoolExecutor(max_workers=trabajadores, **argumentos) as grupo:
            futuros = {}
            for estudiante in todos:
                rutas = revisar_entrega(estudiante)
                if rutas:
                    pendientes[estudiante] = rutas
                    futuros[grupo.submit(_calificar_en_trabajador, estudiante, asignacion, rutas)] = estudiante
            recoger(futuros)
        if pendientes:  # un trabajador murió: un segundo intento con un grupo nuevo
            with ProcessPoolExecutor(max_workers=min(trabajadores, len(pendientes)), **argumentos) as grupo:
                recoger({grupo.submit(_calificar_en_trabajador, e, asignacion, rutas): e for e, rutas in pendientes.items()})
        for estudiante in list(pendientes):
            _integrar(resultados_[estudiante], {"puntajes": {}, "mensajes": {}, "incidencias": [],
                                                "error": "el proceso trabajador terminó de forma inesperada"}, raiz, asignacion)
    finally:
        shutil.rmtree(area, ignore_errors=True)

    lista = [resultados_[e] for e in sorted(resultados_)]
    _volcar_al_gradebook(raiz, asignacion, lista)
    _guardar(raiz, asignacion, lista)
    return lista


def _integrar(r: Resultado, salida: dict, raiz: Path, asignacion: str) -> None:
    problemas = set(r.problemas)
    posibles = ejercicios_de(raiz, asignacion)
    r.puntajes = {g: [float(salida["puntajes"].get(g, [0.0])[0]), p] for g, p in posibles.items()}
    r.mensajes = {g: m for g, m in salida.get("mensajes", {}).items() if g in posibles}
    tipos = {i["tipo"] for i in salida.get("incidencias", [])}
    if "nucleo" in tipos:
        problemas.add("nucleo")
        r.observaciones.append("el núcleo de Python se detuvo durante la ejecución; se reinició y se continuó")
    if tipos & {"tiempo_celda", "tiempo_cuaderno"}:
        problemas.add("tiempo")
        r.observaciones.append("alguna celda agotó su tiempo límite")
    if "memoria" in tipos:
        problemas.add("memoria")
        r.observaciones.append("alguna celda superó el límite de memoria")
    if "salida" in tipos:
        problemas.add("salida")
        r.observaciones.append("la salida impresa superó el límite y se truncó")
    if salida.get("error"):
        problemas.add("error")
        r.observaciones.append("nbgrader no pudo calificar: " + salida["error"].strip().splitlines()[-1][:300]
                               if salida["error"].strip() else "nbgrader no pudo calificar")
    r.problemas = sorted(problemas)
    r.estado = _estado(problemas)


def _guardar(raiz: Path, asignacion: str, lista: list[Resultado]) -> Path:
    ruta = raiz / "calificacion" / f"{asignacion}.json"
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps([asdict(r) for r in lista], ensure_ascii=False, indent=1), encoding="utf-8")
    return ruta


def resultados(raiz: Path, asignacion: str) -> list[Resultado]:
    """Lee los resultados guardados por :func:`calificar`."""
    ruta = Path(raiz) / "calificacion" / f"{asignacion}.json"
    return [Resultado(**d) for d in json.loads(ruta.read_text(encoding="utf-8"))]
