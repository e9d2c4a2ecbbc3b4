"""Velocidad del calificador: ``calificar`` en paralelo frente a ``nbgrader autograde`` secuencial, con las mismas notas o falla.

Ambos brazos califican la misma clase (soluciones, cuadernos en blanco, trabajos parciales, un
error típico y algunos mutantes de ``tests/mutantes``). Antes de dar el cociente de velocidad se
comparan las notas de cada estudiante en cada ejercicio; si difieren, se imprimen las
diferencias y la medición falla (``make bench`` termina con error).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

__all__ = ["CalificacionesDistintas", "medir"]

#: Entregas por lección; ``BENCH_ESTUDIANTES`` y ``BENCH_LECCIONES`` (prefijos: «01,09») acortan una medición de prueba.
ESTUDIANTES = int(os.environ.get("BENCH_ESTUDIANTES", "20"))
MUTANTES_POR_LECCION = 3
_TIPOS = ["solucion_completa", "en_blanco", "trabajo_parcial", "error_tipico"]
_INICIO_CUADERNO = re.compile(r"Sanitizing .*?submitted/([^/]+)/([^/]+)/")


class CalificacionesDistintas(RuntimeError):
    """Los dos brazos del benchmark no dieron las mismas notas."""


def _raiz() -> Path:
    from autograder.curso import RAIZ_REPO

    return RAIZ_REPO


def _mutantes(asignacion: str) -> dict[str, tuple[str, bytes]]:
    """Algunos errores típicos de ``tests/mutantes/<asignacion>.toml``, aplicados a la solución publicada."""
    import nbformat

    from autograder.clase import cuaderno_resuelto
    from autograder.curso import meta_nbgrader

    ruta = _raiz() / "tests" / "mutantes" / f"{asignacion}.toml"
    todos = tomllib.loads(ruta.read_text(encoding="utf-8"))["mutante"]
    paso = max(1, len(todos) // MUTANTES_POR_LECCION)
    salida = {}
    for numero, mutante in list(enumerate(todos, start=1))[::paso][:MUTANTES_POR_LECCION]:
        nb = cuaderno_resuelto(_raiz(), asignacion)
        (celda,) = [c for c in nb.cells if meta_nbgrader(c).get("grade_id") == mutante["ejercicio"]]
        if celda.source.count(mutante["buscar"]) != 1:
            raise ValueError(f"{asignacion} mutante {numero}: su texto no aparece una sola vez en la solución publicada")
        celda.source = celda.source.replace(mutante["buscar"], mutante["reemplazar"])
        salida[f"mutante_{numero:02d}"] = (f"{asignacion}.ipynb", nbformat.writes(nb).encode("utf-8"))
    return salida


def _curso(destino: Path, cuales: list[str]) -> dict[str, dict[str, str]]:
    """Curso de nbgrader con ESTUDIANTES entregas por asignación; devuelve ``{asignacion: {estudiante: caso}}``."""
    from autograder.clase import fabricar_clase
    from autograder.curso import CursoDeCalificacion

    CursoDeCalificacion(destino).preparar(cuales)
    casos: dict[str, dict[str, str]] = {}
    for asignacion in cuales:
        clase = {**fabricar_clase(_raiz(), asignacion, casos=_TIPOS), **_mutantes(asignacion)}
        tipos = list(clase.items())
        casos[asignacion] = {}
        for numero in range(ESTUDIANTES):
            caso, (nombre, datos) = tipos[numero % len(tipos)]
            estudiante = f"estudiante_{numero:02d}"
            carpeta = destino / "submitted" / estudiante / asignacion
            carpeta.mkdir(parents=True, exist_ok=True)
            (carpeta / nombre).write_bytes(datos)
            casos[asignacion][estudiante] = caso
    return casos


def _notas(curso: Path) -> dict[tuple[str, str, str], tuple[float, float]]:
    """``{(asignacion, estudiante, grade_id): (puntos, posibles)}`` de todas las celdas calificadas del gradebook."""
    from nbgrader.api import Gradebook

    notas = {}
    with Gradebook(f"sqlite:///{curso / 'gradebook.db'}") as gb:
        for asignacion in gb.assignments:
            for envio in gb.assignment_submissions(asignacion.name):
                for cuaderno in envio.notebooks:
                    for nota in cuaderno.grades:
                        notas[(asignacion.name, envio.student.id, nota.name)] = (float(nota.score), float(nota.max_score))
    return notas


def _diferencias(plano: dict, nuestro: dict, casos: dict[str, dict[str, str]]) -> list[str]:
    lineas = []
    for clave in sorted(plano.keys() | nuestro.keys()):
        a, b = plano.get(clave), nuestro.get(clave)
        if a != b:
            asignacion, estudiante, ejercicio = clave
            caso = casos.get(asignacion, {}).get(estudiante, "?")
            lineas.append(f"{asignacion} {estudiante} ({caso}) {ejercicio}: nbgrader {a}, calificar {b}")
    return lineas


def _inesperadas(notas: dict, casos: dict[str, dict[str, str]]) -> list[str]:
    """Entregas cuya nota total no es la que su caso exige: la solución con todo, un mutante con menos."""
    totales: dict[tuple[str, str], list[float]] = {}
    for (asignacion, estudiante, _), (puntos, posibles) in notas.items():
        suma = totales.setdefault((asignacion, estudiante), [0.0, 0.0])
        suma[0] += puntos
        suma[1] += posibles
    lineas = []
    for asignacion, estudiantes in casos.items():
        for estudiante, caso in estudiantes.items():
            puntos, posibles = totales.get((asignacion, estudiante), (0.0, 0.0))
            if caso == "solucion_completa" and (posibles == 0 or puntos != posibles):
                lineas.append(f"{asignacion} {estudiante}: la solución obtuvo {puntos} de {posibles}")
            if caso.startswith("mutante") and puntos >= posibles:
                lineas.append(f"{asignacion} {estudiante}: el {caso} obtuvo {puntos} de {posibles}")
    return lineas


def _nbgrader_secuencial(curso: Path) -> tuple[float, dict[str, float]]:
    """Corre ``nbgrader autograde`` sobre todas las asignaciones; devuelve segundos totales y por asignación.

    El tiempo de cada cuaderno va desde que nbgrader empieza a revisarlo («Sanitizing») hasta
    que empieza el siguiente (o termina el proceso).
    """
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    entorno = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    por_asignacion: dict[str, float] = {}
    bitacora = []
    inicio = time.perf_counter()
    with subprocess.Popen([nbgrader, "autograde", "*", "--force"], cwd=curso, env=entorno, text=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proceso:
        actual, desde = None, 0.0
        for linea in proceso.stderr:
            bitacora.append(linea)
            encontrado = _INICIO_CUADERNO.search(linea)
            if encontrado:
                ahora = time.perf_counter()
                if actual:
                    por_asignacion[actual] = por_asignacion.get(actual, 0.0) + ahora - desde
                actual, desde = encontrado.group(2), ahora
    total = time.perf_counter() - inicio
    if actual:
        por_asignacion[actual] = por_asignacion.get(actual, 0.0) + inicio + total - desde
    if proceso.returncode != 0:
        raise RuntimeError("nbgrader autograde falló:\n" + "".join(bitacora[-40:]))
    return total, por_asignacion


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


def _nucleo_aislado(repeticiones: int = 3) -> float:
    """Lo mismo con el núcleo de la calificación: caja de bubblewrap, límites y precarga (numpy, matplotlib, el curso)."""
    import nbformat

    from autograder.ejecucion import EjecucionAislada

    tiempos = []
    for _ in range(repeticiones):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
        inicio = time.perf_counter()
        EjecucionAislada(shutdown_kernel="immediate").preprocess(nb, {})
        tiempos.append(time.perf_counter() - inicio)
    return min(tiempos)


def medir():
    """Produce las cifras ``(nombre, valor)`` en orden; el cociente solo después de comprobar las notas.

    Lanza :class:`CalificacionesDistintas` (después de producir las diferencias) si algún
    estudiante recibió una nota distinta en algún ejercicio.
    """
    from autograder.calificar import calificar
    from autograder.curso import asignaciones

    cuales = asignaciones()
    if os.environ.get("BENCH_LECCIONES"):
        cuales = [a for a in cuales if a.startswith(tuple(os.environ["BENCH_LECCIONES"].split(",")))]
    yield "nucleos_cpu", float(os.cpu_count() or 1)
    yield "estudiantes_por_leccion", float(ESTUDIANTES)
    yield "segundos_arranque_nucleo_vacio", _nucleo_vacio()
    piso = _nucleo_aislado()
    yield "segundos_arranque_nucleo_aislado", piso
    with tempfile.TemporaryDirectory(prefix="bench-calificacion-") as tmp:
        tmp = Path(tmp)
        casos = _curso(tmp / "plano", cuales)
        _curso(tmp / "nuestro", cuales)
        yield "casos_por_leccion", " ".join(f"{a[:2]}:{len(set(c.values()))}" for a, c in casos.items())

        carga_inicial = os.getloadavg()[0]
        t_plano, plano_por_leccion = _nbgrader_secuencial(tmp / "plano")
        t_nuestro, nuestro_por_leccion = 0.0, {}
        for asignacion in cuales:
            inicio = time.perf_counter()
            calificar(tmp / "nuestro", asignacion)
            nuestro_por_leccion[asignacion] = time.perf_counter() - inicio
            t_nuestro += nuestro_por_leccion[asignacion]
        carga_final = os.getloadavg()[0]

        # Por lección: segundos por cuaderno de cada brazo y cuántos arranques de un núcleo aislado vacío valen.
        for asignacion in cuales:
            por_cuaderno = nuestro_por_leccion[asignacion] / ESTUDIANTES
            yield f"segundos_por_cuaderno_calificar_{asignacion[:2]}", por_cuaderno
            yield f"segundos_por_cuaderno_nbgrader_{asignacion[:2]}", plano_por_leccion.get(asignacion, 0.0) / ESTUDIANTES
            yield f"arranques_por_cuaderno_calificar_{asignacion[:2]}", por_cuaderno / piso
        cuadernos = ESTUDIANTES * len(cuales)
        yield "cuadernos", float(cuadernos)
        yield "segundos_nbgrader_secuencial", t_plano
        yield "segundos_calificar", t_nuestro
        yield "segundos_por_cuaderno_nbgrader", t_plano / cuadernos
        yield "segundos_por_cuaderno_calificar", t_nuestro / cuadernos
        yield "carga_media_1min_inicio", carga_inicial
        yield "carga_media_1min_final", carga_final

        plano, nuestro = _notas(tmp / "plano"), _notas(tmp / "nuestro")
        diferencias = _diferencias(plano, nuestro, casos)
        yield "notas_comparadas", float(len(plano.keys() | nuestro.keys()))
        yield "puntos_totales_nbgrader", sum(p for p, _ in plano.values())
        yield "puntos_totales_calificar", sum(p for p, _ in nuestro.values())
        inesperadas = _inesperadas(plano, casos)
        yield "mismas_calificaciones", 0.0 if diferencias or not plano else 1.0
        for linea in diferencias:
            yield "diferencia", linea
        for linea in inesperadas:
            yield "nota_inesperada", linea
        if diferencias or inesperadas or not plano:
            raise CalificacionesDistintas(
                f"{len(diferencias)} notas distintas de {len(plano)} y {len(inesperadas)} entregas con una nota que su "
                "caso no admite: no se reporta el cociente de velocidad")
        yield "calificacion_paralela_vs_nbgrader", t_plano / t_nuestro


if __name__ == "__main__":
    from herramientas.bench import correr

    sys.exit(correr(["bench_calificacion"]))
