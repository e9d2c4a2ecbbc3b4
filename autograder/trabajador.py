"""Trabajador persistente de la calificación: su propia copia del curso y ``NbGraderAPI.autograde`` con la ejecución aislada."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

from .curso import CursoDeCalificacion, copiar_curso, mensajes_de_pruebas, meta_nbgrader
from .resultados import Limites, cuadernos_de, incidencias_de

__all__ = ["iniciar", "calificar_entrega", "preprocesadores", "opciones_ejecucion", "cache_matplotlib"]

_TRABAJADOR: dict = {}


def preprocesadores() -> list:
    """Los ``autograde_preprocessors`` de nbgrader con ``Execute`` sustituido por ``EjecucionAislada``."""
    from nbgrader.converters.autograde import Autograde
    from nbgrader.preprocessors import Execute

    from .ejecucion import EjecucionAislada

    return [EjecucionAislada if p is Execute else p for p in Autograde.class_traits()["autograde_preprocessors"].default()]


def opciones_ejecucion(limites: Limites, aislado: bool = True, cache: str = "") -> dict:
    """Los traits de ``EjecucionAislada`` que corresponden a ``limites``."""
    return {"timeout": limites.celda, "limite_cuaderno": float(limites.cuaderno), "limite_salida": limites.salida,
            "memoria_mib": limites.memoria_mib, "procesos": limites.procesos, "disco_mib": limites.disco_mib,
            "aislamiento": aislado, "cache_matplotlib": cache}


def iniciar(curso: str, cuales: list[str], limites: Limites, area: str, aislado: bool = True, nucleos: str = "") -> None:
    """Inicializador del proceso trabajador: prepara su copia del curso (``area/t<pid>``) una sola vez.

    ``nucleos``: carpeta donde se crean las de sus núcleos (quien la da la borra al final, pase lo que pase).
    """
    from .ejecucion import adoptar_huerfanos

    warnings.filterwarnings("ignore", module="nbgrader")  # SAWarning internas de nbgrader al crear entregas
    adoptar_huerfanos()  # lo que queda de cada núcleo muerto lo recoge este proceso, no el init de la máquina
    raiz = Path(area) / f"t{os.getpid()}"
    if raiz.exists():
        shutil.rmtree(raiz)
    opciones = opciones_ejecucion(limites, aislado, str(Path(area) / "matplotlib"))
    opciones.update(guardia=_codigo_guardia(curso, cuales), carpeta_nucleos=nucleos,
                    # Ya calificado, el núcleo se mata sin esperar su cierre ordenado (que a veces tarda ~2 s).
                    shutdown_kernel="immediate",
                    # El núcleo del estudiante siguiente arranca mientras se califica el actual.
                    reserva=1)
    extra = {
        "Autograde": {"autograde_preprocessors": preprocesadores()},
        "EjecucionAislada": opciones,
        "OverwriteCells": {"add_missing_cells": True},
        "LimitOutput": {"max_lines": 2000},
    }
    # La copia hereda el gradebook del curso (ya tiene las asignaciones): no hace falta generate_assignment.
    copiar_curso(Path(curso), raiz, cuales, gradebook=True)
    _TRABAJADOR.update(curso=Path(curso), copia=CursoDeCalificacion(raiz, origen=Path(curso), **extra))
    # El núcleo de la primera entrega arranca ya, mientras el proceso principal revisa las entregas.
    from .curso import cargar_configuracion
    from .ejecucion import EjecucionAislada

    EjecucionAislada(config=cargar_configuracion(raiz, **extra)).llenar_reserva()


def _codigo_guardia(curso: str, cuales: list[str]) -> str:
    """Código que se ejecuta antes de cada celda de prueba: recarga las ayudas del curso y repite los import de las celdas bloqueadas."""
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
        "for _n in sorted((_n for _n in list(_s.modules) if _n == 'course.pruebas' or _n.startswith(('autograder.referencias', 'autograder.modelos'))), reverse=True):",
        "    _il.reload(_s.modules[_n])",
        *dict.fromkeys(importaciones),
        "del _il, _s",
    ]
    return "\n".join(lineas)


def cache_matplotlib(destino: Path) -> subprocess.Popen:
    """Construye en segundo plano una caché de fuentes de matplotlib para que cada núcleo no la rehaga (≈1 s).

    Devuelve el proceso; hay que esperarlo (``wait``) antes de lanzar núcleos.
    """
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
        incidencias += incidencias_de(nb)
        mensajes.update(mensajes_de_pruebas(nb))
    return puntajes, mensajes, incidencias


def calificar_entrega(estudiante: str, asignacion: str, cuadernos: dict[str, str], siguiente: bool = True) -> dict:
    """Califica una entrega ya revisada (``cuadernos``: nombre → ruta del cuaderno reparado).

    ``siguiente``: si puede venir otra entrega a este proceso; si no, no se arranca un núcleo de reserva
    que nadie usaría (y que habría que matar al cerrar el trabajador).
    """
    from .ejecucion import reserva_activa

    reserva_activa(siguiente)
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
    if not resultado.get("success"):
        # La causa real suele estar en la bitácora, antes de «Please see the above traceback».
        salida["error"] = ((resultado.get("log") or "")[-3000:] + "\n" + (resultado.get("error") or ""))[-4000:]
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
