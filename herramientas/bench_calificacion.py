"""Velocidad del calificador: ``calificar`` en paralelo frente a una llamada secuencial a ``nbgrader autograde``, en la misma corrida."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["medir"]

ESTUDIANTES = 20
_TIPOS = ["solucion_completa", "en_blanco", "trabajo_parcial", "error_tipico"]


def _curso(destino: Path, cuales: list[str]) -> Path:
    """Curso con 20 estudiantes simulados por asignación (soluciones, en blanco, parciales y errores típicos)."""
    from autograder.clase import fabricar_clase
    from autograder.curso import CursoDeCalificacion

    CursoDeCalificacion(destino).preparar(cuales)
    for asignacion in cuales:
        clase = fabricar_clase(_raiz(), asignacion, casos=_TIPOS)
        tipos = list(clase.values())
        for numero in range(ESTUDIANTES):
            nombre, datos = tipos[numero % len(tipos)]
            carpeta = destino / "submitted" / f"estudiante_{numero:02d}" / asignacion
            carpeta.mkdir(parents=True, exist_ok=True)
            (carpeta / f"{asignacion}.ipynb").write_bytes(datos)
    return destino


def _raiz() -> Path:
    from autograder.curso import RAIZ_REPO

    return RAIZ_REPO


def _nucleo_vacio(repeticiones: int = 3) -> float:
    """Segundos de arrancar un núcleo de Python, ejecutar una celda trivial y apagarlo (el piso por cuaderno)."""
    from jupyter_client.manager import start_new_kernel

    tiempos = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3")
        kc.execute_interactive("x = 1", timeout=60)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        tiempos.append(time.perf_counter() - inicio)
    return min(tiempos)


def medir() -> dict:
    from autograder.calificar import calificar
    from autograder.curso import asignaciones

    cuales = asignaciones()
    cuadernos = ESTUDIANTES * len(cuales)
    with tempfile.TemporaryDirectory(prefix="bench-calificacion-") as tmp:
        tmp = Path(tmp)
        plano = _curso(tmp / "plano", cuales)
        nuestro = _curso(tmp / "nuestro", cuales)
        nbgrader = str(Path(sys.executable).parent / "nbgrader")
        entorno = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}

        carga_inicial = os.getloadavg()[0]
        inicio = time.perf_counter()
        subprocess.run([nbgrader, "autograde", "*", "--force"], cwd=plano, env=entorno, check=True, capture_output=True)
        t_plano = time.perf_counter() - inicio

        inicio = time.perf_counter()
        for asignacion in cuales:
            calificar(nuestro, asignacion)
        t_nuestro = time.perf_counter() - inicio

        carga_final = os.getloadavg()[0]
        plano_ok = sum(1 for _ in (plano / "autograded").glob("*/*/*.ipynb"))
        nuestro_ok = sum(1 for _ in (nuestro / "autograded").glob("*/*/*.ipynb"))
        shutil.rmtree(tmp, ignore_errors=True)
    piso = _nucleo_vacio()
    return {
        "nucleos_cpu": float(os.cpu_count() or 1),
        "cuadernos": float(cuadernos),
        "cuadernos_calificados_nbgrader": float(plano_ok),
        "cuadernos_calificados_calificar": float(nuestro_ok),
        "segundos_nbgrader_secuencial": t_plano,
        "segundos_calificar": t_nuestro,
        "segundos_por_cuaderno_nbgrader": t_plano / cuadernos,
        "segundos_por_cuaderno_calificar": t_nuestro / cuadernos,
        "segundos_arranque_nucleo_vacio": piso,
        "carga_media_1min_inicio": carga_inicial,
        "carga_media_1min_final": carga_final,
        "calificacion_paralela_vs_nbgrader": (cuadernos / t_nuestro) / (cuadernos / t_plano),
    }


if __name__ == "__main__":
    for clave, valor in medir().items():
        print(f"{clave}: {valor:.4g}")
